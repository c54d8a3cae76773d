/*
 * fuzz_article - one article file, as rrm lint loads it: the split into
 * front matter and body, the front-matter tree (yaml.c), and the body
 * (cmark): headings, links, HTML ids, prose runs and rrm-disable comments.
 * Every position the article reports must lie inside the input and agree
 * with the line map; heading ids are made with every anchor algorithm.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "lib/anchor.h"
#include "lib/article.h"
#include "lib/util.h"

static const char *const FIELDS[] = {"title", "excerpt", "description", "summary", "tags"};

/* End of line `line` (1-based), before its line break. */
static size_t line_end(const struct rrm_article *a, int line)
{
	size_t i = (size_t)line - 1;
	size_t e = i + 1 < a->n_lines ? a->line_starts[i + 1] : a->len;
	while (e > a->line_starts[i] && (a->source[e - 1] == '\n' || a->source[e - 1] == '\r'))
		e--;
	return e;
}

/* A 1-based line and code-point column that names a place in the text. */
static void check_pos(const struct rrm_article *a, int line, int column, const char *what)
{
	CHECK(line >= 1 && (size_t)line <= a->n_lines, "%s: line %d of %zu", what, line,
	      a->n_lines);
	size_t s = a->line_starts[line - 1], e = line_end(a, line);
	int width = (int)rrm_utf8_count(a->source + s, e - s);
	CHECK(column >= 1 && column <= width + 1, "%s: %d:%d, the line has %d characters", what,
	      line, column, width);
	size_t off = rrm_article_offset(a, line, column);
	int l2, c2;
	rrm_article_pos(a, off, &l2, &c2);
	CHECK(l2 == line && c2 == column, "%s: %d:%d -> offset %zu -> %d:%d", what, line, column,
	      off, l2, c2);
}

/* A byte offset and the line and column reported with it. */
static void check_offset(const struct rrm_article *a, size_t off, int line, int column,
			 const char *what)
{
	CHECK(off <= a->len, "%s: offset %zu past the end %zu", what, off, a->len);
	int l, c;
	rrm_article_pos(a, off, &l, &c);
	CHECK(l == line && c == column, "%s: offset %zu is %d:%d, reported %d:%d", what, off, l, c,
	      line, column);
	check_pos(a, line, column, what);
}

static void check_line_map(const struct rrm_article *a)
{
	CHECK(a->source && a->source[a->len] == '\0', "source not NUL-terminated");
	CHECK(a->n_lines >= 1 && a->line_starts[0] == 0, "line map");
	for (size_t i = 1; i < a->n_lines; i++) {
		CHECK(a->line_starts[i] > a->line_starts[i - 1] && a->line_starts[i] <= a->len,
		      "line %zu starts at %zu", i + 1, a->line_starts[i]);
		char c = a->source[a->line_starts[i] - 1];
		CHECK(c == '\n' || c == '\r', "line %zu does not follow a line break", i + 1);
	}
	/* Code-point boundaries (about 512 of them) map to a line and column and back. */
	size_t stride = a->len / 512 + 1;
	for (size_t off = 0; off <= a->len; off += stride) {
		while (off < a->len && ((unsigned char)a->source[off] & 0xc0) == 0x80)
			off++;
		int l, c;
		rrm_article_pos(a, off, &l, &c);
		CHECK(l >= 1 && (size_t)l <= a->n_lines && c >= 1, "offset %zu -> %d:%d", off, l,
		      c);
		if (off <= line_end(a, l)) {
			size_t back = rrm_article_offset(a, l, c);
			CHECK(back == off, "offset %zu -> %d:%d -> %zu", off, l, c, back);
		}
	}
}

static void check_split(const struct rrm_article *a)
{
	switch (a->fm_state) {
	case RRM_FM_YAML:
		CHECK(a->fm_begin <= a->fm_end && a->fm_end <= a->body_begin &&
			      a->body_begin <= a->len,
		      "front matter %zu..%zu, body at %zu of %zu", a->fm_begin, a->fm_end,
		      a->body_begin, a->len);
		CHECK(a->fm_first_line == 2 && a->fm_last_line >= 1 &&
			      (size_t)a->fm_last_line < a->n_lines + 1,
		      "front-matter lines %d..%d", a->fm_first_line, a->fm_last_line);
		break;
	case RRM_FM_UNTERMINATED:
		CHECK(a->fm_begin <= a->fm_end && a->fm_end == a->len && a->body_begin == 0,
		      "unterminated front matter %zu..%zu", a->fm_begin, a->fm_end);
		break;
	default:
		CHECK(a->body_begin == 0 && !a->fm_parsed, "no front matter, yet body at %zu",
		      a->body_begin);
	}
}

static void check_node(const struct rrm_article *a, const struct rrm_node *n)
{
	const char *what = "front-matter node";
	check_pos(a, n->line, n->column, what);
	check_pos(a, n->end_line, n->end_column, "front-matter node end");
	CHECK(n->line < n->end_line || (n->line == n->end_line && n->column <= n->end_column),
	      "node %d:%d ends before it starts, at %d:%d", n->line, n->column, n->end_line,
	      n->end_column);
	size_t b = rrm_article_offset(a, n->line, n->column);
	size_t e = rrm_article_offset(a, n->end_line, n->end_column);
	CHECK(b >= a->fm_begin && e <= a->fm_end, "node %zu..%zu outside the front matter %zu..%zu",
	      b, e, a->fm_begin, a->fm_end);
	switch (n->kind) {
	case RRM_NODE_SCALAR:
	case RRM_NODE_ALIAS:
		CHECK(n->value && n->value[n->value_len] == '\0' &&
			      strlen(n->value) <= n->value_len,
		      "scalar value");
		CHECK(n->n_items == 0, "a scalar with items");
		break;
	case RRM_NODE_MAP:
		CHECK(n->n_items % 2 == 0, "a map with %zu items", n->n_items);
		/* fall through */
	case RRM_NODE_SEQ:
		CHECK(!n->value, "a collection with a value");
		for (size_t i = 0; i < n->n_items; i++)
			CHECK(n->items[i], "a NULL item");
		break;
	default: CHECK(0, "node kind %d", (int)n->kind);
	}
	(void)rrm_node_type_name(n);
	if (n->kind == RRM_NODE_SCALAR)
		(void)rrm_scalar_type(n);
}

static void check_front_matter(const struct rrm_article *a)
{
	if (a->fm_parsed) {
		CHECK(!a->fm_error.message, "parsed, with an error");
		for (size_t i = 0; i < a->fm_doc.n_all; i++)
			check_node(a, a->fm_doc.all[i]);
		if (a->fm_doc.root)
			(void)rrm_node_get(a->fm_doc.root, "title");
	} else if (a->fm_state == RRM_FM_YAML) {
		CHECK(a->fm_error.message, "not parsed, and no error");
		check_pos(a, a->fm_error.line, a->fm_error.column, "front-matter syntax error");
		CHECK(a->fm_error.line >= a->fm_first_line &&
			      a->fm_error.line <= a->fm_last_line + 1,
		      "syntax error on line %d, outside the front matter %d..%d", a->fm_error.line,
		      a->fm_first_line, a->fm_last_line);
	}
}

static void check_prose(const struct rrm_article *a, const struct rrm_prose *p)
{
	CHECK(p->text && p->text[p->len] == '\0' && p->n_segs > 0, "prose run");
	size_t last = 0;
	for (size_t i = 0; i < p->n_segs; i++) {
		const struct rrm_segment *g = &p->segs[i];
		CHECK(g->text_off >= last && g->text_off + g->len <= p->len,
		      "segment %zu: text %zu+%zu of %zu", i, g->text_off, g->len, p->len);
		CHECK(g->src_begin <= g->src_end && g->src_end <= a->len,
		      "segment %zu: source %zu..%zu of %zu", i, g->src_begin, g->src_end, a->len);
		if (!p->front_matter)
			CHECK(g->src_begin >= a->body_begin || g->src_begin == g->src_end,
			      "body prose at %zu, before the body %zu", g->src_begin,
			      a->body_begin);
		last = g->text_off;
	}
	/* Locate a word at every code point that follows a blank (at most 256). */
	size_t tries = 0;
	for (size_t off = 0; off <= p->len && tries < 256; off++) {
		if (off && p->text[off - 1] != ' ')
			continue;
		tries++;
		size_t at = rrm_article_locate(a, p, off);
		CHECK(at <= a->len, "word at %zu located at %zu, past the end %zu", off, at,
		      a->len);
		CHECK(at == a->len || ((unsigned char)a->source[at] & 0xc0) != 0x80,
		      "word at %zu located at %zu, inside a character", off, at);
	}
}

static void check_body(const struct rrm_article *a)
{
	for (size_t i = 0; i < a->n_headings; i++) {
		const struct rrm_heading *h = &a->headings[i];
		CHECK(h->text && h->text_hugo && h->text_gfm && h->text_typo && h->raw,
		      "heading text");
		CHECK(h->term ? h->level == 0 : h->level >= 1 && h->level <= 6, "heading level %d",
		      h->level);
		check_pos(a, h->line, h->column, "heading");
		CHECK(rrm_article_offset(a, h->line, h->column) >= a->body_begin,
		      "heading at %d:%d, in the front matter", h->line, h->column);
	}
	for (size_t i = 0; i < a->n_links; i++) {
		const struct rrm_link *l = &a->links[i];
		CHECK(l->dest, "link without destination");
		CHECK((unsigned)l->kind <= RRM_LINK_JEKYLL_POST_URL, "link kind");
		check_offset(a, l->offset, l->line, l->column, "link");
		CHECK(l->offset >= a->body_begin, "link at %zu, in the front matter", l->offset);
		CHECK(l->offset + l->len <= a->len, "link %zu+%zu past the end %zu", l->offset,
		      l->len, a->len);
		/* A destination rrm reads from the source as it is is found there. */
		bool raw = l->from_html || l->kind == RRM_LINK_REF ||
			   l->kind == RRM_LINK_HUGO_REF || l->kind == RRM_LINK_JEKYLL_LINK ||
			   l->kind == RRM_LINK_JEKYLL_POST_URL;
		size_t dl = strlen(l->dest);
		if (raw && (!l->from_html || l->len == dl))
			CHECK(l->len == dl && !memcmp(a->source + l->offset, l->dest, dl),
			      "link '%s' at %d:%d, the source there is '%.*s'", l->dest, l->line,
			      l->column, (int)l->len, a->source + l->offset);
	}
	for (size_t i = 0; i < a->n_html_ids; i++) {
		CHECK(a->html_ids[i].id && *a->html_ids[i].id, "empty html id");
		check_pos(a, a->html_ids[i].line, a->html_ids[i].column, "html id");
	}
	for (size_t i = 0; i < a->n_directives; i++) {
		const struct rrm_directive *d = &a->directives[i];
		CHECK(d->line >= 1 && (size_t)d->line <= a->n_lines, "directive on line %d of %zu",
		      d->line, a->n_lines);
		CHECK(!d->rules || *d->rules, "empty rule list");
	}
	for (size_t i = 0; i < a->n_prose; i++)
		check_prose(a, &a->prose[i]);
}

static void check_anchors(const struct rrm_article *a)
{
	size_t n = a->n_headings;
	char **ids = rrm_calloc(n + 1, sizeof *ids);
	bool *dup = rrm_calloc(n + 1, sizeof *dup);
	for (int alg = RRM_ANCHORS_HUGO; alg <= RRM_ANCHORS_GITHUB; alg++) {
		for (int terms = 0; terms < 2; terms++) {
			rrm_anchor_page((enum rrm_anchors)alg, terms, a->headings, n, ids, dup);
			for (size_t i = 0; i < n; i++) {
				if (ids[i])
					CHECK(strlen(ids[i]) < 65536, "id");
				CHECK(!dup[i] || ids[i], "a missing id marked as a duplicate");
				free(ids[i]);
				ids[i] = NULL;
			}
		}
	}
	free(ids);
	free(dup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	struct rrm_article a;
	unsigned all = RRM_ARTICLE_FRONT_MATTER | RRM_ARTICLE_BODY | RRM_ARTICLE_PROSE;
	enum rrm_load_status st = rrm_article_load_mem(&a, "fuzz.md", src, size, all);
	if (st == RRM_LOAD_ENCODING && a.bad_is_bom) { /* a BOM inside the front matter */
		CHECK(a.bad_offset + 3 <= a.len &&
			      !memcmp(a.source + a.bad_offset, "\xEF\xBB\xBF", 3),
		      "no BOM at %zu", a.bad_offset);
		rrm_article_release(&a);
		return 0;
	}
	if (st == RRM_LOAD_ENCODING) {
		bool nul;
		size_t bad = rrm_utf8_check(a.source, a.len, &nul);
		CHECK(bad == a.bad_offset && bad < a.len && nul == a.bad_is_nul,
		      "encoding fault at %zu, reported %zu", bad, a.bad_offset);
		rrm_article_release(&a);
		return 0;
	}
	CHECK(st == RRM_LOAD_OK, "load status %d", (int)st);
	CHECK(a.bom == 0 || a.bom == 3, "bom %zu", a.bom);
	CHECK(a.len + a.bom == size, "%zu bytes of %zu", a.len + a.bom, size);
	check_line_map(&a);
	check_split(&a);
	check_front_matter(&a);
	check_body(&a);
	size_t before = a.n_prose;
	rrm_article_add_field_prose(&a, (char *const *)FIELDS, sizeof FIELDS / sizeof *FIELDS);
	for (size_t i = before; i < a.n_prose; i++) {
		CHECK(a.prose[i].front_matter, "field prose");
		check_prose(&a, &a.prose[i]);
	}
	check_anchors(&a);

	/* The split does not depend on what else is asked for. */
	struct rrm_article b;
	CHECK(rrm_article_load_mem(&b, "fuzz.md", src, size, 0) == RRM_LOAD_OK, "reload");
	CHECK(b.fm_state == a.fm_state && b.fm_begin == a.fm_begin && b.fm_end == a.fm_end &&
		      b.body_begin == a.body_begin && b.n_lines == a.n_lines,
	      "the split differs without parsing");
	rrm_article_release(&b);
	rrm_article_release(&a);
	return 0;
}
