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
	if (n && n->kind == RRM_NODE_SCALAR && n->value_len && rrm_scalar_type(n) != RRM_SCALAR_NULL)
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

char *rrm_site_url(const struct rrm_config *c, const char *rel, const struct rrm_node *fm)
{
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
	bool list_page = !strcmp(name, "_index") || (!strcmp(name, "index") && !dir[0]);
	bool bundle = list_page || !strcmp(name, "index");
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
	if (dn && dn->kind == RRM_NODE_SCALAR && rrm_date_parse(dn->value, false, &d) == RRM_DATE_OK)
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
		slug = slug_own = rrm_strdup(filename + prefix);
	int y = 0, m = 0, day = 0;
	if (have_date)
		rrm_date_local_day(&d, &y, &m, &day);

	bool section_pattern = false;
	for (size_t i = 0; i < c->n_permalinks; i++)
		if (c->permalinks[i].section && !strcmp(c->permalinks[i].section, section))
			section_pattern = true;
	const char *pattern = rrm_site_pattern(c, section);

	struct rrm_buf b;
	rrm_buf_init(&b);
	for (const char *s = pattern; *s;) {
		if (*s != ':') {
			rrm_buf_addc(&b, *s++);
			continue;
		}
		const char *e = s + 1;
		while (isalpha((unsigned char)*e) || *e == '_')
			e++;
		size_t l = (size_t)(e - s - 1);
		const char *t = s + 1;
#define TOKEN(x) (l == strlen(x) && !strncmp(t, x, l))
		if (TOKEN("year"))
			add_num(&b, y, 4);
		else if (TOKEN("month"))
			add_num(&b, m, 2);
		else if (TOKEN("day"))
			add_num(&b, day, 2);
		else if (TOKEN("slug") || TOKEN("title"))
			rrm_buf_adds(&b, slug);
		else if (TOKEN("section") || TOKEN("collection"))
			rrm_buf_adds(&b, section[0] == '_' ? section + 1 : section);
		else if (TOKEN("filename"))
			rrm_buf_adds(&b, filename);
		else if (TOKEN("path")) {
			const char *p = parent;
			if (section_pattern && section[0]) {
				p += strlen(section);
				while (*p == '/')
					p++;
			}
			if (*p) {
				rrm_buf_adds(&b, p);
				rrm_buf_addc(&b, '/');
			}
			rrm_buf_adds(&b, slug);
		} else
			rrm_buf_add(&b, s, (size_t)(e - s));
#undef TOKEN
		s = e;
	}
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
		for (size_t k = 0; k < p->n_ids; k++)
			free(p->ids[k]);
		free(p->ids);
		rrm_map_release(&p->id_set);
	}
	free(s->pages);
	rrm_map_release(&s->by_url);
	rrm_map_release(&s->by_url_lower);
	rrm_map_release(&s->by_file);
	rrm_map_release(&s->by_file_lower);
	rrm_map_release(&s->by_name);
	rrm_map_release(&s->files);
	rrm_map_release(&s->files_lower);
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

/* An alias as Hugo writes it: absolute, or relative to the page's folder URL. */
static void add_alias(struct rrm_site *s, const char *alias, const char *url, size_t page)
{
	char *abs;
	if (alias[0] == '/') {
		abs = rrm_path_normalize(alias);
	} else {
		/* Hugo: relative to the folder that holds the page's URL */
		size_t ul = strlen(url);
		while (ul > 1 && url[ul - 1] == '/')
			ul--;
		size_t cut = ul;
		while (cut > 0 && url[cut - 1] != '/')
			cut--;
		char *dir = rrm_strndup(url, cut ? cut - 1 : 0);
		char *j = rrm_asprintf("%s/%s", dir, alias);
		abs = rrm_path_normalize(j);
		free(j);
		free(dir);
	}
	/* an alias is published as a folder (alias/index.html) unless it names a file */
	const char *last = strrchr(abs, '/');
	if (strcmp(abs, "/") && !strchr(last ? last : abs, '.')) {
		char *t = rrm_asprintf("%s/", abs);
		free(abs);
		abs = t;
	}
	add_url(s, abs, page);
	free(abs);
}

/* A map's value by key, ignoring letter case as Hugo does. */
static const struct rrm_node *get_nocase(const struct rrm_node *map, const char *key)
{
	if (!map || map->kind != RRM_NODE_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n_items; i += 2)
		if (map->items[i]->value && !strcasecmp(map->items[i]->value, key))
			return map->items[i + 1];
	return NULL;
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
		const struct rrm_node *r = get_nocase(get_nocase(m, keys[k]), "render");
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
		if (m->kind == RRM_NODE_MAP && !get_nocase(m, "target") && !get_nocase(m, "_target") &&
		    never_rendered(m, &set))
			return true;
	}
	return false;
}

bool rrm_page_meta_unrendered(const struct rrm_page_meta *m, const char *file, bool cascaded)
{
	const char *b = rrm_path_base(file);
	bool leaf = !strcmp(b, "index.md") || !strcmp(b, "index.markdown") || !strcmp(b, "index.html");
	if (m->headless && leaf)
		return true;
	if (m->render_set)
		return m->no_render;
	return cascaded || m->cascade_no_render;
}

void rrm_page_meta_from(struct rrm_page_meta *m, const struct rrm_node *fm)
{
	memset(m, 0, sizeof *m);
	const struct rrm_node *d = rrm_node_get(fm, "draft");
	m->draft = d && d->kind == RRM_NODE_SCALAR && rrm_scalar_type(d) == RRM_SCALAR_BOOL &&
		   (d->value[0] == 't' || d->value[0] == 'T');
	m->no_render = never_rendered(fm, &m->render_set);
	const struct rrm_node *h = get_nocase(fm, "headless");
	m->headless = scalar_is(h, "true");
	m->cascade_no_render = cascade_never(get_nocase(fm, "cascade"));
	static const char *const alias_keys[] = {"aliases", "redirect_from"};
	for (size_t k = 0; k < 2; k++) {
		const struct rrm_node *a = rrm_node_get(fm, alias_keys[k]);
		if (!a)
			continue;
		size_t n = a->kind == RRM_NODE_SEQ ? a->n_items : 1;
		for (size_t j = 0; j < n; j++) {
			const struct rrm_node *v = a->kind == RRM_NODE_SEQ ? a->items[j] : a;
			if (v->kind == RRM_NODE_SCALAR && v->value_len && v->value[0]) {
				m->aliases = rrm_realloc(m->aliases, (m->n_aliases + 1) * sizeof *m->aliases);
				m->aliases[m->n_aliases++] = rrm_strdup(v->value);
			}
		}
	}
}

void rrm_page_meta_release(struct rrm_page_meta *m)
{
	for (size_t i = 0; i < m->n_aliases; i++)
		free(m->aliases[i]);
	free(m->aliases);
	memset(m, 0, sizeof *m);
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
	p->ids = ids;
	p->n_ids = n_ids;
	if (n_ids > 16) /* built once, before any thread looks ids up */
		for (size_t k = 0; k < n_ids; k++)
			rrm_map_put(&p->id_set, ids[k], strlen(ids[k]));
	p->draft = m->draft;
	add_url(s, url, i);
	for (size_t k = 0; k < m->n_aliases; k++)
		add_alias(s, m->aliases[k], url, i);
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

static void add_file(struct rrm_site *s, const char *key, int kind)
{
	put(&s->files, key, kind);
	char *l = lower_ascii(key);
	put(&s->files_lower, l, kind);
	free(l);
}

static bool is_markdown(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown"));
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
		for (int k = 0; k < 2 && !bundle_here; k++) {
			char *f = rrm_asprintf("%s/%s", rel, k ? "_index.md" : "index.md");
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
						served[strlen(served) - 1] == '/' ? "" : "/", de->d_name)
				 : NULL;
		const char *b = bundle_here ? bundle_here : bundle;
		char *bu = NULL;
		if (b && u) {
			/* the part of the path below the bundle */
			bu = rrm_asprintf("%s%s", b, de->d_name);
		}
		/* the entry's type from the folder itself when it says (no system call) */
		struct stat st;
		bool known = de->d_type == DT_DIR || de->d_type == DT_REG || de->d_type == DT_LNK;
		if (known)
			st.st_mode = de->d_type == DT_DIR ? S_IFDIR : de->d_type == DT_REG ? S_IFREG : S_IFLNK;
		if (known || lstat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				/* a folder inside a bundle keeps the bundle's URL as prefix */
				char *sub = bu ? rrm_asprintf("%s/", bu) : NULL;
				walk_files(s, path, r, u, sub, depth + 1);
				free(sub);
			} else if (S_ISREG(st.st_mode) && !is_markdown(de->d_name) &&
				   !rrm_map_get(&s->by_file, r, strlen(r))) { /* not an .html page */
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
}

void rrm_site_scan_files(struct rrm_site *s)
{
	const struct rrm_config *c = s->c;
	char *st = rrm_path_join(c->root, c->static_dir);
	walk_files(s, st, strcmp(c->static_dir, ".") ? c->static_dir : "", "/", NULL, 0);
	free(st);
	char *ct = rrm_path_join(c->root, c->content_dir);
	walk_files(s, ct, strcmp(c->content_dir, ".") ? c->content_dir : "", "/", NULL, 0);
	free(ct);
}

static enum rrm_target lookup(const struct rrm_map *urls, const struct rrm_map *files,
			      const char *path, size_t *page)
{
	size_t n = strlen(path);
	struct rrm_buf b;
	rrm_buf_init(&b);
	enum rrm_target t = RRM_TARGET_NONE;
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
		struct rrm_map_entry *e = rrm_map_get(urls, b.data, b.len);
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

enum rrm_target rrm_site_find_url(const struct rrm_site *s, const char *path, size_t *page)
{
	return lookup(&s->by_url, &s->files, path, page);
}

enum rrm_target rrm_site_find_url_nocase(const struct rrm_site *s, const char *path, size_t *page,
					 char **found)
{
	char *l = lower_ascii(path);
	enum rrm_target t = lookup(&s->by_url_lower, &s->files_lower, l, page);
	free(l);
	*found = NULL;
	if (t == RRM_TARGET_PAGE)
		*found = rrm_strdup(s->pages[*page].url);
	return t;
}

enum rrm_target rrm_site_find_file(const struct rrm_site *s, const char *file, size_t *page)
{
	struct rrm_map_entry *e = rrm_map_get(&s->by_file, file, strlen(file));
	if (e) {
		*page = (size_t)e->value - 1;
		return RRM_TARGET_PAGE;
	}
	/* a folder: its index.md or _index.md */
	static const char *const idx[] = {"index.md", "_index.md", "index.markdown"};
	for (size_t k = 0; k < 3; k++) {
		size_t n = strlen(file);
		char *f = n == 0 ? rrm_strdup(idx[k])
				 : rrm_asprintf("%s%s%s", file, file[n - 1] == '/' ? "" : "/", idx[k]);
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

bool rrm_site_has_id(const struct rrm_site *s, size_t p, const char *id)
{
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
	for (size_t i = 0; i < c->exclude.n; i++) {
		const char *p = c->exclude.v[i];
		if (strchr(p, '/') ? rrm_glob_match(p, rel) : rrm_glob_match(p, rrm_path_base(rel)))
			return true;
	}
	return false;
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
	return !strncmp(h, "---", 3) && (h[3] == '\n' || h[3] == '\r' || h[3] == ' ' || h[3] == '\t');
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
		/* only what may be an article needs a system call: the folder says what is a folder */
		bool md = is_markdown(de->d_name), html = is_html(de->d_name);
		if (!md && !html && de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		char *p = rrm_path_join(dir, de->d_name);
		/* an .html file is a page when it has front matter (Hugo and Jekyll render it) */
		if (html && !md && de->d_type != DT_DIR)
			md = (de->d_type == DT_REG || de->d_type == DT_UNKNOWN) &&
			     rrm_site_html_page(p, content_abs);
		struct stat st;
		if (de->d_type == DT_DIR) {
			walk_articles(c, p, content_abs, fn, ctx, depth + 1);
		} else if (lstat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				walk_articles(c, p, content_abs, fn, ctx, depth + 1);
			else if ((S_ISREG(st.st_mode) || (S_ISLNK(st.st_mode) && !html)) && md &&
				 !(rrm_path_is_under(p, content_abs) &&
				   rrm_site_excluded(c, p + strlen(content_abs) + 1)))
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
