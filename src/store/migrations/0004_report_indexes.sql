-- Indexes for the indicator queries at national scale (bench/report): clients by intake date, language levels over
-- time, and service events by date within an organisation.
CREATE INDEX clients_org_intake ON clients(organisation_id, intake_on);
CREATE INDEX client_languages_level ON client_languages(client_id, language, assessed_on);
CREATE INDEX outcomes_type_start ON outcomes(organisation_id, type, starts_on);
