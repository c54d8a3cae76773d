/* Unit tests: rrm.yml loading, defaults and errors with line:col. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/config.h"
#include "lib/diag.h"

static struct rrm_config C;
static struct rrm_config_error E;

static int load(const char *text)
{
	rrm_config_release(&C);
	rrm_config_error_release(&E);
	return rrm_config_load_text(&C, "/nonexistent-site", "rrm.yml", text, strlen(text), &E);
}

static int teardown(void **state)
{
	(void)state;
	rrm_config_release(&C);
	rrm_config_error_release(&E);
	return 0;
}

/* Loading `text` fails at line:col with a message containing `part`. */
static void expect_error(const char *text, int line, int col, const char *part)
{
	assert_int_equal(load(text), -1);
	if (!strstr(E.message, part))
		fail_msg("message '%s' lacks '%s'", E.message, part);
	assert_int_equal(E.line, line);
	assert_int_equal(E.column, col);
}

static void test_defaults(void **state)
{
	(void)state;
	assert_int_equal(load(""), 0);
	assert_string_equal(C.content_dir, ".");
	assert_string_equal(C.static_dir, "static");
	assert_string_equal(C.timezone, "UTC");
	assert_int_equal(C.anchors, RRM_ANCHORS_HUGO);
	assert_int_equal(C.language.n, 1);
	assert_string_equal(C.language.v[0], "en_GB");
	assert_string_equal(C.dictionaries.v[0], "dict/*.dic");
	assert_int_equal(C.spelling.fields.n, 3);
	assert_string_equal(C.spelling.words_field, "spelling");
	assert_false(C.spelling.acronyms_check);
	assert_int_equal(C.fm.unknown_keys, RRM_SEV_WARNING);
	assert_int_equal(C.n_permalinks, 1);
	assert_string_equal(C.permalinks[0].pattern, "/:path/");
	assert_int_equal(C.new_.slug_max, 60);
	for (int i = 0; i < RRM_RULE_COUNT; i++)
		assert_int_equal(C.rules[i], -1);
}

static void test_full(void **state)
{
	(void)state;
	const char *text =
		"base_url: https://redrevolution.media\n"
		"content_dir: content\n"
		"static_dir: static\n"
		"permalink:\n  default: /:year/:month/:slug/\n  docs: /docs/:path/\n"
		"anchors: kramdown\n"
		"ignore_links: [\"/docs/specs/**\"]\n"
		"exclude: [readme.md, \"_drafts/**\"]\n"
		"timezone: Europe/London\n"
		"language: en_US\n"
		"dictionaries: [dict/house.dic]\n"
		"spelling:\n  fields: [title]\n  words_field: words\n  acronyms: check\n"
		"  variant: ise\n  reject: dict/reject.txt\n  skip_title_case_midsentence: true\n"
		"front_matter:\n  required: [title, date]\n  unknown_keys: error\n"
		"  fields:\n    title: {type: string, min_length: 10, max_length: 120}\n"
		"    date: {type: datetime}\n"
		"    categories: {type: list, items: string, allowed: [News, Opinion]}\n"
		"    slug: {type: string, pattern: \"^[a-z0-9-]+$\"}\n"
		"    draft: {type: bool, default: false}\n"
		"    tags: {default: [a, b], max_items: 3}\n"
		"rules:\n  front-matter/unknown-key: off\n  site/duplicate-url: warning\n"
		"new:\n  path: content/posts/:year/:slug.md\n  template: templates/post.md\n"
		"  author: Staff Writer\n  slug_max: 40\n";
	assert_int_equal(load(text), 0);
	assert_string_equal(C.base_url, "https://redrevolution.media");
	assert_string_equal(C.content_dir, "content");
	assert_int_equal(C.n_permalinks, 2);
	assert_null(C.permalinks[0].section);
	assert_string_equal(C.permalinks[1].section, "docs");
	assert_int_equal(C.anchors, RRM_ANCHORS_KRAMDOWN);
	assert_int_equal(C.exclude.n, 2);
	assert_string_equal(C.language.v[0], "en_US");
	assert_true(C.spelling.acronyms_check);
	assert_true(C.spelling.variant_ise);
	assert_true(C.spelling.skip_title_case_midsentence);
	assert_int_equal(C.fm.unknown_keys, RRM_SEV_ERROR);
	assert_int_equal(C.fm.n_fields, 6);
	const struct rrm_field *t = rrm_config_field(&C, "title");
	assert_true(t->required);
	assert_int_equal(t->min_length, 10);
	assert_int_equal(t->max_length, 120);
	assert_int_equal(rrm_config_field(&C, "categories")->allowed.n, 2);
	assert_non_null(rrm_config_field(&C, "slug")->pattern);
	assert_true(rrm_config_field(&C, "draft")->has_default);
	const struct rrm_field *tags = rrm_config_field(&C, "tags");
	assert_int_equal(tags->type, RRM_T_LIST);
	assert_true(tags->default_is_list);
	assert_int_equal(tags->default_values.n, 2);
	assert_int_equal(C.rules[RRM_RULE_FM_UNKNOWN_KEY], RRM_SEV_OFF);
	assert_int_equal(C.rules[RRM_RULE_SITE_DUPLICATE_URL], RRM_SEV_WARNING);
	assert_int_equal(C.new_.slug_max, 40);

	struct rrm_sink s;
	rrm_sink_init(&s);
	rrm_config_apply_rules(&C, &s);
	assert_int_equal(s.severity[RRM_RULE_FM_UNKNOWN_KEY], RRM_SEV_OFF);
	assert_int_equal(s.severity[RRM_RULE_SITE_DUPLICATE_URL], RRM_SEV_WARNING);
	assert_int_equal(s.severity[RRM_RULE_FM_TYPE], RRM_SEV_ERROR);
	rrm_sink_release(&s);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("colour: red\n", 1, 1, "unknown key 'colour'");
	expect_error("exclude: 3\n", 1, 10, "exclude: expected a list");
	expect_error("anchors: foo\n", 1, 10, "'foo' is not one of: hugo");
	expect_error("content_dir: ../..\n", 1, 14, "outside the site");
	expect_error("static_dir: /etc\n", 1, 13, "outside the site");
	expect_error("dictionaries: [ok.dic, /etc/passwd]\n", 1, 24, "outside the site");
	expect_error("timezone: Mars/Olympus\n", 1, 11, "unknown time zone");
	expect_error("timezone: ../../etc/passwd\n", 1, 11, "unknown time zone");
	expect_error("base_url: redrevolution.media\n", 1, 11, "http:// or https://");
	expect_error("permalink: :year/:slug\n", 1, 12, "starts with '/'");
	expect_error("permalink: /:yr/:slug/\n", 1, 12, "unknown token ':yr'");
	expect_error("rules:\n  spelling/nope: error\n", 2, 3, "unknown rule id");
	expect_error("rules:\n  front-matter/type: fatal\n", 2, 22,
		     "not one of: off, warning, error");
	expect_error("front_matter:\n  fields:\n    slug: {pattern: \"([a-z\"}\n", 3, 21,
		     "invalid regular expression");
	expect_error("front_matter:\n  fields:\n    title: {type: text}\n", 3, 19,
		     "unknown type 'text'");
	expect_error("front_matter:\n  fields:\n    title: {max_len: 3}\n", 3, 13,
		     "unknown key 'max_len'");
	expect_error("front_matter:\n  fields:\n    title: {min_length: -1}\n", 3, 25,
		     "whole number");
	expect_error("front_matter:\n  fields:\n    t: {min_length: 5, max_length: 2}\n", 3, 8,
		     "min_length is greater");
	expect_error("front_matter:\n  unknown_keys: loud\n", 2, 17, "not one of");
	expect_error("spelling:\n  acronyms: maybe\n", 2, 13, "not one of: skip, check");
	expect_error("new:\n  path: ../x/:slug.md\n", 2, 9, "outside the site");
	expect_error("new:\n  path: content/x.md\n", 2, 9, "needs :slug");
	expect_error("base_url: a\nbase_url: b\n", 2, 1, "duplicate key 'base_url'");
	expect_error("- a\n- b\n", 1, 1, "must be a map");
	expect_error("title: [1, 2\n", 1, 8, "YAML syntax");
	expect_error("a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document");
	expect_error("language: &l en_GB\nexclude: *l\n", 2, 10, "aliases are not supported");
	expect_error("spelling: {fields: \"\"}\n", 1, 20, "");
	expect_error("x: \"\xff\"\n", 1, 5, "not valid UTF-8");
	/* a lone CR ends a line here as in YAML errors and articles (fuzz_config) */
	expect_error("\r\xd0", 2, 1, "not valid UTF-8");
	expect_error("a: 1\r\nb: \xff\n", 2, 4, "not valid UTF-8");
}

static void test_find_root(void **state)
{
	(void)state;
	assert_null(rrm_config_find_root("/proc/self"));
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The nearest folder with rrm.yml or a generator's configuration is the root. */
static void test_detect(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/rrm-test-config-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char sub[600], cmd[700];
	snprintf(sub, sizeof sub, "%s/a/b", dir);
	snprintf(cmd, sizeof cmd, "mkdir -p %s", sub);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(rrm_config_detect(dir), RRM_GEN_PLAIN);

	write_file(dir, "_config.yml", "title: x\n");
	assert_int_equal(rrm_config_detect(dir), RRM_GEN_JEKYLL);
	char *root = rrm_config_find_root(sub);
	assert_non_null(root);
	assert_string_equal(root, dir);
	free(root);
	assert_int_equal(rrm_config_load(&C, dir, true, &E), 0);
	assert_int_equal(C.generator, RRM_GEN_JEKYLL);
	assert_int_equal(C.generator_files.n, 1);
	assert_string_equal(C.generator_files.v[0], "_config.yml");
	rrm_config_release(&C);
	rrm_config_error_release(&E);

	/* Hugo's configuration wins over Jekyll's in the same folder; rrm.yml overrides it. */
	write_file(dir, "hugo.toml", "title = 'x'\n");
	assert_int_equal(rrm_config_detect(dir), RRM_GEN_HUGO);
	write_file(dir, "rrm.yml", "anchors: github\n");
	assert_int_equal(rrm_config_load(&C, dir, true, &E), 0);
	assert_int_equal(C.generator, RRM_GEN_HUGO);
	assert_int_equal(C.anchors, RRM_ANCHORS_GITHUB);
	const struct rrm_origin *o = rrm_config_get_origin(&C, "anchors");
	assert_non_null(o);
	assert_string_equal(o->file, "rrm.yml");
	assert_int_equal(o->line, 1);
	assert_int_equal(o->column, 1);
	assert_null(rrm_config_get_origin(&C, "no-such-key"));
	rrm_config_add_note(&C, "hugo.toml", 1, 1, "not modelled: %s", "x");
	rrm_config_add_note(&C, "hugo.toml", 1, 1, "not modelled: %s", "x");
	assert_int_equal(C.n_notes, 1);

	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_defaults, teardown),
		cmocka_unit_test_teardown(test_full, teardown),
		cmocka_unit_test_teardown(test_errors, teardown),
		cmocka_unit_test_teardown(test_find_root, teardown),
		cmocka_unit_test_teardown(test_detect, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
