/*
 * content.c - the site's content roots (Hugo's module mounts and language
 * folders, or content_dir alone) and the mapping between a real file and its
 * path in the content tree.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/config.h"
#include "lib/util.h"

size_t rrm_content_root_count(const struct rrm_config *c)
{
	return c->n_content_roots ? c->n_content_roots : 1;
}

struct rrm_content_root rrm_content_root_get(const struct rrm_config *c, size_t i)
{
	if (!c->n_content_roots)
		return (struct rrm_content_root){c->content_dir ? c->content_dir : (char *)".",
						 (char *)"", NULL};
	return c->content_roots[i];
}

void rrm_content_root_add(struct rrm_config *c, const char *dir, const char *at, const char *lang)
{
	c->content_roots =
		rrm_realloc(c->content_roots, (c->n_content_roots + 1) * sizeof *c->content_roots);
	struct rrm_content_root *r = &c->content_roots[c->n_content_roots++];
	r->dir = rrm_strdup(dir);
	r->at = rrm_strdup(at);
	r->lang = lang ? rrm_strdup(lang) : NULL;
}

void rrm_content_roots_clear(struct rrm_config *c)
{
	for (size_t i = 0; i < c->n_content_roots; i++) {
		free(c->content_roots[i].dir);
		free(c->content_roots[i].at);
		free(c->content_roots[i].lang);
	}
	free(c->content_roots);
	c->content_roots = NULL;
	c->n_content_roots = 0;
}

/* True when `lang` is a language other than the default. */
static bool other_language(const struct rrm_config *c, const char *lang)
{
	return lang && (!c->hugo.default_language || strcasecmp(lang, c->hugo.default_language));
}

/* The configured language a file name carries before its extension (x.fr.md), or NULL. */
static const char *name_language(const struct rrm_config *c, const char *rel, size_t *at)
{
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	const char *ext = strrchr(base, '.');
	if (!ext || ext == base)
		return NULL;
	const char *dot = ext;
	while (dot > base && dot[-1] != '.')
		dot--;
	if (dot == base)
		return NULL; /* x.md: no second dot */
	size_t n = (size_t)(ext - dot);
	for (size_t i = 0; i < c->hugo.languages.n; i++)
		if (strlen(c->hugo.languages.v[i]) == n &&
		    !strncasecmp(dot, c->hugo.languages.v[i], n)) {
			*at = (size_t)(dot - 1 - rel); /* the '.' before the code */
			return c->hugo.languages.v[i];
		}
	return NULL;
}

/* `sub` below a root's folder: the part after "dir/", or NULL when outside it. */
static const char *below(const char *dir, const char *file)
{
	if (!strcmp(dir, "."))
		return file;
	size_t n = strlen(dir);
	if (!strncmp(file, dir, n) && file[n] == '/' && file[n + 1])
		return file + n + 1;
	return NULL;
}

const char *rrm_content_language(const struct rrm_config *c, const char *rel)
{
	size_t pos;
	const char *l = name_language(c, rel, &pos);
	return other_language(c, l) ? l : NULL;
}

char *rrm_content_translate(const struct rrm_config *c, const char *rel, const char *lang)
{
	size_t pos;
	if (!other_language(c, lang) || name_language(c, rel, &pos))
		return rrm_strdup(rel);
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	const char *ext = strrchr(base, '.');
	size_t cut = ext && ext != base ? (size_t)(ext - rel) : strlen(rel);
	return rrm_asprintf("%.*s.%s%s", (int)cut, rel, lang, rel + cut);
}

char *rrm_content_path(const struct rrm_config *c, const char *file)
{
	size_t n = rrm_content_root_count(c), best_len = 0;
	const char *best_sub = NULL;
	struct rrm_content_root best = {0};
	for (size_t i = 0; i < n; i++) {
		struct rrm_content_root r = rrm_content_root_get(c, i);
		char *dir = rrm_path_normalize(r.dir); /* content_dir as written: "./content/" */
		const char *sub = below(dir, file);
		size_t l = strcmp(dir, ".") ? strlen(dir) : 0;
		free(dir);
		if (sub && (!best_sub || l > best_len)) {
			best_sub = sub;
			best_len = l;
			best = r;
		}
	}
	if (!best_sub)
		return NULL;
	char *rel = best.at[0] ? rrm_asprintf("%s/%s", best.at, best_sub) : rrm_strdup(best_sub);
	if (other_language(c, best.lang)) { /* content.fr/x.md is x.fr.md, as Hugo's translation by
					       file name */
		char *t = rrm_content_translate(c, rel, best.lang);
		free(rel);
		rel = t;
	}
	return rel;
}

char *rrm_content_file(const struct rrm_config *c, const char *rel, size_t *k)
{
	size_t pos = 0;
	const char *lang = name_language(c, rel, &pos);
	/* the path without its language: x.fr.md -> x.md */
	char *plain = lang ? rrm_asprintf("%.*s%s", (int)pos, rel, rel + pos + 1 + strlen(lang))
			   : rrm_strdup(rel);
	char *out = NULL;
	for (size_t n = rrm_content_root_count(c); !out && *k < n; (*k)++) {
		struct rrm_content_root r = rrm_content_root_get(c, *k);
		bool mine = other_language(c, r.lang);
		if (mine && (!lang || strcasecmp(lang, r.lang)))
			continue; /* another language's folder */
		const char *p = mine ? plain : rel;
		size_t al = strlen(r.at);
		const char *sub;
		if (!al)
			sub = p;
		else if (!strncmp(p, r.at, al) && (p[al] == '/' || !p[al]))
			sub = p[al] ? p + al + 1 : p + al;
		else
			continue;
		char *j = rrm_asprintf("%s/%s", r.dir, sub);
		out = rrm_path_normalize(j);
		free(j);
	}
	free(plain);
	return out;
}
