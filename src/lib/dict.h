/*
 * dict.h - house word files: the dictionaries named by `dictionaries:` in
 * rrm.yml (by default every dict/NAME.dic) and the spelling.reject list. The
 * one reader of their lines and comments, used by the spelling check and by
 * rrm dict, and the one writer, used by rrm dict add and the language
 * server's "add to the dictionary" (rrm_dict_add_words): sorted, repeats
 * merged, comments kept, replaced atomically.
 *
 * The format: UTF-8 text, one entry a line. A byte order mark at the very
 * start is skipped. Text from a '#' to the end of its line is a comment,
 * wherever the '#' is. White space around an entry is ignored. A line with no
 * entry (blank, or only a comment) is a comment line: those before the first
 * entry are the file's header, those after the last its tail, and the others
 * belong to the entry below them. A comment after an entry stays on its line.
 * What an entry means (a word, a word with hunspell affix flags, a count
 * line, a "word -> hint" rule) is for the caller.
 */
#ifndef RRM_DICT_H
#define RRM_DICT_H

#include <stdbool.h>
#include <stddef.h>

/* The longest word the spelling check takes from a word file, in bytes. */
#define RRM_DICT_MAX_WORD 100
/* The largest word file read, in bytes. */
#define RRM_DICT_MAX_FILE (64u * 1024 * 1024)

struct rrm_dict_entry {
	char *text;       /* the line before any '#', without the white space around it */
	char *key;        /* its Unicode case folding: what it is sorted by first */
	char *comments;   /* the comment lines just above it, each with its newline; or NULL */
	char *trailing;   /* the comment after it on its line, blanks before the '#'
			     included ("  # a name"); or NULL */
	int line, column; /* where the entry starts, 1-based (column in code points); 0: added */
	size_t offset;    /* and its byte offset in the file */
	bool bad_utf8;    /* its line is not valid UTF-8 or holds a NUL byte */
};

struct rrm_dict {
	bool bom;     /* the file started with a byte order mark (written back) */
	char *header; /* the comment lines before the first entry ("" when none) */
	char *tail;   /* the comment lines after the last entry ("" when none) */
	struct rrm_dict_entry *v;
	size_t n, cap;
	int bad_line; /* the first line, comment lines included, that is not valid UTF-8
			 or holds a NUL byte; 0 when none */
	bool bad_nul; /* that line's fault is a NUL byte */
};

/* An empty word file. */
void rrm_dict_init(struct rrm_dict *d);
/* Reads a word file from text `len` bytes long (which may hold NUL bytes). */
void rrm_dict_parse(struct rrm_dict *d, const char *text, size_t len);
/*
 * Reads the word file at `path`. Returns 0, or an errno value with `d` empty:
 * ENOENT when there is no such file, EFBIG when it is larger than
 * RRM_DICT_MAX_FILE.
 */
int rrm_dict_read(struct rrm_dict *d, const char *path);
void rrm_dict_release(struct rrm_dict *d);

/* Appends an entry, with no comment (unsorted until rrm_dict_sort). */
void rrm_dict_add(struct rrm_dict *d, const char *text, size_t len);
/* True when an entry is `text`, byte for byte. */
bool rrm_dict_has(const struct rrm_dict *d, const char *text);
/* The order of entries: by key (bytes of the case folding), then by their own bytes. */
int rrm_dict_cmp(const struct rrm_dict_entry *a, const struct rrm_dict_entry *b);
/*
 * Sorts the entries and merges repeats (the same text) into one, keeping the
 * comment lines of each and its comment after the word (a second, different
 * one becomes a comment line above it).
 */
void rrm_dict_sort(struct rrm_dict *d);
/* The file's text: header, each entry with its comments, tail. A new string. */
char *rrm_dict_text(const struct rrm_dict *d);
/*
 * Writes the file at `path` atomically (rrm_file_replace), creating its
 * folders. Returns 0 or an errno value; on error the old file is unchanged.
 */
int rrm_dict_write(const struct rrm_dict *d, const char *path);

/*
 * Why `w` (`n` bytes) cannot be a word of a word file: it holds white space
 * or a control character, or is longer than RRM_DICT_MAX_WORD bytes. NULL
 * when it can. The messages are those of the spelling check.
 */
const char *rrm_dict_word_problem(const char *w, size_t n);
/*
 * True when `w` is a word as rrm dict writes it: not empty, valid UTF-8, and
 * no problem above, no '#' and no '/' (no hunspell affix flags).
 */
bool rrm_dict_plain_word(const char *w);

struct rrm_config;
/*
 * The house dictionary words are added to: the first of `dictionaries:` in
 * rrm.yml (a glob's first match; dict/house.dic when it is a glob matching
 * nothing), as a path under the site root. A new string. It may lead outside
 * the site (check with rrm_path_leads_out before writing it).
 */
char *rrm_dict_house_path(const struct rrm_config *c);

/* What rrm_dict_add_words did. */
enum rrm_dict_add_status {
	RRM_DICT_ADDED = 0,      /* the file was written (sorted), `added` words new */
	RRM_DICT_ADD_BAD_WORD,   /* words[bad] is no plain word: nothing read or written */
	RRM_DICT_ADD_UNREADABLE, /* `error` (an errno value) reading it: nothing written */
	RRM_DICT_ADD_DECLINED,   /* the confirm callback said no: nothing written */
	RRM_DICT_ADD_UNWRITABLE  /* `error` writing it: the old file is unchanged */
};

struct rrm_dict_add_result {
	size_t added; /* words that were not in the file */
	size_t bad;   /* RRM_DICT_ADD_BAD_WORD: the index of the first word refused */
	int error;    /* RRM_DICT_ADD_UNREADABLE, _UNWRITABLE: an errno value */
};

/*
 * Adds `n` words to the word file at `path` (a missing file is an empty
 * one), as rrm dict add does: each must be a plain word
 * (rrm_dict_plain_word); those already there are not added again; the
 * entries are sorted (rrm_dict_sort) and the file written atomically
 * (rrm_dict_write). `confirm` (may be NULL) is called once the words are
 * added, before anything is written, with the dictionary and the index of
 * its first new entry (the new ones follow, in the order given); when it
 * returns false nothing is written. Returns an enum rrm_dict_add_status.
 */
int rrm_dict_add_words(const char *path, char *const *words, size_t n,
		       bool (*confirm)(void *ctx, const struct rrm_dict *d, size_t first_new),
		       void *ctx, struct rrm_dict_add_result *r);

#endif
