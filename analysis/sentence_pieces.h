/*
 * sentence_pieces.h - cuts text into the SentencePiece pieces of the
 * sentence encoder's vocabulary (analysis/sentence_encoder.h).
 *
 * The encoder was trained on the pieces of a unigram SentencePiece model,
 * and its JavaScript release cuts text with its own Viterbi search; this is
 * that search, so quarry feeds the encoder the ids it was trained on:
 *   - the text is put in NFKC form (utf8proc), as the JavaScript release
 *     does, after control characters (NUL, tab, newline) become spaces and
 *     invalid UTF-8 the unknown piece; "▁" is put before it and in place
 *     of every space;
 *   - the cut maximises the sum of the pieces' log probabilities; a
 *     character no piece starts with is the unknown piece (id 0, score 0),
 *     and a run of unknown pieces is one;
 *   - ties go to the later start, as in the JavaScript release.
 * Only the first QY_PIECES_MAX_CHARS characters are read: the encoder looks
 * at its first 128 pieces, and a piece is never longer than the longest in
 * the vocabulary, so a longer text costs no more than that.
 */
#ifndef QY_SENTENCE_PIECES_H
#define QY_SENTENCE_PIECES_H

#include <stddef.h>
#include <stdint.h>

#define QY_PIECES_MAX_CHARS 4096
#define QY_PIECES_RESERVED 6    /* ids 0-5: unknown, <s>, </s>, three unused */

typedef struct qy_pieces qy_pieces;

/* An empty vocabulary of count ids (count > QY_PIECES_RESERVED). */
qy_pieces *qy_pieces_new(uint32_t count);

/* Sets piece id (QY_PIECES_RESERVED <= id < count) to the UTF-8 bytes
 * text[0..len) with log probability score.  Returns 0 when the bytes are
 * not valid UTF-8, empty, longer than 255 bytes, or id is set already.
 * A piece set twice under two ids is the later id. */
int qy_pieces_set(qy_pieces *p, uint32_t id, const char *text, size_t len, float score);

void qy_pieces_free(qy_pieces *p);

/* Cuts text[0..len) (any bytes) into at most max_ids pieces, the first
 * ones of the whole cut, written to ids; returns how many. */
size_t qy_pieces_encode(const qy_pieces *p, const char *text, size_t len, int32_t *ids,
			size_t max_ids);

#endif
