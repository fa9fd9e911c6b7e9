#!/bin/sh
# run.sh [OSAAJA_BINARY] [SECONDS]: the crash test (crash.py) with Debian's /usr/bin/python3: SIGKILL the server at
# random points during API writes on SQLite, restart, check acknowledged writes and integrity, and backups taken
# during writes. About SECONDS (default 50, ~60 s with start-up and checks). Ends with `N passed, N failed`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/osaaja}
secs=${2:-50}
[ -x "$bin" ] || { echo "run.sh: no osaaja binary at $bin" >&2; exit 2; }
py=/usr/bin/python3
[ -x "$py" ] || { echo "run.sh: /usr/bin/python3 is missing" >&2; exit 1; }
cd "$here/../.." || exit 2 # the server finds i18n/ from the repository root
out=$("$py" "$here/crash.py" "$bin" --seconds "$secs" 2>&1)
rc=$?
printf '%s\n' "$out" | grep -v '^$' | tail -n 40
line=$(printf '%s\n' "$out" | grep -E '^crash: [0-9]+ passed, [0-9]+ failed$' | tail -n 1)
if [ -z "$line" ]; then
	echo "crash test printed no summary (exit $rc)"
	echo "0 passed, 1 failed"
	exit 1
fi
echo "${line#crash: }"
[ "$rc" -eq 0 ]
