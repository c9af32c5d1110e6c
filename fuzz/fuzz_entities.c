/* fuzz_entities.c - libFuzzer target: the entity tagger and name resolution with the real gazetteer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/entities.h"
#include "analysis/gazetteer.h"
#include "analysis/tokenizer.h"
#include "real_gazetteer.h"

static unsigned count_tokens(const char *text, size_t len)
{
	qy_tokenizer t;
	qy_token tok;
	unsigned n = 0;
	qy_tokenizer_init(&t, text, len);
	while (qy_tokenizer_next(&t, &tok))
		n++;
	return n;
}

/* Mentions lie in the text, in order, without overlap, on real tokens, and
 * every gazetteer mention names an entity the gazetteer knows. */
static void check_mentions(const qy_gazetteer *g, const char *text, size_t len,
			   const qy_mentions *ms)
{
	unsigned n_tokens = count_tokens(text, len);
	size_t prev_end = 0;
	unsigned prev_tok = 0;
	qy_buf key = QY_BUF_INIT;

	for (size_t i = 0; i < ms->count; i++) {
		const qy_mention *m = &ms->items[i];
		if (m->start >= m->end || m->end > len || m->start < prev_end)
			abort();
		if (m->n_tokens == 0 || m->first_token < prev_tok ||
		    m->first_token + m->n_tokens > n_tokens)
			abort();
		if ((unsigned)m->type >= QY_ENT_TYPES)
			abort();
		if (m->type == QY_ENT_NAME) {
			qy_buf_clear(&key);
			qy_mention_name_key(text, m, &key);
			if (strlen(qy_buf_cstr(&key)) != key.len)
				abort();
		} else if (!m->id || qy_gazetteer_find(g, m->type, m->id) < 0) {
			abort();
		}
		prev_end = m->end;
		prev_tok = m->first_token + m->n_tokens;
	}
	qy_buf_free(&key);
}

static void check_resolve(const qy_gazetteer *g, const char *name, size_t len)
{
	for (int type = -1; type < QY_ENT_NAME; type++) {
		qy_entity_type t;
		const char *id;
		if (!qy_gazetteer_resolve(g, type, name, len, &t, &id))
			continue;
		if (!id || (type >= 0 && (int)t != type) || !qy_gazetteer_name(g, t, id))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const qy_gazetteer *g = real_gazetteer();
	const char *text = (const char *)data;
	qy_mentions ms = QY_MENTIONS_INIT;

	qy_tag_entities(g, text, size, &ms);
	check_mentions(g, text, size, &ms);
	qy_mentions_clear(&ms);
	qy_tag_entities(NULL, text, size, &ms);
	check_mentions(g, text, size, &ms);
	qy_mentions_free(&ms);
	if (size <= 256)
		check_resolve(g, text, size);
	return 0;
}
