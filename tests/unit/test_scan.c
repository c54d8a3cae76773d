/* Unit tests: the source scan (scan.h): range sets, and what the scans find in an article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/article.h"
#include "lib/scan.h"

static struct rrm_article A;

static void load(const char *src)
{
	rrm_article_release(&A);
	rrm_article_load_mem(&A, "t.md", src, strlen(src),
			     RRM_ARTICLE_FRONT_MATTER | RRM_ARTICLE_BODY | RRM_ARTICLE_PROSE);
}

static int teardown(void **state)
{
	(void)state;
	rrm_article_release(&A);
	return 0;
}

/* The answer of a walk of every range, as article.c asked before the sets. */
static bool in_any(const struct rrm_range *v, size_t n, size_t off)
{
	for (size_t i = 0; i < n; i++)
		if (off >= v[i].begin && off < v[i].end)
			return true;
	return false;
}

static void test_ranges(void **state)
{
	(void)state;
	/* unordered, overlapping, touching, nested and empty ranges */
	static const struct rrm_range v[] = {{40, 50}, {5, 10}, {10, 12}, {45, 60}, {20, 20},
					     {30, 31}, {7, 9},  {70, 71}, {0, 1},   {61, 65}};
	size_t n = sizeof v / sizeof *v;
	struct rrm_ranges r = {0};
	for (size_t i = 0; i < n; i++)
		rrm_ranges_add(&r, v[i].begin, v[i].end);
	rrm_ranges_seal(&r);
	/* sorted, disjoint, not touching: [0,1) [5,12) [30,31) [40,60) [61,65) [70,71) */
	assert_int_equal(r.n, 6);
	for (size_t i = 1; i < r.n; i++)
		assert_true(r.v[i - 1].end < r.v[i].begin);
	size_t cur = 0;
	for (size_t off = 0; off < 80; off++) /* forward: the cursor */
		assert_int_equal(rrm_ranges_has(&r, &cur, off), in_any(v, n, off));
	for (size_t off = 80; off-- > 0;) /* backward: every step a search */
		assert_int_equal(rrm_ranges_has(&r, &cur, off), in_any(v, n, off));
	cur = 0;
	for (size_t k = 0; k < 400; k++) { /* jumping about */
		size_t off = (k * 37) % 83;
		assert_int_equal(rrm_ranges_has(&r, &cur, off), in_any(v, n, off));
	}
	rrm_ranges_release(&r);
	struct rrm_ranges none = {0};
	cur = 0;
	rrm_ranges_seal(&none);
	assert_false(rrm_ranges_has(&none, &cur, 0));
}

static void test_code_shortcodes_nested(void **state)
{
	(void)state;
	/* the inner closing tag pairs with the inner opening one; the outer pair hides all */
	load("---\nt: 1\n---\n{{< highlight >}}\n{{< highlight >}}\n# A\n{{< /highlight >}}\n# "
	     "B\n{{< /highlight >}}\n# C\n");
	assert_int_equal(A.n_headings, 1);
	assert_string_equal(A.headings[0].text, "C");
	assert_int_equal(A.headings[0].line, 10);
}

static void test_paired_indented(void **state)
{
	(void)state;
	/* a line less indented than the tag inside the pair: not what cmark sees */
	load("- item\n  {{% tab %}}\n  text\nout\n  {{% /tab %}}\n");
	assert_true(A.shortcode_content);
	/* blank lines and lines as indented as the tag are fine */
	load("- item\n  {{% tab %}}\n  text\n\n  more\n  {{% /tab %}}\n");
	assert_false(A.shortcode_content);
	/* a less indented line after the closing tag is not inside */
	load("- item\n  {{% tab %}}\n  text\n  {{% /tab %}}\nout\n");
	assert_false(A.shortcode_content);
	/* unpaired closing tags pair with nothing; the open one pairs with the last */
	load("{{% /tab %}}\n- item\n  {{% tab %}}\n  text\n\n  {{% /tab %}}\nout\n{{% /tab %}}\n");
	assert_false(A.shortcode_content);
}

static void test_template_destinations(void **state)
{
	(void)state;
	load("![a [b] c]({{ a b }}/x) [d]({% x y %}) ]({{ z w }})\n\n[e\n\n]({{ q r }})\n"
	     "]({{x}}]({{ y z }}) ]({{x\n");
	assert_int_equal(A.n_links, 5);
	assert_int_equal(A.links[0].kind, RRM_LINK_IMAGE); /* its '[' follows a '!' */
	assert_string_equal(A.links[0].dest, "{{ a b }}/x");
	assert_int_equal(A.links[0].column, 12);
	assert_int_equal(A.links[1].kind, RRM_LINK_LINK);
	assert_string_equal(A.links[1].dest, "{% x y %}");
	assert_string_equal(A.links[2].dest, "{{ z w }}");
	/* the '[' before the blank line is not this link's */
	assert_int_equal(A.links[3].kind, RRM_LINK_LINK);
	assert_int_equal(A.links[3].line, 5);
	/* a walk that meets a later "](" goes on through it: one destination; one
	 * whose template code is not closed on its line is none */
	assert_string_equal(A.links[4].dest, "{{x}}]({{ y z }}");
	assert_int_equal(A.links[4].line, 6);
	assert_int_equal(A.links[4].column, 3);
}

static void test_ial_targets(void **state)
{
	(void)state;
	load("# A\n{: #x}\n\n# B\n\n{: #y}\n\n\n# C\nText *em*{: #s} and\n{: #p}\n");
	assert_int_equal(A.n_headings, 3);
	assert_string_equal(A.headings[0].ial_id, "x"); /* the block before */
	assert_null(A.headings[1].ial_id);
	assert_string_equal(A.headings[2].ial_id, "y"); /* the next block, after blank lines */
	assert_int_equal(A.n_html_ids, 2);
	assert_string_equal(A.html_ids[0].id, "s");
	assert_int_equal(A.html_ids[0].line, 10);
	assert_int_equal(A.html_ids[0].column, 10);
	assert_string_equal(A.html_ids[1].id, "p");
}

static void test_html_many_attributes(void **state)
{
	(void)state;
	/* many attributes on a later line of an HTML block, placed on that line */
	load("<div>\n<a id=\"i1\"><a id=\"i2\"><a href=\"/h\">\n</div>\n");
	assert_int_equal(A.n_html_ids, 2);
	assert_int_equal(A.html_ids[0].line, 2);
	assert_int_equal(A.html_ids[0].column, 8);
	assert_int_equal(A.html_ids[1].line, 2);
	assert_int_equal(A.html_ids[1].column, 19);
	assert_int_equal(A.n_links, 1);
	assert_int_equal(A.links[0].line, 2);
	assert_int_equal(A.links[0].column, 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges),
		cmocka_unit_test_teardown(test_code_shortcodes_nested, teardown),
		cmocka_unit_test_teardown(test_paired_indented, teardown),
		cmocka_unit_test_teardown(test_template_destinations, teardown),
		cmocka_unit_test_teardown(test_ial_targets, teardown),
		cmocka_unit_test_teardown(test_html_many_attributes, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
