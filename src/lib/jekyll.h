/*
 * jekyll.h - Jekyll's own configuration (_config.yml) read into rrm's
 * settings, and Jekyll's URL model: which files are pages, posts, drafts and
 * collection documents, the URL Jekyll 4.3 gives each, and whether it is
 * built at all. man/rrm.yml.5 (READING JEKYLL'S CONFIGURATION) says which
 * key gives which setting.
 */
#ifndef RRM_JEKYLL_H
#define RRM_JEKYLL_H

#include <stdbool.h>
#include <time.h>

#include "lib/config.h"
#include "lib/site.h"
#include "lib/yaml.h"

/* One collection of _config.yml (`posts` is always the first). */
struct rrm_jekyll_collection {
	char *label;
	bool output;     /* its documents are rendered */
	char *permalink; /* its URL template, or NULL for the default */
};

/* What rrm keeps of _config.yml (c->jekyll); every path relative to the site root. */
struct rrm_jekyll {
	struct rrm_ydoc doc;             /* the file's tree, for `defaults` */
	const struct rrm_node *defaults; /* the `defaults` list, or NULL */
	char *baseurl;                   /* "/blog", or NULL for none */
	char *source;                    /* the content root ("." for the site root) */
	char *destination;               /* relative to source when inside it, else NULL */
	char *collections_dir;           /* relative to source; "" for none */
	char *style; /* `permalink` as written: date, pretty, ..., or a pattern */
	struct rrm_jekyll_collection *collections;
	size_t n_collections;
	struct rrm_strlist include, exclude, markdown_ext;
	bool future, show_drafts, unpublished;
	bool redirect_from, feed, sitemap; /* the plugins rrm models */
	bool optional_front_matter;   /* jekyll-optional-front-matter: Markdown pages need none */
	bool relative_links;          /* jekyll-relative-links: links to x.md reach x's page */
	bool github_pages;            /* the Gemfile asks for the github-pages gem */
	struct rrm_strlist generated; /* URLs the plugins write (/feed.xml, ...) */
	bool auto_ids;                /* kramdown.auto_ids */
	char *auto_id_prefix;         /* kramdown.auto_id_prefix, or NULL */
	time_t now;                   /* site.time: later dates are in the future */
};

/*
 * Reads the Jekyll configuration in c->root into `c` (before rrm.yml),
 * recording each value's origin. Returns 0, or -1 with `err` filled.
 */
int rrm_jekyll_load(struct rrm_config *c, struct rrm_config_error *err);
/* Frees c->jekyll. */
void rrm_jekyll_release(struct rrm_config *c);

/* What Jekyll makes of a file: a page, a post, a draft, or a collection's document. */
enum rrm_jekyll_kind { RRM_JEKYLL_PAGE, RRM_JEKYLL_POST, RRM_JEKYLL_DRAFT, RRM_JEKYLL_DOC };

/* Whether a file is built, and if not why. */
enum rrm_jekyll_state {
	RRM_JEKYLL_BUILT,
	RRM_JEKYLL_UNPUBLISHED, /* published: false (and no `unpublished: true`) */
	RRM_JEKYLL_FUTURE,      /* dated after now (and no `future: true`) */
	RRM_JEKYLL_UNSHOWN,     /* a draft, without `show_drafts: true` */
	RRM_JEKYLL_NO_OUTPUT,   /* in a collection without `output: true` */
	RRM_JEKYLL_NO_DATE,     /* in _posts without a YYYY-MM-DD- file name: no post */
	RRM_JEKYLL_STATIC       /* a page or document without front matter: copied, not rendered */
};
const char *rrm_jekyll_state_name(enum rrm_jekyll_state s);

/*
 * The URL Jekyll gives the file `rel` (relative to c->content_dir, Jekyll's
 * source) whose front matter is `fm` (a MAP or NULL), with `defaults` applied
 * and without baseurl: "/2020/01/05/hello.html", "/about/". A new string.
 * Jekyll percent-encodes what is not URL-safe; rrm keeps the decoded form,
 * which is what links are compared in.
 */
char *rrm_jekyll_url(const struct rrm_config *c, const char *rel, const struct rrm_node *fm);
/*
 * Whether that file is built (its own front matter and `defaults`, the
 * config, the clock). `front_matter`: the file starts with a "---" line.
 */
enum rrm_jekyll_state rrm_jekyll_state(const struct rrm_config *c, const char *rel,
				       const struct rrm_node *fm, bool front_matter);
/* The kind of `rel`; *collection is its collection (NULL for a page). */
enum rrm_jekyll_kind rrm_jekyll_kind(const struct rrm_config *c, const char *rel,
				     const struct rrm_jekyll_collection **collection);

/*
 * True when Jekyll reads nothing at `rel` (relative to the source): a part
 * starting with '.', '_', '#' or '~' or ending with '~' (except the _posts
 * and _drafts folders and the collections' folders), what `exclude:` and
 * Jekyll's default excludes name, and the destination; `include:` wins.
 */
bool rrm_jekyll_ignored(const struct rrm_config *c, const char *rel);

/*
 * Adjusts what the index keeps of a page to Jekyll: it is a draft (linking to
 * it is link/draft) unless it is built; `redirect_from` makes aliases only
 * with jekyll-redirect-from (always from the root), `aliases` never does.
 */
void rrm_jekyll_page_meta(const struct rrm_config *c, const char *rel, const struct rrm_node *fm,
			  bool front_matter, struct rrm_page_meta *m);

/*
 * A root-absolute link path as the built site sees it: with baseurl "/blog",
 * "/blog/x/" is "/x/" (a new string); a path outside baseurl gives NULL.
 * Without baseurl, a copy of `path`.
 */
char *rrm_jekyll_link_path(const struct rrm_config *c, const char *path);

/* Jekyll's Utils.slugify modes. */
enum rrm_jekyll_slug { RRM_JEKYLL_SLUG_DEFAULT, RRM_JEKYLL_SLUG_PRETTY, RRM_JEKYLL_SLUG_RAW };
/* Utils.slugify(s, mode:, cased:): a new string. */
char *rrm_jekyll_slugify(const char *s, enum rrm_jekyll_slug mode, bool cased);

#endif
