/* fuzz_query.c - libFuzzer target: the query parser, bare and with the gazetteer's hooks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/gazetteer.h"
#include "searcher/entity_hooks.h"
#include "searcher/query_parser.h"

static qy_stemmer *stemmer;
static qy_gazetteer *gaz;

static void setup(void)
{
	qy_err err = QY_ERR_INIT;
	if (!(stemmer = qy_stemmer_new()))
		abort();
	if (qy_gazetteer_load(&gaz, QUARRY_SOURCE_DATA_DIR, &err) != QUARRY_OK)
		abort();
}

static void check(int rc, const qy_parsed_query *pq, const qy_err *err)
{
	if (rc != QUARRY_OK) {
		if ((rc != QUARRY_EINVAL && rc != QUARRY_ENOTERMS) || !err->msg[0])
			abort();
		return;
	}
	if (!pq->query)
		abort();
	for (size_t i = 0; i < pq->n_stems; i++)
		if (!pq->stems[i] || !pq->stems[i][0])
			abort();
	char *desc = NULL;
	xc_error xerr;
	memset(&xerr, 0, sizeof xerr);
	if (xc_query_describe(pq->query, &desc, &xerr) != 0 || !desc)
		abort();
	free(desc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!stemmer)
		setup();
	/* The parser takes a C string: the input up to its first NUL. */
	char *q = malloc(size + 1);
	memcpy(q, data, size);
	q[size] = '\0';

	qy_parsed_query pq;
	qy_err err = QY_ERR_INIT;
	memset(&pq, 0, sizeof pq);
	int rc = qy_query_parse(&pq, q, stemmer, NULL, NULL, &err);
	check(rc, &pq, &err);
	if (rc == QUARRY_OK)
		qy_parsed_query_free(&pq);

	qy_query_hooks hooks = qy_entity_hooks(gaz);
	memset(&pq, 0, sizeof pq);
	qy_err_clear(&err);
	rc = qy_query_parse_hooked(&pq, q, stemmer, &hooks, &err);
	check(rc, &pq, &err);
	if (rc == QUARRY_OK)
		qy_parsed_query_free(&pq);
	free(q);
	return 0;
}
