/* test_sentences.c - unit tests for the sentence splitter. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "analysis/sentences.h"

/* Splits a heap copy of exactly len bytes and checks the invariants every
 * result must keep: in order, inside the text, non-empty, trimmed. */
static void split(const char *text, size_t len, qy_spans *out)
{
	char *copy = malloc(len ? len : 1);
	size_t last = 0;

	memcpy(copy, text, len);
	qy_spans_clear(out);
	qy_split_sentences(copy, len, out);
	for (size_t i = 0; i < out->count; i++) {
		qy_span s = out->items[i];
		assert_true(s.start >= last);
		assert_true(s.end > s.start);
		assert_true(s.end <= len);
		assert_false(strchr(" \t\r\n", copy[s.start]) && copy[s.start]);
		assert_false(strchr(" \t\r\n", copy[s.end - 1]) && copy[s.end - 1]);
		last = s.end;
	}
	free(copy);
}

/* Splits s and compares the sentences with want (NULL-terminated). */
static void expect(const char *s, const char *const *want)
{
	qy_spans sp = QY_SPANS_INIT;
	size_t n = 0;

	split(s, strlen(s), &sp);
	while (want[n])
		n++;
	if (sp.count != n) {
		for (size_t i = 0; i < sp.count; i++)
			print_message("got [%.*s]\n", (int)(sp.items[i].end - sp.items[i].start),
				      s + sp.items[i].start);
		fail_msg("%zu sentences, want %zu", sp.count, n);
	}
	for (size_t i = 0; i < n; i++) {
		size_t len = sp.items[i].end - sp.items[i].start;
		if (len != strlen(want[i]) || memcmp(s + sp.items[i].start, want[i], len) != 0)
			fail_msg("sentence %zu is [%.*s], want [%s]", i, (int)len,
				 s + sp.items[i].start, want[i]);
	}
	qy_spans_free(&sp);
}

static void test_abbreviations_and_dates(void **state)
{
	(void)state;
	expect("U.S. officials said Jan. 10 that the city had fallen. Russia disputed it.",
	       (const char *const[]){
		       "U.S. officials said Jan. 10 that the city had fallen.",
		       "Russia disputed it.", NULL });
	expect("Gen. Valery Gerasimov met Mr. Putin and Lt. Col. Ivanov in St. Petersburg. "
	       "They talked.",
	       (const char *const[]){
		       "Gen. Valery Gerasimov met Mr. Putin and Lt. Col. Ivanov in St. Petersburg.",
		       "They talked.", NULL });
	expect("Cities, e.g. Kyiv, were hit, i.e. Hard. Aid came from the U.K. and the U.N. "
	       "Sanctions followed.",
	       (const char *const[]){
		       "Cities, e.g. Kyiv, were hit, i.e. Hard.",
		       "Aid came from the U.K. and the U.N. Sanctions followed.", NULL });
}

static void test_initials_and_numbers(void **state)
{
	(void)state;
	expect("J. R. Smith agreed. The No. 5 brigade arrived.",
	       (const char *const[]){ "J. R. Smith agreed.", "The No. 5 brigade arrived.", NULL });
	/* "no." before a capital and "Jan." before a word end sentences. */
	expect("I said no. Then he left in Jan. Nobody came.",
	       (const char *const[]){ "I said no.", "Then he left in Jan.", "Nobody came.", NULL });
	expect("Prices rose 1.5 percent. It was 2.25 on Monday. 30,000 fled.",
	       (const char *const[]){ "Prices rose 1.5 percent.", "It was 2.25 on Monday.",
				      "30,000 fled.", NULL });
}

static void test_curly_quotes(void **state)
{
	(void)state;
	expect("\xE2\x80\x9CWe tried to withdraw,\xE2\x80\x9D a soldier told CNN on Thursday. "
	       "\xE2\x80\x9CIf there is no order, we will leave.\xE2\x80\x9D He was calm.",
	       (const char *const[]){
		       "\xE2\x80\x9CWe tried to withdraw,\xE2\x80\x9D a soldier told CNN on Thursday.",
		       "\xE2\x80\x9CIf there is no order, we will leave.\xE2\x80\x9D",
		       "He was calm.", NULL });
	/* A stop inside a quote followed by lower case goes on. */
	expect("\xE2\x80\x9CGo!\xE2\x80\x9D he said. \"Now.\" She left.",
	       (const char *const[]){ "\xE2\x80\x9CGo!\xE2\x80\x9D he said.", "\"Now.\"",
				      "She left.", NULL });
}

static void test_other_stops(void **state)
{
	(void)state;
	expect("Who controls it? Nobody knows! Really.",
	       (const char *const[]){ "Who controls it?", "Nobody knows!", "Really.", NULL });
	expect("We appreciate it\xE2\x80\xA6 We also plan to meet. Operations\xE2\x80\xA6 the city "
	       "fell... Then silence.",
	       (const char *const[]){ "We appreciate it\xE2\x80\xA6",
				      "We also plan to meet.",
				      "Operations\xE2\x80\xA6 the city fell...",
				      "Then silence.", NULL });
	/* No split inside U.S.-backed, URLs or numbers. */
	expect("The U.S.-backed plan at pic.twitter.com failed. Fine.",
	       (const char *const[]){ "The U.S.-backed plan at pic.twitter.com failed.", "Fine.", NULL });
}

static void test_lines(void **state)
{
	(void)state;
	expect("- Ukrainian forces will withdraw\n- The hub has seen battles.\nRussia has "
	       "focused its offensive. It advanced.",
	       (const char *const[]){ "- Ukrainian forces will withdraw",
				      "- The hub has seen battles.",
				      "Russia has focused its offensive.", "It advanced.", NULL });
	/* A headline (no final stop) is a sentence; a wrapped line is not. */
	expect("Russia takes control of Toretsk\nRussia said Friday its forces\nhad taken the "
	       "city. Kyiv denied it\n\nNew paragraph",
	       (const char *const[]){ "Russia takes control of Toretsk",
				      "Russia said Friday its forces\nhad taken the city.",
				      "Kyiv denied it", "New paragraph", NULL });
	expect("\xE2\x80\xA2 one bullet\n* another one\n", (const char *const[]){
		       "\xE2\x80\xA2 one bullet", "* another one", NULL });
}

static void test_trimming_and_empty(void **state)
{
	(void)state;
	qy_spans sp = QY_SPANS_INIT;

	split("   \n\n \t ", 8, &sp);
	assert_int_equal(sp.count, 0);
	split("", 0, &sp);
	assert_int_equal(sp.count, 0);
	split("  Hello there.  \n", 17, &sp);
	assert_int_equal(sp.count, 1);
	assert_int_equal(sp.items[0].start, 2);
	assert_int_equal(sp.items[0].end, 14);
	/* A no-break space (U+00A0) is trimmed too. */
	split("\xC2\xA0Hi.\xC2\xA0", 7, &sp);
	assert_int_equal(sp.count, 1);
	assert_int_equal(sp.items[0].start, 2);
	assert_int_equal(sp.items[0].end, 5);
	qy_spans_free(&sp);
}

static void test_bad_bytes(void **state)
{
	(void)state;
	qy_spans sp = QY_SPANS_INIT;
	static const char alphabet[] = "aA .!?\n\"'-*\0\xE2\x80\x9D\xA6\xC2\xA0\xff";
	size_t len = 100000;
	char *s = malloc(len);

	static const char bad[] = "One.\0Two. Three \xff\xfe. Four.\xE2\x80";

	/* A NUL after a stop is no blank; bad bytes are kept inside the
	 * sentences; a truncated character at the end is read safely. */
	split(bad, sizeof bad - 1, &sp);
	assert_int_equal(sp.count, 3);
	assert_int_equal(sp.items[0].start, 0);
	assert_int_equal(sp.items[0].end, 9);
	assert_int_equal(sp.items[1].start, 10);
	assert_int_equal(sp.items[1].end, 19);
	assert_int_equal(sp.items[2].start, 20);
	assert_int_equal(sp.items[2].end, sizeof bad - 1);
	srand(7);
	for (size_t i = 0; i < len; i++)
		s[i] = alphabet[rand() % (int)(sizeof alphabet - 1)];
	split(s, len, &sp);
	assert_true(sp.count > 100);
	free(s);
	qy_spans_free(&sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abbreviations_and_dates),
		cmocka_unit_test(test_initials_and_numbers),
		cmocka_unit_test(test_curly_quotes),
		cmocka_unit_test(test_other_stops),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_trimming_and_empty),
		cmocka_unit_test(test_bad_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
