/*
 * json_article.h - one JSON Lines record as one article.
 *
 * Keys: "id" (string or integer; when missing, null or "", the caller's
 * fallback id is used), "title", "date", "source", "url", "body" (required,
 * a string with some text).  Unknown keys are ignored; when a key repeats,
 * the last one counts.  A date that does not start with a valid
 * "YYYY-MM-DD" is dropped, not the record.
 */
#ifndef QY_JSON_ARTICLE_H
#define QY_JSON_ARTICLE_H

#include <stddef.h>

#include "../util/error.h"
#include "article.h"

/* Fills out (which the caller frees with qy_article_free) from
 * line[0..len).  On failure returns QUARRY_EBADINPUT with a message such as
 * "not JSON (expected ':' at column 12)" or "no \"body\"" (the caller adds
 * file and line) and leaves out empty. */
int qy_json_article_parse(qy_article *out, const char *line, size_t len,
			  const char *fallback_id, qy_err *err);

#endif
