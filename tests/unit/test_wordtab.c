/* Unit tests: the compiled word tables in front of hunspell (lib/wordtab.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <hunspell.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"
#include "lib/wordtab.h"

struct fx {
	char dir[64];
	char *base, *path;
	uint64_t key;
	Hunhandle *h;
};

static bool accepts(void *ctx, const char *word)
{
	return Hunspell_spell((Hunhandle *)ctx, word) != 0;
}

static int setup(void **state)
{
	struct fx *f = rrm_calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/rrm-wordtab-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	const char *data = getenv("RRM_TEST_DATA");
	assert_non_null(data);
	f->base = rrm_asprintf("%s/wordtab/wt", data);
	assert_true(rrm_wordtab_key(f->base, &f->key));
	f->path = rrm_asprintf("%s/words-wt.tab", f->dir);
	char *aff = rrm_asprintf("%s.aff", f->base), *dic = rrm_asprintf("%s.dic", f->base);
	f->h = Hunspell_create(aff, dic);
	free(aff);
	free(dic);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	Hunspell_destroy(f->h);
	unlink(f->path);
	char *lock = rrm_asprintf("%s.lock", f->path);
	unlink(lock);
	free(lock);
	rmdir(f->dir);
	free(f->base);
	free(f->path);
	free(f);
	return 0;
}

static struct rrm_wordtab *built(struct fx *f, size_t *forms)
{
	assert_int_equal(rrm_wordtab_build(f->base, f->path, accepts, f->h, forms), 0);
	struct rrm_wordtab *t = rrm_wordtab_open(f->path, f->key);
	assert_non_null(t);
	return t;
}

static int get(const struct rrm_wordtab *t, const char *w)
{
	return rrm_wordtab_get(t, w, strlen(w));
}

/* Every form hunspell makes of the dictionary is in the table, in its three cases. */
static void test_forms(void **state)
{
	struct fx *f = *state;
	size_t forms;
	struct rrm_wordtab *t = built(f, &forms);
	assert_int_equal(rrm_wordtab_size(t), forms);
	static const char *const hits[] = {
		"colour",    "colours", "uncolour", "uncolours", "colour's", "Colour", "COLOURS",
		"Uncolours", "happy",   "unhappy",  "Unhappy",   "UNHAPPY",  "try",    "tries",
		"tried",     "retry",   "bake",     "baked",     "rebake",   "day",    "days",
		"damn",      "damns",   "Paris",    "Paris's",   "PARIS",    "a/b",    "McDonald",
		"été",       "étés",    "Été",      "ÉTÉ"};
	for (size_t i = 0; i < sizeof hits / sizeof *hits; i++) {
		if (!get(t, hits[i]))
			fail_msg("'%s' is not in the table", hits[i]);
		assert_true(Hunspell_spell(f->h, hits[i]));
	}
	/* not made: a wrong affix, a condition that does not hold, no cross product
	 * (R is N), a word only for compounds, the morphological field, lower case of
	 * a proper noun, a suffix that strips all */
	static const char *const misses[] = {"happys",  "trys",    "daies",   "retried", "ing",
					     "élan",    "paris",   "bakeed",  "unbake",  "Mcdonald",
					     "colourd", "untries", "retries", "tryed",   ""};
	for (size_t i = 0; i < sizeof misses / sizeof *misses; i++)
		if (get(t, misses[i]))
			fail_msg("'%s' is in the table", misses[i]);
	/* NOSUGGEST */
	assert_int_equal(get(t, "damn"), RRM_WORDTAB_NOSUGGEST + 1);
	assert_int_equal(get(t, "damns"), RRM_WORDTAB_NOSUGGEST + 1);
	assert_int_equal(get(t, "days"), 1);
	rrm_wordtab_close(t);
}

/* A hit is hunspell's verdict: checked over every entry's neighbours too. */
static void test_exact(void **state)
{
	struct fx *f = *state;
	size_t forms;
	struct rrm_wordtab *t = built(f, &forms);
	static const char *const stems[] = {"colour", "happy", "try", "bake", "day",
					    "damn",   "Paris", "ing", "été",  "McDonald"};
	static const char *const ends[] = {"",  "s",   "'s", "ed", "d",  "ies",
					   "y", "ing", "es", "S",  "'S", "ES"};
	static const char *const starts[] = {"", "un", "re", "Un", "UN", "RE", "Re"};
	size_t checked = 0;
	for (size_t a = 0; a < sizeof stems / sizeof *stems; a++)
		for (size_t b = 0; b < sizeof ends / sizeof *ends; b++)
			for (size_t c = 0; c < sizeof starts / sizeof *starts; c++) {
				char *w = rrm_asprintf("%s%s%s", starts[c], stems[a], ends[b]);
				if (get(t, w) && !Hunspell_spell(f->h, w))
					fail_msg("'%s' is in the table; hunspell rejects it", w);
				free(w);
				checked++;
			}
	assert_int_equal(checked, 10 * 12 * 7);
	rrm_wordtab_close(t);
}

/* A table made for another key, cut short, or with a bad offset is never trusted. */
static void test_refused(void **state)
{
	struct fx *f = *state;
	size_t forms;
	rrm_wordtab_close(built(f, &forms));
	assert_null(rrm_wordtab_open(f->path, f->key ^ 1));
	struct stat st;
	assert_int_equal(stat(f->path, &st), 0);
	/* one byte short */
	assert_int_equal(truncate(f->path, st.st_size - 1), 0);
	assert_null(rrm_wordtab_open(f->path, f->key));
	/* rebuilt over the broken file, then every slot pointed past the strings */
	assert_int_equal(rrm_wordtab_build(f->base, f->path, accepts, f->h, &forms), 0);
	struct rrm_wordtab *t = rrm_wordtab_open(f->path, f->key);
	assert_non_null(t);
	rrm_wordtab_close(t);
	int fd = open(f->path, O_RDWR);
	assert_true(fd >= 0);
	uint64_t hd[6];
	assert_int_equal(pread(fd, hd, sizeof hd, 0), (ssize_t)sizeof hd);
	for (uint64_t i = 0; i < hd[2]; i++) {
		uint64_t slot;
		assert_int_equal(pread(fd, &slot, 8, 48 + 8 * (off_t)i), 8);
		if (slot) {
			slot |= 0xfffffff0u;
			assert_int_equal(pwrite(fd, &slot, 8, 48 + 8 * (off_t)i), 8);
		}
	}
	close(fd);
	t = rrm_wordtab_open(f->path, f->key);
	assert_non_null(t);
	assert_int_equal(get(t, "colour"), 0); /* read nothing out of bounds */
	rrm_wordtab_close(t);
	/* not a table at all */
	FILE *fp = fopen(f->path, "w");
	fputs("garbage", fp);
	fclose(fp);
	assert_null(rrm_wordtab_open(f->path, f->key));
	/* a symbolic link is not followed */
	char *link = rrm_asprintf("%s/link.tab", f->dir);
	assert_int_equal(rrm_wordtab_build(f->base, f->path, accepts, f->h, &forms), 0);
	assert_int_equal(symlink(f->path, link), 0);
	assert_null(rrm_wordtab_open(link, f->key));
	unlink(link);
	free(link);
}

/* Another process (another open lock file) making the same table does not wait: EBUSY. */
static void test_busy(void **state)
{
	struct fx *f = *state;
	char *lock = rrm_asprintf("%s.lock", f->path);
	int fd = open(lock, O_RDWR | O_CREAT, 0644);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	size_t forms; /* flock locks belong to open files: this one is refused too */
	assert_int_equal(rrm_wordtab_build(f->base, f->path, accepts, f->h, &forms), EBUSY);
	close(fd);
	assert_int_equal(access(f->path, F_OK), -1);
	free(lock);
}

/* Where the table lives. */
static void test_path(void **state)
{
	(void)state;
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	char *p = rrm_wordtab_path("/usr/share/hunspell/en_GB", 0x1234);
	assert_string_equal(p, "/x/cache/rrm/words-en_GB-0000000000001234.tab");
	free(p);
	setenv("XDG_CACHE_HOME", "relative", 1); /* not absolute: ignored, as the spec says */
	setenv("HOME", "/home/w", 1);
	p = rrm_wordtab_path("/d/en_US", 1);
	assert_string_equal(p, "/home/w/.cache/rrm/words-en_US-0000000000000001.tab");
	free(p);
	setenv("RRM_WORD_TABLE", "off", 1);
	assert_null(rrm_wordtab_path("/d/en_US", 1));
	unsetenv("RRM_WORD_TABLE");
	unsetenv("HOME");
	unsetenv("XDG_CACHE_HOME");
	assert_null(rrm_wordtab_path("/d/en_US", 1));
	/* the key follows the files' contents */
	uint64_t k;
	assert_false(rrm_wordtab_key("/nonexistent/dictionary", &k));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
		cmocka_unit_test(test_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
