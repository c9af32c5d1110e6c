/* test_sentence_encoder.c - the piece cut and the sentence encoder against the JavaScript release's output, nearness of meaning, a passage's stored vectors, the rerank's rule, hostile text and hostile model files. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis/sentence_encoder.h"
#include "analysis/sentence_pieces.h"
#include "indexer/passage_vectors.h"
#include "schema/schema.h"
#include "searcher/meaning.h"
#include "util/buf.h"
#include "util/file.h"

#define MODEL SOURCE_DIR "/data/" QY_SENTENCE_ENCODER_FILE

static qy_sentence_encoder *enc;

static int load_model(void **state)
{
	qy_err err = QY_ERR_INIT;

	(void)state;
	if (qy_sentence_encoder_load(&enc, SOURCE_DIR "/data", &err) != QUARRY_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int free_model(void **state)
{
	(void)state;
	qy_sentence_encoder_free(enc);
	return 0;
}

static void assert_pieces(const char *text, const int32_t *want, size_t n)
{
	int32_t got[QY_ENCODER_MAX_PIECES];
	size_t k = qy_sentence_encoder_pieces(enc, text, strlen(text), got, QY_ENCODER_MAX_PIECES);

	if (k != n)
		fail_msg("%s: %zu pieces, wanted %zu", text, k, n);
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("%s: piece %zu is %d, wanted %d", text, i, got[i], want[i]);
}

/* The ids are what @energetic-ai/embeddings 0.2.0 (the JavaScript release
 * of the model) gives for the same strings. */
static void test_pieces_match_release(void **state)
{
	static const int32_t q[] = { 1945, 750, 7, 3561, 7, 48, 4196, 7, 173, 54 };
	static const int32_t s[] = { 34, 559, 33, 6014, 26, 55, 1660, 48, 469, 988, 736, 6 };
	static const int32_t claim[] = { 860, 24, 294, 298, 7, 512, 3721, 80, 25, 514, 3581, 24,
					 4873, 24, 5216, 45, 100, 1023, 9, 752, 57, 77, 802, 974,
					 21, 236, 91 };
	static const int32_t ligatures[] = { 1077, 3801 };
	static const int32_t two_spaces[] = { 11, 30, 464 };

	(void)state;
	assert_pieces("Who controls Lysychansk?", q, 10);
	assert_pieces("The side was captained by Peyton Manning.", s, 12);
	/* NFKC: the ellipsis is three stops; curly quotes stay. */
	assert_pieces("Pro-Russian forces said on 2022-07-03 they had taken the city: "
		      "\xe2\x80\x9cwe hold it\xe2\x80\x9d\xe2\x80\xa6", claim, 27);
	assert_pieces("\xef\xac\x81nal \xef\xac\x82" "ag", ligatures, 2);   /* "ﬁnal ﬂag" */
	assert_pieces("a  b", two_spaces, 3);
}

static double cosine(const float *a, const float *b)
{
	double dot = 0;

	for (size_t i = 0; i < QY_ENCODER_DIMS; i++)
		dot += (double)a[i] * b[i];
	return dot;   /* both are unit vectors */
}

static void encode(const char *text, float *v)
{
	qy_sentence_encode(enc, text, strlen(text), v);
}

/* The first dimensions of the JavaScript release's vectors; the weights are
 * stored as int8, which moves each by about 0.002. */
static void test_vectors_match_release(void **state)
{
	static const float q[8] = { 0.0466f, 0.0051f, 0.0122f, 0.0506f,
				    -0.0404f, 0.0287f, -0.0351f, -0.0340f };
	static const float s[8] = { 0.0476f, 0.0598f, -0.0668f, -0.0513f,
				    0.0463f, -0.0458f, -0.0467f, -0.0665f };
	float v[QY_ENCODER_DIMS], w[QY_ENCODER_DIMS];

	(void)state;
	encode("Who controls Lysychansk?", v);
	encode("The side was captained by Peyton Manning.", w);
	for (size_t i = 0; i < 8; i++) {
		if (fabsf(v[i] - q[i]) > 0.01f || fabsf(w[i] - s[i]) > 0.01f)
			fail_msg("dimension %zu: %.4f and %.4f, wanted %.4f and %.4f", i, v[i],
				 w[i], q[i], s[i]);
	}
	assert_true(fabs(cosine(v, v) - 1.0) < 1e-4);
}

/* What the rerank relies on: the answer in other words is nearer the
 * question than a sentence on the same subject that does not answer it. */
static void test_meaning_is_near(void **state)
{
	float q[QY_ENCODER_DIMS], answer[QY_ENCODER_DIMS], other[QY_ENCODER_DIMS],
	      far[QY_ENCODER_DIMS];

	(void)state;
	encode("Who led the team on the field?", q);
	encode("The side was captained by Peyton Manning.", answer);
	encode("The stadium holds seventy thousand people.", other);
	encode("Wheat prices rose after the grain deal collapsed.", far);
	double a = cosine(q, answer), o = cosine(q, other), f = cosine(q, far);
	if (!(a > o && o > f))
		fail_msg("answer %.3f, same subject %.3f, unrelated %.3f", a, o, f);

	encode("Russian troops captured the city of Lysychansk.", answer);
	encode("Who took control of Lysychansk?", q);
	encode("Lysychansk is on the Siverskyi Donets river.", other);
	a = cosine(q, answer);
	o = cosine(q, other);
	if (!(a > o))
		fail_msg("capture %.3f, geography %.3f", a, o);
}

/* The rows of a passage's value: its own vector, then its sentences' in
 * order, each the same as when encoded alone. */
static void assert_rows(const char *text, const char *const *sentences, size_t n,
			const char *value, size_t len, unsigned threads)
{
	float v[QY_ENCODER_DIMS];

	if (len != (1 + n) * QY_ENCODER_DIMS)
		fail_msg("%u threads: %zu bytes, wanted %zu", threads, len,
			 (1 + n) * QY_ENCODER_DIMS);
	for (size_t row = 0; row <= n; row++) {
		if (row == 0)
			qy_sentence_encode(enc, text, strlen(text), v);
		else
			encode(sentences[row - 1], v);
		for (size_t d = 0; d < QY_ENCODER_DIMS; d++) {
			long want = lroundf(v[d] * 127.0f);
			if (value[row * QY_ENCODER_DIMS + d] != (char)want)
				fail_msg("%u threads, row %zu dimension %zu: %d, wanted %ld", threads,
					 row, d, value[row * QY_ENCODER_DIMS + d], want);
		}
	}
}

/* The value slot a passage gets is the same whichever thread encoded
 * which text (the indexer shares a passage's texts among the cores), on
 * one thread, on more threads than texts, and on the cores there are. */
static void test_passage_vectors_in_order(void **state)
{
	static const char *const sentences[] = {
		("Russian troops captured the city of Lysychansk after weeks of shelling "
		 "from three sides, the defence ministry in Moscow said on Sunday."),
		"Kyiv denied it.",
		"The National Guard said its units were still fighting on the outskirts.",
		"Residents fled west.",
		"Lysychansk is on the Siverskyi Donets river, across from Sievierodonetsk.",
	};
	const size_t n = sizeof sentences / sizeof sentences[0];
	static const unsigned threads[] = { 0, 1, 2, 3, 8 };   /* 0: the cores there are */
	char text[1024] = "";
	xc_doc *doc;
	xc_error xe;
	qy_err err = QY_ERR_INIT;
	char *value;
	size_t len;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		strcat(text, sentences[i]);
		strcat(text, i + 1 < n ? " " : "");
	}
	for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
		assert_int_equal(xc_doc_new(&doc, &xe), XC_OK);
		int rc = threads[t] ? qy_passage_vectors_add_on(enc, text, strlen(text), threads[t],
								doc, &err)
				    : qy_passage_vectors_add(enc, text, strlen(text), doc, &err);
		assert_int_equal(rc, QUARRY_OK);
		assert_int_equal(xc_doc_get_value(doc, QY_SLOT_MEANING, &value, &len, &xe), XC_OK);
		assert_rows(text, sentences, n, value, len, threads[t]);
		free(value);
		xc_doc_free(doc);
	}

	/* One sentence: only the passage's vector. */
	assert_int_equal(xc_doc_new(&doc, &xe), XC_OK);
	assert_int_equal(qy_passage_vectors_add(enc, sentences[1], strlen(sentences[1]), doc, &err),
			 QUARRY_OK);
	assert_int_equal(xc_doc_get_value(doc, QY_SLOT_MEANING, &value, &len, &xe), XC_OK);
	assert_int_equal(len, QY_ENCODER_DIMS);
	free(value);
	xc_doc_free(doc);
}

/* The rerank's rule: passage share x cos(passage) + sentence share x the
 * nearest sentence (the passage itself when it has no sentence rows);
 * nothing for a value that is not whole vectors; and which queries are
 * long enough to have a meaning. */
static void test_meaning_rules(void **state)
{
	float q[QY_ENCODER_DIMS] = { 0 };
	int8_t value[3 * QY_ENCODER_DIMS] = { 0 };

	(void)state;
	q[0] = 1;
	value[0] = 127;                          /* passage: cosine 1 */
	value[QY_ENCODER_DIMS + 1] = 127;        /* sentence 1: cosine 0 */
	value[2 * QY_ENCODER_DIMS] = -127;       /* sentence 2: cosine -1 */
	const char *v = (const char *)value;
	double w = MEANING_PASSAGE_WEIGHT, ws = MEANING_SENTENCE_WEIGHT;
	assert_true(fabs(qy_meaning_nearness(q, v, QY_ENCODER_DIMS) - (w + ws)) < 1e-9);
	assert_true(fabs(qy_meaning_nearness(q, v, 3 * QY_ENCODER_DIMS) - w) < 1e-9);
	value[2 * QY_ENCODER_DIMS] = 64;         /* sentence 2 now the nearest: */
	value[2 * QY_ENCODER_DIMS + 1] = 64;     /* cosine 1/sqrt(2) */
	assert_true(fabs(qy_meaning_nearness(q, v, 3 * QY_ENCODER_DIMS) - (w + ws / sqrt(2))) < 1e-9);
	assert_true(qy_meaning_nearness(q, v, QY_ENCODER_DIMS + 1) == 0);
	assert_true(qy_meaning_nearness(q, v, 0) == 0);

	assert_int_equal(qy_meaning_words(""), 0);
	assert_int_equal(qy_meaning_words("  Lysychansk  "), 1);
	assert_int_equal(qy_meaning_words("who\tcontrols  Lysychansk now?"), 4);
	assert_true(qy_meaning_words("team field captained") < QY_MEANING_MIN_WORDS);
	/* A phrase's words count, a '+' does not; fields, exclusions, boolean
	 * operators and groups are not running text. */
	assert_int_equal(qy_meaning_words("who said \"no sense in holding ruins\" +Haidai"), 8);
	assert_int_equal(qy_meaning_words("kyiv OR lviv attacks last week"), 0);
	assert_int_equal(qy_meaning_words("who shelled the plant -war"), 0);
	assert_int_equal(qy_meaning_words("who shelled the plant place:Enerhodar"), 0);
	assert_int_equal(qy_meaning_words("who shelled (the plant)"), 0);
	assert_int_equal(qy_meaning_words("who said \"unbalanced"), 0);
}

static void assert_unit(const float *v)
{
	double n = 0;

	for (size_t i = 0; i < QY_ENCODER_DIMS; i++) {
		assert_true(isfinite(v[i]));
		n += (double)v[i] * v[i];
	}
	assert_true(fabs(n - 1.0) < 1e-3);
}

static void test_hostile_text(void **state)
{
	float v[QY_ENCODER_DIMS];
	size_t big = 1 << 20;
	char *text = malloc(big);

	(void)state;
	assert_non_null(text);
	/* invalid UTF-8, NUL bytes, a lone continuation byte, a truncated sequence */
	static const char bad[] = "ok \xff\xfe \x00\x00 \x80 caf\xc3";
	assert_true(qy_sentence_encode(enc, bad, sizeof bad - 1, v) > 0);
	assert_unit(v);
	/* a 300-byte token, then 1 MB of text: at most 128 pieces are read */
	memset(text, 'x', 300);
	assert_int_equal(qy_sentence_encode(enc, text, 300, v) > 0, 1);
	assert_unit(v);
	for (size_t i = 0; i < big; i++)
		text[i] = "word "[i % 5];
	assert_int_equal(qy_sentence_encode(enc, text, big, v), QY_ENCODER_MAX_PIECES);
	assert_unit(v);
	/* nothing at all */
	assert_int_equal(qy_sentence_encode(enc, "", 0, v), 0);
	assert_unit(v);
	free(text);
}

static void assert_corrupt(const char *data, size_t len, const char *why)
{
	qy_sentence_encoder *e = NULL;
	qy_err err = QY_ERR_INIT;

	assert_int_equal(qy_sentence_encoder_parse(&e, data, len, "model", &err), QUARRY_ECORRUPT);
	assert_null(e);
	if (!strstr(err.msg, "model: ") || !strstr(err.msg, why))
		fail_msg("message '%s' does not say 'model: ... %s'", err.msg, why);
}

/* The real file, cut short anywhere, grown by a byte or given a bad magic
 * or header, is refused with a reason; nothing is read out of bounds (the
 * sanitizer build checks that). */
static void test_hostile_files(void **state)
{
	char *raw = NULL;
	size_t len = 0;
	qy_err err = QY_ERR_INIT;
	qy_sentence_encoder *e = NULL;

	(void)state;
	assert_int_equal(qy_read_file(MODEL, &raw, &len, &err), QUARRY_OK);
	assert_corrupt(raw, 7, "bad magic");
	static const size_t cuts[] = { 8, 20, 40, 1000, 100000 };
	for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++)
		assert_corrupt(raw, cuts[i], "truncated");
	assert_corrupt(raw, len / 2, "truncated");
	assert_corrupt(raw, len - 1, "truncated");
	char *longer = malloc(len + 1);
	assert_non_null(longer);
	memcpy(longer, raw, len);
	longer[len] = 0;
	assert_corrupt(longer, len + 1, "bytes after the last tensor");
	longer[12] = 0x7f;   /* rows: 127, below the vocabulary */
	longer[13] = 0;
	assert_corrupt(longer, len, "vocabulary");
	memcpy(longer, raw, len);
	longer[8 + 4 * 5] = 3;   /* heads: 3 does not divide the widths */
	assert_corrupt(longer, len, "dimensions");
	memcpy(longer, raw, len);
	longer[12] = 0;          /* rows: 2^20, a 256 MB table the file does not hold */
	longer[13] = 0;
	longer[14] = 0x10;
	longer[15] = 0;
	assert_corrupt(longer, len, "the header promises more tensors than the file holds");
	free(longer);
	assert_int_equal(qy_sentence_encoder_parse(&e, raw, len, "model", &err), QUARRY_OK);
	qy_sentence_encoder_free(e);
	free(raw);
	assert_int_equal(qy_sentence_encoder_load(&e, SOURCE_DIR "/no such dir", &err),
			 QUARRY_ENOTFOUND);
	assert_null(e);
}

static size_t cut(const qy_pieces *p, const char *text, int32_t *ids)
{
	return qy_pieces_encode(p, text, strlen(text), ids, 16);
}

/* The search's own rules, on a vocabulary small enough to work out. */
static void test_piece_rules(void **state)
{
	qy_pieces *p = qy_pieces_new(12);
	int32_t ids[16];

	(void)state;
	assert_true(qy_pieces_set(p, 6, "\xe2\x96\x81", 3, -1));   /* "▁" */
	assert_true(qy_pieces_set(p, 7, "a", 1, -1));
	assert_true(qy_pieces_set(p, 8, "b", 1, -5));
	assert_true(qy_pieces_set(p, 9, "ab", 2, -3));
	assert_true(qy_pieces_set(p, 10, "x", 1, -1));
	assert_true(qy_pieces_set(p, 11, "xy", 2, -2));
	assert_false(qy_pieces_set(p, 11, "z", 1, -1));          /* id taken */
	assert_false(qy_pieces_set(p, 3, "q", 1, -1));           /* reserved */
	assert_false(qy_pieces_set(p, 5, "\xff", 1, -1));        /* not UTF-8 */
	/* the best sum: "ab" (-3) beats "a" + "b" (-6) */
	assert_int_equal(cut(p, "ab", ids), 2);
	assert_int_equal(ids[0], 6);
	assert_int_equal(ids[1], 9);
	/* a run of characters no piece starts with is one unknown piece */
	assert_int_equal(cut(p, "zzz", ids), 2);
	assert_int_equal(ids[1], 0);
	/* an unknown piece scores 0: "x" + unknown "y" (-1) beats "xy" (-2) */
	assert_int_equal(cut(p, "xy", ids), 3);
	assert_int_equal(ids[1], 10);
	assert_int_equal(ids[2], 0);
	/* max_ids keeps the first pieces */
	assert_int_equal(qy_pieces_encode(p, "ab ab ab", 8, ids, 2), 2);
	assert_int_equal(ids[1], 9);
	qy_pieces_free(p);

	/* A piece given twice is the later id (the release's vocabulary has
	 * one such piece). */
	p = qy_pieces_new(9);
	assert_true(qy_pieces_set(p, 6, "\xe2\x96\x81" "a", 4, -1));
	assert_true(qy_pieces_set(p, 7, "\xe2\x96\x81", 3, -10));
	assert_true(qy_pieces_set(p, 8, "\xe2\x96\x81" "a", 4, -2));
	assert_int_equal(cut(p, "a", ids), 1);
	assert_int_equal(ids[0], 8);
	qy_pieces_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pieces_match_release),
		cmocka_unit_test(test_vectors_match_release),
		cmocka_unit_test(test_meaning_is_near),
		cmocka_unit_test(test_passage_vectors_in_order),
		cmocka_unit_test(test_meaning_rules),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_hostile_files),
		cmocka_unit_test(test_piece_rules),
	};
	return cmocka_run_group_tests(tests, load_model, free_model);
}
