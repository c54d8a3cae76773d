#include "lib/json.h"

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "lib/util.h"

const char *rrm_json_version(void)
{
	return jansson_version_str();
}

struct conv {
	struct rrm_ydoc *doc;
	struct rrm_yaml_error *err;
};

static bool limit(struct conv *x, const char *message)
{
	x->err->message = rrm_strdup(message);
	x->err->line = x->err->column = 1; /* jansson keeps no position for a value */
	return false;
}

static struct rrm_node *make(struct conv *x, enum rrm_node_kind kind)
{
	struct rrm_ydoc *doc = x->doc;
	struct rrm_node *n = rrm_calloc(1, sizeof *n);
	n->kind = kind;
	doc->all = rrm_grow(doc->all, &doc->cap_all, doc->n_all + 1, sizeof *doc->all);
	doc->all[doc->n_all++] = n;
	return n;
}

static void set_value(struct rrm_node *n, const char *v, size_t len, const char *type)
{
	n->value = rrm_strndup(v, len);
	n->value_len = len;
	n->tag = rrm_asprintf("tag:yaml.org,2002:%s", type);
}

static void append(struct rrm_node *parent, size_t *cap, struct rrm_node *child)
{
	parent->items = rrm_grow(parent->items, cap, parent->n_items + 1, sizeof *parent->items);
	parent->items[parent->n_items++] = child;
}

static struct rrm_node *convert(struct conv *x, json_t *v, int depth)
{
	if (x->doc->n_all >= RRM_YAML_MAX_NODES) {
		limit(x, "more than 100000 JSON nodes");
		return NULL;
	}
	struct rrm_node *n;
	char buf[64];
	switch (json_typeof(v)) {
	case JSON_OBJECT:
	case JSON_ARRAY: {
		bool obj = json_is_object(v);
		if (depth >= RRM_YAML_MAX_DEPTH) {
			char m[64];
			snprintf(m, sizeof m, "nesting deeper than %d levels", RRM_YAML_MAX_DEPTH);
			limit(x, m);
			return NULL;
		}
		n = make(x, obj ? RRM_NODE_MAP : RRM_NODE_SEQ);
		size_t cap = 0;
		if (obj) {
			const char *key;
			json_t *val;
			json_object_foreach(v, key, val)
			{
				struct rrm_node *k = make(x, RRM_NODE_SCALAR);
				k->style = RRM_STYLE_QUOTED;
				set_value(k, key, strlen(key), "str");
				append(n, &cap, k);
				struct rrm_node *c = convert(x, val, depth + 1);
				if (!c)
					return NULL;
				append(n, &cap, c);
			}
		} else {
			size_t i;
			json_t *val;
			json_array_foreach(v, i, val)
			{
				struct rrm_node *c = convert(x, val, depth + 1);
				if (!c)
					return NULL;
				append(n, &cap, c);
			}
		}
		return n;
	}
	case JSON_STRING:
		n = make(x, RRM_NODE_SCALAR);
		n->style = RRM_STYLE_QUOTED;
		set_value(n, json_string_value(v), json_string_length(v), "str");
		return n;
	case JSON_INTEGER:
		n = make(x, RRM_NODE_SCALAR);
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		set_value(n, buf, strlen(buf), "int");
		return n;
	case JSON_REAL: {
		n = make(x, RRM_NODE_SCALAR);
		double d = json_real_value(v);
		snprintf(buf, sizeof buf, "%.15g", d);
		if (strtod(buf, NULL) != d)
			snprintf(buf, sizeof buf, "%.17g", d);
		set_value(n, buf, strlen(buf), "float");
		return n;
	}
	case JSON_TRUE:
	case JSON_FALSE:
		n = make(x, RRM_NODE_SCALAR);
		set_value(n, json_is_true(v) ? "true" : "false", json_is_true(v) ? 4 : 5, "bool");
		return n;
	case JSON_NULL: break;
	}
	n = make(x, RRM_NODE_SCALAR);
	set_value(n, "", 0, "null");
	return n;
}

/*
 * Positions. jansson keeps none for values, but in a valid document (no
 * repeated key: they are refused) the values and keys come in the text in
 * the order of a pre-order walk of the tree, objects keeping their keys in
 * insertion order. So a second, lexical pass over the text gives each node
 * the line and column where it starts (code points; LF, CRLF or CR end a
 * line, as rrm counts lines everywhere).
 */
struct scan {
	const char *t;
	size_t len, i;
	int line, column;
	bool lost; /* the text does not follow the tree: stop placing nodes */
};

static void advance(struct scan *s, size_t n)
{
	while (n-- > 0 && s->i < s->len) {
		unsigned char c = (unsigned char)s->t[s->i++];
		if (c == '\n' || (c == '\r' && (s->i >= s->len || s->t[s->i] != '\n'))) {
			s->line++;
			s->column = 1;
		} else if (c != '\r' && (c & 0xc0) != 0x80) {
			s->column++;
		}
	}
}

static void blanks(struct scan *s)
{
	while (s->i < s->len && strchr(" \t\r\n", s->t[s->i]) && s->t[s->i])
		advance(s, 1);
}

static bool at(struct scan *s, char c)
{
	blanks(s);
	return s->i < s->len && s->t[s->i] == c;
}

static void expect(struct scan *s, char c)
{
	if (at(s, c))
		advance(s, 1);
	else
		s->lost = true;
}

static void skip_scalar(struct scan *s)
{
	if (at(s, '"')) {
		advance(s, 1);
		while (s->i < s->len && s->t[s->i] != '"')
			advance(s, s->t[s->i] == '\\' ? 2 : 1);
		advance(s, 1);
		return;
	}
	while (s->i < s->len && !strchr(",]} \t\r\n", s->t[s->i]) && s->t[s->i])
		advance(s, 1);
}

static void place(struct scan *s, struct rrm_node *n)
{
	if (s->lost)
		return;
	blanks(s);
	n->line = n->end_line = s->line;
	n->column = n->end_column = s->column;
	if (n->kind == RRM_NODE_SCALAR) {
		skip_scalar(s);
	} else {
		bool map = n->kind == RRM_NODE_MAP;
		expect(s, map ? '{' : '[');
		for (size_t i = 0; i < n->n_items && !s->lost; i++) {
			if (i > 0 && (!map || i % 2 == 0))
				expect(s, ',');
			if (map && i % 2 == 0) {
				place(s, n->items[i]); /* the key */
				expect(s, ':');
			} else {
				place(s, n->items[i]);
			}
		}
		expect(s, map ? '}' : ']');
	}
	n->end_line = s->line;
	n->end_column = s->column;
}

int rrm_json_parse(const char *text, size_t len, struct rrm_ydoc *doc, struct rrm_yaml_error *err)
{
	memset(doc, 0, sizeof *doc);
	err->message = NULL;
	err->line = err->column = 1;
	const char *nul = memchr(text, '\0', len);
	if (nul) { /* jansson lets some through, outside strings */
		struct scan sc = {text, len, 0, 1, 1, false};
		advance(&sc, (size_t)(nul - text));
		err->line = sc.line;
		err->column = sc.column;
		err->message = rrm_strdup("NUL byte: a text file cannot hold one");
		return -1;
	}
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
	if (!root) {
		err->line = je.line > 0 ? je.line : 1;
		err->column = je.column > 0 ? je.column : 1;
		err->message = rrm_strdup(je.text[0] ? je.text : "invalid JSON");
		return -1;
	}
	struct conv x = {doc, err};
	doc->root = convert(&x, root, 0);
	json_decref(root);
	if (!doc->root || err->message) {
		rrm_ydoc_release(doc);
		return -1;
	}
	struct scan sc = {text, len, 0, 1, 1, false};
	place(&sc, doc->root);
	return 0;
}
