/* d_type of readdir(3), strcasecmp */
#define _DEFAULT_SOURCE
#include "lib/hugo.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <utf8proc.h>

#include "lib/date.h"
#include "lib/json.h"
#include "lib/site.h"
#include "lib/spell.h"
#include "lib/toml.h"
#include "lib/util.h"

/*
 * Reading the configuration.
 *
 * Hugo merges its configuration files: the root file (the first of hugo.toml,
 * hugo.yaml, hugo.yml, hugo.json, config.toml, ...), then config/_default/
 * (hugo.* or config.*, and per-key files: params.toml is [params],
 * menus.en.toml is languages.en.menus), then config/production/ (the
 * environment of `hugo` builds). A later file wins key by key. Rather than
 * merging trees, rrm keeps every file's tree with the key path its root
 * stands for, and looks a key up from the last file back.
 */

struct source {
	char *file;   /* relative to the root */
	char *prefix; /* the dotted key path its root stands for; "" for a whole configuration */
	struct rrm_ydoc doc;
};

struct hx {
	struct rrm_config *c;
	struct rrm_config_error *err;
	struct source *v;
	size_t n;
};

/* What a lookup found: the value, its key (NULL for a file's root) and file. */
struct found {
	const struct rrm_node *v, *k;
	const struct source *s;
};

static const char *const exts[] = {"toml", "yaml", "yml", "json"};

static bool is_regular(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool fail_at(struct hx *x, const char *rel, int line, int column, const char *msg)
{
	x->err->file = rrm_path_join(x->c->root, rel);
	x->err->line = line;
	x->err->column = column;
	x->err->message = rrm_strdup(msg);
	return false;
}

/* Reads and parses one configuration file; `prefix` is the key its root stands for. */
static bool add_source(struct hx *x, const char *rel, const char *prefix)
{
	char *path = rrm_path_join(x->c->root, rel);
	rrm_strlist_add(&x->c->generator_files, rel);
	if (rrm_path_leads_out(path, x->c->root)) { /* nothing is read outside the site */
		free(path);
		return fail_at(x, rel, 0, 0, "leads outside the site (a symbolic link): not read");
	}
	char *text = NULL;
	size_t len = 0;
	int e = 0;
	enum rrm_read_status st = rrm_read_file(path, 1024 * 1024, &text, &len, &e);
	free(path);
	if (st != RRM_READ_OK) {
		char *m = rrm_asprintf("cannot read the file: %s",
				       e == EFBIG ? "larger than 1 MiB" : strerror(e));
		fail_at(x, rel, 0, 0, m);
		free(m);
		return false;
	}
	struct rrm_ydoc doc;
	struct rrm_yaml_error ye = {0, 0, NULL};
	const char *ext = strrchr(rel, '.');
	int rc;
	if (ext && !strcmp(ext, ".toml"))
		rc = rrm_toml_parse(text, len, &doc, &ye);
	else if (ext && !strcmp(ext, ".json"))
		rc = rrm_json_parse(text, len, &doc, &ye);
	else {
		bool nul;
		size_t bad = rrm_utf8_check(text, len, &nul);
		if (bad < len) {
			free(text);
			return fail_at(x, rel, 1, 1,
				       nul ? "NUL byte: a text file cannot hold one"
					   : "invalid UTF-8");
		}
		rc = rrm_yaml_parse(text, len, 1, &doc, &ye);
	}
	free(text);
	if (rc != 0) {
		const char *kind = ext && !strcmp(ext, ".toml")   ? "TOML"
				   : ext && !strcmp(ext, ".json") ? "JSON"
								  : "YAML";
		char *m = rrm_asprintf("%s syntax: %s", kind, ye.message ? ye.message : "invalid");
		bool ok = fail_at(x, rel, ye.line, ye.column, m);
		free(m);
		rrm_yaml_error_release(&ye);
		return ok;
	}
	if (doc.root && doc.root->kind != RRM_NODE_MAP) {
		bool ok = fail_at(x, rel, doc.root->line, doc.root->column,
				  "a Hugo configuration file must be a map of keys to values");
		rrm_ydoc_release(&doc);
		return ok;
	}
	x->v = rrm_realloc(x->v, (x->n + 1) * sizeof *x->v);
	x->v[x->n++] = (struct source){rrm_strdup(rel), rrm_strdup(prefix), doc};
	return true;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* config/<env>/: hugo.* or config.* first, then the per-key files by name. */
static bool add_dir(struct hx *x, const char *dir)
{
	char *abs = rrm_path_join(x->c->root, dir);
	DIR *d = opendir(abs);
	free(abs);
	if (!d)
		return true;
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		const char *dot = strrchr(de->d_name, '.');
		if (de->d_name[0] == '.' || !dot)
			continue;
		bool known = false;
		for (size_t i = 0; i < 4; i++)
			known |= !strcmp(dot + 1, exts[i]);
		if (!known)
			continue;
		names = rrm_realloc(names, (n + 1) * sizeof *names);
		names[n++] = rrm_strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	bool ok = true;
	for (int pass = 0; pass < 2 && ok; pass++)
		for (size_t i = 0; i < n && ok; i++) {
			char *stem =
				rrm_strndup(names[i], (size_t)(strrchr(names[i], '.') - names[i]));
			bool whole = !strcasecmp(stem, "hugo") || !strcasecmp(stem, "config");
			if (whole == (pass == 0)) {
				char *rel = rrm_asprintf("%s/%s", dir, names[i]);
				char *prefix;
				char *lang = strchr(stem, '.');
				if (whole)
					prefix = rrm_strdup("");
				else if (lang) { /* menus.en.toml: languages.en.menus */
					*lang++ = '\0';
					prefix = rrm_asprintf("languages.%s.%s", lang, stem);
				} else
					prefix = rrm_strdup(stem);
				char *path = rrm_path_join(x->c->root, rel);
				if (is_regular(path))
					ok = add_source(x, rel, prefix);
				free(path);
				free(prefix);
				free(rel);
			}
			free(stem);
		}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ok;
}

/* The entry `key` (case-insensitive, as Hugo's keys are) of a MAP. */
static const struct rrm_node *map_get(const struct rrm_node *map, const char *key, size_t kl,
				      const struct rrm_node **k)
{
	if (!map || map->kind != RRM_NODE_MAP)
		return NULL;
	const struct rrm_node *hit = NULL;
	for (size_t i = 0; i + 1 < map->n_items; i += 2) {
		const struct rrm_node *kn = map->items[i];
		if (kn->kind == RRM_NODE_SCALAR && kn->value_len == kl &&
		    !strncasecmp(kn->value, key, kl)) {
			hit = map->items[i + 1]; /* the last one wins, as in Hugo's YAML */
			if (k)
				*k = kn;
		}
	}
	return hit && hit->kind != RRM_NODE_ALIAS ? hit : NULL;
}

const struct rrm_node *rrm_hugo_fm_get(const struct rrm_node *fm, const char *key)
{
	return map_get(fm, key, strlen(key), NULL);
}

static const struct rrm_node *walk(const struct rrm_node *n, const char *path,
				   const struct rrm_node **k)
{
	*k = NULL;
	while (n && *path) {
		const char *dot = strchr(path, '.');
		size_t l = dot ? (size_t)(dot - path) : strlen(path);
		n = map_get(n, path, l, k);
		path += l + (dot != NULL);
	}
	return n;
}

/* The value of `path` (dotted, case-insensitive) in one file, or NULL; *k its key. */
static const struct rrm_node *source_get(const struct source *s, const char *path,
					 const struct rrm_node **k)
{
	size_t pl = strlen(s->prefix);
	const char *rest;
	if (!pl)
		rest = path;
	else if (!strncasecmp(path, s->prefix, pl) && (path[pl] == '.' || !path[pl]))
		rest = path[pl] ? path + pl + 1 : "";
	else
		return NULL;
	return walk(s->doc.root, rest, k);
}

/* `path` (dotted) in the file that defines it last. */
static bool get(const struct hx *x, const char *path, struct found *f)
{
	for (size_t i = x->n; i-- > 0;) {
		const struct rrm_node *k;
		const struct rrm_node *v = source_get(&x->v[i], path, &k);
		if (v) {
			*f = (struct found){v, k, &x->v[i]};
			return true;
		}
	}
	return false;
}

/* Calls fn for every file's value of `path`, the first file first (later ones override). */
static void each(const struct hx *x, const char *path,
		 void (*fn)(struct hx *x, const struct found *f, void *ctx), void *ctx)
{
	for (size_t i = 0; i < x->n; i++) {
		const struct rrm_node *k;
		const struct rrm_node *v = source_get(&x->v[i], path, &k);
		if (v) {
			struct found f = {v, k, &x->v[i]};
			fn((struct hx *)x, &f, ctx);
		}
	}
}

static void origin(struct hx *x, const char *key, const struct found *f)
{
	const struct rrm_node *at = f->k ? f->k : f->v;
	rrm_config_set_origin(x->c, key, f->s->file, f->k || f->v != f->s->doc.root ? at->line : 1,
			      f->k || f->v != f->s->doc.root ? at->column : 1);
}

static void note(struct hx *x, const struct found *f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void note(struct hx *x, const struct found *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[900];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	const struct rrm_node *at = f ? (f->k ? f->k : f->v) : NULL;
	rrm_config_add_note(x->c, f ? f->s->file : NULL, at ? at->line : 0, at ? at->column : 0,
			    "%s", buf);
}

static const char *scalar(const struct rrm_node *n)
{
	return n && n->kind == RRM_NODE_SCALAR && rrm_scalar_type(n) != RRM_SCALAR_NULL ? n->value
											: NULL;
}

/* A boolean setting: true, false, or -1 when absent or not a boolean (noted). */
static int get_bool(struct hx *x, const char *path, struct found *f)
{
	if (!get(x, path, f))
		return -1;
	if (f->v->kind == RRM_NODE_SCALAR && rrm_scalar_type(f->v) == RRM_SCALAR_BOOL)
		return f->v->value[0] == 't' || f->v->value[0] == 'T';
	note(x, f, "%s: expected true or false; ignored", path);
	return -1;
}

static const char *get_str(struct hx *x, const char *path, struct found *f)
{
	if (!get(x, path, f))
		return NULL;
	const char *s = scalar(f->v);
	if (!s || rrm_scalar_type(f->v) != RRM_SCALAR_STRING || !*s) {
		note(x, f, "%s: expected a string; ignored", path);
		return NULL;
	}
	return s;
}

static void set(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? rrm_strdup(s) : NULL;
}

/* A folder inside the site: relative, no "..", not out through a symbolic link. */
static char *site_folder(struct hx *x, const char *s)
{
	char *norm = rrm_path_normalize(s);
	bool bad = s[0] == '/' || !strcmp(norm, "..") || !strncmp(norm, "../", 3);
	if (!bad) {
		char *abs = rrm_path_join(x->c->root, norm);
		bad = rrm_path_leads_out(abs, x->c->root);
		free(abs);
	}
	if (bad) {
		free(norm);
		return NULL;
	}
	return norm;
}

/* Settings. */

static void load_base_url(struct hx *x)
{
	struct found f;
	const char *u = get_str(x, "baseURL", &f);
	set(&x->c->hugo.base_path, "/");
	if (!u)
		return;
	const char *rest = !strncmp(u, "https://", 8)  ? u + 8
			   : !strncmp(u, "http://", 7) ? u + 7
						       : NULL;
	if (!rest || !*rest || *rest == '/') {
		if (strcmp(u, "/"))
			note(x, &f,
			     "baseURL '%s' has no http:// or https:// host: links to the site's "
			     "own address are not recognised",
			     u);
		return;
	}
	const char *slash = strchr(rest, '/');
	char *host = rrm_strndup(u, (size_t)((slash ? slash : rest + strlen(rest)) - u));
	set(&x->c->base_url, host);
	free(host);
	origin(x, "base_url", &f);
	if (slash && strcmp(slash, "/")) {
		char *p = rrm_path_normalize(slash);
		char *bp = rrm_asprintf("%s/", p);
		set(&x->c->hugo.base_path, bp);
		free(bp);
		free(p);
		origin(x, "base_path", &f);
		struct found g;
		if (get_bool(x, "canonifyURLs", &g) > 0 || get_bool(x, "relativeURLs", &g) > 0)
			note(x, &g,
			     "%s: Hugo rewrites root-absolute links against baseURL's path; rrm "
			     "resolves them as written",
			     g.k ? g.k->value : "canonifyURLs");
	}
}

struct mount {
	char *source, *target;
	struct rrm_strlist langs;
	struct found f;
};

static void mounts_release(struct mount *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].source);
		free(m[i].target);
		rrm_strlist_release(&m[i].langs);
	}
	free(m);
}

static void add_langs(struct rrm_strlist *l, const struct rrm_node *n)
{
	if (!n)
		return;
	if (scalar(n))
		rrm_strlist_add(l, n->value);
	else if (n->kind == RRM_NODE_SEQ)
		for (size_t i = 0; i < n->n_items; i++)
			if (scalar(n->items[i]))
				rrm_strlist_add(l, n->items[i]->value);
}

/* module.mounts: the last file that sets it gives them all (Hugo replaces lists). */
static struct mount *load_mounts(struct hx *x, size_t *n)
{
	*n = 0;
	struct found f;
	if (!get(x, "module.mounts", &f))
		return NULL;
	if (f.v->kind != RRM_NODE_SEQ) {
		note(x, &f, "module.mounts: expected a list; ignored");
		return NULL;
	}
	struct mount *m = rrm_calloc(f.v->n_items + 1, sizeof *m);
	for (size_t i = 0; i < f.v->n_items; i++) {
		const struct rrm_node *e = f.v->items[i];
		const struct rrm_node *sk = NULL;
		const char *src = scalar(map_get(e, "source", 6, &sk));
		const char *tgt = scalar(map_get(e, "target", 6, NULL));
		if (!src || !tgt)
			continue;
		struct mount *t = &m[(*n)++];
		t->source = rrm_strdup(src);
		t->target = rrm_path_normalize(tgt);
		t->f = (struct found){e, sk, f.s}; /* where its source is written */
		add_langs(&t->langs, map_get(e, "lang", 4, NULL));
		const struct rrm_node *k;
		add_langs(&t->langs, walk(e, "sites.matrix.languages", &k));
	}
	return m;
}

static bool has_str(const struct rrm_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcasecmp(l->v[i], s))
			return true;
	return false;
}

static void collect_language(struct hx *x, const struct found *f, void *ctx)
{
	(void)ctx;
	if (f->v->kind != RRM_NODE_MAP)
		return;
	for (size_t i = 0; i + 1 < f->v->n_items; i += 2) {
		const struct rrm_node *k = f->v->items[i];
		if (k->kind == RRM_NODE_SCALAR && k->value_len &&
		    !has_str(&x->c->hugo.languages, k->value))
			rrm_strlist_add(&x->c->hugo.languages, k->value);
	}
}

static void unchecked(struct hx *x, const char *code)
{
	char *a = rrm_asprintf("%s%s", x->c->hugo.base_path, code);
	char *b = rrm_asprintf("%s%s/**", x->c->hugo.base_path, code);
	rrm_strlist_add(&x->c->hugo.unchecked_urls, a);
	rrm_strlist_add(&x->c->hugo.unchecked_urls, b);
	free(a);
	free(b);
}

/*
 * The content roots in their final order: the default language's first (the
 * lookups try them in order), then the others. One root that is content_dir
 * at the top is no list at all.
 */
static void sort_roots(struct rrm_config *c)
{
	struct rrm_content_root *r = c->content_roots;
	size_t n = c->n_content_roots, w = 0;
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = w; i < n; i++)
			if (!r[i].lang == !pass) {
				struct rrm_content_root t = r[i];
				memmove(&r[w + 1], &r[w], (i - w) * sizeof *r);
				r[w++] = t;
			}
	bool top = false; /* content_dir is always read: it is one of the roots */
	for (size_t i = 0; i < n; i++)
		top |= !r[i].lang && !r[i].at[0] && !strcmp(r[i].dir, c->content_dir);
	if (n && !top) {
		rrm_content_root_add(c, c->content_dir, "", NULL);
		r = c->content_roots;
		struct rrm_content_root t = r[n];
		memmove(&r[1], &r[0], n * sizeof *r);
		r[0] = t;
		n++;
	}
	if (n == 1 && !r[0].lang && !r[0].at[0] && !strcmp(r[0].dir, c->content_dir))
		rrm_content_roots_clear(c);
}

static bool is_dir_in(const struct rrm_config *c, const char *rel)
{
	char *abs = rrm_path_join(c->root, rel);
	bool d = is_dir(abs);
	free(abs);
	return d;
}

/*
 * The spelling dictionary: the default language's locale (languageCode before
 * Hugo 0.146), when hunspell has a dictionary for it.
 */
static void load_locale(struct hx *x)
{
	static const char *const keys[] = {"locale", "languageCode"};
	struct found f;
	const char *loc = NULL;
	char path[300];
	for (size_t k = 0; k < 2 && !loc; k++) {
		snprintf(path, sizeof path, "languages.%s.%s", x->c->hugo.default_language,
			 keys[k]);
		loc = get_str(x, path, &f);
	}
	for (size_t k = 0; k < 2 && !loc; k++)
		loc = get_str(x, keys[k], &f);
	if (!loc)
		return;
	char *dict = rrm_spell_locale_dictionary(loc);
	if (!dict) {
		if (strcspn(loc, "-_") < strlen(loc) && strncasecmp(loc, "en-gb", 5) &&
		    strncasecmp(loc, "en_gb", 5))
			note(x, &f,
			     "locale '%s': no hunspell dictionary for it is installed: spelling "
			     "uses %s",
			     loc, x->c->language.n ? x->c->language.v[0] : "en_GB");
		return;
	}
	rrm_strlist_release(&x->c->language);
	rrm_strlist_add(&x->c->language, dict);
	origin(x, "language", &f);
	free(dict);
}

/* Languages, content and static folders, mounts. */
static void load_folders(struct hx *x)
{
	struct rrm_config *c = x->c;
	struct found f, lf;
	const char *dl = get_str(x, "defaultContentLanguage", &f);
	set(&c->hugo.default_language, dl ? dl : "en");
	if (dl)
		origin(x, "default_language", &f);
	int b = get_bool(x, "defaultContentLanguageInSubdir", &f);
	if (b >= 0) {
		c->hugo.language_in_subdir = b;
		origin(x, "language_in_subdir", &f);
	}
	each(x, "languages", collect_language, NULL);
	bool have_languages = get(x, "languages", &lf);
	if (have_languages)
		origin(x, "languages", &lf);
	if (!has_str(&c->hugo.languages, c->hugo.default_language))
		rrm_strlist_add(&c->hugo.languages, c->hugo.default_language);
	const char *def = c->hugo.default_language;

	size_t nm = 0;
	struct mount *m = load_mounts(x, &nm);
	bool content_mounted = false, static_mounted = false, shared_mount = false, guessed = false;
	struct rrm_strlist other_content = {0}; /* languages whose content is mounted */
	for (size_t i = 0; i < nm; i++) {
		bool content =
			!strcmp(m[i].target, "content") || !strncmp(m[i].target, "content/", 8);
		bool stat = !strcmp(m[i].target, "static") || !strncmp(m[i].target, "static/", 7);
		if (!content && !stat)
			continue; /* assets, layouts, data, i18n, archetypes: not read by rrm */
		char *src = site_folder(x, m[i].source);
		char *abs = src ? rrm_path_join(c->root, src) : NULL;
		bool exists = abs && (is_dir(abs) || is_regular(abs));
		free(abs);
		if (!src) {
			note(x, &m[i].f, "module.mounts: source '%s' is outside the site: not read",
			     m[i].source);
		} else if (!exists) {
			note(x, &m[i].f,
			     "module.mounts: source '%s' is not in the site (a module or "
			     "submodule): what it mounts at %s is not checked",
			     m[i].source, m[i].target);
		} else if (content && !is_dir_in(c, src)) {
			note(x, &m[i].f,
			     "module.mounts: source '%s' is a file: rrm reads content folders; not read",
			     m[i].source);
		} else if (content) {
			content_mounted = true;
			const char *at =
				m[i].target[7] ? m[i].target + 8 : ""; /* content/docs: docs */
			bool mine = !m[i].langs.n || has_str(&m[i].langs, def);
			shared_mount |= !m[i].langs.n;
			if (mine)
				rrm_content_root_add(c, src, at, NULL);
			for (size_t k = 0; k < m[i].langs.n; k++)
				if (strcasecmp(m[i].langs.v[k], def)) {
					rrm_content_root_add(c, src, at, m[i].langs.v[k]);
					rrm_strlist_add(&other_content, m[i].langs.v[k]);
				}
			if (mine && !*at && !rrm_config_get_origin(c, "content_dir")) {
				set(&c->content_dir, src);
				origin(x, "content_dir", &m[i].f);
			}
			origin(x, "content_roots", &m[i].f);
		} else {
			const char *sub = m[i].target + 6; /* "" or "/img" */
			char *url = rrm_asprintf("%s%s%s", c->hugo.base_path, *sub ? sub + 1 : "",
						 *sub ? "/" : "");
			if (!static_mounted && !*sub) {
				set(&c->static_dir, src);
				origin(x, "static_dir", &m[i].f);
			} else {
				rrm_strlist_add(&c->hugo.static_sources, src);
				rrm_strlist_add(&c->hugo.static_urls, url);
				origin(x, "static_mounts", &m[i].f);
			}
			static_mounted = true;
			free(url);
		}
		free(src);
	}
	mounts_release(m, nm);

	/* contentDir: the default language's, or the site's */
	if (!rrm_config_get_origin(c, "content_dir")) {
		char key[300];
		snprintf(key, sizeof key, "languages.%s.contentDir", def);
		const char *cd = get_str(x, key, &f);
		if (!cd)
			cd = get_str(x, "contentDir", &f);
		if (cd) {
			char *dir = site_folder(x, cd);
			if (dir) {
				set(&c->content_dir, dir);
				origin(x, "content_dir", &f);
			} else {
				note(x, &f, "%s '%s' is outside the site: not read",
				     f.k ? f.k->value : key, cd);
			}
			free(dir);
		} else if (!content_mounted && c->hugo.languages.n > 1) {
			/* languages with no folder said: Hugo sites keep them in content/<code>/ */
			char *guess = rrm_asprintf("content/%s", def);
			char *abs = rrm_path_join(c->root, guess);
			if (is_dir(abs)) {
				guessed = true;
				set(&c->content_dir, guess);
				rrm_config_set_origin(c, "content_dir", lf.s->file,
						      lf.k ? lf.k->line : 1,
						      lf.k ? lf.k->column : 1);
				note(x, &lf,
				     "languages: no contentDir or module mount says where each "
				     "language's content is (a theme's or module's may): assumed "
				     "content/<language>/, %s for %s",
				     guess, def);
			}
			free(abs);
			free(guess);
		}
	}
	/* the other languages: served under /<code>/, read from their folders, mounts or
	 * x.<code>.md */
	struct rrm_strlist disabled = {0};
	if (get(x, "disableLanguages", &f))
		add_langs(&disabled, f.v);
	struct rrm_buf absent;
	rrm_buf_init(&absent);
	for (size_t i = 0; i < c->hugo.languages.n; i++) {
		const char *code = c->hugo.languages.v[i];
		if (!strcasecmp(code, def))
			continue;
		char dkey[300];
		snprintf(dkey, sizeof dkey, "languages.%s.disabled", code);
		if (get_bool(x, dkey, &f) > 0 || has_str(&disabled, code))
			continue; /* not built: links there are dead */
		rrm_strlist_add(&c->hugo.home_languages, code);
		char key[300];
		snprintf(key, sizeof key, "languages.%s.contentDir", code);
		const char *cd = get_str(x, key, &f);
		/* its folder: contentDir, or the assumed content/<code>/ beside the default's */
		char *guess = cd        ? rrm_strdup(cd)
			      : guessed ? rrm_asprintf("content/%s", code)
					: NULL;
		char *dir = guess ? site_folder(x, guess) : NULL;
		char *abs = dir ? rrm_path_join(c->root, dir) : NULL;
		bool there = abs && is_dir(abs), indexed;
		if (has_str(&other_content, code))
			indexed = true; /* mounted for it */
		else if (content_mounted)
			indexed = shared_mount; /* its x.<code>.md in a mount for every language */
		else if (there && strcmp(dir, c->content_dir)) {
			rrm_content_root_add(c, dir, "", code);
			origin(x, "content_roots", cd ? &f : &lf);
			indexed = true;
		} else if (guessed)
			indexed = false; /* content/<code>/ assumed, and there is none */
		else /* it shares the site's folder: its pages are the x.<code>.md there */
			indexed = !cd || (dir && !strcmp(dir, c->content_dir));
		if (!indexed) {
			unchecked(x, code);
			origin(x, "unchecked_urls", &lf);
			rrm_buf_addf(&absent, "%s%s", absent.len ? ", " : "", code);
		}
		free(abs);
		free(dir);
		free(guess);
	}
	rrm_strlist_release(&other_content);
	rrm_strlist_release(&disabled);
	if (absent.len)
		note(x, &lf,
		     "languages %s: no content folder in the site: links under their "
		     "/<language>/ are not checked",
		     absent.data);
	rrm_buf_release(&absent);
	/* the default language's folder comes first; one root at the top is content_dir alone */
	if (c->n_content_roots && !content_mounted)
		rrm_content_root_add(c, c->content_dir, "", NULL);
	sort_roots(c);

	/* staticDir: a folder or a list (the first served at / as static_dir, the others too) */
	if (!static_mounted && get(x, "staticDir", &f)) {
		const struct rrm_node *v = f.v;
		size_t n = v->kind == RRM_NODE_SEQ ? v->n_items : 1;
		for (size_t i = 0; i < n; i++) {
			const char *s = scalar(v->kind == RRM_NODE_SEQ ? v->items[i] : v);
			char *dir = s ? site_folder(x, s) : NULL;
			if (!dir) {
				note(x, &f,
				     "staticDir: '%s' is not a folder inside the site: not read",
				     s ? s : "");
				continue;
			}
			if (i == 0) {
				set(&c->static_dir, dir);
				origin(x, "static_dir", &f);
			} else {
				rrm_strlist_add(&c->hugo.static_sources, dir);
				rrm_strlist_add(&c->hugo.static_urls, c->hugo.base_path);
				origin(x, "static_mounts", &f);
			}
			free(dir);
		}
	}
}

/* Permalinks. */

static const char *const hugo_tokens[] = {"year", "month", "monthname", "day", "weekday",
					  "weekdayname", "yearday", "section", "sections", "title",
					  "slug", "slugorfilename", "filename", "contentbasename",
					  "slugorcontentbasename",
					  /* rrm's own */
					  "path", "collection"};

bool rrm_hugo_token(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof hugo_tokens / sizeof *hugo_tokens; i++)
		if (strlen(hugo_tokens[i]) == len && !strncmp(name, hugo_tokens[i], len))
			return true;
	return false;
}

static bool check_tokens(const char *p, char *bad, size_t badsz)
{
	for (const char *s = p; *s; s++) {
		if (*s != ':')
			continue;
		const char *e = s + 1;
		while (isalpha((unsigned char)*e))
			e++;
		if (!rrm_hugo_token(s + 1, (size_t)(e - s - 1))) {
			while (*e && *e != '/' && *e != ':')
				e++;
			snprintf(bad, badsz, "%.*s", (int)(e - s), s);
			return false;
		}
		s = e - 1;
	}
	return true;
}

static void add_kind_permalink(struct rrm_config *c, const char *kind, const char *section,
			       const char *pattern)
{
	struct rrm_hugo *h = &c->hugo;
	for (size_t i = 0; i < h->n_kind_permalinks; i++)
		if (!strcmp(h->kind_names[i], kind) && h->kind_permalinks[i].section &&
		    !strcmp(h->kind_permalinks[i].section, section)) {
			free(h->kind_permalinks[i].pattern);
			h->kind_permalinks[i].pattern = rrm_strdup(pattern);
			return;
		}
	h->kind_permalinks = rrm_realloc(h->kind_permalinks,
					 (h->n_kind_permalinks + 1) * sizeof *h->kind_permalinks);
	h->kind_names =
		rrm_realloc(h->kind_names, (h->n_kind_permalinks + 1) * sizeof *h->kind_names);
	h->kind_permalinks[h->n_kind_permalinks] =
		(struct rrm_permalink){rrm_strdup(section), rrm_strdup(pattern)};
	h->kind_names[h->n_kind_permalinks++] = rrm_strdup(kind);
}

static void add_page_permalink(struct rrm_config *c, const char *section, const char *pattern)
{
	for (size_t i = 0; i < c->n_permalinks; i++)
		if (c->permalinks[i].section && !strcmp(c->permalinks[i].section, section)) {
			free(c->permalinks[i].pattern);
			c->permalinks[i].pattern = rrm_strdup(pattern);
			return;
		}
	c->permalinks = rrm_realloc(c->permalinks, (c->n_permalinks + 1) * sizeof *c->permalinks);
	c->permalinks[c->n_permalinks++] =
		(struct rrm_permalink){rrm_strdup(section), rrm_strdup(pattern)};
}

static void one_permalink(struct hx *x, const char *kind, const struct rrm_node *k,
			  const struct rrm_node *v, const struct source *s)
{
	struct found f = {v, k, s};
	const char *p = scalar(v);
	if (!p || !k->value_len) {
		note(x, &f, "permalinks.%s: expected a pattern; ignored", k->value);
		return;
	}
	char bad[64];
	if (!check_tokens(p, bad, sizeof bad)) {
		note(x, &f,
		     "permalinks.%s: token %s is not modelled: those URLs are Hugo's default",
		     k->value, bad);
		return;
	}
	char *pat = p[0] == '/' ? rrm_strdup(p) : rrm_asprintf("/%s", p);
	char key[300];
	if (!strcmp(kind, "page")) {
		add_page_permalink(x->c, k->value, pat);
		snprintf(key, sizeof key, "permalink.%s", k->value);
	} else {
		add_kind_permalink(x->c, kind, k->value, pat);
		snprintf(key, sizeof key, "permalink.%s.%s", kind, k->value);
	}
	origin(x, key, &f);
	free(pat);
}

static void collect_permalinks(struct hx *x, const struct found *f, void *ctx)
{
	(void)ctx;
	if (f->v->kind != RRM_NODE_MAP) {
		note(x, f, "permalinks: expected a map; ignored");
		return;
	}
	static const char *const kinds[] = {"page", "section", "taxonomy", "term"};
	for (size_t i = 0; i + 1 < f->v->n_items; i += 2) {
		const struct rrm_node *k = f->v->items[i], *v = f->v->items[i + 1];
		if (k->kind != RRM_NODE_SCALAR)
			continue;
		const char *kind = NULL;
		for (size_t j = 0; j < 4; j++)
			if (!strcasecmp(k->value, kinds[j]) && v->kind == RRM_NODE_MAP)
				kind = kinds[j];
		if (!kind) { /* the old form: permalinks.<section> = pattern, for pages */
			one_permalink(x, "page", k, v, f->s);
			continue;
		}
		for (size_t j = 0; j + 1 < v->n_items; j += 2)
			if (v->items[j]->kind == RRM_NODE_SCALAR)
				one_permalink(x, kind, v->items[j], v->items[j + 1], f->s);
	}
}

/* uglyURLs: true, or a map of sections to booleans. */
static void load_ugly(struct hx *x)
{
	struct found f;
	if (!get(x, "uglyURLs", &f))
		return;
	struct rrm_hugo *h = &x->c->hugo;
	origin(x, "ugly_urls", &f);
	if (f.v->kind == RRM_NODE_SCALAR && rrm_scalar_type(f.v) == RRM_SCALAR_BOOL) {
		h->ugly_urls = f.v->value[0] == 't' || f.v->value[0] == 'T';
		return;
	}
	if (f.v->kind != RRM_NODE_MAP) {
		note(x, &f, "uglyURLs: expected true, false or a map of sections; ignored");
		return;
	}
	for (size_t i = 0; i + 1 < f.v->n_items; i += 2) {
		const struct rrm_node *k = f.v->items[i], *v = f.v->items[i + 1];
		if (k->kind == RRM_NODE_SCALAR && v->kind == RRM_NODE_SCALAR &&
		    rrm_scalar_type(v) == RRM_SCALAR_BOOL)
			rrm_strlist_add(v->value[0] == 't' || v->value[0] == 'T'
						? &h->ugly_sections
						: &h->pretty_sections,
					k->value);
	}
}

/* The fixed permalinks.term.<taxonomy> pattern, when the taxonomy has one. */
static const char *term_pattern(const struct rrm_hugo *h, const char *taxonomy)
{
	for (size_t k = 0; k < h->n_kind_permalinks; k++)
		if (!strcmp(h->kind_names[k], "term") &&
		    !strcasecmp(h->kind_permalinks[k].section, taxonomy))
			return h->kind_permalinks[k].pattern;
	return NULL;
}

static void collect_taxonomies(struct hx *x, const struct found *f, void *ctx)
{
	bool *first = ctx;
	if (f->v->kind != RRM_NODE_MAP)
		return;
	if (*first) { /* the site's taxonomies replace Hugo's default ones */
		rrm_strlist_release(&x->c->hugo.taxonomies);
		*first = false;
	}
	for (size_t i = 0; i + 1 < f->v->n_items; i += 2) {
		const char *plural = scalar(f->v->items[i + 1]);
		if (plural && *plural && !has_str(&x->c->hugo.taxonomies, plural))
			rrm_strlist_add(&x->c->hugo.taxonomies, plural);
	}
	origin(x, "taxonomies", f);
}

static void load_kinds(struct hx *x)
{
	struct rrm_hugo *h = &x->c->hugo;
	rrm_strlist_add(&h->taxonomies, "tags");
	rrm_strlist_add(&h->taxonomies, "categories");
	bool first = true;
	each(x, "taxonomies", collect_taxonomies, &first);
	h->taxonomy_pages = h->term_pages = h->rss = h->sitemap = true;
	struct found f;
	if (get(x, "disableKinds", &f)) {
		origin(x, "generated_pages", &f);
		size_t n = f.v->kind == RRM_NODE_SEQ ? f.v->n_items : 1;
		for (size_t i = 0; i < n; i++) {
			const char *k = scalar(f.v->kind == RRM_NODE_SEQ ? f.v->items[i] : f.v);
			if (!k)
				continue;
			if (!strcasecmp(k, "taxonomy"))
				h->taxonomy_pages = false;
			else if (!strcasecmp(k, "term"))
				h->term_pages = false;
			else if (!strcasecmp(k, "rss"))
				h->rss = false;
			else if (!strcasecmp(k, "sitemap"))
				h->sitemap = false;
			else if (!strcasecmp(k, "taxonomyTerm")) /* before Hugo 0.73 */
				h->taxonomy_pages = false;
		}
	}
	int b = get_bool(x, "enableRobotsTXT", &f);
	if (b >= 0) {
		h->robots_txt = b;
		origin(x, "generated_pages", &f);
	}
	/*
	 * term pages: the terms the pages use are gathered with the pages
	 * (rrm_hugo_terms); under a permalinks.term.<taxonomy> pattern, whatever
	 * is below its fixed start is served
	 */
	if (h->term_pages)
		for (size_t i = 0; i < h->taxonomies.n; i++) {
			const char *p = term_pattern(h, h->taxonomies.v[i]);
			if (!p)
				continue;
			const char *colon = strchr(p, ':');
			size_t l = colon ? (size_t)(colon - p) : strlen(p);
			while (l > 0 && p[l - 1] != '/')
				l--;
			char *at = rrm_strndup(p + (l && p[0] == '/'), l - (l && p[0] == '/'));
			char *u = rrm_asprintf("%s%s?*", h->base_path, at); /* not the list page */
			char *v = rrm_asprintf("%s%s?*/**", h->base_path, at);
			free(at);
			rrm_strlist_add(&h->unchecked_urls, u);
			rrm_strlist_add(&h->unchecked_urls, v);
			free(u);
			free(v);
		}
}

static void load_build(struct hx *x)
{
	struct rrm_hugo *h = &x->c->hugo;
	struct found f;
	static const struct {
		const char *key, *name;
		size_t off;
	} flags[] = {
		{"buildDrafts", "build_drafts", offsetof(struct rrm_hugo, build_drafts)},
		{"buildFuture", "build_future", offsetof(struct rrm_hugo, build_future)},
		{"buildExpired", "build_expired", offsetof(struct rrm_hugo, build_expired)},
	};
	for (size_t i = 0; i < 3; i++) {
		int b = get_bool(x, flags[i].key, &f);
		if (b >= 0) {
			*(bool *)((char *)h + flags[i].off) = b;
			origin(x, flags[i].name, &f);
		}
	}
	int b = get_bool(x, "disableAliases", &f);
	if (b > 0) {
		h->disable_aliases = true;
		origin(x, "disable_aliases", &f);
		note(x, &f,
		     "disableAliases: Hugo writes no alias pages; rrm still counts aliases as "
		     "served (sites that set this serve them by redirects, such as Netlify's "
		     "_redirects made from them)");
	}
}

static void load_markup(struct hx *x)
{
	struct rrm_config *c = x->c;
	struct found f;
	const char *h = get_str(x, "markup.defaultMarkdownHandler", &f);
	if (h && strcasecmp(h, "goldmark"))
		note(x, &f,
		     "markup.defaultMarkdownHandler '%s' is not modelled: heading ids are "
		     "goldmark's",
		     h);
	const char *t = get_str(x, "markup.goldmark.parser.autoHeadingIDType", &f);
	if (t) {
		if (!strcasecmp(t, "github"))
			c->anchors = RRM_ANCHORS_HUGO;
		else if (!strcasecmp(t, "github-ascii"))
			c->anchors = RRM_ANCHORS_HUGO_ASCII;
		else if (!strcasecmp(t, "blackfriday"))
			c->anchors = RRM_ANCHORS_HUGO_BLACKFRIDAY;
		else
			note(x, &f, "markup.goldmark.parser.autoHeadingIDType '%s' is not modelled",
			     t);
		origin(x, "anchors", &f);
	}
	if (get_bool(x, "markup.goldmark.parser.autoHeadingID", &f) == 0)
		note(x, &f,
		     "markup.goldmark.parser.autoHeadingID = false is not modelled: rrm "
		     "still gives headings their ids");
	int b = get_bool(x, "markup.goldmark.parser.autoDefinitionTermID", &f);
	if (b >= 0) {
		c->definition_ids = b;
		origin(x, "definition_ids", &f);
	}
	b = get_bool(x, "markup.goldmark.parser.attribute.block", &f);
	if (b >= 0) {
		c->hugo.attribute_block = b;
		origin(x, "attribute_block", &f);
	}
	b = get_bool(x, "disablePathToLower", &f);
	c->lowercase_urls = b > 0 ? 0 : 1;
	if (b >= 0)
		origin(x, "lowercase_urls", &f);
	const char *tz = get_str(x, "timeZone", &f);
	if (tz) {
		if (rrm_timezone_known(tz)) {
			set(&c->timezone, tz);
			origin(x, "timezone", &f);
		} else {
			note(x, &f, "timeZone: unknown time zone '%s'; UTC is used", tz);
		}
	}
	b = get_bool(x, "enableEmoji", &f);
	if (b >= 0) {
		c->emoji = b;
		origin(x, "emoji", &f);
	}
}

/* Expands {a,b} alternatives of a Hugo glob into `out` (at most 64 patterns). */
static void expand_braces(const char *p, struct rrm_strlist *out)
{
	const char *open = strchr(p, '{');
	if (!open || out->n >= 64) {
		if (out->n < 64)
			rrm_strlist_add(out, p);
		return;
	}
	int depth = 0;
	const char *close = NULL;
	for (const char *s = open; *s && !close; s++)
		if (*s == '{')
			depth++;
		else if (*s == '}' && --depth == 0)
			close = s;
	if (!close) {
		rrm_strlist_add(out, p);
		return;
	}
	const char *alt = open + 1;
	depth = 0;
	for (const char *s = alt;; s++) {
		if (*s == '{')
			depth++;
		else if (*s == '}' && depth)
			depth--;
		else if ((*s == ',' && !depth) || s == close) {
			char *q = rrm_asprintf("%.*s%.*s%s", (int)(open - p), p, (int)(s - alt),
					       alt, close + 1);
			expand_braces(q, out);
			free(q);
			alt = s + 1;
			if (s == close)
				break;
		}
	}
}

static bool never_rendered(const struct rrm_node *e)
{
	const struct rrm_node *b = map_get(e, "build", 5, NULL);
	if (!b)
		b = map_get(e, "_build", 6, NULL);
	const char *r = scalar(map_get(b, "render", 6, NULL));
	return r && (!strcasecmp(r, "never") || !strcasecmp(r, "false"));
}

/* cascade entries that never render pages: those files are snippets, not pages. */
static void load_cascade(struct hx *x)
{
	struct found f;
	if (!get(x, "cascade", &f))
		return;
	size_t n = f.v->kind == RRM_NODE_SEQ ? f.v->n_items : 1;
	for (size_t i = 0; i < n; i++) {
		const struct rrm_node *e = f.v->kind == RRM_NODE_SEQ ? f.v->items[i] : f.v;
		if (!never_rendered(e))
			continue;
		const struct rrm_node *t = map_get(e, "target", 6, NULL);
		if (!t)
			t = map_get(e, "_target", 7, NULL);
		const char *path = scalar(map_get(t, "path", 4, NULL));
		struct found ef = {e, NULL, f.s};
		if (!path) {
			note(x, &ef,
			     "cascade: a build option that renders no page without target.path "
			     "is not modelled");
			continue;
		}
		struct rrm_strlist globs = {0};
		expand_braces(path, &globs);
		for (size_t j = 0; j < globs.n; j++) {
			const char *g = globs.v[j];
			while (*g == '/')
				g++;
			if (!*g)
				continue;
			/* the path names a page or a section folder: its files and everything below
			 */
			size_t gl = strlen(g);
			bool deep = gl >= 3 && !strcmp(g + gl - 3, "/**");
			char *forms[3] = {rrm_strdup(g), deep ? NULL : rrm_asprintf("%s/**", g),
					  deep ? NULL : rrm_asprintf("%s.md", g)};
			for (size_t k = 0; k < 3; k++) {
				if (forms[k] && !has_str(&x->c->exclude, forms[k]))
					rrm_strlist_add(&x->c->exclude, forms[k]);
				free(forms[k]);
			}
		}
		rrm_strlist_release(&globs);
		rrm_config_set_origin(x->c, "exclude", f.s->file, e->line, e->column);
	}
}

/*
 * A link render hook (layouts/_markup/render-link.html, or _default/_markup/
 * before Hugo 0.146) looks pages up by path the way rrm's link_render_hook does.
 */
static void load_render_hook(struct hx *x)
{
	static const char *const hooks[] = {"layouts/_markup/render-link.html",
					    "layouts/_default/_markup/render-link.html"};
	for (size_t i = 0; i < 2; i++) {
		char *abs = rrm_path_join(x->c->root, hooks[i]);
		bool there = is_regular(abs);
		free(abs);
		if (there) {
			x->c->link_render_hook = true;
			rrm_config_set_origin(x->c, "link_render_hook", hooks[i], 0, 0);
			return;
		}
	}
}

/* Settings rrm reads nothing from, but which change what is published: a note each. */
static void load_unmodelled(struct hx *x)
{
	struct found f;
	if (get(x, "theme", &f))
		note(x, &f,
		     "theme: the theme's own configuration (its permalinks, mounts, output "
		     "formats) is not read");
	if (get(x, "module.imports", &f))
		note(x, &f,
		     "module.imports: modules are not fetched; what they mount is not checked");
	if (get(x, "outputFormats", &f))
		note(x, &f,
		     "outputFormats: custom output formats and the files they write are not "
		     "modelled");
}

/* The sources, in Hugo's order: the root file, config/_default/, config/production/. */
static bool load_sources(struct hx *x)
{
	static const char *const bases[] = {"hugo", "config"};
	bool found = false;
	for (size_t b = 0; b < 2 && !found; b++)
		for (size_t e = 0; e < 4 && !found; e++) {
			char *rel = rrm_asprintf("%s.%s", bases[b], exts[e]);
			char *abs = rrm_path_join(x->c->root, rel);
			if (is_regular(abs)) {
				found = true;
				if (!add_source(x, rel, "")) {
					free(abs);
					free(rel);
					return false;
				}
			}
			free(abs);
			free(rel);
		}
	return add_dir(x, "config/_default") && add_dir(x, "config/production");
}

int rrm_hugo_load(struct rrm_config *c, struct rrm_config_error *err)
{
	struct hx x = {c, err, NULL, 0};
	rrm_strlist_release(&c->generator_files);
	c->anchors = RRM_ANCHORS_HUGO;
	c->lowercase_urls = 1;
	bool ok = load_sources(&x);
	if (ok) {
		load_base_url(&x);
		load_folders(&x);
		load_locale(&x);
		each(&x, "permalinks", collect_permalinks, NULL);
		load_ugly(&x);
		load_kinds(&x);
		load_build(&x);
		load_markup(&x);
		load_cascade(&x);
		load_render_hook(&x);
		load_unmodelled(&x);
		rrm_config_set_origin(c, "generator", x.n ? x.v[0].file : NULL, 0, 0);
	}
	for (size_t i = 0; i < x.n; i++) {
		free(x.v[i].file);
		free(x.v[i].prefix);
		rrm_ydoc_release(&x.v[i].doc);
	}
	free(x.v);
	return ok ? 0 : -1;
}

int rrm_netlify_load(struct rrm_config *c, struct rrm_config_error *err)
{
	char *path = rrm_path_join(c->root, "netlify.toml");
	if (!is_regular(path)) {
		free(path);
		return 0;
	}
	if (rrm_path_leads_out(path, c->root)) { /* nothing is read outside the site */
		rrm_strlist_add(&c->generator_files, "netlify.toml");
		err->file = path;
		err->line = 0;
		err->message = rrm_strdup("leads outside the site (a symbolic link): not read");
		return -1;
	}
	char *text = NULL;
	size_t len = 0;
	int e = 0;
	enum rrm_read_status st = rrm_read_file(path, 1024 * 1024, &text, &len, &e);
	rrm_strlist_add(&c->generator_files, "netlify.toml");
	if (st != RRM_READ_OK) {
		err->file = path;
		err->line = 0;
		err->message = rrm_asprintf("cannot read the file: %s",
					    e == EFBIG ? "larger than 1 MiB" : strerror(e));
		return -1;
	}
	struct rrm_ydoc doc;
	struct rrm_yaml_error ye = {0, 0, NULL};
	int rc = rrm_toml_parse(text, len, &doc, &ye);
	free(text);
	if (rc != 0) {
		err->file = path;
		err->line = ye.line;
		err->column = ye.column;
		err->message = rrm_asprintf("TOML syntax: %s", ye.message);
		rrm_yaml_error_release(&ye);
		return -1;
	}
	free(path);
	const struct rrm_node *r = rrm_node_get(doc.root, "redirects");
	if (r && r->kind == RRM_NODE_SEQ) {
		for (size_t i = 0; i < r->n_items; i++) {
			const struct rrm_node *from = rrm_node_get(r->items[i], "from");
			if (!scalar(from) || from->value[0] != '/')
				continue;
			/* a 4xx rule (404, 410) serves nothing: the path stays dead */
			const struct rrm_node *status = rrm_node_get(r->items[i], "status");
			if (scalar(status) && atol(status->value) >= 400)
				continue;
			struct rrm_strlist *l = &c->redirects_from;
			l->pos = rrm_realloc(l->pos, (l->n + 1) * sizeof *l->pos);
			l->pos[l->n] = (struct rrm_pos){from->line, from->column};
			rrm_strlist_add(l, from->value);
		}
		rrm_config_set_origin(c, "redirects_from", "netlify.toml", r->line, r->column);
	}
	rrm_ydoc_release(&doc);
	return 0;
}

void rrm_hugo_release(struct rrm_config *c)
{
	struct rrm_hugo *h = &c->hugo;
	rrm_strlist_release(&c->redirects_from);
	free(h->base_path);
	free(h->default_language);
	rrm_strlist_release(&h->languages);
	rrm_strlist_release(&h->ugly_sections);
	rrm_strlist_release(&h->pretty_sections);
	rrm_strlist_release(&h->taxonomies);
	rrm_strlist_release(&h->static_sources);
	rrm_strlist_release(&h->static_urls);
	rrm_strlist_release(&h->unchecked_urls);
	rrm_strlist_release(&h->home_languages);
	for (size_t i = 0; i < h->n_kind_permalinks; i++) {
		free(h->kind_permalinks[i].section);
		free(h->kind_permalinks[i].pattern);
		free(h->kind_names[i]);
	}
	free(h->kind_permalinks);
	free(h->kind_names);
	memset(h, 0, sizeof *h);
}

/* The URL model. */

static const char *fm_str(const struct rrm_node *fm, const char *key)
{
	const struct rrm_node *n = rrm_hugo_fm_get(fm, key);
	return n && n->kind == RRM_NODE_SCALAR && n->value_len &&
			       rrm_scalar_type(n) != RRM_SCALAR_NULL
		       ? n->value
		       : NULL;
}

/*
 * Hugo's urlize of a title for :title and :slug: spaces become hyphens,
 * letters, digits and . _ - ~ stay (non-ASCII letters too), the rest goes.
 */
static char *urlize(const char *s)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80 || isalnum(*p) || strchr("._-~", *p))
			rrm_buf_addc(&b, (char)*p);
		else if (*p == ' ' || *p == '\t' || *p == '/')
			rrm_buf_addc(&b, '-');
	}
	return rrm_buf_detach(&b);
}

static bool is_ugly(const struct rrm_config *c, const char *section)
{
	const struct rrm_hugo *h = &c->hugo;
	if (has_str(&h->ugly_sections, section))
		return true;
	if (has_str(&h->pretty_sections, section))
		return false;
	return h->ugly_urls;
}

static const char *const months[] = {"January",   "February", "March",    "April",
				     "May",       "June",     "July",     "August",
				     "September", "October",  "November", "December"};
static const char *const weekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
				       "Thursday", "Friday", "Saturday"};

/* The language of a file named x.<code>.md, when <code> is a configured language. */
static const char *file_language(const struct rrm_config *c, char *name)
{
	char *dot = strrchr(name, '.');
	if (!dot)
		return NULL;
	for (size_t i = 0; i < c->hugo.languages.n; i++)
		if (!strcasecmp(dot + 1, c->hugo.languages.v[i])) {
			*dot = '\0';
			return c->hugo.languages.v[i];
		}
	return NULL;
}

/*
 * A URL path as Hugo makes one: repeated slashes (left by empty tokens)
 * collapse, spaces become hyphens and letters lower case (unless
 * disablePathToLower).
 */
static char *make_path(const struct rrm_config *c, const char *data, size_t len)
{
	struct rrm_buf o;
	rrm_buf_init(&o);
	for (size_t r = 0; r < len;) {
		unsigned char ch = (unsigned char)data[r];
		if (ch == '/' && o.len > 0 && o.data[o.len - 1] == '/') {
			r++;
		} else if (ch < 0x80) {
			rrm_buf_addc(&o, ch == ' '               ? '-'
					 : c->lowercase_urls > 0 ? (char)tolower(ch)
								 : (char)ch);
			r++;
		} else { /* Hugo lower-cases every letter, Ç too */
			int32_t cp;
			size_t l = rrm_utf8_decode(data + r, len - r, &cp);
			if (cp >= 0 && c->lowercase_urls > 0) {
				utf8proc_uint8_t enc[4];
				utf8proc_ssize_t el =
					utf8proc_encode_char(utf8proc_tolower(cp), enc);
				rrm_buf_add(&o, (const char *)enc, (size_t)el);
			} else {
				rrm_buf_add(&o, data + r, l ? l : 1);
			}
			r += l ? l : 1;
		}
	}
	return rrm_buf_detach(&o);
}

char *rrm_hugo_url(const struct rrm_config *c, const char *rel, const struct rrm_node *fm)
{
	const struct rrm_hugo *h = &c->hugo;
	const char *base = h->base_path ? h->base_path : "/";
	/* Split rel into folder and name without extension (and language). */
	char *path = rrm_strdup(rel);
	char *slash = strrchr(path, '/');
	char *name = slash ? slash + 1 : path;
	char *dot = strrchr(name, '.');
	if (dot)
		*dot = '\0';
	const char *lang = file_language(c, name);
	if (!lang)
		lang = h->default_language;
	const char *dir = slash ? path : "";
	if (slash)
		*slash = '\0';
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_adds(&b, base);
	if (lang && (strcasecmp(lang, h->default_language ? h->default_language : "") ||
		     h->language_in_subdir))
		rrm_buf_addf(&b, "%s/", lang);
	size_t prefix_len = b.len; /* what the pattern's leading '/' follows */

	const char *fixed = fm_str(fm, "url");
	if (fixed) {
		/*
		 * A relative url is taken from the language's root; one that starts
		 * with '/' is the whole path, with no language prefix (hugo 0.111:
		 * url: /special/ on an /en/ site is published at /special/).
		 */
		if (*fixed == '/') {
			b.len = 0;
			rrm_buf_adds(&b, base);
		}
		while (*fixed == '/')
			fixed++;
		rrm_buf_adds(&b, fixed);
		free(path);
		return rrm_buf_detach(&b);
	}
	bool list_page = !strcmp(name, "_index") || (!strcmp(name, "index") && !dir[0]);
	bool bundle = !list_page && !strcmp(name, "index");
	char *dir_copy = rrm_strdup(dir);
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
	char section[256] = "";
	{
		const char *src = list_page ? dir_copy : parent;
		const char *e = strchr(src, '/');
		size_t l = e ? (size_t)(e - src) : strlen(src);
		if (l >= sizeof section)
			l = sizeof section - 1;
		memcpy(section, src, l);
		section[l] = '\0';
	}
	const char *slug = fm_str(fm, "slug");
	const char *title = fm_str(fm, "title");
	const char *pattern = NULL;
	if (list_page) {
		for (size_t i = 0; i < h->n_kind_permalinks && dir_copy[0]; i++)
			if (!strcmp(h->kind_names[i], "section") &&
			    !strcmp(h->kind_permalinks[i].section, section) &&
			    !strchr(dir_copy, '/'))
				pattern = h->kind_permalinks[i].pattern;
	} else {
		for (size_t i = 0; i < c->n_permalinks && !pattern; i++)
			if (c->permalinks[i].section && !strcmp(c->permalinks[i].section, section))
				pattern = c->permalinks[i].pattern;
		if (!pattern)
			for (size_t i = 0; i < c->n_permalinks && !pattern; i++)
				if (!c->permalinks[i].section &&
				    strcmp(c->permalinks[i].pattern,
					   "/:path/")) /* rrm.yml's default */
					pattern = c->permalinks[i].pattern;
	}
	if (!pattern) {
		/* Hugo's default: the folders, then the slug or the file's name */
		if (list_page) { /* a section is /docs/, or /docs.html with uglyURLs */
			if (dir_copy[0])
				rrm_buf_addf(&b, "%s%s", dir_copy,
					     is_ugly(c, section) ? ".html" : "/");
		} else {
			if (parent[0])
				rrm_buf_addf(&b, "%s/", parent);
			rrm_buf_adds(&b, slug ? slug : filename);
			if (is_ugly(c, section))
				rrm_buf_adds(&b, ".html");
			else
				rrm_buf_addc(&b, '/');
		}
	} else {
		struct rrm_datetime d = {0};
		bool have_date = false;
		const struct rrm_node *dn = rrm_hugo_fm_get(fm, "date");
		if (dn && dn->kind == RRM_NODE_SCALAR &&
		    rrm_date_parse(dn->value, false, &d) == RRM_DATE_OK)
			have_date = true;
		int y = 1, m = 1, day = 1; /* no date: Go's zero time, 0001-01-01, as in Hugo */
		if (have_date)
			rrm_date_local_day(&d, c->timezone, &y, &m, &day);
		b.len = prefix_len - 1; /* the pattern brings its leading '/' */
		b.data[b.len] = '\0';
		char *ut = title ? urlize(title) : NULL;
		for (const char *s = pattern; *s;) {
			if (*s != ':') {
				rrm_buf_addc(&b, *s++);
				continue;
			}
			const char *e = s + 1;
			while (isalpha((unsigned char)*e))
				e++;
			size_t l = (size_t)(e - s - 1);
			const char *t = s + 1;
#define TOKEN(x) (l == strlen(x) && !strncmp(t, x, l))
			if (TOKEN("year") && y)
				rrm_buf_addf(&b, "%04d", y);
			else if (TOKEN("month") && m)
				rrm_buf_addf(&b, "%02d", m);
			else if (TOKEN("monthname") && m)
				rrm_buf_adds(&b, months[m - 1]);
			else if (TOKEN("day") && day)
				rrm_buf_addf(&b, "%02d", day);
			else if ((TOKEN("weekday") || TOKEN("weekdayname")) && y) {
				/* 1970-01-01 was a Thursday */
				long wd = (long)(((rrm_days_from_civil(y, m, day) % 7) + 11) % 7);
				if (TOKEN("weekday"))
					rrm_buf_addf(&b, "%ld", wd);
				else
					rrm_buf_adds(&b, weekdays[wd]);
			} else if (TOKEN("yearday") && y)
				rrm_buf_addf(&b, "%lld",
					     rrm_days_from_civil(y, m, day) -
						     rrm_days_from_civil(y, 1, 1) + 1);
			else if (TOKEN("section") || TOKEN("collection"))
				rrm_buf_adds(&b, section);
			else if (TOKEN("sections"))
				rrm_buf_adds(&b, list_page ? dir_copy : parent);
			else if (TOKEN("title"))
				rrm_buf_adds(&b, ut ? ut : filename);
			else if (TOKEN("slug"))
				rrm_buf_adds(&b, slug ? slug : ut ? ut : filename);
			else if (TOKEN("slugorfilename") || TOKEN("slugorcontentbasename"))
				rrm_buf_adds(&b, slug ? slug : filename);
			else if (TOKEN("filename") || TOKEN("contentbasename"))
				rrm_buf_adds(&b, filename);
			else if (TOKEN("path")) {
				if (parent[0])
					rrm_buf_addf(&b, "%s/", parent);
				rrm_buf_adds(&b, slug ? slug : filename);
			} else if (!TOKEN("year") && !TOKEN("month") && !TOKEN("monthname") &&
				   !TOKEN("day") && !TOKEN("weekday") && !TOKEN("weekdayname") &&
				   !TOKEN("yearday"))
				rrm_buf_add(&b, s, (size_t)(e - s));
#undef TOKEN
			s = e;
		}
		free(ut);
		if (dir_copy[0] && is_ugly(c, section) && b.len > 1 && b.data[b.len - 1] == '/') {
			b.len--;
			rrm_buf_adds(&b, ".html");
		}
	}
	char *u = make_path(c, b.data, b.len);
	rrm_buf_release(&b);
	free(path);
	free(dir_copy);
	return u;
}

/* Seconds since the epoch of a front-matter date, in the site's zone when it has none. */
static bool fm_time(const struct rrm_node *fm, const char *key, long long *out)
{
	const struct rrm_node *n = rrm_hugo_fm_get(fm, key);
	struct rrm_datetime d;
	if (!n || n->kind != RRM_NODE_SCALAR || rrm_date_parse(n->value, false, &d) != RRM_DATE_OK)
		return false;
	long long s = (long long)rrm_days_from_civil(d.year, d.month, d.day) * 86400 +
		      (d.has_time ? d.hour * 3600 + d.minute * 60 + d.second : 0);
	if (d.has_offset)
		s -= d.offset_minutes * 60LL;
	*out = s;
	return true;
}

bool rrm_hugo_unbuilt(const struct rrm_config *c, const struct rrm_node *fm)
{
	const struct rrm_node *d = rrm_hugo_fm_get(fm, "draft");
	bool draft = d && d->kind == RRM_NODE_SCALAR && rrm_scalar_type(d) == RRM_SCALAR_BOOL &&
		     (d->value[0] == 't' || d->value[0] == 'T');
	if (draft && !c->hugo.build_drafts)
		return true;
	long long now = (long long)time(NULL), t;
	if (!c->hugo.build_future &&
	    ((fm_time(fm, "publishDate", &t) || fm_time(fm, "date", &t)) && t > now))
		return true;
	if (!c->hugo.build_expired && fm_time(fm, "expiryDate", &t) && t <= now)
		return true;
	return false;
}

void rrm_hugo_terms(const struct rrm_config *c, const struct rrm_node *fm,
		    void (*fn)(void *ctx, const char *url), void *ctx)
{
	const struct rrm_hugo *h = &c->hugo;
	if (!h->term_pages)
		return;
	const char *base = h->base_path ? h->base_path : "/";
	for (size_t i = 0; i < h->taxonomies.n; i++) {
		const char *t = h->taxonomies.v[i];
		const struct rrm_node *v = rrm_hugo_fm_get(fm, t);
		if (!v || term_pattern(h, t)) /* a term permalink: left unchecked */
			continue;
		size_t n = v->kind == RRM_NODE_SEQ ? v->n_items : 1;
		for (size_t j = 0; j < n; j++) {
			const struct rrm_node *term = v->kind == RRM_NODE_SEQ ? v->items[j] : v;
			if (term->kind != RRM_NODE_SCALAR || !term->value_len ||
			    rrm_scalar_type(term) == RRM_SCALAR_NULL)
				continue;
			char *slug = urlize(term->value);
			char *raw = rrm_asprintf("%s%s/%s/", base, t, slug);
			char *u = make_path(c, raw, strlen(raw));
			if (slug[0])
				fn(ctx, u);
			free(u);
			free(raw);
			free(slug);
		}
	}
}

static void add_served(void *ctx, const char *url)
{
	struct rrm_page_meta *m = ctx;
	for (size_t i = 0; i < m->n_served; i++)
		if (!strcmp(m->served[i], url))
			return;
	m->served = rrm_realloc(m->served, (m->n_served + 1) * sizeof *m->served);
	m->served[m->n_served++] = rrm_strdup(url);
}

/*
 * A folder at the top of the content tree is a section: Hugo writes its list
 * page whether or not it holds an _index.md (a deeper folder needs one).
 */
static void add_section_page(const struct rrm_config *c, const char *rel, struct rrm_page_meta *m)
{
	const char *slash = strchr(rel, '/');
	if (!slash || slash == rel)
		return;
	char *name = rrm_strdup(strrchr(rel, '/') + 1);
	char *dot = strrchr(name, '.');
	if (dot)
		*dot = '\0';
	const char *lang = file_language(c, name); /* a translation by file name: x.de.md */
	char *idx = lang ? rrm_asprintf("%.*s/_index.%s.md", (int)(slash - rel), rel, lang)
			 : rrm_asprintf("%.*s/_index.md", (int)(slash - rel), rel);
	char *u = rrm_hugo_url(c, idx, NULL);
	add_served(m, u);
	free(u);
	free(idx);
	free(name);
}

void rrm_hugo_page_meta(const struct rrm_config *c, const char *rel, const struct rrm_node *fm,
			struct rrm_page_meta *m)
{
	/* Hugo's keys are case-insensitive: Aliases: is aliases: */
	if (!m->n_aliases)
		rrm_page_meta_add_aliases(m, rrm_hugo_fm_get(fm, "aliases"), false);
	m->draft = rrm_hugo_unbuilt(c, fm);
	if (m->draft)
		return;
	rrm_hugo_terms(c, fm, add_served, m);
	if (rel)
		add_section_page(c, rel, m);
}

void rrm_hugo_served(const struct rrm_config *c, void (*fn)(void *ctx, const char *url), void *ctx)
{
	const struct rrm_hugo *h = &c->hugo;
	const char *base = h->base_path ? h->base_path : "/";
	char *u;
	if (h->rss) {
		u = rrm_asprintf("%sindex.xml", base);
		fn(ctx, u);
		free(u);
	}
	if (h->sitemap) {
		u = rrm_asprintf("%ssitemap.xml", base);
		fn(ctx, u);
		free(u);
	}
	if (h->robots_txt) {
		u = rrm_asprintf("%srobots.txt", base);
		fn(ctx, u);
		free(u);
	}
	u = rrm_asprintf("%s404.html", base);
	fn(ctx, u);
	free(u);
	/* every language's home page: /fr/ (and /en/ for the default in its subfolder) */
	for (size_t i = 0; i < h->home_languages.n + (h->language_in_subdir ? 1 : 0); i++) {
		u = rrm_asprintf("%s%s/", base,
				 i < h->home_languages.n ? h->home_languages.v[i]
							 : h->default_language);
		fn(ctx, u);
		free(u);
	}
	for (size_t i = 0; h->taxonomy_pages && i < h->taxonomies.n; i++) {
		const char *pattern = NULL; /* permalinks.taxonomy.<name>, when fixed */
		for (size_t k = 0; k < h->n_kind_permalinks; k++)
			if (!strcmp(h->kind_names[k], "taxonomy") &&
			    !strcasecmp(h->kind_permalinks[k].section, h->taxonomies.v[i]) &&
			    !strchr(h->kind_permalinks[k].pattern, ':'))
				pattern = h->kind_permalinks[k].pattern;
		if (pattern)
			u = rrm_asprintf("%s%s", base, pattern + (pattern[0] == '/'));
		else
			u = rrm_asprintf("%s%s/", base, h->taxonomies.v[i]);
		fn(ctx, u);
		free(u);
	}
}
