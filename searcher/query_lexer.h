/*
 * query_lexer.h - splits a query string into the tokens of the query
 * language (private to query_parser.c).
 *
 * Words, phrases and field values keep their raw bytes; analysis (folding,
 * stemming) is the parser's job, so that it runs the indexer's tokenizer on
 * exactly what the user typed.
 */
#ifndef QY_QUERY_LEXER_H
#define QY_QUERY_LEXER_H

#include <stddef.h>

#include "../schema/schema.h"
#include "../util/error.h"

typedef enum qy_lex_kind {
	QL_WORD,      /* a run of bytes up to whitespace, a parenthesis or a quote */
	QL_PHRASE,    /* "..." or “...”: value is the inside */
	QL_FIELD,     /* name:value or name:"...": field and value set */
	QL_LPAREN,
	QL_RPAREN,
	QL_PLUS,      /* '+' starting an item */
	QL_MINUS,     /* '-' starting an item */
	QL_AND,
	QL_OR,
	QL_NOT,
	QL_END,
} qy_lex_kind;

typedef struct qy_lex_tok {
	qy_lex_kind kind;
	size_t start;               /* byte offset of the token in the query */
	size_t end;                 /* one past its last byte */
	size_t vstart;              /* the value: word, inside of a phrase, field value */
	size_t vend;
	int quoted;                 /* QL_FIELD: the value was a quoted phrase */
	const qy_field *field;      /* QL_FIELD only */
} qy_lex_tok;

/* Lexes text[0..len) into *out (a qy_malloc'ed array ending with QL_END).
 * Returns QUARRY_OK, or QUARRY_EINVAL for an unbalanced quote or a field
 * with no value (message with the byte offset). */
int qy_query_lex(const char *text, size_t len, qy_lex_tok **out, size_t *out_n, qy_err *err);

#endif
