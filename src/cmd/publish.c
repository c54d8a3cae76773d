/*
 * cmd/publish.c - rrm publish: a draft becomes a post. Hugo (and plain
 * sites): `draft: true` becomes `draft: false` in place; Jekyll: the file
 * moves from _drafts/ to _posts/YYYY-MM-DD-NAME (the index entry with it, as
 * git mv). The date is set in both; the article as published is linted first.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/article.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/diag.h"
#include "lib/file.h"
#include "lib/git.h"
#include "lib/jekyll.h"
#include "lib/util.h"
#include "lib/yaml.h"
#include "lint/run.h"

const struct rrm_opt publish_opts[] = {
	{OPT_DATE, "date", 0, "DATE", "date the post DATE (YYYY-MM-DD or an RFC 3339 datetime)"},
	{OPT_FORCE, "force", 0, NULL, "publish even when the article has lint errors"},
	{OPT_DRY_RUN, "dry-run", 'n', NULL, "print what would change; write nothing"},
	{OPT_FORMAT, "format", 'f', "FORMAT",
	 "write errors and the result in FORMAT: text or json"},
	{OPT_END, NULL, 0, NULL, NULL},
};

const struct rrm_command rrm_cmd_publish = {
	"publish",
	cmd_publish,
	publish_opts,
	"[OPTIONS] FILE",
	"turn a draft into a post, dated now",
	"Publishes the draft FILE: draft: true becomes draft: false (Hugo), or the\n"
	"file moves from _drafts/ to _posts/YYYY-MM-DD-NAME (Jekyll, with git mv's\n"
	"effect on the index); its date is set to now in the site's time zone, or\n"
	"--date. The article as published must pass rrm lint without errors\n"
	"(--force overrides). Prints the post's path; never overwrites a file."};

struct publish_opts {
	const char *date;
	bool force, dry_run, json;
};

static int on_opt(int id, const char *value, void *data)
{
	struct publish_opts *o = data;
	switch (id) {
	case OPT_DATE: o->date = value; break;
	case OPT_FORCE: o->force = true; break;
	case OPT_DRY_RUN: o->dry_run = true; break;
	case OPT_FORMAT: {
		enum rrm_format f = RRM_FORMAT_TEXT;
		int rc = rrm_parse_format("publish", value, RRM_FORMATS_TEXT_JSON, &f);
		o->json = f == RRM_FORMAT_JSON;
		return rc;
	}
	}
	return 0;
}

/* A refusal: through diag, as lint's findings are (rrm: publish: ...). */
#define REFUSE(...) rrm_sink_add_problem(errs, RRM_SEV_ERROR, NULL, 0, 0, __VA_ARGS__)

/* One change to the article's text: `len` bytes at `at` (of the source, BOM apart) become `text`.
 */
struct edit {
	size_t at, len;
	char *text;
};

/* What publishing does to one article. */
struct plan {
	struct edit edits[2]; /* in the order of the text */
	size_t n_edits;
	int inserted_line; /* the line (of the new text) a new date line takes, or 0 */
	char *text;        /* the new file: BOM, source with the edits */
	size_t len;
	char *to; /* absolute path of the post (the same file for Hugo) */
};

static void plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->n_edits; i++)
		free(p->edits[i].text);
	free(p->text);
	free(p->to);
}

/* The byte offset in a->source of 1-based `line` and code-point `column`. */
static size_t byte_at(const struct rrm_article *a, int line, int column)
{
	if (line < 1 || (size_t)line > a->n_lines)
		return a->len;
	size_t i = a->line_starts[line - 1];
	for (int k = 1; k < column && i < a->len && a->source[i] != '\n'; k++)
		do
			i++;
		while (i < a->len && ((unsigned char)a->source[i] & 0xC0) == 0x80);
	return i;
}

/* The offset of the start of the line after `line` (the end of the text after the last). */
static size_t line_after(const struct rrm_article *a, int line)
{
	return (size_t)line < a->n_lines ? a->line_starts[line] : a->len;
}

/*
 * The value of top-level `key` of the front matter `fm` (a map), its key
 * node in *k; Hugo's keys are case-insensitive. NULL when there is none.
 */
static const struct rrm_node *fm_find(const struct rrm_node *fm, const char *key, bool fold,
				      const struct rrm_node **k)
{
	for (size_t i = 0; i + 1 < fm->n_items; i += 2) {
		const struct rrm_node *n = fm->items[i];
		if (n->kind == RRM_NODE_SCALAR &&
		    (fold ? !strcasecmp(n->value, key) : !strcmp(n->value, key))) {
			*k = n;
			return fm->items[i + 1];
		}
	}
	return NULL;
}

/* Replaces scalar `v` (of key `k`) with `text`: its bytes, or after the colon when it is empty. */
static struct edit replace_value(const struct rrm_article *a, const struct rrm_node *k,
				 const struct rrm_node *v, const char *text)
{
	struct edit e;
	if (v->value_len == 0 && v->style == RRM_STYLE_PLAIN) {
		size_t at = byte_at(a, k->end_line, k->end_column);
		while (at < a->len && a->source[at] != ':')
			at++;
		e.at = at < a->len ? at + 1 : at;
		e.len = 0;
		e.text = rrm_asprintf(" %s", text);
	} else {
		e.at = byte_at(a, v->line, v->column);
		e.len = byte_at(a, v->end_line, v->end_column) - e.at;
		e.text = rrm_strdup(text);
	}
	return e;
}

/* The line ending of the front matter: that of its "---" line. */
static const char *eol_of(const struct rrm_article *a)
{
	const char *nl = memchr(a->source, '\n', a->len);
	return nl && nl > a->source && nl[-1] == '\r' ? "\r\n" : "\n";
}

/*
 * The date edit: the top-level date's value replaced, or a date line added
 * after the title (at the end of the front matter when there is none).
 */
static bool plan_date(const struct rrm_article *a, const struct rrm_node *fm, bool fold,
		      const char *stamp, struct plan *p, struct rrm_sink *errs)
{
	const struct rrm_node *k, *v = fm_find(fm, "date", fold, &k);
	if (v) {
		if (v->kind != RRM_NODE_SCALAR) {
			REFUSE("publish: %s: its date is not a single value; nothing written",
			       a->path);
			return false;
		}
		p->edits[p->n_edits++] = replace_value(a, k, v, stamp);
		return true;
	}
	const struct rrm_node *tk, *t = fm_find(fm, "title", fold, &tk);
	size_t at = a->fm_end;
	int line = a->fm_last_line + 1;
	if (t) {
		/* a block scalar ends at the start of the line after its text */
		int last =
			t->end_column == 1 && t->end_line > t->line ? t->end_line - 1 : t->end_line;
		at = line_after(a, last);
		line = last + 1;
	}
	struct edit e = {at, 0, rrm_asprintf("date: %s%s", stamp, eol_of(a))};
	p->edits[p->n_edits++] = e;
	p->inserted_line = line;
	return true;
}

static int edit_cmp(const void *x, const void *y)
{
	const struct edit *a = x, *b = y;
	return a->at < b->at ? -1 : a->at > b->at;
}

/* p->text: the BOM, then the source with the edits. */
static void plan_apply(const struct rrm_article *a, struct plan *p)
{
	if (p->n_edits)
		qsort(p->edits, p->n_edits, sizeof *p->edits, edit_cmp);
	struct rrm_buf b;
	rrm_buf_init(&b);
	if (a->bom)
		rrm_buf_adds(&b, "\xEF\xBB\xBF");
	size_t at = 0;
	for (size_t i = 0; i < p->n_edits; i++) {
		rrm_buf_add(&b, a->source + at, p->edits[i].at - at);
		rrm_buf_adds(&b, p->edits[i].text);
		at = p->edits[i].at + p->edits[i].len;
	}
	rrm_buf_add(&b, a->source + at, a->len - at);
	p->len = b.len;
	p->text = rrm_buf_detach(&b);
}

/* `name` without a leading YYYY-MM-DD- (a draft named as a post). */
static const char *without_date(const char *name)
{
	int y, m, d, n = 0;
	if (sscanf(name, "%4d-%2d-%2d-%n", &y, &m, &d, &n) == 3 && n == 11)
		return name + n;
	return name;
}

/*
 * Jekyll: the post's path, the draft's with its _drafts part (the first
 * after collections_dir) as _posts and the date before its name.
 */
static char *post_path(const char *abs, const char *content_rel, int y, int m, int d)
{
	/* the _drafts part of the absolute path: the one content_rel has */
	const char *in_rel = content_rel;
	for (const char *p = content_rel; *p;) {
		if (!strncmp(p, "_drafts/", 8)) {
			in_rel = p;
			break;
		}
		const char *s = strchr(p, '/');
		if (!s)
			break;
		p = s + 1;
	}
	size_t head = strlen(abs) - strlen(in_rel); /* abs up to _drafts/ */
	const char *rest = in_rel + 8;              /* below _drafts/ */
	const char *base = rrm_path_base(rest);
	return rrm_asprintf("%.*s_posts/%.*s%04d-%02d-%02d-%s", (int)head, abs, (int)(base - rest),
			    rest, y, m, d, without_date(base));
}

/*
 * The lint findings of the article as published, moved back onto the draft
 * as it is on disk (its path, and its lines and offsets before the edits),
 * so that they can be fixed there.
 */
static size_t draft_offset(const struct plan *p, size_t bom, size_t off)
{
	if (off < bom)
		return off;
	off -= bom;
	long long delta = 0;
	for (size_t i = 0; i < p->n_edits; i++) {
		const struct edit *e = &p->edits[i];
		size_t start = (size_t)((long long)e->at + delta);
		if (off < start)
			break;
		if (off < start + strlen(e->text))
			return e->at + bom;
		delta += (long long)strlen(e->text) - (long long)e->len;
	}
	return (size_t)((long long)off - delta) + bom;
}

static int draft_line(const struct plan *p, int line)
{
	if (!p->inserted_line || line < p->inserted_line)
		return line;
	return line == p->inserted_line ? (line > 1 ? line - 1 : 1) : line - 1;
}

static void onto_draft(struct rrm_sink *s, const struct plan *p, size_t bom, const char *shown)
{
	for (size_t i = 0; i < s->n; i++) {
		struct rrm_finding *f = &s->items[i];
		rrm_finding_set_path(f, shown);
		if (f->line)
			f->line = draft_line(p, f->line);
		if (f->end_line)
			f->end_line = draft_line(p, f->end_line);
		f->offset = draft_offset(p, bom, f->offset);
		if (f->fix)
			f->fix_offset = draft_offset(p, bom, f->fix_offset);
	}
	rrm_sink_sort(s);
	rrm_sink_fingerprint(s);
}

/*
 * Lints the article as it will be published (its new text at its new path,
 * the draft gone from the site) into `findings`. Returns RRM_EXIT_OK, or
 * RRM_EXIT_USAGE when the engine cannot run (added to `errs`).
 */
static int lint_published(const struct rrm_config *c, const char *from, const struct plan *p,
			  const char *start, struct rrm_sink *findings, struct rrm_sink *errs)
{
	struct rrm_lint_options lo = {.suggest = true, .start = start};
	struct rrm_lint_session *s = rrm_lint_session_new(c, &lo);
	struct rrm_lint_error err = {0};
	int rc = RRM_LINT_OK;
	if (strcmp(from, p->to))
		rc = rrm_lint_session_update(s, from, NULL, 0, &err);
	if (rc == RRM_LINT_OK)
		rc = rrm_lint_session_lint(s, p->to, p->text, p->len, findings, &err);
	if (rc == RRM_LINT_ERROR) {
		if (err.file && err.line > 0)
			REFUSE("publish: %s:%d:%d: %s", err.file, err.line, err.column,
			       err.message);
		else if (err.file)
			REFUSE("publish: %s: %s", err.file, err.message);
		else
			REFUSE("publish: %s", err.message);
	}
	rrm_lint_error_release(&err);
	rrm_lint_session_free(s);
	return rc == RRM_LINT_ERROR ? RRM_EXIT_USAGE : RRM_EXIT_OK;
}

/* A line of `text` (from `*at`, up to `end`), its newline included; false at the end. */
static bool next_line(const char *text, size_t end, size_t *at, const char **line, size_t *n)
{
	if (*at >= end)
		return false;
	const char *nl = memchr(text + *at, '\n', end - *at);
	*line = text + *at;
	*n = nl ? (size_t)(nl - *line) + 1 : end - *at;
	*at += *n;
	return true;
}

static void diff_line(struct rrm_buf *b, char sign, const char *line, size_t n)
{
	rrm_buf_addc(b, sign);
	rrm_buf_add(b, line, n);
	if (!n || line[n - 1] != '\n')
		rrm_buf_adds(b, "\n\\ No newline at end of file\n");
}

/*
 * What publishing changes, as a unified diff of the front matter (the only
 * part that changes): from the draft's path to the post's.
 */
static char *plan_diff(const struct rrm_article *a, const struct plan *p, const char *from,
		       const char *to)
{
	size_t old_end = a->body_begin, new_end = a->body_begin + a->bom;
	for (size_t i = 0; i < p->n_edits; i++)
		new_end += strlen(p->edits[i].text) - p->edits[i].len;
	size_t old_n = 0, new_n = 0, at = 0;
	const char *l;
	size_t n;
	while (next_line(a->source, old_end, &at, &l, &n))
		old_n++;
	for (at = a->bom; next_line(p->text, new_end, &at, &l, &n);)
		new_n++;
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addf(&b, "--- %s\n+++ %s\n@@ -1,%zu +1,%zu @@\n", from, to, old_n, new_n);
	size_t oi = 0, ni = a->bom;
	int line = 1;
	const char *ol, *nl;
	size_t on, nn;
	while (next_line(p->text, new_end, &ni, &nl, &nn)) {
		if (line++ == p->inserted_line) {
			diff_line(&b, '+', nl, nn);
			continue;
		}
		if (!next_line(a->source, old_end, &oi, &ol, &on))
			break;
		if (on == nn && !memcmp(ol, nl, on)) {
			diff_line(&b, ' ', ol, on);
		} else {
			diff_line(&b, '-', ol, on);
			diff_line(&b, '+', nl, nn);
		}
	}
	return rrm_buf_detach(&b);
}

/*
 * Whether `abs` is a draft of the site, and the plan that publishes it.
 * Returns RRM_EXIT_OK, or the exit status of the refusal (added to `errs`).
 */
static int make_plan(const struct rrm_config *c, const struct rrm_article *a, const char *abs,
		     const char *shown, const struct publish_opts *o, struct plan *p,
		     struct rrm_sink *errs)
{
	const struct rrm_node *fm = a->fm_parsed && a->fm_doc.root ? a->fm_doc.root : NULL;
	if (a->fm_state == RRM_FM_TOML) {
		REFUSE("publish: %s: rrm publishes articles with YAML front matter (---), not TOML "
		       "(+++); nothing written",
		       shown);
		return RRM_EXIT_FINDINGS;
	}
	if (a->fm_state != RRM_FM_YAML || !a->fm_parsed || (fm && fm->kind != RRM_NODE_MAP)) {
		REFUSE("publish: %s: its front matter cannot be read (see rrm lint); nothing "
		       "written",
		       shown);
		return RRM_EXIT_FINDINGS;
	}
	char *root_rel = rrm_path_relative(abs, c->root);
	char *rel = rrm_content_path(c, root_rel);
	free(root_rel);
	if (!rel) {
		REFUSE("publish: %s is not in the site's content; nothing written", shown);
		return RRM_EXIT_FINDINGS;
	}
	const struct rrm_jekyll_collection *col;
	bool move = c->jekyll && rrm_jekyll_kind(c, rel, &col) == RRM_JEKYLL_DRAFT;
	bool fold = c->generator == RRM_GEN_HUGO;
	const struct rrm_node *k = NULL, *draft = fm ? fm_find(fm, "draft", fold, &k) : NULL;
	bool is_draft = draft && draft->kind == RRM_NODE_SCALAR &&
			rrm_scalar_type(draft) == RRM_SCALAR_BOOL &&
			(draft->value[0] == 't' || draft->value[0] == 'T');
	int rc = RRM_EXIT_USAGE;
	const struct rrm_field *df = rrm_config_field(c, "date");
	struct rrm_datetime d;
	char *stamp = rrm_date_stamp(o->date, df && df->type == RRM_T_DATE, c->timezone, &d);
	if (!stamp) {
		REFUSE("publish: --date %s: not a real date (YYYY-MM-DD, or e.g. "
		       "2026-11-25T09:30:00Z)",
		       o->date);
		goto out;
	}
	rc = RRM_EXIT_FINDINGS;
	if (c->jekyll && !move) {
		REFUSE("publish: %s is not a draft (Jekyll's drafts are in _drafts/); nothing "
		       "written",
		       shown);
		goto out;
	}
	if (!c->jekyll && !is_draft) {
		REFUSE("publish: %s is not a draft (no 'draft: true' in its front matter); nothing "
		       "written",
		       shown);
		goto out;
	}
	if (is_draft && !move) {
		struct edit e = replace_value(a, k, draft, "false");
		p->edits[p->n_edits++] = e;
	}
	if (!plan_date(a, fm, fold, stamp, p, errs))
		goto out;
	plan_apply(a, p);
	if (move) {
		int y, m, dd;
		rrm_date_local_day(&d, c->timezone, &y, &m, &dd);
		p->to = post_path(abs, rel, y, m, dd);
	} else {
		p->to = rrm_strdup(abs);
	}
	rc = RRM_EXIT_OK;
out:
	free(stamp);
	free(rel);
	return rc;
}

/*
 * The post's folder: inside the site, through symbolic links too. Returns
 * RRM_EXIT_OK or the refusal's status.
 */
static int check_target(const struct rrm_config *c, const char *to, const char *to_shown,
			struct rrm_sink *errs)
{
	struct stat st;
	if (lstat(to, &st) == 0) {
		REFUSE("publish: %s exists; nothing written", to_shown);
		return RRM_EXIT_FINDINGS;
	}
	char real[PATH_MAX], root_real[PATH_MAX];
	char *dir = rrm_strdup(to);
	bool outside = false;
	for (char *slash;
	     realpath(c->root, root_real) && (slash = strrchr(dir, '/')) && slash > dir;) {
		*slash = '\0';
		if (realpath(dir, real)) {
			outside = !rrm_path_is_under(real, root_real);
			break;
		}
	}
	free(dir);
	if (outside) {
		REFUSE("publish: %s leads outside the site; nothing written", to_shown);
		return RRM_EXIT_USAGE;
	}
	return RRM_EXIT_OK;
}

/* The folders above `path` that do not exist yet: the top one (a new string), or NULL. */
static char *first_missing(const char *path)
{
	char *dir = rrm_strdup(path), *top = NULL;
	struct stat st;
	for (char *slash; (slash = strrchr(dir, '/')) && slash > dir;) {
		*slash = '\0';
		if (stat(dir, &st) == 0)
			break;
		free(top);
		top = rrm_strdup(dir);
	}
	free(dir);
	return top;
}

/* Removes the empty folders above `path` up to `top` (which rrm created). */
static void remove_made(const char *path, const char *top)
{
	if (!top)
		return;
	char *dir = rrm_strdup(path);
	for (char *slash; (slash = strrchr(dir, '/')) && slash > dir;) {
		*slash = '\0';
		if (rmdir(dir) != 0 || !strcmp(dir, top))
			break;
	}
	free(dir);
}

/*
 * Jekyll: the post created (never over a file), the index entry moved as git
 * mv does when the draft is tracked, then the draft removed; on any failure
 * every step is undone.
 */
static int move_post(const struct rrm_config *c, const char *from, const struct plan *p,
		     const char *shown, const char *to_shown, struct rrm_sink *errs)
{
	char *top = first_missing(p->to);
	char *dir = rrm_strdup(p->to);
	*strrchr(dir, '/') = '\0';
	int e = rrm_make_dirs(dir);
	free(dir);
	if (!e)
		e = rrm_file_create(p->to, p->text, p->len);
	if (e) {
		remove_made(p->to, top);
		free(top);
		REFUSE("publish: cannot create %s: %s; nothing written", to_shown, strerror(e));
		return e == EEXIST ? RRM_EXIT_FINDINGS : RRM_EXIT_USAGE;
	}
	int moved = 0;
	char *old_rel = rrm_path_relative(from, c->root),
	     *new_rel = rrm_path_relative(p->to, c->root);
	if (rrm_git_inside(c->root))
		moved = rrm_git_index_move(c->root, old_rel, new_rel);
	int rc = RRM_EXIT_OK;
	if (moved < 0) {
		REFUSE("publish: git could not move %s in the index; nothing written", shown);
		rc = RRM_EXIT_USAGE;
	} else if (unlink(from) != 0) {
		int err = errno;
		if (moved > 0)
			rrm_git_index_move(c->root, new_rel, old_rel);
		REFUSE("publish: cannot remove %s: %s; nothing written", shown, strerror(err));
		rc = RRM_EXIT_USAGE;
	}
	if (rc) {
		unlink(p->to);
		remove_made(p->to, top);
	}
	free(top);
	free(old_rel);
	free(new_rel);
	return rc;
}

/* ",\"published\":POST,\"from\":DRAFT" (and a dry run's diff) for the JSON report. */
static char *published_json(const char *to, const char *from, const char *diff)
{
	struct rrm_buf j;
	rrm_buf_init(&j);
	rrm_buf_adds(&j, ",\"published\":");
	rrm_buf_add_json(&j, to);
	rrm_buf_adds(&j, ",\"from\":");
	rrm_buf_add_json(&j, from);
	if (diff) {
		rrm_buf_adds(&j, ",\"dry_run\":true,\"diff\":");
		rrm_buf_add_json(&j, diff);
	}
	return rrm_buf_detach(&j);
}

/* The draft: an existing regular file inside the site. NULL when refused. */
static char *draft_place(const struct rrm_config *c, const char *arg, const char *cwd,
			 const char *start, int *rc, struct rrm_sink *errs)
{
	char *abs = rrm_path_absolute(arg, cwd);
	char *shown = rrm_path_relative(abs, start);
	struct stat st;
	char real[PATH_MAX], root_real[PATH_MAX];
	*rc = RRM_EXIT_USAGE;
	if (lstat(abs, &st) != 0) {
		REFUSE("publish: %s: %s", shown, strerror(errno));
	} else if (S_ISLNK(st.st_mode)) {
		REFUSE("publish: %s is a symbolic link: publish the file it names", shown);
	} else if (!S_ISREG(st.st_mode)) {
		REFUSE("publish: %s is not a file", shown);
	} else if (!realpath(abs, real) || !realpath(c->root, root_real) ||
		   !rrm_path_is_under(real, root_real)) {
		REFUSE("publish: %s is outside the site", shown);
	} else {
		free(shown);
		*rc = RRM_EXIT_OK;
		return abs;
	}
	free(shown);
	free(abs);
	return NULL;
}

int cmd_publish(int argc, char **argv, struct rrm_common *common)
{
	struct publish_opts o = {0};
	int nops = 0;
	int rc = rrm_parse_options(&rrm_cmd_publish, argc, argv, common, on_opt, &o, &nops);
	if (rc)
		return rc == 1 ? RRM_EXIT_OK : rc;
	struct rrm_sink sink_errs;
	struct rrm_sink *errs = &sink_errs;
	rrm_sink_init(errs);
	if (nops != 1) {
		REFUSE("publish: give one draft: rrm publish FILE");
		rrm_report_problems(errs, o.json, NULL);
		rrm_sink_release(errs);
		return RRM_EXIT_USAGE;
	}
	char cwd[PATH_MAX];
	struct rrm_config c;
	if ((rc = rrm_enter_site_as(common, &c, cwd, sizeof cwd, o.json))) {
		rrm_config_release(&c);
		rrm_sink_release(errs);
		return rc;
	}
	struct rrm_article a;
	rrm_article_init(&a);
	struct plan p = {0};
	char *shown = NULL, *to_shown = NULL, *extra = NULL, *diff = NULL;
	struct rrm_sink findings;
	rrm_sink_init(&findings);
	char *abs = draft_place(&c, argv[0], cwd, common->start, &rc, errs);
	if (!abs)
		goto out;
	shown = rrm_path_relative(abs, common->start);
	if (rrm_article_load(&a, abs, RRM_ARTICLE_FRONT_MATTER) != RRM_LOAD_OK) {
		REFUSE("publish: %s cannot be read (see rrm lint); nothing written", shown);
		rc = RRM_EXIT_USAGE;
		goto out;
	}
	if ((rc = make_plan(&c, &a, abs, shown, &o, &p, errs)))
		goto out;
	to_shown = rrm_path_relative(p.to, common->start);
	if (strcmp(p.to, abs) && (rc = check_target(&c, p.to, to_shown, errs)))
		goto out;
	if ((rc = lint_published(&c, abs, &p, common->start, &findings, errs)))
		goto out;
	onto_draft(&findings, &p, a.bom, shown);
	size_t errors = rrm_sink_count(&findings, RRM_SEV_ERROR);
	rrm_sink_take(errs, &findings);
	if (errors && !o.force) {
		REFUSE("publish: %s has %zu lint error%s; nothing written (--force publishes it "
		       "anyway)",
		       shown, errors, errors == 1 ? "" : "s");
		rc = RRM_EXIT_FINDINGS;
		goto out;
	}
	if (o.dry_run) {
		diff = plan_diff(&a, &p, shown, to_shown);
		if (o.json) {
			extra = published_json(to_shown, shown, diff);
		} else {
			if (strcmp(p.to, abs))
				fprintf(stderr, "rrm: would publish %s as %s\n", shown, to_shown);
			else
				fprintf(stderr, "rrm: would publish %s\n", shown);
			fputs(diff, stdout);
		}
		goto out;
	}
	if (!strcmp(p.to, abs)) {
		int e = rrm_file_replace(abs, p.text, p.len);
		if (e) {
			REFUSE("publish: cannot write %s: %s; the file is unchanged", shown,
			       strerror(e));
			rc = RRM_EXIT_USAGE;
			goto out;
		}
	} else if ((rc = move_post(&c, abs, &p, shown, to_shown, errs))) {
		goto out;
	}
	if (o.json) {
		extra = published_json(to_shown, shown, NULL);
	} else {
		printf("%s\n", to_shown);
		fflush(stdout);
	}
out:
	if (errs->n || o.json)
		rrm_report_problems(errs, o.json, extra);
	rrm_sink_release(errs);
	rrm_sink_release(&findings);
	rrm_article_release(&a);
	plan_release(&p);
	free(abs);
	free(shown);
	free(to_shown);
	free(extra);
	free(diff);
	rrm_config_release(&c);
	return rc;
}
