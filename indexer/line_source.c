/* line_source.c - bounded line and whole-text reading over zlib's gz* API. */
#include "line_source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "../util/buf.h"
#include "reader.h"

/* Bytes asked of gzread at a time; also zlib's own buffer size. */
#define CHUNK (256u * 1024)
/* Callers never let unread bytes exceed QY_RECORD_MAX before a fill, so a
 * fill (CHUNK) and a terminating NUL always fit in this. */
#define BUF_LIMIT ((size_t)QY_RECORD_MAX + CHUNK + 1)

struct qy_line_source {
	gzFile gz;
	char *name;               /* what messages call the file */
	char *buf;                /* unread input is buf[start, end) */
	size_t cap;               /* bytes allocated for buf */
	size_t start, end;
	size_t scan;              /* where the search for '\n' resumes */
	unsigned long long bytes; /* decompressed bytes read so far */
	unsigned long lineno;     /* number of the line last returned */
	int gzip;                 /* input is gzip, not plain */
	int eof;                  /* gzread has nothing more to give */
	int bom_checked;          /* the start of input was checked for a BOM */
	int pending;              /* status of the error that ended input early */
	char pending_msg[QY_ERR_MSG_MAX];
};

static void make_room(qy_line_source *ls);

int qy_line_source_open(qy_line_source **out, const char *path, const char *name,
			qy_err *err)
{
	/* stdin is read through a duplicate so that closing ours leaves it. */
	int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);

	*out = NULL;
	if (fd < 0) {
		if (errno == ENOENT)
			return qy_err_set(err, QUARRY_ENOTFOUND,
					  "%s: no such file or directory", name);
		return qy_err_set(err, QUARRY_EIO, "%s: cannot open: %s", name,
				  strerror(errno));
	}
	gzFile gz = gzdopen(fd, "rb");
	if (!gz)
		qy_oom();  /* gzdopen fails only on allocation with mode "rb" */
	gzbuffer(gz, CHUNK);

	qy_line_source *ls = qy_calloc(1, sizeof *ls);
	ls->gz = gz;
	ls->name = qy_strdup(name);
	ls->gzip = !gzdirect(gz);
	make_room(ls);
	*out = ls;
	return QUARRY_OK;
}

/* Records why the input ended early, to be reported after the data that
 * came before the damage. */
static void note_early_end(qy_line_source *ls, int n)
{
	int saved_errno = errno, errnum = Z_OK;
	const char *msg = gzerror(ls->gz, &errnum);

	/* A clean end; Z_BUF_ERROR is zlib's "unexpected end of file". */
	if (n == 0 && errnum != Z_BUF_ERROR)
		return;
	if (errnum == Z_ERRNO) {
		ls->pending = QUARRY_EIO;
		snprintf(ls->pending_msg, sizeof ls->pending_msg, "%s: read error: %s",
			 ls->name, strerror(saved_errno));
	} else if (ls->gzip) {
		ls->pending = QUARRY_EBADINPUT;
		snprintf(ls->pending_msg, sizeof ls->pending_msg,
			 "%s: truncated or corrupt gzip data after %llu bytes",
			 ls->name, ls->bytes);
	} else {
		ls->pending = QUARRY_EBADINPUT;
		snprintf(ls->pending_msg, sizeof ls->pending_msg, "%s: %s",
			 ls->name, msg);
	}
}

/* Makes room for one more CHUNK and a NUL after end. */
static void make_room(qy_line_source *ls)
{
	if (ls->cap - ls->end > CHUNK)
		return;
	if (ls->start > 0) {
		memmove(ls->buf, ls->buf + ls->start, ls->end - ls->start);
		ls->end -= ls->start;
		ls->scan -= ls->start;
		ls->start = 0;
		if (ls->cap - ls->end > CHUNK)
			return;
	}
	size_t cap = ls->cap ? ls->cap * 2 : 2 * CHUNK;
	while (cap - ls->end <= CHUNK)
		cap *= 2;
	if (cap > BUF_LIMIT)
		cap = BUF_LIMIT;
	ls->buf = qy_realloc(ls->buf, cap);
	ls->cap = cap;
}

/* Reads more input after end; 0 when there is no more. */
static int fill(qy_line_source *ls)
{
	if (ls->eof)
		return 0;
	make_room(ls);
	int n = gzread(ls->gz, ls->buf + ls->end, CHUNK);
	if (n > 0) {
		ls->end += (size_t)n;
		ls->bytes += (unsigned long long)n;
		return 1;
	}
	ls->eof = 1;
	note_early_end(ls, n);
	return 0;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void skip_bom(qy_line_source *ls)
{
	while (ls->end - ls->start < 3 && fill(ls))
		;
	if (ls->end - ls->start >= 3 && memcmp(ls->buf + ls->start, "\xEF\xBB\xBF", 3) == 0)
		ls->start += 3;
	ls->scan = ls->start;
	ls->bom_checked = 1;
}

int qy_line_source_peek(qy_line_source *ls)
{
	if (!ls->bom_checked)
		skip_bom(ls);
	size_t off = 0;  /* from start: fill may move the buffer */
	for (;;) {
		for (size_t i = ls->start + off; i < ls->end; i++) {
			unsigned char c = (unsigned char)ls->buf[i];
			if (c == '\n') {
				/* Blank lines go; spaces of the current line stay. */
				ls->lineno++;
				ls->start = ls->scan = i + 1;
			} else if (!is_space(c)) {
				return c;
			}
		}
		off = ls->end - ls->start;
		if (off > QY_RECORD_MAX) {
			ls->start = ls->scan = ls->end;
			off = 0;
		}
		if (!fill(ls))
			return -1;
	}
}

static int report_pending(qy_line_source *ls, qy_err *err)
{
	int status = ls->pending;
	qy_err_set(err, status, "%s", ls->pending_msg);
	ls->pending = QUARRY_OK;
	return status;
}

static int too_big(qy_line_source *ls, qy_err *err)
{
	ls->lineno++;
	return qy_err_set(err, QUARRY_ETOOBIG, "%s:%lu: record over %u MiB, skipped",
			  ls->name, ls->lineno, QY_RECORD_MAX >> 20);
}

int qy_line_source_next_line(qy_line_source *ls, char **line, size_t *len,
			     qy_err *err)
{
	int skipping = 0;

	if (!ls->bom_checked)
		skip_bom(ls);
	for (;;) {
		char *nl = memchr(ls->buf + ls->scan, '\n', ls->end - ls->scan);
		if (nl) {
			size_t at = (size_t)(nl - ls->buf);
			size_t from = ls->start;
			ls->start = ls->scan = at + 1;
			if (skipping)
				return too_big(ls, err);
			*line = ls->buf + from;
			*len = at - from;
			*nl = '\0';
			ls->lineno++;
			return QUARRY_OK;
		}
		ls->scan = ls->end;
		if (ls->end - ls->start > QY_RECORD_MAX) {
			/* Drop what we hold of the line and look for its end. */
			skipping = 1;
			ls->start = ls->end;
		}
		if (!fill(ls))
			break;
	}
	if (skipping)
		return too_big(ls, err);
	/* A last line without '\n', unless damage cut it short. */
	if (ls->start < ls->end && !ls->pending) {
		*line = ls->buf + ls->start;
		*len = ls->end - ls->start;
		ls->buf[ls->end] = '\0';
		ls->start = ls->scan = ls->end;
		ls->lineno++;
		return QUARRY_OK;
	}
	ls->start = ls->scan = ls->end;
	if (ls->pending)
		return report_pending(ls, err);
	return QUARRY_DONE;
}

int qy_line_source_read_all(qy_line_source *ls, char **text, size_t *len,
			    qy_err *err)
{
	if (!ls->bom_checked)
		skip_bom(ls);
	do {
		if (ls->end - ls->start > QY_RECORD_MAX) {
			ls->start = ls->scan = ls->end;
			ls->eof = 1;
			return qy_err_set(err, QUARRY_ETOOBIG,
					  "%s: article over %u MiB, skipped",
					  ls->name, QY_RECORD_MAX >> 20);
		}
	} while (fill(ls));
	if (ls->pending) {
		ls->start = ls->scan = ls->end;
		return report_pending(ls, err);
	}
	*text = ls->buf + ls->start;
	*len = ls->end - ls->start;
	ls->buf[ls->end] = '\0';
	ls->start = ls->scan = ls->end;
	return QUARRY_OK;
}

unsigned long qy_line_source_lineno(const qy_line_source *ls)
{
	return ls->lineno;
}

unsigned long long qy_line_source_bytes(const qy_line_source *ls)
{
	return ls->bytes;
}

int qy_line_source_is_gzip(const qy_line_source *ls)
{
	return ls->gzip;
}

void qy_line_source_free(qy_line_source *ls)
{
	if (!ls)
		return;
	gzclose(ls->gz);
	free(ls->buf);
	free(ls->name);
	free(ls);
}
