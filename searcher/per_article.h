/*
 * per_article.h - which passages the rerank sees, at most how many of one
 * article the ranking keeps (--per-article), and so the final order.
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
	 * Xapian's collapse leaves an empty key alone.  Keys are compared as
	 * C strings: the indexer stores an article id as one (docs/index-format.md). */
	char *article;
	unsigned char in_window;   /* set by qy_order_candidates */
} qy_candidate;

/* The collapse the match uses for a cap of `cap` per article (0: none). */
unsigned qy_match_collapse(unsigned cap);

/* How many passages the match fetches so that the cap still leaves
 * `need` when that many match. */
unsigned qy_match_count(unsigned need, unsigned cap);

/* Rescores c[0..pool) in place (the rerank); returns an xc_status. */
typedef int (*qy_rescore_fn)(qy_candidate *c, size_t pool, void *ctx, xc_error *xe);

/* Puts c[0..n), the match's candidates best first (qy_match_collapse and
 * qy_match_count of a `need` of at least `passages`), in their final
 * order and returns in *kept how many are left at its front:
 *  1. the pool: the articles of the first `passages` candidates the cap
 *     keeps, each with all its candidates among the first
 *     qy_match_count(passages, cap), which every page fetches, so every
 *     page is cut from the same order (with cap 0, the first `passages`);
 *  2. rescore(pool), then the pool sorted by score, ties to the lower docid;
 *  3. the cap: each article's first `cap` of that order (0: all);
 *  4. the candidates of that window sorted by score once more, so that a
 *     passage the rescore left below a later one of the window goes
 *     below it; those after the window keep the match's order.
 * Frees the dropped candidates' keys.  On failure c is left as it was
 * rescored and *kept is n. */
int qy_order_candidates(qy_candidate *c, size_t n, unsigned cap, unsigned passages,
			qy_rescore_fn rescore, void *ctx, size_t *kept, xc_error *xe);

/* The steps of qy_order_candidates, for tests.  qy_pool_gather reorders
 * c[0..n) so that the pool comes first and returns its size;
 * qy_cap_per_article drops every candidate after the cap's count of its
 * article, in order, and returns how many are left. */
size_t qy_pool_gather(qy_candidate *c, size_t n, unsigned cap, size_t passages);
size_t qy_cap_per_article(qy_candidate *c, size_t n, unsigned cap);

void qy_candidates_free(qy_candidate *c, size_t n);

#endif
