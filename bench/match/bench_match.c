/* bench_match: national-scale matching benchmark (see bench/match/run.sh).
 *   bench_match gen --esco DIR --out DIR [--clients N] [--vacancies N] [--queries N] [--seed S]
 *     generates the data set from ESCO's occupation-skill relations (fixed seed), builds the osaaja index, times
 *     queries both ways (one core) and the whole top-20 batch (two threads), and writes the data set as CSV with
 *     osaaja's frozen IDF and client and vacancy normalisers so every baseline scores with the same numbers.
 *   bench_match sql --out DIR --url URL --name NAME [--queries N]
 *     runs the same scoring as SQL through store.h (SQLite file or PostgreSQL) on the tables run.sh loaded.
 * Every stage writes DIR/NAME_times.csv (direction,id,ms) and DIR/NAME_topk.csv (direction,id,rank,other,score). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/arena.h"
#include "core/csv.h"
#include "match/match.h"
#include "store/store.h"

#define TOPK 20
#define NORGS 30

static double now_ms(void)
{
	struct timespec ts = {0};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long maxrss_kb(void)
{
	struct rusage ru = {0};
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* xorshift64*: fixed seed, same data on every machine */
static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}
static double rndf(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }
static uint32_t rndn(uint32_t n) { return (uint32_t)(rndf() * n); }

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

/* ---------- the taxonomy slice we need: occupations with ISCO code, essential and optional skills ---------- */
struct occ {
	char *uri;
	int16_t isco;
	uint32_t *ess, *opt;
	uint32_t ness, nopt, capess, capopt;
};
static struct occ *occs;
static uint32_t nocc;
static char **skill_uris;
static uint32_t nskill; /* concept ids 1..nskill are skills */

static int find_or_add(char ***arr, uint32_t *n, const char *uri, int add)
{
	/* few thousand occupations, ~14k skills: a sorted-on-the-fly hash would be faster; a simple hash is enough */
	static struct { char *k; uint32_t v; } *tab[2];
	static uint32_t cap[2];
	int which = arr == &skill_uris ? 0 : 1;
	if (!cap[which]) {
		cap[which] = 1 << 16;
		tab[which] = calloc(cap[which], sizeof *tab[which]);
	}
	uint64_t h = 1469598103934665603ULL;
	for (const char *s = uri; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	uint32_t j = (uint32_t)h & (cap[which] - 1);
	while (tab[which][j].k) {
		if (strcmp(tab[which][j].k, uri) == 0)
			return (int)tab[which][j].v;
		j = (j + 1) & (cap[which] - 1);
	}
	if (!add)
		return -1;
	tab[which][j].k = strdup(uri);
	tab[which][j].v = *n;
	if (which == 0) {
		*arr = realloc(*arr, (*n + 1) * sizeof **arr);
		(*arr)[*n] = tab[which][j].k;
	}
	return (int)(*n)++;
}

static int load_esco(const char *dir)
{
	char path[512];
	size_t len;
	char **f;
	size_t n;
	snprintf(path, sizeof path, "%s/occupations_en.csv", dir);
	char *data = slurp(path, &len);
	if (!data)
		return fprintf(stderr, "cannot read %s\n", path), -1;
	struct csv_reader *r = csv_open_mem(data, len, ',');
	csv_next(r, &f, &n);
	int cu = csv_find(f, n, "conceptUri"), ci = csv_find(f, n, "iscoGroup");
	char **dummy = NULL;
	while (csv_next(r, &f, &n) == 1) {
		if ((size_t)cu >= n || (size_t)ci >= n)
			continue;
		uint32_t before = nocc;
		int id = find_or_add(&dummy, &nocc, f[cu], 1);
		if ((uint32_t)id == before) {
			occs = realloc(occs, nocc * sizeof *occs);
			memset(&occs[id], 0, sizeof *occs);
			occs[id].uri = strdup(f[cu]);
			occs[id].isco = match_isco4(f[ci]);
		}
	}
	csv_close(r);
	free(data);
	snprintf(path, sizeof path, "%s/occupationSkillRelations.csv", dir);
	if (!(data = slurp(path, &len)))
		return fprintf(stderr, "cannot read %s\n", path), -1;
	r = csv_open_mem(data, len, ',');
	csv_next(r, &f, &n);
	int ou = csv_find(f, n, "occupationUri"), rt = csv_find(f, n, "relationType"), su = csv_find(f, n, "skillUri");
	nskill = 1; /* concept 0 unused */
	skill_uris = calloc(1, sizeof *skill_uris);
	while (csv_next(r, &f, &n) == 1) {
		int o = find_or_add(&dummy, &nocc, f[ou], 0);
		if (o < 0)
			continue;
		uint32_t s = (uint32_t)find_or_add(&skill_uris, &nskill, f[su], 1);
		struct occ *oc = &occs[o];
		if (strcmp(f[rt], "essential") == 0) {
			if (oc->ness == oc->capess)
				oc->ess = realloc(oc->ess, (oc->capess = oc->capess * 2 + 8) * sizeof *oc->ess);
			oc->ess[oc->ness++] = s;
		} else {
			if (oc->nopt == oc->capopt)
				oc->opt = realloc(oc->opt, (oc->capopt = oc->capopt * 2 + 8) * sizeof *oc->opt);
			oc->opt[oc->nopt++] = s;
		}
	}
	csv_close(r);
	free(data);
	fprintf(stderr, "esco: %u occupations, %u skills\n", nocc, nskill - 1);
	return 0;
}

/* ---------- the synthetic population ---------- */
struct person {
	struct match_skill *sk;
	uint16_t nsk;
	int16_t isco[4];
	uint8_t nisco, isced, consent, org;
	uint8_t lv[3]; /* fi, sv, en levels */
};
struct job {
	struct match_skill *sk;
	uint16_t nsk;
	int16_t isco;
	uint8_t isced_min, org, nl;
	uint8_t lang[2], lvl[2], req[2]; /* lang: 0 fi, 1 sv, 2 en */
};
static const char *const LANGS[3] = {"fi", "sv", "en"};

static uint32_t *occ_rank; /* popularity order */
static uint32_t pick_occ(void)
{
	/* a skewed labour market: p(rank) ~ 1 / (rank + 20) */
	for (;;) {
		uint32_t rk = (uint32_t)(20.0 * pow((nocc + 20.0) / 20.0, rndf()) - 20.0);
		if (rk < nocc && (occs[occ_rank[rk]].ness + occs[occ_rank[rk]].nopt) > 0)
			return occ_rank[rk];
	}
}

static int cmp_sk(const void *a, const void *b)
{
	const struct match_skill *x = a, *y = b;
	return x->concept < y->concept ? -1 : x->concept > y->concept;
}

/* Sorts and merges like the index does, so the CSV carries exactly what osaaja scores. */
static uint16_t merge(struct match_skill *s, size_t n)
{
	qsort(s, n, sizeof *s, cmp_sk);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && s[m - 1].concept == s[i].concept) {
			if (s[i].weight > s[m - 1].weight)
				s[m - 1].weight = s[i].weight;
			s[m - 1].essential |= s[i].essential;
		} else
			s[m++] = s[i];
	}
	return (uint16_t)(m > MATCH_MAX_SKILLS ? MATCH_MAX_SKILLS : m);
}

static struct person *people;
static struct job *jobs;
static uint32_t ncli = 300000, nvac = 100000;
static int do_batch = 1;
static uint32_t batch_step = 1; /* --batch-step N: every Nth client only, for quick runs while tuning */

static void generate(void)
{
	occ_rank = malloc(nocc * sizeof *occ_rank);
	for (uint32_t i = 0; i < nocc; i++)
		occ_rank[i] = i;
	for (uint32_t i = nocc - 1; i > 0; i--) {
		uint32_t j = rndn(i + 1), t = occ_rank[i];
		occ_rank[i] = occ_rank[j];
		occ_rank[j] = t;
	}
	struct match_skill tmp[4096];
	people = calloc(ncli, sizeof *people);
	for (uint32_t c = 0; c < ncli; c++) {
		struct person *p = &people[c];
		size_t n = 0;
		uint32_t nw = 1 + rndn(3);
		for (uint32_t w = 0; w < nw; w++) {
			const struct occ *o = &occs[pick_occ()];
			p->isco[p->nisco++] = o->isco;
			for (uint32_t i = 0; i < o->ness && n < 4096; i++) /* work history implies the essentials */
				tmp[n++] = (struct match_skill){o->ess[i], MATCH_W_IMPLIED, 0};
			if (w == 0) { /* the counsellor records some of them, and a few optional ones */
				for (uint32_t i = 0; i < o->ness && n < 4096; i++)
					if (rndf() < 0.4)
						tmp[n++] = (struct match_skill){o->ess[i], rndf() < 0.7 ? MATCH_W_DIRECT : MATCH_W_SELF, 0};
				for (uint32_t i = 0; i < o->nopt && n < 4096; i++)
					if (rndf() < 0.15)
						tmp[n++] = (struct match_skill){o->opt[i], rndf() < 0.7 ? MATCH_W_DIRECT : MATCH_W_SELF, 0};
			}
		}
		if (rndf() < 0.5)
			p->isco[p->nisco++] = occs[pick_occ()].isco; /* a target occupation */
		for (uint8_t i = 0; i < p->nisco; i++)
			if (p->isco[i] < 0)
				p->isco[i--] = p->isco[--p->nisco];
		p->nsk = merge(tmp, n);
		p->sk = malloc(p->nsk * sizeof *p->sk + 1);
		memcpy(p->sk, tmp, p->nsk * sizeof *p->sk);
		p->isced = (uint8_t)(2 + rndn(6));
		p->consent = rndf() < 0.95;
		p->org = (uint8_t)(1 + rndn(NORGS));
		p->lv[0] = (uint8_t)rndn(7);
		p->lv[1] = rndf() < 0.1 ? (uint8_t)(1 + rndn(4)) : 0;
		p->lv[2] = (uint8_t)rndn(7);
	}
	jobs = calloc(nvac, sizeof *jobs);
	for (uint32_t v = 0; v < nvac; v++) {
		struct job *j = &jobs[v];
		const struct occ *o = &occs[pick_occ()];
		size_t n = 0;
		for (uint32_t i = 0; i < o->ness && n < 4096; i++) /* listed by the employer as required, or implied */
			tmp[n++] = (struct match_skill){o->ess[i], rndf() < 0.6 ? MATCH_W_REQUIRED : MATCH_W_OCC_ESSENTIAL, 1};
		for (uint32_t i = 0; i < o->nopt && n < 4096; i++)
			if (rndf() < 0.2)
				tmp[n++] = (struct match_skill){o->opt[i], MATCH_W_OPTIONAL, 0};
		j->nsk = merge(tmp, n);
		j->sk = malloc(j->nsk * sizeof *j->sk + 1);
		memcpy(j->sk, tmp, j->nsk * sizeof *j->sk);
		j->isco = o->isco;
		j->isced_min = rndf() < 0.4 ? 0 : (uint8_t)(3 + rndn(5));
		j->org = (uint8_t)(1 + rndn(NORGS));
		if (rndf() < 0.7) {
			j->lang[j->nl] = 0, j->lvl[j->nl] = (uint8_t)(2 + rndn(4)), j->req[j->nl] = 1;
			j->nl++;
		}
		if (rndf() < 0.3) {
			j->lang[j->nl] = 2, j->lvl[j->nl] = (uint8_t)(3 + rndn(3)), j->req[j->nl] = rndf() < 0.5;
			j->nl++;
		}
	}
}

static int build(struct match_index *idx)
{
	struct err e = {0};
	match_index_bulk(idx, true);
	for (uint32_t c = 0; c < ncli; c++) {
		const struct person *p = &people[c];
		struct match_lang l[3];
		size_t nl = 0;
		for (int k = 0; k < 3; k++)
			if (p->lv[k]) {
				memset(&l[nl], 0, sizeof l[nl]);
				memcpy(l[nl].code, LANGS[k], 3);
				l[nl++].level = p->lv[k];
			}
		struct match_client_input in = {.id = c + 1, .organisation_id = p->org, .consent = p->consent,
		                                .skills = p->sk, .nskills = p->nsk, .langs = l, .nlangs = nl,
		                                .isco = p->isco, .nisco = p->nisco, .isced_level = p->isced, .permit_ok = 1};
		if (match_index_upsert_client(idx, &in, &e))
			return fprintf(stderr, "upsert client: %s\n", e.message), -1;
	}
	for (uint32_t v = 0; v < nvac; v++) {
		const struct job *j = &jobs[v];
		struct match_lang l[2];
		for (int k = 0; k < j->nl; k++) {
			memset(&l[k], 0, sizeof l[k]);
			memcpy(l[k].code, LANGS[j->lang[k]], 3);
			l[k].level = j->lvl[k];
			l[k].required = j->req[k];
		}
		struct match_vacancy_input in = {.id = v + 1, .organisation_id = j->org, .skills = j->sk, .nskills = j->nsk,
		                                 .langs = l, .nlangs = j->nl, .isco = j->isco, .isced_min = j->isced_min};
		if (match_index_upsert_vacancy(idx, &in, &e))
			return fprintf(stderr, "upsert vacancy: %s\n", e.message), -1;
	}
	match_index_bulk(idx, false); /* rarity and posting order, once */
	return 0;
}

/* ---------- timing ---------- */
static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(double *v, size_t n, double p)
{
	qsort(v, n, sizeof *v, cmp_d);
	size_t i = (size_t)ceil(p * n) - 1;
	return v[i < n ? i : n - 1];
}

static int64_t orgs[NORGS];

struct batch_arg {
	struct match_index *idx;
	uint32_t from, to;
	size_t done;
	double cpu_s; /* this thread's CPU time: what the batch costs on an idle core */
};

static double thread_cpu_s(void)
{
	struct timespec ts = {0};
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *batch_worker(void *p)
{
	struct batch_arg *b = p;
	struct match_scratch *sc = match_scratch_new();
	struct arena *a = arena_new(0);
	struct match_query q = {.orgs = orgs, .norgs = NORGS, .limit = TOPK, .flags = MATCH_Q_NO_EXPLAIN, .scratch = sc};
	struct err e = {0};
	double cpu0 = thread_cpu_s();
	for (uint32_t c = b->from; c < b->to; c += batch_step) {
		if (!people[c].consent)
			continue;
		struct match_result *r;
		if (match_for_client(b->idx, c + 1, &q, a, &r, &e) == 0)
			b->done++;
		if ((c & 255) == 0) { /* the arena holds 20 items per query; recycle it now and then */
			arena_free(a);
			a = arena_new(0);
		}
	}
	b->cpu_s = thread_cpu_s() - cpu0;
	arena_free(a);
	match_scratch_free(sc);
	return NULL;
}

/* A record's normaliser as the index computes it: 1 / the length of its vector of idf * weight. */
static double inv_norm_of(struct match_index *idx, const struct match_skill *sk, uint16_t n)
{
	double norm = 0;
	for (uint16_t k = 0; k < n; k++) {
		double idf = (double)(float)match_index_idf(idx, sk[k].concept), w = sk[k].weight / 8.0;
		norm += idf * idf * w * w;
	}
	return norm > 0 ? (double)(float)(1.0 / sqrt(norm)) : 0.0;
}

static int gen_main(const char *esco, const char *out, uint32_t nq)
{
	char path[600];
	if (load_esco(esco))
		return 1;
	double t0 = now_ms();
	generate();
	fprintf(stderr, "generated %u clients, %u vacancies in %.1f s\n", ncli, nvac, (now_ms() - t0) / 1e3);
	long rss0 = maxrss_kb();
	struct match_index *idx = match_index_new();
	t0 = now_ms();
	if (build(idx))
		return 1;
	double build_ms = now_ms() - t0;
	long rss1 = maxrss_kb();
	struct match_stats st = {0};
	match_index_stats(idx, &st);
	for (int i = 0; i < NORGS; i++)
		orgs[i] = i + 1;

	/* queries: consenting clients and vacancies drawn with a fixed seed */
	uint32_t *qc = malloc(nq * sizeof *qc), *qv = malloc(nq * sizeof *qv);
	if (nq > ncli / 2 || nq > nvac / 2)
		nq = (ncli < nvac ? ncli : nvac) / 2;
	uint8_t *seen = calloc(ncli + nvac, 1);
	for (uint32_t i = 0; i < nq; i++) { /* distinct ids */
		do
			qc[i] = rndn(ncli);
		while (!people[qc[i]].consent || seen[qc[i]]);
		seen[qc[i]] = 1;
		do
			qv[i] = rndn(nvac);
		while (seen[ncli + qv[i]]);
		seen[ncli + qv[i]] = 1;
	}
	free(seen);
	snprintf(path, sizeof path, "%s/osaaja_times.csv", out);
	FILE *ft = fopen(path, "w");
	snprintf(path, sizeof path, "%s/osaaja_topk.csv", out);
	FILE *fk = fopen(path, "w");
	snprintf(path, sizeof path, "%s/queries.csv", out);
	FILE *fq = fopen(path, "w");
	if (!ft || !fk || !fq)
		return fprintf(stderr, "cannot write in %s\n", out), 1;
	fprintf(ft, "direction,id,ms\n");
	fprintf(fk, "direction,id,rank,other,score\n");
	fprintf(fq, "direction,id\n");
	double *lat[2] = {malloc(nq * sizeof(double)), malloc(nq * sizeof(double))};
	double *xlat[2] = {malloc(nq * sizeof(double)), malloc(nq * sizeof(double))};
	uint32_t agree[2] = {0, 0};
	size_t cand[2] = {0, 0};
	struct match_scratch *sc = match_scratch_new();
	{ /* warm-up, not timed: sizes the scratch buffers once, as a long-running server has */
		struct arena *a = arena_new(0);
		struct match_result *r;
		struct err e = {0};
		struct match_query q = {.orgs = orgs, .norgs = NORGS, .limit = TOPK, .scratch = sc};
		match_for_client(idx, qc[0] + 1, &q, a, &r, &e);
		match_for_vacancy(idx, qv[0] + 1, &q, a, &r, &e);
		arena_free(a);
	}
	for (int dir = 0; dir < 2; dir++) {
		struct match_query q = {.orgs = orgs, .norgs = NORGS, .limit = TOPK, .scratch = sc};
		for (uint32_t i = 0; i < nq; i++) {
			int64_t id = (dir ? qv[i] : qc[i]) + 1;
			struct arena *a = arena_new(0);
			struct match_result *r;
			struct err e = {0};
			double s = now_ms();
			int rc = dir ? match_for_vacancy(idx, id, &q, a, &r, &e) : match_for_client(idx, id, &q, a, &r, &e);
			lat[dir][i] = now_ms() - s; /* with explanations: what the API serves */
			if (rc)
				return fprintf(stderr, "query %" PRId64 ": %s\n", id, e.message), 1;
			cand[dir] += r->candidates;
			{ /* the same query scored exhaustively: the pruning must not change a single rank or score */
				struct match_query qx = q;
				qx.flags |= MATCH_Q_EXHAUSTIVE | MATCH_Q_NO_EXPLAIN;
				struct match_result *rx;
				double sx = now_ms();
				int rcx = dir ? match_for_vacancy(idx, id, &qx, a, &rx, &e) : match_for_client(idx, id, &qx, a, &rx, &e);
				xlat[dir][i] = now_ms() - sx;
				int same = rcx == 0 && rx->nitems == r->nitems;
				for (size_t k = 0; same && k < r->nitems; k++)
					same = rx->items[k].id == r->items[k].id && rx->items[k].score == r->items[k].score;
				agree[dir] += (uint32_t)same;
				if (!same)
					fprintf(stderr, "pruned and exhaustive differ for %s %" PRId64 "\n", dir ? "vacancy" : "client", id);
			}
			const char *dn = dir ? "vacancy" : "client";
			fprintf(ft, "%s,%" PRId64 ",%.4f\n", dn, id, lat[dir][i]);
			fprintf(fq, "%s,%" PRId64 "\n", dn, id);
			for (size_t k = 0; k < r->nitems; k++)
				fprintf(fk, "%s,%" PRId64 ",%zu,%" PRId64 ",%.6f\n", dn, id, k + 1, r->items[k].id, r->items[k].score);
			arena_free(a);
		}
	}
	match_scratch_free(sc);
	fclose(ft);
	fclose(fk);
	fclose(fq);

	/* the batch: top-20 vacancies for every consenting client, on two threads */
	pthread_t th[2];
	struct batch_arg ba[2] = {{idx, 0, ncli / 2, 0, 0}, {idx, ncli / 2, ncli, 0, 0}};
	t0 = now_ms();
	for (int i = 0; i < 2 * do_batch; i++)
		pthread_create(&th[i], NULL, batch_worker, &ba[i]);
	for (int i = 0; i < 2 * do_batch; i++)
		pthread_join(th[i], NULL);
	double batch_ms = now_ms() - t0;

	printf("osaaja.index_build_s=%.3f\n", build_ms / 1e3);
	printf("osaaja.index_bytes=%zu\n", st.bytes);
	printf("osaaja.postings=%zu\n", st.postings);
	printf("osaaja.rss_before_build_mb=%.1f\n", rss0 / 1024.0);
	printf("osaaja.rss_peak_mb=%.1f\n", rss1 / 1024.0);
	printf("osaaja.client_candidates_avg=%.0f\n", (double)cand[0] / nq);
	printf("osaaja.vacancy_candidates_avg=%.0f\n", (double)cand[1] / nq);
	printf("osaaja.client_p50_ms=%.4f\nosaaja.client_p99_ms=%.4f\n", pct(lat[0], nq, 0.5), pct(lat[0], nq, 0.99));
	printf("osaaja.vacancy_p50_ms=%.4f\nosaaja.vacancy_p99_ms=%.4f\n", pct(lat[1], nq, 0.5), pct(lat[1], nq, 0.99));
	printf("osaaja.batch_clients=%zu\nosaaja.batch_s=%.3f\n", ba[0].done + ba[1].done, batch_ms / 1e3);
	printf("osaaja.batch_cpu_s=%.3f\n", ba[0].cpu_s + ba[1].cpu_s);
	printf("osaaja.batch_step=%u\n", batch_step);
	printf("osaaja.pruned_vs_exhaustive_client=%u/%u\nosaaja.pruned_vs_exhaustive_vacancy=%u/%u\n", agree[0], nq,
	       agree[1], nq);
	printf("osaaja.exhaustive_client_p50_ms=%.4f\nosaaja.exhaustive_client_p99_ms=%.4f\n", pct(xlat[0], nq, 0.5),
	       pct(xlat[0], nq, 0.99));
	printf("osaaja.exhaustive_vacancy_p50_ms=%.4f\nosaaja.exhaustive_vacancy_p99_ms=%.4f\n", pct(xlat[1], nq, 0.5),
	       pct(xlat[1], nq, 0.99));

	/* the data set for the baselines, with osaaja's frozen idf and normalisers */
	snprintf(path, sizeof path, "%s/idf.csv", out);
	FILE *f = fopen(path, "w");
	fprintf(f, "skill,idf\n");
	for (uint32_t s = 1; s < nskill; s++)
		fprintf(f, "%u,%.9g\n", s, (double)(float)match_index_idf(idx, s));
	fclose(f);
	snprintf(path, sizeof path, "%s/client_skills.csv", out);
	f = fopen(path, "w");
	fprintf(f, "client,skill,w\n");
	for (uint32_t c = 0; c < ncli; c++)
		for (uint16_t k = 0; k < people[c].nsk; k++)
			fprintf(f, "%u,%u,%g\n", c + 1, people[c].sk[k].concept, people[c].sk[k].weight / 8.0);
	fclose(f);
	snprintf(path, sizeof path, "%s/client_isco.csv", out);
	f = fopen(path, "w");
	fprintf(f, "client,isco\n");
	for (uint32_t c = 0; c < ncli; c++)
		for (uint8_t k = 0; k < people[c].nisco; k++)
			fprintf(f, "%u,%d\n", c + 1, people[c].isco[k]);
	fclose(f);
	snprintf(path, sizeof path, "%s/clients.csv", out);
	f = fopen(path, "w");
	fprintf(f, "id,org,consent,isced,fi,sv,en,inv_norm\n");
	for (uint32_t c = 0; c < ncli; c++) {
		const struct person *p = &people[c];
		fprintf(f, "%u,%u,%u,%u,%u,%u,%u,%.9g\n", c + 1, p->org, p->consent, p->isced, p->lv[0], p->lv[1], p->lv[2],
		        inv_norm_of(idx, p->sk, p->nsk));
	}
	fclose(f);
	snprintf(path, sizeof path, "%s/vacancy_skills.csv", out);
	f = fopen(path, "w");
	fprintf(f, "vacancy,skill,w\n");
	for (uint32_t v = 0; v < nvac; v++)
		for (uint16_t k = 0; k < jobs[v].nsk; k++)
			fprintf(f, "%u,%u,%g\n", v + 1, jobs[v].sk[k].concept, jobs[v].sk[k].weight / 8.0);
	fclose(f);
	snprintf(path, sizeof path, "%s/vacancies.csv", out);
	f = fopen(path, "w");
	fprintf(f, "id,org,isco,isced_min,inv_norm,l1,l1lvl,l1req,l2,l2lvl,l2req\n");
	for (uint32_t v = 0; v < nvac; v++) {
		const struct job *j = &jobs[v];
		fprintf(f, "%u,%u,%d,%u,%.9g,%s,%u,%u,%s,%u,%u\n", v + 1, j->org, j->isco, j->isced_min,
		        inv_norm_of(idx, j->sk, j->nsk), j->nl > 0 ? LANGS[j->lang[0]] : "", j->nl > 0 ? j->lvl[0] : 0,
		        j->nl > 0 ? j->req[0] : 0, j->nl > 1 ? LANGS[j->lang[1]] : "", j->nl > 1 ? j->lvl[1] : 0,
		        j->nl > 1 ? j->req[1] : 0);
	}
	fclose(f);
	match_index_free(idx);
	free(lat[0]);
	free(lat[1]);
	free(xlat[0]);
	free(xlat[1]);
	free(qc);
	free(qv);
	return 0;
}

/* ---------- the same scoring in SQL ---------- */
/* Occupation closeness of a client's best code to a vacancy code (the grades of mi_occ_grade, src/match/score.c), the
 * education and language fits: the formula of docs/matching.md written out in portable SQL (CASE only, so SQLite and
 * PostgreSQL run the same text). */
#define OCC_SQL(CLI, VISCO)                                                                                            \
	"(SELECT MAX(CASE WHEN ci.isco = " VISCO " THEN 0.05 WHEN ci.isco / 10 = " VISCO " / 10 THEN 0.02 "           \
	"ELSE 0.0 END) "                                                                                              \
	"FROM client_isco ci WHERE ci.client = " CLI ")"
#define HAVE_SQL(L) "(CASE " L " WHEN 'fi' THEN c.fi WHEN 'sv' THEN c.sv WHEN 'en' THEN c.en ELSE 0 END)"
#define LF_SQL(L, LVL, REQ)                                                                                            \
	"(CASE WHEN " LVL " > " HAVE_SQL(L) " THEN 1.0 - (CASE WHEN " REQ " = 1 THEN 0.10 ELSE 0.05 END) * (" LVL       \
	" - " HAVE_SQL(L) ") ELSE 1.0 END)"
#define SCORE_SQL                                                                                                      \
	"100.0 * (0.8 * (CASE WHEN sk.raw * v.inv_norm * c.inv_norm > 1.0 THEN 1.0 ELSE sk.raw * v.inv_norm * "      \
	"c.inv_norm END) + 0.2 * "                                                                                    \
	"COALESCE(" OCC_SQL("c.id", "v.isco") ", 0.0)) "                                                              \
	"* (CASE WHEN v.isced_min > c.isced THEN (CASE WHEN 1.0 - 0.15 * (v.isced_min - c.isced) < 0.4 THEN 0.4 ELSE " \
	"1.0 - 0.15 * (v.isced_min - c.isced) END) ELSE 1.0 END) "                                                    \
	"* (CASE WHEN " LF_SQL("v.l1", "v.l1lvl", "v.l1req") " * " LF_SQL("v.l2", "v.l2lvl", "v.l2req") " < 0.3 THEN "  \
	"0.3 ELSE " LF_SQL("v.l1", "v.l1lvl", "v.l1req") " * " LF_SQL("v.l2", "v.l2lvl", "v.l2req") " END)"

static const char SQL_FOR_CLIENT[] =
	"WITH sk AS (SELECT vs.vacancy AS vacancy, SUM(i.idf * i.idf * cs.w * vs.w) AS raw FROM client_skills cs "
	"JOIN vacancy_skills vs ON vs.skill = cs.skill JOIN idf i ON i.skill = cs.skill WHERE cs.client = ?1 "
	"GROUP BY vs.vacancy) "
	"SELECT v.id, " SCORE_SQL " AS score FROM sk JOIN vacancies v ON v.id = sk.vacancy "
	"JOIN clients c ON c.id = ?1 ORDER BY score DESC, v.id LIMIT 20";
static const char SQL_FOR_VACANCY[] =
	"WITH sk AS (SELECT cs.client AS client, SUM(i.idf * i.idf * cs.w * vs.w) AS raw FROM vacancy_skills vs "
	"JOIN client_skills cs ON cs.skill = vs.skill JOIN idf i ON i.skill = vs.skill WHERE vs.vacancy = ?1 "
	"GROUP BY cs.client) "
	"SELECT c.id, " SCORE_SQL " AS score FROM sk JOIN clients c ON c.id = sk.client "
	"JOIN vacancies v ON v.id = ?1 WHERE c.consent = 1 ORDER BY score DESC, c.id LIMIT 20";

static int sql_main(const char *out, const char *url, const char *name, uint32_t nq)
{
	char path[600];
	struct store *s;
	struct err e = {0};
	if (store_open(url, &s, &e))
		return fprintf(stderr, "%s\n", e.message), 1;
	snprintf(path, sizeof path, "%s/queries.csv", out);
	size_t len;
	char *data = slurp(path, &len);
	if (!data)
		return fprintf(stderr, "cannot read %s\n", path), 1;
	snprintf(path, sizeof path, "%s/%s_times.csv", out, name);
	FILE *ft = fopen(path, "w");
	snprintf(path, sizeof path, "%s/%s_topk.csv", out, name);
	FILE *fk = fopen(path, "w");
	fprintf(ft, "direction,id,ms\n");
	fprintf(fk, "direction,id,rank,other,score\n");
	struct csv_reader *r = csv_open_mem(data, len, ',');
	char **f;
	size_t n;
	uint32_t done[2] = {0, 0};
	csv_next(r, &f, &n);
	while (csv_next(r, &f, &n) == 1 && n == 2) {
		int dir = strcmp(f[0], "vacancy") == 0;
		if (done[dir] >= nq)
			continue;
		done[dir]++;
		int64_t id = strtoll(f[1], NULL, 10);
		struct store_stmt *st;
		double t0 = now_ms();
		if (store_prepare(s, dir ? SQL_FOR_VACANCY : SQL_FOR_CLIENT, &st, &e))
			return fprintf(stderr, "%s\n", e.message), 1;
		store_bind_int(st, 1, id);
		int rc, rank = 0;
		char rows[TOPK][64];
		while ((rc = store_step(st, &e)) == STORE_ROW && rank < TOPK) {
			snprintf(rows[rank], sizeof rows[rank], "%" PRId64 ",%.6f", store_col_int(st, 0), store_col_real(st, 1));
			rank++;
		}
		double ms = now_ms() - t0;
		if (rc < 0)
			return fprintf(stderr, "%s\n", e.message), 1;
		store_reset(st);
		fprintf(ft, "%s,%" PRId64 ",%.4f\n", f[0], id, ms);
		for (int k = 0; k < rank; k++)
			fprintf(fk, "%s,%" PRId64 ",%d,%s\n", f[0], id, k + 1, rows[k]);
	}
	csv_close(r);
	free(data);
	fclose(ft);
	fclose(fk);
	store_close(s);
	return 0;
}

int main(int argc, char **argv)
{
	const char *esco = NULL, *out = ".", *url = NULL, *name = "sql";
	uint32_t nq = 1000;
	for (int i = 2; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		if (strcmp(k, "--esco") == 0)
			esco = v;
		else if (strcmp(k, "--out") == 0)
			out = v;
		else if (strcmp(k, "--url") == 0)
			url = v;
		else if (strcmp(k, "--name") == 0)
			name = v;
		else if (strcmp(k, "--clients") == 0)
			ncli = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(k, "--vacancies") == 0)
			nvac = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(k, "--queries") == 0)
			nq = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(k, "--batch-step") == 0)
			batch_step = (uint32_t)strtoul(v, NULL, 10) ? (uint32_t)strtoul(v, NULL, 10) : 1;
		else if (strcmp(k, "--batch") == 0)
			do_batch = strcmp(v, "0") != 0;
		else if (strcmp(k, "--seed") == 0)
			rng_state ^= strtoull(v, NULL, 10) * 0x9E3779B97F4A7C15ULL;
	}
	if (argc >= 2 && strcmp(argv[1], "gen") == 0 && esco && ncli && nvac && nq)
		return gen_main(esco, out, nq);
	if (argc >= 2 && strcmp(argv[1], "sql") == 0 && url && nq)
		return sql_main(out, url, name, nq);
	fprintf(stderr, "usage: bench_match gen --esco DIR --out DIR [--clients N] [--vacancies N] [--queries N] "
	                "[--seed S]\n       bench_match sql --out DIR --url URL --name NAME [--queries N]\n");
	return 2;
}
