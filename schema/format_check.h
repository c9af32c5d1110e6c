/*
 * format_check.h - is the database at hand a quarry index this quarry
 * reads, and with what options was it built?  One answer for the indexer
 * and the searcher.
 */
#ifndef QY_FORMAT_CHECK_H
#define QY_FORMAT_CHECK_H

#include "../util/error.h"
#include "../xapian-c/xapian_c.h"

/* QUARRY_OK when db carries this format's key; *out_blank is set (and OK
 * returned) when it carries no key and no documents, i.e. is new.
 * QUARRY_ECORRUPT naming path for another format version, or for a
 * database with documents but no key (not quarry's). */
int qy_check_index_format(const xc_db *db, const char *path, int *out_blank, qy_err *err);

/* *out = 1 when the index was built with sentence vectors (its
 * QY_META_MEANING key is set); errors are Xapian's, named by path. */
int qy_index_has_vectors(const xc_db *db, const char *path, int *out, qy_err *err);

#endif
