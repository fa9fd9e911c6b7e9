/* settling: how far the families' settling-in plans are, and how many families are still in the region 6 and 12
 * months after they arrived (see report_settling in report.h; docs/outcomes.md, "Families and settling in"). */
#include <stdio.h>
#include <string.h>

#include "report/internal.h"

/* The families of the filter: of the caller's organisation, with an adult client in the counted population that
 * the filter's programme, target group and municipality select. */
#define FAMILY_WHERE                                                                                                  \
	"fam.archived_at IS NULL{org:fam} AND EXISTS (SELECT 1 FROM clients c WHERE c.family_id = fam.id{cfx})"
/* steps that count: not removed, and needed (a step marked not needed is neither done nor left to do) */
#define STEP_COUNTS "t.archived_at IS NULL AND t.state <> 'not_needed'"
#define STEP_DONE "t.state = 'done' AND t.done_on <= {to}"

static const char SQL_FAMILIES[] =
	"SELECT fam.id, fam.arrived_on, fam.left_region_on, "
	"(SELECT COUNT(*) FROM settling_steps t WHERE t.family_id = fam.id AND " STEP_COUNTS "), "
	"(SELECT COUNT(*) FROM settling_steps t WHERE t.family_id = fam.id AND " STEP_COUNTS " AND " STEP_DONE ") "
	"FROM families fam WHERE " FAMILY_WHERE " ORDER BY fam.id";
static const char SQL_BY_KIND[] =
	"SELECT t.kind, COUNT(*), COALESCE(SUM(CASE WHEN " STEP_DONE " THEN 1 ELSE 0 END), 0) FROM settling_steps t "
	"JOIN families fam ON fam.id = t.family_id WHERE " STEP_COUNTS " AND " FAMILY_WHERE " GROUP BY t.kind "
	"ORDER BY t.kind";

enum { SETTLING_MAX_FAMILIES = 20000 };

/* date + months (the day clamped to the month's length); false when date is not a date. */
static bool add_months(const char *date, int months, char out[24])
{
	long d;
	if (!date || !report_days(date, &d))
		return false;
	int y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
	int m = (date[5] - '0') * 10 + (date[6] - '0') - 1 + months;
	int day = (date[8] - '0') * 10 + (date[9] - '0');
	y += m / 12;
	m = m % 12 + 1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (y < 1 || y > 9999)
		return false;
	snprintf(out, 24, "%04d-%02u-%02u", y, (unsigned)m % 100u, (unsigned)(day < last ? day : last) % 100u);
	return true;
}

static json_t *pct(int64_t num, int64_t den)
{
	return den ? json_real((double)(int64_t)(1000.0 * (double)num / (double)den + 0.5) / 10.0) : json_null();
}

int report_settling(struct store *s, const struct report_filter *f, json_t **out, struct err *e)
{
	*out = NULL;
	struct store_stmt *st = NULL;
	int rc = report_q_prepare(s, SQL_FAMILIES, f, &st, e);
	if (rc)
		return rc;
	json_t *per = json_array();
	int64_t families = 0, steps = 0, done = 0, complete = 0, with_plan = 0;
	static const int marks[] = {6, 12};
	int64_t due[2] = {0}, stayed[2] = {0};
	size_t n = 0;
	while (n++ < SETTLING_MAX_FAMILIES && (rc = store_step(st, e)) == STORE_ROW) {
		const char *arrived = store_col_text(st, 1), *left = store_col_text(st, 2);
		int64_t fs = store_col_int(st, 3), fd = store_col_int(st, 4);
		families++;
		steps += fs;
		done += fd;
		with_plan += fs > 0;
		complete += fs > 0 && fd == fs;
		for (int k = 0; k < 2; k++) {
			/* the mark (arrival + 6 or 12 months) falls in the period: counted; still here if not left by then */
			char mark[24];
			if (!add_months(arrived, marks[k], mark) || strcmp(mark, f->from) < 0 || strcmp(mark, f->to) > 0)
				continue;
			due[k]++;
			stayed[k] += !left || strcmp(left, mark) > 0;
		}
		json_array_append_new(per, json_pack("{s:I,s:s?,s:s?,s:I,s:I,s:o}", "family_id",
		                                     (json_int_t)store_col_int(st, 0), "arrived_on", arrived,
		                                     "left_region_on", left, "steps", (json_int_t)fs, "done", (json_int_t)fd,
		                                     "done_pct", pct(fd, fs)));
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(per);
		return -rc;
	}
	json_t *kinds = json_array();
	if ((rc = report_q_prepare(s, SQL_BY_KIND, f, &st, e))) {
		json_decref(per);
		json_decref(kinds);
		return rc;
	}
	while ((rc = store_step(st, e)) == STORE_ROW) {
		int64_t ks = store_col_int(st, 1), kd = store_col_int(st, 2);
		json_array_append_new(kinds, json_pack("{s:s?,s:I,s:I,s:o}", "kind", store_col_text(st, 0), "steps",
		                                       (json_int_t)ks, "done", (json_int_t)kd, "done_pct", pct(kd, ks)));
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(per);
		json_decref(kinds);
		return -rc;
	}
	json_t *region = json_object();
	for (int k = 0; k < 2; k++) {
		char key[4];
		snprintf(key, sizeof key, "%d", marks[k]);
		json_object_set_new(region, key, json_pack("{s:I,s:I,s:o}", "families", (json_int_t)due[k], "still_in_region",
		                                           (json_int_t)stayed[k], "still_in_region_pct",
		                                           pct(stayed[k], due[k])));
	}
	*out = json_pack("{s:o,s:{s:I,s:I,s:I,s:I,s:o,s:I},s:o,s:o,s:o}", "filter", report_filter_json(f), "summary",
	                 "families", (json_int_t)families, "families_with_plan", (json_int_t)with_plan, "steps",
	                 (json_int_t)steps, "steps_done", (json_int_t)done, "steps_done_pct", pct(done, steps),
	                 "families_complete", (json_int_t)complete, "by_kind", kinds, "families", per, "region", region);
	return *out ? 0 : err_oom(e);
}

/* A part of a total as shown: hidden when it is small, or when what is left of the total is (the total shown beside
 * it would give the rest away: the secondary rule of report_crosstab_suppress on a line of two). */
static bool part_hidden(int64_t part, int64_t total, bool total_hidden, int k)
{
	return report_suppressed(part, k) || (!total_hidden && report_suppressed(total - part, k));
}

static void hide(json_t *obj, const char *key)
{
	json_object_set_new(obj, key, json_null());
}

/* One line of part/total with its share: the counts hidden by the rule, the share when either is. */
static void line_suppress(json_t *o, const char *total_key, const char *part_key, const char *pct_key, int k)
{
	int64_t total = json_integer_value(json_object_get(o, total_key));
	int64_t part = json_integer_value(json_object_get(o, part_key));
	bool th = report_suppressed(total, k), ph = part_hidden(part, total, th, k);
	if (th)
		hide(o, total_key);
	if (ph)
		hide(o, part_key);
	if ((th || ph) && pct_key)
		hide(o, pct_key);
}

void report_settling_suppress(json_t *j, int k)
{
	if (k <= 0 || !j)
		return;
	json_object_set_new(j, "min_cell", json_integer(k));
	json_object_del(j, "families"); /* one row per family: never in a figure that leaves the service */
	json_t *sum = json_object_get(j, "summary");
	int64_t families = json_integer_value(json_object_get(sum, "families"));
	int64_t complete = json_integer_value(json_object_get(sum, "families_complete"));
	bool fh = report_suppressed(families, k);
	line_suppress(sum, "families", "families_with_plan", NULL, k);
	if (part_hidden(complete, families, fh, k))
		hide(sum, "families_complete");
	line_suppress(sum, "steps", "steps_done", "steps_done_pct", k);
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(j, "by_kind"), i, x) line_suppress(x, "steps", "done", "done_pct", k);
	const char *m;
	json_object_foreach(json_object_get(j, "region"), m, x)
		line_suppress(x, "families", "still_in_region", "still_in_region_pct", k);
}
