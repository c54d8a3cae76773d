/*
 * diag.h - findings: a sink that collects them (the findings of rules, see
 * rules.h, and problems that are no rule's: configuration errors, refusals),
 * stable ordering, and the text, JSON, GitHub and SARIF reporters (which write
 * to a buffer: the library never prints). Every error rrm reports goes
 * through here.
 */
#ifndef RRM_DIAG_H
#define RRM_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lib/rules.h"
#include "lib/util.h"

/* A problem that is no rule's finding (an error of rrm.yml, a refusal of rrm new): see
 * rrm_sink_add_problem. */
#define RRM_RULE_NONE RRM_RULE_COUNT

struct rrm_finding {
	enum rrm_rule_id rule;
	enum rrm_severity severity;
	const char *path; /* as shown to the user; shared (rrm_finding_set_path), never freed */
	int line, column, end_line, end_column; /* 1-based; end exclusive; 0 = unknown */
	size_t offset;                          /* byte offset in the file */
	char *message;
	char **suggestions;
	size_t n_suggestions;
	char *subject; /* the word or target at fault, when the rule has one; or NULL */
	/* the fix, when there is one right answer: `fix` replaces bytes
	 * [fix_offset, fix_offset + fix_len) of the file; NULL: no fix */
	char *fix;
	size_t fix_offset, fix_len;
	char fingerprint[17]; /* set by rrm_sink_fingerprint: stable under edits elsewhere */
};

struct rrm_sink {
	struct rrm_finding *items;
	size_t n, cap;
	enum rrm_severity severity[RRM_RULE_COUNT]; /* in force for this run */
	const char *last_path;                      /* the path of the last finding added */
};

/* Initialises with every rule at its default severity. */
void rrm_sink_init(struct rrm_sink *s);
struct rrm_config;
/* Applies rrm.yml's `rules:` and front_matter.unknown_keys to the sink's severities. */
void rrm_config_apply_rules(const struct rrm_config *c, struct rrm_sink *s);
void rrm_sink_release(struct rrm_sink *s);
/*
 * Adds a finding (dropped when its rule is off). Strings are copied.
 * Returns the stored finding (to attach suggestions) or NULL when dropped.
 */
struct rrm_finding *rrm_sink_add(struct rrm_sink *s, enum rrm_rule_id rule, const char *path,
				 int line, int column, int end_line, int end_column, size_t offset,
				 const char *fmt, ...) __attribute__((format(printf, 9, 10)));
/*
 * Adds a problem that is no rule's finding (rule RRM_RULE_NONE): an error of
 * rrm.yml, a refusal of rrm new. It is never dropped. `path` NULL or "": it
 * has none; `line` 0: it has no position. The text reporter writes it
 * without a [rule]: "path:line:col: error: message", "path: error: message",
 * or "rrm: message" without a path; the JSON reporter with rule (and a
 * missing path) null; SARIF, whose results belong to rules, leaves it out.
 */
struct rrm_finding *rrm_sink_add_problem(struct rrm_sink *s, enum rrm_severity sev,
					 const char *path, int line, int column, const char *fmt,
					 ...) __attribute__((format(printf, 6, 7)));
/*
 * Sets the finding's path to a copy of `path` that every finding with that
 * path shares: kept, like the paths of the files a process reads, to its end.
 */
void rrm_finding_set_path(struct rrm_finding *f, const char *path);
void rrm_finding_suggest(struct rrm_finding *f, const char *suggestion);
/* Gives the finding its fix: `text` replaces `len` bytes at byte `offset` of the file. */
void rrm_finding_fix(struct rrm_finding *f, size_t offset, size_t len, const char *text);
/* Keeps only the findings from index `from` on for which keep() is true. */
void rrm_sink_filter(struct rrm_sink *s, size_t from,
		     bool (*keep)(const struct rrm_finding *f, void *ctx), void *ctx);
/* Moves every finding of `from` to the end of `to` (`from` is left empty). */
void rrm_sink_take(struct rrm_sink *to, struct rrm_sink *from);
/* Sorts by path, line, column, then rule and message: a total, stable order. */
void rrm_sink_sort(struct rrm_sink *s);
size_t rrm_sink_count(const struct rrm_sink *s, enum rrm_severity sev);

struct rrm_report_options {
	bool color;
	bool errors_only; /* text: warnings are not shown */
	size_t files;     /* files checked, for the JSON summary */
	const char *version;
	/* github and sarif: paths are made relative to `repo_root` (absolute) from
	 * `start` (the absolute directory the paths are relative to) */
	const char *start, *repo_root;
	/* the command reporting (NULL is "lint"): sarif lists its rules, with help
	 * in its man page rrm-COMMAND(1) (see rrm_rule_command); github names it
	 * in its notice and summary */
	const char *command;
	const char *json_extra; /* JSON: members added to the top object (",\"k\":v"), or NULL */
	/* text, JSON, SARIF: when set, what the report has made so far is written to it
	 * as it goes (a large report is not held whole); the caller writes what is left */
	FILE *stream;
};

/*
 * Gives every finding its fingerprint: a hash of the rule, the path, the word
 * or target (else the message) and its rank among equal findings of the
 * file, so that it survives edits elsewhere in the file. Call after sorting.
 */
void rrm_sink_fingerprint(struct rrm_sink *s);

/*
 * GitHub Actions workflow commands: errors first, at most `cap` of each kind,
 * then a notice with the number left out. `summary` (may be NULL) gets the
 * full report as Markdown for $GITHUB_STEP_SUMMARY.
 */
void rrm_report_github(const struct rrm_sink *s, const struct rrm_report_options *o, size_t cap,
		       struct rrm_buf *out, struct rrm_buf *summary);
/* SARIF 2.1.0: every rule in the tool's driver, results with regions and fingerprints. */
void rrm_report_sarif(const struct rrm_sink *s, const struct rrm_report_options *o,
		      struct rrm_buf *out);

void rrm_report_text(const struct rrm_sink *s, const struct rrm_report_options *o,
		     struct rrm_buf *out);
struct rrm_word_count {
	const char *word; /* the finding's subject: lives as long as the sink */
	size_t count;
};
/*
 * Each distinct unknown word (spelling/unknown) of `s` once, with how often it
 * was found, most frequent first, then in byte order. Returns the count and
 * sets `*words` to an array the caller frees (not its words).
 */
size_t rrm_sink_unknown_words(const struct rrm_sink *s, struct rrm_word_count **words);
/* rrm_sink_unknown_words() as text: "count<TAB>word" lines, control bytes shown safely. */
void rrm_report_words(const struct rrm_sink *s, struct rrm_buf *out);
void rrm_report_json(const struct rrm_sink *s, const struct rrm_report_options *o,
		     struct rrm_buf *out);

#endif
