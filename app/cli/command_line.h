#pragma once

#include "command.h"

#include <QCommandLineParser>
#include <QTimeZone>

#include <optional>

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
    int usageError(const QString& message, QTextStream& err) const;

    // What every `import <kind>` of export files takes: files or folders, the workspace (created
    // when missing), --format (one of `formats`) and --zone. Register before parse().
    void addImportInputs(const QStringList& formats, const QString& zoneHelp);
    QStringList inputs() const { return m_parser.positionalArguments(); }
    // After parse(): the checks of those options. nullopt: go on; otherwise the exit code (usage
    // error) to return. `format` is empty when not given; `zone` is UTC when not given.
    std::optional<int> importInputs(QString& format, QTimeZone& zone, QTextStream& err) const;

private:
    QString m_name;
    QCommandLineParser m_parser;
    QCommandLineOption m_workspace { QStringLiteral("workspace"), QString(), QStringLiteral("file") };
    bool m_requiresWorkspace = false;
    QStringList m_formats;
    QCommandLineOption m_format { QStringLiteral("format"), QString(), QStringLiteral("format") };
    QCommandLineOption m_zone { QStringLiteral("zone"), QString(), QStringLiteral("iana-zone") };
};

} // namespace faultline::cli
