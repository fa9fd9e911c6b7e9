#!/usr/bin/python3
"""Crash test: writes through the API on a SQLite database while the server is killed with SIGKILL at random
moments (every third round a SIGTERM instead, which must stop it cleanly); after each restart every acknowledged write (201) must be there and the database must pass its integrity
check. Readers read clients at the same time: a read's audit entry is group-committed by the server's appender
before the read is answered, so after every kill each answered read (200) has its entry in audit_log and
`osaaja audit verify` finds the chain unbroken. Some rounds also take `osaaja backup` during the writes: the copy must pass its integrity check and hold at
least every write acknowledged before the backup started. Bounded by --seconds (default 60).
Usage: crash.py OSAAJA_BINARY [--seconds N] [--seed N]. Ends with `crash: N passed, N failed`."""
import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
from harness import Server, Suite, osaaja  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("binary")
ap.add_argument("--seconds", type=float, default=60)
ap.add_argument("--seed", type=int, default=int(time.time()))
args = ap.parse_args()
BIN = os.path.abspath(args.binary)
rng = random.Random(args.seed)
print(f"crash test: seed {args.seed}, about {args.seconds:.0f} s", flush=True)
tmp = tempfile.mkdtemp(prefix="osaaja-crash-")
DB = os.path.join(tmp, "crash.db")
PW = "Kaatumis-testi-2026"
osaaja(BIN, "init", "--db", DB)
org = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Kaatumistesti", "--kind", "municipality").stdout.strip()
osaaja(BIN, "user", "add", "--db", DB, "--email", "crash@test.example.fi", "--name", "Crash", "--role", "counsellor",
       "--org", org, "--password", PW)
S = Suite("crash")
acked = {}          # client id -> (first_name, event id or None)
acked_lock = threading.Lock()
seq = [0]
answered_reads = {}  # client id -> reads of it answered 200 (each must have its audit entry)


def http(base, method, path, body=None, token=None, timeout=5):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


def get_token(base):
    """Logs in (the session token is only in the cookie) and creates an API token with POST /api/v1/tokens."""
    req = urllib.request.Request(base + "/api/v1/session", method="POST", headers={"Content-Type": "application/json"},
                                 data=json.dumps({"email": "crash@test.example.fi", "password": PW}).encode())
    with urllib.request.urlopen(req, timeout=5) as r:
        if r.status != 201:
            raise RuntimeError(f"login failed: {r.status}")
        cookie, csrf = r.headers["Set-Cookie"].split(";")[0], json.loads(r.read())["csrf_token"]
    req = urllib.request.Request(base + "/api/v1/tokens", method="POST", data=json.dumps({"label": "crash"}).encode(),
                                 headers={"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": csrf})
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.loads(r.read())["token"]


def writer(base, token, stop):
    while not stop.is_set():
        with acked_lock:
            seq[0] += 1
            n = seq[0]
        name = f"Kaatuja{n}"
        try:
            st, j = http(base, "POST", "/api/v1/clients", {"first_name": name, "last_name": "Crash", "strengths": "x" * (n % 700)},
                         token=token)
            if st != 201:
                continue
            cid = j["id"]
            with acked_lock:
                acked[cid] = (name, None)
            st, j = http(base, "POST", "/api/v1/service-events",
                         {"client_id": cid, "type": "meeting", "happened_on": "2026-01-02", "summary": name}, token=token)
            if st == 201:
                with acked_lock:
                    acked[cid] = (name, j["id"])
        except (OSError, ValueError):
            time.sleep(0.01)  # the server is gone; the write was not acknowledged


def read_client(base, token, cid):
    """GET one client; an answered read is counted (its audit entry must be in the log)."""
    st, j = http(base, "GET", f"/api/v1/clients/{cid}", token=token)
    if st == 200:
        with acked_lock:
            answered_reads[cid] = answered_reads.get(cid, 0) + 1
    return st, j


def reader(base, token, stop):
    r = random.Random(rng.random())
    while not stop.is_set():
        with acked_lock:
            ids = list(acked)
        if not ids:
            time.sleep(0.01)
            continue
        try:
            read_client(base, token, r.choice(ids))
        except (OSError, ValueError):
            time.sleep(0.01)  # the server is gone; the read was not answered


def check_reads_audited(s, what):
    """Every answered read has its audit entry (the log may hold more: a read cut off after its commit)."""
    with acked_lock:
        answered = dict(answered_reads)
    con = sqlite3.connect(DB, timeout=30)
    try:
        logged = dict(con.execute("SELECT entity_id, COUNT(*) FROM audit_log WHERE entity = 'clients' "
                                  "AND action = 'read' GROUP BY entity_id").fetchall())
    finally:
        con.close()
    short = [cid for cid, n in answered.items() if logged.get(cid, 0) < n]
    s.check(not short, f"{what}: every answered read has its audit entry ({sum(answered.values())} reads of "
                       f"{len(answered)} clients; short {short[:10]})")


def integrity(path):
    con = sqlite3.connect(path, timeout=30)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def check_all_there(s, base, token, what):
    """Every acknowledged write, read from the database file (all of them) and through the API (a sample)."""
    with acked_lock:
        items = dict(acked)
    con = sqlite3.connect(DB, timeout=30)
    try:
        clients = dict(con.execute("SELECT id, first_name FROM clients").fetchall())
        events = dict(con.execute("SELECT id, summary FROM service_events").fetchall())
    finally:
        con.close()
    missing = [cid for cid, (name, ev) in items.items()
               if clients.get(cid) != name or (ev and events.get(ev) != name)]
    for cid in rng.sample(sorted(items), min(50, len(items))):
        st, j = read_client(base, token, cid)
        if st != 200 or j.get("first_name") != items[cid][0]:
            missing.append(f"api {cid}")
    s.check(not missing, f"{what}: every acknowledged write is there ({len(items)} checked; missing {missing[:10]})")


token = None
deadline = time.time() + args.seconds
rounds = kills = terms = backups = 0
while time.time() < deadline - 4 or rounds < 2:
    rounds += 1
    srv = Server(BIN, DB)
    base = srv.base
    if token is None:
        token = get_token(base)
    if rounds > 1:
        check_all_there(S, base, token, f"round {rounds} after restart")
    stop = threading.Event()
    threads = [threading.Thread(target=writer, args=(base, token, stop)) for _ in range(4)]
    threads += [threading.Thread(target=reader, args=(base, token, stop)) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(rng.uniform(0.2, 1.0))
    if rounds % 2 == 0:  # an online backup while the writers run
        with acked_lock:
            before = dict(acked)
        dest = os.path.join(tmp, f"backup{rounds}.db")
        r = osaaja(BIN, "backup", "--db", DB, dest, check=False)
        backups += 1
        S.check(r.returncode == 0 and "integrity ok" in r.stdout, f"round {rounds}: backup during writes: "
                                                                   f"{r.stdout.strip()} {r.stderr.strip()}")
        if os.path.exists(dest):
            S.check(integrity(dest) == "ok", f"round {rounds}: backup copy passes PRAGMA integrity_check")
            con = sqlite3.connect(dest)
            have = {row[0]: row[1] for row in con.execute("SELECT id, first_name FROM clients")}
            con.close()
            lost = [cid for cid, (name, _) in before.items() if have.get(cid) != name]
            S.check(not lost, f"round {rounds}: backup holds every write acknowledged before it started "
                              f"({len(before)}; missing {lost[:10]})")
    time.sleep(rng.uniform(0.05, 1.5))
    how = "SIGTERM" if rounds % 3 == 0 else "SIGKILL"
    if how == "SIGTERM":  # a graceful stop under load: reads parked for their audit batch are answered or refused
        rc = srv.stop()
        terms += 1
        S.check(rc == 0, f"round {rounds}: the server stops cleanly on SIGTERM under load (exit {rc})")
    else:
        os.kill(srv.proc.pid, signal.SIGKILL)  # our own child, by its id
        srv.proc.wait()
        srv.log.close()
        kills += 1
    stop.set()
    for t in threads:
        t.join()
    S.check(integrity(DB) == "ok", f"round {rounds}: database passes PRAGMA integrity_check after {how}")
    check_reads_audited(S, f"round {rounds} after {how}")
    r = osaaja(BIN, "audit", "verify", "--db", DB, check=False)
    S.check(r.returncode == 0, f"round {rounds}: audit chain unbroken after {how}: {r.stdout.strip()} {r.stderr.strip()}")

srv = Server(BIN, DB)
check_all_there(S, srv.base, token, "final restart")
srv.stop()
dest = os.path.join(tmp, "final-backup.db")
r = osaaja(BIN, "backup", "--db", DB, dest, check=False)
S.check(r.returncode == 0 and "integrity ok" in r.stdout, f"osaaja backup of the crashed database: {r.stdout.strip()}")
r = osaaja(BIN, "audit", "verify", "--db", DB, check=False)
S.check(r.returncode == 0, f"audit chain intact after the kills: {r.stdout.strip()} {r.stderr.strip()}")
check_reads_audited(S, "final")
print(f"{rounds} rounds, {kills} kills, {terms} graceful stops, {backups} backups during writes, {len(acked)} acknowledged clients, "
      f"{sum(answered_reads.values())} answered reads", flush=True)
print(f"{S.name}: {S.passed} passed, {S.failed} failed", flush=True)
if S.failed == 0:
    subprocess.run(["rm", "-rf", tmp])
else:
    print(f"kept {tmp} for inspection", flush=True)
sys.exit(0 if S.failed == 0 else 1)
