/*
 * api_internal.h - what quarry's own programs see of a result beyond
 * quarry.h: the internal answer, so quarry-search can render it (text,
 * JSON, timeline) with the searcher's own formatters.
 */
#ifndef QY_API_INTERNAL_H
#define QY_API_INTERNAL_H

#include "quarry.h"
#include "../searcher/answer.h"

const qy_answer *qy_results_answer(const quarry_results *r);
/* The searcher's gazetteer (names of the actors in an answer). */
const qy_gazetteer *qy_searcher_gazetteer(const quarry_searcher *s);

#endif
