#!/bin/sh
# run-demo.sh [--port N] [--fresh]: the one command that takes a fresh Debian 12 machine to a running osaaja:
# installs missing packages, builds, creates var/demo.db with the ESCO taxonomy and the demo data set (once; --fresh
# makes it anew), prints the demo logins, and serves http://localhost:8080 until Ctrl-C.
set -eu
cd "$(dirname "$0")/.."
port=8080
fresh=""
while [ $# -gt 0 ]; do
	case $1 in
	--port) port=$2; shift 2 ;;
	--fresh) fresh=1; shift ;;
	*) echo "usage: scripts/run-demo.sh [--port N] [--fresh]" >&2; exit 2 ;;
	esac
done
scripts/install-deps.sh
scripts/build.sh build
db=var/demo.db
mkdir -p var
if [ -n "$fresh" ]; then rm -f "$db" "$db-wal" "$db-shm" var/demo-logins.txt; fi
if [ ! -f "$db" ]; then
	tmp="$db.new"
	rm -f "$tmp" "$tmp-wal" "$tmp-shm"
	./build/osaaja init --db "$tmp"
	./build/osaaja import-taxonomy --db "$tmp" data/taxonomy
	./build/osaaja demo --db "$tmp" >var/demo-logins.txt
	./build/osaaja backup --db "$tmp" "$db" >/dev/null
	rm -f "$tmp" "$tmp-wal" "$tmp-shm"
fi
echo
echo "Demo logins (also in var/demo-logins.txt):"
cat var/demo-logins.txt
echo
exec ./build/osaaja serve --db "$db" --port "$port" --demo
