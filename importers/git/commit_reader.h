#pragma once

#include "commit_record.h"
#include "git_ai_notes.h"
#include "git_handles.h"

#include "similarity.h"

#include <QString>

#include <optional>
#include <unordered_map>

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
    void diffAgainstOtherParents(const std::vector<TreePtr>& parentTrees, const git_tree* tree, CommitRecord& out);
    // A deleted path that git blame would follow `dst` to, or nullopt (see findRenames).
    std::optional<size_t> renameSource(const std::vector<struct TreeChange>& candidates, const std::vector<size_t>& deleted,
        const struct TreeChange& dst);
    void findRenames(std::vector<struct TreeChange>& changes);
    BlobPtr loadBlob(const git_oid& id, const std::string& path) const;
    FileDiff::Kind classify(const git_blob* blob, git_filemode_t mode) const;

    // Rename candidates' content hashes, by blob id, for the commit being read.
    std::unordered_map<std::string, std::optional<SpanHash>> m_spanHashes;
    const SpanHash* spanHashOf(const git_oid& id, const std::string& path);

    QString m_path;
    ReaderOptions m_options;
    RepositoryPtr m_repo;
    std::optional<GitAiNotesReader> m_notes;
};

} // namespace faultline::importers::git
