#pragma once

#include "gui/views/metric_view_base.h"

class QBarCategoryAxis;
class QBarSeries;
class QHorizontalStackedBarSeries;
class QChartView;
class QLabel;
class QTableView;
class QToolButton;
class QVBarModelMapper;
class QValueAxis;

namespace faultline::models {
class ContributionsModel;
class LeadHistogramModel;
class LeadRowsModel;
class LeadStagesModel;
} // namespace faultline::models

namespace faultline::gui {

// Issue 7, view 3: where does lead time go? Coding / pickup / review / CI wait / deploy medians as
// stacked bars, AI-assisted vs not; the distribution of lead times (from the DORA lead-time rows); the
// CI overhead ratio. Double-clicking a bar shows the pull requests or commits behind it.
class LeadTimeView : public MetricViewBase
{
    Q_OBJECT

public:
    explicit LeadTimeView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("leadtime"); }
    QString title() const override { return tr("Lead time"); }
    int shortcutNumber() const override { return 3; }
    QString emptyStateText() const override;
    QList<ViewChart> charts() const override;

    models::LeadStagesModel* stagesModel() const { return m_stages; }
    models::LeadHistogramModel* histogramModel() const { return m_histogram; }
    models::LeadRowsModel* leadRowsModel() const { return m_leadRows; }
    models::ContributionsModel* contributionsModel() const { return m_contributions; }
    QHorizontalStackedBarSeries* stagesSeries() const { return m_stageSeries; }
    QBarSeries* histogramSeries() const { return m_histogramSeries; }
    QString overheadText() const;

    // What double-clicking does.
    void showStageRows(int segmentRow, int stageColumn);
    void showBucketRows(int bucket, int segmentColumn);
    void showOverheadRows();

protected:
    void showReport(const ViewData& data) override;
    void restyleContent() override;
    void onDrillDownShown(bool shown) override;

private:
    void updateAxes();

    models::LeadStagesModel* m_stages = nullptr;
    models::LeadHistogramModel* m_histogram = nullptr;
    models::LeadRowsModel* m_leadRows = nullptr;
    models::ContributionsModel* m_contributions = nullptr;

    QHorizontalStackedBarSeries* m_stageSeries = nullptr;
    QBarCategoryAxis* m_segmentAxis = nullptr;
    QValueAxis* m_hoursAxis = nullptr;
    QVBarModelMapper* m_stageMapper = nullptr;
    QBarSeries* m_histogramSeries = nullptr;
    QBarCategoryAxis* m_bucketAxis = nullptr;
    QValueAxis* m_countAxis = nullptr;
    QVBarModelMapper* m_histogramMapper = nullptr;
    QLabel* m_stagesNote = nullptr;
    QLabel* m_histogramNote = nullptr;
    QLabel* m_overheadValue = nullptr;
    QLabel* m_overheadDetail = nullptr;
    QToolButton* m_overheadRows = nullptr;
    QTableView* m_stageTable = nullptr;
    QChartView* m_stagesView = nullptr;
    QChartView* m_histogramView = nullptr;
    QWidget* m_topRow = nullptr; // stage chart, CI overhead
    QWidget* m_bottomRow = nullptr; // histogram, stage table
    bool m_drillFromHistogram = false;
};

} // namespace faultline::gui
