#include "lint/move.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/article.h"
#include "lib/file.h"
#include "lib/git.h"
#include "lib/jekyll.h"
#include "lib/site.h"
#include "lib/util.h"
#include "lib/yaml.h"
#include "lint/actions.h"
#include "lint/engine.h"
#include "lint/lint.h"
#include "lint/run.h"

/* What every link rewrite needs to know of the move. */
struct mv {
	const struct rrm_config *c;
	const struct rrm_site *site;
	size_t page;
	const char *mold, *mnew; /* the moved unit, from the root */
	const char *uold, *unew; /* the article's URL */
	char *cold, *cnew;       /* the moved unit in the content tree (refs) */
	char *name_new;          /* the new file name without extension (post_url) */
	char *host;              /* base_url's host, or NULL */
};

/* One linking file: where it is and where it will be. */
struct linking {
	const char *file_old, *file_new; /* from the root */
	const char *url_old, *url_new;   /* its page's URL, or NULL */
	bool moved;
};

static char *parent_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return rrm_strndup(path, slash ? (size_t)(slash - path) : 0);
}

static const char *ext_of(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	return dot && (!slash || dot > slash + 1) ? dot : NULL;
}

static bool ends_with_slash(const char *s)
{
	size_t n = strlen(s);
	return n && s[n - 1] == '/';
}

/* `target` relative to folder `dir`, both from the root ("" is the root; no leading '/'). */
static char *rel_from(const char *dir, const char *target)
{
	bool slash = ends_with_slash(target);
	char *t = rrm_asprintf("/%s", target), *d = rrm_asprintf("/%s", dir);
	size_t tl = strlen(t);
	while (tl > 1 && t[tl - 1] == '/')
		t[--tl] = '\0';
	size_t dl = strlen(d);
	while (dl > 1 && d[dl - 1] == '/')
		d[--dl] = '\0';
	char *r = rrm_path_relative(t, d);
	free(t);
	free(d);
	if (slash) {
		char *s = rrm_asprintf("%s/", r);
		free(r);
		r = s;
	}
	return r;
}

/* `norm` (a path from the root) with the moved unit's place changed, or NULL when not in it. */
static char *map_path(const char *norm, const char *mold, const char *mnew)
{
	size_t n = strlen(mold), nl = strlen(norm);
	while (nl > 1 && norm[nl - 1] == '/')
		nl--;
	if (nl == n && !strncmp(norm, mold, n))
		return rrm_asprintf("%s%s", mnew, norm + n);
	if (nl > n && !strncmp(norm, mold, n) && norm[n] == '/')
		return rrm_asprintf("%s%s", mnew, norm + n);
	const char *eo = ext_of(mold), *en = ext_of(mnew);
	if (eo && en && nl == (size_t)(eo - mold) && !strncmp(norm, mold, nl))
		return rrm_asprintf("%.*s%s", (int)(en - mnew), mnew, norm + nl);
	return NULL;
}

/* URL path `u` with the article's URL changed ("/a/old/x.png" too), or NULL. */
static char *map_url(const struct mv *m, const char *u)
{
	size_t bl = strlen(m->uold), nl = strlen(m->unew);
	while (bl && m->uold[bl - 1] == '/')
		bl--;
	while (nl && m->unew[nl - 1] == '/')
		nl--;
	if (!bl || strncmp(u, m->uold, bl) || (u[bl] && u[bl] != '/'))
		return NULL;
	return rrm_asprintf("%.*s%s", (int)nl, m->unew, u + bl);
}

static bool is_md(const char *p)
{
	const char *e = ext_of(p);
	return e && (!strcmp(e, ".md") || !strcmp(e, ".markdown"));
}

static bool looks_like_file(const char *p)
{
	const char *e = ext_of(p);
	return e && strcmp(e, ".html") && strcmp(e, ".htm");
}

/* Whether content path `p` (from the content folder) names an article on disk. */
static bool content_exists(const struct rrm_config *c, const char *p)
{
	static const char *const suffixes[] = {"", ".md", "/index.md", "/_index.md"};
	bool found = false;
	for (size_t k = 0; k < 4 && !found; k++) {
		char *f = rrm_asprintf("%s/%s/%s%s", c->root, c->content_dir, p, suffixes[k]);
		struct stat st;
		found = stat(f, &st) == 0 && S_ISREG(st.st_mode);
		free(f);
	}
	return found;
}

/* The content folder of a linking file (refs are read from there). */
static char *content_dir_of(const struct rrm_config *c, const char *file)
{
	char *cp = rrm_content_path(c, file);
	char *d = cp ? parent_of(cp) : rrm_strdup("");
	free(cp);
	return d;
}

/* {{< ref "p" >}}: the new content path, in the same form; NULL for no change. */
static char *rewrite_ref(const struct mv *m, const struct linking *f, const char *p, bool to_moved)
{
	char *cdir = content_dir_of(m->c, f->file_old), *res = NULL;
	bool rooted = p[0] == '/';
	const char *bases[2] = {rooted ? "" : cdir, ""};
	for (size_t b = 0; b < 2 && !res; b++) {
		char *j = rrm_asprintf("%s/%s", bases[b], p);
		char *norm = rrm_path_normalize(j[0] == '/' ? j + 1 : j);
		free(j);
		if (ends_with_slash(p)) {
			char *s = rrm_asprintf("%s/", norm);
			free(norm);
			norm = s;
		}
		char *mapped = to_moved ? map_path(norm, m->cold, m->cnew) : NULL;
		if (!mapped && !to_moved && f->moved && !rooted && b == 0 &&
		    content_exists(m->c, norm))
			mapped = rrm_strdup(norm);
		if (mapped) {
			if (rooted)
				res = rrm_asprintf("/%s", mapped);
			else if (b == 0) {
				char *nd = content_dir_of(m->c, f->file_new);
				res = rel_from(nd, mapped);
				free(nd);
			} else
				res = rrm_strdup(mapped);
		}
		free(mapped);
		free(norm);
	}
	free(cdir);
	return res;
}

/* A root-absolute URL path `path` (decoded) with the new URL; NULL when it is not the article's. */
static char *rewrite_url_path(const struct mv *m, const char *path, bool alias)
{
	const char *base = m->c->jekyll && m->c->jekyll->baseurl ? m->c->jekyll->baseurl : "";
	size_t bl = strlen(base);
	while (bl && base[bl - 1] == '/')
		bl--;
	const char *in = path;
	if (bl && !strncmp(path, base, bl) && (path[bl] == '/' || !path[bl]))
		in = path + bl;
	else
		bl = 0;
	char *mapped = map_url(m, in);
	if (!mapped && alias)
		mapped = rrm_strdup(m->unew);
	if (!mapped)
		return NULL;
	char *r = rrm_asprintf("%.*s%s", (int)bl, base, mapped);
	free(mapped);
	return r;
}

/*
 * The new destination of link `l` of file `f`, or NULL when it stays as it
 * is; *fail when it leads to the moved article but cannot be rewritten.
 */
static char *rewrite(const struct mv *m, const struct linking *f, const struct rrm_link *l,
		     bool to_moved, bool alias, bool *fail)
{
	const char *d = l->dest;
	*fail = false;
	if (l->kind == RRM_LINK_JEKYLL_POST_URL) {
		if (!to_moved)
			return NULL;
		const char *slash = strrchr(d, '/');
		return rrm_asprintf("%.*s%s", slash ? (int)(slash - d + 1) : 0, d, m->name_new);
	}
	if (strstr(d, "{{") || strstr(d, "{%")) {
		/* Liquid: a {% post_url %} or {% link %} inside is a link of its own */
		*fail = to_moved && !strstr(d, "post_url") && !strstr(d, "{% link");
		return NULL;
	}
	size_t plen = strcspn(d, "?#");
	const char *rest = d + plen;
	if (!plen)
		return NULL; /* "#anchor": the same page */
	char *path = rrm_lint_percent_decode(d, plen), *np = NULL;
	if (l->kind == RRM_LINK_HUGO_REF) {
		np = rewrite_ref(m, f, path, to_moved);
	} else if (l->kind == RRM_LINK_JEKYLL_LINK) {
		const char *p = path[0] == '/' ? path + 1 : path;
		char *mapped = to_moved ? map_path(p, m->mold, m->mnew) : NULL;
		size_t cl = strlen(m->c->content_dir);
		if (!mapped && to_moved && strcmp(m->c->content_dir, ".")) {
			char *full = rrm_asprintf("%s/%s", m->c->content_dir, p);
			char *mm = map_path(full, m->mold, m->mnew);
			if (mm && !strncmp(mm, m->c->content_dir, cl) && mm[cl] == '/')
				mapped = rrm_strdup(mm + cl + 1);
			free(mm);
			free(full);
		}
		if (mapped)
			np = rrm_asprintf("%s%s", path[0] == '/' ? "/" : "", mapped);
		free(mapped);
	} else if ((d[0] == '/' && d[1] == '/') || strstr(d, "://")) {
		/* an absolute URL: only on base_url's host */
		const char *h = d[0] == '/' ? d + 2 : strstr(d, "://") + 3;
		size_t hl = strcspn(h, "/?#");
		if (to_moved && m->host && hl && h[hl] == '/') {
			char *up = rrm_lint_percent_decode(h + hl, plen - (size_t)(h + hl - d));
			char *mapped = rewrite_url_path(m, up, alias);
			if (mapped)
				np = rrm_asprintf("%.*s%s", (int)(h + hl - d), d, mapped);
			free(mapped);
			free(up);
		}
		free(path);
		if (!np) {
			*fail = to_moved;
			return NULL;
		}
		char *r = rrm_asprintf("%s%s", np, rest);
		free(np);
		if (!strcmp(r, d)) {
			free(r);
			return NULL;
		}
		return r;
	} else if (path[0] == '/') {
		np = to_moved ? rewrite_url_path(m, path, alias) : NULL;
	} else if (is_md(path) || looks_like_file(path) || !f->url_old) {
		/* relative to the linking file */
		char *dir = parent_of(f->file_old);
		char *j = dir[0] ? rrm_asprintf("%s/%s", dir, path) : rrm_strdup(path);
		char *norm = rrm_path_normalize(j);
		free(j);
		free(dir);
		char *mapped = to_moved ? map_path(norm, m->mold, m->mnew) : NULL;
		if (!mapped && f->moved && strcmp(norm, "..") && strncmp(norm, "../", 3))
			mapped = rrm_strdup(norm);
		if (mapped) {
			if (ends_with_slash(path) && !ends_with_slash(mapped)) {
				char *s = rrm_asprintf("%s/", mapped);
				free(mapped);
				mapped = s;
			}
			char *nd = parent_of(f->file_new);
			np = rel_from(nd, mapped);
			free(nd);
		}
		free(mapped);
		free(norm);
	} else {
		/* relative to the page's URL, as a browser reads it */
		const char *slash = strrchr(f->url_old, '/');
		char *j = rrm_asprintf("%.*s%s", (int)(slash - f->url_old + 1), f->url_old, path);
		char *norm = rrm_path_normalize(j);
		free(j);
		if (ends_with_slash(path) || !strcmp(path, "..") || !strcmp(path, ".")) {
			char *s = rrm_asprintf("%s/", norm);
			free(norm);
			norm = s;
		}
		char *mapped = to_moved ? map_url(m, norm) : NULL;
		if (!mapped && to_moved && alias)
			mapped = rrm_strdup(m->unew);
		if (!mapped && f->moved)
			mapped = rrm_strdup(norm);
		if (mapped) {
			const char *ns = strrchr(f->url_new, '/');
			char *nd = rrm_strndup(f->url_new + 1, (size_t)(ns - f->url_new));
			np = rel_from(nd, mapped + 1);
			if (!strcmp(np, ".")) {
				free(np);
				np = rrm_strdup("./");
			}
			free(nd);
		}
		free(mapped);
		free(norm);
	}
	if (np && !strncmp(path, "./", 2) && np[0] != '.') {
		char *s = rrm_asprintf("./%s", np);
		free(np);
		np = s;
	}
	bool same = np && !strcmp(np, path);
	free(path);
	if (!np) {
		*fail = to_moved;
		return NULL;
	}
	if (same) {
		free(np);
		return NULL;
	}
	char *r = rrm_asprintf("%s%s", np, rest);
	free(np);
	return r;
}

/* ---- the plan ---- */

struct edits {
	struct rrm_text_edit *v;
	size_t n, cap;
};

static void edit_add(struct edits *e, size_t start, size_t end, char *text)
{
	e->v = rrm_grow(e->v, &e->cap, e->n + 1, sizeof *e->v);
	e->v[e->n++] = (struct rrm_text_edit){start, end, text};
}

static void edits_release(struct edits *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i].text);
	free(e->v);
	memset(e, 0, sizeof *e);
}

static int edit_cmp(const void *pa, const void *pb)
{
	const struct rrm_text_edit *a = pa, *b = pb;
	return a->start < b->start ? -1 : a->start > b->start;
}

/*
 * The text with the edits applied. An edit equal to the one before (two
 * links found at one place) is made once; one that overlaps an earlier edit
 * is left out (that link stays as it is: its old URL is an alias). NULL only
 * when the edits cannot be applied, which the caller refuses.
 */
static char *edits_apply(struct edits *e, const char *text, size_t len, size_t *out_len)
{
	if (e->n)
		qsort(e->v, e->n, sizeof *e->v, edit_cmp);
	size_t k = 0;
	for (size_t i = 0; i < e->n; i++) {
		const struct rrm_text_edit *q = k ? &e->v[k - 1] : NULL;
		bool same = q && q->start == e->v[i].start && q->end == e->v[i].end &&
			    !strcmp(q->text, e->v[i].text);
		if (same || (q && e->v[i].start < q->end)) {
			free(e->v[i].text); /* the same edit twice, or an overlap */
			continue;
		}
		e->v[k++] = e->v[i];
	}
	e->n = k;
	return rrm_edits_apply(text, len, e->v, e->n, out_len);
}

static void warn(struct rrm_move_plan *p, const char *file, int line, char *message)
{
	p->warnings = rrm_realloc(p->warnings, (p->n_warnings + 1) * sizeof *p->warnings);
	p->warnings[p->n_warnings++] = (struct rrm_move_warning){rrm_strdup(file), line, message};
}

/* The link edits of one file's text into `e`; returns how many. */
static size_t link_edits(const struct mv *m, const struct linking *f, const char *text, size_t len,
			 struct edits *e, struct rrm_move_plan *p)
{
	struct rrm_article a;
	struct rrm_render r = rrm_lint_render(m->c);
	size_t n = 0;
	if (rrm_article_load_mem_with(&a, f->file_old, text, len, RRM_ARTICLE_BODY, &r) !=
	    RRM_LOAD_OK) {
		rrm_article_release(&a);
		return 0;
	}
	struct rrm_linted from = {0};
	from.display = (char *)f->file_old;
	from.file = (char *)f->file_old;
	size_t pg;
	from.page =
		rrm_site_find_file(m->site, f->file_old, &pg) == RRM_TARGET_PAGE ? (long)pg : -1;
	from.draft = from.page >= 0 && m->site->pages[pg].draft;
	for (size_t i = 0; i < a.n_links; i++) {
		const struct rrm_link *l = &a.links[i];
		struct rrm_link_target lt;
		rrm_lint_link_target(m->c, m->site, &from, l, &lt);
		bool to_moved = lt.kind == RRM_TARGET_PAGE && lt.page == m->page;
		if (lt.kind == RRM_TARGET_FILE && lt.file_path && lt.path && p->bundle) {
			char *mp = map_path(lt.path, m->mold, m->mnew);
			to_moved = mp != NULL;
			free(mp);
		} else if (lt.kind == RRM_TARGET_FILE && lt.path && p->bundle) {
			/* a file of the bundle by its URL (/posts/b/pic.png): under the page's */
			char *mu = map_url(m, lt.path);
			to_moved = mu != NULL;
			free(mu);
		}
		bool alias = lt.alias;
		bool known = lt.kind != RRM_TARGET_NONE;
		rrm_link_target_release(&lt);
		if (!to_moved && !(f->moved && known))
			continue;
		size_t off = rrm_article_file_offset(&a, l->offset);
		size_t dl = l->len ? l->len : strlen(l->dest);
		bool fail = false;
		char *nd = NULL;
		if (off + dl > len || dl != strlen(l->dest) || memcmp(text + off, l->dest, dl))
			fail = to_moved; /* written with escapes or entities: not rewritten */
		else
			nd = rewrite(m, f, l, to_moved, alias, &fail);
		if (nd) {
			edit_add(e, off, off + dl, nd);
			n++;
		} else if (fail) {
			warn(p, f->file_old, l->line,
			     rrm_asprintf("the link '%s' leads to the article but cannot be "
					  "rewritten: left as it is",
					  l->dest));
		}
	}
	rrm_article_release(&a);
	return n;
}

/* Source byte range of a node (file offsets). */
static void node_range(const struct rrm_article *a, const struct rrm_node *n, size_t *s, size_t *e)
{
	*s = rrm_article_file_offset(a, rrm_article_offset(a, n->line, n->column));
	*e = rrm_article_file_offset(a, rrm_article_offset(a, n->end_line, n->end_column));
}

/* Replaces scalar `n` with `value`, in the same quotes. */
static void replace_scalar(const struct rrm_article *a, const char *text, const struct rrm_node *n,
			   const char *value, struct edits *e)
{
	size_t s, end;
	node_range(a, n, &s, &end);
	char q = text[s] == '"' || text[s] == '\'' ? text[s] : 0;
	edit_add(e, s, end, q ? rrm_asprintf("%c%s%c", q, value, q) : rrm_strdup(value));
}

/* An alias value as YAML: plain when it can be, else quoted. */
static char *yaml_value(const char *v)
{
	for (const char *p = v; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_.-~%",
			    *p))
			return rrm_yaml_quote(v);
	return rrm_strdup(v);
}

/* The edit that appends `alias` to list `key` of the front matter; false when it cannot. */
static bool alias_edit(const struct rrm_article *a, const char *text, size_t len, const char *key,
		       const char *alias, struct edits *e)
{
	const struct rrm_node *root = a->fm_parsed ? a->fm_doc.root : NULL;
	if (a->fm_state == RRM_FM_NONE) {
		edit_add(e, 0, 0, rrm_asprintf("---\n%s: [%s]\n---\n", key, alias));
		return true;
	}
	if (a->fm_state != RRM_FM_YAML || !a->fm_parsed || (root && root->kind != RRM_NODE_MAP))
		return false;
	char *v = yaml_value(alias);
	/* the line break of the front matter: CRLF when its first line has one */
	const char *first_nl = memchr(text, '\n', len);
	const char *eol = first_nl && first_nl > text && first_nl[-1] == '\r' ? "\r\n" : "\n";
	const struct rrm_node *n = rrm_node_get(root, key);
	if (!n) {
		size_t at = rrm_article_file_offset(a, a->fm_end);
		bool nl = at == 0 || text[at - 1] == '\n';
		edit_add(e, at, at, rrm_asprintf("%s%s: [%s]%s", nl ? "" : eol, key, v, eol));
		free(v);
		return true;
	}
	if (n->kind == RRM_NODE_SCALAR && rrm_scalar_type(n) == RRM_SCALAR_NULL) {
		/* "aliases:" with no value, or ~ or null: the list in its place */
		size_t s, end;
		node_range(a, n, &s, &end);
		edit_add(e, s, end, rrm_asprintf("%s[%s]", s == end ? " " : "", v));
		free(v);
		return true;
	}
	for (size_t i = 0; n->kind == RRM_NODE_SEQ && i < n->n_items; i++)
		if (n->items[i]->value && !strcmp(n->items[i]->value, alias))
			return free(v), true; /* there already */
	size_t s, end;
	node_range(a, n, &s, &end);
	bool ok = true;
	if (n->kind == RRM_NODE_SCALAR && n->value && !strcmp(n->value, alias)) {
		/* there already */
	} else if (n->kind == RRM_NODE_SCALAR && (text[s] != '|' && text[s] != '>')) {
		edit_add(e, s, s, rrm_strdup("["));
		edit_add(e, end, end, rrm_asprintf(", %s]", v));
	} else if (n->kind == RRM_NODE_SEQ && text[s] == '[') {
		if (n->n_items) {
			size_t is, ie;
			node_range(a, n->items[n->n_items - 1], &is, &ie);
			edit_add(e, ie, ie, rrm_asprintf(", %s", v));
		} else {
			edit_add(e, end - 1, end - 1, rrm_strdup(v));
		}
	} else if (n->kind == RRM_NODE_SEQ && n->n_items) {
		/* a block list: a line like the first item's, after the last */
		size_t fs, fe, ls, le;
		node_range(a, n->items[0], &fs, &fe);
		node_range(a, n->items[n->n_items - 1], &ls, &le);
		size_t bol = fs;
		while (bol > 0 && text[bol - 1] != '\n')
			bol--;
		char *prefix = rrm_strndup(text + bol, fs - bol);
		bool plain = strchr(prefix, '-') != NULL;
		for (const char *p = prefix; *p; p++)
			plain = plain && (*p == ' ' || *p == '-');
		if (!plain) {
			free(prefix);
			prefix = rrm_strdup("  - ");
		}
		size_t at = le;
		if (!(at > 0 && text[at - 1] == '\n')) {
			while (at < len && text[at] != '\n')
				at++;
			at = at < len ? at + 1 : at;
		}
		bool nl = at == 0 || text[at - 1] == '\n';
		edit_add(e, at, at, rrm_asprintf("%s%s%s%s", nl ? "" : eol, prefix, v, eol));
		free(prefix);
	} else {
		ok = false;
	}
	free(v);
	return ok;
}

/* The last part of `url` ("/a/b/" gives "b"), its range in it. */
static bool last_part(const char *url, size_t *s, size_t *e)
{
	size_t n = strlen(url);
	while (n && url[n - 1] == '/')
		n--;
	size_t b = n;
	while (b && url[b - 1] != '/')
		b--;
	const char *dot = memchr(url + b, '.', n - b);
	*s = b;
	*e = dot ? (size_t)(dot - url) : n;
	return *e > *s;
}

/* Builds the site index in a session. */
static struct rrm_lint_session *site_index(const struct rrm_config *c, struct rrm_lint_options *o,
					   char **err)
{
	*o = (struct rrm_lint_options){.suggest = false, .start = c->root};
	struct rrm_lint_session *s = rrm_lint_session_new(c, o);
	struct rrm_lint_error le = {0};
	if (rrm_lint_session_index(s, &le) != RRM_LINT_OK) {
		*err = rrm_strdup(le.message ? le.message : "cannot read the site");
		rrm_lint_error_release(&le);
		rrm_lint_session_free(s);
		return NULL;
	}
	rrm_lint_error_release(&le);
	return s;
}

#define REFUSE(...)                                                                                \
	do {                                                                                       \
		*err = rrm_asprintf(__VA_ARGS__);                                                  \
		rc = RRM_MOVE_REFUSED;                                                             \
		goto out;                                                                          \
	} while (0)

/* Whether the nearest existing folder of `abs` is inside the site (symbolic links resolved). */
static bool stays_inside(const char *root, const char *abs)
{
	char real[PATH_MAX], root_real[PATH_MAX];
	if (!realpath(root, root_real))
		return false;
	char *dir = rrm_strdup(abs);
	bool inside = false;
	for (char *slash; (slash = strrchr(dir, '/')) && slash > dir;) {
		*slash = '\0';
		if (realpath(dir, real)) {
			inside = rrm_path_is_under(real, root_real);
			break;
		}
	}
	free(dir);
	return inside;
}

static const struct rrm_node *fm_map(const struct rrm_article *a)
{
	return a->fm_parsed && a->fm_doc.root && a->fm_doc.root->kind == RRM_NODE_MAP
		       ? a->fm_doc.root
		       : NULL;
}

int rrm_move_plan(const struct rrm_config *c, const char *cwd, const char *from, const char *to,
		  struct rrm_move_plan *p, char **err)
{
	memset(p, 0, sizeof *p);
	*err = NULL;
	int rc = RRM_MOVE_OK;
	struct rrm_lint_options lo;
	struct rrm_lint_session *session = NULL;
	struct mv m = {0};
	struct rrm_article a;
	rrm_article_init(&a);
	struct edits fe = {0}, fm_only = {0};
	char *abs_from = rrm_path_absolute(from, cwd), *abs_to = rrm_path_absolute(to, cwd);
	char *content_abs = rrm_path_absolute(c->content_dir, c->root);
	char *text = NULL, *text1 = NULL, *old_slug = NULL, *new_slug = NULL;
	size_t len = 0;
	if (!rrm_path_is_under(abs_from, c->root) || !strcmp(abs_from, c->root))
		REFUSE("%s is not an article of the site", from);
	if (!(session = site_index(c, &lo, err))) {
		rc = RRM_MOVE_ERROR;
		goto out;
	}
	const struct rrm_site *site = rrm_lint_session_site(session);
	char *rel = rrm_path_relative(abs_from, c->root);
	struct stat st;
	size_t page = 0;
	bool found = false;
	if (stat(abs_from, &st) == 0 && S_ISDIR(st.st_mode)) {
		for (size_t i = 0; rrm_site_bundle_heads[i] && !found; i++) {
			char *f = rrm_asprintf("%s/%s", rel, rrm_site_bundle_heads[i]);
			if (rrm_site_find_file(site, f, &page) == RRM_TARGET_PAGE &&
			    !strcmp(site->pages[page].file, f)) {
				found = true;
				p->from_article = f;
			} else {
				free(f);
			}
		}
	} else if (rrm_site_find_file(site, rel, &page) == RRM_TARGET_PAGE &&
		   !strcmp(site->pages[page].file, rel)) {
		found = true;
		p->from_article = rrm_strdup(rel);
	}
	free(rel);
	if (!found)
		REFUSE("%s is not an article of the site", from);
	enum rrm_bundle_head head = rrm_site_bundle_head(p->from_article);
	if (head == RRM_HEAD_BRANCH)
		REFUSE("%s is a section (_index): rrm mv moves articles and leaf bundles only",
		       p->from_article);
	p->bundle = head == RRM_HEAD_LEAF;
	p->from = p->bundle ? parent_of(p->from_article) : rrm_strdup(p->from_article);
	const char *base = strrchr(p->from_article, '/');
	base = base ? base + 1 : p->from_article;
	if (p->bundle && rrm_site_bundle_head(abs_to) == RRM_HEAD_LEAF)
		*strrchr(abs_to, '/') = '\0'; /* NEW/index.md: the folder */
	if (!rrm_path_is_under(abs_to, content_abs) || !strcmp(abs_to, content_abs) ||
	    !stays_inside(c->root, abs_to))
		REFUSE("%s is outside the content folder %s; nothing written", to, c->content_dir);
	if (lstat(abs_to, &st) == 0)
		REFUSE("%s exists; nothing written", to);
	p->to = rrm_path_relative(abs_to, c->root);
	if (p->bundle && rrm_path_is_under(abs_to, abs_from))
		REFUSE("%s is inside the bundle it would move; nothing written", to);
	if (p->bundle) {
		p->to_article = rrm_asprintf("%s/%s", p->to, base);
	} else {
		const char *eo = ext_of(p->from), *en = ext_of(p->to);
		if (!en || !eo || strcmp(eo, en))
			REFUSE("%s must end in %s, as %s does; nothing written", to,
			       eo ? eo : ".md", p->from);
		if (rrm_site_bundle_head(p->to) != RRM_HEAD_NONE)
			REFUSE("%s would make a bundle of the article: move it to a folder of its "
			       "own with its resources by hand; nothing written",
			       to);
		p->to_article = rrm_strdup(p->to);
	}
	char *new_content_rel = rrm_lint_content_rel(c, abs_to);
	bool excluded = new_content_rel && rrm_site_excluded(c, new_content_rel);
	free(new_content_rel);
	if (excluded)
		REFUSE("%s is excluded by exclude: in the configuration; nothing written", to);

	/* the moved article and its front matter */
	char *art_abs = rrm_path_join(c->root, p->from_article);
	int e;
	int r = rrm_read_file(art_abs, RRM_MAX_FILE_SIZE, &text, &len, &e);
	free(art_abs);
	if (r != RRM_READ_OK) {
		*err = rrm_asprintf("cannot read %s: %s", p->from_article, strerror(e));
		rc = RRM_MOVE_ERROR;
		goto out;
	}
	struct rrm_render rd = rrm_lint_render(c);
	rrm_article_load_mem_with(&a, p->from_article, text, len, RRM_ARTICLE_FRONT_MATTER, &rd);
	const struct rrm_node *root = fm_map(&a);
	old_slug = rrm_site_file_slug(p->from_article);
	new_slug = rrm_site_file_slug(p->to_article);
	const struct rrm_node *sl = rrm_node_get(root, "slug");
	const char *eff_old = old_slug, *eff_new = new_slug;
	if (sl && sl->kind == RRM_NODE_SCALAR && sl->value) {
		eff_old = eff_new = sl->value;
		if (!strcmp(sl->value, old_slug) && strcmp(old_slug, new_slug)) {
			replace_scalar(&a, text, sl, new_slug, &fm_only);
			eff_new = new_slug;
		}
	}
	static const char *const url_keys[] = {"url", "permalink"};
	for (size_t k = 0; k < 2 && strcmp(eff_old, eff_new); k++) {
		const struct rrm_node *u = rrm_node_get(root, url_keys[k]);
		size_t s, en;
		if (!u || u->kind != RRM_NODE_SCALAR || !u->value || !last_part(u->value, &s, &en))
			continue;
		if (en - s != strlen(eff_old) || strncmp(u->value + s, eff_old, en - s))
			continue;
		char *nv = rrm_asprintf("%.*s%s%s", (int)s, u->value, eff_new, u->value + en);
		replace_scalar(&a, text, u, nv, &fm_only);
		free(nv);
	}
	p->article.front_matter = fm_only.n > 0;
	for (size_t i = 0; i < fm_only.n; i++)
		edit_add(&fe, fm_only.v[i].start, fm_only.v[i].end, rrm_strdup(fm_only.v[i].text));
	size_t len1;
	text1 = edits_apply(&fm_only, text, len, &len1);
	if (!text1)
		REFUSE("cannot rewrite the front matter of %s (edits that overlap); nothing written",
		       p->from_article);
	struct rrm_article a1;
	rrm_article_load_mem_with(&a1, p->to_article, text1, len1, RRM_ARTICLE_FRONT_MATTER, &rd);
	char *to_art_abs = rrm_path_join(c->root, p->to_article);
	char *ncr = rrm_lint_content_rel(c, to_art_abs);
	free(to_art_abs);
	p->new_url = rrm_site_url(c, ncr ? ncr : p->to_article, fm_map(&a1));
	free(ncr);
	rrm_article_release(&a1);
	p->old_url = rrm_strdup(site->pages[page].url);

	/* the new URL must be free */
	if (strcmp(p->new_url, p->old_url)) {
		size_t other;
		bool by_alias = false;
		enum rrm_target t = rrm_site_find_url_alias(site, p->new_url, &other, &by_alias);
		size_t ul = strlen(p->new_url);
		if (t == RRM_TARGET_NONE && ul && p->new_url[ul - 1] == '/') {
			/* a folder URL: a file the site serves there (static/x/index.html) */
			char *ix = rrm_asprintf("%sindex.html", p->new_url);
			size_t o2;
			bool a2 = false;
			if (rrm_site_find_url_alias(site, ix, &o2, &a2) == RRM_TARGET_FILE)
				t = RRM_TARGET_FILE;
			free(ix);
		}
		if (t == RRM_TARGET_PAGE && other != page)
			REFUSE("%s would have the URL %s, which is already %s of %s; nothing written",
			       to, p->new_url, by_alias ? "an alias" : "the URL",
			       site->pages[other].file);
		if (t == RRM_TARGET_PAGE)
			REFUSE("%s would have the URL %s, an alias of %s itself: remove that alias "
			       "first; nothing written",
			       to, p->new_url, p->from_article);
		if (t == RRM_TARGET_FILE)
			REFUSE("%s would have the URL %s, where the site already serves a file; "
			       "nothing written",
			       to, p->new_url);
		if (!site->pages[page].draft) {
			p->alias_key = c->jekyll ? "redirect_from" : "aliases";
			p->alias = rrm_strdup(p->old_url);
			if (!alias_edit(&a, text, len, p->alias_key, p->alias, &fe))
				REFUSE("cannot add the old URL to %s of %s (front matter that is not a "
				       "YAML map or list); nothing written",
				       p->alias_key, p->from_article);
			p->article.front_matter = true;
		}
	}

	/* every link to it */
	m.c = c;
	m.site = site;
	m.page = page;
	m.mold = p->from;
	m.mnew = p->to;
	m.uold = p->old_url;
	m.unew = p->new_url;
	m.cold = rrm_content_path(c, p->from);
	m.cnew = rrm_content_path(c, p->to);
	if (!m.cold || !m.cnew) {
		free(m.cold);
		free(m.cnew);
		m.cold = rrm_strdup(p->from);
		m.cnew = rrm_strdup(p->to);
	}
	const char *nb = strrchr(p->to_article, '/');
	nb = nb ? nb + 1 : p->to_article;
	const char *ne = ext_of(nb);
	m.name_new = ne ? rrm_strndup(nb, (size_t)(ne - nb)) : rrm_strdup(nb);
	if (c->base_url) {
		const char *h = strstr(c->base_url, "://");
		m.host = h ? rrm_strdup(h + 3) : NULL;
	}
	struct linking self = {p->from_article, p->to_article, p->old_url, p->new_url, true};
	p->article.links = link_edits(&m, &self, text, len, &fe, p);
	p->article.file = rrm_strdup(p->to_article);
	p->article.text = edits_apply(&fe, text, len, &p->article.len);
	if (!p->article.text)
		REFUSE("cannot rewrite %s (edits that overlap); nothing written", p->from_article);

	struct rrm_map done = {0};
	size_t cap = 0;
	for (size_t i = 0; i < site->n_pages; i++) {
		const char *file = site->pages[i].file;
		struct rrm_map_entry *me = rrm_map_put(&done, file, strlen(file));
		if (me->value || !strcmp(file, p->from_article))
			continue;
		me->value = 1;
		char *abs = rrm_path_join(c->root, file), *t;
		size_t tl;
		int er;
		if (rrm_read_file(abs, RRM_MAX_FILE_SIZE, &t, &tl, &er) != RRM_READ_OK) {
			free(abs);
			continue;
		}
		free(abs);
		size_t fp;
		const char *url = rrm_site_find_file(site, file, &fp) == RRM_TARGET_PAGE
					  ? site->pages[fp].url
					  : NULL;
		struct linking f = {file, file, url, url, false};
		struct edits le = {0};
		size_t n = link_edits(&m, &f, t, tl, &le, p);
		if (n) {
			p->edits = rrm_grow(p->edits, &cap, p->n_edits + 1, sizeof *p->edits);
			struct rrm_move_edit *ed = &p->edits[p->n_edits++];
			memset(ed, 0, sizeof *ed);
			ed->file = rrm_strdup(file);
			ed->links = n;
			ed->text = edits_apply(&le, t, tl, &ed->len);
			if (!ed->text) {
				edits_release(&le);
				free(t);
				rrm_map_release(&done);
				REFUSE("cannot rewrite the links of %s (edits that overlap); nothing "
				       "written",
				       file);
			}
		}
		edits_release(&le);
		free(t);
	}
	rrm_map_release(&done);
	p->git = rrm_git_inside(c->root) && rrm_git_tracked(c->root, p->from);
out:
	edits_release(&fe);
	edits_release(&fm_only);
	rrm_article_release(&a);
	free(m.cold);
	free(m.cnew);
	free(m.name_new);
	free(m.host);
	free(text);
	free(text1);
	free(old_slug);
	free(new_slug);
	free(abs_from);
	free(abs_to);
	free(content_abs);
	if (session)
		rrm_lint_session_free(session);
	return rc;
}

void rrm_move_plan_release(struct rrm_move_plan *p)
{
	free(p->from);
	free(p->to);
	free(p->from_article);
	free(p->to_article);
	free(p->old_url);
	free(p->new_url);
	free(p->alias);
	free(p->article.file);
	free(p->article.text);
	for (size_t i = 0; i < p->n_edits; i++) {
		free(p->edits[i].file);
		free(p->edits[i].text);
	}
	free(p->edits);
	for (size_t i = 0; i < p->n_warnings; i++) {
		free(p->warnings[i].file);
		free(p->warnings[i].message);
	}
	free(p->warnings);
	memset(p, 0, sizeof *p);
}

/* ---- writing ---- */

/* One file replaced: its new text waiting in `tmp`, the old one kept as `keep`. */
struct slot {
	char *abs, *tmp, *keep;
	bool installed;
};

static mode_t mode_of(const char *abs)
{
	struct stat st;
	mode_t um = umask(0);
	umask(um);
	return stat(abs, &st) == 0 ? (st.st_mode & 07777) : (0666 & ~um);
}

static int move_unit(const struct rrm_config *c, const struct rrm_move_plan *p, const char *from,
		     const char *to)
{
	if (p->git)
		return rrm_git_mv(c->root, from, to) == 0 ? 0 : EIO;
	char *a = rrm_path_join(c->root, from), *b = rrm_path_join(c->root, to);
	int rc = rename(a, b) == 0 ? 0 : errno;
	free(a);
	free(b);
	return rc;
}

int rrm_move_apply(const struct rrm_config *c, const struct rrm_move_plan *p, char **err)
{
	*err = NULL;
	size_t n = p->n_edits;
	struct slot *s = rrm_calloc(n + 1, sizeof *s);
	char *art_tmp = NULL, *created = NULL, *new_abs = rrm_path_join(c->root, p->to);
	char *new_parent = parent_of(new_abs);
	int e = 0;
	bool moved = false;
	/* 1. every new text into a temporary file; the files replaced kept as links */
	for (size_t i = 0; i < n && !e; i++) {
		s[i].abs = rrm_path_join(c->root, p->edits[i].file);
		char *dir = parent_of(s[i].abs);
		s[i].tmp = rrm_file_temp(dir, p->edits[i].text, p->edits[i].len, mode_of(s[i].abs),
					 &e);
		free(dir);
		if (!s[i].tmp) {
			*err = rrm_asprintf("cannot write beside %s: %s", p->edits[i].file,
					    strerror(e));
			break;
		}
		s[i].keep = rrm_asprintf("%s.keep", s[i].tmp);
		if (link(s[i].abs, s[i].keep) != 0) {
			e = errno;
			*err = rrm_asprintf("cannot keep %s: %s", p->edits[i].file, strerror(e));
			free(s[i].keep);
			s[i].keep = NULL;
		}
	}
	if (!e) {
		char *old_abs = rrm_path_join(c->root, p->from);
		char *dir = parent_of(old_abs);
		char *art_old = rrm_path_join(c->root, p->from_article);
		art_tmp = rrm_file_temp(dir, p->article.text, p->article.len, mode_of(art_old), &e);
		if (!art_tmp)
			*err = rrm_asprintf("cannot write beside %s: %s", p->from_article,
					    strerror(e));
		free(art_old);
		free(dir);
		free(old_abs);
	}
	/* 2. the folders of the new place */
	if (!e) {
		struct stat st;
		char *d = rrm_strdup(new_parent);
		while (stat(d, &st) != 0) {
			free(created);
			created = rrm_strdup(d);
			char *up = parent_of(d);
			free(d);
			d = up;
		}
		free(d);
		if ((e = rrm_make_dirs(new_parent)))
			*err = rrm_asprintf("cannot create %s: %s", new_parent, strerror(e));
	}
	/* 3. renames only: the linking files, the move, the article's new text */
	for (size_t i = 0; i < n && !e; i++) {
		if ((e = rrm_file_install(s[i].tmp, s[i].abs)))
			*err = rrm_asprintf("cannot replace %s: %s", p->edits[i].file, strerror(e));
		else
			s[i].installed = true;
	}
	if (!e) {
		if ((e = move_unit(c, p, p->from, p->to)))
			*err = rrm_asprintf("cannot move %s to %s%s: %s", p->from, p->to,
					    p->git ? " (git mv)" : "", strerror(e));
		else
			moved = true;
	}
	if (!e) {
		char *art_new = rrm_path_join(c->root, p->to_article);
		if ((e = rrm_file_install(art_tmp, art_new)))
			*err = rrm_asprintf("cannot write %s: %s", p->to_article, strerror(e));
		free(art_new);
	}
	/* undo, or clean up */
	if (e && moved && move_unit(c, p, p->to, p->from) != 0) {
		char *m = rrm_asprintf("%s; and cannot move %s back to %s", *err, p->to, p->from);
		free(*err);
		*err = m;
	}
	for (size_t i = 0; i < n; i++) {
		if (e && s[i].installed && s[i].keep)
			rename(s[i].keep, s[i].abs);
		if (s[i].keep)
			unlink(s[i].keep);
		if (s[i].tmp && !s[i].installed)
			unlink(s[i].tmp);
		free(s[i].abs);
		free(s[i].tmp);
		free(s[i].keep);
	}
	if (e && art_tmp)
		unlink(art_tmp);
	if (e && created) {
		for (char *d = rrm_strdup(new_parent); d;) {
			bool last = !strcmp(d, created);
			rmdir(d);
			char *up = last ? NULL : parent_of(d);
			free(d);
			d = up;
		}
	}
	free(art_tmp);
	free(created);
	free(new_abs);
	free(new_parent);
	free(s);
	return e ? RRM_MOVE_ERROR : RRM_MOVE_OK;
}
