#pragma once

#include "metrics/repeat_incidents.h"

#include <QAbstractTableModel>

#include <vector>

namespace faultline::models {

// RepeatIncidents::clusters, in the metric's order (largest first): the Incidents view's table, and
// through a bar mapper on RecoveryHours, its "recovery time per cluster" chart.
class RepeatClustersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Cluster, // the fingerprint
        Service,
        Count,
        Repeats,
        FirstSeen,
        LastSeen,
        MedianInterval,
        MedianRecovery, // text
        Deployments, // linked deployments, their external ids
        Files, // files those deployments changed
        AiShare,
        RecoveryHours, // chart column: the median recovery in hours as a number (0 without one)
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        SortRole = Qt::UserRole + 1,
        SmallSampleRole, // bool: the recovery median rests on fewer than kSmallSample incidents
        ClusterLabelRole, // "service: fingerprint", shortened (chart categories)
    };

    explicit RepeatClustersModel(QObject* parent = nullptr);

    void setResult(const metrics::RepeatIncidents& repeats);
    const std::vector<metrics::RepeatIncidentCluster>& clusters() const { return m_clusters; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<metrics::RepeatIncidentCluster> m_clusters;
};

} // namespace faultline::models
