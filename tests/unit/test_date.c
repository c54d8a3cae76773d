/* Unit tests: date parsing, impossible and ambiguous dates, time zones. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
	/* 23:30 in New York on 31 December is 04:30 on 1 January in London. */
	assert_int_equal(rrm_date_parse("2019-12-31T23:30:00-05:00", false, &d), RRM_DATE_OK);
	rrm_date_local_day(&d, "Europe/London", &y, &m, &day);
	assert_int_equal(y, 2020);
	assert_int_equal(m, 1);
	assert_int_equal(day, 1);
	/* Without an offset the written day stands. */
	assert_int_equal(rrm_date_parse("2019-12-31 23:30:00", false, &d), RRM_DATE_OK);
	rrm_date_local_day(&d, "Europe/London", &y, &m, &day);
	assert_int_equal(day, 31);
	/* Summer time: 23:30Z on 30 June is 00:30 on 1 July in London. */
	assert_int_equal(rrm_date_parse("2021-06-30T23:30:00Z", false, &d), RRM_DATE_OK);
	rrm_date_local_day(&d, "Europe/London", &y, &m, &day);
	assert_int_equal(m, 7);
	assert_int_equal(day, 1);
	rrm_date_local_day(&d, "UTC", &y, &m, &day);
	assert_int_equal(m, 6);
	rrm_date_local_day(&d, NULL, &y, &m, &day);
	assert_int_equal(m, 6);
	/* an unknown zone is UTC */
	rrm_date_local_day(&d, "Nowhere/City", &y, &m, &day);
	assert_int_equal(m, 6);
	/* 21:00Z is 00:30 the next day in Tehran (+03:30) */
	assert_int_equal(rrm_date_parse("2025-01-10T21:00:00Z", false, &d), RRM_DATE_OK);
	rrm_date_local_day(&d, "Asia/Tehran", &y, &m, &day);
	assert_int_equal(day, 11);
	assert_int_equal(rrm_date_parse("2025-01-10T20:29:59Z", false, &d), RRM_DATE_OK);
	rrm_date_local_day(&d, "Asia/Tehran", &y, &m, &day);
	assert_int_equal(day, 10);
}

/* 1970-01-01T00:00:00Z plus the given UTC time, in seconds. */
static long long utc(int y, int mo, int d, int h, int mi)
{
	return rrm_days_from_civil(y, mo, d) * 86400 + h * 3600LL + mi * 60LL;
}

/* rrm_zone_mktime of a local time; *out: the local time it normalises to. */
static long long mk(const char *zone, int y, int mo, int d, int h, int mi, struct tm *out)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	long long t = rrm_zone_mktime(rrm_zone_get(zone), &tm);
	if (out)
		*out = tm;
	return t;
}

static void test_zones(void **state)
{
	(void)state;
	const struct rrm_zone *london = rrm_zone_get("Europe/London");
	assert_ptr_equal(london, rrm_zone_get("Europe/London")); /* read once */
	assert_string_equal(rrm_zone_name(london), "Europe/London");
	assert_string_equal(rrm_zone_name(rrm_zone_get("Nowhere/City")), "UTC");
	assert_string_equal(rrm_zone_name(rrm_zone_get("../../etc/passwd")), "UTC");
	assert_string_equal(rrm_zone_name(rrm_zone_get(NULL)), "UTC");
	/* London: GMT in winter, BST (+01:00) in summer; 2026's changes at 01:00Z */
	assert_int_equal(rrm_zone_offset(london, utc(2026, 1, 15, 12, 0)), 0);
	assert_int_equal(rrm_zone_offset(london, utc(2026, 7, 15, 12, 0)), 3600);
	assert_int_equal(rrm_zone_offset(london, utc(2026, 3, 29, 1, 0) - 1), 0);
	assert_int_equal(rrm_zone_offset(london, utc(2026, 3, 29, 1, 0)), 3600);
	assert_int_equal(rrm_zone_offset(london, utc(2026, 10, 25, 1, 0) - 1), 3600);
	assert_int_equal(rrm_zone_offset(london, utc(2026, 10, 25, 1, 0)), 0);
	/* 1968-1971: British Standard Time, +01:00 all year */
	assert_int_equal(rrm_zone_offset(london, utc(1970, 1, 15, 12, 0)), 3600);
	/* past the file's table (2037), the footer's rule: last Sunday of March */
	assert_int_equal(rrm_zone_offset(london, utc(2100, 3, 28, 1, 0) - 1), 0);
	assert_int_equal(rrm_zone_offset(london, utc(2100, 3, 28, 1, 0)), 3600);
	/* Tehran: +03:30 (no summer time since 2022; +04:30 in summer before) */
	const struct rrm_zone *tehran = rrm_zone_get("Asia/Tehran");
	assert_int_equal(rrm_zone_offset(tehran, utc(2026, 7, 1, 0, 0)), 3 * 3600 + 1800);
	assert_int_equal(rrm_zone_offset(tehran, utc(2021, 7, 1, 0, 0)), 4 * 3600 + 1800);
	assert_int_equal(rrm_zone_offset(tehran, utc(2300, 7, 1, 0, 0)), 3 * 3600 + 1800);
	/* New York: 2026's changes at 07:00Z (02:00 EST) and 06:00Z (02:00 EDT) */
	const struct rrm_zone *ny = rrm_zone_get("America/New_York");
	assert_int_equal(rrm_zone_offset(ny, utc(2026, 3, 8, 7, 0) - 1), -5 * 3600);
	assert_int_equal(rrm_zone_offset(ny, utc(2026, 3, 8, 7, 0)), -4 * 3600);
	assert_int_equal(rrm_zone_offset(ny, utc(2026, 11, 1, 6, 0) - 1), -4 * 3600);
	assert_int_equal(rrm_zone_offset(ny, utc(2026, 11, 1, 6, 0)), -5 * 3600);
	/* 2100 by the footer's rule: second Sunday of March, first of November */
	assert_int_equal(rrm_zone_offset(ny, utc(2100, 3, 14, 7, 0) - 1), -5 * 3600);
	assert_int_equal(rrm_zone_offset(ny, utc(2100, 3, 14, 7, 0)), -4 * 3600);
	assert_int_equal(rrm_zone_offset(ny, utc(2100, 11, 7, 6, 0) - 1), -4 * 3600);
	assert_int_equal(rrm_zone_offset(ny, utc(2100, 11, 7, 6, 0)), -5 * 3600);
	/* the civil time, every field strftime reads */
	struct tm tm;
	rrm_zone_civil(ny, utc(2026, 3, 8, 7, 0), &tm);
	assert_int_equal(tm.tm_year, 126);
	assert_int_equal(tm.tm_mon, 2);
	assert_int_equal(tm.tm_mday, 8);
	assert_int_equal(tm.tm_hour, 3);
	assert_int_equal(tm.tm_wday, 0);
	assert_int_equal(tm.tm_yday, 66);
	assert_int_equal(tm.tm_isdst, 1);
	rrm_zone_civil(ny, utc(1969, 12, 31, 23, 59) + 59, &tm);
	assert_int_equal(tm.tm_mday, 31);
	assert_int_equal(tm.tm_hour, 18);
	assert_int_equal(tm.tm_min, 59);
	assert_int_equal(tm.tm_sec, 59);
	assert_int_equal(tm.tm_wday, 3);
}

/* Local times to instants, at the edges as Ruby's Time.local reads them. */
static void test_zone_mktime(void **state)
{
	(void)state;
	struct tm tm;
	assert_true(mk("America/New_York", 2026, 7, 4, 12, 0, NULL) == utc(2026, 7, 4, 16, 0));
	assert_true(mk("America/New_York", 2026, 1, 4, 12, 0, NULL) == utc(2026, 1, 4, 17, 0));
	/* 02:30 does not exist on 8 March: read with EST, it is 03:30 EDT */
	assert_true(mk("America/New_York", 2026, 3, 8, 2, 30, &tm) == utc(2026, 3, 8, 7, 30));
	assert_int_equal(tm.tm_hour, 3);
	assert_int_equal(tm.tm_min, 30);
	/* 01:30 happens twice on 1 November: the later, EST */
	assert_true(mk("America/New_York", 2026, 11, 1, 1, 30, &tm) == utc(2026, 11, 1, 6, 30));
	assert_int_equal(tm.tm_hour, 1);
	assert_true(mk("America/New_York", 2100, 11, 7, 1, 30, NULL) == utc(2100, 11, 7, 6, 30));
	assert_true(mk("America/New_York", 2100, 3, 14, 2, 30, NULL) == utc(2100, 3, 14, 7, 30));
	assert_true(mk("Europe/London", 2026, 3, 29, 1, 30, NULL) == utc(2026, 3, 29, 1, 30));
	assert_true(mk("Europe/London", 2026, 10, 25, 1, 30, NULL) == utc(2026, 10, 25, 1, 30));
	assert_true(mk("Europe/London", 2026, 6, 1, 0, 0, NULL) == utc(2026, 5, 31, 23, 0));
	/* midnight skipped (Tehran, 2021; Sao Paulo, 2018): 01:00 */
	assert_true(mk("Asia/Tehran", 2021, 3, 22, 0, 0, &tm) == utc(2021, 3, 21, 20, 30));
	assert_int_equal(tm.tm_hour, 1);
	assert_int_equal(tm.tm_mday, 22);
	assert_true(mk("Asia/Tehran", 2021, 9, 21, 23, 30, NULL) == utc(2021, 9, 21, 20, 0));
	assert_true(mk("Asia/Tehran", 2026, 1, 1, 0, 0, NULL) == utc(2025, 12, 31, 20, 30));
	assert_true(mk("America/Sao_Paulo", 2018, 11, 4, 0, 0, NULL) == utc(2018, 11, 4, 3, 0));
	assert_true(mk("America/Sao_Paulo", 2019, 2, 16, 23, 30, NULL) == utc(2019, 2, 17, 2, 30));
	/* half an hour of summer time */
	assert_true(mk("Australia/Lord_Howe", 2026, 10, 4, 2, 15, NULL) ==
		    utc(2026, 10, 3, 15, 45));
	assert_true(mk("Australia/Lord_Howe", 2026, 4, 5, 1, 45, NULL) == utc(2026, 4, 4, 15, 15));
	/* out-of-range fields are carried, as mktime does */
	assert_true(mk("UTC", 2026, 13, 1, 0, 0, NULL) == utc(2027, 1, 1, 0, 0));
	assert_true(mk("UTC", 2026, 3, 0, 0, 0, NULL) == utc(2026, 2, 28, 0, 0));
}

/* Files in $TZDIR that are no TZif, or cut short: UTC, never a crash or a read past the end. */
static void test_zone_bad_files(void **state)
{
	(void)state;
	FILE *f = fopen("/usr/share/zoneinfo/America/New_York", "rb");
	assert_non_null(f);
	static unsigned char data[1 << 16];
	size_t len = fread(data, 1, sizeof data, f);
	fclose(f);
	assert_true(len > 1000);
	char dir[] = "/tmp/rrm-test-tz-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/Bad", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	setenv("TZDIR", dir, 1);
	/* every length up to the 64-bit part's header, then a few beyond */
	for (size_t n = 0; n <= len; n += n < 1200 ? 1 : 97) {
		snprintf(path, sizeof path, "%s/Bad/Cut%zu", dir, n);
		f = fopen(path, "wb");
		assert_non_null(f);
		fwrite(data, 1, n, f);
		fclose(f);
		const struct rrm_zone *z = rrm_zone_get(path + strlen(dir) + 1);
		long long t = utc(2026, 7, 1, 12, 0);
		int o = rrm_zone_offset(z, t);
		assert_true(o == 0 || o == -4 * 3600 || o == -5 * 3600);
		struct tm tm;
		rrm_zone_civil(z, utc(2100, 7, 1, 12, 0), &tm);
		unlink(path);
	}
	/* the whole file is New York again; text is UTC */
	snprintf(path, sizeof path, "%s/Bad/Whole", dir);
	f = fopen(path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
	assert_int_equal(rrm_zone_offset(rrm_zone_get("Bad/Whole"), utc(2026, 7, 1, 12, 0)),
			 -4 * 3600);
	unlink(path);
	snprintf(path, sizeof path, "%s/Bad/Text", dir);
	f = fopen(path, "wb");
	fputs("TZif2 is not enough\n", f);
	fclose(f);
	assert_int_equal(rrm_zone_offset(rrm_zone_get("Bad/Text"), utc(2026, 7, 1, 12, 0)), 0);
	unlink(path);
	snprintf(path, sizeof path, "%s/Bad", dir);
	rmdir(path);
	rmdir(dir);
	unsetenv("TZDIR");
}

/* Zones read and used from several threads at once (zones none has read before). */
static const char *thread_zones[] = {"Asia/Tokyo",         "Europe/Paris", "America/Chicago",
				     "Australia/Adelaide", "Asia/Kolkata", "America/Denver"};
static const int thread_offsets[] = {9 * 3600,        2 * 3600,        -5 * 3600,
				     9 * 3600 + 1800, 5 * 3600 + 1800, -6 * 3600};

static void *zone_worker(void *arg)
{
	size_t k = (size_t)(uintptr_t)arg;
	long long t = utc(2026, 7, 1, 12, 0); /* summer in the north, winter in the south */
	for (int i = 0; i < 2000; i++) {
		size_t j = (k + (size_t)i) % 6;
		const struct rrm_zone *z = rrm_zone_get(thread_zones[j]);
		struct tm tm;
		rrm_zone_civil(z, t, &tm);
		if (rrm_zone_offset(z, t) != thread_offsets[j] ||
		    tm.tm_hour != (12 + thread_offsets[j] / 3600 + 24) % 24)
			return (void *)1;
	}
	return NULL;
}

static void test_zone_threads(void **state)
{
	(void)state;
	pthread_t th[6];
	for (size_t k = 0; k < 6; k++)
		assert_int_equal(pthread_create(&th[k], NULL, zone_worker, (void *)(uintptr_t)k),
				 0);
	for (size_t k = 0; k < 6; k++) {
		void *r;
		assert_int_equal(pthread_join(th[k], &r), 0);
		assert_null(r);
	}
}

/* glibc's offset at `t` in the process's TZ, from localtime_r's fields. */
static long long libc_offset(long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	return utc(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min) +
	       tm.tm_sec - t;
}

/*
 * Against the C library's own reading of the same files (TZ set in this test
 * only): the offset a day apart over years in and past each file's table, and
 * at each change found, to the second.
 */
static void test_zones_against_libc(void **state)
{
	(void)state;
	static const char *names[] = {
		"Europe/London",       "America/New_York", "Asia/Tehran",       "America/Sao_Paulo",
		"Australia/Lord_Howe", "Europe/Dublin",    "Africa/Casablanca", "Australia/Sydney",
		"Pacific/Chatham",     "America/St_Johns", "Asia/Kathmandu",    "America/Nuuk",
		"Pacific/Apia",        "Africa/Cairo",     "Europe/Moscow",     "America/Santiago",
	};
	static const int years[] = {1880, 1916, 1942, 1971, 1996, 2011,
				    2026, 2037, 2038, 2061, 2100};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const struct rrm_zone *z = rrm_zone_get(names[i]);
		assert_string_equal(rrm_zone_name(z), names[i]);
		setenv("TZ", names[i], 1);
		tzset();
		for (size_t k = 0; k < sizeof years / sizeof *years; k++) {
			long long t0 = utc(years[k], 1, 1, 0, 0), prev = libc_offset(t0);
			for (long long t = t0; t < t0 + 366 * 86400LL; t += 86400) {
				long long o = libc_offset(t);
				if (rrm_zone_offset(z, t) != o)
					fail_msg("%s at %lld: %d, libc %lld", names[i], t,
						 rrm_zone_offset(z, t), o);
				if (o == prev)
					continue;
				long long lo = t - 86400, hi = t; /* the change, to the second */
				while (hi - lo > 1) {
					long long mid = lo + (hi - lo) / 2;
					if (libc_offset(mid) == prev)
						lo = mid;
					else
						hi = mid;
				}
				if (rrm_zone_offset(z, lo) != prev ||
				    rrm_zone_offset(z, hi) != libc_offset(hi))
					fail_msg("%s: the change at %lld", names[i], hi);
				prev = o;
			}
		}
	}
	unsetenv("TZ");
	tzset();
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
		cmocka_unit_test(test_zones),
		cmocka_unit_test(test_zone_mktime),
		cmocka_unit_test(test_zones_against_libc),
		cmocka_unit_test(test_zone_bad_files),
		cmocka_unit_test(test_zone_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
