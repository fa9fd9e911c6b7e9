#!/usr/bin/python3
"""Store parity (issue 20.5): the list search and filters answer the same on SQLite and PostgreSQL. `%` and `_` in
q= and in a list filter (target_groups=) are text, not LIKE wildcards; a query parameter that is not UTF-8 is a 400
naming the parameter, on the JSON API and on a page, before any store sees it.
Usage: test_store_parity.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import sys

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Pariteetti-testi-2026"

osaaja(BIN, "init", "--db", DB)
org = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Lahti", "--kind", "municipality").stdout.strip()
osaaja(BIN, "user", "add", "--db", DB, "--email", "c@parity.fi", "--name", "C", "--role", "counsellor", "--org", org,
       "--password", PW)
srv = Server(BIN, DB)
S = Suite("store parity" + (" (postgres)" if IS_PG else " (sqlite)"))
c = Client(srv)
c.login("c@parity.fi", PW)


def new_client(first, last, **extra):
    r = c.post("/api/v1/clients", {"first_name": first, "last_name": last, **extra})
    S.expect(r, 201, f"create client {first} {last}")
    return r.json["id"]


def names(path):
    r = c.get(path)
    S.check(r.status == 200, f"GET {path}: 200 (got {r.status} {r.body[:200]!r})")
    return sorted(x["last_name"] for x in r.json.get("items", [])) if r.status == 200 else None


def test_like_wildcards_are_text(s):
    new_client("Pia", "Paxbo", target_groups=["immigrant"])
    new_client("Pia", "Pa_bo", target_groups=["highly_educated_immigrant"])
    new_client("Pia", "Sata%prosenttinen", target_groups=["immigrant", "youth"])
    s.check(names("/api/v1/clients?q=a_b") == ["Pa_bo"], "q=a_b finds a_b and not axb")
    s.check(names("/api/v1/clients?q=%25") == ["Sata%prosenttinen"], "q=% finds only the name with a %")
    s.check(names("/api/v1/clients?q=%25%25") == [], "q=%% matches nothing")
    s.check(names("/api/v1/clients?q=x%5Cb") == [], "q=x\\b matches nothing (a backslash is text too)")
    s.check(names("/api/v1/clients?q=paxbo") == ["Paxbo"], "plain search still works and ignores case")
    s.check(names("/api/v1/clients?target_groups=immigrant") == ["Paxbo", "Sata%prosenttinen"],
            "target_groups=immigrant matches the element, not highly_educated_immigrant")
    s.check(names("/api/v1/clients?target_groups=%25") == [], "target_groups=% matches nothing")
    s.check(names("/api/v1/clients?target_groups=_mmigrant") == [], "target_groups=_mmigrant matches nothing")
    s.check(names("/api/v1/clients?target_groups=youth") == ["Sata%prosenttinen"], "the second element matches")


def test_invalid_utf8_is_400(s):
    for path, field in [("/api/v1/clients?q=%FF", "q"), ("/api/v1/clients?q=abc%C3", "q"),
                        ("/api/v1/clients?target_groups=%E2%82", "target_groups"),
                        ("/api/v1/employers?q=%C0%AF", "q"), ("/api/v1/clients?limit=5&municipality=%80", "municipality")]:
        r = c.get(path)
        s.expect(r, 400, f"GET {path}", "invalid", field)
        if r.status == 400:
            s.check(field in r.json["error"]["message"] and "UTF-8" in r.json["error"]["message"],
                    f"the message names the parameter {field}: {r.json['error']['message']!r}")
    r = c.get("/api/v1/clients?%FF=1")
    s.expect(r, 400, "a parameter name that is not UTF-8", "invalid")
    r = Client(srv).get("/api/v1/clients?q=%FF")
    s.expect(r, 400, "anonymous: the parameter is checked before anything else", "invalid", "q")
    r = c.get("/caseload?q=%FF")
    body = r.body.decode("utf-8", "replace")
    s.check(r.status == 400 and "q" in body and "UTF-8" in body, f"a page answers 400 naming q: {r.status} {body[:300]!r}")
    s.check(names("/api/v1/clients?q=%C3%A4") is not None, "valid UTF-8 (ä) is still fine")


ok = S.run([test_like_wildcards_are_text, test_invalid_utf8_is_400])
if not ok:
    print(srv.log_text()[-3000:])
srv.stop()
sys.exit(0 if ok else 1)
