/* rank.c - BM25 over passages with Xapian's matcher, one article collapsed. */
#include "rank.h"

#include <stdlib.h>
#include <string.h>

#include "../schema/schema.h"
#include "../util/buf.h"

/* BM25 parameters; docs/ranking.md records how they were chosen. */
#define BM25_K1 1.2
#define BM25_K2 0.0
#define BM25_K3 1.0
#define BM25_B 0.75
#define BM25_MIN_NORMLEN 0.5

int qy_rank(const qy_rank_request *req, qy_ranking *out, xc_error *xe)
{
	xc_enquire *enq = NULL;
	xc_mset *m = NULL;
	int rc = XC_OK;

	memset(out, 0, sizeof *out);
	if ((rc = xc_enquire_new(&enq, req->db, xe)) != XC_OK ||
	    (rc = xc_enquire_set_query(enq, req->query, xe)) != XC_OK ||
	    (rc = xc_enquire_set_bm25(enq, BM25_K1, BM25_K2, BM25_K3, BM25_B, BM25_MIN_NORMLEN, xe)) != XC_OK ||
	    (rc = xc_enquire_set_docid_order_ascending(enq, xe)) != XC_OK ||
	    (req->per_article &&
	     (rc = xc_enquire_set_collapse_key(enq, QY_SLOT_ARTICLE, req->per_article, xe)) != XC_OK) ||
	    (rc = xc_enquire_get_mset(enq, req->offset, req->limit, 0, &m, xe)) != XC_OK) {
		xc_enquire_free(enq);
		return rc;
	}
	size_t n = xc_mset_size(m);
	out->items = qy_calloc(n ? n : 1, sizeof *out->items);
	out->count = n;
	out->estimated = xc_mset_matches_estimated(m);
	for (size_t i = 0; i < n; i++) {
		out->items[i].docid = xc_mset_docid(m, i);
		out->items[i].score = xc_mset_weight(m, i);
	}
	xc_mset_free(m);
	xc_enquire_free(enq);
	return XC_OK;
}

void qy_ranking_free(qy_ranking *r)
{
	free(r->items);
	memset(r, 0, sizeof *r);
}
