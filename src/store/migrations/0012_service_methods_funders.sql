-- Service methods (issue 16 item 8a): a list of methods per organisation that its admins extend (for example creative
-- and artistic methods, a peer group, an employer visit); a service event may name one, and the figures count service
-- events by method. A method is archived, never deleted: the events that used it keep it.
CREATE TABLE service_methods (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  description TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX service_methods_org ON service_methods(organisation_id);
ALTER TABLE service_events ADD COLUMN method_id INTEGER REFERENCES service_methods(id);
CREATE INDEX service_events_method ON service_events(organisation_id, method_id);

-- Programme funders (issue 16 item 8c): a programme may have several funders, each with its share in per cent
-- (decimal: 33.33). The shares of one programme's active funders sum to at most 100 (src/app/funders.c).
CREATE TABLE programme_funders (
  id {{PK}},
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  programme_id INTEGER NOT NULL REFERENCES programmes(id),
  funder TEXT NOT NULL,
  share_pct REAL NOT NULL,
  funding_decision TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX programme_funders_programme ON programme_funders(programme_id);
