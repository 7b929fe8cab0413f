#include "demo_command.h"

#include "command_line.h"
#include "demo/demo_builder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QStandardPaths>

#include <stdexcept>

namespace faultline::cli {

int runDemo(const QStringList& args, QTextStream& out, QTextStream& err, QString* openInGui)
{
    CommandLine cl(QStringLiteral("demo"),
                   QStringLiteral("Build a realistic sample team from scratch — a git repository, CI runs, "
                                  "deployments,\nincidents and pull requests in their real export formats — "
                                  "import it through the\nreal importers and open it."));
    QCommandLineParser& p = cl.parser();
    const QString defaultDir = QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
                                   .filePath(QStringLiteral("faultline/demo"));
    const QCommandLineOption dir(
        QStringLiteral("dir"),
        QStringLiteral("Where to build it: empty, new, or an earlier demo's (default %1).")
            .arg(QDir::toNativeSeparators(defaultDir)),
        QStringLiteral("D"), defaultDir);
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("The team's story: same seed, same demo (default 1)."),
                                  QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption noGui(QStringLiteral("no-gui"), QStringLiteral("Only build the workspace."));
    p.addOptions({ dir, seed, noGui });
    if (auto code = cl.parseOptionsOnly(args, out, err))
        return *code;
    bool ok = false;
    const uint seedValue = p.value(seed).toUInt(&ok);
    if (!ok)
        return cl.usageError(QStringLiteral("--seed expects a whole number from 0 to 4294967295, found '%1'")
                                 .arg(p.value(seed)),
                             err);

    QElapsedTimer clock;
    clock.start();
    demo::DemoResult result;
    try {
        result = demo::buildDemo(p.value(dir), seedValue, [&](const QString& step) {
            out << step << "…\n";
            out.flush();
        });
    } catch (const std::exception& e) {
        err << "faultline demo: " << e.what() << '\n';
        return Failure;
    }
    out << "Built " << QDir::toNativeSeparators(result.workspace) << " in "
        << QString::number(double(clock.elapsed()) / 1000.0, 'f', 1) << " s: " << result.commits
        << " commits (" << result.aiAssistedCommits << " AI-assisted), " << result.pulls << " pull requests, "
        << result.runs << " CI runs, " << result.deployments << " deployments, " << result.incidents
        << " incidents.\n";
    if (!p.isSet(noGui) && openInGui)
        *openInGui = result.workspace;
    return Ok;
}

} // namespace faultline::cli
