/* Unit tests: article URLs from permalink patterns and front matter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/date.h"
#include "lib/site.h"

/* The URL of `rel` with front matter `fm` (YAML text) under config `cfg`. */
static void expect_url(const char *cfg, const char *rel, const char *fm, const char *want)
{
	struct rrm_config c;
	struct rrm_config_error e;
	assert_int_equal(rrm_config_load_text(&c, "/nonexistent", "rrm.yml", cfg, strlen(cfg), &e), 0);
	rrm_config_error_release(&e);
	rrm_date_set_timezone(c.timezone);
	struct rrm_ydoc doc;
	struct rrm_yaml_error ye;
	assert_int_equal(rrm_yaml_parse(fm, strlen(fm), 2, &doc, &ye), 0);
	char *url = rrm_site_url(&c, rel, doc.root);
	if (strcmp(url, want))
		fail_msg("%s: want %s, got %s", rel, want, url);
	free(url);
	rrm_ydoc_release(&doc);
	rrm_config_release(&c);
}

static void test_hugo_defaults(void **state)
{
	(void)state;
	const char *cfg = "";
	expect_url(cfg, "docs/a/b.md", "title: x\n", "/docs/a/b/");
	expect_url(cfg, "docs/a/index.md", "title: x\n", "/docs/a/");
	expect_url(cfg, "docs/a/_index.md", "title: x\n", "/docs/a/");
	expect_url(cfg, "_index.md", "title: x\n", "/");
	expect_url(cfg, "about.md", "title: x\n", "/about/");
	expect_url(cfg, "docs/a/b.md", "slug: renamed\n", "/docs/a/renamed/");
	expect_url(cfg, "docs/a/b.md", "url: /elsewhere/\n", "/elsewhere/");
	expect_url(cfg, "docs/a/b.md", "url: no-slash/\n", "/no-slash/");
	expect_url(cfg, "docs/a/b.md", "permalink: /p/\n", "/p/");
	expect_url(cfg, "blog/2020-01-02-hello.markdown", "", "/blog/hello/");
}

static void test_dated_posts(void **state)
{
	(void)state;
	const char *cfg = "permalink: /:year/:month/:day/:slug.html\n";
	expect_url(cfg, "2015-02-13-rust.md", "title: x\n", "/2015/02/13/rust.html");
	expect_url(cfg, "2015-02-13-rust.md", "date: 2016-03-04\n", "/2016/03/04/rust.html");
	expect_url(cfg, "2015-02-13-rust.md", "slug: other\n", "/2015/02/13/other.html");
	/* no date anywhere: the date parts vanish */
	expect_url(cfg, "rust.md", "title: x\n", "/rust.html");
}

static void test_tokens(void **state)
{
	(void)state;
	expect_url("permalink: /:section/:filename/\n", "_posts/x/2020-01-01-a.md", "", "/posts/2020-01-01-a/");
	expect_url("permalink: /:collection/:title/\n", "news/b.md", "", "/news/b/");
	expect_url("permalink: /:path/\n", "news/sub/b.md", "slug: s\n", "/news/sub/s/");
	expect_url("permalink: /:year/:month/:slug/\n", "posts/2026/01/iraq.md",
		   "date: 2026-01-05T09:00:00Z\n", "/2026/01/iraq/");
	/* a bundle takes its folder's name */
	expect_url("permalink: /:year/:slug/\n", "posts/trip/index.md", "date: 2020-05-01\n", "/2020/trip/");
}

static void test_sections(void **state)
{
	(void)state;
	const char *cfg = "permalink:\n  default: /:year/:month/:day/:slug.html\n"
			  "  inside-rust: /inside-rust/:year/:month/:day/:slug.html\n"
			  "  docs: /manual/:path/\n";
	expect_url(cfg, "2020-01-02-a.md", "", "/2020/01/02/a.html");
	expect_url(cfg, "inside-rust/2020-01-02-a.md", "", "/inside-rust/2020/01/02/a.html");
	/* :path in a section's own pattern is relative to the section */
	expect_url(cfg, "docs/x/y.md", "", "/manual/x/y/");
}

static void test_timezone(void **state)
{
	(void)state;
	const char *cfg = "timezone: Europe/London\npermalink: /:year/:month/:day/:slug/\n";
	/* 23:30 in New York on New Year's Eve is already 2020 in London */
	expect_url(cfg, "a.md", "date: 2019-12-31T23:30:00-05:00\n", "/2020/01/01/a/");
	expect_url("permalink: /:year/:month/:day/:slug/\n", "a.md",
		   "date: 2019-12-31T23:30:00-05:00\n", "/2020/01/01/a/");
	expect_url("timezone: America/New_York\npermalink: /:year/:month/:day/:slug/\n", "a.md",
		   "date: 2019-12-31T23:30:00-05:00\n", "/2019/12/31/a/");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hugo_defaults), cmocka_unit_test(test_dated_posts),
		cmocka_unit_test(test_tokens),        cmocka_unit_test(test_sections),
		cmocka_unit_test(test_timezone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
