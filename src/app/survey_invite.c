/* app survey_invite: making survey links (see survey_invite.h). */
#include "app/survey_invite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/survey_review.h"
#include "auth/audit.h"
#include "auth/auth.h"
#include "core/arena.h"
#include "core/validate.h"
#include "store/entity_store.h"
#include "store/survey_store.h"

static void iso_in(long seconds, char out[21])
{
	time_t t = time(NULL) + seconds;
	struct tm tm = {0};
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int get_long(json_t *body, const char *name, long def, long min, long max, long *out, struct err *e)
{
	json_t *v = json_object_get(body, name);
	*out = def;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return err_set(e, ERR_INVALID, name, "%s must be a whole number from %ld to %ld", name, min, max);
	*out = (long)json_integer_value(v);
	return 0;
}

/* 0 when the row id of entity ent is one the actor may use; else a bad reference in field. */
static int check_ref(const struct actor *a, enum entity_id ent, int64_t id, const char *field, const char *message,
                     struct err *e)
{
	json_t *row;
	int rc = store_entity_get(a->store, entity_get(ent), a->p->org_id, id, &row, e);
	if (rc) {
		err_key(e, ERR_INVALID, field, "ref", "%s", message);
		return rc == ERR_NOT_FOUND ? ERR_INVALID : rc;
	}
	json_decref(row);
	return 0;
}

int app_survey_invite(const struct actor *a, json_t *body, json_t **out, struct err *e)
{
	*out = NULL;
	static const char *const known[] = {"survey_id", "single_use", "count", "max_uses", "expires_in_days",
	                                    "client_id", "label", "lang", "programme_id", "target_groups", "intake_on",
	                                    "employer_id", NULL};
	const char *k;
	json_t *v;
	json_object_foreach(body, k, v) {
		bool ok = false;
		for (size_t i = 0; known[i]; i++)
			ok |= strcmp(k, known[i]) == 0;
		if (!ok)
			return err_set(e, ERR_INVALID, k, "%.60s is not a field of an invitation", k);
	}
	long survey_id, count, max_uses, days, client_id, programme_id, employer_id;
	int rc;
	if ((rc = get_long(body, "survey_id", 0, 1, 1L << 50, &survey_id, e)) ||
	    (rc = get_long(body, "count", 1, 1, 100, &count, e)) ||
	    (rc = get_long(body, "max_uses", 0, 1, 100000, &max_uses, e)) ||
	    (rc = get_long(body, "expires_in_days", 14, 1, 365, &days, e)) ||
	    (rc = get_long(body, "client_id", 0, 1, 1L << 50, &client_id, e)) ||
	    (rc = get_long(body, "programme_id", 0, 1, 1L << 50, &programme_id, e)) ||
	    (rc = get_long(body, "employer_id", 0, 1, 1L << 50, &employer_id, e)))
		return rc;
	/* what the link sets on the client when its answers are accepted: the values of the client's own fields */
	json_t *tg = json_object_get(body, "target_groups");
	char *tgtext = NULL;
	if (tg && !json_is_null(tg)) {
		const struct field_def *f = entity_field(entity_get(ENT_CLIENTS), "target_groups");
		bool ok = json_is_array(tg) && json_array_size(tg) <= 10;
		size_t i;
		json_t *x;
		json_array_foreach(tg, i, x) {
			bool listed = false;
			for (size_t n = 0; json_is_string(x) && f->values[n]; n++)
				listed |= strcmp(f->values[n], json_string_value(x)) == 0;
			ok &= listed;
		}
		if (!ok)
			return err_set(e, ERR_INVALID, "target_groups", "target_groups must be a list of client target groups");
		if (json_array_size(tg) && !(tgtext = json_dumps(tg, JSON_COMPACT)))
			return err_oom(e);
		if (tgtext && arena_defer(a->arena, free, tgtext)) {
			free(tgtext);
			return err_oom(e);
		}
	}
	json_t *io = json_object_get(body, "intake_on");
	const char *intake_on = json_string_value(io);
	if (io && !json_is_null(io) && (!intake_on || !validate_date(intake_on)))
		return err_set(e, ERR_INVALID, "intake_on", "intake_on must be a date (YYYY-MM-DD)");
	if (!survey_id)
		return err_set(e, ERR_INVALID, "survey_id", "survey_id is required");
	json_t *su = json_object_get(body, "single_use");
	if (su && !json_is_boolean(su))
		return err_set(e, ERR_INVALID, "single_use", "single_use must be true or false");
	bool single = !su || json_is_true(su);
	const char *label = json_string_value(json_object_get(body, "label"));
	if (json_object_get(body, "label") && !json_is_null(json_object_get(body, "label")) &&
	    (!label || strlen(label) > 100 || !validate_utf8(label, strlen(label))))
		return err_set(e, ERR_INVALID, "label", "label must be text of at most 100 bytes");
	const char *lang = json_string_value(json_object_get(body, "lang"));
	if (lang && !validate_lang_code(lang))
		return err_set(e, ERR_INVALID, "lang", "lang must be a two-letter language code");
	if (!single)
		count = 1;
	json_t *srow;
	if ((rc = survey_store_get(a->store, a->p->org_id, survey_id, &srow, e)))
		return rc;
	/* who may send which survey, and to whom: src/app/survey_review.h (survey_review_may_invite) */
	const char *slug = json_string_value(json_object_get(srow, "slug"));
	rc = survey_review_may_invite(a->p->role, slug, client_id, employer_id, e);
	json_decref(srow);
	if (rc)
		return rc;
	if (employer_id &&
	    (rc = check_ref(a, ENT_EMPLOYERS, employer_id, "employer_id", "no employer with that id in your organisation", e)))
		return rc;
	if (client_id &&
	    (rc = check_ref(a, ENT_CLIENTS, client_id, "client_id", "no client with that id that you can use", e)))
		return rc;
	if (programme_id &&
	    (rc = check_ref(a, ENT_PROGRAMMES, programme_id, "programme_id", "no programme with that id in your organisation", e)))
		return rc;
	char expires[21];
	iso_in(days * 86400L, expires);
	json_t *items = arena_json(a->arena, json_array());
	if (!items)
		return err_oom(e);
	for (long i = 0; i < count; i++) {
		char tok[AUTH_TOKEN_HEX + 1], hash[65];
		auth_random_token(tok);
		auth_hash_hex(tok, strlen(tok), hash);
		struct survey_invitation_new in = {
			.org_id = a->p->org_id, .survey_id = survey_id, .client_id = client_id, .created_by = a->p->user_id,
			.token_hash = hash, .label = label, .lang = lang, .expires_at = expires, .single_use = single,
			.max_uses = single ? 0 : max_uses, .programme_id = programme_id, .target_groups = tgtext,
			.intake_on = intake_on, .employer_id = employer_id,
		};
		int64_t id;
		if ((rc = survey_store_invitation_insert(a->store, &in, &id, e)) ||
		    (rc = audit_principal(a->store, a->p, "create", "survey-invitations", id, client_id,
		                          single ? "single_use" : "group", e)))
			return rc;
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:b}", "id", (json_int_t)id, "token", tok, "expires_at",
		                                       expires, "single_use", single));
	}
	if (!(*out = arena_json(a->arena, json_pack("{s:O}", "items", items))))
		return err_oom(e);
	return 0;
}
