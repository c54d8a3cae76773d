/* rrm config: the effective configuration, each value with where it came from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "lib/config.h"
#include "lib/diag.h"
#include "lib/util.h"

const struct rrm_opt config_opts[] = {
	{OPT_FORMAT, "format", 'f', "FORMAT", "output format: text (default) or json"},
	{OPT_END, NULL, 0, NULL, NULL},
};

const struct rrm_command rrm_cmd_config = {
	"config",
	cmd_config,
	config_opts,
	"[--format FORMAT]",
	"print the effective configuration and where each value came from",
	"Prints every setting rrm uses for this site, one a line as\n"
	"origin key = value: the origin is file:line:col in rrm.yml or the\n"
	"generator's configuration (hugo.toml, config/_default/hugo.yaml, ...), or\n"
	"default. Then the notes: settings of the generator rrm cannot honour."};

struct out {
	const struct rrm_config *c;
	bool json;
	bool first;
	struct rrm_buf b;
};

static int on_opt(int id, const char *value, void *data)
{
	bool *json = data;
	if (id == OPT_FORMAT) {
		enum rrm_format f = RRM_FORMAT_TEXT;
		int rc = rrm_parse_format("config", value, RRM_FORMATS_TEXT_JSON, &f);
		*json = f == RRM_FORMAT_JSON;
		return rc;
	}
	return 0;
}

/* The origin of `key`: its own, else that of the map holding it ("permalink", "front_matter"). */
static const struct rrm_origin *find_origin(const struct rrm_config *c, const char *key)
{
	char k[300];
	snprintf(k, sizeof k, "%s", key);
	for (;;) {
		const struct rrm_origin *o = rrm_config_get_origin(c, k);
		if (o)
			return o;
		char *dot = strrchr(k, '.');
		if (!dot)
			return NULL;
		*dot = '\0';
	}
}

static void origin_text(struct rrm_buf *b, const struct rrm_origin *o)
{
	if (!o || !o->file)
		rrm_buf_adds(b, "default");
	else if (o->line > 0)
		rrm_buf_addf(b, "%s:%d:%d", o->file, o->line, o->column);
	else
		rrm_buf_adds(b, o->file);
}

enum vkind { V_STR, V_RAW, V_LIST };

/* One setting: `v` a string (V_STR, NULL: none), a bare word (V_RAW), or a list. */
static void emit(struct out *x, const char *key, enum vkind kind, const char *v,
		 const struct rrm_strlist *l)
{
	const struct rrm_origin *o = find_origin(x->c, key);
	struct rrm_buf *b = &x->b;
	b->len = 0;
	b->data[0] = '\0';
	struct rrm_buf val;
	rrm_buf_init(&val);
	if (kind == V_LIST) {
		rrm_buf_addc(&val, '[');
		for (size_t i = 0; i < l->n; i++) {
			if (i)
				rrm_buf_adds(&val, ", ");
			rrm_buf_add_json(&val, l->v[i]);
		}
		rrm_buf_addc(&val, ']');
	} else if (kind == V_RAW) {
		rrm_buf_adds(&val, v);
	} else if (v) {
		rrm_buf_add_json(&val, v);
	} else {
		rrm_buf_adds(&val, x->json ? "null" : "\"\"");
	}
	if (x->json) {
		rrm_buf_adds(b, x->first ? "\n  " : ",\n  ");
		rrm_buf_adds(b, "{\"key\": ");
		rrm_buf_add_json(b, key);
		rrm_buf_addf(b, ", \"value\": %s, \"origin\": ", val.data);
		if (!o || !o->file) {
			rrm_buf_adds(b, "null");
		} else {
			rrm_buf_adds(b, "{\"file\": ");
			rrm_buf_add_json(b, o->file);
			rrm_buf_addf(b, ", \"line\": %d, \"column\": %d}", o->line, o->column);
		}
		rrm_buf_addc(b, '}');
	} else {
		struct rrm_buf ob;
		rrm_buf_init(&ob);
		origin_text(&ob, o);
		rrm_buf_addf(b, "%-32s %s = %s\n", ob.data, key, val.data);
		rrm_buf_release(&ob);
	}
	x->first = false;
	fputs(b->data, stdout);
	rrm_buf_release(&val);
}

static void str(struct out *x, const char *key, const char *v)
{
	emit(x, key, V_STR, v, NULL);
}

static void flag(struct out *x, const char *key, bool v)
{
	emit(x, key, V_RAW, v ? "true" : "false", NULL);
}

static void list(struct out *x, const char *key, const struct rrm_strlist *l)
{
	emit(x, key, V_LIST, NULL, l);
}

static void num(struct out *x, const char *key, long v)
{
	char n[32];
	snprintf(n, sizeof n, "%ld", v);
	emit(x, key, V_RAW, n, NULL);
}

static const char *anchors_name(enum rrm_anchors a)
{
	static const char *const names[] = {"hugo",   "hugo-ascii", "hugo-blackfriday",
					    "jekyll", "kramdown",   "github"};
	return names[a];
}

static const char *const sev_names[] = {"off", "warning", "error"};

static void print_all(struct out *x)
{
	const struct rrm_config *c = x->c;
	const struct rrm_hugo *h = &c->hugo;
	bool hugo = c->generator == RRM_GEN_HUGO;
	str(x, "generator", rrm_generator_name(c->generator));
	list(x, "generator_files", &c->generator_files);
	str(x, "base_url", c->base_url);
	if (hugo)
		str(x, "base_path", h->base_path);
	str(x, "content_dir", c->content_dir);
	if (c->n_content_roots) {
		struct rrm_strlist m = {0};
		for (size_t i = 0; i < c->n_content_roots; i++) {
			const struct rrm_content_root *r = &c->content_roots[i];
			char *e = rrm_asprintf("%s -> content%s%s%s%s", r->dir, r->at[0] ? "/" : "",
					       r->at, r->lang ? " lang=" : "",
					       r->lang ? r->lang : "");
			rrm_strlist_add(&m, e);
			free(e);
		}
		list(x, "content_roots", &m);
		rrm_strlist_release(&m);
	}
	str(x, "static_dir", c->static_dir);
	if (h->static_sources.n) {
		struct rrm_strlist m = {0};
		for (size_t i = 0; i < h->static_sources.n; i++) {
			char *e = rrm_asprintf("%s -> %s", h->static_sources.v[i],
					       h->static_urls.v[i]);
			rrm_strlist_add(&m, e);
			free(e);
		}
		list(x, "static_mounts", &m);
		rrm_strlist_release(&m);
	}
	/* the default pattern first, then one per section */
	for (size_t i = 0; i < c->n_permalinks; i++)
		if (!c->permalinks[i].section)
			str(x, "permalink", c->permalinks[i].pattern);
	for (size_t i = 0; i < c->n_permalinks; i++)
		if (c->permalinks[i].section) {
			char *k = rrm_asprintf("permalink.%s", c->permalinks[i].section);
			str(x, k, c->permalinks[i].pattern);
			free(k);
		}
	for (size_t i = 0; i < h->n_kind_permalinks; i++) {
		char *k = rrm_asprintf("permalink.%s.%s", h->kind_names[i],
				       h->kind_permalinks[i].section);
		str(x, k, h->kind_permalinks[i].pattern);
		free(k);
	}
	str(x, "anchors", anchors_name(c->anchors));
	flag(x, "definition_ids", c->definition_ids);
	flag(x, "link_render_hook", c->link_render_hook);
	flag(x, "lowercase_urls", c->lowercase_urls > 0);
	if (hugo) {
		flag(x, "attribute_block", h->attribute_block);
		if (h->ugly_sections.n || h->pretty_sections.n) {
			list(x, "ugly_urls.true", &h->ugly_sections);
			list(x, "ugly_urls.false", &h->pretty_sections);
		} else {
			flag(x, "ugly_urls", h->ugly_urls);
		}
		str(x, "default_language", h->default_language);
		list(x, "languages", &h->languages);
		flag(x, "language_in_subdir", h->language_in_subdir);
		list(x, "taxonomies", &h->taxonomies);
		struct rrm_strlist g = {0};
		if (h->rss)
			rrm_strlist_add(&g, "rss");
		if (h->sitemap)
			rrm_strlist_add(&g, "sitemap");
		if (h->robots_txt)
			rrm_strlist_add(&g, "robots.txt");
		if (h->taxonomy_pages)
			rrm_strlist_add(&g, "taxonomy");
		if (h->term_pages)
			rrm_strlist_add(&g, "term");
		list(x, "generated_pages", &g);
		rrm_strlist_release(&g);
		flag(x, "build_drafts", h->build_drafts);
		flag(x, "build_future", h->build_future);
		flag(x, "build_expired", h->build_expired);
		flag(x, "disable_aliases", h->disable_aliases);
		list(x, "unchecked_urls", &h->unchecked_urls);
	}
	flag(x, "emoji", c->emoji);
	if (c->redirects_from.n)
		list(x, "redirects_from", &c->redirects_from);
	str(x, "timezone", c->timezone);
	list(x, "exclude", &c->exclude);
	list(x, "ignore_links", &c->ignore_links);
	list(x, "language", &c->language);
	list(x, "dictionaries", &c->dictionaries);
	list(x, "spelling.fields", &c->spelling.fields);
	str(x, "spelling.words_field", c->spelling.words_field);
	str(x, "spelling.acronyms", c->spelling.acronyms_check ? "check" : "skip");
	str(x, "spelling.variant", c->spelling.variant_ise ? "ise" : "off");
	str(x, "spelling.reject", c->spelling.reject);
	flag(x, "spelling.skip_title_case_midsentence", c->spelling.skip_title_case_midsentence);
	str(x, "style.names", sev_names[c->style.names]);
	str(x, "style.repeated_words", sev_names[c->style.repeated_words]);
	struct rrm_strlist prefer = {0};
	for (size_t i = 0; i < c->style.prefer_from.n; i++) {
		char *pair =
			rrm_asprintf("%s: %s", c->style.prefer_from.v[i], c->style.prefer_to.v[i]);
		rrm_strlist_add(&prefer, pair);
		free(pair);
	}
	list(x, "style.prefer", &prefer);
	rrm_strlist_release(&prefer);
	static const char *const quote_names[] = {"off", "curly", "straight"};
	str(x, "style.quotes", quote_names[c->style.quotes]);
	list(x, "front_matter.required", &c->fm.required);
	str(x, "front_matter.unknown_keys", sev_names[c->fm.unknown_keys]);
	struct rrm_strlist fields = {0};
	for (size_t i = 0; i < c->fm.n_fields; i++)
		rrm_strlist_add(&fields, c->fm.fields[i].name);
	list(x, "front_matter.fields", &fields);
	rrm_strlist_release(&fields);
	for (int i = 0; i < RRM_RULE_COUNT; i++)
		if (c->rules[i] >= 0) {
			char *k = rrm_asprintf("rules.%s", rrm_rules[i].id);
			str(x, k, sev_names[c->rules[i]]);
			free(k);
		}
	str(x, "new.path", c->new_.path);
	str(x, "new.template", c->new_.template_file);
	str(x, "new.author", c->new_.author);
	num(x, "new.slug_max", c->new_.slug_max);
}

static void print_notes(const struct rrm_config *c, bool json)
{
	if (json) {
		fputs("\n], \"notes\": [", stdout);
		for (size_t i = 0; i < c->n_notes; i++) {
			const struct rrm_config_note *n = &c->notes[i];
			struct rrm_buf b;
			rrm_buf_init(&b);
			rrm_buf_adds(&b, i ? ",\n  {\"file\": " : "\n  {\"file\": ");
			if (n->file)
				rrm_buf_add_json(&b, n->file);
			else
				rrm_buf_adds(&b, "null");
			rrm_buf_addf(&b, ", \"line\": %d, \"column\": %d, \"message\": ", n->line,
				     n->column);
			rrm_buf_add_json(&b, n->message);
			rrm_buf_addc(&b, '}');
			fputs(b.data, stdout);
			rrm_buf_release(&b);
		}
		fputs(c->n_notes ? "\n]}\n" : "]}\n", stdout);
		return;
	}
	for (size_t i = 0; i < c->n_notes; i++) {
		const struct rrm_config_note *n = &c->notes[i];
		if (n->file && n->line > 0)
			printf("%s:%d:%d: note: %s\n", n->file, n->line, n->column, n->message);
		else if (n->file)
			printf("%s: note: %s\n", n->file, n->message);
		else
			printf("note: %s\n", n->message);
	}
}

int cmd_config(int argc, char **argv, struct rrm_common *common)
{
	bool json = false;
	int nops = 0;
	int rc = rrm_parse_options(&rrm_cmd_config, argc, argv, common, on_opt, &json, &nops);
	if (rc)
		return rc == 1 ? RRM_EXIT_OK : rc;
	if (nops > 0) {
		rrm_error("config: takes no operands (see 'rrm config --help')");
		return RRM_EXIT_USAGE;
	}
	struct rrm_config c;
	char cwd[4096];
	rc = rrm_enter_site_as(common, &c, cwd, sizeof cwd, json);
	if (rc) {
		rrm_config_release(&c);
		return rc;
	}
	struct out x = {&c, json, true, {0}};
	rrm_buf_init(&x.b);
	if (json)
		fputs("{\"version\": 1, \"root\": ", stdout);
	if (json) {
		struct rrm_buf r;
		rrm_buf_init(&r);
		rrm_buf_add_json(&r, c.root);
		printf("%s, \"settings\": [", r.data);
		rrm_buf_release(&r);
	}
	print_all(&x);
	if (!json && c.n_notes)
		putchar('\n');
	print_notes(&c, json);
	rrm_buf_release(&x.b);
	rrm_config_release(&c);
	return RRM_EXIT_OK;
}
