/* claims.c - cue-word rules over the tokens and entity mentions of a sentence. */
#include "claims.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/sentences.h"
#include "../analysis/tokenizer.h"
#include "../util/buf.h"

#define WORD_MAX 24
#define SPEAKER_BACK 14   /* tokens searched before a speech verb */
#define SPEAKER_AHEAD 6   /* tokens searched after "said" / "according to" */
#define NEG_WINDOW 3      /* tokens before a predicate that can negate it */
#define ATTRIB_MAX 100    /* bytes of attribution text kept */
#define NEAR_WINDOW 8     /* tokens between a predicate and the place */
#define NEAR_WINDOW_ATTACK 12  /* the same for strikes: "struck ... in the Kharkiv region" */

typedef struct tok {
	size_t start, end;
	bool cap;           /* written with a capital */
	char w[WORD_MAX];   /* folded form; "" when longer than WORD_MAX - 1 */
} tok;

/* What a predicate word says about control. */
enum pred_kind { P_NONE, P_GAIN, P_STATE, P_LOSS, P_FALL, P_ATTACK, P_FIGHT };

static const struct {
	const char *w;
	enum pred_kind kind;
} pred_words[] = {
	{ "take", P_GAIN }, { "takes", P_GAIN }, { "took", P_GAIN }, { "taken", P_GAIN },
	{ "taking", P_GAIN }, { "capture", P_GAIN }, { "captures", P_GAIN },
	{ "captured", P_GAIN }, { "capturing", P_GAIN }, { "seize", P_GAIN },
	{ "seized", P_GAIN }, { "seizes", P_GAIN }, { "seizing", P_GAIN },
	{ "liberate", P_GAIN }, { "liberated", P_GAIN }, { "liberates", P_GAIN },
	{ "liberating", P_GAIN }, { "liberation", P_GAIN }, { "enter", P_GAIN },
	{ "entered", P_GAIN }, { "enters", P_GAIN }, { "entering", P_GAIN },
	{ "occupy", P_GAIN }, { "occupied", P_GAIN }, { "occupies", P_GAIN },
	{ "occupying", P_GAIN }, { "occupation", P_GAIN }, { "retake", P_GAIN },
	{ "retook", P_GAIN }, { "retaken", P_GAIN }, { "retakes", P_GAIN },
	{ "recapture", P_GAIN }, { "recaptured", P_GAIN }, { "encircled", P_GAIN },
	{ "encircle", P_GAIN }, { "surrounded", P_GAIN }, { "seizure", P_GAIN },
	{ "control", P_STATE }, { "controls", P_STATE }, { "controlled", P_STATE },
	{ "controlling", P_STATE }, { "hold", P_STATE }, { "holds", P_STATE },
	{ "held", P_STATE }, { "holding", P_STATE }, { "hands", P_STATE },
	{ "withdraw", P_LOSS }, { "withdrew", P_LOSS }, { "withdrawn", P_LOSS },
	{ "withdrawing", P_LOSS }, { "withdrawal", P_LOSS }, { "withdraws", P_LOSS },
	{ "retreat", P_LOSS }, { "retreated", P_LOSS }, { "retreating", P_LOSS },
	{ "leave", P_LOSS }, { "left", P_LOSS }, { "leaving", P_LOSS }, { "abandon", P_LOSS },
	{ "abandoned", P_LOSS }, { "lost", P_LOSS }, { "lose", P_LOSS },
	{ "surrender", P_LOSS }, { "surrendered", P_LOSS }, { "pushed", P_LOSS },
	{ "pulled", P_LOSS }, { "pull", P_LOSS }, { "regrouping", P_LOSS },
	{ "regrouped", P_LOSS }, { "regroup", P_LOSS }, { "redeployed", P_LOSS },
	{ "redeploying", P_LOSS }, { "repositioned", P_LOSS }, { "repositioning", P_LOSS },
	{ "fall", P_FALL }, { "fell", P_FALL }, { "fallen", P_FALL }, { "falls", P_FALL },
	{ "falling", P_FALL },
	{ "attack", P_ATTACK }, { "attacked", P_ATTACK }, { "attacks", P_ATTACK },
	{ "attacking", P_ATTACK }, { "shelled", P_ATTACK }, { "shelling", P_ATTACK },
	{ "struck", P_ATTACK }, { "strike", P_ATTACK }, { "strikes", P_ATTACK },
	{ "hit", P_ATTACK }, { "hits", P_ATTACK }, { "bombed", P_ATTACK },
	{ "bombing", P_ATTACK }, { "bombs", P_ATTACK }, { "bombardment", P_ATTACK },
	{ "missile", P_ATTACK }, { "missiles", P_ATTACK }, { "drones", P_ATTACK },
	{ "rockets", P_ATTACK }, { "airstrike", P_ATTACK }, { "airstrikes", P_ATTACK },
	{ "fighting", P_FIGHT }, { "fights", P_FIGHT }, { "battles", P_FIGHT },
	{ "battle", P_FIGHT }, { "clashes", P_FIGHT }, { "combat", P_FIGHT },
};

static const char *const speech_words[] = {
	"said", "says", "say", "saying", "told", "tells", "reported", "reports", "reporting",
	"announced", "announces", "announcing", "stated", "states", "claimed", "claims",
	"claiming", "claim", "confirmed", "confirms", "confirming", "denied", "denies",
	"deny", "denying", "disputed", "disputes", "rejected", "rejects", "rejecting",
	"refuted", "refutes", "wrote", "writes", "posted", "added", "insisted", "insists",
	"acknowledged", "acknowledges", "admitted", "admits", "declared", "declares",
	"noted", "warned", "tweeted", "citing", "dismissed", "conceded", "concedes", "accused",
	"accuses",
	"stressed", "explained", "urged", "described", "credited",
};

static const char *const deny_words[] = {
	"denied", "denies", "deny", "denying", "denial", "disputed", "disputes", "dispute",
	"disputing", "rejected", "rejects", "rejecting", "reject", "refuted", "refutes",
	"refute", "dismissed", "dismisses", "false", "fake", "untrue", "lies", "fabrication",
};

/* Deny a capture, but for a question about attacks or fighting they only
 * report the fighting: "repelled 100 Russian attacks near Bakhmut". */
static const char *const repel_words[] = {
	"repelled", "repulsed", "repelling", "repels", "repel",
};

/* A side calling its own withdrawal by these names asserts a plan, it
 * concedes nothing: "troops were being regrouped". */
static const char *const euphemisms[] = {
	"regrouping", "regrouped", "regroup", "redeployed", "redeploying", "repositioned",
	"repositioning",
};

static const char *const confirm_words[] = {
	"confirmed", "confirms", "confirming", "confirm", "acknowledged", "acknowledges",
	"admitted", "admits", "conceded", "concedes",
};

static const char *const claim_words[] = {
	"claimed", "claims", "claiming", "claim", "announced", "announces", "announcing",
	"declared", "declares", "boasted", "proclaimed", "credited",
};

static const char *const negators[] = {
	"not", "no", "never", "nor", "without", "failed", "unable", "cannot",
};

static const char *const intent_words[] = {
	"seeking", "seek", "seeks", "sought", "trying", "try", "tries", "tried", "attempt",
	"attempts", "attempting", "attempted", "aim", "aims", "aiming", "would", "could",
	"might", "if", "plan", "plans", "planning", "want", "wants", "hoping", "hope",
	"intends", "intend", "threatens", "threatened", "bid", "goal", "whether",
	"desperate", "struggling", "struggled", "struggle", "may", "help", "helping", "push",
	"preparing", "prepare", "prepares", "poised", "vowed", "vows", "vowing", "hopes",
	"target", "pressing", "effort", "efforts", "closer", "chance",
};

static const char *const clause_words[] = {
	"but", "however", "while", "whereas", "although", "though", "meanwhile", "despite",
};

/* Words that point back at the target: the nouns for its kind of place
 * ("the city" is never the Zaporizhzhia plant) and the statement nouns. */
static const char *const settlement_nouns[] = {
	"city", "town", "village", "settlement",
};

static const char *const site_nouns[] = {
	"plant", "station", "dam", "bridge", "island", "airport", "airfield", "steelworks",
	"works", "factory", "facility", "spit",
};

static const char *const statement_nouns[] = {
	"claim", "claims", "report", "reports", "announcement",
};

/* Words that join a new statement to a sentence: "..., but Ukraine said
 * ... and the Kremlin urged caution", "two weeks after Russia claimed". */
static const char *const joiners[] = {
	"and", "after", "before", "as", "when", "since", "until",
};

static const char *const pronouns[] = { "he", "she", "it", "they" };

/* What an adjective of a side makes a party of besides role nouns:
 * "Russian guided bombs". */
static const char *const weapon_nouns[] = {
	"bombs", "bomb", "missiles", "missile", "drones", "drone", "rockets", "rocket", "shells",
	"artillery", "aircraft", "jets", "warplanes", "strikes", "attacks", "shelling", "units",
	"forces", "troops", "soldiers", "fighters", "officials", "authorities",
};

/* Titles of local officials: on their own ("the city's mayor") they are
 * the Ukrainian authorities, unless installed by Moscow. */
static const char *const local_officials[] = { "mayor", "governor" };
static const char *const installed_words[] = {
	"installed", "backed", "appointed", "proxy", "separatist", "occupation", "self",
	"puppet",
};

static const char *const role_nouns[] = {
	"official", "officials", "authorities", "command", "military", "ministry",
	"spokesman", "spokesperson", "spokeswoman", "commander", "army", "forces", "troops",
	"general", "staff", "governor", "president", "government", "officer", "soldier",
	"minister", "aide", "mayor", "head", "chief",
};

/* News media and monitors: they relay statements, they are no party. */
static const char *const media_ids[] = {
	"tass", "ria-novosti", "sputnik", "interfax", "interfax-ukraine", "rt", "ukrinform",
	"suspilne", "ukrainska-pravda", "kyiv-independent", "rbc-ukraine", "reuters", "ap",
	"afp", "cnn", "bbc", "nyt", "washington-post", "guardian", "al-jazeera", "rferl",
	"meduza", "deepstate", "rybar", "maxar",
};

/* People and bodies who speak for a particular armed actor. */
static const struct {
	const char *id;
	const char *actor;
} party_map[] = {
	{ "prigozhin", "wagner" }, { "kadyrov", "kadyrovites" }, { "alaudinov", "kadyrovites" },
	{ "pasechnik", "lpr" }, { "marochko", "lpr" }, { "pushilin", "dpr" },
	{ "prokopenko", "azov" }, { "muzychuk", "ukraine-national-guard" },
};

static bool in_list(const char *w, const char *const *list, size_t n)
{
	if (!w[0])
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return true;
	return false;
}

#define IN(w, list) in_list((w), (list), sizeof(list) / sizeof((list)[0]))

static enum pred_kind pred_kind_of(const char *w)
{
	for (size_t i = 0; i < sizeof pred_words / sizeof pred_words[0]; i++)
		if (strcmp(w, pred_words[i].w) == 0)
			return pred_words[i].kind;
	return P_NONE;
}

static bool kind_in_family(enum pred_kind k, qy_family fam)
{
	switch (fam) {
	case QY_FAM_CONTROL:
	case QY_FAM_FALL:
		return k == P_GAIN || k == P_STATE || k == P_LOSS || k == P_FALL;
	case QY_FAM_ATTACK:
		return k == P_ATTACK;
	case QY_FAM_FIGHTING:
		return k == P_FIGHT || k == P_ATTACK;   /* "repelled 100 Russian attacks" */
	default:
		return k != P_NONE;
	}
}

static bool is_negator(const char *w)
{
	size_t n = strlen(w);
	return IN(w, negators) || (n > 3 && strcmp(w + n - 3, "n't") == 0);
}

static const char *other_side(const char *side)
{
	if (!side)
		return NULL;
	if (strcmp(side, "russia") == 0)
		return "ukraine";
	if (strcmp(side, "ukraine") == 0)
		return "russia";
	return NULL;
}

/* Static copies of the side names, so claims never point into a gazetteer
 * string for them. */
static const char *norm_side(const char *side)
{
	if (!side)
		return NULL;
	if (strcmp(side, "russia") == 0)
		return "russia";
	if (strcmp(side, "ukraine") == 0)
		return "ukraine";
	return "other";
}

/* Who an entity speaks or fights for. */
typedef struct party {
	const char *actor;   /* NULL: no party (a place, a name, news media) */
	const char *side;    /* static */
	bool media;
} party;

typedef struct agent {
	party p;
	const qy_mention *m;  /* the mention, or NULL for an adjective + role noun */
	size_t adj;           /* then: the adjective's token */
	size_t adj_end;       /* and one past the noun's */
} agent;

/* The reading of one passage. */
typedef struct ctx {
	const qy_gazetteer *g;
	const qy_claim_source *src;
	const char *place;
	qy_family fam;
	tok *t;
	size_t nt;
	bool *ref;          /* per token: part of a target mention or "the city" */
	bool about;         /* the passage (or its title) names the target */
	bool country;       /* the target is a country */
	bool site;          /* the target is a plant, dam, bridge, island or river */
	agent subject;      /* the first party of the previous sentence, for "he said" */
} ctx;

static bool is_anaphor(const ctx *c, const char *w)
{
	if (IN(w, statement_nouns))
		return true;
	return c->site ? IN(w, site_nouns) : IN(w, settlement_nouns);
}

static party party_of(const ctx *c, const qy_mention *m)
{
	party p = { NULL, NULL, false };

	if (!m->id || m->type == QY_ENT_PLACE || m->type == QY_ENT_NAME)
		return p;
	if (m->type == QY_ENT_ORG && IN(m->id, media_ids)) {
		p.media = true;
		return p;
	}
	const char *side = norm_side(qy_gazetteer_side(c->g, m->type, m->id));
	if (!side)
		return p;
	p.side = side;
	if (m->type == QY_ENT_ACTOR || strcmp(side, "other") == 0) {
		p.actor = m->id;
		return p;
	}
	for (size_t i = 0; i < sizeof party_map / sizeof party_map[0]; i++)
		if (strcmp(m->id, party_map[i].id) == 0) {
			p.actor = party_map[i].actor;
			return p;
		}
	p.actor = side;   /* "russia" and "ukraine" are also the actor ids */
	return p;
}

/* Mentions are in text order; this finds the one covering token i. */
static const qy_mention *mention_at(const ctx *c, size_t i)
{
	for (size_t k = 0; k < c->src->n_mentions; k++) {
		const qy_mention *m = &c->src->mentions[k];
		if (i >= m->first_token && i < m->first_token + m->n_tokens)
			return m;
		if (m->first_token > i)
			break;
	}
	return NULL;
}

/* The side an adjective or possessive token names ("Russian", "Kyiv's"). */
static const char *adjective_side(const char *w)
{
	static const char *const ru[] = { "russian", "russia's", "moscow", "moscow's", "kremlin",
					  "russians", "russia" };
	static const char *const ua[] = { "ukrainian", "ukraine's", "kyiv", "kyiv's", "kiev",
					  "kiev's", "ukrainians", "ukraine" };
	if (IN(w, ru))
		return "russia";
	if (IN(w, ua))
		return "ukraine";
	return NULL;
}

/* True when the gap before token i holds a comma, colon, quote or dash. */
static bool gap_breaks(const ctx *c, size_t i)
{
	if (i == 0)
		return false;
	const char *p = c->src->text + c->t[i - 1].end, *e = c->src->text + c->t[i].start;
	for (; p < e; p++) {
		if (strchr(",;:\"", *p))
			return true;
		/* curly quotes and the em dash */
		if ((unsigned char)p[0] == 0xe2 && e - p >= 3 && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == 0x9c || (unsigned char)p[2] == 0x9d ||
		     (unsigned char)p[2] == 0x94))
			return true;
	}
	return false;
}

/* A local official's title at token i ("the city's mayor", "Governor
 * Haidai" when the name is unknown) stands for Ukraine, unless Moscow
 * installed or backed the official or a foreign place comes first
 * ("Belgorod governor"). */
static bool ukrainian_official(const ctx *c, size_t i)
{
	if (!IN(c->t[i].w, local_officials))
		return false;
	for (size_t k = 1; k <= 4 && k <= i; k++) {
		if (IN(c->t[i - k].w, installed_words) || adjective_side(c->t[i - k].w))
			return IN(c->t[i - k].w, installed_words) ? false
				: strcmp(adjective_side(c->t[i - k].w), "ukraine") == 0;
		if (gap_breaks(c, i - k + 1))
			break;
	}
	size_t j = i;
	while (j > 0 && (!strcmp(c->t[j - 1].w, "regional") || !strcmp(c->t[j - 1].w, "region's") ||
			 !strcmp(c->t[j - 1].w, "oblast") || !strcmp(c->t[j - 1].w, "city")))
		j--;
	if (j > 0 && c->t[j - 1].cap && !gap_breaks(c, j)) {
		const qy_mention *m = mention_at(c, j - 1);
		const char *pt = m && m->type == QY_ENT_PLACE ? qy_gazetteer_place_type(c->g, m->id) : NULL;
		if (!pt || !strcmp(pt, "country"))
			return false;
	}
	return true;
}

/* "Russian troops", "Moscow-backed officials", "Russian guided bombs":
 * the side of an adjective at token i followed by a role or weapon noun,
 * perhaps after one modifier; sets *end one past the noun. */
static const char *adjective_party(const ctx *c, size_t i, size_t to, size_t *end)
{
	const char *side = adjective_side(c->t[i].w);
	if (!side)
		return NULL;
	/* "In Moscow the defence ministry said", "in Kyiv, officials" */
	static const char *const capitals[] = { "moscow", "kyiv", "kiev" };
	size_t reach = i > 0 && !strcmp(c->t[i - 1].w, "in") && IN(c->t[i].w, capitals) ? 3 : 2;
	(void)to;
	for (size_t k = 1; k <= reach && i + k < c->nt; k++) {
		if (gap_breaks(c, i + k) && reach == 2)
			return NULL;
		if (IN(c->t[i + k].w, role_nouns) || IN(c->t[i + k].w, weapon_nouns)) {
			*end = i + k + 1;
			return side;
		}
	}
	return NULL;
}

/* The nearest party mention in tokens [from, to), scanning backward when
 * back is set; an adjective + role noun ("Ukrainian authorities") counts. */
static agent find_party(const ctx *c, size_t from, size_t to, bool back, bool want_media)
{
	agent a = { { NULL, NULL, false }, NULL, 0, 0 };
	agent media = a;

	for (size_t k = 0; k < to - from; k++) {
		size_t i = back ? to - 1 - k : from + k;
		const qy_mention *m = mention_at(c, i);
		if (m) {
			party p = party_of(c, m);
			if (p.actor) {
				a.p = p;
				a.m = m;
				return a;
			}
			if (p.media && !media.m) {
				media.p = p;
				media.m = m;
				/* "TASS reported": the medium is the speaker of this verb */
				if (back && k < 4)
					break;
			}
			continue;
		}
		size_t end = 0;
		const char *side = adjective_party(c, i, to, &end);
		if (!side && ukrainian_official(c, i)) {
			side = "ukraine";
			end = i + 1;
		}
		if (side) {
			a.p.actor = side;
			a.p.side = side;
			a.adj = i;
			a.adj_end = end;
			return a;
		}
	}
	return want_media ? media : a;
}

typedef struct speaker {
	agent party;        /* the party that spoke, if any */
	agent media;        /* a news medium relaying it, if any */
	size_t anchor;      /* token of the speech verb used */
	size_t seg;         /* no party: first token of the words naming the
			       speaker ("the city's mayor"), or anchor if none */
	bool pronoun;       /* party found through "he", "it": named earlier */
} speaker;

/* Where the words naming the speaker of the verb at token i can begin:
 * after the comma before it ("..., the governor said"), or after the
 * second one when the verb follows an apposition ("Gaiday, the governor
 * of the region, said"); never into the reported words. */
static size_t speaker_floor(const ctx *c, size_t ca, size_t i)
{
	size_t lo = i > ca + SPEAKER_BACK ? i - SPEAKER_BACK : ca;
	int left = gap_breaks(c, i) ? 2 : 1;

	for (size_t j = i; j > lo + 1; j--)
		if (j < i && gap_breaks(c, j) && --left == 0)
			return j;
	return lo;
}

/* "such claims", "the reports": a cue word used as a noun says nothing
 * about who asserts what. */
static bool noun_use(const ctx *c, size_t i)
{
	static const char *const nouns[] = { "claim", "claims", "report", "reports", "dispute",
					     "denial", "reject", "rejects" };
	static const char *const dets[] = {
		"the", "a", "an", "such", "these", "those", "this", "that", "its", "their", "his",
		"her", "our", "earlier", "similar", "conflicting", "false", "any", "no", "new",
		"previous", "repeated", "russian", "ukrainian",
	};
	return i > 0 && IN(c->t[i].w, nouns) && IN(c->t[i - 1].w, dets);
}

static void find_speaker(const ctx *c, size_t ca, size_t cb, speaker *s)
{
	memset(s, 0, sizeof *s);
	s->anchor = s->seg = ca;
	for (size_t i = ca; i < cb; i++) {
		bool according = strcmp(c->t[i].w, "according") == 0 && i + 1 < cb &&
				 strcmp(c->t[i + 1].w, "to") == 0;
		if (!according && (!IN(c->t[i].w, speech_words) || noun_use(c, i)))
			continue;
		agent a = { { NULL, NULL, false }, NULL, 0, 0 };
		bool pronoun = false;
		size_t lo = speaker_floor(c, ca, i);
		size_t hi = i + 1 + SPEAKER_AHEAD < cb ? i + 1 + SPEAKER_AHEAD : cb;
		if (!according)
			a = find_party(c, lo, i, true, false);
		/* "He said", "It said only that": the subject of the sentence before */
		if (!a.p.actor && !according && c->subject.p.actor &&
		    ((i >= ca + 1 && IN(c->t[i - 1].w, pronouns)) ||
		     (i >= ca + 2 && IN(c->t[i - 2].w, pronouns) && !gap_breaks(c, i - 1)))) {
			a = c->subject;
			pronoun = true;
		}
		/* after the verb only when inverted: "..., said Gaiday" */
		if (!a.p.actor && (according || gap_breaks(c, i)))
			a = find_party(c, i + 1, hi, false, false);
		if (a.p.actor && !s->party.p.actor) {
			s->party = a;
			s->anchor = i;
			s->pronoun = pronoun;
		}
		if (!s->party.p.actor && !according && s->seg == s->anchor && i > lo &&
		    i - lo <= 8) {
			s->anchor = i;
			s->seg = lo;
		}
		if (!s->media.m) {
			agent m = according ? find_party(c, i + 1, hi, false, true)
					    : find_party(c, lo, i, true, true);
			if (m.p.media)
				s->media = m;
		}
	}
}

/* The attribution as written: from the speaker's mention to the speech
 * verb when the verb follows closely ("Ukraine's defense ministry"), else
 * the mention itself; "(via X)" names a relaying medium. */
static char *attribution(const ctx *c, const speaker *s)
{
	qy_buf b = QY_BUF_INIT;
	const char *text = c->src->text;

	if (s->party.p.actor) {
		size_t a = s->party.m ? s->party.m->start : c->t[s->party.adj].start;
		size_t e = s->party.m ? s->party.m->end : c->t[s->party.adj_end - 1].end;
		size_t verb = c->t[s->anchor].start;
		/* "Ukraine's defense ministry disputed": up to the last role noun */
		if (!s->pronoun && verb > e && verb - a <= ATTRIB_MAX && !memchr(text + e, ',', verb - e) &&
		    !memchr(text + e, '"', verb - e))
			for (size_t i = 0; i < s->anchor; i++)
				if (c->t[i].start >= e && IN(c->t[i].w, role_nouns))
					e = c->t[i].end;
		qy_buf_append(&b, text + a, e - a);
	} else if (s->seg < s->anchor) {
		qy_buf_append(&b, text + c->t[s->seg].start,
			      c->t[s->anchor - 1].end - c->t[s->seg].start);
	}
	/* a medium that is itself the named speaker ("Reuters reported") */
	bool named = s->media.m && !s->party.p.actor && s->seg < s->anchor &&
		     s->media.m->start >= c->t[s->seg].start;
	if (s->media.m && !named) {
		bool via = b.len > 0;
		qy_buf_puts(&b, via ? " (via " : "");
		qy_buf_append(&b, text + s->media.m->start, s->media.m->end - s->media.m->start);
		if (via)
			qy_buf_putc(&b, ')');
	}
	if (b.len == 0)
		return NULL;
	return qy_buf_detach(&b);
}

/* True when a negation reaches predicate token i: within NEG_WINDOW tokens
 * before it, not across a comma, "and" or "but". */
static bool negated(const ctx *c, size_t ca, size_t i)
{
	for (size_t k = 1; k <= NEG_WINDOW && i >= ca + k; k++) {
		const tok *t = &c->t[i - k];
		if (memchr(c->src->text + t->end, ',', c->t[i - k + 1].start - t->end))
			return false;
		if (strcmp(t->w, "and") == 0 || strcmp(t->w, "but") == 0)
			return false;
		if (is_negator(t->w))
			return true;
		/* "far from capturing Bakhmut" */
		if (strcmp(t->w, "from") == 0 && i - k > ca && strcmp(c->t[i - k - 1].w, "far") == 0)
			return true;
	}
	return false;
}

/* "On 23 May", "in May", "early May 2022": the month, not "Ukraine May
 * Pull Back" in a headline's capitals. */
static bool month_may(const ctx *c, size_t j)
{
	static const char *const before[] = {
		"in", "of", "early", "late", "mid", "since", "by", "until", "on", "last", "this",
		"next", "end",
	};
	bool digit_before = j > 0 && c->t[j - 1].w[0] >= '0' && c->t[j - 1].w[0] <= '9';
	bool digit_after = j + 1 < c->nt && c->t[j + 1].w[0] >= '0' && c->t[j + 1].w[0] <= '9';
	return c->t[j].cap && (digit_before || digit_after || (j > 0 && IN(c->t[j - 1].w, before)));
}

/* "seeking to control", "if Russian forces capture", "this control would". */
static bool intended(const ctx *c, size_t ca, size_t cb, size_t i)
{
	/* "fighting for control of Bakhmut", "the bid for control": a contest,
	 * not "praised the troops for holding" */
	static const char *const contests[] = {
		"battle", "battles", "fight", "fighting", "fights", "struggle", "bid", "race",
		"push", "offensive", "campaign",
	};
	if (i >= ca + 2 && strcmp(c->t[i - 1].w, "for") == 0 && IN(c->t[i - 2].w, contests))
		return true;
	for (size_t k = 1; k <= 4 && i >= ca + k; k++) {
		size_t j = i - k;
		if (strcmp(c->t[j].w, "may") == 0 && month_may(c, j))
			continue;
		if (IN(c->t[j].w, intent_words))
			return true;
	}
	for (size_t k = 1; k <= 2 && i + k < cb; k++)
		if (strcmp(c->t[i + k].w, "would") == 0 || strcmp(c->t[i + k].w, "could") == 0)
			return true;
	return false;
}

/* A predicate speaks of the target only near a mention of it or of "the
 * city": "Toretsk ... close to territories seized by Russia in 2014" does not. */
static bool near_target(const ctx *c, size_t i)
{
	size_t w = c->fam == QY_FAM_ATTACK || c->fam == QY_FAM_FIGHTING ? NEAR_WINDOW_ATTACK
									 : NEAR_WINDOW;
	size_t lo = i > w ? i - w : 0;
	size_t hi = i + w < c->nt ? i + w : c->nt - 1;
	for (size_t k = lo; k <= hi; k++)
		if (c->ref[k])
			return true;
	return false;
}

typedef struct reading {
	const char *holder;  /* side holding the place per the clause */
	agent agent;         /* who acted */
	enum pred_kind kind;
	bool negated;
	size_t at;           /* the predicate's token */
} reading;

/* "Ukrainian units ... were surrounded": the party before a passive
 * encirclement is the one encircled, not the one encircling. */
static bool passive_encirclement(const ctx *c, size_t ca, size_t i)
{
	static const char *const enc[] = { "encircled", "surrounded", "blockaded", "trapped" };
	static const char *const be[] = { "was", "were", "is", "are", "been", "being", "be" };
	if (!IN(c->t[i].w, enc))
		return false;
	for (size_t k = 1; k <= 2 && i >= ca + k; k++)
		if (IN(c->t[i - k].w, be))
			return true;
	return false;
}

/* The side of the adjective just before a state noun ("under Russian
 * control", "no full Ukrainian control", "in Russian hands"). */
static const char *state_adjective(const ctx *c, size_t ca, size_t i)
{
	static const char *const fillers[] = { "full", "complete", "total", "effective", "the" };
	for (size_t k = 1; k <= 3 && i >= ca + k; k++) {
		const char *side = adjective_side(c->t[i - k].w);
		if (side)
			return side;
		if (!IN(c->t[i - k].w, fillers))
			break;
	}
	return NULL;
}

/* The side named just before a gain noun or participle: "Russian-occupied
 * Melitopol", "the Russian seizure of Avdiivka", "Russian occupation".  Not
 * an occupation that is over: "after eight months of Russian occupation",
 * "liberated from the Russian occupation", "ended the Russian occupation". */
static const char *gain_adjective(const ctx *c, size_t ca, size_t i)
{
	/* not "from": "deported from Russian-occupied Mariupol" is an occupation
	 * going on; "liberated from the Russian occupation" is caught by its verb */
	static const char *const past[] = {
		"after", "during", "since", "before", "end", "ended", "ending", "ends",
		"months", "years", "weeks", "liberated", "freed", "free",
	};
	if (i <= ca || gap_breaks(c, i))
		return NULL;
	for (size_t k = 2; k <= 4 && i >= ca + k; k++)
		if (IN(c->t[i - k].w, past))
			return NULL;
	return adjective_side(c->t[i - 1].w);
}

/* "pushed into" gains, "pushed out of" and "pulled back" lose, a bare
 * "pushed" says nothing. */
static enum pred_kind directed_kind(const ctx *c, size_t i, size_t cb, enum pred_kind k)
{
	static const char *const be[] = { "is", "was", "were", "are", "been", "be", "nothing",
					  "little", "anything", "remain", "remained" };
	static const char *const after_left[] = { "of", "behind", "over", "standing", "alive",
						  "in", "to", "with", "without" };
	const char *w = c->t[i].w;
	const char *next = i + 1 < cb ? c->t[i + 1].w : "";
	/* "nothing is left of the city", "civilians left behind": what remains */
	if (!strcmp(w, "left") && ((i > 0 && IN(c->t[i - 1].w, be)) || IN(next, after_left)))
		return P_NONE;
	/* "fell back", "fall back to prepared positions": a retreat */
	if (k == P_FALL && (!strcmp(next, "back") || !strcmp(next, "behind")))
		return P_LOSS;
	if (strcmp(w, "pushed") && strcmp(w, "pull") && strcmp(w, "pulled"))
		return k;
	if (!strcmp(next, "out") || !strcmp(next, "back") || !strcmp(next, "away"))
		return P_LOSS;
	if (!strcmp(next, "into") || !strcmp(next, "through"))
		return P_GAIN;
	return P_NONE;
}

/* "its forces had struck", "our units hit": the speaker's side, within
 * three tokens before predicate token i. */
static bool own_words_before(const ctx *c, size_t ca, size_t i)
{
	static const char *const own[] = { "its", "their", "our", "we", "his", "her" };
	for (size_t k = 1; k <= 3 && i >= ca + k; k++)
		if (IN(c->t[i - k].w, own))
			return true;
	return false;
}

/* The party after "by", "to", "into" or "of" at predicate i, before ahead:
 * not past a comma ("control of Bakhmut, Ukraine says"), and not a
 * possessive of the target itself ("control of Ukraine's Bakhmut", within
 * five tokens). The tokenizer folds a curly apostrophe to "'". */
static agent agent_after(const ctx *c, size_t i, size_t ahead)
{
	agent none = { { NULL, NULL, false }, NULL, 0, 0 };
	for (size_t k = i + 2; k < ahead; k++)
		if (gap_breaks(c, k)) {
			ahead = k;
			break;
		}
	agent ag = find_party(c, i + 1, ahead, false, false);
	if (!ag.p.actor)
		return ag;
	size_t end = ag.m ? ag.m->first_token + ag.m->n_tokens : ag.adj_end;
	size_t len = end > 0 && end - 1 < c->nt ? strlen(c->t[end - 1].w) : 0;
	const char *w = len ? c->t[end - 1].w : "";
	bool poss = len > 2 && strcmp(w + len - 2, "'s") == 0;
	/* "of Ukraine's Bakhmut", "of Ukraine's eastern city of Bakhmut" */
	for (size_t k = end; poss && k < end + 5 && k < c->nt; k++)
		if (c->ref[k])
			return none;
	return ag;
}

/* Reads the first predicate of the clause that says who holds the place
 * (for ATTACK and FIGHTING: who acted). */
static bool read_predicate(const ctx *c, size_t ca, size_t cb, const speaker *s, reading *r)
{
	memset(r, 0, sizeof *r);
	for (size_t i = ca; i < cb; i++) {
		enum pred_kind k = directed_kind(c, i, cb, pred_kind_of(c->t[i].w));
		if (!kind_in_family(k, c->fam) || intended(c, ca, cb, i) || !near_target(c, i))
			continue;
		/* a whole country is not taken or lost in a sentence */
		if (c->country && k != P_ATTACK && k != P_FIGHT)
			continue;
		const char *holder = NULL;
		bool named = false;   /* the holder is named by an adjective of the gain */
		agent ag = { { NULL, NULL, false }, NULL, 0, 0 };
		bool by = i + 1 < cb && (strcmp(c->t[i + 1].w, "by") == 0 || strcmp(c->t[i + 1].w, "to") == 0 ||
					 strcmp(c->t[i + 1].w, "into") == 0 || strcmp(c->t[i + 1].w, "of") == 0);
		size_t ahead = i + 6 < cb ? i + 6 : cb;
		if ((k == P_STATE && (holder = state_adjective(c, ca, i)) != NULL) ||
		    (k == P_GAIN && (holder = gain_adjective(c, ca, i)) != NULL)) {
			named = k == P_GAIN;
			ag.p.side = holder;
			ag.p.actor = holder;
		} else {
			/* "Russian attacks": the predicate is part of its agent's mention */
			const qy_mention *self = mention_at(c, i);
			if (self && self->type != QY_ENT_PLACE) {
				party p = party_of(c, self);
				if (p.actor) {
					ag.p = p;
					ag.m = self;
				}
			}
			if (!ag.p.actor && by)
				ag = agent_after(c, i, ahead);
			/* who struck is named in the reported words, after "said" */
			size_t from = ca;
			if ((k == P_ATTACK || k == P_FIGHT) && s->party.p.actor && s->anchor < i)
				from = s->anchor + 1;
			if (!ag.p.actor && k != P_FALL) {
				ag = find_party(c, from, i, true, false);
				if (ag.p.actor && passive_encirclement(c, ca, i)) {
					ag.p.side = other_side(ag.p.side);
					ag.p.actor = ag.p.side;
					ag.m = NULL;
				}
			}
			/* the speaker did it, but strikes only when it says so: "its
			 * forces had struck", not "a repeat strike" */
			if (!ag.p.actor && k != P_FALL && s->party.p.actor &&
			    ((k != P_ATTACK && k != P_FIGHT) || own_words_before(c, ca, i)))
				ag = s->party;
			if (k == P_LOSS)
				holder = other_side(ag.p.side);
			else if (k == P_FALL)
				holder = ag.p.actor ? ag.p.side : "russia";
			else
				holder = ag.p.side;
		}
		if (!holder && !ag.p.actor)
			continue;
		/* "won't reach Russian-occupied Melitopol": the negation is of
		 * another verb, the adjective still names the holder */
		r->negated = !named && negated(c, ca, i);
		if (r->negated)
			holder = other_side(holder);
		r->holder = k == P_ATTACK || k == P_FIGHT ? NULL : holder;
		if (r->holder && strcmp(r->holder, "other") == 0)
			r->holder = NULL;
		r->agent = ag;
		r->kind = k;
		r->at = i;
		return true;
	}
	return false;
}

static bool clause_has(const ctx *c, size_t ca, size_t cb, const char *const *list, size_t n)
{
	for (size_t i = ca; i < cb; i++) {
		if (in_list(c->t[i].w, list, n) && !noun_use(c, i))
			return true;
		/* "not true" */
		if (list == deny_words && strcmp(c->t[i].w, "true") == 0 && i > ca &&
		    is_negator(c->t[i - 1].w))
			return true;
	}
	return false;
}

#define HAS(list) clause_has(c, ca, cb, (list), sizeof(list) / sizeof((list)[0]))

static void emit(const ctx *c, size_t ca, size_t sa, size_t sb, const char *actor,
		 const char *side, qy_stance stance, const char *holder, const speaker *s,
		 qy_claims *out)
{
	qy_claim cl;
	const qy_claim_source *src = c->src;

	memset(&cl, 0, sizeof cl);
	/* Copies: a claim outlives the gazetteer its ids come from (results
	 * may be read after their searcher is closed). */
	cl.actor = qy_strdup(actor);
	cl.side = norm_side(side);
	cl.stance = stance;
	cl.holder = holder;
	if (s->party.m) {
		cl.speaker = qy_strdup(s->party.m->id);
		cl.speaker_type = s->party.m->type;
	} else if (s->media.m) {
		cl.speaker = qy_strdup(s->media.m->id);
		cl.speaker_type = s->media.m->type;
	}
	cl.place = qy_strdup(c->place);
	if (src->date && strlen(src->date) == 10)
		memcpy(cl.date, src->date, 11);
	cl.date_inferred = cl.date[0] ? src->date_inferred : 0;
	cl.article = qy_strdup(src->article ? src->article : "");
	cl.passage = src->passage;
	cl.quote = qy_strndup(src->text + sa, sb - sa);
	cl.attribution = attribution(c, s);
	cl.quote_start = sa;
	cl.clause_off = c->t[ca].start > sa ? c->t[ca].start - sa : 0;
	qy_claims_push(out, &cl);
}

/* True when the clause names a party of side (besides the speaker): "Russia
 * will reduce military activity near Kiev, Fomin said". */
static bool names_own_side(const ctx *c, size_t ca, size_t cb, const speaker *s, const char *side)
{
	size_t lo = speaker_floor(c, ca, s->anchor);
	for (size_t i = ca; i < cb; i++) {
		const qy_mention *m = mention_at(c, i);
		/* the words naming the speaker ("Governor Oleh Syniehubov") */
		if ((m && m == s->party.m) || (i >= lo && i <= s->anchor) ||
		    IN(c->t[i].w, local_officials))
			continue;
		if (!s->party.m && s->party.p.actor && i >= s->party.adj && i < s->party.adj_end)
			continue;
		agent a = find_party(c, i, i + 1, false, false);
		if (a.p.actor && a.p.side == side)
			return true;
	}
	return false;
}

/* One clause [ca, cb) of the sentence text [sa, sb): at most one claim. */
static size_t read_clause(const ctx *c, size_t ca, size_t cb, size_t sa, size_t sb, qy_claims *out)
{
	speaker s;
	reading r;

	find_speaker(c, ca, cb, &s);
	bool have_pred = read_predicate(c, ca, cb, &s, &r);
	bool deny = HAS(deny_words), confirm = HAS(confirm_words), claim = HAS(claim_words);
	bool war = c->fam == QY_FAM_ATTACK || c->fam == QY_FAM_FIGHTING;
	if (!war && HAS(repel_words))
		deny = true;
	const party *sp = s.party.p.actor ? &s.party.p : NULL;
	const char *own = sp ? sp->side : NULL;
	bool party_side = own && strcmp(own, "other") != 0;
	qy_stance st = QY_STANCE_REPORTS;
	const char *holder = have_pred ? r.holder : NULL;
	const char *actor = sp ? sp->actor : (have_pred ? r.agent.p.actor : NULL);
	const char *side = sp ? sp->side : (have_pred ? r.agent.p.side : NULL);

	/* Asked what someone said about a place ("what did the Kremlin say
	 * about Soledar"), any statement of a party counts. */
	bool said = sp && (c->fam == QY_FAM_NONE ||
			   (party_side && names_own_side(c, ca, cb, &s, own)));
	if (!have_pred && !(sp && (deny || confirm || claim)) && !said)
		return 0;
	/* "conflicting claims about whether Russians have seized it" asserts nothing */
	if (clause_has(c, ca, cb, (const char *const[]){ "whether" }, 1))
		return 0;
	if (!actor)
		return 0;
	if (deny) {
		st = QY_STANCE_DENIES;
		/* a party denies the other side's control; anyone else negates it */
		holder = party_side ? own : other_side(holder);
	} else if (party_side && holder) {
		bool defends = strcmp(own, "ukraine") == 0 && strcmp(holder, own) == 0 &&
			       (r.kind == P_STATE || (r.negated && r.kind != P_GAIN));
		if (defends)
			st = QY_STANCE_DENIES;
		else
			st = strcmp(holder, own) == 0 ? QY_STANCE_CLAIMS : QY_STANCE_CONFIRMS;
		if (r.kind == P_LOSS && IN(c->t[r.at].w, euphemisms) && r.agent.p.side &&
		    strcmp(r.agent.p.side, own) == 0) {
			st = QY_STANCE_CLAIMS;   /* "regrouping": a plan, says the side */
			holder = NULL;
		}
	} else if (have_pred && (r.kind == P_ATTACK || r.kind == P_FIGHT) && party_side &&
		   r.agent.p.side) {
		/* an attack: by the speaker's own side is a claim, by the other a report */
		st = strcmp(r.agent.p.side, own) == 0 && r.kind == P_ATTACK ? QY_STANCE_CLAIMS
									 : QY_STANCE_REPORTS;
		if (confirm)
			st = QY_STANCE_CONFIRMS;
	} else if (claim) {
		st = QY_STANCE_CLAIMS;
	} else if (confirm) {
		st = QY_STANCE_CONFIRMS;
	} else if (have_pred && !sp && r.kind == P_LOSS) {
		st = QY_STANCE_CONFIRMS;   /* a side's own withdrawal */
	} else if (!have_pred && party_side && names_own_side(c, ca, cb, &s, own)) {
		st = QY_STANCE_CLAIMS;     /* a side speaking of its own actions */
	}
	emit(c, ca, sa, sb, actor, side, st, holder, &s, out);
	return 1;
}

/* A party beginning at token j and speaking within two tokens after it
 * ("the Kremlin urged", "Russia first claimed"). */
static bool speech_at(const ctx *c, size_t j, size_t tb)
{
	size_t end = 0;
	if (j < tb && strcmp(c->t[j].w, "the") == 0)
		j++;
	if (j >= tb)
		return false;
	const qy_mention *m = mention_at(c, j);
	if (m && m->first_token == j && party_of(c, m).actor)
		end = m->first_token + m->n_tokens;
	else if (!adjective_party(c, j, tb, &end))
		return false;
	for (size_t k = end; k < end + 2 && k < tb; k++) {
		if (IN(c->t[k].w, speech_words))
			return true;
		if (gap_breaks(c, k))
			break;
	}
	return false;
}

static bool starts_clause(const ctx *c, size_t i, size_t sa_tok, size_t tb)
{
	if (i == sa_tok)
		return false;
	if (IN(c->t[i].w, clause_words))
		return true;
	/* a second statement joined on: "... and the Kremlin urged caution" */
	if (IN(c->t[i].w, joiners) && speech_at(c, i + 1, tb))
		return true;
	const char *text = c->src->text;
	return memchr(text + c->t[i - 1].end, ';', c->t[i].start - c->t[i - 1].end) != NULL;
}

/* "Makariv, a town west of Kyiv": the place is a landmark for another one.
 * Not for attack and fighting questions: "fighting north of Bakhmut" is
 * fighting for Bakhmut. */
static bool reference_point(const ctx *c, const qy_mention *m)
{
	static const char *const directions[] = {
		"north", "south", "east", "west", "northeast", "northwest", "southeast",
		"southwest", "km", "kilometres", "kilometers", "miles",
	};
	size_t f = m->first_token;
	if (c->fam == QY_FAM_ATTACK || c->fam == QY_FAM_FIGHTING || f < 2 || f > c->nt)
		return false;
	return strcmp(c->t[f - 1].w, "of") == 0 && IN(c->t[f - 2].w, directions);
}

/* Whether mention m names the target: the place itself; for a country
 * also the country as a party ("through Ukraine"); for strikes and
 * fighting also the oblast named after a city ("in the Kharkiv region"). */
static bool is_target(const ctx *c, const qy_mention *m)
{
	if (!m->id)
		return false;
	if (m->type == QY_ENT_PLACE && reference_point(c, m))
		return false;
	if (m->type == QY_ENT_PLACE && strcmp(m->id, c->place) == 0)
		return true;
	/* the self-proclaimed republics are named for their regions */
	static const struct { const char *actor, *region; } republics[] = {
		{ "lpr", "luhansk-oblast" }, { "dpr", "donetsk-oblast" },
	};
	for (size_t i = 0; m->type == QY_ENT_ACTOR && i < 2; i++)
		if (!strcmp(m->id, republics[i].actor) && !strcmp(c->place, republics[i].region))
			return true;
	if (m->type == QY_ENT_ACTOR && strcmp(m->id, c->place) == 0) {
		const char *pt = qy_gazetteer_place_type(c->g, c->place);
		return pt && strcmp(pt, "country") == 0;
	}
	if (m->type == QY_ENT_PLACE && (c->fam == QY_FAM_ATTACK || c->fam == QY_FAM_FIGHTING)) {
		size_t n = strlen(c->place);
		return strncmp(m->id, c->place, n) == 0 && strcmp(m->id + n, "-oblast") == 0;
	}
	return false;
}

static bool names_target(const ctx *c, size_t sa, size_t sb)
{
	for (size_t k = 0; k < c->src->n_mentions; k++) {
		const qy_mention *m = &c->src->mentions[k];
		if (m->start >= sa && m->end <= sb && is_target(c, m))
			return true;
	}
	return false;
}

/* "the city" after a sentence about the target, and no other town named. */
static bool refers_back(const ctx *c, size_t ta, size_t tb, size_t sa, size_t sb)
{
	for (size_t k = 0; k < c->src->n_mentions; k++) {
		const qy_mention *m = &c->src->mentions[k];
		if (m->start >= sa && m->end <= sb && m->type == QY_ENT_PLACE && m->id &&
		    !is_target(c, m)) {
			const char *pt = qy_gazetteer_place_type(c->g, m->id);
			if (!pt || (strcmp(pt, "oblast") != 0 && strcmp(pt, "country") != 0 &&
				    strcmp(pt, "region") != 0 && strcmp(pt, "raion") != 0))
				return false;
		}
	}
	for (size_t i = ta; i < tb; i++)
		if (is_anaphor(c, c->t[i].w))
			return true;
	return false;
}

static size_t tokenize(const char *text, size_t len, tok **out)
{
	qy_tokenizer tz;
	qy_token t;
	size_t n = 0, cap = 64;
	tok *a = qy_malloc(cap * sizeof *a);

	qy_tokenizer_init(&tz, text, len);
	while (qy_tokenizer_next(&tz, &t)) {
		if (n == cap)
			a = qy_realloc(a, (cap *= 2) * sizeof *a);
		a[n].start = t.start;
		a[n].end = t.end;
		a[n].cap = (t.flags & (QY_TOK_CAPITALIZED | QY_TOK_ALLCAPS)) != 0;
		if (t.len < WORD_MAX)
			memcpy(a[n].w, t.text, t.len + 1);
		else
			a[n].w[0] = '\0';
		n++;
	}
	*out = a;
	return n;
}

size_t qy_claims_extract(const qy_gazetteer *g, const qy_claim_source *src, const char *place_id,
			 qy_family fam, qy_claims *out)
{
	const char *pt = place_id ? qy_gazetteer_place_type(g, place_id) : NULL;
	ctx c = { g, src, place_id, fam, NULL, 0, NULL, src->topic != 0,
		  pt && strcmp(pt, "country") == 0,
		  pt && (strcmp(pt, "site") == 0 || strcmp(pt, "river") == 0),
		  { { NULL, NULL, false }, NULL, 0, 0 } };
	qy_spans sents = QY_SPANS_INIT;
	size_t added = 0, tok_i = 0;
	long last_hit = -10;

	if (!src->text || !place_id)
		return 0;
	c.nt = tokenize(src->text, src->len, &c.t);
	c.ref = qy_calloc(c.nt + 1, sizeof *c.ref);
	for (size_t k = 0; k < src->n_mentions; k++) {
		const qy_mention *m = &src->mentions[k];
		if (is_target(&c, m)) {
			c.about = true;
			for (size_t i = m->first_token; i < m->first_token + m->n_tokens && i < c.nt; i++)
				c.ref[i] = true;
		}
	}
	for (size_t i = 0; i < c.nt; i++)
		if (is_anaphor(&c, c.t[i].w))
			c.ref[i] = true;
	qy_split_sentences(src->text, src->len, &sents);
	for (size_t si = 0; si < sents.count; si++) {
		size_t sa = sents.items[si].start, sb = sents.items[si].end;
		while (tok_i < c.nt && c.t[tok_i].start < sa)
			tok_i++;
		size_t ta = tok_i, tb = ta;
		while (tb < c.nt && c.t[tb].end <= sb)
			tb++;
		bool hit = names_target(&c, sa, sb);
		/* "the city", "the claim": in a passage about the target (a
		 * paragraph naming it, or an article whose title does), or
		 * just after a sentence naming it */
		if (!hit && (c.about || (long)si - last_hit <= 2) && refers_back(&c, ta, tb, sa, sb))
			hit = true;
		if (hit) {
			last_hit = (long)si;
			size_t ca = ta;
			for (size_t i = ta; i <= tb; i++) {
				if (i < tb && !starts_clause(&c, i, ta, tb))
					continue;
				if (i > ca)
					added += read_clause(&c, ca, i, sa, sb, out);
				ca = i;
			}
		}
		/* who "he" or "it" is in the next sentence */
		agent subj = find_party(&c, ta, tb, false, false);
		if (subj.p.actor)
			c.subject = subj;
	}
	qy_spans_free(&sents);
	free(c.ref);
	free(c.t);
	return added;
}

/* The title names the place and no other settlement: then "the city" in
 * any paragraph of the article is the place ("Ukrainian troops enter
 * Kherson as Russia completes pullback across the Dnipro" names two). */
static int title_is_about(const qy_gazetteer *g, const char *title, const char *place_id)
{
	qy_mentions tm = QY_MENTIONS_INIT;
	int named = 0, others = 0;
	qy_tag_entities(g, title, strlen(title), &tm);
	for (size_t i = 0; i < tm.count; i++) {
		const qy_mention *m = &tm.items[i];
		if (m->type != QY_ENT_PLACE || !m->id)
			continue;
		const char *pt = qy_gazetteer_place_type(g, m->id);
		if (strcmp(m->id, place_id) == 0)
			named = 1;
		else if (pt && (!strcmp(pt, "city") || !strcmp(pt, "town") || !strcmp(pt, "village")))
			others = 1;
	}
	qy_mentions_free(&tm);
	return named && !others;
}

/* Tags text, a piece of rec's article cited as passage, and reads it. */
static size_t claims_of_text(const qy_gazetteer *g, const char *text, size_t len,
			     const qy_record *rec, unsigned passage, int topic,
			     const char *place_id, qy_family fam, qy_claims *out)
{
	qy_mentions ms = QY_MENTIONS_INIT;

	qy_tag_entities(g, text, len, &ms);
	qy_claim_source src = {
		text, len, ms.items, ms.count, rec->article, passage,
		rec->date, rec->date_inferred, topic,
	};
	size_t n = qy_claims_extract(g, &src, place_id, fam, out);
	qy_mentions_free(&ms);
	return n;
}

size_t qy_claims_from_record(const qy_gazetteer *g, const qy_record *rec, const char *place_id,
			     qy_family fam, qy_claims *out)
{
	int topic = rec->title && place_id ? title_is_about(g, rec->title, place_id) : 0;
	return claims_of_text(g, rec->text, rec->text_len, rec, rec->passage, topic, place_id,
			      fam, out);
}

size_t qy_claims_from_title(const qy_gazetteer *g, const qy_record *rec, const char *place_id,
			    qy_family fam, qy_claims *out)
{
	if (!rec->title || !place_id)
		return 0;
	return claims_of_text(g, rec->title, strlen(rec->title), rec, 0, 0, place_id, fam, out);
}

const char *qy_stance_name(qy_stance s)
{
	static const char *const names[] = { "reports", "claims", "denies", "confirms" };
	return (unsigned)s < 4 ? names[s] : "reports";
}

void qy_claims_push(qy_claims *out, qy_claim *c)
{
	if (out->count == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 8;
		out->items = qy_realloc(out->items, out->cap * sizeof *out->items);
	}
	out->items[out->count++] = *c;
	memset(c, 0, sizeof *c);
}

void qy_claim_free(qy_claim *c)
{
	free(c->actor);
	free(c->speaker);
	free(c->place);
	free(c->article);
	free(c->quote);
	free(c->attribution);
	memset(c, 0, sizeof *c);
}

void qy_claims_free(qy_claims *c)
{
	for (size_t i = 0; i < c->count; i++)
		qy_claim_free(&c->items[i]);
	free(c->items);
	c->items = NULL;
	c->count = c->cap = 0;
}
