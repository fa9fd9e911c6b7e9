#!/bin/sh
# clients.sh DB ORG N TMPDIR: writes N generated clients of organisation ORG straight into the clients table of DB (a
# SQLite file, or a PostgreSQL URL: psql \copy), and asks for the search index to be filled (search_backfill: the next
# `osaaja` command fills it). About 250 surnames, 100 first names, 2 % of the names in Cyrillic and 1 % in Thai,
# every second client with an e-mail; the same population for the same N (seeded). For bench/load/*.sh.
set -u
[ $# -eq 4 ] || { echo "usage: clients.sh DB ORG N TMPDIR" >&2; exit 2; }
db=$1 org=$2 n=$3 tmp=$4
# The clients, as CSV, then into the table (sqlite3 module or psql \copy); the search index is asked to be filled.
/usr/bin/python3 - "$n" "$org" "$tmp/clients.csv" <<'PY'
import csv, random, sys
n, org, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(18)
base = ["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen",
        "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Heikkilä", "Kinnunen",
        "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila",
        "Savolainen", "Lahtinen", "Ahonen"]
syl = ["ka", "ko", "la", "le", "ma", "mi", "na", "no", "pa", "pe", "ra", "ri", "sa", "so", "ta", "tu", "va", "vi"]
last = base + sorted({random.choice(syl).title() + random.choice(syl) + random.choice(syl) + "nen" for _ in range(400)})[:220]
first = ["Matti", "Anna", "Juha", "Maria", "Mikko", "Liisa", "Timo", "Aino", "Jari", "Sari", "Äijä", "Öyvind",
         "Ahmed", "Fatuma", "Olena", "Somchai", "Mohamed", "Hanna", "Pekka", "Tiina", "Ville", "Elina", "Kari",
         "Laura", "Antti", "Emma", "Jussi", "Sanna", "Petri", "Katja"] + [f"Nimi{i}" for i in range(70)]
cyr = [("Иван", "Петров"), ("Ольга", "Смирнова"), ("Дмитрий", "Иванов"), ("Анна", "Кузнецова")]
thai = [("สมชาย", "ใจดี"), ("สมศรี", "มีสุข")]
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    for i in range(n):
        r = random.random()
        fn, ln = random.choice(cyr) if r < 0.02 else random.choice(thai) if r < 0.03 else (random.choice(first), random.choice(last))
        email = f"asiakas{i}@example.org" if i % 2 else ""
        w.writerow([org, fn, ln, email, "Vantaa", "active", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"])
PY
cols="organisation_id, first_name, last_name, email, municipality, status, created_at, updated_at"
case $db in
postgres://* | postgresql://*)
	psql -X -q "$db" -c "\\copy clients ($cols) FROM '$tmp/clients.csv' WITH (FORMAT csv)" || exit 1
	psql -X -q "$db" -c "UPDATE clients SET email = NULL WHERE email = ''; INSERT INTO search_backfill (entity) VALUES ('clients'); ANALYZE" || exit 1
	;;
*)
	/usr/bin/python3 - "$db" "$tmp/clients.csv" "$cols" <<'PY' || exit 1
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
with open(sys.argv[2]) as f:
    rows = [[x or None for x in r] for r in csv.reader(f)]
con.executemany(f"INSERT INTO clients ({sys.argv[3]}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
con.execute("INSERT INTO search_backfill (entity) VALUES ('clients')")
con.commit()
PY
;;
esac
