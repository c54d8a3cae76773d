/* rrm - the article linter of Red Revolution Media: global options and the command table. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/article.h"
#include "lib/json.h"
#include "lib/spell.h"
#include "lib/toml.h"
#include "lib/util.h"
#include "lib/yaml.h"

extern const struct rrm_opt lint_opts[], new_opts[], init_opts[], dict_opts[], config_opts[];
static const struct rrm_opt no_opts[] = {{OPT_END, NULL, 0, NULL, NULL}};

const struct rrm_command rrm_commands[] = {
	{"lint", cmd_lint, lint_opts, "[OPTIONS] [PATH...]",
	 "check articles: front matter, spelling and links",
	 "Checks every article under the site's content_dir, or the files and folders\n"
	 "given, and reports each finding as path:line:col: severity: message [rule].\n"
	 "Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage or\n"
	 "configuration error."},
	{"new", cmd_new, new_opts, "[OPTIONS] TITLE",
	 "create an article from the site's template or schema",
	 "Creates the article TITLE at new.path of rrm.yml, from new.template or the\n"
	 "front-matter schema, with its slug, date and author, and prints its path.\n"
	 "It never overwrites a file and refuses a slug or URL another article has\n"
	 "(exit 1); the new front matter passes rrm lint."},
	{"init", cmd_init, init_opts, "[DIR]",
	 "create a new site: rrm.yml, folders, dictionary, template",
	 "Creates rrm.yml (every key, with the house schema), content/, static/,\n"
	 "dict/house.dic, templates/post.md and a .pre-commit-config.yaml in DIR (default:\n"
	 "here). Nothing is written when any of these files exists (exit 1)."},
	{"dict", cmd_dict, dict_opts, "add [OPTIONS] WORD... | add --from-lint [PATH...] | check",
	 "keep the house dictionary: add words, check it",
	 "add: adds WORDs (or, with --from-lint, every word rrm lint reports as unknown\n"
	 "in PATHs) to the house dictionary, sorted (case-folded, then byte order),\n"
	 "without repeats, keeping its comments; the file is replaced atomically.\n"
	 "check: reports repeated words, lines out of order, and words the system\n"
	 "dictionaries know already (exit 1 when there are any)."},
	{"config", cmd_config, config_opts, "[--format FORMAT]",
	 "print the effective configuration and where each value came from",
	 "Prints every setting rrm uses for this site, one a line as\n"
	 "origin key = value: the origin is file:line:col in rrm.yml or the\n"
	 "generator's configuration (hugo.toml, config/_default/hugo.yaml, ...), or\n"
	 "default. Then the notes: settings of the generator rrm cannot honour."},
	{"help", cmd_help, no_opts, "[COMMAND]", "show help for rrm or a command",
	 "Shows the help of COMMAND, or of rrm itself."},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};

const struct rrm_command *rrm_command_find(const char *name)
{
	for (const struct rrm_command *c = rrm_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int cmd_help(int argc, char **argv, struct rrm_common *common)
{
	(void)common;
	if (argc == 0) {
		rrm_print_main_help();
		return RRM_EXIT_OK;
	}
	const struct rrm_command *c = rrm_command_find(argv[0]);
	if (!c) {
		rrm_error("help: no such command '%s'", argv[0]);
		return RRM_EXIT_USAGE;
	}
	rrm_print_help(c);
	return RRM_EXIT_OK;
}

static void print_version(void)
{
	printf("rrm %s\n", RRM_VERSION);
	printf("cmark %s\n", rrm_cmark_version());
	printf("libyaml %s\n", rrm_yaml_version());
	printf("hunspell %s\n", rrm_hunspell_version());
	printf("utf8proc %s\n", rrm_utf8proc_version());
	printf("toml++ %s\n", rrm_toml_version());
	printf("jansson %s\n", rrm_json_version());
}

/* Prints every option of every command, for the tests that keep docs in step. */
static void dump_options(void)
{
	for (const struct rrm_opt *o = rrm_common_opts; o->id != OPT_END; o++)
		printf("common %s %c\n", o->long_name ? o->long_name : "-",
		       o->short_name ? o->short_name : '-');
	printf("global version V\n");
	for (const struct rrm_command *c = rrm_commands; c->name; c++)
		for (const struct rrm_opt *o = c->opts; o->id != OPT_END; o++)
			printf("%s %s %c\n", c->name, o->long_name ? o->long_name : "-",
			       o->short_name ? o->short_name : '-');
}

static void out_of_memory(void)
{
	static const char msg[] = "rrm: out of memory\n";
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
		/* nothing more can be done */
	}
	_exit(RRM_EXIT_USAGE);
}

/* src/oom.cc: the same for hunspell's C++ allocations. */
void rrm_cxx_on_bad_alloc(void (*handler)(void));

int main(int argc, char **argv)
{
	rrm_set_oom_handler(out_of_memory);
	rrm_cxx_on_bad_alloc(out_of_memory);
	char start[PATH_MAX];
	if (!getcwd(start, sizeof start)) {
		rrm_error("cannot find the current directory");
		return RRM_EXIT_USAGE;
	}
	struct rrm_common common = {NULL, -1, start};
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			rrm_print_main_help();
			return RRM_EXIT_OK;
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			print_version();
			return RRM_EXIT_OK;
		} else if (!strcmp(a, "--dump-options")) {
			dump_options();
			return RRM_EXIT_OK;
		} else if (!strcmp(a, "-C") && i + 1 < argc) {
			common.dir = argv[++i];
		} else if (!strncmp(a, "-C", 2) && a[2]) {
			common.dir = a + 2;
		} else if (!strcmp(a, "--color") && i + 1 < argc) {
			a = argv[++i];
			goto color;
		} else if (!strncmp(a, "--color=", 8)) {
			a += 8;
		color:
			if (!strcmp(a, "auto"))
				common.color = -1;
			else if (!strcmp(a, "always"))
				common.color = 1;
			else if (!strcmp(a, "never"))
				common.color = 0;
			else {
				rrm_error("--color: '%s' is not one of auto, always, never", a);
				return RRM_EXIT_USAGE;
			}
		} else {
			rrm_error("unknown option '%s' (see 'rrm --help')", a);
			return RRM_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		rrm_print_main_help();
		return RRM_EXIT_USAGE;
	}
	const struct rrm_command *c = rrm_command_find(argv[i]);
	if (!c) {
		rrm_error("'%s' is not an rrm command (see 'rrm --help')", argv[i]);
		return RRM_EXIT_USAGE;
	}
	return c->fn(argc - i - 1, argv + i + 1, &common);
}
