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
#include "lib/util.h"
#include "lint/lint.h"

/* The URL of `rel` with front matter `fm` (YAML text) under config `cfg`. */
static void expect_url(const char *cfg, const char *rel, const char *fm, const char *want)
{
	struct rrm_config c;
	struct rrm_config_error e;
	assert_int_equal(rrm_config_load_text(&c, "/nonexistent", "rrm.yml", cfg, strlen(cfg), &e),
			 0);
	rrm_config_error_release(&e);
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
	expect_url("permalink: /:section/:filename/\n", "_posts/x/2020-01-01-a.md", "",
		   "/posts/2020-01-01-a/");
	expect_url("permalink: /:collection/:title/\n", "news/b.md", "", "/news/b/");
	expect_url("permalink: /:path/\n", "news/sub/b.md", "slug: s\n", "/news/sub/s/");
	expect_url("permalink: /:year/:month/:slug/\n", "posts/2026/01/iraq.md",
		   "date: 2026-01-05T09:00:00Z\n", "/2026/01/iraq/");
	/* a bundle takes its folder's name */
	expect_url("permalink: /:year/:slug/\n", "posts/trip/index.md", "date: 2020-05-01\n",
		   "/2020/trip/");
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

static void expect_alias(const char *alias, bool redirect_from, const char *page_url,
			 const char *want)
{
	char *got = rrm_site_alias_url(alias, redirect_from, page_url);
	if (!want && got)
		fail_msg("%s %s: want none, got %s", redirect_from ? "redirect_from" : "alias",
			 alias, got);
	if (want && (!got || strcmp(got, want)))
		fail_msg("%s %s: want %s, got %s", redirect_from ? "redirect_from" : "alias", alias,
			 want, got ? got : "none");
	free(got);
}

/* What Debian's hugo 0.111 writes for each alias of /news/story/ (public/...). */
static void test_hugo_aliases(void **state)
{
	(void)state;
	const char *u = "/news/story/";
	expect_alias("/x", false, u, "/x/"); /* x/index.html */
	expect_alias("/x/", false, u, "/x/");
	expect_alias("/y.html", false, u, "/y.html");   /* y.html */
	expect_alias("/z/index.html", false, u, "/z/"); /* z/index.html */
	expect_alias("rel", false, u, "/news/rel/");    /* beside the page */
	expect_alias("rel2/", false, u, "/news/rel2/");
	expect_alias("../up", false, u, "/up/");
	expect_alias("/Upper/Case/", false, u, "/Upper/Case/"); /* not lower-cased */
	expect_alias("/feed.xml", false, u, "/feed.xml/");      /* feed.xml/index.html */
	expect_alias("/v1.2/page", false, u, "/v1.2/page/");
	expect_alias("sub-rel", false, "/docs/sub/page/", "/docs/sub/sub-rel/");
	expect_alias("x", false, "/docs/x.html", "/docs/x/");
	/* refused: Hugo reports an error and writes nothing */
	expect_alias("https://example.org/x/", false, u, NULL);
	expect_alias("/", false, u, NULL);
	expect_alias("", false, u, NULL);
}

/* What jekyll 4.3 with jekyll-redirect-from writes for each redirect_from entry (_site/...). */
static void test_redirect_from(void **state)
{
	(void)state;
	const char *u = "/a/";
	expect_alias("/x/", true, u, "/x/");                 /* x/index.html */
	expect_alias("/y.html", true, u, "/y.html");         /* y.html */
	expect_alias("/z/index.html", true, u, "/z/");       /* z/index.html */
	expect_alias("/w", true, u, "/w.html");              /* w.html */
	expect_alias("rel/path", true, u, "/rel/path.html"); /* from the root, not the page */
	expect_alias("/Upper/Case/", true, u, "/Upper/Case/");
	expect_alias("/feed2.xml", true, u, "/feed2.xml");
	expect_alias("/v1.2/page", true, u, "/v1.2/page.html");
	expect_alias("/q/index.htm", true, u, "/q/index.htm");
	expect_alias("/pct%20x/", true, u, "/pct x/"); /* "pct x/index.html" */
	expect_alias("/", true, u, NULL);
	expect_alias("http://example.org/", true, u, NULL);
}

static struct rrm_config *config(const char *cfg, const char *root)
{
	static struct rrm_config c;
	struct rrm_config_error e;
	assert_int_equal(rrm_config_load_text(&c, root, "rrm.yml", cfg, strlen(cfg), &e), 0);
	rrm_config_error_release(&e);
	return &c;
}

static void add(struct rrm_site *s, const char *file, const char *url, const char *fm)
{
	struct rrm_ydoc doc;
	struct rrm_yaml_error ye;
	assert_int_equal(rrm_yaml_parse(fm, strlen(fm), 2, &doc, &ye), 0);
	rrm_site_add_page(s, file, url, doc.root, NULL, 0);
	rrm_ydoc_release(&doc);
}

static void expect_find(const struct rrm_site *s, const char *path, enum rrm_target want_t,
			long want_page, bool want_alias)
{
	size_t page = 999;
	bool alias = !want_alias;
	enum rrm_target t = rrm_site_find_url_alias(s, path, &page, &alias);
	if (t != want_t)
		fail_msg("%s: want target %d, got %d", path, (int)want_t, (int)t);
	if (t == RRM_TARGET_PAGE && ((long)page != want_page || alias != want_alias))
		fail_msg("%s: want page %ld%s, got %zu%s", path, want_page,
			 want_alias ? " (alias)" : "", page, alias ? " (alias)" : "");
}

static void test_alias_lookup(void **state)
{
	(void)state;
	struct rrm_config *c = config("", "/nonexistent");
	struct rrm_site s;
	rrm_site_init(&s, c);
	/* page 0 claims /about/ as an alias; page 1 has it as its URL, and wins */
	add(&s, "content/news/story.md", "/news/story/",
	    "aliases: [/about/, old]\nredirect_from: /w\n");
	add(&s, "content/about.md", "/about/", "title: About\n");
	add(&s, "content/moved.md", "/moved/",
	    "redirect_to: https://example.org/\nredirect_from: [/m/]\n");
	add(&s, "content/stay.md", "/stay/", "redirect_to: ~\n");
	expect_find(&s, "/about/", RRM_TARGET_PAGE, 1, false);
	expect_find(&s, "/about", RRM_TARGET_PAGE, 1, false);
	expect_find(&s, "/news/old/", RRM_TARGET_PAGE, 0, true);
	expect_find(&s, "/news/old/index.html", RRM_TARGET_PAGE, 0, true);
	expect_find(&s, "/news/old", RRM_TARGET_PAGE, 0, true);
	expect_find(&s, "/w.html", RRM_TARGET_PAGE, 0, true);
	expect_find(&s, "/w", RRM_TARGET_PAGE, 0, true); /* w.html, served as /w too */
	expect_find(&s, "/w/", RRM_TARGET_NONE, 0, false);
	expect_find(&s, "/news/story/", RRM_TARGET_PAGE, 0, false);
	expect_find(&s, "/m/", RRM_TARGET_PAGE, 2, true);
	/* redirect_to: still served, as a redirect page without anchors */
	expect_find(&s, "/moved/", RRM_TARGET_PAGE, 2, false);
	assert_true(s.pages[2].redirect);
	assert_false(s.pages[3].redirect);
	assert_false(s.pages[0].redirect);
	/* the case-insensitive lookup (link/case) knows the aliases too */
	size_t page;
	char *found;
	assert_int_equal(rrm_site_find_url_nocase(&s, "/NEWS/OLD/", &page, &found),
			 RRM_TARGET_PAGE);
	assert_int_equal(page, 0);
	free(found);
	rrm_site_release(&s);
	rrm_config_release(c);
}

static void test_redirect_rules(void **state)
{
	(void)state;
	struct rrm_config *c = config("", "/nonexistent");
	struct rrm_site s;
	rrm_site_init(&s, c);
	rrm_site_add_redirect(&s, "/blog/*", NULL, "static/_redirects", 2);
	rrm_site_add_redirect(&s, "/news/:year/:slug", NULL, "static/_redirects", 3);
	rrm_site_add_redirect(&s, "/exact/", NULL, "static/_redirects", 4);
	rrm_site_add_redirect(&s, "/caf%C3%A9", NULL, "static/_redirects", 5);
	rrm_site_add_redirect(&s, "no-slash", NULL, "static/_redirects", 6); /* ignored */
	rrm_site_add_redirect(&s, "/app/*/edit", NULL, "static/_redirects", 7);
	const struct rrm_redirect *r = rrm_site_redirect(&s, "/blog/2020/x/");
	assert_non_null(r);
	assert_string_equal(r->src_file, "static/_redirects");
	assert_int_equal(r->line, 2);
	assert_non_null(rrm_site_redirect(&s, "/blog/"));
	assert_non_null(rrm_site_redirect(&s, "/blog"));
	assert_null(rrm_site_redirect(&s, "/blogs/x"));
	assert_null(rrm_site_redirect(&s, "/Blog/x")); /* paths are case-sensitive */
	r = rrm_site_redirect(&s, "/news/2020/hello/");
	assert_non_null(r);
	assert_int_equal(r->line, 3);
	assert_null(rrm_site_redirect(&s, "/news/2020/"));
	assert_null(rrm_site_redirect(&s, "/news/2020/hello/more"));
	assert_null(rrm_site_redirect(&s, "/news//hello"));
	assert_non_null(rrm_site_redirect(&s, "/exact"));
	assert_non_null(rrm_site_redirect(&s, "/exact/"));
	assert_null(rrm_site_redirect(&s, "/exact/x"));
	assert_non_null(rrm_site_redirect(&s, "/caf\xC3\xA9/"));
	assert_null(rrm_site_redirect(&s, "no-slash"));
	assert_non_null(rrm_site_redirect(&s, "/app/a/b/edit"));
	/* a served path is a file to the URL lookup: alive, with no page */
	size_t page;
	assert_int_equal(rrm_site_find_url(&s, "/blog/x/", &page), RRM_TARGET_FILE);
	assert_int_equal(rrm_site_find_url(&s, "/nope/", &page), RRM_TARGET_NONE);
	/* the site before a change gets the same rules */
	struct rrm_site copy;
	rrm_site_init(&copy, c);
	rrm_site_copy_files(&copy, &s);
	r = rrm_site_redirect(&copy, "/caf\xC3\xA9");
	assert_non_null(r);
	assert_int_equal(r->line, 5);
	rrm_site_release(&copy);
	rrm_site_release(&s);
	rrm_config_release(c);
}

/* A _redirects file with every kind of line: tests/unit/data/redirect-site. */
static void test_redirects_file(void **state)
{
	(void)state;
	const char *data = getenv("RRM_TEST_DATA");
	assert_non_null(data);
	char *root = rrm_asprintf("%s/redirect-site", data);
	struct rrm_config *c = config("base_url: https://www.example.org/\n", root);
	struct rrm_site s;
	rrm_site_init(&s, c);
	rrm_site_read_redirects(&s);
	static const char *const served[] = {
		"/home",        "/blog/my-post.php", "/news/a/b", "/tab/x",     "/store",
		"/old/2020/hi", "/domain/x",         "/forced/",  "/root-file", "/crlf"};
	for (size_t i = 0; i < sizeof served / sizeof *served; i++)
		if (!rrm_site_redirect(&s, served[i]))
			fail_msg("%s: not served", served[i]);
	static const char *const not_served[] = {"/en/missing", "/gone",  "/other-host/x",
						 "/comment",    "/alone", "/#"};
	for (size_t i = 0; i < sizeof not_served / sizeof *not_served; i++)
		if (rrm_site_redirect(&s, not_served[i]))
			fail_msg("%s: served", not_served[i]);
	const struct rrm_redirect *r = rrm_site_redirect(&s, "/root-file");
	assert_string_equal(r->src_file, "_redirects");
	r = rrm_site_redirect(&s, "/home");
	assert_string_equal(r->src_file, "static/_redirects");
	assert_int_equal(r->line, 2);
	rrm_site_release(&s);
	rrm_config_release(c);
	free(root);
}

/* site/duplicate-url over articles given as (file, text) pairs: "line:col message" per finding. */
static char *duplicates(const char *cfg, const char *const *files, size_t n)
{
	struct rrm_config *c = config(cfg, "/nonexistent");
	struct rrm_url_entry *v = calloc(n, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		struct rrm_article a;
		const char *text = files[2 * i + 1];
		assert_int_equal(rrm_article_load_mem(&a, files[2 * i], text, strlen(text),
						      RRM_ARTICLE_FRONT_MATTER),
				 RRM_LOAD_OK);
		rrm_url_entry_make(c, &a, files[2 * i], files[2 * i], &v[i]);
		v[i].report = true;
		rrm_article_release(&a);
	}
	struct rrm_sink s;
	rrm_sink_init(&s);
	rrm_lint_duplicate_urls(v, n, &s);
	rrm_sink_sort(&s);
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (size_t i = 0; i < s.n; i++)
		rrm_buf_addf(&b, "%s:%d:%d %s\n", s.items[i].path, s.items[i].line,
			     s.items[i].column, s.items[i].message);
	rrm_sink_release(&s);
	for (size_t i = 0; i < n; i++)
		rrm_url_entry_release(&v[i]);
	free(v);
	rrm_config_release(c);
	return rrm_buf_detach(&b);
}

static void test_duplicate_claims(void **state)
{
	(void)state;
	static const char *const site[] = {
		"a.md", "---\ntitle: A\naliases:\n  - /old/\n  - /a/\n---\n",
		"b.md", "---\ntitle: B\nredirect_from: /old/index.html\n---\n",
		"c.md", "---\ntitle: C\nurl: /old\n---\n",
		"d.md", "---\ntitle: D\naliases: [/d.html, /e/]\n---\n",
		"e.md", "---\ntitle: E\n---\n",
	};
	char *got = duplicates("", site, 5);
	assert_string_equal(got,
			    "a.md:4:5 alias /old/ is also an alias in b.md:3 and others\n"
			    "b.md:3:16 alias /old/ is also an alias in a.md:4 and others\n"
			    "c.md:3:6 URL /old is also an alias in a.md:4 (as /old/) and others\n"
			    "d.md:3:20 alias /e/ is also the URL of e.md\n"
			    "e.md:1:1 URL /e/ is also an alias in d.md:3\n");
	free(got);
	/* one article repeating itself, /x.html beside /x/: no finding */
	static const char *const quiet[] = {
		"a.md",
		"---\ntitle: A\naliases: [/a/, /a/index.html, /old/, /old]\n---\n",
		"b.md",
		"---\ntitle: B\naliases: [/a.html]\n---\n",
	};
	got = duplicates("", quiet, 2);
	assert_string_equal(got, "");
	free(got);
}

/* The owners rrm new shares with the URL model: bundle heads, file-name slugs, tokens. */
static void test_bundle_heads(void **state)
{
	(void)state;
	assert_int_equal(rrm_site_bundle_head("a/b/index.md"), RRM_HEAD_LEAF);
	assert_int_equal(rrm_site_bundle_head("index.markdown"), RRM_HEAD_LEAF);
	assert_int_equal(rrm_site_bundle_head("a/index.html"), RRM_HEAD_LEAF);
	assert_int_equal(rrm_site_bundle_head("a/_index.md"), RRM_HEAD_BRANCH);
	assert_int_equal(rrm_site_bundle_head("a/_index.markdown"), RRM_HEAD_BRANCH);
	assert_int_equal(rrm_site_bundle_head("a/index.txt"), RRM_HEAD_NONE);
	assert_int_equal(rrm_site_bundle_head("a/my-index.md"), RRM_HEAD_NONE);
	assert_int_equal(rrm_site_bundle_head("index.md/x.md"), RRM_HEAD_NONE);
	size_t n = 0;
	for (; rrm_site_bundle_heads[n]; n++)
		assert_int_not_equal(rrm_site_bundle_head(rrm_site_bundle_heads[n]), RRM_HEAD_NONE);
	assert_int_equal(n, 8);
	assert_string_equal(rrm_site_bundle_heads[0], "index.md");
}

static void expect_slug(const char *rel, const char *want)
{
	char *got = rrm_site_file_slug(rel);
	if (strcmp(got, want))
		fail_msg("%s: want '%s', got '%s'", rel, want, got);
	free(got);
}

static void test_file_slug(void **state)
{
	(void)state;
	expect_slug("posts/2025/01/my-post.md", "my-post");
	expect_slug("_posts/2025-01-31-my-post.md", "my-post");
	expect_slug("posts/2025-02-30-x.md", "2025-02-30-x"); /* not a real date */
	expect_slug("posts/a.b.markdown", "a.b");
	expect_slug("posts/my-bundle/index.md", "my-bundle");
	expect_slug("posts/2025-01-31-trip/index.md", "trip");
	expect_slug("docs/_index.md", "docs");
	expect_slug("index.md", "");
	expect_slug("README", "README");
}

static void expect_expand(const char *pattern, const struct rrm_permalink_vars *v, const char *want)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_site_expand(&b, pattern, v);
	if (strcmp(b.data, want))
		fail_msg("%s: want %s, got %s", pattern, want, b.data);
	rrm_buf_release(&b);
}

static void test_expand(void **state)
{
	(void)state;
	struct rrm_permalink_vars all = {2025, 3, 7, "the-slug", "_posts", "2025-03-07-x", "a/b"};
	expect_expand("/:year/:month/:day/:slug/", &all, "/2025/03/07/the-slug/");
	expect_expand("/:section/:title:filename", &all, "/posts/the-slug2025-03-07-x");
	expect_expand("/:path/", &all, "/a/b/the-slug/");
	expect_expand("/:lang/:slug_x:", &all, "/:lang/:slug_x:");
	/* rrm new's new.path: only dates and the slug; the rest written as it is */
	struct rrm_permalink_vars nw = {.year = 2026, .month = 11, .day = 5, .slug = "s"};
	expect_expand("content/:year-:month-:day-:slug.md", &nw, "content/2026-11-05-s.md");
	expect_expand("content/:section/:path/:filename.md", &nw,
		      "content/:section/:path/:filename.md");
	struct rrm_permalink_vars none = {0};
	expect_expand("/:year/:month/x", &none, "///x");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hugo_defaults),    cmocka_unit_test(test_dated_posts),
		cmocka_unit_test(test_tokens),           cmocka_unit_test(test_sections),
		cmocka_unit_test(test_timezone),         cmocka_unit_test(test_hugo_aliases),
		cmocka_unit_test(test_redirect_from),    cmocka_unit_test(test_alias_lookup),
		cmocka_unit_test(test_redirect_rules),   cmocka_unit_test(test_redirects_file),
		cmocka_unit_test(test_duplicate_claims), cmocka_unit_test(test_bundle_heads),
		cmocka_unit_test(test_file_slug),        cmocka_unit_test(test_expand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
