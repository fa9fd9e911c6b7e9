#!/usr/bin/python3
"""The headline rates over their three bases (issue 16 item 1), on a fixture derived by hand below: employed and
employed in own field as a share of clients served, of clients who left the service in the period, and of the
employed; the day a client leaves (left_on, set when the status leaves the open ones, cleared on reopening); the
same figures in the API, the CLI's JSON and text ("three bases side by side") and the dashboard's table.
Usage: test_report_bases.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import datetime
import json
import re
import sys
import urllib.parse

from harness import Client, Org, Suite, created, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PERIOD = "from=2026-01-01&to=2026-06-30"

W = Org(BIN, DB, "Osaamiskeskus", ("counsellor", "manager", "coordinator"), "b", "Perusjoukko-salasana-2026")
ORG, srv, as_ = W.id, W.server, W.as_
S = Suite("report bases" + (" (postgres)" if IS_PG else " (sqlite)"))


def client(c, name, intake, status="active"):
    return created(c.post("/api/v1/clients", {"first_name": name, "last_name": "Perusjoukko", "intake_on": intake,
                                              "status": status}), name)


def job(c, cid, starts, own=None):
    body = {"client_id": cid, "type": "employed", "isco_code": "2512", "starts_on": starts}
    if own is not None:
        body.update(override_matches=own, override_reason="käsin johdettu testiaineisto")
    created(c.post("/api/v1/outcomes", body), "outcome")


def leave(c, cl, status, left_on):
    r = c.patch(f"/api/v1/clients/{cl['id']}", {"status": status, "left_on": left_on})
    assert r.status == 200, r.body[:300]


# A: intake 01-10, job 02-01 (own field), left employed 03-01.   B: intake 01-05, job 03-10 (not own), left 04-01.
# C: intake 2025-11-01, a meeting 02-10, closed 02-15 without a job.   D: intake 02-01, still in service.
# E: left 2025-12-20 after a job in 2025: outside the period everywhere.   F: intake 01-20, job 05-01 (own), in service.
# G: job 02-20, intake 03-01 (after it), closed 06-30 (the period's last day): left, employed in the period, but not
#    employed during the service.
# served = A B C D F G = 6; employed (a job starting in the period) = A B F G = 4; own field = A F = 2
# left in the period = A B C G = 4; left employed = A B = 2; left in own field = A = 1
EXPECTED = {"clients_served": 6, "employed": 4, "employed_own_field": 2, "left_service": 4, "left_employed": 2,
            "left_employed_own_field": 1, "employed_pct_served": 66.7, "employed_own_field_pct_served": 33.3,
            "employed_pct_left": 50.0, "employed_own_field_pct_left": 25.0, "employed_own_field_pct": 50.0}


def test_fixture(s):
    c = as_("counsellor")
    a = client(c, "Aino", "2026-01-10")
    job(c, a["id"], "2026-02-01", True)
    leave(c, a, "employed", "2026-03-01")
    b = client(c, "Bea", "2026-01-05")
    job(c, b["id"], "2026-03-10", False)
    leave(c, b, "employed", "2026-04-01")
    cc = client(c, "Cem", "2025-11-01")
    s.expect(c.post("/api/v1/service-events", {"client_id": cc["id"], "type": "meeting", "happened_on": "2026-02-10"}),
             201, "C's meeting")
    leave(c, cc, "closed", "2026-02-15")
    client(c, "Dana", "2026-02-01")
    e = client(c, "Eero", "2025-06-01")
    job(c, e["id"], "2025-12-01", True)
    leave(c, e, "closed", "2025-12-20")
    f = client(c, "Fatima", "2026-01-20")
    job(c, f["id"], "2026-05-01", True)
    g = client(c, "Gao", "2026-03-01")
    job(c, g["id"], "2026-02-20", False)
    leave(c, g, "closed", "2026-06-30")


def test_left_on_follows_the_status(s):
    c = as_("counsellor")
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    h = client(c, "Hilla", "2025-01-01", "closed")
    s.check(h.get("left_on") == today, f"a client created closed left today: {h.get('left_on')}")
    r = c.patch(f"/api/v1/clients/{h['id']}", {"status": "active"})
    s.check(r.status == 200 and r.json.get("left_on") is None, f"reopening clears the day: {r.json.get('left_on')}")
    r = c.patch(f"/api/v1/clients/{h['id']}", {"status": "education"})
    s.check(r.status == 200 and r.json.get("left_on") == today, "starting education ends the service today")
    r = c.patch(f"/api/v1/clients/{h['id']}", {"status": "closed"})
    s.check(r.status == 200 and r.json.get("left_on") == today, "closing after it keeps the day")
    r = c.patch(f"/api/v1/clients/{h['id']}", {"left_on": "2026-11-30"})
    s.check(r.status == 200 and r.json.get("left_on") == "2026-11-30", "the counsellor may correct the day")
    r = c.patch(f"/api/v1/clients/{h['id']}", {"left_on": "30.11.2026"})
    s.check(r.status == 400 and r.json["error"]["field"] == "left_on", f"a bad date is refused: {r.status}")


def outcome_of(c, cid):
    return c.get(f"/api/v1/outcomes?client_id={cid}").json["items"]


def test_followups(s):
    """A's job 02-01: 3-month check due 05-01 (from 04-17), recorded 05-03, still employed; a 6-month check on 03-01
    is refused. B's job 03-10: 3 months recorded 06-12, not employed. E's job 2025-12-01: 6 months recorded 06-01,
    employed. -> followups_3 2 (1 employed, 50.0 %), followups_6 1 (1, 100.0 %), followups_12 0 (no rate)."""
    c = as_("counsellor")
    people = {x["first_name"]: x for x in c.get("/api/v1/clients?limit=100").json["items"]}
    ja = outcome_of(c, people["Aino"]["id"])[0]["id"]
    jb = outcome_of(c, people["Bea"]["id"])[0]["id"]
    je = outcome_of(c, people["Eero"]["id"])[0]["id"]
    r = c.post("/api/v1/outcome-followups", {"outcome_id": ja, "months": 6, "checked_on": "2026-03-01",
                                             "still_employed": True})
    s.check(r.status == 400 and r.json["error"]["key"] == "followup_too_early" and
            r.json["error"]["field"] == "checked_on" and "2026-08-01" in r.json["error"]["message"],
            f"a 6-month check one month after the start is refused, naming the due day: {r.status} {r.body[:200]!r}")
    r = c.post("/api/v1/outcome-followups", {"outcome_id": ja, "months": 4, "checked_on": "2026-06-01"})
    s.check(r.status == 400 and r.json["error"]["key"] == "followup_months", f"4 months is not a follow-up: {r.status}")
    s.expect(c.post("/api/v1/outcome-followups", {"outcome_id": ja, "months": 3, "checked_on": "2026-05-03",
                                                  "still_employed": True, "still_in_region": True}), 201,
             "A's 3-month check")
    s.expect(c.post("/api/v1/outcome-followups", {"outcome_id": jb, "months": 3, "checked_on": "2026-06-12",
                                                  "still_employed": False}), 201, "B's 3-month check")
    s.expect(c.post("/api/v1/outcome-followups", {"outcome_id": je, "months": 6, "checked_on": "2026-06-01",
                                                  "still_employed": True}), 201, "E's 6-month check (two weeks early is fine)")
    d = people["Dana"]["id"]
    ed = c.post("/api/v1/outcomes", {"client_id": d, "type": "education", "starts_on": "2026-02-01"}).json["id"]
    r = c.post("/api/v1/outcome-followups", {"outcome_id": ed, "months": 3, "checked_on": "2026-05-05"})
    s.check(r.status == 400 and r.json["error"]["key"] == "followup_not_employment",
            f"no follow-up of an education placement: {r.status}")
    EXPECTED.update({"followups_3": 2, "still_employed_3": 1, "still_employed_3_pct": 50.0, "followups_6": 1,
                     "still_employed_6": 1, "still_employed_6_pct": 100.0, "followups_12": 0,
                     "still_employed_12_pct": None, "still_in_region_12_pct": None})


def test_due_list(s):
    """The counsellor's due list: a job that started 190 days ago has its 3- and 6-month checks due (the 3-month one
    overdue) and not its 12-month one; a recorded check leaves the list; a check too early is refused on the page
    with a message in the page's language; the coordinator sees the organisation's list, a manager none."""
    c = as_("counsellor")
    today = datetime.datetime.now(datetime.timezone.utc).date()
    start = (today - datetime.timedelta(days=190)).isoformat()
    i = client(c, "Iida", (today - datetime.timedelta(days=400)).isoformat())
    r = c.post("/api/v1/outcomes", {"client_id": i["id"], "type": "employed", "starts_on": start,
                                    "employer_name": "Kajaanin Konepaja Oy"})
    oid = r.json["id"]
    h = c.get("/followups")
    page = h.body.decode()
    s.check(h.status == 200 and "Iida Perusjoukko" in page and "Kajaanin Konepaja Oy" in page, f"Iida is on the list: {h.status}")
    s.check(f'id="fu-{oid}-3"' in page and f'id="fu-{oid}-6"' in page and f'id="fu-{oid}-12"' not in page,
            "her 3- and 6-month checks are due, the 12-month one is not")
    s.check("myöhässä" in page, "an overdue check says so in Finnish")
    form = {"outcome_id": str(oid), "months": "3", "checked_on": today.isoformat(), "still_employed": "yes",
            "still_in_region": "yes", "notes": "soitettu"}
    r = c.request("POST", "/followups", raw=urllib.parse.urlencode({"csrf": c.csrf, **form}).encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    s.check(r.status in (200, 303) and "Seuranta tallennettu" in r.body.decode(),
            f"recording the 3-month check on the page: {r.status}")
    fu = c.get(f"/api/v1/outcome-followups?outcome_id={oid}").json["items"]
    s.check(len(fu) == 1 and fu[0]["still_employed"] is True and fu[0]["still_in_region"] is True, f"stored: {fu}")
    page = c.get("/followups").body.decode()
    s.check(f'id="fu-{oid}-3"' not in page and f'id="fu-{oid}-6"' in page, "the recorded check left the list")
    form.update(months="12", checked_on=(today - datetime.timedelta(days=10)).isoformat())
    r = c.request("POST", "/followups", raw=urllib.parse.urlencode({"csrf": c.csrf, **form}).encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    body = r.body.decode()
    s.check(r.status == 400 and "Seurantaa ei voi vielä kirjata" in body and "followup_too_early" not in body,
            f"a 12-month check now is refused with a Finnish message: {r.status}")
    co = as_("coordinator")
    s.check(co.get("/followups").status == 200 and "Iida Perusjoukko" in co.get("/followups").body.decode(),
            "the coordinator sees the organisation's list")
    s.check(as_("manager").get("/followups").status == 403, "a manager does not")


def test_dated_stages(s):
    """Each stage of a hire and of a recognition has its day (issue 16 item 2), and the funnel's steps are subsets.
    A: sent 02-05, hired 03-01 (the interview and the offer take the hire's day). B: sent 04-01, interview 04-10.
    C: sent 2025-11-20, not chosen (out of the period). D: only suggested. F: an interview today (after the period).
    -> proposed 2 (A, B), interviewed 2, offered 1 (A), hired 1; hires 1, vacancies filled 1, first interview 2.
    A's degree: applied 01-20, recognised 05-05; B's refused today -> recognised 1, applied 1."""
    c = as_("counsellor")
    people = {x["first_name"]: x["id"] for x in c.get("/api/v1/clients?limit=100").json["items"]}
    emp = c.post("/api/v1/employers", {"name": "Vaihe Oy"}).json["id"]
    vac = c.post("/api/v1/vacancies", {"employer_id": emp, "title": "Suunnittelija", "status": "open",
                                       "contract_type": "permanent"}).json["id"]
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()

    def propose(name, **kw):
        r = c.post("/api/v1/proposals", {"client_id": people[name], "vacancy_id": vac, **kw})
        assert r.status == 201, r.body[:300]
        return r.json

    pa = propose("Aino", stage="sent", sent_on="2026-02-05")
    r = c.patch(f"/api/v1/proposals/{pa['id']}", {"stage": "hired", "hired_on": "2026-03-01"})
    s.check(r.status == 200 and r.json["sent_on"] == "2026-02-05" and r.json["interview_on"] == "2026-03-01" and
            r.json["offered_on"] == "2026-03-01" and r.json["hired_on"] == "2026-03-01",
            f"a hire implies its interview and offer, on the hire's day: {r.body[:400]!r}")
    propose("Bea", stage="interview", sent_on="2026-04-01", interview_on="2026-04-10")
    propose("Cem", stage="not_chosen", sent_on="2025-11-20")
    pd = propose("Dana", stage="suggested")
    s.check(pd["sent_on"] is None and pd["interview_on"] is None, "a suggestion has no days")
    pf = propose("Fatima", stage="interview")
    s.check(pf["sent_on"] == today and pf["interview_on"] == today and pf["offered_on"] is None,
            f"an interview recorded today is dated today, and so is its sending: {pf}")
    r = c.patch(f"/api/v1/proposals/{pf['id']}", {"stage": "not_chosen"})
    s.check(r.status == 200 and r.json["interview_on"] == today, "a later 'not chosen' keeps the days reached")
    ea = c.post("/api/v1/educations", {"client_id": people["Aino"], "isced_level": 7, "recognition": "in_progress",
                                       "recognition_applied_on": "2026-01-20"}).json
    r = c.patch(f"/api/v1/educations/{ea['id']}", {"recognition": "recognised",
                                                   "recognition_decided_on": "2026-05-05"})
    s.check(r.status == 200 and r.json["recognition_applied_on"] == "2026-01-20" and
            r.json["recognition_decided_on"] == "2026-05-05", "the recognition's two days")
    eb = c.post("/api/v1/educations", {"client_id": people["Bea"], "isced_level": 6}).json
    r = c.patch(f"/api/v1/educations/{eb['id']}", {"recognition": "refused"})
    s.check(r.status == 200 and r.json["recognition_applied_on"] == today and
            r.json["recognition_decided_on"] == today, "a decision recorded today dates the application too")
    EXPECTED.update({"funnel_proposed": 2, "funnel_interviewed": 2, "funnel_offered": 1, "funnel_hired": 1,
                     "hires": 1, "vacancies_filled": 1, "first_interview": 2, "degree_recognised": 1,
                     "recognition_applied": 1})


def test_figures(s):
    m = as_("manager")
    r = m.get("/api/v1/reports/indicators?" + PERIOD)
    s.expect(r, 200, "indicators")
    api = r.json["indicators"]
    for k, v in EXPECTED.items():
        s.check(api.get(k) == v, f"API {k} = {api.get(k)!r}, want {v!r}")
    cli = json.loads(osaaja(BIN, "report", "--db", DB, "--org", ORG, "--from", "2026-01-01", "--to", "2026-06-30",
                            "--format", "json").stdout)["indicators"]
    s.check(all(cli.get(k) == api.get(k) for k in EXPECTED), "the CLI's JSON gives the same figures")
    text = osaaja(BIN, "report", "--db", DB, "--org", ORG, "--from", "2026-01-01", "--to", "2026-06-30").stdout
    rows = {ln.split()[0] + (" own" if "own field" in ln else ""): ln for ln in text.splitlines()
            if ln.strip().startswith(("Employed ", "(base)"))}
    s.check("Three bases" in text, "the CLI prints the three bases")
    s.check(re.search(r"\(base\)\s+6\s+4\s+4\s*$", rows.get("(base)", "")) is not None,
            f"bases served 6, left 4, employed 4: {rows.get('(base)')!r}")
    s.check(re.search(r"4 = 66\.7 %\s+2 = 50\.0 %\s+-\s*$", rows.get("Employed", "")) is not None,
            f"employed side by side: {rows.get('Employed')!r}")
    s.check(re.search(r"2 = 33\.3 %\s+1 = 25\.0 %\s+2 = 50\.0 %\s*$", rows.get("Employed own", "")) is not None,
            f"own field side by side: {rows.get('Employed own')!r}")
    h = m.get("/reports?" + PERIOD)
    s.check(h.status == 200 and b'id="bases"' in h.body, "the dashboard has the three-bases table")
    for k, v in EXPECTED.items():
        shown = "" if v is None else v if isinstance(v, int) else f"{v:.1f}"
        want = f'data-key="{k}" data-value="{shown}"'.encode()
        s.check(want in h.body, f"the dashboard's data table has {k} = {v}")
    table = h.body.split(b'id="bases"')[1].split(b"</table>")[0].decode()
    s.check(all(x in table for x in ("66,7", "33,3", "(50&nbsp;%)", "(25&nbsp;%)")),
            f"the three-bases table shows every rate (Finnish decimal comma): {re.sub(r'<[^>]+>', ' ', table)[:400]}")


S.run([test_fixture, test_left_on_follows_the_status, test_followups, test_dated_stages, test_figures, test_due_list])
rc = srv.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
