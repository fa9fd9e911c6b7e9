#!/usr/bin/python3
"""Employers' needs (issue 15 item 1), on a fixture derived by hand: needs records with their arrivals (a new report
is a new record: the newest is current, the older ones stay), who may read and write them (coordinators and
counsellors write, managers read, an employer-role user reads no entity: its portal page shows its own company's
records, never another's, never the staff's notes), validation answered with 400 naming the field; a coordinator sends the employer-needs
survey (no longer 403) but not a client's survey; the answers, once a coordinator accepts them, become a needs record
of the employer the link names (not a client); the overview per region and sector (GET
/api/v1/reports/employer-needs and its Finnish CSV) counted by hand; the overview page and the employer page in
Finnish with no raw codes.
Usage: test_employer_needs.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import re
import sys
import urllib.parse

from harness import Client, Org, Suite, created

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
YEAR = "from=2027-01-01&to=2027-12-31"
PW = "Tarpeet-salasana-2026"

W = Org(BIN, DB, "Kainuun osaamiskeskus", ("counsellor", "coordinator", "manager", "admin"), "n", PW, lang="fi")
S = Suite("employer needs" + (" (postgres)" if IS_PG else " (sqlite)"))
C, CO, M, A = W.as_("counsellor"), W.as_("coordinator"), W.as_("manager"), W.as_("admin")
F = {}


def form(c, path, data):
    return c.request("POST", path, raw=urllib.parse.urlencode({"csrf": c.csrf, **data}, doseq=True).encode(),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})


def text_of(html):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def need(c, employer, reported_on, arrivals=(), **kw):
    nid = created(c.post("/api/v1/employer-needs", {"employer_id": employer, "reported_on": reported_on, **kw}),
                  "need")["id"]
    for year, month, title, workers, kind in arrivals:
        created(c.post("/api/v1/employer-need-arrivals", {"need_id": nid, "year": year, "month": month,
                                                          "title": title, "workers": workers, "kind": kind}), title)
    return nid


# The fixture. Employers: A Kajaani metalliteollisuus, B Sotkamo metsätalous, C Kajaani metalliteollisuus.
#  A record 1 (2026-09-01, coordinator): 2027-05 seasonal 10 Hitsaaja                      (history: not counted)
#  A record 2 (2026-11-01, coordinator): 2027-05 agency 4 Hitsaaja, 2027-06 seasonal 6 Levyseppä,
#     2028-01 permanent 3 (after 2027); longer-term yes; challenges language, housing; services recruitment_help,
#     workplace_language
#  B record   (2026-10-01, counsellor):  2027-06 seasonal 12 Metsuri, 2027-07 agency 5 Metsäkoneenkuljettaja;
#     longer-term maybe; challenges housing, transport; services housing_help
#  C record   (today, from the survey):  2027-05 permanent 2 CNC-koneistaja; longer-term yes; challenges language,
#     induction; services induction_support, workplace_language
# In 2027: 3 employers, 29 workers (seasonal 18, agency 9, permanent 2); 2027-05: 6, 2027-06: 18, 2027-07: 5.
# Kajaani/metalliteollisuus: 2 employers, 12 workers (6 / 4 / 2), 2 interested in longer-term hiring;
# Sotkamo/metsätalous: 1 employer, 17 workers (12 / 5 / 0), none. Challenges: language 2, housing 2, transport 1,
# induction 1. Services: workplace_language 2, recruitment_help 1, housing_help 1, induction_support 1.
def test_fixture(s):
    for key, name, mun, sector in (("A", "Kainuun Metalli Oy", "Kajaani", "metalliteollisuus"),
                                   ("B", "Sotkamon Metsä Oy", "Sotkamo", "metsätalous"),
                                   ("C", "Kajaanin Konepaja Oy", "Kajaani", "metalliteollisuus")):
        F[key] = created(CO.post("/api/v1/employers", {"name": name, "municipality": mun, "sector": sector}))["id"]
    for email, emp in (("ea@metalli.fi", F["A"]), ("eb@metsa.fi", F["B"])):
        created(A.post("/api/v1/users/new", {"email": email, "name": "Työnantaja " + email[:2], "role": "employer",
                                             "password": PW, "organisation_id": int(W.id), "employer_id": emp}))
    F["A1"] = need(CO, F["A"], "2026-09-01", [(2027, 5, "Hitsaaja", 10, "seasonal")], source="meeting",
                   longer_term_hiring="no", challenges=["language"])
    F["A2"] = need(CO, F["A"], "2026-11-01", [(2027, 5, "Hitsaaja", 4, "agency"), (2027, 6, "Levyseppä", 6, "seasonal"),
                                              (2028, 1, "Työnjohtaja", 3, "permanent")],
                   source="phone", longer_term_hiring="yes", challenges=["language", "housing"],
                   services_wanted=["recruitment_help", "workplace_language"], skills_lacking="MIG-hitsaus")
    F["B1"] = need(C, F["B"], "2026-10-01", [(2027, 6, "Metsuri", 12, "seasonal"),
                                             (2027, 7, "Metsäkoneenkuljettaja", 5, "agency")],
                   longer_term_hiring="maybe", challenges=["housing", "transport"], services_wanted=["housing_help"])
    s.check(True, "fixture written")


def employer_client(email):
    c = Client(W.server)
    c.login(email, PW)
    return c


def test_access(s):
    s.check(M.get(f"/api/v1/employer-needs?employer_id={F['A']}").status == 200, "a manager reads the needs")
    s.expect(M.post("/api/v1/employer-needs", {"employer_id": F["A"], "reported_on": "2026-12-01"}), 403,
             "a manager does not write them", "forbidden")
    s.expect(M.patch(f"/api/v1/employer-needs/{F['A2']}", {"notes": "x"}), 403, "nor change them", "forbidden")
    s.expect(A.get("/api/v1/employer-needs"), 403, "an admin does not read employers' needs", "forbidden")
    ea = employer_client("ea@metalli.fi")
    for path in ("/api/v1/employer-needs", f"/api/v1/employer-needs/{F['A2']}", f"/api/v1/employer-needs/{F['B1']}",
                 f"/api/v1/employer-need-arrivals?need_id={F['A2']}", "/api/v1/reports/employer-needs?" + YEAR):
        s.expect(ea.get(path), 403, f"an employer-role user reads no needs record ({path})", "forbidden")
    s.expect(ea.post("/api/v1/employer-needs", {"employer_id": F["B"], "reported_on": "2026-12-01"}), 403,
             "nor writes one for another employer", "forbidden")
    s.expect(ea.post("/api/v1/employer-needs", {"employer_id": F["A"], "reported_on": "2026-12-01"}), 403,
             "nor for its own (it answers the survey link)", "forbidden")
    s.check(ea.get("/employer-needs").status == 403, "nor opens the overview page")
    r = CO.patch(f"/api/v1/employer-needs/{F['A2']}", {"skills_lacking": "MIG- ja TIG-hitsaus"})
    s.check(r.status == 200 and r.json["skills_lacking"] == "MIG- ja TIG-hitsaus", f"a coordinator corrects one: {r.status}")


def test_employer_sees_its_own_needs(s):
    """The company's own user sees its needs as recorded on its portal page (newest first, with the workers expected),
    never another company's, never the staff's notes."""
    CO.patch(f"/api/v1/employer-needs/{F['A2']}", {"notes": "Sisäinen muistiinpano: soita marraskuussa"})
    page = employer_client("ea@metalli.fi").get("/portal")
    body = page.body.decode()
    sec = body[body.find('id="portal-needs"'):]
    t = text_of(sec)
    s.check(page.status == 200 and 'id="portal-needs"' in body, f"the portal has the needs section: {page.status}")
    s.check("Levyseppä" in t and "Työnjohtaja" in t and "Hitsaaja" in t, "its arrivals are listed")
    s.check(t.find("1.11.2026") < t.find("1.9.2026") and t.find("1.11.2026") >= 0, "the newest record first")
    s.check("Metsuri" not in t and "Metsäkoneenkuljettaja" not in t, "not another company's")
    s.check("Sisäinen muistiinpano" not in body, "not the staff's notes")
    s.check("housing" not in t and "recruitment_help" not in t, "values as words, not codes")
    none = Client(W.server)
    created(A.post("/api/v1/users/new", {"email": "ec@konepaja.fi", "name": "Työnantaja ec", "role": "employer",
                                         "password": PW, "organisation_id": int(W.id), "employer_id": F["C"]}))
    none.login("ec@konepaja.fi", PW)
    t = text_of(none.get("/portal").body.decode())
    s.check("ei ole vielä kirjattu työvoimatarpeita" in t and "Hitsaaja" not in t, "a company without records is told so")


def test_validation(s):
    cases = [
        ({"employer_id": F["A"], "reported_on": "2026-12-01", "challenges": ["weather"]}, "challenges"),
        ({"employer_id": F["A"], "reported_on": "2026-12-01", "longer_term_hiring": "sometimes"}, "longer_term_hiring"),
        ({"employer_id": F["A"], "reported_on": "2026-13-01"}, "reported_on"),
        ({"employer_id": F["A"]}, "reported_on"),
        ({"reported_on": "2026-12-01"}, "employer_id"),
        ({"employer_id": F["A"], "reported_on": "2026-12-01", "services_wanted": "recruitment_help"}, "services_wanted"),
    ]
    for body, field in cases:
        r = CO.post("/api/v1/employer-needs", body)
        s.expect(r, 400, f"needs record refused ({field})", "invalid", field)
        msg = (r.json or {}).get("error", {}).get("message", "")
        s.check(field in msg or len(msg) > 10, f"a message a person can act on: {msg!r}")
    r = CO.post("/api/v1/employer-needs", {"employer_id": 999999, "reported_on": "2026-12-01"})
    s.check(r.status in (400, 404) and r.json["error"]["field"] == "employer_id", f"an unknown employer: {r.status}")
    for body, field in (({"month": 13}, "month"), ({"workers": 0}, "workers"), ({"kind": "temporary"}, "kind"),
                        ({"year": 1999}, "year"), ({"title": ""}, "title")):
        full = {"need_id": F["A2"], "year": 2027, "month": 5, "title": "Hitsaaja", "workers": 1, "kind": "agency", **body}
        s.expect(CO.post("/api/v1/employer-need-arrivals", full), 400, f"arrival refused ({field})", "invalid", field)
    r = CO.post("/api/v1/employer-needs", {"employer_id": F["A"], "reported_on": "2026-12-01", "challenges": ["weather"]})
    s.check("weather" in r.json["error"]["message"] or "challenges" in r.json["error"]["message"],
            f"the message names what is wrong: {r.json['error']}")


def test_history(s):
    items = CO.get(f"/api/v1/employer-needs?employer_id={F['A']}").json["items"]
    s.check([x["id"] for x in items] == [F["A2"], F["A1"]], f"both records kept, the newest first: {items}")
    old = CO.get(f"/api/v1/employer-need-arrivals?need_id={F['A1']}").json["items"]
    s.check(len(old) == 1 and old[0]["workers"] == 10, "the older record keeps its arrivals")
    j = M.get("/api/v1/reports/employer-needs?from=2026-01-01&to=2026-10-31").json
    rows = {r["employer_id"]: r["need_id"] for r in j["rows"]}
    s.check(rows == {F["A"]: F["A1"], F["B"]: F["B1"]},
            f"as of the end of October the older record of A was current, C had none: {rows}")
    j = M.get("/api/v1/reports/employer-needs?" + YEAR).json
    rows = {r["employer_id"]: r["need_id"] for r in j["rows"]}
    s.check(rows.get(F["A"]) == F["A2"], f"now the newest is current: {rows}")


def survey_id(slug):
    return next(x["id"] for x in C.get("/api/v1/surveys").json["items"] if x["slug"] == slug)


# a client's answers to the competence survey (a survey whose answers counsellors review)
CLIENT_ANSWERS = {"_consent": True, "first_name": "Rana", "last_name": "Haddad", "email": "rana@example.org",
                  "mother_tongue": "ar", "birth_year": "1988", "isced_level": "6", "degree_title": "Pharmacy",
                  "education_country": "SY", "completed_year": 2019, "availability": "now", "recognition": "applied"}
NEEDS_ANSWERS = {
    "_consent": True,
    "arrivals": [{"arrival_year": 2027, "arrival_month": "5", "arrival_role": "CNC-koneistaja", "arrival_workers": 2,
                  "arrival_kind": "permanent"}],
    "longer_term_hiring": "yes", "skills_lacking": "CNC-ohjelmointi", "challenges": ["language", "induction"],
    "services_wanted": ["induction_support", "workplace_language"], "needs_notes": "Soittakaa aamupäivisin.",
}


def test_invitation_and_accept(s):
    needs_id = survey_id("employer-needs")
    r = CO.post("/api/v1/survey-invitations", {"survey_id": needs_id, "employer_id": F["C"], "lang": "fi"})
    s.check(r.status == 201, f"a coordinator sends the employer-needs survey (no longer 403): {r.status} {r.body[:200]!r}")
    tok = r.json["items"][0]["token"]
    s.expect(CO.post("/api/v1/survey-invitations", {"survey_id": survey_id("seasonal-worker")}), 403,
             "but not a survey for clients", "forbidden")
    s.expect(CO.post("/api/v1/survey-invitations", {"survey_id": survey_id("seasonal-worker"), "employer_id": F["C"]}),
             400, "a client survey is not sent to an employer", "invalid", "employer_id")
    s.expect(CO.post("/api/v1/survey-invitations", {"survey_id": needs_id, "employer_id": 999999}), 400,
             "an unknown employer", "invalid", "employer_id")
    s.check(C.post("/api/v1/survey-invitations", {"survey_id": needs_id, "employer_id": F["B"]}).status == 201,
            "a counsellor may send it too")
    s.expect(M.post("/api/v1/survey-invitations", {"survey_id": needs_id, "employer_id": F["B"]}), 403,
             "a manager does not", "forbidden")
    pub = Client(W.server)
    form = pub.get(f"/api/v1/public/surveys/{tok}")
    s.check(form.status == 200, f"the employer opens the link without logging in: {form.status}")
    r = pub.post(f"/api/v1/public/surveys/{tok}/responses",
                 {"submission_key": "needs-" + "c" * 24, "lang": "fi", "answers": NEEDS_ANSWERS})
    s.check(r.status == 201, f"the employer answers: {r.status} {r.body[:300]!r}")
    # a client's answers stay the counsellors'
    ctok = created(C.post("/api/v1/survey-invitations",
                          {"survey_id": survey_id("competence-intake")}))["items"][0]["token"]
    created(pub.post(f"/api/v1/public/surveys/{ctok}/responses", {"submission_key": "ci-" + "d" * 26, "lang": "fi",
                                                                   "answers": CLIENT_ANSWERS}))
    queue = CO.get("/api/v1/survey-responses?status=submitted")
    s.check(queue.status == 200, f"a coordinator reads the review queue: {queue.status}")
    slugs = {x["survey_slug"] for x in queue.json["items"]}
    s.check(slugs == {"employer-needs"}, f"only the employer-needs answers in a coordinator's queue: {slugs}")
    rid = queue.json["items"][0]["id"]
    fb = [x for x in C.get("/api/v1/survey-responses?status=submitted").json["items"]
          if x["survey_slug"] == "competence-intake"]
    s.check(len(fb) == 1, "the counsellor's queue has the client's answers")
    s.expect(CO.get(f"/api/v1/survey-responses/{fb[0]['id']}"), 403, "a coordinator does not read a client's answers",
             "forbidden")
    got = CO.get(f"/api/v1/survey-responses/{rid}")
    s.check(got.status == 200 and got.json["answers"]["skills_lacking"] == "CNC-ohjelmointi", "a coordinator reads it")
    s.expect(C.post(f"/api/v1/survey-responses/{rid}/accept", {"create_client": True, "accept": []}), 400,
             "the answers do not become a client", "invalid", "employer_id")
    before = C.get("/api/v1/clients?limit=1").json["total"]
    r = CO.post(f"/api/v1/survey-responses/{rid}/accept", {})
    s.check(r.status == 200 and r.json.get("need_id"), f"accepted into a needs record: {r.status} {r.body[:300]!r}")
    nid = r.json["need_id"]
    rec = CO.get(f"/api/v1/employer-needs/{nid}").json
    s.check(rec["employer_id"] == F["C"] and rec["source"] == "survey" and rec["longer_term_hiring"] == "yes"
            and sorted(rec["challenges"]) == ["induction", "language"] and rec["notes"] == "Soittakaa aamupäivisin.",
            f"the record of the employer the link names: {rec}")
    arr = CO.get(f"/api/v1/employer-need-arrivals?need_id={nid}").json["items"]
    s.check(len(arr) == 1 and arr[0]["workers"] == 2 and arr[0]["month"] == 5 and arr[0]["kind"] == "permanent"
            and arr[0]["title"] == "CNC-koneistaja", f"its arrivals: {arr}")
    s.check(C.get("/api/v1/clients?limit=1").json["total"] == before, "no client was made")
    s.expect(CO.post(f"/api/v1/survey-responses/{rid}/accept", {}), 409, "accepted once", "conflict")


def test_overview(s):
    r = M.get("/api/v1/reports/employer-needs?" + YEAR)
    s.check(r.status == 200, f"a manager reads the overview: {r.status} {r.body[:200]!r}")
    j = r.json
    s.check(j["employers"] == 3 and j["workers"] == 29, f"3 employers, 29 workers: {j['employers']}, {j['workers']}")
    s.check(j["by_kind"] == {"seasonal": 18, "agency": 9, "permanent": 2}, f"by kind: {j['by_kind']}")
    months = {m["month"]: m["workers"] for m in j["by_month"] if m["workers"]}
    s.check(months == {"2027-05": 6, "2027-06": 18, "2027-07": 5}, f"by month: {months}")
    s.check(len(j["by_month"]) == 12, "every month of the period listed")
    regions = {(x["municipality"], x["sector"]): (x["employers"], x["workers"], x["seasonal"], x["agency"],
                                                 x["permanent"], x["longer_term_yes"]) for x in j["regions"]}
    s.check(regions == {("Kajaani", "metalliteollisuus"): (2, 12, 6, 4, 2, 2),
                        ("Sotkamo", "metsätalous"): (1, 17, 12, 5, 0, 0)}, f"per region and sector: {regions}")
    ch = {x["value"]: x["count"] for x in j["challenges"] if x["count"]}
    s.check(ch == {"language": 2, "housing": 2, "transport": 1, "induction": 1}, f"challenges: {ch}")
    sv = {x["value"]: x["count"] for x in j["services_wanted"] if x["count"]}
    s.check(sv == {"workplace_language": 2, "recruitment_help": 1, "housing_help": 1, "induction_support": 1},
            f"services wanted: {sv}")
    hi = {x["value"]: x["count"] for x in j["longer_term_hiring"] if x["count"]}
    s.check(hi == {"yes": 2, "maybe": 1}, f"longer-term hiring: {hi}")
    k = M.get("/api/v1/reports/employer-needs?" + YEAR + "&municipality=Kajaani").json
    s.check(k["employers"] == 2 and k["workers"] == 12, f"Kajaani only: {k['employers']}, {k['workers']}")
    f = M.get("/api/v1/reports/employer-needs?" + YEAR + "&sector=mets%C3%A4talous").json
    s.check(f["employers"] == 1 and f["workers"] == 17, f"forestry only: {f['employers']}, {f['workers']}")
    s.expect(M.get("/api/v1/reports/employer-needs?from=2027-12-01&to=2027-01-01"), 400, "a period backwards",
             "invalid")
    s.expect(M.get("/api/v1/reports/employer-needs?" + YEAR + "&target_group=immigrant"), 400,
             "a client's target group is not a filter of employers", "invalid", "target_group")
    csv = M.get("/api/v1/reports/employer-needs.csv?lang=fi&" + YEAR)
    body = csv.body.decode("utf-8")
    s.check(csv.status == 200 and body.startswith("\ufeff") and "Alue (kunta);Toimiala;Yrityksiä" in body,
            f"the Finnish CSV for Excel: {body[:200]!r}")
    s.check("Kajaani;Metalliteollisuus;2;12;6;4;2;2\r\n" in body and "Sotkamo;Metsätalous;1;17;12;5;0;0\r\n" in body,
            f"its rows: {body!r}")
    en = M.get("/api/v1/reports/employer-needs.csv?" + YEAR).body.decode()
    s.check(en.startswith("municipality,sector,employers,workers"), f"the machine layout: {en[:80]!r}")
    s.check(C.get("/api/v1/reports/employer-needs?" + YEAR).status == 200, "a counsellor reads it")


def test_pages(s):
    r = CO.get("/employer-needs?" + YEAR)
    html = r.body.decode()
    t = text_of(html)
    s.check(r.status == 200 and "Yritysten työvoimatarpeet" in t and "Alueittain ja toimialoittain" in t,
            f"the overview page in Finnish: {r.status} {t[:300]!r}")
    s.check('data-key="employers">3<' in html and 'data-key="workers">29<' in html, "its figures are the API's")
    s.check("<svg" in html and "Tulevat työntekijät kuukausittain" in html, "a chart with its title")
    for raw in ("workplace_language", "recruitment_help", "longer_term", "seasonal", "agency", "(none)"):
        s.check(raw not in t, f"no raw code {raw!r} in the page's text")
    s.check("kielikoulutus työpaikalla" in t and "Vuokratyöntekijät" in t, "codes as words")
    s.check(f'href="/employers/{F["A"]}' in html, "the employers link to their pages")
    m = M.get("/employer-needs?" + YEAR)
    s.check(m.status == 200 and f'href="/employers/{F["A"]}' not in m.body.decode(),
            "a manager sees the overview without links to employer pages it may not open")
    e = CO.get(f"/employers/{F['A']}")
    et = text_of(e.body.decode())
    s.check(e.status == 200 and "Voimassa olevat työvoimatarpeet" in et and "Levyseppä" in et,
            f"the employer page shows its current needs: {e.status}")
    s.check('href="/employer-needs"' in e.body.decode(), "and links to the overview")
    s.check(et.count("Työvoimatarpeet") >= 1 and "1.9.2026" in et, "its history lists the older record")
    rep = M.get("/reports").body.decode()
    s.check('href="/employer-needs"' in rep, "the figures page links to the overview")


def test_page_survey_flow(s):
    """From the employer's page: a coordinator makes the link, the employer answers, the answers show on the page in
    Finnish as words, and the accept button makes them the employer's new needs record."""
    page = CO.get(f"/employers/{F['B']}").body.decode()
    s.check(f'action="/employers/{F["B"]}/needs-survey"' in page, "the employer page offers the needs survey")
    s.check(M.get(f"/employers/{F['B']}").status == 403, "(a manager does not open employer pages)")
    r = form(CO, f"/employers/{F['B']}/needs-survey", {"lang": "fi"})
    html = r.body.decode()
    m = re.search(r'href="https?://[^"]+/s/([0-9a-f]+)"', html)
    s.check(r.status == 201 and m and "<svg" in html, f"the link is shown once with its QR code: {r.status}")
    s.expect(form(M, f"/employers/{F['B']}/needs-survey", {"lang": "fi"}), 403, "a manager does not send it")
    answers = {"_consent": True, "arrivals": [{"arrival_year": 2027, "arrival_month": "8", "arrival_role": "Metsuri",
                                               "arrival_workers": 7, "arrival_kind": "seasonal"}],
               "longer_term_hiring": "yes", "challenges": ["housing"], "services_wanted": ["housing_help"]}
    r = Client(W.server).post(f"/api/v1/public/surveys/{m.group(1)}/responses",
                              {"submission_key": "page-" + "e" * 25, "lang": "fi", "answers": answers})
    s.check(r.status == 201, f"the employer answers: {r.status}")
    page = CO.get(f"/employers/{F['B']}").body.decode()
    t = text_of(page)
    s.check("Tarkistettavat vastaukset" in t and "Kausityöntekijöitä" in t and "Asunnot" in t and "Metsuri" in t,
            f"the answers wait on the employer's page, as words: {t[t.find('Työvoimatarvekysely'):][:400]!r}")
    s.check("housing_help" not in t and "seasonal" not in t, "no raw codes in them")
    rid = re.search(rf'action="/employers/{F["B"]}/needs-answers/(\d+)/accept"', page)
    s.check(rid is not None, "with an accept button")
    r = C.get(f"/reviews/{rid.group(1)}")
    s.check(r.status == 200 and f"needs-answer-{rid.group(1)}" in r.body.decode() and "Tarkistettavat vastaukset" in
            text_of(r.body.decode()), f"the counsellors' review page sends them to the employer's page: {r.status}")
    s.expect(form(CO, f"/employers/{F['A']}/needs-answers/{rid.group(1)}/accept", {}), 404,
             "the answers are not accepted for another employer")
    r = form(CO, f"/employers/{F['B']}/needs-answers/{rid.group(1)}/accept", {})
    s.check(r.status == 200 and "Vastaukset kirjattiin yrityksen uusiksi tarpeiksi" in r.body.decode(),
            f"accepted, back on the employer page: {r.status}")
    items = CO.get(f"/api/v1/employer-needs?employer_id={F['B']}").json["items"]
    s.check(len(items) == 2 and items[0]["source"] == "survey" and items[0]["challenges"] == ["housing"],
            f"the employer's new current record, the old one kept: {items}")
    s.check("Tarkistettavat vastaukset" not in text_of(CO.get(f"/employers/{F['B']}").body.decode()),
            "no answers wait any more")


def test_record_page(s):
    """A needs record's page: its facts and arrivals as words; an arrival added through the form, a wrong one refused
    in Finnish with the input kept."""
    r = CO.get(f"/employer-needs/{F['A2']}")
    t = text_of(r.body.decode())
    s.check(r.status == 200 and "Tarveilmoitus" in t and "Levyseppä" in t, f"the record's page: {r.status}")
    s.check("Hitsaaja" in t and "vuokratyö" in t and "2027" in t and "2\u00a0027" not in t and "2 027" not in t,
            f"its arrivals as words, years without a group separator: {t[:400]!r}")
    for raw in ("agency", "seasonal", "recruitment_help"):
        s.check(raw not in t, f"no raw code {raw!r} on the record's page")
    bad = form(CO, f"/employer-needs/{F['A2']}/add/employer-need-arrivals",
               {"year": "2027", "month": "13", "title": "Koneistaja", "workers": "2", "kind": "agency"})
    s.check(bad.status == 400 and 'value="Koneistaja"' in bad.body.decode(), f"a month 13 refused, input kept: {bad.status}")
    ok = form(CO, f"/employer-needs/{F['A2']}/add/employer-need-arrivals",
              {"year": "2027", "month": "9", "title": "Koneistaja", "workers": "2", "kind": "agency"})
    s.check(ok.status == 200 and "Koneistaja" in text_of(ok.body.decode()), f"an arrival added from the form: {ok.status}")
    arr = CO.get(f"/api/v1/employer-need-arrivals?need_id={F['A2']}").json["items"]
    s.check(any(a["title"] == "Koneistaja" and a["month"] == 9 and a["workers"] == 2 for a in arr), "stored")
    s.check(M.get(f"/employer-needs/{F['A2']}").status == 403, "a manager reads the overview, not the record pages")
    emp = CO.get(f"/employers/{F['A']}").body.decode()
    s.check(f'href="/employer-needs/{F["A2"]}#sec-employer-need-arrivals"' in emp, "the employer page links to it")


S.run([test_fixture, test_access, test_employer_sees_its_own_needs, test_validation, test_history, test_invitation_and_accept, test_overview,
       test_pages, test_page_survey_flow, test_record_page])
rc = W.server.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
