/* text_article.c - the plain-text article format: date line, title, body. */
#include "text_article.h"

#include <string.h>

#include "../util/buf.h"
#include "article_fields.h"

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && is_space((unsigned char)*p))
		p++;
	return p;
}

static int starts_with(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/* Recognises "date YYYY-MM-DD" at p: stores the date and returns the first
 * byte after it, or returns p. */
static const char *date_prefix(const char *p, const char *end, char date[11])
{
	const char *q = p;
	if (!starts_with(q, end, "date ") && !starts_with(q, end, "Date ") &&
	    !starts_with(q, end, "date\t"))
		return p;
	q += 4;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	if (!qy_date_prefix(q, (size_t)(end - q), date))
		return p;
	q += 10;
	if (q < end && !is_space((unsigned char)*q))
		return p;  /* "2023-01-13T..." or "2023-01-13x" is not the header */
	return q;
}

/* Bytes of closing quotes or brackets that end s[0..n). */
static size_t trailing_closers(const char *s, size_t n)
{
	size_t k = n;
	for (;;) {
		if (k >= 1 && (s[k - 1] == '"' || s[k - 1] == '\'' || s[k - 1] == ')' ||
			       s[k - 1] == ']'))
			k--;
		else if (k >= 3 && (memcmp(s + k - 3, "\xE2\x80\x9D", 3) == 0 ||
				    memcmp(s + k - 3, "\xE2\x80\x99", 3) == 0))
			k -= 3;
		else if (k >= 2 && memcmp(s + k - 2, "\xC2\xBB", 2) == 0)
			k -= 2;
		else
			return n - k;
	}
}

static int ends_like_sentence(const char *s, size_t n)
{
	n -= trailing_closers(s, n);
	if (n == 0)
		return 0;
	if (strchr(".!?:;,", s[n - 1]))
		return 1;
	return n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0;  /* … */
}

/* 1 when most words of four letters or more start with a capital, as in
 * "Russia Takes Control Of Toretsk". */
static int title_case(const char *s, size_t n)
{
	unsigned words = 0, capitals = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		size_t w = i;
		while (i < n && s[i] != ' ')
			i++;
		char c = s[w];
		if (i - w < 4 || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			continue;
		words++;
		capitals += c >= 'A' && c <= 'Z';
	}
	return words >= 2 && capitals * 5 >= words * 4;
}

/* 1 when the line after line_end (which holds '\n') is blank. */
static int blank_line_follows(const char *line_end, const char *end)
{
	for (const char *q = line_end + 1; q < end; q++) {
		if (*q == '\n')
			return 1;
		if (!is_space((unsigned char)*q))
			return 0;
	}
	return 1;
}

/* Decides whether the first line line[0..n) is the title; body text
 * follows it (line_end < end). */
static int is_title(const char *line, size_t n, const char *line_end, const char *end)
{
	if (n == 0 || n > QY_TITLE_LINE_MAX)
		return 0;
	if (starts_with(line, line + n, "- ") || starts_with(line, line + n, "* ") ||
	    starts_with(line, line + n, "\xE2\x80\xA2 "))
		return 0;
	if (ends_like_sentence(line, n))
		return 0;
	return blank_line_follows(line_end, end) || title_case(line, n);
}

int qy_text_article_parse(qy_article *out, const char *id, char *text, size_t len,
			  qy_err *err)
{
	char date[11];
	const char *end = text + len, *p;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\0')
			text[i] = ' ';  /* keeps body a C string; the tokenizer splits on it */
	p = skip_space(text, end);
	const char *after_date = date_prefix(p, end, date);
	int have_date = after_date != p;
	p = skip_space(after_date, end);
	while (end > p && is_space((unsigned char)end[-1]))
		end--;
	if (p == end)
		return qy_err_set(err, QUARRY_EBADINPUT, "empty, nothing to index");

	const char *line_end = memchr(p, '\n', (size_t)(end - p));
	if (line_end) {
		size_t n = (size_t)(line_end - p);
		while (n > 0 && is_space((unsigned char)p[n - 1]))
			n--;
		if (is_title(p, n, line_end, end)) {
			out->title = qy_strndup(p, n);
			qy_title_flatten(out->title);
			p = skip_space(line_end, end);
		}
	}
	out->id = qy_strdup(id);
	out->date = have_date ? qy_strdup(date) : NULL;
	out->body_len = (size_t)(end - p);
	out->body = qy_strndup(p, out->body_len);
	if (!out->title) {
		out->title = qy_title_derive(out->body, out->body_len);
		out->title_derived = 1;
	}
	return QUARRY_OK;
}
