/* modules: the feature modules of the web layer. Each src/web/api_<module>.c defines a route table and, when it holds
 * in-memory state (match index, taxonomy search index, page catalogues), a start/stop pair that `osaaja serve` calls
 * once around the server. start gets a migrated store (closed after start returns) and the database URL to open its
 * own connections. */
#pragma once
#include <stddef.h>

#include "match/match.h"
#include "store/store.h"
#include "web/web.h"

extern const struct route api_match_routes[];
extern const size_t api_match_routes_count;
int api_match_start(struct store *s, const char *db_url);
void api_match_stop(void);

extern const struct route api_taxonomy_routes[];
extern const size_t api_taxonomy_routes_count;
int api_taxonomy_start(struct store *s, const char *db_url);
void api_taxonomy_stop(void);

extern const struct route api_reports_routes[];
extern const size_t api_reports_routes_count;

extern const struct route api_surveys_routes[];
extern const size_t api_surveys_routes_count;
int api_surveys_start(struct store *s, const char *db_url);
void api_surveys_stop(void);

extern const struct route api_pages_routes[];
extern const size_t api_pages_routes_count;
int api_pages_start(struct store *s, const char *db_url);
void api_pages_stop(void);

extern const struct route api_privacy_routes[];
extern const size_t api_privacy_routes_count;

extern const struct route api_groups_routes[];
extern const size_t api_groups_routes_count;
extern const struct route api_economy_routes[];
extern const size_t api_economy_routes_count;

/* For pages: the match query the API serves (policy, scope, audit included); the result lives in r->arena. */
int api_match_run(struct web_request *r, enum match_subject subject, int64_t id, size_t limit, unsigned flags,
                  struct match_result **out);
/* The same with the skill labels in lang ("fi", "sv", "en"; English where the taxonomy has none, label_lang says). */
int api_match_run_lang(struct web_request *r, enum match_subject subject, int64_t id, size_t limit, unsigned flags,
                       const char *lang, struct match_result **out);
/* For pages: the shared ESCO search index (NULL before start). */
struct tax_index;
const struct tax_index *api_taxonomy_index(void);

/* Who reads the figures (never personal data): every staff role; employers and the system administrator do not.
 * The one mask of every figure's route. */
#define WEB_FIGURE_ROLES (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_MANAGER) | ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR))

/* Who acts on a client's matters beyond its own rows (referrals to partners, links between organisations' records)
 * and who reads them: the roles that write and read clients in the entity table (src/domain/entities.c), whose verbs
 * ask the table again. */
#define WEB_CLIENT_WRITERS (ROLE_BIT(ROLE_COUNSELLOR))
#define WEB_CLIENT_READERS (ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR))
/* A figure's filter from the query string (report_filter_param: only, skip), scoped to the caller's organisation and
 * checked; on failure e says which parameter and why. Defined in src/web/api_reports.c. */
struct report_filter;
int web_report_filter(struct web_request *r, const char *const *only, const char *const *skip, struct report_filter *f,
                      struct err *e);

/* The survey summary of the query (?survey=, from, to, programme_id, by, lang; report_survey_summary) with codes
 * named in words; counts below min_cell hidden (0: exact). Fails with r->err set. Defined in src/web/api_reports.c. */
int web_survey_summary(struct web_request *r, int min_cell, json_t **out);

/* Starts every module in order; on failure stops those started and returns non-zero with a message printed. */
int web_modules_start(struct store *s, const char *db_url);
void web_modules_stop(void);

/* src/web/api_info_point.c: the international info point (figures and pages). */
extern const struct route api_info_point_routes[];
extern const size_t api_info_point_routes_count;
/* src/web/api_families.c: the timeline of a family's settling-in plan (route table only). */
extern const struct route api_families_routes[];
extern const size_t api_families_routes_count;
/* src/web/api_methods.c: figures by service method (route table only). */
extern const struct route api_methods_routes[];
extern const size_t api_methods_routes_count;
/* src/web/api_partner_referrals.c: referrals across organisations (issue 15 item 2). */
extern const struct route api_partner_referrals_routes[];
extern const size_t api_partner_referrals_routes_count;
/* src/web/api_cohorts.c: international recruitment cohorts (the board, a member's move and timeline, the pages). */
extern const struct route api_cohorts_routes[];
extern const size_t api_cohorts_routes_count;
/* src/web/api_employer_needs.c: the employers' needs overview (figures, CSV and page). */
extern const struct route api_employer_needs_routes[];
extern const size_t api_employer_needs_routes_count;
/* src/web/api_client_links.c: one person in two organisations' programmes (issue 15 item 5). */
extern const struct route api_client_links_routes[];
extern const size_t api_client_links_routes_count;
/* src/web/api_skill_suggest.c: skills suggested from free text (issue 17 item 2). */
extern const struct route api_skill_suggest_routes[];
extern const size_t api_skill_suggest_routes_count;
