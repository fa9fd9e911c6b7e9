/* taxonomy: ESCO occupations and skills, ISCO-08 groups and ISCED-F fields — import into the tax_* tables and an
 * in-memory concept search over their multilingual labels (prefixes, alternative labels, case/accent folding, ICU
 * normalisation, Snowball stemming, Finnish/Swedish compounds through character n-grams, typos).
 *
 * Ownership: a struct tax_index is built once and then only read: any number of threads may call tax_search /
 * tax_map_title on it at once without locking. The strings in a struct tax_hit point into the index and stay valid
 * until tax_index_free; the hit arrays belong to the caller (a stack array, malloc or an arena).
 * Import runs in one store transaction: on any error nothing is kept and e names the file and line.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct store;
struct tax_index;
struct tax_builder;

/* Concept kinds, usable as a bit mask for searches (0 = every kind). Stored in tax_concepts.kind as the names
 * tax_kind_name gives: "occupation", "skill", "skillgroup", "isco", "isced". */
enum tax_kind { TAX_OCCUPATION = 1, TAX_SKILL = 2, TAX_SKILLGROUP = 4, TAX_ISCO = 8, TAX_ISCED = 16 };
enum tax_label_type { TAX_PREFERRED = 0, TAX_ALT = 1, TAX_HIDDEN = 2 }; /* stored as "preferred", "alt", "hidden" */

enum {
	TAX_MAX_TEXT = 1024,  /* bytes of a query or label looked at; the rest is ignored */
	TAX_MAX_LIMIT = 1000, /* most hits one search returns */
};

const char *tax_kind_name(enum tax_kind k);
/* "occupation", "skill", "skillgroup", "isco", "isced" (or "any" → 0). Returns -1 when unknown. */
int tax_kind_parse(const char *name);

/* ---- import ---- */

struct tax_import_stats {
	long concepts, labels, relations, broader; /* rows written (upserts included) */
	long skipped;                              /* rows naming a concept that does not exist (left out, counted) */
	long files;
	bool shipped_layout;                       /* dir was data/taxonomy (MANIFEST) rather than an ESCO-style folder */
};

/* Imports every taxonomy file found in dir: the shipped data/taxonomy layout, or an ESCO-style folder (esco/vX/ CSV files,
 * esco/derived, isco/, isced/, or official ESCO CSV exports occupations_XX.csv, skills_XX.csv, skillGroups_XX.csv,
 * ISCOGroups_XX.csv in any language, plain or .gz). Upserts concepts by URI; replaces labels per concept, language
 * and source; official ESCO labels of a language replace the 'osaaja' ones of that language. added/
 * occupations_XX_added.csv (conceptUri, altLabels) adds the project's own alternative labels with source
 * 'osaaja-added', kept beside the official ones. One transaction.
 * progress: print a progress line on stderr (the caller decides, e.g. only on a terminal). */
int tax_import_dir(struct store *s, const char *dir, bool progress, struct tax_import_stats *st, struct err *e);

/* ---- normalisation ---- */

/* Normalises text for matching: NFKC, case folding, accents/diacritics removed, ICU word segmentation (Thai too),
 * Snowball stem of each word when stem is true and lang is fi/sv/en/ru/ar. Writes the tokens separated by single
 * spaces into out (always NUL-terminated, truncated at outsize). Any byte sequence is accepted (invalid UTF-8 becomes
 * U+FFFD). Returns the number of tokens. Thread-safe. */
int tax_normalize(const char *text, const char *lang, bool stem, char *out, size_t outsize);

/* ---- index and search ---- */

struct tax_hit {
	const char *uri;
	const char *label;   /* preferred label in the requested language, else English, else any */
	const char *matched; /* the label (any language/type) that matched best */
	char isco[5];        /* ISCO-08 unit group of an occupation (or the group code of an ISCO concept), else "" */
	enum tax_kind kind;
	double score;        /* 0..1, higher is better */
};

/* A hit on a single label (the benchmark ranks labels, not concepts). */
struct tax_label_hit {
	uint32_t label;   /* label number as added to the builder (0-based, in order) */
	uint32_t concept; /* concept number as returned by tax_builder_concept */
	double score;
};

/* Builds the index from the tax_* tables. kinds: mask of enum tax_kind to load (0 = all). */
int tax_index_load(struct store *s, unsigned kinds, struct tax_index **out, struct err *e);
void tax_index_free(struct tax_index *ix);
size_t tax_index_concepts(const struct tax_index *ix);
size_t tax_index_labels(const struct tax_index *ix);

/* The process's shared index (osaaja serve sets it at start and clears it at stop), for code that codes free text
 * as it is written (work-history titles); NULL when none is loaded. */
void tax_shared_set(const struct tax_index *ix);
const struct tax_index *tax_shared_index(void);
/* The process's occupations-only index (tax_index_load with TAX_OCCUPATION), which tax_map_title is meant to run on:
 * word and trigram rarities then come from occupation labels alone, as in `osaaja taxonomy map`, so the CLI, the HTTP
 * route and the coding of written titles rank alike. tax_title_index falls back to tax_shared_index when none is set. */
void tax_title_set(const struct tax_index *ix);
const struct tax_index *tax_title_index(void);

/* Building an index from memory (tests, benchmarks). Concept and label numbers count from 0 in the order added. */
struct tax_builder *tax_builder_new(void);
void tax_builder_free(struct tax_builder *b);
/* Returns the concept number, or -1 when out of memory. code: ESCO code or ISCO code (may be NULL). */
long tax_builder_concept(struct tax_builder *b, const char *uri, enum tax_kind kind, const char *code);
int tax_builder_label(struct tax_builder *b, long concept, const char *lang, enum tax_label_type type,
                      const char *text);
/* Consumes b (also on failure). */
int tax_index_build(struct tax_builder *b, struct tax_index **out, struct err *e);

/* Ranked concepts for text typed in lang ("fi", "sv", "en", ...; other languages are searched without stemming).
 * kinds: mask (0 = all). Fills up to limit (<= TAX_MAX_LIMIT) hits, best first, and sets *n. Thread-safe. */
int tax_search(const struct tax_index *ix, const char *text, const char *lang, unsigned kinds, size_t limit,
               struct tax_hit *out, size_t *n, struct err *e);
/* The same scoring, per label rather than per concept. */
int tax_search_labels(const struct tax_index *ix, const char *text, const char *lang, unsigned kinds, size_t limit,
                      struct tax_label_hit *out, size_t *n, struct err *e);

/* Maps a free-text job title (any supported language) to ESCO occupations: strips what is not the occupation
 * (gender markers such as "(m/f/d)", seniority words, codes, punctuation), then searches occupations. *mapped is
 * false when nothing scores at least TAX_MAP_THRESHOLD: keep the text as written for a counsellor to code (the hits
 * are still filled, as suggestions). */
#define TAX_MAP_THRESHOLD 0.45
/* The cleaning step of tax_map_title alone: writes the cleaned title into out (NUL-terminated, truncated). */
void tax_clean_title(const char *title, char *out, size_t outsize);
int tax_map_title(const struct tax_index *ix, const char *title, const char *lang, size_t limit, struct tax_hit *out,
                  size_t *n, bool *mapped, struct err *e);

/* ---- skills from free text (extract.c) ---- */

/* A span of text in bytes: [start, end). */
struct tax_span {
	size_t start, end;
};

enum {
	TAX_SUGGEST_MAX_TEXT = 20000, /* characters (code points) of text tax_suggest_skills accepts */
	TAX_SUGGEST_MAX_LIMIT = 50,   /* most suggestions one call returns */
};

/* Splits text (len bytes, UTF-8) into sentences for fi, sv and en: at . ! ? … followed by a space and not by a
 * lower-case word (so "esim. asiakaspalvelu", "t.ex. kassa", "e.g. sales" and "3. vuosi" stay whole), at ; and •,
 * at blank lines, and at a line break unless the next line goes on in lower case (a wrapped line). Leading bullets
 * (- * + • – — · ▪ ◦ >, "1." "2)") and surrounding spaces are left out of each span; spans without a letter are
 * dropped. Fills up to max spans, in order, and returns how many it filled. Thread-safe, no allocation. */
size_t tax_split_sentences(const char *text, size_t len, struct tax_span *out, size_t max);

/* A guess at the language of text among fi, sv and en from its common words; fallback when none is seen. */
const char *tax_guess_lang(const char *text, size_t len, const char *fallback);

struct tax_skill_suggestion {
	const char *uri;     /* points into the index */
	const char *label;   /* preferred label in label_lang, else English, else any (into the index) */
	const char *matched; /* the label that the sentence matched best (into the index) */
	struct tax_span sentence; /* the supporting sentence, bytes of text */
	double score;             /* 0..1, higher is better */
};

/* ESCO skills suggested for free text (a CV paragraph, a job ad) in lang ("fi", "sv", "en"; NULL or "" = guess):
 * per sentence, the skill labels whose words all occur in it (as a phrase first, then in any order; labels of the
 * text's language and of English, the rarer the words the higher) and the fuzzy concept search (tax_search) of the
 * sentence; then one suggestion per skill, at its best sentence, the best limit (<= TAX_SUGGEST_MAX_LIMIT) first.
 * Deterministic (ties by concept order). Reads only; any number of threads may call it. Text that is empty or only
 * spaces (key suggest_empty), longer than TAX_SUGGEST_MAX_TEXT characters (suggest_too_long) or not UTF-8 (chars) is
 * refused with ERR_INVALID. The suggestions' strings point into ix. */
int tax_suggest_skills(const struct tax_index *ix, const char *text, const char *lang, const char *label_lang,
                       size_t limit, struct tax_skill_suggestion *out, size_t *n, struct err *e);
/* The label to show for the concept with this URI (as tax_search's label: preferred in lang, else English, else any),
 * or NULL when the index has no such concept. Points into ix. */
const char *tax_label_of(const struct tax_index *ix, const char *uri, const char *lang);
