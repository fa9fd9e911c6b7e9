#!/usr/bin/python3
"""Service methods and programme funders (issue 16 item 8 a, c), on a fixture derived by hand below: service events
by method in the period (events and distinct clients, with those without a method), another organisation's method
refused as a reference, an archived method refused for a new event while an old event keeps it, who may write
methods, the funders' shares of a programme summing to at most 100 (a stable error key), a burst of concurrent funders
that stops at exactly 100 % (on PostgreSQL through two servers on one database), and the admin page's methods list.
Usage: test_methods_funders.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import sys
import threading
import urllib.parse

from harness import Client, Server, Suite, add_org, add_user, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Menetelmat-salasana-2026"
PERIOD = "from=2026-01-01&to=2026-06-30"

osaaja(BIN, "init", "--db", DB)
ORG = add_org(BIN, DB, "Osaamiskeskus")
OTHER = add_org(BIN, DB, "Toinen")
for role in ("admin", "counsellor", "manager"):
    add_user(BIN, DB, f"m-{role}@t.fi", role, ORG, PW)
add_user(BIN, DB, "m-admin@toinen.fi", "admin", OTHER, PW, name="Toinen admin")
srv = Server(BIN, DB)
# on PostgreSQL the burst goes through two servers on one database: the row lock, not one process, must decide
srv2 = Server(BIN, DB) if IS_PG else srv
S = Suite("methods and funders" + (" (postgres)" if IS_PG else " (sqlite)"))


def as_(email, server=None):
    c = Client(server or srv)
    c.login(email, PW)
    return c


def count_rows(c, path):
    r = c.get(path)
    assert r.status == 200, r.body[:300]
    return r.json


def method(c, name):
    r = c.post("/api/v1/service-methods", {"name": name})
    assert r.status == 201, r.body[:300]
    return r.json["id"]


def test_methods_by_method(s):
    adm, cs = as_("m-admin@t.fi"), as_("m-counsellor@t.fi")
    art = method(adm, "Luovat ja taiteelliset menetelmät")
    peer = method(adm, "Vertaisryhmä")
    foreign = method(as_("m-admin@toinen.fi"), "Toisen menetelmä")
    clients = []
    for name in ("Aino", "Bea", "Cem"):
        r = cs.post("/api/v1/clients", {"first_name": name, "last_name": "Menetelmä", "intake_on": "2026-01-02"})
        assert r.status == 201, r.body[:300]
        clients.append(r.json["id"])
    a, b, c = clients

    def event(cid, day, mid=None, status=201):
        body = {"client_id": cid, "type": "coaching", "happened_on": day}
        if mid is not None:
            body["method_id"] = mid
        r = cs.post("/api/v1/service-events", body)
        s.expect(r, status, f"event {cid} {day} method {mid}", "invalid" if status == 400 else None)
        return r
    # art: A twice in the period, B once, C once on 2025-12-31 (outside) -> 3 events, 2 clients
    # peer: C once in the period, A once on 2026-07-01 (outside) -> 1 event, 1 client
    # no method: B once in the period -> 1 event, 1 client.  total: 5 events, 3 clients
    event(a, "2026-01-15", art)
    event(a, "2026-03-01", art)
    event(b, "2026-06-30", art)
    event(c, "2025-12-31", art)
    event(c, "2026-02-02", peer)
    event(a, "2026-07-01", peer)
    event(b, "2026-04-04")
    before = count_rows(cs, "/api/v1/service-events?limit=100")["total"]
    r = event(a, "2026-02-01", foreign, 400)
    s.check(r.json["error"].get("field") == "method_id" and r.json["error"].get("key") == "ref",
            f"another organisation's method is refused on method_id: {r.json}")
    s.check(count_rows(cs, "/api/v1/service-events?limit=100")["total"] == before, "nothing was stored")
    m = as_("m-manager@t.fi").get("/api/v1/reports/methods?" + PERIOD)
    s.expect(m, 200, "figures by method")
    rows = {row["name"]: row for row in m.json["methods"]}
    s.check(rows.get("Luovat ja taiteelliset menetelmät", {}).get("events") == 3 and
            rows["Luovat ja taiteelliset menetelmät"]["clients"] == 2, f"art: 3 events, 2 clients: {m.json}")
    s.check(rows.get("Vertaisryhmä", {}).get("events") == 1 and rows["Vertaisryhmä"]["clients"] == 1,
            f"peer group: 1 event, 1 client: {m.json}")
    s.check(rows.get(None, {}).get("events") == 1 and rows[None]["clients"] == 1 and rows[None]["method_id"] is None,
            f"no method: 1 event, 1 client: {m.json}")
    s.check(m.json["methods"][-1]["method_id"] is None, "the row without a method comes last")
    s.check(m.json["total"] == {"events": 5, "clients": 3}, f"total 5 events of 3 clients: {m.json['total']}")
    s.check("Toisen menetelmä" not in m.body.decode(), "another organisation's method is not in the figures")
    s.expect(as_("m-admin@toinen.fi").get("/api/v1/reports/methods?" + PERIOD), 200, "the other org's figures")
    s.check(as_("m-admin@toinen.fi").get("/api/v1/reports/methods?" + PERIOD).json["total"]["events"] == 0,
            "the other organisation counts none of these")
    s.expect(adm.get("/api/v1/reports/methods?from=2026-07-01&to=2026-01-01"), 400, "a period backwards", "invalid")

    # archived: refused for a new event, kept by the old ones (and an old event can still be edited)
    old = count_rows(cs, f"/api/v1/service-events?method_id={peer}")["items"][0]
    s.expect(adm.delete(f"/api/v1/service-methods/{peer}"), 200, "archive the peer-group method")
    event(b, "2026-05-05", peer, 400)
    r = cs.patch(f"/api/v1/service-events/{old['id']}", {"method_id": peer, "summary": "muokattu"})
    s.expect(r, 200, "an old event with the archived method is edited, its method unchanged")
    s.check(r.status == 200 and r.json.get("method_id") == peer, "the old event keeps its method")
    m = as_("m-manager@t.fi").get("/api/v1/reports/methods?" + PERIOD).json
    s.check(any(x["name"] == "Vertaisryhmä" and x["archived"] and x["events"] == 1 for x in m["methods"]),
            f"the archived method still counts its events: {m}")


def test_method_roles(s):
    cs, mg = as_("m-counsellor@t.fi"), as_("m-manager@t.fi")
    s.expect(cs.post("/api/v1/service-methods", {"name": "Oma"}), 403, "a counsellor cannot create a method",
             "forbidden")
    s.expect(mg.post("/api/v1/service-methods", {"name": "Oma"}), 403, "a manager cannot create a method", "forbidden")
    s.expect(cs.get("/api/v1/service-methods"), 200, "a counsellor reads the methods")
    adm = as_("m-admin@t.fi")
    mid = method(adm, "Työnantajakäynti")
    r = adm.patch(f"/api/v1/service-methods/{mid}", {"name": "Työnantajakäynnit"})
    s.expect(r, 200, "an admin renames a method")
    s.expect(adm.post("/api/v1/service-methods", {"description": "ei nimeä"}), 400, "a method has a name", "invalid")


def programme(adm, name):
    r = adm.post("/api/v1/programmes", {"name": name})
    assert r.status == 201, r.body[:300]
    return r.json["id"]


def test_funder_shares(s):
    adm = as_("m-admin@t.fi")
    pid = programme(adm, "ESR+ Työvalmennus")
    s.expect(adm.post("/api/v1/programme-funders", {"programme_id": pid, "funder": "ESR+", "share_pct": 60}), 201,
             "ESR+ 60 %")
    r = adm.post("/api/v1/programme-funders", {"programme_id": pid, "funder": "Kunnat", "share_pct": 40.5})
    s.expect(r, 400, "60 + 40.5 is over 100", "invalid", "share_pct")
    s.check(r.json["error"].get("key") == "funder_shares_over_100", f"the stable key: {r.json}")
    r = adm.post("/api/v1/programme-funders", {"programme_id": pid, "funder": "Kunnat", "share_pct": 0})
    s.check(r.status == 400 and r.json["error"].get("key") == "share_positive", f"a share of 0 is refused: {r.body}")
    r = adm.post("/api/v1/programme-funders", {"programme_id": pid, "funder": "Kunnat", "share_pct": 26.67,
                                               "funding_decision": "EURA 2021: S30123"})
    s.expect(r, 201, "26.67 % more (86.67 %)")
    fid = r.json["id"]
    s.expect(adm.patch(f"/api/v1/programme-funders/{fid}", {"share_pct": 40}), 200, "changed to 40: exactly 100 %")
    r = adm.patch(f"/api/v1/programme-funders/{fid}", {"share_pct": 40.01})
    s.check(r.status == 400 and r.json["error"].get("key") == "funder_shares_over_100",
            f"40.01: over 100 on update: {r.body[:200]}")
    s.expect(adm.delete(f"/api/v1/programme-funders/{fid}"), 200, "a funder archived")
    s.expect(adm.post("/api/v1/programme-funders", {"programme_id": pid, "funder": "Kaupunki", "share_pct": 40}), 201,
             "an archived funder's share is free again")
    s.expect(as_("m-counsellor@t.fi").post("/api/v1/programme-funders",
                                           {"programme_id": pid, "funder": "X", "share_pct": 1}), 403,
             "a counsellor cannot add a funder", "forbidden")
    other = as_("m-admin@toinen.fi")
    s.expect(other.post("/api/v1/programme-funders", {"programme_id": pid, "funder": "X", "share_pct": 1}), 400,
             "another organisation's programme", "invalid", "programme_id")


def test_funder_burst(s):
    adm = as_("m-admin@t.fi")
    pid = programme(adm, "Kainuun pilotti")
    clients = [as_("m-admin@t.fi", srv if i % 2 == 0 else srv2) for i in range(10)]
    results = [None] * 10

    def post(i):
        results[i] = clients[i].post("/api/v1/programme-funders",
                                     {"programme_id": pid, "funder": f"Rahoittaja {i}", "share_pct": 20})
    threads = [threading.Thread(target=post, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(r.status for r in results)
    s.check(codes == [201] * 5 + [400] * 5, f"5 of 10 concurrent 20 % funders accepted, 5 refused: {codes}")
    s.check(all(r.json["error"].get("key") == "funder_shares_over_100" for r in results if r.status == 400),
            "each refusal names the rule")
    stored = count_rows(adm, f"/api/v1/programme-funders?programme_id={pid}")
    s.check(stored["total"] == 5 and sum(x["share_pct"] for x in stored["items"]) == 100,
            f"exactly 5 stored, 100 %: {stored['total']}")


def test_admin_page(s):
    adm = as_("m-admin@t.fi")
    h = adm.get("/admin/methods?lang=fi")
    page = h.body.decode()
    s.check(h.status == 200 and "Palvelumenetelmät" in page and "Lisää menetelmä" in page and
            "Luovat ja taiteelliset menetelmät" in page, f"the methods page in Finnish: {h.status}")
    s.check("Vertaisryhmä" not in page, "an archived method is not listed")
    r = adm.request("POST", "/admin/methods",
                    raw=urllib.parse.urlencode({"csrf": adm.csrf, "name": "Yksilövalmennus",
                                                "description": "kahden kesken"}).encode(),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    s.check(r.status in (200, 303) and "Yksilövalmennus" in adm.get("/admin/methods").body.decode(),
            f"a method added on the page: {r.status}")
    p = adm.get("/admin/programmes?lang=fi").body.decode()
    s.check("Hankkeiden rahoittajat" in p and "Kainuun pilotti" in p and "Lisää rahoittaja" in p,
            "the funders on the programmes page")
    r = adm.request("POST", "/admin/programmes/funders",
                    raw=urllib.parse.urlencode({"csrf": adm.csrf, "programme_id": str(programme(adm, "Sivu")),
                                                "funder": "Kunta", "share_pct": "120"}).encode(),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    s.check(r.status in (200, 400, 422) and "Kunta" in r.body.decode(), f"a share over 100 is shown again: {r.status}")
    cs = as_("m-counsellor@t.fi")
    s.expect(cs.get("/admin/methods"), 403, "a counsellor has no methods page")
    cl = count_rows(cs, "/api/v1/clients?limit=1")["items"][0]["id"]
    page = cs.get(f"/clients/{cl}?lang=fi").body.decode()
    s.check('name="method_id"' in page and "Yksilövalmennus" in page, "the event form offers the active methods")


try:
    ok = S.run([test_methods_by_method, test_method_roles, test_funder_shares, test_funder_burst, test_admin_page])
finally:
    srv.stop()
    if srv2 is not srv:
        srv2.stop()
sys.exit(0 if ok else 1)
