#include "lib/dict.h"

#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "lib/config.h"
#include "lib/file.h"
#include "lib/util.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void rrm_dict_init(struct rrm_dict *d)
{
	memset(d, 0, sizeof *d);
	d->header = rrm_strdup("");
	d->tail = rrm_strdup("");
}

void rrm_dict_release(struct rrm_dict *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].text);
		free(d->v[i].key);
		free(d->v[i].comments);
		free(d->v[i].trailing);
	}
	free(d->v);
	free(d->header);
	free(d->tail);
	memset(d, 0, sizeof *d);
}

static struct rrm_dict_entry *append(struct rrm_dict *d, const char *text, size_t len)
{
	d->v = rrm_grow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	struct rrm_dict_entry *e = &d->v[d->n++];
	memset(e, 0, sizeof *e);
	e->text = rrm_strndup(text, len);
	e->key = rrm_utf8_casefold(e->text);
	return e;
}

void rrm_dict_add(struct rrm_dict *d, const char *text, size_t len)
{
	append(d, text, len);
}

void rrm_dict_parse(struct rrm_dict *d, const char *text, size_t len)
{
	rrm_dict_init(d);
	struct rrm_buf header, pending;
	rrm_buf_init(&header);
	rrm_buf_init(&pending);
	size_t i = 0;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		d->bom = true;
		i = 3;
	}
	bool top = true;
	for (int line = 1; i < len; line++) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t eol = nl ? (size_t)(nl - text) : len;
		bool nul;
		bool bad = rrm_utf8_check(text + i, eol - i, &nul) != eol - i;
		if (bad && !d->bad_line) {
			d->bad_line = line;
			d->bad_nul = nul;
		}
		/* the entry: before any '#', without the white space around it */
		const char *hash = memchr(text + i, '#', eol - i);
		size_t s = i, t = hash ? (size_t)(hash - text) : eol;
		while (s < t && is_space(text[s]))
			s++;
		while (t > s && is_space(text[t - 1]))
			t--;
		if (s == t) {
			struct rrm_buf *into = top ? &header : &pending;
			rrm_buf_add(into, text + i, eol - i);
			rrm_buf_addc(into, '\n');
		} else {
			top = false;
			struct rrm_dict_entry *e = append(d, text + s, t - s);
			e->line = line;
			e->column = (int)rrm_utf8_count(text + i, s - i) + 1;
			e->offset = s;
			e->bad_utf8 = bad;
			if (pending.len) {
				e->comments = rrm_buf_detach(&pending);
				rrm_buf_init(&pending);
			}
			if (hash) {
				size_t end = eol;
				while (end > t && is_space(text[end - 1]))
					end--;
				e->trailing = rrm_strndup(text + t, end - t);
			}
		}
		i = eol + 1;
	}
	free(d->header);
	free(d->tail);
	d->header = rrm_buf_detach(&header);
	d->tail = rrm_buf_detach(&pending);
}

int rrm_dict_read(struct rrm_dict *d, const char *path)
{
	char *text;
	size_t len;
	int e = 0;
	if (rrm_read_file(path, RRM_DICT_MAX_FILE, &text, &len, &e) != RRM_READ_OK) {
		rrm_dict_init(d);
		return e ? e : EIO;
	}
	rrm_dict_parse(d, text, len);
	free(text);
	return 0;
}

bool rrm_dict_has(const struct rrm_dict *d, const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].text, text))
			return true;
	return false;
}

int rrm_dict_cmp(const struct rrm_dict_entry *a, const struct rrm_dict_entry *b)
{
	int c = strcmp(a->key, b->key);
	return c ? c : strcmp(a->text, b->text);
}

static int cmp_entry(const void *a, const void *b)
{
	int c = rrm_dict_cmp(a, b);
	if (c)
		return c;
	/* repeats in the order of the file (added entries last): the first keeps its place */
	const struct rrm_dict_entry *x = a, *y = b;
	unsigned lx = (unsigned)x->line - 1, ly = (unsigned)y->line - 1;
	return (lx > ly) - (lx < ly);
}

static char *concat(char *a, const char *b)
{
	char *r = rrm_asprintf("%s%s", a ? a : "", b);
	free(a);
	return r;
}

/* True when `line` (with its newline) is one of the lines of `text` (may be NULL). */
static bool has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, line, n))
			return true;
	return false;
}

void rrm_dict_sort(struct rrm_dict *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, cmp_entry);
	size_t w = 0;
	for (size_t r = 0; r < d->n; r++) {
		struct rrm_dict_entry *e = &d->v[r];
		if (!w || strcmp(d->v[w - 1].text, e->text)) {
			d->v[w++] = *e;
			continue;
		}
		/* a repeat: merged into the one kept, with its comments */
		struct rrm_dict_entry *k = &d->v[w - 1];
		if (e->comments)
			k->comments = concat(k->comments, e->comments);
		if (e->trailing && !k->trailing) {
			k->trailing = e->trailing;
			e->trailing = NULL;
		} else if (e->trailing && strcmp(e->trailing, k->trailing)) {
			const char *c = e->trailing;
			while (is_space(*c))
				c++;
			char *line = rrm_asprintf("%s\n", c);
			if (!has_line(k->comments, line))
				k->comments = concat(k->comments, line);
			free(line);
		}
		free(e->text);
		free(e->key);
		free(e->comments);
		free(e->trailing);
	}
	d->n = w;
}

char *rrm_dict_text(const struct rrm_dict *d)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	if (d->bom)
		rrm_buf_adds(&b, "\xEF\xBB\xBF");
	rrm_buf_adds(&b, d->header);
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].comments)
			rrm_buf_adds(&b, d->v[i].comments);
		rrm_buf_adds(&b, d->v[i].text);
		if (d->v[i].trailing)
			rrm_buf_adds(&b, d->v[i].trailing);
		rrm_buf_addc(&b, '\n');
	}
	rrm_buf_adds(&b, d->tail);
	return rrm_buf_detach(&b);
}

int rrm_dict_write(const struct rrm_dict *d, const char *path)
{
	char *dir = rrm_strdup(path);
	char *slash = strrchr(dir, '/');
	int e = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		e = rrm_make_dirs(dir);
	}
	free(dir);
	if (e)
		return e;
	char *text = rrm_dict_text(d);
	e = rrm_file_replace(path, text, strlen(text));
	free(text);
	return e;
}

_Static_assert(RRM_DICT_MAX_WORD == 100, "the message of rrm_dict_word_problem");

const char *rrm_dict_word_problem(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (is_space((char)c))
			return "a dictionary word cannot hold a space";
		if (c < 0x20 || c == 0x7f)
			return "a dictionary word cannot hold a control character";
	}
	if (n > RRM_DICT_MAX_WORD)
		return "a dictionary word is longer than 100 bytes";
	return NULL;
}

bool rrm_dict_plain_word(const char *w)
{
	size_t n = strlen(w);
	bool nul;
	return n && !rrm_dict_word_problem(w, n) && !strpbrk(w, "#/") &&
	       rrm_utf8_check(w, n, &nul) == n;
}

char *rrm_dict_house_path(const struct rrm_config *c)
{
	const char *first = c->dictionaries.n ? c->dictionaries.v[0] : "dict/house.dic";
	char *pattern = rrm_path_join(c->root, first);
	glob_t g;
	char *path = NULL;
	if (glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc)
		path = rrm_strdup(g.gl_pathv[0]);
	globfree(&g);
	if (!path)
		path = strpbrk(first, "*?[") ? rrm_path_join(c->root, "dict/house.dic")
					     : rrm_strdup(pattern);
	free(pattern);
	return path;
}

int rrm_dict_add_words(const char *path, char *const *words, size_t n,
		       bool (*confirm)(void *ctx, const struct rrm_dict *d, size_t first_new),
		       void *ctx, struct rrm_dict_add_result *r)
{
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < n; i++)
		if (!rrm_dict_plain_word(words[i])) {
			r->bad = i;
			return RRM_DICT_ADD_BAD_WORD;
		}
	struct rrm_dict d;
	int e = rrm_dict_read(&d, path);
	if (e && e != ENOENT) {
		rrm_dict_release(&d);
		r->error = e;
		return RRM_DICT_ADD_UNREADABLE;
	}
	size_t before = d.n;
	for (size_t i = 0; i < n; i++)
		if (!rrm_dict_has(&d, words[i]))
			rrm_dict_add(&d, words[i], strlen(words[i]));
	r->added = d.n - before;
	if (confirm && !confirm(ctx, &d, before)) {
		rrm_dict_release(&d);
		return RRM_DICT_ADD_DECLINED;
	}
	/* sorted: case-folded, then byte order; exact repeats dropped */
	rrm_dict_sort(&d);
	e = rrm_dict_write(&d, path);
	rrm_dict_release(&d);
	if (e) {
		r->error = e;
		return RRM_DICT_ADD_UNWRITABLE;
	}
	return RRM_DICT_ADDED;
}
