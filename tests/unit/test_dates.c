/* test_dates.c - unit tests for date mentions and article date inference. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/dates.h"

/* Finds the dates of s (copied to the heap at its exact length, so ASan
 * sees any read past the end) and checks the spans are ordered and inside. */
static size_t find(const char *s, const char *ref, qy_date_mention *out, size_t max)
{
	size_t len = strlen(s);
	char *copy = malloc(len ? len : 1);
	memcpy(copy, s, len);
	size_t n = qy_find_dates(copy, len, ref, out, max);
	size_t last = 0;
	for (size_t i = 0; i < n; i++) {
		assert_true(out[i].start >= last);
		assert_true(out[i].end > out[i].start);
		assert_true(out[i].end <= len);
		last = out[i].end;
	}
	free(copy);
	return n;
}

/* The only date of s must be y-m-d with the given flags and cover exactly
 * the text want. */
static void expect_one(const char *s, const char *ref, const char *want, int y, int m, int d,
		       unsigned flags)
{
	qy_date_mention dm[4];
	size_t n = find(s, ref, dm, 4);
	if (n != 1)
		fail_msg("%zu dates in [%s], want 1", n, s);
	size_t len = dm[0].end - dm[0].start;
	if (len != strlen(want) || memcmp(s + dm[0].start, want, len) != 0)
		fail_msg("span [%.*s], want [%s]", (int)len, s + dm[0].start, want);
	assert_int_equal(dm[0].y, y);
	assert_int_equal(dm[0].m, m);
	assert_int_equal(dm[0].d, d);
	assert_int_equal(dm[0].flags, flags);
}

static void test_full_dates(void **state)
{
	(void)state;
	expect_one("The report is dated 2022-07-03 in the header.", NULL, "2022-07-03",
		   2022, 7, 3, QY_DATE_HAS_YEAR);
	expect_one("Separatists raised a flag on 3 July 2022 over the council.", NULL,
		   "3 July 2022", 2022, 7, 3, QY_DATE_HAS_YEAR);
	expect_one("The garrison left on July 3, 2022, officials said.", NULL, "July 3, 2022",
		   2022, 7, 3, QY_DATE_HAS_YEAR);
	expect_one("A statement issued Jan. 10, 2023 spoke of heavy losses.", NULL,
		   "Jan. 10, 2023", 2023, 1, 10, QY_DATE_HAS_YEAR);
	expect_one("The offensive began on the 24th of February, 2022 at dawn.", NULL,
		   "24th of February, 2022", 2022, 2, 24, QY_DATE_HAS_YEAR);
	expect_one("Shelling resumed Sept. 5 2023 near the plant.", NULL, "Sept. 5 2023",
		   2023, 9, 5, QY_DATE_HAS_YEAR);
	expect_one("Logged at 2024-02-17T06:30 by the monitors.", NULL, "2024-02-17",
		   2024, 2, 17, QY_DATE_HAS_YEAR);
	expect_one("Leap day: 29 February 2024 was quiet.", NULL, "29 February 2024",
		   2024, 2, 29, QY_DATE_HAS_YEAR);
}

static void test_month_mentions(void **state)
{
	(void)state;
	expect_one("The siege began in early August 2022 and dragged on.", NULL, "August 2022",
		   2022, 8, 0, QY_DATE_HAS_YEAR | QY_DATE_MONTH);
}

static void test_yearless_dates_take_the_reference_year(void **state)
{
	(void)state;
	expect_one("Troops were ordered out on June 24 after weeks of fighting.", "2022-07-03",
		   "June 24", 2022, 6, 24, 0);
	expect_one("Troops were ordered out on June 24 after weeks of fighting.", NULL,
		   "June 24", 0, 6, 24, 0);
	/* Late December seen from early January is last year. */
	expect_one("The town was hit on 30 December by drones.", "2023-01-02", "30 December",
		   2022, 12, 30, 0);
	expect_one("Talks are set for 20 January.", "2023-01-02", "20 January", 2023, 1, 20, 0);
}

static void test_weekdays_need_a_reference(void **state)
{
	(void)state;
	qy_date_mention dm[4];
	/* 2023-01-13 was a Friday: "Friday" is that day, "Thursday" the one before. */
	expect_one("The ministry disputed it Friday.", "2023-01-13", "Friday", 2023, 1, 13,
		   QY_DATE_WEEKDAY);
	expect_one("Fighting eased on Thursday evening.", "2023-01-13", "Thursday", 2023, 1, 12,
		   QY_DATE_WEEKDAY);
	/* A Saturday seen from a Tuesday (2022-07-05) is three days back, across a month end. */
	expect_one("A depot burned on Saturday.", "2022-07-05", "Saturday", 2022, 7, 2,
		   QY_DATE_WEEKDAY);
	assert_int_equal(find("The ministry disputed it Friday.", NULL, dm, 4), 0);
}

static void test_things_that_are_not_dates(void **state)
{
	(void)state;
	qy_date_mention dm[8];
	const char *const texts[] = {
		"About 30,000 people lived there before 2022.",
		"The unit may 3 times have tried to cross.",
		"Brigade 2022-13-40 is not a date.",
		"March 40 and Mayday and 12 Julys are not dates.",
		"Code X2022-07-03 is a serial number.",
		"On July 3, 20 soldiers were wounded.",
		"",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		size_t n = find(texts[i], "2023-01-13", dm, 8);
		/* The last-but-one text holds one yearless date, July 3. */
		if (strncmp(texts[i], "On July 3", 9) == 0) {
			assert_int_equal(n, 1);
			assert_int_equal(dm[0].d, 3);
			assert_int_equal(dm[0].flags, 0);
			continue;
		}
		if (n != 0)
			fail_msg("found a date in [%s] at %zu", texts[i], dm[0].start);
	}
}

/* An impossible day leaves only the month it names. */
static void test_impossible_day_keeps_the_month(void **state)
{
	(void)state;
	expect_one("Officials said 30 February 2023 by mistake.", NULL, "February 2023",
		   2023, 2, 0, QY_DATE_HAS_YEAR | QY_DATE_MONTH);
}

static void test_several_in_order_and_max(void **state)
{
	(void)state;
	const char *s = "Between 12 May 2022 and June 3, 2022, then on 2022-07-01, the line held.";
	qy_date_mention dm[8];
	assert_int_equal(find(s, NULL, dm, 8), 3);
	assert_int_equal(dm[0].m, 5);
	assert_int_equal(dm[1].m, 6);
	assert_int_equal(dm[2].m, 7);
	assert_int_equal(find(s, NULL, dm, 2), 2);
}

static void test_infer_article_date(void **state)
{
	(void)state;
	char out[11];
	const char *body =
		"Commanders said on 1 July 2022 that the bridge was cut.\n\n"
		"By Sunday, 3 July 2022, the last units had left; a 1941 battle was recalled "
		"on 22 June 1941, and a plan for 2040-01-01 was mentioned.\n\n"
		"On June 30 the governor spoke.";
	assert_int_equal(qy_infer_article_date(body, strlen(body), out), 1);
	assert_string_equal(out, "2022-07-03");

	const char *none = "Governor says on Saturday that glide bombs hit the store on June 4.";
	assert_int_equal(qy_infer_article_date(none, strlen(none), out), 0);
	assert_string_equal(out, "");
}

static void test_infer_reads_past_many_dates(void **state)
{
	(void)state;
	char body[8000] = "";
	for (int i = 1; i <= 100; i++) {
		char line[40];
		snprintf(line, sizeof line, "On %d March 2021 ", i % 28 + 1);
		strcat(body, line);
	}
	strcat(body, "and finally 5 April 2021.");
	char out[11];
	assert_int_equal(qy_infer_article_date(body, strlen(body), out), 1);
	assert_string_equal(out, "2021-04-05");
}

static void test_calendar_helpers(void **state)
{
	(void)state;
	int y, m, d;
	assert_int_equal(qy_date_parse("2024-02-29", &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20240229);
	assert_int_equal(qy_date_parse("2023-02-29", &y, &m, &d), -1);
	assert_int_equal(qy_date_parse("2023-2-09", &y, &m, &d), -1);
	assert_int_equal(qy_date_parse(NULL, &y, &m, &d), -1);
	assert_int_equal(qy_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(qy_days_from_civil(2000, 3, 1) - qy_days_from_civil(2000, 2, 28), 2);
	assert_int_equal(qy_days_in_month(1900, 2), 28);
	assert_int_equal(qy_days_in_month(2000, 2), 29);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_dates),
		cmocka_unit_test(test_month_mentions),
		cmocka_unit_test(test_yearless_dates_take_the_reference_year),
		cmocka_unit_test(test_weekdays_need_a_reference),
		cmocka_unit_test(test_things_that_are_not_dates),
		cmocka_unit_test(test_impossible_day_keeps_the_month),
		cmocka_unit_test(test_several_in_order_and_max),
		cmocka_unit_test(test_infer_article_date),
		cmocka_unit_test(test_infer_reads_past_many_dates),
		cmocka_unit_test(test_calendar_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
