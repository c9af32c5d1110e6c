/* utf8.h - private UTF-8 and punctuation helpers shared by the analysis splitters. */
#ifndef QY_ANALYSIS_UTF8_H
#define QY_ANALYSIS_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the character at text[pos] (pos < len) into *cp and returns its
 * length in bytes, or 0 for an invalid or truncated sequence. */
size_t qy_utf8_decode(const char *text, size_t len, size_t pos, int32_t *cp);

/* Bytes of the whitespace character at text[pos] (ASCII blanks, NBSP, the
 * U+2000 spaces, U+3000, BOM), or 0. */
size_t qy_utf8_space_at(const char *text, size_t len, size_t pos);

/* Bytes of the whitespace character that ends just before text[end], or 0. */
size_t qy_utf8_space_before(const char *text, size_t end);

/* Narrows [*start, *end) past leading and trailing whitespace. */
void qy_utf8_trim(const char *text, size_t *start, size_t *end);

/* True when text[pos] starts an upper- or title-case letter. */
bool qy_utf8_is_upper_at(const char *text, size_t len, size_t pos);

/* True when text[pos] starts a lower-case letter. */
bool qy_utf8_is_lower_at(const char *text, size_t len, size_t pos);

/* Returns the largest p <= pos that is not inside a multi-byte character. */
size_t qy_utf8_floor(const char *text, size_t len, size_t pos);

/* If a bullet marker ("- ", "* ", "• "...) starts the line at text[pos]
 * (after leading blanks), returns true. */
bool qy_utf8_is_bullet_line(const char *text, size_t len, size_t pos);

/* Bytes of the sentence terminator (. ! ? or U+2026) at text[pos], or 0. */
size_t qy_utf8_stop_at(const char *text, size_t len, size_t pos);

/* Bytes of the closing quote or bracket at text[pos], or 0. */
size_t qy_utf8_closer_at(const char *text, size_t len, size_t pos);

/* True when text[start..end), trailing blanks and closing quotes aside,
 * ends with a sentence terminator. */
bool qy_utf8_ends_with_stop(const char *text, size_t start, size_t end);

#endif
