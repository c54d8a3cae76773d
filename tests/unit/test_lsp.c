/* Unit tests: the language server's positions (lsp/position.c) and framing (lsp/rpc.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lsp/position.h"
#include "lsp/rpc.h"

/* "a🦀é b": a (1 byte), crab (4 bytes, astral), é (2 bytes), space, b */
static const char LINE[] = "a\xf0\x9f\xa6\x80\xc3\xa9 b";

static void test_units(void **state)
{
	(void)state;
	size_t n = strlen(LINE);
	/* before 'b' (byte 8): UTF-16 1+2+1+1 = 5, UTF-8 8, UTF-32 4 */
	assert_int_equal(rrm_lsp_units(LINE, n, 8, RRM_LSP_UTF16), 5);
	assert_int_equal(rrm_lsp_units(LINE, n, 8, RRM_LSP_UTF8), 8);
	assert_int_equal(rrm_lsp_units(LINE, n, 8, RRM_LSP_UTF32), 4);
	/* past the end: clamped */
	assert_int_equal(rrm_lsp_units(LINE, n, 99, RRM_LSP_UTF16), 6);
	/* back to bytes */
	assert_int_equal(rrm_lsp_byte(LINE, n, 5, RRM_LSP_UTF16), 8);
	assert_int_equal(rrm_lsp_byte(LINE, n, 4, RRM_LSP_UTF32), 8);
	assert_int_equal(rrm_lsp_byte(LINE, n, 8, RRM_LSP_UTF8), 8);
	/* inside the surrogate pair: the start of the crab; past the end: the end */
	assert_int_equal(rrm_lsp_byte(LINE, n, 2, RRM_LSP_UTF16), 1);
	assert_int_equal(rrm_lsp_byte(LINE, n, 3, RRM_LSP_UTF8), 1);
	assert_int_equal(rrm_lsp_byte(LINE, n, 100, RRM_LSP_UTF16), n);
	/* rrm's code point columns */
	assert_int_equal(rrm_lsp_column_byte(LINE, n, 1), 0);
	assert_int_equal(rrm_lsp_column_byte(LINE, n, 3), 5);
	assert_int_equal(rrm_lsp_column_byte(LINE, n, 99), n);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	/* a stray continuation byte, a truncated sequence at the end */
	static const char bad[] = "\x80x\xf0\x9f";
	size_t n = sizeof bad - 1;
	assert_int_equal(rrm_lsp_units(bad, n, n, RRM_LSP_UTF16), 4);
	assert_int_equal(rrm_lsp_units(bad, n, n, RRM_LSP_UTF8), 4);
	assert_int_equal(rrm_lsp_byte(bad, n, 2, RRM_LSP_UTF16), 2);
	assert_int_equal(rrm_lsp_byte(bad, n, 9, RRM_LSP_UTF32), n);
	assert_int_equal(rrm_lsp_column_byte(bad, n, 3), 2);
}

static void test_lines(void **state)
{
	(void)state;
	static const char t[] = "one\r\ntwo\rthree\nfour";
	size_t n = sizeof t - 1, ll;
	assert_int_equal(rrm_lsp_line(t, n, 0, &ll), 0);
	assert_int_equal(ll, 3);
	assert_int_equal(rrm_lsp_line(t, n, 1, &ll), 5);
	assert_int_equal(ll, 3);
	assert_int_equal(rrm_lsp_line(t, n, 2, &ll), 9);
	assert_int_equal(ll, 5);
	assert_int_equal(rrm_lsp_line(t, n, 3, &ll), 15);
	assert_int_equal(ll, 4);
	assert_int_equal(rrm_lsp_line(t, n, 7, &ll), n);
	assert_int_equal(ll, 0);
	/* positions: clamped to the line's end, past the last line the text's end */
	assert_int_equal(rrm_lsp_offset(t, n, 1, 1, RRM_LSP_UTF16), 6);
	assert_int_equal(rrm_lsp_offset(t, n, 1, 50, RRM_LSP_UTF16), 8);
	assert_int_equal(rrm_lsp_offset(t, n, 9, 0, RRM_LSP_UTF16), n);
	assert_string_equal(rrm_lsp_encoding_name(RRM_LSP_UTF32), "utf-32");
}

/* The position by a scan from the start: the reference the line table must agree with. */
static void scan_position(const char *text, size_t len, size_t offset, enum rrm_lsp_encoding e,
			  size_t *line, size_t *character)
{
	if (offset > len)
		offset = len;
	size_t l = 0;
	for (size_t i = 0; i < offset; i++)
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
			l++;
	size_t ll;
	size_t s = rrm_lsp_line(text, len, l, &ll);
	*line = l;
	/* an offset between the CR and the LF of a CRLF is the line's end */
	*character = rrm_lsp_units(text + s, ll, offset > s ? offset - s : 0, e);
}

/* The line table gives what the scans from the start give, for every line and offset. */
static void test_line_table(void **state)
{
	(void)state;
	static const char *texts[] = {
		"",
		"a",
		"\n",
		"one\r\ntwo\rthree\nfour",
		"x\n\n\r\r\n\ny",
		"end\r\n",
		"end\r",
		"\xF0\x9F\xA6\x80 crab\n\xC3\xA9t\xC3\xA9\r\n\xFF\xFE bad\n",
	};
	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
		const char *t = texts[k];
		size_t n = strlen(t);
		struct rrm_lsp_lines l;
		rrm_lsp_lines_init(&l, t, n);
		for (size_t line = 0; line < n + 3; line++) {
			size_t a, b;
			assert_int_equal(rrm_lsp_lines_get(&l, line, &a),
					 rrm_lsp_line(t, n, line, &b));
			assert_int_equal(a, b);
		}
		for (size_t off = 0; off <= n + 1; off++)
			for (int e = RRM_LSP_UTF16; e <= RRM_LSP_UTF32; e++) {
				size_t l1, c1, l2, c2;
				rrm_lsp_lines_position(&l, off, (enum rrm_lsp_encoding)e, &l1, &c1);
				scan_position(t, n, off, (enum rrm_lsp_encoding)e, &l2, &c2);
				if (l1 != l2 || c1 != c2)
					fail_msg("text %zu offset %zu: %zu:%zu, scan %zu:%zu", k,
						 off, l1, c1, l2, c2);
			}
		rrm_lsp_lines_release(&l);
	}
}

/* Reads every message of `input` through a pipe; writes "M:body" or "B:why" lines to `out`. */
static void read_all(const char *input, size_t max, char *out, size_t size)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], input, strlen(input)), (ssize_t)strlen(input));
	close(fds[1]);
	struct rrm_lsp_reader r;
	rrm_lsp_reader_init(&r, fds[0]);
	out[0] = '\0';
	for (;;) {
		char *body, *why;
		size_t len;
		enum rrm_rpc_read k = rrm_lsp_read(&r, max, &body, &len, &why);
		if (k == RRM_RPC_EOF)
			break;
		size_t at = strlen(out);
		snprintf(out + at, size - at, "%s:%s\n", k == RRM_RPC_MESSAGE ? "M" : "B",
			 k == RRM_RPC_MESSAGE ? body : why);
		free(body);
		free(why);
	}
	assert_true(r.eof); /* the last message is cut short */
	rrm_lsp_reader_release(&r);
	close(fds[0]);
}

static void test_framing(void **state)
{
	(void)state;
	char out[1024];
	read_all("Content-Length: 2\r\n\r\n{}"
		 "content-length:3\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n[1]"
		 "X: 1\r\n\r\n"
		 "Content-Length: 12\r\n\r\n0123456789ab"
		 "Content-Length: 1x\r\n\r\n"
		 "Content-Length: 1\n\n7"
		 "Content-Length: 5\r\n\r\n{",
		 10, out, sizeof out);
	assert_string_equal(out, "M:{}\n"
				 "M:[1]\n"
				 "B:no valid Content-Length header\n"
				 "B:a message of 12 bytes, more than the limit of 10\n"
				 "B:no valid Content-Length header\n"
				 "M:7\n");
}

static void test_messages(void **state)
{
	(void)state;
	struct rrm_lsp_msg m;
	char *why;
	static const char req[] = "{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"method\":\"x/y\","
				  "\"params\":{\"n\":3,\"s\":\"t\",\"b\":true,\"o\":{\"k\":1}}}";
	assert_int_equal(rrm_lsp_msg_parse(req, strlen(req), &m, &why), 0);
	assert_string_equal(m.method, "x/y");
	assert_string_equal(m.id, "\"a\\\"b\"");
	long long n = 0;
	assert_true(rrm_lsp_int(m.params, "n", &n));
	assert_int_equal(n, 3);
	assert_false(rrm_lsp_int(m.params, "s", &n));
	assert_string_equal(rrm_lsp_str(m.params, "s"), "t");
	assert_null(rrm_lsp_str(m.params, "n"));
	assert_true(rrm_lsp_bool(m.params, "b"));
	assert_non_null(rrm_lsp_path(m.params, "o", "k", NULL));
	assert_null(rrm_lsp_path(m.params, "o", "z", NULL));
	rrm_lsp_msg_release(&m);

	static const char note[] = "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}";
	assert_int_equal(rrm_lsp_msg_parse(note, strlen(note), &m, &why), 0);
	assert_null(m.id);
	assert_null(m.params);
	rrm_lsp_msg_release(&m);

	static const struct {
		const char *text;
		int code;
	} bad[] = {
		{"{", RRM_RPC_PARSE_ERROR},
		{"[]", RRM_RPC_INVALID_REQUEST},
		{"{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"m\"}", RRM_RPC_INVALID_REQUEST},
		{"{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"m\"}", RRM_RPC_INVALID_REQUEST},
		{"{\"jsonrpc\":\"2.0\",\"id\":1}", RRM_RPC_INVALID_REQUEST},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int code = rrm_lsp_msg_parse(bad[i].text, strlen(bad[i].text), &m, &why);
		if (code != bad[i].code)
			fail_msg("%s: want %d, got %d", bad[i].text, bad[i].code, code);
		assert_non_null(why);
		free(why);
		rrm_lsp_msg_release(&m);
	}
}

static void test_writer(void **state)
{
	(void)state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	struct rrm_lsp_writer w;
	rrm_lsp_writer_init(&w, fds[1]);
	assert_true(rrm_lsp_reply(&w, "1", "null"));
	assert_true(rrm_lsp_reply_error(&w, NULL, -32601, "no \"x\""));
	assert_true(rrm_lsp_call(&w, NULL, "m", "{}"));
	close(fds[1]);
	char buf[512] = "";
	ssize_t n = read(fds[0], buf, sizeof buf - 1);
	assert_true(n > 0);
	assert_string_equal(
		buf, "Content-Length: 38\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}"
		     "Content-Length: 72\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":"
		     "{\"code\":-32601,\"message\":\"no \\\"x\\\"\"}}"
		     "Content-Length: 42\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"m\","
		     "\"params\":{}}");
	close(fds[0]);
	rrm_lsp_writer_release(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units),   cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_lines),   cmocka_unit_test(test_line_table),
		cmocka_unit_test(test_framing), cmocka_unit_test(test_messages),
		cmocka_unit_test(test_writer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
