#define _GNU_SOURCE /* memmem */
#include "lib/markdown.h"

#include <cmark.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lib/scan.h"
#include "lib/util.h"

const char *rrm_cmark_version(void)
{
	return cmark_version_string();
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
	out->shortcode = node_span(a, h, &hb, &he) && rrm_scan_has_shortcode(a, hb, he);
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
		size_t e = rrm_article_line_end(a, li);
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
	size_t len = b->text.len;
	rrm_article_add_prose(a, rrm_buf_detach(&b->text), len, b->segs, b->n_segs, front_matter);
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
	size_t b = a->line_starts[first - 1], e = rrm_article_line_end(a, to - 1), best = near,
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
			const struct rrm_ranges *code)
{
	size_t from = a->body_begin, cur = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pending_link *l = &p[i];
		enum rrm_link_kind kind = l->image ? RRM_LINK_IMAGE : RRM_LINK_LINK;
		size_t ul = strlen(l->url);
		if (l->is_inline) {
			rrm_article_add_link(a, kind, l->url, ul, l->inline_at, ul, false);
			from = l->inline_at;
			continue;
		}
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
			if (memcmp(a->source + k, want, wl) || rrm_ranges_has(code, &cur, k))
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
		rrm_article_add_link(a, kind, l->url, ul, at, wl, false);
		from = at;
	}
}

/* Where a tree holds no Markdown of kramdown's: code spans and blocks, HTML blocks. */
static void code_ranges(const struct rrm_article *a, cmark_node *doc, struct rrm_ranges *v)
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
			rrm_ranges_add(v, sb, se);
	}
	cmark_iter_free(it);
}

void rrm_markdown_read(struct rrm_article *a, bool prose, const struct rrm_render *opt)
{
	/*
	 * cmark sees the front matter, template code and kramdown IALs as blank
	 * lines or blanks, so that its line numbers and byte columns are the file's.
	 */
	struct rrm_regions rg = {0};
	rrm_scan_regions(a, opt, &rg);
	char *copy = rrm_scan_cmark_text(a, &rg);
	cmark_node *doc = parse_markdown(copy, a->len, CMARK_OPT_DEFAULT);
	struct rrm_ials ials = {0};
	bool kramdown = !opt || opt->kramdown;
	if (doc && kramdown && a->len > a->body_begin &&
	    memmem(a->source + a->body_begin, a->len - a->body_begin, "{:", 2)) {
		/* where the code is, then the IALs outside it, then the Markdown without them */
		struct rrm_ranges c0 = {0};
		code_ranges(a, doc, &c0);
		rrm_ranges_seal(&c0);
		rrm_scan_ials(a, &c0, &rg, &ials);
		rrm_ranges_release(&c0);
		if (ials.n) {
			rrm_ials_blank(&ials, copy);
			cmark_node_free(doc);
			doc = parse_markdown(copy, a->len, CMARK_OPT_DEFAULT);
		}
	}
	if (!doc) {
		free(copy);
		rrm_regions_release(&rg);
		rrm_ials_release(&ials);
		return;
	}
	struct rrm_ranges heads = {0}, code = {0};
	struct builder b = {0};
	struct pending_link *pending = NULL;
	size_t n_pending = 0, cap_pending = 0;
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
			if (node_span(a, n, &sb, &se))
				rrm_ranges_add(&code, sb, se);
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
						rrm_ranges_add(&heads, hb, he);
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
			rrm_scan_directives(a, lit, line);
			rrm_scan_html(a, copy, lit, base);
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
	rrm_ials_apply(a, &ials);
	rrm_ials_release(&ials);
	rrm_ranges_seal(&code);
	rrm_ranges_seal(&heads);
	rrm_scan_classify_shortcodes(a, &rg, &code, &heads);
	rrm_ranges_release(&heads);
	/* template code holds no links either */
	for (size_t i = 0; i < rg.hidden.n; i++)
		rrm_ranges_add(&code, rg.hidden.v[i].begin, rg.hidden.v[i].end);
	rrm_ranges_seal(&code);
	rrm_scan_source_links(a, &code, &rg.raw);
	place_links(a, pending, n_pending, &code);
	for (size_t i = 0; i < n_pending; i++)
		free(pending[i].url);
	free(pending);
	rrm_ranges_release(&code);
	rrm_regions_release(&rg);
}
