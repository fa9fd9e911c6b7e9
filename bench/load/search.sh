#!/bin/sh
# search.sh [-n CLIENTS] [-d SECONDS] [--pg URL] [OSAAJA_BINARY]: the client search at a large population (not a CI
# test). Makes a database with CLIENTS clients (default 300000; SQLite in a temporary folder, or the empty PostgreSQL
# database URL) written straight into the clients table (about 250 surnames, some names in Cyrillic and Thai), fills
# the search index the way an upgraded installation does (the backfill of migration 0008, timed), starts
# `osaaja serve` and runs wrk (64 connections, SECONDS each, default 10) on GET /api/v1/clients?q=... for a common
# surname, a surname and a first name, a prefix, a Latin spelling of a Cyrillic name, and a word nobody has.
# Prints requests/s, p50, p99 and the number of matches. Needs wrk. KEEP=1 keeps the temporary folder (the database).
set -u
n=300000
dur=10
pg=""
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift 2 ;;
	-d) dur=$2; shift 2 ;;
	--pg) pg=$2; shift 2 ;;
	*) break ;;
	esac
done
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/osaaja}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/osaaja-search.XXXXXX")
srv_pid=""
cleanup() {
	[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null
	[ -n "${KEEP:-}" ] && echo "search.sh: kept $tmp" >&2 || rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
db=${pg:-$tmp/search.db}
pw="Haku-kuorma-2026-x"
"$bin" init --db "$db" >/dev/null 2>&1 || { echo "search.sh: init failed" >&2; exit 1; }
org=$("$bin" user add-org --db "$db" --name "Hakutesti" --kind municipality 2>/dev/null)
"$bin" user add --db "$db" --email load@test.example.fi --name Load --role counsellor --org "$org" --password "$pw" >/dev/null 2>&1
# The clients straight into the table; the search index is asked to be filled (bench/load/clients.sh).
"$here/clients.sh" "$db" "$org" "$n" "$tmp" || exit 1
t0=$(date +%s.%N)
"$bin" user list --db "$db" >/dev/null 2>&1 || { echo "search.sh: the backfill failed" >&2; exit 1; }
t1=$(date +%s.%N)
[ -z "$pg" ] && /usr/bin/python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("ANALYZE"); c.commit()' "$db"
echo "$n clients; search index backfill: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
cd "$root"
"$bin" serve --db "$db" --port 0 --port-file "$tmp/port" >"$tmp/server.log" 2>&1 &
srv_pid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 3000 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$tmp/port" ] || { echo "search.sh: the server did not start" >&2; tail "$tmp/server.log" >&2; exit 1; }
base="http://127.0.0.1:$(cat "$tmp/port")"
token=$(/usr/bin/python3 - "$base" "$pw" <<'PY'
import json, sys, urllib.request
base, pw = sys.argv[1], sys.argv[2]
req = urllib.request.Request(base + "/api/v1/session", method="POST", headers={"Content-Type": "application/json"},
                             data=json.dumps({"email": "load@test.example.fi", "password": pw}).encode())
with urllib.request.urlopen(req) as r:
    cookie, csrf = r.headers["Set-Cookie"].split(";")[0], json.loads(r.read())["csrf_token"]
req = urllib.request.Request(base + "/api/v1/tokens", method="POST", data=json.dumps({"label": "load"}).encode(),
                             headers={"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": csrf})
with urllib.request.urlopen(req) as r:
    print(json.loads(r.read())["token"])
PY
)
auth="Authorization: Bearer $token"
bad=0
printf '%-30s %8s %9s %8s %8s | %s\n' "q=" matches "req/s" p50 p99 "in the server: p50 p99 (ms)"
for q in korhonen "virtanen%20matti" kor petrov smchay zzzzqx; do
	total=$(curl -s -H "$auth" "$base/api/v1/clients?q=$q&limit=20" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin).get("total", "?"))')
	from=$(wc -l <"$tmp/server.log")
	wrk -t2 -c64 -d"${dur}s" --latency -H "$auth" "$base/api/v1/clients?q=$q&limit=20" >"$tmp/wrk.out" 2>&1
	# the handling time the server logs (ms=), without the wait in the queue of 64 connections
	srv=$(tail -n +"$((from + 1))" "$tmp/server.log" | grep 'event=request method=GET' | sed -n 's/.* ms=\([0-9.]*\).*/\1/p' |
		sort -n | awk '{a[NR] = $1} END { if (NR) printf "%s %s", a[int(NR * 0.5) + 1], a[int(NR * 0.99) + 1]; else print "- -" }')
	rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/wrk.out")
	p50=$(awk '$1 == "50%" {print $2}' "$tmp/wrk.out")
	p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk.out")
	errs=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$tmp/wrk.out")
	non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$tmp/wrk.out")
	printf '%-30s %8s %9s %8s %8s | %s\n' "$q" "$total" "$rps" "$p50" "$p99" "$srv"
	[ "${errs:-0}" != 0 ] || [ "${non2xx:-0}" != 0 ] && { echo "  $q: ${errs:-0} socket errors, ${non2xx:-0} non-2xx"; bad=$((bad + 1)); }
done
exit $((bad > 0))
