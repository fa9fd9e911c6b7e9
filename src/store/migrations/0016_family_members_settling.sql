-- Families and settling in (issue 14 items 1-3).
--
-- Children are family members, not job seekers: a person of a family who is not a client (a child, or another
-- relative who is not looking for work) is a row of family_members. The adults of a family stay clients linked by
-- clients.family_id. Existing clients with family_role 'child' become family members of their family; their client
-- rows are closed and archived (kept, so that what was recorded of them stays in the audit trail), and nothing
-- counts them (src/report/indicators.c: the counted population; src/match/load.c).
CREATE TABLE family_members (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  family_id INTEGER NOT NULL REFERENCES families(id),
  relation TEXT NOT NULL DEFAULT 'child',
  first_name TEXT NOT NULL,
  last_name TEXT,
  birth_year INTEGER,
  gender TEXT,
  mother_tongue TEXT,
  nationality TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX family_members_family ON family_members(family_id);
CREATE INDEX family_members_org ON family_members(organisation_id);

INSERT INTO family_members (organisation_id, family_id, relation, first_name, last_name, birth_year, gender,
                            mother_tongue, nationality, created_at, updated_at, archived_at)
SELECT organisation_id, family_id, 'child', first_name, last_name, birth_year, gender, mother_tongue, nationality,
       created_at, updated_at, archived_at
FROM clients WHERE family_role = 'child' AND family_id IS NOT NULL ORDER BY id;

UPDATE clients SET status = 'closed', archived_at = COALESCE(archived_at, updated_at), version = version + 1
WHERE family_role = 'child';

-- When the family arrived in the region (its first adult's intake, the best the old rows know) and the day it left
-- the region, if it did: "still in the region after 6 and 12 months" (docs/outcomes.md, "Families and settling in").
ALTER TABLE families ADD COLUMN arrived_on TEXT;
ALTER TABLE families ADD COLUMN left_region_on TEXT;
UPDATE families SET arrived_on = (SELECT MIN(c.intake_on) FROM clients c WHERE c.family_id = families.id AND
                                  COALESCE(c.family_role, '') <> 'child');

-- The settling-in plan: one row per step, of the family or of one person in it (an adult client or a family member),
-- with its owner (a staff user), due date and state. kind 'custom' carries a free title. done_on is set by the write
-- pipeline when the step is first done (src/store/family_store.c).
CREATE TABLE settling_steps (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  family_id INTEGER NOT NULL REFERENCES families(id),
  client_id INTEGER REFERENCES clients(id),
  member_id INTEGER REFERENCES family_members(id),
  kind TEXT NOT NULL,
  title TEXT,
  owner_id INTEGER REFERENCES users(id),
  due_on TEXT,
  state TEXT NOT NULL DEFAULT 'todo',
  done_on TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX settling_steps_family ON settling_steps(family_id);
CREATE INDEX settling_steps_org ON settling_steps(organisation_id);

-- The families' old progress columns become steps of their plan (not_started -> todo, in_progress -> doing).
INSERT INTO settling_steps (organisation_id, family_id, kind, state, done_on, created_at, updated_at)
SELECT organisation_id, id, 'population_register',
       CASE registration WHEN 'not_started' THEN 'todo' WHEN 'in_progress' THEN 'doing' ELSE registration END,
       CASE WHEN registration = 'done' THEN SUBSTR(updated_at, 1, 10) END, created_at, updated_at
FROM families WHERE registration IS NOT NULL ORDER BY id;
INSERT INTO settling_steps (organisation_id, family_id, kind, state, done_on, created_at, updated_at)
SELECT organisation_id, id, 'housing',
       CASE housing WHEN 'not_started' THEN 'todo' WHEN 'in_progress' THEN 'doing' ELSE housing END,
       CASE WHEN housing = 'done' THEN SUBSTR(updated_at, 1, 10) END, created_at, updated_at
FROM families WHERE housing IS NOT NULL ORDER BY id;
INSERT INTO settling_steps (organisation_id, family_id, kind, state, done_on, created_at, updated_at)
SELECT organisation_id, id, 'daycare_school',
       CASE daycare_school WHEN 'not_started' THEN 'todo' WHEN 'in_progress' THEN 'doing' ELSE daycare_school END,
       CASE WHEN daycare_school = 'done' THEN SUBSTR(updated_at, 1, 10) END, created_at, updated_at
FROM families WHERE daycare_school IS NOT NULL ORDER BY id;
INSERT INTO settling_steps (organisation_id, family_id, kind, state, done_on, created_at, updated_at)
SELECT organisation_id, id, 'spouse_job_search',
       CASE spouse_job_search WHEN 'not_started' THEN 'todo' WHEN 'in_progress' THEN 'doing' ELSE spouse_job_search END,
       CASE WHEN spouse_job_search = 'done' THEN SUBSTR(updated_at, 1, 10) END, created_at, updated_at
FROM families WHERE spouse_job_search IS NOT NULL ORDER BY id;

-- The timeline of the plan: one row per change of a step's state, owner or due date (written with the step's write,
-- src/store/family_store.c), read-only in the API.
CREATE TABLE settling_step_changes (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  family_id INTEGER NOT NULL REFERENCES families(id),
  step_id INTEGER NOT NULL REFERENCES settling_steps(id),
  kind TEXT NOT NULL,
  title TEXT,
  state TEXT NOT NULL,
  owner_id INTEGER REFERENCES users(id),
  due_on TEXT,
  changed_on TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX settling_step_changes_family ON settling_step_changes(family_id, changed_on);
INSERT INTO settling_step_changes (organisation_id, family_id, step_id, kind, title, state, owner_id, due_on,
                                   changed_on, created_at, updated_at)
SELECT organisation_id, family_id, id, kind, title, state, owner_id, due_on, SUBSTR(updated_at, 1, 10), created_at,
       updated_at
FROM settling_steps ORDER BY id;
