/*
 * gazetteer_cache.h - the in-memory layout of a gazetteer, shared by
 * gazetteer.c (which builds it from the TSV files of data/) and gazetteer_cache.c
 * (which saves it as a binary snapshot and loads it back).
 *
 * Parsing the TSV files costs ~70 ms, mostly tokenizing 300k aliases; a
 * snapshot named by a fingerprint of the files' contents loads in a few
 * ms.  The snapshot lives in a cache directory: $QUARRY_CACHE, else
 * $XDG_CACHE_HOME/quarry, else $HOME/.cache/quarry; QUARRY_CACHE=off
 * disables it.  Every failure of the cache (no directory, unwritable,
 * corrupt or foreign file) silently falls back to parsing.
 *
 * Internal to analysis/: nothing outside gazetteer*.c should include it.
 */
#ifndef QY_GAZETTEER_CACHE_H
#define QY_GAZETTEER_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"
#include "gazetteer.h"

#define QY_GZ_FILES 5

/* One edge of the trie: (parent, token) -> child.  Saved as is in the
 * snapshot, so it must keep a fixed 24-byte layout without padding. */
typedef struct qy_gz_edge {
	uint64_t hash;        /* of parent and label; 0 marks an empty slot */
	uint32_t parent;
	uint32_t child;
	uint32_t label;       /* offset of the token in labels */
	uint32_t label_len;
} qy_gz_edge;

/* A candidate before the per-node arrays are built. */
typedef struct qy_gz_node_cand {
	uint32_t node;
	qy_gz_cand cand;
} qy_gz_node_cand;

struct qy_gazetteer {
	char *files[QY_GZ_FILES];  /* TSV contents; entity strings point into them */
	void *image;               /* the snapshot read into memory, or NULL: when set, the
				    * arrays below except ents point into it */
	size_t image_len;
	qy_gz_entity *ents;        /* entities of all types */
	size_t n_ents, cap_ents;
	uint32_t *id_slots;        /* (type, id) -> entity index + 1 */
	size_t id_cap;
	qy_gz_edge *edges;         /* open addressing, edge_cap a power of two */
	size_t edge_cap, n_edges;
	uint32_t n_nodes;          /* node 0 is the root */
	qy_buf labels;             /* edge labels, NUL-separated */
	qy_gz_node_cand *pending;  /* candidates as loaded */
	size_t n_pending, cap_pending;
	uint32_t *cand_start;      /* per node: first index into cands (n_nodes + 2) */
	qy_gz_cand *cands;
	size_t n_cands;
	uint64_t data_hash;        /* of the TSV contents alone (qy_gazetteer_data_hash) */
};

/* A fast 64-bit hash (8 bytes per step, four independent lanes), for
 * fingerprints and checksums of megabytes; not cryptographic. */
uint64_t qy_gz_hash64(const void *data, size_t len, uint64_t seed);

/* The fingerprint that names a snapshot: data_hash (the files' contents,
 * qy_gazetteer_data_hash), the snapshot format version, the byte order
 * and struct sizes, code_stamp (which changes whenever the parsing code is
 * rebuilt) and a probe of the tokenizer's folding (which shapes every trie
 * key). */
uint64_t qy_gz_fingerprint(uint64_t data_hash, const char *code_stamp);

/* The cache directory into *dir; returns 0 when caching is off or no
 * directory is configured. */
int qy_gz_cache_dir(qy_buf *dir);

/* Loads the snapshot named by fp from dir into a new gazetteer, or
 * returns NULL when there is none or it is not entirely valid. */
qy_gazetteer *qy_gz_snapshot_load(const char *dir, uint64_t fp);

/* Unmaps g->image (for qy_gazetteer_free). */
void qy_gz_snapshot_unmap(qy_gazetteer *g);

/* Saves g (fully built) as the snapshot named by fp in dir, creating dir
 * if needed; errors are ignored (the cache is an optimisation).  Writers
 * use a private temp file and rename it, so concurrent saves are safe. */
void qy_gz_snapshot_save(const qy_gazetteer *g, const char *dir, uint64_t fp);

#endif
