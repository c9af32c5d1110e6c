/* per_article.c - the rerank's pool by article, the per-article cap after it, and the final order. */
#include "per_article.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/hash.h"

unsigned qy_match_collapse(unsigned cap)
{
	if (!cap)
		return 0;
	return cap > UINT32_MAX - QY_POOL_SIBLINGS ? UINT32_MAX : cap + QY_POOL_SIBLINGS;
}

unsigned qy_match_count(unsigned need, unsigned cap)
{
	if (!cap)
		return need;
	/* need x collapse / cap, rounded up: each article the cap keeps up to
	 * `cap` of may bring qy_match_collapse(cap). */
	uint64_t v = ((uint64_t)need * qy_match_collapse(cap) + cap - 1) / cap;
	return v > UINT32_MAX ? UINT32_MAX : (unsigned)v;
}

/* How many of c[0..i) belong to c[i]'s article.  Only used on the pool's
 * prefix, which holds at most `passages` articles, each with at most
 * cap + QY_POOL_SIBLINGS candidates. */
static size_t earlier_of_article(const qy_candidate *c, size_t i)
{
	size_t k = 0;

	for (size_t j = 0; c[i].article && j < i; j++)
		k += c[j].article && strcmp(c[j].article, c[i].article) == 0;
	return k;
}

/* Moves the candidates for which in[i] is set to the front, both groups
 * keeping their order. */
static void stable_partition(qy_candidate *c, size_t n, const unsigned char *in)
{
	qy_candidate *tmp = qy_calloc(n ? n : 1, sizeof *tmp);
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (in[i])
			tmp[k++] = c[i];
	for (size_t i = 0; i < n; i++)
		if (!in[i])
			tmp[k++] = c[i];
	memcpy(c, tmp, n * sizeof *c);
	free(tmp);
}

size_t qy_pool_gather(qy_candidate *c, size_t n, unsigned cap, size_t passages)
{
	qy_strset arts = QY_STRSET_INIT;
	size_t kept = 0, prefix = 0, pool = 0;

	if (!cap)
		return n < passages ? n : passages;
	for (; prefix < n && kept < passages; prefix++) {
		if (earlier_of_article(c, prefix) < cap)
			kept++;
		if (c[prefix].article)
			qy_strset_add(&arts, c[prefix].article);
	}
	unsigned char *in = qy_calloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++)
		if (i < prefix || (c[i].article && qy_strset_contains(&arts, c[i].article))) {
			in[i] = 1;
			pool++;
		}
	stable_partition(c, n, in);
	free(in);
	qy_strset_free(&arts);
	return pool;
}

typedef struct by_article {
	const char *article;
	size_t at;
} by_article;

static int by_article_cmp(const void *x, const void *y)
{
	const by_article *a = x, *b = y;
	int d = strcmp(a->article, b->article);

	if (d)
		return d;
	return a->at < b->at ? -1 : a->at > b->at;
}

size_t qy_cap_per_article(qy_candidate *c, size_t n, unsigned cap)
{
	if (!cap || n == 0)
		return n;
	/* Sorted by article then position, each article's first `cap` are
	 * the ones its run starts with.  Candidates without an article are
	 * never dropped, so they are left out of the sort. */
	by_article *o = qy_calloc(n, sizeof *o);
	unsigned char *drop = qy_calloc(n, 1);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (c[i].article)
			o[m++] = (by_article){ c[i].article, i };
	qsort(o, m, sizeof *o, by_article_cmp);
	for (size_t i = 0, run = 0; i < m; i++) {
		run = i && strcmp(o[i - 1].article, o[i].article) == 0 ? run + 1 : 0;
		drop[o[i].at] = run >= cap;
	}
	free(o);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (drop[i])
			free(c[i].article);
		else
			c[k++] = c[i];
	}
	free(drop);
	return k;
}

static int score_cmp(const void *x, const void *y)
{
	const qy_candidate *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->docid < b->docid ? -1 : a->docid > b->docid;
}

int qy_order_candidates(qy_candidate *c, size_t n, unsigned cap, unsigned passages,
			qy_rescore_fn rescore, void *ctx, size_t *kept, xc_error *xe)
{
	size_t window = qy_match_count(passages, cap);
	if (window > n)
		window = n;
	for (size_t i = 0; i < n; i++)
		c[i].in_window = i < window;
	size_t pool = qy_pool_gather(c, window, cap, passages);
	int rc = rescore(c, pool, ctx, xe);

	*kept = n;
	if (rc != XC_OK)
		return rc;
	qsort(c, pool, sizeof *c, score_cmp);
	n = qy_cap_per_article(c, n, cap);
	/* The cap keeps the order, so the window's candidates are still the
	 * front; sorting only them keeps every page's order the same (one
	 * further down may fetch more of the match's later candidates). */
	for (window = 0; window < n && c[window].in_window; window++)
		;
	qsort(c, window, sizeof *c, score_cmp);
	*kept = n;
	return XC_OK;
}

void qy_candidates_free(qy_candidate *c, size_t n)
{
	for (size_t i = 0; c && i < n; i++)
		free(c[i].article);
	free(c);
}
