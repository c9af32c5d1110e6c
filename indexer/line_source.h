/*
 * line_source.h - buffered reading of one input file (plain or gzip, or
 * standard input) as bounded lines or as one bounded text.
 *
 * zlib's gzdopen reads plain and gzip input alike.  Memory stays bounded
 * whatever the input: a line longer than QY_RECORD_MAX is skipped up to its
 * newline without being held whole, and a whole text is never read past
 * QY_RECORD_MAX + 1 bytes.  Errors name the file (and line) already.
 */
#ifndef QY_LINE_SOURCE_H
#define QY_LINE_SOURCE_H

#include <stddef.h>

#include "../util/error.h"

typedef struct qy_line_source qy_line_source;

/* Opens path ("-" is standard input, which is read but never closed).
 * name is what messages call the file.  Fails with QUARRY_ENOTFOUND or
 * QUARRY_EIO. */
int qy_line_source_open(qy_line_source **out, const char *path, const char *name,
			qy_err *err);

/* Skips leading whitespace (and a UTF-8 byte order mark) and returns the
 * first other byte without consuming it, or -1 when the input holds nothing
 * else.  Whole blank lines skipped still count for line numbers. */
int qy_line_source_peek(qy_line_source *ls);

/* Next line, without its '\n', in *line (valid until the next call; the
 * byte after it is writable).  Returns QUARRY_OK, QUARRY_DONE,
 * QUARRY_ETOOBIG (an over-long line was skipped; call again) or, once, the
 * error that ended the input early (QUARRY_EBADINPUT for damaged gzip,
 * QUARRY_EIO for a read error); a partial last line before such damage is
 * dropped. */
int qy_line_source_next_line(qy_line_source *ls, char **line, size_t *len,
			     qy_err *err);

/* The rest of the input as one text in *text (NUL-terminated, writable,
 * valid until the source is freed).  QUARRY_ETOOBIG when it is longer than
 * QY_RECORD_MAX; the error that ended the input early otherwise. */
int qy_line_source_read_all(qy_line_source *ls, char **text, size_t *len,
			    qy_err *err);

/* Number of the line last returned (1-based). */
unsigned long qy_line_source_lineno(const qy_line_source *ls);

/* Bytes produced by the decompressor so far. */
unsigned long long qy_line_source_bytes(const qy_line_source *ls);

/* 1 when the input is gzip-compressed. */
int qy_line_source_is_gzip(const qy_line_source *ls);

void qy_line_source_free(qy_line_source *ls);

#endif
