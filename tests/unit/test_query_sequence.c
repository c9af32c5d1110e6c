/* test_query_sequence.c - the parsed query's word sequence: positive running-text stems in order, stopwords and repeats kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "analysis/stemmer.h"
#include "analysis/tokenizer.h"
#include "searcher/query_parser.h"
#include "util/buf.h"

#define MAX_SEQ 64

static qy_stemmer *st;

static int setup(void **state)
{
	(void)state;
	st = qy_stemmer_new();
	return st ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	qy_stemmer_free(st);
	return 0;
}

/* The stems of text's tokens as the indexer sees them: the expected
 * sequence, from words written out apart from the query syntax. */
static size_t stems_of(const char *text, char **out)
{
	qy_tokenizer tz;
	qy_token tok;
	size_t n = 0;

	qy_tokenizer_init(&tz, text, strlen(text));
	while (qy_tokenizer_next(&tz, &tok)) {
		assert_true(n < MAX_SEQ);
		size_t sl;
		const char *s = qy_stem(st, tok.text, tok.len, &sl);
		out[n++] = qy_strndup(s, sl);
	}
	return n;
}

static char *stem_word(const char *word)
{
	size_t sl;
	const char *s = qy_stem(st, word, strlen(word), &sl);
	return qy_strndup(s, sl);
}

static void parse_ok(const char *q, qy_parsed_query *pq)
{
	qy_err err = QY_ERR_INIT;
	if (qy_query_parse(pq, q, st, NULL, NULL, &err) != QUARRY_OK)
		fail_msg("'%s' failed: %s", q, err.msg);
}

static void check_sequence(const char *q, const qy_parsed_query *pq, const char *words)
{
	char *want[MAX_SEQ];
	size_t n = stems_of(words, want);

	if (pq->n_sequence != n)
		fail_msg("'%s': %zu stems in sequence, wanted %zu (of '%s')", q, pq->n_sequence,
			 n, words);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(pq->sequence[i], want[i]) != 0)
			fail_msg("'%s': sequence[%zu] is '%s', wanted '%s'", q, i,
				 pq->sequence[i], want[i]);
		free(want[i]);
	}
}

/* q's sequence is the stems of the tokens of words. */
static void expect_sequence(const char *q, const char *words)
{
	qy_parsed_query pq;
	parse_ok(q, &pq);
	check_sequence(q, &pq, words);
	qy_parsed_query_free(&pq);
}

static void test_question(void **state)
{
	(void)state;
	const char *q = "Which NFL team represented the AFC?";
	const char *words[] = { "which", "nfl", "team", "represented", "the", "afc" };
	qy_parsed_query pq;

	parse_ok(q, &pq);
	assert_int_equal(pq.n_sequence, 6);
	for (size_t i = 0; i < 6; i++) {
		char *s = stem_word(words[i]);
		if (strcmp(pq.sequence[i], s) != 0)
			fail_msg("sequence[%zu] is '%s', wanted '%s'", i, pq.sequence[i], s);
		free(s);
	}
	/* Stopwords are in the sequence but not among the highlight stems. */
	for (size_t i = 0; i < pq.n_stems; i++)
		assert_true(strcmp(pq.stems[i], pq.sequence[4]) != 0);
	qy_parsed_query_free(&pq);
}

static void test_repeats_kept(void **state)
{
	(void)state;
	qy_parsed_query pq;
	char *the = stem_word("the");

	parse_ok("the cat and the dog", &pq);
	assert_int_equal(pq.n_sequence, 5);
	assert_string_equal(pq.sequence[0], the);
	assert_string_equal(pq.sequence[3], the);
	free(the);
	qy_parsed_query_free(&pq);
	expect_sequence("the cat and the dog", "the cat and the dog");
	expect_sequence("cats cats cats", "cats cats cats");
}

static void test_excluded_absent(void **state)
{
	(void)state;
	expect_sequence("cats -dogs birds", "cats birds");
	expect_sequence("-dogs cats", "cats");
	expect_sequence("cats -(dogs OR mice) birds", "cats birds");
	expect_sequence("cats -\"the big dogs\" birds", "cats birds");
	expect_sequence("cats NOT dogs", "cats");
	expect_sequence("NOT dogs cats", "cats");
	expect_sequence("+cats birds", "cats birds");
}

static void test_phrases_in_order(void **state)
{
	(void)state;
	expect_sequence("\"the city had fallen\" today", "the city had fallen today");
	expect_sequence("before \"the city\" after", "before the city after");
	expect_sequence("(rockets OR missiles) AND Kyiv", "rockets missiles kyiv");
	/* A word the tokenizer splits gives all its pieces. */
	expect_sequence("U.S. troops", "U.S. troops");
}

static void test_fields_absent(void **state)
{
	(void)state;
	expect_sequence("title:ukraine attacks", "attacks");
	expect_sequence("title:\"war in ukraine\" attacks", "attacks");
	expect_sequence("source:reuters attacks", "attacks");
	expect_sequence("attacks place:Kyiv", "attacks");
}

/* A query of stopwords has nothing to search: an error, and (under ASan)
 * no sequence leaked. */
static void test_stopwords_only(void **state)
{
	(void)state;
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;

	assert_int_equal(qy_query_parse(&pq, "the of", st, NULL, NULL, &err), QUARRY_ENOTERMS);
	assert_int_equal(qy_query_parse(&pq, "the \"of", st, NULL, NULL, &err), QUARRY_EINVAL);
}

static int alias(const char *words, size_t len, char *out, size_t out_size, void *payload)
{
	(void)payload;
	if (len != strlen("kherson region") || strncasecmp(words, "kherson region", len) != 0)
		return -1;
	snprintf(out, out_size, "%s", "Pkherson_oblast");
	return 0;
}

/* Words naming an entity through the alias hook stay in the sequence. */
static void test_alias_words(void **state)
{
	(void)state;
	const char *q = "attacks in Kherson region";
	qy_query_hooks hooks = { NULL, alias, NULL };
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;

	if (qy_query_parse_hooked(&pq, q, st, &hooks, &err) != QUARRY_OK)
		fail_msg("'%s' failed: %s", q, err.msg);
	assert_int_equal(pq.n_entity_terms, 1);
	check_sequence(q, &pq, "attacks in kherson region");
	qy_parsed_query_free(&pq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_question),
		cmocka_unit_test(test_repeats_kept),
		cmocka_unit_test(test_excluded_absent),
		cmocka_unit_test(test_phrases_in_order),
		cmocka_unit_test(test_fields_absent),
		cmocka_unit_test(test_stopwords_only),
		cmocka_unit_test(test_alias_words),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
