/*
 * article.h - an article as the readers produce it (owned strings).
 */
#ifndef QY_ARTICLE_H
#define QY_ARTICLE_H

#include <stddef.h>

typedef struct qy_article {
	char *id;          /* stable article id (JSON "id", or path without extension) */
	char *title;       /* never NULL after a successful read ("" if none) */
	char *date;        /* "YYYY-MM-DD" or NULL */
	char *source;      /* NULL when unknown */
	char *url;         /* NULL when unknown or "" */
	char *body;        /* UTF-8 as read (may hold invalid bytes; the tokenizer copes) */
	size_t body_len;
	int title_derived; /* 1 when the title was taken from the first sentence */
} qy_article;

void qy_article_free(qy_article *a);   /* frees the strings, zeroes *a */

#endif
