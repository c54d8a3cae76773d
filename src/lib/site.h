/*
 * site.h - where articles are published: the URL of an article computed
 * from rrm.yml's permalink rules and its front matter, as Hugo and Jekyll do,
 * and the index of the whole site that links are resolved against: every
 * article's URLs (aliases too), file, anchors and draft state, and every
 * other file served (static_dir at "/", files beside articles).
 */
#ifndef RRM_SITE_H
#define RRM_SITE_H

#include <stdbool.h>
#include <sys/stat.h>

#include "lib/config.h"
#include "lib/map.h"
#include "lib/util.h"
#include "lib/yaml.h"

/*
 * The URL path of an article. `rel` is the file's path relative to
 * content_dir, `fm` its front-matter root (a MAP, or NULL). Returns a new
 * string starting with '/'.
 */
char *rrm_site_url(const struct rrm_config *c, const char *rel, const struct rrm_node *fm);

/* What a file is to Hugo's page bundles, by its name alone. */
enum rrm_bundle_head {
	RRM_HEAD_NONE,
	RRM_HEAD_LEAF,  /* index.md: the folder is one page, its files the page's */
	RRM_HEAD_BRANCH /* _index.md: the folder's list page (a section) */
};
/*
 * Whether `path`'s file name is a bundle head: "index" or "_index" with an
 * extension of the articles rrm reads (.md, .markdown, .html, .htm; a
 * language as in index.de.md is Hugo's to know: lib/hugo.c).
 */
enum rrm_bundle_head rrm_site_bundle_head(const char *path);
/* Those file names, leaf heads first, NULL-terminated: the files that make a folder a page. */
extern const char *const rrm_site_bundle_heads[];

/*
 * The slug an article's file name gives it (what :slug is when front matter
 * has none): the name without its extension and without a leading date
 * "YYYY-MM-DD-"; a bundle head's is its folder's name ("" at the top).
 * `rel` is relative to content_dir. A new string.
 */
char *rrm_site_file_slug(const char *rel);

/* What the tokens of a permalink pattern stand for. */
struct rrm_permalink_vars {
	int year, month, day; /* :year, :month, :day; 0 or less: the token writes nothing */
	const char *slug;     /* :slug and :title */
	const char *section;  /* :section and :collection (a leading '_' dropped) */
	const char *filename; /* :filename */
	const char *path;     /* :path writes "path/slug" ("slug" when path is "") */
};
/*
 * Appends `pattern` to `b` with its tokens (':' and letters or '_') filled
 * in from `v`. A token whose value is NULL, and any other token, is written
 * as it is ("/:lang/" stays "/:lang/").
 */
void rrm_site_expand(struct rrm_buf *b, const char *pattern, const struct rrm_permalink_vars *v);

/* The permalink pattern that applies to a file in `section` ("" for none). */
const char *rrm_site_pattern(const struct rrm_config *c, const char *section);

/*
 * Calls fn with the absolute path and lstat(2) of every Markdown file (.md,
 * .markdown) and .html page (rrm_site_html_page) below `dir`, regular files and symbolic links
 * (which the walk never follows), except those that `exclude:` names (relative to content_dir); dot
 * folders are not entered. A folder it cannot read, or one nested deeper than RRM_WALK_MAX_DEPTH,
 * is passed with `st` NULL and `problem` saying why.
 */
#define RRM_WALK_MAX_DEPTH 64
typedef void (*rrm_walk_fn)(void *ctx, const char *abs, const struct stat *st, const char *problem);
void rrm_site_walk(const struct rrm_config *c, const char *dir, rrm_walk_fn fn, void *ctx);
/*
 * True when `abs` (below `content_abs`, both absolute) is an .html or .htm
 * page: it starts with front matter, and no folder on its way from
 * content_dir starts with '_' (but _posts and _drafts). The walk passes
 * these too; without front matter an .html file is a file served as it is.
 */
bool rrm_site_html_page(const char *abs, const char *content_abs);
/* True when `rel` (relative to content_dir) is matched by `exclude:`. */
bool rrm_site_excluded(const struct rrm_config *c, const char *rel);

/* One article in the index. */
struct rrm_page {
	char *file; /* relative to the site root */
	char *url;
	bool draft;
	bool open_ids;     /* content from {{% %}} shortcodes may add anchors */
	bool redirect;     /* redirect_to: the page is served as a redirect elsewhere, without its
			      anchors */
	char *redirect_to; /* where, as written, or NULL */
	char **ids;        /* its anchors: heading ids and HTML ids */
	size_t n_ids;
	struct rrm_map id_set; /* the same ids, for lookups (empty for short lists) */
	size_t lazy;           /* ids and open_ids not read yet: the reader's number + 1 */
};

/* Reads the ids of page `p` (rrm_site_set_ids) when a link first asks for them. */
typedef void (*rrm_site_ids_fn)(void *ctx, struct rrm_page *p, size_t number);

struct rrm_site {
	const struct rrm_config *c;
	struct rrm_page *pages;
	size_t n_pages, cap_pages;
	struct rrm_map by_url;       /* URL -> page + 1 */
	struct rrm_map by_alias;     /* URL of an alias or redirect_from entry -> page + 1 */
	struct rrm_map by_url_lower; /* lower-case URL (aliases too) -> page + 1, for link/case */
	struct rrm_map by_file;      /* article file -> page + 1 */
	struct rrm_map by_file_lower;
	struct rrm_map by_name;     /* file name without extension -> page + 1 (post_url) */
	struct rrm_map files;       /* other files: path from the root -> 1, served URL -> 2 */
	struct rrm_map files_lower; /* lower-case forms of `files` */
	/* URLs a redirect rule of the web server serves (Netlify _redirects) */
	struct rrm_map redirect_urls;   /* exact paths, trailing slash removed -> rule + 1 */
	struct rrm_redirect *redirects; /* every rule; those with * or :name are matched in order */
	size_t n_redirects, cap_redirects;
	rrm_site_ids_fn read_ids; /* for the pages whose `lazy` is set */
	void *read_ids_ctx;
};

/* A `from` path that a redirect rule serves, and where the rule is written. */
struct rrm_redirect {
	char *from;     /* decoded: "/old", "/blog/:year/:slug", or "/news/" and a splat (*) */
	char *to;       /* its target when a fixed path of the site ("/en/guide.html"), else NULL */
	char *src_file; /* relative to the site root */
	int line;
	bool pattern; /* holds * or :name */
};

void rrm_site_init(struct rrm_site *s, const struct rrm_config *c);
void rrm_site_release(struct rrm_site *s);

/*
 * Adds an article: `file` relative to the site root, `url` its URL, `fm` its
 * front matter (aliases, redirect_from, draft). Takes `ids` (n_ids strings).
 * Returns its index.
 */
size_t rrm_site_add_page(struct rrm_site *s, const char *file, const char *url,
			 const struct rrm_node *fm, char **ids, size_t n_ids);

/* What the index keeps of an article's front matter: draft, aliases and redirect_from. */
struct rrm_page_meta {
	bool draft;
	bool redirect;    /* redirect_to */
	char **aliases;   /* as written */
	bool *alias_root; /* per alias: a redirect_from entry (jekyll-redirect-from), not a Hugo
			     alias */
	size_t n_aliases;
	char *redirect_to; /* redirect_to's value, or NULL */
	char **served;     /* other URLs the page makes the generator write (Hugo term pages) */
	size_t n_served;
	/* Hugo pages that are not rendered (rrm_page_meta_unrendered): no URL of
	 * the site, though still linted */
	bool render_set;        /* build (or _build) has a render key: it decides */
	bool no_render;         /* that key is never or false */
	bool headless;          /* headless: true (a leaf bundle's index.md) */
	bool cascade_no_render; /* cascade: {build: {render: never}}, no target: the
				 * page and everything below its folder */
};
/*
 * Whether the page in `file` (an index.md, _index.md ...) with `m` is not
 * rendered; `cascaded` when an _index.md above it cascades render: never.
 * The page's own render key wins over a cascade.
 */
bool rrm_page_meta_unrendered(const struct rrm_page_meta *m, const char *file, bool cascaded);
void rrm_page_meta_from(struct rrm_page_meta *m, const struct rrm_node *fm);
/* Adds the aliases of front-matter value `a` (a string or a list; NULL: none). */
void rrm_page_meta_add_aliases(struct rrm_page_meta *m, const struct rrm_node *a,
			       bool redirect_from);
void rrm_page_meta_release(struct rrm_page_meta *m);
/* As rrm_site_add_page, from the kept front matter. Takes `ids`. */
size_t rrm_site_add_page_meta(struct rrm_site *s, const char *file, const char *url,
			      const struct rrm_page_meta *m, char **ids, size_t n_ids);

/*
 * The URL path a page's alias is served at, or NULL when the generator
 * writes none (empty, http:, "/" itself, climbing above the root).
 * `redirect_from` (jekyll-redirect-from): from the site root, percent-decoded;
 * "/x/" and "/x/index.html" write x/index.html, "/x" writes x.html, a name
 * with an extension ("/x.html", "/feed.xml") is kept. Hugo `aliases`: relative
 * ones from the folder of `page_url`; a path ending in ".html" is a file,
 * any other a folder ("/x" and "/x/" write x/index.html). A folder is
 * returned as "/x/", so that it is looked up as a page URL is.
 */
char *rrm_site_alias_url(const char *alias, bool redirect_from, const char *page_url);

/* Indexes the files of static_dir (served at "/") and the non-Markdown files under content_dir. */
void rrm_site_scan_files(struct rrm_site *s);
/* Gives `dst` the files and redirects of `src` (scanned once for the sites before and after a
 * change). */
void rrm_site_copy_files(struct rrm_site *dst, const struct rrm_site *src);

/* What a URL path or file resolves to. */
enum rrm_target { RRM_TARGET_NONE, RRM_TARGET_PAGE, RRM_TARGET_FILE };

/*
 * Resolves a root-absolute URL path (decoded, no query or fragment) as a web
 * server would: "/x/", "/x", "/x/index.html", "/x.html". *page is set for a page.
 */
enum rrm_target rrm_site_find_url(const struct rrm_site *s, const char *path, size_t *page);
/*
 * The same; *alias tells whether the page was found by one of its aliases
 * (an old URL) rather than its own URL, which wins when both match. A path
 * that only a redirect rule serves is RRM_TARGET_FILE.
 */
enum rrm_target rrm_site_find_url_alias(const struct rrm_site *s, const char *path, size_t *page,
					bool *alias);
/* The same, ignoring letter case; *found is the URL as it exists (new string). */
enum rrm_target rrm_site_find_url_nocase(const struct rrm_site *s, const char *path, size_t *page,
					 char **found);
/* A file path relative to the site root: an article, an article folder, or another file. */
enum rrm_target rrm_site_find_file(const struct rrm_site *s, const char *file, size_t *page);
/* The same, ignoring letter case (only files, no folders). */
enum rrm_target rrm_site_find_file_nocase(const struct rrm_site *s, const char *file, size_t *page);
/* A page by file name without extension (Jekyll's post_url). */
bool rrm_site_find_name(const struct rrm_site *s, const char *name, size_t *page);
/*
 * Netlify redirects. rrm_site_add_redirect adds a rule's `from` path
 * (root-absolute; `*` matches the rest of the path, `:name` one part;
 * a trailing slash does not matter), written at `src_file` line `line`;
 * a path that is not root-absolute is ignored. rrm_site_read_redirects reads
 * `_redirects` from static_dir and the site root (called by
 * rrm_site_scan_files): lines "from [key=value...] to [status] [conditions]";
 * comments, blank lines and lines it cannot read are skipped; a rule with a
 * 4xx status serves nothing. rrm_site_redirect finds the rule serving `path`
 * (decoded), or NULL.
 */
void rrm_site_add_redirect(struct rrm_site *s, const char *from, const char *to,
			   const char *src_file, int line);
void rrm_site_read_redirects(struct rrm_site *s);
const struct rrm_redirect *rrm_site_redirect(const struct rrm_site *s, const char *path);
/* True when `id` is an anchor of page `p`. */
bool rrm_site_has_id(const struct rrm_site *s, size_t p, const char *id);
/* Gives page `p` (taking `ids`, n_ids strings) its ids, for rrm_site_has_id; frees the old. */
void rrm_site_set_ids(struct rrm_page *p, char **ids, size_t n_ids);
/*
 * Makes sure that page `page` has its ids and open_ids: a page added with
 * `lazy` set has them read now, by s->read_ids, once. Not thread-safe.
 */
void rrm_site_need_ids(const struct rrm_site *s, size_t page);

#endif
