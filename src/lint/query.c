#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/anchor.h"
#include "lib/article.h"
#include "lib/jekyll.h"
#include "lib/map.h"
#include "lib/util.h"
#include "lint/engine.h"
#include "lint/lint.h"
#include "lint/query.h"

/* ---- 1. the link destination at an offset ---- */

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* A ``` or ~~~ fence line (up to three spaces before it): its character and length, else 0. */
static size_t fence_of(const char *s, size_t n, char *ch)
{
	size_t i = 0;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return 0;
	size_t k = i;
	while (k < n && s[k] == s[i])
		k++;
	if (k - i < 3)
		return 0;
	*ch = s[i];
	return k - i;
}

/* True when the line starting at `line` lies inside a fenced code block (fence lines too). */
static bool in_fence(const char *text, size_t line, size_t le)
{
	char open = 0;
	size_t open_len = 0;
	for (size_t p = 0; p < line;) {
		const char *nl = memchr(text + p, '\n', line - p);
		size_t e = nl ? (size_t)(nl - text) : line;
		size_t n = e - p;
		char ch;
		size_t f = fence_of(text + p, n, &ch);
		if (f && !open) {
			open = ch;
			open_len = f;
		} else if (f && ch == open && f >= open_len) {
			/* a closing fence has nothing after it but blanks */
			size_t k = 0;
			while (k < n && text[p + k] == ' ')
				k++;
			k += f;
			while (k < n && is_space(text[p + k]))
				k++;
			if (k == n)
				open = 0;
		}
		p = e + 1;
	}
	if (open)
		return true;
	char ch;
	return fence_of(text + line, le - line, &ch) != 0;
}

/* True when byte `at` of the line [b, ...) is inside a code span opened before it. */
static bool in_code_span(const char *text, size_t b, size_t at)
{
	size_t open = 0; /* the length of the open backtick run, 0: none */
	for (size_t i = b; i < at;) {
		if (text[i] == '\\' && !open && i + 1 < at) {
			i += 2;
			continue;
		}
		if (text[i] != '`') {
			i++;
			continue;
		}
		size_t k = i;
		while (k < at && text[k] == '`')
			k++;
		if (!open)
			open = k - i;
		else if (k - i == open)
			open = 0;
		i = k;
	}
	return open != 0;
}

/* Fills the end and '#' of a destination starting at `start` on a line ending at `le`. */
static void finish(const char *text, size_t le, size_t offset, struct rrm_query_link *x, size_t end,
		   bool closed)
{
	x->closed = closed;
	x->end = closed ? end : offset;
	if (x->end < offset)
		x->end = offset;
	(void)le;
	const char *h = memchr(text + x->start, '#', x->end - x->start);
	x->has_hash = h != NULL;
	x->hash = h ? (size_t)(h - text) : 0;
}

/* [text](dest: the last "](" of the line before `offset` whose destination reaches it. */
static bool inline_at(const char *text, size_t b, size_t le, size_t offset,
		      struct rrm_query_link *x)
{
	size_t open = SIZE_MAX;
	for (size_t i = offset; i > b + 1; i--)
		if (text[i - 1] == '(' && text[i - 2] == ']') {
			open = i - 2;
			break;
		}
	if (open == SIZE_MAX)
		return false;
	size_t s = open + 2;
	bool angle = s < le && text[s] == '<';
	if (angle && offset > s)
		s++;
	/* between the start and the offset: no blank, no ')' that closes it */
	int depth = 0;
	for (size_t i = s; i < offset; i++) {
		char ch = text[i];
		if (angle ? ch == '>' : is_space(ch))
			return false;
		if (!angle && ch == '(')
			depth++;
		if (!angle && ch == ')' && depth-- == 0)
			return false;
	}
	/* the text's opening '[' (brackets balanced), and a '!' before it */
	int br = 0;
	size_t lb = SIZE_MAX;
	for (size_t i = open; i > b; i--) {
		char ch = text[i - 1];
		if (ch == ']')
			br++;
		else if (ch == '[' && br-- == 0) {
			lb = i - 1;
			break;
		}
	}
	if (lb == SIZE_MAX)
		return false;
	x->form = RRM_QUERY_INLINE;
	x->kind = lb > b && text[lb - 1] == '!' ? RRM_QUERY_IMAGE : RRM_QUERY_LINK;
	x->start = s;
	/* its end: ')' at depth 0 (or '>'), a blank; unfinished at the line end */
	size_t e = offset;
	bool closed = false;
	for (; e < le; e++) {
		char ch = text[e];
		if (angle ? ch == '>' : is_space(ch)) {
			/* a title follows: closed only if a ')' comes later on the line */
			closed = angle || memchr(text + e, ')', le - e) != NULL;
			break;
		}
		if (!angle && ch == '(')
			depth++;
		if (!angle && ch == ')' && depth-- == 0) {
			closed = true;
			break;
		}
	}
	finish(text, le, offset, x, e, closed);
	return true;
}

static bool word_before(const char *text, size_t b, size_t at, const char *w)
{
	size_t n = strlen(w);
	return at >= b + n && !strncasecmp(text + at - n, w, n) &&
	       (at == b + n || is_space(text[at - n - 1]));
}

/* <a ... href="dest or <img ... src="dest */
static bool html_at(const char *text, size_t b, size_t le, size_t offset, struct rrm_query_link *x)
{
	for (size_t q = offset; q > b; q--) {
		char quote = text[q - 1];
		if (quote != '"' && quote != '\'')
			continue;
		size_t eq = q - 1;
		if (eq == b || text[eq - 1] != '=')
			return false; /* the last quote before the offset opens no attribute */
		bool href = word_before(text, b, eq - 1, "href");
		bool src = word_before(text, b, eq - 1, "src");
		if (!href && !src)
			return false;
		if (memchr(text + q, quote, offset - q))
			return false;
		/* the tag: the last '<' before the attribute, and its name */
		size_t lt = SIZE_MAX;
		for (size_t i = eq; i > b; i--)
			if (text[i - 1] == '<') {
				lt = i - 1;
				break;
			} else if (text[i - 1] == '>') {
				return false;
			}
		if (lt == SIZE_MAX)
			return false;
		const char *t = text + lt + 1;
		size_t tl = 0;
		while (lt + 1 + tl < eq && isalpha((unsigned char)t[tl]))
			tl++;
		bool a = tl == 1 && (t[0] == 'a' || t[0] == 'A') && href;
		bool img = tl == 3 && !strncasecmp(t, "img", 3) && src;
		if (!a && !img)
			return false;
		x->form = RRM_QUERY_HTML;
		x->kind = img ? RRM_QUERY_IMAGE : RRM_QUERY_LINK;
		x->start = q;
		const char *close = memchr(text + offset, quote, le - offset);
		finish(text, le, offset, x, close ? (size_t)(close - text) : le, close != NULL);
		return true;
	}
	return false;
}

/* [label]: dest */
static bool refdef_at(const char *text, size_t b, size_t le, size_t offset,
		      struct rrm_query_link *x)
{
	size_t i = b;
	while (i < le && i - b < 3 && text[i] == ' ')
		i++;
	if (i >= le || text[i] != '[' || (i + 1 < le && text[i + 1] == '^'))
		return false;
	size_t k = i + 1;
	while (k < le && text[k] != ']' && text[k] != '[')
		k++;
	if (k + 1 >= le || text[k] != ']' || text[k + 1] != ':' || k == i + 1)
		return false;
	size_t s = k + 2;
	while (s < le && (text[s] == ' ' || text[s] == '\t'))
		s++;
	bool angle = s < le && text[s] == '<';
	if (angle)
		s++;
	if (offset < s)
		return false;
	size_t e = s;
	while (e < le && !(angle ? text[e] == '>' : is_space(text[e])))
		e++;
	if (offset > e)
		return false;
	x->form = RRM_QUERY_REFDEF;
	x->kind = RRM_QUERY_LINK;
	x->start = s;
	finish(text, le, offset, x, e, true);
	return true;
}

/* The line holding `offset`: its first byte *b and its end *le (before CR LF); false when
 * the offset is past the text or on the line's end bytes. */
static bool line_of(const char *text, size_t len, size_t offset, size_t *b, size_t *le)
{
	if (!text || offset > len)
		return false;
	*b = offset;
	while (*b > 0 && text[*b - 1] != '\n')
		(*b)--;
	const char *nl = memchr(text + offset, '\n', len - offset);
	*le = nl ? (size_t)(nl - text) : len;
	if (*le > *b && text[*le - 1] == '\r')
		(*le)--;
	return offset <= *le;
}

bool rrm_query_link_at(const char *text, size_t len, size_t offset, struct rrm_query_link *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	size_t b, le;
	if (!line_of(text, len, offset, &b, &le))
		return false;
	struct rrm_query_link best = {0}, x;
	bool found = false;
	if (inline_at(text, b, le, offset, &x)) {
		best = x;
		found = true;
	}
	if (html_at(text, b, le, offset, &x) && (!found || x.start > best.start)) {
		best = x;
		found = true;
	}
	if (!found && refdef_at(text, b, le, offset, &x)) {
		best = x;
		found = true;
	}
	if (!found || in_code_span(text, b, best.start) || in_fence(text, b, le))
		return false;
	*ctx = best;
	return true;
}

/* The destination of the definition of reference `label` (case and blanks ignored), if any. */
static bool refdef_of(const char *text, size_t len, const char *label, size_t n,
		      struct rrm_query_link *x)
{
	for (size_t b = 0; b < len;) {
		const char *nl = memchr(text + b, '\n', len - b);
		size_t next = nl ? (size_t)(nl - text) + 1 : len;
		size_t le = nl ? (size_t)(nl - text) : len;
		if (le > b && text[le - 1] == '\r')
			le--;
		size_t i = b;
		while (i < le && i - b < 3 && text[i] == ' ')
			i++;
		if (i + n + 2 < le && text[i] == '[' && !strncasecmp(text + i + 1, label, n) &&
		    text[i + n + 1] == ']' && text[i + n + 2] == ':') {
			size_t s = i + n + 3;
			while (s < le && (text[s] == ' ' || text[s] == '\t'))
				s++;
			if (s < le && text[s] == '<')
				s++;
			if (refdef_at(text, b, le, s, x) && !in_fence(text, b, le))
				return true;
		}
		b = next;
	}
	return false;
}

bool rrm_query_link_around(const char *text, size_t len, size_t offset, struct rrm_query_link *ctx)
{
	if (rrm_query_link_at(text, len, offset, ctx)) {
		/* an unfinished destination runs to a blank or the line's end */
		while (!ctx->closed && ctx->end < len && !is_space(text[ctx->end]) &&
		       !strchr(")\"'>", text[ctx->end]))
			ctx->end++;
		return true;
	}
	memset(ctx, 0, sizeof *ctx);
	size_t b, le;
	if (!line_of(text, len, offset, &b, &le) || in_fence(text, b, le))
		return false;
	/* the '[' that opens the bracket the offset is in (or on) */
	size_t lb = SIZE_MAX;
	int depth = 0;
	for (size_t i = offset < le ? offset + 1 : le; i > b; i--) {
		char ch = text[i - 1];
		if (ch == ']' && i - 1 != offset)
			depth++;
		else if (ch == '[' && depth-- == 0) {
			lb = i - 1;
			break;
		}
	}
	if (lb == SIZE_MAX || in_code_span(text, b, lb))
		return false;
	size_t rb = lb + 1;
	for (depth = 0; rb < le; rb++)
		if (text[rb] == '[')
			depth++;
		else if (text[rb] == ']' && depth-- == 0)
			break;
	if (rb >= le || rb + 1 < offset)
		return false;
	if (rb + 1 < le && text[rb + 1] == '(') {
		struct rrm_query_link x;
		if (!rrm_query_link_at(text, len, rb + 2, &x) || !x.closed)
			return false;
		*ctx = x;
		return true;
	}
	const char *label = text + lb + 1;
	size_t n = rb - lb - 1;
	if (rb + 1 < le && text[rb + 1] == '[') { /* [text][label]: the label, or [label][] */
		const char *close = memchr(text + rb + 2, ']', le - rb - 2);
		if (close && close > text + rb + 2) {
			label = text + rb + 2;
			n = (size_t)(close - label);
		}
	}
	if (!n || !refdef_of(text, len, label, n, ctx))
		return false;
	ctx->kind = lb > b && text[lb - 1] == '!' ? RRM_QUERY_IMAGE : RRM_QUERY_LINK;
	return true;
}

/* ---- 5. headings ---- */

/* A 1-based byte column of the line of `offset`. */
static int byte_column(const struct rrm_article *a, size_t offset)
{
	int line, col;
	rrm_article_pos(a, offset, &line, &col);
	size_t ls = line >= 1 && (size_t)line <= a->n_lines ? a->line_starts[line - 1] : 0;
	return (int)(offset - ls + (line == 1 ? a->bom : 0)) + 1;
}

/* The ids of the article's headings, as the index makes them (run.c). */
static char **heading_ids(const struct rrm_config *c, const struct rrm_article *a)
{
	char **ids = rrm_calloc(a->n_headings + 1, sizeof *ids);
	bool *dup = rrm_calloc(a->n_headings + 1, sizeof *dup);
	rrm_anchor_page(c->anchors, c->definition_ids, a->headings, a->n_headings, ids, dup);
	if (c->jekyll)
		rrm_anchor_kramdown_options(c->anchors, a->headings, a->n_headings, ids,
					    c->jekyll->auto_ids, c->jekyll->auto_id_prefix);
	for (size_t i = 0; i < a->n_headings; i++)
		if (ids[i] && dup[i]) { /* a link reaches only the first: keep that one */
			free(ids[i]);
			ids[i] = NULL;
		}
	free(dup);
	return ids;
}

static bool load_text(const struct rrm_config *c, struct rrm_article *a, const char *text,
		      size_t len, unsigned flags)
{
	struct rrm_render r = rrm_lint_render(c);
	return rrm_article_load_mem_with(a, "", text ? text : "", text ? len : 0, flags, &r) ==
	       RRM_LOAD_OK;
}

void rrm_query_headings(const struct rrm_config *c, const char *text, size_t len,
			struct rrm_query_headings *out)
{
	memset(out, 0, sizeof *out);
	struct rrm_article a;
	if (!load_text(c, &a, text, len, RRM_ARTICLE_BODY)) {
		rrm_article_release(&a);
		return;
	}
	char **ids = heading_ids(c, &a);
	out->v = rrm_calloc(a.n_headings + 1, sizeof *out->v);
	for (size_t i = 0; i < a.n_headings; i++) {
		const struct rrm_heading *h = &a.headings[i];
		struct rrm_query_heading *q = &out->v[out->n++];
		q->level = h->level;
		q->text = rrm_strdup(h->text ? h->text : "");
		q->id = ids[i] && !rrm_anchor_is_pattern(ids[i]) ? ids[i] : NULL;
		if (!q->id)
			free(ids[i]);
		q->line = h->line;
		q->end_line = h->end_line ? h->end_line : h->line;
		size_t off = rrm_article_offset(&a, h->line, h->column);
		q->offset = rrm_article_file_offset(&a, off);
		q->column = byte_column(&a, off);
		if ((size_t)q->end_line > a.n_lines)
			q->end_line = (int)a.n_lines;
		/* cmark may count a blank line after a setext underline */
		while (q->end_line > q->line && rrm_article_line_end(&a, (size_t)q->end_line - 1) ==
							a.line_starts[q->end_line - 1])
			q->end_line--;
		size_t el = (size_t)q->end_line - 1;
		size_t end = rrm_article_line_end(&a, el);
		q->end_column = end >= a.line_starts[el]
					? (int)(end - a.line_starts[el] + (el ? 0 : a.bom)) + 1
					: 1;
		if (h->term && q->end_line == q->line && q->end_column < q->column)
			q->end_column = q->column;
	}
	free(ids);
	rrm_article_release(&a);
}

void rrm_query_headings_release(struct rrm_query_headings *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].text);
		free(h->v[i].id);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

/* ---- 3. where a destination leads ---- */

static const struct rrm_node *fm_root(const struct rrm_article *a)
{
	return a->fm_parsed && a->fm_doc.root && a->fm_doc.root->kind == RRM_NODE_MAP
		       ? a->fm_doc.root
		       : NULL;
}

/* The front matter's title (a non-empty string), or NULL. */
static char *title_of(const struct rrm_article *a)
{
	const struct rrm_node *t = rrm_node_get(fm_root(a), "title");
	return t && t->kind == RRM_NODE_SCALAR && t->value && t->value[0] ? rrm_strdup(t->value)
									  : NULL;
}

/* The title of the article at `abs`, read from its front matter, or NULL. */
static char *file_title(const char *abs)
{
	struct rrm_article a;
	char *t = NULL;
	if (rrm_article_load(&a, abs, RRM_ARTICLE_FRONT_MATTER) == RRM_LOAD_OK)
		t = title_of(&a);
	rrm_article_release(&a);
	return t;
}

/* Where the heading or element with id `id` is in `a`: line and byte column, else 0, 0. */
static void find_anchor(const struct rrm_config *c, const struct rrm_article *a, const char *id,
			int *line, int *column)
{
	*line = *column = 0;
	char **ids = heading_ids(c, a);
	size_t off = SIZE_MAX;
	for (size_t i = 0; i < a->n_headings && off == SIZE_MAX; i++)
		if (ids[i] && (rrm_anchor_is_pattern(ids[i]) ? rrm_anchor_match(ids[i], id)
							     : !strcmp(ids[i], id)))
			off = rrm_article_offset(a, a->headings[i].line, a->headings[i].column);
	for (size_t i = 0; i < a->n_headings; i++)
		free(ids[i]);
	free(ids);
	for (size_t i = 0; i < a->n_html_ids && off == SIZE_MAX; i++)
		if (rrm_lint_is_anchor(c, &a->html_ids[i]) && !strcmp(a->html_ids[i].id, id))
			off = rrm_article_offset(a, a->html_ids[i].line, a->html_ids[i].column);
	if (off == SIZE_MAX)
		return;
	rrm_article_pos(a, off, line, column);
	*column = byte_column(a, off);
}

/* The title, and the place of `t->anchor`, from the article `a` (loaded with its body). */
static void describe(const struct rrm_config *c, const struct rrm_article *a,
		     struct rrm_query_target *t)
{
	t->title = title_of(a);
	if (t->anchor && t->anchor[0])
		find_anchor(c, a, t->anchor, &t->line, &t->column);
}

/* The document's path from the site root, normalised (a new string), or NULL when outside. */
static char *doc_rel(const struct rrm_config *c, const char *doc_path)
{
	char *abs = rrm_path_absolute(doc_path ? doc_path : "", c->root);
	char *rel = rrm_path_is_under(abs, c->root) ? rrm_path_relative(abs, c->root) : NULL;
	free(abs);
	return rel;
}

/* The linking document as the link checks see it. */
static void doc_linted(const struct rrm_site *site, const char *rel, struct rrm_linted *from)
{
	memset(from, 0, sizeof *from);
	from->display = (char *)rel;
	from->file = (char *)rel;
	size_t page;
	from->page = rrm_site_find_file(site, rel, &page) == RRM_TARGET_PAGE ? (long)page : -1;
	from->draft = from->page >= 0 && site->pages[page].draft;
}

/* Where `dest`, written in the document `rel`, leads: as the link checks resolve it. */
static void link_target(const struct rrm_config *c, const struct rrm_site *site, const char *rel,
			const char *dest, bool image, struct rrm_link_target *lt)
{
	struct rrm_linted from;
	doc_linted(site, rel, &from);
	struct rrm_link l = {.kind = image ? RRM_LINK_IMAGE : RRM_LINK_LINK,
			     .dest = (char *)dest,
			     .line = 1,
			     .column = 1};
	rrm_lint_link_target(c, site, &from, &l, lt);
}

/* The file that serves root-absolute URL path `url`: in static_dir, content_dir or the root. */
static char *served_file(const struct rrm_config *c, const char *url)
{
	const char *dirs[] = {c->static_dir, c->content_dir, "."};
	for (size_t i = 0; i < 3; i++) {
		if (!dirs[i])
			continue;
		char *d = rrm_path_join(c->root, dirs[i]);
		char *j = rrm_asprintf("%s/%s", d, url[0] == '/' ? url + 1 : url);
		char *f = rrm_path_normalize(j);
		free(j);
		struct stat st;
		bool ok = rrm_path_is_under(f, d) && stat(f, &st) == 0 && S_ISREG(st.st_mode);
		free(d);
		if (ok)
			return f;
		free(f);
	}
	return NULL;
}

void rrm_query_target_release(struct rrm_query_target *t)
{
	free(t->file);
	free(t->url);
	free(t->title);
	free(t->anchor);
	memset(t, 0, sizeof *t);
}

/* A link's fragment (after '#'), percent-decoded, or NULL when it has none. */
static char *fragment_of(const char *dest)
{
	const char *h = strchr(dest, '#');
	return h ? rrm_lint_percent_decode(h + 1, strlen(h + 1)) : NULL;
}

enum rrm_query_target_kind rrm_query_resolve(const struct rrm_config *c,
					     const struct rrm_site *site, const char *doc_path,
					     const char *text, size_t len, const char *dest,
					     bool image, struct rrm_query_target *t)
{
	memset(t, 0, sizeof *t);
	if (!dest || !site)
		return RRM_QUERY_NONE;
	t->anchor = fragment_of(dest); /* percent-decoded, as the link checks read it */
	char *rel = doc_rel(c, doc_path);
	struct rrm_article a;
	bool have_text = false;
	if (dest[0] == '#') { /* this document */
		t->kind = RRM_QUERY_TO_PAGE;
		t->file = rrm_path_absolute(doc_path ? doc_path : "", c->root);
		size_t page;
		if (rel && rrm_site_find_file(site, rel, &page) == RRM_TARGET_PAGE)
			t->url = rrm_strdup(site->pages[page].url);
		have_text =
			load_text(c, &a, text, len, RRM_ARTICLE_FRONT_MATTER | RRM_ARTICLE_BODY);
		if (have_text) {
			describe(c, &a, t);
			const struct rrm_node *d = rrm_node_get(fm_root(&a), "draft");
			t->draft = d && d->kind == RRM_NODE_SCALAR && d->value &&
				   !strcasecmp(d->value, "true");
		}
		rrm_article_release(&a);
		free(rel);
		return t->kind;
	}
	if (!rel) {
		rrm_query_target_release(t);
		return RRM_QUERY_NONE;
	}
	struct rrm_link_target lt;
	link_target(c, site, rel, dest, image, &lt);
	if (lt.kind == RRM_TARGET_PAGE) {
		const struct rrm_page *p = &site->pages[lt.page];
		t->kind = RRM_QUERY_TO_PAGE;
		t->file = rrm_path_join(c->root, p->file);
		t->url = rrm_strdup(p->url);
		t->draft = p->draft;
		t->alias = lt.alias;
		unsigned flags = RRM_ARTICLE_FRONT_MATTER | (t->anchor ? RRM_ARTICLE_BODY : 0);
		struct rrm_render r = rrm_lint_render(c);
		if (!strcmp(p->file, rel)) /* a link to itself: its text as typed */
			have_text = load_text(c, &a, text, len, flags);
		else
			have_text = rrm_article_load_with(&a, t->file, flags, &r) == RRM_LOAD_OK;
		if (have_text)
			describe(c, &a, t);
		rrm_article_release(&a);
	} else if (lt.kind == RRM_TARGET_FILE) {
		t->file = lt.file_path ? rrm_path_join(c->root, lt.path) : served_file(c, lt.path);
		if (!lt.file_path)
			t->url = rrm_strdup(lt.path);
		t->kind = t->file ? RRM_QUERY_TO_FILE : RRM_QUERY_NONE;
	}
	rrm_link_target_release(&lt);
	free(rel);
	if (t->kind == RRM_QUERY_NONE)
		rrm_query_target_release(t);
	return t->kind;
}

/* ---- 4. references ---- */

void rrm_query_refs_release(struct rrm_query_refs *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].file);
		free(r->v[i].line_text);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

static void add_ref(struct rrm_query_refs *out, size_t *cap, const char *abs, const char *text,
		    size_t len, int line, size_t off, size_t n)
{
	if (off > len)
		return;
	size_t ls = off;
	while (ls > 0 && text[ls - 1] != '\n' && text[ls - 1] != '\r')
		ls--;
	size_t le = off;
	while (le < len && text[le] != '\n' && text[le] != '\r')
		le++;
	if (off + n > le)
		n = le - off;
	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		out->v = rrm_realloc(out->v, *cap * sizeof *out->v);
	}
	struct rrm_query_ref *r = &out->v[out->n++];
	r->file = rrm_strdup(abs);
	r->line = line;
	r->column = (int)(off - ls) + 1;
	r->end_column = r->column + (int)n;
	r->line_text = rrm_strndup(text + ls, le - ls);
}

/* The links of the article `rel` (text, len) that lead to page `target` (and `anchor`). */
static void refs_in(const struct rrm_config *c, const struct rrm_site *site, const char *rel,
		    const char *text, size_t len, long target, const char *anchor,
		    struct rrm_query_refs *out, size_t *cap)
{
	/* a link to the anchor holds it (or its percent-encoded form) */
	bool ascii = true;
	for (const char *p = anchor; p && *p && ascii; p++)
		ascii = (unsigned char)*p < 0x80 && *p != '%';
	if (anchor && ascii && !memmem(text, len, anchor, strlen(anchor)))
		return;
	struct rrm_article a;
	struct rrm_render r = rrm_lint_render(c);
	if (rrm_article_load_mem_with(&a, rel, text, len, RRM_ARTICLE_BODY, &r) != RRM_LOAD_OK) {
		rrm_article_release(&a);
		return;
	}
	struct rrm_linted from;
	doc_linted(site, rel, &from);
	char *abs = rrm_path_join(c->root, rel);
	for (size_t i = 0; i < a.n_links; i++) {
		const struct rrm_link *l = &a.links[i];
		char *frag = fragment_of(l->dest);
		bool to_page;
		if (l->dest[0] == '#' && l->kind != RRM_LINK_JEKYLL_POST_URL) {
			to_page = from.page == target;
		} else {
			struct rrm_link_target lt;
			rrm_lint_link_target(c, site, &from, l, &lt);
			to_page = lt.kind == RRM_TARGET_PAGE && (long)lt.page == target;
			rrm_link_target_release(&lt);
		}
		if (to_page && (!anchor || (frag && !strcmp(frag, anchor))))
			add_ref(out, cap, abs, text, len, l->line,
				rrm_article_file_offset(&a, l->offset),
				l->len ? l->len : strlen(l->dest));
		free(frag);
	}
	free(abs);
	rrm_article_release(&a);
}

void rrm_query_references(const struct rrm_config *c, const struct rrm_site *site,
			  const char *target, const char *anchor, const struct rrm_query_text *open,
			  size_t n_open, struct rrm_query_refs *out)
{
	memset(out, 0, sizeof *out);
	char *trel = site ? doc_rel(c, target) : NULL;
	size_t tp;
	if (!trel || rrm_site_find_file(site, trel, &tp) != RRM_TARGET_PAGE) {
		free(trel);
		return;
	}
	size_t cap = 0;
	struct rrm_map done = {0};
	char **open_rel = rrm_calloc(n_open + 1, sizeof *open_rel);
	for (size_t i = 0; i < n_open; i++)
		open_rel[i] = doc_rel(c, open[i].path);
	for (size_t p = 0; p < site->n_pages; p++) {
		const char *rel = site->pages[p].file;
		struct rrm_map_entry *e = rrm_map_put(&done, rel, strlen(rel));
		if (e->value)
			continue;
		e->value = 1;
		size_t k;
		for (k = 0; k < n_open && (!open_rel[k] || strcmp(open_rel[k], rel)); k++)
			;
		if (k < n_open) {
			refs_in(c, site, rel, open[k].text, open[k].len, (long)tp, anchor, out,
				&cap);
			continue;
		}
		char *abs = rrm_path_join(c->root, rel), *text;
		size_t len;
		int err;
		if (rrm_read_file(abs, RRM_MAX_FILE_SIZE, &text, &len, &err) == RRM_READ_OK) {
			refs_in(c, site, rel, text, len, (long)tp, anchor, out, &cap);
			free(text);
		}
		free(abs);
	}
	/* open documents the index does not hold as pages (new, or not rendered) */
	for (size_t k = 0; k < n_open; k++) {
		if (!open_rel[k])
			continue;
		struct rrm_map_entry *e = rrm_map_put(&done, open_rel[k], strlen(open_rel[k]));
		if (e->value)
			continue;
		e->value = 1;
		refs_in(c, site, open_rel[k], open[k].text, open[k].len, (long)tp, anchor, out,
			&cap);
	}
	for (size_t i = 0; i < n_open; i++)
		free(open_rel[i]);
	free(open_rel);
	rrm_map_release(&done);
	free(trel);
}

/* ---- 2. completion ---- */

void rrm_query_items_release(struct rrm_query_items *it)
{
	for (size_t i = 0; i < it->n; i++) {
		free(it->v[i].label);
		free(it->v[i].detail);
	}
	free(it->v);
	memset(it, 0, sizeof *it);
}

/* A candidate: its label, group (sorted first) and where its detail comes from. */
struct cand {
	char *label;
	int group;    /* lower first: pages before files for links, images first for images */
	long page;    /* a page (its title read on demand), or -1 */
	char *detail; /* else the detail, or NULL */
	int match;    /* 0: starts with the typed text, 1: holds it elsewhere */
	enum rrm_query_item_kind kind;
};

struct cands {
	struct cand *v;
	size_t n, cap;
	const char *typed;
	size_t typed_len;
	struct rrm_map seen; /* labels already in */
};

/* Adds `label` (taken) when it matches what is typed and is not in yet. */
static void cand_add(struct cands *cs, char *label, int group, long page, char *detail,
		     enum rrm_query_item_kind kind)
{
	int match = -1;
	if (!strncmp(label, cs->typed, cs->typed_len))
		match = 0;
	else if (cs->typed_len) {
		char *l = rrm_utf8_casefold(label), *t = rrm_utf8_casefold(cs->typed);
		if (l && t && strstr(l, t))
			match = 1;
		free(l);
		free(t);
	}
	struct rrm_map_entry *e = match >= 0 ? rrm_map_put(&cs->seen, label, strlen(label)) : NULL;
	if (!e || e->value) {
		free(label);
		free(detail);
		return;
	}
	e->value = 1;
	cs->v = rrm_grow(cs->v, &cs->cap, cs->n + 1, sizeof *cs->v);
	cs->v[cs->n++] = (struct cand){label, group, page, detail, match, kind};
}

static int cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	if (a->match != b->match)
		return a->match - b->match;
	if (a->group != b->group)
		return a->group - b->group;
	return strcmp(a->label, b->label);
}

/* Sorts, caps at RRM_QUERY_MAX_ITEMS and fills `items` (titles read now). */
static void cands_emit(const struct rrm_config *c, const struct rrm_site *site, struct cands *cs,
		       struct rrm_query_items *items)
{
	if (cs->n)
		qsort(cs->v, cs->n, sizeof *cs->v, cand_cmp);
	size_t n = cs->n < RRM_QUERY_MAX_ITEMS ? cs->n : RRM_QUERY_MAX_ITEMS;
	items->incomplete = cs->n > n;
	items->v = rrm_calloc(n + 1, sizeof *items->v);
	for (size_t i = 0; i < cs->n; i++) {
		struct cand *k = &cs->v[i];
		if (i >= n) {
			free(k->label);
			free(k->detail);
			continue;
		}
		struct rrm_query_item *it = &items->v[items->n++];
		it->kind = k->kind;
		it->label = k->label;
		it->detail = k->detail;
		if (k->page >= 0) {
			const struct rrm_page *p = &site->pages[k->page];
			it->draft = p->draft;
			if (!it->detail) {
				char *abs = rrm_path_join(c->root, p->file);
				it->detail = file_title(abs);
				free(abs);
			}
			if (!it->detail)
				it->detail = rrm_strdup(p->file);
		}
	}
	free(cs->v);
	rrm_map_release(&cs->seen);
}

static bool is_image(const char *path)
{
	static const char *const ext[] = {".png",  ".jpg", ".jpeg", ".gif", ".svg", ".webp",
					  ".avif", ".ico", ".bmp",  ".tif", ".tiff"};
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return false;
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
		if (!strcasecmp(dot, ext[i]))
			return true;
	return false;
}

static bool md_path(const char *p, size_t n)
{
	return (n >= 3 && !strncmp(p + n - 3, ".md", 3)) ||
	       (n >= 9 && !strncmp(p + n - 9, ".markdown", 9));
}

/*
 * Whether the document's links are mostly relative .md paths (docs/x.md,
 * ../x.md) rather than root-absolute URLs: then pages are offered as
 * relative paths to their files, else as their URLs. A tie, and a document
 * with no such links, gets URLs.
 */
static bool mostly_relative_md(const struct rrm_config *c, const char *text, size_t len)
{
	struct rrm_article a;
	size_t rel = 0, abs = 0;
	if (load_text(c, &a, text, len, RRM_ARTICLE_BODY))
		for (size_t i = 0; i < a.n_links; i++) {
			const struct rrm_link *l = &a.links[i];
			if (l->kind != RRM_LINK_LINK && l->kind != RRM_LINK_REF)
				continue;
			const char *d = l->dest;
			size_t n = strcspn(d, "?#");
			if (d[0] == '/' && d[1] != '/')
				abs++;
			else if (n && !strchr(d, ':') && md_path(d, n))
				rel++;
		}
	rrm_article_release(&a);
	return rel > abs;
}

/* The prefix root-absolute URLs are written with: Jekyll's baseurl, or base_url if typed. */
static char *url_prefix(const struct rrm_config *c, const char *typed)
{
	if (c->base_url) {
		size_t bl = strlen(c->base_url);
		while (bl && c->base_url[bl - 1] == '/')
			bl--;
		if (bl && !strncmp(typed, c->base_url, bl))
			return rrm_strndup(c->base_url, bl);
	}
	if (c->jekyll && c->jekyll->baseurl)
		return rrm_strdup(c->jekyll->baseurl);
	return rrm_strdup("");
}

/* The folder of `rel` (a path from the root) as an absolute path. */
static char *abs_dir(const struct rrm_config *c, const char *rel)
{
	char *abs = rrm_path_join(c->root, rel);
	char *slash = strrchr(abs, '/');
	if (slash && slash != abs)
		*slash = '\0';
	return abs;
}

static void complete_pages(const struct rrm_config *c, const struct rrm_site *site, const char *rel,
			   const char *text, size_t len, struct cands *cs)
{
	bool relative = rel && mostly_relative_md(c, text, len);
	char *dir = rel ? abs_dir(c, rel) : NULL;
	char *prefix = url_prefix(c, cs->typed);
	for (size_t i = 0; i < site->n_pages; i++) {
		const struct rrm_page *p = &site->pages[i];
		if (rel && !strcmp(p->file, rel))
			continue; /* this document: its anchors are "#..." */
		char *label;
		if (relative) {
			char *abs = rrm_path_join(c->root, p->file);
			label = rrm_path_relative(abs, dir);
			free(abs);
		} else {
			if (!p->url || !p->url[0])
				continue;
			label = rrm_asprintf("%s%s", prefix, p->url);
		}
		cand_add(cs, label, 0, (long)i, NULL, RRM_QUERY_PAGE);
	}
	free(prefix);
	free(dir);
}

/* The site's files: their URLs, and paths relative to the document for those beside it. */
static void complete_files(const struct rrm_config *c, const struct rrm_site *site, const char *rel,
			   bool image, struct cands *cs)
{
	char *prefix = url_prefix(c, cs->typed);
	char *dir = rel ? abs_dir(c, rel) : NULL;
	for (size_t i = 0; i < site->files.cap; i++) {
		const struct rrm_map_entry *e = &site->files.v[i];
		if (!e->key)
			continue;
		int group = (image && !is_image(e->key)) || (!image && is_image(e->key)) ? 2 : 1;
		if (e->value == 2 && e->key[0] == '/') {
			cand_add(cs, rrm_asprintf("%s%s", prefix, e->key), group, -1, NULL,
				 RRM_QUERY_FILE);
		} else if (e->value == 1 && dir) {
			char *abs = rrm_path_join(c->root, e->key);
			if (rrm_path_is_under(abs, dir))
				cand_add(cs, rrm_path_relative(abs, dir), group - 1, -1,
					 rrm_strdup(e->key), RRM_QUERY_FILE);
			free(abs);
		}
	}
	/* a file's detail: its path from the root (served URLs keep theirs) */
	for (size_t i = 0; i < cs->n; i++)
		if (!cs->v[i].detail && cs->v[i].page < 0)
			cs->v[i].detail = rrm_strdup(cs->v[i].label);
	free(dir);
	free(prefix);
}

/* The anchors of `a` (headings, then HTML ids), the heading text as detail. */
static void complete_anchors_of(const struct rrm_config *c, const struct rrm_article *a,
				struct cands *cs)
{
	char **ids = heading_ids(c, a);
	for (size_t i = 0; i < a->n_headings; i++) {
		if (ids[i] && !rrm_anchor_is_pattern(ids[i]))
			cand_add(cs, ids[i], 0, -1,
				 rrm_strdup(a->headings[i].text ? a->headings[i].text : ""),
				 RRM_QUERY_ANCHOR);
		else
			free(ids[i]);
	}
	free(ids);
	for (size_t i = 0; i < a->n_html_ids; i++)
		if (rrm_lint_is_anchor(c, &a->html_ids[i]))
			cand_add(cs, rrm_strdup(a->html_ids[i].id), 1, -1, rrm_strdup("id"),
				 RRM_QUERY_ANCHOR);
}

/* The anchors of the page the target part leads to: the index's ids, details from its file. */
static void complete_page_anchors(const struct rrm_config *c, const struct rrm_site *site,
				  const char *doc_path, const char *rel, const char *text,
				  size_t len, const char *target, bool image, struct cands *cs)
{
	struct rrm_link_target lt;
	link_target(c, site, rel, target, image, &lt);
	if (lt.kind == RRM_TARGET_PAGE) {
		const struct rrm_page *p = &site->pages[lt.page];
		struct rrm_article a;
		struct rrm_render r = rrm_lint_render(c);
		char *abs = rrm_path_join(c->root, p->file);
		bool self = !strcmp(p->file, rel);
		bool ok =
			self ? load_text(c, &a, text, len, RRM_ARTICLE_BODY)
			     : rrm_article_load_with(&a, abs, RRM_ARTICLE_BODY, &r) == RRM_LOAD_OK;
		if (ok)
			complete_anchors_of(c, &a, cs);
		rrm_article_release(&a);
		/* the index's ids that the file does not show (snippets it includes) */
		for (size_t i = 0; !self && i < p->n_ids; i++)
			if (!rrm_anchor_is_pattern(p->ids[i]))
				cand_add(cs, rrm_strdup(p->ids[i]), 2, -1, rrm_strdup(p->file),
					 RRM_QUERY_ANCHOR);
		free(abs);
	}
	(void)doc_path;
	rrm_link_target_release(&lt);
}

void rrm_query_complete(const struct rrm_config *c, const struct rrm_site *site,
			const char *doc_path, const char *text, size_t len, size_t offset,
			const struct rrm_query_link *ctx, struct rrm_query_items *items)
{
	memset(items, 0, sizeof *items);
	if (!text || !ctx || ctx->start > len || ctx->end > len || ctx->start > ctx->end)
		return;
	if (offset < ctx->start)
		offset = ctx->start;
	if (offset > ctx->end)
		offset = ctx->end;
	bool anchor = ctx->has_hash && ctx->hash < offset;
	size_t from = anchor ? ctx->hash + 1 : ctx->start;
	items->from = from;
	items->to = !anchor && ctx->has_hash ? ctx->hash : ctx->end;
	char *typed = rrm_strndup(text + from, offset - from);
	struct cands cs = {.typed = typed, .typed_len = strlen(typed)};
	char *rel = doc_rel(c, doc_path);
	bool image = ctx->kind == RRM_QUERY_IMAGE;
	if (anchor) {
		char *target = rrm_strndup(text + ctx->start, ctx->hash - ctx->start);
		if (!target[0]) { /* this document */
			struct rrm_article a;
			if (load_text(c, &a, text, len, RRM_ARTICLE_BODY))
				complete_anchors_of(c, &a, &cs);
			rrm_article_release(&a);
		} else if (site && rel) {
			complete_page_anchors(c, site, doc_path, rel, text, len, target, image,
					      &cs);
		}
		free(target);
	} else if (site) {
		if (!image)
			complete_pages(c, site, rel, text, len, &cs);
		complete_files(c, site, rel, image, &cs);
	}
	if (site)
		cands_emit(c, site, &cs, items);
	else {
		for (size_t i = 0; i < cs.n; i++)
			cs.v[i].page = -1;
		struct rrm_site empty = {0};
		cands_emit(c, &empty, &cs, items);
	}
	free(rel);
	free(typed);
}
