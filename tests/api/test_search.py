#!/usr/bin/python3
"""Client search through the index (issue 18 item 2, issue 13 item 9): accents and case ignored, names in Cyrillic,
Thai and Arabic found by their Latin spelling (shown beside the name on the caseload and the client page), a word
found from any part of a word, several words all required, only the own organisation's clients, no word of an erased
client left in the index, no search into what the viewer may not read; the caseload sorts and pages in the database
beyond 500 clients.
Usage: test_search.py OSAAJA_BINARY DB (a new SQLite file path, or an empty PostgreSQL database URL)."""
import re
import sqlite3
import subprocess
import sys

from harness import Client, Server, Suite, osaaja

BIN, DB = sys.argv[1], sys.argv[2]
IS_PG = DB.startswith("postgres")
PW = "Haku-testi-2026-x"


def sql(statement):
    """Runs one SQL statement on the test database (inspection only)."""
    if IS_PG:
        r = subprocess.run(["psql", "-X", "-q", "-At", DB, "-c", statement], capture_output=True, text=True, timeout=60)
        if r.returncode:
            raise RuntimeError(r.stderr)
        return [line.split("|") for line in r.stdout.splitlines() if line]
    con = sqlite3.connect(DB, timeout=30)
    try:
        rows = con.execute(statement).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


osaaja(BIN, "init", "--db", DB)
org = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Haku", "--kind", "municipality").stdout.strip()
org2 = osaaja(BIN, "user", "add-org", "--db", DB, "--name", "Toinen", "--kind", "municipality").stdout.strip()
for email, role, o in [("c@haku.fi", "counsellor", org), ("k@haku.fi", "coordinator", org),
                       ("e@haku.fi", "employer", org), ("m@haku.fi", "manager", org), ("o@haku.fi", "counsellor", org2)]:
    osaaja(BIN, "user", "add", "--db", DB, "--email", email, "--name", role.title(), "--role", role, "--org", o,
           "--password", PW)
srv = Server(BIN, DB)
S = Suite("search" + (" (postgres)" if IS_PG else " (sqlite)"))
c = Client(srv)
c.login("c@haku.fi", PW)
IDS = {}


def new_client(first, last, cl=None, **extra):
    r = (cl or c).post("/api/v1/clients", {"first_name": first, "last_name": last, **extra})
    S.expect(r, 201, f"create client {first} {last}")
    IDS[f"{first} {last}"] = r.json["id"]
    return r.json["id"]


def found(q, cl=None):
    from urllib.parse import quote
    r = (cl or c).get("/api/v1/clients?limit=100&q=" + quote(q))
    S.check(r.status == 200, f"GET ?q={q}: 200 (got {r.status} {r.body[:200]!r})")
    return sorted(f"{x['first_name']} {x['last_name']}" for x in r.json.get("items", [])) if r.status == 200 else None


def test_accents_and_case(s):
    new_client("Äijä", "Äijälä", email="aija.aijala@example.fi")
    new_client("Øystein", "Müller-Lüdenscheidt")
    new_client("Nguyễn", "Văn An")
    new_client("Matti", "Virtanen", email="matti.v@example.org")
    s.check(found("aijala") == ["Äijä Äijälä"], "aijala finds Äijälä")
    s.check(found("ÄIJÄLÄ") == ["Äijä Äijälä"], "ÄIJÄLÄ finds Äijälä")
    s.check(found("AIJA") == ["Äijä Äijälä"], "AIJA finds Äijä (the first name, and the start of Äijälä)")
    s.check(found("oystein") == ["Øystein Müller-Lüdenscheidt"], "oystein finds Øystein")
    s.check(found("ludenscheidt") == ["Øystein Müller-Lüdenscheidt"], "the second part of a double name")
    s.check(found("nguyen") == ["Nguyễn Văn An"], "nguyen finds Nguyễn")
    s.check(found("virtanen") == ["Matti Virtanen"], "plain ASCII")
    s.check(found("zzzz") == [], "nothing for a word no client has")


def test_other_scripts(s):
    new_client("Иван", "Петров")
    new_client("สมชาย", "ใจดี")
    new_client("محمد", "علي")
    s.check(found("ivan") == ["Иван Петров"], "a Latin spelling finds a Cyrillic name")
    s.check(found("Ivan Petrov") == ["Иван Петров"], "both words of the Latin spelling")
    s.check(found("Петров") == ["Иван Петров"], "the name as written finds it too")
    s.check(found("smchay") == ["สมชาย ใจดี"], "the Latin spelling of a Thai name finds it")
    s.check(found("mhmd") == ["محمد علي"], "the Latin spelling of an Arabic name finds it")


def test_parts_and_words(s):
    new_client("Anna-Liisa", "Korhonen", email="al.korhonen@posti.fi")
    new_client("Anna", "Korpela")
    s.check(found("kor") == ["Anna Korpela", "Anna-Liisa Korhonen"], "a prefix finds both")
    s.check(found("honen") == ["Anna-Liisa Korhonen"], "a part inside a word finds it")
    s.check(found("anna korh") == ["Anna-Liisa Korhonen"], "two words: both must match")
    s.check(found("korh anna") == ["Anna-Liisa Korhonen"], "in any order")
    s.check(found("liisa") == ["Anna-Liisa Korhonen"], "a part of a hyphenated name")
    s.check(found("posti") == ["Anna-Liisa Korhonen"], "the e-mail is searched")
    s.check(found("anna zzz") == [], "a word that does not match excludes the client")
    s.check(found("- .") == [], "a query of separators only finds nothing")
    # an update re-indexes: the old name is no longer found, the new one is
    cid = IDS["Anna Korpela"]
    r = c.get(f"/api/v1/clients/{cid}")
    r = c.patch(f"/api/v1/clients/{cid}", {"last_name": "Järvinen"}, headers={"If-Match": r.headers.get("ETag", "")})
    s.expect(r, 200, "rename Korpela to Järvinen")
    s.check(found("korpela") == [], "the old name is no longer found")
    s.check(found("jarvinen") == ["Anna Järvinen"], "the new name is found, folded")
    s.check(found("Anna") == ["Anna Järvinen", "Anna-Liisa Korhonen"], "the unchanged first name still found")


def test_organisation_scope(s):
    o = Client(srv)
    o.login("o@haku.fi", PW)
    new_client("Ivan", "Toinen", cl=o)
    s.check(found("ivan", o) == ["Ivan Toinen"], "the other organisation finds only its own Ivan")
    s.check(found("ivan") == ["Иван Петров"], "and this organisation only its own")
    s.check(found("toinen") == [], "a name of the other organisation is not found here")


def test_field_privacy(s):
    k = Client(srv)
    k.login("k@haku.fi", PW)
    s.check(found("aijala", k) == ["Äijä Äijälä"], "a coordinator (reads names) finds by name")
    for email in ("e@haku.fi", "m@haku.fi"):
        x = Client(srv)
        x.login(email, PW)
        r = x.get("/api/v1/clients?q=aijala")
        s.check(r.status in (403, 404), f"{email} (no client data) cannot search clients ({r.status})")
    # fields that are not searchable (phone, strengths) are not in the index
    new_client("Saara", "Salainen", phone="+358 40 111 2233", strengths="Uniquewordxyz in warehouses")
    s.check(found("uniquewordxyz") == [], "a word of a free-text field is not searchable")
    s.check(found("2233") == [], "the phone is not searchable")
    fields = {row[0] for row in sql("SELECT DISTINCT field FROM search_terms")}
    s.check(fields <= {"first_name", "last_name", "email"}, f"only the searchable fields are indexed ({fields})")


def test_erasure_removes_terms(s):
    cid = new_client("Zyxwortti", "Quorblenko", email="zyx.quorb@example.org")
    s.check(found("quorblenko") == ["Zyxwortti Quorblenko"], "found before the erasure")
    n = sql(f"SELECT COUNT(*) FROM search_terms WHERE row_id = {cid}")[0][0]
    s.check(int(n) > 0, f"the index has terms of the client ({n})")
    r = c.post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"})
    s.expect(r, 200, "erase")
    n = sql(f"SELECT COUNT(*) FROM search_terms WHERE row_id = {cid}")[0][0]
    s.check(int(n) == 0, f"no term of the erased client is left ({n})")
    left = sql("SELECT COUNT(*) FROM search_terms WHERE term LIKE '%quorb%' OR term LIKE '%zyxwortti%'")[0][0]
    s.check(int(left) == 0, "no part of the name or the e-mail is left in the index")
    s.check(found("quorblenko") == [], "not found after the erasure")


def test_caseload_pages_in_database(s):
    # 530 more clients: more than the old 500-row cap; the caseload counts them all and pages to the last one
    for i in range(530):
        r = c.post("/api/v1/clients", {"first_name": f"Sarja{i:03d}", "last_name": "Zetterberg"})
        assert r.status == 201, r.body
    r = c.get("/caseload?q=zetterberg")
    s.check(r.status == 200, "caseload search answers")
    body = r.body.decode()
    m = re.search(r'class="result-count"[^>]*>[^<]*?([\d\s\u00a0\u202f]+)', body)
    count = int(re.sub(r"\D", "", m.group(1))) if m else -1
    s.check(count == 530, f"the caseload counts all 530 matches, not 500 ({count})")
    r = c.get("/caseload?q=zetterberg&page=22")  # 530 / 25 = 22 pages
    body = r.body.decode()
    s.check("Sarja529" in body and "Sarja525" in body and "Sarja524" not in body,
            "the last page shows the last clients in name order")
    r = c.get("/caseload?q=zetterberg&sort=name&dir=desc")
    body = r.body.decode()
    s.check("Sarja529" in body and "Sarja000" not in body, "descending order from the database")
    s.check('aria-current="page">1<' in body and ">22<" in body, "the pager links to the last page")
    r = c.get("/caseload?q=ivan%20petrov")
    body = r.body.decode()
    s.check("Петров Иван" in body and "(Petrov Ivan)" in body, "the caseload shows the Latin spelling beside")
    r = c.get(f"/clients/{IDS['Иван Петров']}")
    s.check("(Ivan Petrov)" in r.body.decode(), "the client page shows the Latin spelling beside the name")
    r = c.get(f"/clients/{IDS['Matti Virtanen']}")
    s.check('class="translit"' not in r.body.decode(), "no Latin spelling beside a Latin name")


def test_backfill(s):
    """A database from before the index: the terms are deleted and the backfill request put back by hand, as
    migration 0008 leaves it; the next start of the program fills the index from the clients."""
    sql("DELETE FROM search_terms")
    sql("INSERT INTO search_backfill (entity) VALUES ('clients')")
    s.check(found("aijala") == [], "with an empty index nothing is found")
    osaaja(BIN, "user", "list", "--db", DB, check=False)  # any command migrates, and so backfills
    s.check(int(sql("SELECT COUNT(*) FROM search_backfill")[0][0]) == 0, "the backfill request is done")
    s.check(found("aijala") == ["Äijä Äijälä"], "found again after the backfill")
    s.check(found("ivan petrov") == ["Иван Петров"], "a transliterated name too")


ok = S.run([test_accents_and_case, test_other_scripts, test_parts_and_words, test_organisation_scope,
            test_field_privacy, test_erasure_removes_terms, test_caseload_pages_in_database, test_backfill])
if not ok:
    print(srv.log_text()[-3000:])
srv.stop()
sys.exit(0 if ok else 1)
