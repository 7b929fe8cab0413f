#include "command_line.h"

namespace faultline::cli {

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

int CommandLine::usageError(const QString& message, QTextStream& err) const
{
    err << "faultline " << m_name << ": " << message << " (see faultline " << m_name << " --help)\n";
    return UsageError;
}

} // namespace faultline::cli
