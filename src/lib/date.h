/*
 * date.h - dates and datetimes as front matter writes them (YAML timestamps,
 * RFC 3339), checked for impossible values, and shifted into a time zone.
 */
#ifndef RRM_DATE_H
#define RRM_DATE_H

#include <stdbool.h>
#include <time.h>

struct rrm_datetime {
	int year, month, day;
	bool has_time;
	int hour, minute, second;
	bool has_offset;
	int offset_minutes; /* east of UTC */
};

enum rrm_date_status {
	RRM_DATE_OK = 0,
	RRM_DATE_UNPARSEABLE, /* not a date in any form rrm reads */
	RRM_DATE_IMPOSSIBLE,  /* well-formed but no such day or time (2020-02-30) */
	RRM_DATE_AMBIGUOUS    /* 03/04/2020: day and month order unknown */
};

/*
 * Parses `s`. With `date_only`, only YYYY-MM-DD is accepted; otherwise a YAML
 * timestamp or RFC 3339 datetime (the date alone too).
 */
enum rrm_date_status rrm_date_parse(const char *s, bool date_only, struct rrm_datetime *out);

/* True when the year, month and day form a real day of the Gregorian calendar. */
bool rrm_date_valid(int year, int month, int day);

/*
 * The calendar day of `d` in the time zone `tz` (an IANA name or "UTC"; NULL
 * or an unknown name is UTC) when `d` has a time and an offset; else its own day.
 */
void rrm_date_local_day(const struct rrm_datetime *d, const char *tz, int *year, int *month,
			int *day);

/* Days from 1970-01-01 to a civil date (proleptic Gregorian). */
long long rrm_days_from_civil(int year, int month, int day);

/* True when `tz` is "UTC" or a zone of the system's zoneinfo ($TZDIR) by IANA name. */
bool rrm_timezone_known(const char *tz);

/*
 * Time zones without TZ and tzset() (process-wide): each is read once from its
 * TZif file in the system's zoneinfo ($TZDIR, else /usr/share/zoneinfo) and
 * kept, unchanged, for the life of the process; every function is thread-safe.
 * Past the file's last transition the file's TZ rule (its footer) applies, to
 * any year. Leap seconds (the right/ zones) are not counted.
 */
struct rrm_zone;

/* The zone named `tz` ("UTC", NULL, a name rrm_timezone_known refuses or a file that is no TZif:
 * UTC). */
const struct rrm_zone *rrm_zone_get(const char *tz);
/* Its name, as given to rrm_zone_get ("UTC" for UTC, and for every name that is no zone). */
const char *rrm_zone_name(const struct rrm_zone *z);
/* Seconds east of UTC at instant `t` (seconds since 1970-01-01T00:00:00Z). */
int rrm_zone_offset(const struct rrm_zone *z, long long t);
/* localtime_r in `z`: every field of `tm` but the GNU ones. */
void rrm_zone_civil(const struct rrm_zone *z, long long t, struct tm *tm);
/*
 * mktime in `z` (tm_isdst is not read): the instant of the local time in `tm`,
 * whose fields are then normalised as rrm_zone_civil sets them. A local time
 * that happens twice (summer time ends) is the later instant; one that summer
 * time skips is read with the offset before the change (02:30 becomes 03:30),
 * as Ruby's Time.local reads them.
 */
long long rrm_zone_mktime(const struct rrm_zone *z, struct tm *tm);

/*
 * An article's date as rrm new and rrm publish write it (a new string):
 * `given` checked (--date: YYYY-MM-DD or an RFC 3339 datetime) and written as
 * given, or the current time in the zone `tz` as 2026-11-25T09:30:00+00:00;
 * with `date_only` (the schema's date field has type date), or when `given`
 * has no time, YYYY-MM-DD. `d` gets the date. NULL when `given` is no real date.
 */
char *rrm_date_stamp(const char *given, bool date_only, const char *tz, struct rrm_datetime *d);

#endif
