#include "link_command.h"

#include "command_line.h"
#include "import_runner.h"
#include "link/relink_workspace.h"

#include <QFileInfo>

namespace faultline::cli {

int runLink(const QStringList& args, QTextStream& out, QTextStream& err)
{
    CommandLine cl(
        QStringLiteral("link"),
        QStringLiteral("Recompute the links between commits, deployments, incidents, pull requests "
                       "and CI runs,\nafter changing link settings. Every import already does this; "
                       "use it to change a setting.\nSettings:\n"
                       "  link.production_environment  regex over environment names (default "
                       "^(prod|production|live)([-_].*)?$)\n"
                       "  link.incident_window_hours   hours before an incident a deployment may "
                       "have finished (default 72)\n"
                       "  link.service_paths           JSON {\"service\": \"path/prefix\"} for "
                       "repositories that hold several services\n"
                       "  link.bot_rules_file          JSON bot rules tried before the built-in "
                       "Dependabot/Renovate rules\n"
                       "  metrics.runner_rates         JSON {\"runner label\": cost per CI minute}\n"
                       "  metrics.staging_environment  regex over staging environment names"));
    QCommandLineParser& p = cl.parser();
    cl.addWorkspaceOption();
    const QCommandLineOption set(QStringLiteral("set"), QStringLiteral("Set a link setting (repeatable)."),
                                 QStringLiteral("key=value"));
    const QCommandLineOption unset(QStringLiteral("unset"),
                                   QStringLiteral("Restore a setting's default (repeatable)."),
                                   QStringLiteral("key"));
    p.addOptions({ set, unset });
    if (auto code = cl.parseOptionsOnly(args, out, err))
        return *code;
    if (!QFileInfo::exists(cl.workspace())) {
        err << "faultline link: no workspace " << cl.workspace() << '\n';
        return Failure;
    }
    QList<QPair<QString, QString>> settings;
    for (const QString& assignment : p.values(set)) {
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return cl.usageError(QStringLiteral("--set expects key=value, found '%1'").arg(assignment), err);
        settings.append({ assignment.left(eq).trimmed(), assignment.mid(eq + 1) });
    }
    for (const QString& key : p.values(unset))
        settings.append({ key.trimmed(), QString() });

    return runImportInWorkspace(QStringLiteral("link"), cl.workspace(), err, [&](store::Workspace& ws, bool) {
        const importers::LinkSummary l = importers::link::relinkWorkspace(ws, settings);
        for (const auto& [key, value] : importers::link::settingsInForce(ws))
            out << key << " = " << (value.isEmpty() ? QStringLiteral("(default)") : value) << '\n';
        printLinkSummary(out, l);
        return int(Ok);
    });
}

} // namespace faultline::cli
