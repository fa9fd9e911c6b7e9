/* match load: builds the index from the store and re-reads single records after a write. All SQL goes through
 * store.h. A record is read by a few small indexed statements, each built from one read_spec: for a refresh with the
 * record's id, for the full load over a range of ids (merged by id), with the same row handlers. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "domain/entity.h"
#include "domain/permit.h"
#include "match/internal.h"
#include "store/privacy_store.h"
#include "store/store.h"

/* The ids each full load reads; each record's own statements stand above the handler of their rows. */
static const char SQL_COURSE_IDS[] = "SELECT id FROM courses WHERE archived_at IS NULL ORDER BY id";
/* A child is a family member, never matched: a client row with family_role 'child' (from before migration 0016) is
 * not in the index. */
static const char SQL_CLIENT_IDS[] = "SELECT id FROM clients WHERE archived_at IS NULL AND "
                                     "COALESCE(family_role, '') <> 'child' ORDER BY id";
static const char SQL_VACANCY_IDS[] = "SELECT id FROM vacancies WHERE status = 'open' AND archived_at IS NULL "
                                      "ORDER BY id";

/* A record being assembled; fixed ceilings match the index's. */
struct builder {
	struct match_skill skills[MATCH_MAX_SKILLS];
	size_t nskills;
	struct match_lang langs[MATCH_MAX_LANGS];
	size_t nlangs;
	int16_t isco[MATCH_MAX_ISCO];
	size_t nisco;
	uint32_t occ[MATCH_MAX_ISCO]; /* clients: ESCO occupations of work history and targets */
	size_t nocc;
	char lic_buf[MATCH_MAX_LICENCES][160];
	const char *lics[MATCH_MAX_LICENCES];
	size_t nlics;
};

static void add_skill(struct builder *b, uint32_t concept, uint8_t w, uint8_t essential)
{
	if (b->nskills < MATCH_MAX_SKILLS) /* beyond the ceiling the rest is dropped: the profile is already huge */
		b->skills[b->nskills++] = (struct match_skill){concept, w, essential};
}

static void add_lang(struct builder *b, const char *code, int level, int required)
{
	if (!code || level <= 0 || b->nlangs >= MATCH_MAX_LANGS)
		return;
	struct match_lang *l = &b->langs[b->nlangs++];
	memset(l, 0, sizeof *l);
	snprintf(l->code, sizeof l->code, "%s", code);
	l->level = (uint8_t)level;
	l->required = (uint8_t)required;
}

static void add_isco(struct builder *b, int16_t code)
{
	if (code >= 0 && b->nisco < MATCH_MAX_ISCO)
		b->isco[b->nisco++] = code;
}

static void add_lic(struct builder *b, const char *kind, const char *name)
{
	if (!name || b->nlics >= MATCH_MAX_LICENCES)
		return;
	snprintf(b->lic_buf[b->nlics], sizeof b->lic_buf[0], "%s:%s", kind ? kind : "", name);
	b->lics[b->nlics] = b->lic_buf[b->nlics];
	b->nlics++;
}

static int concept_of(const struct match_index *idx, const char *uri, uint32_t *out)
{
	return uri && mi_smap_get(&idx->uris, uri, out);
}

static void add_occ(const struct match_index *idx, struct builder *b, const char *occ_uri)
{
	uint32_t c;
	if (concept_of(idx, occ_uri, &c) && b->nocc < MATCH_MAX_ISCO)
		b->occ[b->nocc++] = c;
}

/* ISCO code of a work-history or vacancy row: the column, else the ESCO occupation's own code. */
static int16_t row_isco(const struct match_index *idx, const char *occ_uri, const char *isco)
{
	int16_t code = match_isco4(isco);
	uint32_t c;
	if (code < 0 && concept_of(idx, occ_uri, &c) && c < idx->nconcepts)
		code = idx->concept_isco[c];
	return code;
}

static void add_occupation_skills(const struct match_index *idx, struct builder *b, const char *occ_uri, uint8_t w,
                                  uint8_t essential)
{
	uint32_t c;
	if (!concept_of(idx, occ_uri, &c) || c >= idx->nconcepts)
		return;
	const struct mi_list *l = &idx->essential[c];
	for (uint32_t i = 0; i < l->n; i++)
		add_skill(b, l->p[i], w, essential);
}

/* A client or a vacancy being read, by side (MI_CLIENTS, MI_VACANCIES): one path for the load and the refresh. */
union rec_input {
	struct match_client_input c;
	struct match_vacancy_input v;
};

struct id_list {
	int64_t *v;
	size_t n, cap;
};

/* What a statement's row handler reads into: the record being built, or the course, or the id list. */
struct reading {
	struct match_index *idx;
	const char *today;
	struct builder *b;
	union rec_input *in;
	int found;  /* the record's own row was read (and, for a vacancy, it is open) */
	char *name; /* a course's name (256 bytes), its skills and their count */
	uint32_t *skills;
	size_t nskills;
	struct id_list *ids;
	int lang; /* labels: the language's number in mi_label_langs */
	struct privacy_consent_day consent; /* clients: the 'matching' consent rows read so far */
	struct err *e;
};

/* Handles one row of a statement: 0, or -1 with r->e set. */
typedef int row_fn(struct store_stmt *st, struct reading *r);

/* Runs sql (?1 = *key when key is given) and hands each row to fn. 0, or -1 with e set. */
static int each_row(struct store *s, const char *sql, const struct store_param *key, row_fn *fn, struct reading *r,
                    struct err *e)
{
	struct store_stmt *st;
	int rc;
	if (store_prepare_bound(s, sql, key, key ? 1 : 0, &st, e))
		return -1;
	while ((rc = store_step(st, e)) == STORE_ROW)
		if (fn(st, r)) {
			store_reset(st);
			return -1;
		}
	return rc < 0 ? -1 : 0;
}

static int oom(struct reading *r)
{
	return err_oom(r->e), -1;
}

static uint8_t clamp_u8(int64_t v, int64_t max)
{
	return (uint8_t)(v < 0 ? 0 : v > max ? max : v);
}

/* An integer column, 0 when NULL. */
static int64_t col_int0(struct store_stmt *st, int i)
{
	return store_col_type(st, i) == STORE_NULL ? 0 : store_col_int(st, i);
}

/* ---------- a client's rows ---------- */

/* The client is read again on day (YYYY-MM-DD) if that is before the day already kept: what it read may change then
 * without a write (a consent starts or ends, a permit or a card runs out). */
static void recheck_by(struct reading *r, const char *day)
{
	char *on = r->in->c.recheck_on;
	if (day && *day && (!*on || strcmp(day, on) < 0))
		snprintf(on, sizeof r->in->c.recheck_on, "%s", day);
}

/* A date valid through last (YYYY-MM-DD) and still valid today stops counting the day after: read again then. */
static void recheck_after(struct reading *r, const char *last)
{
	char next[11];
	if (last && strcmp(last, r->today) >= 0 && date_add_days(last, 1, next))
		recheck_by(r, next);
}

#define SQL_CLIENT {"organisation_id, mother_tongue, permit_type, permit_expires_on, work_hours_max, physical_load, nationality, status", "clients", "id", "archived_at IS NULL AND COALESCE(family_role, '') <> 'child'", NULL, false}
static int client_row(struct store_stmt *st, struct reading *r)
{
	struct match_client_input *c = &r->in->c;
	r->found = 1;
	c->organisation_id = store_col_int(st, 0);
	add_lang(r->b, store_col_text(st, 1), 7, 0);
	const char *permit = store_col_text(st, 2), *expires = store_col_text(st, 3);
	c->permit_ok = permit_may_work(store_col_text(st, 6), permit, expires, r->today);
	if (c->permit_ok)
		recheck_after(r, expires);
	c->hours_max = clamp_u8(col_int0(st, 4), 255);
	c->physical = (uint8_t)match_physical_load(store_col_text(st, 5));
	c->not_seeking = !client_status_seeking(store_col_text(st, 7));
	return 0;
}

/* The 'matching' consent as of today, by privacy's one rule (privacy_consent_row: the newest row that speaks today
 * decides), and the day on which it may change without a write (the client is read again then: live.c). */
#define SQL_CONSENT {PRIVACY_CONSENT_COLS, "consents", "client_id", "purpose = 'matching' AND " PRIVACY_CONSENT_WHERE, PRIVACY_CONSENT_ORDER, false}
static int consent_row(struct store_stmt *st, struct reading *r)
{
	privacy_consent_row(&r->consent, r->today, store_col_int(st, 0) == 1, store_col_text(st, 1),
	                    store_col_text(st, 2));
	r->in->c.consent = r->consent.now == PRIVACY_CONSENT_GIVEN;
	recheck_by(r, r->consent.next_on);
	return 0;
}

#define SQL_CLIENT_SKILLS {"esco_skill, evidence", "client_skills", "client_id", "archived_at IS NULL AND esco_skill IS NOT NULL", NULL, false}
static int client_skill_row(struct store_stmt *st, struct reading *r)
{
	uint32_t cpt;
	const char *ev = store_col_text(st, 1);
	if (concept_of(r->idx, store_col_text(st, 0), &cpt))
		add_skill(r->b, cpt, ev && strcmp(ev, "self_declared") == 0 ? MATCH_W_SELF : MATCH_W_DIRECT, 0);
	return 0;
}

#define SQL_CERTS {"kind, name, esco_skill, expires_on", "certificates", "client_id", "archived_at IS NULL", NULL, false}
static int cert_row(struct store_stmt *st, struct reading *r)
{
	const char *exp = store_col_text(st, 3);
	if (exp && strcmp(exp, r->today) < 0)
		return 0; /* expired: neither the licence nor its skill counts */
	recheck_after(r, exp);
	add_lic(r->b, store_col_text(st, 0), store_col_text(st, 1));
	uint32_t cpt;
	if (concept_of(r->idx, store_col_text(st, 2), &cpt))
		add_skill(r->b, cpt, MATCH_W_DIRECT, 0);
	return 0;
}

#define SQL_WORK {"esco_occupation, isco_code", "work_history", "client_id", "archived_at IS NULL", NULL, false}
static int work_row(struct store_stmt *st, struct reading *r)
{
	const char *occ = store_col_text(st, 0);
	add_isco(r->b, row_isco(r->idx, occ, store_col_text(st, 1)));
	add_occ(r->idx, r->b, occ);
	add_occupation_skills(r->idx, r->b, occ, MATCH_W_IMPLIED, 0);
	return 0;
}

#define SQL_TARGETS {"esco_occupation, isco_code", "target_occupations", "client_id", "archived_at IS NULL", NULL, false}
static int target_row(struct store_stmt *st, struct reading *r)
{
	add_isco(r->b, row_isco(r->idx, store_col_text(st, 0), store_col_text(st, 1)));
	add_occ(r->idx, r->b, store_col_text(st, 0));
	return 0;
}

#define SQL_EDU {"MAX(isced_level)", "educations", "client_id", "archived_at IS NULL", NULL, true}
static int edu_row(struct store_stmt *st, struct reading *r)
{
	if (store_col_type(st, 0) != STORE_NULL)
		r->in->c.isced_level = clamp_u8(store_col_int(st, 0), 8);
	return 0;
}

#define SQL_CLIENT_LANGS {"language, level", "client_languages", "client_id", "archived_at IS NULL", NULL, false}
static int client_lang_row(struct store_stmt *st, struct reading *r)
{
	add_lang(r->b, store_col_text(st, 0), match_cefr_level(store_col_text(st, 1)), 0);
	return 0;
}

/* ---------- a vacancy's rows ---------- */

#define SQL_VACANCY {"organisation_id, esco_occupation, isco_code, hours_per_week, education_level_min, physical_load, permit_required, status", "vacancies", "id", "archived_at IS NULL", NULL, false}
static int vacancy_row(struct store_stmt *st, struct reading *r)
{
	const char *status = store_col_text(st, 7);
	if (!status || strcmp(status, "open") != 0)
		return 0;
	struct match_vacancy_input *v = &r->in->v;
	r->found = 1;
	v->organisation_id = store_col_int(st, 0);
	const char *occ = store_col_text(st, 1);
	v->isco = row_isco(r->idx, occ, store_col_text(st, 2));
	uint32_t oc;
	if (concept_of(r->idx, occ, &oc))
		v->occupation = oc;
	add_occupation_skills(r->idx, r->b, occ, MATCH_W_OCC_ESSENTIAL, 1);
	v->hours = clamp_u8(col_int0(st, 3), 255);
	v->isced_min = clamp_u8(col_int0(st, 4), 8);
	v->physical = (uint8_t)match_physical_load(store_col_text(st, 5));
	v->permit_required = store_col_int(st, 6) != 0;
	return 0;
}

#define SQL_VACANCY_SKILLS {"esco_skill, required", "vacancy_skills", "vacancy_id", "archived_at IS NULL", NULL, false}
static int vacancy_skill_row(struct store_stmt *st, struct reading *r)
{
	uint32_t cpt;
	if (!concept_of(r->idx, store_col_text(st, 0), &cpt))
		return 0;
	int req = store_col_int(st, 1) != 0;
	add_skill(r->b, cpt, req ? MATCH_W_REQUIRED : MATCH_W_OPTIONAL, (uint8_t)req);
	return 0;
}

#define SQL_VACANCY_LANGS {"language, min_level, required", "vacancy_languages", "vacancy_id", "archived_at IS NULL", NULL, false}
static int vacancy_lang_row(struct store_stmt *st, struct reading *r)
{
	add_lang(r->b, store_col_text(st, 0), match_cefr_level(store_col_text(st, 1)), store_col_int(st, 2) != 0);
	return 0;
}

#define SQL_VACANCY_LICS {"kind, name", "vacancy_licences", "vacancy_id", "archived_at IS NULL", NULL, false}
static int lic_row(struct store_stmt *st, struct reading *r)
{
	add_lic(r->b, store_col_text(st, 0), store_col_text(st, 1));
	return 0;
}

/* ---------- a course's rows ---------- */

#define SQL_COURSE {"name", "courses", "id", "archived_at IS NULL", NULL, false}
static int course_row(struct store_stmt *st, struct reading *r)
{
	r->found = 1;
	snprintf(r->name, 256, "%s", store_col_text(st, 0) ? store_col_text(st, 0) : "");
	return 0;
}

#define SQL_COURSE_SKILLS {"esco_skill", "course_skills", "course_id", "archived_at IS NULL", NULL, false}
static int course_skill_row(struct store_stmt *st, struct reading *r)
{
	uint32_t cpt;
	if (r->nskills < MATCH_MAX_SKILLS && concept_of(r->idx, store_col_text(st, 0), &cpt))
		r->skills[r->nskills++] = cpt;
	return 0;
}

/* What each kind of record is read from: its reader's statements, its own table's first. mi_reader_of derives from
 * them (the table after FROM) which record a changed row belongs to, so that list cannot drift from the SQL. A
 * statement a reader gains goes here too. */
enum { SPEC_SQL_MAX = 512 };
struct read_spec {
	const char *cols;  /* what the row handler reads, in this order */
	const char *table;
	const char *key;   /* the column holding the record's id */
	const char *where; /* the further conditions */
	const char *order; /* when set: the record's rows arrive in this order (the newest consent first) */
	bool aggregate;    /* cols aggregate the record's rows into one */
};
struct read {
	struct read_spec q;
	row_fn *row;
};
static const struct read client_reads[] = {
	{SQL_CLIENT, client_row},
	{SQL_CONSENT, consent_row},
	{SQL_CLIENT_SKILLS, client_skill_row},
	{SQL_CERTS, cert_row},
	{SQL_WORK, work_row},
	{SQL_TARGETS, target_row},
	{SQL_EDU, edu_row},
	{SQL_CLIENT_LANGS, client_lang_row},
};
static const struct read vacancy_reads[] = {
	{SQL_VACANCY, vacancy_row},
	{SQL_VACANCY_SKILLS, vacancy_skill_row},
	{SQL_VACANCY_LANGS, vacancy_lang_row},
	{SQL_VACANCY_LICS, lic_row},
};
static const struct read course_reads[] = {{SQL_COURSE, course_row}, {SQL_COURSE_SKILLS, course_skill_row}};
static const struct {
	const struct read *reads;
	size_t n;
} readers[MI_KINDS] = {
	[MI_KIND_CLIENT] = {client_reads, sizeof client_reads / sizeof *client_reads},
	[MI_KIND_VACANCY] = {vacancy_reads, sizeof vacancy_reads / sizeof *vacancy_reads},
	[MI_KIND_COURSE] = {course_reads, sizeof course_reads / sizeof *course_reads},
};

/* The statement of one record (?1 = its id), or of the records with ids from ?1 to ?2 (the full load: the key as
 * the last column, the rows in key order), from one spec: the two cannot differ in what they read. */
static void spec_sql(const struct read_spec *q, bool range, char *out, size_t cap)
{
	/* a record's rows in one order in both forms: the spec's, else by id (one row per record needs none) */
	const char *order = q->order ? q->order : q->aggregate ? NULL : "id";
	if (!range)
		snprintf(out, cap, "SELECT %s FROM %s WHERE %s = ?1 AND %s%s%s", q->cols, q->table, q->key, q->where,
		         order && strcmp(order, q->key) ? " ORDER BY " : "", order && strcmp(order, q->key) ? order : "");
	else
		snprintf(out, cap, "SELECT %s, %s FROM %s WHERE %s BETWEEN ?1 AND ?2 AND %s%s%s ORDER BY %s%s%s", q->cols,
		         q->key, q->table, q->key, q->where, q->aggregate ? " GROUP BY " : "", q->aggregate ? q->key : "",
		         q->key, order && strcmp(order, q->key) ? ", " : "", order && strcmp(order, q->key) ? order : "");
}

int mi_reader_of(const char *table, bool *own)
{
	for (int k = 0; k < MI_KINDS; k++)
		for (size_t i = 0; i < readers[k].n; i++)
			if (strcmp(readers[k].reads[i].q.table, table) == 0) {
				*own = i == 0;
				return k;
			}
	return -1;
}

/* Reads record id of a kind: its own row, then (when r->found) the rest of its rows. */
static int read_kind(struct store *s, int kind, int64_t id, struct reading *r, struct err *e)
{
	const struct store_param key = STORE_P_INT(id);
	r->found = 0;
	char sql[SPEC_SQL_MAX];
	for (size_t i = 0; i < readers[kind].n && (i == 0 || r->found); i++) {
		spec_sql(&readers[kind].reads[i].q, false, sql, sizeof sql);
		if (each_row(s, sql, &key, readers[kind].reads[i].row, r, e))
			return -1;
	}
	return 0;
}

/* Hands the builder's lists to a record's input. */
static void builder_lists(const struct builder *b, const struct match_skill **skills, size_t *nskills,
                          const struct match_lang **langs, size_t *nlangs, const char *const **lics, size_t *nlics)
{
	*skills = b->skills;
	*nskills = b->nskills;
	*langs = b->langs;
	*nlangs = b->nlangs;
	*lics = b->lics;
	*nlics = b->nlics;
}

/* Reads client or vacancy id (by side: MI_CLIENTS, MI_VACANCIES) into b and in; *found = 0 when the record does not
 * exist, is archived or (a vacancy) is not open. */
static void rec_begin(struct match_index *idx, const char *today, union rec_input *in, struct builder *b,
                      struct reading *r, struct err *e)
{
	memset(in, 0, sizeof *in);
	b->nskills = b->nlangs = b->nisco = b->nlics = b->nocc = 0;
	*r = (struct reading){.idx = idx, .today = today, .b = b, .in = in, .e = e}; /* consent: no row read yet */
}

/* Hands what the builder gathered to the record's input. */
static void rec_finish(int side, int64_t id, union rec_input *in, const struct builder *b)
{
	if (side == MI_CLIENTS) {
		struct match_client_input *c = &in->c;
		c->id = id;
		builder_lists(b, &c->skills, &c->nskills, &c->langs, &c->nlangs, &c->licences, &c->nlicences);
		c->isco = b->isco;
		c->nisco = b->nisco;
		c->occupations = b->occ;
		c->noccupations = b->nocc;
	} else {
		struct match_vacancy_input *v = &in->v;
		v->id = id;
		builder_lists(b, &v->skills, &v->nskills, &v->langs, &v->nlangs, &v->licences, &v->nlicences);
	}
}

static int read_rec(struct match_index *idx, struct store *s, int side, int64_t id, const char *today,
                    union rec_input *in, struct builder *b, int *found, struct err *e)
{
	struct reading r = {0};
	rec_begin(idx, today, in, b, &r, e);
	*found = 0;
	if (read_kind(s, side == MI_CLIENTS ? MI_KIND_CLIENT : MI_KIND_VACANCY, id, &r, e))
		return -1;
	if ((*found = r.found))
		rec_finish(side, id, in, b);
	return 0;
}

/* Reads one course's name and skills; 1 when it is gone or archived. */
static int read_course_rows(struct match_index *idx, struct store *s, int64_t id, char name[256], uint32_t *skills,
                            size_t *n, struct err *e)
{
	struct reading r = {.idx = idx, .name = name, .skills = skills, .e = e};
	*n = 0;
	if (read_kind(s, MI_KIND_COURSE, id, &r, e))
		return -1;
	*n = r.nskills;
	return r.found ? 0 : 1;
}

static int read_course(struct match_index *idx, struct store *s, int64_t id, struct err *e)
{
	char name[256];
	uint32_t skills[MATCH_MAX_SKILLS];
	size_t n;
	int rc = read_course_rows(idx, s, id, name, skills, &n, e);
	if (rc)
		return rc;
	if (mi_upsert_course(idx, id, name, skills, n))
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory loading courses"), -1;
	return 0;
}

static void today_utc(char out[11])
{
	time_t t = time(NULL);
	struct tm tm = {0};
	gmtime_r(&t, &tm);
	if (strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		out[0] = 0;
}

static int id_row(struct store_stmt *st, struct reading *r)
{
	struct id_list *ids = r->ids;
	if (ids->n == ids->cap) {
		size_t ncap = ids->cap ? ids->cap * 2 : 1024;
		int64_t *p = realloc(ids->v, ncap * sizeof *p);
		if (!p)
			return oom(r);
		ids->v = p;
		ids->cap = ncap;
	}
	ids->v[ids->n++] = store_col_int(st, 0);
	return 0;
}

static int collect_ids(struct store *s, const char *sql, struct id_list *ids, struct err *e)
{
	struct reading r = {.ids = ids, .e = e};
	return each_row(s, sql, NULL, id_row, &r, e);
}

static const char SQL_CONCEPTS[] = "SELECT id, uri, kind, code FROM tax_concepts";
static int concept_row(struct store_stmt *st, struct reading *r)
{
	int64_t id = store_col_int(st, 0);
	if (id < 0 || id >= (1 << 26))
		return 0;
	if (mi_set_concept(r->idx, (uint32_t)id, store_col_text(st, 1), NULL))
		return oom(r);
	const char *kind = store_col_text(st, 2);
	if (kind && strstr(kind, "occupation"))
		r->idx->concept_isco[id] = match_isco4(store_col_text(st, 3));
	return 0;
}

static const char SQL_LABELS[] = "SELECT concept_id, label FROM tax_labels WHERE lang = ?1 AND label_type IN "
                                 "('preferred', 'pref', 'preferredLabel')";
static int label_row(struct store_stmt *st, struct reading *r)
{
	int64_t id = store_col_int(st, 0);
	if (id >= 0 && (uint64_t)id < r->idx->nconcepts &&
	    mi_set_concept(r->idx, (uint32_t)id, NULL, store_col_text(st, 1)))
		return oom(r);
	return 0;
}

static const char SQL_ESSENTIAL[] = "SELECT occupation_id, skill_id FROM tax_relations WHERE relation = 'essential'";
/* A concept's label in the language numbered r->lang (mi_label_langs). */
static int label_lang_row(struct store_stmt *st, struct reading *r)
{
	int64_t id = store_col_int(st, 0);
	if (id >= 0 && (uint64_t)id < r->idx->nconcepts &&
	    mi_set_label(r->idx, (uint32_t)id, r->lang, store_col_text(st, 1)))
		return oom(r);
	return 0;
}

static int essential_row(struct store_stmt *st, struct reading *r)
{
	int64_t o = store_col_int(st, 0), k = store_col_int(st, 1);
	if (o < 0 || k < 0 || o >= (1 << 26) || k >= (1 << 26))
		return 0;
	uint32_t hi = (uint32_t)(o > k ? o : k) + 1;
	if (mi_ensure_concepts(r->idx, hi))
		return oom(r);
	struct mi_list *l = &r->idx->essential[o];
	if (l->n < MATCH_MAX_SKILLS && mi_list_push(l, (uint32_t)k))
		return oom(r);
	return 0;
}

/* Rarity from the taxonomy (match_index_fix_idf): how many occupations list each skill, essential or optional, out
 * of all occupations. Without occupations (an empty taxonomy) rarity stays the population's. */
static const char SQL_OCCUPATIONS[] = "SELECT COUNT(*) FROM tax_concepts WHERE kind = 'occupation'";
static const char SQL_SKILL_DF[] = "SELECT skill_id, COUNT(*) FROM tax_relations GROUP BY skill_id ORDER BY skill_id";
static int pair_row(struct store_stmt *st, struct reading *r)
{
	if (id_row(st, r))
		return -1;
	struct id_list *ids = r->ids;
	if (ids->n == ids->cap) {
		size_t ncap = ids->cap * 2;
		int64_t *p = realloc(ids->v, ncap * sizeof *p);
		if (!p)
			return oom(r);
		ids->v = p;
		ids->cap = ncap;
	}
	ids->v[ids->n++] = store_col_type(st, 1) == STORE_NULL ? 0 : store_col_int(st, 1);
	return 0;
}

static int fix_rarity(struct match_index *idx, struct store *s, struct err *e)
{
	struct id_list total = {0}, pairs = {0};
	struct reading r = {.idx = idx, .ids = &total, .e = e};
	int rc = each_row(s, SQL_OCCUPATIONS, NULL, id_row, &r, e);
	r.ids = &pairs;
	if (!rc && total.n == 1 && total.v[0] > 0)
		rc = each_row(s, SQL_SKILL_DF, NULL, pair_row, &r, e);
	if (!rc && total.n == 1 && total.v[0] > 0) {
		size_t n = 0;
		uint32_t *c = malloc(pairs.n / 2 * sizeof *c + 1), *df = malloc(pairs.n / 2 * sizeof *df + 1);
		if (!c || !df)
			rc = oom(&r);
		for (size_t i = 0; !rc && i + 1 < pairs.n; i += 2)
			if (pairs.v[i] >= 0 && pairs.v[i] < (1 << 26) && pairs.v[i + 1] > 0) {
				c[n] = (uint32_t)pairs.v[i];
				df[n++] = (uint32_t)pairs.v[i + 1];
			}
		if (!rc && match_index_fix_idf(idx, c, df, n, (uint64_t)total.v[0], e))
			rc = -1;
		free(c);
		free(df);
	}
	free(total.v);
	free(pairs.v);
	return rc ? -1 : 0;
}

static int load_concepts(struct match_index *idx, struct store *s, const char *lang, struct err *e)
{
	struct reading r = {.idx = idx, .e = e};
	if (each_row(s, SQL_CONCEPTS, NULL, concept_row, &r, e))
		return -1;
	/* English first, then the wanted language over it */
	const char *langs[2] = {"en", lang};
	for (int k = 0; k < (strcmp(lang, "en") ? 2 : 1); k++) {
		const struct store_param p = STORE_P_TEXT(langs[k]);
		if (each_row(s, SQL_LABELS, &p, label_row, &r, e))
			return -1;
	}
	/* every label language, for explanations in the reader's language (match_query.lang) */
	for (int k = 0; k < MI_LABEL_LANGS; k++) {
		const struct store_param p = STORE_P_TEXT(mi_label_langs[k]);
		r.lang = k;
		if (each_row(s, SQL_LABELS, &p, label_lang_row, &r, e))
			return -1;
	}
	if (each_row(s, SQL_ESSENTIAL, NULL, essential_row, &r, e))
		return -1;
	return fix_rarity(idx, s, e);
}

static int upsert_input(struct match_index *idx, int side, const union rec_input *in, struct err *e)
{
	return side == MI_CLIENTS ? mi_upsert_client(idx, &in->c, e) : mi_upsert_vacancy(idx, &in->v, e);
}

/* One range statement of the full load, stepped alongside the record's other statements. */
struct cursor {
	struct store_stmt *st;
	bool row;    /* st is on a row */
	int64_t key; /* that row's record id */
};

static int cursor_step(struct cursor *c, struct err *e)
{
	int rc = store_step(c->st, e);
	if (rc < 0)
		return -1;
	c->row = rc == STORE_ROW;
	if (c->row)
		c->key = store_col_int(c->st, store_col_count(c->st) - 1);
	return 0;
}

/* Ids per range statement of the full load: a few thousand statements at 300 000 clients instead of one per record
 * and table (on PostgreSQL each is a round trip: the per-record reads took minutes at that size). */
enum { LOAD_CHUNK = 2000 };

/* Reads every client that is not archived, or every open vacancy, into idx (bulk: no lock): the ids in chunks, and
 * for each chunk every statement of the record's reader once over the chunk's id range, merged by id. The rows a
 * record gets and the order they arrive in are those read_rec gives it. */
static int load_side(struct match_index *idx, struct store *s, int side, const char *today, struct builder *b,
                     struct id_list *ids, struct err *e)
{
	ids->n = 0;
	if (collect_ids(s, side == MI_CLIENTS ? SQL_CLIENT_IDS : SQL_VACANCY_IDS, ids, e))
		return -1;
	const int kind = side == MI_CLIENTS ? MI_KIND_CLIENT : MI_KIND_VACANCY;
	const size_t nreads = readers[kind].n;
	struct cursor cur[8];
	if (nreads > sizeof cur / sizeof *cur)
		return err_set(e, ERR_INTERNAL, "", "a match reader has more statements than the load merges"), -1;
	for (size_t lo = 0; lo < ids->n; lo += LOAD_CHUNK) {
		const size_t hi = (lo + LOAD_CHUNK < ids->n ? lo + LOAD_CHUNK : ids->n) - 1;
		const struct store_param range[] = {STORE_P_INT(ids->v[lo]), STORE_P_INT(ids->v[hi])};
		char sql[SPEC_SQL_MAX];
		for (size_t k = 0; k < nreads; k++) {
			spec_sql(&readers[kind].reads[k].q, true, sql, sizeof sql);
			if (store_prepare_bound(s, sql, range, 2, &cur[k].st, e) || cursor_step(&cur[k], e))
				return -1;
		}
		for (size_t i = lo; i <= hi; i++) {
			const int64_t id = ids->v[i];
			union rec_input in;
			struct reading r = {0};
			rec_begin(idx, today, &in, b, &r, e);
			for (size_t k = 0; k < nreads; k++) {
				struct cursor *c = &cur[k];
				while (c->row && c->key < id) /* a record not in the list (archived meanwhile, a child) */
					if (cursor_step(c, e))
						return -1;
				while (c->row && c->key == id) {
					/* only the own row decides whether the rest is read, as read_kind does */
					if ((k == 0 || r.found) && readers[kind].reads[k].row(c->st, &r)) {
						store_reset(c->st);
						return -1;
					}
					if (cursor_step(c, e))
						return -1;
				}
			}
			if (!r.found)
				continue;
			rec_finish(side, id, &in, b);
			if (upsert_input(idx, side, &in, e))
				return -1;
		}
		for (size_t k = 0; k < nreads; k++)
			store_reset(cur[k].st);
	}
	return 0;
}

int match_index_load(struct store *s, const struct match_load_options *opt, struct match_index **out, struct err *e)
{
	*out = NULL;
	char today[11];
	today_utc(today);
	const char *lang = opt && opt->lang ? opt->lang : "en";
	const char *day = opt && opt->today ? opt->today : today;
	struct match_index *idx = match_index_new();
	struct builder *b = malloc(sizeof *b);
	struct id_list ids = {0};
	if (!idx || !b) {
		free(b);
		match_index_free(idx);
		return err_oom(e);
	}
	idx->bulk = 1; /* not shared yet: no lock needed */
	if (load_concepts(idx, s, lang, e))
		goto fail;
	if (collect_ids(s, SQL_COURSE_IDS, &ids, e))
		goto fail;
	for (size_t i = 0; i < ids.n; i++)
		if (read_course(idx, s, ids.v[i], e) < 0)
			goto fail;
	if (load_side(idx, s, MI_CLIENTS, day, b, &ids, e) || load_side(idx, s, MI_VACANCIES, day, b, &ids, e))
		goto fail;
	match_index_bulk(idx, false);
	free(ids.v);
	free(b);
	*out = idx;
	return 0;
fail:
	free(ids.v);
	free(b);
	match_index_free(idx);
	return e && e->code ? (int)e->code : ERR_INTERNAL;
}

/* Refreshes read the store under the read lock (the URI and occupation maps they consult change only under the
 * write lock), so queries go on meanwhile; only the swap takes the write lock. The refresh mutex keeps two refreshes
 * of one record from landing in the opposite order of their reads: refresh_locked runs with it held. */
static int refresh_locked(struct match_index *idx, struct store *s, int side, int64_t id, const char *today,
                          struct err *e)
{
	struct builder *b = malloc(sizeof *b);
	if (!b)
		return err_oom(e);
	union rec_input in;
	int found, rc = 0;
	pthread_rwlock_rdlock(&idx->lock);
	int bad = read_rec(idx, s, side, id, today, &in, b, &found, e);
	pthread_rwlock_unlock(&idx->lock);
	if (bad) {
		rc = e && e->code ? (int)e->code : ERR_INTERNAL;
	} else {
		pthread_rwlock_wrlock(&idx->lock);
		if (found)
			rc = upsert_input(idx, side, &in, e);
		else
			mi_remove(idx, side, id);
		pthread_rwlock_unlock(&idx->lock);
	}
	free(b);
	return rc;
}

static int refresh_rec(struct match_index *idx, struct store *s, int side, int64_t id, struct err *e)
{
	char today[11];
	today_utc(today);
	pthread_mutex_lock(&idx->refresh);
	int rc = refresh_locked(idx, s, side, id, today, e);
	pthread_mutex_unlock(&idx->refresh);
	return rc;
}

/* Whether a client is due on day d (idx->recheck is never later than the earliest client's day). */
static bool recheck_due(struct match_index *idx, uint32_t d)
{
	pthread_rwlock_rdlock(&idx->lock);
	bool due = idx->recheck && idx->recheck <= d;
	pthread_rwlock_unlock(&idx->lock);
	return due;
}

int match_index_recheck(struct match_index *idx, struct store *s, const char *day, struct err *e)
{
	char today[11];
	if (!day)
		today_utc(today);
	const char *on = day ? day : today;
	const uint32_t d = mi_day(on);
	if (!recheck_due(idx, d))
		return 0;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = 0;
	pthread_mutex_lock(&idx->refresh); /* a second caller waits here, then finds nothing due */
	pthread_rwlock_wrlock(&idx->lock);
	if (idx->recheck && idx->recheck <= d && mi_due_clients(idx, d, &ids, &n))
		rc = err_oom(e);
	pthread_rwlock_unlock(&idx->lock);
	for (size_t i = 0; i < n; i++) {
		struct err e1 = {0};
		if (refresh_locked(idx, s, MI_CLIENTS, ids[i], on, &e1) && !rc) {
			rc = e1.code ? (int)e1.code : ERR_INTERNAL;
			if (e)
				*e = e1;
		}
	}
	if (rc) { /* the clients not read again keep their day: try again at the next call */
		pthread_rwlock_wrlock(&idx->lock);
		idx->recheck = d;
		pthread_rwlock_unlock(&idx->lock);
	}
	pthread_mutex_unlock(&idx->refresh);
	free(ids);
	return rc;
}

int match_index_refresh_client(struct match_index *idx, struct store *s, int64_t client_id, struct err *e)
{
	return refresh_rec(idx, s, MI_CLIENTS, client_id, e);
}

int match_index_refresh_vacancy(struct match_index *idx, struct store *s, int64_t vacancy_id, struct err *e)
{
	return refresh_rec(idx, s, MI_VACANCIES, vacancy_id, e);
}

int match_index_refresh_course(struct match_index *idx, struct store *s, int64_t course_id, struct err *e)
{
	char name[256];
	uint32_t *skills = malloc(MATCH_MAX_SKILLS * sizeof *skills);
	size_t n;
	if (!skills)
		return err_oom(e);
	pthread_mutex_lock(&idx->refresh);
	pthread_rwlock_rdlock(&idx->lock);
	int rc = read_course_rows(idx, s, course_id, name, skills, &n, e);
	pthread_rwlock_unlock(&idx->lock);
	if (rc == 0) {
		pthread_rwlock_wrlock(&idx->lock);
		if (mi_upsert_course(idx, course_id, name, skills, n))
			rc = err_set(e, ERR_UNAVAILABLE, "", "out of memory loading courses");
		pthread_rwlock_unlock(&idx->lock);
	} else if (rc == 1) {
		match_index_remove_course(idx, course_id); /* ERR_NOT_FOUND is fine: it was never indexed */
		rc = 0;
	} else {
		rc = e && e->code ? (int)e->code : ERR_INTERNAL;
	}
	pthread_mutex_unlock(&idx->refresh);
	free(skills);
	return rc;
}
