/*
 * diag.h - findings. The table of every rule rrm reports (stable ids, default
 * severities), a sink that collects findings, stable ordering, and the text
 * and JSON reporters (which write to a buffer: the library never prints).
 */
#ifndef RRM_DIAG_H
#define RRM_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/util.h"

enum rrm_severity { RRM_SEV_OFF = 0, RRM_SEV_WARNING, RRM_SEV_ERROR };

const char *rrm_severity_name(enum rrm_severity s);
/* Parses "off", "warning", "error"; returns -1 for anything else. */
int rrm_severity_parse(const char *s);

enum rrm_rule_id {
	RRM_RULE_FILE_UNREADABLE,
	RRM_RULE_FILE_ENCODING,
	RRM_RULE_FM_MISSING,
	RRM_RULE_FM_UNTERMINATED,
	RRM_RULE_FM_SYNTAX,
	RRM_RULE_FM_NOT_A_MAP,
	RRM_RULE_FM_DUPLICATE_KEY,
	RRM_RULE_FM_REQUIRED,
	RRM_RULE_FM_EMPTY,
	RRM_RULE_FM_TYPE,
	RRM_RULE_FM_ALLOWED,
	RRM_RULE_FM_LENGTH,
	RRM_RULE_FM_PATTERN,
	RRM_RULE_FM_ITEMS,
	RRM_RULE_FM_DATE,
	RRM_RULE_FM_UNKNOWN_KEY,
	RRM_RULE_SITE_DUPLICATE_URL,
	RRM_RULE_SPELLING_UNKNOWN,
	RRM_RULE_SPELLING_REJECTED,
	RRM_RULE_SPELLING_VARIANT,
	RRM_RULE_LINK_DEAD,
	RRM_RULE_LINK_ANCHOR,
	RRM_RULE_LINK_IMAGE,
	RRM_RULE_LINK_DRAFT,
	RRM_RULE_LINK_OUTSIDE,
	RRM_RULE_LINK_CASE,
	RRM_RULE_LINK_DUPLICATE_ID,
	RRM_RULE_LINK_ALIAS,
	/* rrm dict check (rrm-dict(1)); the rules of the family "dict" */
	RRM_RULE_DICT_INVALID,
	RRM_RULE_DICT_REPEAT,
	RRM_RULE_DICT_ORDER,
	RRM_RULE_DICT_KNOWN,
	RRM_RULE_COUNT
};

struct rrm_rule {
	const char *id;
	enum rrm_severity severity; /* default */
	const char *summary;        /* one line, for help and SARIF */
};

extern const struct rrm_rule rrm_rules[RRM_RULE_COUNT];
/* Index of a rule id, or -1. */
int rrm_rule_find(const char *id);
/* The command whose findings the rule is about ("lint", or "dict" for the dict/ rules). */
const char *rrm_rule_command(enum rrm_rule_id rule);

struct rrm_finding {
	enum rrm_rule_id rule;
	enum rrm_severity severity;
	char *path;                             /* as shown to the user */
	int line, column, end_line, end_column; /* 1-based; end exclusive; 0 = unknown */
	size_t offset;                          /* byte offset in the file */
	char *message;
	char **suggestions;
	size_t n_suggestions;
	char *subject;        /* the word or target at fault, when the rule has one; or NULL */
	char fingerprint[17]; /* set by rrm_sink_fingerprint: stable under edits elsewhere */
};

struct rrm_sink {
	struct rrm_finding *items;
	size_t n, cap;
	enum rrm_severity severity[RRM_RULE_COUNT]; /* in force for this run */
};

/* Initialises with every rule at its default severity. */
void rrm_sink_init(struct rrm_sink *s);
void rrm_sink_release(struct rrm_sink *s);
/*
 * Adds a finding (dropped when its rule is off). Strings are copied.
 * Returns the stored finding (to attach suggestions) or NULL when dropped.
 */
struct rrm_finding *rrm_sink_add(struct rrm_sink *s, enum rrm_rule_id rule, const char *path,
				 int line, int column, int end_line, int end_column, size_t offset,
				 const char *fmt, ...) __attribute__((format(printf, 9, 10)));
void rrm_finding_suggest(struct rrm_finding *f, const char *suggestion);
/* Keeps only the findings from index `from` on for which keep() is true. */
void rrm_sink_filter(struct rrm_sink *s, size_t from,
		     bool (*keep)(const struct rrm_finding *f, void *ctx), void *ctx);
/* True when `rule` is named by `name`: the rule id itself or its family ("spelling"). */
bool rrm_rule_matches(enum rrm_rule_id rule, const char *name, size_t len);
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
	/* sarif: the command whose rules are listed, with help in its man page
	 * rrm-COMMAND(1) (see rrm_rule_command); NULL is "lint" */
	const char *command;
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
/* Each distinct unknown word once, with its count: "count<TAB>word", most frequent first. */
void rrm_report_words(const struct rrm_sink *s, struct rrm_buf *out);
void rrm_report_json(const struct rrm_sink *s, const struct rrm_report_options *o,
		     struct rrm_buf *out);

#endif
