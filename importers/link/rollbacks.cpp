#include "rollbacks.h"

#include "link_text.h"

namespace faultline::importers::link {

namespace {

QString deploymentName(const store::LinkDeployment& d)
{
    return d.commitSha.isEmpty() ? d.externalId
                                 : QStringLiteral("%1 (%2)").arg(d.externalId, sha7(d.commitSha));
}

} // namespace

void findRollbacks(const LinkData& data, LinkResult& result)
{
    QHash<QString, int> byExternalId; // provider + external id → deployment index
    for (size_t i = 0; i < data.deployments.size(); ++i)
        byExternalId.insert(data.deployments[i].provider + QChar(0x1f) + data.deployments[i].externalId,
                            int(i));

    for (const std::vector<int>& stream : result.streams) {
        std::vector<int> successes; // in time order
        QHash<QString, int> lastPositionOfSha; // sha → position in successes
        QString live;
        for (int d : stream) {
            const store::LinkDeployment& deployment = data.deployments[size_t(d)];
            if (!isSuccess(deployment))
                continue;
            std::vector<int>& undone = result.undone[size_t(d)];
            QString reason;
            QString why;
            if (!deployment.rollbackTarget.isEmpty()) {
                reason = QStringLiteral("explicit");
                const int target
                    = byExternalId.value(deployment.provider + QChar(0x1f) + deployment.rollbackTarget, -1);
                if (target >= 0 && result.streamOf[size_t(target)] == result.streamOf[size_t(d)]) {
                    for (int s : successes) {
                        if (result.positionInStream[size_t(s)] > result.positionInStream[size_t(target)])
                            undone.push_back(s);
                    }
                    why = QStringLiteral("rollback to %1").arg(deployment.rollbackTarget);
                } else if (!successes.empty()) {
                    // The target is older than the exported history: what it undid reaches at least
                    // back to the live deployment.
                    undone.push_back(successes.back());
                    why = target < 0
                        ? QStringLiteral("rollback to %1 (not in the workspace)")
                              .arg(deployment.rollbackTarget)
                        : QStringLiteral("rollback to %1 (a deployment of another service or environment)")
                              .arg(deployment.rollbackTarget);
                }
            } else if (!deployment.commitSha.isEmpty() && deployment.commitSha != live
                       && lastPositionOfSha.contains(deployment.commitSha)) {
                reason = QStringLiteral("rollback");
                const int from = lastPositionOfSha.value(deployment.commitSha);
                undone.assign(successes.begin() + from + 1, successes.end());
                why = QStringLiteral("redeployed %1, deployed before by %2")
                          .arg(sha7(deployment.commitSha),
                               data.deployments[size_t(successes[size_t(from)])].externalId);
            }
            if (!undone.empty()) {
                result.derived[size_t(d)].isRollback = true;
                for (int u : undone) {
                    result.link(kind::kRollback, type::kDeployment, deployment.id, type::kDeployment,
                                data.deployments[size_t(u)].id, reason,
                                QStringLiteral("%1; undoes %2")
                                    .arg(why, deploymentName(data.deployments[size_t(u)])));
                }
            }
            if (!deployment.commitSha.isEmpty())
                lastPositionOfSha.insert(deployment.commitSha, int(successes.size()));
            successes.push_back(d);
            live = deployment.commitSha;
        }
    }
}

} // namespace faultline::importers::link
