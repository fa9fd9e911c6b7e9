-- A placeholder: 0017 is reserved for another branch (the recruitment-cohorts work). This file lets the needs branch
-- build (tools/embed_migrations.py wants 1..N without gaps); drop it when the real 0017 is merged.
SELECT 1;
