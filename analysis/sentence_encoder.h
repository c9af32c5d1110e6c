/*
 * sentence_encoder.h - a vector for the meaning of a sentence or passage
 * (data/sentence_encoder.bin), so that a question and the passage that
 * answers it in other words come out near each other.
 *
 * The model is Google's Universal Sentence Encoder Lite (Apache-2.0; see
 * tools/build_sentence_encoder.py for its source and the file format): the
 * text's SentencePiece pieces (analysis/sentence_pieces.h), of which the
 * first QY_ENCODER_MAX_PIECES count, go through two Transformer layers;
 * their mean goes through a tanh layer to a unit vector of
 * QY_ENCODER_DIMS floats.  The weights stay int8 in memory, as the file
 * has them (7 MB), with a float scale per output unit; a piece costs about
 * 9 MFLOP, 0.3 ms on one core of the machine docs/ranking.md measured on.
 * A loaded encoder is read-only: threads may share it.
 */
#ifndef QY_SENTENCE_ENCODER_H
#define QY_SENTENCE_ENCODER_H

#include <stddef.h>
#include <stdint.h>

#include "../util/error.h"

#define QY_SENTENCE_ENCODER_FILE "sentence_encoder.bin"
#define QY_ENCODER_DIMS 512
#define QY_ENCODER_MAX_PIECES 128

typedef struct qy_sentence_encoder qy_sentence_encoder;

/* Reads dir/sentence_encoder.bin.  QUARRY_ENOTFOUND when it is missing,
 * QUARRY_ECORRUPT when it is not a model of this format (the message says
 * what is wrong), QUARRY_EIO when it cannot be read. */
int qy_sentence_encoder_load(qy_sentence_encoder **out, const char *dir, qy_err *err);

/* Checks and reads a model file already in memory (data is not kept);
 * name is used in messages.  For tests and fuzzing. */
int qy_sentence_encoder_parse(qy_sentence_encoder **out, const char *data, size_t len,
			      const char *name, qy_err *err);

void qy_sentence_encoder_free(qy_sentence_encoder *e);

/* Writes the unit vector of text[0..len) (any bytes) to out[0..DIMS);
 * returns the number of pieces it looked at. */
size_t qy_sentence_encode(const qy_sentence_encoder *e, const char *text, size_t len,
			  float *out);

/* The pieces the encoder reads of text (at most max), into ids; for tests. */
size_t qy_sentence_encoder_pieces(const qy_sentence_encoder *e, const char *text, size_t len,
				  int32_t *ids, size_t max);

#endif
