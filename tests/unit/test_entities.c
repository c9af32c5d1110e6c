/* test_entities.c - unit tests for the gazetteer and the entity tagger. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/entities.h"
#include "analysis/tokenizer.h"

static qy_gazetteer *gz;

static int setup(void **state)
{
	qy_err err = QY_ERR_INIT;
	(void)state;
	if (qy_gazetteer_load(&gz, SOURCE_DIR "/data", &err) != QUARRY_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	qy_gazetteer_free(gz);
	return 0;
}

static const char *resolve(int type, const char *name)
{
	qy_entity_type t;
	const char *id;
	return qy_gazetteer_resolve(gz, type, name, strlen(name), &t, &id) ? id : NULL;
}

static void assert_resolves(int type, const char *name, const char *want)
{
	const char *got = resolve(type, name);
	if (!got || strcmp(got, want) != 0)
		fail_msg("%s resolved to %s, want %s", name, got ? got : "nothing", want);
}

static void test_variants_resolve_to_one_id(void **state)
{
	(void)state;
	assert_resolves(QY_ENT_PLACE, "Lysychansk", "lysychansk");
	assert_resolves(QY_ENT_PLACE, "Lisichansk", "lysychansk");
	assert_resolves(QY_ENT_PLACE, "Лисичанськ", "lysychansk");
	assert_resolves(QY_ENT_PLACE, "Severodonetsk", "sievierodonetsk");
	assert_resolves(QY_ENT_PLACE, "Sievierodonetsk", "sievierodonetsk");
	assert_resolves(QY_ENT_PLACE, "Syeverodonetsk", "sievierodonetsk");
	assert_resolves(QY_ENT_PLACE, "Dzerzhinsk", "toretsk");
	assert_resolves(QY_ENT_PLACE, "Kiev", "kyiv");
	assert_resolves(QY_ENT_PLACE, "KYIV", "kyiv");
	assert_resolves(QY_ENT_PLACE, "Artemovsk", "bakhmut");
	assert_resolves(QY_ENT_ACTOR, "the LPR", "lpr");
	assert_resolves(QY_ENT_ACTOR, "Lugansk People's Republic", "lpr");
	assert_resolves(QY_ENT_ACTOR, "Russian forces", "russia");
	assert_resolves(QY_ENT_ACTOR, "Ukraine's", "ukraine");
	assert_resolves(QY_ENT_PERSON, "Zelenskyy", "zelensky");
	assert_resolves(QY_ENT_PERSON, "Gaiday", "haidai");
	assert_resolves(-1, "Kherson", "kherson");
	assert_resolves(-1, "Kherson region", "kherson-oblast");
	assert_resolves(-1, "Kherson Oblast", "kherson-oblast");
	assert_null(resolve(-1, "Russian"));
	assert_null(resolve(QY_ENT_PLACE, "nowhere at all"));
	assert_null(resolve(-1, ""));
}

static void test_display_info(void **state)
{
	(void)state;
	assert_string_equal(qy_gazetteer_name(gz, QY_ENT_PLACE, "lysychansk"), "Lysychansk");
	assert_string_equal(qy_gazetteer_place_type(gz, "kherson-oblast"), "oblast");
	assert_string_equal(qy_gazetteer_place_type(gz, "kherson"), "city");
	assert_string_equal(qy_gazetteer_side(gz, QY_ENT_ACTOR, "wagner"), "russia");
	assert_string_equal(qy_gazetteer_side(gz, QY_ENT_ACTOR, "azov"), "ukraine");
	assert_null(qy_gazetteer_side(gz, QY_ENT_PLACE, "kyiv"));
	assert_null(qy_gazetteer_name(gz, QY_ENT_ACTOR, "lysychansk"));
}

/* Tags text and returns the mentions (caller frees). */
static qy_mentions tag(const char *text)
{
	qy_mentions m = QY_MENTIONS_INIT;
	qy_tag_entities(gz, text, strlen(text), &m);
	return m;
}

/* The mention whose surface is `surface`, or NULL. */
static const qy_mention *find(const qy_mentions *m, const char *text, const char *surface)
{
	size_t n = strlen(surface);
	for (size_t i = 0; i < m->count; i++)
		if (m->items[i].end - m->items[i].start == n &&
		    memcmp(text + m->items[i].start, surface, n) == 0)
			return &m->items[i];
	return NULL;
}

static void assert_tag(const char *text, const char *surface, qy_entity_type type,
		       const char *id)
{
	qy_mentions m = tag(text);
	const qy_mention *x = find(&m, text, surface);
	if (!x)
		fail_msg("\"%s\" not tagged in \"%s\"", surface, text);
	assert_int_equal(x->type, type);
	if (id)
		assert_string_equal(x->id, id);
	else
		assert_null(x->id);
	qy_mentions_free(&m);
}

static void assert_untagged(const char *text, const char *surface)
{
	qy_mentions m = tag(text);
	if (find(&m, text, surface))
		fail_msg("\"%s\" wrongly tagged in \"%s\"", surface, text);
	/* nor any mention starting inside it */
	const char *p = strstr(text, surface);
	for (size_t i = 0; p && i < m.count; i++)
		if (m.items[i].start >= (size_t)(p - text) &&
		    m.items[i].start < (size_t)(p - text) + strlen(surface))
			fail_msg("a mention starts inside \"%s\"", surface);
	qy_mentions_free(&m);
}

static void test_city_and_oblast(void **state)
{
	(void)state;
	const char *t = "Shelling hit Kherson and villages across the Kherson region, "
			"while the Luhansk Oblast governor spoke.";
	assert_tag(t, "Kherson", QY_ENT_PLACE, "kherson");
	assert_tag(t, "Kherson region", QY_ENT_PLACE, "kherson-oblast");
	assert_tag(t, "Luhansk Oblast", QY_ENT_PLACE, "luhansk-oblast");
	assert_tag("The Kharkiv regional governor said so.", "Kharkiv", QY_ENT_PLACE,
		   "kharkiv-oblast");
}

/* A plant, dam or island is its own place, not the town it is named after. */
static void test_sites_are_not_their_towns(void **state)
{
	(void)state;
	const char *t = "Russian forces took the Zaporizhzhia nuclear power plant, and shelling hit "
			"Zaporizhzhia.";
	assert_tag(t, "Zaporizhzhia nuclear power plant", QY_ENT_PLACE, "zaporizhzhia-npp");
	assert_tag(t, "Zaporizhzhia", QY_ENT_PLACE, "zaporizhzhia");
	assert_tag("The ZNPP lost power again.", "ZNPP", QY_ENT_PLACE, "zaporizhzhia-npp");
	assert_tag("Water poured through the breached Kakhovka dam.", "Kakhovka dam",
		   QY_ENT_PLACE, "kakhovka-dam");
	assert_tag("Troops left Kakhovka on Friday.", "Kakhovka", QY_ENT_PLACE, "kakhovka");
	assert_tag("The last defenders left Azovstal in May.", "Azovstal", QY_ENT_PLACE,
		   "azovstal");
	assert_tag("Ukraine retook Snake Island in June.", "Snake Island", QY_ENT_PLACE,
		   "snake-island");
	assert_int_equal(strcmp(qy_gazetteer_place_type(gz, "azovstal"), "site"), 0);
	assert_int_equal(strcmp(qy_gazetteer_place_type(gz, "dnipro-river"), "river"), 0);
}

/* "Dnipro" is the city, "the Dnipro" and "the Dnipro River" the river. */
static void test_river_or_city(void **state)
{
	(void)state;
	assert_tag("Russian troops withdrew across the Dnipro on Friday.", "Dnipro",
		   QY_ENT_PLACE, "dnipro-river");
	assert_tag("A missile struck Dnipro overnight.", "Dnipro", QY_ENT_PLACE, "dnipro");
	assert_tag("Troops crossed the Dnipro River at night.", "Dnipro River", QY_ENT_PLACE,
		   "dnipro-river");
	assert_tag("He spoke to the Dnipro city council.", "Dnipro", QY_ENT_PLACE, "dnipro");
	assert_tag("The Dnipro mayor said the strike killed two.", "Dnipro", QY_ENT_PLACE, "dnipro");
	assert_tag("Troops withdrew across the Dnipro. Residents cheered.", "Dnipro", QY_ENT_PLACE,
		   "dnipro-river");
	assert_tag("The Dnipro regional administration reported strikes.", "Dnipro", QY_ENT_PLACE,
		   "dnipropetrovsk-oblast");
	assert_tag("Boats crossed the Dnieper.", "Dnieper", QY_ENT_PLACE, "dnipro-river");
}

static void test_adjective_is_not_a_place(void **state)
{
	(void)state;
	qy_mentions m = tag("A Russian official and Ukrainian media disagreed.");
	for (size_t i = 0; i < m.count; i++)
		assert_int_not_equal(m.items[i].type, QY_ENT_PLACE);
	assert_int_equal(m.count, 0);
	qy_mentions_free(&m);
}

static void test_actor_patterns(void **state)
{
	(void)state;
	const char *t = "He said Russian forces and Ukrainian army units clashed.";
	qy_mentions m = tag(t);
	const qy_mention *x = find(&m, t, "Russian forces");
	assert_non_null(x);
	assert_int_equal(x->type, QY_ENT_ACTOR);
	assert_string_equal(x->id, "russia");
	/* token indices: He(0) said(1) Russian(2) forces(3) */
	assert_int_equal(x->first_token, 2);
	assert_int_equal(x->n_tokens, 2);
	assert_tag(t, "Ukrainian army", QY_ENT_ACTOR, "ukraine");
	qy_mentions_free(&m);
	assert_tag("Later Moscow’s forces pulled back.", "Moscow’s forces", QY_ENT_ACTOR, "russia");
	assert_tag("A statement from the Kremlin followed.", "Kremlin", QY_ENT_ACTOR, "russia");
	assert_tag("Reports say Kadyrovites and Wagner fought there.", "Kadyrovites",
		   QY_ENT_ACTOR, "kadyrovites");
	assert_tag("It was the People's Militia of the LPR again.",
		   "People's Militia of the LPR", QY_ENT_ACTOR, "lpr");
	assert_tag("Soldiers of the Armed Forces of Ukraine held.", "Armed Forces of Ukraine",
		   QY_ENT_ACTOR, "ukraine");
}

static void test_metonymy(void **state)
{
	(void)state;
	assert_tag("After the strike Kyiv denied the report.", "Kyiv", QY_ENT_ACTOR, "ukraine");
	assert_tag("Missiles hit Kyiv overnight.", "Kyiv", QY_ENT_PLACE, "kyiv");
	assert_tag("Refugees fled to Russia last year.", "Russia", QY_ENT_PLACE, "russia");
	assert_tag("Then Russia claimed the town.", "Russia", QY_ENT_ACTOR, "russia");
	assert_untagged("Talks were held in Moscow on Monday.", "Moscow");
}

static void test_possessive(void **state)
{
	(void)state;
	const char *t = "They attacked Lysychansk’s outskirts and Ukraine's army replied.";
	assert_tag(t, "Lysychansk’s", QY_ENT_PLACE, "lysychansk");
	assert_tag(t, "Ukraine's army", QY_ENT_ACTOR, "ukraine");
}

static void test_capitalisation_rules(void **state)
{
	(void)state;
	/* A village named like a common word is not tagged in prose. */
	assert_untagged("Play resumed after the side had a smile.", "Play");
	assert_untagged("Children play by the side of the road.", "side");
	/* Place names in lower case are not names. */
	assert_untagged("the word lysychansk in lower case", "lysychansk");
	/* Mid-sentence capitalised villages are tagged. */
	assert_tag("Troops entered Verkhnokamianka on Friday.", "Verkhnokamianka",
		   QY_ENT_PLACE, "verkhnokamianka");
	/* Acronyms must be written as acronyms. */
	assert_untagged("We went up the hill.", "up");
	assert_untagged("The Ap was there.", "Ap");
}

static void test_unknown_names(void **state)
{
	(void)state;
	const char *t = "The report by Anastasiia Bobovnikova’s team was read by Mayor "
			"Oleksandr Striuk.";
	qy_mentions m = tag(t);
	const qy_mention *x = find(&m, t, "Anastasiia Bobovnikova’s");
	assert_non_null(x);
	assert_int_equal(x->type, QY_ENT_NAME);
	assert_null(x->id);
	qy_buf key = QY_BUF_INIT;
	qy_mention_name_key(t, x, &key);
	assert_string_equal(key.data, "anastasiia_bobovnikova");
	qy_buf_free(&key);
	x = find(&m, t, "Oleksandr Striuk");   /* the title is dropped */
	assert_non_null(x);
	assert_int_equal(x->type, QY_ENT_NAME);
	qy_mentions_free(&m);
	assert_untagged("The ministry said so.", "The");
}

/* Mentions are in text order, do not overlap, and their token indices
 * match the tokenizer's numbering. */
static void test_token_indices_match_tokenizer(void **state)
{
	(void)state;
	const char *t = "On 3 July 2022, Ukraine’s General Staff said Russian troops "
			"had taken Lysychansk (Лисичанськ) and Sievierodonetsk.";
	qy_mentions m = tag(t);
	qy_tokenizer tz;
	qy_token tok;
	size_t starts[64], ends[64], n = 0;

	qy_tokenizer_init(&tz, t, strlen(t));
	while (n < 64 && qy_tokenizer_next(&tz, &tok)) {
		starts[n] = tok.start;
		ends[n++] = tok.end;
	}
	assert_true(m.count >= 4);
	for (size_t i = 0; i < m.count; i++) {
		const qy_mention *x = &m.items[i];
		assert_true(x->first_token + x->n_tokens <= n);
		assert_int_equal(x->start, starts[x->first_token]);
		assert_int_equal(x->end, ends[x->first_token + x->n_tokens - 1]);
		if (i)
			assert_true(m.items[i - 1].end <= x->start);
	}
	assert_non_null(find(&m, t, "Лисичанськ"));
	qy_mentions_free(&m);
}

static void test_hostile_input(void **state)
{
	(void)state;
	char text[1200];
	size_t n = 0;

	/* invalid UTF-8 around a name, a 300-byte token, a NUL */
	static const char head[] = "\xff\xfe Kyiv\xc3 denied\x80 ";
	static const char tail[] = " Lysychansk\0 Bakhmut \xe2\x80";
	memcpy(text, head, sizeof head - 1);
	n = sizeof head - 1;
	text[n++] = 'A';
	for (int i = 0; i < 300; i++)
		text[n++] = 'x';
	memcpy(text + n, tail, sizeof tail - 1);
	n += sizeof tail - 1;
	qy_mentions m = QY_MENTIONS_INIT;
	qy_tag_entities(gz, text, n, &m);
	for (size_t i = 0; i < m.count; i++)
		assert_true(m.items[i].end <= n);
	qy_tokenizer tz;
	qy_token tok;
	unsigned count = 0;
	qy_tokenizer_init(&tz, text, n);
	while (qy_tokenizer_next(&tz, &tok))
		count++;
	const qy_mention *b = NULL;
	for (size_t i = 0; i < m.count; i++)
		if (m.items[i].id && strcmp(m.items[i].id, "bakhmut") == 0)
			b = &m.items[i];
	assert_non_null(b);
	assert_int_equal(b->first_token, count - 1);  /* the long token was counted */
	qy_mentions_free(&m);
	/* empty and NULL texts */
	qy_tag_entities(gz, "", 0, &m);
	qy_tag_entities(gz, NULL, 5, &m);
	qy_tag_entities(NULL, "Anastasiia Bobovnikova said", 27, &m);
	assert_int_equal(m.count, 1);
	qy_mentions_free(&m);
}

static void test_load_errors(void **state)
{
	(void)state;
	qy_gazetteer *g = (qy_gazetteer *)1;
	qy_err err = QY_ERR_INIT;
	assert_int_equal(qy_gazetteer_load(&g, "/nonexistent-dir", &err), QUARRY_ENOTFOUND);
	assert_null(g);
	assert_non_null(strstr(err.msg, "places.tsv"));

	char dir[] = "/tmp/test_entities.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	const char *files[] = { "places.tsv", "actors.tsv", "actor_patterns.tsv",
				"people.tsv", "orgs.tsv" };
	const char *rows[] = {
		"#h\nkyiv\tcity\tKyiv\tkyiv\t\t\tKyiv|Kiev\n",
		"#h\nukraine\tukraine\tUkraine\tUkraine\n",
		"#h\nUkrainian\tnobody\tforces\n",   /* unknown actor: line 2 */
		"#h\n", "#h\n",
	};
	for (int i = 0; i < 5; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(rows[i], f);
		fclose(f);
	}
	assert_int_equal(qy_gazetteer_load(&g, dir, &err), QUARRY_EBADINPUT);
	assert_non_null(strstr(err.msg, "actor_patterns.tsv:2"));
	for (int i = 0; i < 5; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		remove(path);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_variants_resolve_to_one_id),
		cmocka_unit_test(test_display_info),
		cmocka_unit_test(test_city_and_oblast),
		cmocka_unit_test(test_adjective_is_not_a_place),
		cmocka_unit_test(test_actor_patterns),
		cmocka_unit_test(test_metonymy),
		cmocka_unit_test(test_possessive),
		cmocka_unit_test(test_capitalisation_rules),
		cmocka_unit_test(test_unknown_names),
		cmocka_unit_test(test_token_indices_match_tokenizer),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_sites_are_not_their_towns),
		cmocka_unit_test(test_river_or_city),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
