/* query_lexer.c - tokens of the query language: words, phrases, fields, operators. */
#include "query_lexer.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

#define FIELD_NAME_MAX 16

typedef struct lexer {
	const char *s;
	size_t len;
	size_t i;
	qy_lex_tok *toks;
	size_t n, cap;
	qy_err *err;
} lexer;

/* Bytes of the whitespace character at i, or 0.  No-break and ideographic
 * spaces count, so pasted text splits where it looks like it does. */
static size_t space_len(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0x80)
		return 3;
	return 0;
}

/* Bytes of the quote mark at i (" “ ” „), or 0.  Any of them opens and any
 * closes: pasted text mixes them freely. */
static size_t quote_len(const char *s, size_t len, size_t i)
{
	if (s[i] == '"')
		return 1;
	if ((unsigned char)s[i] == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
		unsigned char c = (unsigned char)s[i + 2];
		if (c == 0x9C || c == 0x9D || c == 0x9E)
			return 3;
	}
	return 0;
}

static int is_delim(const lexer *lx, size_t i)
{
	char c = lx->s[i];
	return c == '(' || c == ')' || space_len(lx->s, lx->len, i) || quote_len(lx->s, lx->len, i);
}

static qy_lex_tok *push(lexer *lx, qy_lex_kind kind, size_t start, size_t end)
{
	if (lx->n == lx->cap) {
		lx->cap = lx->cap ? lx->cap * 2 : 16;
		lx->toks = qy_realloc(lx->toks, lx->cap * sizeof *lx->toks);
	}
	qy_lex_tok *t = &lx->toks[lx->n++];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->start = start;
	t->end = end;
	t->vstart = start;
	t->vend = end;
	return t;
}

/* Scans a quoted run whose opening mark is at i: sets the inside and
 * returns the offset after the closing mark, or 0 (error set) when none. */
static size_t scan_quoted(lexer *lx, size_t i, size_t *in_start, size_t *in_end)
{
	size_t j = i + quote_len(lx->s, lx->len, i);

	*in_start = j;
	for (; j < lx->len; j++) {
		size_t q = quote_len(lx->s, lx->len, j);
		if (q) {
			*in_end = j;
			return j + q;
		}
	}
	qy_err_set(lx->err, QUARRY_EINVAL, "unbalanced quote at byte %zu", i);
	return 0;
}

static const qy_field *field_named(const char *name, size_t n)
{
	char low[FIELD_NAME_MAX];

	if (n == 0 || n > FIELD_NAME_MAX)
		return NULL;
	/* Field names are ASCII; "Place:" is accepted like "place:". */
	for (size_t k = 0; k < n; k++)
		low[k] = (name[k] >= 'A' && name[k] <= 'Z') ? (char)(name[k] - 'A' + 'a') : name[k];
	return qy_field_lookup(low, n);
}

static int no_value(lexer *lx, size_t start, size_t name_len)
{
	return qy_err_set(lx->err, QUARRY_EINVAL, "field '%.*s:' has no value (byte %zu)",
			  (int)name_len, lx->s + start, start);
}

/* A word [start, end) that begins with a known field name and ':'. */
static int lex_field(lexer *lx, const qy_field *f, size_t start, size_t colon, size_t end)
{
	size_t name_len = colon - start;
	qy_lex_tok *t;

	if (colon + 1 < end) {
		t = push(lx, QL_FIELD, start, end);
		t->vstart = colon + 1;
		t->field = f;
		lx->i = end;
		return QUARRY_OK;
	}
	if (end < lx->len && quote_len(lx->s, lx->len, end)) {
		size_t in_s, in_e, after = scan_quoted(lx, end, &in_s, &in_e);
		if (!after)
			return QUARRY_EINVAL;
		if (in_s == in_e)
			return no_value(lx, start, name_len);
		t = push(lx, QL_FIELD, start, after);
		t->vstart = in_s;
		t->vend = in_e;
		t->quoted = 1;
		t->field = f;
		lx->i = after;
		return QUARRY_OK;
	}
	return no_value(lx, start, name_len);
}

static int lex_word(lexer *lx)
{
	size_t start = lx->i, end = start;

	while (end < lx->len && !is_delim(lx, end))
		end++;
	size_t n = end - start;
	const char *w = lx->s + start;
	if (n == 3 && memcmp(w, "AND", 3) == 0)
		push(lx, QL_AND, start, end);
	else if (n == 2 && memcmp(w, "OR", 2) == 0)
		push(lx, QL_OR, start, end);
	else if (n == 3 && memcmp(w, "NOT", 3) == 0)
		push(lx, QL_NOT, start, end);
	else {
		const char *colon = memchr(w, ':', n);
		const qy_field *f = colon ? field_named(w, (size_t)(colon - w)) : NULL;
		if (f)
			return lex_field(lx, f, start, (size_t)(colon - lx->s), end);
		/* "12:30", "http://x" and unknown "foo:bar" stay words. */
		push(lx, QL_WORD, start, end);
	}
	lx->i = end;
	return QUARRY_OK;
}

/* A sign is a prefix only when something other than space follows it, so a
 * lone "-" is a (meaningless) word and "Russian-backed" one word. */
static int is_sign(const lexer *lx)
{
	size_t i = lx->i;
	char c = lx->s[i];

	if (c != '+' && c != '-')
		return 0;
	return i + 1 < lx->len && lx->s[i + 1] != ')' && !space_len(lx->s, lx->len, i + 1);
}

static int lex_one(lexer *lx)
{
	size_t i = lx->i;
	char c = lx->s[i];

	if (c == '(' || c == ')') {
		push(lx, c == '(' ? QL_LPAREN : QL_RPAREN, i, i + 1);
		lx->i++;
		return QUARRY_OK;
	}
	if (quote_len(lx->s, lx->len, i)) {
		size_t in_s, in_e, after = scan_quoted(lx, i, &in_s, &in_e);
		if (!after)
			return QUARRY_EINVAL;
		qy_lex_tok *t = push(lx, QL_PHRASE, i, after);
		t->vstart = in_s;
		t->vend = in_e;
		lx->i = after;
		return QUARRY_OK;
	}
	if (is_sign(lx)) {
		push(lx, c == '+' ? QL_PLUS : QL_MINUS, i, i + 1);
		lx->i++;
		return QUARRY_OK;
	}
	return lex_word(lx);
}

int qy_query_lex(const char *text, size_t len, qy_lex_tok **out, size_t *out_n, qy_err *err)
{
	lexer lx = { text, len, 0, NULL, 0, 0, err };
	int rc = QUARRY_OK;

	while (rc == QUARRY_OK) {
		while (lx.i < len) {
			size_t sp = space_len(text, len, lx.i);
			if (!sp)
				break;
			lx.i += sp;
		}
		if (lx.i >= len)
			break;
		rc = lex_one(&lx);
	}
	if (rc != QUARRY_OK) {
		free(lx.toks);
		*out = NULL;
		*out_n = 0;
		return rc;
	}
	push(&lx, QL_END, len, len);
	*out = lx.toks;
	*out_n = lx.n;
	return QUARRY_OK;
}
