/* rank.c - BM25 over passages, proximity and feedback passes, a positional rerank. */
#include "rank.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/stemmer.h"
#include "../schema/schema.h"
#include "../util/buf.h"
#include "meaning.h"
#include "per_article.h"
#include "soft_match.h"

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
_Static_assert(MAX_STEMS == QY_SOFT_MAX_STEMS, "the soft match sees the stems the rerank sees");

/* Question features, for a question of a family about a known place
 * (docs/ranking.md), each times the idf of the place's entity term. */
#define Q_PLACE_WEIGHT 0.2      /* the passage holds the place (text or title) */
#define Q_TITLE_WEIGHT 1.5      /* the article's title names the place */
#define Q_PRED_WEIGHT 0.3       /* a predicate of the family next to a mention (decays with gap) */
#define Q_PRED_GAP 16           /* positions beyond which a predicate is not near */
#define Q_ACTOR_WEIGHT 0.2      /* an armed actor entity (XR) in the passage */
#define Q_RECENT_WEIGHT 1.0     /* questions about now: the pool's newest passage, linearly */

/* A question put with a question mark (req->asks) wants the passage that
 * answers it, and such a passage tends to reuse its wording: these weigh
 * that wording (docs/ranking.md), in points of BM25 score.  Not for a
 * question of a family about a known place, which the question features
 * above rank, nor for queries without the mark (keywords, topic
 * statements such as Cranfield's, whose figures these parts lower). */
#define ASK_PAIR_WEIGHT 0.5     /* added to PAIR_WEIGHT */
#define ASK_COVERAGE_WEIGHT 8.0 /* x the idf share of the content words in the text */
#define ASK_SOFT_WEIGHT 24.0    /* x that share with the missing words' best cosines */
#define ASK_CLOSE_WEIGHT 64.0   /* x the missing words' share beyond cosine 0.5 */
#define ASK_CENTROID_WEIGHT 16.0        /* x the cosine of the two centroids */
#define ASK_WORD_PAIRS_WEIGHT 22.0      /* x the share of the query's word pairs found */

static size_t n_stems(const qy_rank_request *req)
{
	size_t n = req->parsed ? req->parsed->n_stems : 0;
	return n > MAX_STEMS ? MAX_STEMS : n;
}

/* The match: at most `collapse` passages of one article (0: any). */
static int run(const qy_rank_request *req, const xc_query *q, unsigned collapse, unsigned count,
	       xc_mset **m, xc_enquire **keep, xc_error *xe)
{
	xc_enquire *enq = NULL;
	int rc;

	*m = NULL;
	if ((rc = xc_enquire_new(&enq, req->db, xe)) != XC_OK ||
	    (rc = xc_enquire_set_query(enq, q, xe)) != XC_OK ||
	    (rc = xc_enquire_set_bm25(enq, BM25_K1, BM25_K2, BM25_K3, BM25_B, BM25_MIN_NORMLEN, xe)) != XC_OK ||
	    (rc = xc_enquire_set_docid_order_ascending(enq, xe)) != XC_OK ||
	    (collapse &&
	     (rc = xc_enquire_set_collapse_key(enq, QY_SLOT_ARTICLE, collapse, xe)) != XC_OK) ||
	    (rc = xc_enquire_get_mset(enq, 0, count, 0, m, xe)) != XC_OK) {
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
	if ((rc = run(req, *q, req->per_article, PRF_DOCS, &m, &enq, xe)) != XC_OK)
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

/* The positions of one term (entity, place and predicate terms). */
typedef struct plist {
	uint32_t *a;
	size_t n, cap;
} plist;

static int push_plain(uint32_t pos, void *payload)
{
	plist *l = payload;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->a = qy_realloc(l->a, l->cap * sizeof *l->a);
	}
	l->a[l->n++] = pos;
	return 0;
}

static int u32_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* An entity term sits at every position of its mention and its wdf counts
 * mentions once: a run of consecutive positions is one mention. */
static unsigned mentions(const plist *l)
{
	unsigned r = 0;

	for (size_t i = 0; i < l->n; i++)
		if (i == 0 || l->a[i] != l->a[i - 1] + 1)
			r++;
	return r;
}

static int occ_cmp(const void *x, const void *y)
{
	const occ *a = x, *b = y;

	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* ---- the rerank ---- */

#define MAX_ENTS 16             /* entity terms of the query looked at */
#define MAX_SEQ 64              /* query words the word pairs look at */

/* The query's words in order (stopwords too), by distinct stem. */
typedef struct word_seq {
	size_t n, n_uniq;
	size_t of[MAX_SEQ];             /* word k is stem uniq[of[k]] */
	const char *uniq[MAX_SEQ];
	unsigned char stop[MAX_SEQ];
	int stem[MAX_SEQ];              /* its index among the query stems, or -1 */
} word_seq;

/* The question's features: its place, the family's predicate stems, and
 * whether it asks about now. */
typedef struct qfeat {
	int on;
	char place[XC_MAX_TERM_BYTES + 1];
	double place_idf;
	const char *const *fam;
	size_t n_fam;
	int present;
} qfeat;

/* What the rerank knows of the query. */
typedef struct rr_ctx {
	const qy_rank_request *req;
	size_t n, n_ent;
	double idf[MAX_STEMS];
	size_t order[MAX_STEMS];        /* stem indexes in byte order of the stems */
	size_t ent_of[MAX_STEMS];       /* 1 + entity index (< n_ent) of the stem, or 0 */
	qfeat q;
	unsigned char is_place[MAX_STEMS];      /* the stem names the question's place */
	int has_place_stem;
	int wording_on;                 /* the wording parts apply (ASK_PAIR_WEIGHT) */
	word_seq seq;
	qy_soft_query soft;             /* the soft match's query side */
	int soft_on;                    /* it has word vectors and a content word */
} rr_ctx;

/* What one passage holds, from its termlist, values and text. */
typedef struct facts {
	const rr_ctx *c;
	uint32_t wdf_stem[MAX_STEMS];
	uint32_t wdf_ent[MAX_ENTS];
	uint32_t wdf_place;
	int actor;
	qy_soft_passage *soft;          /* when c->soft_on */
} facts;

static int stem_cmp(const rr_ctx *c, size_t i, const char *term, size_t len)
{
	const char *s = c->req->parsed->stems[i];
	size_t sl = strlen(s);
	int r = memcmp(s, term, sl < len ? sl : len);

	return r ? r : (sl < len ? -1 : sl > len);
}

static int same_term(const char *a, const char *term, size_t len)
{
	return strlen(a) == len && memcmp(a, term, len) == 0;
}

static int note_term(const char *term, size_t len, uint32_t wdf, void *payload)
{
	facts *f = payload;
	const rr_ctx *c = f->c;
	size_t lo = 0, hi = c->n;

	if (len > 2 && memcmp(term, QY_PREFIX_ACTOR, 2) == 0)
		f->actor = 1;
	if (f->soft)
		qy_soft_passage_term(f->soft, &c->soft, term, len, wdf);
	if (c->q.on && same_term(c->q.place, term, len))
		f->wdf_place = wdf;
	for (size_t e = 0; e < c->n_ent; e++)
		if (same_term(c->req->parsed->entity_terms[e], term, len))
			f->wdf_ent[e] = wdf;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = stem_cmp(c, c->order[mid], term, len);
		if (r == 0) {
			f->wdf_stem[c->order[mid]] = wdf;
			break;
		}
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Per passage scratch space, reused across the pool. */
typedef struct scratch {
	occs o;
	plist ent, place, pred;
	qy_soft_passage soft;
	plist seq[MAX_SEQ];
} scratch;

static void scratch_free(scratch *s)
{
	qy_soft_passage_free(&s->soft);
	for (size_t i = 0; i < MAX_SEQ; i++)
		free(s->seq[i].a);
	free(s->o.a);
	free(s->ent.a);
	free(s->place.a);
	free(s->pred.a);
}

/* Largest idf sum of distinct query stems inside RR_WINDOW positions:
 * the sentence that answers a question tends to hold most of its words.
 * For a question about a place, only windows that name the place count
 * (unless the title does). */
static double best_window(const rr_ctx *c, const occs *o, const unsigned char *everywhere)
{
	unsigned cnt[MAX_STEMS], places = 0;
	double cur = 0, best = 0;
	size_t lo = 0;
	int need_place = c->has_place_stem;

	memset(cnt, 0, sizeof cnt);
	for (size_t i = 0; need_place && i < c->n; i++)
		if (c->is_place[i] && everywhere[i])
			need_place = 0;
	for (size_t hi = 0; hi < o->n; hi++) {
		if (cnt[o->a[hi].term]++ == 0)
			cur += c->idf[o->a[hi].term] * (everywhere[o->a[hi].term] ? 1 - TITLE_SHARE : 1);
		places += c->is_place[o->a[hi].term];
		while (o->a[hi].pos - o->a[lo].pos >= RR_WINDOW) {
			if (--cnt[o->a[lo].term] == 0)
				cur -= c->idf[o->a[lo].term] *
				       (everywhere[o->a[lo].term] ? 1 - TITLE_SHARE : 1);
			places -= c->is_place[o->a[lo].term];
			lo++;
		}
		if (need_place && !places)
			continue;       /* a question's answer names its place */
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

/* Does some position of a have a position of b right after it (both sorted)? */
static int adjacent(const plist *a, const plist *b)
{
	size_t j = 0;

	for (size_t i = 0; i < a->n; i++) {
		while (j < b->n && b->a[j] <= a->a[i])
			j++;
		if (j < b->n && b->a[j] == a->a[i] + 1)
			return 1;
	}
	return 0;
}

/* The query's word pairs (stopwords included, not both stopwords) that the
 * passage's text has side by side: "represented the AFC" in a passage
 * that says "represented the AFC".  s->o must hold the query stems'
 * positions, sorted. */
static int word_pairs(const rr_ctx *c, xc_docid did, scratch *s, unsigned *out, xc_error *xe)
{
	int seq_of[MAX_STEMS];
	int rc = XC_OK;

	*out = 0;
	for (size_t i = 0; i < MAX_STEMS; i++)
		seq_of[i] = -1;
	for (size_t u = 0; u < c->seq.n_uniq && rc == XC_OK; u++) {
		s->seq[u].n = 0;
		if (c->seq.stem[u] >= 0)
			seq_of[c->seq.stem[u]] = (int)u;
		else    /* a stopword (or a stem past MAX_STEMS): positions not read yet */
			rc = xc_doc_positions(c->req->db, did, c->seq.uniq[u], push_plain, &s->seq[u], xe);
	}
	/* The query stems' positions (their entity's mentions included), in order. */
	for (size_t k = 0; k < s->o.n; k++)
		if (seq_of[s->o.a[k].term] >= 0)
			push_plain(s->o.a[k].pos, &s->seq[seq_of[s->o.a[k].term]]);
	for (size_t k = 0; rc == XC_OK && k + 1 < c->seq.n; k++) {
		size_t a = c->seq.of[k], b = c->seq.of[k + 1];
		if (!(c->seq.stop[a] && c->seq.stop[b]) && adjacent(&s->seq[a], &s->seq[b]))
			(*out)++;
	}
	return rc;
}

static double idf_of(uint32_t N, uint32_t tf)
{
	double v = log(((double)N - tf + 0.5) / ((double)tf + 0.5));
	return v > 0 ? v : 0;
}

static double term_idf(const xc_db *db, uint32_t N, const char *t, uint32_t *tf, xc_error *xe,
		       int *rc)
{
	*tf = 0;
	if (*rc == XC_OK)
		*rc = xc_db_termfreq(db, t, tf, xe);
	return idf_of(N, *tf);
}

/* The stem indexes in byte order of the stems (insertion sort: n is small). */
static void sort_stems(rr_ctx *c)
{
	for (size_t i = 0; i < c->n; i++) {
		size_t j = i;
		while (j > 0 && strcmp(c->req->parsed->stems[c->order[j - 1]],
				       c->req->parsed->stems[i]) > 0) {
			c->order[j] = c->order[j - 1];
			j--;
		}
		c->order[j] = i;
	}
}

static void make_word_seq(word_seq *w, const qy_parsed_query *pq)
{
	w->n = pq->n_sequence < MAX_SEQ ? pq->n_sequence : MAX_SEQ;
	for (size_t k = 0; k < w->n; k++) {
		const char *t = pq->sequence[k];
		size_t u = 0;
		while (u < w->n_uniq && strcmp(w->uniq[u], t) != 0)
			u++;
		if (u == w->n_uniq) {
			w->uniq[u] = t;
			w->stop[u] = qy_is_stopword_stem(t, strlen(t));
			w->stem[u] = -1;
			for (size_t i = 0; i < pq->n_stems && i < MAX_STEMS; i++)
				if (strcmp(pq->stems[i], t) == 0)
					w->stem[u] = (int)i;
			w->n_uniq++;
		}
		w->of[k] = u;
	}
}

static int ctx_init(rr_ctx *c, const qy_rank_request *req, xc_error *xe)
{
	const qy_parsed_query *pq = req->parsed;
	uint32_t N = 0;
	int rc = xc_db_doccount(req->db, &N, xe);

	memset(c, 0, sizeof *c);
	c->req = req;
	c->n = n_stems(req);
	c->n_ent = pq->n_entity_terms < MAX_ENTS ? pq->n_entity_terms : MAX_ENTS;
	for (size_t i = 0; i < c->n; i++) {
		uint32_t tf, etf;
		c->idf[i] = term_idf(req->db, N, pq->stems[i], &tf, xe, &rc);
		size_t e = pq->stem_entity ? pq->stem_entity[i] : 0;
		c->ent_of[i] = e <= c->n_ent ? e : 0;
		if (c->ent_of[i]) {
			/* The entity's other names count as the word; when the
			 * spelling typed is the rarer one, its rarity is the
			 * entity's. */
			double ei = term_idf(req->db, N, pq->entity_terms[e - 1], &etf, xe, &rc);
			if ((uint64_t)tf * 2 < etf)
				c->idf[i] = ei;
		}
	}
	sort_stems(c);
	make_word_seq(&c->seq, pq);
	if (req->question && req->place && req->question->family != QY_FAM_NONE) {
		c->q.on = 1;
		snprintf(c->q.place, sizeof c->q.place, "%s%s", QY_PREFIX_PLACE, req->place);
		uint32_t tf;
		c->q.place_idf = term_idf(req->db, N, c->q.place, &tf, xe, &rc);
		c->q.n_fam = qy_family_stems(req->question->family, &c->q.fam);
		c->q.present = req->question->present;
		for (size_t i = 0; i < c->n; i++)
			if (c->ent_of[i] && strcmp(pq->entity_terms[c->ent_of[i] - 1], c->q.place) == 0)
				c->is_place[i] = c->has_place_stem = 1;
	}
	/* The wording parts: see ASK_PAIR_WEIGHT. */
	c->wording_on = rc == XC_OK && req->asks && !c->q.on;
	c->soft_on = c->wording_on &&
		     qy_soft_query_init(&c->soft, req->vectors, pq->stems, c->idf, c->n);
	return rc;
}

/* Smallest distance between a position of a and one of b (both sorted). */
static uint32_t min_gap(const plist *a, const plist *b)
{
	uint32_t best = UINT32_MAX;
	size_t i = 0, j = 0;

	while (i < a->n && j < b->n) {
		uint32_t x = a->a[i], y = b->a[j];
		uint32_t d = x > y ? x - y : y - x;
		if (d < best)
			best = d;
		if (x < y)
			i++;
		else
			j++;
	}
	return best;
}

/* The question's part of the bonus: the place held (in the text or the
 * title), a predicate of the family near a mention of it, an actor. */
static int question_bonus(const rr_ctx *c, xc_docid did, const facts *f, scratch *s,
			  double *out, xc_error *xe)
{
	int rc = XC_OK;

	*out = 0;
	if (!f->wdf_place)
		return XC_OK;
	s->place.n = 0;
	s->pred.n = 0;
	rc = xc_doc_positions(c->req->db, did, c->q.place, push_plain, &s->place, xe);
	for (size_t k = 0; k < c->q.n_fam && rc == XC_OK; k++)
		rc = xc_doc_positions(c->req->db, did, c->q.fam[k], push_plain, &s->pred, xe);
	if (rc != XC_OK)
		return rc;
	int in_title = f->wdf_place > mentions(&s->place);
	qsort(s->pred.a, s->pred.n, sizeof *s->pred.a, u32_cmp);
	double near = 0;
	uint32_t gap = s->place.n && s->pred.n ? min_gap(&s->place, &s->pred) : UINT32_MAX;
	if (gap <= Q_PRED_GAP)
		near = gap <= 1 ? 1 : 2.0 / (gap + 1);   /* adjacent 1, two apart 2/3, ... */
	if (in_title && s->pred.n && near < TITLE_SHARE * 2.0 / (Q_PRED_GAP + 1))
		near = TITLE_SHARE * 2.0 / (Q_PRED_GAP + 1);
	*out = c->q.place_idf * (Q_PLACE_WEIGHT + Q_TITLE_WEIGHT * in_title +
				 Q_PRED_WEIGHT * near + Q_ACTOR_WEIGHT * f->actor);
	return XC_OK;
}

/* "YYYYMMDD" as a day count (months of 31 days: only the order and rough
 * distances matter); -1 when absent. */
static double day_number(const char *v, size_t len)
{
	if (len != 8)
		return -1;
	for (size_t i = 0; i < 8; i++)
		if (v[i] < '0' || v[i] > '9')
			return -1;
	int y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
	int m = (v[4] - '0') * 10 + (v[5] - '0');
	int d = (v[6] - '0') * 10 + (v[7] - '0');
	return y * 372.0 + m * 31.0 + d;
}

/* What the rerank reads from a passage's values: its date as a day number
 * (-1: undated or not needed), and its nearness in meaning to the query
 * (searcher/meaning.h; 0 without sentence vectors). */
typedef struct passage_vals {
	double day;
	double near;
} passage_vals;

static int read_value(xc_doc *doc, xc_slot slot, char **v, size_t *len, xc_error *xe)
{
	*v = NULL;
	*len = 0;
	return xc_doc_get_value(doc, slot, v, len, xe);
}

/* The passage's termlist (which query, entity and actor terms it holds, and
 * how often) and the values the question needs, from one document read. */
static int passage_doc(const rr_ctx *c, xc_docid did, facts *f, passage_vals *pv, xc_error *xe)
{
	xc_doc *doc = NULL;
	char *v = NULL;
	size_t len = 0;
	int rc = xc_db_get_document(c->req->db, did, &doc, xe);

	pv->day = -1;
	pv->near = 0;
	if (rc == XC_OK)
		rc = xc_doc_terms(doc, note_term, f, xe);
	if (rc == XC_OK && c->q.on && c->q.present &&
	    (rc = read_value(doc, QY_SLOT_DATE, &v, &len, xe)) == XC_OK)
		pv->day = day_number(v, len);
	free(v);
	v = NULL;
	if (rc == XC_OK && c->req->meaning &&
	    (rc = read_value(doc, QY_SLOT_MEANING, &v, &len, xe)) == XC_OK)
		pv->near = qy_meaning_nearness(c->req->meaning, v, len);
	free(v);
	xc_doc_free(doc);
	return rc;
}

/* The semantic part of the bonus: the passage's match to the query's
 * content words by word vectors (searcher/soft_match.h). */
static double semantic_bonus(const rr_ctx *c, const facts *f, const unsigned *npos,
			     const unsigned *nment)
{
	unsigned char matched[MAX_STEMS], in_text[MAX_STEMS];

	for (size_t i = 0; i < c->n; i++) {
		size_t e = c->ent_of[i];
		matched[i] = f->wdf_stem[i] > 0 || (e && f->wdf_ent[e - 1] > 0);
		in_text[i] = npos[i] > 0 || (e && nment[e - 1] > 0);
	}
	qy_soft_features sf = qy_soft_score(&c->soft, f->soft, matched, in_text);
	return ASK_COVERAGE_WEIGHT * sf.coverage + ASK_SOFT_WEIGHT * sf.soft +
	       ASK_CLOSE_WEIGHT * sf.close + ASK_CENTROID_WEIGHT * sf.centroid;
}

/* The wording parts of the bonus (ASK_PAIR_WEIGHT), added to *out; s->o
 * holds the query stems' positions, sorted, and pair_sum is their pairs(). */
static int wording_bonus(const rr_ctx *c, xc_docid did, scratch *s, const facts *f,
			 const unsigned *npos, const unsigned *nment, double pair_sum, double *out,
			 xc_error *xe)
{
	unsigned wp = 0;
	int rc = word_pairs(c, did, s, &wp, xe);

	*out += ASK_PAIR_WEIGHT * pair_sum +
		ASK_WORD_PAIRS_WEIGHT * wp / (double)(c->seq.n > 1 ? c->seq.n - 1 : 1);
	if (c->soft_on)
		*out += semantic_bonus(c, f, npos, nment);
	return rc;
}

/* The bonus of one passage, in BM25's units (idf sums); *pv gets its date
 * for the recency part and its nearness in meaning (passage_vals). */
static int bonus(const rr_ctx *c, xc_docid did, scratch *s, double *out, passage_vals *pv,
		 xc_error *xe)
{
	const qy_parsed_query *pq = c->req->parsed;
	unsigned npos[MAX_STEMS] = { 0 }, nment[MAX_ENTS] = { 0 };
	unsigned char everywhere[MAX_STEMS];
	facts f;
	double base = 0, q = 0;
	int rc = XC_OK;

	s->o.n = 0;
	for (size_t i = 0; i < c->n && rc == XC_OK; i++) {
		size_t before = s->o.n;
		s->o.term = (uint32_t)i;
		rc = xc_doc_positions(c->req->db, did, pq->stems[i], push_pos, &s->o, xe);
		npos[i] = (unsigned)(s->o.n - before);
	}
	/* An entity's mentions, in any spelling, count as its words. */
	for (size_t e = 0; e < c->n_ent && rc == XC_OK; e++) {
		s->ent.n = 0;
		rc = xc_doc_positions(c->req->db, did, pq->entity_terms[e], push_plain, &s->ent, xe);
		nment[e] = mentions(&s->ent);
		for (size_t i = 0; i < c->n && rc == XC_OK; i++) {
			if (c->ent_of[i] != e + 1)
				continue;
			s->o.term = (uint32_t)i;
			for (size_t k = 0; k < s->ent.n; k++)
				push_pos(s->ent.a[k], &s->o);
		}
	}
	memset(&f, 0, sizeof f);
	f.c = c;
	if (c->soft_on) {
		qy_soft_passage_reset(&s->soft, &c->soft);
		f.soft = &s->soft;
	}
	if (rc == XC_OK)
		rc = passage_doc(c, did, &f, pv, xe);
	if (rc == XC_OK && c->q.on)
		rc = question_bonus(c, did, &f, s, &q, xe);
	memset(everywhere, 0, sizeof everywhere);
	for (size_t i = 0; i < c->n; i++) {
		size_t e = c->ent_of[i];
		everywhere[i] = f.wdf_stem[i] > npos[i] || (e && f.wdf_ent[e - 1] > nment[e - 1]);
		if (everywhere[i])
			base += c->idf[i] * TITLE_SHARE;
	}
	if (s->o.n > 1)
		qsort(s->o.a, s->o.n, sizeof *s->o.a, occ_cmp);
	double pair_sum = pairs(&s->o, c->idf, c->n);
	*out = RR_WINDOW_WEIGHT * (base + best_window(c, &s->o, everywhere)) +
	       PAIR_WEIGHT * pair_sum + q;
	if (rc == XC_OK && c->wording_on)
		rc = wording_bonus(c, did, s, &f, npos, nment, pair_sum, out, xe);
	return rc;
}

/* For a question about now, the pool's newest dated passage gains
 * Q_RECENT_WEIGHT x the place's idf, the oldest nothing, linearly between. */
static void add_recency(const rr_ctx *c, double *add, const passage_vals *pv, size_t pool)
{
	double lo = -1, hi = -1;

	if (!c->q.on || !c->q.present)
		return;
	for (size_t d = 0; d < pool; d++) {
		if (pv[d].day < 0)
			continue;
		if (lo < 0 || pv[d].day < lo)
			lo = pv[d].day;
		if (pv[d].day > hi)
			hi = pv[d].day;
	}
	if (hi <= lo)
		return;
	for (size_t d = 0; d < pool; d++)
		if (pv[d].day >= 0)
			add[d] += Q_RECENT_WEIGHT * c->q.place_idf * (pv[d].day - lo) / (hi - lo);
}

/* Last, each pooled passage gains its nearness in meaning to the query
 * (0 without sentence vectors) times the pool's best score so far
 * (searcher/meaning.h). */
static void add_meaning(qy_candidate *it, const passage_vals *pv, size_t pool)
{
	double best = 0;

	for (size_t d = 0; d < pool; d++)
		if (it[d].score > best)
			best = it[d].score;
	for (size_t d = 0; d < pool; d++)
		it[d].score += best * pv[d].near;
}

/* Adds their bonus to the pool it[0..pool)'s BM25 scores (the caller
 * sorts).  A backend without positional data (some remote setups) keeps
 * BM25's scores. */
static int rerank(const qy_rank_request *req, qy_candidate *it, size_t pool, xc_error *xe)
{
	rr_ctx c;
	scratch s;
	double *add;
	passage_vals *pv;
	int rc;

	if (!pool || !req->parsed || n_stems(req) < 2)
		return XC_OK;
	if ((rc = ctx_init(&c, req, xe)) != XC_OK)
		return rc;   /* the soft match is set up only when it succeeds */
	memset(&s, 0, sizeof s);
	if (c.soft_on)
		qy_soft_passage_init(&s.soft, &c.soft);
	add = qy_calloc(pool, sizeof *add);
	pv = qy_calloc(pool, sizeof *pv);
	for (size_t d = 0; d < pool && rc == XC_OK; d++)
		rc = bonus(&c, it[d].docid, &s, &add[d], &pv[d], xe);
	scratch_free(&s);
	qy_soft_query_free(&c.soft);
	if (rc == XC_OK) {
		add_recency(&c, add, pv, pool);
		for (size_t d = 0; d < pool; d++)
			it[d].score += add[d];
		add_meaning(it, pv, pool);
	} else if (rc == XC_UNIMPLEMENTED) {
		rc = XC_OK;
	}
	free(add);
	free(pv);
	return rc;
}

/* rerank() as per_article.h's rescore. */
static int rerank_pool(qy_candidate *c, size_t pool, void *req, xc_error *xe)
{
	return rerank(req, c, pool, xe);
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

/* The match's passages, best first, with their articles when the request
 * caps them per article; enough of them that the cap still leaves `need`
 * when that many match (per_article.h). */
static int fetch(const qy_rank_request *req, const xc_query *q, unsigned need,
		 qy_candidate **out, size_t *n, uint64_t *estimated, xc_error *xe)
{
	unsigned cap = req->per_article;
	xc_mset *m = NULL;
	int rc = run(req, q, qy_match_collapse(cap), qy_match_count(need, cap), &m, NULL, xe);

	*out = NULL;
	*n = 0;
	if (rc != XC_OK)
		return rc;
	size_t len = xc_mset_size(m);
	qy_candidate *c = qy_calloc(len ? len : 1, sizeof *c);
	for (size_t i = 0; i < len && rc == XC_OK; i++) {
		c[i].docid = xc_mset_docid(m, i);
		c[i].score = xc_mset_weight(m, i);
		if (cap && (rc = xc_mset_collapse_key(m, i, &c[i].article, NULL, xe)) == XC_OK &&
		    !c[i].article[0]) {
			free(c[i].article);
			c[i].article = NULL;
		}
	}
	*estimated = xc_mset_matches_estimated(m);
	xc_mset_free(m);
	if (rc != XC_OK) {
		qy_candidates_free(c, len);
		return rc;
	}
	*out = c;
	*n = len;
	return XC_OK;
}

int qy_rank(const qy_rank_request *req, qy_ranking *out, xc_error *xe)
{
	xc_query *q = NULL;
	qy_candidate *all = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof *out);
	/* The first RR_POOL passages are always fetched and reranked, so
	 * every page is cut from the same order. */
	unsigned need = req->limit > UINT32_MAX - req->offset ? UINT32_MAX : req->offset + req->limit;
	if (need < RR_POOL)
		need = RR_POOL;
	if ((rc = build_query(req, &q, xe)) != XC_OK)
		return rc;
	rc = fetch(req, q, need, &all, &n, &out->estimated, xe);
	xc_query_free(q);
	if (rc != XC_OK)
		return rc;
	if ((rc = qy_order_candidates(all, n, req->per_article, RR_POOL, rerank_pool, (void *)req,
				      &n, xe)) != XC_OK) {
		qy_candidates_free(all, n);
		return rc;
	}
	size_t first = req->offset < n ? req->offset : n;
	size_t cnt = n - first < req->limit ? n - first : req->limit;
	out->items = qy_calloc(cnt ? cnt : 1, sizeof *out->items);
	for (size_t i = 0; i < cnt; i++)
		out->items[i] = (qy_ranked){ all[first + i].docid, all[first + i].score };
	out->count = cnt;
	qy_candidates_free(all, n);
	return XC_OK;
}

void qy_ranking_free(qy_ranking *r)
{
	free(r->items);
	memset(r, 0, sizeof *r);
}
