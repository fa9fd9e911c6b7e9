-- A list's audit entry names every client it showed. Until now those names were only in the entry's detail
-- ("ids=1,2,3", cut at about 500 characters), so a client's access log and data export left out the lists that had
-- shown them. Each client a list showed now has a row here, written with the entry (src/auth/audit.c), and the
-- access log and the export read both (PRIVACY_AUDIT_IDS_OF_CLIENT). The chain still covers the names: the detail
-- lists them all.
CREATE TABLE audit_subjects (
  client_id INTEGER NOT NULL,
  audit_id INTEGER NOT NULL,
  PRIMARY KEY (client_id, audit_id)
){{WITHOUT_ROWID}};

-- The entries written before: the ids their detail kept (a list cut short names only its first clients).
{{SQLITE_ONLY}}INSERT INTO audit_subjects (client_id, audit_id)
SELECT DISTINCT j.value, a.id FROM audit_log a,
json_each(CASE WHEN json_valid('[' || substr(a.detail, instr(a.detail, 'ids=') + 4) || ']')
          THEN '[' || substr(a.detail, instr(a.detail, 'ids=') + 4) || ']' ELSE '[]' END) j
WHERE a.action = 'list' AND instr(a.detail, 'ids=') > 0 AND j.type = 'integer';
{{PG_ONLY}}INSERT INTO audit_subjects (client_id, audit_id)
SELECT DISTINCT CAST(c AS BIGINT), a.id FROM audit_log a,
unnest(string_to_array(substr(a.detail, strpos(a.detail, 'ids=') + 4), ',')) c
WHERE a.action = 'list' AND strpos(a.detail, 'ids=') > 0 AND c ~ '^[0-9]{1,18}$';
