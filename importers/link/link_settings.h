#pragma once

#include <QHash>
#include <QRegularExpression>
#include <QString>

#include <cstdint>

namespace faultline::store {
class LinkStore;
}

namespace faultline::importers::link {

// What the linker can be told, per workspace: workspace_meta keys (store::setWorkspaceSetting),
// each with a default that applies while the key is unset.
//
//   link.production_environment  regular expression over a deployment's environment, matched
//                                case-insensitively; default ^(prod|production|live)([-_].*)?$
//   link.incident_window_hours   how long before an incident a deployment may have finished to be
//                                linked to it by time; default 72
//   link.service_paths           JSON object {"<service>": "<path prefix>"}: the folder of a
//                                service in a repository that holds several; "" is the whole
//                                repository. Default: the top-level folder named like the service
//                                (case-insensitive) when the repository has files under it.
//   link.bot_rules_file          a JSON file of bot rules shaped like resources/bot_rules.json,
//                                tried before the built-in rules
//
// A value that cannot be used is an ImportError naming the key: links computed with a setting the
// user did not mean would be wrong without a word.
struct LinkSettings
{
    static constexpr const char* kProductionKey = "link.production_environment";
    static constexpr const char* kIncidentWindowKey = "link.incident_window_hours";
    static constexpr const char* kServicePathsKey = "link.service_paths";
    static constexpr const char* kBotRulesFileKey = "link.bot_rules_file";

    QRegularExpression production;
    std::int64_t incidentWindowMs = 0;
    // Lower-case service name → path prefix ending in '/', or "" for the whole repository.
    QHash<QString, QString> servicePaths;
    QString botRulesFile;

    static LinkSettings load(store::LinkStore& store);

    bool isProduction(const QString& environment) const { return production.match(environment).hasMatch(); }
};

// "services/api" → "services/api/"; "", "." and "/" → "" (the whole repository).
QString normalizedPrefix(const QString& prefix);

} // namespace faultline::importers::link
