/* test_passages.c - unit tests for cutting article bodies into passages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/passages.h"
#include "util/buf.h"

/* A byte of a blank: ASCII, or of U+00A0 which the random tests use. */
static bool is_blank_byte(char c)
{
	return c && strchr(" \t\r\n\xC2\xA0", c);
}

/* Splits a heap copy of exactly len bytes and checks what every result
 * must keep: in order, non-overlapping, inside the body, non-empty,
 * trimmed, never over the hard cap, covering every non-blank byte. */
static void split(const char *body, size_t len, qy_spans *out)
{
	char *copy = malloc(len ? len : 1);
	size_t last = 0;

	memcpy(copy, body, len);
	qy_spans_clear(out);
	qy_split_passages(copy, len, out);
	for (size_t i = 0; i < out->count; i++) {
		qy_span s = out->items[i];
		assert_true(s.start >= last);
		assert_true(s.end > s.start);
		assert_true(s.end <= len);
		assert_true(s.end - s.start <= 4 * QY_PASSAGE_MAX_BYTES);
		assert_false(copy[s.start] && strchr(" \t\r\n", copy[s.start]));
		assert_false(copy[s.end - 1] && strchr(" \t\r\n", copy[s.end - 1]));
		for (size_t k = last; k < s.start; k++)
			assert_true(is_blank_byte(copy[k]));
		last = s.end;
	}
	for (size_t k = last; k < len; k++)
		assert_true(is_blank_byte(copy[k]));
	free(copy);
}

/* A sentence of exactly n bytes ending in a full stop (n >= 10). */
static void add_sentence(qy_buf *b, size_t n, int i)
{
	char head[16];
	int k = snprintf(head, sizeof head, "S%d word", i);

	qy_buf_append(b, head, (size_t)k);
	for (size_t j = (size_t)k; j + 1 < n; j++)
		qy_buf_putc(b, j % 6 == 5 ? ' ' : 'x');
	qy_buf_putc(b, '.');
}

static void test_paragraphs(void **state)
{
	(void)state;
	qy_buf b = QY_BUF_INIT;
	qy_spans sp = QY_SPANS_INIT;

	/* Three paragraphs of 200 bytes: blank lines, a single newline, and
	 * blank lines with spaces and \r\n. */
	add_sentence(&b, 200, 1);
	qy_buf_puts(&b, "\n\n");
	add_sentence(&b, 200, 2);
	qy_buf_puts(&b, "\n");
	add_sentence(&b, 200, 3);
	qy_buf_puts(&b, "\r\n  \r\n\n");
	split(b.data, b.len, &sp);
	assert_int_equal(sp.count, 3);
	assert_int_equal(sp.items[0].start, 0);
	assert_int_equal(sp.items[0].end, 200);
	assert_int_equal(sp.items[1].start, 202);
	assert_int_equal(sp.items[1].end, 402);
	assert_int_equal(sp.items[2].start, 403);
	assert_int_equal(sp.items[2].end, 603);
	qy_buf_free(&b);
	qy_spans_free(&sp);
}

static void test_short_paragraphs_join(void **state)
{
	(void)state;
	qy_buf b = QY_BUF_INIT;
	qy_spans sp = QY_SPANS_INIT;

	/* A headline, two long paragraphs, a short closing line. */
	qy_buf_puts(&b, "Russia takes control of Toretsk\n");
	add_sentence(&b, 300, 1);
	qy_buf_puts(&b, "\n\n");
	add_sentence(&b, 300, 2);
	qy_buf_puts(&b, "\n\n\xE2\x80\x9CWe were told to hold out,\xE2\x80\x9D he said.\n");
	split(b.data, b.len, &sp);
	assert_int_equal(sp.count, 2);
	assert_int_equal(sp.items[0].start, 0);   /* headline joined forward */
	assert_int_equal(sp.items[0].end, 32 + 300);
	assert_int_equal(sp.items[1].start, 32 + 302);
	assert_int_equal(sp.items[1].end, b.len - 1);   /* last line joined back */
	qy_buf_free(&b);

	/* Never joined past the maximum: a short line between two paragraphs
	 * of nearly the maximum stays alone. */
	add_sentence(&b, QY_PASSAGE_MAX_BYTES - 4, 1);
	qy_buf_puts(&b, "\n\nShort.\n\n");
	add_sentence(&b, QY_PASSAGE_MAX_BYTES - 4, 2);
	split(b.data, b.len, &sp);
	assert_int_equal(sp.count, 3);
	assert_int_equal(sp.items[1].end - sp.items[1].start, 6);
	qy_buf_free(&b);

	/* A body that is all short paragraphs becomes one passage. */
	qy_buf_puts(&b, "One.\n\nTwo.\n\nThree.");
	split(b.data, b.len, &sp);
	assert_int_equal(sp.count, 1);
	assert_int_equal(sp.items[0].end, b.len);
	qy_buf_free(&b);
	qy_spans_free(&sp);
}

static void test_bullets_and_wrapping(void **state)
{
	(void)state;
	qy_buf b = QY_BUF_INIT;
	qy_spans sp = QY_SPANS_INIT;

	/* A run of bullets is one paragraph; hard-wrapped lines (lower case
	 * after no stop) are one paragraph. */
	for (int i = 0; i < 3; i++) {
		qy_buf_puts(&b, "- ");
		add_sentence(&b, 100, i);
		qy_buf_putc(&b, '\n');
	}
	size_t prose = b.len;
	for (int i = 0; i < 4; i++)
		qy_buf_puts(&b, "this prose was wrapped at a fixed width by some tool and\n");
	qy_buf_puts(&b, "it ends here.");
	split(b.data, b.len, &sp);
	assert_int_equal(sp.count, 2);
	assert_int_equal(sp.items[0].end, prose - 1);
	assert_int_equal(sp.items[1].start, prose);
	assert_int_equal(sp.items[1].end, b.len);
	qy_buf_free(&b);
	qy_spans_free(&sp);
}

static void test_long_paragraph_windows(void **state)
{
	(void)state;
	qy_buf b = QY_BUF_INIT;
	qy_spans sp = QY_SPANS_INIT;
	size_t total = 0;

	/* 21 sentences of 100 bytes in one line: 2101 bytes. */
	for (int i = 0; i < 21; i++) {
		if (i)
			qy_buf_putc(&b, ' ');
		add_sentence(&b, 100, i);
	}
	split(b.data, b.len, &sp);
	/* Windows of 4 sentences (403 bytes), the last one alone is 100
	 * bytes, short, and joins the window before it. */
	assert_int_equal(sp.count, 5);
	for (size_t i = 0; i < sp.count; i++) {
		qy_span s = sp.items[i];
		assert_true(s.end - s.start <= QY_PASSAGE_MAX_BYTES);
		assert_int_equal(b.data[s.end - 1], '.');
		assert_int_equal(b.data[s.start], 'S');
		total += s.end - s.start;
	}
	assert_int_equal(sp.items[0].end - sp.items[0].start, 4 * 100 + 3);
	assert_int_equal(sp.items[4].end - sp.items[4].start, 5 * 100 + 4);
	assert_int_equal(total + 4, b.len);
	qy_buf_free(&b);
	qy_spans_free(&sp);
}

static void test_huge_single_line(void **state)
{
	(void)state;
	const size_t mb = 1 << 20;
	char *s = malloc(mb);
	qy_spans sp = QY_SPANS_INIT;
	clock_t t0 = clock();

	/* Words but no sentence end: cut at blanks into pieces of about
	 * 2 * max, never over the hard cap. */
	for (size_t i = 0; i < mb; i++)
		s[i] = i % 7 == 6 ? ' ' : 'w';
	split(s, mb, &sp);
	assert_true(sp.count >= mb / (4 * QY_PASSAGE_MAX_BYTES));
	for (size_t i = 0; i + 1 < sp.count; i++) {
		size_t n = sp.items[i].end - sp.items[i].start;
		assert_true(n > QY_PASSAGE_MAX_BYTES && n <= 2 * QY_PASSAGE_MAX_BYTES);
	}

	/* No blank at all, 2-byte characters: cut between characters. */
	for (size_t i = 0; i < mb; i += 2)
		memcpy(s + i, "\xC3\xA9", 2);
	split(s, mb, &sp);
	assert_true(sp.count >= mb / (4 * QY_PASSAGE_MAX_BYTES));
	for (size_t i = 0; i < sp.count; i++) {
		assert_int_equal(sp.items[i].start % 2, 0);
		assert_int_equal(sp.items[i].end % 2, 0);
	}

	/* Many short sentences on one line: windows. */
	for (size_t i = 0; i < mb; i++)
		s[i] = i % 50 == 48 ? '.' : i % 50 == 49 ? ' ' : i % 50 == 0 ? 'A' : 'a';
	split(s, mb, &sp);
	assert_true(sp.count >= mb / QY_PASSAGE_MAX_BYTES);
	for (size_t i = 0; i < sp.count; i++)
		assert_true(sp.items[i].end - sp.items[i].start <= QY_PASSAGE_MAX_BYTES);

	/* 3 MB handled in well under the ctest timeout even with sanitizers. */
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
	free(s);
	qy_spans_free(&sp);
}

static void test_empty_and_bad(void **state)
{
	(void)state;
	qy_spans sp = QY_SPANS_INIT;
	/* Whole pieces, so that random bytes never make up a blank (such as
	 * U+2000) that the checks in split() do not know. */
	static const char *const pieces[] = { "a", "A", " ", ".", "!", "?", "\n", "\n\n",
		"\"", "-", "*", "", "\xE2\x80\x9D", "\xC2\xA0", "\xff", "\xE2\x80" };
	size_t len = 300000, n = 0;
	char *s = malloc(len + 4);

	split("", 0, &sp);
	assert_int_equal(sp.count, 0);
	split(" \n\n\t\r\n ", 7, &sp);
	assert_int_equal(sp.count, 0);
	qy_split_passages(NULL, 0, &sp);
	assert_int_equal(sp.count, 0);
	split("a\0b\n\n\xff", 6, &sp);
	assert_int_equal(sp.count, 1);
	assert_int_equal(sp.items[0].end, 6);
	srand(3);
	while (n < len) {
		const char *p = pieces[rand() % (int)(sizeof pieces / sizeof pieces[0])];
		size_t k = *p ? strlen(p) : 1;   /* "" stands for a NUL byte */
		memcpy(s + n, p, k);
		n += k;
	}
	split(s, n, &sp);
	assert_true(sp.count > 100);
	free(s);
	qy_spans_free(&sp);
}

/* The seeds, when the tree has them next door: every passage within the
 * limits, and seed 001's three bullets are one passage. */
static void test_seed_001(void **state)
{
	(void)state;
	FILE *f = fopen(SOURCE_DIR "/../shared/seeds/001_0cc1f2dd106bd901.txt", "rb");
	qy_spans sp = QY_SPANS_INIT;
	char buf[16384];
	size_t n;

	if (!f)
		skip();
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	split(buf, n, &sp);
	assert_true(sp.count >= 5);
	assert_int_equal(buf[sp.items[0].start], '-');
	assert_memory_equal(buf + sp.items[1].start, "Ukrainian forces", 16);
	for (size_t i = 0; i < sp.count; i++)
		assert_true(sp.items[i].end - sp.items[i].start <= QY_PASSAGE_MAX_BYTES);
	qy_spans_free(&sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_short_paragraphs_join),
		cmocka_unit_test(test_bullets_and_wrapping),
		cmocka_unit_test(test_long_paragraph_windows),
		cmocka_unit_test(test_huge_single_line),
		cmocka_unit_test(test_empty_and_bad),
		cmocka_unit_test(test_seed_001),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
