#pragma once

#include <git2.h>

#include <string>
#include <vector>

namespace faultline::importers::git {

// One path whose entry differs between two trees. A side where the path is absent has mode 0.
struct TreeChange
{
    std::string path;
    git_oid oldId {};
    git_oid newId {};
    git_filemode_t oldMode = GIT_FILEMODE_UNREADABLE;
    git_filemode_t newMode = GIT_FILEMODE_UNREADABLE;
    // Filled by rename detection: the deleted path an added one continues (old side then set from it),
    // and whether this deleted path is such a source (its lines moved, so it is not a deletion).
    std::string renamedFrom;
    bool renameSource = false;

    bool added() const { return oldMode == GIT_FILEMODE_UNREADABLE; }
    bool deleted() const { return newMode == GIT_FILEMODE_UNREADABLE; }
};

// Lists the non-tree entries (blobs, symlinks, submodules) that differ between two trees, in path
// order. Subtrees with equal ids are skipped without being read, which is what makes a history walk
// cheap compared with a full git_diff_tree_to_tree. Either tree may be null (an empty tree).
void diffTrees(git_repository* repo, const git_tree* oldTree, const git_tree* newTree, std::vector<TreeChange>& out);

} // namespace faultline::importers::git
