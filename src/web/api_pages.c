/* api_pages: the staff web application: server-rendered HTML pages (src/web/pages/, one file per page), the static
 * files they use (web/static/), and the HTML error pages. Every page route is RF_HTML: its failures render as a page
 * in the user's language, and its POST forms carry the session's CSRF token (checked in page_run). */
#include "web/modules.h"
#include "web/pages/ui.h"

PAGE_ROUTE_WITH(ui_home, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_login, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_login_post, CSRF_LOGIN)
PAGE_ROUTE_WITH(ui_logout, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_lang, CSRF_IF_AUTHED)
PAGE_ROUTE_WITH(ui_account, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_account_password, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_followups, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_followup_record, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_caseload, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_client_new, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_client_create, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_client, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_client_edit, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_client_add, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_client_remove, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_client_family_new, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_client_family_add, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_client_family_remove, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_edit, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_edit_save, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_client_propose, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_client_matches, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_employers, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_employer_new, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_employer_create, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_employer, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_employer_add, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_vacancies, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_vacancy_new, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_vacancy_create, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_vacancy, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_vacancy_add, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_vacancy_propose, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_vacancy_matches, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_proposal_stage, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_users, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_user_create, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_orgs, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_org_create, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_programmes, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_programme_create, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_funder_create, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_funder_remove, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_partner_create, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_partner_remove, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_methods, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_method_create, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_method_remove, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_admin_audit, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_match_propose, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_vacancy_shortlists, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_vacancy_shortlist_send, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_proposal_reveal, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_portal, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_portal_shortlist, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_portal_answer, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_link_shortlist, CSRF_IF_AUTHED)
PAGE_ROUTE_WITH(ui_link_answer, CSRF_IF_AUTHED)
PAGE_ROUTE_WITH(ui_import, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_import_preview, CSRF_SESSION)
PAGE_ROUTE_WITH(ui_import_run, CSRF_SESSION)

enum {
	H = RF_HTML,
	STAFF = ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR),
	COUNSELLOR = ROLE_BIT(ROLE_COUNSELLOR),
	ADMIN = ROLE_BIT(ROLE_ADMIN),
	ACCOUNTS = ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_SYSADMIN), /* users and organisations: the sysadmin too */
	EMPLOYER = ROLE_BIT(ROLE_EMPLOYER),
};

const struct route api_pages_routes[] = {
	{"GET", "/static/{file}", pages_static, RF_PUBLIC | RF_NO_TX | H, 0, "static files of the web application"},
	{"GET", "/", ui_home_route, H, 0, "home: the start page of the user's role"},
	{"GET", "/login", ui_login_route, RF_PUBLIC | H, 0, "log-in page (?lang=fi|sv|en)"},
	{"POST", "/login", ui_login_post_route, RF_PUBLIC | H, 0, "log in (form)"},
	{"POST", "/logout", ui_logout_route, H, 0, "log out (form)"},
	{"POST", "/lang", ui_lang_route, RF_PUBLIC | H, 0, "choose the language (form)"},
	{"GET", "/account", ui_account_route, H, 0, "my account"},
	{"POST", "/account/password", ui_account_password_route, H, 0, "change my password (form)"},
	{"GET", "/followups", ui_followups_route, H, STAFF, "follow-ups due: employed clients to ask at 3, 6, 12 months"},
	{"POST", "/followups", ui_followup_record_route, H, STAFF, "record a follow-up (form)"},
	{"GET", "/caseload", ui_caseload_route, H, STAFF, "caseload: clients with search, filters, sorting"},
	{"GET", "/clients/new", ui_client_new_route, H, COUNSELLOR, "new client form"},
	{"POST", "/clients/new", ui_client_create_route, H, COUNSELLOR, "create a client (form)"},
	{"GET", "/clients/{id}", ui_client_route, H, STAFF, "client page: contact, profile, timeline"},
	{"POST", "/clients/{id}/edit", ui_client_edit_route, H, COUNSELLOR, "change a client's details (form)"},
	{"POST", "/clients/{id}/add/{entity}", ui_client_add_route, H, COUNSELLOR, "add to a client's profile (form)"},
	{"POST", "/clients/{id}/remove/{entity}/{rid}", ui_client_remove_route, H, COUNSELLOR, "remove a profile row"},
	{"POST", "/clients/{id}/family/new", ui_client_family_new_route, H, COUNSELLOR, "a new family for a client (form)"},
	{"POST", "/clients/{id}/family/add/{entity}", ui_client_family_add_route, H, COUNSELLOR,
	 "add a family member or a settling-in step to a client's family (form)"},
	{"POST", "/clients/{id}/family/remove/{entity}/{rid}", ui_client_family_remove_route, H, COUNSELLOR,
	 "remove a family member or a settling-in step"},
	{"POST", "/clients/{id}/propose", ui_client_propose_route, H, STAFF, "propose a client to a vacancy (form)"},
	{"GET", "/clients/{id}/matches", ui_client_matches_route, H, STAFF, "best vacancies for a client"},
	{"GET", "/employers", ui_employers_route, H, STAFF, "employers"},
	{"GET", "/employers/new", ui_employer_new_route, H, STAFF, "new employer form"},
	{"POST", "/employers/new", ui_employer_create_route, H, STAFF, "create an employer (form)"},
	{"GET", "/employers/{id}", ui_employer_route, H, STAFF, "employer page: contacts, vacancies, services"},
	{"POST", "/employers/{id}/add/{entity}", ui_employer_add_route, H, STAFF, "add a contact or a service (form)"},
	{"GET", "/vacancies", ui_vacancies_route, H, STAFF, "vacancies"},
	{"GET", "/vacancies/new", ui_vacancy_new_route, H, STAFF, "vacancy intake form"},
	{"POST", "/vacancies/new", ui_vacancy_create_route, H, STAFF, "create a vacancy (form)"},
	{"GET", "/vacancies/{id}", ui_vacancy_route, H, STAFF, "vacancy page with its shortlist"},
	{"POST", "/vacancies/{id}/add/{entity}", ui_vacancy_add_route, H, STAFF, "add a skill, language or licence"},
	{"POST", "/vacancies/{id}/propose", ui_vacancy_propose_route, H, STAFF, "propose a client (form)"},
	{"GET", "/vacancies/{id}/matches", ui_vacancy_matches_route, H, STAFF, "best clients for a vacancy"},
	{"POST", "/proposals/{id}/stage", ui_proposal_stage_route, H, STAFF, "move a proposal in the pipeline (form)"},
	{"GET", "/edit/{entity}/{id}", ui_edit_route, H, STAFF, "edit form for a row of any entity (?back=PAGE)"},
	{"POST", "/edit/{entity}/{id}", ui_edit_save_route, H, STAFF, "save an edited row (form)"},
	{"GET", "/admin/users", ui_admin_users_route, H, ACCOUNTS, "users and roles"},
	{"POST", "/admin/users", ui_admin_user_create_route, H, ACCOUNTS, "create a user (form)"},
	{"GET", "/admin/organisations", ui_admin_orgs_route, H, ACCOUNTS, "organisations"},
	{"POST", "/admin/organisations", ui_admin_org_create_route, H, ACCOUNTS, "create an organisation (form)"},
	{"GET", "/admin/programmes", ui_admin_programmes_route, H, ADMIN, "programmes"},
	{"POST", "/admin/programmes", ui_admin_programme_create_route, H, ADMIN, "create a programme (form)"},
	{"POST", "/admin/programmes/funders", ui_admin_funder_create_route, H, ADMIN, "add a programme's funder (form)"},
	{"POST", "/admin/programmes/funders/remove/{id}", ui_admin_funder_remove_route, H, ADMIN,
	 "archive a programme's funder (form)"},
	{"POST", "/admin/programmes/partners", ui_admin_partner_create_route, H, ADMIN,
	 "add an organisation that co-implements a programme (form)"},
	{"POST", "/admin/programmes/partners/remove/{id}", ui_admin_partner_remove_route, H, ADMIN,
	 "end an organisation's co-implementation of a programme (form)"},
	{"GET", "/admin/methods", ui_admin_methods_route, H, ADMIN, "service methods"},
	{"POST", "/admin/methods", ui_admin_method_create_route, H, ADMIN, "add a service method (form)"},
	{"POST", "/admin/methods/remove/{id}", ui_admin_method_remove_route, H, ADMIN,
	 "archive a service method (form; the events that used it keep it)"},
	{"GET", "/admin/audit", ui_admin_audit_route, H, ADMIN, "who looked at or changed a client's data"},
	{"POST", "/matches/propose", ui_match_propose_route, H, STAFF, "propose a client to a vacancy from a match"},
	{"GET", "/vacancies/{id}/shortlists", ui_vacancy_shortlists_route, H, STAFF, "send a shortlist to the employer"},
	{"POST", "/vacancies/{id}/shortlists", ui_vacancy_shortlist_send_route, H, STAFF, "send a shortlist (form)"},
	{"POST", "/proposals/{id}/reveal", ui_proposal_reveal_route, H, COUNSELLOR, "reveal or hide identity (form)"},
	{"GET", "/portal", ui_portal_route, H, EMPLOYER, "employer: the shortlists sent to my employer"},
	{"GET", "/portal/shortlists/{id}", ui_portal_shortlist_route, H, EMPLOYER, "employer: one shortlist"},
	{"POST", "/portal/shortlists/{id}/answer", ui_portal_answer_route, H, EMPLOYER, "employer: answer (form)"},
	{"GET", "/shortlist", ui_link_shortlist_route, RF_PUBLIC | H, 0, "a shortlist through its link (?t=TOKEN)"},
	{"POST", "/shortlist/answer", ui_link_answer_route, RF_PUBLIC | H, 0, "answer through a shortlist link (form)"},
	{"GET", "/import", ui_import_route, H, STAFF | ADMIN, "import clients, employers or vacancies from a CSV file"},
	{"POST", "/import/preview", ui_import_preview_route, H, STAFF | ADMIN, "preview a CSV import: errors and duplicates"},
	{"POST", "/import/run", ui_import_run_route, H, STAFF | ADMIN, "write the previewed rows in one transaction"},
	{"POST", "/api/v1/vacancies/{id}/shortlists", api_shortlist_send, 0, STAFF,
	 "send proposals of a vacancy to its employer as an anonymised shortlist ({proposal_ids, link?, link_days?})"},
	{"GET", "/api/v1/vacancies/{id}/shortlists", api_shortlists_of_vacancy, 0, STAFF, "shortlists sent for a vacancy"},
	{"POST", "/api/v1/proposals/{id}/reveal", api_proposal_reveal, 0, COUNSELLOR,
	 "reveal or hide the client's identity to the employer ({reveal}); needs a share_employer consent"},
	{"GET", "/api/v1/employer/shortlists", api_employer_shortlists, 0, EMPLOYER,
	 "employer: the shortlists sent to my employer"},
	{"GET", "/api/v1/employer/shortlists/{id}", api_employer_shortlist, 0, EMPLOYER,
	 "employer: one shortlist, anonymised until a client agrees to be named"},
	{"POST", "/api/v1/employer/shortlists/{id}/answers", api_employer_answer, 0, EMPLOYER,
	 "employer: answer for a candidate ({proposal_id, answer: interview|not_chosen, reason?})"},
	{"GET", "/api/v1/shortlist-link", api_link_shortlist, RF_PUBLIC, 0,
	 "a shortlist through its expiring link (?token=T)"},
	{"POST", "/api/v1/shortlist-link/answers", api_link_answer, RF_PUBLIC, 0,
	 "answer for a candidate through a shortlist link (?token=T)"},
};
const size_t api_pages_routes_count = sizeof api_pages_routes / sizeof *api_pages_routes;

int api_pages_start(struct store *s, const char *db_url)
{
	(void)s;
	(void)db_url;
	if (pages_load())
		return 1;
	web_html_error_hook = pages_error_hook;
	return 0;
}

void api_pages_stop(void)
{
	web_html_error_hook = NULL;
	pages_unload();
}
