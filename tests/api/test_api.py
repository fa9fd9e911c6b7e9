#!/usr/bin/python3
"""API tests: start the real server on a random loopback port and exercise every route, every error class, roles
and organisation isolation, audit, the OpenAPI document and backups.
Usage: test_api.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PW = "Testi-salasana-2026"
ACCOUNTS = {}  # role -> (email, org)


def setup():
    osaaja(BIN, "init", "--db", DB)
    org1 = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Espoon osaamiskeskus", "--kind", "municipality").stdout.strip()
    org2 = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Kainuun pilotti", "--kind", "employment_area").stdout.strip()
    for role, org in [("admin", org1), ("counsellor", org1), ("coordinator", org1), ("manager", org1),
                      ("employer", org1), ("counsellor2", org1), ("other", org2), ("throttled", org1),
                      ("sysadmin", org1)]:
        real = {"counsellor2": "counsellor", "other": "counsellor", "throttled": "manager"}.get(role, role)
        email = f"{role}@test.example.fi"
        osaaja(BIN, "user", "add", "--db", DB, "--email", email, "--name", role.title(), "--role", real,
               "--org", org, "--password", PW)
        ACCOUNTS[role] = (email, int(org))


setup()
srv = Server(BIN, DB)
S = Suite("api" + (" (postgres)" if IS_PG else " (sqlite)"))
CREATED = {}


def as_(role):
    c = Client(srv)
    c.login(ACCOUNTS[role][0], PW)
    return c


def resolve(v):
    if isinstance(v, str) and v.startswith("$"):
        return CREATED[v[1:]]
    if isinstance(v, dict):
        return {k: resolve(x) for k, x in v.items()}
    return v


def test_health_and_headers(s):
    c = Client(srv)
    r = c.get("/healthz")
    s.expect(r, 200, "healthz")
    s.check(r.json["store"] == ("postgres" if IS_PG else "sqlite"), "healthz names the store")
    for h in ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"]:
        s.check(h in r.headers, f"security header {h}")
    s.check("frame-ancestors 'none'" in r.headers["Content-Security-Policy"], "CSP forbids framing")
    s.check("unsafe-inline" not in r.headers["Content-Security-Policy"], "CSP has no inline script")


def test_login_logout_and_tokens(s):
    c = Client(srv)
    s.expect(c.get("/api/v1/clients"), 401, "no session", "unauthenticated")
    s.expect(c.post("/api/v1/session", {"email": ACCOUNTS["counsellor"][0], "password": "wrong-password-1"}), 401,
             "wrong password", "unauthenticated")
    s.expect(c.post("/api/v1/session", {"email": "nobody@test.example.fi", "password": "wrong-password-1"}), 401,
             "unknown user gets the same answer", "unauthenticated")
    s.expect(c.post("/api/v1/session", {"password": "x"}), 400, "login without email", "invalid", "email")
    r = c.login(ACCOUNTS["counsellor"][0], PW)
    cookie = r.headers.get("Set-Cookie", "")
    s.check("HttpOnly" in cookie and "SameSite=Strict" in cookie and "Max-Age" in cookie, "session cookie flags")
    tok = cookie.split("osaaja_session=", 1)[-1].split(";")[0]
    s.check("token" not in r.json and len(tok) >= 32 and tok not in r.body.decode(),
            "the session token is only in the cookie, not in the login answer (issue 19 item 10)")
    s.expect(c.get("/api/v1/session"), 200, "session info")
    s.expect(c.post("/api/v1/clients", {"first_name": "A", "last_name": "B"}, csrf=False), 403,
             "state change without CSRF header", "forbidden")
    s.expect(c.post("/api/v1/clients", {"first_name": "A", "last_name": "B"},
                    headers={"X-CSRF-Token": "0" * 64}, csrf=False), 403, "wrong CSRF token", "forbidden")
    r = c.post("/api/v1/tokens", {"label": "nightly export"})
    s.expect(r, 201, "create API token")
    t = Client(srv)
    t.token = r.json["token"]
    s.expect(t.get("/api/v1/clients"), 200, "bearer token reads")
    s.expect(t.post("/api/v1/courses", {"name": "Token course"}), 201, "bearer token writes without CSRF")
    s.expect(c.delete("/api/v1/session"), 200, "logout")
    s.expect(c.get("/api/v1/clients"), 401, "after logout", "unauthenticated")
    # logout everywhere ends other sessions too
    a, b = as_("counsellor2"), as_("counsellor2")
    s.expect(a.delete("/api/v1/session?everywhere=true"), 200, "logout everywhere")
    s.expect(b.get("/api/v1/session"), 401, "other session ended", "unauthenticated")


def test_throttling(s):
    c = Client(srv)
    email = ACCOUNTS["throttled"][0]
    for i in range(5):
        c.post("/api/v1/session", {"email": email, "password": f"wrong-{i}-password"})
    s.expect(c.post("/api/v1/session", {"email": email, "password": PW}), 429,
             "sixth attempt is throttled even with the right password", "throttled")


def test_error_classes(s):
    c = as_("counsellor")
    s.expect(c.get("/api/v1/nonsense"), 404, "unknown entity", "not_found")
    s.expect(c.get("/nope"), 404, "unknown path")
    r = c.request("PUT", "/api/v1/clients/1", {"first_name": "x"})
    s.check(r.status == 405 and "PATCH" in r.headers.get("Allow", ""), f"405 with Allow header, got {r.status}")
    s.expect(c.post("/api/v1/clients", raw=b"{\"first_name\": \"x\",}"), 400, "broken JSON", "invalid")
    s.check("line 1" in c.post("/api/v1/clients", raw=b"{,").body.decode(), "JSON error names line and column")
    s.expect(c.post("/api/v1/clients", raw=b"[1,2]"), 400, "JSON array body", "invalid")
    s.expect(c.post("/api/v1/clients", {"first_name": "x", "last_name": "y", "shoe_size": 44}), 400,
             "unknown field", "invalid", "shoe_size")
    s.expect(c.post("/api/v1/clients", {"last_name": "y"}), 400, "missing required field", "invalid", "first_name")
    s.expect(c.post("/api/v1/clients", {"first_name": "x" * 500, "last_name": "y"}), 400, "too long", "invalid",
             "first_name")
    s.expect(c.post("/api/v1/clients", {"first_name": "x\u0000y", "last_name": "y"}), 400, "NUL in text", "invalid")
    s.expect(c.post("/api/v1/clients", {"first_name": "x\u0007y", "last_name": "y"}), 400, "control character",
             "invalid", "first_name")
    s.expect(c.post("/api/v1/clients", raw=b"{\"first_name\": \"\xff\xfe\", \"last_name\": \"y\"}"), 400,
             "invalid UTF-8", "invalid")
    # A long request head (a proxy's or a single sign-on's cookies) is served; one past the server's room gets a
    # 4xx, and the next request is answered as usual.
    r = c.request("GET", "/api/v1/clients?limit=1", headers={"X-Padding": "p" * 20000})
    s.check(r.status == 200, f"a 20 KB request head is served, got {r.status}")
    r = c.request("GET", "/api/v1/clients?limit=1", headers={"X-Padding": "p" * 200000})
    s.check(400 <= r.status < 500, f"a 200 KB request head is refused with a 4xx, got {r.status}")
    s.check(c.get("/api/v1/clients?limit=1").status == 200, "the server answers after a refused head")
    big = json.dumps({"first_name": "x", "last_name": "y", "strengths": "z" * (2 << 20)}).encode()
    s.expect(c.post("/api/v1/clients", raw=big), 413, "body over the limit", "too_big")
    s.expect(c.get("/api/v1/clients?limit=0"), 400, "limit out of range", "invalid", "limit")
    s.expect(c.get("/api/v1/clients?shoe_size=44"), 400, "unknown filter", "invalid", "shoe_size")
    s.expect(c.get("/api/v1/clients/999999"), 404, "unknown id", "not_found")
    s.expect(c.get("/api/v1/clients/abc"), 404, "non-numeric id", "not_found")
    s.expect(c.patch("/api/v1/clients/999999", {"status": "active"}), 404, "update unknown id", "not_found")
    s.expect(c.delete("/api/v1/clients/999999"), 404, "archive unknown id", "not_found")
    # Errors carry a stable reason key that clients (and the pages) translate; never the English text.
    for body, field, key in [({"last_name": "y"}, "first_name", "required"),
                             ({"first_name": "x", "last_name": "y", "birth_year": 1700}, "birth_year", "range"),
                             ({"first_name": "x" * 500, "last_name": "y"}, "first_name", "too_long"),
                             ({"first_name": "x", "last_name": "y", "status": "sleeping"}, "status", "choice"),
                             ({"first_name": "x", "last_name": "y", "available_from": "1.2.2026"}, "available_from",
                              "date")]:
        err = c.post("/api/v1/clients", body).json.get("error", {})
        s.check(err.get("field") == field and err.get("key") == key, f"error key {key} for {field}: {err}")


def test_every_entity_round_trip(s):
    specs = json.load(open(os.path.join(HERE, "entities.json")))
    clients = {}
    for name, spec in specs.items():
        if name.startswith("_"):
            continue
        role = spec["role"]
        c = clients.setdefault(role, as_(role))
        body = resolve(spec["body"])
        r = c.post(f"/api/v1/{name}", body)
        if not s.expect(r, 201, f"create {name}"):
            continue
        row = r.json
        CREATED[name] = row["id"]
        s.check(r.headers.get("Location") == f"/api/v1/{name}/{row['id']}", f"{name} Location header")
        for k, v in body.items():
            if k in ("work_hours_max", "physical_load", "notes"):
                continue
            s.check(row.get(k) == v, f"{name}.{k} stored as given ({row.get(k)!r} != {v!r})")
        s.expect(c.get(f"/api/v1/{name}/{row['id']}"), 200, f"read {name}")
        flt = resolve_filter(spec["filter"])
        r = c.patch(f"/api/v1/{name}/{row['id']}", resolve(spec["patch"]))
        if s.expect(r, 200, f"update {name}"):
            for k, v in resolve(spec["patch"]).items():
                s.check(r.json.get(k) == v, f"{name}.{k} updated")
        r = c.get(f"/api/v1/{name}?{flt}&limit=500")
        if s.expect(r, 200, f"list {name} with filter {flt}"):
            s.check(any(x["id"] == row["id"] for x in r.json["items"]), f"filter {flt} finds the {name} row")
            s.check(r.json["total"] >= 1, f"{name} list total")
        bad, field = spec["bad"]
        s.expect(c.patch(f"/api/v1/{name}/{row['id']}", bad), 400, f"bad {field} for {name}", "invalid", field)
        s.expect(c.get(f"/api/v1/{name}/{row['id']}"), 200, f"{name} unchanged after a bad update")
    # archive and its effects, on a throwaway row of each top-level kind
    c = clients["counsellor"]
    r = c.post("/api/v1/clients", {"first_name": "Arkisto", "last_name": "Testi"})
    cid = r.json["id"]
    s.expect(c.delete(f"/api/v1/clients/{cid}"), 200, "archive client")
    s.check(c.get(f"/api/v1/clients/{cid}").json["archived_at"] is not None, "archived_at set")
    s.check(all(x["id"] != cid for x in c.get("/api/v1/clients?limit=500").json["items"]), "archived hidden from list")
    s.check(any(x["id"] == cid for x in c.get("/api/v1/clients?archived=true&limit=500").json["items"]),
            "archived=true shows it")
    s.expect(c.patch(f"/api/v1/clients/{cid}", {"status": "active"}), 409, "archived cannot change", "conflict")
    s.expect(c.delete(f"/api/v1/clients/{cid}"), 404, "archive twice", "not_found")
    s.expect(c.post("/api/v1/client-skills", {"client_id": cid, "evidence": "self_declared", "label": "x"}), 400,
             "child of an archived client", "invalid", "client_id")
    # paging
    for i in range(3):
        c.post("/api/v1/courses", {"name": f"Sivutus {i}"})
    p1 = c.get("/api/v1/courses?limit=2&offset=0").json
    p2 = c.get("/api/v1/courses?limit=2&offset=2").json
    s.check(len(p1["items"]) == 2 and p1["total"] >= 4, "first page")
    s.check(not {x["id"] for x in p1["items"]} & {x["id"] for x in p2["items"]}, "pages do not overlap")
    s.check(len(c.get("/api/v1/courses?q=SIVUTUS&limit=500").json["items"]) == 3, "q search is case-insensitive")
    prof = c.get(f"/api/v1/clients/{CREATED['clients']}/profile")
    if s.expect(prof, 200, "profile"):
        s.check(len(prof.json["client-skills"]) == 1 and len(prof.json["educations"]) == 1, "profile parts")


def resolve_filter(f):
    k, _, v = f.partition("=")
    return f"{k}={resolve(v)}"


def test_unique_and_nothing_half_written(s):
    c = as_("coordinator")
    before = c.get("/api/v1/employers?limit=1").json["total"]
    body = {"name": "Kaksoset Oy", "business_id": "0112038-9"}
    s.expect(c.post("/api/v1/employers", body), 201, "employer")
    s.expect(c.post("/api/v1/employers", body), 409, "same business ID twice", "conflict")
    s.check(c.get("/api/v1/employers?limit=1").json["total"] == before + 1, "no duplicate written")
    a = as_("admin")
    r = a.post("/api/v1/users/new", {"email": "coordinator@test.example.fi", "name": "Dup", "role": "coordinator",
                                     "password": PW})
    s.expect(r, 409, "duplicate user e-mail", "conflict", "email")
    r = a.post("/api/v1/users/new", {"email": "weak@test.example.fi", "name": "Weak", "role": "counsellor",
                                     "password": "password123"})
    s.expect(r, 400, "common password refused", "invalid", "password")
    # issue 19 item 10: the shipped list (data/passwords/common.txt), digits and punctuation stripped
    for i, weak in enumerate(["Salasana123!", "Kesakuu2026", "123456789012", "qwertyuiop123", "Marraskuu-2025!",
                              "Lokakuu2026syksy"]):
        r = a.post("/api/v1/users/new", {"email": f"weak{i}@test.example.fi", "name": "Weak", "role": "counsellor",
                                         "password": weak})
        s.expect(r, 400, f"common password {weak!r} refused", "invalid", "password")
    r = a.post("/api/v1/users/new", {"email": "new.coach@test.example.fi", "name": "New Coach", "role": "counsellor",
                                     "password": "Uusi-valmentaja-77", "lang": "en"})
    s.expect(r, 201, "admin creates a user")
    s.check("password_hash" not in r.body.decode(), "no password hash in the API")
    n = Client(srv)
    n.login("new.coach@test.example.fi", "Uusi-valmentaja-77")
    r = n.post("/api/v1/session/password", {"current_password": "wrong-one-123", "new_password": "x"})
    s.expect(r, 400, "password change with the wrong current password", "invalid", "current_password")
    r = n.post("/api/v1/session/password", {"current_password": "Uusi-valmentaja-77", "new_password": "Toinen-valmentaja-88"})
    s.expect(r, 200, "password change")
    n2 = Client(srv)
    s.expect(n2.post("/api/v1/session", {"email": "new.coach@test.example.fi", "password": "Toinen-valmentaja-88"}),
             201, "login with the new password")


def test_roles(s):
    man, emp, coo, cou, cou2 = as_("manager"), as_("employer"), as_("coordinator"), as_("counsellor"), as_("counsellor2")
    cid = CREATED["clients"]
    s.expect(man.get("/api/v1/clients"), 403, "manager sees no client list", "forbidden")
    s.expect(man.get(f"/api/v1/service-events/{CREATED['service-events']}"), 403, "manager sees no case notes",
             "forbidden")
    s.expect(man.get("/api/v1/programmes"), 200, "manager sees programmes")
    for path in ["/api/v1/clients", f"/api/v1/clients/{cid}", "/api/v1/client-skills", "/api/v1/outcomes"]:
        s.expect(emp.get(path), 403, f"employer cannot read {path}", "forbidden")
    r = coo.get(f"/api/v1/clients/{cid}")
    if s.expect(r, 200, "coordinator reads a client"):
        s.check("work_hours_max" not in r.json and "accommodations" not in r.json, "coordinator sees no work capacity")
    s.expect(coo.post("/api/v1/clients", {"first_name": "x", "last_name": "y"}), 403, "coordinator cannot add clients",
             "forbidden")
    r = coo.get(f"/api/v1/service-events/{CREATED['service-events']}")
    s.check(r.status == 200 and "notes" not in r.json, "coordinator sees events without case notes")
    r = cou.get(f"/api/v1/clients/{cid}")
    s.check(r.json.get("work_hours_max") == 30, "assigned counsellor sees work capacity")
    r = cou2.get(f"/api/v1/clients/{cid}")
    s.check(r.status == 200 and "work_hours_max" not in r.json, "other counsellor does not see work capacity")
    s.expect(cou2.patch(f"/api/v1/clients/{cid}", {"work_hours_max": 40}), 403,
             "other counsellor cannot write work capacity", "forbidden", "work_hours_max")
    s.expect(cou.post("/api/v1/organisations", {"name": "x", "kind": "partner"}), 403,
             "counsellor cannot create organisations", "forbidden")
    s.expect(cou.post("/api/v1/users/new", {"email": "z@z.fi", "name": "z", "role": "admin", "password": PW}), 403,
             "counsellor cannot create users", "forbidden")
    s.expect(as_("admin").get("/api/v1/clients"), 403, "admin does not read client data", "forbidden")


def test_organisation_isolation(s):
    other = as_("other")
    cid = CREATED["clients"]
    s.expect(other.get(f"/api/v1/clients/{cid}"), 404, "other organisation cannot read the client", "not_found")
    s.expect(other.get(f"/api/v1/clients/{cid}/profile"), 404, "nor its profile", "not_found")
    s.expect(other.patch(f"/api/v1/clients/{cid}", {"status": "closed"}), 404, "nor change it", "not_found")
    s.expect(other.delete(f"/api/v1/clients/{cid}"), 404, "nor archive it", "not_found")
    s.check(all(x["id"] != cid for x in other.get("/api/v1/clients?limit=500").json["items"]), "nor list it")
    s.expect(other.post("/api/v1/client-skills", {"client_id": cid, "evidence": "self_declared", "label": "x"}), 400,
             "nor add to its profile", "invalid", "client_id")
    s.expect(other.get(f"/api/v1/educations/{CREATED['educations']}"), 404, "nor read its education", "not_found")
    own = other.post("/api/v1/clients", {"first_name": "Somchai", "last_name": "Saelim", "mother_tongue": "th"})
    s.expect(own, 201, "other organisation creates its own client")
    s.expect(as_("counsellor").get(f"/api/v1/clients/{own.json['id']}"), 404, "and the first cannot see it")
    s.expect(other.post("/api/v1/proposals", {"client_id": own.json["id"], "vacancy_id": CREATED["vacancies"]}), 400,
             "cannot propose to another organisation's vacancy", "invalid", "vacancy_id")
    r = other.get("/api/v1/organisations")
    s.check(r.status == 200 and [o["id"] for o in r.json["items"]] == [ACCOUNTS["other"][1]],
            "staff see only their own organisation")


def test_audit(s):
    cid = CREATED["clients"]
    cou = as_("counsellor")
    cou.get(f"/api/v1/clients/{cid}")
    r = as_("admin").get(f"/api/v1/audit?client_id={cid}")
    if s.expect(r, 200, "admin reads the audit of a client"):
        actions = {(e["action"], e["entity"]) for e in r.json["items"]}
        for a in [("create", "clients"), ("read", "clients"), ("update", "clients"), ("create", "client-skills")]:
            s.check(a in actions, f"audit has {a}")
        s.check(all(e["user_id"] for e in r.json["items"]), "every entry names the user")
    s.expect(cou.get(f"/api/v1/audit?client_id={cid}"), 403, "counsellor cannot read the audit", "forbidden")
    page = as_("admin").get(f"/admin/audit?client_id={cid}")
    s.check(page.status == 200 and b"<table" in page.body and ("Asiakkaat".encode() in page.body or b"Clients" in page.body),
            "admin audit page lists entries, entities named in the page's language")
    s.check(cou.get(f"/admin/audit?client_id={cid}").status == 403, "the audit page is for admins only")
    r = osaaja(BIN, "audit", "verify", "--db", DB, check=False)
    s.check(r.returncode == 0 and "intact" in r.stdout, f"audit chain intact: {r.stdout} {r.stderr}")


def test_openapi(s):
    served = Client(srv).get("/api/v1/openapi.json").json
    with open(os.path.join(ROOT, "docs", "openapi.json")) as f:
        committed = json.load(f)
    sp = {(p, m) for p, ops in served["paths"].items() for m in ops}
    cp = {(p, m) for p, ops in committed["paths"].items() for m in ops}
    s.check(sp == cp, f"docs/openapi.json matches the routes (regenerate it: curl /api/v1/openapi.json); "
                      f"missing {sorted(sp - cp)[:5]}, extra {sorted(cp - sp)[:5]}")
    c = as_("counsellor")
    unknown = []
    for path, method in sorted(sp):
        url = path.replace("{id}", "1")
        r = c.request(method.upper(), url, {} if method in ("post", "patch") else None)
        if r.status == 404 and b"no such API route" in r.body or r.status == 405:
            unknown.append((method, path))
    s.check(not unknown, f"every documented route is served: {unknown[:5]}")


def test_backup(s):
    if IS_PG:
        r = osaaja(BIN, "backup", "--db", DB, "/tmp/never.db", check=False)
        s.check(r.returncode != 0 and "pg_dump" in r.stderr, "PostgreSQL backup points to pg_dump")
        return
    dest = os.path.join(tempfile.mkdtemp(), "copy.db")
    r = osaaja(BIN, "backup", "--db", DB, dest, check=False)
    s.check(r.returncode == 0 and "integrity ok" in r.stdout, f"backup while serving: {r.stdout}{r.stderr}")
    r = osaaja(BIN, "backup", "--db", DB, dest, check=False)
    s.check(r.returncode == 2 and "--force" in r.stderr, "backup refuses to overwrite")
    copy = Server(BIN, dest)
    try:
        c = Client(copy)
        c.login(ACCOUNTS["counsellor"][0], PW)
        s.expect(c.get(f"/api/v1/clients/{CREATED['clients']}"), 200, "restored copy serves the client")
    finally:
        copy.stop()


def test_cli(s):
    for cmd in ["init", "serve", "user", "demo", "backup", "import-taxonomy", "taxonomy", "match", "report",
                "migrate-store", "audit"]:
        r = osaaja(BIN, cmd, "--help", check=False)
        s.check(r.returncode == 0 and "usage" in r.stdout.lower(), f"osaaja {cmd} --help")
    r = osaaja(BIN, "init", "--bogus", check=False)
    s.check(r.returncode == 2 and "unknown option" in r.stderr, "unknown option is an error")
    r = osaaja(BIN, "frobnicate", check=False)
    s.check(r.returncode == 2, "unknown command is an error")
    r = osaaja(BIN, "serve", "--db", DB, "--port", "70000", check=False)
    s.check(r.returncode == 2 and "--port" in r.stderr, "bad port is an error")
    r = osaaja(BIN, "user", "add", "--db", DB, "--email", "weak2@test.example.fi", "--name", "W", "--role",
               "counsellor", "--org", "1", "--password", "short", check=False)
    s.check(r.returncode == 2 and "at least 10" in r.stderr, "weak password refused on the CLI")


def test_tamper_detected(s):
    if IS_PG:
        return
    con = sqlite3.connect(DB)
    con.execute("UPDATE audit_log SET detail = 'edited' WHERE id = 2")
    con.commit()
    con.close()
    r = osaaja(BIN, "audit", "verify", "--db", DB, check=False)
    s.check(r.returncode == 1 and "broken at entry 2" in r.stderr, f"tampering found: {r.stderr}")


def test_access_log_no_tokens_no_forged_lines(s):
    """Issue 19 item 10: the access log names the route (/s/{token}), never a survey link's token; a path with an
    encoded newline or quote cannot start a log line of its own or end its field."""
    tok = "SeCrEtToKeN4711abcdefXYZ"
    c = Client(srv)
    c.get("/s/" + tok)
    c.get("/api/v1/public/surveys/" + tok)
    c.get("/nope%0Aevent=forged%0D%0Alevel=error%22%20user=0")
    time.sleep(0.3)
    log = srv.log_text()
    s.check(tok not in log, "no survey-link token in the server log")
    s.check('path="/s/{token}"' in log and 'path="/api/v1/public/surveys/{token}"' in log,
            "the route pattern is logged")
    lines = log.splitlines()
    s.check(not any(line.startswith("event=forged") or line.startswith("level=error") for line in lines) and
            any("event=forged" in line and line.startswith("ts=") for line in lines),
            "an encoded newline in a path does not start a new log line")
    s.check(any('path="/nope\\nevent=forged\\r\\nlevel=error\\" user=0"' in line for line in lines),
            f"the path is escaped: {[line for line in lines if 'forged' in line]}")


def test_review_page_answers_are_text(s):
    """Issue 19 item 10: a survey answer such as "http:evil.example/..." is shown on the review page as text, never
    as a link (nor is any other answer)."""
    c = as_("counsellor")
    sid = next(x["id"] for x in c.get("/api/v1/surveys").json["items"] if x["slug"] == "seasonal-worker")
    r = c.post("/api/v1/survey-invitations", {"survey_id": sid})
    s.expect(r, 201, "an invitation")
    tok = r.json["items"][0]["token"]
    evil = "http:evil.example/phish"
    answers = {"_consent": True, "first_name": "Link", "last_name": "Tester", "mother_tongue": "th",
               "nationality": "TH", "phone": "+66 81 234 5678", "sector": "agriculture", "current_job": "Poimija",
               "employment_type": "agency", "isced_level": "3", "skills": ["driving a tractor"],
               "licences": ["driving_b"], "language_levels": {"th": "native"}, "long_term_interest": "yes",
               "has_spouse": "no",
               "work_history": [{"job_title": "Farmer", "job_country": "TH", "job_years": 6, "job_occupation": evil}]}
    r = Client(srv).post(f"/api/v1/public/surveys/{tok}/responses",
                         {"submission_key": "link-" + "l" * 20, "lang": "th", "answers": answers})
    s.expect(r, 201, "answers with a link-like occupation")
    page = c.get(f"/reviews/{r.json.get('id')}").body.decode("utf-8")
    s.check(evil in page, "the answer is shown")
    s.check("evil.example" not in "".join(re.findall(r"<a [^>]*>", page)) and "href=\"http:" not in page,
            "the answer is not a link")


def test_logs_hold_no_personal_data(s):
    log = srv.log_text()
    for secret in ["Kovalenko", "olena@example.org", PW, "Somchai"]:
        s.check(secret not in log, f"server log does not contain {secret!r}")


ok = S.run([test_health_and_headers, test_login_logout_and_tokens, test_throttling, test_error_classes,
            test_every_entity_round_trip, test_unique_and_nothing_half_written, test_roles,
            test_organisation_isolation, test_audit, test_openapi, test_backup, test_cli,
            test_access_log_no_tokens_no_forged_lines, test_review_page_answers_are_text])
rc = srv.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
S.run([test_logs_hold_no_personal_data, test_tamper_detected])
sys.exit(0 if S.failed == 0 else 1)
