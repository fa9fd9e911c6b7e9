/* validate_input: JSON input -> typed entity values, with one clear message per bad field. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/validate.h"
#include "domain/entity.h"

static bool in_values(const char *const *values, const char *s)
{
	for (size_t i = 0; values && values[i]; i++)
		if (strcmp(values[i], s) == 0)
			return true;
	return false;
}

static int list_values(const char *const *values, char *out, size_t n)
{
	size_t len = 0;
	out[0] = 0;
	for (size_t i = 0; values && values[i]; i++) {
		int w = snprintf(out + len, n - len, "%s%s", i ? ", " : "", values[i]);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
	return 0;
}

static size_t max_len(const struct field_def *f)
{
	if (f->max > 0 && (f->type == FT_TEXT || f->type == FT_LONGTEXT))
		return (size_t)f->max;
	return f->type == FT_LONGTEXT ? 10000 : 300;
}

static int err_range(struct err *e, const struct field_def *f)
{
	err_key(e, ERR_INVALID, f->name, "range", "%s must be between %ld and %ld", f->name, f->min, f->max);
	if (e) {
		e->lo = f->min;
		e->hi = f->max;
	}
	return ERR_INVALID;
}

/* The value of f is not of its type: key is the error's key, what the type in words ("a whole number"). */
static int err_type(struct err *e, const struct field_def *f, const char *key, const char *what)
{
	return err_key(e, ERR_INVALID, f->name, key, "%s must be %s", f->name, what);
}

static int check_text(const struct field_def *f, json_t *j, const char **out, struct err *e)
{
	if (!json_is_string(j))
		return err_type(e, f, "format", "text");
	const char *s = json_string_value(j);
	size_t n = json_string_length(j);
	if (!validate_utf8(s, n) || strlen(s) != n)
		return err_key(e, ERR_INVALID, f->name, "chars", "%s contains characters that are not allowed", f->name);
	if (n > max_len(f))
		return err_key(e, ERR_INVALID, f->name, "too_long", "%s is too long (at most %zu bytes)", f->name,
		               max_len(f));
	if (f->type == FT_TEXT && (strchr(s, '\n') || strchr(s, '\r')))
		return err_key(e, ERR_INVALID, f->name, "one_line", "%s must be on one line", f->name);
	*out = s;
	return 0;
}

static int validate_one(const struct field_def *f, json_t *j, struct arena *a, struct entity_value *v,
                        struct err *e)
{
	v->f = f;
	if (json_is_null(j)) {
		if (f->flags & FF_REQUIRED)
			return err_key(e, ERR_INVALID, f->name, "required", "%s is required", f->name);
		v->is_null = true;
		return 0;
	}
	const char *s = NULL;
	char allowed[600];
	switch (f->type) {
	case FT_INT:
	case FT_REF:
		if (!json_is_integer(j))
			return err_type(e, f, "int", "a whole number");
		v->i = (int64_t)json_integer_value(j);
		if (f->type == FT_REF && v->i <= 0)
			return err_key(e, ERR_INVALID, f->name, "ref", "%s must be the id of an existing record", f->name);
		if (f->type == FT_INT && (v->i < f->min || v->i > f->max))
			return err_range(e, f);
		return 0;
	case FT_REAL:
		if (!json_is_number(j))
			return err_type(e, f, "number", "a number");
		v->r = json_number_value(j);
		if (!isfinite(v->r) || v->r < (double)f->min || v->r > (double)f->max)
			return err_range(e, f);
		return 0;
	case FT_BOOL:
		if (!json_is_boolean(j))
			return err_type(e, f, "choice", "true or false");
		v->i = json_is_true(j);
		return 0;
	case FT_ENUM_LIST: {
		if (!json_is_array(j))
			return err_type(e, f, "format", "a list");
		size_t n = json_array_size(j);
		if (n > 20)
			return err_key(e, ERR_INVALID, f->name, "too_many", "%s has too many values", f->name);
		size_t total = 1;
		for (size_t i = 0; i < n; i++) {
			json_t *x = json_array_get(j, i);
			if (!json_is_string(x) || !in_values(f->values, json_string_value(x))) {
				list_values(f->values, allowed, sizeof allowed);
				return err_key(e, ERR_INVALID, f->name, "choice", "%s may contain only: %s", f->name, allowed);
			}
			total += json_string_length(x) + 1;
		}
		char *out = arena_alloc(a, total);
		if (!out)
			return err_oom(e);
		size_t len = 0;
		for (size_t i = 0; i < n; i++) {
			const char *x = json_string_value(json_array_get(j, i));
			size_t xl = strlen(x);
			if (i)
				out[len++] = ',';
			memcpy(out + len, x, xl);
			len += xl;
		}
		out[len] = 0;
		v->s = out;
		return 0;
	}
	default:
		break;
	}
	int rc = check_text(f, j, &s, e);
	if (rc)
		return rc;
	if ((f->flags & FF_REQUIRED) && !*s)
		return err_key(e, ERR_INVALID, f->name, "required", "%s is required", f->name);
	v->s = s;
	bool ok = true;
	const char *what = "";
	switch (f->type) {
	case FT_DATE: ok = validate_date(s); what = "a date as YYYY-MM-DD"; break;
	case FT_EMAIL: ok = validate_email(s); what = "an e-mail address such as name@example.fi"; break;
	case FT_PHONE: ok = validate_phone(s); what = "a phone number such as +358 40 123 4567"; break;
	case FT_ESCO_OCCUPATION:
		ok = validate_esco_uri(s, "occupation");
		what = "an ESCO occupation URI (http://data.europa.eu/esco/occupation/...)";
		break;
	case FT_ESCO_SKILL:
		ok = validate_esco_uri(s, "skill");
		what = "an ESCO skill URI (http://data.europa.eu/esco/skill/...)";
		break;
	case FT_ISCO: ok = validate_isco_code(s); what = "an ISCO-08 code of 1 to 4 digits"; break;
	case FT_ISCED_FIELD: ok = validate_isced_field(s); what = "an ISCED-F 2013 field code such as 0613"; break;
	case FT_CEFR: ok = validate_cefr(s); what = "a CEFR level: A1, A2, B1, B2, C1, C2 or native"; break;
	case FT_BUSINESS_ID:
		ok = validate_business_id(s);
		what = "a Finnish business ID (Y-tunnus) such as 0112038-9 with a correct check digit";
		break;
	case FT_LANG: ok = validate_lang_code(s); what = "a two-letter language code such as fi, en, ar"; break;
	case FT_COUNTRY: ok = validate_country_code(s); what = "a two-letter country code such as FI, UA, TH"; break;
	case FT_ENUM:
		ok = in_values(f->values, s);
		if (!ok) {
			list_values(f->values, allowed, sizeof allowed);
			return err_key(e, ERR_INVALID, f->name, "choice", "%s must be one of: %s", f->name, allowed);
		}
		break;
	default: break;
	}
	if (!ok)
		return err_key(e, ERR_INVALID, f->name, f->type == FT_DATE ? "date" : "format", "%s must be %s", f->name,
		               what);
	return 0;
}

int entity_validate(const struct entity_def *d, json_t *body, bool create, struct arena *a,
                    struct entity_input *out, struct err *e)
{
	out->n = 0;
	out->v = NULL;
	if (!json_is_object(body))
		return err_key(e, ERR_INVALID, "", "format", "the request body must be a JSON object");
	const char *key;
	json_t *val;
	json_object_foreach(body, key, val) {
		const struct field_def *f = entity_field(d, key);
		if (!f) {
			if (strcmp(key, "id") == 0 || strcmp(key, "created_at") == 0 || strcmp(key, "updated_at") == 0 ||
			    strcmp(key, "archived_at") == 0 || strcmp(key, "organisation_id") == 0 ||
			    strcmp(key, "version") == 0) /* read-only: a precondition goes in If-Match */
				continue; /* echoing back a record read from the API is allowed; these are server-set */
			return err_key(e, ERR_INVALID, key, "unknown_field", "unknown field '%.40s' for %s", key, d->name);
		}
		if (f->flags & FF_SERVER)
			continue;
		if (!create && (f->flags & FF_CREATE_ONLY))
			return err_key(e, ERR_INVALID, key, "create_only", "%s cannot be changed after the record is created", key);
	}
	out->v = arena_alloc(a, (d->nfields + 1) * sizeof *out->v);
	if (!out->v)
		return err_oom(e);
	for (size_t i = 0; i < d->nfields; i++) {
		const struct field_def *f = &d->fields[i];
		if (f->flags & FF_SERVER)
			continue;
		json_t *j = json_object_get(body, f->name);
		if (!j) {
			if (create && (f->flags & FF_REQUIRED))
				return err_key(e, ERR_INVALID, f->name, "required", "%s is required", f->name);
			continue;
		}
		int rc = validate_one(f, j, a, &out->v[out->n], e);
		if (rc)
			return rc;
		out->n++;
	}
	return 0;
}

bool entity_field_visible(const struct field_def *f, enum role r, bool assigned)
{
	if ((f->flags & FF_ASSIGNED_ONLY) && !(r == ROLE_COUNSELLOR && assigned))
		return false;
	if ((f->flags & FF_COUNSELLOR_ONLY) && r != ROLE_COUNSELLOR)
		return false;
	return true;
}
