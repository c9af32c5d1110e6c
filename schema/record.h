/*
 * record.h - the document data of one passage: everything needed to print
 * a result without the original files.
 *
 * Stored form: one format byte ('1'), then the zlib-compressed
 * concatenation of tagged fields (tag byte, varint length, bytes).  Readers
 * skip tags they do not know, so fields can be added without re-indexing.
 */
#ifndef QY_RECORD_H
#define QY_RECORD_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/error.h"

typedef struct qy_record {
	char *article;     /* article id */
	unsigned passage;  /* passage number within the article, from 0 */
	char *title;
	char *date;        /* "YYYY-MM-DD" or NULL */
	char *source;      /* NULL when unknown */
	char *url;         /* NULL when unknown */
	char *text;        /* the passage text */
	size_t text_len;
	size_t text_offset;/* byte offset of the passage in the article body */
	char *entities;    /* tagged entities, "type\tid\tname\n" lines; NULL when none */
	int date_inferred; /* 1 when date was inferred from the text, not given */
} qy_record;

/* Appends the stored form of rec to out. */
int qy_record_encode(const qy_record *rec, qy_buf *out, qy_err *err);

/* Parses a stored form into *out (owned strings; free with qy_record_free).
 * Fails with QUARRY_ECORRUPT on damaged data. */
int qy_record_decode(const char *data, size_t len, qy_record *out, qy_err *err);

void qy_record_free(qy_record *rec);

#endif
