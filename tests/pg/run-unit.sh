#!/bin/sh
# run-unit.sh BUILD_DIR [meson test options]: starts a throwaway PostgreSQL (pg-start.sh), runs the unit suite of
# BUILD_DIR with OSAAJA_TEST_PG_URL set so the store tests (round trips, LISTEN/NOTIFY, reconnect, concurrent
# migrations, migrate-store SQLite -> PostgreSQL -> SQLite) cover PostgreSQL as well as SQLite, stops the server,
# and exits non-zero if anything failed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: run-unit.sh BUILD_DIR [meson test options]" >&2; exit 2; }
build=$1
shift
dir=$(mktemp -d "${TMPDIR:-/tmp}/osaaja-pg.XXXXXX")
rmdir "$dir"
url=$("$here/pg-start.sh" "$dir")
trap '"$here/pg-stop.sh" "$dir"' EXIT
export OSAAJA_TEST_PG_URL="$url"
rc=0
meson test -C "$build" --suite unit --print-errorlogs "$@" || rc=1
if [ $rc -eq 0 ]; then echo "run-unit: all passed (PostgreSQL at $url)"; else echo "run-unit: FAILED"; fi
exit $rc
