/* test_answer.c - unit tests for answer aggregation and its renderings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "searcher/answer.h"

/* Appends a claim as the extractor would make it. */
static void add(qy_claims *cl, const char *actor, const char *side, qy_stance st,
		const char *holder, const char *date, int inferred, const char *article,
		unsigned passage, const char *quote)
{
	qy_claim c;
	memset(&c, 0, sizeof c);
	c.actor = qy_strdup(actor);
	c.side = side;
	c.stance = st;
	c.holder = holder;
	c.place = qy_strdup("kherson");
	if (date)
		strcpy(c.date, date);
	c.date_inferred = inferred;
	c.article = qy_strdup(article);
	c.passage = passage;
	c.quote = qy_strdup(quote);
	c.attribution = qy_strdup(side);
	qy_claims_push(cl, &c);
}

/* Two sides a season apart: the later one holds the city. */
static void kherson_claims(qy_claims *cl)
{
	add(cl, "russia", "russia", QY_STANCE_CLAIMS, "russia", "2022-03-03", 0, "a-occ", 1,
	    "The ministry said its troops had full control of the city.");
	add(cl, "ukraine", "ukraine", QY_STANCE_CLAIMS, "ukraine", "2022-11-11", 0, "w-rec", 0,
	    "Ukrainian soldiers entered the city centre to cheering crowds.");
	add(cl, "russia", "russia", QY_STANCE_CONFIRMS, "ukraine", "2022-11-10", 0, "w-rec", 2,
	    "Moscow said its forces had completed the pullback across the river.");
}

static void test_latest_window_decides(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	qy_answer a;
	kherson_claims(&cl);
	qy_answer_build(&a, "who controls Kherson", QY_FAM_CONTROL, "kherson", "Kherson", NULL, &cl);
	assert_int_equal(cl.count, 0);
	assert_null(cl.items);
	assert_int_equal(a.claims.count, 3);
	assert_string_equal(a.controller, "Ukraine");
	/* latest first */
	assert_string_equal(a.claims.items[0].date, "2022-11-11");
	assert_string_equal(a.claims.items[2].date, "2022-03-03");
	qy_answer_free(&a);
}

static void test_as_of_ignores_later_claims(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	qy_answer a;
	kherson_claims(&cl);
	qy_answer_build(&a, "who controls Kherson", QY_FAM_CONTROL, "kherson", "Kherson",
			"2022-06-30", &cl);
	assert_int_equal(a.claims.count, 1);
	assert_string_equal(a.controller, "Russia");
	assert_string_equal(a.as_of, "2022-06-30");
	qy_answer_free(&a);
}

static void test_contested_and_concession(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	qy_answer a;
	add(&cl, "lpr", "russia", QY_STANCE_CLAIMS, "russia", "2022-07-02", 0, "lpr", 0,
	    "The militia said it had raised its flag over the town.");
	add(&cl, "ukraine-national-guard", "ukraine", QY_STANCE_DENIES, "ukraine", "2022-07-02", 0,
	    "lpr", 4, "A guard spokesman said the town was still held.");
	qy_answer_build(&a, "q", QY_FAM_CONTROL, "lysychansk", "Lysychansk", NULL, &cl);
	assert_string_equal(a.controller, "contested");
	qy_answer_free(&a);

	/* a concession the next day settles it */
	add(&cl, "lpr", "russia", QY_STANCE_CLAIMS, "russia", "2022-07-02", 0, "lpr", 0,
	    "The militia said it had raised its flag over the town.");
	add(&cl, "ukraine-national-guard", "ukraine", QY_STANCE_DENIES, "ukraine", "2022-07-02", 0,
	    "lpr", 4, "A guard spokesman said the town was still held.");
	add(&cl, "ukraine", "ukraine", QY_STANCE_CONFIRMS, "russia", "2022-07-03", 1, "wd", 0,
	    "The general staff said its units had left the town.");
	qy_answer_build(&a, "q", QY_FAM_FALL, "lysychansk", "Lysychansk", NULL, &cl);
	assert_string_equal(a.controller, "Russia");
	qy_answer_free(&a);
}

/* Both sides said to hold it: the side more articles put it with wins by
 * half again as many; one article repeating itself counts once. */
static void test_verdict_counts_articles(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	qy_answer a;
	add(&cl, "russia", "russia", QY_STANCE_REPORTS, "russia", "2022-05-10", 0, "a1", 0,
	    "Russian troops patrol the town.");
	add(&cl, "russia", "russia", QY_STANCE_REPORTS, "russia", "2022-05-11", 0, "a2", 0,
	    "The occupied town is quiet.");
	add(&cl, "ukraine", "ukraine", QY_STANCE_REPORTS, "ukraine", "2022-05-12", 0, "a3", 0,
	    "A Ukrainian official visited the town.");
	qy_answer_build(&a, "q", QY_FAM_CONTROL, "kherson", "Kherson", NULL, &cl);
	assert_string_equal(a.controller, "Russia");   /* 2 articles against 1 */
	qy_answer_free(&a);

	/* three statements of one article against two articles: two against two */
	add(&cl, "russia", "russia", QY_STANCE_REPORTS, "russia", "2022-05-10", 0, "a1", 0,
	    "Russian troops patrol the town.");
	add(&cl, "russia", "russia", QY_STANCE_CLAIMS, "russia", "2022-05-10", 0, "a1", 1,
	    "Moscow said the town was its own.");
	add(&cl, "russia", "russia", QY_STANCE_REPORTS, "russia", "2022-05-10", 0, "a1", 2,
	    "Russian flags fly over the town.");
	add(&cl, "russia", "russia", QY_STANCE_REPORTS, "russia", "2022-05-11", 0, "a2", 0,
	    "The occupied town is quiet.");
	add(&cl, "ukraine", "ukraine", QY_STANCE_REPORTS, "ukraine", "2022-05-12", 0, "a3", 0,
	    "A Ukrainian official visited the town.");
	add(&cl, "ukraine", "ukraine", QY_STANCE_DENIES, "ukraine", "2022-05-12", 0, "a4", 0,
	    "Kyiv denied the town had fallen.");
	qy_answer_build(&a, "q", QY_FAM_CONTROL, "kherson", "Kherson", NULL, &cl);
	assert_string_equal(a.controller, "contested");
	qy_answer_free(&a);

	/* one wire sentence under two ids is one source; a claim outside the
	 * window counts for nothing; 3 against 2 is enough */
	add(&cl, "russia", "russia", QY_STANCE_REPORTS, "russia", "2022-05-10", 0, "w1", 0,
	    "Russian troops patrol the town.");
	add(&cl, "russia", "russia", QY_STANCE_REPORTS, "russia", "2022-05-10", 0, "w2", 0,
	    "Russian troops patrol the town.");
	add(&cl, "ukraine", "ukraine", QY_STANCE_REPORTS, "ukraine", "2022-05-12", 0, "a3", 0,
	    "A Ukrainian official visited the town.");
	add(&cl, "russia", "russia", QY_STANCE_REPORTS, "russia", "2022-03-01", 0, "old", 0,
	    "Russian troops entered the town.");
	qy_answer_build(&a, "q", QY_FAM_CONTROL, "kherson", "Kherson", NULL, &cl);
	assert_string_equal(a.controller, "contested");   /* 1 against 1 */
	qy_answer_free(&a);
	const char *ru[] = { "r1", "r2", "r3" }, *ua[] = { "u1", "u2" };
	for (int i = 0; i < 3; i++)
		add(&cl, "russia", "russia", QY_STANCE_REPORTS, "russia", "2022-05-10", 0, ru[i], 0,
		    ru[i]);
	for (int i = 0; i < 2; i++)
		add(&cl, "ukraine", "ukraine", QY_STANCE_REPORTS, "ukraine", "2022-05-10", 0, ua[i],
		    0, ua[i]);
	qy_answer_build(&a, "q", QY_FAM_CONTROL, "kherson", "Kherson", NULL, &cl);
	assert_string_equal(a.controller, "Russia");
	qy_answer_free(&a);
}

static void test_no_verdict(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	qy_answer a;
	add(&cl, "ukraine", "ukraine", QY_STANCE_REPORTS, NULL, "2024-05-25", 0, "kh", 0,
	    "Glide bombs hit a shopping centre, the governor said.");
	qy_answer_build(&a, "who controls Kharkiv", QY_FAM_CONTROL, "kharkiv", "Kharkiv", NULL, &cl);
	assert_null(a.controller);
	qy_answer_free(&a);

	kherson_claims(&cl);
	qy_answer_build(&a, "who shelled Kherson", QY_FAM_ATTACK, "kherson", "Kherson", NULL, &cl);
	assert_null(a.controller);   /* not a control question */
	qy_answer_free(&a);

	qy_answer_build(&a, "who controls Kherson", QY_FAM_CONTROL, "kherson", "Kherson", NULL, &cl);
	assert_int_equal(a.claims.count, 0);
	assert_null(a.controller);
	qy_answer_free(&a);
}

static void test_duplicates_merge(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	qy_answer a;
	kherson_claims(&cl);
	kherson_claims(&cl);
	qy_answer_build(&a, "q", QY_FAM_CONTROL, "kherson", "Kherson", NULL, &cl);
	assert_int_equal(a.claims.count, 3);
	qy_answer_free(&a);
}

static void test_text_block(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	qy_answer a;
	qy_buf b = QY_BUF_INIT;
	kherson_claims(&cl);
	add(&cl, "ukraine", "ukraine", QY_STANCE_DENIES, "ukraine", "2022-11-01", 1, "w-x", 5,
	    "Kyiv dismissed the report.");
	qy_answer_build(&a, "who controls Kherson", QY_FAM_CONTROL, "kherson", "Kherson", NULL, &cl);
	qy_answer_text(&b, &a, NULL, 0);
	const char *s = qy_buf_cstr(&b);
	assert_true(strncmp(s, "Kherson: Ukraine", 16) == 0);
	/* latest first: Ukraine's claim comes before Russia's concession */
	const char *ua = strstr(s, "2022-11-11"), *ru = strstr(s, "2022-11-10");
	assert_non_null(ua);
	assert_non_null(ru);
	assert_true(ua < ru);
	assert_non_null(strstr(s, "~2022-11-01"));   /* inferred date marked */
	assert_non_null(strstr(s, "[w-rec #0]"));
	assert_non_null(strstr(s, "denies"));
	assert_null(strstr(s, "\033["));             /* no colour asked */
	qy_buf_free(&b);
	qy_answer_free(&a);
}

static void test_json_line(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	qy_answer a;
	qy_buf b = QY_BUF_INIT;
	kherson_claims(&cl);
	add(&cl, "ukraine", "ukraine", QY_STANCE_DENIES, "ukraine", NULL, 0, "w-x", 5,
	    "He called it \"nonsense\".");
	qy_answer_build(&a, "who controls \"Kherson\"", QY_FAM_CONTROL, "kherson", "Kherson", NULL, &cl);
	qy_answer_json(&b, &a, -1);
	const char *s = qy_buf_cstr(&b);
	assert_true(strncmp(s, "{\"kind\":\"answer\",\"question\":\"who controls \\\"Kherson\\\"\"", 54) == 0);
	assert_non_null(strstr(s, "\"family\":\"control\""));
	assert_non_null(strstr(s, "\"entity\":{\"id\":\"kherson\",\"name\":\"Kherson\"}"));
	assert_non_null(strstr(s, "\"controller\":\"Ukraine\""));
	assert_non_null(strstr(s, "\"as_of\":null"));
	assert_non_null(strstr(s, "\"date\":null"));
	assert_non_null(strstr(s, "\"quote\":\"He called it \\\"nonsense\\\".\""));
	assert_null(strchr(s, '\n'));
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, "\"actor\":")) != NULL; p++)
		n++;
	assert_int_equal(n, a.claims.count);
	assert_int_equal(s[strlen(s) - 1], '}');
	qy_buf_free(&b);
	qy_answer_free(&a);
}

/* Display columns of a UTF-8 line (every code point is one column here). */
static size_t columns(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* Splits the chart into lines, checks their width and returns the line
 * that starts with label (or NULL). */
static const char *check_lines(const char *s, int width, const char *label, size_t *n_lines)
{
	const char *found = NULL;
	*n_lines = 0;
	for (const char *p = s; *p;) {
		const char *e = strchr(p, '\n');
		assert_non_null(e);
		if (columns(p, (size_t)(e - p)) > (size_t)width)
			fail_msg("line wider than %d: [%.*s]", width, (int)(e - p), p);
		if (label && strncmp(p, label, strlen(label)) == 0 && p[strlen(label)] == ' ')
			found = p;
		(*n_lines)++;
		p = e + 1;
	}
	return found;
}

static void test_timeline_layout(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	qy_answer a;
	qy_buf b = QY_BUF_INIT;
	kherson_claims(&cl);
	add(&cl, "wagner", "russia", QY_STANCE_DENIES, "russia", "2022-06-15", 0, "w-y", 1, "x");
	qy_answer_build(&a, "q", QY_FAM_CONTROL, "kherson", "Kherson", NULL, &cl);
	qy_answer_timeline(&b, &a, 80, 1);
	size_t n;
	const char *ru = check_lines(qy_buf_cstr(&b), 80, "russia", &n);
	const char *ua = check_lines(qy_buf_cstr(&b), 80, "ukraine", &n);
	const char *wg = check_lines(qy_buf_cstr(&b), 80, "wagner", &n);
	/* title, three actor rows, axis, labels, legend */
	assert_int_equal(n, 7);
	assert_non_null(ru);
	assert_non_null(ua);
	assert_non_null(wg);
	/* Russia's March claim sits left of its November concession */
	const char *claim = strstr(ru, "●"), *conc = strstr(ru, "✓");
	assert_non_null(claim);
	assert_non_null(conc);
	assert_true(claim < conc && conc < strchr(ru, '\n'));
	assert_non_null(strstr(ua, "●"));
	assert_true(strstr(ua, "●") < strchr(ua, '\n'));
	assert_true(strstr(wg, "✗") < strchr(wg, '\n'));
	assert_non_null(strstr(qy_buf_cstr(&b), "Mar 2022"));
	assert_non_null(strstr(qy_buf_cstr(&b), "✗ denies"));
	qy_buf_free(&b);
	qy_answer_free(&a);
}

static void test_timeline_long_span_and_ascii(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	qy_answer a;
	qy_buf b = QY_BUF_INIT;
	add(&cl, "russia", "russia", QY_STANCE_CLAIMS, "russia", "2014-05-01", 0, "x", 0, "x");
	add(&cl, "ukraine", "ukraine", QY_STANCE_DENIES, "ukraine", "2025-11-21", 0, "y", 0, "y");
	add(&cl, "international-legion-of-ukraine", "ukraine", QY_STANCE_REPORTS, NULL,
	    "2020-01-01", 0, "z", 0, "z");
	qy_answer_build(&a, "q", QY_FAM_CONTROL, "kupiansk", "Kupiansk", NULL, &cl);
	for (int w = 64; w <= 120; w += 28) {
		qy_buf_clear(&b);
		qy_answer_timeline(&b, &a, w, 0);
		size_t n;
		const char *ru = check_lines(qy_buf_cstr(&b), w, "russia", &n);
		assert_int_equal(n, 7);
		assert_non_null(ru);
		assert_int_equal(strcspn(ru, "C"), strcspn(ru, "|") + 1);  /* first column */
		for (const char *p = qy_buf_cstr(&b); *p; p++)
			assert_true((unsigned char)*p < 0x80);
	}
	/* a narrow request is widened to what the legend needs */
	qy_buf_clear(&b);
	qy_answer_timeline(&b, &a, 20, 0);
	size_t n;
	check_lines(qy_buf_cstr(&b), 64, NULL, &n);
	qy_buf_free(&b);
	qy_answer_free(&a);

	qy_answer_build(&a, "q", QY_FAM_CONTROL, "kupiansk", "Kupiansk", NULL, &cl);
	qy_answer_timeline(&b, &a, 80, 1);
	assert_non_null(strstr(qy_buf_cstr(&b), "no dated statements"));
	qy_buf_free(&b);
	qy_answer_free(&a);
}

/* A denial and an admission by one side on the same day concede nothing;
 * "what did X say about Y" gets a verdict too, "who shelled" none. */
static void test_mixed_statements_and_families(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	qy_answer a;
	add(&cl, "russia", "russia", QY_STANCE_CLAIMS, "russia", "2025-11-21", 0, "k", 0,
	    "The general said the town had been liberated.");
	add(&cl, "ukraine", "ukraine", QY_STANCE_DENIES, "ukraine", "2025-11-21", 0, "k", 2,
	    "The General Staff said the claim was not true.");
	add(&cl, "ukraine", "ukraine", QY_STANCE_CONFIRMS, "russia", "2025-11-21", 0, "k", 3,
	    "Small groups had entered the town, the task force said.");
	qy_answer_build(&a, "what did Russia say about Kupiansk", QY_FAM_NONE, "kupiansk",
			"Kupiansk", NULL, &cl);
	assert_string_equal(a.controller, "contested");
	qy_answer_free(&a);

	add(&cl, "ukraine", "ukraine", QY_STANCE_CONFIRMS, "russia", "2025-11-21", 0, "k", 3,
	    "Small groups had entered the town, the task force said.");
	qy_answer_build(&a, "q", QY_FAM_CONTROL, "kupiansk", "Kupiansk", NULL, &cl);
	assert_string_equal(a.controller, "Russia");   /* an admission alone concedes */
	qy_answer_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latest_window_decides),
		cmocka_unit_test(test_as_of_ignores_later_claims),
		cmocka_unit_test(test_contested_and_concession),
		cmocka_unit_test(test_no_verdict),
		cmocka_unit_test(test_mixed_statements_and_families),
		cmocka_unit_test(test_duplicates_merge),
		cmocka_unit_test(test_text_block),
		cmocka_unit_test(test_json_line),
		cmocka_unit_test(test_verdict_counts_articles),
		cmocka_unit_test(test_timeline_layout),
		cmocka_unit_test(test_timeline_long_span_and_ascii),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
