#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <time.h>

#include "cmd/cmd.h"
#include "lib/anchor.h"
#include "lib/article.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/diag.h"
#include "lib/file.h"
#include "lib/git.h"
#include "lib/hugo.h"
#include "lib/jekyll.h"
#include "lib/map.h"
#include "lib/site.h"
#include "lib/util.h"
#include "lint/cache.h"
#include "lint/lint.h"

const struct rrm_opt lint_opts[] = {
	{OPT_FORMAT, "format", 'f', "FORMAT",
	 "output format: text (default), json, github, sarif or words"},
	{OPT_STAGED, "staged", 0, NULL, "lint the staged articles (what will be committed)"},
	{OPT_CHANGED, "changed", 0, "[=REF]",
	 "lint the articles changed since REF (default: the merge base)"},
	{OPT_BASELINE, "baseline", 0, "FILE",
	 "report only findings that are not in the baseline FILE"},
	{OPT_WRITE_BASELINE, "write-baseline", 0, "FILE", "record today's findings in FILE"},
	{OPT_QUIET, "quiet", 'q', NULL, "report errors only"},
	{OPT_MAX_WARNINGS, "max-warnings", 0, "N", "fail when there are more than N warnings"},
	{OPT_NO_SUGGEST, "no-suggest", 0, NULL, "do not look up spelling suggestions"},
	{OPT_STATS, "stats", 0, NULL, "print counts and timings on standard error"},
	{OPT_JOBS, "jobs", 'j', "N", "use N threads (default: RRM_JOBS, else the number of cores)"},
	{OPT_CACHE, "cache", 0, "DIR", "reuse the results for unchanged articles kept in DIR"},
	{OPT_END, NULL, 0, NULL, NULL},
};

const struct rrm_command rrm_cmd_lint = {
	"lint",
	cmd_lint,
	lint_opts,
	"[OPTIONS] [PATH...]",
	"check articles: front matter, spelling and links",
	"Checks every article under the site's content_dir, or the files and folders\n"
	"given, and reports each finding as path:line:col: severity: message [rule].\n"
	"Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage or\n"
	"configuration error."};

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_WORDS, FORMAT_GITHUB, FORMAT_SARIF };

struct lint_opts {
	enum format format;
	bool quiet;
	bool no_suggest;
	bool stats;
	const char *baseline, *write_baseline;
	bool staged;
	const char *changed; /* "" for the default REF */
	size_t jobs;         /* 0: the default */
	const char *cache;   /* --cache DIR, or NULL */
	long max_warnings;   /* -1: no limit */
};

static int on_opt(int id, const char *value, void *data)
{
	struct lint_opts *o = data;
	switch (id) {
	case OPT_FORMAT:
		if (!strcmp(value, "text"))
			o->format = FORMAT_TEXT;
		else if (!strcmp(value, "json"))
			o->format = FORMAT_JSON;
		else if (!strcmp(value, "words"))
			o->format = FORMAT_WORDS;
		else if (!strcmp(value, "github"))
			o->format = FORMAT_GITHUB;
		else if (!strcmp(value, "sarif"))
			o->format = FORMAT_SARIF;
		else {
			rrm_error(
				"lint: --format: '%s' is not one of text, json, github, sarif, words",
				value);
			return RRM_EXIT_USAGE;
		}
		break;
	case OPT_QUIET: o->quiet = true; break;
	case OPT_NO_SUGGEST: o->no_suggest = true; break;
	case OPT_STATS: o->stats = true; break;
	case OPT_CACHE:
		if (!*value) {
			rrm_error("lint: --cache needs a folder");
			return RRM_EXIT_USAGE;
		}
		o->cache = value;
		break;
	case OPT_BASELINE: o->baseline = value; break;
	case OPT_STAGED: o->staged = true; break;
	case OPT_JOBS: {
		char *end;
		long n = strtol(value, &end, 10);
		if (!*value || *end || n < 1 || n > 64) {
			rrm_error("lint: --jobs: '%s' is not a number from 1 to 64", value);
			return RRM_EXIT_USAGE;
		}
		o->jobs = (size_t)n;
		break;
	}
	case OPT_CHANGED: o->changed = value; break;
	case OPT_WRITE_BASELINE: o->write_baseline = value; break;
	case OPT_MAX_WARNINGS: {
		char *end;
		errno = 0;
		long n = strtol(value, &end, 10);
		if (!*value || *end || n < 0 || errno) {
			rrm_error("lint: --max-warnings: '%s' is not a whole number of 0 or more",
				  value);
			return RRM_EXIT_USAGE;
		}
		o->max_warnings = n;
		break;
	}
	}
	return 0;
}

/* Seconds since the epoch (file times are compared with it). */
static double wall_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
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

/* A file to lint or to index. */
struct entry {
	char *abs;     /* absolute, normalised */
	char *rel;     /* relative to content_dir, or NULL when outside it */
	bool selected; /* linted (else only indexed) */
	bool inbound;  /* --staged/--changed: unchanged, checked only for links the change broke */
	bool gone;     /* --staged/--changed: deleted or renamed away by the change */
	char *blob;    /* --staged: the staged contents, read instead of the file */
	size_t blob_len;
	bool has_sig; /* sig: the file on disk when it was found */
	struct rrm_file_sig sig;
	char *refused; /* not read, and why (a link out of the site, a folder too deep) */
};

struct files {
	struct entry *v;
	size_t n, cap;
};

/* The path in the content tree of `abs` (absolute, normalised), or NULL when in no content root. */
static char *content_rel(const struct rrm_config *c, const char *abs)
{
	if (!rrm_path_is_under(abs, c->root) || !strcmp(abs, c->root))
		return NULL;
	return rrm_content_path(c, abs + strlen(c->root) + (c->root[1] ? 1 : 0));
}

static void add_file(struct files *f, const struct rrm_config *c, const char *abs, bool selected)
{
	f->v = rrm_grow(f->v, &f->cap, f->n + 1, sizeof *f->v);
	struct entry *e = &f->v[f->n++];
	e->abs = rrm_strdup(abs);
	e->rel = content_rel(c, abs);
	e->selected = selected;
	e->inbound = e->gone = false;
	e->blob = NULL;
	e->blob_len = 0;
	e->has_sig = false;
	e->refused = NULL;
}

struct walk_ctx {
	struct files *out;
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
	add_file(w->out, w->c, abs, w->selected);
	struct entry *e = &w->out->v[w->out->n - 1];
	e->refused = why;
	if (st && !why) {
		rrm_file_sig_of(st, &e->sig);
		e->has_sig = true;
	}
}

static void walk(const struct rrm_config *c, const char *dir, struct files *out, bool selected)
{
	struct walk_ctx w = {out, c, c->root, selected};
	rrm_site_walk(c, dir, on_article, &w);
}

/* The content roots besides content_dir (Hugo's mounts and language folders). */
static void walk_other_roots(const struct rrm_config *c, struct files *out, bool selected)
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
	const struct entry *x = a, *y = b;
	int c = strcmp(x->abs, y->abs);
	if (c)
		return c;
	return (int)y->selected - (int)x->selected; /* selected first */
}

/* Sorts and drops repeats (keeping `selected` when any copy had it). */
static void dedupe(struct files *f)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, entry_cmp);
	size_t w = 0;
	for (size_t r = 0; r < f->n; r++) {
		if (w > 0 && !strcmp(f->v[w - 1].abs, f->v[r].abs)) {
			free(f->v[r].abs);
			free(f->v[r].rel);
			free(f->v[r].blob);
			free(f->v[r].refused);
			continue;
		}
		f->v[w++] = f->v[r];
	}
	f->n = w;
}

static void files_release(struct files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].abs);
		free(f->v[i].rel);
		free(f->v[i].blob);
		free(f->v[i].refused);
	}
	free(f->v);
}

/* The repository around the site: the nearest folder upward holding .git. */
static char *find_repo_root(const char *from)
{
	char *dir = rrm_strdup(from);
	for (;;) {
		char *g = rrm_path_join(dir, ".git");
		struct stat st;
		bool found = lstat(g, &st) == 0;
		free(g);
		if (found)
			return dir;
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			free(dir);
			return NULL;
		}
		*slash = '\0';
	}
}

#define BASELINE_HEADER                                                                            \
	"# rrm baseline 1: fingerprint, rule, path, message; made by rrm lint --write-baseline\n"

static int write_baseline(const char *path, const struct rrm_sink *s)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_adds(&b, BASELINE_HEADER);
	for (size_t i = 0; i < s->n; i++) {
		const struct rrm_finding *f = &s->items[i];
		rrm_buf_addf(&b, "%s\t%s\t", f->fingerprint, rrm_rules[f->rule].id);
		rrm_buf_add_safe(&b, f->path);
		rrm_buf_addc(&b, '\t');
		rrm_buf_add_safe(&b, f->message);
		rrm_buf_addc(&b, '\n');
	}
	int e = rrm_file_replace(path, b.data, b.len);
	rrm_buf_release(&b);
	if (e) {
		rrm_error("--write-baseline %s: %s; the old file is unchanged", path, strerror(e));
		return RRM_EXIT_USAGE;
	}
	return 0;
}

struct baseline_ctx {
	struct rrm_map seen; /* fingerprint -> how many times it is in the baseline */
};

static bool not_in_baseline(const struct rrm_finding *f, void *ctx)
{
	struct baseline_ctx *x = ctx;
	struct rrm_map_entry *e = rrm_map_get(&x->seen, f->fingerprint, strlen(f->fingerprint));
	if (e && e->value > 0) {
		e->value--;
		return false;
	}
	return true;
}

static int apply_baseline(const char *path, struct rrm_sink *s)
{
	char *text;
	size_t len;
	int e;
	if (rrm_read_file(path, 256u * 1024 * 1024, &text, &len, &e) != RRM_READ_OK) {
		rrm_error("--baseline %s: %s", path, strerror(e));
		return RRM_EXIT_USAGE;
	}
	struct baseline_ctx x = {{0}};
	for (char *line = text; line < text + len;) {
		char *nl = memchr(line, '\n', (size_t)(text + len - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(text + len - line);
		if (n >= 16 && line[0] != '#' && (n == 16 || line[16] == '\t'))
			rrm_map_put(&x.seen, line, 16)->value++;
		line += n + 1;
	}
	free(text);
	rrm_sink_filter(s, 0, not_in_baseline, &x);
	rrm_map_release(&x.seen);
	return 0;
}

/* An article as it was before the change (--staged, --changed). */
struct old_version {
	char *abs;  /* where it was */
	char *data; /* its contents then */
	size_t len;
};

static struct entry *find_entry(struct files *f, const char *abs)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].abs, abs))
			return &f->v[i];
	return NULL;
}

static bool is_article(const struct rrm_config *c, const char *abs)
{
	const char *dot = strrchr(abs, '.');
	if (!dot)
		return false;
	if (strcmp(dot, ".md") && strcmp(dot, ".markdown")) {
		char *content_abs = rrm_path_absolute(c->content_dir, c->root);
		bool page = rrm_site_html_page(abs, content_abs);
		free(content_abs);
		if (!page)
			return false;
	}
	char *rel = content_rel(c, abs); /* in a content root (mounted or not) */
	bool art = rel && !rrm_site_excluded(c, rel);
	free(rel);
	return art;
}

/*
 * --staged / --changed: selects the changed articles (their staged contents
 * with --staged), marks the rest for the inbound check, drops the deleted,
 * and reads the old versions. Returns 0, -1 when there is nothing to lint,
 * or an exit status.
 */
static int select_changes(const struct rrm_config *c, const struct lint_opts *o,
			  struct files *files, struct old_version **olds, size_t *n_olds,
			  char **names)
{
	/* git runs in the site root: paths relative to it, and only those below it */
	char *repo = rrm_git_inside(c->root) ? rrm_strdup(c->root) : NULL;
	if (!repo) {
		rrm_error("lint: %s: the site is not in a git repository",
			  o->staged ? "--staged" : "--changed");
		return RRM_EXIT_USAGE;
	}
	char *ref = o->staged ? rrm_strdup("HEAD")
			      : (*o->changed ? rrm_strdup(o->changed) : rrm_git_default_ref(repo));
	struct rrm_git_change *ch;
	size_t n;
	char *err;
	if (rrm_git_changes(repo, o->staged, ref, &ch, &n, &err) != 0) {
		rrm_error("lint: %s", err);
		free(err);
		free(repo);
		free(ref);
		return RRM_EXIT_USAGE;
	}
	for (size_t i = 0; i < files->n; i++) {
		files->v[i].inbound = true;
		files->v[i].selected = false;
	}
	char **specs = rrm_calloc(2 * n + 1, sizeof *specs);
	char **spec_abs = rrm_calloc(2 * n + 1, sizeof *spec_abs);
	bool *spec_old = rrm_calloc(2 * n + 1, sizeof *spec_old);
	size_t ns = 0, touched = 0;
	struct rrm_buf list;
	rrm_buf_init(&list);
	for (size_t i = 0; i < n; i++) {
		char *abs = rrm_path_join(repo, ch[i].path);
		char *old = ch[i].old_path ? rrm_path_join(repo, ch[i].old_path) : NULL;
		bool art = is_article(c, abs), old_art = old && is_article(c, old);
		if (!art && !old_art) {
			free(abs);
			free(old);
			continue;
		}
		touched++;
		char *shown = rrm_path_relative(ch[i].status == 'D' ? abs : abs, c->root);
		rrm_buf_addf(&list, "%s%s", list.len ? ", " : "", shown);
		free(shown);
		if (ch[i].status == 'D') {
			struct entry *e = find_entry(files, abs);
			if (e)
				e->gone = true;
			specs[ns] = rrm_asprintf("%s:./%s", ref, ch[i].path);
			spec_abs[ns] = rrm_strdup(abs);
			spec_old[ns++] = true;
		} else {
			if (old_art) {
				struct entry *e = find_entry(files, old);
				if (e && ch[i].status == 'R')
					e->gone = true;
				specs[ns] = rrm_asprintf("%s:./%s", ref, ch[i].old_path);
				spec_abs[ns] = rrm_strdup(old);
				spec_old[ns++] = true;
			} else if (ch[i].status == 'M' || ch[i].status == 'T') {
				specs[ns] = rrm_asprintf("%s:./%s", ref, ch[i].path);
				spec_abs[ns] = rrm_strdup(abs);
				spec_old[ns++] = true;
			}
			if (art) {
				struct entry *e = find_entry(files, abs);
				if (!e) {
					add_file(files, c, abs, true);
					e = &files->v[files->n - 1];
				}
				e->selected = true;
				e->inbound = false;
				e->gone = false;
				if (o->staged) {
					specs[ns] = rrm_asprintf(":./%s", ch[i].path);
					spec_abs[ns] = rrm_strdup(abs);
					spec_old[ns++] = false;
				}
			}
		}
		free(abs);
		free(old);
	}
	int rc = 0;
	if (!touched) {
		rc = -1; /* nothing staged or changed among the articles */
	} else {
		char **data = rrm_calloc(ns + 1, sizeof *data);
		size_t *len = rrm_calloc(ns + 1, sizeof *len);
		if (rrm_git_cat(repo, specs, ns, data, len) != 0) {
			rrm_error("lint: cannot run git cat-file");
			rc = RRM_EXIT_USAGE;
		}
		for (size_t i = 0; i < ns; i++) {
			if (!data[i] || rc)
				continue;
			if (spec_old[i]) {
				*olds = rrm_realloc(*olds, (*n_olds + 1) * sizeof **olds);
				(*olds)[(*n_olds)++] = (struct old_version){rrm_strdup(spec_abs[i]),
									    data[i], len[i]};
				data[i] = NULL;
			} else {
				struct entry *e = find_entry(files, spec_abs[i]);
				if (e) {
					e->blob = data[i];
					e->blob_len = len[i];
					data[i] = NULL;
				}
			}
		}
		for (size_t i = 0; i < ns; i++)
			free(data[i]);
		free(data);
		free(len);
	}
	for (size_t i = 0; i < ns; i++) {
		free(specs[i]);
		free(spec_abs[i]);
	}
	free(specs);
	free(spec_abs);
	free(spec_old);
	*names = touched == 1 ? rrm_buf_detach(&list) : (rrm_buf_release(&list), NULL);
	rrm_git_changes_free(ch, n);
	free(repo);
	free(ref);
	return rc;
}

/* How the site's generator renders a body (rrm.yml code_shortcodes). */
static struct rrm_render render_of(const struct rrm_config *c)
{
	return (struct rrm_render){c->code_shortcodes.v, c->code_shortcodes.n,
				   c->anchors == RRM_ANCHORS_JEKYLL ||
					   c->anchors == RRM_ANCHORS_KRAMDOWN};
}

/* Whether an id is an anchor of the page: a kramdown IAL's only where kramdown renders. */
static bool is_anchor(const struct rrm_config *c, const struct rrm_html_id *h)
{
	return !h->ial || c->anchors == RRM_ANCHORS_JEKYLL || c->anchors == RRM_ANCHORS_KRAMDOWN;
}

/* Adds a loaded article to a site index, with its anchors. Returns the page. */
static long index_page(const struct rrm_config *c, struct rrm_site *site,
		       const struct rrm_article *a, const char *file, const char *rel,
		       const char *url, const struct rrm_node *fm, char **ids)
{
	size_t n = 0;
	char **all = rrm_calloc(a->n_headings + a->n_html_ids + 1, sizeof *all);
	for (size_t k = 0; k < a->n_headings; k++)
		if (ids[k])
			all[n++] = rrm_strdup(ids[k]);
	for (size_t k = 0; k < a->n_html_ids; k++)
		if (is_anchor(c, &a->html_ids[k]))
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

/* Adds the old versions of the changed articles to the index of the site before the change. */
static void index_old_versions(struct rrm_site *before, const struct rrm_config *c,
			       const struct old_version *olds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct rrm_article a;
		struct rrm_render render = render_of(c);
		if (rrm_article_load_mem_with(&a, olds[i].abs, olds[i].data, olds[i].len,
					      RRM_ARTICLE_FRONT_MATTER | RRM_ARTICLE_BODY,
					      &render) == RRM_LOAD_OK) {
			const struct rrm_node *fm =
				a.fm_parsed && a.fm_doc.root && a.fm_doc.root->kind == RRM_NODE_MAP
					? a.fm_doc.root
					: NULL;
			char *rel = content_rel(c, olds[i].abs);
			char *url = rrm_site_url(c, rel ? rel : rrm_path_base(olds[i].abs), fm);
			char *file = rrm_path_relative(olds[i].abs, c->root);
			struct rrm_page_meta m;
			rrm_page_meta_from(&m, fm);
			bool rendered = !rrm_page_meta_unrendered(&m, file, false);
			rrm_page_meta_release(&m);
			if (!rendered) { /* no page of the site before the change either */
				free(file);
				free(url);
				rrm_article_release(&a);
				continue;
			}
			char **ids = rrm_calloc(a.n_headings + 1, sizeof *ids);
			bool *dup = rrm_calloc(a.n_headings + 1, sizeof *dup);
			rrm_anchor_page(c->anchors, c->definition_ids, a.headings, a.n_headings,
					ids, dup);
			if (c->jekyll)
				rrm_anchor_kramdown_options(c->anchors, a.headings, a.n_headings,
							    ids, c->jekyll->auto_ids,
							    c->jekyll->auto_id_prefix);
			index_page(c, before, &a, file, rel, url, fm, ids);
			free(rel);
			for (size_t k = 0; k < a.n_headings; k++)
				free(ids[k]);
			free(ids);
			free(dup);
			free(file);
			free(url);
		}
		rrm_article_release(&a);
	}
}

static bool is_bundle_head(const char *path)
{
	const char *b = rrm_path_base(path);
	return !strcmp(b, "index.md") || !strcmp(b, "_index.md") || !strcmp(b, "index.markdown") ||
	       !strcmp(b, "_index.markdown");
}

static bool same_place(const struct rrm_finding *a, const struct rrm_finding *b)
{
	return a->rule == b->rule && a->line == b->line && a->column == b->column;
}

/* The links of an unchanged article that the change broke: dead now, alive before. */
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
	}
	rrm_sink_release(&now);
	rrm_sink_release(&then);
}

struct run {
	const struct rrm_config *c;
	struct files *files;
	const char *start;
	bool links_on;
	struct rrm_speller *sp; /* the first worker's; the others open their own */
	const struct rrm_sink *severities;
	struct rrm_file_result *results;
	size_t next; /* the next file to take */
	pthread_mutex_t lock;
	struct rrm_speller **extra_spellers;
	size_t n_extra;
	bool failed;
	const struct rrm_cache *cache; /* --cache: the earlier run's, or NULL */
	double wall_start;             /* CLOCK_REALTIME at the start, for racy files */
};

static size_t default_jobs(void)
{
	const char *env = getenv("RRM_JOBS");
	if (env && *env) {
		long n = strtol(env, NULL, 10);
		if (n >= 1 && n <= 64)
			return (size_t)n;
	}
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n >= 1 ? (size_t)(n > 64 ? 64 : n) : 1;
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
	struct rrm_render render = render_of(c);
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
			if (is_anchor(c, &in.html_ids[k]))
				r->anchors[r->n_anchors++] = rrm_strdup(in.html_ids[k].id);
		free(ids);
		free(dup);
		rrm_article_release(&in);
	}
	return known;
}

/* One file: load it, lint it (when selected), and keep what the index needs. */
static void lint_one(const struct run *run, struct rrm_speller *sp, size_t i,
		     struct rrm_file_result *r)
{
	const struct rrm_config *c = run->c;
	struct entry *e = &run->files->v[i];
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
	bool body = links_on || (e->selected && sp);
	unsigned flags = RRM_ARTICLE_FRONT_MATTER | (body ? RRM_ARTICLE_BODY : 0) |
			 (e->selected && sp ? RRM_ARTICLE_PROSE : 0);
	struct rrm_render render = render_of(c);
	enum rrm_load_status st = e->blob ? rrm_article_load_mem_with(&a, e->abs, e->blob,
								      e->blob_len, flags, &render)
					  : rrm_article_load_with(&a, e->abs, flags, &render);
	const struct rrm_node *fm =
		a.fm_parsed && a.fm_doc.root && a.fm_doc.root->kind == RRM_NODE_MAP ? a.fm_doc.root
										    : NULL;
	char **ids = NULL;
	bool *dup = NULL;
	if (st == RRM_LOAD_OK && links_on) {
		ids = rrm_calloc(a.n_headings + 1, sizeof *ids);
		dup = rrm_calloc(a.n_headings + 1, sizeof *dup);
		rrm_anchor_page(c->anchors, c->definition_ids, a.headings, a.n_headings, ids, dup);
		if (c->jekyll)
			rrm_anchor_kramdown_options(c->anchors, a.headings, a.n_headings, ids,
						    c->jekyll->auto_ids, c->jekyll->auto_id_prefix);
	}
	if (st == RRM_LOAD_OK && e->rel && !rrm_site_excluded(c, e->rel)) {
		rrm_url_entry_make(c, &a, e->rel, display, &r->url);
		r->url.report = e->selected;
		r->has_url = true;
		rrm_page_meta_from(&r->meta, fm);
		if (c->jekyll) /* built or not, and redirect_from, as Jekyll sees them */
			rrm_jekyll_page_meta(c, e->rel, fm,
					     a.fm_state == RRM_FM_YAML ||
						     a.fm_state == RRM_FM_UNTERMINATED,
					     &r->meta);
		else if (c->generator == RRM_GEN_HUGO) /* built or not, its term pages */
			rrm_hugo_page_meta(c, e->rel, fm, &r->meta);
		if (links_on) {
			r->anchors =
				rrm_calloc(a.n_headings + a.n_html_ids + 1, sizeof *r->anchors);
			for (size_t k = 0; k < a.n_headings; k++)
				if (ids[k])
					r->anchors[r->n_anchors++] = rrm_strdup(ids[k]);
			for (size_t k = 0; k < a.n_html_ids; k++)
				if (is_anchor(c, &a.html_ids[k]))
					r->anchors[r->n_anchors++] = rrm_strdup(a.html_ids[k].id);
			r->open_ids = a.shortcode_content;
			if (a.n_includes) {
				/* anchors from other files: this entry is not kept in the cache */
				if (!add_included_anchors(c, e->abs, &a, r))
					r->open_ids = true;
				cacheable = false;
			}
		}
	}
	keep_links = keep_links && st == RRM_LOAD_OK;
	if (keep_links) {
		struct rrm_linted *l = &r->linted;
		r->has_linted = true;
		l->display = rrm_strdup(display);
		l->file = rrm_strdup(r->file);
		l->page = -1;
		l->draft = r->meta.draft;
		l->inbound = e->inbound;
	}
	if (e->selected) {
		r->checked = 1;
		if (st != RRM_LOAD_OK) {
			rrm_lint_load_failure(&a, st, display, &r->sink);
		} else {
			rrm_lint_front_matter(c, &a, display, &r->sink);
			/* a page of another language (Hugo) is not spelled with the site's
			 * dictionaries */
			if (sp && !(e->rel && rrm_content_language(c, e->rel)))
				rrm_lint_spelling(c, sp, &a, display, &r->sink);
			if (links_on)
				rrm_lint_duplicate_ids(&r->linted, &a, ids, dup, &r->sink);
			rrm_lint_apply_directives(a.directives, a.n_directives, &r->sink, 0);
		}
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
	if (ids)
		for (size_t k = 0; k < a.n_headings; k++)
			free(ids[k]);
	free(ids);
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
}

struct worker {
	struct run *run;
	struct rrm_speller *sp;
	bool own; /* opened its own speller */
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct run *run = w->run;
	for (;;) {
		pthread_mutex_lock(&run->lock);
		size_t i = run->next++;
		pthread_mutex_unlock(&run->lock);
		if (i >= run->files->n)
			break;
		/* a thread loads its dictionaries when it first has prose to check */
		if (w->own && run->sp && !w->sp && run->files->v[i].selected) {
			struct rrm_spell_error err;
			w->sp = rrm_speller_open(run->c, &err);
			if (w->sp)
				rrm_speller_set_prior(w->sp, rrm_cache_verdicts(run->cache));
			if (!w->sp) {
				rrm_spell_error_release(&err);
				pthread_mutex_lock(&run->lock);
				run->failed = true;
				pthread_mutex_unlock(&run->lock);
				return NULL;
			}
		}
		lint_one(run, w->sp, i, &run->results[i]);
	}
	return NULL;
}

/* Runs lint_one over every file on `jobs` threads (the caller's among them). */
static int run_workers(struct run *run, size_t jobs)
{
	pthread_mutex_init(&run->lock, NULL);
	struct worker *w = rrm_calloc(jobs, sizeof *w);
	pthread_t *t = rrm_calloc(jobs, sizeof *t);
	size_t started = 0;
	for (size_t k = 1; k < jobs; k++) {
		w[k] = (struct worker){run, NULL, true};
		if (pthread_create(&t[k], NULL, work, &w[k]) != 0)
			break;
		started = k;
	}
	w[0] = (struct worker){run, run->sp, false};
	work(&w[0]);
	for (size_t k = 1; k <= started; k++)
		pthread_join(t[k], NULL);
	/* the other workers' spellers: counted, then freed by the caller */
	run->extra_spellers = rrm_calloc(jobs, sizeof *run->extra_spellers);
	for (size_t k = 1; k <= started; k++)
		if (w[k].sp)
			run->extra_spellers[run->n_extra++] = w[k].sp;
	free(w);
	free(t);
	pthread_mutex_destroy(&run->lock);
	if (run->failed) { /* a worker could not load the dictionaries: do its share again */
		run->failed = false;
		for (size_t i = 0; i < run->files->n; i++)
			if (!run->results[i].file && !run->files->v[i].gone) {
				rrm_sink_release(&run->results[i].sink);
				lint_one(run, run->sp, i, &run->results[i]);
			}
	}
	return 0;
}

static void rrm_speller_free_all(struct rrm_speller **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rrm_speller_free(v[i]);
	free(v);
}

int cmd_lint(int argc, char **argv, struct rrm_common *common)
{
	struct lint_opts o = {.format = FORMAT_TEXT, .max_warnings = -1};
	double t_start = now();
	int nops = 0;
	int rc = rrm_parse_options(&rrm_cmd_lint, argc, argv, common, on_opt, &o, &nops);
	if (rc)
		return rc == 1 ? RRM_EXIT_OK : rc;
	char cwd[PATH_MAX];
	struct rrm_config c;
	if ((rc = rrm_enter_site(common, &c, cwd, sizeof cwd))) {
		rrm_config_release(&c);
		return rc;
	}
	if (!o.quiet) /* what of the generator's configuration rrm does not honour, once a run */
		rrm_print_config_notes(&c, common->start);
	char *content_abs = rrm_path_absolute(c.content_dir, c.root);

	/* The set of files: every article of the site, with the linted ones selected. */
	struct files files = {0};
	struct stat st;
	bool whole_site = nops == 0;
	if (stat(content_abs, &st) == 0 && S_ISDIR(st.st_mode)) {
		walk(&c, content_abs, &files, whole_site);
		walk_other_roots(&c, &files, whole_site);
	} else if (whole_site) {
		char *shown = rrm_path_relative(content_abs, common->start);
		rrm_error("content_dir %s: no such folder", shown);
		free(shown);
		rc = RRM_EXIT_USAGE;
	}
	for (int i = 0; i < nops && !rc; i++) {
		char *abs = rrm_path_absolute(argv[i], cwd);
		if (stat(abs, &st) != 0) {
			rrm_error("%s: %s", argv[i], strerror(errno));
			rc = RRM_EXIT_USAGE;
		} else {
			/* named or not, nothing outside the site is read */
			bool out = rrm_path_leads_out(abs, c.root);
			if (out && S_ISDIR(st.st_mode)) {
				rrm_error("%s: %s", argv[i], LEADS_OUT);
				rc = RRM_EXIT_USAGE;
			} else if (S_ISDIR(st.st_mode)) {
				walk(&c, abs, &files, true);
			} else {
				add_file(&files, &c, abs, true);
				files.v[files.n - 1].refused = out ? rrm_strdup(LEADS_OUT) : NULL;
			}
		}
		free(abs);
	}
	if (rc) {
		files_release(&files);
		free(content_abs);
		rrm_config_release(&c);
		return rc;
	}
	dedupe(&files);
	struct old_version *olds = NULL;
	size_t n_olds = 0;
	char *change_names = NULL;
	if (o.staged || o.changed) {
		if (nops) {
			rrm_error("lint: --staged and --changed take no PATH");
			rc = RRM_EXIT_USAGE;
		} else {
			rc = select_changes(&c, &o, &files, &olds, &n_olds, &change_names);
		}
		if (rc) {
			files_release(&files);
			free(content_abs);
			rrm_config_release(&c);
			return rc == -1 ? RRM_EXIT_OK : rc;
		}
	}

	struct rrm_sink sink;
	rrm_sink_init(&sink);
	rrm_config_apply_rules(&c, &sink);
	struct rrm_speller *sp = NULL;
	if (sink.severity[RRM_RULE_SPELLING_UNKNOWN] || sink.severity[RRM_RULE_SPELLING_REJECTED] ||
	    sink.severity[RRM_RULE_SPELLING_VARIANT] || o.format == FORMAT_WORDS) {
		struct rrm_spell_error serr;
		sp = rrm_speller_open(&c, &serr);
		if (!sp) {
			char *shown = serr.file ? rrm_path_relative(serr.file, common->start)
						: rrm_strdup("rrm.yml");
			if (serr.file && serr.file[0] != '/') {
				free(shown);
				char *abs = rrm_path_absolute(serr.file, c.root);
				shown = rrm_path_relative(abs, common->start);
				free(abs);
			}
			if (serr.line > 0)
				fprintf(stderr, "%s:%d:%d: error: %s\n", shown, serr.line,
					serr.column, serr.message);
			else
				fprintf(stderr, "%s: error: %s\n", shown, serr.message);
			free(shown);
			rrm_spell_error_release(&serr);
			rrm_sink_release(&sink);
			files_release(&files);
			free(content_abs);
			rrm_config_release(&c);
			return RRM_EXIT_USAGE;
		}
	}
	bool links_on = false;
	for (int r = RRM_RULE_LINK_DEAD; r <= RRM_RULE_LINK_DUPLICATE_ID; r++)
		links_on |= sink.severity[r] != RRM_SEV_OFF;
	links_on |= sink.severity[RRM_RULE_LINK_ALIAS] != RRM_SEV_OFF;
	/* --cache: the earlier run's results, when rrm.yml, the dictionaries and the rules match */
	struct rrm_cache *cache = NULL;
	uint64_t cache_key = 0;
	char *cache_dir = o.cache ? rrm_path_absolute(o.cache, common->start) : NULL;
	if (cache_dir) {
		cache_key = run_key(&c, &sink, sp, links_on, o.format == FORMAT_WORDS);
		cache = rrm_cache_open(cache_dir, cache_key);
		if (sp)
			rrm_speller_set_prior(sp, rrm_cache_verdicts(cache));
	}
	struct rrm_site site;
	rrm_site_init(&site, &c);
	struct rrm_site before;
	rrm_site_init(&before, &c);
	bool git_mode = o.staged || o.changed;

	/* Every file on its own, on a pool of threads; the results are merged in file order. */
	struct run run = {.c = &c,
			  .files = &files,
			  .start = common->start,
			  .links_on = links_on,
			  .sp = sp,
			  .severities = &sink,
			  .cache = cache,
			  .wall_start = wall_now()};
	size_t jobs = o.jobs ? o.jobs : default_jobs();
	if (jobs > files.n)
		jobs = files.n ? files.n : 1;
	run.results = rrm_calloc(files.n + 1, sizeof *run.results);
	if (run_workers(&run, jobs) != 0) {
		rrm_error("lint: cannot start the workers");
		rc = RRM_EXIT_USAGE;
	}

	struct rrm_linted *linted = rrm_calloc(files.n + 1, sizeof *linted);
	size_t n_linted = 0;
	struct rrm_url_entry *urls = rrm_calloc(files.n + 1, sizeof *urls);
	size_t n_urls = 0, checked = 0, cache_hits = 0;
	struct rrm_buf *records = rrm_calloc(files.n + 1, sizeof *records);
	struct rrm_strlist unrendered = {0}; /* folders whose _index.md cascades render: never */
	for (size_t i = 0; i < files.n; i++) {
		struct rrm_file_result *r = &run.results[i];
		if (r->has_url && r->meta.cascade_no_render) {
			const char *slash = strrchr(r->file, '/');
			unrendered.v = rrm_realloc(unrendered.v,
						   (unrendered.n + 1) * sizeof *unrendered.v);
			unrendered.v[unrendered.n++] =
				rrm_strndup(r->file, slash ? (size_t)(slash - r->file) + 1 : 0);
		}
	}
	for (size_t i = 0; i < files.n; i++) {
		struct rrm_file_result *r = &run.results[i];
		checked += r->checked;
		cache_hits += r->cached;
		records[i] = r->record;
		long page = -1;
		bool cascaded = false;
		for (size_t k = 0; r->has_url && k < unrendered.n && !cascaded; k++)
			cascaded = !strncmp(r->file, unrendered.v[k], strlen(unrendered.v[k]));
		bool quiet = r->has_url && rrm_page_meta_unrendered(&r->meta, r->file, cascaded);
		if (quiet) { /* Hugo renders no page: linted, but no URL of the site */
			rrm_url_entry_release(&r->url);
			r->has_url = false;
		}
		if (r->has_url) {
			urls[n_urls++] = r->url;
			if (links_on) {
				char **copy = NULL;
				if (files.v[i]
					    .inbound) { /* unchanged: the same before the change */
					copy = rrm_calloc(r->n_anchors + 1, sizeof *copy);
					for (size_t k = 0; k < r->n_anchors; k++)
						copy[k] = rrm_strdup(r->anchors[k]);
				}
				page = (long)rrm_site_add_page_meta(&site, r->file, r->url.url,
								    &r->meta, r->anchors,
								    r->n_anchors);
				site.pages[page].open_ids = r->open_ids;
				if (copy) {
					long b = (long)rrm_site_add_page_meta(&before, r->file,
									      r->url.url, &r->meta,
									      copy, r->n_anchors);
					before.pages[b].open_ids = r->open_ids;
				}
				r->anchors = NULL;
			}
		}
		rrm_sink_take(&sink, &r->sink);
		if (r->has_linted) {
			r->linted.page = page;
			r->linted.unrendered = quiet;
			linted[n_linted++] = r->linted;
		}
		for (size_t k = 0; r->anchors && k < r->n_anchors; k++)
			free(r->anchors[k]);
		free(r->anchors);
		rrm_page_meta_release(&r->meta);
		free(r->file);
	}
	free(run.results);
	for (size_t k = 0; k < unrendered.n; k++)
		free(unrendered.v[k]);
	free(unrendered.v);
	struct rrm_spell_stats extra = {0};
	for (size_t k = 0; k < run.n_extra; k++) {
		struct rrm_spell_stats one;
		rrm_speller_stats(run.extra_spellers[k], &one);
		extra.tokens += one.tokens;
		extra.lookups += one.lookups;
		if (one.loaded && (!extra.loaded || one.load_seconds > extra.load_seconds)) {
			extra.loaded = true;
			extra.load_seconds = one.load_seconds;
		}
	}

	rrm_lint_duplicate_urls(urls, n_urls, &sink);
	for (size_t i = 0; i < n_urls; i++)
		rrm_url_entry_release(&urls[i]);
	free(urls);

	/* Links, now that every article, anchor and file of the site is known. */
	if (links_on) {
		rrm_site_scan_files(&site);
		if (git_mode) {
			index_old_versions(&before, &c, olds, n_olds);
			/* the files are the same before; only a changed bundle head (index.md,
			 * _index.md) can change where a bundle's files are served */
			bool heads = false;
			for (size_t i = 0; i < n_olds; i++)
				heads |= is_bundle_head(olds[i].abs);
			for (size_t i = 0; i < files.n; i++)
				heads |= files.v[i].selected && is_bundle_head(files.v[i].abs);
			if (heads)
				rrm_site_scan_files(&before);
			else
				rrm_site_copy_files(&before, &site);
		}
		for (size_t i = 0; i < n_linted; i++) {
			size_t first = sink.n;
			if (linted[i].inbound)
				inbound_links(&c, &site, &before, &linted[i], change_names, &sink);
			else
				rrm_lint_links(&c, &site, &linted[i], &sink);
			rrm_lint_apply_directives(linted[i].directives, linted[i].n_directives,
						  &sink, first);
		}
	}
	rrm_site_release(&before);
	for (size_t i = 0; i < n_olds; i++) {
		free(olds[i].abs);
		free(olds[i].data);
	}
	free(olds);
	free(change_names);
	for (size_t i = 0; i < n_linted; i++)
		rrm_linted_release(&linted[i]);
	free(linted);
	rrm_site_release(&site);

	bool suggest = !o.no_suggest && o.format != FORMAT_WORDS;
	struct rrm_speller **spellers = rrm_calloc(run.n_extra + 1, sizeof *spellers);
	size_t n_spellers = 0;
	if (sp) {
		spellers[n_spellers++] = sp;
		for (size_t k = 0; k < run.n_extra; k++)
			spellers[n_spellers++] = run.extra_spellers[k];
	}
	struct rrm_map memo = {0};
	size_t distinct =
		rrm_lint_spelling_suggest(spellers, n_spellers, &sink, suggest,
					  rrm_cache_suggestions(cache), cache ? &memo : NULL);
	if (cache) { /* written before the report: a run that is stopped keeps the old cache */
		const struct rrm_buf **recs = rrm_calloc(files.n + 1, sizeof *recs);
		const struct rrm_map **verdicts = rrm_calloc(n_spellers + 1, sizeof *verdicts);
		for (size_t i = 0; i < files.n; i++)
			recs[i] = &records[i];
		for (size_t k = 0; k < n_spellers; k++)
			verdicts[k] = rrm_speller_verdicts(spellers[k]);
		int e = rrm_cache_save(cache, cache_dir, cache_key, recs, files.n, verdicts,
				       n_spellers, &memo, o.staged || o.changed || nops > 0);
		if (e) {
			char *shown = rrm_path_relative(cache_dir, common->start);
			rrm_error("--cache: cannot write %s/lint.cache: %s", shown, strerror(e));
			free(shown);
		}
		free(recs);
		free(verdicts);
	}
	rrm_map_release(&memo);
	for (size_t i = 0; i < files.n; i++)
		rrm_buf_release(&records[i]);
	free(records);
	size_t cache_entries = rrm_cache_size(cache);
	rrm_cache_free(cache);
	free(cache_dir);
	free(spellers);
	rrm_speller_free_all(run.extra_spellers, run.n_extra);
	rrm_sink_sort(&sink);
	rrm_sink_fingerprint(&sink);
	if (o.write_baseline && (rc = write_baseline(o.write_baseline, &sink)))
		goto done;
	if (o.baseline && (rc = apply_baseline(o.baseline, &sink)))
		goto done;
	char *repo_root = find_repo_root(c.root);
	struct rrm_report_options ro = {
		.color = o.format == FORMAT_TEXT && rrm_use_color(common, STDOUT_FILENO),
		.errors_only = o.quiet,
		.files = checked,
		.version = RRM_VERSION,
		.start = common->start,
		.repo_root = repo_root,
	};
	struct rrm_buf out;
	rrm_buf_init(&out);
	if (o.format == FORMAT_JSON) {
		rrm_report_json(&sink, &ro, &out);
	} else if (o.format == FORMAT_WORDS) {
		rrm_report_words(&sink, &out);
	} else if (o.format == FORMAT_SARIF) {
		rrm_report_sarif(&sink, &ro, &out);
	} else if (o.format == FORMAT_GITHUB) {
		struct rrm_buf summary;
		rrm_buf_init(&summary);
		const char *sp_path = getenv("GITHUB_STEP_SUMMARY");
		rrm_report_github(&sink, &ro, 10, &out, sp_path && *sp_path ? &summary : NULL);
		if (sp_path && *sp_path) {
			FILE *f = fopen(sp_path, "a");
			if (!f || fwrite(summary.data, 1, summary.len, f) != summary.len)
				rrm_error("cannot write $GITHUB_STEP_SUMMARY (%s): %s", sp_path,
					  strerror(errno));
			if (f)
				fclose(f);
		}
		rrm_buf_release(&summary);
	} else {
		rrm_report_text(&sink, &ro, &out);
	}
	free(repo_root);
	fwrite(out.data, 1, out.len, stdout);
	rrm_buf_release(&out);
	bool write_failed = fflush(stdout) != 0 || ferror(stdout);

	size_t errors = rrm_sink_count(&sink, RRM_SEV_ERROR);
	size_t warnings = rrm_sink_count(&sink, RRM_SEV_WARNING);
	if (errors || warnings) {
		size_t with = 0;
		for (size_t i = 0; i < sink.n; i++)
			if (i == 0 || strcmp(sink.items[i].path, sink.items[i - 1].path))
				with++;
		fprintf(stderr, "rrm: %zu error%s, %zu warning%s in %zu file%s (%zu checked)\n",
			errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", with,
			with == 1 ? "" : "s", checked);
	}
	if (suggest && distinct > RRM_SPELL_SUGGEST_MAX)
		rrm_error("spelling suggestions for the %d most frequent of %zu unknown words; "
			  "'--format words' lists them all",
			  RRM_SPELL_SUGGEST_MAX, distinct);
	if (o.stats) {
		struct rrm_spell_stats ss = {0};
		if (sp)
			rrm_speller_stats(sp, &ss);
		ss.tokens += extra.tokens;
		ss.lookups += extra.lookups;
		if (extra.loaded && (!ss.loaded || extra.load_seconds > ss.load_seconds)) {
			ss.loaded = true;
			ss.load_seconds = extra.load_seconds;
		}
		char dicts[64] = "dictionaries not loaded (not needed)";
		if (ss.loaded)
			snprintf(dicts, sizeof dicts, "dictionaries loaded in %.3f s",
				 ss.load_seconds);
		char cached[96] = "";
		if (o.cache)
			snprintf(cached, sizeof cached, "; cache: %zu entries, %zu files reused",
				 cache_entries, cache_hits);
		fprintf(stderr,
			"rrm: stats: %zu files checked, %zu indexed; %zu findings; spelling: %zu tokens, "
			"%zu distinct words, %zu dictionary lookups, %zu distinct unknown; %s%s; "
			"total %.3f s\n",
			checked, files.n, sink.n, ss.tokens, ss.distinct, ss.lookups, distinct,
			dicts, cached, now() - t_start);
	}
	rc = errors ? RRM_EXIT_FINDINGS : RRM_EXIT_OK;
	if (o.max_warnings >= 0 && warnings > (size_t)o.max_warnings) {
		rrm_error("%zu warning%s, more than --max-warnings %ld", warnings,
			  warnings == 1 ? "" : "s", o.max_warnings);
		rc = RRM_EXIT_FINDINGS;
	}
	if (write_failed) {
		rrm_error("cannot write the report: %s", strerror(errno));
		rc = RRM_EXIT_USAGE;
	}
done:
	rrm_sink_release(&sink);
	rrm_speller_free(sp);
	files_release(&files);
	free(content_abs);
	rrm_config_release(&c);
	return rc;
}
