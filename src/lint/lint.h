/*
 * lint.h - the checks of `rrm lint`, one file per family. Each appends
 * findings to a sink; only the engine (run.c, run.h) drives them.
 */
#ifndef RRM_LINT_H
#define RRM_LINT_H

#include "lib/article.h"
#include "lib/config.h"
#include "lib/diag.h"
#include "lib/site.h"
#include "lib/spell.h"

/* file/unreadable and file/encoding for an article that failed to load. */
void rrm_lint_load_failure(const struct rrm_article *a, enum rrm_load_status st,
			   const char *display, struct rrm_sink *s);

/* Every front-matter/ rule for one loaded article. */
void rrm_lint_front_matter(const struct rrm_config *c, const struct rrm_article *a,
			   const char *display, struct rrm_sink *s);

struct rrm_names; /* names.c */
/*
 * A reader of the words of an article's prose as the spelling check splits
 * them (rrm_words): the run, the word's offset and length in its text, the
 * rrm_words flags, and whether the spelling check reported it.
 */
typedef void rrm_word_tap(void *ctx, const struct rrm_prose *p, size_t off, size_t len,
			  unsigned flags, bool spelt);
/*
 * spelling/ rules for one article loaded with RRM_ARTICLE_BODY and _PROSE: its prose
 * and the front-matter fields of spelling.fields. Findings of unknown words
 * carry the word as `subject`; rrm_lint_spelling_suggest adds suggestions.
 * Each word of the article's own prose goes to `tap` too (may be NULL).
 */
void rrm_lint_spelling(const struct rrm_config *c, struct rrm_speller *sp, struct rrm_article *a,
		       const char *display, struct rrm_sink *s, rrm_word_tap *tap, void *tap_ctx);
/* style/ rules (style.c) for one article loaded with RRM_ARTICLE_BODY: its prose runs. */
void rrm_lint_style(const struct rrm_config *c, const struct rrm_article *a, const char *display,
		    struct rrm_sink *s);
/*
 * style/repeated-word reads the words through a tap (rrm_repeats_word), from
 * the spelling check or rrm_lint_read_words; rrm_repeats_end reports the last
 * pair and frees it. NULL when the rule is off.
 */
struct rrm_repeats;
struct rrm_repeats *rrm_repeats_new(const struct rrm_article *a, const char *display,
				    struct rrm_sink *s);
rrm_word_tap rrm_repeats_word;
void rrm_repeats_end(struct rrm_repeats *r);
/* Reads the words of every prose run of `a` into `tap` (none spelt), as spelling would. */
void rrm_lint_read_words(const struct rrm_article *a, rrm_word_tap *tap, void *ctx);
/*
 * style/name-variant (names.c). The names of an article are collected from
 * the words of its prose as the spelling check reads them (rrm_names_word,
 * with whether the check reported the word), then compared and reported by
 * rrm_lint_names, which frees the collection. `sp` may be NULL (no dictionary).
 */
struct rrm_names *rrm_names_new(const struct rrm_article *a, struct rrm_speller *sp);
rrm_word_tap rrm_names_word; /* ctx: the struct rrm_names */
void rrm_names_free(struct rrm_names *x);
void rrm_lint_names(struct rrm_names *names, const struct rrm_article *a, struct rrm_speller *sp,
		    const char *display, struct rrm_sink *s);
/*
 * A fix's text as it must be written at text offset `text_off` of run `p`:
 * escaped for the front-matter value that holds it ('' in '...', \" and \\
 * in "..."), or NULL when a plain value could not hold it as it is (a colon,
 * a hash, a quote); a new string.
 */
char *rrm_lint_fix_for(const struct rrm_article *a, const struct rrm_prose *p, size_t text_off,
		       const char *fix);
/* Whether any style/ rule is on in the sink's severities (the prose runs are then needed). */
bool rrm_lint_style_on(const struct rrm_sink *s);
/*
 * Suggestions for the unknown words in the sink, looked up once per distinct
 * word, the most frequent first, for at most RRM_SPELL_SUGGEST_MAX words,
 * shared out among `n_sp` spellers (loaded alike), one thread each.
 * `memo_in` (may be NULL) holds the suggestions of an earlier run, which are
 * reused; every word's suggestions go to `memo_out` (may be NULL).
 * Returns the number of distinct unknown words.
 */
size_t rrm_lint_spelling_suggest(struct rrm_speller *const *sp, size_t n_sp, struct rrm_sink *s,
				 bool suggest, const struct rrm_map *memo_in,
				 struct rrm_map *memo_out);

/* Drops the findings from index `from` on that the rrm-disable comments `d` silence. */
void rrm_lint_apply_directives(const struct rrm_directive *d, size_t n, struct rrm_sink *s,
			       size_t from);

/* A linted article, kept for the link checks once the whole site is indexed. */
struct rrm_linted {
	char *display;
	char *file; /* relative to the site root */
	long page;  /* index in the site, or -1 (a file outside content_dir) */
	bool draft;
	bool inbound;           /* not linted itself: only links that a change broke are reported */
	struct rrm_link *links; /* taken from the article */
	size_t n_links;
	struct rrm_directive *directives; /* taken from the article */
	size_t n_directives;
	/* a page Hugo does not render (page is -1): it has no URL that its
	 * relative URL links could be resolved against (a snippet is included
	 * into other pages), so they are not checked */
	bool unrendered;
	size_t unread; /* its links are not read yet (the run reads them if it may need them) */
};
void rrm_linted_release(struct rrm_linted *l);

/* link/ rules for the links of one article against the site index. */
void rrm_lint_links(const struct rrm_config *c, const struct rrm_site *site,
		    const struct rrm_linted *from, struct rrm_sink *s);
/*
 * Where one link of `from` leads, resolved as rrm_lint_links resolves it,
 * with no findings: a page of `site`, a file served, or nothing (dead,
 * outside the site, another site, template code, a fragment alone). For a
 * file, `path` is the URL path it is served at, or (file_path) its path
 * from the site root.
 */
struct rrm_link_target {
	enum rrm_target kind;
	size_t page;
	bool alias; /* the page was found by one of its aliases */
	char *path;
	bool file_path;
};
/* s[0..n) with each %XX decoded (a new string), as the link checks read URLs and fragments. */
char *rrm_lint_percent_decode(const char *s, size_t n);
void rrm_lint_link_target(const struct rrm_config *c, const struct rrm_site *site,
			  const struct rrm_linted *from, const struct rrm_link *l,
			  struct rrm_link_target *t);
void rrm_link_target_release(struct rrm_link_target *t);
/* link/duplicate-id: headings whose id repeats an earlier one (`ids`, `dup` from rrm_anchor_page).
 */
void rrm_lint_duplicate_ids(const struct rrm_linted *from, const struct rrm_article *a, char **ids,
			    const bool *dup, struct rrm_sink *s);

/* An alias (or redirect_from entry) of an article: the URL it claims, and where it is written. */
struct rrm_url_alias {
	char *url; /* as served (rrm_site_alias_url) */
	int line, column, end_line, end_column;
	size_t offset;
};

/* One article's published URL, with where to point a finding about it. */
struct rrm_url_entry {
	char *url;
	char *display;
	int line, column, end_line, end_column;
	size_t offset;
	bool from_key; /* the URL comes from a url, permalink or slug key (at line) */
	bool report;   /* the article is linted: report its findings */
	struct rrm_url_alias *aliases;
	size_t n_aliases;
};

/* Computes the entry of a loaded article (the caller releases it). */
void rrm_url_entry_make(const struct rrm_config *c, const struct rrm_article *a, const char *rel,
			const char *display, struct rrm_url_entry *e);
void rrm_url_entry_release(struct rrm_url_entry *e);

/*
 * site/duplicate-url for every entry with `report`: two articles whose URLs
 * or aliases claim the same URL, as a web server matches them ("/x/" and
 * "/x/index.html" are one; "/x" clashes with "/x/" and "/x.html"), each
 * finding at the claim and naming the other.
 */
void rrm_lint_duplicate_urls(struct rrm_url_entry *v, size_t n, struct rrm_sink *s);

#endif
