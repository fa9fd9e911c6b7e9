/* match internals: the private header of src/match. The index's structures and the functions its files share:
 * maps.c (hash maps, lists), index.c (the core: records, rarity, updates, courses), postings.c (posting lists and
 * their keys), score.c (the pair formula, explanations), query.c (the searches) and load.c (reading the store).
 * Functions named mi_* run unlocked: the caller holds the index's lock as each says. */
#pragma once
#include <pthread.h>

#include "core/strmap.h"
#include "match/match.h"

/* A posting is one uint32: the record slot in the low 28 bits, the skill weight (eighths) in the high 4. */
#define MI_SLOT_BITS 28
#define MI_SLOT_MASK ((1u << MI_SLOT_BITS) - 1)
#define MI_MAX_SLOTS MI_SLOT_MASK

struct mi_list {
	uint32_t *p;
	uint32_t n, cap;
};

/* A record-side posting list. The sorted part [0, nsorted) is ordered by key, highest first; updates append to an
 * unsorted tail that a query reads in full. key is the record's prefix-filter bound for this skill: the skills of a
 * record are taken commonest first (lowest idf), and key = the record's mass from its first skill up to this one
 * (vacancies: share of their normaliser; clients: sum of idf * weight). So the postings of a record with key < t are
 * a run of commonest skills whose mass is < t: a record none of whose postings with key >= t was read shares less
 * than t with anyone. Keys are rounded up to float, so the bound stays safe. */
struct mi_post {
	uint32_t *p;
	float *k;
	uint32_t n, cap, nsorted;
};

struct mi_imap { /* int64 -> uint32, open addressing; key INT64_MIN marks an empty cell */
	int64_t *keys;
	uint32_t *vals;
	uint32_t n, cap;
};

struct mi_smap { /* string -> uint32: a core strmap (it owns copies of its keys) */
	struct strmap m;
};

/* The languages the index keeps concept labels in, for explanations in the reader's language (match_query.lang):
 * English first, as the fallback. */
enum { MI_LABEL_LANGS = 3 };
extern const char *const mi_label_langs[MI_LABEL_LANGS];

struct mi_lang {
	uint16_t lang; /* interned code */
	uint8_t level, required;
};

struct mi_rec {
	int64_t id;
	uint32_t org;      /* interned organisation */
	float inv_norm;    /* 1 / sqrt(sum(idf * weight)) over the record's skills, with the frozen idf */
	int16_t isco;      /* vacancies: 4-digit code or -1 */
	uint8_t alive, consent, isced, permit, hours, physical, not_seeking;
	uint32_t recheck;  /* clients: mi_day of match_client_input.recheck_on, 0 none */
	uint16_t nskills, nlangs, nisco, nlic;
	struct match_skill *skills; /* sorted by concept; one malloc'd block also holding the three arrays below */
	struct mi_lang *langs;
	int16_t *isco_list;         /* clients */
	uint32_t *occ_list;         /* clients: ESCO occupations (concept ids) */
	uint32_t occ;               /* vacancies: the ESCO occupation, 0 unknown */
	uint16_t nocc;
	uint32_t *lic;              /* interned licences */
};

struct mi_side {
	struct mi_rec *recs;
	float *inv_norm;  /* a dense copy of recs[].inv_norm for the query's bound check */
	uint32_t n, cap;  /* slots in use (alive or free) */
	uint32_t *free;   /* slots to reuse */
	uint32_t nfree, freecap;
	uint32_t live;
	struct mi_imap ids;
	struct mi_post *post; /* per concept */
};

enum { MI_CLIENTS = 0, MI_VACANCIES = 1 };

struct mi_course {
	int64_t id;
	char *name;
	uint32_t *skills;
	uint32_t nskills;
	uint8_t alive;
};

struct match_index {
	pthread_rwlock_t lock;
	pthread_mutex_t refresh; /* serialises match_index_refresh_*: a later store read is never applied before an
	                          * earlier one */
	int bulk;            /* match_index_bulk: updates skip rarity refreshes and posting order until it ends */
	uint32_t recheck;    /* no client is due before this day (mi_day; 0 none): the smallest recheck, or lower */
	struct mi_side side[2];
	uint32_t nconcepts;  /* capacity of the per-concept arrays */
	float *idf;          /* frozen at the last refresh, or fixed (match_index_fix_idf) */
	uint64_t frozen_n;   /* population at the last refresh */
	uint64_t fixed_n;    /* match_index_fix_idf: the reference collection's size; 0 = rarity from the population */
	char **uri, **label; /* per concept, may be NULL */
	char **label_in[MI_LABEL_LANGS]; /* per label language (mi_label_langs) and concept, may be NULL */
	int16_t *concept_isco;       /* occupations: 4-digit ISCO code or -1 */
	struct mi_list *essential;   /* occupations: their ESCO essential skills */
	struct mi_list *course_post; /* skill -> course indices */
	struct mi_smap uris;
	struct mi_imap orgs;
	int64_t *org_ids;
	uint32_t norgs, orgcap;
	char (*langs)[8];
	uint32_t nlangs;
	struct mi_smap lics;
	char **lic_names;
	uint32_t nlic, liccap;
	struct mi_course *courses;
	uint32_t ncourses, coursecap;
	struct mi_imap course_ids;
};

/* maps.c. Getters return 1 when found; put and push return 0, or -1 when out of memory. */
int mi_imap_get(const struct mi_imap *m, int64_t key, uint32_t *val);
int mi_imap_put(struct mi_imap *m, int64_t key, uint32_t val);
void mi_imap_del(struct mi_imap *m, int64_t key);
void mi_imap_free(struct mi_imap *m);
int mi_smap_get(const struct mi_smap *m, const char *key, uint32_t *val);
int mi_smap_put(struct mi_smap *m, const char *key, uint32_t val);
void mi_smap_free(struct mi_smap *m);
int mi_list_push(struct mi_list *l, uint32_t v);
/* Reallocs the array whose address is arrayp (a T **) to n elements of size bytes, in place, so that growing several
 * parallel arrays needs no temporary for each. 0, or -1 when out of memory (the array is then unchanged). */
int mi_resize(void *arrayp, size_t n, size_t size);
/* mi_resize from old_n to new_n elements, zeroing those past old_n (their readers expect zeros). */
int mi_grow_zero(void *arrayp, size_t old_n, size_t new_n, size_t size);

/* index.c (write lock) */
int mi_ensure_concepts(struct match_index *idx, uint32_t n);
/* Unlocked variants: the caller holds the write lock. */
int mi_upsert_client(struct match_index *idx, const struct match_client_input *c, struct err *e);
int mi_upsert_vacancy(struct match_index *idx, const struct match_vacancy_input *v, struct err *e);
int mi_remove(struct match_index *idx, int side, int64_t id);
/* A YYYY-MM-DD day as the number YYYYMMDD (ordered as the days are); 0 for NULL or anything else. */
uint32_t mi_day(const char *ymd);
/* The ids of the clients due on day d (recheck <= d), malloc'd into *ids (count *n); idx->recheck becomes the
 * smallest recheck of the others. 0, or -1 when out of memory. The caller holds the write lock. */
int mi_due_clients(struct match_index *idx, uint32_t d, int64_t **ids, size_t *n);
int mi_set_concept(struct match_index *idx, uint32_t concept, const char *uri, const char *label);
/* The concept's label in mi_label_langs[lang]; -1 when out of memory. */
int mi_set_label(struct match_index *idx, uint32_t concept, int lang, const char *label);
int mi_upsert_course(struct match_index *idx, int64_t id, const char *name, const uint32_t *skills, size_t n);

/* postings.c (write lock). mi_post_rec adds a record's postings (vacancies: inv_norm set first) and returns -1, with
 * nothing added, when out of memory; mi_repost_all re-keys and sorts every list after rarity changed. */
int mi_post_rec(struct match_index *idx, int side, uint32_t slot, const struct mi_rec *r);
void mi_unpost_rec(struct match_index *idx, int side, uint32_t slot, const struct mi_rec *r);
void mi_repost_all(struct match_index *idx);

/* score.c (read lock). One pair through the formula of docs/matching.md, given the skill part. */
struct mi_pair {
	double skill, occ, edu, lang, score;
	int digits, same;
	unsigned checked, failed;
};
/* The pair formula's constants (docs/matching.md): the skill part's share of the score, and the occupation
 * evidence by leading ISCO digits shared (0..4) or, at [5], the same ESCO occupation. */
#define MI_W_SKILL 0.8
extern const double mi_occ_grade[6];
/* A skill's term weight in the skill part: idf squared, so that each record is a vector of idf * weight and the skill
 * part is the cosine of the two vectors. One expression for every search, so that they agree bit for bit. */
static inline double mi_term(float idf)
{
	return (double)idf * (double)idf;
}
void mi_eval_pair(const struct mi_rec *c, const struct mi_rec *v, double skill, struct mi_pair *p);
/* The pair's occupation grade alone (mi_eval_pair's p->occ): the searches' bound before the whole formula. */
double mi_occ_grade_of(const struct mi_rec *c, const struct mi_rec *v);
/* Fills the item's explanation and components into the arena; -1 when out of memory. */
struct arena;
int mi_explain(const struct match_index *idx, const struct mi_rec *c, const struct mi_rec *v, struct match_item *it,
               struct arena *a);

/* load.c. The kinds of index record, and which one reads rows of a store table (-1: none; *own: the table is the
 * record's own, so the row id is the record id, else the row hangs on the record). */
enum mi_kind { MI_KIND_CLIENT, MI_KIND_VACANCY, MI_KIND_COURSE, MI_KINDS };
int mi_reader_of(const char *table, bool *own);
