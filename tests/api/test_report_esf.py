#!/usr/bin/python3
"""The ESF+ common indicators (issue 16 item 7) on a fixture derived by hand below: participants who entered in the
period by gender, age band, education and labour-market status at entry; disadvantaged groups; the target group
checked against the data; leavers by their results upon leaving and six months after. A person enrolled in two
programmes counts once, and one who left without a result counts as a leaver only. The same figures in the API, the
CLI (text and JSON), the dashboard and the funder's CSV (Finnish layout, small counts hidden).
Usage: test_report_esf.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import csv
import datetime
import io
import json
import sys

from harness import Client, Org, Suite, created, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PERIOD = "from=2026-01-01&to=2026-06-30"

W = Org(BIN, DB, "ESR-hanke", ("admin", "counsellor", "manager"), "e", "Esf-indikaattorit-2026")
ORG, srv, as_ = W.id, W.server, W.as_
S = Suite("report esf" + (" (postgres)" if IS_PG else " (sqlite)"))
P = {}


def client(c, **body):
    return created(c.post("/api/v1/clients", body), "client")["id"]


def add(c, path, body):
    return created(c.post(path, body), path)["id"]


# Period 2026-01-01 .. 2026-06-30; ages are the intake year minus the birth year.
# A  Amina Hassan 1990 f, P1 intake 01-10 (and again in P2 on 03-01 as "AMINA HASSAN": the same person), unemployed,
#    SO/so, ISCED 7, highly educated immigrant (data meet it); left P1 02-20 with a job from 02-15: in employment upon
#    leaving and six months after.
# B  Boris Ivanov 1960 m (66), P1 intake 02-01, long-term unemployed, RU/ru, ISCED 3; closed 04-30 with nothing:
#    job searching upon leaving; a job from 07-15 on: employed six months after (10-30).
# C  Chaiwat Srisuk 1999 m (27), P2 intake 01-15, working, TH/th, ISCED 2; moved away 03-31: left without a result.
# D  Daria Koval 2009 f (17), P2 intake 05-01, inactive, UA/uk, no education recorded.
# E  Eeva Mäkinen 1985 other (41), P1 intake 04-01, unemployed, FI/fi, ISCED 4, partial work ability; closed 05-15,
#    an apprenticeship from 05-20 (within four weeks): in education or training upon leaving.
# F  Fernando Silva 1980 m, P1 intake 2025-10-01 (before the period: not an entrant), ISCED 7 recognised 05-20; left
#    05-31, self-employed from 06-20: a qualification and employment upon leaving, and six months after (11-30).
# G  Gao Wei 1975 not told (51), P2 intake 06-30 (the last day), no labour status, CN/zh, ISCED 6, highly educated
#    immigrant: data incomplete.
# H  Hanna Svensson 1988 f (38), P1 intake 02-10, unemployed, SE/sv, ISCED 7, highly educated immigrant: data
#    contradict it (mother tongue Swedish).
# I  Iiro Outside 1970 m, P1 intake 2026-07-01: after the period.
#  -> participants A B C D E G H = 7 (women A D H, men B C, non-binary E, not known G)
COLS = ("total", "women", "men", "non_binary", "gender_unknown")
EXPECTED = {
    "participants": (7, 3, 2, 1, 1),
    "unemployed": (4, 2, 1, 1, 0),           # A H, B, E
    "long_term_unemployed": (1, 0, 1, 0, 0),  # B
    "inactive": (1, 1, 0, 0, 0),             # D
    "employed": (1, 0, 1, 0, 0),             # C
    "labour_status_unknown": (1, 0, 0, 0, 1),  # G
    "age_under_18": (1, 1, 0, 0, 0),         # D
    "age_18_29": (1, 0, 1, 0, 0),            # C
    "age_30_54": (4, 2, 0, 1, 1),            # A H, E, G
    "age_55_plus": (1, 0, 1, 0, 0),          # B
    "age_unknown": (0, 0, 0, 0, 0),
    "isced_0_2": (1, 0, 1, 0, 0),            # C
    "isced_3_4": (2, 0, 1, 1, 0),            # B, E
    "isced_5_8": (3, 2, 0, 0, 1),            # A H, G
    "education_unknown": (1, 1, 0, 0, 0),    # D
    "disabilities": (1, 0, 0, 1, 0),         # E
    "third_country_nationals": (5, 2, 2, 0, 1),  # A D, B C, G
    "foreign_origin": (6, 3, 2, 0, 1),       # A D H, B C, G
    "target_checked": (3, 2, 0, 0, 1),       # A H G
    "target_met": (1, 1, 0, 0, 0),          # A
    "target_not_met": (1, 1, 0, 0, 0),      # H
    "target_incomplete": (1, 0, 0, 0, 1),   # G
    "leavers": (5, 1, 3, 1, 0),              # A, B C F, E
    "job_searching": (1, 0, 1, 0, 0),        # B
    "in_education": (1, 0, 0, 1, 0),         # E
    "qualification": (1, 0, 1, 0, 0),        # F
    "in_employment": (2, 1, 1, 0, 0),        # A, F
    "no_result": (1, 0, 1, 0, 0),            # C
    "employed_6_months": (3, 1, 2, 0, 0),    # A, B F
    "six_months_not_due": (0, 0, 0, 0, 0),
}
CODES = {"participants": "EECO01", "unemployed": "EECO02", "long_term_unemployed": "EECO03", "inactive": "EECO04",
         "employed": "EECO05", "age_under_18": "EECO06", "age_18_29": "EECO07", "age_55_plus": "EECO08",
         "isced_0_2": "EECO09", "isced_3_4": "EECO10", "isced_5_8": "EECO11", "disabilities": "EECO12",
         "third_country_nationals": "EECO13", "foreign_origin": "EECO14", "job_searching": "EECR01",
         "in_education": "EECR02", "qualification": "EECR03", "in_employment": "EECR04",
         "employed_6_months": "EECR05"}


def test_fixture(s):
    admin = as_("admin")
    P["p1"] = add(admin, "/api/v1/programmes", {"name": "ESR P1", "target_groups": ["immigrant"]})
    P["p2"] = add(admin, "/api/v1/programmes", {"name": "ESR P2", "target_groups": ["seasonal_worker"]})
    c = as_("counsellor")
    p1, p2 = P["p1"], P["p2"]
    a = client(c, first_name="Amina", last_name="Hassan", birth_year=1990, gender="female", programme_id=p1,
               intake_on="2026-01-10", labour_status="unemployed", nationality="SO", mother_tongue="so",
               target_groups=["highly_educated_immigrant"], status="employed", left_on="2026-02-20")
    add(c, "/api/v1/educations", {"client_id": a, "isced_level": 7})
    add(c, "/api/v1/outcomes", {"client_id": a, "type": "employed", "starts_on": "2026-02-15", "isco_code": "2512"})
    # a second record of the same person on purpose (the likely-duplicate warning confirmed: issue 15 item 5)
    a2 = client(c, first_name="AMINA", last_name="HASSAN", birth_year=1990, gender="female", programme_id=p2,
                intake_on="2026-03-01", labour_status="working", nationality="SO", mother_tongue="so", confirm_new=True)
    add(c, "/api/v1/educations", {"client_id": a2, "isced_level": 7})
    b = client(c, first_name="Boris", last_name="Ivanov", birth_year=1960, gender="male", programme_id=p1,
               intake_on="2026-02-01", labour_status="long_term_unemployed", nationality="RU", mother_tongue="ru",
               target_groups=["immigrant"], status="closed", left_on="2026-04-30")
    add(c, "/api/v1/educations", {"client_id": b, "isced_level": 3})
    add(c, "/api/v1/outcomes", {"client_id": b, "type": "employed", "starts_on": "2026-07-15", "isco_code": "8211"})
    cc = client(c, first_name="Chaiwat", last_name="Srisuk", birth_year=1999, gender="male", programme_id=p2,
                intake_on="2026-01-15", labour_status="working", nationality="TH", mother_tongue="th",
                target_groups=["seasonal_worker"], status="closed", left_on="2026-03-31")
    add(c, "/api/v1/educations", {"client_id": cc, "isced_level": 2})
    add(c, "/api/v1/outcomes", {"client_id": cc, "type": "moved", "starts_on": "2026-03-31"})
    client(c, first_name="Daria", last_name="Koval", birth_year=2009, gender="female", programme_id=p2,
           intake_on="2026-05-01", labour_status="inactive", nationality="UA", mother_tongue="uk")
    e = client(c, first_name="Eeva", last_name="Mäkinen", birth_year=1985, gender="other", programme_id=p1,
               intake_on="2026-04-01", labour_status="unemployed", nationality="FI", mother_tongue="fi",
               target_groups=["partial_work_ability"], status="closed", left_on="2026-05-15")
    add(c, "/api/v1/educations", {"client_id": e, "isced_level": 4})
    add(c, "/api/v1/outcomes", {"client_id": e, "type": "apprenticeship", "starts_on": "2026-05-20"})
    f = client(c, first_name="Fernando", last_name="Silva", birth_year=1980, gender="male", programme_id=p1,
               intake_on="2025-10-01", labour_status="unemployed", nationality="BR", mother_tongue="pt",
               status="closed", left_on="2026-05-31")
    add(c, "/api/v1/educations", {"client_id": f, "isced_level": 7, "recognition": "recognised",
                                  "recognition_applied_on": "2025-11-01", "recognition_decided_on": "2026-05-20"})
    add(c, "/api/v1/outcomes", {"client_id": f, "type": "entrepreneurship", "starts_on": "2026-06-20"})
    g = client(c, first_name="Gao", last_name="Wei", birth_year=1975, gender="not_told", programme_id=p2,
               intake_on="2026-06-30", nationality="CN", mother_tongue="zh",
               target_groups=["highly_educated_immigrant"])
    add(c, "/api/v1/educations", {"client_id": g, "isced_level": 6})
    h = client(c, first_name="Hanna", last_name="Svensson", birth_year=1988, gender="female", programme_id=p1,
               intake_on="2026-02-10", labour_status="unemployed", nationality="SE", mother_tongue="sv",
               target_groups=["highly_educated_immigrant"])
    add(c, "/api/v1/educations", {"client_id": h, "isced_level": 7})
    client(c, first_name="Iiro", last_name="Outside", birth_year=1970, gender="male", programme_id=p1,
           intake_on="2026-07-01", labour_status="unemployed")
    r = c.post("/api/v1/clients", {"first_name": "Jana", "last_name": "Virhe", "labour_status": "jobless"})
    s.check(r.status == 400 and r.json["error"]["field"] == "labour_status",
            f"an unknown labour-market status is refused, naming the field: {r.status} {r.body[:200]!r}")


def rows_of(j):
    return {row["key"]: row for row in j["rows"]}


def test_api(s):
    m = as_("manager")
    r = m.get("/api/v1/reports/esf?" + PERIOD)
    s.expect(r, 200, "the ESF+ indicators")
    rows = rows_of(r.json)
    for k, want in EXPECTED.items():
        got = tuple(rows.get(k, {}).get(col) for col in COLS)
        if k == "disabilities":  # about partial work ability: small counts hidden for staff too
            want = tuple("<5" if 0 < v < 5 else v for v in want)
        s.check(got == want, f"{k}: {got}, want {want}")
    for k, code in CODES.items():
        s.check(rows[k]["code"] == code, f"{k} is {code}: {rows[k]['code']}")
    s.check(rows["target_met"]["code"] is None, "a row of the project's own has no code")
    r = m.get(f"/api/v1/reports/esf?{PERIOD}&programme_id={P['p2']}")
    s.check(r.status == 200 and rows_of(r.json)["participants"]["total"] == 4,
            f"P2 alone: Amina's second enrolment, Chaiwat, Daria, Gao: {rows_of(r.json)['participants']}")
    r = m.get(f"/api/v1/reports/esf?{PERIOD}&target_group=partial_work_ability")
    s.check(r.status == 200 and rows_of(r.json)["participants"]["total"] == "<5",
            "the partial work ability target group hides every small count")
    r = m.get("/api/v1/reports/esf?from=2026-13-01")
    s.check(r.status == 400 and r.json["error"]["field"] == "from", f"a bad date is refused: {r.status}")
    c = as_("counsellor")
    s.check(c.get("/api/v1/reports/esf?" + PERIOD).status == 200, "counsellors see the figures")
    s.check(as_("admin").get("/api/v1/reports/esf?" + PERIOD).status == 200, "admins too")
    s.check(Client(srv).get("/api/v1/reports/esf?" + PERIOD).status == 401, "nobody without a login")


def test_six_months_not_due(s):
    """Someone who leaves today has not reached six months: counted apart, not as a result."""
    c = as_("counsellor")
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    client(c, first_name="Kaisa", last_name="Tanaan", birth_year=1992, gender="female", intake_on="2026-07-05",
           labour_status="unemployed", status="closed", left_on=today)
    r = as_("manager").get(f"/api/v1/reports/esf?from={today}&to={today}")
    rows = rows_of(r.json)
    s.check(rows["leavers"]["total"] == 1 and rows["six_months_not_due"]["total"] == 1 and
            rows["employed_6_months"]["total"] == 0 and rows["job_searching"]["total"] == 1,
            f"left today: one leaver, six months not due: {rows['leavers']} {rows['six_months_not_due']}")


def test_cli(s):
    out = osaaja(BIN, "report", "--esf", "--db", DB, "--org", ORG, "--from", "2026-01-01", "--to", "2026-06-30",
                 "--format", "json").stdout
    rows = rows_of(json.loads(out))
    s.check(all(tuple(rows[k][col] for col in COLS) == v for k, v in EXPECTED.items()),
            "the CLI's JSON gives the same figures (exact: the CLI is trusted)")
    text = osaaja(BIN, "report", "--esf", "--db", DB, "--org", ORG, "--from", "2026-01-01", "--to",
                  "2026-06-30").stdout
    line = next((ln for ln in text.splitlines() if ln.startswith("EECO01")), "")
    s.check(line.split()[-5:] == ["7", "3", "2", "1", "1"], f"the text report's first row: {line!r}")
    r = osaaja(BIN, "report", "--esf", "--crosstab", "month,programme", "--db", DB, check=False)
    s.check(r.returncode == 2 and "--esf" in r.stderr, f"--esf with --crosstab is refused: {r.returncode}")


def test_funder_csv(s):
    m = as_("manager")
    r = m.get("/api/v1/reports/esf.csv?lang=fi&" + PERIOD)
    s.check(r.status == 200 and r.body.startswith(b"\xef\xbb\xbf"), f"the CSV for a Finnish Excel: {r.status}")
    s.check("esf.csv" in (r.headers.get("Content-Disposition") or ""), "downloaded as esf.csv")
    table = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig")), delimiter=";"))
    s.check(table[0] == ["Koodi", "Indikaattori", "Yhteensä", "Naiset", "Miehet", "Muunsukupuoliset",
                         "Sukupuoli ei tiedossa"], f"Finnish headers: {table[0]}")
    by_code = {row[0]: row for row in table if row and row[0]}
    s.check(by_code.get("EECO01", [])[1:] == ["Osallistujat yhteensä", "7", "<5", "<5", "<5", "<5"],
            f"EECO01 with small counts hidden: {by_code.get('EECO01')}")
    s.check(by_code.get("EECR05", [])[2] == "<5", "EECR05 3 is hidden for the funder")
    s.check(not any("EECO" in c for row in table for c in row[1:]), "no code in a name cell")
    r = m.get("/api/v1/reports/esf.csv?" + PERIOD)
    head = r.body.decode().splitlines()[0]
    s.check(head == "code,indicator,total,women,men,non_binary,gender_unknown", f"machine layout: {head!r}")
    s.check(m.get("/api/v1/reports/esf.csv?lang=ru&" + PERIOD).status == 400, "an unknown lang is refused")


def test_dashboard(s):
    m = as_("manager")
    h = m.get("/reports?" + PERIOD)
    body = h.body.decode()
    s.check(h.status == 200 and 'id="esf"' in body and "ESR+-yhteiset indikaattorit" in body,
            "the dashboard has the ESF+ table in Finnish")
    s.check('data-key="participants.total">7<' in body and 'data-key="employed_6_months.men">2<' in body,
            "its cells are the API's")
    s.check('/api/v1/reports/esf.csv?lang=fi' in body, "and a link to the funder's CSV")
    sv = m.get("/api/v1/reports/esf.csv?lang=sv&" + PERIOD).body.decode("utf-8-sig").splitlines()
    s.check(sv[0].startswith("Kod;Indikator;Totalt;Kvinnor;Män") and
            any(ln.startswith("EECR04;I arbete (även som företagare)") for ln in sv), f"in Swedish too: {sv[:1]}")


try:
    ok = S.run([test_fixture, test_api, test_six_months_not_due, test_cli, test_funder_csv, test_dashboard])
finally:
    W.server.stop()  # the server is the test's own: none is left running after it
sys.exit(0 if ok else 1)
