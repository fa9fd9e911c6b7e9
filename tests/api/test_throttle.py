#!/usr/bin/python3
"""Login throttling (issue 19, item 8): an account is slowed, never locked out by someone else's wrong passwords;
behind a reverse proxy the client's address comes from X-Forwarded-For, believed only from a configured proxy.
Usage: test_throttle.py OSAAJA_BINARY DB"""
import http.client
import json
import sys

from harness import Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
PW = "Kirjautuminen-Hidastus-2026"
S = Suite("throttle" + (" (postgres)" if DB.startswith("postgres") else " (sqlite)"))

osaaja(BIN, "init", "--db", DB)
org = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Hidaste", "--kind", "municipality").stdout.strip()
for email in ["victim@hidaste.fi", "proxied@hidaste.fi"]:
    osaaja(BIN, "user", "add", "--db", DB, "--email", email, "--name", email[:6], "--role", "counsellor", "--org", org,
           "--password", PW)


def login(srv, email, password, source="127.0.0.1", xff=None):
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10, source_address=(source, 0))
    headers = {"Content-Type": "application/json"}
    if xff:
        headers["X-Forwarded-For"] = xff
    c.request("POST", "/api/v1/session", json.dumps({"email": email, "password": password}), headers)
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, body


def test_slowed_not_locked(s):
    srv = Server(BIN, DB)
    try:
        for i in range(5):
            login(srv, "victim@hidaste.fi", f"wrong-{i}-password", source="127.0.0.1")
        st, body = login(srv, "victim@hidaste.fi", PW, source="127.0.0.1")
        s.check(st == 429 and b"try again in" in body, f"the address that failed waits a growing delay ({st})")
        st, body = login(srv, "victim@hidaste.fi", PW, source="127.0.0.2")
        s.check(st == 201, f"the right password from another address still logs in ({st} {body[:120]!r})")
        st, _ = login(srv, "victim@hidaste.fi", PW, source="127.0.0.1", xff="127.0.0.9")
        s.check(st == 429, f"X-Forwarded-For from a peer that is not a configured proxy is ignored ({st})")
    finally:
        srv.stop()


def test_behind_a_proxy(s):
    srv = Server(BIN, DB, extra=("--trusted-proxy", "127.0.0.1"))
    try:
        for i in range(5):  # one client behind the proxy fails
            login(srv, "proxied@hidaste.fi", f"wrong-{i}", xff="198.51.100.7")
        st, _ = login(srv, "proxied@hidaste.fi", PW, xff="198.51.100.7")
        s.check(st == 429, f"the failing client behind the proxy is slowed ({st})")
        st, body = login(srv, "proxied@hidaste.fi", PW, xff="198.51.100.8")
        s.check(st == 201, f"another client behind the same proxy logs in ({st} {body[:120]!r})")
        for i in range(31):  # a sprayer behind the proxy: its address, not the proxy's, is refused
            login(srv, f"nobody{i}@hidaste.fi", "wrong", xff="198.51.100.66")
        st, _ = login(srv, "victim@hidaste.fi", PW, xff="198.51.100.66")
        s.check(st == 429, f"the spraying address is refused ({st})")
        st, _ = login(srv, "victim@hidaste.fi", PW, xff="198.51.100.9")
        s.check(st == 201, f"everyone else behind the proxy is not ({st})")
        st, _ = login(srv, "victim@hidaste.fi", PW, xff="198.51.100.66, 127.0.0.1")
        s.check(st == 429, f"a chain through the proxy is read from the right ({st})")
    finally:
        srv.stop()


S.run([test_slowed_not_locked, test_behind_a_proxy])
