/* indicators: the programme figures, one named SQL template per query (see report.h and docs/outcomes.md). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/validate.h"
#include "report/internal.h"

extern const char *const domain_target_groups[];

/* ---- filter ---------------------------------------------------------------------------------------------------- */

void report_filter_init(struct report_filter *f, int64_t org_id)
{
	memset(f, 0, sizeof *f);
	f->org_id = org_id;
	validate_today(f->to);
	snprintf(f->from, sizeof f->from, "%.4s-01-01", f->to);
}

static int parse_id(const char *v, int64_t *out)
{
	char *end;
	long long x = strtoll(v, &end, 10);
	if (!*v || *end || x <= 0)
		return -1;
	*out = x;
	return 0;
}

static bool listed(const char *const *names, const char *name)
{
	for (; names && *names; names++)
		if (strcmp(*names, name) == 0)
			return true;
	return false;
}

int report_filter_param(struct report_filter *f, const char *const *only, const char *const *skip, const char *name,
                        const char *value, struct err *e)
{
	if (strcmp(name, "lang") == 0 || listed(skip, name))
		return 0;
	if (only && !listed(only, name)) {
		char names[120] = "";
		size_t n = 0;
		for (const char *const *o = only; *o && n < sizeof names; o++)
			n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", n ? ", " : "", *o);
		return err_set(e, ERR_INVALID, name, "%.40s is not a filter of these figures (they take %s)", name, names);
	}
	return report_filter_set(f, name, value, false, e);
}

int report_filter_set(struct report_filter *f, const char *name, const char *value, bool allow_org, struct err *e)
{
	if (!value)
		return err_set(e, ERR_INVALID, name, "%.40s needs a value", name);
	if (strcmp(name, "programme_id") == 0) {
		if (!*value) {
			f->programme_id = 0;
			return 0;
		}
		if (parse_id(value, &f->programme_id))
			return err_set(e, ERR_INVALID, name, "programme_id must be a programme's id");
		return 0;
	}
	if (allow_org && strcmp(name, "organisation_id") == 0) {
		if (parse_id(value, &f->org_id))
			return err_set(e, ERR_INVALID, name, "organisation_id must be an organisation's id");
		return 0;
	}
	if (strcmp(name, "target_group") == 0) {
		if (!*value) {
			f->target_group[0] = 0;
			return 0;
		}
		for (size_t i = 0; domain_target_groups[i]; i++) {
			if (strcmp(domain_target_groups[i], value) == 0) {
				snprintf(f->target_group, sizeof f->target_group, "%s", value);
				return 0;
			}
		}
		return err_set(e, ERR_INVALID, name, "target_group must be one of the target groups (e.g. immigrant)");
	}
	if (strcmp(name, "municipality") == 0) {
		if (strlen(value) >= sizeof f->municipality || !validate_utf8(value, strlen(value)))
			return err_set(e, ERR_INVALID, name, "municipality must be text of at most 100 bytes");
		snprintf(f->municipality, sizeof f->municipality, "%s", value);
		return 0;
	}
	if (strcmp(name, "scope") == 0) {
		if (strcmp(value, "programme") && strcmp(value, "organisation") && *value)
			return err_set(e, ERR_INVALID, name, "scope must be organisation (your own clients) or programme (every "
			               "organisation of the programme)");
		f->combined = strcmp(value, "programme") == 0;
		return 0;
	}
	if (strcmp(name, "from") == 0 || strcmp(name, "to") == 0) {
		if (!validate_date(value))
			return err_set(e, ERR_INVALID, name, "%s must be a date YYYY-MM-DD", name);
		snprintf(name[0] == 'f' ? f->from : f->to, sizeof f->from, "%s", value);
		return 0;
	}
	return err_set(e, ERR_INVALID, name, "%.40s is not a report filter", name);
}

int report_filter_check(const struct report_filter *f, struct err *e)
{
	long a, b;
	if (!report_days(f->from, &a))
		return err_set(e, ERR_INVALID, "from", "from must be a date YYYY-MM-DD");
	if (!report_days(f->to, &b))
		return err_set(e, ERR_INVALID, "to", "to must be a date YYYY-MM-DD");
	if (a > b)
		return err_set(e, ERR_INVALID, "from", "the period starts after it ends");
	if (b - a > 20 * 366)
		return err_set(e, ERR_INVALID, "from", "the period is longer than 20 years");
	return 0;
}

int report_filter_access(struct store *s, const struct report_filter *f, struct err *e)
{
	if (!f->combined || !f->org_id)
		return 0;
	if (!f->programme_id)
		return err_set(e, ERR_INVALID, "programme_id", "the figures of a whole programme need its programme_id");
	struct store_stmt *st;
	int rc = store_prepare(s,
	                       "SELECT 1 FROM programmes p WHERE p.id = ?1 AND (p.organisation_id = ?2 OR EXISTS (SELECT 1 "
	                       "FROM programme_partners pp WHERE pp.programme_id = p.id AND pp.partner_organisation_id = ?2 "
	                       "AND pp.archived_at IS NULL))",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, f->programme_id);
	store_bind_int(st, 2, f->org_id);
	rc = store_step(st, e);
	store_reset(st);
	if (rc < 0)
		return -rc;
	if (rc != STORE_ROW)
		return err_set(e, ERR_NOT_FOUND, "programme_id",
		               "no programme with id %lld that your organisation runs or co-implements",
		               (long long)f->programme_id);
	return 0;
}

/* ---- dates ------------------------------------------------------------------------------------------------------ */

bool report_days(const char *date, long *out)
{
	if (!date || strlen(date) < 10)
		return false;
	char d[11];
	memcpy(d, date, 10);
	d[10] = 0;
	if (!validate_date(d))
		return false;
	long y = strtol(d, NULL, 10), m = strtol(d + 5, NULL, 10), dd = strtol(d + 8, NULL, 10);
	*out = (long)date_days(y, (int)m, (int)dd);
	return true;
}

void report_date_of(long z, char out[11])
{
	int64_t y;
	int m, d;
	date_civil(z, &y, &m, &d);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04ld-%02d-%02d", (long)(y % 10000), m, d);
	memcpy(out, tmp, 10);
	out[10] = 0;
}

/* ---- SQL templates ---------------------------------------------------------------------------------------------- */

static void add_param(struct report_q *q, const char *name, bool is_int, int64_t i, const char *s)
{
	for (int k = 0; k < q->n; k++) {
		if (strcmp(q->p[k].name, name) == 0) {
			buf_printf(&q->sql, "?%d", k + 1);
			return;
		}
	}
	if (q->n >= (int)(sizeof q->p / sizeof *q->p)) {
		q->sql.failed = true;
		return;
	}
	q->p[q->n].name = name;
	q->p[q->n].is_int = is_int;
	q->p[q->n].i = i;
	snprintf(q->p[q->n].s, sizeof q->p[q->n].s, "%s", s ? s : "");
	q->n++;
	buf_printf(&q->sql, "?%d", q->n);
}

/* " AND <alias>.organisation_id = ?org", or for a whole programme (f->combined) every organisation implementing it. */
static void org_filter(struct report_q *q, const struct report_filter *f, const char *alias)
{
	if (!f->org_id)
		return;
	buf_printf(&q->sql, " AND %s.organisation_id ", alias);
	if (!f->combined) {
		buf_puts(&q->sql, "= ");
		add_param(q, "org", true, f->org_id, NULL);
		return;
	}
	buf_puts(&q->sql, "IN (SELECT pr.organisation_id FROM programmes pr WHERE pr.id = ");
	add_param(q, "programme", true, f->programme_id, NULL);
	buf_puts(&q->sql, " UNION SELECT pp.partner_organisation_id FROM programme_partners pp WHERE pp.programme_id = ");
	add_param(q, "programme", true, f->programme_id, NULL);
	buf_puts(&q->sql, " AND pp.archived_at IS NULL)");
}

/* Whether a condition of f reads the client's own columns (so {join:x} must join the client). */
static bool reads_client(const struct report_filter *f)
{
	return f->programme_id || f->municipality[0] || f->target_group[0] || f->combined;
}

#define REPORT_CHILDREN "SELECT pc.id FROM clients pc WHERE pc.family_role = 'child'"

static void client_filter(struct report_q *q, const struct report_filter *f, bool with_org)
{
	if (q->pop_alias[0]) { /* the client not joined: the same population, through the index of children */
		/* uncorrelated: the few children are read once (a hashed list), not a client row per row of x. NULL NOT IN
		 * a list is NULL: a row without a client ({ljoin:x}) is kept explicitly, as the LEFT JOIN keeps it. */
		const char *a = q->pop_alias;
		if (q->pop_nullable)
			buf_printf(&q->sql, " AND (%s.client_id IS NULL OR %s.client_id NOT IN (" REPORT_CHILDREN "))", a, a);
		else
			buf_printf(&q->sql, " AND %s.client_id NOT IN (" REPORT_CHILDREN ")", a);
	} else {
		buf_puts(&q->sql, REPORT_POPULATION);
	}
	if (with_org)
		org_filter(q, f, "c");
	if (f->combined && f->programme_id)
		/* one person, one count: of records linked across organisations (client_links, client_a < client_b) in
		 * the programme, the lowest id stands for the person */
		buf_puts(&q->sql, " AND NOT EXISTS (SELECT 1 FROM client_links cl JOIN clients ca ON ca.id = cl.client_a "
		                  "WHERE cl.client_b = c.id AND ca.programme_id = c.programme_id AND COALESCE(ca.family_role, "
		                  "'') <> 'child')");
	if (f->programme_id) {
		buf_puts(&q->sql, " AND c.programme_id = ");
		add_param(q, "programme", true, f->programme_id, NULL);
	}
	if (f->municipality[0]) {
		buf_puts(&q->sql, " AND c.municipality = ");
		add_param(q, "municipality", false, 0, f->municipality);
	}
	if (f->target_group[0]) {
		/* target_groups is stored comma-separated; '!' escapes LIKE's '_' in names such as long_term_unemployed */
		char pat[96];
		size_t k = 0;
		pat[k++] = '%';
		pat[k++] = ',';
		for (const char *c = f->target_group; *c && k < sizeof pat - 4; c++) {
			if (*c == '_' || *c == '%' || *c == '!')
				pat[k++] = '!';
			pat[k++] = *c;
		}
		pat[k++] = ',';
		pat[k++] = '%';
		pat[k] = 0;
		buf_puts(&q->sql, " AND (',' || c.target_groups || ',') LIKE ");
		add_param(q, "tg", false, 0, pat);
		buf_puts(&q->sql, " ESCAPE '!'");
	}
}

int report_q_build(struct report_q *q, const char *tmpl, const struct report_filter *f, struct err *e)
{
	char next[11];
	long d;
	if (!report_days(f->to, &d))
		return err_set(e, ERR_INVALID, "to", "to must be a date YYYY-MM-DD");
	report_date_of(d + 1, next);
	buf_init(&q->sql, 1 << 16);
	q->n = 0;
	q->pop_alias[0] = 0;
	q->pop_nullable = false;
	for (const char *p = tmpl; *p;) {
		if (*p != '{') {
			const char *nb = strchr(p, '{');
			size_t n = nb ? (size_t)(nb - p) : strlen(p);
			buf_append(&q->sql, p, n);
			p += n;
			continue;
		}
		const char *end = strchr(p, '}');
		if (!end || end - p > 30) {
			buf_free(&q->sql);
			return err_set(e, ERR_INTERNAL, "", "bad report template");
		}
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)(end - p - 1), p + 1);
		if (strcmp(name, "from") == 0)
			add_param(q, "from", false, 0, f->from);
		else if (strcmp(name, "to") == 0)
			add_param(q, "to", false, 0, f->to);
		else if (strcmp(name, "next") == 0)
			add_param(q, "next", false, 0, next);
		else if (strcmp(name, "cf") == 0)
			client_filter(q, f, true);
		else if (strcmp(name, "cfx") == 0)
			client_filter(q, f, false);
		else if (strncmp(name, "join:", 5) == 0 || strncmp(name, "ljoin:", 6) == 0) {
			bool left = name[0] == 'l';
			const char *x = name + (left ? 6 : 5);
			if (reads_client(f))
				buf_printf(&q->sql, " %sJOIN clients c ON c.id = %s.client_id", left ? "LEFT " : "", x);
			else { /* only the population is asked of the client: client_filter's index probe */
				snprintf(q->pop_alias, sizeof q->pop_alias, "%s", x);
				q->pop_nullable = left;
			}
		} else if (strncmp(name, "xf:", 3) == 0) {
			org_filter(q, f, name + 3);
			client_filter(q, f, false);
		}
		else if (strncmp(name, "org:", 4) == 0 && f->org_id)
			org_filter(q, f, name + 4);
		else if (strncmp(name, "mun:", 4) == 0 && f->municipality[0])
			buf_printf(&q->sql, " AND %s.municipality = ", name + 4),
				add_param(q, "municipality", false, 0, f->municipality);
		else if (strncmp(name, "org:", 4) != 0 && strncmp(name, "mun:", 4) != 0) {
			buf_free(&q->sql);
			return err_set(e, ERR_INTERNAL, "", "bad report template placeholder");
		}
		p = end + 1;
	}
	if (q->sql.failed) {
		buf_free(&q->sql);
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory building a report query");
	}
	return 0;
}

int report_q_prepare(struct store *s, const char *tmpl, const struct report_filter *f, struct store_stmt **st,
                     struct err *e)
{
	struct report_q q = {0};
	int rc = report_q_build(&q, tmpl, f, e);
	if (rc)
		return rc;
	rc = store_prepare(s, q.sql.data, st, e);
	buf_free(&q.sql);
	if (rc)
		return rc;
	for (int i = 0; i < q.n && !rc; i++)
		rc = q.p[i].is_int ? store_bind_int(*st, i + 1, q.p[i].i) : store_bind_text(*st, i + 1, q.p[i].s, -1);
	if (rc)
		return err_set(e, ERR_INTERNAL, "", "binding a report parameter failed");
	return 0;
}

/* Runs a template that returns one row of integers (NULL -> 0). */
static int one_row(struct store *s, const char *tmpl, const struct report_filter *f, int64_t *out, int n,
                   struct err *e)
{
	struct store_stmt *st;
	int rc = report_q_prepare(s, tmpl, f, &st, e);
	if (rc)
		return rc;
	for (int i = 0; i < n; i++)
		out[i] = 0;
	rc = store_step(st, e);
	if (rc == STORE_ROW)
		for (int i = 0; i < n; i++)
			out[i] = store_col_int(st, i);
	store_reset(st);
	return rc < 0 ? -rc : 0;
}

/* Served: a service event, an intake or an outcome in the period, or still open (intake, active, paused) with an
 * intake on or before the period's end. Cheap column tests first so most rows skip the EXISTS probes: the days of the
 * client's first and last service event on its row (migration 0026, src/report/served.c) are days of its events, so
 * either in the period proves an event in it; otherwise the events are probed, so the count never depends on them
 * being set. (Uncorrelated
 * IN lists or a UNION of ids were tried: PostgreSQL cannot hash a list larger than work_mem and falls back to a scan
 * per client; both were slower on SQLite.) */
#define SERVED_WHERE                                                                                                  \
	"((c.intake_on >= {from} AND c.intake_on <= {to}) "                                                              \
	"OR (c.intake_on <= {to} AND c.status IN ('intake', 'active', 'paused')) "                                       \
	"OR (c.service_last_on >= {from} AND c.service_last_on <= {to}) "                                               \
	"OR (c.service_first_on >= {from} AND c.service_first_on <= {to}) "                                             \
	"OR EXISTS (SELECT 1 FROM service_events e WHERE e.client_id = c.id AND e.happened_on >= {from} "               \
	"AND e.happened_on <= {to}) "                                                                                    \
	"OR EXISTS (SELECT 1 FROM outcomes o WHERE o.client_id = c.id AND o.starts_on >= {from} AND o.starts_on <= {to}))"
static const char SQL_SERVED[] =
	"SELECT COUNT(*), COALESCE(SUM(CASE WHEN c.cv_ready = 1 THEN 1 ELSE 0 END), 0) FROM clients c WHERE 1 = 1{cf} "
	"AND " SERVED_WHERE;

/* The funnel: of the clients served in the period, those with a proposal that reached each stage by the period's end
 * and was in motion in the period (a stage's day in it); a stage counts only with every stage before it, so each
 * step is a subset of the one before. The proposals in motion are grouped per client first (a few per cent of the
 * clients have one), and only those clients are tested for "served": not four proposal probes per client served. */
#define FUNNEL_STEP(cond) "MAX(CASE WHEN 1 = 1" cond " THEN 1 ELSE 0 END)"
#define FUNNEL_INTERVIEW " AND p.interview_on IS NOT NULL AND p.interview_on <= {to}"
#define FUNNEL_OFFER FUNNEL_INTERVIEW " AND p.offered_on IS NOT NULL AND p.offered_on <= {to}"
#define FUNNEL_HIRE FUNNEL_OFFER " AND p.hired_on IS NOT NULL AND p.hired_on <= {to}"
static const char SQL_FUNNEL[] =
	"SELECT COUNT(*), COALESCE(SUM(x.interviewed), 0), COALESCE(SUM(x.offered), 0), COALESCE(SUM(x.hired), 0) "
	"FROM (SELECT p.client_id, " FUNNEL_STEP(FUNNEL_INTERVIEW) " AS interviewed, " FUNNEL_STEP(FUNNEL_OFFER)
	" AS offered, " FUNNEL_STEP(FUNNEL_HIRE) " AS hired FROM proposals p WHERE p.sent_on IS NOT NULL AND "
	"p.sent_on <= {to} AND COALESCE(p.hired_on, p.offered_on, p.interview_on, p.sent_on) >= {from} "
	"GROUP BY p.client_id) x JOIN clients c ON c.id = x.client_id WHERE 1 = 1{cf} AND " SERVED_WHERE;

static const char SQL_NEW[] = "SELECT COUNT(*) FROM clients c WHERE c.intake_on >= {from} AND c.intake_on <= {to}{cf}";

static const char SQL_EMPLOYED[] =
	"SELECT COUNT(*), COUNT(DISTINCT o.client_id), "
	"COUNT(DISTINCT CASE WHEN COALESCE(o.override_matches, o.matches_competence) = 1 THEN o.client_id END), "
	"COUNT(DISTINCT CASE WHEN o.matches_competence = 1 THEN o.client_id END), "
	"COALESCE(SUM(CASE WHEN o.override_matches IS NOT NULL THEN 1 ELSE 0 END), 0) "
	"FROM outcomes o{join:o} "
	"WHERE o.type = 'employed' AND o.starts_on >= {from} AND o.starts_on <= {to}{xf:o}";

static const char SQL_BY_TYPE[] =
	"SELECT o.type, COUNT(*), COUNT(DISTINCT o.client_id) FROM outcomes o{join:o} "
	"WHERE o.starts_on >= {from} AND o.starts_on <= {to}{xf:o} GROUP BY o.type";

/* First employment on or after intake, falling in the period. Only clients with an employment in the period can
 * qualify, and outcomes after the period cannot be a first one inside it: both limits keep the answer and cut the
 * rows read. */
static const char SQL_FIRST_JOB[] =
	"SELECT c.intake_on, MIN(o.starts_on) FROM outcomes o JOIN clients c ON c.id = o.client_id "
	"WHERE o.type = 'employed' AND c.intake_on IS NOT NULL AND o.starts_on >= c.intake_on AND o.starts_on <= {to}{cf} "
	"AND o.client_id IN (SELECT p.client_id FROM outcomes p WHERE p.type = 'employed' AND p.starts_on >= {from} "
	"AND p.starts_on <= {to}{org:p}) "
	"GROUP BY o.client_id, c.intake_on HAVING MIN(o.starts_on) >= {from} AND MIN(o.starts_on) <= {to}";

static const char SQL_EVENTS[] =
	"SELECT COUNT(*) FROM service_events e{join:e} WHERE e.happened_on >= {from} AND e.happened_on <= {to}{xf:e}";

static const char SQL_EMPLOYERS[] =
	"SELECT COUNT(DISTINCT s.employer_id), COUNT(*) FROM employer_services s JOIN employers m ON m.id = s.employer_id "
	"WHERE s.given_on >= {from} AND s.given_on <= {to}{org:s}{mun:m}";

/* Hires by the day of the hire (proposals.hired_on). */
static const char SQL_HIRES[] =
	"SELECT COUNT(DISTINCT p.vacancy_id), COUNT(*) FROM proposals p JOIN clients c ON c.id = p.client_id "
	"WHERE p.stage = 'hired' AND p.hired_on >= {from} AND p.hired_on <= {to}{cf}";

/* Single-use invitations of the period, and of them those answered. An invitation through a group link has no
 * client: {ljoin:i} keeps it. Index only on both stores (survey_invitations_org carries the columns asked, and
 * survey_responses_invitation an invitation's answers, migration 0024); the client is joined only when a filter reads
 * its columns. */
#define SURVEY_INVITED                                                                                               \
	"FROM survey_invitations i{ljoin:i} WHERE i.single_use = 1 AND i.created_at >= {from} AND i.created_at < {next}" \
	"{org:i}{cfx}"
static const char SQL_SURVEYS[] =
	"SELECT (SELECT COUNT(*) " SURVEY_INVITED "), (SELECT COUNT(*) " SURVEY_INVITED " AND EXISTS (SELECT 1 FROM "
	"survey_responses r WHERE r.invitation_id = i.id AND r.submitted_at IS NOT NULL))";

/* An assessment of the period with a lower level earlier. The row's mark (level_gained, migration 0026,
 * src/report/served.c) answers that without looking at the other rows: every write of a language row through the
 * pipeline sets it on all the client's rows, so 1 and 0 are both exact; only a row without it (NULL: written around
 * the pipeline) is looked at. */
static const char SQL_LANGUAGE[] =
	"SELECT COUNT(DISTINCT l.client_id) FROM client_languages l{join:l} "
	"WHERE l.language = 'fi' AND l.assessed_on >= {from} AND l.assessed_on <= {to}{xf:l} "
	"AND (l.level_gained = 1 OR (l.level_gained IS NULL AND EXISTS (SELECT 1 FROM client_languages b WHERE "
	"b.client_id = l.client_id AND b.language = 'fi' "
	"AND b.assessed_on < l.assessed_on AND " CEFR_RANK("b.level") " < " CEFR_RANK("l.level") ")))";

/* Degrees recognised (decided: recognised) in the period, and recognitions applied for in the period. */
static const char SQL_RECOGNISED[] =
	"SELECT COUNT(DISTINCT CASE WHEN d.recognition = 'recognised' AND d.recognition_decided_on >= {from} AND "
	"d.recognition_decided_on <= {to} THEN d.client_id END), "
	"COUNT(DISTINCT CASE WHEN d.recognition_applied_on >= {from} AND d.recognition_applied_on <= {to} "
	"THEN d.client_id END) FROM educations d JOIN clients c ON c.id = d.client_id "
	"WHERE (d.recognition_decided_on >= {from} OR d.recognition_applied_on >= {from}){cf}";

/* A client's first interview, by its day (proposals.interview_on). */
static const char SQL_INTERVIEW[] =
	"SELECT COUNT(*) FROM (SELECT p.client_id FROM proposals p JOIN clients c ON c.id = p.client_id "
	"WHERE p.interview_on IS NOT NULL{cf} GROUP BY p.client_id "
	"HAVING MIN(p.interview_on) >= {from} AND MIN(p.interview_on) <= {to}) t";

/* Clients who left the service in the period, and of them those employed during the service (an employment
 * starting between intake and leaving), and those employed in their own field (final value). One pass: each leaver's
 * employments joined and graded (0 none, 1 employed, 2 in own field), not two probes per leaver; PostgreSQL hashes the
 * employments instead of a subplan per client (whose cost estimate also set off JIT compilation: 0.6 s at 300 000
 * clients), and SQLite reads clients_org_left and outcomes_client only (migration 0024). */
static const char SQL_LEFT[] =
	"SELECT COUNT(*), COALESCE(SUM(CASE WHEN t.k >= 1 THEN 1 ELSE 0 END), 0), "
	"COALESCE(SUM(CASE WHEN t.k = 2 THEN 1 ELSE 0 END), 0) FROM (SELECT c.id, MAX(CASE WHEN o.client_id IS NULL "
	"THEN 0 WHEN COALESCE(o.override_matches, o.matches_competence) = 1 THEN 2 ELSE 1 END) AS k FROM clients c "
	"LEFT JOIN outcomes o ON o.client_id = c.id AND o.type = 'employed' AND o.starts_on <= c.left_on AND "
	"(c.intake_on IS NULL OR o.starts_on >= c.intake_on) WHERE c.left_on >= {from} AND c.left_on <= {to}{cf} "
	"GROUP BY c.id) t";

/* Follow-ups recorded in the period, per check (3, 6, 12 months): how many, how many still employed, and at 12 months
 * how many still live in the region. */
#define FOLLOWUP_COLS(n)                                                                                              \
	"COALESCE(SUM(CASE WHEN f.months = " n " THEN 1 ELSE 0 END), 0), "                                              \
	"COALESCE(SUM(CASE WHEN f.months = " n " AND f.still_employed = 1 THEN 1 ELSE 0 END), 0), "
static const char SQL_FOLLOWUPS[] =
	"SELECT " FOLLOWUP_COLS("3") FOLLOWUP_COLS("6") FOLLOWUP_COLS("12")
	"COALESCE(SUM(CASE WHEN f.months = 12 AND f.still_in_region = 1 THEN 1 ELSE 0 END), 0) "
	"FROM outcome_followups f JOIN outcomes o ON o.id = f.outcome_id{join:o} "
	"WHERE f.checked_on >= {from} AND f.checked_on <= {to}{xf:o}";

/* Answers submitted in the period, whatever the link (a group's QR code at a berry farm has no client until the
 * answer is accepted: {ljoin:r} keeps it), and those through group links. */
static const char SQL_SURVEY_ANSWERS[] =
	"SELECT COUNT(*), COALESCE(SUM(CASE WHEN i.single_use = 0 THEN 1 ELSE 0 END), 0) FROM survey_responses r "
	"JOIN survey_invitations i ON i.id = r.invitation_id{ljoin:r} WHERE r.submitted_at IS NOT NULL AND "
	"r.submitted_at >= {from} AND r.submitted_at < {next}{org:r}{cfx}";

/* ---- the queries ------------------------------------------------------------------------------------------------ */

static int q_by_type(struct store *s, const struct report_filter *f, struct report_indicators *r, struct err *e)
{
	static const struct {
		const char *type;
		enum report_indicator i;
	} types[] = {{"employed", RI_OUTCOMES_EMPLOYED},
	             {"education", RI_OUTCOMES_EDUCATION},
	             {"work_trial", RI_OUTCOMES_WORK_TRIAL},
	             {"apprenticeship", RI_OUTCOMES_APPRENTICESHIP},
	             {"entrepreneurship", RI_OUTCOMES_ENTREPRENEURSHIP},
	             {"moved", RI_OUTCOMES_MOVED},
	             {"other", RI_OUTCOMES_OTHER}};
	struct store_stmt *st;
	int rc = report_q_prepare(s, SQL_BY_TYPE, f, &st, e);
	if (rc)
		return rc;
	for (size_t k = 0; k < sizeof types / sizeof *types; k++)
		r->v[types[k].i] = 0;
	r->v[RI_EDUCATION_PLACEMENTS] = 0;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		const char *t = store_col_text(st, 0);
		for (size_t k = 0; t && k < sizeof types / sizeof *types; k++)
			if (strcmp(t, types[k].type) == 0)
				r->v[types[k].i] = (double)store_col_int(st, 1);
		if (t && strcmp(t, "education") == 0)
			r->v[RI_EDUCATION_PLACEMENTS] = (double)store_col_int(st, 2);
	}
	return rc < 0 ? -rc : 0;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static int q_first_job(struct store *s, const struct report_filter *f, struct report_indicators *r, struct err *e)
{
	struct store_stmt *st;
	int rc = report_q_prepare(s, SQL_FIRST_JOB, f, &st, e);
	if (rc)
		return rc;
	size_t n = 0, cap = 0;
	long *days = NULL;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		long a, b;
		if (!report_days(store_col_text(st, 0), &a) || !report_days(store_col_text(st, 1), &b))
			continue;
		if (buf_grow_array(&days, &cap, n + 1, sizeof *days, 256, 1u << 24)) {
			free(days);
			store_reset(st);
			return err_set(e, ERR_UNAVAILABLE, "", "out of memory computing the median");
		}
		days[n++] = b - a;
	}
	if (rc < 0) {
		free(days);
		return -rc;
	}
	r->null[RI_MEDIAN_DAYS_TO_EMPLOYMENT] = n == 0;
	r->median_n = (int64_t)n;
	if (n) {
		qsort(days, n, sizeof *days, cmp_long);
		r->v[RI_MEDIAN_DAYS_TO_EMPLOYMENT] = n % 2 ? (double)days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
	}
	free(days);
	return 0;
}

enum { MAX_COLS = 7 };

/* Every query behind the indicators, in the order they run: most return one row of counts, each column going to one
 * indicator; the others compute theirs in code (run). */
static const struct query {
	const char *name;
	int (*run)(struct store *, const struct report_filter *, struct report_indicators *, struct err *);
	const char *sql;
	int ncols;
	enum report_indicator col[MAX_COLS];
} queries[] = {
	{"served_and_cv_ready", NULL, SQL_SERVED, 2, {RI_CLIENTS_SERVED, RI_CV_READY}},
	{"new_clients", NULL, SQL_NEW, 1, {RI_NEW_CLIENTS}},
	{"employment", NULL, SQL_EMPLOYED, 5,
	 {RI_EMPLOYMENT_OUTCOMES, RI_EMPLOYED, RI_OWN_FIELD, RI_OWN_FIELD_DERIVED, RI_OVERRIDES}},
	{"outcomes_by_type", q_by_type, NULL, 0, {0}},
	{"days_to_employment", q_first_job, NULL, 0, {0}},
	{"service_events", NULL, SQL_EVENTS, 1, {RI_SERVICE_EVENTS}},
	{"employers", NULL, SQL_EMPLOYERS, 2, {RI_EMPLOYERS_SERVED, RI_EMPLOYER_SERVICES}},
	{"hires", NULL, SQL_HIRES, 2, {RI_VACANCIES_FILLED, RI_HIRES}},
	{"surveys", NULL, SQL_SURVEYS, 2, {RI_SURVEY_INVITATIONS, RI_SURVEY_RESPONDED}},
	{"language_gained", NULL, SQL_LANGUAGE, 1, {RI_LANGUAGE_GAINED}},
	{"degree_recognition", NULL, SQL_RECOGNISED, 2, {RI_DEGREE_RECOGNISED, RI_RECOGNITION_APPLIED}},
	{"funnel", NULL, SQL_FUNNEL, 4, {RI_FUNNEL_PROPOSED, RI_FUNNEL_INTERVIEWED, RI_FUNNEL_OFFERED, RI_FUNNEL_HIRED}},
	{"first_interview", NULL, SQL_INTERVIEW, 1, {RI_FIRST_INTERVIEW}},
	{"left_the_service", NULL, SQL_LEFT, 3, {RI_LEFT, RI_LEFT_EMPLOYED, RI_LEFT_OWN_FIELD}},
	{"survey_answers", NULL, SQL_SURVEY_ANSWERS, 2, {RI_SURVEY_ANSWERS, RI_SURVEY_ANSWERS_GROUP}},
	{"follow_ups", NULL, SQL_FOLLOWUPS, 7,
	 {RI_FOLLOWUP_3, RI_STILL_EMPLOYED_3, RI_FOLLOWUP_6, RI_STILL_EMPLOYED_6, RI_FOLLOWUP_12, RI_STILL_EMPLOYED_12,
	  RI_STILL_IN_REGION_12}},
};

static int run_query(const struct query *q, struct store *s, const struct report_filter *f,
                     struct report_indicators *r, struct err *e)
{
	if (q->run)
		return q->run(s, f, r, e);
	int64_t v[MAX_COLS] = {0};
	int rc = one_row(s, q->sql, f, v, q->ncols, e);
	for (int i = 0; i < q->ncols; i++)
		r->v[q->col[i]] = (double)v[i];
	return rc;
}

size_t report_query_count(void)
{
	return sizeof queries / sizeof *queries;
}

const char *report_query_name(size_t i)
{
	return i < report_query_count() ? queries[i].name : NULL;
}

int report_query_run(struct store *s, size_t i, const struct report_filter *f, struct report_indicators *out,
                     struct err *e)
{
	if (i >= report_query_count())
		return err_set(e, ERR_INVALID, "", "no such report query");
	return run_query(&queries[i], s, f, out, e);
}

static double round_to(double v, double scale)
{
	return round(v * scale) / scale;
}

const struct report_rate report_rates[] = {
	{RI_OWN_FIELD_PCT, RI_OWN_FIELD, RI_EMPLOYED, 100, 10},
	{RI_OWN_FIELD_DERIVED_PCT, RI_OWN_FIELD_DERIVED, RI_EMPLOYED, 100, 10},
	{RI_EMPLOYED_PCT_SERVED, RI_EMPLOYED, RI_CLIENTS_SERVED, 100, 10},
	{RI_OWN_FIELD_PCT_SERVED, RI_OWN_FIELD, RI_CLIENTS_SERVED, 100, 10},
	{RI_EMPLOYED_PCT_LEFT, RI_LEFT_EMPLOYED, RI_LEFT, 100, 10},
	{RI_OWN_FIELD_PCT_LEFT, RI_LEFT_OWN_FIELD, RI_LEFT, 100, 10},
	{RI_STILL_EMPLOYED_3_PCT, RI_STILL_EMPLOYED_3, RI_FOLLOWUP_3, 100, 10},
	{RI_STILL_EMPLOYED_6_PCT, RI_STILL_EMPLOYED_6, RI_FOLLOWUP_6, 100, 10},
	{RI_STILL_EMPLOYED_12_PCT, RI_STILL_EMPLOYED_12, RI_FOLLOWUP_12, 100, 10},
	{RI_STILL_IN_REGION_12_PCT, RI_STILL_IN_REGION_12, RI_FOLLOWUP_12, 100, 10},
	{RI_SURVEY_RESPONSE_RATE, RI_SURVEY_RESPONDED, RI_SURVEY_INVITATIONS, 100, 10},
	{RI_EVENTS_PER_CLIENT, RI_SERVICE_EVENTS, RI_CLIENTS_SERVED, 1, 100},
};
const size_t report_nrates = sizeof report_rates / sizeof *report_rates;

int report_indicators(struct store *s, const struct report_filter *f, struct report_indicators *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->filter = *f;
	int rc = report_filter_check(f, e);
	for (size_t i = 0; !rc && i < report_query_count(); i++)
		rc = run_query(&queries[i], s, f, out, e);
	if (rc)
		return rc;
	/* derived ratios: computed once here, from the counts above */
	for (size_t i = 0; i < report_nrates; i++) {
		const struct report_rate *q = &report_rates[i];
		double den = out->v[q->den];
		out->null[q->out] = den <= 0;
		out->v[q->out] = den > 0 ? round_to(out->v[q->num] / den * q->scale, q->round) : 0;
	}
	out->v[RI_MEDIAN_DAYS_TO_EMPLOYMENT] = round_to(out->v[RI_MEDIAN_DAYS_TO_EMPLOYMENT], 10.0);
	return 0;
}

/* ---- the three bases ---- */

/* "count = pct %" of one cell, or "–" where the figure has no such base. */
static void base_cell(const struct report_indicators *r, int count, int pct, struct buf *b)
{
	char c[32] = "", p[32] = "", cell[80];
	if (count >= 0)
		report_indicator_text(r, (enum report_indicator)count, c);
	if (pct >= 0)
		report_indicator_text(r, (enum report_indicator)pct, p);
	if (count < 0)
		snprintf(cell, sizeof cell, "-");
	else
		snprintf(cell, sizeof cell, "%s = %s %%", c[0] ? c : "-", p[0] ? p : "-");
	buf_printf(b, " %22s", cell);
}

void report_bases_text(const struct report_indicators *r, struct buf *b)
{
	char served[32], left[32], employed[32];
	report_indicator_text(r, RI_CLIENTS_SERVED, served);
	report_indicator_text(r, RI_LEFT, left);
	report_indicator_text(r, RI_EMPLOYED, employed);
	buf_printf(b, "\nThree bases (docs/outcomes.md)\n  %-24s %22s %22s %22s\n", "",
	           "of served", "of those who left", "of the employed");
	buf_printf(b, "  %-24s %22s %22s %22s\n", "(base)", served, left, employed);
	buf_printf(b, "  %-24s", "Employed");
	base_cell(r, RI_EMPLOYED, RI_EMPLOYED_PCT_SERVED, b);
	base_cell(r, RI_LEFT_EMPLOYED, RI_EMPLOYED_PCT_LEFT, b);
	base_cell(r, -1, -1, b);
	buf_printf(b, "\n  %-24s", "Employed in own field");
	base_cell(r, RI_OWN_FIELD, RI_OWN_FIELD_PCT_SERVED, b);
	base_cell(r, RI_LEFT_OWN_FIELD, RI_OWN_FIELD_PCT_LEFT, b);
	base_cell(r, RI_OWN_FIELD, RI_OWN_FIELD_PCT, b);
	buf_puts(b, "\n");
}

/* ---- names ------------------------------------------------------------------------------------------------------ */

static const struct {
	const char *key, *label;
	enum report_unit unit;
} meta[RI_COUNT] = {
	[RI_CLIENTS_SERVED] = {"clients_served", "Clients served", REPORT_COUNT},
	[RI_NEW_CLIENTS] = {"new_clients", "New clients (intake in period)", REPORT_COUNT},
	[RI_EMPLOYED] = {"employed", "Clients employed", REPORT_COUNT},
	[RI_EMPLOYMENT_OUTCOMES] = {"employment_outcomes", "Employments started", REPORT_COUNT},
	[RI_OWN_FIELD] = {"employed_own_field", "Employed in own field (final)", REPORT_COUNT},
	[RI_OWN_FIELD_PCT] = {"employed_own_field_pct", "Employed in own field, % of employed (final)", REPORT_PERCENT},
	[RI_OWN_FIELD_DERIVED] = {"employed_own_field_derived", "Employed in own field (derived)", REPORT_COUNT},
	[RI_OWN_FIELD_DERIVED_PCT] = {"employed_own_field_derived_pct", "Employed in own field, % of employed (derived)",
	                              REPORT_PERCENT},
	[RI_OVERRIDES] = {"own_field_overrides", "Counsellor overrides of own field", REPORT_COUNT},
	[RI_EDUCATION_PLACEMENTS] = {"education_placements", "Clients placed in education", REPORT_COUNT},
	[RI_OUTCOMES_EMPLOYED] = {"outcomes_employed", "Outcomes: employed", REPORT_COUNT},
	[RI_OUTCOMES_EDUCATION] = {"outcomes_education", "Outcomes: education", REPORT_COUNT},
	[RI_OUTCOMES_WORK_TRIAL] = {"outcomes_work_trial", "Outcomes: work trial", REPORT_COUNT},
	[RI_OUTCOMES_APPRENTICESHIP] = {"outcomes_apprenticeship", "Outcomes: apprenticeship", REPORT_COUNT},
	[RI_OUTCOMES_ENTREPRENEURSHIP] = {"outcomes_entrepreneurship", "Outcomes: entrepreneurship", REPORT_COUNT},
	[RI_OUTCOMES_MOVED] = {"outcomes_moved", "Outcomes: moved away", REPORT_COUNT},
	[RI_OUTCOMES_OTHER] = {"outcomes_other", "Outcomes: other", REPORT_COUNT},
	[RI_MEDIAN_DAYS_TO_EMPLOYMENT] = {"median_days_to_employment", "Median days from intake to first employment",
	                                  REPORT_DAYS},
	[RI_SERVICE_EVENTS] = {"service_events", "Service events", REPORT_COUNT},
	[RI_EVENTS_PER_CLIENT] = {"service_events_per_client", "Service events per client served", REPORT_RATIO},
	[RI_EMPLOYERS_SERVED] = {"employers_served", "Employers served", REPORT_COUNT},
	[RI_EMPLOYER_SERVICES] = {"employer_services", "Services given to employers", REPORT_COUNT},
	[RI_VACANCIES_FILLED] = {"vacancies_filled", "Vacancies filled by clients", REPORT_COUNT},
	[RI_HIRES] = {"hires", "Hires through proposals (by the day of the hire)", REPORT_COUNT},
	[RI_SURVEY_INVITATIONS] = {"survey_invitations", "Survey invitations (single use)", REPORT_COUNT},
	[RI_SURVEY_RESPONDED] = {"survey_responded", "Survey invitations answered", REPORT_COUNT},
	[RI_SURVEY_RESPONSE_RATE] = {"survey_response_rate_pct", "Survey response rate %", REPORT_PERCENT},
	[RI_LANGUAGE_GAINED] = {"finnish_level_gained", "Finnish level gained", REPORT_COUNT},
	[RI_DEGREE_RECOGNISED] = {"degree_recognised", "Degree recognised", REPORT_COUNT},
	[RI_CV_READY] = {"cv_ready", "Clients served with a CV ready", REPORT_COUNT},
	[RI_FIRST_INTERVIEW] = {"first_interview", "First job interview", REPORT_COUNT},
	[RI_EMPLOYED_PCT_SERVED] = {"employed_pct_served", "Employed, % of clients served", REPORT_PERCENT},
	[RI_OWN_FIELD_PCT_SERVED] = {"employed_own_field_pct_served", "Employed in own field, % of clients served",
	                             REPORT_PERCENT},
	[RI_LEFT] = {"left_service", "Clients who left the service", REPORT_COUNT},
	[RI_LEFT_EMPLOYED] = {"left_employed", "Left the service employed", REPORT_COUNT},
	[RI_LEFT_OWN_FIELD] = {"left_employed_own_field", "Left the service employed in own field", REPORT_COUNT},
	[RI_EMPLOYED_PCT_LEFT] = {"employed_pct_left", "Employed, % of clients who left", REPORT_PERCENT},
	[RI_OWN_FIELD_PCT_LEFT] = {"employed_own_field_pct_left", "Employed in own field, % of clients who left",
	                           REPORT_PERCENT},
	[RI_SURVEY_ANSWERS] = {"survey_answers", "Survey answers (any link)", REPORT_COUNT},
	[RI_SURVEY_ANSWERS_GROUP] = {"survey_answers_group", "Survey answers through group links", REPORT_COUNT},
	[RI_RECOGNITION_APPLIED] = {"recognition_applied", "Degree recognition applied for", REPORT_COUNT},
	[RI_FUNNEL_PROPOSED] = {"funnel_proposed", "Clients served proposed to an employer", REPORT_COUNT},
	[RI_FUNNEL_INTERVIEWED] = {"funnel_interviewed", "Clients served with a job interview", REPORT_COUNT},
	[RI_FUNNEL_OFFERED] = {"funnel_offered", "Clients served with a job offer", REPORT_COUNT},
	[RI_FUNNEL_HIRED] = {"funnel_hired", "Clients served hired through a proposal", REPORT_COUNT},
	[RI_FOLLOWUP_3] = {"followups_3", "Follow-ups at 3 months", REPORT_COUNT},
	[RI_STILL_EMPLOYED_3] = {"still_employed_3", "Still employed at 3 months", REPORT_COUNT},
	[RI_STILL_EMPLOYED_3_PCT] = {"still_employed_3_pct", "Still employed at 3 months, % of follow-ups",
	                             REPORT_PERCENT},
	[RI_FOLLOWUP_6] = {"followups_6", "Follow-ups at 6 months", REPORT_COUNT},
	[RI_STILL_EMPLOYED_6] = {"still_employed_6", "Still employed at 6 months", REPORT_COUNT},
	[RI_STILL_EMPLOYED_6_PCT] = {"still_employed_6_pct", "Still employed at 6 months, % of follow-ups",
	                             REPORT_PERCENT},
	[RI_FOLLOWUP_12] = {"followups_12", "Follow-ups at 12 months", REPORT_COUNT},
	[RI_STILL_EMPLOYED_12] = {"still_employed_12", "Still employed at 12 months", REPORT_COUNT},
	[RI_STILL_EMPLOYED_12_PCT] = {"still_employed_12_pct", "Still employed at 12 months, % of follow-ups",
	                              REPORT_PERCENT},
	[RI_STILL_IN_REGION_12] = {"still_in_region_12", "Still in the region at 12 months", REPORT_COUNT},
	[RI_STILL_IN_REGION_12_PCT] = {"still_in_region_12_pct", "Still in the region at 12 months, % of follow-ups",
	                               REPORT_PERCENT},
};

const char *report_indicator_key(enum report_indicator i)
{
	return (unsigned)i < RI_COUNT ? meta[i].key : "";
}

const char *report_indicator_label(enum report_indicator i)
{
	return (unsigned)i < RI_COUNT ? meta[i].label : "";
}

enum report_unit report_indicator_unit(enum report_indicator i)
{
	return (unsigned)i < RI_COUNT ? meta[i].unit : REPORT_COUNT;
}

void report_indicator_text(const struct report_indicators *r, enum report_indicator i, char out[32])
{
	if ((unsigned)i >= RI_COUNT || r->null[i]) {
		out[0] = 0;
		return;
	}
	if (r->hidden[i]) {
		snprintf(out, 32, "<%d", r->min_cell);
		return;
	}
	switch (meta[i].unit) {
	case REPORT_COUNT: snprintf(out, 32, "%" PRId64, (int64_t)llround(r->v[i])); break;
	case REPORT_RATIO: snprintf(out, 32, "%.2f", r->v[i]); break;
	default: snprintf(out, 32, "%.1f", r->v[i]); break;
	}
}
