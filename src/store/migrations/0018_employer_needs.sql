-- Employers' needs (issue 15 item 1).
--
-- A needs record is what an employer told on one day: the workers it expects to bring in (arrivals, one row per month,
-- role and kind), whether it would hire for longer, the skills it lacks, the challenges it reports and the services it
-- wants. A new report is a new record: the newest (reported_on, then id) is the employer's current needs, the older
-- ones stay as its history (src/report/employer_needs.c; docs/outcomes.md "Employers' needs").
CREATE TABLE employer_needs (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  employer_id INTEGER NOT NULL REFERENCES employers(id),
  reported_on TEXT NOT NULL,
  source TEXT,
  longer_term_hiring TEXT,
  skills_lacking TEXT,
  challenges TEXT,
  services_wanted TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX employer_needs_employer ON employer_needs(employer_id, reported_on);
CREATE INDEX employer_needs_org ON employer_needs(organisation_id);

-- The workers expected to arrive: per month (year, month), role (an ESCO occupation or a title as written), count
-- and kind (seasonal, agency, permanent).
CREATE TABLE employer_need_arrivals (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  need_id INTEGER NOT NULL REFERENCES employer_needs(id),
  year INTEGER NOT NULL,
  month INTEGER NOT NULL,
  title TEXT NOT NULL,
  esco_occupation TEXT,
  isco_code TEXT,
  workers INTEGER NOT NULL,
  kind TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX employer_need_arrivals_need ON employer_need_arrivals(need_id);

-- A survey link sent to an employer (the employer-needs survey): its answers, once accepted, become a needs record of
-- that employer (src/app/survey_review.c).
ALTER TABLE survey_invitations ADD COLUMN employer_id INTEGER REFERENCES employers(id);
