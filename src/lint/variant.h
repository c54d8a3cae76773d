/*
 * variant.h - whether two capitalised names are transliteration variants of
 * one name (Qaddafi and Gaddafi, Hussein and Husain), for the checks that
 * want one spelling of a name within an article. A pure function of its
 * arguments: no allocation, no state, safe from any thread. Any rrm source
 * file may include it. The rules and the reasons for them are at the top of
 * variant.c.
 */
#ifndef RRM_LINT_VARIANT_H
#define RRM_LINT_VARIANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RRM_VARIANT_MAX 64 /* longer names (bytes) are never variants */
#define RRM_VARIANT_SYMBOLS (RRM_VARIANT_MAX * 4)

/* A name folded once for many comparisons: its letters in lower case without accents. */
struct rrm_name_form {
	int32_t sym[RRM_VARIANT_SYMBOLS];
	bool word_start[RRM_VARIANT_SYMBOLS]; /* first of the name or after a hyphen or space */
	size_t n, letters;
};

/* Folds s[0..n) into *f; false when it can be no name (too long, invalid, no letter). */
bool rrm_name_form(const char *s, size_t n, struct rrm_name_form *f);
/* rrm_name_variant_key of a folded name. */
int rrm_name_form_key(const struct rrm_name_form *f);
/* rrm_name_variant of two folded names (the caller rules out identical strings). */
bool rrm_name_variant_of(const struct rrm_name_form *a, const struct rrm_name_form *b);

/*
 * Whether a[0..alen) and b[0..blen), two capitalised names in UTF-8, are two spellings
 * of one name (transliteration variants). Symmetric; false for identical strings,
 * invalid UTF-8, or either longer than RRM_VARIANT_MAX.
 */
bool rrm_name_variant(const char *a, size_t alen, const char *b, size_t blen);

/*
 * The class of a name's first letter after folding (vowels are one class,
 * q/k/g one, d/z one, f/p one), or -1 when it can be no name: two names of
 * different classes are never variants, so callers compare within a class.
 */
int rrm_name_variant_key(const char *s, size_t n);

#endif
