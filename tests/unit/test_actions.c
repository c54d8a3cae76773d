/*
 * Unit tests: the repairs of a finding (lint/actions.h) and the house
 * dictionary's writer (rrm_dict_add_words). Each finding comes from the
 * engine linting a document of a small site (lint/run.h); each edit is
 * checked byte for byte, applied, and the document linted again: the
 * finding is gone and nothing else changed.
 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "lib/config.h"
#include "lib/diag.h"
#include "lib/dict.h"
#include "lib/spell.h"
#include "lib/util.h"
#include "lint/actions.h"
#include "lint/run.h"

static char root[64];

static char *read_all(const char *rel)
{
	char *path = rrm_path_join(root, rel);
	char *text = NULL;
	size_t len;
	int e = 0;
	if (rrm_read_file(path, 1 << 20, &text, &len, &e) != RRM_READ_OK)
		text = NULL;
	free(path);
	return text;
}

static void write_file(const char *rel, const char *text)
{
	fixture_write(root, rel, text);
}

static const char CONFIG[] = "language: en_US\ncontent_dir: content\nstatic_dir: static\n"
			     "permalink: /:path/\n"
			     "anchors: hugo\nspelling:\n  reject: dict/reject.txt\n"
			     "style:\n  repeated_words: warning\n  prefer:\n    \"U.S.\": US\n"
			     "  quotes: curly\n  names: warning\n"
			     "rules:\n  link/alias: warning\n";

static struct rrm_config C;
static struct rrm_lint_options O;
static struct rrm_lint_session *S;

static int make_site(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "/tmp/rrm-test-actions-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	write_file("content/about.md", "---\ntitle: About\n---\n# About\n\n## Team\n\nUs.\n");
	write_file("content/new.md",
		   "---\ntitle: New\naliases: [/old/]\n---\n# New\n\n## Part\n\nHere.\n");
	write_file("content/blog/post.md", "---\ntitle: Post\n---\n# Post\n\nA post.\n");
	write_file("static/logo.png", "");
	write_file("content/blog/img/pic.png", "");
	write_file("dict/reject.txt", "Daesh -> ISIS\nirregardless\n");
	struct rrm_config_error e;
	if (rrm_config_load_text(&C, root, "rrm.yml", CONFIG, strlen(CONFIG), &e))
		fail_msg("config: %s", e.message);
	rrm_config_error_release(&e);
	O = (struct rrm_lint_options){.jobs = 1, .start = root};
	S = rrm_lint_session_new(&C, &O);
	struct rrm_lint_error err = {0};
	assert_int_equal(rrm_lint_session_index(S, &err), 0);
	return 0;
}

static int remove_site(void **state)
{
	(void)state;
	rrm_lint_session_free(S);
	rrm_config_release(&C);
	fixture_remove(root);
	return 0;
}

/* The findings of `text` linted as `path`. */
static struct rrm_sink lint(const char *path, const char *text)
{
	struct rrm_sink sink;
	rrm_sink_init(&sink);
	struct rrm_lint_error err = {0};
	assert_int_equal(rrm_lint_session_lint(S, path, text, strlen(text), &sink, &err), 0);
	assert_null(err.message);
	return sink;
}

/* The finding of `rule` whose subject (or message) holds `what`, or NULL. */
static const struct rrm_finding *find(const struct rrm_sink *s, enum rrm_rule_id rule,
				      const char *what)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct rrm_finding *f = &s->items[i];
		if (f->rule == rule && ((f->subject && !strcmp(f->subject, what)) ||
					(f->message && strstr(f->message, what))))
			return f;
	}
	return NULL;
}

/* The actions for the finding of `rule` about `what` in `text` (which must have one). */
static struct rrm_actions actions_of(const char *path, const char *text, enum rrm_rule_id rule,
				     const char *what, struct rrm_speller *sp)
{
	struct rrm_sink sink = lint(path, text);
	const struct rrm_finding *f = find(&sink, rule, what);
	if (!f)
		fail_msg("no finding %d about '%s' in %s", rule, what, text);
	struct rrm_action_input in = {.c = &C,
				      .path = path,
				      .text = text,
				      .len = strlen(text),
				      .sp = sp,
				      .site = rrm_lint_session_site(S)};
	struct rrm_actions a;
	rrm_actions_init(&a);
	rrm_actions_for(&in, f, &a);
	rrm_sink_release(&sink);
	return a;
}

static const struct rrm_action *titled(const struct rrm_actions *a, const char *prefix)
{
	for (size_t i = 0; i < a->n; i++)
		if (!strncmp(a->v[i].title, prefix, strlen(prefix)))
			return &a->v[i];
	return NULL;
}

/* The text with the action's edits applied (a new string). */
static char *applied(const char *text, const struct rrm_action *x)
{
	assert_int_equal(x->op, RRM_ACTION_EDIT);
	assert_string_equal(x->kind, "quickfix");
	char *r = rrm_edits_apply(text, strlen(text), x->edits, x->n_edits, NULL);
	assert_non_null(r);
	return r;
}

/* Linting `text` again gives no finding of `rule` about `what`, and `others` findings in all. */
static void fixed(const char *path, const char *text, enum rrm_rule_id rule, const char *what,
		  size_t others)
{
	struct rrm_sink sink = lint(path, text);
	if (find(&sink, rule, what))
		fail_msg("still a finding about '%s' in:\n%s", what, text);
	assert_int_equal(sink.n, others);
	rrm_sink_release(&sink);
}

static struct rrm_speller *speller(void)
{
	struct rrm_lint_error err = {0};
	struct rrm_speller *sp = rrm_lint_session_speller(S, &err);
	if (!sp)
		fail_msg("speller: %s", err.message ? err.message : "off");
	return sp;
}

/* The suggestions, each an edit of exactly the word's bytes, after an emoji and a curly quote. */
static void test_suggestions(void **state)
{
	(void)state;
	const char *doc = "---\ntitle: T\n---\n# T\n\n\xF0\x9F\x98\x80 \xE2\x80\x9C"
			  "Recieve\xE2\x80\x9D it, \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7 all.\n";
	struct rrm_speller *sp = speller();
	struct rrm_actions a =
		actions_of("content/t.md", doc, RRM_RULE_SPELLING_UNKNOWN, "Recieve", sp);
	/* the speller's own suggestions, in its order, the first preferred */
	char *want[RRM_ACTION_SUGGESTIONS];
	size_t n = rrm_speller_suggest(sp, "Recieve", want, RRM_ACTION_SUGGESTIONS, true, NULL);
	assert_true(n >= 1);
	assert_string_equal(want[0], "Receive");
	assert_true(a.n >= n + 1);
	size_t start = (size_t)(strstr(doc, "Recieve") - doc);
	assert_int_equal(start, 4 + 9 + 4 + 4 + 1 + 4 + 1 + 3); /* after the emoji and the quote */
	for (size_t i = 0; i < n; i++) {
		const struct rrm_action *x = &a.v[i];
		char *title = rrm_asprintf("Replace with '%s'", want[i]);
		assert_string_equal(x->title, title);
		free(title);
		assert_int_equal(x->preferred, i == 0);
		assert_int_equal(x->rule, RRM_RULE_SPELLING_UNKNOWN);
		assert_int_equal(x->n_edits, 1);
		assert_int_equal(x->edits[0].start, start);
		assert_int_equal(x->edits[0].end, start + 7);
		assert_string_equal(x->edits[0].text, want[i]);
		free(want[i]);
	}
	char *r = applied(doc, &a.v[0]);
	assert_string_equal(r, "---\ntitle: T\n---\n# T\n\n\xF0\x9F\x98\x80 \xE2\x80\x9C"
			       "Receive\xE2\x80\x9D it, \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7 all.\n");
	fixed("content/t.md", r, RRM_RULE_SPELLING_UNKNOWN, "Recieve", 0);
	free(r);
	/* no speller: no suggestions, the other actions still */
	rrm_actions_release(&a);
	a = actions_of("content/t.md", doc, RRM_RULE_SPELLING_UNKNOWN, "Recieve", NULL);
	assert_int_equal(a.n, 2);
	assert_null(titled(&a, "Replace"));
	assert_int_equal(a.v[0].op, RRM_ACTION_ADD_WORD);
	rrm_actions_release(&a);

	/* a word before a curly apostrophe ("recieve's"): its bytes only */
	const char *doc2 = "---\ntitle: T\n---\n# T\n\nThe recieve\xE2\x80\x99s end, "
			   "and re*ciev*ed.\n";
	a = actions_of("content/t.md", doc2, RRM_RULE_SPELLING_UNKNOWN, "recieve", sp);
	const struct rrm_action *x = titled(&a, "Replace with 'receive'");
	assert_non_null(x);
	assert_true(x->preferred);
	size_t s2 = (size_t)(strstr(doc2, "recieve") - doc2);
	assert_int_equal(x->edits[0].start, s2);
	assert_int_equal(x->edits[0].end, s2 + 7);
	rrm_actions_release(&a);
	/* markup inside the word: no replacement of the whole (it would drop the markup) */
	a = actions_of("content/t.md", doc2, RRM_RULE_SPELLING_UNKNOWN, "recieved", sp);
	assert_null(titled(&a, "Replace"));
	assert_non_null(titled(&a, "Add 'recieved' to the house dictionary"));
	assert_non_null(titled(&a, "Accept 'recieved' in this article"));
	rrm_actions_release(&a);
	/* a stale finding (the text changed since): no replacement */
	struct rrm_sink sink = lint("content/t.md", doc);
	const struct rrm_finding *f = find(&sink, RRM_RULE_SPELLING_UNKNOWN, "Recieve");
	assert_non_null(f);
	const char *later = "---\ntitle: T\n---\n# T\n\nThen \xE2\x80\x9C"
			    "Recieve\xE2\x80\x9D it.\n";
	struct rrm_action_input in = {.c = &C,
				      .path = "content/t.md",
				      .text = later,
				      .len = strlen(later),
				      .sp = sp,
				      .site = rrm_lint_session_site(S)};
	rrm_actions_init(&a);
	assert_int_equal(rrm_actions_for(&in, f, &a), 2);
	assert_null(titled(&a, "Replace"));
	rrm_actions_release(&a);
	rrm_sink_release(&sink);
}

/* A finding made up for the text (the engine's own where it gives one). */
static struct rrm_finding unknown_at(const char *text, const char *word)
{
	const char *at = strstr(text, word);
	assert_non_null(at);
	int line = 1, col = 1;
	for (const char *p = text; p < at; p++)
		if (*p == '\n')
			line++, col = 1;
		else if (((unsigned char)*p & 0xc0) != 0x80)
			col++;
	struct rrm_finding f = {.rule = RRM_RULE_SPELLING_UNKNOWN,
				.line = line,
				.column = col,
				.end_line = line,
				.end_column = col + (int)rrm_utf8_count(word, strlen(word)),
				.offset = (size_t)(at - text),
				.subject = (char *)word,
				.message = (char *)"unknown word"};
	return f;
}

/* Accepting the word in this article: the front matter's words field, in each of its forms. */
static void test_accept_in_article(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		/* no words field: created, the last key */
		{"---\ntitle: T\n---\n", "---\ntitle: T\nspelling: [Zorbly]\n---\n"},
		{"---\n---\n", "---\nspelling: [Zorbly]\n---\n"},
		{"---\r\ntitle: T\r\n---\r\n", "---\r\ntitle: T\r\nspelling: [Zorbly]\r\n---\r\n"},
		{"---\ntitle: T\n...\n", "---\ntitle: T\nspelling: [Zorbly]\n...\n"},
		/* a flow list */
		{"---\nspelling: [foo, bar] # ok\ntitle: T\n---\n",
		 "---\nspelling: [foo, bar, Zorbly] # ok\ntitle: T\n---\n"},
		{"---\nspelling: []\n---\n", "---\nspelling: [Zorbly]\n---\n"},
		{"---\nspelling: [foo,]\n---\n", "---\nspelling: [foo, Zorbly,]\n---\n"},
		{"---\nspelling: [\"foo\",\n  'bar']\n---\n",
		 "---\nspelling: [\"foo\",\n  'bar', Zorbly]\n---\n"},
		/* a block list */
		{"---\nspelling:\n  - foo\n  - bar  # c\ntitle: T\n---\n",
		 "---\nspelling:\n  - foo\n  - bar  # c\n  - Zorbly\ntitle: T\n---\n"},
		{"---\ntitle: T\nspelling:\n- foo\n---\n",
		 "---\ntitle: T\nspelling:\n- foo\n- Zorbly\n---\n"},
		{"---\nspelling:\r\n    - \"foo\"\r\n---\r\n",
		 "---\nspelling:\r\n    - \"foo\"\r\n    - Zorbly\r\n---\r\n"},
		/* a string of words */
		{"---\nspelling: foo bar\n---\n", "---\nspelling: foo bar Zorbly\n---\n"},
		{"---\nspelling: \"foo, bar\"\n---\n", "---\nspelling: \"foo, bar Zorbly\"\n---\n"},
		{"---\nspelling: 'foo'\n---\n", "---\nspelling: 'foo Zorbly'\n---\n"},
		/* none yet */
		{"---\nspelling:\ntitle: T\n---\n", "---\nspelling: [Zorbly]\ntitle: T\n---\n"},
		{"---\nspelling:   # later\n---\n", "---\nspelling: [Zorbly]   # later\n---\n"},
		{"---\nspelling: ~\n---\n", "---\nspelling: [Zorbly]\n---\n"},
	};
	const char *body = "# T\n\nA Zorbly word.\n";
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *doc = rrm_asprintf("%s%s", cases[i][0], body);
		char *want = rrm_asprintf("%s%s", cases[i][1], body);
		struct rrm_actions a =
			actions_of("content/t.md", doc, RRM_RULE_SPELLING_UNKNOWN, "Zorbly", NULL);
		const struct rrm_action *x = titled(&a, "Accept 'Zorbly' in this article");
		if (!x)
			fail_msg("no action for:\n%s", doc);
		assert_false(x->preferred);
		assert_int_equal(x->n_edits, 1);
		char *r = applied(doc, x);
		assert_string_equal(r, want);
		fixed("content/t.md", r, RRM_RULE_SPELLING_UNKNOWN, "Zorbly", 0);
		free(r);
		rrm_actions_release(&a);
		free(doc);
		free(want);
	}
	/* a word that is no plain YAML scalar is quoted in a list, not added to a string */
	const char *odd = "---\nspelling: [foo]\n---\n# T\n\nA word.\n";
	struct rrm_finding f = unknown_at(odd, "word");
	f.subject = (char *)"-x";
	struct rrm_action_input in = {.c = &C,
				      .path = "content/t.md",
				      .text = odd,
				      .len = strlen(odd),
				      .sp = NULL,
				      .site = rrm_lint_session_site(S)};
	struct rrm_actions a;
	rrm_actions_init(&a);
	rrm_actions_for(&in, &f, &a);
	const struct rrm_action *x = titled(&a, "Accept");
	assert_non_null(x);
	assert_string_equal(x->edits[0].text, ", \"-x\"");
	rrm_actions_release(&a);
	const char *odd2 = "---\nspelling: foo\n---\n# T\n\nA word.\n";
	in.text = odd2;
	in.len = strlen(odd2);
	f = unknown_at(odd2, "word");
	f.subject = (char *)"-x";
	rrm_actions_for(&in, &f, &a);
	assert_null(titled(&a, "Accept"));
	rrm_actions_release(&a);
}

/* A words field of another name (otel's "cSpell:ignore", a string of words). */
static void test_words_field_name(void **state)
{
	(void)state;
	static const char *const names[][2] = {
		{"cSpell:ignore", "cSpell:ignore: [Zorbly]\n"},
		{"words", "words: [Zorbly]\n"},
		{"spell words", NULL}, /* no plain key: not created */
		{"-x", NULL}};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *cfg = rrm_asprintf("language: en_US\nspelling:\n  words_field: \"%s\"\n",
					 names[i][0]);
		struct rrm_config c;
		struct rrm_config_error e;
		assert_int_equal(rrm_config_load_text(&c, root, "rrm.yml", cfg, strlen(cfg), &e),
				 0);
		rrm_config_error_release(&e);
		const char *doc = "---\ntitle: T\n---\n# T\n\nA Zorbly word.\n";
		struct rrm_finding f = unknown_at(doc, "Zorbly");
		struct rrm_action_input in = {
			.c = &c, .path = "content/t.md", .text = doc, .len = strlen(doc)};
		struct rrm_actions a;
		rrm_actions_init(&a);
		rrm_actions_for(&in, &f, &a);
		const struct rrm_action *x = titled(&a, "Accept");
		if (names[i][1]) {
			assert_non_null(x);
			assert_int_equal(x->edits[0].start, 13);
			assert_string_equal(x->edits[0].text, names[i][1]);
		} else {
			assert_null(x);
		}
		rrm_actions_release(&a);
		/* a string of words under that name: the word after them */
		char *doc2 =
			rrm_asprintf("---\n%s: foo bar\n---\n# T\n\nA Zorbly word.\n", names[i][0]);
		f = unknown_at(doc2, "Zorbly");
		in.text = doc2;
		in.len = strlen(doc2);
		rrm_actions_for(&in, &f, &a);
		x = titled(&a, "Accept");
		if (names[i][1]) {
			assert_non_null(x);
			char *r = applied(doc2, x);
			char *want = rrm_asprintf(
				"---\n%s: foo bar Zorbly\n---\n# T\n\nA Zorbly word.\n",
				names[i][0]);
			assert_string_equal(r, want);
			free(want);
			free(r);
		}
		rrm_actions_release(&a);
		free(doc2);
		free(cfg);
		rrm_config_release(&c);
	}
}

/* Front matter that cannot be edited safely: no action to accept the word there. */
static void test_accept_refused(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"+++\ntitle = 'T'\n+++\n",                  /* TOML: rrm does not read it */
		"---\ntitle: [unclosed\n---\n",             /* malformed */
		"---\ntitle: T\n",                          /* never closed */
		"",                                         /* none */
		"---\n{title: T}\n---\n",                   /* a flow map */
		"---\n  title: T\n---\n",                   /* indented keys */
		"---\n- a\n---\n",                          /* not a map */
		"---\nspelling: |\n  foo\n---\n",           /* a block scalar */
		"---\nspelling: {a: b}\n---\n",             /* a map */
		"---\nspelling: [foo, [bar]]\n---\n",       /* a list in the list */
		"---\nspelling: !!str foo\n---\n",          /* a tag */
		"---\nspelling: [a]\nspelling: [b]\n---\n", /* the key twice */
		"---\nx: &w [a]\nspelling: *w\n---\n",      /* an alias */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *doc = rrm_asprintf("%s# T\n\nA Zorbly word.\n", cases[i]);
		struct rrm_finding f = unknown_at(doc, "Zorbly");
		struct rrm_action_input in = {.c = &C,
					      .path = "content/t.md",
					      .text = doc,
					      .len = strlen(doc),
					      .sp = NULL,
					      .site = rrm_lint_session_site(S)};
		struct rrm_actions a;
		rrm_actions_init(&a);
		rrm_actions_for(&in, &f, &a);
		if (titled(&a, "Accept"))
			fail_msg("an action for:\n%s", doc);
		/* the house dictionary is offered all the same */
		assert_non_null(
			titled(&a, "Add 'Zorbly' to the house dictionary (dict/house.dic)"));
		rrm_actions_release(&a);
		free(doc);
	}
}

/* Adding the word to the house dictionary: an operation, performed only when applied. */
static void test_add_to_dictionary(void **state)
{
	(void)state;
	const char *doc = "---\ntitle: T\n---\n# T\n\nThe Quuxbaz word.\n";
	struct rrm_actions a =
		actions_of("content/t.md", doc, RRM_RULE_SPELLING_UNKNOWN, "Quuxbaz", NULL);
	const struct rrm_action *x = titled(&a, "Add 'Quuxbaz' to the house dictionary");
	assert_non_null(x);
	assert_string_equal(x->title, "Add 'Quuxbaz' to the house dictionary (dict/house.dic)");
	assert_int_equal(x->op, RRM_ACTION_ADD_WORD);
	assert_int_equal(x->n_edits, 0);
	assert_string_equal(x->word, "Quuxbaz");
	char *want = rrm_path_join(root, "dict/house.dic");
	assert_string_equal(x->dict, want);
	free(want);
	char *none = read_all("dict/house.dic");
	assert_null(none); /* listing wrote nothing */
	char *error = NULL;
	assert_int_equal(rrm_action_apply(&C, x, &error), 0);
	assert_null(error);
	char *text = read_all("dict/house.dic");
	assert_string_equal(text, "Quuxbaz\n");
	free(text);
	/* the speller loaded again knows it */
	rrm_lint_session_reload_speller(S);
	fixed("content/t.md", doc, RRM_RULE_SPELLING_UNKNOWN, "Quuxbaz", 0);
	/* an edit is no operation */
	assert_int_equal(rrm_action_apply(&C, &(struct rrm_action){.op = RRM_ACTION_EDIT}, &error),
			 -1);
	assert_non_null(error);
	free(error);
	rrm_actions_release(&a);
	char *path = rrm_path_join(root, "dict/house.dic");
	unlink(path);
	free(path);
	rrm_lint_session_reload_speller(S);
}

/* spelling/rejected with a hint: the house form. */
static void test_rejected(void **state)
{
	(void)state;
	const char *doc = "---\ntitle: T\n---\n# T\n\nWhat \xE2\x80\x9C"
			  "Daesh\xE2\x80\x9D said, irregardless.\n";
	struct rrm_actions a =
		actions_of("content/t.md", doc, RRM_RULE_SPELLING_REJECTED, "'Daesh'", NULL);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.v[0].title, "Write 'ISIS'");
	assert_true(a.v[0].preferred);
	size_t s = (size_t)(strstr(doc, "Daesh") - doc);
	assert_int_equal(a.v[0].edits[0].start, s);
	assert_int_equal(a.v[0].edits[0].end, s + 5);
	char *r = applied(doc, &a.v[0]);
	assert_string_equal(r, "---\ntitle: T\n---\n# T\n\nWhat \xE2\x80\x9CISIS\xE2\x80\x9D "
			       "said, irregardless.\n");
	rrm_actions_release(&a);
	/* the other, with no hint, stays: no action */
	fixed("content/t.md", r, RRM_RULE_SPELLING_REJECTED, "'Daesh'", 1);
	a = actions_of("content/t.md", r, RRM_RULE_SPELLING_REJECTED, "'irregardless'", NULL);
	assert_int_equal(a.n, 0);
	rrm_actions_release(&a);
	free(r);
}

/* style/repeated-word: the fix the finding carries, across a line break after an emoji. */
static void test_repeated_word(void **state)
{
	(void)state;
	const char *doc = "---\ntitle: T\n---\n\xF0\x9F\x98\x80 It was the\nthe end.\n";
	struct rrm_actions a =
		actions_of("content/t.md", doc, RRM_RULE_STYLE_REPEATED_WORD, "'the'", NULL);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.v[0].title, "Delete the repeated 'the'");
	assert_true(a.v[0].preferred);
	char *r = applied(doc, &a.v[0]);
	/* the line break stays: the second word goes with the space after it */
	assert_string_equal(r, "---\ntitle: T\n---\n\xF0\x9F\x98\x80 It was the\nend.\n");
	rrm_actions_release(&a);
	fixed("content/t.md", r, RRM_RULE_STYLE_REPEATED_WORD, "'the'", 0);
	free(r);
	/* before a line break or punctuation, with the blanks before it */
	doc = "---\ntitle: T\n---\nIt was was\nthe end, the the.\n";
	a = actions_of("content/t.md", doc, RRM_RULE_STYLE_REPEATED_WORD, "'was'", NULL);
	assert_int_equal(a.n, 1);
	r = applied(doc, &a.v[0]);
	assert_string_equal(r, "---\ntitle: T\n---\nIt was\nthe end, the the.\n");
	rrm_actions_release(&a);
	char *r2;
	a = actions_of("content/t.md", r, RRM_RULE_STYLE_REPEATED_WORD, "'the'", NULL);
	assert_int_equal(a.n, 1);
	r2 = applied(r, &a.v[0]);
	assert_string_equal(r2, "---\ntitle: T\n---\nIt was\nthe end, the.\n");
	rrm_actions_release(&a);
	free(r);
	free(r2);
}

/* style/prefer: the house form, as the finding's fix. */
static void test_prefer(void **state)
{
	(void)state;
	const char *doc = "---\ntitle: T\n---\nThe U.S. view, not the U.S.A. one.\n";
	struct rrm_actions a = actions_of("content/t.md", doc, RRM_RULE_STYLE_PREFER, "U.S.", NULL);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.v[0].title, "Replace with 'US'");
	char *r = applied(doc, &a.v[0]);
	assert_string_equal(r, "---\ntitle: T\n---\nThe US view, not the U.S.A. one.\n");
	rrm_actions_release(&a);
	fixed("content/t.md", r, RRM_RULE_STYLE_PREFER, "U.S.", 0);
	free(r);
}

/* style/quotes: each straight quote's curly form, as the finding's fix. */
static void test_quotes(void **state)
{
	(void)state;
	const char *doc = "---\ntitle: T\n---\nShe said \"no\" and didn't.\n";
	const char *want[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99"};
	char *r = rrm_strdup(doc);
	for (size_t i = 0; i < 3; i++) {
		char what[64];
		snprintf(what, sizeof what, "writes %s", want[i]);
		struct rrm_actions a =
			actions_of("content/t.md", r, RRM_RULE_STYLE_QUOTES, what, NULL);
		assert_int_equal(a.n, 1);
		char title[64];
		snprintf(title, sizeof title, "Replace with '%s'", want[i]);
		assert_string_equal(a.v[0].title, title);
		char *next = applied(r, &a.v[0]);
		rrm_actions_release(&a);
		free(r);
		r = next;
	}
	assert_string_equal(r, "---\ntitle: T\n---\nShe said \xE2\x80\x9Cno\xE2\x80\x9D and "
			       "didn\xE2\x80\x99t.\n");
	fixed("content/t.md", r, RRM_RULE_STYLE_QUOTES, "straight", 0);
	free(r);
}

/* style/name-variant: the spelling the article writes more often, as the finding's fix. */
static void test_name_variant(void **state)
{
	(void)state;
	const char *doc =
		"---\ntitle: T\nspelling: [Muhammad, Mohammed]\n---\nMuhammad spoke. Mohammed\xE2\x80\x99s aide and "
		"Muhammad left.\n";
	struct rrm_actions a =
		actions_of("content/t.md", doc, RRM_RULE_STYLE_NAME_VARIANT, "'Mohammed'", NULL);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.v[0].title, "Replace with 'Muhammad'");
	char *r = applied(doc, &a.v[0]);
	assert_string_equal(
		r,
		"---\ntitle: T\nspelling: [Muhammad, Mohammed]\n---\nMuhammad spoke. Muhammad\xE2\x80\x99s aide and "
		"Muhammad left.\n");
	rrm_actions_release(&a);
	fixed("content/t.md", r, RRM_RULE_STYLE_NAME_VARIANT, "'Mohammed'", 0);
	free(r);
}

/* spelling/variant: the house spelling (a site of -ise spellings). */
static void test_variant(void **state)
{
	(void)state;
	const char *cfg = "language: en_GB\ncontent_dir: content\nspelling:\n  variant: ise\n";
	struct rrm_config c;
	struct rrm_config_error e;
	assert_int_equal(rrm_config_load_text(&c, root, "rrm.yml", cfg, strlen(cfg), &e), 0);
	rrm_config_error_release(&e);
	struct rrm_lint_options o = {.jobs = 1, .start = root};
	struct rrm_lint_session *s = rrm_lint_session_new(&c, &o);
	const char *doc = "---\ntitle: V\n---\n# V\n\nWe \xF0\x9F\x98\x80 organize it.\n";
	struct rrm_sink sink;
	rrm_sink_init(&sink);
	struct rrm_lint_error err = {0};
	assert_int_equal(rrm_lint_session_lint(s, "content/v.md", doc, strlen(doc), &sink, &err),
			 0);
	const struct rrm_finding *f = find(&sink, RRM_RULE_SPELLING_VARIANT, "'organize'");
	assert_non_null(f);
	struct rrm_action_input in = {
		.c = &c, .path = "content/v.md", .text = doc, .len = strlen(doc)};
	struct rrm_actions a;
	rrm_actions_init(&a);
	assert_int_equal(rrm_actions_for(&in, f, &a), 1);
	assert_string_equal(a.v[0].title, "Write 'organise'");
	assert_true(a.v[0].preferred);
	char *r = applied(doc, &a.v[0]);
	assert_string_equal(r, "---\ntitle: V\n---\n# V\n\nWe \xF0\x9F\x98\x80 organise it.\n");
	rrm_sink_release(&sink);
	rrm_sink_init(&sink);
	assert_int_equal(rrm_lint_session_lint(s, "content/v.md", r, strlen(r), &sink, &err), 0);
	assert_int_equal(sink.n, 0);
	rrm_sink_release(&sink);
	free(r);
	rrm_actions_release(&a);
	rrm_lint_session_free(s);
	rrm_config_release(&c);
}

/* link/case: the destination in the site's letter case, its query and #anchor kept. */
static void test_link_case(void **state)
{
	(void)state;
	static const char *const cases[][3] = {
		{"content/t.md", "[us](/About/?x=1#team)", "/about/?x=1#team"},
		{"content/t.md", "[us](/ABOUT#team)", "/about#team"},
		{"content/blog/post.md", "[us](../../About/#team)", "../../about/#team"},
		{"content/t.md", "<a href=\"/About/\">us</a>", "/about/"},
		/* files: the message does not say; the site index does */
		{"content/t.md", "[logo](/Logo.PNG?v=2)", "/logo.png?v=2"},
		{"content/blog/post.md", "[a](../About.md#team)", "../about.md#team"},
		{"content/blog/post.md", "![p](/blog/IMG/pic.png)", "/blog/img/pic.png"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *doc = rrm_asprintf("---\ntitle: T\n---\n# T\n\n\xF0\x9F\x98\x80 %s.\n",
					 cases[i][1]);
		struct rrm_actions a =
			actions_of(cases[i][0], doc, RRM_RULE_LINK_CASE, "exists only", NULL);
		if (a.n != 1)
			fail_msg("%zu actions for %s", a.n, doc);
		char *title = rrm_asprintf("Link to '%s' (its letter case)", cases[i][2]);
		assert_string_equal(a.v[0].title, title);
		free(title);
		assert_true(a.v[0].preferred);
		const char *d = strchr(cases[i][1], '/');
		if (d[-1] == '.')
			d = strstr(cases[i][1], "../");
		size_t s = (size_t)(strstr(doc, d) - doc);
		assert_int_equal(a.v[0].edits[0].start, s);
		assert_int_equal(a.v[0].edits[0].end, s + strcspn(d, ")\""));
		char *r = applied(doc, &a.v[0]);
		fixed(cases[i][0], r, RRM_RULE_LINK_CASE, "exists only", 0);
		free(r);
		rrm_actions_release(&a);
		free(doc);
	}
	/* a file's case without the site index: not known, no action */
	const char *doc = "---\ntitle: T\n---\n# T\n\n[a](../About.md)\n";
	struct rrm_sink sink = lint("content/blog/post.md", doc);
	const struct rrm_finding *f = find(&sink, RRM_RULE_LINK_CASE, "exists only");
	assert_non_null(f);
	struct rrm_action_input in = {
		.c = &C, .path = "content/blog/post.md", .text = doc, .len = strlen(doc)};
	struct rrm_actions a;
	rrm_actions_init(&a);
	assert_int_equal(rrm_actions_for(&in, f, &a), 0);
	in.site = rrm_lint_session_site(S);
	assert_int_equal(rrm_actions_for(&in, f, &a), 1);
	assert_string_equal(a.v[0].edits[0].text, "../about.md");
	rrm_actions_release(&a);
	rrm_sink_release(&sink);
}

/* link/alias: the page's current URL, its #anchor kept. */
static void test_link_alias(void **state)
{
	(void)state;
	const char *doc = "---\ntitle: T\n---\n# T\n\nSee [it](/old/#part) and [ref].\n\n"
			  "[ref]: /old/\n";
	struct rrm_actions a =
		actions_of("content/t.md", doc, RRM_RULE_LINK_ALIAS, "/old/#part", NULL);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.v[0].title, "Link to the current URL '/new/#part'");
	assert_true(a.v[0].preferred);
	size_t s = (size_t)(strstr(doc, "/old/#part") - doc);
	assert_int_equal(a.v[0].edits[0].start, s);
	assert_int_equal(a.v[0].edits[0].end, s + 10);
	char *r = applied(doc, &a.v[0]);
	assert_string_equal(r, "---\ntitle: T\n---\n# T\n\nSee [it](/new/#part) and [ref].\n\n"
			       "[ref]: /old/\n");
	rrm_actions_release(&a);
	/* the reference definition's, then */
	a = actions_of("content/t.md", r, RRM_RULE_LINK_ALIAS, "/old/", NULL);
	assert_int_equal(a.n, 1);
	char *r2 = applied(r, &a.v[0]);
	assert_string_equal(r2, "---\ntitle: T\n---\n# T\n\nSee [it](/new/#part) and [ref].\n\n"
				"[ref]: /new/\n");
	fixed("content/t.md", r2, RRM_RULE_LINK_ALIAS, "/old/", 0);
	rrm_actions_release(&a);
	free(r);
	free(r2);
	/* a finding whose link is no longer there: nothing */
	struct rrm_sink sink = lint("content/t.md", doc);
	const struct rrm_finding *f = find(&sink, RRM_RULE_LINK_ALIAS, "/old/#part");
	assert_non_null(f);
	const char *moved = "---\ntitle: T\n---\n# T\n\nSee it (/old/#part).\n";
	struct rrm_action_input in = {.c = &C,
				      .path = "content/t.md",
				      .text = moved,
				      .len = strlen(moved),
				      .sp = NULL,
				      .site = rrm_lint_session_site(S)};
	rrm_actions_init(&a);
	assert_int_equal(rrm_actions_for(&in, f, &a), 0);
	rrm_sink_release(&sink);
	/* a rule with no repair */
	struct rrm_finding dead = {.rule = RRM_RULE_LINK_DEAD, .line = 6, .column = 10};
	assert_int_equal(rrm_actions_for(&in, &dead, &a), 0);
	assert_int_equal(a.n, 0);
	rrm_actions_release(&a);
}

/* link/alias on a Jekyll site under a baseurl: the link keeps its baseurl, as written. */
static void test_link_alias_jekyll(void **state)
{
	(void)state;
	char saved[64];
	memcpy(saved, root, sizeof root);
	snprintf(root, sizeof root, "/tmp/rrm-test-actions-jk-XXXXXX");
	assert_non_null(mkdtemp(root));
	write_file("_config.yml", "baseurl: /blog\nplugins: [jekyll-redirect-from]\n");
	write_file("new.md", "---\ntitle: New\nredirect_from: [/old/]\npermalink: /new/\n---\n"
			     "# New\n\n## Part\n");
	write_file("rrm.yml", "rules:\n  link/alias: warning\n  spelling/unknown-word: off\n");
	struct rrm_config c;
	struct rrm_config_error e;
	assert_int_equal(rrm_config_load(&c, root, true, &e), 0); /* Jekyll's, and rrm.yml */
	assert_non_null(c.jekyll);
	rrm_config_error_release(&e);
	struct rrm_lint_options o = {.jobs = 1, .start = root};
	struct rrm_lint_session *s = rrm_lint_session_new(&c, &o);
	struct rrm_lint_error ierr = {0};
	assert_int_equal(rrm_lint_session_index(s, &ierr), 0);
	static const char *const cases[][2] = {
		{"[a](/blog/old/#part)", "[a](/blog/new/#part)"},
		{"[a]({{ site.baseurl }}/old/)", "[a]({{ site.baseurl }}/new/)"},
		{"[a]({{site.baseurl}}/old/?x#part)", "[a]({{site.baseurl}}/new/?x#part)"},
		{"[a]({{ \"/old/\" | relative_url }})", NULL}, /* other Liquid: not rewritten */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *doc = rrm_asprintf("---\ntitle: T\n---\n# T\n\n%s\n", cases[i][0]);
		struct rrm_sink sink;
		rrm_sink_init(&sink);
		struct rrm_lint_error err = {0};
		assert_int_equal(rrm_lint_session_lint(s, "t.md", doc, strlen(doc), &sink, &err),
				 0);
		const struct rrm_finding *f = find(&sink, RRM_RULE_LINK_ALIAS, "is an alias");
		if (!f)
			fail_msg("no link/alias in %s", doc);
		struct rrm_action_input in = {
			.c = &c, .path = "t.md", .text = doc, .len = strlen(doc)};
		struct rrm_actions a;
		rrm_actions_init(&a);
		rrm_actions_for(&in, f, &a);
		if (!cases[i][1]) {
			assert_int_equal(a.n, 0);
		} else {
			assert_int_equal(a.n, 1);
			char *r = applied(doc, &a.v[0]);
			char *want = rrm_asprintf("---\ntitle: T\n---\n# T\n\n%s\n", cases[i][1]);
			assert_string_equal(r, want);
			struct rrm_sink again;
			rrm_sink_init(&again);
			assert_int_equal(
				rrm_lint_session_lint(s, "t.md", r, strlen(r), &again, &err), 0);
			assert_int_equal(again.n, 0); /* alive, and no alias */
			rrm_sink_release(&again);
			free(want);
			free(r);
		}
		rrm_actions_release(&a);
		rrm_sink_release(&sink);
		free(doc);
	}
	rrm_lint_session_free(s);
	rrm_config_release(&c);
	fixture_remove(root);
	memcpy(root, saved, sizeof root);
}

/* A byte order mark: the edits are offsets in the text as given. */
static void test_bom(void **state)
{
	(void)state;
	const char *doc = "\xEF\xBB\xBF---\ntitle: T\n---\n# T\n\nSee [it](/old/) Zorbly.\n";
	struct rrm_actions a = actions_of("content/t.md", doc, RRM_RULE_LINK_ALIAS, "/old/", NULL);
	assert_int_equal(a.n, 1);
	char *r = applied(doc, &a.v[0]);
	assert_string_equal(r, "\xEF\xBB\xBF---\ntitle: T\n---\n# T\n\nSee [it](/new/) Zorbly.\n");
	rrm_actions_release(&a);
	a = actions_of("content/t.md", r, RRM_RULE_SPELLING_UNKNOWN, "Zorbly", NULL);
	const struct rrm_action *x = titled(&a, "Accept");
	assert_non_null(x);
	char *r2 = applied(r, x);
	assert_string_equal(r2, "\xEF\xBB\xBF---\ntitle: T\nspelling: [Zorbly]\n---\n# T\n\n"
				"See [it](/new/) Zorbly.\n");
	fixed("content/t.md", r2, RRM_RULE_SPELLING_UNKNOWN, "Zorbly", 0);
	free(r);
	free(r2);
	rrm_actions_release(&a);
}

static void test_edits_apply(void **state)
{
	(void)state;
	struct rrm_text_edit e[] = {{0, 1, (char *)"A"}, {2, 2, (char *)"-"}, {3, 4, (char *)""}};
	size_t n;
	char *r = rrm_edits_apply("abcd", 4, e, 3, &n);
	assert_string_equal(r, "Ab-c");
	assert_int_equal(n, 4);
	free(r);
	struct rrm_text_edit overlap[] = {{0, 2, (char *)"x"}, {1, 3, (char *)"y"}};
	assert_null(rrm_edits_apply("abcd", 4, overlap, 2, NULL));
	struct rrm_text_edit past[] = {{3, 5, (char *)"x"}};
	assert_null(rrm_edits_apply("abcd", 4, past, 1, NULL));
}

/* The files in folder `rel` of the site, as one string of names. */
static char *folder(const char *rel)
{
	char *path = rrm_path_join(root, rel);
	DIR *d = opendir(path);
	free(path);
	assert_non_null(d);
	char *names[16];
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < 16;)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			names[n++] = rrm_strdup(e->d_name);
	closedir(d);
	for (size_t i = 1; i < n; i++) /* sorted */
		for (size_t k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
			char *t = names[k];
			names[k] = names[k - 1];
			names[k - 1] = t;
		}
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		rrm_buf_addf(&b, "%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
	return rrm_buf_detach(&b);
}

static bool say_no(void *ctx, const struct rrm_dict *d, size_t first_new)
{
	*(size_t *)ctx = d->n - first_new;
	return false;
}

/* Puts a folder where the file is, once it has been read: the rename over it fails. */
static bool block(void *ctx, const struct rrm_dict *d, size_t first_new)
{
	(void)d, (void)first_new;
	const char *path = ctx;
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0755), 0);
	return true;
}

/* The house dictionary's writer: sorted, atomic, refusing what is no word. */
static void test_dict_add_words(void **state)
{
	(void)state;
	write_file("words/house.dic", "# house words\nzebra\nApple  # a name\n");
	char *path = rrm_path_join(root, "words/house.dic");
	struct stat before, after;
	assert_int_equal(stat(path, &before), 0);
	char *w[] = {(char *)"banana", (char *)"apple", (char *)"zebra", (char *)"Éclair"};
	struct rrm_dict_add_result r;
	assert_int_equal(rrm_dict_add_words(path, w, 4, NULL, NULL, &r), RRM_DICT_ADDED);
	assert_int_equal(r.added, 3);
	char *text = read_all("words/house.dic");
	assert_string_equal(text, "# house words\nApple  # a name\napple\nbanana\nzebra\n"
				  "\xC3\x89"
				  "clair\n");
	free(text);
	/* replaced (a new file renamed over the old), nothing else left in the folder */
	assert_int_equal(stat(path, &after), 0);
	assert_true(after.st_ino != before.st_ino);
	char *names = folder("words");
	assert_string_equal(names, "house.dic");
	free(names);

	/* refused: a space, a '/', a '#', nothing read or written */
	char *bad[][2] = {{(char *)"ok", (char *)"two words"},
			  {(char *)"a/b", (char *)"ok"},
			  {(char *)"ok", (char *)"#x"},
			  {(char *)"ok", (char *)""}};
	size_t bad_at[] = {1, 0, 1, 1};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(rrm_dict_add_words(path, bad[i], 2, NULL, NULL, &r),
				 RRM_DICT_ADD_BAD_WORD);
		assert_int_equal(r.bad, bad_at[i]);
	}
	assert_int_equal(stat(path, &before), 0);
	assert_true(after.st_ino == before.st_ino);

	/* declined: nothing written */
	size_t asked = 0;
	char *one[] = {(char *)"cherry", (char *)"apple"};
	assert_int_equal(rrm_dict_add_words(path, one, 2, say_no, &asked, &r),
			 RRM_DICT_ADD_DECLINED);
	assert_int_equal(asked, 1);
	assert_int_equal(stat(path, &before), 0);
	assert_true(after.st_ino == before.st_ino);

	/* a write that fails leaves no part of a file behind */
	assert_int_equal(rrm_dict_add_words(path, one, 2, block, path, &r),
			 RRM_DICT_ADD_UNWRITABLE);
	assert_int_equal(r.error, EISDIR);
	names = folder("words");
	assert_string_equal(names, "house.dic");
	free(names);
	assert_int_equal(rmdir(path), 0);

	/* a missing file, in a missing folder: created */
	char *fresh = rrm_path_join(root, "words/new/x.dic");
	assert_int_equal(rrm_dict_add_words(fresh, one, 2, NULL, NULL, &r), RRM_DICT_ADDED);
	assert_int_equal(r.added, 2);
	text = read_all("words/new/x.dic");
	assert_string_equal(text, "apple\ncherry\n");
	free(text);
	/* unreadable: a folder */
	char *dir = rrm_path_join(root, "words/new");
	assert_int_equal(rrm_dict_add_words(dir, one, 2, NULL, NULL, &r), RRM_DICT_ADD_UNREADABLE);
	assert_int_equal(r.error, EISDIR);
	free(dir);
	free(fresh);
	free(path);

	/* the house dictionary: the first of dictionaries:, a glob's first match */
	char *house = rrm_dict_house_path(&C);
	char *want = rrm_path_join(root, "dict/house.dic"); /* no .dic file in dict/ */
	assert_string_equal(house, want);
	free(house);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggestions),
		cmocka_unit_test(test_accept_in_article),
		cmocka_unit_test(test_words_field_name),
		cmocka_unit_test(test_accept_refused),
		cmocka_unit_test(test_add_to_dictionary),
		cmocka_unit_test(test_rejected),
		cmocka_unit_test(test_repeated_word),
		cmocka_unit_test(test_prefer),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_name_variant),
		cmocka_unit_test(test_variant),
		cmocka_unit_test(test_link_case),
		cmocka_unit_test(test_link_alias),
		cmocka_unit_test(test_link_alias_jekyll),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_edits_apply),
		cmocka_unit_test(test_dict_add_words),
	};
	return cmocka_run_group_tests(tests, make_site, remove_site);
}
