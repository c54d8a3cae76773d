/* Unit tests: template expansion (lib/template.c) and YAML quoting (lib/yaml.c), for rrm new. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/template.h"
#include "lib/yaml.h"

static void test_quote(void **state)
{
	(void)state;
	char *q = rrm_yaml_quote("A \"quoted\" title: with \\ and\ttab\x01");
	assert_string_equal(q, "\"A \\\"quoted\\\" title: with \\\\ and\\ttab\\x01\"");
	/* it reads back as the same string */
	char *doc = malloc(strlen(q) + 8);
	strcpy(doc, "t: ");
	strcat(doc, q);
	struct rrm_ydoc d;
	struct rrm_yaml_error e;
	assert_int_equal(rrm_yaml_parse(doc, strlen(doc), 1, &d, &e), 0);
	assert_string_equal(rrm_node_get(d.root, "t")->value,
			    "A \"quoted\" title: with \\ and\ttab\x01");
	rrm_ydoc_release(&d);
	free(doc);
	free(q);
}

/* Characters YAML refuses or reads as line breaks are escaped (found by fuzz_slug). */
static void test_quote_unicode(void **state)
{
	(void)state;
	static const char *const titles[] = {
		"zitit\xc2\x96/", /* U+0096, a C1 control */
		"Line\xc2\x85"
		"break", /* U+0085, NEL */
		"a\xe2\x80\xa8"
		"b\xe2\x80\xa9"
		"c", /* U+2028, U+2029 */
		"\xef\xbb\xbf"
		"bom \xef\xbf\xbe",         /* U+FEFF, U+FFFE */
		"Iran’s “talks” – Émigrés", /* left as it is */
	};
	for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
		char *q = rrm_yaml_quote(titles[i]);
		char *doc = malloc(strlen(q) + 8);
		strcpy(doc, "t: ");
		strcat(doc, q);
		struct rrm_ydoc d;
		struct rrm_yaml_error e;
		if (rrm_yaml_parse(doc, strlen(doc), 1, &d, &e) != 0)
			fail_msg("%s: %s", doc, e.message);
		assert_string_equal(rrm_node_get(d.root, "t")->value, titles[i]);
		rrm_ydoc_release(&d);
		free(doc);
		free(q);
	}
	char *q = rrm_yaml_quote("Iran’s\xc2\x85");
	assert_string_equal(q, "\"Iran’s\\x85\"");
	free(q);
}

static void test_expand(void **state)
{
	(void)state;
	struct rrm_template_vars v = {"Iran’s: “talks”", "2026-11-25", "irans-talks",
				      "Ann \"AO\" Lee"};
	char *out = rrm_template_expand(
		"---\ntitle: {{title}}\nquoted: \"{{title}}\"\nsingle: '{{ author }}'\n"
		"date: {{date}}\nslug: {{slug}}\nother: {{nope}}\n---\n# {{title}}\n",
		&v);
	assert_string_equal(out,
			    "---\ntitle: \"Iran’s: “talks”\"\nquoted: \"Iran’s: “talks”\"\n"
			    "single: \"Ann \\\"AO\\\" Lee\"\ndate: 2026-11-25\nslug: irans-talks\n"
			    "other: {{nope}}\n---\n# Iran’s: “talks”\n");
	free(out);
	/* no front matter: all values as they are */
	out = rrm_template_expand("{{title}} by {{author}}", &v);
	assert_string_equal(out, "Iran’s: “talks” by Ann \"AO\" Lee");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_quote_unicode),
		cmocka_unit_test(test_expand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
