/* Unit tests: the TOML (toml++) and JSON (jansson) wrappers, into yaml.h's node tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/json.h"
#include "lib/toml.h"
#include "lib/util.h"
#include "lib/yaml.h"

static struct rrm_ydoc D;
static struct rrm_yaml_error E;

static int teardown(void **state)
{
	(void)state;
	rrm_ydoc_release(&D);
	rrm_yaml_error_release(&E);
	return 0;
}

static int toml(const char *s)
{
	rrm_ydoc_release(&D);
	rrm_yaml_error_release(&E);
	return rrm_toml_parse(s, strlen(s), &D, &E);
}

static int json(const char *s)
{
	rrm_ydoc_release(&D);
	rrm_yaml_error_release(&E);
	return rrm_json_parse(s, strlen(s), &D, &E);
}

/* The key `i`'s node (a MAP's keys and values interleave). */
static const struct rrm_node *key_at(const struct rrm_node *map, size_t i)
{
	assert_true(2 * i + 1 < map->n_items);
	return map->items[2 * i];
}

static void test_toml_types(void **state)
{
	(void)state;
	assert_int_equal(
		toml("s = \"x\"\ni = -42\nf = 1.5\nb = true\nd = 1979-05-27\n"
		     "dt = 1979-05-27T07:32:00-08:00\nz = 1979-05-27T07:32:00Z\n"
		     "local = 1979-05-27T07:32:00.5\nt = 07:32:00\ninf = -inf\nnum = \"12\"\n"),
		0);
	const struct rrm_node *r = D.root;
	assert_int_equal(r->kind, RRM_NODE_MAP);
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "s")), RRM_SCALAR_STRING);
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "i")), RRM_SCALAR_INT);
	assert_string_equal(rrm_node_get(r, "i")->value, "-42");
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "f")), RRM_SCALAR_FLOAT);
	assert_string_equal(rrm_node_get(r, "f")->value, "1.5");
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "b")), RRM_SCALAR_BOOL);
	assert_string_equal(rrm_node_get(r, "b")->value, "true");
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "d")), RRM_SCALAR_TIMESTAMP);
	assert_string_equal(rrm_node_get(r, "d")->value, "1979-05-27");
	assert_string_equal(rrm_node_get(r, "dt")->value, "1979-05-27T07:32:00-08:00");
	assert_string_equal(rrm_node_get(r, "z")->value, "1979-05-27T07:32:00Z");
	assert_string_equal(rrm_node_get(r, "local")->value, "1979-05-27T07:32:00.5");
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "t")), RRM_SCALAR_STRING);
	assert_string_equal(rrm_node_get(r, "t")->value, "07:32:00");
	assert_string_equal(rrm_node_get(r, "inf")->value, "-.inf");
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "inf")), RRM_SCALAR_FLOAT);
	/* a quoted number stays a string */
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "num")), RRM_SCALAR_STRING);
}

static void test_toml_positions(void **state)
{
	(void)state;
	assert_int_equal(
		toml("# a comment\ntitle = 'x'\n\n[markup.goldmark]\n  [markup.goldmark.parser]\n"
		     "    autoHeadingIDType = \"github\"\n"),
		0);
	const struct rrm_node *r = D.root;
	/* keys in the order written, not sorted */
	assert_string_equal(key_at(r, 0)->value, "title");
	assert_int_equal(key_at(r, 0)->line, 2);
	assert_int_equal(key_at(r, 0)->column, 1);
	assert_string_equal(key_at(r, 1)->value, "markup");
	const struct rrm_node *t = rrm_node_get(r, "title");
	assert_int_equal(t->line, 2);
	assert_int_equal(t->column, 9);
	const struct rrm_node *p =
		rrm_node_get(rrm_node_get(rrm_node_get(r, "markup"), "goldmark"), "parser");
	assert_non_null(p);
	assert_int_equal(p->kind, RRM_NODE_MAP);
	assert_int_equal(key_at(p, 0)->line, 6);
	assert_int_equal(key_at(p, 0)->column, 5);
	const struct rrm_node *v = rrm_node_get(p, "autoHeadingIDType");
	assert_string_equal(v->value, "github");
	assert_int_equal(v->line, 6);
	assert_int_equal(v->column, 25);
	/* a UTF-8 value before the key on the same line: columns count code points */
	assert_int_equal(toml("a = { \"é\" = 1, b = 2 }\n"), 0);
	const struct rrm_node *b = rrm_node_get(rrm_node_get(D.root, "a"), "b");
	assert_int_equal(b->line, 1);
	assert_int_equal(b->column, 20);
}

static void test_toml_nesting(void **state)
{
	(void)state;
	assert_int_equal(toml("[[module.mounts]]\nsource = 'content/en'\ntarget = 'content'\n"
			      "[module.mounts.sites.matrix]\nlanguages = ['en']\n"
			      "[[module.mounts]]\nsource = \"static\"\ntarget = \"static\"\n"
			      "[permalinks.page]\nposts = '/:year/:slug/'\n"
			      "a.b.c = 1\n"),
			 0);
	const struct rrm_node *m = rrm_node_get(rrm_node_get(D.root, "module"), "mounts");
	assert_non_null(m);
	assert_int_equal(m->kind, RRM_NODE_SEQ);
	assert_int_equal(m->n_items, 2);
	assert_int_equal(m->items[0]->kind, RRM_NODE_MAP);
	assert_string_equal(rrm_node_get(m->items[0], "source")->value, "content/en");
	assert_int_equal(rrm_node_get(m->items[0], "source")->line, 2);
	const struct rrm_node *l = rrm_node_get(
		rrm_node_get(rrm_node_get(m->items[0], "sites"), "matrix"), "languages");
	assert_int_equal(l->kind, RRM_NODE_SEQ);
	assert_string_equal(l->items[0]->value, "en");
	assert_int_equal(l->items[0]->line, 5);
	assert_string_equal(rrm_node_get(m->items[1], "target")->value, "static");
	assert_int_equal(rrm_node_get(m->items[1], "target")->line, 8);
	const struct rrm_node *c = rrm_node_get(
		rrm_node_get(
			rrm_node_get(rrm_node_get(rrm_node_get(D.root, "permalinks"), "page"), "a"),
			"b"),
		"c"); /* dotted keys below a header belong to its table */
	assert_string_equal(c->value, "1");
	assert_int_equal(c->line, 11);
	/* an empty document is an empty map */
	assert_int_equal(toml(""), 0);
	assert_int_equal(D.root->kind, RRM_NODE_MAP);
	assert_int_equal(D.root->n_items, 0);
}

static void test_toml_errors(void **state)
{
	(void)state;
	assert_int_equal(toml("a = 1\nb = = 2\n"), -1);
	assert_non_null(E.message);
	assert_int_equal(E.line, 2);
	assert_int_equal(E.column, 5);
	assert_null(D.root);
	assert_int_equal(toml("a = 1\na = 2\n"), -1); /* a key defined twice */
	assert_int_equal(E.line, 2);
	assert_int_equal(toml("[x]\n[x]\n"), -1);
	assert_int_equal(E.line, 2);
	assert_int_equal(toml("s = \"open\n"), -1);
	assert_int_equal(E.line, 1);
	assert_int_equal(toml("ok = 1\nbad = \"\xff\"\n"), -1); /* not UTF-8 */
	assert_int_equal(E.line, 2);
	char nul[] = "a = 1\nb\0 = 2\n";
	rrm_ydoc_release(&D);
	rrm_yaml_error_release(&E);
	assert_int_equal(rrm_toml_parse(nul, sizeof nul - 1, &D, &E), -1);
	assert_int_equal(E.line, 2);
}

static void test_toml_limits(void **state)
{
	(void)state;
	struct rrm_buf b;
	rrm_buf_init(&b);
	/* a table header 200 keys deep: past rrm's depth limit, an error, no crash */
	rrm_buf_adds(&b, "[a");
	for (int i = 0; i < 200; i++)
		rrm_buf_adds(&b, ".a");
	rrm_buf_adds(&b, "]\nx = 1\n");
	assert_int_equal(toml(b.data), -1);
	assert_non_null(strstr(E.message, "nesting deeper than 64"));
	/* inline arrays 100000 deep: toml++'s own limit */
	b.len = 0;
	rrm_buf_adds(&b, "x = ");
	for (int i = 0; i < 100000; i++)
		rrm_buf_addc(&b, '[');
	assert_int_equal(toml(b.data), -1);
	assert_non_null(E.message);
	/* 70 levels of inline arrays: toml++ takes it, rrm's limit refuses it */
	b.len = 0;
	rrm_buf_adds(&b, "x = ");
	for (int i = 0; i < 70; i++)
		rrm_buf_addc(&b, '[');
	for (int i = 0; i < 70; i++)
		rrm_buf_addc(&b, ']');
	rrm_buf_addc(&b, '\n');
	assert_int_equal(toml(b.data), -1);
	assert_int_equal(E.line, 1);
	/* more nodes than the limit */
	b.len = 0;
	rrm_buf_adds(&b, "x = [");
	for (int i = 0; i < 60000; i++)
		rrm_buf_adds(&b, "1,");
	rrm_buf_adds(&b, "]\n");
	assert_int_equal(toml(b.data), 0); /* 60002 nodes: fine */
	b.len = 0;
	for (int i = 0; i < 60000; i++)
		rrm_buf_addf(&b, "k%d = %d\n", i, i);
	assert_int_equal(toml(b.data), -1); /* 120001 nodes */
	assert_non_null(strstr(E.message, "more than 100000"));
	rrm_buf_release(&b);
}

static void test_json(void **state)
{
	(void)state;
	assert_int_equal(json("{\"baseURL\": \"https://example.org/\", \"n\": 3, \"f\": 0.25,\n"
			      " \"b\": false, \"z\": null, \"l\": [1, {\"k\": \"v\"}], \"a\": 1}"),
			 0);
	const struct rrm_node *r = D.root;
	assert_int_equal(r->kind, RRM_NODE_MAP);
	/* keys in the order written */
	assert_string_equal(key_at(r, 0)->value, "baseURL");
	assert_string_equal(key_at(r, 6)->value, "a");
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "baseURL")), RRM_SCALAR_STRING);
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "n")), RRM_SCALAR_INT);
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "f")), RRM_SCALAR_FLOAT);
	assert_string_equal(rrm_node_get(r, "f")->value, "0.25");
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "b")), RRM_SCALAR_BOOL);
	assert_string_equal(rrm_node_get(r, "b")->value, "false");
	assert_int_equal(rrm_scalar_type(rrm_node_get(r, "z")), RRM_SCALAR_NULL);
	const struct rrm_node *l = rrm_node_get(r, "l");
	assert_int_equal(l->kind, RRM_NODE_SEQ);
	assert_int_equal(l->n_items, 2);
	assert_string_equal(rrm_node_get(l->items[1], "k")->value, "v");
	/* positions from the second pass over the text: keys and values */
	assert_int_equal(key_at(r, 1)->line, 1);
	assert_int_equal(key_at(r, 1)->column, 37);
	assert_int_equal(rrm_node_get(r, "n")->line, 1);
	assert_int_equal(rrm_node_get(r, "n")->column, 42);
	assert_int_equal(l->line, 2);
	assert_int_equal(l->column, 30);
	assert_int_equal(rrm_node_get(l->items[1], "k")->line, 2);
	assert_int_equal(rrm_node_get(l->items[1], "k")->column, 40);
	assert_int_equal(r->line, 1);
	assert_int_equal(r->column, 1);
	/* escapes, multi-byte characters and CRLF keep the count right */
	assert_int_equal(json("{\"\\\"é\": [\r\n  \"\u00e9\",\r\n  true]}"), 0);
	const struct rrm_node *q = D.root->items[1];
	assert_int_equal(q->column, 9);
	assert_int_equal(q->items[1]->line, 3);
	assert_int_equal(q->items[1]->column, 3);
	/* a string that looks like a number stays a string */
	assert_int_equal(json("{\"x\": \"12\", \"y\": \"true\"}"), 0);
	assert_int_equal(rrm_scalar_type(rrm_node_get(D.root, "x")), RRM_SCALAR_STRING);
	assert_int_equal(rrm_scalar_type(rrm_node_get(D.root, "y")), RRM_SCALAR_STRING);
}

static void test_json_errors(void **state)
{
	(void)state;
	assert_int_equal(json("{\n  \"a\": 1,\n  \"b\" 2\n}\n"), -1);
	assert_non_null(E.message);
	assert_int_equal(E.line, 3);
	assert_int_equal(E.column, 7);
	assert_null(D.root);
	assert_int_equal(json("{\"a\": 1, \"a\": 2}"), -1); /* a repeated key */
	assert_non_null(strstr(E.message, "duplicate"));
	assert_int_equal(json("{\"a\": \"x\\u0000y\"}"), -1); /* NUL in a string */
	assert_int_equal(json("{\"a\": \"\xff\"}"), -1);      /* not UTF-8 */
	assert_int_equal(json(""), -1);
	rrm_ydoc_release(&D);
	rrm_yaml_error_release(&E);
	assert_int_equal(rrm_json_parse("[true,\n true\0]", 14, &D, &E),
			 -1); /* a NUL outside strings */
	assert_int_equal(E.line, 2);
	assert_int_equal(E.column, 6);
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (int i = 0; i < 100000; i++)
		rrm_buf_addc(&b, '[');
	assert_int_equal(json(b.data), -1); /* jansson's own depth limit */
	b.len = 0;
	for (int i = 0; i < 70; i++)
		rrm_buf_addc(&b, '[');
	for (int i = 0; i < 70; i++)
		rrm_buf_addc(&b, ']');
	assert_int_equal(json(b.data), -1); /* rrm's */
	assert_non_null(strstr(E.message, "nesting deeper than 64"));
	b.len = 0;
	rrm_buf_addc(&b, '[');
	for (int i = 0; i < 100001; i++)
		rrm_buf_adds(&b, i ? ",1" : "1");
	rrm_buf_addc(&b, ']');
	assert_int_equal(json(b.data), -1);
	assert_non_null(strstr(E.message, "more than 100000"));
	rrm_buf_release(&b);
}

static void test_versions(void **state)
{
	(void)state;
	assert_true(strlen(rrm_toml_version()) >= 5);
	assert_true(strlen(rrm_json_version()) >= 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_toml_types, teardown),
		cmocka_unit_test_teardown(test_toml_positions, teardown),
		cmocka_unit_test_teardown(test_toml_nesting, teardown),
		cmocka_unit_test_teardown(test_toml_errors, teardown),
		cmocka_unit_test_teardown(test_toml_limits, teardown),
		cmocka_unit_test_teardown(test_json, teardown),
		cmocka_unit_test_teardown(test_json_errors, teardown),
		cmocka_unit_test_teardown(test_versions, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
