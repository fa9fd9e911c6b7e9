#!/usr/bin/python3
"""Likely duplicate clients (issue 15 item 5): the new-client form, POST /api/v1/clients and the CSV import warn
before a second record of the same person is made (src/app/duplicates.c, the one rule): same first and last name
(case, accents and script folded: Äijälä = AIJALA) with the same birth year, or the same e-mail, or the same phone
(+358 40 123 4567 = 040-123 4567). The API refuses with 409 and error.key "likely_duplicate" listing the matches
(id and name, never another organisation's client, never an erased tombstone) unless the body says
"confirm_new": true; the form shows the warning with links and a "different person" checkbox, keeping what was
typed; the import's preview flags the rows and imports them only when ticked.
Usage: test_duplicates.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import html as htmlmod
import re
import sys
import urllib.parse

from harness import Client, Org, Suite, created, db_sql, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
FORM_HDR = {"Content-Type": "application/x-www-form-urlencoded"}
PASSWORD = "Kaksoiskappale-salasana-2026"

W = Org(BIN, DB, "Kainuun osaamiskeskus", ("counsellor", "coordinator", "manager"), "d", PASSWORD, lang="fi")
S = Suite("duplicates" + (" (postgres)" if IS_PG else " (sqlite)"))
C = W.as_("counsellor")

# a second organisation on the same server, with a counsellor of its own
OTHER_ORG = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Toinen kunta", "--kind", "municipality").stdout.strip()
osaaja(BIN, "user", "add", "--db", DB, "--email", "d-other@t.fi", "--name", "Other", "--role", "counsellor", "--org",
       OTHER_ORG, "--password", PASSWORD, "--lang", "fi")
O = Client(W.server)
O.login("d-other@t.fi", PASSWORD)


def new(c, **kw):
    return c.post("/api/v1/clients", kw)


def make(c, **kw):
    return created(new(c, **kw), kw.get("last_name", ""))["id"]


def refused(s, r, what):
    """The answer is the likely-duplicate refusal; its matches (or [])."""
    err = (r.json or {}).get("error", {}) if r.status == 409 else {}
    s.check(r.status == 409 and err.get("key") == "likely_duplicate" and err.get("message"),
            f"{what}: 409 likely_duplicate, got {r.status} {r.body[:300]!r}")
    return err.get("matches") or []


def count(c, q):
    return c.get("/api/v1/clients?archived=true&q=" + urllib.parse.quote(q)).json["total"]


def form(c, path, data):
    return c.request("POST", path, raw=urllib.parse.urlencode({"csrf": c.csrf, **data}, doseq=True).encode(),
                     headers=FORM_HDR)


def text_of(page):
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return htmlmod.unescape(re.sub(r"<[^>]+>", " ", page))


def test_name_and_birth_year(s):
    first = make(C, first_name="Pirkko", last_name="Äijälä", birth_year=1980)
    ms = refused(s, new(C, first_name="PIRKKO", last_name="Aijala", birth_year=1980), "Aijala 1980 = Äijälä 1980")
    s.check([m["id"] for m in ms] == [first], f"the match is the first record: {ms}")
    s.check(ms and ms[0]["first_name"] == "Pirkko" and ms[0]["last_name"] == "Äijälä" and ms[0]["birth_year"] == 1980
            and ms[0]["reasons"] == ["name_birth_year"] and ms[0]["archived"] is False, f"what a match shows: {ms}")
    s.check(ms and "email" not in ms[0] and "phone" not in ms[0], "a match shows no contact details")
    s.check(count(C, "aijala") == 1, "nothing was stored by the refused create")
    # a name in another script is folded too (Cyrillic -> Latin) and spaces do not count
    ms = refused(s, new(C, first_name=" pirkko ", last_name="ÄIJÄLÄ", birth_year=1980), "upper case, spaces")
    s.check([m["id"] for m in ms] == [first], "the same record")
    ivan = make(C, first_name="Иван", last_name="Петров", birth_year=1975)
    ms = refused(s, new(C, first_name="Ivan", last_name="Petrov", birth_year=1975), "Ivan Petrov = Иван Петров")
    s.check([m["id"] for m in ms] == [ivan], f"the Cyrillic record matches: {ms}")
    # another birth year, or none: not the same person by name
    created(new(C, first_name="Pirkko", last_name="Aijala", birth_year=1981), "another birth year")
    created(new(C, first_name="Pirkko", last_name="Äijälä"), "no birth year: the name alone is not enough")
    created(new(C, first_name="Pirkko", last_name="Äijälä-Virtanen", birth_year=1980), "another last name")
    s.check(count(C, "aijala") == 4, "four Aijala records now (1980, 1981, no year, Äijälä-Virtanen)")


def test_email_and_phone(s):
    mail = make(C, first_name="Maija", last_name="Meikäläinen", email="Maija.Meikalainen@Example.FI")
    ms = refused(s, new(C, first_name="M", last_name="Virtanen", email="maija.meikalainen@example.fi"), "e-mail case")
    s.check([m["id"] for m in ms] == [mail] and ms[0]["reasons"] == ["email"], f"matched by e-mail: {ms}")
    tel = make(C, first_name="Pekka", last_name="Puhelin", phone="+358 40 123 4567")
    for variant in ("0401234567", "040-123 4567", "00358 40 1234567", "+358401234567", "(040) 123 45 67"):
        ms = refused(s, new(C, first_name="Eri", last_name="Nimi", phone=variant), f"phone {variant}")
        s.check([m["id"] for m in ms] == [tel] and ms[0]["reasons"] == ["phone"], f"{variant}: matched by phone {ms}")
    created(new(C, first_name="Eri", last_name="Nimi", phone="040 123 4568"), "another phone number")
    created(new(C, first_name="Eri", last_name="Nimi2", phone="+46 40 123 4567"), "the same digits in Sweden")
    # every reason at once: one match with all three
    both = make(C, first_name="Kaisa", last_name="Kaikki", birth_year=1990, email="kaisa@k.fi", phone="0501112222")
    ms = refused(s, new(C, first_name="kaisa", last_name="KAIKKI", birth_year=1990, email="KAISA@k.fi",
                        phone="+358 50 111 2222"), "all three")
    s.check([m["id"] for m in ms] == [both] and ms[0]["reasons"] == ["name_birth_year", "email", "phone"],
            f"one match, three reasons: {ms}")


def test_confirm(s):
    r = new(C, first_name="Pirkko", last_name="Aijala", birth_year=1980, confirm_new=True)
    s.check(r.status == 201 and "confirm_new" not in r.json, f"confirm_new: true creates it ({r.status} {r.body[:200]!r})")
    s.expect(new(C, first_name="Pirkko", last_name="Aijala", birth_year=1980, confirm_new="yes"), 400,
             "confirm_new must be a boolean", "invalid", "confirm_new")
    refused(s, new(C, first_name="Pirkko", last_name="Aijala", birth_year=1980, confirm_new=False),
            "confirm_new: false is no confirmation")
    ms = refused(s, new(C, first_name="Pirkko", last_name="Aijälä", birth_year=1980), "now two records match")
    s.check(len(ms) == 2, f"both records listed: {ms}")
    # the matches shown are audited as reads of those clients
    n = int(db_sql(DB, "SELECT COUNT(*) FROM audit_log WHERE detail = 'likely_duplicate'")[0][0])
    s.check(n >= 2, f"showing the matches was audited ({n} entries)")
    # an update of a record is no new record: no warning
    rid = r.json["id"]
    s.expect(C.patch(f"/api/v1/clients/{rid}", {"municipality": "Kajaani"}), 200, "an update is not checked")


def test_other_organisation(s):
    theirs = make(O, first_name="Pirkko", last_name="Äijälä", birth_year=1980, email="maija.meikalainen@example.fi",
                  phone="0401234567")
    s.check(theirs > 0, "the other organisation creates its own Pirkko Äijälä without a warning")
    ms = refused(s, new(C, first_name="Pirkko", last_name="Aijala", birth_year=1980), "still refused in ours")
    s.check(theirs not in [m["id"] for m in ms], f"their client never matches ours: {ms}")
    s.check(all(m["first_name"] != "erased" for m in ms), "no tombstone")
    created(new(O, first_name="Kaisa", last_name="Kaikki", birth_year=1990, email="kaisa@k.fi", phone="0501112222"),
            "our client's name, e-mail and phone do not match in their organisation")
    s.expect(O.get(f"/api/v1/clients/{ms[0]['id']}"), 404, "and they cannot open ours", "not_found")


def test_archived_and_erased(s):
    arch = make(C, first_name="Arto", last_name="Arkisto", birth_year=1966)
    s.expect(C.delete(f"/api/v1/clients/{arch}"), 200, "archive")
    ms = refused(s, new(C, first_name="Arto", last_name="Arkisto", birth_year=1966), "an archived client matches")
    s.check([m["id"] for m in ms] == [arch] and ms[0]["archived"] is True, f"shown as archived: {ms}")
    gone = make(C, first_name="Erkki", last_name="Poistettu", birth_year=1970, email="erkki@poistettu.fi",
                phone="0509876543")
    s.expect(C.post(f"/api/v1/clients/{gone}/erase", {"reason": "client_request"}), 200, "erase")
    r = new(C, first_name="Erkki", last_name="Poistettu", birth_year=1970, email="erkki@poistettu.fi",
            phone="0509876543")
    s.check(r.status == 201, f"an erased client never matches ({r.status} {r.body[:200]!r})")
    # the tombstone's name ("erased") and no birth year: a client really named so does not meet it either
    created(new(C, first_name="erased", last_name="erased"), "no match with a tombstone's placeholder name")


def test_form(s):
    page = C.get("/clients/new").body.decode()
    s.check('name="confirm_new"' not in page and "dup-warning" not in page, "no warning before anything is typed")
    data = {"first_name": "Pirkko", "last_name": "AIJALA", "birth_year": "1980", "email": "pirkko.uusi@t.fi",
            "municipality": "Sotkamo", "status": "intake"}
    r = form(C, "/clients/new", data)
    body = r.body.decode()
    s.check(r.status == 400 and 'id="dup-warning"' in body, f"the form warns, as a refused form (400: {r.status})")
    ids = re.findall(r'href="/clients/(\d+)" data-dup', body)
    s.check(len(ids) == 2, f"links to the two existing records: {ids}")
    s.check('value="AIJALA"' in body and 'value="pirkko.uusi@t.fi"' in body and 'value="Sotkamo"' in body,
            "what was typed is kept")
    s.check('name="confirm_new"' in body, "the 'different person' checkbox")
    t = text_of(body)
    for fi in ("Mahdollinen kaksoiskappale", "sama nimi ja syntymävuosi", "Kyseessä on eri henkilö"):
        s.check(fi in t, f"Finnish: {fi}")
    for raw in ("name_birth_year", "likely_duplicate", "err.", "dup."):
        s.check(raw not in t, f"no raw code {raw!r} on the page")
    s.check(count(C, "pirkko.uusi") == 0, "nothing stored yet")
    r = form(C, "/clients/new", {**data, "confirm_new": "1"})
    # (the client follows the redirect to the new record's page)
    s.check(r.status == 200 and "Tallennettu." in text_of(r.body.decode()) and "dup-warning" not in r.body.decode(),
            f"created anyway ({r.status})")
    s.check(count(C, "pirkko.uusi") == 1, "stored once")
    r = form(C, "/clients/new", {"first_name": "Täysin", "last_name": "Uusihenkilö", "birth_year": "2001",
                                 "status": "intake"})
    s.check(r.status == 200 and "Tallennettu." in text_of(r.body.decode()), f"a new person is created at once ({r.status})")


def import_preview(c, text, extra=None):
    body = urllib.parse.urlencode({"kind": "clients", "file": text, "csrf": c.csrf, **(extra or {})}).encode()
    return c.request("POST", "/import/preview", raw=body, headers=FORM_HDR)


def import_run(c, text, checksum, extra=None):
    body = urllib.parse.urlencode({"kind": "clients", "file": text, "checksum": checksum, "csrf": c.csrf,
                                   **(extra or {})}).encode()
    return c.request("POST", "/import/run", raw=body, headers=FORM_HDR)


def test_import(s):
    existing = make(C, first_name="Tuomas", last_name="Tuotu", birth_year=1985, phone="044 555 6666")
    csv = ("etunimi;sukunimi;syntymävuosi;puhelin;sähköposti\n"
           "TUOMAS;Tuotu;1985;;\n"                     # line 2: the existing record by name and year
           "Uma;Uusituonti;1999;;uma@tuonti.fi\n"      # line 3: new
           "Ulla;Toinen;1977;+358 44 5556666;\n"       # line 4: the existing record by phone
           "Ursula;Samarivi;1960;;UMA@tuonti.fi\n")    # line 5: line 3 by e-mail (a row above)
    r = import_preview(C, csv)
    page = r.body.decode()
    s.check(r.status == 200, f"preview ({r.status})")
    got = {k: re.search(rf'id="n-{k}">(\d+)<', page) for k in ("ok", "dup", "err")}
    got = {k: int(v.group(1)) if v else None for k, v in got.items()}
    s.check(got == {"ok": 1, "dup": 3, "err": 0}, f"preview counts: {got}")
    n = int(db_sql(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'list' AND entity = 'clients' "
                       "AND detail = 'import duplicate check'")[0][0])
    s.check(n >= 1, f"reading every client for the check is audited ({n} entries)")
    rows = {int(m.group(1)): text_of(m.group(2)) for m in
            re.finditer(r'<tr class="[a-z]+" data-line="(\d+)">(.*?)</tr>', page, flags=re.S)}
    s.check(f"#{existing}" in rows.get(2, "") and "sama nimi ja syntymävuosi" in rows.get(2, ""),
            f"line 2 names the existing record and why: {rows.get(2)}")
    s.check(f"#{existing}" in rows.get(4, "") and "sama puhelinnumero" in rows.get(4, ""), f"line 4: {rows.get(4)}")
    s.check("tiedoston rivi 3" in rows.get(5, "") and "sama sähköposti" in rows.get(5, ""), f"line 5: {rows.get(5)}")
    s.check(all('name="confirm_%d"' % n in page for n in (2, 4, 5)), "a 'different person' box on each duplicate")
    s.check("Toinen kunta" not in page and "d-other" not in page, "nothing of the other organisation")
    m = re.search(r'name="checksum" value="([0-9a-f]+)"', page)
    s.check(m is not None, "the preview offers to import")
    if not m:
        return
    # imported without ticks: only the new row; then the same file again with line 4 ticked as a different person
    r = import_run(C, csv, m.group(1))
    s.check(r.status in (200, 303), f"import run ({r.status})")
    s.check(count(C, "uusituonti") == 1 and count(C, "Toinen") == 0 and count(C, "Samarivi") == 0,
            "duplicates were left out")
    page = import_preview(C, csv).body.decode()
    m = re.search(r'name="checksum" value="([0-9a-f]+)"', page)
    r = import_run(C, csv, m.group(1) if m else "", {"confirm_4": "1"})
    s.check(r.status in (200, 303), f"import run with line 4 ticked ({r.status})")
    s.check(count(C, "uusituonti") == 1 and count(C, "Toinen") == 1 and count(C, "Samarivi") == 0,
            "the ticked row only (line 3 is a duplicate of the record imported before)")
    # the other organisation's import does not see ours
    page = import_preview(O, "etunimi;sukunimi;syntymävuosi\nTuomas;Tuotu;1985\n").body.decode()
    s.check(re.search(r'id="n-ok">1<', page) is not None, "their import finds no duplicate of our client")


def consent(c, cid, given=True):
    return created(c.post("/api/v1/consents", {"client_id": cid, "purpose": "share_partner", "given": given,
                                               "given_on": "2026-01-02", "method": "in_person"}), "consent")


def test_links_across_organisations(s):
    """A person in both organisations' programmes: told and linked only with both share_partner consents."""
    ours = make(C, first_name="Lauri", last_name="Linkkinen", birth_year=1988, email="lauri.l@t.fi")
    theirs = make(O, first_name="LAURI", last_name="Linkkinen", birth_year=1988, phone="0409998887")
    other_ours = make(C, first_name="Muu", last_name="Asiakas", birth_year=1988)
    r = C.get(f"/api/v1/clients/{ours}/link-candidates")
    s.check(r.status == 200 and r.json == {"consent": False, "items": []}, f"no consent: nothing told {r.body[:200]!r}")
    consent(C, ours)
    r = C.get(f"/api/v1/clients/{ours}/link-candidates")
    s.check(r.json == {"consent": True, "items": []}, f"their client has no consent: nothing told {r.json}")
    s.expect(C.post(f"/api/v1/clients/{ours}/links", {"client_id": theirs}), 404, "no link without their consent",
             "not_found", "client_id")
    consent(O, theirs)
    items = C.get(f"/api/v1/clients/{ours}/link-candidates").json["items"]
    s.check(items == [{"client_id": theirs, "organisation_id": int(OTHER_ORG), "organisation": "Toinen kunta",
                       "reasons": ["name_birth_year"]}], f"both consents: told, nothing of their record {items}")
    s.expect(C.post(f"/api/v1/clients/{ours}/links", {"client_id": other_ours}), 404,
             "a record of our own organisation is no link candidate", "not_found", "client_id")
    s.expect(C.post(f"/api/v1/clients/{ours}/links", {"client_id": theirs, "note": "x"}), 400, "unknown field",
             "invalid", "note")
    s.expect(W.as_("manager").get(f"/api/v1/clients/{ours}/link-candidates"), 403, "a manager is not told",
             "forbidden")
    s.expect(W.as_("coordinator").post(f"/api/v1/clients/{ours}/links", {"client_id": theirs}), 403,
             "a coordinator does not link", "forbidden")
    s.expect(O.get(f"/api/v1/clients/{ours}/link-candidates"), 404, "their staff cannot ask about our client",
             "not_found")
    r = C.post(f"/api/v1/clients/{ours}/links", {"client_id": theirs})
    s.check(r.status == 201 and r.json.get("organisation") == "Toinen kunta", f"linked ({r.status} {r.body[:200]!r})")
    s.expect(C.post(f"/api/v1/clients/{ours}/links", {"client_id": theirs}), 409, "linked once", "conflict",
             "client_id")
    s.expect(O.post(f"/api/v1/clients/{theirs}/links", {"client_id": ours}), 409, "from their side too",
             "conflict", "client_id")
    mine = C.get(f"/api/v1/clients/{ours}/links").json["items"]
    s.check([x["organisation"] for x in mine] == ["Toinen kunta"] and all("other_client_id" not in x for x in mine),
            f"ours: also a client of Toinen kunta, no id of their record {mine}")
    them = O.get(f"/api/v1/clients/{theirs}/links").json["items"]
    s.check([x["organisation"] for x in them] == ["Kainuun osaamiskeskus"], f"theirs: also a client of ours {them}")
    s.check(C.get(f"/api/v1/clients/{ours}/link-candidates").json["items"] == [], "a linked record is told no more")
    page = C.get(f"/clients/{ours}").body.decode()
    t = text_of(page)
    s.check('id="links"' in page and "Myös asiakkaana:" in t and "Toinen kunta" in t, "the client page says so")
    s.check("0409998887" not in page and f"/clients/{theirs}" not in page, "nothing of their record on our page")
    n = int(db_sql(DB, f"SELECT COUNT(*) FROM audit_log WHERE action = 'link' AND client_id IN ({ours}, {theirs}) "
                       f"AND organisation_id IN (SELECT organisation_id FROM clients WHERE id IN ({ours}, {theirs}))")[0][0])
    s.check(n == 2, f"the link is audited in both organisations' logs ({n})")
    # a withdrawal of either consent hides it at once
    s.expect(O.post(f"/api/v1/clients/{theirs}/consents/share_partner/withdraw", {}), 200, "they withdraw")
    s.check(C.get(f"/api/v1/clients/{ours}/links").json["items"] == [], "withdrawn: the link is not shown")
    s.check('id="links"' not in C.get(f"/clients/{ours}").body.decode(), "nor on the page")
    consent(O, theirs)
    s.check(len(C.get(f"/api/v1/clients/{ours}/links").json["items"]) == 1, "given again (the newest row decides)")
    x = C.get(f"/api/v1/clients/{ours}/export").json
    # the link's own id, the organisation and the day: no field of their record (a digit run of their id may stand
    # in the timestamp, so the fields are named, not searched)
    s.check([y["organisation"] for y in x.get("client-links", [])] == ["Toinen kunta"] and
            all(set(y) == {"id", "organisation", "linked_at"} for y in x["client-links"]),
            f"the export lists the link, nothing of their record: "
            f"{x.get('client-links')}")
    # either organisation removes it (audited in both logs); then it is a candidate again and linked again
    lid = C.get(f"/api/v1/clients/{ours}/links").json["items"][0]["id"]
    s.expect(W.as_("coordinator").delete(f"/api/v1/clients/{ours}/links/{lid}"), 403, "a coordinator does not unlink",
             "forbidden")
    s.expect(O.delete(f"/api/v1/clients/{ours}/links/{lid}"), 404, "not through our client", "not_found")
    s.expect(C.delete(f"/api/v1/clients/{other_ours}/links/{lid}"), 404, "not through another client", "not_found")
    s.expect(C.delete(f"/api/v1/clients/{ours}/links/999999"), 404, "no such link", "not_found")
    r = O.delete(f"/api/v1/clients/{theirs}/links/{lid}")
    s.check(r.status == 200 and r.json == {"removed": True}, f"they remove the link ({r.status} {r.body[:200]!r})")
    s.check(C.get(f"/api/v1/clients/{ours}/links").json["items"] == [], "removed: not shown on our side")
    n = int(db_sql(DB, f"SELECT COUNT(*) FROM audit_log WHERE action = 'unlink' AND client_id IN ({ours}, {theirs})")[0][0])
    s.check(n == 2, f"the removal is audited in both logs ({n})")
    s.check([x["client_id"] for x in C.get(f"/api/v1/clients/{ours}/link-candidates").json["items"]] == [theirs],
            "a candidate again")
    created(C.post(f"/api/v1/clients/{ours}/links", {"client_id": theirs}), "linked again")
    # the link on a page: a fresh pair linked through the form
    a2 = make(C, first_name="Sanna", last_name="Sivulla", birth_year=1992)
    b2 = make(O, first_name="Sanna", last_name="Sivulla", birth_year=1992)
    consent(C, a2)
    consent(O, b2)
    page = C.get(f"/clients/{a2}").body.decode()
    s.check(f'data-candidate="{b2}"' in page and "Voi olla asiakkaana myös:" in text_of(page), "the page tells")
    r = form(C, f"/clients/{a2}/links", {"client_id": str(b2)})
    s.check(r.status == 200 and "Tiedot yhdistettiin" in text_of(r.body.decode()), f"linked from the page ({r.status})")
    m = re.search(rf'action="/clients/{a2}/links/(\d+)/remove"', r.body.decode())
    s.check(m is not None, "the page offers to remove the link")
    if m:
        r = form(C, f"/clients/{a2}/links/{m.group(1)}/remove", {})
        s.check(r.status == 200 and "Yhdistäminen poistettiin." in text_of(r.body.decode()) and
                f'data-candidate="{b2}"' in r.body.decode(), f"removed from the page, a candidate again ({r.status})")
    # erasure deletes the links
    s.expect(O.post(f"/api/v1/clients/{theirs}/erase", {"reason": "client_request"}), 200, "they erase")
    s.check(db_sql(DB, f"SELECT COUNT(*) FROM client_links WHERE client_a = {theirs} OR client_b = {theirs}")[0][0]
            == "0", "the erased client's link is gone")
    s.check(C.get(f"/api/v1/clients/{ours}/links").json["items"] == [], "and not shown")


S.run([test_name_and_birth_year, test_email_and_phone, test_confirm, test_other_organisation,
       test_archived_and_erased, test_form, test_import, test_links_across_organisations])
rc = W.server.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
