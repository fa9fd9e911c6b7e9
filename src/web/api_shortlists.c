/* api_shortlists: shortlists of proposals sent to an employer, anonymised until the client agrees to be named.
 *   POST /api/v1/vacancies/{id}/shortlists        staff: send chosen proposals (optionally also as an expiring link)
 *   GET  /api/v1/vacancies/{id}/shortlists        staff: shortlists sent for a vacancy
 *   POST /api/v1/proposals/{id}/reveal            counsellor: reveal or hide the client's identity (needs consent)
 *   GET  /api/v1/employer/shortlists              employer: the shortlists sent to their employer
 *   GET  /api/v1/employer/shortlists/{id}         employer: one shortlist, anonymised
 *   POST /api/v1/employer/shortlists/{id}/answers employer: interview / not chosen (+ reason) per candidate
 *   GET  /api/v1/shortlist-link?token=T           public: the same view through a link that expires
 *   POST /api/v1/shortlist-link/answers?token=T   public: answering through that link (that shortlist only)
 * The link token travels as a query value, never in the path, because access logs record paths.
 * What the employer sees is a snapshot made when the shortlist is sent, built from a whitelist (competence,
 * languages, the match explanation): never a name, age, gender, nationality, contact or free-text note. A name and
 * contact details are added only while the proposal's identity_revealed is set AND the client's 'share_employer'
 * consent is given and not withdrawn, checked on every read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/audit.h"
#include "core/arena.h"
#include "match/match.h"
#include "store/entity_store.h"
#include "store/privacy_store.h"
#include "store/shortlist_store.h"
#include "web/api.h"
#include "web/modules.h"
#include "web/pages/ui.h"
#include "app/policy.h"

enum { LINK_DAYS_DEFAULT = 14, LINK_DAYS_MAX = 90 };

static void decref(void *p)
{
	json_decref(p);
}

static json_t *own(struct web_request *r, json_t *j)
{
	if (j)
		arena_defer(r->arena, decref, j);
	return j;
}

static const char *sget(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int64_t iget(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

static void today_of(char out[11])
{
	char now[21];
	store_now(now);
	memcpy(out, now, 10);
	out[10] = 0;
}

static int fail(struct web_request *r, int rc, const struct err *e)
{
	if (e && e->code)
		r->err = *e;
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

static int children(struct web_request *r, const char *entity, int64_t client_id, json_t **items, struct err *e)
{
	const struct entity_def *d = entity_find(entity);
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)client_id);
	struct store_filter f = {entity_field(d, d->parent_field), idtxt};
	struct store_list_query lq = {.filters = &f, .nfilters = 1, .limit = 200};
	int64_t total;
	int rc = store_entity_list(r->store, d, r->p.org_id, &lq, items, &total, e);
	if (!rc)
		own(r, *items);
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
	json_t *m = json_array();
	for (size_t i = 0; i < it->nmatched; i++)
		if (it->matched[i].label)
			json_array_append_new(m, json_string(it->matched[i].label));
	json_object_set_new(x, "matched", m);
	json_t *miss = json_array();
	for (size_t i = 0; i < it->nmissing; i++) {
		if (!it->missing[i].label)
			continue;
		json_t *c = json_array();
		for (size_t k = 0; k < it->missing[i].ncourses; k++)
			json_array_append_new(c, json_string(it->missing[i].courses[k].name));
		json_array_append_new(miss, json_pack("{s:s,s:o}", "label", it->missing[i].label, "courses", c));
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

/* The snapshot of one proposal's client for vacancy_id, as JSON text (arena). */
static int snapshot(struct web_request *r, int64_t client_id, int64_t vacancy_id, bool share_gaps, const char **out,
                    struct err *e)
{
	static const struct {
		const char *entity, *key;
		const char *const keys[5];
	} parts[] = {
		{"client-skills", "skills", {"label", "esco_skill", "level", "evidence", NULL}},
		{"client-languages", "languages", {"language", "level", NULL}},
		{"educations", "education", {"isced_level", "isced_field", "recognition", NULL}},
		{"work-history", "experience", {"title", "esco_occupation", "isco_code", "years", NULL}},
		{"target-occupations", "targets", {"title", "esco_occupation", "isco_code", NULL}},
		{"certificates", "certificates", {"kind", "name", "expires_on", NULL}},
	};
	json_t *snap = own(r, json_object());
	for (size_t p = 0; p < sizeof parts / sizeof *parts; p++) {
		json_t *items = NULL;
		int rc = children(r, parts[p].entity, client_id, &items, e);
		if (rc)
			return rc;
		json_object_set_new(snap, parts[p].key, pick(items, parts[p].keys));
	}
	int rc = audit_principal(r->store, &r->p, "read", "clients", client_id, client_id, "shortlist snapshot", e);
	if (rc)
		return rc;
	struct match_result *res = NULL;
	json_t *x = json_null();
	if (api_match_run(r, MATCH_FOR_CLIENT, client_id, MATCH_MAX_LIMIT, 0, &res) == 0) {
		for (size_t i = 0; i < res->nitems; i++)
			if (res->items[i].id == vacancy_id) {
				json_decref(x);
				x = explanation(&res->items[i], share_gaps);
				break;
			}
	}
	err_clear(&r->err); /* no consent to matching, or no shared skill: the snapshot goes without an explanation */
	json_object_set_new(snap, "match", x);
	char *txt = json_dumps(snap, JSON_COMPACT);
	if (!txt)
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
	*out = arena_strdup(r->arena, txt);
	free(txt);
	return 0;
}

/* --- consent --- */

/* Whether an employer may still see (and answer) this client's candidacy today: the newest 'matching' row gives
 * consent and the newest 'share_employer' row, if any, has not refused it. A withdrawal ends both at once. */
static int candidacy_allowed(struct web_request *r, int64_t client_id, bool *ok, struct err *e)
{
	char today[11];
	today_of(today);
	enum privacy_consent m, sh;
	int rc = privacy_store_consent_now(r->store, client_id, "matching", today, &m, e);
	if (!rc)
		rc = privacy_store_consent_now(r->store, client_id, "share_employer", today, &sh, e);
	*ok = !rc && m == PRIVACY_CONSENT_GIVEN && sh != PRIVACY_CONSENT_REFUSED;
	return rc;
}

/* --- proposals --- */

static int set_proposal(struct web_request *r, int64_t org, int64_t id, json_t *body, struct err *e)
{
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	struct entity_input in = {0};
	int rc = entity_validate(pd, body, false, r->arena, &in, e);
	if (!rc)
		rc = store_entity_update(r->store, pd, org, id, &in, e);
	if (!rc)
		app_note_change(web_actor(r), pd, id);
	return rc;
}

static int parse_ids(struct web_request *r, json_t *arr, int64_t *ids, size_t *n)
{
	*n = 0;
	if (!json_is_array(arr) || !json_array_size(arr))
		return web_error(r, ERR_INVALID, "proposal_ids", "proposal_ids must be a list of one or more proposal ids");
	if (json_array_size(arr) > SHORTLIST_MAX_ITEMS)
		return web_error(r, ERR_INVALID, "proposal_ids", "a shortlist holds at most %d candidates",
		                 SHORTLIST_MAX_ITEMS);
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return web_error(r, ERR_INVALID, "proposal_ids", "proposal_ids must be positive whole numbers");
		int64_t id = (int64_t)json_integer_value(v);
		bool dup = false;
		for (size_t k = 0; k < *n; k++)
			dup |= ids[k] == id;
		if (!dup)
			ids[(*n)++] = id;
	}
	return 0;
}

static void iso_after_days(int days, char out[21])
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm = {0};
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int api_shortlist_send(struct web_request *r)
{
	int64_t vid = web_param_id(r, 0);
	const struct entity_def *pd = entity_get(ENT_PROPOSALS), *vd = entity_get(ENT_VACANCIES);
	int rc = policy_entity_access(web_actor(r), pd, ACC_WRITE, &r->err);
	if (rc)
		return rc;
	json_t *body;
	if ((rc = web_json_body(r, &body)))
		return rc;
	struct err e = {0};
	json_t *v = NULL;
	if (!vid || store_entity_get(r->store, vd, r->p.org_id, vid, &v, &e))
		return web_error(r, ERR_NOT_FOUND, "id", "no vacancy with that id in your organisation");
	own(r, v);
	int64_t ids[SHORTLIST_MAX_ITEMS];
	size_t n;
	if ((rc = parse_ids(r, json_object_get(body, "proposal_ids"), ids, &n)))
		return rc;
	json_t *link = json_object_get(body, "link"), *days_j = json_object_get(body, "link_days");
	if (link && !json_is_boolean(link))
		return web_error(r, ERR_INVALID, "link", "link must be true or false");
	int days = LINK_DAYS_DEFAULT;
	if (days_j) {
		if (!json_is_integer(days_j) || json_integer_value(days_j) < 1 || json_integer_value(days_j) > LINK_DAYS_MAX)
			return web_error(r, ERR_INVALID, "link_days", "link_days must be a whole number from 1 to %d",
			                 LINK_DAYS_MAX);
		days = (int)json_integer_value(days_j);
	}
	json_t *props[SHORTLIST_MAX_ITEMS];
	for (size_t i = 0; i < n; i++) {
		/* Locked: an answer or a stage change on another server waits, so the stage read here still holds. */
		if (store_entity_get_for_update(r->store, pd, r->p.org_id, ids[i], &props[i], &e) ||
		    iget(props[i], "vacancy_id") != vid) {
			if (!e.code)
				json_decref(props[i]);
			else
				props[i] = NULL;
			for (size_t k = 0; k < i; k++)
				json_decref(props[k]);
			return web_error(r, ERR_INVALID, "proposal_ids", "proposal %lld is not a proposal to this vacancy",
			                 (long long)ids[i]);
		}
		own(r, props[i]);
		/* The client row share-locked: a withdrawal or an erasure in flight finishes first, then decides. */
		int64_t corg = 0;
		bool allowed = false;
		if ((rc = store_entity_org(r->store, entity_get(ENT_CLIENTS), iget(props[i], "client_id"), &corg, &e)) ||
		    (rc = candidacy_allowed(r, iget(props[i], "client_id"), &allowed, &e)))
			return rc == ERR_NOT_FOUND ? web_error(r, ERR_CONFLICT, "proposal_ids",
			                                       "proposal %lld: the client's data has been erased",
			                                       (long long)ids[i])
			                           : fail(r, rc, &e);
		if (!allowed)
			return web_error(r, ERR_CONFLICT, "consent",
			                 "proposal %lld: the client has not consented (or has withdrawn consent) to matching or "
			                 "to sharing with employers; record a new consent before sending",
			                 (long long)ids[i]);
		const char *st = sget(props[i], "stage");
		if (!st || (strcmp(st, "suggested") && strcmp(st, "discussed") && strcmp(st, "sent")))
			return web_error(r, ERR_INVALID, "proposal_ids",
			                 "proposal %lld is past the sending stage (%s); only suggested, discussed or sent ones go "
			                 "on a shortlist",
			                 (long long)ids[i], st ? st : "none");
	}
	char now[21], token[AUTH_TOKEN_HEX + 1] = "", hash[65] = "", expires[21] = "";
	store_now(now);
	bool with_link = json_is_true(link);
	if (with_link) {
		auth_random_token(token); /* 32 random bytes as hex; only the hash is stored */
		auth_hash_hex(token, strlen(token), hash);
		iso_after_days(days, expires);
	}
	int64_t sid;
	if ((rc = shortlist_store_create(r->store, r->p.org_id, vid, iget(v, "employer_id"), r->p.user_id, now,
	                                 with_link ? hash : NULL, with_link ? expires : NULL, &sid, &e)))
		return fail(r, rc, &e);
	for (size_t i = 0; i < n; i++) {
		const char *snap = NULL;
		int64_t cid = iget(props[i], "client_id");
		if ((rc = snapshot(r, cid, vid, iget(props[i], "share_gaps") != 0 || json_is_true(json_object_get(props[i], "share_gaps")), &snap, &e)) ||
		    (rc = shortlist_store_add_item(r->store, sid, ids[i], (int)i + 1, snap, now, &e)))
			return fail(r, rc, &e);
		if (strcmp(sget(props[i], "stage"), "sent") != 0) {
			json_t *b = own(r, json_pack("{s:s}", "stage", "sent"));
			if ((rc = set_proposal(r, r->p.org_id, ids[i], b, &e)) ||
			    (rc = audit_principal(r->store, &r->p, "update", "proposals", ids[i], cid, "stage=sent shortlist", &e)))
				return fail(r, rc, &e);
		}
	}
	char detail[64];
	snprintf(detail, sizeof detail, "items=%zu link=%s", n, with_link ? "yes" : "no");
	if ((rc = audit_principal(r->store, &r->p, "create", "shortlists", sid, 0, detail, &e)))
		return fail(r, rc, &e);
	json_t *out = json_pack("{s:I,s:I,s:I,s:s,s:i}", "id", (json_int_t)sid, "vacancy_id", (json_int_t)vid,
	                        "employer_id", (json_int_t)iget(v, "employer_id"), "sent_at", now, "items", (int)n);
	if (with_link) {
		json_object_set_new(out, "link", json_sprintf("/shortlist?t=%s", token));
		json_object_set_new(out, "link_expires_at", json_string(expires));
	}
	return web_json(r, 201, out);
}

int api_shortlists_of_vacancy(struct web_request *r)
{
	int64_t vid = web_param_id(r, 0);
	int rc = policy_entity_access(web_actor(r), entity_get(ENT_PROPOSALS), ACC_READ, &r->err);
	if (rc)
		return rc;
	json_t *items = NULL;
	struct err e = {0};
	if ((rc = shortlist_store_list(r->store, r->p.org_id, 0, vid, &items, &e)))
		return fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:o}", "items", items));
}

int api_proposal_reveal(struct web_request *r)
{
	int64_t id = web_param_id(r, 0);
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	int rc = policy_entity_access(web_actor(r), pd, ACC_WRITE, &r->err);
	if (rc)
		return rc;
	json_t *body;
	if ((rc = web_json_body(r, &body)))
		return rc;
	json_t *rv = json_object_get(body, "reveal");
	if (!json_is_boolean(rv))
		return web_error(r, ERR_INVALID, "reveal", "reveal must be true or false");
	struct err e = {0};
	json_t *p = NULL;
	if (!id || store_entity_get(r->store, pd, r->p.org_id, id, &p, &e))
		return web_error(r, ERR_NOT_FOUND, "id", "no proposal with that id in your organisation");
	own(r, p);
	int64_t cid = iget(p, "client_id");
	if (json_is_true(rv)) {
		char today[11];
		today_of(today);
		bool ok = false;
		if ((rc = shortlist_store_share_consent(r->store, cid, today, &ok, &e)))
			return fail(r, rc, &e);
		if (!ok)
			return web_error(r, ERR_CONFLICT, "consent",
			                 "the client has not given consent to share their identity with employers "
			                 "(share_employer); record the consent first");
	}
	json_t *b = own(r, json_pack("{s:b}", "identity_revealed", json_is_true(rv)));
	if ((rc = set_proposal(r, r->p.org_id, id, b, &e)) ||
	    (rc = audit_principal(r->store, &r->p, json_is_true(rv) ? "reveal" : "hide", "proposals", id, cid,
	                          "identity_revealed", &e)))
		return fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "identity_revealed", json_is_true(rv)));
}

/* --- the employer's view --- */

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

/* The employer's view of shortlist sl (already authorised). Candidates are numbered; a name and contact only while
 * revealed and consented. */
static int view(struct web_request *r, json_t *sl, json_t **out, struct err *e)
{
	json_t *items = NULL;
	int rc = shortlist_store_items(r->store, iget(sl, "id"), &items, e);
	if (rc)
		return rc;
	own(r, items);
	char today[11];
	today_of(today);
	json_t *cands = json_array();
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		json_error_t je;
		const char *ptxt = sget(it, "profile");
		json_t *prof = ptxt ? json_loads(ptxt, 0, &je) : NULL;
		employer_safe(prof);
		const char *stage = sget(it, "stage");
		bool allowed = false;
		if ((rc = candidacy_allowed(r, iget(it, "client_id"), &allowed, e))) {
			json_decref(prof);
			json_decref(cands);
			return rc;
		}
		if (!allowed) { /* consent withdrawn since sending: nothing of the profile, and no answer */
			json_decref(prof);
			prof = NULL;
		}
		json_t *c = json_pack("{s:I,s:I,s:s,s:o,s:b,s:b}", "proposal_id", (json_int_t)iget(it, "proposal_id"),
		                      "number", (json_int_t)iget(it, "position"), "stage", stage ? stage : "", "profile",
		                      prof ? prof : json_object(), "answerable", allowed && answerable(stage), "withdrawn",
		                      !allowed);
		if (stage && strcmp(stage, "not_chosen") == 0 && sget(it, "reason"))
			json_object_set_new(c, "reason", json_string(sget(it, "reason")));
		json_t *ident = json_null();
		int64_t cid = iget(it, "client_id");
		if (allowed && iget(it, "identity_revealed")) {
			bool ok = false;
			if ((rc = shortlist_store_share_consent(r->store, cid, today, &ok, e))) {
				json_decref(c);
				json_decref(cands);
				return rc;
			}
			json_t *id = NULL;
			if (ok && shortlist_store_identity(r->store, cid, &id, e) == 0) {
				json_decref(ident);
				ident = id;
				if ((rc = audit_principal(r->store, &r->p, "read", "clients", cid, cid, "shortlist identity", e))) {
					json_decref(c);
					json_decref(cands);
					json_decref(ident);
					return rc;
				}
			}
			err_clear(e);
		}
		json_object_set_new(c, "identity", ident);
		json_array_append_new(cands, c);
	}
	*out = json_pack("{s:I,s:s?,s:s?,s:{s:s?,s:s?,s:o,s:s?},s:{s:s?},s:o}", "id", (json_int_t)iget(sl, "id"), "sent_at",
	                 sget(sl, "sent_at"), "link_expires_at", sget(sl, "link_expires_at"), "vacancy", "title",
	                 sget(sl, "vacancy_title"), "municipality", sget(sl, "municipality"), "hours_per_week",
	                 json_incref(json_object_get(sl, "hours_per_week") ? json_object_get(sl, "hours_per_week")
	                                                                    : json_null()),
	                 "contract_type", sget(sl, "contract_type"), "employer", "name", sget(sl, "employer_name"),
	                 "candidates", cands);
	return *out ? 0 : err_set(e, ERR_UNAVAILABLE, "", "out of memory");
}

/* The shortlist id the employer user may see, or ERR_NOT_FOUND (never saying whether it exists). */
static int employer_shortlist(struct web_request *r, json_t **sl)
{
	int64_t id = web_param_id(r, 0);
	struct err e = {0};
	if (!r->p.employer_id || !id || shortlist_store_get(r->store, id, sl, &e))
		return web_error(r, ERR_NOT_FOUND, "id", "no such shortlist");
	own(r, *sl);
	if (iget(*sl, "employer_id") != r->p.employer_id || iget(*sl, "organisation_id") != r->p.org_id)
		return web_error(r, ERR_NOT_FOUND, "id", "no such shortlist");
	return 0;
}

/* The shortlist of a link token; ERR_NOT_FOUND when unknown, ERR_FORBIDDEN (field "expires_at") when expired. */
static int link_shortlist(struct web_request *r, json_t **sl)
{
	const char *tok = web_query(r, "token");
	if (!tok)
		tok = web_query(r, "t"); /* the page /shortlist?t=TOKEN calls this handler on its own request */
	if (!tok)
		tok = "";
	struct err e = {0};
	if (strlen(tok) != AUTH_TOKEN_HEX || strspn(tok, "0123456789abcdef") != AUTH_TOKEN_HEX)
		return web_error(r, ERR_NOT_FOUND, "token", "no such shortlist link");
	char hash[65];
	auth_hash_hex(tok, strlen(tok), hash);
	if (shortlist_store_by_token(r->store, hash, sl, &e))
		return web_error(r, ERR_NOT_FOUND, "token", "no such shortlist link");
	own(r, *sl);
	char now[21];
	store_now(now);
	const char *exp = sget(*sl, "link_expires_at");
	if (!exp || strcmp(exp, now) <= 0)
		return web_error(r, ERR_FORBIDDEN, "expires_at", "this shortlist link expired on %.10s", exp ? exp : "");
	/* Whoever holds the link acts as the employer of that shortlist only. */
	if (!r->authed) {
		memset(&r->p, 0, sizeof r->p);
		r->p.role = ROLE_EMPLOYER;
		r->p.org_id = iget(*sl, "organisation_id");
		r->p.employer_id = iget(*sl, "employer_id");
		snprintf(r->p.name, sizeof r->p.name, "link");
	}
	return 0;
}

static int show(struct web_request *r, json_t *sl)
{
	json_t *out = NULL;
	struct err e = {0};
	int rc = view(r, sl, &out, &e);
	if (rc)
		return fail(r, rc, &e);
	if ((rc = audit_principal(r->store, &r->p, "read", "shortlists", iget(sl, "id"), 0, NULL, &e))) {
		json_decref(out);
		return fail(r, rc, &e);
	}
	return web_json(r, 200, out);
}

static int answer(struct web_request *r, json_t *sl)
{
	json_t *body;
	int rc = web_json_body(r, &body);
	if (rc)
		return rc;
	json_t *pj = json_object_get(body, "proposal_id");
	const char *ans = sget(body, "answer"), *reason = sget(body, "reason");
	if (!json_is_integer(pj))
		return web_error(r, ERR_INVALID, "proposal_id", "proposal_id is required");
	if (!ans || (strcmp(ans, "interview") && strcmp(ans, "not_chosen")))
		return web_error(r, ERR_INVALID, "answer", "answer must be interview or not_chosen");
	if (json_object_get(body, "reason") && !json_is_null(json_object_get(body, "reason")) && !reason)
		return web_error(r, ERR_INVALID, "reason", "reason must be text");
	if (reason && !*reason)
		reason = NULL;
	int64_t pid = (int64_t)json_integer_value(pj);
	struct err e = {0};
	bool found = false;
	if ((rc = shortlist_store_has_item(r->store, iget(sl, "id"), pid, &found, &e)))
		return fail(r, rc, &e);
	if (!found)
		return web_error(r, ERR_NOT_FOUND, "proposal_id", "no such candidate on this shortlist");
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	int64_t org = iget(sl, "organisation_id");
	json_t *p = NULL;
	/* Locked: two answers at once (a double tap, two people at the employer) are decided one after the other. */
	if ((rc = store_entity_get_for_update(r->store, pd, org, pid, &p, &e)))
		return fail(r, rc, &e);
	own(r, p);
	bool allowed = false;
	if ((rc = candidacy_allowed(r, iget(p, "client_id"), &allowed, &e)))
		return fail(r, rc, &e);
	if (!allowed)
		return web_error(r, ERR_CONFLICT, "answer", "this candidate is no longer available");
	const char *stage = sget(p, "stage");
	if (stage && strcmp(stage, ans) == 0) /* the same answer again (a double click): nothing to change */
		return web_json(r, 200, json_pack("{s:I,s:s}", "proposal_id", (json_int_t)pid, "stage", stage));
	if (!answerable(stage) || (strcmp(stage, "interview") == 0 && strcmp(ans, "interview") == 0))
		return web_error(r, ERR_CONFLICT, "answer", "this candidate's stage (%s) can no longer be answered",
		                 stage ? stage : "none");
	json_t *b = own(r, json_pack("{s:s}", "stage", ans));
	if (reason)
		json_object_set_new(b, "reason", json_string(reason));
	if ((rc = set_proposal(r, org, pid, b, &e))) {
		if (strcmp(e.field, "reason") == 0)
			return fail(r, ERR_INVALID, &e);
		return fail(r, rc, &e);
	}
	char detail[64];
	snprintf(detail, sizeof detail, "shortlist=%lld stage=%s", (long long)iget(sl, "id"), ans);
	if ((rc = audit_principal(r->store, &r->p, "answer", "proposals", pid, iget(p, "client_id"), detail, &e)))
		return fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:I,s:s}", "proposal_id", (json_int_t)pid, "stage", ans));
}

int api_employer_shortlists(struct web_request *r)
{
	json_t *items = NULL;
	struct err e = {0};
	int rc = 0;
	if (!r->p.employer_id)
		items = json_array();
	else if ((rc = shortlist_store_list(r->store, r->p.org_id, r->p.employer_id, 0, &items, &e)))
		return fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:o}", "items", items));
}

int api_employer_shortlist(struct web_request *r)
{
	json_t *sl;
	int rc = employer_shortlist(r, &sl);
	return rc ? rc : show(r, sl);
}

int api_employer_answer(struct web_request *r)
{
	json_t *sl;
	int rc = employer_shortlist(r, &sl);
	return rc ? rc : answer(r, sl);
}

int api_link_shortlist(struct web_request *r)
{
	json_t *sl;
	int rc = link_shortlist(r, &sl);
	return rc ? rc : show(r, sl);
}

int api_link_answer(struct web_request *r)
{
	json_t *sl;
	int rc = link_shortlist(r, &sl);
	return rc ? rc : answer(r, sl);
}
