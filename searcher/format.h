/*
 * format.h - result passages as text for a person or as JSON Lines for
 * programs (docs/json-output.md is the schema).  Output goes into a
 * buffer; only the programs print it.
 */
#ifndef QY_FORMAT_H
#define QY_FORMAT_H

#include <stddef.h>

#include "quarry.h"
#include "../util/buf.h"

/* Matched words of one passage, as byte ranges of its text. */
typedef struct qy_marks {
	const size_t *starts;
	const size_t *ends;
	size_t count;
} qy_marks;

typedef struct qy_text_style {
	int color;          /* bold highlights and dim metadata (ANSI) */
	size_t snippet_max; /* bytes of passage text shown; 0 = all */
} qy_text_style;

/* "1. Title  (2023-01-13, source)\n   article #passage  score\n   snippet\n\n" */
void qy_format_passage_text(qy_buf *out, const quarry_passage *p, const qy_marks *marks,
			    const qy_text_style *style);

/* One JSON object (no newline) of kind "passage"; query_no >= 0 adds
 * "query": query_no (the input line of --batch). */
void qy_format_passage_json(qy_buf *out, const quarry_passage *p, const qy_marks *marks,
			    const quarry_entity *entities, size_t n_entities, long query_no);

/* Facets as text ("Places: Lysychansk 12 · Luhansk Oblast 5\n...") or as
 * one JSON object of kind "facets" (no newline); query_no as above. */
void qy_format_facets_text(qy_buf *out, const quarry_results *r, int color);
void qy_format_facets_json(qy_buf *out, const quarry_results *r, long query_no);

/* The window [*start, *end) of text, at most max bytes on UTF-8 character
 * and word boundaries, that begins shortly before the first mark. */
void qy_snippet_window(const char *text, size_t len, const qy_marks *marks, size_t max,
		       size_t *start, size_t *end);

#endif
