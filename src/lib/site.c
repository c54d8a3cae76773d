#include "lib/site.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"
#include "lib/util.h"

const char *rrm_site_pattern(const struct rrm_config *c, const char *section)
{
	const char *fallback = "/:path/";
	for (size_t i = 0; i < c->n_permalinks; i++) {
		const struct rrm_permalink *p = &c->permalinks[i];
		if (!p->section)
			fallback = p->pattern;
		else if (section && !strcmp(p->section, section))
			return p->pattern;
	}
	return fallback;
}

static const char *fm_string(const struct rrm_node *fm, const char *key)
{
	const struct rrm_node *n = rrm_node_get(fm, key);
	if (n && n->kind == RRM_NODE_SCALAR && n->value_len && rrm_scalar_type(n) != RRM_SCALAR_NULL)
		return n->value;
	return NULL;
}

/* Length of a leading "YYYY-MM-DD-" in a file name, or 0. */
static size_t date_prefix(const char *name, struct rrm_datetime *d)
{
	char buf[11];
	if (strlen(name) < 11 || name[10] != '-')
		return 0;
	memcpy(buf, name, 10);
	buf[10] = '\0';
	if (rrm_date_parse(buf, true, d) != RRM_DATE_OK)
		return 0;
	return 11;
}

static void add_num(struct rrm_buf *b, int v, int width)
{
	if (v > 0)
		rrm_buf_addf(b, "%0*d", width, v);
}

char *rrm_site_url(const struct rrm_config *c, const char *rel, const struct rrm_node *fm)
{
	const char *fixed = fm_string(fm, "url");
	if (!fixed)
		fixed = fm_string(fm, "permalink");
	if (fixed)
		return fixed[0] == '/' ? rrm_strdup(fixed) : rrm_asprintf("/%s", fixed);

	/* Split rel into folder and name without extension. */
	char *path = rrm_strdup(rel);
	char *dot = strrchr(path, '.');
	char *slash = strrchr(path, '/');
	if (dot && (!slash || dot > slash))
		*dot = '\0';
	char *name = slash ? slash + 1 : path;
	const char *dir = slash ? path : "";
	if (slash)
		*slash = '\0';
	bool list_page = !strcmp(name, "_index");
	bool bundle = list_page || !strcmp(name, "index");
	char *dir_copy = rrm_strdup(dir);
	if (list_page) {
		char *u = dir_copy[0] ? rrm_asprintf("/%s/", dir_copy) : rrm_strdup("/");
		free(path);
		free(dir_copy);
		return u;
	}
	/* For a bundle, the folder is the page: its name is the folder's. */
	const char *filename = name;
	char *parent = dir_copy;
	if (bundle) {
		char *s = strrchr(dir_copy, '/');
		filename = s ? s + 1 : dir_copy;
		if (s)
			*s = '\0';
		else
			parent = dir_copy + strlen(dir_copy);
	}
	/* Section: the first folder of the folder holding the page. */
	char section[256] = "";
	{
		const char *e = strchr(parent, '/');
		size_t l = e ? (size_t)(e - parent) : strlen(parent);
		if (l >= sizeof section)
			l = sizeof section - 1;
		memcpy(section, parent, l);
		section[l] = '\0';
	}
	struct rrm_datetime d = {0};
	bool have_date = false;
	const struct rrm_node *dn = rrm_node_get(fm, "date");
	if (dn && dn->kind == RRM_NODE_SCALAR && rrm_date_parse(dn->value, false, &d) == RRM_DATE_OK)
		have_date = true;
	struct rrm_datetime fd;
	size_t prefix = date_prefix(filename, &fd);
	if (!have_date && prefix) {
		d = fd;
		have_date = true;
	}
	const char *slug = fm_string(fm, "slug");
	char *slug_own = NULL;
	if (!slug)
		slug = slug_own = rrm_strdup(filename + prefix);
	int y = 0, m = 0, day = 0;
	if (have_date)
		rrm_date_local_day(&d, &y, &m, &day);

	bool section_pattern = false;
	for (size_t i = 0; i < c->n_permalinks; i++)
		if (c->permalinks[i].section && !strcmp(c->permalinks[i].section, section))
			section_pattern = true;
	const char *pattern = rrm_site_pattern(c, section);

	struct rrm_buf b;
	rrm_buf_init(&b);
	for (const char *s = pattern; *s;) {
		if (*s != ':') {
			rrm_buf_addc(&b, *s++);
			continue;
		}
		const char *e = s + 1;
		while (isalpha((unsigned char)*e) || *e == '_')
			e++;
		size_t l = (size_t)(e - s - 1);
		const char *t = s + 1;
#define TOKEN(x) (l == strlen(x) && !strncmp(t, x, l))
		if (TOKEN("year"))
			add_num(&b, y, 4);
		else if (TOKEN("month"))
			add_num(&b, m, 2);
		else if (TOKEN("day"))
			add_num(&b, day, 2);
		else if (TOKEN("slug") || TOKEN("title"))
			rrm_buf_adds(&b, slug);
		else if (TOKEN("section") || TOKEN("collection"))
			rrm_buf_adds(&b, section[0] == '_' ? section + 1 : section);
		else if (TOKEN("filename"))
			rrm_buf_adds(&b, filename);
		else if (TOKEN("path")) {
			const char *p = parent;
			if (section_pattern && section[0]) {
				p += strlen(section);
				while (*p == '/')
					p++;
			}
			if (*p) {
				rrm_buf_adds(&b, p);
				rrm_buf_addc(&b, '/');
			}
			rrm_buf_adds(&b, slug);
		} else
			rrm_buf_add(&b, s, (size_t)(e - s));
#undef TOKEN
		s = e;
	}
	/* Collapse repeated slashes left by empty tokens. */
	char *u = rrm_buf_detach(&b);
	size_t w = 0;
	for (size_t r = 0; u[r]; r++)
		if (!(u[r] == '/' && w > 0 && u[w - 1] == '/'))
			u[w++] = u[r];
	u[w] = '\0';
	free(slug_own);
	free(path);
	free(dir_copy);
	return u;
}
