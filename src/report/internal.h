/* report internals shared by the report files: SQL templates with named placeholders, dates, the CSV field writer. */
#pragma once
#include "core/buf.h"
#include "report/report.h"

/* A SQL template is neutral SQL with named placeholders that expand to numbered parameters (each name bound once):
 *   {from} {to}      the period's first and last day (compare with date columns)
 *   {next}           the day after {to} (timestamps: col >= {from} AND col < {next})
 *   {cf}             REPORT_POPULATION, then " AND c.<col> = ?N" for every client filter that is set (alias c =
 *                    clients)
 *   {cfx}            {cf} without the organisation (for tables scoped by their own organisation_id)
 *   {join:x}         " JOIN clients c ON c.id = x.client_id" (rows of a client: outcomes, events...) when a filter
 *                    reads the client's columns; else nothing, and the population becomes "x's client is no child"
 *   {ljoin:x}        {join:x} for rows that may have no client (a survey invitation through a group link): a LEFT
 *                    JOIN, or else "x has no client or its client is no child"
 *   {xf:x}           x's organisation, then {cfx}
 *   {org:x}          " AND x.organisation_id = ?N" when an organisation is set
 *   {mun:x}          " AND x.municipality = ?N" when a municipality is set
 * The expanded text is the statement cache key, so a filter combination is prepared once per connection. */
/* The counted population: the clients every figure counts (served, new, employed, own field, left, the funnel, the
 * ESF+ participants, the exports). A child is a family member, never a job seeker: a client row with family_role
 * 'child' (from before migration 0016) is never counted. Every client condition of every template starts with it
 * ({cf}, {cfx}, {xf:x}), so no figure can count children; with a LEFT JOIN of clients (no client) it holds. */
#define REPORT_POPULATION " AND COALESCE(c.family_role, '') <> 'child'"

/* A CEFR level as a number (unknown 0), for "Finnish level gained" and the mark its rows carry (served.c). */
#define CEFR_RANK(x)                                                                                                 \
	"CASE " x " WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'B1' THEN 3 WHEN 'B2' THEN 4 WHEN 'C1' THEN 5 WHEN 'C2' THEN 6 " \
	"WHEN 'native' THEN 7 ELSE 0 END"

struct report_q {
	struct buf sql;
	int n;
	struct {
		const char *name;
		bool is_int;
		int64_t i;
		char s[128];
	} p[16];
	/* {join:x} left out (no condition of the filter reads the client's columns): the population is asked of x's
	 * client through the small index of children instead (report_q_build), so no client row is read per row of x */
	char pop_alias[32];
	bool pop_nullable; /* {ljoin:x}: x.client_id may be NULL (no client), which the population keeps */
};

int report_q_build(struct report_q *q, const char *tmpl, const struct report_filter *f, struct err *e);
/* Builds, prepares and binds; *st is the store's cached statement. */
int report_q_prepare(struct store *s, const char *tmpl, const struct report_filter *f, struct store_stmt **st,
                     struct err *e);

/* Frees a cross-tabulation's counts and their hidden marks, not its labels nor x: what report_crosstab_free and the
 * survey summary's tables (on the stack, with borrowed labels) both own. */
void report_crosstab_release(struct report_crosstab *x);

/* Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian); false when not a date. */
bool report_days(const char *date, long *out);
void report_date_of(long days, char out[11]);

/* CSV field writer (quotes when needed). */
void report_csv_field(struct buf *b, const char *s, bool last);
/* The same with the separator of a locale (';' for fi and sv); number: a figure osaaja formatted itself, written as
 * it is (anything else that starts a formula is quoted and prefixed with an apostrophe). */
void report_csv_cell(struct buf *b, const char *s, bool last, bool number, char sep);
