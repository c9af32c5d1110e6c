/* test_xapian_c.c - the C binding over Xapian, on real glass databases in a temp dir. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xapian-c/xapian_c.h"

/* Each test gets a fresh directory; its databases live inside it. */
struct fixture {
	char dir[64];
	char path[128]; /* dir/db */
};

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/test_xapian_c.XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	int rc = nftw(f->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return rc;
}

static void sub_path(const struct fixture *f, const char *name, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", f->dir, name);
}

/* A document whose space-separated words are posted at positions 1, 2, ... */
static xc_doc *make_doc(const char *text)
{
	xc_doc *doc = NULL;
	xc_error err;
	assert_int_equal(xc_doc_new(&doc, &err), XC_OK);
	uint32_t pos = 1;
	const char *p = text;
	while (*p) {
		size_t len = strcspn(p, " ");
		if (len)
			assert_int_equal(xc_doc_add_posting(doc, p, len, pos++, 1, &err), XC_OK);
		p += len;
		p += strspn(p, " ");
	}
	return doc;
}

static xc_docid add_text(xc_wdb *w, const char *text, const char *uid, const char *value0)
{
	xc_doc *doc = make_doc(text);
	xc_error err;
	xc_docid did = 0;
	if (uid)
		assert_int_equal(xc_doc_add_boolean_term(doc, uid, strlen(uid), &err), XC_OK);
	if (value0)
		assert_int_equal(xc_doc_add_value(doc, 0, value0, strlen(value0), &err), XC_OK);
	assert_int_equal(xc_doc_set_data(doc, text, strlen(text), &err), XC_OK);
	assert_int_equal(xc_wdb_add_document(w, doc, &did, &err), XC_OK);
	assert_true(did > 0);
	xc_doc_free(doc);
	return did;
}

static xc_wdb *open_writer(const char *path)
{
	xc_wdb *w = NULL;
	xc_error err;
	int rc = xc_wdb_open(&w, path, XC_DB_CREATE_OR_OPEN, &err);
	if (rc != XC_OK)
		fail_msg("xc_wdb_open: %s", err.message);
	assert_non_null(w);
	return w;
}

static uint32_t doccount(const xc_db *db)
{
	uint32_t n = 0;
	xc_error err;
	assert_int_equal(xc_db_doccount(db, &n, &err), XC_OK);
	return n;
}

/* Runs q on db and stores up to 16 docids in out; returns the mset size. */
static size_t search(const xc_db *db, const xc_query *q, xc_docid *out)
{
	xc_enquire *enq = NULL;
	xc_mset *m = NULL;
	xc_error err;
	assert_int_equal(xc_enquire_new(&enq, db, &err), XC_OK);
	assert_int_equal(xc_enquire_set_query(enq, q, &err), XC_OK);
	assert_int_equal(xc_enquire_set_docid_order_ascending(enq, &err), XC_OK);
	assert_int_equal(xc_enquire_get_mset(enq, 0, 16, 100, &m, &err), XC_OK);
	size_t n = xc_mset_size(m);
	for (size_t i = 0; i < n; i++)
		out[i] = xc_mset_docid(m, i);
	xc_mset_free(m);
	xc_enquire_free(enq);
	return n;
}

static xc_query *term_query(const char *term)
{
	xc_query *q = NULL;
	xc_error err;
	assert_int_equal(xc_query_term(&q, term, strlen(term), 1, 0, &err), XC_OK);
	return q;
}

/* Callbacks record into payloads: cmocka assertions longjmp, which must not
 * cross the binding's C++ frames. */
struct collect {
	char items[16][64];
	uint32_t nums[16];
	size_t n;
	size_t stop_after; /* 0: never stop */
};

static int collect_term(const char *term, size_t len, uint32_t num, void *payload)
{
	struct collect *c = payload;
	if (c->n < 16 && len < 64) {
		memcpy(c->items[c->n], term, len);
		c->items[c->n][len] = '\0';
		c->nums[c->n] = num;
	}
	c->n++;
	return c->stop_after && c->n >= c->stop_after ? 42 : 0;
}

static int collect_num(uint32_t num, void *payload)
{
	struct collect *c = payload;
	if (c->n < 16)
		c->nums[c->n] = num;
	c->n++;
	return 0;
}

static int collect_key(const char *key, size_t len, void *payload)
{
	return collect_term(key, len, 0, payload);
}

static void test_round_trip(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	xc_doc *doc = make_doc("the river crossing at the bridge");
	static const char data[] = "zlib\0bytes\xff";
	assert_int_equal(xc_doc_set_data(doc, data, sizeof data - 1, &err), XC_OK);
	assert_int_equal(xc_doc_add_value(doc, 1, "20230115", 8, &err), XC_OK);
	assert_int_equal(xc_doc_add_boolean_term(doc, "Qart-1", 6, &err), XC_OK);
	assert_int_equal(xc_doc_add_term(doc, "Pkyiv", 5, 3, &err), XC_OK);
	xc_docid did = 0;
	assert_int_equal(xc_wdb_add_document(w, doc, &did, &err), XC_OK);
	assert_int_equal(did, 1);
	xc_doc_free(doc);
	assert_int_equal(xc_wdb_commit(w, &err), XC_OK);
	xc_wdb_free(w);

	xc_db *db = NULL;
	assert_int_equal(xc_db_open(&db, f->path, &err), XC_OK);
	assert_int_equal(doccount(db), 1);
	xc_docid last = 0;
	assert_int_equal(xc_db_lastdocid(db, &last, &err), XC_OK);
	assert_int_equal(last, 1);
	double avlen = 0;
	assert_int_equal(xc_db_avlength(db, &avlen, &err), XC_OK);
	assert_true(avlen == 9.0); /* six words plus wdf 3 of Pkyiv; boolean adds 0 */

	uint32_t tf = 0;
	uint64_t cf = 0;
	int exists = 0;
	assert_int_equal(xc_db_termfreq(db, "the", &tf, &err), XC_OK);
	assert_int_equal(tf, 1);
	assert_int_equal(xc_db_collection_freq(db, "the", &cf, &err), XC_OK);
	assert_int_equal(cf, 2);
	assert_int_equal(xc_db_term_exists(db, "Qart-1", &exists, &err), XC_OK);
	assert_int_equal(exists, 1);
	assert_int_equal(xc_db_term_exists(db, "absent", &exists, &err), XC_OK);
	assert_int_equal(exists, 0);

	assert_int_equal(xc_db_get_document(db, 1, &doc, &err), XC_OK);
	const char *got = NULL;
	size_t got_len = 0;
	assert_int_equal(xc_doc_get_data(doc, &got, &got_len, &err), XC_OK);
	assert_int_equal(got_len, sizeof data - 1);
	assert_memory_equal(got, data, got_len);
	char *value = NULL;
	size_t value_len = 0;
	assert_int_equal(xc_doc_get_value(doc, 1, &value, &value_len, &err), XC_OK);
	assert_int_equal(value_len, 8);
	assert_string_equal(value, "20230115");
	free(value);
	assert_int_equal(xc_doc_get_value(doc, 7, &value, &value_len, &err), XC_OK);
	assert_int_equal(value_len, 0);
	assert_string_equal(value, "");
	free(value);
	xc_docid doc_did = 0;
	assert_int_equal(xc_doc_get_docid(doc, &doc_did, &err), XC_OK);
	assert_int_equal(doc_did, 1);

	struct collect terms = { 0 };
	assert_int_equal(xc_doc_terms(doc, collect_term, &terms, &err), XC_OK);
	xc_doc_free(doc);
	assert_int_equal(terms.n, 7); /* Pkyiv Qart-1 at bridge crossing river the */
	assert_string_equal(terms.items[0], "Pkyiv");
	assert_int_equal(terms.nums[0], 3);
	assert_string_equal(terms.items[1], "Qart-1");
	assert_int_equal(terms.nums[1], 0);
	assert_string_equal(terms.items[6], "the");
	assert_int_equal(terms.nums[6], 2);

	struct collect pos = { 0 };
	assert_int_equal(xc_doc_positions(db, 1, "the", collect_num, &pos, &err), XC_OK);
	assert_int_equal(pos.n, 2);
	assert_int_equal(pos.nums[0], 1);
	assert_int_equal(pos.nums[1], 5);

	struct collect all = { 0 };
	assert_int_equal(xc_db_allterms(db, "Q", collect_term, &all, &err), XC_OK);
	assert_int_equal(all.n, 1);
	assert_string_equal(all.items[0], "Qart-1");
	assert_int_equal(all.nums[0], 1);

	/* A non-zero callback return stops the walk and is passed back. */
	struct collect stop = { .stop_after = 2 };
	assert_int_equal(xc_db_allterms(db, NULL, collect_term, &stop, &err), 42);
	assert_int_equal(stop.n, 2);

	struct collect post = { 0 };
	assert_int_equal(xc_db_postlist(db, "river", collect_num, &post, &err), XC_OK);
	assert_int_equal(post.n, 1);
	assert_int_equal(post.nums[0], 1);
	xc_db_free(db);
}

static void test_replace_and_delete_by_term(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	xc_docid a = add_text(w, "first version", "Qa", NULL);
	add_text(w, "other article", "Qb", NULL);
	add_text(w, "third article", "Qc", NULL);

	xc_doc *doc = make_doc("second version");
	assert_int_equal(xc_doc_add_boolean_term(doc, "Qa", 2, &err), XC_OK);
	xc_docid replaced = 0;
	assert_int_equal(xc_wdb_replace_document_by_term(w, "Qa", doc, &replaced, &err), XC_OK);
	xc_doc_free(doc);
	assert_int_equal(replaced, a);
	assert_int_equal(xc_wdb_commit(w, &err), XC_OK);

	xc_db *db = xc_wdb_as_db(w);
	assert_int_equal(doccount(db), 3);
	uint32_t tf = 99;
	assert_int_equal(xc_db_termfreq(db, "first", &tf, &err), XC_OK);
	assert_int_equal(tf, 0);
	assert_int_equal(xc_db_termfreq(db, "second", &tf, &err), XC_OK);
	assert_int_equal(tf, 1);

	/* Replacing by a term nobody has adds a document. */
	doc = make_doc("brand new");
	assert_int_equal(xc_wdb_replace_document_by_term(w, "Qz", doc, &replaced, &err), XC_OK);
	xc_doc_free(doc);
	assert_int_equal(replaced, 4);

	assert_int_equal(xc_wdb_delete_documents_by_term(w, "article", &err), XC_OK);
	assert_int_equal(xc_wdb_commit(w, &err), XC_OK);
	assert_int_equal(doccount(db), 2);
	assert_int_equal(xc_db_term_exists(db, "Qb", (int[]){ 0 }, &err), XC_OK);
	int exists = 1;
	assert_int_equal(xc_db_term_exists(db, "Qc", &exists, &err), XC_OK);
	assert_int_equal(exists, 0);

	assert_int_equal(xc_wdb_delete_document(w, a, &err), XC_OK);
	assert_int_equal(doccount(db), 1);
	/* Deleting it twice names the missing document. */
	assert_int_equal(xc_wdb_delete_document(w, a, &err), XC_DOC_NOT_FOUND);
	assert_string_equal(err.type, "DocNotFoundError");
	xc_wdb_free(w);
}

static void test_second_writer_is_locked(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	xc_wdb *w2 = (xc_wdb *)&err; /* must be reset to NULL */
	memset(&err, 0, sizeof err);
	assert_int_equal(xc_wdb_open(&w2, f->path, XC_DB_OPEN, &err), XC_DATABASE_LOCK);
	assert_null(w2);
	assert_int_equal(err.code, XC_DATABASE_LOCK);
	assert_string_equal(err.type, "DatabaseLockError");
	assert_non_null(strstr(err.message, "lock"));
	/* NULL err is allowed on failure too. */
	assert_int_equal(xc_wdb_open(&w2, f->path, XC_DB_CREATE_OR_OPEN, NULL), XC_DATABASE_LOCK);
	assert_null(w2);

	/* Once the first writer is closed the lock is free again. */
	assert_int_equal(xc_wdb_close(w, &err), XC_OK);
	uint32_t tf = 0;
	assert_int_equal(xc_db_termfreq(xc_wdb_as_db(w), "x", &tf, &err), XC_DATABASE_CLOSED);
	assert_string_equal(err.type, "DatabaseClosedError");
	xc_wdb_free(w);
	w2 = open_writer(f->path);
	xc_wdb_free(w2);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The lock holder is a child process forked before this process opens
 * anything: a thread would hang valgrind (it keeps its big lock across a
 * blocking F_OFD_SETLKW), and a child forked while holding the lock would
 * inherit the lock's open file description. */
static void holder(const char *path, int ready_fd)
{
	xc_wdb *w = NULL;
	if (xc_wdb_open(&w, path, XC_DB_CREATE_OR_OPEN, NULL) != XC_OK)
		_exit(1);
	add_text(w, "written while the other waits", NULL, NULL);
	if (write(ready_fd, "x", 1) != 1)
		_exit(2);
	nanosleep(&(struct timespec){ 0, 300 * 1000 * 1000 }, NULL);
	xc_wdb_free(w); /* commits, then releases the lock */
	_exit(0);
}

static void test_retry_lock_waits(void **state)
{
	struct fixture *f = *state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		holder(f->path, fds[1]);
	}
	close(fds[1]);
	char c;
	assert_int_equal(read(fds[0], &c, 1), 1); /* the child holds the lock now */
	close(fds[0]);
	xc_wdb *w = NULL;
	xc_error err;
	assert_int_equal(xc_wdb_open(&w, f->path, XC_DB_OPEN, &err), XC_DATABASE_LOCK);
	double t0 = now_seconds();
	assert_int_equal(xc_wdb_open(&w, f->path, XC_DB_OPEN | XC_DB_RETRY_LOCK, &err), XC_OK);
	assert_true(now_seconds() - t0 > 0.1); /* it waited for the holder */
	assert_int_equal(doccount(xc_wdb_as_db(w)), 1); /* the holder's commit */
	xc_wdb_free(w);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_open_errors(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_db *db = (xc_db *)&err;
	/* Xapian 1.4.22: a missing path is DatabaseNotFoundError... */
	assert_int_equal(xc_db_open(&db, f->path, &err), XC_DATABASE_NOT_FOUND);
	assert_null(db);
	assert_string_equal(err.type, "DatabaseNotFoundError");
	assert_non_null(strstr(err.message, f->path));
	/* ...so is an empty directory... */
	assert_int_equal(xc_db_open(&db, f->dir, &err), XC_DATABASE_NOT_FOUND);
	/* ...while an unreadable stub file is DatabaseOpeningError. */
	char stub[160];
	sub_path(f, "stub", stub, sizeof stub);
	FILE *fp = fopen(stub, "w");
	assert_non_null(fp);
	fputs("not a stub line\n", fp);
	fclose(fp);
	assert_int_equal(xc_db_open(&db, stub, &err), XC_DATABASE_OPENING);
	assert_string_equal(err.type, "DatabaseOpeningError");

	xc_wdb *w = NULL;
	assert_int_equal(xc_wdb_open(&w, f->path, XC_DB_OPEN, &err), XC_DATABASE_NOT_FOUND);
	assert_int_equal(xc_wdb_open(&w, f->path, 0x77, &err), XC_INVALID_ARGUMENT);
	assert_null(w);
	assert_int_equal(xc_db_open(NULL, f->path, &err), XC_INVALID_ARGUMENT);
}

static void test_stub_file_and_multi(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	char a[160], b[160], stub[160];
	sub_path(f, "a", a, sizeof a);
	sub_path(f, "b", b, sizeof b);
	sub_path(f, "stub", stub, sizeof stub);
	xc_wdb *w = open_writer(a);
	add_text(w, "alpha shard", NULL, NULL);
	xc_wdb_free(w); /* free commits */
	w = open_writer(b);
	add_text(w, "beta shard", NULL, NULL);
	add_text(w, "beta again", NULL, NULL);
	xc_wdb_free(w);

	FILE *fp = fopen(stub, "w");
	assert_non_null(fp);
	fprintf(fp, "glass a\nglass b\n");
	fclose(fp);
	xc_db *db = NULL;
	assert_int_equal(xc_db_open(&db, stub, &err), XC_OK);
	assert_int_equal(doccount(db), 3);
	xc_db_free(db);

	xc_db *other = NULL;
	assert_int_equal(xc_db_open(&db, a, &err), XC_OK);
	assert_int_equal(xc_db_open(&other, b, &err), XC_OK);
	assert_int_equal(xc_db_add_database(db, other, &err), XC_OK);
	xc_db_free(other);
	assert_int_equal(doccount(db), 3);
	xc_query *q = term_query("shard");
	xc_docid ids[16];
	assert_int_equal(search(db, q, ids), 2);
	xc_query_free(q);
	xc_db_free(db);
}

static void test_term_length_checks(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_doc *doc = NULL;
	char term[300];
	memset(term, 'x', sizeof term);
	memcpy(term, "Zlongterm", 9);
	assert_int_equal(xc_doc_new(&doc, &err), XC_OK);
	assert_int_equal(xc_doc_add_posting(doc, term, 300, 1, 1, &err), XC_TERM_TOO_LONG);
	assert_int_equal(err.code, XC_TERM_TOO_LONG);
	assert_non_null(strstr(err.message, "Zlongterm"));
	assert_non_null(strstr(err.message, "..."));
	assert_null(strstr(err.message, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")); /* cut at 40 */
	assert_int_equal(xc_doc_add_term(doc, term, 246, 1, &err), XC_TERM_TOO_LONG);
	assert_int_equal(xc_doc_add_boolean_term(doc, term, 300, NULL), XC_TERM_TOO_LONG);
	assert_int_equal(xc_doc_add_term(doc, term, 0, 1, &err), XC_INVALID_ARGUMENT);
	assert_int_equal(xc_doc_add_term(doc, NULL, 3, 1, &err), XC_INVALID_ARGUMENT);

	/* The limit itself is what glass stores: a 245-byte term commits. */
	assert_int_equal(xc_doc_add_term(doc, term, XC_MAX_TERM_BYTES, 1, &err), XC_OK);
	xc_wdb *w = open_writer(f->path);
	assert_int_equal(xc_wdb_add_document(w, doc, NULL, &err), XC_OK);
	assert_int_equal(xc_wdb_commit(w, &err), XC_OK);
	struct collect all = { 0 };
	assert_int_equal(xc_db_allterms(xc_wdb_as_db(w), "Z", collect_term, &all, &err), XC_OK);
	assert_int_equal(all.n, 1);
	xc_doc_free(doc);
	xc_wdb_free(w);
}

static void test_missing_document(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	add_text(w, "only one", NULL, NULL);
	assert_int_equal(xc_wdb_commit(w, &err), XC_OK);
	xc_doc *doc = (xc_doc *)&err;
	assert_int_equal(xc_db_get_document(xc_wdb_as_db(w), 2, &doc, &err), XC_DOC_NOT_FOUND);
	assert_null(doc);
	assert_string_equal(err.type, "DocNotFoundError");
	assert_true(strlen(err.message) > 0);
	assert_int_equal(xc_db_get_document(xc_wdb_as_db(w), 0, &doc, &err), XC_INVALID_ARGUMENT);
	xc_wdb_free(w);
}

static void test_phrase_and_near(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	add_text(w, "the big red dog", NULL, NULL);
	add_text(w, "the red big dog", NULL, NULL);
	add_text(w, "big and very red", NULL, NULL);
	xc_db *db = xc_wdb_as_db(w);

	xc_query *big = term_query("big"), *red = term_query("red");
	const xc_query *pair[] = { big, red };
	xc_query *phrase = NULL, *near = NULL, *and = NULL;
	assert_int_equal(xc_query_combine(&phrase, XC_OP_PHRASE, pair, 2, 0, &err), XC_OK);
	assert_int_equal(xc_query_combine(&near, XC_OP_NEAR, pair, 2, 0, &err), XC_OK);
	assert_int_equal(xc_query_combine(&and, XC_OP_AND, pair, 2, 0, &err), XC_OK);
	xc_query_free(big); /* combined queries hold copies */
	xc_query_free(red);

	xc_docid ids[16];
	assert_int_equal(search(db, phrase, ids), 1);
	assert_int_equal(ids[0], 1);
	assert_int_equal(search(db, near, ids), 2); /* either order, adjacent */
	assert_int_equal(ids[0], 1);
	assert_int_equal(ids[1], 2);
	assert_int_equal(search(db, and, ids), 3);

	char *desc = NULL;
	assert_int_equal(xc_query_describe(phrase, &desc, &err), XC_OK);
	assert_non_null(strstr(desc, "PHRASE 2"));
	free(desc);
	xc_query_free(phrase);
	xc_query_free(near);
	xc_query_free(and);

	const xc_query *bad[] = { NULL };
	xc_query *q = NULL;
	assert_int_equal(xc_query_combine(&q, XC_OP_OR, bad, 1, 0, &err), XC_INVALID_ARGUMENT);
	assert_int_equal(xc_query_combine(&q, (xc_query_op)99, NULL, 0, 0, &err),
			 XC_INVALID_ARGUMENT);
	assert_null(q);
	xc_wdb_free(w);
}

static void test_elite_set(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	add_text(w, "common rare", NULL, NULL);
	add_text(w, "common", NULL, NULL);
	add_text(w, "common", NULL, NULL);
	add_text(w, "other", NULL, NULL);
	xc_query *common = term_query("common"), *rare = term_query("rare"), *q = NULL;
	const xc_query *subs[] = { common, rare };
	xc_docid ids[16];
	/* A set of one keeps the term that can score highest: the rarer one. */
	assert_int_equal(xc_query_combine(&q, XC_OP_ELITE_SET, subs, 2, 1, &err), XC_OK);
	assert_int_equal(search(xc_wdb_as_db(w), q, ids), 1);
	assert_int_equal(ids[0], 1);
	xc_query_free(q);
	assert_int_equal(xc_query_combine(&q, XC_OP_ELITE_SET, subs, 2, 2, &err), XC_OK);
	assert_int_equal(search(xc_wdb_as_db(w), q, ids), 3);
	xc_query_free(q);
	xc_query_free(common);
	xc_query_free(rare);
	xc_wdb_free(w);
}

static void test_value_range_and_sort(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	add_text(w, "report", NULL, "20230101");
	add_text(w, "report", NULL, "20230601");
	add_text(w, "report", NULL, "20231231");
	xc_db *db = xc_wdb_as_db(w);
	xc_docid ids[16];
	xc_query *q = NULL;

	assert_int_equal(xc_query_value_range(&q, 0, "20230301", "20231001", &err), XC_OK);
	assert_int_equal(search(db, q, ids), 1);
	assert_int_equal(ids[0], 2);
	xc_query_free(q);
	assert_int_equal(xc_query_value_range(&q, 0, "20230601", NULL, &err), XC_OK);
	assert_int_equal(search(db, q, ids), 2);
	assert_int_equal(ids[0], 2);
	assert_int_equal(ids[1], 3);
	xc_query_free(q);
	assert_int_equal(xc_query_value_range(&q, 0, NULL, "20230601", &err), XC_OK);
	assert_int_equal(search(db, q, ids), 2);
	assert_int_equal(ids[0], 1);
	assert_int_equal(ids[1], 2);
	xc_query_free(q);
	assert_int_equal(xc_query_value_range(&q, 0, NULL, NULL, &err), XC_OK);
	assert_int_equal(search(db, q, ids), 3);

	/* Filter a term query by the range, then sort newest first. */
	xc_query *range = q, *term = term_query("report"), *filtered = NULL;
	const xc_query *subs[] = { term, range };
	assert_int_equal(xc_query_combine(&filtered, XC_OP_FILTER, subs, 2, 0, &err), XC_OK);
	xc_enquire *enq = NULL;
	xc_mset *m = NULL;
	assert_int_equal(xc_enquire_new(&enq, db, &err), XC_OK);
	assert_int_equal(xc_enquire_set_query(enq, filtered, &err), XC_OK);
	assert_int_equal(xc_enquire_set_sort_by_value(enq, 0, 1, &err), XC_OK);
	assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m, &err), XC_OK);
	assert_int_equal(xc_mset_size(m), 3);
	assert_int_equal(xc_mset_docid(m, 0), 3);
	assert_int_equal(xc_mset_docid(m, 2), 1);
	assert_int_equal(xc_mset_docid(m, 3), 0); /* out of range */
	xc_mset_free(m);
	xc_enquire_free(enq);
	xc_query_free(range);
	xc_query_free(term);
	xc_query_free(filtered);
	xc_wdb_free(w);
}

static void test_collapse(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	add_text(w, "kharkiv shelling", NULL, "A");
	add_text(w, "kharkiv shelling kharkiv", NULL, "A");
	add_text(w, "kharkiv front", NULL, "A");
	add_text(w, "kharkiv counteroffensive", NULL, "B");
	add_text(w, "kharkiv region", NULL, "B");
	xc_query *q = term_query("kharkiv");
	xc_enquire *enq = NULL;
	xc_mset *m = NULL;
	assert_int_equal(xc_enquire_new(&enq, xc_wdb_as_db(w), &err), XC_OK);
	assert_int_equal(xc_enquire_set_query(enq, q, &err), XC_OK);
	assert_int_equal(xc_enquire_set_collapse_key(enq, 0, 1, &err), XC_OK);
	assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 10, &m, &err), XC_OK);
	assert_int_equal(xc_mset_size(m), 2);
	uint32_t collapsed = 0;
	for (size_t i = 0; i < 2; i++) {
		xc_doc *doc = NULL;
		char *v = NULL;
		assert_int_equal(xc_mset_get_document(m, i, &doc, &err), XC_OK);
		char *key = NULL;
		assert_int_equal(xc_doc_get_value(doc, 0, &v, NULL, &err), XC_OK);
		assert_int_equal(xc_mset_collapse_key(m, i, &key, NULL, &err), XC_OK);
		assert_string_equal(key, v);   /* the article the match collapsed on */
		collapsed += xc_mset_collapse_count(m, i);
		assert_true(xc_mset_weight(m, i) > 0);
		free(key);
		free(v);
		xc_doc_free(doc);
	}
	assert_int_equal(collapsed, 3); /* 2 A's and 1 B were dropped */
	xc_doc *doc = NULL;
	char *key = NULL;
	assert_int_equal(xc_mset_get_document(m, 2, &doc, &err), XC_RANGE);
	assert_int_equal(xc_mset_collapse_key(m, 2, &key, NULL, &err), XC_RANGE);
	assert_null(key);
	xc_mset_free(m);

	assert_int_equal(xc_enquire_set_collapse_key(enq, 0, 2, &err), XC_OK);
	assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 10, &m, &err), XC_OK);
	assert_int_equal(xc_mset_size(m), 4);
	xc_mset_free(m);
	xc_enquire_free(enq);
	xc_query_free(q);
	xc_wdb_free(w);
}

static void test_transactions(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	xc_db *db = xc_wdb_as_db(w);
	add_text(w, "kept", NULL, NULL);
	assert_int_equal(xc_wdb_commit(w, &err), XC_OK);

	assert_int_equal(xc_wdb_begin_transaction(w, 1, &err), XC_OK);
	add_text(w, "discarded", NULL, NULL);
	assert_int_equal(doccount(db), 2); /* the view sees uncommitted changes */
	assert_int_equal(xc_wdb_cancel_transaction(w, &err), XC_OK);
	assert_int_equal(doccount(db), 1);
	int exists = 1;
	assert_int_equal(xc_db_term_exists(db, "discarded", &exists, &err), XC_OK);
	assert_int_equal(exists, 0);

	assert_int_equal(xc_wdb_begin_transaction(w, 1, &err), XC_OK);
	assert_int_equal(xc_wdb_begin_transaction(w, 1, &err), XC_INVALID_OPERATION);
	add_text(w, "committed", NULL, NULL);
	assert_int_equal(xc_wdb_commit_transaction(w, &err), XC_OK);
	assert_int_equal(xc_wdb_commit_transaction(w, &err), XC_INVALID_OPERATION);
	xc_wdb_free(w);

	xc_db *reader = NULL;
	assert_int_equal(xc_db_open(&reader, f->path, &err), XC_OK);
	assert_int_equal(doccount(reader), 2);
	xc_db_free(reader);
}

static void test_metadata(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	static const char bin[] = { 'a', '\0', 'b', (char)0xff, '\n' };
	assert_int_equal(xc_wdb_set_metadata(w, "qy:bin", bin, sizeof bin, &err), XC_OK);
	assert_int_equal(xc_wdb_set_metadata(w, "qy:text", "v1", 2, &err), XC_OK);
	assert_int_equal(xc_wdb_set_metadata(w, "other", "x", 1, &err), XC_OK);
	assert_int_equal(xc_wdb_commit(w, &err), XC_OK);
	xc_wdb_free(w);

	xc_db *db = NULL;
	assert_int_equal(xc_db_open(&db, f->path, &err), XC_OK);
	char *v = NULL;
	size_t len = 0;
	assert_int_equal(xc_db_get_metadata(db, "qy:bin", &v, &len, &err), XC_OK);
	assert_int_equal(len, sizeof bin);
	assert_memory_equal(v, bin, sizeof bin);
	assert_int_equal(v[len], '\0');
	free(v);
	assert_int_equal(xc_db_get_metadata(db, "absent", &v, &len, &err), XC_OK);
	assert_int_equal(len, 0);
	assert_string_equal(v, "");
	free(v);
	struct collect keys = { 0 };
	assert_int_equal(xc_db_metadata_keys(db, "qy:", collect_key, &keys, &err), XC_OK);
	assert_int_equal(keys.n, 2);
	assert_string_equal(keys.items[0], "qy:bin");
	assert_string_equal(keys.items[1], "qy:text");
	xc_db_free(db);

	/* An empty value deletes the key. */
	w = open_writer(f->path);
	assert_int_equal(xc_wdb_set_metadata(w, "qy:text", NULL, 0, &err), XC_OK);
	struct collect left = { 0 };
	assert_int_equal(xc_db_metadata_keys(xc_wdb_as_db(w), NULL, collect_key, &left, &err),
			 XC_OK);
	assert_int_equal(left.n, 2);
	assert_int_equal(xc_wdb_set_metadata(w, "", "x", 1, &err), XC_INVALID_ARGUMENT);
	xc_wdb_free(w);
}

static int has_capital_term(const xc_eset *e)
{
	for (size_t i = 0; i < xc_eset_size(e); i++)
		if (xc_eset_term(e, i)[0] >= 'A' && xc_eset_term(e, i)[0] <= 'Z')
			return 1;
	return 0;
}

static int eset_has(const xc_eset *e, const char *term)
{
	for (size_t i = 0; i < xc_eset_size(e); i++)
		if (strcmp(xc_eset_term(e, i), term) == 0)
			return 1;
	return 0;
}

static void test_eset(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	const char *texts[] = {
		"bakhmut artillery salt mine Pbakhmut", "bakhmut artillery wagner Pbakhmut",
		"soledar salt mine wagner Psoledar", "grain corridor odesa port",
		"grain exports odesa ships", "kherson bridge river",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		add_text(w, texts[i], NULL, NULL);
	assert_int_equal(xc_wdb_commit(w, &err), XC_OK);

	xc_enquire *enq = NULL;
	xc_eset *e = NULL;
	const xc_docid rset[] = { 1, 2 };
	assert_int_equal(xc_enquire_new(&enq, xc_wdb_as_db(w), &err), XC_OK);
	assert_int_equal(xc_enquire_get_eset(enq, 5, rset, 2, 0, &e, &err), XC_OK);
	assert_true(xc_eset_size(e) > 0 && xc_eset_size(e) <= 5);
	assert_true(eset_has(e, "artillery")); /* in both relevant docs only */
	assert_true(has_capital_term(e));
	assert_false(eset_has(e, "grain")); /* not in a relevant doc */
	for (size_t i = 1; i < xc_eset_size(e); i++)
		assert_true(xc_eset_weight(e, i - 1) >= xc_eset_weight(e, i));
	assert_null(xc_eset_term(e, 99));
	xc_eset_free(e);

	assert_int_equal(xc_enquire_get_eset(enq, 20, rset, 2, 1, &e, &err), XC_OK);
	assert_true(xc_eset_size(e) > 0);
	assert_false(has_capital_term(e));
	xc_eset_free(e);
	xc_enquire_free(enq);
	xc_wdb_free(w);
}

static void test_compact(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	char out[160];
	sub_path(f, "compacted", out, sizeof out);
	xc_wdb *w = open_writer(f->path);
	for (int i = 0; i < 50; i++)
		add_text(w, i % 2 ? "odd passage text" : "even passage text", NULL, NULL);
	assert_int_equal(xc_wdb_delete_document(w, 7, &err), XC_OK);
	assert_int_equal(xc_wdb_commit(w, &err), XC_OK);
	xc_wdb_free(w);

	xc_db *db = NULL, *copy = NULL;
	assert_int_equal(xc_db_open(&db, f->path, &err), XC_OK);
	assert_int_equal(xc_db_compact(db, out, &err), XC_OK);
	assert_int_equal(xc_db_open(&copy, out, &err), XC_OK);
	assert_int_equal(doccount(copy), 49);
	assert_int_equal(doccount(copy), doccount(db));
	uint32_t tf = 0;
	assert_int_equal(xc_db_termfreq(copy, "odd", &tf, &err), XC_OK);
	assert_int_equal(tf, 25);
	xc_db_free(copy);
	/* Compacting onto an existing database is refused, not thrown. */
	assert_true(xc_db_compact(db, f->path, &err) < 0);
	xc_db_free(db);
}

static void test_reader_sees_commit_after_reopen(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	add_text(w, "before", NULL, NULL);
	assert_int_equal(xc_wdb_commit(w, &err), XC_OK);
	xc_db *reader = NULL;
	assert_int_equal(xc_db_open(&reader, f->path, &err), XC_OK);
	int changed = -1;
	assert_int_equal(xc_db_reopen(reader, &changed, &err), XC_OK);
	assert_int_equal(changed, 0);

	add_text(w, "after", NULL, NULL);
	assert_int_equal(doccount(reader), 1); /* uncommitted: invisible */
	assert_int_equal(xc_wdb_commit(w, &err), XC_OK);
	assert_int_equal(doccount(reader), 1); /* committed, not yet reopened */
	assert_int_equal(xc_db_reopen(reader, &changed, &err), XC_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(doccount(reader), 2);
	xc_db_free(reader);
	xc_wdb_free(w);
}

static void test_queries_misc(void **state)
{
	struct fixture *f = *state;
	xc_error err;
	xc_wdb *w = open_writer(f->path);
	add_text(w, "sievierodonetsk severodonetsk", NULL, NULL);
	add_text(w, "severnyi", NULL, NULL);
	add_text(w, "lysychansk", NULL, NULL);
	xc_db *db = xc_wdb_as_db(w);
	xc_docid ids[16];
	xc_query *q = NULL;

	assert_int_equal(xc_query_wildcard(&q, "sever", 0, &err), XC_OK);
	assert_int_equal(search(db, q, ids), 2);
	xc_query_free(q);
	assert_int_equal(xc_query_wildcard(&q, "sever", 1, &err), XC_OK);
	char *desc = NULL;
	assert_int_equal(xc_query_describe(q, &desc, &err), XC_OK);
	assert_non_null(strstr(desc, "SYNONYM"));
	free(desc);
	xc_query_free(q);

	assert_int_equal(xc_query_match_all(&q, &err), XC_OK);
	assert_false(xc_query_is_empty(q));
	assert_int_equal(search(db, q, ids), 3);
	xc_query *scaled = NULL;
	assert_int_equal(xc_query_scale(&scaled, q, 2.0, &err), XC_OK);
	assert_int_equal(search(db, scaled, ids), 3);
	xc_query_free(scaled);
	assert_int_equal(xc_query_scale(&scaled, q, -1.0, &err), XC_INVALID_ARGUMENT);
	assert_null(scaled);
	xc_query_free(q);

	assert_int_equal(xc_query_match_nothing(&q, &err), XC_OK);
	assert_true(xc_query_is_empty(q));
	assert_int_equal(search(db, q, ids), 0);
	xc_query_free(q);

	/* Weighting: the term repeated twice ranks first under BM25. */
	add_text(w, "lysychansk lysychansk bridge", NULL, NULL);
	xc_enquire *enq = NULL;
	xc_mset *m = NULL;
	q = term_query("lysychansk");
	assert_int_equal(xc_enquire_new(&enq, db, &err), XC_OK);
	assert_int_equal(xc_enquire_set_query(enq, q, &err), XC_OK);
	assert_int_equal(xc_enquire_set_bm25(enq, 1.2, 0, 1, 0.5, 0.5, &err), XC_OK);
	assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 0, &m, &err), XC_OK);
	assert_int_equal(xc_mset_size(m), 2);
	assert_true(xc_mset_matches_estimated(m) == 2);
	assert_int_equal(xc_mset_docid(m, 0), 4);
	assert_true(xc_mset_weight(m, 0) > xc_mset_weight(m, 1));
	xc_mset_free(m);
	xc_enquire_free(enq);
	xc_query_free(q);
	xc_wdb_free(w);
}

static void test_status_strings(void **state)
{
	(void)state;
	for (int code = XC_TERM_TOO_LONG; code <= XC_OK; code++) {
		const char *s = xc_status_string(code);
		assert_non_null(s);
		assert_string_not_equal(s, "unknown status");
		for (int other = code + 1; other <= XC_OK; other++)
			assert_string_not_equal(s, xc_status_string(other));
	}
	assert_string_equal(xc_status_string(XC_DATABASE_LOCK), "database locked");
	assert_string_equal(xc_status_string(12345), "unknown status");
	assert_int_equal(xc_mset_size(NULL), 0);
	assert_null(xc_wdb_as_db(NULL));
	xc_db_free(NULL);
	xc_wdb_free(NULL);
	xc_doc_free(NULL);
	xc_query_free(NULL);
	xc_enquire_free(NULL);
	xc_mset_free(NULL);
	xc_eset_free(NULL);
}

static void test_remote_refused(void **state)
{
	(void)state;
	xc_error err;
	xc_db *db = (xc_db *)&err;
	/* Port 1 on localhost: nothing listens, so the connection fails fast. */
	int rc = xc_db_open_remote_tcp(&db, "127.0.0.1", 1, 2000, &err);
	assert_true(rc == XC_NETWORK || rc == XC_NETWORK_TIMEOUT);
	assert_null(db);
	assert_int_equal(err.code, rc);
	assert_true(strlen(err.message) > 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_round_trip),
		T(test_replace_and_delete_by_term),
		T(test_second_writer_is_locked),
		T(test_retry_lock_waits),
		T(test_open_errors),
		T(test_stub_file_and_multi),
		T(test_term_length_checks),
		T(test_missing_document),
		T(test_phrase_and_near),
		T(test_elite_set),
		T(test_value_range_and_sort),
		T(test_collapse),
		T(test_transactions),
		T(test_metadata),
		T(test_eset),
		T(test_compact),
		T(test_reader_sees_commit_after_reopen),
		T(test_queries_misc),
		T(test_status_strings),
		T(test_remote_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
