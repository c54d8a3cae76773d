/*
 * cmd.h - the command-line tool: one file per subcommand (cmd_<name>), the
 * option tables that also produce --help, and terminal messages. Only code
 * under src/cmd and src/main.c prints or decides exit codes.
 *
 * Adding a command: a file src/cmd/<name>.c with cmd_<name>(), its option
 * table and its row (declared below), the row in main.c's command table, a
 * man page man/rrm-<name>.1, the completions in completions/ (checked
 * against the tables by tests/e2e/options.bats), and tests under tests/.
 */
#ifndef RRM_CMD_H
#define RRM_CMD_H

#include <stdbool.h>
#include <stddef.h>

/* Exit statuses (rrm(1), EXIT STATUS). */
enum { RRM_EXIT_OK = 0, RRM_EXIT_FINDINGS = 1, RRM_EXIT_USAGE = 2 };

/*
 * One option of a command, described once: parsing, --help, the man pages'
 * and completions' test (tests/e2e/options.bats, through --dump-options).
 */
struct rrm_opt {
	int id;
	const char *long_name; /* without "--"; NULL when there is none */
	char short_name;       /* 0 when none */
	const char *arg;       /* argument name for help, NULL for a flag */
	const char *help;      /* NULL: hidden (not in --help nor the docs) */
};

enum {
	OPT_END = 0,
	OPT_HELP,
	OPT_DIR,
	OPT_COLOR,
	OPT_VERSION,
	OPT_FORMAT,
	OPT_QUIET,
	OPT_MAX_WARNINGS,
	OPT_NO_SUGGEST,
	OPT_STATS,
	OPT_SLUG,
	OPT_DATE,
	OPT_AUTHOR,
	OPT_DRAFT,
	OPT_DRY_RUN,
	OPT_EDIT,
	OPT_DICT,
	OPT_YES,
	OPT_FROM_LINT,
	OPT_BASELINE,
	OPT_WRITE_BASELINE,
	OPT_STAGED,
	OPT_CHANGED,
	OPT_JOBS,
	OPT_CACHE,
	OPT_FIX,
	OPT_DIFF,
	OPT_FIX_ANCHORS,
	OPT_SHARD,
	OPT_FORCE,
	OPT_DUMP_OPTIONS
};

/* Options every command accepts, before the command too. */
extern const struct rrm_opt rrm_common_opts[];
/* Options only before the command (-V); -h there shows rrm's own help. */
extern const struct rrm_opt rrm_global_opts[];

/* Settings of the common options, filled while parsing. */
struct rrm_common {
	const char *dir;   /* -C */
	int color;         /* -1 auto, 0 never, 1 always */
	const char *start; /* the directory rrm was started in */
};

/*
 * Parses argv (after the command name) against `opts` and the common options.
 * Calls on_opt for each option of `opts` (value or NULL), collects operands
 * into `operands` (argv is reordered). Returns 0, or RRM_EXIT_USAGE after
 * printing the error; 1 when --help was given and printed, or when on_opt
 * returned 1 (done: exit 0). on_opt returns 0 to go on.
 */
struct rrm_command;
int rrm_parse_options(const struct rrm_command *cmd, int argc, char **argv,
		      struct rrm_common *common,
		      int (*on_opt)(int id, const char *value, void *data), void *data,
		      int *n_operands);

/*
 * The same parser for the global options (rrm_global_opts and the common
 * ones) in argv up to the first word that does not start with '-' (the
 * command); its index goes to *n_used. Every error reads "unknown option
 * 'WORD' (see 'rrm --help')". Returns as rrm_parse_options.
 */
int rrm_parse_global_options(int argc, char **argv, struct rrm_common *common,
			     int (*on_opt)(int id, const char *value, void *data), void *data,
			     int *n_used);

struct rrm_command {
	const char *name;
	int (*fn)(int argc, char **argv, struct rrm_common *common);
	const struct rrm_opt *opts;
	const char *usage;   /* after "rrm NAME " */
	const char *summary; /* one line */
	const char *details; /* paragraph for --help */
};

/* Each command's row and option table, in src/cmd/<name>.c (help: main.c). */
extern const struct rrm_command rrm_cmd_lint, rrm_cmd_new, rrm_cmd_mv, rrm_cmd_publish,
	rrm_cmd_init, rrm_cmd_dict, rrm_cmd_config, rrm_cmd_lsp, rrm_cmd_help;
extern const struct rrm_opt lint_opts[], new_opts[], mv_opts[], publish_opts[], init_opts[],
	dict_opts[], config_opts[], lsp_opts[];

/* The command table (main.c): the rows above, in the order of --help; NULL-terminated. */
extern const struct rrm_command *const rrm_commands[];
const struct rrm_command *rrm_command_find(const char *name);

void rrm_print_help(const struct rrm_command *cmd);
void rrm_print_main_help(void);

/* Messages on stderr: "rrm: ..." */
void rrm_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Applies -C; returns 0 or prints and returns RRM_EXIT_USAGE. */
int rrm_apply_dir(struct rrm_common *common);
/* Colour decision for a stream. */
bool rrm_use_color(const struct rrm_common *common, int fd);

/* The report formats of --format (report.c); each command takes some of them. */
enum rrm_format {
	RRM_FORMAT_TEXT,
	RRM_FORMAT_JSON,
	RRM_FORMAT_GITHUB,
	RRM_FORMAT_SARIF,
	RRM_FORMAT_WORDS
};
#define RRM_FORMAT_BIT(f) (1u << (f))
#define RRM_FORMATS_TEXT_JSON (RRM_FORMAT_BIT(RRM_FORMAT_TEXT) | RRM_FORMAT_BIT(RRM_FORMAT_JSON))
/* the findings' formats: text, json, github, sarif */
#define RRM_FORMATS_FINDINGS                                                                       \
	(RRM_FORMATS_TEXT_JSON | RRM_FORMAT_BIT(RRM_FORMAT_GITHUB) |                               \
	 RRM_FORMAT_BIT(RRM_FORMAT_SARIF))
/*
 * Sets *format from --format's `value`, one of the formats `allowed` (a set
 * of RRM_FORMAT_BIT()s); otherwise prints "CMD: --format: 'x' is not one of
 * ..." and returns RRM_EXIT_USAGE.
 */
int rrm_parse_format(const char *cmd, const char *value, unsigned allowed, enum rrm_format *format);
/*
 * Writes the findings of `s` to standard output in `format`; the caller sets
 * `ro`'s errors_only, files and command, this its colour, version, start and
 * the repository's top level (github and sarif paths). github also appends
 * its summary to $GITHUB_STEP_SUMMARY when set. False when standard output
 * cannot be written.
 */
struct rrm_sink;
struct rrm_config;
struct rrm_report_options;
bool rrm_write_report(const struct rrm_sink *s, enum rrm_format format, const struct rrm_config *c,
		      const struct rrm_common *common, struct rrm_report_options *ro);

/*
 * Finds the site around `cwd`, loads its rrm.yml and sets the time zone;
 * reports a configuration error (rrm_report_problems, as text) and returns
 * RRM_EXIT_USAGE. `c` is always
 * safe to release.
 */
struct rrm_config;
int rrm_load_site_config(struct rrm_config *c, const char *cwd, const char *start);

/*
 * Prints the configuration's notes (generator settings rrm cannot honour) to
 * standard error as warnings, paths relative to `start`.
 */
void rrm_print_config_notes(const struct rrm_config *c, const char *start);

/*
 * Errors and warnings through diag, as lint's findings are: the problems
 * (and findings) of `s` as text on standard error, or, with `json` (--format
 * json), as one JSON report on standard output (`json_extra` NULL, or members added to
 * its top object: ",\"created\":\"x.md\""). rrm_add_config_error and
 * rrm_add_config_notes turn the configuration's errors and notes (plain data)
 * into problems, paths relative to `start`.
 */
struct rrm_sink;
struct rrm_config_error;
void rrm_report_problems(const struct rrm_sink *s, bool json, const char *json_extra);
void rrm_add_config_error(struct rrm_sink *s, const struct rrm_config_error *e, const char *start);
void rrm_add_config_notes(struct rrm_sink *s, const struct rrm_config *c, const char *start);
/* -C, the current directory (into cwd) and the site's configuration, as above. */
int rrm_enter_site(struct rrm_common *common, struct rrm_config *c, char *cwd, size_t size);
/* The same; with `json` a configuration error is a JSON report on standard output. */
int rrm_enter_site_as(struct rrm_common *common, struct rrm_config *c, char *cwd, size_t size,
		      bool json);

int cmd_lint(int argc, char **argv, struct rrm_common *common);
/* How rrm lint prints an engine error (lint/run.h) and its closing count of findings. */
struct rrm_lint_error;
struct rrm_sink;
void rrm_lint_print_error(const struct rrm_lint_error *e);
void rrm_lint_print_summary(const struct rrm_sink *s, size_t checked);
int cmd_new(int argc, char **argv, struct rrm_common *common);
int cmd_mv(int argc, char **argv, struct rrm_common *common);
int cmd_publish(int argc, char **argv, struct rrm_common *common);
int cmd_init(int argc, char **argv, struct rrm_common *common);
int cmd_dict(int argc, char **argv, struct rrm_common *common);
int cmd_config(int argc, char **argv, struct rrm_common *common);
int cmd_lsp(int argc, char **argv, struct rrm_common *common);
int cmd_help(int argc, char **argv, struct rrm_common *common);

#endif
