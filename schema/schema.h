/*
 * schema.h - the index format shared by the indexer and the searcher:
 * term prefixes, value slots and the field names of the query language.
 * docs/index-format.md describes the same thing for people; change both.
 *
 * One Xapian document is one passage.  Its terms are the Snowball stems of
 * its words (no prefix, with positions), plus the boolean terms below.
 */
#ifndef QY_SCHEMA_H
#define QY_SCHEMA_H

#include <stddef.h>

#define QY_FORMAT_VERSION "1"
#define QY_META_FORMAT "quarry.format"     /* metadata key holding QY_FORMAT_VERSION */
#define QY_META_ARTICLE "a:"               /* metadata "a:<id>" = content hash of the article */
#define QY_META_MEANING "quarry.sentence_vectors"  /* set: passages carry QY_SLOT_MEANING */
#define QY_MEANING_MODEL "use-lite-1"      /* its value: the encoder the vectors come from */

/* Boolean term prefixes (Xapian conventions: capital letters; X for ours). */
#define QY_PREFIX_UID      "Q"    /* Q<article id>#<passage no>: one per passage */
#define QY_PREFIX_ARTICLE  "XA"   /* XA<article id>: every passage of the article */
#define QY_PREFIX_DAY      "D"    /* D20220703 */
#define QY_PREFIX_MONTH    "M"    /* M202207 */
#define QY_PREFIX_YEAR     "Y"    /* Y2022 */
#define QY_PREFIX_SOURCE   "XS"   /* XS<folded word of the source name> */
#define QY_PREFIX_TITLE    "S"    /* S<stem>: words of the article title (with wdf) */
#define QY_PREFIX_PLACE    "XP"   /* XP<canonical place id> at the mention's positions */
#define QY_PREFIX_ACTOR    "XR"   /* XR<canonical actor id> */
#define QY_PREFIX_PERSON   "XE"   /* XE<canonical person id> */
#define QY_PREFIX_ORG      "XO"   /* XO<canonical organisation id> */
#define QY_PREFIX_ENTITY   "XU"   /* XU<folded name>: capitalised name of unknown type */

/* The term prefix of an entity type, indexed by qy_entity_type
 * (analysis/gazetteer.h: place, actor, person, org, name). */
const char *qy_entity_prefix(int entity_type);

/* Value slots. */
enum {
	QY_SLOT_DATE = 0,      /* "YYYYMMDD" (sorts as a string); absent when undated */
	QY_SLOT_ARTICLE = 1,   /* article id: the collapse key */
	QY_SLOT_PASSAGE = 2,   /* passage number, decimal */
	QY_SLOT_MEANING = 3,   /* sentence vectors, int8 (indexer/passage_vectors.h); optional */
};

/* How a field of the query language is searched. */
typedef enum qy_field_kind {
	QY_FIELD_TEXT,      /* stemmed words under a prefix, weighted (title:) */
	QY_FIELD_WORDS,     /* folded words under a prefix, filter only (source:) */
	QY_FIELD_ENTITY,    /* an entity name resolved to its canonical id, filter only */
	QY_FIELD_EXACT,     /* the value as typed, filter only (article:) */
} qy_field_kind;

typedef struct qy_field {
	const char *name;      /* as typed before ':' */
	const char *prefix;
	qy_field_kind kind;
} qy_field;

/* The field named name[0..len), or NULL. */
const qy_field *qy_field_lookup(const char *name, size_t len);

#endif
