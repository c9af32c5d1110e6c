/* facets.c - counting entity terms over the top passages. */
#include "facets.h"

#include <stdlib.h>
#include <string.h>

#include "../schema/schema.h"
#include "../util/buf.h"

typedef struct tally {
	qy_facet *items;
	size_t count, cap;
} tally;

/* Entity terms of one passage, each counted once for that passage. */
static int count_term(const char *term, size_t len, uint32_t wdf, void *payload)
{
	tally *t = payload;
	(void)wdf;
	for (int type = 0; type < QY_ENT_TYPES; type++) {
		const char *prefix = qy_entity_prefix(type);
		size_t pl = strlen(prefix);
		if (len <= pl || memcmp(term, prefix, pl) != 0)
			continue;
		/* "XP" must not claim "XPx" terms of a longer prefix: none of
		 * quarry's entity prefixes is a prefix of another. */
		for (size_t i = 0; i < t->count; i++)
			if ((int)t->items[i].type == type && strlen(t->items[i].id) == len - pl &&
			    memcmp(t->items[i].id, term + pl, len - pl) == 0) {
				t->items[i].count++;
				return 0;
			}
		if (t->count == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 64;
			t->items = qy_realloc(t->items, t->cap * sizeof *t->items);
		}
		t->items[t->count++] = (qy_facet){ type, qy_strndup(term + pl, len - pl), NULL, NULL, 1 };
		return 0;
	}
	return 0;
}

static int by_type_then_count(const void *a, const void *b)
{
	const qy_facet *x = a, *y = b;
	if (x->type != y->type)
		return (int)x->type - (int)y->type;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Keeps the QY_FACETS_PER_TYPE most frequent of each type. */
static void keep_top(tally *t)
{
	size_t kept = 0, in_type = 0;
	qsort(t->items, t->count, sizeof *t->items, by_type_then_count);
	for (size_t i = 0; i < t->count; i++) {
		in_type = i > 0 && t->items[i].type == t->items[i - 1].type ? in_type + 1 : 0;
		if (in_type < QY_FACETS_PER_TYPE)
			t->items[kept++] = t->items[i];
		else
			free(t->items[i].id);   /* own_name is set only after this */
	}
	t->count = kept;
}

int qy_facets_count(const xc_db *db, const qy_gazetteer *g, const qy_ranking *ranking,
		    qy_facets *out, xc_error *xe)
{
	tally t = { NULL, 0, 0 };
	int rc = XC_OK;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; rc == XC_OK && i < ranking->count; i++) {
		xc_doc *doc;
		rc = xc_db_get_document(db, ranking->items[i].docid, &doc, xe);
		if (rc == XC_OK) {
			rc = xc_doc_terms(doc, count_term, &t, xe);
			xc_doc_free(doc);
		}
	}
	keep_top(&t);
	for (size_t i = 0; i < t.count; i++) {
		qy_facet *f = &t.items[i];
		const char *name = g ? qy_gazetteer_name(g, f->type, f->id) : NULL;
		if (!name) {
			f->own_name = qy_strdup(f->id);
			for (char *c = f->own_name; *c; c++)
				if (*c == '_')
					*c = ' ';
			name = f->own_name;
		}
		f->name = name;
	}
	out->items = t.items;
	out->count = t.count;
	out->passages = ranking->count;
	if (rc != XC_OK)
		qy_facets_free(out);
	return rc;
}

void qy_facets_free(qy_facets *f)
{
	for (size_t i = 0; i < f->count; i++) {
		free(f->items[i].id);
		free(f->items[i].own_name);
	}
	free(f->items);
	memset(f, 0, sizeof *f);
}
