#define _GNU_SOURCE /* memmem, memrchr */

#include "lint/reach.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

void rrm_reach_init(struct rrm_reach *r)
{
	*r = (struct rrm_reach){0};
}

void rrm_reach_release(struct rrm_reach *r)
{
	for (size_t i = 0; i < r->n_names; i++)
		free(r->names[i]);
	free(r->names);
	for (size_t i = 0; i < r->n_folders; i++)
		free(r->folders[i]);
	free(r->folders);
	*r = (struct rrm_reach){0};
}

static bool unreserved(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '-' || ch == '.' || ch == '_' || ch == '~';
}

static char fold(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

static void add_name_as(struct rrm_reach *r, char *name)
{
	for (size_t i = 0; i < r->n_names; i++)
		if (!strcmp(r->names[i], name)) {
			free(name);
			return;
		}
	if (r->n_names == RRM_REACH_MAX_NAMES) { /* too many to look for: every article */
		r->all = true;
		free(name);
		return;
	}
	r->names = rrm_realloc(r->names, (r->n_names + 1) * sizeof *r->names);
	r->names[r->n_names++] = name;
}

/* A name (n bytes) up to its last '.' (a substring of the name as written), folded, and
 * percent-encoded when it holds a byte that a link may encode. */
static void add_name(struct rrm_reach *r, const char *s, size_t n)
{
	const char *dot = memrchr(s, '.', n);
	if (dot && dot > s)
		n = (size_t)(dot - s);
	if (!n) {
		r->all = true;
		return;
	}
	char *name = rrm_malloc(n + 1), *enc = rrm_malloc(3 * n + 1);
	size_t k = 0;
	bool encoded = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		name[i] = fold((char)ch);
		if (unreserved(ch)) {
			enc[k++] = name[i];
		} else {
			static const char hex[] = "0123456789abcdef";
			enc[k++] = '%';
			enc[k++] = hex[ch >> 4];
			enc[k++] = hex[ch & 15];
			encoded = true;
		}
	}
	name[n] = '\0';
	enc[k] = '\0';
	add_name_as(r, name);
	if (encoded)
		add_name_as(r, enc);
	else
		free(enc);
}

void rrm_reach_add_url(struct rrm_reach *r, const char *url)
{
	size_t n = strcspn(url, "?#");
	while (n && url[n - 1] == '/')
		n--;
	const char *slash = memrchr(url, '/', n);
	const char *last = slash ? slash + 1 : url;
	size_t len = (size_t)(url + n - last);
	if (!len) { /* the home page: every article may link to it */
		r->all = true;
		return;
	}
	add_name(r, last, len);
	if (memchr(last, '.', len)) /* "/x.html": a file, not a folder */
		return;
	char *folder = rrm_malloc(n + 2);
	memcpy(folder, url, n);
	folder[n] = '/';
	folder[n + 1] = '\0';
	r->folders = rrm_realloc(r->folders, (r->n_folders + 1) * sizeof *r->folders);
	r->folders[r->n_folders++] = folder;
}

void rrm_reach_add_file(struct rrm_reach *r, const char *file)
{
	const char *base = rrm_path_base(file);
	const char *dot = strrchr(base, '.');
	size_t n = dot ? (size_t)(dot - base) : strlen(base);
	if ((n == 5 && !strncmp(base, "index", 5)) || (n == 6 && !strncmp(base, "_index", 6))) {
		r->all = true; /* a bundle head: its folder, its cascade */
		return;
	}
	add_name(r, base, strlen(base));
}

void rrm_reach_add_page(struct rrm_reach *r, const struct rrm_site *site, size_t page)
{
	const struct rrm_page *p = &site->pages[page];
	rrm_reach_add_url(r, p->url);
	rrm_reach_add_file(r, p->file);
	for (size_t i = 0; i < site->by_alias.cap; i++) {
		const struct rrm_map_entry *e = &site->by_alias.v[i];
		if (e->key && e->value == (int)page + 1)
			rrm_reach_add_url(r, e->key);
	}
}

bool rrm_reach_may_link(const struct rrm_reach *r, const char *text, size_t len, const char *url)
{
	if (r->all || !url)
		return true;
	for (size_t i = 0; i < r->n_folders; i++)
		if (!strncmp(url, r->folders[i], strlen(r->folders[i])))
			return true;
	return rrm_reach_names_in(r, text, len);
}

bool rrm_reach_names_in(const struct rrm_reach *r, const char *text, size_t len)
{
	if (!r->n_names)
		return false;
	char *low = rrm_malloc(len + 1);
	for (size_t i = 0; i < len; i++)
		low[i] = fold(text[i]);
	bool found = false;
	for (size_t i = 0; i < r->n_names && !found; i++)
		found = memmem(low, len, r->names[i], strlen(r->names[i])) != NULL;
	free(low);
	return found;
}
