/*
 * date.h - dates and datetimes as front matter writes them (YAML timestamps,
 * RFC 3339), checked for impossible values, and shifted into a time zone.
 */
#ifndef RRM_DATE_H
#define RRM_DATE_H

#include <stdbool.h>

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
 * The calendar day of `d` in the process's local time zone (see
 * rrm_date_set_timezone) when `d` has a time and an offset; else its own day.
 */
void rrm_date_local_day(const struct rrm_datetime *d, int *year, int *month, int *day);

/* Days from 1970-01-01 to a civil date (proleptic Gregorian). */
long long rrm_days_from_civil(int year, int month, int day);

/* True when `tz` is "UTC" or a zone of the system's zoneinfo ($TZDIR) by IANA name. */
bool rrm_timezone_known(const char *tz);

/* Makes `tz` (an IANA name or "UTC") the zone for rrm_date_local_day. Not thread-safe. */
void rrm_date_set_timezone(const char *tz);

#endif
