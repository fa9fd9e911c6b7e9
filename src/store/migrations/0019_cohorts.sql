-- International recruitment cohorts (issue 15 item 7).
--
-- A cohort is a recruitment from abroad run together with an employer, a school and a staffing agency. Its members
-- are people recruited in it: a member links to a client record when one exists; before arrival a member may be only
-- a short name or the recruiter's reference (no other personal data). Each member moves through the steps
-- selection, training abroad, permit, travel, arrival, housing, induction and the first 6 months: one row per member
-- and step (a unique index), with its state and dates. cohort_step_changes is the timeline of those rows (written
-- with the step's write, src/store/cohort_store.c).
CREATE TABLE cohorts (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  programme_id INTEGER REFERENCES programmes(id),
  employer_id INTEGER REFERENCES employers(id),
  school TEXT,
  staffing_agency TEXT,
  country TEXT,
  esco_occupation TEXT,
  isco_code TEXT,
  occupation_title TEXT,
  planned_arrival_on TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX cohorts_org ON cohorts(organisation_id);

CREATE TABLE cohort_members (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
  client_id INTEGER REFERENCES clients(id),
  name TEXT, -- required in the API; NULL only after the client's erasure (src/domain/privacy.c)
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX cohort_members_cohort ON cohort_members(cohort_id);
-- a client is recruited in one cohort at most
CREATE UNIQUE INDEX cohort_members_client_once ON cohort_members(client_id)
  WHERE client_id IS NOT NULL AND archived_at IS NULL;

CREATE TABLE cohort_steps (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  member_id INTEGER NOT NULL REFERENCES cohort_members(id),
  step TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'not_started',
  planned_on TEXT,
  done_on TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
-- one row per member and step
CREATE UNIQUE INDEX cohort_steps_once ON cohort_steps(member_id, step) WHERE archived_at IS NULL;

CREATE TABLE cohort_step_changes (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  member_id INTEGER NOT NULL REFERENCES cohort_members(id),
  step_id INTEGER NOT NULL REFERENCES cohort_steps(id),
  step TEXT NOT NULL,
  state TEXT NOT NULL,
  planned_on TEXT,
  done_on TEXT,
  changed_on TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX cohort_step_changes_member ON cohort_step_changes(member_id, changed_on);
