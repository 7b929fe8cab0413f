#pragma once

#include "metrics/dora_metrics.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace faultline::models {

// The five DORA metrics as a table: one row per metric, the headline value for all, AI-assisted and
// not AI-assisted deployments, each with its n. The Overview tiles and any table read it.
class DoraTilesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Metric
    {
        DeploymentFrequency,
        LeadTime,
        ChangeFailureRate,
        RecoveryTime,
        ReworkRate,
        MetricCount
    };
    Q_ENUM(Metric)

    enum Column
    {
        Name,
        Value, // all deployments
        AiValue,
        NotAiValue,
        N,
        AiN,
        NotAiN,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        RawValueRole = Qt::UserRole + 1, // double; invalid when the metric has no value
        SmallSampleRole, // bool: fewer than metrics::kSmallSample items behind the cell
        DefinitionRole, // METRICS.md definition of the row's metric
        SegmentRole, // int(metrics::Segment) of a value / n column
    };

    explicit DoraTilesModel(QObject* parent = nullptr);

    void setResult(const metrics::DoraResult& result);
    const metrics::DoraResult& result() const { return m_result; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString metricName(Metric metric);
    // The definition quoted from METRICS.md (tooltips, report appendix).
    static QString definition(Metric metric);
    // "1.4 /day", "26.5 h", "12.0 %", "—" for no value.
    static QString formatValue(Metric metric, std::optional<double> value);
    static std::optional<double> value(const metrics::DoraSegment& segment, Metric metric);
    static std::int64_t count(const metrics::DoraSegment& segment, Metric metric);
    // The rows behind a metric of a segment, with the reason each counts: what drill-down shows.
    static const std::vector<metrics::Contribution>& contributions(const metrics::DoraSegment& segment,
                                                                   Metric metric);

private:
    std::optional<metrics::Segment> segmentOf(int column) const;

    metrics::DoraResult m_result;
    bool m_hasResult = false;
};

} // namespace faultline::models
