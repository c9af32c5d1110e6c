/* rank.c - BM25 over passages, proximity and feedback passes, a positional rerank. */
#include "rank.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/stemmer.h"
#include "../schema/schema.h"
#include "../util/buf.h"

/* Every parameter of the model; docs/ranking.md records how each was
 * chosen (on Cranfield and a 2,000-question SQuAD sample) and its effect. */
#define BM25_K1 1.0
#define BM25_K2 0.0
#define BM25_K3 1.0
#define BM25_B 0.75
#define BM25_MIN_NORMLEN 0.5

#define PRF_DOCS 10             /* feedback passages (best ones of the first pass) */
#define PRF_TERMS 20            /* expand terms taken from them */
#define PRF_WEIGHT 0.15         /* the best expand term weighs this much of a query term */

#define RR_POOL 30              /* best passages reordered by term positions */
#define RR_WINDOW 16            /* positions in the window of the window bonus */
#define RR_WINDOW_WEIGHT 1.0    /* times the idf sum of the stems in the best window */
#define PAIR_GAP 3              /* adjacent query stems at most this far apart, in order */
#define PAIR_WEIGHT 0.5         /* times the mean idf of each such pair */
#define TITLE_SHARE 0.5         /* of a title word's idf counted in every window */

#define MAX_STEMS 32            /* query stems the proximity parts look at */

static size_t n_stems(const qy_rank_request *req)
{
	size_t n = req->parsed ? req->parsed->n_stems : 0;
	return n > MAX_STEMS ? MAX_STEMS : n;
}

static int run(const qy_rank_request *req, const xc_query *q, unsigned first, unsigned count,
	       xc_mset **m, xc_enquire **keep, xc_error *xe)
{
	xc_enquire *enq = NULL;
	int rc;

	*m = NULL;
	if ((rc = xc_enquire_new(&enq, req->db, xe)) != XC_OK ||
	    (rc = xc_enquire_set_query(enq, q, xe)) != XC_OK ||
	    (rc = xc_enquire_set_bm25(enq, BM25_K1, BM25_K2, BM25_K3, BM25_B, BM25_MIN_NORMLEN, xe)) != XC_OK ||
	    (rc = xc_enquire_set_docid_order_ascending(enq, xe)) != XC_OK ||
	    (req->per_article &&
	     (rc = xc_enquire_set_collapse_key(enq, QY_SLOT_ARTICLE, req->per_article, xe)) != XC_OK) ||
	    (rc = xc_enquire_get_mset(enq, first, count, 0, m, xe)) != XC_OK) {
		xc_enquire_free(enq);
		return rc;
	}
	if (keep)
		*keep = enq;
	else
		xc_enquire_free(enq);
	return XC_OK;
}

/* q AND_MAYBE extra: extra only reweights what q matches, so filters,
 * required and excluded words keep their meaning.  Takes extra. */
static int and_maybe(xc_query **q, xc_query *extra, xc_error *xe)
{
	const xc_query *pair[2] = { *q, extra };
	xc_query *r = NULL;
	int rc = xc_query_combine(&r, XC_OP_AND_MAYBE, pair, 2, 0, xe);

	xc_query_free(extra);
	if (rc != XC_OK)
		return rc;
	xc_query_free(*q);
	*q = r;
	return XC_OK;
}

/* Combines and frees subs[0..n), scaled by w; *out NULL when n is 0. */
static int scaled_or(xc_query **out, xc_query **subs, size_t n, double w, xc_error *xe)
{
	xc_query *o = NULL;
	int rc = XC_OK;

	*out = NULL;
	if (n)
		rc = xc_query_combine(&o, XC_OP_OR, (const xc_query *const *)subs, n, 0, xe);
	for (size_t i = 0; i < n; i++)
		xc_query_free(subs[i]);
	if (rc != XC_OK || !o)
		return rc;
	rc = xc_query_scale(out, o, w, xe);
	xc_query_free(o);
	return rc;
}

static int term_query(xc_query **out, const char *t, xc_error *xe)
{
	return xc_query_term(out, t, strlen(t), 1, 0, xe);
}

static int is_expand_term(const char *t)
{
	size_t n = strlen(t);

	if (!n || qy_is_stopword(t, n))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(t[i] >= '0' && t[i] <= '9'))
			return 1;
	return 0;
}

/* Pseudo-relevance feedback: the best terms (Xapian's ESet) of the first
 * pass's top passages, each weighted relative to the best one, reweight
 * what the query matches without widening it (AND_MAYBE). */
static int add_feedback(const qy_rank_request *req, xc_query **q, xc_error *xe)
{
	xc_enquire *enq = NULL;
	xc_mset *m = NULL;
	xc_eset *es = NULL;
	xc_query **subs = NULL, *e = NULL;
	xc_docid rset[PRF_DOCS];
	size_t k = 0, nr;
	int rc;

	if (!req->parsed || !req->parsed->has_text || !n_stems(req))
		return XC_OK;
	if ((rc = run(req, *q, 0, PRF_DOCS, &m, &enq, xe)) != XC_OK)
		return rc;
	nr = xc_mset_size(m);
	for (size_t i = 0; i < nr; i++)
		rset[i] = xc_mset_docid(m, i);
	xc_mset_free(m);
	if (nr)
		rc = xc_enquire_get_eset(enq, PRF_TERMS * 2, rset, nr, 1, &es, xe);
	xc_enquire_free(enq);
	if (rc != XC_OK || !es)
		return rc;
	size_t ne = xc_eset_size(es);
	double top = ne ? xc_eset_weight(es, 0) : 0;
	subs = qy_calloc(ne ? ne : 1, sizeof *subs);
	for (size_t i = 0; i < ne && k < PRF_TERMS && rc == XC_OK; i++) {
		const char *t = xc_eset_term(es, i);
		xc_query *tq = NULL;
		if (!is_expand_term(t) || top <= 0)
			continue;
		if ((rc = term_query(&tq, t, xe)) == XC_OK)
			rc = xc_query_scale(&subs[k], tq, xc_eset_weight(es, i) / top, xe);
		xc_query_free(tq);
		if (rc == XC_OK)
			k++;
	}
	xc_eset_free(es);
	if (rc == XC_OK)
		rc = scaled_or(&e, subs, k, PRF_WEIGHT, xe);
	else
		for (size_t i = 0; i < k; i++)
			xc_query_free(subs[i]);
	free(subs);
	if (rc != XC_OK || !e)
		return rc;
	return and_maybe(q, e, xe);
}

/* ---- positional rerank ---- */

typedef struct occ {
	uint32_t pos;
	uint32_t term;
} occ;

typedef struct occs {
	occ *a;
	size_t n, cap;
	uint32_t term;
} occs;

static int push_pos(uint32_t pos, void *payload)
{
	occs *o = payload;

	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->a = qy_realloc(o->a, o->cap * sizeof *o->a);
	}
	o->a[o->n].pos = pos;
	o->a[o->n].term = o->term;
	o->n++;
	return 0;
}

static int occ_cmp(const void *x, const void *y)
{
	const occ *a = x, *b = y;

	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Largest idf sum of distinct query stems inside RR_WINDOW positions:
 * the sentence that answers a question tends to hold most of its words. */
static double best_window(const occs *o, const double *idf, const unsigned char *everywhere)
{
	unsigned cnt[MAX_STEMS];
	double cur = 0, best = 0;
	size_t lo = 0;

	memset(cnt, 0, sizeof cnt);
	for (size_t hi = 0; hi < o->n; hi++) {
		if (cnt[o->a[hi].term]++ == 0)
			cur += idf[o->a[hi].term] * (everywhere[o->a[hi].term] ? 1 - TITLE_SHARE : 1);
		while (o->a[hi].pos - o->a[lo].pos >= RR_WINDOW) {
			if (--cnt[o->a[lo].term] == 0)
				cur -= idf[o->a[lo].term] *
				       (everywhere[o->a[lo].term] ? 1 - TITLE_SHARE : 1);
			lo++;
		}
		if (cur > best)
			best = cur;
	}
	return best;
}

/* Sum over adjacent query stems (i, i+1) that occur close together, in
 * query order, of their mean idf. */
static double pairs(const occs *o, const double *idf, size_t n)
{
	uint32_t last[MAX_STEMS];
	unsigned char hit[MAX_STEMS];
	double sum = 0;

	memset(last, 0, sizeof last);
	memset(hit, 0, sizeof hit);
	for (size_t k = 0; k < o->n; k++) {
		uint32_t t = o->a[k].term, p = o->a[k].pos;
		if (t > 0 && last[t - 1] && p - last[t - 1] <= PAIR_GAP)
			hit[t - 1] = 1;
		last[t] = p;
	}
	for (size_t i = 0; i + 1 < n; i++)
		if (hit[i])
			sum += (idf[i] + idf[i + 1]) / 2;
	return sum;
}

static int idfs(const qy_rank_request *req, double *idf, size_t n, xc_error *xe)
{
	uint32_t N, tf;
	int rc = xc_db_doccount(req->db, &N, xe);

	for (size_t i = 0; i < n && rc == XC_OK; i++) {
		rc = xc_db_termfreq(req->db, req->parsed->stems[i], &tf, xe);
		double v = log(((double)N - tf + 0.5) / ((double)tf + 0.5));
		idf[i] = v > 0 ? v : 0;
	}
	return rc;
}

static int ranked_cmp(const void *x, const void *y)
{
	const qy_ranked *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->docid < b->docid ? -1 : a->docid > b->docid;
}

/* Which query stems a passage holds more often than it has positions for:
 * words of the article's title, indexed without positions in every passage
 * (docs/index-format.md).  The title is about the whole passage, so such a
 * stem counts as inside every window. */
typedef struct unplaced {
	const qy_rank_request *req;
	const size_t *order;    /* stem indexes in byte order of the stems */
	size_t n, next;
	const unsigned *npos;   /* positions found per stem */
	unsigned char *out;     /* 1 = held without a position */
} unplaced;

static int check_wdf(const char *term, size_t len, uint32_t wdf, void *payload)
{
	unplaced *u = payload;

	while (u->next < u->n) {
		const char *s = u->req->parsed->stems[u->order[u->next]];
		size_t sl = strlen(s);
		int c = memcmp(s, term, sl < len ? sl : len);
		if (c == 0)
			c = sl < len ? -1 : sl > len;
		if (c > 0)
			return 0;       /* the stem is further on in the termlist */
		if (c == 0 && wdf > u->npos[u->order[u->next]])
			u->out[u->order[u->next]] = 1;
		u->next++;
	}
	return 1;               /* every stem seen: stop */
}

/* The stem indexes in byte order of the stems (insertion sort: n is small). */
static void sort_stems(const qy_rank_request *req, size_t *order, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = i, v = i;
		while (j > 0 && strcmp(req->parsed->stems[order[j - 1]], req->parsed->stems[v]) > 0) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = v;
	}
}

static int find_unplaced(const qy_rank_request *req, xc_docid did, const size_t *order,
			 size_t n, const unsigned *npos, unsigned char *out, xc_error *xe)
{
	unplaced u = { req, order, n, 0, npos, out };
	xc_doc *doc = NULL;
	int rc = xc_db_get_document(req->db, did, &doc, xe);

	if (rc == XC_OK) {
		rc = xc_doc_terms(doc, check_wdf, &u, xe);
		if (rc == 1)
			rc = XC_OK;
	}
	xc_doc_free(doc);
	return rc;
}

/* The proximity bonus of one passage, in BM25's units (idf sums). */
static int bonus(const qy_rank_request *req, xc_docid did, const double *idf, size_t n,
		 const size_t *order, occs *o, double *out, xc_error *xe)
{
	unsigned npos[MAX_STEMS];
	unsigned char everywhere[MAX_STEMS];
	double base = 0;
	int rc = XC_OK;

	o->n = 0;
	for (size_t i = 0; i < n && rc == XC_OK; i++) {
		size_t before = o->n;
		o->term = (uint32_t)i;
		rc = xc_doc_positions(req->db, did, req->parsed->stems[i], push_pos, o, xe);
		npos[i] = (unsigned)(o->n - before);
	}
	memset(everywhere, 0, sizeof everywhere);
	if (rc == XC_OK)
		rc = find_unplaced(req, did, order, n, npos, everywhere, xe);
	for (size_t i = 0; i < n; i++)
		if (everywhere[i])
			base += idf[i] * TITLE_SHARE;
	if (o->n > 1)
		qsort(o->a, o->n, sizeof *o->a, occ_cmp);
	*out = RR_WINDOW_WEIGHT * (base + best_window(o, idf, everywhere)) +
	       PAIR_WEIGHT * pairs(o, idf, n);
	return rc;
}

/* Reorders the best RR_POOL passages by BM25 plus their proximity bonus.
 * A backend without positional data (some remote setups) keeps BM25's order. */
static int rerank(const qy_rank_request *req, qy_ranked *it, size_t count, xc_error *xe)
{
	size_t n = n_stems(req), pool = count < RR_POOL ? count : RR_POOL;
	double idf[MAX_STEMS], *add;
	occs o = { NULL, 0, 0, 0 };
	int rc;

	if (!pool || n < 2)
		return XC_OK;
	if ((rc = idfs(req, idf, n, xe)) != XC_OK)
		return rc;
	size_t order[MAX_STEMS];
	sort_stems(req, order, n);
	add = qy_calloc(pool, sizeof *add);
	for (size_t d = 0; d < pool && rc == XC_OK; d++)
		rc = bonus(req, it[d].docid, idf, n, order, &o, &add[d], xe);
	free(o.a);
	if (rc == XC_OK) {
		for (size_t d = 0; d < pool; d++)
			it[d].score += add[d];
		qsort(it, pool, sizeof *it, ranked_cmp);
	} else if (rc == XC_UNIMPLEMENTED) {
		rc = XC_OK;
	}
	free(add);
	return rc;
}

static int build_query(const qy_rank_request *req, xc_query **q, xc_error *xe)
{
	xc_query *all = NULL;
	const xc_query *one[1] = { req->query };
	int rc;

	/* A copy we may rewrap: an OR of one subquery is that subquery. */
	if ((rc = xc_query_combine(&all, XC_OP_OR, one, 1, 0, xe)) != XC_OK)
		return rc;
	*q = all;
	if ((rc = add_feedback(req, q, xe)) != XC_OK) {
		xc_query_free(*q);
		*q = NULL;
	}
	return rc;
}

int qy_rank(const qy_rank_request *req, qy_ranking *out, xc_error *xe)
{
	xc_query *q = NULL;
	xc_mset *m = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	/* The first RR_POOL passages are always fetched and reranked, so
	 * every page is cut from the same order. */
	unsigned fetch = req->limit > UINT32_MAX - req->offset ? UINT32_MAX : req->offset + req->limit;
	if (fetch < RR_POOL)
		fetch = RR_POOL;
	if ((rc = build_query(req, &q, xe)) != XC_OK)
		return rc;
	rc = run(req, q, 0, fetch, &m, NULL, xe);
	xc_query_free(q);
	if (rc != XC_OK)
		return rc;
	size_t n = xc_mset_size(m);
	qy_ranked *all = qy_calloc(n ? n : 1, sizeof *all);
	for (size_t i = 0; i < n; i++) {
		all[i].docid = xc_mset_docid(m, i);
		all[i].score = xc_mset_weight(m, i);
	}
	out->estimated = xc_mset_matches_estimated(m);
	xc_mset_free(m);
	if ((rc = rerank(req, all, n, xe)) != XC_OK) {
		free(all);
		return rc;
	}
	size_t first = req->offset < n ? req->offset : n;
	size_t cnt = n - first < req->limit ? n - first : req->limit;
	out->items = qy_calloc(cnt ? cnt : 1, sizeof *out->items);
	memcpy(out->items, all + first, cnt * sizeof *all);
	out->count = cnt;
	free(all);
	return XC_OK;
}

void qy_ranking_free(qy_ranking *r)
{
	free(r->items);
	memset(r, 0, sizeof *r);
}
