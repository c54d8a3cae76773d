#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/article.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/file.h"
#include "lib/git.h"
#include "lib/site.h"
#include "lib/slug.h"
#include "lib/spawn.h"
#include "lib/template.h"
#include "lib/util.h"
#include "lib/yaml.h"
#include "lint/lint.h"

const struct rrm_opt new_opts[] = {
	{OPT_SLUG, "slug", 0, "SLUG", "use SLUG instead of the one made from the title"},
	{OPT_DATE, "date", 0, "DATE", "date the article DATE (YYYY-MM-DD or an RFC 3339 datetime)"},
	{OPT_AUTHOR, "author", 0, "NAME", "the author (default: new.author, else git's user.name)"},
	{OPT_DRAFT, "draft", 0, NULL, "mark the article as a draft"},
	{OPT_DRY_RUN, "dry-run", 'n', NULL, "print what would be written; write nothing"},
	{OPT_EDIT, "edit", 'e', NULL, "open the new article in $VISUAL or $EDITOR"},
	{OPT_FORMAT, "format", 'f', "FORMAT",
	 "write errors and the result in FORMAT: text or json"},
	{OPT_END, NULL, 0, NULL, NULL},
};

const struct rrm_command rrm_cmd_new = {
	"new",
	cmd_new,
	new_opts,
	"[OPTIONS] TITLE",
	"create an article from the site's template or schema",
	"Creates the article TITLE at new.path of rrm.yml, from new.template or the\n"
	"front-matter schema, with its slug, date and author, and prints its path.\n"
	"It never overwrites a file and refuses a slug or URL another article has\n"
	"(exit 1); the new front matter passes rrm lint."};

struct new_opts {
	const char *slug, *date, *author;
	bool draft, dry_run, edit, json;
};

static int on_opt(int id, const char *value, void *data)
{
	struct new_opts *o = data;
	switch (id) {
	case OPT_SLUG: o->slug = value; break;
	case OPT_DATE: o->date = value; break;
	case OPT_AUTHOR: o->author = value; break;
	case OPT_DRAFT: o->draft = true; break;
	case OPT_DRY_RUN: o->dry_run = true; break;
	case OPT_EDIT: o->edit = true; break;
	case OPT_FORMAT: {
		enum rrm_format f = RRM_FORMAT_TEXT;
		int rc = rrm_parse_format("new", value, RRM_FORMATS_TEXT_JSON, &f);
		o->json = f == RRM_FORMAT_JSON;
		return rc;
	}
	}
	return 0;
}

static bool valid_slug(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return s[strlen(s) - 1] != '-';
}

/* new.path with its tokens filled in: :year, :month, :day, :slug and :title. */
static char *article_path(const char *pattern, const struct rrm_datetime *d, const char *slug)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	struct rrm_permalink_vars v = {
		.year = d->year, .month = d->month, .day = d->day, .slug = slug};
	rrm_site_expand(&b, pattern, &v);
	return rrm_buf_detach(&b);
}

/* Front matter made from the schema: every required field and every default. */
static char *from_schema(const struct rrm_config *c, const char *title, const char *date,
			 const char *slug, const char *author, char **missing)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_adds(&b, "---\n");
	char *t = rrm_yaml_quote(title);
	rrm_buf_addf(&b, "title: %s\n", t);
	free(t);
	rrm_buf_addf(&b, "date: %s\n", date);
	if (author) {
		char *a = rrm_yaml_quote(author);
		rrm_buf_addf(&b, "author: %s\n", a);
		free(a);
	}
	if (rrm_config_field(c, "slug"))
		rrm_buf_addf(&b, "slug: %s\n", slug);
	for (size_t i = 0; i < c->fm.n_fields; i++) {
		const struct rrm_field *f = &c->fm.fields[i];
		if (!strcmp(f->name, "title") || !strcmp(f->name, "date") ||
		    !strcmp(f->name, "author") || !strcmp(f->name, "slug"))
			continue;
		if (!f->has_default) {
			if (f->required && !*missing)
				*missing = rrm_strdup(f->name);
			continue;
		}
		rrm_buf_addf(&b, "%s:", f->name);
		if (f->default_is_list) {
			rrm_buf_adds(&b, " [");
			for (size_t k = 0; k < f->default_values.n; k++) {
				char *q = rrm_yaml_quote(f->default_values.v[k]);
				rrm_buf_addf(&b, "%s%s", k ? ", " : "", q);
				free(q);
			}
			rrm_buf_adds(&b, "]\n");
		} else {
			const char *v = f->default_values.v[0];
			bool plain = f->type == RRM_T_BOOL || f->type == RRM_T_INT ||
				     f->type == RRM_T_NUMBER;
			char *q = plain ? rrm_strdup(v) : rrm_yaml_quote(v);
			rrm_buf_addf(&b, " %s\n", q);
			free(q);
		}
	}
	for (size_t i = 0; i < c->fm.required.n; i++) {
		const char *name = c->fm.required.v[i];
		if (!rrm_config_field(c, name) && strcmp(name, "title") && strcmp(name, "date") &&
		    strcmp(name, "author") && !*missing)
			*missing = rrm_strdup(name);
	}
	rrm_buf_adds(&b, "---\n\n");
	return rrm_buf_detach(&b);
}

/* Sets draft: true, replacing a top-level draft line or adding one. */
static char *set_draft(const char *text)
{
	const char *end = NULL;
	if (!strncmp(text, "---", 3))
		for (const char *p = strchr(text, '\n'); p; p = strchr(p + 1, '\n'))
			if (!strncmp(p + 1, "---", 3)) {
				end = p + 1;
				break;
			}
	if (!end)
		return rrm_strdup(text);
	struct rrm_buf b;
	rrm_buf_init(&b);
	bool done = false;
	for (const char *line = text; line < end;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
		if (!strncmp(line, "draft:", 6)) {
			rrm_buf_adds(&b, "draft: true\n");
			done = true;
		} else {
			rrm_buf_add(&b, line, n);
		}
		line += n;
	}
	if (!done)
		rrm_buf_adds(&b, "draft: true\n");
	rrm_buf_adds(&b, end);
	return rrm_buf_detach(&b);
}

struct collide_ctx {
	const struct rrm_config *c;
	const char *content_abs;
	const char *url, *slug;
	char *hit; /* the article that collides */
	const char *what;
};

static void on_existing(void *ctx, const char *abs, const struct stat *st, const char *problem)
{
	if (!st || problem || !S_ISREG(st->st_mode))
		return; /* only the articles rrm lint reads */
	struct collide_ctx *x = ctx;
	if (x->hit || !rrm_path_is_under(abs, x->content_abs))
		return;
	struct rrm_article a;
	if (rrm_article_load(&a, abs, RRM_ARTICLE_FRONT_MATTER) == RRM_LOAD_OK) {
		const struct rrm_node *fm =
			a.fm_parsed && a.fm_doc.root && a.fm_doc.root->kind == RRM_NODE_MAP
				? a.fm_doc.root
				: NULL;
		const char *rel = abs + strlen(x->content_abs) + 1;
		char *url = rrm_site_url(x->c, rel, fm);
		const struct rrm_node *s = rrm_node_get(fm, "slug");
		char *own = s && s->kind == RRM_NODE_SCALAR ? NULL : rrm_site_file_slug(rel);
		bool same_slug = !strcmp(own ? own : s->value, x->slug);
		free(own);
		if (!strcmp(url, x->url))
			x->what = "URL", x->hit = rrm_strdup(abs);
		else if (same_slug)
			x->what = "slug", x->hit = rrm_strdup(abs);
		free(url);
	}
	rrm_article_release(&a);
}

/* A refusal of rrm new: through diag, as lint's findings (rrm: new: ...). */
#define REFUSE(...) rrm_sink_add_problem(errs, RRM_SEV_ERROR, NULL, 0, 0, __VA_ARGS__)

static int run_editor(const char *path, struct rrm_sink *errs)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed) {
		REFUSE("new: --edit: set VISUAL or EDITOR");
		return RRM_EXIT_USAGE;
	}
	/* as git does: the editor command through the shell, the path as "$1" */
	char *cmd = rrm_asprintf("%s \"$1\"", ed);
	const char *argv[] = {"/bin/sh", "-c", cmd, "sh", path, NULL};
	struct rrm_spawn o = {.in = -1, .terminal = true};
	int status = rrm_spawn_run(argv, &o);
	free(cmd);
	if (status != 0) {
		REFUSE("new: the editor failed");
		return RRM_EXIT_FINDINGS;
	}
	return RRM_EXIT_OK;
}

static bool is_error(const struct rrm_finding *f, void *ctx)
{
	(void)ctx;
	return f->severity == RRM_SEV_ERROR;
}

/* The new article's text: the template, else the schema; NULL when refused. */
static char *new_text(const struct rrm_config *c, const struct new_opts *o, const char *title,
		      const char *date, const char *slug, const char *author, struct rrm_sink *errs)
{
	char *text;
	if (c->new_.template_file) {
		char *tp = rrm_path_join(c->root, c->new_.template_file), *raw;
		size_t len;
		int e;
		int r = rrm_read_file(tp, 1024 * 1024, &raw, &len, &e);
		free(tp);
		if (r != RRM_READ_OK) {
			REFUSE("new: template %s: %s", c->new_.template_file, strerror(e));
			return NULL;
		}
		struct rrm_template_vars v = {title, date, slug, author ? author : ""};
		text = rrm_template_expand(raw, &v);
		free(raw);
	} else {
		char *missing = NULL;
		text = from_schema(c, title, date, slug, author, &missing);
		if (missing) {
			REFUSE("new: field '%s' is required and has no default: give it a default in "
			       "rrm.yml or write a template (new.template)",
			       missing);
			free(missing);
			free(text);
			return NULL;
		}
	}
	if (o->draft) {
		char *t = set_draft(text);
		free(text);
		text = t;
	}
	return text;
}

/*
 * The absolute path of `rel` (new.path expanded), which must stay inside the
 * site, by its name and through symbolic links: the nearest folder of it
 * that exists must be inside. NULL when refused.
 */
static char *new_place(const struct rrm_config *c, const char *rel, const char *start,
		       struct rrm_sink *errs)
{
	char *norm = rrm_path_normalize(rel);
	if (rel[0] == '/' || !strcmp(norm, "..") || !strncmp(norm, "../", 3)) {
		REFUSE("new: %s is outside the site", rel);
		free(norm);
		return NULL;
	}
	char *abs = rrm_path_join(c->root, norm);
	free(norm);
	char real[PATH_MAX], root_real[PATH_MAX];
	char *dir = rrm_strdup(abs);
	bool outside = false;
	for (char *slash;
	     realpath(c->root, root_real) && (slash = strrchr(dir, '/')) && slash > dir;) {
		*slash = '\0';
		if (realpath(dir, real)) {
			outside = !rrm_path_is_under(real, root_real);
			break;
		}
	}
	if (outside) {
		char *shown = rrm_path_relative(dir, start);
		REFUSE("new: %s leads outside the site; nothing written", shown);
		free(shown);
		free(abs);
		abs = NULL;
	}
	free(dir);
	return abs;
}

/*
 * Whether the new file may be written: its front matter passes lint's rules,
 * and the file, its slug and its URL are all new. Returns RRM_EXIT_OK, or the
 * exit status of the refusal (added to `errs`).
 */
static int new_check(const struct rrm_config *c, const char *abs, const char *rel, const char *text,
		     const char *slug, const char *shown, const char *start, struct rrm_sink *errs)
{
	struct rrm_article a;
	rrm_article_load_mem(&a, abs, text, strlen(text), RRM_ARTICLE_FRONT_MATTER);
	struct rrm_sink sink;
	rrm_sink_init(&sink);
	rrm_config_apply_rules(c, &sink);
	rrm_lint_front_matter(c, &a, rel, &sink);
	size_t errors = rrm_sink_count(&sink, RRM_SEV_ERROR);
	if (errors) {
		rrm_sink_filter(&sink, 0, is_error, NULL);
		rrm_sink_take(errs, &sink);
	}
	rrm_sink_release(&sink);
	int rc = RRM_EXIT_OK;
	struct stat st;
	char *content_abs = rrm_path_absolute(c->content_dir, c->root);
	if (errors) {
		REFUSE("new: the template or schema gives front matter that fails lint; nothing "
		       "written");
		rc = RRM_EXIT_USAGE;
	} else if (lstat(abs, &st) == 0) {
		REFUSE("new: %s exists; nothing written", shown);
		rc = RRM_EXIT_FINDINGS;
	} else if (rrm_path_is_under(abs, content_abs) && strcmp(abs, content_abs)) {
		const struct rrm_node *fm =
			a.fm_parsed && a.fm_doc.root && a.fm_doc.root->kind == RRM_NODE_MAP
				? a.fm_doc.root
				: NULL;
		char *url = rrm_site_url(c, abs + strlen(content_abs) + 1, fm);
		struct collide_ctx x = {c, content_abs, url, slug, NULL, NULL};
		rrm_site_walk(c, content_abs, on_existing, &x);
		free(url);
		if (x.hit) {
			char *other = rrm_path_relative(x.hit, start);
			REFUSE("new: %s already has this %s; nothing written (use --slug)", other,
			       x.what);
			free(other);
			free(x.hit);
			rc = RRM_EXIT_FINDINGS;
		}
	}
	free(content_abs);
	rrm_article_release(&a);
	return rc;
}

/* ",\"created\":PATH" (and the text of a dry run) for the JSON report. */
static char *created_json(const char *shown, const char *dry_run_text)
{
	struct rrm_buf j;
	rrm_buf_init(&j);
	rrm_buf_adds(&j, ",\"created\":");
	rrm_buf_add_json(&j, shown);
	if (dry_run_text) {
		rrm_buf_adds(&j, ",\"dry_run\":true,\"text\":");
		rrm_buf_add_json(&j, dry_run_text);
	}
	return rrm_buf_detach(&j);
}

/* Writes the new file (and its folders): never over an existing one. */
static int new_write(const char *abs, const char *text, const char *shown, struct rrm_sink *errs)
{
	char *dir = rrm_strdup(abs);
	*strrchr(dir, '/') = '\0';
	int e = rrm_make_dirs(dir);
	free(dir);
	if (!e)
		e = rrm_file_create(abs, text, strlen(text));
	if (e) {
		REFUSE("new: cannot create %s: %s; nothing written", shown, strerror(e));
		return e == EEXIST ? RRM_EXIT_FINDINGS : RRM_EXIT_USAGE;
	}
	return RRM_EXIT_OK;
}

int cmd_new(int argc, char **argv, struct rrm_common *common)
{
	struct new_opts o = {0};
	int nops = 0;
	int rc = rrm_parse_options(&rrm_cmd_new, argc, argv, common, on_opt, &o, &nops);
	if (rc)
		return rc == 1 ? RRM_EXIT_OK : rc;
	struct rrm_sink sink_errs;
	struct rrm_sink *errs = &sink_errs;
	rrm_sink_init(errs);
	if (nops != 1) {
		REFUSE("new: give the title, in quotes: rrm new \"Title\"");
		rrm_report_problems(errs, o.json, NULL);
		rrm_sink_release(errs);
		return RRM_EXIT_USAGE;
	}
	const char *title = argv[0];
	char cwd[PATH_MAX];
	struct rrm_config c;
	if ((rc = rrm_enter_site_as(common, &c, cwd, sizeof cwd, o.json))) {
		rrm_config_release(&c);
		rrm_sink_release(errs);
		return rc;
	}
	char *date = NULL, *author = NULL, *text = NULL, *rel = NULL, *abs = NULL, *shown = NULL;
	char *created = NULL; /* JSON: what the report adds on success */
	struct rrm_datetime d;
	rc = RRM_EXIT_USAGE;

	char *slug = o.slug ? rrm_strdup(o.slug) : rrm_slugify(title, (size_t)c.new_.slug_max);
	if (!*slug) {
		REFUSE("new: the title has no letter or digit to make a slug of; give --slug");
		goto out;
	}
	if (!valid_slug(slug)) {
		REFUSE("new: --slug %s: use lower-case letters, digits and inner hyphens", slug);
		goto out;
	}
	const struct rrm_field *df = rrm_config_field(&c, "date");
	date = rrm_date_stamp(o.date, df && df->type == RRM_T_DATE, c.timezone, &d);
	if (!date) {
		REFUSE("new: --date %s: not a real date (YYYY-MM-DD, or e.g. 2026-11-25T09:30:00Z)",
		       o.date);
		goto out;
	}
	if (o.author)
		author = rrm_strdup(o.author);
	else if (c.new_.author)
		author = rrm_strdup(c.new_.author);
	else
		author = rrm_git_config(NULL, "user.name");
	if (!(text = new_text(&c, &o, title, date, slug, author, errs)))
		goto out;
	rel = article_path(c.new_.path, &d, slug);
	if (!(abs = new_place(&c, rel, common->start, errs)))
		goto out;
	shown = rrm_path_relative(abs, common->start);
	if ((rc = new_check(&c, abs, rel, text, slug, shown, common->start, errs)))
		goto out;
	if (o.dry_run) {
		if (o.json) {
			created = created_json(shown, text);
		} else {
			fprintf(stderr, "rrm: would create %s\n", shown);
			fputs(text, stdout);
		}
		goto out;
	}
	if ((rc = new_write(abs, text, shown, errs)))
		goto out;
	if (o.json) {
		created = created_json(shown, NULL);
	} else {
		printf("%s\n", shown);
		fflush(stdout);
	}
	rc = o.edit ? run_editor(abs, errs) : RRM_EXIT_OK;
out:
	if (errs->n || o.json)
		rrm_report_problems(errs, o.json, created);
	rrm_sink_release(errs);
	free(created);
	free(slug);
	free(date);
	free(author);
	free(text);
	free(rel);
	free(abs);
	free(shown);
	rrm_config_release(&c);
	return rc;
}
