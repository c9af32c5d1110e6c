/*
 * claims.h - who says what about a place, sentence by sentence, in one
 * passage: "Russia claimed control of Soledar" (russia claims), "Ukraine's
 * defense ministry disputed that the city had fallen" (ukraine denies),
 * "Russian forces have entered Toretsk, the Ukrainian military command
 * confirmed" (ukraine confirms; russia holds).
 *
 * A sentence is read when it names the target place, or when it refers
 * back to it ("the city", "the town", "the claim") without naming another
 * city or town and follows one that named it (within two sentences) or
 * stands in a passage about it (the paragraph names it, or src->topic).
 * It is cut into clauses at "but", "however", "while", "whereas",
 * "although", ';' and before a second speaker joined on ("... and the
 * Kremlin urged caution"), and each clause gives at most one claim:
 *  - the speaker is the entity before a speech verb (said, claimed, denied,
 *    confirmed, reported...) or after "according to" / "said X";
 *  - the predicate (took, entered, liberated / withdrew, left, lost / fell /
 *    under Russian control, in Ukrainian hands / shelled, struck / fighting)
 *    with its agent (the actor before it, "by X" after a passive) gives the
 *    holder, the side the clause says controls the place; a negation before
 *    it ("has not fallen", "no Russian control") swaps the sides, and an
 *    intent ("seeking to control", "would", "if") voids it;
 *  - the stance: deny cues (denied, disputed, rejected, refuted, "not
 *    true", repelled) give denies; otherwise a party speaker claims when
 *    the holder is its own side and confirms when it is the other side
 *    (Ukraine confirming a withdrawal means Russia holds); a Ukrainian
 *    speaker stating that Ukraine still holds the place (no gain, a state
 *    or a negated loss) denies, since in this war Ukraine is the usual
 *    defender; cue words decide when there is no holder (claimed ->
 *    claims, confirmed/acknowledged -> confirms); everything else reports.
 * The actor is the party the statement is for: the speaker when it is an
 * armed actor or an official body or person of one (Ukraine's defence
 * ministry -> ukraine, Prigozhin -> wagner, Pasechnik -> lpr), else the
 * agent of the predicate ("Russian forces have entered Toretsk", says a
 * news agency: russia reports); a speaker of neither side (ISW, the UN) is
 * its own actor with side "other".  News media (TASS, CNN, Reuters...) are
 * never actors; they appear in the attribution ("... (via TASS)").
 */
#ifndef QY_CLAIMS_H
#define QY_CLAIMS_H

#include <stddef.h>

#include "../analysis/entities.h"
#include "../analysis/gazetteer.h"
#include "../schema/record.h"
#include "question.h"

typedef enum qy_stance {
	QY_STANCE_REPORTS,
	QY_STANCE_CLAIMS,
	QY_STANCE_DENIES,
	QY_STANCE_CONFIRMS,
} qy_stance;

typedef struct qy_claim {
	char *actor;             /* owned: party id ("russia", "wagner", "lpr", "ukraine",
				    "ukraine-national-guard"...) */
	const char *side;        /* "russia", "ukraine" or "other" (static) */
	qy_stance stance;
	const char *holder;      /* side the clause says holds the place, or NULL (static) */
	char *speaker;           /* owned: id of the entity that spoke, or NULL */
	qy_entity_type speaker_type;
	char *place;             /* owned: the target place id */
	char date[11];           /* "YYYY-MM-DD" of the passage, or "" */
	int date_inferred;       /* 1 when that date was inferred from the text */
	char *article;           /* owned */
	unsigned passage;
	char *quote;             /* owned: the sentence */
	char *attribution;       /* owned: who said it, as written ("Ukraine's defense
				    ministry", "the governor (via Reuters)"), or NULL */
	size_t quote_start;      /* byte offset of the sentence in the passage text */
	size_t clause_off;       /* byte offset in quote of the clause the claim is from */
} qy_claim;

typedef struct qy_claims {
	qy_claim *items;
	size_t count, cap;
} qy_claims;

#define QY_CLAIMS_INIT { NULL, 0, 0 }

/* One passage to read. */
typedef struct qy_claim_source {
	const char *text;            /* the passage text */
	size_t len;
	const qy_mention *mentions;  /* the tagger's mentions of text, in text order */
	size_t n_mentions;
	const char *article;         /* article id */
	unsigned passage;            /* passage number */
	const char *date;            /* "YYYY-MM-DD" or NULL */
	int date_inferred;
	int topic;                   /* 1 when the article's title names the place: then
					"the city" refers to it even in a paragraph that
					does not name it */
} qy_claim_source;

/* Appends the claims src makes about place_id (a canonical place id) for a
 * question of family fam (QY_FAM_NONE reads every kind of predicate) to
 * out; returns how many were added.  g gives the sides of the entities. */
size_t qy_claims_extract(const qy_gazetteer *g, const qy_claim_source *src, const char *place_id,
			 qy_family fam, qy_claims *out);

/* The same for a stored passage: tags rec->text with g first. */
size_t qy_claims_from_record(const qy_gazetteer *g, const qy_record *rec, const char *place_id,
			     qy_family fam, qy_claims *out);

/* The same for the headline of rec's article ("Russian forces seize
 * Chernobyl nuclear power plant"): the claims cite passage 0 and quote the
 * headline. */
size_t qy_claims_from_title(const qy_gazetteer *g, const qy_record *rec, const char *place_id,
			    qy_family fam, qy_claims *out);

/* "reports", "claims", "denies", "confirms". */
const char *qy_stance_name(qy_stance s);

/* Moves *c to the end of out (c's strings now belong to out). */
void qy_claims_push(qy_claims *out, qy_claim *c);
void qy_claim_free(qy_claim *c);
void qy_claims_free(qy_claims *c);

#endif
