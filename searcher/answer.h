/*
 * answer.h - the answer block: the claims of the top passages about one
 * place, who holds it as of a date, and three renderings (text for a
 * person, one JSON line for programs, a timeline chart for the terminal).
 *
 * The controller verdict (every family but ATTACK) looks at the claims
 * that say who holds the place (qy_claim.holder), dated on or before
 * as_of, within CONTROLLER_WINDOW_DAYS (14) of the latest of them: a side
 * concedes when its statements of its latest day there grant the place to
 * the other side (a confirms: "Ukrainian forces withdrew") and none keeps
 * it; if only one side concedes, the other holds the place; else if both
 * sides are said to hold it, "contested"; else the one side; NULL when no
 * claim says.  Undated claims count only when no claim is dated.
 */
#ifndef QY_ANSWER_H
#define QY_ANSWER_H

#include "../analysis/gazetteer.h"
#include "../util/buf.h"
#include "claims.h"
#include "question.h"

#define QY_CONTROLLER_WINDOW_DAYS 14
/* When both sides are said to hold the place, one side wins if at least
 * this many times as many articles say so (1.5: 3 articles against 2);
 * measured on fixtures/news_control.tsv (docs/answers.md). */
#define QY_CONTROLLER_SOURCE_MARGIN 1.5

typedef struct qy_answer {
	char *question;          /* owned; as asked */
	qy_family family;
	char *place_id;          /* owned */
	char *place_name;        /* owned */
	char as_of[11];          /* "" when none */
	const char *controller;  /* "Russia", "Ukraine", "contested" or NULL (static) */
	qy_claims claims;        /* kept claims, latest first */
} qy_answer;

/* Builds *out from claims, which it takes over (*claims is left empty):
 * drops claims dated after as_of (NULL or "" = no limit), merges
 * duplicates (same actor, stance, article and sentence), sorts latest
 * first and decides the controller.  question, place_id and place_name
 * are copied. */
void qy_answer_build(qy_answer *out, const char *question, qy_family fam, const char *place_id,
		     const char *place_name, const char *as_of, qy_claims *claims);
void qy_answer_free(qy_answer *a);

/* The answer block printed before the passages: a heading with the place
 * and the verdict, then for each actor (latest first) its latest statement
 * of each stance, dated ("~" marks an inferred date), attributed, with the
 * passage reference and a short quote.  g (may be NULL) gives actor names;
 * color adds ANSI bold/dim. */
void qy_answer_text(qy_buf *out, const qy_answer *a, const qy_gazetteer *g, int color);

/* One JSON object, no newline: {"kind":"answer","question":..,"family":..,
 * "entity":{"id":..,"name":..},"controller":..|null,"as_of":..|null,
 * "claims":[{"actor","side","stance","holder","date","date_inferred",
 * "article","passage","quote","attribution","speaker"}...]}; query_no >= 0 adds
 * "query": query_no (the input line of --batch). */
void qy_answer_json(qy_buf *out, const qy_answer *a, long query_no);

/* The --timeline chart: one row per actor (at most 10), a mark per dated
 * statement at its date (claims ●, denies ✗, confirms ✓, reports ·; with
 * unicode = 0: C D + .), a month axis below (labels thinned out when the
 * span is long), and a legend.  Every line fits in width columns (width <
 * 64 is taken as 64). */
void qy_answer_timeline(qy_buf *out, const qy_answer *a, int width, int unicode);

#endif
