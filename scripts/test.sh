#!/bin/bash
# test.sh: the whole test suite, as CI runs it (.ci/run calls exactly this). Installs what is missing, builds a normal
# and a sanitizer (ASan + UBSan) build, starts a throwaway PostgreSQL, and runs every stage: banned functions, unit
# tests (SQLite and PostgreSQL), API tests on SQLite and on PostgreSQL, store migration, the same unit and API tests
# under the sanitizers, browser tests, fuzz and benchmark smokes, crash recovery. Each stage prints its own
# `N passed, N failed`; the last line sums them all. Exits non-zero if anything failed.
# Options: --quick (no sanitizer build, no browser, fuzz or bench smokes: for the edit-test loop).
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
quick=""
[ "${1:-}" = "--quick" ] && quick=1
logs=$(mktemp -d "${TMPDIR:-/tmp}/osaaja-test.XXXXXX")
total_pass=0
total_fail=0
summary=()
pgdir=""

cleanup() {
	[ -n "$pgdir" ] && tests/pg/pg-stop.sh "$pgdir" >/dev/null 2>&1
	rm -rf "$logs"
}
trap cleanup EXIT

# count LOG RC: reads a stage's counts: meson's Ok/Fail lines, or the last "N passed, N failed" line.
count() {
	local log=$1 rc=$2 p f line
	if grep -qE '^Ok:[[:space:]]+[0-9]+' "$log"; then
		p=$(grep -E '^Ok:' "$log" | tail -1 | awk '{print $2}')
		f=0
		for k in Fail Timeout 'Unexpected Pass'; do
			v=$(grep -E "^$k:" "$log" | tail -1 | awk -F: '{gsub(/ /,"",$2); print $2}')
			f=$((f + ${v:-0}))
		done
	else
		line=$(grep -oE '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
		if [ -z "$line" ]; then
			# A setup step (install, build) prints no counts: it is one check that passed or failed.
			if [ "$rc" -eq 0 ]; then p=1; else p=0; fi
			f=$((1 - p))
		else
			p=$(echo "$line" | awk '{print $1}')
			f=$(echo "$line" | awk '{print $3}')
		fi
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	echo "$p $f"
}

# stage NAME CMD...: runs CMD with its output in a log, shows the tail, adds its counts.
stage() {
	local name=$1
	shift
	local log="$logs/$name.log" start rc counts
	start=$(date +%s)
	echo "=== $name"
	"$@" >"$log" 2>&1
	rc=$?
	counts=$(count "$log" "$rc")
	set -- $counts
	if [ "$2" -ne 0 ]; then
		tail -n 60 "$log"
	else
		tail -n 3 "$log"
	fi
	total_pass=$((total_pass + $1))
	total_fail=$((total_fail + $2))
	summary+=("$(printf '%-24s %5d passed %4d failed %5ds' "$name" "$1" "$2" $(($(date +%s) - start)))")
}

stage deps scripts/install-deps.sh --test
stage banned-functions tools/check-banned.sh
stage catalogues /usr/bin/python3 tests/i18n/check_catalogues.py
stage build scripts/build.sh build
BIN=$root/build/osaaja

# A throwaway PostgreSQL for the store's unit tests and the API tests on PostgreSQL.
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/osaaja-pg.XXXXXX")
rmdir "$pgdir"
if pgurl=$(tests/pg/pg-start.sh "$pgdir" 2>"$logs/pg-start.log"); then
	export OSAAJA_TEST_PG_URL=$pgurl
	echo "PostgreSQL for tests: $pgurl"
else
	cat "$logs/pg-start.log"
	pgdir=""
	total_fail=$((total_fail + 1))
	summary+=("postgres-start            FAILED")
fi

stage unit meson test -C build --suite unit --print-errorlogs --num-processes 2
stage api-sqlite tests/api/run.sh "$BIN" sqlite
stage concurrency-sqlite /usr/bin/python3 tests/pg/test_concurrency.py "$BIN" sqlite
stage slow-clients /usr/bin/python3 tests/api/slow_clients.py "$BIN"
if [ -n "${OSAAJA_TEST_PG_URL:-}" ]; then
	stage api-postgres tests/api/run.sh "$BIN" postgres
	stage two-servers /usr/bin/python3 tests/pg/test_two_servers.py "$BIN"
	stage concurrency-postgres /usr/bin/python3 tests/pg/test_concurrency.py "$BIN" postgres
	stage migrate-demo tests/pg/test_migrate_demo.sh "$BIN"
fi

if [ -z "$quick" ]; then
	stage build-sanitizers scripts/build.sh build-asan -Db_sanitize=address,undefined -Db_lundef=false
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
	export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0
	stage unit-sanitizers meson test -C build-asan --suite unit --print-errorlogs --num-processes 2 --timeout-multiplier 4
	stage api-sanitizers tests/api/run.sh "$root/build-asan/osaaja" sqlite
	# Two sanitizer servers on one PostgreSQL, with bursts of the same writes (a short run; --soak for a long one).
	stage concurrency-sanitizers /usr/bin/python3 tests/pg/test_concurrency.py "$root/build-asan/osaaja" postgres --rounds 1
	unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
	[ -x tests/e2e/run.sh ] && stage browser tests/e2e/run.sh "$BIN"
	[ -x tests/fuzz/run.sh ] && stage fuzz-smoke tests/fuzz/run.sh 10
	[ -x tests/crash/run.sh ] && stage crash-recovery tests/crash/run.sh "$BIN"
	[ -x bench/match/run.sh ] && stage bench-match-smoke bench/match/run.sh --small
	[ -x bench/taxonomy/run.sh ] && stage bench-taxonomy-smoke bench/taxonomy/run.sh --small
	[ -x bench/report/run.sh ] && stage bench-report-smoke bench/report/run.sh --small
	[ -x bench/load/run.sh ] && stage bench-load-smoke bench/load/run.sh --short "$BIN"
fi

echo
echo "=== summary"
printf '%s\n' "${summary[@]}"
echo "all stages: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
