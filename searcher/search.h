/*
 * search.h - runs a parsed query over the passage index: BM25 over
 * passages, at most N passages per article (Xapian's collapse on the
 * article slot), date range filter, then the stored records and the byte
 * ranges of the words that matched.
 */
#ifndef QY_SEARCH_H
#define QY_SEARCH_H

#include <stdint.h>

#include "../analysis/gazetteer.h"
#include "../analysis/span.h"
#include "../analysis/stem_vectors.h"
#include "../schema/record.h"
#include "../util/error.h"
#include "answer.h"
#include "facets.h"
#include "query_parser.h"

typedef struct qy_searcher qy_searcher;

typedef struct qy_search_params {
	unsigned limit;        /* passages wanted */
	unsigned offset;       /* passages skipped */
	unsigned per_article;  /* 0 = no limit */
	const char *since;     /* "YYYY", "YYYY-MM" or "YYYY-MM-DD"; NULL = open */
	const char *until;     /* inclusive, same forms */
	const char *as_of;     /* "YYYY-MM-DD": answer as of that day (and no
				  passage dated later, unless until says so) */
	int answer;            /* build an answer block for questions */
	unsigned facets;       /* count entities over this many top passages; 0 = none */
} qy_search_params;

typedef struct qy_hit {
	double score;
	qy_record rec;         /* owned */
	qy_spans highlights;   /* byte ranges of rec.text that matched */
} qy_hit;

typedef struct qy_hits {
	qy_hit *items;
	size_t count;
	uint64_t estimated;    /* matching passages in the whole index (estimate) */
	qy_answer *answer;     /* for a question about a known place; else NULL */
	qy_facets facets;      /* when asked for (count 0 otherwise) */
} qy_hits;

/* Opens an index directory or stub file for searching.  QUARRY_ENOTFOUND
 * when there is no index at path.  gaz (not owned; must outlive the
 * searcher; may be NULL) resolves entity names in queries.  vectors_dir
 * (copied; NULL = none) holds stem_vectors.bin, read the first time a
 * question put with a question mark needs it (docs/ranking.md): a process
 * that never asks one does not pay for the 7 MB. */
int qy_searcher_open(qy_searcher **out, const char *path, const qy_gazetteer *gaz,
		     const char *vectors_dir, qy_err *err);
void qy_searcher_free(qy_searcher *s);

/* Parses and runs query.  QUARRY_EINVAL / QUARRY_ENOTERMS for bad queries,
 * with a message naming the fault. */
int qy_searcher_run(qy_searcher *s, const char *query, const qy_search_params *params,
		    qy_hits *out, qy_err *err);

void qy_hits_free(qy_hits *hits);

/* Converts a date bound ("2022", "2022-07", "2022-07-03") into the 8-digit
 * form of the date slot, padding with pad ('0' for since, '9' for until).
 * Returns 0, or -1 when s is not such a date. */
int qy_date_bound(const char *s, char pad, char out[9]);

#endif
