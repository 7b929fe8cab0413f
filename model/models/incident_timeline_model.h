#pragma once

#include "metrics/incident_timeline.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <vector>

namespace faultline::models {

// The incidents of the repeat clusters: the Incidents view's timeline (x = Time, y = ClusterIndex,
// mapped through TimelineRowsProxy into one scatter series of repeats and one of the others) and its
// drill-down (a cluster's incidents, each with why it is a repeat or not).
class IncidentTimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time, // created, epoch ms as a number (the chart's x)
        ClusterIndex, // the cluster's row in RepeatClustersModel (the chart's y)
        Key,
        Title,
        Service,
        Created,
        Recovery,
        Reason,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        RepeatRole = Qt::UserRole + 1, // bool
        IncidentIdRole, // qlonglong
        // bool: the first row of its cluster, repeat flag and time bucket (see setResult): the ones the
        // timeline plots, so a cluster of thousands stays a few hundred points
        PlottedRole,
    };

    explicit IncidentTimelineModel(QObject* parent = nullptr);

    // bucketMs > 0: rows of one cluster and repeat flag within the same bucket of that width (from the
    // epoch) are drawn as one point; 0 plots every row.
    void setResult(const std::vector<metrics::IncidentTimelineRow>& rows, std::int64_t bucketMs = 0);
    const std::vector<metrics::IncidentTimelineRow>& result() const { return m_rows; }

    // The rows of one cluster, in timeline order.
    static std::vector<metrics::IncidentTimelineRow>
    inCluster(const std::vector<metrics::IncidentTimelineRow>& all, int cluster);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<metrics::IncidentTimelineRow> m_rows;
    std::vector<bool> m_plotted;
};

// Keeps the plotted timeline rows that are (or are not) repeats, of the first `clusterLimit` clusters.
class TimelineRowsProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    TimelineRowsProxy(bool repeats, int clusterLimit, QObject* parent = nullptr);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool m_repeats;
    int m_clusterLimit;
};

} // namespace faultline::models
