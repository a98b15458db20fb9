#!/usr/bin/env bash
# make bench: the benchmarks of docs/benchmarks.md, one table at the end.
#   testdata/synth/bench.sh            the full run (about an hour on 2 cores; archives are
#                                      cached in ${EPAPER_BENCH_CACHE:-$TMPDIR/epaper-bench})
#   testdata/synth/bench.sh -smoke     one day each, no hugo command (well under 30 s once compiled)
# Other flags go to testdata/synth/benchrun (-h lists them).
set -euo pipefail
cd "$(dirname "$0")/../.."
cache="${EPAPER_BENCH_CACHE:-${TMPDIR:-/tmp}/epaper-bench}"
exec go run ./testdata/synth/benchrun -cache "$cache" "$@"
