#pragma once

#include "gui/views/view.h"
#include "gui/views/view_style.h"

class QBarCategoryAxis;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QVXYModelMapper;
class QFrame;
class QHorizontalStackedBarSeries;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QValueAxis;
class QVBarModelMapper;

namespace faultline::models {
class ChurnRowsModel;
class HotspotFilterProxy;
class HotspotsModel;
class PresentRowsProxy;
class ReversedTopRowsProxy;
class ReworkWeeksModel;
} // namespace faultline::models

namespace faultline::gui {

class DrillPanel;
class TreemapWidget;

// Issue 7, view 4: where code gets rewritten soon after it was written. The hotspot table (sortable,
// filtered by path), the top files by churned lines split AI-assisted / not, the churn rate per week
// AI-assisted vs not, and a directory treemap. Double-clicking a file, bar or directory shows the
// churn rows behind it, each with the reason it counts.
class ReworkView : public View
{
    Q_OBJECT

public:
    explicit ReworkView(QWidget* parent = nullptr);

    // Files in the "top files" chart.
    static constexpr int kTopFiles = 8;

    QString key() const override { return QStringLiteral("rework"); }
    QString title() const override { return tr("Rework"); }
    int shortcutNumber() const override { return 4; }
    void setTheme(const Theme& theme) override;
    bool isEmptyState() const override;
    QList<ViewChart> charts() const override;
    QString emptyStateText() const override;

    models::HotspotsModel* hotspotsModel() const { return m_hotspots; }
    models::HotspotFilterProxy* hotspotsProxy() const { return m_proxy; }
    models::ReworkWeeksModel* weeksModel() const { return m_weeks; }
    models::ChurnRowsModel* drillDownModel() const { return m_drillRows; }
    TreemapWidget* treemap() const { return m_treemap; }
    QLineSeries* aiWeeklySeries() const { return m_aiWeekly; }
    QLineSeries* notAiWeeklySeries() const { return m_notAiWeekly; }
    QHorizontalStackedBarSeries* topFilesSeries() const { return m_topSeries; }
    QLineEdit* pathFilter() const { return m_filter; }
    DrillPanel* drillPanel() const { return m_drill; }

    // What double-clicking does: the churn rows of one file (a hotspot row of the source model), one
    // directory, or one week and segment.
    void showFileRows(int hotspotRow);
    void showDirectoryRows(const QString& directory);
    void showWeekRows(int week, bool ai);
    bool isDrillDownVisible() const;

protected:
    void showReport(const ViewData& data) override;

private:
    void updateAxes();
    void updateSummary();
    void restyle();

    Theme m_theme = Theme::forKind(ThemeKind::Light);
    models::HotspotsModel* m_hotspots = nullptr;
    models::HotspotFilterProxy* m_proxy = nullptr;
    models::ReworkWeeksModel* m_weeks = nullptr;
    models::ChurnRowsModel* m_drillRows = nullptr;

    CardSet m_cards;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    QLabel* m_summary = nullptr;
    QChartView* m_topView = nullptr;
    QHorizontalStackedBarSeries* m_topSeries = nullptr;
    QBarCategoryAxis* m_topFilesAxis = nullptr;
    QValueAxis* m_topLinesAxis = nullptr;
    QVBarModelMapper* m_topMapper = nullptr;
    models::ReversedTopRowsProxy* m_topRows = nullptr;
    QChartView* m_weeklyView = nullptr;
    QLineSeries* m_aiWeekly = nullptr;
    QLineSeries* m_notAiWeekly = nullptr;
    models::PresentRowsProxy* m_aiWeeks = nullptr;
    models::PresentRowsProxy* m_notAiWeeks = nullptr;
    QVXYModelMapper* m_aiWeeklyMapper = nullptr;
    QVXYModelMapper* m_notAiWeeklyMapper = nullptr;
    QDateTimeAxis* m_weeksAxis = nullptr;
    QValueAxis* m_rateAxis = nullptr;
    TreemapWidget* m_treemap = nullptr;
    QLabel* m_treemapNote = nullptr;
    QLabel* m_treemapHeading = nullptr;
    QLineEdit* m_filter = nullptr;
    QTableView* m_table = nullptr;
    DrillPanel* m_drill = nullptr;
};

} // namespace faultline::gui
