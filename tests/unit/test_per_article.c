/* test_per_article.c - the rerank's pool gathered by article, and the per-article cap on the final order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "searcher/per_article.h"
#include "util/buf.h"

/* Candidates from "A1 B1 A2 ...": the letter is the article ('-': none),
 * the digit tells the passages apart; docids count from 1 in that order. */
static qy_candidate *make(const char *spec, size_t *n, int with_articles)
{
	qy_candidate *c = qy_calloc(strlen(spec) / 2 + 1, sizeof *c);

	*n = 0;
	for (const char *p = spec; *p; p++) {
		if (*p == ' ')
			continue;
		char art[2] = { p[0], '\0' };
		c[*n].docid = (xc_docid)(*n + 1);
		c[*n].score = 100.0 - (double)*n;
		c[*n].article = with_articles && *p != '-' ? qy_strdup(art) : NULL;
		(*n)++;
		p++;
	}
	return c;
}

/* The candidates back as "A1 B1 ..." (docid order gives the digit's
 * place in spec, so the spec's own tokens are reported). */
static void expect(const qy_candidate *c, size_t n, const char *spec, const char *want)
{
	char got[128] = "";

	for (size_t i = 0; i < n; i++) {
		const char *tok = spec;
		for (xc_docid k = 1; k < c[i].docid; k++)
			tok = strchr(tok, ' ') + 1;
		if (i)
			strcat(got, " ");
		strncat(got, tok, 2);
	}
	assert_string_equal(got, want);
}

static void test_pool_without_cap(void **state)
{
	(void)state;
	size_t n;
	const char *spec = "A1 A2 B1 A3";
	qy_candidate *c = make(spec, &n, 0);

	assert_int_equal(qy_pool_gather(c, n, 0, 2), 2);
	expect(c, n, spec, "A1 A2 B1 A3");   /* nothing moves */
	assert_int_equal(qy_pool_gather(c, n, 0, 10), 4);
	qy_candidates_free(c, n);
}

static void test_pool_takes_siblings(void **state)
{
	(void)state;
	size_t n;
	const char *spec = "A1 B1 A2 C1 D1 B2 C2";
	qy_candidate *c = make(spec, &n, 1);

	/* The cap keeps A1 and B1 first; their later passages join them. */
	assert_int_equal(qy_pool_gather(c, n, 1, 2), 4);
	expect(c, n, spec, "A1 B1 A2 B2 C1 D1 C2");
	qy_candidates_free(c, n);
}

static void test_pool_counts_kept_passages(void **state)
{
	(void)state;
	size_t n;
	const char *spec = "A1 A2 A3 B1 C1";
	qy_candidate *c = make(spec, &n, 1);

	/* With 2 per article, A3 is not one of the first two kept: the
	 * pool's articles are A and B, and A3 comes along as A's. */
	assert_int_equal(qy_pool_gather(c, n, 2, 3), 4);
	expect(c, n, spec, "A1 A2 A3 B1 C1");
	qy_candidates_free(c, n);
}

static void test_pool_larger_than_list(void **state)
{
	(void)state;
	size_t n;
	const char *spec = "A1 A2 B1";
	qy_candidate *c = make(spec, &n, 1);

	assert_int_equal(qy_pool_gather(c, n, 1, 30), 3);
	assert_int_equal(qy_pool_gather(c, 0, 1, 30), 0);
	qy_candidates_free(c, n);
}

static void test_cap(void **state)
{
	(void)state;
	size_t n;
	const char *spec = "A1 B1 A2 C1 B2 A3";
	qy_candidate *c = make(spec, &n, 1);

	size_t k = qy_cap_per_article(c, n, 2);
	expect(c, k, spec, "A1 B1 A2 C1 B2");
	k = qy_cap_per_article(c, k, 1);
	expect(c, k, spec, "A1 B1 C1");
	qy_candidates_free(c, k);   /* the dropped keys were freed (ASan checks) */
}

static void test_no_article_is_its_own(void **state)
{
	(void)state;
	size_t n;
	const char *spec = "-1 A1 -2 B1 -3 A2";
	qy_candidate *c = make(spec, &n, 1);

	/* Passages without an article are neither grouped nor capped: the
	 * pool's prefix takes -1 and -2 as articles of their own, -3 stays
	 * out of it, and the cap of 1 drops only A2. */
	assert_int_equal(qy_pool_gather(c, n, 1, 3), 4);
	expect(c, n, spec, "-1 A1 -2 A2 B1 -3");
	size_t k = qy_cap_per_article(c, n, 1);
	expect(c, k, spec, "-1 A1 -2 B1 -3");
	qy_candidates_free(c, k);
}

static void test_cap_zero_keeps_all(void **state)
{
	(void)state;
	size_t n;
	const char *spec = "A1 A2 A3";
	qy_candidate *c = make(spec, &n, 0);

	assert_int_equal(qy_cap_per_article(c, n, 0), 3);
	assert_int_equal(qy_cap_per_article(c, 0, 1), 0);
	qy_candidates_free(c, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_without_cap),
		cmocka_unit_test(test_pool_takes_siblings),
		cmocka_unit_test(test_pool_counts_kept_passages),
		cmocka_unit_test(test_pool_larger_than_list),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_no_article_is_its_own),
		cmocka_unit_test(test_cap_zero_keeps_all),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
