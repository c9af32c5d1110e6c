/*
 * soft_match.h - how well a passage matches a question's words by meaning,
 * not only by stem: the rerank's semantic part (docs/ranking.md).
 *
 * Each content word of the query (not a stopword, idf above 0) that the
 * passage lacks is credited with its idf times its best cosine to a word of
 * the passage ("paying" for "compensation"), and the query's idf-weighted
 * centroid is compared with the passage's.  The passage side is fed from
 * its termlist, one term at a time, so no text has to be decoded.
 */
#ifndef QY_SOFT_MATCH_H
#define QY_SOFT_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "../analysis/stem_vectors.h"

#define QY_SOFT_MAX_STEMS 32

/* The query's side, made once per query. */
typedef struct qy_soft_query {
	const qy_stem_vectors *v;
	size_t n;
	int32_t id[QY_SOFT_MAX_STEMS];  /* vector of each stem, -1 when none */
	double norm[QY_SOFT_MAX_STEMS]; /* its length */
	double idf[QY_SOFT_MAX_STEMS];  /* 0 for stems that do not count */
	double total;                   /* sum of idf */
	double *centroid;               /* dims: sum of idf x unit vector */
} qy_soft_query;

/* One passage's side, reset per passage. */
typedef struct qy_soft_passage {
	double best[QY_SOFT_MAX_STEMS]; /* best cosine of a passage word to the stem */
	double *centroid;               /* dims: sum of wdf x unit vector */
} qy_soft_passage;

/* What the rerank adds up, each a share of the query's idf (0..1) except
 * the centroid cosine (-1..1). */
typedef struct qy_soft_features {
	double coverage;        /* idf share of the stems the passage's text holds */
	double soft;            /* ... plus the unmatched ones times their best cosine */
	double close;           /* unmatched ones, by how far their cosine exceeds 0.5 */
	double centroid;        /* cosine of the two centroids */
} qy_soft_features;

/* stems[0..n) with their idf (n is capped at QY_SOFT_MAX_STEMS).  Returns 0
 * and leaves q unusable when nothing counts (no vectors, no content word). */
int qy_soft_query_init(qy_soft_query *q, const qy_stem_vectors *v, char *const *stems,
		       const double *idf, size_t n);
void qy_soft_query_free(qy_soft_query *q);

void qy_soft_passage_init(qy_soft_passage *p, const qy_soft_query *q);
void qy_soft_passage_reset(qy_soft_passage *p, const qy_soft_query *q);
void qy_soft_passage_free(qy_soft_passage *p);

/* One term of the passage's termlist (prefixed terms and stopwords are
 * skipped here). */
void qy_soft_passage_term(qy_soft_passage *p, const qy_soft_query *q, const char *term,
			  size_t len, uint32_t wdf);

/* matched[i]: the passage holds stem i (or the entity it names), in its
 * text or its title; in_text[i]: in its text. */
qy_soft_features qy_soft_score(const qy_soft_query *q, const qy_soft_passage *p,
			       const unsigned char *matched, const unsigned char *in_text);

#endif
