-- The search index again from the clients (issue 18 item 2): the fold (src/core/fold.c) now keeps a word with an
-- apostrophe or a soft sign whole (Olga, not "ol" + "ga"; O'Brien -> obrien) and indexes a name in Cyrillic also in
-- its passport spellings (BGN/PCGN for Russian and Ukrainian: shchukina beside sukina; olga and olha). SQL cannot
-- fold: this row asks store_migrate to refill search_terms from the clients in C (store_search_backfill), as 0010 did.
INSERT INTO search_backfill (entity) VALUES ('clients');
