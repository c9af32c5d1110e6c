/* main.c - quarry-search: ask the passage index a question from the shell. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quarry.h"
#include "../util/buf.h"
#include "../util/json.h"
#include "../lib/api_internal.h"
#include "format.h"

/* grep's contract: scripts rely on it (docs/quarry-search.md). */
enum { EXIT_FOUND = 0, EXIT_NONE = 1, EXIT_TROUBLE = 2 };
#define MAX_HIGHLIGHTS 256
#define SNIPPET_BYTES 360
#define TIMELINE_WIDTH 80
#define FACET_PASSAGES 100

typedef struct options {
	const char *index;
	int json;
	int color;             /* -1 auto, 0 never, 1 always */
	int full;              /* print whole passages */
	int batch;             /* queries from stdin, one per line */
	int timeline;          /* draw the answer's claims over time */
	quarry_search_options search;
} options;

static void usage(FILE *f)
{
	fputs("usage: quarry-search [--index DIR] [options] QUERY...\n"
	      "Ranks the passages of the index that answer QUERY.\n\n"
	      "  -i, --index DIR        index to search (default: $QUARRY_INDEX, else\n"
	      "                         $XDG_DATA_HOME/quarry/index or ~/.local/share/quarry/index)\n"
	      "  -n, --limit N          passages to show (default 10; 0 = the default)\n"
	      "      --offset N         skip the first N passages\n"
	      "      --per-article N    at most N passages of one article (default 2; 0 = any)\n"
	      "      --since DATE       only articles dated DATE or later (YYYY[-MM[-DD]])\n"
	      "      --until DATE       only articles dated DATE or earlier\n"
	      "      --as-of DATE       answer as of DATE (YYYY-MM-DD): later claims and passages\n"
	      "                         are left out\n"
	      "      --timeline         draw the answer's claims and denials over time\n"
	      "      --no-answer        passages only, no answer block for questions\n"
	      "      --facets           the places, actors, people and organisations most\n"
	      "                         mentioned by the top 100 matching passages\n"
	      "      --json             JSON Lines: the answer and facets lines, then one object\n"
	      "                         per passage (docs/json-output.md)\n"
	      "      --full             print whole passages, not snippets\n"
	      "      --batch            read queries from stdin, one per line; JSON Lines out,\n"
	      "                         each line with \"query\": its 0-based input line\n"
	      "      --color WHEN       highlight matches: auto, always, never (default auto)\n"
	      "  -h, --help             this help\n"
	      "  -V, --version          print the version\n\n"
	      "Query language: words (ranked by BM25), \"exact phrases\", AND, OR, NOT,\n"
	      "+required, -excluded, (groups), title:, source:, place:, actor:, person:, org:,\n"
	      "article:. A query starting with '-' goes after --.\n"
	      "Exit status: 0 passages found, 1 none found, 2 error.\n", f);
}

static int parse_count(const char *arg, const char *name, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(arg, &end, 10);
	if (errno || *end || end == arg || v > 100000 || arg[0] == '-') {
		fprintf(stderr, "quarry-search: %s '%s' is not a number from 0 to 100000\n", name, arg);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

static int parse_args(int argc, char **argv, options *o)
{
	static const struct option longopts[] = {
		{ "index", required_argument, NULL, 'i' }, { "limit", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, 'o' }, { "per-article", required_argument, NULL, 'p' },
		{ "since", required_argument, NULL, 's' }, { "until", required_argument, NULL, 'u' },
		{ "json", no_argument, NULL, 'j' }, { "full", no_argument, NULL, 'f' },
		{ "batch", no_argument, NULL, 'b' },
		{ "as-of", required_argument, NULL, 'a' }, { "timeline", no_argument, NULL, 't' },
		{ "no-answer", no_argument, NULL, 'N' },
		{ "facets", no_argument, NULL, 'F' },
		{ "color", required_argument, NULL, 'c' }, { "colour", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' }, { "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "i:n:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': o->index = optarg; break;
		case 'n': if (parse_count(optarg, "--limit", &o->search.limit)) return -1; break;
		case 'o': if (parse_count(optarg, "--offset", &o->search.offset)) return -1; break;
		case 'p': if (parse_count(optarg, "--per-article", &o->search.per_article)) return -1; break;
		case 's': o->search.since = optarg; break;
		case 'u': o->search.until = optarg; break;
		case 'j': o->json = 1; break;
		case 'f': o->full = 1; break;
		case 'b': o->batch = 1; o->json = 1; break;
		case 'a': o->search.as_of = optarg; break;
		case 't': o->timeline = 1; break;
		case 'N': o->search.answer = 0; break;
		case 'F': o->search.facets = FACET_PASSAGES; break;
		case 'c':
			if (!strcmp(optarg, "always")) o->color = 1;
			else if (!strcmp(optarg, "never")) o->color = 0;
			else if (!strcmp(optarg, "auto")) o->color = -1;
			else { fprintf(stderr, "quarry-search: --color takes auto, always or never\n"); return -1; }
			break;
		case 'h': usage(stdout); exit(EXIT_FOUND);
		case 'V': printf("quarry-search %s\n", QUARRY_VERSION); exit(EXIT_FOUND);
		default: usage(stderr); return -1;
		}
	}
	return 0;
}

static char *join_args(int argc, char **argv)
{
	qy_buf q = QY_BUF_INIT;
	for (int i = 0; i < argc; i++) {
		if (i)
			qy_buf_putc(&q, ' ');
		qy_buf_puts(&q, argv[i]);
	}
	return qy_buf_detach(&q);
}

/* The answer block comes first: the JSON line of kind "answer", or the
 * text block (and the timeline when asked for). */
static void print_answer(const quarry_searcher *s, const quarry_results *r, const options *o,
			 long query_no)
{
	const qy_answer *a = qy_results_answer(r);
	qy_buf out = QY_BUF_INIT;

	if (!a)
		return;
	if (o->json) {
		qy_answer_json(&out, a, query_no);
		qy_buf_putc(&out, '\n');
	} else {
		qy_answer_text(&out, a, qy_searcher_gazetteer(s), o->color);
		if (o->timeline)
			qy_answer_timeline(&out, a, TIMELINE_WIDTH, o->color || isatty(STDOUT_FILENO));
		qy_buf_putc(&out, '\n');
	}
	fwrite(out.data, 1, out.len, stdout);
	qy_buf_free(&out);
}

static void print_results(const quarry_searcher *s, const quarry_results *r, const options *o,
			  long query_no)
{
	size_t starts[MAX_HIGHLIGHTS], ends[MAX_HIGHLIGHTS];
	qy_text_style style = { o->color, o->full ? 0 : SNIPPET_BYTES };
	qy_buf out = QY_BUF_INIT;

	print_answer(s, r, o, query_no);
	if (o->search.facets) {
		if (o->json) {
			qy_format_facets_json(&out, r, query_no);
			qy_buf_putc(&out, '\n');
		} else {
			qy_format_facets_text(&out, r, o->color);
		}
		fwrite(out.data, 1, out.len, stdout);
	}

	for (size_t i = 0; i < quarry_results_count(r); i++) {
		size_t n = quarry_results_highlights(r, i, starts, ends, MAX_HIGHLIGHTS);
		qy_marks marks = { starts, ends, n < MAX_HIGHLIGHTS ? n : MAX_HIGHLIGHTS };
		qy_buf_clear(&out);
		if (o->json) {
			const quarry_entity *ents;
			size_t n_ents = quarry_results_entities(r, i, &ents);
			qy_format_passage_json(&out, quarry_results_get(r, i), &marks, ents, n_ents,
					       query_no);
			qy_buf_putc(&out, '\n');
		} else {
			qy_format_passage_text(&out, quarry_results_get(r, i), &marks, &style);
		}
		fwrite(out.data, 1, out.len, stdout);
	}
	qy_buf_free(&out);
}

/* --batch: one searcher, many queries; a bad query is reported on its own
 * line and the rest still run.  Exit status as for one query: 0 when any
 * query found something, 1 when none did, 2 when reading failed. */
static int run_batch(quarry_searcher *s, const options *o)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long query_no = 0;
	int found = 0;
	qy_buf out = QY_BUF_INIT;

	while ((n = getline(&line, &cap, stdin)) != -1) {
		quarry_results *r = NULL;
		quarry_error *err = NULL;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (quarry_search(&r, s, line, &o->search, &err) == QUARRY_OK) {
			print_results(s, r, o, query_no);
			found |= quarry_results_count(r) > 0;
		} else {
			qy_buf_clear(&out);
			qy_buf_printf(&out, "{\"kind\":\"error\",\"query\":%ld,\"message\":", query_no);
			qy_json_cstring(&out, quarry_error_message(err));
			qy_buf_puts(&out, "}\n");
			fwrite(out.data, 1, out.len, stdout);
		}
		quarry_results_free(r);
		quarry_error_free(err);
		query_no++;
	}
	free(line);
	qy_buf_free(&out);
	if (ferror(stdin)) {
		fputs("quarry-search: error reading queries from stdin\n", stderr);
		return EXIT_TROUBLE;
	}
	return found ? EXIT_FOUND : EXIT_NONE;
}

int main(int argc, char **argv)
{
	options o = { .color = -1, .search = QUARRY_SEARCH_OPTIONS_INIT };
	char default_index[PATH_MAX];
	quarry_error *err = NULL;
	quarry_searcher *s = NULL;
	quarry_results *r = NULL;

	if (parse_args(argc, argv, &o) != 0)
		return EXIT_TROUBLE;
	if (optind >= argc && !o.batch) {
		fputs("quarry-search: no query given (try --help)\n", stderr);
		return EXIT_TROUBLE;
	}
	if (!o.index) {
		if (quarry_default_index_path(default_index, sizeof default_index) != QUARRY_OK) {
			fputs("quarry-search: no --index given and no HOME to find the default index\n", stderr);
			return EXIT_TROUBLE;
		}
		o.index = default_index;
	}
	if (o.color < 0)
		o.color = !o.json && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	if (o.batch) {
		int status = EXIT_TROUBLE;
		if (quarry_searcher_open(&s, o.index, &err) == QUARRY_OK)
			status = run_batch(s, &o);
		else
			fprintf(stderr, "quarry-search: %s\n", quarry_error_message(err));
		quarry_searcher_close(s);
		quarry_error_free(err);
		return fflush(stdout) == 0 ? status : EXIT_TROUBLE;
	}
	char *query = join_args(argc - optind, argv + optind);
	if (strspn(query, " \t\n\r") == strlen(query)) {
		fputs("quarry-search: empty query\n", stderr);
		free(query);
		return EXIT_TROUBLE;
	}
	int status = EXIT_TROUBLE;
	if (quarry_searcher_open(&s, o.index, &err) == QUARRY_OK &&
	    quarry_search(&r, s, query, &o.search, &err) == QUARRY_OK) {
		print_results(s, r, &o, -1);
		status = quarry_results_count(r) ? EXIT_FOUND : EXIT_NONE;
		if (!o.json && status == EXIT_NONE)
			fprintf(stderr, "quarry-search: no passage matches '%s'\n", query);
	} else {
		fprintf(stderr, "quarry-search: %s\n", quarry_error_message(err));
		/* A query with nothing to search for finds nothing; it is not a fault. */
		if (quarry_error_status(err) == QUARRY_ENOTERMS)
			status = EXIT_NONE;
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		status = EXIT_TROUBLE;
	quarry_results_free(r);
	quarry_searcher_close(s);
	quarry_error_free(err);
	free(query);
	return status;
}
