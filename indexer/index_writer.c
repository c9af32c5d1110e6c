/* index_writer.c - articles into passage documents, with skip/replace/prune. */
#include "index_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../analysis/dates.h"
#include "../analysis/passages.h"
#include "../schema/format_check.h"
#include "../schema/schema.h"
#include "../util/buf.h"
#include "../util/xapian_error.h"
#include "../util/hash.h"
#include "../analysis/span.h"
#include "../xapian-c/xapian_c.h"
#include "dir_swap.h"
#include "passage_doc.h"
#include "passage_vectors.h"

struct qy_index_writer {
	xc_wdb *db;
	char *path;                 /* the index directory */
	int broken;                 /* a write failed: uncommitted changes are unknown */
	uint64_t lexicon_hash;      /* of the gazetteer's data (and the encoder's name when
				     * passages get vectors): part of every article hash */
	qy_doc_builder *builder;
	const qy_sentence_encoder *encoder; /* not NULL: passages get sentence vectors */
	unsigned commit_every;      /* articles between commits */
	unsigned pending;           /* articles changed since the last commit */
	qy_strset seen;             /* ids added or unchanged in this run (for prune) */
	qy_spans spans;             /* scratch: passages of the current article */
	qy_buf key;                 /* scratch: metadata key / term */
};

/* A new index gets the format key before anything else is written. */
static int check_format(qy_index_writer *w, const char *path, qy_err *err)
{
	xc_error xe;
	int blank;
	int rc = qy_check_index_format(xc_wdb_as_db(w->db), path, &blank, err);
	if (rc == QUARRY_OK && blank &&
	    xc_wdb_set_metadata(w->db, QY_META_FORMAT, QY_FORMAT_VERSION, strlen(QY_FORMAT_VERSION),
				&xe) != XC_OK)
		rc = qy_err_from_xc(err, &xe, path);
	return rc;
}

/* Xapian would create its files in any directory, and read a regular file
 * as a stub: a mistyped --index (a home directory, a document) must be
 * refused before it is written into. */
static int check_target(const char *path, qy_err *err)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return QUARRY_OK;               /* a new index */
	if (!S_ISDIR(st.st_mode))
		return qy_err_set(err, QUARRY_EINVAL, "%s: not a directory, so not an index", path);
	DIR *d = opendir(path);
	if (!d)
		return QUARRY_OK;               /* Xapian reports why */
	int foreign = 0, glass = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!strcmp(e->d_name, "iamglass"))
			glass = 1;
		else
			foreign = 1;
	}
	closedir(d);
	if (foreign && !glass)
		return qy_err_set(err, QUARRY_EINVAL,
				  "%s: a directory that holds other files, not an index: refusing to write into it",
				  path);
	return QUARRY_OK;
}

int qy_index_writer_open(qy_index_writer **out, const char *path, const qy_gazetteer *gaz,
			 int wait_for_lock, unsigned commit_every, qy_err *err)
{
	xc_error xe;
	qy_index_writer *w = qy_calloc(1, sizeof *w);
	int flags = XC_DB_CREATE_OR_OPEN | (wait_for_lock ? XC_DB_RETRY_LOCK : 0);

	int rc = check_target(path, err);
	if (rc != QUARRY_OK) {
		free(w);
		return rc;
	}
	w->commit_every = commit_every ? commit_every : QY_COMMIT_EVERY_DEFAULT;
	w->path = qy_strdup(path);
	w->lexicon_hash = qy_gazetteer_data_hash(gaz);
	if (xc_wdb_open(&w->db, path, flags, &xe) != XC_OK) {
		int rc = qy_err_from_xc(err, &xe, path);
		if (rc == QUARRY_ELOCKED)
			qy_err_set(err, rc, "%s: index is locked by another quarry-index "
				   "(use --wait to wait for it)", path);
		free(w->path);
		free(w);
		return rc;
	}
	rc = check_format(w, path, err);
	if (rc == QUARRY_OK) {
		w->builder = qy_doc_builder_new(gaz);
		if (!w->builder)
			rc = qy_err_set(err, QUARRY_ERROR, "libstemmer has no English stemmer");
	}
	if (rc != QUARRY_OK) {
		qy_index_writer_abort(w);
		return rc;
	}
	*out = w;
	return QUARRY_OK;
}

int qy_index_writer_has_vectors(qy_index_writer *w, int *out, qy_err *err)
{
	return qy_index_has_vectors(xc_wdb_as_db(w->db), w->path, out, err);
}

int qy_index_writer_set_encoder(qy_index_writer *w, const qy_sentence_encoder *enc, qy_err *err)
{
	xc_error xe;

	if (xc_wdb_set_metadata(w->db, QY_META_MEANING, QY_MEANING_MODEL, strlen(QY_MEANING_MODEL),
				&xe) != XC_OK)
		return qy_err_from_xc(err, &xe, w->path);
	w->encoder = enc;
	/* Part of every article hash: articles indexed without vectors are
	 * indexed again. */
	w->lexicon_hash = qy_hash_update(w->lexicon_hash, QY_MEANING_MODEL, strlen(QY_MEANING_MODEL));
	return QUARRY_OK;
}

/* Bounds on what one article may put in every one of its passages. */
#define TITLE_MAX 1024
#define SOURCE_URL_MAX 2048

static int check_article(const quarry_article *a, qy_err *err)
{
	if (!a->id || !*a->id)
		return qy_err_set(err, QUARRY_EBADINPUT, "article has no id");
	if (strlen(a->id) > QY_ARTICLE_ID_MAX)
		return qy_err_set(err, QUARRY_EBADINPUT, "article id '%.40s...' is over %d bytes",
				  a->id, QY_ARTICLE_ID_MAX);
	if (!a->body)
		return qy_err_set(err, QUARRY_EBADINPUT, "article %s has no body", a->id);
	int y, m, d;
	if (a->date && qy_date_parse(a->date, &y, &m, &d) != 0)
		return qy_err_set(err, QUARRY_EBADINPUT, "article %s: date '%.20s' is not a YYYY-MM-DD date",
				  a->id, a->date);
	return QUARRY_OK;
}

/* A copy of s cut to at most max bytes at a character boundary, or NULL
 * when s fits as it is. */
static char *cut_field(const char *s, size_t max)
{
	if (!s || strlen(s) <= max)
		return NULL;
	size_t n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return qy_strndup(s, n);
}

/* The article as indexed: an over-long title, source or URL cut (each is
 * stored and indexed in every passage), NUL bytes of the body turned into
 * spaces (records are C strings).  Owned copies go into *owned[]. */
static quarry_article normalise(const quarry_article *a, char *owned[4])
{
	quarry_article n = *a;
	owned[0] = cut_field(a->title, TITLE_MAX);
	owned[1] = cut_field(a->source, SOURCE_URL_MAX);
	owned[2] = cut_field(a->url, SOURCE_URL_MAX);
	owned[3] = NULL;
	if (owned[0]) n.title = owned[0];
	if (owned[1]) n.source = owned[1];
	if (owned[2]) n.url = owned[2];
	if (memchr(a->body, '\0', a->body_len)) {
		owned[3] = qy_strndup(a->body, a->body_len);
		for (size_t i = 0; i < a->body_len; i++)
			if (!owned[3][i])
				owned[3][i] = ' ';
		n.body = owned[3];
	}
	return n;
}

/* A hash of everything that ends up in the index: the format version and
 * the lexicons too, so a format change or an edited data/ re-indexes. */
static void article_hash(const quarry_article *a, uint64_t lexicon_hash, char hex[17])
{
	uint64_t h = qy_hash_update(qy_hash_init(), &lexicon_hash, sizeof lexicon_hash);
	const char *fields[] = { QY_FORMAT_VERSION, a->id, a->title, a->date, a->source, a->url };
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *f = fields[i] ? fields[i] : "";
		h = qy_hash_update(h, f, strlen(f) + 1);   /* the NUL separates fields */
	}
	h = qy_hash_update(h, a->body, a->body_len);
	snprintf(hex, 17, "%016llx", (unsigned long long)h);
}

/* Builds every passage document of an article before anything is written:
 * a failure here leaves the index untouched.  Passages of an undated
 * article carry the latest full date its text mentions, flagged as
 * inferred, so date filters and answers can use it. */
static int build_passages(qy_index_writer *w, const quarry_article *given, xc_doc ***out_docs,
			  size_t *out_n, qy_err *err)
{
	int rc = QUARRY_OK;
	quarry_article a = *given;
	char inferred[11];
	int date_inferred = 0;

	if (!given->date && qy_infer_article_date(given->body, given->body_len, inferred)) {
		a.date = inferred;
		date_inferred = 1;
	}
	qy_spans_clear(&w->spans);
	qy_split_passages(a.body, a.body_len, &w->spans);
	xc_doc **docs = qy_calloc(w->spans.count ? w->spans.count : 1, sizeof *docs);
	size_t n = 0;
	for (; rc == QUARRY_OK && n < w->spans.count; n++) {
		qy_passage_ref ref = { (unsigned)n, w->spans.items[n].start, w->spans.items[n].end,
				       date_inferred };
		rc = qy_doc_build(w->builder, &a, &ref, &docs[n], err);
		if (rc == QUARRY_OK && w->encoder)
			rc = qy_passage_vectors_add(w->encoder, a.body + ref.start,
						    ref.end - ref.start, docs[n], err);
	}
	if (rc != QUARRY_OK) {
		for (size_t i = 0; i < n; i++)
			xc_doc_free(docs[i]);
		free(docs);
		return rc;
	}
	*out_docs = docs;
	*out_n = n;
	return QUARRY_OK;
}

/* Replaces the article's passages.  A failure here is Xapian's (disk,
 * corruption): what was written since the last commit can no longer be
 * trusted, so the writer refuses further work until it is reopened. */
static int write_passages(qy_index_writer *w, const quarry_article *a, int replacing,
			  xc_doc **docs, size_t n, const char hash[17], qy_err *err)
{
	xc_error xe;
	char term[QY_ARTICLE_ID_MAX + 8];
	int rc = XC_OK;

	snprintf(term, sizeof term, "%s%s", QY_PREFIX_ARTICLE, a->id);
	if (replacing)
		rc = xc_wdb_delete_documents_by_term(w->db, term, &xe);
	for (size_t i = 0; rc == XC_OK && i < n; i++)
		rc = xc_wdb_add_document(w->db, docs[i], NULL, &xe);
	if (rc == XC_OK)
		rc = xc_wdb_set_metadata(w->db, w->key.data, hash, 16, &xe);
	if (rc != XC_OK) {
		w->broken = 1;
		return qy_err_from_xc(err, &xe, a->id);
	}
	return QUARRY_OK;
}

static int check_usable(const qy_index_writer *w, qy_err *err)
{
	if (w->broken)
		return qy_err_set(err, QUARRY_EXAPIAN, "an earlier write failed; the index keeps its "
				  "last commit: close this indexer and index again");
	return QUARRY_OK;
}

/* Looks up the stored hash of the article: added, replaced or unchanged. */
static int classify(qy_index_writer *w, const quarry_article *a, const char hash[17],
		    qy_add_result *out, qy_err *err)
{
	xc_error xe;
	char *old = NULL;
	size_t old_len = 0;

	qy_buf_clear(&w->key);
	qy_buf_printf(&w->key, "%s%s", QY_META_ARTICLE, a->id);
	if (xc_db_get_metadata(xc_wdb_as_db(w->db), w->key.data, &old, &old_len, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, a->id);
	int unchanged = old_len == 16 && memcmp(old, hash, 16) == 0;
	*out = old_len == 0 ? QY_ADDED : unchanged ? QY_UNCHANGED : QY_REPLACED;
	free(old);
	return QUARRY_OK;
}

int qy_index_writer_add(qy_index_writer *w, const quarry_article *given, qy_add_result *out,
			unsigned *out_passages, qy_err *err)
{
	char hash[17];
	char *owned[4];
	xc_doc **docs = NULL;
	size_t n = 0;

	if (out_passages)
		*out_passages = 0;
	int rc = check_usable(w, err);
	if (rc == QUARRY_OK)
		rc = check_article(given, err);
	if (rc != QUARRY_OK)
		return rc;
	quarry_article a = normalise(given, owned);
	article_hash(&a, w->lexicon_hash, hash);
	rc = classify(w, &a, hash, out, err);
	if (rc == QUARRY_OK)
		qy_strset_add(&w->seen, a.id);
	if (rc == QUARRY_OK && *out != QY_UNCHANGED)
		rc = build_passages(w, &a, &docs, &n, err);
	/* Between commits: a searcher sees the old passages or the new ones. */
	if (rc == QUARRY_OK && *out != QY_UNCHANGED)
		rc = write_passages(w, &a, *out == QY_REPLACED, docs, n, hash, err);
	for (size_t i = 0; i < n; i++)
		xc_doc_free(docs[i]);
	free(docs);
	for (int i = 0; i < 4; i++)
		free(owned[i]);
	if (rc != QUARRY_OK || *out == QY_UNCHANGED)
		return rc;
	if (out_passages)
		*out_passages = (unsigned)n;
	if (++w->pending >= w->commit_every)
		return qy_index_writer_commit(w, err);
	return QUARRY_OK;
}

typedef struct prune_ctx {
	qy_index_writer *w;
	qy_strset stale;     /* ids in the index but not seen in this run */
} prune_ctx;

static int collect_stale(const char *key, size_t len, void *payload)
{
	prune_ctx *p = payload;
	size_t plen = strlen(QY_META_ARTICLE);
	char *id = qy_strndup(key + plen, len - plen);
	if (!qy_strset_contains(&p->w->seen, id))
		qy_strset_add(&p->stale, id);
	free(id);
	return 0;
}

static int delete_article(qy_index_writer *w, const char *id, qy_err *err)
{
	xc_error xe;
	qy_buf_clear(&w->key);
	qy_buf_printf(&w->key, "%s%s", QY_PREFIX_ARTICLE, id);
	if (xc_wdb_delete_documents_by_term(w->db, w->key.data, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, id);
	qy_buf_clear(&w->key);
	qy_buf_printf(&w->key, "%s%s", QY_META_ARTICLE, id);
	if (xc_wdb_set_metadata(w->db, w->key.data, "", 0, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, id);
	return QUARRY_OK;
}

int qy_index_writer_prune_unseen(qy_index_writer *w, uint64_t *out_pruned, qy_err *err)
{
	xc_error xe;
	prune_ctx p = { w, QY_STRSET_INIT };
	int rc = check_usable(w, err);

	if (xc_db_metadata_keys(xc_wdb_as_db(w->db), QY_META_ARTICLE, collect_stale, &p, &xe) != XC_OK)
		rc = qy_err_from_xc(err, &xe, "listing articles");
	*out_pruned = 0;
	for (size_t i = 0; rc == QUARRY_OK && i < p.stale.cap; i++) {
		if (!p.stale.slots[i])
			continue;
		rc = delete_article(w, p.stale.slots[i], err);
		if (rc == QUARRY_OK)
			(*out_pruned)++;
	}
	qy_strset_free(&p.stale);
	if (rc == QUARRY_OK && *out_pruned)
		rc = qy_index_writer_commit(w, err);
	return rc;
}

int qy_index_writer_commit(qy_index_writer *w, qy_err *err)
{
	xc_error xe;
	int rc = check_usable(w, err);
	if (rc != QUARRY_OK)
		return rc;
	if (xc_wdb_commit(w->db, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, "commit");
	w->pending = 0;
	return QUARRY_OK;
}

static void writer_free(qy_index_writer *w)
{
	free(w->path);
	qy_doc_builder_free(w->builder);
	qy_strset_free(&w->seen);
	qy_spans_free(&w->spans);
	qy_buf_free(&w->key);
	free(w);
}

/* Xapian's close() and destructor commit pending changes; cancelling an
 * unflushed transaction is how they are thrown away instead. */
static void discard_pending(qy_index_writer *w)
{
	if (xc_wdb_begin_transaction(w->db, 0, NULL) == XC_OK)
		xc_wdb_cancel_transaction(w->db, NULL);
}

int qy_index_writer_close(qy_index_writer *w, qy_err *err)
{
	xc_error xe;
	if (!w)
		return QUARRY_OK;
	int rc = qy_index_writer_commit(w, err);
	if (rc != QUARRY_OK)
		discard_pending(w);
	if (xc_wdb_close(w->db, &xe) != XC_OK && rc == QUARRY_OK)
		rc = qy_err_from_xc(err, &xe, "close");
	xc_wdb_free(w->db);
	writer_free(w);
	return rc;
}

/* The compacted copy is written beside the index (same file system, so
 * the exchange is a rename), swapped in while this writer still holds the
 * lock on the old copy, which is deleted once the lock is released. */
int qy_index_writer_close_compacted(qy_index_writer *w, qy_err *err)
{
	xc_error xe;
	qy_buf tmp = QY_BUF_INIT;

	if (!w)
		return QUARRY_OK;
	int rc = qy_index_writer_commit(w, err);
	qy_buf_printf(&tmp, "%s.compact-%ld", w->path, (long)getpid());
	qy_dir_remove(tmp.data);
	if (rc == QUARRY_OK && xc_db_compact(xc_wdb_as_db(w->db), tmp.data, &xe) != XC_OK)
		rc = qy_err_from_xc(err, &xe, "compacting");
	if (rc == QUARRY_OK)
		rc = qy_dir_exchange(tmp.data, w->path, err);
	if (rc != QUARRY_OK)
		discard_pending(w);
	xc_wdb_close(w->db, NULL);
	xc_wdb_free(w->db);
	qy_dir_remove(tmp.data);   /* the old copy when swapped, else a partial one */
	qy_buf_free(&tmp);
	writer_free(w);
	return rc;
}

void qy_index_writer_abort(qy_index_writer *w)
{
	if (!w)
		return;
	discard_pending(w);
	xc_wdb_close(w->db, NULL);
	xc_wdb_free(w->db);
	writer_free(w);
}
