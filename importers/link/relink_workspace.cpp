#include "relink_workspace.h"

#include "common/import_error.h"
#include "link/link_settings.h"
#include "link/linker.h"
#include "metrics/metrics_report.h"
#include "store/import_batch.h"
#include "store/link_store.h"
#include "store/workspace.h"

#include <QCryptographicHash>

#include <stdexcept>

namespace faultline::importers::link {

QStringList settingKeys()
{
    return { QString::fromLatin1(LinkSettings::kProductionKey),
             QString::fromLatin1(LinkSettings::kIncidentWindowKey),
             QString::fromLatin1(LinkSettings::kServicePathsKey),
             QString::fromLatin1(LinkSettings::kBotRulesFileKey),
             QString::fromLatin1(metrics::kRunnerRatesKey),
             QString::fromLatin1(metrics::kStagingKey) };
}

QList<QPair<QString, QString>> settingsInForce(store::Workspace& workspace)
{
    QList<QPair<QString, QString>> out;
    for (const QString& key : settingKeys())
        out.append({ key, store::workspaceSetting(workspace.db(), key) });
    return out;
}

LinkSummary relinkWorkspace(store::Workspace& workspace, const QList<QPair<QString, QString>>& settings,
                            const ProgressCallback& progress)
{
    const QStringList keys = settingKeys();
    for (const auto& [key, value] : settings)
        if (!keys.contains(key))
            throw ImportError(QStringLiteral("unknown link setting '%1'; expected one of: %2")
                                  .arg(key, keys.join(QStringLiteral(", "))));
    // The import record's key: the settings the links were computed with, so that the history shows
    // each change once.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    store::ImportBatch batch(workspace, { workspace.path(), QStringLiteral("link"), {} });
    for (const auto& [key, value] : settings)
        store::setWorkspaceSetting(batch.db(), key, value);
    for (const auto& [key, value] : settingsInForce(workspace))
        hash.addData(QString(key + QLatin1Char('=') + value + QLatin1Char('\n')).toUtf8());
    batch.setSourceSha256(hash.result().toHex());
    try {
        metrics::validateMetricsSettings(batch.db());
    } catch (const std::invalid_argument& e) {
        throw ImportError(QString::fromUtf8(e.what()));
    }
    const LinkSummary summary = relink(batch, progress);
    batch.commit();
    return summary;
}

} // namespace faultline::importers::link
