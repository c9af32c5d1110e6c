/* fuzz_json.c - libFuzzer target: the JSON object parser and the JSON Lines article conversion. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/dates.h"
#include "indexer/json.h"
#include "indexer/json_article.h"

static int on_member(const char *key, size_t key_len, const qy_json_value *v, void *payload)
{
	size_t *members = payload;
	if (strlen(key) != key_len)
		abort();   /* decoded strings are C strings: a NUL becomes a space */
	switch (v->type) {
	case QY_JSON_STRING:
		if (!v->text || strlen(v->text) != v->len)
			abort();
		break;
	case QY_JSON_NUMBER:
		if (!v->text || v->len == 0 || strlen(v->text) != v->len)
			abort();
		(void)qy_json_is_integer(v);
		break;
	default:
		if ((unsigned)v->type > QY_JSON_OBJECT)
			abort();
	}
	++*members;
	return 0;
}

static void check_article(const char *line, size_t len)
{
	qy_article a;
	qy_err err = QY_ERR_INIT;
	int rc = qy_json_article_parse(&a, line, len, "fallback:1", &err);

	if (rc != QUARRY_OK) {
		if (rc != QUARRY_EBADINPUT || err.status != rc || !err.msg[0] || a.body || a.id)
			abort();
		return;
	}
	int y, m, d;
	if (!a.id || !a.id[0] || !a.title || !a.body || a.body_len == 0)
		abort();
	if (a.date && qy_date_parse(a.date, &y, &m, &d) != 0)
		abort();
	if (a.url && !a.url[0])
		abort();
	qy_article_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	qy_err err = QY_ERR_INIT;
	size_t members = 0;

	int rc = qy_json_parse_object(text, size, on_member, &members, &err);
	if (rc != QUARRY_OK && (rc != QUARRY_EBADINPUT || !err.msg[0]))
		abort();
	check_article(text, size);
	return 0;
}
