#include "lib/wordtab.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "lib/file.h"
#include "lib/map.h"
#include "lib/util.h"

/*
 * The file: a header, then `nslots` slots of 8 bytes (0 empty, else the
 * form's hash in the high 32 bits and its offset in the strings plus one in
 * the low 32), then the strings: for each form a flags byte, the form and a
 * NUL. Linear probing, at most half the slots full. Native byte order: the
 * magic tells another one apart.
 */
#define MAGIC "RRMWTAB\2"
#define FORMAT "word table 2"
#define MAX_FORM 100

struct header {
	char magic[8];
	uint64_t key;
	uint64_t nslots; /* a power of two */
	uint64_t nforms;
	uint64_t strings; /* bytes */
	uint64_t order;   /* 0x0102030405060708, as written */
};

struct rrm_wordtab {
	void *map;
	size_t size;
	const uint64_t *slots;
	uint64_t mask;
	const unsigned char *strings;
	uint64_t strings_len;
	size_t nforms;
};

static uint64_t form_hash(const char *w, size_t n)
{
	return rrm_fnv64(RRM_FNV64_INIT, w, n);
}

/* Checksums. */

static bool hash_file(const char *path, uint64_t *h)
{
	char *data;
	size_t len;
	int err;
	if (rrm_read_file(path, 64u * 1024u * 1024u, &data, &len, &err) != RRM_READ_OK)
		return false;
	*h = rrm_hash64(*h, &len, sizeof len);
	*h = rrm_hash64(*h, data, len);
	free(data);
	return true;
}

bool rrm_wordtab_key(const char *base, uint64_t *key)
{
	uint64_t h = rrm_hash64(0x7262616c776f7264ULL, FORMAT HUNSPELL_VERSION_PKG,
				sizeof FORMAT HUNSPELL_VERSION_PKG);
	char *aff = rrm_asprintf("%s.aff", base), *dic = rrm_asprintf("%s.dic", base);
	bool ok = hash_file(aff, &h) && hash_file(dic, &h);
	free(aff);
	free(dic);
	*key = h;
	return ok;
}

char *rrm_wordtab_path(const char *base, uint64_t key)
{
	const char *off = getenv("RRM_WORD_TABLE");
	if (off && !strcmp(off, "off"))
		return NULL;
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *dir;
	if (xdg && xdg[0] == '/')
		dir = rrm_asprintf("%s/rrm", xdg);
	else if (home && home[0] == '/')
		dir = rrm_asprintf("%s/.cache/rrm", home);
	else
		return NULL;
	char *p = rrm_asprintf("%s/words-%s-%016llx.tab", dir, rrm_path_base(base),
			       (unsigned long long)key);
	free(dir);
	return p;
}

/* Reading. */

struct rrm_wordtab *rrm_wordtab_open(const char *path, uint64_t key)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	struct stat st;
	struct header hd;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size < sizeof hd ||
	    pread(fd, &hd, sizeof hd, 0) != (ssize_t)sizeof hd || memcmp(hd.magic, MAGIC, 8) ||
	    hd.key != key || hd.order != 0x0102030405060708ULL || hd.nslots == 0 ||
	    (hd.nslots & (hd.nslots - 1)) || hd.nslots > (1ULL << 28) || hd.strings == 0 ||
	    hd.strings > (1ULL << 32) ||
	    (uint64_t)st.st_size != sizeof hd + hd.nslots * 8 + hd.strings) {
		close(fd);
		return NULL;
	}
	void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return NULL;
	struct rrm_wordtab *t = rrm_calloc(1, sizeof *t);
	t->map = map;
	t->size = (size_t)st.st_size;
	t->slots = (const uint64_t *)((const char *)map + sizeof hd);
	t->mask = hd.nslots - 1;
	t->strings = (const unsigned char *)map + sizeof hd + hd.nslots * 8;
	t->strings_len = hd.strings;
	t->nforms = (size_t)hd.nforms;
	/* rrm_wordtab_get checks each offset it reads; the strings end with a NUL */
	if (t->strings[t->strings_len - 1] != 0) {
		rrm_wordtab_close(t);
		return NULL;
	}
	return t;
}

void rrm_wordtab_close(struct rrm_wordtab *t)
{
	if (!t)
		return;
	munmap(t->map, t->size);
	free(t);
}

size_t rrm_wordtab_size(const struct rrm_wordtab *t)
{
	return t->nforms;
}

int rrm_wordtab_get(const struct rrm_wordtab *t, const char *w, size_t n)
{
	uint64_t h = form_hash(w, n);
	uint32_t tag = (uint32_t)(h >> 32);
	for (uint64_t i = h & t->mask, probes = 0; probes <= t->mask;
	     i = (i + 1) & t->mask, probes++) {
		uint64_t s = t->slots[i];
		if (!s)
			return 0;
		if ((uint32_t)(s >> 32) != tag)
			continue;
		uint64_t off = (s & 0xffffffffu) - 1; /* the flags byte */
		if (off + 1 + n >= t->strings_len)
			continue;
		const unsigned char *f = t->strings + off + 1;
		if (!memcmp(f, w, n) && f[n] == 0)
			return t->strings[off] + 1;
	}
	return 0;
}

/* Making: the .aff's affixes. */

struct cond {
	/* a sequence of code point sets: each a list of code points, or any */
	size_t n;
	struct {
		int32_t cp[32];
		size_t n;
		bool any, negate;
	} v[16];
};

struct affix {
	char flag;
	bool prefix, cross;
	char *strip, *add;
	struct cond cond;
	bool ok; /* the condition could be read */
};

struct aff {
	struct affix *v;
	size_t n, cap;
	char nosuggest;
};

static bool parse_cond(const char *s, struct cond *c)
{
	memset(c, 0, sizeof *c);
	if (!strcmp(s, "."))
		return true;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		if (c->n == sizeof c->v / sizeof *c->v)
			return false;
		__typeof__(c->v[0]) *e = &c->v[c->n++];
		int32_t cp;
		if (s[i] == '.') {
			e->any = true;
			i++;
			continue;
		}
		if (s[i] == '[') {
			i++;
			if (i < n && s[i] == '^') {
				e->negate = true;
				i++;
			}
			while (i < n && s[i] != ']') {
				size_t w = rrm_utf8_decode(s + i, n - i, &cp);
				if (!w || e->n == sizeof e->cp / sizeof *e->cp)
					return false;
				e->cp[e->n++] = cp;
				i += w;
			}
			if (i >= n)
				return false;
			i++;
			continue;
		}
		size_t w = rrm_utf8_decode(s + i, n - i, &cp);
		if (!w)
			return false;
		e->cp[e->n++] = cp;
		i += w;
	}
	return true;
}

/* Code points of a word, at most MAX_FORM. */
static size_t codepoints(const char *w, int32_t *out)
{
	size_t n = strlen(w), k = 0;
	for (size_t i = 0; i < n && k < MAX_FORM;) {
		size_t cw = rrm_utf8_decode(w + i, n - i, &out[k]);
		if (!cw)
			return 0;
		k++;
		i += cw;
	}
	return k;
}

static bool set_has(const __typeof__(((struct cond *)0)->v[0]) *e, int32_t cp)
{
	if (e->any)
		return true;
	bool in = false;
	for (size_t i = 0; i < e->n && !in; i++)
		in = e->cp[i] == cp;
	return in != e->negate;
}

/* Does the condition hold at the start (prefix) or the end (suffix) of the word? */
static bool cond_holds(const struct cond *c, const int32_t *cp, size_t n, bool prefix)
{
	if (c->n > n)
		return false;
	for (size_t i = 0; i < c->n; i++) {
		int32_t x = prefix ? cp[i] : cp[n - c->n + i];
		if (!set_has(&c->v[i], x))
			return false;
	}
	return true;
}

static void read_aff(const char *path, struct aff *a)
{
	memset(a, 0, sizeof *a);
	char *data;
	size_t len;
	int err;
	if (rrm_read_file(path, 64u * 1024u * 1024u, &data, &len, &err) != RRM_READ_OK)
		return;
	bool cross[2][256] = {{false}}; /* [prefix][flag]: from the header lines */
	char *save = NULL;
	for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[5];
		size_t nf = 0;
		char *s2 = NULL;
		for (char *tok = strtok_r(line, " \t\r", &s2); tok && nf < 5;
		     tok = strtok_r(NULL, " \t\r", &s2))
			f[nf++] = tok;
		if (nf >= 2 && !strcmp(f[0], "NOSUGGEST") && strlen(f[1]) == 1)
			a->nosuggest = f[1][0];
		if (nf < 4 || (strcmp(f[0], "PFX") && strcmp(f[0], "SFX")) || strlen(f[1]) != 1)
			continue;
		bool prefix = f[0][0] == 'P';
		unsigned char flag = (unsigned char)f[1][0];
		if (nf == 4) { /* a header: "PFX A Y 2" */
			cross[prefix][flag] = !strcmp(f[2], "Y");
			continue;
		}
		/* a rule: "SFX N e ion e" (flag, strip, add[/flags], condition) */
		a->v = rrm_grow(a->v, &a->cap, a->n + 1, sizeof *a->v);
		struct affix *x = &a->v[a->n++];
		memset(x, 0, sizeof *x);
		x->flag = (char)flag;
		x->prefix = prefix;
		x->cross = cross[prefix][flag];
		x->strip = rrm_strdup(strcmp(f[2], "0") ? f[2] : "");
		char *slash = strchr(f[3], '/');
		if (slash)
			*slash = '\0';
		x->add = rrm_strdup(strcmp(f[3], "0") ? f[3] : "");
		x->ok = parse_cond(f[4], &x->cond);
	}
	free(data);
}

static void free_aff(struct aff *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].strip);
		free(a->v[i].add);
	}
	free(a->v);
}

/* The word with the affix applied, or NULL when it does not apply. */
static char *apply(const struct affix *x, const char *w)
{
	if (!x->ok)
		return NULL;
	int32_t cp[MAX_FORM];
	size_t n = codepoints(w, cp), wl = strlen(w), sl = strlen(x->strip);
	if (!n || !cond_holds(&x->cond, cp, n, x->prefix) || sl >= wl)
		return NULL;
	if (x->prefix) {
		if (strncmp(w, x->strip, sl))
			return NULL;
		return rrm_asprintf("%s%s", x->add, w + sl);
	}
	if (strcmp(w + wl - sl, x->strip))
		return NULL;
	return rrm_asprintf("%.*s%s", (int)(wl - sl), w, x->add);
}

/* Making: the forms. */

struct build {
	struct rrm_map forms; /* form -> 1 + 2*nosuggest-only (value 1: suggestable) */
	bool (*accepts)(void *ctx, const char *word);
	void *ctx;
};

/* The form in capitals, Capitalised (first letter only), as new strings (NULL when the same). */
static char *recase(const char *w, bool all)
{
	size_t n = strlen(w);
	struct rrm_buf b;
	rrm_buf_init(&b);
	bool changed = false, first = true;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t cw = rrm_utf8_decode(w + i, n - i, &cp);
		if (!cw) {
			rrm_buf_release(&b);
			return NULL;
		}
		int32_t up = (all || first) ? utf8proc_toupper(cp) : cp;
		first = false;
		if (up != cp) {
			utf8proc_uint8_t e[4];
			utf8proc_ssize_t el = utf8proc_encode_char(up, e);
			rrm_buf_add(&b, (const char *)e, (size_t)el);
			changed = true;
		} else {
			rrm_buf_add(&b, w + i, cw);
		}
		i += cw;
	}
	if (!changed) {
		rrm_buf_release(&b);
		return NULL;
	}
	return rrm_buf_detach(&b);
}

static void add_one(struct build *b, const char *f, bool nosuggest)
{
	size_t n = strlen(f);
	if (!n || n > MAX_FORM)
		return;
	struct rrm_map_entry *e = rrm_map_put(&b->forms, f, n);
	if (e->value == 0) /* not yet asked */
		e->value = b->accepts(b->ctx, f) ? (nosuggest ? 2 : 1) : 3;
	else if (e->value == 2 && !nosuggest)
		e->value = 1;
}

static void add_form(struct build *b, const char *f, bool nosuggest)
{
	add_one(b, f, nosuggest);
	for (int all = 0; all < 2; all++) {
		char *r = recase(f, all);
		if (r)
			add_one(b, r, nosuggest);
		free(r);
	}
}

static void expand(struct build *b, const struct aff *a, const char *stem, const char *flags)
{
	bool nosuggest = a->nosuggest && strchr(flags, a->nosuggest);
	add_form(b, stem, nosuggest);
	char *cross[256];
	size_t nc = 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct affix *x = &a->v[i];
		if (x->prefix || !strchr(flags, x->flag))
			continue;
		char *f = apply(x, stem);
		if (!f)
			continue;
		add_form(b, f, nosuggest);
		if (x->cross && nc < sizeof cross / sizeof *cross)
			cross[nc++] = f;
		else
			free(f);
	}
	for (size_t i = 0; i < a->n; i++) {
		const struct affix *x = &a->v[i];
		if (!x->prefix || !strchr(flags, x->flag))
			continue;
		char *f = apply(x, stem);
		if (!f)
			continue;
		add_form(b, f, nosuggest);
		free(f);
		if (!x->cross)
			continue;
		for (size_t k = 0; k < nc; k++) {
			char *g = apply(x, cross[k]);
			if (g)
				add_form(b, g, nosuggest);
			free(g);
		}
	}
	for (size_t k = 0; k < nc; k++)
		free(cross[k]);
}

static int write_table(const struct build *b, const char *path, uint64_t key, size_t *forms)
{
	size_t n = 0;
	struct rrm_buf strings;
	rrm_buf_init(&strings);
	for (size_t i = 0; i < b->forms.cap; i++)
		n += b->forms.v[i].key && (b->forms.v[i].value == 1 || b->forms.v[i].value == 2);
	uint64_t nslots = 1024;
	while (nslots < 2 * n)
		nslots *= 2;
	uint64_t *slots = rrm_calloc((size_t)nslots, sizeof *slots);
	for (size_t i = 0; i < b->forms.cap; i++) {
		const struct rrm_map_entry *e = &b->forms.v[i];
		if (!e->key || (e->value != 1 && e->value != 2))
			continue;
		uint64_t off = strings.len + 1;
		rrm_buf_addc(&strings, e->value == 2 ? RRM_WORDTAB_NOSUGGEST : 0);
		rrm_buf_add(&strings, e->key, e->len);
		rrm_buf_addc(&strings, '\0');
		uint64_t h = form_hash(e->key, e->len), j = h & (nslots - 1);
		while (slots[j])
			j = (j + 1) & (nslots - 1);
		slots[j] = (h >> 32) << 32 | off;
	}
	rrm_buf_addc(&strings, '\0');
	struct header hd = {.key = key,
			    .nslots = nslots,
			    .nforms = n,
			    .strings = strings.len,
			    .order = 0x0102030405060708ULL};
	memcpy(hd.magic, MAGIC, 8);
	int rc = 0;
	if (strings.len >= (1ULL << 32)) {
		rc = EFBIG;
		goto out;
	}
	char *tmp = rrm_asprintf("%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		rc = errno;
		free(tmp);
		goto out;
	}
	const void *parts[3] = {&hd, slots, strings.data};
	size_t sizes[3] = {sizeof hd, (size_t)nslots * 8, strings.len};
	for (int p = 0; p < 3 && !rc; p++) {
		const char *d = parts[p];
		for (size_t done = 0; done < sizes[p] && !rc;) {
			ssize_t w = write(fd, d + done, sizes[p] - done);
			if (w < 0 && errno != EINTR)
				rc = errno;
			else if (w > 0)
				done += (size_t)w;
		}
	}
	if (close(fd) != 0 && !rc)
		rc = errno;
	if (!rc && rename(tmp, path) != 0)
		rc = errno;
	if (rc)
		unlink(tmp);
	free(tmp);
	*forms = n;
out:
	free(slots);
	rrm_buf_release(&strings);
	return rc;
}

int rrm_wordtab_build(const char *base, const char *path,
		      bool (*accepts)(void *ctx, const char *word), void *ctx, size_t *forms)
{
	*forms = 0;
	uint64_t key;
	if (!rrm_wordtab_key(base, &key))
		return ENOENT;
	char *dir = rrm_strdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	int rc = slash ? rrm_make_dirs(dir) : 0;
	free(dir);
	if (rc && rc != EEXIST)
		return rc;
	char *lock = rrm_asprintf("%s.lock", path);
	int lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	free(lock);
	if (lfd < 0)
		return errno;
	if (flock(lfd, LOCK_EX | LOCK_NB) != 0) {
		close(lfd);
		return EBUSY;
	}
	struct rrm_wordtab *done = rrm_wordtab_open(path, key);
	if (done) { /* made by another process meanwhile */
		*forms = rrm_wordtab_size(done);
		rrm_wordtab_close(done);
		close(lfd);
		return 0;
	}
	struct aff a;
	char *affp = rrm_asprintf("%s.aff", base), *dicp = rrm_asprintf("%s.dic", base);
	read_aff(affp, &a);
	char *data = NULL;
	size_t len;
	int err;
	if (rrm_read_file(dicp, 64u * 1024u * 1024u, &data, &len, &err) != RRM_READ_OK) {
		rc = err ? err : EIO;
		goto out;
	}
	struct build b = {.accepts = accepts, .ctx = ctx};
	char *save = NULL;
	bool first = true;
	for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (first) { /* the count line, maybe after a byte order mark */
			first = false;
			continue;
		}
		/* the word ends at a blank; "\/" is a slash in the word, "/" starts the flags */
		char word[4 * MAX_FORM];
		size_t wl = 0;
		const char *flags = "";
		char *p = line;
		while (*p && *p != '\t' && *p != ' ' && *p != '\r' && wl + 1 < sizeof word) {
			if (p[0] == '\\' && p[1] == '/') {
				word[wl++] = '/';
				p += 2;
				continue;
			}
			if (*p == '/') {
				char *end = p + 1 + strcspn(p + 1, " \t\r");
				*end = '\0';
				flags = p + 1;
				break;
			}
			word[wl++] = *p++;
		}
		word[wl] = '\0';
		if (wl)
			expand(&b, &a, word, flags);
	}
	rc = write_table(&b, path, key, forms);
	rrm_map_release(&b.forms);
out:
	free(data);
	free(affp);
	free(dicp);
	free_aff(&a);
	close(lfd);
	return rc;
}
