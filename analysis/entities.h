/*
 * entities.h - tags places, armed actors, people, organisations and unknown
 * capitalised names in a text (rules in docs/entities.md).
 *
 * The tagger walks the gazetteer's token trie from every token and keeps
 * the longest alias that passes the capitalisation and context rules, so a
 * token carries at most one mention.  Token indices count every token
 * qy_tokenizer returns for the same text (TOO_LONG ones included), so an
 * indexer can put an entity term at each position a mention covers.
 */
#ifndef QY_ENTITIES_H
#define QY_ENTITIES_H

#include <stddef.h>

#include "../util/buf.h"
#include "gazetteer.h"

typedef struct qy_mention {
	size_t start, end;          /* byte span in the text ("Ukraine’s" stays whole) */
	unsigned first_token;       /* index of its first token, 0-based */
	unsigned n_tokens;          /* tokens it covers */
	qy_entity_type type;
	const char *id;             /* canonical id, owned by the gazetteer; NULL for QY_ENT_NAME */
} qy_mention;

typedef struct qy_mentions {
	qy_mention *items;
	size_t count, cap;
} qy_mentions;

#define QY_MENTIONS_INIT { NULL, 0, 0 }

/* Appends the mentions of text to *out in text order, non-overlapping.
 * Any bytes are accepted (invalid UTF-8 separates words).  g may be NULL:
 * then only QY_ENT_NAME mentions are found. */
void qy_tag_entities(const qy_gazetteer *g, const char *text, size_t len, qy_mentions *out);

/* Appends to *out the index key of a QY_ENT_NAME mention: its folded tokens
 * joined by '_', a trailing possessive dropped ("Anastasiia Bobovnikova’s"
 * gives "anastasiia_bobovnikova").  text is the text that was tagged. */
void qy_mention_name_key(const char *text, const qy_mention *m, qy_buf *out);

void qy_mentions_clear(qy_mentions *m);   /* count = 0, keeps memory */
void qy_mentions_free(qy_mentions *m);

#endif
