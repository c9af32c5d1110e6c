/* meaning.c - the query's vector against a passage's stored ones. */
#include "meaning.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>

#include "../analysis/sentence_encoder.h"

/* The cosine of a unit float vector with a stored int8 one. */
static double cosine(const float *q, const int8_t *v)
{
	double dot = 0, norm = 0;

	for (size_t i = 0; i < QY_ENCODER_DIMS; i++) {
		dot += q[i] * v[i];
		norm += (double)v[i] * v[i];
	}
	return norm > 0 ? dot / sqrt(norm) : 0;
}

size_t qy_meaning_words(const char *query)
{
	size_t n = 0;

	for (const char *p = query; *p; p++)
		if (!isspace((unsigned char)*p) && (p == query || isspace((unsigned char)p[-1])))
			n++;
	return n;
}

/* The value holds the passage's vector first, then its sentences' (none
 * when it is one sentence). */
double qy_meaning_nearness(const float *question, const char *value, size_t len)
{
	const int8_t *v = (const int8_t *)value;
	size_t blocks = len / QY_ENCODER_DIMS;

	if (blocks == 0 || len % QY_ENCODER_DIMS)
		return 0;
	double whole = cosine(question, v), best = whole;
	for (size_t i = 1; i < blocks; i++) {
		double c = cosine(question, v + i * QY_ENCODER_DIMS);
		best = i == 1 || c > best ? c : best;
	}
	return MEANING_PASSAGE_WEIGHT * whole + MEANING_SENTENCE_WEIGHT * best;
}
