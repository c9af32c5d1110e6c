/* fuzz_dates.c - libFuzzer target: date mentions, article date inference and question analysis. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/dates.h"
#include "searcher/question.h"

#define MAX_DATES 64

static void check_date(int y, int m, int d, unsigned flags)
{
	if (m < 1 || m > 12 || d < 0 || d > 31)
		abort();
	if ((flags & QY_DATE_MONTH) ? d != 0 : d == 0)
		abort();
	if ((flags & QY_DATE_HAS_YEAR) && (y < 1000 || y > 2999))
		abort();
	if (y && d > qy_days_in_month(y, m))
		abort();
}

static void check_dates(const char *text, size_t len, const char *ref)
{
	qy_date_mention dm[MAX_DATES];
	size_t n = qy_find_dates(text, len, ref, dm, MAX_DATES);
	size_t prev_end = 0;

	if (n > MAX_DATES)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (dm[i].start >= dm[i].end || dm[i].end > len || dm[i].start < prev_end)
			abort();
		check_date(dm[i].y, dm[i].m, dm[i].d, dm[i].flags);
		prev_end = dm[i].end;
	}
	/* A smaller max stores a prefix of the same list. */
	qy_date_mention one;
	if (qy_find_dates(text, len, ref, &one, 1) != (n > 0))
		abort();
	if (n && (one.start != dm[0].start || one.end != dm[0].end))
		abort();
}

static void check_infer(const char *text, size_t len)
{
	char out[11];
	int y, m, d;
	memset(out, 'x', sizeof out);
	if (qy_infer_article_date(text, len, out)) {
		if (qy_date_parse(out, &y, &m, &d) != 0 || y < 1990 || y > 2035)
			abort();
	} else if (out[0] != '\0') {
		abort();
	}
}

static void check_question(const char *q)
{
	qy_question qu;
	size_t len = strlen(q);
	int y, m, d;
	int rc = qy_question_parse(q, &qu);

	if ((rc != 0 && rc != 1) || (unsigned)qu.wh > QY_WH_YESNO ||
	    (unsigned)qu.family >= QY_FAMILIES || (rc == 1) != (qu.family != QY_FAM_NONE))
		abort();
	if (qu.pred_start > qu.pred_end || qu.pred_end > len ||
	    qu.target_start > qu.target_end || qu.target_end > len)
		abort();
	if (strnlen(qu.target, QY_TARGET_MAX) >= QY_TARGET_MAX)
		abort();
	if (qu.as_of[0] && (strnlen(qu.as_of, 11) != 10 || qy_date_parse(qu.as_of, &y, &m, &d) != 0))
		abort();
	if (!qy_family_name(qu.family) || !qy_wh_name(qu.wh))
		abort();
	const char *const *stems;
	size_t n_stems = qy_family_stems(qu.family, &stems);
	for (size_t i = 0; i < n_stems; i++)
		if (!stems[i])
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char ref[11];

	check_dates(text, size, NULL);
	/* The first ten bytes, when they are a date, are the reference date;
	 * otherwise a fixed one, so weekdays and yearless dates get exercised. */
	if (size >= 10) {
		memcpy(ref, text, 10);
		ref[10] = '\0';
		int y, m, d;
		if (qy_date_parse(ref, &y, &m, &d) == 0)
			check_dates(text + 10, size - 10, ref);
		else
			check_dates(text, size, "2023-01-02");
	}
	check_infer(text, size);

	char *q = malloc(size + 1);
	memcpy(q, data, size);
	q[size] = '\0';
	check_question(q);
	free(q);
	return 0;
}
