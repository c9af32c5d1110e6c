/* stemmer.c - English Snowball stemming and the stopword list. */
#include "stemmer.h"

#include "tokenizer.h"

#include <libstemmer.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

/* Snowball costs about 0.4 us a word, most of a tokenize+stem pass; word
 * frequencies are Zipfian, so a small direct-mapped cache of recent words
 * answers most calls. */
#define CACHE_SLOTS 8192      /* a power of two */
#define CACHE_WORD_MAX 23     /* longer words bypass the cache */

typedef struct cache_slot {
	unsigned char word_len;        /* 0: empty */
	unsigned char stem_len;
	char word[CACHE_WORD_MAX];
	char stem[CACHE_WORD_MAX];
} cache_slot;

struct qy_stemmer {
	struct sb_stemmer *sb;
	cache_slot *cache;             /* CACHE_SLOTS entries */
};

qy_stemmer *qy_stemmer_new(void)
{
	struct sb_stemmer *sb = sb_stemmer_new("english", NULL);
	qy_stemmer *st;

	if (!sb)
		return NULL;
	st = qy_malloc(sizeof *st);
	st->sb = sb;
	st->cache = qy_calloc(CACHE_SLOTS, sizeof *st->cache);
	return st;
}

void qy_stemmer_free(qy_stemmer *st)
{
	if (!st)
		return;
	sb_stemmer_delete(st->sb);
	free(st->cache);
	free(st);
}

static bool has_digit(const char *word, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (word[i] >= '0' && word[i] <= '9')
			return true;
	return false;
}

static size_t hash(const char *word, size_t len)
{
	uint32_t h = 2166136261u;   /* FNV-1a */

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)word[i]) * 16777619u;
	return h & (CACHE_SLOTS - 1);
}

const char *qy_stem(qy_stemmer *st, const char *word, size_t len, size_t *out_len)
{
	cache_slot *slot = NULL;
	const sb_symbol *r;
	size_t n;

	/* Snowball would strip "s" from "1990s" or "f16s"; numbers are kept
	 * as written.  (Non-ASCII digits are rare enough to stem.) */
	if (len == 0 || has_digit(word, len) || len > (size_t)INT_MAX) {
		*out_len = len;
		return word;
	}
	if (len <= CACHE_WORD_MAX) {
		slot = &st->cache[hash(word, len)];
		if (slot->word_len == len && memcmp(slot->word, word, len) == 0) {
			*out_len = slot->stem_len;
			return slot->stem;
		}
	}
	r = sb_stemmer_stem(st->sb, (const sb_symbol *)word, (int)len);
	if (!r) {
		/* Only on allocation failure inside libstemmer. */
		qy_oom();
	}
	n = (size_t)sb_stemmer_length(st->sb);
	if (slot && n <= CACHE_WORD_MAX) {
		slot->word_len = (unsigned char)len;
		slot->stem_len = (unsigned char)n;
		memcpy(slot->word, word, len);
		memcpy(slot->stem, r, n);
	}
	*out_len = n;
	return (const char *)r;
}

/* Kept sorted for the reader; the lookup is hashed. */
static const char *const stopwords[] = {
	"a", "about", "above", "after", "against", "all", "also", "am", "an",
	"and", "any", "are", "as", "at", "be", "because", "been", "before",
	"being", "below", "between", "both", "but", "by", "can", "could",
	"did", "do", "does", "doing", "during", "each", "either", "for", "from",
	"had", "has", "have", "having", "he", "her", "here", "hers", "herself",
	"him", "himself", "his", "how", "i", "if", "in", "into", "is", "it",
	"it's", "its", "itself", "may", "me", "might", "must", "my", "myself",
	"neither", "nor", "of", "on", "onto", "or", "our", "ours", "ourselves",
	"shall", "she", "should", "so", "than", "that", "the", "their",
	"theirs", "them", "themselves", "then", "there", "these", "they",
	"this", "those", "through", "to", "toward", "towards", "upon", "us",
	"via", "was", "we", "were", "what", "when", "where", "whether",
	"which", "while", "who", "whom", "whose", "why", "will", "with",
	"within", "would", "you", "your", "yours", "yourself", "yourselves",
};

#define N_STOPWORDS (sizeof stopwords / sizeof stopwords[0])

/* An open-addressing hash set over a list of words, built once: a binary
 * search mispredicts its way through seven probes for every token.  Two
 * are kept: the stopwords, and their stems for code that sees index terms
 * rather than words ("because" is indexed as "becaus"). */
#define STOP_SLOTS 512   /* a power of two, over 4x the word count */
#define STOP_STEM_MAX 16 /* longer than the longest stopword's stem */

typedef struct word_set {
	const char *words[N_STOPWORDS];
	unsigned char slots[STOP_SLOTS];   /* index + 1 into words; 0: empty */
} word_set;

static word_set stop_set, stop_stem_set;
static char stop_stems[N_STOPWORDS][STOP_STEM_MAX];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;
static pthread_once_t stop_stem_once = PTHREAD_ONCE_INIT;

static size_t stop_hash(const char *word, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)word[i]) * 16777619u;
	return (h ^ (h >> 15)) & (STOP_SLOTS - 1);
}

static void set_add(word_set *set, size_t i, const char *word)
{
	size_t h = stop_hash(word, strlen(word));

	while (set->slots[h])
		h = (h + 1) & (STOP_SLOTS - 1);
	set->words[i] = word;
	set->slots[h] = (unsigned char)(i + 1);
}

static bool set_has(const word_set *set, const char *word, size_t len)
{
	for (size_t h = stop_hash(word, len); set->slots[h]; h = (h + 1) & (STOP_SLOTS - 1)) {
		const char *w = set->words[set->slots[h] - 1];
		if (strncmp(w, word, len) == 0 && w[len] == '\0')
			return true;
	}
	return false;
}

static void build_stop_set(void)
{
	for (size_t i = 0; i < N_STOPWORDS; i++)
		set_add(&stop_set, i, stopwords[i]);
}

/* With a stemmer of its own: this runs once, from any thread. */
static void build_stop_stem_set(void)
{
	struct sb_stemmer *sb = sb_stemmer_new("english", NULL);

	for (size_t i = 0; sb && i < N_STOPWORDS; i++) {
		const sb_symbol *r = sb_stemmer_stem(sb, (const sb_symbol *)stopwords[i],
						     (int)strlen(stopwords[i]));
		size_t n = r ? (size_t)sb_stemmer_length(sb) : 0;
		if (n && n < STOP_STEM_MAX) {
			memcpy(stop_stems[i], r, n);
			set_add(&stop_stem_set, i, stop_stems[i]);
		}
	}
	sb_stemmer_delete(sb);
}

bool qy_is_stopword_stem(const char *stem, size_t len)
{
	if (len == 0 || len >= STOP_STEM_MAX)
		return false;
	pthread_once(&stop_stem_once, build_stop_stem_set);
	return set_has(&stop_stem_set, stem, len);
}

bool qy_is_stopword(const char *word, size_t len)
{
	if (len == 0 || len > 10)   /* "yourselves" is the longest */
		return false;
	pthread_once(&stop_once, build_stop_set);
	return set_has(&stop_set, word, len);
}

int qy_stem_each(qy_stemmer *st, const char *text, size_t len, qy_stem_fn fn, void *payload)
{
	qy_tokenizer tz;
	qy_token tok;
	unsigned index = 0;

	qy_tokenizer_init(&tz, text, len);
	for (; qy_tokenizer_next(&tz, &tok); index++) {
		if (tok.flags & QY_TOK_TOO_LONG)
			continue;
		size_t slen;
		const char *stem = qy_stem(st, tok.text, tok.len, &slen);
		if (slen == 0)
			continue;
		int rc = fn(&tok, index, stem, slen, payload);
		if (rc)
			return rc;
	}
	return 0;
}
