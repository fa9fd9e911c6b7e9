/* bench_quality: client<->vacancy match quality on data with a known answer (bench/match/run.sh, docs/matching.md
 * "Match quality benchmark").
 *   bench_quality --esco DIR [--occupations N] [--seed S] [--off SIGNALS]
 * From ESCO's occupations (occupations_en.csv: conceptUri, iscoGroup, preferredLabel, altLabels) and their skill
 * relations (occupationSkillRelations.csv), each occupation with at least MIN_ESS essential skills gives one vacancy
 * and four clients whose profiles are perturbed copies of it (kinds: rich, partial, sparse with noise, newcomer: a
 * job title and two skills). The held-back occupation is the answer: client -> vacancies, the occupation's vacancy;
 * vacancy -> clients, its own client of each kind (the other kinds of the same occupation are left out of that
 * ranking). Reported per direction and kind: MRR, S@1, S@10 and nDCG@10 (one relevant item: 1/log2(1 + rank) within
 * the top 10), for osaaja and, in the same run, a Jaccard skill-overlap baseline and TF-IDF cosine over the same skill
 * lists, then osaaja's ratios and nDCG@10 margins against them. Ties in a baseline count half (the expected rank
 * under a random order of the tied). Deterministic for a seed: use one seed to develop, report another.
 * --off t,i,f (title coding, implied skills of a work-history occupation, rarity fixed by the taxonomy): osaaja with
 * those signals off (f: rarity from the population, as the index computed it before). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/csv.h"
#include "match/match.h"
#include "taxonomy/taxonomy.h"

#define MIN_ESS 4
#define NKINDS 4
static const char *const KIND[NKINDS] = {"rich", "partial", "sparse_noise", "newcomer"};

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static double rndf(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }
static uint32_t rndn(uint32_t n) { return n ? (uint32_t)(rndf() * n) : 0; }

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)n + 1);
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	fclose(f);
	if (p) {
		p[n] = 0;
		*len = (size_t)n;
	}
	return p;
}

/* ---------- a small string -> index hash ---------- */
struct hmap {
	char **k;
	uint32_t *v;
	uint32_t cap;
};
static uint32_t hfind(struct hmap *m, const char *key, uint32_t add_as, int add)
{
	if (!m->cap) {
		m->cap = 1 << 16;
		m->k = calloc(m->cap, sizeof *m->k);
		m->v = calloc(m->cap, sizeof *m->v);
	}
	uint64_t h = 1469598103934665603ULL;
	for (const char *s = key; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	uint32_t j = (uint32_t)h & (m->cap - 1);
	while (m->k[j]) {
		if (strcmp(m->k[j], key) == 0)
			return m->v[j];
		j = (j + 1) & (m->cap - 1);
	}
	if (!add)
		return UINT32_MAX;
	m->k[j] = strdup(key);
	m->v[j] = add_as;
	return add_as;
}

/* ---------- ESCO ---------- */
struct occ {
	char *uri, *label;
	char **alt;
	uint32_t nalt;
	int16_t isco;
	uint32_t *ess, *opt;
	uint32_t ness, nopt;
};
static struct occ *occs;
static uint32_t nocc;
static struct hmap occ_by_uri, skill_by_uri;
static uint32_t nskill = 1; /* concept ids: skills 1..nskill-1, then occupations */
#define OCC_CONCEPT(o) (nskill + (uint32_t)(o))

static void push(uint32_t **a, uint32_t *n, uint32_t v)
{
	if ((*n & (*n - 1)) == 0 || *n == 0)
		*a = realloc(*a, (*n ? *n * 2 : 4) * sizeof **a);
	(*a)[(*n)++] = v;
}

static int load_esco(const char *dir)
{
	char path[600];
	size_t len, n;
	char **f;
	snprintf(path, sizeof path, "%s/occupations_en.csv", dir);
	char *data = slurp(path, &len);
	if (!data)
		{
		fprintf(stderr, "cannot read %s\n", path);
		return -1;
	}
	struct csv_reader *r = csv_open_mem(data, len, ',');
	csv_next(r, &f, &n);
	int cu = csv_find(f, n, "conceptUri"), ci = csv_find(f, n, "iscoGroup"), pl = csv_find(f, n, "preferredLabel"),
	    al = csv_find(f, n, "altLabels");
	if (cu < 0 || ci < 0 || pl < 0)
		{
		fprintf(stderr, "%s: needs conceptUri, iscoGroup, preferredLabel\n", path);
		return -1;
	}
	while (csv_next(r, &f, &n) == 1) {
		if ((size_t)cu >= n || (size_t)ci >= n || (size_t)pl >= n || hfind(&occ_by_uri, f[cu], 0, 0) != UINT32_MAX)
			continue;
		occs = realloc(occs, (nocc + 1) * sizeof *occs);
		struct occ *o = &occs[nocc];
		memset(o, 0, sizeof *o);
		o->uri = strdup(f[cu]);
		o->label = strdup(f[pl]);
		o->isco = match_isco4(f[ci]);
		if (al >= 0 && (size_t)al < n && f[al][0]) {
			char *s = strdup(f[al]), *save = NULL;
			for (char *t = strtok_r(s, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
				o->alt = realloc(o->alt, (o->nalt + 1) * sizeof *o->alt);
				o->alt[o->nalt++] = strdup(t);
			}
			free(s);
		}
		hfind(&occ_by_uri, f[cu], nocc, 1);
		nocc++;
	}
	csv_close(r);
	free(data);
	snprintf(path, sizeof path, "%s/occupationSkillRelations.csv", dir);
	if (!(data = slurp(path, &len)))
		{
		fprintf(stderr, "cannot read %s\n", path);
		return -1;
	}
	r = csv_open_mem(data, len, ',');
	csv_next(r, &f, &n);
	int ou = csv_find(f, n, "occupationUri"), rt = csv_find(f, n, "relationType"), su = csv_find(f, n, "skillUri");
	while (csv_next(r, &f, &n) == 1) {
		uint32_t o = hfind(&occ_by_uri, f[ou], 0, 0);
		if (o == UINT32_MAX)
			continue;
		uint32_t s = hfind(&skill_by_uri, f[su], nskill, 1);
		if (s == nskill)
			nskill++;
		if (strcmp(f[rt], "essential") == 0)
			push(&occs[o].ess, &occs[o].ness, s);
		else
			push(&occs[o].opt, &occs[o].nopt, s);
	}
	csv_close(r);
	free(data);
	return 0;
}

/* ---------- the data set ---------- */
struct prof {
	struct match_skill sk[512];
	uint32_t nsk;
	int16_t isco[4];
	uint32_t nisco;
	uint32_t occs[4]; /* ESCO occupations coded (concept ids) */
	uint32_t nocc;
	const char *title; /* newcomer: a work-history title, not coded */
	int title_work;    /* the title is work history (1) or a target (0) */
	uint32_t occ;      /* the answer */
};

static void add(struct prof *p, uint32_t concept, uint8_t w, uint8_t ess)
{
	for (uint32_t i = 0; i < p->nsk; i++)
		if (p->sk[i].concept == concept) {
			if (w > p->sk[i].weight)
				p->sk[i].weight = w;
			p->sk[i].essential |= ess;
			return;
		}
	if (p->nsk < 512)
		p->sk[p->nsk++] = (struct match_skill){concept, w, ess};
}

/* k distinct random picks of a[0..n) (all when k >= n). */
static uint32_t pick(const uint32_t *a, uint32_t n, uint32_t k, uint32_t *out)
{
	uint32_t *tmp = malloc((n + 1) * sizeof *tmp);
	memcpy(tmp, a, n * sizeof *tmp);
	if (k > n)
		k = n;
	for (uint32_t i = 0; i < k; i++) {
		uint32_t j = i + rndn(n - i), t = tmp[i];
		tmp[i] = tmp[j];
		tmp[j] = t;
		out[i] = tmp[i];
	}
	free(tmp);
	return k;
}

static uint32_t *sel; /* the occupations in the set */
static uint32_t nsel;
static struct prof *vac, *cli; /* vac[i], cli[i * NKINDS + kind] */

static void gen(void)
{
	uint32_t buf[512];
	vac = calloc(nsel, sizeof *vac);
	cli = calloc((size_t)nsel * NKINDS, sizeof *cli);
	for (uint32_t i = 0; i < nsel; i++) {
		struct occ *o = &occs[sel[i]];
		/* vacancy: the employer lists about 70 % of the essential skills (required) and up to 3 optional ones; the
		 * coded occupation adds the essentials not listed (as the store's loader does) */
		struct prof *v = &vac[i];
		v->occ = sel[i];
		v->isco[0] = o->isco;
		v->nisco = 1;
		uint32_t k = pick(o->ess, o->ness, (o->ness * 7 + 9) / 10, buf);
		for (uint32_t j = 0; j < k; j++)
			add(v, buf[j], MATCH_W_REQUIRED, 1);
		k = pick(o->opt, o->nopt, 3, buf);
		for (uint32_t j = 0; j < k; j++)
			add(v, buf[j], MATCH_W_OPTIONAL, 0);
		for (uint32_t j = 0; j < o->ness; j++)
			add(v, o->ess[j], MATCH_W_OCC_ESSENTIAL, 1);
		for (int kind = 0; kind < NKINDS; kind++) {
			struct prof *c = &cli[(size_t)i * NKINDS + kind];
			c->occ = sel[i];
			switch (kind) {
			case 0: /* rich: most essentials and half the optional skills seen by a counsellor; the occupation in
				 * the work history, coded */
				k = pick(o->ess, o->ness, (o->ness * 9 + 9) / 10, buf);
				for (uint32_t j = 0; j < k; j++)
					add(c, buf[j], MATCH_W_DIRECT, 0);
				k = pick(o->opt, o->nopt, o->nopt / 2, buf);
				for (uint32_t j = 0; j < k; j++)
					add(c, buf[j], MATCH_W_DIRECT, 0);
				c->isco[c->nisco++] = o->isco;
				c->occs[c->nocc++] = OCC_CONCEPT(sel[i]);
				c->title = o->label; /* coded already: title coding changes nothing */
				c->title_work = 2;
				break;
			case 1: /* partial: half the essentials, a few optional; the occupation named as a target, as text */
				k = pick(o->ess, o->ness, (o->ness + 1) / 2, buf);
				for (uint32_t j = 0; j < k; j++)
					add(c, buf[j], MATCH_W_DIRECT, 0);
				k = pick(o->opt, o->nopt, o->nopt / 5, buf);
				for (uint32_t j = 0; j < k; j++)
					add(c, buf[j], MATCH_W_DIRECT, 0);
				c->title = o->nalt ? o->alt[rndn(o->nalt)] : o->label;
				c->title_work = 0;
				break;
			case 2: /* sparse with noise: a third of the essentials (at least 2), self-declared, and 3 skills of
				 * other occupations; no occupation */
				k = pick(o->ess, o->ness, o->ness / 3 < 2 ? 2 : o->ness / 3, buf);
				for (uint32_t j = 0; j < k; j++)
					add(c, buf[j], MATCH_W_SELF, 0);
				for (int j = 0; j < 3; j++) {
					const struct occ *x = &occs[sel[rndn(nsel)]];
					if (x != o && x->ness)
						add(c, x->ess[rndn(x->ness)], MATCH_W_SELF, 0);
				}
				break;
			default: /* newcomer: a job title held (an alternative label, as text) and two skills */
				k = pick(o->ess, o->ness, 2, buf);
				for (uint32_t j = 0; j < k; j++)
					add(c, buf[j], MATCH_W_SELF, 0);
				c->title = o->nalt ? o->alt[rndn(o->nalt)] : o->label;
				c->title_work = 1;
				break;
			}
		}
	}
}

/* ---------- osaaja ---------- */
static int off_title, off_implied, off_fixed;
static struct tax_index *tix;
static size_t coded, coded_right, titles;

/* What the store's loader gives the index for a client: listed skills, ISCO codes of coded occupations, and a
 * work-history occupation's essential skills at MATCH_W_IMPLIED. */
static void client_input(const struct prof *p, struct prof *tmp, int64_t id, struct match_client_input *in)
{
	*tmp = *p;
	if (p->title_work == 2 && !off_implied) { /* coded work history */
		const struct occ *o = &occs[p->occ];
		for (uint32_t j = 0; j < o->ness; j++)
			add(tmp, o->ess[j], MATCH_W_IMPLIED, 0);
	}
	if (p->title && p->title_work < 2 && !off_title) {
		struct tax_hit hits[5];
		size_t n = 0;
		bool mapped = false;
		struct err e = {0};
		titles++;
		if (tax_map_title(tix, p->title, "en", 5, hits, &n, &mapped, &e) == 0 && mapped) {
			uint32_t o = hfind(&occ_by_uri, hits[0].uri, 0, 0);
			coded++;
			coded_right += o == p->occ;
			if (o != UINT32_MAX) {
				if (tmp->nisco < 4)
					tmp->isco[tmp->nisco++] = occs[o].isco;
				if (tmp->nocc < 4)
					tmp->occs[tmp->nocc++] = OCC_CONCEPT(o);
				if (p->title_work == 1 && !off_implied)
					for (uint32_t j = 0; j < occs[o].ness; j++)
						add(tmp, occs[o].ess[j], MATCH_W_IMPLIED, 0);
			}
		}
	}
	*in = (struct match_client_input){.id = id, .organisation_id = 1, .consent = true, .skills = tmp->sk,
	                                  .nskills = tmp->nsk, .isco = tmp->isco, .nisco = tmp->nisco, .occupations = tmp->occs,
	                                  .noccupations = tmp->nocc, .permit_ok = true};
}

/* ---------- metrics ---------- */
enum { M_OSAAJA, M_JACCARD, M_TFIDF, NM };
static const char *const MNAME[NM] = {"osaaja", "jaccard", "tfidf"};
struct acc {
	double rr, s1, s10, ndcg;
	uint32_t n;
};
static struct acc res[2][NKINDS][NM]; /* direction 0: client -> vacancies, 1: vacancy -> clients */

static void count(struct acc *a, double rank)
{
	a->n++;
	if (rank <= 0)
		return; /* not ranked */
	a->rr += 1.0 / rank;
	a->s1 += rank <= 1.0;
	a->s10 += rank <= 10.0;
	if (rank <= 10.0)
		a->ndcg += 1.0 / log2(1.0 + rank);
}

/* Baselines over the skill lists: sets for Jaccard, binary tf * idf with L2 norms for the cosine. */
static uint32_t **post[2]; /* per skill: the records of a side (0 clients, 1 vacancies) */
static uint32_t *npost[2];
static double *idf;

static void index_side(int side, struct prof *recs, size_t n)
{
	post[side] = calloc(nskill, sizeof *post[side]);
	npost[side] = calloc(nskill, sizeof *npost[side]);
	for (size_t r = 0; r < n; r++)
		for (uint32_t j = 0; j < recs[r].nsk; j++)
			push(&post[side][recs[r].sk[j].concept], &npost[side][recs[r].sk[j].concept], (uint32_t)r);
}

static double l2(const struct prof *p)
{
	double s = 0;
	for (uint32_t j = 0; j < p->nsk; j++)
		s += idf[p->sk[j].concept] * idf[p->sk[j].concept];
	return sqrt(s);
}

/* Ranks of the right answers for both baselines: scores every record of side `other` sharing a skill with q. */
static void baseline(const struct prof *q, int other, struct prof *recs, size_t n, const double *norms,
                     double *inter, double *dot, uint32_t *touched, int64_t ans, double rank_out[2])
{
	uint32_t nt = 0;
	for (uint32_t j = 0; j < q->nsk; j++) {
		uint32_t s = q->sk[j].concept;
		for (uint32_t t = 0; t < npost[other][s]; t++) {
			uint32_t r = post[other][s][t];
			if (inter[r] == 0)
				touched[nt++] = r;
			inter[r] += 1;
			dot[r] += idf[s] * idf[s];
		}
	}
	double qn = l2(q);
	/* the answer's scores, then the count of others (other occupations) above or tied */
	(void)n;
	double sj = 0, sc = 0;
	if (ans >= 0 && inter[ans] > 0) {
		sj = inter[ans] / (q->nsk + recs[ans].nsk - inter[ans]);
		sc = dot[ans] / (qn * norms[ans]);
	}
	double hj = 0, tj = 0, hc = 0, tc = 0;
	for (uint32_t x = 0; x < nt; x++) {
		uint32_t r = touched[x];
		if ((int64_t)r != ans && recs[r].occ != q->occ) {
			double j = inter[r] / (q->nsk + recs[r].nsk - inter[r]), c = dot[r] / (qn * norms[r]);
			hj += j > sj + 1e-12;
			tj += fabs(j - sj) <= 1e-12;
			hc += c > sc + 1e-12;
			tc += fabs(c - sc) <= 1e-12;
		}
		inter[r] = dot[r] = 0;
	}
	rank_out[0] = sj > 0 ? 1 + hj + tj / 2 : 0;
	rank_out[1] = sc > 0 ? 1 + hc + tc / 2 : 0;
}

static void print_row(const char *dir, const char *kind, int m, const struct acc *a)
{
	double n = a->n ? a->n : 1;
	printf("quality.%s.%s.%s mrr=%.4f s1=%.4f s10=%.4f ndcg10=%.4f n=%u\n", dir, kind, MNAME[m], a->rr / n, a->s1 / n,
	       a->s10 / n, a->ndcg / n, a->n);
}

int main(int argc, char **argv)
{
	const char *esco = NULL;
	uint32_t want = 0;
	uint64_t seed = 2;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--esco") == 0)
			esco = argv[i + 1];
		else if (strcmp(argv[i], "--occupations") == 0)
			want = (uint32_t)strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0)
			seed = strtoull(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--off") == 0) {
			off_title = strchr(argv[i + 1], 't') != NULL;
			off_implied = strchr(argv[i + 1], 'i') != NULL;
			off_fixed = strchr(argv[i + 1], 'f') != NULL;
		}
	}
	if (!esco) {
		fprintf(stderr, "usage: bench_quality --esco DIR [--occupations N] [--seed S] [--off t,i]\n");
		return 2;
	}
	rng ^= seed * 0xD1B54A32D192ED03ULL;
	for (int i = 0; i < 16; i++)
		rnd();
	if (load_esco(esco))
		return 1;
	/* the occupations: every one with enough essential skills, or a seeded sample of N of them */
	sel = malloc(nocc * sizeof *sel);
	for (uint32_t o = 0; o < nocc; o++)
		if (occs[o].ness >= MIN_ESS && occs[o].isco >= 0)
			sel[nsel++] = o;
	for (uint32_t i = nsel; i > 1; i--) {
		uint32_t j = rndn(i), t = sel[i - 1];
		sel[i - 1] = sel[j];
		sel[j] = t;
	}
	if (want && want < nsel)
		nsel = want;
	gen();

	/* the title index: every ESCO occupation's English preferred and alternative labels (confusables included) */
	struct err e = {0};
	struct tax_builder *b = tax_builder_new();
	for (uint32_t o = 0; o < nocc; o++) {
		char code[8];
		snprintf(code, sizeof code, "%04d", occs[o].isco < 0 ? 0 : occs[o].isco);
		long c = tax_builder_concept(b, occs[o].uri, TAX_OCCUPATION, code);
		tax_builder_label(b, c, "en", TAX_PREFERRED, occs[o].label);
		for (uint32_t a = 0; a < occs[o].nalt; a++)
			tax_builder_label(b, c, "en", TAX_ALT, occs[o].alt[a]);
	}
	if (tax_index_build(b, &tix, &e))
		{
			fprintf(stderr, "title index: %s\n", e.message);
			return 1;
		}

	double t0 = (double)clock() / CLOCKS_PER_SEC;
	size_t ncl = (size_t)nsel * NKINDS;
	struct match_index *idx = match_index_new();
	match_index_bulk(idx, true);
	if (!off_fixed) { /* rarity from the taxonomy, as match_index_load sets it */
		uint32_t *cs = calloc(nskill, sizeof *cs), *df = calloc(nskill, sizeof *df);
		for (uint32_t s = 0; s < nskill; s++)
			cs[s] = s;
		for (uint32_t o = 0; o < nocc; o++) {
			for (uint32_t j = 0; j < occs[o].ness; j++)
				df[occs[o].ess[j]]++;
			for (uint32_t j = 0; j < occs[o].nopt; j++)
				df[occs[o].opt[j]]++;
		}
		if (match_index_fix_idf(idx, cs + 1, df + 1, nskill - 1, nocc, &e))
			return 1;
		free(cs);
		free(df);
	}
	struct prof *tmp = malloc(sizeof *tmp);
	for (size_t c = 0; c < ncl; c++) {
		struct match_client_input in = {0};
		client_input(&cli[c], tmp, (int64_t)c + 1, &in);
		if (match_index_upsert_client(idx, &in, &e))
			{
			fprintf(stderr, "client: %s\n", e.message);
			return 1;
		}
	}
	for (uint32_t v = 0; v < nsel; v++) {
		struct match_vacancy_input in = {.id = (int64_t)v + 1, .organisation_id = 1, .skills = vac[v].sk,
		                                 .nskills = vac[v].nsk, .isco = vac[v].isco[0],
		                                 .occupation = OCC_CONCEPT(vac[v].occ)};
		if (match_index_upsert_vacancy(idx, &in, &e))
			{
			fprintf(stderr, "vacancy: %s\n", e.message);
			return 1;
		}
	}
	match_index_bulk(idx, false);

	/* baselines: idf = ln(N / df) over every client and vacancy */
	index_side(0, cli, ncl);
	index_side(1, vac, nsel);
	idf = calloc(nskill, sizeof *idf);
	for (uint32_t s = 1; s < nskill; s++) {
		uint32_t df = npost[0][s] + npost[1][s];
		idf[s] = df ? log((double)(ncl + nsel) / df) + 1e-9 : 0;
	}
	double *cnorm = malloc(ncl * sizeof *cnorm), *vnorm = malloc(nsel * sizeof *vnorm);
	for (size_t c = 0; c < ncl; c++)
		cnorm[c] = l2(&cli[c]);
	for (uint32_t v = 0; v < nsel; v++)
		vnorm[v] = l2(&vac[v]);
	size_t big = ncl > nsel ? ncl : nsel;
	double *inter = calloc(big, sizeof *inter), *dot = calloc(big, sizeof *dot);
	uint32_t *touched = malloc(big * sizeof *touched);

	int64_t org = 1;
	struct match_scratch *sc = match_scratch_new();
	struct match_query q = {.orgs = &org, .norgs = 1, .limit = MATCH_MAX_LIMIT, .flags = MATCH_Q_NO_EXPLAIN,
	                        .scratch = sc};
	/* client -> vacancies */
	for (size_t c = 0; c < ncl; c++) {
		struct arena *a = arena_new(0);
		struct match_result *r = NULL;
		double rank = 0, others = 0;
		if (match_for_client(idx, (int64_t)c + 1, &q, a, &r, &e) == 0)
			for (size_t i = 0; i < r->nitems; i++) {
				if (vac[r->items[i].id - 1].occ == cli[c].occ) {
					rank = others + 1;
					break;
				}
				others++;
			}
		arena_free(a);
		int kind = (int)(c % NKINDS);
		count(&res[0][kind][M_OSAAJA], rank);
		double br[2];
		baseline(&cli[c], 1, vac, nsel, vnorm, inter, dot, touched, (int64_t)(c / NKINDS), br);
		count(&res[0][kind][M_JACCARD], br[0]);
		count(&res[0][kind][M_TFIDF], br[1]);
	}
	/* vacancy -> clients: the own client of each kind, the other kinds of the same occupation left out */
	for (uint32_t v = 0; v < nsel; v++) {
		struct arena *a = arena_new(0);
		struct match_result *r = NULL;
		double rank[NKINDS] = {0}, others = 0;
		if (match_for_vacancy(idx, (int64_t)v + 1, &q, a, &r, &e) == 0)
			for (size_t i = 0; i < r->nitems; i++) {
				size_t c = (size_t)r->items[i].id - 1;
				if (cli[c].occ == vac[v].occ)
					rank[c % NKINDS] = others + 1;
				else
					others++;
			}
		arena_free(a);
		for (int kind = 0; kind < NKINDS; kind++) {
			count(&res[1][kind][M_OSAAJA], rank[kind]);
			double br[2];
			baseline(&vac[v], 0, cli, ncl, cnorm, inter, dot, touched, (int64_t)v * NKINDS + kind, br);
			count(&res[1][kind][M_JACCARD], br[0]);
			count(&res[1][kind][M_TFIDF], br[1]);
		}
	}
	double secs = (double)clock() / CLOCKS_PER_SEC - t0;

	printf("quality.occupations=%u quality.clients=%zu quality.vacancies=%u quality.seed=%llu quality.off=%s%s%s\n",
	       nsel, ncl, nsel, (unsigned long long)seed, off_title ? "t" : "", off_implied ? "i" : "",
	       off_fixed ? "f" : "");
	printf("quality.titles_coded=%zu/%zu right=%zu\n", coded, titles, coded_right);
	static const char *const DIR[2] = {"client_to_vacancies", "vacancy_to_clients"};
	int worst = 1;
	double min_margin = 1e9;
	for (int d = 0; d < 2; d++)
		for (int k = 0; k < NKINDS; k++) {
			for (int m = 0; m < NM; m++)
				print_row(DIR[d], KIND[k], m, &res[d][k][m]);
			double n = res[d][k][0].n ? res[d][k][0].n : 1;
			double o = res[d][k][M_OSAAJA].ndcg / n, j = res[d][k][M_JACCARD].ndcg / n,
			       t = res[d][k][M_TFIDF].ndcg / n;
			double om = res[d][k][M_OSAAJA].rr / n, jm = res[d][k][M_JACCARD].rr / n, tm = res[d][k][M_TFIDF].rr / n;
			double best = j > t ? j : t;
			printf("quality.%s.%s ratio ndcg10 osaaja/jaccard=%.3f osaaja/tfidf=%.3f mrr osaaja/jaccard=%.3f "
			       "osaaja/tfidf=%.3f margin_ndcg10_vs_best=%+.4f\n",
			       DIR[d], KIND[k], j > 0 ? o / j : 0, t > 0 ? o / t : 0, jm > 0 ? om / jm : 0,
			       tm > 0 ? om / tm : 0, o - best);
			if (o - best < min_margin)
				min_margin = o - best;
			worst = worst && res[d][k][M_OSAAJA].n > 0;
		}
	printf("quality.min_margin_ndcg10=%+.4f quality.seconds=%.1f\n", min_margin, secs);
	match_scratch_free(sc);
	match_index_free(idx);
	tax_index_free(tix);
	return worst ? 0 : 1;
}
