/* partner_referral: referrals across organisations (see partner_referral.h). */
#include "app/partner_referral.h"

#include <string.h>

#include "app/policy.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/jget.h"
#include "core/validate.h"
#include "domain/partner.h"
#include "store/entity_store.h"
#include "store/partner_store.h"
#include "store/privacy_store.h"

static void now_and_today(char now[21], char today[11])
{
	store_now(now);
	memcpy(today, now, 10);
	today[10] = 0;
}

/* Staff who may write clients act on referrals; staff who may read them read. Nobody else touches one. */
static int access(const struct actor *a, enum access need, struct err *e)
{
	return policy_entity_access(a, entity_get(ENT_CLIENTS), need, e);
}

static int consent_holds(const struct actor *a, int64_t client_id, bool *holds, struct err *e)
{
	char now[21], today[11];
	now_and_today(now, today);
	enum privacy_consent c = PRIVACY_CONSENT_NONE;
	int rc = privacy_store_consent_now(a->store, client_id, "share_partner", today, &c, e);
	*holds = !rc && c == PRIVACY_CONSENT_GIVEN;
	return rc;
}

int partner_referral_consent_changed(const struct actor *a, int64_t client_id, struct err *e)
{
	bool holds = false;
	int rc = consent_holds(a, client_id, &holds, e);
	if (rc || holds)
		return rc;
	json_t *open = NULL;
	if ((rc = store_partner_open_of_client(a->store, client_id, &open, e)))
		return rc;
	char now[21], today[11];
	now_and_today(now, today);
	size_t i;
	json_t *ref;
	json_array_foreach(open, i, ref) {
		/* once per withdrawal: a later write while it still does not hold adds nothing */
		json_t *events = NULL;
		if ((rc = store_partner_events(a->store, jget_int(ref, "id"), &events, e)))
			break;
		json_t *last = json_array_get(events, json_array_size(events) - 1);
		bool told = last && jget_text(last, "state") && strcmp(jget_text(last, "state"), "consent_withdrawn") == 0;
		json_decref(events);
		if (!told && (rc = store_partner_event(a->store, jget_int(ref, "id"), a->p->org_id, a->p->user_id,
		                                       "consent_withdrawn", now, e)))
			break;
	}
	json_decref(open);
	return rc;
}

/* The audit entry in the actor's own log, and its mirror in the other organisation's: both sides see who did what
 * with the client's referral. */
static int audit_both(const struct actor *a, json_t *ref, const char *action, struct err *e)
{
	int64_t id = jget_int(ref, "id"), cid = jget_int(ref, "client_id");
	int64_t own = jget_int(ref, "organisation_id"), partner = jget_int(ref, "partner_organisation_id");
	int64_t other = a->p->org_id == own ? partner : own;
	char *detail = arena_printf(a->arena, "organisation=%lld", (long long)other);
	int rc = audit_principal(a->store, a->p, action, "partner-referrals", id, cid, detail, e);
	if (rc)
		return rc;
	return app_audit_in_org(a, other, action, "partner-referrals", id, cid, NULL, e);
}

int partner_org_directory(const struct actor *a, json_t **items, struct err *e)
{
	*items = NULL;
	if (a->p->role == ROLE_EMPLOYER) /* an employer's user knows its own service, not the network */
		return err_key(e, ERR_FORBIDDEN, "", "role", "your role (%s) may not list organisations",
		               role_name(a->p->role));
	int rc = store_partner_orgs(a->store, a->p->org_id, items, e);
	if (!rc && !arena_json(a->arena, *items))
		rc = err_oom(e);
	return rc;
}

int partner_orgs(const struct actor *a, json_t **items, struct err *e)
{
	*items = NULL;
	int rc = access(a, ACC_WRITE, e);
	return rc ? rc : partner_org_directory(a, items, e);
}

/* The shared parts named in body.shared, as the comma-separated text the row keeps (in partner_parts order). */
static int parse_shared(const struct actor *a, json_t *v, const char **out, struct err *e)
{
	if (v && !json_is_array(v))
		return err_key(e, ERR_INVALID, "shared", "format",
		               "shared must be a list of parts: contact, languages, education, work_history, skills, goals");
	bool on[PARTNER_PART_COUNT] = {[PARTNER_PART_BASIC] = true};
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) {
		enum partner_part p = partner_part_parse(json_string_value(x));
		if (p == PARTNER_PART_COUNT)
			return err_key(e, ERR_INVALID, "shared", "choice",
			               "shared: '%.40s' is not a part; the parts are contact, languages, education, "
			               "work_history, skills, goals (name, birth year and mother tongue always go)",
			               json_is_string(x) ? json_string_value(x) : "?");
		on[p] = true;
	}
	char buf[160] = "";
	for (int p = 0; p < PARTNER_PART_COUNT; p++)
		if (on[p]) {
			size_t n = strlen(buf);
			snprintf(buf + n, sizeof buf - n, "%s%s", n ? "," : "", partner_parts[p].name);
		}
	*out = arena_strdup(a->arena, buf);
	return *out ? 0 : err_oom(e);
}

static bool shares(json_t *ref, enum partner_part p)
{
	const char *s = jget_text(ref, "shared");
	size_t n = strlen(partner_parts[p].name);
	for (const char *q = s; q && *q;) {
		const char *c = strchr(q, ',');
		size_t len = c ? (size_t)(c - q) : strlen(q);
		if (len == n && strncmp(q, partner_parts[p].name, n) == 0)
			return true;
		q = c ? c + 1 : q + len;
	}
	return false;
}

static void copy_fields(json_t *to, json_t *from, const char *const *fields)
{
	for (size_t i = 0; fields && fields[i]; i++) {
		json_t *v = json_object_get(from, fields[i]);
		json_object_set(to, fields[i], v ? v : json_null());
	}
}

/* rows of the profile part d of client cid (organisation org), each cut down to fields, as o[name] */
static int part_rows(const struct actor *a, json_t *o, const char *name, enum entity_id ent, const char *const *fields,
                     int64_t org, int64_t cid, struct err *e)
{
	const struct entity_def *d = entity_get(ent);
	const struct field_def *pf = entity_field(d, d->parent_field ? d->parent_field : "client_id");
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%lld", (long long)cid);
	struct store_filter f = {pf, idtext};
	struct store_list_query lq = {.filters = &f, .nfilters = 1, .limit = 200};
	json_t *rows = NULL;
	int64_t total = 0;
	int rc = store_entity_list(a->store, d, org, &lq, &rows, &total, e);
	if (rc)
		return rc;
	json_t *out = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		json_t *c = json_object();
		copy_fields(c, r, fields);
		json_array_append_new(out, c);
	}
	json_decref(rows);
	return json_object_set_new(o, name, out) ? err_oom(e) : 0;
}

/* What the partner may see of the client of ref: the parts it shares, field by field (partner_parts). */
static int shared_view(const struct actor *a, json_t *ref, json_t **out, struct err *e)
{
	int64_t org = jget_int(ref, "organisation_id"), cid = jget_int(ref, "client_id");
	json_t *c = NULL;
	int rc = store_entity_get(a->store, entity_get(ENT_CLIENTS), org, cid, &c, e);
	if (rc)
		return rc;
	json_t *v = json_object();
	arena_json(a->arena, v);
	for (int p = 0; p < PARTNER_PART_COUNT; p++) {
		const struct partner_part_def *pd = &partner_parts[p];
		if (!shares(ref, (enum partner_part)p))
			continue;
		if (pd->entity == ENT_CLIENTS)
			copy_fields(v, c, pd->fields);
		else if ((rc = part_rows(a, v, pd->name, pd->entity, pd->fields, org, cid, e)))
			break;
		if (pd->also != ENT_COUNT && (rc = part_rows(a, v, "target_occupations", pd->also, pd->also_fields, org, cid, e)))
			break;
	}
	json_decref(c);
	*out = v;
	return rc;
}

/* The referral as the actor may see it, with its timeline: the partner gets the shared view (and its read is audited
 * on both sides) or what withholds it. */
static int view(const struct actor *a, json_t *ref, bool audit_read, json_t **out, struct err *e)
{
	json_t *events = NULL;
	int rc = store_partner_events(a->store, jget_int(ref, "id"), &events, e);
	if (rc)
		return rc;
	json_object_set_new(ref, "events", events);
	bool partner = jget_int(ref, "partner_organisation_id") == a->p->org_id;
	json_object_set_new(ref, "side", json_string(partner ? "partner" : "referrer"));
	if (!partner) { /* the referring side: its own client, by name */
		const struct entity_def *cd = entity_get(ENT_CLIENTS);
		json_t *c = NULL;
		if (store_entity_get(a->store, cd, policy_scope(a, cd), jget_int(ref, "client_id"), &c, e) == 0) {
			json_object_set(ref, "first_name", json_object_get(c, "first_name"));
			json_object_set(ref, "last_name", json_object_get(c, "last_name"));
		}
		json_decref(c);
		err_clear(e);
	}
	if (partner) {
		bool holds = false;
		enum partner_state st = partner_state_parse(jget_text(ref, "state"));
		if (partner_state_open(st) && (rc = consent_holds(a, jget_int(ref, "client_id"), &holds, e)))
			return rc;
		if (!partner_state_open(st) || !holds) {
			json_object_set_new(ref, "withheld", json_string(partner_state_open(st) ? "consent" : "closed"));
			json_object_set_new(ref, "client", json_null());
			json_object_del(ref, "reason"); /* the sender's words about the client go with the client */
		} else {
			json_t *c = NULL;
			if ((rc = shared_view(a, ref, &c, e)))
				return rc;
			json_object_set(ref, "client", c);
			if (audit_read && (rc = audit_both(a, ref, "read", e)))
				return rc;
		}
	}
	*out = ref;
	return 0;
}

/* The referral id as the actor's organisation may see it: ERR_NOT_FOUND for a third organisation's. */
static int load(const struct actor *a, int64_t id, json_t **ref, struct err *e)
{
	*ref = NULL;
	int rc = id > 0 ? store_partner_get(a->store, id, ref, e) : ERR_NOT_FOUND;
	if (!rc && !arena_json(a->arena, *ref))
		return err_oom(e);
	if (!rc && jget_int(*ref, "organisation_id") != a->p->org_id && jget_int(*ref, "partner_organisation_id") != a->p->org_id)
		rc = ERR_NOT_FOUND;
	if (rc == ERR_NOT_FOUND)
		return err_set(e, ERR_NOT_FOUND, "id", "no referral with that id for your organisation");
	return rc;
}

int partner_referral_get(const struct actor *a, int64_t id, json_t **out, struct err *e)
{
	*out = NULL;
	json_t *ref;
	int rc = access(a, ACC_READ, e);
	if (!rc)
		rc = load(a, id, &ref, e);
	if (!rc && jget_int(ref, "organisation_id") == a->p->org_id &&
	    (rc = audit_principal(a->store, a->p, "read", "partner-referrals", id, jget_int(ref, "client_id"), NULL, e)))
		return rc;
	return rc ? rc : view(a, ref, true, out, e);
}

int partner_referral_send(const struct actor *a, int64_t client_id, json_t *body, json_t **out, struct err *e)
{
	*out = NULL;
	int rc = access(a, ACC_WRITE, e);
	if (rc)
		return rc;
	if ((rc = policy_get_scoped(a, entity_get(ENT_CLIENTS), client_id, "client_id", "client", NULL, e)))
		return rc;
	if (!json_is_object(body))
		return err_key(e, ERR_INVALID, "", "format", "the body must be a JSON object");
	const char *k;
	json_t *x;
	json_object_foreach(body, k, x) {
		if (strcmp(k, "partner_organisation_id") && strcmp(k, "purpose") && strcmp(k, "shared") &&
		    strcmp(k, "reason"))
			return err_key(e, ERR_INVALID, k, "unknown_field",
			               "%.60s is not a field of a referral (partner_organisation_id, purpose, shared, reason)", k);
	}
	int64_t partner = jget_int(body, "partner_organisation_id");
	if (partner <= 0)
		return err_key(e, ERR_INVALID, "partner_organisation_id", "required",
		               "choose the organisation the client is referred to");
	if (partner == a->p->org_id)
		return err_key(e, ERR_INVALID, "partner_organisation_id", "own_org",
		               "a referral goes to another organisation; within your own, assign a counsellor instead");
	const char *purpose = jget_text(body, "purpose");
	if (!partner_is_purpose(purpose))
		return err_key(e, ERR_INVALID, "purpose", "choice",
		               "purpose must be one of education, language_training, integration_services, recruitment, "
		               "work_trial, peer_support, other");
	const char *reason = NULL;
	json_t *rv = json_object_get(body, "reason");
	if (rv && !json_is_null(rv)) {
		if (!json_is_string(rv))
			return err_key(e, ERR_INVALID, "reason", "format", "reason must be text");
		reason = json_string_value(rv);
		size_t n = strlen(reason);
		if (n > PARTNER_REASON_MAX || !validate_utf8(reason, n))
			return err_key(e, ERR_INVALID, "reason", "too_long",
			               "reason must be readable text of at most %d characters", PARTNER_REASON_MAX);
		if (!*reason)
			reason = NULL;
	}
	const char *shared;
	if ((rc = parse_shared(a, json_object_get(body, "shared"), &shared, e)))
		return rc;
	if ((rc = store_partner_org_exists(a->store, partner, e)))
		return rc;
	bool holds = false;
	if ((rc = consent_holds(a, client_id, &holds, e)))
		return rc;
	if (!holds)
		return err_key(e, ERR_CONFLICT, "consent", "partner_consent",
		               "the client has not given consent to share their data with partner organisations "
		               "(share_partner); record the consent first");
	bool open = false;
	if ((rc = store_partner_open_exists(a->store, client_id, partner, &open, e)))
		return rc;
	if (open)
		return err_key(e, ERR_CONFLICT, "partner_organisation_id", "referral_open",
		               "the client already has an open referral to this organisation");
	char now[21], today[11];
	now_and_today(now, today);
	struct partner_store_new n = {
		.org_id = a->p->org_id, .client_id = client_id, .partner_org_id = partner, .sent_by = a->p->user_id,
		.purpose = purpose, .shared = shared, .reason = reason, .today = today, .now = now,
	};
	int64_t id = 0;
	json_t *ref;
	if ((rc = store_partner_insert(a->store, &n, &id, e)) || (rc = load(a, id, &ref, e)) ||
	    (rc = audit_both(a, ref, "create", e)))
		return rc;
	return view(a, ref, false, out, e);
}

int partner_referral_move(const struct actor *a, int64_t id, const char *to, const char *outcome, const char *note,
                          int64_t expect_version, json_t **out, struct err *e)
{
	*out = NULL;
	json_t *ref;
	int rc = access(a, ACC_WRITE, e);
	if (!rc)
		rc = load(a, id, &ref, e);
	if (rc)
		return rc;
	enum partner_state target = partner_state_parse(to);
	if (target == PARTNER_STATE_COUNT)
		return err_key(e, ERR_INVALID, "state", "choice",
		               "state must be one of accepted, declined, started, ended, cancelled");
	enum partner_state from = partner_state_parse(jget_text(ref, "state"));
	enum partner_side side = jget_int(ref, "partner_organisation_id") == a->p->org_id ? PARTNER_RECEIVER : PARTNER_SENDER;
	bool needs_outcome = false;
	if ((rc = partner_move_check(side, from, target, &needs_outcome, e)))
		return rc;
	if (outcome && !*outcome)
		outcome = NULL;
	if (outcome && !partner_is_outcome(outcome))
		return err_key(e, ERR_INVALID, "outcome", "choice",
		               "outcome must be one of completed, studying, employed, interrupted, did_not_start, other");
	if (needs_outcome && !outcome)
		return err_key(e, ERR_INVALID, "outcome", "outcome", "say how it ended: choose an outcome");
	if (!needs_outcome && outcome)
		return err_key(e, ERR_INVALID, "outcome", "outcome", "an outcome is recorded only when the referral ends");
	if (note && !*note)
		note = NULL;
	if (note && (strlen(note) > PARTNER_REASON_MAX || !validate_utf8(note, strlen(note))))
		return err_key(e, ERR_INVALID, "note", "too_long", "the note must be readable text of at most %d characters",
		               PARTNER_REASON_MAX);
	if (expect_version > 0 && jget_int(ref, "version") != expect_version)
		return err_key(e, ERR_VERSION_CONFLICT, "version", "referral_changed",
		               "someone else changed this referral meanwhile; look at it again");
	char now[21], today[11];
	now_and_today(now, today);
	bool moved = false;
	bool closes = !partner_state_open(target);
	if ((rc = store_partner_move(a->store, id, partner_states[from], partner_states[target], outcome, note, closes,
	                             a->p->org_id, a->p->user_id, today, now, &moved, e)))
		return rc;
	if (!moved) /* another request moved it first: decide again on what it is now */
		return err_key(e, ERR_VERSION_CONFLICT, "state", "referral_changed",
		               "someone else changed this referral meanwhile; look at it again");
	if ((rc = load(a, id, &ref, e)) || (rc = audit_both(a, ref, partner_states[target], e)))
		return rc;
	return view(a, ref, false, out, e);
}

int partner_referral_list(const struct actor *a, bool incoming, int64_t client_id, const char *state,
                          json_t **items, struct err *e)
{
	*items = NULL;
	int rc = access(a, ACC_READ, e);
	if (rc)
		return rc;
	if (state && partner_state_parse(state) == PARTNER_STATE_COUNT)
		return err_key(e, ERR_INVALID, "state", "choice",
		               "state must be one of sent, accepted, declined, started, ended, cancelled");
	if (!incoming && client_id > 0 &&
	    (rc = policy_get_scoped(a, entity_get(ENT_CLIENTS), client_id, "client_id", "client", NULL, e)))
		return rc;
	json_t *rows = NULL;
	if ((rc = store_partner_list(a->store, a->p->org_id, incoming, incoming ? 0 : client_id, state, &rows, e)))
		return rc;
	if (!arena_json(a->arena, rows))
		return err_oom(e);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		if (!incoming)
			continue;
		bool holds = false;
		enum partner_state st = partner_state_parse(jget_text(r, "state"));
		if (partner_state_open(st) && (rc = consent_holds(a, jget_int(r, "client_id"), &holds, e)))
			return rc;
		if (partner_state_open(st) && holds) {
			if ((rc = audit_both(a, r, "list", e)))
				return rc;
			continue;
		}
		json_object_del(r, "first_name");
		json_object_del(r, "last_name");
		json_object_del(r, "reason");
		json_object_set_new(r, "withheld", json_string(partner_state_open(st) ? "consent" : "closed"));
	}
	if (!incoming && (rc = audit_principal(a->store, a->p, "list", "partner-referrals", 0, client_id > 0 ? client_id : 0,
	                                       NULL, e)))
		return rc;
	*items = rows;
	return 0;
}
