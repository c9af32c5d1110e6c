/* stem_vectors.c - GloVe vectors keyed by Snowball English stem. */
#include "stem_vectors.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/bytes.h"

#define MAGIC "QYSTEMV1"
#define MAGIC_LEN 8
#define MAX_DIMS 1024           /* far above any real table: a guard on the arithmetic */
#define MAX_COUNT (1u << 24)

struct qy_stem_vectors {
	char *data;                     /* the whole table */
	size_t mapped;                  /* its length when mapped; 0: a heap buffer */
	uint32_t count, dims;
	const unsigned char *offsets;   /* count + 1 little-endian u32 */
	const char *names;
	const int8_t *vecs;
};

static uint32_t name_off(const qy_stem_vectors *v, uint32_t i)
{
	return qy_le32(v->offsets + 4 * (size_t)i);
}

static int cmp_name(const qy_stem_vectors *v, uint32_t i, const char *s, size_t len)
{
	uint32_t a = name_off(v, i), n = name_off(v, i + 1) - a;
	int r = memcmp(v->names + a, s, n < len ? n : len);

	return r ? r : (n < len ? -1 : n > len);
}

/* Offsets rise, stay inside the names, and the names are strictly sorted
 * (the binary search depends on it). */
static int check_names(const qy_stem_vectors *v, size_t names_len)
{
	if (name_off(v, 0) != 0 || name_off(v, v->count) != names_len)
		return 0;
	for (uint32_t i = 0; i < v->count; i++) {
		uint32_t a = name_off(v, i), b = name_off(v, i + 1);
		if (b <= a || b > names_len)
			return 0;
		if (i > 0 && cmp_name(v, i - 1, v->names + a, b - a) >= 0)
			return 0;
	}
	return 1;
}

/* About 127, but rounding to int8 moves it a little.  Computed when used:
 * for all vectors at load it would cost each process a few milliseconds. */
double qy_stem_vectors_norm(const qy_stem_vectors *v, int32_t i)
{
	const int8_t *x = v->vecs + (size_t)i * v->dims;
	int32_t s = 0;

	for (uint32_t d = 0; d < v->dims; d++)
		s += (int32_t)x[d] * x[d];
	return sqrt((double)s);
}

static void release(char *data, size_t mapped)
{
	if (mapped)
		munmap(data, mapped);
	else
		free(data);
}

/* Checks the table in data[0..len) and takes it (mapped: see the struct). */
static int adopt(qy_stem_vectors **out, char *data, size_t len, size_t mapped, const char *name,
		 qy_err *err)
{
	qy_stem_vectors *v = qy_calloc(1, sizeof *v);
	const unsigned char *p = (const unsigned char *)data;
	const char *why = NULL;

	*out = NULL;
	v->data = data;
	v->mapped = mapped;
	if (len < MAGIC_LEN + 8 || memcmp(data, MAGIC, MAGIC_LEN) != 0) {
		why = "not a stem vector table (bad magic)";
	} else {
		v->count = qy_le32(p + MAGIC_LEN);
		v->dims = qy_le32(p + MAGIC_LEN + 4);
		/* 64-bit sums: on a 32-bit size_t a crafted count x dims would wrap. */
		uint64_t head = MAGIC_LEN + 8 + 4 * ((uint64_t)v->count + 1);
		uint64_t vec_bytes = (uint64_t)v->count * v->dims;
		if (v->dims == 0 || v->dims > MAX_DIMS || v->count > MAX_COUNT)
			why = "implausible count or dimensions";
		else if ((uint64_t)len < head)
			why = "truncated";
		else {
			v->offsets = p + MAGIC_LEN + 8;
			/* The last offset is the names' length. */
			uint64_t names_len = name_off(v, v->count);
			if ((uint64_t)len < head + names_len + vec_bytes)
				why = "truncated";
			else if ((uint64_t)len > head + names_len + vec_bytes)
				why = "bytes after the last vector";
			else {
				v->names = data + head;
				v->vecs = (const int8_t *)(data + head + names_len);
				if (!check_names(v, (size_t)names_len))
					why = "names not sorted or offsets out of range";
			}
		}
	}
	if (why) {
		release(v->data, v->mapped);
		free(v);
		return qy_err_set(err, QUARRY_ECORRUPT, "%s: %s", name, why);
	}
	*out = v;
	return QUARRY_OK;
}

int qy_stem_vectors_parse(qy_stem_vectors **out, char *data, size_t len, const char *name,
			  qy_err *err)
{
	return adopt(out, data, len, 0, name, err);
}

/* Maps the file read-only: only the pages a query touches are read, where
 * reading all 7 MB cost each process that asks a question about 6 ms.
 * The table is installed data that is replaced, not rewritten in place. */
static int map_file(const char *path, char **out, size_t *len, qy_err *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return qy_err_set(err, errno == ENOENT ? QUARRY_ENOTFOUND : QUARRY_EIO,
				  "%s: %s", path, strerror(errno));
	int rc = QUARRY_OK;
	if (fstat(fd, &st) != 0)
		rc = qy_err_set(err, QUARRY_EIO, "%s: %s", path, strerror(errno));
	else if (!S_ISREG(st.st_mode) || st.st_size <= 0)
		rc = qy_err_set(err, QUARRY_ECORRUPT, "%s: not a stem vector table (empty or not a file)",
				path);
	if (rc == QUARRY_OK) {
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m == MAP_FAILED)
			rc = qy_err_set(err, QUARRY_EIO, "%s: %s", path, strerror(errno));
		else {
			*out = m;
			*len = (size_t)st.st_size;
		}
	}
	close(fd);
	return rc;
}

int qy_stem_vectors_load(qy_stem_vectors **out, const char *dir, qy_err *err)
{
	qy_buf path = QY_BUF_INIT;
	char *data = NULL;
	size_t len = 0;

	*out = NULL;
	qy_buf_printf(&path, "%s/%s", dir, QY_STEM_VECTORS_FILE);
	int rc = map_file(path.data, &data, &len, err);
	if (rc == QUARRY_OK)
		rc = adopt(out, data, len, len, path.data, err);
	qy_buf_free(&path);
	return rc;
}

void qy_stem_vectors_free(qy_stem_vectors *v)
{
	if (!v)
		return;
	release(v->data, v->mapped);
	free(v);
}

size_t qy_stem_vectors_count(const qy_stem_vectors *v)
{
	return v->count;
}

size_t qy_stem_vectors_dims(const qy_stem_vectors *v)
{
	return v->dims;
}

int32_t qy_stem_vectors_find(const qy_stem_vectors *v, const char *stem, size_t len)
{
	uint32_t lo = 0, hi = v->count;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int r = cmp_name(v, mid, stem, len);
		if (r == 0)
			return (int32_t)mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int32_t qy_stem_vectors_dot(const qy_stem_vectors *v, int32_t a, int32_t b)
{
	const int8_t *x = v->vecs + (size_t)a * v->dims, *y = v->vecs + (size_t)b * v->dims;
	int32_t dot = 0;

	for (uint32_t d = 0; d < v->dims; d++)
		dot += (int32_t)x[d] * y[d];
	return dot;
}

double qy_stem_vectors_cos(const qy_stem_vectors *v, int32_t a, int32_t b)
{
	double n = qy_stem_vectors_norm(v, a) * qy_stem_vectors_norm(v, b);
	return n > 0 ? qy_stem_vectors_dot(v, a, b) / n : 0;
}

void qy_stem_vectors_add_raw(const qy_stem_vectors *v, int32_t i, double k, double *sum)
{
	const int8_t *x = v->vecs + (size_t)i * v->dims;

	for (uint32_t d = 0; d < v->dims; d++)
		sum[d] += k * x[d];
}

void qy_stem_vectors_add(const qy_stem_vectors *v, int32_t i, double w, double *sum)
{
	double n = qy_stem_vectors_norm(v, i);

	qy_stem_vectors_add_raw(v, i, n > 0 ? w / n : 0, sum);
}
