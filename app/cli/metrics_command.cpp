#include "metrics_command.h"

#include "command_line.h"
#include "metrics/metrics_json.h"
#include "metrics/metrics_report.h"
#include "metrics_table.h"
#include "store/store_error.h"
#include "store/workspace.h"

#include <QDate>
#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>

#include <stdexcept>

namespace faultline::cli {

namespace {

constexpr std::int64_t kDayMs = 86400LL * 1000;

// A date (YYYY-MM-DD, midnight UTC) or an ISO 8601 time; `endOfDay` makes a date mean the end of that
// day (the --to date is included).
std::optional<std::int64_t> parseWhen(const QString& text, bool endOfDay)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10)
        return QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch() + (endOfDay ? kDayMs : 0);
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc());
    return time.toMSecsSinceEpoch();
}

} // namespace

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
    const QCommandLineOption from(QStringLiteral("from"),
                                  QStringLiteral("First day (YYYY-MM-DD) or time (ISO 8601)."),
                                  QStringLiteral("date"));
    const QCommandLineOption to(QStringLiteral("to"),
                                QStringLiteral("Last day, included (or an ISO time, excluded)."),
                                QStringLiteral("date"));
    const QCommandLineOption service(
        QStringLiteral("service"), QStringLiteral("Only this service (repeatable)."), QStringLiteral("name"));
    const QCommandLineOption environmentRule(
        QStringLiteral("environment-rule"),
        QStringLiteral(
            "Regular expression for production environments (default: the workspace's link setting)."),
        QStringLiteral("regex"));
    const QCommandLineOption aiThreshold(
        QStringLiteral("ai-threshold"),
        QStringLiteral(
            "AI share from which a change is AI-assisted (default 0.5), or 'any' for any AI commit."),
        QStringLiteral("0.5|any"));
    const QCommandLineOption churnWindow(
        QStringLiteral("churn-window"),
        QStringLiteral("Days within which rewritten lines count as churn (default 14)."),
        QStringLiteral("days"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("json, csv or table (default)."),
                                    QStringLiteral("format"));
    p.addOptions({ from, to, service, environmentRule, aiThreshold, churnWindow, format });
    if (auto code = cl.parse(args, out, err))
        return *code;
    if (!p.positionalArguments().isEmpty())
        return cl.usageError(QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().front()),
                             err);

    metrics::MetricsOptions options;
    options.contributingRows = false; // no output format prints them
    options.services = p.values(service);
    options.environmentRule = p.value(environmentRule);
    if (!options.environmentRule.isEmpty() && !QRegularExpression(options.environmentRule).isValid())
        return cl.usageError(
            QStringLiteral("--environment-rule is not a regular expression: %1").arg(options.environmentRule),
            err);
    if (p.isSet(aiThreshold)) {
        const QString text = p.value(aiThreshold);
        bool ok = false;
        const double threshold = text.toDouble(&ok);
        if (text == QLatin1String("any"))
            options.anyAi = true;
        else if (ok && threshold > 0 && threshold <= 1)
            options.aiThreshold = threshold;
        else
            return cl.usageError(
                QStringLiteral("--ai-threshold expects a number in (0, 1] or 'any', found '%1'").arg(text),
                err);
    }
    if (p.isSet(churnWindow)) {
        bool ok = false;
        options.churnWindowDays = p.value(churnWindow).toInt(&ok);
        if (!ok || options.churnWindowDays <= 0 || options.churnWindowDays > 3650)
            return cl.usageError(QStringLiteral("--churn-window expects a number of days, found '%1'")
                                     .arg(p.value(churnWindow)),
                                 err);
    }
    const QString outputFormat = p.isSet(format) ? p.value(format) : QStringLiteral("table");
    if (outputFormat != QLatin1String("json") && outputFormat != QLatin1String("csv")
        && outputFormat != QLatin1String("table"))
        return cl.usageError(
            QStringLiteral("unknown --format '%1'; expected json, csv or table").arg(outputFormat), err);
    std::optional<std::int64_t> fromMs;
    std::optional<std::int64_t> toMs;
    if (p.isSet(from) && !(fromMs = parseWhen(p.value(from), false)))
        return cl.usageError(
            QStringLiteral("--from expects YYYY-MM-DD or an ISO 8601 time, found '%1'").arg(p.value(from)),
            err);
    if (p.isSet(to) && !(toMs = parseWhen(p.value(to), true)))
        return cl.usageError(
            QStringLiteral("--to expects YYYY-MM-DD or an ISO 8601 time, found '%1'").arg(p.value(to)), err);

    if (!QFileInfo::exists(cl.workspace())) {
        err << "faultline metrics: no workspace " << cl.workspace() << '\n';
        return Failure;
    }
    try {
        const auto ws = store::Workspace::openReadOnly(cl.workspace());
        const auto fallback = metrics::defaultWindow(ws.db());
        if (!toMs)
            toMs = fromMs && !fallback ? *fromMs + 90 * kDayMs : (fallback ? fallback->second : 0);
        if (!fromMs)
            fromMs = *toMs - 90 * kDayMs;
        if (*fromMs >= *toMs) {
            err << "faultline metrics: the period is empty: --from must be before --to\n";
            return UsageError;
        }
        options.fromMs = *fromMs;
        options.toMs = *toMs;
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
