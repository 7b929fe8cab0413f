#include "export/report_writer.h"
#include "export_menus.h"
#include "main_window.h"
#include "report_page.h"
#include "settings.h"
#include "store/store_error.h"
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
    if (!m_workspace)
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
    try {
        options.facts = exporting::loadReportFacts(m_workspace->db());
    } catch (const store::StoreError& e) {
        showError(tr("Cannot export the report: %1").arg(QString::fromUtf8(e.what())));
        return;
    }

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
    if (!written) {
        if (!cancelled)
            showError(tr("Cannot export the report: %1").arg(error));
        return;
    }
    statusBar()->showMessage(tr("Exported the report to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

} // namespace faultline::gui
