/* Unit tests: which unchanged articles may link to the changed ones (lint/reach.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lint/reach.h"

static bool may(const struct rrm_reach *r, const char *text, const char *url)
{
	return rrm_reach_may_link(r, text, strlen(text), url);
}

static void test_names(void **state)
{
	(void)state;
	struct rrm_reach r;
	rrm_reach_init(&r);
	rrm_reach_add_url(&r, "/2026/01/iran-talks/");
	rrm_reach_add_file(&r, "content/posts/2026-01-02-iran-talks.md");
	rrm_reach_add_url(&r, "/old/snapback.html");
	assert_false(r.all);
	/* the URL's last part, in any case of ASCII, as a link or a ref shortcode writes it */
	assert_true(may(&r, "See [it](/2026/01/iran-talks/#x).", "/a/"));
	assert_true(may(&r, "See [it](../IRAN-Talks/).", "/a/"));
	assert_true(may(&r, "{{< ref \"posts/2026-01-02-iran-talks.md\" >}}", "/a/"));
	/* an .html URL: its name without the extension */
	assert_true(may(&r, "[x](/old/snapback)", "/a/"));
	/* none of the names, and not below the URL: no link can reach it */
	assert_false(may(&r, "Iran talks, [elsewhere](/2026/01/iran/).", "/a/"));
	assert_false(may(&r, "", "/2026/01/iran/"));
	/* no URL of its own (its relative links resolve against nothing rrm knows): maybe */
	assert_true(may(&r, "", NULL));
	rrm_reach_release(&r);
}

static void test_folders(void **state)
{
	(void)state;
	struct rrm_reach r;
	rrm_reach_init(&r);
	rrm_reach_add_url(&r, "/guide");
	rrm_reach_add_url(&r, "/x/page.html");
	/* "../" from a page below the URL reaches it without a name */
	assert_true(may(&r, "[Up](../#start)", "/guide/step/"));
	assert_false(may(&r, "[Up](../#start)", "/guides/step/"));
	/* a file's URL is no folder */
	assert_false(may(&r, "[Up](./)", "/x/page.html/y/"));
	rrm_reach_release(&r);
}

static void test_encoded(void **state)
{
	(void)state;
	struct rrm_reach r;
	rrm_reach_init(&r);
	rrm_reach_add_url(&r, "/2026/01/café/");
	rrm_reach_add_file(&r, "content/posts/my post.md");
	assert_true(may(&r, "[m](/2026/01/café/#menu)", "/a/"));
	assert_true(may(&r, "[m](/2026/01/caf%C3%A9/#menu)", "/a/"));
	assert_true(may(&r, "[m](my%20post.md)", "/a/"));
	assert_true(may(&r, "[m](<my post.md>)", "/a/"));
	assert_false(may(&r, "[m](/2026/01/cafe/)", "/a/"));
	rrm_reach_release(&r);
}

static void test_all(void **state)
{
	(void)state;
	struct rrm_reach r;
	/* the home page, a section's or bundle's head: every article */
	const char *urls[] = {"/", ""};
	for (size_t i = 0; i < 2; i++) {
		rrm_reach_init(&r);
		rrm_reach_add_url(&r, urls[i]);
		assert_true(r.all);
		assert_true(may(&r, "nothing", "/a/"));
		rrm_reach_release(&r);
	}
	const char *heads[] = {"content/docs/_index.md", "content/blog/x/index.md",
			       "_posts/index.markdown"};
	for (size_t i = 0; i < 3; i++) {
		rrm_reach_init(&r);
		rrm_reach_add_file(&r, heads[i]);
		assert_true(r.all);
		rrm_reach_release(&r);
	}
	/* too many names to look for */
	rrm_reach_init(&r);
	char url[64];
	for (int i = 0; i <= RRM_REACH_MAX_NAMES; i++) {
		snprintf(url, sizeof url, "/p/n%d.html", i);
		rrm_reach_add_url(&r, url);
	}
	assert_true(r.all);
	assert_true(may(&r, "nothing", "/a/"));
	rrm_reach_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_folders),
		cmocka_unit_test(test_encoded),
		cmocka_unit_test(test_all),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
