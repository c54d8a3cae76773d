/*
 * run.c - the lint engine (run.h): the files of a run, one worker per
 * thread reading them, the results merged in file order into the site
 * index, the link checks against it (inbound breakage for --staged and
 * --changed), spelling suggestions, the cache and the baseline; and the
 * session that keeps an index for linting one document at a time.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "lib/anchor.h"
#include "lib/article.h"
#include "lib/config.h"
#include "lib/diag.h"
#include "lib/file.h"
#include "lib/hugo.h"
#include "lib/jekyll.h"
#include "lib/map.h"
#include "lib/pool.h"
#include "lib/site.h"
#include "lib/util.h"
#include "lint/cache.h"
#include "lint/engine.h"
#include "lint/lint.h"
#include "lint/reach.h"
#include "lint/run.h"

/* Seconds since the epoch (file times are compared with it). */
static double wall_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void rrm_lint_error_release(struct rrm_lint_error *e)
{
	free(e->file);
	free(e->message);
	*e = (struct rrm_lint_error){0};
}

void rrm_lint_stats_release(struct rrm_lint_stats *st)
{
	free(st->cache_error);
	st->cache_error = NULL;
}

static int fail(struct rrm_lint_error *err, char *message)
{
	if (err) {
		err->file = NULL;
		err->line = err->column = 0;
		err->message = message;
	} else {
		free(message);
	}
	return RRM_LINT_ERROR;
}

/*
 * The key of --cache: what every cached result depends on besides the
 * article itself: rrm, rrm.yml and the generator's configuration files, the
 * dictionaries, the rules in force, the mode.
 */
static uint64_t run_key(const struct rrm_config *c, const struct rrm_sink *rules,
			const struct rrm_speller *sp, bool links_on, bool words)
{
	struct rrm_buf k;
	rrm_buf_init(&k);
	rrm_buf_addf(&k, "rrm %s\n", RRM_VERSION);
	if (c->file) {
		char *text = NULL;
		size_t len = 0;
		int err;
		if (rrm_read_file(c->file, 1u << 20, &text, &len, &err) == RRM_READ_OK)
			rrm_buf_add(&k, text, len);
		else
			rrm_buf_addf(&k, "unreadable %d", err);
		free(text);
	}
	/* The generator's configuration files shape URLs as much as rrm.yml does. */
	for (size_t i = 0; i < c->generator_files.n; i++) {
		char *path = rrm_path_join(c->root, c->generator_files.v[i]);
		char *text = NULL;
		size_t len = 0;
		int err;
		rrm_buf_addf(&k, "\ngenerator file %s\n", c->generator_files.v[i]);
		if (rrm_read_file(path, 1u << 20, &text, &len, &err) == RRM_READ_OK)
			rrm_buf_add(&k, text, len);
		else
			rrm_buf_addf(&k, "unreadable %d", err);
		free(text);
		free(path);
	}
	/* Jekyll builds a post once its date has passed: what is built changes by the day */
	if (c->jekyll && !c->jekyll->future)
		rrm_buf_addf(&k, "\njekyll day %lld", (long long)(time(NULL) / 86400));
	rrm_buf_addf(&k, "\nroot %s\ntz %s\nspeller %d %llx\nlinks %d\nwords %d\nrules", c->root,
		     c->timezone ? c->timezone : "-", sp != NULL,
		     sp ? (unsigned long long)rrm_speller_id(sp) : 0ULL, links_on, words);
	for (int r = 0; r < RRM_RULE_COUNT; r++)
		rrm_buf_addf(&k, " %d", (int)rules->severity[r]);
	uint64_t h = rrm_cache_content_hash(k.data, k.len, false);
	rrm_buf_release(&k);
	return h;
}

/* ---- the files of a run ---- */

char *rrm_lint_content_rel(const struct rrm_config *c, const char *abs)
{
	if (!rrm_path_is_under(abs, c->root) || !strcmp(abs, c->root))
		return NULL;
	return rrm_content_path(c, abs + strlen(c->root) + (c->root[1] ? 1 : 0));
}

struct rrm_entry *rrm_files_add(struct rrm_files *f, const struct rrm_config *c, const char *abs,
				bool selected)
{
	f->v = rrm_grow(f->v, &f->cap, f->n + 1, sizeof *f->v);
	struct rrm_entry *e = &f->v[f->n++];
	*e = (struct rrm_entry){0};
	e->abs = rrm_strdup(abs);
	e->rel = rrm_lint_content_rel(c, abs);
	e->selected = selected;
	return e;
}

struct rrm_entry *rrm_files_find(struct rrm_files *f, const char *abs)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].abs, abs))
			return &f->v[i];
	return NULL;
}

void rrm_entry_release(struct rrm_entry *e)
{
	free(e->abs);
	free(e->rel);
	free(e->blob);
	free(e->refused);
}

static void files_release(struct rrm_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		rrm_entry_release(&f->v[i]);
	free(f->v);
	*f = (struct rrm_files){0};
}

struct walk_ctx {
	struct rrm_files *out;
	const struct rrm_config *c;
	const char *root;
	bool selected;
};

/* Why a symbolic link or a path given is not read (a dangling link is reported when read). */
#define LEADS_OUT "leads outside the site: not read"

static void on_article(void *ctx, const char *abs, const struct stat *st, const char *problem)
{
	struct walk_ctx *w = ctx;
	char *why = problem ? rrm_strdup(problem) : NULL;
	if (st && S_ISLNK(st->st_mode)) {
		why = rrm_path_leads_out(abs, w->root) ? rrm_strdup(LEADS_OUT) : NULL;
		if (!why)
			return; /* a link inside the site: its target is linted where it is */
	}
	struct rrm_entry *e = rrm_files_add(w->out, w->c, abs, w->selected);
	e->refused = why;
	if (st && !why) {
		rrm_file_sig_of(st, &e->sig);
		e->has_sig = true;
	}
}

static void walk(const struct rrm_config *c, const char *dir, struct rrm_files *out, bool selected)
{
	struct walk_ctx w = {out, c, c->root, selected};
	rrm_site_walk(c, dir, on_article, &w);
}

/* The content roots besides content_dir (Hugo's mounts and language folders). */
static void walk_other_roots(const struct rrm_config *c, struct rrm_files *out, bool selected)
{
	for (size_t i = 0; i < c->n_content_roots; i++) {
		const char *dir = c->content_roots[i].dir;
		if (!strcmp(dir, c->content_dir))
			continue; /* walked already */
		char *abs = rrm_path_absolute(dir, c->root);
		walk(c, abs, out, selected);
		free(abs);
	}
}

static int entry_cmp(const void *a, const void *b)
{
	const struct rrm_entry *x = a, *y = b;
	int c = strcmp(x->abs, y->abs);
	if (c)
		return c;
	return (int)y->selected - (int)x->selected; /* selected first */
}

/* Sorts and drops repeats (keeping `selected` when any copy had it). */
static void dedupe(struct rrm_files *f)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, entry_cmp);
	size_t w = 0;
	for (size_t r = 0; r < f->n; r++) {
		if (w > 0 && !strcmp(f->v[w - 1].abs, f->v[r].abs)) {
			rrm_entry_release(&f->v[r]);
			continue;
		}
		f->v[w++] = f->v[r];
	}
	f->n = w;
}

/*
 * Every article of the site (the content roots), selected or not; an error
 * when content_dir is not a folder and `must` (the whole site is linted).
 */
static int walk_site(const struct rrm_config *c, const char *start, struct rrm_files *files,
		     bool selected, bool must, struct rrm_lint_error *err)
{
	char *content_abs = rrm_path_absolute(c->content_dir, c->root);
	struct stat st;
	int rc = 0;
	if (stat(content_abs, &st) == 0 && S_ISDIR(st.st_mode)) {
		walk(c, content_abs, files, selected);
		walk_other_roots(c, files, selected);
	} else if (must) {
		char *shown = rrm_path_relative(content_abs, start);
		rc = fail(err, rrm_asprintf("content_dir %s: no such folder", shown));
		free(shown);
	}
	free(content_abs);
	return rc;
}

/* ---- articles into the index ---- */

struct rrm_render rrm_lint_render(const struct rrm_config *c)
{
	return (struct rrm_render){c->code_shortcodes.v, c->code_shortcodes.n,
				   c->anchors == RRM_ANCHORS_JEKYLL ||
					   c->anchors == RRM_ANCHORS_KRAMDOWN};
}

bool rrm_lint_is_anchor(const struct rrm_config *c, const struct rrm_html_id *h)
{
	return !h->ial || c->anchors == RRM_ANCHORS_JEKYLL || c->anchors == RRM_ANCHORS_KRAMDOWN;
}

long rrm_lint_index_page(const struct rrm_config *c, struct rrm_site *site,
			 const struct rrm_article *a, const char *file, const char *rel,
			 const char *url, const struct rrm_node *fm, char **ids)
{
	size_t n = 0;
	char **all = rrm_calloc(a->n_headings + a->n_html_ids + 1, sizeof *all);
	for (size_t k = 0; k < a->n_headings; k++)
		if (ids[k])
			all[n++] = rrm_strdup(ids[k]);
	for (size_t k = 0; k < a->n_html_ids; k++)
		if (rrm_lint_is_anchor(c, &a->html_ids[k]))
			all[n++] = rrm_strdup(a->html_ids[k].id);
	struct rrm_page_meta m;
	rrm_page_meta_from(&m, fm);
	if (c->jekyll && rel) /* built or not, and redirect_from, as Jekyll sees them */
		rrm_jekyll_page_meta(
			c, rel, fm,
			a->fm_state == RRM_FM_YAML || a->fm_state == RRM_FM_UNTERMINATED, &m);
	else if (c->generator == RRM_GEN_HUGO) /* built or not, its term pages */
		rrm_hugo_page_meta(c, rel, fm, &m);
	long page = (long)rrm_site_add_page_meta(site, file, url, &m, all, n);
	rrm_page_meta_release(&m);
	site->pages[page].open_ids =
		a->shortcode_content || a->n_includes; /* snippets: not read here */
	return page;
}

/* A bundle head (index.md, _index.md, ...: site.c's list): the files it owns change with it. */
static bool bundle_head(const char *path)
{
	return rrm_site_bundle_head(path) != RRM_HEAD_NONE;
}

static bool same_place(const struct rrm_finding *a, const struct rrm_finding *b)
{
	return a->rule == b->rule && a->line == b->line && a->column == b->column;
}

/* The links of an unchanged article that the change broke: dead now, alive before. */
/*
 * The id that took the place of `old` in a page whose ids were `b` (n) and
 * are `a` (m): between the same two ids kept, `old` the only one gone and
 * one only come (a heading whose text changed, its id with it); or NULL.
 */
static const char *renamed_id(char *const *b, size_t n, char *const *a, size_t m, const char *old)
{
	if (!n || !m || n > 2000 || m > 2000)
		return NULL;
	/* the longest common subsequence of the two lists, as a table of suffixes */
	unsigned short *t = rrm_calloc((n + 1) * (m + 1), sizeof *t);
#define T(i, j) t[(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			T(i, j) = !strcmp(b[i], a[j]) ? (unsigned short)(T(i + 1, j + 1) + 1)
				  : T(i + 1, j) > T(i, j + 1) ? T(i + 1, j)
							      : T(i, j + 1);
	/* walk it: each gap between kept ids, with what went and what came in it */
	const char *found = NULL;
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		size_t gone = 0, came = 0;
		bool has_old = false;
		const char *come = NULL;
		while ((i < n || j < m) && !(i < n && j < m && !strcmp(b[i], a[j]))) {
			if (j >= m || (i < n && T(i + 1, j) >= T(i, j + 1))) {
				has_old |= !strcmp(b[i], old);
				gone++, i++;
			} else {
				come = a[j];
				came++, j++;
			}
		}
		if (has_old) {
			if (gone == 1 && came == 1)
				found = come;
			break;
		}
		if (i < n && j < m)
			i++, j++;
	}
#undef T
	free(t);
	return found;
}

/* The page of `site` for the article file `file`, or -1. */
static long page_of_file(const struct rrm_site *site, const char *file)
{
	const struct rrm_map_entry *e = rrm_map_get(&site->by_file, file, strlen(file));
	return e && e->value > 0 ? (long)e->value - 1 : -1;
}

/*
 * The repair of a link/anchor finding a change caused, when the anchor is a
 * heading's id that the change renamed: the fragment, as written, becomes
 * the new id (the finding's fix and suggestion).
 */
static void renamed_anchor(const struct rrm_config *c, const struct rrm_site *after,
			   const struct rrm_site *before, const struct rrm_linted *l,
			   const struct rrm_finding *f, struct rrm_finding *g)
{
	const struct rrm_link *k = NULL;
	for (size_t i = 0; i < l->n_links && !k; i++)
		if (l->links[i].offset == f->offset && l->links[i].line == f->line)
			k = &l->links[i];
	const char *hash = k ? strchr(k->dest, '#') : NULL;
	if (!hash || !hash[1] || strchr(hash, '%') || k->len != strlen(k->dest))
		return; /* a fragment written otherwise than it reads: no exact repair */
	struct rrm_link_target t = {0};
	if (k->dest[0] == '#' && l->page >= 0) { /* "#id": the article's own */
		t.kind = RRM_TARGET_PAGE;
		t.page = (size_t)l->page;
	} else {
		rrm_lint_link_target(c, after, l, k, &t);
	}
	long was = t.kind == RRM_TARGET_PAGE ? page_of_file(before, after->pages[t.page].file) : -1;
	if (was >= 0) {
		rrm_site_need_ids(after, t.page);
		rrm_site_need_ids(before, (size_t)was);
		const struct rrm_page *pa = &after->pages[t.page], *pb = &before->pages[was];
		const char *id = renamed_id(pb->ids, pb->n_ids, pa->ids, pa->n_ids, hash + 1);
		if (id) {
			if (!g->n_suggestions || strcmp(g->suggestions[0], id))
				rrm_finding_suggest(g, id);
			rrm_finding_fix(g, k->offset + (size_t)(hash + 1 - k->dest),
					strlen(hash + 1), id);
		}
	}
	rrm_link_target_release(&t);
}

static void inbound_links(const struct rrm_config *c, const struct rrm_site *after,
			  const struct rrm_site *before, const struct rrm_linted *l,
			  const char *names, struct rrm_sink *s)
{
	struct rrm_sink now, then;
	rrm_sink_init(&now);
	rrm_sink_init(&then);
	memcpy(now.severity, s->severity, sizeof now.severity);
	memcpy(then.severity, s->severity, sizeof then.severity);
	rrm_lint_links(c, after, l, &now);
	if (now.n) /* most articles have no dead link: then nothing can have broken */
		rrm_lint_links(c, before, l, &then);
	for (size_t i = 0; i < now.n; i++) {
		const struct rrm_finding *f = &now.items[i];
		bool old = false;
		for (size_t k = 0; k < then.n && !old; k++)
			old = same_place(f, &then.items[k]);
		if (old || f->rule == RRM_RULE_LINK_DUPLICATE_ID)
			continue;
		struct rrm_finding *g = rrm_sink_add(
			s, f->rule, f->path, f->line, f->column, f->end_line, f->end_column,
			f->offset, "%s (%s by the change to %s)", f->message,
			f->rule == RRM_RULE_LINK_ALIAS ? "made an old URL" : "broken",
			names ? names : "the changed articles");
		if (g && f->subject)
			g->subject = rrm_strdup(f->subject);
		for (size_t k = 0; g && k < f->n_suggestions; k++)
			rrm_finding_suggest(g, f->suggestions[k]);
		if (g && f->rule == RRM_RULE_LINK_ANCHOR)
			renamed_anchor(c, after, before, l, f, g);
	}
	rrm_sink_release(&now);
	rrm_sink_release(&then);
}

/*
 * The file that {{% include ARG %}} renders into a page, found as the
 * include shortcodes of Hugo sites find it (hugoDocs, opentelemetry.io):
 * "/x.md" from content_dir; "x.md" beside the page, or in an _includes
 * folder of the page's folder or of a folder above it up to content_dir.
 * NULL when there is none inside the site.
 */
static char *find_include(const struct rrm_config *c, const char *page_abs, const char *arg)
{
	char *content_abs = rrm_path_absolute(c->content_dir, c->root);
	char *dir = rrm_strdup(page_abs);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	char *found = NULL;
	for (int k = 0; !found; k++) {
		char *cand;
		if (arg[0] == '/')
			cand = rrm_asprintf("%s%s", content_abs, arg);
		else if (k == 0)
			cand = rrm_path_join(dir, arg);
		else
			cand = rrm_asprintf("%s/_includes/%s", dir, arg);
		char *norm = rrm_path_normalize(cand);
		free(cand);
		struct stat st;
		if (rrm_path_is_under(norm, content_abs) && !rrm_path_leads_out(norm, c->root) &&
		    stat(norm, &st) == 0 && S_ISREG(st.st_mode))
			found = norm;
		else
			free(norm);
		if (arg[0] == '/' || (k > 0 && !strcmp(dir, content_abs)))
			break;
		if (k > 0) { /* the folder above */
			slash = strrchr(dir, '/');
			if (!slash || !rrm_path_is_under(dir, content_abs))
				break;
			*slash = '\0';
		}
	}
	free(dir);
	free(content_abs);
	return found;
}

/*
 * Adds the anchors of the snippets that the page includes to r->anchors;
 * false when one is not found or may have anchors rrm cannot see.
 */
static bool add_included_anchors(const struct rrm_config *c, const char *page_abs,
				 const struct rrm_article *a, struct rrm_file_result *r)
{
	bool known = true;
	struct rrm_render render = rrm_lint_render(c);
	for (size_t i = 0; i < a->n_includes; i++) {
		char *f = find_include(c, page_abs, a->includes[i]);
		struct rrm_article in;
		if (!f || rrm_article_load_with(&in, f, RRM_ARTICLE_BODY, &render) != RRM_LOAD_OK) {
			if (f)
				rrm_article_release(&in);
			free(f);
			known = false;
			continue;
		}
		free(f);
		/* snippets in snippets are not followed */
		known = known && !in.shortcode_content && !in.n_includes;
		char **ids = rrm_calloc(in.n_headings + 1, sizeof *ids);
		bool *dup = rrm_calloc(in.n_headings + 1, sizeof *dup);
		rrm_anchor_page(c->anchors, c->definition_ids, in.headings, in.n_headings, ids,
				dup);
		r->anchors = rrm_realloc(r->anchors, (r->n_anchors + in.n_headings + in.n_html_ids +
						      1) * sizeof *r->anchors);
		for (size_t k = 0; k < in.n_headings; k++)
			if (ids[k])
				r->anchors[r->n_anchors++] = ids[k];
		for (size_t k = 0; k < in.n_html_ids; k++)
			if (rrm_lint_is_anchor(c, &in.html_ids[k]))
				r->anchors[r->n_anchors++] = rrm_strdup(in.html_ids[k].id);
		free(ids);
		free(dup);
		rrm_article_release(&in);
	}
	return known;
}

/* ---- one file ---- */

/* What the workers of a run share. */
struct run {
	const struct rrm_config *c;
	struct rrm_files *files;
	const char *start;
	bool links_on;
	struct rrm_speller *sp; /* the first worker's; the others open their own */
	const struct rrm_sink *severities;
	struct rrm_file_result *results;
	struct rrm_speller **spellers; /* per worker (the first's is sp) */
	atomic_bool failed;            /* a worker could not open its speller */
	const struct rrm_cache *cache; /* --cache: the earlier run's, or NULL */
	bool lazy_ids; /* the anchors of an article neither checked nor inbound: read when asked */
	bool lazy_links;   /* an inbound article's links: read when it may link to a changed one */
	double wall_start; /* CLOCK_REALTIME at the start, for racy files */
};

static bool keep_anchors(const struct rrm_config *c, const char *abs, const struct rrm_article *a,
			 char *const *ids, struct rrm_file_result *r);

/*
 * What the index needs of a loaded article in a content root: its URL
 * entry, front matter and anchors (those of the snippets it includes too).
 * Returns false when they come from other files too (not to be cached).
 */
static bool keep_page(const struct run *run, const struct rrm_entry *e, struct rrm_article *a,
		      const struct rrm_node *fm, char **ids, const char *display,
		      struct rrm_file_result *r)
{
	const struct rrm_config *c = run->c;
	rrm_url_entry_make(c, a, e->rel, display, &r->url);
	r->url.report = e->selected;
	r->has_url = true;
	rrm_page_meta_from(&r->meta, fm);
	if (c->jekyll) /* built or not, and redirect_from, as Jekyll sees them */
		rrm_jekyll_page_meta(
			c, e->rel, fm,
			a->fm_state == RRM_FM_YAML || a->fm_state == RRM_FM_UNTERMINATED, &r->meta);
	else if (c->generator == RRM_GEN_HUGO) /* built or not, its term pages */
		rrm_hugo_page_meta(c, e->rel, fm, &r->meta);
	if (!run->links_on)
		return true;
	if (!ids) { /* read when a link asks for them (rrm_site_need_ids) */
		r->lazy_ids = true;
		return true;
	}
	return keep_anchors(c, e->abs, a, ids, r);
}

/*
 * The anchors of an article (`ids` those of its headings), and those of the
 * snippets it includes, into r->anchors and r->open_ids. Returns false when
 * they come from other files too (not to be cached).
 */
static bool keep_anchors(const struct rrm_config *c, const char *abs, const struct rrm_article *a,
			 char *const *ids, struct rrm_file_result *r)
{
	r->anchors = rrm_calloc(a->n_headings + a->n_html_ids + 1, sizeof *r->anchors);
	for (size_t k = 0; k < a->n_headings; k++)
		if (ids[k])
			r->anchors[r->n_anchors++] = rrm_strdup(ids[k]);
	for (size_t k = 0; k < a->n_html_ids; k++)
		if (rrm_lint_is_anchor(c, &a->html_ids[k]))
			r->anchors[r->n_anchors++] = rrm_strdup(a->html_ids[k].id);
	r->open_ids = a->shortcode_content;
	if (!a->n_includes)
		return true;
	if (!add_included_anchors(c, abs, a, r))
		r->open_ids = true;
	return false;
}

/* The ids of the headings of `a` (`dup` set for a repeated one), as the site's generator makes
 * them. */
static char **heading_ids(const struct rrm_config *c, const struct rrm_article *a, bool **dup)
{
	char **ids = rrm_calloc(a->n_headings + 1, sizeof *ids);
	*dup = rrm_calloc(a->n_headings + 1, sizeof **dup);
	rrm_anchor_page(c->anchors, c->definition_ids, a->headings, a->n_headings, ids, *dup);
	if (c->jekyll)
		rrm_anchor_kramdown_options(c->anchors, a->headings, a->n_headings, ids,
					    c->jekyll->auto_ids, c->jekyll->auto_id_prefix);
	return ids;
}

static void free_ids(char **ids, size_t n)
{
	for (size_t k = 0; ids && k < n; k++)
		free(ids[k]);
	free(ids);
}

/* The readers of the words of the prose: the style rules that read words. */
struct style_tap {
	struct rrm_names *names;
	struct rrm_repeats *repeats;
};

static void style_tap(void *ctx, const struct rrm_prose *p, size_t off, size_t len, unsigned flags,
		      bool spelt)
{
	struct style_tap *t = ctx;
	if (t->names)
		rrm_names_word(t->names, p, off, len, flags, spelt);
	if (t->repeats)
		rrm_repeats_word(t->repeats, p, off, len, flags, spelt);
}

/* The rules of one file on its own (the links wait for the whole index). */
static void lint_rules(const struct run *run, struct rrm_speller *sp, const struct rrm_entry *e,
		       struct rrm_article *a, enum rrm_load_status st, char **ids, const bool *dup,
		       const char *display, struct rrm_file_result *r)
{
	const struct rrm_config *c = run->c;
	if (st != RRM_LOAD_OK) {
		rrm_lint_load_failure(a, st, display, &r->sink);
		return;
	}
	rrm_lint_front_matter(c, a, display, &r->sink);
	/* a page of another language (Hugo) is not spelled with the site's dictionaries */
	if (sp && e->rel && rrm_content_language(c, e->rel))
		sp = NULL;
	/* the style rules that read words read them as the spelling check splits them */
	struct style_tap t = {.names = r->sink.severity[RRM_RULE_STYLE_NAME_VARIANT] != RRM_SEV_OFF
					       ? rrm_names_new(a, sp)
					       : NULL,
			      .repeats = rrm_repeats_new(a, display, &r->sink)};
	bool tapped = t.names || t.repeats;
	if (sp) {
		rrm_lint_spelling(c, sp, a, display, &r->sink, tapped ? style_tap : NULL, &t);
	} else if (rrm_lint_style_on(&r->sink)) { /* the prose fields, for the style rules */
		rrm_article_add_field_prose(a, c->spelling.fields.v, c->spelling.fields.n);
		if (tapped)
			rrm_lint_read_words(a, style_tap, &t);
	}
	rrm_repeats_end(t.repeats);
	rrm_lint_style(c, a, display, &r->sink);
	rrm_lint_names(t.names, a, sp, display, &r->sink);
	if (run->links_on)
		rrm_lint_duplicate_ids(&r->linted, a, ids, dup, &r->sink);
	rrm_lint_apply_directives(a->directives, a->n_directives, &r->sink, 0);
}

/* One file: load it, lint it (when selected), and keep what the index needs. */
static void lint_one(const struct run *run, struct rrm_speller *sp, size_t i,
		     struct rrm_file_result *r)
{
	const struct rrm_config *c = run->c;
	struct rrm_entry *e = &run->files->v[i];
	rrm_sink_init(&r->sink);
	memcpy(r->sink.severity, run->severities->severity, sizeof r->sink.severity);
	if (e->gone)
		return;
	if (e->refused) {
		if (e->selected) {
			char *display = rrm_path_relative(e->abs, run->start);
			r->file = rrm_path_relative(e->abs, run->c->root);
			r->checked = 1;
			rrm_sink_add(&r->sink, RRM_RULE_FILE_UNREADABLE, display, 1, 1, 0, 0, 0,
				     "%s", e->refused);
			free(display);
		}
		return;
	}
	char *display = rrm_path_relative(e->abs, run->start);
	bool links_on = run->links_on;
	bool keep_links = links_on && (e->inbound || e->selected);
	/* --cache: an unchanged article's entry, when it holds what this run needs */
	struct rrm_file_sig sig;
	bool has_sig = false, cacheable = run->cache && e->rel;
	uint64_t hash = 0;
	if (cacheable) {
		struct stat fst;
		if (e->blob) {
			bool bom = e->blob_len >= 3 && !memcmp(e->blob, "\xEF\xBB\xBF", 3);
			hash = rrm_cache_content_hash(e->blob + (bom ? 3 : 0),
						      e->blob_len - (bom ? 3 : 0), bom);
		} else if (e->has_sig) {
			sig = e->sig;
			has_sig = true;
		} else if (stat(e->abs, &fst) == 0) {
			rrm_file_sig_of(&fst, &sig);
			has_sig = true;
		} else {
			cacheable = false;
		}
	}
	char *file = rrm_path_relative(e->abs, c->root);
	if (cacheable) {
		unsigned need =
			(e->selected ? RRM_CACHE_FINDINGS : 0) | (keep_links ? RRM_CACHE_LINKS : 0);
		if (rrm_cache_get(run->cache, file, has_sig ? &sig : NULL, hash, need, display,
				  r)) {
			r->checked = e->selected;
			r->url.report = e->selected;
			r->linted.inbound = e->inbound;
			free(file);
			free(display);
			return;
		}
	}
	r->file = file;
	struct rrm_article a;
	bool style_on = rrm_lint_style_on(run->severities);
	bool defer = run->lazy_links && e->inbound && !e->selected; /* links read later */
	bool lazy = (run->lazy_ids && !e->selected && !e->inbound) || defer;
	bool body = (links_on && !lazy) || (e->selected && (sp || style_on));
	unsigned flags = RRM_ARTICLE_FRONT_MATTER | (body ? RRM_ARTICLE_BODY : 0) |
			 (e->selected && (sp || style_on) ? RRM_ARTICLE_PROSE : 0);
	struct rrm_render render = rrm_lint_render(c);
	enum rrm_load_status st = e->blob ? rrm_article_load_mem_with(&a, e->abs, e->blob,
								      e->blob_len, flags, &render)
					  : rrm_article_load_with(&a, e->abs, flags, &render);
	r->parsed = body && st == RRM_LOAD_OK;
	const struct rrm_node *fm =
		a.fm_parsed && a.fm_doc.root && a.fm_doc.root->kind == RRM_NODE_MAP ? a.fm_doc.root
										    : NULL;
	char **ids = NULL;
	bool *dup = NULL;
	if (st == RRM_LOAD_OK && links_on && !lazy)
		ids = heading_ids(c, &a, &dup);
	if (st == RRM_LOAD_OK && e->rel && !rrm_site_excluded(c, e->rel) &&
	    !keep_page(run, e, &a, fm, ids, display, r))
		cacheable = false; /* anchors from other files: not kept in the cache */
	keep_links = keep_links && st == RRM_LOAD_OK;
	if (keep_links) {
		struct rrm_linted *l = &r->linted;
		r->has_linted = true;
		l->display = rrm_strdup(display);
		l->file = rrm_strdup(r->file);
		l->page = -1;
		l->draft = r->meta.draft;
		l->inbound = e->inbound;
		l->unread = defer ? i + 1 : 0;
	}
	if (e->selected) {
		r->checked = 1;
		lint_rules(run, sp, e, &a, st, ids, dup, display, r);
	}
	if (keep_links) { /* the links and comments wait for the whole index */
		for (size_t k = 0; k < a.n_links; k++)
			a.links[k].offset += a.bom; /* findings give offsets in the file */
		r->linted.links = a.links;
		r->linted.n_links = a.n_links;
		r->linted.directives = a.directives;
		r->linted.n_directives = a.n_directives;
		a.links = NULL;
		a.n_links = 0;
		a.directives = NULL;
		a.n_directives = 0;
	}
	free_ids(ids, a.n_headings);
	free(dup);
	/* the entry for the next run: not for a file changed too recently to tell a later change */
	if (cacheable && st == RRM_LOAD_OK &&
	    !(has_sig && rrm_file_sig_racy(&sig, run->wall_start)))
		rrm_cache_record(has_sig ? &sig : NULL,
				 e->blob ? hash
					 : rrm_cache_content_hash(a.source, a.len, a.bom != 0),
				 e->selected, r);
	rrm_article_release(&a);
	free(display);
	/* the findings kept to the end of the run: no room to spare */
	if (r->sink.n && r->sink.n < r->sink.cap) {
		r->sink.items = rrm_realloc(r->sink.items, r->sink.n * sizeof *r->sink.items);
		r->sink.cap = r->sink.n;
	}
}

/* Everything a result holds. */
static void result_release(struct rrm_file_result *r)
{
	for (size_t k = 0; r->anchors && k < r->n_anchors; k++)
		free(r->anchors[k]);
	free(r->anchors);
	if (r->has_url)
		rrm_url_entry_release(&r->url);
	rrm_page_meta_release(&r->meta);
	if (r->has_linted)
		rrm_linted_release(&r->linted);
	rrm_sink_release(&r->sink);
	rrm_buf_release(&r->record);
	free(r->file);
	*r = (struct rrm_file_result){0};
}

static bool lint_item(void *ctx, size_t worker, size_t i)
{
	struct run *run = ctx;
	/* a thread loads its dictionaries when it first has prose to check */
	if (worker > 0 && run->sp && !run->spellers[worker] && run->files->v[i].selected) {
		struct rrm_spell_error err;
		struct rrm_speller *sp = rrm_speller_open(run->c, &err);
		if (!sp) {
			rrm_spell_error_release(&err);
			atomic_store(&run->failed, true);
			return false;
		}
		rrm_speller_set_prior(sp, rrm_cache_verdicts(run->cache));
		run->spellers[worker] = sp;
	}
	lint_one(run, worker > 0 ? run->spellers[worker] : run->sp, i, &run->results[i]);
	return true;
}

/*
 * Runs lint_one over every file on `jobs` threads (the caller's among them).
 * run->spellers ends up holding the spellers the other workers opened.
 */
static void run_workers(struct run *run, size_t jobs)
{
	if (jobs > run->files->n)
		jobs = run->files->n ? run->files->n : 1;
	run->spellers = rrm_calloc(jobs + 1, sizeof *run->spellers);
	atomic_init(&run->failed, false);
	rrm_pool_run(jobs, run->files->n, lint_item, run);
	if (atomic_load(&run->failed)) { /* a worker could not load the dictionaries: do its
					    share again */
		for (size_t i = 0; i < run->files->n; i++)
			if (!run->results[i].file && !run->files->v[i].gone) {
				rrm_sink_release(&run->results[i].sink);
				lint_one(run, run->sp, i, &run->results[i]);
			}
	}
	/* the first worker's speller is the caller's */
	size_t w = 0;
	for (size_t k = 1; k < jobs; k++)
		if (run->spellers[k])
			run->spellers[w++] = run->spellers[k];
	run->spellers[w] = NULL;
}

/* The articles that are not checked, on their own pool, beside the checked ones (split_run). */
struct rest {
	struct run *run;
	size_t *items; /* file indexes */
	size_t n, jobs;
};

static bool lint_rest_item(void *ctx, size_t worker, size_t k)
{
	(void)worker;
	struct rest *r = ctx;
	lint_one(r->run, NULL, r->items[k], &r->run->results[r->items[k]]);
	return true;
}

static void *rest_main(void *arg)
{
	struct rest *r = arg;
	rrm_pool_run(r->jobs, r->n, lint_rest_item, r);
	return NULL;
}

/*
 * A small change (--staged, --changed): its few articles are checked on this
 * thread, with the first speller, and the suggestions for their unknown words
 * looked up into `early` (memo_in: an earlier run's), while the other threads
 * index the rest of the site; the suggestions then cost nothing after the
 * merge, which is given `early` to reuse. False, doing nothing, when the run
 * is not such a change.
 */
#define SPLIT_MAX_CHECKED 8
static bool split_run(struct run *run, size_t jobs, bool suggest, const struct rrm_map *memo_in,
		      struct rrm_map *early)
{
	struct rrm_files *files = run->files;
	size_t *sel = rrm_calloc(files->n + 1, sizeof *sel);
	struct rest rest = {.run = run,
			    .items = rrm_calloc(files->n + 1, sizeof *rest.items),
			    .jobs = jobs - 1};
	size_t n_sel = 0;
	for (size_t i = 0; i < files->n; i++) {
		if (files->v[i].selected)
			sel[n_sel++] = i;
		else
			rest.items[rest.n++] = i;
	}
	pthread_t t;
	bool ok = jobs > 1 && run->sp && suggest && n_sel && n_sel <= SPLIT_MAX_CHECKED && rest.n &&
		  pthread_create(&t, NULL, rest_main, &rest) == 0;
	if (ok) {
		run->spellers = rrm_calloc(1, sizeof *run->spellers);
		struct rrm_sink words;
		rrm_sink_init(&words);
		for (size_t k = 0; k < n_sel; k++) {
			struct rrm_file_result *r = &run->results[sel[k]];
			lint_one(run, run->sp, sel[k], r);
			for (size_t j = 0; j < r->sink.n; j++) {
				const struct rrm_finding *f = &r->sink.items[j];
				if (f->rule != RRM_RULE_SPELLING_UNKNOWN || !f->subject)
					continue;
				struct rrm_finding *g = rrm_sink_add(&words, f->rule, "", 1, 1, 1,
								     1, 0, "%s", f->subject);
				if (g)
					g->subject = rrm_strdup(f->subject);
			}
		}
		rrm_lint_spelling_suggest(&run->sp, 1, &words, true, memo_in, early);
		rrm_sink_release(&words);
		pthread_join(t, NULL);
	}
	free(sel);
	free(rest.items);
	return ok;
}

static void free_spellers(struct rrm_speller **v)
{
	for (size_t i = 0; v && v[i]; i++)
		rrm_speller_free(v[i]);
	free(v);
}

/* ---- the index ---- */

/* The folders whose _index.md cascades render: never (each ends in '/', or is ""). */
static void cascade_folders(struct rrm_file_result *const *v, size_t n, struct rrm_strlist *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct rrm_file_result *r = v[i];
		if (r->has_url && r->meta.cascade_no_render) {
			const char *slash = strrchr(r->file, '/');
			out->v = rrm_realloc(out->v, (out->n + 1) * sizeof *out->v);
			out->v[out->n++] =
				rrm_strndup(r->file, slash ? (size_t)(slash - r->file) + 1 : 0);
		}
	}
}

static void strlist_release(struct rrm_strlist *l)
{
	for (size_t k = 0; k < l->n; k++)
		free(l->v[k]);
	free(l->v);
	*l = (struct rrm_strlist){0};
}

/* True when Hugo renders no page for the article of `r`: linted, but no URL of the site. */
static bool result_unrendered(const struct rrm_file_result *r, const struct rrm_strlist *folders)
{
	bool cascaded = false;
	for (size_t k = 0; r->has_url && k < folders->n && !cascaded; k++)
		cascaded = !strncmp(r->file, folders->v[k], strlen(folders->v[k]));
	return r->has_url && rrm_page_meta_unrendered(&r->meta, r->file, cascaded);
}

/* Adds the page of `r` (its anchors copied) to `site`; returns it. */
static long add_result_page(struct rrm_site *site, const struct rrm_file_result *r)
{
	char **copy = rrm_calloc(r->n_anchors + 1, sizeof *copy);
	for (size_t k = 0; k < r->n_anchors; k++)
		copy[k] = rrm_strdup(r->anchors[k]);
	long page = (long)rrm_site_add_page_meta(site, r->file, r->url.url, &r->meta, copy,
						 r->n_anchors);
	site->pages[page].open_ids = r->open_ids;
	return page;
}

/*
 * Builds `site` (initialised) from the results `v` (in file order), leaving
 * them as they are; page[i] (may be NULL) is the page of v[i], or -1, and
 * quiet[i] whether Hugo renders none.
 */
static void build_site(struct rrm_site *site, struct rrm_file_result *const *v, size_t n,
		       long *page, bool *quiet)
{
	struct rrm_strlist folders = {0};
	cascade_folders(v, n, &folders);
	for (size_t i = 0; i < n; i++) {
		bool q = result_unrendered(v[i], &folders);
		long p = v[i]->has_url && !q ? add_result_page(site, v[i]) : -1;
		if (page)
			page[i] = p;
		if (quiet)
			quiet[i] = q;
	}
	strlist_release(&folders);
}

/* ---- the session ---- */

struct rrm_lint_session {
	const struct rrm_config *c;
	const struct rrm_lint_options *o;
	const char *start;
	struct rrm_sink rules; /* the rules in force (no findings) */
	bool links_on;
	bool want_speller;
	struct rrm_speller *sp;
	/* the index (rrm_lint_session_index) */
	bool indexed;
	struct rrm_files files;          /* every article, in file order */
	struct rrm_file_result *results; /* per file: what the index needs */
	struct rrm_site site;
};

struct rrm_lint_session *rrm_lint_session_new(const struct rrm_config *c,
					      const struct rrm_lint_options *o)
{
	struct rrm_lint_session *s = rrm_calloc(1, sizeof *s);
	s->c = c;
	s->o = o;
	s->start = o->start ? o->start : c->root;
	rrm_sink_init(&s->rules);
	if (o->severity)
		memcpy(s->rules.severity, o->severity, sizeof s->rules.severity);
	else
		rrm_config_apply_rules(c, &s->rules);
	for (int r = RRM_RULE_LINK_DEAD; r <= RRM_RULE_LINK_DUPLICATE_ID; r++)
		s->links_on |= s->rules.severity[r] != RRM_SEV_OFF;
	s->links_on |= s->rules.severity[RRM_RULE_LINK_ALIAS] != RRM_SEV_OFF;
	s->want_speller = s->rules.severity[RRM_RULE_SPELLING_UNKNOWN] ||
			  s->rules.severity[RRM_RULE_SPELLING_REJECTED] ||
			  s->rules.severity[RRM_RULE_SPELLING_VARIANT] || o->words;
	rrm_site_init(&s->site, c);
	return s;
}

static void drop_index(struct rrm_lint_session *s)
{
	for (size_t i = 0; i < s->files.n; i++)
		result_release(&s->results[i]);
	free(s->results);
	s->results = NULL;
	files_release(&s->files);
	rrm_site_release(&s->site);
	rrm_site_init(&s->site, s->c);
	s->indexed = false;
}

void rrm_lint_session_free(struct rrm_lint_session *s)
{
	if (!s)
		return;
	drop_index(s);
	rrm_site_release(&s->site);
	rrm_speller_free(s->sp);
	rrm_sink_release(&s->rules);
	free(s);
}

/* The speller, opened the first time the rules need it. */
static int open_speller(struct rrm_lint_session *s, struct rrm_lint_error *err)
{
	if (!s->want_speller || s->sp)
		return 0;
	struct rrm_spell_error serr;
	s->sp = rrm_speller_open(s->c, &serr);
	if (s->sp)
		return 0;
	char *shown = serr.file ? rrm_path_relative(serr.file, s->start) : rrm_strdup("rrm.yml");
	if (serr.file && serr.file[0] != '/') {
		free(shown);
		char *abs = rrm_path_absolute(serr.file, s->c->root);
		shown = rrm_path_relative(abs, s->start);
		free(abs);
	}
	if (err) {
		err->file = shown;
		err->line = serr.line;
		err->column = serr.column;
		err->message = serr.message;
		serr.message = NULL;
	} else {
		free(shown);
	}
	rrm_spell_error_release(&serr);
	return RRM_LINT_ERROR;
}

struct rrm_speller *rrm_lint_session_speller(struct rrm_lint_session *s, struct rrm_lint_error *err)
{
	return open_speller(s, err) == 0 ? s->sp : NULL;
}

const struct rrm_site *rrm_lint_session_site(const struct rrm_lint_session *s)
{
	return s->indexed ? &s->site : NULL;
}

void rrm_lint_session_reload_speller(struct rrm_lint_session *s)
{
	rrm_speller_free(s->sp);
	s->sp = NULL;
}

static size_t jobs_of(const struct rrm_lint_options *o)
{
	return o->jobs ? o->jobs : rrm_pool_default_jobs();
}

int rrm_lint_run(const struct rrm_config *c, const struct rrm_lint_input *in,
		 const struct rrm_lint_options *o, struct rrm_sink *sink, struct rrm_lint_stats *st,
		 struct rrm_lint_error *err)
{
	struct rrm_lint_session *s = rrm_lint_session_new(c, o);
	int rc = rrm_lint_session_run(s, in, sink, st, err);
	rrm_lint_session_free(s);
	return rc;
}

/* The files named on the command line (relative to `cwd`). */
static int add_paths(const struct rrm_config *c, const struct rrm_lint_input *in,
		     struct rrm_files *files, struct rrm_lint_error *err)
{
	const char *cwd = in->cwd ? in->cwd : c->root;
	for (size_t i = 0; i < in->n_paths; i++) {
		char *abs = rrm_path_absolute(in->paths[i], cwd);
		struct stat st;
		int rc = 0;
		if (stat(abs, &st) != 0) {
			rc = fail(err, rrm_asprintf("%s: %s", in->paths[i], strerror(errno)));
		} else {
			/* named or not, nothing outside the site is read */
			bool out = rrm_path_leads_out(abs, c->root);
			if (out && S_ISDIR(st.st_mode))
				rc = fail(err, rrm_asprintf("%s: %s", in->paths[i], LEADS_OUT));
			else if (S_ISDIR(st.st_mode))
				walk(c, abs, files, true);
			else
				rrm_files_add(files, c, abs, true)->refused =
					out ? rrm_strdup(LEADS_OUT) : NULL;
		}
		free(abs);
		if (rc)
			return rc;
	}
	return 0;
}

/* The documents given as text: linted as they are given, in place of the files. */
static void add_docs(const struct rrm_config *c, const struct rrm_lint_input *in,
		     struct rrm_files *files)
{
	bool added = false;
	for (size_t i = 0; i < in->n_docs; i++) {
		char *abs = rrm_path_absolute(in->docs[i].path, c->root);
		struct rrm_entry *e = rrm_files_find(files, abs);
		if (!e) {
			e = rrm_files_add(files, c, abs, true);
			added = true;
		}
		free(abs);
		e->selected = true;
		free(e->blob);
		free(e->refused);
		e->refused = NULL;
		e->has_sig = false;
		e->blob = rrm_strndup(in->docs[i].text, in->docs[i].len);
		e->blob_len = in->docs[i].len;
	}
	if (added)
		dedupe(files);
}

/* A full run, from one step to the next. */
struct full {
	struct rrm_lint_session *s;
	const struct rrm_lint_input *in;
	struct rrm_sink *sink;
	struct rrm_lint_stats *st;
	bool git_mode;
	struct rrm_files files;
	struct rrm_changes changes;
	struct rrm_cache *cache; /* --cache: the earlier run's, or NULL */
	uint64_t cache_key;
	struct run run;
	struct rrm_site site, before; /* the site index, and before the change (git_mode) */
	struct rrm_linted *linted;    /* the articles whose links are checked */
	size_t n_linted;
	struct rrm_buf *records;      /* per file: its entry for the next cache */
	struct rrm_spell_stats extra; /* the other workers' spellers */
	struct rrm_map early;         /* suggestions looked up beside the index (split_run) */
	bool has_early;
};

/*
 * The set of files: every article of the site, with the linted ones
 * selected (the paths given, the documents, or the change).
 */
/* Whether the article at `abs` is in shard k of n (--shard): a stable hash of its path from the
 * root. */
static bool in_shard(const struct rrm_config *c, const char *abs, unsigned k, unsigned n)
{
	char *rel = rrm_path_relative(abs, c->root);
	uint64_t h = rrm_fnv64(RRM_FNV64_INIT, rel, strlen(rel));
	free(rel);
	return h % n == (uint64_t)(k - 1);
}

/* --shard: the articles of other shards are indexed, not checked. */
static void keep_shard(struct full *f)
{
	const struct rrm_lint_options *o = f->s->o;
	if (!o->shards)
		return;
	for (size_t i = 0; i < f->files.n; i++) {
		struct rrm_entry *e = &f->files.v[i];
		if ((e->selected || e->inbound) && !in_shard(f->s->c, e->abs, o->shard, o->shards))
			e->selected = e->inbound = false;
	}
}

static int select_files(struct full *f, struct rrm_lint_error *err)
{
	const struct rrm_config *c = f->s->c;
	const struct rrm_lint_input *in = f->in;
	bool whole_site = in->n_paths == 0 && in->select != RRM_LINT_PATHS;
	int rc = walk_site(c, f->s->start, &f->files, whole_site, whole_site, err);
	if (!rc)
		rc = add_paths(c, in, &f->files, err);
	if (rc)
		return rc;
	dedupe(&f->files);
	if (!f->git_mode) {
		add_docs(c, in, &f->files);
		keep_shard(f);
		return 0;
	}
	if (in->n_paths)
		return fail(err, rrm_strdup("lint: --staged and --changed take no PATH"));
	char *msg = NULL;
	rc = rrm_lint_select_changes(c, in->select == RRM_LINT_STAGED, in->ref, &f->files,
				     &f->changes, &msg);
	if (rc == RRM_LINT_ERROR)
		fail(err, msg);
	else
		keep_shard(f);
	return rc;
}

/*
 * The results merged in file order: their findings into the sink, their
 * pages into the site index (and the index before the change), their URLs
 * checked for duplicates, their links kept for the link checks.
 */
static void merge_results(struct full *f)
{
	struct rrm_files *files = &f->files;
	struct rrm_file_result *results = f->run.results;
	f->linted = rrm_calloc(files->n + 1, sizeof *f->linted);
	struct rrm_url_entry *urls = rrm_calloc(files->n + 1, sizeof *urls);
	size_t n_urls = 0;
	f->records = rrm_calloc(files->n + 1, sizeof *f->records);
	struct rrm_strlist unrendered = {0}; /* folders whose _index.md cascades render: never */
	struct rrm_file_result **v = rrm_calloc(files->n + 1, sizeof *v);
	size_t total = f->sink->n;
	for (size_t i = 0; i < files->n; i++) {
		v[i] = &results[i];
		total += results[i].sink.n;
	}
	/* room for every finding at once: no array twice the size, no copy of it */
	f->sink->items = rrm_realloc(f->sink->items, (total + 1) * sizeof *f->sink->items);
	f->sink->cap = total + 1;
	cascade_folders(v, files->n, &unrendered);
	free(v);
	for (size_t i = 0; i < files->n; i++) {
		struct rrm_file_result *r = &results[i];
		f->st->checked += r->checked;
		f->st->cache_hits += r->cached;
		f->st->parsed += r->parsed;
		f->records[i] = r->record;
		long page = -1;
		bool quiet = result_unrendered(r, &unrendered);
		if (quiet) { /* Hugo renders no page: linted, but no URL of the site */
			rrm_url_entry_release(&r->url);
			r->has_url = false;
		}
		if (r->has_url) {
			urls[n_urls++] = r->url;
			if (f->s->links_on) {
				if (files->v[i]
					    .inbound) { /* unchanged: the same before the change */
					long was = add_result_page(&f->before, r);
					f->before.pages[was].lazy = r->lazy_ids ? i + 1 : 0;
				}
				page = (long)rrm_site_add_page_meta(&f->site, r->file, r->url.url,
								    &r->meta, r->anchors,
								    r->n_anchors);
				f->site.pages[page].open_ids = r->open_ids;
				f->site.pages[page].lazy = r->lazy_ids ? i + 1 : 0;
				r->anchors = NULL;
			}
		}
		rrm_sink_take(f->sink, &r->sink);
		if (r->has_linted) {
			r->linted.page = page;
			r->linted.unrendered = quiet;
			f->linted[f->n_linted++] = r->linted;
		}
		for (size_t k = 0; r->anchors && k < r->n_anchors; k++)
			free(r->anchors[k]);
		free(r->anchors);
		rrm_page_meta_release(&r->meta);
		free(r->file);
	}
	free(results);
	f->run.results = NULL;
	strlist_release(&unrendered);
	rrm_lint_duplicate_urls(urls, n_urls, f->sink);
	for (size_t i = 0; i < n_urls; i++)
		rrm_url_entry_release(&urls[i]);
	free(urls);
}

/* Gives `pages` (n) the anchors of the parsed article `a` at `abs`, found once; clears `lazy`. */
static void give_ids(const struct rrm_config *c, const char *abs, const struct rrm_article *a,
		     struct rrm_page *const *pages, size_t n)
{
	if (!n)
		return;
	bool *dup;
	char **ids = heading_ids(c, a, &dup);
	struct rrm_file_result r = {0};
	keep_anchors(c, abs, a, ids, &r);
	for (size_t i = 0; i < n; i++) {
		char **copy = rrm_calloc(r.n_anchors + 1, sizeof *copy);
		for (size_t k = 0; k < r.n_anchors; k++)
			copy[k] = rrm_strdup(r.anchors[k]);
		pages[i]->lazy = 0;
		rrm_site_set_ids(pages[i], copy, r.n_anchors);
		pages[i]->open_ids = r.open_ids;
	}
	free_ids(r.anchors, r.n_anchors);
	free_ids(ids, a->n_headings);
	free(dup);
}

/*
 * rrm_site_ids_fn: the anchors of article `number` of the run (neither
 * checked nor inbound), read when a link first asks for them.
 */
static void read_ids(void *ctx, struct rrm_page *p, size_t number)
{
	struct full *f = ctx;
	const struct rrm_config *c = f->s->c;
	const struct rrm_entry *e = &f->files.v[number];
	struct rrm_render render = rrm_lint_render(c);
	unsigned flags = RRM_ARTICLE_FRONT_MATTER | RRM_ARTICLE_BODY;
	struct rrm_article a;
	enum rrm_load_status st = e->blob ? rrm_article_load_mem_with(&a, e->abs, e->blob,
								      e->blob_len, flags, &render)
					  : rrm_article_load_with(&a, e->abs, flags, &render);
	if (st == RRM_LOAD_OK) {
		give_ids(c, e->abs, &a, &p, 1);
		f->st->parsed++;
	}
	rrm_article_release(&a);
}

/* What the readers of the inbound articles share. */
struct inbound {
	struct full *f;
	struct rrm_reach reach;
	size_t *todo; /* indexes in f->linted */
	bool *parsed; /* per item of todo */
};

/* rrm_pool_item_fn: reads the links of one inbound article when they may reach a changed one. */
static bool read_one_inbound(void *ctx, size_t worker, size_t k)
{
	(void)worker;
	struct inbound *in = ctx;
	struct full *f = in->f;
	const struct rrm_config *c = f->s->c;
	struct rrm_linted *l = &f->linted[in->todo[k]];
	const struct rrm_entry *e = &f->files.v[l->unread - 1];
	char *text = NULL;
	size_t len = 0;
	int err;
	if (e->blob) {
		text = rrm_strndup(e->blob, e->blob_len);
		len = e->blob_len;
	} else if (rrm_read_file(e->abs, RRM_MAX_FILE_SIZE, &text, &len, &err) != RRM_READ_OK) {
		return true; /* gone since: nothing to check */
	}
	const char *url = l->page >= 0 ? f->site.pages[l->page].url : NULL;
	if (!rrm_reach_may_link(&in->reach, text, len, url)) {
		free(text);
		return true;
	}
	struct rrm_article a;
	struct rrm_render render = rrm_lint_render(c);
	enum rrm_load_status st = rrm_article_load_mem_with(
		&a, e->abs, text, len, RRM_ARTICLE_FRONT_MATTER | RRM_ARTICLE_BODY, &render);
	free(text);
	if (st == RRM_LOAD_OK) {
		for (size_t i = 0; i < a.n_links; i++)
			a.links[i].offset += a.bom; /* findings give offsets in the file */
		l->links = a.links;
		l->n_links = a.n_links;
		l->directives = a.directives;
		l->n_directives = a.n_directives;
		a.links = NULL;
		a.n_links = 0;
		a.directives = NULL;
		a.n_directives = 0;
		l->unread = 0;
		in->parsed[k] = true;
		/* its anchors, now that it is parsed, for the site and the site before */
		long was = page_of_file(&f->before, l->file);
		struct rrm_page *pages[2];
		size_t n = 0;
		if (l->page >= 0 && f->site.pages[l->page].lazy)
			pages[n++] = &f->site.pages[l->page];
		if (was >= 0 && f->before.pages[was].lazy)
			pages[n++] = &f->before.pages[was];
		give_ids(c, e->abs, &a, pages, n);
	}
	rrm_article_release(&a);
	return true;
}

/*
 * --staged, --changed: reads the links of the inbound articles that may
 * link to a changed article (rrm_reach), the site's pages before the
 * change from `unchanged` on being those of the changed articles.
 */
static void read_inbound(struct full *f, size_t unchanged)
{
	struct inbound in = {.f = f};
	rrm_reach_init(&in.reach);
	for (size_t i = 0; i < f->files.n; i++) /* the changed articles, as they are now */
		if (f->files.v[i].selected) {
			char *file = rrm_path_relative(f->files.v[i].abs, f->s->c->root);
			rrm_reach_add_file(&in.reach, file);
			free(file);
		}
	for (size_t i = 0; i < f->n_linted; i++)
		if (!f->linted[i].inbound && f->linted[i].page >= 0)
			rrm_reach_add_page(&in.reach, &f->site, (size_t)f->linted[i].page);
	for (size_t i = 0; i < f->changes.n_olds; i++) { /* and as they were */
		char *file = rrm_path_relative(f->changes.olds[i].abs, f->s->c->root);
		rrm_reach_add_file(&in.reach, file);
		free(file);
	}
	for (size_t i = unchanged; i < f->before.n_pages; i++)
		rrm_reach_add_page(&in.reach, &f->before, i);
	/* the pages and rules that redirect to one of them (the fragment goes along) */
	for (size_t i = 0; i < f->site.n_pages; i++)
		if (f->site.pages[i].redirect && f->site.pages[i].redirect_to &&
		    rrm_reach_names_in(&in.reach, f->site.pages[i].redirect_to,
				       strlen(f->site.pages[i].redirect_to)))
			rrm_reach_add_page(&in.reach, &f->site, i);
	for (size_t i = 0; i < f->site.n_redirects; i++)
		if (f->site.redirects[i].to &&
		    rrm_reach_names_in(&in.reach, f->site.redirects[i].to,
				       strlen(f->site.redirects[i].to))) {
			if (f->site.redirects[i].pattern) /* a splat or :name: any name may match */
				in.reach.all = true;
			else
				rrm_reach_add_url(&in.reach, f->site.redirects[i].from);
		}
	in.todo = rrm_calloc(f->n_linted + 1, sizeof *in.todo);
	size_t n = 0;
	for (size_t i = 0; i < f->n_linted; i++)
		if (f->linted[i].unread)
			in.todo[n++] = i;
	in.parsed = rrm_calloc(n + 1, sizeof *in.parsed);
	rrm_pool_run(n ? jobs_of(f->s->o) : 1, n, read_one_inbound, &in);
	for (size_t k = 0; k < n; k++)
		f->st->parsed += in.parsed[k];
	free(in.todo);
	free(in.parsed);
	rrm_reach_release(&in.reach);
}

/* Links, now that every article, anchor and file of the site is known. */
static void check_links(struct full *f)
{
	const struct rrm_config *c = f->s->c;
	f->site.read_ids = f->before.read_ids = read_ids;
	f->site.read_ids_ctx = f->before.read_ids_ctx = f;
	rrm_site_scan_files(&f->site);
	if (f->git_mode) {
		size_t unchanged = f->before.n_pages;
		rrm_lint_index_old_versions(&f->before, c, &f->changes);
		/* the files are the same before; only a changed bundle head (index.md,
		 * _index.md) can change where a bundle's files are served */
		bool heads = false;
		for (size_t i = 0; i < f->changes.n_olds; i++)
			heads |= bundle_head(f->changes.olds[i].abs);
		for (size_t i = 0; i < f->files.n; i++)
			heads |= f->files.v[i].selected && bundle_head(f->files.v[i].abs);
		if (heads)
			rrm_site_scan_files(&f->before);
		else
			rrm_site_copy_files(&f->before, &f->site);
		read_inbound(f, unchanged);
	}
	/* the link findings on their own, then added to the run's (sized for the rest) at once */
	struct rrm_sink out;
	rrm_sink_init(&out);
	memcpy(out.severity, f->sink->severity, sizeof out.severity);
	for (size_t i = 0; i < f->n_linted; i++) {
		const struct rrm_linted *l = &f->linted[i];
		if (l->unread) /* no link of it can reach a changed article */
			continue;
		size_t first = out.n;
		if (l->inbound) {
			inbound_links(c, &f->site, &f->before, l, f->changes.names, &out);
		} else {
			rrm_lint_links(c, &f->site, l, &out);
			/* a changed article's own links to a heading the change renamed */
			for (size_t k = first; f->git_mode && k < out.n; k++)
				if (out.items[k].rule == RRM_RULE_LINK_ANCHOR && !out.items[k].fix)
					renamed_anchor(c, &f->site, &f->before, l, &out.items[k],
						       &out.items[k]);
		}
		rrm_lint_apply_directives(l->directives, l->n_directives, &out, first);
	}
	/* the links are not needed any more */
	for (size_t i = 0; i < f->n_linted; i++)
		rrm_linted_release(&f->linted[i]);
	f->n_linted = 0;
	if (f->sink->n + out.n > f->sink->cap) {
		f->sink->cap = f->sink->n + out.n;
		f->sink->items = rrm_realloc(f->sink->items, f->sink->cap * sizeof *f->sink->items);
	}
	rrm_sink_take(f->sink, &out);
	rrm_sink_release(&out);
}

/* Adds the figures of speller `sp` to `to` (the slowest load counts). */
static void add_spell_stats(struct rrm_spell_stats *to, const struct rrm_spell_stats *one)
{
	to->tokens += one->tokens;
	to->lookups += one->lookups;
	to->table_hits += one->table_hits;
	to->table_seconds += one->table_seconds;
	if (one->tables > to->tables)
		to->tables = one->tables;
	if (one->loaded && (!to->loaded || one->load_seconds > to->load_seconds)) {
		to->loaded = true;
		to->load_seconds = one->load_seconds;
	}
}

/* Suggestions for the unknown words, shared out among the spellers; the cache written. */
static void suggest_and_save(struct full *f)
{
	const struct rrm_lint_options *o = f->s->o;
	struct rrm_speller *sp = f->s->sp;
	struct rrm_speller **extra = f->run.spellers;
	size_t n_extra = 0;
	while (extra[n_extra])
		n_extra++;
	struct rrm_speller **spellers = rrm_calloc(n_extra + 2, sizeof *spellers);
	size_t n_spellers = 0;
	if (sp) {
		spellers[n_spellers++] = sp;
		for (size_t k = 0; k < n_extra; k++)
			spellers[n_spellers++] = extra[k];
	}
	struct rrm_map memo = {0};
	f->st->distinct_unknown = rrm_lint_spelling_suggest(
		spellers, n_spellers, f->sink, o->suggest && !o->words,
		f->has_early ? &f->early : rrm_cache_suggestions(f->cache),
		f->cache ? &memo : NULL);
	if (f->cache) { /* written before the report: a run that is stopped keeps the old cache */
		size_t n = f->files.n;
		const struct rrm_buf **recs = rrm_calloc(n + 1, sizeof *recs);
		const struct rrm_map **verdicts = rrm_calloc(n_spellers + 1, sizeof *verdicts);
		for (size_t i = 0; i < n; i++)
			recs[i] = &f->records[i];
		for (size_t k = 0; k < n_spellers; k++)
			verdicts[k] = rrm_speller_verdicts(spellers[k]);
		int e = rrm_cache_save(f->cache, o->cache_dir, f->cache_key, recs, n, verdicts,
				       n_spellers, &memo, f->git_mode || f->in->n_paths > 0);
		if (e) {
			char *shown = rrm_path_relative(o->cache_dir, f->s->start);
			f->st->cache_error = rrm_asprintf("--cache: cannot write %s/lint.cache: %s",
							  shown, strerror(e));
			free(shown);
		}
		free(recs);
		free(verdicts);
	}
	rrm_map_release(&memo);
	free(spellers);
	f->st->cache_entries = rrm_cache_size(f->cache);
	f->st->indexed = f->files.n;
	if (sp)
		rrm_speller_stats(sp, &f->st->spell);
	add_spell_stats(&f->st->spell, &f->extra);
}

static void full_release(struct full *f)
{
	rrm_site_release(&f->before);
	rrm_site_release(&f->site);
	rrm_changes_release(&f->changes);
	for (size_t i = 0; i < f->n_linted; i++)
		rrm_linted_release(&f->linted[i]);
	free(f->linted);
	for (size_t i = 0; f->records && i < f->files.n; i++)
		rrm_buf_release(&f->records[i]);
	free(f->records);
	rrm_cache_free(f->cache);
	rrm_map_release(&f->early);
	free_spellers(f->run.spellers);
	files_release(&f->files);
}

int rrm_lint_session_run(struct rrm_lint_session *s, const struct rrm_lint_input *in,
			 struct rrm_sink *sink, struct rrm_lint_stats *stats,
			 struct rrm_lint_error *err)
{
	const struct rrm_config *c = s->c;
	const struct rrm_lint_options *o = s->o;
	struct rrm_lint_stats dummy;
	struct full f = {.s = s,
			 .in = in,
			 .sink = sink,
			 .st = stats ? stats : &dummy,
			 .git_mode =
				 in->select == RRM_LINT_STAGED || in->select == RRM_LINT_CHANGED};
	*f.st = (struct rrm_lint_stats){0};
	rrm_site_init(&f.site, c);
	rrm_site_init(&f.before, c);
	int rc = select_files(&f, err);
	memcpy(sink->severity, s->rules.severity, sizeof sink->severity);
	if (!rc)
		rc = open_speller(s, err);
	if (rc) {
		full_release(&f);
		return rc;
	}
	/* a word that no table holds is likely: hunspell loads on a spare core meanwhile */
	if (s->sp && jobs_of(o) > 1)
		rrm_speller_preload(s->sp);
	/* --cache: the earlier run's results, when rrm.yml, the dictionaries and the rules match */
	if (o->cache_dir) {
		f.cache_key = run_key(c, sink, s->sp, s->links_on, o->words);
		f.cache = rrm_cache_open(o->cache_dir, f.cache_key);
		if (s->sp)
			rrm_speller_set_prior(s->sp, rrm_cache_verdicts(f.cache));
	}

	/* Every file on its own, on a pool of threads; the results are merged in file order. */
	f.run = (struct run){.c = c,
			     .files = &f.files,
			     .start = s->start,
			     .links_on = s->links_on,
			     .sp = s->sp,
			     .severities = sink,
			     .cache = f.cache,
			     /* without a cache (which keeps every page's anchors for the next
				run), an article that is not checked is read for its anchors
				only when a link asks for them */
			     .lazy_ids = !f.cache,
			     .lazy_links = !f.cache && f.git_mode,
			     .wall_start = wall_now()};
	f.run.results = rrm_calloc(f.files.n + 1, sizeof *f.run.results);
	f.has_early = f.git_mode && split_run(&f.run, jobs_of(o), o->suggest && !o->words,
					      rrm_cache_suggestions(f.cache), &f.early);
	if (!f.has_early)
		run_workers(&f.run, jobs_of(o));
	for (size_t k = 0; f.run.spellers[k]; k++) {
		struct rrm_spell_stats one;
		rrm_speller_stats(f.run.spellers[k], &one);
		add_spell_stats(&f.extra, &one);
	}
	merge_results(&f);
	if (s->links_on)
		check_links(&f);
	suggest_and_save(&f);
	full_release(&f);
	if (!stats)
		rrm_lint_stats_release(&dummy);

	rrm_sink_sort(sink);
	rrm_sink_fingerprint(sink);
	int e;
	if (o->write_baseline && (e = rrm_lint_baseline_write(o->write_baseline, sink)))
		return fail(err, rrm_asprintf("--write-baseline %s: %s; the old file is unchanged",
					      o->write_baseline, strerror(e)));
	if (o->baseline && (e = rrm_lint_baseline_apply(o->baseline, sink)))
		return fail(err, rrm_asprintf("--baseline %s: %s", o->baseline, strerror(e)));
	return RRM_LINT_OK;
}

/* ---- the session's index: built once, updated one file at a time ---- */

/* The results of the index, as an array of pointers, with `doc` in place of (or beside) file i. */
static struct rrm_file_result **index_view(struct rrm_lint_session *s, size_t at, bool replace,
					   struct rrm_file_result *doc, size_t *n)
{
	struct rrm_file_result **v = rrm_calloc(s->files.n + 2, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i <= s->files.n; i++) {
		if (doc && i == at)
			v[k++] = doc;
		if (i < s->files.n && !(doc && replace && i == at))
			v[k++] = &s->results[i];
	}
	*n = k;
	return v;
}

/* Builds the site index again from the kept results; scans the files served when `rescan`. */
static void rebuild_site(struct rrm_lint_session *s, bool rescan)
{
	struct rrm_site site;
	rrm_site_init(&site, s->c);
	size_t n;
	struct rrm_file_result **v = index_view(s, 0, false, NULL, &n);
	build_site(&site, v, n, NULL, NULL);
	free(v);
	if (rescan)
		rrm_site_scan_files(&site);
	else
		rrm_site_copy_files(&site, &s->site);
	rrm_site_release(&s->site);
	s->site = site;
}

/* Reads `files` for the index (lints nothing) into `results`, on the pool. */
static void index_files(struct rrm_lint_session *s, struct rrm_files *files,
			struct rrm_file_result *results)
{
	struct run run = {.c = s->c,
			  .files = files,
			  .start = s->start,
			  .links_on = s->links_on,
			  .severities = &s->rules,
			  .results = results,
			  .wall_start = wall_now()};
	run_workers(&run, jobs_of(s->o));
	free_spellers(run.spellers);
	for (size_t i = 0; i < files->n; i++)
		rrm_sink_release(&results[i].sink); /* nothing was linted */
}

int rrm_lint_session_index(struct rrm_lint_session *s, struct rrm_lint_error *err)
{
	drop_index(s);
	int rc = walk_site(s->c, s->start, &s->files, false, true, err);
	if (rc) {
		files_release(&s->files);
		return rc;
	}
	dedupe(&s->files);
	s->results = rrm_calloc(s->files.n + 1, sizeof *s->results);
	index_files(s, &s->files, s->results);
	rebuild_site(s, true);
	s->indexed = true;
	return 0;
}

/* Where `abs` is in the session's list, or where it would go (*found false). */
static size_t index_find(const struct rrm_lint_session *s, const char *abs, bool *found)
{
	size_t lo = 0, hi = s->files.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->files.v[mid].abs, abs);
		if (!c) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

int rrm_lint_session_update(struct rrm_lint_session *s, const char *path, const char *text,
			    size_t len, struct rrm_lint_error *err)
{
	if (!s->indexed && rrm_lint_session_index(s, err))
		return RRM_LINT_ERROR;
	char *abs = rrm_path_absolute(path, s->c->root);
	bool found;
	size_t at = index_find(s, abs, &found);
	bool head = bundle_head(abs);
	if (!text) { /* deleted */
		if (found) {
			result_release(&s->results[at]);
			rrm_entry_release(&s->files.v[at]);
			memmove(&s->files.v[at], &s->files.v[at + 1],
				(s->files.n - at - 1) * sizeof *s->files.v);
			memmove(&s->results[at], &s->results[at + 1],
				(s->files.n - at - 1) * sizeof *s->results);
			s->files.n--;
			rebuild_site(s, head);
		}
		free(abs);
		return 0;
	}
	if (!found) { /* a new file: a place in both lists */
		struct rrm_files one = {0};
		rrm_files_add(&one, s->c, abs, false);
		s->files.v =
			rrm_grow(s->files.v, &s->files.cap, s->files.n + 1, sizeof *s->files.v);
		memmove(&s->files.v[at + 1], &s->files.v[at],
			(s->files.n - at) * sizeof *s->files.v);
		s->files.v[at] = one.v[0];
		free(one.v);
		s->results = rrm_realloc(s->results, (s->files.n + 2) * sizeof *s->results);
		memmove(&s->results[at + 1], &s->results[at],
			(s->files.n - at) * sizeof *s->results);
		s->results[at] = (struct rrm_file_result){0};
		s->files.n++;
	} else {
		result_release(&s->results[at]);
	}
	struct rrm_entry *e = &s->files.v[at];
	free(e->blob);
	free(e->refused);
	e->refused = NULL;
	e->has_sig = false;
	e->blob = rrm_strndup(text, len);
	e->blob_len = len;
	struct rrm_files one = {e, 1, 1};
	index_files(s, &one, &s->results[at]);
	rebuild_site(s, head && !found);
	free(abs);
	return 0;
}

int rrm_lint_session_lint(struct rrm_lint_session *s, const char *path, const char *text,
			  size_t len, struct rrm_sink *sink, struct rrm_lint_error *err)
{
	if (!s->indexed && rrm_lint_session_index(s, err))
		return RRM_LINT_ERROR;
	if (open_speller(s, err))
		return RRM_LINT_ERROR;
	const struct rrm_config *c = s->c;
	memcpy(sink->severity, s->rules.severity, sizeof sink->severity);
	char *abs = rrm_path_absolute(path, c->root);
	bool found;
	size_t at = index_find(s, abs, &found);
	struct rrm_files one = {0};
	struct rrm_entry *e = rrm_files_add(&one, c, abs, true);
	free(abs);
	e->blob = rrm_strndup(text, len);
	e->blob_len = len;
	struct rrm_file_result r = {0};
	struct run run = {.c = c,
			  .files = &one,
			  .start = s->start,
			  .links_on = s->links_on,
			  .sp = s->sp,
			  .severities = &s->rules,
			  .results = &r,
			  .wall_start = wall_now()};
	lint_one(&run, s->sp, 0, &r);
	rrm_sink_take(sink, &r.sink);

	/* the index of the site with this text in place of the file's */
	size_t n;
	struct rrm_file_result **v = index_view(s, at, found, &r, &n);
	long *page = rrm_calloc(n + 1, sizeof *page);
	bool *quiet = rrm_calloc(n + 1, sizeof *quiet);
	struct rrm_site site;
	rrm_site_init(&site, c);
	build_site(&site, v, n, page, quiet);
	if (bundle_head(e->abs) && !found)
		rrm_site_scan_files(&site);
	else
		rrm_site_copy_files(&site, &s->site);

	/* its URL against the others' */
	struct rrm_url_entry *urls = rrm_calloc(n + 1, sizeof *urls);
	size_t n_urls = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i]->has_url && !quiet[i]) {
			urls[n_urls] = v[i]->url;
			urls[n_urls++].report = v[i] == &r;
		}
	rrm_lint_duplicate_urls(urls, n_urls, sink);
	free(urls);

	if (s->links_on && r.has_linted) {
		r.linted.page = page[at];
		r.linted.unrendered = quiet[at];
		size_t first = sink->n;
		rrm_lint_links(c, &site, &r.linted, sink);
		rrm_lint_apply_directives(r.linted.directives, r.linted.n_directives, sink, first);
	}
	rrm_site_release(&site);
	free(page);
	free(quiet);
	free(v);
	result_release(&r);
	files_release(&one);
	struct rrm_speller *sp = s->sp;
	rrm_lint_spelling_suggest(&sp, sp ? 1 : 0, sink, s->o->suggest && !s->o->words, NULL, NULL);
	rrm_sink_sort(sink);
	rrm_sink_fingerprint(sink);
	return 0;
}
