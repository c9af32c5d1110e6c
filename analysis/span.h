/* span.h - a byte range of a text, shared by the splitters and the tagger. */
#ifndef QY_SPAN_H
#define QY_SPAN_H

#include <stddef.h>

typedef struct qy_span {
	size_t start;   /* first byte */
	size_t end;     /* one past the last byte */
} qy_span;

/* A growable array of spans. */
typedef struct qy_spans {
	qy_span *items;
	size_t count;
	size_t cap;
} qy_spans;

#define QY_SPANS_INIT { NULL, 0, 0 }

void qy_spans_push(qy_spans *s, size_t start, size_t end);
void qy_spans_clear(qy_spans *s);
void qy_spans_free(qy_spans *s);

#endif
