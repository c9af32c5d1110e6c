/* test_stemmer.c - unit tests for English stemming and the stopword list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "analysis/stemmer.h"
#include "analysis/tokenizer.h"

static int setup(void **state)
{
	*state = qy_stemmer_new();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	qy_stemmer_free(*state);
	return 0;
}

static void assert_stem(qy_stemmer *st, const char *word, const char *want)
{
	size_t n;
	const char *r = qy_stem(st, word, strlen(word), &n);

	assert_int_equal(n, strlen(want));
	assert_memory_equal(r, want, n);
}

static void test_stems(void **state)
{
	qy_stemmer *st = *state;

	assert_stem(st, "fighting", "fight");
	assert_stem(st, "claimed", "claim");
	assert_stem(st, "claims", "claim");
	assert_stem(st, "controls", "control");
	assert_stem(st, "controlled", "control");
	/* Porter2: -e in R2 of "ukraine" goes, and step 0 strips "'s". */
	assert_stem(st, "ukraine", "ukrain");
	assert_stem(st, "ukraine's", "ukrain");
	assert_stem(st, "russia's", "russia");
	assert_stem(st, "cities", "citi");
	assert_stem(st, "city", "citi");
	assert_stem(st, "withdrawn", "withdrawn");
}

static void test_digits_unchanged(void **state)
{
	qy_stemmer *st = *state;
	const char *w = "1990s";
	size_t n;

	assert_true(qy_stem(st, w, 5, &n) == w);
	assert_int_equal(n, 5);
	assert_stem(st, "f16s", "f16s");
	assert_stem(st, "30,000", "30,000");
}

/* Only len bytes of the word are read, and the result of one call stays
 * valid until the next. */
static void test_length_and_lifetime(void **state)
{
	qy_stemmer *st = *state;
	size_t n;
	const char *r = qy_stem(st, "fightingXYZ", 8, &n);

	assert_int_equal(n, 5);
	assert_memory_equal(r, "fight", 5);
	r = qy_stem(st, "", 0, &n);
	assert_int_equal(n, 0);
}

/* The tokenizer's folded output is what the stemmer is given. */
static void test_with_tokenizer(void **state)
{
	qy_stemmer *st = *state;
	const char *s = "Ukraine\xE2\x80\x99s FIGHTING";
	qy_tokenizer t;
	qy_token tk;
	size_t n;
	const char *r;

	qy_tokenizer_init(&t, s, strlen(s));
	assert_true(qy_tokenizer_next(&t, &tk));
	r = qy_stem(st, tk.text, tk.len, &n);
	assert_int_equal(n, 6);
	assert_memory_equal(r, "ukrain", 6);
	assert_true(qy_tokenizer_next(&t, &tk));
	r = qy_stem(st, tk.text, tk.len, &n);
	assert_int_equal(n, 5);
	assert_memory_equal(r, "fight", 5);
}

static void test_stopwords(void **state)
{
	(void)state;
	/* Every kind of function word the list is meant to cover; a badly
	 * sorted array would make bsearch miss some of them. */
	static const char *const yes[] = {
		"a", "about", "after", "an", "and", "are", "as", "at", "be", "been",
		"but", "by", "could", "did", "do", "does", "for", "from", "had", "has",
		"have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it",
		"it's", "its", "may", "nor", "of", "on", "or", "our", "she", "should",
		"that", "the", "their", "them", "they", "this", "those", "to", "was",
		"we", "were", "what", "when", "where", "which", "while", "who", "whom",
		"whose", "why", "will", "with", "would", "you", "yourselves",
	};
	static const char *const no[] = {
		"", "russia", "control", "controls", "soledar", "claimed", "city",
		"thee", "whoa", "aa", "zzz", "yourselvesx", "ukraine's",
	};

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!qy_is_stopword(yes[i], strlen(yes[i])))
			fail_msg("\"%s\" should be a stopword", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (qy_is_stopword(no[i], strlen(no[i])))
			fail_msg("\"%s\" should not be a stopword", no[i]);
	/* Length counts: "the" inside "thereabouts" is no stopword. */
	assert_true(qy_is_stopword("thereabouts", 3));
	assert_false(qy_is_stopword("thereabouts", 11));
}

/* Index terms are stems: every stopword's stem must count as a stopword
 * stem, including those the stemmer changes ("because" -> "becaus"), and
 * content stems must not. */
static void test_stopword_stems(void **state)
{
	static const char *const words[] = {
		"because", "does", "why", "during", "any", "above", "before",
		"ourselves", "themselves", "the", "of", "who", "and",
	};
	static const char *const content[] = { "control", "captur", "bridg", "soledar", "" };
	qy_stemmer *st = qy_stemmer_new();
	size_t n;

	(void)state;
	assert_non_null(st);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		assert_true(qy_is_stopword(words[i], strlen(words[i])));
		const char *s = qy_stem(st, words[i], strlen(words[i]), &n);
		if (!qy_is_stopword_stem(s, n))
			fail_msg("stem '%.*s' of stopword '%s' is not a stopword stem", (int)n, s,
				 words[i]);
	}
	assert_true(qy_is_stopword_stem("becaus", 6));
	assert_false(qy_is_stopword("becaus", 6));   /* why the stem check exists */
	for (size_t i = 0; i < sizeof content / sizeof content[0]; i++)
		assert_false(qy_is_stopword_stem(content[i], strlen(content[i])));
	qy_stemmer_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stems),
		cmocka_unit_test(test_digits_unchanged),
		cmocka_unit_test(test_length_and_lifetime),
		cmocka_unit_test(test_with_tokenizer),
		cmocka_unit_test(test_stopwords),
		cmocka_unit_test(test_stopword_stems),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
