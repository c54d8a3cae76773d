/* Unit tests: running another program (lib/spawn.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

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

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

static void test_path_lookup(void **state)
{
	(void)state;
	/* PATH is searched as execvp does: a file that cannot be run, or a folder
	 * of that name, is passed over for the next entry; none at all is -1 */
	char root[] = "/tmp/rrm-spawn-XXXXXX";
	assert_non_null(mkdtemp(root));
	char a[64], b[64], prog[80], dirprog[80], good[80];
	snprintf(a, sizeof a, "%s/a", root);
	snprintf(b, sizeof b, "%s/b", root);
	assert_int_equal(mkdir(a, 0700), 0);
	assert_int_equal(mkdir(b, 0700), 0);
	snprintf(prog, sizeof prog, "%s/rrm-prog", a);
	write_file(prog, "#!/bin/sh\nexit 5\n", 0600); /* not executable */
	snprintf(dirprog, sizeof dirprog, "%s/rrm-dir", a);
	assert_int_equal(mkdir(dirprog, 0700), 0);
	snprintf(good, sizeof good, "%s/rrm-prog", b);
	write_file(good, "#!/bin/sh\nexit 7\n", 0700);
	const char *saved = getenv("PATH");
	char *old = saved ? strdup(saved) : NULL;
	char path[160];
	snprintf(path, sizeof path, "%s:%s", a, b);
	setenv("PATH", path, 1);
	const char *p[] = {"rrm-prog", NULL}, *d[] = {"rrm-dir", NULL}, *e[] = {"", NULL};
	assert_int_equal(rrm_spawn_run(p, NULL), 7);
	assert_int_equal(rrm_spawn_run(d, NULL), -1);
	assert_int_equal(rrm_spawn_run(e, NULL), -1);
	setenv("PATH", a, 1);
	assert_int_equal(rrm_spawn_run(p, NULL), -1);
	/* an empty entry is the current folder; a relative name runs in `dir` */
	setenv("PATH", ":/nonexistent", 1);
	struct rrm_spawn in_b = {.dir = b, .in = -1};
	assert_int_equal(rrm_spawn_run(p, &in_b), 7);
	const char *rel[] = {"./rrm-prog", NULL};
	assert_int_equal(rrm_spawn_run(rel, &in_b), 7);
	struct rrm_spawn in_a = {.dir = a, .in = -1};
	assert_int_equal(rrm_spawn_run(rel, &in_a), -1);
	if (old)
		setenv("PATH", old, 1);
	else
		unsetenv("PATH");
	free(old);
	unlink(prog);
	unlink(good);
	rmdir(dirprog);
	rmdir(a);
	rmdir(b);
	rmdir(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_and_output), cmocka_unit_test(test_no_shell),
		cmocka_unit_test(test_cannot_run),        cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_stdin_dir_stderr),  cmocka_unit_test(test_path_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
