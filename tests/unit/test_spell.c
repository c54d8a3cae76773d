/* Unit tests: the tokenizer and the word checks of spell (with real hunspell en_GB). */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/article.h"
#include "lib/spell.h"
#include "lib/util.h"
#include "lint/lint.h"

/* Tokens of `text`, joined by '|'. */
static void on_token(void *ctx, size_t off, size_t len, unsigned flags)
{
	struct rrm_buf *b = ((void **)ctx)[0];
	const char *text = ((void **)ctx)[1];
	if (b->len)
		rrm_buf_addc(b, '|');
	if (flags & RRM_WORD_SENTENCE_START)
		rrm_buf_addc(b, '^');
	rrm_buf_add(b, text + off, len);
}

static void expect_tokens(const char *text, const char *want)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	void *ctx[2] = {&b, (void *)text};
	rrm_words(text, strlen(text), on_token, ctx);
	if (strcmp(b.data, want))
		fail_msg("tokens of '%s': want '%s', got '%s'", text, want, b.data);
	rrm_buf_release(&b);
}

static void test_tokens(void **state)
{
	(void)state;
	expect_tokens("Iraq’s militias, the States’ view.", "^Iraq’s|militias|the|States|view");
	expect_tokens("don't rock 'n' roll", "^don't|rock|n|roll");
	expect_tokens("al-Muhandis and x-ray", "^al-Muhandis|and|x-ray");
	expect_tokens("an en–dash and em—dash", "^an|en|dash|and|em|dash");
	expect_tokens("in 680AD, 40+ and the 2020s", "^in|680AD|40|and|the|2020s");
	expect_tokens("see https://x.org/a?b=c and www.example.com now", "^see|and|now");
	expect_tokens("mail a.b@example.org today", "^mail|today");
	expect_tokens("edit content/posts/x.md or ./run and ~/bin", "^edit|or|and");
	expect_tokens("the U.S. and e.g. Ph.D. holders", "^the|and|holders");
	expect_tokens("use {{< ref \"x.md\" >}} or {% link a.md %} here", "^use|or|here");
	expect_tokens("a note[^1] here", "^a|note|here");
	expect_tokens("Shi‘a and Jama’at", "^Shi‘a|and|Jama’at");
	expect_tokens("End. Next one! And? yes", "^End|^Next|one|^And|^yes");
	expect_tokens("читать and قراءة", "^читать|and|قراءة");
	expect_tokens("'quoted' and ’tis", "^quoted|and|tis");
	expect_tokens("readme.md and example.org", "and");
	expect_tokens("snake_case words", "^snake_case|words");
	expect_tokens("## Contact {#contact} and {.otel-logo} or {: .note}", "^Contact|and|or");
	expect_tokens("thanks @pietroalbini in #otel-community now", "^thanks|in|now");
	/* a combining mark belongs to the word it follows (NFD "Müller", "Lesiński") */
	expect_tokens("Mr Mu\xcc\x88ller and Lesin\xcc\x81ski",
		      "^Mr|Mu\xcc\x88ller|and|Lesin\xcc\x81ski");
	/* emoji codes are not words; a time, a ratio or a:b:c are not emoji codes */
	expect_tokens("yes :smile: :+1: :white_check_mark: :thumbsup: :-1: ok", "^yes|ok");
	expect_tokens("done:tada: and :smile::wink: here", "^done|tada|and|here");
	expect_tokens("at 10:30:00, a 3:2:1 mix, a:bee:c and :Capital: or : spaced : ones",
		      "^at|10|30|00|a|3|2|1|mix|a|bee|c|and|Capital|or|spaced|ones");
	expect_tokens("a :smile:word glued", "^a|smile|word|glued");
}

static void test_nfc(void **state)
{
	(void)state;
	char *w = rrm_word_nfc("Mu\xcc\x88ller", 8);
	assert_string_equal(w, "M\xc3\xbcller");
	free(w);
	w = rrm_word_nfc("Iraq\xe2\x80\x99s", 8); /* apostrophes are kept as written */
	assert_string_equal(w, "Iraq\xe2\x80\x99s");
	free(w);
	w = rrm_word_nfc("plain", 3);
	assert_string_equal(w, "pla");
	free(w);
}

static struct rrm_config C;
static struct rrm_speller *SP;

static int setup(void **state)
{
	(void)state;
	const char *data = getenv("RRM_TEST_DATA");
	assert_non_null(data);
	char *root = rrm_asprintf("%s/spell-site", data);
	const char *cfg = "language: en_GB\ndictionaries: [dict/*.dic]\n"
			  "spelling: {variant: ise, reject: dict/reject.txt}\n";
	struct rrm_config_error e;
	assert_int_equal(rrm_config_load_text(&C, root, "rrm.yml", cfg, strlen(cfg), &e), 0);
	rrm_config_error_release(&e);
	free(root);
	struct rrm_spell_error se;
	SP = rrm_speller_open(&C, &se);
	if (!SP)
		fail_msg("speller: %s", se.message);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rrm_speller_free(SP);
	rrm_config_release(&C);
	return 0;
}

struct adapter {
	struct rrm_buf *out;
	const char *word;
};

static void adapter_report(void *ctx, size_t off, size_t len, enum rrm_spell_problem p,
			   const char *hint)
{
	struct adapter *ad = ctx;
	static const char *const names[] = {"unknown", "rejected", "variant"};
	rrm_buf_addf(ad->out, "%s%s@%zu:%.*s%s%s", ad->out->len ? " " : "", names[p], off, (int)len,
		     ad->word + off, hint ? "->" : "", hint ? hint : "");
}

/* Problems of one word as "kind@offset:part->hint ...". */
static void check_word(const char *word, const struct rrm_wordset *extra, const char *want)
{
	struct rrm_buf out;
	rrm_buf_init(&out);
	struct adapter ad = {&out, word};
	rrm_speller_check(SP, word, strlen(word), RRM_WORD_SENTENCE_START, extra, adapter_report,
			  &ad);
	if (strcmp(out.data, want))
		fail_msg("check '%s': want '%s', got '%s'", word, want, out.data);
	rrm_buf_release(&out);
}

static void test_checks(void **state)
{
	(void)state;
	/* British spellings and house words pass */
	check_word("offence", NULL, "");
	check_word("labour", NULL, "");
	check_word("Soleimani", NULL, "");
	check_word("SOLEIMANI", NULL, "");
	check_word("soleimani", NULL, "unknown@0:soleimani");
	/* possessives */
	check_word("Iraq’s", NULL, "");
	check_word("Soleimani’s", NULL, "");
	check_word("Soleimany’s", NULL, "unknown@0:Soleimany");
	check_word("don’t", NULL, "");
	/* hyphens: whole or every part */
	check_word("al-Muhandis", NULL, "");
	check_word("al-Muhandiss", NULL, "unknown@3:Muhandiss");
	check_word("well-known", NULL, "");
	check_word("Hashd-al-Shaabi", NULL, "");
	/* skipped: digits, acronyms, single letters, non-Latin */
	check_word("680AD", NULL, "");
	check_word("NATO", NULL, "");
	check_word("NATO’s", NULL, "");
	check_word("PMFs", NULL, "");
	check_word("x", NULL, "");
	check_word("читать", NULL, "");
	check_word("snake_case", NULL, "");
	/* US forms are unknown in en_GB; -ize forms are variants */
	check_word("color", NULL, "unknown@0:color");
	check_word("behavior", NULL, "unknown@0:behavior");
	check_word("organize", NULL, "variant@0:organize->organise");
	check_word("Realization", NULL, "variant@0:Realization->Realisation");
	check_word("organise", NULL, "");
	check_word("size", NULL, "");
	check_word("prize", NULL, "");
	/* rejected words, with and without a hint, any capitalisation */
	check_word("Daesh", NULL, "rejected@0:Daesh->ISIS");
	check_word("daesh", NULL, "rejected@0:daesh->ISIS");
	check_word("irregardless", NULL, "rejected@0:irregardless");
	/* combining accents match the precomposed house word */
	check_word("Goi\xcc\x88ta", NULL, "");
	check_word("Goïta", NULL, "");
	/* an unknown word with combining accents is reported whole, not up to its
	 * length in NFC ("Mülle" of "Müller") */
	check_word("Mu\xcc\x88llerz", NULL, "unknown@0:Mu\xcc\x88llerz");
	check_word("Ka\xcc\x8arez\xe2\x80\x99s", NULL, "unknown@0:Ka\xcc\x8arez");
	check_word("al-Mu\xcc\x88hx", NULL, "unknown@3:Mu\xcc\x88hx");
	check_word("e\xcc\x81"
		   "e\xcc\x81zq",
		   NULL,
		   "unknown@0:e\xcc\x81"
		   "e\xcc\x81zq");
	/* NFC shortens U+212B ANGSTROM SIGN (3 bytes) to U+00C5 (2): still the whole word */
	check_word("\xe2\x84\xabngstromq", NULL, "unknown@0:\xe2\x84\xabngstromq");
	check_word("Caf\xc3\xa9zq\xe2\x80\x99s", NULL, "unknown@0:Caf\xc3\xa9zq");
	/* curly and straight apostrophes alike, in house words too */
	check_word("Jama'at", NULL, "");
	check_word("Jama’at", NULL, "");
	/* elided French articles */
	check_word("d’Ivoire", NULL, "unknown@4:Ivoire");
	check_word("l’homme", NULL, "");
}

static void test_article_words(void **state)
{
	(void)state;
	struct rrm_wordset *w = rrm_wordset_new();
	rrm_wordset_add(w, "Araghchi", 8);
	rrm_wordset_add(w, "snapbacks", 9);
	check_word("Araghchi", w, "");
	check_word("ARAGHCHI", w, "");
	check_word("araghchi", w, "unknown@0:araghchi");
	check_word("Araghchi’s", w, "");
	check_word("Snapbacks", w, "");
	check_word("Araghchi", NULL, "unknown@0:Araghchi");
	rrm_wordset_free(w);
}

static void test_suggestions(void **state)
{
	(void)state;
	char *out[3];
	size_t n = rrm_speller_suggest(SP, "Soleimany", out, 3, false, NULL);
	assert_true(n >= 1);
	assert_string_equal(out[0], "Soleimani"); /* a house word */
	for (size_t i = 0; i < n; i++)
		free(out[i]);
	n = rrm_speller_suggest(SP, "behavior", out, 3, false, NULL);
	assert_true(n >= 1);
	assert_string_equal(out[0], "behaviour");
	for (size_t i = 0; i < n; i++)
		free(out[i]);
	n = rrm_speller_suggest(SP, "color", out, 3, false, NULL);
	assert_true(n >= 1);
	assert_string_equal(out[0], "colour");
	for (size_t i = 0; i < n; i++) {
		assert_null(strchr(out[i], '-'));
		free(out[i]);
	}
}

/* Spellers of the same site share their dictionaries (one copy), each usable on its own thread. */
static void *use_speller(void *arg)
{
	struct rrm_speller *sp = arg;
	for (int round = 0; round < 3; round++) {
		char *out[3];
		size_t n = rrm_speller_suggest(sp, "behavior", out, 3, true, NULL);
		assert_true(n >= 1);
		assert_string_equal(out[0], "behaviour");
		for (size_t i = 0; i < n; i++)
			free(out[i]);
		assert_true(rrm_speller_known(sp, "colour"));
		assert_false(rrm_speller_known(sp, "Zqxwvtz"));
	}
	return NULL;
}

static void test_shared(void **state)
{
	(void)state;
	struct rrm_spell_error se;
	struct rrm_speller *a = rrm_speller_open(&C, &se), *b = rrm_speller_open(&C, &se);
	assert_non_null(a);
	assert_non_null(b);
	pthread_t ta, tb;
	assert_int_equal(pthread_create(&ta, NULL, use_speller, a), 0);
	assert_int_equal(pthread_create(&tb, NULL, use_speller, b), 0);
	use_speller(SP);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	/* the first freed, the others still have the dictionaries; then one loaded anew */
	rrm_speller_free(a);
	use_speller(b);
	rrm_speller_free(b);
	struct rrm_speller *c = rrm_speller_open(&C, &se);
	assert_non_null(c);
	use_speller(c);
	rrm_speller_free(c);
	use_speller(SP);
}

static void test_options(void **state)
{
	(void)state;
	const char *data = getenv("RRM_TEST_DATA");
	char *root = rrm_asprintf("%s/spell-site", data);
	const char *cfg = "spelling: {acronyms: check, skip_title_case_midsentence: true}\n";
	struct rrm_config c;
	struct rrm_config_error e;
	assert_int_equal(rrm_config_load_text(&c, root, "rrm.yml", cfg, strlen(cfg), &e), 0);
	rrm_config_error_release(&e);
	free(root);
	struct rrm_spell_error se;
	struct rrm_speller *sp = rrm_speller_open(&c, &se);
	assert_non_null(sp);
	struct rrm_buf out;
	rrm_buf_init(&out);
	struct adapter ad = {&out, "NATOX"};
	/* acronyms: check: capitals are checked */
	rrm_speller_check(sp, "NATOX", 5, RRM_WORD_SENTENCE_START, NULL, adapter_report, &ad);
	assert_string_equal(out.data, "unknown@0:NATOX");
	/* a capitalised word mid-sentence is skipped; at a sentence start it is checked */
	out.len = 0;
	out.data[0] = '\0';
	ad.word = "Soleimanx";
	rrm_speller_check(sp, "Soleimanx", 9, 0, NULL, adapter_report, &ad);
	assert_string_equal(out.data, "");
	rrm_speller_check(sp, "Soleimanx", 9, RRM_WORD_SENTENCE_START, NULL, adapter_report, &ad);
	assert_string_equal(out.data, "unknown@0:Soleimanx");
	rrm_buf_release(&out);
	rrm_speller_free(sp);
	rrm_config_release(&c);
}

static void test_missing_dictionary(void **state)
{
	(void)state;
	struct rrm_config c;
	struct rrm_config_error e;
	const char *cfg = "\nlanguage: [en_GB, xx_YY]\n";
	assert_int_equal(rrm_config_load_text(&c, "/nonexistent", "rrm.yml", cfg, strlen(cfg), &e),
			 0);
	rrm_config_error_release(&e);
	struct rrm_spell_error se;
	assert_null(rrm_speller_open(&c, &se));
	assert_non_null(strstr(se.message, "hunspell-xx-yy"));
	assert_int_equal(se.line, 2);
	assert_int_equal(se.column, 19); /* the item, not the list */
	rrm_spell_error_release(&se);
	rrm_config_release(&c);
	/* a plain dictionary path that does not exist */
	cfg = "dictionaries: [dict/missing.dic]\n";
	assert_int_equal(rrm_config_load_text(&c, "/nonexistent", "rrm.yml", cfg, strlen(cfg), &e),
			 0);
	rrm_config_error_release(&e);
	assert_null(rrm_speller_open(&c, &se));
	assert_non_null(strstr(se.message, "does not exist"));
	rrm_spell_error_release(&se);
	rrm_config_release(&c);
}

/* The spelling findings of an article given as text: "line:col-end_col word" each, ';' between. */
static void expect_findings(const char *text, const char *want)
{
	struct rrm_article a;
	rrm_article_init(&a);
	assert_int_equal(rrm_article_load_mem(&a, "t.md", text, strlen(text),
					      RRM_ARTICLE_FRONT_MATTER | RRM_ARTICLE_BODY |
						      RRM_ARTICLE_PROSE),
			 RRM_LOAD_OK);
	struct rrm_sink s;
	rrm_sink_init(&s);
	rrm_lint_spelling(&C, SP, &a, "t.md", &s, NULL, NULL);
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (size_t i = 0; i < s.n; i++) {
		const struct rrm_finding *f = &s.items[i];
		assert_int_equal(f->line, f->end_line);
		rrm_buf_addf(&b, "%s%d:%d-%d %s", i ? ";" : "", f->line, f->column, f->end_column,
			     f->subject ? f->subject : f->message);
	}
	if (strcmp(b.data, want))
		fail_msg("findings of '%s':\nwant '%s'\n got '%s'", text, want, b.data);
	rrm_buf_release(&b);
	rrm_sink_release(&s);
	rrm_article_release(&a);
}

static void test_lint_positions(void **state)
{
	(void)state;
	/* NFD: the whole word, its span in the source, the NFC word as subject */
	expect_findings("Mr Mu\xcc\x88llerz came.\n", "1:4-12 M\xc3\xbcllerz");
	/* a fragment glued to a code span is not a word; a word beside one is */
	expect_findings("Use `x`ing and `y`s, re`set` and `z` wrdq.\n", "1:38-42 wrdq");
	/* words inside HTML code elements are not prose */
	expect_findings("Press <kbd>Ctrlq</kbd>, <code>fooq</code> or <b>boldq</b>.\n",
			"1:49-54 boldq");
	/* after a backslash escape on an indented line: the word's own column */
	expect_findings("Some text\n  pattern = \\.(jsq|cssq) and \\*wrdx\n",
			"2:16-19 jsq;2:20-24 cssq;2:32-36 wrdx");
	/* a word that ends a link's text ends there, not after the link */
	expect_findings("See [wrdq](/x/) and [wrdz][] now.\n\n[wrdz]: /y/\n",
			"1:6-10 wrdq;1:22-26 wrdz");
	/* emoji codes */
	expect_findings("Well :tada: :wrdq: done at 10:30.\n", "");
	/* front-matter fields read as Markdown: no code spans, HTML or entities as words */
	expect_findings(
		"---\ntitle: Use the <code>fooq</code> tag and `barq` &amp; caf&eacute;q wrdq\n"
		"description: >\n  <img width=\"35\" class=\"img-initial otel-icon\"\n"
		"  src=\"/x.svg\" alt=\"C++\"> A languagq-specific\n  _Xyzzq_ here.\n---\n\nBody.\n",
		"2:55-67 caf\xc3\xa9q;2:68-72 wrdq;5:29-37 languagq;6:4-9 Xyzzq");
	expect_findings(
		"---\ntitle: \"Announcing `async fn` and `impl \\\"Trait\\\"` in wrdq\"\n---\n",
		"2:55-59 wrdq");
}

/* A site's locale names a dictionary only when hunspell has it. */
static void test_locale(void **state)
{
	(void)state;
	static const struct {
		const char *locale, *want;
	} cases[] = {
		{"en-US", "en_US"}, {"en_us", "en_US"}, {"EN-gb", "en_GB"}, {"en", NULL},
		{"xx-YY", NULL},    {"en-", NULL},      {"../en_US", NULL}, {"en-US/../x", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *d = rrm_spell_locale_dictionary(cases[i].locale);
		if (cases[i].want) {
			assert_non_null(d);
			assert_string_equal(d, cases[i].want);
		} else {
			assert_null(d);
		}
		free(d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locale),      cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_nfc),         cmocka_unit_test(test_lint_positions),
		cmocka_unit_test(test_checks),      cmocka_unit_test(test_article_words),
		cmocka_unit_test(test_suggestions), cmocka_unit_test(test_shared),
		cmocka_unit_test(test_options),     cmocka_unit_test(test_missing_dictionary),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
