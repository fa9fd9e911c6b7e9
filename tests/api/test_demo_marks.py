#!/usr/bin/python3
"""The demo reads as real work (issue 13 item 12): only the page header says it is a demonstration (`serve --demo`,
as scripts/run-demo.sh starts it), the vacancies' texts do not, and nobody's experience reads "0 years".
Usage: test_demo_marks.py OSAAJA_BINARY DB"""
import os
import re
import sys

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
S = Suite("demo marks" + (" (postgres)" if DB.startswith("postgres") else " (sqlite)"))

osaaja(BIN, "init", "--db", DB)
osaaja(BIN, "import-taxonomy", "--db", DB, os.path.join(ROOT, "data", "taxonomy"))
out = osaaja(BIN, "demo", "--db", DB).stdout
LOGINS = {}
for line in out.splitlines():
    m = re.match(r"^(admin|counsellor|coordinator|manager|employer)\s.*?(\S+@\S+)\s+(\S+)\s*$", line)
    if m and m.group(1) not in LOGINS:
        LOGINS[m.group(1)] = (m.group(2), m.group(3))


def test_header_says_demo(s):
    s.check("coordinator" in LOGINS and "counsellor" in LOGINS, f"the demo prints its logins: {list(LOGINS)}")
    srv = Server(BIN, DB, extra=("--demo",))
    try:
        c = Client(srv)
        c.login(*LOGINS["coordinator"])
        h = c.get("/vacancies")
        s.check(h.status == 200 and b'class="demo-badge"' in h.body, "a demo server's header says so")
        vs = c.get("/api/v1/vacancies?limit=500").json["items"]
        s.check(len(vs) > 10 and not [v for v in vs if "demo" in (v.get("description") or "").lower()],
                "no vacancy's text calls itself a demo")
        c2 = Client(srv)
        c2.login(*LOGINS["counsellor"])
        wh = c2.get("/api/v1/work-history?limit=500").json["items"]
        s.check(wh and all((w.get("years") or 0) > 0 for w in wh if w.get("years") is not None),
                f"no work history of 0 years: {[w.get('years') for w in wh][:20]}")
    finally:
        srv.stop()
    srv = Server(BIN, DB)
    try:
        c = Client(srv)
        c.login(*LOGINS["coordinator"])
        h = c.get("/vacancies")
        s.check(h.status == 200 and b"demo-badge" not in h.body, "a production server's header does not")
    finally:
        srv.stop()


S.run([test_header_says_demo])
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
