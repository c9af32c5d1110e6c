/* test_stem_vectors.c - the stem vector table: lookups, cosines, hostile files, and the real data/stem_vectors.bin. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "analysis/stem_vectors.h"
#include "analysis/stemmer.h"
#include "util/buf.h"
#include "util/bytes.h"
#include "util/file.h"

#define NAME "test table"
#define OFFSETS_AT 16   /* magic, count, dims */

/* cmocka's assert_float_equal rounds to float. */
#define assert_near(a, b, eps) do { \
		double a_ = (a), b_ = (b); \
		if (!(fabs(a_ - b_) <= (eps))) \
			fail_msg("%s = %.9g, wanted %.9g", #a, a_, b_); \
	} while (0)

static void put32(qy_buf *b, uint32_t x)
{
	unsigned char c[4] = { (unsigned char)x, (unsigned char)(x >> 8),
			       (unsigned char)(x >> 16), (unsigned char)(x >> 24) };
	qy_buf_append(b, c, 4);
}

static void set32(qy_buf *b, size_t at, uint32_t x)
{
	assert_true(at + 4 <= b->len);
	for (int k = 0; k < 4; k++)
		b->data[at + k] = (char)(unsigned char)(x >> (8 * k));
}

/* The file format of tools/build_stem_vectors.py, names written in the
 * order given (so tests can also write bad orders). */
static void write_table(qy_buf *b, size_t n, const char *const *names, uint32_t dims,
			const int8_t *vecs)
{
	uint32_t off = 0;

	qy_buf_append(b, "QYSTEMV1", 8);
	put32(b, (uint32_t)n);
	put32(b, dims);
	put32(b, 0);
	for (size_t i = 0; i < n; i++) {
		off += (uint32_t)strlen(names[i]);
		put32(b, off);
	}
	for (size_t i = 0; i < n; i++)
		qy_buf_puts(b, names[i]);
	qy_buf_append(b, vecs, n * dims);
}

/* Parses a copy of exactly len bytes, so ASan sees any read past the end. */
static int parse_bytes(const void *p, size_t len, qy_stem_vectors **out, qy_err *err)
{
	char *copy = qy_malloc(len);
	if (len)
		memcpy(copy, p, len);
	qy_err_clear(err);
	return qy_stem_vectors_parse(out, copy, len, NAME, err);
}

static void expect_corrupt(const void *p, size_t len, const char *what)
{
	qy_stem_vectors *v = (qy_stem_vectors *)&v;   /* must be reset to NULL */
	qy_err err = QY_ERR_INIT;

	int rc = parse_bytes(p, len, &v, &err);
	if (rc != QUARRY_ECORRUPT)
		fail_msg("%s: status %d, wanted QUARRY_ECORRUPT", what, rc);
	assert_null(v);
	assert_int_equal(err.status, QUARRY_ECORRUPT);
	if (!strstr(err.msg, NAME))
		fail_msg("%s: message '%s' does not name the table", what, err.msg);
}

static qy_stem_vectors *parse_ok(const qy_buf *b)
{
	qy_stem_vectors *v = NULL;
	qy_err err = QY_ERR_INIT;

	if (parse_bytes(b->data, b->len, &v, &err) != QUARRY_OK)
		fail_msg("valid table rejected: %s", err.msg);
	assert_non_null(v);
	return v;
}

/* Three stems, 2 dimensions: a, ab, b. */
static const char *const abc_names[] = { "a", "ab", "b" };
static const int8_t abc_vecs[] = { 3, 4, 4, -3, -3, -4 };

static void abc_table(qy_buf *b)
{
	write_table(b, 3, abc_names, 2, abc_vecs);
}

static int32_t find(const qy_stem_vectors *v, const char *s)
{
	return qy_stem_vectors_find(v, s, strlen(s));
}

static void test_find(void **state)
{
	(void)state;
	qy_buf b = QY_BUF_INIT;
	abc_table(&b);
	qy_stem_vectors *v = parse_ok(&b);

	assert_int_equal(qy_stem_vectors_count(v), 3);
	assert_int_equal(qy_stem_vectors_dims(v), 2);
	for (int32_t i = 0; i < 3; i++)
		assert_int_equal(find(v, abc_names[i]), i);
	const char *absent[] = { "", "aa", "abc", "c", "A", "\xff", "ba" };
	for (size_t i = 0; i < sizeof absent / sizeof *absent; i++)
		if (find(v, absent[i]) != -1)
			fail_msg("'%s' found", absent[i]);
	/* Only len bytes of the key count. */
	assert_int_equal(qy_stem_vectors_find(v, "abz", 2), 1);
	assert_int_equal(qy_stem_vectors_find(v, "bcd", 1), 2);
	assert_int_equal(qy_stem_vectors_find(v, "ab", 0), -1);
	qy_stem_vectors_free(v);
	qy_buf_free(&b);
}

/* Bytewise order means unsigned bytes: UTF-8 sorts after ASCII. */
static void test_find_utf8(void **state)
{
	(void)state;
	const char *names[] = { "Zeta", "caf", "caf\xc3\xa9", "z", "\xc3\xa9t\xc3\xa9" };
	int8_t vecs[5] = { 1, 2, 3, 4, 5 };
	qy_buf b = QY_BUF_INIT;
	write_table(&b, 5, names, 1, vecs);
	qy_stem_vectors *v = parse_ok(&b);

	for (int32_t i = 0; i < 5; i++)
		assert_int_equal(find(v, names[i]), i);
	assert_int_equal(find(v, "caf\xc3"), -1);
	qy_stem_vectors_free(v);
	qy_buf_free(&b);

	/* The same names in signed-char order are not sorted. */
	const char *signed_order[] = { "\xc3\xa9t\xc3\xa9", "Zeta", "caf", "z" };
	write_table(&b, 4, signed_order, 1, vecs);
	expect_corrupt(b.data, b.len, "signed order");
	qy_buf_free(&b);
}

static void test_cos(void **state)
{
	(void)state;
	const char *names[] = { "a", "b", "c", "d", "e", "f" };
	/* a=(3,4); b=(4,-3) orthogonal; c=-a; d=2a; e=(1,0) so cos(a,e)=0.6;
	 * f=(0,0) has no direction. */
	const int8_t vecs[] = { 3, 4, 4, -3, -3, -4, 6, 8, 1, 0, 0, 0 };
	qy_buf b = QY_BUF_INIT;
	write_table(&b, 6, names, 2, vecs);
	qy_stem_vectors *v = parse_ok(&b);

	for (int32_t i = 0; i < 5; i++)
		assert_near(qy_stem_vectors_cos(v, i, i), 1.0, 1e-6);
	assert_near(qy_stem_vectors_cos(v, 0, 1), 0.0, 1e-6);
	assert_near(qy_stem_vectors_cos(v, 0, 2), -1.0, 1e-6);
	assert_near(qy_stem_vectors_cos(v, 0, 3), 1.0, 1e-6);
	assert_near(qy_stem_vectors_cos(v, 0, 4), 0.6, 1e-6);
	assert_near(qy_stem_vectors_cos(v, 4, 0), 0.6, 1e-6);
	assert_near(qy_stem_vectors_cos(v, 1, 4), 0.8, 1e-6);
	/* A zero vector is like nothing, not a NaN that would poison a sum. */
	assert_true(isfinite(qy_stem_vectors_cos(v, 5, 0)));
	assert_true(isfinite(qy_stem_vectors_cos(v, 5, 5)));
	qy_stem_vectors_free(v);
	qy_buf_free(&b);
}

/* sum += w x unit vector: (3,4) is (0.6,0.8) whatever its scale. */
static void test_add(void **state)
{
	(void)state;
	qy_buf b = QY_BUF_INIT;
	abc_table(&b);
	qy_stem_vectors *v = parse_ok(&b);
	double sum[2] = { 1.0, -1.0 };

	qy_stem_vectors_add(v, 0, 2.0, sum);
	assert_near(sum[0], 1.0 + 2 * 0.6, 1e-6);
	assert_near(sum[1], -1.0 + 2 * 0.8, 1e-6);
	qy_stem_vectors_add(v, 1, 0.5, sum);           /* (4,-3)/5 */
	assert_near(sum[0], 2.2 + 0.5 * 0.8, 1e-6);
	assert_near(sum[1], 0.6 - 0.5 * 0.6, 1e-6);
	qy_stem_vectors_add(v, 2, 0.0, sum);           /* weight 0: no change */
	assert_near(sum[0], 2.6, 1e-6);
	assert_near(sum[1], 0.3, 1e-6);
	qy_stem_vectors_free(v);
	qy_buf_free(&b);
}

static void test_empty_table(void **state)
{
	(void)state;
	qy_buf b = QY_BUF_INIT;
	const int8_t none[1] = { 0 };
	write_table(&b, 0, NULL, 100, none);
	qy_stem_vectors *v = parse_ok(&b);

	assert_int_equal(qy_stem_vectors_count(v), 0);
	assert_int_equal(find(v, "a"), -1);
	assert_int_equal(find(v, ""), -1);
	qy_stem_vectors_free(v);
	qy_buf_free(&b);
}

static void test_bad_header(void **state)
{
	(void)state;
	qy_buf b = QY_BUF_INIT;
	abc_table(&b);

	expect_corrupt("", 0, "zero-length file");
	expect_corrupt("Q", 1, "1-byte file");
	expect_corrupt(b.data, 8, "magic only");
	expect_corrupt(b.data, 12, "truncated header");
	expect_corrupt(b.data, 15, "header less a byte");
	b.data[7] = '2';
	expect_corrupt(b.data, b.len, "bad magic");
	b.data[7] = '1';
	b.data[0] = 'q';
	expect_corrupt(b.data, b.len, "lower-case magic");
	qy_buf_free(&b);
}

/* A valid table whose u32 at `at` is then x. */
static void expect_corrupt_patched(size_t at, uint32_t x, const char *what)
{
	qy_buf b = QY_BUF_INIT;
	abc_table(&b);
	set32(&b, at, x);
	expect_corrupt(b.data, b.len, what);
	qy_buf_free(&b);
}

static void test_bad_counts(void **state)
{
	(void)state;
	expect_corrupt_patched(8, 0xFFFFFFFFu, "count 0xFFFFFFFF");
	expect_corrupt_patched(8, 0x80000000u, "count 2^31");
	expect_corrupt_patched(8, 1u << 24, "count 2^24 in a tiny file");
	expect_corrupt_patched(8, 4, "count one too many");
	expect_corrupt_patched(8, 2, "count one too few");
	expect_corrupt_patched(12, 0, "dims 0");
	expect_corrupt_patched(12, 0xFFFFFFFFu, "dims 0xFFFFFFFF");
	expect_corrupt_patched(12, 1u << 16, "dims 65536");
	expect_corrupt_patched(12, 1, "dims too few");
	expect_corrupt_patched(12, 3, "dims too many");
}

/* offsets of abc: 0 1 3 4 at OFFSETS_AT + 4 i; the names are 4 bytes. */
static void test_bad_offsets(void **state)
{
	(void)state;
	expect_corrupt_patched(OFFSETS_AT, 1, "first offset not 0");
	expect_corrupt_patched(OFFSETS_AT + 4, 3, "offsets not increasing (a empty ab)");
	expect_corrupt_patched(OFFSETS_AT + 4, 0, "empty name");
	expect_corrupt_patched(OFFSETS_AT + 8, 1, "repeated offset");
	expect_corrupt_patched(OFFSETS_AT + 8, 0xFFFFFFFFu, "offset far beyond names");
	expect_corrupt_patched(OFFSETS_AT + 8, 5, "offset just beyond names");
	expect_corrupt_patched(OFFSETS_AT + 12, 3, "last offset short of names length");
	expect_corrupt_patched(OFFSETS_AT + 12, 5, "last offset beyond names length");
	expect_corrupt_patched(OFFSETS_AT + 12, 0xFFFFFFFFu, "last offset huge");
}

static void test_bad_names(void **state)
{
	(void)state;
	const int8_t vecs[] = { 1, 2, 3, 4, 5, 6 };
	const char *unsorted[] = { "b", "a", "c" };
	const char *dup[] = { "a", "b", "b" };
	const char *prefix_after[] = { "ab", "a", "b" };
	qy_buf b = QY_BUF_INIT;

	write_table(&b, 3, unsorted, 2, vecs);
	expect_corrupt(b.data, b.len, "names unsorted");
	qy_buf_free(&b);
	write_table(&b, 3, dup, 2, vecs);
	expect_corrupt(b.data, b.len, "duplicate names");
	qy_buf_free(&b);
	write_table(&b, 3, prefix_after, 2, vecs);
	expect_corrupt(b.data, b.len, "longer name before its prefix");
	qy_buf_free(&b);
}

/* Every proper prefix of a valid file is rejected (the last offset can no
 * longer match the names' length), and so is one extra byte. */
static void test_truncations(void **state)
{
	(void)state;
	qy_buf b = QY_BUF_INIT;
	char what[64];
	abc_table(&b);

	for (size_t len = 0; len < b.len; len++) {
		snprintf(what, sizeof what, "truncated to %zu of %zu bytes", len, b.len);
		expect_corrupt(b.data, len, what);
	}
	qy_buf_putc(&b, 0);
	expect_corrupt(b.data, b.len, "one byte too many");
	qy_buf_free(&b);
}

static void make_tmpdir(char *dir)
{
	strcpy(dir, "/tmp/qy_test_sv.XXXXXX");
	assert_non_null(mkdtemp(dir));
}

static void test_load_missing(void **state)
{
	(void)state;
	char dir[64];
	qy_stem_vectors *v = (qy_stem_vectors *)&v;
	qy_err err = QY_ERR_INIT;
	make_tmpdir(dir);

	assert_int_equal(qy_stem_vectors_load(&v, dir, &err), QUARRY_ENOTFOUND);
	assert_null(v);
	assert_int_equal(err.status, QUARRY_ENOTFOUND);
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, QY_STEM_VECTORS_FILE);
	if (!strstr(err.msg, path))
		fail_msg("message '%s' does not name %s", err.msg, path);
	assert_int_equal(rmdir(dir), 0);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* A file that loads, then the same file damaged: ECORRUPT naming it. */
static void test_load_file(void **state)
{
	(void)state;
	char dir[64], path[128];
	qy_buf b = QY_BUF_INIT;
	qy_stem_vectors *v = NULL;
	qy_err err = QY_ERR_INIT;
	make_tmpdir(dir);
	snprintf(path, sizeof path, "%s/%s", dir, QY_STEM_VECTORS_FILE);
	abc_table(&b);

	write_file(path, b.data, b.len);
	if (qy_stem_vectors_load(&v, dir, &err) != QUARRY_OK)
		fail_msg("load: %s", err.msg);
	assert_int_equal(qy_stem_vectors_count(v), 3);
	assert_int_equal(find(v, "ab"), 1);
	assert_near(qy_stem_vectors_cos(v, 0, 2), -1.0, 1e-6);
	qy_stem_vectors_free(v);

	write_file(path, b.data, b.len - 1);
	assert_int_equal(qy_stem_vectors_load(&v, dir, &err), QUARRY_ECORRUPT);
	assert_null(v);
	if (!strstr(err.msg, path))
		fail_msg("message '%s' does not name %s", err.msg, path);
	qy_buf_free(&b);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static int32_t find_word(const qy_stem_vectors *v, qy_stemmer *st, const char *word)
{
	size_t n;
	const char *s = qy_stem(st, word, strlen(word), &n);
	return qy_stem_vectors_find(v, s, n);
}

/* The shipped table: its header read here independently, every name found
 * at its own index, and a few facts any sane word vectors have. */
static void test_real_table(void **state)
{
	(void)state;
	qy_stem_vectors *v = NULL;
	qy_err err = QY_ERR_INIT;
	char *raw = NULL;
	size_t raw_len = 0;

	if (qy_stem_vectors_load(&v, SOURCE_DIR "/data", &err) != QUARRY_OK)
		fail_msg("load: %s", err.msg);
	assert_int_equal(qy_read_file(SOURCE_DIR "/data/" QY_STEM_VECTORS_FILE, &raw, &raw_len,
				      &err), QUARRY_OK);
	const unsigned char *u = (const unsigned char *)raw;
	uint32_t count = qy_le32(u + 8), dims = qy_le32(u + 12);
	assert_int_equal(qy_stem_vectors_count(v), count);
	assert_int_equal(qy_stem_vectors_dims(v), dims);
	assert_true(count > 50000);
	assert_int_equal(dims, 100);
	size_t names_at = OFFSETS_AT + 4 * ((size_t)count + 1);
	assert_int_equal(raw_len, names_at + qy_le32(u + OFFSETS_AT + 4 * (size_t)count) +
				  (size_t)count * dims);
	for (uint32_t i = 0; i < count; i++) {
		uint32_t a = qy_le32(u + OFFSETS_AT + 4 * i), z = qy_le32(u + OFFSETS_AT + 4 * (i + 1));
		if (qy_stem_vectors_find(v, raw + names_at + a, z - a) != (int32_t)i)
			fail_msg("name %u '%.*s' not found at its index", i, (int)(z - a),
				 raw + names_at + a);
	}

	qy_stemmer *st = qy_stemmer_new();
	assert_non_null(st);
	int32_t univ = find_word(v, st, "university");
	int32_t capture = find_word(v, st, "capture"), seize = find_word(v, st, "seize");
	int32_t banana = find_word(v, st, "banana");
	assert_true(univ >= 0);
	assert_true(capture >= 0 && seize >= 0 && banana >= 0);
	assert_true(qy_stem_vectors_cos(v, capture, seize) >
		    qy_stem_vectors_cos(v, capture, banana) + 0.2);
	assert_int_equal(find(v, "qzxqzxqzx"), -1);
	assert_int_equal(find(v, ""), -1);
	for (int32_t i = 0; i < (int32_t)count; i += 997)
		assert_near(qy_stem_vectors_cos(v, i, i), 1.0, 1e-5);
	assert_near(qy_stem_vectors_cos(v, capture, seize),
			   qy_stem_vectors_cos(v, seize, capture), 1e-12);
	/* Unit vectors: adding one with weight 1 to zeros gives length 1. */
	double sum[100] = { 0 }, len2 = 0;
	qy_stem_vectors_add(v, univ, 1.0, sum);
	for (int d = 0; d < 100; d++)
		len2 += sum[d] * sum[d];
	assert_near(len2, 1.0, 1e-5);

	qy_stemmer_free(st);
	free(raw);
	qy_stem_vectors_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_find_utf8),
		cmocka_unit_test(test_cos),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_empty_table),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_bad_counts),
		cmocka_unit_test(test_bad_offsets),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_load_missing),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_real_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
