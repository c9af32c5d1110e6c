/* xapian_c.cc - the C binding over libxapian declared in xapian_c.h; the only C++ in quarry. */
/*
 * Error convention: every extern "C" entry point runs its body inside
 * XC_TRY ... XC_CATCH(err), so no exception crosses into C.  A failing call
 * returns a negative xc_status and, when err is non-NULL, fills err->code,
 * err->type (Xapian's class name) and err->message (get_msg, then the
 * context and the system error string when Xapian has them).  A successful
 * call returns XC_OK and leaves err untouched, so one xc_error can collect
 * the first failure of a sequence of calls.
 *
 * Checks made by the binding itself (NULL pointers, empty or over-long
 * terms, bad flags or operators) report type "InvalidArgumentError", the
 * class Xapian would have thrown, with code XC_INVALID_ARGUMENT or
 * XC_TERM_TOO_LONG.  Out pointers are set to NULL (or 0) on entry, so they
 * hold nothing to free after a failure.
 *
 * xc_wdb_as_db returns a pointer to a Xapian::Database copy of the writer
 * kept inside the xc_wdb: it shares the writer's internals (so it sees
 * uncommitted changes), lives as long as the xc_wdb and must not be freed.
 */
#include "xapian_c.h"

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

struct xc_db {
	Xapian::Database db;
};

struct xc_wdb {
	Xapian::WritableDatabase wdb;
	xc_db view;		/* handed out by xc_wdb_as_db; same internals as wdb */
};

struct xc_doc {
	Xapian::Document doc;
	std::string data;	/* keeps the bytes xc_doc_get_data points to alive */
};

struct xc_query {
	Xapian::Query q;
};

struct xc_enquire {
	Xapian::Enquire enq;
};

struct xc_mset {
	Xapian::MSet m;
};

struct xc_eset {
	std::vector<std::string> terms;
	std::vector<double> weights;
};

namespace {

struct status_entry {
	const char *type;
	xc_status code;
};

/* One row per Xapian 1.4 exception class (see Xapian's exception_data.pm). */
const status_entry status_table[] = {
	{ "AssertionError", XC_ASSERTION },
	{ "InvalidArgumentError", XC_INVALID_ARGUMENT },
	{ "InvalidOperationError", XC_INVALID_OPERATION },
	{ "UnimplementedError", XC_UNIMPLEMENTED },
	{ "DatabaseError", XC_DATABASE },
	{ "DatabaseCorruptError", XC_DATABASE_CORRUPT },
	{ "DatabaseCreateError", XC_DATABASE },
	{ "DatabaseLockError", XC_DATABASE_LOCK },
	{ "DatabaseModifiedError", XC_DATABASE_MODIFIED },
	{ "DatabaseOpeningError", XC_DATABASE_OPENING },
	{ "DatabaseVersionError", XC_DATABASE_VERSION },
	{ "DatabaseNotFoundError", XC_DATABASE_NOT_FOUND },
	{ "DatabaseClosedError", XC_DATABASE_CLOSED },
	{ "DocNotFoundError", XC_DOC_NOT_FOUND },
	{ "FeatureUnavailableError", XC_FEATURE_UNAVAILABLE },
	{ "InternalError", XC_INTERNAL },
	{ "NetworkError", XC_NETWORK },
	{ "NetworkTimeoutError", XC_NETWORK_TIMEOUT },
	{ "QueryParserError", XC_QUERY_PARSER },
	{ "SerialisationError", XC_SERIALISATION },
	{ "RangeError", XC_RANGE },
	{ "WildcardError", XC_RUNTIME },
};

/* Must be called from a catch block handling e. */
xc_status status_of(const Xapian::Error &e)
{
	const char *type = e.get_type();
	for (const status_entry &row : status_table)
		if (std::strcmp(row.type, type) == 0)
			return row.code;
	/* A class added by a later Xapian: fall back on its family.
	 * Xapian::Error has no virtual functions, so dynamic_cast cannot
	 * classify it; rethrowing the exception in flight (we are always
	 * called from a catch block) lets the type system do it. */
	try {
		throw;
	} catch (const Xapian::DatabaseError &) {
		return XC_DATABASE;
	} catch (const Xapian::NetworkError &) {
		return XC_NETWORK;
	} catch (const Xapian::LogicError &) {
		return XC_LOGIC;
	} catch (const Xapian::RuntimeError &) {
		return XC_RUNTIME;
	} catch (...) {
	}
	return XC_UNKNOWN;
}

int fail(xc_error *err, int code, const char *type, const char *msg)
{
	if (err) {
		err->code = code;
		std::snprintf(err->type, sizeof err->type, "%s", type);
		std::snprintf(err->message, sizeof err->message, "%s", msg);
	}
	return code;
}

int fail_xapian(xc_error *err, const Xapian::Error &e)
{
	int code = status_of(e);
	if (!err)
		return code;
	std::string msg = e.get_msg();
	if (!e.get_context().empty())
		msg += " (context: " + e.get_context() + ")";
	const char *sys = e.get_error_string();
	if (sys && *sys)
		msg += std::string(" (") + sys + ")";
	return fail(err, code, e.get_type(), msg.c_str());
}

int fail_std(xc_error *err, const std::exception &e)
{
	return fail(err, XC_UNKNOWN, "std::exception", e.what());
}

int fail_arg(xc_error *err, const char *msg)
{
	return fail(err, XC_INVALID_ARGUMENT, "InvalidArgumentError", msg);
}

} // namespace

#define XC_TRY try {
#define XC_CATCH(err)                                                               \
	}                                                                           \
	catch (const Xapian::Error &e_) { return fail_xapian((err), e_); }          \
	catch (const std::bad_alloc &) { return fail((err), XC_NOMEM, "std::bad_alloc", "out of memory"); } \
	catch (const std::exception &e_) { return fail_std((err), e_); }            \
	catch (...) { return fail((err), XC_UNKNOWN, "unknown", "unknown exception"); }
/* For entry points without an xc_error: swallow and return `value`. */
#define XC_CATCH_RETURN(value) \
	}                      \
	catch (...) { return value; }

#define XC_REQUIRE(cond, err)                                    \
	do {                                                      \
		if (!(cond))                                      \
			return fail_arg((err), "NULL or invalid argument: " #cond); \
	} while (0)

namespace {

int check_term(const char *term, size_t len, xc_error *err)
{
	if (!term || len == 0)
		return fail_arg(err, "empty term");
	if (len <= XC_MAX_TERM_BYTES)
		return XC_OK;
	/* Name the term so the user can find its source; cut at a UTF-8
	 * character boundary so the message stays printable. */
	size_t show = 40;
	while (show > 0 && (static_cast<unsigned char>(term[show]) & 0xC0) == 0x80)
		show--;
	char msg[160];
	std::snprintf(msg, sizeof msg, "term too long (%zu bytes, limit %d): %.*s...", len,
		      XC_MAX_TERM_BYTES, static_cast<int>(show), term);
	return fail(err, XC_TERM_TOO_LONG, "InvalidArgumentError", msg);
}

/* A malloc'ed, NUL-terminated copy of s (binary-safe). */
int copy_out(const std::string &s, char **out, size_t *out_len, xc_error *err)
{
	char *p = static_cast<char *>(std::malloc(s.size() + 1));
	if (!p)
		return fail(err, XC_NOMEM, "std::bad_alloc", "out of memory");
	if (!s.empty())
		std::memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	*out = p;
	if (out_len)
		*out_len = s.size();
	return XC_OK;
}

int new_query(xc_query **out, const Xapian::Query &q)
{
	*out = new xc_query{ q };
	return XC_OK;
}

/* Rejects terms starting with an ASCII capital: Xapian's prefix convention. */
class SkipPrefixed : public Xapian::ExpandDecider {
public:
	bool operator()(const std::string &term) const override
	{
		return term.empty() || term[0] < 'A' || term[0] > 'Z';
	}
};

bool map_op(xc_query_op op, Xapian::Query::op *out)
{
	switch (op) {
	case XC_OP_AND: *out = Xapian::Query::OP_AND; return true;
	case XC_OP_OR: *out = Xapian::Query::OP_OR; return true;
	case XC_OP_AND_NOT: *out = Xapian::Query::OP_AND_NOT; return true;
	case XC_OP_XOR: *out = Xapian::Query::OP_XOR; return true;
	case XC_OP_AND_MAYBE: *out = Xapian::Query::OP_AND_MAYBE; return true;
	case XC_OP_FILTER: *out = Xapian::Query::OP_FILTER; return true;
	case XC_OP_NEAR: *out = Xapian::Query::OP_NEAR; return true;
	case XC_OP_PHRASE: *out = Xapian::Query::OP_PHRASE; return true;
	case XC_OP_ELITE_SET: *out = Xapian::Query::OP_ELITE_SET; return true;
	case XC_OP_SYNONYM: *out = Xapian::Query::OP_SYNONYM; return true;
	case XC_OP_MAX: *out = Xapian::Query::OP_MAX; return true;
	}
	return false;
}

} // namespace

extern "C" {

const char *xc_status_string(int code)
{
	switch (code) {
	case XC_OK: return "ok";
	case XC_UNKNOWN: return "unknown error";
	case XC_NOMEM: return "out of memory";
	case XC_INVALID_ARGUMENT: return "invalid argument";
	case XC_INVALID_OPERATION: return "invalid operation";
	case XC_UNIMPLEMENTED: return "not implemented";
	case XC_DATABASE_LOCK: return "database locked";
	case XC_DATABASE_OPENING: return "cannot open database";
	case XC_DATABASE_NOT_FOUND: return "database not found";
	case XC_DATABASE_VERSION: return "unsupported database version";
	case XC_DATABASE_CORRUPT: return "database corrupt";
	case XC_DATABASE_MODIFIED: return "database modified, reopen";
	case XC_DATABASE_CLOSED: return "database closed";
	case XC_DATABASE: return "database error";
	case XC_DOC_NOT_FOUND: return "document not found";
	case XC_RANGE: return "out of range";
	case XC_QUERY_PARSER: return "query parse error";
	case XC_NETWORK_TIMEOUT: return "network timeout";
	case XC_NETWORK: return "network error";
	case XC_FEATURE_UNAVAILABLE: return "feature unavailable";
	case XC_SERIALISATION: return "serialisation error";
	case XC_ASSERTION: return "assertion failed";
	case XC_INTERNAL: return "internal error";
	case XC_RUNTIME: return "runtime error";
	case XC_LOGIC: return "logic error";
	case XC_TERM_TOO_LONG: return "term too long";
	}
	return "unknown status";
}

/* ---- writable databases ---- */

int xc_wdb_open(xc_wdb **out, const char *path, int flags, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(path, err);
	int action;
	switch (flags & ~XC_DB_RETRY_LOCK) {
	case XC_DB_CREATE_OR_OPEN: action = Xapian::DB_CREATE_OR_OPEN; break;
	case XC_DB_OPEN: action = Xapian::DB_OPEN; break;
	case XC_DB_CREATE_OR_OVERWRITE: action = Xapian::DB_CREATE_OR_OVERWRITE; break;
	default: return fail_arg(err, "unknown xc_wdb_open flags");
	}
	if (flags & XC_DB_RETRY_LOCK)
		action |= Xapian::DB_RETRY_LOCK;
	Xapian::WritableDatabase wdb(path, action);
	xc_wdb *w = new xc_wdb{ wdb, xc_db{ wdb } };
	*out = w;
	return XC_OK;
	XC_CATCH(err)
}

void xc_wdb_free(xc_wdb *db)
{
	try {
		delete db;
	} catch (...) {
		/* The destructor commits; its failure has nowhere to go. */
	}
}

int xc_wdb_close(xc_wdb *db, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db, err);
	db->wdb.close();
	return XC_OK;
	XC_CATCH(err)
}

int xc_wdb_commit(xc_wdb *db, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db, err);
	db->wdb.commit();
	return XC_OK;
	XC_CATCH(err)
}

int xc_wdb_begin_transaction(xc_wdb *db, int flushed, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db, err);
	db->wdb.begin_transaction(flushed != 0);
	return XC_OK;
	XC_CATCH(err)
}

int xc_wdb_commit_transaction(xc_wdb *db, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db, err);
	db->wdb.commit_transaction();
	return XC_OK;
	XC_CATCH(err)
}

int xc_wdb_cancel_transaction(xc_wdb *db, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db, err);
	db->wdb.cancel_transaction();
	return XC_OK;
	XC_CATCH(err)
}

int xc_wdb_add_document(xc_wdb *db, const xc_doc *doc, xc_docid *out_docid, xc_error *err)
{
	XC_TRY
	if (out_docid)
		*out_docid = 0;
	XC_REQUIRE(db && doc, err);
	Xapian::docid did = db->wdb.add_document(doc->doc);
	if (out_docid)
		*out_docid = did;
	return XC_OK;
	XC_CATCH(err)
}

int xc_wdb_replace_document_by_term(xc_wdb *db, const char *unique_term, const xc_doc *doc,
				    xc_docid *out_docid, xc_error *err)
{
	XC_TRY
	if (out_docid)
		*out_docid = 0;
	XC_REQUIRE(db && unique_term && doc, err);
	Xapian::docid did = db->wdb.replace_document(unique_term, doc->doc);
	if (out_docid)
		*out_docid = did;
	return XC_OK;
	XC_CATCH(err)
}

int xc_wdb_replace_document(xc_wdb *db, xc_docid did, const xc_doc *doc, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && doc, err);
	db->wdb.replace_document(did, doc->doc);
	return XC_OK;
	XC_CATCH(err)
}

int xc_wdb_delete_document(xc_wdb *db, xc_docid did, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db, err);
	db->wdb.delete_document(did);
	return XC_OK;
	XC_CATCH(err)
}

int xc_wdb_delete_documents_by_term(xc_wdb *db, const char *term, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && term, err);
	db->wdb.delete_document(std::string(term));
	return XC_OK;
	XC_CATCH(err)
}

int xc_wdb_set_metadata(xc_wdb *db, const char *key, const char *value, size_t len, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && key && (value || len == 0), err);
	db->wdb.set_metadata(key, len ? std::string(value, len) : std::string());
	return XC_OK;
	XC_CATCH(err)
}

xc_db *xc_wdb_as_db(xc_wdb *db)
{
	return db ? &db->view : NULL;
}

/* ---- read-only databases ---- */

int xc_db_open(xc_db **out, const char *path, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(path, err);
	*out = new xc_db{ Xapian::Database(path) };
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_open_remote_tcp(xc_db **out, const char *host, unsigned port, unsigned timeout_ms,
			  xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(host, err);
	/* Xapian 1.4 takes milliseconds here despite the useconds_t type. */
	useconds_t timeout = timeout_ms ? timeout_ms : 10000;
	*out = new xc_db{ Xapian::Remote::open(host, port, timeout, timeout) };
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_add_database(xc_db *db, const xc_db *other, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && other, err);
	db->db.add_database(other->db);
	return XC_OK;
	XC_CATCH(err)
}

void xc_db_free(xc_db *db)
{
	try {
		delete db;
	} catch (...) {
	}
}

int xc_db_reopen(xc_db *db, int *out_changed, xc_error *err)
{
	XC_TRY
	if (out_changed)
		*out_changed = 0;
	XC_REQUIRE(db, err);
	bool changed = db->db.reopen();
	if (out_changed)
		*out_changed = changed ? 1 : 0;
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_doccount(const xc_db *db, uint32_t *out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && out, err);
	*out = db->db.get_doccount();
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_lastdocid(const xc_db *db, xc_docid *out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && out, err);
	*out = db->db.get_lastdocid();
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_avlength(const xc_db *db, double *out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && out, err);
	*out = db->db.get_avlength();
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_termfreq(const xc_db *db, const char *term, uint32_t *out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && term && out, err);
	*out = db->db.get_termfreq(term);
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_collection_freq(const xc_db *db, const char *term, uint64_t *out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && term && out, err);
	*out = db->db.get_collection_freq(term);
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_term_exists(const xc_db *db, const char *term, int *out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && term && out, err);
	*out = db->db.term_exists(term) ? 1 : 0;
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_get_document(const xc_db *db, xc_docid did, xc_doc **out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(db, err);
	*out = new xc_doc{ db->db.get_document(did), std::string() };
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_get_metadata(const xc_db *db, const char *key, char **out, size_t *out_len,
		       xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	if (out_len)
		*out_len = 0;
	XC_REQUIRE(db && key, err);
	return copy_out(db->db.get_metadata(key), out, out_len, err);
	XC_CATCH(err)
}

int xc_db_allterms(const xc_db *db, const char *prefix, xc_term_fn fn, void *payload,
		   xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && fn, err);
	std::string pfx = prefix ? prefix : "";
	for (Xapian::TermIterator t = db->db.allterms_begin(pfx); t != db->db.allterms_end(pfx);
	     ++t) {
		const std::string term = *t;
		int rc = fn(term.data(), term.size(), t.get_termfreq(), payload);
		if (rc)
			return rc;
	}
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_postlist(const xc_db *db, const char *term, xc_posting_fn fn, void *payload,
		   xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && term && fn, err);
	for (Xapian::PostingIterator p = db->db.postlist_begin(term); p != db->db.postlist_end(term);
	     ++p) {
		int rc = fn(*p, payload);
		if (rc)
			return rc;
	}
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_metadata_keys(const xc_db *db, const char *prefix, xc_key_fn fn, void *payload,
			xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && fn, err);
	std::string pfx = prefix ? prefix : "";
	for (Xapian::TermIterator k = db->db.metadata_keys_begin(pfx);
	     k != db->db.metadata_keys_end(pfx); ++k) {
		const std::string key = *k;
		int rc = fn(key.data(), key.size(), payload);
		if (rc)
			return rc;
	}
	return XC_OK;
	XC_CATCH(err)
}

int xc_db_compact(const xc_db *db, const char *outpath, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && outpath, err);
	Xapian::Database src = db->db;	/* compact() is not const */
	src.compact(outpath);
	return XC_OK;
	XC_CATCH(err)
}

/* ---- documents ---- */

int xc_doc_new(xc_doc **out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = new xc_doc();
	return XC_OK;
	XC_CATCH(err)
}

void xc_doc_free(xc_doc *doc)
{
	try {
		delete doc;
	} catch (...) {
	}
}

int xc_doc_add_posting(xc_doc *doc, const char *term, size_t len, uint32_t pos,
		       uint32_t wdfinc, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(doc, err);
	int rc = check_term(term, len, err);
	if (rc)
		return rc;
	doc->doc.add_posting(std::string(term, len), pos, wdfinc);
	return XC_OK;
	XC_CATCH(err)
}

int xc_doc_add_term(xc_doc *doc, const char *term, size_t len, uint32_t wdfinc, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(doc, err);
	int rc = check_term(term, len, err);
	if (rc)
		return rc;
	doc->doc.add_term(std::string(term, len), wdfinc);
	return XC_OK;
	XC_CATCH(err)
}

int xc_doc_add_boolean_term(xc_doc *doc, const char *term, size_t len, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(doc, err);
	int rc = check_term(term, len, err);
	if (rc)
		return rc;
	doc->doc.add_boolean_term(std::string(term, len));
	return XC_OK;
	XC_CATCH(err)
}

int xc_doc_set_data(xc_doc *doc, const void *data, size_t len, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(doc && (data || len == 0), err);
	doc->doc.set_data(len ? std::string(static_cast<const char *>(data), len) : std::string());
	return XC_OK;
	XC_CATCH(err)
}

int xc_doc_get_data(xc_doc *doc, const char **out, size_t *out_len, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(doc && out, err);
	*out = NULL;
	if (out_len)
		*out_len = 0;
	doc->data = doc->doc.get_data();
	*out = doc->data.c_str();
	if (out_len)
		*out_len = doc->data.size();
	return XC_OK;
	XC_CATCH(err)
}

int xc_doc_add_value(xc_doc *doc, xc_slot slot, const void *value, size_t len, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(doc && (value || len == 0), err);
	doc->doc.add_value(slot, len ? std::string(static_cast<const char *>(value), len)
				     : std::string());
	return XC_OK;
	XC_CATCH(err)
}

int xc_doc_get_value(const xc_doc *doc, xc_slot slot, char **out, size_t *out_len, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	if (out_len)
		*out_len = 0;
	XC_REQUIRE(doc, err);
	return copy_out(doc->doc.get_value(slot), out, out_len, err);
	XC_CATCH(err)
}

int xc_doc_get_docid(const xc_doc *doc, xc_docid *out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(doc && out, err);
	*out = doc->doc.get_docid();
	return XC_OK;
	XC_CATCH(err)
}

int xc_doc_terms(const xc_doc *doc, xc_doc_term_fn fn, void *payload, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(doc && fn, err);
	for (Xapian::TermIterator t = doc->doc.termlist_begin(); t != doc->doc.termlist_end(); ++t) {
		const std::string term = *t;
		int rc = fn(term.data(), term.size(), t.get_wdf(), payload);
		if (rc)
			return rc;
	}
	return XC_OK;
	XC_CATCH(err)
}

int xc_doc_positions(const xc_db *db, xc_docid did, const char *term, xc_position_fn fn,
		     void *payload, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(db && term && fn, err);
	for (Xapian::PositionIterator p = db->db.positionlist_begin(did, term);
	     p != db->db.positionlist_end(did, term); ++p) {
		int rc = fn(*p, payload);
		if (rc)
			return rc;
	}
	return XC_OK;
	XC_CATCH(err)
}

/* ---- queries ---- */

int xc_query_term(xc_query **out, const char *term, size_t len, uint32_t wqf, uint32_t pos,
		  xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(term || len == 0, err);
	return new_query(out, Xapian::Query(std::string(term ? term : "", len), wqf, pos));
	XC_CATCH(err)
}

int xc_query_combine(xc_query **out, xc_query_op op, const xc_query *const *subs, size_t n,
		     uint32_t window, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(subs || n == 0, err);
	Xapian::Query::op xop;
	if (!map_op(op, &xop))
		return fail_arg(err, "unknown xc_query_op");
	std::vector<Xapian::Query> v;
	v.reserve(n);
	for (size_t i = 0; i < n; i++) {
		XC_REQUIRE(subs[i], err);
		v.push_back(subs[i]->q);
	}
	if ((op == XC_OP_NEAR || op == XC_OP_PHRASE) && window == 0)
		window = static_cast<uint32_t>(n);
	return new_query(out, Xapian::Query(xop, v.begin(), v.end(), window));
	XC_CATCH(err)
}

int xc_query_scale(xc_query **out, const xc_query *q, double factor, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(q, err);
	return new_query(out, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor));
	XC_CATCH(err)
}

int xc_query_value_range(xc_query **out, xc_slot slot, const char *lo, const char *hi,
			 xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	if (lo && hi)
		return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi));
	if (lo)
		return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo));
	if (hi)
		return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi));
	return new_query(out, Xapian::Query::MatchAll);
	XC_CATCH(err)
}

int xc_query_wildcard(xc_query **out, const char *prefix, int as_synonym, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(prefix, err);
	Xapian::Query::op combiner = as_synonym ? Xapian::Query::OP_SYNONYM : Xapian::Query::OP_OR;
	return new_query(out, Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, 0,
					    Xapian::Query::WILDCARD_LIMIT_ERROR, combiner));
	XC_CATCH(err)
}

int xc_query_match_all(xc_query **out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	return new_query(out, Xapian::Query::MatchAll);
	XC_CATCH(err)
}

int xc_query_match_nothing(xc_query **out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	return new_query(out, Xapian::Query::MatchNothing);
	XC_CATCH(err)
}

int xc_query_is_empty(const xc_query *q)
{
	XC_TRY
	return !q || q->q.empty();
	XC_CATCH_RETURN(1)
}

int xc_query_describe(const xc_query *q, char **out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(q, err);
	return copy_out(q->q.get_description(), out, NULL, err);
	XC_CATCH(err)
}

void xc_query_free(xc_query *q)
{
	try {
		delete q;
	} catch (...) {
	}
}

/* ---- searching ---- */

int xc_enquire_new(xc_enquire **out, const xc_db *db, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(db, err);
	*out = new xc_enquire{ Xapian::Enquire(db->db) };
	return XC_OK;
	XC_CATCH(err)
}

void xc_enquire_free(xc_enquire *enq)
{
	try {
		delete enq;
	} catch (...) {
	}
}

int xc_enquire_set_query(xc_enquire *enq, const xc_query *q, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(enq && q, err);
	enq->enq.set_query(q->q);
	return XC_OK;
	XC_CATCH(err)
}

int xc_enquire_set_bm25(xc_enquire *enq, double k1, double k2, double k3, double b,
			double min_normlen, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(enq, err);
	enq->enq.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
	return XC_OK;
	XC_CATCH(err)
}

int xc_enquire_set_collapse_key(xc_enquire *enq, xc_slot slot, uint32_t collapse_max,
				xc_error *err)
{
	XC_TRY
	XC_REQUIRE(enq, err);
	enq->enq.set_collapse_key(slot, collapse_max);
	return XC_OK;
	XC_CATCH(err)
}

int xc_enquire_set_sort_by_value(xc_enquire *enq, xc_slot slot, int reverse, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(enq, err);
	enq->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
	return XC_OK;
	XC_CATCH(err)
}

int xc_enquire_set_docid_order_ascending(xc_enquire *enq, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(enq, err);
	enq->enq.set_docid_order(Xapian::Enquire::ASCENDING);
	return XC_OK;
	XC_CATCH(err)
}

int xc_enquire_get_mset(xc_enquire *enq, uint32_t first, uint32_t maxitems,
			uint32_t checkatleast, xc_mset **out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(enq, err);
	*out = new xc_mset{ enq->enq.get_mset(first, maxitems, checkatleast) };
	return XC_OK;
	XC_CATCH(err)
}

int xc_enquire_get_eset(xc_enquire *enq, uint32_t n, const xc_docid *rset, size_t rset_len,
			int skip_prefixed, xc_eset **out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(enq && (rset || rset_len == 0), err);
	Xapian::RSet rs;
	for (size_t i = 0; i < rset_len; i++)
		rs.add_document(rset[i]);
	SkipPrefixed skip;
	/* Exact term frequencies: over several shards Xapian would otherwise
	 * estimate them, and a stub of shards would expand a query
	 * differently from the one index it splits. */
	Xapian::ESet es = enq->enq.get_eset(n, rs, Xapian::Enquire::USE_EXACT_TERMFREQ,
					    skip_prefixed ? &skip : NULL);
	xc_eset *e = new xc_eset();
	try {
		for (Xapian::ESetIterator t = es.begin(); t != es.end(); ++t) {
			e->terms.push_back(*t);
			e->weights.push_back(t.get_weight());
		}
	} catch (...) {
		delete e;
		throw;
	}
	*out = e;
	return XC_OK;
	XC_CATCH(err)
}

size_t xc_mset_size(const xc_mset *m)
{
	XC_TRY
	return m ? m->m.size() : 0;
	XC_CATCH_RETURN(0)
}

uint32_t xc_mset_matches_estimated(const xc_mset *m)
{
	XC_TRY
	return m ? m->m.get_matches_estimated() : 0;
	XC_CATCH_RETURN(0)
}

xc_docid xc_mset_docid(const xc_mset *m, size_t i)
{
	XC_TRY
	if (!m || i >= m->m.size())
		return 0;
	return *m->m[static_cast<Xapian::doccount>(i)];
	XC_CATCH_RETURN(0)
}

double xc_mset_weight(const xc_mset *m, size_t i)
{
	XC_TRY
	if (!m || i >= m->m.size())
		return 0.0;
	return m->m[static_cast<Xapian::doccount>(i)].get_weight();
	XC_CATCH_RETURN(0.0)
}

uint32_t xc_mset_collapse_count(const xc_mset *m, size_t i)
{
	XC_TRY
	if (!m || i >= m->m.size())
		return 0;
	return m->m[static_cast<Xapian::doccount>(i)].get_collapse_count();
	XC_CATCH_RETURN(0)
}

int xc_mset_collapse_key(const xc_mset *m, size_t i, char **out, size_t *out_len, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	if (out_len)
		*out_len = 0;
	XC_REQUIRE(m, err);
	if (i >= m->m.size())
		return fail(err, XC_RANGE, "RangeError", "MSet index out of range");
	return copy_out(m->m[static_cast<Xapian::doccount>(i)].get_collapse_key(), out, out_len, err);
	XC_CATCH(err)
}

int xc_mset_get_document(const xc_mset *m, size_t i, xc_doc **out, xc_error *err)
{
	XC_TRY
	XC_REQUIRE(out, err);
	*out = NULL;
	XC_REQUIRE(m, err);
	if (i >= m->m.size())
		return fail(err, XC_RANGE, "RangeError", "MSet index out of range");
	*out = new xc_doc{ m->m[static_cast<Xapian::doccount>(i)].get_document(), std::string() };
	return XC_OK;
	XC_CATCH(err)
}

void xc_mset_free(xc_mset *m)
{
	try {
		delete m;
	} catch (...) {
	}
}

size_t xc_eset_size(const xc_eset *e)
{
	return e ? e->terms.size() : 0;
}

const char *xc_eset_term(const xc_eset *e, size_t i)
{
	if (!e || i >= e->terms.size())
		return NULL;
	return e->terms[i].c_str();
}

double xc_eset_weight(const xc_eset *e, size_t i)
{
	if (!e || i >= e->weights.size())
		return 0.0;
	return e->weights[i];
}

void xc_eset_free(xc_eset *e)
{
	delete e;
}

} /* extern "C" */
