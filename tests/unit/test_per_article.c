/* test_per_article.c - the rerank's pool gathered by article, and the per-article cap on the final order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

/* ---- the final order, page by page ---- */

#define MATCHES 400
#define POOL 30

/* A match of MATCHES passages, BM25 falling by 0.05 a rank, articles of
 * 1 to qy_match_collapse(cap) passages in a row, the first `len`. */
static qy_candidate *match(unsigned cap, size_t len)
{
	qy_candidate *c = qy_calloc(len ? len : 1, sizeof *c);
	unsigned art = 0, run = 0, seed = 7;

	for (size_t i = 0; i < len; i++) {
		seed = seed * 1103515245u + 12345u;
		if (run >= qy_match_collapse(cap ? cap : 1) || (seed >> 16) % 2) {
			art++;
			run = 0;
		}
		run++;
		char name[16];
		snprintf(name, sizeof name, "a%u", art);
		c[i].docid = (xc_docid)(i + 1);
		c[i].score = 50.0 - 0.05 * (double)i;
		c[i].article = cap ? qy_strdup(name) : NULL;
	}
	return c;
}

/* A rerank that moves passages by -2 to +2, some below later ones. */
static int shuffle(qy_candidate *c, size_t pool, void *ctx, xc_error *xe)
{
	(void)xe;
	*(size_t *)ctx = pool;
	for (size_t i = 0; i < pool; i++)
		c[i].score += (double)((c[i].docid * 2654435761u) % 1000) / 250.0 - 2.0;
	return XC_OK;
}

/* The docids of the page [offset, offset + limit) as quarry cuts it:
 * the match fetched for that page, ordered, then cut. */
static size_t page(unsigned cap, size_t offset, size_t limit, xc_docid *out, size_t *pool)
{
	size_t need = offset + limit < POOL ? POOL : offset + limit;
	size_t len = qy_match_count((unsigned)need, cap);
	qy_candidate *c = match(cap, len < MATCHES ? len : MATCHES);
	size_t n = 0, k = 0;
	xc_error xe;

	assert_int_equal(qy_order_candidates(c, len < MATCHES ? len : MATCHES, cap, POOL, shuffle, pool,
					     &n, &xe), XC_OK);
	for (size_t i = offset; i < n && i < offset + limit; i++)
		out[k++] = c[i].docid;
	qy_candidates_free(c, n);
	return k;
}

static void test_pages_agree(void **state)
{
	(void)state;
	for (unsigned cap = 0; cap <= 3; cap++) {
		xc_docid whole[200], part[10];
		size_t pool = 0;
		size_t n = page(cap, 0, 200, whole, &pool);
		assert_int_equal(n, 200);
		assert_true(pool >= POOL);   /* siblings join the pool when capped */
		for (size_t offset = 0; offset < 200; offset += 10) {
			assert_int_equal(page(cap, offset, 10, part, &pool), 10);
			for (size_t i = 0; i < 10; i++)
				if (part[i] != whole[offset + i])
					fail_msg("cap %u, page at %zu: docid %u at %zu, the whole list has %u",
						 cap, offset, part[i], i, whole[offset + i]);
		}
	}
}

static void test_order_and_cap(void **state)
{
	(void)state;
	for (unsigned cap = 1; cap <= 3; cap++) {
		size_t len = qy_match_count(200, cap), n = 0, pool = 0;
		qy_candidate *c = match(cap, len);
		xc_error xe;
		assert_int_equal(qy_order_candidates(c, len, cap, POOL, shuffle, &pool, &n, &xe), XC_OK);
		assert_true(n >= 200);   /* the fetch leaves what the page needs */
		size_t window = 0;
		while (window < n && c[window].in_window)
			window++;
		for (size_t i = 1; i < window; i++)   /* the window is in score order */
			assert_true(c[i - 1].score >= c[i].score);
		for (size_t i = 0; i < n; i++) {      /* and no article more than cap times */
			size_t same = 0;
			for (size_t j = 0; j < i; j++)
				same += strcmp(c[j].article, c[i].article) == 0;
			assert_true(same < cap);
		}
		qy_candidates_free(c, n);
	}
}

static int refuse(qy_candidate *c, size_t pool, void *ctx, xc_error *xe)
{
	(void)c; (void)pool; (void)ctx; (void)xe;
	return XC_UNIMPLEMENTED;
}

static void test_rescore_failure(void **state)
{
	(void)state;
	size_t n = 0;
	qy_candidate *c = match(1, 50);
	xc_error xe;

	assert_int_equal(qy_order_candidates(c, 50, 1, POOL, refuse, NULL, &n, &xe), XC_UNIMPLEMENTED);
	assert_int_equal(n, 50);   /* nothing dropped: the caller frees all */
	qy_candidates_free(c, n);
}

static void test_match_size(void **state)
{
	(void)state;
	assert_int_equal(qy_match_collapse(0), 0);
	assert_int_equal(qy_match_collapse(2), 2 + QY_POOL_SIBLINGS);
	assert_int_equal(qy_match_collapse(UINT32_MAX), UINT32_MAX);   /* no wrap to "no cap" */
	assert_int_equal(qy_match_count(30, 0), 30);
	assert_int_equal(qy_match_count(30, 1), 30 * (1 + QY_POOL_SIBLINGS));
	assert_int_equal(qy_match_count(UINT32_MAX, 1), UINT32_MAX);
	assert_true(qy_match_count(10, UINT32_MAX) >= 10);
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
		cmocka_unit_test(test_pages_agree),
		cmocka_unit_test(test_order_and_cap),
		cmocka_unit_test(test_rescore_failure),
		cmocka_unit_test(test_match_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
