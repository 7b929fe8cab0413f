#include "metrics_command.h"

#include "command_line.h"
#include "metrics/metrics_json.h"
#include "metrics/metrics_report.h"
#include "metrics_table.h"
#include "store/store_error.h"
#include "store/workspace.h"

#include <QFileInfo>

#include <stdexcept>

namespace faultline::cli {

int runMetrics(const QStringList& args, QTextStream& out, QTextStream& err)
{
    CommandLine cl(
        QStringLiteral("metrics"),
        QStringLiteral("The five DORA metrics, lead-time breakdown, CI stage timing, code rework and repeat "
                       "incidents,\nfor all, AI-assisted and not AI-assisted changes (definitions: "
                       "METRICS.md). The default period is\nthe 90 days up to the workspace's latest "
                       "activity."));
    QCommandLineParser& p = cl.parser();
    cl.addWorkspaceOption();
    cl.addFilterOptions();
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("json, csv or table (default)."),
                                    QStringLiteral("format"));
    p.addOption(format);
    if (auto code = cl.parseOptionsOnly(args, out, err))
        return *code;

    metrics::MetricsOptions options;
    options.contributingRows = false; // no output format prints them
    if (auto code = cl.filterOptions(options, err))
        return *code;
    const QString outputFormat = p.isSet(format) ? p.value(format) : QStringLiteral("table");
    if (outputFormat != QLatin1String("json") && outputFormat != QLatin1String("csv")
        && outputFormat != QLatin1String("table"))
        return cl.usageError(
            QStringLiteral("unknown --format '%1'; expected json, csv or table").arg(outputFormat), err);
    if (!QFileInfo::exists(cl.workspace())) {
        err << "faultline metrics: no workspace " << cl.workspace() << '\n';
        return Failure;
    }
    try {
        const auto ws = store::Workspace::openReadOnly(cl.workspace());
        if (auto code = cl.resolvePeriod(ws.db(), options, err))
            return *code;
        const metrics::MetricsReport report = metrics::buildMetricsReport(ws.db(), options);
        if (outputFormat == QLatin1String("json"))
            out << QString::fromUtf8(metrics::toJsonText(report));
        else if (outputFormat == QLatin1String("csv"))
            out << QString::fromUtf8(metrics::toCsv(report));
        else
            printMetricsTable(out, report);
        return Ok;
    } catch (const store::StoreError& e) {
        err << "faultline metrics: " << e.what() << '\n';
    } catch (const std::invalid_argument& e) {
        err << "faultline metrics: " << e.what() << '\n';
    }
    return Failure;
}

} // namespace faultline::cli
