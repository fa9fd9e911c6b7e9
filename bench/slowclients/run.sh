#!/bin/sh
# run.sh [SECONDS] [OSAAJA_BINARY]: a slow-client flood (1 100 half-open connections from one address, a header line
# every 3 s, never a whole head) for SECONDS (default 60) while another address asks /healthz five times a second;
# prints how many answers came and the slowest one. The short form (12 s) runs in scripts/test.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
secs=${1:-60}
bin=${2:-$root/build/osaaja}
exec /usr/bin/python3 "$root/tests/api/slow_clients.py" "$bin" "$secs"
