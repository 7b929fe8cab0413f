#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace faultline::importers::git {

// Commits are numbered in the order the history walk applies them (parents before children).
using CommitIndex = std::uint32_t;
inline constexpr CommitIndex kNoCommit = ~CommitIndex(0);

// One zero-context diff hunk, numbered as in a unified diff header "@@ -oldStart,oldLines +newStart,newLines @@":
// with oldLines == 0 the lines are inserted after old line oldStart (0 = before the first line).
struct Hunk
{
    std::int32_t oldStart = 0;
    std::int32_t oldLines = 0;
    std::int32_t newStart = 0;
    std::int32_t newLines = 0;
};

// A run of consecutive lines written by one commit.
struct LineRun
{
    CommitIndex origin;
    std::uint32_t count;
    bool operator==(const LineRun&) const = default;
};

// Which commit wrote each line of one file, as runs. Immutable once built: history states share
// them, and a commit that changes the file builds a new one.
class FileLines
{
public:
    FileLines() = default;
    explicit FileLines(std::vector<LineRun> runs);

    const std::vector<LineRun>& runs() const { return m_runs; }
    std::uint32_t lineCount() const { return m_lines; }
    // Origin of a 1-based line (for tests and `faultline blame`); kNoCommit when out of range.
    CommitIndex originOf(std::uint32_t line) const;

    // Builds the file after a diff: lines outside the hunks keep their origin, the hunks' new lines
    // get `author`. For every block of old lines the diff deletes, `deleted(origin, firstOldLine, count)`
    // is called (the caller decides what counts as churn). Hunks must be ordered and not overlap.
    FileLines apply(std::span<const Hunk> hunks, CommitIndex author,
        const std::function<void(CommitIndex origin, std::uint32_t firstOldLine, std::uint32_t count)>& deleted
        = {}) const;

    // git blame's rule for a merge: lines `merged` gives to `provisional` (the merge commit itself)
    // are taken by `other` where `other` (the same file built from another parent) has a real origin.
    // Both must have the same number of lines.
    static FileLines preferOrigins(const FileLines& merged, const FileLines& other, CommitIndex provisional);

    bool operator==(const FileLines& o) const { return m_lines == o.m_lines && m_runs == o.m_runs; }

private:
    void append(CommitIndex origin, std::uint32_t count);

    std::vector<LineRun> m_runs;
    std::uint32_t m_lines = 0;
};

using FileLinesPtr = std::shared_ptr<const FileLines>;

} // namespace faultline::importers::git
