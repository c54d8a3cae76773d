#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"
#include "lib/site.h"
#include "lib/util.h"
#include "lint/lint.h"

struct fm_ctx {
	const struct rrm_config *c;
	const struct rrm_article *a;
	const char *path;
	struct rrm_sink *s;
};

#define MAX_QUOTE 60

/* The value quoted for a message, cut at MAX_QUOTE code points. */
static char *quote(const char *v)
{
	size_t n = strlen(v), cut = 0, cps = 0;
	while (cut < n && cps < MAX_QUOTE) {
		cut++;
		while (cut < n && ((unsigned char)v[cut] & 0xc0) == 0x80)
			cut++;
		cps++;
	}
	char *q = rrm_strndup(v, cut);
	for (char *p = q; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	if (cut < n) {
		char *r = rrm_asprintf("%s…", q);
		free(q);
		return r;
	}
	return q;
}

static struct rrm_finding *at_node(struct fm_ctx *x, enum rrm_rule_id rule,
				   const struct rrm_node *n, const char *msg)
{
	size_t off = rrm_article_file_offset(x->a, rrm_article_offset(x->a, n->line, n->column));
	return rrm_sink_add(x->s, rule, x->path, n->line, n->column, n->end_line, n->end_column,
			    off, "%s", msg);
}

static struct rrm_finding *at_line(struct fm_ctx *x, enum rrm_rule_id rule, int line, int column,
				   const char *msg)
{
	size_t off = rrm_article_file_offset(x->a, rrm_article_offset(x->a, line, column));
	return rrm_sink_add(x->s, rule, x->path, line, column, line, column + 3, off, "%s", msg);
}

static void report(struct fm_ctx *x, enum rrm_rule_id rule, const struct rrm_node *n, char *msg)
{
	at_node(x, rule, n, msg);
	free(msg);
}

/* The closest of `names` to `v` within a small distance, or NULL. */
static const char *closest(const char *v, char *const *names, size_t n)
{
	const char *best = NULL;
	size_t bd = strlen(v) <= 4 ? 1 : 2;
	bd++;
	for (size_t i = 0; i < n; i++) {
		size_t d = rrm_edit_distance(v, names[i], true);
		if (d < bd) {
			bd = d;
			best = names[i];
		}
	}
	return best;
}

static bool is_blank(const char *v)
{
	for (; *v; v++)
		if (!isspace((unsigned char)*v))
			return false;
	return true;
}

static void check_date(struct fm_ctx *x, const struct rrm_field *f, const struct rrm_node *v,
		       const char *what)
{
	struct rrm_datetime d;
	bool date_only = f->type == RRM_T_DATE;
	enum rrm_date_status st = rrm_date_parse(v->value, date_only, &d);
	char *q = quote(v->value);
	switch (st) {
	case RRM_DATE_OK: break;
	case RRM_DATE_IMPOSSIBLE:
		report(x, RRM_RULE_FM_DATE, v,
		       rrm_asprintf("%s: '%s' is not a real %s", what, q,
				    d.has_time ? "date and time" : "date"));
		break;
	case RRM_DATE_AMBIGUOUS:
		report(x, RRM_RULE_FM_DATE, v,
		       rrm_asprintf("%s: '%s' is ambiguous (day and month order); write YYYY-MM-DD",
				    what, q));
		break;
	case RRM_DATE_UNPARSEABLE:
		report(x, RRM_RULE_FM_DATE, v,
		       rrm_asprintf(
			       date_only
				       ? "%s: '%s' is not a date in YYYY-MM-DD form"
				       : "%s: '%s' is not a date or datetime (YYYY-MM-DD, optionally "
					 "followed by Thh:mm:ss and a zone such as Z or +01:00)",
			       what, q));
		break;
	}
	free(q);
}

static bool is_url(const char *v)
{
	if (v[0] == '/')
		return true;
	const char *p = v;
	if (!isalpha((unsigned char)*p))
		return false;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return p[0] == ':' && p[1] == '/' && p[2] == '/' && p[3] && !isspace((unsigned char)p[3]);
}

static bool is_yaml11_bool(const char *v)
{
	static const char *const words[] = {"yes", "Yes", "YES", "no",  "No",  "NO", "on",
					    "On",  "ON",  "off", "Off", "OFF", "y",  "n"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(v, words[i]))
			return true;
	return false;
}

/*
 * Checks a scalar against a type; returns false (after reporting with `rule`)
 * when it does not fit.
 */
static bool check_scalar_type(struct fm_ctx *x, enum rrm_ftype t, const struct rrm_node *v,
			      const char *what, enum rrm_rule_id rule)
{
	enum rrm_scalar_type st = rrm_scalar_type(v);
	const char *got = rrm_node_type_name(v);
	char *q = quote(v->value);
	char *msg = NULL;
	switch (t) {
	case RRM_T_ANY:
	case RRM_T_LIST:
	case RRM_T_MAP: break;
	case RRM_T_STRING:
	case RRM_T_URL:
		if (st != RRM_SCALAR_STRING)
			msg = rrm_asprintf(
				"%s: expected %s, got %s '%s' (quote it to make it a string)", what,
				t == RRM_T_URL ? "a URL" : "a string", got, q);
		else if (t == RRM_T_URL && !is_url(v->value))
			msg = rrm_asprintf(
				"%s: '%s' is not a URL (an absolute URL such as https://… or a "
				"path starting with /)",
				what, q);
		break;
	case RRM_T_INT:
		if (st != RRM_SCALAR_INT)
			msg = rrm_asprintf("%s: expected a whole number, got %s '%s'", what, got,
					   q);
		break;
	case RRM_T_NUMBER:
		if (st != RRM_SCALAR_INT && st != RRM_SCALAR_FLOAT)
			msg = rrm_asprintf("%s: expected a number, got %s '%s'", what, got, q);
		break;
	case RRM_T_BOOL:
		if (st != RRM_SCALAR_BOOL)
			msg = is_yaml11_bool(v->value)
				      ? rrm_asprintf(
						"%s: '%s' is a boolean only in YAML 1.1; write true or false",
						what, q)
				      : rrm_asprintf("%s: expected true or false, got %s '%s'",
						     what, got, q);
		break;
	case RRM_T_DATE:
	case RRM_T_DATETIME:
		if (st != RRM_SCALAR_TIMESTAMP && st != RRM_SCALAR_STRING)
			msg = rrm_asprintf("%s: expected a %s, got %s '%s'", what,
					   t == RRM_T_DATE ? "date" : "date or datetime", got, q);
		break;
	}
	free(q);
	if (msg) {
		report(x, rule, v, msg);
		return false;
	}
	return true;
}

static void check_allowed(struct fm_ctx *x, const struct rrm_field *f, const struct rrm_node *v,
			  const char *what)
{
	if (!f->allowed.n)
		return;
	for (size_t i = 0; i < f->allowed.n; i++)
		if (!strcmp(f->allowed.v[i], v->value))
			return;
	struct rrm_buf list;
	rrm_buf_init(&list);
	for (size_t i = 0; i < f->allowed.n && i < 12; i++)
		rrm_buf_addf(&list, "%s%s", i ? ", " : "", f->allowed.v[i]);
	if (f->allowed.n > 12)
		rrm_buf_adds(&list, ", …");
	const char *near = closest(v->value, f->allowed.v, f->allowed.n);
	char *q = quote(v->value);
	char *msg =
		near ? rrm_asprintf("%s: '%s' is not allowed (did you mean '%s'?)", what, q, near)
		     : rrm_asprintf("%s: '%s' is not allowed (allowed: %s)", what, q, list.data);
	struct rrm_finding *fd = at_node(x, RRM_RULE_FM_ALLOWED, v, msg);
	if (fd && near)
		rrm_finding_suggest(fd, near);
	free(msg);
	free(q);
	rrm_buf_release(&list);
}

static void check_string(struct fm_ctx *x, const struct rrm_field *f, const struct rrm_node *v,
			 const char *what)
{
	long len = (long)rrm_utf8_count(v->value, v->value_len);
	if (f->min_length >= 0 && len < f->min_length)
		report(x, RRM_RULE_FM_LENGTH, v,
		       rrm_asprintf("%s: %ld character%s, fewer than the minimum %ld", what, len,
				    len == 1 ? "" : "s", f->min_length));
	if (f->max_length >= 0 && len > f->max_length)
		report(x, RRM_RULE_FM_LENGTH, v,
		       rrm_asprintf("%s: %ld character%s, more than the maximum %ld", what, len,
				    len == 1 ? "" : "s", f->max_length));
	if (f->pattern && regexec(&f->re, v->value, 0, NULL, 0) != 0) {
		char *q = quote(v->value);
		report(x, RRM_RULE_FM_PATTERN, v,
		       rrm_asprintf("%s: '%s' does not match the pattern %s", what, q, f->pattern));
		free(q);
	}
}

static void check_value(struct fm_ctx *x, const struct rrm_field *f, const struct rrm_node *v)
{
	const char *what = f->name;
	if (v->kind == RRM_NODE_ALIAS) {
		report(x, RRM_RULE_FM_TYPE, v,
		       rrm_asprintf("%s: YAML aliases are not expanded; write the value out",
				    what));
		return;
	}
	if (v->kind == RRM_NODE_SCALAR && rrm_scalar_type(v) == RRM_SCALAR_NULL) {
		if (f->required)
			report(x, RRM_RULE_FM_EMPTY, v,
			       rrm_asprintf("required field '%s' is empty", what));
		return;
	}
	if (f->type == RRM_T_LIST || f->type == RRM_T_MAP) {
		enum rrm_node_kind want = f->type == RRM_T_LIST ? RRM_NODE_SEQ : RRM_NODE_MAP;
		if (v->kind != want) {
			char *q = v->kind == RRM_NODE_SCALAR ? quote(v->value) : NULL;
			report(x, RRM_RULE_FM_TYPE, v,
			       q ? rrm_asprintf("%s: expected a %s, got %s '%s'", what,
						rrm_ftype_name(f->type), rrm_node_type_name(v), q)
				 : rrm_asprintf("%s: expected a %s, got a %s", what,
						rrm_ftype_name(f->type), rrm_node_type_name(v)));
			free(q);
			return;
		}
		if (f->type == RRM_T_MAP)
			return;
		long n = (long)v->n_items;
		if (f->required && n == 0)
			report(x, RRM_RULE_FM_EMPTY, v,
			       rrm_asprintf("required list '%s' is empty", what));
		if (f->min_items >= 0 && n < f->min_items)
			report(x, RRM_RULE_FM_ITEMS, v,
			       rrm_asprintf("%s: %ld item%s, fewer than the minimum %ld", what, n,
					    n == 1 ? "" : "s", f->min_items));
		if (f->max_items >= 0 && n > f->max_items)
			report(x, RRM_RULE_FM_ITEMS, v,
			       rrm_asprintf("%s: %ld item%s, more than the maximum %ld", what, n,
					    n == 1 ? "" : "s", f->max_items));
		for (size_t i = 0; i < v->n_items; i++) {
			const struct rrm_node *it = v->items[i];
			if (it->kind != RRM_NODE_SCALAR) {
				if (f->items && f->items != RRM_T_ANY &&
				    !((f->items == RRM_T_LIST && it->kind == RRM_NODE_SEQ) ||
				      (f->items == RRM_T_MAP && it->kind == RRM_NODE_MAP)))
					report(x, RRM_RULE_FM_ITEMS, it,
					       rrm_asprintf("%s: item %zu is a %s, expected %s",
							    what, i + 1, rrm_node_type_name(it),
							    rrm_ftype_name(f->items)));
				continue;
			}
			if (f->items &&
			    !check_scalar_type(x, f->items, it, what, RRM_RULE_FM_ITEMS))
				continue;
			if (f->items == RRM_T_DATE || f->items == RRM_T_DATETIME) {
				struct rrm_field tmp = *f;
				tmp.type = f->items;
				check_date(x, &tmp, it, what);
			}
			check_allowed(x, f, it, what);
			if (f->items == RRM_T_STRING || f->items == RRM_T_URL || !f->items)
				check_string(x, f, it, what);
		}
		return;
	}
	if (v->kind != RRM_NODE_SCALAR) {
		if (f->type != RRM_T_ANY)
			report(x, RRM_RULE_FM_TYPE, v,
			       rrm_asprintf("%s: expected %s %s, got a %s", what,
					    f->type == RRM_T_INT ? "an" : "a",
					    rrm_ftype_name(f->type), rrm_node_type_name(v)));
		return;
	}
	if (!check_scalar_type(x, f->type, v, what, RRM_RULE_FM_TYPE))
		return;
	if (f->required && is_blank(v->value)) {
		report(x, RRM_RULE_FM_EMPTY, v, rrm_asprintf("required field '%s' is blank", what));
		return;
	}
	if (f->type == RRM_T_DATE || f->type == RRM_T_DATETIME)
		check_date(x, f, v, what);
	check_allowed(x, f, v, what);
	if (f->type == RRM_T_STRING || f->type == RRM_T_URL || f->type == RRM_T_ANY)
		check_string(x, f, v, what);
}

/* Keys rrm itself reads: never unknown. */
static bool builtin_key(const struct rrm_config *c, const char *k)
{
	static const char *const keys[] = {"url",           "permalink", "slug", "aliases",
					   "redirect_from", "date",      "draft"};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!strcmp(k, keys[i]))
			return true;
	return !strcmp(k, c->spelling.words_field);
}

static void check_map(struct fm_ctx *x, const struct rrm_node *root)
{
	const struct rrm_config *c = x->c;
	/* Duplicate keys anywhere in the front matter. */
	for (size_t i = 0; i < x->a->fm_doc.n_all; i++) {
		const struct rrm_node *k = x->a->fm_doc.all[i];
		if (k->duplicate) {
			char *q = quote(k->value);
			report(x, RRM_RULE_FM_DUPLICATE_KEY, k,
			       rrm_asprintf("duplicate key '%s': YAML readers keep one of the two",
					    q));
			free(q);
		}
	}
	/* Required fields. */
	for (size_t i = 0; i < c->fm.n_fields; i++) {
		const struct rrm_field *f = &c->fm.fields[i];
		if (f->required && !rrm_node_get(root, f->name)) {
			char *msg = rrm_asprintf("required field '%s' is missing", f->name);
			at_line(x, RRM_RULE_FM_REQUIRED, 1, 1, msg);
			free(msg);
		}
	}
	for (size_t i = 0; i < c->fm.required.n; i++) {
		const char *name = c->fm.required.v[i];
		if (!rrm_config_field(c, name) && !rrm_node_get(root, name)) {
			char *msg = rrm_asprintf("required field '%s' is missing", name);
			at_line(x, RRM_RULE_FM_REQUIRED, 1, 1, msg);
			free(msg);
		}
	}
	if (!root)
		return;
	/* Names of the schema, for "did you mean". */
	char **names = rrm_malloc((c->fm.n_fields + 1) * sizeof *names);
	for (size_t i = 0; i < c->fm.n_fields; i++)
		names[i] = c->fm.fields[i].name;
	for (size_t i = 0; i + 1 < root->n_items; i += 2) {
		const struct rrm_node *k = root->items[i], *v = root->items[i + 1];
		if (k->duplicate)
			continue;
		if (k->kind != RRM_NODE_SCALAR) {
			report(x, RRM_RULE_FM_TYPE, k,
			       rrm_asprintf("a key must be a string, not %s %s",
					    k->kind == RRM_NODE_ALIAS ? "an" : "a",
					    rrm_node_type_name(k)));
			continue;
		}
		const struct rrm_field *f = rrm_config_field(c, k->value);
		if (f) {
			check_value(x, f, v);
			continue;
		}
		bool required = false;
		for (size_t j = 0; j < c->fm.required.n; j++)
			required |= !strcmp(c->fm.required.v[j], k->value);
		if (required) {
			if (v->kind == RRM_NODE_SCALAR && rrm_scalar_type(v) == RRM_SCALAR_NULL)
				report(x, RRM_RULE_FM_EMPTY, v,
				       rrm_asprintf("required field '%s' is empty", k->value));
			else if (v->kind == RRM_NODE_SCALAR && is_blank(v->value))
				report(x, RRM_RULE_FM_EMPTY, v,
				       rrm_asprintf("required field '%s' is blank", k->value));
			continue;
		}
		if (c->fm.n_fields == 0 || builtin_key(c, k->value))
			continue;
		char *q = quote(k->value);
		const char *near = closest(k->value, names, c->fm.n_fields);
		char *msg =
			near ? rrm_asprintf("unknown key '%s' (did you mean '%s'?)", q, near)
			     : rrm_asprintf("unknown key '%s': not in the schema of rrm.yml", q);
		struct rrm_finding *fd = at_node(x, RRM_RULE_FM_UNKNOWN_KEY, k, msg);
		if (fd && near)
			rrm_finding_suggest(fd, near);
		free(msg);
		free(q);
	}
	free(names);
}

static bool schema_wants_front_matter(const struct rrm_config *c)
{
	if (c->fm.required.n)
		return true;
	for (size_t i = 0; i < c->fm.n_fields; i++)
		if (c->fm.fields[i].required)
			return true;
	return false;
}

void rrm_lint_front_matter(const struct rrm_config *c, const struct rrm_article *a,
			   const char *display, struct rrm_sink *s)
{
	struct fm_ctx x = {c, a, display, s};
	switch (a->fm_state) {
	case RRM_FM_NONE:
		if (schema_wants_front_matter(c))
			at_line(&x, RRM_RULE_FM_MISSING, 1, 1,
				"no front matter: the file must start with a '---' line");
		return;
	case RRM_FM_TOML:
		if (schema_wants_front_matter(c))
			at_line(&x, RRM_RULE_FM_MISSING, 1, 1,
				"TOML front matter ('+++') is not read: rrm reads YAML between '---' lines");
		return;
	case RRM_FM_INDENTED: {
		if (!schema_wants_front_matter(c))
			return;
		size_t p = 0;
		while (a->source[p] == ' ' || a->source[p] == '\t')
			p++;
		int line, col;
		rrm_article_pos(a, p, &line, &col);
		at_line(&x, RRM_RULE_FM_MISSING, line, col,
			"'---' must be at the very start of line 1 to open front matter");
		return;
	}
	case RRM_FM_UNTERMINATED:
		at_line(&x, RRM_RULE_FM_UNTERMINATED, 1, 1,
			"front matter opened here is never closed by a '---' or '...' line");
		return;
	case RRM_FM_YAML: break;
	}
	if (!a->fm_parsed) {
		const struct rrm_yaml_error *e = &a->fm_error;
		int line = e->line > a->fm_last_line ? a->fm_last_line : e->line;
		char *msg =
			rrm_asprintf("YAML syntax: %s", e->message ? e->message : "invalid YAML");
		size_t off = rrm_article_file_offset(a, rrm_article_offset(a, line, e->column));
		rrm_sink_add(s, RRM_RULE_FM_SYNTAX, display, line, e->column, line, e->column + 1,
			     off, "%s", msg);
		free(msg);
		return;
	}
	const struct rrm_node *root = a->fm_doc.root;
	if (root && root->kind != RRM_NODE_MAP) {
		report(&x, RRM_RULE_FM_NOT_A_MAP, root,
		       rrm_asprintf("front matter is a %s; it must be a map of keys to values",
				    rrm_node_type_name(root)));
		return;
	}
	check_map(&x, root);
}

void rrm_lint_load_failure(const struct rrm_article *a, enum rrm_load_status st,
			   const char *display, struct rrm_sink *s)
{
	switch (st) {
	case RRM_LOAD_OK: return;
	case RRM_LOAD_UNREADABLE:
		rrm_sink_add(s, RRM_RULE_FILE_UNREADABLE, display, 1, 1, 0, 0, 0, "cannot read: %s",
			     a->err_errno == EINVAL ? "not a regular file"
						    : strerror(a->err_errno));
		return;
	case RRM_LOAD_TOO_LARGE:
		rrm_sink_add(s, RRM_RULE_FILE_UNREADABLE, display, 1, 1, 0, 0, 0,
			     "larger than %u MiB: not an article rrm will read",
			     RRM_MAX_FILE_SIZE / (1024 * 1024));
		return;
	case RRM_LOAD_ENCODING: {
		int line, col;
		rrm_article_pos(a, a->bad_offset, &line, &col);
		if (a->bad_is_nul)
			rrm_sink_add(s, RRM_RULE_FILE_ENCODING, display, line, col, line, col + 1,
				     rrm_article_file_offset(a, a->bad_offset),
				     "NUL byte: a text file cannot hold one");
		else if (a->bad_is_bom)
			rrm_sink_add(s, RRM_RULE_FILE_ENCODING, display, line, col, line, col + 1,
				     rrm_article_file_offset(a, a->bad_offset),
				     "byte order mark (U+FEFF) inside the front matter: remove it "
				     "(only the file's first bytes may hold one)");
		else
			rrm_sink_add(s, RRM_RULE_FILE_ENCODING, display, line, col, line, col + 1,
				     rrm_article_file_offset(a, a->bad_offset),
				     "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
				     (unsigned char)a->source[a->bad_offset]);
		return;
	}
	}
}

/* URLs. */

void rrm_url_entry_make(const struct rrm_config *c, const struct rrm_article *a, const char *rel,
			const char *display, struct rrm_url_entry *e)
{
	memset(e, 0, sizeof *e);
	const struct rrm_node *root =
		a->fm_parsed && a->fm_doc.root && a->fm_doc.root->kind == RRM_NODE_MAP
			? a->fm_doc.root
			: NULL;
	e->url = rrm_site_url(c, rel, root);
	e->display = rrm_strdup(display);
	e->line = e->column = 1;
	e->end_line = 1;
	e->end_column = 4;
	static const char *const keys[] = {"url", "permalink", "slug"};
	for (size_t i = 0; i < 3; i++) {
		const struct rrm_node *n = rrm_node_get(root, keys[i]);
		if (n) {
			e->line = n->line;
			e->column = n->column;
			e->end_line = n->end_line;
			e->end_column = n->end_column;
			e->from_key = true;
			break;
		}
	}
	e->offset = rrm_article_file_offset(a, rrm_article_offset(a, e->line, e->column));
	/* the aliases, as the index takes them (rrm_page_meta_from), each where it is written */
	static const char *const alias_keys[] = {"aliases", "redirect_from"};
	for (size_t k = 0; k < 2; k++) {
		const struct rrm_node *l = rrm_node_get(root, alias_keys[k]);
		size_t n = !l ? 0 : l->kind == RRM_NODE_SEQ ? l->n_items : 1;
		for (size_t j = 0; j < n; j++) {
			const struct rrm_node *v = l->kind == RRM_NODE_SEQ ? l->items[j] : l;
			if (v->kind != RRM_NODE_SCALAR || !v->value_len || !v->value[0])
				continue;
			char *url = rrm_site_alias_url(v->value, k == 1, e->url);
			if (!url)
				continue;
			e->aliases =
				rrm_realloc(e->aliases, (e->n_aliases + 1) * sizeof *e->aliases);
			struct rrm_url_alias *al = &e->aliases[e->n_aliases++];
			al->url = url;
			al->line = v->line;
			al->column = v->column;
			al->end_line = v->end_line;
			al->end_column = v->end_column;
			al->offset = rrm_article_file_offset(
				a, rrm_article_offset(a, v->line, v->column));
		}
	}
}

void rrm_url_entry_release(struct rrm_url_entry *e)
{
	free(e->url);
	free(e->display);
	for (size_t i = 0; i < e->n_aliases; i++)
		free(e->aliases[i].url);
	free(e->aliases);
}

/*
 * The forms of a URL, as the index looks them up: "/x/" (and "/x/index.html")
 * is a folder, "/x.html" a file, and "/x" either (Hugo writes x/index.html,
 * Jekyll x.html; a server tries both).
 */
enum claim_form { FORM_FOLDER, FORM_FILE, FORM_BARE };

/* One URL claimed by an article: its own (alias -1) or one of its aliases. */
struct claim {
	char *key; /* the URL without "/index.html", ".html" or a trailing slash */
	enum claim_form form;
	const struct rrm_url_entry *e;
	long alias;
};

static void claim_key(struct claim *c, const char *url)
{
	char *k = rrm_strdup(url);
	size_t n = strlen(k);
	if (n >= 11 && !strcmp(k + n - 11, "/index.html"))
		n -= 10;
	if (n && k[n - 1] == '/') {
		c->form = FORM_FOLDER;
	} else if (n > 5 && !strcmp(k + n - 5, ".html") && k[n - 6] != '/') {
		c->form = FORM_FILE;
		n -= 5;
	} else {
		c->form = FORM_BARE;
	}
	while (n > 1 && k[n - 1] == '/')
		n--;
	k[n] = '\0';
	c->key = k;
}

/* Two claims of one key that a link can confuse: the same form, or one bare. */
static bool clash(const struct claim *a, const struct claim *b)
{
	return a->form == b->form || a->form == FORM_BARE || b->form == FORM_BARE;
}

static const char *claim_url(const struct claim *c)
{
	return c->alias < 0 ? c->e->url : c->e->aliases[c->alias].url;
}

static int claim_line(const struct claim *c)
{
	return c->alias < 0 ? c->e->line : c->e->aliases[c->alias].line;
}

static int claim_cmp(const void *pa, const void *pb)
{
	const struct claim *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	if (!c)
		c = strcmp(a->e->display, b->e->display);
	if (!c)
		c = claim_line(a) - claim_line(b);
	if (!c)
		c = (a->alias > b->alias) - (a->alias < b->alias);
	return c;
}

void rrm_lint_duplicate_urls(struct rrm_url_entry *v, size_t n, struct rrm_sink *s)
{
	size_t nc = 0;
	for (size_t i = 0; i < n; i++)
		nc += 1 + v[i].n_aliases;
	struct claim *c = rrm_calloc(nc + 1, sizeof *c);
	nc = 0;
	for (size_t i = 0; i < n; i++)
		for (long k = -1; k < (long)v[i].n_aliases; k++) {
			c[nc] = (struct claim){NULL, FORM_BARE, &v[i], k};
			claim_key(&c[nc], claim_url(&c[nc]));
			nc++;
		}
	qsort(c, nc, sizeof *c, claim_cmp);
	struct rrm_buf m;
	rrm_buf_init(&m);
	for (size_t i = 0; i < nc;) {
		size_t j = i + 1;
		while (j < nc && !strcmp(c[i].key, c[j].key))
			j++;
		for (size_t k = i; j - i > 1 && k < j; k++) {
			if (!c[k].e->report)
				continue;
			/* the first clashing claim of another article, and how many articles clash
			 */
			const struct claim *o = NULL;
			size_t others = 0;
			const char *last = NULL;
			for (size_t q = i; q < j; q++) {
				if (!strcmp(c[q].e->display, c[k].e->display) ||
				    !clash(&c[k], &c[q]))
					continue;
				if (!o)
					o = &c[q];
				if (!last || strcmp(last, c[q].e->display))
					others++;
				last = c[q].e->display;
			}
			if (!o)
				continue;
			m.len = 0;
			m.data[0] = '\0';
			rrm_buf_addf(&m, "%s %s is also ", c[k].alias < 0 ? "URL" : "alias",
				     claim_url(&c[k]));
			if (o->alias >= 0)
				rrm_buf_addf(&m, "an alias in %s:%d", o->e->display, claim_line(o));
			else if (o->e->from_key)
				rrm_buf_addf(&m, "the URL of %s:%d", o->e->display, o->e->line);
			else
				rrm_buf_addf(&m, "the URL of %s", o->e->display);
			if (strcmp(claim_url(o), claim_url(&c[k])))
				rrm_buf_addf(&m, " (as %s)", claim_url(o));
			if (others > 1)
				rrm_buf_adds(&m, " and others");
			const struct rrm_url_entry *e = c[k].e;
			if (c[k].alias < 0)
				rrm_sink_add(s, RRM_RULE_SITE_DUPLICATE_URL, e->display, e->line,
					     e->column, e->end_line, e->end_column, e->offset, "%s",
					     m.data);
			else {
				const struct rrm_url_alias *al = &e->aliases[c[k].alias];
				rrm_sink_add(s, RRM_RULE_SITE_DUPLICATE_URL, e->display, al->line,
					     al->column, al->end_line, al->end_column, al->offset,
					     "%s", m.data);
			}
		}
		i = j;
	}
	rrm_buf_release(&m);
	for (size_t i = 0; i < nc; i++)
		free(c[i].key);
	free(c);
}
