/* span.c - growable arrays of byte spans. */
#include "span.h"

#include <stdlib.h>

#include "../util/buf.h"

void qy_spans_push(qy_spans *s, size_t start, size_t end)
{
	if (s->count == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->items = qy_realloc(s->items, s->cap * sizeof *s->items);
	}
	s->items[s->count].start = start;
	s->items[s->count].end = end;
	s->count++;
}

void qy_spans_clear(qy_spans *s)
{
	s->count = 0;
}

void qy_spans_free(qy_spans *s)
{
	free(s->items);
	s->items = NULL;
	s->count = 0;
	s->cap = 0;
}
