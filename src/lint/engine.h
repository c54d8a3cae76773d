/*
 * engine.h - what the parts of the lint engine (run.c, changes.c) share:
 * the list of files of a run and how an article enters a site index. Not
 * for use outside src/lint.
 */
#ifndef RRM_LINT_ENGINE_H
#define RRM_LINT_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/article.h"
#include "lib/config.h"
#include "lib/site.h"
#include "lint/cache.h"
#include "lint/run.h"

/* A file to lint or to index. */
struct rrm_entry {
	char *abs;     /* absolute, normalised */
	char *rel;     /* relative to content_dir, or NULL when outside it */
	bool selected; /* linted (else only indexed) */
	bool inbound;  /* --staged/--changed: unchanged, checked only for links the change broke */
	bool gone;     /* --staged/--changed: deleted or renamed away by the change */
	char *blob;    /* --staged, a document given as text: read instead of the file */
	size_t blob_len;
	bool has_sig; /* sig: the file on disk when it was found */
	struct rrm_file_sig sig;
	char *refused; /* not read, and why (a link out of the site, a folder too deep) */
};

struct rrm_files {
	struct rrm_entry *v;
	size_t n, cap;
};

/* The path in the content tree of `abs` (absolute, normalised), or NULL when in no content root. */
char *rrm_lint_content_rel(const struct rrm_config *c, const char *abs);
/* Adds a file (its abs copied); returns it. */
struct rrm_entry *rrm_files_add(struct rrm_files *f, const struct rrm_config *c, const char *abs,
				bool selected);
struct rrm_entry *rrm_files_find(struct rrm_files *f, const char *abs);
void rrm_entry_release(struct rrm_entry *e);

/* How the site's generator renders a body (rrm.yml code_shortcodes). */
struct rrm_render rrm_lint_render(const struct rrm_config *c);
/* Whether an id is an anchor of the page: a kramdown IAL's only where kramdown renders. */
bool rrm_lint_is_anchor(const struct rrm_config *c, const struct rrm_html_id *h);
/* Adds a loaded article to a site index, with its anchors (`ids` from rrm_anchor_page). */
long rrm_lint_index_page(const struct rrm_config *c, struct rrm_site *site,
			 const struct rrm_article *a, const char *file, const char *rel,
			 const char *url, const struct rrm_node *fm, char **ids);

/* An article as it was before the change (--staged, --changed). */
struct rrm_old_version {
	char *abs;  /* where it was */
	char *data; /* its contents then */
	size_t len;
};

/* What changes.c finds of a change. */
struct rrm_changes {
	struct rrm_old_version *olds;
	size_t n_olds;
	char *names; /* the changed article when there is one, for messages; or NULL */
};
void rrm_changes_release(struct rrm_changes *ch);

/*
 * --staged / --changed (`ref` NULL or "" for the default): selects the
 * changed articles of `files` (their staged contents with `staged`), marks
 * the rest for the inbound check, marks the deleted, and reads the old
 * versions. Returns 0, RRM_LINT_NOTHING when no article changed, or
 * RRM_LINT_ERROR with *msg (a new string).
 */
int rrm_lint_select_changes(const struct rrm_config *c, bool staged, const char *ref,
			    struct rrm_files *files, struct rrm_changes *ch, char **msg);
/* Adds the old versions of the changed articles to the index of the site before the change. */
void rrm_lint_index_old_versions(struct rrm_site *before, const struct rrm_config *c,
				 const struct rrm_changes *ch);

#endif
