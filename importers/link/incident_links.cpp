#include "incident_links.h"

#include "link_text.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>

namespace faultline::importers::link {

namespace {

// A PR an incident names: "123", "#123", or a URL ending /pull/123 or /merge_requests/123.
struct PrReference
{
    std::int64_t number = 0;
    QString url; // normalised: lower case, no trailing '/'
    QString projectKey; // repository name in the URL
};

std::optional<PrReference> parsePrReference(const QString& text)
{
    static const QRegularExpression number(QStringLiteral("^[#!]?(\\d+)$"));
    static const QRegularExpression url(
        QStringLiteral("/(?:pull|pulls|merge_requests)/(\\d+)/?(?:[?#].*)?$"));
    const QString trimmed = text.trimmed();
    if (const auto m = number.match(trimmed); m.hasMatch())
        return PrReference { m.captured(1).toLongLong(), {}, {} };
    const auto m = url.match(trimmed);
    if (!m.hasMatch())
        return std::nullopt;
    PrReference ref;
    ref.number = m.captured(1).toLongLong();
    ref.url = trimmed.left(m.capturedStart(0)).toLower() + m.captured(0).toLower();
    while (ref.url.endsWith(QLatin1Char('/')))
        ref.url.chop(1);
    // ".../owner/repo/pull/N" or ".../group/project/-/merge_requests/N": the segment before.
    QStringList segments = QUrl(trimmed).path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    while (!segments.isEmpty() && segments.last() != QLatin1String("pull")
           && segments.last() != QLatin1String("pulls") && segments.last() != QLatin1String("merge_requests"))
        segments.removeLast();
    if (!segments.isEmpty())
        segments.removeLast();
    if (!segments.isEmpty() && segments.last() == QLatin1String("-"))
        segments.removeLast();
    if (!segments.isEmpty())
        ref.projectKey = segments.last().toLower();
    return ref;
}

QString normalizedUrl(const QString& url)
{
    QString u = url.trimmed().toLower();
    while (u.endsWith(QLatin1Char('/')))
        u.chop(1);
    return u;
}

class IncidentLinker
{
public:
    IncidentLinker(const LinkData& data, const LinkSettings& settings, LinkResult& result)
        : m_data(data)
        , m_settings(settings)
        , m_result(result)
    {
        m_keys.resize(data.deployments.size());
        for (size_t d = 0; d < data.deployments.size(); ++d) {
            const store::LinkDeployment& deployment = data.deployments[d];
            m_keys[d] = timeKey(deployment);
            m_byExternalId[deployment.externalId].push_back(int(d));
            if (!deployment.commitSha.isEmpty()) {
                auto it = m_deploying.find(deployment.commitSha);
                if (it == m_deploying.end() || better(int(d), *it))
                    m_deploying.insert(deployment.commitSha, int(d));
            }
            if (!countsInProduction(int(d)) || !deployedAt(deployment))
                continue;
            m_window[QStringLiteral("s:") + deployment.service.toLower()].push_back(int(d));
            QStringList repos { deployment.service.toLower() };
            if (!deployment.repository.isEmpty())
                repos << repositoryKey(deployment.repository);
            if (const int c = result.commitOf[d]; c >= 0)
                repos << data.repoOfCommit(c).name.toLower();
            repos.removeDuplicates();
            for (const QString& repo : repos)
                m_window[QStringLiteral("r:") + repo].push_back(int(d));
        }
        for (auto& list : m_window)
            std::sort(list.begin(), list.end(),
                      [&](int a, int b) { return m_keys[size_t(a)] < m_keys[size_t(b)]; });
        for (size_t p = 0; p < data.prs.size(); ++p) {
            if (!data.prs[p].url.isEmpty())
                m_prByUrl.insert(normalizedUrl(data.prs[p].url), int(p));
            m_prsByNumber[data.prs[p].number].push_back(int(p));
        }
    }

    // The earliest successful production deployment whose changeset holds each of `shas`.
    void indexChangesets(const QSet<QString>& shas)
    {
        if (shas.isEmpty())
            return;
        for (size_t d = 0; d < m_data.deployments.size(); ++d) {
            if (!countsInProduction(int(d)))
                continue;
            const auto [begin, end] = m_result.changesOf[d];
            for (size_t r = begin; r < end; ++r) {
                const QString& sha = m_result.changes[r].sha;
                if (!shas.contains(sha))
                    continue;
                auto it = m_containing.find(sha);
                if (it == m_containing.end() || m_keys[d] < m_keys[size_t(*it)])
                    m_containing.insert(sha, int(d));
            }
        }
    }

    QString fullSha(const QString& sha) const
    {
        const QString lower = sha.trimmed().toLower();
        const std::vector<int> commits = m_data.graph.findAll(lower);
        return commits.empty() ? lower : m_data.commits[size_t(commits.front())].sha;
    }

    std::vector<QString> prShas(int pr) const
    {
        const store::LinkPullRequest& p = m_data.prs[size_t(pr)];
        std::vector<QString> shas;
        for (const QString& sha : { p.mergeCommitSha, p.squashCommitSha })
            if (!sha.isEmpty())
                shas.push_back(sha);
        const auto [begin, end] = m_data.prCommitRange[size_t(pr)];
        for (int k = begin; k < end; ++k)
            shas.push_back(m_data.prCommits[size_t(k)].sha);
        return shas;
    }

    int prOf(const store::LinkIncident& incident) const
    {
        const auto ref = parsePrReference(incident.causedByPr);
        if (!ref)
            return -1;
        if (!ref->url.isEmpty()) {
            if (const int p = m_prByUrl.value(ref->url, -1); p >= 0)
                return p;
        }
        const std::vector<int> candidates = m_prsByNumber.value(ref->number);
        const QString project
            = !ref->projectKey.isEmpty() ? ref->projectKey : repositoryKey(incident.repository);
        for (int p : candidates) {
            if (!project.isEmpty() && repositoryKey(m_data.prs[size_t(p)].project) == project)
                return p;
        }
        // A bare number names a PR only where one PR has it.
        return ref->projectKey.isEmpty() && candidates.size() == 1 ? candidates.front() : -1;
    }

    void link(const store::LinkIncident& incident)
    {
        bool linked = false;
        auto add = [&](int d, const char* reason, const QString& detail) {
            m_result.link(kind::kIncidentDeployment, type::kIncident, incident.id, type::kDeployment,
                          m_data.deployments[size_t(d)].id, QLatin1String(reason), detail);
            linked = true;
        };

        if (!incident.causedByDeployment.isEmpty()) {
            const std::vector<int> named = m_byExternalId.value(incident.causedByDeployment);
            auto it = std::find_if(named.begin(), named.end(), [&](int d) {
                return m_data.deployments[size_t(d)].service.compare(incident.service, Qt::CaseInsensitive)
                    == 0;
            });
            if (it == named.end() && !named.empty())
                it = named.begin();
            if (it != named.end())
                add(*it, "explicit-id",
                    QStringLiteral("the incident names deployment %1").arg(incident.causedByDeployment));
        }
        if (!incident.causedByCommitSha.isEmpty()) {
            const QString sha = fullSha(incident.causedByCommitSha);
            if (const int d = m_deploying.value(sha, -1); d >= 0 && countsInProduction(d))
                add(d, "explicit-sha",
                    QStringLiteral("the incident names commit %1, which this deployment deployed")
                        .arg(sha7(sha)));
            else if (const int c = m_containing.value(sha, -1); c >= 0)
                add(c, "explicit-sha",
                    QStringLiteral("the incident names commit %1, in this deployment's changeset")
                        .arg(sha7(sha)));
            else if (d >= 0)
                add(d, "explicit-sha",
                    QStringLiteral("the incident names commit %1, which this deployment deployed")
                        .arg(sha7(sha)));
        }
        if (!incident.causedByPr.isEmpty()) {
            if (const int pr = prOf(incident); pr >= 0) {
                int best = -1;
                QString via;
                for (const QString& sha : prShas(pr)) {
                    for (int d : { m_deploying.value(sha, -1), m_containing.value(sha, -1) }) {
                        if (d >= 0 && countsInProduction(d)
                            && (best < 0 || m_keys[size_t(d)] < m_keys[size_t(best)])) {
                            best = d;
                            via = sha;
                        }
                    }
                }
                if (best >= 0)
                    add(best, "explicit-pr",
                        QStringLiteral("the incident names PR #%1, whose commit %2 this deployment shipped")
                            .arg(m_data.prs[size_t(pr)].number)
                            .arg(sha7(via)));
            }
        }
        if (linked)
            return;

        QString key;
        if (!incident.service.isEmpty())
            key = QStringLiteral("s:") + incident.service.toLower();
        else if (!incident.repository.isEmpty())
            key = QStringLiteral("r:") + repositoryKey(incident.repository);
        auto it = m_window.constFind(key);
        if (key.isEmpty() || it == m_window.constEnd())
            return;
        const std::vector<int>& list = *it;
        // The last deployment at or before the incident: time keys order by deployedAt first.
        auto after = std::upper_bound(list.begin(), list.end(), incident.createdAt,
                                      [&](std::int64_t t, int d) { return t < m_keys[size_t(d)].effective; });
        if (after == list.begin())
            return;
        const int d = *(after - 1);
        const std::int64_t gap = incident.createdAt - m_keys[size_t(d)].effective;
        if (gap <= m_settings.incidentWindowMs)
            add(d, "time-window", QStringLiteral("finished %1 before the incident").arg(durationText(gap)));
    }

private:
    bool countsInProduction(int d) const
    {
        return isSuccess(m_data.deployments[size_t(d)]) && m_result.derived[size_t(d)].isProduction;
    }
    // Successful production deployments first, then the earliest.
    bool better(int a, int b) const
    {
        const bool pa = countsInProduction(a);
        const bool pb = countsInProduction(b);
        return pa != pb ? pa : m_keys[size_t(a)] < m_keys[size_t(b)];
    }

    const LinkData& m_data;
    const LinkSettings& m_settings;
    LinkResult& m_result;
    std::vector<TimeKey> m_keys;
    QHash<QString, std::vector<int>> m_byExternalId;
    QHash<QString, int> m_deploying; // sha → the deployment of it that counts first
    QHash<QString, int> m_containing; // sha → earliest successful production deployment containing it
    QHash<QString, std::vector<int>> m_window; // "s:service" / "r:repository" → by time
    QHash<QString, int> m_prByUrl;
    QHash<std::int64_t, std::vector<int>> m_prsByNumber;
};

} // namespace

void linkIncidents(const LinkData& data, const LinkSettings& settings, LinkResult& result)
{
    if (data.incidents.empty())
        return;
    IncidentLinker linker(data, settings, result);
    QSet<QString> wanted;
    for (const store::LinkIncident& incident : data.incidents) {
        if (!incident.causedByCommitSha.isEmpty())
            wanted.insert(linker.fullSha(incident.causedByCommitSha));
        if (!incident.causedByPr.isEmpty()) {
            if (const int pr = linker.prOf(incident); pr >= 0) {
                for (const QString& sha : linker.prShas(pr))
                    wanted.insert(sha);
            }
        }
    }
    linker.indexChangesets(wanted);
    for (const store::LinkIncident& incident : data.incidents)
        linker.link(incident);
}

} // namespace faultline::importers::link
