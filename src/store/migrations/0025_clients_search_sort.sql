-- The client search at 300 000 clients (issue 18 item 2): a common surname matches about 1 200 clients, and the
-- list tests each one's organisation and archived_at and sorts them by name. With those columns in an index led by
-- the id, each match is one probe of this small index instead of a read of the client's row (SQLite names it in the
-- search's statement, INDEXED BY, in src/store/entity_store_list.c; PostgreSQL: an index-only scan). Led by the id,
-- it does not draw the plans of lists without a search, which test the organisation first.
CREATE INDEX clients_search_sort ON clients(id, organisation_id, archived_at, last_name, first_name);
