#pragma once

#include "command.h"
#include "metrics/metrics_options.h"

#include <QCommandLineParser>
#include <QTimeZone>

#include <cstdint>
#include <optional>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::cli {

// QCommandLineParser wired to our exit-code conventions: --help prints and exits 0, an unknown
// option or a missing value is a usage error (exit 2) with one line on stderr.
class CommandLine
{
public:
    CommandLine(const QString& name, const QString& description);

    QCommandLineParser& parser() { return m_parser; }
    // Every data command takes `--workspace <file>`; once registered, parse() makes it required.
    void addWorkspaceOption(const QString& description = QStringLiteral("Workspace file."));
    QString workspace() const { return m_parser.value(m_workspace); }
    // nullopt: go on; otherwise the exit code to return right away.
    std::optional<int> parse(const QStringList& args, QTextStream& out, QTextStream& err);
    // parse() for a command that takes options only: a positional argument is a usage error.
    std::optional<int> parseOptionsOnly(const QStringList& args, QTextStream& out, QTextStream& err);
    int usageError(const QString& message, QTextStream& err) const;

    // What every `import <kind>` of export files takes: files or folders, the workspace (created
    // when missing), --format (one of `formats`) and --zone. Register before parse().
    void addImportInputs(const QStringList& formats, const QString& zoneHelp);
    QStringList inputs() const { return m_parser.positionalArguments(); }
    // After parse(): the checks of those options. nullopt: go on; otherwise the exit code (usage
    // error) to return. `format` is empty when not given; `zone` is UTC when not given.
    std::optional<int> importInputs(QString& format, QTimeZone& zone, QTextStream& err) const;

    // The filters `metrics`, `export` and `report` share: --from, --to, --service (repeatable),
    // --environment-rule and, with `metricsTuning`, --ai-threshold and --churn-window (the report
    // shows what the views show, which have no such settings). Register before parse().
    void addFilterOptions(bool metricsTuning = true);
    // After parse(): checks those options and fills `options` except the period. nullopt: go on;
    // otherwise the exit code (usage error) to return.
    std::optional<int> filterOptions(metrics::MetricsOptions& options, QTextStream& err) const;
    // With the workspace open: the period [--from, --to), by default the 90 days up to the workspace's
    // latest activity (metrics::defaultWindow). An empty period is a usage error.
    std::optional<int> resolvePeriod(const store::SqliteDatabase& db, metrics::MetricsOptions& options,
                                     QTextStream& err) const;

private:
    QString m_name;
    QCommandLineParser m_parser;
    QCommandLineOption m_workspace { QStringLiteral("workspace"), QString(), QStringLiteral("file") };
    bool m_requiresWorkspace = false;
    bool m_metricsTuning = false;
    QStringList m_formats;
    QCommandLineOption m_format { QStringLiteral("format"), QString(), QStringLiteral("format") };
    QCommandLineOption m_zone { QStringLiteral("zone"), QString(), QStringLiteral("iana-zone") };
    QCommandLineOption m_from { QStringLiteral("from"), QString(), QStringLiteral("date") };
    QCommandLineOption m_to { QStringLiteral("to"), QString(), QStringLiteral("date") };
    QCommandLineOption m_service { QStringLiteral("service"), QString(), QStringLiteral("name") };
    QCommandLineOption m_environmentRule { QStringLiteral("environment-rule"), QString(),
                                           QStringLiteral("regex") };
    QCommandLineOption m_aiThreshold { QStringLiteral("ai-threshold"), QString(), QStringLiteral("0.5|any") };
    QCommandLineOption m_churnWindow { QStringLiteral("churn-window"), QString(), QStringLiteral("days") };
};

// A date (YYYY-MM-DD, midnight UTC) or an ISO 8601 time as UTC epoch ms; `endOfDay` makes a date mean
// the end of that day (a --to date is included). nullopt when the text is neither.
std::optional<std::int64_t> parseWhen(const QString& text, bool endOfDay);

} // namespace faultline::cli
