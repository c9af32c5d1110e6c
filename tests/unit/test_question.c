/* test_question.c - unit tests for question analysis. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "analysis/stemmer.h"
#include "searcher/question.h"

/* Parses q and checks the wh-word, the family, the target and as_of. */
static void expect(const char *q, qy_wh wh, qy_family fam, const char *target, const char *as_of)
{
	qy_question qq;
	int r = qy_question_parse(q, &qq);
	if (qq.wh != wh || qq.family != fam || strcmp(qq.target, target) != 0 ||
	    strcmp(qq.as_of, as_of) != 0)
		fail_msg("[%s]: wh %s family %s target [%s] as_of [%s]; want %s %s [%s] [%s]", q,
			 qy_wh_name(qq.wh), qy_family_name(qq.family), qq.target, qq.as_of,
			 qy_wh_name(wh), qy_family_name(fam), target, as_of);
	assert_int_equal(r, fam != QY_FAM_NONE);
	/* The span must hold the target's first and last words. */
	if (target[0]) {
		assert_true(qq.target_end <= strlen(q));
		assert_memory_equal(q + qq.target_start, target, strcspn(target, " "));
	} else {
		assert_int_equal(qq.target_start, qq.target_end);
	}
}

static void test_control(void **state)
{
	(void)state;
	expect("who controls Lysychansk", QY_WH_WHO, QY_FAM_CONTROL, "Lysychansk", "");
	expect("Who holds Bakhmut now?", QY_WH_WHO, QY_FAM_CONTROL, "Bakhmut", "");
	expect("is Avdiivka under Russian control", QY_WH_YESNO, QY_FAM_CONTROL, "Avdiivka", "");
	expect("is Toretsk in Russian hands?", QY_WH_YESNO, QY_FAM_CONTROL, "Toretsk", "");
	expect("did Chechen fighters capture Lysychansk", QY_WH_YESNO, QY_FAM_CONTROL,
	       "Lysychansk", "");
	expect("were Ukrainian units encircled in Severodonetsk", QY_WH_YESNO, QY_FAM_CONTROL,
	       "Severodonetsk", "");
	expect("who ordered the withdrawal from Avdiivka", QY_WH_WHO, QY_FAM_CONTROL, "Avdiivka", "");
	expect("were Russian troops pushed out of the city of Kherson", QY_WH_YESNO,
	       QY_FAM_CONTROL, "Kherson", "");
	/* a People's Republic as a target is its territory, the region */
	expect("did Russia say the Lugansk People's Republic was liberated", QY_WH_YESNO,
	       QY_FAM_CONTROL, "Lugansk region", "");
	expect("was the Donetsk People's Republic captured", QY_WH_YESNO, QY_FAM_CONTROL,
	       "Donetsk region", "");
	expect("who says Ugledar was liberated", QY_WH_WHO, QY_FAM_CONTROL, "Ugledar", "");
	expect("did Wagner take eastern Bakhmut", QY_WH_YESNO, QY_FAM_CONTROL, "Bakhmut", "");
	expect("which forces retook Kupiansk", QY_WH_WHICH, QY_FAM_CONTROL, "Kupiansk", "");
	expect("what did the mayor of Kherson say when Russian troops arrived", QY_WH_WHAT,
	       QY_FAM_CONTROL, "Kherson", "");
	expect("who occupied Nova Kakhovka", QY_WH_WHO, QY_FAM_CONTROL, "Nova Kakhovka", "");
	expect("who controls Sievierodonetsk?", QY_WH_WHO, QY_FAM_CONTROL, "Sievierodonetsk", "");
}

static void test_fall(void **state)
{
	(void)state;
	expect("when did Soledar fall", QY_WH_WHEN, QY_FAM_FALL, "Soledar", "");
	expect("When was Mariupol captured?", QY_WH_WHEN, QY_FAM_FALL, "Mariupol", "");
	expect("when did Ukraine retake Kupiansk", QY_WH_WHEN, QY_FAM_FALL, "Kupiansk", "");
}

static void test_attack_and_fighting(void **state)
{
	(void)state;
	expect("who shelled Kharkiv", QY_WH_WHO, QY_FAM_ATTACK, "Kharkiv", "");
	expect("who attacked Odesa with drones", QY_WH_WHO, QY_FAM_ATTACK, "Odesa", "");
	expect("what did Russia say about the strike on Kharkiv", QY_WH_WHAT, QY_FAM_ATTACK,
	       "Kharkiv", "");
	expect("where is fighting near Bakhmut", QY_WH_WHERE, QY_FAM_FIGHTING, "Bakhmut", "");
	expect("is Ukraine still fighting in Bakhmut", QY_WH_YESNO, QY_FAM_FIGHTING, "Bakhmut", "");
	expect("were there clashes in Vovchansk?", QY_WH_YESNO, QY_FAM_FIGHTING, "Vovchansk", "");
}

static void test_dates_in_questions(void **state)
{
	(void)state;
	expect("who captured Kherson in November 2022", QY_WH_WHO, QY_FAM_CONTROL, "Kherson",
	       "2022-11-30");
	expect("who controls Soledar as of 2023-01-15", QY_WH_WHO, QY_FAM_CONTROL, "Soledar",
	       "2023-01-15");
	expect("who held Bakhmut in 2023", QY_WH_WHO, QY_FAM_CONTROL, "Bakhmut", "2023-12-31");
	expect("who controlled Kherson on 3 March 2022?", QY_WH_WHO, QY_FAM_CONTROL, "Kherson",
	       "2022-03-03");
	expect("who held Soledar in February 2024", QY_WH_WHO, QY_FAM_CONTROL, "Soledar",
	       "2024-02-29");
}

static void test_questions_without_a_family(void **state)
{
	(void)state;
	expect("what did the National Guard say about Lysychansk", QY_WH_WHAT, QY_FAM_NONE,
	       "Lysychansk", "");
	expect("does the Kremlin still call Kherson Russian", QY_WH_YESNO, QY_FAM_NONE, "Kherson", "");
	expect("why did grain prices rise in July 2023", QY_WH_WHY, QY_FAM_NONE, "", "2023-07-31");
}

static void test_keyword_queries_stay_keyword_queries(void **state)
{
	(void)state;
	static const char *const queries[] = {
		"Soledar salt mine", "Lysychansk captured", "Akhmat", "\"who controls\" Soledar",
		"source:Reuters Kherson withdrawal", "Bakhmut AND shelling", "Kherson -grain",
		"Toretsk control", "", "   ",
	};
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		qy_question qq;
		assert_int_equal(qy_question_parse(queries[i], &qq), 0);
		assert_int_equal(qq.wh, QY_WH_NONE);
		assert_int_equal(qq.family, QY_FAM_NONE);
		assert_string_equal(qq.target, "");
	}
	/* A question mark alone makes a question. */
	expect("Soledar taken?", QY_WH_WHAT, QY_FAM_CONTROL, "Soledar", "");
}

static void test_present_tense(void **state)
{
	(void)state;
	qy_question qq;
	qy_question_parse("who controls Lysychansk", &qq);
	assert_int_equal(qq.present, 1);
	qy_question_parse("is Toretsk under Russian control", &qq);
	assert_int_equal(qq.present, 1);
	qy_question_parse("did Russia capture Dzerzhinsk", &qq);
	assert_int_equal(qq.present, 0);
	qy_question_parse("who controls Soledar as of 2023-01-15", &qq);
	assert_int_equal(qq.present, 0);
}

/* Every stem a family exports is what the stemmer makes of one of its
 * words, and the words' stems are all exported. */
static void test_family_stems_are_snowball_stems(void **state)
{
	(void)state;
	static const struct {
		qy_family f;
		const char *words;
	} cases[] = {
		{ QY_FAM_CONTROL, "controls captured seized liberated fell entered occupied retook "
				  "withdrew pushed encircled hands holds took" },
		{ QY_FAM_FALL, "fallen captured" },
		{ QY_FAM_ATTACK, "attacked shelling strikes struck missiles drones bombardment" },
		{ QY_FAM_FIGHTING, "fighting battles clashes combat" },
	};
	qy_stemmer *st = qy_stemmer_new();
	assert_non_null(st);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		const char *const *stems;
		size_t n = qy_family_stems(cases[c].f, &stems);
		assert_true(n > 0);
		const char *w = cases[c].words;
		while (*w) {
			size_t len = strcspn(w, " "), sl;
			const char *stem = qy_stem(st, w, len, &sl);
			bool found = false;
			for (size_t i = 0; i < n; i++)
				found |= strlen(stems[i]) == sl && memcmp(stems[i], stem, sl) == 0;
			if (!found)
				fail_msg("stem of %.*s (%.*s) not exported", (int)len, w, (int)sl, stem);
			w += len + (w[len] == ' ');
		}
	}
	const char *const *stems;
	assert_int_equal(qy_family_stems(QY_FAM_NONE, &stems), 0);
	qy_stemmer_free(st);
}

static void test_pick_place(void **state)
{
	(void)state;
	const char *q = "did Russia capture Dzerzhinsk";
	qy_question qq;
	qy_question_parse(q, &qq);
	qy_mention m[2] = {
		{ 4, 10, 1, 1, QY_ENT_ACTOR, "russia" },
		{ 19, 29, 3, 1, QY_ENT_PLACE, "toretsk" },
	};
	assert_int_equal(qy_question_pick_place(&qq, m, 2), 1);
	assert_int_equal(qy_question_pick_place(&qq, m, 1), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_control),
		cmocka_unit_test(test_fall),
		cmocka_unit_test(test_attack_and_fighting),
		cmocka_unit_test(test_dates_in_questions),
		cmocka_unit_test(test_questions_without_a_family),
		cmocka_unit_test(test_keyword_queries_stay_keyword_queries),
		cmocka_unit_test(test_present_tense),
		cmocka_unit_test(test_family_stems_are_snowball_stems),
		cmocka_unit_test(test_pick_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
