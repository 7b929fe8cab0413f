#pragma once

#include "commit_record.h"
#include "tree_state.h"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace faultline::importers::git {

// Replays history commit by commit (parents first), keeping for every open branch which commit
// wrote each line of each text file. What falls out: blame at any tip without running blame, and
// churn, every line a commit deleted with the commit that had written it.
class HistoryTracker
{
public:
    struct Churn
    {
        CommitIndex origin;
        std::string path;
        std::uint32_t lines;
    };
    struct FileOutcome
    {
        const FileDiff* file;
        std::uint32_t originated; // lines of the file whose origin is this commit (git blame's sense)
        FileLinesPtr lines; // the file after the commit (null for deletions and opaque files)
    };
    struct Outcome
    {
        std::uint32_t originated = 0; // the commit's added lines
        std::vector<FileOutcome> files;
        std::vector<Churn> churn;
    };

    // parents: the walked parents of each commit, by index (unwalked parents left out).
    // keep: commits whose state must survive (the tips that are blamed at the end).
    // churnFromMerges: in first-parent mode a merge is an ordinary commit and its deletions count.
    HistoryTracker(std::vector<std::vector<CommitIndex>> parents, std::vector<CommitIndex> keep, bool churnFromMerges);

    // Starts a commit's state from stored blame (incremental import): the commit is treated as applied.
    void seed(CommitIndex commit, TreeState state);
    Outcome apply(const CommitRecord& record);
    const TreeState* stateOf(CommitIndex commit) const;

private:
    TreeState takeBase(CommitIndex commit, const CommitRecord& record);
    void release(CommitIndex commit);

    std::vector<std::vector<CommitIndex>> m_parents;
    std::vector<std::uint32_t> m_pendingChildren;
    std::vector<bool> m_keep;
    bool m_churnFromMerges;
    std::unordered_map<CommitIndex, TreeState> m_states;
};

} // namespace faultline::importers::git
