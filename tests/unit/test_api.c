/* test_api.c - the public C API end to end: index articles into a real
 * Xapian database, search it, read answers and facets, tag text, and get
 * clear errors for misuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "quarry.h"

static char dir[] = "/tmp/quarry-api-XXXXXX";
static char index_path[512];

static const char *body_claim =
	"Russia's defence ministry said on Sunday its forces had taken full control of "
	"Lysychansk, the last Ukrainian-held city in the Luhansk region.\n\n"
	"Ukraine's National Guard denied that the city had fallen and said fighting went on "
	"near its outskirts.";
static const char *body_other =
	"Grain ships left Odesa under the Black Sea corridor on Monday, port officials said.";

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(index_path, sizeof index_path, "%s/ix", dir);
	quarry_indexer *ix;
	quarry_error *err = NULL;
	quarry_article a = { "claim-1", "Russia claims Lysychansk", "2022-07-03", "Test Wire",
			     "https://example.org/1", body_claim, strlen(body_claim) };
	quarry_article b = { "grain-1", "Grain corridor", "2022-08-01", NULL, NULL, body_other,
			     strlen(body_other) };
	if (quarry_indexer_open(&ix, index_path, NULL, &err) != QUARRY_OK)
		return -1;
	int rc = quarry_indexer_add_article(ix, &a, &err) | quarry_indexer_add_article(ix, &b, &err);
	if (rc != QUARRY_OK || quarry_indexer_stats(ix)->articles_added != 2)
		return -1;
	return quarry_indexer_close(ix, &err);
}

static int teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static void test_search_fields(void **state)
{
	(void)state;
	quarry_searcher *s;
	quarry_results *r;
	quarry_error *err = NULL;
	assert_int_equal(quarry_searcher_open(&s, index_path, &err), QUARRY_OK);
	assert_int_equal(quarry_search(&r, s, "Lisichansk", NULL, &err), QUARRY_OK);
	assert_true(quarry_results_count(r) >= 1);
	const quarry_passage *p = quarry_results_get(r, 0);
	assert_string_equal(p->article, "claim-1");
	assert_string_equal(p->date, "2022-07-03");
	assert_string_equal(p->source, "Test Wire");
	assert_string_equal(p->url, "https://example.org/1");
	assert_int_equal(p->rank, 1);
	assert_non_null(strstr(p->text, "Lysychansk"));
	assert_null(quarry_results_get(r, 99));
	const quarry_entity *ents;
	size_t n = quarry_results_entities(r, 0, &ents);
	int lysychansk = 0;
	for (size_t i = 0; i < n; i++)
		lysychansk |= !strcmp(ents[i].type, "place") && !strcmp(ents[i].id, "lysychansk") &&
			      !strcmp(ents[i].name, "Lysychansk");
	assert_true(lysychansk);
	quarry_results_free(r);
	quarry_searcher_close(s);
}

static size_t count_with_cap(quarry_searcher *s, unsigned cap)
{
	quarry_search_options o = QUARRY_SEARCH_OPTIONS_INIT;
	quarry_results *r;
	quarry_error *err = NULL;

	o.per_article = cap;
	o.answer = 0;
	assert_int_equal(quarry_search(&r, s, "Lysychansk said", &o, &err), QUARRY_OK);
	size_t n = quarry_results_count(r);
	quarry_results_free(r);
	return n;
}

/* The largest caps keep everything, as no cap does (the match keeps one
 * more passage per article than the cap, which must not wrap to 0). */
static void test_per_article_extremes(void **state)
{
	(void)state;
	quarry_searcher *s;
	quarry_error *err = NULL;
	assert_int_equal(quarry_searcher_open(&s, index_path, &err), QUARRY_OK);
	size_t all = count_with_cap(s, 0);
	assert_true(all >= 2);   /* "said" is in both articles */
	assert_int_equal(count_with_cap(s, 1000), all);
	assert_int_equal(count_with_cap(s, 0xFFFFFFFEu), all);
	assert_int_equal(count_with_cap(s, 0xFFFFFFFFu), all);
	assert_int_equal(count_with_cap(s, 1), 2);   /* one per article */
	quarry_searcher_close(s);
}

static void test_answer_and_facets(void **state)
{
	(void)state;
	quarry_searcher *s;
	quarry_results *r;
	quarry_error *err = NULL;
	quarry_search_options o = QUARRY_SEARCH_OPTIONS_INIT;
	o.facets = 50;
	assert_int_equal(quarry_searcher_open(&s, index_path, &err), QUARRY_OK);
	assert_int_equal(quarry_search(&r, s, "who controls Lysychansk", &o, &err), QUARRY_OK);
	const quarry_answer *a = quarry_results_answer(r);
	assert_non_null(a);
	assert_string_equal(a->entity_id, "lysychansk");
	assert_string_equal(a->family, "control");
	int russia_claims = 0, ukraine_denies = 0;
	for (size_t i = 0; i < a->n_claims; i++) {
		russia_claims |= !strcmp(a->claims[i].side, "russia") && !strcmp(a->claims[i].stance, "claims");
		ukraine_denies |= !strcmp(a->claims[i].side, "ukraine") && !strcmp(a->claims[i].stance, "denies");
	}
	assert_true(russia_claims);
	assert_true(ukraine_denies);
	/* Results outlive their searcher: the claims' ids are their own. */
	quarry_searcher_close(s);
	assert_string_equal(a->entity_id, "lysychansk");
	for (size_t i = 0; i < a->n_claims; i++)
		assert_true(strlen(a->claims[i].actor) > 0 && strlen(a->claims[i].side) > 0);
	assert_int_equal(quarry_searcher_open(&s, index_path, &err), QUARRY_OK);
	int has_place = 0;
	for (size_t i = 0; i < quarry_results_facet_count(r); i++) {
		const quarry_facet *f = quarry_results_facet(r, i);
		has_place |= !strcmp(f->type, "place") && !strcmp(f->id, "lysychansk") && f->count >= 1;
	}
	assert_true(has_place);
	quarry_results_free(r);
	/* A keyword query gets no answer block. */
	assert_int_equal(quarry_search(&r, s, "grain corridor", NULL, &err), QUARRY_OK);
	assert_null(quarry_results_answer(r));
	assert_string_equal(quarry_results_get(r, 0)->article, "grain-1");
	quarry_results_free(r);
	quarry_searcher_close(s);
}

static void test_tagger(void **state)
{
	(void)state;
	quarry_tagger *t;
	quarry_error *err = NULL;
	const quarry_mention *m;
	size_t n;
	const char *text = "Russian forces entered Dzerzhinsk, Kyiv denied.";
	assert_int_equal(quarry_tagger_open(&t, NULL, &err), QUARRY_OK);
	assert_int_equal(quarry_tag(t, text, strlen(text), &m, &n, &err), QUARRY_OK);
	int toretsk = 0, russia = 0;
	for (size_t i = 0; i < n; i++) {
		toretsk |= !strcmp(m[i].type, "place") && !strcmp(m[i].id, "toretsk") &&
			   !strncmp(text + m[i].start, "Dzerzhinsk", 10);
		russia |= !strcmp(m[i].type, "actor") && !strcmp(m[i].side, "russia");
	}
	assert_true(toretsk);
	assert_true(russia);
	quarry_tagger_close(t);
}

static void test_errors(void **state)
{
	(void)state;
	quarry_searcher *s = NULL;
	quarry_results *r = NULL;
	quarry_error *err = NULL;
	char missing[600];
	snprintf(missing, sizeof missing, "%s/nothing-here", dir);
	assert_int_equal(quarry_searcher_open(&s, missing, &err), QUARRY_ENOTFOUND);
	assert_non_null(strstr(quarry_error_message(err), "nothing-here"));
	quarry_error_free(err);
	err = NULL;
	assert_int_equal(quarry_searcher_open(&s, index_path, &err), QUARRY_OK);
	assert_int_equal(quarry_search(&r, s, "the of", NULL, &err), QUARRY_ENOTERMS);
	assert_null(r);
	quarry_error_free(err);
	err = NULL;
	assert_int_equal(quarry_search(&r, s, "(unclosed", NULL, &err), QUARRY_EINVAL);
	assert_non_null(strstr(quarry_error_message(err), "byte"));
	quarry_error_free(err);
	err = NULL;
	quarry_search_options bad = QUARRY_SEARCH_OPTIONS_INIT;
	bad.version = 99;
	assert_int_equal(quarry_search(&r, s, "Lysychansk", &bad, &err), QUARRY_EINVAL);
	quarry_error_free(err);
	quarry_searcher_close(s);
	/* A second writer on the same index is refused as locked. */
	quarry_indexer *w1, *w2;
	err = NULL;
	/* Index options of version 1 (before sentence_vectors) are still read;
	 * a version from the future is refused. */
	quarry_index_options v1 = QUARRY_INDEX_OPTIONS_INIT, v3 = QUARRY_INDEX_OPTIONS_INIT;
	v1.version = 1;
	v3.version = QUARRY_INDEX_OPTIONS_VERSION + 1;
	assert_int_equal(quarry_indexer_open(&w1, index_path, &v3, &err), QUARRY_EINVAL);
	assert_non_null(strstr(quarry_error_message(err), "version"));
	quarry_error_free(err);
	err = NULL;
	assert_int_equal(quarry_indexer_open(&w1, index_path, &v1, &err), QUARRY_OK);
	assert_int_equal(quarry_indexer_close(w1, &err), QUARRY_OK);
	assert_int_equal(quarry_indexer_open(&w1, index_path, NULL, &err), QUARRY_OK);
	assert_int_equal(quarry_indexer_open(&w2, index_path, NULL, &err), QUARRY_ELOCKED);
	assert_non_null(strstr(quarry_error_message(err), "locked"));
	quarry_error_free(err);
	err = NULL;
	/* An article with a bad date is refused, and the index keeps the rest. */
	quarry_article bad_date = { "x", "t", "July 3", NULL, NULL, "text", 4 };
	assert_int_equal(quarry_indexer_add_article(w1, &bad_date, &err), QUARRY_EBADINPUT);
	assert_non_null(strstr(quarry_error_message(err), "July 3"));
	quarry_error_free(err);
	quarry_indexer_abort(w1);
}

/* Abort throws away what was not committed (Xapian's close would commit). */
static void test_abort_discards(void **state)
{
	(void)state;
	quarry_indexer *ix;
	quarry_searcher *s;
	quarry_results *r = NULL;
	quarry_error *err = NULL;
	const char body[] = "A zebrafinch\0 sang over Pisky.";   /* a NUL inside, too */
	quarry_article a = { "aborted-1", "Zebrafinch", NULL, NULL, NULL, body, sizeof body - 1 };

	assert_int_equal(quarry_indexer_open(&ix, index_path, NULL, &err), QUARRY_OK);
	assert_int_equal(quarry_indexer_add_article(ix, &a, &err), QUARRY_OK);
	quarry_indexer_abort(ix);
	assert_int_equal(quarry_searcher_open(&s, index_path, &err), QUARRY_OK);
	assert_int_equal(quarry_search(&r, s, "zebrafinch", NULL, &err), QUARRY_OK);
	assert_int_equal(quarry_results_count(r), 0);
	quarry_results_free(r);
	quarry_searcher_close(s);

	/* Committed, the same article is found, its NUL stored as a space. */
	assert_int_equal(quarry_indexer_open(&ix, index_path, NULL, &err), QUARRY_OK);
	assert_int_equal(quarry_indexer_add_article(ix, &a, &err), QUARRY_OK);
	assert_int_equal(quarry_indexer_close(ix, &err), QUARRY_OK);
	assert_int_equal(quarry_searcher_open(&s, index_path, &err), QUARRY_OK);
	assert_int_equal(quarry_search(&r, s, "zebrafinch Pisky", NULL, &err), QUARRY_OK);
	assert_int_equal(quarry_results_count(r), 1);
	assert_non_null(strstr(quarry_results_get(r, 0)->text, "zebrafinch  sang"));
	quarry_results_free(r);
	/* An as-of that is no date is refused, not ignored. */
	quarry_search_options o = QUARRY_SEARCH_OPTIONS_INIT;
	o.as_of = "nonsense";
	assert_int_equal(quarry_search(&r, s, "who controls Lysychansk", &o, &err), QUARRY_EINVAL);
	quarry_error_free(err);
	quarry_searcher_close(s);
}

/* An over-long title is cut, not multiplied into every passage. */
static void test_long_title(void **state)
{
	(void)state;
	quarry_indexer *ix;
	quarry_searcher *s;
	quarry_results *r = NULL;
	quarry_error *err = NULL;
	size_t n = 200000;
	char *title = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		title[i] = i % 8 == 7 ? ' ' : 'a' + (char)(i % 7);
	title[n] = '\0';
	const char *body = "Sappers cleared the road to Kupiansk.";
	quarry_article a = { "long-title", title, NULL, NULL, NULL, body, strlen(body) };
	assert_int_equal(quarry_indexer_open(&ix, index_path, NULL, &err), QUARRY_OK);
	assert_int_equal(quarry_indexer_add_article(ix, &a, &err), QUARRY_OK);
	assert_int_equal(quarry_indexer_close(ix, &err), QUARRY_OK);
	assert_int_equal(quarry_searcher_open(&s, index_path, &err), QUARRY_OK);
	assert_int_equal(quarry_search(&r, s, "sappers", NULL, &err), QUARRY_OK);
	assert_int_equal(quarry_results_count(r), 1);
	assert_true(strlen(quarry_results_get(r, 0)->title) <= 1024);
	quarry_results_free(r);
	quarry_searcher_close(s);
	free(title);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_fields),
		cmocka_unit_test(test_per_article_extremes),
		cmocka_unit_test(test_answer_and_facets),
		cmocka_unit_test(test_tagger),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_abort_discards),
		cmocka_unit_test(test_long_title),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
