/* question.c - word tables and a single pass over the tokens of a query. */
#include "question.h"

#include <stdbool.h>
#include <string.h>

#include "../analysis/dates.h"
#include "../analysis/stemmer.h"
#include "../analysis/tokenizer.h"

#define MAX_TOKENS 64

/* Predicate words as folded tokens, each with its family. */
static const struct {
	const char *word;
	qy_family family;
} predicates[] = {
	{ "control", QY_FAM_CONTROL }, { "controls", QY_FAM_CONTROL },
	{ "controlled", QY_FAM_CONTROL }, { "controlling", QY_FAM_CONTROL },
	{ "hold", QY_FAM_CONTROL }, { "holds", QY_FAM_CONTROL }, { "held", QY_FAM_CONTROL },
	{ "holding", QY_FAM_CONTROL },
	{ "take", QY_FAM_CONTROL }, { "takes", QY_FAM_CONTROL }, { "took", QY_FAM_CONTROL },
	{ "taken", QY_FAM_CONTROL }, { "taking", QY_FAM_CONTROL },
	{ "capture", QY_FAM_CONTROL }, { "captures", QY_FAM_CONTROL },
	{ "captured", QY_FAM_CONTROL }, { "capturing", QY_FAM_CONTROL },
	{ "seize", QY_FAM_CONTROL }, { "seizes", QY_FAM_CONTROL }, { "seized", QY_FAM_CONTROL },
	{ "seizing", QY_FAM_CONTROL }, { "seizure", QY_FAM_CONTROL },
	{ "liberate", QY_FAM_CONTROL }, { "liberates", QY_FAM_CONTROL },
	{ "liberated", QY_FAM_CONTROL }, { "liberating", QY_FAM_CONTROL },
	{ "liberation", QY_FAM_CONTROL },
	{ "fall", QY_FAM_CONTROL }, { "falls", QY_FAM_CONTROL }, { "fell", QY_FAM_CONTROL },
	{ "fallen", QY_FAM_CONTROL },
	{ "enter", QY_FAM_CONTROL }, { "enters", QY_FAM_CONTROL },
	{ "entered", QY_FAM_CONTROL }, { "entering", QY_FAM_CONTROL },
	{ "occupy", QY_FAM_CONTROL }, { "occupies", QY_FAM_CONTROL },
	{ "occupied", QY_FAM_CONTROL }, { "occupying", QY_FAM_CONTROL },
	{ "occupation", QY_FAM_CONTROL },
	{ "retake", QY_FAM_CONTROL }, { "retakes", QY_FAM_CONTROL }, { "retook", QY_FAM_CONTROL },
	{ "retaken", QY_FAM_CONTROL }, { "recapture", QY_FAM_CONTROL },
	{ "recaptured", QY_FAM_CONTROL },
	{ "withdraw", QY_FAM_CONTROL }, { "withdraws", QY_FAM_CONTROL },
	{ "withdrew", QY_FAM_CONTROL }, { "withdrawn", QY_FAM_CONTROL },
	{ "withdrawing", QY_FAM_CONTROL }, { "withdrawal", QY_FAM_CONTROL },
	{ "pushed", QY_FAM_CONTROL }, { "encircle", QY_FAM_CONTROL },
	{ "encircled", QY_FAM_CONTROL }, { "encirclement", QY_FAM_CONTROL },
	{ "surrounded", QY_FAM_CONTROL },
	{ "leave", QY_FAM_CONTROL }, { "left", QY_FAM_CONTROL }, { "leaving", QY_FAM_CONTROL },
	{ "abandon", QY_FAM_CONTROL }, { "abandoned", QY_FAM_CONTROL },
	{ "lose", QY_FAM_CONTROL }, { "lost", QY_FAM_CONTROL },
	{ "surrender", QY_FAM_CONTROL }, { "surrendered", QY_FAM_CONTROL },
	{ "retreat", QY_FAM_CONTROL }, { "retreated", QY_FAM_CONTROL },
	{ "pull", QY_FAM_CONTROL }, { "pulled", QY_FAM_CONTROL },
	{ "arrive", QY_FAM_CONTROL }, { "arrived", QY_FAM_CONTROL },
	{ "hands", QY_FAM_CONTROL },
	{ "attack", QY_FAM_ATTACK }, { "attacks", QY_FAM_ATTACK }, { "attacked", QY_FAM_ATTACK },
	{ "attacking", QY_FAM_ATTACK },
	{ "shell", QY_FAM_ATTACK }, { "shelled", QY_FAM_ATTACK }, { "shelling", QY_FAM_ATTACK },
	{ "strike", QY_FAM_ATTACK }, { "strikes", QY_FAM_ATTACK }, { "struck", QY_FAM_ATTACK },
	{ "hit", QY_FAM_ATTACK }, { "hits", QY_FAM_ATTACK },
	{ "bomb", QY_FAM_ATTACK }, { "bombs", QY_FAM_ATTACK }, { "bombed", QY_FAM_ATTACK },
	{ "bombing", QY_FAM_ATTACK }, { "bombardment", QY_FAM_ATTACK },
	{ "missile", QY_FAM_ATTACK }, { "missiles", QY_FAM_ATTACK },
	{ "drone", QY_FAM_ATTACK }, { "drones", QY_FAM_ATTACK },
	{ "rocket", QY_FAM_ATTACK }, { "rockets", QY_FAM_ATTACK },
	{ "airstrike", QY_FAM_ATTACK }, { "airstrikes", QY_FAM_ATTACK },
	{ "fighting", QY_FAM_FIGHTING }, { "fight", QY_FAM_FIGHTING },
	{ "fights", QY_FAM_FIGHTING }, { "fought", QY_FAM_FIGHTING },
	{ "battle", QY_FAM_FIGHTING }, { "battles", QY_FAM_FIGHTING },
	{ "battling", QY_FAM_FIGHTING }, { "clash", QY_FAM_FIGHTING },
	{ "clashes", QY_FAM_FIGHTING }, { "clashed", QY_FAM_FIGHTING },
	{ "combat", QY_FAM_FIGHTING },
};

/* Snowball stems of the words above, per family (test_question checks
 * that they are exactly what qy_stem gives). */
static const char *const control_stems[] = {
	"control", "hold", "held", "take", "took", "taken", "captur", "seiz", "seizur",
	"liber", "fall", "fell", "fallen", "enter", "occupi", "occup", "retak", "retook",
	"retaken", "recaptur", "withdraw", "withdrew", "withdrawn", "push", "encircl",
	"surround", "leav", "left", "abandon", "lose", "lost", "surrend", "retreat", "pull",
	"arriv", "hand",
};
static const char *const attack_stems[] = {
	"attack", "shell", "strike", "struck", "hit", "bomb", "bombard", "missil", "drone",
	"rocket", "airstrik",
};
static const char *const fighting_stems[] = {
	"fight", "fought", "battl", "clash", "combat",
};

/* Words that never name the target. */
static const char *const non_target_words[] = {
	"russia", "russian", "russians", "ukraine", "ukrainian", "ukrainians", "forces",
	"force", "troops", "fighters", "units", "soldiers", "army", "military", "defenders",
	"militia", "separatists", "mercenaries", "commander", "commanders", "mayor",
	"governor", "ministry", "president", "spokesman", "officials", "side",
	"city", "town", "village", "part", "outskirts", "centre", "center", "eastern",
	"western", "northern", "southern", "central", "east", "west", "north", "south",
	"say", "says", "said", "claim", "claims", "claimed", "deny", "denies", "denied",
	"report", "reports", "reported", "confirm", "confirmed", "still", "now", "currently",
	"today", "according", "across", "near", "around", "toward", "towards", "inside",
	"outside", "within", "past", "behind", "under", "over", "after", "before", "since",
	"out", "back", "away", "off", "up", "down", "currently", "really", "actually", "ever",
	"first", "last", "finally", "fully", "whole", "entire", "entirely",
};

static const struct {
	const char *word;
	qy_wh wh;
} wh_words[] = {
	{ "who", QY_WH_WHO }, { "whom", QY_WH_WHO }, { "whose", QY_WH_WHO },
	{ "which", QY_WH_WHICH }, { "when", QY_WH_WHEN }, { "where", QY_WH_WHERE },
	{ "what", QY_WH_WHAT }, { "why", QY_WH_WHY }, { "how", QY_WH_HOW },
	{ "is", QY_WH_YESNO }, { "are", QY_WH_YESNO }, { "was", QY_WH_YESNO },
	{ "were", QY_WH_YESNO }, { "does", QY_WH_YESNO }, { "do", QY_WH_YESNO },
	{ "did", QY_WH_YESNO }, { "has", QY_WH_YESNO }, { "have", QY_WH_YESNO },
	{ "had", QY_WH_YESNO }, { "can", QY_WH_YESNO }, { "could", QY_WH_YESNO },
	{ "will", QY_WH_YESNO }, { "would", QY_WH_YESNO }, { "should", QY_WH_YESNO },
};

static const char *const present_words[] = {
	"controls", "control", "holds", "hold", "is", "are", "does", "do", "still", "now",
	"currently", "today", "has",
};

typedef struct qtok {
	size_t start, end;
	unsigned flags;
	bool in_date;
	char text[QY_TOKEN_MAX + 8];
} qtok;

static bool in_list(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return true;
	return false;
}

#define IN_LIST(w, list) in_list((w), (list), sizeof(list) / sizeof((list)[0]))

static qy_family predicate_family(const char *w)
{
	for (size_t i = 0; i < sizeof predicates / sizeof predicates[0]; i++)
		if (strcmp(w, predicates[i].word) == 0)
			return predicates[i].family;
	return QY_FAM_NONE;
}

static qy_wh wh_of(const char *w)
{
	for (size_t i = 0; i < sizeof wh_words / sizeof wh_words[0]; i++)
		if (strcmp(w, wh_words[i].word) == 0)
			return wh_words[i].wh;
	return QY_WH_NONE;
}

/* Quotes, field:value, upper-case operators or +/- prefixes make a query
 * of the query language, not a question. */
static bool uses_query_syntax(const char *q)
{
	if (strpbrk(q, "\":()"))
		return true;
	for (const char *p = q; *p; p++) {
		bool at_word = p == q || p[-1] == ' ';
		if (at_word && (*p == '+' || *p == '-'))
			return true;
		if (at_word && (strncmp(p, "AND ", 4) == 0 || strncmp(p, "OR ", 3) == 0 ||
				strncmp(p, "NOT ", 4) == 0))
			return true;
	}
	return false;
}

static bool is_content(const qtok *t)
{
	size_t len = strlen(t->text);
	if (t->in_date || (t->flags & QY_TOK_NUMERIC) || qy_is_stopword(t->text, len))
		return false;
	if (wh_of(t->text) != QY_WH_NONE || predicate_family(t->text) != QY_FAM_NONE)
		return false;
	return !IN_LIST(t->text, non_target_words);
}

static void set_target(const char *q, const qtok *tok, size_t first, size_t last,
		       qy_question *out)
{
	size_t start = tok[first].start, end = tok[last].end;
	size_t n = 0;

	out->target_start = start;
	out->target_end = end;
	/* The words as written, runs of spaces and punctuation in between made
	 * one space, except inner apostrophes and hyphens, kept. */
	for (size_t i = first; i <= last && n + 1 < QY_TARGET_MAX; i++) {
		if (i > first) {
			size_t gap = tok[i].start - tok[i - 1].end;
			char c = q[tok[i - 1].end];
			out->target[n++] = gap == 1 && c == '-' ? '-' : ' ';
		}
		size_t w = tok[i].end - tok[i].start;
		if (n + w >= QY_TARGET_MAX)
			break;
		memcpy(out->target + n, q + tok[i].start, w);
		n += w;
	}
	while (n > 0 && out->target[n - 1] == ' ')
		n--;
	out->target[n] = '\0';
}

/* "Lugansk People's Republic" as a target is a territory: the region it
 * is named after ("Lugansk region"), which the gazetteer knows as a place
 * where the tagger sees an armed actor. */
static void republic_to_region(const qtok *tok, size_t first, size_t last, qy_question *out)
{
	if (last < first + 2 || strcmp(tok[last].text, "republic") != 0 ||
	    strcmp(tok[last - 1].text, "people's") != 0)
		return;
	const char *name = NULL;
	size_t len = 0;
	/* the word before "People's", as written in target */
	size_t n = strlen(out->target), words = 0;
	for (size_t i = n; i-- > 0;) {
		if (out->target[i] != ' ')
			continue;
		if (++words == 2) {
			size_t j = i;
			while (j > 0 && out->target[j - 1] != ' ')
				j--;
			name = out->target + j;
			len = i - j;
			break;
		}
	}
	if (!name || len == 0 || len + sizeof " region" > QY_TARGET_MAX)
		return;
	char buf[QY_TARGET_MAX];
	memcpy(buf, name, len);
	memcpy(buf + len, " region", sizeof " region");
	memcpy(out->target, buf, len + sizeof " region");
}

/* The run of content tokens that begins at the first content token at or
 * after i (dir 1) or ends at the last one at or before i (dir -1). */
static bool find_run(const qtok *tok, size_t n, long i, int dir, size_t *first, size_t *last)
{
	while (i >= 0 && (size_t)i < n && !is_content(&tok[i]))
		i += dir;
	if (i < 0 || (size_t)i >= n)
		return false;
	long j = i;
	while (j + dir >= 0 && (size_t)(j + dir) < n && is_content(&tok[j + dir]))
		j += dir;
	*first = (size_t)(dir > 0 ? i : j);
	*last = (size_t)(dir > 0 ? j : i);
	return true;
}

static void end_of_period(int y, int m, char out[11])
{
	int d = qy_days_in_month(y, m);
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* Marks the tokens inside date mentions and sets as_of from the last one;
 * a bare year after in/of/by/until counts as its 31 December. */
static void find_as_of(const char *q, qtok *tok, size_t n, qy_question *out)
{
	qy_date_mention dm[4];
	size_t nd = qy_find_dates(q, strlen(q), NULL, dm, 4);

	for (size_t k = 0; k < nd; k++) {
		if (dm[k].y == 0)
			continue;
		for (size_t i = 0; i < n; i++)
			if (tok[i].start >= dm[k].start && tok[i].end <= dm[k].end)
				tok[i].in_date = true;
		end_of_period(dm[k].y, dm[k].m, out->as_of);
		if (dm[k].d)
			out->as_of[8] = (char)('0' + dm[k].d / 10), out->as_of[9] = (char)('0' + dm[k].d % 10);
	}
	if (out->as_of[0])
		return;
	for (size_t i = 1; i < n; i++) {
		const char *p = tok[i - 1].text;
		if (strlen(tok[i].text) != 4 || !(tok[i].flags & QY_TOK_NUMERIC))
			continue;
		if (strcmp(p, "in") && strcmp(p, "of") && strcmp(p, "by") && strcmp(p, "until"))
			continue;
		int y = 0;
		for (int k = 0; k < 4; k++)
			y = y * 10 + (tok[i].text[k] - '0');
		if (y >= 1990 && y <= 2035) {
			tok[i].in_date = true;
			end_of_period(y, 12, out->as_of);
		}
	}
}

static size_t tokenize(const char *q, qtok *tok)
{
	qy_tokenizer tz;
	qy_token t;
	size_t n = 0;

	qy_tokenizer_init(&tz, q, strlen(q));
	while (n < MAX_TOKENS && qy_tokenizer_next(&tz, &t)) {
		tok[n].start = t.start;
		tok[n].end = t.end;
		tok[n].flags = t.flags;
		tok[n].in_date = false;
		memcpy(tok[n].text, t.text, t.len + 1);
		n++;
	}
	return n;
}

/* The target of a question with no predicate: after "about", else the
 * last capitalised run. */
static void target_without_predicate(const char *q, const qtok *tok, size_t n,
				     qy_question *out)
{
	size_t first, last;

	for (size_t i = 0; i < n; i++)
		if (strcmp(tok[i].text, "about") == 0 &&
		    find_run(tok, n, (long)i + 1, 1, &first, &last)) {
			set_target(q, tok, first, last, out);
			return;
		}
	for (size_t i = n; i-- > 1;) {
		if (!is_content(&tok[i]) || !(tok[i].flags & QY_TOK_CAPITALIZED))
			continue;
		first = i;
		while (first > 1 && is_content(&tok[first - 1]) &&
		       (tok[first - 1].flags & QY_TOK_CAPITALIZED))
			first--;
		set_target(q, tok, first, i, out);
		return;
	}
}

int qy_question_parse(const char *q, qy_question *out)
{
	qtok tok[MAX_TOKENS];

	memset(out, 0, sizeof *out);
	if (!q || uses_query_syntax(q))
		return 0;
	size_t n = tokenize(q, tok);
	if (n == 0)
		return 0;
	out->wh = wh_of(tok[0].text);
	size_t qlen = strlen(q);
	while (qlen > 0 && (q[qlen - 1] == ' ' || q[qlen - 1] == '\n'))
		qlen--;
	if (out->wh == QY_WH_NONE && !(qlen > 0 && q[qlen - 1] == '?'))
		return 0;
	if (out->wh == QY_WH_NONE)
		out->wh = QY_WH_WHAT;
	find_as_of(q, tok, n, out);

	size_t pi = 0;
	for (size_t i = 1; i < n && out->family == QY_FAM_NONE; i++) {
		out->family = tok[i].in_date ? QY_FAM_NONE : predicate_family(tok[i].text);
		pi = i;
	}
	if (out->family == QY_FAM_NONE) {
		target_without_predicate(q, tok, n, out);
		return 0;
	}
	if (out->family == QY_FAM_CONTROL && out->wh == QY_WH_WHEN)
		out->family = QY_FAM_FALL;
	out->pred_start = tok[pi].start;
	out->pred_end = tok[pi].end;

	size_t first, last;
	if (find_run(tok, n, (long)pi + 1, 1, &first, &last) ||
	    find_run(tok, n, (long)pi - 1, -1, &first, &last)) {
		set_target(q, tok, first, last, out);
		republic_to_region(tok, first, last, out);
	}

	if (out->family == QY_FAM_CONTROL && !out->as_of[0]) {
		bool past = false;
		for (size_t i = 0; i < n; i++) {
			if (IN_LIST(tok[i].text, present_words))
				out->present = 1;
			if (strcmp(tok[i].text, "did") == 0 || strcmp(tok[i].text, "was") == 0)
				past = true;
		}
		if (past)
			out->present = 0;
	}
	return 1;
}

const char *qy_family_name(qy_family f)
{
	static const char *const names[QY_FAMILIES] = {
		"none", "control", "fall", "attack", "fighting",
	};
	return (unsigned)f < QY_FAMILIES ? names[f] : "none";
}

const char *qy_wh_name(qy_wh w)
{
	static const char *const names[] = {
		"none", "who", "which", "when", "where", "what", "why", "how", "yesno",
	};
	return (unsigned)w < sizeof names / sizeof names[0] ? names[w] : "none";
}

size_t qy_family_stems(qy_family f, const char *const **out)
{
	switch (f) {
	case QY_FAM_CONTROL:
	case QY_FAM_FALL:
		*out = control_stems;
		return sizeof control_stems / sizeof control_stems[0];
	case QY_FAM_ATTACK:
		*out = attack_stems;
		return sizeof attack_stems / sizeof attack_stems[0];
	case QY_FAM_FIGHTING:
		*out = fighting_stems;
		return sizeof fighting_stems / sizeof fighting_stems[0];
	default:
		*out = NULL;
		return 0;
	}
}

long qy_question_pick_place(const qy_question *q, const qy_mention *m, size_t n)
{
	long best = -1;
	size_t best_dist = (size_t)-1;

	for (size_t i = 0; i < n; i++) {
		if (m[i].type != QY_ENT_PLACE)
			continue;
		size_t dist = 0;
		if (m[i].end <= q->target_start)
			dist = q->target_start - m[i].end + 1;
		else if (m[i].start >= q->target_end)
			dist = m[i].start - q->target_end + 1;
		if (q->target_start == q->target_end)
			dist = i + 1;   /* no target: the first place */
		if (dist < best_dist) {
			best = (long)i;
			best_dist = dist;
		}
	}
	return best;
}
