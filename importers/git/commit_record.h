#pragma once

#include "ai_rules.h"
#include "git_ai_notes.h"
#include "line_tracker.h"

#include <git2.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace faultline::importers::git {

struct Person
{
    std::string name;
    std::string email;
    std::int64_t timeMs = 0;
    std::int32_t offsetMinutes = 0;
};

// How one path changed in a commit, as the history walk needs it. Produced by a CommitReader on a
// worker thread, consumed in history order by the HistoryTracker.
struct FileDiff
{
    enum class Kind : std::uint8_t {
        Text, // tracked line by line
        Binary, // NUL bytes: opaque, no lines
        Opaque, // symlink or blob over the size cap: no lines
    };

    std::string path; // path in the commit (empty for a deletion: see oldPath)
    std::string oldPath; // path in the first parent; empty when the file is new
    char change = 'M'; // A, M, D, R (rename), T (type change)
    git_oid newId {}; // blob in this commit (zero for a deletion)
    Kind kind = Kind::Text;
    std::vector<Hunk> hunks; // first parent (or empty file) → this commit, zero context
    std::int32_t addedLines = 0; // '+' lines against the first parent
    std::int32_t deletedLines = 0; // '-' lines against the first parent
    // Content hashes of the '-' lines (with their old line numbers) and '+' lines, for move detection.
    std::vector<std::pair<std::uint32_t, std::uint64_t>> deletedHashes;
    std::vector<std::uint64_t> addedHashes;
    // Old line numbers (sorted) of deleted lines whose content is added elsewhere in the same commit:
    // moved, not churned. Filled by markMovedLines() once the whole commit is known.
    std::vector<std::uint32_t> movedOldLines;

    // Merges only (full mode), for parents after the first, in parent order: where the file is in that
    // parent (same path, or a rename source as git blame finds it) and the hunks from there to the merge.
    // `identical` means the merge's file equals that parent's, which then gives all the lines.
    struct OtherParent
    {
        int parent;
        std::string path;
        bool identical = false;
        std::vector<Hunk> hunks;
    };
    std::vector<OtherParent> otherParents;
};

struct CommitRecord
{
    CommitIndex index = 0;
    git_oid id {};
    bool hasMetadata = true; // false in the partial records of the shards that did not read it
    std::vector<git_oid> parents;
    std::vector<bool> parentMissing; // shallow clone boundary or pruned object
    Person author;
    Person committer;
    std::string message;
    std::string subject;
    std::vector<Trailer> trailers;
    std::optional<AiMatch> ai; // commit-level AI marker, when a rule matched
    std::optional<GitAiNote> note; // git-ai's line-level attribution, when the commit has a note
    std::string noteError; // a note that could not be read: reported as a warning, the commit still imports
    std::vector<FileDiff> files;
};

// Orders the files by path (so the result does not depend on how the work was split) and marks
// deleted lines whose content the commit adds anywhere: moved, not rewritten (METRICS.md "Code rework").
void markMovedLines(CommitRecord& record);

} // namespace faultline::importers::git
