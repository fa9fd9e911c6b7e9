/* privacy_store: export, erasure, withdrawal and retention statements (see privacy_store.h). */
#include "store/privacy_store.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "domain/privacy.h"
#include "store/entity_store.h"

/* Runs sql with ?1 = id (and ?2 = text2, ?3 = text3 when given); adds the changed rows to *changed. */
static int exec_id(struct store *s, const char *sql, int64_t id, const char *text2, const char *text3,
                   int64_t *changed, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(id), STORE_P_TEXT(text2), STORE_P_TEXT(text3)};
	return store_run(s, sql, p, text3 ? 3 : text2 ? 2 : 1, changed, e);
}

static int client_in_org(struct store *s, int64_t org_id, int64_t client_id, int64_t *family_id, bool lock,
                         struct err *e)
{
	/* lock: erasure holds the client row until it commits, so that writes of the client's rows (which share-lock
	 * it, store_entity_org) and a second erasure wait and then see the tombstone. */
	const struct store_param p[] = {STORE_P_INT(client_id), STORE_P_INT(org_id)};
	int64_t fam;
	bool found;
	int rc = store_count(s,
	                     lock ? "SELECT family_id FROM clients WHERE id = ?1 AND organisation_id = ?2{{FOR_UPDATE}}"
	                          : "SELECT family_id FROM clients WHERE id = ?1 AND organisation_id = ?2",
	                     p, 2, &fam, &found, e);
	if (rc)
		return rc;
	if (!found)
		return err_set(e, ERR_NOT_FOUND, "id", "no client with id %lld", (long long)client_id);
	if (family_id)
		*family_id = fam;
	return 0;
}

/* Walks the privacy rules whose entity this build has: from *i on, the next such rule in *rl with its entity
 * definition, advancing *i past it; NULL after the last. */
static const struct entity_def *next_rule(size_t *i, const struct privacy_rule **rl)
{
	while (*i < privacy_rule_count) {
		*rl = &privacy_rules[(*i)++];
		const struct entity_def *d = entity_find((*rl)->entity);
		if (d)
			return d;
	}
	return NULL;
}

/* "SELECT * FROM table WHERE link = ?1" or, for outcome children, through the client's outcomes. */
static void rule_where(struct buf *b, const struct privacy_rule *rl)
{
	if (strcmp(rl->link, "outcome_id") == 0)
		buf_puts(b, " WHERE outcome_id IN (SELECT id FROM outcomes WHERE client_id = ?1)");
	else if (strcmp(rl->link, "family_id") == 0)
		buf_puts(b, " WHERE family_id IN (SELECT family_id FROM clients WHERE id = ?1)");
	else
		buf_printf(b, " WHERE %s = ?1", rl->link);
}

static json_t *entity_row(struct store_stmt *st, const void *d)
{
	return store_row_json(st, d);
}

static int rows_json(struct store *s, const char *sql, int64_t id, const struct entity_def *d, json_t *arr,
                     bool *truncated, struct err *e)
{
	struct store_stmt *st;
	const struct store_param p[] = {STORE_P_INT(id)};
	int rc = store_prepare_bound(s, sql, p, 1, &st, e);
	if (rc)
		return rc;
	return store_rows_append(st, PRIVACY_SECTION_MAX, entity_row, d, arr, truncated, e);
}

/* A section of the export: the rows of sql (?1 = id) as the array o[name]; *arr (may be NULL) is that array. */
static int section(struct store *s, json_t *o, const char *name, const char *sql, int64_t id,
                   const struct entity_def *d, bool *truncated, json_t **arr, struct err *e)
{
	json_t *a = json_array();
	if (!a || json_object_set_new(o, name, a))
		return err_oom(e);
	if (arr)
		*arr = a;
	return rows_json(s, sql, id, d, a, truncated, e);
}

/* Replaces each row's column that holds JSON text by the JSON it holds (a row whose text does not parse keeps it). */
static void parse_json_column(json_t *rows, const char *column)
{
	size_t k;
	json_t *row;
	json_array_foreach(rows, k, row) {
		json_t *a = json_object_get(row, column);
		if (json_is_string(a)) {
			json_t *parsed = json_loads(json_string_value(a), 0, NULL);
			if (parsed)
				json_object_set_new(row, column, parsed);
		}
	}
}

/* The export's sections read by a fixed statement (?1 the client), after those of the privacy rules and in this
 * order; json_column: a column stored as JSON text, handed out as JSON. */
struct fixed_section {
	const char *name, *sql, *json_column;
};
static const struct fixed_section fixed_sections[] = {
    {"survey-responses",
     "SELECT id, invitation_id, survey_id, lang, answers, status, submitted_at, reviewed_at, created_at FROM "
     "survey_responses WHERE client_id = ?1 ORDER BY id",
     "answers"},
    /* what was sent to employers about the client: the shortlist snapshots, with the shortlist and its employer */
    {"shortlist-snapshots",
     "SELECT i.id, i.shortlist_id, i.proposal_id, i.position, i.profile, i.created_at, sl.employer_id, sl.vacancy_id, "
     "sl.sent_at FROM shortlist_items i JOIN shortlists sl ON sl.id = i.shortlist_id JOIN proposals p ON "
     "p.id = i.proposal_id WHERE p.client_id = ?1 ORDER BY i.id",
     "profile"},
    /* referrals to partner organisations: to whom, for what, what was shared, how it went */
    {"partner-referrals",
     "SELECT r.id, r.partner_organisation_id, po.name AS partner_name, r.purpose, r.shared, r.reason, r.state, "
     "r.outcome, r.outcome_note, r.sent_on, r.closed_on FROM partner_referrals r JOIN organisations po ON "
     "po.id = r.partner_organisation_id WHERE r.client_id = ?1 ORDER BY r.id",
     NULL},
    /* links to the same person's record in another organisation (issue 15 item 5): that organisation and when,
     * nothing of its record */
    {"client-links",
     "SELECT l.id, o.name AS organisation, l.linked_at FROM client_links l JOIN organisations o ON o.id = CASE WHEN "
     "l.client_a = ?1 THEN l.organisation_b ELSE l.organisation_a END WHERE l.client_a = ?1 OR l.client_b = ?1 "
     "ORDER BY l.id",
     NULL},
    {"audit",
     "SELECT a.id, a.at, a.user_id, a.role, a.action, a.entity, a.entity_id, " PRIVACY_AUDIT_DETAIL
     " FROM audit_log a WHERE a.id IN " PRIVACY_AUDIT_IDS_OF_CLIENT " ORDER BY a.id",
     NULL},
};

int privacy_store_export(struct store *s, int64_t org_id, int64_t client_id, json_t **out, struct err *e)
{
	*out = NULL;
	int64_t family_id = 0;
	int rc = client_in_org(s, org_id, client_id, &family_id, false, e);
	if (rc)
		return rc;
	json_t *o = json_object();
	if (!o)
		return err_oom(e);
	bool truncated = false;
	json_t *tmp = json_array();
	if ((rc = rows_json(s, "SELECT * FROM clients WHERE id = ?1", client_id, entity_get(ENT_CLIENTS), tmp, &truncated,
	                    e)))
		goto fail;
	json_object_set(o, "client", json_array_get(tmp, 0));
	json_array_clear(tmp);
	if (family_id &&
	    (rc = rows_json(s, "SELECT * FROM families WHERE id = ?1", family_id, entity_get(ENT_FAMILIES), tmp, &truncated, e)))
		goto fail;
	json_object_set(o, "family", json_array_size(tmp) ? json_array_get(tmp, 0) : json_null());
	json_decref(tmp);
	tmp = NULL;
	struct buf sql = {0};
	size_t ri = 0;
	const struct privacy_rule *rl;
	for (const struct entity_def *d; (d = next_rule(&ri, &rl));) {
		buf_init(&sql, 4096);
		buf_printf(&sql, "SELECT * FROM %s", d->table);
		rule_where(&sql, rl);
		buf_puts(&sql, " ORDER BY id");
		rc = sql.failed ? err_set(e, ERR_INTERNAL, "", "statement too long")
		                : section(s, o, d->name, sql.data, client_id, d, &truncated, NULL, e);
		buf_free(&sql);
		if (rc)
			goto fail;
	}
	for (size_t i = 0; i < sizeof fixed_sections / sizeof *fixed_sections; i++) {
		const struct fixed_section *fs = &fixed_sections[i];
		json_t *rows;
		if ((rc = section(s, o, fs->name, fs->sql, client_id, NULL, &truncated, &rows, e)))
			goto fail;
		if (fs->json_column)
			parse_json_column(rows, fs->json_column);
	}
	json_object_set_new(o, "truncated", json_boolean(truncated));
	*out = o;
	return 0;
fail:
	json_decref(tmp);
	json_decref(o);
	return rc;
}

/* Keeps the earlier of c->next_on and on. */
static void consent_next(struct privacy_consent_day *c, const char *on)
{
	if (!c->next_on[0] || strcmp(on, c->next_on) < 0)
		snprintf(c->next_on, sizeof c->next_on, "%s", on);
}

void privacy_consent_row(struct privacy_consent_day *c, const char *day, bool given, const char *given_on,
                         const char *withdrawn_on)
{
	if (c->decided || !given_on || !*given_on)
		return;
	if (strcmp(given_on, day) > 0) { /* dated in the future: it does not speak yet, but will from given_on */
		consent_next(c, given_on);
		return;
	}
	c->decided = true; /* the newest row that speaks on the day */
	bool withdrawn = withdrawn_on && *withdrawn_on && strcmp(withdrawn_on, day) <= 0;
	c->now = given && !withdrawn ? PRIVACY_CONSENT_GIVEN : PRIVACY_CONSENT_REFUSED;
	if (c->now == PRIVACY_CONSENT_GIVEN && withdrawn_on && *withdrawn_on)
		consent_next(c, withdrawn_on); /* a withdrawal dated in the future takes effect then */
}

int privacy_store_consent_now(struct store *s, int64_t client_id, const char *purpose, const char *today,
                              enum privacy_consent *out, struct err *e)
{
	*out = PRIVACY_CONSENT_NONE;
	struct store_stmt *st;
	const struct store_param p[] = {STORE_P_INT(client_id), STORE_P_TEXT(purpose)};
	int rc = store_prepare_bound(s,
	                             "SELECT " PRIVACY_CONSENT_COLS " FROM consents WHERE client_id = ?1 AND purpose = ?2 "
	                             "AND " PRIVACY_CONSENT_WHERE " ORDER BY " PRIVACY_CONSENT_ORDER,
	                             p, 2, &st, e);
	if (rc)
		return rc;
	struct privacy_consent_day c = {0};
	while (!c.decided && (rc = store_step(st, e)) == STORE_ROW)
		privacy_consent_row(&c, today, store_col_int(st, 0) == 1, store_col_text(st, 1), store_col_text(st, 2));
	store_reset(st);
	if (rc < 0)
		return -rc;
	*out = c.now;
	return 0;
}

int privacy_store_is_erased(struct store *s, int64_t client_id, bool *erased, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(client_id)};
	return store_exists(s, "SELECT COUNT(*) FROM audit_log WHERE client_id = ?1 AND action = 'erase'", p, 1, erased,
	                    e);
}

/* The erasure's statements after the privacy rules', in this order: ?1 the client, ?2 now (with now or today), ?3
 * today (with today); what they change counts as deleted (deletes) or scrubbed. */
struct fixed_erasure {
	const char *sql;
	bool now, today, deletes;
};
static const struct fixed_erasure fixed_erasures[] = {
    /* survey answers: of the client's responses and of any response that came through one of the client's links */
    {"UPDATE survey_responses SET answers = '{}', decisions = NULL, updated_at = ?2 WHERE client_id = ?1 OR "
     "invitation_id IN (SELECT id FROM survey_invitations WHERE client_id = ?1)",
     true, false, false},
    /* a link to the same person's record in another organisation (client_links, migration 0020) goes */
    {"DELETE FROM client_links WHERE client_a = ?1 OR client_b = ?1", false, false, true},
    /* drafts of the client's links go (half-filled answers), the links lose their label (it usually names the
     * person) and close: archived, and expired now if they were still open, so nothing more can come through them */
    {"DELETE FROM survey_drafts WHERE invitation_id IN (SELECT id FROM survey_invitations WHERE client_id = ?1)", false,
     false, true},
    {"UPDATE survey_invitations SET label = NULL, archived_at = COALESCE(archived_at, ?2), expires_at = CASE WHEN "
     "expires_at > ?2 THEN ?2 ELSE expires_at END, updated_at = ?2 WHERE client_id = ?1",
     true, false, false},
    /* shortlists sent to employers keep their rows (what was sent, and when, counts in figures); the snapshot of the
     * profile becomes the erased marker, which the shortlist view shows as a withdrawn candidate */
    {"UPDATE shortlist_items SET profile = '" PRIVACY_SNAPSHOT_ERASED "' WHERE proposal_id IN (SELECT id FROM "
     "proposals WHERE client_id = ?1)",
     false, false, false},
    /* the timeline of the client's settling-in steps repeats their titles (the steps: privacy_rules) */
    {"UPDATE settling_step_changes SET title = NULL, updated_at = ?2 WHERE step_id IN (SELECT id FROM settling_steps "
     "WHERE client_id = ?1)",
     true, false, false},
    /* referrals to partners keep their rows for figures; the words about the person go, and an open one closes as
     * cancelled, so the partner reads nothing more (src/app/partner_referral.c shows a closed referral without the
     * client) */
    {"UPDATE partner_referrals SET reason = NULL, outcome_note = NULL, state = CASE WHEN state IN ('sent', "
     "'accepted', 'started') THEN 'cancelled' ELSE state END, closed_on = COALESCE(closed_on, ?3), updated_at = ?2, "
     "version = version + 1 WHERE client_id = ?1",
     true, true, false},
};

int privacy_store_erase(struct store *s, int64_t org_id, int64_t client_id, const char *now,
                        struct privacy_counts *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int64_t family_id = 0;
	int rc = client_in_org(s, org_id, client_id, &family_id, true, e);
	if (rc)
		return rc;
	bool erased;
	if ((rc = privacy_store_is_erased(s, client_id, &erased, e)))
		return rc;
	if (erased)
		return err_set(e, ERR_CONFLICT, "id", "this client's data has already been erased");
	char today[11];
	snprintf(today, sizeof today, "%.10s", now);
	struct buf sql = {0};
	size_t ri = 0;
	const struct privacy_rule *rl;
	for (const struct entity_def *d; (d = next_rule(&ri, &rl));) {
		buf_init(&sql, 4096);
		int64_t *count = &out->scrubbed;
		const char *third = NULL;
		switch (rl->action) {
		case PRIVACY_DELETE:
			buf_printf(&sql, "DELETE FROM %s", d->table);
			count = &out->deleted;
			break;
		case PRIVACY_WITHDRAW:
			buf_printf(&sql, "UPDATE %s SET withdrawn_on = ?3, updated_at = ?2, version = version + 1",
			           d->table);
			count = &out->withdrawn;
			third = today;
			break;
		case PRIVACY_SCRUB:
			if (!rl->scrub && !rl->reset_identity) {
				buf_free(&sql);
				continue;
			}
			buf_printf(&sql, "UPDATE %s SET updated_at = ?2, version = version + 1", d->table);
			for (size_t f = 0; rl->scrub && rl->scrub[f]; f++)
				buf_printf(&sql, ", %s = NULL", rl->scrub[f]);
			if (rl->reset_identity)
				buf_puts(&sql, ", identity_revealed = 0");
			break;
		}
		rule_where(&sql, rl);
		if (rl->action == PRIVACY_WITHDRAW)
			buf_puts(&sql, " AND withdrawn_on IS NULL");
		rc = sql.failed ? err_set(e, ERR_INTERNAL, "", "statement too long")
		                : exec_id(s, sql.data, client_id, rl->action == PRIVACY_DELETE ? NULL : now, third, count, e);
		buf_free(&sql);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < sizeof fixed_erasures / sizeof *fixed_erasures; i++) {
		const struct fixed_erasure *fe = &fixed_erasures[i];
		if ((rc = exec_id(s, fe->sql, client_id, fe->now || fe->today ? now : NULL, fe->today ? today : NULL,
		                  fe->deletes ? &out->deleted : &out->scrubbed, e)))
			return rc;
	}
	/* The tombstone: every client field not kept for figures cleared, names replaced, closed and archived, the days of
	 * its first and last service event too (derived, migration 0026: the figures probe the events instead); the search
	 * index keeps no word of the name or the e-mail. */
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	if ((rc = store_search_forget(s, cd, client_id, e)))
		return rc;
	buf_init(&sql, 8192);
	buf_puts(&sql, "UPDATE clients SET first_name = '" PRIVACY_TOMBSTONE_NAME "', last_name = '" PRIVACY_TOMBSTONE_NAME
	               "', status = 'closed', cv_ready = 0, updated_at = ?2, archived_at = COALESCE(archived_at, ?2), "
	               "service_first_on = NULL, service_last_on = NULL, "
	               "version = version + 1");
	for (size_t i = 0; i < cd->nfields; i++) {
		const char *f = cd->fields[i].name;
		if (privacy_tombstone_keeps(f) || strcmp(f, "first_name") == 0 || strcmp(f, "last_name") == 0 ||
		    strcmp(f, "status") == 0 || strcmp(f, "cv_ready") == 0)
			continue;
		buf_printf(&sql, ", %s = NULL", f);
	}
	buf_puts(&sql, " WHERE id = ?1");
	rc = sql.failed ? err_set(e, ERR_INTERNAL, "", "statement too long")
	                : exec_id(s, sql.data, client_id, now, NULL, &out->scrubbed, e);
	buf_free(&sql);
	if (rc)
		return rc;
	/* SQLite: checkpoint and truncate the WAL once this transaction commits (see sqlite.c), so no old copy of an
	 * erased page stays in the -wal file. PostgreSQL keeps old row versions until VACUUM and in its WAL for as long
	 * as its archiving keeps it (docs/privacy.md). */
	int64_t asked;
	if (store_kind(s) == STORE_SQLITE &&
	    (rc = store_count(s, "SELECT osaaja_checkpoint_after_commit()", NULL, 0, &asked, NULL, e)))
		return rc;
	/* The family goes too when no other client is left in it (its name is usually the family name). */
	if (family_id &&
	    (rc = exec_id(s,
	                  "UPDATE families SET name = '" PRIVACY_TOMBSTONE_NAME "', municipality = NULL, notes = NULL, "
	                  "updated_at = ?2, archived_at = COALESCE(archived_at, ?2), version = version + 1 "
	                  "WHERE id = ?1 AND NOT EXISTS "
	                  "(SELECT 1 FROM clients c WHERE c.family_id = ?1)",
	                  family_id, now, NULL, &out->scrubbed, e)))
		return rc;
	/* With it its children and other members (their names) and its settling-in plan, timeline first. */
	static const char *const family_rows[] = {
		"DELETE FROM settling_step_changes WHERE family_id = ?1 AND NOT EXISTS "
		"(SELECT 1 FROM clients c WHERE c.family_id = ?1)",
		"DELETE FROM settling_steps WHERE family_id = ?1 AND NOT EXISTS (SELECT 1 FROM clients c WHERE c.family_id = ?1)",
		"DELETE FROM family_members WHERE family_id = ?1 AND NOT EXISTS (SELECT 1 FROM clients c WHERE c.family_id = ?1)",
	};
	for (size_t i = 0; family_id && i < sizeof family_rows / sizeof *family_rows; i++)
		if ((rc = exec_id(s, family_rows[i], family_id, NULL, NULL, &out->deleted, e)))
			return rc;
	return 0;
}

int privacy_store_withdraw(struct store *s, int64_t org_id, int64_t client_id, const char *purpose,
                           const char *today, const char *now, int64_t *ids, size_t max, size_t *n, struct err *e)
{
	*n = 0;
	int rc = client_in_org(s, org_id, client_id, NULL, true, e);
	if (rc)
		return rc;
	struct store_stmt *st;
	const struct store_param p[] = {STORE_P_INT(client_id), STORE_P_TEXT(purpose), STORE_P_TEXT(today),
	                                STORE_P_TEXT(now)};
	if ((rc = store_prepare_bound(s,
	                              "UPDATE consents SET withdrawn_on = ?3, updated_at = ?4, version = version + 1 WHERE "
	                              "client_id = ?1 AND purpose = ?2 AND withdrawn_on IS NULL AND archived_at IS NULL "
	                              "RETURNING id",
	                              p, 4, &st, e)))
		return rc;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		if (*n < max)
			ids[*n] = store_col_int(st, 0);
		(*n)++;
	}
	store_reset(st);
	if (rc < 0)
		return -rc;
	if (strcmp(purpose, "share_employer") == 0 &&
	    (rc = exec_id(s, "UPDATE proposals SET identity_revealed = 0, updated_at = ?2, version = version + 1 WHERE "
	                     "client_id = ?1",
	                  client_id, now, NULL, NULL, e)))
		return rc;
	return 0;
}

int privacy_store_inactive(struct store *s, int64_t org_id, const char *cutoff, long limit, json_t **items,
                           struct err *e)
{
	*items = NULL;
	struct store_stmt *st;
	const struct store_param p[] = {STORE_P_INT(org_id), STORE_P_TEXT(cutoff), STORE_P_INT(limit)};
	int rc = store_prepare_bound(s,
	                       "SELECT * FROM (SELECT c.id, c.first_name, c.last_name, c.status, c.archived_at, "
	                       "c.updated_at, c.last_contact_on, (SELECT MAX(ev.happened_on) FROM service_events ev WHERE "
	                       "ev.client_id = c.id) AS last_event FROM clients c WHERE c.organisation_id = ?1 AND "
	                       "c.updated_at < ?2 AND (c.last_contact_on IS NULL OR c.last_contact_on < ?2) AND NOT EXISTS "
	                       "(SELECT 1 FROM service_events ev WHERE ev.client_id = c.id AND (ev.happened_on >= ?2 OR "
	                       "ev.updated_at >= ?2)) AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.client_id = c.id "
	                       "AND a.action = 'erase')) x ORDER BY updated_at, id LIMIT ?3",
	                       p, 3, &st, e);
	if (rc)
		return rc;
	json_t *arr = json_array();
	while ((rc = store_step(st, e)) == STORE_ROW) {
		/* last activity: the latest of the row's change, the last contact and the last service event */
		char last[11] = "";
		for (int c = 5; c <= 7; c++) {
			const char *t = store_col_text(st, c);
			if (t && strncmp(t, last, 10) > 0)
				snprintf(last, sizeof last, "%.10s", t);
		}
		json_t *row = json_pack("{s:I,s:s?,s:s?,s:s?,s:b,s:s}", "id", (json_int_t)store_col_int(st, 0), "first_name",
		                        store_col_text(st, 1), "last_name", store_col_text(st, 2), "status",
		                        store_col_text(st, 3), "archived", store_col_type(st, 4) != STORE_NULL,
		                        "last_activity", last);
		if (!row || json_array_append_new(arr, row)) {
			store_reset(st);
			json_decref(arr);
			return err_oom(e);
		}
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(arr);
		return -rc;
	}
	*items = arr;
	return 0;
}

int privacy_store_client_inactive(struct store *s, int64_t org_id, int64_t client_id, const char *cutoff,
                                  bool *inactive, struct err *e)
{
	*inactive = false;
	int rc = client_in_org(s, org_id, client_id, NULL, false, e);
	if (rc)
		return rc;
	const struct store_param p[] = {STORE_P_INT(org_id), STORE_P_TEXT(cutoff), STORE_P_INT(client_id)};
	return store_exists(s, "SELECT COUNT(*) FROM (SELECT c.id FROM clients c WHERE c.id = ?3 AND "
	                       "c.organisation_id = ?1 AND c.updated_at < ?2 AND (c.last_contact_on IS NULL OR "
	                       "c.last_contact_on < ?2) AND NOT EXISTS (SELECT 1 FROM service_events ev WHERE "
	                       "ev.client_id = c.id AND (ev.happened_on >= ?2 OR ev.updated_at >= ?2))) x",
	                    p, 3, inactive, e);
}
