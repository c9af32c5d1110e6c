/*
 * xapian_error.h - one table from the binding's xc_status codes to
 * quarry's statuses, shared by the indexer, the searcher and the facets.
 */
#ifndef QY_XAPIAN_ERROR_H
#define QY_XAPIAN_ERROR_H

#include "../xapian-c/xapian_c.h"
#include "error.h"

/* The quarry_status for an xc_status. */
int qy_status_from_xc(int xc_code);

/* Fills err with that status and "what: Xapian's message"; returns the status. */
int qy_err_from_xc(qy_err *err, const xc_error *xe, const char *what);

#endif
