-- A placeholder: 0011 is reserved for another branch (the group-events work). This file lets the methods branch build
-- (tools/embed_migrations.py wants 1..N without gaps); drop it when the real 0011 is merged.
SELECT 1;
