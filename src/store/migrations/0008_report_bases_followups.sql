-- The day a client left the service (issue 16 item 1): the base of "employed, % of those who left". Set by the write
-- pipeline when a client's status becomes employed, education or closed (src/app/entity.c), or written by the
-- counsellor; cleared when the case is reopened. Existing such clients get their last change's date, the best the old
-- rows know.
ALTER TABLE clients ADD COLUMN left_on TEXT;
UPDATE clients SET left_on = SUBSTR(updated_at, 1, 10) WHERE status IN ('employed', 'education', 'closed');
CREATE INDEX clients_org_left ON clients(organisation_id, left_on);

-- Follow-ups (issue 16 item 3): whether the person still lives in the region at the check, beside still_employed.
ALTER TABLE outcome_followups ADD COLUMN still_in_region INTEGER;
CREATE INDEX outcome_followups_checked ON outcome_followups(organisation_id, checked_on);

-- Weekly hours may be decimal (37.5 h is the usual Finnish full-time week; issue 13 item 6). SQLite keeps a
-- decimal in these columns as it is; PostgreSQL's columns become double precision.
{{PG_ONLY}} ALTER TABLE vacancies ALTER COLUMN hours_per_week TYPE REAL;
{{PG_ONLY}} ALTER TABLE outcomes ALTER COLUMN hours_per_week TYPE REAL;
{{PG_ONLY}} ALTER TABLE clients ALTER COLUMN work_hours_max TYPE REAL;

-- Dated stages (issue 16 item 2): the day a proposal was sent to the employer, the interview, the offer and the hire,
-- and the day a degree's recognition was applied for and decided; set by the write pipeline when the stage or the
-- recognition first reaches them (src/report/stages.c), or written by the counsellor. Existing rows get the day of
-- their last change for the stage they are at and the ones it implies, the best the old rows know.
ALTER TABLE proposals ADD COLUMN sent_on TEXT;
ALTER TABLE proposals ADD COLUMN interview_on TEXT;
ALTER TABLE proposals ADD COLUMN offered_on TEXT;
ALTER TABLE proposals ADD COLUMN hired_on TEXT;
UPDATE proposals SET sent_on = SUBSTR(updated_at, 1, 10) WHERE stage IN ('sent', 'interview', 'hired');
UPDATE proposals SET interview_on = SUBSTR(updated_at, 1, 10) WHERE stage IN ('interview', 'hired');
UPDATE proposals SET offered_on = SUBSTR(updated_at, 1, 10), hired_on = SUBSTR(updated_at, 1, 10) WHERE stage = 'hired';
CREATE INDEX proposals_org_hired ON proposals(organisation_id, hired_on);
ALTER TABLE educations ADD COLUMN recognition_applied_on TEXT;
ALTER TABLE educations ADD COLUMN recognition_decided_on TEXT;
UPDATE educations SET recognition_applied_on = SUBSTR(updated_at, 1, 10)
  WHERE recognition IN ('in_progress', 'recognised', 'partially', 'refused');
UPDATE educations SET recognition_decided_on = SUBSTR(updated_at, 1, 10)
  WHERE recognition IN ('recognised', 'partially', 'refused');

-- The labour-market status at entry (issue 16 item 7: ESF+ common indicators), recorded at intake: working,
-- self_employed, unemployed, long_term_unemployed, inactive (incl. in education).
ALTER TABLE clients ADD COLUMN labour_status TEXT;
