/* passages.c - cuts an article body into passages, the unit quarry ranks. */
#include "passages.h"

#include <stdbool.h>
#include <string.h>

#include "sentences.h"
#include "utf8.h"

/* A sentence longer than this is cut at a blank near here... */
#define SENTENCE_CUT (2 * QY_PASSAGE_MAX_BYTES)
/* ...and never yields a piece longer than this. */
#define HARD_CAP (4 * QY_PASSAGE_MAX_BYTES)

static void push_trimmed(const char *body, qy_spans *out, size_t a, size_t b)
{
	qy_utf8_trim(body, &a, &b);
	if (a < b)
		qy_spans_push(out, a, b);
}

/* Where a single newline between two non-blank lines ends a paragraph:
 * everywhere except inside a run of bullets and before a line that goes
 * on in lower case after a line without a final stop (hard-wrapped text). */
static bool newline_breaks(bool prev_bullet, bool prev_stop, bool bullet, bool lower)
{
	if (lower && !prev_stop)
		return false;
	if (prev_bullet && bullet)
		return false;
	return true;
}

static void split_paragraphs(const char *body, size_t len, qy_spans *out)
{
	size_t pos = 0, para = 0, prev_end = 0, a, b;
	bool open = false, prev_bullet = false, prev_stop = false, bullet;

	while (pos < len) {
		const char *nl = memchr(body + pos, '\n', len - pos);
		size_t le = nl ? (size_t)(nl - body) : len;

		a = pos;
		b = le;
		qy_utf8_trim(body, &a, &b);
		if (a == b) {
			if (open)
				qy_spans_push(out, para, prev_end);
			open = false;
		} else {
			bullet = qy_utf8_is_bullet_line(body, len, pos);
			if (open && newline_breaks(prev_bullet, prev_stop, bullet,
						   qy_utf8_is_lower_at(body, len, a))) {
				qy_spans_push(out, para, prev_end);
				open = false;
			}
			if (!open)
				para = a;
			open = true;
			prev_end = b;
			prev_bullet = bullet;
			prev_stop = qy_utf8_ends_with_stop(body, a, b);
		}
		pos = le + 1;
	}
	if (open)
		qy_spans_push(out, para, prev_end);
}

/* Where to end a piece of an over-long sentence starting at a: the last
 * blank before a + SENTENCE_CUT, else the first one after it, else a
 * character boundary there. */
static size_t cut_point(const char *body, size_t a, size_t b)
{
	size_t target = a + SENTENCE_CUT, p;

	for (p = target; p > a + QY_PASSAGE_MAX_BYTES; p--)
		if (qy_utf8_space_at(body, b, p))
			return p;
	for (p = target; p < a + HARD_CAP && p < b; p++)
		if (qy_utf8_space_at(body, b, p))
			return p;
	p = qy_utf8_floor(body, b, target);
	return p > a ? p : target;
}

static void cut_sentence(const char *body, size_t a, size_t b, qy_spans *units)
{
	size_t c;

	while (b - a > SENTENCE_CUT) {
		c = cut_point(body, a, b);
		push_trimmed(body, units, a, c);
		a = c;
		qy_utf8_trim(body, &a, &b);
	}
	push_trimmed(body, units, a, b);
}

/* Cuts the long paragraph [a, b) into windows of whole sentences. */
static void cut_paragraph(const char *body, size_t a, size_t b,
			  qy_spans *sents, qy_spans *units)
{
	size_t ws = 0, we = 0, count = 0;

	qy_spans_clear(sents);
	qy_split_sentences(body + a, b - a, sents);
	for (size_t i = 0; i < sents->count; i++) {
		size_t s = a + sents->items[i].start, e = a + sents->items[i].end;

		if (count && (count == QY_PASSAGE_WINDOW || e - ws > QY_PASSAGE_MAX_BYTES
			      || e - s > QY_PASSAGE_MAX_BYTES)) {
			qy_spans_push(units, ws, we);
			count = 0;
		}
		if (e - s > QY_PASSAGE_MAX_BYTES) {
			cut_sentence(body, s, e, units);
			continue;
		}
		if (count++ == 0)
			ws = s;
		we = e;
	}
	if (count)
		qy_spans_push(units, ws, we);
}

/* Joins each unit shorter than QY_PASSAGE_MIN_BYTES to the next one (the
 * last to the one before) while the result stays within the maximum. */
static void join_short(const qy_spans *units, qy_spans *out)
{
	size_t base = out->count;
	qy_span cur = { 0, 0 };
	bool have = false;

	for (size_t i = 0; i < units->count; i++) {
		qy_span u = units->items[i];

		if (have && cur.end - cur.start < QY_PASSAGE_MIN_BYTES
		    && u.end - cur.start <= QY_PASSAGE_MAX_BYTES) {
			cur.end = u.end;
			continue;
		}
		if (have)
			qy_spans_push(out, cur.start, cur.end);
		cur = u;
		have = true;
	}
	if (!have)
		return;
	if (cur.end - cur.start < QY_PASSAGE_MIN_BYTES && out->count > base
	    && cur.end - out->items[out->count - 1].start <= QY_PASSAGE_MAX_BYTES)
		out->items[out->count - 1].end = cur.end;
	else
		qy_spans_push(out, cur.start, cur.end);
}

void qy_split_passages(const char *body, size_t len, qy_spans *out)
{
	qy_spans paras = QY_SPANS_INIT, units = QY_SPANS_INIT, sents = QY_SPANS_INIT;

	if (!body)
		return;
	split_paragraphs(body, len, &paras);
	for (size_t i = 0; i < paras.count; i++) {
		qy_span p = paras.items[i];

		if (p.end - p.start <= QY_PASSAGE_MAX_BYTES)
			qy_spans_push(&units, p.start, p.end);
		else
			cut_paragraph(body, p.start, p.end, &sents, &units);
	}
	join_short(&units, out);
	qy_spans_free(&paras);
	qy_spans_free(&units);
	qy_spans_free(&sents);
}
