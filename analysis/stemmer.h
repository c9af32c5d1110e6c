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

/* Calls fn for each indexable token of text (tokens over QY_TOKEN_MAX
 * are skipped, but still counted in index, the 0-based token number that
 * positions are made of) with its stem, in text order: the one loop the
 * indexer's terms and the searcher's highlights share, so both see the
 * same words.  A non-zero return from fn stops and is returned. */
struct qy_token;
typedef int (*qy_stem_fn)(const struct qy_token *tok, unsigned index, const char *stem,
			  size_t len, void *payload);
int qy_stem_each(qy_stemmer *st, const char *text, size_t len, qy_stem_fn fn, void *payload);

/* True for English function words ("the", "of", "who"...) given folded. */
bool qy_is_stopword(const char *word, size_t len);

/* The same for a stem, as index terms hold them: "becaus", "doe", "whi"
 * and "the" are stopword stems.  Thread-safe. */
bool qy_is_stopword_stem(const char *stem, size_t len);

#endif
