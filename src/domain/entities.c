/* entities: the data model table (see entity.h). Keep in step with src/store/migrations/. */
#include "domain/entity.h"

#include <string.h>

#define N(a) (sizeof(a) / sizeof *(a))
#define F(name, type, flags) {name, type, flags, NULL, NULL, 0, 0}
#define FE(name, vals, flags) {name, FT_ENUM, flags, vals, NULL, 0, 0}
#define FL(name, vals, flags) {name, FT_ENUM_LIST, flags, vals, NULL, 0, 0}
#define FR(name, ref, flags) {name, FT_REF, flags, NULL, ref, 0, 0}
#define FI(name, lo, hi, flags) {name, FT_INT, flags, NULL, NULL, lo, hi}
#define FN(name, lo, hi, flags) {name, FT_REAL, flags, NULL, NULL, lo, hi}
#define FT(name, maxlen, flags) {name, FT_TEXT, flags, NULL, NULL, 0, maxlen}
#define PARENT(name, ref) {name, FT_REF, FF_PARENT | FF_REQUIRED | FF_CREATE_ONLY | FF_FILTER, NULL, ref, 0, 0}
/* access columns: admin, counsellor, coordinator, manager, employer, sysadmin (the system administrator: organisations
 * and users of every organisation, never client data) */
#define ACC(a, cs, co, m, em, sy) {a, cs, co, m, em, sy}
enum { R = ACC_READ, W = ACC_WRITE, X = ACC_NONE };

static const char *const org_kinds[] = {"municipality", "employment_area", "project_owner", "education_provider",
                                        "company", "partner", NULL};
static const char *const roles[] = {"admin", "counsellor", "coordinator", "manager", "employer", "sysadmin", NULL};
static const char *const ui_langs[] = {"fi", "sv", "en", NULL};
const char *const domain_target_groups[] = {"highly_educated_immigrant", "immigrant", "partial_work_ability",
                                            "seasonal_worker", "spouse", "youth", "long_term_unemployed", NULL};
static const char *const client_status[] = {"intake", "active", "paused", "employed", "education", "closed", NULL};
/* the labour-market status at entry, as ESF+ reports it (docs/outcomes.md, "ESF+ common indicators") */
const char *const domain_labour_statuses[] = {"working", "self_employed", "unemployed", "long_term_unemployed",
                                              "inactive", NULL};
static const char *const permit_types[] = {"eu_citizen", "permanent", "continuous", "temporary", "seasonal_work",
                                           "student", "family", "international_protection", "temporary_protection",
                                           "other", NULL};
/* the adults of a family who are clients; a child is a family member (family_members), never a client */
static const char *const family_roles[] = {"worker", "spouse", "other", NULL};
static const char *const member_relations[] = {"child", "other", NULL};
/* the steps of a family's settling-in plan (docs/outcomes.md, "Families and settling in"); custom: a free title */
const char *const domain_settling_kinds[] = {"housing", "population_register", "bank_account", "tax_card",
                                             "health_care", "daycare_school", "finnish_course", "spouse_job_search",
                                             "custom", NULL};
const char *const domain_settling_states[] = {"todo", "doing", "done", "not_needed", NULL};
/* international recruitment cohorts (issue 15 item 7): the steps each member moves through, in order, and a step's
 * state (docs/outcomes.md, "Recruitment cohorts") */
const char *const domain_cohort_steps[] = {"selection", "training_abroad", "permit", "travel", "arrival", "housing",
                                           "induction", "first_6_months", NULL};
const char *const domain_cohort_states[] = {"not_started", "in_progress", "done", "not_needed", "interrupted", NULL};
static const char *const genders[] = {"female", "male", "other", "not_told", NULL};
static const char *const physical_load[] = {"no_limit", "moderate", "light", "seated", NULL};
static const char *const recognition[] = {"not_needed", "not_started", "in_progress", "recognised", "partially",
                                          "refused", NULL};
static const char *const evidence[] = {"self_declared", "counsellor_seen", "credential", NULL};
static const char *const skill_level[] = {"basic", "intermediate", "advanced", "expert", NULL};
static const char *const cert_kinds[] = {"licence", "certificate", "card", "driving_licence", "degree_recognition",
                                         "other", NULL};
static const char *const consent_purposes[] = {"data_processing", "matching", "share_employer", "share_partner",
                                               NULL};
static const char *const consent_methods[] = {"in_person", "survey", "written", "phone", NULL};
static const char *const employer_sizes[] = {"micro", "small", "medium", "large", NULL};
const char *const domain_employer_services[] = {"recruitment_service", "diverse_team_coaching",
                                                "hiring_advice_immigrants", "hiring_advice_partial_work_ability",
                                                "work_trial_arrangement", "other", NULL};
const char *const domain_contract_types[] = {"permanent", "fixed_term", "seasonal", "apprenticeship", "work_trial",
                                             "pay_subsidised", NULL};
static const char *const vacancy_status[] = {"draft", "open", "filled", "closed", NULL};
const char *const domain_proposal_stages[] = {"suggested", "discussed", "sent",       "interview",
                                              "offered",   "hired",     "not_chosen", NULL};
const char *const domain_event_types[] = {"intake", "meeting", "coaching", "group_session", "feedback", "referral",
                                          "cv_review", "job_search", "follow_up", "employer_visit", NULL};
/* who referred a client to the service (issue 15 item 4; the figures by source) */
const char *const domain_referral_sources[] = {"self", "employment_office", "municipality", "third_sector", "employer",
                                               "school", "partner_organisation", "info_point", "other", NULL};
/* the international info point (issue 15 item 6) */
static const char *const info_channels[] = {"walk_in", "phone", "email", "chat", "event", NULL};
const char *const domain_info_topics[] = {"work", "job_search", "studies", "language_courses", "degree_recognition",
                                          "residence_permit", "registration", "housing", "family_services",
                                          "health_care", "social_security", "taxation", "entrepreneurship", "other",
                                          NULL};
static const char *const moving_statuses[] = {"moved", "moving", "considering", "commuting", NULL};
static const char *const info_referrals[] = {"none", "competence_centre", "employment_services", "education_provider",
                                             "municipality_services", "migri", "kela", "tax_office",
                                             "third_sector", "employer", "other", NULL};
static const char *const referral_targets[] = {"language_course", "degree_recognition", "training", "education",
                                               "partner_organisation", "health_services", "other", NULL};
const char *const domain_outcome_types[] = {"employed", "education", "work_trial", "apprenticeship",
                                            "entrepreneurship", "moved", "other", NULL};
/* employers' needs (issue 15 item 1; docs/outcomes.md "Employers' needs") */
const char *const domain_need_sources[] = {"meeting", "phone", "email", "survey", "event", "other", NULL};
const char *const domain_need_hiring[] = {"yes", "maybe", "no", NULL};
const char *const domain_need_challenges[] = {"language", "housing", "induction", "permits", "transport",
                                              "recruitment", "skills_recognition", "workplace_culture", "family",
                                              "other", NULL};
const char *const domain_need_services[] = {"recruitment_help", "diversity_leadership", "workplace_language",
                                            "induction_support", "permit_advice", "housing_help", "training",
                                            "other", NULL};
const char *const domain_arrival_kinds[] = {"seasonal", "agency", "permanent", NULL};
static const char *const group_types[] = {"info_session", "recruitment_fair", "group_coaching", "employer_visit",
                                          "other", NULL};

static const struct field_def organisation_f[] = {
	FT("name", 200, FF_REQUIRED | FF_SEARCH),
	FE("kind", org_kinds, FF_REQUIRED | FF_FILTER),
	FT("municipality", 100, FF_FILTER),
	F("business_id", FT_BUSINESS_ID, 0),
};

static const struct field_def programme_f[] = {
	FR("organisation_id", "organisations", FF_FILTER | FF_CREATE_ONLY),
	FT("name", 200, FF_REQUIRED | FF_SEARCH),
	FT("funder", 200, 0),
	FL("target_groups", domain_target_groups, 0),
	FT("region", 100, FF_FILTER),
	F("starts_on", FT_DATE, 0),
	F("ends_on", FT_DATE, 0),
	F("description", FT_LONGTEXT, 0),
};

static const struct field_def user_f[] = {
	FR("organisation_id", "organisations", FF_FILTER | FF_CREATE_ONLY),
	F("email", FT_EMAIL, FF_REQUIRED | FF_SEARCH),
	FT("name", 200, FF_REQUIRED | FF_SEARCH),
	FE("role", roles, FF_REQUIRED | FF_FILTER),
	FE("lang", ui_langs, 0),
	FR("employer_id", "employers", 0),
};

/* A family: its adults are clients (clients.family_id), its children family members; its settling-in plan is its
 * settling steps. (The old progress columns registration, housing, daycare_school and spouse_job_search became steps
 * in migration 0016 and are no longer read.) */
static const struct field_def family_f[] = {
	FT("name", 200, FF_REQUIRED | FF_SEARCH),
	FT("municipality", 100, FF_FILTER),
	F("arrived_on", FT_DATE, 0),     /* arrived in the region: the start of "still in the region after 6 and 12 months" */
	F("left_region_on", FT_DATE, 0), /* moved away from the region, if it did */
	F("notes", FT_LONGTEXT, FF_COUNSELLOR_ONLY),
};

static const struct field_def family_member_f[] = {
	PARENT("family_id", "families"),
	FE("relation", member_relations, FF_REQUIRED | FF_FILTER),
	FT("first_name", 100, FF_REQUIRED),
	FT("last_name", 100, 0),
	FI("birth_year", 1900, 2030, 0),
	FE("gender", genders, 0),
	F("mother_tongue", FT_LANG, 0),
	F("nationality", FT_COUNTRY, 0),
	F("notes", FT_LONGTEXT, FF_COUNSELLOR_ONLY),
};

/* A step of a family's settling-in plan: of the whole family, or of one person in it (client_id: an adult client,
 * member_id: a family member; src/app/entity.c checks they belong to the family). */
static const struct field_def settling_step_f[] = {
	PARENT("family_id", "families"),
	FR("client_id", "clients", FF_FILTER),
	FR("member_id", "family-members", FF_FILTER),
	FE("kind", domain_settling_kinds, FF_REQUIRED | FF_FILTER),
	FT("title", 200, 0), /* required for a custom step */
	FR("owner_id", "users", FF_FILTER),
	F("due_on", FT_DATE, 0),
	FE("state", domain_settling_states, FF_FILTER),
	F("done_on", FT_DATE, FF_SERVER), /* the day it was first done */
	F("notes", FT_LONGTEXT, FF_COUNSELLOR_ONLY),
};

static const struct field_def client_f[] = {
	FR("programme_id", "programmes", FF_FILTER),
	FR("counsellor_id", "users", FF_FILTER),
	FR("family_id", "families", FF_FILTER),
	FE("family_role", family_roles, 0),
	FT("first_name", 100, FF_REQUIRED | FF_SEARCH),
	FT("last_name", 100, FF_REQUIRED | FF_SEARCH),
	FI("birth_year", 1900, 2030, 0),
	FE("gender", genders, 0),
	F("email", FT_EMAIL, FF_SEARCH),
	F("phone", FT_PHONE, 0),
	FT("municipality", 100, FF_FILTER),
	F("mother_tongue", FT_LANG, FF_FILTER),
	F("nationality", FT_COUNTRY, 0),
	F("country_of_education", FT_COUNTRY, FF_FILTER),
	FE("permit_type", permit_types, FF_FILTER),
	F("permit_expires_on", FT_DATE, 0),
	FL("target_groups", domain_target_groups, FF_FILTER),
	FE("status", client_status, FF_FILTER),
	F("intake_on", FT_DATE, 0),
	F("left_on", FT_DATE, 0), /* the day the service ended (set when the status becomes closed) */
	FE("labour_status", domain_labour_statuses, FF_FILTER), /* at entry, recorded at intake */
	FE("referral_source", domain_referral_sources, FF_FILTER), /* who referred the client */
	FT("availability", 200, 0),
	F("available_from", FT_DATE, 0),
	FT("regions", 300, 0),
	F("strengths", FT_LONGTEXT, 0),
	F("career_goals", FT_LONGTEXT, 0),
	F("cv_ready", FT_BOOL, 0),
	FN("work_hours_max", 0, 60, FF_ASSIGNED_ONLY), /* decimal: 37.5 */
	FE("physical_load", physical_load, FF_ASSIGNED_ONLY),
	{"accommodations", FT_LONGTEXT, FF_ASSIGNED_ONLY, NULL, NULL, 0, 2000},
	F("last_contact_on", FT_DATE, FF_SERVER),
};

static const struct field_def education_f[] = {
	PARENT("client_id", "clients"),
	FI("isced_level", 0, 8, FF_REQUIRED | FF_FILTER),
	F("isced_field", FT_ISCED_FIELD, FF_FILTER),
	FT("degree_title", 200, FF_SEARCH),
	FT("institution", 200, 0),
	F("country", FT_COUNTRY, 0),
	FI("completed_year", 1940, 2100, 0),
	FE("recognition", recognition, FF_FILTER),
	F("recognition_applied_on", FT_DATE, 0), /* set when the recognition is first applied for (or decided) */
	F("recognition_decided_on", FT_DATE, 0), /* set when it is first recognised, partially, or refused */
};

static const struct field_def work_f[] = {
	PARENT("client_id", "clients"),
	F("esco_occupation", FT_ESCO_OCCUPATION, FF_FILTER),
	F("isco_code", FT_ISCO, FF_FILTER),
	FT("title", 200, FF_REQUIRED | FF_SEARCH),
	FT("employer_name", 200, 0),
	F("country", FT_COUNTRY, 0),
	FI("start_year", 1940, 2100, 0),
	FI("end_year", 1940, 2100, 0),
	FN("years", 0, 70, 0),
};

static const struct field_def client_skill_f[] = {
	PARENT("client_id", "clients"),
	F("esco_skill", FT_ESCO_SKILL, FF_FILTER),
	FT("label", 200, FF_SEARCH),
	FE("evidence", evidence, FF_REQUIRED | FF_FILTER),
	FE("level", skill_level, 0),
};

static const struct field_def client_lang_f[] = {
	PARENT("client_id", "clients"),
	F("language", FT_LANG, FF_REQUIRED | FF_FILTER),
	F("level", FT_CEFR, FF_REQUIRED | FF_FILTER),
	F("assessed_on", FT_DATE, 0),
};

static const struct field_def certificate_f[] = {
	PARENT("client_id", "clients"),
	FE("kind", cert_kinds, FF_REQUIRED | FF_FILTER),
	FT("name", 200, FF_REQUIRED | FF_SEARCH),
	F("esco_skill", FT_ESCO_SKILL, 0),
	F("expires_on", FT_DATE, 0),
};

static const struct field_def target_f[] = {
	PARENT("client_id", "clients"),
	F("esco_occupation", FT_ESCO_OCCUPATION, FF_FILTER),
	F("isco_code", FT_ISCO, FF_FILTER),
	FT("title", 200, FF_SEARCH),
};

static const struct field_def consent_f[] = {
	PARENT("client_id", "clients"),
	FE("purpose", consent_purposes, FF_REQUIRED | FF_FILTER),
	F("given", FT_BOOL, FF_REQUIRED),
	F("given_on", FT_DATE, FF_REQUIRED),
	F("withdrawn_on", FT_DATE, 0),
	FE("method", consent_methods, 0),
};

static const struct field_def employer_f[] = {
	FT("name", 200, FF_REQUIRED | FF_SEARCH),
	F("business_id", FT_BUSINESS_ID, FF_FILTER | FF_SEARCH),
	FT("sector", 100, FF_FILTER),
	FT("municipality", 100, FF_FILTER),
	FR("coordinator_id", "users", FF_FILTER),
	FE("size", employer_sizes, 0),
	FT("website", 300, 0),
	F("notes", FT_LONGTEXT, 0),
};

static const struct field_def employer_contact_f[] = {
	PARENT("employer_id", "employers"),
	FT("name", 200, FF_REQUIRED | FF_SEARCH),
	FT("title", 200, 0),
	F("email", FT_EMAIL, 0),
	F("phone", FT_PHONE, 0),
};

static const struct field_def employer_service_f[] = {
	PARENT("employer_id", "employers"),
	FE("type", domain_employer_services, FF_REQUIRED | FF_FILTER),
	F("given_on", FT_DATE, FF_REQUIRED),
	FR("staff_id", "users", FF_FILTER),
	F("notes", FT_LONGTEXT, 0),
};

static const struct field_def vacancy_f[] = {
	FR("employer_id", "employers", FF_REQUIRED | FF_FILTER | FF_CREATE_ONLY),
	FT("title", 200, FF_REQUIRED | FF_SEARCH),
	F("esco_occupation", FT_ESCO_OCCUPATION, FF_FILTER),
	F("isco_code", FT_ISCO, FF_FILTER),
	F("description", FT_LONGTEXT, 0),
	FT("municipality", 100, FF_FILTER),
	FN("hours_per_week", 1, 60, 0), /* decimal: 37.5 */
	FE("contract_type", domain_contract_types, FF_REQUIRED | FF_FILTER),
	FI("positions", 1, 1000, 0),
	FE("status", vacancy_status, FF_FILTER),
	FI("education_level_min", 0, 8, 0),
	F("isced_field", FT_ISCED_FIELD, 0),
	FE("physical_load", physical_load, 0),
	F("permit_required", FT_BOOL, 0),
	F("recurring", FT_BOOL, 0),
	F("starts_on", FT_DATE, 0),
	F("closes_on", FT_DATE, 0),
};

static const struct field_def vacancy_skill_f[] = {
	PARENT("vacancy_id", "vacancies"),
	F("esco_skill", FT_ESCO_SKILL, FF_REQUIRED | FF_FILTER),
	FT("label", 200, 0),
	F("required", FT_BOOL, 0),
};

static const struct field_def vacancy_lang_f[] = {
	PARENT("vacancy_id", "vacancies"),
	F("language", FT_LANG, FF_REQUIRED),
	F("min_level", FT_CEFR, FF_REQUIRED),
	F("required", FT_BOOL, 0),
};

static const struct field_def vacancy_licence_f[] = {
	PARENT("vacancy_id", "vacancies"),
	FE("kind", cert_kinds, FF_REQUIRED),
	FT("name", 200, FF_REQUIRED),
};

static const struct field_def proposal_f[] = {
	FR("client_id", "clients", FF_REQUIRED | FF_FILTER | FF_CREATE_ONLY),
	FR("vacancy_id", "vacancies", FF_REQUIRED | FF_FILTER | FF_CREATE_ONLY),
	FE("stage", domain_proposal_stages, FF_FILTER),
	FT("reason", 500, 0),
	FR("staff_id", "users", FF_FILTER),
	FN("score", 0, 1000, 0),
	F("identity_revealed", FT_BOOL, FF_VERB), /* only through the counsellor's reveal, with consent */
	F("share_gaps", FT_BOOL, FF_COUNSELLOR_ONLY), /* the counsellor's choice: gaps shown to the employer */
	/* the day each stage was first reached (src/report/stages.c sets them; a counsellor may correct them) */
	F("sent_on", FT_DATE, 0),
	F("interview_on", FT_DATE, 0),
	F("offered_on", FT_DATE, 0),
	F("hired_on", FT_DATE, 0),
};

static const struct field_def service_event_f[] = {
	PARENT("client_id", "clients"),
	FE("type", domain_event_types, FF_REQUIRED | FF_FILTER),
	F("happened_on", FT_DATE, FF_REQUIRED | FF_FILTER),
	FI("duration_min", 0, 1440, 0),
	FR("staff_id", "users", FF_FILTER),
	FT("summary", 300, FF_SEARCH),
	F("notes", FT_LONGTEXT, FF_COUNSELLOR_ONLY),
	FE("referral_target", referral_targets, FF_FILTER),
	FT("referral_organisation", 200, 0),
	FR("method_id", "service-methods", FF_FILTER), /* an active method of the organisation (src/app/policy.c) */
};

static const struct field_def outcome_f[] = {
	PARENT("client_id", "clients"),
	FE("type", domain_outcome_types, FF_REQUIRED | FF_FILTER),
	FR("employer_id", "employers", FF_FILTER),
	FT("employer_name", 200, 0),
	F("esco_occupation", FT_ESCO_OCCUPATION, 0),
	F("isco_code", FT_ISCO, FF_FILTER),
	FN("hours_per_week", 1, 60, 0), /* decimal: 37.5 */
	FE("contract_type", domain_contract_types, 0),
	F("starts_on", FT_DATE, FF_REQUIRED | FF_FILTER),
	F("ends_on", FT_DATE, 0),
	F("matches_competence", FT_BOOL, FF_SERVER),
	F("override_matches", FT_BOOL, 0),
	FT("override_reason", 500, 0),
};

static const struct field_def followup_f[] = {
	PARENT("outcome_id", "outcomes"),
	FI("months", 3, 12, FF_REQUIRED | FF_FILTER),
	F("checked_on", FT_DATE, FF_REQUIRED),
	F("still_employed", FT_BOOL, 0),
	F("still_in_region", FT_BOOL, 0),
	FT("notes", 500, 0),
};

static const struct field_def group_event_f[] = {
	FR("programme_id", "programmes", FF_FILTER),
	FE("type", group_types, FF_REQUIRED | FF_FILTER),
	FT("title", 200, FF_REQUIRED | FF_SEARCH),
	F("held_on", FT_DATE, FF_REQUIRED | FF_FILTER),
	FT("place", 200, 0),
};

static const struct field_def attendance_f[] = {
	PARENT("group_event_id", "group-events"),
	FR("client_id", "clients", FF_FILTER),
	FR("employer_id", "employers", FF_FILTER),
	F("attended", FT_BOOL, 0),
};

static const struct field_def info_contact_f[] = {
	F("contacted_on", FT_DATE, FF_REQUIRED | FF_FILTER),
	FE("channel", info_channels, FF_REQUIRED | FF_FILTER),
	FL("topics", domain_info_topics, FF_FILTER),
	F("language", FT_LANG, FF_FILTER),
	FE("moving_status", moving_statuses, FF_FILTER),
	FE("referred_to", info_referrals, FF_FILTER),
	FT("municipality", 100, FF_FILTER),
	F("personal_data_agreed", FT_BOOL, 0),
	FT("name", 200, FF_SEARCH), /* only with personal_data_agreed */
	FT("contact", 200, 0),      /* only with personal_data_agreed */
	{"note", FT_LONGTEXT, 0, NULL, NULL, 0, 1000},
};

/* An employer's needs as told on one day; a new report is a new record, the newest is current (the history stays). */
static const struct field_def employer_need_f[] = {
	PARENT("employer_id", "employers"),
	F("reported_on", FT_DATE, FF_REQUIRED | FF_FILTER),
	FE("source", domain_need_sources, FF_FILTER),
	FE("longer_term_hiring", domain_need_hiring, FF_FILTER), /* interest in hiring for longer than a season */
	{"skills_lacking", FT_LONGTEXT, 0, NULL, NULL, 0, 2000},
	FL("challenges", domain_need_challenges, FF_FILTER),
	FL("services_wanted", domain_need_services, FF_FILTER),
	{"notes", FT_LONGTEXT, 0, NULL, NULL, 0, 4000},
};

/* Workers an employer expects to arrive in one month, in one role, of one kind. */
static const struct field_def employer_need_arrival_f[] = {
	PARENT("need_id", "employer-needs"),
	FI("year", 2000, 2100, FF_REQUIRED | FF_FILTER),
	FI("month", 1, 12, FF_REQUIRED | FF_FILTER | FF_MONTH),
	FT("title", 200, FF_REQUIRED | FF_SEARCH), /* the role as written */
	F("esco_occupation", FT_ESCO_OCCUPATION, FF_FILTER),
	F("isco_code", FT_ISCO, FF_FILTER),
	FI("workers", 1, 10000, FF_REQUIRED),
	FE("kind", domain_arrival_kinds, FF_REQUIRED | FF_FILTER),
};

static const struct field_def course_f[] = {
	FT("name", 200, FF_REQUIRED | FF_SEARCH),
	FT("provider", 200, FF_SEARCH),
	F("language", FT_LANG, FF_FILTER),
	FT("municipality", 100, FF_FILTER),
	FT("url", 300, 0),
	F("starts_on", FT_DATE, 0),
	F("ends_on", FT_DATE, 0),
};

static const struct field_def course_skill_f[] = {
	PARENT("course_id", "courses"),
	F("esco_skill", FT_ESCO_SKILL, FF_REQUIRED | FF_FILTER),
};

/* The methods a service event may name (creative and artistic methods, a peer group...): a list each organisation's
 * admins extend; archived when no longer offered, so that the events that used one keep it. */
static const struct field_def service_method_f[] = {
	FT("name", 200, FF_REQUIRED | FF_SEARCH),
	{"description", FT_LONGTEXT, 0, NULL, NULL, 0, 2000},
};

/* A programme's funders, each with its share in per cent (decimal; the shares of a programme's active funders sum to
 * at most 100: src/app/funders.c). */
static const struct field_def programme_funder_f[] = {
	PARENT("programme_id", "programmes"),
	FT("funder", 200, FF_REQUIRED | FF_SEARCH),
	FN("share_pct", 0, 100, FF_REQUIRED),
	FT("funding_decision", 200, 0), /* the funder's decision or its reference (diary number) */
};

/* An organisation that co-implements a programme (shared programmes, migration 0021): it reads the programme, puts its
 * own clients in it and sees the programme's combined figures; the programme's own organisation adds it. */
static const struct field_def programme_partner_f[] = {
	PARENT("programme_id", "programmes"),
	FR("partner_organisation_id", "organisations", FF_REQUIRED | FF_CREATE_ONLY | FF_FILTER | FF_OTHER_ORG),
	FT("task", 500, 0), /* its part in the programme ("job coaching in Kainuu") */
};

/* An international recruitment cohort, run with an employer, a school and a staffing agency (the school and the agency
 * by name: they are partners, not rows of this organisation). */
static const struct field_def cohort_f[] = {
	FT("name", 200, FF_REQUIRED | FF_SEARCH),
	FR("programme_id", "programmes", FF_FILTER),
	FR("employer_id", "employers", FF_FILTER),
	FT("school", 200, 0),
	FT("staffing_agency", 200, 0),
	F("country", FT_COUNTRY, FF_FILTER), /* where the people are recruited from */
	F("esco_occupation", FT_ESCO_OCCUPATION, FF_FILTER),
	F("isco_code", FT_ISCO, FF_FILTER),
	FT("occupation_title", 200, 0),
	F("planned_arrival_on", FT_DATE, 0),
	{"notes", FT_LONGTEXT, 0, NULL, NULL, 0, 2000},
};

/* A person recruited in a cohort: a client record when one exists (a client in one cohort at most: a unique index),
 * else only a short name or the recruiter's reference until the person arrives. */
static const struct field_def cohort_member_f[] = {
	PARENT("cohort_id", "cohorts"),
	FR("client_id", "clients", FF_FILTER),
	FT("name", 100, FF_REQUIRED | FF_SEARCH),
	{"notes", FT_LONGTEXT, FF_COUNSELLOR_ONLY, NULL, NULL, 0, 2000},
};

/* One step of a member's way (one row per member and step: a unique index); done_on is the day it was done or
 * interrupted (the write pipeline fills today when none is given: src/store/cohort_store.c). */
static const struct field_def cohort_step_f[] = {
	PARENT("member_id", "cohort-members"),
	FE("step", domain_cohort_steps, FF_REQUIRED | FF_FILTER | FF_CREATE_ONLY),
	FE("state", domain_cohort_states, FF_FILTER),
	F("planned_on", FT_DATE, 0),
	F("done_on", FT_DATE, 0),
	{"notes", FT_LONGTEXT, FF_COUNSELLOR_ONLY, NULL, NULL, 0, 2000},
};

#define ENT_DEF(eid, nm, tbl, par, pf, cf, sc, any, f, ord, prof)                                                     \
	.id = eid, .name = nm, .table = #tbl, .parent = par, .parent_field = pf, .client_field = cf, .scope = sc,        \
	.admin_any_org = any, .fields = f, .nfields = N(f), .order_by = ord, .profile = prof
#define ENT(eid, nm, tbl, par, pf, cf, sc, any, acc, f, ord)                                                         \
	static const struct entity_def ent_##tbl = {ENT_DEF(eid, nm, tbl, par, pf, cf, sc, any, f, ord, false),         \
	                                            .access = acc};
/* Personal data beside a client's (entity_def.audit_client): audited as a client's; ac names the client column. */
#define PERSONAL(eid, nm, tbl, par, pf, sc, acc, f, ord, ac)                                                          \
	static const struct entity_def ent_##tbl = {ENT_DEF(eid, nm, tbl, par, pf, NULL, sc, false, f, ord, false),     \
	                                            .access = acc, .audit_client = ac};
/* A part of a client's competence profile (what matching, outcomes' matches_competence and survey intake read). */
#define PROFILE(eid, nm, tbl, par, pf, cf, sc, any, acc, f, ord)                                                     \
	static const struct entity_def ent_##tbl = {ENT_DEF(eid, nm, tbl, par, pf, cf, sc, any, f, ord, true),          \
	                                            .access = acc};

ENT(ENT_ORGANISATIONS, "organisations", organisations, NULL, NULL, NULL, SCOPE_SELF, true, ACC(R, R, R, R, X, W),
    organisation_f, "name")
/* a programme is also read by the organisations that co-implement it (programme_partners) */
static const struct entity_def ent_programmes = {
	ENT_DEF(ENT_PROGRAMMES, "programmes", programmes, NULL, NULL, NULL, SCOPE_ORG, false, programme_f, "name", false),
	.access = ACC(W, R, R, R, X, X), .shared = true};
ENT(ENT_USERS, "users", users, NULL, NULL, NULL, SCOPE_ORG, true, ACC(W, R, R, X, X, W), user_f, "name")
/* a family is seen by the staff who may see its clients (counsellors write, coordinators read); never by an employer */
PERSONAL(ENT_FAMILIES, "families", families, NULL, NULL, SCOPE_ORG, ACC(X, W, R, X, X, X), family_f, "name", "")
PERSONAL(ENT_FAMILY_MEMBERS, "family-members", family_members, "families", "family_id", SCOPE_ORG,
         ACC(X, W, R, X, X, X), family_member_f, "birth_year, id", "")
PERSONAL(ENT_SETTLING_STEPS, "settling-steps", settling_steps, "families", "family_id", SCOPE_ORG,
         ACC(X, W, R, X, X, X), settling_step_f, "due_on, id", "client_id")
ENT(ENT_CLIENTS, "clients", clients, NULL, NULL, "id", SCOPE_ORG, false, ACC(X, W, R, X, X, X), client_f,
    "last_name, first_name")
PROFILE(ENT_EDUCATIONS, "educations", educations, "clients", "client_id", "client_id", SCOPE_ORG, false,
        ACC(X, W, R, X, X, X), education_f, "isced_level DESC")
PROFILE(ENT_WORK_HISTORY, "work-history", work_history, "clients", "client_id", "client_id", SCOPE_ORG, false,
        ACC(X, W, R, X, X, X), work_f, "start_year DESC")
PROFILE(ENT_CLIENT_SKILLS, "client-skills", client_skills, "clients", "client_id", "client_id", SCOPE_ORG, false,
        ACC(X, W, R, X, X, X), client_skill_f, "id")
PROFILE(ENT_CLIENT_LANGUAGES, "client-languages", client_languages, "clients", "client_id", "client_id", SCOPE_ORG,
        false, ACC(X, W, R, X, X, X), client_lang_f, "id")
PROFILE(ENT_CERTIFICATES, "certificates", certificates, "clients", "client_id", "client_id", SCOPE_ORG, false,
        ACC(X, W, R, X, X, X), certificate_f, "id")
PROFILE(ENT_TARGET_OCCUPATIONS, "target-occupations", target_occupations, "clients", "client_id", "client_id",
        SCOPE_ORG, false, ACC(X, W, R, X, X, X), target_f, "id")
ENT(ENT_CONSENTS, "consents", consents, "clients", "client_id", "client_id", SCOPE_ORG, false, ACC(X, W, R, X, X, X),
    consent_f, "given_on DESC")
ENT(ENT_EMPLOYERS, "employers", employers, NULL, NULL, NULL, SCOPE_ORG, false, ACC(X, W, W, X, X, X), employer_f,
    "name")
ENT(ENT_EMPLOYER_CONTACTS, "employer-contacts", employer_contacts, "employers", "employer_id", NULL, SCOPE_ORG, false,
    ACC(X, W, W, X, X, X), employer_contact_f, "name")
ENT(ENT_EMPLOYER_SERVICES, "employer-services", employer_services, "employers", "employer_id", NULL, SCOPE_ORG, false,
    ACC(X, W, W, X, X, X), employer_service_f, "given_on DESC")
ENT(ENT_VACANCIES, "vacancies", vacancies, NULL, NULL, NULL, SCOPE_ORG, false, ACC(X, W, W, X, X, X), vacancy_f,
    "id DESC")
ENT(ENT_VACANCY_SKILLS, "vacancy-skills", vacancy_skills, "vacancies", "vacancy_id", NULL, SCOPE_ORG, false,
    ACC(X, W, W, X, X, X), vacancy_skill_f, "id")
ENT(ENT_VACANCY_LANGUAGES, "vacancy-languages", vacancy_languages, "vacancies", "vacancy_id", NULL, SCOPE_ORG, false,
    ACC(X, W, W, X, X, X), vacancy_lang_f, "id")
ENT(ENT_VACANCY_LICENCES, "vacancy-licences", vacancy_licences, "vacancies", "vacancy_id", NULL, SCOPE_ORG, false,
    ACC(X, W, W, X, X, X), vacancy_licence_f, "id")
ENT(ENT_PROPOSALS, "proposals", proposals, NULL, NULL, "client_id", SCOPE_ORG, false, ACC(X, W, W, X, X, X), proposal_f,
    "id DESC")
ENT(ENT_SERVICE_EVENTS, "service-events", service_events, "clients", "client_id", "client_id", SCOPE_ORG, false,
    ACC(X, W, R, X, X, X), service_event_f, "happened_on DESC, id DESC")
ENT(ENT_OUTCOMES, "outcomes", outcomes, "clients", "client_id", "client_id", SCOPE_ORG, false, ACC(X, W, R, X, X, X),
    outcome_f, "starts_on DESC")
PERSONAL(ENT_OUTCOME_FOLLOWUPS, "outcome-followups", outcome_followups, "outcomes", "outcome_id", SCOPE_ORG,
         ACC(X, W, R, X, X, X), followup_f, "months", "")
ENT(ENT_GROUP_EVENTS, "group-events", group_events, NULL, NULL, NULL, SCOPE_ORG, false, ACC(X, W, W, X, X, X),
    group_event_f, "held_on DESC")
PERSONAL(ENT_GROUP_ATTENDANCE, "group-attendance", group_attendance, "group-events", "group_event_id", SCOPE_ORG,
         ACC(X, W, W, X, X, X), attendance_f, "id", "client_id")
ENT(ENT_INFO_CONTACTS, "info-contacts", info_contacts, NULL, NULL, NULL, SCOPE_ORG, false, ACC(X, W, W, X, X, X),
    info_contact_f, "contacted_on DESC, id DESC")
/* Employers' needs: the company coordinators and counsellors write, managers read (the overview's readers); an
 * employer-role user reads no entity (it sees the shortlists sent to it): it tells its needs through a survey link. */
ENT(ENT_EMPLOYER_NEEDS, "employer-needs", employer_needs, "employers", "employer_id", NULL, SCOPE_ORG, false,
    ACC(X, W, W, R, X, X), employer_need_f, "reported_on DESC, id DESC")
ENT(ENT_EMPLOYER_NEED_ARRIVALS, "employer-need-arrivals", employer_need_arrivals, "employer-needs", "need_id", NULL,
    SCOPE_ORG, false, ACC(X, W, W, R, X, X), employer_need_arrival_f, "year, month, id")
ENT(ENT_COURSES, "courses", courses, NULL, NULL, NULL, SCOPE_ORG, false, ACC(X, W, W, X, X, X), course_f, "name")
ENT(ENT_COURSE_SKILLS, "course-skills", course_skills, "courses", "course_id", NULL, SCOPE_ORG, false,
    ACC(X, W, W, X, X, X), course_skill_f, "id")
ENT(ENT_SERVICE_METHODS, "service-methods", service_methods, NULL, NULL, NULL, SCOPE_ORG, false, ACC(W, R, R, R, X, X),
    service_method_f, "name")
ENT(ENT_PROGRAMME_FUNDERS, "programme-funders", programme_funders, "programmes", "programme_id", NULL, SCOPE_ORG, false,
    ACC(W, R, R, R, X, X), programme_funder_f, "share_pct DESC, id")
/* cohorts: counsellors and coordinators write, managers read; no employer access (a member's steps say where a person
 * is in a permit or housing process, which the employer is not shown) */
ENT(ENT_COHORTS, "cohorts", cohorts, NULL, NULL, NULL, SCOPE_ORG, false, ACC(X, W, W, R, X, X), cohort_f, "name")
ENT(ENT_COHORT_MEMBERS, "cohort-members", cohort_members, "cohorts", "cohort_id", "client_id", SCOPE_ORG, false,
    ACC(X, W, W, R, X, X), cohort_member_f, "name, id")
PERSONAL(ENT_COHORT_STEPS, "cohort-steps", cohort_steps, "cohort-members", "member_id", SCOPE_ORG,
         ACC(X, W, W, R, X, X), cohort_step_f, "member_id, id", "")
ENT(ENT_PROGRAMME_PARTNERS, "programme-partners", programme_partners, "programmes", "programme_id", NULL, SCOPE_ORG,
    false, ACC(W, R, R, R, X, X), programme_partner_f, "id")

const struct entity_def *const entity_all[ENT_COUNT] = {
	[ENT_ORGANISATIONS] = &ent_organisations,
	[ENT_PROGRAMMES] = &ent_programmes,
	[ENT_USERS] = &ent_users,
	[ENT_FAMILIES] = &ent_families,
	[ENT_FAMILY_MEMBERS] = &ent_family_members,
	[ENT_SETTLING_STEPS] = &ent_settling_steps,
	[ENT_CLIENTS] = &ent_clients,
	[ENT_EDUCATIONS] = &ent_educations,
	[ENT_WORK_HISTORY] = &ent_work_history,
	[ENT_CLIENT_SKILLS] = &ent_client_skills,
	[ENT_CLIENT_LANGUAGES] = &ent_client_languages,
	[ENT_CERTIFICATES] = &ent_certificates,
	[ENT_TARGET_OCCUPATIONS] = &ent_target_occupations,
	[ENT_CONSENTS] = &ent_consents,
	[ENT_EMPLOYERS] = &ent_employers,
	[ENT_EMPLOYER_CONTACTS] = &ent_employer_contacts,
	[ENT_EMPLOYER_SERVICES] = &ent_employer_services,
	[ENT_VACANCIES] = &ent_vacancies,
	[ENT_VACANCY_SKILLS] = &ent_vacancy_skills,
	[ENT_VACANCY_LANGUAGES] = &ent_vacancy_languages,
	[ENT_VACANCY_LICENCES] = &ent_vacancy_licences,
	[ENT_PROPOSALS] = &ent_proposals,
	[ENT_SERVICE_EVENTS] = &ent_service_events,
	[ENT_OUTCOMES] = &ent_outcomes,
	[ENT_OUTCOME_FOLLOWUPS] = &ent_outcome_followups,
	[ENT_GROUP_EVENTS] = &ent_group_events,
	[ENT_GROUP_ATTENDANCE] = &ent_group_attendance,
	[ENT_COURSES] = &ent_courses,
	[ENT_COURSE_SKILLS] = &ent_course_skills,
	[ENT_SERVICE_METHODS] = &ent_service_methods,
	[ENT_PROGRAMME_FUNDERS] = &ent_programme_funders,
	[ENT_INFO_CONTACTS] = &ent_info_contacts,
	[ENT_COHORTS] = &ent_cohorts,
	[ENT_COHORT_MEMBERS] = &ent_cohort_members,
	[ENT_COHORT_STEPS] = &ent_cohort_steps,
	[ENT_EMPLOYER_NEEDS] = &ent_employer_needs,
	[ENT_EMPLOYER_NEED_ARRIVALS] = &ent_employer_need_arrivals,
	[ENT_PROGRAMME_PARTNERS] = &ent_programme_partners,
};
const size_t entity_count = ENT_COUNT;
_Static_assert(N(entity_all) == ENT_COUNT, "every entity has its definition");

const struct entity_def *entity_find(const char *name)
{
	for (size_t i = 0; i < entity_count; i++)
		if (strcmp(entity_all[i]->name, name) == 0)
			return entity_all[i];
	return NULL;
}

const struct field_def *entity_field(const struct entity_def *d, const char *name)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return &d->fields[i];
	return NULL;
}

const char *role_name(enum role r)
{
	static const char *names[ROLE_COUNT] = {"admin", "counsellor", "coordinator", "manager", "employer", "sysadmin"};
	return (unsigned)r < ROLE_COUNT ? names[r] : "none";
}

int role_parse(const char *s, enum role *out)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (s && strcmp(s, role_name((enum role)r)) == 0) {
			*out = (enum role)r;
			return 0;
		}
	}
	return ERR_INVALID;
}

bool entity_is_client(const struct entity_def *d)
{
	return d && d->client_field && strcmp(d->client_field, "id") == 0;
}

bool entity_audited(const struct entity_def *d)
{
	return d->client_field || d->audit_client;
}

const char *entity_audit_client(const struct entity_def *d)
{
	return d->client_field ? d->client_field : d->audit_client && *d->audit_client ? d->audit_client : NULL;
}

bool client_status_seeking(const char *status)
{
	static const char *const placed[] = {"employed", "education", "closed"};
	for (size_t i = 0; status && i < sizeof placed / sizeof *placed; i++)
		if (strcmp(status, placed[i]) == 0)
			return false;
	return true;
}
