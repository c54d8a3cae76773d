/*
 * config.h - the site's rrm.yml: find the site root, load and validate every
 * key (DESIGN.md section 2, man/rrm.yml.5) and fill in defaults.
 */
#ifndef RRM_CONFIG_H
#define RRM_CONFIG_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/diag.h"

enum rrm_ftype {
	RRM_T_ANY = 0,
	RRM_T_STRING,
	RRM_T_INT,
	RRM_T_NUMBER,
	RRM_T_BOOL,
	RRM_T_DATE,
	RRM_T_DATETIME,
	RRM_T_URL,
	RRM_T_LIST,
	RRM_T_MAP
};
const char *rrm_ftype_name(enum rrm_ftype t);

enum rrm_anchors {
	RRM_ANCHORS_HUGO,
	RRM_ANCHORS_HUGO_ASCII,
	RRM_ANCHORS_HUGO_BLACKFRIDAY,
	RRM_ANCHORS_JEKYLL,
	RRM_ANCHORS_KRAMDOWN,
	RRM_ANCHORS_GITHUB
};

/* Where a key or value was written in rrm.yml, for errors found after loading. */
struct rrm_pos {
	int line, column;
};

struct rrm_strlist {
	char **v;
	size_t n;
	struct rrm_pos *pos; /* where each item was written; NULL for defaults */
};

/* One field of the front-matter schema. Lengths and counts are -1 when unset. */
struct rrm_field {
	char *name;
	enum rrm_ftype type;
	bool required;
	struct rrm_strlist allowed;
	long min_length, max_length;
	char *pattern;
	regex_t re; /* compiled `pattern` when pattern != NULL */
	enum rrm_ftype items;
	long min_items, max_items;
	/* Default for `rrm new`: a scalar's text, or a list of scalars. */
	bool has_default, default_is_list;
	struct rrm_strlist default_values;
};

/* One permalink pattern; section NULL is the pattern for every other section. */
struct rrm_permalink {
	char *section;
	char *pattern;
};

struct rrm_config {
	char *root;        /* absolute site root */
	char *file;        /* absolute path of rrm.yml, or NULL when there is none */
	char *base_url;    /* or NULL */
	char *content_dir; /* relative to root; "." for the root itself */
	char *static_dir;
	struct rrm_permalink *permalinks;
	size_t n_permalinks;
	enum rrm_anchors anchors;
	bool definition_ids; /* Hugo's autoDefinitionTermID: definition terms get ids */
	bool link_render_hook; /* links go through a render hook that looks pages up */
	int lowercase_urls;  /* URLs made from paths are lower-cased (Hugo); -1 until loaded */
	struct rrm_strlist ignore_links, exclude, language, dictionaries;
	struct rrm_strlist code_shortcodes; /* paired Hugo shortcodes that hold code */
	char *timezone;
	struct {
		struct rrm_strlist fields;
		char *words_field;
		bool acronyms_check;
		bool variant_ise;
		char *reject;
		bool skip_title_case_midsentence;
	} spelling;
	struct {
		struct rrm_strlist required;
		enum rrm_severity unknown_keys;
		struct rrm_field *fields;
		size_t n_fields;
	} fm;
	int rules[RRM_RULE_COUNT]; /* severity from `rules:`, or -1 */
	struct rrm_pos pos_language, pos_dictionaries, pos_reject;
	struct {
		char *path;
		char *template_file;
		char *author;
		long slug_max;
	} new_;
};

struct rrm_config_error {
	char *file; /* path of rrm.yml as given, or NULL */
	int line, column;
	char *message;
};
void rrm_config_error_release(struct rrm_config_error *e);

/*
 * Finds the site root: the nearest folder from `start` (absolute) upward that
 * holds rrm.yml. Returns a new string, or NULL when there is none.
 */
char *rrm_config_find_root(const char *start);

/*
 * Loads `root`/rrm.yml (when `has_file`) into `c`, or just the defaults.
 * Returns 0, or -1 with `err` filled. `c` is always safe to release.
 */
int rrm_config_load(struct rrm_config *c, const char *root, bool has_file,
		    struct rrm_config_error *err);
/* Loads from text (for tests and fuzzing); `file` names it in errors. */
int rrm_config_load_text(struct rrm_config *c, const char *root, const char *file,
			 const char *text, size_t len, struct rrm_config_error *err);
void rrm_config_release(struct rrm_config *c);

/* The field named `name`, or NULL. */
const struct rrm_field *rrm_config_field(const struct rrm_config *c, const char *name);
/* Applies `rules:` to a sink's severities. */
void rrm_config_apply_rules(const struct rrm_config *c, struct rrm_sink *s);

#endif
