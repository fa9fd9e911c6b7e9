#!/usr/bin/python3
"""Group events in the app (issue 16 item 4), on a fixture derived by hand below: the figures per event type
(GET /api/v1/reports/group-events: events held, distinct clients who attended, attendances, distinct employers
present, totals); the staff pages /groups, /groups/new and /groups/{id} in Finnish with no raw codes; attendance
recorded, marked and removed through the pages' form POSTs; bad input refused with 400 and a message, nothing stored;
the roles that may not see the pages or the figures refused.
Usage: test_group_events.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import re
import sys
import urllib.parse

from harness import Client, Server, Suite, add_org, add_user, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Ryhmatilaisuus-salasana-2026"
PERIOD = "from=2026-01-01&to=2026-06-30"
FORM_HDR = {"Content-Type": "application/x-www-form-urlencoded"}

osaaja(BIN, "init", "--db", DB)
ORG = add_org(BIN, DB, "Osaamiskeskus")
ORG2 = add_org(BIN, DB, "Toinen keskus", "partner")
for role in ("counsellor", "coordinator", "manager", "employer", "admin"):
    add_user(BIN, DB, f"g-{role}@t.fi", role, ORG, PW, lang="fi")
add_user(BIN, DB, "g-other@t.fi", "counsellor", ORG2, PW, name="Toinen", lang="fi")
srv = Server(BIN, DB)
S = Suite("group events" + (" (postgres)" if IS_PG else " (sqlite)"))
SESS = {}
F = {}  # the fixture's ids


def as_(who):
    if who not in SESS:
        c = Client(srv)
        c.login(f"g-{who}@t.fi", PW)
        SESS[who] = c
    return SESS[who]


def made(r):
    assert r.status == 201, r.body[:300]
    return r.json["id"]


def form(c, path, data):
    return c.request("POST", path, raw=urllib.parse.urlencode({"csrf": c.csrf, **data}).encode(), headers=FORM_HDR)


def text_of(html):
    """The page's text as a reader sees it: no tags, no attribute values."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def rows_of(c, event):
    r = c.get(f"/api/v1/group-attendance?group_event_id={event}&limit=100")
    assert r.status == 200, r.body[:300]
    return r.json["items"]


def event(c, type_, title, held_on, **kw):
    return made(c.post("/api/v1/group-events", {"type": type_, "title": title, "held_on": held_on, **kw}))


def attend(c, ev, client=None, employer=None, attended=True):
    body = {"group_event_id": ev, "attended": attended}
    if client:
        body["client_id"] = client
    if employer:
        body["employer_id"] = employer
    return made(c.post("/api/v1/group-attendance", body))


# Period 2026-01-01..2026-06-30; clients Aino, Bea, Cem, Dana; employers E1, E2 (organisation A).
# ev1 info_session 02-10: Aino, Bea attended, Cem signed up but absent; E1 present.
# ev2 info_session 03-15 (recorded through the page): Aino, Dana attended; E1 present, E2 marked absent; Bea added
#     and removed again.
# ev3 recruitment_fair 04-20, programme P: Bea, Cem attended; E1, E2 present.
# ev4 info_session 2025-12-15 (before the period): Dana, E2.   ev5 group_coaching 07-01 (after it): Aino.
# ev6 recruitment_fair 05-05 with Dana, archived: not counted.   Organisation B: an info session 02-10, its client.
# info_session: events 2, clients {Aino, Bea, Dana} 3, attendances 2 + 2 = 4, employers {E1} 1
# recruitment_fair: events 1, clients {Bea, Cem} 2, attendances 2, employers {E1, E2} 2
# total: events 3, clients {Aino, Bea, Cem, Dana} 4, attendances 6, employers {E1, E2} 2
# programme P only: recruitment_fair 1, 2, 2, 2 and the same total
ZERO = {"events": 0, "clients": 0, "attendances": 0, "employers": 0}
EXPECTED = {"info_session": {"events": 2, "clients": 3, "attendances": 4, "employers": 1},
            "recruitment_fair": {"events": 1, "clients": 2, "attendances": 2, "employers": 2},
            "group_coaching": ZERO, "employer_visit": ZERO, "other": ZERO}
TOTAL = {"events": 3, "clients": 4, "attendances": 6, "employers": 2}


def test_fixture(s):
    c = as_("counsellor")
    for name in ("Aino", "Bea", "Cem", "Dana"):
        F[name] = made(c.post("/api/v1/clients", {"first_name": name, "last_name": "Ryhmäläinen",
                                                  "intake_on": "2025-10-01", "status": "active"}))
    co = as_("coordinator")
    F["E1"] = made(co.post("/api/v1/employers", {"name": "Kahvila Kulma Oy"}))
    F["E2"] = made(co.post("/api/v1/employers", {"name": "Rakennus Routa Oy"}))
    adm = as_("admin")
    F["P"] = made(adm.post("/api/v1/programmes", {"name": "Messuhanke"}))
    F["ev1"] = event(c, "info_session", "Infotilaisuus helmikuussa", "2026-02-10", place="Kirjasto")
    attend(c, F["ev1"], client=F["Aino"])
    attend(c, F["ev1"], client=F["Bea"])
    attend(c, F["ev1"], client=F["Cem"], attended=False)
    attend(co, F["ev1"], employer=F["E1"])
    F["ev3"] = event(co, "recruitment_fair", "Rekrytointimessut", "2026-04-20", programme_id=F["P"])
    for who in ("Bea", "Cem"):
        attend(c, F["ev3"], client=F[who])
    for e in ("E1", "E2"):
        attend(co, F["ev3"], employer=F[e])
    ev4 = event(c, "info_session", "Joulun infotilaisuus", "2025-12-15")
    attend(c, ev4, client=F["Dana"])
    attend(c, ev4, employer=F["E2"])
    ev5 = event(c, "group_coaching", "Kesän ryhmävalmennus", "2026-07-01")
    attend(c, ev5, client=F["Aino"])
    ev6 = event(c, "recruitment_fair", "Peruttu messupäivä", "2026-05-05")
    attend(c, ev6, client=F["Dana"])
    v = c.get(f"/api/v1/group-events/{ev6}").json["version"]
    s.expect(c.delete(f"/api/v1/group-events/{ev6}", headers={"If-Match": f'"{v}"'}), 200, "an event archived")
    o = Client(srv)
    o.login("g-other@t.fi", PW)
    oc = made(o.post("/api/v1/clients", {"first_name": "Olli", "last_name": "Muualta", "intake_on": "2026-01-02",
                                         "status": "active"}))
    oev = event(o, "info_session", "Toisen keskuksen info", "2026-02-10")
    attend(o, oev, client=oc)
    F["other_event"] = oev


def test_record_through_pages(s):
    c = as_("counsellor")
    r = form(c, "/groups/new", {"type": "info_session", "title": "Maaliskuun infotilaisuus", "held_on": "2026-03-15",
                                "place": "Työllisyyspalvelut, sali 2"})
    s.check(r.status in (200, 303) and "/groups/" in (r.headers.get("Location") or "") or r.status == 200,
            f"the new-event form creates an event: {r.status} {r.headers.get('Location')}")
    found = [e for e in c.get("/api/v1/group-events?type=info_session&limit=100").json["items"]
             if e["title"] == "Maaliskuun infotilaisuus"]
    s.check(len(found) == 1 and found[0]["held_on"] == "2026-03-15", f"stored once: {found}")
    ev2 = F["ev2"] = found[0]["id"]
    for who in ("Aino", "Dana", "Bea"):
        r = form(c, f"/groups/{ev2}/attendance", {"kind": "client", "client_id": str(F[who]), "attended": "yes"})
        s.check(r.status in (200, 303), f"{who} added through the page: {r.status} {r.body[:200]!r}")
    for e in ("E1", "E2"):
        r = form(c, f"/groups/{ev2}/attendance", {"kind": "employer", "employer_id": str(F[e]), "attended": "yes"})
        s.check(r.status in (200, 303), f"{e} added through the page: {r.status}")
    rows = rows_of(c, ev2)
    s.check(len(rows) == 5 and all(x["attended"] is True for x in rows), f"five rows, all attended: {rows}")
    e2 = next(x for x in rows if x.get("employer_id") == F["E2"])
    r = form(c, f"/groups/{ev2}/attendance/{e2['id']}", {"attended": "no", "version": str(e2["version"])})
    s.check(r.status in (200, 303), f"E2 marked absent through the page: {r.status}")
    bea = next(x for x in rows if x.get("client_id") == F["Bea"])
    r = form(c, f"/groups/{ev2}/attendance/{bea['id']}/remove", {})
    s.check(r.status in (200, 303), f"Bea's row removed through the page: {r.status}")
    rows = rows_of(c, ev2)
    s.check(sorted((x.get("client_id"), x.get("employer_id"), x["attended"]) for x in rows
                   if x.get("client_id")) == sorted([(F["Aino"], None, True), (F["Dana"], None, True)]),
            f"clients Aino and Dana remain: {rows}")
    s.check([x["attended"] for x in rows if x.get("employer_id") == F["E2"]] == [False], "E2 is marked absent")
    # a row of another event through this event's path: not found
    other = rows_of(c, F["ev1"])[0]
    r = form(c, f"/groups/{ev2}/attendance/{other['id']}/remove", {})
    s.check(r.status == 404, f"a row of another event is not this event's: {r.status}")
    s.check(len(rows_of(c, F["ev1"])) == 4, "and it stays")


def test_figures(s):
    for who in ("counsellor", "manager", "coordinator", "admin"):
        r = as_(who).get("/api/v1/reports/group-events?" + PERIOD)
        if not s.expect(r, 200, f"the figures for the {who}"):
            continue
        j = r.json
        got = {t["type"]: {k: t[k] for k in ZERO} for t in j["types"]}
        s.check(got == EXPECTED, f"per type ({who}): {got}")
        s.check([t["type"] for t in j["types"]] == list(EXPECTED), f"every type in the table's order: {j['types']}")
        s.check({k: j["total"][k] for k in ZERO} == TOTAL, f"total ({who}): {j['total']}")
        s.check(j["filter"]["from"] == "2026-01-01" and j["filter"]["to"] == "2026-06-30"
                and j["filter"]["organisation_id"] == int(ORG), f"the filter: {j['filter']}")
    r = as_("manager").get(f"/api/v1/reports/group-events?{PERIOD}&programme_id={F['P']}")
    if s.expect(r, 200, "the figures of one programme"):
        got = {t["type"]: {k: t[k] for k in ZERO} for t in r.json["types"]}
        s.check(got["recruitment_fair"] == EXPECTED["recruitment_fair"] and got["info_session"] == ZERO,
                f"programme P: only the fair: {got}")
        s.check({k: r.json["total"][k] for k in ZERO} == {"events": 1, "clients": 2, "attendances": 2,
                                                           "employers": 2}, f"programme P total: {r.json['total']}")
    r = as_("manager").get("/api/v1/reports/group-events?from=2025-12-01&to=2025-12-31")
    if s.expect(r, 200, "December 2025"):
        s.check({k: r.json["total"][k] for k in ZERO} == {"events": 1, "clients": 1, "attendances": 1,
                                                           "employers": 1}, f"only the Christmas info: {r.json}")
    o = Client(srv)
    o.login("g-other@t.fi", PW)
    r = o.get("/api/v1/reports/group-events?" + PERIOD)
    if s.expect(r, 200, "the other organisation's figures"):
        s.check({k: r.json["total"][k] for k in ZERO} == {"events": 1, "clients": 1, "attendances": 1,
                                                           "employers": 0}, f"its own event only: {r.json['total']}")
    s.expect(as_("manager").get("/api/v1/reports/group-events?" + PERIOD + "&target_group=immigrant"), 400,
             "a client filter is not a filter of events", "invalid", "target_group")
    s.expect(as_("manager").get("/api/v1/reports/group-events?from=2026-13-01&to=2026-06-30"), 400,
             "a bad date", "invalid", "from")


def test_pages(s):
    c = as_("counsellor")
    h = c.get("/caseload")
    s.check(h.status == 200 and b'href="/groups"' in h.body, "the caseload page links to the group events")
    h = c.get("/groups?" + PERIOD)
    s.check(h.status == 200, f"/groups: {h.status}")
    page = h.body.decode()
    text = text_of(page)
    for want in ("Ryhmätilaisuudet", "Luvut tilaisuustyypeittäin", "infotilaisuus", "rekrytointimessut",
                 "ryhmävalmennus", "Infotilaisuus helmikuussa", "Maaliskuun infotilaisuus", "Yhteensä",
                 "Uusi tilaisuus"):
        s.check(want in text, f"/groups shows {want!r}")
    for raw in ("info_session", "recruitment_fair", "group_coaching", "employer_visit", "grp.", "v.", "f."):
        s.check(re.search(r"(?<![\w.])" + re.escape(raw) + r"(?!\w)", text) is None,
                f"/groups has no raw code {raw!r} in its text")
    s.check("Joulun infotilaisuus" not in text and "Kesän ryhmävalmennus" not in text
            and "Peruttu messupäivä" not in text and "Toisen keskuksen info" not in text,
            "events outside the period, archived or of another organisation are not listed")
    s.check('class="table-wrap"' in page, "tables scroll inside .table-wrap on a phone")
    tfoot = page.split("<tfoot>")[1].split("</tfoot>")[0] if "<tfoot>" in page else ""
    s.check(re.findall(r'<td class="num">(\d+)</td>', tfoot) == ["3", "4", "6", "2"],
            f"the page's total row matches the API: {text_of(tfoot)}")
    h = c.get("/groups?" + PERIOD + "&type=recruitment_fair")
    t = text_of(h.body.decode())
    s.check(h.status == 200 and "Rekrytointimessut" in t and "Infotilaisuus helmikuussa" not in t,
            "the type filter narrows the list")
    s.check(c.get("/groups?type=nonsense").status == 400, "an unknown type is refused")
    h = c.get(f"/groups/{F['ev1']}")
    page = h.body.decode()
    text = text_of(page)
    s.check(h.status == 200, f"the event page: {h.status}")
    for want in ("Infotilaisuus helmikuussa", "infotilaisuus", "Kirjasto", "Aino Ryhmäläinen", "Cem Ryhmäläinen",
                 "ei osallistunut", "Kahvila Kulma Oy", "Lisää osallistuja", "Lisää työnantaja", "Osallistujat"):
        s.check(want in text, f"the event page shows {want!r}")
    for raw in ("info_session", "true", "false"):
        s.check(re.search(r"(?<![\w.])" + raw + r"(?!\w)", text) is None, f"the event page has no raw {raw!r}")
    h = c.get(f"/groups/{F['ev1']}?q=Dana")
    opts = re.findall(r'<option value="(\d+)">', h.body.decode().split('id="att-client-client_id"')[1].split("</select>")[0])
    s.check(opts == [str(F["Dana"])], f"the name search offers Dana only: {opts}")
    h = c.get("/groups/new")
    s.check(h.status == 200 and "Tilaisuuden tyyppi" in text_of(h.body.decode()), "the new-event form")
    s.check(c.get(f"/groups/{F['other_event']}").status == 404, "another organisation's event is not found")
    h = c.get(f"/edit/group-events/{F['ev1']}?back=/groups/{F['ev1']}")
    s.check(h.status == 200 and "Otsikko" in text_of(h.body.decode()), "the event's edit form")


def test_bad_input(s):
    c = as_("counsellor")
    ev = F["ev1"]
    before = len(rows_of(c, ev))
    r = form(c, f"/groups/{ev}/attendance", {"kind": "client", "client_id": "", "attended": "yes"})
    s.check(r.status == 400 and "Valitse asiakas tai työnantaja" in r.body.decode(),
            f"neither client nor employer: 400 with the message beside the field: {r.status}")
    r = form(c, f"/groups/{ev}/attendance", {"kind": "employer", "employer_id": "", "attended": "yes"})
    s.check(r.status == 400 and "Valitse asiakas tai työnantaja" in r.body.decode(),
            f"the employer form without an employer: 400 with the message: {r.status}")
    r = form(c, f"/groups/{ev}/attendance", {"kind": "client", "client_id": str(F["Aino"]), "attended": "yes"})
    s.check(r.status == 400 and "on jo kirjattu" in r.body.decode(), f"Aino twice: 400 with the message: {r.status}")
    s.check(len(rows_of(c, ev)) == before, "nothing stored")
    s.expect(c.post("/api/v1/group-attendance", {"group_event_id": ev, "attended": True}), 400,
             "the API: neither client nor employer", "invalid", "client_id")
    s.expect(c.post("/api/v1/group-attendance", {"group_event_id": ev, "client_id": F["Dana"],
                                                 "employer_id": F["E1"]}), 400,
             "the API: both a client and an employer", "invalid", "client_id")
    s.check(len(rows_of(c, ev)) == before, "still nothing stored")
    n = len(c.get("/api/v1/group-events?limit=100").json["items"])
    r = form(c, "/groups/new", {"type": "info_session", "title": "Päivätön tilaisuus", "held_on": ""})
    s.check(r.status == 400 and "Päivätön tilaisuus" in r.body.decode(),
            f"an event without a day: 400, the form again with the input: {r.status}")
    s.expect(c.post("/api/v1/group-events", {"type": "info_session", "title": "Päivätön"}), 400,
             "the API: an event without held_on", "invalid", "held_on")
    s.check(len(c.get("/api/v1/group-events?limit=100").json["items"]) == n, "no event stored")


def test_roles(s):
    for who in ("manager", "employer", "admin"):
        u = as_(who)
        s.check(u.get("/groups").status == 403, f"the {who} may not open /groups")
        s.check(u.get(f"/groups/{F['ev1']}").status == 403, f"the {who} may not open an event's page")
        r = form(u, f"/groups/{F['ev1']}/attendance", {"kind": "client", "client_id": str(F["Dana"])})
        s.check(r.status == 403, f"the {who} may not record attendance: {r.status}")
    s.expect(as_("employer").get("/api/v1/reports/group-events?" + PERIOD), 403, "the employer gets no figures")
    s.check(len(rows_of(as_("counsellor"), F["ev1"])) == 4, "nothing recorded by them")
    s.check(as_("coordinator").get(f"/groups/{F['ev1']}").status == 200, "the coordinator opens the event's page")


ok = S.run([test_fixture, test_record_through_pages, test_figures, test_pages, test_bad_input, test_roles])
srv.stop()
sys.exit(0 if ok else 1)
