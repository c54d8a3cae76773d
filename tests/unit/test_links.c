/*
 * Unit tests: link resolution against the site index (every link form of
 * rrm-lint(1) LINKS). The index is built by hand; files come from
 * tests/unit/data/link-site.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/site.h"
#include "lib/util.h"
#include "lint/lint.h"

static struct rrm_config C;
static struct rrm_site S;

static char **strs(int n, ...)
{
	va_list ap;
	va_start(ap, n);
	char **v = calloc((size_t)n + 1, sizeof *v);
	for (int i = 0; i < n; i++)
		v[i] = strdup(va_arg(ap, const char *));
	va_end(ap);
	return v;
}

static void page(const char *file, const char *url, const char *fm, char **ids, size_t n)
{
	struct rrm_ydoc doc;
	struct rrm_yaml_error e;
	assert_int_equal(rrm_yaml_parse(fm, strlen(fm), 2, &doc, &e), 0);
	rrm_site_add_page(&S, file, url, doc.root, ids, n);
	rrm_ydoc_release(&doc);
}

static int setup(void **state)
{
	(void)state;
	const char *data = getenv("RRM_TEST_DATA");
	assert_non_null(data);
	char *root = rrm_asprintf("%s/link-site", data);
	const char *cfg = "base_url: https://www.example.org\ncontent_dir: content\n"
			  "ignore_links: [\"/docs/specs/**\"]\n";
	struct rrm_config_error e;
	assert_int_equal(rrm_config_load_text(&C, root, "rrm.yml", cfg, strlen(cfg), &e), 0);
	rrm_config_error_release(&e);
	free(root);
	rrm_site_init(&S, &C);
	page("content/_index.md", "/", "title: Home\n", NULL, 0);
	page("content/blog/2020-01-02-hello.md", "/blog/hello/", "aliases: [/old/hello/, later/]\n",
	     strs(2, "intro", "why-it-matters"), 2);
	page("content/blog/trip/index.md", "/blog/trip/", "title: Trip\n", strs(1, "day-one"), 1);
	page("content/blog/secret.md", "/blog/secret/", "draft: true\n", NULL, 0);
	page("content/docs/Guide.md", "/docs/Guide/", "title: G\n", strs(1, "setup"), 1);
	page("content/docs/x.md", "/docs/x.html", "title: X\n", NULL, 0);
	page("content/blog/moved.md", "/blog/moved/",
	     "redirect_to: /blog/trip/\nredirect_from: [/blog/moved-too/]\n",
	     strs(1, "only-in-source"), 1);
	/* a heading with a shortcode in it: a pattern (anchor.h) */
	page("content/docs/sc.md", "/docs/sc/", "title: S\n",
	     strs(2, "plain",
		  "\x01"
		  "foo-*-bar"),
	     2);
	rrm_site_scan_files(&S); /* static/_redirects too */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rrm_site_release(&S);
	rrm_config_release(&C);
	return 0;
}

static bool ALIAS_ON; /* link/alias is reported (it is off by default) */

/* The findings for one link written in `from` (a page index, or -1 for a file outside). */
static char *check(long from, const char *file, const char *dest, enum rrm_link_kind kind)
{
	struct rrm_link l = {kind, (char *)dest, 3, 7, 40, strlen(dest), false};
	struct rrm_linted lt = {
		(char *)"t.md", (char *)file, from, false, false, &l, 1, NULL, 0, false, 0};
	struct rrm_sink s;
	rrm_sink_init(&s);
	if (ALIAS_ON)
		s.severity[RRM_RULE_LINK_ALIAS] = RRM_SEV_WARNING;
	rrm_lint_links(&C, &S, &lt, &s);
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (size_t i = 0; i < s.n; i++)
		rrm_buf_addf(&b, "%s%s", i ? " " : "", rrm_rules[s.items[i].rule].id);
	rrm_sink_release(&s);
	return rrm_buf_detach(&b);
}

#define POST 1 /* content/blog/2020-01-02-hello.md at /blog/hello/ */
#define POST_FILE "content/blog/2020-01-02-hello.md"

static void expect(long from, const char *file, const char *dest, const char *want)
{
	char *got = check(from, file, dest, RRM_LINK_LINK);
	if (strcmp(got, want))
		fail_msg("link '%s' from %s: want '%s', got '%s'", dest, file, want, got);
	free(got);
}

static void test_root_absolute(void **state)
{
	(void)state;
	expect(POST, POST_FILE, "/blog/trip/", "");
	expect(POST, POST_FILE, "/blog/trip", "");
	expect(POST, POST_FILE, "/blog/trip/index.html", "");
	expect(POST, POST_FILE, "/blog/trip/?utm=1#day-one", "");
	expect(POST, POST_FILE, "/blog/trip/#day-two", "link/anchor");
	expect(POST, POST_FILE, "/docs/x.html", "");
	expect(POST, POST_FILE, "/docs/x/", "link/dead"); /* x.html is not served as x/ */
	expect(POST, POST_FILE, "/img/logo.svg", "");
	expect(POST, POST_FILE, "/img/two%20words.svg", "");
	expect(POST, POST_FILE, "/img/missing.svg", "link/image");
	expect(POST, POST_FILE, "/blog/gone/", "link/dead");
	expect(POST, POST_FILE, "/old/hello/", "");
	expect(POST, POST_FILE, "/blog/later/", ""); /* a relative alias: beside the page */
	expect(POST, POST_FILE, "/docs/specs/anything/", "");
	expect(POST, POST_FILE, "/", "");
	expect(POST, POST_FILE, "/docs/guide/", "link/case");
	expect(POST, POST_FILE, "/blog/secret/", "link/draft");
	expect(POST, POST_FILE, "/blog/trip/photo.jpg", "");
	expect(POST, POST_FILE, "/docs/x.md", "");
}

static void test_absolute_urls(void **state)
{
	(void)state;
	expect(POST, POST_FILE, "https://example.org/blog/trip/", "");
	expect(POST, POST_FILE, "http://www.example.org/blog/trip/", "");
	expect(POST, POST_FILE, "https://EXAMPLE.org/nope/", "link/dead");
	expect(POST, POST_FILE, "//example.org/nope/", "link/dead");
	expect(POST, POST_FILE, "https://other.org/nope/", "");
	expect(POST, POST_FILE, "mailto:a@example.org", "");
	expect(POST, POST_FILE, "ftp://example.org/x", "");
}

static void test_relative(void **state)
{
	(void)state;
	/* against the page URL /blog/hello/ */
	expect(POST, POST_FILE, "../trip/", "");
	expect(POST, POST_FILE, "../trip/#day-one", "");
	expect(POST, POST_FILE, "../nope/", "link/dead");
	expect(POST, POST_FILE, "../../../../blog/trip/", ""); /* a browser stops at / */
	/* against the file content/blog/ */
	expect(POST, POST_FILE, "trip/index.md#day-one", "");
	expect(POST, POST_FILE, "../docs/Guide.md#setup", "");
	expect(POST, POST_FILE, "../docs/Guide.md#nope", "link/anchor");
	expect(POST, POST_FILE, "missing.md", "link/dead");
	expect(POST, POST_FILE, "trip/photo.jpg", "");
	expect(POST, POST_FILE, "../../../etc/passwd.md", "link/outside");
	expect(POST, POST_FILE, "../docs/guide.pdf", "");
	/* a page bundle's image, from the bundle */
	expect(2, "content/blog/trip/index.md", "photo.jpg", "");
	expect(2, "content/blog/trip/index.md", "nophoto.jpg", "link/image");
	/* the same page */
	expect(POST, POST_FILE, "#intro", "");
	expect(POST, POST_FILE, "#intro-x", "link/anchor");
	expect(POST, POST_FILE, "#", "");
}

static void test_templates(void **state)
{
	(void)state;
	char *got = check(POST, POST_FILE, "trip/index.md", RRM_LINK_HUGO_REF);
	assert_string_equal(got, "");
	free(got);
	got = check(POST, POST_FILE, "/docs/Guide.md#setup", RRM_LINK_HUGO_REF);
	assert_string_equal(got, "");
	free(got);
	got = check(POST, POST_FILE, "/docs/Guide", RRM_LINK_HUGO_REF);
	assert_string_equal(got, "");
	free(got);
	got = check(POST, POST_FILE, "nope.md", RRM_LINK_HUGO_REF);
	assert_string_equal(got, "link/dead");
	free(got);
	got = check(POST, POST_FILE, "2020-01-02-hello", RRM_LINK_JEKYLL_POST_URL);
	assert_string_equal(got, "");
	free(got);
	got = check(POST, POST_FILE, "2020-01-03-nope", RRM_LINK_JEKYLL_POST_URL);
	assert_string_equal(got, "link/dead");
	free(got);
	got = check(POST, POST_FILE, "content/docs/x.md", RRM_LINK_JEKYLL_LINK);
	assert_string_equal(got, "");
	free(got);
	got = check(POST, POST_FILE, "docs/x.md", RRM_LINK_JEKYLL_LINK);
	assert_string_equal(got, "");
	free(got);
	/* other template code in a target: skipped */
	expect(POST, POST_FILE, "{{< param url >}}/x/", "");
	expect(POST, POST_FILE, "{{ site.baseurl }}/x/", "");
}

/* Fragments against a page whose heading holds a shortcode. */
static void test_id_patterns(void **state)
{
	(void)state;
	expect(POST, POST_FILE, "/docs/sc/#plain", "");
	expect(POST, POST_FILE, "/docs/sc/#foo-1.2-bar", "");
	expect(POST, POST_FILE, "/docs/sc/#foo-hahahugoshortcodes0hbhb-bar", "");
	expect(POST, POST_FILE, "/docs/sc/#foo", "link/anchor");
	expect(POST, POST_FILE, "/docs/sc/#bar-foo-bar", "link/anchor");
	/* the message names real ids only, never a pattern */
	struct rrm_link l = {RRM_LINK_LINK, (char *)"/docs/sc/#fo", 3, 7, 40, 12, false};
	struct rrm_linted lt = {
		(char *)"t.md", (char *)POST_FILE, POST, false, false, &l, 1, NULL, 0, false, 0};
	struct rrm_sink sk;
	rrm_sink_init(&sk);
	rrm_lint_links(&C, &S, &lt, &sk);
	assert_int_equal(sk.n, 1);
	assert_non_null(strstr(sk.items[0].message, "'#plain'"));
	assert_null(strstr(sk.items[0].message, "*"));
	rrm_sink_release(&sk);
}

/* Hugo's pages that are not rendered: build options, headless leaf bundles, cascades. */
static void test_unrendered(void **state)
{
	(void)state;
	static const struct {
		const char *fm, *file;
		bool unrendered, cascade;
	} cases[] = {
		{"build: {render: never}\n", "content/a.md", true, false},
		{"_build: {render: false}\n", "content/a.md", true, false},
		{"Build: {Render: Never}\n", "content/a.md", true, false},
		{"build: {render: always}\n", "content/a.md", false, false},
		{"build: {list: never}\n", "content/a.md", false, false},
		{"headless: true\n", "content/leaf/index.md", true, false},
		{"headless: true\n", "content/sec/_index.md", false, false},
		{"cascade: {_build: {render: never}}\n", "content/sec/_index.md", true, true},
		{"cascade: [{build: {render: never}, target: {path: /x/**}}]\n",
		 "content/s/_index.md", false, false},
		{"title: T\n", "content/a.md", false, false},
		/* its own build options win over a cascade (hugodocs' glossary) */
		{"build: {render: always}\ncascade: {build: {render: never}}\n",
		 "content/g/_index.md", false, true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct rrm_ydoc doc;
		struct rrm_yaml_error e;
		assert_int_equal(rrm_yaml_parse(cases[i].fm, strlen(cases[i].fm), 2, &doc, &e), 0);
		struct rrm_page_meta m;
		rrm_page_meta_from(&m, doc.root);
		if (rrm_page_meta_unrendered(&m, cases[i].file, false) != cases[i].unrendered ||
		    m.cascade_no_render != cases[i].cascade)
			fail_msg("%s in %s", cases[i].fm, cases[i].file);
		rrm_page_meta_release(&m);
		rrm_ydoc_release(&doc);
	}
	/* the links of an unrendered page: relative URLs are not known, the rest is */
	struct rrm_link l[3] = {{RRM_LINK_LINK, (char *)"g", 3, 7, 40, 1, false},
				{RRM_LINK_LINK, (char *)"../nope.md", 4, 7, 60, 10, false},
				{RRM_LINK_LINK, (char *)"/nope/", 5, 7, 80, 6, false}};
	struct rrm_linted lt = {(char *)"t.md",
				(char *)"content/blog/snip.md",
				-1,
				false,
				false,
				l,
				3,
				NULL,
				0,
				true,
				0};
	struct rrm_sink sk;
	rrm_sink_init(&sk);
	rrm_lint_links(&C, &S, &lt, &sk);
	assert_int_equal(sk.n, 2);
	assert_int_equal(sk.items[0].line, 4);
	assert_int_equal(sk.items[1].line, 5);
	rrm_sink_release(&sk);
	/* below a cascade: unrendered, unless the page says otherwise */
	struct rrm_page_meta m = {0};
	assert_true(rrm_page_meta_unrendered(&m, "content/s/a.md", true));
	m.render_set = true;
	assert_false(rrm_page_meta_unrendered(&m, "content/s/a.md", true));
}

static void test_outside_content(void **state)
{
	(void)state;
	/* a file that is no page: only file links can be resolved */
	expect(-1, "notes/readme.md", "../content/docs/x.md", "");
	expect(-1, "notes/readme.md", "../../x.md", "link/outside");
	expect(-1, "notes/readme.md", "/blog/trip/", "");
}

static void test_alias(void **state)
{
	(void)state;
	/* off by default: a link to an alias is alive */
	ALIAS_ON = false;
	expect(2, "content/blog/trip/index.md", "/old/hello/", "");
	ALIAS_ON = true;
	expect(2, "content/blog/trip/index.md", "/old/hello/", "link/alias");
	expect(2, "content/blog/trip/index.md", "/old/hello", "link/alias");
	expect(2, "content/blog/trip/index.md", "/old/hello/index.html", "link/alias");
	expect(2, "content/blog/trip/index.md", "../later/", "link/alias");
	expect(2, "content/blog/trip/index.md", "https://example.org/old/hello/", "link/alias");
	expect(2, "content/blog/trip/index.md", "/old/hello/#nope", "link/alias link/anchor");
	/* the current URL, its file, or a ref: no finding */
	expect(2, "content/blog/trip/index.md", "/blog/hello/", "");
	expect(2, "content/blog/trip/index.md", "../2020-01-02-hello.md", "");
	/* the message names the current URL; the suggestion keeps query and fragment */
	struct rrm_link l = {RRM_LINK_LINK, (char *)"/old/hello/?a=1#intro", 3, 7, 40, 21, false};
	struct rrm_linted lt = {(char *)"t.md",
				(char *)"content/blog/trip/index.md",
				2,
				false,
				false,
				&l,
				1,
				NULL,
				0,
				false,
				0};
	struct rrm_sink s;
	rrm_sink_init(&s);
	s.severity[RRM_RULE_LINK_ALIAS] = RRM_SEV_WARNING;
	rrm_lint_links(&C, &S, &lt, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.items[0].rule, RRM_RULE_LINK_ALIAS);
	assert_int_equal(s.items[0].severity, RRM_SEV_WARNING);
	assert_string_equal(
		s.items[0].message,
		"'/old/hello/?a=1#intro' is an alias of /blog/hello/; link to the current URL");
	assert_int_equal(s.items[0].n_suggestions, 1);
	assert_string_equal(s.items[0].suggestions[0], "/blog/hello/?a=1#intro");
	rrm_sink_release(&s);
	ALIAS_ON = false;
}

static void test_redirects(void **state)
{
	(void)state;
	/* redirect_to: the page is served as a redirect page; a fragment is looked for on its
	 * target */
	expect(POST, POST_FILE, "/blog/moved/", "");
	expect(POST, POST_FILE, "/blog/moved/#anything", "link/anchor");
	expect(POST, POST_FILE, "/blog/moved/#day-one", "");
	expect(POST, POST_FILE, "/blog/moved/#only-in-source", "link/anchor");
	expect(POST, POST_FILE, "/blog/moved-too/", "");
	/* static/_redirects: a fixed target keeps the fragment (a 301 does), so it is checked there
	 */
	expect(POST, POST_FILE, "/old-trip#day-one", "");
	expect(POST, POST_FILE, "/old-trip/#day-two", "link/anchor");
	expect(POST, POST_FILE, "/legacy/2019/a-post/#any", ""); /* :splat: not filled in */
	/* static/_redirects: its from paths are served */
	expect(POST, POST_FILE, "/legacy/2019/a-post/", "");
	expect(POST, POST_FILE, "/legacy", "");
	expect(POST, POST_FILE, "/shop", "");
	expect(POST, POST_FILE, "/shop/", "");
	expect(POST, POST_FILE, "/products/7", "");
	expect(POST, POST_FILE, "/products/7/extra", "link/dead");
	expect(POST, POST_FILE, "/missing/page", "link/dead"); /* a 404 rule */
	expect(POST, POST_FILE, "/Shop", "link/dead");         /* case-sensitive */
	expect(POST, POST_FILE, "../../shop", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_absolute),   cmocka_unit_test(test_absolute_urls),
		cmocka_unit_test(test_relative),        cmocka_unit_test(test_templates),
		cmocka_unit_test(test_outside_content), cmocka_unit_test(test_alias),
		cmocka_unit_test(test_redirects),       cmocka_unit_test(test_id_patterns),
		cmocka_unit_test(test_unrendered),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
