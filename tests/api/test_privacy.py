#!/usr/bin/python3
"""Privacy (GDPR) tests: data export (JSON and page), erasure with a tombstone that keeps figures, consent withdrawal
that takes matching away at once, retention review and erasure; who may do each; audit entries without personal data.
Usage: test_privacy.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import datetime
import os
import sqlite3
import subprocess
import sys

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Testi-salasana-2026"
ACCOUNTS = {}
SK = "http://data.europa.eu/esco/skill/"
SKILL_A = SK + "0a1b2c3d-0000-4000-8000-00000000000a"
SKILL_B = SK + "0a1b2c3d-0000-4000-8000-00000000000b"
# Text that must disappear on erasure (unique so a search of the whole database is meaningful).
SECRET = {"first": "Zyxwortti", "last": "Quorblenko", "email": "zyx.quorb@example.org", "phone": "+358 40 765 4321",
          "strengths": "Plays the theremin", "note": "Told me about her divorce", "summary": "Marimekko interview",
          "reason": "Too shy for sales", "answers": "Hobbies: birdwatching at Kaatiala"}


def sql(statement):
    """Runs one SQL statement on the test database (setup and inspection only)."""
    if IS_PG:
        r = subprocess.run(["psql", "-X", "-q", "-At", DB, "-c", statement], capture_output=True, text=True, timeout=60)
        if r.returncode:
            raise RuntimeError(r.stderr)
        return [line.split("|") for line in r.stdout.splitlines() if line]
    con = sqlite3.connect(DB, timeout=30)
    try:
        rows = con.execute(statement).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def setup():
    osaaja(BIN, "init", "--db", DB)
    org1 = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Vantaan osaamiskeskus", "--kind", "municipality").stdout.strip()
    org2 = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Oulun pilotti", "--kind", "employment_area").stdout.strip()
    for role, org in [("admin", org1), ("counsellor", org1), ("counsellor2", org1), ("coordinator", org1),
                      ("manager", org1), ("employer", org1), ("other", org2)]:
        real = {"counsellor2": "counsellor", "other": "counsellor"}.get(role, role)
        email = f"{role}@privacy.example.fi"
        osaaja(BIN, "user", "add", "--db", DB, "--email", email, "--name", role.title(), "--role", real, "--org", org,
               "--password", PW)
        ACCOUNTS[role] = (email, int(org))
    # Two ESCO skills the match index knows (no taxonomy import needed).
    sql(f"INSERT INTO tax_concepts (uri, kind) VALUES ('{SKILL_A}', 'skill'), ('{SKILL_B}', 'skill')")


setup()
srv = Server(BIN, DB)
S = Suite("privacy" + (" (postgres)" if IS_PG else " (sqlite)"))
SESSIONS = {}


def as_(role):
    if role not in SESSIONS:
        c = Client(srv)
        c.login(ACCOUNTS[role][0], PW)
        SESSIONS[role] = c
    return SESSIONS[role]


def make_client(s, c, first="Anna", last="Test", **extra):
    r = c.post("/api/v1/clients", {"first_name": first, "last_name": last, **extra})
    s.expect(r, 201, f"create client {first}")
    return r.json["id"]


def make_vacancy(s):
    co = as_("coordinator")
    emp = co.post("/api/v1/employers", {"name": "Vantaan Valimo Oy"})
    if emp.status == 409:
        emp = co.get("/api/v1/employers?q=Valimo").json["items"][0]
    else:
        emp = emp.json
    v = co.post("/api/v1/vacancies", {"employer_id": emp["id"], "title": "Valaja", "contract_type": "permanent",
                                      "status": "open"})
    s.expect(v, 201, "vacancy")
    s.expect(co.post("/api/v1/vacancy-skills", {"vacancy_id": v.json["id"], "esco_skill": SKILL_A, "required": True}),
             201, "vacancy skill")
    return emp["id"], v.json["id"]


FULL = {}


def full_client(s):
    """A client with something in every part of the record."""
    c = as_("counsellor")
    fam = c.post("/api/v1/families", {"name": "Perhe " + SECRET["last"], "notes": SECRET["note"]})
    s.expect(fam, 201, "family")
    cid = make_client(s, c, SECRET["first"], SECRET["last"], email=SECRET["email"], phone=SECRET["phone"],
                      strengths=SECRET["strengths"], work_hours_max=25, target_groups=["immigrant"],
                      intake_on="2025-01-10", family_id=fam.json["id"], mother_tongue="so", birth_year=1990)
    emp_id, vid = make_vacancy(s)
    for path, body in [
        ("client-skills", {"client_id": cid, "esco_skill": SKILL_A, "evidence": "credential", "label": "Welding"}),
        ("educations", {"client_id": cid, "isced_level": 6, "degree_title": "BSc in " + SECRET["last"] + " studies"}),
        ("work-history", {"client_id": cid, "title": "Valaja", "employer_name": "Mogadishu Metal"}),
        ("client-languages", {"client_id": cid, "language": "fi", "level": "B1"}),
        ("certificates", {"client_id": cid, "kind": "card", "name": "Tulityökortti"}),
        ("target-occupations", {"client_id": cid, "title": "valaja"}),
        ("consents", {"client_id": cid, "purpose": "matching", "given": True, "given_on": "2025-01-10"}),
        ("consents", {"client_id": cid, "purpose": "share_employer", "given": True, "given_on": "2025-01-10"}),
        ("service-events", {"client_id": cid, "type": "meeting", "happened_on": "2025-02-01", "summary": SECRET["summary"],
                            "notes": SECRET["note"]}),
        ("outcomes", {"client_id": cid, "type": "employed", "employer_id": emp_id, "employer_name": "Valimo",
                      "starts_on": "2025-06-01", "override_reason": SECRET["reason"]}),
        ("proposals", {"client_id": cid, "vacancy_id": vid, "reason": SECRET["reason"]}),
    ]:
        r = c.post(f"/api/v1/{path}", body)
        s.expect(r, 201, f"create {path}")
        FULL.setdefault(path, r.json["id"])
    s.expect(c.post(f"/api/v1/proposals/{FULL['proposals']}/reveal", {"reveal": True}), 200, "identity revealed")
    s.expect(c.post("/api/v1/outcome-followups", {"outcome_id": FULL["outcomes"], "months": 3, "checked_on": "2025-09-01",
                                                  "notes": SECRET["note"]}), 201, "follow-up")
    # A reviewed survey response (written directly: this test is about what happens to it, not how it came).
    sql("INSERT INTO surveys (organisation_id, slug, version, definition, created_at, updated_at) VALUES "
        f"({ACCOUNTS['counsellor'][1]}, 'intake', 1, '{{}}', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')")
    sid = sql("SELECT MAX(id) FROM surveys")[0][0]
    sql("INSERT INTO survey_invitations (organisation_id, survey_id, token_hash, single_use, client_id, expires_at, "
        f"created_at, updated_at) VALUES ({ACCOUNTS['counsellor'][1]}, {sid}, 'h{cid}', 1, {cid}, "
        "'2030-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')")
    inv = sql("SELECT MAX(id) FROM survey_invitations")[0][0]
    sql("INSERT INTO survey_responses (organisation_id, invitation_id, submission_key, lang, answers, status, client_id, "
        f"created_at, updated_at) VALUES ({ACCOUNTS['counsellor'][1]}, {inv}, 'k{cid}', 'so', "
        f"'{{\"hobbies\": \"{SECRET['answers']}\"}}', 'reviewed', {cid}, '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z')")
    FULL["client"] = cid
    FULL["vacancy"] = vid
    return cid


def test_export(s):
    cid = full_client(s)
    c = as_("counsellor")
    c.get(f"/api/v1/clients/{cid}")  # a read, so the audit section has an entry
    r = c.get(f"/api/v1/clients/{cid}/export")
    if not s.expect(r, 200, "export as the assigned counsellor"):
        return
    x = r.json
    s.check(x["client"]["first_name"] == SECRET["first"] and x["client"]["email"] == SECRET["email"], "export: profile")
    s.check(x["client"].get("work_hours_max") == 25, "export: work capacity for the assigned counsellor")
    s.check(x["family"] and x["family"]["name"].endswith(SECRET["last"]), "export: family")
    for sec, n in [("client-skills", 1), ("educations", 1), ("work-history", 1), ("client-languages", 1),
                   ("certificates", 1), ("target-occupations", 1), ("consents", 2), ("service-events", 1),
                   ("outcomes", 1), ("outcome-followups", 1), ("proposals", 1), ("survey-responses", 1)]:
        s.check(len(x.get(sec, [])) == n, f"export section {sec} has {n} rows (has {len(x.get(sec, []))})")
    s.check(x["service-events"][0].get("notes") == SECRET["note"], "export: event notes for the counsellor")
    s.check(x["survey-responses"][0]["answers"] == {"hobbies": SECRET["answers"]}, "export: survey answers as JSON")
    acts = {(a["action"], a["entity"]) for a in x["audit"]}
    s.check(("create", "clients") in acts and ("read", "clients") in acts, f"export: audit entries about them {acts}")
    s.check("attachment" in r.headers.get("Content-Disposition", ""), "export is a download")
    s.check(x["format"] == "osaaja-export-1" and x["truncated"] is False, "export format")
    # another counsellor of the organisation: no work capacity (assigned only)
    r2 = as_("counsellor2").get(f"/api/v1/clients/{cid}/export")
    s.check(r2.status == 200 and "work_hours_max" not in r2.json["client"], "export hides work capacity from others")
    # the readable page: escaped, audited
    c.patch(f"/api/v1/clients/{cid}", {"career_goals": "<script>alert(1)</script> & more"})
    h = c.get(f"/clients/{cid}/export.html")
    if s.expect(h, 200, "export page"):
        body = h.body.decode()
        s.check(h.headers.get("Content-Type", "").startswith("text/html"), "export page is HTML")
        s.check("<script>alert" not in body and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in body,
                "export page escapes stored text")
        s.check(SECRET["first"] in body and "client-skills" in body, "export page holds the data")
    # who may not
    s.expect(as_("coordinator").get(f"/api/v1/clients/{cid}/export"), 403, "coordinator may not export", "forbidden")
    s.expect(as_("manager").get(f"/api/v1/clients/{cid}/export"), 403, "manager may not export", "forbidden")
    s.expect(as_("employer").get(f"/api/v1/clients/{cid}/export"), 403, "employer may not export", "forbidden")
    s.expect(as_("admin").get(f"/api/v1/clients/{cid}/export"), 403, "admin may not export", "forbidden")
    s.expect(as_("other").get(f"/api/v1/clients/{cid}/export"), 404, "other organisation", "not_found")
    s.expect(as_("other").get(f"/clients/{cid}/export.html"), 404, "other organisation, page")
    s.expect(Client(srv).get(f"/api/v1/clients/{cid}/export"), 401, "not logged in", "unauthenticated")
    s.expect(c.get("/api/v1/clients/999999/export"), 404, "unknown client", "not_found")
    a = as_("admin").get(f"/api/v1/audit?client_id={cid}&limit=500")
    if s.expect(a, 200, "audit"):
        ex = [e for e in a.json["items"] if e["action"] == "export"]
        s.check(len(ex) >= 3, f"every export is audited as export ({len(ex)})")
        s.check({e["detail"] for e in ex} >= {"format=json", "format=html"}, "audit names the format")


def all_text():
    """Every text value in the database, for a search after erasure."""
    out = []
    if IS_PG:
        tables = [t[0] for t in sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        # one psql for every table (a row as text; a "|" in it is a value's, not psql's column separator)
        rows = sql(" UNION ALL ".join(f"SELECT CAST(x AS TEXT) FROM {t} x" for t in tables))
        return "\n".join("|".join(r) for r in rows)
    con = sqlite3.connect(DB)
    try:
        for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            for row in con.execute(f"SELECT * FROM \"{t}\"").fetchall():
                out += [str(v) for v in row]
    finally:
        con.close()
    return "\n".join(out)


def test_erase(s):
    cid = FULL.get("client") or full_client(s)
    c = as_("counsellor")
    outcomes_before = len(c.get(f"/api/v1/outcomes?client_id={cid}").json["items"])
    events_before = len(c.get(f"/api/v1/service-events?client_id={cid}").json["items"])
    s.expect(c.post(f"/api/v1/clients/{cid}/erase", {"reason": "She asked on 3 May, Kovalenko case"}), 400,
             "free-text reason refused", "invalid", "reason")
    s.expect(c.post(f"/api/v1/clients/{cid}/erase", {}), 400, "reason required", "invalid", "reason")
    s.expect(as_("coordinator").post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"}), 403,
             "coordinator may not erase", "forbidden")
    s.expect(as_("admin").post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"}), 403,
             "admin may not erase", "forbidden")
    s.expect(as_("other").post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"}), 404,
             "other organisation may not erase", "not_found")
    r = c.post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"})
    if not s.expect(r, 200, "erase"):
        return
    s.check(r.json["deleted"] >= 6 and r.json["withdrawn"] == 2, f"erase counts {r.json}")
    t = c.get(f"/api/v1/clients/{cid}").json
    s.check(t["first_name"] == "erased" and t["last_name"] == "erased", "tombstone has no name")
    s.check(t["status"] == "closed" and t["archived_at"], "tombstone closed and archived")
    for f in ["email", "phone", "strengths", "birth_year", "mother_tongue", "family_id", "work_hours_max"]:
        s.check(t.get(f) is None, f"tombstone has no {f}")
    s.check(t["intake_on"] == "2025-01-10", "tombstone keeps the intake date for figures")
    s.check(not t.get("target_groups"), f"tombstone keeps no target groups (partial work ability): {t.get('target_groups')}")
    for path in ["client-skills", "educations", "work-history", "client-languages", "certificates",
                 "target-occupations"]:
        s.check(c.get(f"/api/v1/{path}?client_id={cid}&archived=true").json["total"] == 0, f"{path} removed")
    s.check(len(c.get(f"/api/v1/outcomes?client_id={cid}").json["items"]) == outcomes_before, "outcomes stay (figures)")
    ev = c.get(f"/api/v1/service-events?client_id={cid}").json["items"]
    s.check(len(ev) == events_before and all(e.get("notes") is None and e.get("summary") is None for e in ev),
            "events stay for figures, without notes or summary")
    cons = c.get(f"/api/v1/consents?client_id={cid}").json["items"]
    s.check(cons and all(x["withdrawn_on"] for x in cons), "consents kept as a record, withdrawn")
    p = c.get(f"/api/v1/proposals/{FULL['proposals']}").json
    s.check(p.get("reason") is None and p.get("identity_revealed") is False, "proposal: reason gone, identity hidden")
    text = all_text()
    leaked = [k for k, v in SECRET.items() if v in text]
    s.check(not leaked, f"no erased text anywhere in the database: {leaked}")
    s.expect(c.post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"}), 409, "erase twice", "conflict")
    a = as_("admin").get(f"/api/v1/audit?client_id={cid}&limit=500").json["items"]
    er = [e for e in a if e["action"] == "erase"]
    s.check(len(er) == 1 and er[0]["detail"].startswith("reason=client_request") and er[0]["user_id"],
            f"erasure audited with who and the reason category: {er}")
    s.check(not any(v in (e.get("detail") or "") for e in a for v in SECRET.values()), "audit holds no erased data")
    r = osaaja(BIN, "audit", "verify", "--db", DB, check=False)
    s.check(r.returncode == 0 and "intact" in r.stdout, f"audit chain intact after erasure: {r.stdout}{r.stderr}")
    x = c.get(f"/api/v1/clients/{cid}/export")
    s.check(x.status == 200 and x.json["client"]["first_name"] == "erased" and not x.json["client-skills"],
            "export after erasure shows only the tombstone")
    s.check(all(i["id"] != cid for i in c.get(f"/api/v1/vacancies/{FULL['vacancy']}/matches").json.get("items", [])),
            "erased client is not matched")


# Issue 19 item 4: a second client whose identity is in every place erasure must reach.
WHO = {"first": "Vexmondra", "last": "Oolacarthy", "email": "vexmondra.oola@example.net", "phone": "+358 44 908 1736",
       "code": "VX-130391-887Q"}


def raw_hits(needles):
    """Which of needles (text) occur in the raw bytes of the SQLite file or its -wal file (the page bytes as
    written, free space included)."""
    hits = []
    for path in [DB, DB + "-wal"]:
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        hits += [f"{os.path.basename(path)}:{k}" for k, v in needles.items() if v.encode() in data]
    return hits


def survey_id(c):
    return next(x["id"] for x in c.get("/api/v1/surveys").json["items"] if x["slug"] == "seasonal-worker")


def test_erasure_is_complete(s):
    """After erasure nothing that identifies the person is left: not in shortlist snapshots, survey drafts and
    answers, link labels or the tombstone, and (SQLite) not in the bytes of the database file or its WAL. The
    export carries the snapshots sent about the client; a link of an erased client takes no more answers."""
    import re
    import urllib.parse
    c, co = as_("counsellor"), as_("coordinator")
    cid = make_client(s, c, WHO["first"], WHO["last"], email=WHO["email"], phone=WHO["phone"],
                      strengths="Card " + WHO["code"], target_groups=["partial_work_ability"], intake_on="2025-02-01",
                      work_hours_max=20)
    stored_phone = sql(f"SELECT phone FROM clients WHERE id = {cid}")[0][0]
    who = {**WHO, "stored_phone": stored_phone}
    for path, body in [
        ("client-skills", {"client_id": cid, "esco_skill": SKILL_A, "evidence": "credential",
                           "label": "Welding " + WHO["code"]}),
        ("work-history", {"client_id": cid, "title": "Welder for " + WHO["last"], "employer_name": WHO["last"] + " Oy"}),
        ("certificates", {"client_id": cid, "kind": "card", "name": "ID " + WHO["code"]}),
        ("consents", {"client_id": cid, "purpose": "matching", "given": True, "given_on": "2025-01-10"}),
        ("consents", {"client_id": cid, "purpose": "share_employer", "given": True, "given_on": "2025-01-10"}),
    ]:
        s.expect(c.post(f"/api/v1/{path}", body), 201, f"create {path}")
    _, vid = make_vacancy(s)
    p = c.post("/api/v1/proposals", {"client_id": cid, "vacancy_id": vid, "stage": "suggested"})
    if not s.expect(p, 201, "proposal"):
        return
    sl = co.post(f"/api/v1/vacancies/{vid}/shortlists", {"proposal_ids": [p.json["id"]]})
    if not s.expect(sl, 201, "shortlist sent to the employer"):
        return
    snap = sql(f"SELECT profile FROM shortlist_items WHERE proposal_id = {p.json['id']}")
    s.check(snap and WHO["code"] in snap[0][0], "the snapshot carries the profile (the test means something)")
    # a survey link for the client, labelled with the name; a draft through the form and a submitted response
    inv = c.post("/api/v1/survey-invitations", {"survey_id": survey_id(c), "client_id": cid, "single_use": False,
                                                "max_uses": 5, "label": f"{WHO['first']} {WHO['last']} intake"})
    if not s.expect(inv, 201, "survey link for the client"):
        return
    tok = inv.json["items"][0]["token"]
    f = Client(srv)
    page = f.get(f"/s/{tok}?lang=fi").body.decode()
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    form = lambda d: urllib.parse.urlencode(d, doseq=True).encode()
    hdr = {"Content-Type": "application/x-www-form-urlencoded"}
    page = f.request("POST", f"/s/{tok}", raw=form({"csrf": csrf, "lang": "fi", "action": "start", "consent": "yes"}),
                     headers=hdr).body.decode()
    fields = dict(re.findall(r'name="(csrf|resume|step)" value="([^"]*)"', page))
    r = f.request("POST", f"/s/{tok}", raw=form({"csrf": fields.get("csrf", ""), "resume": fields.get("resume", ""),
                                                 "lang": "fi", "step": fields.get("step", ""), "action": "next",
                                                 "q.first_name": WHO["first"], "q.last_name": WHO["last"],
                                                 "q.mother_tongue": "fi", "q.nationality": "FI"}), headers=hdr)
    drafts = sql(f"SELECT answers FROM survey_drafts d JOIN survey_invitations i ON i.id = d.invitation_id "
                 f"WHERE i.client_id = {cid}")
    s.check(r.status == 200 and drafts and WHO["last"] in drafts[0][0], f"a draft holds the name ({r.status})")
    answers = {"_consent": True, "first_name": WHO["first"], "last_name": WHO["last"], "mother_tongue": "fi",
               "nationality": "FI", "phone": WHO["phone"], "sector": "agriculture", "current_job": "Card " + WHO["code"],
               "employment_type": "agency", "isced_level": "3", "long_term_interest": "yes", "has_spouse": "no"}
    pub = Client(srv)
    s.expect(pub.post(f"/api/v1/public/surveys/{tok}/responses", {"submission_key": "erasure-test-key-0001",
                                                                  "lang": "fi", "answers": answers}),
             201, "a response through the client's link")
    x = c.get(f"/api/v1/clients/{cid}/export")
    if s.expect(x, 200, "export"):
        sn = x.json.get("shortlist-snapshots")
        s.check(isinstance(sn, list) and len(sn) == 1 and sn[0]["shortlist_id"] == sl.json["id"]
                and WHO["code"] in str(sn[0]["profile"]), f"export includes the snapshot sent to the employer: {sn}")
    r = c.post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"})
    if not s.expect(r, 200, "erase"):
        return
    t = c.get(f"/api/v1/clients/{cid}").json
    s.check(not t.get("target_groups") and t.get("work_hours_max") is None, f"tombstone: no target groups {t}")
    if not IS_PG:
        hits = raw_hits(who)
        s.check(not hits, f"nothing of the person in the bytes of the database file or its WAL: {hits}")
    text = all_text()
    leaked = [k for k, v in who.items() if v in text]
    s.check(not leaked, f"nothing of the person in any table: {leaked}")
    snap = sql(f"SELECT profile FROM shortlist_items WHERE proposal_id = {p.json['id']}")
    s.check(len(snap) == 1 and '"erased"' in snap[0][0], f"the snapshot row stays, as an erased marker: {snap}")
    s.check(not sql(f"SELECT d.id FROM survey_drafts d JOIN survey_invitations i ON i.id = d.invitation_id "
                    f"WHERE i.client_id = {cid}"), "the link's drafts are gone")
    labels = sql(f"SELECT label, archived_at FROM survey_invitations WHERE client_id = {cid}")
    s.check(labels and all(l[0] in (None, "") and l[1] for l in labels), f"the link has no label and is closed: {labels}")
    s.check(pub.get(f"/api/v1/public/surveys/{tok}").json.get("state") != "open", "the link is no longer open")
    x = c.get(f"/api/v1/clients/{cid}/export")
    s.check(x.status == 200 and (x.json.get("shortlist-snapshots") or [{}])[0].get("profile") == {"erased": True},
            "export after erasure: the snapshot is the erased marker")
    # a submission to the erased client's link is refused and nothing is stored
    before = sql("SELECT COUNT(*) FROM survey_responses")[0][0]
    r = pub.post(f"/api/v1/public/surveys/{tok}/responses", {"submission_key": "erasure-test-key-0002", "lang": "fi",
                                                             "answers": answers})
    s.expect(r, 409, "a submission to an erased client's link is refused", "conflict", "token")
    s.check(r.json and r.json["error"].get("key") == "erased" and "erased" in r.json["error"]["message"],
            f"the refusal says why: {r.json}")
    s.check(sql("SELECT COUNT(*) FROM survey_responses")[0][0] == before, "nothing stored")
    q = c.get("/api/v1/survey-responses?status=submitted")
    s.check(q.status == 200 and not [i for i in q.json.get("items", [])
                                     if i.get("submission_key") == "erasure-test-key-0002"], "nothing in the review queue")
    s.check(WHO["last"] not in q.body.decode(), "the review queue holds nothing of the person")


def match_ids(c, vid):
    r = c.get(f"/api/v1/vacancies/{vid}/matches?limit=100")
    if r.status != 200:
        return None
    items = r.json.get("items", r.json.get("matches", []))
    return {i.get("id", i.get("client_id")) for i in items}


def test_consent_withdrawal(s):
    c = as_("counsellor")
    _, vid = make_vacancy(s)
    ids = []
    for name in ["Ahmed", "Bisrat", "Chen"]:
        cid = make_client(s, c, name, "Matchtest")
        c.post("/api/v1/client-skills", {"client_id": cid, "esco_skill": SKILL_A, "evidence": "credential"})
        r = c.post("/api/v1/consents", {"client_id": cid, "purpose": "matching", "given": True, "given_on": "2025-03-01"})
        s.expect(r, 201, "matching consent")
        ids.append((cid, r.json["id"]))
    got = match_ids(c, vid)
    if got is None:
        s.check(False, "GET /api/v1/vacancies/{id}/matches answers")
        return
    s.check(all(cid in got for cid, _ in ids), f"consenting clients are matched {got}")
    # 1. the withdraw route
    r = c.post(f"/api/v1/clients/{ids[0][0]}/consents/matching/withdraw")
    s.expect(r, 200, "withdraw matching consent")
    s.check(r.json.get("withdrawn") == 1, "one consent withdrawn")
    # 2. PATCH withdrawn_on on the consent row
    s.expect(c.patch(f"/api/v1/consents/{ids[1][1]}", {"withdrawn_on": "2025-04-01"}), 200, "PATCH withdrawn_on")
    got = match_ids(c, vid)
    s.check(ids[0][0] not in got, "withdrawn (route) client no longer matched at once")
    s.check(ids[1][0] not in got, "withdrawn (PATCH) client no longer matched at once")
    s.check(ids[2][0] in got, "the still consenting client is matched")
    # a vacancy's matches are one audit entry that reaches the access log of each client shown
    a = as_("admin").get(f"/api/v1/audit?client_id={ids[2][0]}").json["items"]
    s.check(any(e["action"] == "match" and e["entity"] == "vacancies" and e["entity_id"] == vid for e in a),
            "the vacancy's matches are in the matched client's access log")
    n = sql(f"SELECT COUNT(*) FROM audit_log WHERE action = 'match' AND entity = 'vacancies' AND entity_id = {vid} "
            f"AND detail LIKE 'ids=%{ids[2][0]}%'")
    s.check(int(n[0][0]) == 2, f"one entry per answer, naming its clients ({n[0][0]})")
    r = c.get(f"/api/v1/clients/{ids[0][0]}/matches")
    s.check(r.status == 403, f"matches for a client without consent are refused ({r.status})")
    # the withdrawal is on record
    cons = c.get(f"/api/v1/consents/{ids[0][1]}").json
    s.check(cons["withdrawn_on"] is not None, "withdrawn_on recorded")
    s.expect(c.post(f"/api/v1/clients/{ids[0][0]}/consents/data_processing/withdraw"), 400,
             "data_processing withdrawal points to erasure", "invalid", "purpose")
    s.expect(c.post(f"/api/v1/clients/{ids[0][0]}/consents/astrology/withdraw"), 400, "unknown purpose", "invalid",
             "purpose")
    s.expect(as_("coordinator").post(f"/api/v1/clients/{ids[2][0]}/consents/matching/withdraw"), 403,
             "coordinator may not withdraw for the client", "forbidden")
    s.expect(as_("other").post(f"/api/v1/clients/{ids[2][0]}/consents/matching/withdraw"), 404,
             "other organisation", "not_found")
    r = c.post(f"/api/v1/clients/{ids[0][0]}/consents/matching/withdraw")
    s.check(r.status == 200 and r.json.get("withdrawn") == 0, "withdrawing again changes nothing")
    # share_employer withdrawal hides the identity on proposals at once
    cid = ids[2][0]
    c.post("/api/v1/consents", {"client_id": cid, "purpose": "share_employer", "given": True, "given_on": "2025-03-01"})
    p = c.post("/api/v1/proposals", {"client_id": cid, "vacancy_id": vid})
    s.expect(p, 201, "proposal")
    s.expect(c.post(f"/api/v1/proposals/{p.json['id']}/reveal", {"reveal": True}), 200, "identity revealed")
    s.expect(c.post(f"/api/v1/clients/{cid}/consents/share_employer/withdraw"), 200, "withdraw share_employer")
    s.check(c.get(f"/api/v1/proposals/{p.json['id']}").json["identity_revealed"] is False,
            "identity hidden again on proposals")
    # a new consent after withdrawal brings matching back (dated today: a row dated in the future does not speak yet)
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    c.post("/api/v1/consents", {"client_id": ids[0][0], "purpose": "matching", "given": True, "given_on": today})
    s.check(ids[0][0] in match_ids(c, vid), "a new consent brings the client back")


def test_retention(s):
    c = as_("counsellor")
    old = make_client(s, c, "Vanha", "Asiakas")
    recent = make_client(s, c, "Uusi", "Asiakas")
    old_evt = make_client(s, c, "Vanha", "Tapahtuma")
    s.expect(c.post("/api/v1/service-events", {"client_id": old_evt, "type": "meeting", "happened_on": "2099-01-01"}),
             201, "recent event")
    for cid in (old, old_evt):
        sql(f"UPDATE clients SET updated_at = '2019-05-01T10:00:00Z' WHERE id = {cid}")
    other_old = make_client(s, as_("other"), "Toinen", "Organisaatio")
    sql(f"UPDATE clients SET updated_at = '2019-05-01T10:00:00Z' WHERE id = {other_old}")
    r = c.get("/api/v1/privacy/retention")
    if not s.expect(r, 200, "retention review list"):
        return
    ids = {i["id"] for i in r.json["items"]}
    s.check(r.json["inactive_months"] == 36, "default 36 months")
    s.check(old in ids, "inactive client listed")
    s.check(recent not in ids and old_evt not in ids, "active clients not listed")
    s.check(other_old not in ids, "other organisation's clients not listed")
    s.check(all(i["last_activity"] for i in r.json["items"]), "last activity shown")
    s.check(old in {i["id"] for i in c.get("/api/v1/privacy/retention?inactive_months=12").json["items"]},
            "inactive_months=12")
    s.expect(c.get("/api/v1/privacy/retention?inactive_months=0"), 400, "0 months", "invalid", "inactive_months")
    s.expect(c.get("/api/v1/privacy/retention?inactive_months=abc"), 400, "not a number", "invalid", "inactive_months")
    s.expect(as_("coordinator").get("/api/v1/privacy/retention"), 403, "coordinator may not review", "forbidden")
    s.expect(as_("manager").get("/api/v1/privacy/retention"), 403, "manager may not review", "forbidden")
    s.expect(c.post("/api/v1/privacy/retention/erase", {"client_ids": [old, recent]}), 409,
             "an active client in the batch stops it", "conflict", "client_ids")
    s.check(c.get(f"/api/v1/clients/{old}").json["first_name"] == "Vanha", "nothing erased from a refused batch")
    s.expect(c.post("/api/v1/privacy/retention/erase", {"client_ids": [other_old]}), 404,
             "other organisation's client", "not_found")
    s.expect(c.post("/api/v1/privacy/retention/erase", {"client_ids": []}), 400, "empty list", "invalid", "client_ids")
    s.expect(c.post("/api/v1/privacy/retention/erase", {"client_ids": [old, old]}), 400, "duplicate", "invalid",
             "client_ids")
    s.expect(c.post("/api/v1/privacy/retention/erase", {"client_ids": list(range(1, 40))}), 400, "batch ceiling",
             "invalid", "client_ids")
    r = c.post("/api/v1/privacy/retention/erase", {"client_ids": [old]})
    if s.expect(r, 200, "erase the reviewed inactive client"):
        s.check(r.json["erased"] == [old], "erased list")
        s.check(c.get(f"/api/v1/clients/{old}").json["first_name"] == "erased", "tombstone")
    s.check(old not in {i["id"] for i in c.get("/api/v1/privacy/retention").json["items"]}, "erased leave the list")
    a = as_("admin").get(f"/api/v1/audit?client_id={old}").json["items"]
    s.check(any(e["action"] == "erase" and "reason=retention" in e["detail"] for e in a), "audited as retention")


def test_openapi_lists_privacy_routes(s):
    doc = Client(srv).get("/api/v1/openapi.json").json
    for p in ["/api/v1/clients/{id}/export", "/api/v1/clients/{id}/erase", "/api/v1/privacy/retention",
              "/api/v1/privacy/retention/erase", "/api/v1/clients/{id}/consents/{purpose}/withdraw"]:
        s.check(p in doc["paths"], f"OpenAPI lists {p}")


def test_logs_hold_no_personal_data(s):
    log = srv.log_text()
    s.check(not [v for v in SECRET.values() if v in log], "server log holds none of the client's data")


def test_reassign_to_self(s):
    """Issue 19 item 1: taking a client over in a PATCH does not return the work capacity in that same answer, and
    the reassignment is audited with the old and the new counsellor."""
    c1, c2 = as_("counsellor"), as_("counsellor2")
    cid = make_client(s, c1, "Siirto", "Asiakas", work_hours_max=25, physical_load="light",
                      accommodations="Ergonominen tuoli")
    old_id, new_id = c1.user["id"], c2.user["id"]
    r = c2.patch(f"/api/v1/clients/{cid}", {"counsellor_id": new_id})
    if s.expect(r, 200, "a counsellor takes the client over"):
        s.check(not {"work_hours_max", "physical_load", "accommodations"} & set(r.json),
                f"the same answer holds no work capacity: {sorted(r.json)}")
    rows = sql(f"SELECT detail FROM audit_log WHERE client_id = {cid} AND action = 'reassign'")
    s.check(len(rows) == 1 and rows[0][0] == f"counsellor_id from={old_id} to={new_id}",
            f"the reassignment is audited with both counsellors: {rows}")
    r = c2.get(f"/api/v1/clients/{cid}")
    s.check(r.json.get("work_hours_max") == 25, "the next read by the new counsellor shows it")


def test_lists_in_access_log(s):
    """A list names every client it showed in each one's access log and export, however long it is (the entry's
    detail was cut at about 500 characters, and the access log read only entries with the client's own id)."""
    c = as_("counsellor")
    ids = [make_client(s, c, "Listattu", f"Asiakas{i:03d}") for i in range(90)]
    r = c.get("/api/v1/clients?q=Listattu&limit=500&sort=last_name")
    s.expect(r, 200, "list of 90 clients")
    s.check(len(r.json["items"]) == 90, f"the list shows all 90 ({len(r.json['items'])})")
    me = c.user["id"]
    for cid in (ids[0], ids[-1]):
        a = as_("admin").get(f"/api/v1/audit?client_id={cid}")
        if s.expect(a, 200, f"access log of client {cid}"):
            lists = [e for e in a.json["items"] if e["action"] == "list" and e["user_id"] == me]
            s.check(len(lists) >= 1 and lists[0]["entity"] == "clients",
                    f"the list is in the access log of client {cid}: {lists[:1]}")
            s.check(all(e["detail"] is None for e in lists), "a list's detail (other clients' ids) is left out")
    x = c.get(f"/api/v1/clients/{ids[-1]}/export")
    if s.expect(x, 200, "export of the last client listed"):
        s.check(any(e["action"] == "list" and e["user_id"] == me for e in x.json["audit"]),
                "the export's audit section holds the list")
    # the whole list is in the chain: the detail names every client, and the chain verifies
    rows = sql("SELECT detail FROM audit_log WHERE action = 'list' AND entity = 'clients' ORDER BY id DESC")
    s.check(any(all(f"{cid}" in row[0].split("ids=")[1].split(",") for cid in ids) for row in rows if row[0]),
            "one list entry's detail names all 90 clients")
    n = sql(f"SELECT COUNT(*) FROM audit_subjects WHERE client_id IN ({','.join(map(str, ids))})")
    s.check(int(n[0][0]) >= 90, f"each listed client is a subject ({n[0][0]})")
    # listed again the same day: still one link per client, user and day (the first list); the chain has both
    s.expect(c.get("/api/v1/clients?q=Listattu&limit=500"), 200, "the same list again")
    links = sql(f"SELECT COUNT(*) FROM audit_subjects WHERE client_id = {ids[0]} AND user_id = {me}")
    s.check(int(links[0][0]) == 1, f"one link per client, user and day ({links[0][0]})")
    rows = sql("SELECT detail FROM audit_log WHERE action = 'list' AND entity = 'clients' AND detail LIKE 'ids=%'")
    naming = [r for r in rows if str(ids[0]) in r[0][4:].split(",")]
    s.check(len(naming) >= 2, f"both lists are in the chain ({len(naming)})")
    v = osaaja(BIN, "audit", "verify", "--db", DB, check=False)
    s.check(v.returncode == 0, f"the chain verifies: {v.stdout.strip()} {v.stderr.strip()}")
    # the admin's name search on the audit page names the clients it found too
    adm = as_("admin")
    s.expect(adm.get("/admin/audit?q=Asiakas089"), 200, "the audit page's name search")
    a = adm.get(f"/api/v1/audit?client_id={ids[-1]}").json["items"]
    s.check(any(e["action"] == "list" and e["user_id"] == adm.user["id"] for e in a),
            "the admin's name search is in the found client's access log")
    u = as_("admin").get("/api/v1/audit?client_id=999999")
    s.check(u.status == 200 and u.json["items"] == [], "an unknown client has an empty access log")


def test_family_and_settling_data(s):
    """A family's data beside its clients' (the family, its members, the settling-in steps): every read is audited,
    a step about the client is in the client's access log and export, the members are in the export, and erasing one
    parent scrubs that parent's steps and their timeline while the other parent's stay."""
    c = as_("counsellor")
    fam = c.post("/api/v1/families", {"name": "Perhe Tarkistus", "municipality": "Kajaani"})
    s.expect(fam, 201, "a family")
    fid = fam.json["id"]
    a = make_client(s, c, "Vanhempi", "Yksi", family_id=fid, family_role="worker")
    b = make_client(s, c, "Vanhempi", "Kaksi", family_id=fid, family_role="spouse")
    s.expect(c.post("/api/v1/family-members", {"family_id": fid, "relation": "child", "first_name": "Lapsi"}), 201,
             "a child")
    note, title = "Odottaa lasta, raskausdiabetes", "Suomen kurssi ystävän kanssa"
    st = c.post("/api/v1/settling-steps", {"family_id": fid, "kind": "custom", "title": title, "notes": note,
                                           "client_id": a})
    s.expect(st, 201, "a step about parent A")
    s.expect(c.patch(f"/api/v1/settling-steps/{st.json['id']}", {"state": "doing"}), 200, "the step moves on")
    sb = c.post("/api/v1/settling-steps", {"family_id": fid, "kind": "custom", "title": "B:n oma askel",
                                           "client_id": b})
    s.expect(sb, 201, "a step about parent B")
    other = as_("counsellor2")
    s.expect(other.get(f"/api/v1/settling-steps/{st.json['id']}"), 200, "another counsellor reads A's step")
    s.expect(other.get(f"/api/v1/families/{fid}"), 200, "and the family")
    s.expect(other.get(f"/api/v1/family-members?family_id={fid}"), 200, "and its members")
    o2 = other.user["id"]
    audited = {(r[0], r[1]) for r in sql(f"SELECT entity, action FROM audit_log WHERE user_id = {o2} AND entity IN "
                                         f"('settling-steps', 'families', 'family-members')")}
    s.check({("settling-steps", "read"), ("families", "read"), ("family-members", "list")} <= audited,
            f"reads of a family's data are audited: {sorted(audited)}")
    log = as_("admin").get(f"/api/v1/audit?client_id={a}").json["items"]
    s.check(any(e["entity"] == "settling-steps" and e["user_id"] == o2 for e in log),
            "the read of A's step is in A's access log")
    x = c.get(f"/api/v1/clients/{a}/export").json
    s.check([r.get("notes") for r in x.get("settling-steps", [])] == [note], "A's export holds A's own step")
    s.check([m["first_name"] for m in x.get("family-members", [])] == ["Lapsi"], "and the family's members")
    r = c.post(f"/api/v1/clients/{a}/erase", {"reason": "client_request"})
    s.expect(r, 200, "erase parent A")
    rows = sql(f"SELECT COUNT(*), COUNT(title), COUNT(notes) FROM settling_steps WHERE id = {st.json['id']}")
    s.check([int(v) for v in rows[0]] == [1, 0, 0], f"A's step stays without its words (rows, titles, notes): {rows}")
    hist = sql(f"SELECT COUNT(*), COUNT(title) FROM settling_step_changes WHERE step_id = {st.json['id']}")
    s.check(int(hist[0][0]) >= 1 and int(hist[0][1]) == 0, f"nor its timeline (rows, titles): {hist}")
    s.check(note not in str(c.get(f"/api/v1/families/{fid}/timeline").json), "the family's timeline shows none")
    rows = sql(f"SELECT title FROM settling_steps WHERE id = {sb.json['id']}")
    s.check(rows and rows[0][0] == "B:n oma askel", "parent B's step stays")
    s.check(c.get(f"/api/v1/family-members?family_id={fid}").json["items"] != [], "the family stays with B")


def test_export_audit_names_no_hidden_field(s):
    """The export's audit section names no field hidden from its reader: another counsellor learns nothing of work
    capacity from the names of what was written ("fields=work_hours_max,...")."""
    c1, c2 = as_("counsellor"), as_("counsellor2")
    cid = make_client(s, c1, "Kenttä", "Nimet")
    s.expect(c1.patch(f"/api/v1/clients/{cid}", {"work_hours_max": 20, "phone": "+358 40 123 0000"}), 200,
             "the assigned counsellor writes work capacity and a phone number")
    def updates(c):
        x = c.get(f"/api/v1/clients/{cid}/export")
        return [e["detail"] for e in x.json["audit"] if e["action"] == "update"] if x.status == 200 else None
    mine, theirs = updates(c1), updates(c2)
    s.check(mine and "work_hours_max" in mine[0] and "phone" in mine[0], f"the assigned counsellor reads both: {mine}")
    s.check(theirs and "work_hours_max" not in theirs[0] and "phone" in theirs[0],
            f"another counsellor reads only the phone: {theirs}")
    h = c2.get(f"/clients/{cid}/export.html")
    s.check(h.status == 200 and "work_hours_max" not in h.body.decode(), "nor in the export page")


S.run([test_export, test_erase, test_erasure_is_complete, test_consent_withdrawal, test_retention, test_openapi_lists_privacy_routes,
       test_reassign_to_self, test_lists_in_access_log, test_family_and_settling_data,
       test_export_audit_names_no_hidden_field])
rc = srv.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
S.run([test_logs_hold_no_personal_data])
sys.exit(0 if S.failed == 0 else 1)
