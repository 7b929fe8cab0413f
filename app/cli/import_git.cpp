#include "import_command.h"

#include "command_line.h"
#include "console_progress.h"
#include "import_runner.h"

#include "git/git_history_importer.h"
#include "store/workspace.h"

#include <QFileInfo>

#include <optional>

namespace faultline::cli {

namespace {

int importGit(const QStringList& args, QTextStream& out, QTextStream& err)
{
    CommandLine cl(QStringLiteral("import git"),
        QStringLiteral("Import a repository's history: commits with AI attribution, blame at HEAD and line churn.\n"
                       "Re-running imports only what is new."));
    QCommandLineParser& p = cl.parser();
    p.addPositionalArgument(QStringLiteral("repository"), QStringLiteral("A bare or non-bare git repository."));
    cl.addWorkspaceOption(QStringLiteral("Workspace file (created when missing)."));
    const QCommandLineOption ref(QStringLiteral("ref"),
        QStringLiteral("Ref to import (repeatable; default HEAD). The first one is blamed."), QStringLiteral("ref"));
    const QCommandLineOption firstParent(QStringLiteral("first-parent"),
        QStringLiteral("Follow first parents only (fast mode: a merge counts as one commit)."));
    const QCommandLineOption rules(QStringLiteral("rules"),
        QStringLiteral("JSON file of AI-marker rules that override or extend the defaults."), QStringLiteral("file"));
    const QCommandLineOption exclude(QStringLiteral("exclude"),
        QStringLiteral("Skip paths matching this glob, e.g. 'vendor/*' (repeatable)."), QStringLiteral("glob"));
    const QCommandLineOption workers(QStringLiteral("workers"), QStringLiteral("Diff worker threads (default: one per core)."),
        QStringLiteral("n"));
    p.addOptions({ ref, firstParent, rules, exclude, workers });
    if (auto code = cl.parse(args, out, err))
        return *code;
    if (p.positionalArguments().size() != 1)
        return cl.usageError(QStringLiteral("expected exactly one repository"), err);
    bool workersOk = true;
    const int workerCount = p.isSet(workers) ? p.value(workers).toInt(&workersOk) : 0;
    if (!workersOk || workerCount < 0)
        return cl.usageError(QStringLiteral("--workers needs a positive number"), err);

    importers::git::GitImportOptions options;
    options.repository = p.positionalArguments().front();
    options.refs = p.values(ref);
    options.firstParent = p.isSet(firstParent);
    options.rulesFile = p.value(rules);
    options.excludeGlobs = p.values(exclude);
    options.workers = workerCount;

    return runImportInWorkspace(QStringLiteral("import git"), cl.workspace(), err, [&](store::Workspace& ws, bool) {
        ConsoleProgress progress(QStringLiteral("import git"), QStringLiteral("commits"));
        std::optional<importers::git::GitImportReport> report;
        try {
            report = importers::git::GitHistoryImporter::run(ws, options,
                [&progress](std::int64_t done, std::int64_t total) { return progress.update(done, total); });
        } catch (...) {
            progress.finish();
            throw;
        }
        progress.finish();
        for (const QString& notice : report->notices)
            err << "warning: " << notice << '\n';
        out << "Imported " << QFileInfo(options.repository).absoluteFilePath() << " at " << report->headSha.left(12) << ": "
            << report->commitsWalked << " commits (" << report->newCommits << " new, " << report->commitsProcessed
            << (report->incremental ? " tracked incrementally" : " tracked") << "), " << report->filesAtHead
            << " text files with " << report->linesAtHead << " lines at HEAD; " << report->summary.rowsInserted
            << " rows written in " << QString::number(report->summary.durationMs / 1000.0, 'f', 1) << " s\n";
        return int(Ok);
    });
}

} // namespace

int runImport(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString kind = args.value(0);
    if (kind == QLatin1String("git"))
        return importGit(args.mid(1), out, err);
    if (kind == QLatin1String("ci"))
        return importCi(args.mid(1), out, err);
    if (kind == QLatin1String("deploys") || kind == QLatin1String("incidents") || kind == QLatin1String("prs"))
        return importDelivery(kind, args.mid(1), out, err);
    if (kind == QLatin1String("-h") || kind == QLatin1String("--help")) {
        out << "Usage: faultline import <kind> [options]\n\nKinds:\n"
               "  git        a repository's history (faultline import git --help)\n"
               "  ci         CI runs, jobs, logs and test reports (faultline import ci --help)\n"
               "  deploys    deploy history (faultline import deploys --help)\n"
               "  incidents  incidents (faultline import incidents --help)\n"
               "  prs        pull and merge requests (faultline import prs --help)\n";
        return Ok;
    }
    err << "faultline import: " << (kind.isEmpty() ? QStringLiteral("missing kind") : QStringLiteral("unknown kind '%1'").arg(kind))
        << "; expected: git, ci, deploys, incidents or prs (see faultline import --help)\n";
    return UsageError;
}

} // namespace faultline::cli
