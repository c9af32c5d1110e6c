/*
 * tokenizer.h - splits UTF-8 text into word tokens, case-folded.
 *
 * A token is a run of letters (L*), digits (N*) and combining marks (M*,
 * inside a word only) of any script, with inner apostrophes (' or U+2019
 * between two letters: "don't", "Ukraine’s") and inner digit separators
 * (. or , between two digits: "30,000", "1.5").  A letter of another script
 * inside a word (seed 000's "аre" with a Cyrillic a) belongs to the word.
 * Leading and trailing apostrophes are not part of a token.
 *
 * Hyphens separate: "Russian-backed" gives "russian" then "backed" at
 * consecutive positions, so the query word "russian" finds it and the
 * phrase "russian backed" (or the query "Russian-backed", tokenized the
 * same way) matches it exactly; "2022-07-03" gives three numbers.
 *
 * Invalid UTF-8 bytes and NULs are treated as separators; they never
 * corrupt a neighbouring token and never stop the scan.  No allocation per
 * token: ASCII words are folded inline, others by utf8proc into a stack
 * buffer.
 *
 * The folded form is Unicode case-folded, NFC (utf8proc), with U+2019
 * turned into ASCII "'".  Tokens whose folded form exceeds QY_TOKEN_MAX
 * bytes are still reported (so positions stay right) with QY_TOK_TOO_LONG
 * set and text truncated at a character boundary; callers do not index them.
 */
#ifndef QY_TOKENIZER_H
#define QY_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>

#define QY_TOKEN_MAX 120   /* bytes of folded text kept; well under Xapian's 245 */

enum {
	QY_TOK_CAPITALIZED = 1 << 0,  /* first letter is upper/title case */
	QY_TOK_ALLCAPS     = 1 << 1,  /* two or more letters, all upper case ("LPR") */
	QY_TOK_NUMERIC     = 1 << 2,  /* made of digits (and separators) only */
	QY_TOK_TOO_LONG    = 1 << 3,  /* folded form was cut at QY_TOKEN_MAX */
	QY_TOK_HAS_DIGIT   = 1 << 4,  /* contains at least one digit */
};

typedef struct qy_token {
	size_t start;                    /* byte offset of the token in the text */
	size_t end;                      /* one past its last byte */
	unsigned flags;                  /* QY_TOK_* */
	size_t len;                      /* bytes in text */
	char text[QY_TOKEN_MAX + 8];     /* folded form, NUL-terminated */
} qy_token;

typedef struct qy_tokenizer {
	const char *text;   /* not owned */
	size_t len;
	size_t pos;         /* next byte to scan */
} qy_tokenizer;

void qy_tokenizer_init(qy_tokenizer *t, const char *text, size_t len);
/* Fills *out with the next token; returns false at the end of the text. */
bool qy_tokenizer_next(qy_tokenizer *t, qy_token *out);

/* Case-folds (and NFC-normalises, U+2019 to ') arbitrary UTF-8 into *out,
 * newly allocated and NUL-terminated; the caller frees it with free().
 * Invalid bytes and NULs are dropped.  Used for field values ("source:"). */
void qy_fold(const char *s, size_t len, char **out, size_t *out_len);

#endif
