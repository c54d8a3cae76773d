/*
 * Unit tests: the lint engine (lint/run.h). A session lints a document
 * given as text against the index of the rest of the site; updating the
 * index for one file (new text, deleted) changes what links to it find; a
 * full run lints documents given as text in place of the files; the
 * baseline drops recorded findings; the worker pool does every item once.
 */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "lib/config.h"
#include "lib/date.h"
#include "lib/diag.h"
#include "lib/pool.h"
#include "lib/util.h"
#include "lint/run.h"

static char root[64];

static void write_file(const char *rel, const char *text)
{
	fixture_write(root, rel, text);
}

static int make_site(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "/tmp/rrm-test-run-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	write_file("content/a.md", "---\ntitle: Page A\n---\n# A\n\n## Intro\n\nText.\n");
	write_file("content/b.md", "---\ntitle: Page B\n---\n# B\n\nSee [a](/a/#intro).\n");
	write_file("content/docs/c.md", "---\ntitle: Page C\n---\n# C\n\n[b](/b/)\n");
	write_file("static/logo.png", "");
	return 0;
}

static int remove_site(void **state)
{
	(void)state;
	fixture_remove(root);
	return 0;
}

static const char CONFIG[] = "content_dir: content\nstatic_dir: static\npermalink: /:path/\n"
			     "anchors: hugo\nrules:\n  spelling/unknown-word: off\n"
			     "  spelling/rejected: off\n  spelling/variant: off\n";

static void load_config(struct rrm_config *c)
{
	struct rrm_config_error e;
	if (rrm_config_load_text(c, root, "rrm.yml", CONFIG, strlen(CONFIG), &e))
		fail_msg("config: %s", e.message);
	rrm_config_error_release(&e);
}

/* How many findings of `rule` on `path` the sink holds (at `line` when it is not 0). */
static size_t count(const struct rrm_sink *s, enum rrm_rule_id rule, const char *path, int line)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		n += s->items[i].rule == rule && !strcmp(s->items[i].path, path) &&
		     (!line || s->items[i].line == line);
	return n;
}

/* Lints `text` as content/new.md in session `s`; returns the sink (released by the caller). */
static struct rrm_sink lint_doc(struct rrm_lint_session *s, const char *path, const char *text)
{
	struct rrm_sink sink;
	rrm_sink_init(&sink);
	struct rrm_lint_error err = {0};
	assert_int_equal(rrm_lint_session_lint(s, path, text, strlen(text), &sink, &err), 0);
	assert_null(err.message);
	for (size_t i = 0; i < sink.n; i++)
		assert_string_equal(sink.items[i].path, path); /* only the document's findings */
	for (size_t i = 1; i < sink.n; i++)                    /* sorted */
		assert_true(sink.items[i - 1].line <= sink.items[i].line);
	return sink;
}

static const char DOC[] = "---\ntitle: New page\n---\n# New\n\n"
			  "[dead](/nowhere/)\n\n"                  /* line 6 */
			  "[anchor](/a/#missing)\n\n"              /* line 8 */
			  "[b](/b/) [own](#new) ![](/logo.png)\n"; /* line 10: all good */

static void test_lint_document_in_memory(void **state)
{
	(void)state;
	struct rrm_config c;
	load_config(&c);
	struct rrm_lint_options o = {.jobs = 2, .start = root};
	struct rrm_lint_session *s = rrm_lint_session_new(&c, &o);
	struct rrm_lint_error err = {0};
	assert_int_equal(rrm_lint_session_index(s, &err), 0);

	/* content/new.md is not on disk: its text is given */
	struct rrm_sink sink = lint_doc(s, "content/new.md", DOC);
	assert_int_equal(count(&sink, RRM_RULE_LINK_DEAD, "content/new.md", 6), 1);
	assert_int_equal(count(&sink, RRM_RULE_LINK_ANCHOR, "content/new.md", 8), 1);
	assert_int_equal(count(&sink, RRM_RULE_LINK_DEAD, "content/new.md", 10), 0);
	assert_int_equal(count(&sink, RRM_RULE_LINK_ANCHOR, "content/new.md", 10), 0);
	assert_non_null(sink.items[0].fingerprint[0] ? sink.items[0].fingerprint : NULL);
	rrm_sink_release(&sink);

	/* a document in place of a file on disk: its text wins, the file is not read */
	sink = lint_doc(s, "content/b.md", "---\ntitle: Page B\n---\n# B\n\n[gone](/gone/)\n");
	assert_int_equal(count(&sink, RRM_RULE_LINK_DEAD, "content/b.md", 6), 1);
	assert_int_equal(sink.n, 1);
	rrm_sink_release(&sink);

	/* its URL clashes with another page's */
	sink = lint_doc(s, "content/x.md", "---\ntitle: Clash\nurl: /a/\n---\n# X\n");
	assert_int_equal(count(&sink, RRM_RULE_SITE_DUPLICATE_URL, "content/x.md", 0), 1);
	rrm_sink_release(&sink);

	/* front matter is checked as well */
	sink = lint_doc(s, "content/y.md", "---\ntitle: [unclosed\n---\n# Y\n");
	assert_true(sink.n >= 1);
	rrm_sink_release(&sink);
	rrm_lint_session_free(s);
	rrm_config_release(&c);
}

static void test_update_one_file(void **state)
{
	(void)state;
	struct rrm_config c;
	load_config(&c);
	struct rrm_lint_options o = {.jobs = 1, .start = root};
	struct rrm_lint_session *s = rrm_lint_session_new(&c, &o);
	struct rrm_lint_error err = {0};
	/* updating first builds the index: a.md gains the anchor #missing */
	const char *a2 = "---\ntitle: Page A\n---\n# A\n\n## Intro\n\n## Missing\n";
	assert_int_equal(rrm_lint_session_update(s, "content/a.md", a2, strlen(a2), &err), 0);
	struct rrm_sink sink = lint_doc(s, "content/new.md", DOC);
	assert_int_equal(count(&sink, RRM_RULE_LINK_ANCHOR, "content/new.md", 8), 0);
	assert_int_equal(count(&sink, RRM_RULE_LINK_DEAD, "content/new.md", 6), 1);
	rrm_sink_release(&sink);

	/* a new page where the dead link points: alive */
	const char *nowhere = "---\ntitle: Now here\n---\n# Here\n";
	assert_int_equal(
		rrm_lint_session_update(s, "content/nowhere.md", nowhere, strlen(nowhere), &err),
		0);
	sink = lint_doc(s, "content/new.md", DOC);
	assert_int_equal(sink.n, 0);
	rrm_sink_release(&sink);

	/* b.md deleted (it is still on disk): links to it are dead */
	assert_int_equal(rrm_lint_session_update(s, "content/b.md", NULL, 0, &err), 0);
	sink = lint_doc(s, "content/new.md", DOC);
	assert_int_equal(count(&sink, RRM_RULE_LINK_DEAD, "content/new.md", 10), 1);
	assert_int_equal(sink.n, 1);
	rrm_sink_release(&sink);
	/* and so is c.md's, on disk and not updated */
	sink = lint_doc(s, "content/docs/c.md", "---\ntitle: Page C\n---\n# C\n\n[b](/b/)\n");
	assert_int_equal(count(&sink, RRM_RULE_LINK_DEAD, "content/docs/c.md", 6), 1);
	rrm_sink_release(&sink);

	/* a.md back as on disk: the anchor is gone again */
	const char *a1 = "---\ntitle: Page A\n---\n# A\n\n## Intro\n\nText.\n";
	assert_int_equal(rrm_lint_session_update(s, "content/a.md", a1, strlen(a1), &err), 0);
	sink = lint_doc(s, "content/new.md", DOC);
	assert_int_equal(count(&sink, RRM_RULE_LINK_ANCHOR, "content/new.md", 8), 1);
	rrm_sink_release(&sink);
	/* deleting a file the index does not hold changes nothing */
	assert_int_equal(rrm_lint_session_update(s, "content/none.md", NULL, 0, &err), 0);
	rrm_lint_session_free(s);
	rrm_config_release(&c);
}

static void test_full_run_with_documents(void **state)
{
	(void)state;
	struct rrm_config c;
	load_config(&c);
	struct rrm_lint_options o = {.start = root};
	struct rrm_lint_doc docs[] = {
		{"content/b.md", "---\ntitle: Page B\n---\n# B\n\n[x](/a/#nope)\n", 0}};
	docs[0].len = strlen(docs[0].text);
	struct rrm_lint_input in = {.select = RRM_LINT_SITE, .docs = docs, .n_docs = 1};
	struct rrm_sink sink;
	rrm_sink_init(&sink);
	struct rrm_lint_stats st;
	struct rrm_lint_error err = {0};
	assert_int_equal(rrm_lint_run(&c, &in, &o, &sink, &st, &err), RRM_LINT_OK);
	assert_int_equal(st.checked, 3);
	assert_int_equal(st.indexed, 3);
	assert_int_equal(count(&sink, RRM_RULE_LINK_ANCHOR, "content/b.md", 6), 1);
	assert_int_equal(sink.n, 1);
	rrm_lint_stats_release(&st);

	/* the baseline records it; applied, nothing is left */
	char *base = rrm_path_join(root, "baseline.txt");
	assert_int_equal(rrm_lint_baseline_write(base, &sink), 0);
	assert_int_equal(rrm_lint_baseline_apply(base, &sink), 0);
	assert_int_equal(sink.n, 0);
	rrm_sink_release(&sink);
	assert_int_not_equal(rrm_lint_baseline_apply("/nonexistent/baseline", &sink), 0);
	free(base);

	/* only the documents, by paths: a file that is not named is indexed, not linted */
	in = (struct rrm_lint_input){.select = RRM_LINT_PATHS, .docs = docs, .n_docs = 1};
	rrm_sink_init(&sink);
	assert_int_equal(rrm_lint_run(&c, &in, &o, &sink, &st, &err), RRM_LINT_OK);
	assert_int_equal(st.checked, 1);
	assert_int_equal(sink.n, 1);
	rrm_lint_stats_release(&st);
	rrm_sink_release(&sink);

	/* errors come back, not printed */
	char missing_path[] = "content/missing.md";
	char *missing[] = {missing_path};
	in = (struct rrm_lint_input){.select = RRM_LINT_PATHS, .paths = missing, .n_paths = 1};
	rrm_sink_init(&sink);
	assert_int_equal(rrm_lint_run(&c, &in, &o, &sink, &st, &err), RRM_LINT_ERROR);
	assert_non_null(strstr(err.message, "content/missing.md"));
	rrm_lint_error_release(&err);
	in = (struct rrm_lint_input){.select = RRM_LINT_STAGED};
	assert_int_equal(rrm_lint_run(&c, &in, &o, &sink, &st, &err), RRM_LINT_ERROR);
	assert_string_equal(err.message, "lint: --staged: the site is not in a git repository");
	rrm_lint_error_release(&err);
	rrm_sink_release(&sink);
	rrm_config_release(&c);
}

struct pool_count {
	atomic_int done[100];
	atomic_int stops;
};

static bool count_item(void *ctx, size_t worker, size_t i)
{
	struct pool_count *p = ctx;
	/* worker 1 stops at its first item, which is left undone */
	if (worker == 1 && atomic_fetch_add(&p->stops, 1) == 0)
		return false;
	atomic_fetch_add(&p->done[i], 1);
	return true;
}

static void test_pool(void **state)
{
	(void)state;
	struct pool_count p = {0};
	assert_int_equal(rrm_pool_run(1, 100, count_item, &p), 1);
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(atomic_load(&p.done[i]), 1);
	struct pool_count q = {0};
	size_t workers = rrm_pool_run(4, 100, count_item, &q);
	assert_true(workers >= 1 && workers <= 4);
	size_t undone = 0;
	for (size_t i = 0; i < 100; i++) {
		int d = atomic_load(&q.done[i]);
		assert_true(d == 0 || d == 1);
		undone += d == 0;
	}
	/* worker 1's first item, when it had one */
	assert_int_equal(undone, atomic_load(&q.stops) > 0 ? 1 : 0);
	assert_int_equal(rrm_pool_run(3, 0, count_item, &q), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lint_document_in_memory),
		cmocka_unit_test(test_update_one_file),
		cmocka_unit_test(test_full_run_with_documents),
		cmocka_unit_test(test_pool),
	};
	return cmocka_run_group_tests(tests, make_site, remove_site);
}
