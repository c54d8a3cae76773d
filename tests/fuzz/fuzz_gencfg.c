/*
 * fuzz_gencfg - a generator's configuration file in TOML (toml++, lib/toml.cc)
 * or JSON (jansson, lib/json.c), by the first byte of the input. A parsed
 * document must be a well-formed node tree (maps of key/value pairs, every
 * node placed inside the text, no deeper than the limit); an error must have a
 * message and a line inside the text.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "lib/json.h"
#include "lib/toml.h"
#include "lib/util.h"
#include "lib/yaml.h"

static int LINES;

static void walk(const struct rrm_node *n, int depth, bool json)
{
	CHECK(depth <= RRM_YAML_MAX_DEPTH + 1, "depth %d", depth);
	(void)json;
	CHECK(n->line >= 1 && n->line <= LINES && n->column >= 1, "node at %d:%d of %d lines",
	      n->line, n->column, LINES);
	if (n->kind == RRM_NODE_SCALAR) {
		CHECK(n->value && n->tag, "a scalar without value or tag");
		CHECK(strlen(n->value) <= n->value_len, "value length");
		(void)rrm_scalar_type(n);
		return;
	}
	CHECK(n->kind == RRM_NODE_MAP || n->kind == RRM_NODE_SEQ, "kind %d", n->kind);
	if (n->kind == RRM_NODE_MAP) {
		CHECK(n->n_items % 2 == 0, "a map with %zu items", n->n_items);
		for (size_t i = 0; i < n->n_items; i += 2)
			CHECK(n->items[i]->kind == RRM_NODE_SCALAR, "a key that is not a scalar");
	}
	for (size_t i = 0; i < n->n_items; i++)
		walk(n->items[i], depth + 1, json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	bool json = data[0] & 1;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	LINES = 1;
	for (size_t i = 0; i < len; i++)
		LINES += text[i] == '\n' ||
			 (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'));
	struct rrm_ydoc doc;
	struct rrm_yaml_error err;
	int rc = json ? rrm_json_parse(text, len, &doc, &err)
		      : rrm_toml_parse(text, len, &doc, &err);
	if (rc != 0) {
		CHECK(err.message && *err.message, "an error without a message");
		CHECK(err.line >= 1 && err.line <= LINES + 1 && err.column >= 1,
		      "error at %d:%d of %d lines: %s", err.line, err.column, LINES, err.message);
		CHECK(!doc.root && !doc.n_all, "a failed parse left nodes");
		rrm_yaml_error_release(&err);
		return 0;
	}
	CHECK(json || (doc.root && doc.root->kind == RRM_NODE_MAP), "a TOML document is a map");
	if (doc.root)
		walk(doc.root, 0, json);
	CHECK(doc.n_all <= RRM_YAML_MAX_NODES, "%zu nodes", doc.n_all);
	rrm_ydoc_release(&doc);
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}
