/* ui-employer-needs: the employers' needs overview page (ui-employer-needs.c), routed from src/web/api_employer_needs.c. */
#pragma once
#include <jansson.h>

#include "web/pages/pages.h"

struct report_filter;
int ui_employer_needs(struct page *pg);
/* On an employer's page (for those who write needs): the form that makes a needs-survey link, and the answers that
 * wait for a review with their accept and dismiss buttons. */
int ui_employer_needs_section(struct page *pg, int64_t employer_id);
int ui_employer_needs_survey(struct page *pg);  /* POST /employers/{id}/needs-survey */
int ui_employer_needs_accept(struct page *pg);  /* POST /employers/{id}/needs-answers/{rid}/accept */
int ui_employer_needs_dismiss(struct page *pg); /* POST /employers/{id}/needs-answers/{rid}/dismiss */
int ui_employer_need(struct page *pg);          /* GET /employer-needs/{id}: one record with its arrivals */
int ui_employer_need_add(struct page *pg);      /* POST /employer-needs/{id}/add/employer-need-arrivals */
/* The overview of the request's query (from, to default to the next twelve months; municipality, sector): *out the
 * caller's (report_employer_needs). Fails with r->err set. Defined in src/web/api_employer_needs.c. */
int web_employer_needs(struct web_request *r, struct report_filter *f, const char **sector, json_t **out);
