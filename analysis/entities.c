/* entities.c - longest-match entity tagging over the token stream (rules: docs/entities.md). */
#include "entities.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "stemmer.h"
#include "tokenizer.h"

#define MAX_SPAN 32   /* tokens an alias may span; the longest is far shorter */

/* A token of the text being tagged, with what the rules need. */
typedef struct tok {
	size_t start, end;     /* bytes in the text */
	size_t text;           /* offset of the folded form in the pool */
	unsigned len;          /* folded bytes */
	unsigned flags;        /* QY_TOK_* */
	bool poss;             /* ends with 's */
	bool sent;             /* first of a sentence */
	bool adj;              /* only spaces separate it from the previous token */
	bool para;             /* a line break separates it from the previous token */
	bool covered;          /* part of a gazetteer mention */
} tok;

typedef struct toks {
	tok *v;
	size_t n, cap;
	qy_buf pool;
	const char *src;
} toks;

static const char *tok_text(const toks *t, size_t i)
{
	return t->pool.data + t->v[i].text;
}

/* Bytes of the word without a possessive 's. */
static unsigned bare_len(const tok *k)
{
	return k->poss ? k->len - 2 : k->len;
}

static bool word_in(const char *w, size_t len, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == len && memcmp(*list, w, len) == 0)
			return true;
	return false;
}

/* Does the gap between two tokens end a sentence? */
static bool gap_ends_sentence(const char *s, size_t from, size_t to)
{
	for (size_t p = from; p < to; p++)
		if (s[p] == '.' || s[p] == '!' || s[p] == '?' || s[p] == '\n' || s[p] == ':')
			return true;
	return false;
}

static bool gap_is_space(const char *s, size_t from, size_t to)
{
	for (size_t p = from; p < to; p++)
		if (s[p] != ' ')
			return false;
	return to > from;
}

static void tokenize(toks *t, const char *text, size_t len)
{
	qy_tokenizer tz;
	qy_token k;

	t->src = text;
	qy_tokenizer_init(&tz, text, len);
	while (qy_tokenizer_next(&tz, &k)) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 256;
			t->v = qy_realloc(t->v, t->cap * sizeof *t->v);
		}
		tok *o = &t->v[t->n];
		size_t prev_end = t->n ? t->v[t->n - 1].end : 0;
		o->start = k.start;
		o->end = k.end;
		o->text = t->pool.len;
		o->len = (unsigned)k.len;
		o->flags = k.flags;
		o->poss = k.len > 2 && memcmp(k.text + k.len - 2, "'s", 2) == 0;
		o->sent = t->n == 0 || gap_ends_sentence(text, prev_end, k.start);
		o->adj = t->n && gap_is_space(text, prev_end, k.start);
		o->para = t->n && memchr(text + prev_end, '\n', k.start - prev_end) != NULL;
		o->covered = false;
		qy_buf_append(&t->pool, k.text, k.len);
		qy_buf_putc(&t->pool, '\0');
		t->n++;
	}
}

/* ---- choosing among the entities an alias names ----------------------------- */

static const char *const claim_verbs[] = {
	"said", "says", "denied", "denies", "claimed", "claims", "announced",
	"announces", "confirmed", "confirms", "reported", "reports", "insisted",
	"insists", "rejected", "rejects", "accused", "accuses", "acknowledged",
	"acknowledges", "warned", "warns", "stated", "states", "responded",
	"responds", "admitted", "admits", "dismissed", "dismisses", "disputed",
	"disputes", "maintained", "maintains", "refused", "refuses", "blamed",
	"blames", "declared", "declares", "vowed", "vows", "urged", "urges",
	"demanded", "demands", "argued", "argues", "holds", "held", "controls",
	"controlled", "retook", "recaptured", "ordered", "orders", "sent",
	"sends", "launched", "launches", "withdrew", "responded", NULL,
};

/* Adverbs that may stand between "Kyiv" and its verb: "Kyiv still holds". */
static const char *const adverbs[] = {
	"still", "also", "has", "had", "have", "later", "again", "never", "quickly",
	"officially", "publicly", "repeatedly", "previously", "already", NULL,
};

/* Before a country these make it a territory, not a party: "in Russia". */
static const char *const locatives[] = {
	"in", "into", "inside", "across", "throughout", "from", "to", "toward",
	"towards", "through", "within", "near", "around", "outside", "of", "at",
	"over", "via", "on", "against", "across", "entered", "invaded", "invade",
	"invading", NULL,
};

static const char *const territory[] = {
	"in", "into", "inside", "across", "throughout", "within", NULL,
};

static const char *const directions[] = {
	"eastern", "western", "southern", "northern", "central", "north", "south",
	"east", "west", "occupied", NULL,
};

typedef struct ctx {
	const qy_gazetteer *g;
	const toks *t;
	size_t i, j;           /* the candidate span, inclusive */
} ctx;

static bool is_cap(const tok *k)
{
	return (k->flags & (QY_TOK_CAPITALIZED | QY_TOK_ALLCAPS)) != 0;
}

/* Is the span part of a run of capitalised words (a longer unknown name)? */
static bool in_cap_run(const ctx *c)
{
	const toks *t = c->t;
	const tok *v = t->v;
	size_t p = c->i - 1, n = c->j + 1;

	if (c->i > 0 && v[c->i].adj && !v[c->i].sent && is_cap(&v[p]) && !v[p].poss &&
	    !qy_is_stopword(tok_text(t, p), v[p].len))
		return true;
	return n < t->n && v[n].adj && is_cap(&v[n]) && !v[c->j].poss &&
	       !qy_is_stopword(tok_text(t, n), v[n].len);
}

static bool after_title(const ctx *c)
{
	static const char *const titles[] = {
		"mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "maj",
		"president", "mayor", "governor", "general", "minister", "colonel",
		"commander", "spokesman", "spokeswoman", NULL,
	};
	return c->i > 0 && word_in(tok_text(c->t, c->i - 1), c->t->v[c->i - 1].len, titles);
}

static bool acceptable(const ctx *c, const qy_gz_entity *e, uint32_t flags)
{
	const tok *first = &c->t->v[c->i];

	if ((e->type == QY_ENT_PLACE || (flags & QY_GZ_CAP)) && !is_cap(first))
		return false;
	if ((flags & QY_GZ_ALLCAPS) && !(first->flags & QY_TOK_ALLCAPS))
		return false;
	if (e->type == QY_ENT_PLACE && c->j + 1 < c->t->n &&
	    strcmp(tok_text(c->t, c->j + 1), "river") == 0)
		return false;   /* "the Dnipro River" is not the city */
	if (c->i != c->j || e->type != QY_ENT_PLACE)
		return true;
	if (qy_gazetteer_common_word(tok_text(c->t, c->i), bare_len(first))) {
		/* "Play", "Side", "Oleh": only a city's own name, mid-sentence,
		 * not inside a longer name. */
		if (first->sent || !(flags & QY_GZ_PRIMARY) || e->rank < QY_PLACE_CITY)
			return false;
		return !in_cap_run(c);
	}
	/* "Oleg Zhdanov", "Mr. Butkevych": a former name or a village inside
	 * a personal name. */
	if ((e->rank <= QY_PLACE_RAION || !(flags & QY_GZ_PRIMARY)) &&
	    (in_cap_run(c) || after_title(c)))
		return false;
	return true;
}

/* Orders places: larger, front-line, own name, bare slug, file order. */
static long place_score(const qy_gz_entity *e, uint32_t flags)
{
	long id_len = (long)strlen(e->id);
	return (long)e->rank * 100000 + e->frontline * 50000 +
	       ((flags & QY_GZ_PRIMARY) ? 25000 : 0) - id_len * 100;
}

/* Kyiv/Moscow/Russia as a party: a city when followed by a claim verb,
 * a country unless it follows a locative preposition. */
static bool actor_reading(const ctx *c, const qy_gz_entity *place)
{
	const toks *t = c->t;
	/* "held by Kyiv": an agent is a party whatever the place type. */
	if (c->i > 0 && !t->v[c->i].sent && t->v[c->i - 1].len == 2 &&
	    memcmp(tok_text(t, c->i - 1), "by", 2) == 0)
		return true;
	if (place->rank == QY_PLACE_COUNTRY) {
		size_t p = c->i;
		/* "eastern Ukraine", "Western Ukraine": the land. */
		if (p > 0 && !t->v[p].sent &&
		    word_in(tok_text(t, p - 1), t->v[p - 1].len, directions))
			return false;
		if (p == 0 || t->v[p].sent)
			return true;
		/* "at Russia's request" is the party, "in Ukraine's east" the land. */
		return !word_in(tok_text(t, p - 1), t->v[p - 1].len,
				t->v[c->j].poss ? territory : locatives);
	}
	if (place->rank < QY_PLACE_CITY)
		return true;
	if (t->v[c->j].poss)
		return false;
	size_t k = c->j + 1;
	if (k < t->n && word_in(tok_text(t, k), t->v[k].len, adverbs))
		k++;
	return k < t->n && word_in(tok_text(t, k), t->v[k].len, claim_verbs);
}

/* "In Moscow": a one-word actor alias after a locative is the city, which
 * the gazetteer of Ukraine does not hold. */
static bool located(const ctx *c)
{
	const toks *t = c->t;
	static const char *const preps[] = {
		"in", "at", "near", "outside", "around", "inside", "into", NULL,
	};
	size_t i = c->i;

	if (c->i != c->j)
		return false;
	if (i == 0 || t->v[i].sent)
		return false;
	return word_in(tok_text(t, i - 1), t->v[i - 1].len, preps);
}

/* "Kharkiv regional governor": the oblast named after the city. */
static long regional(const ctx *c, long place)
{
	const qy_gz_entity *e = qy_gazetteer_entity(c->g, (uint32_t)place);
	size_t k = c->j + 1;

	if (e->rank != QY_PLACE_CITY || !e->oblast || k >= c->t->n ||
	    strcmp(tok_text(c->t, k), "regional") != 0)
		return place;
	long o = qy_gazetteer_find(c->g, QY_ENT_PLACE, e->oblast);
	const qy_gz_entity *oe = o >= 0 ? qy_gazetteer_entity(c->g, (uint32_t)o) : NULL;
	size_t n = strlen(e->name);
	if (!oe || oe->rank != QY_PLACE_OBLAST || strncmp(oe->name, e->name, n) != 0)
		return place;
	return o;
}

/* "5 a.m. Moscow time", "the Sea of Azov": a word of a longer name. */
static bool part_of_name(const ctx *c)
{
	const toks *t = c->t;
	size_t i = c->i;

	if (c->i != c->j)
		return false;
	if (i + 1 < t->n && strcmp(tok_text(t, i + 1), "time") == 0)
		return true;
	return i >= 2 && !t->v[i].sent && strcmp(tok_text(t, i - 1), "of") == 0 &&
	       strcmp(tok_text(t, i - 2), "sea") == 0;
}

/* "across the Dnipro", "the Oskil": a river whose bare name is also a
 * settlement's is the river after "the", unless a word of the town follows
 * ("the Dnipro city council", "the Dnipro regional administration"). */
static long river_reading(const ctx *c, const qy_gz_cand *cands, size_t n)
{
	static const char *const town_words[] = {
		"city", "regional", "region", "oblast", "mayor", "governor", "council",
		"administration", "authorities", "residents", "residential", "apartment",
		"hospital", "airport", "station", "metro", "attack", "strike", "strikes", NULL,
	};
	const toks *t = c->t;
	size_t i = c->i;

	if (c->i != c->j || i == 0 || t->v[i].sent || strcmp(tok_text(t, i - 1), "the") != 0)
		return -1;
	if (c->j + 1 < t->n && t->v[c->j + 1].adj &&
	    word_in(tok_text(t, c->j + 1), t->v[c->j + 1].len, town_words))
		return -1;
	for (size_t k = 0; k < n; k++) {
		const qy_gz_entity *e = qy_gazetteer_entity(c->g, cands[k].entity);
		if (e->type == QY_ENT_PLACE && e->rank == QY_PLACE_RIVER &&
		    acceptable(c, e, cands[k].flags))
			return cands[k].entity;
	}
	return -1;
}

/* The entity the span names in context, or -1. */
static long choose(const ctx *c, const qy_gz_cand *cands, size_t n)
{
	if (part_of_name(c))
		return -1;
	long river = river_reading(c, cands, n);
	if (river >= 0)
		return river;
	long best[QY_ENT_TYPES] = { -1, -1, -1, -1, -1 };
	long place_best = -1;

	for (size_t k = 0; k < n; k++) {
		const qy_gz_entity *e = qy_gazetteer_entity(c->g, cands[k].entity);
		if (!acceptable(c, e, cands[k].flags))
			continue;
		if (e->type == QY_ENT_PLACE) {
			long s = place_score(e, cands[k].flags);
			if (best[QY_ENT_PLACE] < 0 || s > place_best) {
				best[QY_ENT_PLACE] = cands[k].entity;
				place_best = s;
			}
		} else if (best[e->type] < 0) {
			best[e->type] = cands[k].entity;
		}
	}
	long other = best[QY_ENT_ACTOR] >= 0 ? best[QY_ENT_ACTOR] :
		     best[QY_ENT_PERSON] >= 0 ? best[QY_ENT_PERSON] : best[QY_ENT_ORG];
	if (best[QY_ENT_PLACE] < 0)
		return other == best[QY_ENT_ACTOR] && other >= 0 && located(c) ? -1 : other;
	if (other < 0)
		return regional(c, best[QY_ENT_PLACE]);
	const qy_gz_entity *place = qy_gazetteer_entity(c->g, (uint32_t)best[QY_ENT_PLACE]);
	if (other == best[QY_ENT_ACTOR])
		return actor_reading(c, place) ? other : best[QY_ENT_PLACE];
	return place->rank >= QY_PLACE_CITY ? best[QY_ENT_PLACE] : other;
}

/* ---- the passes ------------------------------------------------------------- */

static void emit(qy_mentions *out, const toks *t, size_t i, size_t j,
		 qy_entity_type type, const char *id)
{
	if (out->count == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->items = qy_realloc(out->items, out->cap * sizeof *out->items);
	}
	qy_mention *m = &out->items[out->count++];
	m->start = t->v[i].start;
	m->end = t->v[j].end;
	m->first_token = (unsigned)i;
	m->n_tokens = (unsigned)(j - i + 1);
	m->type = type;
	m->id = id;
}

typedef struct option {
	uint32_t node;
	size_t j;
} option;

/* Trie nodes with entities reached from token i, shortest first; returns
 * how many.  A possessive ("Ukraine's") may end an alias but not go on. */
static size_t walk(const qy_gazetteer *g, const toks *t, size_t i, option *opt)
{
	const qy_gz_cand *unused;
	uint32_t node = 0;
	size_t n = 0;

	for (size_t j = i; j < t->n && j < i + MAX_SPAN && n + 2 <= 2 * MAX_SPAN; j++) {
		const tok *k = &t->v[j];
		if ((k->flags & QY_TOK_TOO_LONG) || (j > i && k->para))
			break;
		uint32_t next = qy_gazetteer_step(g, node, tok_text(t, j), k->len);
		if (k->poss) {
			uint32_t bare = qy_gazetteer_step(g, node, tok_text(t, j), k->len - 2);
			if (bare && qy_gazetteer_cands(g, bare, &unused))
				opt[n++] = (option){ bare, j };
		}
		if (!next)
			break;
		if (qy_gazetteer_cands(g, next, &unused))
			opt[n++] = (option){ next, j };
		node = next;
	}
	return n;
}

static void tag_gazetteer(const qy_gazetteer *g, toks *t, qy_mentions *out)
{
	option opt[2 * MAX_SPAN];

	for (size_t i = 0; i < t->n;) {
		size_t n = walk(g, t, i, opt), next = i + 1;
		while (n-- > 0) {
			const qy_gz_cand *cands;
			size_t nc = qy_gazetteer_cands(g, opt[n].node, &cands);
			ctx c = { g, t, i, opt[n].j };
			long e = choose(&c, cands, nc);
			if (e < 0)
				continue;
			const qy_gz_entity *ent = qy_gazetteer_entity(g, (uint32_t)e);
			emit(out, t, i, opt[n].j, (qy_entity_type)ent->type, ent->id);
			for (size_t k = i; k <= opt[n].j; k++)
				t->v[k].covered = true;
			next = opt[n].j + 1;
			break;
		}
		i = next;
	}
}

/* Words that open or close a run of capitals without being part of a name. */
static const char *const not_name[] = {
	"president", "prime", "minister", "mayor", "governor", "general", "gen",
	"colonel", "col", "lt", "lieutenant", "major", "maj", "captain", "capt",
	"sergeant", "sgt", "commander", "chief", "spokesman", "spokeswoman",
	"spokesperson", "deputy", "head", "secretary", "ambassador", "senator",
	"sen", "rep", "dr", "mr", "mrs", "ms", "sir", "lord", "pope", "king",
	"queen", "prince", "chairman", "director", "adviser", "advisor",
	"defence", "defense", "foreign", "interior", "marshal", "admiral",
	"officer", "russian", "ukrainian", "british", "american", "french",
	"german", "chechen", "polish", "belarusian", "european", "western",
	"eastern", "northern", "southern", "soviet", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", "january",
	"february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "but", "and", "when",
	"after", "before", "since", "while", "meanwhile", "however", "although",
	"as", "if", "so", "yet", "still", "then", "now", "today", "yesterday",
	"last", "next", "this", "that", "these", "those", "there", "here", NULL,
};

static bool drop_from_run(const toks *t, size_t k, bool at_start)
{
	const tok *v = &t->v[k];
	const char *w = tok_text(t, k);
	unsigned n = bare_len(v);

	if (qy_is_stopword(w, n) || word_in(w, n, not_name))
		return true;
	return at_start && v->sent && qy_gazetteer_common_word(w, n);
}

static bool name_token(const tok *k)
{
	return (k->flags & QY_TOK_CAPITALIZED) && !(k->flags & QY_TOK_ALLCAPS) &&
	       !(k->flags & (QY_TOK_HAS_DIGIT | QY_TOK_TOO_LONG)) && !k->covered;
}

/* Unknown names: two or more adjacent capitalised words no mention covers. */
static void tag_names(toks *t, qy_mentions *out)
{
	for (size_t i = 0; i < t->n;) {
		if (!name_token(&t->v[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < t->n && !t->v[j].poss && t->v[j + 1].adj &&
		       !t->v[j + 1].sent && name_token(&t->v[j + 1]))
			j++;
		size_t a = i, b = j;
		while (a <= b && drop_from_run(t, a, a == i))
			a++;
		while (b > a && drop_from_run(t, b, false))
			b--;
		if (a < b)
			emit(out, t, a, b, QY_ENT_NAME, NULL);
		i = j + 1;
	}
}

static int cmp_mention(const void *a, const void *b)
{
	const qy_mention *x = a, *y = b;
	return x->first_token < y->first_token ? -1 : x->first_token > y->first_token;
}

void qy_tag_entities(const qy_gazetteer *g, const char *text, size_t len, qy_mentions *out)
{
	toks t = { NULL, 0, 0, QY_BUF_INIT, NULL };
	size_t base = out->count;

	if (!text)
		return;
	tokenize(&t, text, len);
	if (g)
		tag_gazetteer(g, &t, out);
	size_t typed = out->count;
	tag_names(&t, out);
	if (out->count > typed && typed > base)
		qsort(out->items + base, out->count - base, sizeof *out->items, cmp_mention);
	free(t.v);
	qy_buf_free(&t.pool);
}

void qy_mention_name_key(const char *text, const qy_mention *m, qy_buf *out)
{
	qy_tokenizer tz;
	qy_token k;
	bool first = true;

	qy_tokenizer_init(&tz, text + m->start, m->end - m->start);
	while (qy_tokenizer_next(&tz, &k)) {
		size_t n = k.len;
		if (n > 2 && memcmp(k.text + n - 2, "'s", 2) == 0)
			n -= 2;
		if (!first)
			qy_buf_putc(out, '_');
		qy_buf_append(out, k.text, n);
		first = false;
	}
}

void qy_mentions_clear(qy_mentions *m)
{
	m->count = 0;
}

void qy_mentions_free(qy_mentions *m)
{
	free(m->items);
	m->items = NULL;
	m->count = m->cap = 0;
}
