/*
 * quarry.h - the one public C API of libquarry: build a passage index of
 * news articles and search it.
 *
 * Conventions (after libgit2):
 *  - every function returns a quarry_status: 0 on success, a negative code
 *    on failure; QUARRY_DONE (1) ends an iteration;
 *  - output parameters come first and are called `out`;
 *  - on failure a function that takes `quarry_error **err` stores a newly
 *    allocated error there (when err is not NULL); the caller frees it with
 *    quarry_error_free().  Errors are one line naming the file, line or term
 *    at fault.
 *  - handles are opaque; option structs carry a version and are set up with
 *    their *_INIT macro so fields can be added without breaking callers.
 *
 * Ownership: strings returned by accessors belong to the object they came
 * from and live as long as it does.
 *
 * Thread-safety: a handle (indexer, searcher, results) must be used by one
 * thread at a time; distinct handles may be used from distinct threads
 * concurrently.  Any number of searchers (in any number of processes) may
 * read an index while one indexer writes it: they see the last commit.
 */
#ifndef QUARRY_H
#define QUARRY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define QUARRY_VERSION "0.1.0"

typedef enum quarry_status {
	QUARRY_OK = 0,
	QUARRY_DONE = 1,          /* iteration finished; not an error */
	QUARRY_ERROR = -1,        /* unclassified failure */
	QUARRY_ENOMEM = -2,       /* out of memory */
	QUARRY_EIO = -3,          /* a file or directory can't be read/written */
	QUARRY_EINVAL = -4,       /* bad argument or bad query */
	QUARRY_EBADINPUT = -5,    /* one input record is malformed; skipped */
	QUARRY_ELOCKED = -6,      /* another indexer holds the index lock */
	QUARRY_ENOTFOUND = -7,    /* no index (or file) at the path given */
	QUARRY_EXAPIAN = -8,      /* other failure inside Xapian */
	QUARRY_ECORRUPT = -9,     /* index damaged or of an unknown format */
	QUARRY_EMODIFIED = -10,   /* index changed under a reader: reopen, retry */
	QUARRY_ETOOBIG = -11,     /* input over a documented size limit */
	QUARRY_ENOTERMS = -12,    /* a query with nothing searchable in it */
} quarry_status;

/* ---- errors -------------------------------------------------------------- */

typedef struct quarry_error quarry_error;

int quarry_error_status(const quarry_error *err);
const char *quarry_error_message(const quarry_error *err);
void quarry_error_free(quarry_error *err);

/* ---- index location ------------------------------------------------------ */

/* The index used when none is named: $QUARRY_INDEX, else
 * $XDG_DATA_HOME/quarry/index, else $HOME/.local/share/quarry/index.
 * Writes it into buf; QUARRY_EINVAL when it does not fit or no HOME is set. */
int quarry_default_index_path(char *buf, size_t size);

/* ---- articles ------------------------------------------------------------ */

/* One article as the indexer takes it.  All strings are UTF-8; only id and
 * body are required.  date is "YYYY-MM-DD" or NULL. */
typedef struct quarry_article {
	const char *id;
	const char *title;
	const char *date;
	const char *source;
	const char *url;
	const char *body;
	size_t body_len;
} quarry_article;

/* ---- indexing ------------------------------------------------------------ */

typedef struct quarry_indexer quarry_indexer;

/* Called for each record skipped or file that could not be read, with a
 * one-line message naming the file and line; indexing goes on. */
typedef void (*quarry_warning_cb)(const quarry_error *warning, void *payload);

/* Called after each article is indexed or skipped (for progress displays). */
typedef void (*quarry_progress_cb)(uint64_t articles_seen, uint64_t bytes_read,
				   void *payload);

typedef struct quarry_index_options {
	unsigned version;
	int wait_for_lock;          /* 1: wait for another indexer to finish */
	unsigned commit_every;      /* articles per commit; 0 = default */
	quarry_warning_cb on_warning;
	quarry_progress_cb on_progress;
	void *payload;
	/* Sharding (docs/sharding.md): when shard_count > 0, only articles
	 * whose FNV-1a hash of the id, mod shard_count, is shard_index are
	 * indexed; the others are skipped, so quarry_indexer_prune_unseen
	 * deletes any the index holds.  shard_count 0 = no sharding. */
	unsigned shard_index, shard_count;
	/* 1: quarry_indexer_close writes a compacted copy of the index and
	 * swaps it in atomically (about a fifth smaller; docs/index-format.md). */
	int compact;
	/* 1: every passage also gets sentence vectors (data/sentence_encoder.bin),
	 * which queries of four words or more (questions, topic statements) are
	 * reranked by (docs/ranking.md); the index remembers it, so later runs
	 * go on adding them.  Indexing costs about 0.2 ms of CPU per word piece,
	 * shared among the cores.  (Version 2.) */
	int sentence_vectors;
} quarry_index_options;

#define QUARRY_INDEX_OPTIONS_VERSION 2
#define QUARRY_INDEX_OPTIONS_INIT { QUARRY_INDEX_OPTIONS_VERSION, 0, 0, NULL, NULL, NULL, 0, 0, 0, 0 }

typedef struct quarry_index_stats {
	uint64_t articles_added;    /* new articles */
	uint64_t articles_replaced; /* changed articles re-indexed */
	uint64_t articles_unchanged;/* skipped: same content already indexed */
	uint64_t articles_pruned;   /* deleted by quarry_indexer_prune_unseen */
	uint64_t records_rejected;  /* bad records and unreadable files */
	uint64_t passages;          /* passages written */
	uint64_t bytes_read;        /* input bytes (after decompression) */
} quarry_index_stats;

/* Opens (creating if needed) the index in directory `path` for writing. */
int quarry_indexer_open(quarry_indexer **out, const char *path,
			const quarry_index_options *opts, quarry_error **err);

/* Indexes a file, a directory (recursively) or "-" (standard input).
 * Plain text, JSON Lines and gzip of either are recognised.  Bad records are
 * reported through on_warning and skipped; the call fails only when nothing
 * at `path` could be read at all. */
int quarry_indexer_add_path(quarry_indexer *ix, const char *path, quarry_error **err);

/* Indexes one article; replaces any article with the same id. */
int quarry_indexer_add_article(quarry_indexer *ix, const quarry_article *article,
			       quarry_error **err);

/* Deletes every article not added or seen unchanged since the indexer opened. */
int quarry_indexer_prune_unseen(quarry_indexer *ix, quarry_error **err);

/* Makes everything added so far visible to searchers, atomically. */
int quarry_indexer_commit(quarry_indexer *ix, quarry_error **err);

const quarry_index_stats *quarry_indexer_stats(const quarry_indexer *ix);

/* Commits and releases the index.  NULL is accepted. */
int quarry_indexer_close(quarry_indexer *ix, quarry_error **err);

/* Abandons uncommitted changes and releases the index.  NULL is accepted. */
void quarry_indexer_abort(quarry_indexer *ix);

/* ---- searching ----------------------------------------------------------- */

typedef struct quarry_searcher quarry_searcher;
typedef struct quarry_results quarry_results;

typedef struct quarry_search_options {
	unsigned version;
	unsigned limit;           /* passages to return; 0 = default (10) */
	unsigned offset;          /* passages to skip */
	unsigned per_article;     /* most passages of one article; 0 = no limit */
	const char *since;        /* "YYYY-MM-DD" or NULL */
	const char *until;        /* "YYYY-MM-DD" or NULL, inclusive */
	const char *as_of;        /* "YYYY-MM-DD": answer as of that day; passages
				     dated later are left out unless until is set */
	int answer;               /* 1: build an answer for questions such as
				     "who controls Lysychansk" (default) */
	unsigned facets;          /* count the entities of this many top passages
				     (quarry_results_facet); 0 = none (default) */
} quarry_search_options;

#define QUARRY_SEARCH_OPTIONS_VERSION 1
#define QUARRY_SEARCH_OPTIONS_INIT { QUARRY_SEARCH_OPTIONS_VERSION, 10, 0, 2, NULL, NULL, NULL, 1, 0 }

/* Opens an index directory, or a Xapian stub file listing shards. */
int quarry_searcher_open(quarry_searcher **out, const char *path, quarry_error **err);
void quarry_searcher_close(quarry_searcher *s);

/* Runs a query in quarry's query language (docs/query-language.md). */
int quarry_search(quarry_results **out, quarry_searcher *s, const char *query,
		  const quarry_search_options *opts, quarry_error **err);

/* One ranked passage.  Strings belong to the results object. */
typedef struct quarry_passage {
	unsigned rank;            /* 1-based, counting the offset */
	double score;             /* BM25 weight */
	const char *article;      /* article id */
	unsigned passage;         /* passage number in the article, from 0 */
	const char *title;
	const char *date;         /* "YYYY-MM-DD" or NULL */
	int date_inferred;        /* 1: the article had no date; this one is the
				     latest date its text mentions */
	const char *source;       /* NULL when unknown */
	const char *url;          /* NULL when unknown */
	const char *text;         /* the passage text */
} quarry_passage;

/* One statement about the place a question asks about. */
typedef struct quarry_claim {
	const char *actor;        /* party id: "russia", "wagner", "lpr", "ukraine"... */
	const char *side;         /* "russia", "ukraine" or "other" */
	const char *stance;       /* "claims", "denies", "confirms" or "reports" */
	const char *date;         /* "YYYY-MM-DD" or NULL */
	int date_inferred;        /* the date was read from the article's text */
	const char *article;
	unsigned passage;
	const char *quote;        /* the sentence */
	const char *attribution;  /* who said it, as written; NULL when unsaid */
} quarry_claim;

/* The answer to a question about a place: who claims what, latest first. */
typedef struct quarry_answer {
	const char *question;
	const char *family;       /* "control", "fall", "attack", "fighting", "none" */
	const char *entity_id;    /* canonical place id */
	const char *entity_name;
	const char *controller;   /* "Russia", "Ukraine", "contested" or NULL */
	const char *as_of;        /* NULL when not asked as of a date */
	size_t n_claims;
	const quarry_claim *claims;
} quarry_answer;

/* The answer block, or NULL when the query was no question about a known
 * place (or opts->answer was 0).  Owned by r. */
const quarry_answer *quarry_results_answer(const quarry_results *r);

/* An entity frequent among the matching passages (opts->facets). */
typedef struct quarry_facet {
	const char *type;         /* "place", "actor", "person", "org" or "name" */
	const char *id;           /* canonical id (for "name": its folded key) */
	const char *name;         /* display name */
	unsigned count;           /* passages mentioning it, among those counted */
} quarry_facet;

/* Facets grouped by type in the order above, most frequent first. */
size_t quarry_results_facet_count(const quarry_results *r);
const quarry_facet *quarry_results_facet(const quarry_results *r, size_t i);

size_t quarry_results_count(const quarry_results *r);
/* Estimated number of matching passages in the whole index (Xapian's
 * estimate; with per_article N, up to N + 1 passages of one article are
 * counted, as the match keeps one more for the rerank to choose among). */
uint64_t quarry_results_estimated(const quarry_results *r);
const quarry_passage *quarry_results_get(const quarry_results *r, size_t i);

/* An entity that passage i mentions. */
typedef struct quarry_entity {
	const char *type;         /* "place", "actor", "person", "org" or "name" */
	const char *id;           /* canonical id (for "name": its folded key) */
	const char *name;         /* canonical name (for "name": as written) */
} quarry_entity;

/* The entities of passage i, in order of first mention: *out points at
 * them (owned by r); returns their count. */
size_t quarry_results_entities(const quarry_results *r, size_t i, const quarry_entity **out);

/* Byte ranges of `text` of passage i that matched the query: fills up to
 * `max` pairs (start, end) and returns how many there are in all. */
size_t quarry_results_highlights(const quarry_results *r, size_t i,
				 size_t *starts, size_t *ends, size_t max);

void quarry_results_free(quarry_results *r);

/* ---- entity tagging -------------------------------------------------------- */

/* The tagger the indexer uses: places under all their spellings and other
 * names, armed actors, people, organisations, and unknown capitalised
 * names, each with its canonical id (docs/entities.md). */
typedef struct quarry_tagger quarry_tagger;

typedef struct quarry_mention {
	size_t start, end;        /* byte range of text */
	const char *type;         /* "place", "actor", "person", "org" or "name" */
	const char *id;           /* canonical id; NULL for an unknown name */
	const char *name;         /* canonical English name; NULL for an unknown name */
	const char *side;         /* "russia", "ukraine", "other"; NULL for places and names */
} quarry_mention;

/* Loads the gazetteer and lexicons from data_dir, or from the default
 * place when NULL ($QUARRY_DATA, else the installed share/quarry). */
int quarry_tagger_open(quarry_tagger **out, const char *data_dir, quarry_error **err);

/* Tags text[0..len).  *out points at *count mentions, in text order; they
 * stay valid until the next quarry_tag call on t or quarry_tagger_close. */
int quarry_tag(quarry_tagger *t, const char *text, size_t len, const quarry_mention **out,
	       size_t *count, quarry_error **err);

void quarry_tagger_close(quarry_tagger *t);

#ifdef __cplusplus
}
#endif
#endif
