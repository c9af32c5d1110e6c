/* sentence_pieces.c - the unigram SentencePiece cut the sentence encoder expects. */
#include "sentence_pieces.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "../util/buf.h"
#include "../util/hash.h"
#include "utf8.h"

#define MAX_PIECE_CHARS 64      /* a piece's characters fit one uint64_t mask */
#define SPACE_MARK 0x2581       /* "▁", SentencePiece's word boundary */
#define UNKNOWN 0

struct qy_pieces {
	uint32_t count;
	float *score;
	uint8_t *chars;         /* length of each piece in characters; 1 for the reserved */
	uint32_t *at;           /* its bytes in pool */
	uint8_t *len;
	qy_buf pool;
	int32_t *slots;         /* open addressing: piece id or -1 */
	uint32_t mask;
	uint32_t max_chars;     /* the longest piece, in characters */
};

qy_pieces *qy_pieces_new(uint32_t count)
{
	qy_pieces *p = qy_calloc(1, sizeof *p);
	uint32_t cap = 16;

	while (cap < 2 * count)
		cap *= 2;
	p->count = count;
	p->score = qy_calloc(count, sizeof *p->score);
	p->chars = qy_malloc(count);
	memset(p->chars, 1, count);
	p->at = qy_calloc(count, sizeof *p->at);
	p->len = qy_calloc(count, 1);
	p->slots = qy_malloc(cap * sizeof *p->slots);
	memset(p->slots, 0xff, cap * sizeof *p->slots);
	p->mask = cap - 1;
	return p;
}

void qy_pieces_free(qy_pieces *p)
{
	if (!p)
		return;
	free(p->score);
	free(p->chars);
	free(p->at);
	free(p->len);
	qy_buf_free(&p->pool);
	free(p->slots);
	free(p);
}

static uint32_t slot_of(const qy_pieces *p, const char *s, size_t len)
{
	return (uint32_t)qy_hash_update(qy_hash_init(), s, len) & p->mask;
}

/* The slot holding the piece s[0..len), or the empty slot where it would go. */
static uint32_t slot_for(const qy_pieces *p, const char *s, size_t len)
{
	uint32_t i = slot_of(p, s, len);

	for (int32_t id; (id = p->slots[i]) >= 0; i = (i + 1) & p->mask)
		if (p->len[id] == len && memcmp(p->pool.data + p->at[id], s, len) == 0)
			break;
	return i;
}

static int32_t find(const qy_pieces *p, const char *s, size_t len)
{
	return p->slots[slot_for(p, s, len)];
}

/* Characters in text[0..len), or 0 when it is not valid UTF-8. */
static size_t count_chars(const char *text, size_t len)
{
	size_t n = 0;
	int32_t cp;

	for (size_t i = 0; i < len; n++) {
		size_t k = qy_utf8_decode(text, len, i, &cp);
		if (!k)
			return 0;
		i += k;
	}
	return n;
}

int qy_pieces_set(qy_pieces *p, uint32_t id, const char *text, size_t len, float score)
{
	size_t chars = count_chars(text, len);

	if (id < QY_PIECES_RESERVED || id >= p->count || len == 0 || len > 255 || !chars ||
	    chars > MAX_PIECE_CHARS || p->len[id])
		return 0;
	p->at[id] = (uint32_t)p->pool.len;
	qy_buf_append(&p->pool, text, len);
	p->len[id] = (uint8_t)len;
	p->chars[id] = (uint8_t)chars;
	p->score[id] = score;
	if (chars > p->max_chars)
		p->max_chars = (uint32_t)chars;
	/* A piece given twice (the vocabulary has "”5" twice) is the later id,
	 * as in the JavaScript release's trie. */
	p->slots[slot_for(p, text, len)] = (int32_t)id;
	return 1;
}

static void put_utf8(qy_buf *b, int32_t cp)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, u);

	qy_buf_append(b, u, (size_t)n);
}

/* The text as valid UTF-8 of at most QY_PIECES_MAX_CHARS characters: an
 * invalid byte becomes U+FFFD (the unknown piece), and a control character
 * (NUL, tab, newline) a space.  The JavaScript release leaves newlines
 * alone, which makes them unknown pieces; the model was trained on text
 * where they had been spaces. */
static void sanitise(const char *text, size_t len, qy_buf *out)
{
	int32_t cp;
	size_t n = 0;

	for (size_t i = 0; i < len && n < QY_PIECES_MAX_CHARS; n++) {
		size_t k = qy_utf8_decode(text, len, i, &cp);
		if (!k) {
			cp = 0xFFFD;
			k = 1;
		}
		i += k;
		put_utf8(out, cp < 0x20 || cp == 0x7F ? ' ' : cp);
	}
}

/* "▁" + the NFKC form of the sanitised text with every space a "▁", at
 * most QY_PIECES_MAX_CHARS characters; at[i] is the byte offset of
 * character i in s (at[n] its end).  Returns n. */
static size_t normalise(const char *text, size_t len, qy_buf *s, uint32_t *at)
{
	qy_buf clean = QY_BUF_INIT;
	utf8proc_uint8_t *nfkc = NULL;
	size_t n = 0;

	if (len == 0)
		return 0;   /* the JavaScript release puts no mark before an empty text */
	sanitise(text, len, &clean);
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)qy_buf_cstr(&clean),
					  (utf8proc_ssize_t)clean.len, &nfkc,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
	const char *src = m >= 0 ? (const char *)nfkc : qy_buf_cstr(&clean);
	size_t src_len = m >= 0 ? (size_t)m : clean.len;
	at[n++] = 0;
	put_utf8(s, SPACE_MARK);
	for (size_t i = 0; i < src_len && n < QY_PIECES_MAX_CHARS;) {
		int32_t cp;
		size_t k = qy_utf8_decode(src, src_len, i, &cp);
		if (!k)
			break;   /* cannot happen: both forms are valid UTF-8 */
		i += k;
		at[n++] = (uint32_t)s->len;
		put_utf8(s, cp == ' ' ? SPACE_MARK : cp);
	}
	at[n] = (uint32_t)s->len;
	free(nfkc);
	qy_buf_free(&clean);
	return n;
}

typedef struct cut {
	double *best;           /* best score of a cut of the first i characters */
	int32_t *word;          /* the last piece of that cut */
	uint64_t *starts;       /* bit L-1: a piece of L characters starts at i */
} cut;

static int32_t piece_at(const qy_pieces *p, const qy_buf *s, const uint32_t *at, size_t i,
			size_t e)
{
	return find(p, s->data + at[i], at[e] - at[i]);
}

/* The Viterbi search of the JavaScript release, including its quirks: a
 * score of exactly 0 counts as unset, and ties go to the later start. */
static void search(const qy_pieces *p, const qy_buf *s, const uint32_t *at, size_t n, cut *c)
{
	for (size_t i = 0; i < n; i++) {
		c->starts[i] = 0;
		for (size_t l = 1; l <= p->max_chars && i + l <= n; l++)
			if (piece_at(p, s, at, i, i + l) >= 0)
				c->starts[i] |= (uint64_t)1 << (l - 1);
	}
	for (size_t e = 0; e <= n; e++) {
		c->best[e] = 0;
		c->word[e] = UNKNOWN;
	}
	for (size_t e = 1; e <= n; e++) {
		size_t first = e > p->max_chars ? e - p->max_chars : 0;
		for (size_t i = first; i < e; i++) {
			int32_t id;
			if (c->starts[i] & (uint64_t)1 << (e - i - 1))
				id = piece_at(p, s, at, i, e);
			else if (e == i + 1 && !c->starts[i])
				id = UNKNOWN;
			else
				continue;
			double score = (id == UNKNOWN ? 0.0 : p->score[id]) + c->best[i];
			if (c->best[e] == 0 || score >= c->best[e]) {
				c->best[e] = score;
				c->word[e] = id;
			}
		}
	}
}

/* Walks the cut back from the end; merges runs of unknown pieces and keeps
 * the first max_ids of the cut. */
static size_t emit(const qy_pieces *p, const cut *c, size_t n, int32_t *ids, size_t max_ids)
{
	int32_t *rev = qy_malloc((n + 1) * sizeof *rev);
	size_t k = 0, out = 0;

	for (size_t e = n; e > 0;) {
		int32_t id = c->word[e];
		rev[k++] = id;
		size_t l = p->chars[id];
		e = l < e ? e - l : 0;
	}
	for (size_t i = k; i-- > 0 && out < max_ids;) {
		if (rev[i] == UNKNOWN && i + 1 < k && rev[i + 1] == UNKNOWN)
			continue;
		ids[out++] = rev[i];
	}
	free(rev);
	return out;
}

size_t qy_pieces_encode(const qy_pieces *p, const char *text, size_t len, int32_t *ids,
			size_t max_ids)
{
	qy_buf s = QY_BUF_INIT;
	uint32_t *at = qy_malloc((QY_PIECES_MAX_CHARS + 1) * sizeof *at);
	size_t n, out = 0;

	n = normalise(text, len, &s, at);
	if (n > 0 && max_ids > 0) {
		cut c = { qy_malloc((n + 1) * sizeof *c.best), qy_malloc((n + 1) * sizeof *c.word),
			  qy_malloc(n * sizeof *c.starts) };
		search(p, &s, at, n, &c);
		out = emit(p, &c, n, ids, max_ids);
		free(c.best);
		free(c.word);
		free(c.starts);
	}
	free(at);
	qy_buf_free(&s);
	return out;
}
