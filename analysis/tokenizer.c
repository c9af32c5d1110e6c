/* tokenizer.c - splits UTF-8 text into case-folded word tokens. */
#include "tokenizer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../util/buf.h"
#include "utf8.h"

#define FOLD_OPTS ((utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD))

/* Composition shrinks text at most threefold (Hangul jamo), so a word of
 * more source bytes than this certainly folds to more than QY_TOKEN_MAX. */
#define FOLD_SRC_MAX (4 * QY_TOKEN_MAX)
/* Code points one source byte can decompose and case-fold into, at most. */
#define FOLD_EXPANSION 4

enum kind {
	K_SEP,      /* ends a word */
	K_LETTER,   /* lower-case or caseless letter */
	K_UPPER,    /* upper- or title-case letter */
	K_DIGIT,
	K_MARK,     /* combining mark: part of the word it follows */
	K_APOS,     /* ' or U+2019: joins two letters */
	K_NUMSEP,   /* . or , : joins two digits */
};

static inline bool is_letter(int k)
{
	return k == K_LETTER || k == K_UPPER;
}

static inline int kind_at(const char *text, size_t len, size_t pos, size_t *n)
{
	unsigned char c = (unsigned char)text[pos];
	int32_t cp;

	*n = 1;
	if (c < 0x80) {
		if (c >= 'a' && c <= 'z')
			return K_LETTER;
		if (c >= 'A' && c <= 'Z')
			return K_UPPER;
		if (c >= '0' && c <= '9')
			return K_DIGIT;
		if (c == '\'')
			return K_APOS;
		if (c == '.' || c == ',')
			return K_NUMSEP;
		return K_SEP;
	}
	*n = qy_utf8_decode(text, len, pos, &cp);
	if (*n == 0) {
		*n = 1;
		return K_SEP;
	}
	if (cp == 0x2019)
		return K_APOS;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return K_UPPER;
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return K_LETTER;
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return K_DIGIT;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return K_MARK;
	default:
		return K_SEP;
	}
}

static utf8proc_int32_t map_apostrophe(utf8proc_int32_t cp, void *data)
{
	(void)data;
	return cp == 0x2019 ? '\'' : cp;
}

/* Folds a word with non-ASCII letters into dst (QY_TOKEN_MAX bytes at most)
 * without allocating; sets *cut when the result was truncated. */
static size_t fold_slow(const char *src, size_t n, char *dst, bool *cut)
{
	utf8proc_int32_t buf[FOLD_SRC_MAX * FOLD_EXPANSION];
	const utf8proc_ssize_t cap = (utf8proc_ssize_t)(sizeof buf / sizeof buf[0]);
	utf8proc_ssize_t got;
	size_t flen;

	if (n > FOLD_SRC_MAX) {
		n = qy_utf8_floor(src, n, FOLD_SRC_MAX);
		*cut = true;
	}
	for (;;) {
		got = utf8proc_decompose_custom((const utf8proc_uint8_t *)src,
			(utf8proc_ssize_t)n, buf, cap, FOLD_OPTS, map_apostrophe, NULL);
		if (got >= 0 && got <= cap)
			break;
		/* The span holds only valid UTF-8, so this is only an
		 * unexpectedly large expansion: fold less of the word. */
		if (got < 0 || n < 2)
			return 0;
		n = qy_utf8_floor(src, n, n / 2);
		*cut = true;
	}
	got = utf8proc_reencode(buf, got, FOLD_OPTS);
	if (got < 0)
		return 0;
	flen = (size_t)got;
	if (flen > QY_TOKEN_MAX) {
		flen = qy_utf8_floor((const char *)buf, flen, QY_TOKEN_MAX);
		*cut = true;
	}
	memcpy(dst, buf, flen);
	return flen;
}

void qy_tokenizer_init(qy_tokenizer *t, const char *text, size_t len)
{
	t->text = text;
	t->len = text ? len : 0;
	t->pos = 0;
}

/* Per-token counts from which the flags are computed. */
typedef struct word_stats {
	unsigned letters, uppers, digits;
	bool first_upper;   /* the first letter was upper case */
	bool pure;          /* only ASCII and U+2019: the fast fold is exact */
	bool cut;           /* folded text was truncated */
} word_stats;

static unsigned word_flags(const word_stats *w)
{
	unsigned f = 0;

	if (w->first_upper)
		f |= QY_TOK_CAPITALIZED;
	if (w->letters >= 2 && w->uppers == w->letters)
		f |= QY_TOK_ALLCAPS;
	if (w->letters == 0)
		f |= QY_TOK_NUMERIC;
	if (w->digits)
		f |= QY_TOK_HAS_DIGIT;
	if (w->cut)
		f |= QY_TOK_TOO_LONG;
	return f;
}

static inline void put(qy_token *out, size_t *olen, char c, word_stats *w)
{
	if (*olen < QY_TOKEN_MAX)
		out->text[(*olen)++] = c;
	else
		w->cut = true;
}

/* Is the joiner (apostrophe or digit separator) at pos inside the word? */
static bool joins(const char *s, size_t len, size_t pos, size_t n, int k, int prev)
{
	size_t n2;
	int next;

	if (pos + n >= len)
		return false;
	next = kind_at(s, len, pos + n, &n2);
	if (k == K_APOS)
		return is_letter(prev) && is_letter(next);
	return prev == K_DIGIT && next == K_DIGIT;
}

/* Scans the word starting at pos (a letter or digit) into *out. */
static void scan_word(qy_tokenizer *t, size_t pos, qy_token *out)
{
	const char *s = t->text;
	size_t len = t->len, start = pos, olen = 0, n;
	word_stats w = { 0, 0, 0, false, true, false };
	int prev = K_SEP, k;

	while (pos < len) {
		k = kind_at(s, len, pos, &n);
		if (k == K_SEP)
			break;
		if (k == K_APOS || k == K_NUMSEP) {
			if (!joins(s, len, pos, n, k, prev))
				break;
			put(out, &olen, k == K_APOS ? '\'' : s[pos], &w);
		} else if (k == K_MARK) {
			w.pure = false;
			pos += n;
			continue;   /* a mark does not change what it follows */
		} else {
			if (is_letter(k)) {
				if (w.letters++ == 0)
					w.first_upper = k == K_UPPER;
				w.uppers += k == K_UPPER;
			} else {
				w.digits++;
			}
			if (n == 1)
				put(out, &olen, k == K_UPPER ? (char)(s[pos] | 0x20) : s[pos], &w);
			else
				w.pure = false;
		}
		prev = k;
		pos += n;
	}
	if (!w.pure) {
		w.cut = false;
		olen = fold_slow(s + start, pos - start, out->text, &w.cut);
	}
	out->text[olen] = '\0';
	out->len = olen;
	out->start = start;
	out->end = pos;
	out->flags = word_flags(&w);
	t->pos = pos;
}

bool qy_tokenizer_next(qy_tokenizer *t, qy_token *out)
{
	size_t pos = t->pos, n;
	int k;

	while (pos < t->len) {
		k = kind_at(t->text, t->len, pos, &n);
		if (is_letter(k) || k == K_DIGIT) {
			scan_word(t, pos, out);
			return true;
		}
		pos += n;
	}
	t->pos = t->len;
	return false;
}

void qy_fold(const char *s, size_t len, char **out, size_t *out_len)
{
	char *clean = qy_malloc(len + 1);
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t got;
	size_t n = 0, k;
	int32_t cp;

	/* utf8proc rejects invalid input as a whole; drop the bad bytes (and
	 * NULs, which would end the C string) instead. */
	for (size_t i = 0; i < len; i += k ? k : 1) {
		k = qy_utf8_decode(s, len, i, &cp);
		if (k && cp != 0) {
			memcpy(clean + n, s + i, k);
			n += k;
		}
	}
	got = utf8proc_map_custom((const utf8proc_uint8_t *)clean, (utf8proc_ssize_t)n,
				  &dst, FOLD_OPTS, map_apostrophe, NULL);
	free(clean);
	if (got == UTF8PROC_ERROR_NOMEM)
		qy_oom();
	if (got < 0 || !dst) {
		free(dst);
		dst = (utf8proc_uint8_t *)qy_strdup("");
		got = 0;
	}
	*out = (char *)dst;
	if (out_len)
		*out_len = (size_t)got;
}
