/* fold: the search form of a name, and its Latin spelling. One function for both sides of a search (the terms stored
 * per row and the words of a query), so Äijälä, AIJALA and aijala meet, and Иван Петров is found as "ivan petrov".
 * ICU transforms: "Any-Latin" (other scripts transliterated), marks removed, "Latin-ASCII" (æ -> ae, ß -> ss),
 * apostrophes removed (a word stays one word: Ольга -> olga, O'Brien -> obrien), then lower case. One
 * transliterator per thread (ICU transliterators are not shared between threads). */
#pragma once
#include <stdbool.h>
#include <stddef.h>

enum { FOLD_WORD_MAX = 48 }; /* a longer word is cut (at a character boundary) to this many bytes */

/* The folded form of UTF-8 text s (lower-case ASCII where a transliteration exists; letters ICU cannot transliterate
 * stay as they are, lower-cased). A malloc'd string, NULL when out of memory or s is not valid UTF-8. */
char *fold_search(const char *s);

enum { FOLD_SPELLINGS_MAX = 3 };

/* The folded forms of s that the search index keeps, so that a search by a Latin spelling finds it: out[0] is
 * fold_search(s); text with Cyrillic letters also gets the passport spellings (BGN/PCGN for Russian and for
 * Ukrainian: Ольга Щукина -> olga shchukina, olha shchukina), each only when it differs from those before. Returns
 * how many (each malloc'd), 0 when out of memory or s is not valid UTF-8. The query side needs only fold_search: a
 * Latin query folds the same in every spelling. */
size_t fold_search_spellings(const char *s, char *out[FOLD_SPELLINGS_MAX]);

/* The Latin spelling of s to show beside it ("Ivan Petrov" for Иван Петров, case kept, accents removed), or NULL
 * when s has no letter of another script than Latin (nothing to show) or on failure. malloc'd. */
char *fold_latin(const char *s);

/* Splits folded text into words (at white space and . , @ - ( ) / ; : ' " +), calling fn(word, len, arg) for each
 * (len <= FOLD_WORD_MAX); stops and returns fn's first non-zero answer. */
int fold_words(const char *folded, int (*fn)(const char *w, size_t len, void *arg), void *arg);

/* The length of the longest prefix of w (at most max bytes) that ends at a UTF-8 character boundary. */
size_t fold_cut(const char *w, size_t len, size_t max);
