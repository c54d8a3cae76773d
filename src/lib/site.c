/* d_type and the DT_ constants of readdir(3) */
#define _DEFAULT_SOURCE
#include "lib/site.h"

#include <ctype.h>
#include <errno.h>
#include <dirent.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/anchor.h"
#include "lib/date.h"
#include "lib/hugo.h"
#include "lib/jekyll.h"
#include "lib/util.h"

const char *rrm_site_pattern(const struct rrm_config *c, const char *section)
{
	const char *fallback = "/:path/";
	for (size_t i = 0; i < c->n_permalinks; i++) {
		const struct rrm_permalink *p = &c->permalinks[i];
		if (!p->section)
			fallback = p->pattern;
		else if (section && !strcmp(p->section, section))
			return p->pattern;
	}
	return fallback;
}

static const char *fm_string(const struct rrm_node *fm, const char *key)
{
	const struct rrm_node *n = rrm_node_get(fm, key);
	if (n && n->kind == RRM_NODE_SCALAR && n->value_len &&
	    rrm_scalar_type(n) != RRM_SCALAR_NULL)
		return n->value;
	return NULL;
}

/* Length of a leading "YYYY-MM-DD-" in a file name, or 0. */
static size_t date_prefix(const char *name, struct rrm_datetime *d)
{
	char buf[11];
	if (strlen(name) < 11 || name[10] != '-')
		return 0;
	memcpy(buf, name, 10);
	buf[10] = '\0';
	if (rrm_date_parse(buf, true, d) != RRM_DATE_OK)
		return 0;
	return 11;
}

static void add_num(struct rrm_buf *b, int v, int width)
{
	if (v > 0)
		rrm_buf_addf(b, "%0*d", width, v);
}

enum rrm_bundle_head rrm_site_bundle_head(const char *path)
{
	const char *b = rrm_path_base(path);
	for (size_t i = 0; rrm_site_bundle_heads[i]; i++)
		if (!strcmp(b, rrm_site_bundle_heads[i]))
			return b[0] == '_' ? RRM_HEAD_BRANCH : RRM_HEAD_LEAF;
	return RRM_HEAD_NONE;
}

const char *const rrm_site_bundle_heads[] = {
	"index.md",        "index.markdown", "index.html", "index.htm", "_index.md",
	"_index.markdown", "_index.html",    "_index.htm", NULL,
};

char *rrm_site_file_slug(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	const char *start, *end;
	if (rrm_site_bundle_head(rel) != RRM_HEAD_NONE) { /* the folder's name */
		if (!slash)
			return rrm_strdup("");
		for (start = end = slash; start > rel && start[-1] != '/';)
			start--;
	} else {
		start = slash ? slash + 1 : rel;
		end = strrchr(start, '.');
		if (!end)
			end = start + strlen(start);
	}
	struct rrm_datetime d;
	char *name = rrm_strndup(start, (size_t)(end - start));
	size_t prefix = date_prefix(name, &d);
	memmove(name, name + prefix, strlen(name + prefix) + 1);
	return name;
}

void rrm_site_expand(struct rrm_buf *b, const char *pattern, const struct rrm_permalink_vars *v)
{
	for (const char *s = pattern; *s;) {
		if (*s != ':') {
			rrm_buf_addc(b, *s++);
			continue;
		}
		const char *e = s + 1;
		while (isalpha((unsigned char)*e) || *e == '_')
			e++;
		size_t l = (size_t)(e - s - 1);
		const char *t = s + 1;
#define TOKEN(x) (l == strlen(x) && !strncmp(t, x, l))
		if (TOKEN("year"))
			add_num(b, v->year, 4);
		else if (TOKEN("month"))
			add_num(b, v->month, 2);
		else if (TOKEN("day"))
			add_num(b, v->day, 2);
		else if ((TOKEN("slug") || TOKEN("title")) && v->slug)
			rrm_buf_adds(b, v->slug);
		else if ((TOKEN("section") || TOKEN("collection")) && v->section)
			rrm_buf_adds(b, v->section[0] == '_' ? v->section + 1 : v->section);
		else if (TOKEN("filename") && v->filename)
			rrm_buf_adds(b, v->filename);
		else if (TOKEN("path") && v->path && v->slug) {
			if (*v->path) {
				rrm_buf_adds(b, v->path);
				rrm_buf_addc(b, '/');
			}
			rrm_buf_adds(b, v->slug);
		} else
			rrm_buf_add(b, s, (size_t)(e - s));
#undef TOKEN
		s = e;
	}
}

/* True when rrm.yml's `permalink:` replaces the generator's URL model. */
static bool own_permalinks(const struct rrm_config *c)
{
	const struct rrm_origin *o = rrm_config_get_origin(c, "permalink");
	return o && o->file && !strcmp(o->file, "rrm.yml");
}

char *rrm_site_url(const struct rrm_config *c, const char *rel, const struct rrm_node *fm)
{
	if (c->generator == RRM_GEN_JEKYLL && c->jekyll && !own_permalinks(c))
		return rrm_jekyll_url(c, rel, fm);
	if (c->generator == RRM_GEN_HUGO) /* Hugo's URL model: lib/hugo.c */
		return rrm_hugo_url(c, rel, fm);
	const char *fixed = fm_string(fm, "url");
	if (!fixed)
		fixed = fm_string(fm, "permalink");
	if (fixed)
		return fixed[0] == '/' ? rrm_strdup(fixed) : rrm_asprintf("/%s", fixed);

	/* Split rel into folder and name without extension. */
	char *path = rrm_strdup(rel);
	char *dot = strrchr(path, '.');
	char *slash = strrchr(path, '/');
	if (dot && (!slash || dot > slash))
		*dot = '\0';
	char *name = slash ? slash + 1 : path;
	const char *dir = slash ? path : "";
	if (slash)
		*slash = '\0';
	enum rrm_bundle_head head = rrm_site_bundle_head(rel);
	bool list_page = head == RRM_HEAD_BRANCH || (head == RRM_HEAD_LEAF && !dir[0]);
	bool bundle = head != RRM_HEAD_NONE;
	char *dir_copy = rrm_strdup(dir);
	if (list_page) {
		char *u = dir_copy[0] ? rrm_asprintf("/%s/", dir_copy) : rrm_strdup("/");
		if (c->lowercase_urls > 0)
			for (char *q = u; *q; q++)
				*q = (char)tolower((unsigned char)*q);
		free(path);
		free(dir_copy);
		return u;
	}
	/* For a bundle, the folder is the page: its name is the folder's. */
	const char *filename = name;
	char *parent = dir_copy;
	if (bundle) {
		char *s = strrchr(dir_copy, '/');
		filename = s ? s + 1 : dir_copy;
		if (s)
			*s = '\0';
		else
			parent = dir_copy + strlen(dir_copy);
	}
	/* Section: the first folder of the folder holding the page. */
	char section[256] = "";
	{
		const char *e = strchr(parent, '/');
		size_t l = e ? (size_t)(e - parent) : strlen(parent);
		if (l >= sizeof section)
			l = sizeof section - 1;
		memcpy(section, parent, l);
		section[l] = '\0';
	}
	struct rrm_datetime d = {0};
	bool have_date = false;
	const struct rrm_node *dn = rrm_node_get(fm, "date");
	if (dn && dn->kind == RRM_NODE_SCALAR &&
	    rrm_date_parse(dn->value, false, &d) == RRM_DATE_OK)
		have_date = true;
	struct rrm_datetime fd;
	size_t prefix = date_prefix(filename, &fd);
	if (!have_date && prefix) {
		d = fd;
		have_date = true;
	}
	const char *slug = fm_string(fm, "slug");
	char *slug_own = NULL;
	if (!slug)
		slug = slug_own = rrm_site_file_slug(rel);
	int y = 0, m = 0, day = 0;
	if (have_date)
		rrm_date_local_day(&d, c->timezone, &y, &m, &day);

	bool section_pattern = false;
	for (size_t i = 0; i < c->n_permalinks; i++)
		if (c->permalinks[i].section && !strcmp(c->permalinks[i].section, section))
			section_pattern = true;
	const char *pattern = rrm_site_pattern(c, section);

	const char *p = parent;
	if (section_pattern && section[0]) {
		p += strlen(section);
		while (*p == '/')
			p++;
	}
	struct rrm_permalink_vars v = {y, m, day, slug, section, filename, p};
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_site_expand(&b, pattern, &v);
	/* Collapse repeated slashes left by empty tokens; lower-case as Hugo does. */
	char *u = rrm_buf_detach(&b);
	size_t w = 0;
	for (size_t r = 0; u[r]; r++)
		if (!(u[r] == '/' && w > 0 && u[w - 1] == '/'))
			u[w++] = c->lowercase_urls > 0 ? (char)tolower((unsigned char)u[r]) : u[r];
	u[w] = '\0';
	free(slug_own);
	free(path);
	free(dir_copy);
	return u;
}

/* The index. */

void rrm_site_init(struct rrm_site *s, const struct rrm_config *c)
{
	memset(s, 0, sizeof *s);
	s->c = c;
}

void rrm_site_release(struct rrm_site *s)
{
	for (size_t i = 0; i < s->n_pages; i++) {
		struct rrm_page *p = &s->pages[i];
		free(p->file);
		free(p->url);
		free(p->redirect_to);
		for (size_t k = 0; k < p->n_ids; k++)
			free(p->ids[k]);
		free(p->ids);
		rrm_map_release(&p->id_set);
	}
	free(s->pages);
	rrm_map_release(&s->by_url);
	rrm_map_release(&s->by_alias);
	rrm_map_release(&s->by_url_lower);
	rrm_map_release(&s->by_file);
	rrm_map_release(&s->by_file_lower);
	rrm_map_release(&s->by_name);
	rrm_map_release(&s->files);
	rrm_map_release(&s->files_lower);
	for (size_t i = 0; i < s->n_redirects; i++) {
		free(s->redirects[i].from);
		free(s->redirects[i].to);
		free(s->redirects[i].src_file);
	}
	free(s->redirects);
	rrm_map_release(&s->redirect_urls);
	memset(s, 0, sizeof *s);
}

static char *lower_ascii(const char *v)
{
	char *l = rrm_strdup(v);
	for (char *p = l; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return l;
}

static void put(struct rrm_map *m, const char *key, int value)
{
	struct rrm_map_entry *e = rrm_map_put(m, key, strlen(key));
	if (!e->value)
		e->value = value;
}

static void add_url(struct rrm_site *s, const char *url, size_t page)
{
	put(&s->by_url, url, (int)page + 1);
	char *l = lower_ascii(url);
	put(&s->by_url_lower, l, (int)page + 1);
	free(l);
}

static char *percent_decode(const char *s)
{
	size_t n = strlen(s), k = 0;
	char *out = rrm_malloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = {s[i + 1], s[i + 2], 0};
			char c = (char)strtol(hex, NULL, 16);
			out[k++] = c ? c : '%';
			if (c)
				i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	return out;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && !strcmp(s + n - t, tail);
}

char *rrm_site_alias_url(const char *alias, bool redirect_from, const char *page_url)
{
	if (!alias || !*alias || strstr(alias, "://"))
		return NULL; /* Hugo refuses http(s) aliases; a redirect page needs a path */
	char *abs;
	bool folder;
	if (redirect_from) {
		/* jekyll-redirect-from: from the root, decoded; "x/" and "x/index.html" are
		 * x/index.html, a name without extension gets ".html" */
		char *dec = percent_decode(alias);
		folder = dec[0] && dec[strlen(dec) - 1] == '/';
		char *j = rrm_asprintf("/%s", dec);
		abs = rrm_path_normalize(j);
		free(j);
		free(dec);
		const char *base = strrchr(abs, '/');
		if (!folder && strcmp(abs, "/") && !strchr(base ? base + 1 : abs, '.')) {
			char *t = rrm_asprintf("%s.html", abs);
			free(abs);
			abs = t;
		}
	} else {
		/* Hugo: a relative alias from the folder that holds the page's URL */
		if (alias[0] == '/' || !page_url) {
			char *j = rrm_asprintf("/%s", alias);
			abs = rrm_path_normalize(j);
			free(j);
		} else {
			size_t ul = strlen(page_url);
			while (ul > 1 && page_url[ul - 1] == '/')
				ul--;
			size_t cut = ul;
			while (cut > 0 && page_url[cut - 1] != '/')
				cut--;
			char *dir = rrm_strndup(page_url, cut ? cut - 1 : 0);
			char *j = rrm_asprintf("/%s/%s", dir, alias);
			abs = rrm_path_normalize(j);
			free(j);
			free(dir);
		}
		/* only a path ending in .html is a file; any other is a folder with index.html */
		folder = !ends_with(abs, ".html");
	}
	if (folder && strcmp(abs, "/")) {
		char *t = rrm_asprintf("%s/", abs);
		free(abs);
		abs = t;
	} else if (ends_with(abs, "/index.html")) {
		abs[strlen(abs) - strlen("index.html")] = '\0';
	}
	if (!strcmp(abs, "/")) { /* Hugo refuses it; the home page is no redirect */
		free(abs);
		return NULL;
	}
	return abs;
}

static void add_alias(struct rrm_site *s, const char *alias, bool redirect_from, const char *url,
		      size_t page)
{
	char *abs = rrm_site_alias_url(alias, redirect_from, url);
	if (!abs)
		return;
	put(&s->by_alias, abs, (int)page + 1);
	char *l = lower_ascii(abs);
	put(&s->by_url_lower, l, (int)page + 1);
	free(l);
	free(abs);
}

/* A front-matter value that says something: a non-empty scalar, or a list holding one. */
static bool has_value(const struct rrm_node *n)
{
	if (!n)
		return false;
	if (n->kind == RRM_NODE_SCALAR)
		return n->value_len && rrm_scalar_type(n) != RRM_SCALAR_NULL;
	for (size_t i = 0; n->kind == RRM_NODE_SEQ && i < n->n_items; i++)
		if (has_value(n->items[i]))
			return true;
	return false;
}

static bool scalar_is(const struct rrm_node *n, const char *v)
{
	return n && n->kind == RRM_NODE_SCALAR && n->value && !strcasecmp(n->value, v);
}

/*
 * Hugo's build options (build, or _build before Hugo 0.123): whether they
 * set render (*set), and to never or false.
 */
static bool never_rendered(const struct rrm_node *m, bool *set)
{
	static const char *const keys[] = {"build", "_build"};
	*set = false;
	for (size_t k = 0; k < 2; k++) {
		const struct rrm_node *r = rrm_hugo_fm_get(rrm_hugo_fm_get(m, keys[k]), "render");
		if (r) {
			*set = true;
			return scalar_is(r, "never") || scalar_is(r, "false");
		}
	}
	return false;
}

/* A cascade (a map, or a list of maps) that stops rendering, for every page (no target). */
static bool cascade_never(const struct rrm_node *c)
{
	if (!c)
		return false;
	size_t n = c->kind == RRM_NODE_SEQ ? c->n_items : 1;
	for (size_t i = 0; i < n; i++) {
		const struct rrm_node *m = c->kind == RRM_NODE_SEQ ? c->items[i] : c;
		bool set;
		if (m->kind == RRM_NODE_MAP && !rrm_hugo_fm_get(m, "target") &&
		    !rrm_hugo_fm_get(m, "_target") && never_rendered(m, &set))
			return true;
	}
	return false;
}

bool rrm_page_meta_unrendered(const struct rrm_page_meta *m, const char *file, bool cascaded)
{
	if (m->headless && rrm_site_bundle_head(file) == RRM_HEAD_LEAF)
		return true;
	if (m->render_set)
		return m->no_render;
	return cascaded || m->cascade_no_render;
}

void rrm_page_meta_add_aliases(struct rrm_page_meta *m, const struct rrm_node *a,
			       bool redirect_from)
{
	size_t n = a ? (a->kind == RRM_NODE_SEQ ? a->n_items : 1) : 0;
	for (size_t j = 0; j < n; j++) {
		const struct rrm_node *v = a->kind == RRM_NODE_SEQ ? a->items[j] : a;
		if (v->kind != RRM_NODE_SCALAR || !v->value_len || !v->value[0])
			continue;
		m->aliases = rrm_realloc(m->aliases, (m->n_aliases + 1) * sizeof *m->aliases);
		m->alias_root =
			rrm_realloc(m->alias_root, (m->n_aliases + 1) * sizeof *m->alias_root);
		m->alias_root[m->n_aliases] = redirect_from;
		m->aliases[m->n_aliases++] = rrm_strdup(v->value);
	}
}

void rrm_page_meta_from(struct rrm_page_meta *m, const struct rrm_node *fm)
{
	memset(m, 0, sizeof *m);
	const struct rrm_node *d = rrm_node_get(fm, "draft");
	m->draft = d && d->kind == RRM_NODE_SCALAR && rrm_scalar_type(d) == RRM_SCALAR_BOOL &&
		   (d->value[0] == 't' || d->value[0] == 'T');
	const struct rrm_node *rt = rrm_node_get(fm, "redirect_to");
	m->redirect = has_value(rt);
	if (m->redirect && rt->kind == RRM_NODE_SCALAR)
		m->redirect_to = rrm_strdup(rt->value);
	m->no_render = never_rendered(fm, &m->render_set);
	const struct rrm_node *h = rrm_hugo_fm_get(fm, "headless");
	m->headless = scalar_is(h, "true");
	m->cascade_no_render = cascade_never(rrm_hugo_fm_get(fm, "cascade"));
	rrm_page_meta_add_aliases(m, rrm_node_get(fm, "aliases"), false);
	rrm_page_meta_add_aliases(m, rrm_node_get(fm, "redirect_from"), true);
}

void rrm_page_meta_release(struct rrm_page_meta *m)
{
	for (size_t i = 0; i < m->n_aliases; i++)
		free(m->aliases[i]);
	free(m->aliases);
	free(m->alias_root);
	for (size_t i = 0; i < m->n_served; i++)
		free(m->served[i]);
	free(m->served);
	free(m->redirect_to);
	memset(m, 0, sizeof *m);
}

static void add_file(struct rrm_site *s, const char *key, int kind)
{
	put(&s->files, key, kind);
	char *l = lower_ascii(key);
	put(&s->files_lower, l, kind);
	free(l);
}

size_t rrm_site_add_page_meta(struct rrm_site *s, const char *file, const char *url,
			      const struct rrm_page_meta *m, char **ids, size_t n_ids)
{
	s->pages = rrm_grow(s->pages, &s->cap_pages, s->n_pages + 1, sizeof *s->pages);
	size_t i = s->n_pages++;
	struct rrm_page *p = &s->pages[i];
	memset(p, 0, sizeof *p);
	p->file = rrm_strdup(file);
	p->url = rrm_strdup(url);
	rrm_site_set_ids(p, ids, n_ids);
	p->draft = m->draft;
	p->redirect = m->redirect;
	p->redirect_to = m->redirect_to ? rrm_strdup(m->redirect_to) : NULL;
	add_url(s, url, i);
	for (size_t k = 0; k < m->n_aliases; k++)
		add_alias(s, m->aliases[k], m->alias_root && m->alias_root[k], url, i);
	for (size_t k = 0; k < m->n_served; k++)
		add_file(s, m->served[k], 2);
	put(&s->by_file, file, (int)i + 1);
	char *lf = lower_ascii(file);
	put(&s->by_file_lower, lf, (int)i + 1);
	free(lf);
	/* the name, for post_url: "2010-07-21-name" */
	const char *base = rrm_path_base(file);
	const char *dot = strrchr(base, '.');
	char *name = rrm_strndup(base, dot ? (size_t)(dot - base) : strlen(base));
	put(&s->by_name, name, (int)i + 1);
	free(name);
	return i;
}

size_t rrm_site_add_page(struct rrm_site *s, const char *file, const char *url,
			 const struct rrm_node *fm, char **ids, size_t n_ids)
{
	struct rrm_page_meta m;
	rrm_page_meta_from(&m, fm);
	size_t i = rrm_site_add_page_meta(s, file, url, &m, ids, n_ids);
	rrm_page_meta_release(&m);
	return i;
}

static bool is_markdown(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown"));
}

/* True when Jekyll does not read `r` (a path from the root). */
static bool jekyll_unread(const struct rrm_config *c, const char *r)
{
	const char *cd = c->content_dir;
	size_t n = strlen(cd);
	if (!strcmp(cd, "."))
		return rrm_jekyll_ignored(c, r);
	if (!strncmp(r, cd, n) && r[n] == '/')
		return rrm_jekyll_ignored(c, r + n + 1);
	return false;
}

/*
 * Walks `dir` (absolute). `rel` is its path from the site root; `served` the
 * URL it is served at (NULL: only the file paths are indexed); `bundle` is
 * the URL of the nearest page bundle above, for Hugo's page resources.
 */
static void walk_files(struct rrm_site *s, const char *dir, const char *rel, const char *served,
		       const char *bundle, int depth)
{
	if (depth > 64)
		return;
	DIR *d = opendir(dir);
	if (!d)
		return;
	/* A folder with index.md or _index.md is a bundle: its files are served beside the page. */
	char *bundle_here = NULL;
	if (served) {
		for (size_t k = 0; rrm_site_bundle_heads[k] && !bundle_here; k++) {
			char *f = rrm_asprintf("%s/%s", rel, rrm_site_bundle_heads[k]);
			struct rrm_map_entry *e = rrm_map_get(&s->by_file, f, strlen(f));
			if (e) {
				const char *pu = s->pages[e->value - 1].url;
				const char *slash = strrchr(pu, '/');
				bundle_here = rrm_strndup(pu, slash ? (size_t)(slash - pu) + 1 : 0);
			}
			free(f);
		}
	}
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *path = rrm_path_join(dir, de->d_name);
		char *r = rel[0] ? rrm_asprintf("%s/%s", rel, de->d_name) : rrm_strdup(de->d_name);
		char *u = served ? rrm_asprintf("%s%s%s", served,
						served[strlen(served) - 1] == '/' ? "" : "/",
						de->d_name)
				 : NULL;
		const char *b = bundle_here ? bundle_here : bundle;
		char *bu = NULL;
		if (b && u) {
			/* the part of the path below the bundle */
			bu = rrm_asprintf("%s%s", b, de->d_name);
		}
		/* what Jekyll does not read it does not serve (_site, _layouts, excluded files) */
		if (s->c->jekyll && jekyll_unread(s->c, r)) {
			free(bu);
			free(u);
			free(r);
			free(path);
			continue;
		}
		/* the entry's type from the folder itself when it says (no system call) */
		struct stat st;
		bool known = de->d_type == DT_DIR || de->d_type == DT_REG || de->d_type == DT_LNK;
		if (known)
			st.st_mode = de->d_type == DT_DIR   ? S_IFDIR
				     : de->d_type == DT_REG ? S_IFREG
							    : S_IFLNK;
		if (known || lstat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				/* a folder inside a bundle keeps the bundle's URL as prefix */
				char *sub = bu ? rrm_asprintf("%s/", bu) : NULL;
				walk_files(s, path, r, u, sub, depth + 1);
				free(sub);
			} else if (S_ISREG(st.st_mode) && !is_markdown(de->d_name) &&
				   !rrm_map_get(&s->by_file, r,
						strlen(r))) { /* not an .html page */
				add_file(s, r, 1);
				/* Hugo publishes a bundle's files under the page's URL only */
				if (bu)
					add_file(s, bu, 2);
				else if (u)
					add_file(s, u, 2);
			}
		}
		free(bu);
		free(u);
		free(r);
		free(path);
	}
	free(bundle_here);
	closedir(d);
}

static void add_redirect(struct rrm_site *s, char *from, const char *to, const char *src_file,
			 int line);

static void copy_map(struct rrm_map *dst, const struct rrm_map *src)
{
	for (size_t i = 0; i < src->cap; i++)
		if (src->v[i].key)
			rrm_map_put(dst, src->v[i].key, src->v[i].len)->value = src->v[i].value;
}

void rrm_site_copy_files(struct rrm_site *dst, const struct rrm_site *src)
{
	copy_map(&dst->files, &src->files);
	copy_map(&dst->files_lower, &src->files_lower);
	for (size_t i = 0; i < src->n_redirects; i++)
		add_redirect(dst, rrm_strdup(src->redirects[i].from), src->redirects[i].to,
			     src->redirects[i].src_file, src->redirects[i].line);
}

static void add_served(void *ctx, const char *url)
{
	add_file(ctx, url, 2);
}

void rrm_site_scan_files(struct rrm_site *s)
{
	const struct rrm_config *c = s->c;
	const char *at = c->hugo.base_path ? c->hugo.base_path : "/";
	char *st = rrm_path_join(c->root, c->static_dir);
	if (strcmp(c->static_dir, c->content_dir)) /* Jekyll: both are the source */
		walk_files(s, st, strcmp(c->static_dir, ".") ? c->static_dir : "", at, NULL, 0);
	free(st);
	/* Hugo: more static folders (staticDir lists, module.mounts) and generated pages */
	for (size_t i = 0; i < c->hugo.static_sources.n; i++) {
		const char *src = c->hugo.static_sources.v[i];
		char *abs = rrm_path_join(c->root, src);
		walk_files(s, abs, strcmp(src, ".") ? src : "", c->hugo.static_urls.v[i], NULL, 0);
		free(abs);
	}
	if (c->generator == RRM_GEN_HUGO)
		rrm_hugo_served(c, add_served, s);
	char *ct = rrm_path_join(c->root, c->content_dir);
	walk_files(s, ct, strcmp(c->content_dir, ".") ? c->content_dir : "", at, NULL, 0);
	free(ct);
	/* Hugo: the other content roots (mounts, other languages' folders), where they are served
	 */
	for (size_t i = 0; i < c->n_content_roots; i++) {
		const struct rrm_content_root *r = &c->content_roots[i];
		if (!strcmp(r->dir, c->content_dir) && !r->at[0] && !r->lang)
			continue; /* walked above */
		char *abs = rrm_path_join(c->root, r->dir);
		bool prefix = r->lang && (strcasecmp(r->lang, c->hugo.default_language
								      ? c->hugo.default_language
								      : "") ||
					  c->hugo.language_in_subdir);
		char *url = rrm_asprintf("%s%s%s%s%s", at, prefix ? r->lang : "", prefix ? "/" : "",
					 r->at, r->at[0] ? "/" : "");
		walk_files(s, abs, strcmp(r->dir, ".") ? r->dir : "", url, NULL, 0);
		free(url);
		free(abs);
	}
	/* the pages a generator's plugins write (Jekyll: /feed.xml, /sitemap.xml, ...) */
	for (size_t i = 0; c->jekyll && i < c->jekyll->generated.n; i++)
		add_file(s, c->jekyll->generated.v[i], 2);
	rrm_site_read_redirects(s);
}

static enum rrm_target lookup(const struct rrm_map *urls, const struct rrm_map *aliases,
			      const struct rrm_map *files, const char *path, size_t *page,
			      bool *alias)
{
	size_t n = strlen(path);
	struct rrm_buf b;
	rrm_buf_init(&b);
	enum rrm_target t = RRM_TARGET_NONE;
	*alias = false;
	/* the forms a web server maps to the same page */
	for (int form = 0; form < 4 && t == RRM_TARGET_NONE; form++) {
		b.len = 0;
		b.data[0] = '\0';
		if (form == 0) {
			rrm_buf_adds(&b, path);
		} else if (form == 1) { /* /x -> /x/ (the server redirects) */
			if (n && path[n - 1] == '/')
				continue;
			rrm_buf_addf(&b, "%s/", path);
		} else if (form == 2) { /* /x/index.html -> /x/ */
			if (n < 11 || strcmp(path + n - 11, "/index.html"))
				continue;
			rrm_buf_add(&b, path, n - 10);
		} else { /* /x.html <-> /x: a page written as x.html, served with or without */
			if (n > 5 && !strcmp(path + n - 5, ".html"))
				rrm_buf_add(&b, path, n - 5);
			else if (n && path[n - 1] != '/')
				rrm_buf_addf(&b, "%s.html", path);
			else
				continue;
		}
		/* a page's own URL first, then its aliases (old URLs), then other files */
		struct rrm_map_entry *e = rrm_map_get(urls, b.data, b.len);
		if (!e && aliases && (e = rrm_map_get(aliases, b.data, b.len)))
			*alias = true;
		if (e) {
			*page = (size_t)e->value - 1;
			t = RRM_TARGET_PAGE;
		} else if (rrm_map_get(files, b.data, b.len)) {
			t = RRM_TARGET_FILE;
		}
	}
	rrm_buf_release(&b);
	return t;
}

enum rrm_target rrm_site_find_url_alias(const struct rrm_site *s, const char *path, size_t *page,
					bool *alias)
{
	enum rrm_target t = lookup(&s->by_url, &s->by_alias, &s->files, path, page, alias);
	if (t == RRM_TARGET_NONE && rrm_site_redirect(s, path))
		t = RRM_TARGET_FILE;
	return t;
}

enum rrm_target rrm_site_find_url(const struct rrm_site *s, const char *path, size_t *page)
{
	bool alias;
	return rrm_site_find_url_alias(s, path, page, &alias);
}

enum rrm_target rrm_site_find_url_nocase(const struct rrm_site *s, const char *path, size_t *page,
					 char **found)
{
	char *l = lower_ascii(path);
	bool alias;
	enum rrm_target t = lookup(&s->by_url_lower, NULL, &s->files_lower, l, page, &alias);
	free(l);
	*found = NULL;
	if (t == RRM_TARGET_PAGE)
		*found = rrm_strdup(s->pages[*page].url);
	return t;
}

/* Redirect rules (Netlify). */

/* A path without its trailing slash (but "/" itself), as rules are matched. */
static size_t trimmed_len(const char *p)
{
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		n--;
	return n;
}

/* Netlify's matching: `*` takes the rest (also nothing), `:name` one non-empty part. */
static bool redirect_match(const char *pat, size_t pn, const char *path, size_t n)
{
	size_t i = 0, k = 0;
	while (i < pn) {
		if (pat[i] == '*')
			return true;
		if (pat[i] == ':' && i > 0 && pat[i - 1] == '/') {
			while (i < pn && pat[i] != '/')
				i++;
			size_t start = k;
			while (k < n && path[k] != '/')
				k++;
			if (k == start)
				return false;
			continue;
		}
		if (k == n) /* a rule for "/news/" and a splat serves "/news" too */
			return pn - i == 2 && pat[i] == '/' && pat[i + 1] == '*';
		if (pat[i] != path[k])
			return false;
		i++;
		k++;
	}
	return k == n;
}

/* Adds a rule whose `from` is decoded (taken); `to` its target path, or NULL. */
static void add_redirect(struct rrm_site *s, char *from, const char *to, const char *src_file,
			 int line)
{
	s->redirects =
		rrm_grow(s->redirects, &s->cap_redirects, s->n_redirects + 1, sizeof *s->redirects);
	struct rrm_redirect *r = &s->redirects[s->n_redirects++];
	r->from = from;
	/* a fixed path of the site (no :splat or :placeholder to fill in) */
	r->to = to && to[0] == '/' && !strchr(to, ':') && !strchr(to, '*') ? rrm_strdup(to) : NULL;
	r->src_file = rrm_strdup(src_file ? src_file : "");
	r->line = line;
	r->pattern = false;
	for (const char *p = r->from; *p && !r->pattern; p++)
		r->pattern = *p == '*' || (*p == ':' && p[-1] == '/');
	if (!r->pattern) {
		char *key = rrm_strndup(r->from, trimmed_len(r->from));
		put(&s->redirect_urls, key, (int)s->n_redirects);
		free(key);
	}
}

void rrm_site_add_redirect(struct rrm_site *s, const char *from, const char *to,
			   const char *src_file, int line)
{
	if (from && from[0] == '/')
		add_redirect(s, percent_decode(from), to, src_file, line);
}

/* The host of base_url, lower case, without "www."; or NULL. */
static char *base_host(const struct rrm_config *c)
{
	const char *h = c->base_url ? strstr(c->base_url, "://") : NULL;
	if (!h)
		return NULL;
	h += 3;
	char *host = lower_ascii(h);
	host[strcspn(host, "/:")] = '\0';
	if (!strncmp(host, "www.", 4))
		memmove(host, host + 4, strlen(host + 4) + 1);
	return host;
}

static bool is_status(const char *f)
{
	if (!isdigit((unsigned char)f[0]))
		return false;
	while (isdigit((unsigned char)*f))
		f++;
	return !*f || (f[0] == '!' && !f[1]);
}

/* The path of a rule's `from`: itself when root-absolute, the path of a URL on base_url's host. */
static const char *rule_path(const char *from, const char *host)
{
	if (from[0] == '/')
		return from;
	const char *h = strstr(from, "://");
	if (!h || !host || (strncmp(from, "http://", 7) && strncmp(from, "https://", 8)))
		return NULL;
	h += 3;
	size_t hl = strcspn(h, "/:");
	if (hl >= 4 && !strncasecmp(h, "www.", 4))
		h += 4, hl -= 4;
	if (strlen(host) != hl || strncasecmp(h, host, hl))
		return NULL;
	const char *p = h + strcspn(h, "/");
	return *p ? p : "/";
}

#define REDIRECT_FIELDS 16

static void read_redirects_file(struct rrm_site *s, const char *rel)
{
	char *abs = rrm_path_join(s->c->root, rel);
	char *text = NULL;
	size_t len = 0;
	int err;
	if (rrm_path_leads_out(abs, s->c->root) ||
	    rrm_read_file(abs, RRM_MAX_FILE_SIZE, &text, &len, &err) != RRM_READ_OK) {
		free(abs);
		return; /* missing, unreadable or outside the site: no rules */
	}
	char *host = base_host(s->c);
	int line = 0;
	for (size_t at = 0; at < len;) {
		size_t end = at;
		while (end < len && text[end] != '\n')
			end++;
		line++;
		/* the fields, split at white space; a '#' starts a comment */
		char *f[REDIRECT_FIELDS];
		size_t nf = 0;
		for (size_t i = at; i < end && nf < REDIRECT_FIELDS;) {
			while (i < end &&
			       (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || !text[i]))
				i++;
			if (i == end || text[i] == '#')
				break;
			size_t st = i;
			while (i < end && text[i] != ' ' && text[i] != '\t' && text[i] != '\r' &&
			       text[i])
				i++;
			f[nf++] = rrm_strndup(text + st, i - st);
		}
		/* from [key=value ...] to [status] [conditions] */
		size_t k = 1;
		while (k < nf && strchr(f[k], '=') && f[k][0] != '/' && !strstr(f[k], "://"))
			k++;
		bool ok = nf >= 2 && k < nf; /* f[k] is `to` */
		if (ok && k + 1 < nf && is_status(f[k + 1])) {
			long status = strtol(f[k + 1], NULL, 10);
			ok = status < 400 || status > 499; /* a 404 rule serves an error page */
		}
		const char *path = ok ? rule_path(f[0], host) : NULL;
		if (path)
			rrm_site_add_redirect(s, path, rule_path(f[k], host), rel, line);
		for (size_t i = 0; i < nf; i++)
			free(f[i]);
		at = end + 1;
	}
	free(host);
	free(text);
	free(abs);
}

void rrm_site_read_redirects(struct rrm_site *s)
{
	const char *st = s->c->static_dir;
	char *in_static =
		strcmp(st, ".") ? rrm_asprintf("%s/_redirects", st) : rrm_strdup("_redirects");
	read_redirects_file(s, in_static);
	if (strcmp(in_static, "_redirects"))
		read_redirects_file(s, "_redirects");
	free(in_static);
	/* netlify.toml's [[redirects]], read with the configuration */
	const struct rrm_strlist *from = &s->c->redirects_from;
	for (size_t i = 0; i < from->n; i++)
		rrm_site_add_redirect(s, from->v[i], NULL, "netlify.toml",
				      from->pos ? from->pos[i].line : 0);
}

const struct rrm_redirect *rrm_site_redirect(const struct rrm_site *s, const char *path)
{
	if (!s->n_redirects)
		return NULL;
	size_t n = trimmed_len(path);
	struct rrm_map_entry *e = rrm_map_get(&s->redirect_urls, path, n);
	if (e)
		return &s->redirects[e->value - 1];
	for (size_t i = 0; i < s->n_redirects; i++) {
		const struct rrm_redirect *r = &s->redirects[i];
		if (r->pattern && redirect_match(r->from, trimmed_len(r->from), path, n))
			return r;
	}
	return NULL;
}

enum rrm_target rrm_site_find_file(const struct rrm_site *s, const char *file, size_t *page)
{
	struct rrm_map_entry *e = rrm_map_get(&s->by_file, file, strlen(file));
	if (e) {
		*page = (size_t)e->value - 1;
		return RRM_TARGET_PAGE;
	}
	/* a folder: its index.md or _index.md */
	const char *const *idx = rrm_site_bundle_heads;
	for (size_t k = 0; idx[k]; k++) {
		size_t n = strlen(file);
		char *f = n == 0 ? rrm_strdup(idx[k])
				 : rrm_asprintf("%s%s%s", file, file[n - 1] == '/' ? "" : "/",
						idx[k]);
		e = rrm_map_get(&s->by_file, f, strlen(f));
		free(f);
		if (e) {
			*page = (size_t)e->value - 1;
			return RRM_TARGET_PAGE;
		}
	}
	struct rrm_map_entry *fe = rrm_map_get(&s->files, file, strlen(file));
	return fe && fe->value == 1 ? RRM_TARGET_FILE : RRM_TARGET_NONE;
}

bool rrm_site_find_name(const struct rrm_site *s, const char *name, size_t *page)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	struct rrm_map_entry *e = rrm_map_get(&s->by_name, base, strlen(base));
	if (!e)
		return false;
	*page = (size_t)e->value - 1;
	return true;
}

void rrm_site_set_ids(struct rrm_page *p, char **ids, size_t n_ids)
{
	for (size_t k = 0; k < p->n_ids; k++)
		free(p->ids[k]);
	free(p->ids);
	rrm_map_release(&p->id_set);
	p->ids = ids;
	p->n_ids = n_ids;
	if (n_ids > 16) /* built once, before any thread looks ids up */
		for (size_t k = 0; k < n_ids; k++)
			rrm_map_put(&p->id_set, ids[k], strlen(ids[k]));
}

void rrm_site_need_ids(const struct rrm_site *s, size_t page)
{
	struct rrm_page *p = &s->pages[page];
	if (!p->lazy)
		return;
	size_t number = p->lazy - 1;
	p->lazy = 0;
	if (s->read_ids)
		s->read_ids(s->read_ids_ctx, p, number);
}

bool rrm_site_has_id(const struct rrm_site *s, size_t p, const char *id)
{
	rrm_site_need_ids(s, p);
	const struct rrm_page *pg = &s->pages[p];
	if (pg->id_set.n && rrm_map_get(&pg->id_set, id, strlen(id)))
		return true;
	/* the ids themselves, and the patterns of headings that hold a shortcode */
	for (size_t i = 0; i < pg->n_ids; i++)
		if ((!pg->id_set.n && !strcmp(pg->ids[i], id)) || rrm_anchor_match(pg->ids[i], id))
			return true;
	return false;
}

enum rrm_target rrm_site_find_file_nocase(const struct rrm_site *s, const char *file, size_t *page)
{
	char *l = lower_ascii(file);
	struct rrm_map_entry *e = rrm_map_get(&s->by_file_lower, l, strlen(l));
	enum rrm_target t = RRM_TARGET_NONE;
	if (e) {
		*page = (size_t)e->value - 1;
		t = RRM_TARGET_PAGE;
	} else if (rrm_map_get(&s->files_lower, l, strlen(l))) {
		t = RRM_TARGET_FILE;
	}
	free(l);
	return t;
}

bool rrm_site_excluded(const struct rrm_config *c, const char *rel)
{
	if (c->jekyll && rrm_jekyll_ignored(c, rel))
		return true; /* Jekyll does not read it */
	for (size_t i = 0; i < c->exclude.n; i++) {
		const char *p = c->exclude.v[i];
		if (strchr(p, '/') ? rrm_glob_match(p, rel) : rrm_glob_match(p, rrm_path_base(rel)))
			return true;
	}
	return false;
}

/* True when `abs`, a folder below content_abs, is one Jekyll does not read. */
static bool jekyll_unread_dir(const struct rrm_config *c, const char *abs, const char *content_abs)
{
	if (!rrm_path_is_under(abs, content_abs))
		return false;
	char *rel = rrm_asprintf("%s/", abs + strlen(content_abs) + 1);
	bool unread = rrm_jekyll_ignored(c, rel);
	free(rel);
	return unread;
}

/* True when `abs`, a file in a content root, is matched by `exclude:` (by its content path). */
static bool excluded_file(const struct rrm_config *c, const char *abs)
{
	if (!rrm_path_is_under(abs, c->root) || !strcmp(abs, c->root))
		return false;
	char *rel = rrm_content_path(c, abs + strlen(c->root) + (c->root[1] ? 1 : 0));
	bool ex = rel && rrm_site_excluded(c, rel);
	free(rel);
	return ex;
}

static bool is_html(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm"));
}

bool rrm_site_html_page(const char *abs, const char *content_abs)
{
	if (!is_html(abs) || !rrm_path_is_under(abs, content_abs) || !strcmp(abs, content_abs))
		return false;
	/* not in a folder the generator keeps for itself (Jekyll's _layouts, _includes ...) */
	const char *rel = abs + strlen(content_abs) + (content_abs[1] ? 1 : 0);
	for (const char *p = rel; *p;) {
		const char *e = strchr(p, '/');
		if (!e)
			break;
		size_t n = (size_t)(e - p);
		if (p[0] == '_' && !(n == 6 && !strncmp(p, "_posts", 6)) &&
		    !(n == 7 && !strncmp(p, "_drafts", 7)))
			return false;
		p = e + 1;
	}
	FILE *f = fopen(abs, "rb");
	if (!f)
		return false;
	char head[8] = "";
	size_t n = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[n] = '\0';
	const char *h = !strncmp(head, "\xEF\xBB\xBF", 3) ? head + 3 : head;
	return !strncmp(h, "---", 3) &&
	       (h[3] == '\n' || h[3] == '\r' || h[3] == ' ' || h[3] == '\t');
}

static void walk_articles(const struct rrm_config *c, const char *dir, const char *content_abs,
			  rrm_walk_fn fn, void *ctx, int depth)
{
	if (depth > RRM_WALK_MAX_DEPTH) {
		fn(ctx, dir, NULL, "a folder nested deeper than 64 levels: not read");
		return;
	}
	DIR *d = opendir(dir);
	if (!d) {
		if (errno != ENOENT) {
			char *why = rrm_asprintf("cannot read the folder: %s", strerror(errno));
			fn(ctx, dir, NULL, why);
			free(why);
		}
		return;
	}
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		/* only what may be an article needs a system call: the folder says what is a folder
		 */
		bool md = is_markdown(de->d_name), html = is_html(de->d_name);
		if (!md && !html && de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		char *p = rrm_path_join(dir, de->d_name);
		/* an .html file is a page when it has front matter (Hugo and Jekyll render it) */
		if (html && !md && de->d_type != DT_DIR)
			md = (de->d_type == DT_REG || de->d_type == DT_UNKNOWN) &&
			     rrm_site_html_page(p, content_abs);
		struct stat st;
		if (c->jekyll && de->d_type != DT_REG && jekyll_unread_dir(c, p, content_abs)) {
			free(p); /* _site, _layouts, node_modules, ...: Jekyll reads nothing there
				  */
			continue;
		}
		if (de->d_type == DT_DIR) {
			walk_articles(c, p, content_abs, fn, ctx, depth + 1);
		} else if (lstat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				walk_articles(c, p, content_abs, fn, ctx, depth + 1);
			else if ((S_ISREG(st.st_mode) || (S_ISLNK(st.st_mode) && !html)) && md &&
				 !excluded_file(c, p))
				fn(ctx, p, &st, NULL);
		}
		free(p);
	}
	closedir(d);
}

void rrm_site_walk(const struct rrm_config *c, const char *dir, rrm_walk_fn fn, void *ctx)
{
	char *content_abs = rrm_path_absolute(c->content_dir, c->root);
	walk_articles(c, dir, content_abs, fn, ctx, 0);
	free(content_abs);
}
