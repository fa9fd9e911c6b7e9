#!/usr/bin/python3
"""Fields of a vacancy and of a client's jobs as people write them (issue 13 items 6 and 12): a row that names an
ESCO occupation gets its ISCO-08 unit group when no code is written (a vacancy, a work-history row and a target
occupation; the form fills it as well, see tests/e2e/edit.mjs); a code the user wrote stays; a changed occupation
brings its own code unless one is given. Weekly hours may be decimal (37.5), on SQLite and PostgreSQL alike.
Usage: test_vacancy_fields.py OSAAJA_BINARY DB"""
import os
import sys

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PW = "Ammatti-salasana-2026"
S = Suite("vacancy fields" + (" (postgres)" if DB.startswith("postgres") else " (sqlite)"))

osaaja(BIN, "init", "--db", DB)
osaaja(BIN, "import-taxonomy", "--db", DB, os.path.join(ROOT, "data", "taxonomy"))
org = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Espoo", "--kind", "municipality").stdout.strip()
osaaja(BIN, "user", "add", "--db", DB, "--email", "c@t.fi", "--name", "C", "--role", "counsellor", "--org", org,
       "--password", PW)
srv = Server(BIN, DB)


def occupation(c, q, lang="en"):
    r = c.get(f"/api/v1/taxonomy/search?q={q}&lang={lang}&kind=occupation&limit=1")
    assert r.status == 200 and r.json["items"], f"search {q}: {r.status}"
    return r.json["items"][0]


def test_filled(s):
    c = Client(srv)
    c.login("c@t.fi", PW)
    dev, weld = occupation(c, "software%20developer"), occupation(c, "welder")
    s.check(dev["isco"] == "2512" and weld["isco"] == "7212", f"the taxonomy knows both: {dev['isco']} {weld['isco']}")
    emp = c.post("/api/v1/employers", {"name": "Koodi Oy"}).json["id"]
    v = c.post("/api/v1/vacancies", {"employer_id": emp, "title": "Ohjelmistokehittäjä", "status": "open", "contract_type": "permanent",
                                     "esco_occupation": dev["uri"]})
    if s.expect(v, 201, "a vacancy with an occupation and no code"):
        s.check(v.json.get("isco_code") == "2512", f"its code is the occupation's unit group: {v.json.get('isco_code')}")
    vid = v.json["id"]
    r = c.patch(f"/api/v1/vacancies/{vid}", {"esco_occupation": weld["uri"]})
    s.check(r.status == 200 and r.json.get("isco_code") == "7212", f"a changed occupation brings its code: {r.status}")
    r = c.patch(f"/api/v1/vacancies/{vid}", {"title": "Hitsaaja"})
    s.check(r.status == 200 and r.json.get("isco_code") == "7212", "another change keeps it")
    v2 = c.post("/api/v1/vacancies", {"employer_id": emp, "title": "Tiiminvetäjä", "status": "open", "contract_type": "permanent",
                                      "esco_occupation": dev["uri"], "isco_code": "1330"})
    s.check(v2.status == 201 and v2.json.get("isco_code") == "1330", "a code the user wrote stays")
    v3 = c.post("/api/v1/vacancies", {"employer_id": emp, "title": "Apulainen", "status": "open", "contract_type": "permanent"})
    s.check(v3.status == 201 and not v3.json.get("isco_code"), "no occupation, no code")
    v4 = c.post("/api/v1/vacancies", {"employer_id": emp, "title": "Muu", "status": "open", "contract_type": "permanent",
                                      "esco_occupation": "http://data.europa.eu/esco/occupation/not-known"})
    s.check(v4.status in (201, 400) and not (v4.json or {}).get("isco_code"),
            f"an occupation the taxonomy does not know gets no code: {v4.status}")
    cl = c.post("/api/v1/clients", {"first_name": "Ana", "last_name": "Silva", "birth_year": 1988, "status": "active"})
    cid = cl.json["id"]
    w = c.post(f"/api/v1/work-history", {"client_id": cid, "title": "Welder", "esco_occupation": weld["uri"]})
    s.check(w.status == 201 and w.json.get("isco_code") == "7212", f"work history gets the code: {w.status} {w.body[:200]!r}")
    t = c.post(f"/api/v1/target-occupations", {"client_id": cid, "esco_occupation": dev["uri"]})
    s.check(t.status == 201 and t.json.get("isco_code") == "2512", f"a target occupation too: {t.status} {t.body[:200]!r}")


def test_decimal_hours(s):
    c = Client(srv)
    c.login("c@t.fi", PW)
    emp = c.post("/api/v1/employers", {"name": "Tunti Oy"}).json["id"]
    v = c.post("/api/v1/vacancies", {"employer_id": emp, "title": "Kirjanpitäjä", "status": "open",
                                     "contract_type": "permanent", "hours_per_week": 37.5})
    s.check(v.status == 201 and v.json.get("hours_per_week") == 37.5, f"37.5 hours a week: {v.status} {v.body[:200]!r}")
    r = c.get(f"/api/v1/vacancies/{v.json['id']}")
    s.check(r.json.get("hours_per_week") == 37.5, "read back as 37.5")
    r = c.patch(f"/api/v1/vacancies/{v.json['id']}", {"hours_per_week": 20})
    s.check(r.status == 200 and r.json.get("hours_per_week") == 20, "a whole number still fits")
    s.expect(c.patch(f"/api/v1/vacancies/{v.json['id']}", {"hours_per_week": 60.5}), 400, "over 60 is refused",
             "invalid", "hours_per_week")
    cl = c.post("/api/v1/clients", {"first_name": "Tuuli", "last_name": "Tunti", "status": "active",
                                    "work_hours_max": 22.5})
    s.check(cl.status == 201 and cl.json.get("work_hours_max") == 22.5, f"a client's 22.5 hours: {cl.status}")
    o = c.post("/api/v1/outcomes", {"client_id": cl.json["id"], "type": "employed", "starts_on": "2026-01-01",
                                    "hours_per_week": 18.75})
    s.check(o.status == 201 and o.json.get("hours_per_week") == 18.75, f"an employment's 18.75 hours: {o.status}")


S.run([test_filled, test_decimal_hours])
rc = srv.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
