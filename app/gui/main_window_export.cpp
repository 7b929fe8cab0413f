#include "background_job.h"
#include "export/report_writer.h"
#include "export_menus.h"
#include "main_window.h"
#include "report_page.h"
#include "settings.h"
#include "store/workspace.h"
#include "views/view_data.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QProgressDialog>
#include <QStatusBar>

// File ▸ Export report…: the PDF of what the views show, with the filters in force.
namespace faultline::gui {

void MainWindow::exportReportInteractively()
{
    if (!m_workspace || m_reportFactsProgress)
        return;
    const std::shared_ptr<const ViewData> data = m_reportPage->currentData();
    if (!data || data->workspaceEmpty) {
        showError(tr("Nothing to report yet: import data into the workspace first."));
        return;
    }
    const QString suggested = QStringLiteral("%1-report-%2.pdf")
                                  .arg(QFileInfo(m_workspace->path()).completeBaseName(),
                                       QDate::currentDate().toString(Qt::ISODate));
    const QString path = m_reportPage->exportMenus()->askPath(suggested, tr("PDF documents (*.pdf)"));
    if (path.isEmpty())
        return;

    exporting::ReportOptions options;
    options.workspacePath = m_workspace->path();
    // The report follows the window's light or dark look; presentation contrast is for screens.
    options.theme
        = resolveTheme(m_settings->themeChoice()) == ThemeKind::Dark ? ThemeKind::Dark : ThemeKind::Light;
    options.anonymise = m_settings->anonymisePeople();

    // The cover's data sources count every table and find its first and last dates: about a second
    // on a million commits, so it runs on the job's own connection while the window stays live.
    m_reportFactsProgress
        = new QProgressDialog(tr("Reading the workspace for the report…"), tr("Cancel"), 0, 0, this);
    m_reportFactsProgress->setObjectName(QStringLiteral("reportFactsProgress"));
    m_reportFactsProgress->setWindowModality(Qt::WindowModal);
    m_reportFactsProgress->setMinimumDuration(300);
    connect(m_reportFactsProgress, &QProgressDialog::canceled, this, [this] {
        m_reportFactsJob->cancel();
        abandonReportExport();
    });
    m_reportFactsJob->start<exporting::ReportFacts>(
        m_workspace->path(),
        [](const store::SqliteDatabase& db, const JobContext&) { return exporting::loadReportFacts(db); },
        [this, path, data, options](exporting::ReportFacts facts) mutable {
            delete m_reportFactsProgress;
            options.facts = std::move(facts);
            writeReportFile(path, data, options);
        });
}

void MainWindow::abandonReportExport()
{
    if (m_reportFactsProgress)
        m_reportFactsProgress->deleteLater();
    m_reportFactsProgress = nullptr;
    Q_EMIT reportExportFinished(false);
}

void MainWindow::writeReportFile(const QString& path, const std::shared_ptr<const ViewData>& data,
                                 const exporting::ReportOptions& options)
{
    // Painting the charts needs this thread; the dialog keeps the window responsive between pages and
    // offers Cancel.
    QProgressDialog progress(tr("Writing the report…"), tr("Cancel"), 0, 100, this);
    progress.setObjectName(QStringLiteral("reportProgress"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    QString error;
    const bool written
        = exporting::writeReport(path, data, options, &error, [&progress](int done, int total) {
              progress.setMaximum(total);
              progress.setValue(done);
              return !progress.wasCanceled();
          });
    const bool cancelled = progress.wasCanceled();
    progress.reset();
    if (written)
        statusBar()->showMessage(tr("Exported the report to %1").arg(QDir::toNativeSeparators(path)), 8000);
    else if (!cancelled)
        showError(tr("Cannot export the report: %1").arg(error));
    Q_EMIT reportExportFinished(written);
}

} // namespace faultline::gui
