/*
 * xapian_c.h - a thin, general C binding over the libxapian 1.4 C++ API.
 *
 * This header is plain C; its implementation (xapian_c.cc) is the only C++
 * in quarry.  Every entry point catches every exception: a Xapian::Error
 * becomes an xc_status from the table in xapian_c.cc (one code per Xapian
 * exception class), std::bad_alloc becomes XC_NOMEM, anything else
 * XC_UNKNOWN, and the message is kept in the caller's xc_error.  Nothing
 * quarry-specific lives here.
 *
 * Ownership: every object returned through an `out` pointer is owned by the
 * caller and released with its *_free function (NULL is accepted).  Queries
 * are values: combining queries copies them, so subqueries may be freed
 * right after.  Pointers into a document's data stay valid until that
 * document is freed.
 *
 * Thread-safety: as Xapian's; an object must be used by one thread at a time.
 */
#ifndef XAPIAN_C_H
#define XAPIAN_C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum xc_status {
	XC_OK = 0,
	XC_UNKNOWN = -1,               /* an exception that is not a Xapian::Error */
	XC_NOMEM = -2,                 /* std::bad_alloc */
	XC_INVALID_ARGUMENT = -3,      /* InvalidArgumentError (or a check in the binding) */
	XC_INVALID_OPERATION = -4,     /* InvalidOperationError */
	XC_UNIMPLEMENTED = -5,         /* UnimplementedError */
	XC_DATABASE_LOCK = -6,         /* DatabaseLockError: another writer */
	XC_DATABASE_OPENING = -7,      /* DatabaseOpeningError (not DatabaseNotFoundError/VersionError) */
	XC_DATABASE_NOT_FOUND = -8,    /* DatabaseNotFoundError */
	XC_DATABASE_VERSION = -9,      /* DatabaseVersionError */
	XC_DATABASE_CORRUPT = -10,     /* DatabaseCorruptError */
	XC_DATABASE_MODIFIED = -11,    /* DatabaseModifiedError: reopen and retry */
	XC_DATABASE_CLOSED = -12,      /* DatabaseClosedError */
	XC_DATABASE = -13,             /* DatabaseError, other subclasses */
	XC_DOC_NOT_FOUND = -14,        /* DocNotFoundError */
	XC_RANGE = -15,                /* RangeError */
	XC_QUERY_PARSER = -16,         /* QueryParserError */
	XC_NETWORK_TIMEOUT = -17,      /* NetworkTimeoutError */
	XC_NETWORK = -18,              /* NetworkError, other subclasses */
	XC_FEATURE_UNAVAILABLE = -19,  /* FeatureUnavailableError */
	XC_SERIALISATION = -20,        /* SerialisationError */
	XC_ASSERTION = -21,            /* AssertionError */
	XC_INTERNAL = -22,             /* InternalError */
	XC_RUNTIME = -23,              /* other RuntimeError */
	XC_LOGIC = -24,                /* other LogicError */
	XC_TERM_TOO_LONG = -25,        /* a term over XC_MAX_TERM_BYTES, refused by the binding */
} xc_status;

/* Longest term Xapian's glass backend stores. */
#define XC_MAX_TERM_BYTES 245

typedef struct xc_error {
	int code;                 /* an xc_status */
	char type[48];            /* Xapian's class name, e.g. "DatabaseLockError" */
	char message[512];        /* Xapian's message (get_msg + context) */
} xc_error;

/* Human-readable name of a status ("database locked", ...). */
const char *xc_status_string(int code);

typedef struct xc_db xc_db;            /* Xapian::Database (read-only, may be a stub/multi) */
typedef struct xc_wdb xc_wdb;          /* Xapian::WritableDatabase */
typedef struct xc_doc xc_doc;          /* Xapian::Document */
typedef struct xc_query xc_query;      /* Xapian::Query */
typedef struct xc_enquire xc_enquire;  /* Xapian::Enquire */
typedef struct xc_mset xc_mset;        /* Xapian::MSet */
typedef struct xc_eset xc_eset;        /* Xapian::ESet */

typedef uint32_t xc_docid;
typedef uint32_t xc_slot;

/* ---- writable databases ---- */

enum {
	XC_DB_CREATE_OR_OPEN = 1,      /* create if absent, else open */
	XC_DB_OPEN = 2,                /* must already exist */
	XC_DB_CREATE_OR_OVERWRITE = 3, /* replace any existing database */
	XC_DB_RETRY_LOCK = 0x100       /* OR-ed in: wait for the write lock instead of failing */
};

int xc_wdb_open(xc_wdb **out, const char *path, int flags, xc_error *err);
void xc_wdb_free(xc_wdb *db);                         /* closes (commits pending changes) */
int xc_wdb_close(xc_wdb *db, xc_error *err);          /* explicit close; db still needs free */
int xc_wdb_commit(xc_wdb *db, xc_error *err);
int xc_wdb_begin_transaction(xc_wdb *db, int flushed, xc_error *err);
int xc_wdb_commit_transaction(xc_wdb *db, xc_error *err);
int xc_wdb_cancel_transaction(xc_wdb *db, xc_error *err);
int xc_wdb_add_document(xc_wdb *db, const xc_doc *doc, xc_docid *out_docid, xc_error *err);
/* Replaces the documents indexed by unique_term with doc (adds when none). */
int xc_wdb_replace_document_by_term(xc_wdb *db, const char *unique_term, const xc_doc *doc,
				    xc_docid *out_docid, xc_error *err);
int xc_wdb_replace_document(xc_wdb *db, xc_docid did, const xc_doc *doc, xc_error *err);
int xc_wdb_delete_document(xc_wdb *db, xc_docid did, xc_error *err);
int xc_wdb_delete_documents_by_term(xc_wdb *db, const char *term, xc_error *err);
/* The value stored is binary-safe; set an empty value to delete the key. */
int xc_wdb_set_metadata(xc_wdb *db, const char *key, const char *value, size_t len, xc_error *err);
/* A read-only view of the same database (sees uncommitted changes of this writer). */
xc_db *xc_wdb_as_db(xc_wdb *db);

/* ---- read-only databases (also used through xc_wdb_as_db; never free those) ---- */

/* Opens a database directory or a stub file (shards, remote shards). */
int xc_db_open(xc_db **out, const char *path, xc_error *err);
/* Opens a remote shard served by xapian-tcpsrv. timeout_ms 0 = Xapian's default. */
int xc_db_open_remote_tcp(xc_db **out, const char *host, unsigned port, unsigned timeout_ms,
			  xc_error *err);
/* Adds the shards of `other` to db (a multi-database search). */
int xc_db_add_database(xc_db *db, const xc_db *other, xc_error *err);
void xc_db_free(xc_db *db);
/* Moves to the latest committed revision; *out_changed is 1 when it did. */
int xc_db_reopen(xc_db *db, int *out_changed, xc_error *err);
int xc_db_doccount(const xc_db *db, uint32_t *out, xc_error *err);
int xc_db_lastdocid(const xc_db *db, xc_docid *out, xc_error *err);
int xc_db_avlength(const xc_db *db, double *out, xc_error *err);
int xc_db_termfreq(const xc_db *db, const char *term, uint32_t *out, xc_error *err);
int xc_db_collection_freq(const xc_db *db, const char *term, uint64_t *out, xc_error *err);
int xc_db_term_exists(const xc_db *db, const char *term, int *out, xc_error *err);
int xc_db_get_document(const xc_db *db, xc_docid did, xc_doc **out, xc_error *err);
/* *out is malloc'ed and NUL-terminated (also when empty); caller frees. */
int xc_db_get_metadata(const xc_db *db, const char *key, char **out, size_t *out_len,
		       xc_error *err);
/* Calls fn for each term starting with prefix, in sorted order, until fn
 * returns non-zero (which is then returned). */
typedef int (*xc_term_fn)(const char *term, size_t len, uint32_t termfreq, void *payload);
int xc_db_allterms(const xc_db *db, const char *prefix, xc_term_fn fn, void *payload,
		   xc_error *err);
/* Calls fn for each document indexed by term, in docid order. */
typedef int (*xc_posting_fn)(xc_docid did, void *payload);
int xc_db_postlist(const xc_db *db, const char *term, xc_posting_fn fn, void *payload,
		   xc_error *err);
/* Calls fn for each metadata key starting with prefix. */
typedef int (*xc_key_fn)(const char *key, size_t len, void *payload);
int xc_db_metadata_keys(const xc_db *db, const char *prefix, xc_key_fn fn, void *payload,
			xc_error *err);
/* Writes a compacted copy of db to outpath (Database::compact). */
int xc_db_compact(const xc_db *db, const char *outpath, xc_error *err);

/* ---- documents ---- */

int xc_doc_new(xc_doc **out, xc_error *err);
void xc_doc_free(xc_doc *doc);
/* Terms longer than XC_MAX_TERM_BYTES are refused with XC_TERM_TOO_LONG. */
int xc_doc_add_posting(xc_doc *doc, const char *term, size_t len, uint32_t pos,
		       uint32_t wdfinc, xc_error *err);
int xc_doc_add_term(xc_doc *doc, const char *term, size_t len, uint32_t wdfinc, xc_error *err);
/* A term with wdf 0: filters without affecting weights. */
int xc_doc_add_boolean_term(xc_doc *doc, const char *term, size_t len, xc_error *err);
int xc_doc_set_data(xc_doc *doc, const void *data, size_t len, xc_error *err);
/* *out points into doc and stays valid until doc is freed or changed. */
int xc_doc_get_data(xc_doc *doc, const char **out, size_t *out_len, xc_error *err);
int xc_doc_add_value(xc_doc *doc, xc_slot slot, const void *value, size_t len, xc_error *err);
/* *out is malloc'ed and NUL-terminated; caller frees. */
int xc_doc_get_value(const xc_doc *doc, xc_slot slot, char **out, size_t *out_len, xc_error *err);
int xc_doc_get_docid(const xc_doc *doc, xc_docid *out, xc_error *err);
/* Calls fn for each term of the document (with its wdf), in sorted order. */
typedef int (*xc_doc_term_fn)(const char *term, size_t len, uint32_t wdf, void *payload);
int xc_doc_terms(const xc_doc *doc, xc_doc_term_fn fn, void *payload, xc_error *err);
/* Calls fn for each position of term in the document, ascending. */
typedef int (*xc_position_fn)(uint32_t pos, void *payload);
int xc_doc_positions(const xc_db *db, xc_docid did, const char *term, xc_position_fn fn,
		     void *payload, xc_error *err);

/* ---- queries ---- */

typedef enum xc_query_op {
	XC_OP_AND, XC_OP_OR, XC_OP_AND_NOT, XC_OP_XOR, XC_OP_AND_MAYBE, XC_OP_FILTER,
	XC_OP_NEAR, XC_OP_PHRASE, XC_OP_ELITE_SET, XC_OP_SYNONYM, XC_OP_MAX
} xc_query_op;

int xc_query_term(xc_query **out, const char *term, size_t len, uint32_t wqf, uint32_t pos,
		  xc_error *err);
/* Combines n subqueries; window is used by NEAR/PHRASE (0 = number of
 * subqueries) and by ELITE_SET (the set size). */
int xc_query_combine(xc_query **out, xc_query_op op, const xc_query *const *subs, size_t n,
		     uint32_t window, xc_error *err);
/* Multiplies the weights of q by factor (OP_SCALE_WEIGHT); 0 makes q boolean. */
int xc_query_scale(xc_query **out, const xc_query *q, double factor, xc_error *err);
/* Documents whose value in slot lies in [lo, hi] (string order); either may be NULL. */
int xc_query_value_range(xc_query **out, xc_slot slot, const char *lo, const char *hi,
			 xc_error *err);
/* Every term starting with prefix, OR-ed (or SYNONYM when as_synonym). */
int xc_query_wildcard(xc_query **out, const char *prefix, int as_synonym, xc_error *err);
int xc_query_match_all(xc_query **out, xc_error *err);
int xc_query_match_nothing(xc_query **out, xc_error *err);
int xc_query_is_empty(const xc_query *q);
/* *out is malloc'ed; caller frees.  For tests and debugging. */
int xc_query_describe(const xc_query *q, char **out, xc_error *err);
void xc_query_free(xc_query *q);

/* ---- searching ---- */

int xc_enquire_new(xc_enquire **out, const xc_db *db, xc_error *err);
void xc_enquire_free(xc_enquire *enq);
int xc_enquire_set_query(xc_enquire *enq, const xc_query *q, xc_error *err);
int xc_enquire_set_bm25(xc_enquire *enq, double k1, double k2, double k3, double b,
			double min_normlen, xc_error *err);
/* At most collapse_max matches per distinct value in slot. */
int xc_enquire_set_collapse_key(xc_enquire *enq, xc_slot slot, uint32_t collapse_max,
				xc_error *err);
/* Sort by value in slot (then by relevance) instead of by relevance. */
int xc_enquire_set_sort_by_value(xc_enquire *enq, xc_slot slot, int reverse, xc_error *err);
/* Uses docid order for ties (ascending), which keeps results deterministic. */
int xc_enquire_set_docid_order_ascending(xc_enquire *enq, xc_error *err);
int xc_enquire_get_mset(xc_enquire *enq, uint32_t first, uint32_t maxitems,
			uint32_t checkatleast, xc_mset **out, xc_error *err);
/* Pseudo-relevance feedback: the `n` best expand terms given the documents
 * in rset (Xapian::ESet).  Terms starting with an ASCII capital letter
 * (prefixed terms) are skipped when skip_prefixed is set. */
int xc_enquire_get_eset(xc_enquire *enq, uint32_t n, const xc_docid *rset, size_t rset_len,
			int skip_prefixed, xc_eset **out, xc_error *err);

size_t xc_mset_size(const xc_mset *m);
uint32_t xc_mset_matches_estimated(const xc_mset *m);
xc_docid xc_mset_docid(const xc_mset *m, size_t i);
double xc_mset_weight(const xc_mset *m, size_t i);
uint32_t xc_mset_collapse_count(const xc_mset *m, size_t i);
/* The i-th match's value in the collapse key's slot (*out malloc'ed,
 * NUL-terminated; "" when no collapse key is set). */
int xc_mset_collapse_key(const xc_mset *m, size_t i, char **out, size_t *out_len, xc_error *err);
int xc_mset_get_document(const xc_mset *m, size_t i, xc_doc **out, xc_error *err);
void xc_mset_free(xc_mset *m);

size_t xc_eset_size(const xc_eset *e);
const char *xc_eset_term(const xc_eset *e, size_t i);   /* valid until e is freed */
double xc_eset_weight(const xc_eset *e, size_t i);
void xc_eset_free(xc_eset *e);

#ifdef __cplusplus
}
#endif
#endif
