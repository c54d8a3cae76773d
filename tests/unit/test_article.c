/* Unit tests: article splitting, front-matter tree positions, line map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/article.h"

static struct rrm_article A;

static enum rrm_load_status load(const char *src, unsigned flags)
{
	rrm_article_release(&A);
	return rrm_article_load_mem(&A, "t.md", src, strlen(src), flags | RRM_ARTICLE_FRONT_MATTER);
}

static int teardown(void **state)
{
	(void)state;
	rrm_article_release(&A);
	return 0;
}

static void test_split_basic(void **state)
{
	(void)state;
	assert_int_equal(load("---\ntitle: Hi\n---\nBody\n", 0), RRM_LOAD_OK);
	assert_int_equal(A.fm_state, RRM_FM_YAML);
	assert_true(A.fm_parsed);
	assert_int_equal(A.fm_first_line, 2);
	assert_string_equal(A.source + A.body_begin, "Body\n");
	struct rrm_node *t = rrm_node_get(A.fm_doc.root, "title");
	assert_non_null(t);
	assert_string_equal(t->value, "Hi");
	assert_int_equal(t->line, 2);
	assert_int_equal(t->column, 8);
}

static void test_split_dots_close(void **state)
{
	(void)state;
	assert_int_equal(load("---\na: 1\n...\nrest\n", 0), RRM_LOAD_OK);
	assert_int_equal(A.fm_state, RRM_FM_YAML);
	assert_string_equal(A.source + A.body_begin, "rest\n");
	/* trailing blanks after the fences are allowed */
	assert_int_equal(load("---  \na: 1\n--- \t\nrest", 0), RRM_LOAD_OK);
	assert_int_equal(A.fm_state, RRM_FM_YAML);
}

static void test_split_bom_crlf(void **state)
{
	(void)state;
	assert_int_equal(load("\xEF\xBB\xBF---\r\ntitle: Né\r\nauthor: X\r\n---\r\nBody\r\n", 0),
			 RRM_LOAD_OK);
	assert_int_equal(A.bom, 3);
	assert_int_equal(A.fm_state, RRM_FM_YAML);
	struct rrm_node *a = rrm_node_get(A.fm_doc.root, "author");
	assert_non_null(a);
	assert_string_equal(a->value, "X");
	assert_int_equal(a->line, 3);
	assert_int_equal(a->column, 9);
	assert_string_equal(rrm_node_get(A.fm_doc.root, "title")->value, "Né");
	/* file offsets count the BOM back in */
	size_t off = rrm_article_offset(&A, 3, 9);
	assert_int_equal(rrm_article_file_offset(&A, off), 3 + strlen("---\r\ntitle: Né\r\nauthor: "));
}

static void test_split_states(void **state)
{
	(void)state;
	load("no front matter\n", 0);
	assert_int_equal(A.fm_state, RRM_FM_NONE);
	assert_int_equal(A.body_begin, 0);
	load("---\ntitle: x\n", 0);
	assert_int_equal(A.fm_state, RRM_FM_UNTERMINATED);
	load("", 0);
	assert_int_equal(A.fm_state, RRM_FM_NONE);
	load("---\n---\n", 0);
	assert_int_equal(A.fm_state, RRM_FM_YAML);
	assert_true(A.fm_parsed);
	assert_null(A.fm_doc.root);
	load("+++\ntitle = 'x'\n+++\n", 0);
	assert_int_equal(A.fm_state, RRM_FM_TOML);
	load("  ---\ntitle: x\n---\n", 0);
	assert_int_equal(A.fm_state, RRM_FM_INDENTED);
	load("----\ntitle: x\n---\n", 0);
	assert_int_equal(A.fm_state, RRM_FM_NONE);
	/* CR-only line ends */
	load("---\rtitle: x\r---\rbody", 0);
	assert_int_equal(A.fm_state, RRM_FM_YAML);
	assert_int_equal(A.n_lines, 4);
}

static void test_syntax_error_position(void **state)
{
	(void)state;
	load("---\ntitle: ok\nbad: [1, 2\n---\n", 0);
	assert_int_equal(A.fm_state, RRM_FM_YAML);
	assert_false(A.fm_parsed);
	assert_non_null(A.fm_error.message);
	assert_true(A.fm_error.line >= 3);
}

static void test_encoding(void **state)
{
	(void)state;
	assert_int_equal(load("---\ntitle: é\xff\n---\n", 0), RRM_LOAD_ENCODING);
	int line, col;
	rrm_article_pos(&A, A.bad_offset, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 9); /* "title: é" is 8 code points */
	assert_false(A.bad_is_nul);
	const char nul[] = "ab\ncd\0e";
	rrm_article_release(&A);
	assert_int_equal(rrm_article_load_mem(&A, "t.md", nul, sizeof nul - 1, 0), RRM_LOAD_ENCODING);
	assert_true(A.bad_is_nul);
	rrm_article_pos(&A, A.bad_offset, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 3);
}

static void test_positions(void **state)
{
	(void)state;
	load("---\ntitle: “Iraq’s” – X\nauthor: Ā\n---\n", 0);
	struct rrm_node *a = rrm_node_get(A.fm_doc.root, "author");
	assert_int_equal(a->line, 3);
	assert_int_equal(a->column, 9);
	struct rrm_node *t = rrm_node_get(A.fm_doc.root, "title");
	assert_int_equal(t->end_column, 8 + 12); /* 12 code points of value, quotes are curly */
	/* offset <-> line:col round trip after multi-byte characters */
	size_t off = rrm_article_offset(&A, 2, 19); /* the 'X' */
	assert_int_equal(A.source[off], 'X');
	int line, col;
	rrm_article_pos(&A, off, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 19);
	/* clamping */
	assert_int_equal(rrm_article_offset(&A, 99, 1), A.len);
	assert_int_equal(rrm_article_offset(&A, 2, 999), strlen("---\ntitle: “Iraq’s” – X"));
}

static void test_body_positions(void **state)
{
	(void)state;
	load("---\ntitle: x\n---\n\n# First\n\nText\n\n## Cé – “two”\n", RRM_ARTICLE_BODY);
	assert_int_equal(A.n_headings, 2);
	assert_int_equal(A.headings[0].line, 5);
	assert_int_equal(A.headings[0].column, 1);
	assert_string_equal(A.headings[0].text, "First");
	assert_int_equal(A.headings[1].line, 9);
	assert_string_equal(A.headings[1].text, "Cé – “two”");
	/* no front matter: body from line 1; indented heading column */
	load("  ## Deep\n", RRM_ARTICLE_BODY);
	assert_int_equal(A.n_headings, 1);
	assert_int_equal(A.headings[0].line, 1);
	assert_int_equal(A.headings[0].column, 3);
	/* a front matter that looks like Markdown does not leak into the body */
	load("---\n# not: heading\n---\nx\n", RRM_ARTICLE_BODY);
	assert_int_equal(A.n_headings, 0);
}

/* The link or image `dest` of the article, which must be at line:col and be found there. */
static void expect_link(const char *dest, int line, int col)
{
	for (size_t i = 0; i < A.n_links; i++) {
		const struct rrm_link *l = &A.links[i];
		if (strcmp(l->dest, dest))
			continue;
		assert_int_equal(l->line, line);
		assert_int_equal(l->column, col);
		assert_true(l->offset + l->len <= A.len);
		return;
	}
	fail_msg("no link '%s'", dest);
}

/* Links and ids in raw HTML (found by fuzz_article). */
static void test_html_positions(void **state)
{
	(void)state;
	/* inline HTML after a paragraph's leading blank: cmark's column is off */
	load(" <img src=\"/a\">", RRM_ARTICLE_BODY);
	expect_link("/a", 1, 12);
	/* a tag across lines: the second line's indentation is not in the literal */
	load("<img\n   src=\"/b\"> x", RRM_ARTICLE_BODY);
	expect_link("/b", 2, 9);
	/* a lazy line of a block quote */
	load(">\"\n<img src=\">\">", RRM_ARTICLE_BODY);
	expect_link(">", 2, 11);
	/* an HTML block in a block quote, and an id */
	load("> <div>\n> <a href=\"/c\" id=\"x\">c</a>\n> </div>\n", RRM_ARTICLE_BODY);
	expect_link("/c", 2, 12);
	assert_int_equal(A.n_html_ids, 1);
	assert_int_equal(A.html_ids[0].line, 2);
	assert_int_equal(A.html_ids[0].column, 20);
	/* an unterminated value at the end of the file: no line break added */
	load("<div>\n<a href=\"/x/\">x</a> <img src=\"img.", RRM_ARTICLE_BODY);
	expect_link("/x/", 2, 10);
	expect_link("img.", 2, 31);
	/* inline HTML on a paragraph's later lines: cmark puts it on the first */
	load("<i\nr><img\nsrc=l>", RRM_ARTICLE_BODY);
	expect_link("l", 3, 5);
	load("Text\nmore <!-- rrm-disable-next-line spelling -->\nline\n", RRM_ARTICLE_BODY);
	assert_int_equal(A.n_directives, 1);
	assert_int_equal(A.directives[0].line, 2);
	/* after a reference definition */
	load("[s]:\ng\n<a href=\"-\">", RRM_ARTICLE_BODY);
	expect_link("-", 3, 10);
	/* a value across lines loses its line break, as a browser's URL parser does */
	load("<a href=\"/d\n/e\">x</a>\n", RRM_ARTICLE_BODY);
	expect_link("/d/e", 1, 10);
}

static void test_yaml_tree(void **state)
{
	(void)state;
	load("---\ntags: [a, b]\nmeta:\n  k: v\n  k: w\nbase: &x 1\nref: *x\nn: 12\nq: '12'\n---\n", 0);
	struct rrm_node *root = A.fm_doc.root;
	assert_true(A.fm_parsed);
	struct rrm_node *tags = rrm_node_get(root, "tags");
	assert_int_equal(tags->kind, RRM_NODE_SEQ);
	assert_int_equal(tags->n_items, 2);
	assert_int_equal(tags->items[1]->column, 11);
	struct rrm_node *meta = rrm_node_get(root, "meta");
	assert_int_equal(meta->kind, RRM_NODE_MAP);
	assert_false(meta->items[0]->duplicate);
	assert_true(meta->items[2]->duplicate);
	assert_int_equal(rrm_node_get(root, "ref")->kind, RRM_NODE_ALIAS);
	assert_int_equal(rrm_scalar_type(rrm_node_get(root, "n")), RRM_SCALAR_INT);
	assert_int_equal(rrm_scalar_type(rrm_node_get(root, "q")), RRM_SCALAR_STRING);
}

static void test_yaml_limits(void **state)
{
	(void)state;
	/* nesting beyond the cap is an error, not a crash */
	char deep[4096] = "---\na: ";
	size_t n = strlen(deep);
	for (int i = 0; i < 200; i++)
		deep[n++] = '[';
	deep[n++] = '\n';
	memcpy(deep + n, "---\n", 5);
	load(deep, 0);
	assert_false(A.fm_parsed);
	assert_non_null(strstr(A.fm_error.message, "nesting"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_split_basic, teardown),
		cmocka_unit_test_teardown(test_split_dots_close, teardown),
		cmocka_unit_test_teardown(test_split_bom_crlf, teardown),
		cmocka_unit_test_teardown(test_split_states, teardown),
		cmocka_unit_test_teardown(test_syntax_error_position, teardown),
		cmocka_unit_test_teardown(test_encoding, teardown),
		cmocka_unit_test_teardown(test_positions, teardown),
		cmocka_unit_test_teardown(test_body_positions, teardown),
		cmocka_unit_test_teardown(test_html_positions, teardown),
		cmocka_unit_test_teardown(test_yaml_tree, teardown),
		cmocka_unit_test_teardown(test_yaml_limits, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
