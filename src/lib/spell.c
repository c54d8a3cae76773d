#include "lib/spell.h"

#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <hunspell.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "lib/dict.h"
#include "lib/map.h"
#include "lib/util.h"
#include "lib/wordtab.h"

const char *rrm_hunspell_version(void)
{
	return HUNSPELL_VERSION_PKG;
}

const char *rrm_utf8proc_version(void)
{
	return utf8proc_version();
}

struct rrm_wordset {
	struct rrm_map t;
};

struct rrm_wordset *rrm_wordset_new(void)
{
	return rrm_calloc(1, sizeof(struct rrm_wordset));
}

void rrm_wordset_free(struct rrm_wordset *s)
{
	if (!s)
		return;
	rrm_map_release(&s->t);
	free(s);
}

/* Characters. */

static bool is_apostrophe(int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02bc;
}

static bool is_wordchar(int32_t cp)
{
	if (cp < 0x80)
		return isalnum(cp) || cp == '_';
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO);
}

static bool is_letter(int32_t cp)
{
	if (cp < 0x80)
		return isalpha(cp);
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static bool is_upper(int32_t cp)
{
	if (cp < 0x80)
		return isupper(cp);
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static bool is_latin(int32_t cp)
{
	return cp < 0x250 || (cp >= 0x1e00 && cp <= 0x1eff) || (cp >= 0x2c60 && cp <= 0x2c7f) ||
	       (cp >= 0xa720 && cp <= 0xa7ff) || (cp >= 0x300 && cp <= 0x36f);
}

static int32_t cp_at(const char *s, size_t n, size_t i, size_t *w)
{
	int32_t cp;
	*w = rrm_utf8_decode(s + i, n - i, &cp);
	if (*w == 0)
		*w = 1;
	return cp;
}

/* Tokenizer. */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool has(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= n; i++)
		if (!memcmp(s + i, needle, m))
			return true;
	return false;
}

/* A chunk (text between blanks) that is not prose: URL, e-mail, path. */
bool rrm_words_skip_chunk(const char *s, size_t n)
{
	/* strip opening punctuation */
	while (n && *s && strchr("([{<\"'*_", *s))
		s++, n--;
	/* @mentions and #channels */
	if (n > 1 && (s[0] == '@' || s[0] == '#') && isalnum((unsigned char)s[1]))
		return true;
	if (has(s, n, "://") || (n > 4 && !strncmp(s, "www.", 4)) ||
	    (n >= 7 && !strncmp(s, "mailto:", 7)))
		return true;
	const char *at = memchr(s, '@', n);
	if (at && at > s && memchr(at, '.', n - (size_t)(at - s)))
		return true;
	if (memchr(s, '\\', n))
		return true;
	if (memchr(s, '/', n) &&
	    (s[0] == '/' || s[0] == '~' || (s[0] == '.' && n > 1 && (s[1] == '/' || s[1] == '.'))))
		return true;
	/* an inner dot between letters or digits: a file name, host or identifier
	 * (readme.md, example.org, os.Exit, v1.2) */
	for (size_t i = 1; i + 1 < n; i++)
		if (s[i] == '.' && isalnum((unsigned char)s[i - 1]) &&
		    isalnum((unsigned char)s[i + 1]))
			return true;
	return false;
}

/* Length of a dotted abbreviation at s ("U.S.", "e.g.", "Ph.D."), or 0. */
static size_t dotted(const char *s, size_t n)
{
	size_t i = 0, groups = 0;
	for (;;) {
		size_t k = 0;
		while (i + k < n && isalpha((unsigned char)s[i + k]) && k < 3)
			k++;
		if (k == 0 || i + k >= n || s[i + k] != '.')
			break;
		i += k + 1;
		groups++;
	}
	return groups >= 2 ? i : 0;
}

/* The code point that ends before byte `i` of `s`, or -1 at the start. */
static int32_t cp_before(const char *s, size_t n, size_t i)
{
	if (i == 0)
		return -1;
	size_t k = i - 1;
	while (k > 0 && i - k < 4 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	size_t w;
	return cp_at(s, n, k, &w);
}

/*
 * Length of an emoji code at byte `i` of `s` (":smile:", ":+1:",
 * ":white_check_mark:", as Hugo's enableEmoji and Jekyll's jemoji write
 * them), or 0: a colon, one or more of a-z 0-9 _ + -, a colon, with no
 * word character just before or after (so "10:30:00" and "a:b:c" are not).
 */
static size_t emoji_code(const char *s, size_t n, size_t i)
{
	if (s[i] != ':' || is_wordchar(cp_before(s, n, i)))
		return 0;
	size_t k = i + 1;
	while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') ||
			 s[k] == '_' || s[k] == '+' || s[k] == '-'))
		k++;
	if (k == i + 1 || k >= n || s[k] != ':')
		return 0;
	size_t w;
	if (k + 1 < n && is_wordchar(cp_at(s, n, k + 1, &w)))
		return 0;
	return k + 1 - i;
}

size_t rrm_words_code_end(const char *text, size_t len, size_t i)
{
	if (text[i] != '{' || i + 1 >= len)
		return i;
	/* attribute lists of Hugo and kramdown: {.class #id key=val}, {: .x} */
	if (text[i + 1] == '.' || text[i + 1] == '#' || text[i + 1] == ':') {
		size_t k = i + 2;
		while (k < len && text[k] != '}' && text[k] != '\n')
			k++;
		if (k < len && text[k] == '}')
			return k + 1;
	}
	/* template code */
	if (text[i + 1] == '{' || text[i + 1] == '%') {
		const char *close = text[i + 1] == '{' ? "}}" : "%}";
		size_t k = i + 2;
		while (k + 1 < len && !(text[k] == close[0] && text[k + 1] == close[1]))
			k++;
		return k + 2 > len ? len : k + 2;
	}
	return i;
}

void rrm_words(const char *text, size_t len,
	       void (*cb)(void *ctx, size_t off, size_t len, unsigned flags), void *ctx)
{
	bool sentence = true;
	size_t i = 0;
	size_t chunk_end = 0; /* words before this are in a chunk already judged prose */
	while (i < len) {
		char c = text[i];
		size_t code = rrm_words_code_end(text, len, i);
		if (code > i) {
			i = code;
			continue;
		}
		if (is_space(c)) {
			i++;
			continue;
		}
		size_t emoji = c == ':' ? emoji_code(text, len, i) : 0;
		if (emoji) {
			i += emoji;
			continue;
		}
		if (i >= chunk_end) {
			size_t e = i;
			while (e < len && !is_space(text[e]))
				e++;
			if (rrm_words_skip_chunk(text + i, e - i)) {
				i = e;
				sentence = false;
				continue;
			}
			chunk_end = e;
		}
		if (c == '[' && i + 1 < len && text[i + 1] == '^') {
			while (i < len && text[i] != ']' && !is_space(text[i]))
				i++;
			continue;
		}
		size_t w;
		int32_t cp = cp_at(text, len, i, &w);
		if (!is_wordchar(cp)) {
			if (c == '.' || c == '!' || c == '?')
				sentence = true;
			else if (c == ':' || c == ';' || c == ',')
				sentence = false;
			i += w;
			continue;
		}
		size_t d = dotted(text + i, len - i);
		if (d) {
			i += d;
			continue;
		}
		/* a word: word characters joined by inner apostrophes and hyphens */
		size_t start = i, end = i;
		while (end < len) {
			size_t cw;
			int32_t ccp = cp_at(text, len, end, &cw);
			if (is_wordchar(ccp)) {
				end += cw;
				continue;
			}
			if (ccp == '-' || is_apostrophe(ccp)) {
				size_t nw;
				if (end + cw < len &&
				    is_wordchar(cp_at(text, len, end + cw, &nw))) {
					end += cw;
					continue;
				}
			}
			break;
		}
		unsigned fl = sentence ? RRM_WORD_SENTENCE_START : 0;
		if (end < len && text[end] == '.')
			fl |= RRM_WORD_DOT;
		cb(ctx, start, end - start, fl);
		sentence = false;
		i = end;
	}
}

/* The speller. */

/* Changed whenever the same text gives other spelling findings (see rrm_speller_id). */
#define SPELL_RULES_VERSION "spelling 2: NFC words, emoji codes, Markdown fields"

#define MAX_HANDLES 8
#define MAX_WORD 100

struct rrm_speller {
	Hunhandle *h[MAX_HANDLES];
	size_t n_handles;
	char *base[MAX_HANDLES]; /* the dictionaries (path without .aff/.dic), loaded on first use
				  */
	size_t n_bases;
	char **house; /* normalised house words, added to each dictionary when it is loaded */
	size_t n_house, cap_house;
	bool loaded;
	double load_seconds;
	bool shared;       /* its handles are in shared[] (load_now) */
	pthread_t preload; /* rrm_speller_preload's thread, while `preloading` */
	bool preloading;
	uint64_t id; /* what the verdicts depend on: dictionaries, house words, reject list */
	const struct rrm_map *prior; /* verdicts of an earlier run (read only, shared), or NULL */
	struct rrm_map cache;        /* normalised word -> 1 known, 2 unknown */
	struct rrm_map reject;       /* word -> hint */
	bool acronyms_check, variant_ise, skip_title_case;
	struct rrm_spell_stats stats;
	const struct rrm_wordtab *tab[MAX_HANDLES]; /* each dictionary's word table, or NULL */
	size_t n_tabs;                              /* how many are not NULL */
	struct rrm_map house_forms; /* the house words as hunspell accepts them (house_ok) */
	void *attached;             /* a check's data derived from the words (rrm_speller_attach) */
	void (*release_attached)(void *);
};

void rrm_spell_error_release(struct rrm_spell_error *e)
{
	free(e->file);
	free(e->message);
	memset(e, 0, sizeof *e);
}

static bool regular(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Finds name.aff/name.dic in the dictionary folders; returns the base path or NULL. */
static char *find_dictionary(const char *name)
{
	for (const char *s = name; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
			return NULL;
	char *dirs[16];
	size_t nd = 0;
	const char *env = getenv("DICPATH");
	char *envcopy = env ? rrm_strdup(env) : NULL;
	if (envcopy)
		for (char *save = NULL, *d = strtok_r(envcopy, ":", &save); d && nd < 12;
		     d = strtok_r(NULL, ":", &save))
			dirs[nd++] = d;
	dirs[nd++] = (char *)"/usr/share/hunspell";
	dirs[nd++] = (char *)"/usr/share/myspell/dicts";
	dirs[nd++] = (char *)"/usr/share/myspell";
	char *found = NULL;
	for (size_t i = 0; i < nd && !found; i++) {
		char *base = rrm_asprintf("%s/%s", dirs[i], name);
		char *aff = rrm_asprintf("%s.aff", base), *dic = rrm_asprintf("%s.dic", base);
		if (regular(aff) && regular(dic))
			found = base;
		else
			free(base);
		free(aff);
		free(dic);
	}
	free(envcopy);
	return found;
}

char *rrm_spell_locale_dictionary(const char *locale)
{
	/* "en-US", "en_us", "en-us" -> en_US; a bare language ("en") names no region */
	size_t l = strcspn(locale, "-_");
	if (l < 2 || l > 3 || !locale[l] || strlen(locale + l + 1) < 2 || strlen(locale) > 16)
		return NULL;
	char name[20];
	for (size_t i = 0; i < l; i++)
		name[i] = (char)tolower((unsigned char)locale[i]);
	name[l] = '_';
	size_t n = l + 1;
	for (const char *s = locale + l + 1; *s && n + 1 < sizeof name; s++)
		name[n++] = (char)toupper((unsigned char)*s);
	name[n] = '\0';
	char *found = find_dictionary(name);
	if (!found)
		return NULL;
	free(found);
	return rrm_strdup(name);
}

static char *debian_package(const char *name)
{
	char *p = rrm_asprintf("hunspell-%s", name);
	for (char *s = p; *s; s++)
		*s = *s == '_' ? '-' : (char)tolower((unsigned char)*s);
	return p;
}

static bool fail(struct rrm_spell_error *err, const char *file, int line, int column, char *message)
{
	err->file = file ? rrm_strdup(file) : NULL;
	err->line = line;
	err->column = column;
	err->message = message;
	return false;
}

/*
 * Each entry of a word file (lib/dict.h: comments, blanks and a byte order
 * mark skipped), in order; calls `fn` with its text. Fails at the first entry
 * `fn` refuses, or at the first line, comment lines included, that is not
 * valid UTF-8, whichever comes first.
 */
static bool read_word_file(const char *path, const char *shown, struct rrm_spell_error *err,
			   bool (*fn)(void *ctx, const char *line, size_t len, int lineno,
				      char **why),
			   void *ctx)
{
	struct rrm_dict d;
	int e = rrm_dict_read(&d, path);
	if (e)
		return fail(err, shown, 0, 0,
			    rrm_asprintf("cannot read: %s",
					 e == EFBIG ? "larger than 64 MiB" : strerror(e)));
	bool ok = true;
	for (size_t i = 0; i <= d.n && ok; i++) {
		const struct rrm_dict_entry *x = i < d.n ? &d.v[i] : NULL;
		if (d.bad_line && (!x || d.bad_line <= x->line)) {
			ok = fail(err, shown, d.bad_line, 1,
				  rrm_strdup(d.bad_nul ? "a NUL byte" : "not valid UTF-8"));
			break;
		}
		char *why = NULL;
		if (x && !fn(ctx, x->text, strlen(x->text), x->line, &why))
			ok = fail(err, shown, x->line, x->column, why);
	}
	rrm_dict_release(&d);
	return ok;
}

static bool bad_word(const char *w, size_t n, char **why)
{
	const char *problem = rrm_dict_word_problem(w, n);
	if (problem)
		*why = rrm_strdup(problem);
	return problem != NULL;
}

static char *lower(const char *w, size_t n);

/* Normalises a word for lookup: apostrophes to ', then NFC. New string. */
static char *normalise(const char *w, size_t n, size_t *out_len)
{
	bool plain = true;
	for (size_t i = 0; i < n && plain; i++)
		plain = (unsigned char)w[i] < 0x80;
	if (plain) {
		*out_len = n;
		return rrm_strndup(w, n);
	}
	struct rrm_buf b;
	rrm_buf_init(&b);
	bool ascii = true;
	for (size_t i = 0; i < n;) {
		size_t cw;
		int32_t cp = cp_at(w, n, i, &cw);
		if (is_apostrophe(cp)) {
			rrm_buf_addc(&b, '\'');
		} else {
			rrm_buf_add(&b, w + i, cw);
			ascii &= cp < 0x80;
		}
		i += cw;
	}
	if (!ascii) {
		utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)b.data);
		if (nfc) {
			rrm_buf_release(&b);
			*out_len = strlen((char *)nfc);
			char *r = rrm_strndup((char *)nfc, *out_len);
			free(nfc);
			return r;
		}
	}
	*out_len = b.len;
	return rrm_buf_detach(&b);
}

char *rrm_word_nfc(const char *w, size_t n)
{
	bool plain = true;
	for (size_t i = 0; i < n && plain; i++)
		plain = (unsigned char)w[i] < 0x80;
	utf8proc_uint8_t *nfc = NULL;
	if (!plain)
		utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &nfc,
			     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (!nfc)
		return rrm_strndup(w, n);
	char *r = rrm_strdup((char *)nfc);
	free(nfc);
	return r;
}

struct house_ctx {
	struct rrm_speller *sp;
};

static bool add_house_word(void *ctx, const char *line, size_t len, int lineno, char **why)
{
	struct rrm_speller *sp = ((struct house_ctx *)ctx)->sp;
	(void)lineno;
	const char *slash = memchr(line, '/', len); /* hunspell .dic flags: keep the word */
	if (slash)
		len = (size_t)(slash - line);
	bool digits = len > 0;
	for (size_t i = 0; i < len; i++)
		digits &= isdigit((unsigned char)line[i]) != 0;
	if (digits || len == 0)
		return true; /* a hunspell .dic count line */
	if (bad_word(line, len, why))
		return false;
	size_t nl;
	char *w = normalise(line, len, &nl);
	sp->id = rrm_fnv64(sp->id, w, nl + 1);
	sp->house = rrm_grow(sp->house, &sp->cap_house, sp->n_house + 1, sizeof *sp->house);
	sp->house[sp->n_house++] = w;
	return true;
}

static bool add_reject(void *ctx, const char *line, size_t len, int lineno, char **why)
{
	struct rrm_speller *sp = ctx;
	(void)lineno;
	const char *arrow = NULL;
	for (size_t i = 0; i + 1 < len; i++)
		if (line[i] == '-' && line[i + 1] == '>') {
			arrow = line + i;
			break;
		}
	size_t wl = arrow ? (size_t)(arrow - line) : len;
	while (wl && is_space(line[wl - 1]))
		wl--;
	if (wl == 0) {
		*why = rrm_strdup("a reject line needs a word before '->'");
		return false;
	}
	if (bad_word(line, wl, why))
		return false;
	size_t nl;
	char *w = normalise(line, wl, &nl);
	char *l = lower(w, nl); /* rejected in any capitalisation */
	sp->id = rrm_fnv64(sp->id, line, len + 1);
	struct rrm_map_entry *e = rrm_map_put(&sp->reject, l, strlen(l));
	free(l);
	free(w);
	free(e->text);
	e->text = NULL;
	if (arrow) {
		const char *h = arrow + 2, *end = line + len;
		while (h < end && is_space(*h))
			h++;
		if (h < end)
			e->text = rrm_strndup(h, (size_t)(end - h));
	}
	return true;
}

static bool has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* The house dictionary files of `c`, checked to lie inside the site. */
static bool load_house(struct rrm_speller *sp, const struct rrm_config *c,
		       struct rrm_spell_error *err)
{
	char root_real[PATH_MAX];
	if (!realpath(c->root, root_real))
		snprintf(root_real, sizeof root_real, "%s", c->root);
	for (size_t i = 0; i < c->dictionaries.n; i++) {
		const char *entry = c->dictionaries.v[i];
		char *pattern = rrm_path_join(c->root, entry);
		glob_t g;
		int rc = glob(pattern, 0, NULL, &g);
		free(pattern);
		struct rrm_pos at =
			c->dictionaries.pos ? c->dictionaries.pos[i] : c->pos_dictionaries;
		if (rc == GLOB_NOMATCH) {
			globfree(&g);
			if (has_glob(entry))
				continue;
			return fail(err, c->file, at.line, at.column,
				    rrm_asprintf("dictionaries: %s does not exist", entry));
		}
		if (rc != 0) {
			globfree(&g);
			return fail(err, c->file, at.line, at.column,
				    rrm_asprintf("dictionaries: cannot list %s", entry));
		}
		for (size_t k = 0; k < g.gl_pathc; k++) {
			char real[PATH_MAX];
			const char *p = g.gl_pathv[k];
			char *shown = rrm_path_relative(p, c->root);
			if (!realpath(p, real) || !rrm_path_is_under(real, root_real)) {
				globfree(&g);
				bool r =
					fail(err, c->file, at.line, at.column,
					     rrm_asprintf("dictionaries: %s leads outside the site",
							  shown));
				free(shown);
				return r;
			}
			struct house_ctx hc = {sp};
			bool ok = read_word_file(real, shown, err, add_house_word, &hc);
			free(shown);
			if (!ok) {
				globfree(&g);
				return false;
			}
		}
		globfree(&g);
	}
	return true;
}

static void open_tables(struct rrm_speller *sp);

struct rrm_speller *rrm_speller_open(const struct rrm_config *c, struct rrm_spell_error *err)
{
	memset(err, 0, sizeof *err);
	struct rrm_speller *sp = rrm_calloc(1, sizeof *sp);
	sp->id = RRM_FNV64_INIT;
	/* how prose is split into words and findings are made: a cache made
	 * by an rrm that did it otherwise is not reused */
	sp->id = rrm_fnv64(sp->id, SPELL_RULES_VERSION, sizeof SPELL_RULES_VERSION);
	sp->acronyms_check = c->spelling.acronyms_check;
	sp->variant_ise = c->spelling.variant_ise;
	sp->skip_title_case = c->spelling.skip_title_case_midsentence;
	for (size_t i = 0; i < c->language.n && sp->n_bases < MAX_HANDLES; i++) {
		const char *name = c->language.v[i];
		char *base = find_dictionary(name);
		if (!base) {
			char *pkg = debian_package(name);
			struct rrm_pos at = c->language.pos ? c->language.pos[i] : c->pos_language;
			fail(err, c->file, at.line, at.column,
			     rrm_asprintf("language: no hunspell dictionary '%s' in $DICPATH, "
					  "/usr/share/hunspell or /usr/share/myspell (on Debian: "
					  "apt-get install %s)",
					  name, pkg));
			free(pkg);
			rrm_speller_free(sp);
			return NULL;
		}
		/* the verdicts change when a dictionary file does */
		for (int k = 0; k < 2; k++) {
			char *f = rrm_asprintf(k ? "%s.dic" : "%s.aff", base);
			struct stat st;
			if (stat(f, &st) == 0) {
				int64_t v[4] = {(int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec,
						(int64_t)st.st_mtim.tv_nsec, (int64_t)st.st_ino};
				sp->id = rrm_fnv64(sp->id, v, sizeof v);
			}
			sp->id = rrm_fnv64(sp->id, f, strlen(f) + 1);
			free(f);
		}
		sp->base[sp->n_bases++] = base;
	}
	if (!load_house(sp, c, err)) {
		rrm_speller_free(sp);
		return NULL;
	}
	if (c->spelling.reject) {
		char *path = rrm_path_join(c->root, c->spelling.reject);
		struct stat st;
		bool inside = stat(path, &st) == 0 && !rrm_path_leads_out(path, c->root);
		bool ok = inside ? read_word_file(path, c->spelling.reject, err, add_reject, sp)
				 : fail(err, c->file, c->pos_reject.line, c->pos_reject.column,
					rrm_asprintf("spelling.reject: %s %s", c->spelling.reject,
						     regular(path) ? "leads outside the site"
								   : "does not exist"));
		free(path);
		if (!ok) {
			rrm_speller_free(sp);
			return NULL;
		}
	}
	open_tables(sp);
	return sp;
}

/*
 * hunspell keeps a table shared by all its UTF-8 dictionaries, made by the
 * first Hunspell_create and freed by the last Hunspell_destroy, with a
 * counter that is not thread-safe: spellers of different threads create and
 * destroy their dictionaries one at a time.
 */
static pthread_mutex_t hunspell_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * The word tables (lib/wordtab.h) of the process, one per dictionary, shared
 * by every speller and kept until the last speller using them is freed.
 */
static struct table_entry {
	char *base;
	uint64_t key;
	bool keyed;   /* key is the dictionary's (its files could be read) */
	bool tried;   /* opening the table was tried since it was last made */
	bool started; /* this process has made it, or started to */
	char *path;   /* the table's file, or NULL (no cache folder) */
	struct rrm_wordtab *tab;
	size_t users; /* spellers holding tab */
} tables[MAX_HANDLES * 2];
static size_t n_tables;
static pthread_mutex_t tables_lock = PTHREAD_MUTEX_INITIALIZER;

/* The registry entry of dictionary `base`, made when missing (tables_lock held). */
static struct table_entry *table_entry(const char *base)
{
	for (size_t i = 0; i < n_tables; i++)
		if (!strcmp(tables[i].base, base))
			return &tables[i];
	if (n_tables == sizeof tables / sizeof *tables)
		return NULL;
	struct table_entry *t = &tables[n_tables++];
	memset(t, 0, sizeof *t);
	t->base = rrm_strdup(base);
	t->keyed = rrm_wordtab_key(base, &t->key);
	t->path = t->keyed ? rrm_wordtab_path(base, t->key) : NULL;
	return t;
}

/* Gives the speller the word table of each of its dictionaries that has one. */
static void open_tables(struct rrm_speller *sp)
{
	pthread_mutex_lock(&tables_lock);
	for (size_t i = 0; i < sp->n_bases; i++) {
		if (sp->tab[i])
			continue;
		struct table_entry *t = table_entry(sp->base[i]);
		if (!t || !t->path)
			continue;
		if (!t->tab && !t->tried) {
			t->tried = true;
			t->tab = rrm_wordtab_open(t->path, t->key);
		}
		if (t->tab) {
			sp->tab[i] = t->tab;
			sp->n_tabs++;
			t->users++;
		}
	}
	pthread_mutex_unlock(&tables_lock);
}

static void close_tables(struct rrm_speller *sp)
{
	pthread_mutex_lock(&tables_lock);
	for (size_t i = 0; i < sp->n_bases; i++) {
		if (!sp->tab[i])
			continue;
		for (size_t k = 0; k < n_tables; k++)
			if (tables[k].tab == sp->tab[i] && --tables[k].users == 0) {
				rrm_wordtab_close(tables[k].tab);
				tables[k].tab = NULL;
				tables[k].tried = false;
			}
		sp->tab[i] = NULL;
	}
	sp->n_tabs = 0;
	/* the last speller of the process leaves the registry empty (no leak at exit) */
	bool used = false;
	for (size_t k = 0; k < n_tables; k++)
		used |= tables[k].users > 0;
	if (!used) {
		for (size_t k = 0; k < n_tables; k++) {
			free(tables[k].base);
			free(tables[k].path);
		}
		n_tables = 0;
	}
	pthread_mutex_unlock(&tables_lock);
}

static bool accepts(void *ctx, const char *word)
{
	return Hunspell_spell((Hunhandle *)ctx, word) != 0;
}

/*
 * In a child of a child of the process (so that no zombie is left, and the
 * run does not wait), niced, with no open file but /dev/null on 0, 1 and 2:
 * makes the word tables of `n` dictionaries with their fresh handles.
 */
static void make_in_background(char **base, char **path, Hunhandle **h, size_t n)
{
	pid_t pid = fork();
	if (pid < 0)
		return;
	if (pid > 0) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		return;
	}
	if (fork() != 0)
		_exit(0);
	/* only this thread lives on here: nothing below takes a lock another held */
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3 && null >= 0; fd++)
		dup2(null, fd);
	long max = sysconf(_SC_OPEN_MAX);
	for (long fd = 3; fd < (max > 0 && max < 65536 ? max : 1024); fd++)
		close((int)fd);
	if (nice(10) < 0) {
		/* the table is made at the normal priority */
	}
	for (size_t i = 0; i < n; i++) {
		size_t forms;
		rrm_wordtab_build(base[i], path[i], accepts, h[i], &forms);
	}
	_exit(0);
}

/*
 * Makes the word table of each dictionary that has none, with its fresh
 * handle (before the house words are added): in the background, so that
 * the run that finds none does not wait (the next one uses it), except
 * with RRM_WORD_TABLE=now (made now, then used: the tests and the
 * benchmark) or =use (only used), or in CI (CI set and not empty: a fresh
 * machine each run, where the table would not be used again).
 */
static void make_tables(struct rrm_speller *sp)
{
	const char *mode = getenv("RRM_WORD_TABLE");
	bool now = mode && !strcmp(mode, "now");
	const char *ci = getenv("CI");
	if ((mode && !strcmp(mode, "use")) || (!now && ci && *ci))
		return;
	char *base[MAX_HANDLES], *path[MAX_HANDLES];
	Hunhandle *h[MAX_HANDLES];
	size_t n = 0;
	pthread_mutex_lock(&tables_lock);
	for (size_t i = 0; i < sp->n_handles; i++) {
		struct table_entry *t = sp->tab[i] || !sp->h[i] ? NULL : table_entry(sp->base[i]);
		if (!t || !t->path || t->tab || t->started)
			continue;
		t->started = true; /* once a process */
		base[n] = sp->base[i];
		path[n] = rrm_strdup(t->path);
		h[n++] = sp->h[i];
	}
	pthread_mutex_unlock(&tables_lock);
	if (!n)
		return;
	if (!now) {
		make_in_background(base, path, h, n);
		for (size_t i = 0; i < n; i++)
			free(path[i]);
		return;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; i < n; i++) {
		size_t forms;
		rrm_wordtab_build(base[i], path[i], accepts, h[i], &forms);
		free(path[i]);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	sp->stats.table_seconds +=
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	pthread_mutex_lock(&tables_lock);
	for (size_t i = 0; i < sp->n_bases; i++) {
		struct table_entry *t = table_entry(sp->base[i]);
		if (t && !t->tab)
			t->tried = false;
	}
	pthread_mutex_unlock(&tables_lock);
	open_tables(sp);
}

/*
 * The loaded dictionaries, shared by the spellers with the same id (the same
 * dictionaries, house words and rejects: the workers of a run): one copy of
 * each in memory (7 to 9 MiB for en_US). Every call into a shared handle
 * holds hunspell_lock; most words never get there (the word tables).
 */
#define MAX_SHARED 16
static struct shared {
	uint64_t id;
	Hunhandle *h[MAX_HANDLES];
	size_t n, users;
} shared[MAX_SHARED];

/* Loads the dictionaries and adds the house words: the costly part, done on first use. */
static void load_now(struct rrm_speller *sp)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_mutex_lock(&hunspell_lock);
	for (size_t k = 0; k < MAX_SHARED; k++)
		if (shared[k].users && shared[k].id == sp->id && shared[k].n == sp->n_bases) {
			shared[k].users++;
			memcpy(sp->h, shared[k].h, sizeof sp->h);
			sp->n_handles = shared[k].n;
			sp->shared = true;
			pthread_mutex_unlock(&hunspell_lock);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			sp->load_seconds = (double)(t1.tv_sec - t0.tv_sec) +
					   (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
			return;
		}
	for (size_t i = 0; i < sp->n_bases; i++) {
		char *aff = rrm_asprintf("%s.aff", sp->base[i]),
		     *dic = rrm_asprintf("%s.dic", sp->base[i]);
		sp->h[sp->n_handles++] = Hunspell_create(aff, dic);
		free(aff);
		free(dic);
	}
	pthread_mutex_unlock(&hunspell_lock);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	sp->load_seconds =
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (sp->n_tabs < sp->n_bases)
		make_tables(sp);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t k = 0; k < sp->n_house; k++)
		for (size_t i = 0; i < sp->n_handles; i++)
			Hunspell_add(sp->h[i], sp->house[k]);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	sp->load_seconds +=
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	/* for the other spellers of the run (a second speller that loaded meanwhile keeps its own)
	 */
	pthread_mutex_lock(&hunspell_lock);
	for (size_t k = 0; k < MAX_SHARED && !sp->shared; k++)
		if (!shared[k].users) {
			shared[k] = (struct shared){.id = sp->id, .n = sp->n_handles, .users = 1};
			memcpy(shared[k].h, sp->h, sizeof sp->h);
			sp->shared = true;
		}
	pthread_mutex_unlock(&hunspell_lock);
}

/* Waits for rrm_speller_preload's thread, if one is loading. */
static void join_preload(struct rrm_speller *sp)
{
	if (!sp->preloading)
		return;
	pthread_join(sp->preload, NULL);
	sp->preloading = false;
}

static void load(struct rrm_speller *sp)
{
	if (sp->preloading) { /* already being loaded: wait for it */
		join_preload(sp);
		sp->loaded = true;
		return;
	}
	if (sp->loaded)
		return;
	sp->loaded = true;
	load_now(sp);
}

static void *preload_main(void *arg)
{
	load_now(arg);
	return NULL;
}

void rrm_speller_preload(struct rrm_speller *sp)
{
	/* with a table missing, loading makes it, which changes sp->tab: not beside a reader */
	if (sp->loaded || sp->preloading || sp->n_tabs < sp->n_bases)
		return;
	sp->preloading = pthread_create(&sp->preload, NULL, preload_main, sp) == 0;
}

uint64_t rrm_speller_id(const struct rrm_speller *sp)
{
	return sp->id;
}

void rrm_speller_set_prior(struct rrm_speller *sp, const struct rrm_map *prior)
{
	sp->prior = prior;
}

const struct rrm_map *rrm_speller_verdicts(const struct rrm_speller *sp)
{
	return &sp->cache;
}

/*
 * Freeing a dictionary costs as much as loading it (20 ms): a command that
 * exits right after its run keeps them (rrm_spell_keep_at_exit), reachable
 * from here, and the system takes the memory back.
 */
static bool park_handles;
static Hunhandle *volatile parked[64]; /* read by nothing: volatile, so the stores stay */
static size_t n_parked;

void rrm_spell_keep_at_exit(void)
{
	pthread_mutex_lock(&hunspell_lock);
	park_handles = true;
	pthread_mutex_unlock(&hunspell_lock);
}

void rrm_speller_free(struct rrm_speller *sp)
{
	if (!sp)
		return;
	join_preload(sp);
	pthread_mutex_lock(&hunspell_lock);
	bool last = true; /* the last speller that uses these handles */
	for (size_t k = 0; k < MAX_SHARED && sp->shared && sp->n_handles; k++)
		if (shared[k].users && shared[k].h[0] == sp->h[0]) {
			last = --shared[k].users == 0;
			break;
		}
	for (size_t i = 0; last && i < sp->n_handles; i++) {
		if (park_handles && n_parked < sizeof parked / sizeof *parked)
			parked[n_parked++] = sp->h[i];
		else
			Hunspell_destroy(sp->h[i]);
	}
	pthread_mutex_unlock(&hunspell_lock);
	close_tables(sp);
	for (size_t i = 0; i < sp->n_bases; i++)
		free(sp->base[i]);
	for (size_t i = 0; i < sp->n_house; i++)
		free(sp->house[i]);
	free(sp->house);
	rrm_map_release(&sp->cache);
	rrm_map_release(&sp->reject);
	rrm_map_release(&sp->house_forms);
	if (sp->release_attached)
		sp->release_attached(sp->attached);
	free(sp);
}

const char *const *rrm_speller_house_words(const struct rrm_speller *sp, size_t *n)
{
	*n = sp->n_house;
	return (const char *const *)sp->house;
}

void *rrm_speller_attachment(const struct rrm_speller *sp)
{
	return sp->attached;
}

void rrm_speller_attach(struct rrm_speller *sp, void *data, void (*release)(void *))
{
	if (sp->release_attached)
		sp->release_attached(sp->attached);
	sp->attached = data;
	sp->release_attached = release;
}

void rrm_wordset_add(struct rrm_wordset *s, const char *word, size_t len)
{
	size_t nl;
	char *w = normalise(word, len, &nl);
	rrm_map_put(&s->t, w, nl);
	free(w);
}

void rrm_speller_stats(const struct rrm_speller *sp, struct rrm_spell_stats *st)
{
	*st = sp->stats;
	st->distinct = sp->cache.n;
	st->loaded = sp->loaded;
	st->load_seconds = sp->loaded ? sp->load_seconds : 0; /* a preload may be running */
	st->tables = sp->n_tabs;
}

/* Case helpers on normalised words. */

static char *lower(const char *w, size_t n)
{
	bool ascii = true;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = (unsigned char)w[i] < 0x80;
	if (ascii) {
		char *r = rrm_strndup(w, n);
		for (size_t i = 0; i < n; i++)
			r[i] = (char)tolower((unsigned char)r[i]);
		return r;
	}
	utf8proc_uint8_t *r = NULL;
	utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &r, UTF8PROC_CASEFOLD);
	if (!r)
		return rrm_strndup(w, n);
	char *s = rrm_strdup((char *)r);
	free(r);
	return s;
}

/* "SOLEIMANI" -> "Soleimani" */
static char *capitalised(const char *w, size_t n)
{
	char *l = lower(w, n);
	size_t cw;
	int32_t cp = cp_at(l, strlen(l), 0, &cw);
	utf8proc_uint8_t up[4];
	utf8proc_ssize_t ul = utf8proc_encode_char(utf8proc_toupper(cp), up);
	char *r = rrm_asprintf("%.*s%s", (int)ul, (char *)up, l + cw);
	free(l);
	return r;
}

/* "McDonald" -> "MCDONALD" */
static char *upper(const char *w, size_t n)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (size_t i = 0; i < n;) {
		size_t cw;
		int32_t cp = cp_at(w, n, i, &cw);
		utf8proc_uint8_t up[4];
		utf8proc_ssize_t ul = utf8proc_encode_char(utf8proc_toupper(cp), up);
		rrm_buf_add(&b, (char *)up, (size_t)ul);
		i += cw;
	}
	return rrm_buf_detach(&b);
}

static bool all_upper(const char *w, size_t n)
{
	size_t letters = 0;
	for (size_t i = 0; i < n;) {
		size_t cw;
		int32_t cp = cp_at(w, n, i, &cw);
		if (is_letter(cp)) {
			if (!is_upper(cp))
				return false;
			letters++;
		}
		i += cw;
	}
	return letters >= 2;
}

static bool in_set(const struct rrm_map *t, const char *w, size_t n)
{
	if (!t || !t->n)
		return false;
	if (rrm_map_get(t, w, n))
		return true;
	char *l = lower(w, n);
	bool found = rrm_map_get(t, l, strlen(l)) != NULL;
	free(l);
	if (!found && all_upper(w, n)) {
		char *c = capitalised(w, n);
		found = rrm_map_get(t, c, strlen(c)) != NULL;
		free(c);
	}
	return found;
}

/*
 * What hunspell accepts of the house words it was given (Hunspell_add, no
 * affixes): the word as written, in capitals, and Capitalised when it is in
 * small letters; made on first use.
 */
static bool house_ok(struct rrm_speller *sp, const char *w, size_t n)
{
	if (!sp->n_house)
		return false;
	if (!sp->house_forms.n) {
		for (size_t k = 0; k < sp->n_house; k++) {
			const char *h = sp->house[k];
			size_t hl = strlen(h);
			rrm_map_put(&sp->house_forms, h, hl);
			char *l = lower(h, hl);
			bool small = !strcmp(l, h);
			free(l);
			char *up = upper(h, hl);
			rrm_map_put(&sp->house_forms, up, strlen(up));
			free(up);
			if (small) {
				char *c = capitalised(h, hl);
				rrm_map_put(&sp->house_forms, c, strlen(c));
				free(c);
			}
		}
	}
	return rrm_map_get(&sp->house_forms, w, n) != NULL;
}

/*
 * Whether a word table accepts the normalised word: found, or made of words
 * it holds joined by at most four hyphens (hunspell's default BREAK). With
 * `suggest`, words hunspell never suggests (NOSUGGEST) are not.
 */
static bool table_ok(const struct rrm_speller *sp, const char *w, size_t n, bool suggest)
{
	for (size_t i = 0; i < sp->n_bases; i++) {
		if (!sp->tab[i])
			continue;
		int f = rrm_wordtab_get(sp->tab[i], w, n);
		if (f && !(suggest && ((f - 1) & RRM_WORDTAB_NOSUGGEST)))
			return true;
	}
	if (suggest || n < 3 || !memchr(w, '-', n))
		return false;
	size_t hyphens = 0;
	for (size_t i = 0; i < n; i++)
		hyphens += w[i] == '-';
	if (hyphens > 4 || w[0] == '-' || w[n - 1] == '-')
		return false;
	for (size_t s = 0; s < n;) {
		size_t e = s;
		while (e < n && w[e] != '-')
			e++;
		if (e == s || !table_ok(sp, w + s, e - s, false))
			return false;
		s = e + 1;
	}
	return true;
}

static bool hunspell_ok(struct rrm_speller *sp, const char *w)
{
	load(sp);
	bool ok = false;
	pthread_mutex_lock(&hunspell_lock);
	for (size_t i = 0; i < sp->n_handles && !ok; i++)
		ok = Hunspell_spell(sp->h[i], w) != 0;
	pthread_mutex_unlock(&hunspell_lock);
	return ok;
}

/* Is the normalised word known? Cached per distinct word. */
static bool known(struct rrm_speller *sp, const char *w, size_t n, const struct rrm_wordset *extra)
{
	struct rrm_map_entry *e = rrm_map_put(&sp->cache, w, n);
	if (!e->value) {
		const struct rrm_map_entry *p = sp->prior ? rrm_map_get(sp->prior, w, n) : NULL;
		if (p && (p->value == 1 || p->value == 2)) {
			e->value = p->value;
		} else if (table_ok(sp, w, n, false) || house_ok(sp, w, n)) {
			sp->stats.table_hits++;
			e->value = 1;
		} else {
			sp->stats.lookups++;
			e->value = hunspell_ok(sp, e->key) ? 1 : 2;
		}
	}
	return e->value == 1 || (extra && in_set(&extra->t, w, n));
}

static const struct rrm_map_entry *rejected(const struct rrm_speller *sp, const char *w, size_t n)
{
	if (!sp->reject.n)
		return NULL;
	char *l = lower(w, n);
	const struct rrm_map_entry *e = rrm_map_get(&sp->reject, l, strlen(l));
	free(l);
	return e;
}

/* Is the normalised word known, allowing a possessive 's or an elided d'/l'? */
static bool known_forms(struct rrm_speller *sp, const char *w, size_t n,
			const struct rrm_wordset *extra, size_t *stem)
{
	*stem = n;
	if (known(sp, w, n, extra))
		return true;
	if (n > 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S')) {
		*stem = n - 2;
		if (known(sp, w, n - 2, extra))
			return true;
	}
	return false;
}

/* "etc.", "Capt.": an abbreviation the dictionary holds with its full stop. */
static bool dotted_known(struct rrm_speller *sp, const char *w, size_t n, unsigned flags)
{
	if (!(flags & RRM_WORD_DOT) || n > MAX_WORD)
		return false;
	char buf[MAX_WORD + 2];
	memcpy(buf, w, n);
	buf[n] = '.';
	buf[n + 1] = '\0';
	return known(sp, buf, n + 1, NULL);
}

/* The -ise form of an -ize word: the 'z' to change, or -1. */
static long ize_position(const char *w, size_t n)
{
	static const char *const endings[] = {"e",      "es",      "ed", "ing", "ation",
					      "ations", "ational", "er", "ers", "able"};
	for (size_t k = 0; k < sizeof endings / sizeof *endings; k++) {
		size_t el = strlen(endings[k]);
		if (n < el + 2 + 4)
			continue;
		size_t z = n - el - 1;
		if (strncasecmp(w + n - el, endings[k], el) == 0 &&
		    tolower((unsigned char)w[z]) == 'z' && tolower((unsigned char)w[z - 1]) == 'i')
			return (long)z;
	}
	return -1;
}

struct part_report {
	void (*report)(void *ctx, size_t off, size_t len, enum rrm_spell_problem, const char *hint);
	void *ctx;
};

/* A combining mark (Mn, Mc, Me): NFC may join it to the character before. */
static bool is_mark(int32_t cp)
{
	if (cp < 0x300)
		return false;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

/*
 * Maps a byte offset of the normalised word back to the original, where
 * apostrophes and NFC (accents written as combining marks, say) differ:
 * the first boundary of the original, not before a mark, whose normalised
 * prefix is at least `norm_off` bytes long.
 */
static size_t orig_offset(const char *orig, size_t olen, size_t norm_off)
{
	if (norm_off == 0)
		return 0;
	bool ascii = true; /* but for apostrophes, which normalise to one byte each */
	for (size_t i = 0; i < olen && ascii;) {
		size_t cw;
		int32_t cp = cp_at(orig, olen, i, &cw);
		ascii = cp < 0x80 || is_apostrophe(cp);
		i += cw;
	}
	size_t i = 0, k = 0;
	if (ascii) {
		while (i < olen && k < norm_off) {
			size_t cw;
			int32_t cp = cp_at(orig, olen, i, &cw);
			k += is_apostrophe(cp) ? 1 : cw;
			i += cw;
		}
		return i;
	}
	while (i < olen) {
		size_t cw;
		cp_at(orig, olen, i, &cw);
		i += cw;
		size_t nw;
		if (i < olen && is_mark(cp_at(orig, olen, i, &nw)))
			continue; /* a mark belongs to the character before it */
		size_t nl;
		free(normalise(orig, i, &nl));
		if (nl >= norm_off)
			break;
	}
	return i;
}

/*
 * Checks one word or one part of a hyphenated word; `base` is its offset in
 * the token. Returns true when it is fine.
 */
static bool check_part(struct rrm_speller *sp, const char *w, size_t n, size_t base, unsigned flags,
		       const struct rrm_wordset *extra, const struct part_report *pr,
		       bool do_report)
{
	size_t nl;
	char *norm = normalise(w, n, &nl);
	bool ok = true;
	const struct rrm_map_entry *rej = rejected(sp, norm, nl);
	size_t stem = nl, rej_len = n;
	if (!rej && nl > 2 && norm[nl - 2] == '\'' &&
	    (norm[nl - 1] == 's' || norm[nl - 1] == 'S')) {
		rej = rejected(sp, norm, nl - 2); /* Daesh's */
		rej_len = orig_offset(w, n, nl - 2);
	}
	if (rej) {
		if (do_report)
			pr->report(pr->ctx, base, rej_len, RRM_SPELL_REJECTED, rej->text);
		ok = false;
		goto out;
	}
	/* words that are not checked */
	size_t letters = 0;
	bool digit = false, latin = true;
	int32_t first = -1;
	for (size_t i = 0; i < nl;) {
		size_t cw;
		int32_t cp = cp_at(norm, nl, i, &cw);
		if (first < 0)
			first = cp;
		if (is_letter(cp)) {
			letters++;
			latin &= is_latin(cp);
		} else if (cp == '_' || (cp < 0x80 && isdigit(cp)) ||
			   (cp >= 0x80 && !is_letter(cp) &&
			    utf8proc_category(cp) >= UTF8PROC_CATEGORY_ND &&
			    utf8proc_category(cp) <= UTF8PROC_CATEGORY_NO)) {
			digit = true;
		}
		i += cw;
	}
	if (digit || letters < 2 || !latin)
		goto out;
	size_t core = nl;
	if (nl > 2 && norm[nl - 2] == '\'' && (norm[nl - 1] == 's' || norm[nl - 1] == 'S'))
		core = nl - 2;
	if (!sp->acronyms_check && (all_upper(norm, core) || (core > 2 && norm[core - 1] == 's' &&
							      all_upper(norm, core - 1))))
		goto out;
	if (sp->skip_title_case && !(flags & RRM_WORD_SENTENCE_START) && first >= 0 &&
	    is_upper(first))
		goto out;
	if (nl > 3 && norm[1] == '\'' && strchr("dDlL", norm[0]) && !known(sp, norm, nl, extra)) {
		/* French elision: d'Ivoire, l'Express: check what follows */
		size_t skip = orig_offset(w, n, 2);
		ok = check_part(sp, w + skip, n - skip, base + skip, 0, extra, pr, do_report);
		goto out;
	}
	if (!known_forms(sp, norm, nl, extra, &stem) && !dotted_known(sp, norm, nl, flags)) {
		ok = false;
		if (do_report)
			pr->report(pr->ctx, base, orig_offset(w, n, stem), RRM_SPELL_UNKNOWN, NULL);
		goto out;
	}
	if (sp->variant_ise && do_report) {
		long z = ize_position(norm, stem);
		if (z >= 0) {
			char *v = rrm_strndup(norm, stem);
			v[z] = v[z] == 'Z' ? 'S' : 's';
			if (table_ok(sp, v, strlen(v), false) || hunspell_ok(sp, v)) {
				char *hint = rrm_strndup(w, orig_offset(w, n, stem));
				hint[orig_offset(w, n, (size_t)z)] = v[z];
				pr->report(pr->ctx, base, orig_offset(w, n, stem),
					   RRM_SPELL_VARIANT, hint);
				free(hint);
			}
			free(v);
		}
	}
out:
	free(norm);
	return ok;
}

/* English prefixes written with a hyphen: pre-release, co-founder, non-binding. */
static bool is_prefix(const char *w, size_t n)
{
	static const char *const prefixes[] = {
		"anti",  "auto",  "bi",    "co",    "counter", "cross", "de",     "ex",   "extra",
		"hyper", "inter", "intra", "macro", "meta",    "micro", "mid",    "mini", "multi",
		"neo",   "non",   "over",  "post",  "pre",     "pro",   "pseudo", "re",   "semi",
		"sub",   "super", "trans", "tri",   "ultra",   "un",    "under",  "vice"};
	if (n > 7)
		return false;
	char l[8];
	for (size_t i = 0; i < n; i++)
		l[i] = (char)tolower((unsigned char)w[i]);
	l[n] = '\0';
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
		if (!strcmp(l, prefixes[i]))
			return true;
	return false;
}

void rrm_speller_check(struct rrm_speller *sp, const char *word, size_t len, unsigned flags,
		       const struct rrm_wordset *extra,
		       void (*report)(void *ctx, size_t off, size_t len, enum rrm_spell_problem,
				      const char *hint),
		       void *ctx)
{
	struct part_report pr = {report, ctx};
	sp->stats.tokens++;
	if (len > MAX_WORD)
		return;
	if (!memchr(word, '-', len)) {
		check_part(sp, word, len, 0, flags, extra, &pr, true);
		return;
	}
	/* A hyphenated compound: fine as a whole, or part by part. */
	if (check_part(sp, word, len, 0, flags, extra, &pr, false)) {
		check_part(sp, word, len, 0, flags, extra, &pr, true);
		return;
	}
	size_t nl;
	char *norm = normalise(word, len, &nl);
	bool whole_rejected = rejected(sp, norm, nl) != NULL;
	free(norm);
	if (whole_rejected) {
		check_part(sp, word, len, 0, flags, extra, &pr, true);
		return;
	}
	for (size_t s = 0; s < len;) {
		size_t e = s;
		while (e < len && word[e] != '-')
			e++;
		if (!(e < len && is_prefix(word + s, e - s)))
			check_part(sp, word + s, e - s, s, s == 0 ? flags : 0, extra, &pr, true);
		s = e + 1;
	}
}

/* True when `sugg` is `word` with a hyphen or a space put in. */
static bool is_split(const char *sugg, const char *word)
{
	size_t sl = strlen(sugg), wl = strlen(word);
	if (sl != wl + 1)
		return false;
	for (size_t i = 0; i < sl; i++)
		if ((sugg[i] == '-' || sugg[i] == ' ') && !strncmp(sugg, word, i) &&
		    !strcmp(sugg + i + 1, word + i))
			return true;
	return false;
}

/* Letters tried for edit-distance-1 suggestions, most frequent first (as hunspell's TRY). */
static const char *const try_letters[] = {
	"e", "s", "i", "a", "n", "r", "t", "o", "l", "c", "d", "u", "g", "m",
	"f", "p", "h", "b", "y", "v", "k", "w", "z", "q", "j", "x", /* then, for words that have
								       any: */
	"é", "ó", "ö", "â", "ô", "ç", "è", "î", "ê", "à", "ï", "ü", "ä", "ñ"};
#define N_ASCII_TRY 26
#define N_TRY (sizeof try_letters / sizeof *try_letters)

struct candidate {
	char *word;
	int rank; /* lower is better */
};

static int cmp_candidate(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return strcmp(x->word, y->word);
}

struct cands {
	struct candidate *v;
	size_t n, cap;
};

static void try_candidate(struct rrm_speller *sp, struct cands *c, const char *w, int rank)
{
	if (strchr(w, '-')) /* hunspell accepts "col-or" as a compound */
		return;
	size_t wl = strlen(w);
	if (sp->n_tabs == sp->n_bases ? !table_ok(sp, w, wl, true) && !house_ok(sp, w, wl)
				      : !hunspell_ok(sp, w))
		return;
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].word, w)) {
			if (rank < c->v[i].rank)
				c->v[i].rank = rank;
			return;
		}
	c->v = rrm_grow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = (struct candidate){rrm_strdup(w), rank};
}

/*
 * Words one edit away that the dictionaries (house words included) accept:
 * a changed letter case, two letters swapped, one letter dropped, added or
 * changed. Each costs a few hundred dictionary lookups, well under a
 * millisecond, where hunspell's own suggest costs tens.
 */
static size_t edit1(struct rrm_speller *sp, const char *w, char **out, size_t max)
{
	size_t n = strlen(w);
	if (n == 0 || n > MAX_WORD)
		return 0;
	/* code point boundaries */
	size_t bounds[MAX_WORD + 2], nb = 0;
	for (size_t i = 0; i < n;) {
		size_t cw;
		cp_at(w, n, i, &cw);
		bounds[nb++] = i;
		i += cw;
	}
	bounds[nb] = n;
	struct cands c = {0};
	char buf[MAX_WORD * 2 + 16];
	size_t n_try = N_TRY;
	bool ascii = true;
	for (size_t i = 0; i < n; i++)
		ascii &= (unsigned char)w[i] < 0x80;
	if (ascii)
		n_try = N_ASCII_TRY;
	/* case: Nato -> NATO, iraq -> Iraq */
	char *l = lower(w, n), *cap = capitalised(w, n);
	if (strcmp(cap, w))
		try_candidate(sp, &c, cap, 150); /* after a swap: "centre" before "Center" */
	free(l);
	free(cap);
	for (size_t k = 0; k + 1 < nb; k++) { /* swap k, k+1 */
		size_t a = bounds[k], b = bounds[k + 1], e = bounds[k + 2];
		snprintf(buf, sizeof buf, "%.*s%.*s%.*s%s", (int)a, w, (int)(e - b), w + b,
			 (int)(b - a), w + a, w + e);
		try_candidate(sp, &c, buf, 100);
	}
	for (size_t k = 0; k < nb; k++) { /* drop k */
		size_t a = bounds[k], b = bounds[k + 1];
		snprintf(buf, sizeof buf, "%.*s%s", (int)a, w, w + b);
		try_candidate(sp, &c, buf, 200);
	}
	for (size_t k = 0; k <= nb; k++) /* add before k */
		for (size_t t = 0; t < n_try; t++) {
			size_t a = bounds[k];
			snprintf(buf, sizeof buf, "%.*s%s%s", (int)a, w, try_letters[t], w + a);
			try_candidate(sp, &c, buf, 300 + (int)t);
		}
	for (size_t k = 0; k < nb; k++) /* change k */
		for (size_t t = 0; t < n_try; t++) {
			size_t a = bounds[k], b = bounds[k + 1];
			snprintf(buf, sizeof buf, "%.*s%s%s", (int)a, w, try_letters[t], w + b);
			try_candidate(sp, &c, buf, 400 + (int)t);
		}
	if (c.n > 1)
		qsort(c.v, c.n, sizeof *c.v, cmp_candidate);
	size_t k = 0;
	for (size_t i = 0; i < c.n; i++) {
		if (k < max && strcmp(c.v[i].word, w))
			out[k++] = c.v[i].word;
		else
			free(c.v[i].word);
	}
	free(c.v);
	return k;
}

size_t rrm_speller_suggest(struct rrm_speller *sp, const char *word, char **out, size_t max,
			   bool deep, bool *near)
{
	if (near)
		*near = false;
	if (!sp->n_bases)
		return 0;
	size_t nl;
	char *norm = normalise(word, strlen(word), &nl);
	size_t k = edit1(sp, norm, out, max);
	if (k || !deep) {
		if (near)
			*near = k > 0;
		free(norm);
		return k;
	}
	char **list = NULL;
	load(sp);
	pthread_mutex_lock(&hunspell_lock);
	int n = Hunspell_suggest(sp->h[0], &list, norm);
	pthread_mutex_unlock(&hunspell_lock);
	free(norm);
	/* A split of the word itself ("col or", "col-or") helps only when it is all there is. */
	size_t splits = 0;
	for (int i = 0; i < n; i++)
		splits += is_split(list[i], word);
	for (int i = 0; i < n && k < max; i++)
		if (!strchr(list[i], ' ') && (!is_split(list[i], word) || splits == (size_t)n))
			out[k++] = rrm_strdup(list[i]);
	if (n > 0) {
		pthread_mutex_lock(&hunspell_lock);
		Hunspell_free_list(sp->h[0], &list, n);
		pthread_mutex_unlock(&hunspell_lock);
	}
	return k;
}

bool rrm_speller_known(struct rrm_speller *sp, const char *word)
{
	size_t nl;
	char *norm = normalise(word, strlen(word), &nl);
	bool ok = table_ok(sp, norm, nl, false) || house_ok(sp, norm, nl) || hunspell_ok(sp, norm);
	free(norm);
	return ok;
}
