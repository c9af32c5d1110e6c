/* format_check.c - recognising quarry's own indexes by their format key. */
#include "format_check.h"

#include <stdlib.h>
#include <string.h>

#include "../util/xapian_error.h"
#include "schema.h"

int qy_check_index_format(const xc_db *db, const char *path, int *out_blank, qy_err *err)
{
	xc_error xe;
	char *value = NULL;
	size_t len = 0;
	uint32_t docs = 0;

	*out_blank = 0;
	if (xc_db_get_metadata(db, QY_META_FORMAT, &value, &len, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, path);
	int rc = QUARRY_OK;
	if (len == 0) {
		/* quarry-index writes the key before any document (a stub reads
		 * its first shard's), so documents without it are not ours. */
		if (xc_db_doccount(db, &docs, &xe) != XC_OK)
			rc = qy_err_from_xc(err, &xe, path);
		else if (docs == 0)
			*out_blank = 1;
		else
			rc = qy_err_set(err, QUARRY_ECORRUPT, "%s: a Xapian database, but not a quarry index",
					path);
	} else if (strcmp(value, QY_FORMAT_VERSION) != 0) {
		rc = qy_err_set(err, QUARRY_ECORRUPT,
				"%s: index format %s, this quarry reads format %s: re-index into a new directory",
				path, value, QY_FORMAT_VERSION);
	}
	free(value);
	return rc;
}

int qy_index_has_vectors(const xc_db *db, const char *path, int *out, qy_err *err)
{
	xc_error xe;
	char *value = NULL;
	size_t len = 0;

	*out = 0;
	if (xc_db_get_metadata(db, QY_META_MEANING, &value, &len, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, path);
	free(value);
	*out = len > 0;
	return QUARRY_OK;
}
