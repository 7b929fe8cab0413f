#include "import_runner.h"

#include "common/file_import.h"
#include "common/import_error.h"
#include "store/import_batch.h"
#include "store/import_log_queries.h"
#include "store/store_error.h"
#include "store/workspace.h"

#include <QFile>
#include <QFileInfo>

#include <optional>

namespace faultline::cli {

void printLinkSummary(QTextStream& out, const importers::LinkSummary& l)
{
    out << "Linked in " << QString::number(l.durationMs / 1000.0, 'f', 1) << " s: " << l.deployments
        << " deployments (" << l.changesetRows << " changeset commits, " << l.commitsUnknown
        << " with commits unknown, " << l.rollbacks << " rollbacks, " << l.unplanned << " unplanned), "
        << l.incidentLinks << " incident links, " << l.prCommitLinks << " PR commit links, " << l.prRunLinks
        << " PR run links, " << l.botPullRequests << " bot PRs\n";
}

void printImportedFile(QTextStream& out, const QString& path, const QString& format,
                       const store::ImportSummary& summary)
{
    out << "Imported " << QFileInfo(path).absoluteFilePath() << " (" << format << "): ";
    if (summary.seenBefore)
        out << "already imported; ";
    QStringList counts;
    for (auto it = summary.rowCounts.cbegin(); it != summary.rowCounts.cend(); ++it)
        counts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    out << (counts.isEmpty() ? QStringLiteral("no rows") : counts.join(QStringLiteral(", ")));
    if (summary.warnings > 0)
        out << "; " << summary.warnings << " warnings";
    out << '\n';
}

void printImportWarnings(QTextStream& err, const store::Workspace& workspace,
                         const store::ImportSummary& summary)
{
    constexpr int kShown = 5;
    if (summary.warnings == 0 || summary.importId == 0)
        return;
    const std::vector<store::ImportWarning> warnings
        = store::loadImportWarnings(workspace.db(), summary.importId);
    int shown = 0;
    for (const store::ImportWarning& w : warnings) {
        if (shown++ == kShown)
            break;
        err << "warning: " << w.file;
        if (w.line > 0)
            err << ':' << w.line;
        if (!w.location.isEmpty())
            err << ": " << w.location;
        err << ": " << w.detail << '\n';
    }
    if (qsizetype(warnings.size()) > kShown)
        err << "… and " << (qsizetype(warnings.size()) - kShown)
            << " more warnings (all of them are in the window's import log)\n";
}

int runImportInWorkspace(const QString& command, const QString& workspacePath, QTextStream& err,
                         const std::function<int(store::Workspace& workspace, bool created)>& work)
{
    const bool created = !QFileInfo::exists(workspacePath);
    std::optional<store::Workspace> ws;
    auto fail = [&](const char* what) {
        err << "faultline " << command << ": " << what << '\n';
        ws.reset(); // close before a created file is removed
        if (created) {
            for (const char* suffix : { "", "-wal", "-shm" })
                QFile::remove(workspacePath + QLatin1String(suffix));
        }
        return Failure;
    };
    try {
        ws.emplace(created ? store::Workspace::create(workspacePath) : store::Workspace::open(workspacePath));
        const int code = work(*ws, created);
        if (code == Ok && created)
            err << "Created workspace " << workspacePath << '\n';
        return code;
    } catch (const importers::ImportCancelled& e) {
        return fail(e.what());
    } catch (const importers::ImportError& e) {
        return fail(e.what());
    } catch (const store::StoreError& e) {
        return fail(e.what());
    }
}

} // namespace faultline::cli
