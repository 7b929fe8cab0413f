#pragma once

#include "commit_record.h"
#include "git_handles.h"

#include <QString>

#include <string>
#include <vector>

namespace faultline::importers::git {

struct ReaderOptions
{
    bool firstParent = false;
    std::int64_t maxBlobBytes = 4 * 1024 * 1024;
    std::vector<std::string> excludeGlobs; // fnmatch patterns; `*` also crosses '/'
    const AiRuleSet* rules = nullptr; // shared, read-only; null: no commit-level classification
};

// Reads one commit and diffs it against its parents. Each worker thread owns one reader, and each
// reader its own git_repository (libgit2 objects must not be shared across threads).
class CommitReader
{
public:
    CommitReader(const QString& repositoryPath, ReaderOptions options);

    CommitRecord read(const git_oid& id, CommitIndex index);
    git_repository* repository() const { return m_repo.get(); }

    bool isExcluded(const std::string& path) const;

private:
    struct Side;
    void readMetadata(git_commit* commit, CommitRecord& out);
    void diffAgainstFirstParent(const git_tree* parentTree, const git_tree* tree, bool trackMoves, CommitRecord& out);
    void diffAgainstOtherParents(const std::vector<TreePtr>& parentTrees, CommitRecord& out);
    void detectSimilarRenames(const git_tree* parentTree, const git_tree* tree, std::vector<struct TreeChange>& changes);
    BlobPtr loadBlob(const git_oid& id, const std::string& path) const;
    FileDiff::Kind classify(const git_blob* blob, git_filemode_t mode) const;

    QString m_path;
    ReaderOptions m_options;
    RepositoryPtr m_repo;
};

} // namespace faultline::importers::git
