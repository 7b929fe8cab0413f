#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz preset: clang, address + undefined) and runs each one on a seed
# corpus made from tests/data/ for N seconds. Exits non-zero when a target crashes, leaks, times out
# or runs out of memory; the input that did it is kept in build/fuzz/artifacts/<target>/.
#   scripts/fuzz.sh                    every target, 30 s each (what CI runs)
#   scripts/fuzz.sh --seconds 600      longer runs
#   scripts/fuzz.sh --only fuzz_csv    one target (repeatable)
#   scripts/fuzz.sh --no-build         run what is already built
# Needs clang and libclang-rt-14-dev (Debian 12). Corpora, dictionaries and artifacts live under
# build/fuzz/ only: nothing generated is written into the source tree.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=30
build=1
only=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --seconds=*) seconds="${1#*=}"; shift ;;
        --only) only+=("$2"); shift 2 ;;
        --only=*) only+=("${1#*=}"); shift ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "fuzz.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: --seconds takes a whole number" >&2; exit 2 ;; esac

bin=$root/build/fuzz
if [ "$build" = 1 ]; then
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz --target faultline_fuzz -j "$(nproc)"
fi
# targets.txt is a CMake list without a final newline: read stops at EOF with status 1.
IFS=';' read -r -a targets <"$bin/fuzz/targets.txt" || true
if [ ${#only[@]} -gt 0 ]; then
    targets=("${only[@]}")
fi

data=$root/tests/data
work=$bin/fuzz-run
mkdir -p "$work"

# Seed files for target $1: every fixture matching the globs that follow (relative to tests/data).
seed() {
    local target=$1 dir=$work/corpus/$1
    shift
    mkdir -p "$dir"
    local pattern file
    for pattern in "$@"; do
        for file in $data/$pattern; do
            [ -f "$file" ] && cp "$file" "$dir/seed-$(basename "$(dirname "$file")")-$(basename "$file")"
        done
    done
    # libFuzzer needs at least one input to start from.
    [ -n "$(ls -A "$dir")" ] || printf '' >"$dir/seed-empty"
}

# A seed written from text: seed_text <target> <name> <printf format> [args…]
seed_text() {
    local dir=$work/corpus/$1
    mkdir -p "$dir"
    printf "${@:3}" >"$dir/seed-$2"
}

seed fuzz_timestamp
for value in '2024-03-05T12:00:01.250Z' '2024-03-05 12:00:01,2593209+01:00' '2024-12-11T18:19:05.1134520Z' \
    '1709640002' '1709640002123' '1709640002.5' 'Fri Sep  2 22:04:05 1977' '15/Dec/11 3:35 PM' \
    '2024-03-05 12:00:01.123456789 +0000 UTC m=+0.1' '2024-03-31T02:30:00' '6,435' '1e-3'; do
    seed_text fuzz_timestamp "$(printf '%s' "$value" | md5sum | cut -c1-12)" '%s' "$value"
done
# The hand-made hostile corpus (tests/data/malformed) seeds the targets too: each file sits one fault
# away from a valid export, where parsers' error paths are.
seed fuzz_csv 'deployments/*.csv' 'incidents/*.csv' 'malformed/*/*.csv'
seed fuzz_ci_github_json 'github-actions/*.json' 'github-actions/*.jsonl' 'malformed/ci/gh_*.json' \
    'malformed/ci/*.jsonl' 'malformed/backwards-times/gh_run*.json'
seed fuzz_ci_gitlab_json 'gitlab-ci/*.json' 'malformed/ci/gitlab_*.json' 'malformed/backwards-times/gitlab_*.json'
seed fuzz_ci_jenkins_json 'jenkins/*.json' 'jenkins/*.jsonl' 'malformed/ci/wfapi_*.json' \
    'malformed/backwards-times/jenkins_*.json'
seed fuzz_ci_circleci_json 'circleci/*.json' 'circleci/*.jsonl' 'malformed/backwards-times/circleci_*.json'
seed fuzz_junit_xml 'junit/*.xml' 'malformed/*/*.xml'
seed fuzz_gitlab_trace 'gitlab-ci/*.log' 'malformed/backwards-times/*.log'
seed fuzz_github_log 'github-actions-logs/*.txt'
seed fuzz_log_archive 'github-actions-logs/*.zip'
seed fuzz_deploys 'deployments/*' 'malformed/deploys/*.csv' 'malformed/deploys/*.json' 'malformed/deploys/*.yaml' \
    'malformed/backwards-times/deployments_*' 'malformed/backwards-times/*deployment*.json' 'malformed/backwards-times/argocd_*'
seed fuzz_incidents 'incidents/*' 'malformed/incidents/*.csv' 'malformed/incidents/*.json' \
    'malformed/backwards-times/incidents_*' 'malformed/backwards-times/pagerduty_*' 'malformed/backwards-times/opsgenie_*' \
    'malformed/backwards-times/jira_*'
seed fuzz_prs 'pull-requests/*' 'malformed/prs/*.json' 'malformed/backwards-times/*_pr_*' \
    'malformed/backwards-times/*_pull_*' 'malformed/backwards-times/gitlab_mr_*'
seed fuzz_ai_rules
cp "$root/resources/ai_rules.json" "$work/corpus/fuzz_ai_rules/seed-ai_rules.json"
seed_text fuzz_ai_rules prefilter-trailer '%s\n%s' '^co-authored-by:\s*claude\b' 'Co-Authored-By: Claude <noreply@anthropic.com>'
seed_text fuzz_ai_rules prefilter-alt '%s\n%s' '(cursor|copilot)\[bot\]|noreply@(anthropic|openai)\.com' 'cursor[bot]'
seed fuzz_trailers
seed_text fuzz_trailers co-authored 'Fix login\n\nBody.\n\nCo-authored-by: Claude <noreply@anthropic.com>\nSigned-off-by: Ada <ada@example.com>\n'
seed_text fuzz_trailers merge "Merge pull request #12 from octo/cursor/fix-login\n\n---------\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>\n"
seed_text fuzz_trailers folded 'Subject\n\nGenerated-by: Aider\n  continued value\nAssisted-by: codex\n'
seed fuzz_git_ai_notes
seed_text fuzz_git_ai_notes authorship '%s' 'src/app.cpp
  s_7a3f09c2b1d4e8::t_0d5c3e1f7a9b2c 1-4,9-10,12
"docs/user guide.md"
  9c2e51d07a4b8f36 2-3
  h_2b8d4f6a0c1e3f 5
---
{"schema_version":"authorship/3.0.0","git_ai_version":"1.5.6","base_commit_sha":"3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f01",
 "prompts":{"9c2e51d07a4b8f36":{"agent_id":{"tool":"cursor","id":"c0","model":"gpt-5"}}},
 "sessions":{"s_7a3f09c2b1d4e8":{"agent_id":{"tool":"claude","id":"5d","model":"claude-sonnet-4-6"}}},
 "humans":{"h_2b8d4f6a0c1e3f":{"author":"Ada Lovelace <ada@example.com>"}}}
'
seed_text fuzz_git_ai_notes legacy '%s' '{"schema_version":"authorship/0.0.1","files":{"src/lib.rs":{"file":"src/lib.rs","authors":[{"author":"Claude","lines":[22,[30,32],31],"agent_metadata":null},{"author":"Grace Hopper","lines":[[1,3]],"agent_metadata":null}]}}}'

# Dictionaries: the tokens a format is made of, so mutations produce well-formed pieces.
dicts=$work/dict
mkdir -p "$dicts"
printf '%s\n' '"{"' '"}"' '"["' '"]"' '":"' '","' '"\\""' '"null"' '"true"' '"false"' '"-1"' '"1e308"' \
    '"\\u0000"' '"\\ud800"' '"\\n"' '"id"' '"name"' '"status"' '"conclusion"' '"created_at"' '"started_at"' \
    '"completed_at"' '"updated_at"' '"steps"' '"jobs"' '"workflow_runs"' '"number"' '"sha"' '"ref"' \
    '"environment"' '"state"' '"2024-03-05T12:00:01Z"' >"$dicts/json.dict"
printf '%s\n' '"<testsuites>"' '"<testsuite "' '"<testcase "' '"</testcase>"' '"<failure "' '"<skipped/>"' \
    '"<system-out>"' '"<![CDATA["' '"]]>"' '"<!DOCTYPE x ["' '"<!ENTITY a \\"b\\">"' '"&a;"' '"&#x0;"' \
    '"name=\\""' '"time=\\""' '"classname=\\""' '"timestamp=\\""' '"<?xml version=\\"1.0\\"?>"' >"$dicts/xml.dict"
printf '%s\n' '"section_start:"' '"section_end:"' '"\\x0d\\x1b[0K"' '"[collapsed=true]"' '"1709640002"' \
    '"2024-03-05T12:00:01.250000Z 00O "' '"2024-03-05T12:00:01.250000Z 00O+"' '"\\x0d"' >"$dicts/trace.dict"
printf '%s\n' '"2024-12-11T18:19:05.1134520Z "' '"\\xef\\xbb\\xbf"' '"##[group]Run "' '"##[endgroup]"' \
    '"##[error]"' '"Post job cleanup."' '"Process completed with exit code 1."' >"$dicts/log.dict"
printf '%s\n' '","' '"\\""' '"\\"\\""' '"\\x0d\\x0a"' '"\\xef\\xbb\\xbf"' '"NULL"' >"$dicts/csv.dict"
printf '%s\n' '"Co-authored-by: "' '"Signed-off-by: "' '"\\n\\n"' '"---"' '"Merge pull request #"' \
    '"Merge branch \\x27"' '"noreply@anthropic.com"' '"[bot]"' '" from "' >"$dicts/trailers.dict"

dict_for() {
    case "$1" in
        fuzz_ci_*|fuzz_deploys|fuzz_incidents|fuzz_prs|fuzz_git_ai_notes) echo "$dicts/json.dict" ;;
        fuzz_junit_xml) echo "$dicts/xml.dict" ;;
        fuzz_gitlab_trace) echo "$dicts/trace.dict" ;;
        fuzz_github_log) echo "$dicts/log.dict" ;;
        fuzz_csv) echo "$dicts/csv.dict" ;;
        fuzz_trailers) echo "$dicts/trailers.dict" ;;
    esac
}

failed=()
for target in "${targets[@]}"; do
    exe=$bin/fuzz/$target
    if [ ! -x "$exe" ]; then
        echo "fuzz.sh: $target is not built" >&2
        failed+=("$target")
        continue
    fi
    artifacts=$work/artifacts/$target
    mkdir -p "$artifacts"
    args=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
          -artifact_prefix="$artifacts/")
    dict=$(dict_for "$target")
    [ -n "$dict" ] && args+=(-dict="$dict")
    echo "== $target (${seconds} s)"
    # Leak checking stays on: a leak in a parser is a finding too.
    if ! ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        QT_QPA_PLATFORM=offscreen "$exe" "${args[@]}" "$work/corpus/$target" >"$work/$target.log" 2>&1; then
        tail -n 60 "$work/$target.log" >&2
        failed+=("$target")
    fi
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/$target.log" | tr '\n' ' ' || true
    echo
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: FAILED: ${failed[*]} (logs and crashing inputs under $work)" >&2
    exit 1
fi
echo "fuzz.sh: all ${#targets[@]} targets ran ${seconds} s without a finding"
