/* modules: the feature modules of the web layer. Each src/web/api_<module>.c defines a route table and, when it holds
 * in-memory state (match index, taxonomy search index, page catalogues), a start/stop pair that `osaaja serve` calls
 * once around the server. start gets a migrated store (closed after start returns) and the database URL to open its
 * own connections. */
#pragma once
#include <stddef.h>

#include "match/match.h"
#include "store/store.h"
#include "web/web.h"

/* A module's route table, const struct route api_<name>_routes[], and its size api_<name>_routes_count. */
#define WEB_MODULE_ROUTES(name)                          \
	extern const struct route api_##name##_routes[]; \
	extern const size_t api_##name##_routes_count
/* A module's start (a migrated store, closed after start returns, and the database URL for its own connections) and
 * stop. */
#define WEB_MODULE_STATE(name)                                       \
	int api_##name##_start(struct store *s, const char *db_url); \
	void api_##name##_stop(void)

/* The route tables, one a module (src/web/api_<name>.c). */
WEB_MODULE_ROUTES(match);
WEB_MODULE_ROUTES(taxonomy);
WEB_MODULE_ROUTES(reports);
WEB_MODULE_ROUTES(surveys);
WEB_MODULE_ROUTES(pages);
WEB_MODULE_ROUTES(privacy);
WEB_MODULE_ROUTES(groups);
WEB_MODULE_ROUTES(economy);
/* src/web/api_info_point.c: the international info point (figures and pages). */
WEB_MODULE_ROUTES(info_point);
/* src/web/api_families.c: the timeline of a family's settling-in plan (route table only). */
WEB_MODULE_ROUTES(families);
/* src/web/api_methods.c: figures by service method (route table only). */
WEB_MODULE_ROUTES(methods);
/* src/web/api_partner_referrals.c: referrals across organisations (issue 15 item 2). */
WEB_MODULE_ROUTES(partner_referrals);
/* src/web/api_cohorts.c: international recruitment cohorts (the board, a member's move and timeline, the pages). */
WEB_MODULE_ROUTES(cohorts);
/* src/web/api_employer_needs.c: the employers' needs overview (figures, CSV and page). */
WEB_MODULE_ROUTES(employer_needs);
/* src/web/api_client_links.c: one person in two organisations' programmes (issue 15 item 5). */
WEB_MODULE_ROUTES(client_links);
/* src/web/api_skill_suggest.c: skills suggested from free text (issue 17 item 2). */
WEB_MODULE_ROUTES(skill_suggest);
/* src/web/api_entities.c: the generic entity routes (/api/v1/{entity}...), joined last (routes.c). */
WEB_MODULE_ROUTES(entities);

/* The modules that hold in-memory state: api_<name>_start and api_<name>_stop, called around the server
 * (web_modules_start). */
WEB_MODULE_STATE(match);
WEB_MODULE_STATE(taxonomy);
WEB_MODULE_STATE(surveys);
WEB_MODULE_STATE(pages);

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
/* A figure that is one report's JSON document for a filter (*out the caller's): the one shape every plain figures
 * route shares, so that its route is the filter's parameters and this function (web_report_answer). */
typedef int (*web_report_doc)(struct store *s, const struct report_filter *f, json_t **out, struct err *e);
/* A plain figures route: the filter of the query (only: its parameters, NULL: every one), doc, then 200 with the
 * document; fails with r->err set. Defined in src/web/api_reports.c. */
int web_report_answer(struct web_request *r, const char *const *only, web_report_doc doc);

/* The survey summary of the query (?survey=, from, to, programme_id, by, lang; report_survey_summary) with codes
 * named in words; counts below min_cell hidden (0: exact). Fails with r->err set. Defined in src/web/api_reports.c. */
int web_survey_summary(struct web_request *r, int min_cell, json_t **out);

/* Starts every module in order; on failure stops those started and returns non-zero with a message printed. */
int web_modules_start(struct store *s, const char *db_url);
void web_modules_stop(void);
