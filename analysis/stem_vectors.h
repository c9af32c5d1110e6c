/*
 * stem_vectors.h - a word vector per English stem (data/stem_vectors.bin),
 * for soft matching: a question's "compensation" is near a passage's
 * "paying" even though the stems differ.
 *
 * The vectors are GloVe's (tools/build_stem_vectors.py has the source, the
 * choice of one word per stem and the file format), scaled to unit length
 * and stored as int8.  A table is mapped read-only and checked once (its
 * names and offsets); lookups are a binary search over the sorted stems.
 */
#ifndef QY_STEM_VECTORS_H
#define QY_STEM_VECTORS_H

#include <stddef.h>
#include <stdint.h>

#include "../util/error.h"

#define QY_STEM_VECTORS_FILE "stem_vectors.bin"

typedef struct qy_stem_vectors qy_stem_vectors;

/* Reads dir/stem_vectors.bin.  QUARRY_ENOTFOUND when it is missing,
 * QUARRY_ECORRUPT when it is not a table of this format (the message says
 * what is wrong), QUARRY_EIO when it cannot be read. */
int qy_stem_vectors_load(qy_stem_vectors **out, const char *dir, qy_err *err);

/* Checks and adopts a table already in memory (takes data, a heap buffer,
 * whether it succeeds or not); name is used in messages.  For tests and
 * fuzzing. */
int qy_stem_vectors_parse(qy_stem_vectors **out, char *data, size_t len, const char *name,
			  qy_err *err);

void qy_stem_vectors_free(qy_stem_vectors *v);

size_t qy_stem_vectors_count(const qy_stem_vectors *v);
size_t qy_stem_vectors_dims(const qy_stem_vectors *v);

/* The index of stem's vector, or -1 when the table has none. */
int32_t qy_stem_vectors_find(const qy_stem_vectors *v, const char *stem, size_t len);

/* The cosine of the vectors at indexes a and b (each of a valid find). */
double qy_stem_vectors_cos(const qy_stem_vectors *v, int32_t a, int32_t b);

/* The parts of the cosine, for callers that compare one vector with many:
 * the dot product of the stored int8 vectors, and a vector's length. */
int32_t qy_stem_vectors_dot(const qy_stem_vectors *v, int32_t a, int32_t b);
double qy_stem_vectors_norm(const qy_stem_vectors *v, int32_t i);

/* sum[0..dims) += w x the unit vector at index i. */
void qy_stem_vectors_add(const qy_stem_vectors *v, int32_t i, double w, double *sum);

/* sum[0..dims) += k x the stored int8 vector (k = w / its norm gives the
 * above, for a caller that has the norm already). */
void qy_stem_vectors_add_raw(const qy_stem_vectors *v, int32_t i, double k, double *sum);

#endif
