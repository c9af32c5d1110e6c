/* passage_vectors.c - a passage's sentence vectors, as one value slot. */
#define _GNU_SOURCE   /* sched_getaffinity */
#include "passage_vectors.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "../analysis/sentences.h"
#include "../schema/schema.h"
#include "../util/buf.h"
#include "../util/xapian_error.h"

/* The encoder costs about 0.2 ms a piece, hundreds of times what the rest
 * of indexing costs, so a passage's texts are shared among the cores. */
#define MAX_WORKERS QY_PASSAGE_VECTORS_MAX_WORKERS
/* A text's pieces are about a quarter of its bytes, and the encoder reads
 * at most QY_ENCODER_MAX_PIECES of them: the cost to balance by. */
#define MAX_COST_BYTES (QY_ENCODER_MAX_PIECES * 4)

/* The texts of one passage to encode: the whole passage, then its
 * sentences; owner[i] is the worker that encodes text i into row i. */
typedef struct encode_task {
	const qy_sentence_encoder *enc;
	const char *text;
	const qy_span *spans;
	const unsigned char *owner;
	size_t count;
	int8_t *rows;
} encode_task;

typedef struct encode_worker {
	const encode_task *task;
	unsigned id;
	pthread_t thread;
} encode_worker;

/* A unit vector as int8: x 127, rounded (the cosine needs only direction). */
static void put_vector(const float *v, int8_t *out)
{
	for (size_t i = 0; i < QY_ENCODER_DIMS; i++) {
		long q = lroundf(v[i] * 127.0f);
		out[i] = (int8_t)(q > 127 ? 127 : q < -127 ? -127 : q);
	}
}

static void *encode_share(void *arg)
{
	const encode_worker *w = arg;
	const encode_task *t = w->task;
	float v[QY_ENCODER_DIMS];

	for (size_t i = 0; i < t->count; i++) {
		if (t->owner[i] != w->id)
			continue;
		const qy_span *s = &t->spans[i];
		qy_sentence_encode(t->enc, t->text + s->start, s->end - s->start, v);
		put_vector(v, t->rows + i * QY_ENCODER_DIMS);
	}
	return NULL;
}

static unsigned cores;
static pthread_once_t cores_once = PTHREAD_ONCE_INIT;

/* The cores this process may run on (a container or taskset may allow
 * fewer than the machine has), at most MAX_WORKERS. */
static void count_cores(void)
{
	long n = -1;
#ifdef __linux__
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0)
		n = CPU_COUNT(&set);
#endif
	if (n < 1)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	cores = n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : (unsigned)n;
}

static unsigned online_cores(void)
{
	pthread_once(&cores_once, count_cores);
	return cores;
}

/* Longest text first to the least loaded worker: near-even shares. */
static void share_out(const qy_span *spans, size_t count, unsigned workers,
		      unsigned char *owner)
{
	size_t load[MAX_WORKERS] = { 0 };
	unsigned char done[1 + QY_MEANING_MAX_SENTENCES] = { 0 };

	assert(count <= sizeof done && workers >= 1 && workers <= MAX_WORKERS);
	for (size_t round = 0; round < count; round++) {
		size_t pick = 0, pick_cost = 0;
		for (size_t i = 0; i < count; i++) {
			size_t cost = spans[i].end - spans[i].start;
			cost = cost < MAX_COST_BYTES ? cost : MAX_COST_BYTES;
			if (!done[i] && cost + 1 > pick_cost) {
				pick = i;
				pick_cost = cost + 1;
			}
		}
		unsigned least = 0;
		for (unsigned w = 1; w < workers; w++)
			if (load[w] < load[least])
				least = w;
		owner[pick] = (unsigned char)least;
		load[least] += pick_cost;
		done[pick] = 1;
	}
}

/* Encodes every text of t on workers threads, this one among them.  A thread
 * that cannot be started leaves its share to this one. */
static void encode_all(const encode_task *t, unsigned workers)
{
	encode_worker w[MAX_WORKERS];
	int started[MAX_WORKERS] = { 0 };

	for (unsigned i = 0; i < workers; i++)
		w[i] = (encode_worker){ .task = t, .id = i };
	for (unsigned i = 1; i < workers; i++)
		started[i] = pthread_create(&w[i].thread, NULL, encode_share, &w[i]) == 0;
	encode_share(&w[0]);
	for (unsigned i = 1; i < workers; i++) {
		if (started[i])
			pthread_join(w[i].thread, NULL);
		else
			encode_share(&w[i]);
	}
}

int qy_passage_vectors_add(const qy_sentence_encoder *enc, const char *text, size_t len,
			   xc_doc *doc, qy_err *err)
{
	return qy_passage_vectors_add_on(enc, text, len, online_cores(), doc, err);
}

int qy_passage_vectors_add_on(const qy_sentence_encoder *enc, const char *text, size_t len,
			      unsigned threads, xc_doc *doc, qy_err *err)
{
	qy_spans sentences = QY_SPANS_INIT;
	qy_span spans[1 + QY_MEANING_MAX_SENTENCES];
	unsigned char owner[1 + QY_MEANING_MAX_SENTENCES];
	xc_error xe;

	qy_split_sentences(text, len, &sentences);
	size_t k = sentences.count < QY_MEANING_MAX_SENTENCES ? sentences.count
							       : QY_MEANING_MAX_SENTENCES;
	if (k == 1)
		k = 0;   /* a passage of one sentence: its vector is that sentence's */
	spans[0] = (qy_span){ 0, len };
	for (size_t i = 0; i < k; i++)
		spans[1 + i] = sentences.items[i];
	qy_spans_free(&sentences);

	threads = threads < 1 ? 1 : threads > MAX_WORKERS ? MAX_WORKERS : threads;
	unsigned workers = threads < 1 + k ? threads : (unsigned)(1 + k);
	share_out(spans, 1 + k, workers, owner);
	encode_task task = { enc, text, spans, owner, 1 + k, qy_malloc((1 + k) * QY_ENCODER_DIMS) };
	encode_all(&task, workers);

	int rc = QUARRY_OK;
	if (xc_doc_add_value(doc, QY_SLOT_MEANING, task.rows, (1 + k) * QY_ENCODER_DIMS, &xe) != XC_OK)
		rc = qy_err_from_xc(err, &xe, "sentence vectors");
	free(task.rows);
	return rc;
}
