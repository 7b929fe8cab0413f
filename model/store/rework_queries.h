#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

class SqliteDatabase;

// The facts of METRICS.md "Code rework (line level)", as the git importer stored them. Added lines are
// blame-sense origins (commits.added_lines, commit_files.added) and churn rows already leave out moved
// lines, so the metric only windows and segments them.

struct ReworkCommit
{
    std::int64_t id = 0;
    std::int64_t repoId = 0;
    QString sha;
    std::int64_t authoredAt = 0; // epoch ms
    std::int64_t addedLines = 0;
    double aiShare = 0;
    std::int64_t aiLines = 0;
};

// Lines of `origin` that `removing` deleted or modified in `path`, `ageMs` after the origin's author time.
struct ReworkChurn
{
    std::int64_t id = 0;
    std::int64_t repoId = 0;
    QString path;
    std::int64_t originCommitId = 0;
    std::int64_t removingCommitId = 0;
    QString removingSha; // the removing commit may lie outside a windowed load
    std::int64_t lines = 0;
    std::int64_t ageMs = 0;
};

// One commit_files row: the commit touched the file and originated `addedLines` of it.
struct ReworkFileChange
{
    std::int64_t commitId = 0;
    QString path;
    std::int64_t addedLines = 0;
};

// Lines of a file at the imported head (sum of its line spans).
struct ReworkHeadFile
{
    std::int64_t repoId = 0;
    QString path;
    std::int64_t lines = 0;
};

struct ReworkRepo
{
    std::int64_t id = 0;
    QString name;
};

struct ReworkFacts
{
    std::vector<ReworkRepo> repos; // by id
    std::vector<ReworkCommit> commits; // by id
    std::vector<ReworkChurn> churn; // by id
    std::vector<ReworkFileChange> fileChanges; // by commit id, path
    std::vector<ReworkHeadFile> headFiles; // by repo id, path
};

// All rework facts of the workspace. With fromMs / toMs, only commits authored in [fromMs, toMs), the
// churn rows whose origin is one of them and their file changes are loaded (a cheaper read; the metric
// applies the same window itself).
ReworkFacts loadReworkFacts(const SqliteDatabase& db, std::optional<std::int64_t> fromMs = std::nullopt,
                            std::optional<std::int64_t> toMs = std::nullopt);

} // namespace faultline::store
