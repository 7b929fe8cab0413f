#pragma once

#include "gui/theme.h"
#include "store/source_summary.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace faultline::gui {
struct ViewData;
}
namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::exporting {

// What the report says about the workspace beyond the ViewData: read once from the database (a few
// small queries, fine on the GUI thread).
struct ReportFacts
{
    std::vector<store::SourceSummary> sources; // the cover's data sources
    // The workspace settings the numbers depend on, as (key, value shown); an unset key shows its
    // default.
    QList<std::pair<QString, QString>> workspaceSettings;
};

// Throws store::StoreError when a query fails.
ReportFacts loadReportFacts(const store::SqliteDatabase& db);

struct ReportOptions
{
    QString workspacePath;
    QString workspaceName; // empty: the file's base name
    gui::ThemeKind theme = gui::ThemeKind::Light; // Light: white pages; Dark: dark pages
    bool anonymise = false; // people's names as stable aliases
    QDateTime generatedAt; // invalid: now
    ReportFacts facts;
};

// The retro report as a multi-page A4 PDF: a cover (workspace, period, services, data sources), the
// five DORA metrics AI-assisted vs not with n and intervals, the team profile and biggest
// bottleneck, every view's charts as vectors, the top tables, and an appendix of definitions and
// settings. Shows exactly `data` (what the views show). Runs on the GUI thread: it lays out and
// paints the views' chart widgets. Written through QSaveFile: a failed or cancelled report leaves no
// file. `progress(done, total)` returning false cancels.
bool writeReport(const QString& pdfPath, const gui::ViewData& data, const ReportOptions& options,
                 QString* error, const std::function<bool(int done, int total)>& progress = {});
// The same without copying `data` (the period's rows) for the views: the GUI's shared result.
bool writeReport(const QString& pdfPath, std::shared_ptr<const gui::ViewData> data,
                 const ReportOptions& options, QString* error,
                 const std::function<bool(int done, int total)>& progress = {});

// The report's section titles, in order (tests check the PDF holds each).
QStringList reportSectionTitles();

} // namespace faultline::exporting
