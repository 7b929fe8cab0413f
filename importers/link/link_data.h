#pragma once

#include "commit_graph.h"
#include "store/link_rows.h"

#include <QHash>
#include <QString>

#include <compare>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace faultline::importers::link {

// Link kinds and the types of what they connect (links.kind, links.from_type / to_type).
namespace kind {
inline const QString kRollback = QStringLiteral("rollback");
inline const QString kUnplanned = QStringLiteral("unplanned");
inline const QString kIncidentDeployment = QStringLiteral("incident_deployment");
inline const QString kPrCommit = QStringLiteral("pr_commit");
inline const QString kPrRun = QStringLiteral("pr_run");
} // namespace kind
namespace type {
inline const QString kDeployment = QStringLiteral("deployment");
inline const QString kIncident = QStringLiteral("incident");
inline const QString kPullRequest = QStringLiteral("pull_request");
inline const QString kCommit = QStringLiteral("commit");
inline const QString kRun = QStringLiteral("pipeline_run");
} // namespace type

// Everything the linker reads, loaded once, with the indexes several units share. Vectors are in
// id order; "index" below means a position in one of them.
struct LinkData
{
    std::vector<store::LinkRepo> repos;
    std::vector<store::LinkCommit> commits;
    std::vector<store::LinkPullRequest> prs;
    std::vector<store::LinkPrCommit> prCommits;
    std::vector<store::LinkDeployment> deployments;
    std::vector<store::LinkIncident> incidents;
    std::vector<store::LinkRun> runs;

    CommitGraph graph;
    QHash<std::int64_t, int> repoIndex; // repo id → index
    QHash<std::int64_t, int> prIndex; // pull request id → index
    std::vector<std::pair<int, int>> prCommitRange; // per PR index: [begin, end) in prCommits

    // Call once the vectors are loaded.
    void buildIndexes(const std::vector<store::LinkParent>& parents);

    const store::LinkRepo& repoOfCommit(int commit) const
    {
        return repos[size_t(repoIndex.value(commits[size_t(commit)].repoId))];
    }
    bool singleRepository() const { return repos.size() == 1; }
};

// Where deployments stand in time: finished, else started, else created (a deployment with none
// sorts last), ties by finished, started, created, id.
struct TimeKey
{
    std::int64_t effective = 0;
    std::int64_t finished = 0;
    std::int64_t started = 0;
    std::int64_t created = 0;
    std::int64_t id = 0;

    auto operator<=>(const TimeKey&) const = default;
};
TimeKey timeKey(const store::LinkDeployment& d);
// The time a deployment counts at: finished, else started, else created; nullopt with none.
std::optional<std::int64_t> deployedAt(const store::LinkDeployment& d);

bool isSuccess(const store::LinkDeployment& d);
// Success or failure: the deployments metrics count.
bool isFinal(const store::LinkDeployment& d);

// What the units compute, in memory until the linker writes it.
struct LinkResult
{
    explicit LinkResult(const LinkData& data);

    std::vector<store::DeploymentDerived> derived; // per deployment index
    std::vector<int> commitOf; // per deployment index: the deployed commit, or -1
    // Deployments of one service in one environment (case-insensitive), each in time order.
    std::vector<std::vector<int>> streams;
    std::vector<int> streamOf; // per deployment index
    std::vector<int> positionInStream; // per deployment index

    std::vector<store::ChangeRow> changes;
    std::vector<int> changeCommit; // per change row: the commit in history, or -1
    std::vector<int> changePrCommit; // per change row: the PR's own commit it stands for (prCommits), or -1
    std::vector<std::pair<size_t, size_t>> changesOf; // per deployment index: [begin, end) in changes

    std::vector<std::vector<int>> undone; // per deployment index: deployments a rollback undid

    QHash<QString, std::vector<store::LinkRow>> links; // by kind

    void link(const QString& kind, const QString& fromType, std::int64_t fromId, const QString& toType,
              std::int64_t toId, const QString& reason, const QString& detail);
};

} // namespace faultline::importers::link
