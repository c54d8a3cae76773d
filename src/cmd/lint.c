/*
 * cmd/lint.c - rrm lint: its options, the engine (lint/run.h) and the report.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/config.h"
#include "lib/diag.h"
#include "lib/spell.h"
#include "lib/util.h"
#include "lint/fix.h"
#include "lint/run.h"

const struct rrm_opt lint_opts[] = {
	{OPT_FORMAT, "format", 'f', "FORMAT",
	 "output format: text (default), json, github, sarif or words"},
	{OPT_STAGED, "staged", 0, NULL, "lint the staged articles (what will be committed)"},
	{OPT_CHANGED, "changed", 0, "[=REF]",
	 "lint the articles changed since REF (default: the merge base)"},
	{OPT_BASELINE, "baseline", 0, "FILE",
	 "report only findings that are not in the baseline FILE"},
	{OPT_WRITE_BASELINE, "write-baseline", 0, "FILE", "record today's findings in FILE"},
	{OPT_QUIET, "quiet", 'q', NULL, "report errors only"},
	{OPT_MAX_WARNINGS, "max-warnings", 0, "N", "fail when there are more than N warnings"},
	{OPT_NO_SUGGEST, "no-suggest", 0, NULL, "do not look up spelling suggestions"},
	{OPT_STATS, "stats", 0, NULL, "print counts and timings on standard error"},
	{OPT_JOBS, "jobs", 'j', "N", "use N threads (default: RRM_JOBS, else the number of cores)"},
	{OPT_CACHE, "cache", 0, "DIR", "reuse the results for unchanged articles kept in DIR"},
	{OPT_FIX, "fix", 0, NULL, "mend what has one right answer, then report what is left"},
	{OPT_DIFF, "diff", 0, NULL, "print the repairs --fix would make as a diff; write nothing"},
	{OPT_SHARD, "shard", 0, "K/N",
	 "check only the K-th of N shards of the articles (the whole site is indexed)"},
	{OPT_FIX_ANCHORS, "fix-anchors", 0, NULL,
	 "with --changed: also rewrite links to a heading whose id the change renamed"},
	{OPT_END, NULL, 0, NULL, NULL},
};

const struct rrm_command rrm_cmd_lint = {
	"lint",
	cmd_lint,
	lint_opts,
	"[OPTIONS] [PATH...]",
	"check articles: front matter, spelling and links",
	"Checks every article under the site's content_dir, or the files and folders\n"
	"given, and reports each finding as path:line:col: severity: message [rule].\n"
	"--fix mends the findings that have one right answer (house forms, quotes,\n"
	"repeated words, link case, links to an old URL; never a spelling guess),\n"
	"each file rewritten atomically, and reports what is left; --diff shows\n"
	"those repairs as a unified diff and writes nothing (exit 1 when there are).\n"
	"Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage or\n"
	"configuration error."};

struct lint_opts {
	enum rrm_format format;
	bool quiet;
	bool no_suggest;
	bool stats;
	const char *baseline, *write_baseline;
	bool staged;
	const char *changed; /* "" for the default REF */
	size_t jobs;         /* 0: the default */
	const char *cache;   /* --cache DIR, or NULL */
	long max_warnings;   /* -1: no limit */
	bool fix, diff, fix_anchors;
	unsigned shard, shards; /* --shard K/N; 0/0: all */
};

static int on_opt(int id, const char *value, void *data)
{
	struct lint_opts *o = data;
	switch (id) {
	case OPT_FORMAT:
		return rrm_parse_format("lint", value,
					RRM_FORMATS_FINDINGS | RRM_FORMAT_BIT(RRM_FORMAT_WORDS),
					&o->format);
	case OPT_QUIET: o->quiet = true; break;
	case OPT_NO_SUGGEST: o->no_suggest = true; break;
	case OPT_STATS: o->stats = true; break;
	case OPT_CACHE:
		if (!*value) {
			rrm_error("lint: --cache needs a folder");
			return RRM_EXIT_USAGE;
		}
		o->cache = value;
		break;
	case OPT_BASELINE: o->baseline = value; break;
	case OPT_STAGED: o->staged = true; break;
	case OPT_FIX: o->fix = true; break;
	case OPT_DIFF: o->diff = true; break;
	case OPT_FIX_ANCHORS: o->fix_anchors = true; break;
	case OPT_SHARD: {
		char *end;
		errno = 0;
		unsigned long k = strtoul(value, &end, 10), n = 0;
		bool ok = end != value && *end == '/' && value[0] != '-';
		if (ok) {
			const char *ns = end + 1;
			n = strtoul(ns, &end, 10);
			ok = end != ns && !*end && *ns != '-' && !errno;
		}
		if (!ok || k < 1 || n < 1 || k > n || n > 10000) {
			rrm_error("lint: --shard: '%s' is not K/N with 1 <= K <= N <= 10000",
				  value);
			return RRM_EXIT_USAGE;
		}
		o->shard = (unsigned)k;
		o->shards = (unsigned)n;
		break;
	}
	case OPT_JOBS: {
		char *end;
		long n = strtol(value, &end, 10);
		if (!*value || *end || n < 1 || n > 64) {
			rrm_error("lint: --jobs: '%s' is not a number from 1 to 64", value);
			return RRM_EXIT_USAGE;
		}
		o->jobs = (size_t)n;
		break;
	}
	case OPT_CHANGED: o->changed = value; break;
	case OPT_WRITE_BASELINE: o->write_baseline = value; break;
	case OPT_MAX_WARNINGS: {
		char *end;
		errno = 0;
		long n = strtol(value, &end, 10);
		if (!*value || *end || n < 0 || errno) {
			rrm_error("lint: --max-warnings: '%s' is not a whole number of 0 or more",
				  value);
			return RRM_EXIT_USAGE;
		}
		o->max_warnings = n;
		break;
	}
	}
	return 0;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void rrm_lint_print_error(const struct rrm_lint_error *e)
{
	if (!e->file)
		rrm_error("%s", e->message);
	else if (e->line > 0)
		fprintf(stderr, "%s:%d:%d: error: %s\n", e->file, e->line, e->column, e->message);
	else
		fprintf(stderr, "%s: error: %s\n", e->file, e->message);
}

void rrm_lint_print_summary(const struct rrm_sink *s, size_t checked)
{
	size_t errors = rrm_sink_count(s, RRM_SEV_ERROR);
	size_t warnings = rrm_sink_count(s, RRM_SEV_WARNING);
	if (!errors && !warnings)
		return;
	size_t with = 0;
	for (size_t i = 0; i < s->n; i++)
		if (i == 0 || strcmp(s->items[i].path, s->items[i - 1].path))
			with++;
	fprintf(stderr, "rrm: %zu error%s, %zu warning%s in %zu file%s (%zu checked)\n", errors,
		errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", with,
		with == 1 ? "" : "s", checked);
}

static void print_stats(const struct lint_opts *o, const struct rrm_lint_stats *st,
			const struct rrm_sink *sink, double seconds)
{
	char dicts[64] = "dictionaries not loaded (not needed)";
	if (st->spell.loaded)
		snprintf(dicts, sizeof dicts, "dictionaries loaded in %.3f s",
			 st->spell.load_seconds);
	char tables[96];
	snprintf(tables, sizeof tables, "%zu word table%s", st->spell.tables,
		 st->spell.tables == 1 ? "" : "s");
	if (st->spell.table_seconds > 0)
		snprintf(tables, sizeof tables, "%zu word table%s (made in %.3f s)",
			 st->spell.tables, st->spell.tables == 1 ? "" : "s",
			 st->spell.table_seconds);
	char cached[96] = "";
	if (o->cache)
		snprintf(cached, sizeof cached, "; cache: %zu entries, %zu files reused",
			 st->cache_entries, st->cache_hits);
	fprintf(stderr,
		"rrm: stats: %zu files checked, %zu indexed, %zu parsed; %zu findings; spelling: "
		"%zu tokens, "
		"%zu distinct words, %zu found in word tables, %zu dictionary lookups, %zu distinct "
		"unknown; %s, %s%s; total %.3f s\n",
		st->checked, st->indexed, st->parsed, sink->n, st->spell.tokens, st->spell.distinct,
		st->spell.table_hits, st->spell.lookups, st->distinct_unknown, tables, dicts,
		cached, seconds);
}

int cmd_lint(int argc, char **argv, struct rrm_common *common)
{
	struct lint_opts o = {.format = RRM_FORMAT_TEXT, .max_warnings = -1};
	double t_start = now();
	int nops = 0;
	int rc = rrm_parse_options(&rrm_cmd_lint, argc, argv, common, on_opt, &o, &nops);
	if (rc)
		return rc == 1 ? RRM_EXIT_OK : rc;
	if ((o.fix || o.diff) && o.staged) {
		rrm_error("lint: --fix and --diff mend the files on disk, not what is staged: give "
			  "the paths instead of --staged");
		return RRM_EXIT_USAGE;
	}
	if (o.fix_anchors && (!o.changed || !(o.fix || o.diff))) {
		rrm_error(
			"lint: --fix-anchors needs --changed (which knows the headings before the "
			"change) and --fix or --diff");
		return RRM_EXIT_USAGE;
	}
	if (o.fix && o.diff) {
		rrm_error("lint: --fix writes the repairs and --diff only shows them: choose one");
		return RRM_EXIT_USAGE;
	}
	char cwd[PATH_MAX];
	struct rrm_config c;
	if ((rc = rrm_enter_site_as(common, &c, cwd, sizeof cwd, o.format == RRM_FORMAT_JSON))) {
		rrm_config_release(&c);
		return rc;
	}
	if (!o.quiet) /* what of the generator's configuration rrm does not honour, once a run */
		rrm_print_config_notes(&c, common->start);

	struct rrm_lint_input in = {
		.select = o.staged    ? RRM_LINT_STAGED
			  : o.changed ? RRM_LINT_CHANGED
			  : nops      ? RRM_LINT_PATHS
				      : RRM_LINT_SITE,
		.paths = argv,
		.n_paths = (size_t)nops,
		.cwd = cwd,
		.ref = o.changed,
	};
	char *cache_dir = o.cache ? rrm_path_absolute(o.cache, common->start) : NULL;
	struct rrm_lint_options lo = {
		.jobs = o.jobs,
		.words = o.format == RRM_FORMAT_WORDS,
		/* a shard looks up no suggestions: which words get them depends on the
		 * whole run's counts, and the shards must merge to one report */
		.suggest = !o.no_suggest && !o.shards,
		.start = common->start,
		.cache_dir = cache_dir,
		.baseline = o.baseline,
		.write_baseline = o.write_baseline,
		.shard = o.shard,
		.shards = o.shards,
	};
	struct rrm_sink sink;
	rrm_sink_init(&sink);
	struct rrm_lint_stats st;
	struct rrm_lint_error err = {0};
	bool write_failed = false;
	/* with --fix or --diff, the first run only finds what to mend: no suggestions */
	struct rrm_lint_options first = lo;
	first.suggest = lo.suggest && !o.fix && !o.diff;
	if (o.fix || o.diff) /* nor a cache of findings without their suggestions */
		first.cache_dir = NULL, first.write_baseline = NULL;
	if (!o.fix && !o.diff) /* one run, then the process ends */
		rrm_spell_keep_at_exit();
	int run = rrm_lint_run(&c, &in, &first, &sink, &st, &err);
	if (run == RRM_LINT_OK && (o.fix || o.diff)) {
		struct rrm_buf diff;
		rrm_buf_init(&diff);
		struct rrm_fix_stats fst;
		int fixed = rrm_lint_fix(&c, &lo, &sink, o.fix_anchors, o.diff ? &diff : NULL, &fst,
					 &err);
		if (fixed == RRM_LINT_ERROR) {
			run = RRM_LINT_ERROR;
		} else if (o.diff) {
			if (diff.len && fwrite(diff.data, 1, diff.len, stdout) != diff.len)
				fst.failed++;
			if (fst.fixes)
				fprintf(stderr,
					"rrm: %zu repair%s in %zu file%s (--diff: nothing written)\n",
					fst.fixes, fst.fixes == 1 ? "" : "s", fst.files,
					fst.files == 1 ? "" : "s");
			rrm_buf_release(&diff);
			rrm_lint_error_release(&err);
			rrm_lint_stats_release(&st);
			rrm_sink_release(&sink);
			free(cache_dir);
			rrm_config_release(&c);
			return fst.failed  ? RRM_EXIT_USAGE
			       : fst.fixes ? RRM_EXIT_FINDINGS
					   : RRM_EXIT_OK;
		} else {
			if (fst.fixes)
				fprintf(stderr, "rrm: fixed %zu finding%s in %zu file%s\n",
					fst.fixes, fst.fixes == 1 ? "" : "s", fst.files,
					fst.files == 1 ? "" : "s");
			/* the report is what is left */
			rrm_sink_release(&sink);
			rrm_lint_stats_release(&st);
			rrm_sink_init(&sink);
			run = rrm_lint_run(&c, &in, &lo, &sink, &st, &err);
			if (fst.failed && run == RRM_LINT_OK)
				write_failed = true;
		}
		rrm_buf_release(&diff);
	}
	if (run != RRM_LINT_NOTHING && st.cache_error)
		rrm_error("%s", st.cache_error);
	if (run == RRM_LINT_ERROR) {
		rrm_lint_print_error(&err);
		rc = RRM_EXIT_USAGE;
	} else if (run == RRM_LINT_OK) {
		struct rrm_report_options ro = {.errors_only = o.quiet, .files = st.checked};
		bool written = rrm_write_report(&sink, o.format, &c, common, &ro);
		rrm_lint_print_summary(&sink, st.checked);
		bool suggest = !o.no_suggest && !o.shards && o.format != RRM_FORMAT_WORDS;
		if (suggest && st.distinct_unknown > RRM_SPELL_SUGGEST_MAX)
			rrm_error("spelling suggestions for the %d most frequent of %zu unknown "
				  "words; '--format words' lists them all",
				  RRM_SPELL_SUGGEST_MAX, st.distinct_unknown);
		if (o.stats)
			print_stats(&o, &st, &sink, now() - t_start);
		size_t errors = rrm_sink_count(&sink, RRM_SEV_ERROR);
		size_t warnings = rrm_sink_count(&sink, RRM_SEV_WARNING);
		rc = errors ? RRM_EXIT_FINDINGS : RRM_EXIT_OK;
		if (o.max_warnings >= 0 && warnings > (size_t)o.max_warnings) {
			rrm_error("%zu warning%s, more than --max-warnings %ld", warnings,
				  warnings == 1 ? "" : "s", o.max_warnings);
			rc = RRM_EXIT_FINDINGS;
		}
		if (!written) {
			rrm_error("cannot write the report: %s", strerror(errno));
			rc = RRM_EXIT_USAGE;
		}
		if (write_failed) /* a file could not be mended (said above) */
			rc = RRM_EXIT_USAGE;
	}
	rrm_lint_error_release(&err);
	rrm_lint_stats_release(&st);
	rrm_sink_release(&sink);
	free(cache_dir);
	rrm_config_release(&c);
	return rc;
}
