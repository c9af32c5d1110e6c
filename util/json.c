/* json.c - JSON string escaping that never emits invalid UTF-8. */
#include "json.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	size_t len = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 && s[0] <= 0xef ? 3 :
		     s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;
	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* Overlong 3/4-byte forms, surrogates and code points past U+10FFFF. */
	if (len == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0)))
		return 0;
	if (len == 4 && ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90)))
		return 0;
	return len;
}

void qy_json_string(qy_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	if (!s) {
		qy_buf_puts(b, "null");
		return;
	}
	const unsigned char *p = (const unsigned char *)s;
	qy_buf_reserve(b, len + 2);
	qy_buf_putc(b, '"');
	for (size_t i = 0; i < len;) {
		unsigned char c = p[i];
		if (c == '"' || c == '\\') {
			char esc[2] = { '\\', (char)c };
			qy_buf_append(b, esc, 2);
		} else if (c == '\n') {
			qy_buf_puts(b, "\\n");
		} else if (c == '\t') {
			qy_buf_puts(b, "\\t");
		} else if (c == '\r') {
			qy_buf_puts(b, "\\r");
		} else if (c < 0x20) {
			char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			qy_buf_append(b, esc, 6);
		} else {
			size_t n = utf8_valid_len(p + i, len - i);
			if (n == 0) {
				qy_buf_puts(b, "\xef\xbf\xbd");
				i++;
				continue;
			}
			qy_buf_append(b, p + i, n);
			i += n;
			continue;
		}
		i++;
	}
	qy_buf_putc(b, '"');
}

void qy_json_cstring(qy_buf *b, const char *s)
{
	qy_json_string(b, s, s ? strlen(s) : 0);
}

void qy_json_key(qy_buf *b, const char *key)
{
	if (b->len && b->data[b->len - 1] != '{')
		qy_buf_putc(b, ',');
	qy_json_cstring(b, key);
	qy_buf_putc(b, ':');
}
