#!/bin/sh
# test_migrate_demo.sh OSAAJA_BINARY: the whole demo installation (taxonomy + demo data) moved SQLite -> PostgreSQL ->
# SQLite with `osaaja migrate-store`, which verifies row counts and checksums per table; then a server on the
# PostgreSQL copy logs in a demo user and reads the same client as the original. Starts its own PostgreSQL.
# Prints `N passed, N failed`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/osaaja-migdemo.XXXXXX")
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/osaaja-pg.XXXXXX")
rmdir "$pgdir"
passed=0
failed=0
check() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $2"; fi; }
cleanup() { "$here/pg-stop.sh" "$pgdir" >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT

url=$("$here/pg-start.sh" "$pgdir") || { echo "cannot start PostgreSQL"; echo "0 passed, 1 failed"; exit 1; }
"$bin" init --db "$tmp/demo.db" >/dev/null 2>&1
"$bin" import-taxonomy --db "$tmp/demo.db" "$root/data/taxonomy" >/dev/null 2>&1
"$bin" demo --db "$tmp/demo.db" --json >"$tmp/logins.json" 2>/dev/null
check $? "demo data set"
"$bin" migrate-store --from "sqlite:$tmp/demo.db" --to "$url" >"$tmp/to-pg.log" 2>&1
check $? "migrate-store SQLite -> PostgreSQL (counts and checksums)"
tail -n 5 "$tmp/to-pg.log"
"$bin" migrate-store --from "$url" --to "sqlite:$tmp/back.db" >"$tmp/back.log" 2>&1
check $? "migrate-store PostgreSQL -> SQLite (counts and checksums)"
for t in clients outcomes service_events users tax_labels; do
	a=$(sqlite3 "$tmp/demo.db" "SELECT COUNT(*) FROM $t")
	b=$(sqlite3 "$tmp/back.db" "SELECT COUNT(*) FROM $t")
	[ "$a" = "$b" ] && [ "$a" -gt 0 ]
	check $? "round trip keeps $t ($a vs $b rows)"
done
"$bin" audit verify --db "$url" >/dev/null 2>&1
check $? "the audit chain verifies on PostgreSQL"
/usr/bin/python3 "$here/migrate_demo_check.py" "$bin" "$url" "$tmp/demo.db" "$tmp/logins.json"
check $? "a server on the PostgreSQL copy serves the same client as the original"
echo "migrate demo: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
