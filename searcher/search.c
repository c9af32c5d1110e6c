/* search.c - Enquire over the passage index and turning matches into hits. */
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/dates.h"
#include "../analysis/sentence_encoder.h"
#include "../analysis/tokenizer.h"
#include "../schema/format_check.h"
#include "../schema/schema.h"
#include "../util/buf.h"
#include "../util/xapian_error.h"
#include "answering.h"
#include "entity_hooks.h"
#include "meaning.h"
#include "rank.h"

/* DatabaseModifiedError means a writer committed under us: reopen, retry. */
#define MODIFIED_RETRIES 3

struct qy_searcher {
	const qy_gazetteer *gaz;
	char *vectors_dir;              /* NULL: no word vectors */
	qy_stem_vectors *vectors;       /* read at the first question that needs them */
	qy_sentence_encoder *encoder;   /* likewise, in an index with sentence vectors */
	xc_db *db;
	qy_stemmer *stemmer;
	char *path;
};

static int check_format(qy_searcher *s, qy_err *err)
{
	int blank;
	int rc = qy_check_index_format(s->db, s->path, &blank, err);
	if (rc == QUARRY_OK && blank)
		rc = qy_err_set(err, QUARRY_ENOTFOUND, "%s: empty index (run quarry-index first)", s->path);
	return rc;
}

int qy_searcher_open(qy_searcher **out, const char *path, const qy_gazetteer *gaz,
		     const char *vectors_dir, qy_err *err)
{
	xc_error xe;
	qy_searcher *s = qy_calloc(1, sizeof *s);
	s->gaz = gaz;
	s->vectors_dir = vectors_dir ? qy_strdup(vectors_dir) : NULL;
	s->path = qy_strdup(path);
	int rc = QUARRY_OK;
	if (xc_db_open(&s->db, path, &xe) != XC_OK) {
		rc = qy_err_from_xc(err, &xe, path);
		if (rc == QUARRY_ENOTFOUND)
			qy_err_set(err, rc, "%s: no quarry index here (create one with quarry-index)", path);
	}
	if (rc == QUARRY_OK)
		rc = check_format(s, err);
	if (rc == QUARRY_OK && !(s->stemmer = qy_stemmer_new()))
		rc = qy_err_set(err, QUARRY_ERROR, "libstemmer has no English stemmer");
	if (rc != QUARRY_OK) {
		qy_searcher_free(s);
		return rc;
	}
	*out = s;
	return QUARRY_OK;
}

void qy_searcher_free(qy_searcher *s)
{
	if (!s)
		return;
	xc_db_free(s->db);
	qy_stemmer_free(s->stemmer);
	qy_stem_vectors_free(s->vectors);
	qy_sentence_encoder_free(s->encoder);
	free(s->vectors_dir);
	free(s->path);
	free(s);
}

/* A month that exists, and a day that exists in its month. */
static int date_bound_valid(const char *s, size_t len)
{
	int y, m, d;
	if (len == 4)
		return 0;
	if (len == 10)
		return qy_date_parse(s, &y, &m, &d);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	return m >= 1 && m <= 12 ? 0 : -1;
}

int qy_date_bound(const char *s, char pad, char out[9])
{
	static const char *shapes[] = { "dddd", "dddd-dd", "dddd-dd-dd" };
	size_t len = strlen(s);
	for (size_t k = 0; k < 3; k++) {
		if (len != strlen(shapes[k]))
			continue;
		size_t o = 0;
		for (size_t i = 0; i < len; i++) {
			if (shapes[k][i] == '-') {
				if (s[i] != '-')
					return -1;
			} else if (s[i] < '0' || s[i] > '9') {
				return -1;
			} else {
				out[o++] = s[i];
			}
		}
		while (o < 8)
			out[o++] = pad;
		out[8] = '\0';
		return date_bound_valid(s, len);
	}
	return -1;
}

/* Wraps q in a filter on the date slot when a range is asked for. */
static int add_date_filter(xc_query **q, const qy_search_params *p, qy_err *err)
{
	char lo[9], hi[9];
	xc_error xe;
	xc_query *range, *filtered;

	if (!p->since && !p->until)
		return QUARRY_OK;
	if (p->since && qy_date_bound(p->since, '0', lo) != 0)
		return qy_err_set(err, QUARRY_EINVAL, "--since '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", p->since);
	if (p->until && qy_date_bound(p->until, '9', hi) != 0)
		return qy_err_set(err, QUARRY_EINVAL, "--until '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", p->until);
	if (xc_query_value_range(&range, QY_SLOT_DATE, p->since ? lo : NULL, p->until ? hi : NULL, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, "date range");
	const xc_query *pair[2] = { *q, range };
	int rc = xc_query_combine(&filtered, XC_OP_FILTER, pair, 2, 0, &xe);
	xc_query_free(range);
	if (rc != XC_OK)
		return qy_err_from_xc(err, &xe, "date range");
	xc_query_free(*q);
	*q = filtered;
	return QUARRY_OK;
}

static int is_query_stem(const qy_parsed_query *pq, const char *stem, size_t len)
{
	for (size_t i = 0; i < pq->n_stems; i++)
		if (strlen(pq->stems[i]) == len && memcmp(pq->stems[i], stem, len) == 0)
			return 1;
	return 0;
}

typedef struct highlight_ctx {
	const qy_parsed_query *pq;
	qy_hit *hit;
} highlight_ctx;

static int mark_if_asked(const qy_token *tok, unsigned index, const char *stem, size_t len,
			 void *payload)
{
	highlight_ctx *c = payload;
	(void)index;
	if (is_query_stem(c->pq, stem, len))
		qy_spans_push(&c->hit->highlights, tok->start, tok->end);
	return 0;
}

/* Marks the words of the passage whose stems the query asked for. */
static void find_highlights(qy_searcher *s, const qy_parsed_query *pq, qy_hit *hit)
{
	highlight_ctx c = { pq, hit };
	qy_stem_each(s->stemmer, hit->rec.text, hit->rec.text_len, mark_if_asked, &c);
}

static int read_record(qy_searcher *s, xc_docid did, qy_record *out, qy_err *err)
{
	xc_error xe;
	xc_doc *doc;
	const char *data;
	size_t len;

	if (xc_db_get_document(s->db, did, &doc, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, "reading a result");
	int rc = QUARRY_OK;
	if (xc_doc_get_data(doc, &data, &len, &xe) != XC_OK)
		rc = qy_err_from_xc(err, &xe, "reading a result");
	else
		rc = qy_record_decode(data, len, out, err);
	xc_doc_free(doc);
	return rc;
}

static int fetch_hits(qy_searcher *s, const qy_parsed_query *pq, const qy_ranking *ranking,
		      qy_hits *out, qy_err *err)
{
	out->items = qy_calloc(ranking->count ? ranking->count : 1, sizeof *out->items);
	out->estimated = ranking->estimated;
	for (size_t i = 0; i < ranking->count; i++) {
		int rc = read_record(s, ranking->items[i].docid, &out->items[out->count].rec, err);
		if (rc != QUARRY_OK)
			return rc;
		qy_hit *hit = &out->items[out->count++];
		hit->score = ranking->items[i].score;
		find_highlights(s, pq, hit);
	}
	return QUARRY_OK;
}

/* A query that ends with a question mark (trailing blanks aside). */
static int asks_question(const char *query)
{
	size_t n = strlen(query);

	while (n > 0 && (query[n - 1] == ' ' || query[n - 1] == '\t' || query[n - 1] == '\n' ||
			 query[n - 1] == '\r'))
		n--;
	return n > 0 && query[n - 1] == '?';
}

/* The answer block: the claims of the best passages that mention the
 * question's place (up to QY_ANSWER_PASSAGES of them, any article). */
static int answer_question(qy_searcher *s, const qy_parsed_query *pq, const xc_query *q,
			   const char *query, int asks, const qy_question *qq, const char *place,
			   const qy_search_params *p, qy_hits *out, qy_err *err)
{
	xc_error xe;
	xc_query *place_term = NULL, *about = NULL;
	qy_ranking ranking = { NULL, 0, 0 };
	qy_record *recs = NULL;
	size_t n = 0;
	char term[XC_MAX_TERM_BYTES + 1];

	snprintf(term, sizeof term, "%s%s", QY_PREFIX_PLACE, place);
	int rc = QUARRY_OK;
	const xc_query *pair[2] = { q, NULL };
	if (xc_query_term(&place_term, term, strlen(term), 1, 0, &xe) != XC_OK ||
	    !(pair[1] = place_term) ||
	    xc_query_combine(&about, XC_OP_FILTER, pair, 2, 0, &xe) != XC_OK)
		rc = qy_err_from_xc(err, &xe, "answer");
	qy_rank_request req = { s->db, pq, about, 0, QY_ANSWER_PASSAGES, 0, NULL, NULL,
				s->vectors, asks, NULL };
	if (rc == QUARRY_OK && qy_rank(&req, &ranking, &xe) != XC_OK)
		rc = qy_err_from_xc(err, &xe, s->path);
	if (rc == QUARRY_OK)
		recs = qy_calloc(ranking.count ? ranking.count : 1, sizeof *recs);
	for (size_t i = 0; rc == QUARRY_OK && i < ranking.count; i++)
		if ((rc = read_record(s, ranking.items[i].docid, &recs[n], err)) == QUARRY_OK)
			n++;
	if (rc == QUARRY_OK) {
		out->answer = qy_calloc(1, sizeof *out->answer);
		qy_answer_from_records(out->answer, s->gaz, query, qq, place, p->as_of, recs, n);
	}
	for (size_t i = 0; i < n; i++)
		qy_record_free(&recs[i]);
	free(recs);
	qy_ranking_free(&ranking);
	xc_query_free(about);
	xc_query_free(place_term);
	return rc;
}

static int count_facets(qy_searcher *s, const qy_parsed_query *pq, const xc_query *q,
			int asks, const qy_search_params *p, qy_hits *out, qy_err *err)
{
	xc_error xe;
	qy_ranking ranking;
	/* Every matching passage counts, not only those a page would show. */
	/* Counting needs no order: no meaning part. */
	qy_rank_request req = { s->db, pq, q, 0, p->facets, 0, NULL, NULL, s->vectors, asks, NULL };

	if (qy_rank(&req, &ranking, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, s->path);
	int rc = qy_facets_count(s->db, s->gaz, &ranking, &out->facets, &xe);
	qy_ranking_free(&ranking);
	return rc == XC_OK ? QUARRY_OK : qy_err_from_xc(err, &xe, "facets");
}

static void free_answer(qy_hits *hits)
{
	if (hits->answer) {
		qy_answer_free(hits->answer);
		free(hits->answer);
		hits->answer = NULL;
	}
}

/* The word vectors, for a question put with a question mark; read once. */
static int vectors_for(qy_searcher *s, int asks, qy_err *err)
{
	if (!asks || s->vectors || !s->vectors_dir)
		return QUARRY_OK;
	return qy_stem_vectors_load(&s->vectors, s->vectors_dir, err);
}

/* In an index built with sentence vectors, for a query that reads as a
 * sentence and has no features of its own (own_features: see run_once):
 * the query's vector into vec, and *out = vec (else NULL).  The meaning of
 * the whole query helps questions with or without the mark and topic
 * statements alike (Cranfield's), unlike the wording parts; keywords are
 * too short to have one.  The encoder is read at the first such query. */
static int meaning_for(qy_searcher *s, int own_features, const char *query, float *vec,
		       const float **out, qy_err *err)
{
	int has = 0;

	*out = NULL;
	if (own_features || !s->vectors_dir)
		return QUARRY_OK;
	int rc = qy_index_has_vectors(s->db, s->path, &has, err);
	if (rc != QUARRY_OK || !has || qy_meaning_words(query) < QY_MEANING_MIN_WORDS)
		return rc;
	if (!s->encoder && (rc = qy_sentence_encoder_load(&s->encoder, s->vectors_dir, err)) != QUARRY_OK)
		return rc;
	qy_sentence_encode(s->encoder, query, strlen(query), vec);
	*out = vec;
	return QUARRY_OK;
}

static int run_once(qy_searcher *s, const qy_parsed_query *pq, const xc_query *q,
		    const char *query, const qy_search_params *p, qy_hits *out, qy_err *err)
{
	xc_error xe;
	qy_ranking ranking;
	qy_question qq;

	memset(&qq, 0, sizeof qq);
	const char *place = qy_question_place(s->gaz, query, &qq);
	/* A question of a family about a known place has its own features
	 * instead of the wording parts (docs/ranking.md). */
	int own_features = place && qq.family != QY_FAM_NONE;
	int asks = asks_question(query) && !own_features;
	float vec[QY_ENCODER_DIMS];
	const float *meaning = NULL;
	int rc = vectors_for(s, asks, err);
	if (rc == QUARRY_OK)
		rc = meaning_for(s, own_features, query, vec, &meaning, err);
	if (rc != QUARRY_OK)
		return rc;
	qy_rank_request req = { s->db, pq, q, p->offset, p->limit, p->per_article,
				place ? &qq : NULL, place, s->vectors, asks, meaning };

	if (qy_rank(&req, &ranking, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, s->path);
	rc = fetch_hits(s, pq, &ranking, out, err);
	qy_ranking_free(&ranking);
	if (p->answer && rc == QUARRY_OK && place)
		rc = answer_question(s, pq, q, query, asks, &qq, place, p, out, err);
	if (rc == QUARRY_OK && p->facets)
		rc = count_facets(s, pq, q, asks, p, out, err);
	return rc;
}

int qy_searcher_run(qy_searcher *s, const char *query, const qy_search_params *p,
		    qy_hits *out, qy_err *err)
{
	qy_parsed_query pq;
	memset(out, 0, sizeof *out);
	qy_query_hooks hooks = qy_entity_hooks(s->gaz);
	int rc = qy_query_parse_hooked(&pq, query, s->stemmer, &hooks, err);
	if (rc != QUARRY_OK)
		return rc;
	xc_query *q = pq.query;
	pq.query = NULL;
	qy_search_params params = *p;
	if (p->as_of && !p->until)
		params.until = p->as_of;   /* as of a day: nothing written after it */
	rc = add_date_filter(&q, &params, err);
	for (int attempt = 0; rc == QUARRY_OK; attempt++) {
		rc = run_once(s, &pq, q, query, &params, out, err);
		if (rc != QUARRY_EMODIFIED || attempt == MODIFIED_RETRIES)
			break;
		qy_hits_free(out);
		xc_error xe;
		rc = xc_db_reopen(s->db, NULL, &xe) == XC_OK ? QUARRY_OK : qy_err_from_xc(err, &xe, s->path);
	}
	if (rc != QUARRY_OK)
		qy_hits_free(out);
	xc_query_free(q);
	qy_parsed_query_free(&pq);
	return rc;
}

void qy_hits_free(qy_hits *hits)
{
	for (size_t i = 0; i < hits->count; i++) {
		qy_record_free(&hits->items[i].rec);
		qy_spans_free(&hits->items[i].highlights);
	}
	free(hits->items);
	free_answer(hits);
	qy_facets_free(&hits->facets);
	memset(hits, 0, sizeof *hits);
}
