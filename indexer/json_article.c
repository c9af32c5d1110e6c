/* json_article.c - mapping a JSON Lines record onto an article. */
#include "json_article.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "article_fields.h"
#include "json.h"

/* What the member callback gathers besides the article itself. */
typedef struct record {
	qy_article *a;
	int body_seen;     /* "body" was present */
	int body_type_ok;  /* ... and a string */
	int id_type_ok;    /* "id" absent, null, string or integer */
} record;

static int key_is(const char *key, size_t len, const char *name)
{
	return strlen(name) == len && memcmp(key, name, len) == 0;
}

static void set(char **field, char *value)
{
	free(*field);
	*field = value;
}

/* A non-empty string value, copied, or NULL. */
static char *nonempty(const qy_json_value *v)
{
	return v->type == QY_JSON_STRING && v->len ? qy_strndup(v->text, v->len) : NULL;
}

static void take_id(record *r, const qy_json_value *v)
{
	if (v->type == QY_JSON_STRING || qy_json_is_integer(v)) {
		set(&r->a->id, v->len ? qy_strndup(v->text, v->len) : NULL);
		r->id_type_ok = 1;
	} else {
		set(&r->a->id, NULL);
		r->id_type_ok = v->type == QY_JSON_NULL;
	}
}

static int member(const char *key, size_t key_len, const qy_json_value *v, void *payload)
{
	record *r = payload;
	qy_article *a = r->a;
	char date[11];

	if (key_is(key, key_len, "id")) {
		take_id(r, v);
	} else if (key_is(key, key_len, "title")) {
		set(&a->title, nonempty(v));
	} else if (key_is(key, key_len, "date")) {
		int ok = v->type == QY_JSON_STRING && qy_date_prefix(v->text, v->len, date);
		set(&a->date, ok ? qy_strdup(date) : NULL);
	} else if (key_is(key, key_len, "source")) {
		set(&a->source, nonempty(v));
	} else if (key_is(key, key_len, "url")) {
		set(&a->url, nonempty(v));
	} else if (key_is(key, key_len, "body")) {
		r->body_seen = 1;
		r->body_type_ok = v->type == QY_JSON_STRING;
		set(&a->body, r->body_type_ok ? qy_strndup(v->text, v->len) : NULL);
		a->body_len = r->body_type_ok ? v->len : 0;
	}
	return QUARRY_OK;
}

static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\n\r\f\v", s[i]))
			return 0;
	return 1;
}

/* Checks what the record must have; fills the fields that have defaults. */
static int complete(record *r, const char *fallback_id, qy_err *err)
{
	qy_article *a = r->a;
	if (!r->id_type_ok)
		return qy_err_set(err, QUARRY_EBADINPUT,
				  "\"id\" is neither a string nor an integer");
	if (!r->body_seen)
		return qy_err_set(err, QUARRY_EBADINPUT, "no \"body\"");
	if (!r->body_type_ok)
		return qy_err_set(err, QUARRY_EBADINPUT, "\"body\" is not a string");
	int have_title = a->title && !blank(a->title, strlen(a->title));
	if (have_title)
		qy_title_flatten(a->title);
	if (blank(a->body, a->body_len)) {
		/* Headline-only items (common in RSS archives) stay searchable:
		 * their headline is their text. */
		if (!have_title)
			return qy_err_set(err, QUARRY_EBADINPUT, "empty \"body\"");
		set(&a->body, qy_strdup(a->title));
		a->body_len = strlen(a->body);
	}
	if (!a->id)
		a->id = qy_strdup(fallback_id);
	if (!have_title) {
		free(a->title);
		a->title = qy_title_derive(a->body, a->body_len);
		a->title_derived = 1;
	}
	return QUARRY_OK;
}

int qy_json_article_parse(qy_article *out, const char *line, size_t len,
			  const char *fallback_id, qy_err *err)
{
	record r = { out, 0, 0, 1 };
	qy_err why = QY_ERR_INIT;

	memset(out, 0, sizeof *out);
	int rc = qy_json_parse_object(line, len, member, &r, &why);
	if (rc != QUARRY_OK)
		rc = qy_err_set(err, QUARRY_EBADINPUT, "not JSON (%s)", why.msg);
	else
		rc = complete(&r, fallback_id, err);
	if (rc != QUARRY_OK)
		qy_article_free(out);
	return rc;
}
