#include "lib/anchor.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lib/map.h"
#include "lib/util.h"

static void add_cp(struct rrm_buf *b, int32_t cp)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, u);
	rrm_buf_add(b, (const char *)u, (size_t)n);
}

static utf8proc_category_t cat(int32_t cp)
{
	return utf8proc_category(cp);
}

static bool is_L(int32_t cp)
{
	utf8proc_category_t c = cat(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static bool is_M(int32_t cp)
{
	utf8proc_category_t c = cat(cp);
	return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}

/* Calls fn for each code point of s. */
#define EACH_CP(s, cp)                                                                             \
	for (size_t i_ = 0, n_ = strlen(s), w_ = 0; i_ < n_; i_ += w_)                             \
		for (int32_t cp = 0, once_ = ((w_ = rrm_utf8_decode((s) + i_, n_ - i_, &cp)), 1);  \
		     once_; once_ = 0)

/* Hugo, autoIDType github (ascii: github-ascii). */
static char *hugo_github(const char *text, bool ascii)
{
	char *norm = NULL;
	if (ascii) {
		utf8proc_uint8_t *d = NULL;
		utf8proc_map((const utf8proc_uint8_t *)text, 0, &d,
			     UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
		norm = d ? (char *)d : NULL;
	}
	const char *s = norm ? norm : text;
	/* trim */
	size_t n = strlen(s), b = 0, e = n;
	while (b < e && isspace((unsigned char)s[b]))
		b++;
	while (e > b && isspace((unsigned char)s[e - 1]))
		e--;
	char *t = rrm_strndup(s + b, e - b);
	free(norm);
	struct rrm_buf out;
	rrm_buf_init(&out);
	EACH_CP(t, cp)
	{
		if (cp < 0)
			continue;
		if (cp == ' ' || cp == '-')
			rrm_buf_addc(&out, '-');
		else if (cp == '_' || is_L(cp) || cat(cp) == UTF8PROC_CATEGORY_ND) {
			if (!ascii || cp < 0x80)
				add_cp(&out, utf8proc_tolower(cp));
		}
	}
	free(t);
	return rrm_buf_detach(&out);
}

/* Hugo, autoIDType blackfriday. */
static char *hugo_blackfriday(const char *text)
{
	struct rrm_buf out;
	rrm_buf_init(&out);
	bool sep = false;
	EACH_CP(text, cp)
	{
		utf8proc_category_t c = cp < 0 ? UTF8PROC_CATEGORY_CN : cat(cp);
		bool word = is_L(cp) || (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
		if (!word) {
			sep = true;
			continue;
		}
		if (sep && out.len)
			rrm_buf_addc(&out, '-');
		sep = false;
		add_cp(&out, utf8proc_tolower(cp));
	}
	return rrm_buf_detach(&out);
}

/* Jekyll: kramdown-parser-gfm's generate_gfm_header_id. */
static char *jekyll_gfm(const char *text)
{
	struct rrm_buf out;
	rrm_buf_init(&out);
	EACH_CP(text, cp)
	{
		if (cp < 0)
			continue;
		utf8proc_category_t c = cat(cp);
		if (cp == ' ' || cp == '\t')
			rrm_buf_addc(&out, '-');
		else if (cp == '-' || is_L(cp) || is_M(cp) || c == UTF8PROC_CATEGORY_ND ||
			 c == UTF8PROC_CATEGORY_PC)
			add_cp(&out, utf8proc_tolower(cp));
	}
	return rrm_buf_detach(&out);
}

/* kramdown (input: kramdown): basic_generate_id on the raw source. */
static char *kramdown(const char *raw)
{
	const char *s = raw;
	while (*s && !isalpha((unsigned char)*s))
		s++;
	struct rrm_buf out;
	rrm_buf_init(&out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80 && (isalnum(c) || c == '-'))
			rrm_buf_addc(&out, (char)tolower(c));
		else if (c == ' ')
			rrm_buf_addc(&out, '-');
	}
	return rrm_buf_detach(&out);
}

/* GitHub: github-slugger 2.0.0. */
static char *github(const char *text)
{
	struct rrm_buf out;
	rrm_buf_init(&out);
	EACH_CP(text, cp)
	{
		if (cp < 0)
			continue;
		utf8proc_category_t c = cat(cp);
		if (cp == ' ')
			rrm_buf_addc(&out, '-');
		else if (cp == '-' || is_L(cp) || is_M(cp) || c == UTF8PROC_CATEGORY_ND ||
			 c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_PC)
			add_cp(&out, utf8proc_tolower(cp));
	}
	return rrm_buf_detach(&out);
}

/* Id characters in Hugo's {#id}: not blank, not ASCII punctuation but _ - : . */
static bool hugo_id_char(char c)
{
	if (isspace((unsigned char)c))
		return false;
	if (ispunct((unsigned char)c))
		return c == '_' || c == '-' || c == ':' || c == '.';
	return true;
}

/*
 * A trailing attribute block "{...}" of heading text: returns its start (the
 * text is cut there by the caller) or NULL. *id is the explicit id or NULL.
 */
static const char *hugo_attributes(const char *text, char **id)
{
	*id = NULL;
	size_t n = strlen(text);
	while (n && isspace((unsigned char)text[n - 1]))
		n--;
	if (!n || text[n - 1] != '}')
		return NULL;
	const char *open = NULL;
	for (size_t i = n - 1; i-- > 0;)
		if (text[i] == '{') {
			open = text + i;
			break;
		} else if (text[i] == '}') {
			return NULL;
		}
	if (!open)
		return NULL;
	const char *p = open + 1, *end = text + n - 1;
	bool any = false;
	while (p < end) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end)
			break;
		if (*p == '#' || *p == '.') {
			char kind = *p++;
			const char *s = p;
			while (p < end && hugo_id_char(*p))
				p++;
			if (p == s)
				return NULL;
			if (kind == '#') {
				free(*id);
				*id = rrm_strndup(s, (size_t)(p - s));
			}
			any = true;
		} else if (isalpha((unsigned char)*p)) {
			const char *k = p;
			while (p < end && (isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
				p++;
			size_t kl = (size_t)(p - k);
			if (p >= end || *p != '=')
				goto bad;
			p++;
			const char *v = p, *ve;
			if (p < end && (*p == '"' || *p == '\'')) {
				char q = *p++;
				v = p;
				while (p < end && *p != q)
					p++;
				ve = p;
				if (p < end)
					p++;
			} else {
				while (p < end && !isspace((unsigned char)*p))
					p++;
				ve = p;
			}
			if (kl == 2 && !strncmp(k, "id", 2)) {
				free(*id);
				*id = rrm_strndup(v, (size_t)(ve - v));
			}
			any = true;
		} else {
			goto bad;
		}
	}
	if (!any)
		goto bad;
	return open;
bad:
	free(*id);
	*id = NULL;
	return NULL;
}

static bool xml_name(const char *s, size_t n)
{
	if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '_' || s[0] == ':'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || strchr("_:.-", s[i])))
			return false;
	return true;
}

/* kramdown's " {#id}" at the end: a blank before it and nothing else inside. */
static const char *kramdown_attributes(const char *text, char **id)
{
	*id = NULL;
	size_t n = strlen(text);
	while (n && isspace((unsigned char)text[n - 1]))
		n--;
	if (n < 4 || text[n - 1] != '}')
		return NULL;
	const char *open = memchr(text, '{', n);
	const char *last = NULL;
	for (const char *p = open; p && p < text + n;
	     p = memchr(p + 1, '{', (size_t)(text + n - p - 1)))
		last = p;
	open = last;
	if (!open || open == text || !isspace((unsigned char)open[-1]) || open[1] != '#')
		return NULL;
	const char *s = open + 2;
	size_t len = (size_t)(text + n - 1 - s);
	if (!xml_name(s, len))
		return NULL;
	*id = rrm_strndup(s, len);
	return open;
}

static char *cut(const char *text, const char *at)
{
	size_t n = at ? (size_t)(at - text) : strlen(text);
	while (n && isspace((unsigned char)text[n - 1]))
		n--;
	return rrm_strndup(text, n);
}

static bool taken(const struct rrm_map *m, const char *s)
{
	return rrm_map_get(m, s, strlen(s)) != NULL;
}

static void mark(struct rrm_map *m, const char *s)
{
	rrm_map_put(m, s, strlen(s));
}

/*
 * `base`, else the first of base-1, base-2, ... not `seen` (goldmark's and
 * GitHub's rule). Ids are never freed, so the search for a base resumes where
 * its last one stopped (`counter`): linear, not quadratic, for repeated headings.
 */
static char *first_free(const struct rrm_map *seen, struct rrm_map *counter, const char *base)
{
	char *id = rrm_strdup(base);
	if (!taken(seen, id))
		return id;
	struct rrm_map_entry *e = rrm_map_put(counter, base, strlen(base));
	do {
		free(id);
		id = rrm_asprintf("%s-%d", base, ++e->value);
	} while (taken(seen, id));
	return id;
}

/* The word a shortcode's output becomes while a pattern is made: it survives every Hugo algorithm.
 */
#define PLACEHOLDER "zrrmshortcodez"

/* Heading text with each "{{" ... "}}" (a shortcode as cmark left it) replaced by PLACEHOLDER. */
static char *mark_shortcodes(const char *text)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (const char *p = text; *p;) {
		const char *e = p[0] == '{' && p[1] == '{' ? strstr(p + 2, "}}") : NULL;
		if (e) {
			rrm_buf_adds(&b, PLACEHOLDER);
			p = e + 2;
		} else {
			rrm_buf_addc(&b, *p++);
		}
	}
	return rrm_buf_detach(&b);
}

/* An id made from marked text: the pattern, '*' where the placeholder is. */
static char *to_pattern(const char *id)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addc(&b, RRM_ID_PATTERN);
	size_t pl = strlen(PLACEHOLDER);
	for (const char *p = id; *p;) {
		if (!strncmp(p, PLACEHOLDER, pl)) {
			rrm_buf_addc(&b, '*');
			p += pl;
		} else {
			rrm_buf_addc(&b, *p++);
		}
	}
	return rrm_buf_detach(&b);
}

static bool star_match(const char *p, const char *s)
{
	for (; *p && *p != '*'; p++, s++)
		if (*p != *s)
			return false;
	if (!*p)
		return !*s;
	while (*p == '*')
		p++;
	if (!*p)
		return true;
	for (; *s; s++)
		if (star_match(p, s))
			return true;
	return false;
}

bool rrm_anchor_match(const char *pattern, const char *fragment)
{
	return rrm_anchor_is_pattern(pattern) && star_match(pattern + 1, fragment);
}

void rrm_anchor_page(enum rrm_anchors alg, bool term_ids, const struct rrm_heading *h, size_t n,
		     char **ids, bool *dup)
{
	bool hugo = alg == RRM_ANCHORS_HUGO || alg == RRM_ANCHORS_HUGO_ASCII ||
		    alg == RRM_ANCHORS_HUGO_BLACKFRIDAY;
	struct rrm_map seen = {0};    /* every id given so far (for dup[] and Hugo/GitHub) */
	struct rrm_map counter = {0}; /* Jekyll/kramdown/GitHub: per base, the last N */
	for (size_t i = 0; i < n; i++) {
		char *explicit_id = NULL, *base = NULL, *id = NULL;
		const char *at;
		if (h[i].term && !(term_ids && hugo)) {
			ids[i] = NULL;
			dup[i] = false;
			continue;
		}
		switch (alg) {
		case RRM_ANCHORS_HUGO:
		case RRM_ANCHORS_HUGO_ASCII:
		case RRM_ANCHORS_HUGO_BLACKFRIDAY: {
			at = hugo_attributes(h[i].text_hugo, &explicit_id);
			char *t = cut(h[i].text_hugo, at);
			if (h[i].shortcode && !explicit_id) {
				char *m = mark_shortcodes(t);
				free(t);
				t = m;
			}
			base = alg == RRM_ANCHORS_HUGO_BLACKFRIDAY
				       ? hugo_blackfriday(t)
				       : hugo_github(t, alg == RRM_ANCHORS_HUGO_ASCII);
			free(t);
			if (explicit_id) {
				id = explicit_id;
				explicit_id = NULL;
				break;
			}
			if (strstr(base, PLACEHOLDER)) {
				/* the shortcode's output is part of the id: a pattern, not a taken
				 * id */
				ids[i] = to_pattern(base);
				dup[i] = false;
				free(base);
				continue;
			}
			if (!*base) {
				free(base);
				base = rrm_strdup(h[i].term ? "term" : "heading");
			}
			id = first_free(&seen, &counter, base);
			break;
		}
		case RRM_ANCHORS_JEKYLL:
		case RRM_ANCHORS_KRAMDOWN: {
			bool j = alg == RRM_ANCHORS_JEKYLL;
			const char *text = j ? h[i].text_typo : h[i].raw;
			if (h[i].ial_id) { /* "{: #id}" on the next line: kramdown's own id */
				id = rrm_strdup(h[i].ial_id);
				break;
			}
			at = kramdown_attributes(text, &explicit_id);
			if (explicit_id) {
				id = explicit_id;
				explicit_id = NULL;
				break;
			}
			char *t = cut(text, NULL);
			base = j ? jekyll_gfm(t) : kramdown(t);
			free(t);
			if (!j && !*base) {
				free(base);
				base = rrm_strdup("section");
			}
			struct rrm_map_entry *e = rrm_map_put(&counter, base, strlen(base));
			id = e->value ? rrm_asprintf("%s-%d", base, e->value) : rrm_strdup(base);
			e->value++;
			if (!*id) { /* Jekyll: an empty id is no id */
				free(id);
				id = NULL;
			}
			break;
		}
		case RRM_ANCHORS_GITHUB: {
			base = github(h[i].text_gfm);
			id = first_free(&seen, &counter, base);
			break;
		}
		}
		dup[i] = id && taken(&seen, id);
		if (id)
			mark(&seen, id);
		ids[i] = id;
		free(base);
		free(explicit_id);
	}
	rrm_map_release(&seen);
	rrm_map_release(&counter);
}

void rrm_anchor_kramdown_options(enum rrm_anchors alg, const struct rrm_heading *h, size_t n,
				 char **ids, bool auto_ids, const char *prefix)
{
	if (alg != RRM_ANCHORS_JEKYLL && alg != RRM_ANCHORS_KRAMDOWN)
		return;
	for (size_t i = 0; i < n; i++) {
		char *explicit_id = NULL;
		kramdown_attributes(alg == RRM_ANCHORS_JEKYLL ? h[i].text_typo : h[i].raw,
				    &explicit_id);
		bool own = explicit_id != NULL;
		free(explicit_id);
		if (own || !ids[i])
			continue;
		if (!auto_ids) {
			free(ids[i]);
			ids[i] = NULL;
		} else if (prefix && *prefix) {
			char *p = rrm_asprintf("%s%s", prefix, ids[i]);
			free(ids[i]);
			ids[i] = p;
		}
	}
}
