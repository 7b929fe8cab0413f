#pragma once

#include "gui/import_log_model.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

namespace faultline::gui {

// How a GUI import ended.
struct ImportOutcome
{
    enum class Status
    {
        Succeeded,
        Cancelled,
        Failed
    };
    Status status = Status::Succeeded;
    QString workspacePath;
    QString message; // the error or cancel message; empty on success
    std::vector<ImportLogEntry> entries; // one per imported input, plus one for a cancel or failure
    qint64 rowsAdded = 0;
};

// Runs File ▸ Import… and drag-and-drop imports on a worker thread: detects each input's kind and
// runs the importers the CLI runs (importers::runAutoImport) on the worker's own connection. Cancel
// makes the importer's next progress call stop it; its transaction rolls back. One import at a time.
class ImportController : public QObject
{
    Q_OBJECT

public:
    explicit ImportController(QObject* parent = nullptr);
    ~ImportController() override;

    // False (and nothing started) while another import runs.
    bool start(const QString& workspacePath, const QStringList& paths);
    void cancel();
    bool isRunning() const { return m_running; }
    // Blocks until the running import ends (closing the window or the workspace).
    void waitForFinished();

Q_SIGNALS:
    void started(int inputs);
    // step of steps (0-based) importing `what`; done of total in `unit` ("bytes", "commits").
    void progressChanged(int step, int steps, const QString& what, qint64 done, qint64 total,
                         const QString& unit);
    void finished(const faultline::gui::ImportOutcome& outcome);

private:
    QFutureWatcher<ImportOutcome>* m_watcher = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_running = false;
};

} // namespace faultline::gui

Q_DECLARE_METATYPE(faultline::gui::ImportOutcome)
