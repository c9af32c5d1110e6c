/* fuzz_reader.c - libFuzzer target: the article reader (gzip, plain text, JSON Lines) on one file. */
#define _GNU_SOURCE   /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "indexer/reader.h"

/* The input as a file the reader can open by name, kept in memory. */
static int input_fd = -1;
static char input_path[64];

static void write_input(const uint8_t *data, size_t size)
{
	if (input_fd < 0) {
		input_fd = memfd_create("fuzz_reader", 0);
		if (input_fd < 0)
			abort();
		snprintf(input_path, sizeof input_path, "/proc/self/fd/%d", input_fd);
	}
	if (ftruncate(input_fd, 0) != 0)
		abort();
	for (size_t done = 0; done < size;) {
		ssize_t n = pwrite(input_fd, data + done, size - done, (off_t)done);
		if (n <= 0)
			abort();
		done += (size_t)n;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	qy_reader *r;
	qy_err err = QY_ERR_INIT;

	write_input(data, size);
	if (qy_reader_open(&r, input_path, &err) != QUARRY_OK)
		abort();
	/* Every call either consumes a line or ends the file, so the number of
	 * calls is bounded by the bytes read; more means the reader spins. */
	for (unsigned long long calls = 0;; calls++) {
		qy_article a;
		int rc = qy_reader_next(r, &a, &err);
		if (rc == QUARRY_DONE)
			break;
		if (calls > qy_reader_bytes(r) + 2)
			abort();
		if (rc == QUARRY_OK) {
			if (!a.id || !a.title || !a.body || strlen(a.body) > a.body_len)
				abort();
			qy_article_free(&a);
		} else if (rc > 0 || !err.msg[0]) {
			abort();
		}
	}
	qy_reader_free(r);
	return 0;
}
