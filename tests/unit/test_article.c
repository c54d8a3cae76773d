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
	assert_int_equal(rrm_article_file_offset(&A, off),
			 3 + strlen("---\r\ntitle: Né\r\nauthor: "));
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
	assert_int_equal(rrm_article_load_mem(&A, "t.md", nul, sizeof nul - 1, 0),
			 RRM_LOAD_ENCODING);
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

static bool has_link(const char *dest)
{
	for (size_t i = 0; i < A.n_links; i++)
		if (!strcmp(A.links[i].dest, dest))
			return true;
	return false;
}

/* Whether some prose run of the body holds `word`. */
static bool prose_has(const char *word)
{
	for (size_t i = 0; i < A.n_prose; i++)
		if (strstr(A.prose[i].text, word))
			return true;
	return false;
}

static const struct rrm_html_id *html_id(const char *id)
{
	for (size_t i = 0; i < A.n_html_ids; i++)
		if (!strcmp(A.html_ids[i].id, id))
			return &A.html_ids[i];
	return NULL;
}

/* Liquid and Hugo template code that holds code: no prose, no links, no headings. */
static void test_template_code(void **state)
{
	(void)state;
	const unsigned f = RRM_ARTICLE_BODY | RRM_ARTICLE_PROSE;
	load("Before [a](/a/)\n\n{{< highlight go >}}\n## Notheading\n[b](/b/) wordinside\n"
	     "{{< /highlight >}}\n\nAfter [c](/c/)\n",
	     f);
	assert_true(has_link("/a/"));
	assert_false(has_link("/b/"));
	assert_true(has_link("/c/"));
	assert_false(prose_has("wordinside"));
	assert_false(prose_has("highlight"));
	assert_true(prose_has("After"));
	assert_int_equal(A.n_headings, 0);
	expect_link("/c/", 8, 11); /* positions after the region are the file's */
	/* {{% code %}}, code-toggle, and a nested closing of another name */
	load("{{% code-toggle file=hugo %}}\n[x]\nsrcfield = 'y'\n{{% /code-toggle %}}\n", f);
	assert_false(prose_has("srcfield"));
	/* shown as written (a comment mark after "{{<"): not run, so not code */
	load("{{</* highlight go */>}}\nshownword\n{{</* /highlight */>}}\n", f);
	assert_true(prose_has("shownword"));
	/* never closed: Hugo fails; rrm reads on */
	load("{{< highlight go >}}\nunclosedword\n", f);
	assert_true(prose_has("unclosedword"));
	/* Liquid: comment and highlight hidden; raw is Markdown, without Liquid */
	load("{% comment %}\n[d](/d/) commentword\n{% endcomment %}\n\n"
	     "{%- highlight ruby -%}\n[e](/e/)\n{% endhighlight %}\n\n"
	     "{% raw %}\n[f](/f/) rawword {% link x.md %}\n{% endraw %}\n\n"
	     "{% link y.md %}\n",
	     f);
	assert_false(has_link("/d/"));
	assert_false(has_link("/e/"));
	assert_true(has_link("/f/"));
	assert_false(has_link("x.md"));
	assert_true(has_link("y.md"));
	assert_false(prose_has("commentword"));
	assert_true(prose_has("rawword"));
	assert_false(prose_has("endraw"));
	/* kramdown's comment extension */
	load("{::comment}\n[g](/g/) kcomment\n{:/comment}\n\nText\n", f);
	assert_false(has_link("/g/"));
	assert_false(prose_has("kcomment"));
	load("{::options parse_block_html=\"true\" /}\n\nText {::nomarkdown}<b>nomd</b>{:/} after\n",
	     f);
	assert_false(prose_has("options"));
	assert_false(prose_has("nomd"));
	assert_true(prose_has("after"));
	/* template code inside a tag (found by fuzz_article): the tag is read as cmark
	 * saw it, each value where it is in the source; a value that held template
	 * code is left out */
	load("<td>\n<a href{::options a=\"b\" /}=\"https://x.org/y\">x</a>\n"
	     "<a href=\"/p{% comment %}x{% endcomment %}\">p</a> <img src=\"/i.png\">\n</td>\n",
	     f);
	expect_link("https://x.org/y", 2, 29);
	expect_link("/i.png", 3, 60);
	assert_int_equal(A.n_links, 2);
	/* a site's own list of code shortcodes replaces the default one */
	char name[] = "snippet";
	char *mine[] = {name};
	struct rrm_render r = {mine, 1, false};
	const char *src =
		"{{< snippet >}}\nsnipword\n{{< /snippet >}}\n\n{{< highlight >}}\nhlword\n"
		"{{< /highlight >}}\n";
	rrm_article_release(&A);
	assert_int_equal(rrm_article_load_mem_with(&A, "t.md", src, strlen(src), f, &r),
			 RRM_LOAD_OK);
	assert_false(prose_has("snipword"));
	assert_true(prose_has("hlword"));
}

/* Which shortcodes make a page's anchors unknown. */
static void test_shortcode_anchors(void **state)
{
	(void)state;
	const unsigned f = RRM_ARTICLE_BODY;
	/* a block-level {{% %}} that wraps nothing: its Markdown may add headings */
	load("Intro\n\n{{% docs/intro go /%}}\n\n## After\n", f);
	assert_true(A.shortcode_content);
	/* include: its snippet is named, for the caller to read */
	load("{{% include \"x.md\" %}}\n\n{{% include `/_common/y.md` %}}\n\n{{% include %}}\n", f);
	assert_true(A.shortcode_content); /* the one without an argument */
	assert_int_equal(A.n_includes, 2);
	assert_string_equal(A.includes[0], "x.md");
	assert_string_equal(A.includes[1], "/_common/y.md");
	load("> {{% include x.md %}}\n\nSee {{% include inline.md %}} here.\n", f);
	assert_false(A.shortcode_content);
	assert_int_equal(A.n_includes, 1);
	assert_string_equal(A.includes[0], "x.md");
	load("{{% include file=x.md %}}\n", f);
	assert_true(A.shortcode_content);
	assert_int_equal(A.n_includes, 0);
	/* inline, in a link, {{% param %}}, paired, {{< >}}, in code: not */
	load("Version {{% param vers %}} of it.\n", f);
	assert_false(A.shortcode_content);
	load("> {{% param warning %}}\n", f);
	assert_false(A.shortcode_content);
	load("See [docs](https://x.org/v{{% param vers %}}/a).\n", f | RRM_ARTICLE_PROSE);
	assert_false(A.shortcode_content);
	/* a link, as Hugo reads it once the shortcode ran: its destination is template code */
	assert_true(has_link("https://x.org/v{{%_param_vers_%}}/a"));
	assert_false(prose_has("param"));
	load("{{% tab Java %}}\n## In tab\n{{% /tab %}}\n", f);
	assert_false(A.shortcode_content);
	assert_int_equal(A.n_headings, 1);
	load("{{< youtube abc >}}\n", f);
	assert_false(A.shortcode_content);
	load("```\n{{% include x %}}\n```\n", f);
	assert_false(A.shortcode_content);
	load("{{</* include x */>}}\n", f);
	assert_false(A.shortcode_content);
	/* in a heading: that heading only */
	load("## Foo {{% param x %}}\n\n## Bar {{< badge >}} baz\n\n## Plain\n", f);
	assert_false(A.shortcode_content);
	assert_int_equal(A.n_headings, 3);
	assert_true(A.headings[0].shortcode);
	assert_true(A.headings[1].shortcode);
	assert_false(A.headings[2].shortcode);
	/* a paired shortcode in a list item whose text leaves the item */
	load("1. Step:\n\n    {{< tabpane >}} {{% tab A %}}\n\n```sh\nmake\n```\n\n"
	     "    {{% /tab %}} {{< /tabpane >}}\n\n    ### Inside\n",
	     f);
	assert_true(A.shortcode_content);
	load("1. Step:\n\n    {{% tab A %}}\n    text\n    {{% /tab %}}\n", f);
	assert_false(A.shortcode_content);
}

/* kramdown IALs: block ("{: #id}" on the next line) and span ("*x*{:#id}"). */
static void test_ial(void **state)
{
	(void)state;
	const unsigned f = RRM_ARTICLE_BODY | RRM_ARTICLE_PROSE;
	load("# Second\n{: #sec .cls}\n\nPara text\n{: #para}\n\n- one\n- two\n{: #lst}\n\n"
	     "Some *emph*{:#spn} and [l](/a/){:#lnk .c} or text {:#none} end.\n\n"
	     "{:#before}\n# Third\n\n{:ref: #notanid}\n\n# Title {: #x}\n\n{: #alone}\n\nNext para\n",
	     f);
	assert_int_equal(A.n_headings, 3);
	assert_string_equal(A.headings[0].ial_id, "sec");
	assert_string_equal(A.headings[1].ial_id, "before");
	assert_null(A.headings[2].ial_id); /* on the heading's line: text (title--x) */
	assert_non_null(html_id("para"));
	assert_true(html_id("para")->ial);
	assert_int_equal(html_id("para")->line, 5);
	assert_int_equal(html_id("para")->column, 1);
	assert_non_null(html_id("lst"));
	assert_non_null(html_id("spn"));
	assert_non_null(html_id("lnk"));
	assert_null(html_id("none")); /* after plain text: kramdown ignores it */
	assert_null(html_id("notanid"));
	assert_non_null(html_id("alone"));            /* the next block's (Jekyll 4.3.1) */
	assert_int_equal(html_id("alone")->line, 20); /* where the IAL is */
	assert_null(html_id("sec"));
	assert_true(has_link("/a/"));
	assert_false(prose_has("{: #sec"));
	assert_false(prose_has("cls"));
	assert_true(prose_has("Title {: #x}"));
	assert_true(prose_has("Para text"));
	assert_true(prose_has("end."));
	assert_true(prose_has("text {:#none} end")); /* kramdown leaves it as text */
	/* a span IAL in a heading is not part of its text */
	load("# Head *em*{:#hem} tail\n", f);
	assert_non_null(html_id("hem"));
	assert_string_equal(A.headings[0].text_typo, "Head em tail");
	/* in code: not an IAL */
	load("```\n{: #code}\n```\n\n`{:#span}`\n\n<div>\n*x*{:#inhtml}\n</div>\n", f);
	assert_int_equal(A.n_html_ids, 0);
	/* where IALs are text (Hugo): nothing is taken out */
	struct rrm_render hugo = {NULL, 0, false};
	const char *src = "Para\n{: #para}\n\n*x*{:#y}\n";
	rrm_article_release(&A);
	assert_int_equal(rrm_article_load_mem_with(&A, "t.md", src, strlen(src), f, &hugo),
			 RRM_LOAD_OK);
	assert_int_equal(A.n_html_ids, 0);
	assert_true(prose_has("{: #para}"));
	/* an HTML id is no IAL */
	load("<a id=\"h\"></a>\n", f);
	assert_false(html_id("h")->ial);
}

/* An .html page: its links and ids, no Markdown, no prose. */
static void test_html_page(void **state)
{
	(void)state;
	const char *src = "---\ntitle: T\n---\n<h2 id=\"top\">Top</h2>\n<p>[md](/md/) wordy "
			  "<a href=\"/x/\">x</a> <img src=\"/i.png\"></p>\n# Not\n";
	rrm_article_release(&A);
	assert_int_equal(rrm_article_load_mem(&A, "p.html", src, strlen(src),
					      RRM_ARTICLE_FRONT_MATTER | RRM_ARTICLE_BODY |
						      RRM_ARTICLE_PROSE),
			 RRM_LOAD_OK);
	assert_true(A.html_body);
	assert_true(A.fm_parsed);
	expect_link("/x/", 5, 30);
	expect_link("/i.png", 5, 51);
	assert_false(has_link("/md/"));
	assert_non_null(html_id("top"));
	assert_int_equal(A.n_headings, 0);
	assert_int_equal(A.n_prose, 0);
}

static void test_yaml_tree(void **state)
{
	(void)state;
	load("---\ntags: [a, b]\nmeta:\n  k: v\n  k: w\nbase: &x 1\nref: *x\nn: 12\nq: '12'\n---\n",
	     0);
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
		cmocka_unit_test_teardown(test_template_code, teardown),
		cmocka_unit_test_teardown(test_shortcode_anchors, teardown),
		cmocka_unit_test_teardown(test_ial, teardown),
		cmocka_unit_test_teardown(test_html_page, teardown),
		cmocka_unit_test_teardown(test_yaml_tree, teardown),
		cmocka_unit_test_teardown(test_yaml_limits, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
