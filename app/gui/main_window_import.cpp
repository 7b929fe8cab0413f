#include "import_controller.h"
#include "import_log_model.h"
#include "import_progress_widget.h"
#include "main_window.h"
#include "report_page.h"
#include "settings.h"
#include "store/store_error.h"
#include "store/workspace.h"
#include "workspace_page.h"

#include <QAction>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMimeData>
#include <QStatusBar>
#include <QTableView>

#include <algorithm>

// The import side of the main window: File ▸ Import…, drag-and-drop, the import log panel and what
// happens when an import ends. The work itself runs in ImportController.
namespace faultline::gui {

void MainWindow::buildImportLog()
{
    m_importLog = new ImportLogModel(this);
    m_importDock = new QDockWidget(tr("Import log"), this);
    m_importDock->setObjectName(QStringLiteral("importLogDock"));
    m_importDock->toggleViewAction()->setText(tr("Import &log"));
    auto* table = new QTableView(m_importDock);
    table->setObjectName(QStringLiteral("importLogTable"));
    table->setModel(m_importLog);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(ImportLogModel::Detail, QHeaderView::Stretch);
    connect(m_importLog, &QAbstractItemModel::modelReset, table, [table] {
        table->resizeColumnToContents(ImportLogModel::When);
        table->resizeColumnToContents(ImportLogModel::File);
        table->resizeColumnToContents(ImportLogModel::Line);
    });
    m_importDock->setWidget(table);
    addDockWidget(Qt::BottomDockWidgetArea, m_importDock);
    m_importDock->hide();
}

bool MainWindow::importPaths(const QStringList& paths)
{
    if (!m_workspace || paths.isEmpty())
        return false;
    if (!m_importController->start(m_workspace->path(), paths)) {
        showError(tr("An import is already running; wait for it or cancel it first."));
        return false;
    }
    m_importAction->setEnabled(false);
    return true;
}

void MainWindow::importInteractively()
{
    if (!m_workspace)
        return;
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import"), m_settings->lastDirectory(),
        tr("Exports (*.json *.jsonl *.csv *.xml *.yaml *.yml *.zip *.log *.txt)") + QStringLiteral(";;")
            + tr("All files (*)"));
    if (paths.isEmpty())
        return;
    m_settings->setLastDirectory(QFileInfo(paths.constFirst()).absolutePath());
    importPaths(paths);
}

void MainWindow::importFinished(const ImportOutcome& outcome)
{
    m_importProgress->end();
    m_importLog->addImport(outcome.entries);
    updateChrome();
    const bool current = m_workspace && outcome.workspacePath == m_workspace->path();
    switch (outcome.status) {
    case ImportOutcome::Status::Succeeded:
        statusBar()->showMessage(tr("Import finished: %n row(s) added", nullptr, int(outcome.rowsAdded)),
                                 8000);
        if (m_importLog->warningCount() > 0)
            m_importDock->show();
        break;
    case ImportOutcome::Status::Cancelled:
        statusBar()->showMessage(outcome.message, 8000);
        m_importDock->show();
        break;
    case ImportOutcome::Status::Failed:
        showError(outcome.message);
        m_importDock->show();
        break;
    }
    if (current && outcome.rowsAdded > 0) {
        try {
            m_workspacePage->reload();
        } catch (const store::StoreError& e) {
            showError(QString::fromStdString(e.what()));
        }
        m_reportPage->reload();
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!m_workspace || m_importController->isRunning() || !event->mimeData()->hasUrls())
        return;
    const QList<QUrl> urls = event->mimeData()->urls();
    if (std::any_of(urls.begin(), urls.end(), [](const QUrl& url) { return url.isLocalFile(); }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl& url : urls) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    if (importPaths(paths))
        event->acceptProposedAction();
}

} // namespace faultline::gui
