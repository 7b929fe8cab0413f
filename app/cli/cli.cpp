#include "cli.h"

#include "command.h"
#include "demo_command.h"
#include "export_command.h"
#include "git_commands.h"
#include "import_command.h"
#include "init_command.h"
#include "link_command.h"
#include "metrics_command.h"
#include "report_command.h"
#include "snapshot_command.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

#include <array>
#include <cstdio>

namespace faultline::cli {

namespace {

// Only subcommands that work are listed; each issue adds its own.
constexpr std::array kCommands {
    Command { "init", "Create an empty workspace file.", &runInit },
    Command { "import", "Import data into a workspace: git, ci, deploys, incidents, prs.", &runImport },
    Command { "link", "Show or change link and metrics settings; recompute the links.", &runLink },
    Command { "metrics", "Print the DORA metrics and the rest of METRICS.md, AI-assisted vs not.",
              &runMetrics },
    Command { "export", "Write a dataset (commits, deployments, runs, metrics, …) as CSV.", &runExport },
    Command { "report", "Write the retro report: a multi-page A4 PDF of every view.", &runReport },
    Command { "blame", "Print the stored blame of a file at the imported HEAD.", &runBlame },
    Command { "explain", "Explain why a commit is or is not AI-assisted.", &runExplain },
    Command { "snapshot", "Render a view to PNG as the window paints it (headless).", &runSnapshot },
    Command { "demo", "Build a realistic sample team's workspace and open it.",
              [](const QStringList& args, QTextStream& out, QTextStream& err) {
                  return runDemo(args, out, err, nullptr);
              } },
};

void printUsage(QTextStream& out)
{
    out << "Usage: faultline [workspace.faultline]        open the desktop app\n"
           "       faultline <command> [options] [args]   run headless\n"
           "\n"
           "Faultline shows where a team's delivery pipeline is the bottleneck, and whether\n"
           "AI-assisted changes fail, get reworked or cause incidents more often than the rest.\n"
           "\n"
           "Commands:\n";
    for (const Command& c : kCommands)
        out << "  " << QString::fromLatin1(c.name).leftJustified(12) << c.summary << '\n';
    out << "\n"
           "Options:\n"
           "  -h, --help      Show this help (faultline <command> --help for a command).\n"
           "  -v, --version   Show the version.\n"
           "\n"
           "Exit codes: 0 success, 1 bad input or runtime error, 2 usage error.\n";
}

bool isGlobalOption(const QString& arg)
{
    return arg == QLatin1String("-h") || arg == QLatin1String("--help") || arg == QLatin1String("help")
        || arg == QLatin1String("-v") || arg == QLatin1String("--version");
}

} // namespace

bool isCliInvocation(int argc, char** argv)
{
    if (argc < 2)
        return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    // A lone workspace path opens the GUI (double-click in a file manager passes exactly that).
    if (argc == 2 && first.endsWith(QLatin1String(".faultline")))
        return false;
    return true;
}

QString workspaceArgument(int argc, char** argv)
{
    return argc == 2 ? QFileInfo(QString::fromLocal8Bit(argv[1])).absoluteFilePath() : QString();
}

int run(int argc, char** argv, QString* openInGui)
{
    const auto app = makeCommandApplication(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("faultline"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FAULTLINE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    const QString name = args.takeFirst();

    if (isGlobalOption(name)) {
        if (!args.isEmpty()) {
            err << "faultline: unexpected arguments after " << name << " (see faultline --help)\n";
            return UsageError;
        }
        if (name == QLatin1String("-v") || name == QLatin1String("--version"))
            out << "faultline " << FAULTLINE_VERSION << '\n';
        else
            printUsage(out);
        return Ok;
    }
    // The demo may end in the window, which needs this command's application gone first.
    if (name == QLatin1String("demo"))
        return runDemo(args, out, err, openInGui);
    for (const Command& c : kCommands) {
        if (name == QLatin1String(c.name))
            return c.run(args, out, err);
    }
    err << "faultline: unknown command '" << name << "' (see faultline --help)\n";
    return UsageError;
}

} // namespace faultline::cli
