#!/usr/bin/python3
"""Authorisation matrix: every entity route (list, read, create, update, archive) and the client routes built on
them (profile, export) x every role (admin, counsellor, coordinator, manager, employer, sysadmin) x a row of the
user's own organisation and one of another organisation. The expected answer of each cell is derived from ONE table: the
`x-access` extension of each schema in the served OpenAPI document, which api_openapi.c generates from the entity
table (src/domain/entities.c) that the server's policy enforces. Nothing here restates who may do what, except that
`admin_any_org` entities are reached across organisations by the system administrator (sysadmin) only: an admin
administers its own organisation.
Usage: test_authz.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import json
import os
import sys

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
HERE = os.path.dirname(os.path.abspath(__file__))
PW = "Testi-salasana-2026"
ROLES = ["admin", "counsellor", "coordinator", "manager", "employer", "sysadmin"]
LEVEL = {"none": 0, "read": 1, "write": 2}
ACCOUNTS = {}


def setup():
    osaaja(BIN, "init", "--db", DB)
    o1 = int(osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Oma organisaatio", "--kind", "municipality").stdout)
    o2 = int(osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Toinen organisaatio", "--kind", "partner").stdout)
    for name, role, org in [(r, r, o1) for r in ROLES] + [("counsellor@2", "counsellor", o2),
                                                           ("coordinator@2", "coordinator", o2),
                                                           ("admin@2", "admin", o2)]:
        email = name.replace("@", "-org") + "@authz.example.fi"
        osaaja(BIN, "user", "add", "--db", DB, "--email", email, "--name", name, "--role", role, "--org", str(org),
               "--password", PW)
        ACCOUNTS[name] = email
    return o1, o2


ORG1, ORG2 = setup()
srv = Server(BIN, DB)
S = Suite("authz" + (" (postgres)" if IS_PG else " (sqlite)"))
SESS = {}


def as_(name):
    if name not in SESS:
        c = Client(srv)
        c.login(ACCOUNTS[name], PW)
        SESS[name] = c
    return SESS[name]


DOC = Client(srv).get("/api/v1/openapi.json").json
TABLE = {name: sch["x-access"] for name, sch in DOC["components"]["schemas"].items() if "x-access" in sch}
SPECS = {k: v for k, v in json.load(open(os.path.join(HERE, "entities.json"))).items() if not k.startswith("_")}
SPECS["users"] = {"role": "admin", "body": None, "patch": {"name": "Renamed"}}
ORGS = {"own": ORG1, "other": ORG2}
ROWS = {"own": {"organisations": ORG1}, "other": {"organisations": ORG2}}
UNIQUE_PARENT = {"proposals": "clients", "outcome-followups": "outcomes",
                 "group-attendance": "group-events", "client-languages": "clients",
                 "cohort-steps": "cohort-members", "programme-partners": "programmes"}  # unique pairs: a fresh row needs a fresh parent
counter = [0]


def creator(entity, side):
    role = SPECS[entity]["role"]
    if side == "other" and role in ("counsellor", "coordinator", "admin"):
        return as_(role + "@2")
    return as_(role)


def strip_restricted(entity, body):
    acc = TABLE[entity]
    return {k: v for k, v in body.items() if k not in acc["assigned_only"] and k not in acc["counsellor_only"]}


def body_for(entity, side, fresh_parents=False):
    """A valid create body for entity in the organisation on `side`, refs resolved to that side's rows."""
    counter[0] += 1
    if entity == "users":
        return {"email": f"u{counter[0]}@authz.example.fi", "name": f"User {counter[0]}", "role": "counsellor",
                "password": PW, "organisation_id": ORGS[side]}
    def res(v, key):
        if isinstance(v, str) and v.startswith("$"):
            ref = v[1:]
            if fresh_parents and UNIQUE_PARENT.get(entity) == ref:
                return fresh(ref, side)
            return ROWS[side][ref]
        return v
    body = {k: res(v, k) for k, v in SPECS[entity]["body"].items()}
    if entity == "employers":
        body.pop("business_id")  # unique per organisation
    if entity == "programmes":
        body["organisation_id"] = ORGS[side]
    if entity == "organisations":
        body["name"] = f"Organisaatio {counter[0]}"
        body.pop("business_id", None)
    if entity == "programme-partners":  # a co-implementer is another organisation: the other side's; of a programme
        # of its own, so that the programme the matrix reads stays the one organisation's
        body["partner_organisation_id"] = ORGS["other" if side == "own" else "own"]
        body["programme_id"] = fresh("programmes", side)
    if entity == "clients":
        body["confirm_new"] = True  # the same sample person again on purpose (the likely-duplicate warning)
    return body


def create(entity, side, fresh_parents=False):
    c = creator(entity, side)
    b = body_for(entity, side, fresh_parents)
    r = c.post("/api/v1/users/new" if entity == "users" else f"/api/v1/{entity}", b)
    if r.status != 201:
        raise AssertionError(f"setup: create {entity} ({side}) failed: {r.status} {r.body[:300]!r}")
    return r.json["id"]


def fresh(entity, side):
    return create(entity, side, fresh_parents=True)


def make_rows():
    for side in ("own", "other"):
        for entity in SPECS:
            if entity == "organisations":
                continue
            if entity == "users":
                ROWS[side]["users"] = create("users", side)
                continue
            ROWS[side][entity] = create(entity, side)


def expect_read(role, acc, side):
    lvl = LEVEL[acc["roles"][role]]
    if lvl < 1:
        return 403
    if side == "own" or (role == "sysadmin" and acc["admin_any_org"]):
        return 200
    return 404


def expect_write(role, acc, side, ok=200):
    lvl = LEVEL[acc["roles"][role]]
    if lvl < 2:
        return 403
    if side == "own" or (role == "sysadmin" and acc["admin_any_org"]):
        return ok
    return 404


def expect_create(role, acc, side, entity):
    if LEVEL[acc["roles"][role]] < 2:
        return 403
    if entity == "users":
        return 400  # the generic route refuses: staff accounts are made with POST /api/v1/users/new (password)
    if side == "other" and not (role == "sysadmin" and acc["admin_any_org"]):
        # refers to another organisation's parent (or, for top-level rows, is created in the user's own one)
        has_ref = any(isinstance(v, str) and v.startswith("$") for v in SPECS[entity]["body"].values())
        has_ref = has_ref or entity == "programmes"  # body_for names the other organisation: not the admin's own
        return 400 if has_ref else 201
    return 201


def cell(s, what, r, status):
    ok = r.status == status
    if ok and status >= 400:
        ok = "error" in r.json
    return s.check(ok, f"{what}: expected {status}, got {r.status} {r.body[:160]!r}")


def test_table_is_served(s):
    s.check(set(TABLE) >= set(SPECS), f"every entity has x-access: missing {sorted(set(SPECS) - set(TABLE))}")
    for name, acc in TABLE.items():
        s.check(set(acc["roles"]) == set(ROLES) and all(v in LEVEL for v in acc["roles"].values()),
                f"{name}: x-access names every role with none/read/write")
    committed = json.load(open(os.path.join(os.path.dirname(os.path.dirname(HERE)), "docs", "openapi.json")))
    s.check(all(committed["components"]["schemas"].get(n, {}).get("x-access") == a for n, a in TABLE.items()),
            "docs/openapi.json carries the same x-access table (regenerate it from /api/v1/openapi.json)")


def test_matrix(s):
    make_rows()
    archive_own_org_last = None
    for entity, acc in TABLE.items():
        if entity not in SPECS:
            s.check(False, f"{entity}: no test body in entities.json")
            continue
        base = f"/api/v1/{entity}"
        patch = strip_restricted(entity, SPECS[entity]["patch"])
        for role in ROLES:
            c = as_(role)
            lvl = LEVEL[acc["roles"][role]]
            r = c.get(f"{base}?limit=500")
            if cell(s, f"{role} list {entity}", r, 200 if lvl >= 1 else 403) and r.status == 200:
                ids = {x["id"] for x in r.json["items"]}
                sees_other = role == "sysadmin" and acc["admin_any_org"]
                s.check((ROWS["other"][entity] in ids) == sees_other,
                        f"{role} list {entity}: the other organisation's row is {'shown' if sees_other else 'hidden'}")
            for side in ("own", "other"):
                rid = ROWS[side][entity]
                r = c.get(f"{base}/{rid}")
                if cell(s, f"{role} read {side} {entity}", r, expect_read(role, acc, side)) and r.status == 200:
                    hidden = acc["counsellor_only"] + acc["assigned_only"] if role != "counsellor" else []
                    s.check(not [f for f in hidden if f in r.json], f"{role} read {entity}: restricted fields hidden")
                cell(s, f"{role} update {side} {entity}", c.patch(f"{base}/{rid}", patch),
                     expect_write(role, acc, side))
                exp = expect_create(role, acc, side, entity)
                cell(s, f"{role} create {entity} ({side} organisation's refs)", c.post(base, body_for(entity, side, fresh_parents=True)),
                     exp)
                # archive: a throwaway row where success is expected, the shared row otherwise (it must stay)
                exp = expect_write(role, acc, side)
                if entity == "organisations" and side == "own" and exp == 200:
                    archive_own_org_last = (role, rid)
                    continue
                target = fresh(entity, side) if exp == 200 else rid
                cell(s, f"{role} archive {side} {entity}", c.delete(f"{base}/{target}"), exp)
    # client routes built on the clients row of the table: profile (read) and export (write: data subject requests)
    acc = TABLE["clients"]
    for role in ROLES:
        for side in ("own", "other"):
            cid = ROWS[side]["clients"]
            cell(s, f"{role} profile {side}", as_(role).get(f"/api/v1/clients/{cid}/profile"),
                 expect_read(role, acc, side))
            cell(s, f"{role} export {side}", as_(role).get(f"/api/v1/clients/{cid}/export"),
                 expect_write(role, acc, side))
    # referrals across organisations (issue 15 item 2): the referring organisation's staff and the partner's staff
    # reach a referral as far as their role reaches clients; the partner acts on it, the referring side does not
    # accept it, and neither side reaches the other's client any other way
    cid = ROWS["own"]["clients"]
    cc = as_("counsellor")
    r = cc.post("/api/v1/consents", {"client_id": cid, "purpose": "share_partner", "given": True,
                                     "given_on": "2026-01-05"})
    r = cc.post(f"/api/v1/clients/{cid}/partner-referrals", {"partner_organisation_id": ORG2, "purpose": "education",
                                                             "shared": ["education"]})
    if not s.check(r.status == 201, f"setup: a referral to the other organisation: {r.status} {r.body[:200]!r}"):
        return
    ref = r.json["id"]
    for name in ROLES + ["counsellor@2", "coordinator@2", "admin@2"]:
        role, partner = name.split("@")[0], name.endswith("@2")
        lvl = LEVEL[acc["roles"][role]]
        c = as_(name)
        cell(s, f"{name} read referral", c.get(f"/api/v1/partner-referrals/{ref}"), 200 if lvl >= 1 else 403)
        cell(s, f"{name} list referrals", c.get("/api/v1/partner-referrals"), 200 if lvl >= 1 else 403)
        cell(s, f"{name} client's referrals", c.get(f"/api/v1/clients/{cid}/partner-referrals"),
             403 if lvl < 1 else 404 if partner else 200)
        cell(s, f"{name} refers the client again", c.post(f"/api/v1/clients/{cid}/partner-referrals", {
            "partner_organisation_id": ORG2, "purpose": "education"}), 403 if lvl < 2 else 404 if partner else 409)
        if not (partner and lvl >= 2):  # the partner's counsellor accepts last
            cell(s, f"{name} accepts", c.post(f"/api/v1/partner-referrals/{ref}/state", {"state": "accepted"}), 403)
    cell(s, "partner counsellor accepts", as_("counsellor@2").post(f"/api/v1/partner-referrals/{ref}/state",
                                                                   {"state": "accepted"}), 200)
    # links between two organisations' records of one person (issue 15 item 5): the client's own organisation only,
    # as far as the role reaches clients; another organisation's staff do not find the client
    for name in ROLES + ["counsellor@2", "coordinator@2", "admin@2"]:
        role, other = name.split("@")[0], name.endswith("@2")
        lvl = LEVEL[acc["roles"][role]]
        c = as_(name)
        for what, path in (("candidates", f"/api/v1/clients/{cid}/link-candidates"),
                           ("links", f"/api/v1/clients/{cid}/links")):
            cell(s, f"{name} reads the client's {what}", c.get(path), 403 if lvl < 1 else 404 if other else 200)
        cell(s, f"{name} links the client", c.post(f"/api/v1/clients/{cid}/links", {"client_id": cid}),
             403 if lvl < 2 else 404)  # a record is never its own candidate
        cell(s, f"{name} removes a link", c.delete(f"/api/v1/clients/{cid}/links/999999"), 403 if lvl < 2 else 404)
    # skills suggested from free text (issue 17 item 2): the roles that write client-skills or vacancy-skills; it
    # stores nothing and names no client, so the organisation does not matter
    for name in ROLES + ["counsellor@2", "coordinator@2", "admin@2"]:
        role = name.split("@")[0]
        lvl = max(LEVEL[TABLE[e]["roles"][role]] for e in ("client-skills", "vacancy-skills"))
        cell(s, f"{name} asks for skill suggestions",
             as_(name).post("/api/v1/skills/suggest", {"text": "Osaan Pythonin ja SQL:n."}), 200 if lvl >= 2 else 403)
    # unauthenticated: every entity route answers 401
    anon = Client(srv)
    for entity in TABLE:
        cell(s, f"anonymous list {entity}", anon.get(f"/api/v1/{entity}"), 401)
    cell(s, "anonymous referral", anon.get(f"/api/v1/partner-referrals/{ref}"), 401)
    cell(s, "anonymous skill suggestions", anon.post("/api/v1/skills/suggest", {"text": "Python"}), 401)
    if archive_own_org_last:  # last, as it ends the test organisation
        role, rid = archive_own_org_last
        cell(s, f"{role} archive own organisations", as_(role).delete(f"/api/v1/organisations/{rid}"), 200)


S.run([test_table_is_served, test_matrix])
rc = srv.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
