/*
 * index_writer.h - writes articles into the passage index, incrementally.
 *
 * Each article's content hash is kept in the index metadata ("a:<id>"), so
 * re-indexing an unchanged article costs one metadata read; a changed one
 * has all its passage documents built first (a bad article changes
 * nothing), then its old passages deleted (by their XA<id> term) and the
 * new ones added between two commits, so a searcher never sees half an
 * article.  Commits come every `commit_every` changed articles and at
 * close; Xapian makes each one atomic.  After a failed write the writer
 * refuses further work, and abort (or a failed close) discards everything
 * since the last commit.
 */
#ifndef QY_INDEX_WRITER_H
#define QY_INDEX_WRITER_H

#include "quarry.h"
#include "../analysis/gazetteer.h"
#include "../analysis/sentence_encoder.h"
#include "../util/error.h"

#define QY_COMMIT_EVERY_DEFAULT 2000
#define QY_ARTICLE_ID_MAX 200   /* bytes; leaves room in Xapian's 245 for prefixes */

typedef struct qy_index_writer qy_index_writer;

typedef enum qy_add_result {
	QY_ADDED, QY_REPLACED, QY_UNCHANGED
} qy_add_result;

/* gaz tags entities (not owned; must outlive the writer); NULL: none. */
int qy_index_writer_open(qy_index_writer **out, const char *path, const qy_gazetteer *gaz,
			 int wait_for_lock, unsigned commit_every, qy_err *err);
/* *out = 1 when the index holds sentence vectors (an earlier run was
 * given an encoder); a later run should be given one too. */
int qy_index_writer_has_vectors(qy_index_writer *w, int *out, qy_err *err);
/* Every passage written from now on carries sentence vectors from enc (not
 * owned; must outlive the writer), and the index records that it does;
 * articles indexed without vectors count as changed. */
int qy_index_writer_set_encoder(qy_index_writer *w, const qy_sentence_encoder *enc, qy_err *err);
/* Adds or replaces one article.  QUARRY_EBADINPUT for an article that
 * cannot be indexed (no id, id too long, bad date); the index is unchanged. */
int qy_index_writer_add(qy_index_writer *w, const quarry_article *a, qy_add_result *out,
			unsigned *out_passages, qy_err *err);
/* Deletes the articles neither added nor found unchanged since open. */
int qy_index_writer_prune_unseen(qy_index_writer *w, uint64_t *out_pruned, qy_err *err);
int qy_index_writer_commit(qy_index_writer *w, qy_err *err);
/* Commits, then releases the lock.  NULL is accepted. */
int qy_index_writer_close(qy_index_writer *w, qy_err *err);
/* Commits, writes a compacted copy of the index beside it, swaps the two
 * directories in one atomic rename (a searcher opens the old index or the
 * new one, and searchers already open keep reading the old files), then
 * releases the lock and deletes the old copy.  The writer is closed either
 * way; on failure the index stays as committed. */
int qy_index_writer_close_compacted(qy_index_writer *w, qy_err *err);
/* Discards uncommitted changes and releases the lock.  NULL is accepted. */
void qy_index_writer_abort(qy_index_writer *w);

#endif
