/*
 * changes.c - rrm lint --staged and --changed: which articles a change
 * touched (from git), their staged contents, and the site index as it was
 * before the change, from the old versions of the changed articles.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/anchor.h"
#include "lib/git.h"
#include "lib/jekyll.h"
#include "lib/util.h"
#include "lint/engine.h"

void rrm_changes_release(struct rrm_changes *ch)
{
	for (size_t i = 0; i < ch->n_olds; i++) {
		free(ch->olds[i].abs);
		free(ch->olds[i].data);
	}
	free(ch->olds);
	free(ch->names);
	*ch = (struct rrm_changes){0};
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
	char *rel = rrm_lint_content_rel(c, abs); /* in a content root (mounted or not) */
	bool art = rel && !rrm_site_excluded(c, rel);
	free(rel);
	return art;
}

int rrm_lint_select_changes(const struct rrm_config *c, bool staged, const char *changed,
			    struct rrm_files *files, struct rrm_changes *out, char **msg)
{
	/* git runs in the site root: paths relative to it, and only those below it */
	char *repo = rrm_git_inside(c->root) ? rrm_strdup(c->root) : NULL;
	if (!repo) {
		*msg = rrm_asprintf("lint: %s: the site is not in a git repository",
				    staged ? "--staged" : "--changed");
		return RRM_LINT_ERROR;
	}
	char *ref =
		staged ? rrm_strdup("HEAD")
		       : (changed && *changed ? rrm_strdup(changed) : rrm_git_default_ref(repo));
	struct rrm_git_change *ch;
	size_t n;
	char *err;
	if (rrm_git_changes(repo, staged, ref, &ch, &n, &err) != 0) {
		*msg = rrm_asprintf("lint: %s", err);
		free(err);
		free(repo);
		free(ref);
		return RRM_LINT_ERROR;
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
		char *shown = rrm_path_relative(abs, c->root);
		rrm_buf_addf(&list, "%s%s", list.len ? ", " : "", shown);
		free(shown);
		if (ch[i].status == 'D') {
			struct rrm_entry *e = rrm_files_find(files, abs);
			if (e)
				e->gone = true;
			specs[ns] = rrm_asprintf("%s:./%s", ref, ch[i].path);
			spec_abs[ns] = rrm_strdup(abs);
			spec_old[ns++] = true;
		} else {
			if (old_art) {
				struct rrm_entry *e = rrm_files_find(files, old);
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
				struct rrm_entry *e = rrm_files_find(files, abs);
				if (!e)
					e = rrm_files_add(files, c, abs, true);
				e->selected = true;
				e->inbound = false;
				e->gone = false;
				if (staged) {
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
		rc = RRM_LINT_NOTHING; /* nothing staged or changed among the articles */
	} else {
		char **data = rrm_calloc(ns + 1, sizeof *data);
		size_t *len = rrm_calloc(ns + 1, sizeof *len);
		if (rrm_git_cat(repo, specs, ns, data, len) != 0) {
			*msg = rrm_strdup("lint: cannot run git cat-file");
			rc = RRM_LINT_ERROR;
		}
		for (size_t i = 0; i < ns; i++) {
			if (!data[i] || rc)
				continue;
			if (spec_old[i]) {
				out->olds = rrm_realloc(out->olds,
							(out->n_olds + 1) * sizeof *out->olds);
				out->olds[out->n_olds++] = (struct rrm_old_version){
					rrm_strdup(spec_abs[i]), data[i], len[i]};
				data[i] = NULL;
			} else {
				struct rrm_entry *e = rrm_files_find(files, spec_abs[i]);
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
	out->names = touched == 1 ? rrm_buf_detach(&list) : (rrm_buf_release(&list), NULL);
	rrm_git_changes_free(ch, n);
	free(repo);
	free(ref);
	return rc;
}

void rrm_lint_index_old_versions(struct rrm_site *before, const struct rrm_config *c,
				 const struct rrm_changes *ch)
{
	const struct rrm_old_version *olds = ch->olds;
	for (size_t i = 0; i < ch->n_olds; i++) {
		struct rrm_article a;
		struct rrm_render render = rrm_lint_render(c);
		if (rrm_article_load_mem_with(&a, olds[i].abs, olds[i].data, olds[i].len,
					      RRM_ARTICLE_FRONT_MATTER | RRM_ARTICLE_BODY,
					      &render) == RRM_LOAD_OK) {
			const struct rrm_node *fm =
				a.fm_parsed && a.fm_doc.root && a.fm_doc.root->kind == RRM_NODE_MAP
					? a.fm_doc.root
					: NULL;
			char *rel = rrm_lint_content_rel(c, olds[i].abs);
			char *url = rrm_site_url(c, rel ? rel : rrm_path_base(olds[i].abs), fm);
			char *file = rrm_path_relative(olds[i].abs, c->root);
			struct rrm_page_meta m;
			rrm_page_meta_from(&m, fm);
			bool rendered = !rrm_page_meta_unrendered(&m, file, false);
			rrm_page_meta_release(&m);
			if (!rendered) { /* no page of the site before the change either */
				free(rel);
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
			rrm_lint_index_page(c, before, &a, file, rel, url, fm, ids);
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
