/*
 * gazetteer.h - the place, actor, person and organisation lexicons of data/
 * loaded into a trie keyed on folded token sequences.
 *
 * Every alias is tokenized with qy_tokenizer (so it is folded exactly like
 * the text it will meet: case, NFC, U+2019, hyphen = space) and its tokens
 * become a path of the trie; the entities the alias names hang off the
 * path's last node.  A leading "the" is dropped ("the Kremlin" is keyed
 * "kremlin").  Edges live in one open-addressing hash table keyed on
 * (parent node, token), so matching costs one probe per token whatever
 * the size of the gazetteer.  actor_patterns.tsv adds "adjective noun"
 * aliases for its actors.
 *
 * A loaded gazetteer is read-only and may be shared between threads.
 */
#ifndef QY_GAZETTEER_H
#define QY_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "../util/error.h"

typedef enum qy_entity_type {
	QY_ENT_PLACE,
	QY_ENT_ACTOR,
	QY_ENT_PERSON,
	QY_ENT_ORG,
	QY_ENT_NAME,     /* an unknown capitalised name (tagger only) */
} qy_entity_type;

#define QY_ENT_TYPES 5

typedef struct qy_gazetteer qy_gazetteer;

/* Loads data_dir/{places,actors,actor_patterns,people,orgs}.tsv.  Fails with
 * QUARRY_ENOTFOUND / QUARRY_EIO naming the file, or QUARRY_EBADINPUT naming
 * file:line for a malformed row. */
int qy_gazetteer_load(qy_gazetteer **out, const char *data_dir, qy_err *err);
void qy_gazetteer_free(qy_gazetteer *g);

/* A hash of the lexicons' contents (not of the code): the indexer mixes it
 * into each article's content hash, so editing data/ re-indexes articles
 * whose entity terms may have changed.  0 for NULL. */
uint64_t qy_gazetteer_data_hash(const qy_gazetteer *g);

/* Resolves a name as a user types it ("Lisichansk", "Лисичанськ", "the LPR",
 * "Kherson region"), case-insensitively, to the canonical id of an entity of
 * the given type, or of any type when type < 0.  Among several entities the
 * most important wins: for a place the larger (country > oblast > city >
 * raion > town > village), and with type < 0 a city or oblast before an
 * actor or person, an actor before a country ("Russia": the actor), a
 * person or organisation before a town or village.  Returns 1 when found. */
int qy_gazetteer_resolve(const qy_gazetteer *g, int type, const char *name, size_t len,
			 qy_entity_type *out_type, const char **out_id);

/* Canonical English name, side ("russia", "ukraine", "other"; NULL for
 * places) and place type ("city", "oblast"...; NULL for other types) of an
 * entity, or NULL when (type, id) is unknown. */
const char *qy_gazetteer_name(const qy_gazetteer *g, qy_entity_type type, const char *id);
const char *qy_gazetteer_side(const qy_gazetteer *g, qy_entity_type type, const char *id);
const char *qy_gazetteer_place_type(const qy_gazetteer *g, const char *id);

/* Short lower-case name of a type: "place", "actor", "person", "org", "name". */
const char *qy_entity_type_name(qy_entity_type type);

/* ---- for the tagger (analysis/entities.c) --------------------------------- */

enum {
	QY_GZ_CAP      = 1 << 0,  /* alias is written capitalised: the text must be */
	QY_GZ_ALLCAPS  = 1 << 1,  /* alias is an acronym ("LPR", "AP"): text must be too */
	QY_GZ_PRIMARY  = 1 << 2,  /* alias is the entity's own English name */
	QY_GZ_PATTERN  = 1 << 3,  /* "adjective noun" from actor_patterns.tsv */
};

/* Place types, in increasing importance (qy_gz_entity.rank for places).
 * Rivers and named sites (plants, dams, bridges, islands) come first: where
 * a bare name is also a settlement's ("Dnipro"), the settlement wins unless
 * the context says otherwise. */
enum {
	QY_PLACE_RIVER = 1, QY_PLACE_SITE,
	QY_PLACE_VILLAGE, QY_PLACE_TOWN, QY_PLACE_RAION, QY_PLACE_CITY,
	QY_PLACE_REGION, QY_PLACE_OBLAST, QY_PLACE_COUNTRY,
};

typedef struct qy_gz_entity {
	const char *id;        /* canonical id */
	const char *name;      /* canonical English name */
	const char *side;      /* NULL for places */
	const char *ptype;     /* place type as in places.tsv; NULL for others */
	const char *oblast;    /* oblast id of a place, or NULL */
	uint8_t type;          /* qy_entity_type */
	uint8_t rank;          /* QY_PLACE_* for places, else 0 */
	uint8_t frontline;     /* a place in an oblast of the front line */
} qy_gz_entity;

typedef struct qy_gz_cand {
	uint32_t entity;       /* index for qy_gazetteer_entity */
	uint32_t flags;        /* QY_GZ_* of the alias */
} qy_gz_cand;

/* The trie node reached from `node` (0: the root) over one folded token, or
 * 0 when there is no such edge. */
uint32_t qy_gazetteer_step(const qy_gazetteer *g, uint32_t node, const char *tok, size_t len);

/* The entities whose aliases end at node; returns their count. */
size_t qy_gazetteer_cands(const qy_gazetteer *g, uint32_t node, const qy_gz_cand **out);

const qy_gz_entity *qy_gazetteer_entity(const qy_gazetteer *g, uint32_t index);

/* Index of the entity (type, id), or -1. */
long qy_gazetteer_find(const qy_gazetteer *g, qy_entity_type type, const char *id);

/* True for a folded word that is also a common English word or a first
 * name ("play", "side", "hat", "oleh"), for the capitalisation rules. */
int qy_gazetteer_common_word(const char *word, size_t len);

#endif
