#!/bin/sh
# run.sh [SECONDS]: builds the libFuzzer targets in tests/fuzz/ with clang (-fsanitize=fuzzer,address,undefined)
# straight from the library sources they need (no Meson), into build-fuzz/, and runs each for SECONDS (default 10,
# the CI smoke; `run.sh 300` for a long run) on a copy of its seed corpus in tests/fuzz/corpus/NAME/. Then replays
# every file in tests/fuzz/regressions/NAME/ (inputs that once crashed). Prints executions per target and any crash,
# and ends with `N passed, N failed` (one per target). New crashing inputs are left in build-fuzz/crashes/NAME/.
set -u
secs=${1:-10}
case $secs in '' | *[!0-9]*) echo "usage: run.sh [SECONDS]" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${FUZZ_OUT:-$root/build-fuzz}
cc=${CC_FUZZ:-clang}
command -v "$cc" >/dev/null 2>&1 || cc=clang-14
command -v "$cc" >/dev/null 2>&1 || { echo "run.sh: clang is missing (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 1; }
mkdir -p "$out/crashes" "$out/corpus"
cflags="-std=c17 -g -O1 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
 -fno-omit-frame-pointer -Wall -Wextra -Werror -I$root/src $(pkg-config --cflags jansson)"
libs="$(pkg-config --libs jansson) -lm"
core="$root/src/core/arena.c $root/src/core/buf.c $root/src/core/err.c $root/src/core/validate.c"
passed=0
failed=0

# build NAME EXTRA_FLAGS SOURCES...
build() {
	name=$1
	shift
	extra=$1
	shift
	# shellcheck disable=SC2086
	if ! $cc $cflags $extra -o "$out/$name" "$here/$name.c" "$@" $libs 2>"$out/$name.build.log"; then
		echo "$name: build failed"
		cat "$out/$name.build.log"
		return 1
	fi
}

# fuzz NAME: runs the built target for $secs seconds, then replays its regression inputs.
fuzz() {
	name=$1
	short=${name#fuzz_}
	mkdir -p "$out/corpus/$short" "$out/crashes/$short"
	[ -d "$here/corpus/$short" ] && cp -n "$here/corpus/$short"/* "$out/corpus/$short/" 2>/dev/null
	log="$out/$name.log"
	"$out/$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$out/crashes/$short/" "$out/corpus/$short" >"$log" 2>&1
	rc=$?
	execs=$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{print $2}')
	rate=$(grep -E '^stat::average_exec_per_sec:' "$log" | awk '{print $2}')
	if [ -d "$here/regressions/$short" ] && ls "$here/regressions/$short"/* >/dev/null 2>&1; then
		if ! "$out/$name" -runs=1 "$here/regressions/$short"/* >"$log.regress" 2>&1; then
			echo "$name: a regression input crashes again:"
			tail -n 30 "$log.regress"
			rc=1
		fi
	fi
	if [ "$rc" -eq 0 ]; then
		echo "$name: ok, ${execs:-?} executions in ${secs} s (${rate:-?}/s), corpus $(ls "$out/corpus/$short" | wc -l) inputs"
		passed=$((passed + 1))
	else
		echo "$name: FAILED after ${execs:-?} executions (exit $rc); crashing input in $out/crashes/$short/"
		grep -E 'ERROR: |SUMMARY: |runtime error|invariant broken|==[0-9]+==' "$log" | head -n 8
		ls "$out/crashes/$short/" 2>/dev/null | head -n 3
		failed=$((failed + 1))
	fi
}

targets=""
build fuzz_json_entity "" $core "$root/src/domain/entities.c" "$root/src/domain/validate_input.c" &&
	targets="$targets fuzz_json_entity" || failed=$((failed + 1))
build fuzz_csv "" "$root/src/core/csv.c" $core && targets="$targets fuzz_csv" || failed=$((failed + 1))
build fuzz_validate "" $core && targets="$targets fuzz_validate" || failed=$((failed + 1))
if [ -f "$root/src/web/pages/form.c" ]; then
	build fuzz_query "-DFUZZ_HAVE_FORM" $core "$root/src/web/pages/form.c" && targets="$targets fuzz_query" ||
		failed=$((failed + 1))
else
	build fuzz_query "" $core && targets="$targets fuzz_query" || failed=$((failed + 1))
fi
build fuzz_multipart "" $core "$root/src/web/pages/form.c" "$root/src/web/pages/multipart.c" &&
	targets="$targets fuzz_multipart" || failed=$((failed + 1))
# The survey definition target: built from the survey sources here with the same flags as the others (its own
# tests/fuzz/build_survey.sh also builds and runs it standalone, with the survey seeds and regressions).
if [ -f "$here/fuzz_survey_definition.c" ]; then
	# shellcheck disable=SC2046
	build fuzz_survey_definition "" $core $(ls "$root"/src/survey/*.c) && targets="$targets fuzz_survey_definition" ||
		failed=$((failed + 1))
	mkdir -p "$out/corpus/survey_definition"
	cp -n "$root"/data/surveys/*.json "$out/corpus/survey_definition/" 2>/dev/null
fi

for t in $targets; do
	fuzz "$t"
done
echo "fuzz ($secs s each): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
