/* test_claims.c - unit tests for claim extraction, on sentences written for them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "searcher/answering.h"
#include "searcher/claims.h"

static qy_gazetteer *gaz;

static int setup(void **state)
{
	(void)state;
	qy_err err = QY_ERR_INIT;
	if (qy_gazetteer_load(&gaz, SOURCE_DIR "/data", &err) != 0) {
		print_error("gazetteer: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	qy_gazetteer_free(gaz);
	return 0;
}

/* Tags text and extracts its claims about place, as a dated passage 3 of
 * article "t-art". */
static size_t extract(const char *text, const char *place, qy_family fam, qy_claims *out)
{
	size_t len = strlen(text);
	char *copy = malloc(len + 1);
	memcpy(copy, text, len + 1);
	qy_mentions ms = QY_MENTIONS_INIT;
	qy_tag_entities(gaz, copy, len, &ms);
	qy_claim_source src = { copy, len, ms.items, ms.count, "t-art", 3, "2023-01-12", 1, 0 };
	size_t n = qy_claims_extract(gaz, &src, place, fam, out);
	for (size_t i = 0; i < out->count; i++) {
		assert_non_null(out->items[i].quote);
		assert_true(out->items[i].quote_start < len);
		assert_true(out->items[i].clause_off < strlen(out->items[i].quote));
	}
	qy_mentions_free(&ms);
	free(copy);
	return n;
}

/* Claim i must be actor/stance/holder (holder NULL = none). */
static void expect_claim(const qy_claims *cl, size_t i, const char *actor, qy_stance st,
			 const char *holder)
{
	assert_true(i < cl->count);
	const qy_claim *c = &cl->items[i];
	if (strcmp(c->actor, actor) != 0 || c->stance != st ||
	    (holder ? !c->holder || strcmp(c->holder, holder) != 0 : c->holder != NULL))
		fail_msg("claim %zu: %s %s holder %s; want %s %s %s  [%s]", i, c->actor,
			 qy_stance_name(c->stance), c->holder ? c->holder : "-", actor,
			 qy_stance_name(st), holder ? holder : "-", c->quote);
}

static void test_claim_and_dispute_in_one_sentence(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	const char *t = "Moscow claimed control of Soledar on Friday, but Ukraine's defence ministry "
			"disputed that the town had fallen.";
	assert_int_equal(extract(t, "soledar", QY_FAM_CONTROL, &cl), 2);
	expect_claim(&cl, 0, "russia", QY_STANCE_CLAIMS, "russia");
	expect_claim(&cl, 1, "ukraine", QY_STANCE_DENIES, "ukraine");
	assert_string_equal(cl.items[1].attribution, "Ukraine's defence ministry");
	assert_string_equal(cl.items[0].side, "russia");
	/* the passage's reference and date come along */
	assert_string_equal(cl.items[1].article, "t-art");
	assert_int_equal(cl.items[1].passage, 3);
	assert_string_equal(cl.items[1].date, "2023-01-12");
	assert_int_equal(cl.items[1].date_inferred, 1);
	assert_string_equal(cl.items[1].place, "soledar");
	assert_true(cl.items[1].clause_off > 0);
	qy_claims_free(&cl);
}

static void test_rejection_in_the_next_sentence(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	const char *t = "Chechen fighters are claiming to have captured Lysychansk after a night of "
			"street battles. However, the Ukrainian army rejects the claim.";
	assert_int_equal(extract(t, "lysychansk", QY_FAM_CONTROL, &cl), 2);
	expect_claim(&cl, 0, "kadyrovites", QY_STANCE_CLAIMS, "russia");
	expect_claim(&cl, 1, "ukraine", QY_STANCE_DENIES, "ukraine");
	qy_claims_free(&cl);
}

static void test_confirmation_by_the_other_side(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	const char *t = "Russian units have entered the southern outskirts of Toretsk, Ukraine's "
			"military command confirmed late on Tuesday.";
	assert_int_equal(extract(t, "toretsk", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_CONFIRMS, "russia");
	assert_non_null(cl.items[0].attribution);
	assert_non_null(strstr(cl.items[0].attribution, "command"));
	qy_claims_free(&cl);
}

static void test_withdrawal_is_a_confirmation(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(extract("Ukrainian troops withdrew from Avdiivka overnight.", "avdiivka",
				 QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_CONFIRMS, "russia");
	qy_claims_free(&cl);
}

static void test_negations(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(extract("Ukrainian officials said Lysychansk has not fallen.", "lysychansk",
				 QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_DENIES, "ukraine");
	qy_claims_free(&cl);

	assert_int_equal(extract("There is no Russian control over Vuhledar, a Ukrainian army "
				 "spokesman said.", "vuhledar", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_DENIES, "ukraine");
	qy_claims_free(&cl);
}

static void test_news_agency_relays_a_report(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(extract("Russian forces entered Kupiansk, Reuters reported.", "kupiansk",
				 QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_REPORTS, "russia");
	assert_string_equal(cl.items[0].attribution, "Reuters");
	qy_claims_free(&cl);
}

static void test_wagner_speaks_for_itself(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(extract("Prigozhin said his fighters had taken Soledar without help.",
				 "soledar", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "wagner", QY_STANCE_CLAIMS, "russia");
	qy_claims_free(&cl);
}

static void test_no_claim_without_an_assertion(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	/* an intent, another town, a bare mention */
	assert_int_equal(extract("Russia has been trying to capture Pokrovsk for months.", "pokrovsk",
				 QY_FAM_CONTROL, &cl), 0);
	assert_int_equal(extract("Russian forces took Vuhledar last week.", "avdiivka",
				 QY_FAM_CONTROL, &cl), 0);
	assert_int_equal(extract("Bakhmut was once known for its sparkling wine.", "bakhmut",
				 QY_FAM_CONTROL, &cl), 0);
	assert_int_equal(cl.count, 0);
	qy_claims_free(&cl);
}

static void test_attack_reported_by_the_governor(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	const char *t = "Russian missiles struck Kharkiv overnight, Governor Oleh Syniehubov said.";
	assert_int_equal(extract(t, "kharkiv", QY_FAM_ATTACK, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_REPORTS, NULL);
	assert_string_equal(cl.items[0].speaker, "syniehubov");
	qy_claims_free(&cl);
	/* the same sentence says nothing about control */
	assert_int_equal(extract(t, "kharkiv", QY_FAM_CONTROL, &cl), 0);
	qy_claims_free(&cl);
}

/* Mentions built by hand, as a caller with its own tagger would pass them. */
static void test_hand_built_mentions(void **state)
{
	(void)state;
	const char *t = "Kyiv denied that Bakhmut had fallen.";
	qy_mention m[2] = {
		{ 0, 4, 0, 1, QY_ENT_ACTOR, "ukraine" },
		{ 17, 24, 3, 1, QY_ENT_PLACE, "bakhmut" },
	};
	qy_claim_source src = { t, strlen(t), m, 2, "hand", 0, NULL, 0, 0 };
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(qy_claims_extract(gaz, &src, "bakhmut", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_DENIES, "ukraine");
	assert_string_equal(cl.items[0].date, "");
	assert_string_equal(cl.items[0].attribution, "Kyiv");
	qy_claims_free(&cl);
	/* without the place mention there is nothing to read */
	src.n_mentions = 1;
	assert_int_equal(qy_claims_extract(gaz, &src, "bakhmut", QY_FAM_CONTROL, &cl), 0);
	qy_claims_free(&cl);
}

static void test_from_record(void **state)
{
	(void)state;
	char text[] = "Russia's defence ministry announced the liberation of Vuhledar.";
	qy_record rec;
	memset(&rec, 0, sizeof rec);
	rec.article = "rec-art";
	rec.passage = 7;
	rec.date = "2024-10-02";
	rec.text = text;
	rec.text_len = strlen(text);
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(qy_claims_from_record(gaz, &rec, "vuhledar", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_CLAIMS, "russia");
	assert_string_equal(cl.items[0].article, "rec-art");
	assert_int_equal(cl.items[0].passage, 7);
	assert_string_equal(cl.items[0].date, "2024-10-02");
	qy_claims_free(&cl);
}

/* A second speaker joined on by "and" or "after" makes a clause of its own. */
static void test_joined_statements(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	const char *t = "Prigozhin said his fighters had taken Soledar, and the Kremlin urged caution.";
	assert_int_equal(extract(t, "soledar", QY_FAM_NONE, &cl), 2);
	expect_claim(&cl, 0, "wagner", QY_STANCE_CLAIMS, "russia");
	expect_claim(&cl, 1, "russia", QY_STANCE_REPORTS, NULL);
	qy_claims_free(&cl);

	t = "Ukraine's military acknowledged that its forces had pulled out of Soledar, two weeks "
	    "after Russia first claimed to have captured the town.";
	assert_int_equal(extract(t, "soledar", QY_FAM_CONTROL, &cl), 2);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_CONFIRMS, "russia");
	expect_claim(&cl, 1, "russia", QY_STANCE_CLAIMS, "russia");
	qy_claims_free(&cl);
}

/* "It said" is the subject of the sentence before; "its forces" struck. */
static void test_pronoun_speaker(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	const char *t = "Russia's defence ministry did not mention the hypermarket. It said its forces "
			"had struck military targets in the Kharkiv region.";
	assert_int_equal(extract(t, "kharkiv", QY_FAM_ATTACK, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_CLAIMS, NULL);
	assert_string_equal(cl.items[0].speaker, "russian-mod");
	qy_claims_free(&cl);
	/* a strike with no agent is nobody's claim */
	assert_int_equal(extract("Ukraine's State Emergency Service said rescuers in Kharkiv worked "
				 "under the threat of a repeat strike.", "kharkiv", QY_FAM_ATTACK, &cl), 0);
	qy_claims_free(&cl);
}

static void test_local_officials(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(extract("Russian forces have taken control of Kherson, the city's mayor said.",
				 "kherson", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_CONFIRMS, "russia");
	qy_claims_free(&cl);
	assert_int_equal(extract("Russian forces have taken control of Kherson, the Russian-installed "
				 "mayor said.", "kherson", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_CLAIMS, "russia");
	qy_claims_free(&cl);
}

static void test_encircled_and_regrouped(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	/* the party before a passive encirclement is the one encircled */
	assert_int_equal(extract("Russia's defence ministry said Ukrainian units in Sievierodonetsk "
				 "were surrounded.", "sievierodonetsk", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_CLAIMS, "russia");
	qy_claims_free(&cl);
	/* a side's own "regrouping" is its claim, not a concession */
	assert_int_equal(extract("Russia's defence ministry said troops near Izium were being "
				 "regrouped.", "izium", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_CLAIMS, NULL);
	qy_claims_free(&cl);
}

static void test_repelled_depends_on_the_question(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	const char *t = "Ukrainian forces repelled 100 Russian attacks near Bakhmut, the General "
			"Staff of Ukraine's Armed Forces said.";
	assert_int_equal(extract(t, "bakhmut", QY_FAM_FIGHTING, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_REPORTS, NULL);
	assert_string_equal(cl.items[0].speaker, "ukraine-general-staff");
	qy_claims_free(&cl);
	assert_int_equal(extract(t, "bakhmut", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_DENIES, "ukraine");
	qy_claims_free(&cl);
}

static void test_words_that_are_no_cue(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(extract("Ukraine does not usually comment on such claims about Kharkiv.",
				 "kharkiv", QY_FAM_CONTROL, &cl), 0);
	assert_int_equal(extract("Almost nothing is left of Bakhmut, a Ukrainian army spokesman said.",
				 "bakhmut", QY_FAM_CONTROL, &cl), 0);
	qy_claims_free(&cl);
	/* "fell back" is a retreat, not a fall */
	assert_int_equal(extract("Ukrainian troops fell back from Sievierodonetsk.", "sievierodonetsk",
				 QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_CONFIRMS, "russia");
	qy_claims_free(&cl);
}

/* A title naming the place makes "the announcement" in any paragraph its own. */
static void test_title_sets_the_topic(void **state)
{
	(void)state;
	char text[] = "Kyiv dismissed the announcement.";
	qy_record rec;
	memset(&rec, 0, sizeof rec);
	rec.article = "t";
	rec.title = "Moscow says Toretsk has fallen";
	rec.text = text;
	rec.text_len = strlen(text);
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(qy_claims_from_record(gaz, &rec, "toretsk", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_DENIES, "ukraine");
	qy_claims_free(&cl);
	/* two towns in the title: whose announcement is unclear */
	rec.title = "Moscow says Toretsk and Pokrovsk have fallen";
	assert_int_equal(qy_claims_from_record(gaz, &rec, "toretsk", QY_FAM_CONTROL, &cl), 0);
	rec.title = NULL;
	assert_int_equal(qy_claims_from_record(gaz, &rec, "toretsk", QY_FAM_CONTROL, &cl), 0);
	qy_claims_free(&cl);
}

/* "Russian-occupied Melitopol", "the Russian seizure of Avdiivka": the side
 * named right before the gain word holds the place, whoever the subject is. */
static void test_side_before_gain_word(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(extract("Ukraine war: partisan attack kills police chief in "
				 "Russian-occupied Melitopol", "melitopol", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_REPORTS, "russia");
	qy_claims_free(&cl);
	assert_int_equal(extract("Budanov conceded that the Russian seizure of Avdiivka was a "
				 "real success for them.", "avdiivka", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_CONFIRMS, "russia");
	qy_claims_free(&cl);
}

/* "a town west of Kyiv" locates another town; "a town Russia is desperate
 * to capture" is not taken. */
static void test_landmarks_and_attempts(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	const char *t = "Ukrainian forces regained control of Makariv, a town west of Kyiv.";
	assert_int_equal(extract(t, "kyiv", QY_FAM_CONTROL, &cl), 0);
	assert_int_equal(extract(t, "makariv", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_REPORTS, "ukraine");
	qy_claims_free(&cl);
	assert_int_equal(extract("Reporters visited Vuhledar, a town Russia is desperate to "
				 "capture.", "vuhledar", QY_FAM_CONTROL, &cl), 0);
	assert_int_equal(extract("Ukrainian troops destroyed two units during fighting for control "
				 "of Bakhmut.", "bakhmut", QY_FAM_CONTROL, &cl), 0);
	assert_int_equal(extract("Moscow is edging closer to full control of Mariupol.", "mariupol",
				 QY_FAM_CONTROL, &cl), 0);
	/* "despite" opens the other side's statement */
	assert_int_equal(extract("Zaluzhnyi said his troops remained in part of Maryinka despite "
				 "Russia's defence minister saying Russian troops were in total "
				 "control of the town.", "marinka", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_CLAIMS, "russia");
	qy_claims_free(&cl);
	/* "far from" negates */
	assert_int_equal(extract("Russian forces are far from capturing Bakhmut, the ISW said.",
				 "bakhmut", QY_FAM_CONTROL, &cl), 1);
	assert_string_equal(cl.items[0].holder, "ukraine");
	qy_claims_free(&cl);
	/* an announcement that says nothing of control claims no control */
	assert_int_equal(extract("Ukraine's president announced the evacuation of civilians from "
				 "the Azovstal plant.", "azovstal", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_CLAIMS, NULL);
	qy_claims_free(&cl);
	/* fighting north of a town is fighting about it */
	assert_int_equal(extract("Russian forces attacked north of Bakhmut.", "bakhmut",
				 QY_FAM_ATTACK, &cl), 1);
	qy_claims_free(&cl);
}

/* A headline is read as a sentence of its own, cited as passage 0. */
static void test_headline(void **state)
{
	(void)state;
	char text[] = "The plant was the site of the 1986 disaster.";
	qy_record rec;
	memset(&rec, 0, sizeof rec);
	rec.article = "rss-1";
	rec.passage = 3;
	rec.date = "2022-02-25";
	rec.title = "Russian forces seize Chernobyl nuclear power plant";
	rec.text = text;
	rec.text_len = strlen(text);
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(qy_claims_from_title(gaz, &rec, "chornobyl-npp", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_REPORTS, "russia");
	assert_int_equal(cl.items[0].passage, 0);
	assert_string_equal(cl.items[0].quote, rec.title);
	assert_string_equal(cl.items[0].date, "2022-02-25");
	qy_claims_free(&cl);
	rec.title = NULL;
	assert_int_equal(qy_claims_from_title(gaz, &rec, "chornobyl-npp", QY_FAM_CONTROL, &cl), 0);
}

/* Review findings on real news: each of these was misread once. */
static void test_dates_past_occupations_and_possessives(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	/* "May" the month is no "may" of intent */
	assert_int_equal(extract("On 23 May, Russian forces took control of Lyman.", "lyman",
				 QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_REPORTS, "russia");
	qy_claims_free(&cl);
	/* an occupation that is over names no holder */
	extract("Kherson was liberated after eight months of Russian occupation.", "kherson",
		QY_FAM_CONTROL, &cl);
	for (size_t i = 0; i < cl.count; i++)
		if (cl.items[i].holder && strcmp(cl.items[i].holder, "russia") == 0)
			fail_msg("a past occupation read as Russian control: %s", cl.items[i].quote);
	qy_claims_free(&cl);
	/* another verb's negation leaves the adjective's holder alone */
	assert_int_equal(extract("Kyiv's counteroffensive won't reach Russian-occupied Melitopol.",
				 "melitopol", QY_FAM_CONTROL, &cl), 1);
	assert_string_equal(cl.items[0].holder, "russia");
	qy_claims_free(&cl);
	/* "of Ukraine's Bakhmut" is the town's country, not the one in control */
	assert_int_equal(extract("Prigozhin claims complete control of Ukraine's Bakhmut", "bakhmut",
				 QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "wagner", QY_STANCE_CLAIMS, "russia");
	qy_claims_free(&cl);
	assert_int_equal(extract("Wagner claims control of Ukraine's eastern city of Bakhmut",
				 "bakhmut", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "wagner", QY_STANCE_CLAIMS, "russia");
	qy_claims_free(&cl);
	/* a second reviewer: a headline's capital May is "may"; "from" an
	 * occupied town is an occupation going on; praise "for capturing" is
	 * no contest */
	assert_int_equal(extract("Ukraine Signals It May Pull Back From Bakhmut", "bakhmut",
				 QY_FAM_CONTROL, &cl), 0);
	assert_int_equal(extract("Children were deported from Russian-occupied Mariupol.",
				 "mariupol", QY_FAM_CONTROL, &cl), 1);
	assert_string_equal(cl.items[0].holder, "russia");
	qy_claims_free(&cl);
	assert_int_equal(extract("Putin congratulated Wagner for capturing Bakhmut.", "bakhmut",
				 QY_FAM_CONTROL, &cl), 1);
	assert_string_equal(cl.items[0].holder, "russia");
	qy_claims_free(&cl);
}

/* A headline claim is kept next to a first sentence of the same actor and
 * stance.  (It is read once per article to save the work; reading it for
 * every passage would give the same answer, merged.) */
static void test_headline_beside_first_sentence(void **state)
{
	(void)state;
	char p0[] = "Russian troops have seized the Chernobyl nuclear power plant.";
	char p1[] = "The plant was the site of the 1986 disaster.";
	qy_record recs[2];
	memset(recs, 0, sizeof recs);
	for (int i = 0; i < 2; i++) {
		recs[i].article = "rss-1";
		recs[i].date = "2022-02-25";
		recs[i].title = "Russian forces seize Chernobyl nuclear power plant";
	}
	recs[0].text = p0;
	recs[0].text_len = strlen(p0);
	recs[1].passage = 1;
	recs[1].text = p1;
	recs[1].text_len = strlen(p1);
	qy_question qq;
	memset(&qq, 0, sizeof qq);
	qq.family = QY_FAM_CONTROL;
	qy_answer a;
	qy_answer_from_records(&a, gaz, "who controls the Chornobyl nuclear power plant", &qq,
			       "chornobyl-npp", NULL, recs, 2);
	size_t headlines = 0, firsts = 0;
	for (size_t i = 0; i < a.claims.count; i++) {
		headlines += strcmp(a.claims.items[i].quote, recs[0].title) == 0;
		firsts += strcmp(a.claims.items[i].quote, p0) == 0;
	}
	assert_int_equal(headlines, 1);
	assert_int_equal(firsts, 1);
	assert_string_equal(a.controller, "Russia");
	qy_answer_free(&a);
}

/* "The plant" points back at a site, "the city" does not. */
static void test_site_anaphora(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	const char *t = "Shelling hit the Zaporizhzhia nuclear power plant again. Russia's defence "
			"ministry said its troops still controlled the plant. Ukraine's army said "
			"the city had not fallen.";
	assert_int_equal(extract(t, "zaporizhzhia-npp", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_CLAIMS, "russia");
	qy_claims_free(&cl);
	/* the same words about a town: "the city" is the town, "the plant" is not */
	t = "Shelling hit Zaporizhzhia again. Russia's defence ministry said its troops still "
	    "controlled the plant. Ukraine's army said the city had not fallen.";
	assert_int_equal(extract(t, "zaporizhzhia", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "ukraine", QY_STANCE_DENIES, "ukraine");
	qy_claims_free(&cl);
}

/* The People's Republic names its region. */
static void test_republic_is_its_region(void **state)
{
	(void)state;
	qy_claims cl = QY_CLAIMS_INIT;
	assert_int_equal(extract("Shoigu reported that the liberation of the Lugansk People's Republic "
				 "had been completed.", "luhansk-oblast", QY_FAM_CONTROL, &cl), 1);
	expect_claim(&cl, 0, "russia", QY_STANCE_CLAIMS, "russia");
	assert_string_equal(cl.items[0].speaker, "shoigu");
	qy_claims_free(&cl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_claim_and_dispute_in_one_sentence),
		cmocka_unit_test(test_rejection_in_the_next_sentence),
		cmocka_unit_test(test_confirmation_by_the_other_side),
		cmocka_unit_test(test_withdrawal_is_a_confirmation),
		cmocka_unit_test(test_negations),
		cmocka_unit_test(test_news_agency_relays_a_report),
		cmocka_unit_test(test_wagner_speaks_for_itself),
		cmocka_unit_test(test_no_claim_without_an_assertion),
		cmocka_unit_test(test_attack_reported_by_the_governor),
		cmocka_unit_test(test_hand_built_mentions),
		cmocka_unit_test(test_from_record),
		cmocka_unit_test(test_joined_statements),
		cmocka_unit_test(test_pronoun_speaker),
		cmocka_unit_test(test_local_officials),
		cmocka_unit_test(test_encircled_and_regrouped),
		cmocka_unit_test(test_repelled_depends_on_the_question),
		cmocka_unit_test(test_words_that_are_no_cue),
		cmocka_unit_test(test_title_sets_the_topic),
		cmocka_unit_test(test_republic_is_its_region),
		cmocka_unit_test(test_site_anaphora),
		cmocka_unit_test(test_side_before_gain_word),
		cmocka_unit_test(test_landmarks_and_attempts),
		cmocka_unit_test(test_headline),
		cmocka_unit_test(test_dates_past_occupations_and_possessives),
		cmocka_unit_test(test_headline_beside_first_sentence),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
