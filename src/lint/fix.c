/*
 * fix.c - rrm lint --fix and --diff (fix.h): the findings' one-answer
 * repairs applied to the files, and the unified diff that shows them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/file.h"
#include "lint/actions.h"
#include "lint/fix.h"

bool rrm_fix_rule(enum rrm_rule_id rule)
{
	switch (rule) {
	case RRM_RULE_SPELLING_REJECTED: /* with a hint only: actions.c offers nothing else */
	case RRM_RULE_SPELLING_VARIANT:
	case RRM_RULE_LINK_CASE:
	case RRM_RULE_LINK_ALIAS:
	case RRM_RULE_LINK_DEAD: /* only a .md link to an article that moved has a repair */
	case RRM_RULE_STYLE_REPEATED_WORD:
	case RRM_RULE_STYLE_PREFER:
	case RRM_RULE_STYLE_QUOTES:
	case RRM_RULE_STYLE_NAME_VARIANT: return true;
	default: return false;
	}
}

/* ---- the unified diff ---- */

struct lines {
	const char **s;
	size_t *len; /* with the line's '\n', when it has one */
	size_t n;
};

static void split_lines(const char *t, size_t n, struct lines *l)
{
	size_t cap = 0;
	memset(l, 0, sizeof *l);
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - t) + 1 : n;
		if (l->n == cap) {
			cap = cap ? cap * 2 : 64;
			l->s = rrm_realloc(l->s, cap * sizeof *l->s);
			l->len = rrm_realloc(l->len, cap * sizeof *l->len);
		}
		l->s[l->n] = t + i;
		l->len[l->n++] = e - i;
		i = e;
	}
}

static bool same_line(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && !memcmp(a->s[i], b->s[j], a->len[i]);
}

/* The edit script: for each step, ' ' (a line kept), '-' (one of a gone), '+' (one of b added). */
struct script {
	char *op;
	size_t n, cap;
};

static void push_op(struct script *s, char op)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->op = rrm_realloc(s->op, s->cap);
	}
	s->op[s->n++] = op;
}

/* Beyond this many differing lines the middle is shown as replaced whole. */
#define DIFF_MAX_D 2000

/*
 * Myers' shortest edit script of a[lo_a..hi_a) into b[lo_b..hi_b), appended
 * to `out` in order; the rows of the search are kept (d + 1 rows of 2d + 1).
 */
static void myers(const struct lines *a, size_t lo_a, size_t hi_a, const struct lines *b,
		  size_t lo_b, size_t hi_b, struct script *out)
{
	long n = (long)(hi_a - lo_a), m = (long)(hi_b - lo_b);
	long max = n + m < DIFF_MAX_D ? n + m : DIFF_MAX_D;
	long **rows = rrm_calloc((size_t)max + 1, sizeof *rows);
	long found = -1;
	for (long d = 0; d <= max && found < 0; d++) {
		long *row = rrm_malloc((size_t)(2 * d + 1) * sizeof *row);
		rows[d] = row;
		const long *prev = d ? rows[d - 1] : NULL;
		for (long k = -d; k <= d; k += 2) {
			long x;
			if (!d)
				x = 0;
			else if (k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]))
				x = prev[k + 1 + d - 1]; /* down: a line of b added */
			else
				x = prev[k - 1 + d - 1] + 1; /* right: a line of a gone */
			long y = x - k;
			while (x < n && y < m &&
			       same_line(a, lo_a + (size_t)x, b, lo_b + (size_t)y))
				x++, y++;
			row[k + d] = x;
			if (x >= n && y >= m) {
				found = d;
				break;
			}
		}
	}
	if (found < 0) { /* too different: all of a goes, all of b comes */
		for (long i = 0; i < n; i++)
			push_op(out, '-');
		for (long j = 0; j < m; j++)
			push_op(out, '+');
	} else {
		/* back from the end: the steps in reverse */
		struct script rev = {0};
		long x = n, y = m;
		for (long d = found; d > 0; d--) {
			const long *prev = rows[d - 1];
			long k = x - y, pk;
			if (k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]))
				pk = k + 1;
			else
				pk = k - 1;
			long px = prev[pk + d - 1], py = px - pk;
			long sx = pk == k + 1 ? px : px + 1; /* where the step lands */
			while (x > sx) {
				push_op(&rev, ' ');
				x--, y--;
			}
			push_op(&rev, pk == k + 1 ? '+' : '-');
			x = px, y = py;
		}
		while (x > 0) {
			push_op(&rev, ' ');
			x--;
		}
		for (size_t i = rev.n; i > 0; i--)
			push_op(out, rev.op[i - 1]);
		free(rev.op);
	}
	for (long d = 0; d <= max; d++)
		free(rows[d]);
	free(rows);
}

static void add_line(struct rrm_buf *out, char mark, const char *s, size_t len)
{
	rrm_buf_addc(out, mark);
	rrm_buf_add(out, s, len);
	if (!len || s[len - 1] != '\n')
		rrm_buf_adds(out, "\n\\ No newline at end of file\n");
}

/* "start,count" of a hunk side, as diff -u writes it (start before the hunk when empty). */
static void add_range(struct rrm_buf *out, size_t start, size_t count)
{
	if (count == 1)
		rrm_buf_addf(out, "%zu", start + 1);
	else
		rrm_buf_addf(out, "%zu,%zu", count ? start + 1 : start, count);
}

#define CONTEXT 3

void rrm_unified_diff(struct rrm_buf *out, const char *name, const char *a, size_t alen,
		      const char *b, size_t blen)
{
	if (alen == blen && !memcmp(a, b, alen))
		return;
	struct lines la, lb;
	split_lines(a, alen, &la);
	split_lines(b, blen, &lb);
	size_t pre = 0, suf = 0;
	while (pre < la.n && pre < lb.n && same_line(&la, pre, &lb, pre))
		pre++;
	while (suf < la.n - pre && suf < lb.n - pre &&
	       same_line(&la, la.n - 1 - suf, &lb, lb.n - 1 - suf))
		suf++;
	struct script s = {0};
	for (size_t i = 0; i < pre; i++)
		push_op(&s, ' ');
	myers(&la, pre, la.n - suf, &lb, pre, lb.n - suf, &s);
	for (size_t i = 0; i < suf; i++)
		push_op(&s, ' ');
	rrm_buf_addf(out, "--- a/%s\n+++ b/%s\n", name, name);
	/* the hunks: changes closer than 2 * CONTEXT kept lines apart are one */
	size_t i = 0, ai = 0, bi = 0;
	while (i < s.n) {
		if (s.op[i] == ' ') {
			i++, ai++, bi++;
			continue;
		}
		size_t back = 0; /* context before */
		while (back < CONTEXT && back < i && s.op[i - back - 1] == ' ')
			back++;
		size_t from = i - back, a0 = ai - back, b0 = bi - back;
		size_t end = i, run = 0;
		for (size_t k = i; k < s.n; k++) {
			if (s.op[k] != ' ') {
				end = k + 1;
				run = 0;
			} else if (++run > 2 * CONTEXT) {
				break;
			}
		}
		size_t stop = end;
		for (size_t c = 0; c < CONTEXT && stop < s.n && s.op[stop] == ' '; c++)
			stop++;
		size_t na = 0, nb = 0;
		for (size_t k = from; k < stop; k++) {
			na += s.op[k] != '+';
			nb += s.op[k] != '-';
		}
		rrm_buf_adds(out, "@@ -");
		add_range(out, a0, na);
		rrm_buf_adds(out, " +");
		add_range(out, b0, nb);
		rrm_buf_adds(out, " @@\n");
		size_t x = a0, y = b0;
		for (size_t k = from; k < stop; k++) {
			if (s.op[k] == ' ') {
				add_line(out, ' ', la.s[x], la.len[x]);
				x++, y++;
			} else if (s.op[k] == '-') {
				add_line(out, '-', la.s[x], la.len[x]);
				x++;
			} else {
				add_line(out, '+', lb.s[y], lb.len[y]);
				y++;
			}
		}
		i = stop, ai = x, bi = y;
	}
	free(s.op);
	free(la.s);
	free(la.len);
	free(lb.s);
	free(lb.len);
}

/* ---- the repairs ---- */

/* An edit of one repair, and which repair (its finding) it belongs to. */
struct fix_edit {
	struct rrm_text_edit e;
	size_t repair;
	enum rrm_rule_id rule;
};

static int by_start(const void *x, const void *y)
{
	const struct fix_edit *a = x, *b = y;
	if (a->e.start != b->e.start)
		return a->e.start < b->e.start ? -1 : 1;
	return a->repair < b->repair ? -1 : a->repair > b->repair;
}

/*
 * One round over `text`: the preferred edits of the findings that have one
 * right answer, those that overlap an earlier repair left out. Returns the
 * new text (NULL when nothing is to mend), the repairs by rule added to `st`.
 */
static char *mend(struct rrm_lint_session *s, const struct rrm_config *c, const char *path,
		  const char *text, size_t len, size_t *out_len, struct rrm_fix_stats *st)
{
	struct rrm_sink sink;
	rrm_sink_init(&sink);
	struct rrm_lint_error err = {0};
	if (rrm_lint_session_lint(s, path, text, len, &sink, &err)) {
		rrm_lint_error_release(&err);
		rrm_sink_release(&sink);
		return NULL;
	}
	struct rrm_action_input in = {
		.c = c, .path = path, .text = text, .len = len, .site = rrm_lint_session_site(s)};
	struct fix_edit *v = NULL;
	size_t n = 0, cap = 0, repairs = 0;
	for (size_t i = 0; i < sink.n; i++) {
		const struct rrm_finding *f = &sink.items[i];
		if (!rrm_fix_rule(f->rule))
			continue;
		struct rrm_actions acts;
		rrm_actions_init(&acts);
		rrm_actions_for(&in, f, &acts);
		for (size_t k = 0; k < acts.n; k++) {
			const struct rrm_action *x = &acts.v[k];
			if (!x->preferred || x->op != RRM_ACTION_EDIT || !x->n_edits)
				continue;
			for (size_t j = 0; j < x->n_edits; j++) {
				v = rrm_grow(v, &cap, n + 1, sizeof *v);
				v[n++] = (struct fix_edit){{x->edits[j].start, x->edits[j].end,
							    rrm_strdup(x->edits[j].text)},
							   repairs,
							   f->rule};
			}
			repairs++;
			break;
		}
		rrm_actions_release(&acts);
	}
	rrm_sink_release(&sink);
	if (n)
		qsort(v, n, sizeof *v, by_start);
	/* a repair whose edits overlap an earlier one's waits for the next round */
	bool *dropped = rrm_calloc(repairs ? repairs : 1, sizeof *dropped);
	size_t reach = 0;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (dropped[v[i].repair])
			continue;
		if (any && v[i].e.start < reach) {
			dropped[v[i].repair] = true;
			continue;
		}
		reach = v[i].e.end > reach ? v[i].e.end : reach;
		any = true;
	}
	struct rrm_text_edit *keep = rrm_calloc(n ? n : 1, sizeof *keep);
	size_t nk = 0;
	bool *counted = rrm_calloc(repairs ? repairs : 1, sizeof *counted);
	for (size_t i = 0; i < n; i++) {
		if (dropped[v[i].repair])
			continue;
		keep[nk++] = v[i].e;
		if (!counted[v[i].repair]) {
			counted[v[i].repair] = true;
			st->fixes++;
			st->by_rule[v[i].rule]++;
		}
	}
	char *next = nk ? rrm_edits_apply(text, len, keep, nk, out_len) : NULL;
	for (size_t i = 0; i < n; i++)
		free(v[i].e.text);
	free(v);
	free(keep);
	free(dropped);
	free(counted);
	return next;
}

/* Rounds of repairs of one file, at most this many (each may uncover another). */
#define FIX_ROUNDS 4

/*
 * The renamed anchors of `shown` among `found`, applied to text[0..len): each
 * only where the file still holds the old fragment there. NULL when none.
 */
static char *renamed_anchors(const struct rrm_sink *found, const char *shown, const char *text,
			     size_t len, size_t *out_len, struct rrm_fix_stats *st)
{
	struct rrm_text_edit *e = NULL;
	size_t n = 0, cap = 0, reach = 0;
	size_t bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
	for (size_t i = 0; i < found->n; i++) {
		const struct rrm_finding *f = &found->items[i];
		if (f->rule != RRM_RULE_LINK_ANCHOR || !f->fix || !f->subject || !f->path ||
		    strcmp(f->path, shown))
			continue;
		const char *hash = strchr(f->subject, '#');
		if (!hash)
			continue;
		size_t ol = strlen(hash + 1), at = SIZE_MAX;
		/* where the fragment is: the finding's offset, or after a BOM */
		size_t shifts[2] = {0, bom};
		for (size_t k = 0; k < (bom ? 2u : 1u) && at == SIZE_MAX; k++) {
			size_t o = f->fix_offset + shifts[k];
			if (o && f->fix_len == ol && o + ol <= len && text[o - 1] == '#' &&
			    !memcmp(text + o, hash + 1, ol))
				at = o;
		}
		if (at == SIZE_MAX || (n && at < reach))
			continue;
		e = rrm_grow(e, &cap, n + 1, sizeof *e);
		e[n++] = (struct rrm_text_edit){at, at + ol, f->fix};
		reach = at + ol;
		st->fixes++;
		st->by_rule[RRM_RULE_LINK_ANCHOR]++;
	}
	char *next = n ? rrm_edits_apply(text, len, e, n, out_len) : NULL;
	free(e);
	return next;
}

static void fix_file(struct rrm_lint_session *s, const struct rrm_config *c,
		     const struct rrm_sink *found, bool anchors, bool others, const char *abs,
		     const char *shown, struct rrm_buf *diff, struct rrm_fix_stats *st)
{
	char *orig = NULL;
	size_t olen = 0;
	int e = 0;
	if (rrm_read_file(abs, RRM_MAX_FILE_SIZE, &orig, &olen, &e) != RRM_READ_OK) {
		fprintf(stderr, "rrm: %s: cannot read it to fix it: %s\n", shown, strerror(e));
		st->failed++;
		return;
	}
	char *text = orig;
	size_t len = olen;
	if (anchors) {
		size_t nl = 0;
		char *next = renamed_anchors(found, shown, orig, olen, &nl, st);
		if (next)
			text = next, len = nl;
	}
	for (int round = 0; others && round < FIX_ROUNDS; round++) {
		size_t nl = 0;
		char *next = mend(s, c, abs, text, len, &nl, st);
		if (!next)
			break;
		if (text != orig)
			free(text);
		text = next;
		len = nl;
	}
	if (text == orig || (len == olen && !memcmp(text, orig, len))) {
		if (text != orig)
			free(text);
		free(orig);
		return;
	}
	st->files++;
	if (diff) {
		rrm_unified_diff(diff, shown, orig, olen, text, len);
	} else {
		/* not over a writer's newer text: the file must be as it was read
		 * (RRM_FAULT=changed: a writer saves it meanwhile, for the tests) */
		const char *fault = getenv("RRM_FAULT");
		if (fault && !strcmp(fault, "changed")) {
			FILE *w = fopen(abs, "a");
			if (w) {
				fputs("\nA writer's new line.\n", w);
				fclose(w);
			}
		}
		char *now = NULL;
		size_t nlen = 0;
		if (rrm_read_file(abs, RRM_MAX_FILE_SIZE, &now, &nlen, &e) != RRM_READ_OK ||
		    nlen != olen || memcmp(now, orig, olen)) {
			fprintf(stderr, "rrm: %s: changed while it was being fixed: not written\n",
				shown);
			st->stale++;
			st->files--;
		} else if ((e = rrm_file_replace(abs, text, len))) {
			fprintf(stderr, "rrm: %s: cannot write it: %s\n", shown, strerror(e));
			st->failed++;
			st->files--;
		}
		free(now);
	}
	free(text);
	free(orig);
}

static int by_path(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Whether --fix mends finding f: a one-answer repair, or with `anchors` a renamed anchor. */
static bool to_mend(const struct rrm_finding *f, bool anchors)
{
	return rrm_fix_rule(f->rule) || (anchors && f->rule == RRM_RULE_LINK_ANCHOR && f->fix);
}

int rrm_lint_fix(const struct rrm_config *c, const struct rrm_lint_options *o,
		 const struct rrm_sink *found, bool anchors, struct rrm_buf *diff,
		 struct rrm_fix_stats *st, struct rrm_lint_error *err)
{
	memset(st, 0, sizeof *st);
	/* the files with a finding to mend, each once */
	const char **paths = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < found->n; i++) {
		const struct rrm_finding *f = &found->items[i];
		if (!to_mend(f, anchors) || !f->path)
			continue;
		if (n && !strcmp(paths[n - 1], f->path))
			continue;
		paths = rrm_grow(paths, &cap, n + 1, sizeof *paths);
		paths[n++] = f->path;
	}
	if (n)
		qsort(paths, n, sizeof *paths, by_path);
	if (!n) {
		free(paths);
		return 0;
	}
	struct rrm_lint_options so = *o;
	so.cache_dir = NULL; /* the texts mended are linted in memory */
	so.baseline = so.write_baseline = NULL;
	so.suggest = false; /* no repair is a spelling guess: no suggestions to look up */
	struct rrm_lint_session *s = rrm_lint_session_new(c, &so);
	int rc = rrm_lint_session_index(s, err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (i && !strcmp(paths[i], paths[i - 1]))
			continue;
		/* the other repairs only in a file that has one (not a file that only
		 * links to a renamed heading) */
		bool others = false;
		for (size_t k = 0; k < found->n && !others; k++)
			others = found->items[k].path && !strcmp(found->items[k].path, paths[i]) &&
				 rrm_fix_rule(found->items[k].rule);
		char *abs = rrm_path_absolute(paths[i], o->start ? o->start : c->root);
		fix_file(s, c, found, anchors, others, abs, paths[i], diff, st);
		free(abs);
	}
	rrm_lint_session_free(s);
	free(paths);
	return rc;
}
