#include "github_outcome.h"

namespace faultline::importers::deploys {

namespace ds = store::deployment_status;

bool isGitHubStatusState(const QString& state)
{
    static const QStringList known { QStringLiteral("error"),    QStringLiteral("failure"),
                                     QStringLiteral("inactive"), QStringLiteral("in_progress"),
                                     QStringLiteral("queued"),   QStringLiteral("pending"),
                                     QStringLiteral("success") };
    return known.contains(state);
}

DeploymentOutcome gitHubOutcome(const std::vector<store::DeploymentStatusRecord>& oldestFirst,
                                std::optional<std::int64_t> createdAt)
{
    DeploymentOutcome out;
    out.status = QString::fromLatin1(ds::kUnknown);
    out.startedAt = createdAt;

    const store::DeploymentStatusRecord* firstSuccess = nullptr;
    const store::DeploymentStatusRecord* lastActive = nullptr; // the last one that is not inactive
    const store::DeploymentStatusRecord* lastInactive = nullptr;
    bool sawInProgress = false;
    for (const auto& status : oldestFirst) {
        if (status.state == QLatin1String("in_progress") && !sawInProgress) {
            sawInProgress = true;
            if (status.createdAt)
                out.startedAt = status.createdAt;
        }
        if (status.state == QLatin1String("success") && !firstSuccess)
            firstSuccess = &status;
        if (status.state == QLatin1String("inactive"))
            lastInactive = &status;
        else
            lastActive = &status;
    }

    const bool lastFailed = lastActive
        && (lastActive->state == QLatin1String("failure") || lastActive->state == QLatin1String("error"));
    if (firstSuccess && !lastFailed) {
        out.status = QString::fromLatin1(ds::kSuccess);
        out.statusRaw = firstSuccess->state;
        out.finishedAt = firstSuccess->createdAt;
    } else if (lastFailed) {
        out.status = QString::fromLatin1(ds::kFailure);
        out.statusRaw = lastActive->state;
        out.finishedAt = lastActive->createdAt;
    } else if (lastActive) {
        out.statusRaw = lastActive->state;
        if (lastActive->state == QLatin1String("in_progress"))
            out.status = QString::fromLatin1(ds::kRunning);
        else if (lastActive->state == QLatin1String("queued")
                 || lastActive->state == QLatin1String("pending"))
            out.status = QString::fromLatin1(ds::kQueued);
    } else if (lastInactive) {
        out.statusRaw = lastInactive->state;
    }
    return out;
}

} // namespace faultline::importers::deploys
