-- Issue 15 items 4 and 6.
-- Who referred a client to the service (the outreach source), so the figures can be read by source.
ALTER TABLE clients ADD COLUMN referral_source TEXT;
CREATE INDEX clients_referral_source ON clients(organisation_id, referral_source);

-- The international info point: people who have moved, or are moving, to the region and are not clients walk in or
-- call. One row per contact: when, how, the topics, the language, where they were referred. No personal data unless
-- the person agreed (personal_data_agreed; a name and a contact then), checked in src/app/entity.c.
CREATE TABLE info_contacts (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  contacted_on TEXT NOT NULL,
  channel TEXT NOT NULL,
  topics TEXT,
  language TEXT,
  moving_status TEXT,
  referred_to TEXT,
  municipality TEXT,
  personal_data_agreed INTEGER NOT NULL DEFAULT 0,
  name TEXT,
  contact TEXT,
  note TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX info_contacts_org_day ON info_contacts(organisation_id, contacted_on);
