#!/bin/sh
# Title-normalisation benchmark: builds bench_taxonomy and runs it from the repo root on the public eval sets.
# usage: bench/taxonomy/run.sh [--small] [BUILD] [EVAL_DIR]   (BUILD default build, EVAL_DIR ../shared/data/eval)
# --small (the CI smoke): MELO and the skill-extraction validation sets (~8 s); checks that usa_q_en_c_en stays above
# the best published lexical MRR (char TF-IDF 0.5800) and that skill suggestions keep R-Precision@5 >= 55 (tech) and
# >= 45 (house), and prints `N passed, N failed`. The full run adds the JobBERT validation titles.
set -eu
cd "$(dirname "$0")/../.."
small=""
if [ "${1:-}" = "--small" ]; then small=1; shift; fi
BUILD=${1:-build}
EVAL=${2:-../shared/data/eval}
if [ ! -d "$EVAL/melo" ]; then
	echo "bench/taxonomy: the evaluation data sets are not at $EVAL (they live in ../shared/data/eval beside a checkout)"
	echo "0 passed, 1 failed"
	exit 1
fi
scripts/build.sh "$BUILD" >/dev/null
ninja -C "$BUILD" bench/taxonomy/bench_taxonomy >/dev/null
if [ -z "$small" ]; then
	exec "$BUILD/bench/taxonomy/bench_taxonomy" "$EVAL" --data data/taxonomy
fi
out=$("$BUILD/bench/taxonomy/bench_taxonomy" "$EVAL" --data data/taxonomy --only melo)
echo "$out"
pass=0
fail=0
mrr=$(echo "$out" | awk '$1 == "usa_q_en_c_en" && $2 == "elements" {print $4}')
if awk -v m="${mrr:-0}" 'BEGIN {exit !(m > 0.58)}'; then
	echo "usa_q_en_c_en MRR $mrr > 0.5800 (best published lexical)"
	pass=$((pass + 1))
else
	echo "usa_q_en_c_en MRR ${mrr:-missing} is not above 0.5800"
	fail=$((fail + 1))
fi
if [ -d "$EVAL/skill_extraction" ]; then
	out=$("$BUILD/bench/taxonomy/bench_taxonomy" "$EVAL" --data data/taxonomy --only skills 2>/dev/null)
	echo "$out"
	for set in tech-val:55 house-val:45; do
		name=${set%%:*}
		min=${set##*:}
		rp=$(echo "$out" | sed 's/[()]//g' | awk -v n="$name" '$1 == n {print $6}')
		if awk -v m="${rp:-0}" -v t="$min" 'BEGIN {exit !(m >= t)}'; then
			echo "$name skill suggestions RP@5 $rp >= $min"
			pass=$((pass + 1))
		else
			echo "$name skill suggestions RP@5 ${rp:-missing} is below $min"
			fail=$((fail + 1))
		fi
	done
fi
echo "bench-taxonomy smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
