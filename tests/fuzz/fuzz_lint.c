/*
 * fuzz_lint - one article linted by the lint engine (lint/run.h) from its
 * text, as `rrm lint` lints it, against the index of a small site made once
 * in a temporary folder: front-matter rules, spelling (rrm_words and a
 * hunspell speller with en_GB, house words and a reject list), duplicate
 * heading ids, duplicate URLs, rrm-disable comments, and every link checked
 * against the site index, once with Hugo's rules and once with Jekyll's.
 * Every finding must point inside the article; the findings, sorted and
 * fingerprinted by the engine, are then reported as text and JSON.
 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "lib/anchor.h"
#include "lib/article.h"
#include "lib/config.h"
#include "lib/diag.h"
#include "lib/site.h"
#include "lib/spell.h"
#include "lib/util.h"
#include "lint/lint.h"
#include "lint/run.h"

static const char CONFIG_HUGO[] =
	"base_url: https://example.org\n"
	"permalink:\n  posts: /:year/:month/:slug/\n  default: /:path/\n"
	"anchors: hugo\ndefinition_ids: true\nlanguage: [en_GB]\n"
	"dictionaries: [dict/house.dic]\nexclude: [\"drafts/**\"]\nignore_links: [\"/api/**\"]\n"
	"spelling:\n  fields: [title, excerpt, tags]\n  words_field: spelling\n  variant: ise\n"
	"  reject: dict/reject.txt\n"
	"front_matter:\n  required: [title, date]\n  unknown_keys: warning\n  fields:\n"
	"    title: {type: string, min_length: 3, max_length: 120}\n"
	"    date: {type: datetime}\n    updated: {type: date}\n    author: {type: string}\n"
	"    categories: {type: list, items: string, allowed: [News, Analysis]}\n"
	"    tags: {type: list, items: string, min_items: 1, max_items: 5}\n"
	"    excerpt: {type: string, max_length: 300}\n    draft: {type: bool}\n"
	"    weight: {type: int}\n    score: {type: number}\n    link: {type: url}\n"
	"    params: {type: map}\n    spelling: {type: list}\n    url: {type: string}\n"
	"    aliases: {type: list, items: string}\n"
	"    slug: {type: string, pattern: \"^[a-z0-9]+(-[a-z0-9]+)*$\"}\n"
	"style:\n  repeated_words: warning\n  quotes: curly\n  names: warning\n"
	"rules:\n  link/case: error\n  link/duplicate-id: warning\n  link/alias: warning\n";

static const char CONFIG_JEKYLL[] =
	"base_url: http://www.example.org\npermalink: /:year/:month/:day/:title.html\n"
	"anchors: jekyll\nlowercase_urls: false\n";

struct file {
	const char *path, *text;
};

static const struct file FILES[] = {
	{"dict/house.dic", "Araghchi\nal-Muhandis\nrrm\nHezbollah\n"},
	{"dict/reject.txt", "# always wrong\nDaesh -> ISIS\nalright\n"},
	{"content/_index.md", "---\ntitle: Home\n---\n# Welcome\n"},
	{"content/posts/2024/05/first.md",
	 "---\ntitle: First post\ndate: 2024-05-06\naliases: [/old/first/]\n---\n"
	 "## Intro\n\nText.\n\n## Details {#custom}\n\n<a id=\"here\"></a>\n\nTerm\n: Meaning\n"},
	{"content/posts/2024/06/second/index.md",
	 "---\ntitle: Second post\ndate: 2024-06-01\nslug: second\n---\n# Second\n\n![x](image.png)\n"},
	{"content/posts/2024/06/second/image.png", ""},
	{"content/posts/2024/06/old.md",
	 "---\ntitle: Old\ndate: 2024-06-02\ndraft: true\n---\n# Old\n"},
	{"content/docs/guide.md",
	 "---\ntitle: Guide\n---\n# Getting started\n## Step one\n## Step one\n"},
	{"content/drafts/wip.md", "---\ntitle: WIP\n---\n"},
	{"static/img/logo.png", ""},
	{"static/files/Report.pdf", ""},
	{"static/_redirects",
	 "# old paths\n/legacy/* /x 301\n/news/:year/:slug /n 302!\n/shop /store\n"},
};

#define FUZZ_REL "posts/2024/07/fuzz.md"
#define FUZZ_FILE "content/" FUZZ_REL

/* One site: its configuration and an engine session holding its index. */
struct site_data {
	struct rrm_config c;
	struct rrm_lint_options o;
	struct rrm_lint_session *s;
};

static char root[64];
static struct site_data hugo, jekyll;

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void remove_site(void)
{
	if (root[0])
		nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	root[0] = '\0';
}

static void write_file(const char *rel, const char *text)
{
	char *path = rrm_path_join(root, rel);
	for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	FILE *f = fopen(path, "w");
	CHECK(f && fputs(text, f) >= 0 && fclose(f) == 0, "cannot write %s", path);
	free(path);
}

static void load_site(struct site_data *s, const char *config)
{
	struct rrm_config_error err;
	CHECK(rrm_config_load_text(&s->c, root, "rrm.yml", config, strlen(config), &err) == 0,
	      "fixed config: %s", err.message);
	rrm_config_error_release(&err);
	s->o = (struct rrm_lint_options){.jobs = 1, .start = root};
	s->s = rrm_lint_session_new(&s->c, &s->o);
	struct rrm_lint_error lerr = {0};
	CHECK(rrm_lint_session_index(s->s, &lerr) == 0, "index: %s", lerr.message);
}

/*
 * The sites of runs that crashed (a crash skips atexit, and libFuzzer owns
 * the sanitizers' death callback): a site's folder is named after its
 * process, so one whose process is gone is removed when the next run starts.
 */
static void remove_stale_sites(void)
{
	DIR *d = opendir("/tmp");
	struct dirent *e;
	while (d && (e = readdir(d))) {
		long pid;
		char rest;
		if (sscanf(e->d_name, "rrm-fuzz-lint-%ld%c", &pid, &rest) != 1 || pid <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char path[300];
		snprintf(path, sizeof path, "/tmp/%s", e->d_name);
		nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	}
	if (d)
		closedir(d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	remove_stale_sites();
	snprintf(root, sizeof root, "/tmp/rrm-fuzz-lint-%ld", (long)getpid());
	CHECK(mkdir(root, 0700) == 0, "mkdir %s", root);
	atexit(remove_site);
	for (size_t i = 0; i < sizeof FILES / sizeof *FILES; i++)
		write_file(FILES[i].path, FILES[i].text);
	write_file("rrm.yml", CONFIG_HUGO);
	write_file("content/posts/2024/07/notes.txt", "the fuzzed article's folder\n");
	load_site(&hugo, CONFIG_HUGO);
	load_site(&jekyll, CONFIG_JEKYLL);
	return 0;
}

struct words {
	const char *text;
	size_t len, last;
};

static void on_word(void *ctx, size_t off, size_t len, unsigned flags)
{
	struct words *w = ctx;
	CHECK(len > 0 && off >= w->last && off + len <= w->len, "word %zu+%zu of %zu (after %zu)",
	      off, len, w->len, w->last);
	CHECK(((unsigned char)w->text[off] & 0xc0) != 0x80, "a word starts inside a character");
	CHECK(off + len == w->len || ((unsigned char)w->text[off + len] & 0xc0) != 0x80,
	      "a word ends inside a character");
	CHECK(flags <= (RRM_WORD_SENTENCE_START | RRM_WORD_DOT), "word flags %u", flags);
	w->last = off + len;
}

static void check_findings(const struct rrm_sink *s, size_t from, const struct rrm_article *a,
			   const char *display)
{
	for (size_t i = from; i < s->n; i++) {
		const struct rrm_finding *f = &s->items[i];
		CHECK(f->message && f->path, "finding without message or path");
		CHECK((unsigned)f->rule < RRM_RULE_COUNT && f->severity != RRM_SEV_OFF, "rule %d",
		      (int)f->rule);
		if (f->rule == RRM_RULE_SITE_DUPLICATE_URL && strcmp(f->path, display))
			continue; /* on a fixed article */
		CHECK(!strcmp(f->path, display), "finding on '%s'", f->path);
		const char *id = rrm_rules[f->rule].id;
		CHECK(f->line >= 1 && (size_t)f->line <= a->n_lines, "%s: line %d of %zu: %s", id,
		      f->line, a->n_lines, f->message);
		CHECK(f->column >= 1, "%s: column %d: %s", id, f->column, f->message);
		size_t at = rrm_article_offset(a, f->line, f->column);
		int l, c;
		rrm_article_pos(a, at, &l, &c);
		CHECK(l == f->line && c == f->column, "%s: %d:%d is not in the file (%d:%d): %s",
		      id, f->line, f->column, l, c, f->message);
		/*
		 * Known: link/ findings carry the offset in the text without its BOM
		 * (src/lint/links.c reports rrm_link.offset as it is); see README.md.
		 */
		bool links_bom = a->bom && f->rule >= RRM_RULE_LINK_DEAD && f->offset == at;
		CHECK(f->offset == rrm_article_file_offset(a, at) || links_bom,
		      "%s: %d:%d is offset %zu, not %zu: %s", id, f->line, f->column,
		      rrm_article_file_offset(a, at), f->offset, f->message);
		/*
		 * An end is only checked for order: link/ findings end where the
		 * decoded destination would (src/lint/links.c), and front-matter/missing
		 * spans the "---" it expects even when line 1 is shorter.
		 */
		if (f->end_line) {
			CHECK(f->end_line > f->line ||
				      (f->end_line == f->line && f->end_column >= f->column),
			      "%s: ends at %d:%d before %d:%d: %s", id, f->end_line, f->end_column,
			      f->line, f->column, f->message);
			CHECK((size_t)f->end_line <= a->n_lines, "%s: ends on line %d of %zu: %s",
			      id, f->end_line, a->n_lines, f->message);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	char *abs = rrm_path_join(root, FUZZ_FILE);
	const char *display = FUZZ_FILE;

	/*
	 * The tokenizer on the raw input, NUL-terminated as lint's prose runs
	 * are (rrm_words reads a little past `len`: see README.md).
	 */
	bool nul;
	if (rrm_utf8_check(src, size, &nul) == size) {
		char *text = rrm_strndup(src, size);
		struct words w = {text, size, 0};
		rrm_words(text, size, on_word, &w);
		free(text);
	}

	/* the article as the findings are checked against it */
	struct rrm_article a;
	unsigned flags = RRM_ARTICLE_FRONT_MATTER | RRM_ARTICLE_BODY | RRM_ARTICLE_PROSE;
	enum rrm_load_status st = rrm_article_load_mem(&a, abs, src, size, flags);

	/* the engine, with each site's rules */
	struct site_data *sites[] = {&hugo, &jekyll};
	for (size_t k = 0; k < 2; k++) {
		struct rrm_sink sink;
		rrm_sink_init(&sink);
		struct rrm_lint_error err = {0};
		CHECK(rrm_lint_session_lint(sites[k]->s, FUZZ_FILE, src, size, &sink, &err) == 0,
		      "lint: %s", err.message);
		if (st != RRM_LOAD_OK) {
			CHECK(sink.n == 1, "%zu findings for a file that did not load", sink.n);
		} else {
			check_findings(&sink, 0, &a, display);
			/* As the command line ends a run. */
			struct rrm_report_options ro = {
				.files = 1, .version = "fuzz", .start = root, .repo_root = root};
			struct rrm_buf out;
			rrm_buf_init(&out);
			rrm_report_text(&sink, &ro, &out);
			rrm_report_json(&sink, &ro, &out);
			rrm_buf_release(&out);
		}
		rrm_sink_release(&sink);
	}
	rrm_article_release(&a);
	free(abs);
	return 0;
}
