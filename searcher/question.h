/*
 * question.h - what a query asks: its wh-word, the family of its predicate
 * (control, fall, attack, fighting), the words naming its target place and
 * a date it names.
 *
 * A query is a question when it starts with a wh-word ("who controls
 * Lysychansk") or an auxiliary ("is Avdiivka under Russian control", "did
 * Wagner take Soledar") or ends with "?".  Anything else, and anything
 * using query syntax (quotes, field:value, AND/OR/NOT, +word, -word), is a
 * keyword query: wh and family are NONE and the searcher runs BM25 as
 * before.
 *
 * Families:
 *   CONTROL   controls, holds, took, captured, seized, liberated, fell,
 *             entered, occupied, retook, withdrew from, pushed out of,
 *             encircled, left, surrendered, "under Russian control",
 *             "in Russian hands"...
 *   FALL      a CONTROL predicate asked with "when" ("when did X fall",
 *             "when was X captured")
 *   ATTACK    attacked, shelled, struck, hit, bombed; strikes, shelling,
 *             missiles, drones
 *   FIGHTING  fighting, fights, battles, clashes, combat
 * The first predicate word of the question decides.
 *
 * The target is the nearest run of content words after the predicate (or
 * before it when nothing follows: "when did Soledar fall"), leaving out
 * stopwords, question words, prepositions, dates, generic actor words
 * ("Russian", "troops", "Ukraine") and place nouns ("city", "eastern").
 * A question without a family takes the words after "about", else the last
 * capitalised run.  A target "X People's Republic" becomes "X region", the
 * territory the republic is named after.  The caller resolves target with qy_gazetteer_resolve(),
 * or better picks the tagger's PLACE mention of the question with
 * qy_question_pick_place().
 */
#ifndef QY_QUESTION_H
#define QY_QUESTION_H

#include <stddef.h>

#include "../analysis/entities.h"

typedef enum qy_wh {
	QY_WH_NONE,     /* a keyword query */
	QY_WH_WHO,
	QY_WH_WHICH,
	QY_WH_WHEN,
	QY_WH_WHERE,
	QY_WH_WHAT,
	QY_WH_WHY,
	QY_WH_HOW,
	QY_WH_YESNO,    /* "is ...", "did ...", "were ..." */
} qy_wh;

typedef enum qy_family {
	QY_FAM_NONE,
	QY_FAM_CONTROL,
	QY_FAM_FALL,
	QY_FAM_ATTACK,
	QY_FAM_FIGHTING,
} qy_family;

#define QY_FAMILIES 5
#define QY_TARGET_MAX 128

typedef struct qy_question {
	qy_wh wh;
	qy_family family;
	size_t pred_start;          /* byte span of the predicate word in the query; */
	size_t pred_end;            /* start == end when there is none */
	size_t target_start;        /* byte span of the target words in the query; */
	size_t target_end;          /* start == end when there is none */
	char target[QY_TARGET_MAX]; /* those words as written, NUL-terminated ("" = none) */
	char as_of[11];             /* "YYYY-MM-DD" the question names ("in July 2022"
				       gives the month's last day), or "" */
	int present;                /* asks about now ("who controls", "still", "is ...
				       under ... control"): recency should help */
} qy_question;

/* Analyses the NUL-terminated query q into *out.  Returns 1 when q is a
 * question of a family (an answer block is wanted), 0 otherwise (out is
 * still filled: wh, as_of and a target may be set for a family-less
 * question). */
int qy_question_parse(const char *q, qy_question *out);

/* "control", "fall", "attack", "fighting", "none". */
const char *qy_family_name(qy_family f);
/* "who", "which", "when", "where", "what", "why", "how", "yesno", "none". */
const char *qy_wh_name(qy_wh w);

/* The Snowball stems (as qy_stem gives them) of the predicate words of
 * family f, for the ranker's proximity feature; FALL shares CONTROL's.
 * Returns their count and points *out at a static array. */
size_t qy_family_stems(qy_family f, const char *const **out);

/* Among the tagger's mentions of the query text, the index of the PLACE
 * mention that overlaps the target span, else the PLACE mention nearest to
 * it, or -1 when there is no PLACE mention. */
long qy_question_pick_place(const qy_question *q, const qy_mention *m, size_t n);

#endif
