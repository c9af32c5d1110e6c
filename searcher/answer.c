/* answer.c - claims aggregated into a verdict, and their three renderings. */
#include "answer.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/dates.h"
#include "../util/json.h"

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"
#define QUOTE_MAX 140      /* bytes of a quote shown in the text block */
#define TEXT_LINES_MAX 12  /* statements shown in the text block */
#define TIMELINE_ROWS 10
#define LABEL_MAX 16

static int cmp_claims(const void *pa, const void *pb)
{
	const qy_claim *a = pa, *b = pb;
	/* latest first; undated ("") last */
	int d = strcmp(b->date, a->date);
	if (d)
		return d;
	if ((d = strcmp(a->article, b->article)) != 0)
		return d;
	if (a->passage != b->passage)
		return a->passage < b->passage ? -1 : 1;
	return a->quote_start < b->quote_start ? -1 : a->quote_start > b->quote_start;
}

static bool same_claim(const qy_claim *a, const qy_claim *b)
{
	return a->stance == b->stance && a->passage == b->passage &&
	       a->quote_start == b->quote_start && strcmp(a->actor, b->actor) == 0 &&
	       strcmp(a->article, b->article) == 0 && strcmp(a->quote, b->quote) == 0;
}

static long day_of(const char *date)
{
	int y, m, d;
	return qy_date_parse(date, &y, &m, &d) == 0 ? qy_days_from_civil(y, m, d) : -1;
}

/* Who holds the place is the answer to a control question, and part of
 * the answer to "what did X say about Y" and "where is fighting": not to
 * "who shelled Kharkiv". */
static bool has_verdict(qy_family fam)
{
	return fam != QY_FAM_ATTACK;
}

static int side_index(const char *side)
{
	if (!side)
		return -1;
	return strcmp(side, "russia") == 0 ? 0 : strcmp(side, "ukraine") == 0 ? 1 : -1;
}

/* Whether claim c counts for the verdict: it says who holds the place and
 * is dated within the window before the latest such claim (undated ones
 * only when none is dated). */
static bool in_window(const qy_claim *c, long latest)
{
	if (!c->holder)
		return false;
	long day = c->date[0] ? day_of(c->date) : -1;
	return latest < 0 || (day >= 0 && day >= latest - QY_CONTROLLER_WINDOW_DAYS);
}

/* Whether an earlier claim in the window than cl->items[i] has its holder
 * and comes from the same article, or from a copy of the same story (one
 * wire report syndicated under several ids has the same sentence). */
static bool article_counted(const qy_claims *cl, size_t i, long latest)
{
	const qy_claim *c = &cl->items[i];
	for (size_t k = 0; k < i; k++) {
		const qy_claim *o = &cl->items[k];
		if (in_window(o, latest) && strcmp(o->holder, c->holder) == 0 &&
		    (strcmp(o->article, c->article) == 0 || strcmp(o->quote, c->quote) == 0))
			return true;
	}
	return false;
}

/* Both sides are said to hold the place: the side that more articles put
 * it with, by QY_CONTROLLER_SOURCE_MARGIN, else "contested".  Counting
 * articles, not statements, keeps one article that repeats a claim from
 * outweighing others; it also absorbs a stray misreading, which on real
 * news made nearly every window "contested" (docs/answers.md). */
static const char *weigh_sources(const qy_claims *cl, long latest)
{
	size_t n[2] = { 0, 0 };   /* russia, ukraine */
	for (size_t i = 0; i < cl->count; i++)
		if (in_window(&cl->items[i], latest) && !article_counted(cl, i, latest))
			n[side_index(cl->items[i].holder) == 0 ? 0 : 1]++;
	if (n[0] >= QY_CONTROLLER_SOURCE_MARGIN * n[1])
		return "Russia";
	if (n[1] >= QY_CONTROLLER_SOURCE_MARGIN * n[0])
		return "Ukraine";
	return "contested";
}

/* A side concedes the place when its latest statements in the window grant
 * it to the other side and none of them still holds it: "the General Staff
 * confirmed the withdrawal" the day after the National Guard denied the
 * fall.  A denial and an admission on the same day concede nothing. */
static const char *decide_controller(const qy_claims *cl)
{
	long latest = -1;
	for (size_t i = 0; i < cl->count; i++)
		if (cl->items[i].holder && cl->items[i].date[0] && day_of(cl->items[i].date) > latest)
			latest = day_of(cl->items[i].date);
	bool held[2] = { false, false };     /* said to hold: russia, ukraine */
	long last[2] = { -2, -2 };           /* latest statement of each side */
	for (size_t i = 0; i < cl->count; i++) {
		const qy_claim *c = &cl->items[i];
		if (!in_window(c, latest))
			continue;
		held[strcmp(c->holder, "russia") == 0 ? 0 : 1] = true;
		int s = side_index(c->side);
		long day = c->date[0] ? day_of(c->date) : -1;
		if (s >= 0 && day > last[s])
			last[s] = day;
	}
	bool grants[2] = { false, false }, keeps[2] = { false, false };
	for (size_t i = 0; i < cl->count; i++) {
		const qy_claim *c = &cl->items[i];
		int s = side_index(c->side);
		if (s < 0 || !in_window(c, latest) || (c->date[0] ? day_of(c->date) : -1) != last[s])
			continue;
		bool own = side_index(c->holder) == s;
		keeps[s] |= own;
		grants[s] |= !own && c->stance == QY_STANCE_CONFIRMS;
	}
	bool conc_ru = grants[1] && !keeps[1];   /* Ukraine concedes: Russia holds */
	bool conc_ua = grants[0] && !keeps[0];
	if (conc_ru != conc_ua)
		return conc_ru ? "Russia" : "Ukraine";
	if (held[0] && held[1])
		return weigh_sources(cl, latest);
	return held[0] ? "Russia" : held[1] ? "Ukraine" : NULL;
}

void qy_answer_build(qy_answer *out, const char *question, qy_family fam, const char *place_id,
		     const char *place_name, const char *as_of, qy_claims *claims)
{
	memset(out, 0, sizeof *out);
	out->question = qy_strdup(question ? question : "");
	out->family = fam;
	out->place_id = qy_strdup(place_id ? place_id : "");
	out->place_name = qy_strdup(place_name ? place_name : out->place_id);
	if (as_of && strlen(as_of) == 10)
		memcpy(out->as_of, as_of, 11);

	qy_claims *cl = &out->claims;
	for (size_t i = 0; i < claims->count; i++) {
		qy_claim *c = &claims->items[i];
		if (out->as_of[0] && c->date[0] && strcmp(c->date, out->as_of) > 0)
			qy_claim_free(c);
		else
			qy_claims_push(cl, c);
	}
	free(claims->items);
	claims->items = NULL;
	claims->count = claims->cap = 0;

	if (cl->count > 1)
		qsort(cl->items, cl->count, sizeof *cl->items, cmp_claims);
	size_t kept = 0;
	for (size_t i = 0; i < cl->count; i++) {
		bool dup = false;
		for (size_t k = 0; k < kept && !dup; k++)
			dup = same_claim(&cl->items[k], &cl->items[i]);
		if (dup)
			qy_claim_free(&cl->items[i]);
		else
			cl->items[kept++] = cl->items[i];
	}
	cl->count = kept;
	if (has_verdict(fam))
		out->controller = decide_controller(cl);
}

void qy_answer_free(qy_answer *a)
{
	free(a->question);
	free(a->place_id);
	free(a->place_name);
	qy_claims_free(&a->claims);
	memset(a, 0, sizeof *a);
}

/* ---- text ---------------------------------------------------------------- */

static const char *actor_name(const qy_gazetteer *g, const char *id)
{
	const char *n = NULL;
	if (g && !(n = qy_gazetteer_name(g, QY_ENT_ACTOR, id)) &&
	    !(n = qy_gazetteer_name(g, QY_ENT_ORG, id)))
		n = qy_gazetteer_name(g, QY_ENT_PERSON, id);
	return n ? n : id;
}

/* Appends at most max bytes of s, cut at a space and marked with "…". */
static void append_short(qy_buf *out, const char *s, size_t max)
{
	size_t len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		len--;
	if (len <= max) {
		qy_buf_append(out, s, len);
		return;
	}
	size_t cut = max;
	while (cut > max / 2 && s[cut] != ' ')
		cut--;
	while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	qy_buf_append(out, s, cut);
	qy_buf_puts(out, "…");
}

#define ACTOR_COLUMN 25

static void text_statement(qy_buf *out, const qy_claim *c, const qy_gazetteer *g, int color)
{
	const char *stance = qy_stance_name(c->stance);
	const char *name = actor_name(g, c->actor);
	/* A column of ACTOR_COLUMN characters: names are padded by their
	 * characters, not bytes, and a longer one gets its own width. */
	size_t chars = 0;
	for (const char *p = name; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	qy_buf_printf(out, "  %s%s%s", color ? BOLD : "", name, color ? RESET : "");
	for (size_t i = chars; i < ACTOR_COLUMN; i++)
		qy_buf_putc(out, ' ');
	qy_buf_printf(out, " %-8s ", stance);
	if (c->date[0])
		qy_buf_printf(out, "%s%s", c->date_inferred ? "~" : "", c->date);
	else
		qy_buf_puts(out, "undated");
	if (c->attribution) {
		qy_buf_puts(out, "  according to ");
		qy_buf_puts(out, c->attribution);
	}
	qy_buf_printf(out, "  %s[%s #%u]%s\n      \"", color ? DIM : "", c->article, c->passage,
		      color ? RESET : "");
	/* a long sentence is shown from the clause the claim comes from */
	if (c->clause_off > 0 && strlen(c->quote) > QUOTE_MAX) {
		qy_buf_puts(out, "…");
		append_short(out, c->quote + c->clause_off, QUOTE_MAX);
	} else {
		append_short(out, c->quote, QUOTE_MAX);
	}
	qy_buf_puts(out, "\"\n");
}

void qy_answer_text(qy_buf *out, const qy_answer *a, const qy_gazetteer *g, int color)
{
	const qy_claims *cl = &a->claims;

	qy_buf_printf(out, "%s%s%s", color ? BOLD : "", a->place_name, color ? RESET : "");
	if (a->family == QY_FAM_CONTROL || a->family == QY_FAM_FALL || a->controller)
		qy_buf_printf(out, ": %s", a->controller ? a->controller : "not said");
	if (a->as_of[0])
		qy_buf_printf(out, " (as of %s)", a->as_of);
	else if (cl->count && cl->items[0].date[0])
		qy_buf_printf(out, " (latest statement %s)", cl->items[0].date);
	qy_buf_putc(out, '\n');
	if (cl->count == 0) {
		qy_buf_puts(out, "  no statement about it in the top passages\n\n");
		return;
	}
	/* For each actor, in order of its latest statement: the latest of each
	 * stance.  Claims are sorted latest first, so the first seen wins. */
	size_t shown = 0;
	bool *done = qy_calloc(cl->count, sizeof *done);
	for (size_t i = 0; i < cl->count && shown < TEXT_LINES_MAX; i++) {
		if (done[i])
			continue;
		const char *actor = cl->items[i].actor;
		bool seen[4] = { false, false, false, false };
		for (size_t k = i; k < cl->count && shown < TEXT_LINES_MAX; k++) {
			const qy_claim *c = &cl->items[k];
			if (done[k] || strcmp(c->actor, actor) != 0)
				continue;
			done[k] = true;
			if (seen[c->stance])
				continue;
			seen[c->stance] = true;
			text_statement(out, c, g, color);
			shown++;
		}
	}
	free(done);
	qy_buf_putc(out, '\n');
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_opt(qy_buf *out, const char *key, const char *s)
{
	qy_json_key(out, key);
	qy_json_cstring(out, s && s[0] ? s : NULL);
}

void qy_answer_json(qy_buf *out, const qy_answer *a, long query_no)
{
	qy_buf_putc(out, '{');
	json_opt(out, "kind", "answer");
	if (query_no >= 0) {   /* --batch: the input line the answer is for */
		qy_json_key(out, "query");
		qy_buf_printf(out, "%ld", query_no);
	}
	json_opt(out, "question", a->question);
	json_opt(out, "family", qy_family_name(a->family));
	qy_json_key(out, "entity");
	qy_buf_putc(out, '{');
	json_opt(out, "id", a->place_id);
	json_opt(out, "name", a->place_name);
	qy_buf_putc(out, '}');
	json_opt(out, "controller", a->controller);
	json_opt(out, "as_of", a->as_of);
	qy_json_key(out, "claims");
	qy_buf_putc(out, '[');
	for (size_t i = 0; i < a->claims.count; i++) {
		const qy_claim *c = &a->claims.items[i];
		if (i)
			qy_buf_putc(out, ',');
		qy_buf_putc(out, '{');
		json_opt(out, "actor", c->actor);
		json_opt(out, "side", c->side);
		json_opt(out, "stance", qy_stance_name(c->stance));
		json_opt(out, "holder", c->holder);
		json_opt(out, "date", c->date);
		qy_json_key(out, "date_inferred");
		qy_buf_puts(out, c->date_inferred ? "true" : "false");
		json_opt(out, "article", c->article);
		qy_json_key(out, "passage");
		qy_buf_printf(out, "%u", c->passage);
		json_opt(out, "quote", c->quote);
		json_opt(out, "attribution", c->attribution);
		json_opt(out, "speaker", c->speaker);
		qy_buf_putc(out, '}');
	}
	qy_buf_puts(out, "]}");
}

/* ---- timeline ------------------------------------------------------------ */

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Which mark wins a shared cell: a concession says most, a report least. */
static int mark_rank(qy_stance s)
{
	switch (s) {
	case QY_STANCE_CONFIRMS: return 4;
	case QY_STANCE_DENIES: return 3;
	case QY_STANCE_CLAIMS: return 2;
	default: return 1;
	}
}

static const char *mark(int rank, int unicode)
{
	static const char *const uni[] = { " ", "·", "●", "✗", "✓" };
	static const char *const ascii[] = { " ", ".", "C", "D", "+" };
	return unicode ? uni[rank] : ascii[rank];
}

typedef struct chart {
	long first_day;      /* first day of the first month */
	long span;           /* days covered */
	int cols;            /* cells */
	int y0, m0, months;  /* first month and number of months */
} chart;

static int col_of(const chart *ch, long day)
{
	if (ch->span <= 1)
		return 0;
	return (int)((day - ch->first_day) * (ch->cols - 1) / (ch->span - 1));
}

/* The month axis: ticks at month starts (every step months) and labels
 * where they fit; a label carries the year when the one before did not
 * show that year. */
static void axis(qy_buf *out, const chart *ch, int label_w, int unicode)
{
	int step = 1;
	static const int steps[] = { 1, 2, 3, 6, 12, 24, 60 };
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		step = steps[i];
		if (ch->months / step * 5 <= ch->cols)
			break;
	}
	char *ticks = qy_calloc((size_t)ch->cols + 1, 1);
	qy_buf labels = QY_BUF_INIT;
	int used = 0;   /* columns of labels written */
	int year_shown = 0;
	for (int k = 0; k < ch->months; k++) {
		int y = ch->y0 + (ch->m0 - 1 + k) / 12, m = (ch->m0 - 1 + k) % 12 + 1;
		if (k % step != 0)
			continue;
		int x = col_of(ch, qy_days_from_civil(y, m, 1));
		ticks[x] = 1;
		char lab[16];
		if (y != year_shown)
			snprintf(lab, sizeof lab, "%s %d", month_abbr[m - 1], y);
		else
			snprintf(lab, sizeof lab, "%s", month_abbr[m - 1]);
		int w = (int)strlen(lab);
		if (x < used || x + w > ch->cols)
			continue;
		while (used < x) {
			qy_buf_putc(&labels, ' ');
			used++;
		}
		qy_buf_puts(&labels, lab);
		used += w + 1;
		qy_buf_putc(&labels, ' ');
		year_shown = y;
	}
	qy_buf_printf(out, "%*s %s", label_w, "", unicode ? "└" : "+");
	for (int x = 0; x < ch->cols; x++)
		qy_buf_puts(out, ticks[x] ? (unicode ? "┴" : "+") : (unicode ? "─" : "-"));
	qy_buf_printf(out, "\n%*s  ", label_w, "");
	while (labels.len && labels.data[labels.len - 1] == ' ')
		labels.data[--labels.len] = '\0';
	qy_buf_puts(out, qy_buf_cstr(&labels));
	qy_buf_putc(out, '\n');
	qy_buf_free(&labels);
	free(ticks);
}

void qy_answer_timeline(qy_buf *out, const qy_answer *a, int width, int unicode)
{
	const qy_claims *cl = &a->claims;
	const char *actors[TIMELINE_ROWS];
	size_t n_actors = 0;
	long lo = -1, hi = -1;

	if (width < 64)
		width = 64;
	for (size_t i = 0; i < cl->count; i++) {
		long d = day_of(cl->items[i].date);
		if (d < 0)
			continue;
		lo = lo < 0 || d < lo ? d : lo;
		hi = d > hi ? d : hi;
		bool known = false;
		for (size_t k = 0; k < n_actors && !known; k++)
			known = strcmp(actors[k], cl->items[i].actor) == 0;
		if (!known && n_actors < TIMELINE_ROWS)
			actors[n_actors++] = cl->items[i].actor;
	}
	if (lo < 0) {
		qy_buf_printf(out, "%s: no dated statements\n", a->place_name);
		return;
	}
	int label_w = 0;
	for (size_t k = 0; k < n_actors; k++) {
		int l = (int)strlen(actors[k]);
		label_w = l > label_w ? l : label_w;
	}
	label_w = label_w > LABEL_MAX ? LABEL_MAX : label_w;

	chart ch;
	int y1 = 0, m1 = 0, d1 = 0, y2 = 0, m2 = 0, d2 = 0;
	for (size_t i = 0; i < cl->count; i++) {
		long d = day_of(cl->items[i].date);
		if (d == lo)
			qy_date_parse(cl->items[i].date, &y1, &m1, &d1);
		if (d == hi)
			qy_date_parse(cl->items[i].date, &y2, &m2, &d2);
	}
	ch.y0 = y1;
	ch.m0 = m1;
	ch.months = (y2 - y1) * 12 + (m2 - m1) + 1;
	ch.first_day = qy_days_from_civil(y1, m1, 1);
	ch.span = qy_days_from_civil(y2, m2, qy_days_in_month(y2, m2)) - ch.first_day + 1;
	ch.cols = width - label_w - 3;

	qy_buf_printf(out, "%s: statements over time\n", a->place_name);
	int *cells = qy_calloc((size_t)ch.cols, sizeof *cells);
	for (size_t k = 0; k < n_actors; k++) {
		memset(cells, 0, (size_t)ch.cols * sizeof *cells);
		for (size_t i = 0; i < cl->count; i++) {
			const qy_claim *c = &cl->items[i];
			long d = day_of(c->date);
			if (d < 0 || strcmp(c->actor, actors[k]) != 0)
				continue;
			int x = col_of(&ch, d), r = mark_rank(c->stance);
			cells[x] = r > cells[x] ? r : cells[x];
		}
		qy_buf_printf(out, "%-*.*s %s", label_w, label_w, actors[k], unicode ? "│" : "|");
		int last = ch.cols;
		while (last > 0 && cells[last - 1] == 0)
			last--;
		for (int x = 0; x < last; x++)
			qy_buf_puts(out, mark(cells[x], unicode));
		qy_buf_putc(out, '\n');
	}
	free(cells);
	axis(out, &ch, label_w, unicode);
	qy_buf_printf(out, "%*s  %s claims  %s denies  %s confirms  %s reports\n", label_w, "",
		      mark(2, unicode), mark(3, unicode), mark(4, unicode), mark(1, unicode));
}
