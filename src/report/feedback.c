/* feedback: the clients' satisfaction with the service, from the answers to the shipped feedback survey
 * (data/surveys/feedback.json; docs/outcomes.md, "Client feedback"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

/* The survey's rating question and its scale; an answer is a string "1".."5" (a number is taken too). */
#define SATISFACTION "satisfaction"
enum { SCALE_MIN = 1, SCALE_MAX = 5, SATISFIED_FROM = 4 };

/* By the survey of the link (an invitation always names one), whichever version or copy of the feedback survey. */
static const char SQL_ANSWERS[] =
	"SELECT r.answers FROM survey_responses r JOIN survey_invitations i ON i.id = r.invitation_id "
	"JOIN surveys v ON v.id = i.survey_id WHERE v.slug = '" REPORT_FEEDBACK_SURVEY "' AND r.submitted_at IS NOT NULL "
	"AND r.submitted_at >= {from} AND r.submitted_at < {next}{org:r}";

static int rating_of(const char *answers)
{
	json_t *j = answers ? json_loads(answers, 0, NULL) : NULL;
	json_t *v = json_object_get(j, SATISFACTION);
	long r = 0;
	if (json_is_integer(v))
		r = (long)json_integer_value(v);
	else if (json_is_string(v) && json_string_length(v) == 1)
		r = strtol(json_string_value(v), NULL, 10);
	json_decref(j);
	return r >= SCALE_MIN && r <= SCALE_MAX ? (int)r : 0;
}

int report_feedback(struct store *s, const struct report_filter *f, int min_cell, struct report_feedback *out,
                    struct err *e)
{
	memset(out, 0, sizeof *out);
	out->filter = *f;
	out->min_cell = min_cell;
	struct store_stmt *st = NULL;
	int rc = report_q_prepare(s, SQL_ANSWERS, f, &st, e);
	if (rc)
		return rc;
	int64_t sum = 0;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		out->responses++;
		int r = rating_of(store_col_text(st, 0));
		if (!r)
			continue; /* the rating is optional to answer; an unrated answer counts only as a response */
		out->rated++;
		sum += r;
		out->satisfied += r >= SATISFIED_FROM;
	}
	store_reset(st);
	if (rc < 0)
		return -rc;
	out->hidden = out->rated < min_cell || out->rated == 0;
	if (!out->hidden) {
		out->mean = round((double)sum / (double)out->rated * 10) / 10;
		out->satisfied_pct = round((double)out->satisfied / (double)out->rated * 1000) / 10;
	}
	return 0;
}

static json_t *feedback_json(const struct report_feedback *r)
{
	json_t *j = json_pack("{s:o,s:s,s:I,s:I}", "filter", report_filter_json(&r->filter), "survey",
	                      REPORT_FEEDBACK_SURVEY, "responses", (json_int_t)r->responses, "rated",
	                      (json_int_t)r->rated);
	json_object_set_new(j, "mean_satisfaction", r->hidden ? json_null() : json_real(r->mean));
	json_object_set_new(j, "satisfied", r->hidden ? json_null() : json_integer((json_int_t)r->satisfied));
	json_object_set_new(j, "satisfied_pct", r->hidden ? json_null() : json_real(r->satisfied_pct));
	json_object_set_new(j, "scale", json_pack("{s:i,s:i,s:i}", "min", SCALE_MIN, "max", SCALE_MAX, "satisfied_from",
	                                          SATISFIED_FROM));
	json_object_set_new(j, "min_cell", json_integer(r->min_cell));
	return j;
}

int report_feedback_doc(struct store *s, const struct report_filter *f, json_t **out, struct err *e)
{
	struct report_feedback x = {0};
	int rc = report_feedback(s, f, report_min_cell(), &x, e);
	*out = rc ? NULL : feedback_json(&x);
	return rc;
}
