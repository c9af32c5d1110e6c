/* gazetteer_cache.c - binary snapshots of a loaded gazetteer, so loading costs one read. */
#include "gazetteer_cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tokenizer.h"

/*
 * Snapshot file layout.  Native byte order and alignment (the fingerprint
 * covers both, so a foreign snapshot is never even opened); every section
 * offset is from the start of the file and a multiple of 8:
 *
 *   header      struct snap_header: magic "QYGZSNAP", SNAP_VERSION, the
 *               fingerprint, the file length, a qy_gz_hash64 checksum of
 *               every byte after the header, counts, and the offset and
 *               length of each section below
 *   strings     entity strings, NUL-terminated and deduplicated
 *   ents        n_ents x struct snap_ent: offsets into strings
 *               (SNAP_NONE for NULL), type, rank, frontline
 *   id_slots    id_cap x uint32_t      } exactly the arrays of struct
 *   edges       edge_cap x qy_gz_edge  } qy_gazetteer, used in place
 *   labels      NUL-separated edge labels } after validation
 *   cand_start  (n_nodes + 2) x uint32_t  }
 *   cands       n_cands x qy_gz_cand      }
 *
 * Loading reads the file in one piece, checks the header and checksum,
 * then checks every offset, index and length against the sizes (so even
 * a crafted file that passes the checksum cannot make a lookup read out
 * of bounds or probe forever), and only builds the entity array.
 *
 * Bump SNAP_VERSION when this layout or the meaning of any saved field
 * changes.  Changes to the parsing code are caught by the code stamp and
 * the tokenizer probe in the fingerprint.
 */
#define SNAP_VERSION 2   /* 2: place ranks renumbered for rivers and sites */
#define SNAP_NONE UINT32_MAX
#define SNAP_MAX_BYTES (1u << 30)
#define SNAP_KEEP 8                 /* snapshots kept per cache directory */
#define TMP_MAX_AGE (60 * 60)       /* seconds before a stray temp file is removed */

enum { SEC_STRINGS, SEC_ENTS, SEC_ID_SLOTS, SEC_EDGES, SEC_LABELS, SEC_CAND_START,
       SEC_CANDS, N_SECS };

typedef struct snap_header {
	char magic[8];           /* "QYGZSNAP" */
	uint32_t version;        /* SNAP_VERSION */
	uint32_t header_size;    /* sizeof(snap_header) */
	uint64_t fingerprint;    /* also in the file name */
	uint64_t total_len;      /* the file's length */
	uint64_t checksum;       /* qy_gz_hash64 of bytes [header_size, total_len) */
	uint64_t n_ents, id_cap, edge_cap, n_edges, n_nodes, n_cands;
	struct { uint64_t off, len; } sec[N_SECS];
} snap_header;

typedef struct snap_ent {
	uint32_t str[5];         /* id, name, side, ptype, oblast */
	uint8_t type, rank, frontline, pad;
} snap_ent;

_Static_assert(sizeof(qy_gz_edge) == 24, "qy_gz_edge is saved as is");
_Static_assert(sizeof(qy_gz_cand) == 8, "qy_gz_cand is saved as is");
_Static_assert(sizeof(snap_ent) == 24, "snap_ent has no padding");
_Static_assert(sizeof(snap_header) % 8 == 0, "sections follow the header aligned");

/* ---- hashing --------------------------------------------------------------- */

/* XXH64's structure: four lanes of 8-byte words, ~10 GB/s, so the 4 MB of
 * data/ costs well under a millisecond (FNV-1a would cost ~4 ms). */
#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static inline uint64_t rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t load64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t round64(uint64_t acc, uint64_t w)
{
	return rotl64(acc + w * P2, 31) * P1;
}

static inline uint64_t merge64(uint64_t h, uint64_t v)
{
	return (h ^ round64(0, v)) * P1 + P4;
}

uint64_t qy_gz_hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data, *end = p + len;
	uint64_t h;

	if (len >= 32) {
		uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
		for (; end - p >= 32; p += 32) {
			v1 = round64(v1, load64(p));
			v2 = round64(v2, load64(p + 8));
			v3 = round64(v3, load64(p + 16));
			v4 = round64(v4, load64(p + 24));
		}
		h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
		h = merge64(merge64(merge64(merge64(h, v1), v2), v3), v4);
	} else {
		h = seed + P5;
	}
	h += len;
	for (; end - p >= 8; p += 8)
		h = rotl64(h ^ round64(0, load64(p)), 27) * P1 + P4;
	if (end - p >= 4) {
		uint32_t w;
		memcpy(&w, p, 4);
		h = rotl64(h ^ (uint64_t)w * P1, 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++)
		h = rotl64(h ^ *p * P5, 11) * P1;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	return h ^ (h >> 32);
}

/* Hashes how the tokenizer folds a text exercising case, NFC, apostrophes,
 * hyphens, Cyrillic, full-width forms and over-long tokens: a change to
 * tokenizer.c changes the trie keys, so it must change the fingerprint. */
static uint64_t tokenizer_probe(uint64_t h)
{
	static const char probe[] =
		"The Kremlin\xe2\x80\x99s LPR-backed forces shelled \xd0\x9b\xd0\xb8\xd1\x81"
		"\xd0\xb8\xd1\x87\xd0\xb0\xd0\xbd\xd1\x81\xd1\x8c\xd0\xba and Sievierodonetsk; "
		"Zelenskyy's CAF\xc3\x89 Cafe\xcc\x81 na\xc3\xafve \xef\xbc\xa6\xef\xbd\x95ll "
		"Kyiv/\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2 2022-07-03 U.S. O'Brien \xc5\x81\xc3\x93"
		"D\xc5\xb9 Stra\xc3\x9f" "e \xc4\xb0stanbul pro\xe2\x80\x90Russian #5 "
		"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	qy_tokenizer t;
	qy_token tok;

	qy_tokenizer_init(&t, probe, sizeof probe - 1);
	while (qy_tokenizer_next(&t, &tok)) {
		uint64_t meta[4] = { tok.start, tok.end, tok.flags, tok.len };
		h = qy_gz_hash64(meta, sizeof meta, h);
		h = qy_gz_hash64(tok.text, tok.len, h);
	}
	return h;
}

uint64_t qy_gz_fingerprint(uint64_t data_hash, const char *code_stamp)
{
	const uint32_t layout[] = {
		0x01020304,  /* hashed as bytes: the byte order */
		SNAP_VERSION, (uint32_t)sizeof(qy_gz_edge), (uint32_t)sizeof(qy_gz_cand),
		(uint32_t)sizeof(snap_ent), (uint32_t)sizeof(snap_header), QY_TOKEN_MAX,
	};
	uint64_t h = qy_gz_hash64(layout, sizeof layout, 0);

	h = qy_gz_hash64(&data_hash, sizeof data_hash, h);
	h = qy_gz_hash64(code_stamp, strlen(code_stamp), h);
	return tokenizer_probe(h);
}

/* ---- the cache directory ----------------------------------------------------- */

int qy_gz_cache_dir(qy_buf *dir)
{
	const char *env = getenv("QUARRY_CACHE");
	const char *home = getenv("HOME");

	qy_buf_clear(dir);
	if (env && *env) {
		if (strcmp(env, "off") == 0)
			return 0;
		qy_buf_puts(dir, env);
		return 1;
	}
	env = getenv("XDG_CACHE_HOME");
	if (env && env[0] == '/') {   /* the XDG spec says to ignore a relative one */
		qy_buf_printf(dir, "%s/quarry", env);
		return 1;
	}
	if (home && home[0] == '/') {
		qy_buf_printf(dir, "%s/.cache/quarry", home);
		return 1;
	}
	return 0;
}

static void snap_path(qy_buf *path, const char *dir, uint64_t fp, const char *suffix)
{
	qy_buf_clear(path);
	qy_buf_printf(path, "%s/gazetteer-%016llx%s", dir, (unsigned long long)fp, suffix);
}

/* ---- loading ----------------------------------------------------------------- */

/* Whether section i holds exactly count items of size bytes. */
static int sec_holds(const snap_header *h, int i, uint64_t count, size_t size)
{
	return count <= h->total_len / size && h->sec[i].len == count * size;
}

static int ends_in_nul(const snap_header *h, const char *img, int i)
{
	return h->sec[i].len && img[h->sec[i].off + h->sec[i].len - 1] == '\0';
}

static int header_ok(const snap_header *h, const char *img, size_t size, uint64_t fp)
{
	if (memcmp(h->magic, "QYGZSNAP", 8) != 0 || h->version != SNAP_VERSION ||
	    h->header_size != sizeof *h || h->fingerprint != fp || h->total_len != size)
		return 0;
	for (int i = 0; i < N_SECS; i++)
		if (h->sec[i].off % 8 || h->sec[i].off < sizeof *h || h->sec[i].off > size ||
		    h->sec[i].len > size - h->sec[i].off)
			return 0;
	if (h->n_ents >= SNAP_NONE || h->n_nodes >= UINT32_MAX - 2 ||
	    (h->id_cap & (h->id_cap - 1)) || (h->edge_cap & (h->edge_cap - 1)))
		return 0;
	if (!sec_holds(h, SEC_ENTS, h->n_ents, sizeof(snap_ent)) ||
	    !sec_holds(h, SEC_ID_SLOTS, h->id_cap, sizeof(uint32_t)) ||
	    !sec_holds(h, SEC_EDGES, h->edge_cap, sizeof(qy_gz_edge)) ||
	    !sec_holds(h, SEC_CAND_START, h->n_nodes + 2, sizeof(uint32_t)) ||
	    !sec_holds(h, SEC_CANDS, h->n_cands, sizeof(qy_gz_cand)))
		return 0;
	/* Every string and label must end inside its section. */
	if (!ends_in_nul(h, img, SEC_STRINGS) || !ends_in_nul(h, img, SEC_LABELS))
		return 0;
	return qy_gz_hash64(img + sizeof *h, size - sizeof *h, fp) == h->checksum;
}

/* Checks that every index in the arrays is in range and that both hash
 * tables have an empty slot to end a probe. */
static int arrays_ok(const snap_header *h, const char *img)
{
	const uint32_t *slots = (const uint32_t *)(img + h->sec[SEC_ID_SLOTS].off);
	const qy_gz_edge *edges = (const qy_gz_edge *)(img + h->sec[SEC_EDGES].off);
	const uint32_t *start = (const uint32_t *)(img + h->sec[SEC_CAND_START].off);
	const qy_gz_cand *cands = (const qy_gz_cand *)(img + h->sec[SEC_CANDS].off);
	uint64_t labels_len = h->sec[SEC_LABELS].len, empty = 0, used = 0;

	for (uint64_t i = 0; i < h->id_cap; i++) {
		if (slots[i] > h->n_ents)
			return 0;
		empty += !slots[i];
	}
	if (h->id_cap && !empty)
		return 0;
	for (uint64_t i = 0; i < h->edge_cap; i++) {
		const qy_gz_edge *e = &edges[i];
		if (!e->hash)
			continue;
		used++;
		if (e->parent > h->n_nodes || !e->child || e->child > h->n_nodes ||
		    e->label_len >= labels_len || e->label >= labels_len - e->label_len)
			return 0;
	}
	if (used != h->n_edges || (h->edge_cap && used == h->edge_cap))
		return 0;
	for (uint64_t i = 0; i <= h->n_nodes + 1; i++)
		if ((i && start[i] < start[i - 1]) || start[i] > h->n_cands)
			return 0;
	for (uint64_t i = 0; i < h->n_cands; i++)
		if (cands[i].entity >= h->n_ents)
			return 0;
	return 1;
}

/* Turns string offsets into pointers; NULL when an offset is out of range. */
static qy_gz_entity *fix_entities(const snap_header *h, const char *img)
{
	const snap_ent *se = (const snap_ent *)(img + h->sec[SEC_ENTS].off);
	const char *strings = img + h->sec[SEC_STRINGS].off;
	uint64_t strings_len = h->sec[SEC_STRINGS].len;
	qy_gz_entity *ents = qy_malloc((h->n_ents + 1) * sizeof *ents);

	for (uint64_t i = 0; i < h->n_ents; i++) {
		const char *s[5];
		for (int k = 0; k < 5; k++) {
			uint32_t off = se[i].str[k];
			if (off != SNAP_NONE && off >= strings_len)
				goto bad;
			s[k] = off == SNAP_NONE ? NULL : strings + off;
		}
		if (!s[0] || !s[1] || se[i].type >= QY_ENT_NAME)
			goto bad;
		ents[i] = (qy_gz_entity){ s[0], s[1], s[2], s[3], s[4],
					  se[i].type, se[i].rank, se[i].frontline };
	}
	return ents;
bad:
	free(ents);
	return NULL;
}

static qy_gazetteer *from_image(const char *img, size_t size, uint64_t fp)
{
	snap_header h;
	qy_gz_entity *ents;

	if (size < sizeof h)
		return NULL;
	memcpy(&h, img, sizeof h);
	if (!header_ok(&h, img, size, fp) || !arrays_ok(&h, img) ||
	    !(ents = fix_entities(&h, img)))
		return NULL;

	qy_gazetteer *g = qy_calloc(1, sizeof *g);
	g->image = (char *)img;
	g->image_len = size;
	g->ents = ents;
	g->n_ents = g->cap_ents = h.n_ents;
	/* The arrays are mutable only while a gazetteer is built from TSV;
	 * once built nothing writes them, so the read-only mapping serves. */
	g->id_slots = (uint32_t *)(img + h.sec[SEC_ID_SLOTS].off);
	g->id_cap = h.id_cap;
	g->edges = (qy_gz_edge *)(img + h.sec[SEC_EDGES].off);
	g->edge_cap = h.edge_cap;
	g->n_edges = h.n_edges;
	g->n_nodes = (uint32_t)h.n_nodes;
	g->labels.data = (char *)img + h.sec[SEC_LABELS].off;
	g->labels.len = h.sec[SEC_LABELS].len;
	g->cand_start = (uint32_t *)(img + h.sec[SEC_CAND_START].off);
	g->cands = (qy_gz_cand *)(img + h.sec[SEC_CANDS].off);
	g->n_cands = h.n_cands;
	return g;
}

/* Reads the whole file into memory: a private copy cannot change under
 * the checks made on it (as a mapped file could), and a file truncated
 * later cannot fault.  Only a regular file of ours that no one else may
 * write is trusted: a shared cache directory must not let another user
 * plant a snapshot. */
static char *read_trusted(const char *path, size_t *out_len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	char *img = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	    !(st.st_mode & 022) && st.st_size >= (off_t)sizeof(snap_header) &&
	    st.st_size <= SNAP_MAX_BYTES) {
		size_t len = (size_t)st.st_size, got = 0;
		img = qy_malloc(len);
		while (got < len) {
			ssize_t n = read(fd, img + got, len - got);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got != len) {
			free(img);
			img = NULL;
		}
		*out_len = len;
	}
	close(fd);
	return img;
}

qy_gazetteer *qy_gz_snapshot_load(const char *dir, uint64_t fp)
{
	qy_buf path = QY_BUF_INIT;
	size_t len = 0;

	snap_path(&path, dir, fp, ".snap");
	char *img = read_trusted(path.data, &len);
	qy_buf_free(&path);
	if (!img)
		return NULL;
	qy_gazetteer *g = from_image(img, len, fp);
	if (!g)
		free(img);
	return g;
}

void qy_gz_snapshot_unmap(qy_gazetteer *g)
{
	free((void *)g->image);
}

/* ---- saving ------------------------------------------------------------------ */

/* Deduplicates entity strings ("village", "donetsk-oblast" repeat
 * thousands of times) into one pool. */
typedef struct interner {
	qy_buf pool;
	uint32_t *slots;      /* offset + 1, or 0 */
	size_t cap;           /* a power of two, over twice the strings */
} interner;

static uint32_t intern(interner *in, const char *s)
{
	if (!s)
		return SNAP_NONE;
	size_t len = strlen(s);
	size_t j = (size_t)qy_gz_hash64(s, len, 0) & (in->cap - 1);
	for (; in->slots[j]; j = (j + 1) & (in->cap - 1))
		if (strcmp(in->pool.data + in->slots[j] - 1, s) == 0)
			return in->slots[j] - 1;
	uint32_t off = (uint32_t)in->pool.len;
	qy_buf_append(&in->pool, s, len + 1);
	in->slots[j] = off + 1;
	return off;
}

/* Appends a section aligned to 8 bytes and records where it is. */
static void put_section(qy_buf *img, snap_header *h, int i, const void *data, size_t len)
{
	static const char zeros[8];
	qy_buf_append(img, zeros, (8 - img->len % 8) % 8);
	h->sec[i].off = img->len;
	h->sec[i].len = len;
	if (len)
		qy_buf_append(img, data, len);
}

static void build_image(const qy_gazetteer *g, uint64_t fp, qy_buf *img)
{
	snap_header h = { .version = SNAP_VERSION, .header_size = sizeof h, .fingerprint = fp,
			  .n_ents = g->n_ents, .id_cap = g->id_cap, .edge_cap = g->edge_cap,
			  .n_edges = g->n_edges, .n_nodes = g->n_nodes, .n_cands = g->n_cands };
	interner in = { QY_BUF_INIT, NULL, 1024 };
	snap_ent *se = qy_calloc(g->n_ents + 1, sizeof *se);

	memcpy(h.magic, "QYGZSNAP", 8);
	while (in.cap < g->n_ents * 10)
		in.cap *= 2;
	in.slots = qy_calloc(in.cap, sizeof *in.slots);
	intern(&in, "");   /* so the pool is never empty */
	for (size_t i = 0; i < g->n_ents; i++) {
		const qy_gz_entity *e = &g->ents[i];
		const char *s[5] = { e->id, e->name, e->side, e->ptype, e->oblast };
		for (int k = 0; k < 5; k++)
			se[i].str[k] = intern(&in, s[k]);
		se[i].type = e->type;
		se[i].rank = e->rank;
		se[i].frontline = e->frontline;
	}
	qy_buf_append(img, &h, sizeof h);
	put_section(img, &h, SEC_STRINGS, in.pool.data, in.pool.len);
	put_section(img, &h, SEC_ENTS, se, g->n_ents * sizeof *se);
	put_section(img, &h, SEC_ID_SLOTS, g->id_slots, g->id_cap * sizeof *g->id_slots);
	put_section(img, &h, SEC_EDGES, g->edges, g->edge_cap * sizeof *g->edges);
	put_section(img, &h, SEC_LABELS, qy_buf_cstr(&g->labels), g->labels.len + 1);
	put_section(img, &h, SEC_CAND_START, g->cand_start,
		    ((size_t)g->n_nodes + 2) * sizeof *g->cand_start);
	put_section(img, &h, SEC_CANDS, g->cands, g->n_cands * sizeof *g->cands);
	h.total_len = img->len;
	h.checksum = qy_gz_hash64(img->data + sizeof h, img->len - sizeof h, fp);
	memcpy(img->data, &h, sizeof h);
	free(se);
	free(in.slots);
	qy_buf_free(&in.pool);
}

/* mkdir -p, private to the user; failures show up when the file is created. */
static void make_dirs(const char *dir)
{
	char *p = qy_strdup(dir);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		mkdir(p, 0700);
		*s = '/';
	}
	mkdir(p, 0700);
	free(p);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

typedef struct snap_file {
	time_t mtime;
	char *name;
} snap_file;

static int newer_first(const void *a, const void *b)
{
	const snap_file *x = a, *y = b;
	return (x->mtime < y->mtime) - (x->mtime > y->mtime);
}

/* Keeps the SNAP_KEEP newest snapshots (each rebuild of the parsing code
 * or change of data/ names a new one) and removes stray temp files. */
static void prune(const char *dir)
{
	DIR *d = opendir(dir);
	snap_file *files = NULL;
	size_t n = 0, cap = 0;
	qy_buf path = QY_BUF_INIT;
	struct dirent *de;
	struct stat st;
	time_t now = time(NULL);

	if (!d)
		return;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (strncmp(de->d_name, "gazetteer-", 10) != 0)
			continue;
		qy_buf_clear(&path);
		qy_buf_printf(&path, "%s/%s", dir, de->d_name);
		if (lstat(path.data, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (strstr(de->d_name, ".tmp-")) {
			if (now - st.st_mtime > TMP_MAX_AGE)
				unlink(path.data);
		} else if (len > 5 && strcmp(de->d_name + len - 5, ".snap") == 0) {
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				files = qy_realloc(files, cap * sizeof *files);
			}
			files[n].mtime = st.st_mtime;
			files[n++].name = qy_strdup(de->d_name);
		}
	}
	closedir(d);
	qsort(files, n, sizeof *files, newer_first);
	for (size_t i = 0; i < n; i++) {
		if (i >= SNAP_KEEP) {
			qy_buf_clear(&path);
			qy_buf_printf(&path, "%s/%s", dir, files[i].name);
			unlink(path.data);
		}
		free(files[i].name);
	}
	free(files);
	qy_buf_free(&path);
}

void qy_gz_snapshot_save(const qy_gazetteer *g, const char *dir, uint64_t fp)
{
	qy_buf img = QY_BUF_INIT, tmp = QY_BUF_INIT, final = QY_BUF_INIT;

	build_image(g, fp, &img);
	make_dirs(dir);
	snap_path(&tmp, dir, fp, ".tmp-XXXXXX");
	snap_path(&final, dir, fp, ".snap");
	int fd = mkstemp(tmp.data);
	if (fd >= 0) {
		int ok = fchmod(fd, 0644) == 0 && write_all(fd, img.data, img.len) == 0;
		ok = close(fd) == 0 && ok;
		if (!ok || rename(tmp.data, final.data) != 0)
			unlink(tmp.data);
		else
			prune(dir);
	}
	qy_buf_free(&img);
	qy_buf_free(&tmp);
	qy_buf_free(&final);
}
