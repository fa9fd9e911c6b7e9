/* competence: reads an outcome's client profile and job from the store, applies the domain rule
 * (src/domain/outcome.c) and stores outcomes.matches_competence. Runs inside the caller's transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/entity.h"
#include "domain/outcome.h"
#include "report/internal.h"

enum { MAX_ROWS = 500 }; /* per profile part: a ceiling far above any real profile */

static const char SQL_OUTCOME[] = "SELECT client_id, type, isco_code, esco_occupation, override_matches, "
                                  "override_reason FROM outcomes WHERE id = ?1";
static const char SQL_EDU[] = "SELECT isced_level, isced_field FROM educations WHERE client_id = ?1 AND "
                              "archived_at IS NULL";
/* ISCO code of a work-history or target row: its own column, else the ESCO occupation's code in the taxonomy. */
static const char SQL_WORK[] = "SELECT w.isco_code, t.code FROM work_history w LEFT JOIN tax_concepts t ON t.uri = "
                               "w.esco_occupation WHERE w.client_id = ?1 AND w.archived_at IS NULL";
static const char SQL_TARGET[] = "SELECT w.isco_code, t.code FROM target_occupations w LEFT JOIN tax_concepts t ON "
                                 "t.uri = w.esco_occupation WHERE w.client_id = ?1 AND w.archived_at IS NULL";
static const char SQL_SKILLS[] = "SELECT esco_skill FROM client_skills WHERE client_id = ?1 AND archived_at IS NULL "
                                 "AND esco_skill IS NOT NULL UNION SELECT esco_skill FROM certificates WHERE "
                                 "client_id = ?1 AND archived_at IS NULL AND esco_skill IS NOT NULL";
static const char SQL_OCC_CODE[] = "SELECT code FROM tax_concepts WHERE uri = ?1";
static const char SQL_ESSENTIAL[] = "SELECT s.uri FROM tax_concepts o JOIN tax_relations r ON r.occupation_id = o.id "
                                    "JOIN tax_concepts s ON s.id = r.skill_id WHERE o.uri = ?1 AND "
                                    "r.relation = 'essential'";
static const char SQL_SET[] = "UPDATE outcomes SET matches_competence = ?1 WHERE id = ?2";
static const char SQL_OF_CLIENT[] = "SELECT id FROM outcomes WHERE client_id = ?1 AND type = 'employed' ORDER BY id";
static const char SQL_ALL[] = "SELECT id FROM outcomes WHERE (?1 = 0 OR organisation_id = ?1) ORDER BY id";

/* An ISCO code from a column or an ESCO code ("2512.4" -> "2512"); NULL when neither is 1-4 digits. */
static char *isco_of(struct arena *a, const char *col, const char *esco_code)
{
	const char *src = col && *col ? col : esco_code;
	if (!src)
		return NULL;
	size_t n = 0;
	while (n < 4 && src[n] >= '0' && src[n] <= '9')
		n++;
	if (n == 0 || (src[n] && src[n] != '.' && !(src[n] >= '0' && src[n] <= '9')))
		return NULL;
	return arena_strndup(a, src, n);
}

/* Collects column 0 (and 1 as a fallback ISCO) of every row into a string list from the arena. */
static int collect(struct store *s, const char *sql, int64_t client, bool isco, struct arena *a, const char ***out,
                   size_t *n, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql, &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, client);
	const char **v = arena_alloc(a, MAX_ROWS * sizeof *v);
	if (!v)
		return err_oom(e);
	*n = 0;
	while ((rc = store_step(st, e)) == STORE_ROW && *n < MAX_ROWS) {
		const char *x = isco ? isco_of(a, store_col_text(st, 0), store_col_text(st, 1))
		                     : arena_strdup(a, store_col_text(st, 0) ? store_col_text(st, 0) : "");
		if (x)
			v[(*n)++] = x;
	}
	store_reset(st);
	*out = v;
	return rc < 0 ? -rc : 0;
}

static int derive(struct store *s, struct arena *a, int64_t client, const char *type, const char *isco_col,
                  const char *esco_occ, int *derived, struct err *e)
{
	struct outcome_profile p = {0};
	struct outcome_job j = {type, NULL, NULL, 0};
	*derived = -1;
	if (!type || strcmp(type, "employed") != 0)
		return 0;
	struct store_stmt *st;
	int rc = store_prepare(s, SQL_EDU, &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, client);
	struct outcome_education *edu = arena_alloc(a, MAX_ROWS * sizeof *edu);
	if (!edu)
		return err_oom(e);
	while ((rc = store_step(st, e)) == STORE_ROW && p.nedu < MAX_ROWS) {
		edu[p.nedu].isced_level = (int)store_col_int(st, 0);
		const char *fl = store_col_text(st, 1);
		edu[p.nedu].field = fl ? arena_strdup(a, fl) : NULL;
		p.nedu++;
	}
	store_reset(st);
	if (rc < 0)
		return -rc;
	p.edu = edu;
	const char **prev, **targets, **skills, **ess = NULL;
	if ((rc = collect(s, SQL_WORK, client, true, a, &prev, &p.nprevious, e)) ||
	    (rc = collect(s, SQL_TARGET, client, true, a, &targets, &p.ntargets, e)) ||
	    (rc = collect(s, SQL_SKILLS, client, false, a, &skills, &p.nskills, e)))
		return rc;
	p.previous = prev;
	p.targets = targets;
	p.skills = skills;
	const char *occ_code = NULL;
	if (esco_occ && *esco_occ) {
		if ((rc = store_prepare(s, SQL_OCC_CODE, &st, e)))
			return rc;
		store_bind_text(st, 1, esco_occ, -1);
		if ((rc = store_step(st, e)) == STORE_ROW && store_col_text(st, 0))
			occ_code = arena_strdup(a, store_col_text(st, 0));
		store_reset(st);
		if (rc < 0)
			return -rc;
		/* essential skills of the ESCO occupation (none until the taxonomy is imported) */
		if ((rc = store_prepare(s, SQL_ESSENTIAL, &st, e)))
			return rc;
		store_bind_text(st, 1, esco_occ, -1);
		ess = arena_alloc(a, MAX_ROWS * sizeof *ess);
		if (!ess)
			return err_oom(e);
		while ((rc = store_step(st, e)) == STORE_ROW && j.nessential < MAX_ROWS)
			ess[j.nessential++] = arena_strdup(a, store_col_text(st, 0) ? store_col_text(st, 0) : "");
		store_reset(st);
		if (rc < 0)
			return -rc;
	}
	j.essential = ess;
	j.isco = isco_of(a, isco_col, occ_code);
	*derived = outcome_matches_competence(&p, &j).match;
	return 0;
}

static int written(struct store *s, struct arena *a, int64_t id, bool check_override, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, SQL_OUTCOME, &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, id);
	if ((rc = store_step(st, e)) != STORE_ROW) {
		store_reset(st);
		return rc < 0 ? -rc : err_set(e, ERR_NOT_FOUND, "", "no such outcome");
	}
	int64_t client = store_col_int(st, 0);
	const char *type = arena_strdup(a, store_col_text(st, 1) ? store_col_text(st, 1) : "");
	const char *isco = store_col_text(st, 2) ? arena_strdup(a, store_col_text(st, 2)) : NULL;
	const char *occ = store_col_text(st, 3) ? arena_strdup(a, store_col_text(st, 3)) : NULL;
	bool ov = store_col_type(st, 4) != STORE_NULL;
	const char *reason = store_col_text(st, 5) ? arena_strdup(a, store_col_text(st, 5)) : NULL;
	store_reset(st);
	if (check_override && outcome_check_override(ov, reason))
		return err_set(e, ERR_INVALID, "override_reason",
		               "a counsellor's override of \"matches competence\" needs a reason");
	int derived;
	if ((rc = derive(s, a, client, type, isco, occ, &derived, e)))
		return rc;
	if ((rc = store_prepare(s, SQL_SET, &st, e)))
		return rc;
	if (derived < 0)
		store_bind_null(st, 1);
	else
		store_bind_int(st, 1, derived);
	store_bind_int(st, 2, id);
	rc = store_step(st, e);
	store_reset(st);
	return rc < 0 ? -rc : 0;
}

int report_outcome_written(struct store *s, int64_t outcome_id, struct err *e)
{
	struct arena *a = arena_new(8 << 20);
	if (!a)
		return err_oom(e);
	int rc = written(s, a, outcome_id, true, e);
	arena_free(a);
	return rc;
}

int report_outcome_recompute_all(struct store *s, int64_t org_id, int64_t *n, struct err *e)
{
	*n = 0;
	struct store_stmt *st;
	int rc = store_prepare(s, SQL_ALL, &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, org_id);
	size_t cap = 0, k = 0;
	int64_t *ids = NULL;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		if (buf_grow_array(&ids, &cap, k + 1, sizeof *ids, 1024, 1u << 26)) {
			free(ids);
			store_reset(st);
			return err_oom(e);
		}
		ids[k++] = store_col_int(st, 0);
	}
	if (rc < 0) {
		free(ids);
		return -rc;
	}
	rc = 0;
	for (size_t i = 0; i < k && !rc; i++) {
		struct arena *a = arena_new(8 << 20);
		if (!a) {
			rc = err_oom(e);
			break;
		}
		rc = written(s, a, ids[i], false, e);
		arena_free(a);
		if (!rc)
			(*n)++;
	}
	free(ids);
	return rc;
}

int report_profile_written(struct store *s, const char *entity, int64_t client_id, struct err *e)
{
	/* the profile parts (the entity table says which) are what outcome_matches_competence() reads */
	const struct entity_def *d = entity ? entity_find(entity) : NULL;
	if (!d || !d->profile || client_id <= 0)
		return 0;
	enum { MAX_OUTCOMES = 1000 }; /* per client: far above any real caseload history */
	int64_t ids[MAX_OUTCOMES];
	size_t n = 0;
	struct store_stmt *st;
	int rc = store_prepare(s, SQL_OF_CLIENT, &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, client_id);
	while ((rc = store_step(st, e)) == STORE_ROW && n < MAX_OUTCOMES)
		ids[n++] = store_col_int(st, 0);
	store_reset(st);
	if (rc < 0)
		return -rc;
	rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		struct arena *a = arena_new(8 << 20);
		if (!a)
			return err_oom(e);
		rc = written(s, a, ids[i], false, e);
		arena_free(a);
	}
	return rc;
}
