-- Shortlists sent to employers (src/store/shortlist_store.h). A shortlist names a vacancy and its employer, who made
-- it and when it was sent; its items are proposals. profile holds the anonymised snapshot the employer sees
-- (competence, languages, match explanation; never a name, age, gender, nationality, contact or free text), made when
-- the shortlist was sent. A shortlist may also go out as a link: only the hash of its 32-byte token is stored, with
-- the time the link stops working.
CREATE TABLE shortlists (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  vacancy_id INTEGER NOT NULL REFERENCES vacancies(id),
  employer_id INTEGER NOT NULL REFERENCES employers(id),
  created_by INTEGER NOT NULL REFERENCES users(id),
  sent_at TEXT NOT NULL,
  link_token_hash TEXT UNIQUE,
  link_expires_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX shortlists_employer ON shortlists(employer_id);
CREATE INDEX shortlists_vacancy ON shortlists(vacancy_id);

CREATE TABLE shortlist_items (
  id {{PK}},
  shortlist_id INTEGER NOT NULL REFERENCES shortlists(id),
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  position INTEGER NOT NULL,
  profile TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX shortlist_items_pair ON shortlist_items(shortlist_id, proposal_id);
CREATE INDEX shortlist_items_proposal ON shortlist_items(proposal_id);
