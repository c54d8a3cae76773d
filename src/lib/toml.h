/*
 * toml.h - the only owner of the TOML library (toml++, Debian's
 * libtomlplusplus-dev, behind src/lib/toml.cc). Parses one TOML document
 * into the same node tree as lib/yaml.h, so one reader walks a generator's
 * configuration whether it is written in TOML, YAML or JSON.
 *
 * Every node keeps the 1-based line and column toml++ gives it (a key: where
 * the key is written; a table from a [header]: the header). Scalars carry
 * explicit YAML core tags so that rrm_scalar_type() resolves them as TOML
 * typed them: "tag:yaml.org,2002:str", int, float, bool and timestamp (an
 * offset or local date-time, or a local date, written as RFC 3339; a local
 * time is a string). Keys of a table come in the order they are written.
 */
#ifndef RRM_TOML_H
#define RRM_TOML_H

#include <stddef.h>

#include "lib/yaml.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Parses text[0..len) as a TOML document into `doc` (root: a MAP). Returns 0,
 * or -1 with `err` set (line, column and message; release it with
 * rrm_yaml_error_release) and `doc` empty. Nesting deeper than
 * RRM_YAML_MAX_DEPTH or more than RRM_YAML_MAX_NODES nodes is an error too.
 */
int rrm_toml_parse(const char *text, size_t len, struct rrm_ydoc *doc, struct rrm_yaml_error *err);

/* toml++'s version, for --version. */
const char *rrm_toml_version(void);

#ifdef __cplusplus
}
#endif

#endif
