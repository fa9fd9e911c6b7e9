/* bench_taxonomy: job-title normalisation measured on public benchmarks (shared/data/eval, see its SOURCES.md).
 *
 * MELO (swe_q_sv_c_sv, swe_q_sv_c_en, usa_q_en_c_en): an index is built from the split's corpus elements (each
 * element one label of its ESCO concept); each query is cleaned like tax_map_title and the elements are ranked:
 * the best element of each concept in concept order first, then the remaining elements. Scored as trec_eval does
 * (recip_rank, success_1, success_10; the ranking gives strictly decreasing scores so trec_eval's tie rule never
 * applies), averaged over every query that has annotations (a query with no relevant element retrieved counts 0).
 * For the cross-lingual split a second line adds the shipped Swedish ESCO labels as a bridge to the concepts.
 * JobBERT validation titles: tax_map_title over the shipped taxonomy (imported into an in-memory SQLite store),
 * rank of the gold concept among the returned occupations.
 *
 * usage: bench_taxonomy [EVAL_DIR] [--data DIR] [--only melo|jobbert|skills] [--set knob=value ...]
 * (defaults ../shared/data/eval and data/taxonomy; run from the repository root). Weights were tuned on JobBERT only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "core/csv.h"
#include "store/store.h"
#include "taxonomy/internal.h"
#include "taxonomy/taxonomy.h"

enum { MAX_HITS = 300 };

static char *slurp(const char *path, size_t *len)
{
	gzFile f = gzopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 20, n = 0;
	char *b = malloc(cap);
	int k;
	while (b && (k = gzread(f, b + n, (unsigned)(cap - n - 1))) > 0) {
		n += (size_t)k;
		if (n + 1 == cap) {
			char *nb = realloc(b, cap * 2);
			if (!nb)
				free(b);
			b = nb;
			cap *= 2;
		}
	}
	gzclose(f);
	if (b)
		b[n] = 0;
	*len = n;
	return b;
}

/* A TSV file as rows of two columns (pointers into the buffer). */
struct tsv {
	char *buf;
	char **a, **b;
	size_t n;
};

static int read_tsv(const char *dir, const char *name, int want_col, struct tsv *t)
{
	char path[1024];
	size_t len;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	memset(t, 0, sizeof *t);
	if (!(t->buf = slurp(path, &len))) {
		fprintf(stderr, "bench_taxonomy: cannot read %s\n", path);
		return -1;
	}
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += t->buf[i] == '\n';
	t->a = calloc(lines, sizeof *t->a);
	t->b = calloc(lines, sizeof *t->b);
	for (char *p = t->buf; p && *p;) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = 0;
		size_t l = strlen(p);
		if (l && p[l - 1] == '\r')
			p[l - 1] = 0;
		char *f[4] = {p, NULL, NULL, NULL};
		for (int i = 1; i < 4 && f[i - 1]; i++) {
			char *tab = strchr(f[i - 1], '\t');
			if (tab)
				*tab = 0;
			f[i] = tab ? tab + 1 : NULL;
		}
		if (*p && f[want_col]) {
			t->a[t->n] = f[0];
			t->b[t->n++] = f[want_col];
		}
		p = nl ? nl + 1 : NULL;
	}
	return 0;
}

static void free_tsv(struct tsv *t)
{
	free(t->buf);
	free(t->a);
	free(t->b);
}

/* A sorted string → int index. */
struct kv {
	const char *k;
	long v;
};

static int cmp_kv(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->k, ((const struct kv *)b)->k);
}

static long kv_find(const struct kv *kv, size_t n, const char *k)
{
	struct kv key = {k, 0};
	const struct kv *r = bsearch(&key, kv, n, sizeof *kv, cmp_kv);
	return r ? r->v : -1;
}

struct metrics {
	double rr, s1, s10;
	long n;
	double secs;
	double *q; /* each query's search time (s), for the median */
	size_t nq, cq;
};

static void add_time(struct metrics *m, double secs)
{
	if (m->nq == m->cq) {
		size_t c = m->cq ? 2 * m->cq : 1024;
		double *q = realloc(m->q, c * sizeof *q);
		if (!q)
			return;
		m->q = q;
		m->cq = c;
	}
	m->q[m->nq++] = secs;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void add_rank(struct metrics *m, long rank)
{
	m->n++;
	if (rank > 0) {
		m->rr += 1.0 / (double)rank;
		m->s1 += rank == 1;
		m->s10 += rank <= 10;
	}
}

static double now(void)
{
	struct timespec t = {0};
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void print_row(const char *split, const char *mode, const struct metrics *m, const char *published)
{
	double n = m->n ? (double)m->n : 1.0, p50 = 0;
	if (m->nq) {
		qsort(m->q, m->nq, sizeof *m->q, cmp_double);
		p50 = m->q[m->nq / 2];
	}
	printf("%-15s %-22s %6ld  %.4f  %.4f  %.4f  %6.2f ms  %6.2f ms | %s\n", split, mode, m->n, m->rr / n, m->s1 / n,
	       m->s10 / n, 1000.0 * m->secs / n, 1000.0 * p50, published);
	free(m->q);
}

struct group {
	size_t first; /* its best hit (SIZE_MAX: an ISCO group that only its occupations' hits brought) */
	double score, part;
	uint32_t concept;
};

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* One MELO split. bridge: also index the shipped Swedish labels of the corpus concepts. */
/* Adds the shipped labels of the corpus concepts from one file (row form: labelType,label_XX; or concept form:
 * preferredLabel, altLabels, hiddenLabels). */
static void add_bridge(struct tax_builder *b, const struct kv *curi, size_t nc, const char *data, const char *file,
                       const char *lang)
{
	char path[1024];
	size_t len;
	snprintf(path, sizeof path, "%s/%s", data, file);
	char *buf = slurp(path, &len);
	struct csv_reader *r = buf ? csv_open_mem(buf, len, ',') : NULL;
	char **f, **h;
	size_t n, nh;
	if (!r || csv_next(r, &f, &n) != 1) {
		fprintf(stderr, "bench_taxonomy: cannot read %s\n", path);
		free(buf);
		return;
	}
	h = malloc(n * sizeof *h);
	for (size_t i = 0; i < n; i++)
		h[i] = strdup(f[i]);
	nh = n;
	int cu = csv_find(h, nh, "conceptUri"), lt = csv_find(h, nh, "labelType"), pl = csv_find(h, nh, "preferredLabel");
	int al = csv_find(h, nh, "altLabels"), hl = csv_find(h, nh, "hiddenLabels");
	char lab[16];
	snprintf(lab, sizeof lab, "label_%s", lang);
	int rl = csv_find(h, nh, lab);
	while (csv_next(r, &f, &n) == 1) {
		if (n != nh || cu < 0)
			continue;
		long c = kv_find(curi, nc, f[cu]);
		if (c < 0)
			continue;
		if (lt >= 0 && rl >= 0) {
			tax_builder_label(b, c, lang, strcmp(f[lt], "preferred") == 0 ? TAX_PREFERRED : TAX_ALT, f[rl]);
			continue;
		}
		if (pl >= 0)
			tax_builder_label(b, c, lang, TAX_PREFERRED, f[pl]);
		int cols[2] = {al, hl};
		for (int k = 0; k < 2; k++)
			for (char *p = cols[k] >= 0 ? f[cols[k]] : NULL; p && *p;) {
				char *nl = strchr(p, '\n');
				if (nl)
					*nl = 0;
				tax_builder_label(b, c, lang, k ? TAX_HIDDEN : TAX_ALT, p);
				p = nl ? nl + 1 : NULL;
			}
	}
	for (size_t i = 0; i < nh; i++)
		free(h[i]);
	free(h);
	csv_close(r);
	free(buf);
}

static int half;   /* 0: every query; 1: odd-numbered only (tuning); 2: even-numbered only (held out) */
static bool debug; /* print each miss */

/* uri → ESCO code ("2654.1.7") of the shipped occupations, sorted by uri (an occupation's ISCO unit group). */
static struct kv *occ_codes(const char *data, char ***codes, size_t *n)
{
	char path[1024];
	size_t len;
	snprintf(path, sizeof path, "%s/esco/occupations_en.csv.gz", data);
	char *buf = slurp(path, &len);
	struct csv_reader *r = buf ? csv_open_mem(buf, len, ',') : NULL;
	char **f;
	size_t nf;
	*n = 0;
	*codes = NULL;
	if (!r || csv_next(r, &f, &nf) != 1) {
		free(buf);
		return NULL;
	}
	int cu = csv_find(f, nf, "conceptUri"), co = csv_find(f, nf, "code");
	size_t cap = 4096, nh = nf;
	struct kv *m = malloc(cap * sizeof *m);
	*codes = malloc(cap * sizeof **codes);
	while (cu >= 0 && co >= 0 && csv_next(r, &f, &nf) == 1) {
		if (nf != nh)
			continue;
		if (*n == cap) {
			cap *= 2;
			m = realloc(m, cap * sizeof *m);
			*codes = realloc(*codes, cap * sizeof **codes);
		}
		(*codes)[*n] = strdup(f[co]);
		m[*n] = (struct kv){strdup(f[cu]), (long)*n};
		(*n)++;
	}
	csv_close(r);
	free(buf);
	qsort(m, *n, sizeof *m, cmp_kv);
	return m;
}

static int melo(const char *eval, const char *data, const char *split, const char *qlang, const char *clang,
                const char *bridge, const char *published)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/melo/%s", eval, split);
	struct tsv el, map, qs, ann;
	if (read_tsv(dir, "corpus_elements.tsv", 1, &el) || read_tsv(dir, "concept_mapping.tsv", 1, &map) ||
	    read_tsv(dir, "queries.tsv", 1, &qs) || read_tsv(dir, "annotations.tsv", 2, &ann))
		return -1;
	size_t ne = el.n;
	struct kv *eid = calloc(ne, sizeof *eid), *curi = calloc(ne, sizeof *curi);
	long *econcept = calloc(ne, sizeof *econcept), *cfirst = calloc(ne, sizeof *cfirst);
	unsigned char *cisco = calloc(ne + 1, 1); /* concept number → an ISCO group (no gathering bonus) */
	for (size_t i = 0; i < ne; i++)
		eid[i] = (struct kv){el.a[i], (long)i};
	qsort(eid, ne, sizeof *eid, cmp_kv);
	struct kv *m = calloc(map.n, sizeof *m);
	for (size_t i = 0; i < map.n; i++)
		m[i] = (struct kv){map.a[i], (long)i};
	qsort(m, map.n, sizeof *m, cmp_kv);
	struct tax_builder *b = tax_builder_new();
	size_t nc = 0, ncodes = 0;
	char **codes;
	struct kv *occ = occ_codes(data, &codes, &ncodes);
	for (size_t i = 0; i < ne; i++) {
		long mi = kv_find(m, map.n, el.a[i]);
		const char *uri = mi >= 0 ? map.b[mi] : el.a[i];
		long c = nc && strcmp(curi[nc - 1].k, uri) == 0 ? curi[nc - 1].v : -1; /* a concept's elements are adjacent */
		if (c < 0) {
			/* the code: an ISCO group's from its uri (".../isco/C2359"), an occupation's from the shipped ESCO data */
			const char *isco = strstr(uri, "/isco/C");
			long oc = isco || !occ ? -1 : kv_find(occ, ncodes, uri);
			const char *code = isco ? isco + 7 : oc >= 0 ? codes[oc] : NULL;
			c = tax_builder_concept(b, uri, isco ? TAX_ISCO : TAX_OCCUPATION, code);
			curi[nc++] = (struct kv){uri, c};
			cfirst[c] = (long)i;
			if (cisco && strstr(uri, "/isco/"))
				cisco[c] = 1;
		}
		econcept[i] = c;
		size_t l = strlen(el.a[i]);
		bool pref = l > 4 && strcmp(el.a[i] + l - 4, "_000") == 0;
		tax_builder_label(b, c, clang, pref ? TAX_PREFERRED : TAX_ALT, el.b[i]);
	}
	if (bridge) { /* labels of the same concepts in the bridge language, from the shipped data */
		qsort(curi, nc, sizeof *curi, cmp_kv);
		if (strcmp(bridge, "sv") == 0)
			add_bridge(b, curi, nc, data, "esco/occupation_labels_sv.csv.gz", "sv");
		else
			add_bridge(b, curi, nc, data, "esco/occupations_en.csv.gz", "en"),
			    add_bridge(b, curi, nc, data, "esco/ISCOGroups_en.csv.gz", "en");
	}
	struct tax_index *ix;
	struct err e = {0};
	if (tax_index_build(b, &ix, &e)) {
		fprintf(stderr, "bench_taxonomy: %s\n", e.message);
		return -1;
	}
	/* relevant elements per query: annotations sorted by qid */
	struct kv *rel = calloc(ann.n, sizeof *rel);
	for (size_t i = 0; i < ann.n; i++)
		rel[i] = (struct kv){ann.a[i], kv_find(eid, ne, ann.b[i])};
	qsort(rel, ann.n, sizeof *rel, cmp_kv);
	struct metrics mt = {0};
	struct tax_label_hit hits[MAX_HITS];
	struct group grp[2 * MAX_HITS];
	long *order = malloc(2 * MAX_HITS * sizeof *order);
	char *used = calloc(ne, 1), *cused = calloc(ne, 1);
	double t0 = now();
	for (size_t q = 0; q < qs.n; q++) {
		if ((half == 1 && q % 2 == 0) || (half == 2 && q % 2 == 1))
			continue;
		struct kv key = {qs.a[q], 0};
		struct kv *r0 = bsearch(&key, rel, ann.n, sizeof *rel, cmp_kv);
		if (!r0)
			continue;
		while (r0 > rel && strcmp(r0[-1].k, qs.a[q]) == 0)
			r0--;
		char clean[TAX_MAX_TEXT + 2];
		tax_clean_title(qs.b[q], clean, sizeof clean - 1);
		size_t cl = strlen(clean);
		clean[cl] = ' '; /* a whole title: no prefix matching of its last word */
		clean[cl + 1] = 0;
		size_t nh = 0, no = 0;
		double tq = now();
		tax_search_labels(ix, clean, qlang, 0, MAX_HITS, hits, &nh, &e);
		add_time(&mt, now() - tq);
		/* concepts ordered as tax_search orders them: the best label's score plus tax_concept_weight() times the
		 * further labels' scores, each counting decay times the one before ... */
		size_t ngr = 0;
		double decay, wc = tax_concept_weight(&decay);
		for (size_t i = 0; i < nh; i++) {
			size_t k = 0;
			while (k < ngr && hits[grp[k].first].concept != hits[i].concept)
				k++;
			if (k == ngr)
				grp[ngr++] = (struct group){i, hits[i].score, 1.0, hits[i].concept};
			else if (grp[k].part > 0.1 && !(cisco && cisco[hits[i].concept])) {
				grp[k].score += wc * grp[k].part * hits[i].score;
				grp[k].part *= decay;
			}
		}
		/* ... an occupation's ISCO unit group at least W_UP times the occupation (tax_search does the same) ... */
		size_t n0 = ngr;
		for (size_t k = 0; k < n0; k++) {
			double wu;
			uint32_t gc = tax_concept_group(ix, grp[k].concept, &wu);
			if (gc == UINT32_MAX || wu <= 0)
				continue;
			size_t j = 0;
			while (j < ngr && grp[j].concept != gc)
				j++;
			if (j == ngr)
				grp[ngr++] = (struct group){SIZE_MAX, wu * grp[k].score, 0, gc};
			else if (grp[j].score < wu * grp[k].score)
				grp[j].score = wu * grp[k].score;
		}
		qsort(grp, ngr, sizeof *grp, cmp_group);
		/* ... the best element of each concept first (a bridge label stands for its concept's first element) ... */
		for (size_t gi = 0; gi < ngr; gi++) {
			size_t i = grp[gi].first;
			uint32_t c = grp[gi].concept;
			long elem = i != SIZE_MAX && hits[i].label < ne ? (long)hits[i].label : cfirst[c];
			if (cused[c])
				continue;
			cused[c] = used[elem] = 1;
			order[no++] = elem;
		}
		/* ... then the other elements that matched */
		for (size_t i = 0; i < nh; i++)
			if (hits[i].label < ne && !used[hits[i].label]) {
				used[hits[i].label] = 1;
				order[no++] = (long)hits[i].label;
			}
		long rank = 0;
		for (size_t i = 0; i < no && !rank; i++)
			for (struct kv *r = r0; r < rel + ann.n && strcmp(r->k, qs.a[q]) == 0 && !rank; r++)
				if (r->v == order[i])
					rank = (long)i + 1;
		for (size_t i = 0; i < no; i++) {
			used[order[i]] = 0;
			cused[econcept[order[i]]] = 0;
		}
		add_rank(&mt, rank);
		if (debug && rank != 1)
			printf("miss %s [%s] rank %ld: got [%s] want [%s]\n", qs.a[q], qs.b[q], rank, no ? el.b[order[0]] : "",
			       r0->v >= 0 ? el.b[r0->v] : "?");
	}
	mt.secs = now() - t0;
	char mode[64];
	snprintf(mode, sizeof mode, bridge ? "elements+%s labels" : "elements", bridge);
	print_row(split, mode, &mt, published);
	tax_index_free(ix);
	free(order);
	free(used);
	free(cused);
	free(rel);
	free(eid);
	free(curi);
	free(econcept);
	free(cfirst);
	free(cisco);
	free(m);
	free_tsv(&el);
	free_tsv(&map);
	free_tsv(&qs);
	free_tsv(&ann);
	return 0;
}

static int jobbert(const char *eval, const char *data)
{
	struct store *s;
	struct err e = {0};
	struct tax_index *ix;
	double t0 = now();
	if (store_open(":memory:", &s, &e) || store_migrate(s, &e) || tax_import_dir(s, data, false, NULL, &e) ||
	    tax_index_load(s, TAX_OCCUPATION, &ix, &e)) {
		fprintf(stderr, "bench_taxonomy: %s\n", e.message);
		return -1;
	}
	store_close(s);
	fprintf(stderr, "shipped taxonomy imported and indexed in %.1f s (%zu concepts, %zu labels)\n", now() - t0,
	        tax_index_concepts(ix), tax_index_labels(ix));
	char path[1024];
	size_t len;
	snprintf(path, sizeof path, "%s/jobbert/titles.csv", eval);
	char *buf = slurp(path, &len);
	struct csv_reader *r = buf ? csv_open_mem(buf, len, ',') : NULL;
	if (!r) {
		fprintf(stderr, "bench_taxonomy: cannot read %s\n", path);
		return -1;
	}
	char **f;
	size_t n;
	csv_next(r, &f, &n);
	struct metrics mt = {0}, unmapped = {0};
	struct tax_hit hits[100];
	t0 = now();
	long row = 0;
	while (csv_next(r, &f, &n) == 1) {
		if (n != 3)
			continue;
		row++;
		if ((half == 1 && row % 2 == 0) || (half == 2 && row % 2 == 1))
			continue;
		size_t nh = 0;
		bool mapped;
		double tq = now();
		tax_map_title(ix, f[1], "en", 100, hits, &nh, &mapped, &e);
		add_time(&mt, now() - tq);
		long rank = 0;
		for (size_t i = 0; i < nh && !rank; i++)
			if (strcmp(hits[i].uri, f[2]) == 0)
				rank = (long)i + 1;
		if (debug && rank != 1)
			printf("jobbert miss: %s | rank %ld | top: %s (%s) | gold %s\n", f[1], rank, nh ? hits[0].label : "-",
			       nh ? hits[0].matched : "-", f[2]);
		add_rank(&mt, rank);
		unmapped.n += !mapped;
	}
	mt.secs = now() - t0;
	print_row("jobbert-val", "shipped taxonomy", &mt, "tuning split: no comparable published figure");
	printf("%-15s %ld of %ld titles reported unmapped (best score < %.2f)\n", "", unmapped.n, mt.n, TAX_MAP_THRESHOLD);
	csv_close(r);
	free(buf);
	tax_index_free(ix);
	return 0;
}

/* ---- skills from free text ---- */

/* One annotated sentence: its gold ESCO skills (English preferred labels). */
struct skill_sent {
	char *text;
	char **gold;
	size_t ngold;
};

static const struct tax_index *skills_ix;
static const char *skills_matched[5];
static double skills_score[5];

/* The top 5 English preferred labels for sentence t, by the extractor (mode 1) or by the plain search (mode 0). */
static size_t skills_top5(const char *t, int mode, const char **top)
{
	struct err e = {0};
	size_t n = 0;
	if (mode == 1) {
		struct tax_skill_suggestion sg[5];
		tax_suggest_skills(skills_ix, t, "en", "en", 5, sg, &n, &e);
		for (size_t i = 0; i < n; i++) {
			top[i] = sg[i].label;
			skills_matched[i] = sg[i].matched;
			skills_score[i] = sg[i].score;
		}
	} else {
		struct tax_hit h[5];
		tax_search(skills_ix, t, "en", TAX_SKILL, 5, h, &n, &e);
		for (size_t i = 0; i < n; i++)
			top[i] = h[i].label;
	}
	return n;
}

/* R-Precision@5 (percent) over the sentences with at least one gold skill: hits in the top 5 / min(5, gold). */
static double skills_rp5(const struct skill_sent *ss, size_t n, int mode, double *ms)
{
	double sum = 0, t0 = now();
	for (size_t i = 0; i < n; i++) {
		const char *top[5];
		size_t k = skills_top5(ss[i].text, mode, top), hit = 0;
		for (size_t j = 0; j < k; j++)
			for (size_t g = 0; g < ss[i].ngold; g++)
				if (strcmp(top[j], ss[i].gold[g]) == 0) {
					hit++;
					break;
				}
		sum += (double)hit / (double)(ss[i].ngold < 5 ? ss[i].ngold : 5);
		if (debug && mode == 1 && hit < (ss[i].ngold < 5 ? ss[i].ngold : 5)) {
			fprintf(stderr, "MISS %s\n  gold:", ss[i].text);
			for (size_t g = 0; g < ss[i].ngold; g++)
				fprintf(stderr, " [%s]", ss[i].gold[g]);
			fprintf(stderr, "\n  got:");
			for (size_t j = 0; j < k; j++)
				fprintf(stderr, " [%s <%s> %.2f]", top[j], skills_matched[j], skills_score[j]);
			fprintf(stderr, "\n");
		}
	}
	*ms = n ? 1000.0 * (now() - t0) / (double)n : 0;
	return n ? 100.0 * sum / (double)n : 0;
}

/* Reads sentence,span,sub_span,label rows into sentences with their gold labels (LABEL NOT PRESENT and
 * UNDERSPECIFIED are no skill; sentences left without one are not scored). */
static int skills_read(const char *path, struct skill_sent **out, size_t *nout)
{
	size_t len;
	char *buf = slurp(path, &len);
	struct csv_reader *r = buf ? csv_open_mem(buf, len, ',') : NULL;
	if (!r) {
		free(buf);
		fprintf(stderr, "bench_taxonomy: cannot read %s\n", path);
		return -1;
	}
	struct skill_sent *ss = NULL;
	size_t n = 0;
	char **f;
	size_t nf;
	csv_next(r, &f, &nf);
	while (csv_next(r, &f, &nf) == 1) {
		if (nf != 4 || strcmp(f[3], "LABEL NOT PRESENT") == 0 || strcmp(f[3], "UNDERSPECIFIED") == 0)
			continue;
		size_t i = 0;
		while (i < n && strcmp(ss[i].text, f[0]) != 0)
			i++;
		if (i == n) {
			ss = realloc(ss, (n + 1) * sizeof *ss);
			ss[n++] = (struct skill_sent){strdup(f[0]), NULL, 0};
		}
		bool dup = false;
		for (size_t g = 0; g < ss[i].ngold && !dup; g++)
			dup = strcmp(ss[i].gold[g], f[3]) == 0;
		if (!dup) {
			ss[i].gold = realloc(ss[i].gold, (ss[i].ngold + 1) * sizeof *ss[i].gold);
			ss[i].gold[ss[i].ngold++] = strdup(f[3]);
		}
	}
	csv_close(r);
	free(buf);
	*out = ss;
	*nout = n;
	return 0;
}

/* Skill extraction (Decorte et al. house and tech validation sets): R-Precision@5 of tax_suggest_skills beside the
 * plain concept search of the whole sentence, on the shipped taxonomy (every kind loaded, as osaaja serve does). */
static int skills(const char *eval, const char *data)
{
	struct store *s;
	struct err e = {0};
	struct tax_index *ix;
	double t0 = now();
	if (store_open(":memory:", &s, &e) || store_migrate(s, &e) || tax_import_dir(s, data, false, NULL, &e) ||
	    tax_index_load(s, 0, &ix, &e)) {
		fprintf(stderr, "bench_taxonomy: %s\n", e.message);
		return -1;
	}
	store_close(s);
	skills_ix = ix;
	fprintf(stderr, "shipped taxonomy imported and indexed in %.1f s\n", now() - t0);
	printf("\n%-15s %6s  %-22s %-22s %s\n", "skill split", "n", "RP@5 plain search", "RP@5 suggest", "target");
	static const struct {
		const char *name, *file;
		double target;
	} sets[] = {{"tech-val", "tech_validation_annotations.csv", 55}, {"house-val", "house_validation_annotations.csv", 45}};
	int rc = 0;
	for (size_t k = 0; k < sizeof sets / sizeof *sets; k++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/skill_extraction/%s", eval, sets[k].file);
		struct skill_sent *ss;
		size_t n;
		if (skills_read(path, &ss, &n)) {
			rc = -1;
			continue;
		}
		double ms0, ms1, base = skills_rp5(ss, n, 0, &ms0), sug = skills_rp5(ss, n, 1, &ms1);
		printf("%-15s %6zu  %6.2f (%5.2f ms)        %6.2f (%5.2f ms)        >= %.0f %s\n", sets[k].name, n, base, ms0,
		       sug, ms1, sets[k].target, sug >= sets[k].target ? "met" : "NOT met");
		for (size_t i = 0; i < n; i++) {
			for (size_t g = 0; g < ss[i].ngold; g++)
				free(ss[i].gold[g]);
			free(ss[i].gold);
			free(ss[i].text);
		}
		free(ss);
	}
	tax_index_free(ix);
	return rc;
}

int main(int argc, char **argv)
{
	const char *eval = "../shared/data/eval", *data = "data/taxonomy", *only = "";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
			data = argv[++i];
		} else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
			only = argv[++i];
		} else if (strcmp(argv[i], "--half") == 0 && i + 1 < argc) {
			half = (int)strtol(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "--debug") == 0) {
			debug = true;
		} else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc) {
			char *eq = strchr(argv[++i], '=');
			if (!eq)
				return 2;
			*eq = 0;
			if (tax_tune(argv[i], strtod(eq + 1, NULL)) && tax_tune_extract(argv[i], strtod(eq + 1, NULL))) {
				fprintf(stderr, "bench_taxonomy: unknown knob %s\n", argv[i]);
				return 2;
			}
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "usage: bench_taxonomy [EVAL_DIR] [--data DIR] [--only melo|jobbert|skills] [--set k=v]\n");
			return 2;
		} else {
			eval = argv[i];
		}
	}
	printf("%-15s %-22s %6s  %-6s  %-6s  %-6s  %9s  %9s | published (recip_rank / success_1 / success_10)\n",
	       "split", "mode", "n", "MRR", "S@1", "S@10", "mean/query", "p50");
	int rc = 0;
	if (strcmp(only, "jobbert") != 0 && strcmp(only, "skills") != 0) {
		rc |= melo(eval, data, "swe_q_sv_c_sv", "sv", "sv", NULL,
		           "e5 0.4286/0.3463/0.5774; char TF-IDF lemmas 0.3904/0.3321/0.5035");
		rc |= melo(eval, data, "swe_q_sv_c_sv", "sv", "sv", "en",
		           "e5 0.4286/0.3463/0.5774; char TF-IDF lemmas 0.3904/0.3321/0.5035");
		rc |= melo(eval, data, "usa_q_en_c_en", "en", "en", NULL,
		           "OpenAI 0.6842/0.5561/0.8989; char TF-IDF 0.5800/0.4708/0.7551");
		rc |= melo(eval, data, "swe_q_sv_c_en", "sv", "en", NULL, "char TF-IDF lemmas 0.0937/0.0656/0.1468");
		rc |= melo(eval, data, "swe_q_sv_c_en", "sv", "en", "sv", "OpenAI 0.2909/0.2221/0.4157; e5 0.2605");
	}
	if (strcmp(only, "melo") != 0 && strcmp(only, "skills") != 0)
		rc |= jobbert(eval, data);
	if (strcmp(only, "melo") != 0 && strcmp(only, "jobbert") != 0)
		rc |= skills(eval, data);
	return rc ? 1 : 0;
}
