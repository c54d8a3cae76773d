/*
 * names.c - style/name-variant: one name written two ways in an article
 * (Gaddafi and Qaddafi, Mohammed and Muhammad), or a variant of a name of the
 * house dictionaries. Whether two names are variants is variant.c's to say;
 * this file decides which words are names and which spelling is reported.
 *
 * A name is a word of the prose (the tokens of the spelling check) that
 * starts with a capital and has a small letter (NATO is an acronym), no
 * digit, and that the spelling check does not report (a misspelt word is
 * its finding already). A possessive counts as its name (Khamenei’s is
 * Khamenei). Not names: words the dictionary knows in lower case ("Said",
 * "Rose", "Party": a capital of the sentence or of a title); without a
 * dictionary (spelling off), a word capitalised only where a sentence starts.
 * Two capitalised words with one space between are also compared, as one
 * name, with a word they may be written as (Al Sadr, Al-Sadr, Alsadr).
 *
 * Not compared, as names of two people: two names each always written next
 * to another name on the same side, those two not one name (Alan Jeffrey,
 * Allen Smith); two names written only in runs of capitalised words (a list
 * of contributors, "Evan" and "Ivan Kozik"); names that differ only in case
 * or the apostrophe (Pre-Aggregation, I’m: a title's case, the quotes rule's).
 *
 * Of two spellings of one name in an article, the one the house dictionary
 * holds wins, then the one written more often, then the earlier: every
 * occurrence of the other is reported, naming the winner and its line, with
 * the winner as the fix. A house-dictionary word is never reported (the house
 * spells both). A name that is no variant of another in the article, that the
 * spelling check accepts but the dictionaries do not know (it is in the
 * article's own word list, or a capital skipped mid-sentence), and that is a
 * variant of a house name, is reported with the house name as the fix (with
 * no fix when it is a variant of several). A name the dictionary knows is a
 * name in its own right (Fatah is no spelling of the house's Fattah, nor
 * Muhammad, the Prophet, of Mohammed).
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lib/article.h"
#include "lib/diag.h"
#include "lib/spell.h"
#include "lint/lint.h"
#include "lint/variant.h"

/* One occurrence of a name in the source. */
struct occ {
	const struct rrm_prose *p; /* its run, and its offset in the run's text */
	size_t text_off;
	size_t len;        /* bytes (the possessive left out) */
	size_t name;       /* index in the article's names */
	size_t prev, next; /* the capitalised words just before and after (occurrences), or NONE */
	bool pair;
	bool listed; /* in a run of capitalised words only (a list of names, a title) */
};

#define NONE SIZE_MAX

/* A distinct name of the article. */
struct name {
	const char *s;              /* the source's bytes: occurrence `first`'s */
	struct rrm_name_form *form; /* folded, when it is compared; or NULL */
	size_t len;
	size_t count, first; /* occurrences; the first one's index */
	int key;             /* rrm_name_variant_key */
	bool pair;           /* two words, one space between */
	bool eligible, house;
	size_t best; /* the spelling it is reported against, or SIZE_MAX */
	/* else the house names it is a variant of: how many, the first */
	size_t house_hits;
	const char *house_form;
	/* the name written just before and after it, when always the same one, or NONE */
	size_t before, after;
	bool placed;
	bool in_prose;    /* written at least once among small words, not only in lists */
	signed char word; /* 1: the dictionary knows it in lower case; -1: not; 0: not asked */
};

struct rrm_names {
	const struct rrm_article *a;
	const struct rrm_prose *p; /* the run the last word came from */
	size_t run_from;           /* its first occurrence */
	struct rrm_speller *sp;
	struct occ *occ;
	size_t n_occ, cap_occ;
	struct rrm_map index; /* name -> 1 + its index */
	struct name *v;
	size_t n, cap;
	/* the previous word, for names of two words */
	size_t prev_len, prev_occ, prev_off;
	bool prev_name, prev_sentence;
	bool capitals_only; /* every word of the run so far starts with a capital */
};

/* ---- the house names, indexed once per speller ---- */

struct house_name {
	const char *w;
	size_t len;
	int key;
};

struct house_index {
	struct house_name *by_key; /* sorted by key */
	size_t n;
	const char **sorted; /* the words, sorted, for membership */
};

static int by_key(const void *x, const void *y)
{
	const struct house_name *a = x, *b = y;
	return a->key != b->key ? (a->key < b->key ? -1 : 1) : strcmp(a->w, b->w);
}

static int by_word(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void house_release(void *data)
{
	struct house_index *h = data;
	free(h->by_key);
	free(h->sorted);
	free(h);
}

/* Whether s[0..n) starts with a capital and holds a small letter and no digit. */
static bool capitalised(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k =
		utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
	if (k <= 0)
		return false;
	utf8proc_category_t c = utf8proc_category(cp);
	if (c != UTF8PROC_CATEGORY_LU && c != UTF8PROC_CATEGORY_LT)
		return false;
	bool small = false;
	for (size_t i = (size_t)k; i < n;) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) { /* ASCII: no decoding */
			if (b >= '0' && b <= '9')
				return false;
			small |= b >= 'a' && b <= 'z';
			i++;
			continue;
		}
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i),
				     &cp);
		if (k <= 0)
			return false;
		c = utf8proc_category(cp);
		if (c == UTF8PROC_CATEGORY_ND)
			return false;
		small |= c == UTF8PROC_CATEGORY_LL;
		i += (size_t)k;
	}
	return small;
}

static const struct house_index *house_of(struct rrm_speller *sp)
{
	struct house_index *h = rrm_speller_attachment(sp);
	if (h)
		return h;
	size_t n;
	const char *const *w = rrm_speller_house_words(sp, &n);
	h = rrm_calloc(1, sizeof *h);
	h->by_key = rrm_calloc(n ? n : 1, sizeof *h->by_key);
	h->sorted = rrm_calloc(n ? n : 1, sizeof *h->sorted);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(w[i]);
		if (!capitalised(w[i], len) || len > RRM_VARIANT_MAX)
			continue;
		int key = rrm_name_variant_key(w[i], len);
		if (key < 0)
			continue;
		h->sorted[h->n] = w[i];
		h->by_key[h->n++] = (struct house_name){w[i], len, key};
	}
	qsort(h->by_key, h->n, sizeof *h->by_key, by_key);
	qsort(h->sorted, h->n, sizeof *h->sorted, by_word);
	rrm_speller_attach(sp, h, house_release);
	return h;
}

static bool in_house(const struct house_index *h, const char *s, size_t n)
{
	char buf[RRM_VARIANT_MAX + 1];
	if (n > RRM_VARIANT_MAX)
		return false;
	/* the apostrophes as the house words have them: ' (Qur’an is Qur'an) */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
			buf[k++] = '\'';
			i += 2;
		} else {
			buf[k++] = s[i];
		}
	}
	buf[k] = 0;
	const char *key = buf;
	return bsearch(&key, h->sorted, h->n, sizeof *h->sorted, by_word) != NULL;
}

/* ---- the names of an article ---- */

/* The possessive ending of s[0..n) ('s, ’s, ', ’): its length, or 0. */
static size_t possessive(const char *s, size_t n)
{
	if (n >= 4 && !memcmp(s + n - 4, "\xE2\x80\x99s", 4))
		return 4;
	if (n >= 2 && !memcmp(s + n - 2, "'s", 2))
		return 2;
	if (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\x99", 3))
		return 3;
	return n >= 1 && s[n - 1] == '\'' ? 1 : 0;
}

/* Whether the dictionaries know s[0..n) as it is. */
static bool known(struct rrm_speller *sp, const char *s, size_t n)
{
	char *w = rrm_strndup(s, n);
	bool k = rrm_speller_known(sp, w);
	free(w);
	return k;
}

/* Whether the dictionary knows s[0..n) in lower case ("Said": said). */
static bool known_lower(struct rrm_speller *sp, const char *s, size_t n)
{
	utf8proc_uint8_t *low = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &low,
			 UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE) < 0) {
		free(low);
		return false;
	}
	bool known = rrm_speller_known(sp, (const char *)low);
	free(low);
	return known;
}

/* Whether m is a name, not a word the dictionary knows in lower case (asked once). */
static bool is_name(struct rrm_speller *sp, struct name *m)
{
	if (!sp || m->pair)
		return true;
	if (!m->word)
		m->word = known_lower(sp, m->s, m->len) ? 1 : -1;
	return m->word < 0;
}

static size_t add_occ(struct rrm_names *x, size_t text_off, size_t len, bool pair, bool sentence)
{
	const char *s = x->p->text + text_off;
	struct rrm_map_entry *e = rrm_map_put(&x->index, s, len);
	if (!e->value) {
		x->v = rrm_grow(x->v, &x->cap, x->n + 1, sizeof *x->v);
		x->v[x->n] = (struct name){.s = s,
					   .len = len,
					   .first = x->n_occ,
					   .key = rrm_name_variant_key(s, len),
					   .pair = pair,
					   .best = SIZE_MAX,
					   .before = NONE,
					   .after = NONE};
		e->value = (int)++x->n;
	}
	struct name *m = &x->v[e->value - 1];
	m->count++;
	/* without a dictionary, a capital at a sentence's start says nothing */
	if (!sentence || x->sp)
		m->eligible = true;
	x->occ = rrm_grow(x->occ, &x->cap_occ, x->n_occ + 1, sizeof *x->occ);
	x->occ[x->n_occ] =
		(struct occ){x->p, text_off, len, (size_t)(e->value - 1), NONE, NONE, pair, false};
	return x->n_occ++;
}

/* Ends the run of words being read: whether its words were capitals only. */
static void end_run(struct rrm_names *x)
{
	for (size_t k = x->run_from; k < x->n_occ; k++)
		x->occ[k].listed = x->capitals_only;
}

/* Starts the run p (ending the one before). */
static void begin_run(struct rrm_names *x, const struct rrm_prose *p)
{
	if (x->p)
		end_run(x);
	x->p = p;
	x->run_from = x->n_occ;
	x->prev_name = false;
	x->capitals_only = true;
}

void rrm_names_word(void *ctx, const struct rrm_prose *p, size_t off, size_t len, unsigned flags,
		    bool spelt)
{
	struct rrm_names *x = ctx;
	if (p != x->p)
		begin_run(x, p);
	const char *t = p->text + off;
	bool was_name = x->prev_name;
	x->prev_name = false;
	if (!len)
		return;
	unsigned char c0 = (unsigned char)t[0];
	if (c0 < 0x80) { /* most words: ASCII, and small or a digit first */
		if (!(c0 >= 'A' && c0 <= 'Z')) {
			x->capitals_only = false;
			return;
		}
	} else {
		utf8proc_int32_t first;
		if (utf8proc_iterate((const utf8proc_uint8_t *)t, (utf8proc_ssize_t)len, &first) >
			    0 &&
		    utf8proc_category(first) != UTF8PROC_CATEGORY_LU &&
		    utf8proc_category(first) != UTF8PROC_CATEGORY_LT)
			x->capitals_only = false;
	}
	len -= possessive(t, len);
	if (!len || len > RRM_VARIANT_MAX || !capitalised(t, len))
		return;
	if (spelt) /* a misspelt word is the spelling check's finding */
		return;
	size_t k = add_occ(x, off, len, false, flags & RRM_WORD_SENTENCE_START);
	if (was_name && x->prev_off + x->prev_len + 1 == off && p->text[off - 1] == ' ') {
		x->occ[k].prev = x->prev_occ;
		x->occ[x->prev_occ].next = k;
		size_t pk =
			add_occ(x, x->prev_off, off + len - x->prev_off, true, x->prev_sentence);
		x->occ[pk].prev = x->prev_occ; /* the two words it is made of */
		x->occ[pk].next = k;
	}
	x->prev_name = true;
	x->prev_sentence = flags & RRM_WORD_SENTENCE_START;
	x->prev_occ = k;
	x->prev_off = off;

	x->prev_len = len;
}

/* The source offset of an occurrence. */
static size_t source_of(const struct rrm_article *a, const struct occ *o)
{
	return rrm_article_locate(a, o->p, o->text_off);
}

/* Whether names i and j are one, or spellings of one. */
static bool same_name(const struct rrm_names *x, size_t i, size_t j)
{
	const struct name *a = &x->v[i], *b = &x->v[j];
	if (a->form && b->form)
		return i == j || rrm_name_variant_of(a->form, b->form);
	return i == j || rrm_name_variant(a->s, a->len, b->s, b->len);
}

/*
 * Whether m and o are names of two people: each always written next to
 * another name, on the same side, and those two are not one (Alan Jeffrey and
 * Allen Smith; not Muammar Gaddafi and Moammar Qaddafi).
 */
static bool two_people(struct rrm_names *x, const struct name *m, const struct name *o)
{
	/* a neighbour the dictionary knows in lower case is no name ("The Quran") */
	bool before = m->before != NONE && o->before != NONE && is_name(x->sp, &x->v[m->before]) &&
		      is_name(x->sp, &x->v[o->before]);
	bool after = m->after != NONE && o->after != NONE && is_name(x->sp, &x->v[m->after]) &&
		     is_name(x->sp, &x->v[o->after]);
	return (before && !same_name(x, m->before, o->before)) ||
	       (after && !same_name(x, m->after, o->after));
}

/* Whether a[0..an) and b[0..bn) differ only in letter case or the apostrophe (' or ’). */
static bool same_but_case(const char *a, size_t an, const char *b, size_t bn)
{
	utf8proc_uint8_t *fa = NULL, *fb = NULL;
	bool same = false;
	if (utf8proc_map((const utf8proc_uint8_t *)a, (utf8proc_ssize_t)an, &fa,
			 UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE) >= 0 &&
	    utf8proc_map((const utf8proc_uint8_t *)b, (utf8proc_ssize_t)bn, &fb,
			 UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE) >= 0) {
		const char *p = (const char *)fa, *q = (const char *)fb;
		same = true;
		while (same && (*p || *q)) {
			bool ap = *p == '\'' || !strncmp(p, "\xE2\x80\x99", 3);
			bool aq = *q == '\'' || !strncmp(q, "\xE2\x80\x99", 3);
			if (ap && aq) {
				p += *p == '\'' ? 1 : 3;
				q += *q == '\'' ? 1 : 3;
			} else if (*p == *q) {
				p++, q++;
			} else {
				same = false;
			}
		}
	}
	free(fa);
	free(fb);
	return same;
}

/* Whether m outranks o as the spelling to keep: the house's, the more frequent, the earlier. */
static bool outranks(const struct name *m, const struct name *o)
{
	if (m->house != o->house)
		return m->house;
	if (m->count != o->count)
		return m->count > o->count;
	return m->first < o->first;
}

/* Whether the two are compared: a name of two words only with one word that may join them. */
static bool comparable(const struct name *m, const struct name *o)
{
	if (m->pair && o->pair)
		return false;
	if (!m->pair && !o->pair)
		return true;
	const struct name *pair = m->pair ? m : o, *one = m->pair ? o : m;
	const char *space = memchr(pair->s, ' ', pair->len);
	size_t head = space ? (size_t)(space - pair->s) : pair->len;
	return one->len + 1 >= pair->len && one->len <= pair->len + 1 && one->len > head &&
	       !memcmp(one->s, pair->s, head);
}

/* A name's place in the order of comparison: by the class of its first letter. */
struct ranked {
	int key;
	size_t letters; /* of its form */
	size_t name;
};

static int by_rank(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->letters != b->letters)
		return a->letters < b->letters ? -1 : 1;
	return a->name < b->name ? -1 : a->name > b->name;
}

/*
 * The distinct names of an article compared, at most: the first ones written
 * (a real article has hundreds; a list of 50,000 names would cost minutes).
 */
#define NAMES_MAX 4096

struct rrm_names *rrm_names_new(const struct rrm_article *a, struct rrm_speller *sp)
{
	struct rrm_names *x = rrm_calloc(1, sizeof *x);
	x->a = a;
	x->sp = sp;
	return x;
}

void rrm_lint_names(struct rrm_names *names, const struct rrm_article *a, struct rrm_speller *sp,
		    const char *display, struct rrm_sink *s)
{
	if (s->severity[RRM_RULE_STYLE_NAME_VARIANT] == RRM_SEV_OFF) {
		rrm_names_free(names);
		return;
	}
	if (!names)
		return;
	struct rrm_names x = *names;
	free(names);
	if (x.p)
		end_run(&x);
	/* the names each is always written next to */
	for (size_t k = 0; k < x.n_occ; k++) {
		const struct occ *o = &x.occ[k];
		if (o->pair) {
			x.v[o->name].in_prose |= !o->listed;
			continue;
		}
		struct name *m = &x.v[o->name];
		m->in_prose |= !o->listed;
		size_t before = o->prev == NONE ? NONE : x.occ[o->prev].name;
		size_t after = o->next == NONE ? NONE : x.occ[o->next].name;
		if (!m->placed) {
			m->before = before;
			m->after = after;
			m->placed = true;
		}
		if (m->before != before)
			m->before = NONE;
		if (m->after != after)
			m->after = NONE;
	}
	const struct house_index *h = sp ? house_of(sp) : NULL;
	/* the names, folded, by class of first letter and number of letters */
	size_t most = x.n < NAMES_MAX ? x.n : NAMES_MAX;
	struct ranked *order = rrm_calloc(most ? most : 1, sizeof *order);
	struct rrm_name_form *forms = rrm_malloc((most ? most : 1) * sizeof *forms);
	size_t n_order = 0;
	for (size_t i = 0; i < x.n && n_order < most; i++) {
		struct name *m = &x.v[i];
		if (m->key < 0 || !m->eligible || !rrm_name_form(m->s, m->len, &forms[n_order]))
			continue;
		m->form = &forms[n_order];
		m->house = h && in_house(h, m->s, m->len);
		order[n_order] = (struct ranked){m->key, m->form->letters, i};
		n_order++;
	}
	qsort(order, n_order, sizeof *order, by_rank);
	/* each name against those of its class with at most 3 letters more (variants
	 * differ by no more) */
	for (size_t i = 0; i < n_order; i++)
		for (size_t j = i + 1; j < n_order && order[j].key == order[i].key &&
				       order[j].letters <= order[i].letters + 3;
		     j++) {
			struct name *m = &x.v[order[i].name], *o = &x.v[order[j].name];
			if ((m->house && o->house) || (!m->in_prose && !o->in_prose) ||
			    !comparable(m, o) || !rrm_name_variant_of(m->form, o->form) ||
			    same_but_case(m->s, m->len, o->s, o->len) || two_people(&x, m, o) ||
			    !is_name(sp, m) || !is_name(sp, o))
				continue;
			struct name *lose = outranks(m, o) ? o : m;
			size_t win = lose == m ? order[j].name : order[i].name;
			if (lose->best == SIZE_MAX || outranks(&x.v[win], &x.v[lose->best]))
				lose->best = win;
		}
	/* the names no other spelling of the article outranks: variants of house names? */
	for (size_t i = 0; h && i < n_order; i++) {
		struct name *m = &x.v[order[i].name];
		if (m->house || m->pair || m->best != SIZE_MAX || !h->n || known(sp, m->s, m->len))
			continue;
		size_t lo = 0, hi = h->n; /* the first house name of its class */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (h->by_key[mid].key < m->key)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t k = lo; k < h->n && h->by_key[k].key == m->key; k++)
			if (rrm_name_variant(m->s, m->len, h->by_key[k].w, h->by_key[k].len)) {
				m->house_form = m->house_hits ? m->house_form : h->by_key[k].w;
				m->house_hits++;
			}
		if (m->house_hits && !is_name(sp, m))
			m->house_hits = 0;
	}
	/* a name of two words reported: not its words as well (Abu Omar, Omar) */
	bool *covered = rrm_calloc(x.n_occ ? x.n_occ : 1, sizeof *covered);
	for (size_t k = 0; k < x.n_occ; k++) {
		const struct occ *o = &x.occ[k];
		const struct name *m = &x.v[o->name];
		if (o->pair && (m->best != SIZE_MAX || m->house_hits)) {
			covered[o->prev] = true;
			covered[o->next] = true;
		}
	}
	struct rrm_finding *f;
	for (size_t k = 0; k < x.n_occ; k++) {
		const struct occ *o = &x.occ[k];
		const struct name *m = &x.v[o->name];
		char *fix = NULL;
		char *msg = NULL;
		if (covered[k]) {
			continue;
		} else if (m->best != SIZE_MAX) {
			const struct name *w = &x.v[m->best];
			int line, col;
			rrm_article_pos(a, source_of(a, &x.occ[w->first]), &line, &col);
			msg = rrm_asprintf("'%.*s' is written '%.*s' on line %d: one name, two "
					   "spellings",
					   (int)m->len, m->s, (int)w->len, w->s, line);
			/* no fix when the winner loses in turn: which is right is the writer's */
			if (w->best == SIZE_MAX)
				fix = rrm_strndup(w->s, w->len);
		} else if (m->house_hits) {
			msg = rrm_asprintf("'%.*s' is a spelling of the house's '%s'", (int)m->len,
					   m->s, m->house_form);
			fix = m->house_hits == 1 ? rrm_strdup(m->house_form) : NULL;
		} else {
			continue;
		}
		/* where it is written: as it reads, or no finding (an entity): no exact fix */
		size_t src = source_of(a, o);
		if (src + o->len > a->len || memcmp(a->source + src, m->s, o->len)) {
			free(msg);
			free(fix);
			continue;
		}
		int line, col, eline, ecol;
		rrm_article_pos(a, src, &line, &col);
		rrm_article_pos(a, src + o->len, &eline, &ecol);
		f = rrm_sink_add(s, RRM_RULE_STYLE_NAME_VARIANT, display, line, col, eline, ecol,
				 rrm_article_file_offset(a, src), "%s", msg);
		if (f) {
			f->subject = rrm_strndup(m->s, m->len);
			if (fix) {
				rrm_finding_suggest(f, fix);
				/* as the place needs it written (a quoted front-matter value) */
				char *written = rrm_lint_fix_for(a, o->p, o->text_off, fix);
				if (written)
					rrm_finding_fix(f, rrm_article_file_offset(a, src), o->len,
							written);
				free(written);
			}
		}
		free(msg);
		free(fix);
	}
	free(covered);
	free(order);
	free(forms);
	free(x.occ);
	free(x.v);
	rrm_map_release(&x.index);
}

void rrm_names_free(struct rrm_names *x)
{
	if (!x)
		return;
	free(x->occ);
	free(x->v);
	rrm_map_release(&x->index);
	free(x);
}
