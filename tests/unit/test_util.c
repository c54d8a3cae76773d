/* Unit tests: util (UTF-8, paths, globs, buffers). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/util.h"

static size_t check(const char *s, size_t n, bool *nul)
{
	return rrm_utf8_check(s, n, nul);
}

static void test_utf8_check(void **state)
{
	(void)state;
	bool nul;
	assert_int_equal(check("abc", 3, &nul), 3);
	assert_int_equal(check("Goïta’s", strlen("Goïta’s"), &nul), strlen("Goïta’s"));
	assert_int_equal(check("a\xff", 2, &nul), 1);
	assert_false(nul);
	assert_int_equal(check("ab\0c", 4, &nul), 2);
	assert_true(nul);
	/* overlong "/" */
	assert_int_equal(check("x\xc0\xaf", 3, &nul), 1);
	/* overlong 3-byte */
	assert_int_equal(check("\xe0\x80\xaf", 3, &nul), 0);
	/* lone surrogate U+D800 */
	assert_int_equal(check("ok\xed\xa0\x80", 5, &nul), 2);
	/* above U+10FFFF */
	assert_int_equal(check("\xf4\x90\x80\x80", 4, &nul), 0);
	/* truncated sequence at the end */
	assert_int_equal(check("a\xe2\x80", 3, &nul), 1);
	/* a 4-byte emoji is fine */
	assert_int_equal(check("\xf0\x9f\x98\x80", 4, &nul), 4);
}

static void test_utf8_count(void **state)
{
	(void)state;
	assert_int_equal(rrm_utf8_count("", 0), 0);
	assert_int_equal(rrm_utf8_count("abc", 3), 3);
	assert_int_equal(rrm_utf8_count("é–’", strlen("é–’")), 3);
	assert_int_equal(rrm_utf8_count("\xf0\x9f\x98\x80x", 5), 2);
}

static void expect_norm(const char *in, const char *out)
{
	char *n = rrm_path_normalize(in);
	assert_string_equal(n, out);
	free(n);
}

static void test_path_normalize(void **state)
{
	(void)state;
	expect_norm("/a/b/../c", "/a/c");
	expect_norm("/a//b/./c/", "/a/b/c");
	expect_norm("/..", "/");
	expect_norm("a/../..", "..");
	expect_norm("../x/../../y", "../../y");
	expect_norm("./", ".");
	expect_norm("content", "content");
	expect_norm("a/b/../../c", "c");
}

static void expect_rel(const char *path, const char *from, const char *out)
{
	char *r = rrm_path_relative(path, from);
	assert_string_equal(r, out);
	free(r);
}

static void test_path_relative(void **state)
{
	(void)state;
	expect_rel("/a/b/c.md", "/a", "b/c.md");
	expect_rel("/a/b/c.md", "/a/x", "../b/c.md");
	expect_rel("/a", "/a", ".");
	expect_rel("/ab/c", "/a", "../ab/c");
	expect_rel("/a/b", "/", "a/b");
	expect_rel("/x", "/a/b", "../../x");
	assert_true(rrm_path_is_under("/a/b", "/a"));
	assert_true(rrm_path_is_under("/a", "/a"));
	assert_false(rrm_path_is_under("/ab", "/a"));
	assert_true(rrm_path_is_under("/ab", "/"));
}

static void test_glob(void **state)
{
	(void)state;
	assert_true(rrm_glob_match("*.md", "x.md"));
	assert_false(rrm_glob_match("*.md", "a/x.md"));
	assert_true(rrm_glob_match("_drafts/**", "_drafts/a/b.md"));
	assert_true(rrm_glob_match("**/x.md", "x.md"));
	assert_true(rrm_glob_match("**/x.md", "a/b/x.md"));
	assert_false(rrm_glob_match("**/x.md", "a/bx.md"));
	assert_true(rrm_glob_match("/docs/specs/**", "/docs/specs/otel/x/"));
	assert_true(rrm_glob_match("a?c", "abc"));
	assert_false(rrm_glob_match("a?c", "a/c"));
	assert_true(rrm_glob_match("[rR]eadme.md", "Readme.md"));
	assert_false(rrm_glob_match("[!rR]eadme.md", "readme.md"));
	assert_false(rrm_glob_match("[abc", "a"));
	assert_true(rrm_glob_match("a\\*", "a*"));
	assert_false(rrm_glob_match("a\\*", "ab"));
	/* the literal start, compared before the automaton */
	assert_true(rrm_glob_match("/bn", "/bn"));
	assert_false(rrm_glob_match("/bn", "/bn/"));
	assert_false(rrm_glob_match("/bn", "/b"));
	assert_false(rrm_glob_match("/docs/specs/**", "/docs/spec"));
	assert_true(rrm_glob_match("", ""));
	assert_false(rrm_glob_match("", "a"));
	assert_true(rrm_glob_match("\\[x]", "[x]"));
	assert_false(rrm_glob_match("\\[x]", "x"));
}

/* The details of each token, kept when backtracking gave way to an automaton. */
static void test_glob_semantics(void **state)
{
	(void)state;
	/* "*" and "?" stay in one part; "**" crosses parts */
	assert_true(rrm_glob_match("a*", "a"));
	assert_true(rrm_glob_match("a*c", "abbbc"));
	assert_false(rrm_glob_match("a*", "a/b"));
	assert_false(rrm_glob_match("?", ""));
	assert_false(rrm_glob_match("a?", "a"));
	assert_true(rrm_glob_match("a**", "a/b/c"));
	assert_true(rrm_glob_match("a**", "a"));
	assert_true(rrm_glob_match("**.md", "a/b.md"));
	assert_false(rrm_glob_match("**.md", "a/b.mdx"));
	assert_true(rrm_glob_match("***", "a/b"));
	/* "**\/" is nothing, or anything that ends with '/' */
	assert_true(rrm_glob_match("a/**/b", "a/b"));
	assert_true(rrm_glob_match("a/**/b", "a/x/y/b"));
	assert_true(rrm_glob_match("a/**/b", "a//b"));
	assert_false(rrm_glob_match("a/**/b", "ab"));
	assert_false(rrm_glob_match("a/**/b", "a/xb"));
	assert_true(rrm_glob_match("a**/b", "ab"));
	assert_true(rrm_glob_match("a**/b", "ax/b"));
	assert_true(rrm_glob_match("**/", "a/"));
	assert_true(rrm_glob_match("**/", ""));
	assert_false(rrm_glob_match("**/", "a"));
	assert_true(rrm_glob_match("**/**/x", "x"));
	assert_true(rrm_glob_match("**/*/x", "a/b/x"));
	assert_false(rrm_glob_match("**/*/x", "x"));
	/* sets: a leading ']' is one of them, ranges, negation, never '/' */
	assert_true(rrm_glob_match("[]a]", "]"));
	assert_false(rrm_glob_match("[!]a]", "a"));
	assert_true(rrm_glob_match("[^]a]", "b"));
	assert_true(rrm_glob_match("[a-c]x", "bx"));
	assert_false(rrm_glob_match("[a-c]x", "dx"));
	assert_true(rrm_glob_match("[a-]", "-"));
	assert_false(rrm_glob_match("a[/]b", "a/b"));
	assert_false(rrm_glob_match("a[!x]b", "a/b"));
	assert_false(rrm_glob_match("*[abc", "xa"));
	assert_false(rrm_glob_match("[", ""));
	/* escapes; a backslash at the end is itself */
	assert_true(rrm_glob_match("\\?", "?"));
	assert_false(rrm_glob_match("\\?", "x"));
	assert_true(rrm_glob_match("a\\", "a\\"));
	assert_true(rrm_glob_match("\\**", "*x"));
	assert_false(rrm_glob_match("\\**", "*/x"));
	/* a pattern longer than the automaton's room on the stack */
	char p[201], s[301];
	memset(p, 'x', 200);
	p[200] = '\0';
	memset(s, 'x', 200);
	s[200] = '\0';
	assert_true(rrm_glob_match(p, s));
	p[100] = '*';
	memset(s, 'x', 300);
	s[300] = '\0';
	assert_true(rrm_glob_match(p, s));
	p[100] = '?';
	assert_false(rrm_glob_match(p, s));
}

/* Fills `out` with `n` copies of `part`, then `tail`. */
static char *repeat(char *out, const char *part, int n, const char *tail)
{
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		strcat(out, part);
	strcat(out, tail);
	return out;
}

/*
 * Patterns that took exponential time when matching backtracked ("*a" x 8 then
 * "*b" against 60 a's: 50 s). Each is at most path length x pattern length
 * steps now; ctest's time-out catches a regression.
 */
static void test_glob_pathological(void **state)
{
	(void)state;
	char p[512], s[512];
	repeat(s, "a", 300, "");
	assert_false(rrm_glob_match(repeat(p, "*a", 40, "*b"), s));
	assert_true(rrm_glob_match(repeat(p, "*a", 40, "*"), s));
	assert_false(rrm_glob_match(repeat(p, "**a", 40, "**b"), s));
	assert_false(rrm_glob_match(repeat(p, "?*", 40, "b"), s));
	repeat(s, "a/", 150, "c");
	assert_false(rrm_glob_match(repeat(p, "**/", 40, "b"), s));
	assert_true(rrm_glob_match(repeat(p, "**/", 40, "c"), s));
	assert_false(rrm_glob_match(repeat(p, "**/a", 40, "/b"), s));
	assert_true(rrm_glob_match(repeat(p, "**/a", 40, "/c"), s));
	assert_false(rrm_glob_match(repeat(p, "*/**", 40, "b"), s));
}

static void test_buf_json(void **state)
{
	(void)state;
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_add_json(&b, "a\"b\\c\n\x01’");
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\u0001’\"");
	rrm_buf_release(&b);
}

/* The fast hash: the lint cache's values before it moved to util.c (its FORMAT depends on them). */
static void test_hash64(void **state)
{
	(void)state;
	assert_true(rrm_hash64(0, "", 0) == 0);
	assert_true(rrm_hash64(0, "content/a.md", 12) == 0x2b47794bb346212eULL);
	assert_true(rrm_hash64(0x5EED5EEDULL, "Text.\n", 6) == 0xa1edb047332a497eULL);
	/* every byte counts, and the length: no two of these are equal */
	const char *v[] = {"a", "b", "ab", "ba", "a\0", "abcdefgh", "abcdefgi", "abcdefghi"};
	size_t len[] = {1, 1, 2, 2, 2, 8, 8, 9};
	for (size_t i = 0; i < 8; i++)
		for (size_t j = i + 1; j < 8; j++)
			assert_true(rrm_hash64(0, v[i], len[i]) != rrm_hash64(0, v[j], len[j]));
	assert_true(rrm_hash64(1, "a", 1) != rrm_hash64(0, "a", 1)); /* the seed counts */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_check),
		cmocka_unit_test(test_utf8_count),
		cmocka_unit_test(test_path_normalize),
		cmocka_unit_test(test_path_relative),
		cmocka_unit_test(test_glob),
		cmocka_unit_test(test_glob_semantics),
		cmocka_unit_test(test_glob_pathological),
		cmocka_unit_test(test_hash64),
		cmocka_unit_test(test_buf_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
