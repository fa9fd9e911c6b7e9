/* entity: the data model as a static table. Each entity names its table, its fields with their types and rules,
 * which roles may read or write it, and how it is scoped to an organisation. Validation, the generic store queries,
 * the JSON API routes, the OpenAPI check and the authorisation test are all driven by this one table, so a field is
 * added in one place (plus its migration).
 *
 * Domain code never sees HTTP or SQL: it validates JSON input into typed values and decides what a role may see. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* ROLE_SYSADMIN: the system administrator, created only from the console (osaaja user add --role sysadmin): manages
 * organisations and the users of every organisation, and reads no client data. ROLE_ADMIN administers its own
 * organisation only. */
enum role { ROLE_ADMIN, ROLE_COUNSELLOR, ROLE_COORDINATOR, ROLE_MANAGER, ROLE_EMPLOYER, ROLE_SYSADMIN, ROLE_COUNT };

const char *role_name(enum role r);
/* Returns 0 and sets *out for "admin", "counsellor", ...; ERR_INVALID otherwise. */
int role_parse(const char *s, enum role *out);

enum field_type {
	FT_TEXT,        /* one line, up to max_len bytes (default 200) */
	FT_LONGTEXT,    /* multi-line, up to max_len (default 10 000) */
	FT_INT,         /* integer within [min, max] */
	FT_REAL,        /* number within [min, max] */
	FT_BOOL,        /* JSON true/false, stored 0/1 */
	FT_DATE,        /* YYYY-MM-DD */
	FT_EMAIL,
	FT_PHONE,
	FT_ENUM,        /* one of values[] */
	FT_ENUM_LIST,   /* JSON array of values[], stored comma-separated */
	FT_REF,         /* id of a row of entity `ref` in the same organisation */
	FT_ESCO_OCCUPATION, /* ESCO occupation URI */
	FT_ESCO_SKILL,  /* ESCO skill URI */
	FT_ISCO,        /* ISCO-08 code, 1-4 digits */
	FT_ISCED_FIELD, /* ISCED-F 2013 code */
	FT_CEFR,        /* A1..C2 or native */
	FT_BUSINESS_ID, /* Finnish Y-tunnus with check digit */
	FT_LANG,        /* ISO 639-1 */
	FT_COUNTRY,     /* ISO 3166-1 alpha-2 */
};

enum field_flag {
	FF_REQUIRED = 1 << 0,       /* must be present (non-null) on create */
	FF_FILTER = 1 << 1,         /* ?name=value filters lists */
	FF_SEARCH = 1 << 2,         /* matched by ?q= */
	FF_CREATE_ONLY = 1 << 3,    /* set on create, never changed (parent links) */
	FF_ASSIGNED_ONLY = 1 << 4,  /* work capacity: only the client's assigned counsellor reads or writes it */
	FF_COUNSELLOR_ONLY = 1 << 5,/* case notes: counsellors only */
	FF_SERVER = 1 << 6,         /* set by the server, read-only in the API */
	FF_PARENT = 1 << 7,         /* the link to the parent entity (also FF_CREATE_ONLY and FF_REQUIRED) */
	FF_VERB = 1 << 8,           /* changed only by its own verb (a proposal's identity_revealed: reveal), never by
	                             * the generic create or update, whatever the role */
	FF_OTHER_ORG = 1 << 9,      /* a reference to another organisation (any but the row's own): a co-implementer */
	FF_MONTH = 1 << 10,         /* an FT_INT month of the year, 1-12: pages show its name */
};

struct field_def {
	const char *name;
	enum field_type type;
	unsigned flags;
	const char *const *values; /* FT_ENUM / FT_ENUM_LIST, NULL-terminated */
	const char *ref;           /* FT_REF: entity name */
	long min, max;             /* FT_INT / FT_REAL bounds, or max_len for text when max > 0 */
};

enum access { ACC_NONE = 0, ACC_READ = 1, ACC_WRITE = 2 };

enum scope {
	SCOPE_ORG,       /* rows carry organisation_id; staff see their own organisation's rows */
	SCOPE_SELF,      /* the organisations table: a user sees their own organisation, an admin sees all */
};

/* Every entity of the domain, in the order of the table; entity_get(ENT_X) is its definition (a typo is a compile
 * error, where a name string would be a run-time miss). */
enum entity_id {
	ENT_ORGANISATIONS,
	ENT_PROGRAMMES,
	ENT_USERS,
	ENT_FAMILIES,
	ENT_FAMILY_MEMBERS,
	ENT_SETTLING_STEPS,
	ENT_CLIENTS,
	ENT_EDUCATIONS,
	ENT_WORK_HISTORY,
	ENT_CLIENT_SKILLS,
	ENT_CLIENT_LANGUAGES,
	ENT_CERTIFICATES,
	ENT_TARGET_OCCUPATIONS,
	ENT_CONSENTS,
	ENT_EMPLOYERS,
	ENT_EMPLOYER_CONTACTS,
	ENT_EMPLOYER_SERVICES,
	ENT_VACANCIES,
	ENT_VACANCY_SKILLS,
	ENT_VACANCY_LANGUAGES,
	ENT_VACANCY_LICENCES,
	ENT_PROPOSALS,
	ENT_SERVICE_EVENTS,
	ENT_OUTCOMES,
	ENT_OUTCOME_FOLLOWUPS,
	ENT_GROUP_EVENTS,
	ENT_GROUP_ATTENDANCE,
	ENT_COURSES,
	ENT_COURSE_SKILLS,
	ENT_SERVICE_METHODS,
	ENT_PROGRAMME_FUNDERS,
	ENT_INFO_CONTACTS,
	ENT_COHORTS,
	ENT_COHORT_MEMBERS,
	ENT_COHORT_STEPS,
	ENT_EMPLOYER_NEEDS,
	ENT_EMPLOYER_NEED_ARRIVALS,
	ENT_PROGRAMME_PARTNERS,
	ENT_COUNT
};

struct entity_def {
	enum entity_id id;
	const char *name;      /* URL segment: /api/v1/<name> */
	const char *table;
	const char *parent;    /* entity whose row owns this one (its organisation is copied), or NULL */
	const char *parent_field;
	const char *client_field; /* personal data of a client: "id" (clients) or "client_id"; NULL if not personal */
	/* Personal data kept beside a client's rather than under it (a family and its members, a settling-in step, a
	 * follow-up, a group attendance, a cohort step): audited like a client's all the same. The column that names the
	 * client a row is about (its audit entry's client), or "" when none does. NULL: not personal (or client_field). */
	const char *audit_client;
	enum scope scope;
	bool admin_any_org;    /* the system administrator (ROLE_SYSADMIN) acts on these in any organisation; an admin only in
	                        its own */
	unsigned char access[ROLE_COUNT];
	const struct field_def *fields;
	size_t nfields;
	const char *order_by;  /* default list order (SQL column list from this table only) */
	bool profile;          /* a part of a client's competence profile (education, work history, skills...) */
	bool shared;           /* also read by the organisations that co-implement the row (programmes: programme_partners);
	                        * written only by its own organisation */
};

extern const struct entity_def *const entity_all[ENT_COUNT];
extern const size_t entity_count;

static inline const struct entity_def *entity_get(enum entity_id id)
{
	return entity_all[id];
}
/* By URL name ("work-history"), for routes; NULL when unknown. Code that knows the entity uses entity_get. */
const struct entity_def *entity_find(const char *name);
/* Whether d is the client entity itself (its client field is its own id). */
bool entity_is_client(const struct entity_def *d);
/* Whether reads and writes of d are audited as personal data (client_field or audit_client). */
bool entity_audited(const struct entity_def *d);
/* The column naming the client a row of d is about, for its audit entry: client_field, else a non-empty
 * audit_client; NULL when none. */
const char *entity_audit_client(const struct entity_def *d);
/* Whether a client with this status is looking for work now (not employed, in education or closed); NULL: yes. */
bool client_status_seeking(const char *status);
const struct field_def *entity_field(const struct entity_def *d, const char *name);

/* One validated input value. */
struct entity_value {
	const struct field_def *f;
	bool is_null;
	int64_t i;       /* FT_INT, FT_BOOL, FT_REF */
	double r;        /* FT_REAL */
	const char *s;   /* text forms; owned by the input JSON or the arena given to entity_validate */
};

struct entity_input {
	struct entity_value *v;
	size_t n;
};

struct arena;
/* Validates a JSON object for create (all required fields present) or update (only the fields given).
 * Unknown fields, server-set fields and wrong types are ERR_INVALID naming the field. Text values are checked for
 * UTF-8 and length. The values point into body or arena: keep both alive while using out. */
int entity_validate(const struct entity_def *d, json_t *body, bool create, struct arena *a,
                    struct entity_input *out, struct err *e);

/* What the acting user may do with a field of a row (already known to be in their organisation).
 * assigned: the user is the assigned counsellor of the client the row belongs to. */
bool entity_field_visible(const struct field_def *f, enum role r, bool assigned);

/* The steps of a member of a recruitment cohort in their order, and a step's states (NULL-terminated;
 * docs/outcomes.md, "Recruitment cohorts"). */
extern const char *const domain_cohort_steps[];
extern const char *const domain_cohort_states[];
