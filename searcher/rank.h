/*
 * rank.h - from a query to the ranked list of passages: the ranking
 * model's one home.  search.c parses, filters and fetches; everything that
 * decides the order (BM25 parameters, collapse, any expansion or rerank)
 * lives behind qy_rank().
 */
#ifndef QY_RANK_H
#define QY_RANK_H

#include "../analysis/stem_vectors.h"
#include "../util/error.h"
#include "../xapian-c/xapian_c.h"
#include "query_parser.h"
#include "question.h"

typedef struct qy_rank_request {
	const xc_db *db;
	const qy_parsed_query *parsed;  /* the user's query, parsed (stems for expansion) */
	const xc_query *query;          /* what to match: parsed->query plus filters */
	unsigned offset;                /* ranked passages to skip */
	unsigned limit;                 /* ranked passages wanted */
	unsigned per_article;           /* most passages of one article; 0 = any */
	/* Optional (NULL = none): for a question of a family about a known
	 * place, the question and the place's canonical id, for the rerank's
	 * question features (docs/ranking.md). */
	const qy_question *question;
	const char *place;
	/* Optional (NULL = none): word vectors for the semantic part. */
	const qy_stem_vectors *vectors;
	/* The query is put as a question (it ends with '?') and is not a
	 * question of a family about a known place: the user wants the
	 * passage that answers, so its wording counts (docs/ranking.md). */
	int asks;
	/* Optional (NULL = none): in an index with sentence vectors, the
	 * vector of a query that reads as a sentence and is not a question of
	 * a family about a known place (searcher/meaning.h). */
	const float *meaning;
} qy_rank_request;

typedef struct qy_ranked {
	xc_docid docid;
	double score;
} qy_ranked;

typedef struct qy_ranking {
	qy_ranked *items;       /* best first; count <= limit */
	size_t count;
	/* Matching passages in the whole index (Xapian's estimate); with a
	 * per-article cap N, as the match collapses them: up to N + 1 of an
	 * article (searcher/per_article.h). */
	uint64_t estimated;
} qy_ranking;

/* Ranks the passages matching req->query.  Returns an xc_status; a
 * failure is described in *xe (XC_DATABASE_MODIFIED is retried by the
 * caller after a reopen). */
int qy_rank(const qy_rank_request *req, qy_ranking *out, xc_error *xe);

void qy_ranking_free(qy_ranking *r);

#endif
