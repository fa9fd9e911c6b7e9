#!/usr/bin/python3
"""Codes shown and entered as names (issue 13 item 8): languages, ISCED levels and fields, sectors and availability
are named in the page's language on the staff pages (fi, sv, en); the list filters, the caseload's language search and
the CSV import take a name ("espanja", "spanska", "Spanish") as well as the code; the JSON API keeps the codes.
Usage: test_labels.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import csv
import html as htmllib
import os
import re
import sys
import urllib.parse

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Testi-salasana-2026"
HERE = os.path.dirname(os.path.abspath(__file__))

osaaja(BIN, "init", "--db", DB)
ORG = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Nimet-org", "--kind", "municipality").stdout.strip()
for role, lang in [("admin", "fi"), ("counsellor", "fi"), ("counsellor-sv", "sv"), ("counsellor-en", "en"),
                   ("coordinator", "fi")]:
    osaaja(BIN, "user", "add", "--db", DB, "--email", f"n-{role}@test.example.fi", "--name", role.title(), "--role",
           role.split("-")[0], "--org", ORG, "--password", PW, "--lang", lang)

srv = Server(BIN, DB)
S = Suite("labels" + (" (postgres)" if IS_PG else " (sqlite)"))
IDS = {}


def as_(who):
    c = Client(srv)
    c.login(f"n-{who}@test.example.fi", PW)
    return c


def ok(s, r, what, status=201):
    s.expect(r, status, what)
    return r.json if r.status == status else {}


def shipped(path):
    """Rows of a shipped data file: the names are read from the data, not written again here."""
    with open(os.path.join(HERE, "..", "..", path), encoding="utf-8") as f:
        return list(csv.DictReader(f))


LANGS = {r["code"]: r for r in shipped("data/labels/languages.csv")}
VALUES = {(r["kind"], r["code"]): r for r in shipped("data/labels/values.csv")}


def text_of(html):
    """The page's visible text (tags dropped, entities decoded), in one line."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", html)))


def test_fixture(s):
    c, coord = as_("counsellor"), as_("coordinator")
    IDS["client"] = ok(s, c.post("/api/v1/clients", {
        "first_name": "Elena", "last_name": "Nimitesti", "mother_tongue": "es", "availability": "now",
        "target_groups": ["immigrant"], "intake_on": "2026-02-01", "status": "active"}), "client")["id"]
    ok(s, c.post("/api/v1/client-languages", {"client_id": IDS["client"], "language": "ar", "level": "B1"}),
       "a language")
    IDS["edu"] = ok(s, c.post("/api/v1/educations", {"client_id": IDS["client"], "isced_level": 6,
                                                     "isced_field": "0916", "degree_title": "Farmaseutti"}),
                    "an education")["id"]
    IDS["employer"] = ok(s, coord.post("/api/v1/employers", {"name": "Nimikauppa Oy", "sector": "retail"}),
                         "employer")["id"]
    IDS["vacancy"] = ok(s, coord.post("/api/v1/vacancies", {
        "employer_id": IDS["employer"], "title": "Farmaseutti", "contract_type": "permanent", "status": "open",
        "education_level_min": 6, "isced_field": "0916"}), "vacancy")["id"]
    ok(s, coord.post("/api/v1/vacancy-languages", {"vacancy_id": IDS["vacancy"], "language": "sv", "min_level": "B1"}),
       "a vacancy's language")


def test_pages_show_names(s):
    """Before: "es", "ar", "6", "0916", "now" and "retail" were printed as they are stored."""
    for who, lang in [("counsellor", "fi"), ("counsellor-sv", "sv"), ("counsellor-en", "en")]:
        c = as_(who)
        r = c.get(f"/clients/{IDS['client']}")
        s.expect(r, 200, f"client page ({lang})")
        t = text_of(r.body.decode("utf-8"))
        for what, name in [("mother tongue", LANGS["es"][lang]), ("language", LANGS["ar"][lang]),
                           ("ISCED level", VALUES[("isced_level", "6")][lang]),
                           ("availability", VALUES[("availability", "now")][lang])]:
            s.check(name in t, f"{lang}: the {what} reads {name!r}")
        field = {"fi": "Farmasia", "sv": "Farmaci", "en": "Pharmacy"}[lang]  # ISCED-F 2013, EU vocabulary
        s.check(field in t, f"{lang}: the ISCED field reads {field!r}")
        s.check(not re.search(r"\b(0916|now)\b", t), f"{lang}: no raw code on the client page: "
                f"{re.findall(r'.{40}(?:0916|now).{20}', t)[:3]}")
        r = c.get(f"/employers/{IDS['employer']}")
        s.expect(r, 200, f"employer page ({lang})")
        t = text_of(r.body.decode("utf-8"))
        s.check(VALUES[("sector", "retail")][lang] in t, f"{lang}: the sector reads {VALUES[('sector', 'retail')][lang]!r}")
        if lang != "en":
            s.check(not re.search(r"\bretail\b", t), f"{lang}: no English sector in the page")
    for who, lang in [("coordinator", "fi"), ("counsellor-sv", "sv"), ("counsellor-en", "en")]:
        r = as_(who).get(f"/vacancies/{IDS['vacancy']}")
        s.expect(r, 200, f"vacancy page ({lang})")
        t = text_of(r.body.decode("utf-8"))
        field = {"fi": "Farmasia", "sv": "Farmaci", "en": "Pharmacy"}[lang]
        s.check(VALUES[("isced_level", "6")][lang] in t and field in t and LANGS["sv"][lang] in t,
                f"{lang}: the vacancy names its education level, field and language")
        s.check(not re.search(r"\b0916\b", t), f"{lang}: no ISCED code on the vacancy page")
    r = as_("counsellor").get(f"/api/v1/clients/{IDS['client']}")
    s.check(r.json.get("mother_tongue") == "es" and r.json.get("availability") == "now",
            "the JSON API keeps the codes")


def test_filters_take_names(s):
    c = as_("counsellor")
    for name in ["es", "espanja", "Espanja", "SPANSKA", "Spanish", " espanja "]:
        r = c.get("/api/v1/clients?" + urllib.parse.urlencode({"mother_tongue": name}))
        s.check(r.status == 200 and [x["id"] for x in r.json.get("items", [])] == [IDS["client"]],
                f"?mother_tongue={name!r} finds the client ({r.status})")
    r = c.get("/api/v1/clients?mother_tongue=ranska")
    s.check(r.status == 200 and r.json.get("items") == [], "another language's name finds nobody")
    r = c.get("/api/v1/educations?" + urllib.parse.urlencode({"isced_field": "farmasia"}))
    s.check(r.status == 200 and [x["id"] for x in r.json.get("items", [])] == [IDS["edu"]],
            "?isced_field=farmasia finds the education")
    r = c.get("/api/v1/client-languages?" + urllib.parse.urlencode({"language": "arabiska"}))
    s.check(r.status == 200 and len(r.json.get("items", [])) == 1, "?language=arabiska finds the language row")
    r = as_("coordinator").get("/api/v1/employers?" + urllib.parse.urlencode({"sector": "Kauppa"}))
    s.check(r.status == 200 and [x["id"] for x in r.json.get("items", [])] == [IDS["employer"]],
            "?sector=Kauppa finds the retail employer")
    for name in ["espanja", "Spanska", "arabia"]:
        r = c.get("/caseload?" + urllib.parse.urlencode({"language": name}))
        s.check(r.status == 200 and "Nimitesti" in r.body.decode("utf-8"),
                f"the caseload's language search takes {name!r}")
    page = c.get("/caseload").body.decode("utf-8")
    s.check('list="s-language-names"' in page and '<option value="espanja">' in page and
            '<option value="es">' not in page, "the language search suggests names in the page's language")
    r = c.get("/caseload?language=ranska")
    s.check(r.status == 200 and "Nimitesti" not in r.body.decode("utf-8"), "and leaves out who does not speak it")


def import_csv(s, c, kind, text):
    body = urllib.parse.urlencode({"kind": kind, "file": text, "csrf": c.csrf}).encode()
    hdr = {"Content-Type": "application/x-www-form-urlencoded"}
    r = c.request("POST", "/import/preview", raw=body, headers=hdr)
    s.expect(r, 200, f"{kind} import preview")
    m = re.search(r'name="checksum" value="([0-9a-f]+)"', r.body.decode("utf-8"))
    s.check(m is not None, f"{kind}: the preview offers to import: {text_of(r.body.decode('utf-8'))[-300:]}")
    if not m:
        return
    body = urllib.parse.urlencode({"kind": kind, "file": text, "checksum": m.group(1), "csrf": c.csrf}).encode()
    r = c.request("POST", "/import/run", raw=body, headers=hdr)
    s.check(r.status in (200, 303), f"{kind}: import run ({r.status})")


def test_import_takes_names(s):
    c, coord = as_("counsellor"), as_("coordinator")
    import_csv(s, c, "clients", "etunimi;sukunimi;äidinkieli\nIrma;Tuontinen;Espanja\nIvo;Tuontinen;ARABISKA\n")
    r = c.get("/api/v1/clients?q=Tuontinen")
    got = {x["first_name"]: x.get("mother_tongue") for x in r.json.get("items", [])}
    s.check(got == {"Irma": "es", "Ivo": "ar"}, f"the import stored the codes of the names: {got}")
    import_csv(s, coord, "employers", "nimi;toimiala\nTuontikauppa Oy;kauppa\nTuontihoiva Oy;Omsorg\n")
    r = coord.get("/api/v1/employers?q=Tuonti")
    got = {x["name"]: x.get("sector") for x in r.json.get("items", [])}
    s.check(got == {"Tuontikauppa Oy": "retail", "Tuontihoiva Oy": "care"}, f"sectors imported as codes: {got}")


def test_employer_portal_names(s):
    """The employer reads the candidate's languages and education as names in the employer's language (sv here)."""
    c, coord, admin = as_("counsellor"), as_("coordinator"), as_("admin")
    ok(s, c.post("/api/v1/consents", {"client_id": IDS["client"], "purpose": "matching", "given": True,
                                      "given_on": "2026-01-01"}), "consent")
    pid = ok(s, c.post("/api/v1/proposals", {"client_id": IDS["client"], "vacancy_id": IDS["vacancy"],
                                             "stage": "suggested"}), "proposal")["id"]
    sl = ok(s, coord.post(f"/api/v1/vacancies/{IDS['vacancy']}/shortlists", {"proposal_ids": [pid]}), "shortlist")
    ok(s, admin.post("/api/v1/users/new", {"email": "n-employer@test.example.fi", "name": "Arbetsgivare",
                                           "role": "employer", "password": PW, "lang": "sv",
                                           "organisation_id": int(ORG), "employer_id": IDS["employer"]}),
       "employer user")
    r = as_("employer").get(f"/portal/shortlists/{sl.get('id')}")
    s.expect(r, 200, "the employer's shortlist page")
    t = text_of(r.body.decode("utf-8"))
    for what, name in [("mother tongue or language", LANGS["ar"]["sv"]), ("level", VALUES[("isced_level", "6")]["sv"]),
                       ("field", "Farmaci")]:
        s.check(name in t, f"the employer reads the {what} as {name!r}")
    s.check(not re.search(r"\b(0916|ar)\b", t), f"no code on the employer's page: {re.findall(r'.{30}(?:0916|ar ).{10}', t)[:3]}")


ok_all = S.run([test_fixture, test_pages_show_names, test_filters_take_names, test_import_takes_names,
                test_employer_portal_names])
rc = srv.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
sys.exit(0 if S.failed == 0 else 1)
