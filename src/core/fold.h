/* fold: the search form of a name, and its Latin spelling. One function for both sides of a search (the terms stored
 * per row and the words of a query), so Äijälä, AIJALA and aijala meet, and Иван Петров is found as "ivan petrov".
 * ICU transforms: "Any-Latin" (other scripts transliterated), marks removed, "Latin-ASCII" (æ -> ae, ß -> ss),
 * then lower case. One transliterator per thread (ICU transliterators are not shared between threads). */
#pragma once
#include <stdbool.h>
#include <stddef.h>

enum { FOLD_WORD_MAX = 48 }; /* a longer word is cut (at a character boundary) to this many bytes */

/* The folded form of UTF-8 text s (lower-case ASCII where a transliteration exists; letters ICU cannot transliterate
 * stay as they are, lower-cased). A malloc'd string, NULL when out of memory or s is not valid UTF-8. */
char *fold_search(const char *s);

/* The Latin spelling of s to show beside it ("Ivan Petrov" for Иван Петров, case kept, accents removed), or NULL
 * when s has no letter of another script than Latin (nothing to show) or on failure. malloc'd. */
char *fold_latin(const char *s);

/* Splits folded text into words (at white space and . , @ - ( ) / ; : ' " +), calling fn(word, len, arg) for each
 * (len <= FOLD_WORD_MAX); stops and returns fn's first non-zero answer. */
int fold_words(const char *folded, int (*fn)(const char *w, size_t len, void *arg), void *arg);

/* The length of the longest prefix of w (at most max bytes) that ends at a UTF-8 character boundary. */
size_t fold_cut(const char *w, size_t len, size_t max);
