/* report: programme indicators, cross-tabulations, small-count suppression, the "matches competence" store hooks and
 * exports (JSON, CSV, XLSX, a pseudonymised client table). Definitions of every figure are in docs/outcomes.md; the
 * dashboard page that shows them is src/web/pages/ui-reports.c.
 *
 * One query path per figure: report_indicators() computes every indicator, each from one named SQL template; the
 * API, the dashboard, the CLI and the exports all call it and print its values through report_indicator_rows(), so a
 * figure cannot be computed twice in two ways. SQL goes only through store.h, in the neutral dialect; dates are
 * computed in C.
 *
 * Ownership: results are plain structs owned by the caller; report_crosstab results are freed with
 * report_crosstab_free. Writers append to a caller's struct buf. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "store/store.h"

/* Which clients and which period. Period bounds are inclusive calendar dates. */
struct report_filter {
	int64_t org_id;        /* 0 = every organisation (trusted CLI only; the API always sets the caller's) */
	int64_t programme_id;  /* 0 = any */
	char target_group[40]; /* "" = any; one of domain_target_groups */
	char municipality[101];/* "" = any; the client's municipality */
	char from[11], to[11]; /* YYYY-MM-DD */
	/* scope=programme: programme_id's figures over every organisation that implements it (its own and its
	 * co-implementers, programme_partners), a person whose records are linked (client_links) counted once; always
	 * suppressed (report_filter_sensitive). report_filter_access decides whether org_id may ask. */
	bool combined;
};

/* Default filter: the current calendar year up to today, no other restriction. */
void report_filter_init(struct report_filter *f, int64_t org_id);
/* Sets one filter from text: names programme_id, target_group, municipality, from, to (and organisation_id when
 * allow_org). ERR_INVALID naming the field for a bad value or an unknown name. */
int report_filter_set(struct report_filter *f, const char *name, const char *value, bool allow_org, struct err *e);
/* One query parameter of a figure's filter, the one scan every adapter (API route, page) uses: "lang" and the names
 * in skip (NULL-terminated; they belong to the caller, e.g. a crosstab's rows) are ignored; a name outside only
 * (NULL-terminated; NULL = every filter name) is ERR_INVALID naming the filters this figure takes. */
int report_filter_param(struct report_filter *f, const char *const *only, const char *const *skip, const char *name,
                        const char *value, struct err *e);
/* Final check: from <= to and a period of at most 20 years. */
int report_filter_check(const struct report_filter *f, struct err *e);
/* Whether f->org_id may read these figures: scope=programme needs a programme that the organisation runs or
 * co-implements (else ERR_NOT_FOUND naming programme_id; ERR_INVALID without a programme). */
int report_filter_access(struct store *s, const struct report_filter *f, struct err *e);

enum report_unit { REPORT_COUNT, REPORT_PERCENT, REPORT_RATIO, REPORT_DAYS };

enum report_indicator {
	RI_CLIENTS_SERVED,
	RI_NEW_CLIENTS,
	RI_EMPLOYED,
	RI_EMPLOYMENT_OUTCOMES,
	RI_OWN_FIELD,
	RI_OWN_FIELD_PCT,
	RI_OWN_FIELD_DERIVED,
	RI_OWN_FIELD_DERIVED_PCT,
	RI_OVERRIDES,
	RI_EDUCATION_PLACEMENTS,
	RI_OUTCOMES_EMPLOYED,
	RI_OUTCOMES_EDUCATION,
	RI_OUTCOMES_WORK_TRIAL,
	RI_OUTCOMES_APPRENTICESHIP,
	RI_OUTCOMES_ENTREPRENEURSHIP,
	RI_OUTCOMES_MOVED,
	RI_OUTCOMES_OTHER,
	RI_MEDIAN_DAYS_TO_EMPLOYMENT,
	RI_SERVICE_EVENTS,
	RI_EVENTS_PER_CLIENT,
	RI_EMPLOYERS_SERVED,
	RI_EMPLOYER_SERVICES,
	RI_VACANCIES_FILLED,
	RI_HIRES,
	RI_SURVEY_INVITATIONS,
	RI_SURVEY_RESPONDED,
	RI_SURVEY_RESPONSE_RATE,
	RI_LANGUAGE_GAINED,
	RI_DEGREE_RECOGNISED,
	RI_CV_READY,
	RI_FIRST_INTERVIEW,
	/* the headline rates over their three bases (docs/outcomes.md, "Three bases") */
	RI_EMPLOYED_PCT_SERVED,
	RI_OWN_FIELD_PCT_SERVED,
	RI_LEFT,
	RI_LEFT_EMPLOYED,
	RI_LEFT_OWN_FIELD,
	RI_EMPLOYED_PCT_LEFT,
	RI_OWN_FIELD_PCT_LEFT,
	/* follow-ups recorded in the period (by checked_on), at 3, 6 and 12 months after an employment's start */
	RI_FOLLOWUP_3,
	RI_STILL_EMPLOYED_3,
	RI_STILL_EMPLOYED_3_PCT,
	RI_FOLLOWUP_6,
	RI_STILL_EMPLOYED_6,
	RI_STILL_EMPLOYED_6_PCT,
	RI_FOLLOWUP_12,
	RI_STILL_EMPLOYED_12,
	RI_STILL_EMPLOYED_12_PCT,
	RI_STILL_IN_REGION_12,
	RI_STILL_IN_REGION_12_PCT,
	/* survey answers submitted in the period through any link (single-use or a group's), and through group links */
	RI_SURVEY_ANSWERS,
	RI_SURVEY_ANSWERS_GROUP,
	RI_RECOGNITION_APPLIED,
	/* the funnel of clients served: a proposal sent, an interview, an offer, a hire (each a subset of the one before) */
	RI_FUNNEL_PROPOSED,
	RI_FUNNEL_INTERVIEWED,
	RI_FUNNEL_OFFERED,
	RI_FUNNEL_HIRED,
	RI_COUNT
};

struct report_indicators {
	struct report_filter filter;
	double v[RI_COUNT];     /* rounded as printed: percentages and days to 1 decimal, ratios to 2 */
	bool null[RI_COUNT];    /* no value (a rate or median over nothing) */
	int64_t median_n;       /* clients the median days to employment is taken over */
	int min_cell;           /* 0: exact; else report_indicators_suppress() hid the values flagged in hidden[] */
	bool hidden[RI_COUNT];
};

/* Key ("clients_served"), English label and unit of an indicator. */
const char *report_indicator_key(enum report_indicator i);
const char *report_indicator_label(enum report_indicator i);
enum report_unit report_indicator_unit(enum report_indicator i);
/* The value as text, exactly as every writer prints it ("12", "41.7", "" for no value, "<5" when hidden) into
 * out[32]. */
void report_indicator_text(const struct report_indicators *r, enum report_indicator i, char out[32]);

/* The derived figures: out = num / den * scale, rounded to 1/round; none (null) when den is 0; hidden when num or
 * den is (report_indicators_suppress). The one list for the computation, the suppression and bench/report. */
struct report_rate {
	enum report_indicator out, num, den;
	double scale, round;
};
extern const struct report_rate report_rates[];
extern const size_t report_nrates;

/* Computes every indicator. 0 or an ERR_* code with e filled. */
int report_indicators(struct store *s, const struct report_filter *f, struct report_indicators *out, struct err *e);

/* The figures are computed by a fixed list of queries (each gives one or more indicators); the benchmark times
 * them one by one. */
size_t report_query_count(void);
const char *report_query_name(size_t i);
int report_query_run(struct store *s, size_t i, const struct report_filter *f, struct report_indicators *out,
                     struct err *e);

/* The ESF+ common indicators (src/report/esf.c; docs/outcomes.md, "ESF+ common indicators"): persons who entered in
 * the period (intake_on) by their characteristics at entry, and persons who left (left_on) by their results, each by
 * gender. A person in two programmes is one participant. Rows with a code are the Regulation's (EECO.., EECR..); the
 * others are the checks a project keeps beside them (the data missing, the target group against the data). */
enum report_esf_row {
	ESF_PARTICIPANTS,
	ESF_UNEMPLOYED,
	ESF_LONG_TERM_UNEMPLOYED,
	ESF_INACTIVE,
	ESF_EMPLOYED,
	ESF_AGE_UNDER_18,
	ESF_AGE_18_29,
	ESF_AGE_55_PLUS,
	ESF_ISCED_0_2,
	ESF_ISCED_3_4,
	ESF_ISCED_5_8,
	ESF_DISABILITIES,
	ESF_THIRD_COUNTRY,
	ESF_FOREIGN_ORIGIN,
	ESF_AGE_30_54,
	ESF_AGE_UNKNOWN,
	ESF_EDUCATION_UNKNOWN,
	ESF_LABOUR_UNKNOWN,
	ESF_TARGET_CHECKED,
	ESF_TARGET_MET,
	ESF_TARGET_NOT_MET,
	ESF_TARGET_INCOMPLETE,
	ESF_LEAVERS, /* from here on: counted over the persons who left */
	ESF_JOB_SEARCHING,
	ESF_IN_EDUCATION,
	ESF_QUALIFICATION,
	ESF_IN_EMPLOYMENT,
	ESF_NO_RESULT,
	ESF_EMPLOYED_6_MONTHS,
	ESF_6_MONTHS_NOT_DUE,
	ESF_ROW_COUNT
};
struct report_locale;
enum report_esf_col { ESF_TOTAL, ESF_WOMEN, ESF_MEN, ESF_NON_BINARY, ESF_GENDER_UNKNOWN, ESF_COL_COUNT };

struct report_esf {
	struct report_filter filter;
	int64_t n[ESF_ROW_COUNT][ESF_COL_COUNT];
	int min_cell; /* 0: exact; else report_esf_suppress() hid the cells flagged in hidden[] */
	bool hidden[ESF_ROW_COUNT][ESF_COL_COUNT];
};

const char *report_esf_key(enum report_esf_row i);   /* "participants" */
const char *report_esf_code(enum report_esf_row i);  /* "EECO01", or "" for a row of the project's own */
const char *report_esf_label(enum report_esf_row i); /* English */
const char *report_esf_col_key(enum report_esf_col c);
int report_esf(struct store *s, const struct report_filter *f, struct report_esf *out, struct err *e);
/* Hides every count c with 0 < c < k (the rule of report_suppressed): all of them for funders (all), else those
 * about partial work ability (the disabilities row; every row when the filter is that target group). */
void report_esf_suppress(struct report_esf *r, int k, bool all);
/* A cell as every writer prints it: "12", or "<5" when hidden; out[32]. */
void report_esf_text(const struct report_esf *r, enum report_esf_row i, enum report_esf_col c, char out[32]);
/* {"filter": {...}, "rows": [{"key", "code", "total", "women", "men", "non_binary", "gender_unknown"}...]} */
json_t *report_esf_json(const struct report_esf *r);
/* The funder's layout: one row per indicator (code, name, total, women, men, non-binary, gender unknown) after the
 * period and filter rows; with a locale, names and headers in its language, the separator of its Excel. */
void report_esf_csv(const struct report_esf *r, const struct report_locale *loc, struct buf *b);
/* Plain text for the CLI. */
void report_esf_print(const struct report_esf *r, struct buf *b);

/* Cross-tabulation of two dimensions over a measure. */
enum report_dim { RD_PROGRAMME, RD_TARGET_GROUP, RD_MUNICIPALITY, RD_ORGANISATION, RD_MONTH, RD_OUTCOME_TYPE,
                  RD_OWN_FIELD, RD_CONTRACT_TYPE, RD_REFERRAL_SOURCE, RD_COUNT };
enum report_measure { RM_OUTCOMES, RM_NEW_CLIENTS, RM_COUNT };
int report_dim_parse(const char *s, enum report_dim *out);
const char *report_dim_name(enum report_dim d);
int report_measure_parse(const char *s, enum report_measure *out);
const char *report_measure_name(enum report_measure m);

struct report_crosstab {
	enum report_dim rows, cols;
	enum report_measure measure;
	size_t nrows, ncols;
	char **row_labels, **col_labels;
	int64_t *cells;     /* nrows * ncols, row-major */
	int64_t *row_total, *col_total, total; /* totals count each fact once (a client in two target groups too) */
	int min_cell;       /* 0: exact; else report_crosstab_suppress() hid what the flags below say */
	bool *hidden, *row_hidden, *col_hidden, total_hidden; /* NULL while exact */
};
/* ERR_INVALID naming "rows"/"cols" when a dimension does not apply to the measure (outcome type for new clients). */
int report_crosstab(struct store *s, const struct report_filter *f, enum report_dim rows, enum report_dim cols,
                    enum report_measure m, struct report_crosstab **out, struct err *e);
void report_crosstab_free(struct report_crosstab *x);
int64_t report_crosstab_cell(const struct report_crosstab *x, size_t row, size_t col);

/* Small-count suppression, the one rule for every figure that leaves the service (docs/outcomes.md, "Small counts").
 * Figures meant for funders (the CSV and XLSX exports, cross-tabulations as CSV) hide every count c with
 * 0 < c < k, written "<k"; figures for staff (the dashboard, the JSON API, the CLI's text and JSON) stay exact,
 * except those about partial work ability (report_filter_sensitive, report_crosstab_sensitive), hidden there too.
 * k comes from OSAAJA_REPORT_MIN_CELL (2..1000), default 5; report_min_cell() reads it once. */
enum { REPORT_MIN_CELL_DEFAULT = 5 };
int report_min_cell(void);
bool report_suppressed(int64_t count, int k);
/* Indicators: hides small counts, and the rates, ratios and medians computed from a hidden count (or from fewer
 * than k clients). k <= 0 does nothing. */
void report_indicators_suppress(struct report_indicators *r, int k);
/* Cross-tabulations: hides small cells and totals (primary), then, row by row and column by column until nothing
 * changes, the smallest other cell of a line whose shown total would give away a single hidden cell (secondary).
 * ERR_UNAVAILABLE when out of memory. */
int report_crosstab_suppress(struct report_crosstab *x, int k, struct err *e);
/* A cell or total as text ("<5" when hidden). row/col SIZE_MAX: the column/row total; both: the grand total. */
void report_crosstab_text(const struct report_crosstab *x, size_t row, size_t col, char out[32]);
/* Figures about partial work ability (health-adjacent: issue 19 item 10) are suppressed for every reader, staff
 * included: the JSON API and the dashboard apply the same rule as the exports when the filter's target group is
 * partial_work_ability (report_filter_sensitive) or a cross-tab has a partial_work_ability row or column
 * (report_crosstab_sensitive; then the whole table, so that no difference reveals a hidden cell). */
bool report_filter_sensitive(const struct report_filter *f);
bool report_crosstab_sensitive(const struct report_crosstab *x, const struct report_filter *f);

/* Writers. JSON: {"filter": {...}, "indicators": {key: value|null, ...}} (caller owns). */
json_t *report_filter_json(const struct report_filter *f);
json_t *report_indicators_json(const struct report_indicators *r);
json_t *report_crosstab_json(const struct report_crosstab *x);
/* How an export is written for a person. NULL: the machine layout (English keys, comma, decimal point), as before.
 * Else headers and enumerated values come from the message catalogue (text(ctx, key) for keys "rep.ind.<key>",
 * "rep.dim.<dim>", "rep.type.<type>", "v.<code>"...), and a CSV for a Finnish or Swedish reader uses the separator and
 * decimal mark a Finnish-locale Excel reads in columns (';' and ','), after a UTF-8 byte order mark. */
struct report_locale {
	const char *lang;   /* "fi", "sv", "en" */
	char sep;           /* ';' (fi, sv) or ',' (en) */
	bool decimal_comma; /* fi, sv */
	const char *(*text)(void *ctx, const char *key);
	void *ctx;
};
/* The locale of an export in lang ("fi", "sv", "en"; NULL or "": the machine layout, *out untouched and false). */
bool report_locale_init(struct report_locale *out, const char *lang, const char *(*text)(void *ctx, const char *key),
                        void *ctx);
/* CSV (RFC 4180, UTF-8, CRLF): machine layout "indicator,label,value" rows after the filter rows (and a min_cell row
 * when suppressed); with a locale "label;value" rows in its language. Hidden values are written as
 * report_indicator_text() gives them. */
void report_indicators_csv(const struct report_indicators *r, const struct report_locale *loc, struct buf *b);
void report_crosstab_csv(const struct report_crosstab *x, const struct report_locale *loc, struct buf *b);
void report_indicators_text(const struct report_indicators *r, struct buf *b);
/* The headline rates over their three bases side by side (clients served, clients who left, the employed), each as
 * "count = percent", for the CLI's text report. */
void report_bases_text(const struct report_indicators *r, struct buf *b);
/* XLSX workbook (sheets "Indicators", "Outcomes by month", "By target group", or their names in loc's language) into
 * b, with the same rows as the CSV; its cross-tabulations are suppressed with r->min_cell like the indicators. */
int report_export_xlsx(struct store *s, const struct report_indicators *r, const struct report_locale *loc,
                       struct buf *b, struct err *e);
/* Pseudonymised client-level table (no names, contact details or exact dates); pseudonym = HMAC-SHA256 of the
 * client id under a random key made for this export and then forgotten. *rows = number of clients written. With a
 * locale: headers, statuses and target groups in its language, its separator. */
int report_clients_csv(struct store *s, const struct report_filter *f, const struct report_locale *loc, struct buf *b,
                       int64_t *rows, struct err *e);

/* Outcome hook: after an outcome row was created or updated (same transaction), checks the override pair and sets
 * outcomes.matches_competence from the rule in src/domain/outcome.c. ERR_INVALID naming override_reason when an
 * override has no reason. */
int report_outcome_written(struct store *s, int64_t outcome_id, struct err *e);
/* Profile hook: after a row of a competence-profile part (educations, work-history, target-occupations,
 * client-skills, certificates) was created, changed or archived (same transaction), recomputes matches_competence of
 * that client's employed outcomes, so the derived value never lags the profile it is derived from. Does nothing for
 * other entities or client_id 0. The counsellor's override is left as it is. */
int report_profile_written(struct store *s, const char *entity, int64_t client_id, struct err *e);
/* Stage hooks: after a proposal or an education row was created or updated (same transaction), set the day its stage
 * (sent, interview, offered, hired) or its recognition (applied, decided) was first reached, and the days of the
 * stages it implies; a day already there stays (src/report/stages.c, docs/outcomes.md "Dated stages"). */
int report_proposal_written(struct store *s, int64_t proposal_id, struct err *e);
int report_education_written(struct store *s, int64_t education_id, struct err *e);
/* Service event hook: after a service event was created or updated (same transaction, the client's row locked
 * first), sets the days of its client's first and last service event (clients.service_first_on, service_last_on),
 * which let "clients served" skip the probe of the events (src/report/served.c). */
int report_service_event_written(struct store *s, int64_t event_id, struct err *e);
/* Language hook: after a client's language row was created or updated (same transaction, the client's row locked
 * first), marks each language row of that client whose level is higher than an earlier assessment of the language
 * (client_languages.level_gained), which lets "Finnish level gained" skip the look at the other rows. */
int report_language_written(struct store *s, int64_t language_id, struct err *e);
/* Both hooks' values for every row (rows written around the pipeline: the demo). */
int report_marks_all(struct store *s, struct err *e);
/* Recomputes matches_competence for every outcome (of org_id, 0 = all); *n = rows updated. */
int report_outcome_recompute_all(struct store *s, int64_t org_id, int64_t *n, struct err *e);

/* --- Group events (src/report/groups.c; docs/outcomes.md, "Group events") ---
 * Per event type (the group-events type field's codes, in its order): the events held in the period (held_on), the
 * distinct clients marked as attended, their attendances (client rows marked attended) and the distinct employers
 * marked present; the total counts each client and each employer once over all types. Archived events and rows are
 * left out. The filter's organisation, period and programme apply (its target group and municipality do not: an
 * event is not a client's). Counts for staff, exact (no personal or health data). */
enum { REPORT_GROUP_TYPES_MAX = 8 };
struct report_group_row {
	const char *type; /* a code of group-events' type (static); NULL in the total */
	int64_t events, clients, attendances, employers;
};
struct report_groups {
	struct report_filter filter;
	size_t ntypes;
	struct report_group_row type[REPORT_GROUP_TYPES_MAX], total;
};
int report_groups(struct store *s, const struct report_filter *f, struct report_groups *out, struct err *e);
/* The same as the API's document (*out the caller's): {"filter": {...}, "types": [{"type", "events", "clients",
 * "attendances", "employers"}...], "total": {...}}. */
int report_groups_doc(struct store *s, const struct report_filter *f, json_t **out, struct err *e);
/* The same counts per event of the filter's period: {"<event id>": {"clients": n, "employers": n}} for the events
 * with an attendance marked (caller owns *out). */
int report_group_event_counts(struct store *s, const struct report_filter *f, json_t **out, struct err *e);
/* Service events by method (issue 16 item 8a; src/report/methods.c): the service events that happened in the period
 * (counted as the service_events indicator counts them) and their distinct clients, per method of the organisation,
 * with the events that name no method as one more row. *out (the caller's, json_decref): {"filter": {...},
 * "methods": [{"method_id", "name", "archived", "events", "clients"}, ...] (by name; the row without a method last,
 * method_id and name null), "total": {"events", "clients"}} (total clients: distinct over all rows, not their sum).
 * min_cell > 0 hides counts below it (null, with "min_cell" in the answer): for figures that must not single out a
 * person (report_filter_sensitive). */
int report_methods(struct store *s, const struct report_filter *f, int min_cell, json_t **out, struct err *e);
/* Families and settling in (issue 14; src/report/settling.c; docs/outcomes.md, "Families and settling in"): the
 * families of the filter (the organisation's, with an adult client of the counted population in the filter's
 * programme, target group and municipality), how far their settling-in plans are at the period's end (steps done by
 * then of the steps needed, per family and in all, and per kind of step), and of the families whose 6- or 12-month
 * mark after arrival (families.arrived_on) falls in the period, those still in the region at the mark (no
 * left_region_on on or before it). *out (the caller's): {"filter", "summary": {"families", "families_with_plan",
 * "steps", "steps_done", "steps_done_pct", "families_complete"}, "by_kind": [{"kind", "steps", "done", "done_pct"}],
 * "families": [{"family_id", "arrived_on", "left_region_on", "steps", "done", "done_pct"}], "region": {"6": {
 * "families", "still_in_region", "still_in_region_pct"}, "12": {...}}}. No names: managers read it too. */
int report_settling(struct store *s, const struct report_filter *f, json_t **out, struct err *e);
/* The settling figures for a funder (k > 0; report_min_cell()): "min_cell": k added, the per-family rows dropped, and
 * each count c with 0 < c < k null, with the part of a shown total whose rest is such a count (families with a plan
 * or complete of all families, steps done of the steps, families still in the region of those due) and every share
 * computed from a hidden count. */
void report_settling_suppress(json_t *settling, int k);
/* The settling figures (suppressed or not) as CSV: loc NULL the machine layout ("figure,value" rows, then
 * "kind,steps,done,done_pct"); with a locale the same in its language, its separator and decimal mark, after a BOM.
 * Hidden counts are written "<k". */
void report_settling_csv(json_t *settling, const struct report_locale *loc, struct buf *b);
/* Economic effect (src/report/economy.c; docs/outcomes.md, "Economic effect"): an estimate of the new tax revenue and
 * the unemployment benefit saved by the employments (employed, entrepreneurship) that started in the period, from
 * parameters kept in economic_parameters with their sources. An organisation's own value of a key overrides the
 * default (organisation_id NULL); of either, the newest row valid on the day asked (the period's end) counts, else
 * the oldest default (the figure nearest to an earlier period). */
enum report_econ_key { RE_MONTHLY_EARNINGS, RE_TAX_RATE, RE_MONTHLY_BENEFIT, RE_MONTHS, RE_KEY_COUNT };
struct report_econ_param {
	double value;
	char source[501];
	char valid_from[11];
	bool own; /* the organisation's value, not the default */
};
const char *report_econ_key_name(enum report_econ_key k); /* "monthly_earnings" */
const char *report_econ_key_unit(enum report_econ_key k); /* "EUR/month", "share", "months" */
/* -1 when name is no key. */
int report_econ_key_parse(const char *name);
/* The one rule for a value of k (within its range; months whole): 0, or ERR_INVALID with key "range" naming field. */
int report_econ_value_check(enum report_econ_key k, double v, const char *field, struct err *e);
/* The parameters of org_id (0: the defaults only) in force on the day on (YYYY-MM-DD). */
int report_econ_params(struct store *s, int64_t org_id, const char *on, struct report_econ_param out[RE_KEY_COUNT],
                       struct err *e);
/* Sets the organisation's value of k from valid_from (one row per key and day: the same day again replaces it).
 * The value and texts must have been checked (report_econ_value_check; source 1..500 bytes). */
int report_econ_param_set(struct store *s, int64_t org_id, enum report_econ_key k, double value, const char *source,
                          const char *valid_from, int64_t user_id, struct err *e);
/* {"on", "items": [{"key", "value", "unit", "source", "valid_from", "default"}...]} (caller owns). */
json_t *report_econ_params_json(const char *on, const struct report_econ_param p[RE_KEY_COUNT]);
/* Person-months of one employment: from start (days since 1970) for `months` calendar months, ended earlier by
 * end_incl (its last day; < 0: none); a month begun counts as its share of days. */
double report_econ_person_months(long start, long end_incl, int months);

struct report_economy {
	struct report_filter filter;
	int64_t employments;
	double person_months;                  /* full-time equivalent, rounded to 2 decimals */
	double tax_revenue, saved_benefit, total; /* euros, rounded to cents */
	struct report_econ_param params[RE_KEY_COUNT];
};
int report_economy(struct store *s, const struct report_filter *f, struct report_economy *out, struct err *e);
/* The same as the API's document (*out the caller's): the filter, the figures and the parameters used. */
int report_economy_doc(struct store *s, const struct report_filter *f, json_t **out, struct err *e);

/* Client feedback (src/report/feedback.c; docs/outcomes.md, "Client feedback"): answers to the shipped feedback
 * survey (slug REPORT_FEEDBACK_SURVEY) submitted in the period, their mean satisfaction (1..5, 1 decimal) and the
 * share satisfied (4 or 5). Under min_cell rated answers the mean and the share are null, so that no single answer
 * can be read from them. */
#define REPORT_FEEDBACK_SURVEY "feedback"
struct report_feedback {
	struct report_filter filter;
	int64_t responses, rated, satisfied;
	double mean, satisfied_pct;
	bool hidden; /* fewer than min_cell rated: mean, satisfied and satisfied_pct are not shown */
	int min_cell;
};
int report_feedback(struct store *s, const struct report_filter *f, int min_cell, struct report_feedback *out,
                    struct err *e);
/* The same as the API's document (*out the caller's), with min_cell report_min_cell(): what every reader sees. */
int report_feedback_doc(struct store *s, const struct report_filter *f, json_t **out, struct err *e);

/* --- International info point (issue 15 item 6; src/report/info_point.c; docs/outcomes.md) ---
 * The info point's contacts in the period (contacted_on), of the filter's organisation and municipality (the
 * contact's), archived ones left out. *out (the caller's): {"filter", "contacts": n, "personal_data_agreed": n,
 * "by": {"channel"|"topics"|"language"|"moving_status"|"referred_to": [{"value", "count"}...]}}: each field's codes
 * in its order with zeros, then other values (languages) as first seen, "(none)" for an empty one. A contact about
 * several topics counts once under each. Contacts, not persons: exact counts with no personal data. */
int report_info_point(struct store *s, const struct report_filter *f, json_t **out, struct err *e);

/* --- Survey summary (issue 14 item 6; src/report/survey_summary.c; docs/outcomes.md "Survey summary") ---
 * The answers to survey slug submitted in the filter's period (of its organisation and, when set, the programme of
 * the links), counted per question with fixed answers under the newest version's questions, with by = "none",
 * "lang" (the respondent's language), "nationality", "role" (worker, worker_with_spouse) or "respondent" (worker,
 * spouse: the person an answer is about; docs/outcomes.md) as a second dimension; the free texts of long-text
 * questions. Counts below min_cell (> 0) are null, and so is a share computed from one; with a second dimension each
 * question's table and the groups are suppressed as a cross-tabulation (report_crosstab_suppress, secondary too).
 * *out (the caller's): {"survey", "version", "by", "filter", "responses", "min_cell", "groups": {dim: n},
 * "questions": [{"id", "group", "type", "text", "answered", "answered_by"?, "values": [{"value", "text", "count",
 * "pct", "by"?: {dim: n}}]}], "free_texts": [{"id", "text", "answers": [...]}]}; texts in lang (else the survey's
 * first language). ERR_INVALID naming "by" for another dimension. */
int report_survey_summary(struct store *s, const struct report_filter *f, const char *slug, const char *by,
                          const char *lang, int min_cell, json_t **out, struct err *e);
/* The summary as CSV for a funder (loc: headers in its language and its separator; NULL: the machine layout):
 * question, answer, count, share, then a column per value of the second dimension; hidden counts "<k". */
void report_survey_summary_csv(json_t *summary, const struct report_locale *loc, struct buf *b);

/* --- Employers' needs (issue 15 item 1; src/report/employer_needs.c; docs/outcomes.md "Employers' needs") ---
 * Each employer's current needs record (its newest by reported_on, then id, reported on or before the period's end),
 * of the filter's organisation, of employers in the filter's municipality and in sector ("" or NULL: any), with the
 * workers its arrivals expect in the period's months. *out (the caller's): {"filter" (with "sector"), "employers",
 * "employers_with_arrivals", "workers", "by_kind": {"seasonal", "agency", "permanent"}, "by_month": [{"month":
 * "YYYY-MM", "workers", "seasonal", "agency", "permanent"}] (every month of the period), "regions": [{"municipality",
 * "sector", "employers", "workers", "seasonal", "agency", "permanent", "longer_term_yes"}], "longer_term_hiring" |
 * "challenges" | "services_wanted": [{"value", "count"}] (employers; the field's codes in order with zeros, hiring
 * also "(none)"), "rows": [{"employer_id", "need_id", "name", "municipality", "sector", "reported_on",
 * "longer_term_hiring", "challenges", "services_wanted", "workers", "by_kind"}]}. Employers, not persons: exact. */
int report_employer_needs(struct store *s, const struct report_filter *f, const char *sector, json_t **out,
                          struct err *e);
/* The "regions" table of an overview as CSV (machine headers; with loc, headers in its language, its separator and
 * a byte order mark for Excel). */
void report_employer_needs_csv(json_t *overview, const struct report_locale *loc, struct buf *b);
