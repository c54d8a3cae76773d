/*
 * Unit tests: _config.yml read into rrm's settings, Jekyll's URLs of many
 * files under each permalink style, build states, what Jekyll does not
 * read, and configuration errors with line:col. The expected URLs are what
 * jekyll 4.3.1 wrote for the same files.
 */
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

#include "lib/config.h"
#include "lib/date.h"
#include "lib/jekyll.h"
#include "lib/site.h"
#include "lib/yaml.h"

static struct rrm_config C;
static struct rrm_config_error E;
static char Dir[64];

static void write_file(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", Dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Loads a site whose _config.yml is `config`; returns rrm_config_load's result. */
static int site(const char *config)
{
	rrm_config_release(&C);
	rrm_config_error_release(&E);
	write_file("_config.yml", config);
	int rc = rrm_config_load(&C, Dir, true, &E);
	return rc;
}

/* Asserts the URL of `rel` with front matter `fm` (YAML text, or NULL). */
static void url_is(const char *rel, const char *fm, const char *want)
{
	struct rrm_ydoc doc = {0};
	struct rrm_yaml_error ye;
	if (fm)
		assert_int_equal(rrm_yaml_parse(fm, strlen(fm), 1, &doc, &ye), 0);
	char *u = rrm_site_url(&C, rel, fm ? doc.root : NULL);
	if (strcmp(u, want))
		fprintf(stderr, "%s: got %s, want %s\n", rel, u, want);
	assert_string_equal(u, want);
	free(u);
	rrm_ydoc_release(&doc);
}

static enum rrm_jekyll_state state_of(const char *rel, const char *fm)
{
	struct rrm_ydoc doc = {0};
	struct rrm_yaml_error ye;
	if (fm)
		assert_int_equal(rrm_yaml_parse(fm, strlen(fm), 1, &doc, &ye), 0);
	enum rrm_jekyll_state s = rrm_jekyll_state(&C, rel, fm ? doc.root : NULL, true);
	rrm_ydoc_release(&doc);
	return s;
}

static int setup(void **state)
{
	(void)state;
	snprintf(Dir, sizeof Dir, "/tmp/rrm-test-jekyll-XXXXXX");
	assert_non_null(mkdtemp(Dir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rrm_config_release(&C);
	rrm_config_error_release(&E);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", Dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* The settings _config.yml gives, with their origins. */
static void test_settings(void **state)
{
	(void)state;
	assert_int_equal(site("title: x\n"
			      "url: https://example.org/\n"
			      "baseurl: /blog/\n"
			      "timezone: America/New_York\n"
			      "kramdown:\n"
			      "  input: kramdown\n"
			      "  auto_ids: false\n"
			      "  auto_id_prefix: h-\n"
			      "plugins: [jekyll-feed, jemoji, jekyll-paginate]\n"
			      "gems: [jekyll-sitemap]\n"
			      "feed: {path: atom.xml}\n"),
			 0);
	assert_int_equal(C.generator, RRM_GEN_JEKYLL);
	assert_non_null(C.jekyll);
	assert_string_equal(C.language.v[0], "en_GB"); /* no lang: rrm's default */
	assert_string_equal(C.base_url, "https://example.org/blog");
	assert_string_equal(C.jekyll->baseurl, "/blog");
	assert_string_equal(C.timezone, "America/New_York");
	assert_string_equal(C.content_dir, ".");
	assert_int_equal(C.anchors, RRM_ANCHORS_KRAMDOWN);
	assert_false(C.jekyll->auto_ids);
	assert_string_equal(C.jekyll->auto_id_prefix, "h-");
	assert_true(C.emoji);
	assert_int_equal(C.lowercase_urls, 0);
	assert_string_equal(C.new_.path, "_posts/:year-:month-:day-:slug.md");
	/* the plugins' pages */
	assert_int_equal(C.jekyll->generated.n, 3);
	assert_string_equal(C.jekyll->generated.v[0], "/atom.xml");
	assert_string_equal(C.jekyll->generated.v[1], "/sitemap.xml");
	assert_string_equal(C.jekyll->generated.v[2], "/robots.txt");
	/* origins: file, line, column */
	const struct rrm_origin *o = rrm_config_get_origin(&C, "base_url");
	assert_non_null(o);
	assert_string_equal(o->file, "_config.yml");
	assert_int_equal(o->line, 2);
	assert_int_equal(o->column, 6);
	o = rrm_config_get_origin(&C, "timezone");
	assert_non_null(o);
	assert_int_equal(o->line, 4);
	o = rrm_config_get_origin(&C, "anchors");
	assert_non_null(o);
	assert_int_equal(o->line, 6);
	assert_int_equal(o->column, 10);
	/* a plugin rrm does not model is a note, said once */
	assert_int_equal(C.n_notes, 1);
	assert_non_null(strstr(C.notes[0].message, "jekyll-paginate"));
	assert_int_equal(C.notes[0].line, 9);

	/* Jekyll's defaults: GFM ids, no base URL, UTC here */
	assert_int_equal(site("title: x\n"), 0);
	assert_int_equal(C.anchors, RRM_ANCHORS_JEKYLL);
	assert_null(C.base_url);
	assert_null(C.jekyll->baseurl);
	assert_true(C.jekyll->auto_ids);
	assert_false(C.emoji);
	assert_int_equal(C.jekyll->generated.n, 0);
	assert_int_equal(C.n_notes, 0);

	/* rrm.yml overrides key by key */
	write_file("rrm.yml", "anchors: github\ntimezone: Europe/London\n");
	assert_int_equal(site("timezone: Asia/Tokyo\nkramdown: {input: kramdown}\n"), 0);
	assert_int_equal(C.anchors, RRM_ANCHORS_GITHUB);
	assert_string_equal(C.timezone, "Europe/London");
	o = rrm_config_get_origin(&C, "timezone");
	assert_string_equal(o->file, "rrm.yml");
	char path[128];
	snprintf(path, sizeof path, "%s/rrm.yml", Dir);
	unlink(path);
}

/* A broken _config.yml is a configuration error at its line and column. */
/* lang: names the spelling dictionary when hunspell has it. */
static void test_lang(void **state)
{
	(void)state;
	assert_int_equal(site("lang: en-US\n"), 0);
	assert_int_equal(C.language.n, 1);
	assert_string_equal(C.language.v[0], "en_US");
	const struct rrm_origin *o = rrm_config_get_origin(&C, "language");
	assert_non_null(o);
	assert_int_equal(o->line, 1);
	assert_int_equal(site("lang: xx-YY\n"), 0);
	assert_string_equal(C.language.v[0], "en_GB");
	assert_int_equal(C.n_notes, 1);
	assert_non_null(strstr(C.notes[0].message, "no hunspell dictionary"));
	assert_int_equal(site("lang: en\n"), 0);
	assert_string_equal(C.language.v[0], "en_GB");
	assert_int_equal(C.n_notes, 0);
}

static void test_errors(void **state)
{
	(void)state;
	assert_int_equal(site("title: x\nexclude: [a, b\nfuture: true\n"), -1);
	assert_non_null(strstr(E.file, "_config.yml"));
	assert_int_equal(E.line, 3);
	assert_int_equal(E.column, 7);
	assert_non_null(strstr(E.message, "YAML syntax"));

	assert_int_equal(site("title: x\nexclude: node_modules\n"), -1);
	assert_int_equal(E.line, 2);
	assert_int_equal(E.column, 10);
	assert_string_equal(E.message, "exclude: Jekyll wants a list, got string");

	assert_int_equal(site("source: ../elsewhere\n"), -1);
	assert_int_equal(E.line, 1);
	assert_int_equal(E.column, 9);
	assert_non_null(strstr(E.message, "outside the site"));

	assert_int_equal(site("collections: 3\n"), -1);
	assert_int_equal(E.line, 1);
	assert_int_equal(E.column, 14);

	assert_int_equal(site("just a string\n"), -1);
	assert_int_equal(E.line, 1);

	assert_int_equal(site("title: \"\xff\"\n"), -1);
	assert_string_equal(E.message, "the file is not valid UTF-8");
	assert_int_equal(E.line, 1);
	assert_int_equal(E.column, 9);

	/* an unknown time zone is a note: Jekyll would use UTC */
	assert_int_equal(site("timezone: Mars/Olympus\n"), 0);
	assert_string_equal(C.timezone, "UTC");
	assert_int_equal(C.n_notes, 1);
	/* a YAML alias is not followed: a note, not an error */
	assert_int_equal(site("common: &x [a, b]\nexclude: *x\n"), 0);
	assert_int_equal(C.n_notes, 1);
	assert_int_equal(C.notes[0].line, 2);
	assert_non_null(strstr(C.notes[0].message, "exclude"));
	/* null values are Jekyll's defaults */
	assert_int_equal(site("exclude:\ncollections:\nplugins:\nkramdown:\nurl:\nbaseurl: \"\"\n"),
			 0);
	assert_null(C.base_url);
	assert_int_equal(C.n_notes, 0);
	/* an empty file is Jekyll's defaults */
	assert_int_equal(site(""), 0);
	assert_int_equal(C.anchors, RRM_ANCHORS_JEKYLL);
}

/* Posts, pages and .html pages under the default style (date). */
static void test_url_date(void **state)
{
	(void)state;
	assert_int_equal(site("title: x\n"), 0);
	url_is("_posts/2020-01-05-hello-world.md", NULL, "/2020/01/05/hello-world.html");
	url_is("_posts/2020-01-05-hello-world.md", "title: Hi\n", "/2020/01/05/hello-world.html");
	/* front matter date wins; categories, lower-cased, list or words */
	url_is("_posts/2020-01-05-x.md", "date: 2021-02-03\n", "/2021/02/03/x.html");
	url_is("_posts/2020-02-01-cat.md", "categories: [Foo, bar baz]\n",
	       "/foo/bar baz/2020/02/01/cat.html");
	url_is("_posts/2020-02-03-cat3.md", "categories: one two\n",
	       "/one/two/2020/02/03/cat3.html");
	url_is("_posts/2020-02-03-cat3.md", "category: Web Dev\n", "/web dev/2020/02/03/cat3.html");
	/* the folders above _posts are categories; those below are not */
	url_is("news/_posts/2020-03-01-newsy.md", NULL, "/news/2020/03/01/newsy.html");
	url_is("a/b/_posts/2020-03-01-x.md", "categories: [c]\n", "/a/b/c/2020/03/01/x.html");
	url_is("_posts/sub/2020-03-01-x.md", NULL, "/2020/03/01/x.html");
	/* :title is the slug (front matter or file name), pretty and cased */
	url_is("_posts/2020-02-02-cat2.md", "slug: My Slug!\n", "/2020/02/02/My-Slug!.html");
	url_is("_posts/2020-02-02-Émigrés_and-CAPS.md", NULL, "/2020/02/02/Émigrés_and-CAPS.html");
	url_is("_posts/21-3-9-short.md", NULL, "/2021/03/09/short.html");
	/* pages */
	url_is("about.md", NULL, "/about.html");
	url_is("index.md", NULL, "/");
	url_is("docs/index.md", NULL, "/docs/");
	url_is("docs/guide.markdown", NULL, "/docs/guide.html");
	url_is("docs/page.html", "title: x\n", "/docs/page.html");
	url_is("blog/index.html", "title: x\n", "/blog/");
	url_is("feed.xml", "title: x\n", "/feed.xml");
	url_is("with space/a page.md", NULL, "/with space/a page.html");
	/* permalink in front matter, with a page's placeholders */
	url_is("contact.html", "permalink: /contact-us/\n", "/contact-us/");
	url_is("docs/x.md", "permalink: /:path/:basename/\n", "/docs/x/");
	url_is("perm.md", "permalink: perm-page\n", "/perm-page");
	/* a post's permalink with the post's placeholders */
	url_is("_posts/2021-03-17-own.md", "permalink: /custom/:year/:title/\n",
	       "/custom/2021/own/");
}

static void test_url_styles(void **state)
{
	(void)state;
	static const struct {
		const char *style, *post, *page;
	} cases[] = {
		{"date", "/ruby/2021/03/10/cats.html", "/about.html"},
		{"pretty", "/ruby/2021/03/10/cats/", "/about/"},
		{"ordinal", "/ruby/2021/069/cats.html", "/about.html"},
		/* Jekyll's add_permalink_suffix knows no weekdate: its pages have no suffix */
		{"weekdate", "/ruby/2021/W10/Wed/cats.html", "/about"},
		{"none", "/ruby/cats.html", "/about.html"},
		{"/:categories/:year/:month/:day/:title/", "/ruby/2021/03/10/cats/", "/about/"},
		{"/blog/:year/:i_month/:i_day/:short_year/:hour-:minute-:second/:slug",
		 "/blog/2021/3/10/21/00-00-00/cats", "/about"},
		{"/:year/:month_:day/:name:output_ext", "/2021/03_10/2021-03-10-cats.html",
		 "/about.html"},
		{"/:categories/:slugified_categories/:title", "/ruby/ruby/cats", "/about"},
	};
	char config[256];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		snprintf(config, sizeof config, "permalink: \"%s\"\n", cases[i].style);
		assert_int_equal(site(config), 0);
		url_is("_posts/2021-03-10-cats.md", "categories: [Ruby]\n", cases[i].post);
		url_is("about.md", NULL, cases[i].page);
		url_is("docs/index.md", NULL, "/docs/");
	}
	/* the ISO week of 2021-01-03 is 2020's 53rd; names are English */
	assert_int_equal(site("permalink: \"/:short_month/:long_month/:long_day/:w_day/:w_year/"
			      ":week/:short_day/:y_day/:title\"\n"),
			 0);
	url_is("_posts/2021-01-03-cats.md", NULL, "/Jan/January/Sunday/7/2020/53/Sun/003/cats");
	/* a collection's permalink is a pattern, never a style: "pretty" is a path */
	assert_int_equal(site("collections: {things: {output: true, permalink: pretty}}\n"), 0);
	url_is("_things/a.md", "title: x\n", "/pretty");
	/* a page's permalink knows only :path, :basename and :output_ext */
	url_is("q.md", "permalink: /x/:title/:basename/:year\n", "/x/:title/q/:year");
	/* pretty: a slug ending in '.' loses it with the slash (Jekyll's sanitize_url) */
	assert_int_equal(site("permalink: pretty\n"), 0);
	url_is("_posts/2021-03-13-slugged.md", "slug: \"Über Café & Co.\"\n",
	       "/2021/03/13/Über-Café-&-Co");
}

/* The time zone moves a post's day; a plain timestamp without zone is UTC (Psych). */
static void test_url_timezone(void **state)
{
	(void)state;
	assert_int_equal(site("timezone: UTC\n"), 0);
	url_is("_posts/2020-01-06-late.md", "date: 2020-01-06 23:30:00 -0500\n",
	       "/2020/01/07/late.html");
	assert_int_equal(site("timezone: America/New_York\n"), 0);
	url_is("_posts/2020-01-06-late.md", "date: 2020-01-06 23:30:00 -0500\n",
	       "/2020/01/06/late.html");
	url_is("_posts/2021-03-06-early.md", "date: 2021-03-06 01:15:00 +0200\n",
	       "/2021/03/05/early.html");
	url_is("_posts/2021-03-07-plain.md", "date: 2021-03-07 02:45:00\n",
	       "/2021/03/06/plain.html");
	/* a quoted date-time is read in the site's zone */
	url_is("_posts/2021-03-08-quoted.md", "date: \"2021-03-08 23:45:00\"\n",
	       "/2021/03/08/quoted.html");
	assert_int_equal(site("timezone: Asia/Tokyo\n"), 0);
	url_is("_posts/2021-03-07-plain.md", "date: 2021-03-07 23:45:00\n",
	       "/2021/03/08/plain.html");
	url_is("_posts/2021-03-09-dateonly.md", "date: 2021-04-01\n", "/2021/04/01/dateonly.html");
}

static void test_url_collections(void **state)
{
	(void)state;
	assert_int_equal(site("collections:\n"
			      "  recipes: {output: true}\n"
			      "  guides:\n"
			      "    output: true\n"
			      "    permalink: /g/:categories/:name:output_ext\n"
			      "  notes: {output: false}\n"
			      "defaults:\n"
			      "  - scope: {path: \"\", type: guides}\n"
			      "    values: {categories: [howto]}\n"
			      "  - scope: {path: team}\n"
			      "    values: {permalink: \"/people/:basename/\"}\n"
			      "  - scope: {path: \"_posts/old\", type: posts}\n"
			      "    values: {published: false}\n"
			      "  - scope: {path: \"docs/*/x.md\"}\n"
			      "    values: {permalink: /globbed/}\n"),
			 0);
	url_is("_recipes/pasta.md", "title: x\n", "/recipes/pasta.html");
	url_is("_recipes/italian/pizza.md", "title: x\n", "/recipes/italian/pizza.html");
	url_is("_recipes/2020-01-02-dated.md", "title: x\n", "/recipes/2020-01-02-dated.html");
	/* the defaults' categories and the file's are merged */
	url_is("_guides/setup.md", "title: x\n", "/g/howto/setup.html");
	url_is("_guides/deep.md", "categories: [Deep]\n", "/g/howto/deep/deep.html");
	url_is("team/bob.md", NULL, "/people/bob/");
	url_is("team/bob.md", "permalink: /bob/\n", "/bob/");
	url_is("docs/a/x.md", NULL, "/globbed/");
	url_is("docs/a/y.md", NULL, "/docs/a/y.html");
	/* built or not */
	assert_int_equal(state_of("_recipes/pasta.md", NULL), RRM_JEKYLL_BUILT);
	assert_int_equal(state_of("_notes/n.md", NULL), RRM_JEKYLL_NO_OUTPUT);
	assert_int_equal(state_of("_posts/old/2020-01-01-x.md", NULL), RRM_JEKYLL_UNPUBLISHED);
	assert_int_equal(state_of("_posts/old/2020-01-01-x.md", "published: true\n"),
			 RRM_JEKYLL_BUILT);
	assert_int_equal(state_of("_posts/2020-01-01-x.md", NULL), RRM_JEKYLL_BUILT);
	assert_int_equal(state_of("_posts/2999-01-01-x.md", NULL), RRM_JEKYLL_FUTURE);
	assert_int_equal(state_of("_posts/2020-01-01-x.md", "date: 2999-01-01\n"),
			 RRM_JEKYLL_FUTURE);
	assert_int_equal(state_of("_posts/no-date.md", NULL), RRM_JEKYLL_NO_DATE);
	assert_int_equal(state_of("_drafts/d.md", NULL), RRM_JEKYLL_UNSHOWN);
	assert_int_equal(state_of("about.md", "published: false\n"), RRM_JEKYLL_UNPUBLISHED);
	assert_int_equal(state_of("about.md", "published: no\n"), RRM_JEKYLL_UNPUBLISHED);
	assert_int_equal(state_of("about.md", "date: 2999-01-01\n"), RRM_JEKYLL_BUILT);
	/* without front matter: a post is rendered, a page or a document is copied */
	assert_int_equal(rrm_jekyll_state(&C, "_posts/2020-01-01-x.md", NULL, false),
			 RRM_JEKYLL_BUILT);
	assert_int_equal(rrm_jekyll_state(&C, "about.md", NULL, false), RRM_JEKYLL_STATIC);
	assert_int_equal(rrm_jekyll_state(&C, "_recipes/pasta.md", NULL, false), RRM_JEKYLL_STATIC);

	/* list form, collections_dir, show_drafts, future, unpublished */
	assert_int_equal(site("collections: [recipes]\ncollections_dir: coll\nshow_drafts: true\n"
			      "future: true\nunpublished: true\n"),
			 0);
	assert_string_equal(C.new_.path, "coll/_posts/:year-:month-:day-:slug.md");
	url_is("coll/_recipes/pasta.md", NULL, "/recipes/pasta.html");
	url_is("coll/_posts/2020-01-05-x.md", NULL, "/2020/01/05/x.html");
	url_is("_recipes/pasta.md", NULL, "/_recipes/pasta.html"); /* a page there */
	assert_int_equal(state_of("coll/_recipes/pasta.md", NULL), RRM_JEKYLL_NO_OUTPUT);
	assert_int_equal(state_of("coll/_drafts/d.md", NULL), RRM_JEKYLL_BUILT);
	assert_int_equal(state_of("coll/_posts/2999-01-01-x.md", NULL), RRM_JEKYLL_BUILT);
	assert_int_equal(state_of("about.md", "published: false\n"), RRM_JEKYLL_BUILT);
	/* jekyll-optional-front-matter: Markdown pages need none */
	assert_int_equal(site("plugins: [jekyll-optional-front-matter]\n"), 0);
	assert_int_equal(rrm_jekyll_state(&C, "about.md", NULL, false), RRM_JEKYLL_BUILT);
	assert_int_equal(C.n_notes, 0);
}

/* What Jekyll never reads. */
static void test_ignored(void **state)
{
	(void)state;
	assert_int_equal(
		site("collections: {recipes: {output: true}}\n"
		     "exclude: [private, \"docs/*.txt\"]\ninclude: [_keep.md, .well-known]\n"),
		0);
	static const char *const ignored[] = {"_site/index.html",
					      "_layouts/x.md",
					      "_includes/a.md",
					      "_data/x.md",
					      ".git/x.md",
					      "a/.hidden/x.md",
					      "a/_x.md",
					      "#x.md",
					      "x.md~",
					      "node_modules/p/readme.md",
					      "vendor/bundle/x.md",
					      "Gemfile",
					      "private/x.md",
					      "privateer/x.md",
					      "docs/a/b.txt",
					      "_posts/_x.md",
					      "a/_recipes/x.md",
					      "_drafts/.x.md",
					      "_site/",
					      "node_modules/",
					      "_layouts/",
					      "a/_recipes/"};
	for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++) {
		if (!rrm_jekyll_ignored(&C, ignored[i]))
			fprintf(stderr, "not ignored: %s\n", ignored[i]);
		assert_true(rrm_jekyll_ignored(&C, ignored[i]));
	}
	static const char *const read[] = {"index.md",
					   "docs/x.md",
					   "_posts/2020-01-01-x.md",
					   "news/_posts/2020-01-01-x.md",
					   "_drafts/x.md",
					   "_recipes/x.md",
					   "_recipes/sub/x.md",
					   "vendor/other/x.md",
					   "_keep.md",
					   ".well-known/x.md",
					   ".htaccess",
					   "_posts/",
					   "news/_posts/",
					   "_recipes/",
					   "_drafts/",
					   "docs/"};
	for (size_t i = 0; i < sizeof read / sizeof *read; i++) {
		if (rrm_jekyll_ignored(&C, read[i]))
			fprintf(stderr, "ignored: %s\n", read[i]);
		assert_false(rrm_jekyll_ignored(&C, read[i]));
	}
	/* through rrm_site_excluded, which the walk asks */
	assert_true(rrm_site_excluded(&C, "_site/x.md"));
	assert_false(rrm_site_excluded(&C, "docs/x.md"));
	/* a destination inside the source */
	assert_int_equal(site("destination: public\n"), 0);
	assert_true(rrm_jekyll_ignored(&C, "public/x.md"));
	assert_false(rrm_jekyll_ignored(&C, "publication/x.md"));
	/* destination is from the site root, as source is */
	assert_int_equal(site("source: src\ndestination: src/out\n"), 0);
	assert_true(rrm_jekyll_ignored(&C, "out/x.md"));
	assert_int_equal(site("source: src\ndestination: out\n"), 0);
	assert_false(rrm_jekyll_ignored(&C, "out/x.md"));
}

/* The github-pages gem brings its default plugins; relative_links.enabled turns one off. */
static void test_github_pages(void **state)
{
	(void)state;
	assert_int_equal(site("title: x\n"), 0);
	assert_false(C.jekyll->github_pages);
	assert_false(C.jekyll->relative_links);
	write_file("Gemfile", "source 'https://rubygems.org'\n  gem \"github-pages\", group: "
			      ":jekyll_plugins\n");
	assert_int_equal(site("title: x\n"), 0);
	assert_true(C.jekyll->github_pages);
	assert_true(C.jekyll->relative_links);
	assert_true(C.jekyll->optional_front_matter);
	assert_int_equal(C.generator_files.n, 2); /* the Gemfile shapes the results too */
	assert_int_equal(rrm_jekyll_state(&C, "about.md", NULL, false), RRM_JEKYLL_BUILT);
	assert_int_equal(site("relative_links: {enabled: false}\n"), 0);
	assert_false(C.jekyll->relative_links);
	write_file("Gemfile", "gem 'jekyll'\n# gem 'github-pages'\n");
	assert_int_equal(site("plugins: [jekyll-relative-links]\n"), 0);
	assert_false(C.jekyll->github_pages);
	assert_true(C.jekyll->relative_links);
	assert_int_equal(C.n_notes, 0);
}

/* redirect_from counts with the plugin only; a link path under baseurl. */
static void test_meta_and_links(void **state)
{
	(void)state;
	const char *fm = "redirect_from: [/old/, older.html]\naliases: [/hugo/]\n";
	struct rrm_ydoc doc;
	struct rrm_yaml_error ye;
	assert_int_equal(rrm_yaml_parse(fm, strlen(fm), 1, &doc, &ye), 0);
	struct rrm_page_meta m;

	assert_int_equal(site("plugins: [jekyll-redirect-from]\nbaseurl: /site\n"), 0);
	rrm_page_meta_from(&m, doc.root);
	rrm_jekyll_page_meta(&C, "about.md", doc.root, true, &m);
	assert_false(m.draft);
	assert_int_equal(m.n_aliases, 2);
	assert_string_equal(m.aliases[0], "/old/");
	assert_string_equal(m.aliases[1], "/older.html");
	rrm_page_meta_release(&m);
	assert_int_equal(C.jekyll->generated.n, 1);
	assert_string_equal(C.jekyll->generated.v[0], "/redirects.json");

	char *p = rrm_jekyll_link_path(&C, "/site/about/");
	assert_string_equal(p, "/about/");
	free(p);
	p = rrm_jekyll_link_path(&C, "/site");
	assert_string_equal(p, "/");
	free(p);
	assert_null(rrm_jekyll_link_path(&C, "/about/"));
	assert_null(rrm_jekyll_link_path(&C, "/sites/x"));

	assert_int_equal(site("title: x\n"), 0);
	rrm_page_meta_from(&m, doc.root);
	rrm_jekyll_page_meta(&C, "_drafts/x.md", doc.root, true, &m);
	assert_true(m.draft);
	assert_int_equal(m.n_aliases, 0);
	rrm_page_meta_release(&m);
	p = rrm_jekyll_link_path(&C, "/about/");
	assert_string_equal(p, "/about/");
	free(p);
	rrm_ydoc_release(&doc);
}

static void test_slugify(void **state)
{
	(void)state;
	static const char *const cases[][4] = {
		/* input, default, pretty cased, raw */
		{"Hello World", "hello-world", "Hello-World", "hello-world"},
		{"My Slug!", "my-slug", "My-Slug!", "my-slug!"},
		{"Über Café & Co.", "über-café-co", "Über-Café-&-Co.", "über-café-&-co."},
		{"  trim--me  ", "trim-me", "trim-me", "trim--me"},
		{"a_b.c", "a-b-c", "a_b.c", "a_b.c"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *d = rrm_jekyll_slugify(cases[i][0], RRM_JEKYLL_SLUG_DEFAULT, false);
		char *p = rrm_jekyll_slugify(cases[i][0], RRM_JEKYLL_SLUG_PRETTY, true);
		char *r = rrm_jekyll_slugify(cases[i][0], RRM_JEKYLL_SLUG_RAW, false);
		assert_string_equal(d, cases[i][1]);
		assert_string_equal(p, cases[i][2]);
		assert_string_equal(r, cases[i][3]);
		free(d);
		free(p);
		free(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lang, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_styles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_timezone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_collections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_github_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meta_and_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slugify, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
