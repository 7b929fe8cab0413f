#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

class SqliteDatabase;

// What the DORA metrics (METRICS.md "The five DORA metrics") read about one deployment. All
// deployments are loaded, not only the production ones in the period: the next deployment of a
// service and the production rule of the caller decide what counts.
struct DoraDeployment
{
    std::int64_t id = 0;
    QString service;
    QString environment;
    QString status; // deployment_status
    // finished_at, else started_at, else created_at: when the deployment took effect.
    std::optional<std::int64_t> at;
    bool isProduction = false; // the linker's verdict under the workspace's production rule
    bool isRollback = false;
    bool isUnplanned = false;
    bool commitsKnown = false;
    std::optional<double> aiShare;
};

// One commit of a deployment's changeset (deployment_changes) with the AI share of its commit row
// (none for PR commits that are in no imported history).
struct DoraChange
{
    std::int64_t deploymentId = 0;
    QString sha;
    std::optional<std::int64_t> authoredAt;
    std::optional<std::int64_t> committedAt;
    std::optional<double> aiShare;
};

// A link of kind rollback (from the rollback to a deployment it undid) or unplanned (from the
// unplanned deployment to its evidence); `otherId` is the other end.
struct DoraLink
{
    std::int64_t deploymentId = 0;
    std::int64_t otherId = 0;
    QString reason;
};

// An incident_deployment link with the incident's resolution time.
struct DoraIncidentLink
{
    std::int64_t incidentId = 0;
    std::int64_t deploymentId = 0;
    std::optional<std::int64_t> resolvedAt;
    QString reason;
};

struct DoraFacts
{
    std::vector<DoraDeployment> deployments; // by id
    std::vector<DoraChange> changes; // by deployment id, sha
    std::vector<DoraLink> rollbacks; // undone deployment (deploymentId) ← rollback (otherId)
    std::vector<DoraLink> unplanned; // unplanned deployment → evidence
    std::vector<DoraIncidentLink> incidents; // by deployment id, incident id
    QString productionRule; // link.production_environment; empty: the default
};

// Everything the DORA metrics need, each table in one ordered query. With a period, changesets are
// loaded only for deployments that took effect in [fromMs, toMs): the only ones whose changesets a
// metric of that period reads.
DoraFacts loadDoraFacts(const SqliteDatabase& db, std::optional<std::int64_t> fromMs = std::nullopt,
                        std::optional<std::int64_t> toMs = std::nullopt);

} // namespace faultline::store
