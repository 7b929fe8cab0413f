#pragma once

#include "common/file_import.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace faultline::store {
class Workspace;
}

namespace faultline::importers::link {

// The settings a user may change — links (link_settings.h) and metrics (metrics/metrics_report.h) —
// and their values in force.
QStringList settingKeys();
QList<QPair<QString, QString>> settingsInForce(store::Workspace& workspace); // empty value: the default

// `faultline link`: stores the given settings (an empty value restores the default) and recomputes
// every link in one transaction. A value the linker cannot use is an ImportError naming the key, and
// the workspace stays as it was. Recorded in the imports table as format "link".
LinkSummary relinkWorkspace(store::Workspace& workspace, const QList<QPair<QString, QString>>& settings,
                            const ProgressCallback& progress = {});

} // namespace faultline::importers::link
