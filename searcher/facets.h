/*
 * facets.h - the entities most frequent among the passages that match a
 * query: "which places, actors, people and organisations does this
 * question's evidence talk about".
 */
#ifndef QY_FACETS_H
#define QY_FACETS_H

#include <stddef.h>

#include "../analysis/gazetteer.h"
#include "../util/error.h"
#include "../xapian-c/xapian_c.h"
#include "rank.h"

#define QY_FACETS_PER_TYPE 10   /* entities listed per type */

typedef struct qy_facet {
	qy_entity_type type;
	char *id;              /* canonical id, or the folded key of an unknown name */
	const char *name;      /* display name (gazetteer-owned, or own_name) */
	char *own_name;        /* an unknown name's key with spaces for '_' */
	unsigned count;        /* matching passages that mention it */
} qy_facet;

typedef struct qy_facets {
	qy_facet *items;       /* grouped by type (place, actor, person, org, name),
				  most frequent first within a type */
	size_t count;
	size_t passages;       /* passages counted */
} qy_facets;

/* Counts the entity terms of the passages in ranking.  Returns an
 * xc_status (and Xapian's message in xe). */
int qy_facets_count(const xc_db *db, const qy_gazetteer *g, const qy_ranking *ranking,
		    qy_facets *out, xc_error *xe);
void qy_facets_free(qy_facets *f);

#endif
