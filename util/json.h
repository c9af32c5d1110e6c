/*
 * json.h - writing JSON values into a buffer.
 *
 * Strings are escaped per RFC 8259; bytes that are not valid UTF-8 become
 * U+FFFD so the output is always valid JSON, whatever the input held.
 */
#ifndef QY_JSON_H
#define QY_JSON_H

#include <stddef.h>

#include "buf.h"

/* Appends s[0..len) as a JSON string (with quotes); NULL gives null. */
void qy_json_string(qy_buf *b, const char *s, size_t len);
/* Same for a NUL-terminated string. */
void qy_json_cstring(qy_buf *b, const char *s);
/* Appends ,"key": (or "key": after '{'), then the caller appends the value. */
void qy_json_key(qy_buf *b, const char *key);

#endif
