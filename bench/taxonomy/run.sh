#!/bin/sh
# Title-normalisation benchmark: builds bench_taxonomy in BUILD (default build-tax) and runs it from the repo root.
# usage: bench/taxonomy/run.sh [BUILD] [EVAL_DIR]   (EVAL_DIR default ../shared/data/eval)
set -e
cd "$(dirname "$0")/../.."
BUILD=${1:-build-tax}
EVAL=${2:-../shared/data/eval}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" >/dev/null
ninja -C "$BUILD" bench/taxonomy/bench_taxonomy >/dev/null
exec "$BUILD/bench/taxonomy/bench_taxonomy" "$EVAL" --data data/taxonomy
