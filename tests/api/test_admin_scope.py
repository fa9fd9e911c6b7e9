#!/usr/bin/python3
"""An admin is an admin of one organisation (issue 19 item 6): an organisation's admin makes, changes, reads and
archives the users of its own organisation only (another organisation's users are not found), never changes its own
role, and neither makes nor renames organisations; that is the system administrator's (role sysadmin, made only at
the console), who reads no client data. Every account made, role changed, password reset and account archived is in
the audit log.
Usage: test_admin_scope.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import sqlite3
import subprocess
import sys
from urllib.parse import urlencode

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Testi-salasana-2026"
ACCOUNTS = {}
FORM_HDR = {"Content-Type": "application/x-www-form-urlencoded"}


def add_user(name, role, org):
    email = f"{name}@scope.example.fi"
    osaaja(BIN, "user", "add", "--db", DB, "--email", email, "--name", name, "--role", role, "--org", str(org),
           "--password", PW)
    ACCOUNTS[name] = email


def setup():
    osaaja(BIN, "init", "--db", DB)
    a = int(osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Organisaatio A", "--kind", "municipality").stdout)
    b = int(osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Organisaatio B", "--kind", "partner").stdout)
    add_user("admin-a", "admin", a)
    add_user("counsellor-a", "counsellor", a)
    add_user("admin-b", "admin", b)
    add_user("counsellor-b", "counsellor", b)
    add_user("sysadmin", "sysadmin", a)
    return a, b


ORG_A, ORG_B = setup()
srv = Server(BIN, DB)
S = Suite("admin scope" + (" (postgres)" if IS_PG else " (sqlite)"))
SESS = {}


def as_(name):
    if name not in SESS:
        c = Client(srv)
        c.login(ACCOUNTS[name], PW)
        SESS[name] = c
    return SESS[name]


def uid(name):
    r = as_("sysadmin").get("/api/v1/users?limit=500")
    return next((u["id"] for u in r.json["items"] if u["email"] == ACCOUNTS.get(name, name)), None)


def new_user(n, org, role="counsellor"):
    return {"email": f"new{n}@scope.example.fi", "name": f"New {n}", "role": role, "password": PW,
            "organisation_id": org}


def key_of(r):
    return (r.json or {}).get("error", {}).get("key") if r.status >= 400 else None


def audit_rows(where, *args):
    sql = "SELECT user_id, role, action, entity, entity_id, detail FROM audit_log WHERE " + where
    if not IS_PG:
        con = sqlite3.connect(DB)
        rows = con.execute(sql, args).fetchall()
        con.close()
        return rows
    # psql binds the values as quoted variables (interpolated only in its standard input, not in -c)
    for i in range(len(args)):
        sql = sql.replace("?", f":'p{i}'", 1)
    cmd = ["psql", "-X", "-q", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", DB]
    for i, a in enumerate(args):
        cmd += ["-v", f"p{i}={a}"]
    out = subprocess.run(cmd, input=sql + ";\n", capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        uid_, role, action, entity, eid, detail = line.split("\x1f")
        rows.append((int(uid_) if uid_ else None, role, action, entity, int(eid) if eid else None, detail or None))
    return rows


def test_users_stay_in_the_organisation(s):
    adm = as_("admin-a")
    r = adm.post("/api/v1/users/new", new_user(1, ORG_B))
    s.check(r.status == 400 and key_of(r) == "ref",
            f"admin of A cannot create a user in B (API): {r.status} {r.body[:200]!r}")
    s.check(uid("new1@scope.example.fi") is None, "no user was made in B")
    r = adm.post("/api/v1/users/new", new_user(2, ORG_A))
    s.check(r.status == 201 and r.json["organisation_id"] == ORG_A, f"admin of A creates a user in A: {r.status}")
    # the admin page: the same verb
    form = {k: str(v) for k, v in new_user(3, ORG_B).items()}
    h = adm.request("POST", "/admin/users", raw=urlencode({"csrf": adm.csrf, **form}).encode(), headers=FORM_HDR)
    s.check(h.status != 303 and uid("new3@scope.example.fi") is None,
            f"admin of A cannot create a user in B (page): {h.status}")
    form = {k: str(v) for k, v in new_user(4, ORG_A).items()}
    h = adm.request("POST", "/admin/users", raw=urlencode({"csrf": adm.csrf, **form}).encode(), headers=FORM_HDR)
    s.check(uid("new4@scope.example.fi") is not None, f"admin of A creates a user in A (page): {h.status}")
    other = uid("counsellor-b")
    s.expect(adm.get(f"/api/v1/users/{other}"), 404, "admin of A cannot read a user of B", "not_found")
    s.expect(adm.patch(f"/api/v1/users/{other}", {"role": "admin"}), 404, "admin of A cannot change a user of B",
             "not_found")
    s.expect(adm.delete(f"/api/v1/users/{other}"), 404, "admin of A cannot archive a user of B", "not_found")
    ids = {u["id"] for u in adm.get("/api/v1/users?limit=500").json["items"]}
    s.check(other not in ids and uid("counsellor-a") in ids, "admin of A lists the users of A only")
    # the account of B made by A's admin in the old way can no longer be used to read B's clients
    cli = as_("counsellor-b").post("/api/v1/clients", {"first_name": "Bea", "last_name": "Bee", "birth_year": 1990,
                                                        "status": "intake"})
    if cli.status == 201:
        s.expect(adm.get(f"/api/v1/clients/{cli.json['id']}"), 403, "admin reads no client", "forbidden")


def test_roles(s):
    adm = as_("admin-a")
    me = adm.user["id"]
    r = adm.patch(f"/api/v1/users/{me}", {"role": "counsellor"})
    s.check(r.status == 403 and key_of(r) == "own_role", f"nobody changes their own role: {r.status} {r.body[:200]!r}")
    s.expect(adm.patch(f"/api/v1/users/{me}", {"name": "Admin A"}), 200, "an admin may still rename itself")
    r = adm.post("/api/v1/users/new", new_user(5, ORG_A, "sysadmin"))
    s.check(r.status == 403 and key_of(r) == "sysadmin_cli_only", f"no sysadmin made on the web: {r.status}")
    cou = uid("counsellor-a")
    r = adm.patch(f"/api/v1/users/{cou}", {"role": "sysadmin"})
    s.check(r.status == 403 and key_of(r) == "sysadmin_cli_only", f"no sysadmin granted on the web: {r.status}")
    sysid = uid("sysadmin")
    r = adm.patch(f"/api/v1/users/{sysid}", {"name": "x"})
    s.check(r.status == 403 and key_of(r) == "sysadmin_only", f"an admin cannot change the sysadmin: {r.status}")
    r = as_("sysadmin").patch(f"/api/v1/users/{sysid}", {"role": "admin"})
    s.check(r.status == 403 and key_of(r) == "own_role", f"the sysadmin cannot change its own role: {r.status}")
    s.expect(adm.patch(f"/api/v1/users/{cou}", {"role": "coordinator"}), 200, "admin of A changes a role in A")
    r = adm.delete(f"/api/v1/users/{me}")
    s.check(r.status == 403 and key_of(r) == "own_account", f"an admin cannot archive its own account: {r.status}")
    s.check(adm.get(f"/api/v1/users/{me}").status == 200, "the account is still there")
    h = adm.get("/admin/users")
    s.check(h.status == 200 and b'value="sysadmin"' not in h.body and b'value="admin"' in h.body,
            "the users page offers an admin no system-administrator role")


def test_organisations(s):
    adm = as_("admin-a")
    s.expect(adm.post("/api/v1/organisations", {"name": "Uusi", "kind": "partner"}), 403,
             "an admin cannot create an organisation", "forbidden")
    s.expect(adm.patch(f"/api/v1/organisations/{ORG_A}", {"name": "Renamed A"}), 403,
             "an admin cannot rename its organisation", "forbidden")
    s.expect(adm.patch(f"/api/v1/organisations/{ORG_B}", {"name": "Renamed B"}), 403,
             "an admin cannot rename another organisation", "forbidden")
    s.expect(adm.get(f"/api/v1/organisations/{ORG_A}"), 200, "an admin reads its organisation")
    h = adm.get("/admin/organisations")
    s.check(h.status == 200 and b'class="add"' not in h.body, "the organisations page offers an admin no create form")
    s.check(b'class="add"' in adm.get("/admin/users").body, "the users page offers the admin its create form")
    h = adm.request("POST", "/admin/organisations", headers=FORM_HDR,
                    raw=urlencode({"csrf": adm.csrf, "name": "Sivulta", "kind": "partner"}).encode())
    s.check(h.status == 403, f"an admin cannot create an organisation (page): {h.status}")
    sa = as_("sysadmin")
    r = sa.post("/api/v1/organisations", {"name": "Organisaatio C", "kind": "partner"})
    s.expect(r, 201, "the sysadmin creates an organisation")
    s.expect(sa.patch(f"/api/v1/organisations/{ORG_B}", {"name": "Organisaatio B2"}), 200,
             "the sysadmin renames another organisation")
    s.expect(sa.patch(f"/api/v1/users/{uid('counsellor-b')}", {"name": "Counsellor B"}), 200,
             "the sysadmin changes a user of another organisation")
    s.expect(sa.get("/api/v1/clients"), 403, "the sysadmin reads no clients", "forbidden")
    s.expect(sa.get("/api/v1/programmes"), 403, "the sysadmin reads no programmes", "forbidden")
    prog = {"name": "Ohjelma", "organisation_id": ORG_B}
    s.expect(adm.post("/api/v1/programmes", prog), 400, "an admin makes no programme in another organisation",
             "invalid")
    s.expect(adm.post("/api/v1/programmes", {"name": "Ohjelma", "organisation_id": ORG_A}), 201,
             "an admin makes a programme in its own organisation")


def test_audited(s):
    adm = as_("admin-a")
    r = adm.post("/api/v1/users/new", new_user(6, ORG_A))
    s.expect(r, 201, "a user to audit")
    new_id = r.json["id"]
    s.expect(adm.patch(f"/api/v1/users/{new_id}", {"role": "manager"}), 200, "its role changed")
    osaaja(BIN, "user", "passwd", "--db", DB, "--email", "new6@scope.example.fi", "--password", PW + "-uusi")
    s.expect(adm.delete(f"/api/v1/users/{new_id}"), 200, "and archived")
    me = adm.user["id"]
    rows = audit_rows("entity = 'users' AND entity_id = ?", new_id)
    acts = {r[2]: r for r in rows}
    s.check("create" in acts and acts["create"][0] == me and "role=counsellor" in (acts["create"][5] or ""),
            f"account creation audited with its role: {rows}")
    s.check("update" in acts and "role=counsellor->manager" in (acts["update"][5] or ""),
            f"role change audited with the old and the new role: {rows}")
    s.check("password" in acts and acts["password"][1] == "sysadmin" and not acts["password"][0],
            f"the console's password reset audited as the console operator: {rows}")
    s.check("archive" in acts and acts["archive"][0] == me, f"archive audited: {rows}")
    s.check(bool(audit_rows("entity = 'users' AND action = 'create' AND role = 'sysadmin' AND detail LIKE ?",
                            "%role=sysadmin%")), "the console's account creation audited")
    s.check(bool(audit_rows("entity = 'organisations' AND action = 'update' AND entity_id = ?", ORG_B)),
            "an organisation's change audited")
    r = osaaja(BIN, "audit", "verify", "--db", DB, check=False)
    s.check(r.returncode == 0, f"the audit chain holds: {r.stderr}")


S.run([test_users_stay_in_the_organisation, test_roles, test_organisations, test_audited])
rc = srv.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
