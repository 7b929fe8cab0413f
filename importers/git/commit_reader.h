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

    // Reads a commit's share of work: with several shards, only the files whose path hashes to `shard`
    // (so each worker keeps seeing the same files, whose previous blobs are still in its object cache),
    // and the commit's metadata only in shard `index % shards`. All shards' records make the whole commit.
    CommitRecord read(const git_oid& id, CommitIndex index, unsigned shard = 0, unsigned shards = 1);

    bool isExcluded(const std::string& path) const;
    bool ownsPath(const std::string& path) const;

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
    // The blob at `path`, from the reader's own table of each tracked path's latest version: a file's
    // old side in one commit is its new side in the previous commit that changed it, so each version
    // is inflated once. The table holds one blob per path this reader owns, so its memory follows the
    // size of the files at HEAD, not the length of the history.
    const git_blob* currentBlob(const git_oid& id, const std::string& path);
    FileDiff::Kind classify(const git_blob* blob, git_filemode_t mode) const;

    // Rename candidates' content hashes, by blob id, for the commit being read.
    std::unordered_map<std::string, std::optional<SpanHash>> m_spanHashes;
    std::unordered_map<std::string, BlobPtr> m_current;
    std::vector<BlobPtr> m_retired;
    const SpanHash* spanHashOf(const git_oid& id, const std::string& path);

    QString m_path;
    ReaderOptions m_options;
    unsigned m_shard = 0;
    unsigned m_shards = 1;
    RepositoryPtr m_repo;
    std::optional<GitAiNotesReader> m_notes;
};

} // namespace faultline::importers::git
