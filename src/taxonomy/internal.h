/* taxonomy internals shared by norm.c and index.c: the tokeniser that turns text into folded words and stems. */
#pragma once
#include <stddef.h>
#include <stdint.h>

enum { TAX_MAX_TOKENS = 64, TAX_MAX_TOKLEN = 48 }; /* per text; longer words are cut (code points) */

struct tax_token {
	int32_t cp[TAX_MAX_TOKLEN]; /* folded surface form (case folded, NFKC, accents removed), code points */
	int len;
	uint64_t stem; /* hash of the folded Snowball stem (= of the surface form when no stemmer) */
};

/* A tokenising context: ICU break iterator and Snowball stemmers, reused across calls by one thread only. */
struct tax_norm;
struct tax_norm *tax_norm_new(void);
void tax_norm_free(struct tax_norm *n);
/* Tokenises text (at most TAX_MAX_TEXT bytes, any bytes) into up to max tokens; returns how many. stem_lang: the
 * language whose stemmer applies ("" or unknown: none). *trailing_space tells whether text ends in a separator
 * (a search-as-you-type query whose last word is complete). */
int tax_norm_tokens(struct tax_norm *n, const char *text, const char *stem_lang, struct tax_token *out, int max,
                    int *trailing_space);
uint64_t tax_hash_cps(const int32_t *cp, int len, uint64_t seed);
/* Benchmark only, before any search: sets a scoring weight by name ("char", "qcov", "prefix", "edit", "part", "alt",
 * "hidden", "otherlang"). Returns -1 for an unknown name. Not thread-safe. */
int tax_tune(const char *name, double v);
