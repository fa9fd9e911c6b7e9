#!/usr/bin/python3
"""The survey summary (issue 14 item 6): what the seasonal-worker survey's answers say, counted by hand below.
Five answers through the public route (three in Thai from Thai workers, one in Vietnamese from a worker with a
spouse, one in Russian outside the programme), then GET /api/v1/reports/survey-summary: respondents per answer and
their shares, by language and by role, the programme filter, the funder's CSV in Finnish with small counts hidden,
bad input refused with 400, the roles that may not read figures refused, and no personal field counted.
Usage: test_survey_summary.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import datetime
import sys

from harness import Client, Org, Suite, created

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
W = Org(BIN, DB, "Kainuun pilotti", ("counsellor", "manager", "employer", "admin"), "y", "Kysely-yhteenveto-2026",
        lang="fi")
S = Suite("survey summary" + (" (postgres)" if IS_PG else " (sqlite)"))
C, M = W.as_("counsellor"), W.as_("manager")
TODAY = datetime.date.today().isoformat()
PERIOD = f"from={TODAY[:4]}-01-01&to={TODAY}"
P = {}

BASE = {"_consent": True, "last_name": "Vastaaja", "in_finland": "yes", "sector": "agriculture", "current_job": "Marjanpoimija",
        "employment_type": "agency", "isced_level": "3", "licences": ["driving_b"],
        "language_levels": {"en": "A2"}, "long_term_interest": "yes", "has_spouse": "no"}
# 1 th TH  Somchai  long_term yes, sectors [forestry, metal], has_spouse no, isced 3, languages th en
# 2 th TH  Anong    long_term yes, sectors [forestry],        has_spouse no, isced 3, languages th en
# 3 th TH  Kasem    long_term no,                             has_spouse no, isced 2, languages th en
# 4 vi VN  Lan      long_term yes, sectors [metal],           has_spouse yes (spouse in Finland), isced 6, vi en
# 5 ru RU  Ivan     outside the programme (a link without it): long_term no, has_spouse no
# In the programme: 4 responses; long_term_interest yes 3 (75.0 %), no 1; sectors forestry 2, metal 2 of 3
# answered; by language: th 3, vi 1; by role: worker 3, worker_with_spouse 1. All five: responses 5.
ANSWERS = [
    ("th", {"first_name": "Somchai", "nationality": "TH", "mother_tongue": "th", "long_term_sectors": ["forestry", "metal"],
            "language_levels": {"th": "native", "en": "A2"}}),
    ("th", {"first_name": "Anong", "nationality": "TH", "mother_tongue": "th", "long_term_sectors": ["forestry"],
            "language_levels": {"th": "native", "en": "B1"}}),
    ("th", {"first_name": "Kasem", "nationality": "TH", "mother_tongue": "th", "long_term_interest": "no",
            "isced_level": "2", "language_levels": {"th": "native", "en": "A1"}}),
    ("vi", {"first_name": "Lan", "nationality": "VN", "mother_tongue": "vi", "long_term_sectors": ["metal"],
            "isced_level": "6", "has_spouse": "yes", "spouse_location": "in_finland",
            "language_levels": {"vi": "native", "en": "B2"}}),
]


def seasonal_id():
    return next(x["id"] for x in C.get("/api/v1/surveys").json["items"] if x["slug"] == "seasonal-worker")


def submit(tok, key, lang, answers):
    r = Client(W.server).post(f"/api/v1/public/surveys/{tok}/responses",
                              {"submission_key": key, "lang": lang, "answers": answers})
    assert r.status == 201, (r.status, r.body[:400])


def test_fixture(s):
    P["prog"] = created(W.as_("admin").post("/api/v1/programmes", {"name": "Pitovoimapilotti", "region": "Kainuu"}),
                        "programme")["id"]
    sid = seasonal_id()
    for i, (lang, a) in enumerate(ANSWERS):
        tok = created(C.post("/api/v1/survey-invitations", {"survey_id": sid, "programme_id": P["prog"]}),
                      "link")["items"][0]["token"]
        answers = {**BASE, **a}
        if answers.get("long_term_interest") == "no":
            answers.pop("long_term_sectors", None)
        submit(tok, f"summary-key-{i:04d}-aaaaaaaaaaaaaaaa", lang, answers)
    tok = created(C.post("/api/v1/survey-invitations", {"survey_id": sid}), "link")["items"][0]["token"]
    submit(tok, "summary-key-9999-aaaaaaaaaaaaaaaa", "ru",
           {**BASE, "first_name": "Ivan", "nationality": "RU", "mother_tongue": "ru", "long_term_interest": "no"})


def question(j, qid):
    return next((q for q in j["questions"] if q["id"] == qid), None)


def counts(q):
    return {v["value"]: v["count"] for v in q["values"] if v["count"]}


def test_counts(s):
    r = M.get(f"/api/v1/reports/survey-summary?survey=seasonal-worker&{PERIOD}&programme_id={P['prog']}")
    s.check(r.status == 200, f"the manager reads the summary: {r.status} {r.body[:300]!r}")
    j = r.json
    s.check(j["responses"] == 4, f"four responses through the programme's links: {j['responses']}")
    lt = question(j, "long_term_interest")
    s.check(lt and lt["answered"] == 4 and counts(lt) == {"yes": 3, "no": 1},
            f"long-term interest: yes 3, no 1 of 4: {lt}")
    yes = next(v for v in lt["values"] if v["value"] == "yes")
    s.check(yes["pct"] == 75.0, f"75.0 % said yes: {yes}")
    sec = question(j, "long_term_sectors")
    s.check(sec and sec["answered"] == 3 and counts(sec) == {"forestry": 2, "metal": 2},
            f"preferred sectors of the three interested, several each: {sec and counts(sec)}")
    s.check([v["value"] for v in sec["values"]][:2] and all(v.get("text") for v in sec["values"]),
            "every option listed with its text, zeros too")
    langs = question(j, "language_levels")
    s.check(langs and counts(langs) == {"th": 3, "en": 4, "vi": 1}, f"languages known: {langs and counts(langs)}")
    ids = {q["id"] for q in j["questions"]}
    for personal in ("first_name", "last_name", "phone", "email", "spouse_first_name", "current_job"):
        s.check(personal not in ids, f"no personal field counted: {personal}")
    s.check(question(j, "nationality")["text"] == "Kansalaisuus",
            f"question texts in the user's language: {question(j, 'nationality')['text']!r}")
    # a text's placeholder in its neutral wording: the report names no one programme's region
    s.check(not any("{" in q["text"] for q in j["questions"]) and
            question(j, "long_term_region")["text"] == "Kiinnostaako tämä alue sinua pidempiaikaisena asuin- ja "
            "työpaikkana?", f"no placeholder left in a question: {question(j, 'long_term_region')!r}")
    allp = M.get(f"/api/v1/reports/survey-summary?survey=seasonal-worker&{PERIOD}").json
    s.check(allp["responses"] == 5, f"all links: five ({allp['responses']})")


def test_by(s):
    j = M.get(f"/api/v1/reports/survey-summary?survey=seasonal-worker&{PERIOD}&programme_id={P['prog']}&by=lang").json
    s.check(j["groups"] == {"th": 3, "vi": 1}, f"by language: th 3, vi 1 ({j['groups']})")
    lt = question(j, "long_term_interest")
    yes = next(v for v in lt["values"] if v["value"] == "yes")
    s.check(yes["by"] == {"th": 2, "vi": 1}, f"yes by language: {yes['by']}")
    j = M.get(f"/api/v1/reports/survey-summary?survey=seasonal-worker&{PERIOD}&programme_id={P['prog']}&by=role").json
    s.check(j["groups"] == {"worker": 3, "worker_with_spouse": 1}, f"by role: {j['groups']}")
    j = M.get(f"/api/v1/reports/survey-summary?survey=seasonal-worker&{PERIOD}&by=nationality").json
    s.check(j["groups"] == {"TH": 3, "VN": 1, "RU": 1}, f"by nationality: {j['groups']}")


def test_csv(s):
    r = M.get(f"/api/v1/reports/survey-summary.csv?survey=seasonal-worker&{PERIOD}&programme_id={P['prog']}&lang=fi")
    text = r.body.decode("utf-8-sig")
    lines = text.splitlines()
    s.check(r.status == 200 and r.body.startswith(b"\xef\xbb\xbf") and lines[0].startswith("Kysymys;Vastaus;"),
            f"the funder's CSV: BOM, Finnish headers, semicolons: {lines[:1]}")
    s.check(any(";<5;" in ln for ln in lines) and not any(";1;" in ln for ln in lines),
            "counts under 5 hidden as <5")
    s.check(any(ln.startswith("Kansalaisuus;Thaimaa;<5") for ln in lines) and
            any(ln.startswith("Äidinkieli;thai;<5") for ln in lines) and
            any(";kyllä;" in ln for ln in lines) and not any(";yes;" in ln or ";TH;" in ln for ln in lines),
            f"answers that are codes read as words: {lines[:4]}")


def test_refused(s):
    s.expect(M.get(f"/api/v1/reports/survey-summary?{PERIOD}"), 400, "no survey named", "invalid", "survey")
    s.expect(M.get(f"/api/v1/reports/survey-summary?survey=seasonal-worker&{PERIOD}&by=shoe_size"), 400,
             "an unknown dimension", "invalid", "by")
    s.expect(M.get(f"/api/v1/reports/survey-summary?survey=seasonal-worker&{PERIOD}&target_group=spouse"), 400,
             "a client filter is not a filter of answers", "invalid", "target_group")
    s.expect(W.as_("employer").get(f"/api/v1/reports/survey-summary?survey=seasonal-worker&{PERIOD}"), 403,
             "an employer reads no answers", "forbidden")
    j = M.get(f"/api/v1/reports/survey-summary?survey=no-such-survey&{PERIOD}").json
    s.check(j.get("responses") == 0 and j.get("questions") == [], f"an unknown survey has no answers: {j}")


def test_page(s):
    import re
    r = M.get(f"/reports/surveys?survey=seasonal-worker&{PERIOD}&programme_id={P['prog']}&by=lang")
    html = r.body.decode()
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S))
    s.check(r.status == 200 and "Kyselyn yhteenveto" in text and 'data-key="responses">4<' in html,
            f"the page in Finnish with the API's count: {r.status} {text[:200]!r}")
    s.check('id="ss-long_term_interest"' in html and "kyllä" in text and "thai" in text and "vietnam" in text,
            "a question's table with its answers and the languages as columns, in words")
    for raw in ("long_term_interest", "worker_with_spouse", "ss.", "(none)", "{region}"):
        s.check(raw not in text, f"no raw code {raw!r} in the page's text")
    s.check("/api/v1/reports/survey-summary.csv?survey=seasonal-worker" in html, "a link to the funder's CSV")
    s.check(M.get("/reports/surveys").status == 200, "the page without a survey chosen shows the form")
    s.check('href="/reports/surveys"' in M.get("/reports").body.decode(), "the figures page links to it")
    s.check(W.as_("employer").get("/reports/surveys").status == 403, "an employer may not open it")


S.run([test_fixture, test_counts, test_by, test_csv, test_refused, test_page])
rc = W.server.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
