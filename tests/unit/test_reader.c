/* test_reader.c - the input readers: seeds, JSON Lines, gzip, limits, walks. */
#define _XOPEN_SOURCE 700  /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "indexer/article_fields.h"
#include "indexer/reader.h"
#include "indexer/text_article.h"
#include "util/buf.h"

static char tmp[] = "/tmp/quarry-test-reader-XXXXXX";

/* ---- fixtures --------------------------------------------------------- */

static char *path_of(const char *name)
{
	qy_buf b = QY_BUF_INIT;
	qy_buf_printf(&b, "%s/%s", tmp, name);
	return qy_buf_detach(&b);
}

static char *write_file(const char *name, const void *data, size_t len)
{
	char *p = path_of(name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return p;
}

static char *write_text(const char *name, const char *text)
{
	return write_file(name, text, strlen(text));
}

static char *write_gz(const char *name, const void *data, size_t len)
{
	char *p = path_of(name);
	gzFile gz = gzopen(p, "wb");
	assert_non_null(gz);
	if (len)
		assert_int_equal(gzwrite(gz, data, (unsigned)len), (int)len);
	assert_int_equal(gzclose(gz), Z_OK);
	return p;
}

static void make_dir(const char *name)
{
	char *p = path_of(name);
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
}

static long file_size(const char *p)
{
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	return (long)st.st_size;
}

static int remove_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(tmp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- reading helpers --------------------------------------------------- */

static qy_reader *open_ok(const char *p)
{
	qy_reader *r = NULL;
	qy_err err = QY_ERR_INIT;
	int rc = qy_reader_open(&r, p, &err);
	if (rc != QUARRY_OK)
		fail_msg("open %s: %s", p, err.msg);
	return r;
}

/* Reads the next article and checks it has this id. */
static void next_ok(qy_reader *r, qy_article *a, const char *id)
{
	qy_err err = QY_ERR_INIT;
	int rc = qy_reader_next(r, a, &err);
	if (rc != QUARRY_OK)
		fail_msg("expected article %s, got %d: %s", id, rc, err.msg);
	assert_string_equal(a->id, id);
	assert_non_null(a->title);
	assert_non_null(a->body);
	assert_int_equal(strlen(a->body), a->body_len);
}

/* Reads the next item and checks it is this error, with this message. */
static void next_error(qy_reader *r, int status, const char *msg)
{
	qy_article a;
	qy_err err = QY_ERR_INIT;
	int rc = qy_reader_next(r, &a, &err);
	if (rc == QUARRY_OK)
		fail_msg("expected error \"%s\", got article %s", msg, a.id);
	assert_int_equal(rc, status);
	assert_int_equal(err.status, status);
	assert_string_equal(err.msg, msg);
	assert_null(a.id);
}

static void next_done(qy_reader *r)
{
	qy_article a;
	qy_err err = QY_ERR_INIT;
	assert_int_equal(qy_reader_next(r, &a, &err), QUARRY_DONE);
	assert_int_equal(qy_reader_next(r, &a, &err), QUARRY_DONE);
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- the seeds --------------------------------------------------------- */

static void test_seeds(void **state)
{
	(void)state;
	const char *dir = SOURCE_DIR "/../shared/seeds";
	struct stat st;
	if (stat(dir, &st) != 0)
		skip();

	qy_reader *r = open_ok(dir);
	qy_article a;
	long total = 0;

	next_ok(r, &a, "000_fe5436120b95fceb");
	assert_string_equal(a.date, "2023-01-13");
	assert_true(starts_with(a.body, "Russia claimed control of the Ukrainian city of Soledar"));
	assert_int_equal(a.title_derived, 1);
	/* The first sentence is long: cut at a word boundary, marked "…". */
	assert_true(starts_with(a.title, "Russia claimed control of the Ukrainian city"));
	assert_true(strlen(a.title) <= QY_TITLE_CUT + 3);
	assert_string_equal(a.title + strlen(a.title) - 3, "\xE2\x80\xA6");
	qy_article_free(&a);

	next_ok(r, &a, "001_0cc1f2dd106bd901");
	assert_null(a.date);
	assert_int_equal(a.title_derived, 1);
	assert_string_equal(a.title, "Ukrainian forces will withdraw from Severodonetsk, "
				     "a senior Ukrainian official says.");
	assert_true(starts_with(a.body, "- Ukrainian forces will withdraw"));
	/* Trailing blank lines are not part of the body. */
	assert_string_equal(a.body + a.body_len - 15, "half of Zolote.");
	qy_article_free(&a);

	next_ok(r, &a, "002_e16b98b806988181");
	assert_null(a.date);
	assert_int_equal(a.title_derived, 0);
	assert_string_equal(a.title, "Russia takes control of a strategic Ukrainian city while "
				     "Kyiv denies as fierce battles in the eastern front continues");
	assert_true(starts_with(a.body, "Russia said Friday its forces"));
	qy_article_free(&a);

	next_ok(r, &a, "003_6291d9374a122252");
	assert_null(a.date);
	assert_int_equal(a.title_derived, 1);
	assert_true(starts_with(a.title, "This town in the eastern Donetsk region"));
	assert_true(starts_with(a.body, "This town in the eastern Donetsk region"));
	qy_article_free(&a);

	next_ok(r, &a, "004_076b1af19eaa0b4a");
	assert_string_equal(a.date, "2022-07-03");
	assert_int_equal(a.title_derived, 1);
	assert_true(starts_with(a.body, "Russian-backed separatists, Kadyrovites"));
	qy_article_free(&a);

	next_done(r);
	const char *names[] = { "000_fe5436120b95fceb", "001_0cc1f2dd106bd901",
				"002_e16b98b806988181", "003_6291d9374a122252",
				"004_076b1af19eaa0b4a" };
	for (int i = 0; i < 5; i++) {
		char p[512];
		snprintf(p, sizeof p, "%s/%s.txt", dir, names[i]);
		total += file_size(p);
	}
	assert_int_equal(qy_reader_bytes(r), (unsigned long long)total);
	qy_reader_free(r);
}

/* ---- JSON Lines --------------------------------------------------------- */

static const char three[] =
	"{\"id\":\"a1\",\"title\":\"Caf\\u00e9 \\\"news\\\"\",\"date\":\"2023-01-13\","
	"\"source\":\"src\",\"url\":\"http://x/1\",\"body\":\"Line one.\\nLine two.\"}\n"
	"{\"id\":2,\"date\":\"2023-01-14T10:00:00Z\",\"url\":\"\","
	"\"body\":\"Smile \\ud83d\\ude00 please. More.\"}\n"
	"  {\"body\":\"Tab\\there\",\"id\":\"a3\",\"extra\":[1,{\"k\":null}],\"date\":\"soon\"}\n";

static void check_three(qy_reader *r)
{
	qy_article a;
	next_ok(r, &a, "a1");
	assert_string_equal(a.title, "Caf\xC3\xA9 \"news\"");
	assert_int_equal(a.title_derived, 0);
	assert_string_equal(a.date, "2023-01-13");
	assert_string_equal(a.source, "src");
	assert_string_equal(a.url, "http://x/1");
	assert_string_equal(a.body, "Line one.\nLine two.");
	qy_article_free(&a);

	next_ok(r, &a, "2");
	assert_string_equal(a.date, "2023-01-14");
	assert_null(a.url);
	assert_null(a.source);
	assert_string_equal(a.body, "Smile \xF0\x9F\x98\x80 please. More.");
	assert_string_equal(a.title, "Smile \xF0\x9F\x98\x80 please.");
	assert_int_equal(a.title_derived, 1);
	qy_article_free(&a);

	next_ok(r, &a, "a3");
	assert_null(a.date);
	assert_string_equal(a.body, "Tab\there");
	assert_string_equal(a.title, "Tab here");
	qy_article_free(&a);
	next_done(r);
}

static void test_jsonl_records(void **state)
{
	(void)state;
	char *p = write_text("three.jsonl", three);
	qy_reader *r = open_ok(p);
	check_three(r);
	assert_int_equal(qy_reader_bytes(r), sizeof three - 1);
	qy_reader_free(r);
	free(p);
}

static void test_jsonl_bad_lines_are_skipped(void **state)
{
	(void)state;
	char *p = write_text("bad.jsonl",
			     "\n"
			     "{\"id\":\"g1\",\"body\":\"good\"}\n"
			     "this is not json\n"
			     "\n"
			     "{\"id\":\"nb\",\"title\":\"no body\"}\r\n"
			     "{\"id\":\"g2\",\"body\":\"also good\"} trailing\n"
			     "{\"title\":\"no id\",\"body\":\"still good\"}\r\n"
			     "{\"id\":\"last\",\"body\":\"no newline at the end\"}");
	qy_reader *r = open_ok(p);
	qy_article a;
	char msg[512];

	next_ok(r, &a, "g1");
	qy_article_free(&a);
	snprintf(msg, sizeof msg, "%s:3: not JSON (expected '{' at column 1)", p);
	next_error(r, QUARRY_EBADINPUT, msg);
	snprintf(msg, sizeof msg, "%s:5: no \"body\"", p);
	next_error(r, QUARRY_EBADINPUT, msg);
	snprintf(msg, sizeof msg, "%s:6: not JSON (expected end of line at column 32)", p);
	next_error(r, QUARRY_EBADINPUT, msg);
	/* A record without an id is named after its file and line. */
	next_ok(r, &a, "bad:7");
	assert_string_equal(a.title, "no id");
	qy_article_free(&a);
	next_ok(r, &a, "last");
	qy_article_free(&a);
	next_done(r);
	qy_reader_free(r);
	free(p);
}

/* ---- gzip --------------------------------------------------------------- */

static void test_gzip_jsonl(void **state)
{
	(void)state;
	char *p = write_gz("three.jsonl.gz", three, sizeof three - 1);
	qy_reader *r = open_ok(p);
	check_three(r);
	assert_int_equal(qy_reader_bytes(r), sizeof three - 1);
	qy_reader_free(r);
	free(p);
}

static void test_gzip_members(void **state)
{
	(void)state;
	/* Two gzip members one after the other read as one stream, as zcat does. */
	char *p = write_gz("two.jsonl.gz", "{\"id\":\"m1\",\"body\":\"one\"}\n", 25);
	char *q = write_gz("m2.gz", "{\"body\":\"two\"}\n", 15);
	FILE *in = fopen(q, "rb"), *out = fopen(p, "ab");
	assert_non_null(in);
	assert_non_null(out);
	int c;
	while ((c = fgetc(in)) != EOF)
		fputc(c, out);
	fclose(in);
	assert_int_equal(fclose(out), 0);

	qy_reader *r = open_ok(p);
	qy_article a;
	next_ok(r, &a, "m1");
	qy_article_free(&a);
	next_ok(r, &a, "two:2");
	assert_string_equal(a.body, "two");
	qy_article_free(&a);
	next_done(r);
	assert_int_equal(qy_reader_bytes(r), 40);
	qy_reader_free(r);
	free(p);
	free(q);
}

/* Records with varied words, so that they do not compress to nothing. */
static char *many_records(int n, size_t *len)
{
	qy_buf b = QY_BUF_INIT;
	unsigned seed = 12345;
	for (int i = 0; i < n; i++) {
		qy_buf_printf(&b, "{\"id\":\"r%d\",\"body\":\"", i);
		for (int w = 0; w < 30; w++) {
			seed = seed * 1103515245u + 12345u;
			qy_buf_printf(&b, "w%u ", (seed >> 8) % 100000);
		}
		qy_buf_puts(&b, "\"}\n");
	}
	*len = b.len;
	return qy_buf_detach(&b);
}

/* Reads r0, r1... in order up to the first error; returns how many. */
static int count_in_order(qy_reader *r, int *status, char *msg, size_t msg_size)
{
	qy_article a;
	qy_err err = QY_ERR_INIT;
	int n = 0, rc;
	char id[32];
	while ((rc = qy_reader_next(r, &a, &err)) == QUARRY_OK) {
		snprintf(id, sizeof id, "r%d", n++);
		assert_string_equal(a.id, id);
		qy_article_free(&a);
	}
	*status = rc;
	snprintf(msg, msg_size, "%s", rc == QUARRY_DONE ? "" : err.msg);
	return n;
}

static void test_truncated_gzip(void **state)
{
	(void)state;
	const int n = 3000;
	size_t len;
	char *data = many_records(n, &len);
	char *p = write_gz("cut.jsonl.gz", data, len);
	long size = file_size(p);
	assert_true(size > 10000);
	assert_int_equal(truncate(p, size * 6 / 10), 0);

	qy_reader *r = open_ok(p);
	int status;
	char msg[512], expect[512];
	int got = count_in_order(r, &status, msg, sizeof msg);
	assert_true(got > n / 4);
	assert_true(got < n);
	assert_int_equal(status, QUARRY_EBADINPUT);
	snprintf(expect, sizeof expect, "%s: truncated or corrupt gzip data after ", p);
	assert_true(starts_with(msg, expect));
	/* The count is of decompressed bytes: more than the records read. */
	unsigned long long after = strtoull(msg + strlen(expect), NULL, 10);
	assert_true(after >= (unsigned long long)got * 100);
	assert_true(after < len);
	next_done(r);
	qy_reader_free(r);
	free(p);
	free(data);
}

static void test_corrupt_gzip(void **state)
{
	(void)state;
	size_t len;
	char *data = many_records(3000, &len);
	char *p = write_gz("bad.jsonl.gz", data, len);
	long size = file_size(p);
	FILE *f = fopen(p, "r+b");
	assert_non_null(f);
	fseek(f, size / 2, SEEK_SET);
	for (int i = 0; i < 64; i++)
		fputc(0xA5 ^ i, f);
	fclose(f);

	/* Whatever comes out, the last thing before the end is the gzip error. */
	qy_reader *r = open_ok(p);
	qy_article a;
	qy_err err = QY_ERR_INIT;
	int rc, last = QUARRY_OK, ok = 0;
	char last_msg[QY_ERR_MSG_MAX] = "";
	while ((rc = qy_reader_next(r, &a, &err)) != QUARRY_DONE) {
		last = rc;
		if (rc == QUARRY_OK) {
			ok++;
			qy_article_free(&a);
		} else {
			snprintf(last_msg, sizeof last_msg, "%s", err.msg);
		}
	}
	assert_true(ok > 0);
	assert_int_equal(last, QUARRY_EBADINPUT);
	assert_non_null(strstr(last_msg, "truncated or corrupt gzip data after"));
	qy_reader_free(r);
	free(p);
	free(data);
}

/* ---- limits ------------------------------------------------------------- */

/* Writes prefix, then `fill` bytes of 'x', then suffix. */
static char *write_big(const char *name, const char *prefix, size_t fill, const char *suffix)
{
	char *p = path_of(name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	char *block = qy_malloc(1 << 20);
	memset(block, 'x', 1 << 20);
	fputs(prefix, f);
	while (fill > 0) {
		size_t n = fill < (1u << 20) ? fill : (1u << 20);
		assert_int_equal(fwrite(block, 1, n, f), n);
		fill -= n;
	}
	fputs(suffix, f);
	assert_int_equal(fclose(f), 0);
	free(block);
	return p;
}

static void test_long_line_is_skipped(void **state)
{
	(void)state;
	char *p = write_big("long.jsonl",
			    "{\"id\":\"before\",\"body\":\"short\"}\n{\"id\":\"big\",\"body\":\"",
			    QY_RECORD_MAX + 1024 * 1024,
			    "\"}\n{\"body\":\"after the long one\"}\n");
	qy_reader *r = open_ok(p);
	qy_article a;
	char msg[512];

	next_ok(r, &a, "before");
	qy_article_free(&a);
	snprintf(msg, sizeof msg, "%s:2: record over 32 MiB, skipped", p);
	next_error(r, QUARRY_ETOOBIG, msg);
	next_ok(r, &a, "long:3");
	assert_string_equal(a.body, "after the long one");
	qy_article_free(&a);
	next_done(r);
	assert_int_equal(qy_reader_bytes(r), (unsigned long long)file_size(p));
	qy_reader_free(r);
	free(p);
}

static void test_long_text_is_rejected(void **state)
{
	(void)state;
	char *p = write_big("long.txt", "Headline\n\n", QY_RECORD_MAX, "\n");
	qy_reader *r = open_ok(p);
	char msg[512];
	snprintf(msg, sizeof msg, "%s: article over 32 MiB, skipped", p);
	next_error(r, QUARRY_ETOOBIG, msg);
	next_done(r);
	qy_reader_free(r);
	free(p);
}

static void test_gzip_bomb_is_bounded(void **state)
{
	(void)state;
	/* 64 MiB of one byte compress to ~64 KiB. */
	const size_t n = 64u << 20;
	char *data = qy_malloc(n);
	memset(data, 'x', n);
	char *p = write_gz("bomb.txt.gz", data, n);
	free(data);
	assert_true(file_size(p) < 1 << 20);

	qy_reader *r = open_ok(p);
	char msg[512];
	snprintf(msg, sizeof msg, "%s: article over 32 MiB, skipped", p);
	next_error(r, QUARRY_ETOOBIG, msg);
	next_done(r);
	/* Reading stopped soon after the limit instead of inflating it all. */
	assert_true(qy_reader_bytes(r) > QY_RECORD_MAX);
	assert_true(qy_reader_bytes(r) < QY_RECORD_MAX + (4u << 20));
	qy_reader_free(r);
	free(p);
}

/* ---- plain text ---------------------------------------------------------- */

static void test_nul_bytes_in_text(void **state)
{
	(void)state;
	static const char text[] = "Nul Headline\n\nBody\0with\0\0nuls. End.\n";
	char *p = write_file("nul.txt", text, sizeof text - 1);
	qy_reader *r = open_ok(p);
	qy_article a;
	next_ok(r, &a, "nul");
	assert_string_equal(a.title, "Nul Headline");
	assert_string_equal(a.body, "Body with  nuls. End.");
	assert_int_equal(a.body_len, 21);
	qy_article_free(&a);
	next_done(r);
	qy_reader_free(r);
	free(p);
}

static void test_empty_files(void **state)
{
	(void)state;
	const char *names[] = { "empty.txt", "blank.txt", "dateonly.txt", "empty.txt.gz" };
	char *paths[4];
	paths[0] = write_text(names[0], "");
	paths[1] = write_text(names[1], " \n\n\t \r\n");
	paths[2] = write_text(names[2], " date 2023-01-13\n\n");
	paths[3] = write_gz(names[3], "", 0);
	for (int i = 0; i < 4; i++) {
		qy_reader *r = open_ok(paths[i]);
		char msg[512];
		snprintf(msg, sizeof msg, "%s: empty, nothing to index", paths[i]);
		next_error(r, QUARRY_EBADINPUT, msg);
		next_done(r);
		qy_reader_free(r);
		free(paths[i]);
	}
}

static void test_invalid_utf8_and_bom(void **state)
{
	(void)state;
	char *p = write_text("bom.jsonl", "\xEF\xBB\xBF{\"id\":\"b\",\"body\":\"ok \xFF\xFE\xC3\"}\n");
	qy_reader *r = open_ok(p);
	qy_article a;
	next_ok(r, &a, "b");
	assert_string_equal(a.body, "ok \xFF\xFE\xC3");
	qy_article_free(&a);
	next_done(r);
	qy_reader_free(r);
	free(p);

	p = write_text("junk.txt", "\xFF\xFE\x80 junk\xC3\n\n\xE2\x82 more.");
	r = open_ok(p);
	next_ok(r, &a, "junk");
	assert_int_equal(a.title_derived, 0);
	assert_string_equal(a.title, "\xFF\xFE\x80 junk\xC3");
	qy_article_free(&a);
	next_done(r);
	qy_reader_free(r);
	free(p);
}

/* ---- paths --------------------------------------------------------------- */

static void test_nonexistent_path(void **state)
{
	(void)state;
	qy_reader *r = (qy_reader *)1;
	qy_err err = QY_ERR_INIT;
	char *p = path_of("no-such-file.txt");
	assert_int_equal(qy_reader_open(&r, p, &err), QUARRY_ENOTFOUND);
	assert_null(r);
	char msg[512];
	snprintf(msg, sizeof msg, "%s: no such file or directory", p);
	assert_string_equal(err.msg, msg);
	free(p);
}

static void test_unreadable_top_file(void **state)
{
	(void)state;
	/* root reads whatever the mode says: nothing to test then. */
	if (geteuid() == 0)
		skip();
	char *p = write_text("secret.txt", "Secret\n\nText.\n");
	assert_int_equal(chmod(p, 0), 0);
	qy_reader *r = NULL;
	qy_err err = QY_ERR_INIT;
	assert_int_equal(qy_reader_open(&r, p, &err), QUARRY_EIO);
	char msg[512];
	snprintf(msg, sizeof msg, "%s: cannot open: Permission denied", p);
	assert_string_equal(err.msg, msg);
	chmod(p, 0644);
	free(p);
}

static void test_ids_of_top_files(void **state)
{
	(void)state;
	struct { const char *name, *id; } cases[] = {
		{ "x.y.txt", "x.y" },
		{ "noext", "noext" },
		{ "story.txt.gz", "story" },
		{ "v.1.jsonish", "v.1" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *p = write_text(cases[i].name, "Some text.\n");
		qy_reader *r = open_ok(p);
		qy_article a;
		next_ok(r, &a, cases[i].id);
		qy_article_free(&a);
		qy_reader_free(r);
		free(p);
	}
}

static void test_directory_walk(void **state)
{
	(void)state;
	make_dir("tree");
	make_dir("tree/sub");
	make_dir("tree/sub/d");
	make_dir("tree/.git");
	free(write_text("tree/b.json", "{\"id\":\"j1\",\"body\":\"x\"}\n{\"id\":\"j2\",\"body\":\"y\"}\n"));
	free(write_text("tree/A.txt", "Upper case sorts first.\n"));
	free(write_gz("tree/a.txt.gz", "Zipped text.\n", 13));
	free(write_text("tree/.hidden.txt", "Hidden.\n"));
	free(write_text("tree/.git/config", "Hidden too.\n"));
	free(write_text("tree/sub/c.txt", "In a subdirectory.\n"));
	free(write_text("tree/sub/d/e.txt", "Deeper.\n"));
	char *broken = path_of("tree/broken"), *fifo = path_of("tree/fifo");
	char *loop = path_of("tree/subloop"), *link = path_of("tree/link.txt");
	assert_int_equal(symlink("no-such-target", broken), 0);
	assert_int_equal(mkfifo(fifo, 0644), 0);
	assert_int_equal(symlink(".", loop), 0);
	assert_int_equal(symlink("A.txt", link), 0);
	char *locked = NULL;
	if (geteuid() != 0) {
		locked = write_text("tree/locked.txt", "Locked.\n");
		assert_int_equal(chmod(locked, 0), 0);
	}

	char *top = path_of("tree/");  /* a trailing slash changes nothing */
	qy_reader *r = open_ok(top);
	qy_article a;
	char msg[512];
	next_ok(r, &a, "A");
	qy_article_free(&a);
	next_ok(r, &a, "a");
	assert_string_equal(a.body, "Zipped text.");
	qy_article_free(&a);
	next_ok(r, &a, "j1");
	qy_article_free(&a);
	next_ok(r, &a, "j2");
	qy_article_free(&a);
	/* A broken link is a file that cannot be read, even by root. */
	snprintf(msg, sizeof msg, "%s/tree/broken: broken symbolic link: No such file or directory",
		 tmp);
	next_error(r, QUARRY_EIO, msg);
	next_ok(r, &a, "link");
	assert_string_equal(a.body, "Upper case sorts first.");
	qy_article_free(&a);
	if (locked) {
		snprintf(msg, sizeof msg, "%s/tree/locked.txt: cannot open: Permission denied", tmp);
		next_error(r, QUARRY_EIO, msg);
	}
	next_ok(r, &a, "sub/c");
	qy_article_free(&a);
	next_ok(r, &a, "sub/d/e");
	qy_article_free(&a);
	next_done(r);
	qy_reader_free(r);
	if (locked)
		chmod(locked, 0644);
	free(locked);
	free(top);
	free(broken);
	free(fifo);
	free(loop);
	free(link);
}

static void test_empty_directory(void **state)
{
	(void)state;
	make_dir("nothing");
	char *p = path_of("nothing");
	qy_reader *r = open_ok(p);
	next_done(r);
	assert_int_equal(qy_reader_bytes(r), 0);
	qy_reader_free(r);
	free(p);
}

/* ---- plain-text rules ----------------------------------------------------- */

typedef struct text_case {
	const char *text;
	const char *title;    /* expected title */
	int derived;          /* expected title_derived */
	const char *date;     /* expected date or NULL */
	const char *body;     /* expected start of the body */
} text_case;

static void test_text_rules(void **state)
{
	(void)state;
	static const text_case cases[] = {
		{ "Headline here\n\nBody text.", "Headline here", 0, NULL, "Body text." },
		{ "Russia Takes Control Of Toretsk\nBody line one.", "Russia Takes Control Of Toretsk",
		  0, NULL, "Body line one." },
		{ "russia takes control of toretsk today\nBody line.",
		  "russia takes control of toretsk today", 1, NULL, "russia takes" },
		{ "He said \xE2\x80\x9Cit is over.\xE2\x80\x9D\n\nNext.",
		  "He said \xE2\x80\x9Cit is over.\xE2\x80\x9D", 1, NULL, "He said" },
		{ "Is it over?\n\nBody.", "Is it over?", 1, NULL, "Is it over?" },
		{ "Note:\n\nBody.", "Note:", 1, NULL, "Note:" },
		{ "- bullet one\n- bullet two\n", "bullet one", 1, NULL, "- bullet one" },
		{ "\xE2\x80\xA2 dot bullet.\nMore.", "dot bullet.", 1, NULL, "\xE2\x80\xA2 dot" },
		{ "  date 2023-02-28\n\nHeadline\n\nBody.", "Headline", 0, "2023-02-28", "Body." },
		{ " date 2024-02-29 Same line text. Second.", "Same line text.", 1, "2024-02-29",
		  "Same line text." },
		{ " date 2023-02-30 Text.", "date 2023-02-30 Text.", 1, NULL, "date 2023-02-30" },
		{ "date 2024-02-29T10:00 x", "date 2024-02-29T10:00 x", 1, NULL, "date 2024" },
		{ "Gen. Smith met U.S. officials on Jan. 5. Then more.",
		  "Gen. Smith met U.S. officials on Jan. 5.", 1, NULL, "Gen. Smith" },
		{ "Only one line", "Only one line", 1, NULL, "Only one line" },
		{ "Headline\r\n\r\nBody with CRLF.\r\n", "Headline", 0, NULL, "Body with CRLF." },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const text_case *c = &cases[i];
		char *text = qy_strdup(c->text);
		qy_article a;
		qy_err err = QY_ERR_INIT;
		assert_int_equal(qy_text_article_parse(&a, "t", text, strlen(text), &err), QUARRY_OK);
		if (strcmp(a.title, c->title) != 0 || a.title_derived != c->derived)
			fail_msg("case %zu: title [%s] derived %d", i, a.title, a.title_derived);
		if (c->date)
			assert_string_equal(a.date, c->date);
		else
			assert_null(a.date);
		if (!starts_with(a.body, c->body))
			fail_msg("case %zu: body [%s]", i, a.body);
		assert_int_equal(a.body_len, strlen(a.body));
		qy_article_free(&a);
		free(text);
	}
}

static void test_long_titles(void **state)
{
	(void)state;
	qy_buf b = QY_BUF_INIT;
	/* A 250-byte first line is no title even with a blank line after it. */
	for (int i = 0; i < 25; i++)
		qy_buf_puts(&b, "word word ");
	qy_buf_puts(&b, "\n\nBody.");
	char *text = qy_buf_detach(&b);
	qy_article a;
	qy_err err = QY_ERR_INIT;
	assert_int_equal(qy_text_article_parse(&a, "t", text, strlen(text), &err), QUARRY_OK);
	assert_int_equal(a.title_derived, 1);
	size_t n = strlen(a.title);
	assert_true(n <= QY_TITLE_CUT + 3);
	assert_string_equal(a.title + n - 3, "\xE2\x80\xA6");
	/* Cut at a word boundary: the body goes on with a space there. */
	assert_memory_equal(a.body, a.title, n - 3);
	assert_int_equal(a.body[n - 3], ' ');
	qy_article_free(&a);
	free(text);

	/* One 150-byte word: cut inside it, on a character boundary. */
	qy_buf_clear(&b);
	for (int i = 0; i < 75; i++)
		qy_buf_puts(&b, "\xC3\xA9");
	char *word = qy_buf_detach(&b);
	char *t = qy_title_derive(word, strlen(word));
	assert_int_equal(strlen(t), QY_TITLE_CUT + 3);
	assert_memory_equal(t, word, QY_TITLE_CUT);
	free(t);
	free(word);

	/* A sentence of up to QY_TITLE_SLACK bytes is kept whole. */
	char s[QY_TITLE_SLACK + 1];
	memset(s, 'a', sizeof s - 2);
	s[40] = s[80] = ' ';
	s[sizeof s - 2] = '.';
	s[sizeof s - 1] = '\0';
	t = qy_title_derive(s, strlen(s));
	assert_string_equal(t, s);
	free(t);
}

static void test_date_prefix(void **state)
{
	(void)state;
	char d[11];
	assert_true(qy_date_prefix("2023-01-13", 10, d));
	assert_string_equal(d, "2023-01-13");
	assert_true(qy_date_prefix("2024-02-29", 10, d));
	assert_true(qy_date_prefix("2000-02-29 12:00", 16, d));
	assert_true(qy_date_prefix("2023-01-13T08:00:00Z", 20, d));
	assert_string_equal(d, "2023-01-13");
	assert_false(qy_date_prefix("2023-02-29", 10, d));
	assert_false(qy_date_prefix("1900-02-29", 10, d));
	assert_false(qy_date_prefix("2023-13-01", 10, d));
	assert_false(qy_date_prefix("2023-04-31", 10, d));
	assert_false(qy_date_prefix("2023-00-10", 10, d));
	assert_false(qy_date_prefix("2023-1-13", 9, d));
	assert_false(qy_date_prefix("2023-01-134", 11, d));
	assert_false(qy_date_prefix("2023/01/13", 10, d));
	assert_false(qy_date_prefix("2023-01-1", 9, d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seeds),
		cmocka_unit_test(test_jsonl_records),
		cmocka_unit_test(test_jsonl_bad_lines_are_skipped),
		cmocka_unit_test(test_gzip_jsonl),
		cmocka_unit_test(test_gzip_members),
		cmocka_unit_test(test_truncated_gzip),
		cmocka_unit_test(test_corrupt_gzip),
		cmocka_unit_test(test_long_line_is_skipped),
		cmocka_unit_test(test_long_text_is_rejected),
		cmocka_unit_test(test_gzip_bomb_is_bounded),
		cmocka_unit_test(test_nul_bytes_in_text),
		cmocka_unit_test(test_empty_files),
		cmocka_unit_test(test_invalid_utf8_and_bom),
		cmocka_unit_test(test_nonexistent_path),
		cmocka_unit_test(test_unreadable_top_file),
		cmocka_unit_test(test_ids_of_top_files),
		cmocka_unit_test(test_directory_walk),
		cmocka_unit_test(test_empty_directory),
		cmocka_unit_test(test_text_rules),
		cmocka_unit_test(test_long_titles),
		cmocka_unit_test(test_date_prefix),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
