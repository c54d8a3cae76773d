/*
 * config.h - the site's rrm.yml: find the site root, load and validate every
 * key (DESIGN.md section 2, man/rrm.yml.5) and fill in defaults.
 */
#ifndef RRM_CONFIG_H
#define RRM_CONFIG_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/rules.h"

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

void rrm_strlist_add(struct rrm_strlist *l, const char *s);
void rrm_strlist_release(struct rrm_strlist *l);

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

/* The generator whose configuration and URL model the site follows. */
enum rrm_generator { RRM_GEN_PLAIN, RRM_GEN_HUGO, RRM_GEN_JEKYLL };
const char *rrm_generator_name(enum rrm_generator g);

/* Where one setting's value came from, for `rrm config` (like git config --show-origin). */
struct rrm_origin {
	char *key;  /* "base_url", "permalink.posts", "spelling.fields", ... */
	char *file; /* relative to the site root ("hugo.toml", "rrm.yml"); NULL for a default */
	int line, column;
};

/*
 * A note on the configuration that is not an error: a generator setting rrm
 * reads but cannot honour, or a feature it does not model (each said once).
 */
struct rrm_config_note {
	char *file; /* relative to the site root */
	int line, column;
	char *message;
};

/* One permalink pattern; section NULL is the pattern for every other section. */
struct rrm_permalink {
	char *section;
	char *pattern;
};

struct rrm_jekyll;

/*
 * A folder whose files are the site's content (Hugo: a module mount with
 * target content or content/<sub>, a language's contentDir). Plain and
 * Jekyll sites have one, content_dir at the top (rrm_content_root_get).
 */
struct rrm_content_root {
	char *dir;  /* the real folder, relative to the site root ("." for the root) */
	char *at;   /* where it sits in the content tree: "" for the top, "docs" */
	char *lang; /* its language; NULL: the default language (or the file name's, post.fr.md) */
};

struct rrm_config {
	char *root;        /* absolute site root */
	char *file;        /* absolute path of rrm.yml, or NULL when there is none */
	char *base_url;    /* or NULL */
	char *content_dir; /* relative to root; "." for the root itself */
	char *static_dir;
	/* every content root (Hugo: mounts, languages); none: content_dir alone */
	struct rrm_content_root *content_roots;
	size_t n_content_roots;
	struct rrm_permalink *permalinks;
	size_t n_permalinks;
	enum rrm_anchors anchors;
	bool definition_ids;   /* Hugo's autoDefinitionTermID: definition terms get ids */
	bool link_render_hook; /* links go through a render hook that looks pages up */
	int lowercase_urls;    /* URLs made from paths are lower-cased (Hugo); -1 until loaded */
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
		enum rrm_severity repeated_words; /* style/repeated-word; off by default */
		enum rrm_severity names;          /* style/name-variant; off by default */
		/* style/prefer: the house form to[i] for from[i] (rrm.yml order) */
		struct rrm_strlist prefer_from, prefer_to;
		enum rrm_quotes { RRM_QUOTES_OFF, RRM_QUOTES_CURLY, RRM_QUOTES_STRAIGHT } quotes;
	} style;
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

	/* The generator's own configuration, read before rrm.yml (which overrides it). */
	enum rrm_generator generator;
	struct rrm_strlist generator_files; /* files read, relative to the root, in order */
	struct rrm_origin *origins;
	size_t n_origins;
	struct rrm_config_note *notes;
	size_t n_notes;

	/* Settings from Hugo's configuration (lib/hugo.c). */
	bool emoji; /* :emoji: codes are emoji, not words (Hugo enableEmoji; jemoji) */
	/* netlify.toml [[redirects]] `from` paths (any site): served URLs; positions in pos */
	struct rrm_strlist redirects_from;
	struct rrm_hugo {
		char *base_path; /* baseURL's path, "/" or "/docs/": every URL starts with it */
		char *default_language;       /* defaultContentLanguage ("en") */
		bool language_in_subdir;      /* defaultContentLanguageInSubdir */
		struct rrm_strlist languages; /* the configured language codes */
		bool ugly_urls;               /* uglyURLs = true (every section) */
		struct rrm_strlist ugly_sections, pretty_sections; /* uglyURLs as a map */
		struct rrm_strlist taxonomies; /* plural names: tags, categories */
		bool taxonomy_pages, term_pages, rss, sitemap, robots_txt; /* generated pages */
		bool build_drafts, build_future, build_expired;
		bool disable_aliases;
		bool attribute_block; /* markup.goldmark.parser.attribute.block */
		/* more static folders from staticDir lists and module.mounts: source, URL */
		struct rrm_strlist static_sources, static_urls;
		/* URL globs served from content rrm does not index (another language's) */
		struct rrm_strlist unchecked_urls;
		/* the languages built under /<code>/, where Hugo always writes a home page */
		struct rrm_strlist home_languages;
		/* permalinks for Hugo's list kinds: section, taxonomy, term (section NULL: all) */
		struct rrm_permalink *kind_permalinks;
		char **kind_names; /* "section", "taxonomy", "term", one per kind_permalinks */
		size_t n_kind_permalinks;
	} hugo;

	/* Settings from Jekyll's configuration (lib/jekyll.c). */
	struct rrm_jekyll
		*jekyll; /* _config.yml as rrm keeps it (lib/jekyll.h); NULL if not Jekyll */
};

struct rrm_config_error {
	char *file; /* path of rrm.yml as given, or NULL */
	int line, column;
	char *message;
};
void rrm_config_error_release(struct rrm_config_error *e);

/*
 * Finds the site root: the nearest folder from `start` (absolute) upward that
 * holds rrm.yml or a generator's configuration (see rrm_config_detect).
 * Returns a new string, or NULL when there is none.
 */
char *rrm_config_find_root(const char *start);

/*
 * The generator whose configuration `dir` holds: Hugo (hugo.toml|yaml|yml|json,
 * config.toml|yaml|yml|json, config/_default/), Jekyll (_config.yml|yaml), or
 * RRM_GEN_PLAIN.
 */
enum rrm_generator rrm_config_detect(const char *dir);

/*
 * Loads the site's configuration into `c`: the defaults, then (when `found`,
 * i.e. `root` came from rrm_config_find_root) the generator's configuration
 * in `root`, then `root`/rrm.yml, which overrides key by key. Without
 * `found`, just the defaults. Returns 0, or -1 with `err` filled. `c` is
 * always safe to release.
 */
int rrm_config_load(struct rrm_config *c, const char *root, bool found,
		    struct rrm_config_error *err);
/* Loads from text (for tests and fuzzing); `file` names it in errors. */
int rrm_config_load_text(struct rrm_config *c, const char *root, const char *file, const char *text,
			 size_t len, struct rrm_config_error *err);
void rrm_config_release(struct rrm_config *c);

/* Records where `key` came from (`file` NULL: a default), replacing an earlier origin. */
void rrm_config_set_origin(struct rrm_config *c, const char *key, const char *file, int line,
			   int column);
/* Where `key` came from, or NULL when nothing recorded it. */
const struct rrm_origin *rrm_config_get_origin(const struct rrm_config *c, const char *key);
/* Adds a note (`file` relative to the root, NULL for none). */
void rrm_config_add_note(struct rrm_config *c, const char *file, int line, int column,
			 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * The content roots: how many, and the i-th (borrowed strings). With none
 * configured, one: content_dir at the top of the content tree.
 */
size_t rrm_content_root_count(const struct rrm_config *c);
struct rrm_content_root rrm_content_root_get(const struct rrm_config *c, size_t i);
/* Adds a content root (copies the strings; `lang` NULL for the default language). */
void rrm_content_root_add(struct rrm_config *c, const char *dir, const char *at, const char *lang);
void rrm_content_roots_clear(struct rrm_config *c);
/*
 * Maps `file` (relative to the site root, normalised) to its path in the
 * content tree, in Hugo's translation-by-file-name form: a page of another
 * language than the default has its language before the extension
 * (content.fr/posts/x.md is posts/x.fr.md, as rrm_site_url reads it). The
 * most specific root holding the file wins (the longest `dir`). Returns a
 * new string, or NULL when the file is in no content root. With the single
 * root content_dir, this is the path relative to content_dir.
 */
char *rrm_content_path(const struct rrm_config *c, const char *file);
/*
 * The reverse: the real files (relative to the site root) that the content
 * path `rel` (in the form above) may be, one per root that can hold it, in
 * root order. Call with *k = 0 first; each call returns a new string, or
 * NULL when there are no more.
 */
char *rrm_content_file(const struct rrm_config *c, const char *rel, size_t *k);
/* The language other than the default that content path `rel` names (x.fr.md), or NULL. */
const char *rrm_content_language(const struct rrm_config *c, const char *rel);
/* `rel` as the page of language `lang` (x.md -> x.fr.md); a copy when it names one already. */
char *rrm_content_translate(const struct rrm_config *c, const char *rel, const char *lang);

/* True when `u` is an http:// or https:// URL with a host, as base_url must be. */
bool rrm_config_valid_base_url(const char *u);

/* The field named `name`, or NULL. */
const struct rrm_field *rrm_config_field(const struct rrm_config *c, const char *name);

#endif
