#!/bin/sh
# run.sh OSAAJA_BINARY sqlite|postgres: runs every tests/api/test_*.py against a fresh database of that store and
# prints `N passed, N failed` summed over them. For postgres, OSAAJA_TEST_PG_URL names a server (tests/pg/pg-start.sh)
# on which a new database is created per test file. Uses Debian's /usr/bin/python3 (standard library only).
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 2 ] || { echo "usage: run.sh OSAAJA_BINARY sqlite|postgres" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
kind=$2
py=/usr/bin/python3
[ -x "$py" ] || { echo "run.sh: /usr/bin/python3 is missing (apt-get install python3)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/osaaja-api.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
n=0
for t in "$here"/test_*.py; do
	n=$((n + 1))
	name=$(basename "$t" .py)
	case $kind in
	sqlite) db="$tmp/$name.db" ;;
	postgres)
		[ -n "${OSAAJA_TEST_PG_URL:-}" ] || { echo "run.sh: OSAAJA_TEST_PG_URL is not set" >&2; exit 1; }
		dbname="osaaja_api_$(date +%s)_$n"
		base=${OSAAJA_TEST_PG_URL%/*}
		if ! psql -q -X "$OSAAJA_TEST_PG_URL" -c "CREATE DATABASE $dbname TEMPLATE template0 ENCODING 'UTF8'" >/dev/null; then
			echo "run.sh: cannot create database $dbname" >&2
			failed=$((failed + 1))
			continue
		fi
		db="$base/$dbname"
		;;
	*) echo "run.sh: the store is sqlite or postgres" >&2; exit 2 ;;
	esac
	echo "== $name ($kind)"
	(cd "$here" && "$py" "$t" "$bin" "$db") >"$tmp/$name.log" 2>&1
	rc=$?
	grep -v '^- ' "$tmp/$name.log" | tail -n 40
	line=$(grep -E '^[a-z (),-_]*: [0-9]+ passed, [0-9]+ failed$' "$tmp/$name.log" | tail -n 1)
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed$/\1/')
	f=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed$/\2/')
	if [ -z "$line" ]; then
		echo "  $name printed no summary (exit $rc); counted as one failure"
		tail -n 30 "$tmp/$name.log"
		p=0
		f=1
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "api tests ($kind): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
