#!/usr/bin/env bash
# ci_import.sh — streaming and speed of `faultline import ci` on generated GitHub Actions exports.
#
# Usage: bench/ci_import.sh [runs] [build-dir]
#   [runs]       runs to generate (default 48000: with 8 jobs × 10 steps each, about 1 GB of jobs JSON Lines)
#   [build-dir]  default: build/release (scripts/setup.sh --preset release)
#
# 1. `bench_ci_import generate` writes runs.jsonl and jobs.jsonl in the GitHub REST shape (what
#    `gh api --paginate --jq '.workflow_runs[]'` / `'.jobs[]'` print) into a temporary folder;
# 2. `faultline import ci runs.jsonl jobs.jsonl` imports them into a fresh workspace under
#    /usr/bin/time: wall seconds and peak RSS (the issue's bound: under 300 MB for a 1 GB file);
# 3. `bench_ci_import --runs 4000` reports rows/s of the import next to a plain prepared-statement
#    insert loop of the same rows into the same schema, in one process; the ratio is the figure
#    (target ≥ 0.5).
set -euo pipefail
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 2
fi
runs=${1:-48000}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$root/build/release}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$build/bench/bench_ci_import" generate "$tmp/data" --runs "$runs" --jobs 8 --steps 10
ls -l "$tmp/data"
/usr/bin/time -f 'import ci: %e s wall, peak RSS %M KB' \
    "$build/app/faultline" import ci "$tmp/data/runs.jsonl" "$tmp/data/jobs.jsonl" --workspace "$tmp/w.faultline" 2>&1 \
    | grep -v '^import ci \['
rm -f "$tmp/data/"*.jsonl "$tmp/w.faultline"*
"$build/bench/bench_ci_import" --runs 4000 --jobs 8 --steps 10
