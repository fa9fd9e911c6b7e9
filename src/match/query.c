/* match query: the two searches (best vacancies for a client, best clients for a vacancy): per-thread scratch
 * buffers, the exhaustive pass and the pruned one (prefix filtering with a falling threshold), the top-k heap, and the
 * result in the caller's arena. Queries hold the read lock. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/topk.h"
#include "match/internal.h"

/* ---------- scratch buffers ---------- */

struct cand;

struct match_scratch {
	double *acc;      /* per record of the other side: partial sums; double so that exact ties stay ties */
	uint8_t *state;   /* per record of the other side: 0 not seen, 1 seen this round, 2 settled */
	uint32_t *touched;
	uint32_t cap;
	double *qtab;     /* per concept: idf^2 * w / 64 * inv_norm of the subject's skills, 0 elsewhere */
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

/* The buffers sized by records (cap of them) come and go together: freed here for both match_scratch_free and
 * scratch_fit, which replaces them all when the other side outgrows them. */
static void free_per_record(struct match_scratch *sc)
{
	free(sc->acc);
	free(sc->state);
	free(sc->touched);
	free(sc->order);
}

void match_scratch_free(struct match_scratch *sc)
{
	if (!sc)
		return;
	free_per_record(sc);
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
		free_per_record(sc);
		sc->cap = 0; /* until all four are had: a failed fit leaves what it got to the next fit or to the free */
		sc->acc = calloc(n, sizeof *sc->acc);
		sc->state = calloc(n, 1);
		sc->touched = malloc((size_t)n * sizeof *sc->touched);
		sc->order = malloc((size_t)n * sizeof *sc->order);
		if (!sc->acc || !sc->state || !sc->touched || !sc->order)
			return -1;
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

struct cand {
	double score;
	int64_t id;
	uint32_t slot;
};
_Static_assert(sizeof(struct cand) <= TOPK_MAX_ELEM, "a match candidate fits topk_push");

static int better(const struct cand *a, const struct cand *b)
{
	return a->score > b->score || (a->score == b->score && a->id < b->id);
}

/* The top-k heap's order (core/topk.h): a ranks below b. */
static bool worse(const void *a, const void *b)
{
	return better(b, a);
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	return better(x, y) ? -1 : better(y, x) ? 1 : 0;
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
	return 100.0 * (MI_W_SKILL * (skill > 1.0 ? 1.0 : skill) + (1 - MI_W_SKILL));
}

/* Margin on every bound: scores are rounded to 1e-9 and a candidate equal to the k-th best may still win on id. */
#define MI_EPS 1e-6

static int in_scope(const struct search *q, const struct mi_rec *o)
{
	if (!o->alive || !(q->sc->allowed[o->org / 8] & (1u << (o->org % 8))))
		return 0;
	/* clients: consented, and looking for work unless the query asks for everyone */
	return q->subject == MI_CLIENTS || (o->consent && (!o->not_seeking || (q->flags & MATCH_Q_ALL_CLIENTS)));
}

/* Scores one candidate in full and offers it to the heap. raw is the exact skill sum, times the subject's inv_norm
 * (folded into the per-concept weights of both searches, in the same expression, so that they agree bit for bit). */
static void offer(struct search *q, uint32_t s, double raw)
{
	const struct mi_rec *o = &q->os->recs[s];
	const struct mi_rec *c = q->subject == MI_CLIENTS ? q->me : o, *v = q->subject == MI_CLIENTS ? o : q->me;
	struct mi_pair p = {0};
	mi_eval_pair(c, v, raw * (double)o->inv_norm, &p); /* raw carries the subject's inv_norm already */
	q->ncand++;
	if ((q->flags & MATCH_Q_FILTER_HARD) && p.failed) {
		q->nfilt++;
		return;
	}
	/* rounded to 1e-9 so that equal scores reached by different summation orders tie, and ties go by id */
	topk_push(q->sc->heap, &q->nheap, q->k, &(struct cand){round(p.score * 1e9) / 1e9, o->id, s}, sizeof(struct cand),
	          worse);
}

/* Every posting of every subject skill: the exact skill sum of every record sharing one, in acc, summed in the
 * subject's concept order; touched lists those records. Returns how many. */
static uint32_t accumulate(struct search *q)
{
	const struct mi_rec *me = q->me;
	double *acc = q->sc->acc;
	uint32_t *touched = q->sc->touched, nt = 0;
	for (uint16_t i = 0; i < me->nskills; i++) {
		uint32_t cpt = me->skills[i].concept;
		const struct mi_post *l = &q->os->post[cpt];
		double tab[16];
		double base = mi_term(q->idx->idf[cpt]) * me->skills[i].weight / 64.0 * (double)me->inv_norm;
		for (int w = 0; w < 16; w++)
			tab[w] = base * w;
		for (uint32_t j = 0; j < l->n; j++) {
			uint32_t pv = l->p[j], s = pv & MI_SLOT_MASK;
			if (acc[s] == 0.0)
				touched[nt++] = s;
			acc[s] += tab[pv >> MI_SLOT_BITS];
		}
	}
	return nt;
}

/* Exhaustive: every record touched, offered in the order read. The reference the other searches must agree with
 * (MATCH_Q_EXHAUSTIVE). */
static void search_all(struct search *q)
{
	double *acc = q->sc->acc;
	uint32_t nt = accumulate(q), *touched = q->sc->touched;
	for (uint32_t t = 0; t < nt; t++) {
		uint32_t s = touched[t];
		double raw = acc[s];
		acc[s] = 0.0;
		if (q->nheap == q->k) {
			double inv = (double)q->os->inv_norm[s];
			if (score_bound(raw * inv) < q->sc->heap[0].score - MI_EPS)
				continue;
		}
		if (in_scope(q, &q->os->recs[s]))
			offer(q, s, raw);
	}
}

/* The default: the same sums, then the records offered best skill part first (in NB buckets), so that the k-th best
 * rises at once and the first bucket whose bound is below it ends the search. The heap keeps the best k under a total
 * order whatever the order of offers, so the results are search_all's, with far fewer pairs scored in full. */
static void search_ordered(struct search *q)
{
	enum { NB = 64 };
	struct match_scratch *sc = q->sc;
	double *acc = sc->acc;
	const float *inv = q->os->inv_norm;
	uint32_t nt = accumulate(q), *touched = sc->touched, *order = sc->order, cnt[NB + 1] = {0};
	for (uint32_t t = 0; t < nt; t++) { /* bucket b holds skill parts in ((NB-2-b)/(NB-1), (NB-1-b)/(NB-1)] */
		uint32_t s = touched[t];
		double skill = acc[s] * (double)inv[s];
		int b = NB - 1 - (int)ceil((skill < 1 ? skill : 1) * (NB - 1));
		b = b < 0 ? 0 : b >= NB ? NB - 1 : b;
		sc->state[s] = (uint8_t)b;
		cnt[b + 1]++;
	}
	for (int b = 0; b < NB; b++)
		cnt[b + 1] += cnt[b];
	uint32_t start[NB + 1];
	memcpy(start, cnt, sizeof start);
	for (uint32_t t = 0; t < nt; t++)
		order[cnt[sc->state[touched[t]]]++] = touched[t];
	for (int b = 0; b < NB; b++) {
		/* the bucket's largest skill part, with room for rounding */
		double top = (double)(NB - 1 - b) / (NB - 1) * (1 + 1e-9) + 1e-12;
		if (q->nheap == q->k && score_bound(top) < sc->heap[0].score - MI_EPS)
			break;
		for (uint32_t x = start[b]; x < start[b + 1]; x++) {
			uint32_t s = order[x];
			double raw = acc[s];
			if (q->nheap == q->k) {
				double kth = sc->heap[0].score - MI_EPS, skill = raw * (double)inv[s];
				if (score_bound(skill) < kth)
					continue;
				/* with the pair's occupation grade (the fits are <= 1): most pairs stop here */
				const struct mi_rec *o = &q->os->recs[s];
				const struct mi_rec *c = q->subject == MI_CLIENTS ? q->me : o, *v = q->subject == MI_CLIENTS ? o : q->me;
				if (100.0 * (MI_W_SKILL * (skill > 1.0 ? 1.0 : skill) + (1 - MI_W_SKILL) * mi_occ_grade_of(c, v)) *
				        (1 + 1e-9) < kth)
					continue;
			}
			if (in_scope(q, &q->os->recs[s]))
				offer(q, s, raw);
		}
	}
	for (uint32_t t = 0; t < nt; t++) {
		acc[touched[t]] = 0.0;
		sc->state[touched[t]] = 0;
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
		qtab[cpt] = mi_term(q->idx->idf[cpt]) * me->skills[i].weight / 64.0 * (double)me->inv_norm;
		cur[i] = 0;
	}
	double inv_me = (double)me->inv_norm;
	/* key units per unit of skill. Client subject (the only one run_query prunes): vacancy keys are in skill units
	 * (a vacancy whose postings with key >= t were not read has a cosine below t with anyone; struct mi_post).
	 * (A vacancy subject would read client keys, which are masses without the normaliser: not a bound any more.) */
	double per_skill = 1.0;
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
			double need = ((kth / 100.0 - (1 - MI_W_SKILL)) / MI_W_SKILL - 1e-9) / (1 + 2e-5);
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
	if (!mi_imap_get(&ss->ids, id, &slot)) {
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
		if (mi_imap_get(&idx->orgs, q->orgs[i], &o)) {
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
		rc = err_key(e, ERR_FORBIDDEN, "consent", "consent", "the client has not consented to matching");
		goto done;
	}

	struct search s = {.idx = idx, .subject = subject, .me = me, .os = os, .sc = sc, .k = k, .flags = q->flags};
	/* With the cosine skill part (issue 17) the prefix bound is loose (a commonest-first prefix reaches a share t of
	 * a vacancy's length after only t^2 of its mass), so the pruned pass reads nearly everything and costs more than
	 * the exhaustive one: measured on bench/match, the batch took 3.6x the CPU pruned and 2x exhaustive of the
	 * share-of-need formula. Every query reads every posting and offers best bound first (search_ordered);
	 * MATCH_Q_EXHAUSTIVE offers in the order read, MATCH_Q_PRUNE the pruned pass (client queries): all three give the
	 * same results (tests/unit/match/test_prune.c). */
	if (q->flags & MATCH_Q_EXHAUSTIVE)
		search_all(&s);
	else if ((q->flags & MATCH_Q_PRUNE) && subject == MI_CLIENTS)
		search_pruned(&s);
	else
		search_ordered(&s);
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
		if (mi_explain(idx, c, v, it, a))
			goto oom;
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
