/*
 * sentences.h - splits a paragraph of prose into sentences.
 *
 * A sentence ends after . ! ? (and … or "...") followed by optional
 * closing quotes/brackets, whitespace and an upper-case letter, digit or
 * opening quote; so a stop inside a number (1.5, "U.S.-backed") or before a
 * lower-case word (“Go!” he said) ends nothing.  A lone full stop after an
 * abbreviation ends nothing either: titles and the like (Mr., Gen., Inc.,
 * etc., vs.), dotted forms (U.S., U.K., e.g.), single capital initials
 * ("J. R. Smith"), and month names and No. before a number ("Jan. 10",
 * "No. 5").  A bullet line ("- ", "* ", "• ", "· ", "– ") is a sentence of
 * its own, and so is a line that ends without a stop (a headline) unless
 * the next line goes on in lower case; a blank line always ends one.
 */
#ifndef QY_SENTENCES_H
#define QY_SENTENCES_H

#include "span.h"

/* Appends to out the sentences of text[0..len), as byte spans with leading
 * and trailing whitespace trimmed.  Never fails. */
void qy_split_sentences(const char *text, size_t len, qy_spans *out);

#endif
