/*
 * answering.h - from a question to its answer block: which place it asks
 * about, and the claims that the best passages about that place make.
 */
#ifndef QY_ANSWERING_H
#define QY_ANSWERING_H

#include "../analysis/gazetteer.h"
#include "../schema/record.h"
#include "answer.h"
#include "question.h"

/* Passages read for claims: more than a page of results, since the answer
 * sums up who said what across the archive. */
#define QY_ANSWER_PASSAGES 40

/* When query is a question about a known place, fills *qq and returns the
 * place's canonical id (gazetteer-owned); else NULL. */
const char *qy_question_place(const qy_gazetteer *g, const char *query, qy_question *qq);

/* Builds *out from the claims of recs[0..n) (best first) about place.
 * as_of ("YYYY-MM-DD" or NULL) overrides the date the question names. */
void qy_answer_from_records(qy_answer *out, const qy_gazetteer *g, const char *query,
			    const qy_question *qq, const char *place, const char *as_of,
			    const qy_record *recs, size_t n);

#endif
