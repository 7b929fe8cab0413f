#pragma once

#include "gui/views/metric_view_base.h"
#include "gui/views/pipeline_data.h"

#include <memory>

class QBarCategoryAxis;
class QComboBox;
class QChartView;
class QLabel;
class QStackedBarSeries;
class QTabWidget;
class QTableView;
class QVBarModelMapper;
class QValueAxis;

namespace faultline::models {
class CacheSavingsModel;
class CiClustersModel;
class FlakyTestsModel;
class JobRowsModel;
class SlowJobsModel;
class FlakyResultsModel;
class StageTimingModel;
class StageWeeksModel;
} // namespace faultline::models

namespace faultline::gui {

// Issue 7, view 2: where does CI time go, and what would caching save? Stage p50/p90, CI minutes and
// estimated cost per week (stacked bars per stage), the stage table (queue time, failure and retry
// rate), the slowest jobs, cache hits and misses with the estimated saving, CI failure clusters and
// flaky tests. Double-clicking a bar or a row shows the jobs behind it.
class PipelineView : public MetricViewBase
{
    Q_OBJECT

public:
    explicit PipelineView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("pipeline"); }
    QString title() const override { return tr("Pipeline"); }
    int shortcutNumber() const override { return 2; }
    QString emptyStateText() const override;
    QList<ViewChart> charts() const override;

    models::StageTimingModel* stageModel() const { return m_stages; }
    models::StageWeeksModel* weeksModel() const { return m_weeks; }
    models::CacheSavingsModel* cacheModel() const { return m_cache; }
    models::SlowJobsModel* slowJobsModel() const { return m_slowJobs; }
    models::SlowJobsModel* slowStepsModel() const { return m_slowSteps; }
    models::CiClustersModel* clustersModel() const { return m_clusters; }
    models::FlakyTestsModel* flakyModel() const { return m_flaky; }
    models::JobRowsModel* drillDownModel() const { return m_drill; }
    models::FlakyResultsModel* flakyRowsModel() const { return m_flakyRows; }
    QStackedBarSeries* weeksSeries() const { return m_series; }
    QComboBox* measureBox() const { return m_measure; }

    // What double-clicking does: the jobs behind a stage row, a week's bar of a stage, a slow job, a
    // cache step, a CI failure cluster.
    void showStageJobs(int stageRow);
    void showWeekStageJobs(int week, int stageColumn);
    void showSlowJobRuns(int row);
    void showSlowStepJobs(int row);
    void showFlakyResults(int row);
    void showCacheJobs(int row);
    void showClusterJobs(int row);

protected:
    void showReport(const ViewData& data) override;
    void restyleContent() override;
    void onDrillDownShown(bool shown) override;

private:
    void showJobs(const std::vector<std::int64_t>& ids, const QString& reason, const QString& title);
    void updateChart();
    void updateSummary();

    models::StageTimingModel* m_stages = nullptr;
    models::StageWeeksModel* m_weeks = nullptr;
    models::CacheSavingsModel* m_cache = nullptr;
    models::SlowJobsModel* m_slowJobs = nullptr;
    models::SlowJobsModel* m_slowSteps = nullptr;
    models::FlakyResultsModel* m_flakyRows = nullptr;
    models::CiClustersModel* m_clusters = nullptr;
    models::FlakyTestsModel* m_flaky = nullptr;
    models::JobRowsModel* m_drill = nullptr;

    QComboBox* m_measure = nullptr;
    QChartView* m_chartView = nullptr;
    QLabel* m_chartNote = nullptr;
    QLabel* m_summary = nullptr;
    QStackedBarSeries* m_series = nullptr;
    QBarCategoryAxis* m_weeksAxis = nullptr;
    QValueAxis* m_valueAxis = nullptr;
    QVBarModelMapper* m_mapper = nullptr;
    QTableView* m_stageTable = nullptr;
    QTabWidget* m_tabs = nullptr;
};

// Series colours of the stages: never the AI-assisted / not AI-assisted colours.
QColor stageColour(int index, const Theme& theme);

} // namespace faultline::gui
