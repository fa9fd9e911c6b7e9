#!/bin/sh
# install-deps.sh [--test]: installs the Debian 12 packages osaaja needs to build and run (and, with --test, to run
# the whole test suite: PostgreSQL, Chromium, clang's fuzzer runtime, Node.js for the browser tests). Installs only
# what is missing; needs root (or sudo) when something is missing. Reaches only the Debian archive.
set -eu
need="build-essential meson ninja-build pkg-config python3 sqlite3 libsqlite3-dev libpq-dev libmicrohttpd-dev
libjansson-dev libsodium-dev libicu-dev libstemmer-dev libxlsxwriter-dev zlib1g-dev libcmocka-dev libqrencode-dev
ca-certificates"
if [ "${1:-}" = "--test" ]; then
	need="$need postgresql postgresql-client chromium fonts-thai-tlwg fonts-noto-core clang libclang-rt-14-dev python3-scipy wrk nginx-light"
	command -v node >/dev/null 2>&1 || need="$need nodejs"
	command -v npm >/dev/null 2>&1 || need="$need npm"
fi
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "install-deps: everything needed is installed"
	exit 0
fi
echo "install-deps: installing$missing"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "install-deps: run as root to install:$missing" >&2; exit 1; }
	sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
