#include "lsp/position.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

const char *rrm_lsp_encoding_name(enum rrm_lsp_encoding e)
{
	return e == RRM_LSP_UTF8 ? "utf-8" : e == RRM_LSP_UTF32 ? "utf-32" : "utf-16";
}

/* One character at line[i]: its length in bytes, and its units in `e`. */
static size_t step(const char *line, size_t len, size_t i, enum rrm_lsp_encoding e, size_t *units)
{
	int32_t cp;
	size_t l = rrm_utf8_decode(line + i, len - i, &cp);
	if (l < 1 || cp < 0)
		l = 1; /* a stray byte: one U+FFFD */
	if (l > len - i)
		l = len - i;
	switch (e) {
	case RRM_LSP_UTF8: *units = l; break;
	case RRM_LSP_UTF32: *units = 1; break;
	default: *units = cp >= 0x10000 ? 2 : 1;
	}
	return l;
}

size_t rrm_lsp_units(const char *line, size_t len, size_t byte, enum rrm_lsp_encoding e)
{
	if (byte > len)
		byte = len;
	size_t n = 0;
	for (size_t i = 0; i < byte;) {
		size_t u;
		i += step(line, len, i, e, &u);
		n += u;
	}
	return n;
}

size_t rrm_lsp_byte(const char *line, size_t len, size_t units, enum rrm_lsp_encoding e)
{
	size_t i = 0, n = 0;
	while (i < len) {
		size_t u;
		size_t l = step(line, len, i, e, &u);
		if (n + u > units)
			break;
		n += u;
		i += l;
	}
	return i;
}

size_t rrm_lsp_column_byte(const char *line, size_t len, int column)
{
	size_t i = 0;
	for (int c = 1; c < column && i < len; c++) {
		size_t u;
		i += step(line, len, i, RRM_LSP_UTF32, &u);
	}
	return i;
}

size_t rrm_lsp_line(const char *text, size_t len, size_t line, size_t *line_len)
{
	size_t i = 0;
	for (size_t l = 0; l < line; l++) {
		while (i < len && text[i] != '\n' && text[i] != '\r')
			i++;
		if (i >= len) {
			*line_len = 0;
			return len;
		}
		i += text[i] == '\r' && i + 1 < len && text[i + 1] == '\n' ? 2 : 1;
	}
	size_t end = i;
	while (end < len && text[end] != '\n' && text[end] != '\r')
		end++;
	*line_len = end - i;
	return i;
}

size_t rrm_lsp_offset(const char *text, size_t len, size_t line, size_t character,
		      enum rrm_lsp_encoding e)
{
	size_t ll;
	size_t start = rrm_lsp_line(text, len, line, &ll);
	return start + rrm_lsp_byte(text + start, ll, character, e);
}

void rrm_lsp_lines_init(struct rrm_lsp_lines *l, const char *text, size_t len)
{
	l->text = text;
	l->len = len;
	size_t cap = 64;
	l->start = rrm_malloc(cap * sizeof *l->start);
	l->n = 0;
	l->start[l->n++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '\n' && text[i] != '\r')
			continue;
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		if (i + 1 >= len)
			break; /* a line end at the very end starts no line */
		if (l->n == cap) {
			cap *= 2;
			l->start = rrm_realloc(l->start, cap * sizeof *l->start);
		}
		l->start[l->n++] = i + 1;
	}
}

void rrm_lsp_lines_release(struct rrm_lsp_lines *l)
{
	free(l->start);
	memset(l, 0, sizeof *l);
}

size_t rrm_lsp_lines_get(const struct rrm_lsp_lines *l, size_t line, size_t *line_len)
{
	if (line >= l->n) {
		/* the empty line after a final line end, else past the text */
		*line_len = 0;
		return l->len;
	}
	size_t s = l->start[line], e = s;
	while (e < l->len && l->text[e] != '\n' && l->text[e] != '\r')
		e++;
	*line_len = e - s;
	return s;
}

void rrm_lsp_lines_position(const struct rrm_lsp_lines *l, size_t offset, enum rrm_lsp_encoding e,
			    size_t *line, size_t *character)
{
	if (offset > l->len)
		offset = l->len;
	/* the last line starting at or before the offset */
	size_t lo = 0, hi = l->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	/* an offset at the text's end after a final line end is on the next line */
	if (offset == l->len && l->len > 0 &&
	    (l->text[l->len - 1] == '\n' || l->text[l->len - 1] == '\r') && l->start[lo] < offset)
		lo = l->n;
	size_t ll;
	size_t s = rrm_lsp_lines_get(l, lo, &ll);
	*line = lo;
	*character = rrm_lsp_units(l->text + s, ll, offset > s ? offset - s : 0, e);
}
