/*
 * jekyll.c - _config.yml into rrm's settings, and Jekyll 4.3's URL model.
 * The rules were read in Jekyll 4.3.1 (configuration.rb, document.rb,
 * page.rb, url.rb, drops/url_drop.rb, entry_filter.rb, reader.rb,
 * frontmatter_defaults.rb, publisher.rb) and checked against real builds.
 */
#include "lib/jekyll.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "lib/date.h"
#include "lib/spell.h"
#include "lib/util.h"

/* Reading _config.yml. */

struct jctx {
	struct rrm_config *c;
	struct rrm_jekyll *j;
	struct rrm_config_error *err;
	const char *file; /* "_config.yml" or "_config.yaml" */
};

static bool fail(struct jctx *x, const struct rrm_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(struct jctx *x, const struct rrm_node *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[1024];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	x->err->line = n ? n->line : 1;
	x->err->column = n ? n->column : 1;
	x->err->message = rrm_strdup(buf);
	return false;
}

static void origin(struct jctx *x, const char *key, const struct rrm_node *n)
{
	rrm_config_set_origin(x->c, key, x->file, n->line, n->column);
}

/* The text of a scalar that is not null, or NULL. */
static const char *scalar(const struct rrm_node *n)
{
	if (!n || n->kind != RRM_NODE_SCALAR || rrm_scalar_type(n) == RRM_SCALAR_NULL)
		return NULL;
	return n->value;
}

/* A YAML 1.1 boolean as Ruby's Psych reads it (yes/no/on/off too), else `def`. */
static bool truthy(const struct rrm_node *n, bool def)
{
	const char *v = scalar(n);
	if (!v)
		return n && n->kind == RRM_NODE_SCALAR ? false : def;
	static const char *const yes[] = {"true", "yes", "on", "y"};
	static const char *const no[] = {"false", "no", "off", "n"};
	if (n->style != RRM_STYLE_PLAIN)
		return true; /* a quoted string is truthy in Ruby */
	for (size_t i = 0; i < 4; i++) {
		if (!strcasecmp(v, yes[i]))
			return true;
		if (!strcasecmp(v, no[i]))
			return false;
	}
	return true;
}

static bool is_false(const struct rrm_node *n)
{
	return n && n->kind == RRM_NODE_SCALAR && n->style == RRM_STYLE_PLAIN && scalar(n) &&
	       !truthy(n, true);
}

/* A list of strings (Jekyll requires a list for include and exclude). */
static bool string_list(struct jctx *x, const struct rrm_node *v, const char *key,
			struct rrm_strlist *out)
{
	if (v->kind == RRM_NODE_SCALAR && !scalar(v))
		return true;
	if (v->kind != RRM_NODE_SEQ)
		return fail(x, v, "%s: Jekyll wants a list, got %s", key, rrm_node_type_name(v));
	for (size_t i = 0; i < v->n_items; i++) {
		const char *s = scalar(v->items[i]);
		if (s)
			rrm_strlist_add(out, s);
	}
	return true;
}

static void add_collection(struct rrm_jekyll *j, const char *label, bool output,
			   const char *permalink)
{
	for (size_t i = 0; i < j->n_collections; i++)
		if (!strcmp(j->collections[i].label, label)) {
			j->collections[i].output = output || !strcmp(label, "posts");
			if (permalink) {
				free(j->collections[i].permalink);
				j->collections[i].permalink = rrm_strdup(permalink);
			}
			return;
		}
	j->collections =
		rrm_realloc(j->collections, (j->n_collections + 1) * sizeof *j->collections);
	j->collections[j->n_collections++] = (struct rrm_jekyll_collection){
		rrm_strdup(label), output, permalink ? rrm_strdup(permalink) : NULL};
}

static bool load_collections(struct jctx *x, const struct rrm_node *v)
{
	if (v->kind == RRM_NODE_SEQ) {
		for (size_t i = 0; i < v->n_items; i++)
			if (scalar(v->items[i]))
				add_collection(x->j, v->items[i]->value, false, NULL);
		return true;
	}
	if (v->kind == RRM_NODE_SCALAR && !scalar(v))
		return true;
	if (v->kind != RRM_NODE_MAP)
		return fail(x, v, "collections: expected a map or a list, got %s",
			    rrm_node_type_name(v));
	for (size_t i = 0; i + 1 < v->n_items; i += 2) {
		const char *label = scalar(v->items[i]);
		const struct rrm_node *m = v->items[i + 1];
		if (!label)
			continue;
		const struct rrm_node *out =
			m->kind == RRM_NODE_MAP ? rrm_node_get(m, "output") : NULL;
		const char *perm =
			m->kind == RRM_NODE_MAP ? scalar(rrm_node_get(m, "permalink")) : NULL;
		add_collection(x->j, label, truthy(out, false), perm);
	}
	return true;
}

/* "blog/" and "/blog/" are "/blog"; "" and "/" are none. */
static char *clean_baseurl(const char *b)
{
	while (*b == '/')
		b++;
	size_t n = strlen(b);
	while (n && b[n - 1] == '/')
		n--;
	if (!n)
		return NULL;
	char *s = rrm_strndup(b, n);
	char *r = rrm_asprintf("/%s", s);
	free(s);
	return r;
}

static void load_kramdown(struct jctx *x, const struct rrm_node *v)
{
	if (v->kind != RRM_NODE_MAP)
		return;
	for (size_t i = 0; i + 1 < v->n_items; i += 2) {
		const char *k = scalar(v->items[i]);
		const struct rrm_node *val = v->items[i + 1];
		if (!k)
			continue;
		if (!strcmp(k, "input")) {
			const char *in = scalar(val);
			if (in && !strcasecmp(in, "kramdown")) {
				x->c->anchors = RRM_ANCHORS_KRAMDOWN;
				origin(x, "anchors", val);
			} else if (in && !strcasecmp(in, "GFM")) {
				x->c->anchors = RRM_ANCHORS_JEKYLL;
				origin(x, "anchors", val);
			} else if (in) {
				rrm_config_add_note(
					x->c, x->file, val->line, val->column,
					"kramdown.input: parser '%s' is not modelled; heading "
					"ids follow kramdown's GFM parser",
					in);
			}
		} else if (!strcmp(k, "auto_ids")) {
			x->j->auto_ids = truthy(val, true);
			origin(x, "jekyll.kramdown.auto_ids", val);
		} else if (!strcmp(k, "auto_id_prefix")) {
			free(x->j->auto_id_prefix);
			const char *p = scalar(val);
			x->j->auto_id_prefix = p && *p ? rrm_strdup(p) : NULL;
			origin(x, "jekyll.kramdown.auto_id_prefix", val);
		} else if (!strcmp(k, "auto_id_stripping") ||
			   !strcmp(k, "transliterated_header_ids")) {
			if (truthy(val, false) && !strcmp(k, "transliterated_header_ids"))
				rrm_config_add_note(
					x->c, x->file, val->line, val->column,
					"kramdown.%s is not modelled: heading ids may differ", k);
			else if (!strcmp(k, "auto_id_stripping") && truthy(val, false) &&
				 x->c->anchors == RRM_ANCHORS_KRAMDOWN)
				rrm_config_add_note(
					x->c, x->file, val->line, val->column,
					"kramdown.auto_id_stripping with input: kramdown is "
					"not modelled: ids are made from the raw heading");
		}
	}
}

/* The plugins rrm models; any other one is a note. */
static void load_plugins(struct jctx *x, const struct rrm_node *v)
{
	if (v->kind != RRM_NODE_SEQ)
		return;
	for (size_t i = 0; i < v->n_items; i++) {
		const char *p = scalar(v->items[i]);
		if (!p)
			continue;
		if (!strcmp(p, "jekyll-redirect-from"))
			x->j->redirect_from = true;
		else if (!strcmp(p, "jekyll-feed"))
			x->j->feed = true;
		else if (!strcmp(p, "jekyll-sitemap"))
			x->j->sitemap = true;
		else if (!strcmp(p, "jemoji"))
			x->c->emoji = true;
		else if (!strcmp(p, "jekyll-optional-front-matter"))
			x->j->optional_front_matter = true;
		else if (!strcmp(p, "jekyll-relative-links"))
			x->j->relative_links = true;
		else if (strcmp(p, "jekyll-seo-tag") && strcmp(p, "jekyll-github-metadata") &&
			 strcmp(p, "jekyll-relative-links") && strcmp(p, "jekyll-default-layout") &&
			 strcmp(p, "jekyll-titles-from-headings") &&
			 strcmp(p, "jekyll-readme-index") && strcmp(p, "jekyll-include-cache") &&
			 strcmp(p, "jekyll-remote-theme") && strcmp(p, "jekyll-mentions"))
			rrm_config_add_note(
				x->c, x->file, v->items[i]->line, v->items[i]->column,
				"plugin %s is not modelled: pages it makes are unknown to rrm", p);
		origin(x, "jekyll.plugins", v);
	}
}

static bool load_top(struct jctx *x, const struct rrm_node *root)
{
	struct rrm_config *c = x->c;
	struct rrm_jekyll *j = x->j;
	const struct rrm_node *url = NULL, *baseurl = NULL;
	for (size_t i = 0; i + 1 < root->n_items; i += 2) {
		const struct rrm_node *k = root->items[i], *v = root->items[i + 1];
		const char *key = scalar(k);
		if (!key)
			continue;
		if (v->kind == RRM_NODE_ALIAS) {
			rrm_config_add_note(
				c, x->file, v->line, v->column,
				"%s: a YAML alias, which rrm does not follow: the key is ignored",
				key);
			continue;
		}
		if (!strcmp(key, "url")) {
			url = v;
		} else if (!strcmp(key, "baseurl")) {
			baseurl = v;
		} else if (!strcmp(key, "source")) {
			const char *s = scalar(v);
			if (!s)
				continue;
			char *abs = rrm_path_absolute(s, c->root);
			if (!rrm_path_is_under(abs, c->root) && strcmp(abs, c->root)) {
				free(abs);
				return fail(x, v, "source: '%s' is outside the site", s);
			}
			bool out = rrm_path_leads_out(abs, c->root); /* through a symbolic link */
			char *rel = strcmp(abs, c->root) ? rrm_path_relative(abs, c->root)
							 : rrm_strdup(".");
			free(abs);
			if (out) {
				free(rel);
				return fail(x, v, "source: %s leads outside the site", s);
			}
			free(c->content_dir);
			c->content_dir = rel;
			free(j->source);
			j->source = rrm_strdup(rel);
			origin(x, "content_dir", v);
		} else if (!strcmp(key, "destination")) {
			free(j->destination);
			j->destination = scalar(v) ? rrm_strdup(scalar(v)) : NULL;
		} else if (!strcmp(key, "collections_dir")) {
			const char *s = scalar(v);
			free(j->collections_dir);
			j->collections_dir = rrm_strdup(s ? s : "");
			size_t n = strlen(j->collections_dir);
			while (n && j->collections_dir[n - 1] == '/')
				j->collections_dir[--n] = '\0';
			origin(x, "jekyll.collections_dir", v);
		} else if (!strcmp(key, "permalink")) {
			const char *s = scalar(v);
			if (s) {
				free(j->style);
				j->style = rrm_strdup(s);
				origin(x, "permalink", v);
			}
		} else if (!strcmp(key, "collections")) {
			if (!load_collections(x, v))
				return false;
			origin(x, "jekyll.collections", v);
		} else if (!strcmp(key, "include") || !strcmp(key, "exclude")) {
			bool inc = key[0] == 'i';
			if (!string_list(x, v, key, inc ? &j->include : &j->exclude))
				return false;
			origin(x, inc ? "jekyll.include" : "exclude", v);
		} else if (!strcmp(key, "future") || !strcmp(key, "show_drafts") ||
			   !strcmp(key, "unpublished")) {
			bool b = truthy(v, false);
			if (key[0] == 'f')
				j->future = b;
			else if (key[0] == 's')
				j->show_drafts = b;
			else
				j->unpublished = b;
			char okey[64];
			snprintf(okey, sizeof okey, "jekyll.%s", key);
			origin(x, okey, v);
		} else if (!strcmp(key, "timezone")) {
			const char *tz = scalar(v);
			if (!tz)
				continue;
			if (!rrm_timezone_known(tz)) {
				rrm_config_add_note(
					c, x->file, v->line, v->column,
					"timezone: unknown time zone '%s': dates are read in UTC",
					tz);
				continue;
			}
			free(c->timezone);
			c->timezone = rrm_strdup(tz);
			origin(x, "timezone", v);
		} else if (!strcmp(key, "lang") || !strcmp(key, "locale")) {
			/* the site's language (jekyll-seo-tag, themes): its hunspell dictionary */
			const char *loc = scalar(v);
			char *dict = loc ? rrm_spell_locale_dictionary(loc) : NULL;
			if (dict) {
				rrm_strlist_release(&c->language);
				rrm_strlist_add(&c->language, dict);
				origin(x, "language", v);
				free(dict);
			} else if (loc && strcspn(loc, "-_") < strlen(loc) &&
				   strncasecmp(loc, "en-gb", 5) && strncasecmp(loc, "en_gb", 5)) {
				rrm_config_add_note(
					c, x->file, v->line, v->column,
					"%s '%s': no hunspell dictionary for it is installed: "
					"spelling uses %s",
					key, loc, c->language.n ? c->language.v[0] : "en_GB");
			}
		} else if (!strcmp(key, "kramdown")) {
			load_kramdown(x, v);
		} else if (!strcmp(key, "markdown")) {
			const char *m = scalar(v);
			if (m && strcasecmp(m, "kramdown"))
				rrm_config_add_note(
					c, x->file, v->line, v->column,
					"markdown: %s is not modelled: heading ids follow kramdown",
					m);
		} else if (!strcmp(key, "markdown_ext")) {
			const char *m = scalar(v);
			if (!m)
				continue;
			rrm_strlist_release(&j->markdown_ext);
			char *copy = rrm_strdup(m);
			for (char *save = NULL, *t = strtok_r(copy, ", ", &save); t;
			     t = strtok_r(NULL, ", ", &save))
				rrm_strlist_add(&j->markdown_ext, t);
			free(copy);
			origin(x, "jekyll.markdown_ext", v);
		} else if (!strcmp(key, "plugins") || !strcmp(key, "gems")) {
			if (v->kind != RRM_NODE_SEQ && scalar(v))
				return fail(x, v, "%s: Jekyll wants a list of gem names, got %s",
					    key, rrm_node_type_name(v));
			load_plugins(x, v);
		} else if (!strcmp(key, "feed")) {
			const char *p =
				v->kind == RRM_NODE_MAP ? scalar(rrm_node_get(v, "path")) : NULL;
			if (p) {
				rrm_strlist_add(&j->generated, p); /* placed first: see finish() */
				origin(x, "jekyll.feed.path", v);
			}
		} else if (!strcmp(key, "defaults")) {
			if (v->kind == RRM_NODE_SEQ) {
				j->defaults = v;
				origin(x, "jekyll.defaults", v);
			} else if (scalar(v)) {
				rrm_config_add_note(c, x->file, v->line, v->column,
						    "defaults: not a list: Jekyll ignores it");
			}
		} else if (!strcmp(key, "relative_links")) {
			const struct rrm_node *en =
				v->kind == RRM_NODE_MAP ? rrm_node_get(v, "enabled") : NULL;
			if (en) {
				j->relative_links = truthy(en, true);
				origin(x, "jekyll.relative_links", en);
			}
		} else if (!strcmp(key, "paginate") || !strcmp(key, "paginate_path")) {
			rrm_config_add_note(c, x->file, k->line, k->column,
					    "%s: the pages of a paginator are not modelled", key);
		}
	}
	if (url && scalar(url)) {
		char *u = rrm_strdup(scalar(url));
		size_t n = strlen(u);
		while (n && u[n - 1] == '/')
			u[--n] = '\0';
		if (rrm_config_valid_base_url(u)) {
			free(c->base_url);
			char *b = baseurl ? clean_baseurl(scalar(baseurl) ? scalar(baseurl) : "")
					  : NULL;
			c->base_url = rrm_asprintf("%s%s", u, b ? b : "");
			free(b);
			origin(x, "base_url", url);
		} else if (*u) {
			rrm_config_add_note(
				c, x->file, url->line, url->column,
				"url: '%s' is not an http:// or https:// URL: absolute links "
				"to the site are not checked",
				u);
		}
		free(u);
	}
	if (baseurl && scalar(baseurl)) {
		j->baseurl = clean_baseurl(scalar(baseurl));
		if (j->baseurl)
			origin(x, "jekyll.baseurl", baseurl);
	}
	return true;
}

/*
 * GitHub Pages builds with the github-pages gem, whose default plugins
 * include jekyll-relative-links and jekyll-optional-front-matter. A site that
 * asks for the gem in its Gemfile is built that way.
 */
static void read_gemfile(struct rrm_config *c, struct rrm_jekyll *j)
{
	char *path = rrm_path_join(c->root, "Gemfile");
	char *text = NULL;
	size_t len;
	int e;
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && !rrm_path_leads_out(path, c->root) &&
	    rrm_read_file(path, 256 * 1024, &text, &len, &e) == RRM_READ_OK) {
		rrm_strlist_add(&c->generator_files, "Gemfile");
		for (char *line = text; line && *line;) {
			char *end = strchr(line, '\n');
			if (end)
				*end = '\0';
			while (*line == ' ' || *line == '\t')
				line++;
			if (!strncmp(line, "gem", 3) && (line[3] == ' ' || line[3] == '\t') &&
			    (strstr(line, "\"github-pages\"") || strstr(line, "'github-pages'")))
				j->github_pages = true;
			line = end ? end + 1 : NULL;
		}
		if (j->github_pages) {
			j->relative_links = true;
			j->optional_front_matter = true;
			rrm_config_set_origin(c, "jekyll.github_pages", "Gemfile", 0, 0);
		}
	}
	free(text);
	free(path);
}

/* Jekyll's defaults, then what the file says. */
static void init_jekyll(struct rrm_jekyll *j)
{
	memset(j, 0, sizeof *j);
	j->source = rrm_strdup(".");
	j->collections_dir = rrm_strdup("");
	j->style = rrm_strdup("date");
	add_collection(j, "posts", true, NULL);
	rrm_strlist_add(&j->include, ".htaccess");
	rrm_strlist_add(&j->markdown_ext, "markdown");
	rrm_strlist_add(&j->markdown_ext, "mkdown");
	rrm_strlist_add(&j->markdown_ext, "mkdn");
	rrm_strlist_add(&j->markdown_ext, "mkd");
	rrm_strlist_add(&j->markdown_ext, "md");
	j->auto_ids = true;
	j->now = time(NULL);
}

static const char *const default_excludes[] = {
	".sass-cache",  ".jekyll-cache",  "gemfiles",      "Gemfile",      "Gemfile.lock",
	"node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/"};

static void finish_jekyll(struct rrm_config *c, struct rrm_jekyll *j)
{
	for (size_t i = 0; i < sizeof default_excludes / sizeof *default_excludes; i++)
		rrm_strlist_add(&j->exclude, default_excludes[i]);
	/* the destination, when it is inside the source, is never read */
	if (!j->destination)
		j->destination = rrm_strdup("_site");
	char *src = rrm_path_absolute(j->source, c->root);
	char *dst = rrm_path_absolute(j->destination, c->root); /* like source, from the root */
	free(j->destination);
	j->destination = rrm_path_is_under(dst, src) ? rrm_path_relative(dst, src) : NULL;
	free(dst);
	free(src);
	/* the posts' template follows the style */
	struct rrm_jekyll_collection *posts = &j->collections[0];
	if (!posts->permalink) {
		static const char *const styles[][2] = {
			{"none", "/:categories/:title:output_ext"},
			{"date", "/:categories/:year/:month/:day/:title:output_ext"},
			{"ordinal", "/:categories/:year/:y_day/:title:output_ext"},
			{"pretty", "/:categories/:year/:month/:day/:title/"},
			{"weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext"}};
		const char *t = j->style;
		for (size_t i = 0; i < 5; i++)
			if (!strcmp(j->style, styles[i][0]))
				t = styles[i][1];
		posts->permalink = rrm_strdup(t);
	}
	/* `rrm new` writes a post where Jekyll reads posts, named as Jekyll wants */
	{
		struct rrm_buf b;
		rrm_buf_init(&b);
		if (strcmp(c->content_dir, "."))
			rrm_buf_addf(&b, "%s/", c->content_dir);
		if (*j->collections_dir)
			rrm_buf_addf(&b, "%s/", j->collections_dir);
		rrm_buf_adds(&b, "_posts/:year-:month-:day-:slug.md");
		free(c->new_.path);
		c->new_.path = rrm_buf_detach(&b);
	}
	/* pages the plugins write (feed.path, when given, is already there) */
	if (j->feed && !j->generated.n)
		rrm_strlist_add(&j->generated, "/feed.xml");
	else if (!j->feed)
		rrm_strlist_release(&j->generated);
	if (j->sitemap) {
		rrm_strlist_add(&j->generated, "/sitemap.xml");
		rrm_strlist_add(&j->generated, "/robots.txt");
	}
	if (j->redirect_from)
		rrm_strlist_add(&j->generated, "/redirects.json");
	for (size_t i = 0; i < j->generated.n; i++)
		if (j->generated.v[i][0] != '/') {
			char *t = rrm_asprintf("/%s", j->generated.v[i]);
			free(j->generated.v[i]);
			j->generated.v[i] = t;
		}
}

int rrm_jekyll_load(struct rrm_config *c, struct rrm_config_error *err)
{
	static const char *const names[] = {"_config.yml", "_config.yaml"};
	const char *name = NULL;
	for (size_t i = 0; i < sizeof names / sizeof *names && !name; i++) {
		char *f = rrm_path_join(c->root, names[i]);
		struct stat st;
		if (stat(f, &st) == 0 && S_ISREG(st.st_mode))
			name = names[i];
		free(f);
	}
	/* Jekyll renders pages from the whole site, with kramdown's GFM heading ids. */
	free(c->content_dir);
	c->content_dir = rrm_strdup(".");
	c->anchors = RRM_ANCHORS_JEKYLL;
	c->lowercase_urls = 0;
	rrm_config_set_origin(c, "anchors", NULL, 0, 0);
	struct rrm_jekyll *j = rrm_calloc(1, sizeof *j);
	init_jekyll(j);
	c->jekyll = j;
	read_gemfile(c, j);
	if (!name) {
		finish_jekyll(c, j);
		return 0;
	}
	rrm_strlist_add(&c->generator_files, name);
	char *path = rrm_path_join(c->root, name);
	memset(err, 0, sizeof *err);
	if (rrm_path_leads_out(path, c->root)) {
		err->file = path;
		err->message = rrm_strdup("a symbolic link out of the site: not read");
		return -1;
	}
	char *text;
	size_t len;
	int e;
	if (rrm_read_file(path, 1024 * 1024, &text, &len, &e) != RRM_READ_OK) {
		err->file = path;
		err->message = rrm_asprintf("cannot read the file: %s",
					    e == EFBIG ? "larger than 1 MiB" : strerror(e));
		return -1;
	}
	bool is_nul;
	size_t bad = rrm_utf8_check(text, len, &is_nul);
	if (bad < len) {
		err->file = path;
		err->message = rrm_strdup(is_nul ? "the file holds a NUL byte"
						 : "the file is not valid UTF-8");
		err->line = 1;
		size_t ls = 0;
		for (size_t i = 0; i < bad; i++)
			if (text[i] == '\n' ||
			    (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
				err->line++;
				ls = i + 1;
			}
		err->column = (int)rrm_utf8_count(text + ls, bad - ls) + 1;
		free(text);
		return -1;
	}
	struct rrm_yaml_error yerr;
	int rc = rrm_yaml_parse(text, len, 1, &j->doc, &yerr);
	free(text);
	if (rc != 0) {
		err->file = path;
		err->line = yerr.line;
		err->column = yerr.column;
		err->message = rrm_asprintf("YAML syntax: %s", yerr.message);
		rrm_yaml_error_release(&yerr);
		return -1;
	}
	struct jctx x = {c, j, err, name};
	const struct rrm_node *root = j->doc.root;
	bool ok = true;
	if (root && root->kind == RRM_NODE_MAP)
		ok = load_top(&x, root);
	else if (root && scalar(root))
		ok = fail(&x, root, "the configuration is not a map of keys (got %s)",
			  rrm_node_type_name(root));
	if (!ok) {
		err->file = path;
		return -1;
	}
	free(path);
	/* Jekyll serves static files from the source itself */
	free(c->static_dir);
	c->static_dir = rrm_strdup(c->content_dir);
	finish_jekyll(c, j);
	return 0;
}

void rrm_jekyll_release(struct rrm_config *c)
{
	struct rrm_jekyll *j = c->jekyll;
	if (!j)
		return;
	rrm_ydoc_release(&j->doc);
	free(j->baseurl);
	free(j->source);
	free(j->destination);
	free(j->collections_dir);
	free(j->style);
	for (size_t i = 0; i < j->n_collections; i++) {
		free(j->collections[i].label);
		free(j->collections[i].permalink);
	}
	free(j->collections);
	rrm_strlist_release(&j->include);
	rrm_strlist_release(&j->exclude);
	rrm_strlist_release(&j->markdown_ext);
	rrm_strlist_release(&j->generated);
	free(j->auto_id_prefix);
	free(j);
	c->jekyll = NULL;
}

/* Slugs (Utils.slugify). */

static bool keeps(int32_t cp, enum rrm_jekyll_slug mode)
{
	if (mode == RRM_JEKYLL_SLUG_RAW)
		return !(cp == ' ' || (cp >= '\t' && cp <= '\r'));
	utf8proc_category_t k = utf8proc_category(cp);
	if ((k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME) || k == UTF8PROC_CATEGORY_ND)
		return true;
	return mode == RRM_JEKYLL_SLUG_PRETTY && cp < 128 && strchr("._~!$&'()+,;=@", (int)cp);
}

char *rrm_jekyll_slugify(const char *s, enum rrm_jekyll_slug mode, bool cased)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	size_t n = strlen(s);
	bool run = false;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t l = rrm_utf8_decode(s + i, n - i, &cp);
		if (!l) {
			l = 1;
			cp = 0xFFFD;
		}
		if (keeps(cp, mode)) {
			if (!cased)
				cp = utf8proc_tolower(cp);
			utf8proc_uint8_t u[4];
			utf8proc_ssize_t k = utf8proc_encode_char(cp, u);
			rrm_buf_add(&b, (const char *)u, (size_t)k);
			run = false;
		} else if (!run) {
			rrm_buf_addc(&b, '-');
			run = true;
		}
		i += l;
	}
	char *r = rrm_buf_detach(&b);
	size_t len = strlen(r);
	if (len && r[len - 1] == '-')
		r[--len] = '\0';
	if (r[0] == '-')
		memmove(r, r + 1, len);
	return r;
}

/* Ruby's String#downcase: full Unicode. */
static char *downcase(const char *s)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t l = rrm_utf8_decode(s + i, n - i, &cp);
		if (!l) {
			rrm_buf_addc(&b, s[i++]);
			continue;
		}
		utf8proc_uint8_t u[4];
		utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(cp), u);
		rrm_buf_add(&b, (const char *)u, (size_t)k);
		i += l;
	}
	return rrm_buf_detach(&b);
}

/* Files: what Jekyll reads, and as what. */

/* File.fnmatch without flags: `*` and `?` match '/' too. */
static bool fnmatch_ruby(const char *p, const char *s)
{
	for (; *p; p++, s++) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			if (!*p)
				return true;
			for (; *s; s++)
				if (fnmatch_ruby(p, s))
					return true;
			return false;
		}
		if (!*s)
			return false;
		if (*p == '?')
			continue;
		if (*p == '[') {
			const char *q = p + 1;
			bool neg = *q == '!' || *q == '^', hit = false;
			if (neg)
				q++;
			for (; *q && *q != ']'; q++)
				if (q[1] == '-' && q[2] && q[2] != ']') {
					hit |= *s >= q[0] && *s <= q[2];
					q += 2;
				} else {
					hit |= *s == *q;
				}
			if (!*q || hit == neg)
				return false;
			p = q;
			continue;
		}
		if (*p == '\\' && p[1])
			p++;
		if (*p != *s)
			return false;
	}
	return !*s;
}

/* EntryFilter#glob_include?: a pattern matches, or the path starts with it. */
static bool glob_include(const struct rrm_strlist *l, const char *path, bool dir)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *p = l->v[i];
		size_t pl = strlen(p);
		if (fnmatch_ruby(p, path) || !strncmp(path, p, pl))
			return true;
		if (dir && pl == strlen(path) + 1 && p[pl - 1] == '/' && !strncmp(p, path, pl - 1))
			return true;
	}
	return false;
}

static bool special(const char *name, size_t n)
{
	return n && (strchr("._#~", name[0]) || name[n - 1] == '~');
}

/* The collection whose folder `part` ("_recipes") is, or NULL. */
static const struct rrm_jekyll_collection *collection_named(const struct rrm_jekyll *j,
							    const char *part, size_t n)
{
	if (n < 2 || part[0] != '_')
		return NULL;
	for (size_t i = 1; i < j->n_collections; i++)
		if (strlen(j->collections[i].label) == n - 1 &&
		    !strncmp(j->collections[i].label, part + 1, n - 1))
			return &j->collections[i];
	return NULL;
}

/* `rel` below collections_dir: the rest, or NULL when it is not below it. */
static const char *in_collections(const struct rrm_jekyll *j, const char *rel)
{
	size_t n = strlen(j->collections_dir);
	if (!n)
		return rel;
	if (!strncmp(rel, j->collections_dir, n) && rel[n] == '/')
		return rel + n + 1;
	return NULL;
}

bool rrm_jekyll_ignored(const struct rrm_config *c, const char *rel)
{
	const struct rrm_jekyll *j = c->jekyll;
	if (!j)
		return false;
	if (j->destination && (!strcmp(rel, j->destination) ||
			       (!strncmp(rel, j->destination, strlen(j->destination)) &&
				rel[strlen(j->destination)] == '/')))
		return true;
	const char *inner = in_collections(j, rel);
	bool magic = false; /* inside _posts, _drafts or a collection */
	for (const char *p = rel; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *prefix = rrm_strndup(rel, (size_t)(p - rel) + n);
		char *part = rrm_strndup(p, n);
		bool dir = e != NULL;
		bool included = glob_include(&j->include, part, dir) ||
				glob_include(&j->include, prefix, dir);
		bool skip = !included && glob_include(&j->exclude, prefix, dir);
		if (!skip && !included && special(p, n)) {
			bool ok = false;
			if (dir && !magic &&
			    (!strcmp(part, "_posts") || !strcmp(part, "_drafts"))) {
				/* below collections_dir when one is set, else anywhere */
				ok = !*j->collections_dir ||
				     (inner && (size_t)(p - rel) == (size_t)(inner - rel));
			} else if (dir && !magic && inner && p == inner &&
				   collection_named(j, p, n)) {
				ok = true;
			}
			magic |= ok;
			skip = !ok;
		}
		free(prefix);
		free(part);
		if (skip)
			return true;
		p = e ? e + 1 : p + n;
	}
	return false;
}

enum rrm_jekyll_kind rrm_jekyll_kind(const struct rrm_config *c, const char *rel,
				     const struct rrm_jekyll_collection **collection)
{
	const struct rrm_jekyll *j = c->jekyll;
	*collection = NULL;
	const char *inner = in_collections(j, rel);
	if (inner) {
		const char *e = strchr(inner, '/');
		const struct rrm_jekyll_collection *col =
			e ? collection_named(j, inner, (size_t)(e - inner)) : NULL;
		if (col) {
			*collection = col;
			return RRM_JEKYLL_DOC;
		}
	}
	/* a _posts or _drafts folder: anywhere, or right below collections_dir */
	for (const char *p = inner ? inner : rel; p && *p;) {
		const char *e = strchr(p, '/');
		if (!e)
			break;
		size_t n = (size_t)(e - p);
		bool posts = n == 6 && !strncmp(p, "_posts", 6);
		bool drafts = n == 7 && !strncmp(p, "_drafts", 7);
		if (posts || drafts) {
			*collection = &j->collections[0];
			return posts ? RRM_JEKYLL_POST : RRM_JEKYLL_DRAFT;
		}
		if (*j->collections_dir)
			break;
		p = e + 1;
	}
	return RRM_JEKYLL_PAGE;
}

/* Front matter with defaults (FrontmatterDefaults#find). */

static char *sanitize_scope(const char *p)
{
	if (!p)
		return rrm_strdup("");
	while (*p == '/')
		p++;
	return rrm_strdup(p);
}

static bool scope_path_applies(const struct rrm_config *c, const char *scope, const char *path)
{
	if (!*scope)
		return true;
	const struct rrm_jekyll *j = c->jekyll;
	/* a scope may name collections_dir, which document paths do not hold */
	const char *s = scope;
	size_t cn = strlen(j->collections_dir);
	if (cn && !strncmp(s, j->collections_dir, cn) && s[cn] == '/')
		s += cn + 1;
	if (!strchr(s, '*'))
		return !strncmp(path, s, strlen(s));
	/* a glob: Dir.glob of the scope, then a prefix of the path */
	for (const char *q = path;; q++) {
		if (*q == '/' || !*q) {
			char *pre = rrm_strndup(path, (size_t)(q - path));
			bool m = rrm_glob_match(s, pre);
			free(pre);
			if (m)
				return true;
		}
		if (!*q)
			return false;
	}
}

static const char *type_of(enum rrm_jekyll_kind k, const struct rrm_jekyll_collection *col)
{
	return k == RRM_JEKYLL_PAGE ? "pages" : col->label;
}

/* The value of `key` for a file: its own front matter, else the defaults that apply. */
static const struct rrm_node *fm_get(const struct rrm_config *c, const char *path, const char *type,
				     const struct rrm_node *fm, const char *key)
{
	const struct rrm_node *own = fm ? rrm_node_get(fm, key) : NULL;
	if (own)
		return own;
	const struct rrm_node *d = c->jekyll->defaults;
	if (!d)
		return NULL;
	const struct rrm_node *best = NULL;
	char *best_path = NULL;
	bool best_typed = false;
	for (size_t i = 0; i < d->n_items; i++) {
		const struct rrm_node *set = d->items[i];
		if (set->kind != RRM_NODE_MAP)
			continue;
		const struct rrm_node *values = rrm_node_get(set, "values");
		if (!values || values->kind != RRM_NODE_MAP)
			continue;
		const struct rrm_node *scope = rrm_node_get(set, "scope");
		const struct rrm_node *st =
			scope && scope->kind == RRM_NODE_MAP ? rrm_node_get(scope, "type") : NULL;
		const char *sp = scope && scope->kind == RRM_NODE_MAP
					 ? scalar(rrm_node_get(scope, "path"))
					 : NULL;
		const char *t = scalar(st);
		if (t) {
			const char *tt = !strcmp(t, "page")   ? "pages"
					 : !strcmp(t, "post") ? "posts"
							      : t;
			if (strcmp(tt, type))
				continue;
		}
		char *spath = sanitize_scope(sp);
		if (!scope_path_applies(c, spath, path)) {
			free(spath);
			continue;
		}
		const struct rrm_node *v = rrm_node_get(values, key);
		/* has_precedence?: a longer path, or as long and typed */
		bool wins = !best_path || strlen(spath) > strlen(best_path) ||
			    (strlen(spath) == strlen(best_path) && (t || !best_typed));
		if (v && wins) {
			best = v;
			free(best_path);
			best_path = spath;
			best_typed = t != NULL;
		} else {
			free(spath);
		}
	}
	free(best_path);
	return best;
}

/* Dates. */

/*
 * A date as Jekyll holds it, in the site's time zone `z`: a YAML timestamp
 * with a zone is that instant; a plain YAML timestamp without one is UTC
 * (Psych's rule); a date, or a quoted date-time, is local.
 */
static bool fm_date(const struct rrm_zone *z, const struct rrm_node *n, struct tm *tm, time_t *when)
{
	struct rrm_datetime d;
	if (!n || n->kind != RRM_NODE_SCALAR || !n->value ||
	    rrm_date_parse(n->value, false, &d) != RRM_DATE_OK)
		return false;
	bool utc = d.has_offset || (d.has_time && n->style == RRM_STYLE_PLAIN);
	if (utc) {
		time_t t = (time_t)(rrm_days_from_civil(d.year, d.month, d.day) * 86400LL +
				    d.hour * 3600LL + d.minute * 60LL + d.second -
				    (d.has_offset ? d.offset_minutes * 60LL : 0));
		rrm_zone_civil(z, t, tm);
		*when = t;
		return true;
	}
	memset(tm, 0, sizeof *tm);
	tm->tm_year = d.year - 1900;
	tm->tm_mon = d.month - 1;
	tm->tm_mday = d.day;
	tm->tm_hour = d.hour;
	tm->tm_min = d.minute;
	tm->tm_sec = d.second;
	*when = (time_t)rrm_zone_mktime(z, tm);
	return true;
}

/* "YYYY-MM-DD-" (2-4 digit year, 1-2 digit month and day) at the start of a name. */
static size_t name_date(const char *name, int *y, int *m, int *d)
{
	const char *p = name;
	int v[3], widths[3][2] = {{2, 4}, {1, 2}, {1, 2}};
	for (int k = 0; k < 3; k++) {
		int n = 0;
		v[k] = 0;
		while (isdigit((unsigned char)*p) && n < widths[k][1]) {
			v[k] = v[k] * 10 + (*p++ - '0');
			n++;
		}
		if (n < widths[k][0] || *p != '-')
			return 0;
		p++;
	}
	/* Ruby's Time.parse: a two-digit year is 1969-2068 */
	*y = v[0] < 100 ? v[0] + (v[0] >= 69 ? 1900 : 2000) : v[0];
	*m = v[1], *d = v[2];
	return (size_t)(p - name);
}

/* URLs. */

struct url_parts {
	enum rrm_jekyll_kind kind;
	const struct rrm_jekyll_collection *col;
	const char *type;
	char *relpath;  /* relative to collections_dir for documents, to the source for pages */
	char *dir;      /* a page's folder ("" at the root) */
	char *basename; /* the name without extension, trailing dots removed */
	char *ext;      /* ".md" */
	char *output_ext;
	bool has_date;
	struct tm tm;
	time_t when;
};

static char *output_ext(const struct rrm_jekyll *j, const char *ext)
{
	if (!*ext)
		return rrm_strdup(".html");
	for (size_t i = 0; i < j->markdown_ext.n; i++)
		if (!strcasecmp(ext + 1, j->markdown_ext.v[i]))
			return rrm_strdup(".html");
	if (!strcasecmp(ext, ".scss") || !strcasecmp(ext, ".sass"))
		return rrm_strdup(".css");
	if (!strcasecmp(ext, ".coffee"))
		return rrm_strdup(".js");
	return rrm_strdup(ext);
}

static void parts_make(const struct rrm_config *c, const char *rel, const struct rrm_node *fm,
		       struct url_parts *u)
{
	const struct rrm_jekyll *j = c->jekyll;
	memset(u, 0, sizeof *u);
	u->kind = rrm_jekyll_kind(c, rel, &u->col);
	u->type = type_of(u->kind, u->col);
	const char *inner = in_collections(j, rel);
	u->relpath = rrm_strdup(u->kind != RRM_JEKYLL_PAGE && inner ? inner : rel);
	const char *base = rrm_path_base(rel);
	const char *dot = strrchr(base, '.');
	if (dot == base)
		dot = NULL;
	u->ext = rrm_strdup(dot ? dot : "");
	u->basename = rrm_strndup(base, dot ? (size_t)(dot - base) : strlen(base));
	u->dir = rrm_strndup(rel, (size_t)(base - rel));
	size_t dl = strlen(u->dir);
	if (dl && u->dir[dl - 1] == '/')
		u->dir[dl - 1] = '\0';
	u->output_ext = output_ext(j, u->ext);
	if (u->kind == RRM_JEKYLL_PAGE)
		return;
	/* the date: front matter (or defaults) wins over the file name */
	const struct rrm_zone *z = rrm_zone_get(c->timezone);
	const struct rrm_node *dn = fm_get(c, u->relpath, u->type, fm, "date");
	if (fm_date(z, dn, &u->tm, &u->when)) {
		u->has_date = true;
		return;
	}
	int y, m, d;
	if (name_date(u->basename, &y, &m, &d) && rrm_date_valid(y, m, d)) {
		memset(&u->tm, 0, sizeof u->tm);
		u->tm.tm_year = y - 1900;
		u->tm.tm_mon = m - 1;
		u->tm.tm_mday = d;
		u->when = (time_t)rrm_zone_mktime(z, &u->tm);
		u->has_date = true;
		return;
	}
	/* no date: a draft has its file's time, anything else the build's */
	time_t t = j->now;
	if (u->kind == RRM_JEKYLL_DRAFT) {
		char *src = rrm_path_join(c->root, c->content_dir);
		char *abs = rrm_path_join(src, rel);
		struct stat st;
		if (stat(abs, &st) == 0)
			t = st.st_mtime;
		free(abs);
		free(src);
	}
	u->when = t;
	rrm_zone_civil(z, t, &u->tm);
	u->has_date = true;
}

static void parts_release(struct url_parts *u)
{
	free(u->relpath);
	free(u->dir);
	free(u->basename);
	free(u->ext);
	free(u->output_ext);
}

/* Utils.add_permalink_suffix with the site's style. */
static char *add_suffix(const struct rrm_jekyll *j, const char *t)
{
	const char *s = j->style;
	if (!strcmp(s, "pretty"))
		return rrm_asprintf("%s/", t);
	if (!strcmp(s, "date") || !strcmp(s, "ordinal") || !strcmp(s, "none"))
		return rrm_asprintf("%s:output_ext", t);
	size_t n = strlen(s);
	bool slash = n && s[n - 1] == '/';
	bool ext = n >= 11 && !strcmp(s + n - 11, ":output_ext");
	return rrm_asprintf("%s%s%s", t, slash ? "/" : "", ext ? ":output_ext" : "");
}

/* URL#sanitize_url: a leading '/', ".." to '/', no "./", no repeated '/'. */
static char *sanitize(const char *s)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addc(&b, '/');
	for (const char *p = s; *p; p++) {
		if (p[0] == '.' && p[1] == '.') {
			rrm_buf_addc(&b, '/');
			p++;
		} else {
			rrm_buf_addc(&b, *p);
		}
	}
	char *r = rrm_buf_detach(&b);
	/* gsub("./", ""), then squeeze("/") */
	size_t w = 0;
	for (size_t i = 0; r[i]; i++) {
		if (r[i] == '.' && r[i + 1] == '/') { /* "Co./" is "Co": the slash goes too */
			i++;
			continue;
		}
		if (r[i] == '/' && w && r[w - 1] == '/')
			continue;
		r[w++] = r[i];
	}
	r[w] = '\0';
	return r;
}

/* Page placeholders (a hash: replaced in order, unknown ones left as written). */
static char *page_url(const char *template, const struct url_parts *u)
{
	const char *keys[] = {"path", "basename", "output_ext"};
	const char *vals[] = {u->dir, u->basename, u->output_ext};
	char *cur = rrm_strdup(template);
	for (size_t k = 0; k < 3 && strchr(cur, ':'); k++) {
		struct rrm_buf b;
		rrm_buf_init(&b);
		size_t kl = strlen(keys[k]);
		for (const char *p = cur; *p;) {
			if (*p == ':' && !strncmp(p + 1, keys[k], kl)) {
				rrm_buf_adds(&b, vals[k]);
				p += kl + 1;
			} else {
				rrm_buf_addc(&b, *p++);
			}
		}
		free(cur);
		cur = rrm_buf_detach(&b);
	}
	char *r = sanitize(cur);
	free(cur);
	return r;
}

/* strftime with one of doc_token's own formats (in the C locale, as Ruby's). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void add_time(struct rrm_buf *b, const struct tm *tm, const char *fmt)
{
	char s[64];
	size_t n = strftime(s, sizeof s, fmt, tm);
	rrm_buf_add(b, s, n);
}
#pragma GCC diagnostic pop

/* The categories of a post or document, joined by '/' (`slugified` for :slugified_categories). */
static char *categories(const struct rrm_config *c, const struct url_parts *u,
			const struct rrm_node *fm, bool slugified)
{
	struct rrm_strlist l = {0};
	/* the folders above _posts (or _drafts): news/_posts/x.md is in "news" */
	const char *special = u->kind == RRM_JEKYLL_DRAFT  ? "_drafts"
			      : u->kind == RRM_JEKYLL_POST ? "_posts"
							   : NULL;
	char sdir[300];
	if (!special) {
		snprintf(sdir, sizeof sdir, "_%s", u->col->label);
		special = sdir;
	}
	if (strncmp(u->relpath, special, strlen(special))) {
		const char *at = strstr(u->relpath, special);
		char *above = rrm_strndup(u->relpath,
					  at ? (size_t)(at - u->relpath) : strlen(u->relpath));
		for (char *save = NULL, *t = strtok_r(above, "/", &save); t;
		     t = strtok_r(NULL, "/", &save))
			if (strcmp(t, special) && strcmp(t, rrm_path_base(u->relpath)))
				rrm_strlist_add(&l, t);
		free(above);
	}
	/*
	 * `categories` (a list, or words) of the defaults, then of the front
	 * matter (Jekyll merges the two), then `category`.
	 */
	const char *keys[] = {"categories", "categories", "category"};
	for (int k = 0; k < 3; k++) {
		const struct rrm_node *n = k == 0   ? fm_get(c, u->relpath, u->type, NULL, keys[k])
					   : k == 1 ? (fm ? rrm_node_get(fm, keys[k]) : NULL)
						    : fm_get(c, u->relpath, u->type, fm, keys[k]);
		if (!n)
			continue;
		if (n->kind == RRM_NODE_SEQ) {
			for (size_t i = 0; i < n->n_items; i++)
				if (n->items[i]->kind == RRM_NODE_SCALAR && scalar(n->items[i]))
					rrm_strlist_add(&l, n->items[i]->value);
		} else if (scalar(n)) {
			/* a string of categories is split at white space; `category` is one */
			char *copy = rrm_strdup(n->value);
			if (k == 2)
				rrm_strlist_add(&l, copy);
			else
				for (char *save = NULL, *t = strtok_r(copy, " \t\n", &save); t;
				     t = strtok_r(NULL, " \t\n", &save))
					rrm_strlist_add(&l, t);
			free(copy);
		}
	}
	struct rrm_buf b;
	rrm_buf_init(&b);
	struct rrm_strlist seen = {0};
	for (size_t i = 0; i < l.n; i++) {
		char *v = slugified ? rrm_jekyll_slugify(l.v[i], RRM_JEKYLL_SLUG_DEFAULT, false)
				    : downcase(l.v[i]);
		bool dup = false;
		for (size_t k = 0; k < seen.n && !dup; k++)
			dup = !strcmp(seen.v[k], v);
		if (!dup) {
			if (seen.n)
				rrm_buf_addc(&b, '/');
			rrm_buf_adds(&b, v);
			rrm_strlist_add(&seen, v);
		}
		free(v);
	}
	rrm_strlist_release(&seen);
	rrm_strlist_release(&l);
	return rrm_buf_detach(&b);
}

/* A document's placeholders (Drops::UrlDrop); NULL for an unknown one. */
static char *doc_token(const struct rrm_config *c, const struct url_parts *u,
		       const struct rrm_node *fm, const char *t, size_t l)
{
#define IS(x) (l == strlen(x) && !strncmp(t, x, l))
	static const char *const times[][2] = {
		{"year", "%Y"},   {"month", "%m"},  {"day", "%d"},        {"hour", "%H"},
		{"minute", "%M"}, {"second", "%S"}, {"short_year", "%y"}, {"w_year", "%G"},
		{"week", "%V"},   {"w_day", "%u"},  {"y_day", "%j"}};
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (size_t i = 0; i < sizeof times / sizeof *times; i++)
		if (IS(times[i][0])) {
			add_time(&b, &u->tm, times[i][1]);
			return rrm_buf_detach(&b);
		}
	/* English names, as Ruby's strftime writes them in any locale */
	static const char *const days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
					   "Thursday", "Friday", "Saturday"};
	static const char *const months[] = {"January",   "February", "March",    "April",
					     "May",       "June",     "July",     "August",
					     "September", "October",  "November", "December"};
	if (IS("short_day") || IS("long_day")) {
		const char *n = days[u->tm.tm_wday % 7];
		rrm_buf_add(&b, n, IS("short_day") ? 3 : strlen(n));
		return rrm_buf_detach(&b);
	}
	if (IS("short_month") || IS("long_month")) {
		const char *n = months[u->tm.tm_mon % 12];
		rrm_buf_add(&b, n, IS("short_month") ? 3 : strlen(n));
		return rrm_buf_detach(&b);
	}
	if (IS("i_day") || IS("i_month")) {
		rrm_buf_addf(&b, "%d", IS("i_day") ? u->tm.tm_mday : u->tm.tm_mon + 1);
		return rrm_buf_detach(&b);
	}
	rrm_buf_release(&b);
	if (IS("collection"))
		return rrm_strdup(u->col->label);
	if (IS("output_ext"))
		return rrm_strdup(u->output_ext);
	if (IS("name"))
		return rrm_jekyll_slugify(u->basename, RRM_JEKYLL_SLUG_DEFAULT, false);
	if (IS("categories") || IS("slugified_categories"))
		return categories(c, u, fm, IS("slugified_categories"));
	if (IS("path")) {
		/* cleaned_relative_path: no extension, the collection's folder taken out once */
		char *p = rrm_strndup(u->relpath, strlen(u->relpath) - strlen(u->ext));
		char special[300];
		snprintf(special, sizeof special, "_%s", u->col->label);
		char *at = strstr(p, special);
		if (at)
			memmove(at, at + strlen(special), strlen(at + strlen(special)) + 1);
		size_t n = strlen(p);
		while (n && p[n - 1] == '.')
			p[--n] = '\0';
		return p;
	}
	if (IS("title") || IS("slug")) {
		/* data["slug"]: front matter, else the file name without its date */
		const char *s = scalar(fm_get(c, u->relpath, u->type, fm, "slug"));
		char *own = NULL;
		if (!s) {
			int y, m, d;
			size_t skip = name_date(u->basename, &y, &m, &d);
			own = rrm_strdup(u->basename + skip);
			size_t n = strlen(own);
			while (n && own[n - 1] == '.')
				own[--n] = '\0';
			s = own;
		}
		char *r = IS("title") ? rrm_jekyll_slugify(s, RRM_JEKYLL_SLUG_PRETTY, true)
				      : rrm_jekyll_slugify(s, RRM_JEKYLL_SLUG_DEFAULT, false);
		free(own);
		return r;
	}
	return NULL;
#undef IS
}

static char *doc_url(const struct rrm_config *c, const char *template, const struct url_parts *u,
		     const struct rrm_node *fm)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (const char *s = template; *s;) {
		if (*s != ':' || !(islower((unsigned char)s[1]) || s[1] == '_')) {
			rrm_buf_addc(&b, *s++);
			continue;
		}
		const char *e = s + 1;
		while (islower((unsigned char)*e) || *e == '_')
			e++;
		size_t l = (size_t)(e - s - 1);
		char *v = doc_token(c, u, fm, s + 1, l);
		if (!v && s[l] == '_') { /* "/:month_:day": the key without its '_' */
			v = doc_token(c, u, fm, s + 1, l - 1);
			if (v)
				e--;
		}
		if (v) {
			rrm_buf_adds(&b, v);
			free(v);
		} else {
			rrm_buf_add(&b, s, (size_t)(e - s)); /* Jekyll stops the build here */
		}
		s = e;
	}
	char *raw = rrm_buf_detach(&b);
	char *r = sanitize(raw);
	free(raw);
	return r;
}

char *rrm_jekyll_url(const struct rrm_config *c, const char *rel, const struct rrm_node *fm)
{
	const struct rrm_jekyll *j = c->jekyll;
	struct url_parts u;
	parts_make(c, rel, fm, &u);
	const char *perm = scalar(fm_get(c, u.relpath, u.type, fm, "permalink"));
	char *url;
	if (u.kind == RRM_JEKYLL_PAGE) {
		char *t;
		bool html = !strcmp(u.output_ext, ".html") || !strcmp(u.output_ext, ".htm") ||
			    !strcmp(u.output_ext, ".xhtml");
		if (perm)
			t = rrm_strdup(perm);
		else if (!html)
			t = rrm_strdup("/:path/:basename:output_ext");
		else if (!strcmp(u.basename, "index"))
			t = rrm_strdup("/:path/");
		else
			t = add_suffix(j, "/:path/:basename");
		url = page_url(t, &u);
		free(t);
	} else {
		char *t = perm               ? rrm_strdup(perm)
			  : u.col->permalink ? rrm_strdup(u.col->permalink)
					     : add_suffix(j, "/:collection/:path");
		url = doc_url(c, t, &u, fm);
		free(t);
	}
	parts_release(&u);
	return url;
}

const char *rrm_jekyll_state_name(enum rrm_jekyll_state s)
{
	switch (s) {
	case RRM_JEKYLL_BUILT: return "built";
	case RRM_JEKYLL_UNPUBLISHED: return "unpublished (published: false)";
	case RRM_JEKYLL_FUTURE: return "dated in the future (future: false)";
	case RRM_JEKYLL_UNSHOWN: return "a draft (show_drafts: false)";
	case RRM_JEKYLL_NO_OUTPUT: return "in a collection without output: true";
	case RRM_JEKYLL_NO_DATE: return "in _posts without a date in its file name";
	case RRM_JEKYLL_STATIC: return "without front matter (copied as it is)";
	}
	return "?";
}

enum rrm_jekyll_state rrm_jekyll_state(const struct rrm_config *c, const char *rel,
				       const struct rrm_node *fm, bool front_matter)
{
	const struct rrm_jekyll *j = c->jekyll;
	const struct rrm_jekyll_collection *col;
	enum rrm_jekyll_kind k = rrm_jekyll_kind(c, rel, &col);
	/* posts are rendered without front matter; pages and documents are not */
	if (!front_matter &&
	    (k == RRM_JEKYLL_DOC || (k == RRM_JEKYLL_PAGE && !j->optional_front_matter)))
		return RRM_JEKYLL_STATIC;
	if (k == RRM_JEKYLL_POST) {
		int y, m, d;
		if (!name_date(rrm_path_base(rel), &y, &m, &d))
			return RRM_JEKYLL_NO_DATE;
	}
	if (k == RRM_JEKYLL_DRAFT && !j->show_drafts)
		return RRM_JEKYLL_UNSHOWN;
	if (k == RRM_JEKYLL_DOC && !col->output)
		return RRM_JEKYLL_NO_OUTPUT;
	const char *inner = in_collections(j, rel);
	const char *path = k != RRM_JEKYLL_PAGE && inner ? inner : rel;
	if (is_false(fm_get(c, path, type_of(k, col), fm, "published")) && !j->unpublished)
		return RRM_JEKYLL_UNPUBLISHED;
	if (k != RRM_JEKYLL_PAGE && !j->future) {
		struct url_parts u;
		parts_make(c, rel, fm, &u);
		bool later = u.has_date && u.when > j->now;
		parts_release(&u);
		if (later)
			return RRM_JEKYLL_FUTURE;
	}
	return RRM_JEKYLL_BUILT;
}

void rrm_jekyll_page_meta(const struct rrm_config *c, const char *rel, const struct rrm_node *fm,
			  bool front_matter, struct rrm_page_meta *m)
{
	m->draft = rrm_jekyll_state(c, rel, fm, front_matter) != RRM_JEKYLL_BUILT;
	for (size_t i = 0; i < m->n_aliases; i++)
		free(m->aliases[i]);
	m->n_aliases = 0;
	if (!c->jekyll->redirect_from)
		return;
	const struct rrm_node *a = rrm_node_get(fm, "redirect_from");
	if (!a)
		return;
	size_t n = a->kind == RRM_NODE_SEQ ? a->n_items : 1;
	for (size_t k = 0; k < n; k++) {
		const struct rrm_node *v = a->kind == RRM_NODE_SEQ ? a->items[k] : a;
		const char *s = scalar(v);
		if (!s || !*s)
			continue;
		m->aliases = rrm_realloc(m->aliases, (m->n_aliases + 1) * sizeof *m->aliases);
		/* jekyll-redirect-from: every entry is from the site's root */
		m->aliases[m->n_aliases++] = s[0] == '/' ? rrm_strdup(s) : rrm_asprintf("/%s", s);
	}
}

char *rrm_jekyll_link_path(const struct rrm_config *c, const char *path)
{
	const char *b = c->jekyll ? c->jekyll->baseurl : NULL;
	if (!b)
		return rrm_strdup(path);
	size_t n = strlen(b);
	if (strncmp(path, b, n) || (path[n] && path[n] != '/'))
		return NULL;
	return rrm_strdup(path[n] ? path + n : "/");
}
