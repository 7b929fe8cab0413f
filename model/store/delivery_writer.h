#pragma once

#include "ci_writer.h"
#include "delivery_records.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

class ImportBatch;

// Writes deployments, deployment statuses, incidents and pull requests within one ImportBatch: all
// SQL of those importers lives here. Upserts on natural keys — deployment (provider, external id),
// incident (provider, external id), pull request (provider, project, number) — so a re-import adds
// nothing twice; a record older than the stored one (updated_at) does not overwrite it, and a field
// an export lacks never erases a value another export provided.
class DeliveryWriter
{
public:
    explicit DeliveryWriter(ImportBatch& batch);

    std::int64_t upsertDeployment(const DeploymentRecord& deployment);
    std::optional<std::int64_t> findDeployment(const QString& provider, const QString& externalId);
    // Removes a deployment stored while it was running, now that a later export holds it under its
    // final id (Argo CD: a running operation becomes a history entry). Returns whether one was removed.
    bool removeRunningDeployment(const QString& provider, const QString& externalId);

    // Stores one status of a stored deployment; false when the deployment is not in the workspace.
    bool upsertDeploymentStatus(const DeploymentStatusRecord& status);
    // All stored statuses of a deployment, oldest first (ties by external id).
    std::vector<DeploymentStatusRecord> statusesOf(std::int64_t deploymentId);
    // The outcome derived from the statuses (the importer knows the source's rules).
    void setDeploymentOutcome(std::int64_t deploymentId, const QString& status, const QString& statusRaw,
                              std::optional<std::int64_t> startedAt, std::optional<std::int64_t> finishedAt);

    std::int64_t upsertIncident(const IncidentRecord& incident);
    std::int64_t upsertPullRequest(const PullRequestRecord& pr);

private:
    ImportBatch& m_batch;
    CiWriter m_fingerprints; // the fingerprints table is shared with CI failures
};

} // namespace faultline::store
