/* fuzz_tokenizer.c - libFuzzer target: tokenizer, stemmer, sentence and passage splitters on any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/passages.h"
#include "analysis/sentences.h"
#include "analysis/stemmer.h"
#include "analysis/tokenizer.h"
#include "analysis/utf8.h"

static qy_stemmer *stemmer;

static void check_tokens(const char *text, size_t len)
{
	qy_tokenizer t;
	qy_token tok;
	size_t prev_end = 0;

	qy_tokenizer_init(&t, text, len);
	while (qy_tokenizer_next(&t, &tok)) {
		if (tok.start >= tok.end || tok.end > len || tok.start < prev_end)
			abort();
		if (tok.len == 0 || tok.len > QY_TOKEN_MAX || strlen(tok.text) != tok.len)
			abort();
		prev_end = tok.end;
		if (tok.flags & QY_TOK_TOO_LONG)
			continue;
		size_t stem_len;
		const char *stem = qy_stem(stemmer, tok.text, tok.len, &stem_len);
		if (!stem || stem_len > 4 * QY_TOKEN_MAX)
			abort();
		(void)qy_is_stopword(tok.text, tok.len);
	}
}

/* Spans must lie in the text, in order, without overlap, never empty and
 * (both splitters promise it) without whitespace at either edge. */
static void check_spans(const char *text, size_t len, const qy_spans *s, size_t max_len)
{
	size_t prev_end = 0;
	for (size_t i = 0; i < s->count; i++) {
		qy_span sp = s->items[i];
		if (sp.start >= sp.end || sp.end > len || sp.start < prev_end)
			abort();
		if (max_len && sp.end - sp.start > max_len)
			abort();
		if (qy_utf8_space_at(text, len, sp.start) || qy_utf8_space_before(text, sp.end))
			abort();
		prev_end = sp.end;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	qy_spans spans = QY_SPANS_INIT;

	if (!stemmer && !(stemmer = qy_stemmer_new()))
		abort();
	check_tokens(text, size);

	qy_split_sentences(text, size, &spans);
	check_spans(text, size, &spans, 0);
	qy_spans_clear(&spans);

	qy_split_passages(text, size, &spans);
	check_spans(text, size, &spans, 4 * QY_PASSAGE_MAX_BYTES);
	qy_spans_free(&spans);

	char *folded = NULL;
	size_t folded_len = 0;
	qy_fold(text, size, &folded, &folded_len);
	if (!folded || strlen(folded) != folded_len)
		abort();
	free(folded);
	return 0;
}
