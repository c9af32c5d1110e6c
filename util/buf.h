/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 *
 * Used for building strings of unknown length (document records, JSON
 * output, highlighted snippets).  Allocation failure aborts the process via
 * qy_oom(): quarry treats out-of-memory as fatal, as SQLite's and git's
 * command-line tools do, so that every other path stays a straight line.
 */
#ifndef QY_BUF_H
#define QY_BUF_H

#include <stddef.h>

typedef struct qy_buf {
	char *data;      /* NUL-terminated contents (NULL until first append) */
	size_t len;      /* bytes used, not counting the NUL */
	size_t cap;      /* bytes allocated */
} qy_buf;

#define QY_BUF_INIT { NULL, 0, 0 }

void qy_buf_reserve(qy_buf *b, size_t extra);
void qy_buf_append(qy_buf *b, const void *data, size_t len);
void qy_buf_puts(qy_buf *b, const char *s);
void qy_buf_putc(qy_buf *b, char c);
void qy_buf_printf(qy_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void qy_buf_clear(qy_buf *b);          /* len = 0, keeps memory */
void qy_buf_free(qy_buf *b);
/* Hands the contents to the caller (never NULL) and resets b. */
char *qy_buf_detach(qy_buf *b);
/* Contents as a C string ("" when empty). */
const char *qy_buf_cstr(const qy_buf *b);

/* Checked allocation helpers; they never return NULL. */
void *qy_malloc(size_t n);
void *qy_calloc(size_t count, size_t size);
void *qy_realloc(void *p, size_t n);
char *qy_strdup(const char *s);
char *qy_strndup(const char *s, size_t n);
void qy_oom(void) __attribute__((noreturn));

#endif
