/* economy: reading and changing the organisation's economic parameters (see economy.h). */
#include <stdio.h>
#include <string.h>

#include "app/economy.h"
#include "auth/audit.h"
#include "core/buf.h"
#include "core/validate.h"
#include "report/report.h"

static bool reads_figures(enum role r)
{
	return r == ROLE_ADMIN || r == ROLE_MANAGER || r == ROLE_COUNSELLOR || r == ROLE_COORDINATOR;
}

int app_economy_params(const struct actor *a, const char *on, json_t **out, struct err *e)
{
	*out = NULL;
	if (!reads_figures(a->p->role))
		return err_set(e, ERR_FORBIDDEN, "", "only staff may read the economic parameters");
	char today[11];
	validate_today(today);
	if (on && !validate_date(on))
		return err_key(e, ERR_INVALID, "on", "date", "on must be a date YYYY-MM-DD");
	struct report_econ_param p[RE_KEY_COUNT] = {0};
	int rc = report_econ_params(a->store, a->p->org_id, on ? on : today, p, e);
	if (rc)
		return rc;
	*out = report_econ_params_json(on ? on : today, p);
	return *out ? 0 : err_oom(e);
}

struct change {
	enum report_econ_key key;
	double value;
	const char *source;
	char valid_from[11];
};

/* One item of the body, checked; field names the item for the message. */
static int item_of(json_t *it, size_t i, const char *today, struct change *c, struct err *e)
{
	char field[64];
	snprintf(field, sizeof field, "items[%zu]", i);
	if (!json_is_object(it))
		return err_set(e, ERR_INVALID, field, "each item is an object {key, value, source, valid_from}");
	const char *key = json_string_value(json_object_get(it, "key"));
	int k = report_econ_key_parse(key);
	snprintf(field, sizeof field, "items[%zu].key", i);
	if (k < 0)
		return err_key(e, ERR_INVALID, field, "choice",
		               "key must be monthly_earnings, tax_rate, monthly_benefit or months");
	c->key = (enum report_econ_key)k;
	json_t *v = json_object_get(it, "value");
	snprintf(field, sizeof field, "items[%zu].value", i);
	if (!json_is_number(v))
		return err_key(e, ERR_INVALID, field, "number", "value must be a number");
	c->value = json_number_value(v);
	int rc = report_econ_value_check(c->key, c->value, field, e);
	if (rc)
		return rc;
	c->source = json_string_value(json_object_get(it, "source"));
	snprintf(field, sizeof field, "items[%zu].source", i);
	if (!c->source || !*c->source)
		return err_key(e, ERR_INVALID, field, "required", "source must name where the figure comes from");
	if (strlen(c->source) > APP_ECONOMY_MAX_SOURCE || !validate_utf8(c->source, strlen(c->source)))
		return err_key(e, ERR_INVALID, field, "too_long", "source must be text of at most %d bytes",
		               APP_ECONOMY_MAX_SOURCE);
	const char *from = json_string_value(json_object_get(it, "valid_from"));
	snprintf(field, sizeof field, "items[%zu].valid_from", i);
	if (json_object_get(it, "valid_from") && !json_is_null(json_object_get(it, "valid_from")) &&
	    !(from && validate_date(from)))
		return err_key(e, ERR_INVALID, field, "date", "valid_from must be a date YYYY-MM-DD");
	snprintf(c->valid_from, sizeof c->valid_from, "%s", from ? from : today);
	return 0;
}

int app_economy_params_set(const struct actor *a, json_t *body, struct err *e)
{
	if (a->p->role != ROLE_ADMIN)
		return err_set(e, ERR_FORBIDDEN, "", "only an administrator may change the economic parameters");
	json_t *items = json_object_get(body, "items");
	if (!json_is_array(items) || json_array_size(items) == 0)
		return err_key(e, ERR_INVALID, "items", "required", "items must be a list of parameters");
	if (json_array_size(items) > APP_ECONOMY_MAX_ITEMS)
		return err_set(e, ERR_TOO_BIG, "items", "at most %d items", APP_ECONOMY_MAX_ITEMS);
	char today[11];
	validate_today(today);
	struct change c[APP_ECONOMY_MAX_ITEMS] = {0};
	size_t n = json_array_size(items);
	for (size_t i = 0; i < n; i++) { /* all checked before one is written */
		int rc = item_of(json_array_get(items, i), i, today, &c[i], e);
		if (rc)
			return rc;
	}
	struct buf detail = {0};
	buf_init(&detail, 1024);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		rc = report_econ_param_set(a->store, a->p->org_id, c[i].key, c[i].value, c[i].source, c[i].valid_from,
		                           a->p->user_id, e);
		buf_printf(&detail, "%s%s=%g from %s", i ? ", " : "", report_econ_key_name(c[i].key), c[i].value,
		           c[i].valid_from);
	}
	if (!rc)
		rc = audit_principal(a->store, a->p, "update", "economic_parameters", 0, 0,
		                     detail.failed ? "economic parameters" : detail.data, e);
	buf_free(&detail);
	return rc;
}
