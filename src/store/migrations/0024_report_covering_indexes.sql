-- Figures over every organisation at 300 000 clients (bench/report, issue 16): the indexes the indicator queries
-- probe carry the columns those queries read, so a probe reads the index only, not a row per client (SQLite reads
-- each such row from the file through a small page cache; PostgreSQL checks the row unless the index covers it).

-- The list of children ("no child is counted") read as a covering index: with the role in the index SQLite knows the
-- partial index answers the list by itself and no longer prefers scanning a larger covering index of every client.
DROP INDEX clients_children;
CREATE INDEX clients_children ON clients(family_role, id) WHERE family_role = 'child';

-- New clients (intake in the period): the intake day and the role without the client's row.
DROP INDEX clients_org_intake;
CREATE INDEX clients_org_intake ON clients(organisation_id, intake_on, family_role);

-- Clients who left the service: the period, the intake day and the role without the client's row.
DROP INDEX clients_org_left;
CREATE INDEX clients_org_left ON clients(organisation_id, left_on, intake_on, family_role);

-- A client's outcomes by type and day, with the own-field columns (the leavers, served, the first job).
DROP INDEX outcomes_client;
CREATE INDEX outcomes_client ON outcomes(client_id, type, starts_on, override_matches, matches_competence);

-- A client's language levels in day order with the level (the Finnish level gained compares two of them).
DROP INDEX client_languages_level;
CREATE INDEX client_languages_level ON client_languages(client_id, language, assessed_on, level);

-- Survey invitations of a period with what the response rate asks of them, and an invitation's answers.
DROP INDEX survey_invitations_org;
CREATE INDEX survey_invitations_org ON survey_invitations(organisation_id, created_at, single_use, client_id);
CREATE INDEX survey_responses_invitation ON survey_responses(invitation_id, submitted_at);
