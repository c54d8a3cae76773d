#include "lib/util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

static void (*oom_handler)(void);

void rrm_set_oom_handler(void (*handler)(void))
{
	oom_handler = handler;
}

static void out_of_memory(void)
{
	if (oom_handler)
		oom_handler();
	abort();
}

void *rrm_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *rrm_calloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *rrm_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory();
	return q;
}

void *rrm_grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			out_of_memory();
		c *= 2;
	}
	p = rrm_realloc(p, c * size);
	*cap = c;
	return p;
}

char *rrm_strndup(const char *s, size_t n)
{
	char *d = rrm_malloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *rrm_strdup(const char *s)
{
	return rrm_strndup(s, strlen(s));
}

static char *vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *s = rrm_malloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *rrm_asprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vformat(fmt, ap);
	va_end(ap);
	return s;
}

/* Buffers. */

void rrm_buf_init(struct rrm_buf *b)
{
	b->cap = 64;
	b->len = 0;
	b->data = rrm_malloc(b->cap);
	b->data[0] = '\0';
}

void rrm_buf_release(struct rrm_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void rrm_buf_add(struct rrm_buf *b, const char *s, size_t n)
{
	b->data = rrm_grow(b->data, &b->cap, b->len + n + 1, 1);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void rrm_buf_adds(struct rrm_buf *b, const char *s)
{
	rrm_buf_add(b, s, strlen(s));
}

void rrm_buf_addc(struct rrm_buf *b, char c)
{
	rrm_buf_add(b, &c, 1);
}

void rrm_buf_addf(struct rrm_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vformat(fmt, ap);
	va_end(ap);
	rrm_buf_adds(b, s);
	free(s);
}

void rrm_buf_add_json(struct rrm_buf *b, const char *s)
{
	rrm_buf_addc(b, '"');
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			int32_t cp;
			size_t l = rrm_utf8_decode(s + i, n - i, &cp);
			if (cp < 0)
				rrm_buf_adds(b, "\\ufffd");
			else
				rrm_buf_add(b, s + i, l);
			i += l;
			continue;
		}
		switch (c) {
		case '"': rrm_buf_adds(b, "\\\""); break;
		case '\\': rrm_buf_adds(b, "\\\\"); break;
		case '\n': rrm_buf_adds(b, "\\n"); break;
		case '\r': rrm_buf_adds(b, "\\r"); break;
		case '\t': rrm_buf_adds(b, "\\t"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				rrm_buf_addf(b, "\\u%04x", c);
			else
				rrm_buf_addc(b, (char)c);
		}
		i++;
	}
	rrm_buf_addc(b, '"');
}

void rrm_buf_add_safe(struct rrm_buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			rrm_buf_addf(b, "\\x%02x", c);
			i++;
			continue;
		}
		if (c < 0x80) {
			rrm_buf_addc(b, (char)c);
			i++;
			continue;
		}
		int32_t cp;
		size_t l = rrm_utf8_decode(s + i, n - i, &cp);
		if (cp < 0)
			rrm_buf_addf(b, "\\x%02x", c);
		else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
			 (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
			rrm_buf_addf(b, "\\u{%04x}", (unsigned)cp);
		else
			rrm_buf_add(b, s + i, l);
		i += l;
	}
}

char *rrm_buf_detach(struct rrm_buf *b)
{
	char *s = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

/* UTF-8. */

size_t rrm_utf8_decode(const char *str, size_t n, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0) {
		*cp = -1;
		return 0;
	}
	unsigned c = s[0];
	size_t len;
	int32_t v, min;
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2, v = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, v = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		*cp = -1;
		return 1;
	}
	if (n < len) {
		*cp = -1;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
		*cp = -1;
		return 1;
	}
	*cp = v;
	return len;
}

size_t rrm_utf8_check(const char *s, size_t n, bool *is_nul)
{
	size_t i = 0;
	*is_nul = false;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0) {
			*is_nul = true;
			return i;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		size_t l = rrm_utf8_decode(s + i, n - i, &cp);
		if (cp < 0)
			return i;
		i += l;
	}
	return n;
}

size_t rrm_utf8_count(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			count++;
	return count;
}

size_t rrm_edit_distance(const char *a, const char *b, bool fold)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 80 || lb > 80)
		return 999;
	size_t row[81];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			char x = a[i - 1], y = b[j - 1];
			if (fold) {
				x = (char)tolower((unsigned char)x);
				y = (char)tolower((unsigned char)y);
			}
			size_t best = prev + (x != y);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lb];
}

char *rrm_utf8_casefold(const char *s)
{
	utf8proc_uint8_t *r = NULL;
	utf8proc_map((const utf8proc_uint8_t *)s, 0, &r, UTF8PROC_NULLTERM | UTF8PROC_CASEFOLD);
	char *out = rrm_strdup(r ? (char *)r : s);
	free(r);
	return out;
}

/* Paths. */

char *rrm_path_join(const char *a, const char *b)
{
	if (b[0] == '/' || a[0] == '\0')
		return rrm_strdup(b);
	size_t la = strlen(a);
	return rrm_asprintf("%s%s%s", a, a[la - 1] == '/' ? "" : "/", b);
}

char *rrm_path_normalize(const char *p)
{
	bool absolute = p[0] == '/';
	size_t n = strlen(p);
	/* Part starts, as offsets into the output. */
	char *out = rrm_malloc(n + 2);
	size_t len = 0, *starts = NULL, nstarts = 0, cap = 0;
	size_t ups = 0; /* leading ".." parts kept in a relative path */
	if (absolute)
		out[len++] = '/';
	const char *s = p;
	while (*s) {
		while (*s == '/')
			s++;
		const char *e = s;
		while (*e && *e != '/')
			e++;
		size_t pl = (size_t)(e - s);
		if (pl == 0)
			break;
		if (pl == 1 && s[0] == '.') {
			/* skip */
		} else if (pl == 2 && s[0] == '.' && s[1] == '.') {
			if (nstarts > ups) {
				len = starts[--nstarts];
				if (len > (absolute ? 1u : 0u) && out[len - 1] == '/')
					len--;
			} else if (!absolute) {
				if (len > 0)
					out[len++] = '/';
				starts = rrm_grow(starts, &cap, nstarts + 1, sizeof *starts);
				starts[nstarts++] = len;
				memcpy(out + len, "..", 2);
				len += 2;
				ups++;
			}
		} else {
			if (len > 0 && out[len - 1] != '/')
				out[len++] = '/';
			starts = rrm_grow(starts, &cap, nstarts + 1, sizeof *starts);
			starts[nstarts++] = len;
			memcpy(out + len, s, pl);
			len += pl;
		}
		s = e;
	}
	if (len == 0)
		out[len++] = '.';
	out[len] = '\0';
	free(starts);
	return out;
}

char *rrm_path_absolute(const char *p, const char *base)
{
	if (p[0] == '/')
		return rrm_path_normalize(p);
	char cwd[PATH_MAX];
	if (!base) {
		if (!getcwd(cwd, sizeof cwd))
			return rrm_path_normalize(p);
		base = cwd;
	}
	char *j = rrm_path_join(base, p);
	char *r = rrm_path_normalize(j);
	free(j);
	return r;
}

bool rrm_path_is_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

bool rrm_path_leads_out(const char *path, const char *root)
{
	char real[PATH_MAX], root_real[PATH_MAX];
	return realpath(path, real) && realpath(root, root_real) &&
	       !rrm_path_is_under(real, root_real);
}

uint64_t rrm_hash64(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	const uint64_t m = 0x9E3779B97F4A7C15ULL;
	h ^= (uint64_t)n * m;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * m;
		h ^= h >> 32;
	}
	uint64_t last = 0;
	if (n > i)
		memcpy(&last, p + i, n - i);
	h = (h ^ last) * m;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 32;
	return h;
}

uint64_t rrm_fnv64(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h;
}

char *rrm_path_relative(const char *path, const char *from)
{
	/* Find the longest common prefix ending at a part boundary. */
	size_t common = 0, i = 0;
	for (;; i++) {
		char a = path[i], b = from[i];
		if ((a == '/' || a == '\0') && (b == '/' || b == '\0'))
			common = i;
		if (a != b || a == '\0')
			break;
	}
	if (from[common] == '\0' && path[common] == '\0')
		return rrm_strdup(".");
	struct rrm_buf b;
	rrm_buf_init(&b);
	/* Count the parts of `from` after the common prefix. */
	const char *f = from + common;
	while (*f) {
		while (*f == '/')
			f++;
		if (!*f)
			break;
		rrm_buf_adds(&b, b.len ? "/.." : "..");
		while (*f && *f != '/')
			f++;
	}
	const char *rest = path + common;
	while (*rest == '/')
		rest++;
	if (*rest) {
		if (b.len)
			rrm_buf_addc(&b, '/');
		rrm_buf_adds(&b, rest);
	}
	return rrm_buf_detach(&b);
}

const char *rrm_path_base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* Globs. */

static bool class_match(const char **pp, char c)
{
	const char *p = *pp + 1;
	bool neg = false, hit = false;
	if (*p == '!' || *p == '^') {
		neg = true;
		p++;
	}
	bool first = true;
	while (*p && (first || *p != ']')) {
		first = false;
		char lo = *p, hi = lo;
		if (p[1] == '-' && p[2] && p[2] != ']') {
			hi = p[2];
			p += 3;
		} else {
			p++;
		}
		if (c >= lo && c <= hi)
			hit = true;
	}
	if (*p != ']')
		return false; /* unterminated class: no match */
	*pp = p + 1;
	return hit != neg;
}

/*
 * A pattern is compiled into the states of a small automaton and the path is
 * read once, left to right, with the set of states it can be in: time is the
 * path's length times the pattern's, whatever the pattern (backtracking over
 * "*a*a*a...*b" took exponential time).
 */
enum glob_op {
	GLOB_LIT,   /* one given byte */
	GLOB_ONE,   /* ?: one byte but '/' */
	GLOB_SET,   /* [...]: one byte of the set but '/' */
	GLOB_NONE,  /* an unterminated [: matches nothing */
	GLOB_STAR,  /* *: any bytes but '/' */
	GLOB_DSTAR, /* **: any bytes */
	GLOB_DIRS, /* **\/: nothing, or any bytes ending in '/'; two states, GLOB_DIRS_IN follows */
	GLOB_DIRS_IN,
	GLOB_END
};

struct glob_state {
	enum glob_op op;
	char c;          /* GLOB_LIT */
	const char *set; /* GLOB_SET: at its '[' */
};

/* Compiles `p` into `st` (room for strlen(p) + 1 states); returns the count. */
static size_t glob_compile(const char *p, struct glob_state *st)
{
	size_t n = 0;
	while (*p) {
		struct glob_state *s = &st[n++];
		s->c = 0;
		s->set = NULL;
		if (p[0] == '*' && p[1] == '*') {
			p += 2;
			s->op = GLOB_DSTAR;
			if (*p == '/') {
				p++;
				s->op = GLOB_DIRS;
				st[n++].op = GLOB_DIRS_IN;
			}
		} else if (*p == '*') {
			s->op = GLOB_STAR;
			p++;
		} else if (*p == '?') {
			s->op = GLOB_ONE;
			p++;
		} else if (*p == '[') {
			const char *q = p;
			class_match(&q, 'x');
			if (q == p) {
				s->op = GLOB_NONE; /* nothing after it can match */
				break;
			}
			s->op = GLOB_SET;
			s->set = p;
			p = q;
		} else {
			if (*p == '\\' && p[1])
				p++;
			s->op = GLOB_LIT;
			s->c = *p++;
		}
	}
	st[n].op = GLOB_END;
	return n + 1;
}

/*
 * The states the automaton is in: their list, and a stamp per state telling
 * whether it is in the set of the current step (no clearing between steps).
 */
struct glob_set {
	size_t *v, n;
};

/*
 * Adds state `i` and every state it reaches reading nothing (a state already
 * in has its own added already: each step costs at most the pattern's length,
 * and usually a few states).
 */
static void glob_reach(const struct glob_state *st, unsigned *stamp, unsigned step,
		       struct glob_set *s, size_t i)
{
	for (;;) {
		if (stamp[i] == step)
			return;
		stamp[i] = step;
		s->v[s->n++] = i;
		switch (st[i].op) {
		case GLOB_STAR:
		case GLOB_DSTAR: i++; break;
		case GLOB_DIRS: i += 2; break;
		default: return;
		}
	}
}

/* `work` has room for 3 * n words: two lists of states and the stamps. */
static bool glob_run(const struct glob_state *st, size_t n, const char *s, size_t *work)
{
	struct glob_set cur = {work, 0}, next = {work + n, 0};
	unsigned *stamp = (unsigned *)(work + 2 * n);
	memset(stamp, 0, n * sizeof *stamp);
	unsigned step = 1;
	glob_reach(st, stamp, step, &cur, 0);
	for (; *s; s++) {
		char ch = *s;
		step++;
		next.n = 0;
		for (size_t k = 0; k < cur.n; k++) {
			size_t i = cur.v[k];
			switch (st[i].op) {
			case GLOB_LIT:
				if (ch == st[i].c)
					glob_reach(st, stamp, step, &next, i + 1);
				break;
			case GLOB_ONE:
				if (ch != '/')
					glob_reach(st, stamp, step, &next, i + 1);
				break;
			case GLOB_SET: {
				const char *q = st[i].set;
				if (ch != '/' && class_match(&q, ch))
					glob_reach(st, stamp, step, &next, i + 1);
				break;
			}
			case GLOB_STAR:
				if (ch != '/')
					glob_reach(st, stamp, step, &next, i);
				break;
			case GLOB_DSTAR: glob_reach(st, stamp, step, &next, i); break;
			case GLOB_DIRS:
				glob_reach(st, stamp, step, &next, i + 1);
				if (ch == '/')
					glob_reach(st, stamp, step, &next, i + 2);
				break;
			case GLOB_DIRS_IN:
				glob_reach(st, stamp, step, &next, i);
				if (ch == '/')
					glob_reach(st, stamp, step, &next, i + 1);
				break;
			case GLOB_NONE:
			case GLOB_END: break;
			}
		}
		if (!next.n)
			return false;
		struct glob_set t = cur;
		cur = next;
		next = t;
	}
	return stamp[n - 1] == step;
}

bool rrm_glob_match(const char *pattern, const char *path)
{
	/* the literal start, compared as it is: most paths differ there (from "/docs/specs/" and
	 * the like), and a pattern without wildcards is a plain comparison */
	while (*pattern && *pattern != '*' && *pattern != '?' && *pattern != '[' &&
	       *pattern != '\\') {
		if (*pattern++ != *path++)
			return false;
	}
	if (!*pattern)
		return !*path;
	size_t len = strlen(pattern);
	struct glob_state small[64];
	size_t small_work[3 * 64];
	struct glob_state *st = small;
	size_t *work = small_work;
	if (len + 1 > 64) {
		st = rrm_malloc((len + 1) * sizeof *st);
		work = rrm_malloc(3 * (len + 1) * sizeof *work);
	}
	size_t n = glob_compile(pattern, st);
	bool m = glob_run(st, n, path, work);
	if (st != small) {
		free(st);
		free(work);
	}
	return m;
}

/* Files. */

enum rrm_read_status rrm_read_file(const char *path, size_t cap, char **out, size_t *len, int *err)
{
	*out = NULL;
	*len = 0;
	*err = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		*err = errno;
		return RRM_READ_ERRNO;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		*err = errno;
		close(fd);
		return RRM_READ_ERRNO;
	}
	if (S_ISDIR(st.st_mode)) {
		*err = EISDIR;
		close(fd);
		return RRM_READ_ERRNO;
	}
	if (!S_ISREG(st.st_mode)) {
		*err = EINVAL;
		close(fd);
		return RRM_READ_ERRNO;
	}
	if ((uint64_t)st.st_size > cap) {
		*err = EFBIG;
		close(fd);
		return RRM_READ_TOO_LARGE;
	}
	size_t want = (size_t)st.st_size, got = 0, bufcap = want + 1;
	char *buf = rrm_malloc(bufcap);
	for (;;) {
		if (got + 1 >= bufcap) {
			if (bufcap > cap + 1) {
				free(buf);
				close(fd);
				*err = EFBIG;
				return RRM_READ_TOO_LARGE;
			}
			bufcap = bufcap * 2 > cap + 2 ? cap + 2 : bufcap * 2;
			buf = rrm_realloc(buf, bufcap);
		}
		ssize_t r = read(fd, buf + got, bufcap - got - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			free(buf);
			close(fd);
			return RRM_READ_ERRNO;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got > cap) {
		free(buf);
		*err = EFBIG;
		return RRM_READ_TOO_LARGE;
	}
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return RRM_READ_OK;
}
