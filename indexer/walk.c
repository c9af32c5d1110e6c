/* walk.c - recursive, sorted, loop-free listing of the files in a directory. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/buf.h"

/* One directory being listed. */
typedef struct frame {
	char *rel;        /* its path relative to the top ("" for the top) */
	char **names;     /* its entries, sorted */
	size_t count;     /* entries in names */
	size_t next;      /* index of the next entry to look at */
} frame;

struct qy_walk {
	char *top;        /* the directory walked, without trailing '/' */
	frame *stack;     /* open directories, the top one last */
	size_t depth, cap;
	qy_buf path;      /* the path last returned */
	qy_buf rel;       /* the same, relative to top */
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

/* Reads the visible entry names of dir, sorted. */
static int read_names(const char *dir, char ***out, size_t *count, qy_err *err)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return qy_err_set(err, QUARRY_ENOTFOUND,
					  "%s: no such file or directory", dir);
		return qy_err_set(err, QUARRY_EIO, "%s: cannot read directory: %s",
				  dir, strerror(errno));
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = qy_realloc(names, cap * sizeof *names);
		}
		names[n++] = qy_strdup(e->d_name);
	}
	int read_errno = errno;
	closedir(d);
	if (read_errno) {
		free_names(names, n);
		return qy_err_set(err, QUARRY_EIO, "%s: cannot read directory: %s",
				  dir, strerror(read_errno));
	}
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	*out = names;
	*count = n;
	return QUARRY_OK;
}

static int push(qy_walk *w, const char *dir, const char *rel, qy_err *err)
{
	char **names = NULL;
	size_t count = 0;
	int rc = read_names(dir, &names, &count, err);
	if (rc != QUARRY_OK)
		return rc;
	if (w->depth == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->stack = qy_realloc(w->stack, w->cap * sizeof *w->stack);
	}
	frame *f = &w->stack[w->depth++];
	f->rel = qy_strdup(rel);
	f->names = names;
	f->count = count;
	f->next = 0;
	return QUARRY_OK;
}

static void pop(qy_walk *w)
{
	frame *f = &w->stack[--w->depth];
	free(f->rel);
	free_names(f->names, f->count);
}

int qy_walk_open(qy_walk **out, const char *dir, qy_err *err)
{
	qy_walk *w = qy_calloc(1, sizeof *w);
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	w->top = qy_strndup(dir, len);
	int rc = push(w, w->top, "", err);
	if (rc != QUARRY_OK) {
		qy_walk_free(w);
		*out = NULL;
		return rc;
	}
	*out = w;
	return QUARRY_OK;
}

/* Sets w->rel and w->path to the entry name of frame f. */
static void join(qy_walk *w, const frame *f, const char *name)
{
	qy_buf_clear(&w->rel);
	if (f->rel[0]) {
		qy_buf_puts(&w->rel, f->rel);
		qy_buf_putc(&w->rel, '/');
	}
	qy_buf_puts(&w->rel, name);
	qy_buf_clear(&w->path);
	qy_buf_puts(&w->path, w->top);
	if (strcmp(w->top, "/") != 0)
		qy_buf_putc(&w->path, '/');
	qy_buf_append(&w->path, w->rel.data, w->rel.len);
}

int qy_walk_next(qy_walk *w, const char **path, const char **rel, qy_err *err)
{
	while (w->depth > 0) {
		frame *f = &w->stack[w->depth - 1];
		if (f->next == f->count) {
			pop(w);
			continue;
		}
		join(w, f, f->names[f->next++]);
		const char *p = qy_buf_cstr(&w->path);
		struct stat st;
		if (lstat(p, &st) != 0)
			return qy_err_set(err, QUARRY_EIO, "%s: cannot stat: %s", p,
					  strerror(errno));
		if (S_ISLNK(st.st_mode)) {
			/* Links to files are read; links to directories are
			 * not followed, so no loop is possible. */
			if (stat(p, &st) != 0)
				return qy_err_set(err, QUARRY_EIO,
						  "%s: broken symbolic link: %s", p,
						  strerror(errno));
			if (!S_ISREG(st.st_mode))
				continue;
		} else if (S_ISDIR(st.st_mode)) {
			/* push may move the stack: copy rel first. */
			char *sub = qy_strdup(qy_buf_cstr(&w->rel));
			int rc = push(w, p, sub, err);
			free(sub);
			if (rc == QUARRY_ENOTFOUND && err)
				err->status = QUARRY_EIO;  /* vanished mid-walk */
			if (rc != QUARRY_OK)
				return rc == QUARRY_ENOTFOUND ? QUARRY_EIO : rc;
			continue;
		} else if (!S_ISREG(st.st_mode)) {
			continue;
		}
		*path = p;
		*rel = qy_buf_cstr(&w->rel);
		return QUARRY_OK;
	}
	return QUARRY_DONE;
}

void qy_walk_free(qy_walk *w)
{
	if (!w)
		return;
	while (w->depth > 0)
		pop(w);
	free(w->stack);
	free(w->top);
	qy_buf_free(&w->path);
	qy_buf_free(&w->rel);
	free(w);
}
