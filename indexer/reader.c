/* reader.c - the articles under a path: a file, a directory tree or stdin. */
#include "reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/buf.h"
#include "json_article.h"
#include "line_source.h"
#include "text_article.h"
#include "walk.h"

enum format { FORMAT_UNKNOWN, FORMAT_JSONL };

struct qy_reader {
	qy_walk *walk;                 /* the directory walked, or NULL */
	qy_line_source *src;           /* the file being read, or NULL */
	char *file_name;               /* its name in messages */
	char *file_id;                 /* its article id, or its records' id prefix */
	enum format format;            /* what src holds, once peeked */
	unsigned long long bytes_done; /* bytes of the files already closed */
};

/* The id of a file's article: its path without ".gz" and one more
 * extension ("sub/a.txt.gz" -> "sub/a"). */
static char *id_from_path(const char *rel)
{
	size_t len = strlen(rel);
	const char *slash = strrchr(rel, '/');
	const char *base = slash ? slash + 1 : rel;
	size_t blen = (size_t)(rel + len - base);

	if (blen > 3 && strcmp(base + blen - 3, ".gz") == 0) {
		len -= 3;
		blen -= 3;
	}
	for (size_t i = blen; i > 1; i--) {
		if (base[i - 1] == '.') {
			len -= blen - (i - 1);
			break;
		}
	}
	return qy_strndup(rel, len);
}

static int open_file(qy_reader *r, const char *path, const char *name, const char *rel,
		     qy_err *err)
{
	int rc = qy_line_source_open(&r->src, path, name, err);
	if (rc != QUARRY_OK)
		return rc;
	r->file_name = qy_strdup(name);
	r->file_id = id_from_path(rel);
	r->format = FORMAT_UNKNOWN;
	return QUARRY_OK;
}

static void close_file(qy_reader *r)
{
	if (!r->src)
		return;
	r->bytes_done += qy_line_source_bytes(r->src);
	qy_line_source_free(r->src);
	free(r->file_name);
	free(r->file_id);
	r->src = NULL;
	r->file_name = r->file_id = NULL;
}

int qy_reader_open(qy_reader **out, const char *path, qy_err *err)
{
	qy_reader *r = qy_calloc(1, sizeof *r);
	struct stat st;
	int rc;

	*out = NULL;
	if (strcmp(path, "-") == 0) {
		rc = open_file(r, "-", "stdin", "stdin", err);
	} else if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			rc = qy_err_set(err, QUARRY_ENOTFOUND,
					"%s: no such file or directory", path);
		else
			rc = qy_err_set(err, QUARRY_EIO, "%s: %s", path, strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		rc = qy_walk_open(&r->walk, path, err);
	} else {
		const char *slash = strrchr(path, '/');
		rc = open_file(r, path, path, slash ? slash + 1 : path, err);
	}
	if (rc != QUARRY_OK) {
		qy_reader_free(r);
		return rc;
	}
	*out = r;
	return QUARRY_OK;
}

/* Opens the next file of the walk. */
static int open_next(qy_reader *r, qy_err *err)
{
	const char *path, *rel;
	if (!r->walk)
		return QUARRY_DONE;
	int rc = qy_walk_next(r->walk, &path, &rel, err);
	if (rc != QUARRY_OK)
		return rc;
	rc = open_file(r, path, path, rel, err);
	if (rc == QUARRY_ENOTFOUND) {
		/* Listed a moment ago: it vanished, which is an I/O matter. */
		if (err)
			err->status = QUARRY_EIO;
		rc = QUARRY_EIO;
	}
	return rc;
}

/* Reads the whole current file as one plain-text article. */
static int read_text(qy_reader *r, qy_article *out, qy_err *err)
{
	char *text;
	size_t len;
	int rc = qy_line_source_read_all(r->src, &text, &len, err);
	if (rc != QUARRY_OK)
		return rc;
	rc = qy_text_article_parse(out, r->file_id, text, len, err);
	if (rc != QUARRY_OK)
		qy_err_prefix(err, "%s", r->file_name);
	return rc;
}

static int is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\f\v", s[i]))
			return 0;
	return 1;
}

/* Reads the next record of the current JSON Lines file. */
static int read_json(qy_reader *r, qy_article *out, qy_err *err)
{
	char *line;
	size_t len;
	int rc;

	do {
		rc = qy_line_source_next_line(r->src, &line, &len, err);
		if (rc != QUARRY_OK)
			return rc;
	} while (is_blank(line, len));

	unsigned long lineno = qy_line_source_lineno(r->src);
	qy_buf fallback = QY_BUF_INIT;
	qy_buf_printf(&fallback, "%s:%lu", r->file_id, lineno);
	rc = qy_json_article_parse(out, line, len, qy_buf_cstr(&fallback), err);
	qy_buf_free(&fallback);
	if (rc != QUARRY_OK)
		qy_err_prefix(err, "%s:%lu", r->file_name, lineno);
	return rc;
}

int qy_reader_next(qy_reader *r, qy_article *out, qy_err *err)
{
	memset(out, 0, sizeof *out);
	for (;;) {
		if (!r->src) {
			int rc = open_next(r, err);
			if (rc != QUARRY_OK)
				return rc;
		}
		if (r->format == FORMAT_UNKNOWN) {
			if (qy_line_source_peek(r->src) != '{') {
				int rc = read_text(r, out, err);
				close_file(r);
				return rc;
			}
			r->format = FORMAT_JSONL;
		}
		int rc = read_json(r, out, err);
		if (rc != QUARRY_DONE)
			return rc;
		close_file(r);
	}
}

unsigned long long qy_reader_bytes(const qy_reader *r)
{
	return r->bytes_done + (r->src ? qy_line_source_bytes(r->src) : 0);
}

void qy_reader_free(qy_reader *r)
{
	if (!r)
		return;
	close_file(r);
	qy_walk_free(r->walk);
	free(r);
}
