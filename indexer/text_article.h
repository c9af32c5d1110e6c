/*
 * text_article.h - one plain-text file as one article (the format of
 * ../shared/seeds; the rules are in docs/input-formats.md).
 *
 * An optional first line " date YYYY-MM-DD" gives the date; only that
 * prefix is removed, since text may follow it on the same line.  A first
 * line that reads like a headline is the title and leaves the body;
 * otherwise the title is derived from the first sentence.
 */
#ifndef QY_TEXT_ARTICLE_H
#define QY_TEXT_ARTICLE_H

#include <stddef.h>

#include "../util/error.h"
#include "article.h"

/* Longest first line that can be a title, in bytes. */
#define QY_TITLE_LINE_MAX 199

/* Fills out (which the caller frees with qy_article_free) from the whole
 * text[0..len) of a file; NUL bytes in text are turned into spaces in
 * place.  Fails with QUARRY_EBADINPUT "empty, nothing to index" when there
 * is no text besides a date (the caller adds the file name). */
int qy_text_article_parse(qy_article *out, const char *id, char *text, size_t len,
			  qy_err *err);

#endif
