#pragma once

#include "filter_state.h"
#include "theme.h"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QStackedWidget;
class QTimer;

namespace faultline::gui {

class BackgroundJob;
class ExportMenus;
class FilterBar;
class Settings;
class View;
struct ViewData;

// The metric views of an open workspace under the shared filter bar. A filter change (stored per
// workspace in Settings) starts one background job that computes everything the views show, and a
// newer change drops an older job's result. The result reaches the visible view first and the others
// one per event-loop turn (or when shown), so no single step holds the GUI thread for long.
class ReportPage : public QWidget
{
    Q_OBJECT

public:
    explicit ReportPage(Settings* settings, QWidget* parent = nullptr);
    ~ReportPage() override;

    // Shows the workspace at path (its own read-only connections, on worker threads); empty clears.
    void setWorkspace(const QString& path);
    QString workspacePath() const { return m_path; }
    // Recomputes with the current filters, e.g. after an import.
    void reload();

    const std::vector<View*>& views() const { return m_views; }
    View* currentView() const;
    int currentIndex() const;
    void showView(int index);
    FilterBar* filterBar() const { return m_filterBar; }
    BackgroundJob* job() const { return m_job; }
    FilterState filters() const;
    // The result the views show (an empty one before the first): File ▸ Export report… prints it.
    std::shared_ptr<const ViewData> currentData() const { return m_data; }
    ExportMenus* exportMenus() const { return m_exportMenus; }

    void setTheme(const Theme& theme);
    // Presentation mode: the filter bar and status line make way for the view.
    void setPresentation(bool on);

Q_SIGNALS:
    void errorOccurred(const QString& message);
    // A table or chart was exported (a line for the status bar).
    void exported(const QString& message);
    // The visible view shows the result of the latest filter state.
    void currentViewReady();
    // Every view shows it.
    void reportReady();

private:
    void applyFilters(const FilterState& filters);
    void deliver(std::shared_ptr<const ViewData> data);
    void updateNextStaleView();

    Settings* m_settings;
    QString m_path;
    FilterBar* m_filterBar = nullptr;
    QLabel* m_status = nullptr;
    QStackedWidget* m_stack = nullptr;
    std::vector<View*> m_views;
    BackgroundJob* m_job = nullptr;
    std::shared_ptr<const ViewData> m_data; // the latest result
    QTimer* m_staleTimer = nullptr;
    ExportMenus* m_exportMenus = nullptr;
};

} // namespace faultline::gui
