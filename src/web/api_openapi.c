/* api_openapi: the OpenAPI 3 document, generated from the route table and the entity table so it cannot drift;
 * docs/openapi.json is a committed copy that the API tests compare with the served one. */
#include <stdio.h>
#include <string.h>

#include "domain/entity.h"
#include "web/api.h"

static json_t *schema_of(const struct field_def *f)
{
	json_t *s;
	switch (f->type) {
	case FT_INT:
		s = json_pack("{s:s,s:I,s:I}", "type", "integer", "minimum", (json_int_t)f->min, "maximum", (json_int_t)f->max);
		break;
	case FT_REF: s = json_pack("{s:s,s:s}", "type", "integer", "description", f->ref); break;
	case FT_REAL: s = json_pack("{s:s}", "type", "number"); break;
	case FT_BOOL: s = json_pack("{s:s}", "type", "boolean"); break;
	case FT_DATE: s = json_pack("{s:s,s:s}", "type", "string", "format", "date"); break;
	case FT_EMAIL: s = json_pack("{s:s,s:s}", "type", "string", "format", "email"); break;
	case FT_ENUM:
	case FT_ENUM_LIST: {
		json_t *e = json_array();
		for (size_t i = 0; f->values[i]; i++)
			json_array_append_new(e, json_string(f->values[i]));
		s = json_pack("{s:s,s:o}", "type", "string", "enum", e);
		if (f->type == FT_ENUM_LIST)
			s = json_pack("{s:s,s:o}", "type", "array", "items", s);
		break;
	}
	default: {
		static const char *const fmt[] = {[FT_ESCO_OCCUPATION] = "esco-occupation-uri", [FT_ESCO_SKILL] = "esco-skill-uri",
		                                  [FT_ISCO] = "isco08", [FT_ISCED_FIELD] = "isced-f-2013", [FT_CEFR] = "cefr",
		                                  [FT_BUSINESS_ID] = "finnish-business-id", [FT_LANG] = "iso-639-1",
		                                  [FT_COUNTRY] = "iso-3166-1-alpha-2", [FT_PHONE] = "phone"};
		s = json_pack("{s:s}", "type", "string");
		if ((size_t)f->type < sizeof fmt / sizeof *fmt && fmt[f->type])
			json_object_set_new(s, "format", json_string(fmt[f->type]));
		if ((f->type == FT_TEXT || f->type == FT_LONGTEXT) && f->max > 0)
			json_object_set_new(s, "maxLength", json_integer(f->max));
	}
	}
	if (f->flags & (FF_SERVER | FF_VERB)) /* a verb's field is read here and changed by its own route */
		json_object_set_new(s, "readOnly", json_true());
	return s;
}

/* x-access: the entity table's authorisation rules, so clients and the authorisation test read the one table:
 * per role none/read/write, organisation scope, admin reach across organisations, the parent entity, whether rows are
 * a client's personal data, and fields only the assigned counsellor (or counsellors) may see or write. */
static json_t *access_of(const struct entity_def *d)
{
	static const char *const level[] = {"none", "read", "write"};
	json_t *roles = json_object(), *assigned = json_array(), *counsellor = json_array();
	for (int r = 0; r < ROLE_COUNT; r++)
		json_object_set_new(roles, role_name((enum role)r),
		                    json_string(level[d->access[r] <= ACC_WRITE ? d->access[r] : 0]));
	for (size_t i = 0; i < d->nfields; i++) {
		if (d->fields[i].flags & FF_ASSIGNED_ONLY)
			json_array_append_new(assigned, json_string(d->fields[i].name));
		if (d->fields[i].flags & FF_COUNSELLOR_ONLY)
			json_array_append_new(counsellor, json_string(d->fields[i].name));
	}
	return json_pack("{s:o,s:s,s:b,s:s?,s:b,s:o,s:o}", "roles", roles, "scope",
	                 d->scope == SCOPE_SELF ? "own_organisation_row" : "organisation", "admin_any_org",
	                 d->admin_any_org, "parent", d->parent, "personal", entity_audited(d), "assigned_only",
	                 assigned, "counsellor_only", counsellor);
}

static void add_op(json_t *paths, const char *path, const char *method, const char *summary, const char *tag)
{
	json_t *p = json_object_get(paths, path);
	if (!p) {
		p = json_object();
		json_object_set_new(paths, path, p);
	}
	char m[16];
	size_t i = 0;
	for (; method[i] && i < sizeof m - 1; i++)
		m[i] = (char)(method[i] | 0x20);
	m[i] = 0;
	json_object_set_new(p, m,
	                    json_pack("{s:s,s:[s],s:{s:{s:s},s:{s:s}}}", "summary", summary, "tags", tag, "responses",
	                              "200", "description", "OK", "4XX", "description",
	                              "{\"error\": {\"code\", \"message\", \"field\", \"key\"}} (key: a stable reason id "
	                              "such as required, range, too_long)"));
}

/* Versions on the routes of one record: ETag on the answers, If-Match on PATCH and DELETE, 412 on a stale one. */
static void add_versioning(json_t *paths, const char *path, const char *method, bool one)
{
	bool change = strcmp(method, "PATCH") == 0 || strcmp(method, "DELETE") == 0;
	if (!one && strcmp(method, "POST") != 0)
		return;
	char m[16];
	size_t i = 0;
	for (; method[i] && i < sizeof m - 1; i++)
		m[i] = (char)(method[i] | 0x20);
	m[i] = 0;
	json_t *op = json_object_get(json_object_get(paths, path), m);
	json_t *responses = json_object_get(op, "responses");
	if (strcmp(method, "DELETE") != 0) {
		json_t *ok = json_object_get(responses, "200");
		json_object_set_new(ok, "headers",
		                    json_pack("{s:{s:s,s:{s:s}}}", "ETag", "description",
		                              "W/\"<version>\": the record's version, for If-Match", "schema", "type",
		                              "string"));
	}
	if (!change)
		return;
	json_object_set_new(op, "parameters",
	                    json_pack("[{s:s,s:s,s:b,s:s,s:{s:s}}]", "name", "If-Match", "in", "header", "required", 0,
	                              "description",
	                              "the ETag read with the record (W/\"<version>\" or \"<version>\"; * = any): the "
	                              "change is made only while the record is still at that version. Without it the "
	                              "change is made whatever the version.",
	                              "schema", "type", "string"));
	json_object_set_new(responses, "412",
	                    json_pack("{s:s}", "description",
	                              "version_conflict: someone else changed the record since its ETag was read; "
	                              "{\"error\": {\"code\", \"message\", \"field\", \"current\"}} with the record as "
	                              "it is now in current and its ETag"));
}

/* POST /api/v1/clients: the likely-duplicate warning (app/duplicates.h) and the flag that overrides it. */
static void add_duplicates(json_t *paths)
{
	json_t *op = json_object_get(json_object_get(paths, "/api/v1/clients"), "post");
	if (!op)
		return;
	json_object_set_new(op, "description",
	                    json_string("A likely duplicate of a client of the same organisation (same first and last "
	                                "name, folded for case, accents and script, and the same birth year; or the same "
	                                "e-mail; or the same phone digits, +358 = 0) is refused with 409 likely_duplicate "
	                                "unless the body also has \"confirm_new\": true (a boolean, not stored)."));
	json_object_set_new(json_object_get(op, "responses"), "409",
	                    json_pack("{s:s}", "description",
	                              "likely_duplicate: {\"error\": {\"code\": \"conflict\", \"key\": "
	                              "\"likely_duplicate\", \"message\", \"matches\": [{id, first_name, last_name, "
	                              "birth_year, archived, reasons: [name_birth_year | email | phone]}]}}: the records "
	                              "of your organisation it may be (an erased client never matches)"));
}

json_t *api_openapi_document(void)
{
	json_t *paths = json_object(), *schemas = json_object();
	size_t n;
	const struct route *routes = web_routes(&n);
	for (size_t i = 0; i < n; i++) {
		const struct route *rt = &routes[i];
		if (strncmp(rt->pattern, "/api/", 5) != 0 && strcmp(rt->pattern, "/healthz") != 0)
			continue;
		if (!strstr(rt->pattern, "{entity}")) {
			add_op(paths, rt->pattern, rt->method, rt->summary, "osaaja");
			continue;
		}
		for (size_t k = 0; k < entity_count; k++) {
			char path[160];
			const char *tail = strstr(rt->pattern, "{entity}") + 8;
			snprintf(path, sizeof path, "/api/v1/%s%s", entity_all[k]->name, tail);
			char summary[200];
			snprintf(summary, sizeof summary, "%s: %s", entity_all[k]->name, rt->summary);
			add_op(paths, path, rt->method, summary, entity_all[k]->name);
			add_versioning(paths, path, rt->method, strcmp(tail, "/{id}") == 0);
		}
	}
	add_duplicates(paths);
	for (size_t k = 0; k < entity_count; k++) {
		const struct entity_def *d = entity_all[k];
		json_t *props = json_object(), *req = json_array();
		json_object_set_new(props, "id", json_pack("{s:s,s:b}", "type", "integer", "readOnly", 1));
		json_object_set_new(props, "version",
		                    json_pack("{s:s,s:i,s:b,s:s}", "type", "integer", "minimum", 1, "readOnly", 1,
		                              "description", "1 when created, +1 on each change; sent as the ETag"));
		for (size_t i = 0; i < d->nfields; i++) {
			json_object_set_new(props, d->fields[i].name, schema_of(&d->fields[i]));
			if (d->fields[i].flags & FF_REQUIRED)
				json_array_append_new(req, json_string(d->fields[i].name));
		}
		json_object_set_new(schemas, d->name, json_pack("{s:s,s:o,s:o,s:o}", "type", "object", "properties", props,
		                                                "required", req, "x-access", access_of(d)));
	}
	return json_pack("{s:s,s:{s:s,s:s,s:s},s:o,s:{s:o}}", "openapi", "3.0.3", "info", "title", "osaaja API",
	                 "version", "1", "description",
	                 "Log in with POST /api/v1/session {email, password}; send the session cookie and the header "
	                 "X-CSRF-Token on changes, or use Authorization: Bearer TOKEN from POST /api/v1/tokens. "
	                 "Every record has a read-only version; answers for one record carry ETag W/\"<version>\", and "
	                 "PATCH or DELETE with If-Match is refused with 412 version_conflict when someone else changed "
	                 "the record meanwhile.",
	                 "paths", paths, "components", "schemas", schemas);
}

int api_openapi(struct web_request *r)
{
	return web_json(r, 200, api_openapi_document());
}
