-- A placeholder: 0012 is reserved for another branch (the service-methods work). This file lets the economy branch
-- build (tools/embed_migrations.py wants 1..N without gaps); drop it when the real 0012 is merged.
SELECT 1;
