-- Survey definitions, invitations and responses (see src/survey/survey.h).
-- surveys.definition holds the canonical JSON of survey_definition_to_json, validated by survey_definition_parse.
-- survey_responses.answers holds the answers after survey_answers_validate and survey_answers_prune, and lang the
-- language the respondent answered in. Answers reach a client's profile only through a counsellor's review.
CREATE TABLE surveys (
  id {{PK}},
  organisation_id INTEGER REFERENCES organisations(id),
  slug TEXT NOT NULL,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE UNIQUE INDEX surveys_slug ON surveys(organisation_id, slug, version);

CREATE TABLE survey_invitations (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  survey_id INTEGER NOT NULL REFERENCES surveys(id),
  token_hash TEXT NOT NULL UNIQUE,
  single_use INTEGER NOT NULL,
  client_id INTEGER REFERENCES clients(id),
  created_by INTEGER REFERENCES users(id),
  expires_at TEXT NOT NULL,
  used_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX survey_invitations_survey ON survey_invitations(survey_id);

CREATE TABLE survey_responses (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  invitation_id INTEGER NOT NULL REFERENCES survey_invitations(id),
  submission_key TEXT NOT NULL UNIQUE,
  lang TEXT NOT NULL,
  answers TEXT NOT NULL,
  status TEXT NOT NULL,
  client_id INTEGER REFERENCES clients(id),
  submitted_at TEXT,
  reviewed_by INTEGER REFERENCES users(id),
  reviewed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
-- The review queue: an organisation's responses by status, oldest first.
CREATE INDEX survey_responses_queue ON survey_responses(organisation_id, status, submitted_at);
