/*
 * passage_vectors.h - the sentence-encoder vectors stored with a passage,
 * for the rerank of questions (searcher/meaning.h, docs/ranking.md).
 *
 * Written only into an index built with sentence vectors (quarry-index
 * --sentence-vectors; the index remembers it).  The value in
 * QY_SLOT_MEANING is k blocks of QY_ENCODER_DIMS int8: the whole passage's
 * unit vector x 127, then one per sentence, at most
 * QY_MEANING_MAX_SENTENCES, when it has more than one (a question's
 * answer is usually one sentence, and the encoder reads only a passage's
 * first 128 pieces).
 */
#ifndef QY_PASSAGE_VECTORS_H
#define QY_PASSAGE_VECTORS_H

#include "../analysis/sentence_encoder.h"
#include "../util/error.h"
#include "../xapian-c/xapian_c.h"

#define QY_MEANING_MAX_SENTENCES 16
#define QY_PASSAGE_VECTORS_MAX_WORKERS 8

/* Encodes text[0..len) and its sentences into doc's QY_SLOT_MEANING, on
 * the cores the process may use (at most QY_PASSAGE_VECTORS_MAX_WORKERS
 * threads). */
int qy_passage_vectors_add(const qy_sentence_encoder *enc, const char *text, size_t len,
			   xc_doc *doc, qy_err *err);

/* The same on the given number of threads (clamped to 1..MAX_WORKERS);
 * the value is the same whatever the number.  For tests. */
int qy_passage_vectors_add_on(const qy_sentence_encoder *enc, const char *text, size_t len,
			      unsigned threads, xc_doc *doc, qy_err *err);

#endif
