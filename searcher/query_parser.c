/* query_parser.c - quarry's query language turned into a Xapian query. */
#include "query_parser.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/tokenizer.h"
#include "../schema/schema.h"
#include "../util/buf.h"
#include "query_lexer.h"

#define MAX_TERMS 256          /* Xapian terms in one query */
#define MAX_DEPTH 32           /* nesting of parentheses; bounds the recursion */
#define STOPWORDS_SHOWN 5      /* in the "only stopwords" message */
#define SHOWN_BYTES 24         /* of a too-long term in its error message */
#define MAX_GROUPS 8           /* distinct filter prefixes (schema.c has fewer) */
#define MAX_ALIAS_WORDS 6      /* longest entity name tried as adjacent words */
#define MAX_QUERY_BYTES 65536  /* bounds the lexer's memory, whatever the query holds */

/* What a piece of the query matches: w (weighted) FILTER f.  Either may be
 * NULL; both NULL is an empty piece (stopwords only), which combines as
 * nothing at all. */
typedef struct node {
	xc_query *w;
	xc_query *f;
	const qy_field *field;  /* the piece is exactly one filter field */
} node;

static const node EMPTY = { NULL, NULL, NULL };

typedef struct qlist {
	xc_query **a;
	size_t n, cap;
} qlist;

/* The items of one query or parenthesised group, sorted by role. */
typedef struct items {
	qlist req;               /* weighted parts of +items */
	qlist opt;               /* plain items with a weighted part */
	qlist filt;              /* filters that every match must pass */
	qlist excl;              /* -items */
	const char *group_prefix[MAX_GROUPS];
	qlist group[MAX_GROUPS]; /* plain filter fields, OR-ed per prefix */
	size_t n_groups;
} items;

typedef struct parser {
	const char *text;
	qy_lex_tok *toks;
	size_t pos;              /* next token */
	qy_stemmer *st;
	qy_entity_resolver resolve;
	qy_alias_resolver alias;
	void *payload;
	qy_err *err;
	int rc;                  /* first error; everything after it is a no-op */
	unsigned n_terms;
	unsigned depth;
	unsigned negative;       /* > 0 inside an excluded part */
	uint32_t termpos;
	char **stems;
	size_t n_stems, cap_stems;
	size_t *stem_entity;     /* grows with stems: 1 + entity index, or 0 */
	char **sequence;         /* stem of each positive word, stopwords too, in order */
	size_t n_sequence, cap_sequence;
	char **entities;
	size_t n_entities, cap_entities;
	qy_buf stopwords;        /* "'who', 'the'" for the message */
	unsigned n_stopwords;
} parser;

static void fail(parser *p, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(parser *p, int status, const char *fmt, ...)
{
	va_list ap;

	if (p->rc)
		return;
	p->rc = status;
	if (!p->err)
		return;
	p->err->status = status;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
	va_end(ap);
}

static void xfail(parser *p, const xc_error *xe)
{
	fail(p, xe->code == XC_NOMEM ? QUARRY_ENOMEM : QUARRY_EXAPIAN,
	     "building the query: %s", xe->message);
}

/* ---- query values ---- */

static void qlist_push(qlist *l, xc_query *q)
{
	if (!q)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->a = qy_realloc(l->a, l->cap * sizeof *l->a);
	}
	l->a[l->n++] = q;
}

static void qlist_free(qlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		xc_query_free(l->a[i]);
	free(l->a);
	memset(l, 0, sizeof *l);
}

/* Combines and frees subs[0..n); with one subquery returns it as is. */
static xc_query *combine(parser *p, xc_query_op op, xc_query **subs, size_t n)
{
	xc_query *q = NULL;
	xc_error xe;

	if (n == 1 && !p->rc && op != XC_OP_PHRASE)
		return subs[0];
	if (!p->rc && n && xc_query_combine(&q, op, (const xc_query *const *)subs, n, 0, &xe)) {
		xfail(p, &xe);
		q = NULL;
	}
	for (size_t i = 0; i < n; i++)
		xc_query_free(subs[i]);
	return q;
}

static xc_query *combine_list(parser *p, xc_query_op op, qlist *l)
{
	xc_query *q = combine(p, op, l->a, l->n);
	free(l->a);
	memset(l, 0, sizeof *l);
	return q;
}

static xc_query *combine2(parser *p, xc_query_op op, xc_query *a, xc_query *b)
{
	xc_query *subs[2] = { a, b };

	if (!a || !b) {
		xc_query_free(a);
		xc_query_free(b);
		return NULL;
	}
	return combine(p, op, subs, 2);
}

/* a op b where a missing side is simply left out. */
static xc_query *join(parser *p, xc_query_op op, xc_query *a, xc_query *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return combine2(p, op, a, b);
}

/* Makes q match as before but add no weight. */
static xc_query *unweighted(parser *p, xc_query *q)
{
	xc_query *s = NULL;
	xc_error xe;

	if (q && !p->rc && xc_query_scale(&s, q, 0.0, &xe))
		xfail(p, &xe);
	xc_query_free(q);
	return s;
}

static xc_query *match_all_unweighted(parser *p)
{
	xc_query *q = NULL;
	xc_error xe;

	if (!p->rc && xc_query_match_all(&q, &xe))
		xfail(p, &xe);
	return unweighted(p, q);
}

static xc_query *match_nothing(parser *p)
{
	xc_query *q = NULL;
	xc_error xe;

	if (!p->rc && xc_query_match_nothing(&q, &xe))
		xfail(p, &xe);
	return q;
}

static xc_query *term(parser *p, const char *prefix, const char *s, size_t n, uint32_t pos)
{
	char buf[XC_MAX_TERM_BYTES + 1];
	size_t pl = strlen(prefix);
	xc_query *q = NULL;
	xc_error xe;

	if (p->rc)
		return NULL;
	if (++p->n_terms > MAX_TERMS) {
		fail(p, QUARRY_EINVAL, "query has more than %d terms", MAX_TERMS);
		return NULL;
	}
	if (pl + n > XC_MAX_TERM_BYTES) {
		fail(p, QUARRY_EINVAL, "term '%s%.*s...' is longer than %d bytes", prefix,
		     SHOWN_BYTES, s, XC_MAX_TERM_BYTES);
		return NULL;
	}
	memcpy(buf, prefix, pl);
	memcpy(buf + pl, s, n);
	if (xc_query_term(&q, buf, pl + n, 1, pos, &xe)) {
		xfail(p, &xe);
		return NULL;
	}
	return q;
}

/* ---- nodes ---- */

static int is_empty(node n)
{
	return !n.w && !n.f;
}

static void node_free(node n)
{
	xc_query_free(n.w);
	xc_query_free(n.f);
}

/* The node as one query: w FILTER f. */
static xc_query *node_query(parser *p, node n)
{
	if (n.w && n.f)
		return combine2(p, XC_OP_FILTER, n.w, n.f);
	return n.w ? n.w : n.f;
}

static node node_and(parser *p, node a, node b)
{
	node r = EMPTY;

	r.w = join(p, XC_OP_AND, a.w, b.w);
	r.f = join(p, XC_OP_AND, a.f, b.f);
	return r;
}

static node node_or(parser *p, node a, node b)
{
	node r = EMPTY;

	if (is_empty(a))
		return b;
	if (is_empty(b))
		return a;
	if (!a.f && !b.f) {
		r.w = combine2(p, XC_OP_OR, a.w, b.w);
	} else if (!a.w && !b.w) {
		r.f = combine2(p, XC_OP_OR, a.f, b.f);
	} else {
		/* (w1 FILTER f1) OR f2 can't be split into a weighted and a
		 * filter part: the filter side goes in unweighted. */
		xc_query *x = a.w ? node_query(p, a) : unweighted(p, a.f);
		xc_query *y = b.w ? node_query(p, b) : unweighted(p, b.f);
		r.w = combine2(p, XC_OP_OR, x, y);
	}
	return r;
}

static node node_not(parser *p, node a, node b)
{
	if (is_empty(b))
		return a;
	if (is_empty(a)) {
		node_free(b);
		return a;
	}
	xc_query *x = node_query(p, b);
	if (a.w)
		a.w = combine2(p, XC_OP_AND_NOT, a.w, x);
	else
		a.f = combine2(p, XC_OP_AND_NOT, a.f, x);
	a.field = NULL;
	return a;
}

/* ---- analysis of words ---- */

static void add_stem(parser *p, const char *s, size_t n)
{
	if (p->negative)
		return;
	for (size_t i = 0; i < p->n_stems; i++)
		if (strlen(p->stems[i]) == n && memcmp(p->stems[i], s, n) == 0)
			return;
	if (p->n_stems == p->cap_stems) {
		p->cap_stems = p->cap_stems ? p->cap_stems * 2 : 8;
		p->stems = qy_realloc(p->stems, p->cap_stems * sizeof *p->stems);
		p->stem_entity = qy_realloc(p->stem_entity, p->cap_stems * sizeof *p->stem_entity);
	}
	p->stem_entity[p->n_stems] = 0;
	p->stems[p->n_stems++] = qy_strndup(s, n);
}

/* The stems of positive running-text words toks[0..n), stopwords too. */
static void add_to_sequence(parser *p, const qy_token *toks, size_t n)
{
	if (p->negative || p->rc)
		return;
	for (size_t i = 0; i < n; i++) {
		size_t sl;
		const char *s = qy_stem(p->st, toks[i].text, toks[i].len, &sl);
		if (p->n_sequence == p->cap_sequence) {
			p->cap_sequence = p->cap_sequence ? p->cap_sequence * 2 : 16;
			p->sequence = qy_realloc(p->sequence, p->cap_sequence * sizeof *p->sequence);
		}
		p->sequence[p->n_sequence++] = qy_strndup(s, sl);
	}
}

/* Records that the (positive) words toks[0..n) name entity: each of their
 * stems points at it, unless an earlier alias claimed the stem. */
static void note_entity(parser *p, const qy_token *toks, size_t n, const char *entity)
{
	size_t e;

	if (p->negative || p->rc)
		return;
	for (e = 0; e < p->n_entities; e++)
		if (strcmp(p->entities[e], entity) == 0)
			break;
	if (e == p->n_entities) {
		if (p->n_entities == p->cap_entities) {
			p->cap_entities = p->cap_entities ? p->cap_entities * 2 : 4;
			p->entities = qy_realloc(p->entities, p->cap_entities * sizeof *p->entities);
		}
		p->entities[p->n_entities++] = qy_strdup(entity);
	}
	for (size_t i = 0; i < n; i++) {
		size_t sl;
		const char *s = qy_stem(p->st, toks[i].text, toks[i].len, &sl);
		for (size_t k = 0; k < p->n_stems; k++)
			if (strlen(p->stems[k]) == sl && memcmp(p->stems[k], s, sl) == 0 &&
			    !p->stem_entity[k])
				p->stem_entity[k] = e + 1;
	}
}

static void note_stopword(parser *p, const qy_token *t)
{
	char quoted[sizeof t->text + 2];

	snprintf(quoted, sizeof quoted, "'%s'", t->text);
	if (strstr(qy_buf_cstr(&p->stopwords), quoted))
		return;
	if (p->n_stopwords < STOPWORDS_SHOWN) {
		if (p->stopwords.len)
			qy_buf_puts(&p->stopwords, ", ");
		qy_buf_puts(&p->stopwords, quoted);
	} else if (p->n_stopwords == STOPWORDS_SHOWN) {
		qy_buf_puts(&p->stopwords, ", ...");
	}
	p->n_stopwords++;
}

/* The indexer's tokens of text[start, end), in *out (caller frees). */
static size_t analyse(parser *p, size_t start, size_t end, qy_token **out)
{
	qy_tokenizer tz;
	qy_token *toks = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	qy_tokenizer_init(&tz, p->text + start, end - start);
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			toks = qy_realloc(toks, cap * sizeof *toks);
		}
		if (!qy_tokenizer_next(&tz, &toks[n]))
			break;
		if (toks[n].flags & QY_TOK_TOO_LONG) {
			/* The indexer skips such tokens, so the query could never
			 * match: say so rather than search for something else. */
			size_t k = toks[n].len < SHOWN_BYTES ? toks[n].len : SHOWN_BYTES;
			while (k > 0 && ((unsigned char)toks[n].text[k] & 0xC0) == 0x80)
				k--;
			fail(p, QUARRY_EINVAL, "term '%.*s...' at byte %zu is longer than %d bytes",
			     (int)k, toks[n].text, start + toks[n].start, QY_TOKEN_MAX);
			free(toks);
			return 0;
		}
		if (++n > MAX_TERMS) {
			fail(p, QUARRY_EINVAL, "query has more than %d terms", MAX_TERMS);
			free(toks);
			return 0;
		}
	}
	*out = toks;
	return n;
}

static xc_query *stem_term(parser *p, const char *prefix, const qy_token *t)
{
	size_t n;
	const char *s = qy_stem(p->st, t->text, t->len, &n);

	add_stem(p, s, n);
	return term(p, prefix, s, n, ++p->termpos);
}

/* A phrase of all the tokens, stopwords included; one token is a term. */
static node phrase_of(parser *p, const qy_token *toks, size_t n)
{
	node r = EMPTY;
	qlist l = { NULL, 0, 0 };

	for (size_t i = 0; i < n; i++)
		qlist_push(&l, stem_term(p, "", &toks[i]));
	if (p->rc) {
		qlist_free(&l);
		return r;
	}
	r.w = combine_list(p, n == 1 ? XC_OP_OR : XC_OP_PHRASE, &l);
	return r;
}

static int all_stopwords(parser *p, const qy_token *toks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!qy_is_stopword(toks[i].text, toks[i].len))
			return 0;
	for (size_t i = 0; i < n; i++)
		note_stopword(p, &toks[i]);
	return 1;
}

/* A bare word: dropped when it is a stopword; a phrase when the tokenizer
 * splits it ("U.S.", "Luhansk/Lugansk"). */
static node word_node(parser *p, const qy_lex_tok *t)
{
	qy_token *toks;
	size_t n = analyse(p, t->vstart, t->vend, &toks);
	node r = EMPTY;

	add_to_sequence(p, toks, n);
	if (n && !all_stopwords(p, toks, n))
		r = phrase_of(p, toks, n);
	free(toks);
	return r;
}

/* The longest run of adjacent words from toks[first] on (at most
 * MAX_ALIAS_WORDS) that names an entity: its length, with the entity term
 * in out; 0 when none does. */
static size_t alias_run(parser *p, size_t first, char *out, size_t size)
{
	char buf[XC_MAX_TERM_BYTES + 1];
	size_t best = 0;
	const qy_lex_tok *t = &p->toks[first];

	if (!p->alias)
		return 0;
	for (size_t k = 1; k <= MAX_ALIAS_WORDS; k++) {
		const qy_lex_tok *last = &p->toks[first + k - 1];
		if (last->kind != QL_WORD && !(k == 1 && last->kind == QL_PHRASE))
			break;
		if (p->alias(p->text + t->vstart, last->vend - t->vstart, buf, sizeof buf,
			     p->payload) == 0) {
			best = k;
			snprintf(out, size, "%s", buf);
		}
		if (last->kind == QL_PHRASE)
			break;
	}
	return best;
}

/* Words toks[first..first+k) naming an entity: SYNONYM(their phrase, the
 * entity term), so the entity's other names weigh as the words do, OR the
 * phrase once more, so passages with the very spelling typed come first. */
static node alias_node(parser *p, size_t first, size_t k, const char *entity)
{
	qy_token *toks;
	size_t n = analyse(p, p->toks[first].vstart, p->toks[first + k - 1].vend, &toks);
	node r = n ? phrase_of(p, toks, n) : EMPTY;
	node literal = n ? phrase_of(p, toks, n) : EMPTY;
	if (n)
		note_entity(p, toks, n, entity);
	add_to_sequence(p, toks, n);
	free(toks);
	if (p->rc || !r.w || !literal.w) {
		node_free(r);
		node_free(literal);
		return EMPTY;
	}
	r.w = combine2(p, XC_OP_SYNONYM, r.w, term(p, "", entity, strlen(entity), 0));
	r.w = combine2(p, XC_OP_OR, r.w, literal.w);
	return r;
}

static node phrase_node(parser *p, const qy_lex_tok *t)
{
	qy_token *toks;
	size_t n = analyse(p, t->vstart, t->vend, &toks);
	node r = phrase_of(p, toks, n);

	add_to_sequence(p, toks, n);
	free(toks);
	return r;
}

/* title:... - stems under the prefix, AND-ed: titles are indexed without
 * positions, so a quoted title value is all its words, not a phrase. */
static node text_field_node(parser *p, const qy_lex_tok *t)
{
	qy_token *toks;
	size_t n = analyse(p, t->vstart, t->vend, &toks);
	qlist l = { NULL, 0, 0 };
	node r = EMPTY;

	for (size_t i = 0; i < n; i++) {
		if (qy_is_stopword(toks[i].text, toks[i].len))
			note_stopword(p, &toks[i]);
		else
			qlist_push(&l, stem_term(p, t->field->prefix, &toks[i]));
	}
	free(toks);
	r.w = combine_list(p, XC_OP_AND, &l);
	return r;
}

static void no_value(parser *p, const qy_lex_tok *t)
{
	fail(p, QUARRY_EINVAL, "field '%s:' has no value (byte %zu)", t->field->name, t->start);
}

/* source:... - every folded word, unstemmed, stopwords too. */
static node words_field_node(parser *p, const qy_lex_tok *t)
{
	qy_token *toks;
	size_t n = analyse(p, t->vstart, t->vend, &toks);
	qlist l = { NULL, 0, 0 };
	node r = EMPTY;

	if (!n && !p->rc)
		no_value(p, t);
	for (size_t i = 0; i < n; i++)
		qlist_push(&l, term(p, t->field->prefix, toks[i].text, toks[i].len, 0));
	free(toks);
	r.f = combine_list(p, XC_OP_AND, &l);
	r.field = t->field;
	return r;
}

static void too_long(parser *p, const qy_lex_tok *t)
{
	fail(p, QUARRY_EINVAL, "value of field '%s:' at byte %zu is longer than %d bytes",
	     t->field->name, t->start, XC_MAX_TERM_BYTES - (int)strlen(t->field->prefix));
}

/* The value folded, runs of space turned into one '_', ends trimmed. */
static char *entity_key(const char *s, size_t len)
{
	char *folded, *key;
	size_t n, k = 0;
	int gap = 0;

	qy_fold(s, len, &folded, &n);
	key = qy_malloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)folded[i];
		if (c == ' ' || (c >= '\t' && c <= '\r')) {
			gap = k > 0;
			continue;
		}
		if (gap)
			key[k++] = '_';
		gap = 0;
		key[k++] = (char)c;
	}
	key[k] = '\0';
	free(folded);
	return key;
}

/* place:, actor:, ... - the resolver's term, or prefix + folded name. */
static node entity_field_node(parser *p, const qy_lex_tok *t)
{
	const char *v = p->text + t->vstart;
	size_t vlen = t->vend - t->vstart;
	node r = EMPTY;

	r.field = t->field;
	if (p->resolve) {
		char out[XC_MAX_TERM_BYTES + 1] = "";
		if (p->resolve(t->field->prefix, v, vlen, out, sizeof out, p->payload) == 0 && out[0]) {
			out[sizeof out - 1] = '\0';
			r.f = term(p, "", out, strlen(out), 0);
		} else {
			/* An unknown name is not a mistake in the query: it
			 * just matches nothing. */
			r.f = match_nothing(p);
		}
		return r;
	}
	char *key = entity_key(v, vlen);
	size_t klen = strlen(key);
	if (!klen)
		no_value(p, t);
	else if (klen + strlen(t->field->prefix) > XC_MAX_TERM_BYTES)
		too_long(p, t);
	else
		r.f = term(p, t->field->prefix, key, klen, 0);
	free(key);
	return r;
}

/* article:... - the value exactly as typed. */
static node exact_field_node(parser *p, const qy_lex_tok *t)
{
	size_t vlen = t->vend - t->vstart;
	node r = EMPTY;

	r.field = t->field;
	if (vlen + strlen(t->field->prefix) > XC_MAX_TERM_BYTES)
		too_long(p, t);
	else
		r.f = term(p, t->field->prefix, p->text + t->vstart, vlen, 0);
	return r;
}

static node field_node(parser *p, const qy_lex_tok *t)
{
	switch (t->field->kind) {
	case QY_FIELD_TEXT:
		return text_field_node(p, t);
	case QY_FIELD_WORDS:
		return words_field_node(p, t);
	case QY_FIELD_ENTITY:
		return entity_field_node(p, t);
	case QY_FIELD_EXACT:
		return exact_field_node(p, t);
	}
	return EMPTY;
}

/* ---- grammar ---- */

static node parse_group(parser *p, size_t open);

static const qy_lex_tok *peek(const parser *p)
{
	return &p->toks[p->pos];
}

static int starts_unit(const qy_lex_tok *t)
{
	return t->kind == QL_WORD || t->kind == QL_PHRASE || t->kind == QL_FIELD ||
	       t->kind == QL_LPAREN;
}

/* Fails unless a unit follows the operator or sign op. */
static int need_unit(parser *p, const qy_lex_tok *op)
{
	const qy_lex_tok *t = peek(p);
	int len = (int)(op->end - op->start);

	if (p->rc)
		return 0;
	if (starts_unit(t))
		return 1;
	if (t->kind == QL_PLUS || t->kind == QL_MINUS)
		fail(p, QUARRY_EINVAL, "'%c' at byte %zu must start an item (write 'a NOT b')",
		     p->text[t->start], t->start);
	else if (op->kind == QL_PLUS || op->kind == QL_MINUS)
		fail(p, QUARRY_EINVAL, "'%.*s' must be followed by a term (byte %zu)", len,
		     p->text + op->start, op->start);
	else
		fail(p, QUARRY_EINVAL, "'%.*s' needs a term on both sides (byte %zu)", len,
		     p->text + op->start, op->start);
	return 0;
}

static node parse_unit(parser *p)
{
	const qy_lex_tok *t = peek(p);
	node r = EMPTY;

	if (p->rc)
		return r;
	char entity[XC_MAX_TERM_BYTES + 1];
	size_t k = t->kind == QL_WORD || t->kind == QL_PHRASE ? alias_run(p, p->pos, entity, sizeof entity) : 0;
	if (k) {
		r = alias_node(p, p->pos, k, entity);
		p->pos += k;
		return r;
	}
	p->pos++;
	switch (t->kind) {
	case QL_WORD:
		return word_node(p, t);
	case QL_PHRASE:
		return phrase_node(p, t);
	case QL_FIELD:
		return field_node(p, t);
	case QL_LPAREN:
		if (++p->depth > MAX_DEPTH) {
			fail(p, QUARRY_EINVAL, "parentheses nested deeper than %d (byte %zu)",
			     MAX_DEPTH, t->start);
			return r;
		}
		r = parse_group(p, t->start);
		p->depth--;
		if (!p->rc && peek(p)->kind != QL_RPAREN)
			fail(p, QUARRY_EINVAL, "unbalanced parenthesis at byte %zu", t->start);
		p->pos++;
		if (p->rc) {
			node_free(r);
			r = EMPTY;
		}
		return r;
	default:
		/* need_unit() is checked before every call. */
		p->pos--;
		fail(p, QUARRY_EINVAL, "unexpected '%.*s' at byte %zu", (int)(t->end - t->start),
		     p->text + t->start, t->start);
		return r;
	}
}

static node parse_notx(parser *p)
{
	node r = parse_unit(p);

	while (!p->rc && peek(p)->kind == QL_NOT) {
		const qy_lex_tok *op = &p->toks[p->pos++];
		if (!need_unit(p, op))
			break;
		p->negative++;
		node b = parse_unit(p);
		p->negative--;
		r = node_not(p, r, b);
	}
	return r;
}

static node parse_andx(parser *p)
{
	node r = parse_notx(p);

	while (!p->rc && peek(p)->kind == QL_AND) {
		const qy_lex_tok *op = &p->toks[p->pos++];
		if (!need_unit(p, op))
			break;
		r = node_and(p, r, parse_notx(p));
	}
	return r;
}

static node parse_orx(parser *p)
{
	node r = parse_andx(p);

	while (!p->rc && peek(p)->kind == QL_OR) {
		const qy_lex_tok *op = &p->toks[p->pos++];
		if (!need_unit(p, op))
			break;
		r = node_or(p, r, parse_andx(p));
	}
	return r;
}

/* Returns 0 when all group slots are taken (more prefixes than schema.c has). */
static int add_to_group(items *it, const char *prefix, xc_query *q)
{
	size_t g;

	for (g = 0; g < it->n_groups; g++)
		if (strcmp(it->group_prefix[g], prefix) == 0)
			break;
	if (g == MAX_GROUPS)
		return 0;
	if (g == it->n_groups)
		it->group_prefix[it->n_groups++] = prefix;
	qlist_push(&it->group[g], q);
	return 1;
}

static void add_item(parser *p, items *it, int sign, node n)
{
	if (is_empty(n))
		return;
	if (sign == '-') {
		qlist_push(&it->excl, node_query(p, n));
	} else if (sign == '+') {
		qlist_push(&it->req, n.w);
		qlist_push(&it->filt, n.f);
	} else if (n.w) {
		qlist_push(&it->opt, node_query(p, n));
	} else if (!n.field || !add_to_group(it, n.field->prefix, n.f)) {
		/* Grouped, "place:a place:b" means either place, as in
		 * Xapian's parser; anything else every match must pass. */
		qlist_push(&it->filt, n.f);
	}
}

static void parse_item(parser *p, items *it)
{
	const qy_lex_tok *t = peek(p);
	int sign = 0;

	if (t->kind == QL_PLUS || t->kind == QL_MINUS || t->kind == QL_NOT) {
		/* A leading NOT has nothing on its left: it excludes, like '-'. */
		sign = t->kind == QL_PLUS ? '+' : '-';
		p->pos++;
		if (!need_unit(p, t))
			return;
	} else if (!starts_unit(t)) {
		need_unit(p, t);
		return;
	}
	if (sign == '-')
		p->negative++;
	node n = parse_orx(p);
	if (sign == '-')
		p->negative--;
	add_item(p, it, sign, n);
}

static void items_free(items *it)
{
	qlist_free(&it->req);
	qlist_free(&it->opt);
	qlist_free(&it->filt);
	qlist_free(&it->excl);
	for (size_t g = 0; g < it->n_groups; g++)
		qlist_free(&it->group[g]);
}

/* (AND of required) AND_MAYBE (OR of optional), FILTER the filters,
 * AND_NOT (OR of excluded). */
static node assemble(parser *p, items *it, size_t open)
{
	node r = EMPTY;

	if (p->rc) {
		items_free(it);
		return r;
	}
	if (it->req.n)
		r.w = combine_list(p, XC_OP_AND, &it->req);
	if (it->opt.n)
		r.w = join(p, XC_OP_AND_MAYBE, r.w, combine_list(p, XC_OP_OR, &it->opt));
	for (size_t g = 0; g < it->n_groups; g++)
		qlist_push(&it->filt, combine_list(p, XC_OP_OR, &it->group[g]));
	if (it->filt.n)
		r.f = combine_list(p, XC_OP_AND, &it->filt);
	if (it->excl.n && is_empty(r) && !p->rc) {
		if (open == SIZE_MAX)
			fail(p, QUARRY_EINVAL, "query has only exclusions");
		else
			fail(p, QUARRY_EINVAL, "group at byte %zu has only exclusions", open);
	}
	if (it->excl.n) {
		xc_query *e = combine_list(p, XC_OP_OR, &it->excl);
		if (r.w)
			r.w = combine2(p, XC_OP_AND_NOT, r.w, e);
		else if (r.f)
			r.f = combine2(p, XC_OP_AND_NOT, r.f, e);
		else
			xc_query_free(e);
	}
	items_free(it);
	return r;
}

/* Items up to the closing parenthesis (open = its byte) or, at the top
 * (open = SIZE_MAX), to the end. */
static node parse_group(parser *p, size_t open)
{
	items it;

	memset(&it, 0, sizeof it);
	while (!p->rc) {
		const qy_lex_tok *t = peek(p);
		if (t->kind == QL_END)
			break;
		if (t->kind == QL_RPAREN) {
			if (open == SIZE_MAX)
				fail(p, QUARRY_EINVAL, "unbalanced parenthesis at byte %zu", t->start);
			break;
		}
		parse_item(p, &it);
	}
	node r = assemble(p, &it, open);
	if (p->rc) {
		node_free(r);
		r = EMPTY;
	}
	return r;
}

/* ---- entry points ---- */

static int no_terms(parser *p, size_t n_toks)
{
	if (p->n_stopwords)
		fail(p, QUARRY_ENOTERMS, "query has only stopwords (%s)",
		     qy_buf_cstr(&p->stopwords));
	else if (n_toks <= 1)
		fail(p, QUARRY_ENOTERMS, "query is empty");
	else
		fail(p, QUARRY_ENOTERMS, "query has no words to search for");
	return p->rc;
}

static void finish(parser *p, node n, qy_parsed_query *out)
{
	if (n.w) {
		out->query = node_query(p, n);
		out->has_text = 1;
	} else {
		out->query = combine2(p, XC_OP_FILTER, match_all_unweighted(p), n.f);
		out->has_text = 0;
	}
}

int qy_query_parse(qy_parsed_query *out, const char *text, qy_stemmer *st,
		   qy_entity_resolver resolve, void *resolve_payload, qy_err *err)
{
	qy_query_hooks hooks = { resolve, NULL, resolve_payload };
	return qy_query_parse_hooked(out, text, st, &hooks, err);
}

int qy_query_parse_hooked(qy_parsed_query *out, const char *text, qy_stemmer *st,
			  const qy_query_hooks *hooks, qy_err *err)
{
	parser p;
	size_t n_toks;

	memset(out, 0, sizeof *out);
	if (!text || !st)
		return qy_err_set(err, QUARRY_EINVAL, "qy_query_parse: no query text or stemmer");
	if (strlen(text) > MAX_QUERY_BYTES)
		return qy_err_set(err, QUARRY_EINVAL, "query is longer than %d bytes", MAX_QUERY_BYTES);
	memset(&p, 0, sizeof p);
	p.text = text;
	p.st = st;
	p.resolve = hooks ? hooks->resolve : NULL;
	p.alias = hooks ? hooks->alias : NULL;
	p.payload = hooks ? hooks->payload : NULL;
	p.err = err;
	int rc = qy_query_lex(text, strlen(text), &p.toks, &n_toks, err);
	if (rc != QUARRY_OK)
		return rc;
	node n = parse_group(&p, SIZE_MAX);
	if (!p.rc && is_empty(n))
		no_terms(&p, n_toks);
	if (!p.rc)
		finish(&p, n, out);
	if (p.rc) {
		node_free(n);
		xc_query_free(out->query);
		out->query = NULL;
		out->has_text = 0;
		for (size_t i = 0; i < p.n_stems; i++)
			free(p.stems[i]);
		free(p.stems);
		for (size_t i = 0; i < p.n_entities; i++)
			free(p.entities[i]);
		free(p.entities);
		free(p.stem_entity);
		for (size_t i = 0; i < p.n_sequence; i++)
			free(p.sequence[i]);
		free(p.sequence);
	} else {
		out->stems = p.stems;
		out->n_stems = p.n_stems;
		out->sequence = p.sequence;
		out->n_sequence = p.n_sequence;
		out->entity_terms = p.entities;
		out->n_entity_terms = p.n_entities;
		if (p.n_entities)
			out->stem_entity = p.stem_entity;
		else
			free(p.stem_entity);
	}
	free(p.toks);
	qy_buf_free(&p.stopwords);
	return p.rc;
}

void qy_parsed_query_free(qy_parsed_query *pq)
{
	if (!pq)
		return;
	xc_query_free(pq->query);
	for (size_t i = 0; i < pq->n_stems; i++)
		free(pq->stems[i]);
	free(pq->stems);
	for (size_t i = 0; i < pq->n_entity_terms; i++)
		free(pq->entity_terms[i]);
	free(pq->entity_terms);
	free(pq->stem_entity);
	for (size_t i = 0; i < pq->n_sequence; i++)
		free(pq->sequence[i]);
	free(pq->sequence);
	memset(pq, 0, sizeof *pq);
}
