/* stages: the day a proposal and a degree recognition first reach each stage (see report.h). A stage implies the
 * ones before it (a hire was sent, interviewed and offered), so a jump fills the earlier days with the same day and
 * the funnel's stages stay subsets of each other; a day already set (or written by the counsellor) stays. */
#include "core/validate.h"
#include "report/internal.h"

/* Runs an UPDATE whose ?1 is the row's id and ?2 today's date. */
static int update_today(struct store *s, const char *sql, int64_t id, struct err *e)
{
	char today[11];
	validate_today(today);
	struct store_param p[] = {STORE_P_INT(id), STORE_P_TEXT(today)};
	return store_run(s, sql, p, STORE_NPARAMS(p), NULL, e);
}

int report_proposal_written(struct store *s, int64_t proposal_id, struct err *e)
{
	return update_today(s,
	                    "UPDATE proposals SET "
	                    "sent_on = CASE WHEN sent_on IS NULL AND stage IN ('sent', 'interview', 'offered', 'hired') "
	                    "THEN ?2 ELSE sent_on END, "
	                    "interview_on = CASE WHEN interview_on IS NULL AND stage IN ('interview', 'offered', 'hired') "
	                    "THEN COALESCE(offered_on, hired_on, ?2) ELSE interview_on END, "
	                    "offered_on = CASE WHEN offered_on IS NULL AND stage IN ('offered', 'hired') "
	                    "THEN COALESCE(hired_on, ?2) ELSE offered_on END, "
	                    "hired_on = CASE WHEN hired_on IS NULL AND stage = 'hired' THEN ?2 ELSE hired_on END "
	                    "WHERE id = ?1",
	                    proposal_id, e);
}

int report_education_written(struct store *s, int64_t education_id, struct err *e)
{
	return update_today(s,
	                    "UPDATE educations SET "
	                    "recognition_applied_on = CASE WHEN recognition_applied_on IS NULL AND recognition IN "
	                    "('in_progress', 'recognised', 'partially', 'refused') "
	                    "THEN COALESCE(recognition_decided_on, ?2) ELSE recognition_applied_on END, "
	                    "recognition_decided_on = CASE WHEN recognition_decided_on IS NULL AND recognition IN "
	                    "('recognised', 'partially', 'refused') THEN ?2 ELSE recognition_decided_on END "
	                    "WHERE id = ?1",
	                    education_id, e);
}
