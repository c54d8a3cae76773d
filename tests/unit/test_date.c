/* Unit tests: date parsing, impossible and ambiguous dates, time zones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "lib/date.h"

static enum rrm_date_status p(const char *s, bool date_only)
{
	struct rrm_datetime d;
	return rrm_date_parse(s, date_only, &d);
}

static void test_dates(void **state)
{
	(void)state;
	assert_int_equal(p("2020-02-29", true), RRM_DATE_OK);
	assert_int_equal(p("2021-02-29", true), RRM_DATE_IMPOSSIBLE);
	assert_int_equal(p("2020-02-30", true), RRM_DATE_IMPOSSIBLE);
	assert_int_equal(p("1900-02-29", true), RRM_DATE_IMPOSSIBLE);
	assert_int_equal(p("2000-02-29", true), RRM_DATE_OK);
	assert_int_equal(p("2020-13-01", true), RRM_DATE_IMPOSSIBLE);
	assert_int_equal(p("2020-04-31", true), RRM_DATE_IMPOSSIBLE);
	assert_int_equal(p("2020-1-5", true), RRM_DATE_UNPARSEABLE);
	assert_int_equal(p("2020-1-5", false), RRM_DATE_OK);
	assert_int_equal(p("03/04/2020", true), RRM_DATE_AMBIGUOUS);
	assert_int_equal(p("3.4.20", false), RRM_DATE_AMBIGUOUS);
	assert_int_equal(p("yesterday", false), RRM_DATE_UNPARSEABLE);
	assert_int_equal(p("", false), RRM_DATE_UNPARSEABLE);
	assert_int_equal(p("2020-01-01T10:00:00", true), RRM_DATE_UNPARSEABLE);
}

static void test_datetimes(void **state)
{
	(void)state;
	struct rrm_datetime d;
	assert_int_equal(rrm_date_parse("2020-01-02T03:04:05Z", false, &d), RRM_DATE_OK);
	assert_true(d.has_time && d.has_offset);
	assert_int_equal(d.offset_minutes, 0);
	assert_int_equal(rrm_date_parse("2020-01-02 03:04:05.123 +05:30", false, &d), RRM_DATE_OK);
	assert_int_equal(d.offset_minutes, 330);
	assert_int_equal(rrm_date_parse("2020-01-02t3:04:05-0800", false, &d), RRM_DATE_OK);
	assert_int_equal(d.offset_minutes, -480);
	assert_int_equal(p("2020-01-02T24:00:00Z", false), RRM_DATE_IMPOSSIBLE);
	assert_int_equal(p("2020-01-02T10:60:00Z", false), RRM_DATE_IMPOSSIBLE);
	assert_int_equal(p("2020-01-02T10:00:00+15:00", false), RRM_DATE_IMPOSSIBLE);
	assert_int_equal(p("2020-01-02T10:00", false), RRM_DATE_UNPARSEABLE);
	assert_int_equal(p("2020-01-02T10:00:00 Europe/London", false), RRM_DATE_UNPARSEABLE);
	assert_int_equal(p("2020-02-30T10:00:00Z", false), RRM_DATE_IMPOSSIBLE);
}

static void test_local_day(void **state)
{
	(void)state;
	struct rrm_datetime d;
	int y, m, day;
	rrm_date_set_timezone("Europe/London");
	/* 23:30 in New York on 31 December is 04:30 on 1 January in London. */
	assert_int_equal(rrm_date_parse("2019-12-31T23:30:00-05:00", false, &d), RRM_DATE_OK);
	rrm_date_local_day(&d, &y, &m, &day);
	assert_int_equal(y, 2020);
	assert_int_equal(m, 1);
	assert_int_equal(day, 1);
	/* Without an offset the written day stands. */
	assert_int_equal(rrm_date_parse("2019-12-31 23:30:00", false, &d), RRM_DATE_OK);
	rrm_date_local_day(&d, &y, &m, &day);
	assert_int_equal(day, 31);
	/* Summer time: 23:30Z on 30 June is 00:30 on 1 July in London. */
	assert_int_equal(rrm_date_parse("2021-06-30T23:30:00Z", false, &d), RRM_DATE_OK);
	rrm_date_local_day(&d, &y, &m, &day);
	assert_int_equal(m, 7);
	assert_int_equal(day, 1);
	rrm_date_set_timezone("UTC");
	rrm_date_local_day(&d, &y, &m, &day);
	assert_int_equal(m, 6);
}

/* One owner of "is this a time zone": rrm.yml, hugo.toml's timeZone, _config.yml's timezone. */
static void test_timezone_known(void **state)
{
	(void)state;
	assert_true(rrm_timezone_known("UTC"));
	assert_true(rrm_timezone_known("Europe/London"));
	assert_true(rrm_timezone_known("America/New_York"));
	assert_false(rrm_timezone_known("Nowhere/City"));
	assert_false(rrm_timezone_known("../../etc/passwd"));
	assert_false(rrm_timezone_known("/etc/localtime"));
	assert_false(rrm_timezone_known("Europe/London;rm"));
	assert_true(rrm_days_from_civil(1970, 1, 1) == 0);
	assert_true(rrm_days_from_civil(2000, 3, 1) == 11017);
	assert_true(rrm_days_from_civil(1969, 12, 31) == -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timezone_known),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_datetimes),
		cmocka_unit_test(test_local_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
