-- The core data model. Every table has an id, and (but organisations) the organisation_id that scopes it; child rows
-- copy their parent's organisation_id so that one WHERE clause scopes every query. Timestamps are ISO 8601 TEXT (UTC).
-- archived_at marks a record archived (kept for figures and history, hidden from lists by default).

CREATE TABLE organisations (
  id {{PK}},
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  municipality TEXT,
  business_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);

CREATE TABLE programmes (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  funder TEXT,
  target_groups TEXT,
  region TEXT,
  starts_on TEXT,
  ends_on TEXT,
  description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX programmes_org ON programmes(organisation_id);

CREATE TABLE users (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT 'fi',
  employer_id INTEGER,
  password_hash TEXT NOT NULL DEFAULT '!',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX users_org ON users(organisation_id);

CREATE TABLE sessions (
  id {{PK}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
  id {{PK}},
  email TEXT NOT NULL,
  address TEXT NOT NULL,
  at TEXT NOT NULL,
  ok INTEGER NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts(email, at);
CREATE INDEX login_attempts_address ON login_attempts(address, at);

CREATE TABLE families (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  municipality TEXT,
  registration TEXT,
  housing TEXT,
  daycare_school TEXT,
  spouse_job_search TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX families_org ON families(organisation_id);

CREATE TABLE clients (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  programme_id INTEGER REFERENCES programmes(id),
  counsellor_id INTEGER REFERENCES users(id),
  family_id INTEGER REFERENCES families(id),
  family_role TEXT,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  birth_year INTEGER,
  gender TEXT,
  email TEXT,
  phone TEXT,
  municipality TEXT,
  mother_tongue TEXT,
  nationality TEXT,
  country_of_education TEXT,
  permit_type TEXT,
  permit_expires_on TEXT,
  target_groups TEXT,
  status TEXT NOT NULL DEFAULT 'intake',
  intake_on TEXT,
  availability TEXT,
  available_from TEXT,
  regions TEXT,
  strengths TEXT,
  career_goals TEXT,
  cv_ready INTEGER NOT NULL DEFAULT 0,
  work_hours_max INTEGER,
  physical_load TEXT,
  accommodations TEXT,
  last_contact_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX clients_org ON clients(organisation_id);
CREATE INDEX clients_counsellor ON clients(counsellor_id);
CREATE INDEX clients_family ON clients(family_id);

CREATE TABLE educations (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  isced_level INTEGER NOT NULL,
  isced_field TEXT,
  degree_title TEXT,
  institution TEXT,
  country TEXT,
  completed_year INTEGER,
  recognition TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX educations_client ON educations(client_id);

CREATE TABLE work_history (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  esco_occupation TEXT,
  isco_code TEXT,
  title TEXT NOT NULL,
  employer_name TEXT,
  country TEXT,
  start_year INTEGER,
  end_year INTEGER,
  years REAL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX work_history_client ON work_history(client_id);

CREATE TABLE client_skills (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  esco_skill TEXT,
  label TEXT,
  evidence TEXT NOT NULL,
  level TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX client_skills_client ON client_skills(client_id);
CREATE INDEX client_skills_skill ON client_skills(esco_skill);

CREATE TABLE client_languages (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  language TEXT NOT NULL,
  level TEXT NOT NULL,
  assessed_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX client_languages_client ON client_languages(client_id);

CREATE TABLE certificates (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  esco_skill TEXT,
  expires_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX certificates_client ON certificates(client_id);

CREATE TABLE target_occupations (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  esco_occupation TEXT,
  isco_code TEXT,
  title TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX target_occupations_client ON target_occupations(client_id);

CREATE TABLE consents (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  purpose TEXT NOT NULL,
  given INTEGER NOT NULL,
  given_on TEXT NOT NULL,
  withdrawn_on TEXT,
  method TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX consents_client ON consents(client_id);

CREATE TABLE employers (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  business_id TEXT,
  sector TEXT,
  municipality TEXT,
  coordinator_id INTEGER REFERENCES users(id),
  size TEXT,
  website TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX employers_org ON employers(organisation_id);
CREATE UNIQUE INDEX employers_business_id ON employers(organisation_id, business_id);

CREATE TABLE employer_contacts (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  employer_id INTEGER NOT NULL REFERENCES employers(id),
  name TEXT NOT NULL,
  title TEXT,
  email TEXT,
  phone TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX employer_contacts_employer ON employer_contacts(employer_id);

CREATE TABLE employer_services (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  employer_id INTEGER NOT NULL REFERENCES employers(id),
  type TEXT NOT NULL,
  given_on TEXT NOT NULL,
  staff_id INTEGER REFERENCES users(id),
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX employer_services_employer ON employer_services(employer_id);

CREATE TABLE vacancies (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  employer_id INTEGER NOT NULL REFERENCES employers(id),
  title TEXT NOT NULL,
  esco_occupation TEXT,
  isco_code TEXT,
  description TEXT,
  municipality TEXT,
  hours_per_week INTEGER,
  contract_type TEXT NOT NULL,
  positions INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'open',
  education_level_min INTEGER,
  isced_field TEXT,
  physical_load TEXT,
  permit_required INTEGER NOT NULL DEFAULT 0,
  recurring INTEGER NOT NULL DEFAULT 0,
  starts_on TEXT,
  closes_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX vacancies_org ON vacancies(organisation_id);
CREATE INDEX vacancies_employer ON vacancies(employer_id);

CREATE TABLE vacancy_skills (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  vacancy_id INTEGER NOT NULL REFERENCES vacancies(id),
  esco_skill TEXT NOT NULL,
  label TEXT,
  required INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX vacancy_skills_vacancy ON vacancy_skills(vacancy_id);

CREATE TABLE vacancy_languages (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  vacancy_id INTEGER NOT NULL REFERENCES vacancies(id),
  language TEXT NOT NULL,
  min_level TEXT NOT NULL,
  required INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX vacancy_languages_vacancy ON vacancy_languages(vacancy_id);

CREATE TABLE vacancy_licences (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  vacancy_id INTEGER NOT NULL REFERENCES vacancies(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX vacancy_licences_vacancy ON vacancy_licences(vacancy_id);

CREATE TABLE proposals (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  vacancy_id INTEGER NOT NULL REFERENCES vacancies(id),
  stage TEXT NOT NULL DEFAULT 'suggested',
  reason TEXT,
  staff_id INTEGER REFERENCES users(id),
  score REAL,
  identity_revealed INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE UNIQUE INDEX proposals_pair ON proposals(client_id, vacancy_id);
CREATE INDEX proposals_vacancy ON proposals(vacancy_id);

CREATE TABLE service_events (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  type TEXT NOT NULL,
  happened_on TEXT NOT NULL,
  duration_min INTEGER,
  staff_id INTEGER REFERENCES users(id),
  summary TEXT,
  notes TEXT,
  referral_target TEXT,
  referral_organisation TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX service_events_client ON service_events(client_id, happened_on);
CREATE INDEX service_events_org ON service_events(organisation_id, happened_on);

CREATE TABLE outcomes (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  type TEXT NOT NULL,
  employer_id INTEGER REFERENCES employers(id),
  employer_name TEXT,
  esco_occupation TEXT,
  isco_code TEXT,
  hours_per_week INTEGER,
  contract_type TEXT,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  matches_competence INTEGER,
  override_matches INTEGER,
  override_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX outcomes_client ON outcomes(client_id);
CREATE INDEX outcomes_org ON outcomes(organisation_id, starts_on);

CREATE TABLE outcome_followups (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  outcome_id INTEGER NOT NULL REFERENCES outcomes(id),
  months INTEGER NOT NULL,
  checked_on TEXT NOT NULL,
  still_employed INTEGER,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE UNIQUE INDEX outcome_followups_pair ON outcome_followups(outcome_id, months);

CREATE TABLE group_events (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  programme_id INTEGER REFERENCES programmes(id),
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  place TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX group_events_org ON group_events(organisation_id, held_on);

CREATE TABLE group_attendance (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  group_event_id INTEGER NOT NULL REFERENCES group_events(id),
  client_id INTEGER REFERENCES clients(id),
  employer_id INTEGER REFERENCES employers(id),
  attended INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX group_attendance_event ON group_attendance(group_event_id);

CREATE TABLE courses (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  provider TEXT,
  language TEXT,
  municipality TEXT,
  url TEXT,
  starts_on TEXT,
  ends_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);

CREATE TABLE course_skills (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  course_id INTEGER NOT NULL REFERENCES courses(id),
  esco_skill TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX course_skills_skill ON course_skills(esco_skill);

-- Append-only and hash-chained: hash = BLAKE2b(prev_hash | fields). Nothing updates or deletes rows here.
CREATE TABLE audit_log (
  id {{PK}},
  at TEXT NOT NULL,
  user_id INTEGER,
  organisation_id INTEGER,
  role TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER,
  client_id INTEGER,
  detail TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_client ON audit_log(client_id);
