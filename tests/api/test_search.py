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


def test_accents_both_ways(s):
    new_client("Jörö", "Pöllänen")
    new_client("Joro", "Pollanen", email="joro.p@example.fi")
    both = ["Joro Pollanen", "Jörö Pöllänen"]
    s.check(found("pollanen") == both, "an unaccented query finds the accented and the plain name")
    s.check(found("Pöllänen") == both, "an accented query finds the plain name too")
    s.check(found("PÖLLÄ") == both, "an accented prefix in capitals finds both")
    s.check(found("jörö pollanen") == both, "accents mixed within one query")


def test_transliterations(s):
    new_client("Ольга", "Петрова")
    new_client("Фёдор", "Щукин")
    new_client("Олена", "Ковальчук")
    new_client("فاطمة", "الزهراء")
    new_client("สมศรี", "มีสุข")
    new_client("Μαρία", "Παπαδοπούλου")
    new_client("Siobhán", "O'Brien")
    s.check(found("olga petrova") == ["Ольга Петрова"], "olga petrova finds Ольга Петрова (the soft sign does not split)")
    s.check(found("Ольга Петрова") == ["Ольга Петрова"], "and so does the name as written")
    s.check(found("ольга") == ["Ольга Петрова"], "in lower case too")
    s.check(found("olha") == ["Ольга Петрова"], "the Ukrainian passport spelling finds her too")
    s.check(found("shchukin") == ["Фёдор Щукин"], "the passport spelling (BGN) of Щукин finds him")
    s.check(found("sukin") == ["Фёдор Щукин"], "the scholarly spelling (ICU) too")
    s.check(found("fedor") == ["Фёдор Щукин"], "ё as e")
    s.check(found("kovalchuk") == ["Олена Ковальчук"], "kovalchuk finds Ковальчук")
    s.check(found("olena") == ["Олена Ковальчук"], "olena finds Олена")
    s.check(found("fatmt") == ["فاطمة الزهراء"], "the Latin spelling of an Arabic name finds it")
    s.check(found("الزهراء") == ["فاطمة الزهراء"], "the Arabic name as written finds it")
    s.check(found("smsri") == ["สมศรี มีสุข"], "the Latin spelling of a Thai name finds it")
    s.check(found("มีสุข") == ["สมศรี มีสุข"], "the Thai name as written finds it")
    s.check(found("papadopoulou") == ["Μαρία Παπαδοπούλου"], "a Greek name by its Latin spelling")
    s.check(found("Παπαδοπούλου") == ["Μαρία Παπαδοπούλου"], "and as written, accents ignored")
    s.check(found("obrien") == ["Siobhán O'Brien"], "O'Brien is one word: obrien finds it")
    s.check(found("o'brien") == ["Siobhán O'Brien"], "and so does o'brien")
    s.check(found("O’Brien") == ["Siobhán O'Brien"], "a typographic apostrophe is the same")
    s.check(found("brien siobhan") == ["Siobhán O'Brien"], "a part of the word, with the first name")


def test_inside_compounds(s):
    new_client("Helmi", "Ylä-Kärppä")
    new_client("Veikko", "Mäkijärvi-Östman")
    s.check(found("karppa") == ["Helmi Ylä-Kärppä"], "the part after a hyphen")
    s.check(found("ärpp") == ["Helmi Ylä-Kärppä"], "the middle of a word, accented")
    s.check(found("jarvi") == ["Veikko Mäkijärvi-Östman"], "the middle of a compound word")
    s.check(found("ostman") == ["Veikko Mäkijärvi-Östman"], "the second part of a double name")
    s.check(found("kijarvi-ost") == ["Veikko Mäkijärvi-Östman"], "a query across the hyphen (two words)")


def listed(path, cl=None):
    r = (cl or c).get(path)
    ok = r.status == 200
    return (r.status, [f"{x['first_name']} {x['last_name']}" for x in r.json["items"]] if ok else None,
            r.json.get("total") if ok else None, r)


def test_filters_sort_and_q(s):
    rows = [("Aamu", "active", "2026-03-01"), ("Ilta", "active", "2026-05-01"), ("Yö", "paused", "2026-06-01"),
            ("Päivä", "active", "2026-04-01"), ("Hämärä", "active", None), ("Keskipäivä", "employed", "2026-02-01")]
    for first, status, intake in rows:
        extra = {"status": status}
        if intake:
            extra["intake_on"] = intake
        new_client(first, "Suodatinen", **extra)
    st, names, total, _ = listed("/api/v1/clients?q=suodatinen&status=active&sort=intake_on&dir=desc&limit=100")
    s.check(st == 200 and names == ["Ilta Suodatinen", "Päivä Suodatinen", "Aamu Suodatinen", "Hämärä Suodatinen"],
            f"q + filter + sort descending, no date last ({st} {names})")
    s.check(total == 4, f"the total counts the filtered matches ({total})")
    st, names, total, _ = listed("/api/v1/clients?q=suodatinen&status=active&sort=intake_on&limit=2&offset=1")
    s.check(names == ["Päivä Suodatinen", "Ilta Suodatinen"] and total == 4,
            f"ascending, a page of 2 from the second ({names}, {total})")
    st, names, total, _ = listed("/api/v1/clients?q=suodatinen&sort=status,first_name&limit=100")
    s.check(names == ["Aamu Suodatinen", "Hämärä Suodatinen", "Ilta Suodatinen", "Päivä Suodatinen",
                      "Keskipäivä Suodatinen", "Yö Suodatinen"], f"two sort fields ({names})")
    st, names, total, _ = listed("/api/v1/clients?q=suodatinen%20paiva&status=active")
    s.check(names == ["Päivä Suodatinen"], f"two words and a filter ({names})")
    for q, field in (("sort=work_hours_max", "sort"), ("sort=strengths", "sort"), ("sort=nosuchfield", "sort"),
                     ("sort=", "sort"), ("sort=a,b,c,d,e", "sort"), ("dir=sideways", "dir")):
        r = c.get("/api/v1/clients?q=suodatinen&" + q)
        s.check(r.status == 400 and r.json["error"].get("field") == field, f"{q}: 400 on {field} ({r.status})")
    r = c.get("/api/v1/clients?sort=work_hours_max")
    s.check(r.status == 400 and r.json["error"].get("key") == "sort_field",
            "no sort by a value the role may not read on every row (key sort_field)")
    r = c.get("/caseload?q=suodatinen&status=active&sort=intake_on&dir=desc")
    body = r.body.decode()
    pos = [body.find(f"Suodatinen {n}") for n in ("Ilta", "Päivä", "Aamu", "Hämärä")]
    s.check(r.status == 200 and -1 not in pos and pos == sorted(pos) and "Suodatinen Yö" not in body,
            f"the caseload: q + status + sort by intake descending ({pos})")


def caseload_names(query):
    r = c.get("/caseload?" + query)
    body = r.body.decode()
    m = re.search(r'class="result-count"[^>]*>[^<]*?([\d\s\u00a0\u202f]+)', body)
    count = int(re.sub(r"\D", "", m.group(1))) if m else -1
    return r.status, sorted(set(re.findall(r">Taitonen (\w+)<", body))), count


def test_caseload_child_search(s):
    """The caseload's search by skill, occupation and language: a condition of the same statement (no list of ids)."""
    ids = {n: new_client(n, "Taitonen", **extra) for n, extra in
           (("Aapo", {"mother_tongue": "so"}), ("Bertta", {"mother_tongue": "fi"}), ("Cecilia", {}), ("Daavid", {}))}
    rows = [("client-skills", "Aapo", {"label": "Forklift driving", "evidence": "credential"}),
            ("target-occupations", "Aapo", {"title": "Varastotyöntekijä"}),
            ("client-languages", "Aapo", {"language": "en", "level": "B2"}),
            ("client-skills", "Bertta", {"label": "Forklift safety", "evidence": "self_declared"}),
            ("work-history", "Bertta", {"title": "Varastotyöntekijä", "start_year": 2019}),
            ("client-languages", "Cecilia", {"language": "so", "level": "A1"}),
            ("client-skills", "Daavid", {"label": "Welding", "evidence": "self_declared"})]
    for entity, who, body in rows:
        s.expect(c.post(f"/api/v1/{entity}", {"client_id": ids[who], **body}), 201, f"{entity} of {who}")
    r = c.post("/api/v1/client-skills", {"client_id": ids["Daavid"], "label": "Forklift", "evidence": "self_declared"})
    s.expect(r, 201, "a forklift skill of Daavid, to be archived")
    s.expect(c.delete(f"/api/v1/client-skills/{r.json['id']}"), 200, "archive it")
    s.check(caseload_names("skill=forklift") == (200, ["Aapo", "Bertta"], 2), "skill: the two with a forklift skill "
            f"(an archived skill row does not count) {caseload_names('skill=forklift')}")
    s.check(caseload_names("occupation=varasto") == (200, ["Aapo", "Bertta"], 2),
            "occupation: aimed at (target) or worked in (work history)")
    s.check(caseload_names("language=so") == (200, ["Aapo", "Cecilia"], 2),
            "language: spoken (client-languages) or the mother tongue")
    s.check(caseload_names("language=somali") == (200, ["Aapo", "Cecilia"], 2), "the language by its name")
    s.check(caseload_names("skill=forklift&language=so") == (200, ["Aapo"], 1), "skill and language: both must hold")
    s.check(caseload_names("skill=forklift&q=bertta") == (200, ["Bertta"], 1), "with the name search")
    s.check(caseload_names("skill=forklift&sort=name&dir=desc")[1] == ["Aapo", "Bertta"], "and sorted")
    s.check(caseload_names("skill=weld&occupation=varasto") == (200, [], 0), "no client has both")


def test_concurrent_searches(s):
    import threading
    k = Client(srv)
    k.login("k@haku.fi", PW)
    queries = [("aijala", ["Äijä Äijälä"]), ("olga petrova", ["Ольга Петрова"]), ("pollanen",
               ["Joro Pollanen", "Jörö Pöllänen"]), ("shchukin", ["Фёдор Щукин"]), ("zzzz", [])]
    bad = []

    def run(i):
        from urllib.parse import quote
        cl = c if i % 2 else k
        for j in range(12):
            q, want = queries[(i + j) % len(queries)]
            r = cl.get("/api/v1/clients?limit=50&sort=last_name&q=" + quote(q))
            got = sorted(f"{x['first_name']} {x['last_name']}" for x in r.json["items"]) if r.status == 200 else None
            if r.status != 200 or got != want:
                bad.append((q, r.status, got))
    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    s.check(not bad, f"96 searches from 8 threads at once: all 200 with the right clients ({bad[:3]})")


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
    # a name in Cyrillic has terms in three spellings: the erasure removes them all
    cid = new_client("Юлия", "Щербакова")
    s.check(found("shcherbakova") == ["Юлия Щербакова"] and found("yuliya") == ["Юлия Щербакова"],
            "found by its passport spellings before the erasure")
    r = c.post(f"/api/v1/clients/{cid}/erase", {"reason": "client_request"})
    s.expect(r, 200, "erase the Cyrillic-named client")
    n = sql(f"SELECT COUNT(*) FROM search_terms WHERE row_id = {cid} OR term LIKE 'shcherb%' OR term LIKE 'serbak%'")
    s.check(int(n[0][0]) == 0, f"no term of any spelling is left ({n[0][0]})")
    s.check(found("shcherbakova") == [] and found("Щербакова") == [], "not found in any spelling after the erasure")


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
    r = c.get("/caseload?q=zetterberg&page=21")  # clients 501..525 of 530, 25 a page
    body = r.body.decode()
    pos = [body.find(f"Zetterberg Sarja{i:03d}<") for i in range(500, 525)]
    s.check(-1 not in pos and pos == sorted(pos) and "Sarja499<" not in body and "Sarja525<" not in body,
            "page 21 lists clients 501..525 in name order")
    s.check('aria-current="page">21<' in body, "page 21 is the current page")
    m = re.search(r'class="result-count"[^>]*>[^<]*?([\d\s\u00a0\u202f]+)', body)
    s.check(m and int(re.sub(r"\D", "", m.group(1))) == 530, "the total on page 21 is still 530")
    st, names, total, _ = listed("/api/v1/clients?q=zetterberg&sort=first_name&limit=25&offset=500")
    s.check(names == [f"Sarja{i:03d} Zetterberg" for i in range(500, 525)] and total == 530,
            f"the API pages past 500 the same way ({total}, {names[:2] if names else names})")
    st, names, total, _ = listed("/api/v1/clients?q=zetterberg&sort=first_name&dir=desc&limit=3&offset=527")
    s.check(names == ["Sarja002 Zetterberg", "Sarja001 Zetterberg", "Sarja000 Zetterberg"],
            f"the last page descending ({names})")
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


ok = S.run([test_accents_and_case, test_other_scripts, test_accents_both_ways, test_transliterations,
            test_inside_compounds, test_filters_sort_and_q, test_caseload_child_search, test_concurrent_searches,
            test_parts_and_words, test_organisation_scope, test_field_privacy, test_erasure_removes_terms, test_caseload_pages_in_database,
            test_backfill])
if not ok:
    print(srv.log_text()[-3000:])
srv.stop()
sys.exit(0 if ok else 1)
