/*
 * yaml.h - the only owner of libyaml. Parses one YAML document into a small
 * tree whose every node keeps its 1-based file line and column (columns in
 * Unicode code points). Used by article (front matter) and config (rrm.yml);
 * rrm_yaml_quote writes a scalar back (rrm new, templates).
 */
#ifndef RRM_YAML_H
#define RRM_YAML_H

#include <stdbool.h>
#include <stddef.h>

enum rrm_node_kind { RRM_NODE_SCALAR, RRM_NODE_SEQ, RRM_NODE_MAP, RRM_NODE_ALIAS };

enum rrm_scalar_style { RRM_STYLE_PLAIN, RRM_STYLE_QUOTED, RRM_STYLE_BLOCK };

/* What a scalar resolves to under the YAML core schema (tags honoured). */
enum rrm_scalar_type {
	RRM_SCALAR_NULL,
	RRM_SCALAR_BOOL,
	RRM_SCALAR_INT,
	RRM_SCALAR_FLOAT,
	RRM_SCALAR_TIMESTAMP,
	RRM_SCALAR_BINARY, /* !!binary: base64 for bytes, not a string */
	RRM_SCALAR_STRING
};

struct rrm_node {
	enum rrm_node_kind kind;
	enum rrm_scalar_style style;
	char *value;              /* scalar text (NUL-terminated) or alias name; else NULL */
	size_t value_len;         /* may hold NUL bytes from "\0" escapes */
	char *tag;                /* explicit tag, or NULL */
	int line, column;         /* start, 1-based file coordinates */
	int end_line, end_column; /* just past the end */
	bool duplicate;           /* a map key already seen earlier in the same map */
	/* SEQ: items; MAP: keys and values interleaved (k0, v0, k1, v1, ...). */
	struct rrm_node **items;
	size_t n_items;
};

struct rrm_ydoc {
	struct rrm_node *root; /* NULL for an empty document */
	struct rrm_node **all; /* every node, for release */
	size_t n_all, cap_all;
};

struct rrm_yaml_error {
	int line, column; /* 1-based file coordinates */
	char *message;    /* owned; NULL when there is no error */
};

/* Limits: documented in man/rrm.yml.5 and man/rrm-lint.1. */
#define RRM_YAML_MAX_DEPTH 64
#define RRM_YAML_MAX_NODES 100000

/*
 * Parses text[0..len) as one YAML document. `first_line` is the file line of
 * the text's first line. Returns 0 on success; on failure returns -1 with
 * `err` set (the caller calls rrm_yaml_error_release) and `doc` empty.
 * Aliases are kept as RRM_NODE_ALIAS nodes and never expanded.
 */
int rrm_yaml_parse(const char *text, size_t len, int first_line, struct rrm_ydoc *doc,
		   struct rrm_yaml_error *err);
void rrm_ydoc_release(struct rrm_ydoc *doc);
void rrm_yaml_error_release(struct rrm_yaml_error *err);

/* The value of the first entry `key` in a MAP node, or NULL. */
struct rrm_node *rrm_node_get(const struct rrm_node *map, const char *key);
/* What a scalar resolves to. */
enum rrm_scalar_type rrm_scalar_type(const struct rrm_node *n);
/* A name for messages: "string", "list", "map", "int", "bool", "null", ... */
const char *rrm_node_type_name(const struct rrm_node *n);

/*
 * `value` as a double-quoted YAML scalar that reads back as the same string
 * (a new string): '"', '\\', control characters, C1 controls, U+2028,
 * U+2029, U+FEFF, U+FFFE and U+FFFF escaped.
 */
char *rrm_yaml_quote(const char *value);

/* libyaml's version string, for --version. */
const char *rrm_yaml_version(void);

#endif
