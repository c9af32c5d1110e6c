/* format.c - text and JSON renderings of result passages. */
#include "format.h"

#include <string.h>

#include "../analysis/gazetteer.h"
#include "../util/json.h"

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"
/* Context kept before the first matched word when a snippet is cut. */
#define SNIPPET_LEAD 80

static int is_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

static size_t back_to_word_start(const char *text, size_t pos, size_t floor)
{
	size_t p = pos;
	while (p > floor && text[p - 1] != ' ' && text[p - 1] != '\n')
		p--;
	if (p == floor)  /* one long word: at least land on a character */
		for (p = pos; p > floor && is_continuation((unsigned char)text[p]); p--)
			;
	return p;
}

void qy_snippet_window(const char *text, size_t len, const qy_marks *marks, size_t max,
		       size_t *start, size_t *end)
{
	size_t s = 0;
	if (max == 0 || len <= max) {
		*start = 0;
		*end = len;
		return;
	}
	if (marks && marks->count && marks->starts[0] < len && marks->starts[0] > SNIPPET_LEAD)
		s = back_to_word_start(text, marks->starts[0] - SNIPPET_LEAD, 0);
	if (len - s < max)  /* show a full window even when the match is late */
		s = back_to_word_start(text, len - max, 0);
	size_t e = s + max;
	if (e < len)
		e = back_to_word_start(text, e, s + 1);
	*start = s;
	*end = e;
}

/* Appends text[from..to), bolding the marked ranges inside it. */
static void append_marked(qy_buf *out, const char *text, size_t from, size_t to,
			  const qy_marks *marks, int color)
{
	size_t pos = from;
	for (size_t i = 0; marks && i < marks->count; i++) {
		size_t ms = marks->starts[i], me = marks->ends[i];
		if (me <= pos || ms >= to || me < ms)
			continue;
		if (ms < pos)
			ms = pos;
		if (me > to)
			me = to;
		qy_buf_append(out, text + pos, ms - pos);
		if (color)
			qy_buf_puts(out, BOLD);
		qy_buf_append(out, text + ms, me - ms);
		if (color)
			qy_buf_puts(out, RESET);
		pos = me;
	}
	qy_buf_append(out, text + pos, to - pos);
}

/* Passage text on one line: newlines inside a passage become spaces. */
static void flatten_newlines(qy_buf *out, size_t from)
{
	for (size_t i = from; i < out->len; i++)
		if (out->data[i] == '\n' || out->data[i] == '\r')
			out->data[i] = ' ';
}

void qy_format_passage_text(qy_buf *out, const quarry_passage *p, const qy_marks *marks,
			    const qy_text_style *style)
{
	size_t s, e, len = strlen(p->text);
	int color = style->color;

	qy_buf_printf(out, "%u. %s%s%s", p->rank, color ? BOLD : "",
		      p->title && *p->title ? p->title : "(untitled)", color ? RESET : "");
	qy_buf_printf(out, "\n   %s%s%s", color ? DIM : "", p->date ? p->date : "undated",
		      p->date_inferred ? " (inferred)" : "");
	if (p->source)
		qy_buf_printf(out, " · %s", p->source);
	qy_buf_printf(out, " · %s #%u · score %.2f%s\n   ", p->article, p->passage, p->score,
		      color ? RESET : "");
	qy_snippet_window(p->text, len, marks, style->snippet_max, &s, &e);
	size_t body = out->len;
	if (s > 0)
		qy_buf_puts(out, "…");
	append_marked(out, p->text, s, e, marks, color);
	if (e < len)
		qy_buf_puts(out, "…");
	flatten_newlines(out, body);
	qy_buf_puts(out, "\n\n");
}

/* Opens a JSON Lines object: {"kind":kind[,"query":n] */
static void open_line(qy_buf *out, const char *kind, long query_no)
{
	qy_buf_putc(out, '{');
	qy_json_key(out, "kind");
	qy_json_cstring(out, kind);
	if (query_no >= 0) {
		qy_json_key(out, "query");
		qy_buf_printf(out, "%ld", query_no);
	}
}

void qy_format_passage_json(qy_buf *out, const quarry_passage *p, const qy_marks *marks,
			    const quarry_entity *entities, size_t n_entities, long query_no)
{
	open_line(out, "passage", query_no);
	qy_json_key(out, "rank");
	qy_buf_printf(out, "%u", p->rank);
	qy_json_key(out, "score");
	qy_buf_printf(out, "%.4f", p->score);
	qy_json_key(out, "article");
	qy_json_cstring(out, p->article);
	qy_json_key(out, "passage");
	qy_buf_printf(out, "%u", p->passage);
	qy_json_key(out, "title");
	qy_json_cstring(out, p->title);
	qy_json_key(out, "date");
	qy_json_cstring(out, p->date);
	qy_json_key(out, "date_inferred");
	qy_buf_puts(out, p->date_inferred ? "true" : "false");
	qy_json_key(out, "source");
	qy_json_cstring(out, p->source);
	qy_json_key(out, "url");
	qy_json_cstring(out, p->url);
	qy_json_key(out, "text");
	qy_json_cstring(out, p->text);
	qy_json_key(out, "highlights");
	qy_buf_putc(out, '[');
	for (size_t i = 0; marks && i < marks->count; i++)
		qy_buf_printf(out, "%s[%zu,%zu]", i ? "," : "", marks->starts[i], marks->ends[i]);
	qy_buf_putc(out, ']');
	qy_json_key(out, "entities");
	qy_buf_putc(out, '[');
	for (size_t i = 0; i < n_entities; i++) {
		if (i)
			qy_buf_putc(out, ',');
		qy_buf_putc(out, '{');
		qy_json_key(out, "type");
		qy_json_cstring(out, entities[i].type);
		qy_json_key(out, "id");
		qy_json_cstring(out, entities[i].id);
		qy_json_key(out, "name");
		qy_json_cstring(out, entities[i].name);
		qy_buf_putc(out, '}');
	}
	qy_buf_puts(out, "]}");
}

/* Facets are listed by type in the order of qy_entity_type. */
static const char *const facet_headings[QY_ENT_TYPES] = { "Places", "Actors", "People", "Organisations",
					       "Other names" };

void qy_format_facets_text(qy_buf *out, const quarry_results *r, int color)
{
	size_t n = quarry_results_facet_count(r);
	for (int t = 0; t < QY_ENT_TYPES; t++) {
		int first = 1;
		for (size_t i = 0; i < n; i++) {
			const quarry_facet *f = quarry_results_facet(r, i);
			if (strcmp(f->type, qy_entity_type_name((qy_entity_type)t)) != 0)
				continue;
			if (first)
				qy_buf_printf(out, "%s%s:%s ", color ? BOLD : "", facet_headings[t],
					      color ? RESET : "");
			qy_buf_printf(out, "%s%s %u", first ? "" : " · ", f->name, f->count);
			first = 0;
		}
		if (!first)
			qy_buf_putc(out, '\n');
	}
	qy_buf_putc(out, '\n');
}

void qy_format_facets_json(qy_buf *out, const quarry_results *r, long query_no)
{
	size_t n = quarry_results_facet_count(r);
	open_line(out, "facets", query_no);
	qy_json_key(out, "facets");
	qy_buf_putc(out, '{');
	for (int t = 0; t < QY_ENT_TYPES; t++) {
		qy_json_key(out, qy_entity_type_name((qy_entity_type)t));
		qy_buf_putc(out, '[');
		int first = 1;
		for (size_t i = 0; i < n; i++) {
			const quarry_facet *f = quarry_results_facet(r, i);
			if (strcmp(f->type, qy_entity_type_name((qy_entity_type)t)) != 0)
				continue;
			if (!first)
				qy_buf_putc(out, ',');
			qy_buf_putc(out, '{');
			qy_json_key(out, "id");
			qy_json_cstring(out, f->id);
			qy_json_key(out, "name");
			qy_json_cstring(out, f->name);
			qy_json_key(out, "count");
			qy_buf_printf(out, "%u", f->count);
			qy_buf_putc(out, '}');
			first = 0;
		}
		qy_buf_putc(out, ']');
	}
	qy_buf_puts(out, "}}");
}
