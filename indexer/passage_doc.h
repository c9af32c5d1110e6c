/*
 * passage_doc.h - turns one passage of an article into a Xapian document:
 * stemmed terms with positions, title terms, boolean filter terms, value
 * slots and the compressed record (schema/schema.h says which is which).
 */
#ifndef QY_PASSAGE_DOC_H
#define QY_PASSAGE_DOC_H

#include "quarry.h"
#include "../analysis/gazetteer.h"
#include "../analysis/stemmer.h"
#include "../util/error.h"
#include "../xapian-c/xapian_c.h"

/* Reusable per-thread state for building documents. */
typedef struct qy_doc_builder qy_doc_builder;

/* gaz (shared, read-only) tags entities; NULL indexes no entities. */
qy_doc_builder *qy_doc_builder_new(const qy_gazetteer *gaz);
void qy_doc_builder_free(qy_doc_builder *b);

/* Where a passage lies in its article. */
typedef struct qy_passage_ref {
	unsigned number;      /* passage number, from 0 */
	size_t start, end;    /* byte range of the article body */
	int date_inferred;    /* the article's date was read from its text */
} qy_passage_ref;

/* Builds the document of one passage of article `a`.  *out is a new
 * document (caller frees). */
int qy_doc_build(qy_doc_builder *b, const quarry_article *a, const qy_passage_ref *ref,
		 xc_doc **out, qy_err *err);

/* The unique term of passage n of article id, into buf. */
void qy_passage_uid(const char *article_id, unsigned n, char *buf, size_t size);

#endif
