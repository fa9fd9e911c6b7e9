#!/usr/bin/python3
"""Record versions and optimistic concurrency (issue 20, item 3): every record carries a read-only "version" (1 on
create, +1 on each change), answers for one record carry ETag W/"<version>", and PATCH / DELETE with If-Match change
the record only while it is still at that version (else 412 version_conflict with the record as it is now).
Runs on every entity kind of entities.json, and races N writers with the same If-Match through two servers on one
database: exactly one wins.
Usage: test_versions.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import json
import os
import sys
import threading

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
HERE = os.path.dirname(os.path.abspath(__file__))
PW = "Testi-salasana-2026"
ACCOUNTS = {}
CREATED = {}
RACERS = 8


def setup():
    osaaja(BIN, "init", "--db", DB)
    org = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Versiokeskus", "--kind", "municipality").stdout.strip()
    for role in ["admin", "counsellor", "coordinator", "sysadmin"]:
        email = f"{role}@versions.example.fi"
        osaaja(BIN, "user", "add", "--db", DB, "--email", email, "--name", role.title(), "--role", role, "--org", org,
               "--password", PW)
        ACCOUNTS[role] = email


setup()
srv = Server(BIN, DB)
srv2 = Server(BIN, DB)  # a second server on the same database, as behind a load balancer
S = Suite("versions" + (" (postgres)" if IS_PG else " (sqlite)"))


def as_(role, server=srv):
    c = Client(server)
    c.login(ACCOUNTS[role], PW)
    return c


def resolve(v):
    if isinstance(v, str) and v.startswith("$"):
        return CREATED[v[1:]]
    if isinstance(v, dict):
        return {k: resolve(x) for k, x in v.items()}
    return v


def tag(v):
    return f'W/"{v}"'


def test_every_entity(s):
    specs = json.load(open(os.path.join(HERE, "entities.json")))
    clients = {}
    for name, spec in specs.items():
        if name.startswith("_"):
            continue
        c = clients.setdefault(spec["role"], as_(spec["role"]))
        r = c.post(f"/api/v1/{name}", resolve(spec["body"]))
        if not s.expect(r, 201, f"create {name}"):
            continue
        rid = r.json["id"]
        CREATED[name] = rid
        url = f"/api/v1/{name}/{rid}"
        s.check(r.json.get("version") == 1, f"{name}: version starts at 1, got {r.json.get('version')!r}")
        s.check(r.headers.get("ETag") == tag(1), f"{name}: POST answer has ETag W/\"1\", got {r.headers.get('ETag')}")
        r = c.get(url)
        s.check(r.status == 200 and r.headers.get("ETag") == tag(1), f"{name}: GET has ETag W/\"1\"")
        patch = resolve(spec["patch"])
        r = c.patch(url, patch, headers={"If-Match": tag(1)})
        if s.expect(r, 200, f"{name}: PATCH with the current If-Match"):
            s.check(r.json.get("version") == 2, f"{name}: version 2 after an update, got {r.json.get('version')!r}")
            s.check(r.headers.get("ETag") == tag(2), f"{name}: PATCH answer has ETag W/\"2\"")
        before = c.get(url).json
        r = c.patch(url, patch, headers={"If-Match": tag(1)})
        if s.expect(r, 412, f"{name}: PATCH with a stale If-Match", "version_conflict"):
            cur = r.json["error"].get("current") or {}
            s.check(cur.get("id") == rid and cur.get("version") == 2, f"{name}: 412 carries the current record")
            s.check(r.headers.get("ETag") == tag(2), f"{name}: 412 has the current ETag")
        s.check(c.get(url).json == before, f"{name}: nothing changed by the refused PATCH")
        r = c.patch(url, dict(patch, version=99))
        if s.expect(r, 200, f"{name}: PATCH without If-Match (as before versions)"):
            s.check(r.json.get("version") == 3, f"{name}: version is not writable (got {r.json.get('version')!r})")
    c = clients["counsellor"]
    r = c.post("/api/v1/clients", {"first_name": "Versio", "last_name": "Luku", "version": 42})
    if s.expect(r, 201, "create with a version in the body"):
        s.check(r.json["version"] == 1, "version in a POST body is ignored")


def test_if_match_forms_and_errors(s):
    c = as_("counsellor")
    cid = c.post("/api/v1/clients", {"first_name": "Ehto", "last_name": "Otsake"}).json["id"]
    url = f"/api/v1/clients/{cid}"
    s.expect(c.patch(url, {"status": "active"}, headers={"If-Match": '"1"'}), 200, "strong form \"1\" also matches")
    s.expect(c.patch(url, {"status": "intake"}, headers={"If-Match": "*"}), 200, "If-Match: * matches any version")
    for bad in ["3", 'W/"x"', '"1", "2"', 'W/""', '"0"']:
        s.expect(c.patch(url, {"status": "active"}, headers={"If-Match": bad}), 400, f"malformed If-Match {bad!r}",
                 "invalid", "If-Match")
    s.check(c.get(url).json["version"] == 3, "malformed If-Match changed nothing")
    s.expect(c.patch("/api/v1/clients/999999", {"status": "active"}, headers={"If-Match": tag(1)}), 404,
             "If-Match on a missing record is still 404", "not_found")
    r = c.patch(url, {"status": "active"}, headers={"If-Match": tag(2)})
    s.expect(r, 412, "stale If-Match", "version_conflict")
    msg = r.json["error"]["message"]
    s.check("someone else" in msg and "again" in msg, f"the message says what happened and what to do: {msg}")
    # DELETE (archive) honours If-Match too, and archiving is a change
    s.expect(c.delete(url, headers={"If-Match": tag(2)}), 412, "archive with a stale If-Match", "version_conflict")
    s.check(c.get(url).json["archived_at"] is None, "stale archive did nothing")
    s.expect(c.delete(url, headers={"If-Match": tag(3)}), 200, "archive with the current If-Match")
    row = c.get(url).json
    s.check(row["archived_at"] is not None and row["version"] == 4, f"archive adds one to the version: {row['version']}")
    s.expect(c.patch(url, {"status": "active"}, headers={"If-Match": tag(4)}), 409, "archived stays a 409", "conflict")


def test_two_counsellors(s):
    """The issue's story: two staff members on two servers edit one client; the second save is refused."""
    a, b = as_("counsellor", srv), as_("counsellor", srv2)
    cid = a.post("/api/v1/clients", {"first_name": "Kaksi", "last_name": "Muokkaajaa"}).json["id"]
    url = f"/api/v1/clients/{cid}"
    ea, eb = a.get(url).headers.get("ETag", tag(1)), b.get(url).headers.get("ETag", tag(1))
    s.expect(a.patch(url, {"phone": "+358 40 111 1111"}, headers={"If-Match": ea}), 200, "first save")
    r = b.patch(url, {"phone": "+358 40 222 2222"}, headers={"If-Match": eb})
    if s.expect(r, 412, "second save from the other server", "version_conflict"):
        s.check(r.json["error"]["current"]["phone"] == "+358 40 111 1111", "the conflict shows the first save")
    s.check(a.get(url).json["phone"] == "+358 40 111 1111", "the first save was not lost")
    r = b.patch(url, {"phone": "+358 40 222 2222"}, headers={"If-Match": r.headers.get("ETag", tag(2))})
    s.expect(r, 200, "saving again on the current version")


def test_race(s):
    """N writers, one If-Match, at once, spread over two servers: exactly one 200, the rest 412."""
    writers = [as_("counsellor", srv if i % 2 == 0 else srv2) for i in range(RACERS)]
    for rnd in range(3):
        cid = writers[0].post("/api/v1/clients", {"first_name": "Kilpa", "last_name": f"Ajo {rnd}"}).json["id"]
        url = f"/api/v1/clients/{cid}"
        etag = writers[0].get(url).headers.get("ETag", tag(1))
        barrier = threading.Barrier(RACERS)
        results = [None] * RACERS

        def run(i):
            barrier.wait()
            r = writers[i].patch(url, {"phone": f"+358 40 000 00{i:02d}"}, headers={"If-Match": etag})
            results[i] = (r.status, r.json.get("error", {}).get("code") if r.status != 200 else None)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(RACERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        wins = [i for i, x in enumerate(results) if x and x[0] == 200]
        lost = [x for x in results if x and x[0] == 412 and x[1] == "version_conflict"]
        s.check(len(wins) == 1 and len(lost) == RACERS - 1,
                f"round {rnd}: exactly one of {RACERS} writers wins, the rest get 412: {results}")
        row = writers[0].get(url).json
        s.check(row.get("version") == 2, f"round {rnd}: one change made (version {row.get('version')})")
        if wins:
            s.check(row["phone"] == f"+358 40 000 00{wins[0]:02d}", f"round {rnd}: the winner's value is stored")


def test_privacy_writes_count(s):
    """Consent withdrawal and erasure change records outside PATCH: they add to the version too, so an edit made on
    the record as it was before is refused instead of undoing them."""
    c = as_("counsellor")
    cid = c.post("/api/v1/clients", {"first_name": "Suostumus", "last_name": "Peruttu"}).json["id"]
    r = c.post("/api/v1/consents", {"client_id": cid, "purpose": "matching", "given": True, "given_on": "2026-03-01"})
    con = r.json["id"]
    s.expect(c.post(f"/api/v1/clients/{cid}/consents/matching/withdraw"), 200, "withdraw the consent")
    s.check(c.get(f"/api/v1/consents/{con}").json.get("version") == 2, "withdrawal adds one to the consent's version")
    s.expect(c.patch(f"/api/v1/consents/{con}", {"withdrawn_on": None}, headers={"If-Match": tag(1)}), 412,
             "an edit of the consent as it was before the withdrawal", "version_conflict")
    before = c.get(f"/api/v1/clients/{cid}").json.get("version")
    s.expect(c.post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"}), 200, "erase the client")
    s.check(c.get(f"/api/v1/clients/{cid}").json.get("version", 0) == before + 1, "erasure adds one to the version")


def test_openapi_documents_it(s):
    doc = Client(srv).get("/api/v1/openapi.json").json
    op = doc["paths"]["/api/v1/clients/{id}"]
    params = [p.get("name") for p in op["patch"].get("parameters", [])]
    s.check("If-Match" in params, "OpenAPI: PATCH takes If-Match")
    s.check("If-Match" in [p.get("name") for p in op["delete"].get("parameters", [])], "OpenAPI: DELETE takes If-Match")
    s.check("412" in op["patch"]["responses"], "OpenAPI: PATCH documents 412")
    s.check("ETag" in op["get"]["responses"]["200"].get("headers", {}), "OpenAPI: GET documents ETag")
    s.check(doc["components"]["schemas"]["clients"]["properties"].get("version", {}).get("readOnly") is True,
            "OpenAPI: version is a read-only property")


ok = S.run([test_every_entity, test_if_match_forms_and_errors, test_two_counsellors, test_race,
            test_privacy_writes_count, test_openapi_documents_it])
rc, rc2 = srv.stop(), srv2.stop()
S.check(rc == 0 and rc2 == 0, f"servers stopped cleanly (exit {rc}, {rc2})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
sys.exit(0 if S.failed == 0 else 1)
