/* match score: the formula of docs/matching.md for one client-vacancy pair, the explanation of a result (matched
 * and missing skills with courses, language gaps, licences), and the parsers of raw field values. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/order.h"
#include "match/internal.h"

/* ---------- parsers of raw field values ---------- */

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

/* ---------- one pair ---------- */

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
/* none, major group, sub-major, minor group, unit group, same ESCO occupation */
const double mi_occ_grade[6] = {0.0, 0.0, 0.0, 0.02, 0.05, 1.0};

/* The occupation evidence of a pair: leading ISCO digits shared and the same ESCO occupation; returns its grade. */
static double occ_of(const struct mi_rec *c, const struct mi_rec *v, int *digits, int *same)
{
	*digits = 0;
	*same = 0;
	for (uint16_t i = 0; i < c->nisco; i++) {
		int d = isco_digits(c->isco_list[i], v->isco);
		if (d > *digits)
			*digits = d;
	}
	for (uint16_t i = 0; v->occ && i < c->nocc; i++)
		if (c->occ_list[i] == v->occ)
			*same = 1;
	if (*same && *digits < 4 && v->isco < 0)
		*digits = 4;
	return mi_occ_grade[*same ? 5 : *digits];
}

double mi_occ_grade_of(const struct mi_rec *c, const struct mi_rec *v)
{
	int digits, same;
	return occ_of(c, v, &digits, &same);
}

void mi_eval_pair(const struct mi_rec *c, const struct mi_rec *v, double skill, struct mi_pair *p)
{
	p->skill = skill > 1.0 ? 1.0 : skill;
	p->occ = occ_of(c, v, &p->digits, &p->same);
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
	p->score = 100.0 * (MI_W_SKILL * p->skill + (1 - MI_W_SKILL) * p->occ) * p->edu * p->lang;
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
	int o = order_f64(y->idf, x->idf); /* rarest first */
	return o ? o : order_u64(x->concept, y->concept);
}

static int cmp_hit(const void *a, const void *b)
{
	const struct match_skill_hit *x = a, *y = b;
	int o = order_f64(y->contribution, x->contribution); /* largest first */
	return o ? o : order_u64(x->concept, y->concept);
}

/* Fills the explanation of one pair and its components (skill, occupation, fits, hard checks) into the arena. */
int mi_explain(const struct match_index *idx, const struct mi_rec *c, const struct mi_rec *v, struct match_item *it,
               struct arena *a)
{
	size_t nm = 0, nx = 0;
	double covered = 0;
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
			h->contribution = mi_term(idx->idf[vs->concept]) * h->client_weight * h->vacancy_weight / 64.0 *
			                  (double)c->inv_norm * (double)v->inv_norm;
			covered += (double)idx->idf[vs->concept] * h->client_weight * h->vacancy_weight / 64.0;
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
	/* the components, from the matched skills' contributions (they sum to the skill part) */
	struct mi_pair p = {0};
	double skill = 0;
	for (size_t m = 0; m < it->nmatched; m++)
		skill += it->matched[m].contribution;
	mi_eval_pair(c, v, skill, &p);
	it->skill = p.skill;
	double need = 0;
	for (uint16_t k = 0; k < v->nskills; k++)
		need += (double)idx->idf[v->skills[k].concept] * v->skills[k].weight / 8.0;
	it->coverage = need > 0 ? covered / need : 0;
	if (it->coverage > 1.0)
		it->coverage = 1.0;
	it->occupation = p.occ;
	it->education_fit = p.edu;
	it->language_fit = p.lang;
	it->isco_digits = p.digits;
	it->same_occupation = p.same;
	it->hard_checked = p.checked;
	it->hard_failed = p.failed;
	return 0;
}


/* ---------- labels in the reader's language ---------- */

static int label_lang_index(const char *lang)
{
	for (int k = 0; lang && k < MI_LABEL_LANGS; k++)
		if (strcmp(lang, mi_label_langs[k]) == 0)
			return k;
	return -1;
}

/* The label of concept in language k, else in English; *in says which (NULL: none). */
static const char *label_in(const struct match_index *idx, uint32_t concept, int k, const char **in)
{
	*in = NULL;
	if (concept >= idx->nconcepts)
		return NULL;
	if (idx->label_in[k] && idx->label_in[k][concept]) {
		*in = mi_label_langs[k];
		return idx->label_in[k][concept];
	}
	if (idx->label_in[0] && idx->label_in[0][concept]) {
		*in = mi_label_langs[0];
		return idx->label_in[0][concept];
	}
	return NULL;
}

/* Names a matched or missing skill's concept in label language k (label_in's fallback), its name copied into a;
 * -1 when out of memory. A concept the index has no name for keeps its label. */
static int set_label(const struct match_index *idx, uint32_t concept, int k, struct arena *a, const char **label,
                     const char **label_lang)
{
	const char *in, *l = label_in(idx, concept, k, &in);
	if (!l)
		return 0;
	*label = arena_strdup(a, l);
	*label_lang = in;
	return *label ? 0 : -1;
}

int match_result_set_lang(struct match_index *idx, struct match_result *r, const char *lang, struct arena *a)
{
	int k = label_lang_index(lang);
	if (k < 0 || !r)
		return 0;
	int rc = 0;
	pthread_rwlock_rdlock(&idx->lock);
	for (size_t i = 0; i < r->nitems && !rc; i++) {
		struct match_item *it = &r->items[i];
		for (size_t m = 0; m < it->nmatched && !rc; m++)
			rc = set_label(idx, it->matched[m].concept, k, a, &it->matched[m].label, &it->matched[m].label_lang);
		for (size_t m = 0; m < it->nmissing && !rc; m++)
			rc = set_label(idx, it->missing[m].concept, k, a, &it->missing[m].label, &it->missing[m].label_lang);
	}
	pthread_rwlock_unlock(&idx->lock);
	return rc;
}

int match_concept_label(struct match_index *idx, const char *uri, const char *lang, struct arena *a,
                        const char **label, const char **label_lang)
{
	*label = *label_lang = NULL;
	int k = label_lang_index(lang);
	uint32_t concept = 0;
	if (k < 0 || !uri || !idx)
		return 0;
	int rc = 0;
	pthread_rwlock_rdlock(&idx->lock);
	if (mi_smap_get(&idx->uris, uri, &concept))
		rc = set_label(idx, concept, k, a, label, label_lang);
	pthread_rwlock_unlock(&idx->lock);
	return rc;
}

/* ---------- reading a score ---------- */

double match_score_calibrated(double raw)
{
	if (!(raw > 0))
		return 0;
	if (raw >= 100)
		return 100;
	return 100.0 * (1.0 - exp(-raw / 50.0)) / (1.0 - exp(-2.0));
}

void match_item_breakdown(const struct match_item *it, struct match_breakdown *out)
{
	double base = 80.0 * it->skill + 20.0 * it->occupation;
	*out = (struct match_breakdown){0};
	out->skills = 80.0 * it->skill;
	out->occupation = 20.0 * it->occupation;
	out->education = base * (it->education_fit - 1.0);
	out->language = base * it->education_fit * (it->language_fit - 1.0);
	for (unsigned bit = 1; bit <= MATCH_HARD_LAST; bit <<= 1) {
		if (bit == MATCH_HARD_LANGUAGE || !(it->hard_checked & bit))
			continue; /* the language levels are the language part */
		out->limits_checked++;
		if (it->hard_failed & bit)
			out->limits_failed++;
	}
}

size_t match_item_unmet(const struct match_item *it, struct match_unmet *out, size_t max)
{
	size_t n = 0;
#define UNMET(c, l, lic)                                                                                              \
	do {                                                                                                           \
		if (n < max)                                                                                           \
			out[n] = (struct match_unmet){(c), (l), (lic)};                                                \
		n++;                                                                                                   \
	} while (0)
	for (unsigned bit = 1; bit <= MATCH_HARD_LAST; bit <<= 1) {
		if (!(it->hard_failed & bit))
			continue;
		size_t before = n;
		if (bit == MATCH_HARD_LANGUAGE) {
			for (size_t i = 0; i < it->nlang_gaps; i++)
				if (it->lang_gaps[i].required)
					UNMET(bit, &it->lang_gaps[i], NULL);
		} else if (bit == MATCH_HARD_LICENCE) {
			for (size_t i = 0; i < it->nmissing_licences; i++)
				UNMET(bit, NULL, it->missing_licences[i]);
		}
		if (n == before)
			UNMET(bit, NULL, NULL);
	}
#undef UNMET
	return n;
}

enum match_verdict match_item_verdict(const struct match_item *it)
{
	if (match_item_unmet(it, NULL, 0))
		return MATCH_VERDICT_UNMET;
	double c = match_score_calibrated(it->score);
	return c >= 70 ? MATCH_VERDICT_GOOD : c >= 40 ? MATCH_VERDICT_FAIR : MATCH_VERDICT_WEAK;
}

const char *match_verdict_name(enum match_verdict v)
{
	switch (v) {
	case MATCH_VERDICT_GOOD: return "good";
	case MATCH_VERDICT_FAIR: return "fair";
	case MATCH_VERDICT_WEAK: return "weak";
	case MATCH_VERDICT_UNMET: return "unmet";
	default: return "";
	}
}

const char *match_reason_name(enum match_reason_kind k)
{
	switch (k) {
	case MATCH_REASON_COVERAGE: return "coverage";
	case MATCH_REASON_OCCUPATION: return "occupation";
	case MATCH_REASON_SKILL: return "skill";
	case MATCH_REASON_LANGUAGE: return "language";
	case MATCH_REASON_LIMITS: return "limits";
	default: return "";
	}
}

size_t match_item_reasons(const struct match_item *it, struct match_reason *out, size_t max)
{
	size_t n = 0, s = 0;
	struct match_breakdown bd = {0};
	match_item_breakdown(it, &bd);
	bool lang_met = (it->hard_checked & MATCH_HARD_LANGUAGE) && !(it->hard_failed & MATCH_HARD_LANGUAGE) &&
	                !it->nlang_gaps;
	bool limits_met = bd.limits_checked && !bd.limits_failed;
	/* the two shared skills that weigh most, then the occupation, languages and requirements, then more skills */
	if (n < max && it->nmatched)
		out[n++] = (struct match_reason){MATCH_REASON_COVERAGE, (int)lround(100.0 * it->skill), NULL};
	for (; s < it->nmatched && s < 2 && n < max; s++)
		out[n++] = (struct match_reason){MATCH_REASON_SKILL, 0, &it->matched[s]};
	if (n < max && it->isco_digits >= 2)
		out[n++] = (struct match_reason){MATCH_REASON_OCCUPATION, it->isco_digits, NULL};
	if (n < max && lang_met)
		out[n++] = (struct match_reason){MATCH_REASON_LANGUAGE, 0, NULL};
	if (n < max && limits_met)
		out[n++] = (struct match_reason){MATCH_REASON_LIMITS, bd.limits_checked, NULL};
	for (; s < it->nmatched && n < max; s++)
		out[n++] = (struct match_reason){MATCH_REASON_SKILL, 0, &it->matched[s]};
	return n;
}
