#include "ci/ci_importer.h"
#include "command_line.h"
#include "console_progress.h"
#include "import_command.h"
#include "import_runner.h"

#include <QFileInfo>
#include <QTimeZone>

namespace faultline::cli {

int importCi(const QStringList& args, QTextStream& out, QTextStream& err)
{
    using namespace importers::ci;
    CommandLine cl(QStringLiteral("import ci"),
                   QStringLiteral("Import CI results: GitHub Actions runs, jobs and logs; GitLab CI "
                                  "pipelines, jobs and traces; Jenkins;\n"
                                  "CircleCI; JUnit XML test reports. Each file's format is detected from its "
                                  "content. All files are\n"
                                  "imported in one transaction: if one is malformed, nothing is imported."));
    QCommandLineParser& p = cl.parser();
    cl.addImportInputs(formatNames(),
                       QStringLiteral("Time zone of timestamps that carry none, e.g. Europe/Berlin "
                                      "(JUnit reports; default UTC)."));
    const QCommandLineOption project(QStringLiteral("project"),
                                     QStringLiteral("Project the runs belong to when the export does not say "
                                                    "(owner/repo, GitLab project id, Jenkins job)."),
                                     QStringLiteral("name"));
    const QCommandLineOption job(QStringLiteral("job"),
                                 QStringLiteral("Job id a single job log or trace belongs to (default: found "
                                                "from the file name or the log's times)."),
                                 QStringLiteral("id"));
    const QCommandLineOption run(QStringLiteral("run"),
                                 QStringLiteral("Run the input belongs to when it does not say: a GitHub "
                                                "Actions log archive (default: found from its "
                                                "job names and times), Jenkins wfapi stages, a CircleCI jobs "
                                                "list (the workflow id), JUnit reports."),
                                 QStringLiteral("id"));
    const QCommandLineOption commit(
        QStringLiteral("commit"),
        QStringLiteral(
            "Commit sha the JUnit reports were produced for (enables flaky-test detection across reports)."),
        QStringLiteral("sha"));
    const QCommandLineOption stageRules(QStringLiteral("stage-rules"),
                                        QStringLiteral("JSON file of stage rules tried before the built-in "
                                                       "ones (same shape as resources/ci_stages.json)."),
                                        QStringLiteral("file"));
    p.addOptions({ project, job, run, commit, stageRules });
    if (auto code = cl.parse(args, out, err))
        return *code;
    CiImportOptions options;
    QString format;
    if (auto code = cl.importInputs(format, options.naiveZone, err))
        return *code;
    options.inputs = cl.inputs();
    if (!format.isEmpty())
        options.format = formatFromName(format);
    options.project = p.value(project);
    options.jobId = p.value(job);
    options.runId = p.value(run);
    options.commitSha = p.value(commit).trimmed().toLower();
    options.stageRulesFile = p.value(stageRules);

    return runImportInWorkspace(
        QStringLiteral("import ci"), cl.workspace(), err, [&](store::Workspace& ws, bool) {
            ConsoleProgress progress(QStringLiteral("import ci"), QStringLiteral("bytes"));
            std::optional<CiImportReport> report;
            try {
                report = CiImporter::run(ws, options, [&progress](std::int64_t done, std::int64_t total) {
                    return progress.update(done, total);
                });
            } catch (...) {
                progress.finish();
                throw;
            }
            progress.finish();
            for (const QString& skipped : report->skipped)
                err << "skipped " << skipped << ": not a CI export\n";
            for (size_t i = 0; i < report->files.size(); ++i) {
                printImportedFile(out, report->files[i].path, formatName(report->files[i].format),
                                  report->summaries[i]);
                printImportWarnings(err, ws, report->summaries[i]);
            }
            if (report->flakyMarked > 0)
                out << report->flakyMarked
                    << " test results marked flaky (failed and passed on one commit)\n";
            return int(Ok);
        });
}

} // namespace faultline::cli
