/* passage_doc.c - one passage in, one Xapian document out. */
#include "passage_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/entities.h"
#include "../analysis/tokenizer.h"
#include "../schema/record.h"
#include "../schema/schema.h"
#include "../util/buf.h"
#include "../util/xapian_error.h"

struct qy_doc_builder {
	const qy_gazetteer *gaz;  /* NULL: no entity tagging */
	qy_stemmer *stemmer;
	qy_mentions mentions;     /* scratch: entities of the current text */
	qy_buf entities;  /* scratch: the record's entity lines */
	qy_buf term;       /* scratch for prefixed terms */
	qy_buf data;       /* scratch for the encoded record */
};

qy_doc_builder *qy_doc_builder_new(const qy_gazetteer *gaz)
{
	qy_doc_builder *b = qy_calloc(1, sizeof *b);
	b->gaz = gaz;
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
	qy_mentions_free(&b->mentions);
	qy_buf_free(&b->entities);
	qy_buf_free(&b->term);
	qy_buf_free(&b->data);
	free(b);
}

void qy_passage_uid(const char *article_id, unsigned n, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s#%u", QY_PREFIX_UID, article_id, n);
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
	return rc == XC_OK ? QUARRY_OK : qy_err_from_xc(err, &xe, "building a passage");
}

typedef struct term_ctx {
	qy_doc_builder *b;
	xc_doc *doc;
	xc_error xe;
} term_ctx;

/* A stem of the passage's words, at its position (from 1 on). */
static int add_text_term(const qy_token *tok, unsigned index, const char *stem, size_t len,
			 void *payload)
{
	term_ctx *c = payload;
	(void)tok;
	if (len > XC_MAX_TERM_BYTES)
		return 0;
	return xc_doc_add_posting(c->doc, stem, len, index + 1, 1, &c->xe);
}

static int add_text_terms(qy_doc_builder *b, xc_doc *doc, const char *text, size_t len, qy_err *err)
{
	term_ctx c = { b, doc, { 0, "", "" } };
	if (qy_stem_each(b->stemmer, text, len, add_text_term, &c) != XC_OK)
		return qy_err_from_xc(err, &c.xe, "building a passage");
	return QUARRY_OK;
}

/* A title word, twice: unprefixed, so it counts for plain queries, and
 * S-prefixed for title:. */
static int add_title_term(const qy_token *tok, unsigned index, const char *stem, size_t len,
			  void *payload)
{
	term_ctx *c = payload;
	(void)tok;
	(void)index;
	if (len + 1 > XC_MAX_TERM_BYTES)
		return 0;
	int rc = xc_doc_add_term(c->doc, stem, len, 1, &c->xe);
	if (rc == XC_OK) {
		qy_buf_clear(&c->b->term);
		qy_buf_puts(&c->b->term, QY_PREFIX_TITLE);
		qy_buf_append(&c->b->term, stem, len);
		rc = xc_doc_add_term(c->doc, c->b->term.data, c->b->term.len, 1, &c->xe);
	}
	return rc;
}

/* Title words count for every passage of the article (a passage about a
 * town is more likely the answer when the headline is about it too), but
 * without positions, so phrases never span title and text. */
static int add_title_terms(qy_doc_builder *b, xc_doc *doc, const char *title, qy_err *err)
{
	term_ctx c = { b, doc, { 0, "", "" } };
	if (qy_stem_each(b->stemmer, title, strlen(title), add_title_term, &c) != XC_OK)
		return qy_err_from_xc(err, &c.xe, "building a passage");
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

/* prefix + canonical id (or, for an unknown name, its folded key). */
static void entity_term(qy_doc_builder *b, const char *text, const qy_mention *m)
{
	qy_buf_clear(&b->term);
	qy_buf_puts(&b->term, qy_entity_prefix(m->type));
	if (m->id)
		qy_buf_puts(&b->term, m->id);
	else
		qy_mention_name_key(text, m, &b->term);
}

/* Remembers "type<TAB>id<TAB>name" once per entity for the record. */
static void note_entity(qy_doc_builder *b, const char *text, const qy_mention *m)
{
	size_t prefix_len = strlen(qy_entity_prefix(m->type));
	qy_buf line = QY_BUF_INIT;
	qy_buf_printf(&line, "%s\t%s\t", qy_entity_type_name(m->type), b->term.data + prefix_len);
	const char *name = m->id ? qy_gazetteer_name(b->gaz, m->type, m->id) : NULL;
	if (name)
		qy_buf_puts(&line, name);
	else
		qy_buf_append(&line, text + m->start, m->end - m->start);
	qy_buf_putc(&line, '\n');
	if (!b->entities.data || !strstr(b->entities.data, line.data))
		qy_buf_append(&b->entities, line.data, line.len);
	qy_buf_free(&line);
}

/* Entity terms sit at every position their mention covers, so a phrase or
 * NEAR query works whichever spelling the text used; the mention counts
 * once (wdf 1).  In a title they count once per passage, as title words. */
static int add_entity_terms(qy_doc_builder *b, xc_doc *doc, const char *text, size_t len,
			    int with_positions, qy_err *err)
{
	xc_error xe;
	if (!b->gaz)
		return QUARRY_OK;
	qy_mentions_clear(&b->mentions);
	qy_tag_entities(b->gaz, text, len, &b->mentions);
	for (size_t i = 0; i < b->mentions.count; i++) {
		const qy_mention *m = &b->mentions.items[i];
		/* Headlines capitalise every word: unknown "names" found in a
		 * title are mostly just words, so titles give only known entities. */
		if (!with_positions && m->type == QY_ENT_NAME)
			continue;
		entity_term(b, text, m);
		if (b->term.len > XC_MAX_TERM_BYTES)
			continue;
		int rc = XC_OK;
		if (!with_positions)
			rc = xc_doc_add_term(doc, b->term.data, b->term.len, 1, &xe);
		for (unsigned k = 0; with_positions && rc == XC_OK && k < m->n_tokens; k++)
			rc = xc_doc_add_posting(doc, b->term.data, b->term.len, m->first_token + 1 + k,
						k == 0, &xe);
		if (rc != XC_OK)
			return qy_err_from_xc(err, &xe, "building a passage");
		if (with_positions)
			note_entity(b, text, m);
	}
	return QUARRY_OK;
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
		rc = qy_err_from_xc(err, &xe, "building a passage");
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
		.entities = b->entities.len ? b->entities.data : NULL,
	};

	int len = snprintf(num, sizeof num, "%u", ref->number);
	if (xc_doc_add_value(doc, QY_SLOT_ARTICLE, a->id, strlen(a->id), &xe) != XC_OK ||
	    xc_doc_add_value(doc, QY_SLOT_PASSAGE, num, (size_t)len, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, "building a passage");
	qy_buf_clear(&b->data);
	int rc = qy_record_encode(&rec, &b->data, err);
	if (rc == QUARRY_OK && xc_doc_set_data(doc, b->data.data, b->data.len, &xe) != XC_OK)
		rc = qy_err_from_xc(err, &xe, "building a passage");
	return rc;
}

int qy_doc_build(qy_doc_builder *b, const quarry_article *a, const qy_passage_ref *ref,
		 xc_doc **out, qy_err *err)
{
	xc_error xe;
	xc_doc *doc;
	char uid[XC_MAX_TERM_BYTES + 64];

	if (xc_doc_new(&doc, &xe) != XC_OK)
		return qy_err_from_xc(err, &xe, "building a passage");
	qy_passage_uid(a->id, ref->number, uid, sizeof uid);
	qy_buf_clear(&b->entities);
	int rc = add_text_terms(b, doc, a->body + ref->start, ref->end - ref->start, err);
	if (rc == QUARRY_OK)
		rc = add_entity_terms(b, doc, a->body + ref->start, ref->end - ref->start, 1, err);
	if (rc == QUARRY_OK && a->title)
		rc = add_title_terms(b, doc, a->title, err);
	if (rc == QUARRY_OK && a->title)
		rc = add_entity_terms(b, doc, a->title, strlen(a->title), 0, err);
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
