/*
 * spell.h - the only owner of hunspell. Finds and loads the dictionaries
 * named in rrm.yml, adds the house words, keeps a cache of every distinct
 * word looked up, splits prose into words, and decides which words (or parts
 * of words) are unknown, rejected, or a -ize variant.
 */
#ifndef RRM_SPELL_H
#define RRM_SPELL_H

#include <stdbool.h>
#include <stddef.h>

#include <stdint.h>

#include "lib/config.h"
#include "lib/map.h"

/* hunspell's version as found by pkg-config at build time (hunspell has no runtime query). */
const char *rrm_hunspell_version(void);
/* utf8proc's version, at run time. */
const char *rrm_utf8proc_version(void);

/* Tokens. */

/* Flags of a token given to the callback of rrm_words. */
enum {
	RRM_WORD_SENTENCE_START = 1 << 0, /* first word of a sentence */
	RRM_WORD_DOT = 1 << 1             /* a full stop follows ("etc.") */
};

/*
 * Splits prose into candidate words: letters, combining marks (with the
 * letter they follow) and digits, joined by inner apostrophes (' ’ ‘ ʼ) and
 * hyphens. Skips, as whole chunks, URLs, e-mail addresses, file paths,
 * template code ({{ }}, {% %}), footnote labels ([^x]), dotted
 * abbreviations (U.S., e.g.) and emoji codes (:smile:, :+1:: a-z 0-9 _ + -
 * between colons, not glued to a word). Calls `cb` with each word's byte
 * offset and length in `text`.
 */
void rrm_words(const char *text, size_t len,
	       void (*cb)(void *ctx, size_t off, size_t len, unsigned flags), void *ctx);

/* Where the template code ({{ }}, {% %}) or attribute list ({.x}, {: #id}) at text[i] ends, or i.
 */
size_t rrm_words_code_end(const char *text, size_t len, size_t i);
/*
 * Whether s[0..n), a chunk of prose between blanks, is one rrm_words skips
 * whole: a URL, e-mail address, file path, @mention, identifier or dotted name.
 */
bool rrm_words_skip_chunk(const char *s, size_t n);

/* A word as it is looked up and recorded: `w` (`n` bytes) in Unicode NFC, as a new string. */
char *rrm_word_nfc(const char *w, size_t n);

/* The speller. */

struct rrm_speller;

/* A set of words accepted in one article (its front-matter word list). */
struct rrm_wordset;
struct rrm_wordset *rrm_wordset_new(void);
void rrm_wordset_add(struct rrm_wordset *s, const char *word, size_t len);
void rrm_wordset_free(struct rrm_wordset *s);

struct rrm_spell_error {
	char *file; /* the file at fault (rrm.yml, a dictionary), or NULL */
	int line, column;
	char *message;
};
void rrm_spell_error_release(struct rrm_spell_error *e);

/*
 * The hunspell dictionary of a site's locale ("en-US", "en_us": "en_US") when
 * it is installed; NULL for a bare language ("en") or a missing dictionary.
 */
char *rrm_spell_locale_dictionary(const char *locale);

/*
 * Loads the `language` dictionaries (from $DICPATH, /usr/share/hunspell,
 * /usr/share/myspell), the house dictionaries and the reject list of `c`.
 * Returns NULL with `err` filled when something is missing or malformed.
 */
struct rrm_speller *rrm_speller_open(const struct rrm_config *c, struct rrm_spell_error *err);
void rrm_speller_free(struct rrm_speller *sp);
/*
 * For a command that exits when its run ends: spellers freed from now on
 * leave their loaded dictionaries to the end of the process (freeing them
 * costs as much as loading them).
 */
void rrm_spell_keep_at_exit(void);

/*
 * The dictionaries themselves are loaded (tens of milliseconds) only when a
 * word is not found in the speller's verdicts, in `prior`, in the house words
 * or in a dictionary's word table (lib/wordtab.h: made when a dictionary is
 * first loaded, kept in the user's cache folder).
 *
 * rrm_speller_id: a hash of what the verdicts depend on (the dictionary files'
 * paths, sizes and times, the house words, the reject list, the version of
 * the way prose is split into words and findings), for a cache.
 * rrm_speller_set_prior: verdicts of an earlier run with the same id (word ->
 * 1 known, 2 unknown), read only, may be shared by several spellers.
 * rrm_speller_verdicts: the words this speller looked up, with their verdicts.
 */
uint64_t rrm_speller_id(const struct rrm_speller *sp);
void rrm_speller_set_prior(struct rrm_speller *sp, const struct rrm_map *prior);
/*
 * Starts loading the dictionaries of `sp` on a thread of their own, for a
 * run that will likely need them and has a core to spare, when every one of
 * them has a word table (else nothing): the first word that needs hunspell
 * then waits for that load instead of starting one. The speller is still
 * used from one thread at a time.
 */
void rrm_speller_preload(struct rrm_speller *sp);
const struct rrm_map *rrm_speller_verdicts(const struct rrm_speller *sp);

/* What is wrong with (a part of) a word. */
enum rrm_spell_problem { RRM_SPELL_UNKNOWN, RRM_SPELL_REJECTED, RRM_SPELL_VARIANT };

/*
 * Checks one token from rrm_words. For each part at fault, calls `report`
 * with the part's byte offset and length in `word`, the problem, and a hint
 * (the replacement for REJECTED or VARIANT; NULL for UNKNOWN).
 * `extra` (may be NULL) holds the article's own accepted words.
 */
void rrm_speller_check(struct rrm_speller *sp, const char *word, size_t len, unsigned flags,
		       const struct rrm_wordset *extra,
		       void (*report)(void *ctx, size_t off, size_t len, enum rrm_spell_problem,
				      const char *hint),
		       void *ctx);

/*
 * Up to `max` suggestions for an unknown word (house words included), as new
 * strings in `out`; returns how many. Words one edit away come first and
 * cost little; with `deep`, when there are none, hunspell's own suggestions
 * (tens of milliseconds a word) are used. `near` (may be NULL) is set when
 * the suggestions are words one edit away (the same with or without `deep`).
 */
size_t rrm_speller_suggest(struct rrm_speller *sp, const char *word, char **out, size_t max,
			   bool deep, bool *near);

/*
 * Suggestions one edit away cost about 2 ms a distinct word, hunspell's own
 * (deep) ones 20 to 200 ms: a run looks suggestions up for at most
 * SUGGEST_MAX distinct words, the most frequent first, and uses deep ones
 * only when it has at most DEEP distinct unknown words (a writer's run).
 */
#define RRM_SPELL_SUGGEST_MAX 100
#define RRM_SPELL_DEEP_SUGGESTIONS 8

/* The house words (NFC, without hunspell flags), in the dictionaries' order. */
const char *const *rrm_speller_house_words(const struct rrm_speller *sp, size_t *n);

/*
 * Data a check derives from the speller's words once (an index of the house
 * names), kept with the speller and released with it (or when replaced).
 */
void *rrm_speller_attachment(const struct rrm_speller *sp);
void rrm_speller_attach(struct rrm_speller *sp, void *data, void (*release)(void *));

/* True when the dictionaries (house words included) accept `word` as it is. */
bool rrm_speller_known(struct rrm_speller *sp, const char *word);

/* Counters for the benchmark: tokens checked, distinct words, hunspell lookups. */
struct rrm_spell_stats {
	size_t tokens, distinct, lookups;
	bool loaded;          /* the dictionaries were loaded (a run may not need them) */
	double load_seconds;  /* how long loading them took */
	size_t table_hits;    /* distinct words a word table or the house words accepted */
	size_t tables;        /* dictionaries with a word table (lib/wordtab.h) */
	double table_seconds; /* how long making word tables took (first run only) */
};
void rrm_speller_stats(const struct rrm_speller *sp, struct rrm_spell_stats *st);

#endif
