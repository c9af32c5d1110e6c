/* record.c - encoding and decoding passage records (document data). */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define RECORD_FORMAT '1'
/* A stored passage is at most a few KiB of text; anything inflating past
 * this is damaged or hostile. */
#define RECORD_MAX_PLAIN (64u * 1024 * 1024)

enum {
	TAG_ARTICLE = 1, TAG_PASSAGE, TAG_TITLE, TAG_DATE, TAG_SOURCE, TAG_URL,
	TAG_TEXT, TAG_OFFSET, TAG_ENTITIES, TAG_DATE_INFERRED,
};

static void put_varint(qy_buf *b, size_t v)
{
	do {
		unsigned char c = v & 0x7f;
		v >>= 7;
		if (v)
			c |= 0x80;
		qy_buf_putc(b, (char)c);
	} while (v);
}

static void put_field(qy_buf *b, int tag, const char *s, size_t len)
{
	if (!s)
		return;
	qy_buf_putc(b, (char)tag);
	put_varint(b, len);
	qy_buf_append(b, s, len);
}

static void put_number(qy_buf *b, int tag, size_t v)
{
	char num[32];
	int n = snprintf(num, sizeof num, "%zu", v);
	put_field(b, tag, num, (size_t)n);
}

int qy_record_encode(const qy_record *rec, qy_buf *out, qy_err *err)
{
	qy_buf plain = QY_BUF_INIT;

	put_field(&plain, TAG_ARTICLE, rec->article, rec->article ? strlen(rec->article) : 0);
	put_number(&plain, TAG_PASSAGE, rec->passage);
	put_field(&plain, TAG_TITLE, rec->title, rec->title ? strlen(rec->title) : 0);
	put_field(&plain, TAG_DATE, rec->date, rec->date ? strlen(rec->date) : 0);
	put_field(&plain, TAG_SOURCE, rec->source, rec->source ? strlen(rec->source) : 0);
	put_field(&plain, TAG_URL, rec->url, rec->url ? strlen(rec->url) : 0);
	put_field(&plain, TAG_TEXT, rec->text, rec->text_len);
	put_number(&plain, TAG_OFFSET, rec->text_offset);
	put_field(&plain, TAG_ENTITIES, rec->entities, rec->entities ? strlen(rec->entities) : 0);
	if (rec->date_inferred)
		put_number(&plain, TAG_DATE_INFERRED, 1);

	uLongf zlen = compressBound(plain.len);
	qy_buf_reserve(out, zlen + 1);
	out->data[out->len++] = RECORD_FORMAT;
	int zrc = compress2((Bytef *)out->data + out->len, &zlen, (const Bytef *)plain.data,
			    plain.len, Z_DEFAULT_COMPRESSION);
	qy_buf_free(&plain);
	if (zrc != Z_OK)
		return qy_err_set(err, QUARRY_ERROR, "zlib compress failed (%d)", zrc);
	out->len += zlen;
	out->data[out->len] = '\0';
	return QUARRY_OK;
}

/* Inflates src into a new buffer, refusing output over RECORD_MAX_PLAIN. */
static int inflate_all(const char *src, size_t len, qy_buf *out, qy_err *err)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	if (inflateInit(&zs) != Z_OK)
		return qy_err_set(err, QUARRY_ENOMEM, "zlib init failed");
	zs.next_in = (Bytef *)src;
	zs.avail_in = (uInt)len;
	int zrc = Z_OK;
	while (zrc != Z_STREAM_END) {
		qy_buf_reserve(out, len * 3 + 256);
		zs.next_out = (Bytef *)out->data + out->len;
		zs.avail_out = (uInt)(out->cap - out->len - 1);
		zrc = inflate(&zs, Z_NO_FLUSH);
		out->len = out->cap - 1 - zs.avail_out;
		if (zrc != Z_OK && zrc != Z_STREAM_END)
			break;
		if (out->len > RECORD_MAX_PLAIN) {
			zrc = Z_DATA_ERROR;
			break;
		}
	}
	inflateEnd(&zs);
	if (zrc != Z_STREAM_END)
		return qy_err_set(err, QUARRY_ECORRUPT, "passage record does not inflate (zlib %d)", zrc);
	out->data[out->len] = '\0';
	return QUARRY_OK;
}

static int get_varint(const unsigned char **p, const unsigned char *end, size_t *out)
{
	size_t v = 0;
	for (int shift = 0; *p < end && shift < 63; shift += 7) {
		unsigned char c = *(*p)++;
		v |= (size_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

static void set_field(qy_record *rec, int tag, const char *s, size_t n)
{
	char **slot = NULL;
	switch (tag) {
	case TAG_ARTICLE: slot = &rec->article; break;
	case TAG_TITLE: slot = &rec->title; break;
	case TAG_DATE: slot = &rec->date; break;
	case TAG_SOURCE: slot = &rec->source; break;
	case TAG_URL: slot = &rec->url; break;
	case TAG_ENTITIES: slot = &rec->entities; break;
	case TAG_TEXT: slot = &rec->text; rec->text_len = n; break;
	case TAG_PASSAGE: rec->passage = (unsigned)strtoul(s, NULL, 10); return;
	case TAG_OFFSET: rec->text_offset = (size_t)strtoull(s, NULL, 10); return;
	case TAG_DATE_INFERRED: rec->date_inferred = 1; return;
	default: return;   /* a field from a newer quarry */
	}
	free(*slot);
	*slot = qy_strndup(s, n);
}

int qy_record_decode(const char *data, size_t len, qy_record *out, qy_err *err)
{
	memset(out, 0, sizeof *out);
	if (len < 2 || data[0] != RECORD_FORMAT)
		return qy_err_set(err, QUARRY_ECORRUPT, "passage record of unknown format");
	qy_buf plain = QY_BUF_INIT;
	int rc = inflate_all(data + 1, len - 1, &plain, err);
	const unsigned char *p = (const unsigned char *)plain.data;
	const unsigned char *end = p + plain.len;
	while (rc == QUARRY_OK && p < end) {
		int tag = *p++;
		size_t n;
		if (get_varint(&p, end, &n) != 0 || n > (size_t)(end - p)) {
			rc = qy_err_set(err, QUARRY_ECORRUPT, "passage record truncated");
			break;
		}
		/* Copy through a NUL-terminated temporary for numeric fields. */
		char *field = qy_strndup((const char *)p, n);
		set_field(out, tag, field, n);
		free(field);
		p += n;
	}
	qy_buf_free(&plain);
	if (rc == QUARRY_OK && !out->text)
		rc = qy_err_set(err, QUARRY_ECORRUPT, "passage record has no text");
	if (rc != QUARRY_OK)
		qy_record_free(out);
	else if (!out->title)
		out->title = qy_strdup("");
	return rc;
}

void qy_record_free(qy_record *rec)
{
	free(rec->article);
	free(rec->title);
	free(rec->date);
	free(rec->source);
	free(rec->url);
	free(rec->text);
	free(rec->entities);
	memset(rec, 0, sizeof *rec);
}
