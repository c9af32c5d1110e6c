/* answering.c - questions to answers, over the tagger and claim reader. */
#include "answering.h"

#include <stdbool.h>
#include <string.h>

#include "../analysis/entities.h"
#include "claims.h"

const char *qy_question_place(const qy_gazetteer *g, const char *query, qy_question *qq)
{
	qy_mentions ms = QY_MENTIONS_INIT;
	const char *place = NULL;
	qy_entity_type type;

	if (!g)
		return NULL;
	int is_question = qy_question_parse(query, qq);
	if (!is_question && qq->wh == QY_WH_NONE)
		return NULL;
	qy_tag_entities(g, query, strlen(query), &ms);
	long i = qy_question_pick_place(qq, ms.items, ms.count);
	if (i >= 0)
		place = ms.items[i].id;
	/* People type questions in lower case, which the tagger does not
	 * take for names; the target words still resolve. */
	if (!place && qq->target[0])
		qy_gazetteer_resolve(g, QY_ENT_PLACE, qq->target, strlen(qq->target), &type, &place);
	qy_mentions_free(&ms);
	return place;
}

/* Whether an earlier record of recs is of the same article as recs[i]. */
static bool headline_read(const qy_record *recs, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (recs[k].article && recs[i].article && strcmp(recs[k].article, recs[i].article) == 0)
			return true;
	return false;
}

void qy_answer_from_records(qy_answer *out, const qy_gazetteer *g, const char *query,
			    const qy_question *qq, const char *place, const char *as_of,
			    const qy_record *recs, size_t n)
{
	qy_claims claims = QY_CLAIMS_INIT;
	for (size_t i = 0; i < n; i++) {
		qy_claims_from_record(g, &recs[i], place, qq->family, &claims);
		/* A headline is the article's own summary of what happened; read it
		 * once, with the article's first passage among those read (reading
		 * it again would only give claims that merge). */
		if (!headline_read(recs, i))
			qy_claims_from_title(g, &recs[i], place, qq->family, &claims);
	}
	qy_answer_build(out, query, qq->family, place, qy_gazetteer_name(g, QY_ENT_PLACE, place),
			as_of && *as_of ? as_of : qq->as_of, &claims);
}
