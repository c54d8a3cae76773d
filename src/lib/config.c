#include "lib/config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/article.h"
#include "lib/date.h"
#include "lib/hugo.h"
#include "lib/jekyll.h"
#include "lib/util.h"
#include "lib/yaml.h"

static const char *const ftype_names[] = {
	[RRM_T_ANY] = "any",           [RRM_T_STRING] = "string", [RRM_T_INT] = "int",
	[RRM_T_NUMBER] = "number",     [RRM_T_BOOL] = "bool",     [RRM_T_DATE] = "date",
	[RRM_T_DATETIME] = "datetime", [RRM_T_URL] = "url",       [RRM_T_LIST] = "list",
	[RRM_T_MAP] = "map",
};

const char *rrm_ftype_name(enum rrm_ftype t)
{
	return ftype_names[t];
}

static const char *const anchor_names[] = {
	[RRM_ANCHORS_HUGO] = "hugo",
	[RRM_ANCHORS_HUGO_ASCII] = "hugo-ascii",
	[RRM_ANCHORS_HUGO_BLACKFRIDAY] = "hugo-blackfriday",
	[RRM_ANCHORS_JEKYLL] = "jekyll",
	[RRM_ANCHORS_KRAMDOWN] = "kramdown",
	[RRM_ANCHORS_GITHUB] = "github",
};

void rrm_config_error_release(struct rrm_config_error *e)
{
	free(e->file);
	free(e->message);
	memset(e, 0, sizeof *e);
}

const char *rrm_generator_name(enum rrm_generator g)
{
	return g == RRM_GEN_HUGO ? "hugo" : g == RRM_GEN_JEKYLL ? "jekyll" : "plain";
}

static bool has_file(const char *dir, const char *name)
{
	char *f = rrm_path_join(dir, name);
	struct stat st;
	bool found = stat(f, &st) == 0 && S_ISREG(st.st_mode);
	free(f);
	return found;
}

enum rrm_generator rrm_config_detect(const char *dir)
{
	static const char *const hugo[] = {"hugo.toml",  "hugo.yaml",   "hugo.yml",
					   "hugo.json",  "config.toml", "config.yaml",
					   "config.yml", "config.json"};
	for (size_t i = 0; i < sizeof hugo / sizeof *hugo; i++)
		if (has_file(dir, hugo[i]))
			return RRM_GEN_HUGO;
	char *d = rrm_path_join(dir, "config/_default");
	struct stat st;
	bool hugo_dir = stat(d, &st) == 0 && S_ISDIR(st.st_mode);
	free(d);
	if (hugo_dir)
		return RRM_GEN_HUGO;
	if (has_file(dir, "_config.yml") || has_file(dir, "_config.yaml"))
		return RRM_GEN_JEKYLL;
	return RRM_GEN_PLAIN;
}

char *rrm_config_find_root(const char *start)
{
	char *dir = rrm_path_normalize(start);
	for (;;) {
		if (has_file(dir, "rrm.yml") || rrm_config_detect(dir) != RRM_GEN_PLAIN)
			return dir;
		if (!strcmp(dir, "/")) {
			free(dir);
			return NULL;
		}
		char *slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
}

static void strlist_add(struct rrm_strlist *l, const char *s)
{
	l->v = rrm_realloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = rrm_strdup(s);
}

static void strlist_release(struct rrm_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(l->pos);
	l->v = NULL;
	l->pos = NULL;
	l->n = 0;
}

void rrm_strlist_add(struct rrm_strlist *l, const char *s)
{
	strlist_add(l, s);
}

void rrm_strlist_release(struct rrm_strlist *l)
{
	strlist_release(l);
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? rrm_strdup(s) : NULL;
}

static void defaults(struct rrm_config *c, const char *root)
{
	memset(c, 0, sizeof *c);
	c->root = rrm_strdup(root);
	char *content = rrm_path_join(root, "content");
	struct stat st;
	c->content_dir =
		rrm_strdup(stat(content, &st) == 0 && S_ISDIR(st.st_mode) ? "content" : ".");
	free(content);
	c->static_dir = rrm_strdup("static");
	c->anchors = RRM_ANCHORS_HUGO;
	c->lowercase_urls = -1;
	c->timezone = rrm_strdup("UTC");
	strlist_add(&c->language, "en_GB");
	strlist_add(&c->dictionaries, "dict/*.dic");
	static const char *const code_shortcodes[] = RRM_CODE_SHORTCODES;
	for (size_t i = 0; i < sizeof code_shortcodes / sizeof *code_shortcodes; i++)
		strlist_add(&c->code_shortcodes, code_shortcodes[i]);
	strlist_add(&c->spelling.fields, "title");
	strlist_add(&c->spelling.fields, "excerpt");
	strlist_add(&c->spelling.fields, "description");
	c->spelling.words_field = rrm_strdup("spelling");
	c->fm.unknown_keys = RRM_SEV_WARNING;
	for (int i = 0; i < RRM_RULE_COUNT; i++)
		c->rules[i] = -1;
	c->new_.path = rrm_strdup("content/posts/:year/:month/:slug.md");
	c->new_.slug_max = 60;
}

static void field_release(struct rrm_field *f)
{
	free(f->name);
	strlist_release(&f->allowed);
	if (f->pattern)
		regfree(&f->re);
	free(f->pattern);
	strlist_release(&f->default_values);
}

void rrm_config_set_origin(struct rrm_config *c, const char *key, const char *file, int line,
			   int column)
{
	struct rrm_origin *o = NULL;
	for (size_t i = 0; i < c->n_origins && !o; i++)
		if (!strcmp(c->origins[i].key, key))
			o = &c->origins[i];
	if (!o) {
		c->origins = rrm_realloc(c->origins, (c->n_origins + 1) * sizeof *c->origins);
		o = &c->origins[c->n_origins++];
		o->key = rrm_strdup(key);
	} else {
		free(o->file);
	}
	o->file = file ? rrm_strdup(file) : NULL;
	o->line = line;
	o->column = column;
}

const struct rrm_origin *rrm_config_get_origin(const struct rrm_config *c, const char *key)
{
	for (size_t i = 0; i < c->n_origins; i++)
		if (!strcmp(c->origins[i].key, key))
			return &c->origins[i];
	return NULL;
}

void rrm_config_add_note(struct rrm_config *c, const char *file, int line, int column,
			 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[1024];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < c->n_notes; i++)
		if (!strcmp(c->notes[i].message, buf))
			return; /* each said once */
	c->notes = rrm_realloc(c->notes, (c->n_notes + 1) * sizeof *c->notes);
	c->notes[c->n_notes++] = (struct rrm_config_note){file ? rrm_strdup(file) : NULL, line,
							  column, rrm_strdup(buf)};
}

void rrm_config_release(struct rrm_config *c)
{
	rrm_jekyll_release(c);
	for (size_t i = 0; i < c->n_origins; i++) {
		free(c->origins[i].key);
		free(c->origins[i].file);
	}
	free(c->origins);
	for (size_t i = 0; i < c->n_notes; i++) {
		free(c->notes[i].file);
		free(c->notes[i].message);
	}
	free(c->notes);
	strlist_release(&c->generator_files);
	rrm_hugo_release(c);
	free(c->root);
	free(c->file);
	free(c->base_url);
	free(c->content_dir);
	rrm_content_roots_clear(c);
	free(c->static_dir);
	for (size_t i = 0; i < c->n_permalinks; i++) {
		free(c->permalinks[i].section);
		free(c->permalinks[i].pattern);
	}
	free(c->permalinks);
	strlist_release(&c->ignore_links);
	strlist_release(&c->exclude);
	strlist_release(&c->code_shortcodes);
	strlist_release(&c->language);
	strlist_release(&c->dictionaries);
	free(c->timezone);
	strlist_release(&c->spelling.fields);
	free(c->spelling.words_field);
	free(c->spelling.reject);
	strlist_release(&c->fm.required);
	strlist_release(&c->style.prefer_from);
	strlist_release(&c->style.prefer_to);
	for (size_t i = 0; i < c->fm.n_fields; i++)
		field_release(&c->fm.fields[i]);
	free(c->fm.fields);
	free(c->new_.path);
	free(c->new_.template_file);
	free(c->new_.author);
	memset(c, 0, sizeof *c);
}

/* Loading. */

struct ctx {
	struct rrm_config *c;
	struct rrm_config_error *err;
};

static bool fail(struct ctx *x, const struct rrm_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(struct ctx *x, const struct rrm_node *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[1024];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	x->err->line = n ? n->line : 1;
	x->err->column = n ? n->column : 1;
	x->err->message = rrm_strdup(buf);
	return false;
}

static bool want_kind(struct ctx *x, const struct rrm_node *n, const char *key,
		      enum rrm_node_kind kind)
{
	if (n->kind == RRM_NODE_ALIAS)
		return fail(x, n, "%s: YAML aliases are not supported in rrm.yml", key);
	if (n->kind == kind)
		return true;
	const char *want = kind == RRM_NODE_MAP   ? "a map"
			   : kind == RRM_NODE_SEQ ? "a list"
						  : "a scalar";
	return fail(x, n, "%s: expected %s, got %s", key, want, rrm_node_type_name(n));
}

static bool get_string(struct ctx *x, const struct rrm_node *n, const char *key, char **out)
{
	if (!want_kind(x, n, key, RRM_NODE_SCALAR))
		return false;
	enum rrm_scalar_type t = rrm_scalar_type(n);
	if (t != RRM_SCALAR_STRING || n->value_len != strlen(n->value) || n->value_len == 0)
		return fail(x, n, "%s: expected a non-empty string, got %s", key,
			    n->value_len == 0 ? "an empty value" : rrm_node_type_name(n));
	set_str(out, n->value);
	return true;
}

static bool get_bool(struct ctx *x, const struct rrm_node *n, const char *key, bool *out)
{
	if (!want_kind(x, n, key, RRM_NODE_SCALAR))
		return false;
	if (rrm_scalar_type(n) != RRM_SCALAR_BOOL)
		return fail(x, n, "%s: expected true or false, got '%s'", key, n->value);
	*out = n->value[0] == 't' || n->value[0] == 'T';
	return true;
}

static bool get_count(struct ctx *x, const struct rrm_node *n, const char *key, long *out)
{
	if (!want_kind(x, n, key, RRM_NODE_SCALAR))
		return false;
	char *end;
	long v = strtol(n->value, &end, 10);
	if (rrm_scalar_type(n) != RRM_SCALAR_INT || *end || v < 0 || v > 1000000000L)
		return fail(x, n, "%s: expected a whole number from 0 to 1000000000, got '%s'", key,
			    n->value);
	*out = v;
	return true;
}

/* A list of non-empty strings; a single string too when `scalar_ok`. */
static bool get_strlist(struct ctx *x, const struct rrm_node *n, const char *key,
			struct rrm_strlist *out, bool scalar_ok)
{
	strlist_release(out);
	if (scalar_ok && n->kind == RRM_NODE_SCALAR) {
		char *s = NULL;
		if (!get_string(x, n, key, &s))
			return false;
		out->v = rrm_malloc(sizeof *out->v);
		out->pos = rrm_malloc(sizeof *out->pos);
		out->v[0] = s;
		out->pos[0] = (struct rrm_pos){n->line, n->column};
		out->n = 1;
		return true;
	}
	if (!want_kind(x, n, key, RRM_NODE_SEQ))
		return false;
	out->pos = rrm_malloc((n->n_items + 1) * sizeof *out->pos);
	for (size_t i = 0; i < n->n_items; i++) {
		char *s = NULL;
		if (!get_string(x, n->items[i], key, &s))
			return false;
		out->v = rrm_realloc(out->v, (out->n + 1) * sizeof *out->v);
		out->pos[out->n] = (struct rrm_pos){n->items[i]->line, n->items[i]->column};
		out->v[out->n++] = s;
	}
	return true;
}

static bool get_enum(struct ctx *x, const struct rrm_node *n, const char *key,
		     const char *const *names, size_t count, int *out)
{
	if (!want_kind(x, n, key, RRM_NODE_SCALAR))
		return false;
	for (size_t i = 0; i < count; i++)
		if (names[i] && !strcmp(n->value, names[i])) {
			*out = (int)i;
			return true;
		}
	char list[512] = "";
	for (size_t i = 0; i < count; i++) {
		if (!names[i])
			continue;
		strncat(list, list[0] ? ", " : "", sizeof list - strlen(list) - 1);
		strncat(list, names[i], sizeof list - strlen(list) - 1);
	}
	return fail(x, n, "%s: '%s' is not one of: %s", key, n->value, list);
}

/* A relative path that stays inside the site. */
static bool get_site_path(struct ctx *x, const struct rrm_node *n, const char *key, char **out)
{
	char *s = NULL;
	if (!get_string(x, n, key, &s))
		return false;
	char *norm = rrm_path_normalize(s);
	bool bad = s[0] == '/' || !strcmp(norm, "..") || !strncmp(norm, "../", 3);
	free(norm);
	if (bad) {
		free(s);
		return fail(x, n, "%s: '%s' is outside the site; give a path inside it", key,
			    n->value);
	}
	/* A path that exists must not lead out of the site through a symbolic link. */
	char *abs = rrm_path_join(x->c->root, s);
	bad = rrm_path_leads_out(abs, x->c->root);
	free(abs);
	if (bad) {
		free(s);
		return fail(x, n, "%s: %s leads outside the site", key, n->value);
	}
	free(*out);
	*out = s;
	return true;
}

static bool check_site_paths(struct ctx *x, const struct rrm_node *n, const char *key,
			     const struct rrm_strlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		char *norm = rrm_path_normalize(l->v[i]);
		bool bad = l->v[i][0] == '/' || !strcmp(norm, "..") || !strncmp(norm, "../", 3);
		free(norm);
		if (bad)
			return fail(x, n->kind == RRM_NODE_SEQ ? n->items[i] : n,
				    "%s: '%s' is outside the site; give a path inside it", key,
				    l->v[i]);
	}
	return true;
}

static const char *const permalink_tokens[] = {"year",    "month",      "day",      "slug", "title",
					       "section", "collection", "filename", "path"};

static bool check_permalink(struct ctx *x, const struct rrm_node *n, const char *key, const char *p)
{
	if (p[0] != '/')
		return fail(x, n, "%s: a permalink pattern starts with '/', got '%s'", key, p);
	for (const char *s = p; *s; s++) {
		if (*s != ':')
			continue;
		const char *e = s + 1;
		while (isalpha((unsigned char)*e) || *e == '_')
			e++;
		bool known = false;
		for (size_t i = 0; i < sizeof permalink_tokens / sizeof *permalink_tokens; i++)
			if ((size_t)(e - s - 1) == strlen(permalink_tokens[i]) &&
			    !strncmp(s + 1, permalink_tokens[i], (size_t)(e - s - 1)))
				known = true;
		/* a Hugo site's rrm.yml may use Hugo's tokens (lib/hugo.c owns them) */
		if (!known && x->c->generator == RRM_GEN_HUGO &&
		    rrm_hugo_token(s + 1, (size_t)(e - s - 1)))
			known = true;
		if (!known)
			return fail(
				x, n,
				"%s: unknown token '%.*s' (known: :year :month :day :slug :title "
				":section :collection :filename :path)",
				key, (int)(e - s), s);
		s = e - 1;
	}
	return true;
}

static void add_permalink(struct rrm_config *c, const char *section, const char *pattern)
{
	c->permalinks = rrm_realloc(c->permalinks, (c->n_permalinks + 1) * sizeof *c->permalinks);
	c->permalinks[c->n_permalinks++] =
		(struct rrm_permalink){section ? rrm_strdup(section) : NULL, rrm_strdup(pattern)};
}

static bool load_permalink(struct ctx *x, const struct rrm_node *n)
{
	/* rrm.yml's permalink replaces the generator's page permalinks as a whole */
	for (size_t i = 0; i < x->c->n_permalinks; i++) {
		free(x->c->permalinks[i].section);
		free(x->c->permalinks[i].pattern);
	}
	x->c->n_permalinks = 0;
	if (n->kind == RRM_NODE_SCALAR) {
		char *p = NULL;
		if (!get_string(x, n, "permalink", &p))
			return false;
		bool ok = check_permalink(x, n, "permalink", p);
		if (ok)
			add_permalink(x->c, NULL, p);
		free(p);
		return ok;
	}
	if (!want_kind(x, n, "permalink", RRM_NODE_MAP))
		return false;
	for (size_t i = 0; i + 1 < n->n_items; i += 2) {
		const struct rrm_node *k = n->items[i], *v = n->items[i + 1];
		char *sec = NULL, *p = NULL;
		char key[300];
		if (!get_string(x, k, "permalink", &sec))
			return false;
		snprintf(key, sizeof key, "permalink.%s", sec);
		bool ok = get_string(x, v, key, &p) && check_permalink(x, v, key, p);
		if (ok)
			add_permalink(x->c, strcmp(sec, "default") ? sec : NULL, p);
		free(sec);
		free(p);
		if (!ok)
			return false;
	}
	return true;
}

static bool type_from_name(const char *s, enum rrm_ftype *t)
{
	for (size_t i = 1; i < sizeof ftype_names / sizeof *ftype_names; i++)
		if (!strcmp(s, ftype_names[i])) {
			*t = (enum rrm_ftype)i;
			return true;
		}
	return false;
}

static bool get_type(struct ctx *x, const struct rrm_node *n, const char *key, enum rrm_ftype *t)
{
	if (!want_kind(x, n, key, RRM_NODE_SCALAR))
		return false;
	if (!type_from_name(n->value, t))
		return fail(
			x, n,
			"%s: unknown type '%s' (known: string, int, number, bool, date, datetime, "
			"url, list, map)",
			key, n->value);
	return true;
}

static bool duplicate(struct ctx *x, const struct rrm_node *k)
{
	return fail(x, k, "duplicate key '%s'", k->value);
}

static bool load_field(struct ctx *x, const char *name, const struct rrm_node *n,
		       struct rrm_field *f)
{
	memset(f, 0, sizeof *f);
	f->name = rrm_strdup(name);
	f->min_length = f->max_length = f->min_items = f->max_items = -1;
	char key[512];
	if (n->kind == RRM_NODE_SCALAR && rrm_scalar_type(n) == RRM_SCALAR_NULL)
		return true; /* "title:" alone: a known key with no constraint */
	snprintf(key, sizeof key, "front_matter.fields.%s", name);
	if (!want_kind(x, n, key, RRM_NODE_MAP))
		return false;
	for (size_t i = 0; i + 1 < n->n_items; i += 2) {
		const struct rrm_node *k = n->items[i], *v = n->items[i + 1];
		if (k->duplicate)
			return duplicate(x, k);
		snprintf(key, sizeof key, "front_matter.fields.%s.%s", name, k->value);
		const char *kv = k->kind == RRM_NODE_SCALAR ? k->value : "";
		bool ok;
		if (!strcmp(kv, "type"))
			ok = get_type(x, v, key, &f->type);
		else if (!strcmp(kv, "items"))
			ok = get_type(x, v, key, &f->items);
		else if (!strcmp(kv, "required"))
			ok = get_bool(x, v, key, &f->required);
		else if (!strcmp(kv, "allowed")) {
			ok = want_kind(x, v, key, RRM_NODE_SEQ);
			for (size_t j = 0; ok && j < v->n_items; j++) {
				const struct rrm_node *a = v->items[j];
				ok = want_kind(x, a, key, RRM_NODE_SCALAR);
				if (ok)
					strlist_add(&f->allowed, a->value);
			}
		} else if (!strcmp(kv, "min_length"))
			ok = get_count(x, v, key, &f->min_length);
		else if (!strcmp(kv, "max_length"))
			ok = get_count(x, v, key, &f->max_length);
		else if (!strcmp(kv, "min_items"))
			ok = get_count(x, v, key, &f->min_items);
		else if (!strcmp(kv, "max_items"))
			ok = get_count(x, v, key, &f->max_items);
		else if (!strcmp(kv, "pattern")) {
			ok = get_string(x, v, key, &f->pattern);
			if (ok) {
				int rc = regcomp(&f->re, f->pattern, REG_EXTENDED | REG_NOSUB);
				if (rc != 0) {
					char msg[256];
					regerror(rc, &f->re, msg, sizeof msg);
					free(f->pattern);
					f->pattern = NULL;
					return fail(x, v, "%s: invalid regular expression: %s", key,
						    msg);
				}
			}
		} else if (!strcmp(kv, "default")) {
			ok = true;
			if (v->kind == RRM_NODE_SCALAR) {
				strlist_add(&f->default_values, v->value);
			} else if (v->kind == RRM_NODE_SEQ) {
				f->default_is_list = true;
				for (size_t j = 0; ok && j < v->n_items; j++) {
					ok = want_kind(x, v->items[j], key, RRM_NODE_SCALAR);
					if (ok)
						strlist_add(&f->default_values, v->items[j]->value);
				}
			} else {
				ok = fail(x, v, "%s: expected a scalar or a list of scalars", key);
			}
			f->has_default = ok;
		} else
			ok = fail(
				x, k,
				"unknown key '%s' in front_matter.fields.%s (known: type, required, "
				"allowed, min_length, max_length, pattern, items, min_items, "
				"max_items, default)",
				kv, name);
		if (!ok)
			return false;
	}
	if (f->min_length >= 0 && f->max_length >= 0 && f->min_length > f->max_length)
		return fail(x, n, "front_matter.fields.%s: min_length is greater than max_length",
			    name);
	if (f->min_items >= 0 && f->max_items >= 0 && f->min_items > f->max_items)
		return fail(x, n, "front_matter.fields.%s: min_items is greater than max_items",
			    name);
	if ((f->items || f->min_items >= 0 || f->max_items >= 0) && f->type &&
	    f->type != RRM_T_LIST)
		return fail(
			x, n,
			"front_matter.fields.%s: items, min_items and max_items need type: list",
			name);
	if (f->items || f->min_items >= 0 || f->max_items >= 0)
		f->type = RRM_T_LIST;
	return true;
}

static bool load_front_matter(struct ctx *x, const struct rrm_node *n)
{
	struct rrm_config *c = x->c;
	if (!want_kind(x, n, "front_matter", RRM_NODE_MAP))
		return false;
	for (size_t i = 0; i + 1 < n->n_items; i += 2) {
		const struct rrm_node *k = n->items[i], *v = n->items[i + 1];
		if (k->duplicate)
			return duplicate(x, k);
		const char *kv = k->kind == RRM_NODE_SCALAR ? k->value : "";
		bool ok;
		if (!strcmp(kv, "required")) {
			ok = get_strlist(x, v, "front_matter.required", &c->fm.required, false);
		} else if (!strcmp(kv, "unknown_keys")) {
			static const char *const sev[] = {"off", "warning", "error"};
			int s = 0;
			ok = get_enum(x, v, "front_matter.unknown_keys", sev, 3, &s);
			c->fm.unknown_keys = (enum rrm_severity)s;
		} else if (!strcmp(kv, "fields")) {
			ok = v->kind == RRM_NODE_SCALAR && rrm_scalar_type(v) == RRM_SCALAR_NULL;
			if (!ok && want_kind(x, v, "front_matter.fields", RRM_NODE_MAP)) {
				ok = true;
				size_t pairs = v->n_items / 2;
				c->fm.fields = rrm_calloc(pairs, sizeof *c->fm.fields);
				for (size_t j = 0; ok && j < pairs; j++) {
					const struct rrm_node *fk = v->items[2 * j];
					if (fk->duplicate)
						return duplicate(x, fk);
					if (fk->kind != RRM_NODE_SCALAR || !fk->value_len)
						return fail(
							x, fk,
							"front_matter.fields: a field name must be a string");
					ok = load_field(x, fk->value, v->items[2 * j + 1],
							&c->fm.fields[c->fm.n_fields++]);
				}
			}
		} else
			ok = fail(
				x, k,
				"unknown key '%s' in front_matter (known: required, unknown_keys, fields)",
				kv);
		if (!ok)
			return false;
	}
	for (size_t i = 0; i < c->fm.n_fields; i++)
		for (size_t j = 0; j < c->fm.required.n; j++)
			if (!strcmp(c->fm.fields[i].name, c->fm.required.v[j]))
				c->fm.fields[i].required = true;
	return true;
}

static bool load_spelling(struct ctx *x, const struct rrm_node *n)
{
	struct rrm_config *c = x->c;
	if (!want_kind(x, n, "spelling", RRM_NODE_MAP))
		return false;
	for (size_t i = 0; i + 1 < n->n_items; i += 2) {
		const struct rrm_node *k = n->items[i], *v = n->items[i + 1];
		if (k->duplicate)
			return duplicate(x, k);
		const char *kv = k->kind == RRM_NODE_SCALAR ? k->value : "";
		bool ok;
		int e = 0;
		if (!strcmp(kv, "fields"))
			ok = get_strlist(x, v, "spelling.fields", &c->spelling.fields, false);
		else if (!strcmp(kv, "words_field"))
			ok = get_string(x, v, "spelling.words_field", &c->spelling.words_field);
		else if (!strcmp(kv, "acronyms")) {
			static const char *const names[] = {"skip", "check"};
			ok = get_enum(x, v, "spelling.acronyms", names, 2, &e);
			c->spelling.acronyms_check = e == 1;
		} else if (!strcmp(kv, "variant")) {
			static const char *const names[] = {"off", "ise"};
			ok = get_enum(x, v, "spelling.variant", names, 2, &e);
			c->spelling.variant_ise = e == 1;
		} else if (!strcmp(kv, "reject")) {
			ok = get_site_path(x, v, "spelling.reject", &c->spelling.reject);
			c->pos_reject = (struct rrm_pos){v->line, v->column};
		} else if (!strcmp(kv, "skip_title_case_midsentence"))
			ok = get_bool(x, v, "spelling.skip_title_case_midsentence",
				      &c->spelling.skip_title_case_midsentence);
		else
			ok = fail(
				x, k,
				"unknown key '%s' in spelling (known: fields, words_field, acronyms, "
				"variant, reject, skip_title_case_midsentence)",
				kv);
		if (!ok)
			return false;
		char okey[300];
		snprintf(okey, sizeof okey, "spelling.%s", kv);
		rrm_config_set_origin(c, okey, "rrm.yml", k->line, k->column);
	}
	return true;
}

static bool load_style(struct ctx *x, const struct rrm_node *n)
{
	struct rrm_config *c = x->c;
	if (!want_kind(x, n, "style", RRM_NODE_MAP))
		return false;
	for (size_t i = 0; i + 1 < n->n_items; i += 2) {
		const struct rrm_node *k = n->items[i], *v = n->items[i + 1];
		if (k->duplicate)
			return duplicate(x, k);
		const char *kv = k->kind == RRM_NODE_SCALAR ? k->value : "";
		bool ok;
		if (!strcmp(kv, "repeated_words")) {
			static const char *const sev[] = {"off", "warning", "error"};
			int s = 0;
			ok = get_enum(x, v, "style.repeated_words", sev, 3, &s);
			c->style.repeated_words = (enum rrm_severity)s;
		} else if (!strcmp(kv, "names")) {
			static const char *const sev[] = {"off", "warning", "error"};
			int sv = 0;
			ok = get_enum(x, v, "style.names", sev, 3, &sv);
			c->style.names = (enum rrm_severity)sv;
		} else if (!strcmp(kv, "quotes")) {
			static const char *const q[] = {"off", "curly", "straight"};
			int qi = 0;
			ok = get_enum(x, v, "style.quotes", q, 3, &qi);
			c->style.quotes = (enum rrm_quotes)qi;
		} else if (!strcmp(kv, "prefer")) {
			ok = want_kind(x, v, "style.prefer", RRM_NODE_MAP);
			for (size_t j = 0; ok && j + 1 < v->n_items; j += 2) {
				const struct rrm_node *f = v->items[j], *t = v->items[j + 1];
				if (f->duplicate)
					return duplicate(x, f);
				if (f->kind != RRM_NODE_SCALAR || t->kind != RRM_NODE_SCALAR ||
				    !f->value || !t->value)
					ok = fail(
						x, f,
						"style.prefer: each entry is \"written form\": house form");
				else if (!f->value[0] || !strcmp(f->value, t->value))
					ok = fail(
						x, f,
						"style.prefer: '%s' must be a form that is not the "
						"house form",
						f->value);
				else {
					strlist_add(&c->style.prefer_from, f->value);
					strlist_add(&c->style.prefer_to, t->value);
				}
			}
		} else {
			ok = fail(
				x, k,
				"unknown key '%s' in style (known: names, prefer, repeated_words, quotes)",
				kv);
		}
		if (!ok)
			return false;
		char okey[300];
		snprintf(okey, sizeof okey, "style.%s", kv);
		rrm_config_set_origin(c, okey, "rrm.yml", k->line, k->column);
	}
	return true;
}

static bool load_new(struct ctx *x, const struct rrm_node *n)
{
	struct rrm_config *c = x->c;
	if (!want_kind(x, n, "new", RRM_NODE_MAP))
		return false;
	for (size_t i = 0; i + 1 < n->n_items; i += 2) {
		const struct rrm_node *k = n->items[i], *v = n->items[i + 1];
		if (k->duplicate)
			return duplicate(x, k);
		const char *kv = k->kind == RRM_NODE_SCALAR ? k->value : "";
		bool ok;
		if (!strcmp(kv, "path")) {
			ok = get_site_path(x, v, "new.path", &c->new_.path);
			if (ok && !strstr(c->new_.path, ":slug") && !strstr(c->new_.path, ":title"))
				ok = fail(x, v, "new.path: the pattern needs :slug (or :title)");
		} else if (!strcmp(kv, "template"))
			ok = get_site_path(x, v, "new.template", &c->new_.template_file);
		else if (!strcmp(kv, "author"))
			ok = get_string(x, v, "new.author", &c->new_.author);
		else if (!strcmp(kv, "slug_max")) {
			ok = get_count(x, v, "new.slug_max", &c->new_.slug_max);
			if (ok && c->new_.slug_max < 8)
				ok = fail(x, v, "new.slug_max: must be at least 8");
		} else
			ok = fail(
				x, k,
				"unknown key '%s' in new (known: path, template, author, slug_max)",
				kv);
		if (!ok)
			return false;
		char okey[300];
		snprintf(okey, sizeof okey, "new.%s", kv);
		rrm_config_set_origin(c, okey, "rrm.yml", k->line, k->column);
	}
	return true;
}

static bool load_rules(struct ctx *x, const struct rrm_node *n)
{
	if (!want_kind(x, n, "rules", RRM_NODE_MAP))
		return false;
	for (size_t i = 0; i + 1 < n->n_items; i += 2) {
		const struct rrm_node *k = n->items[i], *v = n->items[i + 1];
		if (k->duplicate)
			return duplicate(x, k);
		int r = k->kind == RRM_NODE_SCALAR ? rrm_rule_find(k->value) : -1;
		if (r < 0)
			return fail(x, k, "rules: unknown rule id '%s' (see rrm-lint(1), RULES)",
				    k->kind == RRM_NODE_SCALAR ? k->value : "");
		static const char *const sev[] = {"off", "warning", "error"};
		int s = 0;
		char key[300];
		snprintf(key, sizeof key, "rules.%s", k->value);
		if (!get_enum(x, v, key, sev, 3, &s))
			return false;
		x->c->rules[r] = s;
		rrm_config_set_origin(x->c, key, "rrm.yml", k->line, k->column);
	}
	return true;
}

bool rrm_config_valid_base_url(const char *u)
{
	const char *rest;
	if (!strncmp(u, "https://", 8))
		rest = u + 8;
	else if (!strncmp(u, "http://", 7))
		rest = u + 7;
	else
		return false;
	if (!*rest || *rest == '/')
		return false;
	for (const char *s = rest; *s && *s != '/'; s++)
		if (!(isalnum((unsigned char)*s) || *s == '.' || *s == '-' || *s == ':' ||
		      *s == '_'))
			return false;
	return true;
}

static bool load_top(struct ctx *x, const struct rrm_node *root)
{
	struct rrm_config *c = x->c;
	if (!root)
		return true; /* an empty rrm.yml: all defaults */
	if (root->kind != RRM_NODE_MAP)
		return fail(x, root, "rrm.yml must be a map of keys to values, not a %s",
			    rrm_node_type_name(root));
	for (size_t i = 0; i + 1 < root->n_items; i += 2) {
		const struct rrm_node *k = root->items[i], *v = root->items[i + 1];
		if (k->duplicate)
			return duplicate(x, k);
		const char *kv = k->kind == RRM_NODE_SCALAR ? k->value : "";
		bool ok;
		int e = 0;
		if (!strcmp(kv, "base_url")) {
			ok = get_string(x, v, "base_url", &c->base_url);
			if (ok && !rrm_config_valid_base_url(c->base_url))
				ok = fail(
					x, v,
					"base_url: expected an http:// or https:// URL with a host, got '%s'",
					c->base_url);
		} else if (!strcmp(kv, "content_dir")) {
			char *was = rrm_strdup(c->content_dir);
			ok = get_site_path(x, v, "content_dir", &c->content_dir);
			/* it moves the default language's top folder; the other roots (mounts) stay
			 */
			for (size_t ri = 0; ok && ri < c->n_content_roots; ri++) {
				struct rrm_content_root *r = &c->content_roots[ri];
				if (!r->lang && !r->at[0] && !strcmp(r->dir, was)) {
					free(r->dir);
					r->dir = rrm_strdup(c->content_dir);
				}
			}
			free(was);
		} else if (!strcmp(kv, "static_dir"))
			ok = get_site_path(x, v, "static_dir", &c->static_dir);
		else if (!strcmp(kv, "permalink"))
			ok = load_permalink(x, v);
		else if (!strcmp(kv, "anchors")) {
			ok = get_enum(x, v, "anchors", anchor_names,
				      sizeof anchor_names / sizeof *anchor_names, &e);
			c->anchors = (enum rrm_anchors)e;
		} else if (!strcmp(kv, "definition_ids"))
			ok = get_bool(x, v, "definition_ids", &c->definition_ids);
		else if (!strcmp(kv, "link_render_hook"))
			ok = get_bool(x, v, "link_render_hook", &c->link_render_hook);
		else if (!strcmp(kv, "lowercase_urls")) {
			bool b = false;
			ok = get_bool(x, v, "lowercase_urls", &b);
			c->lowercase_urls = b;
		} else if (!strcmp(kv, "ignore_links"))
			ok = get_strlist(x, v, "ignore_links", &c->ignore_links, false);
		else if (!strcmp(kv, "exclude"))
			ok = get_strlist(x, v, "exclude", &c->exclude, false);
		else if (!strcmp(kv, "code_shortcodes"))
			ok = get_strlist(x, v, "code_shortcodes", &c->code_shortcodes, false);
		else if (!strcmp(kv, "timezone")) {
			ok = get_string(x, v, "timezone", &c->timezone);
			if (ok && !rrm_timezone_known(c->timezone))
				ok = fail(
					x, v,
					"timezone: unknown time zone '%s' (an IANA name such as Europe/London, or UTC)",
					c->timezone);
		} else if (!strcmp(kv, "language")) {
			ok = get_strlist(x, v, "language", &c->language, true);
			c->pos_language = (struct rrm_pos){v->line, v->column};
		} else if (!strcmp(kv, "dictionaries")) {
			ok = get_strlist(x, v, "dictionaries", &c->dictionaries, false) &&
			     check_site_paths(x, v, "dictionaries", &c->dictionaries);
			c->pos_dictionaries = (struct rrm_pos){v->line, v->column};
		} else if (!strcmp(kv, "spelling"))
			ok = load_spelling(x, v);
		else if (!strcmp(kv, "style"))
			ok = load_style(x, v);
		else if (!strcmp(kv, "front_matter"))
			ok = load_front_matter(x, v);
		else if (!strcmp(kv, "rules"))
			ok = load_rules(x, v);
		else if (!strcmp(kv, "new"))
			ok = load_new(x, v);
		else
			ok = fail(
				x, k,
				"unknown key '%s' (known: base_url, content_dir, static_dir, permalink, "
				"anchors, definition_ids, lowercase_urls, link_render_hook, ignore_links, "
				"exclude, code_shortcodes, timezone, "
				"language, dictionaries, spelling, style, front_matter, rules, new)",
				kv);
		if (!ok)
			return false;
		/* maps record their keys one by one (spelling.fields, new.path, rules.X) */
		if (v->kind != RRM_NODE_MAP || !strcmp(kv, "front_matter"))
			rrm_config_set_origin(c, kv, "rrm.yml", k->line, k->column);
		else if (!strcmp(kv, "permalink"))
			rrm_config_set_origin(c, kv, "rrm.yml", k->line, k->column);
	}
	return true;
}

/* Reads rrm.yml's text into `c` over what is there already (defaults, the generator's). */
static int load_rrm_yml(struct rrm_config *c, const char *text, size_t len,
			struct rrm_config_error *err)
{
	bool is_nul;
	size_t bad = rrm_utf8_check(text, len, &is_nul);
	if (bad < len) {
		err->message = rrm_strdup(is_nul ? "the file holds a NUL byte"
						 : "the file is not valid UTF-8");
		/* lines end at LF, CRLF or a lone CR, as everywhere else */
		err->line = 1;
		size_t ls = 0;
		for (size_t i = 0; i < bad; i++)
			if (text[i] == '\n' ||
			    (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
				err->line++;
				ls = i + 1;
			}
		err->column = (int)rrm_utf8_count(text + ls, bad - ls) + 1;
		return -1;
	}
	struct rrm_ydoc doc;
	struct rrm_yaml_error yerr;
	if (rrm_yaml_parse(text, len, 1, &doc, &yerr) != 0) {
		err->line = yerr.line;
		err->column = yerr.column;
		err->message = rrm_asprintf("YAML syntax: %s", yerr.message);
		rrm_yaml_error_release(&yerr);
		return -1;
	}
	struct ctx x = {c, err};
	/* A repeated key anywhere is reported first, wherever it is. */
	const struct rrm_node *dup = NULL;
	for (size_t i = 0; i < doc.n_all; i++) {
		const struct rrm_node *n = doc.all[i];
		if (n->duplicate && (!dup || n->line < dup->line ||
				     (n->line == dup->line && n->column < dup->column)))
			dup = n;
	}
	bool ok = dup ? duplicate(&x, dup) : load_top(&x, doc.root);
	rrm_ydoc_release(&doc);
	return ok ? 0 : -1;
}

/* Defaults that depend on other settings, once everything is read. */
static void finish(struct rrm_config *c)
{
	if (c->lowercase_urls < 0) /* Hugo lower-cases the paths it publishes; Jekyll does not */
		c->lowercase_urls = c->anchors == RRM_ANCHORS_HUGO ||
				    c->anchors == RRM_ANCHORS_HUGO_ASCII ||
				    c->anchors == RRM_ANCHORS_HUGO_BLACKFRIDAY;
	if (c->n_permalinks == 0)
		add_permalink(c, NULL, "/:path/");
}

int rrm_config_load_text(struct rrm_config *c, const char *root, const char *file, const char *text,
			 size_t len, struct rrm_config_error *err)
{
	defaults(c, root);
	memset(err, 0, sizeof *err);
	err->file = file ? rrm_strdup(file) : NULL;
	int rc = load_rrm_yml(c, text, len, err);
	if (rc == 0)
		finish(c);
	return rc;
}

int rrm_config_load(struct rrm_config *c, const char *root, bool found,
		    struct rrm_config_error *err)
{
	memset(err, 0, sizeof *err);
	defaults(c, root);
	if (!found) {
		finish(c);
		return 0;
	}
	c->generator = rrm_config_detect(root);
	int rc = 0;
	if (c->generator == RRM_GEN_HUGO)
		rc = rrm_hugo_load(c, err);
	else if (c->generator == RRM_GEN_JEKYLL)
		rc = rrm_jekyll_load(c, err);
	if (rc == 0)
		rc = rrm_netlify_load(c, err);
	if (rc != 0)
		return -1;
	char *path = rrm_path_join(root, "rrm.yml");
	struct stat st;
	if (stat(path, &st) != 0 && errno == ENOENT) {
		free(path);
		finish(c);
		return 0;
	}
	char *text;
	size_t len;
	int e;
	if (rrm_read_file(path, 1024 * 1024, &text, &len, &e) != RRM_READ_OK) {
		err->file = path;
		err->line = 0;
		err->message = rrm_asprintf("cannot read the file: %s",
					    e == EFBIG ? "larger than 1 MiB" : strerror(e));
		return -1;
	}
	err->file = rrm_strdup(path);
	rc = load_rrm_yml(c, text, len, err);
	free(text);
	if (rc == 0) {
		c->file = path;
		finish(c);
	} else {
		free(path);
	}
	return rc;
}

const struct rrm_field *rrm_config_field(const struct rrm_config *c, const char *name)
{
	for (size_t i = 0; i < c->fm.n_fields; i++)
		if (!strcmp(c->fm.fields[i].name, name))
			return &c->fm.fields[i];
	return NULL;
}
