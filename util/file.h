/*
 * file.h - reading a whole data file into memory.
 */
#ifndef QY_FILE_H
#define QY_FILE_H

#include <stddef.h>

#include "error.h"

/* Reads the file at path into a heap buffer with a NUL after its last byte
 * (*out, free() it; *out_len excludes the NUL).  QUARRY_ENOTFOUND when it
 * does not exist, QUARRY_EIO on other failures, with path in the message. */
int qy_read_file(const char *path, char **out, size_t *out_len, qy_err *err);

#endif
