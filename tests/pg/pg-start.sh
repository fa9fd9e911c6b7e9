#!/bin/sh
# pg-start.sh [DIR]: starts a throwaway PostgreSQL for tests and prints its URL on stdout:
#   postgres://postgres@127.0.0.1:PORT/osaaja_test
# It listens on 127.0.0.1 only, on a free random port, with its unix socket and data inside DIR (a new temporary
# folder when DIR is not given; its path goes to stderr and to DIR/dir). fsync is off: test data only.
# Installs Debian's postgresql package when no server is found (needs root). As root, the server runs as the
# postgres user (initdb refuses root). Stop it with tests/pg/pg-stop.sh DIR. On any failure it cleans up and exits 1.
set -eu

say() { echo "pg-start: $*" >&2; }

find_bindir() {
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
			echo "$d"
			return 0
		fi
	done
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		dirname "$(command -v initdb)"
		return 0
	fi
	return 1
}

bindir=$(find_bindir || true)
if [ -z "$bindir" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		say "no PostgreSQL server found; install it (apt-get install postgresql) or run this as root"
		exit 1
	fi
	say "installing postgresql (apt-get)"
	export DEBIAN_FRONTEND=noninteractive
	# Debian's package starts a cluster of its own on 5432; in a container without an init system that may fail,
	# which does not matter here: we run our own server.
	apt-get update -qq >&2 || { say "apt-get update failed"; exit 1; }
	apt-get install -y -qq --no-install-recommends postgresql postgresql-client >&2 ||
		{ say "apt-get install postgresql failed"; exit 1; }
	bindir=$(find_bindir || true)
	[ -n "$bindir" ] || { say "postgresql installed but initdb not found"; exit 1; }
fi

if [ "$(id -u)" -eq 0 ]; then
	id postgres >/dev/null 2>&1 || { say "no postgres user (the postgresql package creates it)"; exit 1; }
	asdb() { runuser -u postgres -- "$@"; }
	owner=postgres
else
	asdb() { "$@"; }
	owner=$(id -un)
fi

created=""
if [ $# -ge 1 ] && [ -n "$1" ]; then
	dir=$1
	if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
		say "$dir exists and is not empty"
		exit 1
	fi
	mkdir -p "$dir"
	created=$dir
else
	dir=$(mktemp -d "${TMPDIR:-/tmp}/osaaja-pg.XXXXXX")
	created=$dir
fi
dir=$(cd "$dir" && pwd)
started=""
cleanup() {
	rc=$?
	if [ "$rc" -ne 0 ]; then
		if [ -n "$started" ]; then
			asdb "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
		fi
		if [ -f "$dir/log" ]; then
			say "server log:"
			tail -n 20 "$dir/log" >&2 || true
		fi
		[ -n "$created" ] && rm -rf "$created"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

touch "$dir/.osaaja-pg-test" # pg-stop.sh removes only folders that carry this mark
chmod 0755 "$dir"
chown "$owner" "$dir"

# The postgres user must be able to reach the folder (mktemp under /tmp is fine; a folder under /root is not).
asdb test -w "$dir" || { say "$dir is not writable by $owner"; exit 1; }

asdb "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions \
	>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; say "initdb failed"; exit 1; }

random_port() {
	# 20000..59999 from /dev/urandom; collisions are handled by trying again.
	n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	echo $((20000 + n % 40000))
}

port=""
for try in 1 2 3 4 5 6 7 8 9 10; do
	p=$(random_port)
	started=1
	if asdb "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 -s \
		-o "-c listen_addresses=127.0.0.1 -p $p -c unix_socket_directories='$dir' -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null 2>&1; then
		port=$p
		break
	fi
	started=""
	asdb "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	if grep -q "could not bind\|Address already in use\|could not create any TCP/IP sockets" "$dir/log" 2>/dev/null; then
		say "port $p taken, trying another (attempt $try)"
		: >"$dir/log"
		continue
	fi
	say "the server did not start"
	exit 1
done
[ -n "$port" ] || { say "no free port found"; exit 1; }

# pg_ctl -w waited for the server; wait for TCP on 127.0.0.1 as well before handing out the URL.
ok=""
for _ in $(seq 1 100); do
	if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres 2>/dev/null; then
		ok=1
		break
	fi
	sleep 0.1
done
[ -n "$ok" ] || { say "the server does not answer on 127.0.0.1:$port"; exit 1; }

"$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
	-c "CREATE DATABASE osaaja_test ENCODING 'UTF8' TEMPLATE template0" >&2 ||
	{ say "could not create the database"; exit 1; }

url="postgres://postgres@127.0.0.1:$port/osaaja_test"
echo "$url" >"$dir/url"
echo "$dir" >"$dir/dir"
say "server in $dir (stop: tests/pg/pg-stop.sh $dir)"
echo "$url"
