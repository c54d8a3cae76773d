/* Unit tests: house word files (lib/dict.c): reading, comments, sorting, writing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/dict.h"
#include "lib/util.h"

static void parse(struct rrm_dict *d, const char *text)
{
	rrm_dict_parse(d, text, strlen(text));
}

/* The file read, sorted and written again. */
static void expect_sorted(const char *in, const char *want)
{
	struct rrm_dict d;
	parse(&d, in);
	rrm_dict_sort(&d);
	char *got = rrm_dict_text(&d);
	if (strcmp(got, want))
		fail_msg("sorting\n%s\nwant\n%s\ngot\n%s", in, want, got);
	free(got);
	rrm_dict_release(&d);
}

static void test_lines(void **state)
{
	(void)state;
	struct rrm_dict d;
	parse(&d, "# house words\n\n  Kyiv  \n# names\n\tSoleimani\r\nzebra");
	assert_string_equal(d.header, "# house words\n\n");
	assert_int_equal(d.n, 3);
	assert_string_equal(d.v[0].text, "Kyiv");
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].column, 3);
	assert_null(d.v[0].comments);
	assert_null(d.v[0].trailing);
	assert_string_equal(d.v[1].text, "Soleimani");
	assert_int_equal(d.v[1].line, 5);
	assert_int_equal(d.v[1].column, 2);
	assert_string_equal(d.v[1].comments, "# names\n");
	assert_string_equal(d.v[2].text, "zebra");
	assert_int_equal(d.v[2].line, 6);
	assert_string_equal(d.tail, "");
	assert_int_equal(d.bad_line, 0);
	assert_false(d.bom);
	rrm_dict_release(&d);
}

/*
 * The one comment rule: text from a '#' to the end of the line is a comment,
 * wherever the '#' is (rrm.yml(5); the spelling check always read it so). The
 * old rrm dict reader took only lines starting with '#' as comments, and read
 * "Kyiv  # the capital" as a word with spaces and a '#'.
 */
static void test_comment_after_a_word(void **state)
{
	(void)state;
	struct rrm_dict d;
	parse(&d, "Kyiv  # the capital \nC#\n  # a comment line\nAraghchi/M # flags\n#\n");
	assert_int_equal(d.n, 3);
	assert_string_equal(d.v[0].text, "Kyiv");
	assert_string_equal(d.v[0].trailing, "  # the capital");
	assert_string_equal(d.v[1].text, "C");
	assert_string_equal(d.v[1].trailing, "#");
	assert_string_equal(d.v[2].text, "Araghchi/M");
	assert_string_equal(d.v[2].comments, "  # a comment line\n");
	assert_string_equal(d.v[2].trailing, " # flags");
	assert_string_equal(d.tail, "#\n");
	rrm_dict_release(&d);
}

/* A byte order mark is skipped, and written back; columns count code points. */
static void test_bom_and_encoding(void **state)
{
	(void)state;
	struct rrm_dict d;
	parse(&d, "\xEF\xBB\xBF# header\n  G\xC3\xB6ita \xC3\xA9 \n");
	assert_true(d.bom);
	assert_string_equal(d.header, "# header\n");
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].text, "G\xC3\xB6ita \xC3\xA9");
	assert_int_equal(d.v[0].column, 3);
	char *text = rrm_dict_text(&d);
	assert_string_equal(text, "\xEF\xBB\xBF# header\nG\xC3\xB6ita \xC3\xA9\n");
	free(text);
	rrm_dict_release(&d);

	/* the first bad line, comment lines included */
	parse(&d, "ok\n# caf\xE9\nbad\xFF\n");
	assert_int_equal(d.bad_line, 2);
	assert_false(d.bad_nul);
	assert_int_equal(d.n, 2);
	assert_false(d.v[0].bad_utf8);
	assert_true(d.v[1].bad_utf8);
	rrm_dict_release(&d);
	rrm_dict_parse(&d, "a\nb\0c\n", 6);
	assert_int_equal(d.bad_line, 2);
	assert_true(d.bad_nul);
	assert_true(d.v[1].bad_utf8);
	rrm_dict_release(&d);
}

static void test_sort(void **state)
{
	(void)state;
	/* case-folded, then bytes; the header stays on top, comments move with their word,
	 * the tail stays at the end */
	expect_sorted("# house words\n\nzebra\n# about Apple\nApple\napple\n# end\n",
		      "# house words\n\n# about Apple\nApple\napple\nzebra\n# end\n");
	/* full case folding; accents after z */
	expect_sorted("\xC3\x89mile\nzebra\nStra\xC3\x9F"
		      "e\nstrasse\nna\xC3\xAFve\nnaivety\n",
		      "naivety\nna\xC3\xAFve\nStra\xC3\x9F"
		      "e\nstrasse\nzebra\n\xC3\x89mile\n");
	/* repeats merged into the first, the comments of each kept */
	expect_sorted("# one\nKyiv\nzebra\n# two\nKyiv\nKyiv\n", "# one\n# two\nKyiv\nzebra\n");
	/* comments after a word stay on its line; a second, different one goes above */
	expect_sorted("zebra # striped\nKyiv\nKyiv  # the capital\nKyiv # a city\nKyiv # a city\n",
		      "# a city\nKyiv  # the capital\nzebra # striped\n");
	/* leading white space dropped, comment lines kept as they are */
	expect_sorted("  b\t\n\t# x  \n a\n", "\t# x  \na\nb\n");
	expect_sorted("", "");
	expect_sorted("# only comments\n\n", "# only comments\n\n");
}

static void test_add(void **state)
{
	(void)state;
	struct rrm_dict d;
	parse(&d, "# h\nzebra\n");
	assert_true(rrm_dict_has(&d, "zebra"));
	assert_false(rrm_dict_has(&d, "Zebra"));
	rrm_dict_add(&d, "Apple", 5);
	rrm_dict_add(&d, "apple", 5);
	assert_int_equal(d.v[1].line, 0);
	rrm_dict_sort(&d);
	char *text = rrm_dict_text(&d);
	assert_string_equal(text, "# h\nApple\napple\nzebra\n");
	free(text);
	rrm_dict_release(&d);
}

static void test_words(void **state)
{
	(void)state;
	assert_null(rrm_dict_word_problem("Kyiv", 4));
	assert_string_equal(rrm_dict_word_problem("two words", 9),
			    "a dictionary word cannot hold a space");
	assert_string_equal(rrm_dict_word_problem("bad\x01", 4),
			    "a dictionary word cannot hold a control character");
	char longw[RRM_DICT_MAX_WORD + 2];
	memset(longw, 'a', sizeof longw - 1);
	longw[sizeof longw - 1] = '\0';
	assert_string_equal(rrm_dict_word_problem(longw, strlen(longw)),
			    "a dictionary word is longer than 100 bytes");
	assert_null(rrm_dict_word_problem(longw, RRM_DICT_MAX_WORD));
	assert_true(rrm_dict_plain_word("G\xC3\xB6ita"));
	assert_false(rrm_dict_plain_word(""));
	assert_false(rrm_dict_plain_word("C#"));
	assert_false(rrm_dict_plain_word("Araghchi/M"));
	assert_false(rrm_dict_plain_word("bad\xFF"));
	assert_false(rrm_dict_plain_word("two words"));
	assert_false(rrm_dict_plain_word(longw));
}

static void test_read_write(void **state)
{
	(void)state;
	char dir[] = "/tmp/rrm-test-dict-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = rrm_asprintf("%s/sub/house.dic", dir);
	struct rrm_dict d;
	assert_int_equal(rrm_dict_read(&d, path), ENOENT);
	assert_int_equal(d.n, 0);
	rrm_dict_add(&d, "Kyiv", 4);
	assert_int_equal(rrm_dict_write(&d, path), 0);
	rrm_dict_release(&d);
	assert_int_equal(rrm_dict_read(&d, path), 0);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].text, "Kyiv");
	assert_int_equal(d.v[0].line, 1);
	rrm_dict_release(&d);
	char *sub = rrm_asprintf("%s/sub", dir);
	assert_int_equal(rrm_dict_read(&d, sub), EISDIR);
	rrm_dict_release(&d);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
	free(sub);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_comment_after_a_word),
		cmocka_unit_test(test_bom_and_encoding),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_read_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
