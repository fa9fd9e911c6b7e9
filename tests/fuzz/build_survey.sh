#!/bin/sh
# build_survey.sh [SECONDS]: builds the survey definition fuzz target with a standalone clang command (no Meson)
# into build-fuzz-survey/, seeds a corpus from data/surveys/*.json, a small valid survey and the bodies of
# tests/unit/survey/invalid_definitions.txt, runs it for SECONDS (default 10), then replays every input in
# tests/unit/survey/fuzz_regressions/ (inputs that once crashed). Ends with `N passed, N failed`.
set -u
secs=${1:-10}
case $secs in '' | *[!0-9]*) echo "usage: build_survey.sh [SECONDS]" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${FUZZ_OUT:-$root/build-fuzz-survey}
cc=${CC_FUZZ:-clang}
command -v "$cc" >/dev/null 2>&1 || cc=clang-14
command -v "$cc" >/dev/null 2>&1 || { echo "build_survey.sh: clang is missing" >&2; exit 1; }
mkdir -p "$out/corpus" "$out/crashes"

# shellcheck disable=SC2046
if ! "$cc" -std=c17 -g -O1 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer -Wall -Wextra -Werror -I"$root/src" $(pkg-config --cflags jansson) \
	-o "$out/fuzz_survey_definition" "$here/fuzz_survey_definition.c" \
	"$root"/src/survey/definition.c "$root"/src/survey/locate.c "$root"/src/survey/answers.c \
	"$root"/src/survey/messages.c "$root"/src/core/arena.c "$root"/src/core/err.c "$root"/src/core/validate.c \
	$(pkg-config --libs jansson) -lm 2>"$out/build.log"; then
	cat "$out/build.log"
	echo "0 passed, 1 failed"
	exit 1
fi

seeds="$out/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
cp "$root"/data/surveys/*.json "$seeds/"
awk -v dir="$seeds" '/^=== /{n++; body=0; next} /^---$/{body=1; next} body{print > (dir "/invalid-" n ".json")}' \
	"$root/tests/unit/survey/invalid_definitions.txt"
cat >"$seeds/small.json" <<'JSON'
{"slug": "s", "version": 1, "languages": ["fi", "th"], "title": {"fi": "T", "th": "ท"}, "intro": {"fi": "I", "th": "น"},
 "consent": {"fi": "C", "th": "ย"}, "groups": [
 {"id": "g", "title": {"fi": "G", "th": "ก"}, "questions": [
  {"id": "a", "type": "yesno", "text": {"fi": "A", "th": "ก"}, "required": true},
  {"id": "b", "type": "multiple", "text": {"fi": "B", "th": "ข"}, "options": [{"value": "x", "text": {"fi": "X", "th": "ค"}}],
   "when": {"question": "a", "equals": "yes"}, "max_items": 1},
  {"id": "n", "type": "number", "text": {"fi": "N", "th": "น"}, "min": 0, "max": 5.5, "maps_to": "work_history.years"},
  {"id": "l", "type": "cefr", "text": {"fi": "L", "th": "ล"}, "maps_to": "spouse.client_languages",
   "options": [{"value": "fi"}]}]},
 {"id": "r", "repeatable": true, "max_repeats": 3, "when": {"question": "a", "equals": "no"},
  "title": {"fi": "R", "th": "ร"}, "help": {"fi": "H", "th": "ห"}, "questions": [
  {"id": "c", "type": "esco_skill", "multiple": true, "text": {"fi": "C", "th": "ค"}},
  {"id": "d", "type": "text", "max_length": 5, "text": {"fi": "D", "th": "ด"}, "when": {"question": "a", "equals": "yes"}}]}]}
JSON
cat >"$out/survey.dict" <<'DICT'
"slug"
"version"
"languages"
"title"
"intro"
"consent"
"groups"
"questions"
"repeatable"
"max_repeats"
"when"
"question"
"equals"
"options"
"value"
"text"
"help"
"type"
"required"
"maps_to"
"min"
"max"
"max_length"
"multiple"
"max_items"
"single"
"cefr"
"yesno"
"esco_skill"
"client_languages"
"\\u00e4"
DICT

mkdir -p "$out/corpus/survey_definition"
status=0
if [ "$secs" -gt 0 ]; then
	(cd "$out/crashes" && "$out/fuzz_survey_definition" -max_total_time="$secs" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -dict="$out/survey.dict" -print_final_stats=1 \
		"$out/corpus/survey_definition" "$seeds") >"$out/fuzz.log" 2>&1 || status=1
	grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)" \
		"$out/fuzz.log"
	grep -E "ERROR: |SUMMARY: |Test unit written" "$out/fuzz.log"
fi
regs="$root/tests/unit/survey/fuzz_regressions"
if [ -d "$regs" ] && [ -n "$(ls -A "$regs")" ]; then
	"$out/fuzz_survey_definition" "$regs"/* >"$out/regressions.log" 2>&1 || { status=1; cat "$out/regressions.log"; }
	echo "replayed $(ls "$regs" | wc -l) regression inputs"
fi
if [ $status -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $status
