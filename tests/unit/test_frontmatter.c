/* Unit tests: every front-matter schema constraint, through rrm_lint_front_matter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/article.h"
#include "lib/config.h"
#include "lib/diag.h"
#include "lint/lint.h"

static const char *SCHEMA =
	"front_matter:\n"
	"  required: [title, date, author]\n"
	"  fields:\n"
	"    title: {type: string, min_length: 10, max_length: 40}\n"
	"    date: {type: datetime}\n"
	"    day: {type: date}\n"
	"    author: {type: string}\n"
	"    categories: {type: list, items: string, allowed: [News, Analysis, Opinion]}\n"
	"    tags: {type: list, items: string, min_items: 1, max_items: 2}\n"
	"    weight: {type: int}\n"
	"    score: {type: number}\n"
	"    draft: {type: bool}\n"
	"    slug: {type: string, pattern: \"^[a-z0-9]+(-[a-z0-9]+)*$\"}\n"
	"    link: {type: url}\n"
	"    params: {type: map}\n"
	"    kind: {allowed: [post, page]}\n";

static struct rrm_sink S;

/* Lints `fm` (the lines between the fences) and renders findings one a line. */
static char *lint(const char *schema, const char *fm)
{
	struct rrm_config c;
	struct rrm_config_error e;
	assert_int_equal(
		rrm_config_load_text(&c, "/nonexistent", "rrm.yml", schema, strlen(schema), &e), 0);
	rrm_config_error_release(&e);
	char *src = NULL;
	size_t n = strlen(fm) + 16;
	src = malloc(n);
	snprintf(src, n, "---\n%s---\n", fm);
	struct rrm_article a;
	assert_int_equal(
		rrm_article_load_mem(&a, "t.md", src, strlen(src), RRM_ARTICLE_FRONT_MATTER),
		RRM_LOAD_OK);
	rrm_sink_init(&S);
	rrm_config_apply_rules(&c, &S);
	rrm_lint_front_matter(&c, &a, "t.md", &S);
	rrm_sink_sort(&S);
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (size_t i = 0; i < S.n; i++)
		rrm_buf_addf(&b, "%d:%d %s %s\n", S.items[i].line, S.items[i].column,
			     rrm_rules[S.items[i].rule].id, S.items[i].message);
	rrm_sink_release(&S);
	rrm_article_release(&a);
	rrm_config_release(&c);
	free(src);
	return rrm_buf_detach(&b);
}

#define BASE "title: A long enough title\ndate: 2026-01-02\nauthor: Staff\n"

static void expect(const char *fm, const char *want)
{
	char *got = lint(SCHEMA, fm);
	if (strcmp(got, want))
		fail_msg("front matter:\n%s\nwant:\n%s\ngot:\n%s", fm, want, got);
	free(got);
}

static void test_clean(void **state)
{
	(void)state;
	expect(BASE
	       "categories: [News, Opinion]\ntags: [a]\nweight: 3\nscore: 1.5\ndraft: false\n"
	       "slug: a-b-2\nlink: https://x.org/\nparams: {a: 1}\nkind: post\nday: 2020-02-29\n"
	       "aliases: [/old/]\n",
	       "");
}

static void test_required_and_empty(void **state)
{
	(void)state;
	expect("title: A long enough title\n",
	       "1:1 front-matter/required required field 'author' is missing\n"
	       "1:1 front-matter/required required field 'date' is missing\n");
	expect("title: A long enough title\ndate: 2026-01-02\nauthor: \"  \"\n",
	       "4:9 front-matter/empty required field 'author' is blank\n");
	expect("title: A long enough title\ndate: 2026-01-02\nauthor:\n",
	       "4:8 front-matter/empty required field 'author' is empty\n");
}

static void test_types(void **state)
{
	(void)state;
	expect(BASE "weight: heavy\n",
	       "5:9 front-matter/type weight: expected a whole number, got string 'heavy'\n");
	expect(BASE "weight: 1.5\n",
	       "5:9 front-matter/type weight: expected a whole number, got number '1.5'\n");
	expect(BASE "score: '1'\n",
	       "5:8 front-matter/type score: expected a number, got string '1'\n");
	expect(BASE "draft: yes\n",
	       "5:8 front-matter/type draft: 'yes' is a boolean only in YAML 1.1; write true or false\n");
	expect(BASE "draft: 1\n",
	       "5:8 front-matter/type draft: expected true or false, got int '1'\n");
	expect(BASE "tags: solo\n",
	       "5:7 front-matter/type tags: expected a list, got string 'solo'\n");
	expect(BASE "params: [1]\n", "5:9 front-matter/type params: expected a map, got a list\n");
	expect(BASE "link: not a url\n",
	       "5:7 front-matter/type link: 'not a url' is not a URL (an absolute URL such as https://… "
	       "or a path starting with /)\n");
	expect("title: 1984\ndate: 2026-01-02\nauthor: Staff\n",
	       "2:8 front-matter/type title: expected a string, got int '1984' (quote it to make it a "
	       "string)\n");
	expect(BASE "slug: [a]\n", "5:7 front-matter/type slug: expected a string, got a list\n");
	expect(BASE "base: &b x\nslug: *b\n",
	       "5:1 front-matter/unknown-key unknown key 'base': not in the schema of rrm.yml\n"
	       "6:7 front-matter/type slug: YAML aliases are not expanded; write the value out\n");
}

static void test_allowed(void **state)
{
	(void)state;
	expect(BASE "categories: [News, opinion]\n",
	       "5:20 front-matter/allowed categories: 'opinion' is not allowed (did you mean "
	       "'Opinion'?)\n");
	expect(BASE "categories: [Sport]\n",
	       "5:14 front-matter/allowed categories: 'Sport' is not allowed (allowed: News, Analysis, "
	       "Opinion)\n");
	expect(BASE "kind: blog\n",
	       "5:7 front-matter/allowed kind: 'blog' is not allowed (allowed: post, page)\n");
}

static void test_length(void **state)
{
	(void)state;
	expect("title: Short\ndate: 2026-01-02\nauthor: X\n",
	       "2:8 front-matter/length title: 5 characters, fewer than the minimum 10\n");
	/* 10 code points, 20 bytes: long enough */
	expect("title: ééééééééé’\ndate: 2026-01-02\nauthor: X\n", "");
	expect("title: A title that is far too long for the schema of this site\ndate: 2026-01-02\n"
	       "author: X\n",
	       "2:8 front-matter/length title: 56 characters, more than the maximum 40\n");
}

static void test_pattern(void **state)
{
	(void)state;
	expect(BASE "slug: Iran’s-Talks\n",
	       "5:7 front-matter/pattern slug: 'Iran’s-Talks' does not match the pattern "
	       "^[a-z0-9]+(-[a-z0-9]+)*$\n");
}

static void test_items(void **state)
{
	(void)state;
	expect(BASE "tags: []\n",
	       "5:7 front-matter/items tags: 0 items, fewer than the minimum 1\n");
	expect(BASE "tags: [a, b, c]\n",
	       "5:7 front-matter/items tags: 3 items, more than the maximum 2\n");
	expect(BASE "tags: [a, 3]\n",
	       "5:11 front-matter/items tags: expected a string, got int '3' (quote it to make it a "
	       "string)\n");
	expect(BASE "tags: [a, [b]]\n",
	       "5:11 front-matter/items tags: item 2 is a list, expected string\n");
}

static void test_dates(void **state)
{
	(void)state;
	expect("title: A long enough title\ndate: 2021-02-29\nauthor: X\n",
	       "3:7 front-matter/date date: '2021-02-29' is not a real date\n");
	expect("title: A long enough title\ndate: 03/04/2020\nauthor: X\n",
	       "3:7 front-matter/date date: '03/04/2020' is ambiguous (day and month order); write "
	       "YYYY-MM-DD\n");
	expect("title: A long enough title\ndate: last Tuesday\nauthor: X\n",
	       "3:7 front-matter/date date: 'last Tuesday' is not a date or datetime (YYYY-MM-DD, "
	       "optionally followed by Thh:mm:ss and a zone such as Z or +01:00)\n");
	expect("title: A long enough title\ndate: 2026-01-02T25:00:00Z\nauthor: X\n",
	       "3:7 front-matter/date date: '2026-01-02T25:00:00Z' is not a real date and time\n");
	expect("title: A long enough title\ndate: \"2026-01-02T10:00:00+01:00\"\nauthor: X\n", "");
	expect(BASE "day: 2026-01-02T10:00:00Z\n",
	       "5:6 front-matter/date day: '2026-01-02T10:00:00Z' is not a date in YYYY-MM-DD form\n");
}

static void test_unknown_and_duplicates(void **state)
{
	(void)state;
	expect(BASE "autor: X\n",
	       "5:1 front-matter/unknown-key unknown key 'autor' (did you mean 'author'?)\n");
	expect(BASE "linkTitle: X\nslug: ok\nurl: /x/\nspelling: [Sadr]\n",
	       "5:1 front-matter/unknown-key unknown key 'linkTitle': not in the schema of rrm.yml\n");
	expect(BASE "author: Y\n",
	       "5:1 front-matter/duplicate-key duplicate key 'author': YAML readers keep one of the "
	       "two\n");
	expect(BASE "params: {a: 1, a: 2}\n",
	       "5:16 front-matter/duplicate-key duplicate key 'a': YAML readers keep one of the two\n");
	/* with unknown_keys: off nothing is said */
	char *got = lint("front_matter:\n  unknown_keys: off\n  fields: {title: {}}\n", "zzz: 1\n");
	assert_string_equal(got, "");
	free(got);
	/* without fields, no key is unknown */
	got = lint("front_matter:\n  required: [title]\n", "title: x\nzzz: 1\n");
	assert_string_equal(got, "");
	free(got);
}

static void test_document_shapes(void **state)
{
	(void)state;
	expect("- a\n- b\n",
	       "2:1 front-matter/not-a-map front matter is a list; it must be a map of keys "
	       "to values\n");
	expect("just words\n",
	       "2:1 front-matter/not-a-map front matter is a string; it must be a map of keys to values\n");
	expect("title: [a\n",
	       "2:8 front-matter/syntax YAML syntax: did not find expected ',' or ']' while "
	       "parsing a flow sequence\n");
	expect("", "1:1 front-matter/required required field 'author' is missing\n"
		   "1:1 front-matter/required required field 'date' is missing\n"
		   "1:1 front-matter/required required field 'title' is missing\n");
	expect(BASE "? [a, b]\n: c\n",
	       "5:3 front-matter/type a key must be a string, not a list\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_required_and_empty),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_pattern),
		cmocka_unit_test(test_items),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_unknown_and_duplicates),
		cmocka_unit_test(test_document_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
