/* test_tokenizer.c - unit tests for the UTF-8 tokenizer and qy_fold. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "analysis/tokenizer.h"

#define MAX_TOKS 64

typedef struct toks {
	size_t n;
	qy_token t[MAX_TOKS];
} toks;

/* Tokenizes a heap copy of exactly len bytes (no NUL after it), so that
 * AddressSanitizer catches any read past the end. */
static void tokenize(const char *text, size_t len, toks *out)
{
	char *copy = malloc(len ? len : 1);
	qy_tokenizer t;
	qy_token tk;

	memcpy(copy, text, len);
	out->n = 0;
	qy_tokenizer_init(&t, copy, len);
	while (qy_tokenizer_next(&t, &tk)) {
		assert_true(out->n < MAX_TOKS);
		out->t[out->n++] = tk;
	}
	assert_false(qy_tokenizer_next(&t, &tk));   /* stays at the end */
	free(copy);
}

static void tokenize_str(const char *s, toks *out)
{
	tokenize(s, strlen(s), out);
}

static void assert_texts(const toks *tk, const char *const *want, size_t n)
{
	assert_int_equal(tk->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(tk->t[i].text, want[i]);
		assert_int_equal(tk->t[i].len, strlen(want[i]));
	}
}

static bool valid_utf8(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	size_t i = 0;

	while (i < len) {
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return false;
		i += (size_t)n;
	}
	return true;
}

static void test_seed_sentence(void **state)
{
	(void)state;
	const char *s = "Russia claimed control of Soledar, but Ukraine\xE2\x80\x99s defense "
			"ministry disputed it.";
	static const char *const want[] = { "russia", "claimed", "control", "of", "soledar",
		"but", "ukraine's", "defense", "ministry", "disputed", "it" };
	toks tk;

	tokenize_str(s, &tk);
	assert_texts(&tk, want, 11);
	assert_int_equal(tk.t[0].start, 0);
	assert_int_equal(tk.t[0].end, 6);
	assert_true(tk.t[0].flags & QY_TOK_CAPITALIZED);
	assert_false(tk.t[0].flags & QY_TOK_ALLCAPS);
	assert_false(tk.t[1].flags & QY_TOK_CAPITALIZED);
	/* The span covers the original bytes, curly apostrophe included. */
	assert_int_equal(tk.t[6].end - tk.t[6].start, strlen("Ukraine\xE2\x80\x99s"));
	assert_memory_equal(s + tk.t[6].start, "Ukraine\xE2\x80\x99s", tk.t[6].end - tk.t[6].start);
	assert_true(tk.t[6].flags & QY_TOK_CAPITALIZED);
	/* The comma and the final full stop are not part of any token. */
	assert_int_equal(s[tk.t[4].end], ',');
	assert_int_equal(s[tk.t[10].end], '.');
}

static void test_hyphens_split(void **state)
{
	(void)state;
	static const char *const want[] = { "russian", "backed", "separatists", "2022", "07", "03" };
	toks tk;

	tokenize_str("Russian-backed separatists 2022-07-03", &tk);
	assert_texts(&tk, want, 6);
	assert_int_equal(tk.t[0].end, 7);
	assert_int_equal(tk.t[1].start, 8);
	assert_true(tk.t[1].flags == 0);
}

static void test_numbers(void **state)
{
	(void)state;
	static const char *const want[] = { "30,000", "inhabitants", "1,600", "1.5", "km",
		"in", "2022", "f16s" };
	toks tk;

	tokenize_str("30,000 inhabitants, 1,600 and... 1.5 km. In 2022, F16s", &tk);
	/* "and" is there too: drop it from the comparison by index. */
	assert_int_equal(tk.n, 9);
	assert_string_equal(tk.t[3].text, "and");
	for (size_t i = 0, j = 0; i < tk.n; i++) {
		if (i == 3)
			continue;
		assert_string_equal(tk.t[i].text, want[j++]);
	}
	assert_int_equal(tk.t[0].flags, QY_TOK_NUMERIC | QY_TOK_HAS_DIGIT);
	assert_int_equal(tk.t[4].flags, QY_TOK_NUMERIC | QY_TOK_HAS_DIGIT);
	assert_int_equal(tk.t[7].flags, QY_TOK_NUMERIC | QY_TOK_HAS_DIGIT);
	assert_int_equal(tk.t[8].flags, QY_TOK_CAPITALIZED | QY_TOK_HAS_DIGIT);
	assert_false(tk.t[1].flags & QY_TOK_NUMERIC);
}

static void test_apostrophes(void **state)
{
	(void)state;
	static const char *const want[] = { "tis", "rock'n'roll", "don't", "kyiv", "90s",
		"soldiers", "o'brien" };
	toks tk;

	tokenize_str("'tis rock'n'roll, don\xE2\x80\x99t Kyiv\xE2\x80\x99 \xE2\x80\x99" "90s "
		     "soldiers' O'Brien", &tk);
	assert_texts(&tk, want, 7);
	/* Leading and trailing apostrophes stay outside the span. */
	assert_int_equal(tk.t[0].start, 1);
	assert_int_equal(tk.t[5].end - tk.t[5].start, strlen("soldiers"));
	assert_true(tk.t[6].flags & QY_TOK_CAPITALIZED);
}

static void test_cyrillic_in_latin_word(void **state)
{
	(void)state;
	/* Seed 000: "we аre" with U+0430 CYRILLIC SMALL LETTER A. */
	const char *s = "now we \xD0\xB0re just abandoned";
	toks tk;

	tokenize_str(s, &tk);
	assert_int_equal(tk.n, 5);
	assert_string_equal(tk.t[2].text, "\xD0\xB0re");
	assert_int_equal(tk.t[2].start, 7);
	assert_int_equal(tk.t[2].end, 11);
	assert_false(tk.t[2].flags & QY_TOK_TOO_LONG);
}

static void test_non_ascii_folding(void **state)
{
	(void)state;
	static const char *const want[] = {
		"\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2",   /* київ */
		"strasse",
		"caf\xC3\xA9",                         /* café, composed */
		"\xCF\x83\xCE\xBF\xCF\x86\xCE\xB9\xCE\xB1",   /* σοφια */
		("du\xC5\xA1" "an"),                   /* dušan */
	};
	toks tk;

	/* Київ STRAßE cafe+U+0301 ΣΟΦΙΑ DUŠAN */
	tokenize_str("\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 STRA\xC3\x9F" "E cafe\xCC\x81 "
		     "\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x99\xCE\x91 DU\xC5\xA0" "AN", &tk);
	assert_texts(&tk, want, 5);
	assert_int_equal(tk.t[0].flags, QY_TOK_CAPITALIZED);
	/* ß is lower case, so STRAßE is capitalised but not all capitals. */
	assert_int_equal(tk.t[1].flags, QY_TOK_CAPITALIZED);
	assert_int_equal(tk.t[2].end - tk.t[2].start, 6);   /* the mark is in the span */
	assert_int_equal(tk.t[3].flags, QY_TOK_CAPITALIZED | QY_TOK_ALLCAPS);
	assert_int_equal(tk.t[4].flags, QY_TOK_CAPITALIZED | QY_TOK_ALLCAPS);
}

static void test_flags(void **state)
{
	(void)state;
	toks tk;

	tokenize_str("LPR A Kyiv iPhone NATO's", &tk);
	assert_int_equal(tk.n, 5);
	assert_int_equal(tk.t[0].flags, QY_TOK_CAPITALIZED | QY_TOK_ALLCAPS);
	assert_int_equal(tk.t[1].flags, QY_TOK_CAPITALIZED);   /* one letter */
	assert_int_equal(tk.t[2].flags, QY_TOK_CAPITALIZED);
	assert_int_equal(tk.t[3].flags, 0);
	assert_string_equal(tk.t[4].text, "nato's");
	assert_int_equal(tk.t[4].flags, QY_TOK_CAPITALIZED);   /* the s is lower case */
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	toks tk;

	tokenize("\xff\xfe abc \xc3", 9, &tk);
	assert_int_equal(tk.n, 1);
	assert_string_equal(tk.t[0].text, "abc");
	assert_int_equal(tk.t[0].start, 3);
	assert_int_equal(tk.t[0].end, 6);

	/* An invalid byte inside a word splits it; a surrogate and an
	 * overlong form count as invalid; a truncated sequence at the end
	 * stops nothing. */
	tokenize("ab\xff" "cd \xED\xA0\x80x \xC0\xAFy z\xE2\x80", 18, &tk);
	assert_int_equal(tk.n, 5);
	assert_string_equal(tk.t[0].text, "ab");
	assert_string_equal(tk.t[1].text, "cd");
	assert_int_equal(tk.t[1].start, 3);
	assert_string_equal(tk.t[2].text, "x");
	assert_string_equal(tk.t[3].text, "y");
	assert_string_equal(tk.t[4].text, "z");
	assert_int_equal(tk.t[4].start, 15);
	assert_int_equal(tk.t[4].end, 16);
}

static void test_embedded_nul(void **state)
{
	(void)state;
	toks tk;

	tokenize("abc\0def\0", 8, &tk);
	assert_int_equal(tk.n, 2);
	assert_string_equal(tk.t[0].text, "abc");
	assert_int_equal(tk.t[1].start, 4);
	assert_int_equal(tk.t[1].end, 7);
	assert_string_equal(tk.t[1].text, "def");

	/* Only the given length is read. */
	tokenize("abcdef", 3, &tk);
	assert_int_equal(tk.n, 1);
	assert_string_equal(tk.t[0].text, "abc");
}

static void test_too_long_ascii(void **state)
{
	(void)state;
	char s[310];
	toks tk;

	memset(s, 'A', 300);
	memcpy(s + 300, " next", 5);
	tokenize(s, 305, &tk);
	assert_int_equal(tk.n, 2);
	assert_true(tk.t[0].flags & QY_TOK_TOO_LONG);
	assert_true(tk.t[0].flags & QY_TOK_ALLCAPS);
	assert_int_equal(tk.t[0].start, 0);
	assert_int_equal(tk.t[0].end, 300);
	assert_int_equal(tk.t[0].len, QY_TOKEN_MAX);
	assert_int_equal(strlen(tk.t[0].text), QY_TOKEN_MAX);
	for (size_t i = 0; i < QY_TOKEN_MAX; i++)
		assert_int_equal(tk.t[0].text[i], 'a');
	assert_string_equal(tk.t[1].text, "next");
	assert_int_equal(tk.t[1].start, 301);
	assert_false(tk.t[1].flags & QY_TOK_TOO_LONG);
}

static void test_too_long_non_ascii(void **state)
{
	(void)state;
	char s[2000];
	toks tk;

	/* 150 x "É" (2 bytes each): folds to "é" and must be cut between two
	 * characters, never inside one. */
	for (int i = 0; i < 150; i++)
		memcpy(s + 2 * i, "\xC3\x89", 2);
	tokenize(s, 300, &tk);
	assert_int_equal(tk.n, 1);
	assert_true(tk.t[0].flags & QY_TOK_TOO_LONG);
	assert_int_equal(tk.t[0].end, 300);
	assert_int_equal(tk.t[0].len, QY_TOKEN_MAX);
	assert_true(valid_utf8(tk.t[0].text, tk.t[0].len));
	assert_memory_equal(tk.t[0].text, "\xC3\xA9\xC3\xA9", 4);

	/* "x" and 41 x U+2160 ROMAN NUMERAL ONE (3 bytes, a number, folds to
	 * U+2170): 1 + 3k <= QY_TOKEN_MAX gives 118 bytes, not 120. */
	s[0] = 'x';
	for (int i = 0; i < 41; i++)
		memcpy(s + 1 + 3 * i, "\xE2\x85\xA0", 3);
	tokenize(s, 124, &tk);
	assert_int_equal(tk.n, 1);
	assert_true(tk.t[0].flags & QY_TOK_TOO_LONG);
	assert_true(tk.t[0].flags & QY_TOK_HAS_DIGIT);
	assert_int_equal(tk.t[0].len, 118);
	assert_memory_equal(tk.t[0].text, "x\xE2\x85\xB0", 4);
	assert_true(valid_utf8(tk.t[0].text, tk.t[0].len));

	/* Much longer than the fold window: still one token, whole span. */
	for (int i = 0; i < 1998; i += 2)
		memcpy(s + i, "\xD0\x96", 2);   /* Ж */
	tokenize(s, 1998, &tk);
	assert_int_equal(tk.n, 1);
	assert_int_equal(tk.t[0].end, 1998);
	assert_true(tk.t[0].flags & QY_TOK_TOO_LONG);
	assert_int_equal(tk.t[0].len, QY_TOKEN_MAX);
	assert_memory_equal(tk.t[0].text, "\xD0\xB6", 2);   /* ж */
}

/* Random bytes: tokens are in order, inside the text, non-empty, valid
 * UTF-8, and the scan ends. */
static void test_random_bytes(void **state)
{
	(void)state;
	static const char alphabet[] = "aZ9 .,'-\n\0\xC3\xA9\xE2\x80\x99\xD0\xB0\xCC\x81\xff\x80";
	size_t len = 200000;
	char *s = malloc(len);
	qy_tokenizer t;
	qy_token tk;
	size_t last_end = 0, count = 0;

	srand(42);
	for (size_t i = 0; i < len; i++)
		s[i] = alphabet[rand() % (int)(sizeof alphabet - 1)];
	qy_tokenizer_init(&t, s, len);
	while (qy_tokenizer_next(&t, &tk)) {
		assert_true(tk.start >= last_end);
		assert_true(tk.end > tk.start);
		assert_true(tk.end <= len);
		assert_true(tk.len > 0 && tk.len <= QY_TOKEN_MAX);
		assert_int_equal(strlen(tk.text), tk.len);
		assert_true(valid_utf8(tk.text, tk.len));
		last_end = tk.end;
		count++;
	}
	assert_true(count > 1000);
	free(s);
}

static void test_fold(void **state)
{
	(void)state;
	char *out;
	size_t n;

	qy_fold("Daily Caller\xff News", 18, &out, &n);
	assert_string_equal(out, "daily caller news");
	assert_int_equal(n, strlen("daily caller news"));
	free(out);

	qy_fold("Kyiv\xE2\x80\x99s STRA\xC3\x9F" "E e\xCC\x81\0x", 22, &out, &n);
	assert_string_equal(out, "kyiv's strasse \xC3\xA9x");
	assert_int_equal(n, strlen(out));
	free(out);

	qy_fold("", 0, &out, &n);
	assert_string_equal(out, "");
	assert_int_equal(n, 0);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_sentence),
		cmocka_unit_test(test_hyphens_split),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_apostrophes),
		cmocka_unit_test(test_cyrillic_in_latin_word),
		cmocka_unit_test(test_non_ascii_folding),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_embedded_nul),
		cmocka_unit_test(test_too_long_ascii),
		cmocka_unit_test(test_too_long_non_ascii),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_fold),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
