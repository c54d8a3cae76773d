/*
 * fix.h - rrm lint --fix and --diff: the repairs of the findings that have
 * one right answer, applied to the files (or shown as a unified diff).
 *
 * The repairs are the preferred edits lint/actions.c offers for the rules
 * rrm_fix_rule accepts: house forms (style/prefer, spelling/rejected with a
 * hint, spelling/variant), quotes, a repeated word, a name's other spelling
 * when there is one, a link's letter case, a link to an old URL. Never a
 * spelling guess (spelling/unknown-word). Each file is read, linted against
 * the site in memory and mended again until nothing more is to mend (a few
 * rounds at most: a repair may uncover another); two repairs of one round
 * that overlap keep the first. A file is then written atomically, only when
 * it changed, byte for byte elsewhere (a BOM, CRLF and trailing blanks kept),
 * and not at all when it changed on disk since it was read (RRM_FAULT=changed
 * in the environment makes it change then, for the tests).
 */
#ifndef RRM_LINT_FIX_H
#define RRM_LINT_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/config.h"
#include "lib/diag.h"
#include "lib/util.h"
#include "lint/run.h"

/* Whether --fix applies the repairs of `rule`. */
bool rrm_fix_rule(enum rrm_rule_id rule);

struct rrm_fix_stats {
	size_t files;                   /* files mended (or, with a diff, to mend) */
	size_t fixes;                   /* repairs applied */
	size_t by_rule[RRM_RULE_COUNT]; /* the repairs by rule */
	size_t stale;                   /* files changed on disk meanwhile: left alone */
	size_t failed;                  /* files that could not be read or written */
};

/*
 * Mends the files of the findings in `found` (a run with `c` and `o`: their
 * paths are shown relative to o->start). With `anchors` (--fix-anchors),
 * also the links to a heading whose id a change renamed (the link/anchor
 * findings of a --changed run that carry the new id as their fix); a file
 * with only those is mended in them only. With `diff`, nothing is written:
 * the unified diff of every change ("a/PATH", "b/PATH", paths as shown) is
 * appended to it. What could not be done is said on stderr ("rrm: ...").
 * Returns 0, or RRM_LINT_ERROR with `err` set (the site could not be read).
 */
int rrm_lint_fix(const struct rrm_config *c, const struct rrm_lint_options *o,
		 const struct rrm_sink *found, bool anchors, struct rrm_buf *diff,
		 struct rrm_fix_stats *st, struct rrm_lint_error *err);

/*
 * The unified diff (3 lines of context) of `a` into `b`, appended to `out`
 * under the header "--- a/NAME" "+++ b/NAME"; nothing when they are equal.
 */
void rrm_unified_diff(struct rrm_buf *out, const char *name, const char *a, size_t alen,
		      const char *b, size_t blen);

#endif
