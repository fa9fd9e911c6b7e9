-- A list's audit entry names every client it showed. Until now those names were only in the entry's detail
-- ("ids=1,2,3", cut at about 500 characters), so a client's access log and data export left out the lists that had
-- shown them. A list now links to each client it showed here, written with the entry (src/auth/audit.c), and the
-- access log and the export read both (PRIVACY_AUDIT_IDS_OF_CLIENT). One row per client, day, user and what was
-- read (the entity and its id: the caseload, a vacancy's matches, one shortlist): the first such read of the day
-- (a caseload read all day would otherwise write a row per client per read); every read stays in the chain, whose
-- detail names all the clients. A shortlist's readers through its link (no user) are told apart by the shortlist.
CREATE TABLE audit_subjects (
  client_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  audit_id INTEGER NOT NULL,
  PRIMARY KEY (client_id, day, user_id, entity, entity_id)
){{WITHOUT_ROWID}};

-- The entries written before: the ids their detail kept (a list cut short names only its first clients).
{{SQLITE_ONLY}}INSERT INTO audit_subjects (client_id, day, user_id, entity, entity_id, audit_id)
SELECT j.value, substr(a.at, 1, 10), COALESCE(a.user_id, 0), a.entity, COALESCE(a.entity_id, 0), MIN(a.id)
FROM audit_log a,
json_each(CASE WHEN json_valid('[' || substr(a.detail, instr(a.detail, 'ids=') + 4) || ']')
          THEN '[' || substr(a.detail, instr(a.detail, 'ids=') + 4) || ']' ELSE '[]' END) j
WHERE a.action = 'list' AND instr(a.detail, 'ids=') > 0 AND j.type = 'integer'
GROUP BY j.value, substr(a.at, 1, 10), COALESCE(a.user_id, 0), a.entity, COALESCE(a.entity_id, 0);
{{PG_ONLY}}INSERT INTO audit_subjects (client_id, day, user_id, entity, entity_id, audit_id)
SELECT CAST(c AS BIGINT), substr(a.at, 1, 10), COALESCE(a.user_id, 0), a.entity, COALESCE(a.entity_id, 0), MIN(a.id)
FROM audit_log a,
unnest(string_to_array(substr(a.detail, strpos(a.detail, 'ids=') + 4), ',')) c
WHERE a.action = 'list' AND strpos(a.detail, 'ids=') > 0 AND c ~ '^[0-9]{1,18}$'
GROUP BY CAST(c AS BIGINT), substr(a.at, 1, 10), COALESCE(a.user_id, 0), a.entity, COALESCE(a.entity_id, 0);
