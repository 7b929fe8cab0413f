#include "unplanned.h"

#include "link_text.h"

#include <QRegularExpression>

#include <algorithm>

namespace faultline::importers::link {

namespace {

constexpr std::int64_t kResolvedWithinMs = 24LL * 3600 * 1000;

const QRegularExpression& hotfixPattern()
{
    static const QRegularExpression pattern(QStringLiteral("hotfix|hot-fix|emergency"),
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

bool isHotfix(const QString& text)
{
    return !text.isEmpty() && hotfixPattern().match(text).hasMatch();
}

// The reverted sha of a revert's message, or an empty string.
QString revertedSha(const QString& message)
{
    static const QRegularExpression pattern(QStringLiteral("This reverts commit ([0-9a-fA-F]{7,64})"));
    const QRegularExpressionMatch m = pattern.match(message);
    return m.hasMatch() ? m.captured(1).toLower() : QString();
}

QString incidentName(const store::LinkIncident& i)
{
    return i.displayKey.isEmpty() ? i.externalId : i.displayKey;
}

// Incidents by what matches them to a deployment ("s:" service, "r:" repository for incidents
// without a service), each list by resolution time.
class OpenIncidents
{
public:
    explicit OpenIncidents(const LinkData& data)
        : m_data(data)
    {
        for (size_t i = 0; i < data.incidents.size(); ++i) {
            const store::LinkIncident& incident = data.incidents[i];
            if (!incident.resolvedAt)
                continue;
            if (!incident.service.isEmpty())
                m_byKey[QStringLiteral("s:") + incident.service.toLower()].push_back(int(i));
            else if (!incident.repository.isEmpty())
                m_byKey[QStringLiteral("r:") + repositoryKey(incident.repository)].push_back(int(i));
        }
        for (auto& list : m_byKey) {
            std::sort(list.begin(), list.end(), [&](int a, int b) {
                return std::pair(*data.incidents[size_t(a)].resolvedAt, a)
                    < std::pair(*data.incidents[size_t(b)].resolvedAt, b);
            });
        }
    }

    // Incidents open at `at` (created ≤ at < resolved) that resolved within 24 h after it.
    std::vector<int> openAt(const QStringList& keys, std::int64_t at) const
    {
        std::vector<int> out;
        for (const QString& key : keys) {
            auto it = m_byKey.constFind(key);
            if (it == m_byKey.constEnd())
                continue;
            const std::vector<int>& list = *it;
            auto first = std::upper_bound(list.begin(), list.end(), at, [&](std::int64_t t, int i) {
                return t < *m_data.incidents[size_t(i)].resolvedAt;
            });
            for (; first != list.end()
                 && *m_data.incidents[size_t(*first)].resolvedAt <= at + kResolvedWithinMs;
                 ++first) {
                if (m_data.incidents[size_t(*first)].createdAt <= at)
                    out.push_back(*first);
            }
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

private:
    const LinkData& m_data;
    QHash<QString, std::vector<int>> m_byKey;
};

} // namespace

void findUnplanned(const LinkData& data, const PrIndex& prs, LinkResult& result)
{
    const OpenIncidents incidents(data);
    for (size_t d = 0; d < data.deployments.size(); ++d) {
        const store::LinkDeployment& deployment = data.deployments[d];
        if (!isFinal(deployment))
            continue;
        bool unplanned = false;
        auto evidence
            = [&](const QString& toType, std::int64_t toId, const char* reason, const QString& detail) {
                  result.link(kind::kUnplanned, type::kDeployment, deployment.id, toType, toId,
                              QLatin1String(reason), detail);
                  unplanned = true;
              };

        for (int u : result.undone[d]) {
            const store::LinkDeployment& rolledBack = data.deployments[size_t(u)];
            evidence(type::kDeployment, rolledBack.id, "rollback",
                     QStringLiteral("rolls back %1").arg(rolledBack.externalId));
        }

        if (isHotfix(deployment.ref))
            evidence(type::kDeployment, deployment.id, "hotfix",
                     QStringLiteral("deployed ref %1").arg(deployment.ref));

        std::vector<int> changePrs;
        const auto [begin, end] = result.changesOf[d];
        for (size_t r = begin; r < end; ++r) {
            const store::ChangeRow& row = result.changes[r];
            const int c = result.changeCommit[r];
            if (c >= 0) {
                const store::LinkCommit& commit = data.commits[size_t(c)];
                const QString reverted = revertedSha(commit.revertMessage);
                if (!reverted.isEmpty())
                    evidence(type::kCommit, commit.id, "revert",
                             QStringLiteral("subject: %1 — This reverts commit %2")
                                 .arg(commit.subject, sha7(reverted)));
                if (isHotfix(commit.subject))
                    evidence(type::kCommit, commit.id, "hotfix",
                             QStringLiteral("subject: %1").arg(commit.subject));
                for (int p : prs.prsOfCommit(c))
                    changePrs.push_back(p);
            }
            if (row.prId) {
                // Rows of a PR's own commits name their PR; their headline is all there is of them.
                const int p = data.prIndex.value(*row.prId, -1);
                if (p >= 0) {
                    changePrs.push_back(p);
                    const int own = result.changePrCommit[r];
                    if (c < 0 && own >= 0 && isHotfix(data.prCommits[size_t(own)].headline))
                        evidence(type::kPullRequest, *row.prId, "hotfix",
                                 QStringLiteral("commit %1 of #%2: %3")
                                     .arg(sha7(row.sha))
                                     .arg(data.prs[size_t(p)].number)
                                     .arg(data.prCommits[size_t(own)].headline));
                }
            }
        }
        std::sort(changePrs.begin(), changePrs.end());
        changePrs.erase(std::unique(changePrs.begin(), changePrs.end()), changePrs.end());
        for (int p : changePrs) {
            const store::LinkPullRequest& pr = data.prs[size_t(p)];
            if (isHotfix(pr.headRef)) {
                evidence(type::kPullRequest, pr.id, "hotfix",
                         QStringLiteral("head branch %1 of #%2").arg(pr.headRef).arg(pr.number));
                continue;
            }
            for (const QString& label : pr.labels) {
                if (isHotfix(label)) {
                    evidence(type::kPullRequest, pr.id, "hotfix",
                             QStringLiteral("label %1 of #%2").arg(label).arg(pr.number));
                    break;
                }
            }
        }

        const auto at = deployedAt(deployment);
        if (result.derived[d].isProduction && at) {
            QStringList keys { QStringLiteral("s:") + deployment.service.toLower() };
            if (!deployment.repository.isEmpty())
                keys << QStringLiteral("r:") + repositoryKey(deployment.repository);
            if (const int c = result.commitOf[d]; c >= 0)
                keys << QStringLiteral("r:") + data.repoOfCommit(c).name.toLower();
            keys << QStringLiteral("r:") + deployment.service.toLower();
            keys.removeDuplicates();
            for (int i : incidents.openAt(keys, *at)) {
                const store::LinkIncident& incident = data.incidents[size_t(i)];
                evidence(type::kIncident, incident.id, "open-incident",
                         QStringLiteral("finished %1 after %2 opened; it resolved %3 later")
                             .arg(durationText(*at - incident.createdAt), incidentName(incident),
                                  durationText(*incident.resolvedAt - *at)));
            }
        }
        result.derived[d].isUnplanned = unplanned;
    }
}

} // namespace faultline::importers::link
