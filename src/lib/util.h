/*
 * util.h - small shared helpers of the rrm library: allocation, growable
 * buffers, UTF-8, paths and file reading. Any rrm source file may include it.
 */
#ifndef RRM_UTIL_H
#define RRM_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Allocation. These never return NULL: on exhaustion they call the handler
 * set with rrm_set_oom_handler() (the command line prints a message and exits
 * 2), or abort() when none is set. The library itself never prints.
 */
void rrm_set_oom_handler(void (*handler)(void));
void *rrm_malloc(size_t n);
void *rrm_calloc(size_t count, size_t size);
void *rrm_realloc(void *p, size_t n);
/* Grows an array to hold at least `need` elements of `size` bytes. */
void *rrm_grow(void *p, size_t *cap, size_t need, size_t size);
char *rrm_strdup(const char *s);
char *rrm_strndup(const char *s, size_t n);
/* printf into a new string; the caller frees it. */
char *rrm_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A growable byte buffer. Invariant: `data` is never NULL after
 * rrm_buf_init() and is always NUL-terminated at `len`.
 */
struct rrm_buf {
	char *data;
	size_t len;
	size_t cap;
};

void rrm_buf_init(struct rrm_buf *b);
void rrm_buf_release(struct rrm_buf *b);
void rrm_buf_add(struct rrm_buf *b, const char *s, size_t n);
void rrm_buf_adds(struct rrm_buf *b, const char *s);
void rrm_buf_addc(struct rrm_buf *b, char c);
void rrm_buf_addf(struct rrm_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends `s` as a JSON string literal, quotes included. */
void rrm_buf_add_json(struct rrm_buf *b, const char *s);
/*
 * Appends `s` for a terminal: control characters, invalid UTF-8, C1 controls,
 * line/paragraph separators and bidirectional overrides are written as
 * visible escapes (\x1b, \u{2028}), so that no file can drive the terminal.
 */
void rrm_buf_add_safe(struct rrm_buf *b, const char *s);
/* Hands the string to the caller; `b` is left released (init it to reuse). */
char *rrm_buf_detach(struct rrm_buf *b);

/* UTF-8. */
/*
 * Returns the byte offset of the first invalid UTF-8 sequence or NUL byte in
 * s[0..n), or n when the text is clean. Overlong forms, surrogates and code
 * points above U+10FFFF are invalid. *is_nul tells which fault it was.
 */
size_t rrm_utf8_check(const char *s, size_t n, bool *is_nul);
/* Number of code points in s[0..n) (valid UTF-8 assumed; each stray byte counts 1). */
size_t rrm_utf8_count(const char *s, size_t n);
/* Decodes one code point at s (n bytes available); returns its length (>= 1). */
size_t rrm_utf8_decode(const char *s, size_t n, int32_t *cp);

/*
 * The Levenshtein distance of two short strings (bytes; with `fold`, ASCII
 * letters compared without case). Strings over 80 bytes give 999.
 */
size_t rrm_edit_distance(const char *a, const char *b, bool fold);

/* `s` case-folded (Unicode full case folding), a new string. */
char *rrm_utf8_casefold(const char *s);

/* Paths. All returned strings are new; the caller frees them. */
char *rrm_path_join(const char *a, const char *b);
/*
 * Lexically normalises a path: removes "." parts, folds "x/.." and repeated
 * slashes. A relative path that climbs above its start keeps its leading
 * "..". Does not touch the file system.
 */
char *rrm_path_normalize(const char *p);
/* Absolute, normalised form of `p` taken relative to `base` (or the cwd). */
char *rrm_path_absolute(const char *p, const char *base);
/* `path` relative to `from` (both absolute and normalised), with ".." where needed. */
char *rrm_path_relative(const char *path, const char *from);
/* True when absolute `path` is `dir` or lies below it. */
bool rrm_path_is_under(const char *path, const char *dir);
/*
 * True when `path` exists and, symbolic links resolved, lies outside `root`
 * (symbolic links resolved too). A path that does not exist is not outside.
 */
bool rrm_path_leads_out(const char *path, const char *root);
/* Pointer to the last component of `p`. */
const char *rrm_path_base(const char *p);

/*
 * Glob match as used by `exclude:` and `ignore_links:`: `*` and `?` match
 * within one path part, `**` any number of parts, `[...]` a set. Time is at
 * most the path's length times the pattern's, whatever the pattern.
 */
bool rrm_glob_match(const char *pattern, const char *path);

/*
 * Hashes. rrm_hash64 is the fast one (8 bytes at a time), for hash tables
 * (lib/map.c) and the lint cache (contents and integrity; its values are on
 * disk there: a change to it bumps the cache's FORMAT). `h` seeds it, or
 * chains it to an earlier call.
 */
uint64_t rrm_hash64(uint64_t h, const void *p, size_t n);
/*
 * FNV-1a, 64 bits, continued from `h` (start with RRM_FNV64_INIT): the stable
 * hash of finding fingerprints, which baseline files hold, and of the
 * speller's identity. Never change it.
 */
#define RRM_FNV64_INIT 0xcbf29ce484222325ULL
uint64_t rrm_fnv64(uint64_t h, const void *p, size_t n);

/* Files. */
#define RRM_MAX_FILE_SIZE (16u * 1024u * 1024u)
enum rrm_read_status {
	RRM_READ_OK = 0,
	RRM_READ_ERRNO,    /* open/read failed: see *err */
	RRM_READ_TOO_LARGE /* larger than the cap */
};
/*
 * Reads a whole regular file of at most `cap` bytes into a new NUL-terminated
 * buffer. On failure *err holds errno: EISDIR for a folder, EINVAL for
 * anything else that is not a regular file, EFBIG when over the cap.
 */
enum rrm_read_status rrm_read_file(const char *path, size_t cap, char **out, size_t *len, int *err);

#endif
