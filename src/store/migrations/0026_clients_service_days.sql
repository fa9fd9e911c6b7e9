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
