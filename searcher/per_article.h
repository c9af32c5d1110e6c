/*
 * per_article.h - which passages the rerank sees, and at most how many of
 * one article the ranking keeps (--per-article).
 *
 * Xapian's collapse keeps an article's best passages by BM25 alone, so
 * when the cap were applied in the match, the rerank could only reorder
 * the passage BM25 liked best, and an article whose other passage answers
 * (a sentence that says it in other words, a predicate next to the place)
 * would show the wrong one or drop out of the top.  So the match keeps a
 * few more passages of each article (QY_POOL_SIBLINGS), the rerank's pool
 * takes the articles of its usual first passages with all of those, and
 * the cap applies to the final order (docs/ranking.md).
 */
#ifndef QY_PER_ARTICLE_H
#define QY_PER_ARTICLE_H

#include <stddef.h>

#include "../xapian-c/xapian_c.h"

/* Passages of an article beyond the per-article cap that the match keeps
 * for the rerank to choose among. */
#define QY_POOL_SIBLINGS 1

/* A passage being ranked. */
typedef struct qy_candidate {
	xc_docid docid;
	double score;
	/* Its article (the collapse key, malloc'ed); NULL when nothing is
	 * capped, or when it has none, and then it is a group of its own, as
	 * Xapian's collapse leaves an empty key alone. */
	char *article;
} qy_candidate;

/* Reorders c[0..n) (best first) so that the rerank's pool comes first and
 * returns its size: the articles of the first `passages` candidates that
 * the cap keeps, with every candidate of theirs, in their order.  With
 * cap 0 (any number per article), the first `passages` candidates. */
size_t qy_pool_gather(qy_candidate *c, size_t n, unsigned cap, size_t passages);

/* Drops every candidate after the cap's count of its article, in order;
 * returns how many are left (at the front of c).  Frees the dropped
 * candidates' keys; cap 0 keeps all. */
size_t qy_cap_per_article(qy_candidate *c, size_t n, unsigned cap);

void qy_candidates_free(qy_candidate *c, size_t n);

#endif
