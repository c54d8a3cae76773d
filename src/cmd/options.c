#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/diag.h"
#include "lib/util.h"

const struct rrm_opt rrm_common_opts[] = {
	{OPT_DIR, NULL, 'C', "DIR", "run as if rrm was started in DIR"},
	{OPT_COLOR, "color", 0, "WHEN", "colour output: auto (default), always or never"},
	{OPT_HELP, "help", 'h', NULL, "show this help and exit"},
	{OPT_END, NULL, 0, NULL, NULL},
};

const struct rrm_opt rrm_global_opts[] = {
	{OPT_VERSION, "version", 'V', NULL, "print the versions of rrm and its libraries"},
	{OPT_DUMP_OPTIONS, "dump-options", 0, NULL, NULL}, /* hidden: for the tests */
	{OPT_END, NULL, 0, NULL, NULL},
};

void rrm_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("rrm: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static const struct rrm_opt *find_long(const struct rrm_opt *opts, const char *name, size_t len)
{
	for (const struct rrm_opt *o = opts; o && o->id != OPT_END; o++)
		if (o->long_name && strlen(o->long_name) == len &&
		    !strncmp(o->long_name, name, len))
			return o;
	return NULL;
}

static const struct rrm_opt *find_short(const struct rrm_opt *opts, char c)
{
	for (const struct rrm_opt *o = opts; o && o->id != OPT_END; o++)
		if (o->short_name && o->short_name == c)
			return o;
	return NULL;
}

static int common_opt(struct rrm_common *common, int id, const char *value)
{
	if (id == OPT_DIR) {
		common->dir = value;
	} else if (id == OPT_COLOR) {
		if (!strcmp(value, "auto"))
			common->color = -1;
		else if (!strcmp(value, "always"))
			common->color = 1;
		else if (!strcmp(value, "never"))
			common->color = 0;
		else {
			rrm_error("--color: '%s' is not one of auto, always, never", value);
			return RRM_EXIT_USAGE;
		}
	}
	return 0;
}

/*
 * A usage error of option word `arg`. Before the command (cmd NULL) every
 * error is "unknown option" with the whole word, as rrm(1) has always said.
 */
static int usage_error(const struct rrm_command *cmd, const char *arg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int usage_error(const struct rrm_command *cmd, const char *arg, const char *fmt, ...)
{
	if (!cmd) {
		rrm_error("unknown option '%s' (see 'rrm --help')", arg);
		return RRM_EXIT_USAGE;
	}
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "rrm: %s: ", cmd->name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return RRM_EXIT_USAGE;
}

/*
 * The one option parser: a command's options (cmd) or, with cmd NULL, the
 * global options before the command, where the first word that does not
 * start with '-' ends the options and "-" and "--" are unknown options.
 */
static int parse(const struct rrm_command *cmd, int argc, char **argv, struct rrm_common *common,
		 int (*on_opt)(int id, const char *value, void *data), void *data, int *n_operands)
{
	const struct rrm_opt *opts = cmd ? cmd->opts : rrm_global_opts;
	int nops = 0;
	bool only_operands = false;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		if (!cmd && a[0] != '-') {
			*n_operands = i;
			return 0;
		}
		if (cmd && (only_operands || a[0] != '-' || !strcmp(a, "-"))) {
			argv[nops++] = a;
			continue;
		}
		if (cmd && !strcmp(a, "--")) {
			only_operands = true;
			continue;
		}
		const struct rrm_opt *o;
		const char *value = NULL;
		char shown[64];
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			o = find_long(opts, name, len);
			if (!o)
				o = find_long(rrm_common_opts, name, len);
			if (!o)
				return usage_error(cmd, a,
						   "unknown option '--%.*s' (see 'rrm %s --help')",
						   (int)len, name, cmd ? cmd->name : "");
			snprintf(shown, sizeof shown, "--%s", o->long_name);
			if (eq) {
				if (!o->arg)
					return usage_error(cmd, a, "option '%s' takes no value",
							   shown);
				value = eq + 1;
			} else if (o->arg && o->arg[0] == '[') {
				value = ""; /* an optional value is given only as --opt=VALUE */
			}
		} else {
			o = find_short(opts, a[1]);
			if (!o)
				o = find_short(rrm_common_opts, a[1]);
			if (!o)
				return usage_error(cmd, a,
						   "unknown option '-%c' (see 'rrm %s --help')",
						   a[1], cmd ? cmd->name : "");
			snprintf(shown, sizeof shown, "-%c", a[1]);
			if (a[2]) {
				if (!o->arg)
					return usage_error(cmd, a, "option '%s' takes no value",
							   shown);
				value = a + 2;
			}
		}
		if (o->arg && !value && o->arg[0] != '[') {
			if (i + 1 >= argc)
				return usage_error(cmd, a, "option '%s' needs a value (%s)", shown,
						   o->arg);
			value = argv[++i];
		}
		if (o->id == OPT_HELP) {
			if (cmd)
				rrm_print_help(cmd);
			else
				rrm_print_main_help();
			return 1;
		}
		int rc = (o->id == OPT_DIR || o->id == OPT_COLOR) ? common_opt(common, o->id, value)
								  : on_opt(o->id, value, data);
		if (rc)
			return rc;
	}
	*n_operands = cmd ? nops : argc;
	return 0;
}

int rrm_parse_options(const struct rrm_command *cmd, int argc, char **argv,
		      struct rrm_common *common,
		      int (*on_opt)(int id, const char *value, void *data), void *data,
		      int *n_operands)
{
	return parse(cmd, argc, argv, common, on_opt, data, n_operands);
}

int rrm_parse_global_options(int argc, char **argv, struct rrm_common *common,
			     int (*on_opt)(int id, const char *value, void *data), void *data,
			     int *n_used)
{
	return parse(NULL, argc, argv, common, on_opt, data, n_used);
}

static void print_opts(const struct rrm_opt *opts)
{
	for (const struct rrm_opt *o = opts; o->id != OPT_END; o++) {
		if (!o->help)
			continue; /* hidden */
		char left[64];
		bool optional = o->arg && o->arg[0] == '[';
		if (!o->long_name)
			snprintf(left, sizeof left, "-%c %s", o->short_name, o->arg ? o->arg : "");
		else if (optional)
			snprintf(left, sizeof left, "    --%s%s", o->long_name, o->arg);
		else if (o->short_name)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->long_name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->long_name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		printf("  %-24s %s\n", left, o->help);
	}
}

void rrm_print_help(const struct rrm_command *cmd)
{
	printf("usage: rrm %s %s\n\n%s\n\n", cmd->name, cmd->usage, cmd->details);
	if (cmd->opts && cmd->opts[0].id != OPT_END) {
		puts("Options:");
		print_opts(cmd->opts);
		putchar('\n');
	}
	puts("Common options:");
	print_opts(rrm_common_opts);
	printf("\nSee rrm-%s(1) for details.\n", cmd->name);
}

void rrm_print_main_help(void)
{
	puts("usage: rrm [-C DIR] [--color WHEN] COMMAND [ARGS]\n"
	     "       rrm -V | --version\n"
	     "       rrm -h | --help\n\n"
	     "rrm checks the articles of a static site: front matter against the site's\n"
	     "schema, spelling and internal links, configured in rrm.yml.\n\n"
	     "Commands:");
	for (const struct rrm_command *const *c = rrm_commands; *c; c++)
		printf("  %-8s %s\n", (*c)->name, (*c)->summary);
	puts("\nGlobal options:");
	print_opts(rrm_common_opts);
	print_opts(rrm_global_opts);
	puts("\nRun 'rrm help COMMAND' for a command's options; see rrm(1).");
}

int rrm_apply_dir(struct rrm_common *common)
{
	if (common->dir && chdir(common->dir) != 0) {
		rrm_error("-C %s: %s", common->dir, strerror(errno));
		return RRM_EXIT_USAGE;
	}
	return 0;
}

bool rrm_use_color(const struct rrm_common *common, int fd)
{
	if (common->color >= 0)
		return common->color == 1;
	const char *no = getenv("NO_COLOR");
	if (no && *no)
		return false;
	const char *term = getenv("TERM");
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fd);
}

void rrm_report_problems(const struct rrm_sink *s, bool json, const char *json_extra)
{
	struct rrm_report_options o = {.version = RRM_VERSION, .json_extra = json_extra};
	struct rrm_buf b;
	rrm_buf_init(&b);
	if (json) {
		rrm_report_json(s, &o, &b);
		fwrite(b.data, 1, b.len, stdout);
		fflush(stdout);
	} else {
		rrm_report_text(s, &o, &b);
		fwrite(b.data, 1, b.len, stderr);
	}
	rrm_buf_release(&b);
}

void rrm_add_config_error(struct rrm_sink *s, const struct rrm_config_error *e, const char *start)
{
	char *shown = e->file ? rrm_path_relative(e->file, start) : rrm_strdup("rrm.yml");
	rrm_sink_add_problem(s, RRM_SEV_ERROR, shown, e->line > 0 ? e->line : 0,
			     e->line > 0 ? e->column : 0, "%s", e->message);
	free(shown);
}

void rrm_add_config_notes(struct rrm_sink *s, const struct rrm_config *c, const char *start)
{
	for (size_t i = 0; i < c->n_notes; i++) {
		const struct rrm_config_note *n = &c->notes[i];
		char *abs = rrm_path_join(c->root, n->file ? n->file : ".");
		char *shown = rrm_path_relative(abs, start);
		rrm_sink_add_problem(s, RRM_SEV_WARNING, shown, n->line > 0 ? n->line : 0,
				     n->line > 0 ? n->column : 0, "%s", n->message);
		free(shown);
		free(abs);
	}
}

void rrm_print_config_notes(const struct rrm_config *c, const char *start)
{
	struct rrm_sink s;
	rrm_sink_init(&s);
	rrm_add_config_notes(&s, c, start);
	rrm_report_problems(&s, false, NULL);
	rrm_sink_release(&s);
}

static int load_site_config(struct rrm_config *c, const char *cwd, const char *start, bool json);

int rrm_enter_site(struct rrm_common *common, struct rrm_config *c, char *cwd, size_t size)
{
	return rrm_enter_site_as(common, c, cwd, size, false);
}

int rrm_enter_site_as(struct rrm_common *common, struct rrm_config *c, char *cwd, size_t size,
		      bool json)
{
	memset(c, 0, sizeof *c);
	int rc = rrm_apply_dir(common);
	if (rc)
		return rc;
	if (!getcwd(cwd, size)) {
		rrm_error("cannot find the current directory: %s", strerror(errno));
		return RRM_EXIT_USAGE;
	}
	return load_site_config(c, cwd, common->start, json);
}

int rrm_load_site_config(struct rrm_config *c, const char *cwd, const char *start)
{
	return load_site_config(c, cwd, start, false);
}

static int load_site_config(struct rrm_config *c, const char *cwd, const char *start, bool json)
{
	char *root = rrm_config_find_root(cwd);
	struct rrm_config_error err;
	int rc = rrm_config_load(c, root ? root : cwd, root != NULL, &err);
	free(root);
	if (rc != 0) {
		struct rrm_sink s;
		rrm_sink_init(&s);
		rrm_add_config_error(&s, &err, start);
		rrm_report_problems(&s, json, NULL);
		rrm_sink_release(&s);
		rrm_config_error_release(&err);
		return RRM_EXIT_USAGE;
	}
	rrm_config_error_release(&err);
	return 0;
}
