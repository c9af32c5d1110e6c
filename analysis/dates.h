/*
 * dates.h - explicit dates mentioned in English news text.
 *
 * Recognised forms (month names capitalised, full or abbreviated with an
 * optional full stop, "Sept." too; days may carry st/nd/rd/th):
 *   "2022-07-03"                       full date
 *   "3 July 2022", "3rd of July, 2022" full date
 *   "July 3, 2022", "Jan. 10 2023"     full date
 *   "3 July", "on June 24"             no year: taken from the reference
 *                                      date when one is given
 *   "July 2022", "early August 2022"   a month (d = 0)
 *   "Friday", "on Saturday"            a weekday: only with a reference
 *                                      date, resolved to the latest such
 *                                      day on or before it
 * Only the Gregorian calendar between years 1000 and 2999 is accepted, and
 * a day must exist in its month ("February 30" is no date).
 *
 * A year taken from the reference date is the reference year, or the one
 * before when that would put the date more than 60 days after the
 * reference: news mostly reports what has happened ("on December 30" in an
 * article of 2 January).
 */
#ifndef QY_DATES_H
#define QY_DATES_H

#include <stddef.h>

enum {
	QY_DATE_HAS_YEAR = 1 << 0,  /* the year is written in the text */
	QY_DATE_WEEKDAY  = 1 << 1,  /* a weekday name, resolved from the reference */
	QY_DATE_MONTH    = 1 << 2,  /* month and year only; d is 0 */
};

typedef struct qy_date_mention {
	size_t start;   /* byte span of the whole mention in the text */
	size_t end;
	int y;          /* year, or 0 when unknown (no year and no reference) */
	int m;          /* 1..12 */
	int d;          /* 1..31, or 0 for a month mention */
	unsigned flags; /* QY_DATE_* */
} qy_date_mention;

/* Finds date mentions in text[0..len), in text order, and stores at most
 * max of them in out; returns how many were stored.  ref is the date of
 * the text ("YYYY-MM-DD") or NULL; without it, yearless dates get y = 0
 * and weekdays are not reported. */
size_t qy_find_dates(const char *text, size_t len, const char *ref,
		     qy_date_mention *out, size_t max);

/* For an undated article: the latest full date (day, month and a written
 * year between 1990 and 2035) that body mentions, as "YYYY-MM-DD" in out.
 * Returns 1 when one was found, 0 (and out = "") when none. */
int qy_infer_article_date(const char *body, size_t len, char out[11]);

/* Parses "YYYY-MM-DD" (a valid calendar date) into *y, *m, *d.  Returns 0,
 * or -1 when s is not such a date. */
int qy_date_parse(const char *s, int *y, int *m, int *d);

/* Days in month m of year y (0 for a bad month). */
int qy_days_in_month(int y, int m);

/* Days since 1970-01-01 of a valid date (proleptic Gregorian). */
long qy_days_from_civil(int y, int m, int d);

#endif
