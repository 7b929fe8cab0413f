#include "import_controller.h"

#include "auto/auto_import.h"
#include "common/import_error.h"
#include "store/import_log_queries.h"
#include "store/store_error.h"
#include "store/workspace.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace faultline::gui {

namespace {

QString rowsText(const store::ImportSummary& summary)
{
    if (summary.seenBefore && summary.rowsInserted == 0)
        return QObject::tr("already imported, nothing new");
    QString text = summary.rowsInserted == 1 ? QObject::tr("1 row added")
                                             : QObject::tr("%1 rows added").arg(summary.rowsInserted);
    if (summary.warnings > 0)
        text += summary.warnings == 1 ? QObject::tr(", 1 warning")
                                      : QObject::tr(", %1 warnings").arg(summary.warnings);
    return text;
}

// The log entries of the steps that committed, with their recorded warnings.
void addCommittedSteps(const importers::AutoImportReport& report, const store::SqliteDatabase& db,
                       ImportOutcome& outcome)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const auto& step : report.steps) {
        for (int i = 0; i < step.paths.size() && i < int(step.summaries.size()); ++i) {
            const store::ImportSummary& summary = step.summaries[size_t(i)];
            ImportLogEntry entry;
            entry.atMs = now;
            entry.path = step.paths.at(i);
            entry.format = importers::inputKindName(step.kind) + QLatin1Char('/') + step.formats.value(i);
            entry.outcome = rowsText(summary);
            if (summary.warnings > 0 && summary.importId > 0)
                entry.warnings = store::loadImportWarnings(db, summary.importId);
            outcome.rowsAdded += summary.rowsInserted;
            outcome.entries.push_back(std::move(entry));
        }
        for (const QString& notice : step.notices) {
            ImportLogEntry entry;
            entry.atMs = now;
            entry.format = importers::inputKindName(step.kind);
            entry.outcome = notice;
            outcome.entries.push_back(std::move(entry));
        }
    }
}

ImportOutcome runImport(const QString& workspacePath, const QStringList& paths,
                        const std::shared_ptr<std::atomic_bool>& cancel,
                        const std::function<void(int, int, importers::InputKind, qint64, qint64)>& report)
{
    ImportOutcome outcome;
    outcome.workspacePath = workspacePath;
    const qint64 startedAt = QDateTime::currentMSecsSinceEpoch();
    const auto finishWith = [&](ImportOutcome::Status status, const QString& message) {
        outcome.status = status;
        outcome.message = message;
        ImportLogEntry entry;
        entry.atMs = QDateTime::currentMSecsSinceEpoch();
        entry.path = paths.size() == 1 ? QFileInfo(paths.front()).absoluteFilePath() : QString();
        entry.outcome = message;
        entry.failed = true;
        outcome.entries.push_back(std::move(entry));
    };
    const importers::Detection detection = importers::detectInputs(paths);
    for (const QString& unknown : detection.unrecognised) {
        ImportLogEntry entry;
        entry.atMs = startedAt;
        entry.path = unknown.section(QStringLiteral(": "), 0, 0);
        entry.outcome = QObject::tr("skipped: %1").arg(unknown.section(QStringLiteral(": "), 1));
        outcome.entries.push_back(std::move(entry));
    }
    if (detection.inputs.empty()) {
        finishWith(
            ImportOutcome::Status::Failed,
            QObject::tr("Nothing to import: %1").arg(detection.unrecognised.join(QStringLiteral("; "))));
        return outcome;
    }
    importers::AutoImportReport done;
    std::optional<store::Workspace> ws;
    try {
        ws.emplace(store::Workspace::open(workspacePath));
        QElapsedTimer sinceReport;
        int lastStep = -1;
        importers::runAutoImport(
            *ws, detection,
            [&](int step, int steps, importers::InputKind kind, std::int64_t d, std::int64_t total) {
                if (cancel->load())
                    return false;
                // At most ~20 updates a second reach the GUI thread, and every new step.
                if (step != lastStep || !sinceReport.isValid() || sinceReport.elapsed() >= 50) {
                    lastStep = step;
                    sinceReport.start();
                    report(step, steps, kind, d, total);
                }
                return true;
            },
            done);
        addCommittedSteps(done, ws->db(), outcome);
        outcome.status = ImportOutcome::Status::Succeeded;
    } catch (const importers::ImportCancelled&) {
        // Every kind of the drop was rolled back together (runAutoImport is one transaction).
        finishWith(ImportOutcome::Status::Cancelled,
                   QObject::tr("Import cancelled; the workspace is unchanged."));
    } catch (const importers::ImportError& e) {
        finishWith(ImportOutcome::Status::Failed,
                   QString::fromStdString(e.what())
                       + QObject::tr(" Nothing was imported; the workspace is unchanged."));
    } catch (const store::StoreError& e) {
        finishWith(ImportOutcome::Status::Failed, QString::fromStdString(e.what()));
    }
    return outcome;
}

} // namespace

ImportController::ImportController(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<ImportOutcome>();
    m_watcher = new QFutureWatcher<ImportOutcome>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_running = false;
        if (m_watcher->future().resultCount() > 0)
            Q_EMIT finished(m_watcher->result());
    });
}

ImportController::~ImportController()
{
    cancel();
    waitForFinished();
}

bool ImportController::start(const QString& workspacePath, const QStringList& paths)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    // The destructor waits for the worker, so the controller outlives every queued report.
    const auto report = [this](int step, int steps, importers::InputKind kind, qint64 done, qint64 total) {
        QMetaObject::invokeMethod(
            this,
            [this, step, steps, kind, done, total] {
                Q_EMIT progressChanged(step, steps, importers::inputKindTitle(kind), done, total,
                                       kind == importers::InputKind::Git ? tr("commits") : tr("bytes"));
            },
            Qt::QueuedConnection);
    };
    m_watcher->setFuture(QtConcurrent::run([workspacePath, paths, cancel = m_cancel, report] {
        return runImport(workspacePath, paths, cancel, report);
    }));
    Q_EMIT started(int(paths.size()));
    return true;
}

void ImportController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ImportController::waitForFinished()
{
    m_watcher->waitForFinished();
}

} // namespace faultline::gui
