/* match index: records, postings, rarity, updates and the two queries with their explanations. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "match/internal.h"

/* ---------- small hash maps ---------- */

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int imap_grow(struct mi_imap *m)
{
	uint32_t ncap = m->cap ? m->cap * 2 : 64;
	if (ncap < m->cap)
		return -1;
	int64_t *keys = malloc((size_t)ncap * sizeof *keys);
	uint32_t *vals = malloc((size_t)ncap * sizeof *vals);
	if (!keys || !vals) {
		free(keys);
		free(vals);
		return -1;
	}
	for (uint32_t i = 0; i < ncap; i++)
		keys[i] = INT64_MIN;
	for (uint32_t i = 0; i < m->cap; i++) {
		if (m->keys[i] == INT64_MIN)
			continue;
		uint32_t j = (uint32_t)mix64((uint64_t)m->keys[i]) & (ncap - 1);
		while (keys[j] != INT64_MIN)
			j = (j + 1) & (ncap - 1);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = ncap;
	return 0;
}

static int imap_get(const struct mi_imap *m, int64_t key, uint32_t *val)
{
	if (!m->cap || key == INT64_MIN)
		return 0;
	uint32_t j = (uint32_t)mix64((uint64_t)key) & (m->cap - 1);
	while (m->keys[j] != INT64_MIN) {
		if (m->keys[j] == key) {
			*val = m->vals[j];
			return 1;
		}
		j = (j + 1) & (m->cap - 1);
	}
	return 0;
}

static int imap_put(struct mi_imap *m, int64_t key, uint32_t val)
{
	if (key == INT64_MIN)
		return -1;
	if ((m->n + 1) * 4 > m->cap * 3 && imap_grow(m))
		return -1;
	uint32_t j = (uint32_t)mix64((uint64_t)key) & (m->cap - 1);
	while (m->keys[j] != INT64_MIN) {
		if (m->keys[j] == key) {
			m->vals[j] = val;
			return 0;
		}
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = key;
	m->vals[j] = val;
	m->n++;
	return 0;
}

/* Deletion by backward shift keeps probe chains intact without tombstones. */
static void imap_del(struct mi_imap *m, int64_t key)
{
	if (!m->cap)
		return;
	uint32_t mask = m->cap - 1, j = (uint32_t)mix64((uint64_t)key) & mask;
	while (m->keys[j] != key) {
		if (m->keys[j] == INT64_MIN)
			return;
		j = (j + 1) & mask;
	}
	uint32_t i = j;
	for (;;) {
		j = (j + 1) & mask;
		if (m->keys[j] == INT64_MIN)
			break;
		uint32_t home = (uint32_t)mix64((uint64_t)m->keys[j]) & mask;
		/* move j back to i when its home is not cyclically in (i, j] */
		if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) {
			m->keys[i] = m->keys[j];
			m->vals[i] = m->vals[j];
			i = j;
		}
	}
	m->keys[i] = INT64_MIN;
	m->n--;
}

static void imap_free(struct mi_imap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

int mi_smap_get(const struct mi_smap *m, const char *key, uint32_t *val)
{
	if (!m->cap)
		return 0;
	uint32_t j = (uint32_t)str_hash(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (strcmp(m->keys[j], key) == 0) {
			*val = m->vals[j];
			return 1;
		}
		j = (j + 1) & (m->cap - 1);
	}
	return 0;
}

int mi_smap_put(struct mi_smap *m, const char *key, uint32_t val)
{
	if ((m->n + 1) * 4 > m->cap * 3) {
		uint32_t ncap = m->cap ? m->cap * 2 : 64;
		char **keys = calloc(ncap, sizeof *keys);
		uint32_t *vals = malloc((size_t)ncap * sizeof *vals);
		if (!keys || !vals) {
			free(keys);
			free(vals);
			return -1;
		}
		for (uint32_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			uint32_t j = (uint32_t)str_hash(m->keys[i]) & (ncap - 1);
			while (keys[j])
				j = (j + 1) & (ncap - 1);
			keys[j] = m->keys[i];
			vals[j] = m->vals[i];
		}
		free(m->keys);
		free(m->vals);
		m->keys = keys;
		m->vals = vals;
		m->cap = ncap;
	}
	uint32_t j = (uint32_t)str_hash(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (strcmp(m->keys[j], key) == 0) {
			m->vals[j] = val;
			return 0;
		}
		j = (j + 1) & (m->cap - 1);
	}
	if (!(m->keys[j] = strdup(key)))
		return -1;
	m->vals[j] = val;
	m->n++;
	return 0;
}

static void smap_free(struct mi_smap *m)
{
	for (uint32_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

static int list_push(struct mi_list *l, uint32_t v)
{
	if (l->n == l->cap) {
		uint32_t ncap = l->cap ? l->cap + l->cap / 2 + 4 : 4;
		uint32_t *p = realloc(l->p, (size_t)ncap * sizeof *p);
		if (!p)
			return -1;
		l->p = p;
		l->cap = ncap;
	}
	l->p[l->n++] = v;
	return 0;
}

/* ---------- helpers ---------- */

int match_cefr_level(const char *s)
{
	static const char *const names[] = {"A1", "A2", "B1", "B2", "C1", "C2"};
	if (!s)
		return 0;
	for (int i = 0; i < 6; i++)
		if (strcasecmp(s, names[i]) == 0)
			return i + 1;
	if (strcasecmp(s, "native") == 0)
		return 7;
	return 0;
}

const char *match_cefr_name(int level)
{
	static const char *const names[] = {"", "A1", "A2", "B1", "B2", "C1", "C2", "native"};
	return level >= 0 && level <= 7 ? names[level] : "";
}

int match_physical_load(const char *s)
{
	if (!s)
		return MATCH_LOAD_UNKNOWN;
	if (strcmp(s, "seated") == 0)
		return MATCH_LOAD_SEATED;
	if (strcmp(s, "light") == 0)
		return MATCH_LOAD_LIGHT;
	if (strcmp(s, "moderate") == 0)
		return MATCH_LOAD_MODERATE;
	if (strcmp(s, "no_limit") == 0)
		return MATCH_LOAD_NO_LIMIT;
	return MATCH_LOAD_UNKNOWN;
}

int16_t match_isco4(const char *code)
{
	int v = 0;
	if (!code)
		return -1;
	for (int i = 0; i < 4; i++) {
		if (code[i] < '0' || code[i] > '9')
			return -1;
		v = v * 10 + (code[i] - '0');
	}
	return (int16_t)v;
}

const char *match_hard_name(unsigned bit)
{
	switch (bit) {
	case MATCH_HARD_LANGUAGE: return "language";
	case MATCH_HARD_LICENCE: return "licence";
	case MATCH_HARD_PERMIT: return "permit";
	case MATCH_HARD_HOURS: return "hours";
	case MATCH_HARD_PHYSICAL: return "physical_load";
	case MATCH_HARD_AVAILABILITY: return "availability";
	default: return "";
	}
}

/* ---------- the index ---------- */

struct match_index *match_index_new(void)
{
	struct match_index *idx = calloc(1, sizeof *idx);
	if (!idx)
		return NULL;
	pthread_rwlockattr_t attr;
	pthread_rwlockattr_init(&attr);
	/* Writers must not starve behind a steady stream of queries. */
	pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	if (pthread_rwlock_init(&idx->lock, &attr)) {
		pthread_rwlockattr_destroy(&attr);
		free(idx);
		return NULL;
	}
	pthread_rwlockattr_destroy(&attr);
	if (pthread_mutex_init(&idx->refresh, NULL)) {
		pthread_rwlock_destroy(&idx->lock);
		free(idx);
		return NULL;
	}
	return idx;
}

void match_index_free(struct match_index *idx)
{
	if (!idx)
		return;
	for (int s = 0; s < 2; s++) {
		struct mi_side *sd = &idx->side[s];
		for (uint32_t i = 0; i < sd->n; i++)
			free(sd->recs[i].skills);
		free(sd->recs);
		free(sd->inv_norm);
		free(sd->free);
		imap_free(&sd->ids);
		for (uint32_t c = 0; c < idx->nconcepts; c++) {
			free(sd->post[c].p);
			free(sd->post[c].k);
		}
		free(sd->post);
	}
	for (uint32_t c = 0; c < idx->nconcepts; c++) {
		free(idx->uri[c]);
		free(idx->label[c]);
		free(idx->essential[c].p);
		free(idx->course_post[c].p);
	}
	free(idx->uri);
	free(idx->label);
	free(idx->essential);
	free(idx->course_post);
	free(idx->concept_isco);
	free(idx->idf);
	smap_free(&idx->uris);
	imap_free(&idx->orgs);
	free(idx->org_ids);
	free(idx->langs);
	smap_free(&idx->lics);
	for (uint32_t i = 0; i < idx->nlic; i++)
		free(idx->lic_names[i]);
	free(idx->lic_names);
	for (uint32_t i = 0; i < idx->ncourses; i++) {
		free(idx->courses[i].name);
		free(idx->courses[i].skills);
	}
	free(idx->courses);
	imap_free(&idx->course_ids);
	pthread_rwlock_destroy(&idx->lock);
	pthread_mutex_destroy(&idx->refresh);
	free(idx);
}

static void *grow_zero(void *p, size_t old_n, size_t new_n, size_t size)
{
	void *q = realloc(p, new_n * size);
	if (q)
		memset((char *)q + old_n * size, 0, (new_n - old_n) * size);
	return q;
}

/* Makes every per-concept array at least n long. */
int mi_ensure_concepts(struct match_index *idx, uint32_t n)
{
	if (n <= idx->nconcepts)
		return 0;
	if (n > (1u << 26))
		return -1;
	uint32_t old = idx->nconcepts, ncap = old ? old : 1024;
	while (ncap < n)
		ncap *= 2;
#define GROW(field)                                                                                                   \
	do {                                                                                                          \
		void *q_ = grow_zero(field, old, ncap, sizeof *(field));                                              \
		if (!q_)                                                                                              \
			return -1;                                                                                    \
		field = q_;                                                                                           \
	} while (0)
	GROW(idx->side[0].post);
	GROW(idx->side[1].post);
	GROW(idx->uri);
	GROW(idx->label);
	GROW(idx->essential);
	GROW(idx->course_post);
	GROW(idx->concept_isco);
	GROW(idx->idf);
#undef GROW
	float fresh = (float)log(1.0 + (double)(idx->frozen_n ? idx->frozen_n : 1));
	for (uint32_t c = old; c < ncap; c++) {
		idx->concept_isco[c] = -1;
		idx->idf[c] = fresh;
	}
	idx->nconcepts = ncap;
	return 0;
}

static int intern_org(struct match_index *idx, int64_t org, uint32_t *out)
{
	if (imap_get(&idx->orgs, org, out))
		return 0;
	if (idx->norgs == idx->orgcap) {
		uint32_t ncap = idx->orgcap ? idx->orgcap * 2 : 16;
		int64_t *p = realloc(idx->org_ids, (size_t)ncap * sizeof *p);
		if (!p)
			return -1;
		idx->org_ids = p;
		idx->orgcap = ncap;
	}
	if (imap_put(&idx->orgs, org, idx->norgs))
		return -1;
	idx->org_ids[idx->norgs] = org;
	*out = idx->norgs++;
	return 0;
}

static int intern_lang(struct match_index *idx, const char *code, uint16_t *out)
{
	char lc[8] = {0};
	for (size_t i = 0; i < 7 && code[i]; i++)
		lc[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] + 32 : code[i]);
	for (uint32_t i = 0; i < idx->nlangs; i++)
		if (strcmp(idx->langs[i], lc) == 0) {
			*out = (uint16_t)i;
			return 0;
		}
	if (idx->nlangs >= 1024)
		return -1;
	char(*p)[8] = realloc(idx->langs, (idx->nlangs + 1) * sizeof *p);
	if (!p)
		return -1;
	idx->langs = p;
	memcpy(p[idx->nlangs], lc, 8);
	*out = (uint16_t)idx->nlangs++;
	return 0;
}

static int intern_licence(struct match_index *idx, const char *name, uint32_t *out)
{
	char lc[200];
	size_t i = 0;
	for (; i < sizeof lc - 1 && name[i]; i++)
		lc[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i]);
	lc[i] = 0;
	if (mi_smap_get(&idx->lics, lc, out))
		return 0;
	if (idx->nlic == idx->liccap) {
		uint32_t ncap = idx->liccap ? idx->liccap * 2 : 16;
		char **p = realloc(idx->lic_names, (size_t)ncap * sizeof *p);
		if (!p)
			return -1;
		idx->lic_names = p;
		idx->liccap = ncap;
	}
	if (!(idx->lic_names[idx->nlic] = strdup(lc)))
		return -1;
	if (mi_smap_put(&idx->lics, lc, idx->nlic)) {
		free(idx->lic_names[idx->nlic]);
		return -1;
	}
	*out = idx->nlic++;
	return 0;
}

int mi_set_concept(struct match_index *idx, uint32_t concept, const char *uri, const char *label)
{
	if (mi_ensure_concepts(idx, concept + 1))
		return -1;
	if (uri) {
		char *u = strdup(uri);
		if (!u)
			return -1;
		free(idx->uri[concept]);
		idx->uri[concept] = u;
		if (mi_smap_put(&idx->uris, uri, concept))
			return -1;
	}
	if (label) {
		char *l = strdup(label);
		if (!l)
			return -1;
		free(idx->label[concept]);
		idx->label[concept] = l;
	}
	return 0;
}

int match_index_set_concept(struct match_index *idx, uint32_t concept, const char *uri, const char *label,
                            struct err *e)
{
	pthread_rwlock_wrlock(&idx->lock);
	int rc = mi_set_concept(idx, concept, uri, label);
	pthread_rwlock_unlock(&idx->lock);
	return rc ? err_set(e, ERR_UNAVAILABLE, "", "out of memory naming a concept") : 0;
}

/* ---------- rarity ---------- */

static uint64_t population(const struct match_index *idx)
{
	return (uint64_t)idx->side[0].live + idx->side[1].live;
}

static void repost_all(struct match_index *idx);

static void compute_norm(const struct match_index *idx, struct mi_rec *v)
{
	double norm = 0;
	for (uint32_t i = 0; i < v->nskills; i++)
		norm += (double)idx->idf[v->skills[i].concept] * v->skills[i].weight / 8.0;
	v->inv_norm = norm > 0 ? (float)(1.0 / norm) : 0.0f;
}

static void refresh_idf_locked(struct match_index *idx)
{
	uint64_t n = population(idx);
	double nn = (double)(n ? n : 1);
	for (uint32_t c = 0; c < idx->nconcepts; c++) {
		uint64_t df = (uint64_t)idx->side[0].post[c].n + idx->side[1].post[c].n;
		idx->idf[c] = (float)log(1.0 + nn / (double)(df ? df : 1));
	}
	idx->frozen_n = n ? n : 1;
	struct mi_side *vs = &idx->side[MI_VACANCIES];
	for (uint32_t i = 0; i < vs->n; i++)
		if (vs->recs[i].alive) {
			compute_norm(idx, &vs->recs[i]);
			vs->inv_norm[i] = vs->recs[i].inv_norm;
		}
	repost_all(idx);
}

void match_index_refresh_idf(struct match_index *idx)
{
	pthread_rwlock_wrlock(&idx->lock);
	refresh_idf_locked(idx);
	pthread_rwlock_unlock(&idx->lock);
}

void match_index_bulk(struct match_index *idx, bool on)
{
	pthread_rwlock_wrlock(&idx->lock);
	idx->bulk = on;
	if (!on)
		refresh_idf_locked(idx);
	pthread_rwlock_unlock(&idx->lock);
}

static void maybe_refresh(struct match_index *idx)
{
	uint64_t n = population(idx), f = idx->frozen_n;
	if (idx->bulk)
		return;
	if (f == 0 || n * 8 > f * 9 || n * 8 < f * 7)
		refresh_idf_locked(idx);
}

double match_index_idf(struct match_index *idx, uint32_t concept)
{
	pthread_rwlock_rdlock(&idx->lock);
	double v = concept < idx->nconcepts ? idx->idf[concept] : 0;
	pthread_rwlock_unlock(&idx->lock);
	return v;
}

/* ---------- records ---------- */

static int cmp_skill(const void *a, const void *b)
{
	const struct match_skill *x = a, *y = b;
	return x->concept < y->concept ? -1 : x->concept > y->concept;
}

/* Copies skills, languages, ISCO codes and licences into one block hanging off r. Skills are sorted and merged
 * (highest weight wins; essential if any copy is). */
static int fill_rec(struct match_index *idx, struct mi_rec *r, const struct match_skill *skills, size_t nskills,
                    const struct match_lang *langs, size_t nlangs, const int16_t *isco, size_t nisco,
                    const char *const *lic, size_t nlic, struct err *e)
{
	if (nskills > MATCH_MAX_SKILLS || nlangs > MATCH_MAX_LANGS || nisco > MATCH_MAX_ISCO || nlic > MATCH_MAX_LICENCES)
		return err_set(e, ERR_TOO_BIG, "skills", "too many skills, languages, occupations or licences for matching");
	size_t bytes = nskills * sizeof(struct match_skill) + nlangs * sizeof(struct mi_lang) + nlic * sizeof(uint32_t) +
	               nisco * sizeof(int16_t) + 1;
	char *block = malloc(bytes);
	if (!block)
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
	r->skills = (struct match_skill *)block;
	r->langs = (struct mi_lang *)(block + nskills * sizeof(struct match_skill));
	r->lic = (uint32_t *)((char *)r->langs + nlangs * sizeof(struct mi_lang));
	r->isco_list = (int16_t *)((char *)r->lic + nlic * sizeof(uint32_t));
	size_t k = 0;
	for (size_t i = 0; i < nskills; i++) {
		if (skills[i].weight == 0)
			continue;
		if (mi_ensure_concepts(idx, skills[i].concept + 1))
			goto oom;
		r->skills[k] = skills[i];
		if (r->skills[k].weight > 8)
			r->skills[k].weight = 8;
		k++;
	}
	qsort(r->skills, k, sizeof *r->skills, cmp_skill);
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		if (m && r->skills[m - 1].concept == r->skills[i].concept) {
			if (r->skills[i].weight > r->skills[m - 1].weight)
				r->skills[m - 1].weight = r->skills[i].weight;
			r->skills[m - 1].essential |= r->skills[i].essential;
		} else {
			r->skills[m++] = r->skills[i];
		}
	}
	r->nskills = (uint16_t)m;
	r->nlangs = 0;
	for (size_t i = 0; i < nlangs; i++) {
		uint16_t l;
		if (intern_lang(idx, langs[i].code, &l))
			goto oom;
		int dup = 0;
		for (uint16_t j = 0; j < r->nlangs; j++)
			if (r->langs[j].lang == l) { /* a language listed twice: keep the higher level */
				if (langs[i].level > r->langs[j].level)
					r->langs[j].level = langs[i].level;
				r->langs[j].required |= langs[i].required;
				dup = 1;
			}
		if (!dup)
			r->langs[r->nlangs++] = (struct mi_lang){l, langs[i].level > 7 ? 7 : langs[i].level, langs[i].required};
	}
	r->nlic = 0;
	for (size_t i = 0; i < nlic; i++)
		if (lic[i] && intern_licence(idx, lic[i], &r->lic[r->nlic++]))
			goto oom;
	r->nisco = 0;
	for (size_t i = 0; i < nisco; i++)
		if (isco[i] >= 0 && isco[i] <= 9999)
			r->isco_list[r->nisco++] = isco[i];
	return 0;
oom:
	free(block);
	r->skills = NULL;
	return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
}

/* ---------- record postings (see struct mi_post) ---------- */

static int post_reserve(struct mi_post *l, uint32_t need)
{
	if (need <= l->cap)
		return 0;
	uint32_t ncap = l->cap ? l->cap + l->cap / 2 + 4 : 4;
	if (ncap < need)
		ncap = need;
	uint32_t *p = realloc(l->p, (size_t)ncap * sizeof *p);
	if (!p)
		return -1;
	l->p = p;
	float *k = realloc(l->k, (size_t)ncap * sizeof *k);
	if (!k)
		return -1;
	l->k = k;
	l->cap = ncap;
	return 0;
}

/* Removes slot's posting; the sorted part keeps its order, the tail may be reordered. */
static void post_remove(struct mi_post *l, uint32_t slot)
{
	for (uint32_t j = l->n; j-- > 0;)
		if ((l->p[j] & MI_SLOT_MASK) == slot) {
			if (j < l->nsorted) {
				memmove(&l->p[j], &l->p[j + 1], (l->n - j - 1) * sizeof *l->p);
				memmove(&l->k[j], &l->k[j + 1], (l->n - j - 1) * sizeof *l->k);
				l->nsorted--;
			} else {
				l->p[j] = l->p[l->n - 1];
				l->k[j] = l->k[l->n - 1];
			}
			l->n--;
			return;
		}
}

static uint32_t key_bits(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof u);
	return u;
}

/* Sorts the whole list by key, highest first: an LSD radix sort on the key's bits (keys are >= 0, so their bits
 * order like the values), stable, so the result does not depend on the platform's qsort. tmp holds 2 * n. On
 * failure to allocate the list simply stays partly unsorted, which queries read in full (slower, still exact). */
static void post_sort(struct mi_post *l, uint64_t *tmp)
{
	uint32_t n = l->n;
	if (l->nsorted == n)
		return;
	uint64_t *own = NULL;
	if (!tmp && !(tmp = own = malloc((size_t)n * 2 * sizeof *tmp)))
		return;
	uint64_t *a = tmp, *b = tmp + n;
	for (uint32_t i = 0; i < n; i++)
		a[i] = (uint64_t)(~key_bits(l->k[i])) << 32 | l->p[i]; /* ascending ~bits = descending key */
	for (int shift = 32; shift < 64; shift += 8) {
		uint32_t cnt[257] = {0};
		for (uint32_t i = 0; i < n; i++)
			cnt[((a[i] >> shift) & 255) + 1]++;
		if (cnt[((a[0] >> shift) & 255) + 1] == n)
			continue; /* every key shares this byte */
		for (int d = 0; d < 256; d++)
			cnt[d + 1] += cnt[d];
		for (uint32_t i = 0; i < n; i++)
			b[cnt[(a[i] >> shift) & 255]++] = a[i];
		uint64_t *t = a;
		a = b;
		b = t;
	}
	for (uint32_t i = 0; i < n; i++) {
		l->p[i] = (uint32_t)a[i];
		uint32_t u = ~(uint32_t)(a[i] >> 32);
		memcpy(&l->k[i], &u, sizeof u);
	}
	l->nsorted = n;
	free(own);
}

struct key_tmp {
	float idf;
	uint32_t concept;
	uint16_t i;
};

static int cmp_key_tmp(const void *a, const void *b)
{
	const struct key_tmp *x = a, *y = b;
	if (x->idf != y->idf)
		return x->idf < y->idf ? -1 : 1;
	return x->concept < y->concept ? -1 : x->concept > y->concept;
}

/* keys[i] for r->skills[i]: the record's mass over its skills taken commonest first, up to and including skill i
 * (vacancies: idf * w * inv_norm, a share of the normaliser; clients: idf * w), rounded up to float. tmp holds
 * r->nskills. */
static void rec_keys(const struct match_index *idx, int side, const struct mi_rec *r, float *keys, struct key_tmp *tmp)
{
	for (uint16_t i = 0; i < r->nskills; i++)
		tmp[i] = (struct key_tmp){idx->idf[r->skills[i].concept], r->skills[i].concept, i};
	qsort(tmp, r->nskills, sizeof *tmp, cmp_key_tmp);
	double scale = side == MI_VACANCIES ? (double)r->inv_norm : 1.0, cum = 0;
	for (uint16_t j = 0; j < r->nskills; j++) {
		cum += (double)tmp[j].idf * r->skills[tmp[j].i].weight / 8.0 * scale;
		float f = (float)cum;
		if ((double)f < cum)
			f = nextafterf(f, INFINITY);
		keys[tmp[j].i] = f;
	}
}

static void unpost(struct match_index *idx, int side, uint32_t slot, const struct mi_rec *r)
{
	for (uint32_t i = 0; i < r->nskills; i++)
		post_remove(&idx->side[side].post[r->skills[i].concept], slot);
}

/* Adds r's postings (vacancies: r->inv_norm must be set). A list whose unsorted tail has grown past an eighth of it
 * is sorted again, so the tail a query reads in full stays short; bulk loading leaves that to its final refresh. */
static int post(struct match_index *idx, int side, uint32_t slot, const struct mi_rec *r)
{
	float *keys = malloc((r->nskills + 1) * (sizeof *keys + sizeof(struct key_tmp)));
	if (!keys)
		return -1;
	struct key_tmp *tmp = (struct key_tmp *)(keys + r->nskills + 1);
	rec_keys(idx, side, r, keys, tmp);
	for (uint32_t i = 0; i < r->nskills; i++) {
		struct mi_post *l = &idx->side[side].post[r->skills[i].concept];
		if (post_reserve(l, l->n + 1)) {
			for (uint32_t j = 0; j < i; j++) /* undo the ones already added */
				post_remove(&idx->side[side].post[r->skills[j].concept], slot);
			free(keys);
			return -1;
		}
		l->p[l->n] = slot | ((uint32_t)r->skills[i].weight << MI_SLOT_BITS);
		l->k[l->n] = keys[i];
		l->n++;
		if (!idx->bulk && l->n - l->nsorted > 32 + l->nsorted / 8)
			post_sort(l, NULL);
	}
	free(keys);
	return 0;
}

/* Recomputes every posting's key from the records (after idf or normalisers changed) and sorts every list. The
 * lists hold exactly the same postings as before, so no list grows. */
static void repost_all(struct match_index *idx)
{
	size_t maxn = 0;
	uint16_t maxsk = 1;
	for (int s = 0; s < 2; s++) {
		struct mi_side *sd = &idx->side[s];
		for (uint32_t c = 0; c < idx->nconcepts; c++) {
			if (sd->post[c].n > maxn)
				maxn = sd->post[c].n;
			sd->post[c].n = sd->post[c].nsorted = 0;
		}
		for (uint32_t i = 0; i < sd->n; i++)
			if (sd->recs[i].alive && sd->recs[i].nskills > maxsk)
				maxsk = sd->recs[i].nskills;
	}
	float *keys = malloc(maxsk * (sizeof *keys + sizeof(struct key_tmp)));
	uint64_t *tmp = malloc((maxn ? maxn : 1) * 2 * sizeof *tmp);
	for (int s = 0; s < 2; s++) {
		struct mi_side *sd = &idx->side[s];
		for (uint32_t i = 0; i < sd->n; i++) {
			const struct mi_rec *r = &sd->recs[i];
			if (!r->alive)
				continue;
			if (keys)
				rec_keys(idx, s, r, keys, (struct key_tmp *)(keys + maxsk));
			for (uint16_t j = 0; j < r->nskills; j++) {
				struct mi_post *l = &sd->post[r->skills[j].concept];
				if (post_reserve(l, l->n + 1))
					continue; /* cannot happen: the list held this posting before */
				l->p[l->n] = i | ((uint32_t)r->skills[j].weight << MI_SLOT_BITS);
				l->k[l->n] = keys ? keys[j] : INFINITY; /* no memory: every posting is read, still exact */
				l->n++;
			}
		}
		if (tmp && keys)
			for (uint32_t c = 0; c < idx->nconcepts; c++)
				post_sort(&sd->post[c], tmp);
	}
	free(keys);
	free(tmp);
}

/* Finds or makes the slot for id; *existing tells whether it held a live record. */
static int take_slot(struct mi_side *sd, int64_t id, uint32_t *slot, int *existing)
{
	if (imap_get(&sd->ids, id, slot)) {
		*existing = 1;
		return 0;
	}
	*existing = 0;
	if (sd->nfree) {
		*slot = sd->free[--sd->nfree];
		return 0;
	}
	if (sd->n >= MI_MAX_SLOTS)
		return -1;
	if (sd->n == sd->cap) {
		uint32_t ncap = sd->cap ? sd->cap + sd->cap / 2 : 1024;
		struct mi_rec *p = grow_zero(sd->recs, sd->cap, ncap, sizeof *p);
		if (!p)
			return -1;
		sd->recs = p;
		float *f = grow_zero(sd->inv_norm, sd->cap, ncap, sizeof *f);
		if (!f)
			return -1;
		sd->inv_norm = f;
		sd->cap = ncap;
	}
	*slot = sd->n++;
	return 0;
}

static void release_slot(struct mi_side *sd, uint32_t slot)
{
	if (sd->nfree == sd->freecap) {
		uint32_t ncap = sd->freecap ? sd->freecap * 2 : 64;
		uint32_t *p = realloc(sd->free, (size_t)ncap * sizeof *p);
		if (!p)
			return; /* the slot stays unused; harmless */
		sd->free = p;
		sd->freecap = ncap;
	}
	sd->free[sd->nfree++] = slot;
}

static int upsert_rec(struct match_index *idx, int side, struct mi_rec *nr, struct err *e)
{
	struct mi_side *sd = &idx->side[side];
	uint32_t slot;
	int existing;
	if (take_slot(sd, nr->id, &slot, &existing)) {
		free(nr->skills);
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory or index full");
	}
	if (existing) {
		struct mi_rec *old = &sd->recs[slot];
		unpost(idx, side, slot, old);
		free(old->skills);
		old->skills = NULL;
		old->nskills = 0;
	} else if (imap_put(&sd->ids, nr->id, slot)) {
		free(nr->skills);
		release_slot(sd, slot);
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
	}
	nr->alive = 1;
	if (side == MI_VACANCIES)
		compute_norm(idx, nr); /* before post: a vacancy's keys are shares of its normaliser */
	if (post(idx, side, slot, nr)) {
		free(nr->skills);
		imap_del(&sd->ids, nr->id);
		if (existing)
			sd->live--;
		sd->recs[slot].alive = 0;
		release_slot(sd, slot);
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
	}
	sd->recs[slot] = *nr;
	if (side == MI_VACANCIES)
		sd->inv_norm[slot] = nr->inv_norm;
	if (!existing)
		sd->live++;
	maybe_refresh(idx);
	return 0;
}

int mi_upsert_client(struct match_index *idx, const struct match_client_input *c, struct err *e)
{
	struct mi_rec r = {0};
	r.id = c->id;
	if (intern_org(idx, c->organisation_id, &r.org))
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
	r.isco = -1;
	r.consent = c->consent;
	r.isced = c->isced_level;
	r.permit = c->permit_ok;
	r.hours = c->hours_max;
	r.physical = c->physical;
	if (fill_rec(idx, &r, c->skills, c->nskills, c->langs, c->nlangs, c->isco, c->nisco, c->licences, c->nlicences, e))
		return e ? (int)e->code : ERR_UNAVAILABLE;
	return upsert_rec(idx, MI_CLIENTS, &r, e);
}

int mi_upsert_vacancy(struct match_index *idx, const struct match_vacancy_input *v, struct err *e)
{
	struct mi_rec r = {0};
	r.id = v->id;
	if (intern_org(idx, v->organisation_id, &r.org))
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
	r.isco = v->isco >= 0 && v->isco <= 9999 ? v->isco : -1;
	r.isced = v->isced_min;
	r.permit = v->permit_required;
	r.hours = v->hours;
	r.physical = v->physical;
	if (fill_rec(idx, &r, v->skills, v->nskills, v->langs, v->nlangs, NULL, 0, v->licences, v->nlicences, e))
		return e ? (int)e->code : ERR_UNAVAILABLE;
	return upsert_rec(idx, MI_VACANCIES, &r, e);
}

int mi_remove(struct match_index *idx, int side, int64_t id)
{
	struct mi_side *sd = &idx->side[side];
	uint32_t slot;
	if (!imap_get(&sd->ids, id, &slot))
		return ERR_NOT_FOUND;
	struct mi_rec *r = &sd->recs[slot];
	unpost(idx, side, slot, r);
	free(r->skills);
	memset(r, 0, sizeof *r);
	imap_del(&sd->ids, id);
	release_slot(sd, slot);
	sd->live--;
	maybe_refresh(idx);
	return 0;
}

int match_index_upsert_client(struct match_index *idx, const struct match_client_input *c, struct err *e)
{
	pthread_rwlock_wrlock(&idx->lock);
	int rc = mi_upsert_client(idx, c, e);
	pthread_rwlock_unlock(&idx->lock);
	return rc;
}

int match_index_upsert_vacancy(struct match_index *idx, const struct match_vacancy_input *v, struct err *e)
{
	pthread_rwlock_wrlock(&idx->lock);
	int rc = mi_upsert_vacancy(idx, v, e);
	pthread_rwlock_unlock(&idx->lock);
	return rc;
}

int match_index_remove_client(struct match_index *idx, int64_t client_id)
{
	pthread_rwlock_wrlock(&idx->lock);
	int rc = mi_remove(idx, MI_CLIENTS, client_id);
	pthread_rwlock_unlock(&idx->lock);
	return rc;
}

int match_index_remove_vacancy(struct match_index *idx, int64_t vacancy_id)
{
	pthread_rwlock_wrlock(&idx->lock);
	int rc = mi_remove(idx, MI_VACANCIES, vacancy_id);
	pthread_rwlock_unlock(&idx->lock);
	return rc;
}

/* ---------- courses ---------- */

static void course_unpost(struct match_index *idx, uint32_t ci)
{
	struct mi_course *c = &idx->courses[ci];
	for (uint32_t i = 0; i < c->nskills; i++) {
		struct mi_list *l = &idx->course_post[c->skills[i]];
		for (uint32_t j = 0; j < l->n; j++)
			if (l->p[j] == ci) {
				memmove(&l->p[j], &l->p[j + 1], (l->n - j - 1) * sizeof *l->p); /* keep catalogue order */
				l->n--;
				break;
			}
	}
	free(c->skills);
	free(c->name);
	c->skills = NULL;
	c->name = NULL;
	c->nskills = 0;
	c->alive = 0;
}

int mi_upsert_course(struct match_index *idx, int64_t id, const char *name, const uint32_t *skills, size_t n)
{
	if (n > MATCH_MAX_SKILLS)
		return ERR_TOO_BIG;
	uint32_t ci;
	if (imap_get(&idx->course_ids, id, &ci)) {
		course_unpost(idx, ci);
	} else {
		if (idx->ncourses == idx->coursecap) {
			uint32_t ncap = idx->coursecap ? idx->coursecap * 2 : 16;
			struct mi_course *p = grow_zero(idx->courses, idx->coursecap, ncap, sizeof *p);
			if (!p)
				return ERR_UNAVAILABLE;
			idx->courses = p;
			idx->coursecap = ncap;
		}
		ci = idx->ncourses;
		if (imap_put(&idx->course_ids, id, ci))
			return ERR_UNAVAILABLE;
		idx->ncourses++;
	}
	struct mi_course *c = &idx->courses[ci];
	c->id = id;
	c->name = strdup(name ? name : "");
	c->skills = malloc((n ? n : 1) * sizeof *c->skills);
	if (!c->name || !c->skills)
		return ERR_UNAVAILABLE;
	c->alive = 1;
	for (size_t i = 0; i < n; i++) {
		if (mi_ensure_concepts(idx, skills[i] + 1) || list_push(&idx->course_post[skills[i]], ci))
			return ERR_UNAVAILABLE;
		c->skills[c->nskills++] = skills[i];
	}
	return 0;
}

int match_index_upsert_course(struct match_index *idx, int64_t course_id, const char *name, const uint32_t *skills,
                              size_t nskills, struct err *e)
{
	pthread_rwlock_wrlock(&idx->lock);
	int rc = mi_upsert_course(idx, course_id, name, skills, nskills);
	pthread_rwlock_unlock(&idx->lock);
	return rc ? err_set(e, (enum err_code)rc, "skills", "cannot add the course to the match index") : 0;
}

int match_index_remove_course(struct match_index *idx, int64_t course_id)
{
	pthread_rwlock_wrlock(&idx->lock);
	uint32_t ci;
	int rc = ERR_NOT_FOUND;
	if (imap_get(&idx->course_ids, course_id, &ci) && idx->courses[ci].alive) {
		course_unpost(idx, ci);
		rc = 0;
	}
	pthread_rwlock_unlock(&idx->lock);
	return rc;
}

void match_index_stats(struct match_index *idx, struct match_stats *out)
{
	memset(out, 0, sizeof *out);
	pthread_rwlock_rdlock(&idx->lock);
	out->clients = idx->side[0].live;
	out->vacancies = idx->side[1].live;
	size_t bytes = sizeof *idx;
	for (int s = 0; s < 2; s++) {
		const struct mi_side *sd = &idx->side[s];
		bytes += (size_t)sd->cap * (sizeof(struct mi_rec) + sizeof(float)) + (size_t)sd->freecap * 4 +
		         (size_t)sd->ids.cap * 12 + (size_t)idx->nconcepts * sizeof(struct mi_post);
		for (uint32_t c = 0; c < idx->nconcepts; c++) {
			out->postings += sd->post[c].n;
			bytes += (size_t)sd->post[c].cap * 8; /* posting and key */
		}
		for (uint32_t i = 0; i < sd->n; i++) {
			const struct mi_rec *r = &sd->recs[i];
			if (r->alive)
				bytes += r->nskills * sizeof(struct match_skill) + r->nlangs * sizeof(struct mi_lang) +
				         r->nlic * 4u + r->nisco * 2u + 1;
		}
	}
	bytes += (size_t)idx->nconcepts * (sizeof(float) + 2 * sizeof(char *) + 2 + 2 * sizeof(struct mi_list));
	out->bytes = bytes;
	pthread_rwlock_unlock(&idx->lock);
}

/* ---------- scoring ---------- */

struct cand;

struct match_scratch {
	double *acc;      /* per record of the other side: partial sums; double so that exact ties stay ties */
	uint8_t *state;   /* per record of the other side: 0 not seen, 1 seen this round, 2 settled */
	uint32_t *touched;
	uint32_t cap;
	double *qtab;     /* per concept: idf * w / 64 of the subject's skills, 0 elsewhere */
	uint32_t qcap;
	uint8_t *allowed; /* organisations in scope, a bitmap */
	uint32_t acap;
	struct cand *heap;
	size_t hcap;
	uint32_t *order;  /* a round's candidates, best bound first */
	uint32_t cur[MATCH_MAX_SKILLS]; /* per subject skill: how far its sorted postings have been read */
};

struct match_scratch *match_scratch_new(void)
{
	return calloc(1, sizeof(struct match_scratch));
}

void match_scratch_free(struct match_scratch *sc)
{
	if (!sc)
		return;
	free(sc->acc);
	free(sc->state);
	free(sc->touched);
	free(sc->order);
	free(sc->qtab);
	free(sc->allowed);
	free(sc->heap);
	free(sc);
}

/* Grows the buffers (zeroed where queries expect zeros) so that queries allocate nothing once warm. */
static int scratch_fit(struct match_scratch *sc, uint32_t n, uint32_t nconcepts, uint32_t norgs, size_t k,
                       size_t cand_size)
{
	if (n > sc->cap) {
		double *acc = calloc(n, sizeof *acc);
		uint8_t *st = calloc(n, 1);
		uint32_t *t = malloc((size_t)n * sizeof *t), *o = malloc((size_t)n * sizeof *o);
		if (!acc || !st || !t || !o) {
			free(acc);
			free(st);
			free(t);
			free(o);
			return -1;
		}
		free(sc->acc);
		free(sc->state);
		free(sc->touched);
		free(sc->order);
		sc->acc = acc;
		sc->state = st;
		sc->touched = t;
		sc->order = o;
		sc->cap = n;
	}
	if (nconcepts > sc->qcap) {
		double *q = calloc(nconcepts, sizeof *q);
		if (!q)
			return -1;
		free(sc->qtab);
		sc->qtab = q;
		sc->qcap = nconcepts;
	}
	uint32_t abytes = norgs / 8 + 1;
	if (abytes > sc->acap) {
		uint8_t *al = malloc(abytes);
		if (!al)
			return -1;
		free(sc->allowed);
		sc->allowed = al;
		sc->acap = abytes;
	}
	if (k > sc->hcap) {
		void *h = malloc(k * cand_size);
		if (!h)
			return -1;
		free(sc->heap);
		sc->heap = h;
		sc->hcap = k;
	}
	return 0;
}

struct pair {
	double skill, occ, edu, lang, score;
	int digits;
	unsigned checked, failed;
};

static int client_level(const struct mi_rec *c, uint16_t lang)
{
	for (uint16_t i = 0; i < c->nlangs; i++)
		if (c->langs[i].lang == lang)
			return c->langs[i].level;
	return 0;
}

static int has_licence(const struct mi_rec *c, uint32_t lic)
{
	for (uint16_t i = 0; i < c->nlic; i++)
		if (c->lic[i] == lic)
			return 1;
	return 0;
}

static int isco_digits(int a, int b)
{
	if (a < 0 || b < 0)
		return 0;
	if (a == b)
		return 4;
	if (a / 10 == b / 10)
		return 3;
	if (a / 100 == b / 100)
		return 2;
	if (a / 1000 == b / 1000)
		return 1;
	return 0;
}

/* The formula of docs/matching.md, given the skill part. */
static void eval_pair(const struct mi_rec *c, const struct mi_rec *v, double skill, struct pair *p)
{
	static const double occ_by_digits[] = {0.0, 0.1, 0.3, 0.6, 1.0};
	p->skill = skill > 1.0 ? 1.0 : skill;
	p->digits = 0;
	for (uint16_t i = 0; i < c->nisco; i++) {
		int d = isco_digits(c->isco_list[i], v->isco);
		if (d > p->digits)
			p->digits = d;
	}
	p->occ = occ_by_digits[p->digits];
	p->edu = 1.0;
	if (v->isced > c->isced) {
		p->edu = 1.0 - 0.15 * (v->isced - c->isced);
		if (p->edu < 0.4)
			p->edu = 0.4;
	}
	p->checked = p->failed = 0;
	p->lang = 1.0;
	for (uint16_t i = 0; i < v->nlangs; i++) {
		const struct mi_lang *l = &v->langs[i];
		int have = client_level(c, l->lang);
		if (l->required)
			p->checked |= MATCH_HARD_LANGUAGE;
		if (have < l->level) {
			p->lang *= 1.0 - (l->required ? 0.10 : 0.05) * (l->level - have);
			if (l->required)
				p->failed |= MATCH_HARD_LANGUAGE;
		}
	}
	if (p->lang < 0.3)
		p->lang = 0.3;
	if (v->nlic) {
		p->checked |= MATCH_HARD_LICENCE;
		for (uint16_t i = 0; i < v->nlic; i++)
			if (!has_licence(c, v->lic[i]))
				p->failed |= MATCH_HARD_LICENCE;
	}
	if (v->permit) {
		p->checked |= MATCH_HARD_PERMIT;
		if (!c->permit)
			p->failed |= MATCH_HARD_PERMIT;
	}
	if (v->hours && c->hours) {
		p->checked |= MATCH_HARD_HOURS;
		if (c->hours < v->hours)
			p->failed |= MATCH_HARD_HOURS;
	}
	if (v->physical && c->physical) {
		p->checked |= MATCH_HARD_PHYSICAL;
		if (c->physical < v->physical)
			p->failed |= MATCH_HARD_PHYSICAL;
	}
	p->score = 100.0 * (0.8 * p->skill + 0.2 * p->occ) * p->edu * p->lang;
}

struct cand {
	double score;
	int64_t id;
	uint32_t slot;
};

static int better(const struct cand *a, const struct cand *b)
{
	return a->score > b->score || (a->score == b->score && a->id < b->id);
}

/* Min-heap by "better": the root is the worst kept candidate. */
static void heap_push(struct cand *h, size_t *n, size_t k, struct cand c)
{
	if (*n < k) {
		size_t i = (*n)++;
		h[i] = c;
		while (i > 0) {
			size_t p = (i - 1) / 2;
			if (!better(&h[p], &h[i]))
				break;
			struct cand t = h[p];
			h[p] = h[i];
			h[i] = t;
			i = p;
		}
		return;
	}
	if (!better(&c, &h[0]))
		return;
	h[0] = c;
	size_t i = 0;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < *n && better(&h[w], &h[l]))
			w = l;
		if (r < *n && better(&h[w], &h[r]))
			w = r;
		if (w == i)
			break;
		struct cand t = h[w];
		h[w] = h[i];
		h[i] = t;
		i = w;
	}
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	return better(x, y) ? -1 : better(y, x) ? 1 : 0;
}

static const char *astr(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

struct miss_tmp {
	uint32_t concept;
	float idf;
};

static int cmp_miss(const void *a, const void *b)
{
	const struct miss_tmp *x = a, *y = b;
	if (x->idf != y->idf)
		return x->idf > y->idf ? -1 : 1;
	return x->concept < y->concept ? -1 : x->concept > y->concept;
}

static int cmp_hit(const void *a, const void *b)
{
	const struct match_skill_hit *x = a, *y = b;
	if (x->contribution != y->contribution)
		return x->contribution > y->contribution ? -1 : 1;
	return x->concept < y->concept ? -1 : x->concept > y->concept;
}

/* Fills the explanation of one pair into the arena. */
static int explain(const struct match_index *idx, const struct mi_rec *c, const struct mi_rec *v, struct match_item *it,
                   struct arena *a)
{
	size_t nm = 0, nx = 0;
	it->matched = arena_alloc(a, (c->nskills < v->nskills ? c->nskills : v->nskills) * sizeof *it->matched + 1);
	struct miss_tmp *miss = arena_alloc(a, v->nskills * sizeof *miss + 1);
	if (!it->matched || !miss)
		return -1;
	uint16_t i = 0, j = 0;
	while (j < v->nskills) {
		const struct match_skill *vs = &v->skills[j];
		if (i < c->nskills && c->skills[i].concept < vs->concept) {
			i++;
			continue;
		}
		if (i < c->nskills && c->skills[i].concept == vs->concept) {
			struct match_skill_hit *h = &it->matched[nm++];
			h->concept = vs->concept;
			h->idf = idx->idf[vs->concept];
			h->client_weight = c->skills[i].weight;
			h->vacancy_weight = vs->weight;
			h->contribution = (double)idx->idf[vs->concept] * h->client_weight * h->vacancy_weight / 64.0 *
			                  (double)v->inv_norm;
			h->uri = astr(a, idx->uri[vs->concept]);
			h->label = astr(a, idx->label[vs->concept]);
			i++;
		} else if (vs->essential) {
			miss[nx++] = (struct miss_tmp){vs->concept, idx->idf[vs->concept]};
		}
		j++;
	}
	qsort(it->matched, nm, sizeof *it->matched, cmp_hit);
	it->nmatched = nm;
	qsort(miss, nx, sizeof *miss, cmp_miss);
	if (nx > MATCH_MAX_MISSING)
		nx = MATCH_MAX_MISSING;
	it->missing = arena_alloc(a, nx * sizeof *it->missing + 1);
	if (!it->missing)
		return -1;
	for (size_t k = 0; k < nx; k++) {
		struct match_missing_skill *ms = &it->missing[k];
		ms->concept = miss[k].concept;
		ms->idf = miss[k].idf;
		ms->uri = astr(a, idx->uri[ms->concept]);
		ms->label = astr(a, idx->label[ms->concept]);
		const struct mi_list *cl = &idx->course_post[ms->concept];
		ms->courses = arena_alloc(a, MATCH_MAX_COURSES * sizeof *ms->courses);
		if (!ms->courses)
			return -1;
		for (uint32_t t = 0; t < cl->n && ms->ncourses < MATCH_MAX_COURSES; t++) {
			const struct mi_course *co = &idx->courses[cl->p[t]];
			ms->courses[ms->ncourses++] = (struct match_course){co->id, arena_strdup(a, co->name)};
		}
	}
	it->nmissing = nx;
	it->lang_gaps = arena_alloc(a, v->nlangs * sizeof *it->lang_gaps + 1);
	it->missing_licences = arena_alloc(a, v->nlic * sizeof *it->missing_licences + 1);
	if (!it->lang_gaps || !it->missing_licences)
		return -1;
	for (uint16_t k = 0; k < v->nlangs; k++) {
		int have = client_level(c, v->langs[k].lang);
		if (have >= v->langs[k].level)
			continue;
		struct match_lang_gap *g = &it->lang_gaps[it->nlang_gaps++];
		memcpy(g->language, idx->langs[v->langs[k].lang], sizeof g->language);
		g->required_level = v->langs[k].level;
		g->client_level = (uint8_t)have;
		g->required = v->langs[k].required;
	}
	for (uint16_t k = 0; k < v->nlic; k++)
		if (!has_licence(c, v->lic[k]))
			it->missing_licences[it->nmissing_licences++] = arena_strdup(a, idx->lic_names[v->lic[k]]);
	return 0;
}

/* Everything a query's candidate search needs; the search leaves the best k in heap. */
struct search {
	const struct match_index *idx;
	int subject;
	const struct mi_rec *me;
	const struct mi_side *os;
	struct match_scratch *sc;
	size_t k, nheap, ncand, nfilt;
	unsigned flags;
};

/* An upper bound on the score from an upper bound on the skill part: the fits and occupation closeness are <= 1. */
static double score_bound(double skill)
{
	return 100.0 * (0.8 * (skill > 1.0 ? 1.0 : skill) + 0.2);
}

/* Margin on every bound: scores are rounded to 1e-9 and a candidate equal to the k-th best may still win on id. */
#define MI_EPS 1e-6

static int in_scope(const struct search *q, const struct mi_rec *o)
{
	if (!o->alive || !(q->sc->allowed[o->org / 8] & (1u << (o->org % 8))))
		return 0;
	return q->subject == MI_CLIENTS || o->consent;
}

/* Scores one candidate in full and offers it to the heap. raw is the exact skill sum. */
static void offer(struct search *q, uint32_t s, double raw)
{
	const struct mi_rec *o = &q->os->recs[s];
	const struct mi_rec *c = q->subject == MI_CLIENTS ? q->me : o, *v = q->subject == MI_CLIENTS ? o : q->me;
	struct pair p = {0};
	eval_pair(c, v, raw * (double)v->inv_norm, &p);
	q->ncand++;
	if ((q->flags & MATCH_Q_FILTER_HARD) && p.failed) {
		q->nfilt++;
		return;
	}
	/* rounded to 1e-9 so that equal scores reached by different summation orders tie, and ties go by id */
	heap_push(q->sc->heap, &q->nheap, q->k, (struct cand){round(p.score * 1e9) / 1e9, o->id, s});
}

/* Exhaustive: every posting of every subject skill, then every record touched. The reference the pruned search must
 * agree with (MATCH_Q_EXHAUSTIVE). */
static void search_all(struct search *q)
{
	const struct mi_rec *me = q->me;
	double *acc = q->sc->acc;
	uint32_t *touched = q->sc->touched, nt = 0;
	for (uint16_t i = 0; i < me->nskills; i++) {
		uint32_t cpt = me->skills[i].concept;
		const struct mi_post *l = &q->os->post[cpt];
		double tab[16];
		double base = (double)q->idx->idf[cpt] * me->skills[i].weight / 64.0;
		for (int w = 0; w < 16; w++)
			tab[w] = base * w;
		for (uint32_t j = 0; j < l->n; j++) {
			uint32_t pv = l->p[j], s = pv & MI_SLOT_MASK;
			if (acc[s] == 0.0)
				touched[nt++] = s;
			acc[s] += tab[pv >> MI_SLOT_BITS];
		}
	}
	for (uint32_t t = 0; t < nt; t++) {
		uint32_t s = touched[t];
		double raw = acc[s];
		acc[s] = 0.0;
		if (q->nheap == q->k) {
			double inv = q->subject == MI_CLIENTS ? (double)q->os->inv_norm[s] : (double)me->inv_norm;
			if (score_bound(raw * inv) < q->sc->heap[0].score - MI_EPS)
				continue;
		}
		if (in_scope(q, &q->os->recs[s]))
			offer(q, s, raw);
	}
}

/* Bound on the score of a candidate read in this round: its partial sum, plus what it can still share, which is
 * below both the round's slack and what the subject's unfinished skills can add (rest). */
static double cand_bound(const struct search *q, uint32_t s, double slack, double rest)
{
	double inv = q->subject == MI_CLIENTS ? (double)q->os->inv_norm[s] : (double)q->me->inv_norm;
	double r = q->subject == MI_CLIENTS ? rest * inv : rest;
	return score_bound(q->sc->acc[s] * inv + (r * (1 + 1e-9) < slack ? r * (1 + 1e-9) + 1e-12 : slack));
}

/* First posting in [lo, hi) of the sorted part whose key is below t. */
static uint32_t key_below(const struct mi_post *l, uint32_t lo, uint32_t hi, float t)
{
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (l->k[mid] >= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Pruned (prefix filtering with a falling threshold). In round r with skill threshold tau, read the postings whose
 * key is >= tau (in key units: tau for vacancy shares, tau * norm for client masses when the subject is a vacancy).
 * A record none of whose postings was read shares less than tau with the subject (see struct mi_post), so its score
 * is below score_bound(tau); once that is below the k-th best, nothing unread can enter. A record first read in
 * round r has skill <= acc * inv + tau; only when that bound can still enter is it scored in full, with the exact sum
 * taken over its own skills against the subject's per-concept table, in concept order like search_all, so the
 * scores are bit for bit the same. */
/* Measured at national scale (bench/match): starting at half the skill part and going down to half the threshold
 * that would end the search read the fewest postings for the fewest full scorings. */
#define TAU_START 0.5
#define TAU_FINAL 0.5

static void search_pruned(struct search *q)
{
	const struct mi_rec *me = q->me;
	const struct mi_side *os = q->os;
	struct match_scratch *sc = q->sc;
	double *acc = sc->acc, *qtab = sc->qtab;
	uint8_t *state = sc->state;
	uint32_t *touched = sc->touched, *cur = sc->cur, nt = 0;
	for (uint16_t i = 0; i < me->nskills; i++) {
		uint32_t cpt = me->skills[i].concept;
		qtab[cpt] = (double)q->idx->idf[cpt] * me->skills[i].weight / 64.0;
		cur[i] = 0;
	}
	double inv_me = (double)me->inv_norm;
	/* key units per unit of skill: vacancy keys are shares already; client keys are masses, and a client's skill
	 * towards this vacancy is at most mass * inv_me */
	double per_skill = q->subject == MI_CLIENTS ? 1.0 : (inv_me > 0 ? 1.0 / inv_me : 0.0);
	double tau = TAU_START;
	for (int round = 0;; round++) {
		float t = tau > 0 ? (float)(tau * per_skill) : -1.0f;
		/* what an unread record can share, in skill units, with room for rounding */
		double slack = (t > 0 ? (double)t / per_skill * (1 + 1e-5) : 0.0) + 1e-9;
		for (uint16_t i = 0; i < me->nskills; i++) {
			const struct mi_post *l = &os->post[me->skills[i].concept];
			double tab[16], base = qtab[me->skills[i].concept];
			for (int w = 0; w < 16; w++)
				tab[w] = base * w;
			uint32_t lo = cur[i], hi = t < 0 ? l->nsorted : key_below(l, lo, l->nsorted, t);
			for (uint32_t j = lo; j < hi; j++) {
				uint32_t pv = l->p[j], s = pv & MI_SLOT_MASK;
				if (state[s] == 0) {
					state[s] = 1;
					touched[nt++] = s;
				}
				acc[s] += tab[pv >> MI_SLOT_BITS];
			}
			cur[i] = hi;
			if (round == 0) /* the unsorted tail is read once, in full */
				for (uint32_t j = l->nsorted; j < l->n; j++) {
					uint32_t pv = l->p[j], s = pv & MI_SLOT_MASK;
					if (state[s] == 0) {
						state[s] = 1;
						touched[nt++] = s;
					}
					acc[s] += tab[pv >> MI_SLOT_BITS];
				}
		}
		/* what the subject's skills not yet read to the end can still add, per unit of the other's inv_norm
		 * (client subject) or in skill units (vacancy subject): each posting weighs at most 8 */
		double rest = 0;
		for (uint16_t i = 0; i < me->nskills; i++)
			if (cur[i] < os->post[me->skills[i].concept].nsorted)
				rest += qtab[me->skills[i].concept] * 8;
		if (q->subject == MI_VACANCIES)
			rest *= inv_me;
		/* Is this the last round? Only when nothing unread can enter any more. */
		int last = t < 0;
		if (!last && q->nheap == q->k) {
			double unread = q->subject == MI_VACANCIES && rest < slack ? rest + 1e-9 : slack;
			last = score_bound(unread) < sc->heap[0].score - MI_EPS;
		}
		/* The candidates still open (state 1), bucketed by bound (the bucket waits in state) so that the likely
		 * best are scored first and the k-th best rises early. Before the last round only the best few are
		 * scored, to set the k-th best; the rest wait, and their bounds tighten as later rounds read more. */
		enum { NB = 64 };
		uint32_t cnt[NB + 1] = {0};
		for (uint32_t x = 0; x < nt; x++) {
			uint32_t s = touched[x];
			if (state[s] != 1)
				continue;
			if (!in_scope(q, &os->recs[s])) {
				state[s] = 2;
				continue;
			}
			double ub = cand_bound(q, s, slack, rest);
			if (q->nheap == q->k && ub < sc->heap[0].score - MI_EPS) {
				state[s] = 2; /* the bound holds for good: the k-th best only rises */
				continue;
			}
			int bucket = NB - 1 - (int)(ub * (NB - 1) / 100.0);
			bucket = bucket < 0 ? 0 : bucket >= NB ? NB - 1 : bucket;
			state[s] = (uint8_t)(3 + bucket);
			cnt[bucket + 1]++;
		}
		for (int b = 0; b < NB; b++)
			cnt[b + 1] += cnt[b];
		uint32_t *order = sc->order, nc = cnt[NB];
		for (uint32_t x = 0; x < nt; x++) {
			uint32_t s = touched[x];
			if (state[s] >= 3) {
				order[cnt[state[s] - 3]++] = s;
				state[s] = 1;
			}
		}
		size_t budget = last ? nc : 2 * q->k;
		for (uint32_t x = 0; x < nc && budget; x++) {
			uint32_t s = order[x];
			if (q->nheap == q->k && cand_bound(q, s, slack, rest) < sc->heap[0].score - MI_EPS) {
				state[s] = 2; /* buckets are coarse: a later one may still enter, so go on */
				continue;
			}
			state[s] = 2;
			budget--;
			const struct mi_rec *o = &os->recs[s];
			double raw = 0;
			for (uint16_t m = 0; m < o->nskills; m++)
				raw += qtab[o->skills[m].concept] * o->skills[m].weight;
			offer(q, s, raw);
		}
		if (last)
			break;
		if (q->nheap == q->k) {
			double kth = sc->heap[0].score - MI_EPS;
			/* the threshold below which nothing unread can enter, halved, so that the open candidates' bounds
			 * (partial + threshold) separate from the k-th best */
			double need = ((kth / 100.0 - 0.2) / 0.8 - 1e-9) / (1 + 2e-5);
			tau = need * TAU_FINAL < tau / 4 ? tau / 4 : need * TAU_FINAL;
			if (tau >= need)
				tau = need * 0.999;
		} else {
			tau /= 4;
		}
		if (tau < 1e-3)
			tau = 0;
	}
	for (uint32_t x = 0; x < nt; x++) {
		acc[touched[x]] = 0.0;
		state[touched[x]] = 0;
	}
	for (uint16_t i = 0; i < me->nskills; i++)
		qtab[me->skills[i].concept] = 0.0;
}

static int run_query(struct match_index *idx, int subject, int64_t id, const struct match_query *q, struct arena *a,
                     struct match_result **out, struct err *e)
{
	*out = NULL;
	int other = 1 - subject;
	size_t k = q->limit ? q->limit : 20;
	if (k > MATCH_MAX_LIMIT)
		k = MATCH_MAX_LIMIT;
	if (q->norgs > MATCH_MAX_ORGS)
		return err_set(e, ERR_TOO_BIG, "orgs", "too many organisations in one query");
	struct match_scratch *own = NULL, *sc = q->scratch;
	int rc = 0;

	pthread_rwlock_rdlock(&idx->lock);
	struct mi_side *ss = &idx->side[subject], *os = &idx->side[other];
	uint32_t slot;
	if (!imap_get(&ss->ids, id, &slot)) {
		rc = err_set(e, ERR_NOT_FOUND, "id", "%s not found in the match index",
		             subject == MI_CLIENTS ? "client" : "open vacancy");
		goto done;
	}
	const struct mi_rec *me = &ss->recs[slot];
	if (!sc && !(sc = own = match_scratch_new()))
		goto oom;
	if (scratch_fit(sc, os->n ? os->n : 1, idx->nconcepts, idx->norgs, k, sizeof(struct cand)))
		goto oom;
	uint8_t *allowed = sc->allowed;
	memset(allowed, 0, idx->norgs / 8 + 1);
	int scoped = 0;
	for (size_t i = 0; i < q->norgs; i++) {
		uint32_t o;
		if (imap_get(&idx->orgs, q->orgs[i], &o)) {
			allowed[o / 8] |= (uint8_t)(1u << (o % 8));
			scoped |= o == me->org;
		}
	}
	if (!scoped) {
		rc = err_set(e, ERR_NOT_FOUND, "id", "%s not found in your organisations",
		             subject == MI_CLIENTS ? "client" : "vacancy");
		goto done;
	}
	if (subject == MI_CLIENTS && !me->consent) {
		rc = err_set(e, ERR_FORBIDDEN, "consent", "the client has not consented to matching");
		goto done;
	}

	struct search s = {.idx = idx, .subject = subject, .me = me, .os = os, .sc = sc, .k = k, .flags = q->flags};
	/* Pruning pays for a client's vacancies (the batch); for a vacancy's clients the client postings are long and
	 * flat (mostly implied skills at one weight), and the exhaustive pass measured faster. */
	if ((q->flags & MATCH_Q_EXHAUSTIVE) || subject == MI_VACANCIES)
		search_all(&s);
	else
		search_pruned(&s);
	struct cand *heap = sc->heap;
	size_t nheap = s.nheap;
	qsort(heap, nheap, sizeof *heap, cmp_cand);

	/* the result with explanations, all in the caller's arena */
	struct match_result *r = arena_alloc(a, sizeof *r);
	if (!r || !(r->items = arena_alloc(a, nheap * sizeof *r->items + 1)))
		goto oom;
	r->subject = subject == MI_CLIENTS ? MATCH_FOR_CLIENT : MATCH_FOR_VACANCY;
	r->subject_id = id;
	r->candidates = s.ncand;
	r->filtered = s.nfilt;
	r->nitems = nheap;
	for (size_t i = 0; i < nheap; i++) {
		const struct mi_rec *o = &os->recs[heap[i].slot];
		const struct mi_rec *c = subject == MI_CLIENTS ? me : o, *v = subject == MI_CLIENTS ? o : me;
		struct match_item *it = &r->items[i];
		it->id = o->id;
		it->organisation_id = idx->org_ids[o->org];
		it->score = heap[i].score;
		if (q->flags & MATCH_Q_NO_EXPLAIN)
			continue;
		if (explain(idx, c, v, it, a))
			goto oom;
		struct pair p = {0};
		double skill = 0;
		for (size_t m = 0; m < it->nmatched; m++)
			skill += it->matched[m].contribution;
		eval_pair(c, v, skill, &p);
		it->skill = p.skill;
		it->occupation = p.occ;
		it->education_fit = p.edu;
		it->language_fit = p.lang;
		it->isco_digits = p.digits;
		it->hard_checked = p.checked;
		it->hard_failed = p.failed;
	}
	*out = r;
	goto done;
oom:
	rc = err_set(e, ERR_UNAVAILABLE, "", "out of memory while matching");
done:
	pthread_rwlock_unlock(&idx->lock);
	match_scratch_free(own);
	return rc;
}

int match_for_client(struct match_index *idx, int64_t client_id, const struct match_query *q, struct arena *a,
                     struct match_result **out, struct err *e)
{
	return run_query(idx, MI_CLIENTS, client_id, q, a, out, e);
}

int match_for_vacancy(struct match_index *idx, int64_t vacancy_id, const struct match_query *q, struct arena *a,
                      struct match_result **out, struct err *e)
{
	return run_query(idx, MI_VACANCIES, vacancy_id, q, a, out, e);
}
