/*
 * test_fix.c - the unified diff of rrm lint --diff (lint/fix.c), compared
 * with what diff -u writes for the same two texts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lint/fix.h"

static void check(const char *a, const char *b, const char *want)
{
	struct rrm_buf out;
	rrm_buf_init(&out);
	rrm_unified_diff(&out, "f.md", a, strlen(a), b, strlen(b));
	if (strcmp(out.data ? out.data : "", want))
		fail_msg("diff of\n%s\ninto\n%s\ngave\n%s\nnot\n%s", a, b, out.data ? out.data : "",
			 want);
	rrm_buf_release(&out);
}

static void test_equal(void **state)
{
	(void)state;
	check("a\nb\n", "a\nb\n", "");
	check("", "", "");
}

static void test_one_line(void **state)
{
	(void)state;
	check("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nV\n6\n7\n8\n9\n",
	      "--- a/f.md\n+++ b/f.md\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+V\n 6\n 7\n 8\n");
}

static void test_ends(void **state)
{
	(void)state;
	/* a line added first, one dropped last */
	check("a\nb\n", "z\na\nb\n", "--- a/f.md\n+++ b/f.md\n@@ -1,2 +1,3 @@\n+z\n a\n b\n");
	check("a\nb\n", "a\n", "--- a/f.md\n+++ b/f.md\n@@ -1,2 +1 @@\n a\n-b\n");
	/* from nothing, to nothing */
	check("", "x\n", "--- a/f.md\n+++ b/f.md\n@@ -0,0 +1 @@\n+x\n");
	check("x\n", "", "--- a/f.md\n+++ b/f.md\n@@ -1 +0,0 @@\n-x\n");
}

static void test_no_newline(void **state)
{
	(void)state;
	check("a\nb", "a\nc",
	      "--- a/f.md\n+++ b/f.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of "
	      "file\n+c\n\\ No newline at end of file\n");
}

static void test_two_hunks(void **state)
{
	(void)state;
	const char *a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n";
	const char *b = "X\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nY\n";
	check(a, b,
	      "--- a/f.md\n+++ b/f.md\n@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n 4\n@@ -12,4 +12,4 @@\n 12\n 13\n "
	      "14\n-15\n+Y\n");
	/* changes 6 lines apart are one hunk */
	const char *c = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
	const char *d = "1\nA\n3\n4\n5\n6\n7\n8\nB\n10\n";
	check(c, d,
	      "--- a/f.md\n+++ b/f.md\n@@ -1,10 +1,10 @@\n 1\n-2\n+A\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+B\n "
	      "10\n");
}

static void test_crlf(void **state)
{
	(void)state;
	check("a\r\nb\r\n", "a\r\nc\r\n",
	      "--- a/f.md\n+++ b/f.md\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal),     cmocka_unit_test(test_one_line),
		cmocka_unit_test(test_ends),      cmocka_unit_test(test_no_newline),
		cmocka_unit_test(test_two_hunks), cmocka_unit_test(test_crlf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
