#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "lib/file.h"
#include "lib/util.h"

const struct rrm_opt init_opts[] = {
	{OPT_END, NULL, 0, NULL, NULL},
};

const struct rrm_command rrm_cmd_init = {
	"init",
	cmd_init,
	init_opts,
	"[DIR]",
	"create a new site: rrm.yml, folders, dictionary, template",
	"Creates rrm.yml (every key, with the house schema), content/, static/,\n"
	"dict/house.dic, templates/post.md and a .pre-commit-config.yaml in DIR (default:\n"
	"here). Nothing is written when any of these files exists (exit 1)."};

static const char rrm_yml[] =
	"# rrm.yml: the configuration of `rrm`, the article linter (see rrm.yml(5)).\n"
	"# Every key is optional; each is shown with its default unless noted.\n"
	"\n"
	"# The address the site is published at: absolute links to it are internal.\n"
	"# base_url: https://example.org\n"
	"\n"
	"# Where the articles live, and the folder served at \"/\".\n"
	"content_dir: content\n"
	"static_dir: static\n"
	"\n"
	"# How an article's URL is made (tokens: :year :month :day :slug :title\n"
	"# :section :collection :filename :path), or a map from section to pattern.\n"
	"permalink: /:year/:month/:slug/\n"
	"\n"
	"# How headings become #anchors: hugo | hugo-ascii | hugo-blackfriday |\n"
	"# jekyll | kramdown | github.\n"
	"anchors: hugo\n"
	"# Hugo's autoDefinitionTermID: definition-list terms get ids too.\n"
	"definition_ids: false\n"
	"# Links go through a render hook that looks pages up (Hugo's GetPage).\n"
	"link_render_hook: false\n"
	"\n"
	"# Link targets served by something else, never reported (globs).\n"
	"ignore_links: []\n"
	"# Files under content_dir that are not articles (globs).\n"
	"exclude: []\n"
	"\n"
	"# The time zone of dates in URLs and of `rrm new`.\n"
	"timezone: UTC\n"
	"\n"
	"# Spelling: hunspell dictionaries, and the house word lists.\n"
	"language: [en_GB]\n"
	"dictionaries: [dict/*.dic]\n"
	"spelling:\n"
	"  fields: [title, excerpt, description]  # front matter that is prose\n"
	"  words_field: spelling                  # an article's own accepted words\n"
	"  acronyms: skip                         # NATO, PMF: skip | check\n"
	"  variant: ise                           # flag \"organize\" for \"organise\" (off | ise)\n"
	"  # reject: dict/reject.txt              # words always wrong, as \"Daesh -> ISIS\"\n"
	"  skip_title_case_midsentence: false\n"
	"\n"
	"# House style, each rule off unless set (off | warning | error).\n"
	"style:\n"
	"  names: warning                         # Gaddafi and Qaddafi in one article\n"
	"  repeated_words: warning                # \"the the\"\n"
	"  prefer:                                # written form: house form\n"
	"    \"U.S.\": US\n"
	"    percent: per cent\n"
	"  quotes: curly                          # straight quotes reported (curly | straight | off)\n"
	"\n"
	"# The front-matter schema of every article.\n"
	"front_matter:\n"
	"  required: [title, date, author]\n"
	"  unknown_keys: warning                  # off | warning | error\n"
	"  fields:\n"
	"    title:      {type: string, max_length: 120}\n"
	"    date:       {type: datetime}\n"
	"    author:     {type: string}\n"
	"    categories: {type: list, items: string, allowed: [News, Analysis, Opinion], default: [News]}\n"
	"    tags:       {type: list, items: string, max_items: 10, default: []}\n"
	"    excerpt:    {type: string, max_length: 300}\n"
	"    draft:      {type: bool, default: false}\n"
	"    slug:       {type: string, pattern: \"^[a-z0-9]+(-[a-z0-9]+)*$\"}\n"
	"\n"
	"# Severity of any rule: off | warning | error (rules are listed in rrm-lint(1)).\n"
	"rules:\n"
	"  spelling/unknown-word: error\n"
	"\n"
	"# `rrm new`: where new articles go, from which template, by whom.\n"
	"new:\n"
	"  path: content/posts/:year/:month/:slug.md\n"
	"  template: templates/post.md\n"
	"  # author: Staff Writer                 # default: git's user.name\n"
	"  slug_max: 60\n";

static const char house_dic[] =
	"# The house dictionary: words rrm's spelling check accepts on this site.\n"
	"# One word a line, UTF-8; a word with a capital accepts only capitalised\n"
	"# uses; lines starting with # are comments. Keep it sorted with\n"
	"# `rrm dict add WORD` and check it with `rrm dict check`.\n";

static const char post_md[] = "---\n"
			      "title: {{title}}\n"
			      "date: {{date}}\n"
			      "author: {{author}}\n"
			      "slug: {{slug}}\n"
			      "categories: [News]\n"
			      "tags: []\n"
			      "draft: false\n"
			      "---\n"
			      "\n"
			      "The first paragraph says what happened, and why it matters.\n";

static const char pre_commit[] =
	"# pre-commit (https://pre-commit.com) runs rrm on the articles you commit.\n"
	"repos:\n"
	"  - repo: local\n"
	"    hooks:\n"
	"      - id: rrm\n"
	"        name: rrm lint\n"
	"        entry: rrm lint\n"
	"        language: system\n"
	"        files: \\.(md|markdown)$\n";

static const struct {
	const char *path, *text;
} files[] = {
	{"rrm.yml", rrm_yml},
	{"dict/house.dic", house_dic},
	{"templates/post.md", post_md},
	{".pre-commit-config.yaml", pre_commit},
};
static const char *const folders[] = {"content", "static", "dict", "templates"};

int cmd_init(int argc, char **argv, struct rrm_common *common)
{
	int nops = 0;
	int rc = rrm_parse_options(&rrm_cmd_init, argc, argv, common, NULL, NULL, &nops);
	if (rc)
		return rc == 1 ? RRM_EXIT_OK : rc;
	if (nops > 1) {
		rrm_error("init: give at most one folder");
		return RRM_EXIT_USAGE;
	}
	if ((rc = rrm_apply_dir(common)))
		return rc;
	const char *dir = nops ? argv[0] : ".";
	size_t nf = sizeof files / sizeof *files;
	/* nothing is written when anything is in the way */
	int existing = 0;
	for (size_t i = 0; i < nf; i++) {
		char *p = strcmp(dir, ".") ? rrm_path_join(dir, files[i].path)
					   : rrm_strdup(files[i].path);
		struct stat st;
		if (lstat(p, &st) == 0) {
			fprintf(stderr, "rrm: init: %s exists\n", p);
			existing++;
		}
		free(p);
	}
	if (existing) {
		rrm_error("init: nothing written: %d file%s would be overwritten", existing,
			  existing == 1 ? "" : "s");
		return RRM_EXIT_FINDINGS;
	}
	for (size_t i = 0; i < sizeof folders / sizeof *folders; i++) {
		char *p = rrm_path_join(dir, folders[i]);
		int e = rrm_make_dirs(p);
		if (e) {
			rrm_error("init: cannot create %s: %s", p, strerror(e));
			free(p);
			return RRM_EXIT_USAGE;
		}
		free(p);
	}
	for (size_t i = 0; i < nf; i++) {
		char *p = strcmp(dir, ".") ? rrm_path_join(dir, files[i].path)
					   : rrm_strdup(files[i].path);
		int e = rrm_file_create(p, files[i].text, strlen(files[i].text));
		if (e) {
			rrm_error("init: cannot create %s: %s", p, strerror(e));
			free(p);
			return e == EEXIST ? RRM_EXIT_FINDINGS : RRM_EXIT_USAGE;
		}
		char *abs = rrm_path_absolute(p, NULL);
		char *shown = rrm_path_relative(abs, common->start);
		printf("%s\n", shown);
		free(shown);
		free(abs);
		free(p);
	}
	return RRM_EXIT_OK;
}
