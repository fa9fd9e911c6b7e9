-- Survey definitions, invitations, saved drafts and responses (see src/survey/survey.h, src/store/survey_store.h).
-- surveys.definition holds the canonical JSON of survey_definition_to_json, validated by survey_definition_parse;
-- organisation_id NULL marks a default survey (data/surveys/) that every organisation may use.
-- survey_invitations.token_hash is the BLAKE2b hash of the link's token (the token itself is shown once, never kept);
-- a single-use link takes one submission, a group link takes up to max_uses (NULL: any number) until expires_at.
-- survey_drafts keep a respondent's answers between screens ("save and continue later"): resume_hash is the hash of
-- the resume code (in a cookie and shown to the respondent), csrf_token protects the draft's forms, submission_key
-- is the key its final submission carries. survey_responses.answers holds the answers after survey_answers_validate
-- and survey_answers_prune, and lang the language the respondent answered in; submission_key makes a submission
-- sent twice land once. Answers reach a client's profile only through a counsellor's review (status submitted ->
-- accepted or dismissed; decisions lists what was accepted).
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
  max_uses INTEGER,
  label TEXT,
  lang TEXT,
  client_id INTEGER REFERENCES clients(id),
  created_by INTEGER REFERENCES users(id),
  expires_at TEXT NOT NULL,
  used_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX survey_invitations_survey ON survey_invitations(survey_id);
CREATE INDEX survey_invitations_org ON survey_invitations(organisation_id, created_at);

CREATE TABLE survey_drafts (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  invitation_id INTEGER NOT NULL REFERENCES survey_invitations(id),
  resume_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  submission_key TEXT NOT NULL,
  lang TEXT NOT NULL,
  step INTEGER NOT NULL DEFAULT 0,
  answers TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX survey_drafts_invitation ON survey_drafts(invitation_id);

CREATE TABLE survey_responses (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  invitation_id INTEGER NOT NULL REFERENCES survey_invitations(id),
  survey_id INTEGER REFERENCES surveys(id),
  submission_key TEXT NOT NULL UNIQUE,
  lang TEXT NOT NULL,
  answers TEXT NOT NULL,
  status TEXT NOT NULL,
  client_id INTEGER REFERENCES clients(id),
  decisions TEXT,
  submitted_at TEXT,
  reviewed_by INTEGER REFERENCES users(id),
  reviewed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
-- The review queue: an organisation's responses by status, oldest first.
CREATE INDEX survey_responses_queue ON survey_responses(organisation_id, status, submitted_at);
