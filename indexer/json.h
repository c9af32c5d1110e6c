/*
 * json.h - a small, strict-enough parser for one JSON object (a JSON Lines
 * record), reporting its top-level members one by one.
 *
 * Strings are decoded to UTF-8: every escape, \uXXXX with surrogate pairs;
 * a lone surrogate becomes U+FFFD and a NUL (escaped or raw) becomes a
 * space, so decoded strings are C strings.  Other bytes are copied as they
 * are: invalid UTF-8 and raw control characters are tolerated, not checked.
 * Nested arrays and objects are checked and skipped, QY_JSON_MAX_DEPTH
 * levels deep at most (the top object is level 1).
 */
#ifndef QY_JSON_H
#define QY_JSON_H

#include <stddef.h>

#include "../util/error.h"

#define QY_JSON_MAX_DEPTH 64

typedef enum qy_json_type {
	QY_JSON_NULL,
	QY_JSON_FALSE,
	QY_JSON_TRUE,
	QY_JSON_NUMBER,
	QY_JSON_STRING,
	QY_JSON_ARRAY,
	QY_JSON_OBJECT,
} qy_json_type;

typedef struct qy_json_value {
	qy_json_type type;
	const char *text;   /* STRING: decoded, NUL-terminated; NUMBER: the literal
			     * as written, NUL-terminated; otherwise NULL */
	size_t len;         /* bytes in text */
} qy_json_value;

/* Called for each top-level member in order; key and value live until the
 * callback returns.  A non-zero return stops the parse and is returned. */
typedef int (*qy_json_member_cb)(const char *key, size_t key_len,
				 const qy_json_value *value, void *payload);

/* Parses text[0..len) as one JSON object with optional whitespace around
 * it.  On bad syntax returns QUARRY_EBADINPUT with a message such as
 * "expected ':' at column 12" (columns count bytes from 1). */
int qy_json_parse_object(const char *text, size_t len, qy_json_member_cb cb,
			 void *payload, qy_err *err);

/* 1 when a NUMBER literal is an integer (no fraction, no exponent). */
int qy_json_is_integer(const qy_json_value *value);

#endif
