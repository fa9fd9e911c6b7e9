#!/usr/bin/python3
"""Two `osaaja serve` processes on one PostgreSQL: a write through one is seen in the other's match results within a
second (LISTEN/NOTIFY); a session made on one works on the other, and its end, or a change of its account, made on one
server or straight in the database reaches the other's session cache at once; when the database stops both answer 503, and when
it starts again both recover without a restart and catch up.
Usage: test_two_servers.py OSAAJA_BINARY (starts its own PostgreSQL with tests/pg/pg-start.sh)."""
import copy
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "api"))
from harness import Client, Server, Suite, osaaja  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
PW = "Kaksi-palvelinta-2026"
SKILL = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
OCC = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
S = Suite("two servers (postgres)")

pgdir = tempfile.mkdtemp(prefix="osaaja-pg2-")
os.rmdir(pgdir)
url = subprocess.run([os.path.join(HERE, "pg-start.sh"), pgdir], capture_output=True, text=True, check=True).stdout.strip()
port = url.rsplit(":", 1)[1].split("/")[0]
bindir = sorted(d for d in os.listdir("/usr/lib/postgresql"))[-1]
pg_ctl = f"/usr/lib/postgresql/{bindir}/bin/pg_ctl"
as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []


def pg(action):
    opts = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='{pgdir}' -c fsync=off "
            f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    args = [pg_ctl, "-D", f"{pgdir}/data", "-w", "-t", "60", "-s"]
    args += ["-m", "fast", "stop"] if action == "stop" else ["-l", f"{pgdir}/log", "-o", opts, "start"]
    subprocess.run(as_pg + args, check=True)


def wait_for(fn, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if fn():
            return True
        time.sleep(0.05)
    return fn()


a = b = c = None
try:
    osaaja(BIN, "init", "--db", url)
    org = osaaja(BIN, "user", "add-org", "--db", url, "--name", "Alue", "--kind", "employment_area").stdout.strip()
    osaaja(BIN, "user", "add", "--db", url, "--email", "coach@alue.fi", "--name", "Coach", "--role", "counsellor",
           "--org", org, "--password", PW)
    subprocess.run(["psql", "-q", "-X", url, "-c",
                    f"INSERT INTO tax_concepts (uri, kind, code) VALUES ('{SKILL}', 'skill', NULL), "
                    f"('{OCC}', 'occupation', '2512')"], check=True, capture_output=True)
    a, b = Server(BIN, url), Server(BIN, url)
    # a third server whose URL carries a password (the test server trusts any): it must never be logged or shown
    secret_pw = "Salainen-Sana-77"
    c = Server(BIN, url.replace("://postgres@", f"://postgres:{secret_pw}@"))
    ca, cb = Client(a), Client(b)
    ca.login("coach@alue.fi", PW)
    # the same session on the other server: no sticky load balancer needed
    cb.jar, cb.csrf, cb.opener = ca.jar, ca.csrf, __import__("urllib.request").request.build_opener(
        __import__("urllib.request").request.HTTPCookieProcessor(ca.jar))
    S.expect(cb.get("/api/v1/session"), 200, "session from server A works on server B")

    # Each server keeps the sessions it has looked up for a second or two (src/auth/session_cache.h); triggers on
    # users and sessions notify every server of a change from any process (migration 0028).
    def twin(cl, srv):
        """The same session on another server, with a cookie jar of its own (a logout clears only A's jar)."""
        t = Client(srv)
        for ck in cl.jar:
            t.jar.set_cookie(copy.copy(ck))
        t.csrf = cl.csrf
        return t

    def psql(sql):
        subprocess.run(["psql", "-q", "-X", url, "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True)

    # a logout on A: B refuses the session as soon as it hears (a few milliseconds; half a second allowed here)
    s2 = Client(a)
    s2.login("coach@alue.fi", PW)
    s2b = twin(s2, b)
    S.expect(s2b.get("/api/v1/session"), 200, "a second session works on B (B now holds it in its cache)")
    S.expect(s2.delete("/api/v1/session"), 200, "log out on A")
    S.expect(twin(s2b, a).get("/api/v1/session"), 401, "A refuses the ended session at once")
    t0 = time.time()
    S.check(wait_for(lambda: s2b.get("/api/v1/session").status == 401, 0.5),
            f"B refuses the session ended on A ({time.time() - t0:.3f} s)")
    # an account changed straight in the database (as by another process): B serves the new role
    s3 = Client(a)
    s3.login("coach@alue.fi", PW)
    s3b = twin(s3, b)
    S.check(s3b.get("/api/v1/session").json["user"]["role"] == "counsellor", "B: the role as it was")
    psql("UPDATE users SET role = 'manager' WHERE email = 'coach@alue.fi'")
    t0 = time.time()
    S.check(wait_for(lambda: s3b.get("/api/v1/session").json["user"]["role"] == "manager", 0.5),
            f"B serves the role changed in the database ({time.time() - t0:.3f} s)")
    psql("UPDATE users SET role = 'counsellor' WHERE email = 'coach@alue.fi'")
    S.check(wait_for(lambda: s3b.get("/api/v1/session").json["user"]["role"] == "counsellor", 0.5),
            "B serves the role changed back")
    psql("UPDATE users SET archived_at = '2026-01-01T00:00:00Z' WHERE email = 'coach@alue.fi'")
    S.check(wait_for(lambda: s3b.get("/api/v1/session").status == 401, 0.5), "B refuses an archived account's session")
    S.check(s3.get("/api/v1/session").status == 401, "A refuses it too")
    psql("UPDATE users SET archived_at = NULL WHERE email = 'coach@alue.fi'")
    # Without the triggers (what they are for): B serves a session deleted behind its back for at most
    # SESSION_CACHE_S (2 s), which shows that the cache is in use, and not a moment longer.
    s4 = Client(a)
    s4.login("coach@alue.fi", PW)
    s4b = twin(s4, b)
    S.expect(s4b.get("/api/v1/session"), 200, "a fourth session works on B")
    psql("ALTER TABLE sessions DISABLE TRIGGER sessions_changed; "
         "DELETE FROM sessions WHERE id = (SELECT MAX(id) FROM sessions)")
    S.expect(s4b.get("/api/v1/session"), 200, "triggers off: B still serves the deleted session from its cache")
    time.sleep(2.1)
    S.expect(s4b.get("/api/v1/session"), 401, "triggers off: ... and refuses it once the entry's 2 s are over")
    psql("ALTER TABLE sessions ENABLE TRIGGER sessions_changed")
    S.expect(cb.get("/api/v1/session"), 200, "the first session still works on B")

    emp = ca.post("/api/v1/employers", {"name": "Softa Oy", "business_id": "0112038-9"}).json["id"]
    vac = ca.post("/api/v1/vacancies", {"employer_id": emp, "title": "Ohjelmistokehittäjä", "contract_type": "permanent",
                                        "esco_occupation": OCC, "isco_code": "2512", "status": "open"}).json["id"]
    ca.post("/api/v1/vacancy-skills", {"vacancy_id": vac, "esco_skill": SKILL, "required": True})

    def add_client(name):
        c = ca.post("/api/v1/clients", {"first_name": name, "last_name": "Testi"}).json["id"]
        ca.post("/api/v1/client-skills", {"client_id": c, "esco_skill": SKILL, "evidence": "credential"})
        ca.post("/api/v1/consents", {"client_id": c, "purpose": "matching", "given": True, "given_on": "2026-01-01"})
        return c

    def b_sees(cid):
        r = cb.get(f"/api/v1/vacancies/{vac}/matches")
        return r.status == 200 and any(x.get("id") == cid or x.get("client_id") == cid for x in r.json.get("matches", []))

    c1 = add_client("Eka")
    t0 = time.time()
    seen = wait_for(lambda: b_sees(c1), 1.0)
    S.check(seen, f"a client written through A is in B's matches within a second ({time.time() - t0:.2f} s)")

    # the database goes away: 503 with a clear message, no crash
    pg("stop")
    r = ca.get("/api/v1/clients")
    S.expect(r, 503, "A answers 503 while the database is down", "unavailable")
    S.expect(cb.get("/api/v1/clients"), 503, "B answers 503 while the database is down", "unavailable")
    # ... and tells no caller where the database is or who osaaja logs in as (issue 20.4): the detail is logged
    host, user = "127.0.0.1", url.split("://", 1)[1].split("@", 1)[0].split(":", 1)[0]
    secrets = [url, url.split("@", 1)[1], f"{host}:{port}", host, port, f"{user}@", f"user={user}", user]
    anon = Client(a)
    # Every answer that needs the database is a 503 in the person's language. (A read sends no BEGIN on PostgreSQL,
    # so what needs no statement may still be answered: 401 to an anonymous API call, the login form, 404 to a link
    # that is not a token; the pages below read a well-formed token's invitation.)
    tok = "0" * 64
    answers = [
        ("health check", anon.get("/healthz"), "json", None),
        ("anonymous API", anon.get("/api/v1/clients"), "json-401", None),
        ("anonymous public API", anon.get(f"/api/v1/public/surveys/{tok}"), "json", None),
        ("logged-in API", ca.get("/api/v1/clients"), "json", None),
        ("anonymous page (fi)", anon.get(f"/s/{tok}", headers={"Accept-Language": "fi"}), "html",
         "Palvelu on hetkellisesti poissa"),
        ("anonymous page (sv)", anon.get(f"/s/{tok}", headers={"Accept-Language": "sv-SE,sv;q=0.9"}), "html",
         "Tjänsten är tillfälligt otillgänglig"),
        ("anonymous page (en)", anon.get(f"/s/{tok}", headers={"Accept-Language": "en"}), "html",
         "temporarily unavailable"),
        ("logged-in page", cb.get("/caseload"), "html", "Palvelu on hetkellisesti poissa"),
    ]
    for what, r, kind, text in answers:
        body = r.body.decode("utf-8", "replace")
        # an anonymous API call is refused without a statement (401), or 503 on a thread that has no connection
        want = (401, 503) if kind == "json-401" else (503,)
        S.check(r.status in want, f"{what}: {' or '.join(map(str, want))} while the database is down (got {r.status})")
        S.check(not any(x in body for x in secrets), f"{what}: the answer names no database address or user: {body[:300]!r}")
        if kind == "json" and r.status == 503:
            err = r.json.get("error", {})
            S.check(err.get("code") == "unavailable" and err.get("message") == "the service is unavailable; try again "
                    "in a moment", f"{what}: a plain service-unavailable message: {err}")
        if text:
            S.check(text in body, f"{what}: the page says so in its language ({text!r}): {body[:400]!r}")
    for srv in (a, b):
        log = srv.log_text()
        S.check(f"{host}:{port}" in log and "cannot connect to PostgreSQL" in log,
                "the server log has the detail (address and port of the database)")
    r = Client(c).get("/api/v1/clients")
    S.check(r.status == 503 and secret_pw.encode() not in r.body and b"postgres" not in r.body,
            f"a URL with a password: the answer shows neither it nor the user ({r.status} {r.body[:200]!r})")
    log = c.log_text()
    S.check("cannot connect to PostgreSQL" in log and secret_pw not in log,
            "a URL with a password: the log has the detail and not the password")
    S.check(a.proc.poll() is None and b.proc.poll() is None, "both servers keep running")
    pg("start")
    # the health check, one statement outside a transaction, reconnects by itself (asked before any other request)
    S.check(wait_for(lambda: anon.get("/healthz").status == 200, 10), "A's health check recovers without a restart")
    S.check(wait_for(lambda: ca.get("/api/v1/clients").status == 200, 10), "A recovers without a restart")
    S.check(wait_for(lambda: cb.get("/api/v1/clients").status == 200, 10), "B recovers without a restart")
    c2 = add_client("Toka")
    S.check(wait_for(lambda: b_sees(c2), 5.0), "after the outage, B's index follows A's writes again")
except Exception:
    raise
finally:
    if S.failed:
        for name, srv in (("A", a), ("B", b), ("C", c)):
            if srv:
                print(f"server {name} log:", srv.log_text()[-2500:])
    for s in (a, b, c):
        if s:
            rc = s.stop()
            S.check(rc == 0, f"server stopped cleanly (exit {rc})")
    subprocess.run([os.path.join(HERE, "pg-stop.sh"), pgdir], capture_output=True)
print(f"{S.name}: {S.passed} passed, {S.failed} failed")
sys.exit(0 if S.failed == 0 else 1)
