/*
 * example.c - embedding quarry: index two articles, then search them.
 *
 *   cc example.c $(pkg-config --cflags --libs quarry) -o example
 *   ./example /tmp/example-index
 *
 * tests/e2e/test_api_example.sh builds this file against an installed copy
 * of libquarry and runs it, so it stays correct.
 */
#include <quarry.h>
#include <stdio.h>
#include <string.h>

static int fail(const char *what, quarry_error *err)
{
	fprintf(stderr, "example: %s: %s\n", what, quarry_error_message(err));
	quarry_error_free(err);
	return 2;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "example-index";
	quarry_error *err = NULL;
	quarry_indexer *ix;
	quarry_index_options iopts = QUARRY_INDEX_OPTIONS_INIT;

	if (quarry_indexer_open(&ix, path, &iopts, &err) != QUARRY_OK)
		return fail("open for indexing", err);
	const char *body1 = "Ukrainian forces said on Sunday they had pushed Russian troops out "
			    "of the village of Klishchiivka, south of Bakhmut.";
	const char *body2 = "Grain ships left Odesa under the Black Sea corridor.";
	quarry_article a1 = { "ex-1", "Klishchiivka retaken", "2023-09-17", "Example Wire", NULL,
			      body1, strlen(body1) };
	quarry_article a2 = { "ex-2", "Grain corridor", "2023-09-18", "Example Wire", NULL,
			      body2, strlen(body2) };
	if (quarry_indexer_add_article(ix, &a1, &err) != QUARRY_OK ||
	    quarry_indexer_add_article(ix, &a2, &err) != QUARRY_OK) {
		quarry_indexer_abort(ix);
		return fail("add", err);
	}
	if (quarry_indexer_close(ix, &err) != QUARRY_OK)
		return fail("commit", err);

	quarry_searcher *s;
	quarry_results *r;
	quarry_search_options sopts = QUARRY_SEARCH_OPTIONS_INIT;
	if (quarry_searcher_open(&s, path, &err) != QUARRY_OK)
		return fail("open for searching", err);
	if (quarry_search(&r, s, "who pushed Russian troops out of Klishchiivka", &sopts, &err) != QUARRY_OK) {
		quarry_searcher_close(s);
		return fail("search", err);
	}
	for (size_t i = 0; i < quarry_results_count(r); i++) {
		const quarry_passage *p = quarry_results_get(r, i);
		printf("%u\t%s\t%s\t%s\n", p->rank, p->article, p->date ? p->date : "-", p->text);
	}
	int found = quarry_results_count(r) > 0;
	quarry_results_free(r);
	quarry_searcher_close(s);
	return found ? 0 : 1;
}
