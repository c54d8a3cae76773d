/* Unit tests: heading ids, every test vector of ANCHORS.md (section 4 and 5). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/anchor.h"
#include "lib/article.h"

#define NONE "\x01" /* no id at all */

/* The ids of a page made of `md`, by `alg`, joined by '|'. */
static char *ids_of(const char *md, enum rrm_anchors alg)
{
	struct rrm_article a;
	assert_int_equal(rrm_article_load_mem(&a, "t.md", md, strlen(md), RRM_ARTICLE_BODY),
			 RRM_LOAD_OK);
	char **ids = calloc(a.n_headings + 1, sizeof *ids);
	bool *dup = calloc(a.n_headings + 1, sizeof *dup);
	rrm_anchor_page(alg, false, a.headings, a.n_headings, ids, dup);
	size_t cap = 1024, len = 0;
	char *out = calloc(cap, 1);
	for (size_t i = 0; i < a.n_headings; i++) {
		const char *id = ids[i] ? ids[i] : NONE;
		len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? "|" : "", id);
		free(ids[i]);
	}
	free(ids);
	free(dup);
	rrm_article_release(&a);
	return out;
}

static void expect(const char *md, enum rrm_anchors alg, const char *want)
{
	char *got = ids_of(md, alg);
	if (strcmp(got, want))
		fail_msg("%s (algorithm %d): want '%s', got '%s'", md, (int)alg, want, got);
	free(got);
}

struct vector {
	const char *src, *hugo, *bf, *jekyll, *kramdown, *github;
};

/* ANCHORS.md section 4: one heading per page. */
static const struct vector vectors[] = {
	{"## Hello, World!", "hello-world", "hello-world", "hello-world", "hello-world",
	 "hello-world"},
	{"## Iran’s “red flag” – 680AD", "irans-red-flag--680ad", "iran-s-red-flag-680ad",
	 "irans-red-flag--680ad", "irans-red-flag--680ad", "irans-red-flag--680ad"},
	{"## C++ & C#", "c--c", "c-c", "c--c", "c--c", "c--c"},
	{"## Über café", "über-café", "über-café", "über-café", "ber-caf", "über-café"},
	{"## Émigrés & exiles", "émigrés--exiles", "émigrés-exiles", "émigrés--exiles",
	 "migrs--exiles", "émigrés--exiles"},
	{"## Connect with us {#contact}", "contact", "contact", "contact", "contact",
	 "connect-with-us-contact"},
	{"## `code` in heading", "code-in-heading", "code-in-heading", "code-in-heading",
	 "code-in-heading", "code-in-heading"},
	{"## [link](x) text", "link-text", "link-text", "link-text", "linkx-text", "link-text"},
	{"## A -- B", "a--b", "a-b", "a--b", "a----b", "a----b"},
	{"## 1. Numbered", "1-numbered", "1-numbered", "1-numbered", "numbered", "1-numbered"},
	{"## 🎉 Party time", "-party-time", "party-time", "-party-time", "party-time",
	 "-party-time"},
	{"## :tada: Party", "tada-party", "tada-party", "tada-party", "tada-party", "tada-party"},
	{"## !!!", "heading", "heading", NONE, "section", ""},
	{"## Under_score and snake_case", "under_score-and-snake_case",
	 "under-score-and-snake-case", "under_score-and-snake_case", "underscore-and-snakecase",
	 "under_score-and-snake_case"},
	{"## Multiple   spaces", "multiple---spaces", "multiple-spaces", "multiple---spaces",
	 "multiple---spaces", "multiple---spaces"},
	{"## Some <span>raw</span> HTML", "some-raw-html", "some-raw-html", "some-raw-html",
	 "some-spanrawspan-html", "some-raw-html"},
	{"## What's new in v2.0?", "whats-new-in-v20", "what-s-new-in-v2-0", "whats-new-in-v20",
	 "whats-new-in-v20", "whats-new-in-v20"},
	{"## 神真美好 God is good", "神真美好-god-is-good", "神真美好-god-is-good",
	 "神真美好-god-is-good", "god-is-good", "神真美好-god-is-good"},
	{"## Привет мир", "привет-мир", "привет-мир", "привет-мир", "section", "привет-мир"},
	{"## API: get_user() / set_user()", "api-get_user--set_user", "api-get-user-set-user",
	 "api-get_user--set_user", "api-getuser--setuser", "api-get_user--set_user"},
	{"## Foo &amp; Bar", "foo--bar", "foo-bar", "foo--bar", "foo-amp-bar", "foo--bar"},
	{"## 2024-01-01 Release notes", "2024-01-01-release-notes", "2024-01-01-release-notes",
	 "2024-01-01-release-notes", "release-notes", "2024-01-01-release-notes"},
	{"## I \u2764\uFE0F Go", "i--go", "i-go", "i-\uFE0F-go", "i--go", "i-\uFE0F-go"},
	/* ANCHORS.md writes a.png in the source but its K column (alt-textimgpng) was made
	 * from img.png; the file name matters only to K. */
	{"## ![alt text](img.png) Logo", "alt-text-logo", "alt-text-logo", "-logo",
	 "alt-textimgpng-logo", "-logo"},
	{"## U\u0308ber cafe\u0301", "uber-cafe", "u-ber-cafe", "u\u0308ber-cafe\u0301",
	 "uber-cafe", "u\u0308ber-cafe\u0301"},
	{"## Caf&#233; &eacute;", "caf233-é", "caf-233-é", "café-é", "caf233-eacute", "café-é"},
};

static void test_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof vectors / sizeof *vectors; i++) {
		const struct vector *v = &vectors[i];
		expect(v->src, RRM_ANCHORS_HUGO, v->hugo);
		expect(v->src, RRM_ANCHORS_HUGO_BLACKFRIDAY, v->bf);
		expect(v->src, RRM_ANCHORS_JEKYLL, v->jekyll);
		expect(v->src, RRM_ANCHORS_KRAMDOWN, v->kramdown);
		expect(v->src, RRM_ANCHORS_GITHUB, v->github);
	}
}

static void test_hugo_ascii(void **state)
{
	(void)state;
	/* where github-ascii differs from github: rows 4, 5, 18, 19 */
	expect("## Über café", RRM_ANCHORS_HUGO_ASCII, "uber-cafe");
	expect("## Émigrés & exiles", RRM_ANCHORS_HUGO_ASCII, "emigres--exiles");
	expect("## 神真美好 God is good", RRM_ANCHORS_HUGO_ASCII, "-god-is-good");
	expect("## Привет мир", RRM_ANCHORS_HUGO_ASCII, "-");
	/* and the same elsewhere */
	expect("## Hello, World!", RRM_ANCHORS_HUGO_ASCII, "hello-world");
	expect("## Iran’s “red flag” – 680AD", RRM_ANCHORS_HUGO_ASCII, "irans-red-flag--680ad");
}

/* ANCHORS.md section 5: several headings on one page. */
static void test_pages(void **state)
{
	(void)state;
	const char *p1 = "## Foo\n\n## Foo\n\n## Foo 1\n";
	expect(p1, RRM_ANCHORS_HUGO, "foo|foo-1|foo-1-1");
	expect(p1, RRM_ANCHORS_HUGO_BLACKFRIDAY, "foo|foo-1|foo-1-1");
	expect(p1, RRM_ANCHORS_JEKYLL, "foo|foo-1|foo-1");
	expect(p1, RRM_ANCHORS_KRAMDOWN, "foo|foo-1|foo-1");
	expect(p1, RRM_ANCHORS_GITHUB, "foo|foo-1|foo-1-1");
	const char *p2 = "## Foo 1\n\n## Foo\n\n## Foo\n";
	expect(p2, RRM_ANCHORS_HUGO, "foo-1|foo|foo-2");
	expect(p2, RRM_ANCHORS_JEKYLL, "foo-1|foo|foo-1");
	expect(p2, RRM_ANCHORS_KRAMDOWN, "foo-1|foo|foo-1");
	expect(p2, RRM_ANCHORS_GITHUB, "foo-1|foo|foo-2");
	const char *p3 = "## Intro {#foo}\n\n## Foo\n\n## Foo\n";
	expect(p3, RRM_ANCHORS_HUGO, "foo|foo-1|foo-2");
	expect(p3, RRM_ANCHORS_JEKYLL, "foo|foo|foo-1");
	expect(p3, RRM_ANCHORS_KRAMDOWN, "foo|foo|foo-1");
	expect(p3, RRM_ANCHORS_GITHUB, "intro-foo|foo|foo-1");
	const char *p4 = "## Foo\n\n## Foo {#foo}\n\n## Foo\n";
	expect(p4, RRM_ANCHORS_HUGO, "foo|foo|foo-1");
	expect(p4, RRM_ANCHORS_JEKYLL, "foo|foo|foo-1");
	expect(p4, RRM_ANCHORS_KRAMDOWN, "foo|foo|foo-1");
	expect(p4, RRM_ANCHORS_GITHUB, "foo|foo-foo|foo-1");
	const char *p5 = "## !!!\n\n## ???\n\n## -1\n";
	expect(p5, RRM_ANCHORS_HUGO, "heading|heading-1|-1");
	expect(p5, RRM_ANCHORS_HUGO_BLACKFRIDAY, "heading|heading-1|1");
	expect(p5, RRM_ANCHORS_JEKYLL, NONE "|-1|-1");
	expect(p5, RRM_ANCHORS_KRAMDOWN, "section|section-1|section-2");
	expect(p5, RRM_ANCHORS_GITHUB, "|-1|-1-1");
	const char *p6 = "## Title {#Custom_ID}\n\n## Section {#sec .cls}\n";
	expect(p6, RRM_ANCHORS_HUGO, "Custom_ID|sec");
	expect(p6, RRM_ANCHORS_JEKYLL, "Custom_ID|section-sec-cls");
	expect(p6, RRM_ANCHORS_KRAMDOWN, "Custom_ID|section-sec-cls");
	expect(p6, RRM_ANCHORS_GITHUB, "title-custom_id|section-sec-cls");
	const char *p7 = "Line one\nLine two\n---\n";
	expect(p7, RRM_ANCHORS_HUGO, "line-two");
	expect(p7, RRM_ANCHORS_GITHUB, "line-oneline-two");
}

static void test_duplicates_flagged(void **state)
{
	(void)state;
	struct rrm_article a;
	const char *md = "## A {#x}\n\n## B {#x}\n\n## C\n\n## C\n";
	assert_int_equal(rrm_article_load_mem(&a, "t.md", md, strlen(md), RRM_ARTICLE_BODY),
			 RRM_LOAD_OK);
	char *ids[4];
	bool dup[4];
	rrm_anchor_page(RRM_ANCHORS_HUGO, false, a.headings, a.n_headings, ids, dup);
	assert_false(dup[0]);
	assert_true(dup[1]); /* explicit ids are never changed: a real duplicate */
	assert_false(dup[2]);
	assert_false(dup[3]); /* Hugo made it c-1 */
	assert_string_equal(ids[3], "c-1");
	for (int i = 0; i < 4; i++)
		free(ids[i]);
	rrm_article_release(&a);
}

/* A Hugo heading that holds a shortcode: a pattern around the shortcode's output. */
static void test_shortcode_patterns(void **state)
{
	(void)state;
	struct rrm_article a;
	const char *md = "## Foo {{< badge 1 >}} bar\n\n## Baz {{% param x %}}\n\n"
			 "## Explicit {{% param x %}} {#exp}\n\n## Foo\n";
	assert_int_equal(rrm_article_load_mem(&a, "t.md", md, strlen(md), RRM_ARTICLE_BODY),
			 RRM_LOAD_OK);
	char *ids[4];
	bool dup[4];
	rrm_anchor_page(RRM_ANCHORS_HUGO, false, a.headings, a.n_headings, ids, dup);
	assert_true(rrm_anchor_is_pattern(ids[0]));
	assert_string_equal(ids[0] + 1, "foo-*-bar");
	assert_string_equal(ids[1] + 1, "baz-*");
	assert_string_equal(ids[2], "exp"); /* an explicit id is known */
	assert_string_equal(ids[3], "foo");
	assert_false(dup[0] || dup[1] || dup[2] || dup[3]);
	/* what Hugo 0.111 made of them, and what a value may give */
	assert_true(rrm_anchor_match(ids[0], "foo-hahahugoshortcodes0hbhb-bar"));
	assert_true(rrm_anchor_match(ids[0], "foo--bar"));
	assert_true(rrm_anchor_match(ids[1], "baz-value"));
	assert_false(rrm_anchor_match(ids[0], "foo-bar-baz"));
	assert_false(rrm_anchor_match(ids[1], "bar-value"));
	assert_false(rrm_anchor_match(ids[3], "foo")); /* an id is no pattern */
	for (int i = 0; i < 4; i++)
		free(ids[i]);
	/* blackfriday keeps the pattern too */
	rrm_anchor_page(RRM_ANCHORS_HUGO_BLACKFRIDAY, false, a.headings, a.n_headings, ids, dup);
	assert_string_equal(ids[0] + 1, "foo-*-bar");
	for (int i = 0; i < 4; i++)
		free(ids[i]);
	rrm_article_release(&a);
}

/* kramdown's block IAL sets the id, before the auto id (which it does not count). */
static void test_ial_ids(void **state)
{
	(void)state;
	const char *md = "# Second\n{: #sec .cls}\n\n# Title {: #x}\n\n# Second\n";
	expect(md, RRM_ANCHORS_JEKYLL, "sec|title--x|second");
	expect(md, RRM_ANCHORS_KRAMDOWN, "sec|title--x|second");
	/* goldmark renders "{: #sec .cls}" as text: the ids are its own */
	expect(md, RRM_ANCHORS_HUGO, "second|title--x|second-1");
	/* a span IAL is not part of the heading's text (Jekyll 4.3: head-em-tail) */
	expect("# Head *em*{:#hem} tail\n", RRM_ANCHORS_JEKYLL, "head-em-tail");
}

static void test_definition_terms(void **state)
{
	(void)state;
	struct rrm_article a;
	const char *md =
		"## Matchers\n\n`matchers`\n: A slice of matchers.\n\nname\n: The name.\n\n"
		"Plain paragraph.\n";
	assert_int_equal(rrm_article_load_mem(&a, "t.md", md, strlen(md), RRM_ARTICLE_BODY),
			 RRM_LOAD_OK);
	assert_int_equal(a.n_headings, 3);
	char *ids[3];
	bool dup[3];
	rrm_anchor_page(RRM_ANCHORS_HUGO, true, a.headings, a.n_headings, ids, dup);
	assert_string_equal(ids[0], "matchers");
	assert_string_equal(ids[1], "matchers-1"); /* one set of ids for headings and terms */
	assert_string_equal(ids[2], "name");
	assert_int_equal(a.headings[1].line, 3);
	for (int i = 0; i < 3; i++)
		free(ids[i]);
	/* without autoDefinitionTermID, terms have no id */
	rrm_anchor_page(RRM_ANCHORS_HUGO, false, a.headings, a.n_headings, ids, dup);
	assert_string_equal(ids[0], "matchers");
	assert_null(ids[1]);
	assert_null(ids[2]);
	free(ids[0]);
	rrm_article_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_hugo_ascii),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_duplicates_flagged),
		cmocka_unit_test(test_shortcode_patterns),
		cmocka_unit_test(test_ial_ids),
		cmocka_unit_test(test_definition_terms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
