/* fuzz_record.c - libFuzzer target: decoding damaged passage records, and the encode/decode round trip. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "schema/record.h"

static void check_decode(const char *data, size_t size)
{
	qy_record rec;
	qy_err err = QY_ERR_INIT;
	int rc = qy_record_decode(data, size, &rec, &err);
	if (rc != QUARRY_OK) {
		if (rc != QUARRY_ECORRUPT || !err.msg[0] || rec.text || rec.title)
			abort();
		return;
	}
	if (!rec.text || !rec.title)
		abort();
	qy_record_free(&rec);
}

/* Splits the input at 0x01 bytes into the record's fields: a missing or
 * 0x02-led field is NULL (to test absent ones); text keeps its NULs, the
 * C-string fields end at their first NUL. */
static const char *next_field(const char **p, const char *end, size_t *len)
{
	if (*p >= end)
		return NULL;
	const char *s = *p;
	const char *sep = memchr(s, 1, (size_t)(end - s));
	const char *e = sep ? sep : end;
	*p = sep ? sep + 1 : end;
	*len = (size_t)(e - s);
	return *len && s[0] == 2 ? NULL : s;
}

static char *cstr_field(const char **p, const char *end)
{
	size_t len;
	const char *s = next_field(p, end, &len);
	return s ? qy_strndup(s, strnlen(s, len)) : NULL;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void check_round_trip(const char *data, size_t size)
{
	const char *p = data, *end = data + size;
	qy_record in, out;
	size_t len = 0;
	qy_buf stored = QY_BUF_INIT;
	qy_err err = QY_ERR_INIT;

	memset(&in, 0, sizeof in);
	if (size >= 8) {
		memcpy(&in.passage, p, sizeof in.passage);
		in.text_offset = (size_t)(uint8_t)p[4] << 24 | (size_t)(uint8_t)p[5] << 8 | (uint8_t)p[6];
		in.date_inferred = p[7] & 1;
		p += 8;
	}
	in.article = cstr_field(&p, end);
	in.title = cstr_field(&p, end);
	in.date = cstr_field(&p, end);
	in.source = cstr_field(&p, end);
	in.url = cstr_field(&p, end);
	in.entities = cstr_field(&p, end);
	const char *text = next_field(&p, end, &len);
	in.text = qy_strndup(text ? text : "", text ? len : 0);
	in.text_len = text ? len : 0;

	if (qy_record_encode(&in, &stored, &err) != QUARRY_OK)
		abort();
	if (qy_record_decode(stored.data, stored.len, &out, &err) != QUARRY_OK)
		abort();
	if (out.passage != in.passage || out.text_offset != in.text_offset ||
	    out.date_inferred != in.date_inferred || out.text_len != in.text_len ||
	    memcmp(out.text, in.text, in.text_len) != 0 || out.text[out.text_len] != '\0')
		abort();
	if (!same(out.article, in.article) || !same(out.title, in.title ? in.title : "") ||
	    !same(out.date, in.date) || !same(out.source, in.source) ||
	    !same(out.url, in.url) || !same(out.entities, in.entities))
		abort();
	/* Every truncation of a valid record is an error or a valid record. */
	if (stored.len > 2)
		check_decode(stored.data, stored.len - 1 - (size % (stored.len - 2)));
	qy_record_free(&in);
	qy_record_free(&out);
	qy_buf_free(&stored);
}

/* Random bytes rarely inflate: also decode the input compressed, so the
 * fuzzer reaches the tag and varint parsing behind zlib. */
static void check_decode_compressed(const uint8_t *data, size_t size)
{
	uLongf zlen = compressBound(size);
	char *stored = qy_malloc(zlen + 1);
	stored[0] = '1';
	if (compress2((Bytef *)stored + 1, &zlen, data, size, Z_BEST_SPEED) != Z_OK)
		abort();
	check_decode(stored, zlen + 1);
	free(stored);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_decode((const char *)data, size);
	check_decode_compressed(data, size);
	check_round_trip((const char *)data, size);
	return 0;
}
