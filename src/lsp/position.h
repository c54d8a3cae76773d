/*
 * position.h - LSP positions: a line number and a character offset counted
 * in the negotiated encoding (UTF-16 code units by default, UTF-8 bytes or
 * UTF-32 code points when the client offers them) against byte offsets in
 * rrm's UTF-8 text, and rrm's columns (1-based code points).
 *
 * Invalid UTF-8: each byte that does not start a valid sequence is one code
 * point (U+FFFD: one unit in UTF-16 and UTF-32, one byte in UTF-8), as
 * rrm_utf8_decode reads it; nothing is read past the given length.
 */
#ifndef RRM_LSP_POSITION_H
#define RRM_LSP_POSITION_H

#include <stddef.h>

enum rrm_lsp_encoding { RRM_LSP_UTF16 = 0, RRM_LSP_UTF8, RRM_LSP_UTF32 };

/* "utf-16", "utf-8", "utf-32". */
const char *rrm_lsp_encoding_name(enum rrm_lsp_encoding e);

/* The units of encoding `e` in line[0..byte) (`byte` clamped to `len`). */
size_t rrm_lsp_units(const char *line, size_t len, size_t byte, enum rrm_lsp_encoding e);
/*
 * The byte offset in line[0..len) of `units` units of encoding `e`: past the
 * line's end, `len`; inside a character (half of a surrogate pair, a byte
 * inside a UTF-8 sequence), the start of that character.
 */
size_t rrm_lsp_byte(const char *line, size_t len, size_t units, enum rrm_lsp_encoding e);
/* The byte offset in line[0..len) of rrm's 1-based code point column (clamped). */
size_t rrm_lsp_column_byte(const char *line, size_t len, int column);

/*
 * Lines of a text (LF, CRLF or CR end a line, as rrm counts them): the byte
 * offset where 0-based line `line` starts and its length without its line
 * end. Past the last line: the text's end and 0. Returns the start.
 */
size_t rrm_lsp_line(const char *text, size_t len, size_t line, size_t *line_len);
/* The byte offset in text[0..len) of the LSP position (line, character), clamped. */
size_t rrm_lsp_offset(const char *text, size_t len, size_t line, size_t character,
		      enum rrm_lsp_encoding e);

/*
 * The lines of one text, found once (for a text with many positions to
 * convert: each lookup is then O(1) or O(log lines), not a scan from the
 * start). Lines end as rrm_lsp_line counts them.
 */
struct rrm_lsp_lines {
	const char *text;
	size_t len;
	size_t *start; /* start[i]: the offset of 0-based line i */
	size_t n;
};
void rrm_lsp_lines_init(struct rrm_lsp_lines *l, const char *text, size_t len);
void rrm_lsp_lines_release(struct rrm_lsp_lines *l);
/* As rrm_lsp_line. */
size_t rrm_lsp_lines_get(const struct rrm_lsp_lines *l, size_t line, size_t *line_len);
/*
 * The LSP position (0-based line, character in `e`) of byte `offset` of the
 * text (clamped; an offset between the CR and the LF of a CRLF is the line's end).
 */
void rrm_lsp_lines_position(const struct rrm_lsp_lines *l, size_t offset, enum rrm_lsp_encoding e,
			    size_t *line, size_t *character);

#endif
