#include "service_paths.h"

#include <QMap>
#include <QSet>

#include <algorithm>

namespace faultline::importers::link {

QString ServicePaths::key(const QString& service, int repoIndex)
{
    return service.toLower() + QChar(0x1f) + QString::number(repoIndex);
}

ServicePaths::ServicePaths(const LinkData& data, const LinkSettings& settings, const LinkResult& result,
                           const FilesOfRepo& filesOfRepo)
{
    // Services (lower case) deployed from each repository, in a stable order.
    QMap<int, QSet<QString>> servicesOfRepo;
    for (size_t d = 0; d < data.deployments.size(); ++d) {
        if (result.commitOf[d] >= 0)
            servicesOfRepo[data.repoIndex.value(data.commits[size_t(result.commitOf[d])].repoId)].insert(
                data.deployments[d].service.toLower());
    }
    for (auto it = servicesOfRepo.cbegin(); it != servicesOfRepo.cend(); ++it) {
        const int repo = it.key();
        QStringList services(it.value().cbegin(), it.value().cend());
        services.sort();
        const bool several = services.size() > 1;
        bool anyExplicit = false;
        for (const QString& s : services)
            anyExplicit = anyExplicit || !settings.servicePaths.value(s).isEmpty();
        if (!several && !anyExplicit)
            continue;

        const std::vector<store::LinkFile> files = filesOfRepo(data.repos[size_t(repo)].id);
        // Top-level folders by their lower-case name; of several spellings the smallest.
        QHash<QString, QString> folders;
        for (const store::LinkFile& f : files) {
            const qsizetype slash = f.path.indexOf(QLatin1Char('/'));
            if (slash <= 0)
                continue;
            const QString folder = f.path.left(slash);
            auto at = folders.find(folder.toLower());
            if (at == folders.end())
                folders.insert(folder.toLower(), folder);
            else if (folder < *at)
                *at = folder;
        }
        for (const QString& service : services) {
            QString prefix;
            if (settings.servicePaths.contains(service))
                prefix = settings.servicePaths.value(service);
            else if (several && folders.contains(service))
                prefix = folders.value(service) + QLatin1Char('/');
            if (prefix.isEmpty())
                continue;
            std::vector<bool> touches(data.commits.size(), false);
            auto commit = data.commits.begin();
            for (const store::LinkFile& f : files) {
                if (!f.path.startsWith(prefix) && !(f.oldPath.startsWith(prefix) && !f.oldPath.isEmpty()))
                    continue;
                commit
                    = std::lower_bound(commit, data.commits.end(), f.commitId,
                                       [](const store::LinkCommit& c, std::int64_t id) { return c.id < id; });
                if (commit != data.commits.end() && commit->id == f.commitId)
                    touches[size_t(commit - data.commits.begin())] = true;
            }
            m_prefixes.insert(key(service, repo), prefix);
            m_filters.insert(key(service, repo), std::move(touches));
        }
    }
}

const std::vector<bool>* ServicePaths::filter(const QString& service, int repoIndex) const
{
    auto it = m_filters.constFind(key(service, repoIndex));
    return it == m_filters.constEnd() ? nullptr : &*it;
}

QString ServicePaths::prefix(const QString& service, int repoIndex) const
{
    return m_prefixes.value(key(service, repoIndex));
}

} // namespace faultline::importers::link
