#!/usr/bin/python3
"""API tests of the multilingual self-service intake: survey definitions (import errors name the JSON path and the
line), invitation links (shown once, expiry, single use), the public form and its JSON twin (a submission sent twice
is stored once, answers validated in the respondent's language), the review queue (accepting answers writes the
profile through the entity rules, audited) and organisation scope.
Usage: test_surveys.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import datetime
import json
import os
import re
import sqlite3
import subprocess
import sys
import urllib.parse

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PW = "Testi-salasana-2026"


def sql(statement):
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


osaaja(BIN, "init", "--db", DB)
osaaja(BIN, "import-taxonomy", "--db", DB, os.path.join(ROOT, "data", "taxonomy"))
O1 = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Seinäjoki", "--kind", "municipality").stdout.strip()
O2 = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Kokkola", "--kind", "municipality").stdout.strip()
for email, role, org in [("c1@t.fi", "counsellor", O1), ("a1@t.fi", "admin", O1), ("c2@t.fi", "counsellor", O2),
                         ("m1@t.fi", "manager", O1)]:
    osaaja(BIN, "user", "add", "--db", DB, "--email", email, "--name", email.split("@")[0], "--role", role, "--org", org,
           "--password", PW)

srv = Server(BIN, DB)
S = Suite("surveys" + (" (postgres)" if IS_PG else " (sqlite)"))


def as_(email):
    c = Client(srv)
    c.login(email, PW)
    return c


C1, A1, C2, M1 = as_("c1@t.fi"), as_("a1@t.fi"), as_("c2@t.fi"), as_("m1@t.fi")
SEASONAL = None


def seasonal_id():
    global SEASONAL
    if SEASONAL is None:
        SEASONAL = next(s["id"] for s in C1.get("/api/v1/surveys").json["items"] if s["slug"] == "seasonal-worker")
    return SEASONAL


def invite(client=C1, **kw):
    body = {"survey_id": seasonal_id(), **kw}
    r = client.post("/api/v1/survey-invitations", body)
    assert r.status == 201, r.body
    return r.json["items"]


GOOD = {
    "_consent": True, "first_name": "Somchai", "last_name": "Wongsakul", "mother_tongue": "th", "nationality": "TH",
    "phone": "+66 81 234 5678", "sector": "agriculture", "current_job": "Marjanpoimija", "employment_type": "agency",
    "work_history": [{"job_title": "Rice farmer", "job_country": "TH", "job_years": 6}],
    "isced_level": "3", "skills": ["driving a tractor"], "licences": ["driving_b"],
    "language_levels": {"th": "native", "en": "A2"}, "long_term_interest": "yes", "has_spouse": "no",
}


def test_defaults_registered(s):
    items = C1.get("/api/v1/surveys").json["items"]
    slugs = {i["slug"] for i in items}
    s.check({"seasonal-worker", "competence-intake"} <= slugs, f"default surveys registered at start: {slugs}")
    s.check(all(i["default"] for i in items), "defaults are marked as such")
    s.expect(M1.get(f"/api/v1/surveys/{seasonal_id()}"), 200, "a manager may read a definition")
    r = C1.get(f"/api/v1/surveys/{seasonal_id()}/definition")
    s.expect(r, 200, "export a definition")
    s.check(r.json["slug"] == "seasonal-worker" and "th" in r.json["languages"], "export is the definition")
    s.check("attachment" in r.headers.get("Content-Disposition", ""), "export downloads as a file")


def test_import_and_errors(s):
    d = C1.get(f"/api/v1/surveys/{seasonal_id()}/definition").json
    d["slug"] = "seasonal-seinajoki"
    text = json.dumps(d, ensure_ascii=False, indent=2)
    s.expect(C1.post("/api/v1/surveys", raw=text.encode()), 403, "a counsellor may not import", "forbidden")
    r = A1.post("/api/v1/surveys", raw=text.encode())
    s.expect(r, 201, "admin imports a definition")
    s.expect(A1.post("/api/v1/surveys", raw=text.encode()), 409, "same slug and version again", "conflict")
    # a missing Thai text deep inside: the error names the path and the line
    bad = json.loads(text)
    bad["slug"] = "broken"
    del bad["groups"][1]["questions"][2]["text"]["th"]
    btext = json.dumps(bad, ensure_ascii=False, indent=2)
    r = A1.post("/api/v1/surveys", raw=btext.encode())
    s.expect(r, 400, "definition with a missing translation", "invalid")
    msg, field = r.json["error"]["message"], r.json["error"].get("field", "")
    m = re.search(r"line (\d+)", msg)
    s.check("groups[1].questions[2].text" in msg and m and "th" in msg, f"message names path, line and language: {msg}")
    s.check(field.startswith("groups[1].questions[2].text"), f"field is the path: {field}")
    if m:
        line = btext.splitlines()[int(m.group(1)) - 1]
        s.check('"text"' in line, f"the line is the one of the text object: {line.strip()}")
    r = A1.post("/api/v1/surveys", raw=b'{"slug": "x", "version": 1,\n "languages": ["fi"],\n "groups": [}')
    s.expect(r, 400, "malformed JSON", "invalid")
    s.check("line 3" in r.json["error"]["message"], f"syntax error names line 3: {r.json['error']['message']}")
    # the organisation's own survey is visible to its counsellor, not to another organisation's
    own = {i["slug"] for i in C1.get("/api/v1/surveys").json["items"]}
    other = {i["slug"] for i in C2.get("/api/v1/surveys").json["items"]}
    s.check("seasonal-seinajoki" in own and "seasonal-seinajoki" not in other, "imported survey scoped to its organisation")


def test_invitation_token_once(s):
    items = invite(count=3, label="Marjatila A")
    s.check(len(items) == 3 and all(len(i["token"]) == 64 for i in items), "three 32-byte tokens")
    listed = C1.get("/api/v1/survey-invitations").json["items"]
    s.check(all("token" not in i and "token_hash" not in i for i in listed), "tokens are never listed again")
    tok = items[0]["token"]
    stored = sql("SELECT token_hash FROM survey_invitations")
    s.check(all(row[0] != tok for row in stored), "only the hash is stored")
    s.expect(C2.post("/api/v1/survey-invitations", {"survey_id": 999999}), 404, "unknown survey", "not_found")
    s.expect(C1.post("/api/v1/survey-invitations", {"survey_id": seasonal_id(), "expires_in_days": 0}), 400,
             "expiry out of range", "invalid", "expires_in_days")
    s.expect(M1.post("/api/v1/survey-invitations", {"survey_id": seasonal_id()}), 403, "a manager may not invite",
             "forbidden")
    r = Client(srv).get("/s/" + tok)
    s.check(r.status == 200 and b"lang=\"fi\"" in r.body, "public form opens without login")


def submit(tok, key, answers, lang="th"):
    return Client(srv).post(f"/api/v1/public/surveys/{tok}/responses",
                            {"submission_key": key, "lang": lang, "answers": answers})


def test_double_submit_and_single_use(s):
    tok = invite()[0]["token"]
    r = submit(tok, "k" * 20, {**GOOD, "first_name": ""})
    s.expect(r, 400, "invalid answers", "invalid", "first_name")
    msgs = {e["path"]: e["message"] for e in r.json.get("errors", [])}
    s.check("first_name" in msgs and re.search("[\u0e00-\u0e7f]", msgs["first_name"]), f"message in Thai: {msgs}")
    r1 = submit(tok, "key-" + "a" * 28, GOOD)
    s.expect(r1, 201, "first submission")
    r2 = submit(tok, "key-" + "a" * 28, GOOD)
    s.expect(r2, 200, "the same submission again")
    s.check(r2.json.get("duplicate") and r2.json["id"] == r1.json["id"], "second copy answers with the first's id")
    n = sql("SELECT COUNT(*) FROM survey_responses WHERE submission_key = 'key-" + "a" * 28 + "'")[0][0]
    s.check(int(n) == 1, f"stored once ({n})")
    s.expect(submit(tok, "key-" + "b" * 28, GOOD), 409, "a used single-use link takes no new submission", "conflict")
    s.check(Client(srv).get("/api/v1/public/surveys/" + tok).json["state"] == "used", "link state is used")
    r = Client(srv).get("/s/" + tok)
    s.check(r.status == 410 and "ถูกใช้ไปแล้ว".encode() in r.body and "already been used".encode() in r.body,
            "used link says so in every language")


def test_expiry(s):
    tok = invite()[0]["token"]
    sql("UPDATE survey_invitations SET expires_at = '2020-01-01T00:00:00Z' WHERE id = (SELECT MAX(id) FROM "
        "survey_invitations)")
    s.expect(submit(tok, "x" * 20, GOOD), 409, "expired link", "conflict")
    r = Client(srv).get("/s/" + tok)
    s.check(r.status == 410 and "หมดอายุ".encode() in r.body and "انتهت".encode() in r.body
            and b"has expired" in r.body, "expired link says so in every language")
    s.expect(Client(srv).get("/s/" + "0" * 64), 404, "unknown link")


def answer_figures():
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    ind = M1.get(f"/api/v1/reports/indicators?from={today}&to={today}").json["indicators"]
    return ind["survey_answers"], ind["survey_answers_group"]


def test_group_link(s):
    before = answer_figures()
    tok = invite(single_use=False, max_uses=2, label="Ryhmä")[0]["token"]
    s.expect(submit(tok, "g" * 20, GOOD), 201, "group link first")
    s.expect(submit(tok, "h" * 20, GOOD), 201, "group link second")
    s.expect(submit(tok, "i" * 20, GOOD), 409, "group link over its limit", "conflict")
    after = answer_figures()
    s.check(after[0] - before[0] == 2 and after[1] - before[1] == 2,
            f"the report counts the answers that came through a group link (issue 16): {before} -> {after}")


def form_flow(tok):
    """The public form without a browser: consent, every step, the check page, submit twice."""
    c = Client(srv)
    page = c.get(f"/s/{tok}?lang=ar").body.decode()
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    form = lambda d: urllib.parse.urlencode(d, doseq=True).encode()
    hdr = {"Content-Type": "application/x-www-form-urlencoded"}
    r = c.request("POST", f"/s/{tok}", raw=form({"csrf": csrf, "lang": "ar", "action": "start"}), headers=hdr)
    assert r.status == 400 and "يرجى".encode() in r.body, "consent is required first"
    r = c.request("POST", f"/s/{tok}", raw=form({"csrf": csrf, "lang": "ar", "action": "start", "consent": "yes"}),
                  headers=hdr)
    page = r.body.decode()
    assert 'dir="rtl"' in page and 'lang="ar"' in page, "Arabic form is right-to-left"
    return c, page, form, hdr


def test_public_form_and_review(s):
    tok = invite()[0]["token"]
    c, page, form, hdr = form_flow(tok)
    s.check('dir="rtl"' in page, "Arabic page is dir=rtl")
    fields = dict(re.findall(r'name="(csrf|resume|step)" value="([^"]*)"', page))
    base = {"csrf": fields["csrf"], "resume": fields["resume"], "lang": "ar", "step": fields["step"]}
    r = c.request("POST", f"/s/{tok}", raw=form({**base, "action": "next", "q.first_name": "",
                                                  "q.last_name": "Haddad", "q.mother_tongue": "ar"}), headers=hdr)
    body = r.body.decode()
    s.check(r.status == 400 and "Haddad" in body and 'aria-invalid="true"' in body, "error keeps what was typed")
    r = c.request("POST", f"/s/{tok}", raw=form({**base, "action": "next", "q.first_name": "Layla",
                                                  "q.last_name": "Haddad", "q.mother_tongue": "ar",
                                                  "q.nationality": "SY"}), headers=hdr)
    s.check(r.status == 200 and "Layla" not in r.body.decode(), "valid step moves on")
    row = sql("SELECT answers, step FROM survey_drafts ORDER BY id DESC LIMIT 1")[0]
    s.check("Layla" in row[0] and int(row[1]) == 2, f"draft saved on the server: step {row[1]}")


def test_review_accept_and_scope(s):
    tok = invite()[0]["token"]
    r = submit(tok, "rev-" + "z" * 20, GOOD)
    s.expect(r, 201, "submission to review")
    rid = r.json["id"]
    q = C1.get("/api/v1/survey-responses?status=submitted").json["items"]
    s.check(any(i["id"] == rid for i in q), "in the review queue")
    s.check(not any(i["id"] == rid for i in C2.get("/api/v1/survey-responses").json["items"]),
            "another organisation's queue does not show it")
    s.expect(C2.get(f"/api/v1/survey-responses/{rid}"), 404, "another organisation cannot read it", "not_found")
    s.expect(C2.post(f"/api/v1/survey-responses/{rid}/accept", {"create_client": True, "accept": []}), 404,
             "another organisation cannot accept it", "not_found")
    s.expect(M1.get(f"/api/v1/survey-responses/{rid}"), 403, "a manager does not review", "forbidden")
    got = C1.get(f"/api/v1/survey-responses/{rid}")
    s.expect(got, 200, "read the response")
    keys = [i["key"] for i in got.json["items"]]
    s.check({"client.first_name", "client.last_name", "client.mother_tongue"} <= set(keys), f"client items {keys}")
    s.check(any(k.startswith("work_history:work_history[0]") for k in keys), "a work history row per job")
    s.check(any(k.startswith("client_languages:") for k in keys), "language rows")
    skill = next(i for i in got.json["items"] if i["key"].startswith("client_skills:"))
    s.check(skill["fields"].get("label") == "driving a tractor", "free text kept as written for coding")
    # a bad accept (an unknown key) writes nothing
    s.expect(C1.post(f"/api/v1/survey-responses/{rid}/accept", {"create_client": True, "accept": ["nope"]}), 400,
             "unknown item", "invalid", "accept")
    before = int(sql("SELECT COUNT(*) FROM clients")[0][0])
    accept = [k for k in keys if k != "client.phone"]
    r = C1.post(f"/api/v1/survey-responses/{rid}/accept", {"create_client": True, "accept": accept})
    s.expect(r, 200, "accept into a new client")
    cid = r.json.get("client_id")
    s.check(int(sql("SELECT COUNT(*) FROM clients")[0][0]) == before + 1, "one client created")
    prof = C1.get(f"/api/v1/clients/{cid}/profile").json
    s.check(prof["first_name"] == "Somchai" and prof["mother_tongue"] == "th" and prof.get("phone") is None,
            "accepted fields in the profile, the unaccepted phone not")
    s.check(any(w["title"] == "Rice farmer" and w["country"] == "TH" for w in prof["work-history"]), "work history")
    s.check(any(l["language"] == "en" and l["level"] == "A2" for l in prof["client-languages"]), "languages")
    s.check(any(k["label"] == "driving a tractor" for k in prof["client-skills"]), "uncoded skill as written")
    s.check(prof["counsellor_id"] == C1.user["id"], "the reviewing counsellor is assigned")
    s.expect(C1.post(f"/api/v1/survey-responses/{rid}/accept", {"create_client": True, "accept": []}), 409,
             "accepted only once", "conflict")
    audit = sql(f"SELECT action, entity FROM audit_log WHERE client_id = {cid}")
    acts = {(a, e) for a, e in audit}
    s.check(("accept", "survey-responses") in acts and ("create", "clients") in acts, f"audited: {acts}")
    # accepting into an existing client goes through the entity rules: a bad value is refused, nothing written
    tok = invite()[0]["token"]
    r = submit(tok, "rev2-" + "y" * 20, {**GOOD, "work_history": [{"job_title": "Picker", "job_years": 6}]})
    rid2 = r.json["id"]
    sql(f"UPDATE survey_responses SET answers = REPLACE(answers, '\"job_years\":6', '\"job_years\":900') WHERE id = {rid2}")
    items = [i["key"] for i in C1.get(f"/api/v1/survey-responses/{rid2}").json["items"]]
    rows_before = int(sql(f"SELECT COUNT(*) FROM work_history WHERE client_id = {cid}")[0][0])
    r = C1.post(f"/api/v1/survey-responses/{rid2}/accept", {"client_id": cid, "accept": items})
    s.expect(r, 400, "a value the entity rules refuse", "invalid")
    s.check(r.json["error"].get("field", "").startswith("work_history:work_history[0]"), f"field names the item: {r.json}")
    s.check(int(sql(f"SELECT COUNT(*) FROM work_history WHERE client_id = {cid}")[0][0]) == rows_before,
            "nothing written on a refused accept")
    s.expect(C2.post(f"/api/v1/survey-responses/{rid2}/accept", {"client_id": cid, "accept": []}), 404,
             "other organisation", "not_found")


def test_accept_rederives_matches_competence(s):
    """Accepting survey answers into a profile re-derives "matches competence" of the client's outcomes in the same
    transaction, as the generic entity create does (issue 12.2): an employed outcome with no profile behind it is
    false, and becomes true once an accepted survey adds work history in the same ISCO group."""
    uri, code = sql("SELECT uri, code FROM tax_concepts WHERE uri LIKE '%/occupation/%' AND code LIKE '____.%' "
                    "ORDER BY uri LIMIT 1")[0]
    isco = code[:4]
    cid = C1.post("/api/v1/clients", {"first_name": "Aroon", "last_name": "Survey", "target_groups": ["immigrant"],
                                      "intake_on": "2026-01-10"}).json["id"]
    r = C1.post("/api/v1/outcomes", {"client_id": cid, "type": "employed", "isco_code": isco,
                                     "starts_on": "2026-03-01"})
    s.expect(r, 201, "an employed outcome")
    oid = r.json["id"]
    s.check(r.json.get("matches_competence") is False, f"no profile yet -> false: {r.json.get('matches_competence')}")
    tok = invite(client_id=cid)[0]["token"]
    r = submit(tok, "mc-" + "q" * 20, {**GOOD, "work_history": [{"job_title": "Same work", "job_occupation": uri,
                                                                  "job_years": 4}]})
    s.expect(r, 201, "answers with work history in the outcome's occupation")
    rid = r.json["id"]
    s.check(any(i["id"] == rid for i in C1.get("/api/v1/survey-responses?status=submitted").json["items"]),
            "the client's answers are in the review queue")
    log = A1.get(f"/api/v1/audit?client_id={cid}&limit=500").json.get("items", [])
    s.check(any(e["action"] == "list" and e["entity"] == "survey-responses" for e in log),
            "the queue that named the client is in the client's access log")
    keys = [i["key"] for i in C1.get(f"/api/v1/survey-responses/{rid}").json["items"]
            if i["key"].startswith("work_history:work_history[")]
    s.check(len(keys) == 1, f"one work history item: {keys}")
    s.expect(C1.post(f"/api/v1/survey-responses/{rid}/accept", {"client_id": cid, "accept": keys}), 200,
             "accept the work history")
    got = C1.get(f"/api/v1/outcomes/{oid}").json.get("matches_competence")
    s.check(got is True, f"accepting the work history re-derives matches_competence as true: {got}")


def test_review_pages_and_dismiss(s):
    """The /reviews pages call the same verbs as the JSON API (issue 12): a refused accept on the page writes
    nothing and keeps the response open; dismissing on the page or through the API happens once, audited, in the
    user's organisation only."""
    tok = invite()[0]["token"]
    rid = submit(tok, "pg-" + "p" * 20, {**GOOD, "work_history": [{"job_title": "Picker", "job_years": 6}]}).json["id"]
    sql(f"UPDATE survey_responses SET answers = REPLACE(answers, '\"job_years\":6', '\"job_years\":900') WHERE id = {rid}")
    page = C1.get(f"/reviews/{rid}")
    s.check(page.status == 200 and b'id="review-form"' in page.body, f"the review page opens: {page.status}")
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.body.decode()).group(1)
    keys = re.findall(r'name="accept" value="([^"]+)"', page.body.decode())
    s.check(any(k.startswith("work_history:") for k in keys), f"the page offers the items: {keys}")
    form = lambda d: urllib.parse.urlencode(d, doseq=True).encode()
    hdr = {"Content-Type": "application/x-www-form-urlencoded"}
    before = int(sql("SELECT COUNT(*) FROM clients")[0][0])
    r = C1.request("POST", f"/reviews/{rid}/accept", raw=form({"csrf": csrf, "client_id": "new", "accept": keys}),
                   headers=hdr)
    s.check(r.status == 400 and b"form-error" in r.body and b"has-error" in r.body,
            f"a refused accept shows the page again with the item marked: {r.status}")
    s.check(int(sql("SELECT COUNT(*) FROM clients")[0][0]) == before, "nothing written by the refused page accept")
    s.check(C1.get(f"/api/v1/survey-responses/{rid}").json["status"] == "submitted", "the response stays open")
    s.expect(C2.post(f"/api/v1/survey-responses/{rid}/dismiss"), 404, "another organisation cannot dismiss", "not_found")
    s.expect(M1.post(f"/api/v1/survey-responses/{rid}/dismiss"), 403, "a manager does not dismiss", "forbidden")
    r = C1.request("POST", f"/reviews/{rid}/dismiss", raw=form({"csrf": csrf}), headers=hdr)
    s.check(r.status == 200 and (b'id="review-queue"' in r.body or b'class="empty"' in r.body),
            f"the page dismisses and goes back to the queue: {r.status}")
    s.check(C1.get(f"/api/v1/survey-responses/{rid}").json["status"] == "dismissed", "dismissed")
    s.check(any(i["id"] == rid for i in C1.get("/api/v1/survey-responses?status=dismissed").json["items"]),
            "in the dismissed queue")
    r = C1.post(f"/api/v1/survey-responses/{rid}/dismiss")
    s.expect(r, 409, "dismissed only once", "conflict", "status")
    s.check(r.json["error"].get("key") == "reviewed", f"stable key: {r.json['error']}")
    s.expect(C1.post(f"/api/v1/survey-responses/{rid}/accept", {"create_client": True, "accept": []}), 409,
             "a dismissed response is not accepted", "conflict")
    r = C1.request("POST", f"/reviews/{rid}/dismiss", raw=form({"csrf": csrf}), headers=hdr)
    s.check(r.status == 409, f"the page refuses a second dismiss: {r.status}")
    acts = sql(f"SELECT COUNT(*) FROM audit_log WHERE action = 'dismiss' AND entity = 'survey-responses' "
               f"AND entity_id = {rid}")
    s.check(int(acts[0][0]) == 1, f"one dismiss audited: {acts}")
    r = C1.get("/api/v1/survey-responses?status=bogus")
    s.expect(r, 400, "an unknown queue", "invalid", "status")


def review_box(page, key):
    """The accept checkbox of one item on a review page, and the table row it stands in."""
    box = re.search(r'<input type="checkbox" name="accept" value="%s"[^>]*>' % re.escape(key), page)
    row = next((r.split("</tr>")[0] for r in page.split("<tr")[1:] if f'value="{key}"' in r), "")
    return (box.group(0) if box else None), row


def test_review_is_safe(s):
    """Issue 13.9: a box that would overwrite a value the client has is not ticked in advance, and the page shows the
    value now and the new one side by side; a field the client has empty stays ticked. A language is one row, and
    accepting a language the client has changes that row's level instead of adding a second. A number written in
    Thai or Arabic-Indic digits is read as the number."""
    cid = C1.post("/api/v1/clients", {"first_name": "Sompong", "last_name": "Wongsakul"}).json["id"]
    s.expect(C1.post("/api/v1/client-languages", {"client_id": cid, "language": "en", "level": "B2"}), 201,
             "the client already speaks English")
    s.expect(C1.post("/api/v1/client-languages", {"client_id": cid, "language": "th", "level": "native"}), 201,
             "and Thai as a native speaker")
    tok = invite(client_id=cid)[0]["token"]
    ans = {**GOOD, "work_history": [{"job_title": "Rice farmer", "job_country": "TH", "job_years": "\u0e51\u0e52"}]}
    r = submit(tok, "safe-" + "s" * 20, ans)
    s.expect(r, 201, "answers with Thai digits in a number are taken")
    rid = r.json["id"]
    page = C1.get(f"/reviews/{rid}").body.decode()
    box, row = review_box(page, "client.first_name")
    s.check(box is not None and "checked" not in box, f"an overwrite is not ticked in advance: {box}")
    s.check("Sompong" in row and "Somchai" in row, "the value now and the new one side by side")
    box, row = review_box(page, "client.mother_tongue")
    s.check(box is not None and "checked" in box, f"a value filling an empty field stays ticked: {box}")
    box, row = review_box(page, "client_languages:en")
    s.check(box is not None and "checked" not in box and "B2" in row and "A2" in row,
            f"a language the client has at another level: not ticked, both levels shown: {box}")
    box, row = review_box(page, "client_languages:th")
    s.check(box is not None and "checked" in box and '<span class="badge">' not in row,
            f"a language the client has at the same level: ticked, shown as in the profile, not as new: {row[-300:]}")
    langs = re.findall(r'name="accept" value="(client_languages:[^"]+)"', page)
    s.check(sorted(langs) == ["client_languages:en", "client_languages:th"], f"one row per language: {langs}")
    keys = [i["key"] for i in C1.get(f"/api/v1/survey-responses/{rid}").json["items"]]
    r = C1.post(f"/api/v1/survey-responses/{rid}/accept", {"client_id": cid, "accept": keys})
    s.expect(r, 200, "accept everything, the overwrites ticked by hand")
    prof = C1.get(f"/api/v1/clients/{cid}/profile").json
    en = [l for l in prof["client-languages"] if l["language"] == "en"]
    s.check(len(en) == 1 and en[0]["level"] == "A2", f"English is one row with the new level: {en}")
    th = [l for l in prof["client-languages"] if l["language"] == "th"]
    s.check(len(prof["client-languages"]) == 2 and len(th) == 1 and th[0]["version"] == 1,
            f"Thai stays one row, untouched: {prof['client-languages']}")
    s.check(any(w.get("years") == 12 for w in prof["work-history"]), f"Thai digits read as 12: {prof['work-history']}")


def test_accept_records_survey_consent(s):
    """Issue 13.6: the consent given in the survey is recorded on the client when the answers are accepted: a
    consent row with method survey on the day of the answer, written through the entity verb (audited); accepting
    another response of the same day adds no second row."""
    cid = C1.post("/api/v1/clients", {"first_name": "Anong", "last_name": "Consent"}).json["id"]
    rids = []
    for n in range(2):
        tok = invite(client_id=cid)[0]["token"]
        r = submit(tok, f"cons{n}-" + "c" * 20, GOOD)
        s.expect(r, 201, f"response {n + 1}")
        rids.append(r.json["id"])
    day = C1.get(f"/api/v1/survey-responses/{rids[0]}").json["submitted_at"][:10]
    r = C1.post(f"/api/v1/survey-responses/{rids[0]}/accept", {"client_id": cid, "accept": []})
    s.expect(r, 200, "accept with no profile item ticked")
    s.check(any(w["entity"] == "consents" for w in r.json["written"]), f"the consent is among the rows written: {r.json}")
    cons = C1.get(f"/api/v1/clients/{cid}/profile").json["consents"]
    s.check(len(cons) == 1 and cons[0]["method"] == "survey" and cons[0]["purpose"] == "data_processing"
            and cons[0]["given"] is True and cons[0]["given_on"] == day, f"one survey consent row: {cons}")
    s.expect(C1.post(f"/api/v1/survey-responses/{rids[0]}/accept", {"client_id": cid, "accept": []}), 409,
             "the same response is accepted once", "conflict")
    s.expect(C1.post(f"/api/v1/survey-responses/{rids[1]}/accept", {"client_id": cid, "accept": []}), 200,
             "a second response of the same day")
    cons = C1.get(f"/api/v1/clients/{cid}/profile").json["consents"]
    s.check(len(cons) == 1, f"still one consent row: {cons}")
    n = sql(f"SELECT COUNT(*) FROM audit_log WHERE entity = 'consents' AND action = 'create' AND client_id = {cid}")
    s.check(int(n[0][0]) == 1, f"the consent row's create is audited once: {n}")


def test_competence_recognition_and_years(s):
    """Issue 14.5: the competence survey's recognition answers (applied, not_applied, dont_know) are accepted into
    educations.recognition; issue 13.9: years print without a group separator and Arabic-Indic digits are read."""
    sid = next(i["id"] for i in C1.get("/api/v1/surveys").json["items"] if i["slug"] == "competence-intake")
    ans = {"_consent": True, "first_name": "Rana", "last_name": "Haddad", "email": "rana@example.org",
           "mother_tongue": "ar", "birth_year": "\u0661\u0669\u0668\u0668", "isced_level": "6",
           "degree_title": "Pharmacy", "education_country": "SY", "completed_year": 2019, "availability": "now"}
    for n, (given, want) in enumerate([("applied", "in_progress"), ("not_applied", "not_started"),
                                       ("dont_know", None)]):
        r = C1.post("/api/v1/survey-invitations", {"survey_id": sid})
        tok = r.json["items"][0]["token"]
        r = submit(tok, f"rec{n}-" + "r" * 20, {**ans, "recognition": given}, lang="ar")
        s.expect(r, 201, f"recognition {given} submitted")
        rid = r.json["id"]
        if n == 0:
            page = C1.get(f"/reviews/{rid}").body.decode()
            s.check("2019" in page and not re.search("2[\u00a0\u202f ]019", page),
                    "the completion year reads 2019, not 2 019")
        keys = [i["key"] for i in C1.get(f"/api/v1/survey-responses/{rid}").json["items"]]
        r = C1.post(f"/api/v1/survey-responses/{rid}/accept", {"create_client": True, "confirm_new": True, "accept": keys})
        s.expect(r, 200, f"accepting recognition {given}")
        if r.status != 200:
            continue
        prof = C1.get(f"/api/v1/clients/{r.json['client_id']}/profile").json
        edu = prof["educations"]
        s.check(len(edu) == 1 and edu[0].get("recognition") == want, f"{given} -> {want}: {edu}")
        s.check(prof.get("birth_year") == 1988, f"Arabic-Indic digits read as 1988: {prof.get('birth_year')}")


def test_consent_text_tells_the_truth(s):
    """Issue 14.7: the consent text does not promise that nothing is saved before a review (the answers are stored
    when sent) and says so in every language; the spouse's language help speaks of the spouse; the Thai title names
    a competence centre; Swedish says tillsvidare and Finnish vakituinen for a permanent job."""
    defs = {}
    for it in C1.get("/api/v1/surveys").json["items"]:
        if it["slug"] in ("seasonal-worker", "competence-intake") and it["slug"] not in defs:
            defs[it["slug"]] = C1.get(f"/api/v1/surveys/{it['id']}/definition").json
    s.check(set(defs) == {"seasonal-worker", "competence-intake"}, f"both default surveys: {set(defs)}")
    s.check(all(set(d["languages"]) >= {"vi", "tl"} for d in defs.values()), "both surveys in Vietnamese and Tagalog")
    untrue = ["ennen kuin mitään tallennetaan", "innan något sparas", "before anything is saved",
              "прежде чем что-либо будет сохранено", "ก่อนบันทึกข้อมูลใด ๆ ลงใน", "เจ้าหน้าที่จะทบทวนคำตอบก่อนบันทึกข้อมูล",
              "قبل حفظ أي شيء", "перш ніж щось буде збережено", "ka hor inta aan wax lagu kaydin",
              "ka hor inta aan wax la kaydin"]
    stored = {"fi": "tallennetaan, kun lähetät", "sv": "sparas när du skickar", "en": "saved when you send",
              "ru": "сохраняются, когда вы их отправляете", "th": "จะถูกบันทึกเมื่อคุณส่ง", "ar": "تُحفظ إجاباتك عند إرسالها",
              "uk": "зберігаються, коли ви їх надсилаєте", "so": "waa la kaydiyaa marka aad dirto",
              "vi": "được lưu khi bạn gửi đi", "tl": "Nase-save ang iyong mga sagot kapag ipinadala mo"}
    for slug, d in defs.items():
        for lang, text in d["consent"].items():
            bad = [u for u in untrue if u in text]
            s.check(not bad, f"{slug} {lang}: the consent does not promise nothing is saved before review: {bad}")
            s.check(stored[lang] in text, f"{slug} {lang}: the consent says the answers are stored when sent")
            s.check("{organisation}" in text, f"{slug} {lang}: the consent names the data controller")
    q = {x["id"]: x for g in defs["seasonal-worker"]["groups"] for x in g["questions"]}
    s.check("spouse" in q["spouse_languages"]["help"]["en"] and "puolisosi" in q["spouse_languages"]["help"]["fi"],
            f"the spouse's language help speaks of the spouse: {q['spouse_languages']['help']['en']}")
    s.check("tillsvidare" in q["long_term_interest"]["text"]["sv"] and
            "vakituis" in q["long_term_interest"]["text"]["fi"], "a permanent job: tillsvidare, vakituinen")
    s.check("ศูนย์สมรรถนะ" in defs["competence-intake"]["title"]["th"], "the Thai title names a competence centre")


def test_invitation_sets_programme_target_group_intake(s):
    """Issue 14.5: a link made for a programme names the programme, target groups and intake date; accepting its
    answers sets them on a new client, and on an existing client fills what it lacks without overwriting, through
    the entity verbs (the client's own validation applies to the link's values first)."""
    r = A1.post("/api/v1/programmes", {"name": "Osaamiskeskus Pohjanmaa", "target_groups": ["immigrant"]})
    s.expect(r, 201, "a programme")
    pid = r.json["id"]
    s.expect(C1.post("/api/v1/survey-invitations", {"survey_id": seasonal_id(), "target_groups": ["astronaut"]}), 400,
             "an unknown target group on a link", "invalid", "target_groups")
    s.expect(C1.post("/api/v1/survey-invitations", {"survey_id": seasonal_id(), "intake_on": "2026-02-30"}), 400,
             "a date that does not exist", "invalid", "intake_on")
    s.expect(C2.post("/api/v1/survey-invitations", {"survey_id": seasonal_id(), "programme_id": pid}), 400,
             "another organisation's programme", "invalid", "programme_id")
    tok = invite(programme_id=pid, target_groups=["immigrant", "highly_educated_immigrant"],
                 intake_on="2026-03-02")[0]["token"]
    rid = submit(tok, "prog-" + "p" * 20, GOOD).json["id"]
    keys = [i["key"] for i in C1.get(f"/api/v1/survey-responses/{rid}").json["items"]]
    r = C1.post(f"/api/v1/survey-responses/{rid}/accept", {"create_client": True, "confirm_new": True, "accept": keys})
    s.expect(r, 200, "accept into a new client")
    c = C1.get(f"/api/v1/clients/{r.json['client_id']}").json
    s.check(c.get("programme_id") == pid and sorted(c.get("target_groups") or []) ==
            ["highly_educated_immigrant", "immigrant"] and c.get("intake_on") == "2026-03-02",
            f"the new client has the link's programme, target groups and intake date: {c}")
    # the links page offers the same: a programme, target groups and an intake date
    page = C1.get("/surveys/invitations").body.decode()
    s.check('name="programme_id"' in page and 'name="target_groups"' in page and 'name="intake_on"' in page,
            "the links page asks for the programme, target groups and intake date")
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf": csrf, "survey_id": seasonal_id(), "kind": "single", "count": "1",
                                   "expires_in_days": "14", "programme_id": str(pid), "target_groups": ["immigrant"],
                                   "intake_on": "2026-04-01"}, doseq=True).encode()
    r = C1.request("POST", "/surveys/invitations", raw=form,
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    s.check(r.status == 201, f"the page makes the link ({r.status})")
    row = sql("SELECT programme_id, target_groups, intake_on FROM survey_invitations ORDER BY id DESC LIMIT 1")[0]
    s.check(int(row[0]) == pid and json.loads(row[1]) == ["immigrant"] and row[2] == "2026-04-01",
            f"the link keeps what the page gave: {row}")
    # an existing client keeps what it has, and gains what it lacks
    cid = C1.post("/api/v1/clients", {"first_name": "Old", "last_name": "Intake", "intake_on": "2025-11-01",
                                      "target_groups": ["partial_work_ability"]}).json["id"]
    tok = invite(client_id=cid, programme_id=pid, target_groups=["immigrant"], intake_on="2026-03-02")[0]["token"]
    rid = submit(tok, "prog2-" + "p" * 20, GOOD).json["id"]
    s.expect(C1.post(f"/api/v1/survey-responses/{rid}/accept", {"client_id": cid, "accept": []}), 200,
             "accept into the existing client")
    c = C1.get(f"/api/v1/clients/{cid}").json
    s.check(c.get("programme_id") == pid and c.get("intake_on") == "2025-11-01" and
            sorted(c.get("target_groups") or []) == ["immigrant", "partial_work_ability"],
            f"the programme set, the intake date kept, the target group added: {c}")


def test_review_fills_region_and_controller(s):
    """Issue 14 items 4, 7: the public form's consent names the organisation that made the link as the data
    controller, and the counsellor's review shows the question about staying in the region with the region of the
    link's programme; an answer set from abroad (in_finland no) keeps no current-work answers."""
    r = A1.post("/api/v1/programmes", {"name": "Kausityöstä kotiin", "region": "Kainuu"})
    s.expect(r, 201, "a programme with a region")
    tok = invite(programme_id=r.json["id"])[0]["token"]
    page = Client(srv).get(f"/s/{tok}?lang=en").body.decode()
    s.check("The controller of your personal data is \u2068Seinäjoki\u2069." in page,
            "the consent names the organisation that made the link")
    pub = Client(srv).get(f"/api/v1/public/surveys/{tok}").json
    s.check(pub.get("fill") == {"region": "Kainuu", "organisation": "Seinäjoki"},
            f"the JSON twin gives the placeholders' values: {pub.get('fill')}")
    r = submit(tok, "region-" + "r" * 20, {**GOOD, "in_finland": "no", "long_term_region": "yes"}, lang="vi")
    s.expect(r, 201, "answers from abroad")
    rid = r.json["id"]
    ans = C1.get(f"/api/v1/survey-responses/{rid}").json.get("answers", {})
    s.check(ans.get("in_finland") == "no" and "sector" not in ans and "current_job" not in ans,
            f"from abroad: no current-work answers kept: {sorted(ans)}")
    page = C1.get(f"/reviews/{rid}").body.decode()
    s.check("Kiinnostaako \u2068Kainuu\u2069 sinua pidempiaikaisena asuin- ja työpaikkana?" in page and
            "{region}" not in page, "the review shows the question with the programme's region")



def test_accept_creates_spouse_and_family(s):
    """Issue 14.5: accepting a seasonal worker's answers sets up the family: the spouse's answers are items of their
    own (marked as the spouse's) and become the spouse's own client record, in a family the worker joins (made when
    the worker has none), with the link's programme and intake date and the target group "spouse"; the spouse's work
    history and languages go under the spouse, not the worker; the worker's consent is recorded on the worker only;
    a second accept updates the family's spouse instead of making another."""
    r = A1.post("/api/v1/programmes", {"name": "Kausityö Kainuu", "target_groups": ["seasonal_worker"]})
    pid = r.json["id"]
    ans = {**GOOD, "has_spouse": "yes", "spouse_location": "in_finland", "spouse_first_name": "Lan",
           "spouse_profession": "Nail technician", "spouse_isced_level": "3",
           "spouse_languages": {"vi": "native", "en": "A2"}, "spouse_work_interest": "yes_now"}
    tok = invite(programme_id=pid, target_groups=["seasonal_worker"], intake_on="2026-05-04")[0]["token"]
    r = submit(tok, "spouse-" + "s" * 20, ans)
    if not s.expect(r, 201, "a worker's answers with a spouse"):
        return
    rid = r.json["id"]
    items = C1.get(f"/api/v1/survey-responses/{rid}").json["items"]
    sp = {i["key"]: i for i in items if i.get("person") == "spouse"}
    s.check(set(sp) >= {"spouse:client.first_name", "spouse:work_history:spouse", "spouse:client_languages:vi"},
            f"the spouse's answers are items of their own: {sorted(sp)}")
    s.check(all(i.get("person") == "respondent" for i in items if not i["key"].startswith("spouse:")),
            "the worker's items are the respondent's")
    page = C1.get(f"/reviews/{rid}").body.decode()
    s.check('value="spouse:client.first_name"' in page and "Puolisolle" in page, "the review page lists them for the spouse")
    keys = [i["key"] for i in items]
    r = C1.post(f"/api/v1/survey-responses/{rid}/accept", {"create_client": True, "confirm_new": True, "accept": keys})
    if not s.expect(r, 200, "accept everything into a new client"):
        return
    wid = r.json["client_id"]
    written = {w["key"]: w for w in r.json["written"]}
    s.check("family" in written and "spouse" in written, f"a family and a spouse were written: {sorted(written)}")
    w = C1.get(f"/api/v1/clients/{wid}").json
    sid = written["spouse"]["id"]
    sc = C1.get(f"/api/v1/clients/{sid}").json
    s.check(w.get("family_id") and w.get("family_role") == "worker", f"the worker joins the family: {w}")
    s.check(sc.get("family_id") == w.get("family_id") and sc.get("family_role") == "spouse" and
            sc.get("first_name") == "Lan" and sc.get("last_name") == "Wongsakul",
            f"the spouse is a client of the same family, named: {sc}")
    s.check(sc.get("programme_id") == pid and sc.get("intake_on") == "2026-05-04" and
            sc.get("target_groups") == ["spouse"] and sc.get("status") == "intake",
            f"with the link's programme and intake date, as a spouse: {sc}")
    fam = C1.get(f"/api/v1/families/{w['family_id']}").json
    s.check(fam.get("name") == "Wongsakul", f"the family is named by the worker's last name: {fam}")
    steps = C1.get(f"/api/v1/settling-steps?family_id={w['family_id']}").json["items"]
    kinds = sorted(x["kind"] for x in steps)
    s.check(kinds == sorted(["housing", "population_register", "bank_account", "tax_card", "health_care",
                             "finnish_course", "spouse_job_search"]) and all(x["state"] == "todo" for x in steps),
            f"the new family starts with its settling-in plan (no children: no day care step): {kinds}")
    s.check([x.get("client_id") for x in steps if x["kind"] == "spouse_job_search"] == [sid],
            "the job search is the spouse's")
    tl = C1.get(f"/api/v1/families/{w['family_id']}/timeline").json["items"]
    s.check(len(tl) == len(steps), f"each step starts its timeline: {len(tl)} rows")
    sp_prof = C1.get(f"/api/v1/clients/{sid}/profile").json
    w_prof = C1.get(f"/api/v1/clients/{wid}/profile").json
    s.check([x["title"] for x in sp_prof["work-history"]] == ["Nail technician"], "the spouse's work history is hers")
    s.check(sorted(x["language"] for x in sp_prof["client-languages"]) == ["en", "vi"], "and her languages")
    s.check("Nail technician" not in json.dumps(w_prof) and
            all(x["language"] != "vi" for x in w_prof["client-languages"]), "none of it lands on the worker")
    s.check(len(w_prof["consents"]) == 1 and sp_prof["consents"] == [],
            "the worker's consent on the worker; the spouse gives her own")
    # a second response of the same worker: the family's spouse is updated, not made twice
    tok = invite(client_id=wid)[0]["token"]
    rid2 = submit(tok, "spouse2-" + "s" * 20, {**ans, "spouse_profession": "Cook"}).json["id"]
    keys2 = [i["key"] for i in C1.get(f"/api/v1/survey-responses/{rid2}").json["items"] if i["key"].startswith("spouse:")]
    r = C1.post(f"/api/v1/survey-responses/{rid2}/accept", {"client_id": wid, "accept": keys2})
    s.expect(r, 200, "accept the spouse's items of a second response")
    n = sql(f"SELECT COUNT(*) FROM clients WHERE family_id = {w['family_id']} AND family_role = 'spouse'")
    s.check(int(n[0][0]) == 1, f"still one spouse in the family: {n}")
    titles = sorted(x["title"] for x in C1.get(f"/api/v1/clients/{sid}/profile").json["work-history"])
    s.check(titles == ["Cook", "Nail technician"], f"the new work history under the same spouse: {titles}")
    n = C1.get(f"/api/v1/settling-steps?family_id={w['family_id']}").json["items"]
    s.check(len(n) == len(steps), "an existing family's plan is left as it is")
    # the spouse's items without her first name cannot make her record: refused, nothing written
    tok = invite()[0]["token"]
    rid3 = submit(tok, "spouse3-" + "s" * 20, {**ans, "last_name": "Uusi"}).json["id"]
    keys3 = [i["key"] for i in C1.get(f"/api/v1/survey-responses/{rid3}").json["items"]
             if i["key"] != "spouse:client.first_name"]
    before = int(sql("SELECT COUNT(*) FROM clients")[0][0])
    s.expect(C1.post(f"/api/v1/survey-responses/{rid3}/accept", {"create_client": True, "confirm_new": True,
                                                                 "accept": keys3}), 400,
             "a spouse without a first name", "invalid", "spouse:client.first_name")
    s.check(int(sql("SELECT COUNT(*) FROM clients")[0][0]) == before, "nothing written by the refused accept")
    # children in the answers: the plan has the day care or school step
    rid4 = submit(invite()[0]["token"], "spouse4-" + "s" * 20, {**ans, "last_name": "Lapsellinen",
                                                                "children": "yes"}).json["id"]
    keys4 = [i["key"] for i in C1.get(f"/api/v1/survey-responses/{rid4}").json["items"]]
    r = C1.post(f"/api/v1/survey-responses/{rid4}/accept", {"create_client": True, "confirm_new": True, "accept": keys4})
    fam4 = C1.get(f"/api/v1/clients/{r.json['client_id']}").json["family_id"]
    kinds = [x["kind"] for x in C1.get(f"/api/v1/settling-steps?family_id={fam4}").json["items"]]
    s.check("daycare_school" in kinds, f"children: a day care or school step: {kinds}")


def test_accept_warns_of_a_likely_duplicate(s):
    """Issue 15 item 5: accepting answers into a new client runs the likely-duplicate rule of every new client. A
    person who already has a record (the same phone here) is told with the records it may be, nothing is written and
    the response stays open; "a different person" (confirm_new) creates it; the review page shows the same warning
    with the checkbox."""
    me = C1.get("/api/v1/session").json["user"]["id"]
    old = C1.post("/api/v1/clients", {"first_name": "Niran", "last_name": "Saetang", "phone": "+66 89 111 2233",
                                      "counsellor_id": me, "confirm_new": True})
    s.expect(old, 201, "the person's existing record")
    tok = invite()[0]["token"]
    rid = submit(tok, "dup-" + "d" * 20, {**GOOD, "first_name": "Niran", "last_name": "Saetang",
                                          "phone": "+66 89 111 2233"}).json["id"]
    keys = [i["key"] for i in C1.get(f"/api/v1/survey-responses/{rid}").json["items"]]
    before = int(sql("SELECT COUNT(*) FROM clients")[0][0])
    r = C1.post(f"/api/v1/survey-responses/{rid}/accept", {"create_client": True, "accept": keys})
    s.expect(r, 409, "a likely duplicate is told", "conflict")
    err = r.json.get("error", {})
    s.check(err.get("key") == "likely_duplicate" and [m["id"] for m in err.get("matches", [])] == [old.json["id"]]
            and err["matches"][0]["reasons"] == ["phone"], f"with the record it may be and why: {err}")
    s.check(int(sql("SELECT COUNT(*) FROM clients")[0][0]) == before, "nothing written")
    s.check(C1.get(f"/api/v1/survey-responses/{rid}").json["status"] == "submitted", "the response stays open")
    s.expect(C1.post(f"/api/v1/survey-responses/{rid}/accept", {"create_client": True, "accept": keys,
                                                                "confirm_new": "yes"}),
             400, "confirm_new is true or false", "invalid", "confirm_new")
    # the page: the warning with the record and the checkbox; ticked, the accept goes through
    page = C1.get(f"/reviews/{rid}").body.decode()
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    form = lambda d: urllib.parse.urlencode(d, doseq=True).encode()
    hdr = {"Content-Type": "application/x-www-form-urlencoded"}
    r = C1.request("POST", f"/reviews/{rid}/accept", raw=form({"csrf": csrf, "client_id": "new", "accept": keys}),
                   headers=hdr)
    body = r.body.decode()
    s.check(r.status == 400 and 'id="dup-warning"' in body and f'data-dup="{old.json["id"]}"' in body and
            'name="confirm_new"' in body, f"the page warns, names the record and offers the checkbox: {r.status}")
    s.check(int(sql("SELECT COUNT(*) FROM clients")[0][0]) == before, "nothing written by the page either")
    shown = int(sql(f"SELECT COUNT(*) FROM audit_log WHERE entity = 'clients' AND entity_id = {old.json['id']} "
                    f"AND detail = 'likely_duplicate'")[0][0])
    s.check(shown >= 2, f"each showing of the record is audited ({shown})")
    r = C1.request("POST", f"/reviews/{rid}/accept", raw=form({"csrf": csrf, "client_id": "new", "accept": keys,
                                                               "confirm_new": "1"}), headers=hdr)
    s.check(r.status in (200, 303) and int(sql("SELECT COUNT(*) FROM clients")[0][0]) == before + 1,
            f"a different person: created ({r.status})")
    s.check(C1.get(f"/api/v1/survey-responses/{rid}").json["status"] == "accepted", "the response is accepted")


def hours_survey(s, slug, qid, maps_to):
    """A copy of the competence-intake survey, imported by the admin as slug, whose first group asks first_name and
    qid, a number of hours mapped to maps_to (a field the field rule hides); its id."""
    ci = next(i["id"] for i in C1.get("/api/v1/surveys").json["items"] if i["slug"] == "competence-intake")
    d = C1.get(f"/api/v1/surveys/{ci}/definition").json
    g = d["groups"][0]
    first = next(q for q in g["questions"] if q["id"] == "first_name")
    hours = {"id": qid, "type": "number", "text": {l: "Max hours" for l in d["languages"]}, "min": 0, "max": 60,
             "maps_to": maps_to}
    d.update(slug=slug, groups=[{**g, "questions": [first, hours]}])
    s.expect(A1.post("/api/v1/surveys", raw=json.dumps(d, ensure_ascii=False).encode()), 201,
             f"admin imports a copy with a question mapped to {maps_to}")
    return next(i["id"] for i in C1.get("/api/v1/surveys").json["items"] if i["slug"] == slug)


def link_and_answer(s, sid, cid, key, answers, what):
    """A link of survey sid for client cid, answered in Finnish with submission key key; the response's id."""
    r = C1.post("/api/v1/survey-invitations", {"survey_id": sid, "client_id": cid})
    s.expect(r, 201, f"a link for the client ({what})")
    r = submit(r.json["items"][0]["token"], key, {"_consent": True, **answers}, lang="fi")
    s.expect(r, 201, what)
    return r.json["id"]


def test_work_capacity_answer_reaches_the_assigned_counsellor_only(s):
    """An answer mapped to a field the field rule hides (client.work_hours_max: work capacity) is read only by those
    who may read the field: the client's assigned counsellor sees the answer and its item; another counsellor of the
    same organisation sees neither in the response JSON, the review page or the client's export (JSON and HTML), and
    may not accept it into the record."""
    osaaja(BIN, "user", "add", "--db", DB, "--email", "c3@t.fi", "--name", "c3", "--role", "counsellor", "--org", O1,
           "--password", PW)
    C3 = as_("c3@t.fi")
    sid = hours_survey(s, "competence-hours", "max_hours", "client.work_hours_max")
    cid = C1.post("/api/v1/clients", {"first_name": "Tuntimaara", "last_name": "Kysely", "target_groups": ["immigrant"],
                                      "intake_on": "2026-01-10"}).json["id"]
    rid = link_and_answer(s, sid, cid, "hours-" + "h" * 20, {"first_name": "Tuntimaara", "max_hours": 17.5},
                          "the client answers 17.5 hours")
    key = "client.work_hours_max"
    # the assigned counsellor reads it
    got = C1.get(f"/api/v1/survey-responses/{rid}").json
    s.check(got["answers"].get("max_hours") == 17.5, f"assigned counsellor reads the answer: {got['answers']}")
    s.check(any(i["key"] == key and i["fields"].get("work_hours_max") == 17.5 for i in got["items"]),
            f"assigned counsellor gets the item: {got['items']}")
    s.check(review_box(C1.get(f"/reviews/{rid}").body.decode(), key)[0] is not None, "and its box on the review page")
    x = C1.get(f"/api/v1/clients/{cid}/export").json
    s.check(any(a["answers"].get("max_hours") == 17.5 for a in x["survey-responses"]), "and the answer in the export")
    # another counsellor of the organisation does not
    got = C3.get(f"/api/v1/survey-responses/{rid}")
    s.expect(got, 200, "another counsellor reviews the response")
    s.check("max_hours" not in got.json["answers"], f"without the work-capacity answer: {got.json['answers']}")
    s.check(not any(i["key"] == key or "work_hours_max" in i["fields"] for i in got.json["items"]),
            f"without its item: {got.json['items']}")
    s.check(b"17.5" not in got.body and b"work_hours_max" not in got.body, "the value nowhere in the JSON")
    page = C3.get(f"/reviews/{rid}")
    s.check(page.status == 200 and b"17.5" not in page.body and b"17,5" not in page.body and
            review_box(page.body.decode(), key)[0] is None, f"nor on the review page ({page.status})")
    for url in (f"/api/v1/clients/{cid}/export", f"/clients/{cid}/export.html"):
        r = C3.get(url)
        s.check(r.status == 200 and b"17.5" not in r.body and b"17,5" not in r.body and b"max_hours" not in r.body,
                f"nor in the client's export {url} ({r.status})")
    s.check("work_hours_max" not in C3.get(f"/api/v1/clients/{cid}/export").json["client"],
            "the export's client section hides the field too")
    # accepting it into the record stays the assigned counsellor's
    r = C3.post(f"/api/v1/survey-responses/{rid}/accept", {"client_id": cid, "accept": [key]})
    s.check(r.status in (400, 403), f"another counsellor may not accept it ({r.status})")
    s.check(int(sql(f"SELECT COUNT(work_hours_max) FROM clients WHERE id = {cid}")[0][0]) == 0, "nothing written")
    s.expect(C1.post(f"/api/v1/survey-responses/{rid}/accept", {"client_id": cid, "accept": [key]}), 200,
             "the assigned counsellor accepts it")
    s.check(float(sql(f"SELECT work_hours_max FROM clients WHERE id = {cid}")[0][0]) == 17.5, "written by them")
    # a response whose survey is unknown (no survey_id, written directly): which field an answer fills is unknown,
    # so its answers reach the assigned counsellor only
    inv = sql(f"SELECT invitation_id FROM survey_responses WHERE id = {rid}")[0][0]
    sql("INSERT INTO survey_responses (organisation_id, invitation_id, submission_key, lang, answers, status, client_id, "
        f"created_at, updated_at) VALUES ({O1}, {inv}, 'unknown-survey-{cid}', 'fi', '{{\"hours\": 17.5}}', 'submitted', "
        f"{cid}, '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z')")
    mine = C1.get(f"/api/v1/clients/{cid}/export").json["survey-responses"]
    theirs = C3.get(f"/api/v1/clients/{cid}/export").json["survey-responses"]
    s.check(any(a["answers"] == {"hours": 17.5} for a in mine), f"unknown survey: the assigned counsellor reads it {mine}")
    s.check(len(theirs) == 2 and all(a["answers"].get("hours") is None for a in theirs) and
            all("survey_id" not in a for a in mine + theirs), f"unknown survey: nobody else does {theirs}")

def test_spouse_answer_read_as_the_spouse_record(s):
    """An answer about the respondent's spouse, mapped to a field the field rule hides (spouse.client.work_hours_max),
    is read as the spouse's own record is: by the spouse's assigned counsellor, not by the respondent's (the two
    counsellors differ here); before, the respondent's counsellor decided for both."""
    C3 = as_("c3@t.fi")  # made by the test before
    sid = hours_survey(s, "competence-spouse-hours", "spouse_hours", "spouse.client.work_hours_max")
    fam = C1.post("/api/v1/families", {"name": "Perhe Puoliso"}).json["id"]
    worker = C1.post("/api/v1/clients", {"first_name": "Tyontekija", "last_name": "Puoliso", "family_id": fam,
                                         "family_role": "worker"}).json["id"]
    r = C3.post("/api/v1/clients", {"first_name": "Puoliso", "last_name": "Puoliso", "family_id": fam,
                                    "family_role": "spouse"})
    s.expect(r, 201, "the spouse is another counsellor's client in the same family")
    rid = link_and_answer(s, sid, worker, "spouse-hours-" + "s" * 12, {"first_name": "Tyontekija", "spouse_hours": 22},
                          "the worker answers for the spouse: 22 hours")
    mine = C1.get(f"/api/v1/survey-responses/{rid}")
    s.check(mine.status == 200 and "spouse_hours" not in mine.json["answers"] and b"work_hours_max" not in mine.body,
            f"the worker's counsellor does not read the spouse's work capacity: {mine.json.get('answers')}")
    theirs = C3.get(f"/api/v1/survey-responses/{rid}")
    s.check(theirs.status == 200 and theirs.json["answers"].get("spouse_hours") == 22,
            f"the spouse's counsellor does: {theirs.json.get('answers')}")


ok = S.run([test_accept_warns_of_a_likely_duplicate, test_defaults_registered, test_import_and_errors, test_invitation_token_once,
            test_double_submit_and_single_use, test_expiry, test_group_link, test_public_form_and_review,
            test_review_accept_and_scope, test_accept_rederives_matches_competence, test_review_pages_and_dismiss,
            test_review_is_safe, test_accept_records_survey_consent, test_competence_recognition_and_years,
            test_consent_text_tells_the_truth, test_invitation_sets_programme_target_group_intake,
            test_review_fills_region_and_controller, test_accept_creates_spouse_and_family,
            test_work_capacity_answer_reaches_the_assigned_counsellor_only,
            test_spouse_answer_read_as_the_spouse_record])
rc = srv.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
log = srv.log_text()
S.check("runtime error" not in log and "AddressSanitizer" not in log, "no sanitizer reports in the server log")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
