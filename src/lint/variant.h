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

#define RRM_VARIANT_MAX 64 /* longer names (bytes) are never variants */

/*
 * Whether a[0..alen) and b[0..blen), two capitalised names in UTF-8, are two spellings
 * of one name (transliteration variants). Symmetric; false for identical strings,
 * invalid UTF-8, or either longer than RRM_VARIANT_MAX.
 */
bool rrm_name_variant(const char *a, size_t alen, const char *b, size_t blen);

#endif
