#!/bin/sh
# Indicator benchmark (bench_report): builds it and runs it from the repository root.
# usage: bench/report/run.sh [--small | --check] [BUILD]        (BUILD default build)
#   full run: 300 000 clients (generated once into /tmp/osaaja-bench-report.db, fixed seed), every indicator query
#             for the whole year 2026, best of 3, target under 200 ms each; then the same on PostgreSQL when
#             OSAAJA_TEST_PG_URL names a server (tests/pg/pg-start.sh; a database osaaja_bench_report is made once).
#             --check adds the reference comparison below at full scale (minutes: the references are plain).
#   --small (the CI smoke, a few seconds): 20 000 clients in a fresh temporary SQLite file; every indicator for three
#             filters is compared with a slow reference query; prints `N passed, N failed`.
set -eu
cd "$(dirname "$0")/../.."
small=""
check=""
if [ "${1:-}" = "--small" ]; then small=1; shift; elif [ "${1:-}" = "--check" ]; then check=--check; shift; fi
BUILD=${1:-build}
scripts/build.sh "$BUILD" >/dev/null
ninja -C "$BUILD" bench/report/bench_report >/dev/null
bench="$BUILD/bench/report/bench_report"
if [ -n "$small" ]; then
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/osaaja-bench-report.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	rc=0
	"$bench" --db "$tmp/small.db" --clients 20000 --runs 1 --check >"$tmp/out" 2>"$tmp/err" || rc=1
	grep -v '^  ' "$tmp/out" # the figures themselves are in the full run
	[ -s "$tmp/out" ] || { grep -v 'level=info' "$tmp/err" >&2; echo "0 passed, 1 failed"; }
	exit $rc
fi
rc=0
"$bench" --db /tmp/osaaja-bench-report.db --clients 300000 --runs 3 $check 2>/dev/null || rc=1
if [ -n "${OSAAJA_TEST_PG_URL:-}" ]; then
	psql -q -X "$OSAAJA_TEST_PG_URL" -c "CREATE DATABASE osaaja_bench_report" >/dev/null 2>&1 || true
	"$bench" --db "${OSAAJA_TEST_PG_URL%/*}/osaaja_bench_report" --clients 300000 --runs 3 $check 2>/dev/null || rc=1
else
	echo "bench/report: OSAAJA_TEST_PG_URL is not set: no PostgreSQL timings (tests/pg/pg-start.sh gives a server)"
fi
exit $rc
