#include "incident_import.h"

#include "common/import_error.h"
#include "incidents/incident_formats.h"
#include "incidents/incident_shapes.h"

namespace faultline::importers::incidents {

const FileImportKind& importKind()
{
    static const FileImportKind kind {
        QStringLiteral("incidents"),
        { QStringLiteral("pagerduty"), QStringLiteral("opsgenie"), QStringLiteral("jira"),
          QStringLiteral("csv") },
        [](const QString& path) { return detectIncidentFormat(path); },
        // Every incident stands alone: files import in the order given.
        [](const QString&) { return 0; },
        [](const QString& path, const QString& format, FileImportContext& ctx) {
            if (format == QLatin1String("pagerduty"))
                importPagerDuty(path, ctx);
            else if (format == QLatin1String("opsgenie"))
                importOpsgenie(path, ctx);
            else if (format == QLatin1String("jira"))
                importJira(path, ctx);
            else if (format == QLatin1String("csv"))
                importIncidentCsv(path, ctx);
            else
                throw ImportError(QStringLiteral("%1: unknown incident format '%2'").arg(path, format));
        },
    };
    return kind;
}

} // namespace faultline::importers::incidents
