/* test_query_parser.c - the query language: structure, errors, limits, and real matches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cmocka.h>

#include "analysis/stemmer.h"
#include "analysis/tokenizer.h"
#include "schema/schema.h"
#include "searcher/query_parser.h"
#include "xapian-c/xapian_c.h"

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

/* Parses q; returns the status and, on success, Xapian's description. */
static int parse(const char *q, char **desc, qy_parsed_query *pq, qy_err *err)
{
	qy_err_clear(err);
	int rc = qy_query_parse(pq, q, st, NULL, NULL, err);
	if (rc == QUARRY_OK && desc) {
		xc_error xe;
		assert_int_equal(xc_query_describe(pq->query, desc, &xe), XC_OK);
	}
	return rc;
}

/* Asserts that q parses to exactly `want` (Xapian's description). */
static void assert_parses_to(const char *q, const char *want)
{
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;
	char *desc = NULL;

	int rc = parse(q, &desc, &pq, &err);
	if (rc != QUARRY_OK)
		fail_msg("'%s' failed: %s", q, err.msg);
	if (strcmp(desc, want) != 0)
		fail_msg("'%s' gave %s, wanted %s", q, desc, want);
	free(desc);
	qy_parsed_query_free(&pq);
}

/* Asserts that q fails with status and a message containing `part`. */
static void assert_fails(const char *q, int status, const char *part)
{
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;

	int rc = parse(q, NULL, &pq, &err);
	if (rc != status)
		fail_msg("'%s' gave status %d (%s), wanted %d", q, rc, err.msg, status);
	assert_int_equal(err.status, status);
	if (!strstr(err.msg, part))
		fail_msg("'%s' gave message \"%s\", wanted it to contain \"%s\"", q, err.msg, part);
	assert_null(pq.query);
	assert_null(pq.stems);
}

static int has_stem(const qy_parsed_query *pq, const char *s)
{
	for (size_t i = 0; i < pq->n_stems; i++)
		if (strcmp(pq->stems[i], s) == 0)
			return 1;
	return 0;
}

static void test_words_stemmed_and_ored(void **state)
{
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;
	char *desc;

	(void)state;
	/* "for" is a stopword; "fighting" stems to "fight" (Porter2). */
	assert_int_equal(parse("fighting for Soledar", &desc, &pq, &err), QUARRY_OK);
	assert_string_equal(desc, "Query((fight@1 OR soledar@2))");
	assert_int_equal(pq.has_text, 1);
	assert_int_equal(pq.n_stems, 2);
	assert_true(has_stem(&pq, "fight"));
	assert_true(has_stem(&pq, "soledar"));
	free(desc);
	qy_parsed_query_free(&pq);
	assert_null(pq.query);

	/* Repeated words give one highlight stem. */
	assert_int_equal(parse("fight fights fighting", NULL, &pq, &err), QUARRY_OK);
	assert_int_equal(pq.n_stems, 1);
	qy_parsed_query_free(&pq);

	/* Possessive and case fold as the indexer folds them. */
	assert_parses_to("Lysychansk's", "Query(lysychansk@1)");
	/* Lower-case operators are words (stopwords here). */
	assert_parses_to("soledar and bakhmut", "Query((soledar@1 OR bakhmut@2))");
}

static void test_stopwords(void **state)
{
	(void)state;
	assert_parses_to("who controls Lysychansk", "Query((control@1 OR lysychansk@2))");
	assert_fails("who the", QUARRY_ENOTERMS, "only stopwords ('who', 'the')");
	assert_fails("The the THE", QUARRY_ENOTERMS, "('the')");
	assert_fails("", QUARRY_ENOTERMS, "empty");
	assert_fails(" \t\n ", QUARRY_ENOTERMS, "empty");
	assert_fails("!!! ... --", QUARRY_ENOTERMS, "no words");
	assert_fails("\"\"", QUARRY_ENOTERMS, "no words");
	assert_fails("()", QUARRY_ENOTERMS, "no words");
}

static void test_phrases(void **state)
{
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;

	(void)state;
	/* Stopwords stay inside a phrase; "city" stems to "citi". */
	assert_parses_to("\"the city had fallen\"",
			 "Query((the@1 PHRASE 4 citi@2 PHRASE 4 had@3 PHRASE 4 fallen@4))");
	/* Curly quotes, as pasted from articles. */
	assert_parses_to("\xe2\x80\x9c" "city had fallen" "\xe2\x80\x9d",
			 "Query((citi@1 PHRASE 3 had@2 PHRASE 3 fallen@3))");
	/* A quoted stopword alone is searched for. */
	assert_parses_to("\"the\"", "Query(the@1)");
	assert_parses_to("Soledar \"city fell\"",
			 "Query((soledar@1 OR (citi@2 PHRASE 2 fell@3)))");
	/* Phrase words are highlight stems, stopwords included. */
	assert_int_equal(parse("\"the city\"", NULL, &pq, &err), QUARRY_OK);
	assert_true(has_stem(&pq, "the"));
	assert_true(has_stem(&pq, "citi"));
	qy_parsed_query_free(&pq);
}

static void test_word_with_several_tokens_is_phrase(void **state)
{
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;
	char *desc;
	qy_tokenizer tz;
	qy_token tok;
	size_t n = 0;

	(void)state;
	/* Whatever the tokenizer makes of "U.S.", the parser must follow it:
	 * one token is a term, several a phrase. */
	qy_tokenizer_init(&tz, "U.S.", 4);
	while (qy_tokenizer_next(&tz, &tok))
		n++;
	assert_int_equal(parse("U.S.", &desc, &pq, &err), QUARRY_OK);
	if (n > 1)
		assert_non_null(strstr(desc, "PHRASE"));
	else
		assert_null(strstr(desc, "PHRASE"));
	free(desc);
	qy_parsed_query_free(&pq);
	/* "Russian-backed" is one lexer word, never a '-' exclusion. */
	assert_int_equal(parse("Russian-backed", &desc, &pq, &err), QUARRY_OK);
	assert_null(strstr(desc, "AND_NOT"));
	assert_non_null(strstr(desc, "russian"));
	free(desc);
	qy_parsed_query_free(&pq);
}

static void test_boolean_operators(void **state)
{
	(void)state;
	assert_parses_to("soledar AND bakhmut", "Query((soledar@1 AND bakhmut@2))");
	assert_parses_to("soledar OR bakhmut", "Query((soledar@1 OR bakhmut@2))");
	assert_parses_to("soledar NOT russia", "Query((soledar@1 AND_NOT russia@2))");
	/* AND binds tighter than OR. */
	assert_parses_to("a1 OR b1 AND c1", "Query((a1@1 OR (b1@2 AND c1@3)))");
	assert_parses_to("(a1 OR b1) AND c1", "Query(((a1@1 OR b1@2) AND c1@3))");
	/* A stopword operand leaves the other side alone. */
	assert_parses_to("the AND soledar", "Query(soledar@1)");
	assert_fails("AND soledar", QUARRY_EINVAL, "'AND' needs a term on both sides (byte 0)");
	assert_fails("soledar AND", QUARRY_EINVAL, "'AND' needs a term on both sides (byte 8)");
	assert_fails("soledar OR OR x", QUARRY_EINVAL, "'OR' needs a term on both sides (byte 8)");
	assert_fails("soledar NOT", QUARRY_EINVAL, "'NOT' needs a term on both sides (byte 8)");
	assert_fails("soledar AND )", QUARRY_EINVAL, "'AND' needs a term");
	assert_fails("soledar AND -russia", QUARRY_EINVAL, "'-' at byte 12 must start an item");
}

static void test_required_and_excluded(void **state)
{
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;

	(void)state;
	assert_parses_to("+soledar bakhmut", "Query((soledar@1 AND_MAYBE bakhmut@2))");
	assert_parses_to("+soledar +bakhmut", "Query((soledar@1 AND bakhmut@2))");
	assert_parses_to("soledar -russia", "Query((soledar@1 AND_NOT russia@2))");
	assert_parses_to("+soledar bakhmut -russia -wagner",
			 "Query(((soledar@1 AND_MAYBE bakhmut@2) AND_NOT (russia@3 OR wagner@4)))");
	assert_parses_to("-\"city fell\" soledar",
			 "Query((soledar@3 AND_NOT (citi@1 PHRASE 2 fell@2)))");
	assert_parses_to("NOT russia soledar", "Query((soledar@2 AND_NOT russia@1))");
	/* A lone sign is no prefix. */
	assert_parses_to("soledar - bakhmut", "Query((soledar@1 OR bakhmut@2))");
	assert_fails("-russia", QUARRY_EINVAL, "only exclusions");
	assert_fails("NOT russia", QUARRY_EINVAL, "only exclusions");
	assert_fails("the -russia", QUARRY_EINVAL, "only exclusions");
	assert_fails("soledar (-russia)", QUARRY_EINVAL, "group at byte 8 has only exclusions");
	/* Excluded words are not highlighted. */
	assert_int_equal(parse("soledar -russia NOT wagner", NULL, &pq, &err), QUARRY_OK);
	assert_true(has_stem(&pq, "soledar"));
	assert_false(has_stem(&pq, "russia"));
	assert_false(has_stem(&pq, "wagner"));
	qy_parsed_query_free(&pq);
}

static void test_fields(void **state)
{
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;

	(void)state;
	/* Prefixes come from schema.h, not from this test. */
	assert_string_equal(qy_field_lookup("title", 5)->prefix, "S");
	assert_string_equal(qy_field_lookup("source", 6)->prefix, "XS");
	assert_string_equal(qy_field_lookup("place", 5)->prefix, "XP");
	assert_string_equal(qy_field_lookup("article", 7)->prefix, "XA");

	assert_parses_to("title:fighting soledar", "Query((Sfight@1 OR soledar@2))");
	assert_parses_to("title:\"the fall of Soledar\"", "Query((Sfall@1 AND Ssoledar@2))");
	assert_parses_to("soledar source:\"Kyiv Independent\"",
			 "Query((soledar@1 FILTER (XSkyiv AND XSindependent)))");
	assert_parses_to("city place:\"New  York\"", "Query((citi@1 FILTER XPnew_york))");
	assert_parses_to("city Place:Kyiv", "Query((citi@1 FILTER XPkyiv))");
	assert_parses_to("x1 article:AbC-12:3", "Query((x1@1 FILTER XAAbC-12:3))");
	/* Filters only: every passage that passes, with weight 0. */
	assert_int_equal(parse("place:Soledar", NULL, &pq, &err), QUARRY_OK);
	assert_int_equal(pq.has_text, 0);
	assert_int_equal(pq.n_stems, 0);
	qy_parsed_query_free(&pq);
	assert_parses_to("place:Soledar", "Query((0 * <alldocuments> FILTER XPsoledar))");
	/* One field repeated means either value; different fields both. */
	assert_parses_to("place:a1 place:b1 x1", "Query((x1@1 FILTER (XPa1 OR XPb1)))");
	assert_parses_to("place:a1 source:b1 x1", "Query((x1@1 FILTER (XPa1 AND XSb1)))");
	assert_parses_to("+place:a1 +place:b1 x1", "Query((x1@1 FILTER (XPa1 AND XPb1)))");
	/* Filters under NOT and '-'. */
	assert_parses_to("x1 -source:tass", "Query((x1@1 AND_NOT XStass))");
	assert_parses_to("x1 NOT place:a1", "Query((x1@1 AND_NOT XPa1))");
	assert_parses_to("place:a1 -place:b1",
			 "Query((0 * <alldocuments> FILTER (XPa1 AND_NOT XPb1)))");
	/* OR of a filter and words: the filter side adds no weight. */
	assert_parses_to("place:a1 OR x1", "Query((0 * XPa1 OR x1@1))");

	assert_fails("place:", QUARRY_EINVAL, "field 'place:' has no value (byte 0)");
	assert_fails("x place: y", QUARRY_EINVAL, "field 'place:' has no value (byte 2)");
	assert_fails("source:\"\"", QUARRY_EINVAL, "field 'source:' has no value");
	assert_fails("source:!!!", QUARRY_EINVAL, "field 'source:' has no value");
	assert_fails("place:\"Kyiv", QUARRY_EINVAL, "unbalanced quote at byte 6");
}

static void test_unknown_field_is_words(void **state)
{
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;
	char *desc;

	(void)state;
	assert_parses_to("plase:soledar", "Query((plase@1 PHRASE 2 soledar@2))");
	/* Times and URLs are words too, never fields or errors. */
	assert_int_equal(parse("12:30 http://example.com", &desc, &pq, &err), QUARRY_OK);
	assert_null(strstr(desc, "FILTER"));
	assert_non_null(strstr(desc, "exampl@"));
	free(desc);
	qy_parsed_query_free(&pq);
}

struct resolver_log {
	int calls;
	char prefix[8];
	char value[64];
};

static int resolver(const char *prefix, const char *value, size_t len, char *out, size_t out_size,
		    void *payload)
{
	struct resolver_log *log = payload;

	log->calls++;
	snprintf(log->prefix, sizeof log->prefix, "%s", prefix);
	snprintf(log->value, sizeof log->value, "%.*s", (int)len, value);
	if (strncmp(value, "Lisichansk", len) == 0 || strncmp(value, "Lysychansk", len) == 0) {
		snprintf(out, out_size, "%slysychansk", prefix);
		return 0;
	}
	return -1;
}

static void test_entity_resolver(void **state)
{
	struct resolver_log log = { 0, "", "" };
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;
	char *desc;
	xc_error xe;

	(void)state;
	assert_int_equal(qy_query_parse(&pq, "war place:Lisichansk", st, resolver, &log, &err),
			 QUARRY_OK);
	assert_int_equal(log.calls, 1);
	assert_string_equal(log.prefix, "XP");
	assert_string_equal(log.value, "Lisichansk");
	assert_int_equal(xc_query_describe(pq.query, &desc, &xe), XC_OK);
	assert_string_equal(desc, "Query((war@1 FILTER XPlysychansk))");
	free(desc);
	qy_parsed_query_free(&pq);

	/* Quoted values reach the resolver without their quotes. */
	assert_int_equal(qy_query_parse(&pq, "actor:\"Wagner group\" war", st, resolver, &log, &err),
			 QUARRY_OK);
	assert_int_equal(log.calls, 2);
	assert_string_equal(log.prefix, "XR");
	assert_string_equal(log.value, "Wagner group");
	/* An unknown name is no error: the query matches nothing. */
	assert_int_equal(pq.has_text, 1);
	assert_true(xc_query_is_empty(pq.query));
	qy_parsed_query_free(&pq);

	/* Excluding an unknown name excludes nothing. */
	assert_int_equal(qy_query_parse(&pq, "war -place:Atlantis", st, resolver, &log, &err),
			 QUARRY_OK);
	assert_int_equal(xc_query_describe(pq.query, &desc, &xe), XC_OK);
	assert_non_null(strstr(desc, "war@1"));
	assert_false(xc_query_is_empty(pq.query));
	free(desc);
	qy_parsed_query_free(&pq);
}

/* An alias hook that knows two names: "Lisichansk" (any case) and the
 * two-word "Kherson region". */
static int alias(const char *words, size_t len, char *out, size_t out_size, void *payload)
{
	(void)payload;
	if (len == 10 && strncasecmp(words, "lisichansk", len) == 0) {
		snprintf(out, out_size, "XPlysychansk");
		return 0;
	}
	if (len == 14 && strncasecmp(words, "kherson region", len) == 0) {
		snprintf(out, out_size, "XPkherson_oblast");
		return 0;
	}
	return -1;
}

static size_t stem_index(const qy_parsed_query *pq, const char *s)
{
	for (size_t i = 0; i < pq->n_stems; i++)
		if (strcmp(pq->stems[i], s) == 0)
			return i;
	fail_msg("no stem '%s'", s);
	return 0;
}

static void test_entity_terms(void **state)
{
	qy_query_hooks hooks = { NULL, alias, NULL };
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;

	(void)state;
	assert_int_equal(qy_query_parse_hooked(&pq, "who controls Lisichansk and the Kherson region",
					       st, &hooks, &err), QUARRY_OK);
	assert_int_equal(pq.n_entity_terms, 2);
	assert_string_equal(pq.entity_terms[0], "XPlysychansk");
	assert_string_equal(pq.entity_terms[1], "XPkherson_oblast");
	assert_non_null(pq.stem_entity);
	assert_int_equal(pq.stem_entity[stem_index(&pq, "control")], 0);
	assert_int_equal(pq.stem_entity[stem_index(&pq, "lisichansk")], 1);
	assert_int_equal(pq.stem_entity[stem_index(&pq, "kherson")], 2);
	assert_int_equal(pq.stem_entity[stem_index(&pq, "region")], 2);
	qy_parsed_query_free(&pq);

	/* The same entity twice is one term; excluded words name none. */
	assert_int_equal(qy_query_parse_hooked(&pq, "Lisichansk lisichansk -\"Kherson region\"",
					       st, &hooks, &err), QUARRY_OK);
	assert_int_equal(pq.n_entity_terms, 1);
	assert_string_equal(pq.entity_terms[0], "XPlysychansk");
	qy_parsed_query_free(&pq);

	/* Without aliases there are no entity terms. */
	assert_int_equal(qy_query_parse_hooked(&pq, "war in Lisichansk", st, NULL, &err), QUARRY_OK);
	assert_int_equal(pq.n_entity_terms, 0);
	assert_null(pq.entity_terms);
	assert_null(pq.stem_entity);
	qy_parsed_query_free(&pq);
}

static void test_unbalanced(void **state)
{
	(void)state;
	assert_fails("soledar \"city fell", QUARRY_EINVAL, "unbalanced quote at byte 8");
	assert_fails("\xe2\x80\x9c" "city", QUARRY_EINVAL, "unbalanced quote at byte 0");
	assert_fails("(soledar bakhmut", QUARRY_EINVAL, "unbalanced parenthesis at byte 0");
	assert_fails("x1 (y1 (z1)", QUARRY_EINVAL, "unbalanced parenthesis at byte 3");
	assert_fails("x1 (y1 z1))", QUARRY_EINVAL, "unbalanced parenthesis at byte 10");
	assert_fails(")", QUARRY_EINVAL, "unbalanced parenthesis at byte 0");
}

static char *repeat(const char *open, size_t n, const char *mid, const char *close)
{
	size_t lo = strlen(open), lm = strlen(mid), lc = strlen(close);
	char *s = malloc(n * (lo + lc) + lm + 1), *p = s;

	assert_non_null(s);
	for (size_t i = 0; i < n; i++, p += lo)
		memcpy(p, open, lo);
	memcpy(p, mid, lm);
	p += lm;
	for (size_t i = 0; i < n; i++, p += lc)
		memcpy(p, close, lc);
	*p = '\0';
	return s;
}

static void test_limits(void **state)
{
	char *q;

	(void)state;
	q = repeat("(", 1000, "x1", ")");
	assert_fails(q, QUARRY_EINVAL, "nested deeper than 32");
	free(q);
	q = repeat("(", 60000, "", "");
	assert_fails(q, QUARRY_EINVAL, "nested deeper than 32");
	free(q);
	/* Over 64 KiB the query is refused before it is even lexed. */
	q = repeat("! ", 40000, "kyiv", "");
	assert_fails(q, QUARRY_EINVAL, "longer than 65536 bytes");
	free(q);
	q = repeat("(", 32, "x1", ")");
	assert_parses_to(q, "Query(x1@1)");
	free(q);
	q = repeat("(", 33, "x1", ")");
	assert_fails(q, QUARRY_EINVAL, "nested deeper than 32 (byte 32)");
	free(q);

	/* 256 distinct terms pass, 257 do not. */
	char buf[8 * 300];
	size_t n = 0;
	for (int i = 0; i < 256; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "w%d ", i);
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;
	assert_int_equal(qy_query_parse(&pq, buf, st, NULL, NULL, &err), QUARRY_OK);
	assert_int_equal(pq.n_stems, 256);
	qy_parsed_query_free(&pq);
	snprintf(buf + n, sizeof buf - n, "w256");
	assert_fails(buf, QUARRY_EINVAL, "more than 256 terms");
	/* Also inside one phrase. */
	buf[0] = '"';
	assert_fails(buf, QUARRY_EINVAL, "unbalanced quote");
	n = strlen(buf);
	snprintf(buf + n, sizeof buf - n, "\"");
	assert_fails(buf, QUARRY_EINVAL, "more than 256 terms");
}

static void test_long_word(void **state)
{
	char q[400];

	(void)state;
	memset(q, 'a', 300);
	q[300] = '\0';
	assert_fails(q, QUARRY_EINVAL, "longer than 120 bytes");
	snprintf(q, sizeof q, "soledar ");
	memset(q + 8, 'b', 300);
	q[308] = '\0';
	assert_fails(q, QUARRY_EINVAL, "at byte 8 is longer than 120 bytes");
	/* 120 bytes exactly is fine. */
	memset(q, 'c', 120);
	q[120] = '\0';
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;
	assert_int_equal(qy_query_parse(&pq, q, st, NULL, NULL, &err), QUARRY_OK);
	qy_parsed_query_free(&pq);
	/* Exact values are checked against Xapian's term limit. */
	memcpy(q, "article:", 8);
	memset(q + 8, 'd', 300);
	q[308] = '\0';
	assert_fails(q, QUARRY_EINVAL, "value of field 'article:' at byte 0 is longer");
}

static void test_invalid_utf8(void **state)
{
	static const char *const bad[] = {
		"sol\377edar", "\xc3", "\xe2\x80", "\"\xff\"", "place:\xff\xfe",
		"article:\xff", "title:\xc0\xaf", "\xed\xa0\x80 x1", "(\xf8\x88\x80\x80\x80)",
		"\xe2\x80\x9c\xff\xe2\x80\x9d", "+\xff -\xfe", "\xff:x1",
	};
	char all[256];
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = qy_query_parse(&pq, bad[i], st, NULL, NULL, &err);
		assert_true(rc == QUARRY_OK || rc == QUARRY_EINVAL || rc == QUARRY_ENOTERMS);
		assert_true(rc != QUARRY_OK || pq.query != NULL);
		qy_parsed_query_free(&pq);
	}
	/* Invalid bytes separate words like spaces. */
	assert_parses_to("x1\xffy1 \xc3", "Query((x1@1 PHRASE 2 y1@2))");
	/* Every byte value at once. */
	for (int i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	int rc = qy_query_parse(&pq, all, st, NULL, NULL, &err);
	assert_true(rc == QUARRY_OK || rc == QUARRY_EINVAL || rc == QUARRY_ENOTERMS);
	qy_parsed_query_free(&pq);
	/* ... and without the quote and parentheses, so the words get parsed. */
	all['"' - 1] = all['(' - 1] = all[')' - 1] = ' ';
	assert_int_equal(qy_query_parse(&pq, all, st, NULL, NULL, &err), QUARRY_OK);
	qy_parsed_query_free(&pq);
}

static void test_bad_arguments(void **state)
{
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;

	(void)state;
	assert_int_equal(qy_query_parse(&pq, NULL, st, NULL, NULL, &err), QUARRY_EINVAL);
	assert_int_equal(qy_query_parse(&pq, "x1", NULL, NULL, NULL, &err), QUARRY_EINVAL);
	assert_int_equal(qy_query_parse(&pq, "x1 (", st, NULL, NULL, NULL), QUARRY_EINVAL);
	qy_parsed_query_free(NULL);
}

/* ---- matching against a real index ---- */

/* Indexes text as the indexer does: tokens, stems, positions from 1. */
static void add_text(xc_doc *doc, const char *text)
{
	qy_tokenizer tz;
	qy_token tok;
	uint32_t pos = 0;
	xc_error xe;

	qy_tokenizer_init(&tz, text, strlen(text));
	while (qy_tokenizer_next(&tz, &tok)) {
		size_t n;
		const char *s = qy_stem(st, tok.text, tok.len, &n);
		assert_int_equal(xc_doc_add_posting(doc, s, n, ++pos, 1, &xe), XC_OK);
	}
}

static void add_doc(xc_wdb *db, const char *text, const char *place, const char *source)
{
	char term[64];
	xc_doc *doc;
	xc_error xe;

	assert_int_equal(xc_doc_new(&doc, &xe), XC_OK);
	add_text(doc, text);
	snprintf(term, sizeof term, "%s%s", QY_PREFIX_PLACE, place);
	assert_int_equal(xc_doc_add_boolean_term(doc, term, strlen(term), &xe), XC_OK);
	snprintf(term, sizeof term, "%s%s", QY_PREFIX_SOURCE, source);
	assert_int_equal(xc_doc_add_boolean_term(doc, term, strlen(term), &xe), XC_OK);
	assert_int_equal(xc_wdb_add_document(db, doc, NULL, &xe), XC_OK);
	xc_doc_free(doc);
}

/* The matching docids of q, ascending, as "1,3"; "error: ..." on failure. */
static void matches(xc_db *db, const char *q, char *out, size_t size, double *max_weight)
{
	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;
	xc_enquire *enq;
	xc_mset *m;
	xc_error xe;
	int seen[16] = { 0 };
	size_t n = 0;

	if (qy_query_parse(&pq, q, st, NULL, NULL, &err) != QUARRY_OK) {
		snprintf(out, size, "error: %s", err.msg);
		return;
	}
	assert_int_equal(xc_enquire_new(&enq, db, &xe), XC_OK);
	assert_int_equal(xc_enquire_set_query(enq, pq.query, &xe), XC_OK);
	assert_int_equal(xc_enquire_get_mset(enq, 0, 16, 0, &m, &xe), XC_OK);
	*max_weight = 0;
	for (size_t i = 0; i < xc_mset_size(m); i++) {
		xc_docid d = xc_mset_docid(m, i);
		assert_true(d < 16);
		seen[d] = 1;
		if (xc_mset_weight(m, i) > *max_weight)
			*max_weight = xc_mset_weight(m, i);
	}
	out[0] = '\0';
	for (int d = 0; d < 16; d++)
		if (seen[d])
			n += (size_t)snprintf(out + n, size - n, n ? ",%d" : "%d", d);
	xc_mset_free(m);
	xc_enquire_free(enq);
	qy_parsed_query_free(&pq);
}

static void assert_matches(xc_db *db, const char *q, const char *want)
{
	char got[128];
	double w;

	matches(db, q, got, sizeof got, &w);
	if (strcmp(got, want) != 0)
		fail_msg("'%s' matched {%s}, wanted {%s}", q, got, want);
}

static void test_real_index(void **state)
{
	char dir[] = "/tmp/qy_test_query_parser_XXXXXX";
	char got[128];
	xc_wdb *wdb;
	xc_error xe;
	double w;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(xc_wdb_open(&wdb, dir, XC_DB_CREATE_OR_OVERWRITE, &xe), XC_OK);
	add_doc(wdb, "Ukraine said the city had fallen to Russian forces", "soledar", "reuters");  /* 1 */
	add_doc(wdb, "The fallen soldiers of the city had medals", "bakhmut", "tass");           /* 2 */
	add_doc(wdb, "Fighting in Soledar continued, Russia claimed", "soledar", "tass");        /* 3 */
	add_doc(wdb, "Nothing to see in Kyiv today", "kyiv", "reuters");                          /* 4 */
	assert_int_equal(xc_wdb_commit(wdb, &xe), XC_OK);
	xc_db *db = xc_wdb_as_db(wdb);

	/* A phrase needs its words in order; plain words do not. */
	assert_matches(db, "\"the city had fallen\"", "1");
	assert_matches(db, "city fallen", "1,2");
	assert_matches(db, "+city +fallen", "1,2");
	assert_matches(db, "city OR fights", "1,2,3");
	assert_matches(db, "fallen AND soledar", "");
	/* Stemming meets the indexer's stems. */
	assert_matches(db, "fights", "3");
	assert_matches(db, "claims", "3");
	/* Filters restrict, NOT and '-' remove. */
	assert_matches(db, "city place:soledar", "1");
	assert_matches(db, "city -source:reuters", "2");
	assert_matches(db, "city NOT place:bakhmut", "1");
	assert_matches(db, "+soledar fighting", "3");
	assert_matches(db, "place:soledar place:bakhmut", "1,2,3");
	assert_matches(db, "place:soledar source:tass", "3");
	assert_matches(db, "place:kyiv OR soledar", "3,4");
	assert_matches(db, "city (place:soledar OR source:tass)", "1,2");
	/* Filters only: matches with weight 0. */
	matches(db, "source:reuters", got, sizeof got, &w);
	assert_string_equal(got, "1,4");
	assert_true(w == 0.0);
	matches(db, "city", got, sizeof got, &w);
	assert_true(w > 0.0);

	xc_wdb_free(wdb);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_stemmed_and_ored),
		cmocka_unit_test(test_stopwords),
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_word_with_several_tokens_is_phrase),
		cmocka_unit_test(test_boolean_operators),
		cmocka_unit_test(test_required_and_excluded),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_unknown_field_is_words),
		cmocka_unit_test(test_entity_resolver),
		cmocka_unit_test(test_entity_terms),
		cmocka_unit_test(test_unbalanced),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_long_word),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_real_index),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
