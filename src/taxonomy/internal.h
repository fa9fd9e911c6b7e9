/* taxonomy internals shared by norm.c, index.c, index_search.c and extract.c: the tokeniser that turns text into
 * folded words and stems. */
#pragma once
#include <stdbool.h>
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
 * "hidden", "otherlang", "isco"; for job titles "titlechar", "titleedit", "headsyn", "headmod", "headmiss",
 * "otherfuzzy", "multi", "decay", "up"; before tax_index_build: "cidf", "cgram"). Returns -1 for an unknown name. Not thread-safe. */
int tax_tune(const char *name, double v);
/* The share of a concept's further matching labels that tax_search adds to its best label's score (each further label
 * counts *decay of the one before): the benchmark orders MELO concepts the same way. */
double tax_concept_weight(double *decay);
/* index.c: how much a word's (cidf) and a trigram's (cgram) rarity among concepts counts beside its rarity among
 * labels, 0..1 (1: concepts only). Set by tax_tune; read by tax_index_build. */
extern double tax_w_cidf, tax_w_cgram;
/* The ISCO unit group concept of occupation concept c in ix (UINT32_MAX: none, or not in the index) and, in *w, the
 * share of the occupation's score that the group gets at least (tax_search; 0: off). */
struct tax_index;
uint32_t tax_concept_group(const struct tax_index *ix, uint32_t c, double *w);

/* ---- the index's layout (index.c builds it; extract.c reads it) ---- */

enum { MAX_LANGS = 64 };

struct tconcept {
	uint32_t uri, code; /* pool offsets */
	uint32_t lab_first, lab_n; /* into clab */
	uint32_t group; /* an occupation's ISCO unit group concept in this index, or UINT32_MAX */
	uint8_t kind;
	char isco[5];
};

struct tlabel {
	uint32_t concept, text, tok;
	uint16_t ntok;
	uint8_t lang, type, kind;
	float gnorm;
};

struct ttok {
	uint32_t cp;
	uint16_t len;
	float w;
	uint64_t stem;
};

struct post {
	uint32_t label;
	float w;
};

struct pair {
	uint64_t key;
	uint32_t label;
};
/* qsort's order of pairs: by key, then by label (the inverted lists and the first-word table share it). */
int tax_pair_cmp(const void *a, const void *b);

struct tax_index {
	char *pool;
	size_t npool, cpool;
	struct tconcept *c;
	size_t nc, cc;
	struct tlabel *l;
	size_t nl, cl;
	struct ttok *t;
	size_t nt, ct;
	int32_t *cps;
	size_t ncps, ccps;
	uint64_t *gkeys;
	uint32_t *goff;
	struct post *gpost;
	size_t ng;
	uint64_t *skeys;
	float *sw; /* each stem's word weight (idf), by skeys */
	size_t ns;
	uint32_t *clab;
	char langs[MAX_LANGS][12];
	int nlangs;
	double max_idf;
	struct tax_phrases *phrases; /* labels by their first word, for skill extraction (extract.c) */
};

/* extract.c: the first-word table of the skill labels, built at the end of tax_index_build; 0 or -1 (out of
 * memory). tax_phrases_free accepts NULL. */
struct tax_phrases;
int tax_phrases_build(struct tax_index *ix);
void tax_phrases_free(struct tax_phrases *p);
/* index.c: the label to show for concept c (preferred in lang, else English, else any) and the language number. */
int tax_lang_id(const struct tax_index *ix, const char *lang);
const char *tax_display_label(const struct tax_index *ix, uint32_t concept, int lang);
/* Benchmark only, before any extraction: sets a weight of tax_suggest_skills by name ("phrase", "loose", "fuzzy",
 * "spec", "other", "alt", "more"). Returns -1 for an unknown name. Not thread-safe. */
int tax_tune_extract(const char *name, double v);
/* index.c, for index_search.c: the padded character trigrams of one folded word (at most max; returns how many), and
 * where key k stands in the sorted keys[n] ((size_t)-1 when absent). */
int tax_word_grams(const int32_t *cp, int len, uint64_t *out, int max);
size_t tax_find_key(const uint64_t *keys, size_t n, uint64_t k);
