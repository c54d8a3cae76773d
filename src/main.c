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

static const struct rrm_opt no_opts[] = {{OPT_END, NULL, 0, NULL, NULL}};

const struct rrm_command rrm_cmd_help = {"help",
					 cmd_help,
					 no_opts,
					 "[COMMAND]",
					 "show help for rrm or a command",
					 "Shows the help of COMMAND, or of rrm itself."};

const struct rrm_command *const rrm_commands[] = {
	&rrm_cmd_lint, &rrm_cmd_new,    &rrm_cmd_mv,  &rrm_cmd_publish, &rrm_cmd_init,
	&rrm_cmd_dict, &rrm_cmd_config, &rrm_cmd_lsp, &rrm_cmd_help,    NULL,
};

const struct rrm_command *rrm_command_find(const char *name)
{
	for (const struct rrm_command *const *c = rrm_commands; *c; c++)
		if (!strcmp((*c)->name, name))
			return *c;
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

static void dump_table(const char *scope, const struct rrm_opt *opts)
{
	for (const struct rrm_opt *o = opts; o->id != OPT_END; o++)
		if (o->help)
			printf("%s %s %c %s\n", scope, o->long_name ? o->long_name : "-",
			       o->short_name ? o->short_name : '-', o->arg ? o->arg : "-");
}

/*
 * Prints every option of every command, one a line as "SCOPE LONG SHORT ARG"
 * ("-" for none; SCOPE is common, global or the command; hidden options are
 * left out), for the test that keeps the docs in step (tests/e2e/options.bats).
 */
static void dump_options(void)
{
	dump_table("common", rrm_common_opts);
	dump_table("global", rrm_global_opts);
	for (const struct rrm_command *const *c = rrm_commands; *c; c++)
		dump_table((*c)->name, (*c)->opts);
}

static int on_global_opt(int id, const char *value, void *data)
{
	(void)value;
	(void)data;
	if (id == OPT_VERSION)
		print_version();
	else if (id == OPT_DUMP_OPTIONS)
		dump_options();
	return 1; /* done */
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
	int used;
	int rc = rrm_parse_global_options(argc - 1, argv + 1, &common, on_global_opt, NULL, &used);
	if (rc)
		return rc == 1 ? RRM_EXIT_OK : rc;
	int i = 1 + used;
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
