/*
 * run.h - the lint engine: what `rrm lint` does between its options and its
 * report, for the command, for `rrm dict add --from-lint`, for the fuzzers
 * and for a language server.
 *
 * A full run (rrm_lint_run) walks the site, reads every article once on a
 * pool of threads (linting the selected ones, indexing the others), merges
 * the results in file order, builds the site index, checks every link
 * against it (with --staged/--changed, also the links of unchanged articles
 * that the change broke, against the index of the site before the change),
 * looks up spelling suggestions, keeps the cache, sorts and fingerprints
 * the findings and applies the baseline.
 *
 * A session (rrm_lint_session_*) holds what runs share: the configuration,
 * the rules in force, the speller and, once built, the site index, so that
 * one document can be linted against the rest of the site (its text given,
 * not read from disk) and the index updated for one changed or deleted
 * file without reading the site again.
 *
 * The engine never prints: errors come back in struct rrm_lint_error.
 */
#ifndef RRM_LINT_RUN_H
#define RRM_LINT_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/config.h"
#include "lib/diag.h"
#include "lib/spell.h"

/* What to lint. */
enum rrm_lint_select {
	RRM_LINT_SITE,    /* every article of the site (and the docs) */
	RRM_LINT_PATHS,   /* the files and folders `paths` name (and the docs) */
	RRM_LINT_STAGED,  /* the staged articles, as staged (git diff --cached HEAD) */
	RRM_LINT_CHANGED, /* the articles changed since `ref` */
};

/* A document given as text: linted instead of the file at `path` (which need not exist). */
struct rrm_lint_doc {
	const char *path; /* absolute, or relative to the site root */
	const char *text;
	size_t len;
};

struct rrm_lint_input {
	enum rrm_lint_select select;
	char *const *paths; /* RRM_LINT_PATHS: as given, relative to `cwd` */
	size_t n_paths;
	const char *cwd;                 /* absolute; NULL: the site root */
	const char *ref;                 /* RRM_LINT_CHANGED: NULL or "" for the merge base */
	const struct rrm_lint_doc *docs; /* linted besides `select`'s (RRM_LINT_SITE, _PATHS) */
	size_t n_docs;
};

struct rrm_lint_options {
	size_t jobs;           /* threads; 0: rrm_pool_default_jobs() */
	bool words;            /* --format words: the speller even with the spelling rules off */
	bool suggest;          /* look up suggestions for unknown words */
	const char *start;     /* absolute folder shown paths are relative to; NULL: the root */
	const char *cache_dir; /* --cache: absolute folder, or NULL */
	const char *baseline;  /* --baseline FILE (as given, relative to the current folder) */
	const char *write_baseline; /* --write-baseline FILE */
	/* the rules in force: these severities (NULL: rrm.yml's, rrm_config_apply_rules) */
	const enum rrm_severity *severity;
	/* --shard K/N: of the articles selected, only those whose path (from the
	 * site root) hashes to K - 1 modulo N are checked; the whole site is still
	 * indexed. 0/0: no sharding. */
	unsigned shard, shards;
};

/* Why a run could not be done: print it as "FILE:LINE:COL: error: MESSAGE" or "rrm: MESSAGE". */
struct rrm_lint_error {
	char *file; /* shown relative to `start`, or NULL for a plain message */
	int line, column;
	char *message;
};
void rrm_lint_error_release(struct rrm_lint_error *e);

/* What a run did, for the report and --stats. */
struct rrm_lint_stats {
	size_t checked;          /* files linted */
	size_t indexed;          /* files read (linted or only indexed) */
	size_t parsed;           /* files whose body was parsed (the others: front matter only) */
	size_t distinct_unknown; /* distinct unknown words */
	size_t cache_entries;    /* --cache: entries, words and suggestions loaded */
	size_t cache_hits;       /* --cache: files reused */
	struct rrm_spell_stats spell;
	char *cache_error; /* --cache could not be written: why (the run is still good) */
};
void rrm_lint_stats_release(struct rrm_lint_stats *st);

/* What rrm_lint_run and rrm_lint_session_run return. */
enum {
	RRM_LINT_OK = 0,
	RRM_LINT_ERROR = -1,  /* *err says why; nothing was linted */
	RRM_LINT_NOTHING = 1, /* --staged/--changed: no article is staged or changed */
};

/*
 * One full run: lints `in` with the site `c` into `sink` (its severities are
 * set to the rules in force), sorted and fingerprinted, the baseline applied.
 * `st` (may be NULL) gets the figures.
 */
int rrm_lint_run(const struct rrm_config *c, const struct rrm_lint_input *in,
		 const struct rrm_lint_options *o, struct rrm_sink *sink, struct rrm_lint_stats *st,
		 struct rrm_lint_error *err);

/* An engine kept between runs; it reads nothing until asked. `c` and `o` must outlive it. */
struct rrm_lint_session;
struct rrm_lint_session *rrm_lint_session_new(const struct rrm_config *c,
					      const struct rrm_lint_options *o);
void rrm_lint_session_free(struct rrm_lint_session *s);
/* A full run, as rrm_lint_run (the session's index is left as it is). */
int rrm_lint_session_run(struct rrm_lint_session *s, const struct rrm_lint_input *in,
			 struct rrm_sink *sink, struct rrm_lint_stats *st,
			 struct rrm_lint_error *err);
/*
 * Builds the site index: walks the site and reads every article once (on
 * the pool), keeps what the index needs of each, and the files served.
 * Returns 0 or RRM_LINT_ERROR.
 */
int rrm_lint_session_index(struct rrm_lint_session *s, struct rrm_lint_error *err);
/*
 * Updates the index for one article (`path` absolute or relative to the
 * root): its new text (`text`, `len`), or deleted (`text` NULL). Only that
 * text is read; the files served are scanned again only when a bundle head
 * (index.md, _index.md) comes or goes. Builds the index first if needed.
 */
int rrm_lint_session_update(struct rrm_lint_session *s, const char *path, const char *text,
			    size_t len, struct rrm_lint_error *err);
/*
 * Lints one document (`path`, absolute or relative to the root, with the
 * text `text`, `len`) against the index of the rest of the site, as a full
 * run would lint it with that text on disk: every rule, links and duplicate
 * URLs included. The index itself is not changed. Findings go to `sink`
 * (its severities set to the rules in force), sorted and fingerprinted.
 */
int rrm_lint_session_lint(struct rrm_lint_session *s, const char *path, const char *text,
			  size_t len, struct rrm_sink *sink, struct rrm_lint_error *err);

/*
 * The session's speller (for suggestions, lint/actions.h), opened now if it
 * is not yet; NULL when the spelling rules are off, or with `err` set
 * (RRM_LINT_ERROR's message) when the dictionaries cannot be loaded. It
 * lives as long as the session, or until rrm_lint_session_reload_speller.
 * Not to be used while the session lints on another thread.
 */
struct rrm_speller *rrm_lint_session_speller(struct rrm_lint_session *s,
					     struct rrm_lint_error *err);
/* The site index, built (NULL before rrm_lint_session_index or _update); read only. */
struct rrm_site;
const struct rrm_site *rrm_lint_session_site(const struct rrm_lint_session *s);
/*
 * Drops the speller, so that the next lint or rrm_lint_session_speller
 * loads the dictionaries again (a house dictionary changed: a word added).
 */
void rrm_lint_session_reload_speller(struct rrm_lint_session *s);

/*
 * Baselines (baseline.c): one line per finding, "fingerprint TAB rule TAB
 * path TAB message". rrm_lint_baseline_write records the findings of `s` in
 * `path` (replaced atomically); rrm_lint_baseline_apply drops from `s` every
 * finding whose fingerprint the baseline at `path` holds (as many times as it
 * holds it). Each returns 0 or an errno value.
 */
int rrm_lint_baseline_write(const char *path, const struct rrm_sink *s);
int rrm_lint_baseline_apply(const char *path, struct rrm_sink *s);

#endif
