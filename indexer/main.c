/* main.c - quarry-index: build or update the passage index from files. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "quarry.h"

/* docs/quarry-index.md: 0 all indexed, 1 some input skipped, 2 failure. */
enum { EXIT_ALL = 0, EXIT_PARTIAL = 1, EXIT_TROUBLE = 2 };

typedef struct options {
	const char *index;
	int prune;
	int quiet;
	int progress;          /* -1 auto (stderr is a terminal) */
	quarry_index_options ix;
} options;

typedef struct run {
	const options *o;
	struct timespec started;
	struct timespec last_progress;
} run;

static void usage(FILE *f)
{
	fputs("usage: quarry-index [--index DIR] [options] PATH...\n"
	      "Adds articles to the passage index: files, directories (recursively) or -\n"
	      "for standard input; plain text, JSON Lines, or gzip of either.\n\n"
	      "  -i, --index DIR        index to write (default: $QUARRY_INDEX, else\n"
	      "                         $XDG_DATA_HOME/quarry/index or ~/.local/share/quarry/index)\n"
	      "      --prune            delete indexed articles not found in this run's input\n"
	      "      --wait             wait for another quarry-index to finish instead of failing\n"
	      "      --compact          at the end, rewrite the index compacted (about a fifth\n"
	      "                         smaller) and swap it in atomically\n"
	      "      --sentence-vectors store each passage's and sentence's meaning vector, for\n"
	      "                         queries of four words or more (slower indexing; the index\n"
	      "                         then keeps them in later runs; docs/ranking.md)\n"
	      "      --commit-every N   commit after every N changed articles (default 2000)\n"
	      "      --shard K/N        index only shard K (0..N-1) of N: the articles whose id\n"
	      "                         hashes to K; --prune then keeps only this shard's articles\n"
	      "      --progress         show progress on stderr (default: when it is a terminal)\n"
	      "  -q, --quiet            no summary line\n"
	      "  -h, --help             this help\n"
	      "  -V, --version          print the version\n\n"
	      "Unchanged articles are skipped, changed ones replaced. Bad records are reported\n"
	      "on stderr with file and line and skipped; everything else is indexed.\n"
	      "Exit status: 0 all input indexed, 1 some input skipped, 2 error.\n", f);
}

/* "K/N" with 0 <= K < N; both plain decimal numbers. */
static int parse_shard(const char *arg, quarry_index_options *ix)
{
	char *end;
	unsigned long k, n;
	if (arg[0] < '0' || arg[0] > '9')
		return -1;
	errno = 0;
	k = strtoul(arg, &end, 10);
	if (errno || *end != '/' || end[1] < '0' || end[1] > '9')
		return -1;
	n = strtoul(end + 1, &end, 10);
	if (errno || *end || n == 0 || k >= n || n > UINT_MAX)
		return -1;
	ix->shard_index = (unsigned)k;
	ix->shard_count = (unsigned)n;
	return 0;
}

static int parse_args(int argc, char **argv, options *o)
{
	static const struct option longopts[] = {
		{ "index", required_argument, NULL, 'i' }, { "prune", no_argument, NULL, 'P' },
		{ "wait", no_argument, NULL, 'w' }, { "compact", no_argument, NULL, 'C' }, { "commit-every", required_argument, NULL, 'c' },
		{ "progress", no_argument, NULL, 'p' }, { "quiet", no_argument, NULL, 'q' },
		{ "shard", required_argument, NULL, 's' },
		{ "sentence-vectors", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' }, { "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	char *end;
	while ((c = getopt_long(argc, argv, "i:qhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': o->index = optarg; break;
		case 'P': o->prune = 1; break;
		case 'w': o->ix.wait_for_lock = 1; break;
		case 'C': o->ix.compact = 1; break;
		case 'S': o->ix.sentence_vectors = 1; break;
		case 'c':
			errno = 0;
			unsigned long every = strtoul(optarg, &end, 10);
			o->ix.commit_every = (unsigned)every;
			if (errno || *end || every == 0 || every > 10000000 || optarg[0] == '-') {
				fprintf(stderr, "quarry-index: --commit-every '%s' is not a positive number\n", optarg);
				return -1;
			}
			break;
		case 's':
			if (parse_shard(optarg, &o->ix) != 0) {
				fprintf(stderr, "quarry-index: --shard '%s' is not K/N with 0 <= K < N\n", optarg);
				return -1;
			}
			break;
		case 'p': o->progress = 1; break;
		case 'q': o->quiet = 1; break;
		case 'h': usage(stdout); exit(EXIT_ALL);
		case 'V': printf("quarry-index %s\n", QUARRY_VERSION); exit(EXIT_ALL);
		default: usage(stderr); return -1;
		}
	}
	return 0;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void on_warning(const quarry_error *w, void *payload)
{
	(void)payload;
	fprintf(stderr, "\rquarry-index: %s\n", quarry_error_message(w));
}

static void on_progress(uint64_t articles, uint64_t bytes, void *payload)
{
	run *r = payload;
	if (!r->o->progress || seconds_since(&r->last_progress) < 0.25)
		return;
	clock_gettime(CLOCK_MONOTONIC, &r->last_progress);
	double secs = seconds_since(&r->started);
	fprintf(stderr, "\r%llu articles, %.1f MB, %.0f articles/s ", (unsigned long long)articles,
		(double)bytes / 1e6, secs > 0 ? (double)articles / secs : 0.0);
}

static void print_summary(const quarry_index_stats *st, double secs)
{
	printf("quarry-index: %llu articles added, %llu replaced, %llu unchanged, %llu pruned, "
	       "%llu rejected; %llu passages; %.1f MB in %.2f s\n",
	       (unsigned long long)st->articles_added, (unsigned long long)st->articles_replaced,
	       (unsigned long long)st->articles_unchanged, (unsigned long long)st->articles_pruned,
	       (unsigned long long)st->records_rejected, (unsigned long long)st->passages,
	       (double)st->bytes_read / 1e6, secs);
}

/* Creates the default index's parent directories (Xapian makes only the last). */
static void make_parents(const char *path)
{
	char buf[PATH_MAX];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(buf, 0777);
		*p = '/';
	}
}

int main(int argc, char **argv)
{
	options o = { NULL, 0, 0, -1, QUARRY_INDEX_OPTIONS_INIT };
	char default_index[PATH_MAX];
	quarry_error *err = NULL;
	quarry_indexer *ix = NULL;
	run r = { &o, { 0, 0 }, { 0, 0 } };

	if (parse_args(argc, argv, &o) != 0)
		return EXIT_TROUBLE;
	if (optind >= argc) {
		fputs("quarry-index: no PATH given (use - for standard input; try --help)\n", stderr);
		return EXIT_TROUBLE;
	}
	if (!o.index) {
		if (quarry_default_index_path(default_index, sizeof default_index) != QUARRY_OK) {
			fputs("quarry-index: no --index given and no HOME for the default index\n", stderr);
			return EXIT_TROUBLE;
		}
		o.index = default_index;
		make_parents(o.index);
	}
	if (o.progress < 0)
		o.progress = isatty(STDERR_FILENO);
	o.ix.on_warning = on_warning;
	o.ix.on_progress = on_progress;
	o.ix.payload = &r;
	clock_gettime(CLOCK_MONOTONIC, &r.started);
	r.last_progress = r.started;

	if (quarry_indexer_open(&ix, o.index, &o.ix, &err) != QUARRY_OK) {
		fprintf(stderr, "quarry-index: %s\n", quarry_error_message(err));
		quarry_error_free(err);
		return EXIT_TROUBLE;
	}
	int status = EXIT_ALL, paths_read = 0;
	for (int i = optind; i < argc && status != EXIT_TROUBLE; i++) {
		if (quarry_indexer_add_path(ix, argv[i], &err) == QUARRY_OK) {
			paths_read++;
			continue;
		}
		fprintf(stderr, "%squarry-index: %s\n", o.progress ? "\r" : "", quarry_error_message(err));
		/* A path that cannot be read is skipped like a bad record;
		 * a failing index is fatal. */
		int st = quarry_error_status(err);
		status = st == QUARRY_ENOTFOUND || st == QUARRY_EIO ? EXIT_PARTIAL : EXIT_TROUBLE;
		quarry_error_free(err);
		err = NULL;
	}
	if (paths_read == 0)
		status = EXIT_TROUBLE;      /* nothing at all could be read */
	/* Pruning after a failed path would delete what that path holds. */
	if (o.prune && status != EXIT_TROUBLE &&
	    (status != EXIT_ALL || quarry_indexer_stats(ix)->records_rejected)) {
		fputs("quarry-index: --prune skipped: some input could not be read, and pruning "
		      "would delete what it holds\n", stderr);
	} else if (status == EXIT_ALL && o.prune && quarry_indexer_prune_unseen(ix, &err) != QUARRY_OK)
		status = EXIT_TROUBLE;
	quarry_index_stats stats = *quarry_indexer_stats(ix);
	if (status == EXIT_TROUBLE) {
		quarry_indexer_abort(ix);    /* the last commit stays as it was */
	} else if (quarry_indexer_close(ix, &err) != QUARRY_OK) {
		status = EXIT_TROUBLE;
	}
	if (err)
		fprintf(stderr, "quarry-index: %s\n", quarry_error_message(err));
	if (o.progress)
		fputs("\r\033[K", stderr);
	if (status == EXIT_ALL && stats.records_rejected)
		status = EXIT_PARTIAL;
	if (!o.quiet)
		print_summary(&stats, seconds_since(&r.started));
	quarry_error_free(err);
	return status;
}
