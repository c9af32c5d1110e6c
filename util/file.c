/* file.c - reading a whole data file into memory. */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

/* One read when the size from fstat is right; the buffer grows if the file
 * did meanwhile. */
int qy_read_file(const char *path, char **out, size_t *out_len, qy_err *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return qy_err_set(err, errno == ENOENT ? QUARRY_ENOTFOUND : QUARRY_EIO,
				  "%s: %s", path, strerror(errno));
	size_t cap = fstat(fd, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	size_t len = 0;
	char *buf = qy_malloc(cap);
	for (;;) {
		if (len + 1 == cap)
			buf = qy_realloc(buf, cap *= 2);   /* the file grew */
		ssize_t n = read(fd, buf + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			free(buf);
			return qy_err_set(err, QUARRY_EIO, "%s: %s", path, strerror(errno));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	return QUARRY_OK;
}
