#define _GNU_SOURCE /* memmem */
#include "lib/article.h"

#include <cmark.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/util.h"

const char *rrm_cmark_version(void)
{
	return cmark_version_string();
}

void rrm_article_init(struct rrm_article *a)
{
	memset(a, 0, sizeof *a);
}

/*
 * cmark's allocations through rrm's allocator: out of memory is rrm's clean
 * exit, not cmark's abort.
 */
static void *cmark_calloc(size_t n, size_t size)
{
	return rrm_calloc(n, size);
}

static void *cmark_realloc(void *p, size_t n)
{
	return rrm_realloc(p, n);
}

static cmark_mem rrm_cmark_mem = {cmark_calloc, cmark_realloc, free};

static cmark_node *parse_markdown(const char *text, size_t len, int options)
{
	cmark_parser *p = cmark_parser_new_with_mem(options, &rrm_cmark_mem);
	cmark_parser_feed(p, text, len);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

void rrm_article_release(struct rrm_article *a)
{
	free(a->path);
	free(a->source);
	free(a->line_starts);
	free(a->cp_marks);
	if (a->fm_parsed)
		rrm_ydoc_release(&a->fm_doc);
	rrm_yaml_error_release(&a->fm_error);
	for (size_t i = 0; i < a->n_headings; i++) {
		struct rrm_heading *h = &a->headings[i];
		free(h->text);
		free(h->text_hugo);
		free(h->text_gfm);
		free(h->text_typo);
		free(h->raw);
		free(h->ial_id);
	}
	free(a->headings);
	for (size_t i = 0; i < a->n_links; i++)
		free(a->links[i].dest);
	free(a->links);
	for (size_t i = 0; i < a->n_html_ids; i++)
		free(a->html_ids[i].id);
	free(a->html_ids);
	for (size_t i = 0; i < a->n_prose; i++) {
		free(a->prose[i].text);
		free(a->prose[i].segs);
	}
	free(a->prose);
	for (size_t i = 0; i < a->n_directives; i++)
		free(a->directives[i].rules);
	free(a->directives);
	for (size_t i = 0; i < a->n_includes; i++)
		free(a->includes[i]);
	free(a->includes);
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
	size_t marks = a->len / RRM_CP_STEP + 1;
	a->cp_marks = rrm_malloc(marks * sizeof *a->cp_marks);
	a->cp_marks[0] = 0;
	for (size_t k = 1; k < marks; k++)
		a->cp_marks[k] =
			a->cp_marks[k - 1] + rrm_utf8_count(s + (k - 1) * RRM_CP_STEP, RRM_CP_STEP);
}

/* Code points in source[0, offset). */
static size_t cp_before(const struct rrm_article *a, size_t offset)
{
	size_t k = offset / RRM_CP_STEP;
	return a->cp_marks[k] +
	       rrm_utf8_count(a->source + k * RRM_CP_STEP, offset - k * RRM_CP_STEP);
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
	/* a short way into the line: counted directly; a long line: from the marks */
	if (offset - start <= RRM_CP_STEP)
		*column = (int)rrm_utf8_count(a->source + start, offset - start) + 1;
	else
		*column = (int)(cp_before(a, offset) - cp_before(a, start)) + 1;
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

/* Typographer dashes and ellipses, as Hugo and kramdown render them. */
static void add_typographic(struct rrm_buf *b, const char *s)
{
	for (; *s; s++) {
		if (s[0] == '-' && s[1] == '-' && s[2] == '-') {
			rrm_buf_adds(b, "\xE2\x80\x94");
			s += 2;
		} else if (s[0] == '-' && s[1] == '-') {
			rrm_buf_adds(b, "\xE2\x80\x93");
			s += 1;
		} else if (s[0] == '.' && s[1] == '.' && s[2] == '.') {
			rrm_buf_adds(b, "\xE2\x80\xA6");
			s += 2;
		} else {
			rrm_buf_addc(b, *s);
		}
	}
}

/* Decodes one named entity ("&eacute;") with cmark itself. */
static void add_named_entity(struct rrm_buf *b, const char *ent, size_t n)
{
	cmark_node *doc = parse_markdown(ent, n, CMARK_OPT_DEFAULT);
	cmark_node *para = doc ? cmark_node_first_child(doc) : NULL;
	cmark_node *text = para ? cmark_node_first_child(para) : NULL;
	const char *lit = text ? cmark_node_get_literal(text) : NULL;
	if (lit)
		rrm_buf_adds(b, lit);
	else
		rrm_buf_add(b, ent, n);
	cmark_node_free(doc);
}

static bool is_ascii_punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	       (c >= '{' && c <= '~');
}

/* Hugo's text of a text node: escapes and named entities resolved, numeric ones kept. */
static void add_hugo_text(const struct rrm_article *a, cmark_node *n, struct rrm_buf *b)
{
	const char *lit = cmark_node_get_literal(n);
	size_t sb, se;
	if (!lit)
		return;
	if (!node_span(a, n, &sb, &se) || !memchr(a->source + sb, '&', se - sb)) {
		add_typographic(b, lit);
		return;
	}
	struct rrm_buf raw;
	rrm_buf_init(&raw);
	for (size_t i = sb; i < se; i++) {
		char c = a->source[i];
		if (c == '\\' && i + 1 < se && is_ascii_punct(a->source[i + 1])) {
			rrm_buf_addc(&raw, a->source[++i]);
		} else if (c == '&' && i + 1 < se && a->source[i + 1] != '#') {
			size_t k = i + 1;
			while (k < se && k - i < 40 && (isalnum((unsigned char)a->source[k])))
				k++;
			if (k < se && a->source[k] == ';') {
				add_named_entity(&raw, a->source + i, k + 1 - i);
				i = k;
			} else {
				rrm_buf_addc(&raw, c);
			}
		} else {
			rrm_buf_addc(&raw, c);
		}
	}
	add_typographic(b, raw.data);
	rrm_buf_release(&raw);
}

/* The heading's source line(s) without the markers, for kramdown's ids. */
static char *heading_raw(const struct rrm_article *a, cmark_node *h)
{
	size_t sb, se;
	if (!node_span(a, h, &sb, &se))
		return rrm_strdup("");
	const char *s = a->source + sb, *e = a->source + se;
	while (e > s && (e[-1] == '\n' || e[-1] == '\r'))
		e--;
	bool atx = false;
	const char *p = s;
	while (p < e && *p == ' ')
		p++;
	if (p < e && *p == '#') {
		atx = true;
		while (p < e && *p == '#')
			p++;
		s = p;
	} else {
		/* setext: the text lines, without the underline */
		const char *nl = e;
		while (nl > s && nl[-1] != '\n' && nl[-1] != '\r')
			nl--;
		e = nl > s ? nl : e;
		while (e > s && (e[-1] == '\n' || e[-1] == '\r'))
			e--;
	}
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (atx)
		while (e > s && e[-1] == '#')
			e--;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return rrm_strndup(s, (size_t)(e - s));
}

static bool has_shortcode(const struct rrm_article *a, size_t b, size_t e);
static void scan_html(struct rrm_article *a, const char *text, const char *lit, size_t base);

static void add_heading(struct rrm_article *a, cmark_node *h)
{
	struct rrm_buf text, hugo, gfm, typo;
	rrm_buf_init(&text);
	rrm_buf_init(&hugo);
	rrm_buf_init(&gfm);
	rrm_buf_init(&typo);
	cmark_iter *it = cmark_iter_new(h);
	cmark_event_type ev;
	int in_image = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_IMAGE) {
			in_image += ev == CMARK_EVENT_ENTER ? 1 : -1;
			continue;
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		const char *lit = cmark_node_get_literal(n);
		if (t == CMARK_NODE_TEXT && lit) {
			rrm_buf_adds(&text, lit);
			add_hugo_text(a, n, &hugo);
			if (!in_image) {
				rrm_buf_adds(&gfm, lit);
				add_typographic(&typo, lit);
			}
		} else if (t == CMARK_NODE_CODE && lit) {
			rrm_buf_adds(&text, lit);
			rrm_buf_adds(&hugo, lit);
			rrm_buf_adds(&gfm, lit);
			rrm_buf_adds(&typo, lit);
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			rrm_buf_addc(&text, ' ');
			hugo.len = 0; /* Hugo: a setext heading's last line */
			hugo.data[0] = '\0';
			rrm_buf_addc(&gfm, '\n'); /* a line break in the text content */
			rrm_buf_addc(&typo, '\n');
		}
	}
	cmark_iter_free(it);
	a->headings =
		rrm_grow(a->headings, &a->cap_headings, a->n_headings + 1, sizeof *a->headings);
	struct rrm_heading *out = &a->headings[a->n_headings++];
	memset(out, 0, sizeof *out);
	out->level = cmark_node_get_heading_level(h);
	out->line = cmark_node_get_start_line(h);
	out->end_line = cmark_node_get_end_line(h);
	size_t hb, he;
	out->shortcode = node_span(a, h, &hb, &he) && has_shortcode(a, hb, he);
	size_t off =
		rrm_article_offset(a, out->line, 1) +
		(size_t)(cmark_node_get_start_column(h) > 0 ? cmark_node_get_start_column(h) - 1
							    : 0);
	int l;
	rrm_article_pos(a, off, &l, &out->column);
	out->text = rrm_buf_detach(&text);
	out->text_hugo = rrm_buf_detach(&hugo);
	out->text_gfm = rrm_buf_detach(&gfm);
	out->text_typo = rrm_buf_detach(&typo);
	out->raw = heading_raw(a, h);
}

/* A definition-list term of goldmark's extension: its plain text as Hugo reads it. */
static void add_term(struct rrm_article *a, size_t line, size_t b, size_t e)
{
	cmark_node *doc = parse_markdown(a->source + b, e - b, CMARK_OPT_DEFAULT);
	struct rrm_buf text;
	rrm_buf_init(&text);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *lit = cmark_node_get_literal(n);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) &&
		    lit)
			rrm_buf_adds(&text, lit);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	a->headings =
		rrm_grow(a->headings, &a->cap_headings, a->n_headings + 1, sizeof *a->headings);
	struct rrm_heading *h = &a->headings[a->n_headings++];
	memset(h, 0, sizeof *h);
	h->term = true;
	h->line = (int)line + 1;
	rrm_article_pos(a, b, &h->line, &h->column);
	struct rrm_buf hugo;
	rrm_buf_init(&hugo);
	add_typographic(&hugo, text.data);
	h->text_hugo = rrm_buf_detach(&hugo);
	h->text_gfm = rrm_strdup(text.data);
	h->text_typo = rrm_strdup(text.data);
	h->raw = rrm_strndup(a->source + b, e - b);
	h->text = rrm_buf_detach(&text);
}

/* Terms in a paragraph: a line followed by a line that starts with ": ". */
static void scan_terms(struct rrm_article *a, cmark_node *para)
{
	size_t sb, se;
	if (!node_span(a, para, &sb, &se))
		return;
	int first = 0, l;
	rrm_article_pos(a, sb, &first, &l);
	for (size_t li = (size_t)first - 1; li + 1 < a->n_lines && a->line_starts[li + 1] < se;
	     li++) {
		size_t nb = a->line_starts[li + 1], k = nb;
		while (k < a->len && k < nb + 3 && a->source[k] == ' ')
			k++;
		if (k + 1 >= a->len || a->source[k] != ':' ||
		    (a->source[k + 1] != ' ' && a->source[k + 1] != '\t'))
			continue;
		size_t b = li + 1 == (size_t)first ? sb : a->line_starts[li];
		size_t e = line_end(a, li);
		while (b < e && (a->source[b] == ' ' || a->source[b] == '\t'))
			b++;
		if (e > b && a->source[b] != ':')
			add_term(a, li, b, e);
	}
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

static void add_link(struct rrm_article *a, enum rrm_link_kind kind, const char *dest, size_t dlen,
		     size_t offset, size_t srclen, bool html)
{
	a->links = rrm_grow(a->links, &a->cap_links, a->n_links + 1, sizeof *a->links);
	struct rrm_link *l = &a->links[a->n_links++];
	l->kind = kind;
	l->dest = rrm_strndup(dest, dlen);
	if (offset > a->len)
		offset = a->len;
	if (srclen > a->len - offset)
		srclen = a->len - offset;
	l->offset = offset;
	l->len = srclen;
	l->from_html = html;
	rrm_article_pos(a, offset, &l->line, &l->column);
}

/* An inline link or image: its destination's offset; false for a reference or autolink. */
static bool inline_destination(const struct rrm_article *a, cmark_node *n, size_t *dest)
{
	size_t sb, se;
	if (!node_span(a, n, &sb, &se) || se <= sb)
		return false;
	const char *s = a->source;
	if (s[se - 1] == '>' && s[sb] == '<') { /* autolink */
		*dest = sb + 1;
		return true;
	}
	if (s[se - 1] != ')')
		return false;
	for (size_t k = se - 1; k > sb; k--) {
		if (s[k] == '(' && s[k - 1] == ']') {
			size_t p = k + 1;
			while (p < se &&
			       (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
				p++;
			if (p < se && s[p] == '<')
				p++;
			*dest = p;
			return true;
		}
	}
	return false;
}

/* True when lit[i] ends a line: LF, or a CR not followed by LF. */
static bool lit_break(const char *lit, size_t i)
{
	return lit[i] == '\n' || (lit[i] == '\r' && lit[i + 1] != '\n');
}

/*
 * The source offset of byte `p` of a raw HTML node's literal, whose first
 * line starts at `base` on line `start_line`. cmark drops the container
 * prefixes ("> ", a list item's indentation) and a paragraph's leading
 * blanks from the literal's later lines: such a line is found in its source
 * line after those. An HTML block's literal ends with a line break the file
 * may lack.
 */
struct html_cursor {
	size_t at, k, ls; /* scanned up to `at`: line `k` of the literal starts at `ls` */
};

static size_t html_offset(const struct rrm_article *a, const char *text, int start_line,
			  size_t base, const char *lit, struct html_cursor *c, size_t p)
{
	if (p < c->at) /* attributes come in order: this does not happen, but is right */
		*c = (struct html_cursor){0, 0, 0};
	for (; c->at < p; c->at++)
		if (lit_break(lit, c->at)) {
			c->k++;
			c->ls = c->at + 1;
		}
	size_t k = c->k, ls = c->ls; /* the literal's line holding p, and where it starts */
	size_t s, e;
	if (k == 0) {
		s = base;
		e = a->len;
	} else {
		if (start_line < 1 || (size_t)start_line - 1 + k >= a->n_lines)
			return a->len;
		size_t li = (size_t)start_line - 1 + k, le = ls;
		while (lit[le] && lit[le] != '\n' && lit[le] != '\r')
			le++;
		size_t n = le - ls, b = a->line_starts[li];
		e = line_end(a, li);
		s = b;
		for (size_t q = b; q + n <= e; q++) {
			if (!memcmp(text + q, lit + ls, n)) {
				s = q;
				break;
			}
			if (text[q] != ' ' && text[q] != '\t' && text[q] != '>')
				break;
		}
	}
	return s + (p - ls) > e ? e : s + (p - ls);
}

/* Attributes of the tags in raw HTML: href/src of <a>/<img>, and id/name. */
/*
 * `text` is what cmark read (the source with template code blanked): the
 * literal is found in it, and a value that is not in the source as it is
 * (it held template code) is left out.
 */
static void scan_html(struct rrm_article *a, const char *text, const char *lit, size_t base)
{
	/* the line of `base`: cmark's own line of an inline node can be off */
	int start_line, column;
	rrm_article_pos(a, base, &start_line, &column);
	struct html_cursor cur = {0, 0, 0};
	size_t n = strlen(lit);
	for (size_t i = 0; i < n; i++) {
		if (lit[i] != '<' || i + 1 >= n || !isalpha((unsigned char)lit[i + 1]))
			continue;
		size_t t = i + 1;
		while (t < n && isalnum((unsigned char)lit[t]))
			t++;
		char tag[8] = "";
		if (t - i - 1 < sizeof tag) {
			for (size_t k = 0; k < t - i - 1; k++)
				tag[k] = (char)tolower((unsigned char)lit[i + 1 + k]);
			tag[t - i - 1] = '\0';
		}
		/* attributes up to '>' */
		size_t k = t;
		while (k < n && lit[k] != '>') {
			while (k < n && isspace((unsigned char)lit[k]))
				k++;
			size_t ns = k;
			while (k < n && (isalnum((unsigned char)lit[k]) || lit[k] == '-' ||
					 lit[k] == '_' || lit[k] == ':'))
				k++;
			size_t ne = k;
			if (ne == ns) {
				k++;
				continue;
			}
			while (k < n && isspace((unsigned char)lit[k]))
				k++;
			if (k >= n || lit[k] != '=')
				continue;
			k++;
			while (k < n && isspace((unsigned char)lit[k]))
				k++;
			size_t vs, ve;
			if (k < n && (lit[k] == '"' || lit[k] == '\'')) {
				char q = lit[k++];
				vs = k;
				while (k < n && lit[k] != q)
					k++;
				ve = k;
				if (k < n)
					k++;
			} else {
				vs = k;
				while (k < n && !isspace((unsigned char)lit[k]) && lit[k] != '>')
					k++;
				ve = k;
			}
			size_t nl = ne - ns;
			bool href =
				nl == 4 && !strncasecmp(lit + ns, "href", 4) && !strcmp(tag, "a");
			bool src =
				nl == 3 && !strncasecmp(lit + ns, "src", 3) && !strcmp(tag, "img");
			bool id =
				(nl == 2 && !strncasecmp(lit + ns, "id", 2)) ||
				(nl == 4 && !strncasecmp(lit + ns, "name", 4) && !strcmp(tag, "a"));
			size_t at = 0, end = 0;
			if (href || src || id) {
				at = html_offset(a, text, start_line, base, lit, &cur, vs);
				end = html_offset(a, text, start_line, base, lit, &cur, ve);
				end = end < at ? at : end;
				/* cmark's text differs from the source only where template code was
				 */
				if (text != a->source &&
				    memcmp(a->source + at, text + at, end - at))
					continue;
			}
			if (href || src) {
				/* as a browser's URL parser: tabs and line breaks dropped */
				char *dest = rrm_strndup(lit + vs, ve - vs);
				size_t dl = 0;
				for (size_t c = 0; dest[c]; c++)
					if (dest[c] != '\t' && dest[c] != '\n' && dest[c] != '\r')
						dest[dl++] = dest[c];
				add_link(a, src ? RRM_LINK_IMAGE : RRM_LINK_LINK, dest, dl, at,
					 end - at, true);
				free(dest);
			}
			if (id && ve > vs) {
				a->html_ids = rrm_grow(a->html_ids, &a->cap_html_ids,
						       a->n_html_ids + 1, sizeof *a->html_ids);
				struct rrm_html_id *h = &a->html_ids[a->n_html_ids++];
				h->id = rrm_strndup(lit + vs, ve - vs);
				h->ial = false;
				rrm_article_pos(a, at, &h->line, &h->column);
			}
		}
		i = k;
	}
}

/* The last line (1-based) of the block that holds inline node `n`. */
static int block_end_line(cmark_node *n)
{
	cmark_node *block = n;
	while (block && cmark_node_get_type(block) > CMARK_NODE_LAST_BLOCK)
		block = cmark_node_parent(block);
	return cmark_node_get_end_line(block ? block : n);
}

/*
 * Where the `n` bytes at `text` are in the source, from line `first` to the
 * line after `last`, nearest to `near`; or `near` when they are not there.
 * cmark's inline positions drift (after a paragraph's leading blanks, on a
 * block quote's lazy lines, after reference definitions): this finds the
 * text that cmark placed.
 */
static size_t find_near(const struct rrm_article *a, const char *src, const char *text, size_t n,
			int first, int last, size_t near)
{
	if (!n || first < 1 || (size_t)first > a->n_lines)
		return near;
	if (near + n <= a->len && !memcmp(src + near, text, n))
		return near;
	size_t to = last < first                    ? (size_t)first
		    : (size_t)last + 1 > a->n_lines ? a->n_lines
						    : (size_t)last + 1;
	size_t b = a->line_starts[first - 1], e = line_end(a, to - 1), best = near,
	       dist = (size_t)-1;
	/* cmark is off by a few bytes a line: look no further than 1 KiB each way */
	if (near > b + 1024)
		b = near - 1024;
	if (e > near + 1024 + n)
		e = near + 1024 + n;
	for (size_t q = b; q + n <= e; q++) {
		if (src[q] != text[0] || memcmp(src + q, text, n))
			continue;
		size_t d = q > near ? q - near : near - q;
		if (d < dist) {
			dist = d;
			best = q;
		}
	}
	return best;
}

/* Offset in `source` of an HTML node's literal (block: from its line start). */
static size_t html_base(const struct rrm_article *a, const char *text, cmark_node *n,
			const char *lit)
{
	int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
	if (line < 1 || (size_t)line > a->n_lines)
		return 0;
	size_t sb = a->line_starts[line - 1] + (col > 1 ? (size_t)col - 1 : 0);
	if (sb > a->len)
		sb = a->len;
	size_t n1 = 0; /* the literal's first line */
	while (lit[n1] && lit[n1] != '\n' && lit[n1] != '\r')
		n1++;
	return find_near(a, text, lit, n1, line, block_end_line(n), sb);
}

struct range {
	size_t begin, end;
};

static bool in_ranges(const struct range *r, size_t n, size_t off)
{
	for (size_t i = 0; i < n; i++)
		if (off >= r[i].begin && off < r[i].end)
			return true;
	return false;
}

/* Reference definitions "[label]: dest" and template links, outside code. */
static void scan_source_links(struct rrm_article *a, const struct range *code, size_t n_code,
			      const struct range *raw, size_t n_raw)
{
	const char *s = a->source;
	bool may_define = true; /* the line before was blank, a definition, or a block start */
	for (size_t li = 0; li < a->n_lines; li++) {
		size_t p = a->line_starts[li],
		       e = li + 1 < a->n_lines ? a->line_starts[li + 1] : a->len;
		if (p < a->body_begin || in_ranges(code, n_code, p)) {
			may_define = true;
			continue;
		}
		size_t q = p;
		while (q < e && (s[q] == ' ' || s[q] == '>' || s[q] == '\t'))
			q++;
		bool blank = q >= e || s[q] == '\n' || s[q] == '\r';
		/* a list item's marker starts a new block too */
		if (!blank && (s[q] == '-' || s[q] == '*' || s[q] == '+') && q + 1 < e &&
		    s[q + 1] == ' ') {
			q += 2;
			may_define = true;
		}
		bool allowed = may_define;
		may_define = blank;
		if (!allowed || q >= e || s[q] != '[' || (q + 1 < e && s[q + 1] == '^'))
			continue;
		size_t r = q + 1;
		while (r < e && s[r] != ']' && s[r] != '[' && s[r] != '\n')
			r += (s[r] == '\\' && r + 1 < e) ? 2 : 1;
		/* a label holds no unescaped bracket */
		if (r + 1 >= e || s[r] != ']' || s[r + 1] != ':' || r == q + 1)
			continue;
		size_t d = r + 2;
		while (d < e && (s[d] == ' ' || s[d] == '\t'))
			d++;
		if ((d >= e || s[d] == '\n' || s[d] == '\r') && li + 1 < a->n_lines) {
			/* the destination on the next line */
			li++;
			d = a->line_starts[li];
			e = li + 1 < a->n_lines ? a->line_starts[li + 1] : a->len;
			while (d < e && (s[d] == ' ' || s[d] == '\t' || s[d] == '>'))
				d++;
		}
		size_t de;
		if (d < e && s[d] == '<') {
			d++;
			de = d;
			while (de < e && s[de] != '>' && s[de] != '\n')
				de++;
		} else {
			de = d;
			while (de < e && !isspace((unsigned char)s[de]))
				de++;
		}
		/* after the destination: nothing, or a title */
		size_t t = de + (de < e && s[de] == '>');
		while (t < e && (s[t] == ' ' || s[t] == '\t'))
			t++;
		bool tail_ok = t >= e || s[t] == '\n' || s[t] == '\r';
		if (!tail_ok && (s[t] == '"' || s[t] == '\'' || s[t] == '(')) {
			/* a title, then nothing else on the line */
			char close = s[t] == '(' ? ')' : s[t];
			size_t u = t + 1;
			while (u < e && s[u] != close && s[u] != '\n')
				u += (s[u] == '\\' && u + 1 < e) ? 2 : 1;
			if (u < e && s[u] == close) {
				u++;
				while (u < e && (s[u] == ' ' || s[u] == '\t'))
					u++;
				tail_ok = u >= e || s[u] == '\n' || s[u] == '\r';
			}
		}
		if (de > d && tail_ok) {
			add_link(a, RRM_LINK_REF, s + d, de - d, d, de - d, false);
			may_define = true;
		}
	}
	/*
	 * [text]({{ site.baseurl }}/x): a destination that starts with template
	 * code holding a blank is no link to CommonMark, but is one once Liquid
	 * has run (Jekyll runs it first); links.c reads what it can of it.
	 */
	for (size_t i = a->body_begin; i + 3 < a->len; i++) {
		if (s[i] != ']' || s[i + 1] != '(' || s[i + 2] != '{' ||
		    (s[i + 3] != '{' && s[i + 3] != '%') || in_ranges(code, n_code, i) ||
		    in_ranges(raw, n_raw, i))
			continue;
		size_t d = i + 2, e = d;
		bool blank = false;
		while (e < a->len && s[e] != '\n' && s[e] != '\r') {
			if (s[e] == '{' && e + 1 < a->len && (s[e + 1] == '{' || s[e + 1] == '%')) {
				const char *close = s[e + 1] == '{' ? "}}" : "%}";
				size_t k = e + 2;
				while (k + 1 < a->len && s[k] != '\n' &&
				       !(s[k] == close[0] && s[k + 1] == close[1]))
					k++;
				if (k + 1 >= a->len || s[k] == '\n')
					break;
				for (size_t m = e; m < k; m++)
					blank = blank || s[m] == ' ' || s[m] == '\t';
				e = k + 2;
				continue;
			}
			if (s[e] == ')' || s[e] == ' ' || s[e] == '\t')
				break;
			e++;
		}
		if (!blank || e >= a->len || (s[e] != ')' && s[e] != ' ' && s[e] != '\t'))
			continue;
		/* an image when the text's opening bracket follows a '!' */
		size_t depth = 0, o = i;
		bool image = false;
		while (o > a->body_begin) {
			o--;
			if (s[o] == ']') {
				depth++;
			} else if (s[o] == '[') {
				if (depth == 0) {
					image = o > a->body_begin && s[o - 1] == '!';
					break;
				}
				depth--;
			} else if (s[o] == '\n' && o > 0 && s[o - 1] == '\n') {
				break;
			}
		}
		add_link(a, image ? RRM_LINK_IMAGE : RRM_LINK_LINK, s + d, e - d, d, e - d, false);
		i = e;
	}
	/* {{< ref "x" >}}, {{% relref x %}}, {% link x %}, {% post_url x %} */
	for (size_t i = a->body_begin; i + 2 < a->len; i++) {
		if (s[i] != '{' || (s[i + 1] != '{' && s[i + 1] != '%') ||
		    in_ranges(code, n_code, i) || in_ranges(raw, n_raw, i))
			continue;
		size_t k = i + 2;
		bool hugo = s[i + 1] == '{';
		if (hugo && k < a->len && (s[k] == '<' || s[k] == '%'))
			k++;
		while (k < a->len && (s[k] == ' ' || s[k] == '\t'))
			k++;
		enum rrm_link_kind kind;
		size_t w = k;
		while (w < a->len && (isalnum((unsigned char)s[w]) || s[w] == '_'))
			w++;
		size_t wl = w - k;
		if (hugo && ((wl == 3 && !strncmp(s + k, "ref", 3)) ||
			     (wl == 6 && !strncmp(s + k, "relref", 6))))
			kind = RRM_LINK_HUGO_REF;
		else if (!hugo && wl == 4 && !strncmp(s + k, "link", 4))
			kind = RRM_LINK_JEKYLL_LINK;
		else if (!hugo && wl == 8 && !strncmp(s + k, "post_url", 8))
			kind = RRM_LINK_JEKYLL_POST_URL;
		else
			continue;
		while (w < a->len && (s[w] == ' ' || s[w] == '\t'))
			w++;
		size_t vs = w, ve;
		if (w < a->len && (s[w] == '"' || s[w] == '\'')) {
			char q = s[w];
			vs = w + 1;
			ve = vs;
			while (ve < a->len && s[ve] != q && s[ve] != '\n')
				ve++;
		} else {
			ve = vs;
			while (ve < a->len && !isspace((unsigned char)s[ve]) && s[ve] != '%' &&
			       s[ve] != '>')
				ve++;
		}
		if (ve > vs)
			add_link(a, kind, s + vs, ve - vs, vs, ve - vs, false);
		i = ve;
	}
}

/* A link of cmark's tree, placed once the reference definitions are known. */
struct pending_link {
	char *url;
	bool image, autolink, is_inline;
	size_t inline_at;  /* the destination's offset, for an inline link */
	size_t line_start; /* the start of the line cmark puts the link on */
};

/*
 * cmark's inline positions can be wrong (links that wrap, autolinks after
 * the first line of a block), so a link that is not a plain inline one is
 * found by its text: an autolink as "<url>", a link from a reference
 * definition is left to the definition, anything else by its URL.
 */
static void place_links(struct rrm_article *a, const struct pending_link *p, size_t n,
			size_t first_def, const struct range *code, size_t n_code)
{
	size_t from = a->body_begin;
	for (size_t i = 0; i < n; i++) {
		const struct pending_link *l = &p[i];
		enum rrm_link_kind kind = l->image ? RRM_LINK_IMAGE : RRM_LINK_LINK;
		size_t ul = strlen(l->url);
		if (l->is_inline) {
			add_link(a, kind, l->url, ul, l->inline_at, ul, false);
			from = l->inline_at;
			continue;
		}
		(void)first_def;
		/* search from the earlier of the last link and cmark's line */
		size_t start = l->line_start < from ? l->line_start : from;
		size_t at = a->len;
		const char *mailto = "mailto:";
		const char *want = l->autolink && !strncmp(l->url, mailto, 7) ? l->url + 7 : l->url;
		size_t wl = strlen(want);
		/* cmark is off by a few lines at most: look no further than 8 KiB on */
		size_t stop = a->len - start > 8192 ? start + 8192 : a->len;
		for (size_t k = start; wl && k + wl <= stop; k++) {
			const char *hit = memchr(a->source + k, want[0], stop - k - wl + 1);
			if (!hit)
				break;
			k = (size_t)(hit - a->source);
			if (memcmp(a->source + k, want, wl) || in_ranges(code, n_code, k))
				continue;
			/* an autolink "<url>", or an inline link "](url" cmark placed wrongly */
			bool ok = l->autolink ? k > 0 && a->source[k - 1] == '<'
					      : (k > 1 && a->source[k - 1] == '(' &&
						 a->source[k - 2] == ']') ||
							(k > 2 && a->source[k - 1] == '<' &&
							 a->source[k - 2] == '(' &&
							 a->source[k - 3] == ']');
			if (ok) {
				at = k;
				break;
			}
		}
		if (at == a->len)
			continue; /* a reference link: its definition is checked instead */
		add_link(a, kind, l->url, ul, at, wl, false);
		from = at;
	}
}

/*
 * Template code. Hugo runs its shortcodes and Jekyll its Liquid tags before
 * the Markdown is rendered, in code blocks too. What they leave is read here:
 * Liquid {% comment %} and {% highlight %} blocks, kramdown's {::comment}
 * and the paired Hugo shortcodes that hold code ({{< highlight >}}, the site's
 * code_shortcodes) are code or nothing: no prose, no links, no headings
 * ("hidden"). {% raw %} ... {% endraw %} is Markdown that Jekyll renders, but
 * with no Liquid in it ("raw").
 */
struct shortcode {
	size_t begin, end; /* the tag: "{{<" ... ">}}" */
	size_t nb, ne;     /* its name */
	bool percent, closing, self_closing;
	long pair; /* the index of its closing (or opening) tag, or -1 */
};

struct regions {
	struct range *hidden;
	size_t n_hidden, cap_hidden;
	struct range *raw;
	size_t n_raw, cap_raw;
	struct shortcode *sc;
	size_t n_sc, cap_sc;
};

static void regions_release(struct regions *r)
{
	free(r->hidden);
	free(r->raw);
	free(r->sc);
}

static void add_range(struct range **v, size_t *n, size_t *cap, size_t b, size_t e)
{
	*v = rrm_grow(*v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = (struct range){b, e};
}

static bool blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A Liquid tag "{%-? name ... -?%}" at i: its name, and the offset past "%}". */
static bool liquid_tag(const char *s, size_t len, size_t i, size_t *nb, size_t *ne, size_t *end)
{
	if (i + 1 >= len || s[i] != '{' || s[i + 1] != '%')
		return false;
	size_t k = i + 2;
	if (k < len && s[k] == '-')
		k++;
	while (k < len && blank_char(s[k]))
		k++;
	*nb = k;
	while (k < len && (isalnum((unsigned char)s[k]) || s[k] == '_'))
		k++;
	*ne = k;
	if (*ne == *nb)
		return false;
	size_t stop = len - k > 4096 ? k + 4096 : len;
	for (; k + 1 < stop; k++)
		if (s[k] == '%' && s[k + 1] == '}') {
			*end = k + 2;
			return true;
		}
	return false;
}

/* The first Liquid tag named `name` from `from` on. */
static bool find_liquid(const char *s, size_t len, size_t from, const char *name, size_t *tb,
			size_t *te)
{
	size_t nl = strlen(name);
	while (from + 1 < len) {
		const char *p = memchr(s + from, '{', len - from - 1);
		if (!p)
			return false;
		size_t i = (size_t)(p - s), nb, ne, end;
		if (liquid_tag(s, len, i, &nb, &ne, &end) && ne - nb == nl &&
		    !memcmp(s + nb, name, nl)) {
			*tb = i;
			*te = end;
			return true;
		}
		from = i + 1;
	}
	return false;
}

static bool shortcode_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.' || c == '/';
}

/*
 * A Hugo shortcode tag at i, "{{< name ... >}}" or "{{% /name %}}"; not one
 * shown as written (a comment mark right after "{{<").
 */
static bool shortcode_at(const char *s, size_t len, size_t i, struct shortcode *sc)
{
	if (i + 3 >= len || s[i] != '{' || s[i + 1] != '{' || (s[i + 2] != '<' && s[i + 2] != '%'))
		return false;
	char d = s[i + 2] == '<' ? '>' : '%'; /* its closing mark */
	size_t k = i + 3;
	while (k < len && blank_char(s[k]))
		k++;
	if (k + 1 < len && s[k] == '/' && s[k + 1] == '*')
		return false; /* a shortcode shown as it is written, not run */
	memset(sc, 0, sizeof *sc);
	sc->pair = -1;
	sc->closing = k < len && s[k] == '/';
	if (sc->closing)
		for (k++; k < len && blank_char(s[k]);)
			k++;
	sc->nb = k;
	while (k < len && shortcode_name_char(s[k]))
		k++;
	sc->ne = k;
	if (sc->ne == sc->nb)
		return false;
	size_t stop = len - k > 4096 ? k + 4096 : len;
	char q = 0;
	for (; k + 2 < stop; k++) {
		if (q) {
			if (s[k] == q)
				q = 0;
			else if (s[k] == '\\' && q == '"')
				k++;
			continue;
		}
		if (s[k] == '"' || s[k] == '`') {
			q = s[k];
			continue;
		}
		if (s[k] == d && s[k + 1] == '}' && s[k + 2] == '}') {
			size_t b = k;
			while (b > sc->ne && blank_char(s[b - 1]))
				b--;
			sc->self_closing = !sc->closing && b > sc->ne && s[b - 1] == '/';
			sc->begin = i;
			sc->end = k + 3;
			sc->percent = d == '%';
			return true;
		}
		if (s[k] == '{' && s[k + 1] == '{')
			return false; /* never closed before the next one */
	}
	return false;
}

static bool sc_named(const char *s, const struct shortcode *sc, const char *name)
{
	size_t n = strlen(name);
	return sc->ne - sc->nb == n && !memcmp(s + sc->nb, name, n);
}

static bool same_name(const char *s, const struct shortcode *x, const struct shortcode *y)
{
	return x->ne - x->nb == y->ne - y->nb && !memcmp(s + x->nb, s + y->nb, x->ne - x->nb);
}

static void scan_regions(const struct rrm_article *a, const struct rrm_render *opt,
			 struct regions *r)
{
	const char *s = a->source;
	size_t len = a->len;
	for (size_t i = a->body_begin; i + 1 < len; i++) {
		const char *p = memchr(s + i, '{', len - i - 1);
		if (!p)
			break;
		i = (size_t)(p - s);
		size_t nb, ne, end, tb, te;
		struct shortcode sc;
		if (s[i + 1] == '%' && liquid_tag(s, len, i, &nb, &ne, &end)) {
			static const char *const blocks[][2] = {{"raw", "endraw"},
								{"comment", "endcomment"},
								{"highlight", "endhighlight"}};
			for (size_t k = 0; k < 3; k++) {
				if (ne - nb != strlen(blocks[k][0]) ||
				    memcmp(s + nb, blocks[k][0], ne - nb) ||
				    !find_liquid(s, len, end, blocks[k][1], &tb, &te))
					continue;
				if (k ==
				    0) { /* its tags are gone once Liquid ran; its text stays */
					add_range(&r->raw, &r->n_raw, &r->cap_raw, end, tb);
					add_range(&r->hidden, &r->n_hidden, &r->cap_hidden, i, end);
					add_range(&r->hidden, &r->n_hidden, &r->cap_hidden, tb, te);
				} else
					add_range(&r->hidden, &r->n_hidden, &r->cap_hidden, i, te);
				end = te;
				break;
			}
			i = end - 1;
		} else if (s[i + 1] == '{' && shortcode_at(s, len, i, &sc)) {
			r->sc = rrm_grow(r->sc, &r->cap_sc, r->n_sc + 1, sizeof *r->sc);
			r->sc[r->n_sc++] = sc;
			i = sc.end - 1;
		} else if (s[i + 1] == ':' && i + 3 < len && s[i + 2] == ':') {
			/*
			 * kramdown's extensions: {::options x="y" /} is no text;
			 * {::comment} and {::nomarkdown} last to {:/comment} or {:/}
			 */
			const char *close = memchr(s + i, '}', len - i);
			const char *nl = memchr(s + i, '\n', len - i);
			if (!close || (nl && nl < close))
				continue;
			size_t xe = (size_t)(close - s) + 1;
			bool comment = xe - i == 11 && !memcmp(s + i, "{::comment}", 11);
			bool nomarkdown = xe - i >= 14 && !memcmp(s + i, "{::nomarkdown", 13);
			if (s[xe - 2] == '/') {
				add_range(&r->hidden, &r->n_hidden, &r->cap_hidden, i, xe);
				i = xe - 1;
			} else if (comment || nomarkdown) {
				const char *e1 = memmem(s + xe, len - xe, "{:/", 3);
				const char *e2 =
					e1 ? memchr(e1, '}', (size_t)(s + len - e1)) : NULL;
				if (e2) {
					size_t stop = (size_t)(e2 - s) + 1;
					add_range(&r->hidden, &r->n_hidden, &r->cap_hidden, i,
						  stop);
					i = stop - 1;
				}
			}
		}
	}
	/* pair each closing tag with the nearest open one of its name */
	for (size_t k = 0; k < r->n_sc; k++) {
		if (!r->sc[k].closing)
			continue;
		for (size_t j = k; j-- > 0;)
			if (!r->sc[j].closing && !r->sc[j].self_closing && r->sc[j].pair < 0 &&
			    same_name(s, &r->sc[j], &r->sc[k])) {
				r->sc[j].pair = (long)k;
				r->sc[k].pair = (long)j;
				break;
			}
	}
	/* the code shortcodes, outermost first */
	static const char *const defaults[] = RRM_CODE_SHORTCODES;
	char *const *names = opt ? opt->code_shortcodes : (char *const *)defaults;
	size_t n_names = opt ? opt->n_code_shortcodes : sizeof defaults / sizeof *defaults;
	for (size_t k = 0; k < r->n_sc; k++) {
		const struct shortcode *o = &r->sc[k];
		if (o->closing || o->pair < 0 || in_ranges(r->hidden, r->n_hidden, o->begin))
			continue;
		bool code = false;
		for (size_t n = 0; n < n_names && !code; n++)
			code = sc_named(s, o, names[n]);
		if (code)
			add_range(&r->hidden, &r->n_hidden, &r->cap_hidden, o->begin,
				  r->sc[o->pair].end);
	}
}

/* True when [b, e) stands alone on its line(s): only blanks and quote markers around it. */
static bool alone_on_line(const struct rrm_article *a, size_t b, size_t e)
{
	const char *s = a->source;
	size_t k = b;
	while (k > a->body_begin && s[k - 1] != '\n' && s[k - 1] != '\r') {
		k--;
		if (s[k] != ' ' && s[k] != '\t' && s[k] != '>')
			return false;
	}
	for (k = e; k < a->len && s[k] != '\n' && s[k] != '\r'; k++)
		if (s[k] != ' ' && s[k] != '\t')
			return false;
	return true;
}

/* A shortcode's first positional argument ("x.md", `x.md` or x.md), or NULL. */
static char *first_argument(const char *s, const struct shortcode *sc)
{
	size_t k = sc->ne, e = sc->end - 3;
	while (k < e && blank_char(s[k]))
		k++;
	if (k >= e)
		return NULL;
	size_t b = k;
	if (s[k] == '"' || s[k] == '`') {
		char q = s[k++];
		b = k;
		while (k < e && s[k] != q)
			k++;
		if (k >= e)
			return NULL;
	} else {
		while (k < e && !blank_char(s[k]) && s[k] != '=')
			k++;
		if (k < e && s[k] == '=')
			return NULL; /* a named argument */
	}
	return k > b ? rrm_strndup(s + b, k - b) : NULL;
}

/*
 * Whether the page's shortcodes may add anchors rrm cannot see: a block-level
 * {{% x %}} that wraps nothing (its Markdown output is rendered into the page:
 * an intro snippet) may add headings; {{% include "x.md" %}} names its snippet
 * (rrm_article.includes), for the caller to read. Not so: one inline in
 * a paragraph or inside a link (its text, a version), one in a heading (that
 * heading's id only: rrm_heading.shortcode), a paired one (rrm reads the
 * Markdown it wraps: {{% tab %}}), Hugo's own {{% param %}}, and {{< x >}}
 * (HTML output, which Hugo does not render as Markdown).
 */
static void classify_shortcodes(struct rrm_article *a, const struct regions *r,
				const struct range *code, size_t n_code, const struct range *heads,
				size_t n_heads)
{
	const char *s = a->source;
	for (size_t k = 0; k < r->n_sc; k++) {
		const struct shortcode *sc = &r->sc[k];
		if (!sc->percent || sc->closing || sc->pair >= 0 || sc_named(s, sc, "param") ||
		    sc_named(s, sc, "ref") || sc_named(s, sc, "relref") ||
		    in_ranges(r->hidden, r->n_hidden, sc->begin) ||
		    in_ranges(code, n_code, sc->begin) || in_ranges(heads, n_heads, sc->begin))
			continue;
		if (!alone_on_line(a, sc->begin, sc->end))
			continue;
		char *arg = sc_named(s, sc, "include") ? first_argument(s, sc) : NULL;
		if (arg) {
			a->includes =
				rrm_realloc(a->includes, (a->n_includes + 1) * sizeof *a->includes);
			a->includes[a->n_includes++] = arg;
		} else {
			a->shortcode_content = true;
		}
	}
	/*
	 * A paired shortcode is one unit of the page's Markdown, its inner text
	 * rendered on its own: when that text leaves the list item the tag is in
	 * (a line less indented), the blocks after it are not what cmark sees.
	 */
	for (size_t k = 0; k < r->n_sc && !a->shortcode_content; k++) {
		const struct shortcode *sc = &r->sc[k];
		if (sc->closing || sc->pair < 0 || in_ranges(r->hidden, r->n_hidden, sc->begin) ||
		    in_ranges(code, n_code, sc->begin))
			continue;
		size_t ls = sc->begin;
		while (ls > a->body_begin && s[ls - 1] != '\n' && s[ls - 1] != '\r')
			ls--;
		size_t indent = 0;
		while (ls + indent < sc->begin && s[ls + indent] == ' ')
			indent++;
		if (!indent)
			continue;
		size_t stop = r->sc[sc->pair].begin;
		for (size_t q = sc->end; q < stop && !a->shortcode_content; q++) {
			if (s[q] != '\n' && s[q] != '\r')
				continue;
			size_t b = q + 1, w = 0;
			while (b + w < stop && s[b + w] == ' ')
				w++;
			if (b + w < stop && s[b + w] != '\n' && s[b + w] != '\r' && w < indent)
				a->shortcode_content = true;
		}
	}
}

/* Whether [b, e) holds a shortcode that Hugo runs. */
static bool has_shortcode(const struct rrm_article *a, size_t b, size_t e)
{
	struct shortcode sc;
	for (size_t i = b; i + 3 < e; i++)
		if (a->source[i] == '{' && shortcode_at(a->source, e, i, &sc))
			return true;
	return false;
}

/* kramdown's inline attribute lists: "{: #id .class}" alone on a line, "*x*{:#id}" after a span. */
struct ial {
	size_t begin, end;
	int line;
	bool block;
	char *id; /* or NULL */
};

/* The id an attribute list s[b, e) ("{:" ... "}") sets, or NULL; a definition "{:name: ...}" sets
 * none. */
static char *ial_id(const char *s, size_t b, size_t e)
{
	size_t k = b + 2, last = e - 1, w = k;
	while (w < last && (isalnum((unsigned char)s[w]) || s[w] == '_' || s[w] == '-'))
		w++;
	if (w > k && w < last && s[w] == ':')
		return NULL;
	char *id = NULL;
	while (k < last) {
		while (k < last && blank_char(s[k]))
			k++;
		if (k >= last)
			break;
		if (s[k] == '#' || s[k] == '.') {
			char kind = s[k++];
			size_t st = k;
			while (k < last && (isalnum((unsigned char)s[k]) || s[k] == '_' ||
					    s[k] == '-' || s[k] == ':'))
				k++;
			if (kind == '#' && k > st) {
				free(id);
				id = rrm_strndup(s + st, k - st);
			}
			continue;
		}
		size_t ks = k;
		while (k < last && (isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '-'))
			k++;
		size_t kl = k - ks;
		if (k < last && s[k] == '=' && kl) {
			k++;
			size_t vs = k, ve;
			if (k < last && (s[k] == '"' || s[k] == '\'')) {
				char q = s[k++];
				vs = k;
				while (k < last && s[k] != q)
					k++;
				ve = k;
				if (k < last)
					k++;
			} else {
				while (k < last && !blank_char(s[k]))
					k++;
				ve = k;
			}
			if (kl == 2 && !memcmp(s + ks, "id", 2) && ve > vs) {
				free(id);
				id = rrm_strndup(s + vs, ve - vs);
			}
			continue;
		}
		while (k < last && !blank_char(s[k]))
			k++; /* a reference to a definition, or something kramdown ignores */
	}
	return id;
}

static bool line_blank(const struct rrm_article *a, size_t li)
{
	for (size_t k = a->line_starts[li], e = line_end(a, li); k < e; k++)
		if (a->source[k] != ' ' && a->source[k] != '\t')
			return false;
	return true;
}

/* The IALs of the body, outside code and template code. */
static void find_ials(const struct rrm_article *a, const struct range *code, size_t n_code,
		      const struct regions *rg, struct ial **out, size_t *n, size_t *cap)
{
	const char *s = a->source;
	for (size_t li = 0; li < a->n_lines; li++) {
		size_t ls = a->line_starts[li], le = line_end(a, li);
		if (ls < a->body_begin || !memmem(s + ls, le - ls, "{:", 2))
			continue;
		size_t q = ls;
		while (q < le && q < ls + 3 && s[q] == ' ')
			q++;
		size_t t = le;
		while (t > q && (s[t - 1] == ' ' || s[t - 1] == '\t'))
			t--;
		if (q + 3 <= t && s[q] == '{' && s[q + 1] == ':' && s[q + 2] != ':' &&
		    s[q + 2] != '/' && s[t - 1] == '}' && !memchr(s + q, '}', t - 1 - q) &&
		    !in_ranges(code, n_code, q) && !in_ranges(rg->hidden, rg->n_hidden, q)) {
			*out = rrm_grow(*out, cap, *n + 1, sizeof **out);
			(*out)[(*n)++] = (struct ial){q, t, (int)li + 1, true, ial_id(s, q, t)};
			continue;
		}
		for (size_t p = ls; p + 2 < le; p++) {
			if (s[p] != '{' || s[p + 1] != ':' || s[p + 2] == ':' || s[p + 2] == '/' ||
			    in_ranges(code, n_code, p) || in_ranges(rg->hidden, rg->n_hidden, p))
				continue;
			const char *close = memchr(s + p, '}', le - p);
			if (!close)
				break;
			size_t e = (size_t)(close - s) + 1;
			/* only right after a span element (emphasis, a link, code); after
			 * text kramdown leaves it as text */
			if (p == ls || !strchr("*_)]`>", s[p - 1]))
				continue;
			*out = rrm_grow(*out, cap, *n + 1, sizeof **out);
			(*out)[(*n)++] = (struct ial){p, e, (int)li + 1, false, ial_id(s, p, e)};
			p = e - 1;
		}
	}
}

/*
 * Gives each IAL id to its block: the block directly before a block IAL, or
 * else the next one. A heading takes it as its id; any other block or span
 * gets it as an anchor.
 */
static void apply_ials(struct rrm_article *a, struct ial *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ial *x = &v[i];
		if (!x->id)
			continue;
		size_t li = (size_t)x->line - 1;
		bool before = x->block && li > 0 && a->line_starts[li - 1] >= a->body_begin &&
			      !line_blank(a, li - 1);
		/* else the next block's, after any blank lines (Jekyll 4.3.1) */
		size_t next = li + 1;
		while (x->block && !before && next < a->n_lines && line_blank(a, next))
			next++;
		if (x->block && !before && next >= a->n_lines) {
			free(x->id); /* nothing after it */
			x->id = NULL;
			continue;
		}
		struct rrm_heading *target = NULL;
		for (size_t k = 0; k < a->n_headings && x->block && !target; k++) {
			struct rrm_heading *h = &a->headings[k];
			if (!h->term && ((before && h->end_line == x->line - 1) ||
					 (!before && h->line == (int)next + 1)))
				target = h;
		}
		if (target) {
			free(target->ial_id);
			target->ial_id = x->id;
		} else {
			a->html_ids = rrm_grow(a->html_ids, &a->cap_html_ids, a->n_html_ids + 1,
					       sizeof *a->html_ids);
			struct rrm_html_id *h = &a->html_ids[a->n_html_ids++];
			h->id = x->id;
			h->ial = true;
			rrm_article_pos(a, x->begin, &h->line, &h->column);
		}
		x->id = NULL;
	}
}

/* Blanks copy[b, e) for cmark, keeping the line breaks. */
static void blank_out(char *copy, size_t b, size_t e)
{
	for (size_t i = b; i < e; i++)
		if (copy[i] != '\n' && copy[i] != '\r')
			copy[i] = ' ';
}

/*
 * Whether offset `at` is inside a link's destination: "](" and no blank
 * before it on its line. Hugo runs a shortcode there before the Markdown is
 * read, so that "[x](/v{{% param v %}}/)" is a link (to a URL rrm cannot know).
 */
static bool in_destination(const struct rrm_article *a, size_t at)
{
	const char *s = a->source;
	for (size_t k = at; k > a->body_begin + 1; k--) {
		char c = s[k - 1];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			return false;
		if (c == '(' && s[k - 2] == ']')
			return true;
	}
	return false;
}

/* Fills the blanks of copy[b, e) (a shortcode on one line) so that cmark reads it as one word. */
static void fill_blanks(char *copy, size_t b, size_t e)
{
	if (memchr(copy + b, '\n', e - b) || memchr(copy + b, '\r', e - b))
		return;
	for (size_t i = b; i < e; i++)
		if (copy[i] == ' ' || copy[i] == '\t')
			copy[i] = '_';
}

/* Where a tree holds no Markdown of kramdown's: code spans and blocks, HTML blocks. */
static void code_ranges(const struct rrm_article *a, cmark_node *doc, struct range **v, size_t *n,
			size_t *cap)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *nd = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(nd);
		size_t sb, se;
		if (ev == CMARK_EVENT_ENTER &&
		    (t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK ||
		     t == CMARK_NODE_HTML_BLOCK) &&
		    node_span(a, nd, &sb, &se))
			add_range(v, n, cap, sb, se);
	}
	cmark_iter_free(it);
}

static void parse_body(struct rrm_article *a, bool prose, const struct rrm_render *opt)
{
	/*
	 * cmark sees the front matter, template code and kramdown IALs as blank
	 * lines or blanks, so that its line numbers and byte columns are the file's.
	 */
	struct regions rg = {0};
	scan_regions(a, opt, &rg);
	char *copy = rrm_malloc(a->len + 1);
	memcpy(copy, a->source, a->len + 1);
	blank_out(copy, 0, a->body_begin);
	for (size_t i = 0; i < rg.n_hidden; i++)
		blank_out(copy, rg.hidden[i].begin, rg.hidden[i].end);
	for (size_t i = 0; i < rg.n_sc; i++)
		if (in_destination(a, rg.sc[i].begin))
			fill_blanks(copy, rg.sc[i].begin, rg.sc[i].end);
	cmark_node *doc = parse_markdown(copy, a->len, CMARK_OPT_DEFAULT);
	struct ial *ials = NULL;
	size_t n_ials = 0, cap_ials = 0;
	bool kramdown = !opt || opt->kramdown;
	if (doc && kramdown && a->len > a->body_begin &&
	    memmem(a->source + a->body_begin, a->len - a->body_begin, "{:", 2)) {
		/* where the code is, then the IALs outside it, then the Markdown without them */
		struct range *c0 = NULL;
		size_t n0 = 0, cap0 = 0;
		code_ranges(a, doc, &c0, &n0, &cap0);
		find_ials(a, c0, n0, &rg, &ials, &n_ials, &cap_ials);
		free(c0);
		if (n_ials) {
			/* a block IAL's line is blank; a span IAL becomes "<?  ?>", which
			 * cmark reads as HTML that adds no text (a heading's id is made
			 * without it) */
			for (size_t i = 0; i < n_ials; i++) {
				blank_out(copy, ials[i].begin, ials[i].end);
				if (!ials[i].block && ials[i].end - ials[i].begin >= 4)
					memcpy(copy + ials[i].begin, "<?", 2),
						memcpy(copy + ials[i].end - 2, "?>", 2);
			}
			cmark_node_free(doc);
			doc = parse_markdown(copy, a->len, CMARK_OPT_DEFAULT);
		}
	}
	if (!doc) {
		free(copy);
		regions_release(&rg);
		free(ials);
		return;
	}
	struct range *heads = NULL;
	size_t n_heads = 0, cap_heads = 0;
	struct builder b = {0};
	struct pending_link *pending = NULL;
	size_t n_pending = 0, cap_pending = 0;
	struct range *code = NULL;
	size_t n_code = 0, cap_code = 0;
	cmark_node *skip = NULL; /* inside an autolink: its text is not prose */
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) && ev == CMARK_EVENT_ENTER) {
			const char *url = cmark_node_get_url(n);
			if (url) {
				pending = rrm_grow(pending, &cap_pending, n_pending + 1,
						   sizeof *pending);
				struct pending_link *pl = &pending[n_pending++];
				pl->image = t == CMARK_NODE_IMAGE;
				pl->url = rrm_strdup(url);
				pl->autolink = is_autolink(n);
				pl->inline_at = 0;
				pl->is_inline =
					!pl->autolink && inline_destination(a, n, &pl->inline_at);
				int sl = cmark_node_get_start_line(n);
				pl->line_start = sl >= 1 && (size_t)sl <= a->n_lines
							 ? a->line_starts[sl - 1]
							 : 0;
			}
		}
		if ((t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK) &&
		    ev == CMARK_EVENT_ENTER) {
			size_t sb, se;
			if (node_span(a, n, &sb, &se)) {
				code = rrm_grow(code, &cap_code, n_code + 1, sizeof *code);
				code[n_code++] = (struct range){sb, se};
			}
		}
		if (skip) {
			if (n == skip && ev == CMARK_EVENT_EXIT)
				skip = NULL;
			continue;
		}
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
			if (ev == CMARK_EVENT_ENTER) {
				if (prose)
					prose_begin(&b);
				if (t == CMARK_NODE_HEADING) {
					add_heading(a, n);
					size_t hb, he;
					if (node_span(a, n, &hb, &he))
						add_range(&heads, &n_heads, &cap_heads, hb, he);
				} else
					scan_terms(a, n);
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
				/* where cmark's position is off, the text itself (when it is
				 * in the source as it is: no entities or escapes) */
				size_t ll = strlen(lit);
				if (se - sb != ll || memcmp(a->source + sb, lit, ll)) {
					size_t at = find_near(a, a->source, lit, ll,
							      cmark_node_get_start_line(n),
							      block_end_line(n), sb);
					if (at != sb || (sb + ll <= a->len &&
							 !memcmp(a->source + sb, lit, ll))) {
						sb = at;
						se = at + ll;
					}
					while (sb > 0 && sb < a->len &&
					       ((unsigned char)a->source[sb] & 0xc0) == 0x80)
						sb--; /* not inside a character */
					se = se < sb ? sb : se;
				}
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
		case CMARK_NODE_HTML_BLOCK: {
			if (b.open && t == CMARK_NODE_HTML_INLINE)
				rrm_buf_addc(&b.text, ' ');
			/* where the HTML is: cmark's line of an inline node can be off */
			const char *lit = cmark_node_get_literal(n);
			size_t base = html_base(a, copy, n, lit);
			int line, column;
			rrm_article_pos(a, base, &line, &column);
			add_directives(a, lit, line);
			scan_html(a, copy, lit, base);
			break;
		}
		case CMARK_NODE_LINK:
			if (is_autolink(n)) {
				skip = n;
				if (b.open)
					rrm_buf_addc(&b.text, ' ');
			}
			break;
		default: break;
		}
	}
	cmark_iter_free(it);
	prose_end(a, &b, false);
	cmark_node_free(doc);
	free(copy);
	apply_ials(a, ials, n_ials);
	for (size_t i = 0; i < n_ials; i++)
		free(ials[i].id);
	free(ials);
	classify_shortcodes(a, &rg, code, n_code, heads, n_heads);
	free(heads);
	/* template code holds no links either */
	for (size_t i = 0; i < rg.n_hidden; i++)
		add_range(&code, &n_code, &cap_code, rg.hidden[i].begin, rg.hidden[i].end);
	size_t n_defs = a->n_links;
	scan_source_links(a, code, n_code, rg.raw, rg.n_raw);
	n_defs = a->n_links - n_defs;
	place_links(a, pending, n_pending, a->n_links - n_defs, code, n_code);
	for (size_t i = 0; i < n_pending; i++)
		free(pending[i].url);
	free(pending);
	free(code);
	regions_release(&rg);
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
			if (s->style == RRM_STYLE_BLOCK && (size_t)s->line < a->n_lines) {
				/* past the "|" or ">" line and the indentation */
				sb = a->line_starts[s->line];
				while (sb < se && (a->source[sb] == ' ' || a->source[sb] == '\t'))
					sb++;
			}
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
	while (i < n && i < 40 &&
	       (s[i] == '#' || (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
		(s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	return i < n && i > 1 && s[i] == ';' ? i + 1 : 0;
}

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* The last segment whose text starts at or before `off` (segments are in text order). */
static size_t segment_of(const struct rrm_prose *p, size_t off)
{
	size_t lo = 0, hi = p->n_segs;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->segs[mid].text_off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The word search of an unaligned run looks this far at most. */
#define LOCATE_WINDOW ((size_t)16384)

size_t rrm_article_locate_from(const struct rrm_article *a, const struct rrm_prose *p, size_t off,
			       struct rrm_locate_cursor *c)
{
	if (c->p != p) {
		memset(c, 0, sizeof *c);
		c->p = p;
		c->seg = (size_t)-1;
	}
	size_t lo = segment_of(p, off);
	const struct rrm_segment *g = &p->segs[lo];
	if (off > g->text_off + g->len)
		off = g->text_off + g->len;
	const char *lit = p->text + g->text_off, *src = a->source;
	size_t want = off - g->text_off, i = 0, j = g->src_begin, end = g->src_end;
	if (c->seg == lo && c->i <= want) { /* the walk is the same up to there: resume */
		i = c->i;
		j = c->j;
	}
	while (i < want && j < end) {
		size_t el = src[j] == '&' ? entity_len(src + j, end - j) : 0;
		if (el) { /* an entity stands for one character of the text */
			j += el;
			i += utf8_len((unsigned char)lit[i]);
		} else if (src[j] == lit[i]) {
			bool nl = lit[i] == '\n';
			i++, j++;
			if (nl) {
				/* a literal YAML block: the text keeps only the indentation
				 * beyond the block's own */
				size_t sp = 0, lp = 0;
				while (j + sp < end && (src[j + sp] == ' ' || src[j + sp] == '\t'))
					sp++;
				while (i + lp < g->len && lit[i + lp] == ' ')
					lp++;
				if (sp > lp)
					j += sp - lp;
			}
		} else if ((lit[i] == ' ' || lit[i] == '\n') && isspace((unsigned char)src[j])) {
			/* a folded or literal YAML block: a line break and indentation */
			i++;
			while (j < end && isspace((unsigned char)src[j]))
				j++;
		} else if (src[j] == '\\' && j + 1 < end && src[j + 1] == lit[i]) {
			i++, j += 2;
		} else {
			break;
		}
	}
	if (i <= want) { /* a state of the walk: later offsets resume from it */
		c->seg = lo;
		c->i = i;
		c->j = j;
	}
	if (i == want)
		return j;
	size_t reached = j;
	while (reached > 0 && reached < a->len && ((unsigned char)src[reached] & 0xc0) == 0x80)
		reached--; /* never inside a character */
	/* Not aligned (a folded scalar, say): find the word's text instead. */
	size_t wl = 0;
	while (want + wl < g->len && wl < 256 &&
	       ((unsigned char)lit[want + wl] >= 0x80 || !isspace((unsigned char)lit[want + wl])))
		wl++;
	if (wl > 0) {
		const char *w = lit + want;
		size_t from = c->hit > reached && c->hit < end ? c->hit : reached;
		size_t stop = end - from > LOCATE_WINDOW ? from + LOCATE_WINDOW : end;
		const char *hit = stop > from ? memmem(src + from, stop - from, w, wl) : NULL;
		if (hit)
			return c->hit = (size_t)(hit - src);
		/* then from the segment's start: a match may start before `reached` */
		stop = reached - g->src_begin > LOCATE_WINDOW ? g->src_begin + LOCATE_WINDOW
							      : reached;
		stop = stop + wl - 1 < end ? stop + wl - 1 : end;
		hit = stop > g->src_begin ? memmem(src + g->src_begin, stop - g->src_begin, w, wl)
					  : NULL;
		if (hit)
			return (size_t)(hit - src);
	}
	return reached;
}

size_t rrm_article_locate(const struct rrm_article *a, const struct rrm_prose *p, size_t off)
{
	struct rrm_locate_cursor c = {0};
	return rrm_article_locate_from(a, p, off, &c);
}

/* An HTML page: .html or .htm. */
static bool html_path(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	return dot && (!slash || dot > slash) &&
	       (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm"));
}

static enum rrm_load_status process(struct rrm_article *a, unsigned flags,
				    const struct rrm_render *r)
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
	if (a->fm_state == RRM_FM_YAML) {
		/* a byte order mark inside: libyaml would skip it and misread the indentation */
		const char *bom = memmem(a->source, a->fm_end, "\xEF\xBB\xBF", 3);
		if (bom) {
			a->bad_offset = (size_t)(bom - a->source);
			a->bad_is_bom = true;
			return RRM_LOAD_ENCODING;
		}
	}
	if ((flags & RRM_ARTICLE_FRONT_MATTER) && (a->fm_state == RRM_FM_YAML)) {
		if (rrm_yaml_parse(a->source + a->fm_begin, a->fm_end - a->fm_begin,
				   a->fm_first_line, &a->fm_doc, &a->fm_error) == 0)
			a->fm_parsed = true;
	}
	a->html_body = html_path(a->path);
	if ((flags & RRM_ARTICLE_BODY) && a->html_body) {
		/* HTML: its links and ids; its text is not read as prose */
		scan_html(a, a->source, a->source + a->body_begin, a->body_begin);
	} else if (flags & RRM_ARTICLE_BODY) {
		parse_body(a, (flags & RRM_ARTICLE_PROSE) != 0, r);
	}
	return RRM_LOAD_OK;
}

enum rrm_load_status rrm_article_load_mem(struct rrm_article *a, const char *path, const char *src,
					  size_t len, unsigned flags)
{
	return rrm_article_load_mem_with(a, path, src, len, flags, NULL);
}

enum rrm_load_status rrm_article_load(struct rrm_article *a, const char *path, unsigned flags)
{
	return rrm_article_load_with(a, path, flags, NULL);
}

enum rrm_load_status rrm_article_load_mem_with(struct rrm_article *a, const char *path,
					       const char *src, size_t len, unsigned flags,
					       const struct rrm_render *r)
{
	rrm_article_init(a);
	a->path = rrm_strdup(path);
	a->source = rrm_strndup(src, len);
	a->len = len;
	if (len > RRM_MAX_FILE_SIZE)
		return RRM_LOAD_TOO_LARGE;
	return process(a, flags, r);
}

enum rrm_load_status rrm_article_load_with(struct rrm_article *a, const char *path, unsigned flags,
					   const struct rrm_render *r)
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
	return process(a, flags, r);
}
