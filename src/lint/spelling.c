#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "lint/lint.h"

struct spell_ctx {
	struct rrm_speller *sp;
	const struct rrm_article *a;
	const struct rrm_prose *p;
	const char *path;
	struct rrm_sink *s;
	const struct rrm_wordset *words;
	size_t token_off; /* offset of the token being checked in the prose text */
	struct rrm_locate_cursor cur; /* findings come in text order */
};

static void on_problem(void *ctx, size_t off, size_t len, enum rrm_spell_problem problem,
		       const char *hint)
{
	struct spell_ctx *x = ctx;
	size_t t = x->token_off + off;
	size_t src = rrm_article_locate_from(x->a, x->p, t, &x->cur);
	size_t src_end = rrm_article_locate_from(x->a, x->p, t + len, &x->cur);
	if (src_end < src)
		src_end = src;
	int line, col, eline, ecol;
	rrm_article_pos(x->a, src, &line, &col);
	rrm_article_pos(x->a, src_end, &eline, &ecol);
	char *word = rrm_strndup(x->p->text + t, len);
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
		f = hint ? rrm_sink_add(x->s, RRM_RULE_SPELLING_REJECTED, x->path, line, col, eline, ecol,
					file_off, "'%s' is not house style: write '%s'", word, hint)
			 : rrm_sink_add(x->s, RRM_RULE_SPELLING_REJECTED, x->path, line, col, eline, ecol,
					file_off, "'%s' is not house style", word);
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
	rrm_speller_check(x->sp, x->p->text + off, len, flags, x->words, on_problem, x);
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

void rrm_lint_spelling(const struct rrm_config *c, struct rrm_speller *sp, struct rrm_article *a,
		       const char *display, struct rrm_sink *s)
{
	rrm_article_add_field_prose(a, c->spelling.fields.v, c->spelling.fields.n);
	struct rrm_wordset *words = article_words(c, a);
	struct spell_ctx x = {sp, a, NULL, display, s, words, 0, {0}};
	for (size_t i = 0; i < a->n_prose; i++) {
		x.p = &a->prose[i];
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
		j->words[i]->n_sugg = rrm_speller_suggest(j->sp, j->words[i]->word, j->words[i]->sugg, 3,
							  j->deep, &j->words[i]->near);
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
				 bool suggest, const struct rrm_map *memo_in, struct rrm_map *memo_out)
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
			rrm_buf_addf(&m, "%s'%s'", j == 0 ? "" : j + 1 == w->n_sugg ? " or " : ", ",
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
