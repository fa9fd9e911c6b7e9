/* survey_def (app): stored survey definitions, parsed once per process and checked by their stamp on each use. */
#include "app/survey_def.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "core/log.h"
#include "store/survey_store.h"

static void free_def(void *p)
{
	survey_definition_free(p);
}

int app_survey_def_parse(struct store *s, int64_t org_id, int64_t id, struct arena *a, struct survey_def **out,
                         json_t **row, struct err *e)
{
	json_t *stored;
	int rc = survey_store_get(s, org_id, id, &stored, e);
	if (rc)
		return rc;
	if (!arena_json(a, stored))
		return err_oom(e);
	const char *text = json_string_value(json_object_get(stored, "definition"));
	struct survey_def *def;
	struct err pe = {0};
	if (survey_definition_parse(text ? text : "", text ? strlen(text) : 0, &def, &pe)) {
		log_error("event=survey_stored_invalid id=%lld message=\"%s\"", (long long)id, pe.message);
		return err_set(e, ERR_INTERNAL, "", "a stored survey definition does not parse");
	}
	if (arena_defer(a, free_def, def)) {
		survey_definition_free(def);
		return err_oom(e);
	}
	*out = def;
	if (row)
		*row = stored;
	return 0;
}

static struct {
	int64_t id;
	char *stamp;
	struct survey_def *def;
} kept[APP_SURVEY_DEFS_KEPT];
static size_t nkept;
static pthread_mutex_t kept_mu = PTHREAD_MUTEX_INITIALIZER;

/* The kept definition of id with this stamp, or NULL; *id_kept when id is kept at all. Called with kept_mu held. */
static struct survey_def *kept_find(int64_t id, const char *stamp, bool *id_kept)
{
	for (size_t i = 0; i < nkept; i++)
		if (kept[i].id == id) {
			*id_kept = true;
			return strcmp(kept[i].stamp, stamp) == 0 ? kept[i].def : NULL;
		}
	return NULL;
}

/* The definition of survey id whose stamp is slug, version, created (read by the caller), kept or parsed. */
static int def_of_stamp(struct store *s, int64_t org_id, int64_t id, const char *slug, long long version,
                        const char *created, struct arena *a, const struct survey_def **out, struct err *e)
{
	int rc;
	char stamp[256];
	int n = snprintf(stamp, sizeof stamp, "%s|%lld|%s", slug ? slug : "", version, created ? created : "");
	bool keepable = n > 0 && (size_t)n < sizeof stamp, id_kept = false;
	if (keepable) {
		pthread_mutex_lock(&kept_mu);
		const struct survey_def *k = kept_find(id, stamp, &id_kept);
		pthread_mutex_unlock(&kept_mu);
		if (k) {
			*out = k;
			return 0;
		}
	}
	/* Parsed without the arena's ownership first: a kept parse outlives the request. */
	json_t *stored;
	if ((rc = survey_store_get(s, org_id, id, &stored, e)))
		return rc;
	const char *text = json_string_value(json_object_get(stored, "definition"));
	struct survey_def *def;
	struct err pe = {0};
	rc = survey_definition_parse(text ? text : "", text ? strlen(text) : 0, &def, &pe);
	json_decref(stored);
	if (rc) {
		log_error("event=survey_stored_invalid id=%lld message=\"%s\"", (long long)id, pe.message);
		return err_set(e, ERR_INTERNAL, "", "a stored survey definition does not parse");
	}
	char *copy = keepable && !id_kept ? strdup(stamp) : NULL;
	bool is_kept = false;
	if (copy) {
		pthread_mutex_lock(&kept_mu);
		id_kept = false;
		if (!kept_find(id, stamp, &id_kept) && !id_kept && nkept < APP_SURVEY_DEFS_KEPT) {
			kept[nkept].id = id;
			kept[nkept].stamp = copy;
			kept[nkept].def = def;
			nkept++;
			is_kept = true;
		}
		pthread_mutex_unlock(&kept_mu);
	}
	if (!is_kept) {
		free(copy);
		if (arena_defer(a, free_def, def)) {
			survey_definition_free(def);
			return err_oom(e);
		}
	}
	*out = def;
	return 0;
}

int app_survey_def(struct store *s, int64_t org_id, int64_t id, struct arena *a, const struct survey_def **out,
                   struct err *e)
{
	json_t *st;
	int rc = survey_store_stamp(s, org_id, id, &st, e);
	if (rc)
		return rc;
	rc = def_of_stamp(s, org_id, id, json_string_value(json_object_get(st, "slug")),
	                  (long long)json_integer_value(json_object_get(st, "version")),
	                  json_string_value(json_object_get(st, "created_at")), a, out, e);
	json_decref(st);
	return rc;
}

int app_survey_def_of_link(struct store *s, json_t *inv, struct arena *a, const struct survey_def **out, struct err *e)
{
	int64_t id = (int64_t)json_integer_value(json_object_get(inv, "survey_id"));
	const char *slug = json_string_value(json_object_get(inv, "survey_slug"));
	if (!slug) /* a link row read without its survey's stamp */
		return app_survey_def(s, 0, id, a, out, e);
	return def_of_stamp(s, 0, id, slug, (long long)json_integer_value(json_object_get(inv, "survey_version")),
	                    json_string_value(json_object_get(inv, "survey_created_at")), a, out, e);
}

int app_survey_import(const struct actor *a, const char *text, size_t len, json_t **out, struct err *e)
{
	*out = NULL;
	struct survey_def *def;
	int rc = survey_definition_parse(text, len, &def, e);
	if (rc)
		return rc;
	json_t *canon = survey_definition_to_json(def);
	char *ctext = canon ? json_dumps(canon, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(canon);
	int64_t id = 0;
	if (!ctext)
		rc = err_oom(e);
	else
		rc = survey_store_insert(a->store, a->p->org_id, def->slug, def->version, ctext, &id, e);
	free(ctext);
	if (!rc) {
		char detail[120];
		snprintf(detail, sizeof detail, "slug=%s version=%ld", def->slug, def->version);
		if (!(rc = audit_principal(a->store, a->p, "create", "surveys", id, 0, detail, e)) &&
		    !(*out = json_pack("{s:I,s:s,s:I}", "id", (json_int_t)id, "slug", def->slug, "version",
		                       (json_int_t)def->version)))
			rc = err_oom(e);
	}
	survey_definition_free(def);
	return rc;
}
