#include "lib/article.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

const char *rrm_cmark_version(void)
{
	return cmark_version_string();
}

void rrm_article_init(struct rrm_article *a)
{
	memset(a, 0, sizeof *a);
}

void rrm_article_release(struct rrm_article *a)
{
	free(a->path);
	free(a->source);
	free(a->line_starts);
	if (a->fm_parsed)
		rrm_ydoc_release(&a->fm_doc);
	rrm_yaml_error_release(&a->fm_error);
	for (size_t i = 0; i < a->n_headings; i++)
		free(a->headings[i].text);
	free(a->headings);
	for (size_t i = 0; i < a->n_prose; i++) {
		free(a->prose[i].text);
		free(a->prose[i].segs);
	}
	free(a->prose);
	for (size_t i = 0; i < a->n_directives; i++)
		free(a->directives[i].rules);
	free(a->directives);
	rrm_article_init(a);
}

/* Lines end at LF, CRLF or a lone CR, as in cmark and libyaml. */
static void build_line_map(struct rrm_article *a)
{
	size_t cap = 64, n = 0;
	size_t *starts = rrm_malloc(cap * sizeof *starts);
	starts[n++] = 0;
	const char *s = a->source;
	for (size_t i = 0; i < a->len; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= a->len || s[i + 1] != '\n'))) {
			starts = rrm_grow(starts, &cap, n + 1, sizeof *starts);
			starts[n++] = i + 1;
		}
	}
	a->line_starts = starts;
	a->n_lines = n;
}

void rrm_article_pos(const struct rrm_article *a, size_t offset, int *line, int *column)
{
	if (offset > a->len)
		offset = a->len;
	size_t lo = 0, hi = a->n_lines; /* find the last start <= offset */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	size_t start = a->line_starts[lo];
	*column = (int)rrm_utf8_count(a->source + start, offset - start) + 1;
}

/* End of line `i` (0-based), excluding its line break. */
static size_t line_end(const struct rrm_article *a, size_t i)
{
	size_t e = i + 1 < a->n_lines ? a->line_starts[i + 1] : a->len;
	while (e > a->line_starts[i] && (a->source[e - 1] == '\n' || a->source[e - 1] == '\r'))
		e--;
	return e;
}

size_t rrm_article_offset(const struct rrm_article *a, int line, int column)
{
	if (line < 1)
		return 0;
	if ((size_t)line > a->n_lines)
		return a->len;
	size_t i = (size_t)line - 1, off = a->line_starts[i], end = line_end(a, i);
	for (int c = 1; c < column && off < end; c++) {
		off++;
		while (off < end && ((unsigned char)a->source[off] & 0xc0) == 0x80)
			off++;
	}
	return off;
}

/* True when line i (0-based) is exactly `fence` with optional trailing blanks. */
static bool line_is(const struct rrm_article *a, size_t i, const char *fence)
{
	size_t s = a->line_starts[i], e = line_end(a, i), n = strlen(fence);
	if (e - s < n || memcmp(a->source + s, fence, n))
		return false;
	for (size_t k = s + n; k < e; k++)
		if (a->source[k] != ' ' && a->source[k] != '\t')
			return false;
	return true;
}

static void split_front_matter(struct rrm_article *a)
{
	a->fm_state = RRM_FM_NONE;
	a->body_begin = 0;
	if (a->n_lines == 0 || a->len == 0)
		return;
	if (line_is(a, 0, "+++")) {
		a->fm_state = RRM_FM_TOML;
		return;
	}
	if (!line_is(a, 0, "---")) {
		size_t s = 0, e = line_end(a, 0);
		while (s < e && (a->source[s] == ' ' || a->source[s] == '\t'))
			s++;
		if (s > 0 && e - s >= 3 && !memcmp(a->source + s, "---", 3))
			a->fm_state = RRM_FM_INDENTED;
		return;
	}
	a->fm_first_line = 2;
	a->fm_begin = a->n_lines > 1 ? a->line_starts[1] : a->len;
	for (size_t i = 1; i < a->n_lines; i++) {
		if (line_is(a, i, "---") || line_is(a, i, "...")) {
			a->fm_state = RRM_FM_YAML;
			a->fm_end = a->line_starts[i];
			a->fm_last_line = (int)i;
			a->body_begin = i + 1 < a->n_lines ? a->line_starts[i + 1] : a->len;
			return;
		}
	}
	a->fm_state = RRM_FM_UNTERMINATED;
	a->fm_end = a->len;
	a->fm_last_line = (int)a->n_lines;
}

static void add_heading(struct rrm_article *a, cmark_node *h)
{
	struct rrm_buf text;
	rrm_buf_init(&text);
	cmark_iter *it = cmark_iter_new(h);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *lit = cmark_node_get_literal(n);
			if (lit)
				rrm_buf_adds(&text, lit);
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			rrm_buf_addc(&text, ' ');
		}
	}
	cmark_iter_free(it);
	a->headings = rrm_grow(a->headings, &a->cap_headings, a->n_headings + 1,
			       sizeof *a->headings);
	struct rrm_heading *out = &a->headings[a->n_headings++];
	out->level = cmark_node_get_heading_level(h);
	out->line = cmark_node_get_start_line(h);
	size_t off = rrm_article_offset(a, out->line, 1) +
		     (size_t)(cmark_node_get_start_column(h) > 0 ? cmark_node_get_start_column(h) - 1 : 0);
	int l;
	rrm_article_pos(a, off, &l, &out->column);
	out->text = rrm_buf_detach(&text);
}

/* Prose being built for one leaf block. */
struct builder {
	struct rrm_buf text;
	struct rrm_segment *segs;
	size_t n_segs, cap_segs;
	bool open;
};

static void prose_begin(struct builder *b)
{
	rrm_buf_init(&b->text);
	b->segs = NULL;
	b->n_segs = b->cap_segs = 0;
	b->open = true;
}

static void prose_add(struct builder *b, const char *lit, size_t len, size_t src_begin,
		      size_t src_end)
{
	b->segs = rrm_grow(b->segs, &b->cap_segs, b->n_segs + 1, sizeof *b->segs);
	b->segs[b->n_segs++] = (struct rrm_segment){b->text.len, len, src_begin, src_end};
	rrm_buf_add(&b->text, lit, len);
}

static void prose_end(struct rrm_article *a, struct builder *b, bool front_matter)
{
	if (!b->open)
		return;
	b->open = false;
	if (b->n_segs == 0) {
		rrm_buf_release(&b->text);
		free(b->segs);
		return;
	}
	a->prose = rrm_grow(a->prose, &a->cap_prose, a->n_prose + 1, sizeof *a->prose);
	struct rrm_prose *p = &a->prose[a->n_prose++];
	p->len = b->text.len;
	p->text = rrm_buf_detach(&b->text);
	p->segs = b->segs;
	p->n_segs = b->n_segs;
	p->front_matter = front_matter;
}

/* Source byte range of a cmark node (cmark columns are 1-based bytes, end inclusive). */
static bool node_span(const struct rrm_article *a, cmark_node *n, size_t *begin, size_t *end)
{
	int sl = cmark_node_get_start_line(n), sc = cmark_node_get_start_column(n);
	int el = cmark_node_get_end_line(n), ec = cmark_node_get_end_column(n);
	if (sl < 1 || el < sl || (size_t)el > a->n_lines || sc < 1 || ec < 0)
		return false;
	size_t b = a->line_starts[sl - 1] + (size_t)(sc - 1);
	size_t e = a->line_starts[el - 1] + (size_t)ec;
	if (b > a->len || e > a->len || e < b)
		return false;
	*begin = b;
	*end = e;
	return true;
}

static void add_directives(struct rrm_article *a, const char *lit, int line)
{
	for (const char *p = lit; (p = strstr(p, "<!--"));) {
		const char *end = strstr(p + 4, "-->");
		if (!end)
			return;
		for (const char *q = lit; q < end; q++)
			if (*q == '\n' && q >= p)
				line++;
		const char *s = p + 4;
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		enum rrm_directive_kind kind;
		const char *w;
		if (!strncmp(s, "rrm-disable-next-line", 21))
			kind = RRM_DIRECTIVE_NEXT_LINE, w = s + 21;
		else if (!strncmp(s, "rrm-disable", 11))
			kind = RRM_DIRECTIVE_DISABLE, w = s + 11;
		else if (!strncmp(s, "rrm-enable", 10))
			kind = RRM_DIRECTIVE_ENABLE, w = s + 10;
		else {
			p = end + 3;
			continue;
		}
		if (w < end && *w != ' ' && *w != '\t' && *w != '\n') {
			p = end + 3;
			continue;
		}
		/* the rule list, blanks folded */
		struct rrm_buf rules;
		rrm_buf_init(&rules);
		for (const char *r = w; r < end;) {
			while (r < end && (*r == ' ' || *r == '\t' || *r == '\n' || *r == ','))
				r++;
			const char *e = r;
			while (e < end && *e != ' ' && *e != '\t' && *e != '\n' && *e != ',')
				e++;
			if (e > r) {
				if (rules.len)
					rrm_buf_addc(&rules, ' ');
				rrm_buf_add(&rules, r, (size_t)(e - r));
			}
			r = e;
		}
		a->directives = rrm_grow(a->directives, &a->cap_directives, a->n_directives + 1,
					 sizeof *a->directives);
		struct rrm_directive *d = &a->directives[a->n_directives++];
		d->kind = kind;
		d->line = line;
		if (rules.len) {
			d->rules = rrm_buf_detach(&rules);
		} else {
			d->rules = NULL;
			rrm_buf_release(&rules);
		}
		p = end + 3;
	}
}

/* An autolink: the link text is the URL itself. */
static bool is_autolink(cmark_node *link)
{
	cmark_node *child = cmark_node_first_child(link);
	if (!child || cmark_node_next(child) || cmark_node_get_type(child) != CMARK_NODE_TEXT)
		return false;
	const char *url = cmark_node_get_url(link), *text = cmark_node_get_literal(child);
	if (!url || !text)
		return false;
	return !strcmp(url, text) || (!strncmp(url, "mailto:", 7) && !strcmp(url + 7, text));
}

static void parse_body(struct rrm_article *a)
{
	/*
	 * cmark sees the front matter as blank lines, so that its line numbers
	 * and byte columns are the file's.
	 */
	char *copy = rrm_malloc(a->len + 1);
	memcpy(copy, a->source, a->len + 1);
	for (size_t i = 0; i < a->body_begin; i++)
		if (copy[i] != '\n' && copy[i] != '\r')
			copy[i] = ' ';
	cmark_node *doc = cmark_parse_document(copy, a->len, CMARK_OPT_DEFAULT);
	free(copy);
	if (!doc)
		return;
	struct builder b = {0};
	cmark_node *skip = NULL; /* inside an autolink: its text is not prose */
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (skip) {
			if (n == skip && ev == CMARK_EVENT_EXIT)
				skip = NULL;
			continue;
		}
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
			if (ev == CMARK_EVENT_ENTER) {
				prose_begin(&b);
				if (t == CMARK_NODE_HEADING)
					add_heading(a, n);
			} else {
				prose_end(a, &b, false);
			}
			continue;
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		size_t sb, se;
		switch (t) {
		case CMARK_NODE_TEXT:
			if (b.open) {
				const char *lit = cmark_node_get_literal(n);
				if (!node_span(a, n, &sb, &se))
					sb = se = b.n_segs ? b.segs[b.n_segs - 1].src_end : 0;
				prose_add(&b, lit, strlen(lit), sb, se);
			}
			break;
		case CMARK_NODE_CODE:
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			if (b.open)
				rrm_buf_addc(&b.text, ' ');
			break;
		case CMARK_NODE_HTML_INLINE:
			if (b.open)
				rrm_buf_addc(&b.text, ' ');
			add_directives(a, cmark_node_get_literal(n), cmark_node_get_start_line(n));
			break;
		case CMARK_NODE_HTML_BLOCK:
			add_directives(a, cmark_node_get_literal(n), cmark_node_get_start_line(n));
			break;
		case CMARK_NODE_LINK:
			if (is_autolink(n)) {
				skip = n;
				if (b.open)
					rrm_buf_addc(&b.text, ' ');
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	prose_end(a, &b, false);
	cmark_node_free(doc);
}

void rrm_article_add_field_prose(struct rrm_article *a, char *const *fields, size_t n)
{
	if (!a->fm_parsed || !a->fm_doc.root)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct rrm_node *v = rrm_node_get(a->fm_doc.root, fields[i]);
		if (!v)
			continue;
		size_t count = v->kind == RRM_NODE_SEQ ? v->n_items : 1;
		for (size_t k = 0; k < count; k++) {
			const struct rrm_node *s = v->kind == RRM_NODE_SEQ ? v->items[k] : v;
			if (s->kind != RRM_NODE_SCALAR || rrm_scalar_type(s) != RRM_SCALAR_STRING)
				continue;
			size_t sb = rrm_article_offset(a, s->line, s->column);
			size_t se = rrm_article_offset(a, s->end_line, s->end_column);
			if (s->style == RRM_STYLE_QUOTED && sb < se)
				sb++;
			struct builder b;
			prose_begin(&b);
			prose_add(&b, s->value, strlen(s->value), sb, se < sb ? sb : se);
			prose_end(a, &b, true);
		}
	}
}

/* Length of an entity "&...;" at s (at most `n` bytes), or 0. */
static size_t entity_len(const char *s, size_t n)
{
	size_t i = 1;
	while (i < n && i < 40 && (s[i] == '#' || (s[i] >= '0' && s[i] <= '9') ||
				  (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	return i < n && i > 1 && s[i] == ';' ? i + 1 : 0;
}

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

size_t rrm_article_locate(const struct rrm_article *a, const struct rrm_prose *p, size_t off)
{
	/* The segment holding `off` (or the last one before it). */
	size_t lo = 0;
	for (size_t i = 0; i < p->n_segs; i++)
		if (p->segs[i].text_off <= off)
			lo = i;
	const struct rrm_segment *g = &p->segs[lo];
	if (off > g->text_off + g->len)
		off = g->text_off + g->len;
	const char *lit = p->text + g->text_off, *src = a->source;
	size_t want = off - g->text_off, i = 0, j = g->src_begin, end = g->src_end;
	while (i < want && j < end) {
		if (src[j] == lit[i]) {
			i++, j++;
		} else if (src[j] == '\\' && j + 1 < end && src[j + 1] == lit[i]) {
			i++, j += 2;
		} else if (src[j] == '&' && entity_len(src + j, end - j)) {
			j += entity_len(src + j, end - j);
			i += utf8_len((unsigned char)lit[i]);
		} else {
			break;
		}
	}
	if (i == want)
		return j;
	/* Not aligned (a folded scalar, say): find the word's text instead. */
	size_t wl = 0;
	while (want + wl < g->len && ((unsigned char)lit[want + wl] >= 0x80 ||
				      (lit[want + wl] != ' ' && lit[want + wl] != '\n')))
		wl++;
	if (wl > 0) {
		for (size_t k = g->src_begin; k + wl <= end; k++)
			if (!memcmp(src + k, lit + want, wl))
				return k;
	}
	return g->src_begin;
}

static enum rrm_load_status process(struct rrm_article *a, unsigned flags)
{
	if (a->len >= 3 && !memcmp(a->source, "\xEF\xBB\xBF", 3)) {
		memmove(a->source, a->source + 3, a->len - 2);
		a->len -= 3;
		a->bom = 3;
	}
	build_line_map(a);
	size_t bad = rrm_utf8_check(a->source, a->len, &a->bad_is_nul);
	if (bad < a->len) {
		a->bad_offset = bad;
		return RRM_LOAD_ENCODING;
	}
	split_front_matter(a);
	if ((flags & RRM_ARTICLE_FRONT_MATTER) &&
	    (a->fm_state == RRM_FM_YAML)) {
		if (rrm_yaml_parse(a->source + a->fm_begin, a->fm_end - a->fm_begin,
				   a->fm_first_line, &a->fm_doc, &a->fm_error) == 0)
			a->fm_parsed = true;
	}
	if (flags & RRM_ARTICLE_BODY)
		parse_body(a);
	return RRM_LOAD_OK;
}

enum rrm_load_status rrm_article_load_mem(struct rrm_article *a, const char *path, const char *src,
					  size_t len, unsigned flags)
{
	rrm_article_init(a);
	a->path = rrm_strdup(path);
	a->source = rrm_strndup(src, len);
	a->len = len;
	if (len > RRM_MAX_FILE_SIZE)
		return RRM_LOAD_TOO_LARGE;
	return process(a, flags);
}

enum rrm_load_status rrm_article_load(struct rrm_article *a, const char *path, unsigned flags)
{
	rrm_article_init(a);
	a->path = rrm_strdup(path);
	int err;
	enum rrm_read_status st = rrm_read_file(path, RRM_MAX_FILE_SIZE, &a->source, &a->len, &err);
	if (st == RRM_READ_TOO_LARGE)
		return RRM_LOAD_TOO_LARGE;
	if (st != RRM_READ_OK) {
		a->err_errno = err;
		return RRM_LOAD_UNREADABLE;
	}
	return process(a, flags);
}
