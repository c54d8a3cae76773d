/*
 * move.h - moving or renaming an article (rrm mv): the plan, computed in
 * memory against the site index (the moved file or page bundle, the new
 * text of the moved article with its slug, url and alias, and the new text
 * of every file whose links lead to it), then written all or nothing.
 * Only cmd/mv.c includes it; nothing here prints.
 *
 * The rules (rrm-mv(1)):
 * - The moved unit is the article's file, or for a leaf bundle (index.md)
 *   its whole folder; a branch bundle (_index.md) is refused.
 * - Front matter is edited in place, byte for byte elsewhere: a `slug`
 *   equal to the old file's slug becomes the new file's slug; a `url` or
 *   `permalink` whose last part is the old slug gets the new one; when the
 *   URL changes (and the article is no draft), the old URL is appended to
 *   `aliases` (Hugo and plain sites) or `redirect_from` (Jekyll), a flow
 *   or block list, a single value turned into a list, or the key added.
 * - Every link leading to the article, or to a file of its bundle, is
 *   rewritten in its own form: a relative path from the linking file's
 *   folder, a relative URL from its page's URL, a root-absolute URL, an
 *   absolute URL on base_url, a {{< ref >}} content path, {% link %} and
 *   {% post_url %}; its ?query and #anchor, its trailing slash and a
 *   leading "./" are kept. The moved article's own relative links are
 *   recomputed from its new place.
 * - Writing: every new text is first written to a hidden temporary file
 *   (.rrm-tmp-*) beside its target, and each file replaced is kept as a
 *   hard link, so that a failure up to then changes nothing; only then are
 *   the files renamed into place, the article moved (git mv in a git
 *   repository, where it is tracked), and the kept links removed. A
 *   failure among the renames is undone with renames.
 */
#ifndef RRM_LINT_MOVE_H
#define RRM_LINT_MOVE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/config.h"

/* A file the move writes, with its new text. */
struct rrm_move_edit {
	char *file; /* relative to the site root: where the text goes */
	char *text;
	size_t len;
	size_t links;      /* links rewritten in it */
	bool front_matter; /* the moved article's front matter changed */
};

/* A link the move could not rewrite (left as it is). */
struct rrm_move_warning {
	char *file; /* relative to the site root */
	int line;
	char *message;
};

struct rrm_move_plan {
	char *from, *to;                 /* the moved file or bundle folder, from the root */
	char *from_article, *to_article; /* the article's file before and after */
	bool bundle;
	bool git; /* moved with git mv */
	char *old_url, *new_url;
	char *alias;                  /* the alias added, or NULL */
	const char *alias_key;        /* "aliases" or "redirect_from" */
	struct rrm_move_edit article; /* the moved article's new text (at to_article) */
	struct rrm_move_edit *edits;  /* the other files changed, in file order */
	size_t n_edits;
	struct rrm_move_warning *warnings;
	size_t n_warnings;
};

enum {
	RRM_MOVE_OK = 0,
	RRM_MOVE_REFUSED = 1, /* a refusal (*err says why); nothing written */
	RRM_MOVE_ERROR = 2    /* the site cannot be read, or a write failed and was undone */
};

/*
 * Computes the plan for moving `from` to `to` (paths absolute, or relative
 * to the folder `cwd`; messages name them as given) in the site `c`;
 * writes nothing. Returns RRM_MOVE_OK,
 * or a status with *err set (a new string). The plan is always safe to
 * release.
 */
int rrm_move_plan(const struct rrm_config *c, const char *cwd, const char *from, const char *to,
		  struct rrm_move_plan *p, char **err);
/* Writes the plan: all of it, or (RRM_MOVE_ERROR, *err set) none of it. */
int rrm_move_apply(const struct rrm_config *c, const struct rrm_move_plan *p, char **err);
void rrm_move_plan_release(struct rrm_move_plan *p);

#endif
