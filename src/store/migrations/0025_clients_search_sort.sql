-- The client search at 300 000 clients (issue 18 item 2): a common surname matches about 1 200 clients, and the
-- list sorts them by name after testing the organisation and archived_at. With the id, those tests and the name in
-- one index, both stores read this index for each match instead of the client's row (SQLite: a covering index
-- probed by organisation and id; PostgreSQL: an index-only scan), and the page's rows are read only for its ids.
CREATE INDEX clients_search_sort ON clients(organisation_id, id, archived_at, last_name, first_name);
