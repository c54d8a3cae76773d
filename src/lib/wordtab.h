/*
 * wordtab.h - a compiled table of the word forms a hunspell dictionary
 * accepts, memory-mapped in front of hunspell.
 *
 * The table is made once per dictionary version: every word of the .dic
 * with each affix of the .aff that applies to it (one prefix and one suffix
 * at most, as the .aff allows them together), in the word's own case,
 * Capitalised and in capitals, each form kept only when hunspell itself
 * accepts it. A hit is therefore hunspell's verdict; a miss says nothing (a
 * compound, a form made otherwise) and the speller asks hunspell. It is kept
 * in the user's cache folder ($XDG_CACHE_HOME/rrm, else ~/.cache/rrm), named
 * by a checksum of the .aff and .dic contents and hunspell's version, so a
 * changed dictionary gets a new table, and opening it is one mmap.
 */
#ifndef RRM_WORDTAB_H
#define RRM_WORDTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rrm_wordtab;

/* What a hit says about a form: hunspell accepts it; NOSUGGEST: never offer it as a fix. */
enum { RRM_WORDTAB_NOSUGGEST = 1 << 0 };

/*
 * The key of dictionary `base` (path without .aff/.dic): a checksum of both
 * files' contents, the table format and hunspell's version. False when a
 * file cannot be read.
 */
bool rrm_wordtab_key(const char *base, uint64_t *key);

/*
 * The table's file for `base` with `key` in the user's cache folder, as a new
 * string, or NULL when there is no cache folder (no $XDG_CACHE_HOME or $HOME,
 * or RRM_WORD_TABLE=off).
 */
char *rrm_wordtab_path(const char *base, uint64_t key);

/*
 * Maps the table at `path` made for `key`. NULL when it is missing, made for
 * another key, or malformed (every offset is checked once here).
 */
struct rrm_wordtab *rrm_wordtab_open(const char *path, uint64_t key);
void rrm_wordtab_close(struct rrm_wordtab *t);

/*
 * The flags of `w` (`n` bytes, NFC, apostrophes as ') plus one when the
 * table holds it, else 0.
 */
int rrm_wordtab_get(const struct rrm_wordtab *t, const char *w, size_t n);

/* How many forms the table holds. */
size_t rrm_wordtab_size(const struct rrm_wordtab *t);

/*
 * Makes the table of dictionary `base` at `path` (written to a temporary
 * file beside it, then renamed). `accepts(ctx, word)` is hunspell's verdict
 * on a NUL-terminated form, from a handle to which no other words were added.
 * Returns 0, or an errno value. Another process making the same table at
 * the same time is not waited for: the one that is not first returns EBUSY.
 */
int rrm_wordtab_build(const char *base, const char *path,
		      bool (*accepts)(void *ctx, const char *word), void *ctx, size_t *forms);

#endif
