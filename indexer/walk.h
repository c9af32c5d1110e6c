/*
 * walk.h - lists the regular files under a directory, recursively, in a
 * stable order.
 *
 * Entries of each directory come sorted by name (strcmp), a subdirectory's
 * files where its name sorts.  Names starting with '.' are skipped; so are
 * symbolic links to directories (no loops) and anything that is neither a
 * regular file nor a directory (fifos, sockets, devices).  Symbolic links to
 * regular files are listed.  Only one directory level's names are held per
 * level of depth, not the whole tree.
 */
#ifndef QY_WALK_H
#define QY_WALK_H

#include "../util/error.h"

typedef struct qy_walk qy_walk;

/* Starts a walk of dir.  Fails with QUARRY_ENOTFOUND or QUARRY_EIO. */
int qy_walk_open(qy_walk **out, const char *dir, qy_err *err);

/* Next file: *path is dir joined with *rel, the path relative to dir; both
 * stay valid until the next call.  Returns QUARRY_OK, QUARRY_DONE, or
 * QUARRY_EIO for an entry that cannot be read (a broken symbolic link, an
 * unreadable subdirectory): the message names it and the walk goes on at the
 * next call. */
int qy_walk_next(qy_walk *w, const char **path, const char **rel, qy_err *err);

void qy_walk_free(qy_walk *w);

#endif
