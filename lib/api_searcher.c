/* api_searcher.c - quarry_searcher_* and quarry_results_*. */
#include "quarry.h"

#include <stdlib.h>
#include <string.h>

#include "../searcher/search.h"
#include "../util/buf.h"
#include "../analysis/dates.h"
#include "api_error.h"
#include "api_internal.h"
#include "data_dir.h"

#define DEFAULT_LIMIT 10

struct quarry_searcher {
	qy_gazetteer *gaz;          /* entity lexicons, for names in queries */
	qy_searcher *engine;
};

struct quarry_results {
	qy_hits hits;
	quarry_passage *passages;   /* views into hits, one per hit */
	quarry_answer answer;       /* view into hits.answer, when there is one */
	quarry_claim *claims;       /* views into hits.answer->claims */
	quarry_facet *facets;       /* views into hits.facets */
	quarry_entity **entities;   /* per hit: views into its record's entity lines */
	size_t *n_entities;         /* per hit */
	char **entity_text;         /* per hit: a copy of the lines, split in place */
};

int quarry_searcher_open(quarry_searcher **out, const char *path, quarry_error **err)
{
	qy_err e = QY_ERR_INIT;
	if (!out || !path)
		return qy_api_error_msg(err, QUARRY_EINVAL, "quarry_searcher_open: NULL argument");
	quarry_searcher *s = qy_calloc(1, sizeof *s);
	int rc = qy_gazetteer_load(&s->gaz, qy_data_dir(), &e);
	if (rc == QUARRY_OK)
		rc = qy_searcher_open(&s->engine, path, s->gaz, qy_data_dir(), &e);
	if (rc != QUARRY_OK) {
		qy_gazetteer_free(s->gaz);
		free(s);
		return qy_api_error(err, &e);
	}
	*out = s;
	return QUARRY_OK;
}

void quarry_searcher_close(quarry_searcher *s)
{
	if (!s)
		return;
	qy_searcher_free(s->engine);
	qy_gazetteer_free(s->gaz);
	free(s);
}

/* Splits a record's "type<TAB>id<TAB>name" lines (schema/record.h) into views. */
static void make_entity_views(quarry_results *r, size_t i, const char *lines)
{
	char *text = qy_strdup(lines ? lines : "");
	size_t n = 0, cap = 0;
	quarry_entity *items = NULL;
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *id = strchr(line, '\t');
		char *name = id ? strchr(id + 1, '\t') : NULL;
		if (!name)
			continue;      /* not a line of this format: skip, never guess */
		*id++ = '\0';
		*name++ = '\0';
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			items = qy_realloc(items, cap * sizeof *items);
		}
		items[n++] = (quarry_entity){ line, id, name };
	}
	r->entity_text[i] = text;
	r->entities[i] = items;
	r->n_entities[i] = n;
}

static void make_views(quarry_results *r, unsigned offset)
{
	size_t slots = r->hits.count ? r->hits.count : 1;
	r->passages = qy_calloc(slots, sizeof *r->passages);
	r->entities = qy_calloc(slots, sizeof *r->entities);
	r->n_entities = qy_calloc(slots, sizeof *r->n_entities);
	r->entity_text = qy_calloc(slots, sizeof *r->entity_text);
	for (size_t i = 0; i < r->hits.count; i++) {
		const qy_hit *h = &r->hits.items[i];
		r->passages[i] = (quarry_passage){
			.rank = offset + (unsigned)i + 1, .score = h->score,
			.article = h->rec.article ? h->rec.article : "", .passage = h->rec.passage,
			.title = h->rec.title, .date = h->rec.date,
			.date_inferred = h->rec.date_inferred, .source = h->rec.source,
			.url = h->rec.url, .text = h->rec.text,
		};
		make_entity_views(r, i, h->rec.entities);
	}
}

static void make_answer_view(quarry_results *r)
{
	const qy_answer *a = r->hits.answer;
	r->claims = qy_calloc(a->claims.count ? a->claims.count : 1, sizeof *r->claims);
	for (size_t i = 0; i < a->claims.count; i++) {
		const qy_claim *c = &a->claims.items[i];
		r->claims[i] = (quarry_claim){
			.actor = c->actor, .side = c->side, .stance = qy_stance_name(c->stance),
			.date = c->date[0] ? c->date : NULL, .date_inferred = c->date_inferred,
			.article = c->article, .passage = c->passage, .quote = c->quote,
			.attribution = c->attribution,
		};
	}
	r->answer = (quarry_answer){
		.question = a->question, .family = qy_family_name(a->family),
		.entity_id = a->place_id, .entity_name = a->place_name, .controller = a->controller,
		.as_of = a->as_of[0] ? a->as_of : NULL, .n_claims = a->claims.count,
		.claims = r->claims,
	};
}

static void make_facet_views(quarry_results *r)
{
	const qy_facets *f = &r->hits.facets;
	r->facets = qy_calloc(f->count ? f->count : 1, sizeof *r->facets);
	for (size_t i = 0; i < f->count; i++)
		r->facets[i] = (quarry_facet){ qy_entity_type_name(f->items[i].type), f->items[i].id,
					       f->items[i].name, f->items[i].count };
}

size_t quarry_results_facet_count(const quarry_results *r)
{
	return r ? r->hits.facets.count : 0;
}

const quarry_facet *quarry_results_facet(const quarry_results *r, size_t i)
{
	return r && i < r->hits.facets.count ? &r->facets[i] : NULL;
}

const quarry_answer *quarry_results_answer(const quarry_results *r)
{
	return r && r->hits.answer ? &r->answer : NULL;
}

const qy_gazetteer *qy_searcher_gazetteer(const quarry_searcher *s)
{
	return s ? s->gaz : NULL;
}

const qy_answer *qy_results_answer(const quarry_results *r)
{
	return r ? r->hits.answer : NULL;
}

int quarry_search(quarry_results **out, quarry_searcher *s, const char *query,
		  const quarry_search_options *opts, quarry_error **err)
{
	qy_err e = QY_ERR_INIT;
	quarry_search_options defaults = QUARRY_SEARCH_OPTIONS_INIT;

	if (!out || !s || !query)
		return qy_api_error_msg(err, QUARRY_EINVAL, "quarry_search: NULL argument");
	if (opts && opts->version != QUARRY_SEARCH_OPTIONS_VERSION)
		return qy_api_error_msg(err, QUARRY_EINVAL, "quarry_search_options: unknown version");
	if (!opts)
		opts = &defaults;
	if (opts->as_of && qy_date_parse(opts->as_of, &(int){ 0 }, &(int){ 0 }, &(int){ 0 }) != 0)
		return qy_api_error_msg(err, QUARRY_EINVAL, "as-of date is not YYYY-MM-DD");
	qy_search_params p = { opts->limit ? opts->limit : DEFAULT_LIMIT, opts->offset,
			       opts->per_article, opts->since, opts->until, opts->as_of,
			       opts->answer, opts->facets };
	quarry_results *r = qy_calloc(1, sizeof *r);
	if (qy_searcher_run(s->engine, query, &p, &r->hits, &e) != QUARRY_OK) {
		free(r);
		return qy_api_error(err, &e);
	}
	make_views(r, opts->offset);
	if (r->hits.answer)
		make_answer_view(r);
	make_facet_views(r);
	*out = r;
	return QUARRY_OK;
}

size_t quarry_results_count(const quarry_results *r)
{
	return r ? r->hits.count : 0;
}

uint64_t quarry_results_estimated(const quarry_results *r)
{
	return r ? r->hits.estimated : 0;
}

const quarry_passage *quarry_results_get(const quarry_results *r, size_t i)
{
	return r && i < r->hits.count ? &r->passages[i] : NULL;
}

size_t quarry_results_entities(const quarry_results *r, size_t i, const quarry_entity **out)
{
	if (!out)
		return 0;
	if (!r || i >= r->hits.count) {
		*out = NULL;
		return 0;
	}
	*out = r->entities[i];
	return r->n_entities[i];
}

size_t quarry_results_highlights(const quarry_results *r, size_t i, size_t *starts,
				 size_t *ends, size_t max)
{
	if (!r || i >= r->hits.count)
		return 0;
	const qy_spans *hl = &r->hits.items[i].highlights;
	for (size_t k = 0; k < hl->count && k < max; k++) {
		starts[k] = hl->items[k].start;
		ends[k] = hl->items[k].end;
	}
	return hl->count;
}

void quarry_results_free(quarry_results *r)
{
	if (!r)
		return;
	for (size_t i = 0; r->entities && i < r->hits.count; i++) {
		free(r->entities[i]);
		free(r->entity_text[i]);
	}
	free(r->entities);
	free(r->n_entities);
	free(r->entity_text);
	qy_hits_free(&r->hits);
	free(r->passages);
	free(r->claims);
	free(r->facets);
	free(r);
}
