/* gazetteer.c - loads the TSV lexicons of data/ into a token trie for the entity tagger. */
#include "gazetteer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/file.h"
#include "../util/hash.h"
#include "gazetteer_cache.h"
#include "stemmer.h"
#include "tokenizer.h"

typedef qy_gz_edge edge;
typedef qy_gz_node_cand node_cand;

/* ---- common words ---------------------------------------------------------- */

/* Place aliases that are also English words (found as lower-case words in
 * the news and Gutenberg samples of ../shared/data) or first names.  Kept
 * sorted for bsearch. */
static const char *const common_words[] = {
	"ades", "anna", "ass", "ataki", "babel", "bar", "bazar", "begun", "bene",
	"bile", "bohdan", "chop", "dobre", "flora", "gat", "gay", "gory", "grade",
	"gut", "hart", "hat", "hay", "hope", "human", "hut", "illia", "ilya",
	"kim", "landau", "lazy", "les", "lis", "luck", "lug", "luka", "maksym",
	"male", "mani", "mare", "maria", "marine", "mariya", "mars", "mega",
	"milky", "nadezhda", "nadiya", "nataliya", "nobel", "oleg", "oleh",
	"oraz", "paris", "play", "plug", "pole", "port", "progress", "ray",
	"ripen", "rivets", "roza", "sad", "sasha", "savin", "serhii", "shack",
	"shyly", "side", "signal", "siren", "smile", "sofiya", "sol", "spat",
	"stare", "step", "stepan", "syren", "tin", "ugly", "vari", "vary",
	"verba", "vis", "vladimir", "vol", "volodymyr",
};

static int cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

int qy_gazetteer_common_word(const char *word, size_t len)
{
	char w[32];

	if (len >= 3 && (memcmp(word + len - 2, "'s", 2) == 0))
		len -= 2;
	if (qy_is_stopword(word, len))
		return 1;
	if (len >= sizeof w)
		return 0;
	memcpy(w, word, len);
	w[len] = '\0';
	return bsearch(w, common_words, sizeof common_words / sizeof common_words[0],
		       sizeof common_words[0], cmp_word) != NULL;
}

/* ---- entities and the id index ------------------------------------------- */

static uint64_t id_hash(int type, const char *id)
{
	unsigned char t = (unsigned char)type;
	return qy_hash_update(qy_hash_update(qy_hash_init(), &t, 1), id, strlen(id));
}

static void id_grow(qy_gazetteer *g)
{
	size_t cap = g->id_cap ? g->id_cap * 2 : 1024;
	uint32_t *slots = qy_calloc(cap, sizeof *slots);

	for (size_t i = 0; i < g->id_cap; i++) {
		uint32_t v = g->id_slots[i];
		if (!v)
			continue;
		const qy_gz_entity *e = &g->ents[v - 1];
		size_t j = (size_t)id_hash(e->type, e->id) & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = v;
	}
	free(g->id_slots);
	g->id_slots = slots;
	g->id_cap = cap;
}

/* Entity index of (type, id), or -1. */
static long find_entity(const qy_gazetteer *g, int type, const char *id)
{
	if (!g->id_cap || !id)
		return -1;
	size_t j = (size_t)id_hash(type, id) & (g->id_cap - 1);
	for (uint32_t v; (v = g->id_slots[j]); j = (j + 1) & (g->id_cap - 1)) {
		const qy_gz_entity *e = &g->ents[v - 1];
		if (e->type == type && strcmp(e->id, id) == 0)
			return (long)v - 1;
	}
	return -1;
}

/* Adds an entity; returns its index, or -1 when (type, id) is taken. */
static long add_entity(qy_gazetteer *g, const qy_gz_entity *e)
{
	if (find_entity(g, e->type, e->id) >= 0)
		return -1;
	if (g->n_ents == g->cap_ents) {
		g->cap_ents = g->cap_ents ? g->cap_ents * 2 : 1024;
		g->ents = qy_realloc(g->ents, g->cap_ents * sizeof *g->ents);
	}
	if ((g->n_ents + 1) * 2 > g->id_cap)
		id_grow(g);
	g->ents[g->n_ents] = *e;
	size_t j = (size_t)id_hash(e->type, e->id) & (g->id_cap - 1);
	while (g->id_slots[j])
		j = (j + 1) & (g->id_cap - 1);
	g->id_slots[j] = (uint32_t)(g->n_ents + 1);
	return (long)g->n_ents++;
}

/* ---- the trie -------------------------------------------------------------- */

static uint64_t edge_hash(uint32_t parent, const char *tok, size_t len)
{
	uint64_t h = qy_hash_update(qy_hash_init(), &parent, sizeof parent);
	h = qy_hash_update(h, tok, len);
	return h ? h : 1;
}

static size_t edge_slot(const qy_gazetteer *g, uint64_t h, uint32_t parent,
			const char *tok, size_t len)
{
	size_t mask = g->edge_cap - 1, j = (size_t)h & mask;

	for (;; j = (j + 1) & mask) {
		const edge *e = &g->edges[j];
		if (!e->hash)
			return j;
		if (e->hash == h && e->parent == parent && e->label_len == len &&
		    memcmp(g->labels.data + e->label, tok, len) == 0)
			return j;
	}
}

static void edge_grow(qy_gazetteer *g)
{
	size_t old_cap = g->edge_cap;
	edge *old = g->edges;

	g->edge_cap = old_cap ? old_cap * 2 : 1 << 16;
	g->edges = qy_calloc(g->edge_cap, sizeof *g->edges);
	for (size_t i = 0; i < old_cap; i++) {
		if (!old[i].hash)
			continue;
		size_t j = (size_t)old[i].hash & (g->edge_cap - 1);
		while (g->edges[j].hash)
			j = (j + 1) & (g->edge_cap - 1);
		g->edges[j] = old[i];
	}
	free(old);
}

static uint32_t trie_child(qy_gazetteer *g, uint32_t parent, const char *tok, size_t len)
{
	if ((g->n_edges + 1) * 4 > g->edge_cap * 3)
		edge_grow(g);
	uint64_t h = edge_hash(parent, tok, len);
	edge *e = &g->edges[edge_slot(g, h, parent, tok, len)];
	if (e->hash)
		return e->child;
	e->hash = h;
	e->parent = parent;
	e->child = ++g->n_nodes;
	e->label = (uint32_t)g->labels.len;
	e->label_len = (uint32_t)len;
	qy_buf_append(&g->labels, tok, len);
	qy_buf_putc(&g->labels, '\0');
	g->n_edges++;
	return e->child;
}

uint32_t qy_gazetteer_step(const qy_gazetteer *g, uint32_t node, const char *tok, size_t len)
{
	if (!g->edge_cap || len > QY_TOKEN_MAX)
		return 0;
	const edge *e = &g->edges[edge_slot(g, edge_hash(node, tok, len), node, tok, len)];
	return e->hash ? e->child : 0;
}

static void add_pending(qy_gazetteer *g, uint32_t node, uint32_t entity, uint32_t flags)
{
	if (g->n_pending == g->cap_pending) {
		g->cap_pending = g->cap_pending ? g->cap_pending * 2 : 4096;
		g->pending = qy_realloc(g->pending, g->cap_pending * sizeof *g->pending);
	}
	g->pending[g->n_pending].node = node;
	g->pending[g->n_pending].cand.entity = entity;
	g->pending[g->n_pending].cand.flags = flags;
	g->n_pending++;
}

/* Inserts one alias of entity; a leading "the" is dropped. */
static void add_alias(qy_gazetteer *g, uint32_t entity, const char *alias, size_t len,
		      uint32_t flags)
{
	qy_tokenizer t;
	qy_token tok;
	uint32_t node = 0;
	unsigned n = 0;

	qy_tokenizer_init(&t, alias, len);
	while (qy_tokenizer_next(&t, &tok)) {
		if (n == 0) {
			if (tok.len == 3 && memcmp(tok.text, "the", 3) == 0 &&
			    t.pos < len)
				continue;
			if (tok.flags & (QY_TOK_CAPITALIZED | QY_TOK_ALLCAPS))
				flags |= QY_GZ_CAP;
			if (tok.flags & QY_TOK_ALLCAPS)
				flags |= QY_GZ_ALLCAPS;
		}
		if (tok.flags & QY_TOK_TOO_LONG)
			return;
		node = trie_child(g, node, tok.text, tok.len);
		n++;
	}
	if (n)
		add_pending(g, node, entity, flags);
}

/* Adds every '|'-separated alias in list, plus the name itself. */
static void add_aliases(qy_gazetteer *g, uint32_t entity, const char *name, char *list)
{
	add_alias(g, entity, name, strlen(name), QY_GZ_PRIMARY);
	for (char *p = list; p && *p;) {
		char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (!(n == strlen(name) && memcmp(p, name, n) == 0))
			add_alias(g, entity, p, n, 0);
		p = bar ? bar + 1 : p + n;
	}
}

static int cmp_pending(const void *a, const void *b)
{
	const node_cand *x = a, *y = b;
	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	if (x->cand.entity != y->cand.entity)
		return x->cand.entity < y->cand.entity ? -1 : 1;
	return (int)(y->cand.flags & QY_GZ_PRIMARY) - (int)(x->cand.flags & QY_GZ_PRIMARY);
}

/* Turns the pending list into per-node arrays, one candidate per entity
 * (the first alias flags, primary first). */
static void build_cands(qy_gazetteer *g)
{
	size_t n = 0;

	qsort(g->pending, g->n_pending, sizeof *g->pending, cmp_pending);
	g->cand_start = qy_calloc((size_t)g->n_nodes + 2, sizeof *g->cand_start);
	g->cands = qy_malloc((g->n_pending + 1) * sizeof *g->cands);
	for (size_t i = 0; i < g->n_pending; i++) {
		const node_cand *p = &g->pending[i];
		if (i && p->node == p[-1].node && p->cand.entity == p[-1].cand.entity) {
			g->cands[n - 1].flags |= p->cand.flags & QY_GZ_PRIMARY;
			continue;
		}
		g->cands[n++] = p->cand;
		g->cand_start[p->node + 1] = (uint32_t)n;
	}
	for (uint32_t i = 1; i <= g->n_nodes + 1; i++)
		if (g->cand_start[i] < g->cand_start[i - 1])
			g->cand_start[i] = g->cand_start[i - 1];
	free(g->pending);
	g->pending = NULL;
	g->n_pending = g->cap_pending = 0;
	g->n_cands = n;
}

size_t qy_gazetteer_cands(const qy_gazetteer *g, uint32_t node, const qy_gz_cand **out)
{
	if (!g->cand_start || node > g->n_nodes) {
		*out = NULL;
		return 0;
	}
	*out = g->cands + g->cand_start[node];
	return g->cand_start[node + 1] - g->cand_start[node];
}

const qy_gz_entity *qy_gazetteer_entity(const qy_gazetteer *g, uint32_t index)
{
	return index < g->n_ents ? &g->ents[index] : NULL;
}

/* ---- files ----------------------------------------------------------------- */

/* Splits line in place at tabs into at most max fields; returns the count. */
static int split_tabs(char *line, char **fields, int max)
{
	int n = 0;

	fields[n++] = line;
	for (char *p = line; *p && n < max; p++) {
		if (*p == '\t') {
			*p = '\0';
			fields[n++] = p + 1;
		}
	}
	return n;
}

static int place_rank(const char *t)
{
	static const char *const names[] = {
		"river", "site", "village", "town", "raion", "city", "region", "oblast", "country",
	};
	for (int i = 0; i < (int)(sizeof names / sizeof *names); i++)
		if (strcmp(t, names[i]) == 0)
			return i + 1;
	return 0;
}

static int is_frontline(const char *oblast)
{
	static const char *const ids[] = {
		"donetsk-oblast", "luhansk-oblast", "kharkiv-oblast",
		"zaporizhzhia-oblast", "kherson-oblast",
	};
	for (int i = 0; oblast && i < 5; i++)
		if (strcmp(oblast, ids[i]) == 0)
			return 1;
	return 0;
}

typedef int (*row_fn)(qy_gazetteer *g, char **f, int n, int kind);

static int place_row(qy_gazetteer *g, char **f, int n, int kind)
{
	(void)kind;
	if (n < 7 || !*f[0] || !place_rank(f[1]))
		return -1;
	qy_gz_entity e = { f[0], f[2], NULL, f[1], *f[3] ? f[3] : NULL,
			   QY_ENT_PLACE, (uint8_t)place_rank(f[1]), 0 };
	e.frontline = (uint8_t)is_frontline(e.oblast);
	long idx = add_entity(g, &e);
	if (idx < 0)
		return -1;
	add_aliases(g, (uint32_t)idx, f[2], f[6]);
	return 0;
}

/* actors.tsv, people.tsv, orgs.tsv: id, side, name, aliases[, role]. */
static int lexicon_row(qy_gazetteer *g, char **f, int n, int kind)
{
	if (n < 4 || !*f[0])
		return -1;
	qy_gz_entity e = { f[0], f[2], f[1], NULL, NULL, (uint8_t)kind, 0, 0 };
	long idx = add_entity(g, &e);
	if (idx < 0)
		return -1;
	add_aliases(g, (uint32_t)idx, f[2], f[3]);
	return 0;
}

/* actor_patterns.tsv: adjective, actor id, nouns. */
static int pattern_row(qy_gazetteer *g, char **f, int n, int kind)
{
	(void)kind;
	if (n < 3)
		return -1;
	long idx = find_entity(g, QY_ENT_ACTOR, f[1]);
	if (idx < 0)
		return -1;
	for (char *p = f[2]; *p;) {
		char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		qy_buf phrase = QY_BUF_INIT;
		qy_buf_printf(&phrase, "%s %.*s", f[0], (int)len, p);
		add_alias(g, (uint32_t)idx, phrase.data, phrase.len, QY_GZ_PATTERN);
		qy_buf_free(&phrase);
		p = bar ? bar + 1 : p + len;
	}
	return 0;
}

/* Parses g->files[slot], already read from dir/name. */
static int parse_file(qy_gazetteer *g, int slot, const char *dir, const char *name,
		      row_fn fn, int kind, qy_err *err)
{
	char *fields[8];
	unsigned line_no = 0;

	for (char *p = g->files[slot]; *p;) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		line_no++;
		size_t len = strlen(p);
		if (len && p[len - 1] == '\r')
			p[len - 1] = '\0';
		if (*p && *p != '#' && fn(g, fields, split_tabs(p, fields, 8), kind) < 0)
			return qy_err_set(err, QUARRY_EBADINPUT,
					  "%s/%s:%u: malformed row (bad column count, type, "
					  "duplicate id or unknown actor)", dir, name, line_no);
		p = nl ? nl + 1 : p + len;
	}
	return QUARRY_OK;
}

/* The files in load order: actor_patterns.tsv names actors, so it comes
 * after actors.tsv. */
static const struct {
	const char *name;
	row_fn fn;
	int kind;
} gz_files[QY_GZ_FILES] = {
	{ "places.tsv", place_row, QY_ENT_PLACE },
	{ "actors.tsv", lexicon_row, QY_ENT_ACTOR },
	{ "actor_patterns.tsv", pattern_row, 0 },
	{ "people.tsv", lexicon_row, QY_ENT_PERSON },
	{ "orgs.tsv", lexicon_row, QY_ENT_ORG },
};

/* Changes whenever this file is recompiled, so that a snapshot written by
 * an older build of the parsing code is never taken for a current one. */
static const char code_stamp[] = __DATE__ " " __TIME__ " " __FILE__;

static int parse_files(qy_gazetteer *g, const char *dir, qy_err *err)
{
	int rc = QUARRY_OK;

	for (int i = 0; rc == QUARRY_OK && i < QY_GZ_FILES; i++)
		rc = parse_file(g, i, dir, gz_files[i].name, gz_files[i].fn, gz_files[i].kind, err);
	if (rc == QUARRY_OK)
		build_cands(g);
	return rc;
}

/* Reads the files, then takes the gazetteer from the snapshot their
 * fingerprint names, or parses them and saves that snapshot. */
int qy_gazetteer_load(qy_gazetteer **out, const char *data_dir, qy_err *err)
{
	char *files[QY_GZ_FILES] = { NULL };
	size_t lens[QY_GZ_FILES];
	qy_buf path = QY_BUF_INIT, cache = QY_BUF_INIT;
	qy_gazetteer *g = NULL;
	uint64_t fp = 0;
	int rc = QUARRY_OK;

	*out = NULL;
	for (int i = 0; rc == QUARRY_OK && i < QY_GZ_FILES; i++) {
		qy_buf_clear(&path);
		qy_buf_printf(&path, "%s/%s", data_dir, gz_files[i].name);
		rc = qy_read_file(path.data, &files[i], &lens[i], err);
	}
	qy_buf_free(&path);
	/* One pass over the contents, for the indexer's article hashes and the
	 * snapshot's name alike. */
	uint64_t data_hash = 0;
	for (int i = 0; rc == QUARRY_OK && i < QY_GZ_FILES; i++) {
		uint64_t n = lens[i];
		data_hash = qy_gz_hash64(&n, sizeof n, data_hash);
		data_hash = qy_gz_hash64(files[i], lens[i], data_hash);
	}
	int cached = rc == QUARRY_OK && qy_gz_cache_dir(&cache);
	if (cached) {
		fp = qy_gz_fingerprint(data_hash, code_stamp);
		g = qy_gz_snapshot_load(cache.data, fp);
	}
	if (g || rc != QUARRY_OK) {
		for (int i = 0; i < QY_GZ_FILES; i++)
			free(files[i]);
	} else {
		g = qy_calloc(1, sizeof *g);
		memcpy(g->files, files, sizeof files);
		rc = parse_files(g, data_dir, err);
		if (rc == QUARRY_OK && cached)
			qy_gz_snapshot_save(g, cache.data, fp);
	}
	qy_buf_free(&cache);
	if (rc != QUARRY_OK) {
		qy_gazetteer_free(g);
		return rc;
	}
	g->data_hash = data_hash;
	*out = g;
	return QUARRY_OK;
}

uint64_t qy_gazetteer_data_hash(const qy_gazetteer *g)
{
	return g ? g->data_hash : 0;
}

void qy_gazetteer_free(qy_gazetteer *g)
{
	if (!g)
		return;
	for (int i = 0; i < QY_GZ_FILES; i++)
		free(g->files[i]);
	free(g->ents);
	if (g->image) {
		qy_gz_snapshot_unmap(g);   /* holds all the other arrays */
	} else {
		free(g->id_slots);
		free(g->edges);
		qy_buf_free(&g->labels);
		free(g->pending);
		free(g->cand_start);
		free(g->cands);
	}
	free(g);
}

/* ---- lookups ----------------------------------------------------------------- */

/* Context-free importance of a candidate, for resolve and ties. */
static int importance(const qy_gz_entity *e)
{
	switch (e->type) {
	case QY_ENT_PLACE:
		if (e->rank == QY_PLACE_COUNTRY)
			return 45;   /* "Russia": the actor (50) first */
		return e->rank >= QY_PLACE_CITY ? 60 + e->rank : 10 + e->rank;
	case QY_ENT_ACTOR:
		return 50;
	case QY_ENT_PERSON:
		return 48;
	default:
		return 46;
	}
}

int qy_gazetteer_resolve(const qy_gazetteer *g, int type, const char *name, size_t len,
			 qy_entity_type *out_type, const char **out_id)
{
	qy_tokenizer t;
	qy_token tok;
	uint32_t node = 0;
	int first = 1, best = -1, best_score = -1;

	if (!g || !name)
		return 0;
	qy_tokenizer_init(&t, name, len);
	while (qy_tokenizer_next(&t, &tok)) {
		if (first && tok.len == 3 && memcmp(tok.text, "the", 3) == 0 && t.pos < len)
			continue;
		first = 0;
		uint32_t next = qy_gazetteer_step(g, node, tok.text, tok.len);
		const qy_gz_cand *unused;
		/* "Ukraine's": the possessive ends the name. */
		if ((!next || !qy_gazetteer_cands(g, next, &unused)) && tok.len > 2 &&
		    memcmp(tok.text + tok.len - 2, "'s", 2) == 0) {
			uint32_t bare = qy_gazetteer_step(g, node, tok.text, tok.len - 2);
			if (bare && (t.pos >= len || !next))
				next = bare;
		}
		if (!next)
			return 0;
		node = next;
	}
	const qy_gz_cand *c;
	size_t n = qy_gazetteer_cands(g, node, &c);
	for (size_t i = 0; i < n; i++) {
		const qy_gz_entity *e = &g->ents[c[i].entity];
		if (type >= 0 && e->type != type)
			continue;
		int score = importance(e) * 4 + e->frontline * 2 +
			    ((c[i].flags & QY_GZ_PRIMARY) != 0);
		if (score > best_score) {
			best = (int)c[i].entity;
			best_score = score;
		}
	}
	if (best < 0)
		return 0;
	if (out_type)
		*out_type = (qy_entity_type)g->ents[best].type;
	if (out_id)
		*out_id = g->ents[best].id;
	return 1;
}

long qy_gazetteer_find(const qy_gazetteer *g, qy_entity_type type, const char *id)
{
	return g ? find_entity(g, type, id) : -1;
}

const char *qy_gazetteer_name(const qy_gazetteer *g, qy_entity_type type, const char *id)
{
	long i = g ? find_entity(g, type, id) : -1;
	return i < 0 ? NULL : g->ents[i].name;
}

const char *qy_gazetteer_side(const qy_gazetteer *g, qy_entity_type type, const char *id)
{
	long i = g ? find_entity(g, type, id) : -1;
	return i < 0 ? NULL : g->ents[i].side;
}

const char *qy_gazetteer_place_type(const qy_gazetteer *g, const char *id)
{
	long i = g ? find_entity(g, QY_ENT_PLACE, id) : -1;
	return i < 0 ? NULL : g->ents[i].ptype;
}

const char *qy_entity_type_name(qy_entity_type type)
{
	static const char *const names[] = { "place", "actor", "person", "org", "name" };
	return (unsigned)type < QY_ENT_TYPES ? names[type] : "unknown";
}
