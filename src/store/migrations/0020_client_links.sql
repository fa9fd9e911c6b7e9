-- A person in two organisations' programmes (issue 15 item 5, docs/duplicates.md): a confirmed link between two client
-- records of different organisations. Written only while both clients' newest 'share_partner' consent row gives
-- consent, and shown only while it still does (checked on every read); a link tells each organisation that the
-- person is also a client of the other, nothing of the other record. client_a is the lower id, so a pair is stored
-- once (the unique index also decides between two requests at the same moment). Erasing either client deletes it.
CREATE TABLE client_links (
  id {{PK}},
  client_a INTEGER NOT NULL REFERENCES clients(id),
  client_b INTEGER NOT NULL REFERENCES clients(id),
  organisation_a INTEGER NOT NULL REFERENCES organisations(id),
  organisation_b INTEGER NOT NULL REFERENCES organisations(id),
  linked_by INTEGER REFERENCES users(id),
  linked_at TEXT NOT NULL,
  CHECK (client_a < client_b),
  CHECK (organisation_a <> organisation_b)
);
CREATE UNIQUE INDEX client_links_pair ON client_links(client_a, client_b);
CREATE INDEX client_links_b ON client_links(client_b);
