#pragma once

#include "metrics/dora_metrics.h"
#include "metrics/lead_time_breakdown.h"
#include "metrics/lead_time_histogram.h"
#include "models/metric_table_model.h"

#include <array>
#include <memory>
#include <vector>

namespace faultline::models {

// The Lead time view's models (issue 7, view 3), adapting metrics::LeadTimeBreakdown and the DORA
// lead-time rows.

// Rows = AI-assisted, not AI-assisted; columns = the five stages' median hours: what the stacked bars
// map (DisplayRole is the number; 0 where a stage has no value).
class LeadStagesModel : public MetricTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Coding,
        Pickup,
        Review,
        CiWait,
        Deploy,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Row
    {
        AiRow,
        NotAiRow,
        RowCount
    };

    using MetricTableModel::MetricTableModel;
    void setResult(const metrics::LeadTimeBreakdown& breakdown);
    static metrics::LeadStage stageOf(Column column);
    static metrics::Segment segmentOf(int row);
    static QString stageName(Column column);
    static QString definition(Column column); // METRICS.md
    static QString segmentName(int row);
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return m_hasResult ? RowCount : 0; }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    ValueUnit unit(int) const override { return ValueUnit::Hours; }
    QString headerToolTip(int column) const override;
    QVariant text(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QString formatted(int row, int column) const override;
    QString toolTip(int row, int column) const override;
    bool smallSample(int row, int column) const override;

private:
    const metrics::StageMedian& cell(int row, int column) const;

    std::array<std::array<metrics::StageMedian, metrics::kLeadStages>, 3> m_stages {};
    bool m_hasResult = false;
};

// Rows = lead-time buckets; columns: bucket label, AI-assisted count, not AI-assisted count.
class LeadHistogramModel : public MetricTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Bucket,
        AiCount,
        NotAiCount,
        ColumnCount
    };
    Q_ENUM(Column)

    using MetricTableModel::MetricTableModel;
    // Buckets the DORA lead-time rows.
    void setResult(const metrics::DoraResult& dora);
    // Shows buckets made elsewhere (off the GUI thread: bucketing a period's rows takes a while).
    void setHistograms(std::shared_ptr<const metrics::LeadTimeHistogram> ai,
                       std::shared_ptr<const metrics::LeadTimeHistogram> notAi);
    const metrics::LeadTimeHistogram& histogram(metrics::Segment segment) const;
    QStringList bucketLabels() const;

protected:
    int rows() const override { return m_hasResult ? metrics::kLeadTimeBuckets : 0; }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QString headerToolTip(int column) const override;
    QVariant text(int row, int column) const override;
    QString toolTip(int row, int column) const override;
    bool smallSample(int row, int column) const override;

private:
    std::shared_ptr<const metrics::LeadTimeHistogram> m_ai;
    std::shared_ptr<const metrics::LeadTimeHistogram> m_notAi;
    bool m_hasResult = false;
};

// The pull requests (or commits without one) behind a stage median or the CI overhead ratio.
struct LeadRow
{
    metrics::LeadTimeRow row;
    QString reason;
};

// The breakdown's rows of `segment` with a value for `stage`, each with why it counts.
std::vector<LeadRow> leadRowsForStage(const metrics::LeadTimeBreakdown& breakdown, metrics::Segment segment,
                                      metrics::LeadStage stage);
// The rows with both a coding and a CI-wait time: the n of the CI overhead ratio.
std::vector<LeadRow> leadRowsForCiOverhead(const metrics::LeadTimeBreakdown& breakdown);

class LeadRowsModel : public MetricTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Change,
        Segment,
        Coding,
        Pickup,
        Review,
        CiWait,
        Deploy,
        Reason,
        ColumnCount
    };
    Q_ENUM(Column)

    using MetricTableModel::MetricTableModel;
    void setRows(std::vector<LeadRow> rows);
    const std::vector<LeadRow>& leadRows() const { return m_rows; }

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    ValueUnit unit(int column) const override
    {
        return column >= Coding && column <= Deploy ? ValueUnit::Hours : ValueUnit::None;
    }
    QVariant text(int row, int column) const override;
    QVariant raw(int row, int column) const override;

private:
    std::vector<LeadRow> m_rows;
};

} // namespace faultline::models
