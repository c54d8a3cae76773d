/*
 * json.h - the only owner of the JSON library (jansson, Debian's
 * libjansson-dev). Parses one JSON document into the same node tree as
 * lib/yaml.h (see lib/toml.h), scalars tagged with their JSON type:
 * "tag:yaml.org,2002:str", int, float, bool, null.
 *
 * jansson keeps no position for a value, only for an error; rrm finds each
 * node's 1-based line and column (code points) in a second, lexical pass over
 * the valid text, whose values come in the order of the tree. Object keys
 * keep the order they are written in.
 */
#ifndef RRM_JSON_H
#define RRM_JSON_H

#include <stddef.h>

#include "lib/yaml.h"

/*
 * Parses text[0..len) as one JSON value into `doc`. Returns 0, or -1 with
 * `err` set (1-based line and column of the error, message; release with
 * rrm_yaml_error_release) and `doc` empty. A key repeated in an object, a NUL
 * in a string, nesting deeper than RRM_YAML_MAX_DEPTH or more than
 * RRM_YAML_MAX_NODES nodes are errors.
 */
int rrm_json_parse(const char *text, size_t len, struct rrm_ydoc *doc, struct rrm_yaml_error *err);

/* jansson's version, for --version. */
const char *rrm_json_version(void);

#endif
