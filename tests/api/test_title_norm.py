#!/usr/bin/python3
"""Job-title normalisation (issue 17 item 1) through the API, on the real shipped taxonomy: the near-variant titles
of the issue map to the right occupation, and GET /api/v1/taxonomy/map-title (and the occupation search) rank exactly
as the CLI's `osaaja taxonomy map` does, for the same titles.
Usage: test_title_norm.py OSAAJA_BINARY DB"""
import json
import os
import sys
from urllib.parse import urlencode

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
S = Suite("title-norm" + (" (postgres)" if DB.startswith("postgres") else " (sqlite)"))

osaaja(BIN, "init", "--db", DB)
osaaja(BIN, "import-taxonomy", "--db", DB, os.path.join(ROOT, "data", "taxonomy"))
srv = Server(BIN, DB)

# title, lang, the expected occupation (ESCO UUID), an ISCO group that must not come first
CASES = [
    ("koodaaja", "fi", "f2b15a0e-e65a-438a-affb-29b9d50b77d1", "7536"),
    ("kouluavustaja", "fi", "00674f21-2f8f-4a41-9896-133f7cbe2a6e", "9412"),
    ("laitosapulainen", "fi", "303a1e34-cb16-4054-b323-81e5eec17397", "9311"),
    ("linja-autokuski", "fi", "00cee175-1376-43fb-9f02-ba3d7a910a58", "8332"),
    ("kokki apulainen", "fi", "e1cf6897-158d-4b48-a39e-2a3a8cac216c", "5120"),
    ("sjuksköterska", "sv", "8d3e8aaa-791b-4c75-a465-f3f827028f50", "3259"),
    ("lastbilschaufför", "sv", "45037d43-a8f5-4f46-b332-b2935bc305f4", "8322"),
    ("närvårdare", "sv", "d38c2107-98f2-47b7-8bb4-f69750d51082", None),
    ("registered nurse", "en", "8d3e8aaa-791b-4c75-a465-f3f827028f50", "5311"),
    ("kitchen helper", "en", "e1cf6897-158d-4b48-a39e-2a3a8cac216c", "3434"),
    ("cleaner", "en", "303a1e34-cb16-4054-b323-81e5eec17397", "5153"),
    ("berry picker", "en", "373db468-bd25-4b67-a6e0-4ac79d9a9e85", "9214"),
]


def cli_map(title, lang, limit):
    out = osaaja(BIN, "taxonomy", "map", title, "--lang", lang, "--limit", str(limit), "--db", DB).stdout
    return json.loads(out)


def test_known_titles(s):
    c = Client(srv)  # public: no login
    for title, lang, uuid, not_isco in CASES:
        r = c.get("/api/v1/taxonomy/map-title?" + urlencode({"title": title, "lang": lang, "limit": 3}))
        if not s.expect(r, 200, f"map-title {title}"):
            continue
        top = r.json["items"][0]
        s.check(top["uri"].endswith(uuid), f"{title} ({lang}) maps to {uuid}, got {top['label']} ({top['uri']})")
        if not_isco:
            s.check(top["isco"] != not_isco, f"{title} ({lang}) is not ISCO {not_isco}")


def test_route_ranks_as_cli(s):
    c = Client(srv)
    titles = [(t, l) for t, l, _, _ in CASES] + [("hitsari", "fi"), ("Senior Software Engineer (m/f/d)", "en"),
                                                 ("undersköterska", "sv"), ("myyjä", "fi"), ("bussförare", "sv")]
    for title, lang in titles:
        cli = cli_map(title, lang, 10)
        r = c.get("/api/v1/taxonomy/map-title?" + urlencode({"title": title, "lang": lang, "limit": 10}))
        if not s.expect(r, 200, f"map-title {title}"):
            continue
        api = [(h["uri"], round(h["score"], 4)) for h in r.json["items"]]
        want = [(h["uri"], round(h["score"], 4)) for h in cli["hits"]]
        s.check(api == want, f"{title} ({lang}): the route ranks as the CLI ({len(api)} hits)")
        s.check(r.json["mapped"] == cli["mapped"], f"{title} ({lang}): mapped agrees")
        r = c.get("/api/v1/taxonomy/search?" + urlencode({"q": title + " ", "lang": lang, "kind": "occupation",
                                                        "limit": 10}))
        out = osaaja(BIN, "taxonomy", "search", title + " ", "--lang", lang, "--kind", "occupation", "--limit", "10",
                     "--db", DB).stdout
        want = [(h["uri"], round(h["score"], 4)) for h in json.loads(out)]
        s.check(r.status == 200 and [(h["uri"], round(h["score"], 4)) for h in r.json["items"]] == want,
                f"{title} ({lang}): occupation search ranks as the CLI")


S.run([test_known_titles, test_route_ranks_as_cli])
rc = srv.stop()
S.check(rc == 0, f"server stopped cleanly (exit {rc})")
print(f"{S.name}: {S.passed} passed, {S.failed} failed")
sys.exit(0 if S.failed == 0 else 1)
