/* test_entity_f1.c - precision, recall and F1 of the tagger against fixtures/entities_gold.tsv. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/entities.h"
#include "indexer/reader.h"

#define MAX_GOLD 4096

/* One gold or predicted mention; scored only for places and actors. */
typedef struct ann {
	char article[96];
	size_t start, end;
	int type;
	char id[96];
	int matched;
} ann;

typedef struct counts {
	unsigned tp, fp, fn;
} counts;

static int type_of(const char *name)
{
	if (strcmp(name, "place") == 0)
		return QY_ENT_PLACE;
	if (strcmp(name, "actor") == 0)
		return QY_ENT_ACTOR;
	return -1;
}

static size_t load_gold(ann *gold)
{
	FILE *f = fopen(SOURCE_DIR "/fixtures/entities_gold.tsv", "r");
	char line[1024], type[16];
	size_t n = 0;

	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#')
			continue;
		assert_true(n < MAX_GOLD);
		ann *a = &gold[n];
		memset(a, 0, sizeof *a);
		assert_int_equal(sscanf(line, "%95[^\t]\t%zu\t%zu\t%15[^\t]\t%95[^\t]",
					a->article, &a->start, &a->end, type, a->id), 5);
		a->type = type_of(type);
		assert_true(a->type >= 0);
		n++;
	}
	fclose(f);
	return n;
}

static int in_gold_set(const ann *gold, size_t n, const char *article)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(gold[i].article, article) == 0)
			return 1;
	return 0;
}

/* Scores one article's mentions against the gold; exact span, type and id. */
static void score(ann *gold, size_t n, const char *article, const char *body,
		  const qy_mentions *m, counts *c)
{
	for (size_t k = 0; k < m->count; k++) {
		const qy_mention *x = &m->items[k];
		if (x->type != QY_ENT_PLACE && x->type != QY_ENT_ACTOR)
			continue;
		int hit = 0;
		for (size_t i = 0; i < n && !hit; i++) {
			ann *g = &gold[i];
			if (!g->matched && strcmp(g->article, article) == 0 &&
			    g->start == x->start && g->end == x->end &&
			    g->type == (int)x->type && strcmp(g->id, x->id) == 0)
				hit = g->matched = 1;
		}
		if (hit) {
			c[x->type].tp++;
		} else {
			c[x->type].fp++;
			printf("  FP %s %s:%s \"%.*s\" @%zu\n", article,
			       qy_entity_type_name(x->type), x->id,
			       (int)(x->end - x->start), body + x->start, x->start);
		}
	}
}

static double f1(const counts *c, const char *name)
{
	double p = c->tp + c->fp ? (double)c->tp / (c->tp + c->fp) : 0;
	double r = c->tp + c->fn ? (double)c->tp / (c->tp + c->fn) : 0;
	double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
	printf("%-6s tp %3u fp %3u fn %3u  precision %.3f recall %.3f F1 %.3f\n",
	       name, c->tp, c->fp, c->fn, p, r, f);
	return f;
}

static void test_f1(void **state)
{
	(void)state;
	static ann gold[MAX_GOLD];
	size_t n = load_gold(gold);
	qy_gazetteer *g;
	qy_reader *r;
	qy_article a;
	qy_err err = QY_ERR_INIT;
	qy_mentions m = QY_MENTIONS_INIT;
	counts c[QY_ENT_TYPES] = { { 0, 0, 0 } };
	unsigned articles = 0;
	int rc;

	assert_true(n >= 100);
	assert_int_equal(qy_gazetteer_load(&g, SOURCE_DIR "/data", &err), QUARRY_OK);
	assert_int_equal(qy_reader_open(&r, SOURCE_DIR "/fixtures/articles", &err), QUARRY_OK);
	while ((rc = qy_reader_next(r, &a, &err)) != QUARRY_DONE) {
		assert_int_equal(rc, QUARRY_OK);
		if (in_gold_set(gold, n, a.id)) {
			qy_mentions_clear(&m);
			qy_tag_entities(g, a.body, a.body_len, &m);
			score(gold, n, a.id, a.body, &m, c);
			articles++;
		}
		qy_article_free(&a);
	}
	for (size_t i = 0; i < n; i++) {
		if (!gold[i].matched) {
			c[gold[i].type].fn++;
			printf("  FN %s %s:%s @%zu\n", gold[i].article,
			       qy_entity_type_name((qy_entity_type)gold[i].type), gold[i].id,
			       gold[i].start);
		}
	}
	printf("%u articles, %zu gold mentions\n", articles, n);
	assert_true(articles >= 10);
	assert_true(f1(&c[QY_ENT_PLACE], "place") >= 0.9);
	assert_true(f1(&c[QY_ENT_ACTOR], "actor") >= 0.9);
	qy_mentions_free(&m);
	qy_reader_free(r);
	qy_gazetteer_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_f1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
