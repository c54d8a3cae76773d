#include "lint/cache.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/file.h"
#include "lib/util.h"

/*
 * The file: "RRMC", the format version (u32), the key (u64); the entries
 * (u64 count, then each as u32 length + bytes); the verdicts (u64 count,
 * then word + u8); the suggestions (u64 count, then word + u8 kind +
 * optional text); a hash of everything before it (u64). Numbers are in the
 * machine's byte order (the magic's order shows it). Strings are a u32
 * length and the bytes; an optional string has length 0xFFFFFFFF for none.
 */
#define MAGIC "RRMC"
#define FORMAT 6u
#define NO_STRING 0xFFFFFFFFu
#define MAX_CACHE_FILE (1024u * 1024 * 1024)
#define FILE_NAME "lint.cache"

struct entry {
	const unsigned char *p; /* the entry's bytes in the loaded file */
	size_t len;
};

struct rrm_cache {
	char *data; /* the whole file */
	size_t len;
	struct entry *entries;
	size_t n_entries;
	struct rrm_map by_file; /* file -> entry + 1 */
	struct rrm_map verdicts;
	struct rrm_map suggestions;
};

uint64_t rrm_cache_content_hash(const char *p, size_t n, bool bom)
{
	return rrm_hash64(bom ? 0xB0B0B0B0ULL : 0x5EED5EEDULL, p, n);
}

void rrm_file_sig_of(const struct stat *st, struct rrm_file_sig *sig)
{
	memset(sig, 0, sizeof *sig);
	sig->dev = (int64_t)st->st_dev;
	sig->ino = (int64_t)st->st_ino;
	sig->size = (int64_t)st->st_size;
	sig->mtime_s = (int64_t)st->st_mtim.tv_sec;
	sig->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
	sig->ctime_s = (int64_t)st->st_ctim.tv_sec;
	sig->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
}

bool rrm_file_sig_racy(const struct rrm_file_sig *sig, double run_start)
{
	double m = (double)sig->mtime_s + (double)sig->mtime_ns / 1e9;
	double c = (double)sig->ctime_s + (double)sig->ctime_ns / 1e9;
	return m >= run_start - 2 || c >= run_start - 2;
}

/* Writing. */

static void put(struct rrm_buf *b, const void *p, size_t n)
{
	rrm_buf_add(b, p, n);
}

static void put_u8(struct rrm_buf *b, unsigned v)
{
	unsigned char c = (unsigned char)v;
	put(b, &c, 1);
}

static void put_u32(struct rrm_buf *b, uint32_t v)
{
	put(b, &v, sizeof v);
}

static void put_u64(struct rrm_buf *b, uint64_t v)
{
	put(b, &v, sizeof v);
}

static void put_i64(struct rrm_buf *b, int64_t v)
{
	put(b, &v, sizeof v);
}

static void put_str(struct rrm_buf *b, const char *s)
{
	if (!s) {
		put_u32(b, NO_STRING);
		return;
	}
	size_t n = strlen(s);
	put_u32(b, (uint32_t)n);
	put(b, s, n);
}

static void put_pos(struct rrm_buf *b, int line, int column)
{
	put_u32(b, (uint32_t)line);
	put_u32(b, (uint32_t)column);
}

/* Reading, bounds checked: a short or malformed entry sets `bad` and reads zeros. */

struct reader {
	const unsigned char *p, *end;
	bool bad;
};

static bool take(struct reader *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		memset(out, 0, n);
		return false;
	}
	memcpy(out, r->p, n);
	r->p += n;
	return true;
}

static unsigned get_u8(struct reader *r)
{
	unsigned char c;
	take(r, &c, 1);
	return c;
}

static uint32_t get_u32(struct reader *r)
{
	uint32_t v;
	take(r, &v, sizeof v);
	return v;
}

static uint64_t get_u64(struct reader *r)
{
	uint64_t v;
	take(r, &v, sizeof v);
	return v;
}

static int64_t get_i64(struct reader *r)
{
	int64_t v;
	take(r, &v, sizeof v);
	return v;
}

static int get_int(struct reader *r)
{
	uint32_t v = get_u32(r);
	if (v > 0x7FFFFFFFu)
		r->bad = true;
	return r->bad ? 0 : (int)v;
}

/* A string (NULL for none); `optional` allows none. */
static char *get_str(struct reader *r, bool optional)
{
	uint32_t n = get_u32(r);
	if (r->bad)
		return NULL;
	if (n == NO_STRING) {
		if (!optional)
			r->bad = true;
		return NULL;
	}
	if ((size_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	char *s = rrm_strndup((const char *)r->p, n);
	r->p += n;
	return s;
}

/* A count of items of at least `min` bytes each, checked against what is left. */
static size_t get_count(struct reader *r, size_t min)
{
	uint32_t n = get_u32(r);
	if (r->bad || (uint64_t)n * min > (uint64_t)(r->end - r->p)) {
		r->bad = true;
		return 0;
	}
	return n;
}

/* The signature and hash heading an entry. */
static void put_sig(struct rrm_buf *b, const struct rrm_file_sig *sig)
{
	struct rrm_file_sig zero = {0};
	if (!sig)
		sig = &zero;
	put_i64(b, sig->dev);
	put_i64(b, sig->ino);
	put_i64(b, sig->size);
	put_i64(b, sig->mtime_s);
	put_i64(b, sig->mtime_ns);
	put_i64(b, sig->ctime_s);
	put_i64(b, sig->ctime_ns);
}

static void get_sig(struct reader *r, struct rrm_file_sig *sig)
{
	sig->dev = get_i64(r);
	sig->ino = get_i64(r);
	sig->size = get_i64(r);
	sig->mtime_s = get_i64(r);
	sig->mtime_ns = get_i64(r);
	sig->ctime_s = get_i64(r);
	sig->ctime_ns = get_i64(r);
}

/* Entry flags. */
enum {
	HAS_SIG = 1,
	HAS_FINDINGS = 2,
	HAS_LINKS = 4,
	HAS_URL = 8,
	OPEN_IDS = 16,
	DRAFT = 32,
	REDIRECT = 64
};
/* Hugo's build options of the page (the byte after the flags). */
enum { NO_RENDER = 1, RENDER_SET = 2, HEADLESS = 4, CASCADE_NO_RENDER = 8 };

void rrm_cache_record(const struct rrm_file_sig *sig, uint64_t hash, bool findings,
		      struct rrm_file_result *r)
{
	struct rrm_buf *b = &r->record;
	b->len = 0;
	put_str(b, r->file);
	put_sig(b, sig);
	put_u64(b, hash);
	unsigned flags = (sig ? HAS_SIG : 0) | (findings ? HAS_FINDINGS : 0) |
			 (r->has_linted ? HAS_LINKS : 0) | (r->has_url ? HAS_URL : 0) |
			 (r->open_ids ? OPEN_IDS : 0) | (r->meta.draft ? DRAFT : 0) |
			 (r->meta.redirect ? REDIRECT : 0);
	put_u8(b, flags);
	put_u8(b, (r->meta.no_render ? NO_RENDER : 0) | (r->meta.render_set ? RENDER_SET : 0) |
			  (r->meta.headless ? HEADLESS : 0) |
			  (r->meta.cascade_no_render ? CASCADE_NO_RENDER : 0));
	if (r->has_url) {
		put_str(b, r->url.url);
		put_pos(b, r->url.line, r->url.column);
		put_pos(b, r->url.end_line, r->url.end_column);
		put_u64(b, r->url.offset);
		put_u8(b, r->url.from_key);
		put_u32(b, (uint32_t)r->url.n_aliases);
		for (size_t i = 0; i < r->url.n_aliases; i++) {
			const struct rrm_url_alias *a = &r->url.aliases[i];
			put_str(b, a->url);
			put_pos(b, a->line, a->column);
			put_pos(b, a->end_line, a->end_column);
			put_u64(b, a->offset);
		}
	}
	put_u32(b, (uint32_t)r->meta.n_aliases);
	for (size_t i = 0; i < r->meta.n_aliases; i++) {
		put_str(b, r->meta.aliases[i]);
		put_u8(b, r->meta.alias_root && r->meta.alias_root[i]);
	}
	put_u32(b, (uint32_t)r->meta.n_served);
	for (size_t i = 0; i < r->meta.n_served; i++)
		put_str(b, r->meta.served[i]);
	put_str(b, r->meta.redirect_to ? r->meta.redirect_to : "");
	put_u32(b, (uint32_t)r->n_anchors);
	for (size_t i = 0; i < r->n_anchors; i++)
		put_str(b, r->anchors[i]);
	if (findings) {
		put_u32(b, (uint32_t)r->sink.n);
		for (size_t i = 0; i < r->sink.n; i++) {
			const struct rrm_finding *f = &r->sink.items[i];
			put_u32(b, (uint32_t)f->rule);
			put_u32(b, (uint32_t)f->severity);
			put_pos(b, f->line, f->column);
			put_pos(b, f->end_line, f->end_column);
			put_u64(b, f->offset);
			put_str(b, f->message);
			put_str(b, f->subject);
			put_u32(b, (uint32_t)f->n_suggestions);
			for (size_t k = 0; k < f->n_suggestions; k++)
				put_str(b, f->suggestions[k]);
			put_str(b, f->fix);
			put_u64(b, f->fix_offset);
			put_u64(b, f->fix_len);
		}
	}
	if (r->has_linted) {
		const struct rrm_linted *l = &r->linted;
		put_u32(b, (uint32_t)l->n_links);
		for (size_t i = 0; i < l->n_links; i++) {
			const struct rrm_link *k = &l->links[i];
			put_u32(b, (uint32_t)k->kind);
			put_str(b, k->dest);
			put_pos(b, k->line, k->column);
			put_u64(b, k->offset);
			put_u64(b, k->len);
			put_u8(b, k->from_html);
		}
		put_u32(b, (uint32_t)l->n_directives);
		for (size_t i = 0; i < l->n_directives; i++) {
			const struct rrm_directive *d = &l->directives[i];
			put_u32(b, (uint32_t)d->kind);
			put_u32(b, (uint32_t)d->line);
			put_str(b, d->rules);
		}
	}
}

/* Frees what a failed decoding left in `r`. */
static void drop(struct rrm_file_result *r)
{
	free(r->file);
	rrm_url_entry_release(&r->url);
	rrm_page_meta_release(&r->meta);
	for (size_t i = 0; i < r->n_anchors; i++)
		free(r->anchors[i]);
	free(r->anchors);
	rrm_sink_release(&r->sink);
	if (r->has_linted)
		rrm_linted_release(&r->linted);
	r->file = NULL;
	memset(&r->url, 0, sizeof r->url);
	memset(&r->meta, 0, sizeof r->meta);
	r->anchors = NULL;
	r->n_anchors = 0;
	r->has_url = r->has_linted = r->open_ids = false;
	memset(&r->linted, 0, sizeof r->linted);
	enum rrm_severity sev[RRM_RULE_COUNT];
	memcpy(sev, r->sink.severity, sizeof sev);
	rrm_sink_init(&r->sink);
	memcpy(r->sink.severity, sev, sizeof sev);
}

static bool decode(struct reader *rd, unsigned flags, unsigned need, const char *display,
		   struct rrm_file_result *r)
{
	r->has_url = (flags & HAS_URL) != 0;
	r->open_ids = (flags & OPEN_IDS) != 0;
	r->meta.draft = (flags & DRAFT) != 0;
	unsigned build = get_u8(rd);
	r->meta.no_render = (build & NO_RENDER) != 0;
	r->meta.render_set = (build & RENDER_SET) != 0;
	r->meta.headless = (build & HEADLESS) != 0;
	r->meta.cascade_no_render = (build & CASCADE_NO_RENDER) != 0;
	if (r->has_url) {
		r->url.url = get_str(rd, false);
		r->url.line = get_int(rd);
		r->url.column = get_int(rd);
		r->url.end_line = get_int(rd);
		r->url.end_column = get_int(rd);
		r->url.offset = (size_t)get_u64(rd);
		r->url.display = rrm_strdup(display);
		r->url.from_key = get_u8(rd) != 0;
		size_t na = get_count(rd, 28);
		r->url.aliases = rrm_calloc(na + 1, sizeof *r->url.aliases);
		for (size_t i = 0; i < na && !rd->bad; i++) {
			struct rrm_url_alias *a = &r->url.aliases[r->url.n_aliases++];
			a->url = get_str(rd, false);
			a->line = get_int(rd);
			a->column = get_int(rd);
			a->end_line = get_int(rd);
			a->end_column = get_int(rd);
			a->offset = (size_t)get_u64(rd);
		}
	}
	r->meta.redirect = (flags & REDIRECT) != 0;
	size_t n = get_count(rd, 5);
	r->meta.aliases = rrm_calloc(n + 1, sizeof *r->meta.aliases);
	r->meta.alias_root = rrm_calloc(n + 1, sizeof *r->meta.alias_root);
	for (size_t i = 0; i < n && !rd->bad; i++) {
		r->meta.aliases[r->meta.n_aliases] = get_str(rd, false);
		r->meta.alias_root[r->meta.n_aliases++] = get_u8(rd) != 0;
	}
	n = get_count(rd, 4);
	r->meta.served = rrm_calloc(n + 1, sizeof *r->meta.served);
	for (size_t i = 0; i < n && !rd->bad; i++)
		r->meta.served[r->meta.n_served++] = get_str(rd, false);
	r->meta.redirect_to = get_str(rd, false);
	if (r->meta.redirect_to && !r->meta.redirect_to[0]) {
		free(r->meta.redirect_to);
		r->meta.redirect_to = NULL;
	}
	n = get_count(rd, 4);
	r->anchors = rrm_calloc(n + 1, sizeof *r->anchors);
	for (size_t i = 0; i < n && !rd->bad; i++)
		r->anchors[r->n_anchors++] = get_str(rd, false);
	if (flags & HAS_FINDINGS) {
		n = get_count(rd, 64);
		for (size_t i = 0; i < n && !rd->bad; i++) {
			uint32_t rule = get_u32(rd), sev = get_u32(rd);
			int line = get_int(rd), column = get_int(rd);
			int end_line = get_int(rd), end_column = get_int(rd);
			size_t offset = (size_t)get_u64(rd);
			char *message = get_str(rd, false), *subject = get_str(rd, true);
			if (rule >= RRM_RULE_COUNT || sev > RRM_SEV_ERROR)
				rd->bad = true;
			if (rd->bad || !(need & RRM_CACHE_FINDINGS)) {
				free(message);
				free(subject);
				size_t k = get_count(rd, 4);
				for (size_t j = 0; j < k && !rd->bad; j++)
					free(get_str(rd, false));
				free(get_str(rd, true));
				get_u64(rd);
				get_u64(rd);
				continue;
			}
			struct rrm_finding *f =
				rrm_sink_add(&r->sink, (enum rrm_rule_id)rule, display, line,
					     column, end_line, end_column, offset, "%s", message);
			size_t k = get_count(rd, 4);
			for (size_t j = 0; j < k && !rd->bad; j++) {
				char *s = get_str(rd, false);
				if (f && s)
					rrm_finding_suggest(f, s);
				free(s);
			}
			char *fix = get_str(rd, true);
			size_t fix_offset = (size_t)get_u64(rd), fix_len = (size_t)get_u64(rd);
			if (f) {
				f->severity = (enum rrm_severity)sev;
				f->subject = subject;
				subject = NULL;
				f->fix = fix;
				f->fix_offset = fix_offset;
				f->fix_len = fix_len;
				fix = NULL;
			}
			free(fix);
			free(message);
			free(subject);
		}
	}
	if (flags & HAS_LINKS) { /* read to the end (the entry is checked whole), kept if needed */
		struct rrm_linted *l = &r->linted;
		r->has_linted = true;
		n = get_count(rd, 33);
		l->links = rrm_calloc(n + 1, sizeof *l->links);
		for (size_t i = 0; i < n && !rd->bad; i++) {
			struct rrm_link *k = &l->links[l->n_links++];
			k->kind = (enum rrm_link_kind)get_u32(rd);
			k->dest = get_str(rd, false);
			k->line = get_int(rd);
			k->column = get_int(rd);
			k->offset = (size_t)get_u64(rd);
			k->len = (size_t)get_u64(rd);
			k->from_html = get_u8(rd) != 0;
		}
		n = get_count(rd, 12);
		l->directives = rrm_calloc(n + 1, sizeof *l->directives);
		for (size_t i = 0; i < n && !rd->bad; i++) {
			struct rrm_directive *d = &l->directives[l->n_directives++];
			d->kind = (enum rrm_directive_kind)get_u32(rd);
			d->line = get_int(rd);
			d->rules = get_str(rd, true);
		}
		l->display = rrm_strdup(display);
		l->file = rrm_strdup(r->file);
		l->page = -1;
		l->draft = r->meta.draft;
		if (!(need & RRM_CACHE_LINKS)) {
			rrm_linted_release(l);
			memset(l, 0, sizeof *l);
			r->has_linted = false;
		}
	}
	return !rd->bad;
}

bool rrm_cache_get(const struct rrm_cache *c, const char *file, const struct rrm_file_sig *sig,
		   uint64_t hash, unsigned need, const char *display, struct rrm_file_result *r)
{
	if (!c)
		return false;
	const struct rrm_map_entry *m = rrm_map_get(&c->by_file, file, strlen(file));
	if (!m)
		return false;
	const struct entry *e = &c->entries[m->value - 1];
	struct reader rd = {e->p, e->p + e->len, false};
	free(get_str(&rd, false));
	struct rrm_file_sig old;
	get_sig(&rd, &old);
	uint64_t old_hash = get_u64(&rd);
	unsigned flags = get_u8(&rd);
	if (rd.bad)
		return false;
	if (sig ? !(flags & HAS_SIG) || memcmp(sig, &old, sizeof old) : old_hash != hash)
		return false;
	if (((need & RRM_CACHE_FINDINGS) && !(flags & HAS_FINDINGS)) ||
	    ((need & RRM_CACHE_LINKS) && !(flags & HAS_LINKS)))
		return false;
	r->file = rrm_strdup(file);
	if (!decode(&rd, flags, need, display, r) || rd.p != rd.end) {
		drop(r);
		return false;
	}
	r->cached = true;
	r->record.len = 0;
	rrm_buf_add(&r->record, (const char *)e->p, e->len);
	return true;
}

/* Loading. */

static bool load(struct rrm_cache *c, uint64_t key)
{
	if (c->len < 28 || memcmp(c->data, MAGIC, 4))
		return false;
	uint64_t sum;
	memcpy(&sum, c->data + c->len - 8, 8);
	if (rrm_hash64(0, c->data, c->len - 8) != sum)
		return false;
	struct reader rd = {(const unsigned char *)c->data + 4,
			    (const unsigned char *)c->data + c->len - 8, false};
	if (get_u32(&rd) != FORMAT || get_u64(&rd) != key)
		return false;
	uint64_t n = get_u64(&rd);
	if (rd.bad || n > (uint64_t)(rd.end - rd.p) / 4)
		return false;
	c->entries = rrm_calloc((size_t)n + 1, sizeof *c->entries);
	for (uint64_t i = 0; i < n && !rd.bad; i++) {
		uint32_t len = get_u32(&rd);
		if (rd.bad || len > (size_t)(rd.end - rd.p))
			return false;
		struct entry *e = &c->entries[c->n_entries++];
		e->p = rd.p;
		e->len = len;
		rd.p += len;
		struct reader er = {e->p, e->p + len, false};
		char *file = get_str(&er, false);
		if (er.bad)
			return false;
		rrm_map_put(&c->by_file, file, strlen(file))->value = (int)c->n_entries;
		free(file);
	}
	n = get_u64(&rd);
	if (rd.bad || n > (uint64_t)(rd.end - rd.p) / 5)
		return false;
	for (uint64_t i = 0; i < n && !rd.bad; i++) {
		char *w = get_str(&rd, false);
		unsigned v = get_u8(&rd);
		if (w && (v == 1 || v == 2))
			rrm_map_put(&c->verdicts, w, strlen(w))->value = (int)v;
		free(w);
	}
	n = get_u64(&rd);
	if (rd.bad || n > (uint64_t)(rd.end - rd.p) / 9)
		return false;
	for (uint64_t i = 0; i < n && !rd.bad; i++) {
		char *w = get_str(&rd, false);
		unsigned v = get_u8(&rd);
		char *text = get_str(&rd, true);
		if (w && v >= 1 && v <= 3) {
			struct rrm_map_entry *e = rrm_map_put(&c->suggestions, w, strlen(w));
			e->value = (int)v;
			free(e->text);
			e->text = text;
			text = NULL;
		}
		free(w);
		free(text);
	}
	return !rd.bad && rd.p == rd.end;
}

static void clear(struct rrm_cache *c)
{
	free(c->entries);
	c->entries = NULL;
	c->n_entries = 0;
	rrm_map_release(&c->by_file); /* each left empty */
	rrm_map_release(&c->verdicts);
	rrm_map_release(&c->suggestions);
}

struct rrm_cache *rrm_cache_open(const char *dir, uint64_t key)
{
	struct rrm_cache *c = rrm_calloc(1, sizeof *c);
	char *path = rrm_path_join(dir, FILE_NAME);
	int err;
	if (rrm_read_file(path, MAX_CACHE_FILE, &c->data, &c->len, &err) == RRM_READ_OK &&
	    !load(c, key))
		clear(c);
	free(path);
	return c;
}

void rrm_cache_free(struct rrm_cache *c)
{
	if (!c)
		return;
	clear(c);
	free(c->data);
	free(c);
}

size_t rrm_cache_size(const struct rrm_cache *c)
{
	return c ? c->n_entries : 0;
}

const struct rrm_map *rrm_cache_verdicts(const struct rrm_cache *c)
{
	return c ? &c->verdicts : NULL;
}

const struct rrm_map *rrm_cache_suggestions(const struct rrm_cache *c)
{
	return c ? &c->suggestions : NULL;
}

/* Saving. */

static void put_words(struct rrm_buf *b, size_t at, const struct rrm_map *m, struct rrm_map *seen,
		      bool texts, uint64_t *count)
{
	for (size_t i = 0; m && i < m->cap; i++) {
		const struct rrm_map_entry *e = &m->v[i];
		if (!e->key || e->value < 1 || e->value > 3)
			continue;
		struct rrm_map_entry *s = rrm_map_put(seen, e->key, e->len);
		if (s->value)
			continue;
		s->value = 1;
		put_u32(b, (uint32_t)e->len);
		put(b, e->key, e->len);
		put_u8(b, (unsigned)e->value);
		if (texts)
			put_str(b, e->text);
		(*count)++;
	}
	memcpy(b->data + at, count, sizeof *count);
}

int rrm_cache_save(const struct rrm_cache *c, const char *dir, uint64_t key,
		   const struct rrm_buf *const *records, size_t n,
		   const struct rrm_map *const *verdicts, size_t n_verdicts,
		   const struct rrm_map *suggestions, bool keep_words)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	put(&b, MAGIC, 4);
	put_u32(&b, FORMAT);
	put_u64(&b, key);
	size_t at = b.len;
	uint64_t count = 0;
	put_u64(&b, 0);
	for (size_t i = 0; i < n; i++) {
		if (!records[i] || !records[i]->len || records[i]->len > 0x7FFFFFFFu)
			continue;
		put_u32(&b, (uint32_t)records[i]->len);
		put(&b, records[i]->data, records[i]->len);
		count++;
	}
	memcpy(b.data + at, &count, sizeof count);

	struct rrm_map seen = {0};
	at = b.len;
	count = 0;
	put_u64(&b, 0);
	for (size_t i = 0; i < n_verdicts; i++)
		put_words(&b, at, verdicts[i], &seen, false, &count);
	if (keep_words && c)
		put_words(&b, at, &c->verdicts, &seen, false, &count);
	rrm_map_release(&seen); /* left empty */
	at = b.len;
	count = 0;
	put_u64(&b, 0);
	put_words(&b, at, suggestions, &seen, true, &count);
	if (keep_words && c)
		put_words(&b, at, &c->suggestions, &seen, true, &count);
	rrm_map_release(&seen);
	put_u64(&b, rrm_hash64(0, b.data, b.len));

	/* the same as the file read at the start (a run that learnt nothing new): no write */
	if (c && c->n_entries && c->len == b.len && !memcmp(c->data, b.data, b.len)) {
		rrm_buf_release(&b);
		return 0;
	}
	int e = rrm_make_dirs(dir);
	if (!e) {
		char *path = rrm_path_join(dir, FILE_NAME);
		e = rrm_file_replace(path, b.data, b.len);
		free(path);
	}
	rrm_buf_release(&b);
	return e;
}
