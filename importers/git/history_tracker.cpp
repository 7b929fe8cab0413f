#include "history_tracker.h"

#include <algorithm>
#include <stdexcept>

namespace faultline::importers::git {

HistoryTracker::HistoryTracker(std::vector<std::vector<CommitIndex>> parents, std::vector<CommitIndex> keep, bool churnFromMerges)
    : m_parents(std::move(parents))
    , m_pendingChildren(m_parents.size(), 0)
    , m_keep(m_parents.size(), false)
    , m_churnFromMerges(churnFromMerges)
{
    for (const auto& ps : m_parents) {
        for (CommitIndex p : ps)
            ++m_pendingChildren.at(p);
    }
    for (CommitIndex k : keep)
        m_keep.at(k) = true;
}

void HistoryTracker::seed(CommitIndex commit, TreeState state)
{
    m_states[commit] = std::move(state);
}

const TreeState* HistoryTracker::stateOf(CommitIndex commit) const
{
    auto it = m_states.find(commit);
    return it == m_states.end() ? nullptr : &it->second;
}

TreeState HistoryTracker::takeBase(CommitIndex commit, const CommitRecord& record)
{
    const auto& ps = m_parents.at(commit);
    if (ps.empty() || record.parentMissing.empty() || record.parentMissing.front())
        return {};
    const CommitIndex first = ps.front();
    auto it = m_states.find(first);
    if (it == m_states.end())
        throw std::logic_error("history walk applied a commit before its first parent");
    // The last child of a parent takes its state over instead of copying it.
    if (m_pendingChildren[first] == 1 && !m_keep[first]) {
        TreeState moved = std::move(it->second);
        m_states.erase(it);
        return moved;
    }
    return it->second;
}

void HistoryTracker::release(CommitIndex commit)
{
    for (CommitIndex p : m_parents.at(commit)) {
        if (m_pendingChildren[p] > 0 && --m_pendingChildren[p] == 0 && !m_keep[p])
            m_states.erase(p);
    }
}

HistoryTracker::Outcome HistoryTracker::apply(const CommitRecord& record)
{
    const CommitIndex self = record.index;
    const auto& ps = m_parents.at(self);
    const bool merge = ps.size() > 1;
    const bool churn = !merge || m_churnFromMerges;
    TreeState state = takeBase(self, record);
    Outcome outcome;
    outcome.files.reserve(record.files.size());
    std::map<std::pair<CommitIndex, std::string>, std::uint32_t> churned;

    // Every file's starting point is read before any is changed: a rename source may feed several new
    // paths (as in git blame, which follows each path on its own).
    std::vector<FileLinesPtr> bases;
    bases.reserve(record.files.size());
    for (const FileDiff& f : record.files)
        bases.push_back(f.oldPath.empty() ? nullptr : state.find(f.oldPath));

    for (size_t k = 0; k < record.files.size(); ++k) {
        const FileDiff& f = record.files[k];
        const std::string& path = f.path.empty() ? f.oldPath : f.path;
        const FileLinesPtr& before = bases[k];
        auto deleted = [&](CommitIndex origin, std::uint32_t first, std::uint32_t count) {
            if (!churn)
                return;
            // Lines whose content the commit adds elsewhere were moved, not rewritten.
            const auto lo = std::lower_bound(f.movedOldLines.begin(), f.movedOldLines.end(), first);
            const auto hi = std::lower_bound(lo, f.movedOldLines.end(), first + count);
            const std::uint32_t lines = count - std::uint32_t(hi - lo);
            if (lines > 0)
                churned[{ origin, path }] += lines;
        };
        if (!f.oldPath.empty() && f.oldPath != f.path)
            state.erase(f.oldPath);

        if (f.path.empty() || f.kind != FileDiff::Kind::Text) {
            // Deleted, or no longer a text file we can follow: every tracked line goes.
            if (before && f.path.empty()) {
                std::uint32_t line = 1;
                for (const LineRun& r : before->runs()) {
                    deleted(r.origin, line, r.count);
                    line += r.count;
                }
            }
            if (!f.path.empty())
                state.erase(f.path);
            outcome.files.push_back({ &f, 0, nullptr });
            continue;
        }

        static const FileLines empty;
        const FileLines& base = before ? *before : empty;
        FileLines after = base.apply(f.hunks, self, deleted);
        if (merge) {
            // git blame's order: a parent whose file is identical takes every line; otherwise each parent
            // in turn claims the lines it explains that earlier parents left to the merge.
            const FileDiff::OtherParent* identical = nullptr;
            for (const auto& other : f.otherParents) {
                if (other.identical) {
                    identical = &other;
                    break;
                }
            }
            for (const auto& other : f.otherParents) {
                if (identical && &other != identical)
                    continue;
                if (size_t(other.parent) >= ps.size())
                    continue;
                const TreeState* theirs = stateOf(ps[size_t(other.parent)]);
                FileLinesPtr lines = theirs ? theirs->find(other.path) : nullptr;
                if (!lines)
                    continue;
                after = identical ? *lines
                                  : FileLines::preferOrigins(after, lines->apply(other.hunks, self), self);
            }
        }
        std::uint32_t originated = 0;
        for (const LineRun& r : after.runs()) {
            if (r.origin == self)
                originated += r.count;
        }
        outcome.originated += originated;
        auto shared = std::make_shared<const FileLines>(std::move(after));
        state.set(f.path, shared);
        outcome.files.push_back({ &f, originated, std::move(shared) });
    }

    for (auto& [key, lines] : churned) {
        if (key.first != kNoCommit)
            outcome.churn.push_back({ key.first, key.second, lines });
    }
    release(self);
    if (m_pendingChildren[self] > 0 || m_keep[self])
        m_states[self] = std::move(state);
    return outcome;
}

} // namespace faultline::importers::git
