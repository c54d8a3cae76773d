#include "lib/date.h"

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "lib/util.h"

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The days of month `m` (1 to 12) of year `y`. */
static int month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return days[m - 1] + (m == 2 && leap_year(y));
}

bool rrm_date_valid(int year, int month, int day)
{
	if (year < 1 || month < 1 || month > 12 || day < 1)
		return false;
	return day <= month_days(year, month);
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

/* The civil date of day `z` after 1970-01-01 (the inverse of rrm_days_from_civil). */
static void civil_from_days(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static long long floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/*
 * Time zones, read from the system's TZif files (RFC 8536) instead of through
 * TZ and tzset(), which are process-wide. A zone once read is kept for the
 * life of the process and never changes: any thread may use it.
 */

/* A day of a POSIX TZ rule (Jn, n or Mm.w.d) and the local time it starts at. */
struct tz_day {
	char kind; /* 'J', 'n' or 'M' */
	int n, m, w, d;
	int secs;
};

struct rrm_zone {
	const char *name;
	size_t n;            /* transitions */
	long long *at;       /* their instants, ascending */
	unsigned char *type; /* the type each starts */
	size_t ntypes;
	int *off; /* each type's offset, seconds east of UTC */
	unsigned char *dst;
	/* the footer's TZ string: the rule after the last transition */
	bool rule, has_dst;
	int std_off, dst_off;
	struct tz_day start, end;
};

static struct rrm_zone utc_zone = {.name = "UTC"};

/* A zone name in a TZ string: letters, or <...>. */
static const char *tz_name(const char *p)
{
	const char *s = p;
	if (*p == '<') {
		while (*p && *p != '>')
			p++;
		return *p == '>' && p > s + 1 ? p + 1 : NULL;
	}
	while (isalpha((unsigned char)*p))
		p++;
	return p - s >= 3 ? p : NULL;
}

/* [+-]hh[:mm[:ss]], hours up to `maxh`, into seconds. */
static const char *tz_hms(const char *p, int maxh, int *secs)
{
	int sign = 1, h, mi = 0, sec = 0;
	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (!digits(&p, 1, 3, &h) || h > maxh)
		return NULL;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, 2, &mi) != 2 || mi > 59)
			return NULL;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, 2, &sec) != 2 || sec > 59)
				return NULL;
		}
	}
	*secs = sign * (h * 3600 + mi * 60 + sec);
	return p;
}

/* ",date[/time]" of a TZ rule. */
static const char *tz_day(const char *p, struct tz_day *t)
{
	if (*p++ != ',')
		return NULL;
	memset(t, 0, sizeof *t);
	t->secs = 7200;
	if (*p == 'J') {
		p++;
		t->kind = 'J';
		if (!digits(&p, 1, 3, &t->n) || t->n < 1 || t->n > 365)
			return NULL;
	} else if (*p == 'M') {
		p++;
		t->kind = 'M';
		if (!digits(&p, 1, 2, &t->m) || *p++ != '.' || !digits(&p, 1, 1, &t->w) ||
		    *p++ != '.' || !digits(&p, 1, 1, &t->d) || t->m < 1 || t->m > 12 || t->w < 1 ||
		    t->w > 5 || t->d > 6)
			return NULL;
	} else {
		t->kind = 'n';
		if (!digits(&p, 1, 3, &t->n) || t->n > 365)
			return NULL;
	}
	if (*p == '/' && !(p = tz_hms(p + 1, 167, &t->secs)))
		return NULL;
	return p;
}

/* Reads the footer's TZ string ("EST5EDT,M3.2.0,M11.1.0") into `z`. */
static bool tz_rule(struct rrm_zone *z, const char *p)
{
	int off;
	if (!(p = tz_name(p)) || !(p = tz_hms(p, 24, &off)))
		return false;
	z->std_off = -off;
	z->dst_off = z->std_off + 3600;
	if (*p && *p != ',') {
		if (!(p = tz_name(p)))
			return false;
		z->has_dst = true;
		if (*p && *p != ',') {
			if (!(p = tz_hms(p, 24, &off)))
				return false;
			z->dst_off = -off;
		}
	}
	if (z->has_dst) {
		/* no rule: the file names the transitions itself; keep to standard time */
		if (!*p)
			z->has_dst = false;
		else if (!(p = tz_day(p, &z->start)) || !(p = tz_day(p, &z->end)))
			return false;
	}
	return *p == '\0';
}

/* Days from 1970-01-01 to the day `t` names in year `y`. */
static long long tz_rule_day(const struct tz_day *t, int y)
{
	long long jan1 = rrm_days_from_civil(y, 1, 1);
	if (t->kind == 'J')
		return jan1 + t->n - 1 + (leap_year(y) && t->n >= 60);
	if (t->kind == 'n')
		return jan1 + t->n;
	long long first = rrm_days_from_civil(y, t->m, 1);
	int len = month_days(y, t->m);
	int wday = (int)((first % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
	long long day = first + (t->d - wday + 7) % 7 + (t->w - 1) * 7;
	while (day >= first + len)
		day -= 7;
	return day;
}

/* The offset the footer's rule gives at instant `t`; *dst: whether it is summer time. */
static int tz_rule_offset(const struct rrm_zone *z, long long t, bool *dst)
{
	*dst = false;
	if (!z->has_dst)
		return z->std_off;
	int y, m, d;
	civil_from_days(floor_div(t + z->std_off, 86400), &y, &m, &d);
	long long s = tz_rule_day(&z->start, y) * 86400 + z->start.secs - z->std_off;
	long long e = tz_rule_day(&z->end, y) * 86400 + z->end.secs - z->dst_off;
	*dst = s < e ? t >= s && t < e : !(t >= e && t < s);
	return *dst ? z->dst_off : z->std_off;
}

/* Seconds east of UTC in `z` at instant `t`. */
static int zone_offset(const struct rrm_zone *z, long long t, bool *dst)
{
	*dst = false;
	if (z->n == 0 || t >= z->at[z->n - 1]) {
		if (z->rule)
			return tz_rule_offset(z, t, dst);
		if (z->n == 0 && !z->ntypes)
			return 0;
	}
	if (z->n == 0 || t < z->at[0]) { /* before the first transition: the first type */
		*dst = z->dst[0];
		return z->off[0];
	}
	size_t lo = 0, hi = z->n; /* the last transition at or before t */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (z->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	unsigned char k = z->type[lo];
	*dst = z->dst[k];
	return z->off[k];
}

static long long be(const unsigned char *p, int bytes)
{
	unsigned long long v = 0;
	for (int i = 0; i < bytes; i++)
		v = v << 8 | p[i];
	if (bytes == 4)
		return (long long)(int32_t)(uint32_t)v;
	return (long long)v;
}

/* Parses a TZif file into `z` (its version 2+ 64-bit data when there is one). */
static bool tzif_parse(struct rrm_zone *z, const unsigned char *p, size_t len)
{
	const unsigned char *end = p + len;
	if (len < 44 || memcmp(p, "TZif", 4))
		return false;
	int tb = 4; /* bytes a transition time */
	for (int pass = 0;; pass++) {
		if (end - p < 44 || memcmp(p, "TZif", 4))
			return false;
		unsigned long long c[6];
		for (int i = 0; i < 6; i++)
			c[i] = (unsigned long long)be(p + 20 + 4 * i, 4) & 0xffffffffu;
		unsigned long long isut = c[0], isstd = c[1], leap = c[2], timecnt = c[3],
				   typecnt = c[4], charcnt = c[5];
		/* every count fits the file (checked one by one: no overflow) */
		if (timecnt > len || typecnt > 256 || typecnt == 0 || charcnt > len || leap > len ||
		    isut > typecnt || isstd > typecnt)
			return false;
		unsigned long long size = timecnt * (unsigned)tb + timecnt + typecnt * 6 + charcnt +
					  leap * (unsigned)(tb + 4) + isstd + isut;
		const unsigned char *d = p + 44;
		if ((unsigned long long)(end - d) < size)
			return false;
		if (pass == 0 && p[4] >= '2') {
			p = d + size; /* the 64-bit part follows */
			tb = 8;
			continue;
		}
		z->n = (size_t)timecnt;
		z->ntypes = (size_t)typecnt;
		z->at = rrm_malloc((z->n ? z->n : 1) * sizeof *z->at);
		z->type = rrm_malloc(z->n ? z->n : 1);
		z->off = rrm_malloc(z->ntypes * sizeof *z->off);
		z->dst = rrm_malloc(z->ntypes);
		for (size_t i = 0; i < z->n; i++) {
			z->at[i] = be(d + i * (size_t)tb, tb);
			if (i && z->at[i] <= z->at[i - 1])
				return false;
		}
		d += z->n * (size_t)tb;
		for (size_t i = 0; i < z->n; i++)
			if ((z->type[i] = d[i]) >= typecnt)
				return false;
		d += z->n;
		for (size_t i = 0; i < z->ntypes; i++, d += 6) {
			long long o = be(d, 4);
			if (o < -25 * 3600 || o > 26 * 3600)
				return false;
			z->off[i] = (int)o;
			z->dst[i] = d[4] != 0;
		}
		d += charcnt + leap * (unsigned)(tb + 4) + isstd + isut;
		/* the footer: "\nTZ string\n" (version 2+) */
		if (tb == 8 && d < end && *d == '\n') {
			const unsigned char *nl = memchr(d + 1, '\n', (size_t)(end - d - 1));
			if (nl && nl > d + 1 && nl - d < 256) {
				char tz[256];
				memcpy(tz, d + 1, (size_t)(nl - d - 1));
				tz[nl - d - 1] = '\0';
				z->rule = tz_rule(z, tz);
			}
		}
		return true;
	}
}

static void zone_free(struct rrm_zone *z)
{
	free(z->at);
	free(z->type);
	free(z->off);
	free(z->dst);
	free(z);
}

/* Reads the zone `name` (a name rrm_timezone_known accepts), NULL when it is no TZif. */
static struct rrm_zone *zone_read(const char *name)
{
	const char *dir = getenv("TZDIR");
	char *path = rrm_path_join(dir && *dir ? dir : "/usr/share/zoneinfo", name);
	char *text = NULL;
	size_t len = 0;
	int err;
	struct rrm_zone *z = rrm_calloc(1, sizeof *z);
	/* TZif files are a few KiB */
	if (rrm_read_file(path, 1u << 20, &text, &len, &err) != RRM_READ_OK ||
	    !tzif_parse(z, (const unsigned char *)text, len)) {
		zone_free(z);
		z = NULL;
	}
	free(text);
	free(path);
	return z;
}

/*
 * Every name asked for, with its zone (NULL: UTC), so that a name is checked
 * and read once; names that are no zone are kept up to a bound.
 */
struct zone_entry {
	char *name;
	struct rrm_zone *zone;
	struct zone_entry *next;
};
static pthread_mutex_t zones_lock = PTHREAD_MUTEX_INITIALIZER;
static struct zone_entry *zones;
static size_t zones_unknown;

const struct rrm_zone *rrm_zone_get(const char *name)
{
	if (!name || !strcmp(name, "UTC"))
		return &utc_zone;
	pthread_mutex_lock(&zones_lock);
	struct zone_entry *e = zones;
	while (e && strcmp(e->name, name))
		e = e->next;
	struct rrm_zone *z = e ? e->zone : NULL;
	if (!e) {
		z = rrm_timezone_known(name) ? zone_read(name) : NULL;
		if (z || zones_unknown < 256) {
			zones_unknown += !z;
			e = rrm_malloc(sizeof *e);
			e->name = rrm_strdup(name);
			e->zone = z;
			if (z)
				z->name = e->name; /* entries live as long as the process */
			e->next = zones;
			zones = e;
		}
	}
	pthread_mutex_unlock(&zones_lock);
	return z ? z : &utc_zone;
}

const char *rrm_zone_name(const struct rrm_zone *z)
{
	return z->name;
}

int rrm_zone_offset(const struct rrm_zone *z, long long t)
{
	bool dst;
	return zone_offset(z, t, &dst);
}

void rrm_zone_civil(const struct rrm_zone *z, long long t, struct tm *tm)
{
	bool dst;
	long long local = t + zone_offset(z, t, &dst);
	long long days = floor_div(local, 86400), secs = local - days * 86400;
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)((days % 7 + 11) % 7);
	tm->tm_yday = (int)(days - rrm_days_from_civil(y, 1, 1));
	tm->tm_isdst = dst;
}

long long rrm_zone_mktime(const struct rrm_zone *z, struct tm *tm)
{
	long long mon = tm->tm_mon, y = tm->tm_year + 1900LL + floor_div(mon, 12);
	mon -= floor_div(mon, 12) * 12;
	long long local = (rrm_days_from_civil((int)y, (int)mon + 1, 1) + tm->tm_mday - 1) * 86400 +
			  tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
	/*
	 * The offsets a day before and after (one transition at most between them):
	 * a time that is there twice is the later instant, one that a change to
	 * summer time skips is read with the offset before it (as Ruby's Time.local,
	 * and glibc's mktime from a winter guess, read them).
	 */
	int cand[3] = {rrm_zone_offset(z, local - 86400), rrm_zone_offset(z, local),
		       rrm_zone_offset(z, local + 86400)};
	int valid = INT_MAX, any = INT_MAX;
	for (int i = 0; i < 3; i++) {
		if (cand[i] < valid && rrm_zone_offset(z, local - cand[i]) == cand[i])
			valid = cand[i];
		if (cand[i] < any)
			any = cand[i];
	}
	long long t = local - (valid != INT_MAX ? valid : any);
	rrm_zone_civil(z, t, tm);
	return t;
}

void rrm_date_local_day(const struct rrm_datetime *d, const char *tz, int *year, int *month,
			int *day)
{
	*year = d->year;
	*month = d->month;
	*day = d->day;
	if (!d->has_time || !d->has_offset)
		return;
	long long secs = rrm_days_from_civil(d->year, d->month, d->day) * 86400LL +
			 d->hour * 3600LL + d->minute * 60LL + d->second - d->offset_minutes * 60LL;
	struct tm tm;
	rrm_zone_civil(rrm_zone_get(tz), secs, &tm);
	*year = tm.tm_year + 1900;
	*month = tm.tm_mon + 1;
	*day = tm.tm_mday;
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

char *rrm_date_stamp(const char *given, bool date_only, const char *tz, struct rrm_datetime *d)
{
	if (given) {
		if (rrm_date_parse(given, false, d) != RRM_DATE_OK)
			return NULL;
		if (date_only || !d->has_time)
			return rrm_asprintf("%04d-%02d-%02d", d->year, d->month, d->day);
		return rrm_strdup(given);
	}
	const struct rrm_zone *z = rrm_zone_get(tz);
	long long now = (long long)time(NULL);
	struct tm tm;
	rrm_zone_civil(z, now, &tm);
	memset(d, 0, sizeof *d);
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
	if (date_only)
		return rrm_asprintf("%04d-%02d-%02d", d->year, d->month, d->day);
	int off = rrm_zone_offset(z, now) / 60; /* +01:00 */
	d->has_time = d->has_offset = true;
	d->hour = tm.tm_hour;
	d->minute = tm.tm_min;
	d->second = tm.tm_sec;
	d->offset_minutes = off;
	return rrm_asprintf("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->year, d->month, d->day,
			    tm.tm_hour, tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', abs(off) / 60,
			    abs(off) % 60);
}
