/*
 * style.c - the house-style rules (rrm.yml `style:`), on the prose runs the
 * spelling check reads: never code, URLs, link targets or front matter
 * outside spelling.fields.
 *
 * style/repeated-word: a word written twice in a row ("the the"), across a
 * line break too, with the second one's deletion as the fix. Not reported:
 *  - the doubles English uses on purpose ("had had", "that that", "is is"
 *    as in "what it is is", "do do", and the reduplications "ah ah",
 *    "bye bye", "choo choo", "ha ha", "no no", "so so", "there there",
 *    "well well", "now now", "tut tut", "knock knock", "chop chop",
 *    "night night", "hear hear");
 *  - two capitalised words ("Bora Bora", "Sing Sing", "Walla Walla": names);
 *  - three or more in a row ("a long long long time", "done done done");
 *  - words apart in the source by anything but blanks (emphasis markers,
 *    as in "actually *actually*", which is meant; a code span, an HTML tag,
 *    a link's text ending: not a repeat a reader sees).
 *
 * style/quotes: with `quotes: curly`, a straight quote in prose, the curly
 * one the house writes as the fix, chosen from the characters around it in
 * the source (markup such as `*` or `_` looked through):
 *  - ' after a letter, or after a digit with a letter next ("1990's"), or
 *    after closing punctuation is an apostrophe or a closing quote: ’;
 *    ' where a word opens is ‘, but ’ before a digit ("the '90s") and in
 *    the elisions 'tis, 'twas, 'em, 'til, 'cause and rock 'n' roll;
 *  - " where a word opens is “, elsewhere ”;
 *  - not reported: a quote after a digit with no letter next (a prime:
 *    5'10", a 12" record), a quote with blanks on both sides (no telling
 *    which it is), an escaped one (\"), one written as an entity, and in a
 *    front-matter value the quote that delimits it (its doubles '' are YAML).
 * With `quotes: straight` the reverse: ‘ ’ “ ” in prose, the straight form
 * as the fix.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "lib/article.h"
#include "lib/diag.h"
#include "lib/spell.h"
#include "lint/lint.h"

static char value_quote(const struct rrm_article *a, const struct rrm_prose *p, size_t i,
			bool *first);

char *rrm_lint_fix_for(const struct rrm_article *a, const struct rrm_prose *p, size_t text_off,
		       const char *fix)
{
	if (!p->front_matter)
		return rrm_strdup(fix);
	bool first;
	char q = value_quote(a, p, text_off, &first);
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (const char *c = fix; *c; c++) {
		if (q == '\'' && *c == '\'')
			rrm_buf_adds(&b, "''");
		else if (q == '"' && (*c == '"' || *c == '\\'))
			rrm_buf_addc(&b, '\\'), rrm_buf_addc(&b, *c);
		else if (!q && strchr(":#'\"\\\n", *c)) { /* a plain value might read otherwise */
			rrm_buf_release(&b);
			return NULL;
		} else
			rrm_buf_addc(&b, *c);
	}
	if (!b.data)
		rrm_buf_adds(&b, "");
	return rrm_buf_detach(&b);
}

static const char *const deliberate[] = {
	"ah",    "bye",   "choo", "chop", "do", "ha",   "had",   "hear", "is",
	"knock", "night", "no",   "now",  "so", "that", "there", "tut",  "well",
};

/* The code point at s[i..n), its length in *len (1 for a byte that starts no valid sequence). */
static utf8proc_int32_t cp_at(const char *s, size_t i, size_t n, size_t *len)
{
	if ((unsigned char)s[i] < 0x80) { /* ASCII, most of the prose: no decoding */
		*len = 1;
		return (unsigned char)s[i];
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t k =
		utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
	*len = k > 0 ? (size_t)k : 1;
	return k > 0 ? cp : -1;
}

static bool is_letter(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	       c == UTF8PROC_CATEGORY_ND;
}

/* A word of a run's text: letters and digits, with apostrophes inside. */
struct word {
	size_t start, end;
	bool has_letter, capital;
};

/* Case-folded copy of s[0..n) (a new string), or NULL for invalid UTF-8. */
static char *fold(const char *s, size_t n)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
					  UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (r < 0) {
		free(out);
		return NULL;
	}
	return (char *)out;
}

static bool is_deliberate(const char *folded)
{
	for (size_t i = 0; i < sizeof deliberate / sizeof *deliberate; i++)
		if (!strcmp(folded, deliberate[i]))
			return true;
	return false;
}

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* Whether source[a..b) holds only blanks, at least one. */
static bool only_blanks(const char *src, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (!blank(src[i]))
			return false;
	return b > a;
}

/* Whether words x and y (x before y) of text t are one word written twice, blanks between. */
static bool same_word(const char *t, const struct word *x, const struct word *y)
{
	if (!x->has_letter || !y->has_letter || x->end - x->start != y->end - y->start)
		return false;
	for (size_t k = x->end; k < y->start; k++)
		if (!blank(t[k]))
			return false;
	size_t n = x->end - x->start;
	bool ascii = true;
	for (size_t k = 0; k < n && ascii; k++)
		ascii = (unsigned char)t[x->start + k] < 0x80 &&
			(unsigned char)t[y->start + k] < 0x80;
	if (ascii)
		return !strncasecmp(t + x->start, t + y->start, n);
	char *f1 = fold(t + x->start, x->end - x->start);
	char *f2 = f1 ? fold(t + y->start, y->end - y->start) : NULL;
	bool same = f1 && f2 && !strcmp(f1, f2);
	free(f1);
	free(f2);
	return same;
}

/* Whether y, after x in text t, repeats it as a mistake: not a name, not three in a row. */
static void repeated_pair(const struct rrm_article *a, const struct rrm_prose *p,
			  const char *display, struct rrm_sink *s, struct rrm_locate_cursor *cur,
			  const struct word *before, const struct word *x, const struct word *y,
			  const struct word *after)
{
	const char *t = p->text;
	if ((x->capital && y->capital) || !same_word(t, x, y))
		return;
	/* three or more in a row ("long long long ago", "done done done") are meant */
	if ((before && same_word(t, before, x)) || (after && same_word(t, y, after)))
		return;
	size_t n1 = x->end - x->start, n2 = y->end - y->start;
	char *folded = fold(t + x->start, n1);
	bool meant = !folded || is_deliberate(folded);
	free(folded);
	if (meant)
		return;
	/* both words as written in the source, only blanks between them (emphasis
	 * markers or any markup between: "actually *actually*" is meant) */
	size_t s1 = rrm_article_locate_from(a, p, x->start, cur);
	size_t s2 = rrm_article_locate_from(a, p, y->start, cur);
	if (s1 + n1 > s2 || s2 + n2 > a->len || memcmp(a->source + s1, t + x->start, n1) ||
	    memcmp(a->source + s2, t + y->start, n2) || !only_blanks(a->source, s1 + n1, s2))
		return;
	int line, col, eline, ecol;
	rrm_article_pos(a, s2, &line, &col);
	rrm_article_pos(a, s2 + n2, &eline, &ecol);
	struct rrm_finding *f =
		rrm_sink_add(s, RRM_RULE_STYLE_REPEATED_WORD, display, line, col, eline, ecol,
			     rrm_article_file_offset(a, s2), "'%.*s' is written twice in a row",
			     (int)n2, t + y->start);
	if (!f)
		return;
	f->subject = rrm_strndup(t + y->start, n2);
	/* the fix: the second word goes with the spaces after it, or, when a line
	 * break or punctuation follows, with the blanks before it (the lines kept) */
	size_t tail = s2 + n2;
	while (tail < a->len && (a->source[tail] == ' ' || a->source[tail] == '\t'))
		tail++;
	bool spaced = tail > s2 + n2 && tail < a->len && a->source[tail] != '\n' &&
		      a->source[tail] != '\r';
	if (spaced)
		rrm_finding_fix(f, rrm_article_file_offset(a, s2), tail - s2, "");
	else
		rrm_finding_fix(f, rrm_article_file_offset(a, s1 + n1), s2 + n2 - (s1 + n1), "");
}

/* ---- the words through a tap ---- */

struct rrm_repeats {
	const struct rrm_article *a;
	const char *display;
	struct rrm_sink *s;
	const struct rrm_prose *p; /* the run of the words in `w` */
	struct rrm_locate_cursor cur;
	struct word w[3]; /* its last words, oldest first */
	size_t n;
};

struct rrm_repeats *rrm_repeats_new(const struct rrm_article *a, const char *display,
				    struct rrm_sink *s)
{
	if (s->severity[RRM_RULE_STYLE_REPEATED_WORD] == RRM_SEV_OFF)
		return NULL;
	struct rrm_repeats *r = rrm_calloc(1, sizeof *r);
	r->a = a;
	r->display = display;
	r->s = s;
	return r;
}

/* The pair of the last two words, with the one before them and `after` (or NULL). */
static void judge_last(struct rrm_repeats *r, const struct word *after)
{
	if (r->n >= 2)
		repeated_pair(r->a, r->p, r->display, r->s, &r->cur, r->n == 3 ? &r->w[0] : NULL,
			      &r->w[r->n - 2], &r->w[r->n - 1], after);
}

void rrm_repeats_word(void *ctx, const struct rrm_prose *p, size_t off, size_t len, unsigned flags,
		      bool spelt)
{
	(void)flags;
	(void)spelt;
	struct rrm_repeats *r = ctx;
	if (p != r->p) { /* a new run: the last pair of the one before */
		judge_last(r, NULL);
		r->p = p;
		r->n = 0;
		memset(&r->cur, 0, sizeof r->cur);
	}
	/* the token as a word: where it is, a capital first, a letter in it */
	struct word w = {.start = off, .end = off + len};
	for (size_t i = off; i < off + len;) {
		size_t cl;
		utf8proc_int32_t cp = cp_at(p->text, i, off + len, &cl);
		if (i == off)
			w.capital = cp < 0x80
					    ? cp >= 'A' && cp <= 'Z'
					    : utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
						      utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
		if (is_letter(cp) && !(cp >= '0' && cp <= '9') &&
		    (cp < 0x80 || utf8proc_category(cp) != UTF8PROC_CATEGORY_ND)) {
			w.has_letter = true;
			break;
		}
		i += cl;
	}
	judge_last(r, &w);
	if (r->n == 3) {
		r->w[0] = r->w[1];
		r->w[1] = r->w[2];
		r->n = 2;
	}
	r->w[r->n++] = w;
}

void rrm_repeats_end(struct rrm_repeats *r)
{
	if (!r)
		return;
	judge_last(r, NULL);
	free(r);
}

struct reader {
	rrm_word_tap *tap;
	void *ctx;
	const struct rrm_prose *p;
};

static void read_word(void *ctx, size_t off, size_t len, unsigned flags)
{
	const struct reader *x = ctx;
	x->tap(x->ctx, x->p, off, len, flags, false);
}

void rrm_lint_read_words(const struct rrm_article *a, rrm_word_tap *tap, void *ctx)
{
	for (size_t i = 0; i < a->n_prose; i++) {
		struct reader x = {tap, ctx, &a->prose[i]};
		rrm_words(a->prose[i].text, a->prose[i].len, read_word, &x);
	}
}

/* ---- style/prefer ---- */

/* Whether a letter, digit or '_' ends t[0..at) / starts t[at..n). */
static bool letter_before(const char *t, size_t at)
{
	if (!at)
		return false;
	if (t[at - 1] == '_') /* an identifier (usage_percent) is one token */
		return true;
	size_t b = at - 1, len;
	while (b > 0 && ((unsigned char)t[b] & 0xC0) == 0x80 && at - b < 4)
		b--;
	return is_letter(cp_at(t, b, at, &len));
}

static bool letter_at(const char *t, size_t at, size_t n)
{
	size_t len;
	return at < n && (t[at] == '_' || is_letter(cp_at(t, at, n, &len)));
}

/*
 * Whether `form` is written at t[at..n): its blanks match any run of blanks,
 * its first letter may be a capital (a sentence's start) when it is written
 * lower case. Sets *end and *capital.
 */
static bool form_at(const char *t, size_t at, size_t n, const char *form, size_t *end,
		    bool *capital)
{
	size_t i = at;
	*capital = false;
	for (size_t k = 0; form[k]; k++) {
		if (form[k] == ' ') {
			if (i >= n || !blank(t[i]))
				return false;
			while (i < n && blank(t[i]))
				i++;
			continue;
		}
		if (i >= n)
			return false;
		if (t[i] != form[k]) {
			if (k || !(form[k] >= 'a' && form[k] <= 'z') || t[i] != form[k] - 32)
				return false;
			*capital = true;
		}
		i++;
	}
	*end = i;
	return true;
}

/* Whether a[0..an) and b[0..bn) are equal, each run of blanks matching any other. */
static bool same_but_blanks(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	while (i < an && j < bn) {
		if (blank(a[i]) && blank(b[j])) {
			while (i < an && blank(a[i]))
				i++;
			while (j < bn && blank(b[j]))
				j++;
			continue;
		}
		if (a[i++] != b[j++])
			return false;
	}
	return i == an && j == bn;
}

static void prefer(const struct rrm_config *c, const struct rrm_article *a,
		   const struct rrm_prose *p, const char *display, struct rrm_sink *s)
{
	const char *t = p->text;
	for (size_t e = 0; e < c->style.prefer_from.n; e++) {
		const char *from = c->style.prefer_from.v[e], *to = c->style.prefer_to.v[e];
		struct rrm_locate_cursor cur = {0};
		for (size_t i = 0; i < p->len; i++) {
			size_t end, code = rrm_words_code_end(t, p->len, i);
			bool capital;
			if (code > i) { /* template code is not prose */
				i = code - 1;
				continue;
			}
			if (t[i] != from[0] && t[i] != from[0] - 32)
				continue;
			if (letter_before(t, i) || !form_at(t, i, p->len, from, &end, &capital))
				continue;
			/* whole tokens: no letter or digit right before or after ("U.S.A.") */
			if (letter_at(t, end, p->len))
				continue;
			/* as written in the source (the run's text and the source alike) */
			size_t s1 = rrm_article_locate_from(a, p, i, &cur);
			size_t s2 = rrm_article_locate_from(a, p, end - 1, &cur) + 1;
			if (s2 <= s1 || s2 > a->len ||
			    !same_but_blanks(a->source + s1, s2 - s1, t + i, end - i)) {
				i = end - 1;
				continue;
			}
			char *house = rrm_strdup(to);
			if (capital && house[0] >= 'a' && house[0] <= 'z')
				house[0] = (char)(house[0] - 32);
			int line, col, eline, ecol;
			rrm_article_pos(a, s1, &line, &col);
			rrm_article_pos(a, s2, &eline, &ecol);
			char *written = rrm_strdup(from);
			if (capital)
				written[0] = (char)(written[0] - 32);
			struct rrm_finding *f =
				rrm_sink_add(s, RRM_RULE_STYLE_PREFER, display, line, col, eline,
					     ecol, rrm_article_file_offset(a, s1),
					     "the house writes '%s', not '%s'", house, written);
			free(written);
			if (f) {
				f->subject = rrm_strndup(a->source + s1, s2 - s1);
				rrm_finding_suggest(f, house);
				char *fix = rrm_lint_fix_for(a, p, i, house);
				if (fix)
					rrm_finding_fix(f, rrm_article_file_offset(a, s1), s2 - s1,
							fix);
				free(fix);
			}
			free(house);
			i = end - 1;
		}
	}
}

/* ---- style/quotes ---- */

static const char *const elisions[] = {"cause", "em", "n", "til", "tis", "twas"};

/* Emphasis and strike-through markers, looked through to the text around a quote. */
static bool markup(char ch)
{
	return ch == '*' || ch == '_' || ch == '~';
}

/* The code point that ends src[0..at), or -1 at the start. */
static utf8proc_int32_t cp_before(const char *src, size_t at)
{
	if (!at)
		return -1;
	size_t b = at - 1, len;
	while (b > 0 && ((unsigned char)src[b] & 0xC0) == 0x80 && at - b < 4)
		b--;
	return cp_at(src, b, at, &len);
}

/* Whether a quote after `cp` opens (a line's start, a blank, an opening bracket, a dash, a quote).
 */
static bool opens_after(utf8proc_int32_t cp)
{
	if (cp < 0)
		return true;
	if (cp < 0x80)
		return strchr(" \t\r\n([{<-/\"'", (int)cp) != NULL;
	return cp == 0x00A0 || cp == 0x2013 || cp == 0x2014 || cp == 0x2018 || cp == 0x201C;
}

static bool is_digit_cp(utf8proc_int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* Whether t[at..n) starts with one of the elisions, a whole word ('tis, 'n'). */
static bool elision_at(const char *t, size_t at, size_t n)
{
	for (size_t e = 0; e < sizeof elisions / sizeof *elisions; e++) {
		size_t k = strlen(elisions[e]);
		if (at + k <= n && !strncasecmp(t + at, elisions[e], k) && !letter_at(t, at + k, n))
			return true;
	}
	return false;
}

/*
 * The curly form of the straight quote `q` written at src[at..end) (a source
 * range: the quote, or a YAML escape of it), or NULL when it stays as it is
 * (a prime, a quote between blanks).
 */
static const char *curly_for(const char *src, size_t len, size_t at, size_t end, char q)
{
	size_t b = at, e = end, clen;
	while (b > 0 && markup(src[b - 1]))
		b--;
	while (e < len && markup(src[e]))
		e++;
	utf8proc_int32_t prev = cp_before(src, b);
	utf8proc_int32_t next = e < len ? cp_at(src, e, len, &clen) : -1;
	bool next_letter = next >= 0 && is_letter(next) && !is_digit_cp(next);
	bool next_blank = next < 0 || next == ' ' || next == '\t' || next == '\n' || next == '\r';
	if (is_digit_cp(prev) && !next_letter)
		return NULL; /* a prime: 5'10", a 12" record */
	bool opens = opens_after(prev);
	/* after another straight quote, one opens only where a word starts ("'Tis);
	 * else it closes the one outside ('no'", "He said 'no'") */
	if (prev == '"' || prev == '\'')
		opens = next >= 0 && is_letter(next);
	if (opens) {
		if (next_blank)
			return NULL;
		if (q == '"')
			return "\u201C";
		return is_digit_cp(next) || elision_at(src, e, len) ? "\u2019" : "\u2018";
	}
	return q == '"' ? "\u201D" : "\u2019";
}

/* The curly quote (3 bytes) at t[i], if any: its straight form. */
static const char *straight_for(const char *t, size_t i, size_t n)
{
	if (i + 3 > n || (unsigned char)t[i] != 0xE2 || (unsigned char)t[i + 1] != 0x80)
		return NULL;
	switch ((unsigned char)t[i + 2]) {
	case 0x98:
	case 0x99: return "'";
	case 0x9C:
	case 0x9D: return "\"";
	default: return NULL;
	}
}

/*
 * The quote that delimits the front-matter value holding run text offset i
 * (the source byte before it), or 0 for a plain or block value; *first: that
 * i is the value's first character.
 */
static char value_quote(const struct rrm_article *a, const struct rrm_prose *p, size_t i,
			bool *first)
{
	const struct rrm_segment *g = NULL;
	for (size_t k = 0; k < p->n_segs && p->segs[k].text_off <= i; k++)
		g = &p->segs[k];
	*first = g && g == p->segs && i == g->text_off;
	if (!g || !g->src_begin)
		return 0;
	char q = a->source[g->src_begin - 1];
	return q == '"' || q == '\'' ? q : 0;
}

/*
 * Whether the quote `q` of a front-matter value quoted with it is escaped as
 * YAML writes it (\" in "...", '' in '...') at or just before *at; sets
 * [*at, *end) to the escape.
 */
static bool yaml_escape(const char *src, size_t len, char q, size_t *at, size_t *end)
{
	const char lead = q == '"' ? '\\' : '\'';
	size_t b = *at;
	if (b + 1 < len && src[b] == lead && src[b + 1] == q) {
		*end = b + 2;
		return true;
	}
	if (b > 0 && b < len && src[b] == q && src[b - 1] == lead) {
		*at = b - 1;
		*end = b + 1;
		return true;
	}
	return false;
}

static void quotes(const struct rrm_config *c, const struct rrm_article *a,
		   const struct rrm_prose *p, const char *display, struct rrm_sink *s)
{
	const char *t = p->text;
	bool curly = c->style.quotes == RRM_QUOTES_CURLY;
	if (!p->len)
		return;
	struct rrm_locate_cursor cur = {0};
	size_t chunk = SIZE_MAX, chunk_end = 0; /* the last chunk a quote was in */
	bool chunk_skipped = false;
	const char *stops = curly ? "{\"'" : "{\xE2"; /* the bytes worth a look */
	for (size_t i = 0; i < p->len; i++) {
		i += strcspn(t + i, stops); /* the run's text ends with a NUL */
		if (i >= p->len)
			break;
		const char *repl = NULL;
		size_t n = 1;
		if (t[i] == '{') { /* template code is not prose */
			size_t code = rrm_words_code_end(t, p->len, i);
			if (code > i)
				i = code - 1;
			continue;
		}
		if (curly) {
			if (t[i] != '"' && t[i] != '\'')
				continue;
		} else {
			if (!(repl = straight_for(t, i, p->len)))
				continue;
			n = 3;
		}
		/* nor what rrm_words skips as a whole chunk: URLs, paths, addresses */
		size_t cs = i;
		if (chunk != SIZE_MAX && chunk <= i && i < chunk_end)
			cs = chunk; /* in the chunk of the last quote: no walk back */
		while (cs > 0 && cs != chunk && !blank(t[cs - 1]))
			cs--;
		if (cs != chunk) {
			chunk = cs;
			for (chunk_end = i; chunk_end < p->len && !blank(t[chunk_end]);)
				chunk_end++;
			chunk_skipped = rrm_words_skip_chunk(t + cs, chunk_end - cs);
		}
		if (chunk_skipped) {
			i = chunk_end - 1;
			continue;
		}
		size_t at = rrm_article_locate_from(a, p, i, &cur), end = at + n;
		bool first = false;
		char q = p->front_matter ? value_quote(a, p, i, &first) : 0;
		if (curly && q == t[i]) {
			/* inside a value quoted with it, as YAML escapes it: \" or '' */
			if (!yaml_escape(a->source, a->len, q, &at, &end))
				continue;
		} else if (end > a->len || memcmp(a->source + at, t + i, n) ||
			   (curly && at && a->source[at - 1] == '\\')) {
			continue; /* an entity (&quot;) or a Markdown escape (\"): meant */
		}
		if (curly && !(repl = curly_for(a->source, a->len, at, end, t[i])))
			continue;
		/* in a front-matter value, the straight quote as YAML writes it there */
		const char *fix = repl;
		if (!curly && q == repl[0])
			fix = q == '"' ? "\\\"" : "''";
		else if (!curly && p->front_matter && !q && first)
			fix = NULL; /* it would start a quoted value: no fix but by hand */
		int line, col, eline, ecol;
		rrm_article_pos(a, at, &line, &col);
		rrm_article_pos(a, end, &eline, &ecol);
		struct rrm_finding *f = rrm_sink_add(
			s, RRM_RULE_STYLE_QUOTES, display, line, col, eline, ecol,
			rrm_article_file_offset(a, at), "%s %.*s where the house writes %s",
			curly ? "straight quote" : "curly quote", (int)n, t + i, repl);
		if (f) {
			f->subject = rrm_strndup(t + i, n);
			if (fix)
				rrm_finding_fix(f, rrm_article_file_offset(a, at), end - at, fix);
		}
		i += n - 1;
	}
}

bool rrm_lint_style_on(const struct rrm_sink *s)
{
	return s->severity[RRM_RULE_STYLE_REPEATED_WORD] != RRM_SEV_OFF ||
	       s->severity[RRM_RULE_STYLE_PREFER] != RRM_SEV_OFF ||
	       s->severity[RRM_RULE_STYLE_QUOTES] != RRM_SEV_OFF ||
	       s->severity[RRM_RULE_STYLE_NAME_VARIANT] != RRM_SEV_OFF;
}

void rrm_lint_style(const struct rrm_config *c, const struct rrm_article *a, const char *display,
		    struct rrm_sink *s)
{
	bool prefer_on =
		s->severity[RRM_RULE_STYLE_PREFER] != RRM_SEV_OFF && c->style.prefer_from.n;
	bool quotes_on = s->severity[RRM_RULE_STYLE_QUOTES] != RRM_SEV_OFF &&
			 c->style.quotes != RRM_QUOTES_OFF;
	for (size_t i = 0; i < a->n_prose; i++) {
		if (quotes_on)
			quotes(c, a, &a->prose[i], display, s);
		if (prefer_on)
			prefer(c, a, &a->prose[i], display, s);
	}
}
