/* fuzz_stem_vectors.c - libFuzzer target: stem vector tables from any bytes, and lookups in those that pass the checks. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/stem_vectors.h"
#include "util/buf.h"

/* A table that parsed must answer like one: every probe found is at an
 * index in range, the same on a second lookup, and cosines of its vectors
 * are finite and within [-1, 1] (up to float rounding). */
static void check_find(const qy_stem_vectors *v, const char *s, size_t len)
{
	int32_t i = qy_stem_vectors_find(v, s, len);
	if (i < -1 || i >= (int32_t)qy_stem_vectors_count(v))
		abort();
	if (i >= 0 && qy_stem_vectors_find(v, s, len) != i)
		abort();
}

static void check_vector(const qy_stem_vectors *v, int32_t i, double *sum)
{
	double c = qy_stem_vectors_cos(v, i, i);
	if (!isfinite(c) || c > 1.0001 || c < -1.0001)
		abort();
	c = qy_stem_vectors_cos(v, 0, i);
	if (!isfinite(c) || c > 1.0001 || c < -1.0001)
		abort();
	qy_stem_vectors_add(v, i, 0.5, sum);
	for (size_t d = 0; d < qy_stem_vectors_dims(v); d++)
		if (!isfinite(sum[d]) || fabs(sum[d]) > 1.0001)
			abort();
}

static void check_table(const qy_stem_vectors *v, const uint8_t *data, size_t size)
{
	static const char *const probes[] = { "", "a", "univers", "captur", "\xff\xff", "zzzz" };
	size_t count = qy_stem_vectors_count(v), dims = qy_stem_vectors_dims(v);

	if (dims == 0)
		abort();
	for (size_t k = 0; k < sizeof probes / sizeof *probes; k++)
		check_find(v, probes[k], strlen(probes[k]));
	/* Substrings of the input hit real names more often than fixed probes. */
	for (size_t k = 0; k + 1 < size && k < 64; k += 7)
		check_find(v, (const char *)data + k, size - k < 9 ? size - k : 1 + k % 9);
	if (count == 0)
		return;
	double *sum = qy_calloc(dims, sizeof *sum);
	check_vector(v, 0, sum);
	check_vector(v, (int32_t)(count - 1), sum);
	free(sum);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	qy_stem_vectors *v = NULL;
	qy_err err = QY_ERR_INIT;
	char *copy = qy_malloc(size);   /* parse takes ownership */

	if (size)
		memcpy(copy, data, size);
	int rc = qy_stem_vectors_parse(&v, copy, size, "fuzz", &err);
	if (rc != QUARRY_OK) {
		if (rc != QUARRY_ECORRUPT || v || !err.msg[0])
			abort();
		return 0;
	}
	if (!v)
		abort();
	check_table(v, data, size);
	qy_stem_vectors_free(v);
	return 0;
}
