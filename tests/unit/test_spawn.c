/* Unit tests: running another program (lib/spawn.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/spawn.h"

static int run_sh(const char *script, struct rrm_buf *out, size_t max)
{
	const char *argv[] = {"/bin/sh", "-c", script, NULL};
	struct rrm_spawn o = {.in = -1, .out = out, .max_out = max};
	return rrm_spawn_run(argv, &o);
}

static void test_status_and_output(void **state)
{
	(void)state;
	struct rrm_buf b;
	rrm_buf_init(&b);
	assert_int_equal(run_sh("printf x; exit 3", &b, 0), 3);
	assert_string_equal(b.data, "x");
	rrm_buf_release(&b);
	const char *t[] = {"true", NULL}, *f[] = {"false", NULL};
	assert_int_equal(rrm_spawn_run(t, NULL), 0);
	assert_int_equal(rrm_spawn_run(f, NULL), 1);
}

static void test_no_shell(void **state)
{
	(void)state;
	/* an argument is passed as it is: no shell splits or expands it */
	struct rrm_buf b;
	rrm_buf_init(&b);
	const char *argv[] = {"printf", "%s|", "a b", "$HOME", "*", NULL};
	struct rrm_spawn o = {.in = -1, .out = &b};
	assert_int_equal(rrm_spawn_run(argv, &o), 0);
	assert_string_equal(b.data, "a b|$HOME|*|");
	rrm_buf_release(&b);
}

static void test_cannot_run(void **state)
{
	(void)state;
	const char *argv[] = {"rrm-no-such-program-here", NULL};
	assert_int_equal(rrm_spawn_run(argv, NULL), -1);
	const char *sh[] = {"/bin/sh", "-c", "kill -9 $$", NULL};
	assert_int_equal(rrm_spawn_run(sh, NULL), -1); /* killed by a signal */
	struct rrm_spawn o = {.dir = "/rrm/no/such/folder", .in = -1};
	const char *t[] = {"true", NULL};
	assert_int_equal(rrm_spawn_run(t, &o), -1);
}

static void test_bounded(void **state)
{
	(void)state;
	/* an endless writer is stopped at the bound; what came first is kept */
	struct rrm_buf b;
	rrm_buf_init(&b);
	assert_int_equal(run_sh("yes", &b, 1000), -1);
	assert_int_equal(b.len, 1000);
	assert_memory_equal(b.data, "y\ny\ny\n", 6);
	rrm_buf_release(&b);
	/* exactly at the bound is fine */
	rrm_buf_init(&b);
	assert_int_equal(run_sh("printf 12345", &b, 5), 0);
	assert_string_equal(b.data, "12345");
	rrm_buf_release(&b);
}

static void test_stdin_dir_stderr(void **state)
{
	(void)state;
	struct rrm_buf b;
	rrm_buf_init(&b);
	/* standard input is /dev/null unless a descriptor is given */
	assert_int_equal(run_sh("cat; printf end", &b, 0), 0);
	assert_string_equal(b.data, "end");
	b.len = 0;
	FILE *in = tmpfile();
	assert_non_null(in);
	fputs("from the file\n", in);
	fflush(in);
	rewind(in);
	const char *cat[] = {"cat", NULL};
	struct rrm_spawn o = {.in = fileno(in), .out = &b};
	assert_int_equal(rrm_spawn_run(cat, &o), 0);
	fclose(in);
	assert_string_equal(b.data, "from the file\n");
	/* the folder it runs in; standard error is not captured */
	b.len = 0;
	const char *pwd[] = {"/bin/sh", "-c", "pwd; echo oops >&2", NULL};
	struct rrm_spawn d = {.dir = "/", .in = -1, .out = &b};
	assert_int_equal(rrm_spawn_run(pwd, &d), 0);
	assert_string_equal(b.data, "/\n");
	rrm_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_and_output), cmocka_unit_test(test_no_shell),
		cmocka_unit_test(test_cannot_run),        cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_stdin_dir_stderr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
