#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/config.h"
#include "lib/diag.h"
#include "lib/dict.h"
#include "lib/git.h"
#include "lib/map.h"
#include "lib/spell.h"
#include "lib/util.h"
#include "lint/run.h"

const struct rrm_opt dict_opts[] = {
	{OPT_DICT, "dict", 0, "FILE",
	 "the house dictionary to change (default: the first of dictionaries:)"},
	{OPT_FROM_LINT, "from-lint", 0, NULL,
	 "add: the words rrm lint reports as unknown in PATHs"},
	{OPT_YES, "yes", 'y', NULL, "add: do not ask before adding"},
	{OPT_FORMAT, "format", 'f', "FORMAT",
	 "check: output format: text (default), json, github or sarif"},
	{OPT_END, NULL, 0, NULL, NULL},
};

const struct rrm_command rrm_cmd_dict = {
	"dict",
	cmd_dict,
	dict_opts,
	"add [OPTIONS] WORD... | add --from-lint [PATH...] | check",
	"keep the house dictionary: add words, check it",
	"add: adds WORDs (or, with --from-lint, every word rrm lint reports as unknown\n"
	"in PATHs) to the house dictionary, sorted (case-folded, then byte order),\n"
	"without repeats, keeping its comments; the file is replaced atomically.\n"
	"check: reports repeated words, lines out of order, and words the system\n"
	"dictionaries know already (exit 1 when there are any)."};

struct dict_opts {
	const char *dict;
	bool from_lint, yes, format_given;
	enum rrm_format format;
};

static int on_opt(int id, const char *value, void *data)
{
	struct dict_opts *o = data;
	if (id == OPT_DICT) {
		o->dict = value;
	} else if (id == OPT_FROM_LINT) {
		o->from_lint = true;
	} else if (id == OPT_YES) {
		o->yes = true;
	} else if (id == OPT_FORMAT) {
		o->format_given = true;
		return rrm_parse_format("dict", value, RRM_FORMATS_FINDINGS, &o->format);
	}
	return 0;
}

/* The dictionary file: --dict, else the first of dictionaries: (a glob's first match). */
static char *dict_path(const struct rrm_config *c, const char *given)
{
	return given ? rrm_path_absolute(given, NULL) : rrm_dict_house_path(c);
}

/*
 * The words `rrm lint --format words PATH...` reports, from the lint engine
 * run as rrm lint would run it in the current folder (its notes, errors and
 * count of findings on standard error).
 */
static char **lint_words(const struct rrm_config *c, int argc, char **argv, size_t *n, bool *ok)
{
	*n = 0;
	*ok = false;
	char here[PATH_MAX];
	const char *start = getcwd(here, sizeof here) ? here : ".";
	rrm_print_config_notes(c, start);
	struct rrm_lint_input in = {.select = argc ? RRM_LINT_PATHS : RRM_LINT_SITE,
				    .paths = argv,
				    .n_paths = (size_t)argc,
				    .cwd = start};
	struct rrm_lint_options lo = {.words = true, .start = start};
	struct rrm_sink sink;
	rrm_sink_init(&sink);
	struct rrm_lint_stats st;
	struct rrm_lint_error err = {0};
	int rc = rrm_lint_run(c, &in, &lo, &sink, &st, &err);
	if (rc == RRM_LINT_ERROR)
		rrm_lint_print_error(&err);
	rrm_lint_error_release(&err);
	char **words = NULL;
	if (rc == RRM_LINT_OK) {
		struct rrm_word_count *v;
		*n = rrm_sink_unknown_words(&sink, &v);
		words = rrm_malloc((*n + 1) * sizeof *words);
		for (size_t i = 0; i < *n; i++)
			words[i] = rrm_strdup(v[i].word);
		free(v);
		rrm_lint_print_summary(&sink, st.checked);
		*ok = true;
	}
	rrm_lint_stats_release(&st);
	rrm_sink_release(&sink);
	return words;
}

static void bad_word(const char *w)
{
	rrm_error("dict add: '%s' is not a dictionary word (no spaces, control characters, "
		  "'#' or '/'; at most %d bytes)",
		  w, RRM_DICT_MAX_WORD);
}

struct confirm_ctx {
	const struct dict_opts *o;
	const char *shown;
	bool quiet; /* declined by the writer (exit 1), not refused (exit 2) */
};

/* --from-lint: the words to add are listed, and added once the writer says yes (or --yes). */
static bool confirm_add(void *ctx, const struct rrm_dict *d, size_t first_new)
{
	struct confirm_ctx *x = ctx;
	size_t added = d->n - first_new;
	if (!x->o->from_lint || !added)
		return true;
	for (size_t i = first_new; i < d->n; i++)
		fprintf(stderr, "  %s\n", d->v[i].text);
	if (x->o->yes)
		return true;
	if (!isatty(STDIN_FILENO)) {
		rrm_error("dict add: %zu words to add to %s; without a terminal, give --yes", added,
			  x->shown);
		return false;
	}
	fprintf(stderr, "Add these %zu words to %s? [y/N] ", added, x->shown);
	char answer[16] = "";
	if (!fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y')) {
		rrm_error("dict add: nothing added");
		x->quiet = true;
		return false;
	}
	return true;
}

static int dict_add_cmd(struct dict_opts *o, const struct rrm_config *c, int argc, char **argv,
			const char *start)
{
	char **words = NULL;
	size_t n = 0;
	bool owned = false;
	int rc;
	if (o->from_lint) {
		bool ok;
		words = lint_words(c, argc, argv, &n, &ok);
		owned = true;
		if (!ok) {
			rrm_error("dict add: rrm lint could not run (see its message above)");
			return RRM_EXIT_USAGE;
		}
		if (n == 0) {
			fprintf(stderr, "rrm: rrm lint reports no unknown word: nothing to add\n");
			return RRM_EXIT_OK;
		}
	} else {
		if (argc == 0) {
			rrm_error("dict add: give the words to add, or --from-lint");
			return RRM_EXIT_USAGE;
		}
		words = argv;
		n = (size_t)argc;
	}
	for (size_t i = 0; i < n; i++)
		if (!rrm_dict_plain_word(words[i])) {
			bad_word(words[i]);
			rc = RRM_EXIT_USAGE;
			goto out;
		}
	char *path = dict_path(c, o->dict);
	char *shown = rrm_path_relative(path, start);
	struct confirm_ctx x = {.o = o, .shown = shown};
	struct rrm_dict_add_result r;
	rc = RRM_EXIT_USAGE;
	if (!o->dict && rrm_path_leads_out(path, c->root)) {
		rrm_error("dict add: %s leads outside the site; nothing written", shown);
		goto done;
	}
	switch (rrm_dict_add_words(path, words, n, confirm_add, &x, &r)) {
	case RRM_DICT_ADDED:
		fprintf(stderr, "rrm: %zu word%s added to %s\n", r.added, r.added == 1 ? "" : "s",
			shown);
		rc = RRM_EXIT_OK;
		break;
	case RRM_DICT_ADD_BAD_WORD: bad_word(words[r.bad]); break;
	case RRM_DICT_ADD_UNREADABLE: rrm_error("dict: %s: %s", shown, strerror(r.error)); break;
	case RRM_DICT_ADD_DECLINED:
		if (x.quiet)
			rc = RRM_EXIT_FINDINGS;
		break;
	case RRM_DICT_ADD_UNWRITABLE:
		rrm_error("dict add: cannot write %s: %s; the old file is unchanged", shown,
			  strerror(r.error));
		break;
	}
done:
	free(path);
	free(shown);
out:
	if (owned) {
		for (size_t i = 0; i < n; i++)
			free(words[i]);
		free(words);
	}
	return rc;
}

/* The place of entry `x` in the finding `f` (NULL when its rule is off), its word the subject. */
static void at_entry(struct rrm_finding *f, const struct rrm_dict_entry *x)
{
	if (!f)
		return;
	f->end_line = x->line;
	f->end_column = x->column + (int)rrm_utf8_count(x->text, strlen(x->text));
	f->subject = rrm_strdup(x->text);
}

/* A comment line that is not UTF-8: the spelling check refuses the file. */
static void bad_comment_line(const struct rrm_dict *d, const char *shown, struct rrm_sink *sink)
{
	rrm_sink_add(sink, RRM_RULE_DICT_INVALID, shown, d->bad_line, 1, 0, 0, 0, "the line %s",
		     d->bad_nul ? "holds a NUL byte" : "is not valid UTF-8");
}

/* The findings of dict check on `d`, in the order of the file. */
static void check_dict(const struct rrm_dict *d, const char *shown, struct rrm_speller *sp,
		       const char *language, struct rrm_sink *sink)
{
	struct rrm_map seen = {0}; /* word -> its first line */
	bool bad_reported = false;
	for (size_t i = 0; i < d->n; i++) {
		const struct rrm_dict_entry *x = &d->v[i];
		if (d->bad_line && !bad_reported && d->bad_line < x->line) {
			bad_comment_line(d, shown, sink);
			bad_reported = true;
		}
		if (x->line == d->bad_line)
			bad_reported = true;
		if (x->bad_utf8 || !rrm_dict_plain_word(x->text))
			at_entry(rrm_sink_add(sink, RRM_RULE_DICT_INVALID, shown, x->line,
					      x->column, 0, 0, x->offset,
					      "'%s' is not a dictionary word", x->text),
				 x);
		struct rrm_map_entry *first = rrm_map_put(&seen, x->text, strlen(x->text));
		if (first->value)
			at_entry(rrm_sink_add(sink, RRM_RULE_DICT_REPEAT, shown, x->line, x->column,
					      0, 0, x->offset, "'%s' repeats line %d", x->text,
					      first->value),
				 x);
		else
			first->value = x->line;
		if (i > 0 && rrm_dict_cmp(&d->v[i - 1], x) > 0)
			at_entry(
				rrm_sink_add(
					sink, RRM_RULE_DICT_ORDER, shown, x->line, x->column, 0, 0,
					x->offset,
					"'%s' is out of order (after '%s'; run rrm dict add to sort)",
					x->text, d->v[i - 1].text),
				x);
		if (sp && rrm_speller_known(sp, x->text))
			at_entry(rrm_sink_add(sink, RRM_RULE_DICT_KNOWN, shown, x->line, x->column,
					      0, 0, x->offset,
					      "'%s' is in the %s dictionary already", x->text,
					      language),
				 x);
	}
	if (d->bad_line && !bad_reported)
		bad_comment_line(d, shown, sink);
	rrm_map_release(&seen);
}

/* dict check: repeats, order, and words the dictionaries know already. */
static int dict_check_cmd(struct dict_opts *o, const struct rrm_config *c,
			  const struct rrm_common *common)
{
	char *path = dict_path(c, o->dict);
	char *shown = rrm_path_relative(path, common->start);
	struct rrm_dict d;
	int e = rrm_dict_read(&d, path);
	bool exists = e != ENOENT;
	if (e && exists) {
		rrm_error("dict: %s: %s", shown, strerror(e));
		rrm_dict_release(&d);
		free(path);
		free(shown);
		return RRM_EXIT_USAGE;
	}
	/* the system dictionaries alone, without house words */
	struct rrm_config bare = *c;
	struct rrm_strlist none = {NULL, 0, NULL};
	bare.dictionaries = none;
	bare.spelling.reject = NULL;
	struct rrm_spell_error se;
	struct rrm_speller *sp = rrm_speller_open(&bare, &se);
	if (!sp) {
		rrm_error("dict check: %s", se.message);
		rrm_spell_error_release(&se);
	}
	struct rrm_sink sink;
	rrm_sink_init(&sink);
	rrm_config_apply_rules(c, &sink);
	check_dict(&d, shown, sp, c->language.n ? c->language.v[0] : "system", &sink);
	rrm_speller_free(sp);
	rrm_dict_release(&d);
	rrm_sink_fingerprint(&sink);
	struct rrm_report_options ro = {.files = exists, .command = "dict"};
	bool written = rrm_write_report(&sink, o->format, c, common, &ro);
	int rc = sink.n ? RRM_EXIT_FINDINGS : RRM_EXIT_OK;
	if (!written) {
		rrm_error("dict check: cannot write the report: %s", strerror(errno));
		rc = RRM_EXIT_USAGE;
	}
	rrm_sink_release(&sink);
	free(path);
	free(shown);
	return rc;
}

int cmd_dict(int argc, char **argv, struct rrm_common *common)
{
	struct dict_opts o = {0};
	int nops = 0;
	int rc = rrm_parse_options(rrm_command_find("dict"), argc, argv, common, on_opt, &o, &nops);
	if (rc)
		return rc == 1 ? RRM_EXIT_OK : rc;
	if (nops == 0 || (strcmp(argv[0], "add") && strcmp(argv[0], "check"))) {
		rrm_error("dict: say what to do: rrm dict add WORD..., rrm dict add --from-lint "
			  "[PATH...], rrm dict check");
		return RRM_EXIT_USAGE;
	}
	if (o.format_given && !strcmp(argv[0], "add")) {
		rrm_error("dict add: --format is an option of dict check");
		return RRM_EXIT_USAGE;
	}
	char cwd[PATH_MAX];
	struct rrm_config c;
	if ((rc = rrm_enter_site_as(common, &c, cwd, sizeof cwd, o.format == RRM_FORMAT_JSON))) {
		rrm_config_release(&c);
		return rc;
	}
	if (!strcmp(argv[0], "add"))
		rc = dict_add_cmd(&o, &c, nops - 1, argv + 1, common->start);
	else
		rc = dict_check_cmd(&o, &c, common);
	rrm_config_release(&c);
	return rc;
}
