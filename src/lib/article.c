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
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING)
			add_heading(a, n);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
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
