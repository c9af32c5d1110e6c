/* soft_match.c - a passage's match to the query's words by word vectors. */
#include "soft_match.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/stemmer.h"
#include "../util/buf.h"

/* A cosine below this is unrelated words; above it, near-synonyms
 * ("capture"/"seize" 0.7, "paying"/"compensation" 0.5). */
#define CLOSE_COS 0.5

/* Index terms with a prefix start with an upper-case ASCII letter
 * (schema/schema.h); stems are lower case. */
static int is_word_term(const char *t, size_t len)
{
	return len > 0 && !(t[0] >= 'A' && t[0] <= 'Z') && !qy_is_stopword_stem(t, len);
}

int qy_soft_query_init(qy_soft_query *q, const qy_stem_vectors *v, char *const *stems,
		       const double *idf, size_t n)
{
	memset(q, 0, sizeof *q);
	if (!v)
		return 0;
	q->v = v;
	q->n = n < QY_SOFT_MAX_STEMS ? n : QY_SOFT_MAX_STEMS;
	q->centroid = qy_calloc(qy_stem_vectors_dims(v), sizeof *q->centroid);
	for (size_t i = 0; i < q->n; i++) {
		size_t len = strlen(stems[i]);
		q->id[i] = qy_stem_vectors_find(v, stems[i], len);
		q->idf[i] = is_word_term(stems[i], len) ? idf[i] : 0;
		q->total += q->idf[i];
		if (q->id[i] >= 0 && q->idf[i] > 0) {
			qy_stem_vectors_add(v, q->id[i], q->idf[i], q->centroid);
			q->norm[i] = qy_stem_vectors_norm(v, q->id[i]);
		}
	}
	if (q->total <= 0) {
		qy_soft_query_free(q);
		return 0;
	}
	return 1;
}

void qy_soft_query_free(qy_soft_query *q)
{
	free(q->centroid);
	memset(q, 0, sizeof *q);
}

void qy_soft_passage_init(qy_soft_passage *p, const qy_soft_query *q)
{
	p->centroid = qy_calloc(qy_stem_vectors_dims(q->v), sizeof *p->centroid);
	qy_soft_passage_reset(p, q);
}

void qy_soft_passage_reset(qy_soft_passage *p, const qy_soft_query *q)
{
	memset(p->best, 0, sizeof p->best);
	memset(p->centroid, 0, qy_stem_vectors_dims(q->v) * sizeof *p->centroid);
}

void qy_soft_passage_free(qy_soft_passage *p)
{
	free(p->centroid);
	p->centroid = NULL;
}

void qy_soft_passage_term(qy_soft_passage *p, const qy_soft_query *q, const char *term,
			  size_t len, uint32_t wdf)
{
	if (!is_word_term(term, len))
		return;
	int32_t id = qy_stem_vectors_find(q->v, term, len);
	if (id < 0)
		return;
	double norm = qy_stem_vectors_norm(q->v, id);
	if (norm <= 0)
		return;
	qy_stem_vectors_add_raw(q->v, id, wdf / norm, p->centroid);
	for (size_t i = 0; i < q->n; i++) {
		if (q->id[i] < 0 || q->idf[i] <= 0 || q->norm[i] <= 0)
			continue;
		double c = qy_stem_vectors_dot(q->v, q->id[i], id) / (q->norm[i] * norm);
		if (c > p->best[i])
			p->best[i] = c;
	}
}

static double cosine(const double *a, const double *b, size_t dims)
{
	double ab = 0, aa = 0, bb = 0;

	for (size_t d = 0; d < dims; d++) {
		ab += a[d] * b[d];
		aa += a[d] * a[d];
		bb += b[d] * b[d];
	}
	return aa > 0 && bb > 0 ? ab / sqrt(aa * bb) : 0;
}

qy_soft_features qy_soft_score(const qy_soft_query *q, const qy_soft_passage *p,
			       const unsigned char *matched, const unsigned char *in_text)
{
	qy_soft_features f = { 0, 0, 0, 0 };
	double held = 0;

	for (size_t i = 0; i < q->n; i++) {
		if (in_text[i])
			f.coverage += q->idf[i];
		if (matched[i]) {
			held += q->idf[i];
		} else {
			f.soft += q->idf[i] * p->best[i];
			if (p->best[i] > CLOSE_COS)
				f.close += q->idf[i] * (p->best[i] - CLOSE_COS);
		}
	}
	f.soft += held;
	f.coverage /= q->total;
	f.soft /= q->total;
	f.close /= q->total;
	f.centroid = cosine(q->centroid, p->centroid, qy_stem_vectors_dims(q->v));
	return f;
}
