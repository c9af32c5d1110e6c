/*
 * error.h - the error record every internal module fills on failure.
 *
 * Internal functions return a quarry_status (see include/quarry.h) and, on
 * failure, describe it in a caller-owned qy_err (which may be NULL when the
 * caller does not want the message).  The public API turns a qy_err into a
 * heap-allocated quarry_error at the boundary.
 */
#ifndef QY_ERROR_H
#define QY_ERROR_H

#include "quarry.h"

#define QY_ERR_MSG_MAX 512

typedef struct qy_err {
	int status;                  /* a quarry_status; QUARRY_OK when clear */
	char msg[QY_ERR_MSG_MAX];    /* one line, no trailing newline */
} qy_err;

#define QY_ERR_INIT { QUARRY_OK, "" }

/* Records status and a printf-style message in err (if not NULL) and returns
 * status, so callers can write `return qy_err_set(err, QUARRY_EIO, ...)`. */
int qy_err_set(qy_err *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prepends "prefix: " to the message already in err (e.g. a file name). */
void qy_err_prefix(qy_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void qy_err_clear(qy_err *err);

/* A short English name for a status code ("I/O error", "index locked"...). */
const char *qy_status_name(int status);

#endif
