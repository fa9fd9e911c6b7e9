#!/usr/bin/python3
"""Reads one client through servers on the original SQLite demo and on its PostgreSQL copy; they must agree."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
from harness import Client, Server  # noqa: E402

binary, pg, sq, logins = sys.argv[1:5]
who = next(a for a in json.load(open(logins)) if a["role"] == "counsellor")
rows = []
for db in (sq, pg):
    s = Server(binary, db)
    try:
        c = Client(s)
        c.login(who["email"], who["password"])
        first = c.get("/api/v1/clients?limit=1").json["items"][0]
        prof = c.get(f"/api/v1/clients/{first['id']}/profile").json
        for k in ("updated_at",):
            prof.pop(k, None)
        rows.append(json.dumps(prof, sort_keys=True))
    finally:
        s.stop()
ok = rows[0] == rows[1]
print("same client profile on both stores" if ok else "profiles differ")
sys.exit(0 if ok else 1)
