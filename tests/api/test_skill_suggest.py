#!/usr/bin/python3
"""Skills from free text (issue 17 item 2): POST /api/v1/skills/suggest on the shipped taxonomy. A Finnish, a Swedish
and an English paragraph give the expected ESCO skills, each with the sentence that supports it (its text and its
place in characters); the call stores nothing (the client's skills, the audit trail and every table's row count stay
the same); empty and too long text, a bad lang or limit are refused with 400 and a stable key; counsellors and
coordinators may ask, managers, admins, employers and anonymous requests may not. Accepting a suggestion is the
ordinary client-skills write. The pages' box ("Ehdota taitoja tekstistä") in the profile editor and the vacancy form:
suggestions with the sentence highlighted, two accepted through the form, seen on the profile.
Usage: test_skill_suggest.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import os
import re
import sys
import urllib.parse

from harness import Client, Server, Suite, add_org, add_user, created, db_sql, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
PW = "Taitoehdotus-salasana-2026"
FORM_HDR = {"Content-Type": "application/x-www-form-urlencoded"}
ROLES = ("admin", "counsellor", "coordinator", "manager", "employer")

osaaja(BIN, "init", "--db", DB)
osaaja(BIN, "import-taxonomy", "--db", DB, os.path.join(ROOT, "data", "taxonomy"))
ORG = add_org(BIN, DB, "Taitokunta")
for role in ROLES:
    add_user(BIN, DB, f"ss-{role}@t.fi", role, ORG, PW, lang="fi")
SERVER = Server(BIN, DB)
S = Suite("skill suggest" + (" (postgres)" if IS_PG else " (sqlite)"))


def login(role):
    c = Client(SERVER)
    c.login(f"ss-{role}@t.fi", PW)
    return c


C, CO = login("counsellor"), login("coordinator")

PY = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"  # Python (computer programming)

FI = ("Olen työskennellyt viisi vuotta myyjänä ja asiakaspalvelussa.\n"
      "- Hitsaus ja trukin käyttö\n"
      "- Ohjelmointi: Python ja SQL\n"
      "Minulla on hygieniapassi.")
SV = ("Jag har arbetat som lagerarbetare i tre år. Jag kan programmera i Python och JavaScript! "
      "Jag talar svenska och engelska.")
EN = ("We are looking for a software developer. You know Java and SQL well.\n"
      "• Experience with project management\n"
      "• Good communication skills in English")


def suggest(c, text, **kw):
    return c.post("/api/v1/skills/suggest", {"text": text, **kw})


def by_label(j):
    return {s["label"]: s for s in j["suggestions"]}


def sentence_ok(text, sg):
    """The sentence is the text's own characters from start to end."""
    return text[sg["start"]:sg["end"]] == sg["sentence"]


def test_finnish(s):
    r = suggest(C, FI, limit=20)
    s.check(r.status == 200, f"Finnish paragraph: {r.status} {r.body[:300]!r}")
    j = r.json
    got = by_label(j)
    s.check(j["lang"] == "fi", f"the language guessed: {j['lang']}")
    for label, sent in (("asiakaspalvelu", "Olen työskennellyt viisi vuotta myyjänä ja asiakaspalvelussa."),
                        ("trukin käyttö", "Hitsaus ja trukin käyttö"),
                        ("Python (ohjelmointikieli)", "Ohjelmointi: Python ja SQL")):
        sg = got.get(label)
        s.check(sg is not None and sg["sentence"] == sent, f"{label} from {sent!r}: {sg} (all: {list(got)})")
    s.check(all(sentence_ok(FI, sg) for sg in j["suggestions"]), "every sentence is the text's own span")
    s.check(all(sg["uri"].startswith("http://data.europa.eu/esco/skill/") for sg in j["suggestions"]),
            "only ESCO skills")
    scores = [sg["score"] for sg in j["suggestions"]]
    s.check(scores == sorted(scores, reverse=True), f"best first: {scores}")
    s.check(len({sg["uri"] for sg in j["suggestions"]}) == len(j["suggestions"]), "one suggestion per skill")


def test_swedish(s):
    r = suggest(C, SV, label_lang="sv")
    s.check(r.status == 200, f"Swedish paragraph: {r.status} {r.body[:300]!r}")
    j = r.json
    s.check(j["lang"] == "sv", f"the language guessed: {j['lang']}")
    got = {sg["uri"]: sg for sg in j["suggestions"]}
    sg = got.get(PY)
    s.check(sg is not None and sg["sentence"] == "Jag kan programmera i Python och JavaScript!",
            f"Python with its sentence: {sg} (all: {[x['label'] for x in j['suggestions']]})")
    s.check(sg is not None and sg["label"] == "Python (computer programming)",
            f"no Swedish skill labels shipped: the English label ({sg and sg['label']})")
    s.check(any(x["label"] == "JavaScript" for x in j["suggestions"]), "JavaScript too")
    s.check(all(sentence_ok(SV, x) for x in j["suggestions"]), "every sentence is the text's own span")


def test_english(s):
    r = suggest(C, EN, lang="en", label_lang="en", limit=15)
    s.check(r.status == 200, f"English paragraph: {r.status} {r.body[:300]!r}")
    got = by_label(r.json)
    for label, sent in (("Java (computer programming)", "You know Java and SQL well."),
                        ("SQL", "You know Java and SQL well."),
                        ("project management", "Experience with project management"),
                        ("English", "Good communication skills in English")):
        sg = got.get(label)
        s.check(sg is not None and sg["sentence"] == sent, f"{label} from {sent!r}: {sg} (all: {list(got)})")
    s.check(all(sentence_ok(EN, x) for x in r.json["suggestions"]), "every sentence is the text's own span")
    fi = by_label(suggest(C, EN, lang="en", label_lang="fi", limit=15).json)
    s.check("Java (ohjelmointikieli)" in fi and "Java (computer programming)" not in fi,
            f"labels in the page's language: {list(fi)}")
    s.check(suggest(C, EN, lang="en", limit=3).json["suggestions"].__len__() == 3, "limit 3 gives 3")
    again = suggest(C, EN, lang="en", label_lang="en", limit=15)
    s.check(again.json == r.json, "deterministic: the same text gives the same answer")


def counts():
    tables = ("client_skills", "vacancy_skills", "clients", "audit_log")
    return {t: db_sql(DB, f"SELECT COUNT(*) FROM {t}")[0][0] for t in tables}


def test_nothing_stored(s):
    cid = created(C.post("/api/v1/clients", {"first_name": "Taito", "last_name": "Ehdotus", "birth_year": 1990,
                                              "email": "taito.ehdotus@example.org"}), "client")["id"]
    created(C.post("/api/v1/client-skills", {"client_id": cid, "esco_skill": PY, "evidence": "self_declared"}), "skill")
    skills = C.get(f"/api/v1/client-skills?client_id={cid}").json
    before = counts()
    for _ in range(2):
        s.check(suggest(C, FI).status == 200 and suggest(CO, EN).status == 200, "suggestions answered")
    s.check(counts() == before, f"no rows written, no audit entry: {before} -> {counts()}")
    s.check(C.get(f"/api/v1/client-skills?client_id={cid}").json == skills, "the client's skills unchanged")
    audit = db_sql(DB, "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%hygieniapassi%' "
                       "OR detail LIKE '%asiakaspalvelussa%'")[0][0]
    s.check(audit == "0", "the pasted text is nowhere in the audit trail")


def test_errors(s):
    for body, key, what in (({"text": ""}, "suggest_empty", "empty text"),
                            ({}, "suggest_empty", "no text"),
                            ({"text": "   \n "}, "suggest_empty", "only spaces"),
                            ({"text": "ä" * 20001}, "suggest_too_long", "20001 characters"),
                            ({"text": "Python", "lang": "de"}, "lang", "lang de"),
                            ({"text": "Python", "limit": 0}, None, "limit 0"),
                            ({"text": "Python", "limit": 51}, None, "limit 51"),
                            ({"text": 5}, None, "text a number")):
        r = C.post("/api/v1/skills/suggest", body)
        err = (r.json or {}).get("error", {})
        s.check(r.status == 400 and (key is None or err.get("key") == key) and err.get("message"),
                f"{what}: 400 with key {key}: {r.status} {err}")
    s.check(suggest(C, "ä" * 20000).status == 200, "20000 characters are accepted")
    s.check(suggest(C, "Python", limit=50).status == 200, "limit 50 is accepted")


def test_roles(s):
    for role, want in (("counsellor", 200), ("coordinator", 200), ("manager", 403), ("admin", 403),
                       ("employer", 403)):
        r = suggest(login(role), EN)
        s.check(r.status == want, f"{role}: {want} ({r.status})")
    r = Client(SERVER).post("/api/v1/skills/suggest", {"text": EN})
    s.check(r.status == 401, f"no login: 401 ({r.status})")


def text_of(html):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def form(c, path, data):
    return c.request("POST", path, raw=urllib.parse.urlencode({"csrf": c.csrf, **data}, doseq=True).encode(),
                     headers=FORM_HDR)


def test_client_page(s):
    cid = created(C.post("/api/v1/clients", {"first_name": "Sivu", "last_name": "Ehdotus", "birth_year": 1985,
                                              "email": "sivu.ehdotus@example.org"}), "client")["id"]
    page = C.get(f"/clients/{cid}").body.decode()
    s.check("Ehdota taitoja tekstistä" in page and f'action="/clients/{cid}/suggest-skills"' in page,
            "the client's skills offer the box")
    before = counts()
    r = form(C, f"/clients/{cid}/suggest-skills", {"text": FI})
    html = r.body.decode()
    t = text_of(html)
    s.check(r.status == 200 and "Ehdotetut taidot" in t and "asiakaspalvelu" in t, f"suggestions shown: {r.status}")
    s.check("<mark>Olen työskennellyt viisi vuotta myyjänä ja asiakaspalvelussa.</mark>" in html,
            "the supporting sentence highlighted")
    s.check("Lisää valitut taidot" in t and "Suggest" not in t and "skillsuggest." not in t,
            "in Finnish, no raw keys")
    s.check(counts() == before, "showing suggestions stores nothing")
    uris = re.findall(r'name="pick" value="([^"]+)"', html)
    s.check(len(uris) >= 2, f"checkboxes: {uris}")
    r = form(C, f"/clients/{cid}/accept-skills", {"pick": uris[:2]})
    s.check(r.status == 200 and "Lisätty" in text_of(r.body.decode()), f"accepted two: {r.status}")
    got = {x["esco_skill"]: x for x in C.get(f"/api/v1/client-skills?client_id={cid}").json["items"]}
    s.check(set(got) == set(uris[:2]), f"the two on the profile: {list(got)}")
    s.check(all(x["evidence"] == "self_declared" and x["label"] for x in got.values()),
            f"through the ordinary write, with a label: {list(got.values())}")
    audit = db_sql(DB, f"SELECT COUNT(*) FROM audit_log WHERE entity = 'client-skills' AND client_id = {cid}")[0][0]
    s.check(audit == "2", f"two audit entries for the two skills ({audit})")
    # a skill the client already has is not added twice: of these two, only the new one is
    r = form(C, f"/clients/{cid}/accept-skills", {"pick": uris[1:3]})
    got = [x["esco_skill"] for x in C.get(f"/api/v1/client-skills?client_id={cid}").json["items"]]
    s.check(r.status == 200 and sorted(got) == sorted(uris[:3]), f"no second row of a skill it has: {got}")
    r = form(C, f"/clients/{cid}/suggest-skills", {"text": ""})
    s.check(r.status == 400 and "Liitä teksti, josta taitoja ehdotetaan." in r.body.decode(),
            f"empty text: 400 with a Finnish message ({r.status})")
    r = form(C, f"/clients/{cid}/accept-skills", {"pick": "http://example.org/not-esco"})
    s.check(r.status == 400, f"a non-ESCO pick refused by the ordinary validation ({r.status})")
    s.check(form(CO, f"/clients/{cid}/suggest-skills", {"text": FI}).status == 403,
            "the coordinator does not edit clients' skills")


def test_vacancy_page(s):
    emp = created(CO.post("/api/v1/employers", {"name": "Taitotehdas Oy"}), "employer")["id"]
    vid = created(CO.post("/api/v1/vacancies", {"employer_id": emp, "title": "Ohjelmistokehittäjä",
                                                 "contract_type": "permanent", "status": "open"}), "vacancy")["id"]
    page = CO.get(f"/vacancies/{vid}").body.decode()
    s.check(f'action="/vacancies/{vid}/suggest-skills"' in page, "the vacancy offers the box")
    r = form(CO, f"/vacancies/{vid}/suggest-skills", {"text": EN})
    html = r.body.decode()
    s.check(r.status == 200 and "<mark>You know Java and SQL well.</mark>" in html, f"suggestions: {r.status}")
    uris = re.findall(r'name="pick" value="([^"]+)"', html)
    r = form(CO, f"/vacancies/{vid}/accept-skills", {"pick": uris[:1]})
    got = [x["esco_skill"] for x in CO.get(f"/api/v1/vacancy-skills?vacancy_id={vid}").json["items"]]
    s.check(r.status == 200 and got == uris[:1], f"one accepted on the vacancy: {got}")
    s.check(login("employer").get(f"/vacancies/{vid}").status in (403, 404) and
            form(login("employer"), f"/vacancies/{vid}/suggest-skills", {"text": EN}).status == 403,
            "an employer gets neither")


TESTS = [test_finnish, test_swedish, test_english, test_nothing_stored, test_errors, test_roles, test_client_page,
         test_vacancy_page]

if __name__ == "__main__":
    S.run(TESTS + [t for t in globals().get("PAGE_TESTS", [])])
    rc = SERVER.stop()
    S.check(rc == 0, f"server stopped cleanly (exit {rc})")
    print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
    sys.exit(0 if S.failed == 0 else 1)
