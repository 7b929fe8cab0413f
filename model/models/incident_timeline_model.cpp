#include "incident_timeline_model.h"

#include "models/rework_text.h"

#include <QDateTime>
#include <QTimeZone>

#include <map>

namespace faultline::models {

IncidentTimelineModel::IncidentTimelineModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void IncidentTimelineModel::setResult(const std::vector<metrics::IncidentTimelineRow>& rows,
                                      std::int64_t bucketMs)
{
    beginResetModel();
    m_rows = rows;
    m_plotted.assign(m_rows.size(), true);
    if (bucketMs > 0) {
        // Rows come by time: a row is plotted when the last plotted one of its series lies in another bucket.
        std::map<std::pair<int, bool>, std::int64_t> lastBucket;
        for (size_t i = 0; i < m_rows.size(); ++i) {
            const std::int64_t bucket = m_rows[i].createdAt / bucketMs;
            const auto [it, inserted]
                = lastBucket.try_emplace({ m_rows[i].cluster, m_rows[i].repeat }, bucket);
            if (!inserted && it->second == bucket)
                m_plotted[i] = false;
            it->second = bucket;
        }
    }
    endResetModel();
}

std::vector<metrics::IncidentTimelineRow>
IncidentTimelineModel::inCluster(const std::vector<metrics::IncidentTimelineRow>& all, int cluster)
{
    std::vector<metrics::IncidentTimelineRow> out;
    for (const metrics::IncidentTimelineRow& row : all)
        if (row.cluster == cluster)
            out.push_back(row);
    return out;
}

int IncidentTimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IncidentTimelineModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IncidentTimelineModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const metrics::IncidentTimelineRow& row = m_rows[size_t(index.row())];
    const QString reason = row.repeat ? row.reason
                                      : tr("not a repeat: no earlier incident of its cluster was resolved "
                                           "before it started, within 90 days");
    switch (role) {
    case RepeatRole:
        return row.repeat;
    case IncidentIdRole:
        return qlonglong(row.incidentId);
    case PlottedRole:
        return bool(m_plotted[size_t(index.row())]);
    case Qt::ToolTipRole:
        return QString(row.key + QStringLiteral(" · ") + row.title + QStringLiteral("\n") + reason);
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case Time:
        return double(row.createdAt);
    case ClusterIndex:
        return row.cluster;
    case Key:
        return row.key;
    case Title:
        return row.title;
    case Service:
        return row.service;
    case Created:
        return QDateTime::fromMSecsSinceEpoch(row.createdAt, QTimeZone::utc())
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case Recovery:
        return row.resolvedAt && *row.resolvedAt >= row.createdAt
            ? hoursText(double(*row.resolvedAt - row.createdAt) / 3600000.0)
            : tr("unresolved");
    case Reason:
        return reason;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant IncidentTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (role == Qt::ToolTipRole)
        return repeatDefinition();
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time:
        return tr("Time");
    case ClusterIndex:
        return tr("Cluster");
    case Key:
        return tr("Incident");
    case Title:
        return tr("Title");
    case Service:
        return tr("Service");
    case Created:
        return tr("Started");
    case Recovery:
        return tr("Recovery");
    case Reason:
        return tr("Why it counts");
    case ColumnCount:
        break;
    }
    return {};
}

TimelineRowsProxy::TimelineRowsProxy(bool repeats, int clusterLimit, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_repeats(repeats)
    , m_clusterLimit(clusterLimit)
{ }

bool TimelineRowsProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index
        = sourceModel()->index(sourceRow, IncidentTimelineModel::ClusterIndex, sourceParent);
    return index.data(IncidentTimelineModel::PlottedRole).toBool()
        && index.data(IncidentTimelineModel::RepeatRole).toBool() == m_repeats
        && index.data().toInt() < m_clusterLimit;
}

} // namespace faultline::models
