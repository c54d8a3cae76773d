#define _GNU_SOURCE /* memmem */
#include "lib/scan.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/util.h"

/* Sets of ranges. */

void rrm_ranges_add(struct rrm_ranges *r, size_t begin, size_t end)
{
	if (end <= begin)
		return; /* holds nothing */
	r->v = rrm_grow(r->v, &r->cap, r->n + 1, sizeof *r->v);
	r->v[r->n++] = (struct rrm_range){begin, end};
}

static int range_cmp(const void *x, const void *y)
{
	const struct rrm_range *a = x, *b = y;
	if (a->begin != b->begin)
		return a->begin < b->begin ? -1 : 1;
	return (a->end > b->end) - (a->end < b->end);
}

void rrm_ranges_seal(struct rrm_ranges *r)
{
	if (r->n < 2)
		return;
	qsort(r->v, r->n, sizeof *r->v, range_cmp);
	size_t n = 1;
	for (size_t i = 1; i < r->n; i++) {
		if (r->v[i].begin <= r->v[n - 1].end) { /* overlaps or touches: one range */
			if (r->v[i].end > r->v[n - 1].end)
				r->v[n - 1].end = r->v[i].end;
		} else {
			r->v[n++] = r->v[i];
		}
	}
	r->n = n;
}

bool rrm_ranges_has(const struct rrm_ranges *r, size_t *cursor, size_t off)
{
	/* *cursor is the first range that ends after the offset asked last */
	size_t i = *cursor;
	if (i > r->n || (i > 0 && r->v[i - 1].end > off)) {
		size_t lo = 0, hi = r->n; /* a step back: the first range that ends after off */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (r->v[mid].end > off)
				hi = mid;
			else
				lo = mid + 1;
		}
		i = lo;
	}
	while (i < r->n && r->v[i].end <= off)
		i++;
	*cursor = i;
	return i < r->n && r->v[i].begin <= off;
}

void rrm_ranges_release(struct rrm_ranges *r)
{
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}

/*
 * The first `needle` at or after an offset, remembered: asked at increasing
 * offsets (or a little before the last), each byte is searched once. A scan
 * that asks "where is the next '}'" at each of many candidates would
 * otherwise search the same stretch again for each of them.
 */
struct next_cache {
	bool known;
	size_t from, at; /* the first match at or after `from` is at `at` (len: none) */
};

static size_t next_of(struct next_cache *c, const char *s, size_t len, size_t q, const char *needle,
		      size_t n)
{
	if (c->known && q >= c->from && q <= c->at)
		return c->at;
	size_t at = len, stop = len;
	if (c->known && q < c->from) { /* only [q, from) is new */
		at = c->at;
		stop = c->from + n - 1 < len ? c->from + n - 1 : len;
	}
	const char *hit = q < stop ? memmem(s + q, stop - q, needle, n) : NULL;
	if (hit)
		at = (size_t)(hit - s);
	c->known = true;
	c->from = q;
	c->at = at;
	return at;
}

/* Raw HTML. */

void rrm_scan_directives(struct rrm_article *a, const char *lit, int line)
{
	/* memmem, not strstr: a sanitizer's strstr reads the whole rest each time */
	const char *lim = lit + strlen(lit);
	for (const char *p = lit; (p = memmem(p, (size_t)(lim - p), "<!--", 4));) {
		const char *end = memmem(p + 4, (size_t)(lim - p - 4), "-->", 3);
		if (!end)
			return;
		for (const char *q = p; q < end; q++)
			if (*q == '\n')
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
	bool found;       /* line k's place in the source is known: */
	size_t s, e;      /* where it starts, and the end of its source line */
};

static size_t html_offset(const struct rrm_article *a, const char *text, int start_line,
			  size_t base, const char *lit, struct html_cursor *c, size_t p)
{
	if (p < c->at) /* attributes come in order: this does not happen, but is right */
		*c = (struct html_cursor){0};
	for (; c->at < p; c->at++)
		if (lit_break(lit, c->at)) {
			c->k++;
			c->ls = c->at + 1;
			c->found = false;
		}
	size_t k = c->k, ls = c->ls; /* the literal's line holding p, and where it starts */
	size_t s, e;
	if (k == 0) {
		s = base;
		e = a->len;
	} else if (c->found) { /* many attributes on one line: it is looked for once */
		s = c->s;
		e = c->e;
	} else {
		if (start_line < 1 || (size_t)start_line - 1 + k >= a->n_lines)
			return a->len;
		size_t li = (size_t)start_line - 1 + k, le = ls;
		while (lit[le] && lit[le] != '\n' && lit[le] != '\r')
			le++;
		size_t n = le - ls, b = a->line_starts[li];
		e = rrm_article_line_end(a, li);
		s = a->len; /* not on that line: the literal was placed wrong, nothing is told */
		for (size_t q = b; q + n <= e; q++) {
			if (!memcmp(text + q, lit + ls, n)) {
				s = q;
				break;
			}
			if (text[q] != ' ' && text[q] != '\t' && text[q] != '>')
				break;
		}
		if (s == a->len)
			e = a->len;
		c->found = true;
		c->s = s;
		c->e = e;
	}
	return s + (p - ls) > e ? e : s + (p - ls);
}

/* Attributes of the tags in raw HTML: href/src of <a>/<img>, and id/name. */
/*
 * `text` is what cmark read (the source with template code blanked): the
 * literal is found in it, and a value that is not in the source as it is
 * (it held template code) is left out.
 */
void rrm_scan_html(struct rrm_article *a, const char *text, const char *lit, size_t base)
{
	/* the line of `base`: cmark's own line of an inline node can be off */
	int start_line, column;
	rrm_article_pos(a, base, &start_line, &column);
	struct html_cursor cur = {0};
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
				/* a line of the literal not found where it should be: a value
				 * at a place that is not its own would mislead, so it is left out
				 */
				if (at >= a->len)
					continue;
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
				rrm_article_add_link(a, src ? RRM_LINK_IMAGE : RRM_LINK_LINK, dest,
						     dl, at, end - at, true);
				free(dest);
			}
			if (id && ve > vs) {
				rrm_article_add_html_id(a, rrm_strndup(lit + vs, ve - vs), at,
							false);
			}
		}
		i = k;
	}
}

/* Links cmark does not report. */

/* Reference definitions "[label]: dest" and template links, outside code. */
/*
 * Where a destination that starts with template code at `d` ends: at the
 * first ')', blank or line break outside template code ("{{ }}", "{% %}" on
 * one line), or at template code that is not closed on its line; and whether
 * the template code on the way holds a blank. The walk from an offset always
 * goes the same way, so each offset it passes remembers the answer: a walk
 * that reaches one stops there, and a line of many candidates is walked once.
 */
struct template_walk {
	uint32_t *end; /* per offset: 0 unknown, else 1 + the end, bit 31: a blank on the way */
	size_t *pts;   /* the offsets of the current walk, times 2, plus 1 for a blank */
	size_t n_pts, cap_pts;
	struct next_cache nl, braces, percent, space, tab;
};

#define WALK_BLANK (1u << 31)

static void template_destination(const struct rrm_article *a, struct template_walk *w, size_t d,
				 size_t *end, bool *blank)
{
	const char *s = a->source;
	size_t len = a->len, e = d;
	bool tail = false;
	if (!w->end)
		w->end = rrm_calloc(len + 1, sizeof *w->end); /* a file is under 2 GiB */
	w->n_pts = 0;
	for (;;) {
		if (w->end[e]) {
			tail = (w->end[e] & WALK_BLANK) != 0;
			e = (w->end[e] & ~WALK_BLANK) - 1;
			break;
		}
		if (e >= len || s[e] == '\n' || s[e] == '\r')
			break;
		size_t step = e + 1, mark = 0;
		if (s[e] == '{' && e + 1 < len && (s[e + 1] == '{' || s[e + 1] == '%')) {
			/* to its close, which comes before the line's end */
			bool braces = s[e + 1] == '{';
			size_t k = next_of(braces ? &w->braces : &w->percent, s, len, e + 2,
					   braces ? "}}" : "%}", 2);
			if (k >= len || next_of(&w->nl, s, len, e + 2, "\n", 1) < k)
				break;
			size_t sp = next_of(&w->space, s, len, e, " ", 1);
			size_t tab = next_of(&w->tab, s, len, e, "\t", 1);
			mark = sp < k || tab < k;
			step = k + 2;
		} else if (s[e] == ')' || s[e] == ' ' || s[e] == '\t') {
			break;
		}
		w->pts = rrm_grow(w->pts, &w->cap_pts, w->n_pts + 1, sizeof *w->pts);
		w->pts[w->n_pts++] = e * 2 + mark;
		e = step;
	}
	for (size_t j = w->n_pts; j-- > 0;) {
		tail = tail || (w->pts[j] & 1);
		w->end[w->pts[j] / 2] = (uint32_t)(e + 1) | (tail ? WALK_BLANK : 0);
	}
	*end = e;
	*blank = tail;
}

/*
 * The '[' that opens the text of a link whose "](" is at `i`: the nearest one
 * before it with balanced brackets between, in the same paragraph (no blank
 * line between), or SIZE_MAX. One walk over the body with a stack of the open
 * brackets, asked at increasing offsets.
 */
struct bracket_walk {
	size_t at; /* read up to here */
	size_t *stack, n, cap;
};

static size_t open_bracket(const struct rrm_article *a, struct bracket_walk *w, size_t i)
{
	const char *s = a->source;
	for (; w->at < i; w->at++) {
		char c = s[w->at];
		if (c == '[') {
			w->stack = rrm_grow(w->stack, &w->cap, w->n + 1, sizeof *w->stack);
			w->stack[w->n++] = w->at;
		} else if (c == ']') {
			if (w->n)
				w->n--;
		} else if (c == '\n' && w->at > 0 && s[w->at - 1] == '\n') {
			w->n = 0; /* a blank line: the brackets before it are no more */
		}
	}
	return w->n ? w->stack[w->n - 1] : SIZE_MAX;
}

void rrm_scan_source_links(struct rrm_article *a, const struct rrm_ranges *code,
			   const struct rrm_ranges *raw)
{
	size_t cc = 0, rc = 0; /* cursors in code and raw */
	const char *s = a->source;
	bool may_define = true; /* the line before was blank, a definition, or a block start */
	for (size_t li = 0; li < a->n_lines; li++) {
		size_t p = a->line_starts[li],
		       e = li + 1 < a->n_lines ? a->line_starts[li + 1] : a->len;
		if (p < a->body_begin || rrm_ranges_has(code, &cc, p)) {
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
			rrm_article_add_link(a, RRM_LINK_REF, s + d, de - d, d, de - d, false);
			may_define = true;
		}
	}
	/*
	 * [text]({{ site.baseurl }}/x): a destination that starts with template
	 * code holding a blank is no link to CommonMark, but is one once Liquid
	 * has run (Jekyll runs it first); links.c reads what it can of it.
	 */
	struct template_walk tw = {0};
	struct bracket_walk bw = {a->body_begin, NULL, 0, 0};
	for (size_t i = a->body_begin; i + 3 < a->len; i++) {
		if (s[i] != ']' || s[i + 1] != '(' || s[i + 2] != '{' ||
		    (s[i + 3] != '{' && s[i + 3] != '%') || rrm_ranges_has(code, &cc, i) ||
		    rrm_ranges_has(raw, &rc, i))
			continue;
		size_t d = i + 2, e;
		bool blank;
		template_destination(a, &tw, d, &e, &blank);
		if (!blank || e >= a->len || (s[e] != ')' && s[e] != ' ' && s[e] != '\t'))
			continue;
		/* an image when the text's opening bracket follows a '!' */
		size_t o = open_bracket(a, &bw, i);
		bool image = o != SIZE_MAX && o > a->body_begin && s[o - 1] == '!';
		rrm_article_add_link(a, image ? RRM_LINK_IMAGE : RRM_LINK_LINK, s + d, e - d, d,
				     e - d, false);
		i = e;
	}
	free(tw.end);
	free(tw.pts);
	free(bw.stack);
	/* {{< ref "x" >}}, {{% relref x %}}, {% link x %}, {% post_url x %} */
	for (size_t i = a->body_begin; i + 2 < a->len; i++) {
		if (s[i] != '{' || (s[i + 1] != '{' && s[i + 1] != '%') ||
		    rrm_ranges_has(code, &cc, i) || rrm_ranges_has(raw, &rc, i))
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
			rrm_article_add_link(a, kind, s + vs, ve - vs, vs, ve - vs, false);
		i = ve;
	}
}

/* Template code (see scan.h). */

void rrm_regions_release(struct rrm_regions *r)
{
	rrm_ranges_release(&r->hidden);
	rrm_ranges_release(&r->raw);
	free(r->sc);
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

/*
 * The first Liquid tag named `name` from `from` on. `c` and `c_end`
 * remember the last answer (`c->at` is where that tag starts, `c_end` its
 * end), which holds for any later `from` up to it.
 */
static bool find_liquid(const char *s, size_t len, size_t from, const char *name,
			struct next_cache *c, size_t *c_end, size_t *tb, size_t *te)
{
	if (c->known && from >= c->from && from <= c->at) {
		*tb = c->at;
		*te = *c_end;
		return c->at < len;
	}
	c->known = true;
	c->from = from;
	c->at = len;
	size_t nl = strlen(name);
	while (from + 1 < len) {
		const char *p = memchr(s + from, '{', len - from - 1);
		if (!p)
			return false;
		size_t i = (size_t)(p - s), nb, ne, end;
		if (liquid_tag(s, len, i, &nb, &ne, &end) && ne - nb == nl &&
		    !memcmp(s + nb, name, nl)) {
			*tb = c->at = i;
			*te = *c_end = end;
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
static bool shortcode_at(const char *s, size_t len, size_t i, struct rrm_shortcode *sc)
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

static bool sc_named(const char *s, const struct rrm_shortcode *sc, const char *name)
{
	size_t n = strlen(name);
	return sc->ne - sc->nb == n && !memcmp(s + sc->nb, name, n);
}

static bool same_name(const char *s, const struct rrm_shortcode *x, const struct rrm_shortcode *y)
{
	return x->ne - x->nb == y->ne - y->nb && !memcmp(s + x->nb, s + y->nb, x->ne - x->nb);
}

/* Shortcodes ordered by name, then by place. */
struct sc_key {
	const char *name;
	size_t len, k;
};

static int sc_key_cmp(const void *x, const void *y)
{
	const struct sc_key *a = x, *b = y;
	int c = memcmp(a->name, b->name, a->len < b->len ? a->len : b->len);
	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return (a->k > b->k) - (a->k < b->k);
}

/*
 * Pairs each closing tag with the nearest open one of its name before it
 * that is not paired yet: per name, a stack of the open tags.
 */
static void pair_shortcodes(const char *s, struct rrm_regions *r)
{
	if (!r->n_sc)
		return;
	struct sc_key *keys = rrm_malloc(r->n_sc * sizeof *keys);
	size_t *stack = rrm_malloc(r->n_sc * sizeof *stack), depth = 0;
	for (size_t k = 0; k < r->n_sc; k++)
		keys[k] = (struct sc_key){s + r->sc[k].nb, r->sc[k].ne - r->sc[k].nb, k};
	qsort(keys, r->n_sc, sizeof *keys, sc_key_cmp);
	for (size_t i = 0; i < r->n_sc; i++) {
		if (i > 0 && !same_name(s, &r->sc[keys[i - 1].k], &r->sc[keys[i].k]))
			depth = 0; /* the next name */
		size_t k = keys[i].k;
		struct rrm_shortcode *sc = &r->sc[k];
		if (sc->closing && depth > 0) {
			size_t j = stack[--depth];
			r->sc[j].pair = (long)k;
			sc->pair = (long)j;
		} else if (!sc->closing && !sc->self_closing) {
			stack[depth++] = k;
		}
	}
	free(stack);
	free(keys);
}

void rrm_scan_regions(const struct rrm_article *a, const struct rrm_render *opt,
		      struct rrm_regions *r)
{
	const char *s = a->source;
	size_t len = a->len;
	/* where the next '}', line break, "{:/" and end tags are */
	struct next_cache brace = {0}, nl = {0}, kd_end = {0}, kd_brace = {0}, liquid[3] = {{0}};
	size_t liquid_end[3] = {0};
	for (size_t i = a->body_begin; i + 1 < len; i++) {
		const char *p = memchr(s + i, '{', len - i - 1);
		if (!p)
			break;
		i = (size_t)(p - s);
		size_t nb, ne, end, tb, te;
		struct rrm_shortcode sc;
		if (s[i + 1] == '%' && liquid_tag(s, len, i, &nb, &ne, &end)) {
			static const char *const blocks[][2] = {{"raw", "endraw"},
								{"comment", "endcomment"},
								{"highlight", "endhighlight"}};
			for (size_t k = 0; k < 3; k++) {
				if (ne - nb != strlen(blocks[k][0]) ||
				    memcmp(s + nb, blocks[k][0], ne - nb) ||
				    !find_liquid(s, len, end, blocks[k][1], &liquid[k],
						 &liquid_end[k], &tb, &te))
					continue;
				if (k ==
				    0) { /* its tags are gone once Liquid ran; its text stays */
					rrm_ranges_add(&r->raw, end, tb);
					rrm_ranges_add(&r->hidden, i, end);
					rrm_ranges_add(&r->hidden, tb, te);
				} else
					rrm_ranges_add(&r->hidden, i, te);
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
			size_t close = next_of(&brace, s, len, i, "}", 1);
			if (close == len || next_of(&nl, s, len, i, "\n", 1) < close)
				continue;
			size_t xe = close + 1;
			bool comment = xe - i == 11 && !memcmp(s + i, "{::comment}", 11);
			bool nomarkdown = xe - i >= 14 && !memcmp(s + i, "{::nomarkdown", 13);
			if (s[xe - 2] == '/') {
				rrm_ranges_add(&r->hidden, i, xe);
				i = xe - 1;
			} else if (comment || nomarkdown) {
				size_t e1 = next_of(&kd_end, s, len, xe, "{:/", 3);
				size_t e2 = e1 < len ? next_of(&kd_brace, s, len, e1, "}", 1) : len;
				if (e2 < len) {
					size_t stop = e2 + 1;
					rrm_ranges_add(&r->hidden, i, stop);
					i = stop - 1;
				}
			}
		}
	}
	pair_shortcodes(s, r);
	rrm_ranges_seal(&r->raw);
	rrm_ranges_seal(&r->hidden);
	/* the code shortcodes, outermost first: one inside another is skipped
	 * (they come in source order: inside one when before the furthest end) */
	struct rrm_ranges code_sc = {0};
	size_t hc = 0, inner_end = 0;
	static const char *const defaults[] = RRM_CODE_SHORTCODES;
	char *const *names = opt ? opt->code_shortcodes : (char *const *)defaults;
	size_t n_names = opt ? opt->n_code_shortcodes : sizeof defaults / sizeof *defaults;
	for (size_t k = 0; k < r->n_sc; k++) {
		const struct rrm_shortcode *o = &r->sc[k];
		if (o->closing || o->pair < 0 || o->begin < inner_end ||
		    rrm_ranges_has(&r->hidden, &hc, o->begin))
			continue;
		bool code = false;
		for (size_t n = 0; n < n_names && !code; n++)
			code = sc_named(s, o, names[n]);
		if (code) {
			size_t end = r->sc[o->pair].end;
			rrm_ranges_add(&code_sc, o->begin, end);
			inner_end = end > inner_end ? end : inner_end;
		}
	}
	for (size_t k = 0; k < code_sc.n; k++)
		rrm_ranges_add(&r->hidden, code_sc.v[k].begin, code_sc.v[k].end);
	rrm_ranges_release(&code_sc);
	rrm_ranges_seal(&r->hidden);
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
static char *first_argument(const char *s, const struct rrm_shortcode *sc)
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
/* The line (0-based) that holds offset `off`. */
static size_t line_of(const struct rrm_article *a, size_t off)
{
	size_t lo = 0, hi = a->n_lines; /* the last start <= off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The indentation of each line: the spaces it starts with, UINT32_MAX for a
 * blank line; in a tree of minimums (leaves at t[n + line]), for the least
 * indentation of any run of lines in logarithmic time.
 */
struct indents {
	size_t n;
	uint32_t *t;
};

static void indents_build(const struct rrm_article *a, struct indents *ind)
{
	size_t n = a->n_lines;
	ind->n = n;
	ind->t = rrm_malloc(2 * n * sizeof *ind->t);
	for (size_t l = 0; l < n; l++) {
		size_t b = a->line_starts[l], w = 0;
		while (b + w < a->len && a->source[b + w] == ' ')
			w++;
		bool text = b + w < a->len && a->source[b + w] != '\n' && a->source[b + w] != '\r';
		ind->t[n + l] = text ? (uint32_t)w : UINT32_MAX; /* a file is under 4 GiB */
	}
	for (size_t i = n; i-- > 1;)
		ind->t[i] = ind->t[2 * i] < ind->t[2 * i + 1] ? ind->t[2 * i] : ind->t[2 * i + 1];
}

/* The least indentation of lines [l1, l2). */
static uint32_t indents_min(const struct indents *ind, size_t l1, size_t l2)
{
	uint32_t m = UINT32_MAX;
	for (l1 += ind->n, l2 += ind->n; l1 < l2; l1 /= 2, l2 /= 2) {
		if (l1 & 1) {
			m = ind->t[l1] < m ? ind->t[l1] : m;
			l1++;
		}
		if (l2 & 1) {
			l2--;
			m = ind->t[l2] < m ? ind->t[l2] : m;
		}
	}
	return m;
}

void rrm_scan_classify_shortcodes(struct rrm_article *a, const struct rrm_regions *r,
				  const struct rrm_ranges *code, const struct rrm_ranges *heads)
{
	const char *s = a->source;
	size_t hc = 0, cc = 0, dc = 0; /* cursors: hidden, code, heads */
	for (size_t k = 0; k < r->n_sc; k++) {
		const struct rrm_shortcode *sc = &r->sc[k];
		if (!sc->percent || sc->closing || sc->pair >= 0 || sc_named(s, sc, "param") ||
		    sc_named(s, sc, "ref") || sc_named(s, sc, "relref") ||
		    rrm_ranges_has(&r->hidden, &hc, sc->begin) ||
		    rrm_ranges_has(code, &cc, sc->begin) || rrm_ranges_has(heads, &dc, sc->begin))
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
	struct indents ind = {0};
	hc = cc = 0;
	for (size_t k = 0; k < r->n_sc && !a->shortcode_content; k++) {
		const struct rrm_shortcode *sc = &r->sc[k];
		if (sc->closing || sc->pair < 0 || rrm_ranges_has(&r->hidden, &hc, sc->begin) ||
		    rrm_ranges_has(code, &cc, sc->begin))
			continue;
		if (!ind.t)
			indents_build(a, &ind);
		/* the blanks before the tag on its line (the tag is no blank) */
		size_t indent = ind.t[ind.n + line_of(a, sc->begin)];
		if (!indent)
			continue;
		/* a line less indented, not blank, that starts and has text before the
		 * closing tag */
		size_t stop = r->sc[sc->pair].begin;
		size_t l1 = line_of(a, sc->end) + 1, l2 = line_of(a, stop - 1) + 1;
		if (l2 > l1 && ind.t[ind.n + l2 - 1] != UINT32_MAX &&
		    a->line_starts[l2 - 1] + ind.t[ind.n + l2 - 1] >= stop)
			l2--;
		if (l1 < l2 && indents_min(&ind, l1, l2) < indent)
			a->shortcode_content = true;
	}
	free(ind.t);
}

bool rrm_scan_has_shortcode(const struct rrm_article *a, size_t b, size_t e)
{
	struct rrm_shortcode sc;
	for (size_t i = b; i + 3 < e; i++)
		if (a->source[i] == '{' && shortcode_at(a->source, e, i, &sc))
			return true;
	return false;
}

/* kramdown's attribute lists (see scan.h). */

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
	for (size_t k = a->line_starts[li], e = rrm_article_line_end(a, li); k < e; k++)
		if (a->source[k] != ' ' && a->source[k] != '\t')
			return false;
	return true;
}

/* The IALs of the body, outside code and template code. */
void rrm_scan_ials(const struct rrm_article *a, const struct rrm_ranges *code,
		   const struct rrm_regions *rg, struct rrm_ials *out)
{
	const char *s = a->source;
	size_t cc = 0, hc = 0; /* cursors: code, hidden */
	for (size_t li = 0; li < a->n_lines; li++) {
		size_t ls = a->line_starts[li], le = rrm_article_line_end(a, li);
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
		    !rrm_ranges_has(code, &cc, q) && !rrm_ranges_has(&rg->hidden, &hc, q)) {
			out->v = rrm_grow(out->v, &out->cap, out->n + 1, sizeof *out->v);
			out->v[out->n++] =
				(struct rrm_ial){q, t, (int)li + 1, true, ial_id(s, q, t)};
			continue;
		}
		size_t close = ls; /* the first '}' from `close` on, once looked for */
		for (size_t p = ls; p + 2 < le; p++) {
			if (s[p] != '{' || s[p + 1] != ':' || s[p + 2] == ':' || s[p + 2] == '/' ||
			    rrm_ranges_has(code, &cc, p) || rrm_ranges_has(&rg->hidden, &hc, p))
				continue;
			if (close <= p) {
				const char *c = memchr(s + p, '}', le - p);
				close = c ? (size_t)(c - s) : le;
			}
			if (close >= le)
				break;
			size_t e = close + 1;
			/* only right after a span element (emphasis, a link, code); after
			 * text kramdown leaves it as text */
			if (p == ls || !strchr("*_)]`>", s[p - 1]))
				continue;
			out->v = rrm_grow(out->v, &out->cap, out->n + 1, sizeof *out->v);
			out->v[out->n++] =
				(struct rrm_ial){p, e, (int)li + 1, false, ial_id(s, p, e)};
			p = e - 1;
		}
	}
}

/*
 * Gives each IAL id to its block: the block directly before a block IAL, or
 * else the next one. A heading takes it as its id; any other block or span
 * gets it as an anchor.
 */
/* Headings (not terms) by a line, then in document order. */
struct heading_key {
	int line;
	size_t k;
};

static int heading_key_cmp(const void *x, const void *y)
{
	const struct heading_key *a = x, *b = y;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return (a->k > b->k) - (a->k < b->k);
}

static struct heading_key *heading_index(const struct rrm_article *a, bool end, size_t *n)
{
	struct heading_key *v = rrm_malloc((a->n_headings + 1) * sizeof *v);
	*n = 0;
	for (size_t k = 0; k < a->n_headings; k++)
		if (!a->headings[k].term)
			v[(*n)++] = (struct heading_key){
				end ? a->headings[k].end_line : a->headings[k].line, k};
	qsort(v, *n, sizeof *v, heading_key_cmp);
	return v;
}

/* The first heading in document order on `line`, or NULL. */
static struct rrm_heading *heading_on(struct rrm_article *a, const struct heading_key *v, size_t n,
				      int line)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].line == line ? &a->headings[v[lo].k] : NULL;
}

void rrm_ials_apply(struct rrm_article *a, struct rrm_ials *v)
{
	struct heading_key *by_line = NULL, *by_end = NULL;
	size_t n_line = 0, n_end = 0;
	for (size_t i = 0; i < v->n; i++) {
		struct rrm_ial *x = &v->v[i];
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
		/* the heading the block IAL is on: its end line before, or its line next */
		struct rrm_heading *target = NULL;
		if (x->block && !by_line) {
			by_line = heading_index(a, false, &n_line);
			by_end = heading_index(a, true, &n_end);
		}
		if (x->block)
			target = before ? heading_on(a, by_end, n_end, x->line - 1)
					: heading_on(a, by_line, n_line, (int)next + 1);
		if (target) {
			free(target->ial_id);
			target->ial_id = x->id;
		} else {
			rrm_article_add_html_id(a, x->id, x->begin, true);
		}
		x->id = NULL;
	}
	free(by_line);
	free(by_end);
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
struct dest_walk {
	size_t at;    /* read up to here */
	bool in_dest; /* a "](" came after the last blank */
};

static bool in_destination(const struct rrm_article *a, struct dest_walk *w, size_t at)
{
	const char *s = a->source;
	if (w->at < a->body_begin + 1)
		w->at = a->body_begin + 1;
	for (; w->at < at; w->at++) { /* asked at increasing offsets: each byte read once */
		char c = s[w->at];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			w->in_dest = false;
		else if (c == '(' && s[w->at - 1] == ']')
			w->in_dest = true;
	}
	return w->in_dest;
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

void rrm_ials_blank(const struct rrm_ials *v, char *copy)
{
	/* a block IAL's line is blank; a span IAL becomes "<?  ?>", which cmark
	 * reads as HTML that adds no text (a heading's id is made without it) */
	for (size_t i = 0; i < v->n; i++) {
		const struct rrm_ial *x = &v->v[i];
		blank_out(copy, x->begin, x->end);
		if (!x->block && x->end - x->begin >= 4)
			memcpy(copy + x->begin, "<?", 2), memcpy(copy + x->end - 2, "?>", 2);
	}
}

void rrm_ials_release(struct rrm_ials *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->v[i].id);
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
}

char *rrm_scan_cmark_text(const struct rrm_article *a, const struct rrm_regions *r)
{
	char *copy = rrm_malloc(a->len + 1);
	memcpy(copy, a->source, a->len + 1);
	blank_out(copy, 0, a->body_begin);
	for (size_t i = 0; i < r->hidden.n; i++)
		blank_out(copy, r->hidden.v[i].begin, r->hidden.v[i].end);
	struct dest_walk w = {0, false};
	for (size_t i = 0; i < r->n_sc; i++) /* in source order */
		if (in_destination(a, &w, r->sc[i].begin))
			fill_blanks(copy, r->sc[i].begin, r->sc[i].end);
	return copy;
}
