/* entity_hooks.c - resolving names typed in a query to entity terms. */
#include "entity_hooks.h"

#include <stdio.h>
#include <string.h>

#include "../analysis/stemmer.h"
#include "../analysis/tokenizer.h"
#include "../schema/schema.h"

int qy_entity_type_of_prefix(const char *prefix)
{
	for (int type = 0; type < QY_ENT_TYPES; type++)
		if (strcmp(qy_entity_prefix(type), prefix) == 0)
			return type;
	return -1;
}

static int field_resolve(const char *prefix, const char *value, size_t len, char *out,
			 size_t size, void *payload)
{
	const qy_gazetteer *g = payload;
	qy_entity_type type;
	const char *id;
	int want = qy_entity_type_of_prefix(prefix);

	if (want < 0 || !qy_gazetteer_resolve(g, want, value, len, &type, &id))
		return -1;
	int n = snprintf(out, size, "%s%s", prefix, id);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

/* One word that is a stopword or an everyday English word ("who", "hold",
 * "mine") is not taken for a name: people type queries in lower case, so
 * capitals cannot tell "Mine" the village from "mine" the noun. */
static int is_plain_word(const char *words, size_t len)
{
	qy_tokenizer tz;
	qy_token tok;
	unsigned n = 0;
	int plain = 0;

	qy_tokenizer_init(&tz, words, len);
	while (qy_tokenizer_next(&tz, &tok)) {
		if (++n > 1)
			return 0;
		plain = (tok.flags & QY_TOK_NUMERIC) || qy_is_stopword(tok.text, tok.len) ||
			qy_gazetteer_common_word(tok.text, tok.len);
	}
	return n == 0 || plain;
}

static int alias_resolve(const char *words, size_t len, char *out, size_t size, void *payload)
{
	const qy_gazetteer *g = payload;
	qy_entity_type type;
	const char *id;

	if (is_plain_word(words, len) || !qy_gazetteer_resolve(g, -1, words, len, &type, &id))
		return -1;
	if (type == QY_ENT_NAME)
		return -1;
	int n = snprintf(out, size, "%s%s", qy_entity_prefix(type), id);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

qy_query_hooks qy_entity_hooks(const qy_gazetteer *g)
{
	qy_query_hooks hooks = { NULL, NULL, NULL };
	if (g) {
		hooks.resolve = field_resolve;
		hooks.alias = alias_resolve;
		hooks.payload = (void *)g;
	}
	return hooks;
}
