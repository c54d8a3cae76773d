/*
 * fixture.h - a small site in a temporary folder, for the unit tests that
 * need files on disk (test_run.c, test_actions.c, test_query.c). Include it
 * after <cmocka.h>.
 */
#ifndef RRM_TEST_FIXTURE_H
#define RRM_TEST_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/util.h"

/* Writes `text` to `rel` below `root`, making the folders on the way. */
static inline void fixture_write(const char *root, const char *rel, const char *text)
{
	char *path = rrm_path_join(root, rel);
	for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static inline int fixture_remove_one(const char *path, const struct stat *st, int flag,
				     struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Removes `root` and everything below it (symbolic links are not followed). */
static inline void fixture_remove(const char *root)
{
	nftw(root, fixture_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
