/*
 * hugo.h - Hugo's own configuration (hugo.toml|yaml|yml|json, config.*,
 * config/_default/ with its per-key files, config/production/ over it) read
 * into rrm's settings, Hugo's URL model, and netlify.toml's redirects.
 */
#ifndef RRM_HUGO_H
#define RRM_HUGO_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/config.h"
#include "lib/yaml.h"

/*
 * Reads the Hugo configuration in c->root into `c` (before rrm.yml), recording
 * each value's origin and a note for each setting rrm cannot honour. Returns
 * 0, or -1 with `err` filled (absolute file, line, column, message).
 */
int rrm_hugo_load(struct rrm_config *c, struct rrm_config_error *err);

/*
 * Reads c->root/netlify.toml, when there is one, into c->redirects_from (the
 * `from` of each [[redirects]], with positions). Returns 0, or -1 with `err`.
 */
int rrm_netlify_load(struct rrm_config *c, struct rrm_config_error *err);

/* Frees what rrm_hugo_load and rrm_netlify_load put in `c`. */
void rrm_hugo_release(struct rrm_config *c);

/*
 * The URL of a page as Hugo publishes it: `rel` relative to content_dir, `fm`
 * its front matter (keys case-insensitive: url, slug, title, date). Permalink
 * patterns from c->permalinks with Hugo's tokens; uglyURLs; the language
 * prefix; baseURL's path. A new string starting with '/'.
 */
char *rrm_hugo_url(const struct rrm_config *c, const char *rel, const struct rrm_node *fm);

/* True when `name` (len bytes, no ':') is a permalink token Hugo knows. */
bool rrm_hugo_token(const char *name, size_t len);

/*
 * True when Hugo does not build the page: a draft (without buildDrafts), a
 * future date (without buildFuture), an expiry date in the past (without
 * buildExpired). Links to it are then link/draft findings.
 */
bool rrm_hugo_unbuilt(const struct rrm_config *c, const struct rrm_node *fm);

/* The value of `key` in a front-matter MAP, ignoring letter case (Hugo's rule). */
const struct rrm_node *rrm_hugo_fm_get(const struct rrm_node *fm, const char *key);

/*
 * Calls fn with each URL Hugo generates besides pages: /index.xml (RSS),
 * /sitemap.xml, /robots.txt (enableRobotsTXT), /404.html and the taxonomy
 * list pages (/tags/), each with the base path and language prefix.
 */
/*
 * Calls fn with the URL of each term page that the front matter `fm` of a
 * built page makes Hugo write (tags: [Go, Web Dev] -> /tags/go/, /tags/web-dev/).
 */
void rrm_hugo_terms(const struct rrm_config *c, const struct rrm_node *fm,
		    void (*fn)(void *ctx, const char *url), void *ctx);
/*
 * What the index keeps of a Hugo page beyond rrm_page_meta_from: whether Hugo
 * builds it (no draft, future or expired page) and, for a built page, the
 * term pages its front matter makes (rrm_hugo_terms) and the list page of
 * its section (a top folder is a section even without an _index.md). `rel`
 * is the page's path in the content tree, or NULL.
 */
struct rrm_page_meta;
void rrm_hugo_page_meta(const struct rrm_config *c, const char *rel, const struct rrm_node *fm,
			struct rrm_page_meta *m);
void rrm_hugo_served(const struct rrm_config *c, void (*fn)(void *ctx, const char *url), void *ctx);

#endif
