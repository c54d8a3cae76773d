/*
 * article.h - one article file: read it, split off the YAML front matter,
 * parse that (through yaml.h) and the Markdown body (this file is the only
 * owner of cmark), and map byte offsets to 1-based file lines and code-point
 * columns. Used by lint and, later, by new.
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

/* A heading of the body, in document order. */
struct rrm_heading {
	int level;
	int line, column;
	char *text; /* plain text of the heading */
};

struct rrm_article {
	char *path;   /* file system path as opened */
	char *source; /* the file without a leading BOM, NUL-terminated */
	size_t len;
	size_t bom;   /* 3 when a UTF-8 BOM was stripped, else 0 */

	size_t *line_starts; /* byte offset of each line's start (index 0 = line 1) */
	size_t n_lines;

	enum rrm_fm_state fm_state;
	int fm_first_line, fm_last_line; /* lines of the YAML text (inside the fences) */
	size_t fm_begin, fm_end;         /* byte range of the YAML text */
	size_t body_begin;               /* byte offset where the body starts */
	bool fm_parsed;                  /* fm_doc is valid */
	struct rrm_ydoc fm_doc;
	struct rrm_yaml_error fm_error;  /* set when parsing failed */

	struct rrm_heading *headings;
	size_t n_headings, cap_headings;

	/* Load failure detail. */
	int err_errno;
	size_t bad_offset;
	bool bad_is_nul;
};

/* What rrm_article_load should do besides reading and splitting. */
enum {
	RRM_ARTICLE_FRONT_MATTER = 1 << 0, /* parse the YAML */
	RRM_ARTICLE_BODY = 1 << 1          /* parse the Markdown body */
};

void rrm_article_init(struct rrm_article *a);
/* Reads `path` and processes it per `flags`. The article is always safe to release. */
enum rrm_load_status rrm_article_load(struct rrm_article *a, const char *path, unsigned flags);
/* As rrm_article_load, from memory (`src` is copied). */
enum rrm_load_status rrm_article_load_mem(struct rrm_article *a, const char *path, const char *src,
					  size_t len, unsigned flags);
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

/* cmark's version string, for --version. */
const char *rrm_cmark_version(void);

#endif
