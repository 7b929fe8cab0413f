#pragma once

#include "link_data.h"
#include "link_settings.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

namespace faultline::importers::link {

// The part of a repository a service's changeset keeps. A service deployed from a repository that
// several services deploy from keeps the commits touching its path prefix: the one in the
// link.service_paths setting, else the top-level folder named like the service (case-insensitive)
// when the repository has files under it. A prefix set explicitly applies even when the service is
// alone in its repository; "" (or no folder) keeps the whole repository.
class ServicePaths
{
public:
    using FilesOfRepo = std::function<std::vector<store::LinkFile>(std::int64_t repoId)>;

    ServicePaths(const LinkData& data, const LinkSettings& settings, const LinkResult& result,
                 const FilesOfRepo& filesOfRepo);

    // Per commit index: whether the commit touches the service's prefix; nullptr when the service's
    // changeset in that repository keeps every commit.
    const std::vector<bool>* filter(const QString& service, int repoIndex) const;
    // The prefix a filter keeps ("" when none).
    QString prefix(const QString& service, int repoIndex) const;

private:
    static QString key(const QString& service, int repoIndex);

    QHash<QString, QString> m_prefixes;
    QHash<QString, std::vector<bool>> m_filters;
};

} // namespace faultline::importers::link
