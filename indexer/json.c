/* json.c - parsing one JSON object per line, decoding strings to UTF-8. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

typedef struct parser {
	const char *base;   /* start of the text, for columns */
	const char *p;      /* next byte to read */
	const char *end;    /* one past the last byte */
	qy_buf key;         /* the current top-level member's name */
	qy_buf str;         /* the current top-level string or number */
	qy_buf scratch;     /* names and strings inside nested values */
} parser;

static int fail(parser *ps, qy_err *err, const char *what)
{
	return qy_err_set(err, QUARRY_EBADINPUT, "expected %s at column %zu", what,
			  (size_t)(ps->p - ps->base) + 1);
}

static void skip_ws(parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
				   *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static int at(const parser *ps, char c)
{
	return ps->p < ps->end && *ps->p == c;
}

static int is_digit(const parser *ps)
{
	return ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9';
}

static int hex4(parser *ps, unsigned *out, qy_err *err)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++, ps->p++) {
		char c = ps->p < ps->end ? *ps->p : '\0';
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return fail(ps, err, "a hex digit");
	}
	*out = v;
	return QUARRY_OK;
}

static void put_utf8(qy_buf *b, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	qy_buf_append(b, u, n);
}

/* Decodes the \uXXXX after "\u", pairing surrogates when they pair. */
static int unicode_escape(parser *ps, qy_buf *b, qy_err *err)
{
	unsigned cp, lo;
	if (hex4(ps, &cp, err))
		return QUARRY_EBADINPUT;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		const char *save = ps->p;
		if (ps->end - ps->p >= 2 && ps->p[0] == '\\' && ps->p[1] == 'u') {
			ps->p += 2;
			if (hex4(ps, &lo, err))
				return QUARRY_EBADINPUT;
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			} else {
				ps->p = save;  /* decode that escape on its own */
				cp = 0xFFFD;
			}
		} else {
			cp = 0xFFFD;
		}
	} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
		cp = 0xFFFD;
	} else if (cp == 0) {
		cp = ' ';  /* keeps decoded strings C strings */
	}
	put_utf8(b, cp);
	return QUARRY_OK;
}

static int escape(parser *ps, qy_buf *b, qy_err *err)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	if (ps->p == ps->end)
		return fail(ps, err, "an escape character");
	const char *hit = *ps->p ? strchr(from, *ps->p) : NULL;
	if (hit) {
		qy_buf_putc(b, to[hit - from]);
		ps->p++;
		return QUARRY_OK;
	}
	if (*ps->p == 'u') {
		ps->p++;
		return unicode_escape(ps, b, err);
	}
	return fail(ps, err, "an escape character");
}

/* Parses the string starting at the '"' under p into b. */
static int string(parser *ps, qy_buf *b, qy_err *err)
{
	qy_buf_clear(b);
	qy_buf_reserve(b, 0);
	ps->p++;
	for (;;) {
		const char *run = ps->p;
		while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' && *ps->p != '\0')
			ps->p++;
		qy_buf_append(b, run, (size_t)(ps->p - run));
		if (ps->p == ps->end)
			return fail(ps, err, "a closing '\"'");
		char c = *ps->p++;
		if (c == '"')
			return QUARRY_OK;
		if (c == '\0')
			qy_buf_putc(b, ' ');
		else if (escape(ps, b, err))
			return QUARRY_EBADINPUT;
	}
}

static int number(parser *ps, qy_buf *b, qy_err *err)
{
	const char *start = ps->p;
	if (at(ps, '-'))
		ps->p++;
	if (at(ps, '0'))
		ps->p++;
	else if (is_digit(ps))
		while (is_digit(ps))
			ps->p++;
	else
		return fail(ps, err, "a digit");
	if (at(ps, '.')) {
		ps->p++;
		if (!is_digit(ps))
			return fail(ps, err, "a digit");
		while (is_digit(ps))
			ps->p++;
	}
	if (at(ps, 'e') || at(ps, 'E')) {
		ps->p++;
		if (at(ps, '+') || at(ps, '-'))
			ps->p++;
		if (!is_digit(ps))
			return fail(ps, err, "a digit");
		while (is_digit(ps))
			ps->p++;
	}
	qy_buf_clear(b);
	qy_buf_append(b, start, (size_t)(ps->p - start));
	return QUARRY_OK;
}

static int literal(parser *ps, const char *word, qy_err *err)
{
	size_t n = strlen(word);
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, err, "a value");
	ps->p += n;
	return QUARRY_OK;
}

static int object(parser *ps, int depth, qy_json_member_cb cb, void *payload,
		  qy_err *err);
static int array(parser *ps, int depth, qy_err *err);

/* Parses the value at p, a member of a container at level depth. */
static int value(parser *ps, int depth, qy_json_value *out, qy_err *err)
{
	qy_buf *b = depth == 1 ? &ps->str : &ps->scratch;

	skip_ws(ps);
	out->text = NULL;
	out->len = 0;
	char c = ps->p < ps->end ? *ps->p : '\0';
	if ((c == '{' || c == '[') && depth >= QY_JSON_MAX_DEPTH)
		return fail(ps, err, "at most 64 levels of nesting");
	switch (c) {
	case '"':
		out->type = QY_JSON_STRING;
		if (string(ps, b, err))
			return QUARRY_EBADINPUT;
		break;
	case '{':
		out->type = QY_JSON_OBJECT;
		return object(ps, depth + 1, NULL, NULL, err);
	case '[':
		out->type = QY_JSON_ARRAY;
		return array(ps, depth + 1, err);
	case 't':
		out->type = QY_JSON_TRUE;
		return literal(ps, "true", err);
	case 'f':
		out->type = QY_JSON_FALSE;
		return literal(ps, "false", err);
	case 'n':
		out->type = QY_JSON_NULL;
		return literal(ps, "null", err);
	default:
		if (c != '-' && (c < '0' || c > '9'))
			return fail(ps, err, "a value");
		out->type = QY_JSON_NUMBER;
		if (number(ps, b, err))
			return QUARRY_EBADINPUT;
	}
	out->text = qy_buf_cstr(b);
	out->len = b->len;
	return QUARRY_OK;
}

static int array(parser *ps, int depth, qy_err *err)
{
	qy_json_value v;
	ps->p++;
	skip_ws(ps);
	if (at(ps, ']')) {
		ps->p++;
		return QUARRY_OK;
	}
	for (;;) {
		if (value(ps, depth, &v, err))
			return QUARRY_EBADINPUT;
		skip_ws(ps);
		if (at(ps, ',')) {
			ps->p++;
		} else if (at(ps, ']')) {
			ps->p++;
			return QUARRY_OK;
		} else {
			return fail(ps, err, "',' or ']'");
		}
	}
}

/* Parses the object at p; cb sees its members (only for the top level). */
static int object(parser *ps, int depth, qy_json_member_cb cb, void *payload,
		  qy_err *err)
{
	qy_buf *key = depth == 1 ? &ps->key : &ps->scratch;
	qy_json_value v;

	ps->p++;
	skip_ws(ps);
	if (at(ps, '}')) {
		ps->p++;
		return QUARRY_OK;
	}
	for (;;) {
		skip_ws(ps);
		if (!at(ps, '"'))
			return fail(ps, err, "'\"' starting a member name");
		if (string(ps, key, err))
			return QUARRY_EBADINPUT;
		skip_ws(ps);
		if (!at(ps, ':'))
			return fail(ps, err, "':'");
		ps->p++;
		if (value(ps, depth, &v, err))
			return QUARRY_EBADINPUT;
		if (cb) {
			int rc = cb(qy_buf_cstr(key), key->len, &v, payload);
			if (rc)
				return rc;
		}
		skip_ws(ps);
		if (at(ps, ',')) {
			ps->p++;
		} else if (at(ps, '}')) {
			ps->p++;
			return QUARRY_OK;
		} else {
			return fail(ps, err, "',' or '}'");
		}
	}
}

int qy_json_parse_object(const char *text, size_t len, qy_json_member_cb cb,
			 void *payload, qy_err *err)
{
	parser ps = { text, text, text + len, QY_BUF_INIT, QY_BUF_INIT, QY_BUF_INIT };
	int rc;

	skip_ws(&ps);
	if (!at(&ps, '{'))
		rc = fail(&ps, err, "'{'");
	else
		rc = object(&ps, 1, cb, payload, err);
	if (rc == QUARRY_OK) {
		skip_ws(&ps);
		if (ps.p != ps.end)
			rc = fail(&ps, err, "end of line");
	}
	qy_buf_free(&ps.key);
	qy_buf_free(&ps.str);
	qy_buf_free(&ps.scratch);
	return rc;
}

int qy_json_is_integer(const qy_json_value *value)
{
	return value->type == QY_JSON_NUMBER &&
	       strpbrk(value->text, ".eE") == NULL;
}
