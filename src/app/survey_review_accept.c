/* survey_review_accept: accepting a response's items (see survey_review.h): into a client's profile (and the
 * spouse's record in the client's family) through the entity verbs, or, for the employer-needs survey, into a needs
 * record of an employer. The review is recorded once, then audited. */
#include "app/survey_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/duplicates.h"
#include "app/entity.h"
#include "app/policy.h"
#include "app/survey_review_internal.h"
#include "core/arena.h"
#include "store/entity_store.h"
#include "store/survey_store.h"


/* An item's entity error, its field prefixed with the item's key ("work_history:work_history[0].years"). */
static int item_error(const char *key, struct err *e)
{
	char field[256];
	snprintf(field, sizeof field, "%s%s%s", key, e->field[0] ? "." : "", e->field);
	size_t n = strlen(field) < sizeof e->field - 1 ? strlen(field) : sizeof e->field - 1;
	memcpy(e->field, field, n);
	e->field[n] = 0;
	return e->code ? (int)e->code : ERR_INVALID;
}

/* Sorts the accepted keys: client.* fields merge into *client_body, every other item goes to *rows (both arena). */
static bool of_spouse(json_t *item)
{
	const char *p = json_string_value(json_object_get(item, "person"));
	return p && strcmp(p, "spouse") == 0;
}

/* The accepted items of one person (the respondent, or the spouse). */
struct picked {
	json_t *client_body, *rows;
};

static int pick_items(const struct actor *a, json_t *items, json_t *keys, struct picked *who, struct picked *spouse,
                      struct err *e)
{
	json_t **client_body = &who->client_body, **rows = &who->rows;
	if (!json_is_array(keys))
		return err_key(e, ERR_INVALID, "accept", "format", "accept must be a list of item keys");
	if (json_array_size(keys) > SURVEY_REVIEW_KEYS_MAX)
		return err_key(e, ERR_TOO_BIG, "accept", "too_many", "at most %d items at a time", SURVEY_REVIEW_KEYS_MAX);
	*rows = arena_json(a->arena, json_array());
	*client_body = arena_json(a->arena, json_object());
	spouse->rows = arena_json(a->arena, json_array());
	spouse->client_body = arena_json(a->arena, json_object());
	if (!*rows || !*client_body || !spouse->rows || !spouse->client_body)
		return err_oom(e);
	size_t i;
	json_t *k;
	json_array_foreach(keys, i, k) {
		json_t *found = NULL, *it;
		size_t j;
		json_array_foreach(items, j, it) if (json_is_string(k) &&
		                                     strcmp(json_string_value(json_object_get(it, "key")),
		                                            json_string_value(k)) == 0) found = it;
		if (!found)
			return err_key(e, ERR_INVALID, "accept", "not_item", "%.80s is not an item of this response",
			               json_is_string(k) ? json_string_value(k) : "(not text)");
		struct picked *to = of_spouse(found) ? spouse : who;
		if (strcmp(json_string_value(json_object_get(found, "entity")), "clients") == 0)
			json_object_update(to->client_body, json_object_get(found, "fields"));
		else
			json_array_append(to->rows, found);
	}
	return 0;
}

static int listed(json_t *written, const char *key, const struct entity_def *d, int64_t id, struct err *e)
{
	if (json_array_append_new(written, json_pack("{s:s,s:s,s:I}", "key", key, "entity", d->name, "id",
	                                             (json_int_t)id)))
		return err_oom(e);
	return 0;
}

/* What the invitation names for the client (programme, target groups, intake date) into body: on a new client (old
 * NULL) as named; on an existing one only a programme or intake date it has none of, and the target groups it lacks
 * added to its own (nothing it has is overwritten). */
static void invitation_fields(json_t *resp, json_t *old, json_t *body)
{
	json_t *prog = json_object_get(resp, "invitation_programme_id");
	json_t *on = json_object_get(resp, "invitation_intake_on");
	const char *tgtext = json_string_value(json_object_get(resp, "invitation_target_groups"));
	if (json_is_integer(prog) && (!old || json_is_null(json_object_get(old, "programme_id"))))
		json_object_set(body, "programme_id", prog);
	if (json_is_string(on) && (!old || json_is_null(json_object_get(old, "intake_on"))))
		json_object_set(body, "intake_on", on);
	json_t *tg = tgtext ? json_loads(tgtext, 0, NULL) : NULL;
	if (json_is_array(tg) && json_array_size(tg)) {
		json_t *have = old ? json_object_get(old, "target_groups") : NULL;
		json_t *all = json_is_array(have) ? json_deep_copy(have) : json_array();
		size_t i, k;
		json_t *x, *y;
		bool added = false;
		json_array_foreach(tg, i, x) {
			bool in = false;
			json_array_foreach(all, k, y) in |= json_equal(x, y);
			if (!in) {
				json_array_append(all, x);
				added = true;
			}
		}
		if (added || !old)
			json_object_set(body, "target_groups", all);
		json_decref(all);
	}
	json_decref(tg);
}

/* The accepted client fields, with what the invitation names (invitation_fields): a new client (*client_id 0)
 * created from them, or the existing one (in scope, not archived) updated; both through the entity verbs, so the
 * derivations of any profile write run. */
static int write_client(const struct actor *a, json_t *resp, json_t *body, int64_t *client_id, json_t *written,
                        bool confirm_new, json_t **matches, struct err *e)
{
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	json_t *row, *old;
	int rc = policy_entity_access(a, cd, ACC_WRITE, e);
	if (rc)
		return rc;
	if (!*client_id) {
		invitation_fields(resp, NULL, body);
		/* the likely-duplicate rule of every new client (a person who already has a record answers a link) */
		if ((rc = app_client_create(a, body, confirm_new, &row, matches, e)))
			return *matches ? rc : item_error("client", e);
		*client_id = (int64_t)json_integer_value(json_object_get(row, "id"));
		return listed(written, "client", cd, *client_id, e);
	}
	if ((rc = store_entity_get(a->store, cd, policy_scope(a, cd), *client_id, &old, e)))
		return rc == ERR_NOT_FOUND ? err_key(e, ERR_NOT_FOUND, "client_id", "ref", "no such client") : rc;
	bool archived = !json_is_null(json_object_get(old, "archived_at"));
	if (!archived)
		invitation_fields(resp, old, body);
	json_decref(old);
	if (archived)
		return err_key(e, ERR_CONFLICT, "client_id", "archived", "this client is archived");
	if (!json_object_size(body))
		return 0;
	if ((rc = app_entity_update(a, cd, *client_id, body, 0, &row, NULL, e)))
		return item_error("client", e);
	return listed(written, "client", cd, *client_id, e);
}

/* The client's rows of d (through the entity verb: scope, access, audit), filtered by field = value when field is
 * not NULL; the verb hands them out in the actor's arena. */
static int client_rows(const struct actor *a, const struct entity_def *d, int64_t client_id, const char *field,
                       const char *value, json_t **items, struct err *e)
{
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)client_id);
	struct store_filter f[2] = {{entity_field(d, d->parent_field), idtxt}, {field ? entity_field(d, field) : NULL, value}};
	struct store_list_query lq = {.filters = f, .nfilters = field ? 2 : 1, .limit = 500};
	int64_t total = 0;
	return app_entity_list(a, d, &lq, items, &total, e);
}

/* The client's row of the language an item names (at most one: the accept keeps it so), or NULL. */
static int language_row(const struct actor *a, int64_t client_id, json_t *item, json_t **row, struct err *e)
{
	*row = NULL;
	const char *lang = json_string_value(json_object_get(json_object_get(item, "fields"), "language"));
	json_t *items;
	int rc = lang ? client_rows(a, entity_get(ENT_CLIENT_LANGUAGES), client_id, "language", lang, &items, e) : 0;
	if (!rc && lang)
		*row = json_array_get(items, 0);
	return rc;
}

/* One profile row of an accepted item, created by the entity verb under the client; a language the client already
 * has gets the new level on its row instead of a second row. */
static int write_row(const struct actor *a, json_t *item, int64_t client_id, json_t *written, struct err *e)
{
	const char *key = json_string_value(json_object_get(item, "key"));
	const struct entity_def *d = entity_find(json_string_value(json_object_get(item, "entity")));
	json_t *body = arena_json(a->arena, json_deep_copy(json_object_get(item, "fields"))), *row, *have = NULL;
	if (!d || !body)
		return d ? err_oom(e) : err_set(e, ERR_INTERNAL, "", "an item names no entity");
	int rc = d == entity_get(ENT_CLIENT_LANGUAGES) ? language_row(a, client_id, item, &have, e) : 0;
	if (rc)
		return rc;
	if (have && json_equal(json_object_get(have, "level"), json_object_get(body, "level")))
		return listed(written, key, d, (int64_t)json_integer_value(json_object_get(have, "id")), e); /* as it is */
	if (have) {
		json_t *upd = arena_json(a->arena, json_pack("{s:O}", "level", json_object_get(body, "level")));
		if (!upd)
			return err_oom(e);
		if ((rc = app_entity_update(a, d, (int64_t)json_integer_value(json_object_get(have, "id")), upd, 0, &row,
		                            NULL, e)))
			return item_error(key, e);
		return listed(written, key, d, (int64_t)json_integer_value(json_object_get(row, "id")), e);
	}
	json_object_set_new(body, d->parent_field, json_integer(client_id));
	rc = app_entity_create(a, d, body, &row, e);
	if (rc)
		return item_error(key, e);
	return listed(written, key, d, (int64_t)json_integer_value(json_object_get(row, "id")), e);
}

/* The consent the respondent gave inside the survey, recorded on the client as any consent is (the entity verb:
 * audit, and the newest consent row decides): method "survey", on the day they answered, once per purpose and day
 * (accepting again, or a second response of the same day, adds nothing). The form's one consent box is consent to
 * processing the answers for the purpose its text states: "data_processing". */
static int write_consent(const struct actor *a, json_t *resp, json_t *answers, int64_t client_id, json_t *written,
                         struct err *e)
{
	if (!json_is_true(json_object_get(answers, "_consent")))
		return 0;
	const char *at = json_string_value(json_object_get(resp, "submitted_at"));
	if (!at || strlen(at) < 10)
		at = json_string_value(json_object_get(resp, "created_at"));
	char day[11] = "";
	if (at && strlen(at) >= 10)
		snprintf(day, sizeof day, "%.10s", at);
	else {
		char now[21];
		store_now(now);
		snprintf(day, sizeof day, "%.10s", now);
	}
	static const char *const purposes[] = {"data_processing"};
	const struct entity_def *d = entity_get(ENT_CONSENTS);
	for (size_t i = 0; i < sizeof purposes / sizeof *purposes; i++) {
		json_t *rows, *row;
		int rc = client_rows(a, d, client_id, "purpose", purposes[i], &rows, e);
		if (rc)
			return rc;
		bool have = false;
		size_t k;
		json_array_foreach(rows, k, row) {
			const char *m = json_string_value(json_object_get(row, "method"));
			const char *on = json_string_value(json_object_get(row, "given_on"));
			have |= json_is_true(json_object_get(row, "given")) && m && strcmp(m, "survey") == 0 && on &&
			        strcmp(on, day) == 0;
		}
		if (have)
			continue;
		json_t *body = arena_json(a->arena, json_pack("{s:I,s:s,s:b,s:s,s:s}", "client_id",
		                                              (json_int_t)client_id, "purpose", purposes[i], "given", 1,
		                                              "given_on", day, "method", "survey"));
		if (!body)
			return err_oom(e);
		char key[48];
		snprintf(key, sizeof key, "consent:%s", purposes[i]);
		if ((rc = app_entity_create(a, d, body, &row, e)))
			return item_error(key, e);
		if ((rc = listed(written, key, d, (int64_t)json_integer_value(json_object_get(row, "id")), e)))
			return rc;
	}
	return 0;
}

/* The respondent's family (created, named by their last name, when they have none, and the respondent joined to it
 * as its worker) and in it the spouse: the family's spouse updated if it has one, else a new client made from the
 * spouse's accepted items, with the invitation's programme and intake date and the target group "spouse". The
 * spouse's own rows follow under the spouse, and a family made here gets its starting plan (starting_plan). No
 * consent is recorded for the spouse: the respondent answered for them, and the spouse gives their own. A spouse
 * who answers her own survey (her record is her family's spouse) has its spouse part about the family's worker: it
 * goes to the worker's record (made, without the target group "spouse", when the family has none). */
/* A family this accept made starts with a settling-in plan: the steps every family arriving in the region takes,
 * day care or school when the answers say there are children, the spouse's job search when there is a spouse; all
 * to do, owned by the counsellor who accepted. Written through the entity verb, so each step starts its timeline. */
static int starting_plan(const struct actor *a, int64_t fam, int64_t spouse_id, json_t *answers, json_t *written,
                         struct err *e)
{
	static const char *const every[] = {"housing", "population_register", "bank_account", "tax_card", "health_care",
	                                    "finnish_course"};
	const struct entity_def *d = entity_get(ENT_SETTLING_STEPS);
	const char *kids = json_string_value(json_object_get(answers, "children"));
	for (size_t k = 0; k < sizeof every / sizeof *every + 2; k++) {
		const char *kind = k < sizeof every / sizeof *every ? every[k] : k == sizeof every / sizeof *every
		                                                                    ? "daycare_school"
		                                                                    : "spouse_job_search";
		if ((strcmp(kind, "daycare_school") == 0 && !(kids && strcmp(kids, "yes") == 0)) ||
		    (strcmp(kind, "spouse_job_search") == 0 && !spouse_id))
			continue;
		json_t *body = arena_json(a->arena, json_pack("{s:I, s:s, s:s}", "family_id", (json_int_t)fam, "kind",
		                                              kind, "state", "todo"));
		if (!body)
			return err_oom(e);
		if (a->p->role == ROLE_COUNSELLOR)
			json_object_set_new(body, "owner_id", json_integer(a->p->user_id));
		if (strcmp(kind, "spouse_job_search") == 0)
			json_object_set_new(body, "client_id", json_integer(spouse_id));
		json_t *row;
		int rc = app_entity_create(a, d, body, &row, e);
		if (rc)
			return item_error("family", e);
		if ((rc = listed(written, "settling", d, json_integer_value(json_object_get(row, "id")), e)))
			return rc;
	}
	return 0;
}

static int write_spouse(const struct actor *a, json_t *resp, json_t *answers, struct picked *sp, int64_t client_id,
                        json_t *written, struct err *e)
{
	if (!json_object_size(sp->client_body) && !json_array_size(sp->rows))
		return 0;
	const struct entity_def *cd = entity_get(ENT_CLIENTS), *fd = entity_get(ENT_FAMILIES);
	json_t *worker, *row;
	int rc = store_entity_get(a->store, cd, policy_scope(a, cd), client_id, &worker, e);
	if (rc)
		return rc;
	arena_json(a->arena, worker);
	const char *last = json_string_value(json_object_get(worker, "last_name"));
	int64_t fam = json_integer_value(json_object_get(worker, "family_id"));
	/* a spouse who answers her own survey: its spouse part is about the family's worker */
	const char *own_role = json_string_value(json_object_get(worker, "family_role"));
	bool by_spouse = fam && own_role && strcmp(own_role, "spouse") == 0;
	const char *partner_role = by_spouse ? "worker" : "spouse";
	bool new_family = !fam;
	if (!fam) {
		json_t *fb = arena_json(a->arena, json_pack("{s:s?, s:O?}", "name", last, "municipality",
		                                            json_object_get(worker, "municipality")));
		if (!fb)
			return err_oom(e);
		if ((rc = app_entity_create(a, fd, fb, &row, e)))
			return item_error("family", e);
		fam = json_integer_value(json_object_get(row, "id"));
		if ((rc = listed(written, "family", fd, fam, e)))
			return rc;
		json_t *link = arena_json(
		    a->arena, json_pack("{s:I, s:s}", "family_id", (json_int_t)fam, "family_role", "worker"));
		if (!link)
			return err_oom(e);
		if ((rc = app_entity_update(a, cd, client_id, link, 0, &row, NULL, e)))
			return item_error("client", e);
	}
	/* the family's spouse (or worker), if it has one already (a second accept, or one made by hand) */
	char ftxt[24];
	snprintf(ftxt, sizeof ftxt, "%lld", (long long)fam);
	struct store_filter f[2] = {{entity_field(cd, "family_id"), ftxt}, {entity_field(cd, "family_role"), partner_role}};
	struct store_list_query lq = {.filters = f, .nfilters = 2, .limit = 2};
	json_t *found = NULL;
	int64_t total = 0, sid = 0;
	if ((rc = app_entity_list(a, cd, &lq, &found, &total, e)))
		return rc;
	if (json_array_size(found))
		sid = json_integer_value(json_object_get(json_array_get(found, 0), "id"));
	json_t *body = sp->client_body;
	if (!sid) {
		if (!json_object_get(body, "first_name"))
			return err_key(e, ERR_INVALID, "spouse:client.first_name", "required",
			               "the spouse's first name is needed to make the spouse's record: accept it too");
		if (!json_object_get(body, "last_name") && last)
			json_object_set_new(body, "last_name", json_string(last));
		json_object_set_new(body, "family_id", json_integer(fam));
		json_object_set_new(body, "family_role", json_string(partner_role));
		json_object_set_new(body, "status", json_string("intake"));
		json_t *prog = json_object_get(resp, "invitation_programme_id"), *on = json_object_get(resp, "invitation_intake_on");
		if (json_is_integer(prog))
			json_object_set(body, "programme_id", prog);
		if (json_is_string(on))
			json_object_set(body, "intake_on", on);
		if (!by_spouse)
			json_object_set_new(body, "target_groups", json_pack("[s]", "spouse"));
		if ((rc = app_entity_create(a, cd, body, &row, e)))
			return item_error("spouse:client", e);
		sid = json_integer_value(json_object_get(row, "id"));
	} else if (json_object_size(body) && (rc = app_entity_update(a, cd, sid, body, 0, &row, NULL, e))) {
		return item_error("spouse:client", e);
	}
	if ((rc = listed(written, "spouse", cd, sid, e)))
		return rc;
	size_t i;
	json_t *it;
	json_array_foreach(sp->rows, i, it) if ((rc = write_row(a, it, sid, written, e))) return rc;
	return new_family ? starting_plan(a, fam, sid, answers, written, e) : 0;
}

int survey_review_accept(const struct actor *a, int64_t id, int64_t client_id, bool create_client, bool confirm_new,
                         json_t *keys, int64_t *out_client, json_t **written, json_t **matches, struct err *e)
{
	*out_client = 0;
	*written = NULL;
	*matches = NULL;
	struct survey_review rv = {0};
	struct picked who = {0}, spouse = {0};
	int rc = survey_review_response(a, id, &rv.row, e);
	if (rc || (rc = survey_review_still_open(rv.row, e)))
		return rc;
	if (client_id < 0)
		return err_key(e, ERR_INVALID, "client_id", "ref", "client_id must be the id of a client");
	if (!client_id && !create_client &&
	    !(client_id = (int64_t)json_integer_value(json_object_get(rv.row, "invitation_client_id"))))
		return err_key(e, ERR_INVALID, "client_id", "client",
		               "name the client (client_id) or ask for a new one (create_client: true)");
	if (survey_review_row_is_needs(rv.row))
		return err_key(e, ERR_INVALID, "employer_id", "needs_survey",
		               "answers to the employer-needs survey become a needs record of an employer, not a client's "
		               "profile: accept them with employer_id");
	if ((rc = survey_review_load(a, &rv, e)) || (rc = pick_items(a, rv.items, keys, &who, &spouse, e)))
		return rc;
	json_t *out = arena_json(a->arena, json_array());
	if (!out)
		return err_oom(e);
	if ((rc = write_client(a, rv.row, who.client_body, &client_id, out, confirm_new, matches, e)))
		return rc;
	size_t i;
	json_t *it;
	json_array_foreach(who.rows, i, it) if ((rc = write_row(a, it, client_id, out, e))) return rc;
	if ((rc = write_consent(a, rv.row, rv.answers, client_id, out, e)) ||
	    (rc = write_spouse(a, rv.row, rv.answers, &spouse, client_id, out, e)))
		return rc;
	json_t *dec = json_pack("{s:O,s:I}", "accepted", keys, "client_id", (json_int_t)client_id);
	char *dtext = dec ? json_dumps(dec, JSON_COMPACT) : NULL;
	json_decref(dec);
	if (!dtext)
		return err_oom(e);
	rc = survey_store_response_review(a->store, a->p->org_id, id, "accepted", client_id, a->p->user_id, dtext, e);
	free(dtext);
	char detail[64];
	snprintf(detail, sizeof detail, "accepted=%zu", json_array_size(keys));
	if (rc || (rc = survey_review_audit(a, "accept", id, client_id, detail, e)))
		return rc;
	*out_client = client_id;
	*written = out;
	return 0;
}

int survey_review_existing(const struct actor *a, int64_t client_id, json_t *items, json_t **old, json_t **have,
                           struct err *e)
{
	*old = arena_json(a->arena, json_object());
	*have = arena_json(a->arena, json_object());
	if (!*old || !*have)
		return err_oom(e);
	if (client_id <= 0)
		return 0;
	json_t *client, *langs;
	int rc = app_entity_get(a, entity_get(ENT_CLIENTS), client_id, &client, e); /* the actor's arena */
	if (rc)
		return rc;
	if ((rc = client_rows(a, entity_get(ENT_CLIENT_LANGUAGES), client_id, NULL, NULL, &langs, e)))
		return rc;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		const char *key = json_string_value(json_object_get(it, "key"));
		const char *entity = json_string_value(json_object_get(it, "entity"));
		json_t *fields = json_object_get(it, "fields");
		if (of_spouse(it)) /* the spouse's record is another client's */
			continue;
		if (strcmp(entity, "clients") == 0) {
			const char *col = strchr(key, '.') ? strchr(key, '.') + 1 : key;
			json_t *was = json_object_get(client, col), *now = json_object_get(fields, col);
			if (!was || json_is_null(was) || (json_is_string(was) && !json_string_length(was)))
				continue;
			json_object_set(*have, key, was);
			if (now && !json_equal(was, now))
				json_object_set(*old, key, was);
		} else if (strcmp(entity, "client-languages") == 0) {
			const char *lang = json_string_value(json_object_get(fields, "language"));
			size_t k;
			json_t *row;
			json_array_foreach(langs, k, row) {
				const char *rl = json_string_value(json_object_get(row, "language"));
				json_t *was = json_object_get(row, "level");
				if (!lang || !rl || strcmp(lang, rl) != 0)
					continue;
				json_object_set(*have, key, was);
				if (!json_equal(was, json_object_get(fields, "level")))
					json_object_set(*old, key, was);
			}
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- the employer-needs survey */

/* A number answer as a whole number (the form sends 2027 or 2027.0). */
static json_t *whole(json_t *v)
{
	if (json_is_integer(v))
		return json_integer(json_integer_value(v));
	if (json_is_real(v))
		return json_integer((json_int_t)json_real_value(v));
	if (json_is_string(v)) { /* a single's option value ("5") */
		char *end;
		long n = strtol(json_string_value(v), &end, 10);
		return *end ? json_null() : json_integer(n);
	}
	return json_null();
}

/* Copies answer `from` of answers (when given) into body as `to`. */
static void copy_answer(json_t *body, json_t *answers, const char *from, const char *to)
{
	json_t *v = json_object_get(answers, from);
	if (v && !json_is_null(v) && !(json_is_string(v) && !*json_string_value(v)))
		json_object_set(body, to, v);
}

int survey_review_accept_needs(const struct actor *a, int64_t id, int64_t employer_id, int64_t *need_id,
                               json_t **written, struct err *e)
{
	*need_id = 0;
	*written = NULL;
	struct survey_review rv = {0};
	int rc = survey_review_response(a, id, &rv.row, e);
	if (rc || (rc = survey_review_still_open(rv.row, e)))
		return rc;
	if (!survey_review_row_is_needs(rv.row))
		return err_key(e, ERR_INVALID, "employer_id", "needs_survey",
		               "only answers to the employer-needs survey become an employer's needs record");
	if (employer_id < 0)
		return err_key(e, ERR_INVALID, "employer_id", "ref", "employer_id must be the id of an employer");
	if (!employer_id &&
	    !(employer_id = (int64_t)json_integer_value(json_object_get(rv.row, "invitation_employer_id"))))
		return err_key(e, ERR_INVALID, "employer_id", "employer",
		               "name the employer (employer_id): the link these answers came through names none");
	if ((rc = survey_review_load(a, &rv, e)))
		return rc;
	const char *at = json_string_value(json_object_get(rv.row, "submitted_at"));
	char day[11];
	snprintf(day, sizeof day, "%.10s", at ? at : "");
	json_t *body = arena_json(a->arena, json_pack("{s:I,s:s,s:s}", "employer_id", (json_int_t)employer_id,
	                                              "reported_on", day, "source", "survey"));
	json_t *out = arena_json(a->arena, json_array());
	if (!body || !out)
		return err_oom(e);
	copy_answer(body, rv.answers, "longer_term_hiring", "longer_term_hiring");
	copy_answer(body, rv.answers, "skills_lacking", "skills_lacking");
	copy_answer(body, rv.answers, "challenges", "challenges");
	copy_answer(body, rv.answers, "services_wanted", "services_wanted");
	copy_answer(body, rv.answers, "needs_notes", "notes");
	const struct entity_def *nd = entity_get(ENT_EMPLOYER_NEEDS), *ad = entity_get(ENT_EMPLOYER_NEED_ARRIVALS);
	json_t *row;
	if ((rc = app_entity_create(a, nd, body, &row, e)))
		return item_error("needs", e);
	int64_t nid = (int64_t)json_integer_value(json_object_get(row, "id"));
	if ((rc = listed(out, "needs", nd, nid, e)))
		return rc;
	json_t *arrivals = json_object_get(rv.answers, "arrivals");
	size_t i;
	json_t *r;
	json_array_foreach(arrivals, i, r) {
		json_t *ab = arena_json(
		    a->arena,
		    json_pack("{s:I,s:o,s:o,s:o,s:O}", "need_id", (json_int_t)nid, "year",
		              whole(json_object_get(r, "arrival_year")), "month",
		              whole(json_object_get(r, "arrival_month")), "workers",
		              whole(json_object_get(r, "arrival_workers")), "kind",
		              json_object_get(r, "arrival_kind") ? json_object_get(r, "arrival_kind") : json_null()));
		if (!ab)
			return err_oom(e);
		copy_answer(ab, r, "arrival_role", "title");
		json_t *occ = json_object_get(r, "arrival_occupation");
		if (survey_review_is_uri(occ))
			json_object_set(ab, "esco_occupation", occ);
		else if (!json_object_get(ab, "title") && json_is_string(occ)) /* a label typed when nothing fitted */
			json_object_set(ab, "title", occ);
		char key[48];
		snprintf(key, sizeof key, "arrivals[%zu]", i);
		if ((rc = app_entity_create(a, ad, ab, &row, e)))
			return item_error(key, e);
		if ((rc = listed(out, key, ad, (int64_t)json_integer_value(json_object_get(row, "id")), e)))
			return rc;
	}
	json_t *dec = json_pack("{s:I,s:I}", "employer_id", (json_int_t)employer_id, "need_id", (json_int_t)nid);
	char *dtext = dec ? json_dumps(dec, JSON_COMPACT) : NULL;
	json_decref(dec);
	if (!dtext)
		return err_oom(e);
	rc = survey_store_response_review(a->store, a->p->org_id, id, "accepted", 0, a->p->user_id, dtext, e);
	free(dtext);
	char detail[64];
	snprintf(detail, sizeof detail, "employer_needs employer=%lld need=%lld", (long long)employer_id,
	         (long long)nid);
	if (rc || (rc = survey_review_audit(a, "accept", id, 0, detail, e)))
		return rc;
	*need_id = nid;
	*written = out;
	return 0;
}
