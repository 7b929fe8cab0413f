#include "command_line.h"

#include "metrics/metrics_report.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>

namespace faultline::cli {

namespace {

constexpr std::int64_t kDayMs = 86400LL * 1000;

} // namespace

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

CommandLine::CommandLine(const QString& name, const QString& description)
    : m_name(name)
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
}

std::optional<int> CommandLine::parse(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") },
                                  QStringLiteral("Show this help."));
    m_parser.addOption(help);
    QStringList argv = args;
    argv.prepend(QStringLiteral("faultline ") + m_name);
    if (!m_parser.parse(argv))
        return usageError(m_parser.errorText(), err);
    if (m_parser.isSet(help)) {
        // Qt names the binary's full path in the usage line; show the command as it is typed.
        QString text = m_parser.helpText();
        const qsizetype usage = text.indexOf(QStringLiteral("Usage: "));
        const qsizetype programEnd = usage < 0 ? -1 : text.indexOf(QLatin1Char(' '), usage + 7);
        if (programEnd > 0)
            text.replace(usage + 7, programEnd - usage - 7, QStringLiteral("faultline ") + m_name);
        out << text;
        if (!text.endsWith(QLatin1Char('\n')))
            out << '\n';
        return Ok;
    }
    if (m_requiresWorkspace && !m_parser.isSet(m_workspace))
        return usageError(QStringLiteral("--workspace is required"), err);
    return std::nullopt;
}

std::optional<int> CommandLine::parseOptionsOnly(const QStringList& args, QTextStream& out, QTextStream& err)
{
    if (auto code = parse(args, out, err))
        return code;
    if (!m_parser.positionalArguments().isEmpty())
        return usageError(
            QStringLiteral("unexpected argument '%1'").arg(m_parser.positionalArguments().front()), err);
    return std::nullopt;
}

void CommandLine::addWorkspaceOption(const QString& description)
{
    m_workspace.setDescription(description);
    m_parser.addOption(m_workspace);
    m_requiresWorkspace = true;
}

void CommandLine::addImportInputs(const QStringList& formats, const QString& zoneHelp)
{
    m_formats = formats;
    m_parser.addPositionalArgument(QStringLiteral("inputs"),
                                   QStringLiteral("Export files or folders (read recursively)."),
                                   QStringLiteral("<files or folders…>"));
    addWorkspaceOption(QStringLiteral("Workspace file (created when missing)."));
    m_format.setDescription(QStringLiteral("Read every input as this format instead of detecting it: %1.")
                                .arg(formats.join(QStringLiteral(", "))));
    m_zone.setDescription(zoneHelp);
    m_parser.addOptions({ m_format, m_zone });
}

std::optional<int> CommandLine::importInputs(QString& format, QTimeZone& zone, QTextStream& err) const
{
    if (inputs().isEmpty())
        return usageError(QStringLiteral("expected at least one file or folder"), err);
    format = m_parser.value(m_format);
    if (m_parser.isSet(m_format) && !m_formats.contains(format))
        return usageError(QStringLiteral("unknown --format '%1'; expected one of: %2")
                              .arg(format, m_formats.join(QStringLiteral(", "))),
                          err);
    zone = QTimeZone::utc();
    if (m_parser.isSet(m_zone)) {
        zone = QTimeZone(m_parser.value(m_zone).toUtf8());
        if (!zone.isValid())
            return usageError(QStringLiteral("unknown time zone '%1'").arg(m_parser.value(m_zone)), err);
    }
    return std::nullopt;
}

void CommandLine::addFilterOptions(bool metricsTuning)
{
    m_from.setDescription(QStringLiteral("First day (YYYY-MM-DD) or time (ISO 8601)."));
    m_to.setDescription(QStringLiteral("Last day, included (or an ISO time, excluded)."));
    m_service.setDescription(QStringLiteral("Only this service (repeatable)."));
    m_environmentRule.setDescription(QStringLiteral(
        "Regular expression for production environments (default: the workspace's link setting)."));
    m_aiThreshold.setDescription(QStringLiteral(
        "AI share from which a change is AI-assisted (default 0.5), or 'any' for any AI commit."));
    m_churnWindow.setDescription(
        QStringLiteral("Days within which rewritten lines count as churn (default 14)."));
    m_parser.addOptions({ m_from, m_to, m_service, m_environmentRule });
    m_metricsTuning = metricsTuning;
    if (metricsTuning)
        m_parser.addOptions({ m_aiThreshold, m_churnWindow });
}

std::optional<int> CommandLine::filterOptions(metrics::MetricsOptions& options, QTextStream& err) const
{
    options.services = m_parser.values(m_service);
    options.environmentRule = m_parser.value(m_environmentRule);
    if (!options.environmentRule.isEmpty() && !QRegularExpression(options.environmentRule).isValid())
        return usageError(
            QStringLiteral("--environment-rule is not a regular expression: %1").arg(options.environmentRule),
            err);
    if (m_metricsTuning && m_parser.isSet(m_aiThreshold)) {
        const QString text = m_parser.value(m_aiThreshold);
        bool ok = false;
        const double threshold = text.toDouble(&ok);
        if (text == QLatin1String("any"))
            options.anyAi = true;
        else if (ok && threshold > 0 && threshold <= 1)
            options.aiThreshold = threshold;
        else
            return usageError(
                QStringLiteral("--ai-threshold expects a number in (0, 1] or 'any', found '%1'").arg(text),
                err);
    }
    if (m_metricsTuning && m_parser.isSet(m_churnWindow)) {
        bool ok = false;
        options.churnWindowDays = m_parser.value(m_churnWindow).toInt(&ok);
        if (!ok || options.churnWindowDays <= 0 || options.churnWindowDays > 3650)
            return usageError(QStringLiteral("--churn-window expects a number of days, found '%1'")
                                  .arg(m_parser.value(m_churnWindow)),
                              err);
    }
    for (const QCommandLineOption* option : { &m_from, &m_to }) {
        if (m_parser.isSet(*option) && !parseWhen(m_parser.value(*option), option == &m_to))
            return usageError(QStringLiteral("--%1 expects YYYY-MM-DD or an ISO 8601 time, found '%2'")
                                  .arg(option->names().front(), m_parser.value(*option)),
                              err);
    }
    return std::nullopt;
}

std::optional<int> CommandLine::resolvePeriod(const store::SqliteDatabase& db,
                                              metrics::MetricsOptions& options, QTextStream& err) const
{
    std::optional<std::int64_t> fromMs;
    std::optional<std::int64_t> toMs;
    if (m_parser.isSet(m_from))
        fromMs = parseWhen(m_parser.value(m_from), false);
    if (m_parser.isSet(m_to))
        toMs = parseWhen(m_parser.value(m_to), true);
    const auto fallback = metrics::defaultWindow(db);
    if (!toMs)
        toMs = fromMs && !fallback ? *fromMs + 90 * kDayMs : (fallback ? fallback->second : 0);
    if (!fromMs)
        fromMs = *toMs - 90 * kDayMs;
    if (*fromMs >= *toMs) {
        err << "faultline " << m_name << ": the period is empty: --from must be before --to\n";
        return UsageError;
    }
    options.fromMs = *fromMs;
    options.toMs = *toMs;
    return std::nullopt;
}

int CommandLine::usageError(const QString& message, QTextStream& err) const
{
    err << "faultline " << m_name << ": " << message << " (see faultline " << m_name << " --help)\n";
    return UsageError;
}

} // namespace faultline::cli
