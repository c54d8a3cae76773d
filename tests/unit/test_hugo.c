/* Unit tests: Hugo's configuration read into rrm's settings (lib/hugo.c), Hugo's URL model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "lib/config.h"
#include "lib/hugo.h"
#include "lib/site.h"
#include "lib/util.h"
#include "lib/yaml.h"

static struct rrm_config C;
static struct rrm_config_error E;
static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/rrm-test-hugo-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rrm_config_release(&C);
	rrm_config_error_release(&E);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void put(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	char cmd[600];
	snprintf(cmd, sizeof cmd, "mkdir -p %s", path);
	assert_int_equal(system(cmd), 0);
	*slash = '/';
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int load(void)
{
	rrm_config_release(&C);
	rrm_config_error_release(&E);
	return rrm_config_load(&C, dir, true, &E);
}

static void assert_origin(const char *key, const char *file, int line, int column)
{
	const struct rrm_origin *o = rrm_config_get_origin(&C, key);
	assert_non_null(o);
	if (!file) {
		assert_null(o->file);
		return;
	}
	assert_non_null(o->file);
	assert_string_equal(o->file, file);
	assert_int_equal(o->line, line);
	assert_int_equal(o->column, column);
}

/* The URL of `rel` with front matter `fm` (YAML text, may be ""). */
static char *url(const char *rel, const char *fm)
{
	struct rrm_ydoc doc;
	struct rrm_yaml_error ye;
	assert_int_equal(rrm_yaml_parse(fm, strlen(fm), 1, &doc, &ye), 0);
	char *u = rrm_site_url(&C, rel, doc.root);
	rrm_ydoc_release(&doc);
	return u;
}

static void assert_url(const char *rel, const char *fm, const char *want)
{
	char *u = url(rel, fm);
	assert_string_equal(u, want);
	free(u);
}

static void test_keys_and_origins(void **state)
{
	(void)state;
	put("hugo.toml", "# site\nbaseurl = 'https://example.org/blog/'\ncontentdir = 'posts'\n"
			 "DisablePathToLower = true\ntimeZone = 'Europe/Oslo'\nenableEmoji = true\n"
			 "[markup.goldmark.parser]\nautoHeadingIDType = 'blackfriday'\n"
			 "autoDefinitionTermID = true\n");
	put("posts/a.md", "---\ntitle: A\n---\n");
	put("config.toml", "baseURL = 'https://ignored.example/'\n"); /* hugo.toml wins */
	assert_int_equal(load(), 0);
	assert_int_equal(C.generator, RRM_GEN_HUGO);
	assert_string_equal(C.base_url, "https://example.org");
	assert_string_equal(C.hugo.base_path, "/blog/");
	assert_origin("base_url", "hugo.toml", 2, 1);
	assert_string_equal(C.content_dir, "posts");
	assert_origin("content_dir", "hugo.toml", 3, 1);
	assert_int_equal(C.lowercase_urls, 0);
	assert_origin("lowercase_urls", "hugo.toml", 4, 1);
	assert_string_equal(C.timezone, "Europe/Oslo");
	assert_true(C.emoji);
	assert_int_equal(C.anchors, RRM_ANCHORS_HUGO_BLACKFRIDAY);
	assert_origin("anchors", "hugo.toml", 8, 1);
	assert_true(C.definition_ids);
	assert_int_equal(C.generator_files.n, 1);
	/* URLs carry baseURL's path; no lower-casing */
	assert_url("Dir/My-Page.md", "", "/blog/Dir/My-Page/");
	/* rrm.yml overrides key by key */
	put("rrm.yml", "content_dir: posts\nlowercase_urls: true\n");
	assert_int_equal(load(), 0);
	assert_int_equal(C.lowercase_urls, 1);
	assert_origin("lowercase_urls", "rrm.yml", 2, 1);
	assert_origin("base_url", "hugo.toml", 2, 1);
	assert_url("Dir/My-Page.md", "", "/blog/dir/my-page/");
}

static void test_config_dir(void **state)
{
	(void)state;
	put("config/_default/hugo.yaml", "baseURL: https://example.org\nstaticDir: [static, more]\n"
					 "uglyURLs: false\n");
	put("config/_default/permalinks.yaml",
	    "posts: /:year/:month/:day/:slug/\npage:\n  notes: /n/:filename/\n"
	    "section:\n  posts: /journal/\n");
	put("config/_default/params.toml", "uglyURLs = true\n"); /* params, not a setting */
	put("config/_default/menus.en.toml", "[[main]]\nname = 'x'\n");
	put("config/production/hugo.toml", "uglyURLs = true\n");
	put("content/posts/first.md", "---\ntitle: x\n---\n");
	assert_int_equal(load(), 0);
	assert_int_equal(C.generator_files.n, 5);
	assert_string_equal(C.generator_files.v[0], "config/_default/hugo.yaml");
	assert_string_equal(C.generator_files.v[4], "config/production/hugo.toml");
	assert_true(C.hugo.ugly_urls);
	assert_origin("ugly_urls", "config/production/hugo.toml", 1, 1);
	assert_string_equal(C.static_dir, "static");
	assert_int_equal(C.hugo.static_sources.n, 1);
	assert_string_equal(C.hugo.static_sources.v[0], "more");
	assert_origin("permalink.posts", "config/_default/permalinks.yaml", 1, 1);
	assert_url("posts/first.md", "date: 2024-03-09\nslug: Hi There\n",
		   "/2024/03/09/hi-there.html");
	assert_url("notes/x/index.md", "", "/n/x.html");
	assert_url("posts/_index.md", "", "/journal.html");
	assert_url("posts/2024/_index.md", "", "/posts/2024.html"); /* a section is ugly too */
	assert_url("notes/_index.md", "", "/notes.html");
	assert_url("_index.md", "", "/");
}

static void test_tokens(void **state)
{
	(void)state;
	put("hugo.toml",
	    "[permalinks]\na = '/:year/:monthname/:day/:weekday/:weekdayname/:yearday/'\n"
	    "b = ':sections/:title/'\nc = '/:slugorfilename/:filename/'\n"
	    "d = '/:slug/'\ne = '/:contentbasename/:slugorcontentbasename/'\n"
	    "f = '/:section/:2006/'\n");
	assert_int_equal(load(), 0);
	assert_url("a/x.md", "date: 2024-03-09T10:00:00Z\n", "/2024/march/09/6/saturday/69/");
	assert_url("b/deep/x.md", "title: Hello, World!\n", "/b/deep/hello-world/");
	/* as hugo 0.111 builds it: every letter lower case, not only ASCII */
	assert_url("b/x.md", "title: \"Hello, World! \u00c7a va?\"\n",
		   "/b/hello-world-\xc3\xa7"
		   "a-va/");
	assert_url("c/x.md", "Slug: sl\n", "/sl/x/");
	assert_url("c/bundle/index.md", "", "/bundle/bundle/");
	assert_url("d/x.md", "title: The Title\n", "/the-title/");
	assert_url("d/x.md", "title: The Title\nslug: s\n", "/s/");
	assert_url("e/x.md", "slug: s\n", "/x/s/");
	/* no date: Go's zero time */
	assert_url("a/x.md", "", "/0001/january/01/1/monday/1/");
	/* a token Hugo knows that rrm does not model: noted, the default URL */
	assert_url("f/x.md", "", "/f/x/");
	bool noted = false;
	for (size_t i = 0; i < C.n_notes; i++)
		noted |= strstr(C.notes[i].message, ":2006") != NULL;
	assert_true(noted);
	/* url and slug, in any letter case */
	assert_url("d/x.md", "URL: /fixed/Path/\n", "/fixed/Path/");
	assert_url("z/x.md", "SLUG: other\n", "/z/other/");
	/* rrm.yml's permalink replaces Hugo's and may use Hugo's tokens */
	put("rrm.yml", "permalink:\n  a: /:section/:slugorfilename/\n");
	assert_int_equal(load(), 0);
	assert_url("a/x.md", "", "/a/x/");
	assert_url("b/deep/x.md", "title: T\n", "/b/deep/x/");
}

static void test_languages(void **state)
{
	(void)state;
	put("hugo.yaml",
	    "defaultContentLanguage: de\ndefaultContentLanguageInSubdir: true\n"
	    "languages:\n  de: {weight: 1}\n  en: {weight: 2}\n  fr: {contentDir: other/fr}\n");
	put("content/de/a.md", "---\ntitle: a\n---\n");
	put("content/en/a.md", "---\ntitle: a\n---\n");
	assert_int_equal(load(), 0);
	/* no contentDir said: content/<code>/, with a note */
	assert_string_equal(C.content_dir, "content/de");
	assert_origin("content_dir", "hugo.yaml", 3, 1);
	assert_true(C.n_notes >= 2);
	assert_int_equal(C.hugo.languages.n, 3);
	assert_url("a.md", "", "/de/a/");
	assert_url("a.en.md", "", "/en/a/");
	/* content/en/ is indexed as en's folder; fr's (other/fr) is absent: not checked */
	bool en = false, fr = false;
	for (size_t i = 0; i < C.hugo.unchecked_urls.n; i++) {
		en |= !strcmp(C.hugo.unchecked_urls.v[i], "/en/**");
		fr |= !strcmp(C.hugo.unchecked_urls.v[i], "/fr/**");
	}
	assert_true(!en && fr);
	assert_int_equal(C.n_content_roots, 2);
	assert_string_equal(C.content_roots[0].dir, "content/de");
	assert_null(C.content_roots[0].lang);
	assert_string_equal(C.content_roots[1].dir, "content/en");
	assert_string_equal(C.content_roots[1].lang, "en");
	/* a disabled language is not built: links there are checked (and dead) */
	put("hugo.yaml", "defaultContentLanguage: de\ndisableLanguages: [fr]\n"
			 "languages:\n  de: {}\n  en: {disabled: true}\n  fr: {}\n  it: {}\n");
	assert_int_equal(load(), 0);
	en = fr = false;
	bool it = false;
	for (size_t i = 0; i < C.hugo.unchecked_urls.n; i++) {
		en |= !strcmp(C.hugo.unchecked_urls.v[i], "/en/**");
		fr |= !strcmp(C.hugo.unchecked_urls.v[i], "/fr/**");
		it |= !strcmp(C.hugo.unchecked_urls.v[i], "/it/**");
	}
	assert_false(en || fr);
	assert_true(it);
	/* languages.<code>.contentDir says where the default language is */
	put("hugo.yaml",
	    "defaultContentLanguage: en\nlanguages:\n  en:\n    contentDir: content/en\n"
	    "  de: {}\n");
	assert_int_equal(load(), 0);
	assert_string_equal(C.content_dir, "content/en");
	assert_origin("content_dir", "hugo.yaml", 4, 5);
	assert_url("a.md", "", "/a/");
	assert_url("a.de.md", "", "/de/a/");
}

static void assert_content_path(const char *file, const char *want)
{
	char *rel = rrm_content_path(&C, file);
	if (!want) {
		assert_null(rel);
		return;
	}
	assert_non_null(rel);
	assert_string_equal(rel, want);
	free(rel);
}

/* The real files a content path may be, joined with ' '. */
static void assert_content_files(const char *rel, const char *want)
{
	char buf[512] = "";
	size_t k = 0;
	char *f;
	while ((f = rrm_content_file(&C, rel, &k))) {
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", buf[0] ? " " : "", f);
		free(f);
	}
	assert_string_equal(buf, want);
}

static void test_content_roots(void **state)
{
	(void)state;
	/* mounts, one for another language, one into a sub-folder of the content tree */
	put("hugo.toml",
	    "defaultContentLanguage = 'en'\n[languages.en]\n[languages.fr]\n"
	    "[[module.mounts]]\nsource = 'content'\ntarget = 'content'\n"
	    "[[module.mounts]]\nsource = 'docs-src'\ntarget = 'content/docs'\nlang = 'en'\n"
	    "[[module.mounts]]\nsource = 'content.fr'\ntarget = 'content'\nlang = 'fr'\n"
	    "[[module.mounts]]\nsource = 'readme.md'\ntarget = 'content/readme.md'\n");
	put("content/a.md", "x");
	put("docs-src/install.md", "x");
	put("content.fr/a.md", "x");
	put("readme.md", "x");
	assert_int_equal(load(), 0);
	assert_int_equal(C.n_content_roots, 3);
	assert_string_equal(C.content_dir, "content");
	assert_content_path("content/a.md", "a.md");
	assert_content_path("content/posts/b.fr.md", "posts/b.fr.md");
	assert_content_path("docs-src/install.md", "docs/install.md");
	assert_content_path("docs-src/sub/x.md", "docs/sub/x.md");
	assert_content_path("content.fr/a.md", "a.fr.md");
	assert_content_path("content.fr/b/index.md", "b/index.fr.md");
	assert_content_path("content.fr/c.fr.md", "c.fr.md");
	assert_content_path("docs-src", NULL);
	assert_content_path("other/x.md", NULL);
	assert_content_path("readme.md", NULL); /* a file mount is not read */
	assert_content_files("docs/install.md", "content/docs/install.md docs-src/install.md");
	assert_content_files("a.md", "content/a.md");
	assert_content_files("a.fr.md", "content/a.fr.md content.fr/a.md");
	assert_content_files("docs", "content/docs docs-src");
	assert_string_equal(rrm_content_language(&C, "a.fr.md"), "fr");
	assert_null(rrm_content_language(&C, "a.en.md"));
	assert_null(rrm_content_language(&C, "a.md"));
	char *t = rrm_content_translate(&C, "posts/x.md", "fr");
	assert_string_equal(t, "posts/x.fr.md");
	free(t);
	t = rrm_content_translate(&C, "posts/x.md", "en");
	assert_string_equal(t, "posts/x.md");
	free(t);
	/* the URL of a page follows its language and its place in the content tree */
	assert_url("a.fr.md", "", "/fr/a/");
	assert_url("docs/install.md", "", "/docs/install/");
	/* no language folder for fr: /fr/ is checked against a.fr.md files (none unchecked) */
	for (size_t i = 0; i < C.hugo.unchecked_urls.n; i++)
		assert_null(strstr(C.hugo.unchecked_urls.v[i], "/fr"));

	/* languages with their own contentDir, no mounts */
	put("hugo.toml",
	    "[languages.en]\ncontentDir = 'content'\n[languages.fr]\ncontentDir = 'content.fr'\n"
	    "[languages.de]\ncontentDir = 'content.de'\n");
	assert_int_equal(load(), 0);
	assert_int_equal(C.n_content_roots, 2);
	assert_string_equal(C.content_roots[0].dir, "content");
	assert_string_equal(C.content_roots[1].dir, "content.fr");
	assert_content_path("content.fr/a.md", "a.fr.md");
	bool de = false;
	for (size_t i = 0; i < C.hugo.unchecked_urls.n; i++)
		de |= !strcmp(C.hugo.unchecked_urls.v[i], "/de/**"); /* content.de is absent */
	assert_true(de);

	/* one language, no mounts: content_dir alone, as a plain site */
	put("hugo.toml", "title = 'x'\n");
	assert_int_equal(load(), 0);
	assert_int_equal(C.n_content_roots, 0);
	assert_int_equal(rrm_content_root_count(&C), 1);
	assert_content_path("content/x/y.md", "x/y.md");
	assert_content_files("x/y.md", "content/x/y.md");
	/* content_dir is a root too; rrm.yml's content_dir moves it, the mounts stay */
	put("hugo.toml", "[[module.mounts]]\nsource = 'docs-src'\ntarget = 'content/docs'\n");
	assert_int_equal(load(), 0);
	assert_int_equal(C.n_content_roots, 2);
	assert_content_path("content/a.md", "a.md");
	put("rrm.yml", "content_dir: content.fr\n");
	assert_int_equal(load(), 0);
	assert_int_equal(C.n_content_roots, 2);
	assert_content_path("content/a.md", NULL);
	assert_content_path("content.fr/a.md", "a.md");
	assert_content_path("docs-src/install.md", "docs/install.md");
	char path[128];
	snprintf(path, sizeof path, "%s/rrm.yml", dir);
	assert_int_equal(remove(path), 0);
}

static void test_mounts(void **state)
{
	(void)state;
	put("hugo.json",
	    "{\"baseURL\": \"https://example.org\", \"module\": {\"mounts\": ["
	    "{\"source\": \"docs\", \"target\": \"content\", \"sites\": {\"matrix\": "
	    "{\"languages\": [\"en\"]}}},"
	    "{\"source\": \"files\", \"target\": \"static\"},"
	    "{\"source\": \"img\", \"target\": \"static/images\"},"
	    "{\"source\": \"node_modules/x\", \"target\": \"static/x\"},"
	    "{\"source\": \"../outside\", \"target\": \"content\"},"
	    "{\"source\": \"layouts\", \"target\": \"layouts\"}]},"
	    "\"disableKinds\": [\"taxonomy\", \"RSS\"], \"enableRobotsTXT\": true,"
	    "\"cascade\": [{\"_build\": {\"render\": \"never\"}, \"_target\": {\"path\": "
	    "\"/drafts/**\"}}]}");
	put("docs/a.md", "---\ntitle: a\n---\n");
	put("files/f.txt", "x");
	put("img/i.png", "x");
	assert_int_equal(load(), 0);
	assert_string_equal(C.content_dir, "docs");
	/* positions in JSON too: the mount's source key */
	assert_origin("content_dir", "hugo.json", 1, 59);
	assert_string_equal(C.static_dir, "files");
	assert_int_equal(C.hugo.static_sources.n, 1);
	assert_string_equal(C.hugo.static_urls.v[0], "/images/");
	bool absent = false, outside = false;
	for (size_t i = 0; i < C.n_notes; i++) {
		absent |= strstr(C.notes[i].message, "node_modules/x") != NULL;
		outside |= strstr(C.notes[i].message, "outside the site") != NULL;
	}
	assert_true(absent && outside);
	assert_false(C.hugo.taxonomy_pages);
	assert_false(C.hugo.rss);
	assert_true(C.hugo.robots_txt);
	assert_true(rrm_site_excluded(&C, "drafts/x.md"));
	assert_false(rrm_site_excluded(&C, "a.md"));
	/* the index serves the mounted files and the generated pages */
	struct rrm_site s;
	rrm_site_init(&s, &C);
	rrm_site_scan_files(&s);
	size_t p;
	assert_int_equal(rrm_site_find_url(&s, "/f.txt", &p), RRM_TARGET_FILE);
	assert_int_equal(rrm_site_find_url(&s, "/images/i.png", &p), RRM_TARGET_FILE);
	assert_int_equal(rrm_site_find_url(&s, "/robots.txt", &p), RRM_TARGET_FILE);
	assert_int_equal(rrm_site_find_url(&s, "/sitemap.xml", &p), RRM_TARGET_FILE);
	assert_int_equal(rrm_site_find_url(&s, "/index.xml", &p), RRM_TARGET_NONE);
	assert_int_equal(rrm_site_find_url(&s, "/tags/", &p), RRM_TARGET_NONE);
	rrm_site_release(&s);
	/* taxonomy and term permalinks move their pages */
	put("hugo.toml", "[permalinks.taxonomy]\ntags = '/topics/'\n[permalinks.term]\n"
			 "tags = '/topics/:slug/'\n");
	char path[128];
	snprintf(path, sizeof path, "%s/hugo.json", dir);
	assert_int_equal(remove(path), 0);
	assert_int_equal(load(), 0);
	rrm_site_init(&s, &C);
	rrm_site_scan_files(&s);
	assert_int_equal(rrm_site_find_url(&s, "/topics/", &p), RRM_TARGET_FILE);
	assert_int_equal(rrm_site_find_url(&s, "/tags/", &p), RRM_TARGET_NONE);
	assert_int_equal(rrm_site_find_url(&s, "/categories/", &p), RRM_TARGET_FILE);
	rrm_site_release(&s);
	bool topics = false;
	for (size_t i = 0; i < C.hugo.unchecked_urls.n; i++)
		topics |= !strcmp(C.hugo.unchecked_urls.v[i], "/topics/?*/**");
	assert_true(topics);
}

static void test_unbuilt(void **state)
{
	(void)state;
	put("hugo.toml", "title = 'x'\n");
	assert_int_equal(load(), 0);
	struct rrm_ydoc doc;
	struct rrm_yaml_error ye;
	static const struct {
		const char *fm;
		bool unbuilt;
	} cases[] = {
		{"title: x\n", false},
		{"Draft: true\n", true},
		{"draft: false\n", false},
		{"date: 2999-01-01\n", true},
		{"publishDate: 2999-01-01\ndate: 2000-01-01\n", true},
		{"date: 2000-01-01\n", false},
		{"expiryDate: 2000-01-01\n", true},
		{"expirydate: 2999-01-01\n", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(rrm_yaml_parse(cases[i].fm, strlen(cases[i].fm), 1, &doc, &ye), 0);
		assert_int_equal(rrm_hugo_unbuilt(&C, doc.root), cases[i].unbuilt);
		rrm_ydoc_release(&doc);
	}
	put("hugo.toml", "buildDrafts = true\nbuildFuture = true\nbuildExpired = true\n");
	assert_int_equal(load(), 0);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(rrm_yaml_parse(cases[i].fm, strlen(cases[i].fm), 1, &doc, &ye), 0);
		assert_false(rrm_hugo_unbuilt(&C, doc.root));
		rrm_ydoc_release(&doc);
	}
	assert_origin("build_future", "hugo.toml", 2, 1);
}

/* The other pages a built page at `rel` makes Hugo write; none for a draft. */
static void assert_served(const char *rel, const char *fm, const char *want)
{
	struct rrm_ydoc doc;
	struct rrm_yaml_error ye;
	assert_int_equal(rrm_yaml_parse(fm, strlen(fm), 1, &doc, &ye), 0);
	struct rrm_page_meta m;
	memset(&m, 0, sizeof m);
	rrm_hugo_page_meta(&C, rel, doc.root, &m);
	char got[512] = "";
	for (size_t i = 0; i < m.n_served; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? " " : "",
			 m.served[i]);
	assert_string_equal(got, want);
	rrm_page_meta_release(&m);
	rrm_ydoc_release(&doc);
}

static void assert_terms(const char *fm, const char *want)
{
	assert_served(NULL, fm, want);
}

/* A top folder is a section with a list page, _index.md or not. */
static void test_sections(void **state)
{
	(void)state;
	put("hugo.toml", "[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n");
	assert_int_equal(load(), 0);
	assert_served("articles/first.md", "title: x\n", "/articles/");
	assert_served("Articles/a/b/first.md", "title: x\n", "/articles/");
	assert_served("articles/first.de.md", "title: x\n", "/de/articles/");
	assert_served("about.md", "title: x\n", "");
	assert_served("articles/first.md", "draft: true\n", "");
	put("hugo.toml", "uglyURLs = true\n");
	assert_int_equal(load(), 0);
	assert_served("articles/first.md", "tags: [a]\n", "/tags/a/ /articles.html");
}

static void test_terms(void **state)
{
	(void)state;
	put("hugo.toml", "title = 'x'\n");
	assert_int_equal(load(), 0);
	assert_terms("tags: [Go, Web Dev, go]\ncategories: News\n",
		     "/tags/go/ /tags/web-dev/ /categories/news/");
	assert_terms("Tags: [Café]\n", "/tags/café/");
	assert_terms("tags: [x]\ndraft: true\n", "");
	assert_terms("series: [intro]\n", ""); /* not a taxonomy of this site */
	put("hugo.toml", "baseURL = 'https://example.org/blog/'\ndisablePathToLower = true\n"
			 "[taxonomies]\nseries = 'series'\n");
	assert_int_equal(load(), 0);
	assert_terms("series: [Intro Part]\ntags: [x]\n", "/blog/series/Intro-Part/");
	put("hugo.toml", "disableKinds = ['term']\n");
	assert_int_equal(load(), 0);
	assert_terms("tags: [x]\n", "");
}

/* url: a relative one is under the language's root, an absolute one is the whole path. */
static void test_url_languages(void **state)
{
	(void)state;
	put("hugo.toml", "defaultContentLanguage = 'en'\ndefaultContentLanguageInSubdir = true\n"
			 "[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n");
	assert_int_equal(load(), 0);
	assert_url("about.md", "", "/en/about/");
	assert_url("about.md", "URL: /special-offer/\n", "/special-offer/");
	assert_url("about.md", "url: offer/\n", "/en/offer/");
	assert_url("about.de.md", "url: angebot/\n", "/de/angebot/");
	assert_url("about.de.md", "url: /angebot/\n", "/angebot/");
	struct rrm_ydoc doc;
	struct rrm_yaml_error ye;
	const char *fm = "Aliases: [/en/old.html, /older/]\n";
	assert_int_equal(rrm_yaml_parse(fm, strlen(fm), 1, &doc, &ye), 0);
	struct rrm_page_meta m;
	rrm_page_meta_from(&m, doc.root);
	rrm_hugo_page_meta(&C, NULL, doc.root, &m);
	assert_int_equal(m.n_aliases, 2);
	assert_string_equal(m.aliases[0], "/en/old.html");
	assert_string_equal(m.aliases[1], "/older/");
	rrm_page_meta_release(&m);
	rrm_ydoc_release(&doc);
}

static void test_errors(void **state)
{
	(void)state;
	put("hugo.toml", "a = 1\nb = \n");
	assert_int_equal(load(), -1);
	assert_non_null(strstr(E.file, "/hugo.toml"));
	assert_int_equal(E.line, 2);
	assert_int_equal(E.column, 5);
	assert_non_null(strstr(E.message, "TOML syntax"));
	put("hugo.toml", "title = 'x'\n");
	put("config/_default/params.yaml", "- a list\n");
	assert_int_equal(load(), -1);
	assert_non_null(strstr(E.file, "config/_default/params.yaml"));
	assert_int_equal(E.line, 1);
	put("config/_default/params.yaml", "a: 1\n");
	put("config/production/hugo.json", "[1,\n 2,, 3]");
	assert_int_equal(load(), -1);
	assert_int_equal(E.line, 2);
	assert_non_null(strstr(E.message, "JSON syntax"));
}

static void test_netlify(void **state)
{
	(void)state;
	put("netlify.toml",
	    "[build]\ncommand = 'hugo'\n\n[[redirects]]\nfrom = '/old/*'\nto = '/new/:splat'\n"
	    "\n[[redirects]]\n  from = \"/x\"\n  to = \"/y\"\n");
	put("rrm.yml", "");
	assert_int_equal(load(), 0);
	assert_int_equal(C.redirects_from.n, 2);
	assert_string_equal(C.redirects_from.v[0], "/old/*");
	assert_int_equal(C.redirects_from.pos[0].line, 5);
	assert_int_equal(C.redirects_from.pos[0].column, 8);
	assert_string_equal(C.redirects_from.v[1], "/x");
	assert_int_equal(C.redirects_from.pos[1].line, 9);
	assert_int_equal(C.redirects_from.pos[1].column, 10);
	put("netlify.toml", "[[redirects]]\nfrom = \n");
	assert_int_equal(load(), -1);
	assert_int_equal(E.line, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_keys_and_origins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_languages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mounts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_content_roots, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unbuilt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_terms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_languages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_netlify, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
