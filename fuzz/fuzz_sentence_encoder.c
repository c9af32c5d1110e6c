/* fuzz_sentence_encoder.c - libFuzzer target: the piece cut of any bytes
 * with the real vocabulary, the encoder's forward pass over their start,
 * and the model reader on the bytes themselves. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "analysis/sentence_encoder.h"

/* The forward pass is the slow part: it sees the input's first bytes only,
 * which is as many pieces as the cut gives for most inputs anyway. */
#define ENCODE_BYTES 512

static const qy_sentence_encoder *real_encoder(void)
{
	static qy_sentence_encoder *e;
	if (!e) {
		qy_err err = QY_ERR_INIT;
		if (qy_sentence_encoder_load(&e, QUARRY_SOURCE_DATA_DIR, &err) != QUARRY_OK)
			abort();   /* the fuzzer is useless without it */
	}
	return e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const qy_sentence_encoder *e = real_encoder();
	const char *text = (const char *)data;
	int32_t ids[QY_ENCODER_MAX_PIECES];
	float v[QY_ENCODER_DIMS];

	size_t n = qy_sentence_encoder_pieces(e, text, size, ids, QY_ENCODER_MAX_PIECES);
	if (n > QY_ENCODER_MAX_PIECES || (size > 0 && n == 0))
		abort();
	for (size_t i = 0; i < n; i++)
		if (ids[i] < 0 || ids[i] >= 8002)
			abort();
	qy_sentence_encode(e, text, size < ENCODE_BYTES ? size : ENCODE_BYTES, v);
	double norm = 0;
	for (size_t i = 0; i < QY_ENCODER_DIMS; i++) {
		if (!isfinite(v[i]))
			abort();
		norm += (double)v[i] * v[i];
	}
	if (fabs(norm - 1.0) > 1e-3)
		abort();
	/* Hostile model files: any bytes are refused or read, never overrun. */
	qy_sentence_encoder *m = NULL;
	qy_err err = QY_ERR_INIT;
	if (qy_sentence_encoder_parse(&m, text, size, "fuzz", &err) == QUARRY_OK && !m)
		abort();
	qy_sentence_encoder_free(m);
	return 0;
}
