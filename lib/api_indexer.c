/* api_indexer.c - quarry_indexer_*: readers feeding the index writer. */
#include "quarry.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../indexer/index_writer.h"
#include "../indexer/reader.h"
#include "../util/buf.h"
#include "../util/hash.h"
#include "api_error.h"
#include "data_dir.h"

struct quarry_indexer {
	qy_gazetteer *gaz;          /* entity lexicons, for tagging */
	qy_sentence_encoder *encoder;   /* when the index has sentence vectors */
	qy_index_writer *writer;
	quarry_index_options opts;
	quarry_index_stats stats;
};

/* Sentence vectors when asked for, or when an earlier run put them in the
 * index (an index with some passages lacking them would rank unevenly). */
static int use_encoder(quarry_indexer *ix, qy_err *e)
{
	int has = 0;
	int rc = qy_index_writer_has_vectors(ix->writer, &has, e);

	if (rc != QUARRY_OK || (!has && !ix->opts.sentence_vectors))
		return rc;
	rc = qy_sentence_encoder_load(&ix->encoder, qy_data_dir(), e);
	if (rc == QUARRY_OK)
		rc = qy_index_writer_set_encoder(ix->writer, ix->encoder, e);
	return rc;
}

int quarry_indexer_open(quarry_indexer **out, const char *path,
			const quarry_index_options *opts, quarry_error **err)
{
	qy_err e = QY_ERR_INIT;
	quarry_index_options defaults = QUARRY_INDEX_OPTIONS_INIT;

	if (!out || !path)
		return qy_api_error_msg(err, QUARRY_EINVAL, "quarry_indexer_open: NULL argument");
	if (opts && (opts->version < 1 || opts->version > QUARRY_INDEX_OPTIONS_VERSION))
		return qy_api_error_msg(err, QUARRY_EINVAL, "quarry_index_options: unknown version");
	if (opts && opts->shard_count && opts->shard_index >= opts->shard_count)
		return qy_api_error_msg(err, QUARRY_EINVAL,
					"quarry_index_options: shard_index is not below shard_count");
	quarry_indexer *ix = qy_calloc(1, sizeof *ix);
	ix->opts = defaults;
	if (opts)   /* a version 1 caller's struct ends before sentence_vectors */
		memcpy(&ix->opts, opts, opts->version == 1
			? offsetof(quarry_index_options, sentence_vectors) : sizeof *opts);
	int rc = qy_gazetteer_load(&ix->gaz, qy_data_dir(), &e);
	if (rc == QUARRY_OK)
		rc = qy_index_writer_open(&ix->writer, path, ix->gaz, ix->opts.wait_for_lock,
					  ix->opts.commit_every, &e);
	if (rc == QUARRY_OK)
		rc = use_encoder(ix, &e);
	if (rc != QUARRY_OK) {
		qy_index_writer_abort(ix->writer);
		qy_sentence_encoder_free(ix->encoder);
		qy_gazetteer_free(ix->gaz);
		free(ix);
		return qy_api_error(err, &e);
	}
	*out = ix;
	return QUARRY_OK;
}

static void warn(quarry_indexer *ix, const qy_err *e)
{
	ix->stats.records_rejected++;
	if (ix->opts.on_warning) {
		quarry_error w = { e->status, "" };
		memcpy(w.message, e->msg, sizeof w.message);
		ix->opts.on_warning(&w, ix->opts.payload);
	}
}

static void count(quarry_indexer *ix, qy_add_result what, unsigned passages)
{
	ix->stats.passages += passages;
	if (what == QY_ADDED)
		ix->stats.articles_added++;
	else if (what == QY_REPLACED)
		ix->stats.articles_replaced++;
	else
		ix->stats.articles_unchanged++;
}

/* Adds one article read from path; a bad article is a warning naming the
 * input it came from, anything else is fatal. */
static int add_one(quarry_indexer *ix, const char *path, const quarry_article *a, qy_err *e)
{
	qy_add_result what;
	unsigned passages = 0;
	int rc = qy_index_writer_add(ix->writer, a, &what, &passages, e);
	if (rc == QUARRY_EBADINPUT) {
		qy_err_prefix(e, "%s", path);
		warn(ix, e);
		return QUARRY_OK;
	}
	if (rc != QUARRY_OK)
		return rc;
	count(ix, what, passages);
	return QUARRY_OK;
}

/* The shard of an article depends on its id alone, so it never moves
 * between runs; an article without an id goes on to be rejected. */
static int in_shard(const quarry_indexer *ix, const char *id)
{
	if (ix->opts.shard_count == 0 || !id)
		return 1;
	uint64_t h = qy_hash_update(qy_hash_init(), id, strlen(id));
	return h % ix->opts.shard_count == ix->opts.shard_index;
}

static uint64_t articles_seen(const quarry_indexer *ix)
{
	return ix->stats.articles_added + ix->stats.articles_replaced + ix->stats.articles_unchanged;
}

int quarry_indexer_add_article(quarry_indexer *ix, const quarry_article *article,
			       quarry_error **err)
{
	qy_err e = QY_ERR_INIT;
	if (!ix || !article)
		return qy_api_error_msg(err, QUARRY_EINVAL, "quarry_indexer_add_article: NULL argument");
	if (!in_shard(ix, article->id))
		return QUARRY_OK;
	qy_add_result what;
	unsigned passages = 0;
	int rc = qy_index_writer_add(ix->writer, article, &what, &passages, &e);
	if (rc != QUARRY_OK)
		return qy_api_error(err, &e);
	count(ix, what, passages);
	return QUARRY_OK;
}

int quarry_indexer_add_path(quarry_indexer *ix, const char *path, quarry_error **err)
{
	qy_err e = QY_ERR_INIT;
	qy_reader *r;
	qy_article a;

	if (!ix || !path)
		return qy_api_error_msg(err, QUARRY_EINVAL, "quarry_indexer_add_path: NULL argument");
	int rc = qy_reader_open(&r, path, &e);
	if (rc != QUARRY_OK)
		return qy_api_error(err, &e);
	uint64_t bytes_before = ix->stats.bytes_read;
	for (;;) {
		memset(&a, 0, sizeof a);
		rc = qy_reader_next(r, &a, &e);
		if (rc == QUARRY_DONE) {
			rc = QUARRY_OK;
			break;
		}
		if (rc < 0) {          /* one bad record or file: report, go on */
			warn(ix, &e);
			continue;
		}
		quarry_article view = { a.id, a.title, a.date, a.source, a.url, a.body, a.body_len };
		rc = in_shard(ix, a.id) ? add_one(ix, path, &view, &e) : QUARRY_OK;
		qy_article_free(&a);
		if (rc != QUARRY_OK)
			break;
		ix->stats.bytes_read = bytes_before + qy_reader_bytes(r);
		if (ix->opts.on_progress)
			ix->opts.on_progress(articles_seen(ix), ix->stats.bytes_read, ix->opts.payload);
	}
	ix->stats.bytes_read = bytes_before + qy_reader_bytes(r);
	qy_reader_free(r);
	return rc == QUARRY_OK ? QUARRY_OK : qy_api_error(err, &e);
}

int quarry_indexer_prune_unseen(quarry_indexer *ix, quarry_error **err)
{
	qy_err e = QY_ERR_INIT;
	if (!ix)
		return qy_api_error_msg(err, QUARRY_EINVAL, "quarry_indexer_prune_unseen: NULL indexer");
	uint64_t pruned = 0;
	int rc = qy_index_writer_prune_unseen(ix->writer, &pruned, &e);
	ix->stats.articles_pruned += pruned;
	return rc == QUARRY_OK ? QUARRY_OK : qy_api_error(err, &e);
}

int quarry_indexer_commit(quarry_indexer *ix, quarry_error **err)
{
	qy_err e = QY_ERR_INIT;
	if (!ix)
		return qy_api_error_msg(err, QUARRY_EINVAL, "quarry_indexer_commit: NULL indexer");
	int rc = qy_index_writer_commit(ix->writer, &e);
	return rc == QUARRY_OK ? QUARRY_OK : qy_api_error(err, &e);
}

const quarry_index_stats *quarry_indexer_stats(const quarry_indexer *ix)
{
	return ix ? &ix->stats : NULL;
}

int quarry_indexer_close(quarry_indexer *ix, quarry_error **err)
{
	qy_err e = QY_ERR_INIT;
	if (!ix)
		return QUARRY_OK;
	int rc = ix->opts.compact ? qy_index_writer_close_compacted(ix->writer, &e)
				  : qy_index_writer_close(ix->writer, &e);
	qy_sentence_encoder_free(ix->encoder);
	qy_gazetteer_free(ix->gaz);
	free(ix);
	return rc == QUARRY_OK ? QUARRY_OK : qy_api_error(err, &e);
}

void quarry_indexer_abort(quarry_indexer *ix)
{
	if (!ix)
		return;
	qy_index_writer_abort(ix->writer);
	qy_sentence_encoder_free(ix->encoder);
	qy_gazetteer_free(ix->gaz);
	free(ix);
}
