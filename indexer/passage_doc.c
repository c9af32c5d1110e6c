/* passage_doc.c - one passage in, one Xapian document out. */
#include "passage_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/tokenizer.h"
#include "../schema/record.h"
#include "../schema/schema.h"
#include "../util/buf.h"

struct qy_doc_builder {
	qy_stemmer *stemmer;
	qy_buf term;       /* scratch for prefixed terms */
	qy_buf data;       /* scratch for the encoded record */
};

qy_doc_builder *qy_doc_builder_new(void)
{
	qy_doc_builder *b = qy_calloc(1, sizeof *b);
	b->stemmer = qy_stemmer_new();
	if (!b->stemmer) {
		free(b);
		return NULL;
	}
	return b;
}

void qy_doc_builder_free(qy_doc_builder *b)
{
	if (!b)
		return;
	qy_stemmer_free(b->stemmer);
	qy_buf_free(&b->term);
	qy_buf_free(&b->data);
	free(b);
}

void qy_passage_uid(const char *article_id, unsigned n, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s#%u", QY_PREFIX_UID, article_id, n);
}

static int to_xc_status(int xc_code, const xc_error *xe, qy_err *err)
{
	return qy_err_set(err, xc_code == XC_NOMEM ? QUARRY_ENOMEM : QUARRY_EXAPIAN, "%s",
			  xe->message);
}

/* Adds prefix+value as a boolean term; values too long for Xapian are
 * dropped, since a filter on them could never be typed anyway. */
static int add_boolean(qy_doc_builder *b, xc_doc *doc, const char *prefix, const char *value,
		       size_t len, qy_err *err)
{
	xc_error xe;
	qy_buf_clear(&b->term);
	qy_buf_puts(&b->term, prefix);
	qy_buf_append(&b->term, value, len);
	if (b->term.len > XC_MAX_TERM_BYTES)
		return QUARRY_OK;
	int rc = xc_doc_add_boolean_term(doc, b->term.data, b->term.len, &xe);
	return rc == XC_OK ? QUARRY_OK : to_xc_status(rc, &xe, err);
}

/* Stems of the passage's words, with positions from 1 on. */
static int add_text_terms(qy_doc_builder *b, xc_doc *doc, const char *text, size_t len, qy_err *err)
{
	qy_tokenizer tz;
	qy_token tok;
	uint32_t pos = 0;
	xc_error xe;

	qy_tokenizer_init(&tz, text, len);
	while (qy_tokenizer_next(&tz, &tok)) {
		pos++;
		if (tok.flags & QY_TOK_TOO_LONG)
			continue;
		size_t slen;
		const char *stem = qy_stem(b->stemmer, tok.text, tok.len, &slen);
		if (slen == 0 || slen > XC_MAX_TERM_BYTES)
			continue;
		int rc = xc_doc_add_posting(doc, stem, slen, pos, 1, &xe);
		if (rc != XC_OK)
			return to_xc_status(rc, &xe, err);
	}
	return QUARRY_OK;
}

/* Title words count for every passage of the article (a passage about a
 * town is more likely the answer when the headline is about it too), but
 * without positions, so phrases never span title and text. */
static int add_title_terms(qy_doc_builder *b, xc_doc *doc, const char *title, qy_err *err)
{
	qy_tokenizer tz;
	qy_token tok;
	xc_error xe;

	qy_tokenizer_init(&tz, title, strlen(title));
	while (qy_tokenizer_next(&tz, &tok)) {
		if (tok.flags & QY_TOK_TOO_LONG)
			continue;
		size_t slen;
		const char *stem = qy_stem(b->stemmer, tok.text, tok.len, &slen);
		if (slen == 0 || slen + 1 > XC_MAX_TERM_BYTES)
			continue;
		int rc = xc_doc_add_term(doc, stem, slen, 1, &xe);
		if (rc == XC_OK) {
			qy_buf_clear(&b->term);
			qy_buf_puts(&b->term, QY_PREFIX_TITLE);
			qy_buf_append(&b->term, stem, slen);
			rc = xc_doc_add_term(doc, b->term.data, b->term.len, 1, &xe);
		}
		if (rc != XC_OK)
			return to_xc_status(rc, &xe, err);
	}
	return QUARRY_OK;
}

static int add_source_terms(qy_doc_builder *b, xc_doc *doc, const char *source, qy_err *err)
{
	qy_tokenizer tz;
	qy_token tok;
	int rc = QUARRY_OK;

	qy_tokenizer_init(&tz, source, strlen(source));
	while (rc == QUARRY_OK && qy_tokenizer_next(&tz, &tok))
		if (!(tok.flags & QY_TOK_TOO_LONG))
			rc = add_boolean(b, doc, QY_PREFIX_SOURCE, tok.text, tok.len, err);
	return rc;
}

/* D/M/Y terms and the sortable date value, from "YYYY-MM-DD". */
static int add_date(qy_doc_builder *b, xc_doc *doc, const char *date, qy_err *err)
{
	char ymd[9];
	xc_error xe;

	memcpy(ymd, date, 4);
	memcpy(ymd + 4, date + 5, 2);
	memcpy(ymd + 6, date + 8, 2);
	ymd[8] = '\0';
	int rc = add_boolean(b, doc, QY_PREFIX_DAY, ymd, 8, err);
	if (rc == QUARRY_OK)
		rc = add_boolean(b, doc, QY_PREFIX_MONTH, ymd, 6, err);
	if (rc == QUARRY_OK)
		rc = add_boolean(b, doc, QY_PREFIX_YEAR, ymd, 4, err);
	if (rc == QUARRY_OK && xc_doc_add_value(doc, QY_SLOT_DATE, ymd, 8, &xe) != XC_OK)
		rc = to_xc_status(xe.code, &xe, err);
	return rc;
}

static int add_values_and_data(qy_doc_builder *b, xc_doc *doc, const quarry_article *a,
			       const qy_passage_ref *ref, qy_err *err)
{
	char num[16];
	xc_error xe;
	qy_record rec = {
		.article = (char *)a->id, .passage = ref->number,
		.title = (char *)(a->title ? a->title : ""), .date = (char *)a->date,
		.source = (char *)a->source, .url = (char *)a->url,
		.text = (char *)a->body + ref->start, .text_len = ref->end - ref->start,
		.text_offset = ref->start, .date_inferred = ref->date_inferred,
	};

	int len = snprintf(num, sizeof num, "%u", ref->number);
	if (xc_doc_add_value(doc, QY_SLOT_ARTICLE, a->id, strlen(a->id), &xe) != XC_OK ||
	    xc_doc_add_value(doc, QY_SLOT_PASSAGE, num, (size_t)len, &xe) != XC_OK)
		return to_xc_status(xe.code, &xe, err);
	qy_buf_clear(&b->data);
	int rc = qy_record_encode(&rec, &b->data, err);
	if (rc == QUARRY_OK && xc_doc_set_data(doc, b->data.data, b->data.len, &xe) != XC_OK)
		rc = to_xc_status(xe.code, &xe, err);
	return rc;
}

int qy_doc_build(qy_doc_builder *b, const quarry_article *a, const qy_passage_ref *ref,
		 xc_doc **out, qy_err *err)
{
	xc_error xe;
	xc_doc *doc;
	char uid[XC_MAX_TERM_BYTES + 64];

	if (xc_doc_new(&doc, &xe) != XC_OK)
		return to_xc_status(xe.code, &xe, err);
	qy_passage_uid(a->id, ref->number, uid, sizeof uid);
	int rc = add_text_terms(b, doc, a->body + ref->start, ref->end - ref->start, err);
	if (rc == QUARRY_OK && a->title)
		rc = add_title_terms(b, doc, a->title, err);
	if (rc == QUARRY_OK)
		rc = add_boolean(b, doc, "", uid, strlen(uid), err);
	if (rc == QUARRY_OK)
		rc = add_boolean(b, doc, QY_PREFIX_ARTICLE, a->id, strlen(a->id), err);
	if (rc == QUARRY_OK && a->source)
		rc = add_source_terms(b, doc, a->source, err);
	if (rc == QUARRY_OK && a->date)
		rc = add_date(b, doc, a->date, err);
	if (rc == QUARRY_OK)
		rc = add_values_and_data(b, doc, a, ref, err);
	if (rc != QUARRY_OK) {
		xc_doc_free(doc);
		return rc;
	}
	*out = doc;
	return QUARRY_OK;
}
