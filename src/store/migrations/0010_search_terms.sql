-- Client search through an index (issue 18 item 2). Every word of a client's searchable fields (first and last name,
-- e-mail), folded by src/core/fold.c (case, accents, other scripts transliterated to Latin), is stored here with each
-- of its suffixes, so a search word is a prefix range on the B-tree (term >= w AND term < w || U+10FFFF) and finds
-- the same rows as a substring search of a word did. Written by the entity store on every create and update of a
-- client (store_entity_insert, store_entity_update_if), removed by the erasure. `field` lets a search skip fields
-- the viewer may not read.
CREATE TABLE search_terms (
  id {{PK}},
  organisation_id INTEGER NOT NULL,
  entity TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  field TEXT NOT NULL,
  term {{TEXT_BYTES}} NOT NULL
);
CREATE INDEX search_terms_term ON search_terms(organisation_id, entity, term, field, row_id);
CREATE INDEX search_terms_row ON search_terms(entity, row_id);
-- SQL cannot fold: a row here asks store_migrate to fill search_terms from the existing clients (in C, once).
CREATE TABLE search_backfill (
  id {{PK}},
  entity TEXT NOT NULL
);
INSERT INTO search_backfill (entity) VALUES ('clients');
-- The caseload pages in the database in name order: the organisation's clients in that order, from an index.
CREATE INDEX clients_name ON clients(organisation_id, last_name, first_name);
