/* test_soft_match.c - soft matching features on a tiny hand-made vector table, checked against cosines computed here. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis/stem_vectors.h"
#include "searcher/soft_match.h"
#include "util/buf.h"

#define DIMS 3

#define assert_near(a, b) do { \
		double a_ = (a), b_ = (b); \
		if (!(fabs(a_ - b_) <= 1e-6)) \
			fail_msg("%s = %.9g, wanted %.9g", #a, a_, b_); \
	} while (0)

typedef struct entry {
	const char *name;
	int8_t vec[DIMS];
} entry;

/* Sorted bytewise, as the format wants.  The prefixed term and the
 * stopwords point the same way as "attack", so counting them would show. */
static const entry table[] = {
	{ "XPkyiv", { 100, 0, 0 } },
	{ "assault", { 80, 60, 0 } },    /* cos to attack 0.8: near */
	{ "attack", { 100, 0, 0 } },
	{ "banana", { 0, 0, 100 } },     /* orthogonal to attack */
	{ "fruit", { 0, 60, 80 } },      /* cos to banana 0.8, to assault 0.36 */
	{ "of", { 100, 0, 0 } },
	{ "peace", { -100, 0, 0 } },     /* opposite of attack */
	{ "the", { 100, 0, 0 } },
	{ "weather", { 50, 120, 0 } },   /* cos to attack 5/13: far */
};
#define N_TABLE (sizeof table / sizeof *table)

static qy_stem_vectors *vectors;

static void put32(qy_buf *b, uint32_t x)
{
	unsigned char c[4] = { (unsigned char)x, (unsigned char)(x >> 8),
			       (unsigned char)(x >> 16), (unsigned char)(x >> 24) };
	qy_buf_append(b, c, 4);
}

/* The format of tools/build_stem_vectors.py. */
static void write_table(qy_buf *b)
{
	uint32_t off = 0;

	qy_buf_append(b, "QYSTEMV1", 8);
	put32(b, N_TABLE);
	put32(b, DIMS);
	put32(b, 0);
	for (size_t i = 0; i < N_TABLE; i++) {
		off += (uint32_t)strlen(table[i].name);
		put32(b, off);
	}
	for (size_t i = 0; i < N_TABLE; i++)
		qy_buf_puts(b, table[i].name);
	for (size_t i = 0; i < N_TABLE; i++)
		qy_buf_append(b, table[i].vec, DIMS);
}

static int setup(void **state)
{
	(void)state;
	qy_buf b = QY_BUF_INIT;
	qy_err err = QY_ERR_INIT;
	write_table(&b);
	size_t len = b.len;
	char *data = qy_buf_detach(&b);
	if (qy_stem_vectors_parse(&vectors, data, len, "soft test table", &err) != QUARRY_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	qy_stem_vectors_free(vectors);
	return 0;
}

static const int8_t *vec_of(const char *name)
{
	for (size_t i = 0; i < N_TABLE; i++)
		if (strcmp(table[i].name, name) == 0)
			return table[i].vec;
	fail_msg("no vector for '%s' in the test table", name);
	return NULL;
}

/* w x the unit vector of name, added to sum: the test's own arithmetic. */
static void add_unit(double *sum, const char *name, double w)
{
	const int8_t *x = vec_of(name);
	double n = 0;
	for (int d = 0; d < DIMS; d++)
		n += (double)x[d] * x[d];
	for (int d = 0; d < DIMS; d++)
		sum[d] += w * x[d] / sqrt(n);
}

static double dcos(const double *a, const double *b)
{
	double ab = 0, aa = 0, bb = 0;
	for (int d = 0; d < DIMS; d++) {
		ab += a[d] * b[d];
		aa += a[d] * a[d];
		bb += b[d] * b[d];
	}
	return ab / sqrt(aa * bb);
}

static double tcos(const char *a, const char *b)
{
	double x[DIMS] = { 0 }, y[DIMS] = { 0 };
	add_unit(x, a, 1);
	add_unit(y, b, 1);
	return dcos(x, y);
}

static void query(qy_soft_query *q, char *const *stems, const double *idf, size_t n)
{
	if (!qy_soft_query_init(q, vectors, stems, idf, n))
		fail_msg("query of %zu stems from '%s' does not count", n, stems[0]);
}

static void feed(qy_soft_passage *p, const qy_soft_query *q, const char *term, uint32_t wdf)
{
	qy_soft_passage_term(p, q, term, strlen(term), wdf);
}

static void test_nothing_counts(void **state)
{
	(void)state;
	char *stems[] = { "the", "of", "attack" };
	double idf[] = { 2.0, 3.0, 0.0 };
	qy_soft_query q;

	assert_int_equal(qy_soft_query_init(&q, NULL, stems, idf, 3), 0);
	assert_int_equal(qy_soft_query_init(&q, vectors, stems, idf, 2), 0);
	/* "attack" with idf 0 counts no more than the stopwords. */
	assert_int_equal(qy_soft_query_init(&q, vectors, stems, idf, 3), 0);
	assert_int_equal(qy_soft_query_init(&q, vectors, stems, idf, 0), 0);
	idf[2] = 1.0;
	assert_int_equal(qy_soft_query_init(&q, vectors, stems, idf, 3), 1);
	assert_int_equal(q.n, 3);
	qy_soft_query_free(&q);
}

/* Exact matches: coverage counts those in the text, soft those anywhere. */
static void test_coverage(void **state)
{
	(void)state;
	char *stems[] = { "attack", "banana" };
	double idf[] = { 2.0, 1.0 };
	qy_soft_query q;
	qy_soft_passage p;
	query(&q, stems, idf, 2);
	qy_soft_passage_init(&p, &q);
	feed(&p, &q, "attack", 1);

	unsigned char m10[] = { 1, 0 }, m00[] = { 0, 0 }, m11[] = { 1, 1 };
	qy_soft_features f = qy_soft_score(&q, &p, m10, m10);
	assert_near(f.coverage, 2.0 / 3);
	assert_near(f.soft, 2.0 / 3);   /* banana is orthogonal to attack */
	assert_near(f.close, 0);

	f = qy_soft_score(&q, &p, m10, m00);   /* attack in the title only */
	assert_near(f.coverage, 0);
	assert_near(f.soft, 2.0 / 3);

	f = qy_soft_score(&q, &p, m11, m11);
	assert_near(f.coverage, 1);
	assert_near(f.soft, 1);
	assert_near(f.close, 0);
	qy_soft_passage_free(&p);
	qy_soft_query_free(&q);
}

static void test_near_and_far(void **state)
{
	(void)state;
	char *stems[] = { "attack", "fruit" };
	double idf[] = { 3.0, 1.0 };
	unsigned char none[] = { 0, 0 }, first[] = { 1, 0 };
	qy_soft_query q;
	qy_soft_passage p;

	/* Near: assault is 0.8 from attack; fruit's best (0.36) is not close. */
	query(&q, stems, idf, 2);
	qy_soft_passage_init(&p, &q);
	feed(&p, &q, "assault", 1);
	double ca = tcos("attack", "assault"), cf = tcos("fruit", "assault");
	assert_true(ca > 0.5 && cf > 0 && cf < 0.5);
	qy_soft_features f = qy_soft_score(&q, &p, none, none);
	assert_near(f.coverage, 0);
	assert_near(f.soft, (3 * ca + 1 * cf) / 4);
	assert_near(f.close, 3 * (ca - 0.5) / 4);
	/* A matched stem is worth its whole idf, and is never "close". */
	f = qy_soft_score(&q, &p, first, none);
	assert_near(f.soft, (3 + 1 * cf) / 4);
	assert_near(f.close, 0);

	/* Far: weather is 5/13 from attack, so soft only (attack alone). */
	qy_soft_passage_free(&p);
	qy_soft_query_free(&q);
	query(&q, stems, idf, 1);
	qy_soft_passage_init(&p, &q);
	feed(&p, &q, "weather", 2);
	double cw = tcos("attack", "weather");
	assert_true(cw > 0 && cw < 0.5);
	f = qy_soft_score(&q, &p, none, none);
	assert_near(f.soft, 3 * cw / 3);
	assert_near(f.close, 0);
	assert_near(f.coverage, 0);
	qy_soft_passage_free(&p);
	qy_soft_query_free(&q);

	/* Of several passage words, each stem takes its best. */
	query(&q, stems, idf, 2);
	qy_soft_passage_init(&p, &q);
	feed(&p, &q, "weather", 2);
	feed(&p, &q, "assault", 1);
	feed(&p, &q, "banana", 1);
	f = qy_soft_score(&q, &p, none, none);
	assert_near(f.soft, (3 * ca + 1 * tcos("fruit", "banana")) / 4);
	assert_near(f.close, (3 * (ca - 0.5) + 1 * (tcos("fruit", "banana") - 0.5)) / 4);

	/* Opposite words do not take credit away. */
	qy_soft_passage_reset(&p, &q);
	feed(&p, &q, "peace", 1);
	f = qy_soft_score(&q, &p, none, none);
	assert_near(f.soft, 1 * fmax(0, tcos("fruit", "peace")) / 4);
	assert_true(f.soft >= 0);
	qy_soft_passage_free(&p);
	qy_soft_query_free(&q);
}

/* Prefixed terms, stopwords and unknown stems in the passage are not words
 * of it; stopwords in the query have no weight. */
static void test_ignored_terms(void **state)
{
	(void)state;
	char *stems[] = { "attack", "the" };
	double idf[] = { 1.0, 5.0 };
	unsigned char none[] = { 0, 0 }, first[] = { 1, 0 };
	qy_soft_query q;
	qy_soft_passage p;

	query(&q, stems, idf, 2);
	qy_soft_passage_init(&p, &q);
	feed(&p, &q, "XPkyiv", 5);
	feed(&p, &q, "the", 5);
	feed(&p, &q, "of", 2);
	feed(&p, &q, "zzz", 2);
	qy_soft_passage_term(&p, &q, "attack", 0, 1);
	qy_soft_features f = qy_soft_score(&q, &p, none, none);
	assert_near(f.soft, 0);
	assert_near(f.close, 0);
	assert_near(f.centroid, 0);

	f = qy_soft_score(&q, &p, first, first);
	assert_near(f.coverage, 1);   /* not 1/6: "the" weighs nothing */
	assert_near(f.soft, 1);
	qy_soft_passage_free(&p);
	qy_soft_query_free(&q);
}

static void test_centroid(void **state)
{
	(void)state;
	char *stems[] = { "attack", "banana" };
	double idf[] = { 1.0, 1.0 };
	qy_soft_query q;
	qy_soft_passage p;
	unsigned char none[] = { 0, 0 };

	query(&q, stems, idf, 1);
	qy_soft_passage_init(&p, &q);
	feed(&p, &q, "attack", 3);
	assert_near(qy_soft_score(&q, &p, none, none).centroid, 1);
	qy_soft_passage_reset(&p, &q);
	feed(&p, &q, "assault", 1);
	assert_near(qy_soft_score(&q, &p, none, none).centroid, tcos("attack", "assault"));
	qy_soft_passage_reset(&p, &q);
	feed(&p, &q, "banana", 1);
	assert_near(qy_soft_score(&q, &p, none, none).centroid, 0);
	qy_soft_passage_free(&p);
	qy_soft_query_free(&q);

	/* Query weighted by idf, passage by wdf. */
	double qc[DIMS] = { 0 }, pc[DIMS] = { 0 };
	idf[1] = 2.0;
	add_unit(qc, "attack", 1.0);
	add_unit(qc, "banana", 2.0);
	add_unit(pc, "attack", 3);
	add_unit(pc, "fruit", 1);
	query(&q, stems, idf, 2);
	qy_soft_passage_init(&p, &q);
	feed(&p, &q, "attack", 3);
	feed(&p, &q, "fruit", 1);
	assert_near(qy_soft_score(&q, &p, none, none).centroid, dcos(qc, pc));
	qy_soft_passage_free(&p);
	qy_soft_query_free(&q);
}

/* A fresh passage after reset keeps nothing of the last one. */
static void test_reset(void **state)
{
	(void)state;
	char *stems[] = { "attack" };
	double idf[] = { 1.0 };
	unsigned char none[] = { 0 };
	qy_soft_query q;
	qy_soft_passage p;

	query(&q, stems, idf, 1);
	qy_soft_passage_init(&p, &q);
	feed(&p, &q, "assault", 4);
	assert_true(qy_soft_score(&q, &p, none, none).soft > 0.5);
	qy_soft_passage_reset(&p, &q);
	feed(&p, &q, "banana", 1);
	qy_soft_features f = qy_soft_score(&q, &p, none, none);
	assert_near(f.soft, 0);
	assert_near(f.centroid, 0);
	qy_soft_passage_free(&p);
	qy_soft_query_free(&q);
}

/* Long questions keep their first QY_SOFT_MAX_STEMS stems. */
static void test_many_stems(void **state)
{
	(void)state;
	enum { N = QY_SOFT_MAX_STEMS + 8 };
	char *stems[N];
	double idf[N];
	unsigned char matched[N], none[N];
	qy_soft_query q;
	qy_soft_passage p;

	for (size_t i = 0; i < N; i++) {
		stems[i] = i % 2 ? "banana" : "attack";
		idf[i] = 1.0;
		matched[i] = i % 2 == 0;
		none[i] = 0;
	}
	query(&q, stems, idf, N);
	assert_int_equal(q.n, QY_SOFT_MAX_STEMS);
	qy_soft_passage_init(&p, &q);
	feed(&p, &q, "attack", 1);
	qy_soft_features f = qy_soft_score(&q, &p, matched, none);
	assert_near(f.soft, 0.5);
	f = qy_soft_score(&q, &p, none, none);
	assert_near(f.soft, 0.5);   /* attack by its cosine of 1, banana 0 */
	assert_near(f.close, 0.5 * 0.5);
	qy_soft_passage_free(&p);
	qy_soft_query_free(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_counts),
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_near_and_far),
		cmocka_unit_test(test_ignored_terms),
		cmocka_unit_test(test_centroid),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_many_stems),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
