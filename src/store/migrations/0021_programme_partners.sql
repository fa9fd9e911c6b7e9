-- Shared programmes (issue 15 item 3, docs/outcomes.md "Shared programmes"): the organisations that co-implement a
-- programme beside the one that runs it. A co-implementer reads the programme and may put its own clients in it; each
-- organisation still sees only its own clients, and the programme's combined figures count every implementer's
-- clients, a person with linked records once. The row belongs to the programme's organisation (organisation_id,
-- copied from the programme): its admin adds or archives a co-implementer. A programme names an organisation once
-- among its active co-implementers (the unique index decides between two requests at the same moment).
CREATE TABLE programme_partners (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  programme_id INTEGER NOT NULL REFERENCES programmes(id),
  partner_organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  task TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE UNIQUE INDEX programme_partners_once ON programme_partners(programme_id, partner_organisation_id)
  WHERE archived_at IS NULL;
CREATE INDEX programme_partners_partner ON programme_partners(partner_organisation_id);
