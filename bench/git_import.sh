#!/usr/bin/env bash
# git_import.sh — how fast is `faultline import git` next to the git commands it replaces?
#
# Usage: bench/git_import.sh <repo> [faultline-binary]
#   <repo>             a git repository (bare or with a work tree)
#   [faultline-binary] default: build/release/app/faultline beside this script's project
#                      (cmake --preset release && cmake --build --preset release)
# Environment: BENCH_SKIP_BLAME=1 skips the (slow) blame of every file.
#
# Runs on the same repository, one after the other, each timed with /usr/bin/time (wall seconds and
# peak RSS; `apt-get install -y time` when it is missing):
#   1. git log -p --no-renames HEAD >/dev/null                   every diff of the full history
#   2. git log -p --no-renames --first-parent HEAD >/dev/null    the same along first parents
#   3. faultline import git <repo>                               into a fresh temporary workspace
#   4. faultline import git --first-parent <repo>                into another fresh workspace
#   5. git blame --porcelain HEAD -- <file>, for every text file at HEAD, sequentially (like a user
#      would; binaries, symlinks and submodules are skipped)
# and prints a table of seconds and the ratios. Targets (from the issue): the full import takes at
# most 1.0x the time of `git log -p --no-renames`, and blaming every file with git blame takes at
# least 10x longer than the full import. The object files are read once before timing, so every
# command starts with a warm page cache.
set -euo pipefail

if [[ $# -lt 1 || $1 == -h || $1 == --help ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 2
fi
repo=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
faultline=${2:-$root/build/release/app/faultline}
if [[ ! -x $faultline ]]; then
    echo "$0: $faultline is not an executable (build the release preset or pass the binary)" >&2
    exit 1
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "$0: /usr/bin/time is missing (apt-get install -y time)" >&2
    exit 1
fi
gitdir=$(git -C "$repo" rev-parse --absolute-git-dir)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/git_import_bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

declare -A secs rss
# run <key> <stdout file> <command…>: times the command, fails loudly when it fails.
run() {
    local key=$1 out=$2
    shift 2
    if ! /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$out" 2>"$tmp/stderr"; then
        echo "$0: failed: $*" >&2
        cat "$tmp/stderr" >&2
        exit 1
    fi
    read -r secs[$key] rss[$key] < <(tail -n 1 "$tmp/time")
}

# Text files at HEAD: regular files that git's numstat does not call binary.
git -C "$repo" diff --numstat -z 4b825dc642cb6eb9a060e54bf8d69288fbee4904 HEAD \
    | tr '\0' '\n' | awk -F'\t' '$1 == "-" { print $3 }' | sort > "$tmp/binary"
git -C "$repo" ls-tree -r -z HEAD | tr '\0' '\n' \
    | awk -F'\t' '$1 ~ /^100(644|755) / { print $2 }' | sort > "$tmp/regular"
comm -23 "$tmp/regular" "$tmp/binary" | tr '\n' '\0' > "$tmp/text"
text_files=$(tr -cd '\0' < "$tmp/text" | wc -c)
commits=$(git -C "$repo" rev-list --count HEAD)
first_parent=$(git -C "$repo" rev-list --count --first-parent HEAD)
merges=$(git -C "$repo" rev-list --count --merges HEAD)

echo "repository: $repo"
echo "  $commits commits ($merges merges, $first_parent on the first-parent line), $text_files text files at HEAD"
echo "faultline:  $faultline"
echo "machine:    $(nproc) cores, $(git --version)"
echo

# Warm the page cache so the first command does not pay for the disk alone.
find "$gitdir/objects" -type f -exec cat {} + >/dev/null

run log /dev/null git -C "$repo" --no-pager log -p --no-renames HEAD
run log_fp /dev/null git -C "$repo" --no-pager log -p --no-renames --first-parent HEAD
run import "$tmp/import.out" "$faultline" import git "$repo" --workspace "$tmp/full.faultline"
warnings=$(grep '^warning:' "$tmp/stderr" || true)
run import_fp "$tmp/import_fp.out" "$faultline" import git --first-parent "$repo" --workspace "$tmp/fp.faultline"
if [[ ${BENCH_SKIP_BLAME:-0} != 1 ]]; then
    run blame /dev/null bash -c 'cd "$1" && while IFS= read -r -d "" f; do git --no-pager blame --porcelain HEAD -- "$f" >/dev/null; done < "$2"' \
        blame "$repo" "$tmp/text"
fi

row() { printf '  %-58s %9s s %8s MB\n' "$1" "${secs[$2]:-skipped}" "$([[ -n ${rss[$2]:-} ]] && echo $((rss[$2] / 1024)) || echo -)"; }
ratio() { awk -v a="${secs[$1]:-0}" -v b="${secs[$2]:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "times (wall clock, peak RSS)"
row "git log -p --no-renames HEAD" log
row "git log -p --no-renames --first-parent HEAD" log_fp
row "faultline import git (full)" import
row "faultline import git --first-parent" import_fp
row "git blame --porcelain, each of $text_files text files" blame
echo
echo "ratios"
printf '  %-58s %9s   (target <= 1.0)\n' "import full / git log -p" "$(ratio import log)"
printf '  %-58s %9s\n' "import --first-parent / git log -p --first-parent" "$(ratio import_fp log_fp)"
printf '  %-58s %9s   (target >= 10)\n' "blame every file / import full" "$(ratio blame import)"
echo
echo "faultline's reports:"
sed 's/^/  full:         /' "$tmp/import.out"
sed 's/^/  first-parent: /' "$tmp/import_fp.out"
[[ -n $warnings ]] && echo "$warnings" | sed 's/^/  /'
echo "  workspace size (full): $(du -h "$tmp/full.faultline" | cut -f1)"
