/* sentence_encoder.c - Universal Sentence Encoder Lite, forward pass in plain C. */
#include "sentence_encoder.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/bytes.h"
#include "../util/file.h"
#include "sentence_pieces.h"

#define MAGIC "QYSENC01"
#define MAGIC_LEN 8
#define N_HEADER 8
#define N_LAYERS 2
#define MAX_WIDTH 4096          /* far above the real model: a guard on the arithmetic */
#define MAX_PIECES (1u << 20)
#define LN_EPSILON 1e-6f
#define ROWS 4                  /* tokens per block of matmul */
#define COLS 16                 /* outputs per block of matmul; widths are multiples of it */
#define TILE 64                 /* rows per step of the transpose at load */

/* A weight matrix kept as the file has it, int8 with a float scale per
 * output unit: the weight of input i for output j is scale[j] x w[i][j]
 * (w laid out [in][out]; the embedding table [rows][cols], scale per row).
 * Kept narrow, the model is 7 MB in memory instead of 27 and loads in
 * about 13 ms instead of 30 (a question pays that once per process), and
 * a matrix product reads a quarter of the bytes (matmul). */
typedef struct qmat {
	const int8_t *w;
	const float *scale;
} qmat;

/* One pre-norm Transformer layer: x + attention(norm(x)), then
 * x + ffn(norm(x)); the first one widens x from d_in to d with a dense
 * layer on the residual path. */
typedef struct layer {
	uint32_t d_in, d;
	const float *ln_scale, *ln_bias;        /* [d_in] */
	qmat qkv; const float *qkv_b;           /* [d_in][3 d_in], [3 d_in] */
	qmat out; const float *out_b;           /* [d_in][d], [d] */
	qmat res; const float *res_b;           /* [d_in][d], [d]; res.w NULL when d_in == d */
	const float *ffn_scale, *ffn_bias;      /* [d] */
	qmat w1; const float *b1;               /* [d][ffn], [ffn] */
	qmat w2; const float *b2;               /* [ffn][d], [d] */
} layer;

struct qy_sentence_encoder {
	qy_pieces *pieces;
	uint32_t rows, d0, d, ffn, heads, max_tokens, timescales;
	float *arena;                           /* the float tensors and scales below */
	int8_t *weights;                        /* the int8 weights below */
	qmat embedding;                         /* [rows][d0] */
	const float *inv_timescales;            /* [timescales]; d0 = 2 x timescales */
	layer layers[N_LAYERS];
	qmat out_w; const float *out_b;         /* [d][DIMS], [DIMS] */
};

/* ---- reading the file ---- */

/* Memory the reader hands out to tensors, in order; in bytes. */
typedef struct arena {
	unsigned char *base;
	size_t used, cap;
} arena;

typedef struct reader {
	const unsigned char *p, *end;
	const char *why;                /* the first problem found, or NULL */
	arena floats, weights;
} reader;

static float lef(const unsigned char *p)
{
	uint32_t u = qy_le32(p);
	float f;

	memcpy(&f, &u, sizeof f);
	return f;
}

static const unsigned char *take(reader *r, size_t n)
{
	if (r->why || (size_t)(r->end - r->p) < n) {
		r->why = r->why ? r->why : "truncated";
		return NULL;
	}
	const unsigned char *at = r->p;
	r->p += n;
	return at;
}

/* n items of size bytes from a, or NULL when a is spent. */
static void *claim(reader *r, arena *a, size_t n, size_t size)
{
	if (n > (a->cap - a->used) / size) {
		r->why = r->why ? r->why : "more tensors than the header allows";
		return NULL;
	}
	void *at = a->base + a->used;
	a->used += n * size;
	return at;
}

static const float *read_vec(reader *r, size_t n)
{
	const unsigned char *src = take(r, 4 * n);
	float *dst = src ? claim(r, &r->floats, n, sizeof *dst) : NULL;

	for (size_t i = 0; dst && i < n; i++)
		dst[i] = lef(src + 4 * i);
	return dst;
}

/* A matrix stored one output unit per row (a float scale, then cols int8
 * weights).  transpose: laid out [cols][rows], so the forward pass
 * multiplies an input row by it with the output index innermost;
 * otherwise [rows][cols] (the embedding table).  The transpose goes TILE
 * rows at a time, so that its writes fill whole cache lines. */
static qmat read_mat(reader *r, size_t rows, size_t cols, int transpose)
{
	const size_t stride = 4 + cols;
	const unsigned char *src = rows <= SIZE_MAX / stride ? take(r, rows * stride) : NULL;
	float *scale = src ? claim(r, &r->floats, rows, sizeof *scale) : NULL;
	int8_t *w = scale ? claim(r, &r->weights, rows * cols, 1) : NULL;

	if (!w)
		return (qmat){ NULL, NULL };
	for (size_t j = 0; j < rows; j++) {
		scale[j] = lef(src + j * stride);
		if (!isfinite(scale[j])) {
			r->why = "a weight scale is not a number";
			return (qmat){ NULL, NULL };
		}
	}
	for (size_t j0 = 0; j0 < rows; j0 += TILE) {
		const size_t j1 = j0 + TILE < rows ? j0 + TILE : rows;
		for (size_t i = 0; i < cols; i++)
			for (size_t j = j0; j < j1; j++)
				w[transpose ? i * rows + j : j * cols + i] =
					(int8_t)src[j * stride + 4 + i];
	}
	return (qmat){ w, scale };
}

static void read_layer(reader *r, layer *l, uint32_t d_in, uint32_t d, uint32_t ffn)
{
	l->d_in = d_in;
	l->d = d;
	l->ln_scale = read_vec(r, d_in);
	l->ln_bias = read_vec(r, d_in);
	l->qkv = read_mat(r, 3 * (size_t)d_in, d_in, 1);
	l->qkv_b = read_vec(r, 3 * (size_t)d_in);
	l->out = read_mat(r, d, d_in, 1);
	l->out_b = read_vec(r, d);
	if (d_in != d) {
		l->res = read_mat(r, d, d_in, 1);
		l->res_b = read_vec(r, d);
	}
	l->ffn_scale = read_vec(r, d);
	l->ffn_bias = read_vec(r, d);
	l->w1 = read_mat(r, ffn, d, 1);
	l->b1 = read_vec(r, ffn);
	l->w2 = read_mat(r, d, ffn, 1);
	l->b2 = read_vec(r, d);
}

/* The floats (vectors and a scale per output unit) of a layer. */
static size_t layer_floats(size_t d_in, size_t d, size_t ffn)
{
	size_t n = 2 * d_in + 2 * 3 * d_in + 2 * d + 2 * d + 2 * ffn + 2 * d;
	return d_in != d ? n + 2 * d : n;
}

/* The int8 weights of a layer. */
static size_t layer_weights(size_t d_in, size_t d, size_t ffn)
{
	size_t n = 3 * d_in * d_in + d_in * d + d * ffn + ffn * d;
	return d_in != d ? n + d_in * d : n;
}

static const char *check_header(const qy_sentence_encoder *e, uint32_t pieces)
{
	if (e->d != QY_ENCODER_DIMS)
		return "the model's width is not QY_ENCODER_DIMS";
	if (pieces <= QY_PIECES_RESERVED || pieces > MAX_PIECES || e->rows < pieces ||
	    e->rows > MAX_PIECES)
		return "implausible vocabulary size";
	if (!e->d0 || e->d0 > MAX_WIDTH || !e->ffn || e->ffn > MAX_WIDTH || !e->heads ||
	    e->d0 % COLS || e->ffn % COLS ||
	    e->d0 % e->heads || e->d % e->heads || e->d0 != 2 * e->timescales ||
	    e->max_tokens == 0 || e->max_tokens > QY_ENCODER_MAX_PIECES)
		return "implausible dimensions";
	return NULL;
}

static void read_pieces(reader *r, qy_sentence_encoder *e, uint32_t count)
{
	e->pieces = qy_pieces_new(count);
	for (uint32_t id = 0; id < count && !r->why; id++) {
		const unsigned char *h = take(r, 5);
		const unsigned char *text = h ? take(r, h[4]) : NULL;
		if (!text)
			return;
		float score = lef(h);
		if (!isfinite(score))
			r->why = "a piece's score is not a number";
		else if (id >= QY_PIECES_RESERVED &&
			 !qy_pieces_set(e->pieces, id, (const char *)text, h[4], score))
			r->why = "a piece is empty, not UTF-8 or too long";
	}
}

static void read_model(reader *r, qy_sentence_encoder *e)
{
	size_t floats = e->rows + e->timescales + layer_floats(e->d0, e->d, e->ffn) +
			layer_floats(e->d, e->d, e->ffn) + 2 * QY_ENCODER_DIMS;
	size_t weights = (size_t)e->rows * e->d0 + layer_weights(e->d0, e->d, e->ffn) +
			 layer_weights(e->d, e->d, e->ffn) + (size_t)e->d * QY_ENCODER_DIMS;

	/* What is left of the file is exactly the weights, a byte each, and
	 * the floats, four bytes each: a header that promises more than the
	 * file holds allocates nothing. */
	const size_t have = (size_t)(r->end - r->p), want = weights + 4 * floats;
	if (want != have) {
		r->why = want > have ? "truncated: the header promises more tensors than the file holds"
				     : "bytes after the last tensor";
		return;
	}
	e->arena = qy_malloc(floats * sizeof *e->arena);
	e->weights = qy_malloc(weights);
	r->floats = (arena){ (unsigned char *)e->arena, 0, floats * sizeof *e->arena };
	r->weights = (arena){ (unsigned char *)e->weights, 0, weights };
	e->embedding = read_mat(r, e->rows, e->d0, 0);
	e->inv_timescales = read_vec(r, e->timescales);
	read_layer(r, &e->layers[0], e->d0, e->d, e->ffn);
	read_layer(r, &e->layers[1], e->d, e->d, e->ffn);
	e->out_w = read_mat(r, QY_ENCODER_DIMS, e->d, 1);
	e->out_b = read_vec(r, QY_ENCODER_DIMS);
	if (!r->why && r->p != r->end)
		r->why = "bytes after the last tensor";
}

int qy_sentence_encoder_parse(qy_sentence_encoder **out, const char *data, size_t len,
			      const char *name, qy_err *err)
{
	qy_sentence_encoder *e = qy_calloc(1, sizeof *e);
	reader r = { .p = (const unsigned char *)data, .end = (const unsigned char *)data + len };
	const unsigned char *h;

	*out = NULL;
	if (len < MAGIC_LEN || memcmp(data, MAGIC, MAGIC_LEN) != 0)
		r.why = "not a sentence encoder (bad magic)";
	else if ((h = (r.p += MAGIC_LEN, take(&r, 4 * N_HEADER))) != NULL) {
		uint32_t pieces = qy_le32(h);
		e->rows = qy_le32(h + 4);
		e->d0 = qy_le32(h + 8);
		e->d = qy_le32(h + 12);
		e->ffn = qy_le32(h + 16);
		e->heads = qy_le32(h + 20);
		e->max_tokens = qy_le32(h + 24);
		e->timescales = qy_le32(h + 28);
		r.why = check_header(e, pieces);
		if (!r.why)
			read_pieces(&r, e, pieces);
		if (!r.why)
			read_model(&r, e);
	}
	if (r.why) {
		qy_sentence_encoder_free(e);
		return qy_err_set(err, QUARRY_ECORRUPT, "%s: %s", name, r.why);
	}
	*out = e;
	return QUARRY_OK;
}

int qy_sentence_encoder_load(qy_sentence_encoder **out, const char *dir, qy_err *err)
{
	qy_buf path = QY_BUF_INIT;
	char *data = NULL;
	size_t len = 0;

	*out = NULL;
	qy_buf_printf(&path, "%s/%s", dir, QY_SENTENCE_ENCODER_FILE);
	int rc = qy_read_file(path.data, &data, &len, err);
	if (rc == QUARRY_OK)
		rc = qy_sentence_encoder_parse(out, data, len, path.data, err);
	free(data);
	qy_buf_free(&path);
	return rc;
}

void qy_sentence_encoder_free(qy_sentence_encoder *e)
{
	if (!e)
		return;
	qy_pieces_free(e->pieces);
	free(e->arena);
	free(e->weights);
	free(e);
}

/* ---- the forward pass ---- */

/* Eight floats in one register (AVX) or two (SSE); GCC and Clang vectors. */
typedef float v8f __attribute__((vector_size(32)));

/* ROWS tokens x COLS outputs, summed in registers over the whole input;
 * w is the column strip, [in][COLS] floats. */
static inline __attribute__((always_inline)) void block(const float *x, size_t in,
							  const float *w, const float *b,
							  size_t out, float *y)
{
	v8f acc[ROWS][2];

	for (size_t r = 0; r < ROWS; r++)
		memcpy(acc[r], b, sizeof acc[r]);
	for (size_t i = 0; i < in; i++) {
		v8f w0, w1;
		memcpy(&w0, w + i * COLS, sizeof w0);
		memcpy(&w1, w + i * COLS + 8, sizeof w1);
		for (size_t r = 0; r < ROWS; r++) {
			const float xv = x[r * in + i];
			acc[r][0] += xv * w0;
			acc[r][1] += xv * w1;
		}
	}
	for (size_t r = 0; r < ROWS; r++)
		memcpy(y + r * out, acc[r], sizeof acc[r]);
}

/* The COLS outputs from j0 of w as floats, [in][COLS]: scale x weight. */
static inline __attribute__((always_inline)) void widen_strip(const qmat *w, size_t in,
								size_t out, size_t j0,
								float *strip)
{
	for (size_t i = 0; i < in; i++)
		for (size_t k = 0; k < COLS; k++)
			strip[i * COLS + k] = w->scale[j0 + k] * (float)w->w[i * out + j0 + k];
}

/* y[t][0..out) = b + x[t][0..in) . w for t < T (a multiple of ROWS: the
 * buffers have padding rows), w int8 laid out [in][out], out a multiple of
 * COLS.  For each strip of COLS outputs, the weights are widened once into
 * a small float strip that stays in cache while every block of ROWS
 * tokens x COLS outputs is summed in registers over the whole input: each
 * step loads COLS weights for ROWS x COLS multiply-adds.  On x86-64 GCC
 * also builds an AVX2 version, chosen at run time. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
static void matmul(const float *x, size_t T, size_t in, const qmat *w, const float *b,
		   size_t out, float *strip, float *y)
{
	for (size_t j0 = 0; j0 < out; j0 += COLS) {
		widen_strip(w, in, out, j0, strip);
		for (size_t t0 = 0; t0 < T; t0 += ROWS)
			block(x + t0 * in, in, strip, b + j0, out, y + t0 * out + j0);
	}
}

static void layer_norm(const float *x, size_t T, size_t d, const float *scale,
		       const float *bias, float *y)
{
	for (size_t t = 0; t < T; t++) {
		const float *xt = x + t * d;
		float mean = 0, var = 0;
		for (size_t i = 0; i < d; i++)
			mean += xt[i];
		mean /= (float)d;
		for (size_t i = 0; i < d; i++)
			var += (xt[i] - mean) * (xt[i] - mean);
		float k = 1.0f / sqrtf(var / (float)d + LN_EPSILON);
		for (size_t i = 0; i < d; i++)
			y[t * d + i] = (xt[i] - mean) * k * scale[i] + bias[i];
	}
}

/* Multi-head self-attention over qkv[T][3d] (queries, keys, values side by
 * side) into out[T][d]; p is T floats of scratch. */
static void attention(const float *qkv, size_t T, size_t d, size_t heads, float *p,
		      float *out)
{
	const size_t hd = d / heads, row = 3 * d;
	const float scale = 1.0f / sqrtf((float)hd);

	for (size_t h = 0; h < heads; h++) {
		for (size_t t = 0; t < T; t++) {
			const float *q = qkv + t * row + h * hd;
			float top = -INFINITY, sum = 0;
			for (size_t u = 0; u < T; u++) {
				const float *k = qkv + u * row + d + h * hd;
				float s = 0;
				for (size_t i = 0; i < hd; i++)
					s += q[i] * k[i];
				p[u] = s * scale;
				top = p[u] > top ? p[u] : top;
			}
			for (size_t u = 0; u < T; u++)
				sum += p[u] = expf(p[u] - top);
			float *o = out + t * d + h * hd;
			memset(o, 0, hd * sizeof *o);
			for (size_t u = 0; u < T; u++) {
				const float *v = qkv + u * row + 2 * d + h * hd;
				const float a = p[u] / sum;
				for (size_t i = 0; i < hd; i++)
					o[i] += a * v[i];
			}
		}
	}
}

typedef struct scratch {
	float *norm, *qkv, *att, *mix, *ffn, *p;
	float *strip;   /* matmul's widened weights: the widest input x COLS */
} scratch;

/* x[T][d_in] -> h[T][d] through layer l; row-wise steps run on all Tp rows. */
static void run_layer(const qy_sentence_encoder *e, const layer *l, const float *x, size_t T,
		      size_t Tp, scratch *s, float *h)
{
	layer_norm(x, Tp, l->d_in, l->ln_scale, l->ln_bias, s->norm);
	matmul(s->norm, Tp, l->d_in, &l->qkv, l->qkv_b, 3 * (size_t)l->d_in, s->strip, s->qkv);
	attention(s->qkv, T, l->d_in, e->heads, s->p, s->att);
	matmul(s->att, Tp, l->d_in, &l->out, l->out_b, l->d, s->strip, h);
	if (l->res.w) {
		matmul(x, Tp, l->d_in, &l->res, l->res_b, l->d, s->strip, s->mix);
		for (size_t i = 0; i < Tp * l->d; i++)
			h[i] += s->mix[i];
	} else {
		for (size_t i = 0; i < Tp * l->d; i++)
			h[i] += x[i];
	}
	layer_norm(h, Tp, l->d, l->ffn_scale, l->ffn_bias, s->norm);
	matmul(s->norm, Tp, l->d, &l->w1, l->b1, e->ffn, s->strip, s->ffn);
	for (size_t i = 0; i < Tp * e->ffn; i++)
		s->ffn[i] = s->ffn[i] > 0 ? s->ffn[i] : 0;
	matmul(s->ffn, Tp, e->ffn, &l->w2, l->b2, l->d, s->strip, s->mix);
	for (size_t i = 0; i < Tp * l->d; i++)
		h[i] += s->mix[i];
}

/* The pieces' embeddings plus the sine and cosine of their positions.  The
 * graph adds the embedding twice (once with the timing signal, once on its
 * own), and so does this. */
static void embed(const qy_sentence_encoder *e, const int32_t *ids, size_t T, float *x)
{
	const size_t d0 = e->d0, n = e->timescales;

	for (size_t t = 0; t < T; t++) {
		const int8_t *emb = e->embedding.w + (size_t)ids[t] * d0;
		const float scale = e->embedding.scale[ids[t]];
		for (size_t k = 0; k < n; k++) {
			float angle = (float)t * e->inv_timescales[k];
			x[t * d0 + k] = 2 * (scale * emb[k]) + sinf(angle);
			x[t * d0 + n + k] = 2 * (scale * emb[n + k]) + cosf(angle);
		}
	}
}

/* Mean of h's rows, then tanh(mean . out_w + out_b), scaled to unit length.
 * matmul works on ROWS rows: the mean is row 0 of a zeroed block. */
static void pool(const qy_sentence_encoder *e, const float *h, size_t T, float *strip,
		 float *out)
{
	float mean[ROWS * QY_ENCODER_DIMS] = { 0 }, y[ROWS * QY_ENCODER_DIMS];
	double norm = 0;

	for (size_t t = 0; t < T; t++)
		for (size_t i = 0; i < e->d; i++)
			mean[i] += h[t * e->d + i];
	for (size_t i = 0; i < e->d; i++)
		mean[i] /= (float)(T ? T : 1);
	matmul(mean, ROWS, e->d, &e->out_w, e->out_b, QY_ENCODER_DIMS, strip, y);
	for (size_t i = 0; i < QY_ENCODER_DIMS; i++) {
		out[i] = tanhf(y[i]);
		norm += (double)out[i] * out[i];
	}
	norm = sqrt(norm > 1e-12 ? norm : 1e-12);
	for (size_t i = 0; i < QY_ENCODER_DIMS; i++)
		out[i] = (float)(out[i] / norm);
}

size_t qy_sentence_encode(const qy_sentence_encoder *e, const char *text, size_t len,
			  float *out)
{
	int32_t ids[QY_ENCODER_MAX_PIECES];   /* < pieces <= rows (check_header) */
	const size_t T = qy_pieces_encode(e->pieces, text, len, ids, e->max_tokens);
	/* Rows up to a multiple of ROWS for matmul; the padding rows start at
	 * zero and never reach a real row (only attention and pooling mix
	 * rows, and they read the first T). */
	const size_t Tp = (T + ROWS - 1) / ROWS * ROWS;
	const size_t d = e->d, wide = 3 * d > e->ffn ? 3 * d : e->ffn;
	const size_t in = e->d0 > d ? e->d0 : d, widest_in = in > e->ffn ? in : e->ffn;
	float *block = qy_calloc(Tp * (e->d0 + 5 * d + 2 * wide) + T + 1 + widest_in * COLS,
				 sizeof *block);
	float *x = block, *h1 = x + Tp * e->d0, *h2 = h1 + Tp * d;
	scratch s;

	s.norm = h2 + Tp * d;
	s.qkv = s.norm + Tp * d;
	s.att = s.qkv + Tp * wide;
	s.mix = s.att + Tp * d;
	s.ffn = s.mix + Tp * d;
	s.p = s.ffn + Tp * wide;
	s.strip = s.p + T + 1;
	embed(e, ids, T, x);
	run_layer(e, &e->layers[0], x, T, Tp, &s, h1);
	run_layer(e, &e->layers[1], h1, T, Tp, &s, h2);
	pool(e, h2, T, s.strip, out);
	free(block);
	return T;
}

size_t qy_sentence_encoder_pieces(const qy_sentence_encoder *e, const char *text, size_t len,
				  int32_t *ids, size_t max)
{
	return qy_pieces_encode(e->pieces, text, len, ids, max);
}
