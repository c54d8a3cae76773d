#include "lib/yaml.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "lib/util.h"

const char *rrm_yaml_version(void)
{
	return yaml_get_version_string();
}

/*
 * Converts libyaml's character index to a file line and code-point column.
 * libyaml's own line count also breaks at U+0085, U+2028 and U+2029, which
 * editors, cmark and rrm's line map do not; so rrm counts lines itself.
 */
struct locator {
	const char *text;
	size_t len;
	int first_line;
	size_t index, byte; /* cursor: character index and its byte offset */
	int line, column;
};

static void locate(struct locator *l, size_t index, int *line, int *column)
{
	if (index < l->index) {
		l->index = l->byte = 0;
		l->line = l->first_line;
		l->column = 1;
	}
	while (l->index < index && l->byte < l->len) {
		unsigned char c = (unsigned char)l->text[l->byte];
		size_t w = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		if (c == '\n' ||
		    (c == '\r' && (l->byte + 1 >= l->len || l->text[l->byte + 1] != '\n'))) {
			l->line++;
			l->column = 1;
		} else if (c != '\r') {
			l->column++;
		}
		l->byte += w;
		l->index++;
	}
	*line = l->line;
	*column = l->column;
}

static struct rrm_node *new_node(struct rrm_ydoc *doc, enum rrm_node_kind kind,
				 const yaml_mark_t *start, const yaml_mark_t *end,
				 struct locator *loc)
{
	struct rrm_node *n = rrm_calloc(1, sizeof *n);
	n->kind = kind;
	locate(loc, start->index, &n->line, &n->column);
	locate(loc, end->index, &n->end_line, &n->end_column);
	doc->all = rrm_grow(doc->all, &doc->cap_all, doc->n_all + 1, sizeof *doc->all);
	doc->all[doc->n_all++] = n;
	return n;
}

struct frame {
	struct rrm_node *node;
	size_t cap;
};

static void append(struct frame *f, struct rrm_node *child)
{
	struct rrm_node *n = f->node;
	n->items = rrm_grow(n->items, &f->cap, n->n_items + 1, sizeof *n->items);
	n->items[n->n_items++] = child;
}

struct keyref {
	const struct rrm_node *key;
	size_t index;
};

static int keyref_cmp(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;
	size_t lx = x->key->value_len, ly = y->key->value_len;
	int c = memcmp(x->key->value, y->key->value, lx < ly ? lx : ly);
	if (c)
		return c;
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return x->index < y->index ? -1 : (x->index > y->index);
}

/* Marks every scalar key that repeats an earlier one; O(n log n). */
static void mark_duplicates(struct rrm_node *map)
{
	size_t pairs = map->n_items / 2, n = 0;
	if (pairs < 2)
		return;
	struct keyref *refs = rrm_malloc(pairs * sizeof *refs);
	for (size_t i = 0; i < pairs; i++) {
		struct rrm_node *k = map->items[2 * i];
		if (k->kind == RRM_NODE_SCALAR)
			refs[n++] = (struct keyref){k, i};
	}
	qsort(refs, n, sizeof *refs, keyref_cmp);
	for (size_t i = 1; i < n; i++) {
		const struct rrm_node *a = refs[i - 1].key, *b = refs[i].key;
		if (a->value_len == b->value_len && !memcmp(a->value, b->value, a->value_len))
			((struct rrm_node *)b)->duplicate = true;
	}
	free(refs);
}

static char *problem_message(const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "invalid YAML";
	if (p->context)
		return rrm_asprintf("%s %s", problem, p->context);
	return rrm_strdup(problem);
}

int rrm_yaml_parse(const char *text, size_t len, int first_line, struct rrm_ydoc *doc,
		   struct rrm_yaml_error *err)
{
	memset(doc, 0, sizeof *doc);
	err->message = NULL;
	err->line = first_line;
	err->column = 1;

	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		err->message = rrm_strdup("cannot initialise the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	struct locator loc = {text, len, first_line, 0, 0, first_line, 1};
	struct frame stack[RRM_YAML_MAX_DEPTH + 1];
	int depth = 0, documents = 0, rc = 0;
	bool done = false;
	while (!done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			err->message = problem_message(&parser);
			const yaml_mark_t *m = parser.problem ? &parser.problem_mark : &parser.mark;
			/* At the end of the text, point at what was left open instead. */
			if (parser.context && m->index >= rrm_utf8_count(text, len))
				m = &parser.context_mark;
			locate(&loc, m->index, &err->line, &err->column);
			rc = -1;
			break;
		}
		struct rrm_node *n = NULL;
		const yaml_mark_t *s = &ev.start_mark, *e = &ev.end_mark;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT: done = true; break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				err->message = rrm_strdup("more than one YAML document");
				locate(&loc, s->index, &err->line, &err->column);
				rc = -1;
				done = true;
			}
			break;
		case YAML_SCALAR_EVENT:
			n = new_node(doc, RRM_NODE_SCALAR, s, e, &loc);
			n->value = rrm_strndup((const char *)ev.data.scalar.value,
					       ev.data.scalar.length);
			n->value_len = ev.data.scalar.length;
			switch (ev.data.scalar.style) {
			case YAML_SINGLE_QUOTED_SCALAR_STYLE:
			case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = RRM_STYLE_QUOTED; break;
			case YAML_LITERAL_SCALAR_STYLE:
			case YAML_FOLDED_SCALAR_STYLE: n->style = RRM_STYLE_BLOCK; break;
			default: n->style = RRM_STYLE_PLAIN;
			}
			if (ev.data.scalar.tag)
				n->tag = rrm_strdup((const char *)ev.data.scalar.tag);
			break;
		case YAML_ALIAS_EVENT:
			n = new_node(doc, RRM_NODE_ALIAS, s, e, &loc);
			n->value = rrm_strdup((const char *)ev.data.alias.anchor);
			n->value_len = strlen(n->value);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			n = new_node(doc,
				     ev.type == YAML_SEQUENCE_START_EVENT ? RRM_NODE_SEQ
									  : RRM_NODE_MAP,
				     s, e, &loc);
			{
				yaml_char_t *tag = ev.type == YAML_SEQUENCE_START_EVENT
							   ? ev.data.sequence_start.tag
							   : ev.data.mapping_start.tag;
				if (tag)
					n->tag = rrm_strdup((const char *)tag);
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth > 0) {
				struct rrm_node *c = stack[--depth].node;
				locate(&loc, e->index, &c->end_line, &c->end_column);
				if (c->kind == RRM_NODE_MAP)
					mark_duplicates(c);
			}
			break;
		default: break;
		}
		if (n) {
			if (depth > 0)
				append(&stack[depth - 1], n);
			else if (!doc->root)
				doc->root = n;
			if (n->kind == RRM_NODE_SEQ || n->kind == RRM_NODE_MAP) {
				if (depth == RRM_YAML_MAX_DEPTH) {
					err->message = rrm_asprintf("nesting deeper than %d levels",
								    RRM_YAML_MAX_DEPTH);
					err->line = n->line;
					err->column = n->column;
					rc = -1;
					done = true;
				} else {
					stack[depth++] = (struct frame){n, 0};
				}
			}
			if (doc->n_all > RRM_YAML_MAX_NODES && rc == 0) {
				err->message =
					rrm_asprintf("more than %d YAML nodes", RRM_YAML_MAX_NODES);
				err->line = n->line;
				err->column = n->column;
				rc = -1;
				done = true;
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (rc != 0)
		rrm_ydoc_release(doc);
	return rc;
}

void rrm_ydoc_release(struct rrm_ydoc *doc)
{
	for (size_t i = 0; i < doc->n_all; i++) {
		struct rrm_node *n = doc->all[i];
		free(n->value);
		free(n->tag);
		free(n->items);
		free(n);
	}
	free(doc->all);
	memset(doc, 0, sizeof *doc);
}

void rrm_yaml_error_release(struct rrm_yaml_error *err)
{
	free(err->message);
	err->message = NULL;
}

struct rrm_node *rrm_node_get(const struct rrm_node *map, const char *key)
{
	if (!map || map->kind != RRM_NODE_MAP)
		return NULL;
	size_t kl = strlen(key);
	for (size_t i = 0; i + 1 < map->n_items; i += 2) {
		const struct rrm_node *k = map->items[i];
		if (k->kind == RRM_NODE_SCALAR && k->value_len == kl && !memcmp(k->value, key, kl))
			return map->items[i + 1];
	}
	return NULL;
}

static bool all_digits(const char *s, int (*pred)(int))
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!pred((unsigned char)*s))
			return false;
	return true;
}

static int is_octal(int c)
{
	return c >= '0' && c <= '7';
}

static bool is_float(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	if (!strcmp(s, ".inf") || !strcmp(s, ".Inf") || !strcmp(s, ".INF"))
		return true;
	bool digits = false;
	while (isdigit((unsigned char)*s))
		s++, digits = true;
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s))
			s++, digits = true;
	}
	if (!digits)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!isdigit((unsigned char)*s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *s == '\0';
}

static bool looks_like_timestamp(const char *s)
{
	int i = 0;
	for (; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	if (s[i++] != '-')
		return false;
	int d = 0;
	while (isdigit((unsigned char)s[i]))
		i++, d++;
	if (d < 1 || d > 2 || s[i++] != '-')
		return false;
	d = 0;
	while (isdigit((unsigned char)s[i]))
		i++, d++;
	if (d < 1 || d > 2)
		return false;
	return s[i] == '\0' || s[i] == 'T' || s[i] == 't' || s[i] == ' ' || s[i] == '\t';
}

enum rrm_scalar_type rrm_scalar_type(const struct rrm_node *n)
{
	if (n->tag) {
		const char *t = n->tag;
		const char *p = "tag:yaml.org,2002:";
		if (!strncmp(t, p, strlen(p))) {
			t += strlen(p);
			if (!strcmp(t, "null"))
				return RRM_SCALAR_NULL;
			if (!strcmp(t, "bool"))
				return RRM_SCALAR_BOOL;
			if (!strcmp(t, "int"))
				return RRM_SCALAR_INT;
			if (!strcmp(t, "float"))
				return RRM_SCALAR_FLOAT;
			if (!strcmp(t, "timestamp"))
				return RRM_SCALAR_TIMESTAMP;
			if (!strcmp(t, "binary")) /* base64 text standing for bytes */
				return RRM_SCALAR_BINARY;
		}
		return RRM_SCALAR_STRING;
	}
	if (n->style != RRM_STYLE_PLAIN)
		return RRM_SCALAR_STRING;
	const char *v = n->value;
	if (!*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") ||
	    !strcmp(v, "NULL"))
		return RRM_SCALAR_NULL;
	if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE") || !strcmp(v, "false") ||
	    !strcmp(v, "False") || !strcmp(v, "FALSE"))
		return RRM_SCALAR_BOOL;
	const char *d = (*v == '+' || *v == '-') ? v + 1 : v;
	if (all_digits(d, isdigit))
		return RRM_SCALAR_INT;
	if (!strncmp(v, "0o", 2) && all_digits(v + 2, is_octal))
		return RRM_SCALAR_INT;
	if (!strncmp(v, "0x", 2) && all_digits(v + 2, isxdigit))
		return RRM_SCALAR_INT;
	if (is_float(v) || !strcmp(v, ".nan") || !strcmp(v, ".NaN") || !strcmp(v, ".NAN"))
		return RRM_SCALAR_FLOAT;
	if (looks_like_timestamp(v))
		return RRM_SCALAR_TIMESTAMP;
	return RRM_SCALAR_STRING;
}

const char *rrm_node_type_name(const struct rrm_node *n)
{
	switch (n->kind) {
	case RRM_NODE_SEQ: return "list";
	case RRM_NODE_MAP: return "map";
	case RRM_NODE_ALIAS: return "alias";
	case RRM_NODE_SCALAR: break;
	}
	switch (rrm_scalar_type(n)) {
	case RRM_SCALAR_NULL: return "null";
	case RRM_SCALAR_BOOL: return "bool";
	case RRM_SCALAR_INT: return "int";
	case RRM_SCALAR_FLOAT: return "number";
	case RRM_SCALAR_TIMESTAMP: return "date";
	case RRM_SCALAR_BINARY: return "binary data";
	case RRM_SCALAR_STRING: break;
	}
	return "string";
}

char *rrm_yaml_quote(const char *value)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addc(&b, '"');
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		switch (*p) {
		case '"': rrm_buf_adds(&b, "\\\""); break;
		case '\\': rrm_buf_adds(&b, "\\\\"); break;
		case '\n': rrm_buf_adds(&b, "\\n"); break;
		case '\r': rrm_buf_adds(&b, "\\r"); break;
		case '\t': rrm_buf_adds(&b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				rrm_buf_addf(&b, "\\x%02x", *p);
			} else if (*p < 0x80) {
				rrm_buf_addc(&b, (char)*p);
			} else {
				/*
				 * YAML does not allow C1 controls, U+FFFE or U+FFFF in a
				 * document and reads U+0085, U+2028 and U+2029 as line
				 * breaks (folded to a space in a quoted scalar), so those
				 * are escaped too; so is U+FEFF, a byte-order mark.
				 */
				int32_t cp;
				size_t w = rrm_utf8_decode((const char *)p,
							   strnlen((const char *)p, 4), &cp);
				if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
				    cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
					rrm_buf_addf(&b, cp <= 0xff ? "\\x%02x" : "\\u%04x",
						     (unsigned)cp);
				else
					rrm_buf_add(&b, (const char *)p, w);
				p += w - 1;
			}
		}
	}
	rrm_buf_addc(&b, '"');
	return rrm_buf_detach(&b);
}
