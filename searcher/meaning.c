/* meaning.c - the question's vector against the passages' stored ones. */
#include "meaning.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "../analysis/sentence_encoder.h"
#include "../schema/schema.h"
#include "../util/buf.h"

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

/* The bonus's factor for one passage's value: the passage's vector first,
 * then its sentences' (none when it is one sentence). */
static double nearness(const float *q, const int8_t *v, size_t blocks)
{
	double whole = cosine(q, v), best = whole;

	for (size_t i = 1; i < blocks; i++) {
		double c = cosine(q, v + i * QY_ENCODER_DIMS);
		best = i == 1 || c > best ? c : best;
	}
	return MEANING_PASSAGE_WEIGHT * whole + MEANING_SENTENCE_WEIGHT * best;
}

static int stored(const xc_db *db, xc_docid did, char **v, size_t *len, xc_error *xe)
{
	xc_doc *doc = NULL;
	int rc = xc_db_get_document(db, did, &doc, xe);

	if (rc == XC_OK)
		rc = xc_doc_get_value(doc, QY_SLOT_MEANING, v, len, xe);
	xc_doc_free(doc);
	return rc;
}

int qy_meaning_rerank(const xc_db *db, const float *question, qy_ranked *it, size_t pool,
		      xc_error *xe)
{
	double best = 0;
	int rc = XC_OK;

	for (size_t d = 0; d < pool; d++)
		if (it[d].score > best)
			best = it[d].score;
	double *add = qy_calloc(pool ? pool : 1, sizeof *add);
	for (size_t d = 0; d < pool && rc == XC_OK; d++) {
		char *v = NULL;
		size_t len = 0;
		rc = stored(db, it[d].docid, &v, &len, xe);
		if (rc == XC_OK && len >= QY_ENCODER_DIMS && len % QY_ENCODER_DIMS == 0)
			add[d] = best * nearness(question, (const int8_t *)v, len / QY_ENCODER_DIMS);
		free(v);
	}
	for (size_t d = 0; rc == XC_OK && d < pool; d++)
		it[d].score += add[d];
	free(add);
	return rc;
}
