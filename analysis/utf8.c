/* utf8.c - UTF-8 decoding and whitespace helpers for the analysis splitters. */
#include "utf8.h"

#include <utf8proc.h>

size_t qy_utf8_decode(const char *text, size_t len, size_t pos, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)text + pos;
	size_t avail = len - pos;
	unsigned c = s[0];
	size_t n;
	int32_t v, min;

	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

static bool is_space_cp(int32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
		return true;
	default:
		return cp >= 0x2000 && cp <= 0x200B;
	}
}

size_t qy_utf8_space_at(const char *text, size_t len, size_t pos)
{
	unsigned char c = (unsigned char)text[pos];
	int32_t cp;
	size_t n;

	if (c < 0x80)
		return is_space_cp(c) ? 1 : 0;
	/* Every non-ASCII space starts with one of these lead bytes. */
	if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF)
		return 0;
	n = qy_utf8_decode(text, len, pos, &cp);
	return n && is_space_cp(cp) ? n : 0;
}

size_t qy_utf8_space_before(const char *text, size_t end)
{
	if (end == 0)
		return 0;
	if ((unsigned char)text[end - 1] < 0x80)
		return is_space_cp((unsigned char)text[end - 1]) ? 1 : 0;
	for (size_t n = 2; n <= 3 && n <= end; n++) {
		size_t k = qy_utf8_space_at(text, end, end - n);
		if (k == n)
			return n;
	}
	return 0;
}

void qy_utf8_trim(const char *text, size_t *start, size_t *end)
{
	size_t s = *start, e = *end, n;

	while (s < e && (n = qy_utf8_space_at(text, e, s)) > 0)
		s += n;
	while (e > s && (n = qy_utf8_space_before(text, e)) > 0 && e - n >= s)
		e -= n;
	*start = s;
	*end = e;
}

bool qy_utf8_is_upper_at(const char *text, size_t len, size_t pos)
{
	unsigned char c = (unsigned char)text[pos];
	int32_t cp;

	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (!qy_utf8_decode(text, len, pos, &cp))
		return false;
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool qy_utf8_is_lower_at(const char *text, size_t len, size_t pos)
{
	unsigned char c = (unsigned char)text[pos];
	int32_t cp;

	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	if (!qy_utf8_decode(text, len, pos, &cp))
		return false;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

size_t qy_utf8_floor(const char *text, size_t len, size_t pos)
{
	size_t back = 0;
	int32_t cp;

	if (pos >= len)
		return len;
	while (back < 3 && back < pos
	       && ((unsigned char)text[pos - back] & 0xC0) == 0x80)
		back++;
	/* Only back up when a valid character really spans pos; stray
	 * continuation bytes are cut anywhere. */
	if (back > 0 && qy_utf8_decode(text, len, pos - back, &cp) > back)
		return pos - back;
	return pos;
}

bool qy_utf8_is_bullet_line(const char *text, size_t len, size_t pos)
{
	static const char *const marks[] = { "-", "*", "\xE2\x80\xA2" /* • */,
		"\xC2\xB7" /* · */, "\xE2\x80\x93" /* – */, "\xE2\x96\xAA" /* ▪ */ };
	size_t n;

	while (pos < len && (text[pos] == ' ' || text[pos] == '\t'))
		pos++;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		n = 0;
		while (marks[i][n] && pos + n < len && text[pos + n] == marks[i][n])
			n++;
		if (marks[i][n] == '\0' && pos + n < len
		    && (text[pos + n] == ' ' || text[pos + n] == '\t'))
			return true;
	}
	return false;
}

size_t qy_utf8_stop_at(const char *text, size_t len, size_t pos)
{
	const unsigned char *s = (const unsigned char *)text + pos;

	if (s[0] == '.' || s[0] == '!' || s[0] == '?')
		return 1;
	if (s[0] == 0xE2 && len - pos >= 3 && s[1] == 0x80 && s[2] == 0xA6)
		return 3;   /* … */
	return 0;
}

size_t qy_utf8_closer_at(const char *text, size_t len, size_t pos)
{
	const unsigned char *s = (const unsigned char *)text + pos;

	if (s[0] == '"' || s[0] == '\'' || s[0] == ')' || s[0] == ']')
		return 1;
	if (s[0] == 0xC2 && len - pos >= 2 && s[1] == 0xBB)
		return 2;   /* » */
	if (s[0] == 0xE2 && len - pos >= 3 && s[1] == 0x80
	    && (s[2] == 0x9D || s[2] == 0x99 || s[2] == 0xBA))
		return 3;   /* ” ’ › */
	return 0;
}

bool qy_utf8_ends_with_stop(const char *text, size_t start, size_t end)
{
	size_t n;

	qy_utf8_trim(text, &start, &end);
	/* Closers are 1 to 3 bytes: try each length ending at end. */
	while (end > start) {
		for (n = 1; n <= 3 && n <= end - start; n++)
			if (qy_utf8_closer_at(text, end, end - n) == n)
				break;
		if (n > 3 || n > end - start)
			break;
		end -= n;
	}
	if (end == start)
		return false;
	if (qy_utf8_stop_at(text, end, end - 1) == 1)
		return true;
	return end - start >= 3 && qy_utf8_stop_at(text, end, end - 3) == 3;
}
