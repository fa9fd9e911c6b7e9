/* shortlist verbs: send, list, reveal, and the employer's view and answers (see shortlist.h). */
#include "app/shortlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/matches.h"
#include "app/policy.h"
#include "auth/audit.h"
#include "auth/auth.h"
#include "core/arena.h"
#include "core/jget.h"
#include "report/report.h"
#include "store/entity_store.h"
#include "store/privacy_store.h"

struct shortlist {
	json_t *row;                /* shortlist_store_get's row (arena) */
	const struct principal *by; /* who opened it (the opener's principal) */
	bool as_link;               /* opened by link with nobody logged in: act as link_a */
	struct principal link_p;    /* the employer of this shortlist, for this shortlist only */
	struct actor link_a;        /* link_p on the opener's store, arena and change notes */
};

static void today_of(char out[11])
{
	char now[21];
	store_now(now);
	memcpy(out, now, 10);
	out[10] = 0;
}

/* --- consent: the newest row decides (privacy_store_consent_now) --- */

/* Whether an employer may still see (and answer) this client's candidacy today: the newest 'matching' row gives
 * consent and the newest 'share_employer' row, if any, has not refused it. A withdrawal ends both at once. */
static int candidacy_allowed(const struct actor *a, int64_t client_id, bool *ok, struct err *e)
{
	char today[11];
	today_of(today);
	enum privacy_consent m = PRIVACY_CONSENT_NONE, sh = PRIVACY_CONSENT_NONE;
	int rc = privacy_store_consent_now(a->store, client_id, "matching", today, &m, e);
	if (!rc)
		rc = privacy_store_consent_now(a->store, client_id, "share_employer", today, &sh, e);
	*ok = !rc && m == PRIVACY_CONSENT_GIVEN && sh != PRIVACY_CONSENT_REFUSED;
	return rc;
}

/* Whether the client's name and contact may reach an employer today: the newest 'share_employer' row gives it. */
static int identity_allowed(const struct actor *a, int64_t client_id, bool *ok, struct err *e)
{
	char today[11];
	today_of(today);
	enum privacy_consent c = PRIVACY_CONSENT_NONE;
	int rc = privacy_store_consent_now(a->store, client_id, "share_employer", today, &c, e);
	*ok = !rc && c == PRIVACY_CONSENT_GIVEN;
	return rc;
}

/* --- the one write of a proposal these verbs make --- */

/* Changes the proposal's fields (stage, reason, identity_revealed; validated by the entity table) in org, audits
 * it as action with detail and notes the change for the subscribers. */
static int set_proposal(const struct actor *a, int64_t org, int64_t id, int64_t client_id, json_t *fields,
                        const char *action, const char *detail, struct err *e)
{
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	struct entity_input in = {0};
	if (!arena_json(a->arena, fields))
		return err_oom(e);
	int rc = entity_validate(pd, fields, false, a->arena, &in, e);
	if (!rc)
		rc = store_entity_update(a->store, pd, org, id, &in, e);
	if (!rc) /* the same derivation as the entity pipeline's (hooks in app/entity.c): the day of the new stage */
		rc = report_proposal_written(a->store, id, e);
	if (!rc)
		rc = audit_principal(a->store, a->p, action, "proposals", id, client_id, detail, e);
	if (!rc)
		app_note_change(a, pd, id);
	return rc;
}

/* --- the anonymised snapshot --- */

/* Copies the whitelisted keys of each row of items into a new array. */
static json_t *pick(json_t *items, const char *const *keys)
{
	json_t *out = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) {
		json_t *o = json_object();
		for (size_t k = 0; keys[k]; k++) {
			json_t *v = json_object_get(row, keys[k]);
			if (v && !json_is_null(v))
				json_object_set(o, keys[k], v);
		}
		json_array_append_new(out, o);
	}
	return out;
}

/* The rows of d that hang on client_id, in the actor's scope (arena). */
static int children(const struct actor *a, const struct entity_def *d, int64_t client_id, json_t **items,
                    struct err *e)
{
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)client_id);
	struct store_filter f = {entity_field(d, d->parent_field), idtxt};
	struct store_list_query lq = {.filters = &f, .nfilters = 1, .limit = 200};
	int64_t total;
	int rc = store_entity_list(a->store, d, policy_scope(a, d), &lq, items, &total, e);
	if (!rc)
		if (!(*items = arena_json(a->arena, *items))) /* released: out of memory */
			return err_oom(e);
	return rc;
}

/* The match as the employer reads it: the score and the matched skills; the job-relevant gaps (missing essential
 * skills, language levels, licences) only where the counsellor chose to share them; never work capacity,
 * availability or residence permit (match_item_redact with the employer as viewer). */
static json_t *explanation(const struct match_item *staff_view, bool share_gaps)
{
	struct match_item copy = *staff_view, *it = &copy;
	match_item_redact(it, PRIVACY_VIEWER_EMPLOYER);
	if (!share_gaps) {
		it->nmissing = it->nlang_gaps = it->nmissing_licences = 0;
		it->hard_failed = 0;
	}
	json_t *x = json_object();
	json_object_set_new(x, "score", json_real((double)(long long)(it->score * 10 + 0.5) / 10));
	/* "matched": the labels (English, as the index loads them); "matched_skills": the same with each concept's uri,
	 * so that a page names it in its reader's language */
	json_t *m = json_array(), *ms = json_array();
	for (size_t i = 0; i < it->nmatched; i++)
		if (it->matched[i].label) {
			json_array_append_new(m, json_string(it->matched[i].label));
			json_array_append_new(ms, json_pack("{s:s?,s:s}", "uri", it->matched[i].uri, "label",
			                                    it->matched[i].label));
		}
	json_object_set_new(x, "matched", m);
	json_object_set_new(x, "matched_skills", ms);
	json_t *miss = json_array();
	for (size_t i = 0; i < it->nmissing; i++) {
		if (!it->missing[i].label)
			continue;
		json_t *c = json_array();
		for (size_t k = 0; k < it->missing[i].ncourses; k++)
			json_array_append_new(c, json_string(it->missing[i].courses[k].name));
		json_array_append_new(miss, json_pack("{s:s,s:s?,s:o}", "label", it->missing[i].label, "uri",
		                                      it->missing[i].uri, "courses", c));
	}
	json_object_set_new(x, "missing", miss);
	json_t *lg = json_array();
	for (size_t i = 0; i < it->nlang_gaps; i++)
		json_array_append_new(lg, json_pack("{s:s,s:s,s:s,s:b}", "language", it->lang_gaps[i].language, "required_level",
		                                    match_cefr_name(it->lang_gaps[i].required_level), "client_level",
		                                    match_cefr_name(it->lang_gaps[i].client_level), "required",
		                                    it->lang_gaps[i].required));
	json_object_set_new(x, "language_gaps", lg);
	json_t *hf = json_array();
	for (unsigned b = 1; b <= MATCH_HARD_LAST; b <<= 1)
		if ((it->hard_failed & b) && match_hard_visible(match_hard_name(b), PRIVACY_VIEWER_EMPLOYER))
			json_array_append_new(hf, json_string(match_hard_name(b)));
	json_object_set_new(x, "hard_failed", hf);
	return x;
}

/* The match of client_id with vacancy_id explained for the employer, or JSON null when there is none. */
static json_t *explained_match(const struct actor *a, int64_t client_id, int64_t vacancy_id, bool share_gaps)
{
	struct match_result *res = NULL;
	struct err e = {0};
	if (app_matches(a, MATCH_FOR_CLIENT, client_id, MATCH_MAX_LIMIT, 0, NULL, &res, &e) || !res)
		return json_null(); /* no consent to matching, or no shared skill: the snapshot goes without one */
	for (size_t i = 0; i < res->nitems; i++)
		if (res->items[i].id == vacancy_id)
			return explanation(&res->items[i], share_gaps);
	return json_null();
}

/* The snapshot of one proposal's client for vacancy_id, as JSON text (arena). */
static int snapshot(const struct actor *a, int64_t client_id, int64_t vacancy_id, bool share_gaps,
                    const char **out, struct err *e)
{
	static const struct {
		enum entity_id entity;
		const char *key;
		const char *const keys[5];
	} parts[] = {
		{ENT_CLIENT_SKILLS, "skills", {"label", "esco_skill", "level", "evidence", NULL}},
		{ENT_CLIENT_LANGUAGES, "languages", {"language", "level", NULL}},
		{ENT_EDUCATIONS, "education", {"isced_level", "isced_field", "recognition", NULL}},
		{ENT_WORK_HISTORY, "experience", {"title", "esco_occupation", "isco_code", "years", NULL}},
		{ENT_TARGET_OCCUPATIONS, "targets", {"title", "esco_occupation", "isco_code", NULL}},
		{ENT_CERTIFICATES, "certificates", {"kind", "name", "expires_on", NULL}},
	};
	json_t *snap = arena_json(a->arena, json_object());
	if (!snap)
		return err_oom(e);
	for (size_t p = 0; p < sizeof parts / sizeof *parts; p++) {
		json_t *items = NULL;
		int rc = children(a, entity_get(parts[p].entity), client_id, &items, e);
		if (rc)
			return rc;
		json_object_set_new(snap, parts[p].key, pick(items, parts[p].keys));
	}
	int rc = audit_principal(a->store, a->p, "read", "clients", client_id, client_id, "shortlist snapshot", e);
	if (rc)
		return rc;
	json_object_set_new(snap, "match", explained_match(a, client_id, vacancy_id, share_gaps));
	char *txt = json_dumps(snap, JSON_COMPACT);
	if (!txt)
		return err_oom(e);
	*out = arena_strdup(a->arena, txt);
	free(txt);
	return *out ? 0 : err_oom(e);
}

/* --- sending --- */

/* The proposal ids to send, each once; ERR_INVALID (field proposal_ids) for none, too many or one not positive. */
static int check_ids(const int64_t *in, size_t nin, int64_t ids[SHORTLIST_MAX_ITEMS], size_t *n, struct err *e)
{
	*n = 0;
	if (!in || !nin)
		return err_key(e, ERR_INVALID, "proposal_ids", "required",
		               "proposal_ids must be a list of one or more proposal ids");
	if (nin > SHORTLIST_MAX_ITEMS)
		return err_set(e, ERR_INVALID, "proposal_ids", "a shortlist holds at most %d candidates",
		               SHORTLIST_MAX_ITEMS);
	for (size_t i = 0; i < nin; i++) {
		if (in[i] <= 0)
			return err_set(e, ERR_INVALID, "proposal_ids", "proposal_ids must be positive whole numbers");
		bool dup = false;
		for (size_t k = 0; k < *n; k++)
			dup |= ids[k] == in[i];
		if (!dup)
			ids[(*n)++] = in[i];
	}
	return 0;
}

bool shortlist_stage_sendable(const char *stage)
{
	return stage && (!strcmp(stage, "suggested") || !strcmp(stage, "discussed") || !strcmp(stage, "sent"));
}

/* Proposal id of vacancy vid, locked, checked for sending: still at a sending stage, its client there and
 * consenting. *prop is arena-owned. */
static int lock_sendable(const struct actor *a, int64_t vid, int64_t id, json_t **prop, struct err *e)
{
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	/* Locked: an answer or a stage change on another server waits, so the stage read here still holds. */
	int rc = store_entity_get_for_update(a->store, pd, policy_scope(a, pd), id, prop, e);
	if (!rc)
		if (!(*prop = arena_json(a->arena, *prop))) /* released: out of memory */
			return err_oom(e);
	if (rc == ERR_NOT_FOUND || (!rc && jget_int(*prop, "vacancy_id") != vid))
		return err_key(e, ERR_INVALID, "proposal_ids", "ref", "proposal %lld is not a proposal to this vacancy",
		               (long long)id);
	if (rc)
		return rc;
	/* The client row share-locked: a withdrawal or an erasure in flight finishes first, then decides. */
	int64_t cid = jget_int(*prop, "client_id"), corg = 0;
	bool allowed = false;
	rc = store_entity_org(a->store, entity_get(ENT_CLIENTS), cid, &corg, e);
	if (rc == ERR_NOT_FOUND)
		return err_key(e, ERR_CONFLICT, "proposal_ids", "erased", "proposal %lld: the client's data has been erased",
		               (long long)id);
	if (rc || (rc = candidacy_allowed(a, cid, &allowed, e)))
		return rc;
	if (!allowed)
		return err_key(e, ERR_CONFLICT, "consent", "consent",
		               "proposal %lld: the client has not consented (or has withdrawn consent) to matching or to "
		               "sharing with employers; record a new consent before sending",
		               (long long)id);
	const char *st = jget_text(*prop, "stage");
	if (!shortlist_stage_sendable(st))
		return err_key(e, ERR_INVALID, "proposal_ids", "stage",
		               "proposal %lld is past the sending stage (%s); only suggested, discussed or sent ones go on a "
		               "shortlist",
		               (long long)id, st ? st : "none");
	return 0;
}

int shortlist_send(const struct actor *a, int64_t vacancy_id, const int64_t *proposal_ids, size_t n_in, bool link,
                   int link_days, json_t **out, struct err *e)
{
	*out = NULL;
	const struct entity_def *pd = entity_get(ENT_PROPOSALS), *vd = entity_get(ENT_VACANCIES);
	int rc = policy_entity_access(a, pd, ACC_WRITE, e);
	if (rc)
		return rc;
	json_t *v = NULL;
	if ((rc = policy_get_scoped(a, vd, vacancy_id, "id", "vacancy", &v, e)))
		return rc;
	if (!arena_json(a->arena, v)) /* released: out of memory */
		return err_oom(e);
	int64_t ids[SHORTLIST_MAX_ITEMS];
	size_t n;
	if ((rc = check_ids(proposal_ids, n_in, ids, &n, e)))
		return rc;
	if (link_days < 0 || link_days > SHORTLIST_LINK_DAYS_MAX) {
		err_key(e, ERR_INVALID, "link_days", "range", "link_days must be a whole number from 1 to %d",
		        SHORTLIST_LINK_DAYS_MAX);
		e->lo = 1;
		e->hi = SHORTLIST_LINK_DAYS_MAX;
		return ERR_INVALID;
	}
	json_t *props[SHORTLIST_MAX_ITEMS];
	for (size_t i = 0; i < n; i++)
		if ((rc = lock_sendable(a, vacancy_id, ids[i], &props[i], e)))
			return rc;
	char now[21], token[AUTH_TOKEN_HEX + 1] = "", hash[65] = "", expires[21] = "";
	store_now(now);
	if (link) {
		auth_random_token(token); /* 32 random bytes as hex; only the hash is stored */
		auth_hash_hex(token, strlen(token), hash);
		store_time(time(NULL) + (time_t)(link_days ? link_days : SHORTLIST_LINK_DAYS_DEFAULT) * 86400, expires);
	}
	int64_t sid, employer = jget_int(v, "employer_id"), org = policy_scope(a, pd);
	if ((rc = shortlist_store_create(a->store, a->p->org_id, vacancy_id, employer, a->p->user_id, now,
	                                 link ? hash : NULL, link ? expires : NULL, &sid, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		const char *snap = NULL;
		int64_t cid = jget_int(props[i], "client_id");
		bool share_gaps = json_is_true(json_object_get(props[i], "share_gaps")) || jget_int(props[i], "share_gaps");
		if ((rc = snapshot(a, cid, vacancy_id, share_gaps, &snap, e)) ||
		    (rc = shortlist_store_add_item(a->store, sid, ids[i], (int)i + 1, snap, now, e)))
			return rc;
		if (strcmp(jget_text(props[i], "stage"), "sent") != 0 &&
		    (rc = set_proposal(a, org, ids[i], cid, json_pack("{s:s}", "stage", "sent"), "update",
		                       "stage=sent shortlist", e)))
			return rc;
	}
	char detail[64];
	snprintf(detail, sizeof detail, "items=%zu link=%s", n, link ? "yes" : "no");
	if ((rc = audit_principal(a->store, a->p, "create", "shortlists", sid, 0, detail, e)))
		return rc;
	*out = arena_json(a->arena, json_pack("{s:I,s:I,s:I,s:s,s:i}", "id", (json_int_t)sid, "vacancy_id", (json_int_t)vacancy_id,
	                         "employer_id", (json_int_t)employer, "sent_at", now, "items", (int)n));
	if (!*out)
		return err_oom(e);
	if (link) {
		json_object_set_new(*out, "link", json_sprintf("/shortlist?t=%s", token));
		json_object_set_new(*out, "link_expires_at", json_string(expires));
	}
	return 0;
}

int shortlist_list_of_vacancy(const struct actor *a, int64_t vacancy_id, json_t **items, struct err *e)
{
	*items = NULL;
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	int rc = policy_entity_access(a, pd, ACC_READ, e);
	if (rc || (rc = shortlist_store_list(a->store, policy_scope(a, pd), 0, vacancy_id, items, e)))
		return rc;
	if (!(*items = arena_json(a->arena, *items))) /* released: out of memory */
		return err_oom(e);
	return 0;
}

int proposal_reveal(const struct actor *a, int64_t proposal_id, bool reveal, struct err *e)
{
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	int rc = policy_entity_access(a, pd, ACC_WRITE, e);
	if (rc)
		return rc;
	if (a->p->role != ROLE_COUNSELLOR)
		return err_key(e, ERR_FORBIDDEN, "", "role", "only a counsellor reveals or hides a client's identity");
	json_t *p = NULL;
	if ((rc = policy_get_scoped(a, pd, proposal_id, "id", "proposal", &p, e)))
		return rc;
	if (!arena_json(a->arena, p)) /* released: out of memory */
		return err_oom(e);
	int64_t cid = jget_int(p, "client_id");
	bool ok = true;
	if (reveal && (rc = identity_allowed(a, cid, &ok, e)))
		return rc;
	if (!ok)
		return err_key(e, ERR_CONFLICT, "consent", "consent",
		               "the client has not given consent to share their identity with employers (share_employer); "
		               "record the consent first");
	return set_proposal(a, policy_scope(a, pd), proposal_id, cid, json_pack("{s:b}", "identity_revealed", reveal),
	                    reveal ? "reveal" : "hide", "identity_revealed", e);
}

/* --- the employer's side --- */

int shortlist_employer_list(const struct actor *a, json_t **items, struct err *e)
{
	*items = NULL;
	if (a->p->role != ROLE_EMPLOYER)
		return err_key(e, ERR_FORBIDDEN, "", "role", "only an employer's own users read its shortlists");
	int rc = 0;
	if (!a->p->employer_id)
		*items = json_array();
	else if ((rc = shortlist_store_list(a->store, a->p->org_id, a->p->employer_id, 0, items, e)))
		return rc;
	return arena_json(a->arena, *items) ? 0 : err_oom(e);
}

static int opened(const struct actor *a, json_t *row, struct shortlist **sl, struct err *e)
{
	*sl = arena_alloc(a->arena, sizeof **sl);
	if (!*sl)
		return err_oom(e);
	(*sl)->row = row;
	(*sl)->by = a->p;
	return 0;
}

int shortlist_open(const struct actor *a, int64_t id, struct shortlist **sl, struct err *e)
{
	*sl = NULL;
	json_t *row = NULL;
	struct err ge = {0};
	int rc = a->p->role == ROLE_EMPLOYER && a->p->employer_id && id > 0
	                 ? shortlist_store_get(a->store, id, &row, &ge)
	                 : ERR_NOT_FOUND;
	if (rc && rc != ERR_NOT_FOUND) {
		*e = ge;
		return rc;
	}
	if (!arena_json(a->arena, row)) /* released: out of memory */
		return err_oom(e);
	if (rc || jget_int(row, "employer_id") != a->p->employer_id || jget_int(row, "organisation_id") != a->p->org_id)
		return err_set(e, ERR_NOT_FOUND, "id", "no such shortlist");
	return opened(a, row, sl, e);
}

int shortlist_open_link(const struct actor *a, const char *token, struct shortlist **sl, struct err *e)
{
	*sl = NULL;
	if (!token || strlen(token) != AUTH_TOKEN_HEX || strspn(token, "0123456789abcdef") != AUTH_TOKEN_HEX)
		return err_set(e, ERR_NOT_FOUND, "token", "no such shortlist link");
	char hash[65];
	auth_hash_hex(token, strlen(token), hash);
	json_t *row = NULL;
	struct err ge = {0};
	int rc = shortlist_store_by_token(a->store, hash, &row, &ge);
	if (rc == ERR_NOT_FOUND)
		return err_set(e, ERR_NOT_FOUND, "token", "no such shortlist link");
	if (rc) {
		*e = ge;
		return rc;
	}
	if (!arena_json(a->arena, row)) /* released: out of memory */
		return err_oom(e);
	char now[21];
	store_now(now);
	const char *exp = jget_text(row, "link_expires_at");
	if (!exp || strcmp(exp, now) <= 0)
		return err_key(e, ERR_FORBIDDEN, "expires_at", "expired", "this shortlist link expired on %.10s",
		               exp ? exp : "");
	if ((rc = opened(a, row, sl, e)))
		return rc;
	/* Whoever holds the link acts as the employer of that shortlist only; a logged-in user stays who they are. */
	struct shortlist *s = *sl;
	if (!a->p->user_id) {
		s->as_link = true;
		s->link_p.role = ROLE_EMPLOYER;
		s->link_p.org_id = jget_int(row, "organisation_id");
		s->link_p.employer_id = jget_int(row, "employer_id");
		snprintf(s->link_p.name, sizeof s->link_p.name, "link");
		s->link_a = (struct actor){.p = &s->link_p, .store = a->store, .arena = a->arena, .changes = a->changes};
	}
	return 0;
}

/* Who acts on sl: the link's employer, or the actor itself; NULL (ERR_INTERNAL) when another actor opened it. */
static const struct actor *acting(const struct actor *a, const struct shortlist *sl, struct err *e)
{
	if (!sl || sl->by != a->p) {
		err_set(e, ERR_INTERNAL, "", "the shortlist was opened by another actor");
		return NULL;
	}
	return sl->as_link ? &sl->link_a : a;
}

static bool answerable(const char *stage)
{
	return stage && (strcmp(stage, "sent") == 0 || strcmp(stage, "interview") == 0);
}

/* A stored snapshot as an employer may read it, whenever it was made: hard requirements that come from work
 * capacity or residence permit are dropped (snapshots sent before the rule was written carried them). */
static void employer_safe(json_t *prof)
{
	json_t *hf = json_object_get(json_object_get(prof, "match"), "hard_failed");
	for (size_t i = json_array_size(hf); i-- > 0;)
		if (!match_hard_visible(json_string_value(json_array_get(hf, i)), PRIVACY_VIEWER_EMPLOYER))
			json_array_remove(hf, i);
}

/* The name and contact of a candidate, or JSON null: only while revealed and consented (the reading audited). */
static int identity(const struct actor *a, json_t *item, json_t **out, struct err *e)
{
	*out = json_null();
	int64_t cid = jget_int(item, "client_id");
	bool ok = false;
	int rc = jget_int(item, "identity_revealed") || json_is_true(json_object_get(item, "identity_revealed"))
	                 ? identity_allowed(a, cid, &ok, e)
	                 : 0;
	json_t *id = NULL;
	struct err ie = {0};
	if (rc || !ok || shortlist_store_identity(a->store, cid, &id, &ie)) /* erased meanwhile: no identity */
		return rc;
	if ((rc = audit_principal(a->store, a->p, "read", "clients", cid, cid, "shortlist identity", e))) {
		json_decref(id);
		return rc;
	}
	*out = id;
	return 0;
}

/* One candidate of the view: numbered; withdrawn (nothing of the profile) when consent no longer holds. *shown:
 * whether the view shows the client's profile (the read's audit entry names the client then). */
static int candidate(const struct actor *a, json_t *it, json_t **out, bool *shown, struct err *e)
{
	*out = NULL;
	*shown = false;
	bool allowed = false;
	int rc = candidacy_allowed(a, jget_int(it, "client_id"), &allowed, e);
	if (rc)
		return rc;
	json_error_t je;
	const char *ptxt = jget_text(it, "profile");
	json_t *prof = allowed && ptxt ? json_loads(ptxt, 0, &je) : NULL;
	employer_safe(prof);
	*shown = prof != NULL;
	const char *stage = jget_text(it, "stage");
	json_t *c = arena_json(a->arena, json_pack("{s:I,s:I,s:s,s:o,s:b,s:b}", "proposal_id", (json_int_t)jget_int(it, "proposal_id"),
	                              "number", (json_int_t)jget_int(it, "position"), "stage", stage ? stage : "", "profile",
	                              prof ? prof : json_object(), "answerable", allowed && answerable(stage),
	                              "withdrawn", !allowed));
	if (!c)
		return err_oom(e);
	if (stage && strcmp(stage, "not_chosen") == 0 && jget_text(it, "reason"))
		json_object_set_new(c, "reason", json_string(jget_text(it, "reason")));
	json_t *ident = json_null();
	if (allowed && (rc = identity(a, it, &ident, e)))
		return rc;
	json_object_set_new(c, "identity", ident);
	*out = c;
	return 0;
}

int shortlist_view(const struct actor *a, const struct shortlist *sl, json_t **out, struct err *e)
{
	*out = NULL;
	const struct actor *who = acting(a, sl, e);
	if (!who)
		return e->code;
	json_t *items = NULL, *row = sl->row;
	int rc = shortlist_store_items(who->store, jget_int(row, "id"), &items, e);
	if (rc)
		return rc;
	if (!arena_json(who->arena, items)) /* released: out of memory */
		return err_oom(e);
	json_t *cands = arena_json(who->arena, json_array());
	/* the clients whose profile the view shows, named by the read's audit entry */
	int64_t *shown = arena_alloc(who->arena, (json_array_size(items) + 1) * sizeof *shown);
	if (!cands || !shown)
		return err_oom(e);
	size_t i, nshown = 0;
	json_t *it;
	json_array_foreach(items, i, it) {
		json_t *c;
		bool showed;
		if ((rc = candidate(who, it, &c, &showed, e)))
			return rc;
		json_array_append(cands, c);
		if (showed)
			shown[nshown++] = jget_int(it, "client_id");
	}
	json_t *hours = json_object_get(row, "hours_per_week");
	json_t *v = json_pack("{s:I,s:s?,s:s?,s:{s:s?,s:s?,s:O,s:s?},s:{s:s?},s:O}", "id", (json_int_t)jget_int(row, "id"),
	                      "sent_at", jget_text(row, "sent_at"), "link_expires_at", jget_text(row, "link_expires_at"), "vacancy",
	                      "title", jget_text(row, "vacancy_title"), "municipality", jget_text(row, "municipality"),
	                      "hours_per_week", hours ? hours : json_null(), "contract_type",
	                      jget_text(row, "contract_type"), "employer", "name", jget_text(row, "employer_name"), "candidates",
	                      cands);
	if (!arena_json(who->arena, v))
		return err_oom(e);
	/* One entry for the read, in the access log and export of every client whose profile it showed; with none
	 * shown (all withdrawn), the read of the shortlist alone. */
	int64_t slid = jget_int(row, "id");
	rc = nshown ? audit_principal_subjects(who->store, who->p, "read", "shortlists", slid, "", shown, nshown, e)
	            : audit_principal(who->store, who->p, "read", "shortlists", slid, 0, NULL, e);
	if (rc)
		return rc;
	*out = v;
	return 0;
}

int shortlist_answer(const struct actor *a, const struct shortlist *sl, int64_t proposal_id, const char *answer,
                     const char *reason, struct err *e)
{
	const struct actor *who = acting(a, sl, e);
	if (!who)
		return e->code;
	if (!answer || (strcmp(answer, "interview") && strcmp(answer, "not_chosen")))
		return err_key(e, ERR_INVALID, "answer", "choice", "answer must be interview or not_chosen");
	if (reason && !*reason)
		reason = NULL;
	int64_t slid = jget_int(sl->row, "id"), org = jget_int(sl->row, "organisation_id");
	bool found = false;
	int rc = shortlist_store_has_item(who->store, slid, proposal_id, &found, e);
	if (rc)
		return rc;
	if (!found)
		return err_set(e, ERR_NOT_FOUND, "proposal_id", "no such candidate on this shortlist");
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	json_t *p = NULL;
	/* Locked: two answers at once (a double tap, two people at the employer) are decided one after the other. */
	if ((rc = store_entity_get_for_update(who->store, pd, org, proposal_id, &p, e)))
		return rc;
	if (!arena_json(who->arena, p)) /* released: out of memory */
		return err_oom(e);
	int64_t cid = jget_int(p, "client_id");
	bool allowed = false;
	if ((rc = candidacy_allowed(who, cid, &allowed, e)))
		return rc;
	if (!allowed)
		return err_key(e, ERR_CONFLICT, "answer", "withdrawn", "this candidate is no longer available");
	const char *stage = jget_text(p, "stage");
	if (stage && strcmp(stage, answer) == 0) /* the same answer again (a double click): nothing to change */
		return 0;
	if (!answerable(stage) || (strcmp(stage, "interview") == 0 && strcmp(answer, "interview") == 0))
		return err_key(e, ERR_CONFLICT, "answer", "stage", "this candidate's stage (%s) can no longer be answered",
		               stage ? stage : "none");
	json_t *b = json_pack("{s:s}", "stage", answer);
	if (b && reason)
		json_object_set_new(b, "reason", json_string(reason));
	char detail[64];
	snprintf(detail, sizeof detail, "shortlist=%lld stage=%s", (long long)slid, answer);
	rc = set_proposal(who, org, proposal_id, cid, b, "answer", detail, e);
	if (rc && strcmp(e->field, "reason") == 0)
		e->code = rc = ERR_INVALID;
	return rc;
}
