/* test_json.c - the JSON object parser and the JSON Lines record mapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "indexer/json.h"
#include "indexer/json_article.h"
#include "util/buf.h"

#define MAX_MEMBERS 16

typedef struct members {
	int count;
	char *key[MAX_MEMBERS];
	qy_json_type type[MAX_MEMBERS];
	char *text[MAX_MEMBERS];
	size_t len[MAX_MEMBERS];
	int stop_after;  /* return non-zero after this many members (0 = never) */
} members;

static int collect(const char *key, size_t key_len, const qy_json_value *v, void *payload)
{
	members *m = payload;
	assert_true(m->count < MAX_MEMBERS);
	m->key[m->count] = qy_strndup(key, key_len);
	m->type[m->count] = v->type;
	m->text[m->count] = v->text ? qy_strndup(v->text, v->len) : NULL;
	m->len[m->count] = v->len;
	m->count++;
	return m->stop_after && m->count == m->stop_after ? 42 : 0;
}

static void members_free(members *m)
{
	for (int i = 0; i < m->count; i++) {
		free(m->key[i]);
		free(m->text[i]);
	}
	memset(m, 0, sizeof *m);
}

static int parse(const char *text, members *m, qy_err *err)
{
	memset(m, 0, sizeof *m);
	return qy_json_parse_object(text, strlen(text), collect, m, err);
}

static void test_members_and_types(void **state)
{
	(void)state;
	members m;
	qy_err err = QY_ERR_INIT;
	const char *text = " {\"s\":\"x\", \"n\" : -12.5e3,\"t\":true,\"f\":false,\"z\":null,"
			   "\"a\":[1,{\"k\":[]},\"w\"],\"o\":{\"i\":{\"j\":\"deep\"}},\"e\":\"\"} \r";

	assert_int_equal(parse(text, &m, &err), QUARRY_OK);
	assert_int_equal(m.count, 8);
	const char *keys[] = { "s", "n", "t", "f", "z", "a", "o", "e" };
	qy_json_type types[] = { QY_JSON_STRING, QY_JSON_NUMBER, QY_JSON_TRUE, QY_JSON_FALSE,
				 QY_JSON_NULL, QY_JSON_ARRAY, QY_JSON_OBJECT, QY_JSON_STRING };
	for (int i = 0; i < 8; i++) {
		assert_string_equal(m.key[i], keys[i]);
		assert_int_equal(m.type[i], types[i]);
	}
	assert_string_equal(m.text[0], "x");
	assert_string_equal(m.text[1], "-12.5e3");
	assert_null(m.text[2]);
	assert_null(m.text[5]);
	assert_null(m.text[6]);
	assert_string_equal(m.text[7], "");
	members_free(&m);

	assert_int_equal(parse("{}", &m, &err), QUARRY_OK);
	assert_int_equal(m.count, 0);
}

static void test_escapes(void **state)
{
	(void)state;
	members m;
	qy_err err = QY_ERR_INIT;

	assert_int_equal(parse("{\"k\\u0065y\":\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t.\"}", &m, &err),
			 QUARRY_OK);
	assert_string_equal(m.key[0], "key");
	assert_string_equal(m.text[0], "q\"b\\s/\b\f\n\r\t.");
	members_free(&m);

	/* é is U+00E9 = C3 A9; U+1F600 is the pair D83D DE00 = F0 9F 98 80. */
	assert_int_equal(parse("{\"v\":\"caf\\u00e9 \\ud83d\\ude00 \\u20AC\"}", &m, &err),
			 QUARRY_OK);
	assert_string_equal(m.text[0], "caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x82\xAC");
	members_free(&m);
}

static void test_lone_surrogates_and_nul(void **state)
{
	(void)state;
	members m;
	qy_err err = QY_ERR_INIT;

	/* Lone high, lone low, high followed by a non-surrogate escape. */
	assert_int_equal(parse("{\"v\":\"a\\ud800b\\udc00c\\ud83d\\u0041\"}", &m, &err),
			 QUARRY_OK);
	assert_string_equal(m.text[0], "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "A");
	members_free(&m);

	/* \u0000 and a raw NUL become spaces; invalid UTF-8 passes through. */
	const char raw[] = "{\"v\":\"x\\u0000y\0z\xFF\xC3\"}";
	memset(&m, 0, sizeof m);
	assert_int_equal(qy_json_parse_object(raw, sizeof raw - 1, collect, &m, &err),
			 QUARRY_OK);
	assert_int_equal(m.len[0], 7);
	assert_memory_equal(m.text[0], "x y z\xFF\xC3", 7);
	members_free(&m);
}

static void expect_error(const char *text, const char *msg)
{
	members m;
	qy_err err = QY_ERR_INIT;
	assert_int_equal(parse(text, &m, &err), QUARRY_EBADINPUT);
	assert_int_equal(err.status, QUARRY_EBADINPUT);
	assert_string_equal(err.msg, msg);
	members_free(&m);
}

static void test_errors_name_the_column(void **state)
{
	(void)state;
	expect_error("", "expected '{' at column 1");
	expect_error("[1]", "expected '{' at column 1");
	expect_error("{\"a\" 1}", "expected ':' at column 6");
	expect_error("{\"a\":1} x", "expected end of line at column 9");
	expect_error("{\"a\":tru}", "expected a value at column 6");
	expect_error("{\"a\":\"x", "expected a closing '\"' at column 8");
	expect_error("{\"a\":01}", "expected ',' or '}' at column 7");
	expect_error("{\"a\":\"\\x\"}", "expected an escape character at column 8");
	expect_error("{\"a\":\"\\u12G4\"}", "expected a hex digit at column 11");
	expect_error("{\"a\":-}", "expected a digit at column 7");
	expect_error("{\"a\":1.}", "expected a digit at column 8");
	expect_error("{,}", "expected '\"' starting a member name at column 2");
	expect_error("{\"a\":[1 2]}", "expected ',' or ']' at column 9");
	expect_error("{\"a\":1,}", "expected '\"' starting a member name at column 8");
	expect_error("{\"a\":{\"b\":}}", "expected a value at column 11");
}

/* A member "a" holding `levels` nested arrays: the object itself is level 1. */
static char *nested(int levels)
{
	qy_buf b = QY_BUF_INIT;
	qy_buf_puts(&b, "{\"a\":");
	for (int i = 0; i < levels; i++)
		qy_buf_putc(&b, '[');
	for (int i = 0; i < levels; i++)
		qy_buf_putc(&b, ']');
	qy_buf_putc(&b, '}');
	return qy_buf_detach(&b);
}

static void test_depth_limit(void **state)
{
	(void)state;
	members m;
	qy_err err = QY_ERR_INIT;
	char *ok = nested(QY_JSON_MAX_DEPTH - 1), *deep = nested(QY_JSON_MAX_DEPTH);

	assert_int_equal(parse(ok, &m, &err), QUARRY_OK);
	assert_int_equal(m.count, 1);
	assert_int_equal(m.type[0], QY_JSON_ARRAY);
	members_free(&m);
	assert_int_equal(parse(deep, &m, &err), QUARRY_EBADINPUT);
	/* Column of the 65th level's '[': 5 bytes of {"a": then 63 '['. */
	assert_string_equal(err.msg, "expected at most 64 levels of nesting at column 69");
	members_free(&m);
	free(ok);
	free(deep);
}

static void test_callback_stops_parse(void **state)
{
	(void)state;
	members m;
	qy_err err = QY_ERR_INIT;
	memset(&m, 0, sizeof m);
	m.stop_after = 2;
	const char *t = "{\"a\":1,\"b\":2,\"c\":3}";
	assert_int_equal(qy_json_parse_object(t, strlen(t), collect, &m, &err), 42);
	assert_int_equal(m.count, 2);
	members_free(&m);
}

static void test_is_integer(void **state)
{
	(void)state;
	qy_json_value v = { QY_JSON_NUMBER, "-17", 3 };
	assert_true(qy_json_is_integer(&v));
	v.text = "1.0";
	assert_false(qy_json_is_integer(&v));
	v.text = "1e3";
	assert_false(qy_json_is_integer(&v));
	v.type = QY_JSON_STRING;
	v.text = "12";
	assert_false(qy_json_is_integer(&v));
}

static int record(qy_article *a, const char *line, qy_err *err)
{
	return qy_json_article_parse(a, line, strlen(line), "f:9", err);
}

static void test_record_fields(void **state)
{
	(void)state;
	qy_article a;
	qy_err err = QY_ERR_INIT;

	assert_int_equal(record(&a, "{\"id\":\"x1\",\"title\":\"T\\tline\",\"date\":\"2023-01-13T08:00:00Z\","
				     "\"source\":\"cnn\",\"url\":\"http://u\",\"extra\":{\"x\":[1]},"
				     "\"body\":\"Hello.\"}", &err), QUARRY_OK);
	assert_string_equal(a.id, "x1");
	assert_string_equal(a.title, "T line");
	assert_int_equal(a.title_derived, 0);
	assert_string_equal(a.date, "2023-01-13");
	assert_string_equal(a.source, "cnn");
	assert_string_equal(a.url, "http://u");
	assert_string_equal(a.body, "Hello.");
	assert_int_equal(a.body_len, 6);
	qy_article_free(&a);
	assert_null(a.id);

	/* Integer id; bad date, empty url and no title are not fatal. */
	assert_int_equal(record(&a, "{\"id\":12345678901234567890,\"date\":\"13/01/2023\","
				     "\"url\":\"\",\"body\":\"First one. Second.\"}", &err), QUARRY_OK);
	assert_string_equal(a.id, "12345678901234567890");
	assert_null(a.date);
	assert_null(a.url);
	assert_null(a.source);
	assert_string_equal(a.title, "First one.");
	assert_int_equal(a.title_derived, 1);
	qy_article_free(&a);

	/* A headline-only item: its title is its text. */
	assert_int_equal(record(&a, "{\"id\":\"h\",\"title\":\"Only\\na headline\",\"body\":\"\"}",
			        &err), QUARRY_OK);
	assert_string_equal(a.title, "Only a headline");
	assert_int_equal(a.title_derived, 0);
	assert_string_equal(a.body, "Only a headline");
	assert_int_equal(a.body_len, 15);
	qy_article_free(&a);

	/* No id: the fallback; repeated key: the last one. */
	assert_int_equal(record(&a, "{\"body\":\"a\",\"body\":\"b\"}", &err), QUARRY_OK);
	assert_string_equal(a.id, "f:9");
	assert_string_equal(a.body, "b");
	qy_article_free(&a);
}

static void expect_record_error(const char *line, const char *msg)
{
	qy_article a;
	qy_err err = QY_ERR_INIT;
	assert_int_equal(record(&a, line, &err), QUARRY_EBADINPUT);
	assert_string_equal(err.msg, msg);
	assert_null(a.id);
	assert_null(a.body);
}

static void test_record_errors(void **state)
{
	(void)state;
	expect_record_error("{\"id\":\"x\"}", "no \"body\"");
	expect_record_error("{\"id\":\"x\",\"body\":7}", "\"body\" is not a string");
	expect_record_error("{\"id\":\"x\",\"body\":\" \\n \"}", "empty \"body\"");
	expect_record_error("{\"id\":\"x\",\"title\":\" \",\"body\":\"\"}", "empty \"body\"");
	expect_record_error("{\"id\":1.5,\"body\":\"b\"}",
			    "\"id\" is neither a string nor an integer");
	expect_record_error("{\"id\":\"x\",\"title\":\"t\",\"body\":\"b\"",
			    "not JSON (expected ',' or '}' at column 33)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members_and_types),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_lone_surrogates_and_nul),
		cmocka_unit_test(test_errors_name_the_column),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_callback_stops_parse),
		cmocka_unit_test(test_is_integer),
		cmocka_unit_test(test_record_fields),
		cmocka_unit_test(test_record_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
