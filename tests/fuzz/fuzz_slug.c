/*
 * fuzz_slug - the text helpers of `rrm new`: the slug of a title
 * (slug.c), and the title written into a template's front matter
 * (template.c), which must read back as the same string (yaml.c).
 * The first byte of the input is the slug's maximum length; the rest is
 * the title. Dates (date.c) are parsed from the title too.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "lib/date.h"
#include "lib/slug.h"
#include "lib/template.h"
#include "lib/util.h"
#include "lib/yaml.h"

static void check_slug(const char *title, size_t max)
{
	char *s = rrm_slugify(title, max);
	size_t n = strlen(s);
	CHECK(n <= max, "slug '%s' longer than %zu", s, max);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-',
		      "slug '%s': byte 0x%02x", s, (unsigned char)c);
		if (c == '-')
			CHECK(i > 0 && i + 1 < n && s[i + 1] != '-', "slug '%s': stray hyphen", s);
	}
	char *again = rrm_slugify(s, max);
	CHECK(!strcmp(again, s), "the slug of '%s' is '%s'", s, again);
	free(again);
	free(s);
}

/* The title through a template's front matter and back. */
static void check_template(const char *title)
{
	static const char tmpl[] = "---\ntitle: {{title}}\nauthor: '{{ author }}'\ndate: {{date}}\n"
				   "---\n\n# {{title}}\n";
	struct rrm_template_vars v = {title, "2026-01-02", "a-slug", title};
	char *text = rrm_template_expand(tmpl, &v);
	const char *fm = text + 4, *end = strstr(fm, "\n---\n");
	CHECK(end, "no end of front matter in:\n%s", text);
	struct rrm_ydoc doc;
	struct rrm_yaml_error err;
	int rc = rrm_yaml_parse(fm, (size_t)(end + 1 - fm), 2, &doc, &err);
	CHECK(rc == 0, "the front matter does not parse (%s) for title '%s':\n%s", err.message,
	      title, text);
	static const char *const keys[] = {"title", "author"};
	for (size_t k = 0; k < 2; k++) {
		const struct rrm_node *t = rrm_node_get(doc.root, keys[k]);
		CHECK(t && t->kind == RRM_NODE_SCALAR, "%s is not a scalar:\n%s", keys[k], text);
		CHECK(t->value_len == strlen(title) && !memcmp(t->value, title, t->value_len),
		      "%s '%s' reads back as '%s':\n%s", keys[k], title, t->value, text);
		CHECK(rrm_scalar_type(t) == RRM_SCALAR_STRING, "%s is a %s", keys[k],
		      rrm_node_type_name(t));
	}
	rrm_ydoc_release(&doc);
	free(text);
}

static void check_date(const char *s)
{
	struct rrm_datetime d;
	for (int date_only = 0; date_only < 2; date_only++) {
		enum rrm_date_status st = rrm_date_parse(s, date_only, &d);
		if (st != RRM_DATE_OK)
			continue;
		CHECK(rrm_date_valid(d.year, d.month, d.day), "'%s' is OK but %d-%d-%d", s, d.year,
		      d.month, d.day);
		CHECK(!d.has_time || (d.hour >= 0 && d.hour <= 24 && d.minute >= 0 &&
				      d.minute < 60 && d.second >= 0 && d.second <= 60),
		      "'%s': time %d:%d:%d", s, d.hour, d.minute, d.second);
		CHECK(!date_only || !d.has_time, "'%s': a time in a date", s);
		int y, m, dd;
		rrm_date_local_day(&d, "Europe/London", &y, &m, &dd);
		CHECK(rrm_date_valid(y, m, dd), "'%s': local day %d-%d-%d", s, y, m, dd);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || size > 4096)
		return 0;
	size_t max = data[0];
	char *title = rrm_strndup((const char *)data + 1, size - 1); /* up to a NUL */
	check_slug(title, max);
	bool nul;
	size_t tl = strlen(title);
	if (rrm_utf8_check(title, tl, &nul) == tl)
		check_template(title);
	check_date(title);
	free(title);
	return 0;
}
