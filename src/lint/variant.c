/*
 * variant.c - transliteration variants of a name (Mohammed, Muhammad).
 *
 * A name is folded first: lower case, accents stripped (Erdoğan -> erdogan,
 * ı -> i, ß -> ss), hyphens and spaces dropped (Al-Sadr, Al Sadr, Alsadr),
 * and the marks for ayn and hamza dropped (' ’ ‘ ʿ ʾ ʻ ʼ: Qur'an -> quran,
 * Shi'a -> shia). An apostrophe at the end or before a final s is the
 * possessive, not a hamza: it stays, so Khamenei’s is no spelling of
 * Khamenei. Two names that fold to the same letters are variants (case,
 * accents, hyphens, apostrophes); past that, a name of fewer than 4 letters
 * is never a variant (May/Mai, Ali/Aly, Cai/Tsai: too little to go on).
 *
 * The folded letters are then read as consonants with vowel slots between
 * them (a slot may be empty: Sadr has one vowel slot, between s and d):
 *  - y is a vowel (an i) except at the start of a word: Khomeyni/Khomeini,
 *    Zelenskyy/Zelenskiy/Zelensky, Husayn/Husain, Pezeshkyan/Pezeshkian;
 *  - sh, ch, kh, gh, th, zh, dh, ph are one consonant each; zh is j
 *    (Ahmadinezhad/Ahmadinejad), ph is f (Mustapha/Mustafa);
 *  - q, k and g are one consonant (Qatari/Katari, Qaddafi/Gaddafi/Kadhafi);
 *    dh is d and is z (Qadhafi/Qaddafi, Ramadhan/Ramazan), but d is not z
 *    (so Ramadan/Ramazan is missed). c is not k (Marc/Mark: French and
 *    English names, not a transliteration), gh is not g, kh not k or h;
 *  - a doubled consonant is one (Hassan/Hasan, Odessa/Odesa);
 *  - in a slot, ee is i, oo and ou are u, and a doubled vowel is one
 *    (Kareem/Karim, Seestani/Sistani, Youssef/Yusuf, Kaaba/Ka'ba,
 *    Saeed/Sayeed/Said).
 * The consonants must then be the same, one for one: no consonant may
 * appear, vanish or change otherwise. That is what rejects the plurals,
 * possessives and derivatives (Kurd/Kurds, Sunni/Sunnis, Shia/Shiite,
 * Shia/Shiism, Syria/Syrian, Kurdish/Kurd, Jordan/Jordanian, Gaza/Gazan)
 * and different places (Iran/Iraq, Mali/Malawi, Benin/Berlin, Basra/Barsa,
 * Gambia/Zambia, Latvia/Lithuania). The one exception is an h between two
 * vowels or at the end after one, which may be dropped at the cost of one
 * change (Netanyahu/Netanyau, Khamenehi/Khamenei, Fatimah/Fatima, and so
 * Sarah/Sara, the same name).
 *
 * The vowel slots are compared one for one:
 *  - a slot at the start or the end may not appear or vanish: a vowel added
 *    there is an adjective or another name (Israel/Israeli, Yemen/Yemeni,
 *    Niger/Nigeria, Qatar/Qatari, Ahmad/Hamad);
 *  - a slot inside may appear only as a single e between two consonants,
 *    once, and not in a name with one slot (Tehran/Teheran, but Sadr/Sader
 *    is false: Sader is a name of its own, and a one-syllable name leaves too
 *    little to compare);
 *  - a slot that ends the name (an open final vowel) must be the same after
 *    the normalisations above: the final vowel carries gender and grammar
 *    (Zelensky/Zelenska, Ali/Alia, Mali/Malia, Mali/Male, Sunni/Sunna);
 *  - otherwise two slots may differ in one vowel: o/u and e/i anywhere
 *    (Omar/Umar, Osama/Usama, Rouhani/Rohani, Hezbollah/Hizbollah,
 *    Koran/Quran), a/e before an i (the diphthong ai/ei: Hussein/Husain,
 *    Zainab/Zeinab) anywhere, and a/e, a/u, a/o, u/e only after the first
 *    slot (Mohammed/Muhammad, Nasrallah/Nasrullah, Abdullah/Abdallah,
 *    Hizballah/Hezbollah, Yusuf/Yousef). In the first syllable those are
 *    strong changes, which make another name or place: Hassan/Hussein,
 *    Hasan/Husayn, Putin/Patin, Sudan/Sedan, Paris/Perris, Amman/Oman,
 *    Kabul/Kobul (and Mahdi/Mehdi is missed for it). i/o, i/u, i/a never
 *    (Biden/Boden, Sunni/Sunna).
 * Each differing slot, added e or dropped h is a change. A name with one
 * slot may have none (Gulf/Golf, Trump/Tramp, Homs/Hams, Kiev/Kyiv: a
 * one-syllable name whose vowel changes is another word, and Kiev/Kyiv are
 * two romanisations, Russian and Ukrainian, like Peking/Beijing); otherwise
 * at most half the slots, rounded up, may change (Mohammed/Muhammad: two of
 * three; Hassan/Hussein would be two of two).
 *
 * What the rules cannot see: the vowel of an unstressed English syllable
 * varies like a transliteration's, so Karen/Karin and Austin/Austen count
 * as variants (as Hamid/Hamed do), and so would Mosul/Mosel; a misspelling
 * that looks like a long vowel is one too (Sweden/Sweeden). Two romanisation
 * systems (Mao Zedong/Mao Tse-tung, Zhou/Chou, Luhansk/Lugansk,
 * Kharkiv/Kharkov) are not variants here.
 *
 * Cost: the names are folded (ASCII without utf8proc) and rejected early
 * when their first letters cannot match or their lengths differ by more
 * than 3 letters; everything is on the stack.
 */
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "lint/variant.h"

#define SYM_MAX RRM_VARIANT_SYMBOLS
#define folded rrm_name_form

/* A name as consonants with vowel slots: slot g is vow[off[g]..off[g+1]), before cons[g]. */
struct skeleton {
	int32_t cons[SYM_MAX];
	char vow[SYM_MAX];
	uint16_t off[SYM_MAX + 2];
	size_t m;
};

static bool is_apostrophe(int32_t cp)
{
	return cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BB ||
	       cp == 0x02BC || cp == 0x02BE || cp == 0x02BF;
}

static bool is_separator(int32_t cp)
{
	return cp == ' ' || cp == '-' || cp == 0xA0 || cp == 0x2010 || cp == 0x2011 || cp == 0x202F;
}

static bool is_vowel(int32_t c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Latin letters that decomposition leaves alone, spelt in ASCII. */
static const char *latin(int32_t cp)
{
	switch (cp) {
	case 0xE6: return "ae";
	case 0xF8: return "o";
	case 0x153: return "oe";
	case 0x111:
	case 0xF0: return "d";
	case 0x142: return "l";
	case 0xFE: return "th";
	case 0x131: return "i";
	default: return NULL;
	}
}

static bool push(struct folded *f, int32_t c, bool letter, bool *start)
{
	if (f->n == SYM_MAX)
		return false;
	f->sym[f->n] = c;
	f->word_start[f->n] = *start;
	f->n++;
	f->letters += letter;
	*start = false;
	return true;
}

/* The possessive: the apostrophe at s[i], w bytes, is last or has only an s after it. */
static bool possessive(const char *s, size_t i, size_t w, size_t n)
{
	size_t rest = n - i - w;
	return rest == 0 || (rest == 1 && (s[i + w] == 's' || s[i + w] == 'S'));
}

/* Folds s[0..n) into f; false for invalid UTF-8 or too many symbols. */
static bool fold(const char *s, size_t n, struct folded *f)
{
	f->n = f->letters = 0;
	bool start = true;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp = (unsigned char)s[i];
		size_t w = 1;
		if (cp >= 0x80) {
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							      (utf8proc_ssize_t)(n - i), &cp);
			if (k < 0)
				return false;
			w = (size_t)k;
		}
		if (is_separator(cp)) {
			start = true;
		} else if (is_apostrophe(cp)) {
			if (possessive(s, i, w, n) && !push(f, '\'', false, &start))
				return false;
		} else if (cp < 0x80) {
			bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
			if (cp >= 'A' && cp <= 'Z')
				cp += 'a' - 'A';
			if (!push(f, cp, letter, &start))
				return false;
		} else {
			utf8proc_int32_t d[8];
			utf8proc_ssize_t k = utf8proc_decompose_char(
				cp, d, 8,
				UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, NULL);
			if (k < 0 || k > 8)
				return false;
			for (utf8proc_ssize_t j = 0; j < k; j++) {
				const char *t = latin(d[j]);
				if (t) {
					for (; *t; t++)
						if (!push(f, *t, true, &start))
							return false;
					continue;
				}
				utf8proc_category_t c = utf8proc_category(d[j]);
				bool letter =
					c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
				if (!push(f, d[j], letter, &start))
					return false;
			}
		}
		i += w;
	}
	return true;
}

/* The letter class the quick reject compares first letters by. */
static int32_t first_class(int32_t c)
{
	if (is_vowel(c))
		return 'a';
	switch (c) {
	case 'q':
	case 'g': return 'k';
	case 'z': return 'd';
	case 'p': return 'f';
	default: return c;
	}
}

/* sh, ch, kh, gh, zh, dh, th, ph as one consonant; 0 for none. */
static int32_t digraph(int32_t c)
{
	switch (c) {
	case 's': return 'S';
	case 'c': return 'C';
	case 'k': return 'X';
	case 'g': return 'G';
	case 'z': return 'j';
	case 'd': return 'D';
	case 't': return 'T';
	case 'p': return 'f';
	default: return 0;
	}
}

static void tokenise(const struct folded *f, struct skeleton *k)
{
	size_t m = 0, nv = 0;
	k->off[0] = 0;
	for (size_t i = 0; i < f->n; i++) {
		int32_t c = f->sym[i];
		if (c == 'y' && !f->word_start[i])
			c = 'i';
		if (is_vowel(c)) {
			k->vow[nv++] = (char)c;
			continue;
		}
		int32_t d = digraph(c);
		if (d && i + 1 < f->n && f->sym[i + 1] == 'h' && !f->word_start[i + 1]) {
			c = d;
			i++;
		} else if (c == 'q' || c == 'g') {
			c = 'k';
		}
		if (m > 0 && k->off[m] == nv && k->cons[m - 1] == c)
			continue; /* doubled */
		k->cons[m] = c;
		k->off[m + 1] = (uint16_t)nv;
		m++;
	}
	k->off[m + 1] = (uint16_t)nv;
	k->m = m;
}

static size_t slot_len(const struct skeleton *k, size_t g)
{
	return (size_t)(k->off[g + 1] - k->off[g]);
}

static size_t slots(const struct skeleton *k)
{
	size_t n = 0;
	for (size_t g = 0; g <= k->m; g++)
		n += slot_len(k, g) > 0;
	return n;
}

/* An h between two vowels, or after a vowel at the end. */
static bool weak_h(const struct skeleton *k, size_t j)
{
	return k->cons[j] == 'h' && slot_len(k, j) > 0 && (j + 1 == k->m || slot_len(k, j + 1) > 0);
}

static size_t count_weak_h(const struct skeleton *k)
{
	size_t n = 0;
	for (size_t j = 0; j < k->m; j++)
		n += weak_h(k, j);
	return n;
}

/* Drops the weak h's, joining the slots on either side. */
static void drop_weak_h(struct skeleton *k)
{
	for (size_t j = k->m; j-- > 0;) {
		if (!weak_h(k, j))
			continue;
		memmove(k->cons + j, k->cons + j + 1, (k->m - j - 1) * sizeof k->cons[0]);
		memmove(k->off + j + 1, k->off + j + 2, (k->m - j) * sizeof k->off[0]);
		k->m--;
	}
}

/* Slot g of k normalised into out (ee -> i, oo and ou -> u, doubled vowels once); its length. */
static size_t canon(const struct skeleton *k, size_t g, char *out)
{
	const char *v = k->vow + k->off[g];
	size_t n = slot_len(k, g), o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = v[i];
		if (i + 1 < n && ((c == 'e' && v[i + 1] == 'e') || (c == 'o' && v[i + 1] == 'o') ||
				  (c == 'o' && v[i + 1] == 'u'))) {
			c = c == 'e' ? 'i' : 'u';
			i++;
		}
		if (o == 0 || out[o - 1] != c)
			out[o++] = c;
	}
	return o;
}

static bool pair(char x, char y, char p, char q)
{
	return (x == p && y == q) || (x == q && y == p);
}

/* Whether slots x and y (of one length, not equal) differ by one allowed vowel. */
static bool slot_variant(const char *x, const char *y, size_t n, bool first)
{
	size_t at = n;
	for (size_t i = 0; i < n; i++) {
		if (x[i] == y[i])
			continue;
		if (at < n)
			return false;
		at = i;
	}
	char p = x[at], q = y[at];
	if (pair(p, q, 'o', 'u') || pair(p, q, 'e', 'i'))
		return true;
	if (pair(p, q, 'a', 'e') && at + 1 < n && x[at + 1] == 'i')
		return true; /* ai/ei */
	if (first)
		return false;
	return pair(p, q, 'a', 'e') || pair(p, q, 'a', 'u') || pair(p, q, 'a', 'o') ||
	       pair(p, q, 'u', 'e');
}

static bool cons_eq(int32_t x, int32_t y)
{
	return x == y || (x == 'D' && (y == 'd' || y == 'z')) ||
	       (y == 'D' && (x == 'd' || x == 'z'));
}

/* The comparison of two skeletons, `changes` already counted. */
static bool compare(const struct skeleton *a, const struct skeleton *b, size_t changes)
{
	if (a->m != b->m)
		return false;
	for (size_t j = 0; j < a->m; j++)
		if (!cons_eq(a->cons[j], b->cons[j]))
			return false;
	size_t m = a->m, added = 0;
	bool seen = false;
	for (size_t g = 0; g <= m; g++) {
		char x[SYM_MAX], y[SYM_MAX];
		size_t lx = canon(a, g, x), ly = canon(b, g, y);
		if (!lx && !ly)
			continue;
		bool first = !seen;
		seen = true;
		if (!lx || !ly) {
			const char *v = lx ? x : y;
			if (g == 0 || g == m || lx + ly != 1 || v[0] != 'e')
				return false;
			added++;
			changes++;
			continue;
		}
		if (lx == ly && !memcmp(x, y, lx))
			continue;
		if (g == m || lx != ly || !slot_variant(x, y, lx, first))
			return false;
		changes++;
	}
	size_t na = slots(a), nb = slots(b);
	size_t lo = na < nb ? na : nb, hi = na < nb ? nb : na;
	if (added > 1)
		return false;
	if (lo <= 1)
		return changes == 0;
	return changes <= (hi + 1) / 2;
}

int rrm_name_variant_key(const char *s, size_t n)
{
	if (n && n <= RRM_VARIANT_MAX &&
	    ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return (int)first_class(s[0] | 0x20); /* an ASCII letter folds to itself, small */
	struct folded f;
	return rrm_name_form(s, n, &f) ? rrm_name_form_key(&f) : -1;
}

int rrm_name_form_key(const struct rrm_name_form *f)
{
	return (int)first_class(f->sym[0]);
}

bool rrm_name_form(const char *s, size_t n, struct rrm_name_form *f)
{
	return n && n <= RRM_VARIANT_MAX && fold(s, n, f) && f->letters;
}

bool rrm_name_variant_of(const struct rrm_name_form *fa, const struct rrm_name_form *fb)
{
	if (fa->n == fb->n && !memcmp(fa->sym, fb->sym, fa->n * sizeof fa->sym[0]))
		return true; /* case, accents, hyphens, apostrophes */
	if (fa->letters < 4 || fb->letters < 4)
		return false;
	size_t diff =
		fa->letters > fb->letters ? fa->letters - fb->letters : fb->letters - fa->letters;
	if (diff > 3 || first_class(fa->sym[0]) != first_class(fb->sym[0]))
		return false;
	struct skeleton ka, kb;
	tokenise(fa, &ka);
	tokenise(fb, &kb);
	if (compare(&ka, &kb, 0))
		return true;
	size_t ha = count_weak_h(&ka), hb = count_weak_h(&kb);
	if (ha == hb)
		return false;
	drop_weak_h(&ka);
	drop_weak_h(&kb);
	return compare(&ka, &kb, ha > hb ? ha - hb : hb - ha);
}

bool rrm_name_variant(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen == blen && !memcmp(a, b, alen))
		return false;
	struct rrm_name_form fa, fb;
	return rrm_name_form(a, alen, &fa) && rrm_name_form(b, blen, &fb) &&
	       rrm_name_variant_of(&fa, &fb);
}
