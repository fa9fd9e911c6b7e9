#!/usr/bin/python3
"""The economic effect (issue 16 item 9) and client feedback (item 8b), on a fixture derived by hand below: the
estimate of new tax revenue and saved benefit to the cent under the default parameters, after an administrator
changes one (from a day on, so an earlier period keeps the default), a bad value refused with nothing changed, a
counsellor refused; the feedback survey answered through its public links, the count, the mean and the share
satisfied, and no mean below the small-count threshold.
Usage: test_economy_feedback.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import datetime
import sys
import urllib.parse

from harness import Client, Server, Suite, add_org, add_user, db_sql, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Talousvaikutus-salasana-2026"
Y2025 = "from=2025-01-01&to=2025-12-31"
Y2024 = "from=2024-01-01&to=2024-12-31"

osaaja(BIN, "init", "--db", DB)
ORG = add_org(BIN, DB, "Osaamiskeskus")
ORG2 = add_org(BIN, DB, "Toinen")
for role, org in (("counsellor", ORG), ("manager", ORG), ("admin", ORG), ("admin2", ORG2)):
    add_user(BIN, DB, f"e-{role}@t.fi", role.rstrip("2"), org, PW, name=role.title())
srv = Server(BIN, DB)
S = Suite("economy and feedback" + (" (postgres)" if IS_PG else " (sqlite)"))


def as_(role):
    c = Client(srv)
    c.login(f"e-{role}@t.fi", PW)
    return c


C, M, A, A2 = as_("counsellor"), as_("manager"), as_("admin"), as_("admin2")
PROG = A.post("/api/v1/programmes", {"name": "Töihin", "organisation_id": int(ORG)}).json["id"]


def outcome(name, type_, starts, ends=None, hours=None, programme=None):
    body = {"first_name": name, "last_name": "Talous", "intake_on": "2024-06-01", "status": "active"}
    if programme:
        body["programme_id"] = programme
    r = C.post("/api/v1/clients", body)
    assert r.status == 201, r.body[:300]
    o = {"client_id": r.json["id"], "type": type_, "starts_on": starts}
    if type_ == "employed":
        o["isco_code"] = "2512"
    if ends:
        o["ends_on"] = ends
    if hours is not None:
        o["hours_per_week"] = hours
    r = C.post("/api/v1/outcomes", o)
    assert r.status == 201, r.body[:300]


# In 2025 (months counted: 12; full time 37.5 h):
#   A employed 2025-01-15, no end, 37.5 h           12 months x 1    = 12    person-months (programme Töihin)
#   B employed 2025-02-01 .. 2025-04-30, 18.75 h     3 months x 0.5  =  1.5
#   D entrepreneurship 2025-06-01 .. 06-15, no hours 15/30 of June   =  0.5
#   C employed 2024-12-15 (the year before), E education 2025-03-01: not in 2025's estimate
# 2025: 14 person-months; tax 14 x 3900 x 0.30 = 16 380.00; benefit 14 x 800 = 11 200.00; total 27 580.00
# 2024: C alone, 12 person-months; tax 12 x 3900 x 0.30 = 14 040.00; benefit 12 x 800 = 9 600.00 (Kela's 2025
#       figure is the oldest default of the benefit: the nearest to 2024)
outcome("A", "employed", "2025-01-15", hours=37.5, programme=PROG)
outcome("B", "employed", "2025-02-01", "2025-04-30", hours=18.75)
outcome("D", "entrepreneurship", "2025-06-01", "2025-06-15")
outcome("C", "employed", "2024-12-15")
outcome("E", "education", "2025-03-01")


def put(who, path, body):
    return who.request("PUT", path, body)


def cents(x):
    return round(float(x) * 100)


def econ(s, query, employments, pm, tax, benefit, who=M):
    r = who.get("/api/v1/reports/economy?" + query)
    s.expect(r, 200, f"economy {query}")
    j = r.json
    got = (j.get("employments"), cents(j.get("person_months", 0)), cents(j.get("tax_revenue", 0)),
           cents(j.get("saved_benefit", 0)), cents(j.get("total", 0)))
    want = (employments, cents(pm), cents(tax), cents(benefit), cents(tax + benefit))
    s.check(got == want, f"{query}: (employments, pm, tax, benefit, total) in cents {got} == {want}")
    return j


def params(j):
    return {p["key"]: p for p in j["parameters"]}


def test_defaults(s):
    j = econ(s, Y2025, 3, 14, 16380, 11200)
    p = params(j)
    s.check(p["monthly_earnings"]["value"] == 3900 and "Statistics Finland" in p["monthly_earnings"]["source"]
            and "approximate" in p["monthly_earnings"]["source"], f"earnings with their source: {p['monthly_earnings']}")
    s.check(p["tax_rate"]["value"] == 0.3 and p["tax_rate"]["unit"] == "share", f"tax rate: {p['tax_rate']}")
    s.check(p["monthly_benefit"]["value"] == 800 and "Kela" in p["monthly_benefit"]["source"], "Kela named")
    s.check(p["months"]["value"] == 12 and all(x["default"] for x in p.values()), "the defaults are used")
    econ(s, Y2024, 1, 12, 14040, 9600)
    econ(s, Y2025 + f"&programme_id={PROG}", 1, 12, 14040, 9600, who=C)
    s.expect(M.get("/api/v1/reports/economy?" + Y2025 + "&target_group=immigrant"), 400, "not a filter of it",
             "invalid", "target_group")
    s.expect(M.get("/api/v1/reports/economy?from=2025-13-01"), 400, "a bad date", "invalid", "from")


def test_parameters(s):
    r = C.get("/api/v1/economic-parameters")
    s.expect(r, 200, "a counsellor reads the parameters")
    s.check({i["key"] for i in r.json["items"]} == {"monthly_earnings", "tax_rate", "monthly_benefit", "months"},
            "four parameters")
    s.expect(put(C, "/api/v1/economic-parameters", {"items": [{"key": "tax_rate", "value": 0.25, "source": "x"}]}),
             403, "a counsellor may not change them", "forbidden")
    s.expect(put(M, "/api/v1/economic-parameters", {"items": [{"key": "tax_rate", "value": 0.25, "source": "x"}]}),
             403, "nor a manager", "forbidden")
    # a bad item anywhere changes nothing: the good one before it is not written either
    r = put(A, "/api/v1/economic-parameters", {"items": [
        {"key": "monthly_benefit", "value": 900, "source": "Kela 2026", "valid_from": "2025-01-01"},
        {"key": "tax_rate", "value": 30, "source": "typed as percent", "valid_from": "2025-01-01"}]})
    s.expect(r, 400, "a tax rate of 30 (a share is 0..1)", "invalid", "items[1].value")
    s.expect(put(A, "/api/v1/economic-parameters", {"items": [{"key": "months", "value": 2.5, "source": "x"}]}),
             400, "months are whole", "invalid", "items[0].value")
    s.expect(put(A, "/api/v1/economic-parameters", {"items": [{"key": "monthly_earnings", "value": 4200}]}),
             400, "a value needs its source", "invalid", "items[0].source")
    s.expect(put(A, "/api/v1/economic-parameters", {"items": [{"key": "salary", "value": 1, "source": "x"}]}),
             400, "an unknown key", "invalid", "items[0].key")
    s.expect(put(A, "/api/v1/economic-parameters", {"items": [
        {"key": "monthly_earnings", "value": 4200, "source": "x", "valid_from": "2025-02-30"}]}),
        400, "a bad day", "invalid", "items[0].valid_from")
    econ(s, Y2025, 3, 14, 16380, 11200)  # unchanged
    r = put(A, "/api/v1/economic-parameters", {"items": [
        {"key": "monthly_earnings", "value": 4200, "source": "Own follow-up of the programme's hires 2025",
         "valid_from": "2025-01-01"}]})
    s.expect(r, 200, "the admin sets the organisation's earnings")
    got = {i["key"]: i for i in r.json["items"]}
    s.check(got["monthly_earnings"]["value"] == 4200 and not got["monthly_earnings"]["default"], f"answer: {got}")
    # 2025: 14 x 4200 x 0.30 = 17 640.00; 2024 keeps the default (the value is valid from 2025)
    j = econ(s, Y2025, 3, 14, 17640, 11200)
    s.check(params(j)["monthly_earnings"]["source"].startswith("Own follow-up"), "the new source is reported")
    j = econ(s, Y2024, 1, 12, 14040, 9600)
    s.check(params(j)["monthly_earnings"]["default"], "an earlier period keeps the default")
    # another organisation keeps the defaults
    r = A2.get("/api/v1/economic-parameters?on=2025-12-31")
    s.check({i["key"]: i["value"] for i in r.json["items"]}["monthly_earnings"] == 3900, "another organisation")


def test_admin_page(s):
    r = A.get("/admin/economy?lang=en")
    s.check(r.status == 200 and b"Own follow-up" in r.body and b"Kela" in r.body
            and "4 200 €/kk" in r.body.decode().replace("\u00a0", " "), "the admin page lists them, in Finnish")
    s.expect(C.get("/admin/economy"), 403, "not for a counsellor")
    page = A.get("/admin/economy?lang=fi").body.decode()
    s.check("Taloudellisten vaikutusten laskentaperusteet" in page, "in Finnish")
    hdr = {"Content-Type": "application/x-www-form-urlencoded"}
    form = lambda d: urllib.parse.urlencode(d).encode()
    base = {"csrf": A.csrf, "key": "tax_rate", "source": "Verohallinto 2025, likimääräinen", "valid_from": "2025-01-01"}
    r = A.request("POST", "/admin/economy?lang=fi", raw=form({**base, "value": "kolmekymmentä"}), headers=hdr)
    s.check(r.status == 400 and "kolmekymmentä" in r.body.decode(), f"a bad value shown again ({r.status})")
    r = A.request("POST", "/admin/economy", raw=form({**base, "value": "0,25"}), headers=hdr)
    s.check(r.status == 200 and "Laskentaperuste tallennettu" in r.body.decode(), f"saved with a decimal comma ({r.status})")
    got = {i["key"]: i["value"] for i in A.get("/api/v1/economic-parameters?on=2025-12-31").json["items"]}
    s.check(got["tax_rate"] == 0.25, f"the page wrote 0.25: {got}")
    econ(s, Y2025, 3, 14, 14 * 4200 * 0.25, 11200)


def feedback_id():
    return next(x["id"] for x in C.get("/api/v1/surveys").json["items"] if x["slug"] == "feedback")


def answer(rating, i, lang):
    r = C.post("/api/v1/survey-invitations", {"survey_id": feedback_id()})
    assert r.status == 201, r.body[:300]
    tok = r.json["items"][0]["token"]
    answers = {"_consent": True, "satisfaction": str(rating)}
    if i % 2:
        answers["comment"] = "Kiitos avusta"
    return Client(srv).post(f"/api/v1/public/surveys/{tok}/responses",
                            {"submission_key": f"feedback-{i:02d}-" + "k" * 20, "lang": lang, "answers": answers})


def test_feedback(s):
    d = C.get(f"/api/v1/surveys/{feedback_id()}/definition").json
    s.check({"fi", "sv", "en", "ru", "th", "ar"} <= set(d["languages"]), f"languages {d['languages']}")
    q = {x["id"]: x for g in d["groups"] for x in g["questions"]}
    s.check([o["value"] for o in q["satisfaction"]["options"]] == ["1", "2", "3", "4", "5"] and
            not q["comment"].get("required"), "a 1-5 scale and an optional comment")
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    period = f"from={today}&to={today}"
    k = M.get("/api/v1/reports/feedback?" + period).json["min_cell"]
    ratings = [5, 4, 2, 5, 3, 4, 1, 5, 5, 4][:max(k, 2)]
    langs = ["th", "ar", "ru", "fi", "sv", "en", "uk", "so"]
    for i, rating in enumerate(ratings[:-1]):
        s.expect(answer(rating, i, langs[i % len(langs)]), 201, f"answer {i + 1} ({rating})")
    s.expect(answer(9, 99, "fi"), 400, "a rating off the scale", "invalid", "satisfaction")
    r = M.get("/api/v1/reports/feedback?" + period)
    s.expect(r, 200, "feedback below the threshold")
    s.check(r.json["responses"] == k - 1 and r.json["mean_satisfaction"] is None and r.json["satisfied_pct"] is None,
            f"{k - 1} answers: counted, no mean: {r.json}")
    s.expect(answer(ratings[-1], len(ratings), "th"), 201, "the answer that reaches the threshold")
    r = C.get("/api/v1/reports/feedback?" + period)
    mean = round(sum(ratings) / len(ratings), 1)
    pct = round(100 * sum(1 for x in ratings if x >= 4) / len(ratings), 1)
    s.check(r.json["responses"] == k and r.json["mean_satisfaction"] == mean and r.json["satisfied_pct"] == pct,
            f"{k} answers: mean {mean}, satisfied {pct} %: {r.json}")
    r = A2.get("/api/v1/reports/feedback?" + period)
    s.check(r.json["responses"] == 0, "another organisation sees none of them")
    # counted, never read one by one: not in the review queue, not readable, not acceptable (issue 16 item 8b)
    q = C.get("/api/v1/survey-responses?status=submitted")
    s.check(q.status == 200 and q.json["items"] == [], f"feedback answers are not queued for review: {q.body[:200]!r}")
    fid = db_sql(DB, "SELECT MAX(r.id) FROM survey_responses r JOIN survey_invitations i ON i.id = r.invitation_id "
                     "JOIN surveys v ON v.id = i.survey_id WHERE v.slug = 'feedback'")[0][0]
    s.expect(C.get(f"/api/v1/survey-responses/{fid}"), 403, "a feedback answer is not read one by one", "forbidden")
    s.expect(C.post(f"/api/v1/survey-responses/{fid}/accept", {"create_client": True, "accept": []}), 403,
             "nor accepted into a client", "forbidden")
    s.check("Kiitos avusta" not in C.get("/reviews").body.decode(), "nor shown on the review page")
    s.expect(M.get("/api/v1/reports/feedback?" + period + "&programme_id=1"), 400, "not a filter of it", "invalid")
    r = Client(srv).get("/api/v1/reports/feedback?" + period)
    s.check(r.status == 401, f"no figures without login ({r.status})")
    page = M.get(f"/reports?from=2025-01-01&to={today}").body.decode().replace("\u00a0", " ")
    s.check("Taloudellinen vaikutus (arvio)" in page and "Asiakaspalaute" in page and
            f"{str(mean).replace('.', ',')}" in page, "the figures page shows both sections")


S.run([test_defaults, test_parameters, test_admin_page, test_feedback])
rc = srv.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
