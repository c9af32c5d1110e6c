/* xapian_error.c - Xapian's failures as quarry statuses. */
#include "xapian_error.h"

int qy_status_from_xc(int xc_code)
{
	switch (xc_code) {
	case XC_OK: return QUARRY_OK;
	case XC_DATABASE_LOCK: return QUARRY_ELOCKED;
	case XC_DATABASE_NOT_FOUND: return QUARRY_ENOTFOUND;
	case XC_DATABASE_CORRUPT: case XC_DATABASE_VERSION: return QUARRY_ECORRUPT;
	case XC_DATABASE_OPENING: case XC_NETWORK: case XC_NETWORK_TIMEOUT: return QUARRY_EIO;
	case XC_DATABASE_MODIFIED: return QUARRY_EMODIFIED;
	case XC_NOMEM: return QUARRY_ENOMEM;
	case XC_TERM_TOO_LONG: case XC_INVALID_ARGUMENT: return QUARRY_EINVAL;
	default: return QUARRY_EXAPIAN;
	}
}

int qy_err_from_xc(qy_err *err, const xc_error *xe, const char *what)
{
	return qy_err_set(err, qy_status_from_xc(xe->code), "%s: %s", what, xe->message);
}
