#pragma once

#include "store/link_rows.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <utility>
#include <vector>

namespace faultline::importers::link {

// The imported histories in memory: commits by sha, parents as index lists and generation numbers
// (1 + the highest generation of the parents), so that git's `base..tip` is a walk from both ends
// that stops as soon as only commits reachable from `base` are left, instead of a reachability set
// per deployment. Commit indexes are positions in the `commits` vector (commit id order).
class CommitGraph
{
public:
    CommitGraph() = default;
    CommitGraph(const std::vector<store::LinkCommit>& commits, const std::vector<store::LinkParent>& parents);

    int size() const { return int(m_generation.size()); }

    // The commit with `sha` in one repository, or -1. An abbreviated sha (7+ hex digits) finds the
    // one commit it names; an ambiguous one finds none.
    int find(std::int64_t repoId, const QString& sha) const;
    // Every commit with `sha`, one per repository that holds it, lowest commit id first.
    std::vector<int> findAll(const QString& sha) const;

    // Appends the commits reachable from `tip` and not from `base` (-1: no base) to `out`, highest
    // generation first (ties: lower index first). Reuses scratch state: one walk at a time.
    void range(int tip, int base, std::vector<int>& out) const;

    std::uint32_t generation(int commit) const { return m_generation[size_t(commit)]; }

private:
    QString fullSha(const QString& sha) const;
    void paint(int commit, std::uint8_t side) const;

    const std::vector<store::LinkCommit>* m_commits = nullptr;
    QHash<QString, int> m_firstBySha;
    std::vector<int> m_nextSameSha; // the next commit (another repository) with the same sha
    mutable std::vector<std::pair<QString, int>> m_sortedShas; // built on the first abbreviated lookup
    std::vector<int> m_parentStart; // m_parents[m_parentStart[c] .. m_parentStart[c + 1])
    std::vector<int> m_parents;
    std::vector<std::uint32_t> m_generation;

    // Walk state, reused: which side reached a commit (1 tip, 2 base), the commits touched, the queue.
    mutable std::vector<std::uint8_t> m_side;
    mutable std::vector<int> m_touched;
    mutable std::vector<std::pair<std::uint32_t, int>> m_queue;
    mutable std::int64_t m_tipOnlyQueued = 0;
};

} // namespace faultline::importers::link
