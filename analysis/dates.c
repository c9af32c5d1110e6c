/* dates.c - a small hand-written scanner for the date forms news text uses. */
#include "dates.h"

#include <stdbool.h>
#include <string.h>

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};

static const char *const weekday_names[7] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

/* Bytes of UTF-8 letters count as word characters, so no date is found
 * glued to a word of another script. */
static bool is_word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int qy_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Howard Hinnant's days_from_civil. */
long qy_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int qy_date_parse(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit((unsigned char)s[i]))
			return -1;
	int yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int mm = (s[5] - '0') * 10 + (s[6] - '0');
	int dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (dd < 1 || dd > qy_days_in_month(yy, mm))
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

/* Reads 1..maxd digits at p, ending at a non-digit; returns the digits read
 * (0 when none or too many). */
static size_t read_number(const char *t, size_t len, size_t p, size_t maxd, int *val)
{
	size_t n = 0;
	int v = 0;

	while (p + n < len && is_digit((unsigned char)t[p + n])) {
		if (++n > maxd)
			return 0;
		v = v * 10 + (t[p + n - 1] - '0');
	}
	*val = v;
	return n;
}

/* Skips spaces (ASCII and U+00A0); returns the new position. */
static size_t skip_space(const char *t, size_t len, size_t p)
{
	for (;;) {
		if (p < len && (t[p] == ' ' || t[p] == '\t'))
			p++;
		else if (p + 1 < len && (unsigned char)t[p] == 0xC2 && (unsigned char)t[p + 1] == 0xA0)
			p += 2;
		else
			return p;
	}
}

static bool word_ends(const char *t, size_t len, size_t p)
{
	return p >= len || !is_word_byte((unsigned char)t[p]);
}

/* A capitalised month name or abbreviation at p ("Sept." included);
 * returns its end, or 0.  "May" has no abbreviation. */
static size_t match_month(const char *t, size_t len, size_t p, int *m)
{
	for (int i = 0; i < 12; i++) {
		const char *name = month_names[i];
		size_t full = strlen(name);
		if (p + full <= len && memcmp(t + p, name, full) == 0 && word_ends(t, len, p + full)) {
			*m = i + 1;
			return p + full;
		}
		for (size_t ab = 3; ab <= 4 && i != 4; ab++) {
			if (ab == 4 && i != 8)
				break;
			bool same = p + ab <= len && memcmp(t + p, name, ab) == 0;
			if (!same || !word_ends(t, len, p + ab))
				continue;
			*m = i + 1;
			return p + ab < len && t[p + ab] == '.' ? p + ab + 1 : p + ab;
		}
	}
	return 0;
}

/* A day number (1..31) at p with an optional ordinal suffix; returns its
 * end, or 0. */
static size_t match_day(const char *t, size_t len, size_t p, int *d)
{
	size_t n = read_number(t, len, p, 2, d);
	if (n == 0 || *d < 1 || *d > 31)
		return 0;
	p += n;
	static const char *const suffixes[] = { "st", "nd", "rd", "th" };
	for (size_t i = 0; i < 4; i++)
		if (p + 2 <= len && memcmp(t + p, suffixes[i], 2) == 0 && word_ends(t, len, p + 2))
			return p + 2;
	return word_ends(t, len, p) ? p : 0;
}

/* A four-digit year after optional ", " at p; returns its end, or 0. */
static size_t match_year(const char *t, size_t len, size_t p, int *y)
{
	if (p < len && t[p] == ',')
		p++;
	size_t q = skip_space(t, len, p);
	if (q == p && !(q > 0 && t[q - 1] == ','))
		return 0;
	size_t n = read_number(t, len, q, 4, y);
	if (n != 4 || *y < 1000 || *y > 2999 || !word_ends(t, len, q + n))
		return 0;
	return q + n;
}

static size_t match_iso(const char *t, size_t len, size_t p, qy_date_mention *dm)
{
	char s[11];

	if (p + 10 > len)
		return 0;
	/* A timestamp ("2022-07-03T10:00") still carries its date. */
	if (p + 10 < len && is_word_byte((unsigned char)t[p + 10]) &&
	    !(t[p + 10] == 'T' && p + 11 < len && is_digit((unsigned char)t[p + 11])))
		return 0;
	memcpy(s, t + p, 10);
	s[10] = '\0';
	if (qy_date_parse(s, &dm->y, &dm->m, &dm->d) != 0 || dm->y < 1000 || dm->y > 2999)
		return 0;
	dm->flags = QY_DATE_HAS_YEAR;
	return p + 10;
}

/* "3 July [2022]", "3rd of July, 2022". */
static size_t match_day_month(const char *t, size_t len, size_t p, qy_date_mention *dm)
{
	size_t q = match_day(t, len, p, &dm->d);
	if (q == 0)
		return 0;
	size_t r = skip_space(t, len, q);
	if (r == q)
		return 0;
	if (r + 3 <= len && memcmp(t + r, "of ", 3) == 0)
		r = skip_space(t, len, r + 3);
	q = match_month(t, len, r, &dm->m);
	if (q == 0)
		return 0;
	size_t e = match_year(t, len, q, &dm->y);
	dm->flags = e ? QY_DATE_HAS_YEAR : 0;
	return e ? e : q;
}

/* "July 3[, 2022]" and "July 2022". */
static size_t match_month_day(const char *t, size_t len, size_t p, qy_date_mention *dm)
{
	size_t q = match_month(t, len, p, &dm->m);
	if (q == 0)
		return 0;
	size_t e = match_year(t, len, q, &dm->y);
	if (e && t[q] != ',') {
		dm->d = 0;
		dm->flags = QY_DATE_HAS_YEAR | QY_DATE_MONTH;
		return e;
	}
	size_t r = skip_space(t, len, q);
	if (r == q || (q = match_day(t, len, r, &dm->d)) == 0)
		return 0;
	e = match_year(t, len, q, &dm->y);
	dm->flags = e ? QY_DATE_HAS_YEAR : 0;
	return e ? e : q;
}

static size_t match_weekday(const char *t, size_t len, size_t p, int *wd)
{
	for (int i = 0; i < 7; i++) {
		size_t n = strlen(weekday_names[i]);
		if (p + n <= len && memcmp(t + p, weekday_names[i], n) == 0 &&
		    word_ends(t, len, p + n)) {
			*wd = i;
			return p + n;
		}
	}
	return 0;
}

/* Gives a yearless day its year from the reference; false when that
 * cannot be done (no reference, or 29 February of a common year). */
static bool complete_year(qy_date_mention *dm, bool have_ref, int ry, int rm, int rd)
{
	if (!have_ref) {
		dm->y = 0;
		return true;
	}
	long ref = qy_days_from_civil(ry, rm, rd);
	dm->y = ry;
	if (dm->d <= qy_days_in_month(ry, dm->m) &&
	    qy_days_from_civil(ry, dm->m, dm->d) - ref > 60)
		dm->y = ry - 1;
	return dm->d <= qy_days_in_month(dm->y, dm->m);
}

static void resolve_weekday(qy_date_mention *dm, int wd, int ry, int rm, int rd)
{
	long ref = qy_days_from_civil(ry, rm, rd);
	int ref_wd = (int)(((ref + 3) % 7 + 7) % 7);   /* 1970-01-01 was a Thursday */
	civil_from_days(ref - (ref_wd - wd + 7) % 7, &dm->y, &dm->m, &dm->d);
	dm->flags = QY_DATE_WEEKDAY;
}

/* The longest date at p, or 0. */
static size_t match_at(const char *t, size_t len, size_t p, bool have_ref,
		       int ry, int rm, int rd, qy_date_mention *dm)
{
	size_t e;
	int wd;

	memset(dm, 0, sizeof *dm);
	unsigned char c = (unsigned char)t[p];
	if (is_digit(c)) {
		if ((e = match_iso(t, len, p, dm)) != 0)
			return e;
		e = match_day_month(t, len, p, dm);
	} else if (c >= 'A' && c <= 'Z') {
		e = match_month_day(t, len, p, dm);
		if (e == 0 && have_ref && (e = match_weekday(t, len, p, &wd)) != 0)
			resolve_weekday(dm, wd, ry, rm, rd);
		if (e && (dm->flags & QY_DATE_WEEKDAY))
			return e;
	} else {
		return 0;
	}
	if (e == 0)
		return 0;
	if (dm->flags & QY_DATE_HAS_YEAR)
		return dm->d <= qy_days_in_month(dm->y, dm->m) ? e : 0;
	return complete_year(dm, have_ref, ry, rm, rd) ? e : 0;
}

size_t qy_find_dates(const char *text, size_t len, const char *ref,
		     qy_date_mention *out, size_t max)
{
	int ry = 0, rm = 0, rd = 0;
	bool have_ref = ref && qy_date_parse(ref, &ry, &rm, &rd) == 0;
	size_t n = 0;

	for (size_t p = 0; p < len && n < max; p++) {
		if (p > 0 && is_word_byte((unsigned char)text[p - 1]))
			continue;
		qy_date_mention dm;
		size_t e = match_at(text, len, p, have_ref, ry, rm, rd, &dm);
		if (e == 0)
			continue;
		dm.start = p;
		dm.end = e;
		out[n++] = dm;
		p = e - 1;
	}
	return n;
}

int qy_infer_article_date(const char *body, size_t len, char out[11])
{
	qy_date_mention dm[64];
	long best = 0;
	int by = 0, bm = 0, bd = 0;
	size_t p = 0;

	out[0] = '\0';
	/* Scan in windows so an article with many dates is read to its end. */
	while (p < len) {
		size_t n = qy_find_dates(body + p, len - p, NULL, dm, 64);
		for (size_t i = 0; i < n; i++) {
			const qy_date_mention *d = &dm[i];
			if (!(d->flags & QY_DATE_HAS_YEAR) || d->d == 0 || d->y < 1990 || d->y > 2035)
				continue;
			long days = qy_days_from_civil(d->y, d->m, d->d);
			if (by == 0 || days > best) {
				best = days;
				by = d->y;
				bm = d->m;
				bd = d->d;
			}
		}
		if (n < 64)
			break;
		p += dm[n - 1].end;
	}
	if (by == 0)
		return 0;
	out[0] = (char)('0' + by / 1000);
	out[1] = (char)('0' + by / 100 % 10);
	out[2] = (char)('0' + by / 10 % 10);
	out[3] = (char)('0' + by % 10);
	out[4] = '-';
	out[5] = (char)('0' + bm / 10);
	out[6] = (char)('0' + bm % 10);
	out[7] = '-';
	out[8] = (char)('0' + bd / 10);
	out[9] = (char)('0' + bd % 10);
	out[10] = '\0';
	return 1;
}
