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
 */
void rrm_anchor_page(enum rrm_anchors alg, bool term_ids, const struct rrm_heading *h, size_t n,
		     char **ids, bool *dup);

/*
 * Applies kramdown's options (Jekyll's kramdown.auto_ids and auto_id_prefix)
 * to ids made by rrm_anchor_page with a kramdown algorithm: without
 * `auto_ids` only explicit {#id}s stay; `prefix` goes before the others.
 */
void rrm_anchor_kramdown_options(enum rrm_anchors alg, const struct rrm_heading *h, size_t n,
				 char **ids, bool auto_ids, const char *prefix);

#endif
