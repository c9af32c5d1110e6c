/* buf.c - growable buffers and checked allocation. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void qy_oom(void)
{
	/* Library code does not print; this is the one exception, because
	 * nothing sensible can be done without memory. */
	fputs("quarry: out of memory\n", stderr);
	abort();
}

void *qy_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		qy_oom();
	return p;
}

void *qy_calloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		qy_oom();
	return p;
}

void *qy_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		qy_oom();
	return q;
}

char *qy_strndup(const char *s, size_t n)
{
	char *d = qy_malloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *qy_strdup(const char *s)
{
	return s ? qy_strndup(s, strlen(s)) : NULL;
}

void qy_buf_reserve(qy_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = qy_realloc(b->data, cap);
	b->cap = cap;
}

void qy_buf_append(qy_buf *b, const void *data, size_t len)
{
	qy_buf_reserve(b, len);
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void qy_buf_puts(qy_buf *b, const char *s)
{
	qy_buf_append(b, s, strlen(s));
}

void qy_buf_putc(qy_buf *b, char c)
{
	qy_buf_append(b, &c, 1);
}

void qy_buf_printf(qy_buf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		qy_buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
		b->len += (size_t)n;
	}
	va_end(ap2);
}

void qy_buf_clear(qy_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void qy_buf_free(qy_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *qy_buf_detach(qy_buf *b)
{
	char *d = b->data ? b->data : qy_strdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return d;
}

const char *qy_buf_cstr(const qy_buf *b)
{
	return b->data ? b->data : "";
}
