/* Unit tests: problems that are no rule's (configuration errors, refusals) through the reporters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/diag.h"

static void fill(struct rrm_sink *s)
{
	rrm_sink_init(s);
	/* even with every rule off, a problem is kept */
	for (int r = 0; r < RRM_RULE_COUNT; r++)
		s->severity[r] = RRM_SEV_OFF;
	assert_null(rrm_sink_add(s, RRM_RULE_LINK_DEAD, "a.md", 1, 1, 0, 0, 0, "dropped"));
	assert_non_null(rrm_sink_add_problem(s, RRM_SEV_ERROR, "rrm.yml", 5, 14, "bad: %d", 1));
	assert_non_null(rrm_sink_add_problem(s, RRM_SEV_WARNING, "hugo.toml", 0, 0, "a note"));
	assert_non_null(rrm_sink_add_problem(s, RRM_SEV_ERROR, NULL, 0, 0, "new: %s exists", "x"));
}

static void test_text(void **state)
{
	(void)state;
	struct rrm_sink s;
	fill(&s);
	struct rrm_report_options o = {0};
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_report_text(&s, &o, &b);
	assert_string_equal(b.data, "rrm.yml:5:14: error: bad: 1\n"
				    "hugo.toml: warning: a note\n"
				    "rrm: new: x exists\n");
	assert_int_equal(rrm_sink_count(&s, RRM_SEV_ERROR), 2);
	rrm_buf_release(&b);
	rrm_sink_release(&s);
}

static void test_json(void **state)
{
	(void)state;
	struct rrm_sink s;
	fill(&s);
	struct rrm_report_options o = {.version = "1", .json_extra = ",\"created\":null"};
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_report_json(&s, &o, &b);
	assert_non_null(strstr(b.data, "{\"rule\":null,\"severity\":\"error\",\"path\":\"rrm.yml\","
				       "\"line\":5,\"column\":14,"));
	assert_non_null(strstr(b.data,
			       "{\"rule\":null,\"severity\":\"error\",\"path\":null,\"line\":0,"
			       "\"column\":0,"));
	assert_non_null(strstr(b.data, "\"message\":\"new: x exists\""));
	assert_non_null(strstr(
		b.data,
		"\"summary\":{\"files\":0,\"errors\":2,\"warnings\":1},\"created\":null}\n"));
	rrm_buf_release(&b);
	/* SARIF results belong to rules: a problem is not one */
	rrm_buf_init(&b);
	rrm_report_sarif(&s, &o, &b);
	assert_null(strstr(b.data, "bad: 1"));
	rrm_buf_release(&b);
	rrm_sink_release(&s);
}

static void unknown(struct rrm_sink *s, const char *path, const char *word)
{
	struct rrm_finding *f = rrm_sink_add(s, RRM_RULE_SPELLING_UNKNOWN, path, 1, 1, 1, 2, 0,
					     "unknown word '%s'", word);
	assert_non_null(f);
	f->subject = rrm_strdup(word);
}

static void test_unknown_words(void **state)
{
	(void)state;
	/* each word once with its count, most frequent first, then in byte order;
	 * other rules' findings are not words */
	struct rrm_sink s;
	rrm_sink_init(&s);
	unknown(&s, "a.md", "Zarif");
	unknown(&s, "b.md", "Hashd");
	unknown(&s, "a.md", "Zarif");
	unknown(&s, "c.md", "Abadi");
	unknown(&s, "c.md", "Hashd");
	unknown(&s, "c.md", "Zarif");
	unknown(&s, "d.md", "Baghdadi");
	assert_non_null(rrm_sink_add(&s, RRM_RULE_LINK_DEAD, "a.md", 1, 1, 0, 0, 0, "dead"));
	struct rrm_word_count *v;
	size_t n = rrm_sink_unknown_words(&s, &v);
	assert_int_equal(n, 4);
	const char *want[] = {"Zarif", "Hashd", "Abadi", "Baghdadi"};
	const size_t count[] = {3, 2, 1, 1};
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(v[i].word, want[i]);
		assert_int_equal(v[i].count, count[i]);
	}
	free(v);
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_report_words(&s, &b);
	assert_string_equal(b.data, "3\tZarif\n2\tHashd\n1\tAbadi\n1\tBaghdadi\n");
	rrm_buf_release(&b);
	rrm_sink_release(&s);
}

/* Findings kept compact: one copy of each path, the suggestions in one block with their text. */
static void test_compact(void **state)
{
	(void)state;
	struct rrm_sink s, t;
	rrm_sink_init(&s);
	rrm_sink_init(&t);
	char path[] = "content/a.md";
	struct rrm_finding *f = rrm_sink_add(&s, RRM_RULE_LINK_DEAD, path, 1, 1, 1, 2, 0, "one");
	path[8] = 'b'; /* the caller's string may change: the finding has its own */
	struct rrm_finding *g = rrm_sink_add(&s, RRM_RULE_LINK_DEAD, path, 2, 1, 2, 2, 9, "two");
	struct rrm_finding *h =
		rrm_sink_add(&t, RRM_RULE_LINK_DEAD, "content/a.md", 3, 1, 3, 2, 9, "x");
	assert_string_equal(s.items[0].path, "content/a.md");
	assert_string_equal(g->path, "content/b.md");
	assert_ptr_equal(s.items[0].path, h->path); /* shared across sinks */
	f = &s.items[0];
	const char *words[] = {"alpha", "", "a rather longer suggestion"};
	for (size_t k = 0; k < 3; k++)
		rrm_finding_suggest(f, words[k]);
	assert_int_equal(f->n_suggestions, 3);
	for (size_t k = 0; k < 3; k++)
		assert_string_equal(f->suggestions[k], words[k]);
	/* the path of a finding set again (rrm publish shows another) */
	rrm_finding_set_path(g, "elsewhere.md");
	assert_string_equal(g->path, "elsewhere.md");
	rrm_sink_take(&s, &t);
	assert_int_equal(s.n, 3);
	rrm_sink_release(&s);
	rrm_sink_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_unknown_words),
		cmocka_unit_test(test_compact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
