/*
 * Unit tests: what an editor asks of a document (lint/query.h): the link
 * destination at an offset, completions, where a destination leads, the
 * headings. The site ones run on a small site indexed by a session.
 */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
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
#include "lib/site.h"
#include "lib/util.h"
#include "lint/query.h"
#include "lint/run.h"

/* The offset of the first `mark` in `s` (the byte at the cursor). */
static size_t at(const char *s, const char *mark)
{
	const char *p = strstr(s, mark);
	assert_non_null(p);
	return (size_t)(p - s);
}

static struct rrm_query_link link_at(const char *s, size_t offset)
{
	struct rrm_query_link x;
	assert_true(rrm_query_link_at(s, strlen(s), offset, &x));
	return x;
}

static void no_link_at(const char *s, size_t offset)
{
	struct rrm_query_link x;
	assert_false(rrm_query_link_at(s, strlen(s), offset, &x));
}

static void test_link_at_inline(void **state)
{
	(void)state;
	/* an unfinished destination at the end of the text */
	const char *s = "Intro.\n\nSee [the post](/blog/po";
	struct rrm_query_link x = link_at(s, strlen(s));
	assert_int_equal(x.kind, RRM_QUERY_LINK);
	assert_int_equal(x.form, RRM_QUERY_INLINE);
	assert_int_equal(x.start, at(s, "/blog"));
	assert_int_equal(x.end, strlen(s));
	assert_false(x.closed);
	assert_false(x.has_hash);
	/* just after "](": an empty destination */
	const char *e = "[a](";
	x = link_at(e, 4);
	assert_int_equal(x.start, 4);
	assert_int_equal(x.end, 4);
	/* a finished one, the cursor in its middle; '#' found */
	const char *f = "A [b](/x/y/#sec) c [d](/z/).";
	x = link_at(f, at(f, "y/#"));
	assert_int_equal(x.start, 6);
	assert_int_equal(x.end, at(f, ") c"));
	assert_true(x.closed);
	assert_true(x.has_hash);
	assert_int_equal(x.hash, at(f, "#sec"));
	/* the second link */
	x = link_at(f, at(f, "z/"));
	assert_int_equal(x.start, at(f, "/z/"));
	assert_int_equal(x.end, at(f, ")."));
	/* after a link's ')': not in it; in its text: not in it */
	no_link_at(f, at(f, " c"));
	no_link_at(f, at(f, "b]"));
	/* a title after the destination */
	const char *t = "[a](/x/ \"Title\")";
	x = link_at(t, 5);
	assert_int_equal(x.end, 7);
	assert_true(x.closed);
	no_link_at(t, at(t, "Title"));
	/* parentheses inside the destination */
	const char *p = "[w](/wiki/A_(b)/)";
	x = link_at(p, at(p, "b)"));
	assert_int_equal(x.end, strlen(p) - 1);
	/* an image, an emoji (4 bytes) before it: byte offsets */
	const char *img = "\xF0\x9F\x98\x80 ![pic](/images/lo";
	x = link_at(img, strlen(img));
	assert_int_equal(x.kind, RRM_QUERY_IMAGE);
	assert_int_equal(x.start, 12);
	assert_int_equal(x.end, strlen(img));
	/* nested brackets in the text; angle-bracket destination */
	const char *n = "[a [b] c](<x y>)";
	x = link_at(n, at(n, " y"));
	assert_int_equal(x.start, at(n, "x y"));
	assert_int_equal(x.end, at(n, ">)"));
	/* a CRLF line end */
	const char *cr = "[a](/x\r\nnext";
	x = link_at(cr, 6);
	assert_int_equal(x.end, 6);
	assert_false(x.closed);
}

static void test_link_at_html_and_refdef(void **state)
{
	(void)state;
	const char *h = "<p><a class=\"x\" href=\"/about/#te\">About</a></p>";
	struct rrm_query_link x = link_at(h, at(h, "te\""));
	assert_int_equal(x.form, RRM_QUERY_HTML);
	assert_int_equal(x.kind, RRM_QUERY_LINK);
	assert_int_equal(x.start, at(h, "/about"));
	assert_int_equal(x.end, at(h, "\">About"));
	assert_true(x.has_hash);
	assert_int_equal(x.hash, at(h, "#te"));
	no_link_at(h, at(h, "x\""));    /* class="x" */
	no_link_at(h, at(h, "About<")); /* the text */
	const char *i = "<img alt='a' src='/images/a";
	x = link_at(i, strlen(i));
	assert_int_equal(x.kind, RRM_QUERY_IMAGE);
	assert_int_equal(x.start, at(i, "/images"));
	assert_int_equal(x.end, strlen(i));
	assert_false(x.closed);
	/* src on an <a>, href on an <img>: not destinations */
	no_link_at("<a src=\"/x", 10);
	no_link_at("<img href=\"/x", 13);
	const char *r = "Text.\n\n[home]: /blog/ \"Home\"\n";
	x = link_at(r, at(r, "blog/"));
	assert_int_equal(x.form, RRM_QUERY_REFDEF);
	assert_int_equal(x.start, at(r, "/blog"));
	assert_int_equal(x.end, at(r, " \"Home"));
	no_link_at(r, at(r, "Home"));
	no_link_at(r, at(r, "home"));
	/* a footnote is no reference definition */
	no_link_at("[^1]: /x", 7);
}

static void test_link_at_code(void **state)
{
	(void)state;
	const char *span = "Write `[a](/x` here, [b](/y";
	no_link_at(span, at(span, "x`"));
	struct rrm_query_link x = link_at(span, strlen(span));
	assert_int_equal(x.start, at(span, "/y"));
	const char *fence = "Text\n\n```md\n[a](/x\n```\n\n[b](/y\n";
	no_link_at(fence, at(fence, "x\n"));
	x = link_at(fence, at(fence, "y\n") + 1);
	assert_int_equal(x.start, at(fence, "/y"));
	const char *tilde = "~~~~\n```\n[a](/x\n~~~~\n";
	no_link_at(tilde, at(tilde, "x\n"));
	/* nothing, out of range, NULL */
	no_link_at("", 0);
	no_link_at("[a](", 5);
	struct rrm_query_link y;
	assert_false(rrm_query_link_at(NULL, 0, 0, &y));
	/* a long line of brackets and parentheses: no crash, an answer */
	size_t n = 1 << 20;
	char *big = rrm_malloc(n + 1);
	for (size_t k = 0; k < n; k++)
		big[k] = "[]()<>\"'`#!"[k % 11];
	big[n] = '\0';
	for (size_t k = 0; k < n; k += n / 7)
		(void)rrm_query_link_at(big, n, k, &y);
	(void)rrm_query_link_at(big, n, n, &y);
	free(big);
}

static void around_is(const char *s, const char *cursor, const char *dest)
{
	struct rrm_query_link x;
	assert_true(rrm_query_link_around(s, strlen(s), at(s, cursor), &x));
	assert_true(x.closed);
	assert_int_equal(x.end - x.start, strlen(dest));
	assert_memory_equal(s + x.start, dest, strlen(dest));
}

static void around_is_open(const char *s, const char *cursor, const char *dest)
{
	struct rrm_query_link x;
	assert_true(rrm_query_link_around(s, strlen(s), at(s, cursor), &x));
	assert_false(x.closed);
	assert_int_equal(x.end - x.start, strlen(dest));
	assert_memory_equal(s + x.start, dest, strlen(dest));
}

static void no_link_around(const char *s, const char *cursor)
{
	struct rrm_query_link x;
	assert_false(rrm_query_link_around(s, strlen(s), at(s, cursor), &x));
}

static void test_link_around(void **state)
{
	(void)state;
	/* on the text of an inline link, on its brackets, and on its destination */
	const char *s = "See [the *post*](/blog/post/ \"T\") and ![pic](a.png).\n";
	around_is(s, "the", "/blog/post/");
	around_is(s, "post*", "/blog/post/");
	around_is(s, "[the", "/blog/post/");
	around_is(s, "](/blog", "/blog/post/");
	around_is(s, "log/post", "/blog/post/");
	around_is(s, "pic", "a.png");
	struct rrm_query_link x;
	assert_true(rrm_query_link_around(s, strlen(s), at(s, "pic"), &x));
	assert_int_equal(x.kind, RRM_QUERY_IMAGE);
	no_link_around(s, "See");
	no_link_around(s, " and");
	/* reference links: full, collapsed, shortcut; labels ignore case; <dest> */
	const char *r = "A [full][Lab] b [lab][] c [lab] d [other].\n\n"
			"[LAB]: </x/#y> \"title\"\n[^1]: a note\n";
	around_is(r, "full", "/x/#y");
	around_is(r, "ab]", "/x/#y");
	around_is(r, "lab][]", "/x/#y");
	around_is(r, "lab] d", "/x/#y");
	no_link_around(r, "other"); /* no definition */
	/* a destination not finished on its line: to the blank after it, or the line's end */
	const char *u = "See [docs](/docs/guide more\n[x](/y/z\n";
	around_is_open(u, "cs/gu", "/docs/guide");
	around_is_open(u, "y/z", "/y/z");
	/* in code: nothing */
	no_link_around("```\n[a](/b/)\n```\n", "a]");
	no_link_around("`[a](/b/)` x\n", "a]");
	/* a definition inside a fence is none */
	no_link_around("[a]\n\n```\n[a]: /b/\n```\n", "a]");
}

/* ---- a small site ---- */

static char root[64];
static struct rrm_config C;
static struct rrm_lint_options O;
static struct rrm_lint_session *S;

static void write_file(const char *rel, const char *text)
{
	fixture_write(root, rel, text);
}

static const char CONFIG[] = "language: en_US\ncontent_dir: content\nstatic_dir: static\n"
			     "base_url: https://example.org\npermalink: /:path/\nanchors: hugo\n";

static int make_site(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "/tmp/rrm-test-query-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	write_file("content/about.md",
		   "---\ntitle: About us\n---\n# About\n\nText.\n\n## The team\n\nUs.\n");
	write_file("content/blog/post.md", "---\ntitle: \"A post\"\n---\n# Post\n\n"
					   "Intro.\n\n## Part one\n\n<div id=\"box\"></div>\n");
	write_file("content/blog/draft.md", "---\ntitle: Soon\ndraft: true\n---\nLater.\n");
	write_file("content/blog/notitle.md", "No front matter.\n");
	write_file("static/images/logo.png", "");
	write_file("static/docs/guide.pdf", "");
	write_file("content/blog/pic.jpg", "");
	struct rrm_config_error e;
	if (rrm_config_load_text(&C, root, "rrm.yml", CONFIG, strlen(CONFIG), &e))
		fail_msg("config: %s", e.message);
	rrm_config_error_release(&e);
	O = (struct rrm_lint_options){.jobs = 1, .start = root};
	S = rrm_lint_session_new(&C, &O);
	struct rrm_lint_error err = {0};
	assert_int_equal(rrm_lint_session_index(S, &err), 0);
	return 0;
}

static int remove_site(void **state)
{
	(void)state;
	rrm_lint_session_free(S);
	rrm_config_release(&C);
	fixture_remove(root);
	return 0;
}

static void test_headings(void **state)
{
	(void)state;
	const char *s =
		"---\ntitle: T\n---\n# Caf\xC3\xA9 \xF0\x9F\x98\x80 time\n\nText.\n\n"
		"Second\n------\n\n## Caf\xC3\xA9 \xF0\x9F\x98\x80 time\n\n  ### Deep {#own}\n";
	struct rrm_query_headings h;
	rrm_query_headings(&C, s, strlen(s), &h);
	assert_int_equal(h.n, 4);
	assert_int_equal(h.v[0].level, 1);
	assert_string_equal(h.v[0].text, "Caf\xC3\xA9 \xF0\x9F\x98\x80 time");
	assert_string_equal(h.v[0].id, "café--time");
	assert_int_equal(h.v[0].line, 4);
	assert_int_equal(h.v[0].end_line, 4);
	assert_int_equal(h.v[0].column, 1);
	assert_int_equal(h.v[0].end_column, 1 + (int)strlen("# Caf\xC3\xA9 \xF0\x9F\x98\x80 time"));
	assert_int_equal(h.v[0].offset, at(s, "# Caf"));
	/* a setext heading: two lines */
	assert_int_equal(h.v[1].level, 2);
	assert_string_equal(h.v[1].id, "second");
	assert_int_equal(h.v[1].line, 8);
	assert_int_equal(h.v[1].end_line, 9);
	assert_int_equal(h.v[1].end_column, 7);
	/* the same text again: Hugo makes the id unique */
	assert_string_equal(h.v[2].id, "café--time-1");
	assert_int_equal(h.v[2].line, 11);
	/* indented: the column of its '#' (bytes); an explicit id */
	assert_string_equal(h.v[3].id, "own");
	assert_int_equal(h.v[3].column, 3);
	assert_int_equal(h.v[3].offset, at(s, "### Deep"));
	rrm_query_headings_release(&h);
	/* empty, NULL, and text that is no UTF-8: no headings, no crash */
	rrm_query_headings(&C, "", 0, &h);
	assert_int_equal(h.n, 0);
	rrm_query_headings_release(&h);
	rrm_query_headings(&C, NULL, 0, &h);
	assert_int_equal(h.n, 0);
	rrm_query_headings_release(&h);
	rrm_query_headings(&C, "# a\xff\n", 5, &h);
	assert_int_equal(h.n, 0);
	rrm_query_headings_release(&h);
	/* a BOM: columns of the text as given */
	const char *bom = "\xEF\xBB\xBF# Top\n";
	rrm_query_headings(&C, bom, strlen(bom), &h);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.v[0].column, 4);
	assert_int_equal(h.v[0].offset, 3);
	assert_int_equal(h.v[0].end_column, 9);
	rrm_query_headings_release(&h);
}

static char *abs_of(const char *rel)
{
	return rrm_path_join(root, rel);
}

/* Resolves `dest` from content/blog/post.md (its text `text`, or that on disk). */
static struct rrm_query_target resolve(const char *dest, bool image, const char *text,
				       enum rrm_query_target_kind want)
{
	const char *post = "---\ntitle: \"A post\"\n---\n# Post\n\n"
			   "Intro.\n\n## Part one\n\n<div id=\"box\"></div>\n";
	if (!text)
		text = post;
	struct rrm_query_target t;
	char *doc = abs_of("content/blog/post.md");
	assert_int_equal(rrm_query_resolve(&C, rrm_lint_session_site(S), doc, text, strlen(text),
					   dest, image, &t),
			 want);
	assert_int_equal(t.kind, want);
	free(doc);
	return t;
}

static void target_is(struct rrm_query_target *t, const char *file, const char *url,
		      const char *title, int line, int column)
{
	char *f = abs_of(file);
	assert_string_equal(t->file, f);
	free(f);
	if (url)
		assert_string_equal(t->url, url);
	else
		assert_null(t->url);
	if (title)
		assert_string_equal(t->title, title);
	else
		assert_null(t->title);
	assert_int_equal(t->line, line);
	assert_int_equal(t->column, column);
	rrm_query_target_release(t);
}

static void test_resolve_pages(void **state)
{
	(void)state;
	/* root-absolute, with an anchor: the heading's line in the target's source */
	struct rrm_query_target t = resolve("/about/#the-team", false, NULL, RRM_QUERY_TO_PAGE);
	assert_string_equal(t.anchor, "the-team");
	assert_false(t.draft);
	assert_false(t.alias);
	target_is(&t, "content/about.md", "/about/", "About us", 8, 1);
	/* a relative .md path, percent-encoded anchor */
	t = resolve("../about.md#the%2Dteam", false, NULL, RRM_QUERY_TO_PAGE);
	assert_string_equal(t.anchor, "the-team");
	target_is(&t, "content/about.md", "/about/", "About us", 8, 1);
	/* with base_url; relative to the page's URL; no anchor */
	t = resolve("https://example.org/about/", false, NULL, RRM_QUERY_TO_PAGE);
	assert_null(t.anchor);
	target_is(&t, "content/about.md", "/about/", "About us", 0, 0);
	t = resolve("../../about", false, NULL, RRM_QUERY_TO_PAGE);
	target_is(&t, "content/about.md", "/about/", "About us", 0, 0);
	/* a draft; a page without front matter: no title */
	t = resolve("/blog/draft/", false, NULL, RRM_QUERY_TO_PAGE);
	assert_true(t.draft);
	target_is(&t, "content/blog/draft.md", "/blog/draft/", "Soon", 0, 0);
	t = resolve("/blog/notitle/", false, NULL, RRM_QUERY_TO_PAGE);
	assert_false(t.draft);
	target_is(&t, "content/blog/notitle.md", "/blog/notitle/", NULL, 0, 0);
	/* an anchor that is not there: the page, line 0 */
	t = resolve("/about/#nope", false, NULL, RRM_QUERY_TO_PAGE);
	target_is(&t, "content/about.md", "/about/", "About us", 0, 0);
	/* this document: its text as typed (not the file on disk) */
	const char *typed = "---\ntitle: Typed\ndraft: true\n---\n\xF0\x9F\x98\x80 x\n\n"
			    "## New part\n\n<p>a <span id=\"box\">b</span></p>\n";
	t = resolve("#new-part", false, typed, RRM_QUERY_TO_PAGE);
	assert_true(t.draft);
	target_is(&t, "content/blog/post.md", "/blog/post/", "Typed", 7, 1);
	t = resolve("#box", false, typed, RRM_QUERY_TO_PAGE);
	assert_int_equal(t.line, 9);
	assert_true(t.column > 1);
	rrm_query_target_release(&t);
	/* a link to its own URL: the typed text too */
	t = resolve("/blog/post/#new-part", false, typed, RRM_QUERY_TO_PAGE);
	target_is(&t, "content/blog/post.md", "/blog/post/", "Typed", 7, 1);
	t = resolve("#part-one", false, NULL, RRM_QUERY_TO_PAGE);
	target_is(&t, "content/blog/post.md", "/blog/post/", "A post", 8, 1);
}

static void test_resolve_files_and_nothing(void **state)
{
	(void)state;
	struct rrm_query_target t = resolve("/images/logo.png", true, NULL, RRM_QUERY_TO_FILE);
	target_is(&t, "static/images/logo.png", "/images/logo.png", NULL, 0, 0);
	t = resolve("pic.jpg", true, NULL, RRM_QUERY_TO_FILE);
	target_is(&t, "content/blog/pic.jpg", NULL, NULL, 0, 0);
	static const char *const none[] = {
		"/nothing/",     "mailto:a@example.org",     "",
		"//other.org/x", "https://other.org/about/", "../../../../../etc/passwd",
		"{{< ref x >}}"};
	for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
		t = resolve(none[i], false, NULL, RRM_QUERY_NONE);
		assert_null(t.file);
		assert_null(t.url);
		assert_null(t.title);
		assert_null(t.anchor);
	}
	/* a document outside the site, no site, no destination */
	assert_int_equal(rrm_query_resolve(&C, rrm_lint_session_site(S), "/elsewhere/x.md", "", 0,
					   "/about/", false, &t),
			 RRM_QUERY_NONE);
	assert_int_equal(rrm_query_resolve(&C, NULL, "content/x.md", "", 0, "/about/", false, &t),
			 RRM_QUERY_NONE);
	assert_int_equal(rrm_query_resolve(&C, rrm_lint_session_site(S), "content/x.md", "", 0,
					   NULL, false, &t),
			 RRM_QUERY_NONE);
	/* a new document (not in the index), relative path to its folder's file */
	assert_int_equal(rrm_query_resolve(&C, rrm_lint_session_site(S), "content/blog/new.md", "",
					   0, "post.md", false, &t),
			 RRM_QUERY_TO_PAGE);
	target_is(&t, "content/blog/post.md", "/blog/post/", "A post", 0, 0);
}

/* Completes at the end of `text` (or at `mark`) in `doc`; checks the labels (NULL-ended). */
static struct rrm_query_items complete_in(const struct rrm_site *site, const char *doc,
					  const char *text, const char *mark,
					  const char *const *want)
{
	size_t off = mark ? at(text, mark) : strlen(text);
	struct rrm_query_link x = link_at(text, off);
	struct rrm_query_items it;
	char *abs = abs_of(doc);
	rrm_query_complete(&C, site, abs, text, strlen(text), off, &x, &it);
	free(abs);
	size_t n = 0;
	while (want && want[n])
		n++;
	for (size_t i = 0; i < it.n && i < n; i++)
		assert_string_equal(it.v[i].label, want[i]);
	if (want)
		assert_int_equal(it.n, n);
	return it;
}

static const char *detail_of(const struct rrm_query_items *it, const char *label)
{
	for (size_t i = 0; i < it->n; i++)
		if (!strcmp(it->v[i].label, label))
			return it->v[i].detail;
	fail_msg("no item %s", label);
	return NULL;
}

static void test_complete_pages(void **state)
{
	(void)state;
	const struct rrm_site *site = rrm_lint_session_site(S);
	/* an unfinished destination at the end, an emoji before the link */
	const char *s = "\xF0\x9F\x98\x80 See [the post](/";
	static const char *const all[] = {
		"/about/",         "/blog/draft/",  "/blog/notitle/",   "/blog/post/",
		"/docs/guide.pdf", "/blog/pic.jpg", "/images/logo.png", NULL};
	struct rrm_query_items it = complete_in(site, "content/blog/new.md", s, NULL, all);
	assert_int_equal(it.from, at(s, "/"));
	assert_int_equal(it.to, strlen(s));
	assert_false(it.incomplete);
	assert_int_equal(it.v[0].kind, RRM_QUERY_PAGE);
	assert_string_equal(it.v[0].detail, "About us");
	assert_string_equal(detail_of(&it, "/blog/post/"), "A post");
	assert_string_equal(detail_of(&it, "/blog/notitle/"), "content/blog/notitle.md");
	assert_string_equal(detail_of(&it, "/blog/draft/"), "Soon");
	assert_true(it.v[1].draft);
	assert_false(it.v[0].draft);
	assert_int_equal(it.v[4].kind, RRM_QUERY_FILE);
	rrm_query_items_release(&it);
	/* what is typed filters: prefix matches, then those holding it elsewhere */
	static const char *const bp[] = {"/blog/post/", "/blog/pic.jpg", NULL};
	it = complete_in(site, "content/blog/new.md", "[a](/blog/p", NULL, bp);
	rrm_query_items_release(&it);
	static const char *const tit[] = {"/blog/notitle/", NULL};
	it = complete_in(site, "content/blog/new.md", "[a](TIT", NULL, tit);
	rrm_query_items_release(&it);
	/* the cursor before the '#': the path part is replaced, the anchor kept */
	const char *h = "[a](/ab#team)";
	static const char *const ab[] = {"/about/", NULL};
	it = complete_in(site, "content/blog/new.md", h, "#team", ab);
	assert_int_equal(it.from, 4);
	assert_int_equal(it.to, at(h, "#"));
	rrm_query_items_release(&it);
	/* this document is not offered */
	static const char *const nopost[] = {"/blog/draft/", "/blog/notitle/", "/blog/pic.jpg",
					     NULL};
	it = complete_in(site, "content/blog/post.md", "[a](/blog/", NULL, nopost);
	rrm_query_items_release(&it);
	/* with base_url typed: URLs with it */
	static const char *const full[] = {"https://example.org/about/", NULL};
	it = complete_in(site, "content/blog/new.md", "[a](https://example.org/a", NULL, full);
	rrm_query_items_release(&it);
}

static void test_complete_relative(void **state)
{
	(void)state;
	const struct rrm_site *site = rrm_lint_session_site(S);
	/* mostly relative .md links: relative paths to the files */
	const char *s = "[a](../about.md) [b](post.md#part-one) [c](/about/)\n\n[new](";
	static const char *const rel[] = {"../about.md",   "draft.md",         "notitle.md",
					  "post.md",       "/docs/guide.pdf",  "pic.jpg",
					  "/blog/pic.jpg", "/images/logo.png", NULL};
	struct rrm_query_items it = complete_in(site, "content/blog/new.md", s, NULL, rel);
	assert_string_equal(it.v[0].detail, "About us");
	assert_string_equal(detail_of(&it, "pic.jpg"), "content/blog/pic.jpg");
	rrm_query_items_release(&it);
	/* as many root-absolute ones: URLs */
	const char *t = "[a](../about.md) [c](/about/)\n\n[new](/a";
	static const char *const abs[] = {"/about/", NULL};
	it = complete_in(site, "content/blog/new.md", t, NULL, abs);
	rrm_query_items_release(&it);
}

static void test_complete_images(void **state)
{
	(void)state;
	const struct rrm_site *site = rrm_lint_session_site(S);
	static const char *const img[] = {"pic.jpg", "/blog/pic.jpg", "/images/logo.png",
					  "/docs/guide.pdf", NULL};
	struct rrm_query_items it = complete_in(site, "content/blog/new.md", "![i](", NULL, img);
	assert_int_equal(it.v[0].kind, RRM_QUERY_FILE);
	assert_string_equal(it.v[0].detail, "content/blog/pic.jpg");
	rrm_query_items_release(&it);
	static const char *const logo[] = {"/images/logo.png", NULL};
	it = complete_in(site, "content/blog/new.md", "<img src=\"/i", NULL, logo);
	rrm_query_items_release(&it);
}

static void test_complete_anchors(void **state)
{
	(void)state;
	const struct rrm_site *site = rrm_lint_session_site(S);
	/* this document's own anchors, from its text */
	const char *s = "# Top\n\n## Sub part\n\n<a id=\"anc\"></a>\n\nSee [x](#";
	static const char *const own[] = {"sub-part", "top", "anc", NULL};
	struct rrm_query_items it = complete_in(site, "content/blog/new.md", s, NULL, own);
	assert_int_equal(it.from, strlen(s));
	assert_int_equal(it.to, strlen(s));
	assert_int_equal(it.v[0].kind, RRM_QUERY_ANCHOR);
	assert_string_equal(it.v[0].detail, "Sub part");
	rrm_query_items_release(&it);
	const char *t = "# Top\n\n## Sub part\n\nSee [x](#s)";
	static const char *const sub[] = {"sub-part", NULL};
	it = complete_in(site, "content/blog/new.md", t, ")", sub);
	assert_int_equal(it.from, at(t, "s)"));
	assert_int_equal(it.to, at(t, ")"));
	rrm_query_items_release(&it);
	/* another page's, by URL and by .md path */
	static const char *const about[] = {"the-team", "about", NULL};
	it = complete_in(site, "content/blog/new.md", "[x](/about/#t", NULL, about);
	assert_string_equal(it.v[0].detail, "The team");
	rrm_query_items_release(&it);
	static const char *const about_all[] = {"about", "the-team", NULL};
	it = complete_in(site, "content/blog/new.md", "[x](../about.md#", NULL, about_all);
	rrm_query_items_release(&it);
	static const char *const box[] = {"box", NULL};
	it = complete_in(site, "content/blog/new.md", "<a href=\"/blog/post/#b", NULL, box);
	rrm_query_items_release(&it);
	/* a page that is not there: nothing */
	static const char *const none[] = {NULL};
	it = complete_in(site, "content/blog/new.md", "[x](/nope/#", NULL, none);
	rrm_query_items_release(&it);
}

static void test_complete_cap_and_bad_input(void **state)
{
	(void)state;
	/* a site of 300 pages: 200 items, sorted, marked incomplete */
	struct rrm_site big;
	rrm_site_init(&big, &C);
	for (int i = 299; i >= 0; i--) {
		char file[64], url[64];
		snprintf(file, sizeof file, "content/p%03d.md", i);
		snprintf(url, sizeof url, "/p%03d/", i);
		rrm_site_add_page(&big, file, url, NULL, NULL, 0);
	}
	struct rrm_query_items it = complete_in(&big, "content/x.md", "[a](/p", NULL, NULL);
	assert_int_equal(it.n, RRM_QUERY_MAX_ITEMS);
	assert_true(it.incomplete);
	assert_string_equal(it.v[0].label, "/p000/");
	assert_string_equal(it.v[199].label, "/p199/");
	assert_string_equal(it.v[0].detail, "content/p000.md");
	rrm_query_items_release(&it);
	rrm_site_release(&big);
	/* no site, no context, a context out of range, a document outside the site */
	struct rrm_query_link x = link_at("[a](#", 5);
	rrm_query_complete(&C, NULL, "content/x.md", "[a](#", 5, 5, &x, &it);
	assert_int_equal(it.n, 0);
	rrm_query_items_release(&it);
	rrm_query_complete(&C, rrm_lint_session_site(S), "content/x.md", "[a](", 4, 4, NULL, &it);
	assert_int_equal(it.n, 0);
	x.start = 10;
	x.end = 12;
	rrm_query_complete(&C, rrm_lint_session_site(S), "content/x.md", "[a](", 4, 4, &x, &it);
	assert_int_equal(it.n, 0);
	rrm_query_items_release(&it);
	x = link_at("[a](/ab", 7);
	rrm_query_complete(&C, rrm_lint_session_site(S), "/elsewhere/x.md", "[a](/ab", 7, 7, &x,
			   &it);
	assert_int_equal(it.n, 1);
	assert_string_equal(it.v[0].label, "/about/");
	rrm_query_items_release(&it);
	/* a huge text of links: an answer, no crash */
	size_t n = 1 << 20;
	char *huge = rrm_malloc(n + 1);
	static const char unit[] = "[a](#x) \xF0\x9F\x98\x80\n# x\n";
	for (size_t k = 0; k < n; k++)
		huge[k] = unit[k % (sizeof unit - 1)];
	huge[n] = '\0';
	memcpy(huge + n - 6, "\n[b](#", 6);
	x = link_at(huge, n);
	rrm_query_complete(&C, rrm_lint_session_site(S), "content/x.md", huge, n, n, &x, &it);
	rrm_query_items_release(&it);
	free(huge);
}

/* References: a second site, of pages that link to one another. */
static void test_references(void **state)
{
	(void)state;
	char r2[64];
	snprintf(r2, sizeof r2, "/tmp/rrm-test-refs-XXXXXX");
	assert_non_null(mkdtemp(r2));
	fixture_write(r2, "content/t.md", "---\ntitle: T\n---\n# T\n\n## Sec\n\n[self](#sec)\n");
	fixture_write(r2, "content/x.md",
		      "---\ntitle: X\n---\n\xF0\x9F\x98\x80 [a](/t/#sec) [b](t.md#sec) [c](/t/) "
		      "[d](/t/#other)\n\n```\n[e](/t/#sec)\n```\n");
	fixture_write(r2, "content/y.md", "---\ntitle: Y\n---\nNo links on disk.\n");
	static const char cfg[] = "language: en_US\ncontent_dir: content\npermalink: /:path/\n"
				  "anchors: hugo\n";
	struct rrm_config c2;
	struct rrm_config_error e;
	assert_int_equal(rrm_config_load_text(&c2, r2, "rrm.yml", cfg, strlen(cfg), &e), 0);
	rrm_config_error_release(&e);
	struct rrm_lint_options o2 = {.jobs = 1, .start = r2};
	struct rrm_lint_session *s2 = rrm_lint_session_new(&c2, &o2);
	struct rrm_lint_error err = {0};
	assert_int_equal(rrm_lint_session_index(s2, &err), 0);
	const struct rrm_site *site = rrm_lint_session_site(s2);
	/* y.md is open, with a link its file does not have */
	const char *ytext = "---\ntitle: Y\n---\n[f](../t/#sec)\n";
	struct rrm_query_text open[] = {{"content/y.md", ytext, strlen(ytext)}};
	struct rrm_query_refs refs;
	rrm_query_references(&c2, site, "content/t.md", "sec", open, 1, &refs);
	char want[256] = "", got[1024] = "";
	for (size_t i = 0; i < refs.n; i++) {
		const struct rrm_query_ref *q = &refs.v[i];
		assert_true(strncmp(q->file, r2, strlen(r2)) == 0);
		char one[128];
		snprintf(one, sizeof one, "%s:%d:%d-%d:%.*s|", q->file + strlen(r2) + 1, q->line,
			 q->column, q->end_column, q->end_column - q->column,
			 q->line_text + q->column - 1);
		strncat(got, one, sizeof got - strlen(got) - 1);
	}
	/* in file order; the emoji is 4 bytes; the link in code is none */
	strcpy(want, "content/t.md:8:8-12:#sec|content/x.md:4:10-17:/t/#sec|"
		     "content/x.md:4:23-31:t.md#sec|content/y.md:4:5-14:../t/#sec|");
	assert_string_equal(got, want);
	rrm_query_refs_release(&refs);
	/* the whole page: every link to it, with any anchor */
	rrm_query_references(&c2, site, "content/t.md", NULL, open, 1, &refs);
	assert_int_equal(refs.n, 6);
	assert_string_equal(refs.v[4].line_text + refs.v[4].column - 1, "/t/#other)");
	rrm_query_refs_release(&refs);
	/* no page there: nothing */
	rrm_query_references(&c2, site, "content/none.md", NULL, open, 1, &refs);
	assert_int_equal(refs.n, 0);
	rrm_query_references(&c2, NULL, "content/t.md", NULL, NULL, 0, &refs);
	assert_int_equal(refs.n, 0);
	rrm_lint_error_release(&err);
	rrm_lint_session_free(s2);
	rrm_config_release(&c2);
	fixture_remove(r2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_link_at_inline),
		cmocka_unit_test(test_link_at_html_and_refdef),
		cmocka_unit_test(test_link_at_code),
		cmocka_unit_test(test_link_around),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_resolve_pages),
		cmocka_unit_test(test_resolve_files_and_nothing),
		cmocka_unit_test(test_complete_pages),
		cmocka_unit_test(test_complete_relative),
		cmocka_unit_test(test_complete_images),
		cmocka_unit_test(test_complete_anchors),
		cmocka_unit_test(test_complete_cap_and_bad_input),
	};
	return cmocka_run_group_tests(tests, make_site, remove_site);
}
