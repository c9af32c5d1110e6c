/*
 * reader.h - reads articles from a file, a directory tree or stdin.
 *
 * Formats, recognised by content, never by extension:
 *  - gzip (magic bytes 1f 8b) of any of the below, decompressed on the fly;
 *  - JSON Lines: the first non-blank byte is '{'; one object per line with
 *    "id", "title", "date", "source", "url", "body" (unknown keys ignored;
 *    "id" may be a string or a number; "body" is required);
 *  - plain text: one article per file, as in ../shared/seeds (see
 *    docs/input-formats.md for the date line and title rules).
 * Directories are walked recursively in sorted order; hidden entries (".x")
 * are skipped.  "-" is standard input.
 *
 * Limits that keep memory bounded on hostile input: a JSON line or a
 * plain-text file over QY_RECORD_MAX bytes (after decompression) is
 * rejected with QUARRY_ETOOBIG and the reader moves on to the next line or
 * file.  A truncated gzip stream yields the records read before the damage
 * and then one QUARRY_EBADINPUT error.
 */
#ifndef QY_READER_H
#define QY_READER_H

#include "../util/error.h"
#include "article.h"

#define QY_RECORD_MAX (32u * 1024 * 1024)

typedef struct qy_reader qy_reader;

/* Opens path (file, directory or "-").  Fails with QUARRY_ENOTFOUND or
 * QUARRY_EIO (message names the path) when it cannot be opened at all. */
int qy_reader_open(qy_reader **out, const char *path, qy_err *err);

/* Reads the next article into *out (which the caller frees with
 * qy_article_free).  Returns
 *   QUARRY_OK    an article was read;
 *   QUARRY_DONE  no more input;
 *   < 0          one record or file was bad: err names the file (and line)
 *                and why; the caller reports it and calls next again. */
int qy_reader_next(qy_reader *r, qy_article *out, qy_err *err);

/* Bytes of input consumed so far (after decompression). */
unsigned long long qy_reader_bytes(const qy_reader *r);

void qy_reader_free(qy_reader *r);

#endif
