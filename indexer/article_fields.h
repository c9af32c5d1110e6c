/*
 * article_fields.h - rules for article fields that every input format
 * shares: which dates are accepted and how a missing title is derived.
 */
#ifndef QY_ARTICLE_FIELDS_H
#define QY_ARTICLE_FIELDS_H

#include <stddef.h>

/* Longest derived title before it is cut at a word boundary, and the length
 * up to which a whole first sentence is kept uncut. */
#define QY_TITLE_CUT 100
#define QY_TITLE_SLACK 120

/* 1 when s[0..len) starts with a real calendar date "YYYY-MM-DD" that is
 * not followed by another digit (so "2023-01-13T08:00:00Z" counts); the
 * date is then copied to out.  0 otherwise. */
int qy_date_prefix(const char *s, size_t len, char out[11]);

/* A title made from the first sentence of body (bullet markers dropped):
 * kept whole up to QY_TITLE_SLACK bytes, else cut at the last word boundary
 * within QY_TITLE_CUT bytes and ended with "…".  Never NULL; "" for a body
 * with no text. */
char *qy_title_derive(const char *body, size_t len);

/* Turns tabs, newlines and other ASCII control characters into spaces, so a
 * title prints on one line. */
void qy_title_flatten(char *title);

#endif
