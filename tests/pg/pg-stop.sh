#!/bin/sh
# pg-stop.sh DIR: stops the test server that pg-start.sh started in DIR and removes DIR.
set -eu
[ $# -eq 1 ] && [ -n "$1" ] || { echo "usage: pg-stop.sh DIR" >&2; exit 2; }
dir=$1
if [ ! -f "$dir/.osaaja-pg-test" ]; then
	echo "pg-stop: $dir was not made by pg-start.sh; leaving it alone" >&2
	exit 1
fi
bindir=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
	[ -x "$d/pg_ctl" ] && { bindir=$d; break; }
done
[ -n "$bindir" ] || bindir=$(dirname "$(command -v pg_ctl)")
if [ -f "$dir/data/postmaster.pid" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 -s stop ||
			runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -s stop || true
	else
		"$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 -s stop ||
			"$bindir/pg_ctl" -D "$dir/data" -m immediate -w -s stop || true
	fi
fi
rm -rf "$dir"
