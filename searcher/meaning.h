/*
 * meaning.h - the rerank's last part for a query that reads as a sentence
 * (a question, a topic statement: QY_MEANING_MIN_WORDS words or more), in
 * an index built with sentence vectors: how near the query's meaning is
 * to each passage's and to its nearest sentence's
 * (analysis/sentence_encoder.h, indexer/passage_vectors.h).
 *
 * It catches the answer worded unlike the question ("Who led the team?"
 * against "The side was captained by ..."), which the word-level parts of
 * the rerank miss.  Each pooled passage gains
 *     best x (MEANING_PASSAGE_WEIGHT x cos(question, passage)
 *             + MEANING_SENTENCE_WEIGHT x max cos(question, sentence))
 * where best is the pool's best score, so the weights are shares of it
 * (rank.c multiplies).  Tuned on the even-numbered SQuAD questions
 * (docs/ranking.md).
 */
#ifndef QY_MEANING_H
#define QY_MEANING_H

#include <stddef.h>

#define MEANING_PASSAGE_WEIGHT 0.3
#define MEANING_SENTENCE_WEIGHT 0.6
/* Shorter queries are keywords, whose meaning as a sentence is too thin
 * to rank by: they rank as without vectors. */
#define QY_MEANING_MIN_WORDS 4

/* The words of query read as running text (a phrase's words count), or 0
 * when it is not running text: it has a field, an exclusion, a boolean
 * operator or a group, whose words the encoder would read as prose
 * ("-war" would pull passages about war up), or it does not lex. */
size_t qy_meaning_words(const char *query);

/* The bracket above for one passage's QY_SLOT_MEANING value (question:
 * the question's unit vector, QY_ENCODER_DIMS floats); 0 when the value
 * is not a whole number of vectors (none stored). */
double qy_meaning_nearness(const float *question, const char *value, size_t len);

#endif
