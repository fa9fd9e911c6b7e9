-- "Clients served" at 300 000 clients over every organisation (bench/report, issue 16): a client not served by
-- intake or status was served when one of its service events falls in the period, which cost an index probe of the
-- service events per such client (82 000 probes, about 150 ms on PostgreSQL). The client's row now carries the days
-- of its first and last service event (archived ones included, as the figure counts them), kept by the write of a
-- service event (src/report/served.c, hooked in src/app/entity.c): when either day falls in the period the client
-- was served and no probe is needed. Only a shortcut: a client whose days are both outside the period (or not set)
-- is still probed, so the figure stays exact even where a row was written around the pipeline. Erasure clears both.
ALTER TABLE clients ADD COLUMN service_first_on TEXT;
ALTER TABLE clients ADD COLUMN service_last_on TEXT;
UPDATE clients SET service_first_on = (SELECT MIN(e.happened_on) FROM service_events e WHERE e.client_id = clients.id),
service_last_on = (SELECT MAX(e.happened_on) FROM service_events e WHERE e.client_id = clients.id)
WHERE EXISTS (SELECT 1 FROM service_events e WHERE e.client_id = clients.id);

-- "Finnish level gained" likewise: an assessment counts when an earlier assessment of the same language (same client)
-- had a lower level, which PostgreSQL answered with a hash semi-join of the year's 150 000 assessments against all
-- 450 000. Each row now carries that answer (level_gained 1), set for every row of the client whenever one of its
-- language rows is written (src/report/served.c, hooked in src/app/entity.c); a 1 proves the gain, anything else (0,
-- or NULL for a row written around the pipeline) is probed as before, so the count never depends on it. In the index
-- the figure reads, so both stores read the index only.
ALTER TABLE client_languages ADD COLUMN level_gained INTEGER;
UPDATE client_languages SET level_gained = CASE WHEN EXISTS (SELECT 1 FROM client_languages b WHERE
b.client_id = client_languages.client_id AND b.language = client_languages.language AND b.assessed_on <
client_languages.assessed_on AND CASE b.level WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'B1' THEN 3 WHEN 'B2' THEN 4 WHEN
'C1' THEN 5 WHEN 'C2' THEN 6 WHEN 'native' THEN 7 ELSE 0 END < CASE client_languages.level WHEN 'A1' THEN 1 WHEN 'A2'
THEN 2 WHEN 'B1' THEN 3 WHEN 'B2' THEN 4 WHEN 'C1' THEN 5 WHEN 'C2' THEN 6 WHEN 'native' THEN 7 ELSE 0 END) THEN 1
ELSE 0 END;
DROP INDEX client_languages_level;
CREATE INDEX client_languages_level ON client_languages(client_id, language, assessed_on, level, level_gained);
