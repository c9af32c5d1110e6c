/*
 * stemmer.h - English Snowball stemming (libstemmer) and the stopword list.
 *
 * The indexer and the searcher both stem through this one module, so a
 * query is analysed exactly like a text.  A qy_stemmer is not thread-safe:
 * use one per thread (it holds a ~400 KB cache of recent stems);
 * qy_is_stopword is thread-safe.
 */
#ifndef QY_STEMMER_H
#define QY_STEMMER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct qy_stemmer qy_stemmer;

/* Returns NULL only when libstemmer lacks the English algorithm. */
qy_stemmer *qy_stemmer_new(void);
void qy_stemmer_free(qy_stemmer *st);

/* Stems a folded token.  The result points into the stemmer and is valid
 * until the next call; *out_len gets its length.  Numbers and tokens with
 * digits are returned unchanged. */
const char *qy_stem(qy_stemmer *st, const char *word, size_t len, size_t *out_len);

/* True for English function words ("the", "of", "who"...) given folded. */
bool qy_is_stopword(const char *word, size_t len);

#endif
