#!/bin/sh
# bench/match/run.sh [--small]: the matching benchmark, one run, same data and same queries for every engine:
# osaaja (in-memory index), SQLite, PostgreSQL (a throwaway server from tests/pg/pg-start.sh), scipy sparse.
# --small: 3 000 clients / 1 000 vacancies (the CI smoke). Full: 300 000 clients / 100 000 open vacancies.
# Then the quality benchmark with known answers (bench_quality, docs/matching.md "Match quality benchmark"): --small
# on 1 000 ESCO occupations, full on every occupation with at least 4 essential skills; the reported seed is 2
# (seed 1 is the development split).
# Env: BUILD (default build-bench), ESCO_DIR (default: data/taxonomy when it holds occupationSkillRelations.csv,
# else ../shared/data/esco/v1.1.1), KEEP=1 keeps the work folder.
set -eu
cd "$(dirname "$0")/../.."
root=$(pwd)
if [ "${1:-}" = "--small" ]; then
	clients=3000 vacancies=1000 queries=200 sqlq=50 pyq=200 qocc=1000
else
	clients=300000 vacancies=100000 queries=1000 sqlq=30 pyq=200 qocc=0
fi
build=${BUILD:-build-bench}
[ -d "$build" ] || meson setup "$build" >/dev/null
ninja -C "$build" bench/match/bench_match bench/match/bench_quality osaaja >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/osaaja-bench-match.XXXXXX")
chmod 0755 "$work"
if [ -z "${ESCO_DIR:-}" ]; then
	if [ -f "$root/../shared/data/esco/v1.1.1/occupationSkillRelations.csv" ]; then
		ESCO_DIR=$root/../shared/data/esco/v1.1.1
	else
		# A clone with nothing beside it: import the shipped taxonomy and export the two CSVs the generator reads.
		ESCO_DIR=$work/esco
		mkdir -p "$ESCO_DIR"
		"$build/osaaja" init --db "$work/tax.db" >/dev/null 2>&1
		"$build/osaaja" import-taxonomy --db "$work/tax.db" data/taxonomy >/dev/null
		sqlite3 -csv -header "$work/tax.db" "SELECT c.uri AS conceptUri, c.code AS iscoGroup,
			(SELECT l.label FROM tax_labels l WHERE l.concept_id = c.id AND l.lang = 'en' AND l.label_type = 'preferred'
			 LIMIT 1) AS preferredLabel,
			(SELECT group_concat(l.label, char(10)) FROM tax_labels l WHERE l.concept_id = c.id AND l.lang = 'en'
			 AND l.label_type = 'alt') AS altLabels
			FROM tax_concepts c WHERE c.kind = 'occupation' ORDER BY c.uri" \
			>"$ESCO_DIR/occupations_en.csv"
		sqlite3 -csv -header "$work/tax.db" "SELECT o.uri AS occupationUri, r.relation AS relationType, s.uri AS skillUri
			FROM tax_relations r JOIN tax_concepts o ON o.id = r.occupation_id JOIN tax_concepts s ON s.id = r.skill_id" \
			>"$ESCO_DIR/occupationSkillRelations.csv"
	fi
fi
pgdir=""
cleanup() {
	[ -n "$pgdir" ] && tests/pg/pg-stop.sh "$pgdir" >/dev/null 2>&1 || true
	[ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
echo "== data: $clients clients, $vacancies vacancies from $ESCO_DIR (seed fixed); work folder $work"
"$build/bench/match/bench_match" gen --esco "$ESCO_DIR" --out "$work" --clients "$clients" --vacancies "$vacancies" \
	--queries "$queries" >"$work/osaaja.txt"

t0=$(date +%s)
{
	cat bench/match/schema.sql
	for t in idf clients client_skills client_isco vacancies vacancy_skills; do
		echo ".import --csv --skip 1 $work/$t.csv $t"
	done
	cat bench/match/indexes.sql
} | sqlite3 "$work/bench.db"
echo "sqlite.load_s=$(( $(date +%s) - t0 ))" >>"$work/osaaja.txt"

pgurl=""
if pgdir=$(mktemp -d "${TMPDIR:-/tmp}/osaaja-bench-pg.XXXXXX") && rmdir "$pgdir" && pgurl=$(tests/pg/pg-start.sh "$pgdir"); then
	t0=$(date +%s)
	{
		cat bench/match/schema.sql
		for t in idf clients client_skills client_isco vacancies vacancy_skills; do
			printf '%s\n' "\\copy $t FROM '$work/$t.csv' WITH (FORMAT csv, HEADER true)"
		done
		cat bench/match/indexes.sql
		echo "VACUUM ANALYZE;"
	} | psql -X -q -v ON_ERROR_STOP=1 "$pgurl" >/dev/null
	echo "postgres.load_s=$(( $(date +%s) - t0 ))" >>"$work/osaaja.txt"
else
	pgdir=""
	echo "postgres: could not start a server; skipping it" >&2
fi

"$build/bench/match/bench_match" sql --out "$work" --url "$work/bench.db" --name sqlite --queries "$sqlq"
engines="osaaja sqlite"
if [ -n "$pgurl" ]; then
	"$build/bench/match/bench_match" sql --out "$work" --url "$pgurl" --name postgres --queries "$sqlq"
	engines="$engines postgres"
fi
if /usr/bin/python3 -c "import scipy" 2>/dev/null; then
	/usr/bin/python3 bench/match/scipy_bench.py "$work" "$pyq" >>"$work/osaaja.txt"
	engines="$engines scipy"
else
	echo "scipy: /usr/bin/python3 has no scipy (apt-get install python3-scipy)" >&2
	missing_scipy=1
fi
echo "== figures"
cat "$work/osaaja.txt"
echo "== latency per query (one core); ratios are engine / osaaja on the same queries; agreement of top-20 lists"
/usr/bin/python3 bench/match/report.py "$work" $engines | tee "$work/report.txt"
echo "== match quality (known answers; seed 2 reported, seed 1 for development)"
"$build/bench/match/bench_quality" --esco "$ESCO_DIR" --occupations "$qocc" --seed 2 | tee "$work/quality.txt"
# Every engine must list the same top 20 as osaaja for every query it ran (and every engine must have run).
awk -v want="osaaja sqlite postgres scipy" -v scipy_missing="${missing_scipy:-0}" '
	$1 ~ /^(osaaja|sqlite|postgres|scipy)$/ { split($NF, a, "/"); if (a[1] == a[2] && a[2] > 0) ok++; else bad++; seen[$1] = 1 }
	END { n = split(want, w, " "); for (i = 1; i <= n; i++) if (!seen[w[i]]) bad++;
	      printf "bench-match: %d passed, %d failed\n", ok, bad; exit bad > 0 }' "$work/report.txt"
