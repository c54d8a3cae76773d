#define _GNU_SOURCE /* memmem */
#include "lib/article.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/markdown.h"
#include "lib/scan.h"
#include "lib/util.h"

void rrm_article_init(struct rrm_article *a)
{
	memset(a, 0, sizeof *a);
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

size_t rrm_article_line_end(const struct rrm_article *a, size_t i)
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
	size_t i = (size_t)line - 1, off = a->line_starts[i], end = rrm_article_line_end(a, i);
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
	size_t s = a->line_starts[i], e = rrm_article_line_end(a, i), n = strlen(fence);
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
		size_t s = 0, e = rrm_article_line_end(a, 0);
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

void rrm_article_add_link(struct rrm_article *a, enum rrm_link_kind kind, const char *dest,
			  size_t dlen, size_t offset, size_t srclen, bool html)
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

void rrm_article_add_html_id(struct rrm_article *a, char *id, size_t at, bool ial)
{
	a->html_ids =
		rrm_grow(a->html_ids, &a->cap_html_ids, a->n_html_ids + 1, sizeof *a->html_ids);
	struct rrm_html_id *h = &a->html_ids[a->n_html_ids++];
	h->id = id;
	h->ial = ial;
	rrm_article_pos(a, at, &h->line, &h->column);
}

void rrm_article_add_prose(struct rrm_article *a, char *text, size_t len, struct rrm_segment *segs,
			   size_t n_segs, bool front_matter)
{
	a->prose = rrm_grow(a->prose, &a->cap_prose, a->n_prose + 1, sizeof *a->prose);
	struct rrm_prose *p = &a->prose[a->n_prose++];
	p->len = len;
	p->text = text;
	p->segs = segs;
	p->n_segs = n_segs;
	p->front_matter = front_matter;
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
			size_t len = strlen(s->value);
			struct rrm_segment *seg = rrm_malloc(sizeof *seg);
			*seg = (struct rrm_segment){0, len, sb, se < sb ? sb : se};
			rrm_article_add_prose(a, rrm_strdup(s->value), len, seg, 1, true);
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
	/* a single-quoted YAML value: each ' of it is written '' */
	bool sq = p->front_matter && g->src_begin > 0 && src[g->src_begin - 1] == '\'';
	if (c->seg == lo && c->i <= want) { /* the walk is the same up to there: resume */
		i = c->i;
		j = c->j;
	}
	while (i < want && j < end) {
		size_t el = src[j] == '&' ? entity_len(src + j, end - j) : 0;
		if (el) { /* an entity stands for one character of the text */
			j += el;
			i += utf8_len((unsigned char)lit[i]);
		} else if (sq && src[j] == '\'' && lit[i] == '\'' && j + 1 < end &&
			   src[j + 1] == '\'') {
			i++, j += 2; /* '' in a single-quoted YAML value: one ' of the text */
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
	if (reached > 0 && reached < a->len && src[reached] == '\n' && src[reached - 1] == '\r')
		reached--; /* nor between the two bytes of a CRLF line break */
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
		rrm_scan_html(a, a->source, a->source + a->body_begin, a->body_begin);
	} else if (flags & RRM_ARTICLE_BODY) {
		rrm_markdown_read(a, (flags & RRM_ARTICLE_PROSE) != 0, r);
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
