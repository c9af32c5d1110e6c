/* dir_swap.c - atomic exchange and removal of index directories. */
#define _GNU_SOURCE   /* renameat2 */
#include "dir_swap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int qy_dir_exchange(const char *a, const char *b, qy_err *err)
{
	if (renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) != 0)
		return qy_err_set(err, QUARRY_EIO, "cannot swap %s and %s: %s", a, b, strerror(errno));
	return QUARRY_OK;
}

void qy_dir_remove(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char file[4096];

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (snprintf(file, sizeof file, "%s/%s", path, e->d_name) < (int)sizeof file)
			unlink(file);
	}
	closedir(d);
	rmdir(path);
}
