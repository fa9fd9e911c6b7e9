-- A survey link may be made for a programme (issue 14, item 5): the programme, the target groups and the intake date
-- it names are set on the client when a counsellor accepts the answers (through the entity verbs, so the same
-- derivations run as on any profile write). All three are optional; target_groups is a JSON array of the values of
-- clients.target_groups, intake_on a date (YYYY-MM-DD).
ALTER TABLE survey_invitations ADD COLUMN programme_id INTEGER REFERENCES programmes(id);
ALTER TABLE survey_invitations ADD COLUMN target_groups TEXT;
ALTER TABLE survey_invitations ADD COLUMN intake_on TEXT;
