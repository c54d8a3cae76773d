/*
 * anchor.h - heading ids as each site generator makes them (Hugo's github,
 * github-ascii and blackfriday types, Jekyll's kramdown GFM parser, kramdown,
 * and GitHub), with each one's explicit-id syntax and duplicate rule.
 * The algorithms and test vectors are in ANCHORS.md beside the project.
 */
#ifndef RRM_ANCHOR_H
#define RRM_ANCHOR_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/article.h"
#include "lib/config.h"

/*
 * The ids of a page's headings, in order. ids[i] is a new string, or NULL
 * when the generator gives heading i no id; dup[i] is true when ids[i]
 * repeats an earlier id of the page (a link reaches only the first).
 * Definition-list terms get ids only with `term_ids` and a Hugo algorithm
 * (Hugo's autoDefinitionTermID).
 * A Hugo heading that holds a shortcode and no explicit id gets a pattern:
 * RRM_ID_PATTERN, then the id with '*' where the shortcode's output goes
 * ("\x01foo-*-bar"), matched by rrm_anchor_match. A kramdown IAL id
 * (rrm_heading.ial_id) is the heading's id with the kramdown algorithms.
 */
#define RRM_ID_PATTERN '\x01'
void rrm_anchor_page(enum rrm_anchors alg, bool term_ids, const struct rrm_heading *h, size_t n,
		     char **ids, bool *dup);

/*
 * Applies kramdown's options (Jekyll's kramdown.auto_ids and auto_id_prefix)
 * to ids made by rrm_anchor_page with a kramdown algorithm: without
 * `auto_ids` only explicit {#id}s stay; `prefix` goes before the others.
 */
void rrm_anchor_kramdown_options(enum rrm_anchors alg, const struct rrm_heading *h, size_t n,
				 char **ids, bool auto_ids, const char *prefix);

/* True when `id` is an id pattern of rrm_anchor_page. */
static inline bool rrm_anchor_is_pattern(const char *id)
{
	return id[0] == RRM_ID_PATTERN;
}

/* True when `fragment` is an id that pattern `pattern` (with its mark) stands for. */
bool rrm_anchor_match(const char *pattern, const char *fragment);

#endif
