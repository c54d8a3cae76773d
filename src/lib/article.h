/*
 * article.h - one article file: read it, split off the YAML front matter,
 * parse that (through yaml.h) and the body, and map byte offsets to 1-based
 * file lines and code-point columns. Used by lint and, later, by new.
 *
 * article.c owns the file, the split and the line map; the body is read by
 * markdown.c (the only owner of cmark) and scan.c (what cmark does not
 * report: reference definitions, template links and template code, raw
 * HTML, kramdown's attribute lists, inline control comments).
 */
#ifndef RRM_ARTICLE_H
#define RRM_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/yaml.h"

enum rrm_fm_state {
	RRM_FM_NONE,         /* the file does not start with a "---" line */
	RRM_FM_YAML,         /* "---" ... "---" or "..." */
	RRM_FM_UNTERMINATED, /* "---" on line 1 is never closed */
	RRM_FM_TOML,         /* "+++" front matter, which rrm does not read */
	RRM_FM_INDENTED      /* "---" on line 1 after blanks: not front matter */
};

enum rrm_load_status {
	RRM_LOAD_OK = 0,
	RRM_LOAD_UNREADABLE, /* err_errno says why */
	RRM_LOAD_TOO_LARGE,  /* over RRM_MAX_FILE_SIZE */
	RRM_LOAD_ENCODING    /* invalid UTF-8 or NUL at bad_offset */
};

/*
 * A heading of the body, in document order, with its text as each site
 * generator reads it for its ids (see anchor.h and ANCHORS.md).
 */
struct rrm_heading {
	int level;
	int line, column;
	int end_line;    /* its last line (a setext heading's underline) */
	char *text;      /* plain text: text and code, entities decoded */
	char *text_hugo; /* Hugo: also image alt text; numeric entities kept; typographer
			  * dashes and ellipses; a setext heading's last line only */
	char *text_gfm;  /* GitHub: text, code and link text; no image alt text */
	char *text_typo; /* Jekyll (kramdown GFM): as text_gfm with typographer dashes */
	char *raw;       /* the heading's source, markers and closing #s removed */
	bool term;       /* a definition-list term ("Term" then ": definition"), which
			  * Hugo gives an id with autoDefinitionTermID */
	bool shortcode;  /* holds a Hugo shortcode ({{< >}}, {{% %}}): Hugo's id is
			  * known only around what the shortcode prints */
	char *ial_id;    /* the id of a kramdown block IAL ("{: #id}" on the next line),
			  * or NULL */
};

/* A link, image or reference definition of the body. */
enum rrm_link_kind {
	RRM_LINK_LINK,
	RRM_LINK_IMAGE,
	RRM_LINK_REF,            /* a reference definition: [label]: dest */
	RRM_LINK_HUGO_REF,       /* {{< ref "dest" >}} or relref */
	RRM_LINK_JEKYLL_LINK,    /* {% link dest %} */
	RRM_LINK_JEKYLL_POST_URL /* {% post_url dest %} */
};

struct rrm_link {
	enum rrm_link_kind kind;
	char *dest;       /* as written (entities and escapes decoded) */
	int line, column; /* of the destination's first character */
	size_t offset;    /* its byte offset in `source` */
	size_t len;       /* bytes of the destination in the source, when known */
	bool from_html;   /* <a href> or <img src> in raw HTML */
};

/* An id="..." or name="..." attribute in raw HTML, or the id of a kramdown IAL. */
struct rrm_html_id {
	char *id;
	int line, column;
	bool ial; /* from a kramdown IAL ("{: #id}", "*x*{:#id}"): an anchor where
		   * kramdown renders the page (Jekyll), literal text elsewhere */
};

/*
 * A run of prose: the text of one paragraph, heading or front-matter field
 * as a reader sees it (entities decoded, emphasis markers gone, code spans
 * and raw HTML replaced by a space), with segments that tie it back to the
 * source so that a word can be located exactly.
 */
struct rrm_segment {
	size_t text_off, len;      /* in the run's text */
	size_t src_begin, src_end; /* byte range of the source it came from */
};

struct rrm_prose {
	char *text;
	size_t len;
	struct rrm_segment *segs;
	size_t n_segs;
	bool front_matter; /* from a front-matter field */
};

/* An inline control comment: <!-- rrm-disable RULE... -->, rrm-enable, rrm-disable-next-line. */
enum rrm_directive_kind { RRM_DIRECTIVE_DISABLE, RRM_DIRECTIVE_ENABLE, RRM_DIRECTIVE_NEXT_LINE };

struct rrm_directive {
	enum rrm_directive_kind kind;
	int line;    /* of the comment's end */
	char *rules; /* space-separated rule ids or families; NULL for every rule */
};

struct rrm_article {
	char *path;   /* file system path as opened */
	char *source; /* the file without a leading BOM, NUL-terminated */
	size_t len;
	size_t bom; /* 3 when a UTF-8 BOM was stripped, else 0 */

	size_t *line_starts; /* byte offset of each line's start (index 0 = line 1) */
	size_t n_lines;
#define RRM_CP_STEP 4096u
	/* code points before byte k * RRM_CP_STEP, for O(RRM_CP_STEP) columns on long lines */
	size_t *cp_marks;

	enum rrm_fm_state fm_state;
	int fm_first_line, fm_last_line; /* lines of the YAML text (inside the fences) */
	size_t fm_begin, fm_end;         /* byte range of the YAML text */
	size_t body_begin;               /* byte offset where the body starts */
	bool fm_parsed;                  /* fm_doc is valid */
	struct rrm_ydoc fm_doc;
	struct rrm_yaml_error fm_error; /* set when parsing failed */

	struct rrm_heading *headings;
	size_t n_headings, cap_headings;

	struct rrm_link *links; /* with RRM_ARTICLE_BODY */
	size_t n_links, cap_links;
	struct rrm_html_id *html_ids;
	size_t n_html_ids, cap_html_ids;
	/* The body uses a block-level {{% %}} shortcode that is not paired (its
	 * output is Markdown rendered into the page, which may add headings), so
	 * not all its anchors are known. Shortcodes inline in a paragraph, in a
	 * link, in a heading (see rrm_heading.shortcode) or wrapping Markdown that
	 * rrm reads ({{% tab %}} ... {{% /tab %}}) do not count. */
	bool shortcode_content;
	/* The first argument of each block-level {{% include ARG %}} (quotes
	 * removed): a Markdown snippet rendered into the page, whose headings the
	 * caller may find (else the page's anchors are not all known). */
	char **includes;
	size_t n_includes;
	/* The body is HTML (an .html page with front matter), not Markdown. */
	bool html_body;

	struct rrm_prose *prose; /* with RRM_ARTICLE_BODY */
	size_t n_prose, cap_prose;
	struct rrm_directive *directives;
	size_t n_directives, cap_directives;

	/* Load failure detail. */
	int err_errno;
	size_t bad_offset;
	bool bad_is_nul;
	bool bad_is_bom; /* a byte order mark (U+FEFF) inside the front matter */
};

/* What rrm_article_load should do besides reading and splitting. */
enum {
	RRM_ARTICLE_FRONT_MATTER = 1 << 0, /* parse the YAML */
	RRM_ARTICLE_BODY = 1 << 1,         /* parse the Markdown body: headings, links, ids */
	RRM_ARTICLE_PROSE = 1 << 2         /* with BODY: also the prose runs, for spelling */
};

/*
 * How the generator renders a body, beyond CommonMark: the paired Hugo
 * shortcodes whose inner text is code (rrm.yml `code_shortcodes`), and
 * whether kramdown's IALs ("{: #id}") are syntax (Jekyll) or text (Hugo).
 * NULL options mean the defaults: RRM_CODE_SHORTCODES, IALs read.
 */
struct rrm_render {
	char *const *code_shortcodes;
	size_t n_code_shortcodes;
	bool kramdown;
};
#define RRM_CODE_SHORTCODES                                                                        \
	{                                                                                          \
		"highlight", "code", "code-toggle", "codeblock"                                    \
	}

void rrm_article_init(struct rrm_article *a);
/* Reads `path` and processes it per `flags`. The article is always safe to release. */
enum rrm_load_status rrm_article_load(struct rrm_article *a, const char *path, unsigned flags);
/* As rrm_article_load, from memory (`src` is copied). */
enum rrm_load_status rrm_article_load_mem(struct rrm_article *a, const char *path, const char *src,
					  size_t len, unsigned flags);
/* The same, with the site's rendering options (NULL: the defaults). */
enum rrm_load_status rrm_article_load_with(struct rrm_article *a, const char *path, unsigned flags,
					   const struct rrm_render *r);
enum rrm_load_status rrm_article_load_mem_with(struct rrm_article *a, const char *path,
					       const char *src, size_t len, unsigned flags,
					       const struct rrm_render *r);
void rrm_article_release(struct rrm_article *a);

/* Byte offset (into `source`) -> 1-based line and code-point column. */
void rrm_article_pos(const struct rrm_article *a, size_t offset, int *line, int *column);
/* 1-based line and code-point column -> byte offset into `source` (clamped). */
size_t rrm_article_offset(const struct rrm_article *a, int line, int column);
/* Byte offset in the file on disk of a `source` offset (adds the BOM back). */
static inline size_t rrm_article_file_offset(const struct rrm_article *a, size_t offset)
{
	return offset + a->bom;
}

/*
 * Adds the front-matter fields named in `fields` (strings, or lists of
 * strings) as prose runs. Needs RRM_ARTICLE_FRONT_MATTER.
 */
void rrm_article_add_field_prose(struct rrm_article *a, char *const *fields, size_t n);

/*
 * The source byte offset of byte `off` of a prose run's text: exact through
 * entities and backslash escapes; else the nearest known position.
 */
size_t rrm_article_locate(const struct rrm_article *a, const struct rrm_prose *p, size_t off);

/*
 * The same, for callers that ask about increasing offsets of one run (the
 * spelling check): the cursor remembers where the last walk stopped, so
 * that a run with many findings costs linear time, not quadratic.
 * Zero-initialise the cursor; it is reset when `p` changes.
 */
struct rrm_locate_cursor {
	const struct rrm_prose *p;
	size_t seg, i, j; /* a state the aligned walk of segment `seg` reached */
	size_t hit;       /* the source offset last found by the word search */
};
size_t rrm_article_locate_from(const struct rrm_article *a, const struct rrm_prose *p, size_t off,
			       struct rrm_locate_cursor *c);

/* cmark's version string, for --version. */
const char *rrm_cmark_version(void);

/*
 * For the readers of the body (markdown.c, scan.c), which fill the article;
 * not for its users.
 */
/* End of line `i` (0-based), excluding its line break. */
size_t rrm_article_line_end(const struct rrm_article *a, size_t i);
/* Adds a link whose destination `dest[0, dlen)` is `srclen` bytes at `offset`
 * (both clamped to the source). */
void rrm_article_add_link(struct rrm_article *a, enum rrm_link_kind kind, const char *dest,
			  size_t dlen, size_t offset, size_t srclen, bool html);
/* Adds an id (taken: freed with the article) found at source offset `at`. */
void rrm_article_add_html_id(struct rrm_article *a, char *id, size_t at, bool ial);
/* Adds a prose run; its text (`len` bytes, NUL-terminated) and segments are taken. */
void rrm_article_add_prose(struct rrm_article *a, char *text, size_t len, struct rrm_segment *segs,
			   size_t n_segs, bool front_matter);

#endif
