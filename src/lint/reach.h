/*
 * reach.h - which unchanged articles may link to the changed ones.
 *
 * `rrm lint --staged` and `--changed` check the links of every unchanged
 * article that the change may have broken. Parsing all of them costs more
 * than the rest of a pre-commit run, yet a link can reach a page only by
 * naming it: its URL's last part, a file name, an alias, a redirect to it;
 * or, without any name, by dot segments ("..", "./") from a page below it.
 * A reach set holds those names (case-folded, also percent-encoded) and the
 * folders of those URLs; an article whose text holds none of the names and
 * whose URL is below none of the folders has no link a change could break.
 */
#ifndef RRM_REACH_H
#define RRM_REACH_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/site.h"

/* At most this many names; past it the set reaches every article. */
#define RRM_REACH_MAX_NAMES 64

struct rrm_reach {
	char **names; /* ASCII lower case */
	size_t n_names;
	char **folders; /* "/a/b/": a URL of a changed page, as a folder */
	size_t n_folders;
	bool all; /* every article may link to the changed ones (the home page, a bundle head) */
};

void rrm_reach_init(struct rrm_reach *r);
void rrm_reach_release(struct rrm_reach *r);

/* A URL ("/blog/x/", "/x.html") that a changed page is (or was) served at, or an alias of it. */
void rrm_reach_add_url(struct rrm_reach *r, const char *url);
/*
 * The file of a changed page (relative to the root): its name without the
 * extension; a bundle head (index.md, _index.md) reaches every article, as
 * its cascade and its folder's URL reach its children.
 */
void rrm_reach_add_file(struct rrm_reach *r, const char *file);
/* Page `page` of `site`: its URL, its file and every alias of it. */
void rrm_reach_add_page(struct rrm_reach *r, const struct rrm_site *site, size_t page);

/*
 * Whether an article whose source is `text` (len bytes) and whose URL is
 * `url` (NULL: it has none) may hold a link that reaches one of the set's
 * pages. False only when it cannot.
 */
bool rrm_reach_may_link(const struct rrm_reach *r, const char *text, size_t len, const char *url);
/* Whether `text` (len bytes) holds one of the names of `r`, in any case of ASCII letters. */
bool rrm_reach_names_in(const struct rrm_reach *r, const char *text, size_t len);

#endif
