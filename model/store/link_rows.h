#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace faultline::store {

// What the linker (importers/link) reads from the workspace and writes back: plain rows, loaded in
// one pass each, so that every link is computed in memory. Times are UTC epoch ms.

struct LinkRepo
{
    std::int64_t id = 0;
    QString name;
};

struct LinkCommit
{
    std::int64_t id = 0;
    std::int64_t repoId = 0;
    QString sha;
    QString subject;
    // The message, only when it holds "This reverts commit" (a revert); empty otherwise, so that the
    // messages of a whole history are not read.
    QString revertMessage;
    std::int64_t authoredAt = 0;
    std::int64_t committedAt = 0;
    bool isMerge = false;
    std::int64_t addedLines = 0;
    std::int64_t aiLines = 0;
};

// A parent edge, ordered by commit id and position.
struct LinkParent
{
    std::int64_t commitId = 0;
    QString parentSha;
};

struct LinkFile
{
    std::int64_t commitId = 0;
    QString path;
    QString oldPath; // renames: the path before
};

struct LinkPullRequest
{
    std::int64_t id = 0;
    QString provider;
    QString project;
    std::int64_t number = 0;
    QString title;
    QString author;
    QString headRef;
    QString headSha;
    QString mergeCommitSha;
    QString squashCommitSha;
    QStringList labels;
    QString url;
    std::optional<std::int64_t> mergedAt;
    // Stored flags the linker owns.
    bool isBot = false;
    QString botRule;
};

// Ordered by PR id, then sha.
struct LinkPrCommit
{
    std::int64_t prId = 0;
    QString sha;
    std::optional<std::int64_t> authoredAt;
    std::optional<std::int64_t> committedAt;
    QString headline;
};

// Columns of a deployment the linker derives (and owns).
struct DeploymentDerived
{
    std::optional<std::int64_t> repoId;
    std::optional<std::int64_t> previousId;
    std::optional<std::int64_t> changesetSize;
    QString changesetNote;
    bool isProduction = false;
    bool isRollback = false;
    bool isUnplanned = false;
    bool commitsKnown = false;
    std::optional<double> aiShare;

    bool operator==(const DeploymentDerived&) const = default;
};

struct LinkDeployment
{
    std::int64_t id = 0;
    QString provider;
    QString externalId;
    QString service;
    QString environment;
    QString status;
    std::optional<std::int64_t> createdAt;
    std::optional<std::int64_t> startedAt;
    std::optional<std::int64_t> finishedAt;
    QString commitSha;
    QString ref;
    QString repository;
    QString rollbackTarget;
    DeploymentDerived stored;
};

struct LinkIncident
{
    std::int64_t id = 0;
    QString externalId;
    QString displayKey;
    QString service;
    QString repository;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> resolvedAt;
    QString causedByDeployment;
    QString causedByCommitSha;
    QString causedByPr;
};

struct LinkRun
{
    std::int64_t id = 0;
    QString provider;
    QString project;
    QString headSha;
    std::optional<std::int64_t> prNumber;
};

// One row of the links table. `id` is 0 for a row not stored yet.
struct LinkRow
{
    QString kind;
    QString fromType;
    std::int64_t fromId = 0;
    QString toType;
    std::int64_t toId = 0;
    QString reason;
    QString detail;
    std::int64_t id = 0;
};

// One row of deployment_changes.
struct ChangeRow
{
    std::int64_t deploymentId = 0;
    QString sha;
    std::optional<std::int64_t> commitId;
    std::optional<std::int64_t> prId;
    QString standsFor;
    std::optional<std::int64_t> authoredAt;
    std::optional<std::int64_t> committedAt;
    QString reason;

    bool operator==(const ChangeRow&) const = default;
};

// What writing a full set of rows changed.
struct RowDiff
{
    std::int64_t rows = 0; // rows of the full set after the write
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t deleted = 0;
};

} // namespace faultline::store
