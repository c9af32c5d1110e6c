/* test_gazetteer_cache.c - a gazetteer loaded from its binary snapshot must equal one parsed from data/. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "analysis/entities.h"
#include "analysis/gazetteer_cache.h"
#include "util/buf.h"

#define DATA SOURCE_DIR "/data"

static char tmp_root[] = "/tmp/qy-gzcache-XXXXXX";
static qy_gazetteer *ref;      /* parsed with the cache off */

/* ---- helpers ----------------------------------------------------------------- */

static char *tmp_path(const char *name)
{
	qy_buf b = QY_BUF_INIT;
	qy_buf_printf(&b, "%s/%s", tmp_root, name);
	return qy_buf_detach(&b);
}

static qy_gazetteer *load(const char *data_dir)
{
	qy_gazetteer *g;
	qy_err err = QY_ERR_INIT;
	if (qy_gazetteer_load(&g, data_dir, &err) != QUARRY_OK)
		fail_msg("load %s: %s", data_dir, err.msg);
	return g;
}

/* Loads data/ with QUARRY_CACHE=dir. */
static qy_gazetteer *load_cached(const char *dir)
{
	setenv("QUARRY_CACHE", dir, 1);
	qy_gazetteer *g = load(DATA);
	setenv("QUARRY_CACHE", "off", 1);
	return g;
}

/* The one gazetteer-*.snap file in dir (NULL if none); fails on several
 * or on a leftover temp file. */
static char *only_snapshot(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *found = NULL;

	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		assert_null(strstr(de->d_name, ".tmp-"));
		size_t n = strlen(de->d_name);
		if (n > 5 && strcmp(de->d_name + n - 5, ".snap") == 0) {
			assert_null(found);
			qy_buf b = QY_BUF_INIT;
			qy_buf_printf(&b, "%s/%s", dir, de->d_name);
			found = qy_buf_detach(&b);
		}
	}
	closedir(d);
	return found;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *data = qy_malloc(*len + 1);
	assert_int_equal(fread(data, 1, *len, f), *len);
	fclose(f);
	return data;
}

static void spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void assert_same_str(const char *a, const char *b, const char *what)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
		fail_msg("%s: %s != %s", what, a ? a : "NULL", b ? b : "NULL");
}

/* ---- comparing two gazetteers ------------------------------------------------- */

static const char *const names[] = {
	"Lisichansk", "Lysychansk", "Лисичанськ", "Лисичанск", "Dzerzhinsk", "Toretsk",
	"Kherson region", "Kherson Oblast", "Kherson", "the Kremlin", "Kremlin", "LPR",
	"the LPR", "DPR", "Zelenskyy", "Zelensky", "Gaiday", "Kiev", "KYIV", "Київ",
	"Artemovsk", "Bakhmut", "Russia", "Russian forces", "Ukraine's", "Severodonetsk",
	"Sievierodonetsk", "Wagner", "TASS", "ISW", "Putin", "Mariupol", "Crimea",
	"Donetsk", "Luhansk Oblast", "Lugansk People's Republic", "Russian", "nowhere at all",
	"", "Paris", "Chechen military forces", "Kadyrovites", "Ukrainian army",
};

static const char *const paragraphs[] = {
	"Russian-backed separatists and Chechen forces say they have taken Lisichansk, "
	"the last Ukrainian-held city in the Luhansk region, but Kyiv's army denies it. "
	"Zelenskyy said on Sunday that the Kremlin's claims were false.",
	"Лисичанськ і Сєвєродонецьк: ЗСУ відійшли, повідомив Гайдай. Moscow-backed officials "
	"of the LPR and DPR met in Donetsk; TASS and RIA Novosti reported shelling near "
	"Bakhmut (formerly Artemovsk) and in Dzerzhinsk.",
	"The Institute for the Study of War (ISW) wrote that pro-Russian forces near Kherson "
	"Oblast and Zaporizhzhia were regrouping, while Wagner fighters and Kadyrovites "
	"advanced on Sievierodonetsk. Anastasiia Bobovnikova's report from Mariupol followed.",
};

static void same_resolve(const qy_gazetteer *a, const qy_gazetteer *b, const char *name)
{
	for (int type = -1; type < QY_ENT_NAME; type++) {
		qy_entity_type ta = 0, tb = 0;
		const char *ia = NULL, *ib = NULL;
		int fa = qy_gazetteer_resolve(a, type, name, strlen(name), &ta, &ia);
		int fb = qy_gazetteer_resolve(b, type, name, strlen(name), &tb, &ib);
		if (fa != fb || ta != tb)
			fail_msg("resolve(%d, %s) differs", type, name);
		assert_same_str(ia, ib, name);
	}
}

static void same_entities(const qy_gazetteer *a, const qy_gazetteer *b)
{
	uint32_t i;
	for (i = 0; qy_gazetteer_entity(a, i); i++) {
		const qy_gz_entity *x = qy_gazetteer_entity(a, i), *y = qy_gazetteer_entity(b, i);
		assert_non_null(y);
		assert_same_str(x->id, y->id, "id");
		assert_same_str(x->name, y->name, "name");
		assert_same_str(x->side, y->side, "side");
		assert_same_str(x->ptype, y->ptype, "ptype");
		assert_same_str(x->oblast, y->oblast, "oblast");
		assert_int_equal(x->type, y->type);
		assert_int_equal(x->rank, y->rank);
		assert_int_equal(x->frontline, y->frontline);
		assert_int_equal(qy_gazetteer_find(b, x->type, x->id), i);
		assert_same_str(qy_gazetteer_name(a, x->type, x->id),
				qy_gazetteer_name(b, x->type, x->id), "qy_gazetteer_name");
		assert_same_str(qy_gazetteer_side(a, x->type, x->id),
				qy_gazetteer_side(b, x->type, x->id), "qy_gazetteer_side");
		assert_same_str(qy_gazetteer_place_type(a, x->id),
				qy_gazetteer_place_type(b, x->id), "qy_gazetteer_place_type");
	}
	assert_true(i > 30000);   /* the real data/, not an empty shell */
	assert_null(qy_gazetteer_entity(b, i));
}

/* Every edge of a's trie leads to the same node in b, with the same
 * candidates; with equal edge counts the tries are identical. */
static void same_trie(const qy_gazetteer *a, const qy_gazetteer *b)
{
	size_t edges = 0;

	assert_int_equal(a->n_edges, b->n_edges);
	assert_int_equal(a->n_nodes, b->n_nodes);
	for (size_t i = 0; i < a->edge_cap; i++) {
		const qy_gz_edge *e = &a->edges[i];
		if (!e->hash)
			continue;
		edges++;
		const char *label = a->labels.data + e->label;
		assert_int_equal(qy_gazetteer_step(b, e->parent, label, e->label_len), e->child);
	}
	assert_int_equal(edges, a->n_edges);
	for (uint32_t node = 0; node <= a->n_nodes; node++) {
		const qy_gz_cand *ca, *cb;
		size_t na = qy_gazetteer_cands(a, node, &ca), nb = qy_gazetteer_cands(b, node, &cb);
		assert_int_equal(na, nb);
		assert_true(na == 0 || memcmp(ca, cb, na * sizeof *ca) == 0);
	}
}

static void same_tags(const qy_gazetteer *a, const qy_gazetteer *b, const char *text)
{
	qy_mentions ma = QY_MENTIONS_INIT, mb = QY_MENTIONS_INIT;

	qy_tag_entities(a, text, strlen(text), &ma);
	qy_tag_entities(b, text, strlen(text), &mb);
	assert_true(ma.count >= 5);
	assert_int_equal(ma.count, mb.count);
	for (size_t i = 0; i < ma.count; i++) {
		assert_int_equal(ma.items[i].start, mb.items[i].start);
		assert_int_equal(ma.items[i].end, mb.items[i].end);
		assert_int_equal(ma.items[i].first_token, mb.items[i].first_token);
		assert_int_equal(ma.items[i].n_tokens, mb.items[i].n_tokens);
		assert_int_equal(ma.items[i].type, mb.items[i].type);
		assert_same_str(ma.items[i].id, mb.items[i].id, "mention id");
	}
	qy_mentions_free(&ma);
	qy_mentions_free(&mb);
}

static void assert_equal_gazetteers(const qy_gazetteer *a, const qy_gazetteer *b)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		same_resolve(a, b, names[i]);
	same_entities(a, b);
	same_trie(a, b);
	for (size_t i = 0; i < sizeof paragraphs / sizeof paragraphs[0]; i++)
		same_tags(a, b, paragraphs[i]);
}

/* ---- fixtures ----------------------------------------------------------------- */

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmp_root))
		return -1;
	setenv("QUARRY_CACHE", "off", 1);
	qy_err err = QY_ERR_INIT;
	if (qy_gazetteer_load(&ref, DATA, &err) != QUARRY_OK || ref->image)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	qy_gazetteer_free(ref);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- tests ------------------------------------------------------------------- */

static void test_reference_is_sane(void **state)
{
	(void)state;
	static const char *const want[][2] = {
		{ "Lisichansk", "lysychansk" }, { "Лисичанськ", "lysychansk" },
		{ "Dzerzhinsk", "toretsk" }, { "Kherson region", "kherson-oblast" },
		{ "the LPR", "lpr" }, { "Zelenskyy", "zelensky" },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const char *id = NULL;
		assert_true(qy_gazetteer_resolve(ref, -1, want[i][0], strlen(want[i][0]), NULL, &id));
		assert_string_equal(id, want[i][1]);
	}
	assert_string_equal(qy_gazetteer_place_type(ref, "lysychansk"), "city");
}

static void test_snapshot_equals_parse(void **state)
{
	(void)state;
	char *dir = tmp_path("a");
	qy_gazetteer *parsed = load_cached(dir);    /* parses, writes the snapshot */
	assert_null(parsed->image);
	char *snap = only_snapshot(dir);
	assert_non_null(snap);
	qy_gazetteer *loaded = load_cached(dir);
	assert_non_null(loaded->image);
	assert_equal_gazetteers(ref, parsed);
	assert_equal_gazetteers(ref, loaded);
	assert_equal_gazetteers(loaded, ref);
	qy_gazetteer_free(parsed);
	qy_gazetteer_free(loaded);
	free(snap);
	free(dir);
}

/* Damages the snapshot with fn, then checks the next load parses, gives
 * the same gazetteer and repairs the snapshot. */
static void check_fallback(const char *dir, void (*damage)(const char *snap))
{
	qy_gazetteer_free(load_cached(dir));     /* make sure a snapshot exists */
	char *snap = only_snapshot(dir);
	assert_non_null(snap);
	size_t good_len;
	free(slurp(snap, &good_len));
	damage(snap);
	qy_gazetteer *g = load_cached(dir);
	assert_null(g->image);
	assert_equal_gazetteers(ref, g);
	qy_gazetteer_free(g);
	g = load_cached(dir);
	assert_non_null(g->image);
	qy_gazetteer_free(g);
	size_t len;
	free(slurp(snap, &len));
	assert_int_equal(len, good_len);
	free(snap);
}

static void truncate_half(const char *snap)
{
	size_t len;
	char *data = slurp(snap, &len);
	spit(snap, data, len / 2);
	free(data);
}

static void flip_byte(const char *snap)
{
	size_t len;
	char *data = slurp(snap, &len);
	data[len * 2 / 3] ^= 0x10;
	spit(snap, data, len);
	free(data);
}

/* A valid snapshot of other data, under the name of this data's. */
static void foreign(const char *snap)
{
	char *other_data = tmp_path("other-data"), *other_cache = tmp_path("other-cache");
	char cmd[512];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp '%s'/*.tsv '%s' && "
		 "printf 'zzz\\tother\\tZzz Org\\tZzz Org\\n' >> '%s/orgs.tsv'",
		 other_data, DATA, other_data, other_data);
	assert_int_equal(system(cmd), 0);
	setenv("QUARRY_CACHE", other_cache, 1);
	qy_gazetteer_free(load(other_data));
	setenv("QUARRY_CACHE", "off", 1);
	char *other_snap = only_snapshot(other_cache);
	assert_non_null(other_snap);
	assert_string_not_equal(strrchr(other_snap, '/'), strrchr(snap, '/'));
	assert_int_equal(rename(other_snap, snap), 0);
	free(other_snap);
	free(other_data);
	free(other_cache);
}

static void test_truncated_snapshot(void **state)
{
	(void)state;
	char *dir = tmp_path("truncated");
	check_fallback(dir, truncate_half);
	free(dir);
}

static void test_flipped_byte(void **state)
{
	(void)state;
	char *dir = tmp_path("flipped");
	check_fallback(dir, flip_byte);
	free(dir);
}

/* A snapshot others may write is not trusted: in a shared cache another
 * user could have planted it (its checksum is no secret). */
static void group_writable(const char *snap)
{
	assert_int_equal(chmod(snap, 0664), 0);
}

/* Nor is a link, which could point anywhere. */
static void symlinked(const char *snap)
{
	char *target = tmp_path("link-target.snap");
	assert_int_equal(rename(snap, target), 0);
	assert_int_equal(symlink(target, snap), 0);
	free(target);
}

static void test_untrusted_snapshot(void **state)
{
	(void)state;
	char *dir = tmp_path("writable");
	check_fallback(dir, group_writable);
	free(dir);
	dir = tmp_path("symlink");
	check_fallback(dir, symlinked);
	free(dir);
}

static void test_foreign_snapshot(void **state)
{
	(void)state;
	char *dir = tmp_path("foreign");
	check_fallback(dir, foreign);
	free(dir);
}

/* Random damage with the checksum recomputed, as a crafted file would
 * have: loading must refuse or give a gazetteer that is safe to use (the
 * sanitizers watch).  The header starts: magic[8], version, header_size
 * (uint32), fingerprint, total_len, checksum (uint64). */
static void test_resealed_damage_is_safe(void **state)
{
	(void)state;
	char *dir = tmp_path("resealed");
	qy_gazetteer_free(load_cached(dir));
	char *snap = only_snapshot(dir);
	assert_non_null(snap);
	size_t len;
	char *good = slurp(snap, &len), *bad = qy_malloc(len);
	uint32_t header_size;
	uint64_t fp;
	memcpy(&header_size, good + 12, 4);
	memcpy(&fp, good + 16, 8);
	assert_true(header_size >= 48 && header_size < len);
	srand(12345);
	int refused = 0;
	for (int round = 0; round < 40; round++) {
		memcpy(bad, good, len);
		for (int k = 0; k < 1 + round % 4; k++) {
			/* Half the hits go to the header and the small sections after it. */
			size_t span = round % 2 ? len : header_size + 4096;
			size_t at = (size_t)rand() % (span < len ? span : len);
			bad[at] ^= (char)(1 + rand() % 255);
		}
		uint64_t sum = qy_gz_hash64(bad + header_size, len - header_size, fp);
		memcpy(bad + 32, &sum, 8);
		spit(snap, bad, len);
		qy_gazetteer *g = qy_gz_snapshot_load(dir, fp);
		if (!g) {
			refused++;
			continue;
		}
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			qy_gazetteer_resolve(g, -1, names[i], strlen(names[i]), NULL, NULL);
		for (size_t i = 0; i < sizeof paragraphs / sizeof paragraphs[0]; i++) {
			qy_mentions m = QY_MENTIONS_INIT;
			qy_tag_entities(g, paragraphs[i], strlen(paragraphs[i]), &m);
			qy_mentions_free(&m);
		}
		qy_gazetteer_free(g);
	}
	assert_true(refused > 0);
	/* Truncated at any length: always refused. */
	for (size_t cut = 0; cut < len; cut += len / 37 + 1) {
		spit(snap, good, cut);
		assert_null(qy_gz_snapshot_load(dir, fp));
	}
	spit(snap, good, len);
	qy_gazetteer *g = qy_gz_snapshot_load(dir, fp);
	assert_non_null(g);
	qy_gazetteer_free(g);
	assert_null(qy_gz_snapshot_load(dir, fp ^ 1));
	free(good);
	free(bad);
	free(snap);
	free(dir);
}

static void test_unwritable_cache_dir(void **state)
{
	(void)state;
	/* Under a regular file: no directory can be made, even by root. */
	char *file = tmp_path("a-file");
	spit(file, "x", 1);
	char *dir = tmp_path("a-file/cache");
	qy_gazetteer *g = load_cached(dir);
	assert_equal_gazetteers(ref, g);
	qy_gazetteer_free(g);
	free(dir);
	free(file);

	dir = tmp_path("read-only");
	assert_int_equal(mkdir(dir, 0500), 0);
	g = load_cached(dir);
	assert_equal_gazetteers(ref, g);
	qy_gazetteer_free(g);
	if (geteuid() != 0) {
		char *snap = only_snapshot(dir);
		assert_null(snap);
	}
	chmod(dir, 0700);
	free(dir);
}

static void test_cache_dir_choice(void **state)
{
	(void)state;
	char *xdg = tmp_path("xdg"), *home = tmp_path("home");
	char *xdg_q = tmp_path("xdg/quarry"), *home_q = tmp_path("home/.cache/quarry");
	char *old_home = getenv("HOME") ? qy_strdup(getenv("HOME")) : NULL;
	char *old_xdg = getenv("XDG_CACHE_HOME") ? qy_strdup(getenv("XDG_CACHE_HOME")) : NULL;
	qy_buf b = QY_BUF_INIT;

	setenv("HOME", home, 1);
	setenv("XDG_CACHE_HOME", xdg, 1);
	setenv("QUARRY_CACHE", "off", 1);
	assert_int_equal(qy_gz_cache_dir(&b), 0);
	qy_gazetteer_free(load(DATA));
	assert_null(only_snapshot(xdg_q));
	assert_null(only_snapshot(home_q));

	unsetenv("QUARRY_CACHE");
	assert_int_equal(qy_gz_cache_dir(&b), 1);
	assert_string_equal(b.data, xdg_q);
	qy_gazetteer_free(load(DATA));      /* creates xdg/quarry */
	char *snap = only_snapshot(xdg_q);
	assert_non_null(snap);
	free(snap);

	unsetenv("XDG_CACHE_HOME");
	assert_int_equal(qy_gz_cache_dir(&b), 1);
	assert_string_equal(b.data, home_q);
	qy_gazetteer_free(load(DATA));      /* creates home/.cache/quarry */
	snap = only_snapshot(home_q);
	assert_non_null(snap);
	free(snap);

	setenv("XDG_CACHE_HOME", "relative", 1);   /* ignored, as the spec says */
	assert_int_equal(qy_gz_cache_dir(&b), 1);
	assert_string_equal(b.data, home_q);

	if (old_home)
		setenv("HOME", old_home, 1);
	if (old_xdg)
		setenv("XDG_CACHE_HOME", old_xdg, 1);
	else
		unsetenv("XDG_CACHE_HOME");
	setenv("QUARRY_CACHE", "off", 1);
	free(old_home);
	free(old_xdg);
	qy_buf_free(&b);
	free(xdg);
	free(home);
	free(xdg_q);
	free(home_q);
}

/* Processes racing to write the same snapshot leave one valid file. */
static void test_concurrent_writers(void **state)
{
	(void)state;
	char *dir = tmp_path("race");
	pid_t kids[4];

	setenv("QUARRY_CACHE", dir, 1);
	for (int i = 0; i < 4; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			qy_gazetteer *g;
			qy_err err = QY_ERR_INIT;
			int rc = qy_gazetteer_load(&g, DATA, &err);
			qy_gazetteer_free(g);
			_exit(rc == QUARRY_OK ? 0 : 1);
		}
	}
	setenv("QUARRY_CACHE", "off", 1);
	for (int i = 0; i < 4; i++) {
		int status;
		assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	char *snap = only_snapshot(dir);
	assert_non_null(snap);
	qy_gazetteer *g = load_cached(dir);
	assert_non_null(g->image);
	assert_equal_gazetteers(ref, g);
	qy_gazetteer_free(g);
	free(snap);
	free(dir);
}

/* Edited data must never be served from the old snapshot. */
static void test_changed_data_is_reparsed(void **state)
{
	(void)state;
	char *data = tmp_path("edited-data"), *dir = tmp_path("edited-cache");
	char cmd[512];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp '%s'/*.tsv '%s'", data, DATA, data);
	assert_int_equal(system(cmd), 0);

	setenv("QUARRY_CACHE", dir, 1);
	qy_gazetteer *g = load(data);
	qy_gazetteer_free(g);
	g = load(data);
	assert_non_null(g->image);
	assert_null(qy_gazetteer_name(g, QY_ENT_ORG, "qqq-org"));
	qy_gazetteer_free(g);

	snprintf(cmd, sizeof cmd, "printf 'qqq-org\\tother\\tQqq Org\\tQqq Org|QQQ\\n' >> '%s/orgs.tsv'",
		 data);
	assert_int_equal(system(cmd), 0);
	g = load(data);
	assert_null(g->image);
	assert_string_equal(qy_gazetteer_name(g, QY_ENT_ORG, "qqq-org"), "Qqq Org");
	qy_gazetteer_free(g);
	g = load(data);
	assert_non_null(g->image);
	const char *id = NULL;
	assert_true(qy_gazetteer_resolve(g, QY_ENT_ORG, "QQQ", 3, NULL, &id));
	assert_string_equal(id, "qqq-org");
	qy_gazetteer_free(g);
	setenv("QUARRY_CACHE", "off", 1);
	free(data);
	free(dir);
}

static void test_errors_unchanged(void **state)
{
	(void)state;
	qy_gazetteer *g = (qy_gazetteer *)1;
	qy_err err = QY_ERR_INIT;
	char *dir = tmp_path("errors-cache");
	setenv("QUARRY_CACHE", dir, 1);
	assert_int_equal(qy_gazetteer_load(&g, "/nonexistent-dir", &err), QUARRY_ENOTFOUND);
	assert_null(g);
	assert_non_null(strstr(err.msg, "places.tsv"));
	setenv("QUARRY_CACHE", "off", 1);
	assert_null(only_snapshot(dir));
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_is_sane),
		cmocka_unit_test(test_snapshot_equals_parse),
		cmocka_unit_test(test_truncated_snapshot),
		cmocka_unit_test(test_flipped_byte),
		cmocka_unit_test(test_foreign_snapshot),
		cmocka_unit_test(test_untrusted_snapshot),
		cmocka_unit_test(test_resealed_damage_is_safe),
		cmocka_unit_test(test_unwritable_cache_dir),
		cmocka_unit_test(test_cache_dir_choice),
		cmocka_unit_test(test_concurrent_writers),
		cmocka_unit_test(test_changed_data_is_reparsed),
		cmocka_unit_test(test_errors_unchanged),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
