#!/usr/bin/python3
"""Field-level authorisation: ONE table of field x role says who may read each sensitive field of a client (work
capacity, health-related accommodations, residence permit, nationality, family, case notes, contact), and every
surface that can carry client data is driven as every role and checked against it: the API answers (one client, the
list, the whole profile, match results and their filters), the client page, the figures (JSON, CSV, crosstab), and
the employer's shortlist (API, link JSON, portal page, link page). A value that must not reach a role is searched for
in the whole answer, not only under its key, so a copy in another field or a derived text is caught too.
Usage: test_field_access.py OSAAJA_BINARY DB"""
import os
import sys

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PW = "Kenttataulukko-2026-testi"
S = Suite("field access" + (" (postgres)" if DB.startswith("postgres") else " (sqlite)"))

# Who reads what (True = may read the value). Roles: the client's assigned counsellor, another counsellor of the
# same organisation, a company coordinator, a manager (figures only), an admin (no client data), an employer.
ROLES = ["assigned", "counsellor", "coordinator", "manager", "admin", "employer"]
FIELDS = {
    # field: (distinctive value written, {role: may read})
    "work_hours_max": (23, dict(assigned=True)),
    "physical_load": ("seated", dict(assigned=True)),
    "accommodations": ("Selkaleikkaus-ZQX", dict(assigned=True)),
    "permit_type": ("seasonal_work", dict(assigned=True, counsellor=True, coordinator=True)),
    "permit_expires_on": ("2031-05-17", dict(assigned=True, counsellor=True, coordinator=True)),
    "nationality": ("SO", dict(assigned=True, counsellor=True, coordinator=True)),
    "family_role": ("spouse", dict(assigned=True, counsellor=True, coordinator=True)),
    "email": ("fatuma.zqx@example.org", dict(assigned=True, counsellor=True, coordinator=True)),
    "phone": ("+358 40 555 0199", dict(assigned=True, counsellor=True, coordinator=True)),
    "last_name": ("Warsame-Zqx", dict(assigned=True, counsellor=True, coordinator=True)),
}
NOTE = "Muistiinpano-perheasiat-ZQX"  # a service event's case notes: counsellors only
NOTE_READERS = {"assigned", "counsellor"}


def may(field, role):
    return FIELDS[field][1].get(role, False)


osaaja(BIN, "init", "--db", DB)
ORG = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Kenttäkunta", "--kind", "municipality").stdout.strip()
EMAILS = {"assigned": "c1@kentta.fi", "counsellor": "c2@kentta.fi", "coordinator": "k1@kentta.fi",
          "manager": "m1@kentta.fi", "admin": "a1@kentta.fi"}
for role, email in EMAILS.items():
    osaaja(BIN, "user", "add", "--db", DB, "--email", email, "--name", role, "--role",
           "counsellor" if role == "assigned" else role, "--org", ORG, "--password", PW)
SKILL = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


def known_skill():
    """One ESCO skill the match index knows at start (no taxonomy import needed)."""
    import sqlite3
    import subprocess
    stmt = f"INSERT INTO tax_concepts (uri, kind) VALUES ('{SKILL}', 'skill')"
    if DB.startswith("postgres"):
        subprocess.run(["psql", "-q", "-X", DB, "-c", stmt], check=True, capture_output=True)
    else:
        con = sqlite3.connect(DB)
        con.execute(stmt)
        con.commit()
        con.close()


known_skill()
srv = Server(BIN, DB)
SESS = {}


def as_(role):
    if role not in SESS:
        c = Client(srv)
        c.login(EMAILS.get(role, "boss@kentta.fi"), PW)
        SESS[role] = c
    return SESS[role]


W = {}


def setup():
    c1, k1 = as_("assigned"), as_("coordinator")
    fam = c1.post("/api/v1/families", {"name": "Perhe Zqx"}).json["id"]
    body = {"first_name": "Fatuma", "status": "active", "family_id": fam}
    body.update({f: v for f, (v, _) in FIELDS.items()})
    r = c1.post("/api/v1/clients", body)
    assert r.status == 201, r.body
    W["client"] = cid = r.json["id"]
    c1.post("/api/v1/client-skills", {"client_id": cid, "esco_skill": SKILL, "label": "welding",
                                      "evidence": "counsellor_seen"})
    c1.post("/api/v1/consents", {"client_id": cid, "purpose": "matching", "given": True, "given_on": "2026-01-01"})
    c1.post("/api/v1/service-events", {"client_id": cid, "type": "meeting", "happened_on": "2026-02-01",
                                       "notes": NOTE})
    W["employer"] = k1.post("/api/v1/employers", {"name": "Kenttä Oy"}).json["id"]
    W["vacancy"] = k1.post("/api/v1/vacancies", {"employer_id": W["employer"], "title": "Hitsaaja", "status": "open",
                                                 "contract_type": "permanent", "hours_per_week": 37,
                                                 "physical_load": "moderate", "permit_required": True}).json["id"]
    k1.post("/api/v1/vacancy-skills", {"vacancy_id": W["vacancy"], "esco_skill": SKILL, "required": True})
    pid = k1.post("/api/v1/proposals", {"client_id": cid, "vacancy_id": W["vacancy"]}).json["id"]
    c1.patch(f"/api/v1/proposals/{pid}", {"share_gaps": True})
    r = k1.post(f"/api/v1/vacancies/{W['vacancy']}/shortlists", {"proposal_ids": [pid], "link": True})
    assert r.status == 201, r.body
    W["shortlist"], W["token"] = r.json["id"], r.json["link"][13:]
    r = as_("admin").post("/api/v1/users/new", {"email": "boss@kentta.fi", "name": "Pomo", "role": "employer",
                                                "password": PW, "organisation_id": int(ORG),
                                                "employer_id": W["employer"]})
    assert r.status == 201, r.body


def leaked(text, field):
    v = str(FIELDS[field][0])
    return v in text


def test_api_answers(s):
    cid = W["client"]
    for role in ROLES:
        c = as_(role)
        for path in [f"/api/v1/clients/{cid}", f"/api/v1/clients/{cid}/profile", "/api/v1/clients?q=Fatuma"]:
            r = c.get(path)
            if role in ("manager", "admin", "employer"):
                s.check(r.status in (403, 404), f"{role} {path}: no client data ({r.status})")
                continue
            text = r.body.decode()
            for f in FIELDS:
                if f in ("physical_load", "family_role", "permit_type", "work_hours_max"):  # short values: the key
                    row = r.json if "items" not in r.json else (r.json["items"] or [{}])[0]
                    s.check((f in row) == may(f, role), f"{role} {path}: {f} {'readable' if may(f, role) else 'hidden'}")
                else:
                    s.check(leaked(text, f) == may(f, role), f"{role} {path}: {f} {'readable' if may(f, role) else 'hidden'}")
            if path.endswith("/profile"):
                s.check((NOTE in text) == (role in NOTE_READERS), f"{role} profile: case notes per role")


def test_match_filters(s):
    vid, cid = W["vacancy"], W["client"]
    for role in ROLES:
        r = as_(role).get(f"/api/v1/vacancies/{vid}/matches")
        if role in ("manager", "admin", "employer"):
            s.check(r.status in (403, 404), f"{role}: no matches ({r.status})")
            continue
        it = next((m for m in r.json.get("matches", []) if m.get("client_id") == cid), None)
        names = {f["name"] for f in (it or {}).get("filters", [])}
        capacity = {"hours", "physical_load"} & names
        s.check(it is not None, f"{role}: the client is among the matches")
        s.check(bool(capacity) == may("work_hours_max", role), f"{role}: capacity checks named only to the assigned "
                                                                 f"counsellor ({sorted(names)})")
        if not may("work_hours_max", role):
            s.check("availability" in names, f"{role}: capacity folded into availability")


def test_client_page(s):
    cid = W["client"]
    for role in ROLES:
        r = as_(role).get(f"/clients/{cid}")
        if role in ("manager", "admin", "employer"):
            s.check(r.status == 403, f"{role}: the client page is refused ({r.status})")
            continue
        text = r.body.decode()
        for f in ("accommodations", "email", "phone", "last_name", "permit_expires_on"):
            v = str(FIELDS[f][0])
            shown = v in text or (f == "permit_expires_on" and "17.5.2031" in text)
            s.check(shown == may(f, role), f"{role} page: {f} {'shown' if may(f, role) else 'hidden'}")
        s.check((NOTE in text) == (role in NOTE_READERS), f"{role} page: case notes per role")


def test_figures(s):
    m = as_("manager")
    for path in ["/api/v1/reports/indicators", "/api/v1/reports/export.csv",
                 "/api/v1/reports/crosstab?rows=municipality&cols=target_group", "/reports"]:
        r = m.get(path)
        text = r.body.decode(errors="replace")
        s.check(r.status == 200, f"manager {path} answers ({r.status})")
        for f in FIELDS:
            if f in ("physical_load", "family_role", "permit_type", "nationality", "work_hours_max"):
                continue  # category names and small numbers appear as figure labels and counts by design
            s.check(not leaked(text, f), f"manager {path}: no person's {f}")
        s.check(NOTE not in text and "Fatuma" not in text, f"manager {path}: no names or notes")
    import io
    import zipfile
    r = m.get("/api/v1/reports/export.xlsx")
    s.check(r.status == 200, f"manager XLSX answers ({r.status})")
    if r.status == 200:
        z = zipfile.ZipFile(io.BytesIO(r.body))
        text = "".join(z.read(n).decode(errors="replace") for n in z.namelist())
        s.check(NOTE not in text and "Fatuma" not in text and not any(
            leaked(text, f) for f in ("accommodations", "email", "phone", "last_name")), "manager XLSX: no person")


def test_employer_surfaces(s):
    e = as_("employer")
    anon = Client(srv)
    for what, r in [("employer API", e.get(f"/api/v1/employer/shortlists/{W['shortlist']}")),
                    ("link API", anon.get(f"/api/v1/shortlist-link?token={W['token']}")),
                    ("portal page", e.get(f"/portal/shortlists/{W['shortlist']}")),
                    ("link page", anon.get(f"/shortlist?t={W['token']}"))]:
        text = r.body.decode()
        s.check(r.status == 200, f"{what} answers ({r.status})")
        for f in FIELDS:
            if f != "work_hours_max":  # "23" occurs in dates; the key and the words are checked below
                s.check(not leaked(text, f), f"{what}: no {f} (employer may read none of them)")
        for word in ["physical_load", "work_hours", '"hours"', "availability", "permit", NOTE, "Selkaleikkaus",
                     "Fyysinen kuormitus", "Työaika ylittää", "Ei käytettävissä", "Oleskelulupa"]:
            s.check(word not in text, f"{what}: nothing of {word!r}")


setup()
S.run([test_api_answers, test_match_filters, test_client_page, test_figures, test_employer_surfaces])
rc = srv.stop()
log = srv.log_text()
S.check("AddressSanitizer" not in log and "runtime error:" not in log, "no sanitizer report in the server log")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
