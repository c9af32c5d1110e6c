/*
 * dir_swap.h - replacing an index directory by another atomically, for
 * compaction: Linux's renameat2(RENAME_EXCHANGE) swaps two paths in one
 * step, so no reader ever finds the index missing or half-replaced.
 */
#ifndef QY_DIR_SWAP_H
#define QY_DIR_SWAP_H

#include "../util/error.h"

/* Swaps the directories at a and b.  QUARRY_EIO naming both on failure
 * (e.g. a file system without RENAME_EXCHANGE); nothing is changed then. */
int qy_dir_exchange(const char *a, const char *b, qy_err *err);

/* Deletes a directory of plain files (a Xapian database).  Best effort. */
void qy_dir_remove(const char *path);

#endif
