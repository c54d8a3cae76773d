#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "lib/anchor.h"
#include "lib/jekyll.h"
#include "lib/map.h"
#include "lib/util.h"
#include "lint/lint.h"

struct link_ctx {
	const struct rrm_site *site;
	const struct rrm_config *c;
	const struct rrm_linted *from;
	struct rrm_sink *s; /* NULL: only where the link leads (rrm_lint_link_target) */
	const struct rrm_link *l;
	struct rrm_link_target *t;
};

static struct rrm_finding *report(struct link_ctx *x, enum rrm_rule_id rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct rrm_finding *report(struct link_ctx *x, enum rrm_rule_id rule, const char *fmt, ...)
{
	if (!x->s)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	struct rrm_buf m;
	rrm_buf_init(&m);
	char tmp[2048];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	rrm_buf_adds(&m, tmp);
	const struct rrm_link *l = x->l;
	int end = l->column + (int)rrm_utf8_count(l->dest, strlen(l->dest));
	struct rrm_finding *f = rrm_sink_add(x->s, rule, x->from->display, l->line, l->column,
					     l->line, end, l->offset, "%s", m.data);
	if (f)
		f->subject = rrm_strdup(l->dest);
	rrm_buf_release(&m);
	return f;
}

/* Percent-decoding, as a web server does before it looks a path up. */
char *rrm_lint_percent_decode(const char *s, size_t n)
{
	char *out = rrm_malloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n + 0 + 1 && isxdigit((unsigned char)s[i + 1]) &&
		    i + 2 < n + 1 && isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = {s[i + 1], s[i + 2], 0};
			out[k++] = (char)strtol(hex, NULL, 16);
			i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	return out;
}

static bool has_scheme(const char *d, size_t *len)
{
	if (!isalpha((unsigned char)d[0]))
		return false;
	size_t i = 1;
	while (isalnum((unsigned char)d[i]) || d[i] == '+' || d[i] == '-' || d[i] == '.')
		i++;
	if (d[i] != ':')
		return false;
	*len = i;
	return true;
}

/* The host part of base_url, without "www.", lower case; or NULL. */
static char *base_host(const struct rrm_config *c)
{
	if (!c->base_url)
		return NULL;
	const char *h = strstr(c->base_url, "://");
	if (!h)
		return NULL;
	h += 3;
	size_t n = strcspn(h, "/:");
	char *host = rrm_strndup(h, n);
	for (char *p = host; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (!strncmp(host, "www.", 4))
		memmove(host, host + 4, strlen(host + 4) + 1);
	return host;
}

static bool same_host(const char *a, size_t n, const char *host)
{
	if (n >= 4 && !strncasecmp(a, "www.", 4))
		a += 4, n -= 4;
	return strlen(host) == n && !strncasecmp(a, host, n);
}

/* The path of a redirect_to value on this site ("/about/", or an absolute URL under base_url), or
 * NULL. */
static const char *redirect_path(const struct rrm_config *c, const char *to)
{
	if (to[0] == '/' && to[1] != '/')
		return to;
	size_t bl = c->base_url ? strlen(c->base_url) : 0;
	if (bl && !strncmp(to, c->base_url, bl) && to[bl] == '/')
		return to + bl;
	return NULL;
}

static void check_anchor(struct link_ctx *x, size_t page, const char *fragment)
{
	const struct rrm_page *p = &x->site->pages[page];
	if (*fragment && p->redirect) {
		/* a redirect page (redirect_to) has none of its own anchors: the fragment is
		 * looked for on the page it sends the reader to, when that is in the site */
		size_t to;
		const char *t = p->redirect_to ? redirect_path(x->c, p->redirect_to) : NULL;
		if (t && rrm_site_find_url(x->site, t, &to) == RRM_TARGET_PAGE && to != page &&
		    !x->site->pages[to].redirect)
			check_anchor(x, to, fragment);
		return;
	}
	if (!*fragment)
		return;
	rrm_site_need_ids(x->site, page);
	if (rrm_site_has_id(x->site, page, fragment) || p->open_ids)
		return;
	/* the closest ids, for the message */
	const char *best[3] = {NULL, NULL, NULL};
	size_t bd[3] = {999, 999, 999};
	for (size_t i = 0; i < p->n_ids; i++) {
		if (rrm_anchor_is_pattern(p->ids[i]))
			continue;
		bool seen = false;
		for (size_t k = 0; k < 3 && !seen; k++)
			seen = best[k] && !strcmp(best[k], p->ids[i]);
		if (seen)
			continue;
		size_t d = rrm_edit_distance(fragment, p->ids[i], false);
		for (size_t k = 0; k < 3; k++)
			if (d < bd[k]) {
				for (size_t m = 2; m > k; m--) {
					bd[m] = bd[m - 1];
					best[m] = best[m - 1];
				}
				bd[k] = d;
				best[k] = p->ids[i];
				break;
			}
	}
	struct rrm_buf m;
	rrm_buf_init(&m);
	bool self = x->from->page >= 0 && (size_t)x->from->page == page;
	if (self)
		rrm_buf_addf(&m, "no anchor '#%s' in this article", fragment);
	else
		rrm_buf_addf(&m, "no anchor '#%s' in %s", fragment, p->file);
	if (best[0]) {
		rrm_buf_adds(&m, " (closest: ");
		for (size_t k = 0; k < 3 && best[k]; k++)
			rrm_buf_addf(&m, "%s'#%s'", k ? ", " : "", best[k]);
		rrm_buf_adds(&m, ")");
	} else {
		rrm_buf_adds(&m, " (it has no anchors)");
	}
	struct rrm_finding *f = report(x, RRM_RULE_LINK_ANCHOR, "%s", m.data);
	if (f && best[0] && bd[0] <= 3)
		rrm_finding_suggest(f, best[0]);
	rrm_buf_release(&m);
}

/* rrm_lint_link_target: the first target found is where the link leads. */
static void found_target(struct link_ctx *x, enum rrm_target kind, size_t page, const char *path,
			 bool file_path)
{
	if (!x->t || x->t->kind != RRM_TARGET_NONE)
		return;
	x->t->kind = kind;
	x->t->page = page;
	x->t->path = path ? rrm_strdup(path) : NULL;
	x->t->file_path = file_path;
}

static void found_page(struct link_ctx *x, size_t page, const char *fragment)
{
	const struct rrm_page *p = &x->site->pages[page];
	if (!x->s) {
		found_target(x, RRM_TARGET_PAGE, page, NULL, false);
		return;
	}
	if (p->draft && !x->from->draft && x->c->jekyll)
		report(x, RRM_RULE_LINK_DRAFT,
		       "%s is not built by Jekyll (a draft, a future date, published: false, no "
		       "output or no front matter): this link is dead on the built site",
		       p->file);
	else if (p->draft && !x->from->draft)
		report(x, RRM_RULE_LINK_DRAFT,
		       "%s is a draft: this link will be dead when it is published", p->file);
	check_anchor(x, page, fragment);
}

/* link/alias: the link reached `page` by one of its aliases, an old URL. */
static void found_alias(struct link_ctx *x, size_t page)
{
	const struct rrm_page *p = &x->site->pages[page];
	if (x->t && x->t->kind == RRM_TARGET_NONE)
		x->t->alias = true;
	struct rrm_finding *f =
		report(x, RRM_RULE_LINK_ALIAS, "'%s' is an alias of %s; link to the current URL",
		       x->l->dest, p->url);
	if (f) { /* the fix: the current URL, with the link's query and fragment */
		const char *rest = x->l->dest + strcspn(x->l->dest, "?#");
		char *fix = rrm_asprintf("%s%s", p->url, rest);
		rrm_finding_suggest(f, fix);
		free(fix);
	}
}

/*
 * A link to an article's Markdown source (docs/x.md). Hugo's link render hook
 * and jekyll-relative-links turn it into the page's URL; plain Jekyll
 * publishes the page at its URL only, and the source path is dead there.
 */
static void found_source(struct link_ctx *x, size_t page, const char *fragment, const char *shown)
{
	const struct rrm_page *p = &x->site->pages[page];
	if (x->c->jekyll && !x->c->jekyll->relative_links && !p->draft) {
		report(x, RRM_RULE_LINK_DEAD,
		       "dead link: %s is the source of a page Jekyll publishes at %s "
		       "(the plugin jekyll-relative-links would rewrite the link)",
		       shown, p->url);
		return;
	}
	found_page(x, page, fragment);
}

static bool looks_like_file(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	return dot && dot != base && strcmp(dot, ".html") && strcmp(dot, ".htm") &&
	       strcmp(dot, ".md") && strcmp(dot, ".markdown");
}

static void not_found(struct link_ctx *x, const char *url_path, const char *shown)
{
	size_t page;
	char *found = NULL;
	if (url_path &&
	    rrm_site_find_url_nocase(x->site, url_path, &page, &found) != RRM_TARGET_NONE) {
		if (found)
			report(x, RRM_RULE_LINK_CASE,
			       "%s exists only as %s: the link breaks on a case-sensitive server",
			       shown, found);
		else
			report(x, RRM_RULE_LINK_CASE,
			       "%s exists only with other letter case: the link breaks on a case-sensitive "
			       "server",
			       shown);
		free(found);
		return;
	}
	if (x->l->kind == RRM_LINK_IMAGE || looks_like_file(url_path ? url_path : shown))
		report(x, RRM_RULE_LINK_IMAGE, "%s: no such %s in the site", shown,
		       x->l->kind == RRM_LINK_IMAGE ? "image" : "file");
	else
		report(x, RRM_RULE_LINK_DEAD,
		       "dead link: %s is no article, file or alias of the site", shown);
}

static bool ignored(const struct rrm_config *c, const char *path)
{
	for (size_t i = 0; i < c->ignore_links.n; i++)
		if (rrm_glob_match(c->ignore_links.v[i], path))
			return true;
	/* served from what rrm does not index (Hugo: another language, term pages) */
	for (size_t i = 0; i < c->hugo.unchecked_urls.n; i++)
		if (rrm_glob_match(c->hugo.unchecked_urls.v[i], path))
			return true;
	return false;
}

static bool is_md(const char *p);

/* The language of the linking page when it is not the default (from its content path), or NULL. */
static const char *from_language(struct link_ctx *x, char **rel)
{
	*rel = rrm_content_path(x->c, x->from->file);
	return *rel ? rrm_content_language(x->c, *rel) : NULL;
}

/*
 * The page at content path `rel` (Hugo's form: x.fr.md for another language),
 * in whichever content root holds it; the linking page's own language first,
 * as Hugo looks pages up in the site of the page that links.
 */
static enum rrm_target find_in_content(struct link_ctx *x, const char *rel, size_t *page,
				       bool nocase)
{
	char *from_rel;
	const char *lang = from_language(x, &from_rel);
	enum rrm_target t = RRM_TARGET_NONE;
	for (int pass = lang ? 0 : 1; pass < 2 && t != RRM_TARGET_PAGE; pass++) {
		char *r = pass ? rrm_strdup(rel) : rrm_content_translate(x->c, rel, lang);
		size_t k = 0;
		char *f;
		while (t != RRM_TARGET_PAGE && (f = rrm_content_file(x->c, r, &k))) {
			t = nocase ? rrm_site_find_file_nocase(x->site, f, page)
				   : rrm_site_find_file(x->site, f, page);
			free(f);
		}
		free(r);
	}
	free(from_rel);
	return t;
}

/* A root-absolute URL path. */
static void resolve_url_clean(struct link_ctx *x, const char *path, const char *fragment,
			      const char *shown);

/* A root-absolute URL path: dot segments removed as a browser removes them. */
static void resolve_url(struct link_ctx *x, const char *path, const char *fragment,
			const char *shown)
{
	if (!strstr(path, "/.")) {
		resolve_url_clean(x, path, fragment, shown);
		return;
	}
	size_t n = strlen(path);
	bool trailing = n && (path[n - 1] == '/' || (n >= 2 && !strcmp(path + n - 2, "/.")) ||
			      (n >= 3 && !strcmp(path + n - 3, "/..")));
	char *norm = rrm_path_normalize(path); /* "/.." stays "/" */
	char *clean = strcmp(norm, "/") && trailing ? rrm_asprintf("%s/", norm) : rrm_strdup(norm);
	free(norm);
	resolve_url_clean(x, clean, fragment, shown);
	free(clean);
}

static void resolve_url_clean(struct link_ctx *x, const char *path, const char *fragment,
			      const char *shown)
{
	if (ignored(x->c, path))
		return;
	size_t page;
	if (is_md(path)) {
		/* /docs/x.md: a content file, as Hugo's link render hook reads it */
		enum rrm_target t = find_in_content(x, path + 1, &page, false);
		if (t == RRM_TARGET_PAGE) {
			found_source(x, page, fragment, shown);
			return;
		}
	}
	if (!strcmp(path, "/")) { /* the home page: every site has one */
		if (x->t && rrm_site_find_url(x->site, path, &page) == RRM_TARGET_PAGE)
			found_target(x, RRM_TARGET_PAGE, page, NULL, false);
		return;
	}
	bool alias;
	switch (rrm_site_find_url_alias(x->site, path, &page, &alias)) {
	case RRM_TARGET_PAGE:
		if (alias)
			found_alias(x, page);
		found_page(x, page, fragment);
		return;
	case RRM_TARGET_FILE:
		found_target(x, RRM_TARGET_FILE, 0, path, false);
		if (*fragment) { /* a Netlify rule: a 3xx keeps the fragment for its target page */
			const struct rrm_redirect *r = rrm_site_redirect(x->site, path);
			size_t to;
			if (r && r->to && strcmp(r->to, path) &&
			    rrm_site_find_url(x->site, r->to, &to) == RRM_TARGET_PAGE)
				check_anchor(x, to, fragment);
		}
		return;
	case RRM_TARGET_NONE: break;
	}
	if (x->c->link_render_hook) {
		/* the render hook looks pages up as Hugo's GetPage does: ignoring case */
		char *found = NULL;
		enum rrm_target t = rrm_site_find_url_nocase(x->site, path, &page, &found);
		free(found);
		if (t == RRM_TARGET_PAGE) {
			found_page(x, page, fragment);
			return;
		}
		if (t == RRM_TARGET_FILE) {
			found_target(x, RRM_TARGET_FILE, 0, path, false);
			return;
		}
	}
	not_found(x, path, shown);
}

static bool find_content_page(struct link_ctx *x, const char *path, size_t *page);

/*
 * With a link render hook, a relative path that is no URL below the page is
 * a page path, looked up as GetPage does: from the page's folder, then from
 * the content root, ignoring case.
 */
static bool render_hook_page(struct link_ctx *x, const char *path, const char *fragment)
{
	if (!x->c->link_render_hook)
		return false;
	size_t page;
	bool ok = find_content_page(x, path, &page);
	if (!ok) {
		char *abs = rrm_asprintf("/%s", path);
		char *found = NULL;
		ok = rrm_site_find_url_nocase(x->site, abs, &page, &found) == RRM_TARGET_PAGE;
		free(found);
		free(abs);
	}
	if (ok)
		found_page(x, page, fragment);
	return ok;
}

static bool is_md(const char *p)
{
	const char *dot = strrchr(p, '.');
	const char *slash = strrchr(p, '/');
	return dot && (!slash || dot > slash) && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown"));
}

/* The folder of the linking file, relative to the site root ("" at the root). */
static char *from_dir(const struct rrm_linted *from)
{
	const char *slash = strrchr(from->file, '/');
	return rrm_strndup(from->file, slash ? (size_t)(slash - from->file) : 0);
}

static bool climbs(const char *norm)
{
	return !strcmp(norm, "..") || !strncmp(norm, "../", 3);
}

static void resolve_page_relative(struct link_ctx *x, const char *path, const char *fragment,
				  const char *shown);

/*
 * A relative link to a content file (../about.md) from a page in a content
 * root: the file it names in the content tree, where mounts put it (Hugo's
 * link render hooks look it up so), whichever folder holds it on disk.
 */
static bool content_relative(struct link_ctx *x, const char *path, size_t *page)
{
	char *from_rel = rrm_content_path(x->c, x->from->file);
	if (!from_rel)
		return false;
	const char *slash = strrchr(from_rel, '/');
	char *j = slash ? rrm_asprintf("%.*s/%s", (int)(slash - from_rel), from_rel, path)
			: rrm_strdup(path);
	char *f = rrm_path_normalize(j);
	bool found = !climbs(f) && strcmp(f, ".") &&
		     find_in_content(x, f, page, false) == RRM_TARGET_PAGE;
	free(f);
	free(j);
	free(from_rel);
	return found;
}

/*
 * A .md link that reaches a page by its real path, outside the content tree
 * the linking page sits in (docs-src/install.md, mounted at content/docs):
 * Hugo looks content links up in the content tree only, so the link is dead
 * there. Reports it and returns true; false on a site with one content folder.
 */
static bool mounted_elsewhere(struct link_ctx *x, size_t page, const char *shown)
{
	if (!x->c->n_content_roots)
		return false;
	char *from_rel = rrm_content_path(x->c, x->from->file);
	char *to_rel = rrm_content_path(x->c, x->site->pages[page].file);
	bool dead = from_rel && to_rel;
	free(from_rel);
	if (dead)
		report(x, RRM_RULE_LINK_DEAD,
		       "dead link: %s names %s by its folder on disk, which Hugo mounts as the "
		       "content page %s: link to that path",
		       shown, x->site->pages[page].file, to_rel);
	free(to_rel);
	return dead;
}

/*
 * A .md link to a file that is gone, whose URL a page now keeps as an alias
 * (the article moved, by hand or by rrm mv): dead as it is, with the path to
 * the article as it is now, the link's #anchor and ?query kept, as the
 * suggestion. Returns whether it reported it. `file` is the path named, from
 * the site root.
 */
static bool moved_article(struct link_ctx *x, const char *file, const char *shown)
{
	char *rel = rrm_content_path(x->c, file);
	char *url = rel ? rrm_site_url(x->c, rel, NULL) : NULL;
	const struct rrm_map_entry *e =
		url ? rrm_map_get(&x->site->by_alias, url, strlen(url)) : NULL;
	free(rel);
	free(url);
	if (!e || e->value <= 0)
		return false;
	const struct rrm_page *p = &x->site->pages[e->value - 1];
	char *dir = from_dir(x->from);
	char *abs_dir = rrm_path_absolute(dir, x->c->root);
	char *abs_to = rrm_path_absolute(p->file, x->c->root);
	char *to = rrm_path_relative(abs_to, abs_dir);
	const char *rest = x->l->dest + strcspn(x->l->dest, "#?");
	char *fix = rrm_asprintf("%s%s", to, rest);
	struct rrm_finding *f = report(x, RRM_RULE_LINK_DEAD,
				       "dead link: %s is gone; the article is %s now (it keeps the "
				       "old URL as an alias)",
				       shown, p->file);
	if (f)
		rrm_finding_suggest(f, fix);
	free(fix);
	free(to);
	free(abs_to);
	free(abs_dir);
	free(dir);
	return true;
}

static void resolve_relative(struct link_ctx *x, const char *path, const char *fragment,
			     const char *shown)
{
	/*
	 * A link to a file (x.md, img/a.png) is relative to the linking file; a
	 * link to a URL (../other-post/, ../x.html) to the page's URL, as a
	 * browser resolves it.
	 */
	if (x->from->page >= 0 && !is_md(path) && !looks_like_file(path)) {
		resolve_page_relative(x, path, fragment, shown);
		return;
	}
	if (x->from->unrendered && !is_md(path) && !looks_like_file(path))
		return;
	size_t page;
	if (is_md(path) && content_relative(x, path, &page)) {
		found_source(x, page, fragment, shown);
		return;
	}
	/* Against the file: ../2020/01/x.md, img/a.png */
	char *dir = from_dir(x->from);
	char *joined = dir[0] ? rrm_asprintf("%s/%s", dir, path) : rrm_strdup(path);
	char *file = rrm_path_normalize(joined);
	free(joined);
	free(dir);
	if (climbs(file)) {
		free(file);
		if (x->from->page >= 0 && !is_md(path)) /* ../../../images/a.svg from a dated URL */
			resolve_page_relative(x, path, fragment, shown);
		else
			report(x, RRM_RULE_LINK_OUTSIDE,
			       "%s climbs above the site root: not followed", shown);
		return;
	}
	enum rrm_target t = rrm_site_find_file(x->site, !strcmp(file, ".") ? "" : file, &page);
	if (t == RRM_TARGET_PAGE && is_md(path) && mounted_elsewhere(x, page, shown)) {
		free(file);
		return;
	}
	if (t == RRM_TARGET_PAGE) {
		if (is_md(path))
			found_source(x, page, fragment, shown);
		else
			found_page(x, page, fragment);
		free(file);
		return;
	}
	if (t == RRM_TARGET_FILE || is_md(path) || x->from->page < 0) {
		if (t == RRM_TARGET_FILE)
			found_target(x, RRM_TARGET_FILE, 0, file, true);
		if (t == RRM_TARGET_NONE) {
			if (rrm_site_find_file_nocase(x->site, file, &page) != RRM_TARGET_NONE)
				report(x, RRM_RULE_LINK_CASE,
				       "%s exists only with other letter case: the link breaks on a "
				       "case-sensitive file system",
				       shown);
			else if (!is_md(path) || !moved_article(x, file, shown))
				not_found(x, NULL, shown);
		}
		free(file);
		return;
	}
	free(file);
	resolve_page_relative(x, path, fragment, shown);
}

/* Against the page's URL, as a browser does: ../other-post/ */
static void resolve_page_relative(struct link_ctx *x, const char *path, const char *fragment,
				  const char *shown)
{
	const char *url = x->site->pages[x->from->page].url;
	const char *slash = strrchr(url, '/');
	char *base = rrm_strndup(url, slash ? (size_t)(slash - url) + 1 : 1);
	char *j = rrm_asprintf("%s%s", base, path);
	free(base);
	/* normalise, keeping a trailing slash */
	size_t jl = strlen(j);
	bool trailing = jl && (j[jl - 1] == '/' || (jl >= 2 && !strcmp(j + jl - 2, "/.")) ||
			       (jl >= 3 && !strcmp(j + jl - 3, "/..")));
	/* a browser stops at "/": ../../../x from /a/b/ is /x */
	char *rel = rrm_path_normalize(j);
	free(j);
	memmove(rel, rel + 1, strlen(rel));
	char *abs = !*rel || !strcmp(rel, ".") ? rrm_strdup("/")
					       : rrm_asprintf("/%s%s", rel, trailing ? "/" : "");
	free(rel);
	size_t page;
	if (x->c->link_render_hook && strcmp(abs, "/") && !ignored(x->c, abs) &&
	    rrm_site_find_url(x->site, abs, &page) == RRM_TARGET_NONE &&
	    render_hook_page(x, path, fragment)) {
		free(abs);
		return;
	}
	resolve_url(x, abs, fragment, shown);
	free(abs);
}

/* A content path, absolute or from the page's folder, as Hugo's ref and GetPage read it. */
static bool find_content_page(struct link_ctx *x, const char *path, size_t *page)
{
	/* in the content tree: the page's folder there, or its top */
	char *from_rel = rrm_content_path(x->c, x->from->file);
	const char *slash = from_rel ? strrchr(from_rel, '/') : NULL;
	char *dir = slash ? rrm_strndup(from_rel, (size_t)(slash - from_rel)) : rrm_strdup("");
	free(from_rel);
	size_t pl = strlen(path);
	char *p = rrm_strndup(path, pl && path[pl - 1] == '/' ? pl - 1 : pl);
	const char *bases[2] = {path[0] == '/' ? "" : dir, ""};
	static const char *const suffixes[] = {"", ".md", "/index.md", "/_index.md"};
	bool found = false;
	for (size_t b = 0; b < 2 && !found; b++)
		for (size_t k = 0; k < 4 && !found; k++) {
			char *j = rrm_asprintf("%s/%s%s", bases[b], p, suffixes[k]);
			char *f = rrm_path_normalize(j[0] == '/' ? j + 1 : j);
			found = !climbs(f) &&
				(find_in_content(x, f, page, false) == RRM_TARGET_PAGE ||
				 find_in_content(x, f, page, true) == RRM_TARGET_PAGE);
			free(j);
			free(f);
		}
	free(p);
	free(dir);
	return found;
}

/* {{< ref "x.md#y" >}} */
static void resolve_hugo_ref(struct link_ctx *x, const char *path, const char *fragment,
			     const char *shown)
{
	size_t page;
	if (find_content_page(x, path, &page))
		found_page(x, page, fragment);
	else
		report(x, RRM_RULE_LINK_DEAD, "dead link: ref %s is no article of the site", shown);
}

/*
 * A root-absolute path as written in the source. Jekyll serves the site under
 * its baseurl: "/blog/x/" is the page "/x/", and "/x/" outside "/blog" is dead.
 */
static void resolve_written_url(struct link_ctx *x, const char *path, const char *fragment,
				const char *shown)
{
	if (!x->c->jekyll || !x->c->jekyll->baseurl) {
		resolve_url(x, path, fragment, shown);
		return;
	}
	char *in = rrm_jekyll_link_path(x->c, path);
	if (in)
		resolve_url(x, in, fragment, shown);
	else if (!ignored(x->c, path))
		report(x, RRM_RULE_LINK_DEAD, "dead link: %s is outside the site's baseurl %s",
		       shown, x->c->jekyll->baseurl);
	free(in);
}

/*
 * An absolute link from its host on ("example.org/x/?q#f"): a root-absolute
 * one when the host is base_url's, else another site's, not checked.
 */
static void resolve_on_host(struct link_ctx *x, const char *h, const char *host,
			    const char *fragment)
{
	size_t hl = strcspn(h, "/?#"), name = strcspn(h, ":/?#");
	if (!host || !same_host(h, name < hl ? name : hl, host))
		return;
	const char *rest = h + hl;
	size_t rl = strcspn(rest, "?#");
	char *path = rl ? rrm_lint_percent_decode(rest, rl) : rrm_strdup("/");
	resolve_written_url(x, path, fragment, x->l->dest);
	free(path);
}

/* The text of a Liquid string literal ("x" or 'x') at the start of `s` (n bytes), or NULL. */
static char *liquid_literal(const char *s, size_t n, size_t *used)
{
	if (n < 2 || (s[0] != '"' && s[0] != '\''))
		return NULL;
	const char *e = memchr(s + 1, s[0], n - 1);
	if (!e)
		return NULL;
	*used = (size_t)(e - s) + 1;
	return rrm_strndup(s + 1, (size_t)(e - s) - 1);
}

static size_t trim_len(const char **s, size_t n)
{
	while (n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		n--;
	}
	while (n && ((*s)[n - 1] == ' ' || (*s)[n - 1] == '\t'))
		n--;
	return n;
}

/*
 * A Jekyll link destination written with Liquid as a URL: literal text and
 * {{ site.baseurl }}, {{ site.url }}, {{ "/x" | relative_url }},
 * {{ "/x" | absolute_url }}, {% link file %} and {% post_url name %} (which
 * Jekyll 4 writes with the baseurl). Returns the URL the generator writes, or
 * NULL when the destination holds anything else, or a tag whose target is
 * missing (that tag's own finding says so).
 */
static char *expand_liquid(const struct link_ctx *x, const char *d)
{
	const struct rrm_jekyll *j = x->c->jekyll;
	const char *base = j->baseurl ? j->baseurl : "";
	const char *url = x->c->base_url ? x->c->base_url : "";
	size_t url_len =
		strlen(url) >= strlen(base) ? strlen(url) - strlen(base) : 0; /* site.url */
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (const char *p = d; *p;) {
		bool out = p[0] == '{' && p[1] == '{', tag = p[0] == '{' && p[1] == '%';
		if (!out && !tag) {
			rrm_buf_addc(&b, *p++);
			continue;
		}
		const char *end = strstr(p + 2, out ? "}}" : "%}");
		if (!end)
			goto unknown;
		const char *in = p + 2;
		size_t n = trim_len(&in, (size_t)(end - in));
		p = end + 2;
		if (out && n == 12 && !strncmp(in, "site.baseurl", 12)) {
			rrm_buf_adds(&b, base);
		} else if (out && n == 8 && !strncmp(in, "site.url", 8)) {
			rrm_buf_add(&b, url, url_len);
		} else if (out) { /* "x" | relative_url, "x" | absolute_url */
			size_t used = 0;
			char *lit = liquid_literal(in, n, &used);
			if (!lit)
				goto unknown;
			const char *f = in + used;
			size_t fl = trim_len(&f, n - used);
			if (fl && f[0] == '|') { /* the filter */
				f++;
				fl = trim_len(&f, fl - 1);
			} else {
				fl = 0;
			}
			bool rel = fl == 12 && !strncmp(f, "relative_url", 12);
			bool abs = fl == 12 && !strncmp(f, "absolute_url", 12);
			if (!rel && !abs) {
				free(lit);
				goto unknown;
			}
			if (abs)
				rrm_buf_add(&b, url, url_len);
			rrm_buf_adds(&b, base);
			if (lit[0] != '/')
				rrm_buf_addc(&b, '/');
			rrm_buf_adds(&b, lit);
			free(lit);
		} else { /* {% link file %}, {% post_url name %} */
			bool link =
				n > 5 && !strncmp(in, "link", 4) && (in[4] == ' ' || in[4] == '\t');
			bool post = n > 9 && !strncmp(in, "post_url", 8) &&
				    (in[8] == ' ' || in[8] == '\t');
			if (!link && !post)
				goto unknown;
			const char *arg = in + (link ? 5 : 9);
			size_t al = trim_len(&arg, n - (size_t)(arg - in));
			char *name = rrm_strndup(arg, al);
			size_t page;
			bool found;
			if (post) {
				found = rrm_site_find_name(x->site, name, &page);
			} else {
				const char *f = name[0] == '/' ? name + 1 : name;
				found = rrm_site_find_file(x->site, f, &page) == RRM_TARGET_PAGE;
				if (!found && strcmp(x->c->content_dir, ".")) {
					char *g = rrm_asprintf("%s/%s", x->c->content_dir, f);
					found = rrm_site_find_file(x->site, g, &page) ==
						RRM_TARGET_PAGE;
					free(g);
				}
			}
			free(name);
			if (!found)
				goto unknown;
			rrm_buf_adds(&b, base);
			rrm_buf_adds(&b, x->site->pages[page].url);
		}
	}
	return rrm_buf_detach(&b);
unknown:
	rrm_buf_release(&b);
	return NULL;
}

/* One link of x->from: its findings, or (no sink) where it leads. */
static void check_link(struct link_ctx *x, const char *host)
{
	const struct rrm_config *c = x->c;
	const struct rrm_site *site = x->site;
	const struct rrm_linted *from = x->from;
	const struct rrm_link *l = x->l;
	const char *d = l->dest;
	char *expanded = NULL; /* a Jekyll URL written with Liquid, as the generator writes it */
	if (*d && c->jekyll &&
	    (l->kind == RRM_LINK_LINK || l->kind == RRM_LINK_IMAGE || l->kind == RRM_LINK_REF) &&
	    (strstr(d, "{{") || strstr(d, "{%")))
		d = expanded = expand_liquid(x, d);
	if (!d || !*d || strstr(d, "{{") || strstr(d, "{%")) {
		free(expanded);
		return; /* empty, or template code the generator fills in */
	}
	/* split off the fragment and the query */
	size_t n = strlen(d);
	const char *hash = memchr(d, '#', n);
	size_t plen = hash ? (size_t)(hash - d) : n;
	const char *q = memchr(d, '?', plen);
	if (q)
		plen = (size_t)(q - d);
	char *fragment =
		hash ? rrm_lint_percent_decode(hash + 1, strlen(hash + 1)) : rrm_strdup("");
	char *path = NULL;
	if (l->kind == RRM_LINK_JEKYLL_POST_URL) {
		size_t page;
		if (rrm_site_find_name(site, d, &page))
			found_page(x, page, "");
		else
			report(x, RRM_RULE_LINK_DEAD,
			       "dead link: post_url %s is no post of the site", d);
		goto next;
	}
	path = rrm_lint_percent_decode(d, plen);
	if (l->kind == RRM_LINK_HUGO_REF) {
		if (*path)
			resolve_hugo_ref(x, path, fragment, d);
		else if (from->page >= 0)
			check_anchor(x, (size_t)from->page, fragment);
		goto next;
	}
	if (l->kind == RRM_LINK_JEKYLL_LINK) {
		size_t page;
		enum rrm_target t =
			rrm_site_find_file(site, path[0] == '/' ? path + 1 : path, &page);
		if (t == RRM_TARGET_NONE && strcmp(c->content_dir, ".")) {
			char *f = rrm_asprintf("%s/%s", c->content_dir,
					       path[0] == '/' ? path + 1 : path);
			t = rrm_site_find_file(site, f, &page);
			free(f);
		}
		if (t == RRM_TARGET_PAGE)
			found_page(x, page, fragment);
		else if (t == RRM_TARGET_NONE)
			report(x, RRM_RULE_LINK_DEAD, "dead link: link %s is no file of the site",
			       d);
		goto next;
	}
	size_t sl;
	if (d[0] == '/' && d[1] == '/') {
		resolve_on_host(x, d + 2, host, fragment);
		goto next;
	}
	if (has_scheme(d, &sl)) {
		if ((!strncasecmp(d, "http:", 5) || !strncasecmp(d, "https:", 6)) &&
		    d[sl + 1] == '/' && d[sl + 2] == '/')
			resolve_on_host(x, d + sl + 3, host, fragment);
		goto next; /* another scheme: not checked */
	}
	if (!*path) {
		if (from->page >= 0)
			check_anchor(x, (size_t)from->page, fragment);
		goto next;
	}
	if (path[0] == '/')
		resolve_written_url(x, path, fragment, d);
	else
		resolve_relative(x, path, fragment, d);
next:
	free(path);
	free(fragment);
	free(expanded);
}

void rrm_lint_links(const struct rrm_config *c, const struct rrm_site *site,
		    const struct rrm_linted *from, struct rrm_sink *s)
{
	char *host = base_host(c);
	for (size_t i = 0; i < from->n_links; i++) {
		struct link_ctx x = {site, c, from, s, &from->links[i], NULL};
		check_link(&x, host);
	}
	free(host);
}

void rrm_lint_link_target(const struct rrm_config *c, const struct rrm_site *site,
			  const struct rrm_linted *from, const struct rrm_link *l,
			  struct rrm_link_target *t)
{
	memset(t, 0, sizeof *t);
	char *host = base_host(c);
	struct link_ctx x = {site, c, from, NULL, l, t};
	check_link(&x, host);
	free(host);
}

void rrm_link_target_release(struct rrm_link_target *t)
{
	free(t->path);
	memset(t, 0, sizeof *t);
}

void rrm_lint_duplicate_ids(const struct rrm_linted *from, const struct rrm_article *a, char **ids,
			    const bool *dup, struct rrm_sink *s)
{
	struct rrm_map first_line = {0}; /* id -> the line of its first heading */
	for (size_t i = 0; i < a->n_headings; i++) {
		if (!ids[i] || rrm_anchor_is_pattern(ids[i]))
			continue;
		struct rrm_map_entry *e = rrm_map_put(&first_line, ids[i], strlen(ids[i]));
		int first = e->value; /* 0: no earlier heading has this id */
		if (!first)
			e->value = a->headings[i].line;
		if (!dup[i])
			continue;
		const struct rrm_heading *h = &a->headings[i];
		size_t off = rrm_article_file_offset(a, rrm_article_offset(a, h->line, h->column));
		struct rrm_finding *f;
		if (first)
			f = rrm_sink_add(
				s, RRM_RULE_LINK_DUPLICATE_ID, from->display, h->line, h->column,
				h->line, h->column + 1, off,
				"heading id '%s' is also the id of an earlier heading (line %d): links "
				"reach only the first",
				ids[i], first);
		else
			f = rrm_sink_add(
				s, RRM_RULE_LINK_DUPLICATE_ID, from->display, h->line, h->column,
				h->line, h->column + 1, off,
				"heading id '%s' is already used on this page: links reach only the first",
				ids[i]);
		if (f)
			f->subject = rrm_strdup(ids[i]);
	}
	rrm_map_release(&first_line);
}
