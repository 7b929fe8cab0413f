#pragma once

#include "gui/views/view.h"
#include "gui/views/view_style.h"

class QCategoryAxis;
class QChartView;
class QDateTimeAxis;
class QFrame;
class QHorizontalBarSeries;
class QBarCategoryAxis;
class QLabel;
class QScatterSeries;
class QStackedWidget;
class QTableView;
class QValueAxis;
class QVBarModelMapper;
class QVXYModelMapper;

namespace faultline::models {
class IncidentTimelineModel;
class RepeatClustersModel;
class ReversedTopRowsProxy;
class TimelineRowsProxy;
} // namespace faultline::models

namespace faultline::gui {

class DrillPanel;

// Issue 7, view 5: incidents that keep coming back. The repeat-incident clusters table, a timeline
// (time × cluster, repeats highlighted), the median recovery time per cluster, and for the selected
// cluster its linked deployments and the files they changed with their AI share. Double-clicking a
// cluster, point or bar lists the cluster's incidents with why each is (or is not) a repeat.
class IncidentsView : public View
{
    Q_OBJECT

public:
    explicit IncidentsView(QWidget* parent = nullptr);

    // Clusters drawn in the timeline and recovery charts (the largest ones).
    static constexpr int kChartClusters = 8;
    // Time buckets of the timeline: incidents of one cluster within a bucket are one point.
    static constexpr int kTimelineBuckets = 90;

    QString key() const override { return QStringLiteral("incidents"); }
    QString title() const override { return tr("Incidents"); }
    int shortcutNumber() const override { return 5; }
    void setTheme(const Theme& theme) override;
    bool isEmptyState() const override;
    QList<ViewChart> charts() const override;
    QString emptyStateText() const override;

    models::RepeatClustersModel* clustersModel() const { return m_clusters; }
    models::IncidentTimelineModel* timelineModel() const { return m_timeline; }
    models::IncidentTimelineModel* drillDownModel() const { return m_drillRows; }
    QScatterSeries* repeatSeries() const { return m_repeatSeries; }
    QScatterSeries* otherSeries() const { return m_otherSeries; }
    QHorizontalBarSeries* recoverySeries() const { return m_recoverySeries; }
    DrillPanel* drillPanel() const { return m_drill; }
    QString detailsText() const;

    void showClusterRows(int cluster);
    void showClusterDetails(int cluster);
    bool isDrillDownVisible() const;

protected:
    void showReport(const ViewData& data) override;

private:
    void updateAxes();
    void updateSummary();
    void restyle();

    Theme m_theme = Theme::forKind(ThemeKind::Light);
    int m_detailsCluster = 0;
    models::RepeatClustersModel* m_clusters = nullptr;
    models::IncidentTimelineModel* m_timeline = nullptr;
    models::TimelineRowsProxy* m_repeatRows = nullptr;
    models::TimelineRowsProxy* m_otherRows = nullptr;
    models::IncidentTimelineModel* m_drillRows = nullptr;

    CardSet m_cards;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    QLabel* m_summary = nullptr;
    QChartView* m_timelineView = nullptr;
    QScatterSeries* m_repeatSeries = nullptr;
    QScatterSeries* m_otherSeries = nullptr;
    QVXYModelMapper* m_repeatMapper = nullptr;
    QVXYModelMapper* m_otherMapper = nullptr;
    QDateTimeAxis* m_timeAxis = nullptr;
    QCategoryAxis* m_clusterAxis = nullptr;
    QChartView* m_recoveryView = nullptr;
    QHorizontalBarSeries* m_recoverySeries = nullptr;
    QBarCategoryAxis* m_recoveryClusters = nullptr;
    QValueAxis* m_recoveryHours = nullptr;
    QVBarModelMapper* m_recoveryMapper = nullptr;
    models::ReversedTopRowsProxy* m_recoveryRows = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_details = nullptr;
    DrillPanel* m_drill = nullptr;
};

} // namespace faultline::gui
