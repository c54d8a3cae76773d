/*
 * query.h - what an editor asks of a document and the site index (for
 * `rrm lsp`): whether a position is inside a link destination, the
 * completions of that destination, where a destination leads, and the
 * document's headings. Pure functions: byte offsets and 1-based lines in,
 * plain structs out; nothing is printed and no file is written.
 *
 * Positions: offsets are bytes into the text given; columns are 1-based
 * and counted in bytes of their line (the caller converts them to UTF-16
 * or code points).
 */
#ifndef RRM_LINT_QUERY_H
#define RRM_LINT_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/config.h"
#include "lib/site.h"

/* ---- 1. the link destination at an offset ---- */

enum rrm_query_link_kind { RRM_QUERY_LINK, RRM_QUERY_IMAGE };

enum rrm_query_link_form {
	RRM_QUERY_INLINE, /* [text](dest or ![alt](dest */
	RRM_QUERY_HTML,   /* <a href="dest or <img src="dest */
	RRM_QUERY_REFDEF  /* [label]: dest */
};

struct rrm_query_link {
	enum rrm_query_link_kind kind;
	enum rrm_query_link_form form;
	size_t start; /* the destination's first byte */
	/* its end: the closing ')', quote, space or line end (closed), or the
	 * offset asked about when the destination is not finished on its line */
	size_t end;
	bool closed;
	bool has_hash; /* a '#' in [start, end): at `hash` */
	size_t hash;
};

/*
 * Whether byte `offset` (0 to len) of `text` is inside a link or image
 * destination, start <= offset <= end. Lines inside fenced code (``` or ~~~
 * fences above the line) and offsets inside a code span of the line are
 * not; indented code blocks and code spans over several lines are not
 * recognised (a line-local check).
 */
bool rrm_query_link_at(const char *text, size_t len, size_t offset, struct rrm_query_link *ctx);
/*
 * The same, and also on the rest of a link: its text of an inline link
 * ([te|xt](dest) gives dest), or a reference link ([text][label],
 * [label][], [label]) whose definition ([label]: dest) is in the text.
 * `end` is always the destination's end (of one not finished on its line:
 * the first blank, quote, '>' or ')' after it, else the line's end).
 */
bool rrm_query_link_around(const char *text, size_t len, size_t offset, struct rrm_query_link *ctx);

/* ---- 2. completion ---- */

enum rrm_query_item_kind { RRM_QUERY_PAGE, RRM_QUERY_ANCHOR, RRM_QUERY_FILE };

struct rrm_query_item {
	enum rrm_query_item_kind kind;
	char *label;  /* the text to insert for the destination (or, after '#', the anchor) */
	char *detail; /* the page's title (else its file), the heading's text, or the file */
	bool draft;   /* a page: a draft */
};

struct rrm_query_items {
	struct rrm_query_item *v;
	size_t n;
	bool incomplete; /* more matched than RRM_QUERY_MAX_ITEMS */
	/* the bytes of the document the labels replace: [from, to) */
	size_t from, to;
};
#define RRM_QUERY_MAX_ITEMS 200
void rrm_query_items_release(struct rrm_query_items *it);

/*
 * The completions of the destination `ctx` (from rrm_query_link_at) in the
 * document `doc_path` (absolute, or relative to the site root) whose text
 * is `text`: page URLs for a link (root-absolute permalinks, or relative
 * .md paths when the document's own links are mostly those), the anchors
 * of the target page after '#' (of this text when the part before '#' is
 * empty), the site's files for an image (images first). Only labels that
 * start with what is typed (up to the offset), sorted, then those that
 * hold it elsewhere (ignoring case); at most RRM_QUERY_MAX_ITEMS. Titles
 * are read from the files on demand (front matter only).
 */
void rrm_query_complete(const struct rrm_config *c, const struct rrm_site *site,
			const char *doc_path, const char *text, size_t len, size_t offset,
			const struct rrm_query_link *ctx, struct rrm_query_items *items);

/* ---- 3. where a destination leads ---- */

enum rrm_query_target_kind { RRM_QUERY_NONE, RRM_QUERY_TO_PAGE, RRM_QUERY_TO_FILE };

struct rrm_query_target {
	enum rrm_query_target_kind kind;
	char *file;  /* absolute path of the page's source or of the file served */
	char *url;   /* a page: its URL; a file: the URL path it is served at, if known */
	char *title; /* a page: its front matter's title, or NULL */
	bool draft;
	bool alias;   /* the page was reached by one of its aliases */
	char *anchor; /* the fragment (decoded), or NULL */
	/* the heading or element with that id in `file` (for the document's own
	 * anchors, in `text`): 1-based line and byte column; 0 when not found */
	int line, column;
};
void rrm_query_target_release(struct rrm_query_target *t);

/*
 * Where destination `dest` (as written in the document `doc_path` with the
 * text `text`, `len`) leads, resolved as `rrm lint` resolves links
 * (rrm_lint_link_target): relative, root-absolute, with base_url or the
 * baseurl, a .md path, "#anchor" (this text). Returns t->kind.
 */
enum rrm_query_target_kind rrm_query_resolve(const struct rrm_config *c,
					     const struct rrm_site *site, const char *doc_path,
					     const char *text, size_t len, const char *dest,
					     bool image, struct rrm_query_target *t);

/* ---- 4. references ---- */

/* A document's text that stands for its file (an editor's buffer). */
struct rrm_query_text {
	const char *path; /* absolute, or relative to the site root */
	const char *text;
	size_t len;
};

/* A link found: the destination's place in its file. */
struct rrm_query_ref {
	char *file;             /* absolute */
	int line;               /* 1-based */
	int column, end_column; /* 1-based bytes of the line: the destination and past it */
	char *line_text;        /* the line (without its end), to count columns in other units */
};

struct rrm_query_refs {
	struct rrm_query_ref *v;
	size_t n;
};
void rrm_query_refs_release(struct rrm_query_refs *r);

/*
 * The links of the site that lead to the page whose source is `target`
 * (absolute, or relative to the root) and, when `anchor` is not NULL, to
 * that anchor of it (its fragment, decoded, equal to `anchor`): each article
 * of the index is read (the texts in `open` instead of their files), and its
 * links resolved as `rrm lint` resolves them; "#anchor" links of the target
 * itself count too. In file order, then in the order of the file.
 */
void rrm_query_references(const struct rrm_config *c, const struct rrm_site *site,
			  const char *target, const char *anchor, const struct rrm_query_text *open,
			  size_t n_open, struct rrm_query_refs *out);

/* ---- 5. headings ---- */

struct rrm_query_heading {
	int level;
	char *text;
	char *id; /* as the site's anchor rules make it (NULL: none) */
	int line, end_line;
	int column, end_column; /* bytes, 1-based: the heading's first byte, and past its last */
	size_t offset;          /* byte offset of its first byte in the text */
};

struct rrm_query_headings {
	struct rrm_query_heading *v;
	size_t n;
};
void rrm_query_headings_release(struct rrm_query_headings *h);

/* The headings of `text` (an article, front matter and all), in order. */
void rrm_query_headings(const struct rrm_config *c, const char *text, size_t len,
			struct rrm_query_headings *out);

#endif
