#!/bin/bash
# Browser tests of the staff pages. Builds nothing: give it the osaaja binary.
#   tests/e2e/run.sh build-x/osaaja
# Makes a temporary SQLite database with two organisations and their users (osaaja user ...), starts
# `osaaja serve --port 0`, and runs e2e.mjs (playwright-core + Debian's /usr/bin/chromium, axe-core) against it.
# Screenshots go to tests/e2e/screenshots/ (git-ignored). Ends with "N passed, N failed"; non-zero on any failure.
set -u
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 PATH/TO/osaaja" >&2
	echo "0 passed, 1 failed"
	exit 2
fi
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT" || exit 2
fail() { echo "e2e: $*" >&2; echo "0 passed, 1 failed"; exit 1; }
[ -x /usr/bin/chromium ] || fail "Debian's chromium is missing: apt-get install -y chromium"
if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ]; then
	(cd "$HERE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null) || fail "npm ci failed"
fi
TMP=$(mktemp -d /tmp/osaaja-e2e.XXXXXX)
SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
DB="$TMP/e2e.db"
PW='Vahva-Salasana-2024'
ORG_A=$("$BIN" user add-org --db "$DB" --name "Helsingin työllisyyspalvelut" --kind municipality) || fail "add-org"
ORG_B=$("$BIN" user add-org --db "$DB" --name "Vantaan työllisyyspalvelut" --kind municipality) || fail "add-org"
add_user() { "$BIN" user add --db "$DB" --email "$1" --name "$2" --role "$3" --org "$4" --password "$PW" --lang "$5" >/dev/null || fail "user add $1"; }
add_user counsellor@a.example "Cecilia Ohjaaja" counsellor "$ORG_A" fi
add_user coordinator@a.example "Kalle Koordinaattori" coordinator "$ORG_A" fi
add_user counsellor@b.example "Bertta Vantaa" counsellor "$ORG_B" en
add_user admin@a.example "Aino Admin" admin "$ORG_A" en
# a partner organisation (an education provider) whose study counsellor reads in Swedish
ORG_C=$("$BIN" user add-org --db "$DB" --name "Stadin ammatti- ja aikuisopisto" --kind education_provider) || fail "add-org"
add_user studie@c.example "Stina Studiehandledare" counsellor "$ORG_C" sv
"$BIN" import-taxonomy --db "$DB" "$ROOT/data/taxonomy" >/dev/null 2>&1 || fail "import-taxonomy"
"$BIN" serve --db "$DB" --port 0 --port-file "$TMP/port" --threads 4 >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
	[ -s "$TMP/port" ] && break
	kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; fail "the server did not start"; }
	sleep 0.1
done
[ -s "$TMP/port" ] || fail "the server did not write its port"
mkdir -p "$HERE/screenshots"
node "$HERE/e2e.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" --tmp "$TMP" | tee "$TMP/e2e.out"
rc=${PIPESTATUS[0]}
node "$HERE/shortlists.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" --db "$DB" | tee -a "$TMP/e2e.out"
[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/survey.spec.mjs" --bin "$BIN" --root "$ROOT" --tmp "$TMP" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
# a spouse's own survey, the summary by respondent and the settling figures' file (issue 14), on a server of its own
node "$HERE/spouse.spec.mjs" --bin "$BIN" --root "$ROOT" --tmp "$TMP" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/conflict.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/edit.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/reports.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/followups.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/groups.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/infopoint.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/surveysummary.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/labels.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/matches.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/partnerreferral.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/review.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
# the recruitment cohorts' board on a server of its own with the demo (issue 15 item 7)
node "$HERE/cohorts.mjs" --bin "$BIN" --root "$ROOT" --tmp "$TMP" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/employerneeds.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/duplicates.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
# a shared programme: the co-implementer added, its client, the whole programme's figures (issue 15 item 3)
node "$HERE/sharedprogramme.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
node "$HERE/skillsuggest.mjs" --base "http://127.0.0.1:$(cat "$TMP/port")" --password "$PW" --root "$ROOT" | tee -a "$TMP/e2e.out"; [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
awk '/^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 } END { print "e2e total: " p " passed, " f " failed" }' "$TMP/e2e.out"
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
	echo "e2e: the server died during the run; its log:" >&2
	tail -50 "$TMP/server.log" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
if [ $rc -ne 0 ]; then
	echo "--- server log (last 30 lines) ---" >&2
	grep -v 'level=info' "$TMP/server.log" | tail -30 >&2
fi
exit $rc
