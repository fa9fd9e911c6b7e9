/* api_pages: the staff web application: server-rendered HTML pages (src/web/pages/, one file per page), the static
 * files they use (web/static/), and the HTML error pages. Every page route is RF_HTML: its failures render as a page
 * in the user's language, and its POST forms carry the session's CSRF token (checked in page_run). */
#include "web/modules.h"
#include "web/pages/ui.h"

enum {
	H = RF_HTML,
	STAFF = ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR),
	COUNSELLOR = ROLE_BIT(ROLE_COUNSELLOR),
	ADMIN = ROLE_BIT(ROLE_ADMIN),
	ACCOUNTS = ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_SYSADMIN), /* users and organisations: the sysadmin too */
	EMPLOYER = ROLE_BIT(ROLE_EMPLOYER),
};

const struct route api_pages_routes[] = {
	{"GET", "/static/{file}", pages_static, NULL, RF_PUBLIC | RF_NO_TX | H, 0, "static files of the web application"},
	{"GET", "/", NULL, ui_home, H, 0, "home: the start page of the user's role"},
	{"GET", "/login", NULL, ui_login, RF_PUBLIC | H, 0, "log-in page (?lang=fi|sv|en)"},
	{"POST", "/login", NULL, ui_login_post, RF_CSRF_LOGIN | RF_PUBLIC | H, 0, "log in (form)"},
	{"POST", "/logout", NULL, ui_logout, H, 0, "log out (form)"},
	{"POST", "/lang", NULL, ui_lang, RF_CSRF_IF_AUTHED | RF_PUBLIC | H, 0, "choose the language (form)"},
	{"GET", "/account", NULL, ui_account, H, 0, "my account"},
	{"POST", "/account/password", NULL, ui_account_password, H, 0, "change my password (form)"},
	{"GET", "/followups", NULL, ui_followups, H, STAFF, "follow-ups due: employed clients to ask at 3, 6, 12 months"},
	{"POST", "/followups", NULL, ui_followup_record, H, STAFF, "record a follow-up (form)"},
	{"GET", "/caseload", NULL, ui_caseload, H, STAFF, "caseload: clients with search, filters, sorting"},
	{"GET", "/clients/new", NULL, ui_client_new, H, COUNSELLOR, "new client form"},
	{"POST", "/clients/new", NULL, ui_client_create, H, COUNSELLOR, "create a client (form)"},
	{"GET", "/clients/{id}", NULL, ui_client, H, STAFF, "client page: contact, profile, timeline"},
	{"POST", "/clients/{id}/edit", NULL, ui_client_edit, H, COUNSELLOR, "change a client's details (form)"},
	{"POST", "/clients/{id}/add/{entity}", NULL, ui_client_add, H, COUNSELLOR, "add to a client's profile (form)"},
	{"POST", "/clients/{id}/remove/{entity}/{rid}", NULL, ui_client_remove, H, COUNSELLOR, "remove a profile row"},
	{"POST", "/clients/{id}/family/new", NULL, ui_client_family_new, H, COUNSELLOR, "a new family for a client (form)"},
	{"POST", "/clients/{id}/family/add/{entity}", NULL, ui_client_family_add, H, COUNSELLOR,
	 "add a family member or a settling-in step to a client's family (form)"},
	{"POST", "/clients/{id}/family/remove/{entity}/{rid}", NULL, ui_client_family_remove, H, COUNSELLOR,
	 "remove a family member or a settling-in step"},
	{"POST", "/clients/{id}/propose", NULL, ui_client_propose, H, STAFF, "propose a client to a vacancy (form)"},
	{"GET", "/clients/{id}/matches", NULL, ui_client_matches, H, STAFF, "best vacancies for a client"},
	{"GET", "/employers", NULL, ui_employers, H, STAFF, "employers"},
	{"GET", "/employers/new", NULL, ui_employer_new, H, STAFF, "new employer form"},
	{"POST", "/employers/new", NULL, ui_employer_create, H, STAFF, "create an employer (form)"},
	{"GET", "/employers/{id}", NULL, ui_employer, H, STAFF, "employer page: contacts, vacancies, services"},
	{"POST", "/employers/{id}/add/{entity}", NULL, ui_employer_add, H, STAFF, "add a contact or a service (form)"},
	{"GET", "/vacancies", NULL, ui_vacancies, H, STAFF, "vacancies"},
	{"GET", "/vacancies/new", NULL, ui_vacancy_new, H, STAFF, "vacancy intake form"},
	{"POST", "/vacancies/new", NULL, ui_vacancy_create, H, STAFF, "create a vacancy (form)"},
	{"GET", "/vacancies/{id}", NULL, ui_vacancy, H, STAFF, "vacancy page with its shortlist"},
	{"POST", "/vacancies/{id}/add/{entity}", NULL, ui_vacancy_add, H, STAFF, "add a skill, language or licence"},
	{"POST", "/vacancies/{id}/propose", NULL, ui_vacancy_propose, H, STAFF, "propose a client (form)"},
	{"GET", "/vacancies/{id}/matches", NULL, ui_vacancy_matches, H, STAFF, "best clients for a vacancy"},
	{"POST", "/proposals/{id}/stage", NULL, ui_proposal_stage, H, STAFF, "move a proposal in the pipeline (form)"},
	{"GET", "/edit/{entity}/{id}", NULL, ui_edit, H, STAFF, "edit form for a row of any entity (?back=PAGE)"},
	{"POST", "/edit/{entity}/{id}", NULL, ui_edit_save, H, STAFF, "save an edited row (form)"},
	{"GET", "/admin/users", NULL, ui_admin_users, H, ACCOUNTS, "users and roles"},
	{"POST", "/admin/users", NULL, ui_admin_user_create, H, ACCOUNTS, "create a user (form)"},
	{"GET", "/admin/organisations", NULL, ui_admin_orgs, H, ACCOUNTS, "organisations"},
	{"POST", "/admin/organisations", NULL, ui_admin_org_create, H, ACCOUNTS, "create an organisation (form)"},
	{"GET", "/admin/programmes", NULL, ui_admin_programmes, H, ADMIN, "programmes"},
	{"POST", "/admin/programmes", NULL, ui_admin_programme_create, H, ADMIN, "create a programme (form)"},
	{"POST", "/admin/programmes/funders", NULL, ui_admin_funder_create, H, ADMIN, "add a programme's funder (form)"},
	{"POST", "/admin/programmes/funders/remove/{id}", NULL, ui_admin_funder_remove, H, ADMIN,
	 "archive a programme's funder (form)"},
	{"POST", "/admin/programmes/partners", NULL, ui_admin_partner_create, H, ADMIN,
	 "add an organisation that co-implements a programme (form)"},
	{"POST", "/admin/programmes/partners/remove/{id}", NULL, ui_admin_partner_remove, H, ADMIN,
	 "end an organisation's co-implementation of a programme (form)"},
	{"GET", "/admin/methods", NULL, ui_admin_methods, H, ADMIN, "service methods"},
	{"POST", "/admin/methods", NULL, ui_admin_method_create, H, ADMIN, "add a service method (form)"},
	{"POST", "/admin/methods/remove/{id}", NULL, ui_admin_method_remove, H, ADMIN,
	 "archive a service method (form; the events that used it keep it)"},
	{"GET", "/admin/audit", NULL, ui_admin_audit, H, ADMIN, "who looked at or changed a client's data"},
	{"POST", "/matches/propose", NULL, ui_match_propose, H, STAFF, "propose a client to a vacancy from a match"},
	{"GET", "/vacancies/{id}/shortlists", NULL, ui_vacancy_shortlists, H, STAFF, "send a shortlist to the employer"},
	{"POST", "/vacancies/{id}/shortlists", NULL, ui_vacancy_shortlist_send, H, STAFF, "send a shortlist (form)"},
	{"POST", "/proposals/{id}/reveal", NULL, ui_proposal_reveal, H, COUNSELLOR, "reveal or hide identity (form)"},
	{"GET", "/portal", NULL, ui_portal, H, EMPLOYER, "employer: the shortlists sent to my employer"},
	{"GET", "/portal/shortlists/{id}", NULL, ui_portal_shortlist, H, EMPLOYER, "employer: one shortlist"},
	{"POST", "/portal/shortlists/{id}/answer", NULL, ui_portal_answer, H, EMPLOYER, "employer: answer (form)"},
	{"GET", "/shortlist", NULL, ui_link_shortlist, RF_CSRF_IF_AUTHED | RF_PUBLIC | H, 0, "a shortlist through its link (?t=TOKEN)"},
	{"POST", "/shortlist/answer", NULL, ui_link_answer, RF_CSRF_IF_AUTHED | RF_PUBLIC | H, 0, "answer through a shortlist link (form)"},
	{"GET", "/import", NULL, ui_import, H, STAFF | ADMIN, "import clients, employers or vacancies from a CSV file"},
	{"POST", "/import/preview", NULL, ui_import_preview, H, STAFF | ADMIN, "preview a CSV import: errors and duplicates"},
	{"POST", "/import/run", NULL, ui_import_run, H, STAFF | ADMIN, "write the previewed rows in one transaction"},
	{"POST", "/api/v1/vacancies/{id}/shortlists", api_shortlist_send, NULL, 0, STAFF,
	 "send proposals of a vacancy to its employer as an anonymised shortlist ({proposal_ids, link?, link_days?})"},
	{"GET", "/api/v1/vacancies/{id}/shortlists", api_shortlists_of_vacancy, NULL, 0, STAFF, "shortlists sent for a vacancy"},
	{"POST", "/api/v1/proposals/{id}/reveal", api_proposal_reveal, NULL, 0, COUNSELLOR,
	 "reveal or hide the client's identity to the employer ({reveal}); needs a share_employer consent"},
	{"GET", "/api/v1/employer/shortlists", api_employer_shortlists, NULL, 0, EMPLOYER,
	 "employer: the shortlists sent to my employer"},
	{"GET", "/api/v1/employer/shortlists/{id}", api_employer_shortlist, NULL, 0, EMPLOYER,
	 "employer: one shortlist, anonymised until a client agrees to be named"},
	{"POST", "/api/v1/employer/shortlists/{id}/answers", api_employer_answer, NULL, 0, EMPLOYER,
	 "employer: answer for a candidate ({proposal_id, answer: interview|not_chosen, reason?})"},
	{"GET", "/api/v1/shortlist-link", api_link_shortlist, NULL, RF_PUBLIC, 0,
	 "a shortlist through its expiring link (?token=T)"},
	{"POST", "/api/v1/shortlist-link/answers", api_link_answer, NULL, RF_PUBLIC, 0,
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
	web_page_hook = page_run;
	return 0;
}

void api_pages_stop(void)
{
	web_html_error_hook = NULL;
	web_page_hook = NULL;
	pages_unload();
}
