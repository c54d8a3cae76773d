#include "lib/date.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "lib/util.h"

bool rrm_date_valid(int year, int month, int day)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (year < 1 || month < 1 || month > 12 || day < 1)
		return false;
	int max = days[month - 1];
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		max = 29;
	return day <= max;
}

/* Reads min..max digits; returns the count read, 0 on failure. */
static int digits(const char **p, int min, int max, int *out)
{
	int n = 0, v = 0;
	while (n < max && isdigit((unsigned char)(*p)[n])) {
		v = v * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n < min)
		return 0;
	*p += n;
	*out = v;
	return n;
}

static enum rrm_date_status slash_form(const char *s)
{
	int a, b, c;
	const char *p = s;
	if (!digits(&p, 1, 2, &a) || (*p != '/' && *p != '.' && *p != '-'))
		return RRM_DATE_UNPARSEABLE;
	char sep = *p++;
	if (!digits(&p, 1, 2, &b) || *p++ != sep || !digits(&p, 2, 4, &c) || *p)
		return RRM_DATE_UNPARSEABLE;
	return RRM_DATE_AMBIGUOUS;
}

enum rrm_date_status rrm_date_parse(const char *s, bool date_only, struct rrm_datetime *out)
{
	memset(out, 0, sizeof *out);
	const char *p = s;
	int n;
	if (digits(&p, 4, 4, &out->year) != 4 || *p++ != '-')
		return slash_form(s);
	n = digits(&p, 1, 2, &out->month);
	if (!n || (date_only && n != 2) || *p++ != '-')
		return RRM_DATE_UNPARSEABLE;
	n = digits(&p, 1, 2, &out->day);
	if (!n || (date_only && n != 2))
		return RRM_DATE_UNPARSEABLE;
	if (*p == '\0')
		return rrm_date_valid(out->year, out->month, out->day) ? RRM_DATE_OK
								       : RRM_DATE_IMPOSSIBLE;
	if (date_only)
		return RRM_DATE_UNPARSEABLE;
	if (*p == 'T' || *p == 't')
		p++;
	else if (*p == ' ' || *p == '\t')
		while (*p == ' ' || *p == '\t')
			p++;
	else
		return RRM_DATE_UNPARSEABLE;
	out->has_time = true;
	if (!digits(&p, 1, 2, &out->hour) || *p++ != ':' || digits(&p, 2, 2, &out->minute) != 2 ||
	    *p++ != ':' || digits(&p, 2, 2, &out->second) != 2)
		return RRM_DATE_UNPARSEABLE;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return RRM_DATE_UNPARSEABLE;
		while (isdigit((unsigned char)*p))
			p++;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == 'Z' || *p == 'z') {
		out->has_offset = true;
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p++ == '-' ? -1 : 1, oh = 0, om = 0;
		if (!digits(&p, 1, 2, &oh))
			return RRM_DATE_UNPARSEABLE;
		if (*p == ':')
			p++;
		if (isdigit((unsigned char)*p) && digits(&p, 2, 2, &om) != 2)
			return RRM_DATE_UNPARSEABLE;
		if (oh > 14 || om > 59)
			return RRM_DATE_IMPOSSIBLE;
		out->has_offset = true;
		out->offset_minutes = sign * (oh * 60 + om);
	}
	if (*p)
		return RRM_DATE_UNPARSEABLE;
	if (!rrm_date_valid(out->year, out->month, out->day) || out->hour > 23 ||
	    out->minute > 59 || out->second > 59)
		return RRM_DATE_IMPOSSIBLE;
	return RRM_DATE_OK;
}

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
long long rrm_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153LL * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void rrm_date_local_day(const struct rrm_datetime *d, int *year, int *month, int *day)
{
	*year = d->year;
	*month = d->month;
	*day = d->day;
	if (!d->has_time || !d->has_offset)
		return;
	long long secs = rrm_days_from_civil(d->year, d->month, d->day) * 86400LL +
			 d->hour * 3600LL + d->minute * 60LL + d->second - d->offset_minutes * 60LL;
	time_t t = (time_t)secs;
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return;
	*year = tm.tm_year + 1900;
	*month = tm.tm_mon + 1;
	*day = tm.tm_mday;
}

void rrm_date_set_timezone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

bool rrm_timezone_known(const char *tz)
{
	if (!strcmp(tz, "UTC"))
		return true;
	if (tz[0] == '/' || strstr(tz, ".."))
		return false;
	for (const char *s = tz; *s; s++)
		if (!(isalnum((unsigned char)*s) || strchr("/_+-", *s)))
			return false;
	const char *dir = getenv("TZDIR");
	char *path = rrm_path_join(dir && *dir ? dir : "/usr/share/zoneinfo", tz);
	struct stat st;
	bool ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	free(path);
	return ok;
}
