/* match index: the core: creating and freeing the index, concepts, interning (organisations, languages, licences),
 * rarity (IDF) and normalisers, records and their slots, upserts and removals, courses, and statistics.
 * Postings live in postings.c, the pair formula and explanations in score.c, the queries in query.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/order.h"
#include "match/internal.h"

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
		mi_imap_free(&sd->ids);
		for (uint32_t c = 0; c < idx->nconcepts; c++) {
			free(sd->post[c].p);
			free(sd->post[c].k);
		}
		free(sd->post);
	}
	for (uint32_t c = 0; c < idx->nconcepts; c++) {
		free(idx->uri[c]);
		free(idx->label[c]);
		for (int l = 0; l < MI_LABEL_LANGS; l++)
			free(idx->label_in[l][c]);
		free(idx->essential[c].p);
		free(idx->course_post[c].p);
	}
	free(idx->uri);
	free(idx->label);
	for (int l = 0; l < MI_LABEL_LANGS; l++)
		free(idx->label_in[l]);
	free(idx->essential);
	free(idx->course_post);
	free(idx->concept_isco);
	free(idx->idf);
	mi_smap_free(&idx->uris);
	mi_imap_free(&idx->orgs);
	free(idx->org_ids);
	free(idx->langs);
	mi_smap_free(&idx->lics);
	for (uint32_t i = 0; i < idx->nlic; i++)
		free(idx->lic_names[i]);
	free(idx->lic_names);
	for (uint32_t i = 0; i < idx->ncourses; i++) {
		free(idx->courses[i].name);
		free(idx->courses[i].skills);
	}
	free(idx->courses);
	mi_imap_free(&idx->course_ids);
	pthread_rwlock_destroy(&idx->lock);
	pthread_mutex_destroy(&idx->refresh);
	free(idx);
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
		if (mi_grow_zero(&(field), old, ncap, sizeof *(field)))                                               \
			return -1;                                                                                    \
	} while (0)
	GROW(idx->side[0].post);
	GROW(idx->side[1].post);
	GROW(idx->uri);
	GROW(idx->label);
	for (int l = 0; l < MI_LABEL_LANGS; l++)
		GROW(idx->label_in[l]);
	GROW(idx->essential);
	GROW(idx->course_post);
	GROW(idx->concept_isco);
	GROW(idx->idf);
#undef GROW
	float fresh = (float)log(1.0 + (double)(idx->fixed_n ? idx->fixed_n : idx->frozen_n ? idx->frozen_n : 1));
	for (uint32_t c = old; c < ncap; c++) {
		idx->concept_isco[c] = -1;
		idx->idf[c] = fresh;
	}
	idx->nconcepts = ncap;
	return 0;
}

static int intern_org(struct match_index *idx, int64_t org, uint32_t *out)
{
	if (mi_imap_get(&idx->orgs, org, out))
		return 0;
	if (idx->norgs == idx->orgcap) {
		uint32_t ncap = idx->orgcap ? idx->orgcap * 2 : 16;
		int64_t *p = realloc(idx->org_ids, (size_t)ncap * sizeof *p);
		if (!p)
			return -1;
		idx->org_ids = p;
		idx->orgcap = ncap;
	}
	if (mi_imap_put(&idx->orgs, org, idx->norgs))
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

/* Replaces *slot by a copy of s: 0, or -1 when out of memory (*slot unchanged). */
static int set_copy(char **slot, const char *s)
{
	char *c = strdup(s);
	if (!c)
		return -1;
	free(*slot);
	*slot = c;
	return 0;
}

int mi_set_concept(struct match_index *idx, uint32_t concept, const char *uri, const char *label)
{
	if (mi_ensure_concepts(idx, concept + 1))
		return -1;
	if (uri && (set_copy(&idx->uri[concept], uri) || mi_smap_put(&idx->uris, uri, concept)))
		return -1;
	if (label && set_copy(&idx->label[concept], label))
		return -1;
	return 0;
}

const char *const mi_label_langs[MI_LABEL_LANGS] = {"en", "fi", "sv"};

int mi_set_label(struct match_index *idx, uint32_t concept, int lang, const char *label)
{
	if (!label)
		return 0;
	if (lang < 0 || lang >= MI_LABEL_LANGS || mi_ensure_concepts(idx, concept + 1))
		return -1;
	char *l = strdup(label);
	if (!l)
		return -1;
	free(idx->label_in[lang][concept]);
	idx->label_in[lang][concept] = l;
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

/* 1 / |r|, |r| the length of the record's vector of idf * weight (clients and vacancies alike): the skill part is the
 * cosine of the two vectors (docs/matching.md). */
static void compute_norm(const struct match_index *idx, struct mi_rec *v)
{
	double norm = 0;
	for (uint32_t i = 0; i < v->nskills; i++) {
		double w = v->skills[i].weight / 8.0;
		norm += mi_term(idx->idf[v->skills[i].concept]) * w * w;
	}
	v->inv_norm = norm > 0 ? (float)(1.0 / sqrt(norm)) : 0.0f;
}

static void refresh_idf_locked(struct match_index *idx)
{
	uint64_t n = population(idx);
	double nn = (double)(n ? n : 1);
	if (!idx->fixed_n)
		for (uint32_t c = 0; c < idx->nconcepts; c++) {
			uint64_t df = (uint64_t)idx->side[0].post[c].n + idx->side[1].post[c].n;
			idx->idf[c] = (float)log(1.0 + nn / (double)(df ? df : 1));
		}
	idx->frozen_n = n ? n : 1;
	for (int side = 0; side < 2; side++) {
		struct mi_side *vs = &idx->side[side];
		for (uint32_t i = 0; i < vs->n; i++)
			if (vs->recs[i].alive) {
				compute_norm(idx, &vs->recs[i]);
				vs->inv_norm[i] = vs->recs[i].inv_norm;
			}
	}
	mi_repost_all(idx);
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
	if (idx->fixed_n)
		return; /* fixed rarity: every record's normaliser is already computed with it */
	if (f == 0 || n * 8 > f * 9 || n * 8 < f * 7)
		refresh_idf_locked(idx);
}

int match_index_fix_idf(struct match_index *idx, const uint32_t *concepts, const uint32_t *df, size_t n,
                        uint64_t total, struct err *e)
{
	uint32_t top = 0;
	for (size_t i = 0; i < n; i++)
		if (concepts[i] + 1 > top)
			top = concepts[i] + 1;
	pthread_rwlock_wrlock(&idx->lock);
	int rc = mi_ensure_concepts(idx, top);
	if (!rc) {
		idx->fixed_n = total ? total : 1;
		float rarest = (float)log(1.0 + (double)idx->fixed_n);
		for (uint32_t c = 0; c < idx->nconcepts; c++)
			idx->idf[c] = rarest;
		for (size_t i = 0; i < n; i++)
			idx->idf[concepts[i]] = (float)log(1.0 + (double)idx->fixed_n / (double)(df[i] ? df[i] : 1));
		refresh_idf_locked(idx); /* the normalisers and posting order with the fixed values */
	}
	pthread_rwlock_unlock(&idx->lock);
	return rc ? err_oom(e) : 0;
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
	return order_u64(x->concept, y->concept);
}

/* Copies skills, languages, ISCO codes and licences into one block hanging off r. Skills are sorted and merged
 * (highest weight wins; essential if any copy is). */
static int fill_rec(struct match_index *idx, struct mi_rec *r, const struct match_skill *skills, size_t nskills,
                    const struct match_lang *langs, size_t nlangs, const int16_t *isco, size_t nisco,
                    const uint32_t *occ, size_t nocc, const char *const *lic, size_t nlic, struct err *e)
{
	if (nskills > MATCH_MAX_SKILLS || nlangs > MATCH_MAX_LANGS || nisco > MATCH_MAX_ISCO || nocc > MATCH_MAX_ISCO ||
	    nlic > MATCH_MAX_LICENCES)
		return err_set(e, ERR_TOO_BIG, "skills", "too many skills, languages, occupations or licences for matching");
	size_t bytes = nskills * sizeof(struct match_skill) + nlangs * sizeof(struct mi_lang) + nlic * sizeof(uint32_t) +
	               nocc * sizeof(uint32_t) + nisco * sizeof(int16_t) + 1;
	char *block = malloc(bytes);
	if (!block)
		return err_oom(e);
	r->skills = (struct match_skill *)block;
	r->langs = (struct mi_lang *)(block + nskills * sizeof(struct match_skill));
	r->lic = (uint32_t *)((char *)r->langs + nlangs * sizeof(struct mi_lang));
	r->occ_list = r->lic + nlic;
	r->isco_list = (int16_t *)((char *)r->occ_list + nocc * sizeof(uint32_t));
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
	r->nocc = 0;
	for (size_t i = 0; i < nocc; i++)
		if (occ[i])
			r->occ_list[r->nocc++] = occ[i];
	return 0;
oom:
	free(block);
	r->skills = NULL;
	return err_oom(e);
}

static int take_slot(struct mi_side *sd, int64_t id, uint32_t *slot, int *existing)
{
	if (mi_imap_get(&sd->ids, id, slot)) {
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
		if (mi_grow_zero(&sd->recs, sd->cap, ncap, sizeof *sd->recs) ||
		    mi_grow_zero(&sd->inv_norm, sd->cap, ncap, sizeof *sd->inv_norm))
			return -1;
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
		mi_unpost_rec(idx, side, slot, old);
		free(old->skills);
		old->skills = NULL;
		old->nskills = 0;
	} else if (mi_imap_put(&sd->ids, nr->id, slot)) {
		free(nr->skills);
		release_slot(sd, slot);
		return err_oom(e);
	}
	nr->alive = 1;
	compute_norm(idx, nr); /* before post: a vacancy's keys are shares of its normaliser */
	if (mi_post_rec(idx, side, slot, nr)) {
		free(nr->skills);
		mi_imap_del(&sd->ids, nr->id);
		if (existing)
			sd->live--;
		sd->recs[slot].alive = 0;
		release_slot(sd, slot);
		return err_oom(e);
	}
	sd->recs[slot] = *nr;
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
		return err_oom(e);
	r.isco = -1;
	r.consent = c->consent;
	r.isced = c->isced_level;
	r.permit = c->permit_ok;
	r.hours = c->hours_max;
	r.physical = c->physical;
	r.not_seeking = c->not_seeking;
	r.recheck = mi_day(c->recheck_on);
	if (fill_rec(idx, &r, c->skills, c->nskills, c->langs, c->nlangs, c->isco, c->nisco, c->occupations,
	             c->noccupations, c->licences, c->nlicences, e))
		return e ? (int)e->code : ERR_UNAVAILABLE;
	int rc = upsert_rec(idx, MI_CLIENTS, &r, e);
	if (!rc && r.recheck && (!idx->recheck || r.recheck < idx->recheck))
		idx->recheck = r.recheck;
	return rc;
}

uint32_t mi_day(const char *ymd)
{
	uint32_t d = 0;
	for (int i = 0; ymd && i < 10; i++) {
		if (i == 4 || i == 7) {
			if (ymd[i] != '-')
				return 0;
		} else if (ymd[i] >= '0' && ymd[i] <= '9') {
			d = d * 10 + (uint32_t)(ymd[i] - '0');
		} else {
			return 0;
		}
	}
	return ymd && ymd[10] == 0 ? d : 0;
}

int mi_due_clients(struct match_index *idx, uint32_t d, int64_t **ids, size_t *n)
{
	const struct mi_side *sd = &idx->side[MI_CLIENTS];
	uint32_t next = 0;
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	for (uint32_t i = 0; i < sd->n; i++) {
		const struct mi_rec *r = &sd->recs[i];
		if (!r->alive || !r->recheck)
			continue;
		if (r->recheck > d) {
			next = !next || r->recheck < next ? r->recheck : next;
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			if (mi_resize(ids, cap, sizeof **ids)) {
				free(*ids);
				*ids = NULL;
				*n = 0;
				return -1;
			}
		}
		(*ids)[(*n)++] = r->id;
	}
	idx->recheck = next;
	return 0;
}

int mi_upsert_vacancy(struct match_index *idx, const struct match_vacancy_input *v, struct err *e)
{
	struct mi_rec r = {0};
	r.id = v->id;
	if (intern_org(idx, v->organisation_id, &r.org))
		return err_oom(e);
	r.isco = v->isco >= 0 && v->isco <= 9999 ? v->isco : -1;
	r.isced = v->isced_min;
	r.permit = v->permit_required;
	r.hours = v->hours;
	r.physical = v->physical;
	r.occ = v->occupation;
	if (fill_rec(idx, &r, v->skills, v->nskills, v->langs, v->nlangs, NULL, 0, NULL, 0, v->licences, v->nlicences, e))
		return e ? (int)e->code : ERR_UNAVAILABLE;
	return upsert_rec(idx, MI_VACANCIES, &r, e);
}

int mi_remove(struct match_index *idx, int side, int64_t id)
{
	struct mi_side *sd = &idx->side[side];
	uint32_t slot;
	if (!mi_imap_get(&sd->ids, id, &slot))
		return ERR_NOT_FOUND;
	struct mi_rec *r = &sd->recs[slot];
	mi_unpost_rec(idx, side, slot, r);
	free(r->skills);
	memset(r, 0, sizeof *r);
	mi_imap_del(&sd->ids, id);
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
	if (mi_imap_get(&idx->course_ids, id, &ci)) {
		course_unpost(idx, ci);
	} else {
		if (idx->ncourses == idx->coursecap) {
			uint32_t ncap = idx->coursecap ? idx->coursecap * 2 : 16;
			if (mi_grow_zero(&idx->courses, idx->coursecap, ncap, sizeof *idx->courses))
				return ERR_UNAVAILABLE;
			idx->coursecap = ncap;
		}
		ci = idx->ncourses;
		if (mi_imap_put(&idx->course_ids, id, ci))
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
		if (mi_ensure_concepts(idx, skills[i] + 1) || mi_list_push(&idx->course_post[skills[i]], ci))
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
	if (mi_imap_get(&idx->course_ids, course_id, &ci) && idx->courses[ci].alive) {
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

