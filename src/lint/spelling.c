#define _GNU_SOURCE /* memmem */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/util.h"
#include "lint/lint.h"

struct spell_ctx {
	struct rrm_speller *sp;
	const struct rrm_article *a;
	const struct rrm_prose *p; /* the run of `a` being checked */
	/* A front-matter value read as Markdown (the value is its source) and its
	 * run being checked, whose text the words come from; or NULL. */
	const struct rrm_article *inner;
	const struct rrm_prose *q;
	const char *path;
	struct rrm_sink *s;
	const struct rrm_wordset *words;
	rrm_word_tap *tap; /* where the words go too, or NULL */
	void *tap_ctx;
	size_t token_off, token_len; /* the token being checked, in the words' text */
	int glued;                   /* the token is not prose (see not_prose): -1 not known yet */
	size_t last_end;             /* source offset where the last finding of the run ends */
	struct rrm_locate_cursor cur, cur_inner; /* findings come in text order */
};

/* The run the words come from, and its article. */
static const struct rrm_prose *words_run(const struct spell_ctx *x)
{
	return x->q ? x->q : x->p;
}

/* Length of an entity "&...;" at s (at most `n` bytes), or 0. */
static size_t entity_at(const char *s, size_t n)
{
	size_t i = 1;
	while (i < n && i < 40 &&
	       (s[i] == '#' || (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
		(s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	return i < n && i > 1 && s[i] == ';' ? i + 1 : 0;
}

static size_t utf8_bytes(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/*
 * Whether the word `w` (`n` bytes of rendered text) is written at source
 * offset `b` of `a`: the same bytes, but for backslash escapes, entities and
 * emphasis markers inside it. Sets `e` to where it ends.
 */
static bool written_at(const struct rrm_article *a, size_t b, const char *w, size_t n, size_t *e)
{
	const char *src = a->source;
	size_t i = 0, j = b, el;
	while (i < n && j < a->len) {
		if (src[j] == w[i]) {
			i++, j++;
		} else if (src[j] == '\\' && j + 1 < a->len && src[j + 1] == w[i]) {
			i++, j += 2;
		} else if (src[j] == '&' && (el = entity_at(src + j, a->len - j)) != 0) {
			i += utf8_bytes((unsigned char)w[i]);
			j += el;
		} else if (i > 0 && (src[j] == '*' || src[j] == '_')) {
			j++;
		} else {
			return false;
		}
	}
	*e = j;
	return i >= n;
}

/*
 * The source offset of `a` where the `n` bytes at `t` of the text of run
 * `p` end: after where their last character is written (the end of the
 * text itself may be where the next piece of text starts, after a link's
 * "](...)", say).
 */
static size_t locate_end(const struct rrm_article *a, const struct rrm_prose *p,
			 struct rrm_locate_cursor *c, size_t t, size_t n)
{
	if (n == 0)
		return rrm_article_locate_from(a, p, t, c);
	size_t k = t + n - 1;
	while (k > t && ((unsigned char)p->text[k] & 0xc0) == 0x80)
		k--;
	size_t cl = t + n - k, e = rrm_article_locate_from(a, p, k, c), el;
	const char *src = a->source;
	if (e + cl <= a->len && !memcmp(src + e, p->text + k, cl))
		return e + cl;
	if (src[e] == '\\' && e + 1 + cl <= a->len && !memcmp(src + e + 1, p->text + k, cl))
		return e + 1 + cl;
	if (src[e] == '&' && (el = entity_at(src + e, a->len - e)) != 0)
		return e + el;
	return e + cl <= a->len ? e + cl : a->len;
}

/*
 * The source span in `x->a` of the `n` bytes at `t` of the words' text;
 * false when the text is not written there as it is (cmark's position of
 * a piece of text can be off).
 */
static bool locate(struct spell_ctx *x, size_t t, size_t n, size_t *b, size_t *e)
{
	const char *w = words_run(x)->text + t;
	if (!x->q) {
		*b = rrm_article_locate_from(x->a, x->p, t, &x->cur);
		if (written_at(x->a, *b, w, n, e))
			return true;
		*e = locate_end(x->a, x->p, &x->cur, t, n);
		return false;
	}
	size_t vb = rrm_article_locate_from(x->inner, x->q, t, &x->cur_inner) + x->inner->bom;
	*b = rrm_article_locate_from(x->a, x->p, vb, &x->cur);
	if (written_at(x->a, *b, w, n, e))
		return true;
	size_t ve = locate_end(x->inner, x->q, &x->cur_inner, t, n) + x->inner->bom;
	*e = locate_end(x->a, x->p, &x->cur, vb, ve - vb);
	return false;
}

static bool word_byte(const char *src, size_t len, size_t at)
{
	if (at >= len)
		return false;
	unsigned char c = (unsigned char)src[at];
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '_';
}

/*
 * Where cmark's position of a text is off (a line of a paragraph indented
 * after a backslash escape, say), the word as it is written, searched for
 * in the source of the run after the last finding; false when it is not
 * there as it is.
 */
static bool find_word(const struct spell_ctx *x, const char *w, size_t n, size_t *b, size_t *e)
{
	const struct rrm_article *a = x->a;
	const struct rrm_prose *p = x->p;
	size_t lo = a->len, hi = 0;
	for (size_t k = 0; k < p->n_segs; k++) {
		lo = p->segs[k].src_begin < lo ? p->segs[k].src_begin : lo;
		hi = p->segs[k].src_end > hi ? p->segs[k].src_end : hi;
	}
	if (x->last_end > lo)
		lo = x->last_end;
	hi = hi + n + 64 < a->len ? hi + n + 64 : a->len; /* cmark's end can be short too */
	if (lo >= hi)
		return false;
	if (hi - lo > 65536)
		hi = lo + 65536;
	for (size_t at = lo; at + n <= hi;) {
		const char *hit = memmem(a->source + at, hi - at, w, n);
		if (!hit)
			return false;
		size_t h = (size_t)(hit - a->source);
		/* not a part of a longer word: no ASCII letter, digit or '_' next
		 * to it, nor a non-ASCII character before an ASCII start */
		const unsigned char *u = (const unsigned char *)a->source;
		bool inside = (h > 0 && word_byte(a->source, a->len, h - 1) &&
			       (u[h - 1] < 0x80 || (unsigned char)w[0] < 0xc0)) ||
			      (word_byte(a->source, a->len, h + n) && u[h + n] < 0x80);
		if (!inside) {
			*b = h;
			*e = h + n;
			return true;
		}
		at = h + 1;
	}
	return false;
}

/* Whether the HTML tag at `s` (`n` bytes, at a '<') opens (1) or closes (-1) a code element. */
static int code_tag(const char *s, size_t n)
{
	static const char *const names[] = {"code", "kbd", "pre", "samp", "tt", "var"};
	size_t i = 1;
	int kind = 1;
	if (i < n && s[i] == '/')
		i++, kind = -1;
	for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
		size_t l = strlen(names[k]);
		if (i + l < n && !strncasecmp(s + i, names[k], l) &&
		    (s[i + l] == '>' || s[i + l] == ' ' || s[i + l] == '\t' || s[i + l] == '\n'))
			return kind;
	}
	return 0;
}

/* How far back a code element's start tag is looked for. */
#define CODE_ELEMENT_WINDOW ((size_t)4096)

/*
 * Whether source offset `at` of `a` lies inside an HTML code element
 * (<code>, <kbd>, <samp>, <pre>, <tt>, <var>) that starts after `lo`.
 */
static bool in_code_element(const struct rrm_article *a, size_t lo, size_t at)
{
	for (size_t k = at; k > lo;) {
		k--;
		if (a->source[k] != '<')
			continue;
		int kind = code_tag(a->source + k, a->len - k);
		if (kind)
			return kind > 0;
	}
	return false;
}

/*
 * Whether the token being checked is not prose although the rendered text
 * holds it: glued to a code span, as the "ing" of "`x`ing" (a fragment of a
 * word written around code), or inside an HTML code element.
 */
static bool not_prose(struct spell_ctx *x)
{
	if (x->glued >= 0)
		return x->glued;
	const struct rrm_article *a = x->q ? x->inner : x->a;
	const struct rrm_prose *p = words_run(x);
	struct rrm_locate_cursor *c = x->q ? &x->cur_inner : &x->cur;
	size_t t = x->token_off, n = x->token_len;
	size_t b = rrm_article_locate_from(a, p, t, c), e;
	x->glued = 0;
	if (!written_at(a, b, p->text + t, n, &e))
		return false; /* not where it is written: no neighbours to look at */
	if (b > 0 && a->source[b - 1] == '`' && (t == 0 || p->text[t - 1] != '`'))
		x->glued = 1;
	if (e < a->len && a->source[e] == '`' && (t + n >= p->len || p->text[t + n] != '`'))
		x->glued = 1;
	size_t lo = p->n_segs ? p->segs[0].src_begin : b;
	if (b - lo > CODE_ELEMENT_WINDOW && lo < b)
		lo = b - CODE_ELEMENT_WINDOW;
	if (!x->glued && lo < b && memchr(a->source + lo, '<', b - lo) && in_code_element(a, lo, b))
		x->glued = 1;
	return x->glued;
}

static void on_problem(void *ctx, size_t off, size_t len, enum rrm_spell_problem problem,
		       const char *hint)
{
	struct spell_ctx *x = ctx;
	if (not_prose(x))
		return;
	size_t t = x->token_off + off;
	const char *text = words_run(x)->text + t;
	size_t src, src_end;
	if (!locate(x, t, len, &src, &src_end)) {
		size_t b, e;
		if (find_word(x, text, len, &b, &e))
			src = b, src_end = e;
		else if (src_end < src)
			src_end = src;
	}
	x->last_end = src_end;
	int line, col, eline, ecol;
	rrm_article_pos(x->a, src, &line, &col);
	rrm_article_pos(x->a, src_end, &eline, &ecol);
	char *word = rrm_word_nfc(text, len);
	size_t file_off = rrm_article_file_offset(x->a, src);
	struct rrm_finding *f = NULL;
	switch (problem) {
	case RRM_SPELL_UNKNOWN:
		f = rrm_sink_add(x->s, RRM_RULE_SPELLING_UNKNOWN, x->path, line, col, eline, ecol,
				 file_off, "unknown word '%s'", word);
		if (f)
			f->subject = rrm_strdup(word);
		break;
	case RRM_SPELL_REJECTED:
		f = hint ? rrm_sink_add(x->s, RRM_RULE_SPELLING_REJECTED, x->path, line, col, eline,
					ecol, file_off, "'%s' is not house style: write '%s'", word,
					hint)
			 : rrm_sink_add(x->s, RRM_RULE_SPELLING_REJECTED, x->path, line, col, eline,
					ecol, file_off, "'%s' is not house style", word);
		break;
	case RRM_SPELL_VARIANT:
		f = rrm_sink_add(x->s, RRM_RULE_SPELLING_VARIANT, x->path, line, col, eline, ecol,
				 file_off, "'%s': the house spelling is '%s'", word, hint);
		break;
	}
	if (f && hint)
		rrm_finding_suggest(f, hint);
	free(word);
}

static void on_word(void *ctx, size_t off, size_t len, unsigned flags)
{
	struct spell_ctx *x = ctx;
	x->token_off = off;
	x->token_len = len;
	x->glued = -1;
	size_t before = x->s->n;
	rrm_speller_check(x->sp, words_run(x)->text + off, len, flags, x->words, on_problem, x);
	if (x->tap && !x->q)
		x->tap(x->tap_ctx, x->p, off, len, flags, x->s->n != before);
}

/* The article's own words: a list of words, or one string of words separated by blanks. */
static struct rrm_wordset *article_words(const struct rrm_config *c, const struct rrm_article *a)
{
	if (!a->fm_parsed || !a->fm_doc.root)
		return NULL;
	const struct rrm_node *v = rrm_node_get(a->fm_doc.root, c->spelling.words_field);
	if (!v)
		return NULL;
	struct rrm_wordset *set = rrm_wordset_new();
	size_t count = v->kind == RRM_NODE_SEQ ? v->n_items : 1;
	for (size_t i = 0; i < count; i++) {
		const struct rrm_node *n = v->kind == RRM_NODE_SEQ ? v->items[i] : v;
		if (n->kind != RRM_NODE_SCALAR)
			continue;
		const char *s = n->value;
		while (*s) {
			while (*s == ' ' || *s == '\t' || *s == '\n' || *s == ',')
				s++;
			const char *e = s;
			while (*e && *e != ' ' && *e != '\t' && *e != '\n' && *e != ',')
				e++;
			if (e > s)
				rrm_wordset_add(set, s, (size_t)(e - s));
			s = e;
		}
	}
	return set;
}

/* What a front-matter value needs to hold to read differently as Markdown. */
#define MARKUP "`<&\\*_[]"

/*
 * A front-matter value with markup, read as the generator renders it
 * (Markdown): code spans and HTML are not prose, entities are characters.
 */
static void check_markdown_value(struct spell_ctx *x)
{
	struct rrm_article md;
	rrm_article_init(&md);
	if (rrm_article_load_mem(&md, x->a->path, x->p->text, x->p->len,
				 RRM_ARTICLE_BODY | RRM_ARTICLE_PROSE) == RRM_LOAD_OK) {
		x->inner = &md;
		for (size_t k = 0; k < md.n_prose; k++) {
			x->q = &md.prose[k];
			memset(&x->cur_inner, 0, sizeof x->cur_inner);
			rrm_words(x->q->text, x->q->len, on_word, x);
		}
	}
	x->inner = NULL;
	x->q = NULL;
	rrm_article_release(&md);
}

void rrm_lint_spelling(const struct rrm_config *c, struct rrm_speller *sp, struct rrm_article *a,
		       const char *display, struct rrm_sink *s, rrm_word_tap *tap, void *tap_ctx)
{
	rrm_article_add_field_prose(a, c->spelling.fields.v, c->spelling.fields.n);
	struct rrm_wordset *words = article_words(c, a);
	struct spell_ctx x = {.sp = sp,
			      .a = a,
			      .path = display,
			      .s = s,
			      .words = words,
			      .tap = tap,
			      .tap_ctx = tap_ctx};
	for (size_t i = 0; i < a->n_prose; i++) {
		x.p = &a->prose[i];
		x.last_end = 0;
		if (x.p->front_matter && strpbrk(x.p->text, MARKUP))
			check_markdown_value(&x);
		else
			rrm_words(x.p->text, x.p->len, on_word, &x);
	}
	rrm_wordset_free(words);
}

/* Suggestions, once per distinct word. */

struct distinct {
	const char *word;
	size_t count;
	size_t n_sugg;
	char *sugg[3];
	bool near; /* the suggestions are one edit away (the same with or without deep ones) */
};

static int cmp_distinct_word(const void *a, const void *b)
{
	return strcmp(((const struct distinct *)a)->word, ((const struct distinct *)b)->word);
}

static int cmp_distinct_count(const void *a, const void *b)
{
	const struct distinct *x = *(const struct distinct *const *)a;
	const struct distinct *y = *(const struct distinct *const *)b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->word, y->word);
}

struct suggest_job {
	struct rrm_speller *sp;
	struct distinct **words;
	size_t n;
	bool deep;
};

static void *suggest_some(void *arg)
{
	struct suggest_job *j = arg;
	for (size_t i = 0; i < j->n; i++)
		j->words[i]->n_sugg =
			rrm_speller_suggest(j->sp, j->words[i]->word, j->words[i]->sugg, 3, j->deep,
					    &j->words[i]->near);
	return NULL;
}

/* The memo's form of a word's suggestions: 1 near, 2 none near and no deep ones, 3 deep. */
static bool memo_get(const struct rrm_map *memo, struct distinct *w, bool deep)
{
	const struct rrm_map_entry *e = memo ? rrm_map_get(memo, w->word, strlen(w->word)) : NULL;
	if (!e || !(e->value == 1 || e->value == (deep ? 3 : 2)))
		return false;
	w->near = e->value == 1;
	w->n_sugg = 0;
	for (const char *p = e->text; p && *p && w->n_sugg < 3;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		w->sugg[w->n_sugg++] = rrm_strndup(p, n);
		p += n + (nl != NULL);
	}
	return true;
}

static void memo_put(struct rrm_map *memo, const struct distinct *w, bool deep)
{
	struct rrm_map_entry *e = rrm_map_put(memo, w->word, strlen(w->word));
	e->value = w->near ? 1 : deep ? 3 : 2;
	free(e->text);
	e->text = NULL;
	if (w->n_sugg) {
		struct rrm_buf b;
		rrm_buf_init(&b);
		for (size_t j = 0; j < w->n_sugg; j++)
			rrm_buf_addf(&b, "%s%s", j ? "\n" : "", w->sugg[j]);
		e->text = rrm_buf_detach(&b);
	}
}

size_t rrm_lint_spelling_suggest(struct rrm_speller *const *sp, size_t n_sp, struct rrm_sink *s,
				 bool suggest, const struct rrm_map *memo_in,
				 struct rrm_map *memo_out)
{
	/* The distinct unknown words with their counts. */
	size_t n = 0;
	struct distinct *v = rrm_calloc(s->n + 1, sizeof *v);
	for (size_t i = 0; i < s->n; i++)
		if (s->items[i].rule == RRM_RULE_SPELLING_UNKNOWN && s->items[i].subject)
			v[n++].word = s->items[i].subject;
	qsort(v, n, sizeof *v, cmp_distinct_word);
	size_t d = 0;
	for (size_t i = 0; i < n; i++) {
		if (d && !strcmp(v[d - 1].word, v[i].word)) {
			v[d - 1].count++;
			continue;
		}
		v[d] = v[i];
		v[d++].count = 1;
	}
	/* Suggestions for the most frequent first, up to the caps. */
	struct distinct **order = rrm_malloc((d + 1) * sizeof *order);
	for (size_t i = 0; i < d; i++)
		order[i] = &v[i];
	qsort(order, d, sizeof *order, cmp_distinct_count);
	bool deep = d <= RRM_SPELL_DEEP_SUGGESTIONS;
	size_t todo = d < RRM_SPELL_SUGGEST_MAX ? d : RRM_SPELL_SUGGEST_MAX;
	if (suggest) { /* what an earlier run found stays in front; the rest is looked up */
		size_t k = 0;
		for (size_t i = 0; i < todo; i++)
			if (!memo_get(memo_in, order[i], deep))
				order[k++] = order[i];
			else if (memo_out)
				memo_put(memo_out, order[i], deep);
		todo = k;
	}
	if (suggest && n_sp && todo) {
		/* the words are shared out among the spellers, one thread each */
		struct suggest_job *jobs = rrm_calloc(n_sp, sizeof *jobs);
		pthread_t *t = rrm_calloc(n_sp, sizeof *t);
		size_t per = (todo + n_sp - 1) / n_sp, started = 0;
		for (size_t k = 0; k < n_sp; k++) {
			size_t from = k * per, to = from + per > todo ? todo : from + per;
			jobs[k] = (struct suggest_job){sp[k], order + (from < todo ? from : todo),
						       from < todo ? to - from : 0, deep};
		}
		for (size_t k = 1; k < n_sp; k++)
			if (pthread_create(&t[k], NULL, suggest_some, &jobs[k]) == 0)
				started = k;
			else
				break;
		/* what no thread took, this one does */
		for (size_t k = started + 1; k < n_sp; k++)
			suggest_some(&jobs[k]);
		suggest_some(&jobs[0]);
		for (size_t k = 1; k <= started; k++)
			pthread_join(t[k], NULL);
		free(jobs);
		free(t);
		for (size_t i = 0; i < todo && memo_out; i++)
			memo_put(memo_out, order[i], deep);
	}
	free(order);
	for (size_t i = 0; i < s->n; i++) {
		struct rrm_finding *f = &s->items[i];
		if (f->rule != RRM_RULE_SPELLING_UNKNOWN || !f->subject)
			continue;
		struct distinct key = {.word = f->subject};
		struct distinct *w = bsearch(&key, v, d, sizeof *v, cmp_distinct_word);
		if (!w || !w->n_sugg)
			continue;
		struct rrm_buf m;
		rrm_buf_init(&m);
		rrm_buf_addf(&m, "unknown word '%s' (did you mean ", f->subject);
		for (size_t j = 0; j < w->n_sugg; j++) {
			rrm_buf_addf(&m, "%s'%s'",
				     j == 0               ? ""
				     : j + 1 == w->n_sugg ? " or "
							  : ", ",
				     w->sugg[j]);
			rrm_finding_suggest(f, w->sugg[j]);
		}
		rrm_buf_adds(&m, "?)");
		free(f->message);
		f->message = rrm_buf_detach(&m);
	}
	for (size_t i = 0; i < d; i++)
		for (size_t j = 0; j < v[i].n_sugg; j++)
			free(v[i].sugg[j]);
	free(v);
	return d;
}

/* Inline control comments. */

struct directive_ctx {
	const struct rrm_directive *d;
	size_t n;
};

static bool names_rule(const char *rules, enum rrm_rule_id rule)
{
	if (!rules)
		return true;
	for (const char *s = rules; *s;) {
		const char *e = strchr(s, ' ');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (rrm_rule_matches(rule, s, len))
			return true;
		s += len;
		while (*s == ' ')
			s++;
	}
	return false;
}

static bool not_silenced(const struct rrm_finding *f, void *ctx)
{
	const struct directive_ctx *x = ctx;
	bool off = false;
	for (size_t i = 0; i < x->n; i++) {
		const struct rrm_directive *d = &x->d[i];
		if (d->kind == RRM_DIRECTIVE_NEXT_LINE) {
			if (d->line + 1 == f->line && names_rule(d->rules, f->rule))
				return false;
			continue;
		}
		if (d->line > f->line)
			continue;
		if (names_rule(d->rules, f->rule))
			off = d->kind == RRM_DIRECTIVE_DISABLE;
	}
	return !off;
}

void rrm_lint_apply_directives(const struct rrm_directive *d, size_t n, struct rrm_sink *s,
			       size_t from)
{
	if (!n || from >= s->n)
		return;
	struct directive_ctx x = {d, n};
	rrm_sink_filter(s, from, not_silenced, &x);
}

void rrm_linted_release(struct rrm_linted *l)
{
	free(l->display);
	free(l->file);
	for (size_t i = 0; i < l->n_links; i++)
		free(l->links[i].dest);
	free(l->links);
	for (size_t i = 0; i < l->n_directives; i++)
		free(l->directives[i].rules);
	free(l->directives);
	memset(l, 0, sizeof *l);
}
