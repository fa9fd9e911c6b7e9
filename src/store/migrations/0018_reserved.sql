-- A placeholder: 0018 is reserved for another branch (issue 15: the needs and referrals work). This file lets the cohorts
-- branch build (tools/embed_migrations.py wants 1..N without gaps); drop it when the real 0018 is merged.
SELECT 1;
