/* passage_vectors.c - a passage's sentence vectors, as one value slot. */
#include "passage_vectors.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "../analysis/sentences.h"
#include "../schema/schema.h"
#include "../util/buf.h"
#include "../util/xapian_error.h"

/* A unit vector as int8: x 127, rounded (the cosine needs only direction). */
static void put_vector(const float *v, int8_t *out)
{
	for (size_t i = 0; i < QY_ENCODER_DIMS; i++) {
		long q = lroundf(v[i] * 127.0f);
		out[i] = (int8_t)(q > 127 ? 127 : q < -127 ? -127 : q);
	}
}

int qy_passage_vectors_add(const qy_sentence_encoder *enc, const char *text, size_t len,
			   xc_doc *doc, qy_err *err)
{
	qy_spans sentences = QY_SPANS_INIT;
	float v[QY_ENCODER_DIMS];
	xc_error xe;

	qy_split_sentences(text, len, &sentences);
	size_t k = sentences.count < QY_MEANING_MAX_SENTENCES ? sentences.count
							       : QY_MEANING_MAX_SENTENCES;
	if (k == 1)
		k = 0;   /* a passage of one sentence: its vector is that sentence's */
	int8_t *value = qy_malloc((1 + k) * QY_ENCODER_DIMS);
	qy_sentence_encode(enc, text, len, v);
	put_vector(v, value);
	for (size_t i = 0; i < k; i++) {
		const qy_span *s = &sentences.items[i];
		qy_sentence_encode(enc, text + s->start, s->end - s->start, v);
		put_vector(v, value + (1 + i) * QY_ENCODER_DIMS);
	}
	int rc = QUARRY_OK;
	if (xc_doc_add_value(doc, QY_SLOT_MEANING, value, (1 + k) * QY_ENCODER_DIMS, &xe) != XC_OK)
		rc = qy_err_from_xc(err, &xe, "sentence vectors");
	free(value);
	qy_spans_free(&sentences);
	return rc;
}
