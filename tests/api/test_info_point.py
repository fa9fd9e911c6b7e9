#!/usr/bin/python3
"""The international info point and who referred a client (issue 15 items 6 and 4), on a fixture derived by hand:
contacts logged with no personal data unless the person agreed (a name or contact without the agreement is refused
with 400 and nothing stored, also on update and through the page's form); the figures by channel, topic, language,
moving status and referral (GET /api/v1/reports/info-point) counted by hand; the staff pages /info-point and
/info-point/new in Finnish with no raw codes; the roles that may not see the rows refused; new clients by referral
source in the cross-tabulation, its Finnish CSV and the figures page.
Usage: test_info_point.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import re
import sys
import urllib.parse

from harness import Org, Suite, created

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PERIOD = "from=2026-01-01&to=2026-06-30"
FORM_HDR = {"Content-Type": "application/x-www-form-urlencoded"}

W = Org(BIN, DB, "Kansainvälinen info", ("counsellor", "coordinator", "manager", "employer", "admin"), "i",
        "Info-piste-salasana-2026", lang="fi")
S = Suite("info point" + (" (postgres)" if IS_PG else " (sqlite)"))
C, CO, M = W.as_("counsellor"), W.as_("coordinator"), W.as_("manager")


def form(c, path, data):
    return c.request("POST", path, raw=urllib.parse.urlencode({"csrf": c.csrf, **data}, doseq=True).encode(),
                     headers=FORM_HDR)


def text_of(html):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def contact(c, **kw):
    return created(c.post("/api/v1/info-contacts", kw), "contact")["id"]


# The fixture (period 2026-01-01 .. 2026-06-30):
#  1 01-15 walk_in  [work, housing]      en  moved       employment_services  Kajaani
#  2 02-01 phone    [work]               th  moving      competence_centre    Kajaani   (agreed: name and phone)
#  3 03-10 walk_in  [residence_permit]   ru  considering migri                Sotkamo
#  4 06-30 email    []                   -   -           -                    Kajaani   (the period's last day)
#  5 07-01 walk_in  [work]               en  moved       none                 Kajaani   (after the period)
# In the period: 4 contacts, 1 agreed; channel walk_in 2, phone 1, email 1; topics work 2, housing 1,
# residence_permit 1, (none) 1; language en 1, th 1, ru 1, (none) 1; referred employment_services 1,
# competence_centre 1, migri 1, (none) 1. Kajaani only: 3 contacts.
def test_fixture(s):
    contact(C, contacted_on="2026-01-15", channel="walk_in", topics=["work", "housing"], language="en",
            moving_status="moved", referred_to="employment_services", municipality="Kajaani")
    contact(CO, contacted_on="2026-02-01", channel="phone", topics=["work"], language="th", moving_status="moving",
            referred_to="competence_centre", municipality="Kajaani", personal_data_agreed=True,
            name="Siriporn Chaiyo", contact="+358 40 123 4567")
    contact(C, contacted_on="2026-03-10", channel="walk_in", topics=["residence_permit"], language="ru",
            moving_status="considering", referred_to="migri", municipality="Sotkamo")
    contact(C, contacted_on="2026-06-30", channel="email", municipality="Kajaani")
    contact(C, contacted_on="2026-07-01", channel="walk_in", topics=["work"], language="en", moving_status="moved",
            referred_to="none", municipality="Kajaani")


def test_no_personal_data_without_agreement(s):
    before = C.get("/api/v1/info-contacts?limit=100").json["total"]
    r = C.post("/api/v1/info-contacts", {"contacted_on": "2026-04-01", "channel": "walk_in", "name": "Ivan Petrov"})
    s.expect(r, 400, "a name without the agreement", "invalid", "name")
    s.check(r.json.get("error", {}).get("key") == "info_no_agreement", f"the stable key: {r.json.get('error')}")
    r = C.post("/api/v1/info-contacts", {"contacted_on": "2026-04-01", "channel": "phone", "contact": "+358 40 1",
                                         "personal_data_agreed": False})
    s.expect(r, 400, "a contact with the agreement refused", "invalid", "contact")
    s.check(C.get("/api/v1/info-contacts?limit=100").json["total"] == before, "nothing stored")
    agreed = [x for x in C.get("/api/v1/info-contacts?limit=100").json["items"] if x.get("personal_data_agreed")]
    s.check(len(agreed) == 1 and agreed[0]["name"] == "Siriporn Chaiyo", f"the one agreed contact: {agreed}")
    cid, ver = agreed[0]["id"], agreed[0]["version"]
    r = C.patch(f"/api/v1/info-contacts/{cid}", {"personal_data_agreed": False})
    s.expect(r, 400, "withdrawing the agreement without clearing the name", "invalid", "name")
    r = C.patch(f"/api/v1/info-contacts/{cid}", {"personal_data_agreed": False, "name": None, "contact": None})
    s.check(r.status == 200 and r.json.get("name") is None and r.json.get("version") == ver + 1,
            f"withdrawn with the name and contact cleared: {r.status} {r.body[:200]!r}")
    s.expect(C.post("/api/v1/info-contacts", {"channel": "walk_in"}), 400, "a contact needs its day", "invalid",
             "contacted_on")
    s.expect(C.post("/api/v1/info-contacts", {"contacted_on": "2026-04-01", "channel": "pigeon"}), 400,
             "an unknown channel", "invalid", "channel")


def counts(j, field):
    return {x["value"]: x["count"] for x in j["by"][field] if x["count"]}


def test_figures(s):
    r = M.get("/api/v1/reports/info-point?" + PERIOD)
    s.check(r.status == 200, f"the manager reads the figures: {r.status} {r.body[:200]!r}")
    j = r.json
    s.check(j["contacts"] == 4 and j["personal_data_agreed"] == 0,
            f"4 contacts in the period, none with personal data after the withdrawal: {j['contacts']}, "
            f"{j['personal_data_agreed']}")
    s.check(counts(j, "channel") == {"walk_in": 2, "phone": 1, "email": 1}, f"by channel: {counts(j, 'channel')}")
    s.check(counts(j, "topics") == {"work": 2, "housing": 1, "residence_permit": 1, "(none)": 1},
            f"by topic, a contact about two topics under each: {counts(j, 'topics')}")
    s.check(counts(j, "language") == {"en": 1, "th": 1, "ru": 1, "(none)": 1}, f"by language: {counts(j, 'language')}")
    s.check(counts(j, "referred_to") == {"employment_services": 1, "competence_centre": 1, "migri": 1, "(none)": 1},
            f"by referral: {counts(j, 'referred_to')}")
    s.check(counts(j, "moving_status") == {"moved": 1, "moving": 1, "considering": 1, "(none)": 1},
            f"by moving status: {counts(j, 'moving_status')}")
    codes = [x["value"] for x in j["by"]["channel"]]
    s.check(codes[:5] == ["walk_in", "phone", "email", "chat", "event"], f"every channel listed, zeros too: {codes}")
    k = M.get("/api/v1/reports/info-point?" + PERIOD + "&municipality=Kajaani").json
    s.check(k["contacts"] == 3, f"Kajaani only: 3 ({k['contacts']})")
    s.expect(M.get("/api/v1/reports/info-point?" + PERIOD + "&target_group=immigrant"), 400,
             "a client's target group is not a filter of contacts", "invalid", "target_group")
    s.expect(M.get("/api/v1/reports/info-point?from=2026-07-01&to=2026-01-01"), 400, "a period backwards", "invalid")


def test_access(s):
    s.expect(M.get("/api/v1/info-contacts"), 403, "a manager reads figures, not the contacts", "forbidden")
    s.expect(W.as_("employer").get("/api/v1/reports/info-point?" + PERIOD), 403, "an employer: no figures",
             "forbidden")
    s.expect(W.as_("employer").get("/api/v1/info-contacts"), 403, "an employer: no contacts", "forbidden")
    s.check(W.as_("employer").get("/info-point").status == 403, "nor the page")


def test_pages(s):
    r = C.get("/info-point?" + PERIOD)
    html = r.body.decode()
    t = text_of(html)
    s.check(r.status == 200 and "Info-piste" in t and "Yhteystapa" in t and "käynti paikan päällä" in t,
            f"the page in Finnish with the channel as a word: {r.status} {t[:300]!r}")
    s.check('data-key="contacts">4<' in html and 'data-key="topics.work">2<' in html,
            "its figures are the API's")
    s.check("venäjä" in t and "thai" in t.lower(), "languages by name")
    for raw in ("walk_in", "residence_permit", "employment_services", "(none)"):
        s.check(raw not in t, f"no raw code {raw!r} in the page's text")
    m = M.get("/info-point?" + PERIOD)
    s.check(m.status == 200 and "Jakson yhteydenotot" not in text_of(m.body.decode()),
            "a manager sees the figures without the contacts")
    n = C.get("/info-point/new")
    s.check(n.status == 200 and "Kirjaa yhteydenotto" in n.body.decode() and "suostunut" in n.body.decode(),
            "the new-contact form says what not to record")
    r = form(C, "/info-point/new", {"contacted_on": "2026-05-05", "channel": "phone", "topics": ["housing"],
                                    "_lists": "topics", "name": "Ivan Petrov"})
    body = r.body.decode()
    s.check(r.status == 400 and "vain henkilön luvalla" in body and "Ivan Petrov" in body,
            f"the form refuses a name without the agreement, in Finnish, keeping the input: {r.status}")
    before = C.get("/api/v1/info-contacts?limit=100").json["total"]
    r = form(C, "/info-point/new", {"contacted_on": "2026-05-05", "channel": "phone", "topics": ["housing", "work"],
                                    "_lists": "topics", "language": "uk"})
    s.check(r.status == 200 and "Jakson yhteydenotot" in r.body.decode(),
            f"a contact logged from the form goes back to the list (redirect followed): {r.status}")
    items = C.get("/api/v1/info-contacts?limit=100").json
    mine = [x for x in items["items"] if x["contacted_on"] == "2026-05-05"]
    s.check(items["total"] == before + 1 and len(mine) == 1 and sorted(mine[0].get("topics") or []) == ["housing", "work"]
            and mine[0]["language"] == "uk", f"stored once with its topics: {mine}")
    cl = C.get("/caseload").body.decode()
    s.check('href="/info-point"' in cl, "the caseload links to the info point")


def test_referral_source(s):
    for name, src, tg in (("Aino", "employment_office", "immigrant"), ("Bilal", "employment_office", "immigrant"),
                          ("Chen", "third_sector", "highly_educated_immigrant"), ("Dina", None, "immigrant")):
        body = {"first_name": name, "last_name": "Lähde", "intake_on": "2026-02-01", "status": "active",
                "target_groups": [tg]}
        if src:
            body["referral_source"] = src
        created(C.post("/api/v1/clients", body), name)
    s.expect(C.post("/api/v1/clients", {"first_name": "X", "last_name": "Y", "referral_source": "rumour"}), 400,
             "an unknown referral source", "invalid", "referral_source")
    x = M.get("/api/v1/reports/crosstab?rows=referral_source&cols=target_group&measure=new_clients&" + PERIOD)
    s.check(x.status == 200, f"the cross-tabulation by source: {x.status} {x.body[:200]!r}")
    j = x.json
    rows = dict(zip(j.get("row_labels") or j.get("rows_labels") or [], j.get("row_totals") or j.get("row_total") or []))
    s.check(rows == {"employment_office": 2, "third_sector": 1, "(none)": 1}, f"new clients by source: {j}")
    csv = M.get("/api/v1/reports/crosstab.csv?rows=referral_source&cols=target_group&measure=new_clients&lang=fi&"
                + PERIOD).body.decode("utf-8-sig")
    s.check("työvoimatoimisto" in csv and "järjestö (kolmas sektori)" in csv and "Kuka ohjasi palveluun" in csv,
            f"the CSV in Finnish: {csv[:300]!r}")
    page = text_of(M.get("/reports?" + PERIOD).body.decode())
    s.check("Uudet asiakkaat sen mukaan, kuka ohjasi palveluun" in page and "työvoimatoimisto" in page,
            "the figures page shows new clients by who referred them")
    s.check("employment_office" not in page, "no raw code on the figures page")


S.run([test_fixture, test_no_personal_data_without_agreement, test_figures, test_access, test_pages,
       test_referral_source])
rc = W.server.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
