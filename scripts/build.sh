#!/bin/sh
# build.sh [BUILD_DIR] [meson options]: configures (once) and builds osaaja; the binary is BUILD_DIR/osaaja.
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build}
[ $# -gt 0 ] && shift
if [ ! -f "$dir/build.ninja" ]; then
	meson setup "$dir" "$@" >/dev/null
fi
ninja -C "$dir" >/dev/null || { ninja -C "$dir"; exit 1; }
echo "build.sh: built $dir/osaaja"
