-- Covering indexes both ways, as a careful DBA would add for these two queries.
CREATE INDEX client_skills_by_client ON client_skills (client, skill, w);
CREATE INDEX client_skills_by_skill ON client_skills (skill, client, w);
CREATE INDEX vacancy_skills_by_vacancy ON vacancy_skills (vacancy, skill, w);
CREATE INDEX vacancy_skills_by_skill ON vacancy_skills (skill, vacancy, w);
CREATE INDEX client_isco_by_client ON client_isco (client, isco);
ANALYZE;
