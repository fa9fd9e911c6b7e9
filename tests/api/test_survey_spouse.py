#!/usr/bin/python3
"""Issue 14, the spouse's part (worker and spouse): a spouse answers her own survey through a link to her record
(made by her worker's accept) and the counsellor accepts it there, its spouse part going to the worker's record; the
survey summary cross-tabulated by respondent (worker, spouse: the spouse part of a worker's answers counts for the
spouse, a spouse's own answers for her, her spouse part for the worker), exact for staff, in the funder's CSV with
small counts hidden as every cross-tabulation (the secondary rule too); the settling figures as a funder's CSV
(headers in Finnish and Swedish, semicolons and a BOM for a Finnish Excel, no per-family rows, small counts hidden).
The threshold is 2 here (OSAAJA_REPORT_MIN_CELL), so that a handful of answers shows both shown and hidden counts.
Usage: test_survey_spouse.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import csv
import datetime
import io
import os
import re
import sys

os.environ["OSAAJA_REPORT_MIN_CELL"] = "2"
from harness import Client, Org, Suite, created  # noqa: E402

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
W = Org(BIN, DB, "Kainuun puolisopilotti", ("counsellor", "manager", "employer", "admin"), "sp", "Puoliso-kysely-2026",
        lang="fi")
S = Suite("survey spouse" + (" (postgres)" if IS_PG else " (sqlite)"))
C, M = W.as_("counsellor"), W.as_("manager")
TODAY = datetime.date.today().isoformat()
PERIOD = f"from={TODAY[:4]}-01-01&to={TODAY}"
P = {}

BASE = {"_consent": True, "in_finland": "yes", "sector": "agriculture", "current_job": "Marjanpoimija",
        "employment_type": "agency", "isced_level": "3", "language_levels": {"th": "native", "en": "A2"},
        "long_term_interest": "yes", "children": "no", "has_spouse": "yes", "spouse_location": "in_finland",
        "spouse_isced_level": "3", "spouse_languages": {"vi": "native"}}
# three workers (Thai), each with a spouse; the first two accepted (two families); then the first one's spouse
# (Vietnamese) answers her own survey, her spouse part about the worker.
WORKERS = [
    {"first_name": "Somchai", "last_name": "Puolisotesti", "phone": "+66 81 000 1001", "nationality": "TH",
     "spouse_first_name": "Lan", "spouse_work_interest": "yes_now"},
    {"first_name": "Anong", "last_name": "Perhetesti", "phone": "+66 81 000 1002", "nationality": "TH",
     "spouse_first_name": "Mai", "spouse_work_interest": "yes_now"},
    {"first_name": "Kasem", "last_name": "Kolmastesti", "phone": "+66 81 000 1003", "nationality": "TH",
     "spouse_first_name": "Hoa", "spouse_work_interest": "yes_later"},
]
SPOUSE = {"_consent": True, "first_name": "Lan", "last_name": "Puolisotesti", "phone": "+84 90 000 2001",
          "nationality": "VN", "mother_tongue": "vi", "in_finland": "yes", "sector": "cleaning",
          "current_job": "Siivooja", "employment_type": "direct", "isced_level": "6",
          "language_levels": {"vi": "native", "en": "B1"}, "long_term_interest": "yes", "children": "no",
          "has_spouse": "yes", "spouse_location": "in_finland", "spouse_first_name": "Somchai",
          "spouse_profession": "Metsuri", "spouse_work_interest": "yes_now"}


def seasonal_id():
    return next(x["id"] for x in C.get("/api/v1/surveys").json["items"] if x["slug"] == "seasonal-worker")


def link(**kw):
    return created(C.post("/api/v1/survey-invitations", {"survey_id": seasonal_id(), "programme_id": P["prog"], **kw}),
                   "link")["items"][0]["token"]


def submit(tok, key, lang, answers):
    r = Client(W.server).post(f"/api/v1/public/surveys/{tok}/responses",
                              {"submission_key": key, "lang": lang, "answers": answers})
    assert r.status == 201, (r.status, r.body[:400])
    return r.json["id"]


def accept(rid, **body):
    keys = [i["key"] for i in C.get(f"/api/v1/survey-responses/{rid}").json["items"]]
    return C.post(f"/api/v1/survey-responses/{rid}/accept", {"accept": keys, **body})


def test_fixture(s):
    P["prog"] = created(W.as_("admin").post("/api/v1/programmes", {"name": "Puolisopilotti", "region": "Kainuu"}),
                        "programme")["id"]
    P["workers"], P["spouses"], P["families"] = [], [], []
    for i, w in enumerate(WORKERS):
        rid = submit(link(), f"spouse-test-{i:04d}-aaaaaaaaaaaaaaaa", "th", {**BASE, **w, "mother_tongue": "th"})
        if i == 2:
            continue  # the third worker's answers wait for a review: counted all the same
        r = accept(rid, create_client=True)
        if not s.expect(r, 200, f"accept worker {i + 1} into a new client"):
            return
        written = {x["key"]: x for x in r.json["written"]}
        P["workers"].append(r.json["client_id"])
        P["spouses"].append(written["spouse"]["id"])
        P["families"].append(C.get(f"/api/v1/clients/{r.json['client_id']}").json["family_id"])


def test_spouse_answers_her_own(s):
    """The first worker's spouse (made by his accept) answers on a link to her record, in Vietnamese; accepted
    without naming a client, her answers go to her record and the spouse part about him to his."""
    sid, wid, fam = P["spouses"][0], P["workers"][0], P["families"][0]
    tok = link(client_id=sid)
    rid = submit(tok, "spouse-own-0001-aaaaaaaaaaaaaaaa", "vi", SPOUSE)
    items = C.get(f"/api/v1/survey-responses/{rid}").json["items"]
    s.check(any(i["key"] == "spouse:work_history:spouse" and i.get("person") == "spouse" for i in items),
            f"her spouse part is an item of the other person: {[i['key'] for i in items]}")
    before = C.get(f"/api/v1/clients?family_id={fam}").json.get("total")
    r = accept(rid)
    if not s.expect(r, 200, "accept her answers into the record the link names"):
        return
    s.check(r.json["client_id"] == sid, f"into her own record: {r.json['client_id']} want {sid}")
    sc = C.get(f"/api/v1/clients/{sid}").json
    s.check(sc.get("family_role") == "spouse" and sc.get("family_id") == fam and sc.get("phone") == "+84 90 000 2001"
            and sc.get("nationality") == "VN", f"her record has her answers and stays the family's spouse: {sc}")
    members = C.get(f"/api/v1/clients?family_id={fam}").json
    s.check(members.get("total") == before == 2, f"no third client in the family: {before} -> {members.get('total')}")
    wp = C.get(f"/api/v1/clients/{wid}/profile").json
    s.check("Metsuri" in [x["title"] for x in wp["work-history"]],
            f"her spouse part went to the worker's record: {[x['title'] for x in wp['work-history']]}")
    sp = C.get(f"/api/v1/clients/{sid}/profile").json
    s.check("Metsuri" not in [x["title"] for x in sp["work-history"]] and
            "Siivooja" in [x["title"] for x in sp["work-history"]], "her own work history is hers")
    w = C.get(f"/api/v1/clients/{wid}").json
    s.check(w.get("family_role") == "worker" and w.get("first_name") == "Somchai", f"the worker stays the worker: {w}")
    steps = C.get(f"/api/v1/settling-steps?family_id={fam}").json["items"]
    s.check(len(steps) == 7, f"the family keeps its one settling-in plan (7 steps): {len(steps)}")


def table(body):
    """A Finnish Excel's reading of a CSV (UTF-8 after a BOM, ';' between columns, quotes as RFC 4180): each row's
    cells joined by ';' again, the quoting gone."""
    return [";".join(row) for row in csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")]


def q(j, qid):
    return next((x for x in j["questions"] if x["id"] == qid), None)


def val(qj, v):
    return next((x for x in qj["values"] if x["value"] == v), None)


def test_summary_by_respondent(s):
    r = M.get(f"/api/v1/reports/survey-summary?survey=seasonal-worker&{PERIOD}&programme_id={P['prog']}&by=respondent")
    if not s.expect(r, 200, "the summary by respondent"):
        return
    j = r.json
    s.check(j["responses"] == 4, f"four responses: three workers, one spouse: {j['responses']}")
    s.check(j["groups"] == {"worker": 4, "spouse": 4},
            f"persons answered about: workers 3 + the spouse's part about hers, spouses 1 + 3 parts: {j['groups']}")
    lt = q(j, "long_term_interest")
    yes = val(lt, "yes")
    s.check(yes["count"] == 4 and yes["by"] == {"worker": 3, "spouse": 1} and lt["answered_by"] == {"worker": 3, "spouse": 1},
            f"a question of her own: the three workers and the spouse: {yes} {lt['answered_by']}")
    wi = q(j, "spouse_work_interest")
    s.check(val(wi, "yes_now")["by"] == {"worker": 1, "spouse": 2} and val(wi, "yes_later")["by"] == {"worker": 0, "spouse": 1},
            f"the spouse part: the workers' answers about their spouses count for spouses, hers for the worker: {wi['values']}")
    isced = q(j, "isced_level")
    s.check(val(isced, "6")["by"] == {"worker": 0, "spouse": 1}, f"her education is a spouse's: {val(isced, '6')}")
    s.check(q(j, "spouse_first_name") is None, "no name counted")


def test_summary_csv(s):
    r = M.get(f"/api/v1/reports/survey-summary.csv?survey=seasonal-worker&{PERIOD}&programme_id={P['prog']}"
              "&by=respondent&lang=fi")
    lines = table(r.body)
    s.check(r.status == 200 and r.body.startswith(b"\xef\xbb\xbf") and
            lines[0] == "Kysymys;Vastaus;Vastaajia;Osuus vastanneista, %;työntekijä;puoliso",
            f"the funder's CSV by respondent: BOM, Finnish headers, the columns in words: {lines[:1]}")
    qtext = q(M.get(f"/api/v1/reports/survey-summary?survey=seasonal-worker&{PERIOD}&programme_id={P['prog']}").json,
              "long_term_interest")["text"]
    row = next((ln for ln in lines if ln.startswith(qtext.replace('"', '""')) or ln.startswith('"' + qtext)
                and ";kyllä;" in ln), "")
    row = next((ln for ln in lines if ";kyllä;4;" in ln and "vakituis" in ln.lower()), row)
    s.check(row.endswith(";kyllä;4;100,0;<2;<2"),
            f"the spouse's 1 hidden, and the workers' 3 with it (4 shown would give the 1 away): {row!r}")
    s.check(not any(re.search(r";1(;|$)", ln) for ln in lines), "no count of 1 in the file")
    r = M.get(f"/api/v1/reports/survey-summary.csv?survey=seasonal-worker&{PERIOD}&programme_id={P['prog']}"
              "&by=respondent&lang=sv")
    s.check(table(r.body)[0].endswith(";arbetstagare;make/maka"), f"Swedish headers: {table(r.body)[:1]}")
    s.expect(W.as_("employer").get(f"/api/v1/reports/survey-summary?survey=seasonal-worker&{PERIOD}&by=respondent"),
             403, "an employer reads no answers", "forbidden")


def test_summary_page(s):
    r = M.get(f"/reports/surveys?survey=seasonal-worker&{PERIOD}&programme_id={P['prog']}&by=respondent")
    html = r.body.decode()
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S))
    s.check(r.status == 200 and "työntekijä" in text and "puoliso" in text and 'data-key="responses">4<' in html,
            f"the page by respondent: worker and spouse columns: {r.status}")
    s.check('value="respondent" selected' in html and "vastaaja: työntekijä / puoliso" in text and
            'id="ss-respondent-note"' in html,
            "the dimension is offered by name")
    for raw in ("respondent", "worker", "spouse", "ss."):
        s.check(raw not in text, f"no raw code {raw!r} in the page's text")


def step(fam, kind):
    return next(x for x in C.get(f"/api/v1/settling-steps?family_id={fam}").json["items"] if x["kind"] == kind)


def done(x):
    r = C.patch(f"/api/v1/settling-steps/{x['id']}", {"state": "done"}, headers={"If-Match": f'"{x["version"]}"'})
    assert r.status == 200, (r.status, r.body[:300])


def test_settling_csv(s):
    for fam in P["families"]:
        done(step(fam, "population_register"))
    done(step(P["families"][0], "housing"))
    j = M.get("/api/v1/reports/settling?" + PERIOD).json
    s.check(j["summary"]["families"] == 2 and j["summary"]["steps"] == 14 and j["summary"]["steps_done"] == 3,
            f"the JSON for staff stays exact: {j['summary']}")
    r = M.get("/api/v1/reports/settling.csv?lang=fi&" + PERIOD)
    if not s.expect(r, 200, "the settling figures as CSV"):
        return
    s.check(r.body.startswith(b"\xef\xbb\xbf") and "settling.csv" in r.headers.get("Content-Disposition", ""),
            f"a BOM and a file name: {r.headers.get('Content-Disposition')}")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig")), delimiter=";"))
    lines = table(r.body)
    s.check(lines[0] == "Tunnusluku;Arvo" and all(len(x) in (0, 2, 4) for x in rows),
            f"in columns with Finnish headers: {lines[:3]}")
    want = ["Perheitä;2", "Perheitä, joilla asettautumissuunnitelma;2", "Tarvittavia vaiheita;14",
            "Valmiita vaiheita;3", "Valmiita vaiheita, %;21,4", "Pienet luvut piilotettu: alle;2",
            "Vaihe;Tarvittavia vaiheita;Valmiina;Valmiina, %", "asuminen;2;<2;", "väestörekisteri ja henkilötunnus;2;2;100,0",
            "pankkitili;2;0;0,0"]
    for w in want:
        s.check(w in lines, f"line {w!r} in the CSV: {lines}")
    s.check("family_id" not in r.body.decode("utf-8-sig") and "Puolisotesti" not in r.body.decode("utf-8-sig"),
            "no per-family rows, no names")
    r = M.get("/api/v1/reports/settling.csv?lang=sv&" + PERIOD)
    sv = table(r.body)
    s.check("Klara steg;3" in sv and "Steg;Steg som behövs;Klara;Klara, %" in sv,
            f"in Swedish: {sv[:8]}")
    r = M.get("/api/v1/reports/settling.csv?" + PERIOD)
    plain = r.body.decode().splitlines()
    s.check(plain[0] == "figure,value" and "families,2" in plain and "housing,2,<2," in plain,
            f"the machine layout: {plain[:4]}")
    s.expect(M.get("/api/v1/reports/settling.csv?lang=de&" + PERIOD), 400, "an unknown language", "invalid", "lang")
    s.expect(W.as_("employer").get("/api/v1/reports/settling.csv?" + PERIOD), 403, "an employer reads no families",
             "forbidden")
    page = M.get("/reports?" + PERIOD).body.decode()
    s.check('id="settling-csv" href="/api/v1/reports/settling.csv?lang=fi&amp;from=' in page,
            "the figures page links to the file")


S.run([test_fixture, test_spouse_answers_her_own, test_summary_by_respondent, test_summary_csv, test_summary_page,
       test_settling_csv])
rc = W.server.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
