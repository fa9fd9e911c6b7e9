/* ui: the page handlers (one file per page, ui-*.c), joined into the route table in src/web/api_pages.c or their
 * module's (src/web/api_<module>.c). */
#pragma once
#include "web/pages/pages.h"

int ui_home(struct page *pg);
int ui_login(struct page *pg);
int ui_login_post(struct page *pg);
int ui_logout(struct page *pg);
int ui_lang(struct page *pg);
int ui_account(struct page *pg);
int ui_account_password(struct page *pg);
int ui_followups(struct page *pg);
int ui_followup_record(struct page *pg);
int ui_caseload(struct page *pg);
int ui_client_new(struct page *pg);
int ui_client_create(struct page *pg);
int ui_client(struct page *pg);
/* The client page of client id (for a form elsewhere that fails and shows it again). */
int ui_client_show(struct page *pg, int64_t id);
int ui_client_edit(struct page *pg);
int ui_client_add(struct page *pg);
int ui_client_remove(struct page *pg);
int ui_client_family_new(struct page *pg);
int ui_client_family_add(struct page *pg);
int ui_client_family_remove(struct page *pg);
int ui_client_propose(struct page *pg);
int ui_client_matches(struct page *pg);
int ui_employers(struct page *pg);
int ui_employer_new(struct page *pg);
int ui_employer_create(struct page *pg);
int ui_employer(struct page *pg);
int ui_employer_add(struct page *pg);
int ui_vacancies(struct page *pg);
int ui_vacancy_new(struct page *pg);
int ui_vacancy_create(struct page *pg);
int ui_vacancy(struct page *pg);
int ui_vacancy_add(struct page *pg);
int ui_vacancy_propose(struct page *pg);
int ui_vacancy_matches(struct page *pg);
int ui_proposal_stage(struct page *pg);
int ui_admin_users(struct page *pg);
int ui_admin_user_create(struct page *pg);
int ui_admin_orgs(struct page *pg);
int ui_admin_org_create(struct page *pg);
int ui_admin_programmes(struct page *pg);
int ui_admin_programme_create(struct page *pg);
int ui_admin_funder_create(struct page *pg);
int ui_admin_funder_remove(struct page *pg);
int ui_admin_partner_create(struct page *pg);
int ui_admin_partner_remove(struct page *pg);
int ui_admin_methods(struct page *pg);
int ui_admin_method_create(struct page *pg);
int ui_admin_method_remove(struct page *pg);
int ui_admin_audit(struct page *pg);
int ui_edit(struct page *pg);
int ui_edit_save(struct page *pg);
int ui_match_propose(struct page *pg);
int ui_vacancy_shortlists(struct page *pg);
int ui_vacancy_shortlist_send(struct page *pg);
int ui_proposal_reveal(struct page *pg);
int ui_portal(struct page *pg);
int ui_portal_shortlist(struct page *pg);
int ui_portal_answer(struct page *pg);
int ui_link_shortlist(struct page *pg);
int ui_link_answer(struct page *pg);
int ui_import(struct page *pg);
int ui_import_preview(struct page *pg);
int ui_import_run(struct page *pg);

/* The group event pages (ui-groups.c), routed from src/web/api_groups.c. */
int ui_groups(struct page *pg);
int ui_group_new(struct page *pg);
int ui_group_create(struct page *pg);
int ui_group(struct page *pg);
int ui_group_attend(struct page *pg);
int ui_group_mark(struct page *pg);
int ui_group_remove(struct page *pg);
/* The international info point's pages (ui-info-point.c), routed from src/web/api_info_point.c. */
int ui_info_point(struct page *pg);
int ui_info_point_new(struct page *pg);
int ui_info_point_create(struct page *pg);
/* The recruitment cohorts' pages (ui-cohorts.c), routed from src/web/api_cohorts.c. */
int ui_cohorts(struct page *pg);
int ui_cohort_board(struct page *pg);
int ui_cohort_move(struct page *pg);
int ui_cohort_create(struct page *pg);
int ui_cohort_member_add(struct page *pg);

/* JSON handlers of the shortlist routes (src/web/api_shortlists.c), joined in api_pages.c's table. */
int api_shortlist_send(struct web_request *r);
int api_shortlists_of_vacancy(struct web_request *r);
int api_proposal_reveal(struct web_request *r);
int api_employer_shortlists(struct web_request *r);
int api_employer_shortlist(struct web_request *r);
int api_employer_answer(struct web_request *r);
int api_link_shortlist(struct web_request *r);
int api_link_answer(struct web_request *r);
