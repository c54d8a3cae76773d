/*
 * fuzz_config - rrm.yml: loaded and validated from memory
 * (rrm_config_load_text, which rrm_config_load calls with the file's
 * text). An error must point inside the file; a loaded configuration is
 * then used the way lint and new use it: fields looked up, rules applied,
 * URLs made with its permalink patterns, paths tried against exclude.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "lib/config.h"
#include "lib/diag.h"
#include "lib/site.h"
#include "lib/util.h"
#include "lib/yaml.h"

#define ROOT "/nonexistent/rrm-fuzz-site"

static const char *const RELS[] = {
	"posts/2024/05/hello-world.md",
	"posts/2024-05-06-dated.md",
	"_index.md",
	"docs/a/b/index.md",
	"Über/Straße.markdown",
	"x.md",
	"",
};

static const char FM[] = "slug: My Slug\ndate: 2024-02-29T23:30:00+01:00\ntitle: A title\n"
			 "url: /fixed/\naliases: [/old/]\n";

static void check_error(const struct rrm_config_error *err, const char *text, size_t len)
{
	CHECK(err->message && *err->message, "an error without a message");
	int lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n' ||
			 (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'));
	CHECK(err->line >= 1 && err->line <= lines + 1, "error on line %d of %d: %s", err->line,
	      lines, err->message);
	/* the line's width in code points */
	size_t i = 0;
	for (int l = 1; l < err->line && i < len; i++)
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
			l++;
	size_t e = i;
	while (e < len && text[e] != '\n' && text[e] != '\r')
		e++;
	int width = (int)rrm_utf8_count(text + i, e - i);
	CHECK(err->column >= 1 && err->column <= width + 1,
	      "error at %d:%d, the line has %d characters: %s", err->line, err->column, width,
	      err->message);
	CHECK(err->file && !strcmp(err->file, "rrm.yml"), "error file");
}

static void use_config(const struct rrm_config *c, const struct rrm_node *fm)
{
	CHECK(c->root && !strcmp(c->root, ROOT), "root");
	CHECK(c->content_dir && c->static_dir, "content_dir and static_dir");
	CHECK(c->n_permalinks >= 1, "no permalink pattern");
	for (size_t i = 0; i < c->fm.n_fields; i++) {
		const struct rrm_field *f = &c->fm.fields[i];
		CHECK(f->name, "a field without a name");
		CHECK(rrm_config_field(c, f->name), "field '%s' not found", f->name);
		(void)rrm_ftype_name(f->type);
		CHECK(!f->has_default || f->default_values.n >= 1 || f->default_is_list,
		      "a default without a value");
	}
	struct rrm_sink s;
	rrm_sink_init(&s);
	rrm_config_apply_rules(c, &s);
	for (int r = 0; r < RRM_RULE_COUNT; r++)
		CHECK(s.severity[r] <= RRM_SEV_ERROR, "rule %d severity %d", r, (int)s.severity[r]);
	rrm_sink_release(&s);
	for (size_t i = 0; i < sizeof RELS / sizeof *RELS; i++) {
		for (int with_fm = 0; with_fm < 2; with_fm++) {
			char *url = rrm_site_url(c, RELS[i], with_fm ? fm : NULL);
			CHECK(url && url[0] == '/', "the URL of %s is '%s'", RELS[i], url);
			free(url);
		}
		(void)rrm_site_excluded(c, RELS[i]);
	}
	(void)rrm_site_pattern(c, "posts");
	(void)rrm_site_pattern(c, "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rrm_ydoc fm;
	static bool fm_ready;
	if (!fm_ready) {
		struct rrm_yaml_error e;
		CHECK(rrm_yaml_parse(FM, strlen(FM), 1, &fm, &e) == 0, "fixed front matter");
		fm_ready = true;
	}
	const char *text = (const char *)data;
	struct rrm_config c;
	struct rrm_config_error err;
	memset(&c, 0, sizeof c);
	int rc = rrm_config_load_text(&c, ROOT, "rrm.yml", text, size, &err);
	if (rc == 0) {
		CHECK(!err.message, "loaded, with an error: %s", err.message);
		use_config(&c, fm.root);
	} else {
		CHECK(rc == -1, "rc %d", rc);
		check_error(&err, text, size);
	}
	rrm_config_error_release(&err);
	rrm_config_release(&c);
	return 0;
}
