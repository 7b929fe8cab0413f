#!/usr/bin/env bash
# make_history.sh — generate a realistic git history quickly, for bench/git_import.sh and for
# checking blame agreement on a large repository.
#
# Usage: bench/make_history.sh <dir> <commits> [seed]
#
# Creates a new repository in <dir> (which must not exist or be empty) with about <commits> commits
# written by one `git fast-import` run (10,000 commits take a few seconds). The generator (awk, no
# other dependency) keeps the content of every file, so each commit is a real edit of the previous
# state:
#   * ~150 code-like files at the start (C-style functions: repeated braces and blank lines make
#     diffs ambiguous), growing to a few hundred; some files are hot, most are edited rarely;
#   * edits: lines modified, blocks inserted, ranges deleted, blocks moved inside a file, larger
#     rewrites; files added, deleted, renamed exactly, renamed with edits;
#   * topic branches (every ~40 commits) with 2-10 commits on a few files while main goes on with
#     others, merged with --no-ff merges; about one merge in five also changes a line ("evil merge");
#   * 6 authors, one commit in eight with a `Co-authored-by: Claude` trailer, 1-8 hours between
#     commits starting 2020-01-01.
# The same <commits> and [seed] always give the same repository (same shas).
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 <dir> <commits> [seed]" >&2
    exit 2
fi
dir=$1
commits=$2
seed=${3:-42}
if [[ -e $dir && -n $(ls -A "$dir" 2>/dev/null) ]]; then
    echo "$0: $dir exists and is not empty" >&2
    exit 1
fi
mkdir -p "$dir"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
git init -q -b main "$dir"

LC_ALL=C awk -v commits="$commits" -v seed="$seed" '
function rnd(n) { return int(rand() * n) }                 # 0 .. n-1
function codeLine(   k) {
    k = rnd(20)
    if (k < 3) return "}"
    if (k < 5) return ""
    if (k < 6) return "{"
    if (k < 7) return "    return 0;"
    if (k < 9) return "    if (value_" rnd(500) " > limit) {"
    return "    value_" rnd(100000) " = compute(" rnd(1000) ", item_" rnd(100) ");"
}
function functionBlock(b, f, at,   name, lines, i) {
    # a whole function: header, brace, a few statements, closing brace, blank line
    name = "int function_" (++fnCount) "(int limit)"
    lines = 3 + rnd(6)
    buf[1] = name; buf[2] = "{"
    for (i = 1; i <= lines; i++) buf[2 + i] = codeLine()
    buf[lines + 3] = "    return limit;"; buf[lines + 4] = "}"; buf[lines + 5] = ""
    insertBuf(b, f, at, lines + 5)
}
# Content of file f on branch b: n[b,f] lines L[b,f,1..n].
function insertBuf(b, f, at, count,   i) {    # insert buf[1..count] before line at (1-based)
    for (i = n[b,f]; i >= at; i--) L[b,f,i + count] = L[b,f,i]
    for (i = 1; i <= count; i++) L[b,f,at + i - 1] = buf[i]
    n[b,f] += count
}
function insertLines(b, f, at, count,   i) {
    for (i = 1; i <= count; i++) buf[i] = codeLine()
    if (count) insertBuf(b, f, at, count)
}
function deleteLines(b, f, at, count,   i) {
    if (at + count - 1 > n[b,f]) count = n[b,f] - at + 1
    if (count <= 0) return 0
    for (i = at; i + count <= n[b,f]; i++) L[b,f,i] = L[b,f,i + count]
    for (i = n[b,f] - count + 1; i <= n[b,f]; i++) delete L[b,f,i]
    n[b,f] -= count
    return count
}
function copyFile(from, to, f,   i) {
    for (i = 1; i <= n[to,f]; i++) delete L[to,f,i]
    n[to,f] = n[from,f]
    for (i = 1; i <= n[from,f]; i++) L[to,f,i] = L[from,f,i]
}
function newFile(b,   f, k, i) {
    f = ++nfiles
    alive[f] = 1
    path[f] = dirs[rnd(ndirs)] "/" words[rnd(nwords)] "_" f ".c"
    n[b,f] = 0
    for (k = 0; k < 2 + rnd(12); k++) functionBlock(b, f, n[b,f] + 1)
    return f
}
function edit(b, f,   op, at, count, i, k) {
    op = rnd(100)
    if (n[b,f] < 4) { functionBlock(b, f, n[b,f] + 1); return }
    at = 1 + rnd(n[b,f])
    if (op < 45) {                      # modify a few lines (sometimes with a different count)
        count = 1 + rnd(rnd(10) == 0 ? 15 : 4)
        count = deleteLines(b, f, at, count)
        insertLines(b, f, at, count + (rnd(4) == 0 ? rnd(3) - 1 : 0))
    } else if (op < 65) {               # new function
        functionBlock(b, f, at)
    } else if (op < 72) {               # a few new statements
        insertLines(b, f, at, 1 + rnd(6))
    } else if (op < 85) {               # delete a range
        deleteLines(b, f, at, 1 + rnd(6))
    } else if (op < 95) {               # move a block inside the file
        count = 3 + rnd(6)
        if (at + count - 1 > n[b,f]) return
        for (i = 1; i <= count; i++) mv[i] = L[b,f,at + i - 1]
        deleteLines(b, f, at, count)
        k = 1 + rnd(n[b,f] + 1)
        for (i = 1; i <= count; i++) buf[i] = mv[i]
        insertBuf(b, f, k, count)
    } else {                            # rewrite about a third
        count = int(n[b,f] / 3) + 1
        at = 1 + rnd(n[b,f] - count + 1)
        deleteLines(b, f, at, count)
        insertLines(b, f, at, count)
    }
}
function emit(b, f,   i, s) {
    s = ""
    for (i = 1; i <= n[b,f]; i++) s = s L[b,f,i] "\n"
    printf "M 100644 inline %s\ndata %d\n%s\n", path[f], length(s), s
}
function header(ref, msg,   who, body) {
    t += 3600 + rnd(7 * 3600)
    who = authors[rnd(nauthors)]
    body = msg "\n\n" "Change number " (++mark) ".\n"
    if (rnd(8) == 0) body = body "\nCo-authored-by: Claude <noreply@anthropic.com>\n"
    printf "commit %s\nmark :%d\nauthor %s %d +0000\ncommitter %s %d +0000\ndata %d\n%s", ref, mark, who, t, who, t, length(body), body
}
function pickFile(avoidTopic,   f, tries) {
    for (tries = 0; tries < 50; tries++) {
        f = 1 + int(nfiles * rand() * rand())         # low ids are hot
        if (!alive[f] || (avoidTopic && inTopic[f])) f = 1 + rnd(nfiles)
        if (alive[f] && !(avoidTopic && inTopic[f])) return f
    }
    return 0
}
function mainCommit(   k, f, g, m, op) {
    op = rnd(1000)
    if (op < 30) {                                   # add a file
        header("refs/heads/main", "Add " words[rnd(nwords)] " module")
        f = newFile("main"); emit("main", f)
    } else if (op < 40 && (f = pickFile(1))) {       # delete a file
        header("refs/heads/main", "Remove " path[f])
        printf "D %s\n", path[f]; alive[f] = 0
    } else if (op < 50 && (f = pickFile(1))) {       # exact rename
        header("refs/heads/main", "Move " path[f])
        g = dirs[rnd(ndirs)] "/renamed_" f "_" rnd(1000) ".c"
        printf "R %s %s\n", path[f], g; path[f] = g
    } else if (op < 58 && (f = pickFile(1))) {       # rename with a small edit
        header("refs/heads/main", "Rename and adjust " path[f])
        printf "D %s\n", path[f]
        path[f] = dirs[rnd(ndirs)] "/moved_" f "_" rnd(1000) ".c"
        edit("main", f); emit("main", f)
    } else {
        header("refs/heads/main", "Update " words[rnd(nwords)] " handling")
        m = 1 + rnd(rnd(4) == 0 ? 6 : 3)
        delete touched
        for (k = 0; k < m; k++) {
            if (!(f = pickFile(1))) continue
            edit("main", f); touched[f] = 1
        }
        for (f in touched) emit("main", f)
    }
    mainTip = mark; commitCount++
}
BEGIN {
    srand(seed)
    split("core net ui store util io gfx audio parse test", dirs, " "); ndirs = 10
    for (i = 1; i <= ndirs; i++) dirs[i - 1] = "src/" dirs[i]
    nwords = split("alpha beta gamma delta cache queue parser writer reader socket buffer timer config logger index router", w, " ")
    for (i = 1; i <= nwords; i++) words[i - 1] = w[i]
    nauthors = 6
    authors[0] = "Ada Lovelace <ada@example.com>"; authors[1] = "Alan Turing <alan@example.com>"
    authors[2] = "Grace Hopper <grace@example.com>"; authors[3] = "Edsger Dijkstra <edsger@example.com>"
    authors[4] = "Barbara Liskov <barbara@example.com>"; authors[5] = "Donald Knuth <don@example.com>"
    t = 1577836800  # 2020-01-01
    header("refs/heads/main", "Initial import")
    for (k = 0; k < 150; k++) { f = newFile("main"); emit("main", f) }
    mainTip = mark; commitCount = 1
    topicOpen = 0
    while (commitCount < commits) {
        if (!topicOpen && rnd(40) == 0 && commitCount + 12 < commits) {
            topicOpen = 1; topicLeft = 2 + rnd(9); topicFirst = 1
            delete inTopic; delete topicFiles; nt = 0
            for (k = 0; k < 2 + rnd(5); k++) {
                f = pickFile(1)
                if (f && !inTopic[f]) { inTopic[f] = 1; topicFiles[++nt] = f; copyFile("main", "topic", f) }
            }
        }
        if (topicOpen && rnd(2) == 0) {
            header("refs/heads/topic", "Topic work on " words[rnd(nwords)])
            if (topicFirst) { printf "from :%d\n", mainTip; topicFirst = 0 }
            delete touched
            for (k = 0; k < 1 + rnd(2); k++) { f = topicFiles[1 + rnd(nt)]; edit("topic", f); touched[f] = 1 }
            for (f in touched) emit("topic", f)
            topicTip = mark; commitCount++
            if (--topicLeft == 0) {
                header("refs/heads/main", "Merge branch topic")
                printf "from :%d\nmerge :%d\n", mainTip, topicTip
                for (k = 1; k <= nt; k++) {
                    f = topicFiles[k]; copyFile("topic", "main", f)
                    if (k == 1 && rnd(5) == 0 && n["main",f] > 2) L["main",f,1 + rnd(n["main",f])] = "    /* resolved while merging */"
                    emit("main", f)
                }
                mainTip = mark; commitCount++
                topicOpen = 0; delete inTopic
            }
        } else {
            mainCommit()
        }
    }
}' | git -C "$dir" fast-import --quiet
git -C "$dir" update-ref -d refs/heads/topic 2>/dev/null || true
git -C "$dir" reset -q --hard main
echo "$dir: $(git -C "$dir" rev-list --count HEAD) commits ($(git -C "$dir" rev-list --count --merges HEAD) merges)," \
    "$(git -C "$dir" ls-files | wc -l) files, $(cd "$dir" && git ls-files -z | xargs -0 cat | wc -l) lines at HEAD"
