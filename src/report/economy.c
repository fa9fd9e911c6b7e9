/* economy: the economic effect of the employments in a period (docs/outcomes.md, "Economic effect"): person-months
 * of work in the months counted after each start, times the earnings and the tax rate (new tax revenue), and times
 * the unemployment benefit (benefit saved); the parameters and their sources come from economic_parameters. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "report/internal.h"
#include "store/entity_store.h"

/* Keys, units and the range a value must be in (a guard against typing 30 for 30 %, or a year's pay for a month's). */
static const struct {
	const char *name, *unit;
	double min, max;
	bool whole;
} keys[RE_KEY_COUNT] = {
	[RE_MONTHLY_EARNINGS] = {"monthly_earnings", "EUR/month", 0, 100000, false},
	[RE_TAX_RATE] = {"tax_rate", "share", 0, 1, false},
	[RE_MONTHLY_BENEFIT] = {"monthly_benefit", "EUR/month", 0, 20000, false},
	[RE_MONTHS] = {"months", "months", 1, 60, true},
};

/* A full-time week in Finland (most collective agreements): hours_per_week / FULL_TIME_HOURS is the part-time share. */
#define FULL_TIME_HOURS 37.5

const char *report_econ_key_name(enum report_econ_key k)
{
	return keys[k].name;
}

const char *report_econ_key_unit(enum report_econ_key k)
{
	return keys[k].unit;
}

int report_econ_key_parse(const char *name)
{
	for (int k = 0; name && k < RE_KEY_COUNT; k++)
		if (strcmp(name, keys[k].name) == 0)
			return k;
	return -1;
}

int report_econ_value_check(enum report_econ_key k, double v, const char *field, struct err *e)
{
	if (!isfinite(v) || v < keys[k].min || v > keys[k].max || (keys[k].whole && v != floor(v))) {
		err_key(e, ERR_INVALID, field, "range", "%s must be %s%g..%g %s", keys[k].name,
		        keys[k].whole ? "a whole number " : "", keys[k].min, keys[k].max, keys[k].unit);
		e->lo = (long)keys[k].min;
		e->hi = (long)keys[k].max;
		return ERR_INVALID;
	}
	return 0;
}

/* Newest first, so that the first row valid on the day is the one in force. */
static const char SQL_PARAMS[] =
	"SELECT key, value, source, valid_from, organisation_id FROM economic_parameters "
	"WHERE organisation_id = ?1 OR organisation_id IS NULL ORDER BY valid_from DESC, id DESC";

static void take(struct report_econ_param *p, struct store_stmt *st, bool own)
{
	const char *src = store_col_text(st, 2), *from = store_col_text(st, 3);
	p->value = store_col_real(st, 1);
	snprintf(p->source, sizeof p->source, "%s", src ? src : "");
	snprintf(p->valid_from, sizeof p->valid_from, "%s", from ? from : "");
	p->own = own;
}

int report_econ_params(struct store *s, int64_t org_id, const char *on, struct report_econ_param out[RE_KEY_COUNT],
                       struct err *e)
{
	struct store_stmt *st = NULL;
	const struct store_param p[] = {STORE_P_INT(org_id)};
	int rc = store_prepare_bound(s, SQL_PARAMS, p, STORE_NPARAMS(p), &st, e);
	if (rc)
		return rc;
	/* per key: the organisation's row in force, the default's in force, the oldest default */
	bool have_own[RE_KEY_COUNT] = {0}, have_def[RE_KEY_COUNT] = {0}, have_any[RE_KEY_COUNT] = {0};
	struct report_econ_param def[RE_KEY_COUNT] = {0}, oldest[RE_KEY_COUNT] = {0};
	memset(out, 0, RE_KEY_COUNT * sizeof *out);
	while ((rc = store_step(st, e)) == STORE_ROW) {
		int k = report_econ_key_parse(store_col_text(st, 0));
		const char *from = store_col_text(st, 3);
		bool own = store_col_type(st, 4) != STORE_NULL;
		if (k < 0 || !from)
			continue;
		bool valid = strcmp(from, on) <= 0;
		if (own && valid && !have_own[k])
			take(&out[k], st, true), have_own[k] = true;
		else if (!own && valid && !have_def[k])
			take(&def[k], st, false), have_def[k] = true;
		else if (!own)
			take(&oldest[k], st, false), have_any[k] = true;
	}
	store_reset(st);
	if (rc < 0)
		return -rc;
	for (int k = 0; k < RE_KEY_COUNT; k++) {
		if (have_own[k])
			continue;
		if (!have_def[k] && !have_any[k])
			return err_set(e, ERR_INTERNAL, "", "the economic parameter %s has no default", keys[k].name);
		out[k] = have_def[k] ? def[k] : oldest[k];
	}
	return 0;
}

static const char SQL_SET[] =
	"INSERT INTO economic_parameters (organisation_id, key, value, unit, source, valid_from, updated_by, created_at, "
	"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) ON CONFLICT (organisation_id, key, valid_from) DO UPDATE "
	"SET value = excluded.value, source = excluded.source, updated_by = excluded.updated_by, "
	"updated_at = excluded.updated_at";

int report_econ_param_set(struct store *s, int64_t org_id, enum report_econ_key k, double value, const char *source,
                          const char *valid_from, int64_t user_id, struct err *e)
{
	char now[21];
	store_now(now);
	struct store_stmt *st = NULL;
	const struct store_param p[] = {STORE_P_INT(org_id),      STORE_P_TEXT(keys[k].name), STORE_P_NULL,
	                                STORE_P_TEXT(keys[k].unit), STORE_P_TEXT(source),       STORE_P_TEXT(valid_from),
	                                STORE_P_OPT_INT(user_id), STORE_P_TEXT(now)};
	int rc = store_prepare_bound(s, SQL_SET, p, STORE_NPARAMS(p), &st, e);
	if (rc)
		return rc;
	if (store_bind_real(st, 3, value)) { /* struct store_param has no real */
		store_reset(st);
		return err_set(e, ERR_INTERNAL, "", "binding a parameter failed");
	}
	rc = store_step(st, e);
	store_reset(st);
	return rc < 0 ? -rc : 0;
}

json_t *report_econ_params_json(const char *on, const struct report_econ_param p[RE_KEY_COUNT])
{
	json_t *items = json_array();
	for (int k = 0; k < RE_KEY_COUNT; k++)
		json_array_append_new(items, json_pack("{s:s,s:f,s:s,s:s,s:s,s:b}", "key", keys[k].name, "value", p[k].value,
		                                       "unit", keys[k].unit, "source", p[k].source, "valid_from",
		                                       p[k].valid_from, "default", !p[k].own));
	return json_pack("{s:s,s:o}", "on", on, "items", items);
}

/* ---- person-months ---------------------------------------------------------------------------------------------- */

/* days + n calendar months; the 31st of a month becomes the last day of a shorter one (31 Jan + 1 = 28 Feb). */
static long add_months(long days, int n)
{
	int64_t y;
	int m, d;
	date_civil(days, &y, &m, &d);
	int64_t mm = (int64_t)m - 1 + n;
	int64_t ny = y + mm / 12;
	int nm = (int)(mm % 12) + 1;
	int len = (int)(date_days(nm == 12 ? ny + 1 : ny, nm == 12 ? 1 : nm + 1, 1) - date_days(ny, nm, 1));
	return (long)date_days(ny, nm, d < len ? d : len);
}

double report_econ_person_months(long start, long end_incl, int months)
{
	long limit = add_months(start, months);
	long stop = end_incl >= 0 && end_incl + 1 < limit ? end_incl + 1 : limit; /* the first day not worked */
	if (stop <= start)
		return 0;
	int whole = 0;
	while (whole < months && add_months(start, whole + 1) <= stop)
		whole++;
	long from = add_months(start, whole), next = add_months(start, whole + 1);
	return whole + (stop > from ? (double)(stop - from) / (double)(next - from) : 0);
}

/* ---- the estimate ----------------------------------------------------------------------------------------------- */

static const char SQL_EMPLOYMENTS[] =
	"SELECT o.starts_on, o.ends_on, o.hours_per_week FROM outcomes o{join:o} "
	"WHERE o.type IN ('employed', 'entrepreneurship') AND o.starts_on >= {from} AND o.starts_on <= {to}{xf:o}";

static double cents(double v)
{
	return round(v * 100) / 100;
}

int report_economy(struct store *s, const struct report_filter *f, struct report_economy *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->filter = *f;
	int rc = report_econ_params(s, f->org_id, f->to, out->params, e);
	if (rc)
		return rc;
	const int months = (int)out->params[RE_MONTHS].value;
	struct store_stmt *st = NULL;
	if ((rc = report_q_prepare(s, SQL_EMPLOYMENTS, f, &st, e)))
		return rc;
	double pm = 0;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		long start, end = -1;
		if (!report_days(store_col_text(st, 0), &start))
			continue;
		const char *ends = store_col_text(st, 1);
		if (ends && *ends && !report_days(ends, &end))
			end = -1;
		/* no hours written: counted as full time, the usual case of an employment recorded without them */
		double share = 1;
		if (store_col_type(st, 2) != STORE_NULL) {
			share = store_col_real(st, 2) / FULL_TIME_HOURS;
			share = share < 0 ? 0 : share > 1 ? 1 : share;
		}
		out->employments++;
		pm += share * report_econ_person_months(start, end, months);
	}
	store_reset(st);
	if (rc < 0)
		return -rc;
	const struct report_econ_param *p = out->params;
	out->person_months = cents(pm);
	out->tax_revenue = cents(pm * p[RE_MONTHLY_EARNINGS].value * p[RE_TAX_RATE].value);
	out->saved_benefit = cents(pm * p[RE_MONTHLY_BENEFIT].value);
	out->total = cents(out->tax_revenue + out->saved_benefit);
	return 0;
}

static json_t *economy_json(const struct report_economy *r)
{
	json_t *params = report_econ_params_json(r->filter.to, r->params);
	json_t *items = json_incref(json_object_get(params, "items"));
	json_decref(params);
	return json_pack("{s:o,s:I,s:f,s:f,s:f,s:f,s:s,s:o}", "filter", report_filter_json(&r->filter), "employments",
	                 (json_int_t)r->employments, "person_months", r->person_months, "tax_revenue", r->tax_revenue,
	                 "saved_benefit", r->saved_benefit, "total", r->total, "currency", "EUR", "parameters", items);
}

int report_economy_doc(struct store *s, const struct report_filter *f, json_t **out, struct err *e)
{
	struct report_economy x = {0};
	int rc = report_economy(s, f, &x, e);
	*out = rc ? NULL : economy_json(&x);
	return rc;
}
