"""Test harness for the API tests: starts a real `osaaja serve` on a random loopback port, talks HTTP with the
standard library only, and counts checks. Run by tests/api/run.sh with Debian's /usr/bin/python3."""
import http.cookiejar
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request


def _wait_past_midnight(margin=300):
    """Tests compare the server's day (UTC) with the day they computed at start; a run that crosses midnight
    between the two fails though nothing is wrong. Near midnight, wait for the new day first."""
    now = time.time()
    left = 86400 - now % 86400
    if left < margin:
        print(f"  (waiting {left:.0f} s for the UTC day to turn: tests compare days)", flush=True)
        time.sleep(left + 1)


_wait_past_midnight()


class Server:
    def __init__(self, binary, db, extra=()):
        self.binary, self.db = binary, db
        self.tmp = tempfile.mkdtemp(prefix="osaaja-api-")
        self.port_file = os.path.join(self.tmp, "port")
        self.log = open(os.path.join(self.tmp, "server.log"), "wb")
        self.proc = subprocess.Popen([binary, "serve", "--db", db, "--port", "0", "--port-file", self.port_file,
                                      "--threads", "4", *extra], stdout=self.log, stderr=self.log)
        deadline = time.time() + 20
        while time.time() < deadline:
            if os.path.exists(self.port_file) and open(self.port_file).read().strip():
                self.port = int(open(self.port_file).read())
                return
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + open(self.log.name).read()[-2000:])
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.proc.terminate()
        try:
            rc = self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = -9
        self.log.close()
        return rc

    def log_text(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def json(self):
        return json.loads(self.body.decode("utf-8"))


class Client:
    """One user agent: keeps cookies like a browser, or sends a Bearer token."""

    def __init__(self, server):
        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = None
        self.token = None
        self.user = None

    def request(self, method, path, body=None, raw=None, headers=None, csrf=True):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.server.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            req.add_header("X-CSRF-Token", self.csrf)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with self.opener.open(req, timeout=30) as r:
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, e.headers, e.read())

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def login(self, email, password):
        r = self.post("/api/v1/session", {"email": email, "password": password})
        if r.status != 201:
            raise AssertionError(f"login {email} failed: {r.status} {r.body[:200]}")
        self.csrf = r.json["csrf_token"]
        self.user = r.json["user"]
        return r


class Suite:
    def __init__(self, name):
        self.name, self.passed, self.failed, self.failures = name, 0, 0, []

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(what)
            print(f"  FAIL: {what}", flush=True)
        return cond

    def expect(self, r, status, what, code=None, field=None):
        ok = r.status == status
        detail = ""
        if ok and code is not None:
            err = r.json.get("error", {})
            ok = err.get("code") == code and (field is None or err.get("field") == field) and bool(err.get("message"))
            detail = f" error={err}"
        return self.check(ok, f"{what}: expected {status}{' ' + code if code else ''}"
                              f"{' field=' + field if field else ''}, got {r.status}{detail} {r.body[:300]!r}")

    def run(self, tests):
        for t in tests:
            print(f"- {t.__name__}", flush=True)
            try:
                t(self)
            except Exception:  # a crashing test counts as one failure and the suite goes on
                self.failed += 1
                self.failures.append(t.__name__ + ": " + traceback.format_exc(limit=3))
                print(traceback.format_exc(), flush=True)
        print(f"{self.name}: {self.passed} passed, {self.failed} failed", flush=True)
        return self.failed == 0


def osaaja(binary, *args, stdin=None, check=True):
    r = subprocess.run([binary, *args], input=stdin, capture_output=True, text=True, timeout=300)
    if check and r.returncode != 0:
        raise RuntimeError(f"osaaja {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


def add_org(binary, db, name, kind="municipality"):
    """A new organisation, made with the CLI; its id (text)."""
    return osaaja(binary, "user", "add-org", "--db", db, "--name", name, "--kind", kind).stdout.strip()


def add_user(binary, db, email, role, org, password, name=None, lang=None):
    """A new account of organisation org, made with the CLI; its name is the role's, title-cased, unless given."""
    osaaja(binary, "user", "add", "--db", db, "--email", email, "--name", name or role.title(), "--role", role,
           "--org", str(org), "--password", password, *(("--lang", lang) if lang else ()))


class Org:
    """A fresh database with one organisation, one staff user per role (e-mail "{prefix}-{role}@t.fi") and a
    server on it: the set-up the figure tests share. as_(role) is a client logged in as that user."""

    def __init__(self, binary, db, name, roles, prefix, password, lang=None):
        osaaja(binary, "init", "--db", db)
        self.id = add_org(binary, db, name)
        for role in roles:
            add_user(binary, db, f"{prefix}-{role}@t.fi", role, self.id, password, lang=lang)
        self.server = Server(binary, db)
        self.prefix, self.password = prefix, password

    def as_(self, role):
        c = Client(self.server)
        c.login(f"{self.prefix}-{role}@t.fi", self.password)
        return c


def db_sql(db, statement):
    """Runs one SQL statement on a test database (a SQLite path or a PostgreSQL URL) and returns its rows as lists of
    text: for a test's set-up or its look at what was stored, never for what the API should do."""
    if db.startswith("postgres"):
        r = subprocess.run(["psql", "-X", "-q", "-At", db, "-c", statement], capture_output=True, text=True, timeout=60)
        if r.returncode:
            raise RuntimeError(r.stderr)
        return [line.split("|") for line in r.stdout.splitlines() if line]
    import sqlite3
    con = sqlite3.connect(db, timeout=30)
    try:
        rows = [[str(x) for x in row] for row in con.execute(statement).fetchall()]
        con.commit()
        return rows
    finally:
        con.close()


def created(r, what=""):
    """The JSON of a 201 answer; anything else stops the test with what was asked and the answer."""
    assert r.status == 201, (what, r.status, r.body[:300])
    return r.json


if __name__ == "__main__":
    sys.exit("run tests/api/test_api.py")
