/*
 * rules.h - the table of every rule rrm reports: stable ids, default
 * severities, one-line summaries (rrm-lint(1), RULES). Plain data: the
 * configuration (rules:) and the findings (diag.h) both use it.
 */
#ifndef RRM_RULES_H
#define RRM_RULES_H

#include <stdbool.h>
#include <stddef.h>

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
	/* house style (rrm.yml `style:`), off unless configured */
	RRM_RULE_STYLE_REPEATED_WORD,
	RRM_RULE_STYLE_PREFER,
	RRM_RULE_STYLE_QUOTES,
	RRM_RULE_STYLE_NAME_VARIANT,
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
/* True when `rule` is named by `name`: the rule id itself or its family ("spelling"). */
bool rrm_rule_matches(enum rrm_rule_id rule, const char *name, size_t len);

#endif
