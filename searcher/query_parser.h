/*
 * query_parser.h - quarry's query language, turned into a Xapian query.
 *
 * Grammar (docs/query-language.md has it for users):
 *   query  := item+                       items are OR-ed and ranked by BM25,
 *                                         except +required and -excluded ones
 *   item   := ['+'|'-'] orx
 *   orx    := andx ('OR' andx)*
 *   andx   := notx ('AND' notx)*
 *   notx   := unit ('NOT' unit)*          "a NOT b" is a AND_NOT b
 *   unit   := '(' query ')' | '"' words '"' | FIELD ':' (word | '"' words '"') | word
 * Operators are recognised in capitals only ("and" is a word, a stopword).
 * Words are tokenised, folded and stemmed exactly as the indexer does;
 * stopwords are dropped outside phrases.  A phrase is an OP_PHRASE of its
 * stems (stopwords kept, so "the city had fallen" works).  Fields come from
 * schema.h: text fields are weighted, the others are boolean filters (they
 * restrict without changing scores).  A query of filters only matches every
 * passage that passes them, with weight 0.
 *
 * Errors (QUARRY_EINVAL, message naming the offending token and its byte
 * offset): unbalanced quotes or parentheses, an unknown field, an operator
 * with nothing on one side, a field with no value.  A query with nothing
 * searchable (empty, or stopwords only) gives QUARRY_ENOTERMS.
 */
#ifndef QY_QUERY_PARSER_H
#define QY_QUERY_PARSER_H

#include "../analysis/stemmer.h"
#include "../util/error.h"
#include "../xapian-c/xapian_c.h"

/* Maps the value of an entity field ("place:Lisichansk") to the term to
 * filter on (prefix + canonical id).  Returns 0 and fills out (NUL-ended)
 * on success, -1 when the name is unknown.  Set by the entities issue; when
 * NULL the parser uses prefix + folded value with spaces turned into '_'. */
typedef int (*qy_entity_resolver)(const char *prefix, const char *value, size_t len,
				  char *out, size_t out_size, void *payload);

/* Maps words as typed ("Lisichansk", "Kherson region", "the Kremlin") to
 * the entity term they name (prefix + canonical id, NUL-ended in out).
 * Returns 0 when they name one, -1 otherwise.  With it, a plain word or
 * phrase that names an entity matches SYNONYM(words, entity term): any
 * spelling or other name of the entity finds the same passages. */
typedef int (*qy_alias_resolver)(const char *words, size_t len, char *out, size_t out_size,
				 void *payload);

/* The parser's connections to the entity lexicons; all may be NULL. */
typedef struct qy_query_hooks {
	qy_entity_resolver resolve;   /* place:, actor:, person:, org: values */
	qy_alias_resolver alias;      /* plain words and phrases */
	void *payload;                /* passed to both */
} qy_query_hooks;

typedef struct qy_parsed_query {
	xc_query *query;        /* owned; free with qy_parsed_query_free */
	char **stems;           /* distinct unprefixed stems of positive words, for highlighting */
	size_t n_stems;
	int has_text;           /* 1 when some weighted (non-filter) part exists */
	/* Entity terms (prefix + id) that positive words of the query name
	 * through the alias hook, distinct; and for each stem, 1 + the index
	 * of the entity term its word names, or 0.  The ranker counts the
	 * entity's positions as the word's, so a place typed in one spelling
	 * and written in another is present. */
	char **entity_terms;
	size_t n_entity_terms;
	size_t *stem_entity;    /* n_stems items; NULL when n_entity_terms is 0 */
	/* The stems of the positive running-text words in query order,
	 * stopwords and repeats kept: the ranker's adjacent pairs
	 * ("represented the AFC"). */
	char **sequence;
	size_t n_sequence;
} qy_parsed_query;

int qy_query_parse(qy_parsed_query *out, const char *text, qy_stemmer *st,
		   qy_entity_resolver resolve, void *resolve_payload, qy_err *err);
/* The same with both hooks. */
int qy_query_parse_hooked(qy_parsed_query *out, const char *text, qy_stemmer *st,
			  const qy_query_hooks *hooks, qy_err *err);
void qy_parsed_query_free(qy_parsed_query *pq);

#endif
