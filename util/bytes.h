/*
 * bytes.h - reading the little-endian integers of quarry's binary data
 * files (data/stem_vectors.bin, data/sentence_encoder.bin), whatever the
 * host's byte order.
 */
#ifndef QY_BYTES_H
#define QY_BYTES_H

#include <stdint.h>

static inline uint32_t qy_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#endif
