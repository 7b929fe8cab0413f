#include "commit_graph.h"

#include "link_text.h"

#include <algorithm>

namespace faultline::importers::link {

namespace {

constexpr std::uint8_t kTip = 1;
constexpr std::uint8_t kBase = 2;

// Max-heap order: highest generation first, then the lower index (a deterministic walk).
bool queueLess(const std::pair<std::uint32_t, int>& a, const std::pair<std::uint32_t, int>& b)
{
    return a.first != b.first ? a.first < b.first : a.second > b.second;
}

} // namespace

CommitGraph::CommitGraph(const std::vector<store::LinkCommit>& commits,
                         const std::vector<store::LinkParent>& parents)
    : m_commits(&commits)
{
    const int n = int(commits.size());
    m_nextSameSha.assign(size_t(n), -1);
    m_firstBySha.reserve(n);
    // Backwards, so that the chain of a sha runs in commit id order.
    for (int i = n - 1; i >= 0; --i) {
        auto it = m_firstBySha.find(commits[size_t(i)].sha);
        if (it != m_firstBySha.end()) {
            m_nextSameSha[size_t(i)] = *it;
            *it = i;
        } else {
            m_firstBySha.insert(commits[size_t(i)].sha, i);
        }
    }

    // Parents as index lists (commit id order in both vectors); a parent outside the workspace (shallow
    // boundary) is left out, so its child is a root.
    m_parentStart.assign(size_t(n) + 1, 0);
    std::vector<std::pair<int, int>> edges;
    edges.reserve(parents.size());
    int c = 0;
    for (const store::LinkParent& p : parents) {
        while (c < n && commits[size_t(c)].id < p.commitId)
            ++c;
        if (c == n || commits[size_t(c)].id != p.commitId)
            continue;
        const int parent = find(commits[size_t(c)].repoId, p.parentSha);
        if (parent >= 0 && parent != c)
            edges.emplace_back(c, parent);
    }
    for (const auto& e : edges)
        ++m_parentStart[size_t(e.first) + 1];
    for (int i = 0; i < n; ++i)
        m_parentStart[size_t(i) + 1] += m_parentStart[size_t(i)];
    m_parents.resize(edges.size());
    {
        std::vector<int> fill(m_parentStart.begin(), m_parentStart.end() - 1);
        for (const auto& e : edges)
            m_parents[size_t(fill[size_t(e.first)]++)] = e.second;
    }

    // Generation numbers by an iterative depth-first walk; a cycle (a corrupt store) is cut where it
    // closes.
    m_generation.assign(size_t(n), 0);
    std::vector<std::uint8_t> state(size_t(n), 0); // 0 new, 1 on the stack, 2 done
    std::vector<std::pair<int, int>> stack; // commit, next parent position
    for (int root = 0; root < n; ++root) {
        if (state[size_t(root)])
            continue;
        stack.emplace_back(root, m_parentStart[size_t(root)]);
        state[size_t(root)] = 1;
        while (!stack.empty()) {
            auto& [node, next] = stack.back();
            if (next < m_parentStart[size_t(node) + 1]) {
                const int parent = m_parents[size_t(next++)];
                if (state[size_t(parent)] == 0) {
                    state[size_t(parent)] = 1;
                    stack.emplace_back(parent, m_parentStart[size_t(parent)]);
                }
                continue;
            }
            std::uint32_t g = 0;
            for (int k = m_parentStart[size_t(node)]; k < m_parentStart[size_t(node) + 1]; ++k)
                g = std::max(g, m_generation[size_t(m_parents[size_t(k)])]);
            m_generation[size_t(node)] = g + 1;
            state[size_t(node)] = 2;
            stack.pop_back();
        }
    }
    m_side.assign(size_t(n), 0);
}

QString CommitGraph::fullSha(const QString& sha) const
{
    if (m_firstBySha.contains(sha) || !looksLikeSha(sha) || sha.size() >= 40)
        return sha;
    if (m_sortedShas.empty() && m_commits && !m_commits->empty()) {
        m_sortedShas.reserve(m_commits->size());
        for (size_t i = 0; i < m_commits->size(); ++i)
            m_sortedShas.emplace_back((*m_commits)[i].sha, int(i));
        std::sort(m_sortedShas.begin(), m_sortedShas.end());
    }
    auto it = std::lower_bound(m_sortedShas.begin(), m_sortedShas.end(), std::make_pair(sha, -1));
    QString found;
    for (; it != m_sortedShas.end() && it->first.startsWith(sha); ++it) {
        if (!found.isEmpty() && found != it->first)
            return {}; // ambiguous
        found = it->first;
    }
    return found;
}

int CommitGraph::find(std::int64_t repoId, const QString& sha) const
{
    auto it = m_firstBySha.constFind(fullSha(sha));
    if (it == m_firstBySha.constEnd())
        return -1;
    for (int c = *it; c >= 0; c = m_nextSameSha[size_t(c)]) {
        if ((*m_commits)[size_t(c)].repoId == repoId)
            return c;
    }
    return -1;
}

std::vector<int> CommitGraph::findAll(const QString& sha) const
{
    std::vector<int> out;
    auto it = m_firstBySha.constFind(fullSha(sha));
    if (it != m_firstBySha.constEnd()) {
        for (int c = *it; c >= 0; c = m_nextSameSha[size_t(c)])
            out.push_back(c);
    }
    return out;
}

void CommitGraph::paint(int commit, std::uint8_t side) const
{
    std::uint8_t& s = m_side[size_t(commit)];
    const std::uint8_t before = s;
    if ((before | side) == before)
        return;
    s = std::uint8_t(before | side);
    if (before == 0) {
        m_touched.push_back(commit);
        m_queue.emplace_back(m_generation[size_t(commit)], commit);
        std::push_heap(m_queue.begin(), m_queue.end(), queueLess);
    }
    // A queued commit counts as "tip only" until the base side reaches it too.
    if (s == kTip)
        ++m_tipOnlyQueued;
    else if (before == kTip)
        --m_tipOnlyQueued;
}

void CommitGraph::range(int tip, int base, std::vector<int>& out) const
{
    m_queue.clear();
    m_tipOnlyQueued = 0;
    paint(tip, kTip);
    if (base >= 0)
        paint(base, kBase);
    // A commit is final when it leaves the queue: its children all have higher generations and
    // left before it. Once every queued commit is reachable from the base, nothing further can be
    // reachable from the tip alone.
    while (!m_queue.empty() && m_tipOnlyQueued > 0) {
        std::pop_heap(m_queue.begin(), m_queue.end(), queueLess);
        const int node = m_queue.back().second;
        m_queue.pop_back();
        const std::uint8_t side = m_side[size_t(node)];
        if (side == kTip) {
            --m_tipOnlyQueued;
            out.push_back(node);
        }
        for (int k = m_parentStart[size_t(node)]; k < m_parentStart[size_t(node) + 1]; ++k)
            paint(m_parents[size_t(k)], side);
    }
    for (int c : m_touched)
        m_side[size_t(c)] = 0;
    m_touched.clear();
    m_queue.clear();
}

} // namespace faultline::importers::link
