/* error.c - filling and naming qy_err records. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int qy_err_set(qy_err *err, int status, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->status = status;
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return status;
}

/* Room kept for the message itself, however long the prefix. */
#define PREFIX_MAX 200

void qy_err_prefix(qy_err *err, const char *fmt, ...)
{
	char joined[QY_ERR_MSG_MAX];
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(joined, PREFIX_MAX + 1, fmt, ap);
	va_end(ap);
	if (n > PREFIX_MAX)   /* a very long path: keep its end's room for the message */
		n = PREFIX_MAX;
	/* Truncation is fine: the message is for people and stays one line. */
	if (n >= 0 && (size_t)n + 2 < sizeof joined) {
		size_t used = (size_t)n;
		memcpy(joined + used, ": ", 2);
		used += 2;
		size_t rest = strnlen(err->msg, sizeof err->msg);
		if (rest > sizeof joined - 1 - used)
			rest = sizeof joined - 1 - used;
		memcpy(joined + used, err->msg, rest);
		joined[used + rest] = '\0';
	}
	memcpy(err->msg, joined, sizeof err->msg);
}

void qy_err_clear(qy_err *err)
{
	if (err) {
		err->status = QUARRY_OK;
		err->msg[0] = '\0';
	}
}

const char *qy_status_name(int status)
{
	switch (status) {
	case QUARRY_OK: return "success";
	case QUARRY_DONE: return "done";
	case QUARRY_ENOMEM: return "out of memory";
	case QUARRY_EIO: return "I/O error";
	case QUARRY_EINVAL: return "invalid argument";
	case QUARRY_EBADINPUT: return "bad input record";
	case QUARRY_ELOCKED: return "index locked";
	case QUARRY_ENOTFOUND: return "not found";
	case QUARRY_EXAPIAN: return "Xapian error";
	case QUARRY_ECORRUPT: return "index corrupt";
	case QUARRY_EMODIFIED: return "index modified";
	case QUARRY_ETOOBIG: return "input too big";
	case QUARRY_ENOTERMS: return "nothing to search for";
	default: return "error";
	}
}
