/* fuzz_claims.c - libFuzzer target: the claim reader (sentences, headlines,
 * every question family) and the verdict over its claims, with the real
 * gazetteer.  The first line of the input is the headline, the rest the
 * passage. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/gazetteer.h"
#include "searcher/answer.h"
#include "searcher/claims.h"
#include "real_gazetteer.h"

/* Every claim quotes a piece of the text it came from and names the target. */
static void check_claims(const qy_claims *cl, const char *place, size_t first,
			 const char *text, size_t len)
{
	for (size_t i = first; i < cl->count; i++) {
		const qy_claim *c = &cl->items[i];
		if (!c->actor || !c->quote || !c->place || strcmp(c->place, place) != 0)
			abort();
		if (c->quote_start > len || strlen(c->quote) > len - c->quote_start ||
		    memcmp(c->quote, text + c->quote_start, strlen(c->quote)) != 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const places[] = { "bakhmut", "zaporizhzhia-npp", "dnipro-river",
					      "luhansk-oblast", "ukraine" };
	static const qy_family fams[] = { QY_FAM_CONTROL, QY_FAM_FALL, QY_FAM_ATTACK,
					  QY_FAM_FIGHTING, QY_FAM_NONE };
	const qy_gazetteer *g = real_gazetteer();
	if (size == 0)
		return 0;
	/* NUL-terminated copies: headline up to the first newline, passage after */
	char *buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	char *nl = memchr(buf, '\n', size);
	char *title = buf, *text = nl ? nl + 1 : buf + size;
	if (nl)
		*nl = '\0';
	size_t text_len = size - (size_t)(text - buf);
	qy_record rec = { .article = "fuzz", .passage = 2, .title = title, .date = "2023-01-12",
			  .text = text, .text_len = text_len };
	/* a second article whose body is the headline, a week later, so the
	 * verdict weighs sources and windows */
	qy_record other = { .article = "fuzz-2", .passage = 0, .title = text, .date = "2023-01-19",
			    .text = title, .text_len = strlen(title) };
	/* and one past the verdict's window, which leaves the others out */
	qy_record later = other;
	later.article = "fuzz-3";
	later.date = "2023-03-01";

	for (size_t p = 0; p < sizeof places / sizeof *places; p++) {
		size_t f = (data[0] + p) % (sizeof fams / sizeof *fams);
		qy_claims cl = QY_CLAIMS_INIT;
		qy_claims_from_record(g, &rec, places[p], fams[f], &cl);
		check_claims(&cl, places[p], 0, text, text_len);
		size_t n = cl.count;
		qy_claims_from_title(g, &rec, places[p], fams[f], &cl);
		check_claims(&cl, places[p], n, title, strlen(title));
		n = cl.count;
		qy_claims_from_record(g, &other, places[p], fams[f], &cl);
		check_claims(&cl, places[p], n, title, strlen(title));
		if (data[0] & 1) {
			n = cl.count;
			qy_claims_from_record(g, &later, places[p], fams[f], &cl);
			check_claims(&cl, places[p], n, title, strlen(title));
		}
		qy_answer a;
		qy_answer_build(&a, "q", fams[f], places[p], places[p], NULL, &cl);
		if (a.controller && strcmp(a.controller, "Russia") && strcmp(a.controller, "Ukraine") &&
		    strcmp(a.controller, "contested"))
			abort();
		qy_answer_free(&a);
	}
	free(buf);
	return 0;
}
