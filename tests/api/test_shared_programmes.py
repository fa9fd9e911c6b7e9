#!/usr/bin/python3
"""Shared programmes (issue 15 item 3). A programme's own organisation adds co-implementing organisations; a
co-implementer reads the programme and puts its own clients in it, and still sees only its own clients. Both see the
programme's combined figures (scope=programme): every implementer's clients, a person whose records are linked across
organisations counted once, small counts hidden for every reader. A third organisation sees neither the programme nor
its figures; a co-implementer changes nothing of the programme (its row, its funders, its co-implementers). The
client-level table stays an organisation's own. Bad input is a 4xx with a message, and stores nothing.
Usage: test_shared_programmes.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import sys

from harness import Client, Server, Suite, add_org, add_user, created, db_sql, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Yhteishanke-salasana-2026"
PERIOD = "from=2026-01-01&to=2026-06-30"

osaaja(BIN, "init", "--db", DB)
ORGS = {}
for key, name in [("lead", "Kainuun työvalmennus"), ("co", "Oulun seudun työvalmennus"), ("third", "Kolmas kunta")]:
    ORGS[key] = int(add_org(BIN, DB, name))
for org, roles in [("lead", ("admin", "counsellor", "manager", "employer")), ("co", ("admin", "counsellor", "manager")),
                   ("third", ("admin", "manager"))]:
    for role in roles:
        add_user(BIN, DB, f"sp-{org}-{role}@t.fi", role, ORGS[org], PW, name=f"{org} {role}".title())

srv = Server(BIN, DB)
S = Suite("shared programmes" + (" (postgres)" if IS_PG else " (sqlite)"))
SESS = {}


def as_(org, role):
    if (org, role) not in SESS:
        c = Client(srv)
        c.login(f"sp-{org}-{role}@t.fi", PW)
        SESS[(org, role)] = c
    return SESS[(org, role)]


def count(table):
    return int(db_sql(DB, f"SELECT COUNT(*) FROM {table}")[0][0])


def figures(org, query):
    r = as_(org, "manager").get("/api/v1/reports/indicators?" + PERIOD + "&" + query)
    assert r.status == 200, (org, query, r.status, r.body[:300])
    return r.json


def client(org, first, last, year, programme, n):
    return created(as_(org, "counsellor").post("/api/v1/clients", {
        "first_name": first, "last_name": last, "birth_year": year, "programme_id": programme,
        "intake_on": "2026-02-%02d" % (n + 1), "status": "active", "phone": "040%07d" % (ORGS[org] * 1000 + n),
        "email": f"{org}{n}@asiakas.example"}), f"client {first} {last}")["id"]


def test_sharing(s):
    lead_admin, co_admin = as_("lead", "admin"), as_("co", "admin")
    p = created(lead_admin.post("/api/v1/programmes", {"name": "Työvalmennus ESR+ 2026", "funder": "ESR+",
                                                       "starts_on": "2026-01-01"}), "programme")["id"]
    # not yet shared: the co-implementer neither sees nor uses it
    s.check(all(x["id"] != p for x in co_admin.get("/api/v1/programmes").json["items"]), "not shared: not listed")
    s.expect(co_admin.get(f"/api/v1/programmes/{p}"), 404, "not shared: not readable", "not_found")
    n = count("clients")
    s.expect(as_("co", "counsellor").post("/api/v1/clients", {"first_name": "Aino", "last_name": "Ennen",
                                                               "programme_id": p}),
             400, "not shared: no client of ours in it", "invalid", "programme_id")
    s.check(count("clients") == n, "the refused client is not stored")

    # the lead's admin adds the co-implementer; mistakes are told and store nothing
    path = "/api/v1/programme-partners"
    n = count("programme_partners")
    s.expect(lead_admin.post(path, {"programme_id": p, "partner_organisation_id": ORGS["lead"]}), 400,
             "its own organisation is no co-implementer", "invalid", "partner_organisation_id")
    s.expect(lead_admin.post(path, {"programme_id": p, "partner_organisation_id": 999999}), 400,
             "no such organisation", "invalid", "partner_organisation_id")
    s.expect(lead_admin.post(path, {"programme_id": p}), 400, "the organisation is required", "invalid",
             "partner_organisation_id")
    s.expect(as_("lead", "counsellor").post(path, {"programme_id": p, "partner_organisation_id": ORGS["co"]}), 403,
             "a counsellor does not share programmes", "forbidden")
    s.check(count("programme_partners") == n, "nothing stored by the refused requests")
    pp = created(lead_admin.post(path, {"programme_id": p, "partner_organisation_id": ORGS["co"],
                                        "task": "Työvalmennus Oulun seudulla"}), "co-implementer")
    s.check(pp["organisation_id"] == ORGS["lead"], f"the row is the programme's organisation's: {pp}")
    r = lead_admin.post(path, {"programme_id": p, "partner_organisation_id": ORGS["co"]})
    s.check(r.status in (400, 409), f"the same co-implementer twice is refused: {r.status} {r.body[:200]}")
    s.check(count("programme_partners") == n + 1, "one row")

    # the co-implementer reads the programme, never writes it or its children
    s.check(any(x["id"] == p for x in co_admin.get("/api/v1/programmes").json["items"]), "shared: listed")
    s.check(co_admin.get(f"/api/v1/programmes/{p}").json.get("name") == "Työvalmennus ESR+ 2026", "shared: readable")
    s.expect(co_admin.patch(f"/api/v1/programmes/{p}", {"region": "Pohjois-Pohjanmaa"}), 404,
             "shared: not writable by the co-implementer", "not_found")
    s.check(db_sql(DB, f"SELECT COUNT(*) FROM programmes WHERE id = {p} AND region IS NULL") == [["1"]], "the row unchanged")
    s.expect(co_admin.post("/api/v1/programme-funders", {"programme_id": p, "funder": "Oulun kaupunki",
                                                         "share_pct": 10}),
             400, "no funder added by the co-implementer", "invalid", "programme_id")
    s.expect(co_admin.post(path, {"programme_id": p, "partner_organisation_id": ORGS["third"]}), 400,
             "no co-implementer added by a co-implementer", "invalid", "programme_id")
    s.expect(as_("third", "admin").get(f"/api/v1/programmes/{p}"), 404, "a third organisation: not readable",
             "not_found")
    s.check(all(x["id"] != p for x in as_("third", "admin").get("/api/v1/programmes").json["items"]),
            "a third organisation: not listed")
    s.expect(as_("lead", "employer").get(path), 403, "an employer's user reads no co-implementers", "forbidden")
    # the admin page names the co-implementer (another organisation, by name)
    page = lead_admin.get("/admin/programmes").body.decode()
    s.check('id="programme-partners"' in page and "Oulun seudun työvalmennus" in page,
            "the programmes page lists the co-implementer by name")
    PROGRAMME.append(p)


def test_clients_and_figures(s):
    p = PROGRAMME[0]
    lead = [client("lead", f"Lead{i}", "Asiakas", 1980 + i, p, i) for i in range(5)]
    same_lead = client("lead", "Mai", "Nguyen", 1991, p, 9)
    co = [client("co", f"Co{i}", "Asiakas", 1970 + i, p, i) for i in range(3)]
    same_co = created(as_("co", "counsellor").post("/api/v1/clients", {
        "first_name": "Mai", "last_name": "Nguyen", "birth_year": 1991, "programme_id": p, "intake_on": "2026-03-02",
        "status": "active"}), "the same person, the co-implementer's record")["id"]
    # each organisation sees its own clients only
    mine = {x["id"] for x in as_("co", "counsellor").get(f"/api/v1/clients?programme_id={p}&limit=100").json["items"]}
    s.check(mine == set(co) | {same_co}, f"the co-implementer lists its own clients of the programme: {mine}")
    s.expect(as_("co", "counsellor").get(f"/api/v1/clients/{lead[0]}"), 404, "not the lead's client", "not_found")

    own_lead, own_co = figures("lead", f"programme_id={p}"), figures("co", f"programme_id={p}")
    s.check(own_lead["indicators"]["clients_served"] == 6 and own_co["indicators"]["clients_served"] == 4,
            f"own figures: 6 and 4 ({own_lead['indicators']['clients_served']}, "
            f"{own_co['indicators']['clients_served']})")
    both = figures("lead", f"programme_id={p}&scope=programme")
    s.check(both["indicators"]["clients_served"] == 10 and both["indicators"]["new_clients"] == 10,
            f"combined before the link: 10 records, 10 persons ({both['indicators']['clients_served']})")
    s.check(both.get("min_cell") == 5 and both["filter"].get("scope") == "programme",
            f"combined figures are suppressed and say their scope: {both.get('min_cell')} {both['filter']}")

    # the person in both organisations: linked with both consents, then counted once
    for org, cid in (("lead", same_lead), ("co", same_co)):
        created(as_(org, "counsellor").post("/api/v1/consents", {"client_id": cid, "purpose": "share_partner",
                                                                 "given": True, "given_on": "2026-03-03"}), "consent")
    created(as_("lead", "counsellor").post(f"/api/v1/clients/{same_lead}/links", {"client_id": same_co}), "link")
    for org in ("lead", "co"):
        both = figures(org, f"programme_id={p}&scope=programme")["indicators"]
        s.check(both["clients_served"] == 9 and both["new_clients"] == 9,
                f"{org}: combined, the linked person once: 9 ({both['clients_served']}, {both['new_clients']})")
    s.check(figures("co", f"programme_id={p}")["indicators"]["clients_served"] == 4, "own figures unchanged: 4")

    # one employment: exact in the organisation's own figures, hidden in the combined ones
    created(as_("co", "counsellor").post("/api/v1/outcomes", {"client_id": co[0], "type": "employed",
                                                              "starts_on": "2026-04-01", "isco_code": "9112"}),
            "outcome")
    s.check(figures("co", f"programme_id={p}")["indicators"]["employed"] == 1, "own: 1 employed, exact")
    hidden = figures("lead", f"programme_id={p}&scope=programme")["indicators"]["employed"]
    s.check(hidden == "<5", f"combined: a count below 5 is hidden for every reader ({hidden})")
    csv = as_("lead", "manager").get(f"/api/v1/reports/export.csv?{PERIOD}&programme_id={p}&scope=programme")
    text = csv.body.decode("utf-8-sig")
    s.check(csv.status == 200 and "scope,programme" in text and "clients_served" in text and "<5" in text,
            f"the funder's CSV: combined, named, suppressed: {text[:300]}")
    csv = as_("co", "manager").get(f"/api/v1/reports/export.csv?{PERIOD}&programme_id={p}&scope=programme&lang=fi")
    text = csv.body.decode("utf-8-sig")
    s.check(csv.status == 200 and "Koko hankkeen (kaikki toteuttajat)" in text, "in Finnish, the scope in words")
    esf = as_("lead", "manager").get(f"/api/v1/reports/esf?{PERIOD}&programme_id={p}&scope=programme").json
    s.check(esf.get("min_cell") == 5, f"the ESF+ table of the whole programme is suppressed: {esf.get('min_cell')}")

    # who may not, and bad input
    s.expect(as_("third", "manager").get(f"/api/v1/reports/indicators?{PERIOD}&programme_id={p}&scope=programme"),
             404, "a third organisation: no figures of the programme", "not_found", "programme_id")
    s.expect(as_("lead", "manager").get(f"/api/v1/reports/indicators?{PERIOD}&scope=programme"), 400,
             "a whole programme needs its id", "invalid", "programme_id")
    s.expect(as_("lead", "manager").get(f"/api/v1/reports/indicators?{PERIOD}&scope=region"), 400,
             "scope is organisation or programme", "invalid", "scope")
    s.expect(as_("lead", "admin").get(f"/api/v1/reports/clients.csv?{PERIOD}&programme_id={p}&scope=programme"),
             400, "no client-level rows of a co-implementer", "invalid", "scope")
    third = as_("third", "manager").get(f"/api/v1/reports/indicators?{PERIOD}&programme_id={p}").json["indicators"]
    s.check(third["clients_served"] == 0, "a third organisation's own figures of the id count nothing")

    # the figures page: the scope chosen, the note, the numbers
    page = as_("co", "manager").get(f"/reports?{PERIOD}&programme_id={p}&scope=programme").body.decode()
    s.check('name="scope"' in page and 'value="programme" selected' in page and "Koko hankkeen" in page,
            "the figures page offers and keeps the scope")
    s.check("lasketaan kerran" in page, "the page says a linked person counts once")
    # its figures are suppressed: the note says so (not "exact"), and a hidden share reads as words, not "<5"
    s.check("Niin myös tällä sivulla" in page and "Tämän sivun luvut ovat tarkkoja" not in page,
            "the whole programme's page does not call its figures exact")
    import re
    pct = re.search(r'data-key="employed_own_field_pct"[^>]*>(.*?)</td>', page, re.S)
    s.check(pct and "ei näytetä" in pct.group(1) and "&lt;5" not in pct.group(1),
            f"a hidden share reads 'ei näytetä', not <5: {pct and pct.group(1)}")
    own_page = as_("co", "manager").get(f"/reports?{PERIOD}&programme_id={p}").body.decode()
    s.check("Tämän sivun luvut ovat tarkkoja" in own_page, "the organisation's own page: exact, and says so")

    # the lead ends the co-implementation: the programme and its figures leave the co-implementer at once
    pp = as_("lead", "admin").get(f"/api/v1/programme-partners?programme_id={p}").json["items"][0]["id"]
    s.check(as_("lead", "admin").delete(f"/api/v1/programme-partners/{pp}").status in (200, 204), "ended")
    s.expect(as_("co", "admin").get(f"/api/v1/programmes/{p}"), 404, "ended: not readable", "not_found")
    s.expect(as_("co", "manager").get(f"/api/v1/reports/indicators?{PERIOD}&programme_id={p}&scope=programme"), 404,
             "ended: no combined figures", "not_found", "programme_id")
    after = figures("lead", f"programme_id={p}&scope=programme")["indicators"]["clients_served"]
    s.check(after == 6, f"ended: the combined figures count the lead's own clients only ({after})")


PROGRAMME = []
try:
    ok = S.run([test_sharing, test_clients_and_figures])
finally:
    srv.stop()
sys.exit(0 if ok else 1)
