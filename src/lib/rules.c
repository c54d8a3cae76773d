#include "lib/rules.h"

#include <string.h>

const struct rrm_rule rrm_rules[RRM_RULE_COUNT] = {
	[RRM_RULE_FILE_UNREADABLE] = {"file/unreadable", RRM_SEV_ERROR,
				      "the file cannot be read or is larger than 16 MiB"},
	[RRM_RULE_FILE_ENCODING] = {"file/encoding", RRM_SEV_ERROR,
				    "the file is not valid UTF-8 or holds a NUL byte"},
	[RRM_RULE_FM_MISSING] = {"front-matter/missing", RRM_SEV_ERROR,
				 "the article has no YAML front matter"},
	[RRM_RULE_FM_UNTERMINATED] = {"front-matter/unterminated", RRM_SEV_ERROR,
				      "the front matter is never closed"},
	[RRM_RULE_FM_SYNTAX] = {"front-matter/syntax", RRM_SEV_ERROR,
				"the front matter is not valid YAML"},
	[RRM_RULE_FM_NOT_A_MAP] = {"front-matter/not-a-map", RRM_SEV_ERROR,
				   "the front matter is not a map of keys to values"},
	[RRM_RULE_FM_DUPLICATE_KEY] = {"front-matter/duplicate-key", RRM_SEV_ERROR,
				       "a key appears twice in the same map"},
	[RRM_RULE_FM_REQUIRED] = {"front-matter/required", RRM_SEV_ERROR,
				  "a required field is missing"},
	[RRM_RULE_FM_EMPTY] = {"front-matter/empty", RRM_SEV_ERROR, "a required field is blank"},
	[RRM_RULE_FM_TYPE] = {"front-matter/type", RRM_SEV_ERROR,
			      "a field's value has the wrong type"},
	[RRM_RULE_FM_ALLOWED] = {"front-matter/allowed", RRM_SEV_ERROR,
				 "a value is not one of the allowed values"},
	[RRM_RULE_FM_LENGTH] = {"front-matter/length", RRM_SEV_ERROR,
				"a string is too short or too long"},
	[RRM_RULE_FM_PATTERN] = {"front-matter/pattern", RRM_SEV_ERROR,
				 "a string does not match the field's pattern"},
	[RRM_RULE_FM_ITEMS] = {"front-matter/items", RRM_SEV_ERROR,
			       "a list item has the wrong type, or the list the wrong size"},
	[RRM_RULE_FM_DATE] = {"front-matter/date", RRM_SEV_ERROR,
			      "a date is impossible, ambiguous or unreadable"},
	[RRM_RULE_FM_UNKNOWN_KEY] = {"front-matter/unknown-key", RRM_SEV_WARNING,
				     "a key is not in the schema"},
	[RRM_RULE_SITE_DUPLICATE_URL] =
		{"site/duplicate-url", RRM_SEV_ERROR,
		 "two articles, or their aliases, are published at the same URL"},
	[RRM_RULE_SPELLING_UNKNOWN] = {"spelling/unknown-word", RRM_SEV_WARNING,
				       "a word is in none of the dictionaries"},
	[RRM_RULE_SPELLING_REJECTED] = {"spelling/rejected", RRM_SEV_ERROR,
					"a word the house style rejects"},
	[RRM_RULE_SPELLING_VARIANT] = {"spelling/variant", RRM_SEV_WARNING,
				       "an -ize form where the house writes -ise"},
	[RRM_RULE_LINK_DEAD] = {"link/dead", RRM_SEV_ERROR,
				"an internal link leads to no article, file or alias"},
	[RRM_RULE_LINK_ANCHOR] = {"link/anchor", RRM_SEV_ERROR,
				  "the target exists but has no such #anchor"},
	[RRM_RULE_LINK_IMAGE] = {"link/image", RRM_SEV_ERROR, "an image or file is missing"},
	[RRM_RULE_LINK_DRAFT] = {"link/draft", RRM_SEV_WARNING,
				 "the target is a draft: the link dies when it is published"},
	[RRM_RULE_LINK_OUTSIDE] = {"link/outside", RRM_SEV_ERROR,
				   "a relative link climbs above the site root"},
	[RRM_RULE_LINK_CASE] = {"link/case", RRM_SEV_ERROR,
				"the target exists only with other letter case"},
	[RRM_RULE_LINK_DUPLICATE_ID] = {"link/duplicate-id", RRM_SEV_WARNING,
					"two headings of a page have the same id"},
	[RRM_RULE_LINK_ALIAS] =
		{"link/alias", RRM_SEV_OFF,
		 "the link leads to an alias (an old URL) of a page, not to its URL"},
	[RRM_RULE_STYLE_REPEATED_WORD] = {"style/repeated-word", RRM_SEV_OFF,
					  "a word written twice in a row (\"the the\")"},
	[RRM_RULE_STYLE_PREFER] = {"style/prefer", RRM_SEV_OFF,
				   "a form the house writes another way (\"U.S.\" for US)"},
	[RRM_RULE_STYLE_QUOTES] =
		{"style/quotes", RRM_SEV_OFF,
		 "a straight quote where the house writes curly ones, or the reverse"},
	[RRM_RULE_STYLE_NAME_VARIANT] =
		{"style/name-variant", RRM_SEV_OFF,
		 "one name written two ways in an article (Gaddafi, Qaddafi)"},
	[RRM_RULE_DICT_INVALID] = {"dict/invalid", RRM_SEV_ERROR,
				   "a line of the house dictionary is not a dictionary word"},
	[RRM_RULE_DICT_REPEAT] = {"dict/repeat", RRM_SEV_WARNING,
				  "a word is in the house dictionary twice"},
	[RRM_RULE_DICT_ORDER] = {"dict/order", RRM_SEV_WARNING,
				 "a word of the house dictionary is out of order"},
	[RRM_RULE_DICT_KNOWN] = {"dict/known", RRM_SEV_WARNING,
				 "a house word that the system dictionaries know already"},
};

int rrm_rule_find(const char *id)
{
	for (int i = 0; i < RRM_RULE_COUNT; i++)
		if (!strcmp(rrm_rules[i].id, id))
			return i;
	return -1;
}

const char *rrm_rule_command(enum rrm_rule_id rule)
{
	return rrm_rule_matches(rule, "dict", 4) ? "dict" : "lint";
}

const char *rrm_severity_name(enum rrm_severity s)
{
	switch (s) {
	case RRM_SEV_ERROR: return "error";
	case RRM_SEV_WARNING: return "warning";
	case RRM_SEV_OFF: break;
	}
	return "off";
}

int rrm_severity_parse(const char *s)
{
	if (!strcmp(s, "off"))
		return RRM_SEV_OFF;
	if (!strcmp(s, "warning"))
		return RRM_SEV_WARNING;
	if (!strcmp(s, "error"))
		return RRM_SEV_ERROR;
	return -1;
}

bool rrm_rule_matches(enum rrm_rule_id rule, const char *name, size_t len)
{
	const char *id = rrm_rules[rule].id;
	size_t n = strlen(id);
	if (len == n && !strncmp(id, name, len))
		return true;
	return len < n && id[len] == '/' && !strncmp(id, name, len);
}
