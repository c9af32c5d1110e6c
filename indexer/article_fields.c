/* article_fields.c - date acceptance and derived titles, for every format. */
#include "article_fields.h"

#include <string.h>

#include "../util/buf.h"

static int digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

int qy_date_prefix(const char *s, size_t len, char out[11])
{
	int y, m, d;
	if (len < 10 || s[4] != '-' || s[7] != '-')
		return 0;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return 0;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 0;
	if (len > 10 && s[10] >= '0' && s[10] <= '9')
		return 0;
	memcpy(out, s, 10);
	out[10] = '\0';
	return 1;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Length of a bullet marker ("- ", "* ", "• ") at s, or 0. */
static size_t bullet_len(const char *s, size_t len)
{
	if (len >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ')
		return 2;
	if (len >= 4 && memcmp(s, "\xE2\x80\xA2 ", 4) == 0)
		return 4;
	return 0;
}

/* 1 when the word ending just before the '.' at s[i] is an abbreviation or
 * an initial, after which a full stop does not end the sentence. */
static int abbreviation_before(const char *s, size_t i)
{
	static const char *const words[] = {
		"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Col", "Lt", "Sgt", "Gov",
		"Sen", "Rep", "Prof", "No", "Jan", "Feb", "Mar", "Apr", "Jun",
		"Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "etc",
	};
	size_t w = i;
	while (w > 0 && !is_space((unsigned char)s[w - 1]))
		w--;
	size_t n = i - w;
	if (n == 1 && s[w] >= 'A' && s[w] <= 'Z')
		return 1;
	if (memchr(s + w, '.', n))
		return 1;  /* U.S. */
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (strlen(words[k]) == n && memcmp(words[k], s + w, n) == 0)
			return 1;
	return 0;
}

/* Bytes of closing quotes or brackets at s. */
static size_t closers_len(const char *s, size_t len)
{
	size_t i = 0;
	for (;;) {
		if (i < len && (s[i] == '"' || s[i] == '\'' || s[i] == ')' || s[i] == ']'))
			i++;
		else if (len - i >= 3 && (memcmp(s + i, "\xE2\x80\x9D", 3) == 0 ||  /* ” */
					  memcmp(s + i, "\xE2\x80\x99", 3) == 0))   /* ’ */
			i += 3;
		else if (len - i >= 2 && memcmp(s + i, "\xC2\xBB", 2) == 0)          /* » */
			i += 2;
		else
			return i;
	}
}

/* Length of the first sentence of s: up to the end of the line or a full
 * stop, ! ? or … followed by space, whichever comes first. */
static size_t first_sentence(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t punct;
		if (s[i] == '\n')
			return i;
		if (s[i] == '.' || s[i] == '!' || s[i] == '?')
			punct = 1;
		else if (len - i >= 3 && memcmp(s + i, "\xE2\x80\xA6", 3) == 0)
			punct = 3;
		else
			continue;
		size_t j = i + punct;
		j += closers_len(s + j, len - j);
		if (j < len && !is_space((unsigned char)s[j]))
			continue;
		if (s[i] == '.' && abbreviation_before(s, i))
			continue;
		size_t k = j;
		while (k < len && s[k] == ' ')
			k++;
		if (k < len && s[k] >= 'a' && s[k] <= 'z')
			continue;  /* "approx. five" */
		return j;
	}
	return len;
}

/* Cuts s (longer than QY_TITLE_SLACK) at a word boundary within
 * QY_TITLE_CUT bytes. */
static size_t cut_point(const char *s)
{
	size_t k = QY_TITLE_CUT;
	while (k > QY_TITLE_CUT / 2 && s[k] != ' ')
		k--;
	if (s[k] != ' ') {
		/* One long word: cut it, on a UTF-8 character boundary. */
		k = QY_TITLE_CUT;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
	}
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == ',' || s[k - 1] == ';' ||
			 s[k - 1] == ':' || s[k - 1] == '-'))
		k--;
	return k;
}

char *qy_title_derive(const char *body, size_t len)
{
	const char *s = body, *end = body + len;
	while (s < end && is_space((unsigned char)*s))
		s++;
	size_t b = bullet_len(s, (size_t)(end - s));
	s += b;
	while (s < end && *s == ' ')
		s++;

	/* A sentence longer than QY_TITLE_SLACK is cut anyway, so there is
	 * no need to look far for its end (the body may be megabytes long). */
	size_t avail = (size_t)(end - s), look = QY_TITLE_SLACK + 16;
	size_t n = first_sentence(s, avail < look ? avail : look);
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	char *title;
	if (n <= QY_TITLE_SLACK) {
		title = qy_strndup(s, n);
	} else {
		size_t k = cut_point(s);
		qy_buf t = QY_BUF_INIT;
		qy_buf_append(&t, s, k);
		qy_buf_puts(&t, "\xE2\x80\xA6");
		title = qy_buf_detach(&t);
	}
	qy_title_flatten(title);
	return title;
}

void qy_title_flatten(char *title)
{
	for (unsigned char *p = (unsigned char *)title; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			*p = ' ';
}
