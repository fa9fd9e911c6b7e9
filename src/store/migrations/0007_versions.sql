-- Record versions for optimistic concurrency (issue 20, item 3). Every row of an entity table (src/domain/entities.c)
-- carries a version: 1 when created, one more on each change through the entity store (update, archive). The API
-- sends it as the ETag W/"<version>" and honours If-Match on PATCH and DELETE with one conditional UPDATE
-- (... WHERE id = ? AND version = ?), so two servers on one PostgreSQL cannot both win. Existing rows start at 1.
ALTER TABLE organisations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE programmes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE families ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE clients ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE educations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE work_history ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE client_skills ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE client_languages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE certificates ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE target_occupations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE consents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE employers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE employer_contacts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE employer_services ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE vacancies ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE vacancy_skills ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE vacancy_languages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE vacancy_licences ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE proposals ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE service_events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE outcomes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE outcome_followups ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE group_events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE group_attendance ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE courses ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE course_skills ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
