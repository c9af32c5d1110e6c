/* meaning.c - the query's vector against a passage's stored ones. */
#include "meaning.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/sentence_encoder.h"
#include "query_lexer.h"

/* The cosine of a unit float vector with a stored int8 one. */
static double cosine(const float *q, const int8_t *v)
{
	double dot = 0, norm = 0;

	for (size_t i = 0; i < QY_ENCODER_DIMS; i++) {
		dot += q[i] * v[i];
		norm += (double)v[i] * v[i];
	}
	return norm > 0 ? dot / sqrt(norm) : 0;
}

/* The blank-separated words of text[start..end). */
static size_t words_in(const char *text, size_t start, size_t end)
{
	size_t n = 0;

	for (size_t i = start; i < end; i++)
		if (!isspace((unsigned char)text[i]) &&
		    (i == start || isspace((unsigned char)text[i - 1])))
			n++;
	return n;
}

size_t qy_meaning_words(const char *query)
{
	qy_lex_tok *toks = NULL;
	size_t n_toks = 0, words = 0;
	qy_err err = QY_ERR_INIT;

	if (qy_query_lex(query, strlen(query), &toks, &n_toks, &err) != QUARRY_OK)
		return 0;
	for (size_t i = 0; i < n_toks && toks[i].kind != QL_END; i++) {
		qy_lex_kind k = toks[i].kind;
		if (k != QL_WORD && k != QL_PHRASE && k != QL_PLUS) {
			words = 0;
			break;
		}
		if (k != QL_PLUS)
			words += words_in(query, toks[i].vstart, toks[i].vend);
	}
	free(toks);
	return words;
}

/* The value holds the passage's vector first, then its sentences' (none
 * when it is one sentence). */
double qy_meaning_nearness(const float *question, const char *value, size_t len)
{
	const int8_t *v = (const int8_t *)value;
	size_t blocks = len / QY_ENCODER_DIMS;

	if (blocks == 0 || len % QY_ENCODER_DIMS)
		return 0;
	double whole = cosine(question, v), best = whole;
	for (size_t i = 1; i < blocks; i++) {
		double c = cosine(question, v + i * QY_ENCODER_DIMS);
		best = i == 1 || c > best ? c : best;
	}
	return MEANING_PASSAGE_WEIGHT * whole + MEANING_SENTENCE_WEIGHT * best;
}
