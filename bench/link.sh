#!/usr/bin/env bash
# link.sh — speed of the linker (importers/link) on a generated workspace.
#
# Usage: bench/link.sh [build-dir] [bench_link options…]
#   [build-dir]  default: build/release (scripts/setup.sh --preset release)
#   options      --commits N --deployments D --incidents I --prs P --runs R (defaults: 20000 commits,
#                100000 deployments, 50000 incidents, 5000 PRs, 10000 runs)
#
# Prints the time of a first relink (everything computed and written), of a second one (nothing
# changes) and of a plain prepared-statement insert loop of as many rows, and their ratio.
set -euo pipefail
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/release}
shift || true
/usr/bin/time -f 'bench_link: %e s wall, peak RSS %M KB' "$build/bench/bench_link" "$@"
