#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/config.h"
#include "lib/file.h"
#include "lib/spell.h"
#include "lib/util.h"
#include "lint/run.h"

const struct rrm_opt dict_opts[] = {
	{OPT_DICT, "dict", 0, "FILE",
	 "the house dictionary to change (default: the first of dictionaries:)"},
	{OPT_FROM_LINT, "from-lint", 0, NULL,
	 "add: the words rrm lint reports as unknown in PATHs"},
	{OPT_YES, "yes", 'y', NULL, "add: do not ask before adding"},
	{OPT_END, NULL, 0, NULL, NULL},
};

struct dict_opts {
	const char *dict;
	bool from_lint, yes;
};

static int on_opt(int id, const char *value, void *data)
{
	struct dict_opts *o = data;
	if (id == OPT_DICT)
		o->dict = value;
	else if (id == OPT_FROM_LINT)
		o->from_lint = true;
	else if (id == OPT_YES)
		o->yes = true;
	return 0;
}

/* A word line of the file, with the comment lines just above it. */
struct entry {
	char *word;
	char *key;      /* case-folded, for sorting */
	char *comments; /* comment lines that precede it, or NULL */
	int line;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->word, y->word);
}

static char *fold(const char *w)
{
	return rrm_utf8_casefold(w);
}

struct dict {
	char *header; /* the comment and blank lines at the top */
	struct entry *v;
	size_t n, cap;
};

static void dict_release(struct dict *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].word);
		free(d->v[i].key);
		free(d->v[i].comments);
	}
	free(d->v);
	free(d->header);
}

static void dict_add(struct dict *d, const char *w, size_t n, char *comments, int line)
{
	d->v = rrm_grow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	struct entry *e = &d->v[d->n++];
	e->word = rrm_strndup(w, n);
	e->key = fold(e->word);
	e->comments = comments;
	e->line = line;
}

/* Reads the dictionary; a missing file is an empty one. Returns 0 or errno. */
static int dict_read(struct dict *d, const char *path)
{
	memset(d, 0, sizeof *d);
	char *text;
	size_t len;
	int e;
	if (rrm_read_file(path, 64u * 1024 * 1024, &text, &len, &e) != RRM_READ_OK) {
		if (e == ENOENT) {
			d->header = rrm_strdup("");
			return 0;
		}
		return e;
	}
	struct rrm_buf header, pending;
	rrm_buf_init(&header);
	rrm_buf_init(&pending);
	bool top = true;
	int line = 0;
	for (size_t i = 0; i < len; line++) {
		size_t eol = i;
		while (eol < len && text[eol] != '\n')
			eol++;
		size_t s = i, t = eol;
		while (s < t && (text[s] == ' ' || text[s] == '\t' || text[s] == '\r'))
			s++;
		while (t > s && (text[t - 1] == ' ' || text[t - 1] == '\t' || text[t - 1] == '\r'))
			t--;
		bool comment = s == t || text[s] == '#';
		if (comment) {
			struct rrm_buf *into = top ? &header : &pending;
			rrm_buf_add(into, text + i, eol - i);
			rrm_buf_addc(into, '\n');
		} else {
			top = false;
			dict_add(d, text + s, t - s, pending.len ? rrm_buf_detach(&pending) : NULL,
				 line + 1);
			if (!pending.data)
				rrm_buf_init(&pending);
		}
		i = eol + 1;
	}
	/* comments after the last word stay at the end */
	if (pending.len) {
		rrm_buf_add(&header, "", 0);
		d->v = rrm_grow(d->v, &d->cap, d->n + 1, sizeof *d->v);
		struct entry *tail = &d->v[d->n++];
		tail->word = rrm_strdup("");
		tail->key = rrm_strdup("\xff\xff\xff"); /* sorts last */
		tail->comments = rrm_buf_detach(&pending);
		tail->line = line;
	} else {
		rrm_buf_release(&pending);
	}
	d->header = rrm_buf_detach(&header);
	free(text);
	return 0;
}

static char *dict_text(const struct dict *d)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_adds(&b, d->header);
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].comments)
			rrm_buf_adds(&b, d->v[i].comments);
		if (d->v[i].word[0])
			rrm_buf_addf(&b, "%s\n", d->v[i].word);
	}
	return rrm_buf_detach(&b);
}

static bool bad_word(const char *w)
{
	if (!*w)
		return true;
	for (const unsigned char *p = (const unsigned char *)w; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '#' || *p == '/')
			return true;
	bool nul;
	return rrm_utf8_check(w, strlen(w), &nul) != strlen(w);
}

/* The dictionary file: --dict, else the first of dictionaries: (a glob's first match). */
static char *dict_path(const struct rrm_config *c, const char *given)
{
	if (given)
		return rrm_path_absolute(given, NULL);
	const char *first = c->dictionaries.n ? c->dictionaries.v[0] : "dict/house.dic";
	char *pattern = rrm_path_join(c->root, first);
	glob_t g;
	char *path = NULL;
	if (glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc)
		path = rrm_strdup(g.gl_pathv[0]);
	globfree(&g);
	if (!path)
		path = strpbrk(first, "*?[") ? rrm_path_join(c->root, "dict/house.dic")
					     : rrm_strdup(pattern);
	free(pattern);
	return path;
}

/*
 * The words `rrm lint --format words PATH...` reports, from the lint engine
 * run as rrm lint would run it in the current folder (its notes, errors and
 * count of findings on standard error).
 */
static char **lint_words(const struct rrm_config *c, int argc, char **argv, size_t *n, bool *ok)
{
	*n = 0;
	*ok = false;
	char here[PATH_MAX];
	const char *start = getcwd(here, sizeof here) ? here : ".";
	rrm_print_config_notes(c, start);
	struct rrm_lint_input in = {.select = argc ? RRM_LINT_PATHS : RRM_LINT_SITE,
				    .paths = argv,
				    .n_paths = (size_t)argc,
				    .cwd = start};
	struct rrm_lint_options lo = {.words = true, .start = start};
	struct rrm_sink sink;
	rrm_sink_init(&sink);
	struct rrm_lint_stats st;
	struct rrm_lint_error err = {0};
	int rc = rrm_lint_run(c, &in, &lo, &sink, &st, &err);
	if (rc == RRM_LINT_ERROR)
		rrm_lint_print_error(&err);
	rrm_lint_error_release(&err);
	struct rrm_buf out;
	rrm_buf_init(&out);
	if (rc == RRM_LINT_OK) {
		rrm_report_words(&sink, &out);
		rrm_lint_print_summary(&sink, st.checked);
	}
	rrm_lint_stats_release(&st);
	rrm_sink_release(&sink);
	if (rc != RRM_LINT_OK) {
		rrm_buf_release(&out);
		return NULL;
	}
	rrm_buf_addc(&out, '\0');
	*ok = true;
	char **words = NULL;
	size_t cap = 0;
	for (char *line = out.data; *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *tab = strchr(line, '\t');
		if (tab && tab[1]) {
			words = rrm_grow(words, &cap, *n + 1, sizeof *words);
			words[(*n)++] = rrm_strdup(tab + 1);
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	rrm_buf_release(&out);
	return words;
}

static int dict_add_cmd(struct dict_opts *o, const struct rrm_config *c, int argc, char **argv,
			const char *start)
{
	char **words = NULL;
	size_t n = 0;
	bool owned = false;
	int rc;
	if (o->from_lint) {
		bool ok;
		words = lint_words(c, argc, argv, &n, &ok);
		owned = true;
		if (!ok) {
			rrm_error("dict add: rrm lint could not run (see its message above)");
			return RRM_EXIT_USAGE;
		}
		if (n == 0) {
			fprintf(stderr, "rrm: rrm lint reports no unknown word: nothing to add\n");
			return RRM_EXIT_OK;
		}
	} else {
		if (argc == 0) {
			rrm_error("dict add: give the words to add, or --from-lint");
			return RRM_EXIT_USAGE;
		}
		words = argv;
		n = (size_t)argc;
	}
	for (size_t i = 0; i < n; i++)
		if (bad_word(words[i])) {
			rrm_error(
				"dict add: '%s' is not a dictionary word (no spaces, control characters, "
				"'#' or '/')",
				words[i]);
			goto fail;
		}
	char *path = dict_path(c, o->dict);
	char *shown = rrm_path_relative(path, start);
	if (!o->dict && rrm_path_leads_out(path, c->root)) {
		rrm_error("dict add: %s leads outside the site; nothing written", shown);
		free(path);
		free(shown);
		goto fail;
	}
	struct dict d;
	int e = dict_read(&d, path);
	if (e) {
		rrm_error("dict: %s: %s", shown, strerror(e));
		free(path);
		free(shown);
		goto fail;
	}
	size_t before = d.n;
	for (size_t i = 0; i < n; i++) {
		bool have = false;
		for (size_t k = 0; k < d.n && !have; k++)
			have = !strcmp(d.v[k].word, words[i]);
		if (!have)
			dict_add(&d, words[i], strlen(words[i]), NULL, 0);
	}
	size_t added = d.n - before;
	if (o->from_lint && added) {
		for (size_t i = before; i < d.n; i++)
			fprintf(stderr, "  %s\n", d.v[i].word);
		if (!o->yes) {
			if (!isatty(STDIN_FILENO)) {
				rrm_error(
					"dict add: %zu words to add to %s; without a terminal, give --yes",
					added, shown);
				dict_release(&d);
				free(path);
				free(shown);
				goto fail;
			}
			fprintf(stderr, "Add these %zu words to %s? [y/N] ", added, shown);
			char answer[16] = "";
			if (!fgets(answer, sizeof answer, stdin) ||
			    (answer[0] != 'y' && answer[0] != 'Y')) {
				rrm_error("dict add: nothing added");
				dict_release(&d);
				free(path);
				free(shown);
				goto fail_quiet;
			}
		}
	}
	/* sorted: case-folded, then byte order; exact repeats dropped */
	qsort(d.v, d.n, sizeof *d.v, cmp_entry);
	size_t w = 0;
	for (size_t r = 0; r < d.n; r++) {
		if (w && d.v[r].word[0] && !strcmp(d.v[w - 1].word, d.v[r].word)) {
			/* a repeat: dropped, its comment lines kept with the word */
			if (d.v[r].comments) {
				char *merged = rrm_asprintf(
					"%s%s", d.v[w - 1].comments ? d.v[w - 1].comments : "",
					d.v[r].comments);
				free(d.v[w - 1].comments);
				d.v[w - 1].comments = merged;
				free(d.v[r].comments);
			}
			free(d.v[r].word);
			free(d.v[r].key);
			continue;
		}
		d.v[w++] = d.v[r];
	}
	d.n = w;
	char *text = dict_text(&d);
	char *dir = rrm_strdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	e = slash ? rrm_make_dirs(dir) : 0;
	free(dir);
	if (!e)
		e = rrm_file_replace(path, text, strlen(text));
	free(text);
	dict_release(&d);
	if (e) {
		rrm_error("dict add: cannot write %s: %s; the old file is unchanged", shown,
			  strerror(e));
		free(path);
		free(shown);
		goto fail;
	}
	fprintf(stderr, "rrm: %zu word%s added to %s\n", added, added == 1 ? "" : "s", shown);
	free(path);
	free(shown);
	rc = RRM_EXIT_OK;
	goto out;
fail:
	rc = RRM_EXIT_USAGE;
	goto out;
fail_quiet:
	rc = RRM_EXIT_FINDINGS;
out:
	if (owned) {
		for (size_t i = 0; i < n; i++)
			free(words[i]);
		free(words);
	}
	return rc;
}

/* dict check: repeats, order, and words the dictionaries know already. */
static int dict_check_cmd(struct dict_opts *o, const struct rrm_config *c, const char *start)
{
	char *path = dict_path(c, o->dict);
	char *shown = rrm_path_relative(path, start);
	struct dict d;
	int e = dict_read(&d, path);
	if (e) {
		rrm_error("dict: %s: %s", shown, strerror(e));
		free(path);
		free(shown);
		return RRM_EXIT_USAGE;
	}
	/* the system dictionaries alone, without house words */
	struct rrm_config bare = *c;
	struct rrm_strlist none = {NULL, 0, NULL};
	bare.dictionaries = none;
	bare.spelling.reject = NULL;
	struct rrm_spell_error se;
	struct rrm_speller *sp = rrm_speller_open(&bare, &se);
	if (!sp) {
		rrm_error("dict check: %s", se.message);
		rrm_spell_error_release(&se);
	}
	size_t problems = 0;
	for (size_t i = 0; i < d.n; i++) {
		const struct entry *x = &d.v[i];
		if (!x->word[0])
			continue;
		if (bad_word(x->word)) {
			printf("%s:%d:1: error: '%s' is not a dictionary word\n", shown, x->line,
			       x->word);
			problems++;
		}
		for (size_t k = 0; k < i; k++)
			if (!strcmp(d.v[k].word, x->word)) {
				printf("%s:%d:1: warning: '%s' repeats line %d\n", shown, x->line,
				       x->word, d.v[k].line);
				problems++;
				break;
			}
		if (i > 0 && d.v[i - 1].word[0] && cmp_entry(&d.v[i - 1], x) > 0) {
			printf("%s:%d:1: warning: '%s' is out of order (after '%s'; run rrm dict add to sort)\n",
			       shown, x->line, x->word, d.v[i - 1].word);
			problems++;
		}
		if (sp && rrm_speller_known(sp, x->word)) {
			printf("%s:%d:1: warning: '%s' is in the %s dictionary already\n", shown,
			       x->line, x->word, c->language.n ? c->language.v[0] : "system");
			problems++;
		}
	}
	rrm_speller_free(sp);
	dict_release(&d);
	free(path);
	free(shown);
	return problems ? RRM_EXIT_FINDINGS : RRM_EXIT_OK;
}

int cmd_dict(int argc, char **argv, struct rrm_common *common)
{
	struct dict_opts o = {0};
	int nops = 0;
	int rc = rrm_parse_options(rrm_command_find("dict"), argc, argv, common, on_opt, &o, &nops);
	if (rc)
		return rc == 1 ? RRM_EXIT_OK : rc;
	if (nops == 0 || (strcmp(argv[0], "add") && strcmp(argv[0], "check"))) {
		rrm_error("dict: say what to do: rrm dict add WORD..., rrm dict add --from-lint "
			  "[PATH...], rrm dict check");
		return RRM_EXIT_USAGE;
	}
	char cwd[PATH_MAX];
	struct rrm_config c;
	if ((rc = rrm_enter_site(common, &c, cwd, sizeof cwd))) {
		rrm_config_release(&c);
		return rc;
	}
	if (!strcmp(argv[0], "add"))
		rc = dict_add_cmd(&o, &c, nops - 1, argv + 1, common->start);
	else
		rc = dict_check_cmd(&o, &c, common->start);
	rrm_config_release(&c);
	return rc;
}
