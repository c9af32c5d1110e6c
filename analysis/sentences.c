/* sentences.c - splits a paragraph of prose into sentences. */
#include "sentences.h"

#include <stdbool.h>
#include <string.h>

#include "utf8.h"

/* Words whose full stop never ends a sentence (case matters: "no." and
 * "No. 5" differ).  Dotted forms such as U.S. and e.g. are recognised by
 * shape instead. */
static const char *const abbrevs[] = {
	"Adm", "Brig", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl", "Dept", "Dr",
	"Fr", "Ft", "Gen", "Gov", "Hon", "Inc", "Jr", "Lt", "Ltd", "Maj", "Messrs",
	"Mr", "Mrs", "Ms", "Mt", "Pres", "Prof", "Pvt", "Rep", "Rev", "Sen", "Sgt",
	"Sr", "St", "Supt", "approx", "cf", "etc", "vs",
};

/* Abbreviations that only hold before a number ("Jan. 10", "No. 5"). */
static const char *const before_number[] = {
	"Apr", "Aug", "Dec", "Feb", "Jan", "Jul", "Jun", "Mar", "No", "Nos", "Nov",
	"Oct", "Sep", "Sept",
};

static bool in_list(const char *const *list, size_t n, const char *w, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
			return true;
	return false;
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "U.S", "e.g", "a.m": single letters joined by full stops. */
static bool is_dotted(const char *w, size_t len)
{
	if (len < 3)
		return false;
	for (size_t i = 0; i < len; i++)
		if (i % 2 == 0 ? !is_alpha(w[i]) : w[i] != '.')
			return false;
	return len % 2 == 1;
}

/* Does the full stop at text[dot] close an abbreviation rather than a
 * sentence?  next is the first character after the following blanks. */
static bool is_abbreviation(const char *text, size_t dot, char next)
{
	size_t ws = dot, len;
	const char *w;

	while (ws > 0 && (is_alpha(text[ws - 1]) || text[ws - 1] == '.'))
		ws--;
	w = text + ws;
	len = dot - ws;
	if (len == 0)
		return false;
	/* A word glued to something else ("5Mr") is no abbreviation. */
	if (ws > 0 && (unsigned char)text[ws - 1] < 0x80 && !strchr(" \t\r\n(\"'[", text[ws - 1]))
		return false;
	if (len == 1)
		return w[0] >= 'A' && w[0] <= 'Z';   /* an initial: "J. R. Smith" */
	if (is_dotted(w, len))
		return true;
	if (in_list(abbrevs, sizeof abbrevs / sizeof abbrevs[0], w, len))
		return true;
	return next >= '0' && next <= '9'
		&& in_list(before_number, sizeof before_number / sizeof before_number[0], w, len);
}

static size_t opener_at(const char *text, size_t len, size_t pos)
{
	const unsigned char *s = (const unsigned char *)text + pos;

	if (s[0] == '"' || s[0] == '\'' || s[0] == '(' || s[0] == '[')
		return 1;
	if (s[0] == 0xC2 && len - pos >= 2 && s[1] == 0xAB)
		return 2;   /* « */
	if (s[0] == 0xE2 && len - pos >= 3 && s[1] == 0x80 && (s[2] == 0x9C || s[2] == 0x98))
		return 3;   /* “ ‘ */
	return 0;
}

typedef struct splitter {
	const char *text;
	size_t len;
	qy_spans *out;
	size_t start;   /* where the sentence being read began */
} splitter;

static void emit(splitter *sp, size_t end)
{
	size_t a = sp->start, b = end;

	qy_utf8_trim(sp->text, &a, &b);
	if (a < b)
		qy_spans_push(sp->out, a, b);
	sp->start = end;
}

/* The stop run text[i..e) plus closers up to e2: a sentence ends at e2
 * when blanks follow and then a capital, a digit or an opening quote. */
static bool ends_sentence(const splitter *sp, size_t i, size_t e, size_t e2)
{
	const char *s = sp->text;
	size_t k = e2, n;

	if (k >= sp->len)
		return true;
	if (!qy_utf8_space_at(s, sp->len, k))
		return false;
	while (k < sp->len && (n = qy_utf8_space_at(s, sp->len, k)) > 0)
		k += n;
	if (k >= sp->len)
		return true;
	if (!qy_utf8_is_upper_at(s, sp->len, k) && !(s[k] >= '0' && s[k] <= '9')
	    && !opener_at(s, sp->len, k))
		return false;
	if (s[i] == '.' && e == i + 1 && e2 == e)
		return !is_abbreviation(s, i, s[k]);
	return true;
}

/* First non-blank position of the line starting at pos (or len). */
static size_t line_body(const char *text, size_t len, size_t pos)
{
	while (pos < len && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r'))
		pos++;
	return pos;
}

/* At the newline text[nl], does the line [line_start, nl) end a sentence
 * by its shape: a blank line, a bullet, a headline before a capitalised
 * line, or the line before a bullet? */
static bool line_breaks(const splitter *sp, size_t line_start, size_t nl, bool bullet)
{
	size_t a = line_start, b = nl, next = line_body(sp->text, sp->len, nl + 1);

	qy_utf8_trim(sp->text, &a, &b);
	if (a == b || bullet || next >= sp->len || sp->text[next] == '\n')
		return true;
	if (qy_utf8_is_bullet_line(sp->text, sp->len, nl + 1))
		return true;
	return !qy_utf8_ends_with_stop(sp->text, a, b)
		&& !qy_utf8_is_lower_at(sp->text, sp->len, next);
}

void qy_split_sentences(const char *text, size_t len, qy_spans *out)
{
	splitter sp = { text, len, out, 0 };
	size_t i = 0, line_start = 0, e, e2, n;
	bool bullet = len && qy_utf8_is_bullet_line(text, len, 0);

	while (i < len) {
		if (text[i] == '\n') {
			if (line_breaks(&sp, line_start, i, bullet))
				emit(&sp, i);
			line_start = ++i;
			bullet = qy_utf8_is_bullet_line(text, len, i);
			continue;
		}
		if (!(n = qy_utf8_stop_at(text, len, i))) {
			i++;
			continue;
		}
		for (e = i + n; e < len && (n = qy_utf8_stop_at(text, len, e)) > 0; e += n)
			;
		for (e2 = e; e2 < len && (n = qy_utf8_closer_at(text, len, e2)) > 0; e2 += n)
			;
		if (ends_sentence(&sp, i, e, e2)) {
			emit(&sp, e2);
			i = e2;
		} else {
			i = e;
		}
	}
	emit(&sp, len);
}
