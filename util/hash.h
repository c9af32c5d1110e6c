/*
 * hash.h - 64-bit FNV-1a hashing and a set of strings.
 *
 * FNV-1a is not cryptographic; it detects changed article content, where
 * a collision costs at worst one skipped re-index of a changed article.
 */
#ifndef QY_HASH_H
#define QY_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline uint64_t qy_hash_init(void) { return 0xcbf29ce484222325ULL; }

static inline uint64_t qy_hash_update(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* An open-addressing set of owned, NUL-terminated strings. */
typedef struct qy_strset {
	char **slots;     /* cap slots, NULL when empty */
	size_t cap;       /* a power of two, or 0 */
	size_t count;
} qy_strset;

#define QY_STRSET_INIT { NULL, 0, 0 }

/* Adds a copy of s; returns true when it was not there yet. */
bool qy_strset_add(qy_strset *set, const char *s);
bool qy_strset_contains(const qy_strset *set, const char *s);
void qy_strset_free(qy_strset *set);

#endif
