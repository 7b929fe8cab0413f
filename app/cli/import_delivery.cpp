#include "command_line.h"
#include "console_progress.h"
#include "deploys/deploy_import.h"
#include "import_command.h"
#include "import_runner.h"
#include "incidents/incident_import.h"
#include "prs/pr_import.h"

#include <QFileInfo>
#include <QTimeZone>

namespace faultline::cli {

namespace {

struct KindHelp
{
    const importers::FileImportKind& kind;
    QString description;
};

KindHelp helpFor(const QString& name)
{
    using namespace importers;
    if (name == QLatin1String("deploys"))
        return { deploys::importKind(),
                 QStringLiteral(
                     "Import deploy history: GitHub deployments and their statuses (given together, or "
                     "combined),\nGitLab deployments, Argo CD Applications (JSON or YAML), `helm history -o "
                     "json` (with --service),\nand a deployment CSV with the columns deployment_id, service, "
                     "environment, status, started_at,\nfinished_at, commit_sha, ref, url (any order; more "
                     "columns are ignored).") };
    if (name == QLatin1String("incidents"))
        return {
            incidents::importKind(),
            QStringLiteral(
                "Import incidents: PagerDuty incidents API JSON (with or without log entries), "
                "Opsgenie alerts\nand incidents JSON, Jira search JSON (issue types Incident and Bug), "
                "and an incident CSV with\nincident_id, title, created_at (required) and resolved_at, "
                "service, environment, severity, status,\ncaused_by_deployment_id, caused_by_commit_sha, "
                "url; PagerDuty analytics column names are accepted.")
        };
    return { prs::importKind(),
             QStringLiteral("Import pull requests: `gh pr list --json …` (any subset of fields), the GitHub "
                            "REST pulls list\n(`gh api repos/O/R/pulls`), and GitLab merge requests.") };
}

} // namespace

int importDelivery(const QString& kindName, const QStringList& args, QTextStream& out, QTextStream& err)
{
    using namespace importers;
    const KindHelp help = helpFor(kindName);
    const FileImportKind& kind = help.kind;
    CommandLine cl(QStringLiteral("import ") + kindName,
                   help.description
                       + QStringLiteral("\nEach file's format is detected from its content. All files are "
                                        "imported in one transaction: if one\nis malformed, nothing is "
                                        "imported. Links to commits, deployments, incidents and CI runs\nare "
                                        "recomputed afterwards."));
    QCommandLineParser& p = cl.parser();
    cl.addImportInputs(
        kind.formats,
        QStringLiteral("Time zone of timestamps that carry none, e.g. Europe/Berlin (default UTC)."));
    const QCommandLineOption service(QStringLiteral("service"),
                                     QStringLiteral("Service of records that name none (required for helm "
                                                    "history: the release's service)."),
                                     QStringLiteral("name"));
    const QCommandLineOption environment(QStringLiteral("environment"),
                                         QStringLiteral("Environment of records that name none."),
                                         QStringLiteral("name"));
    const QCommandLineOption project(QStringLiteral("project"),
                                     QStringLiteral("Repository (owner/repo) or GitLab project the records "
                                                    "belong to when the export does not say."),
                                     QStringLiteral("name"));
    p.addOptions({ service, environment, project });
    if (auto code = cl.parse(args, out, err))
        return *code;
    FileImportOptions options;
    if (auto code = cl.importInputs(options.format, options.naiveZone, err))
        return *code;
    options.inputs = cl.inputs();
    options.service = p.value(service).trimmed();
    options.environment = p.value(environment).trimmed();
    options.project = p.value(project).trimmed();

    return runImportInWorkspace(
        QStringLiteral("import ") + kindName, cl.workspace(), err, [&](store::Workspace& ws, bool) {
            ConsoleProgress progress(QStringLiteral("import ") + kindName, QStringLiteral("bytes"));
            std::optional<FileImportReport> report;
            try {
                report = runFileImport(ws, kind, options, [&progress](std::int64_t done, std::int64_t total) {
                    return progress.update(done, total);
                });
            } catch (...) {
                progress.finish();
                throw;
            }
            progress.finish();
            for (const QString& skipped : report->skipped)
                err << "skipped " << skipped << ": not a " << kindName << " export\n";
            for (size_t i = 0; i < report->files.size(); ++i) {
                printImportedFile(out, report->files[i].path, report->files[i].format, report->summaries[i]);
                printImportWarnings(err, ws, report->summaries[i]);
            }
            printLinkSummary(out, report->links);
            return int(Ok);
        });
}

} // namespace faultline::cli
