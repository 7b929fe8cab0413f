#pragma once

#include "store/delivery_records.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::importers::deploys {

struct DeploymentOutcome
{
    QString status; // one of store::deployment_status
    QString statusRaw; // the status state that decided it; empty when there is none
    std::optional<std::int64_t> startedAt;
    std::optional<std::int64_t> finishedAt;
};

// The outcome of a GitHub deployment from all its statuses, oldest first (FORMATS.md §6a):
//  - started = the first in_progress, else the deployment's creation (`createdAt`, may be unknown);
//  - success when a success status exists and the last status other than inactive is not
//    failure/error; finished = the first success;
//  - failure when the last status other than inactive is failure or error; finished = that status;
//  - otherwise the last status other than inactive says running (in_progress) or queued
//    (queued/pending); with only inactive statuses, none, or a state GitHub does not document, the
//    outcome is unknown.
DeploymentOutcome gitHubOutcome(const std::vector<store::DeploymentStatusRecord>& oldestFirst,
                                std::optional<std::int64_t> createdAt);

// The states GitHub documents for a deployment status.
bool isGitHubStatusState(const QString& state);

} // namespace faultline::importers::deploys
