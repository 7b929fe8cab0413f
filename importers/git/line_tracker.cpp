#include "line_tracker.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace faultline::importers::git {

FileLines::FileLines(std::vector<LineRun> runs)
{
    for (const LineRun& r : runs)
        append(r.origin, r.count);
}

void FileLines::append(CommitIndex origin, std::uint32_t count)
{
    if (count == 0)
        return;
    if (!m_runs.empty() && m_runs.back().origin == origin)
        m_runs.back().count += count;
    else
        m_runs.push_back({ origin, count });
    m_lines += count;
}

CommitIndex FileLines::originOf(std::uint32_t line) const
{
    if (line == 0 || line > m_lines)
        return kNoCommit;
    std::uint32_t seen = 0;
    for (const LineRun& r : m_runs) {
        seen += r.count;
        if (line <= seen)
            return r.origin;
    }
    return kNoCommit;
}

namespace {

// Walks the runs of an old file line by line in blocks, splitting runs where a hunk cuts them.
class RunCursor
{
public:
    explicit RunCursor(const std::vector<LineRun>& runs)
        : m_runs(runs)
    {
    }

    // Hands out the next `count` old lines as (origin, n) pieces.
    template <typename F>
    void take(std::uint32_t count, F&& piece)
    {
        while (count > 0) {
            if (m_run >= m_runs.size())
                throw std::out_of_range("diff hunk reaches past the end of the tracked file");
            const LineRun& r = m_runs[m_run];
            const std::uint32_t available = r.count - m_offset;
            const std::uint32_t n = std::min(available, count);
            piece(r.origin, n);
            m_offset += n;
            count -= n;
            m_line += n;
            if (m_offset == r.count) {
                ++m_run;
                m_offset = 0;
            }
        }
    }

    std::uint32_t line() const { return m_line; } // old lines consumed so far

private:
    const std::vector<LineRun>& m_runs;
    size_t m_run = 0;
    std::uint32_t m_offset = 0;
    std::uint32_t m_line = 0;
};

} // namespace

FileLines FileLines::apply(std::span<const Hunk> hunks, CommitIndex author,
    const std::function<void(CommitIndex, std::uint32_t, std::uint32_t)>& deleted) const
{
    FileLines out;
    out.m_runs.reserve(m_runs.size() + 2 * hunks.size());
    RunCursor cursor(m_runs);
    auto keep = [&out](CommitIndex origin, std::uint32_t n) { out.append(origin, n); };
    for (const Hunk& h : hunks) {
        if (h.oldStart < 0 || h.oldLines < 0 || h.newLines < 0)
            throw std::invalid_argument("negative diff hunk bounds");
        // First old line the hunk removes (1-based); for a pure insertion, the line after the insertion point.
        const std::uint32_t firstRemoved = h.oldLines > 0 ? std::uint32_t(h.oldStart) : std::uint32_t(h.oldStart) + 1;
        if (firstRemoved < cursor.line() + 1)
            throw std::invalid_argument("diff hunks overlap or are out of order");
        cursor.take(firstRemoved - 1 - cursor.line(), keep);
        std::uint32_t oldLine = firstRemoved;
        cursor.take(std::uint32_t(h.oldLines), [&](CommitIndex origin, std::uint32_t n) {
            if (deleted)
                deleted(origin, oldLine, n);
            oldLine += n;
        });
        out.append(author, std::uint32_t(h.newLines));
    }
    if (cursor.line() > m_lines)
        throw std::out_of_range("diff hunk reaches past the end of the tracked file");
    cursor.take(m_lines - cursor.line(), keep);
    return out;
}

FileLines FileLines::preferOrigins(const FileLines& merged, const FileLines& other, CommitIndex provisional)
{
    if (merged.m_lines != other.m_lines)
        throw std::invalid_argument("merge sides disagree on the file's line count");
    FileLines out;
    RunCursor theirs(other.m_runs);
    for (const LineRun& r : merged.m_runs) {
        if (r.origin != provisional) {
            theirs.take(r.count, [](CommitIndex, std::uint32_t) { });
            out.append(r.origin, r.count);
            continue;
        }
        theirs.take(r.count, [&](CommitIndex origin, std::uint32_t n) { out.append(origin, n); });
    }
    return out;
}

} // namespace faultline::importers::git
