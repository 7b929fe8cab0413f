#include "repeat_clusters_model.h"

#include "metrics/metrics_options.h"
#include "models/rework_text.h"

#include <QDateTime>
#include <QTimeZone>

namespace faultline::models {

namespace {

QString dateText(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

RepeatClustersModel::RepeatClustersModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void RepeatClustersModel::setResult(const metrics::RepeatIncidents& repeats)
{
    beginResetModel();
    m_clusters = repeats.clusters;
    endResetModel();
}

int RepeatClustersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_clusters.size());
}

int RepeatClustersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RepeatClustersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const metrics::RepeatIncidentCluster& c = m_clusters[size_t(index.row())];
    const bool small = c.resolved < metrics::kSmallSample;
    switch (role) {
    case SmallSampleRole:
        return small;
    case ClusterLabelRole: {
        QString label = (c.service.isEmpty() ? QString() : c.service + QStringLiteral(": ")) + c.fingerprint;
        return label.size() > 38 ? QString(label.left(37) + QStringLiteral("…")) : label;
    }
    case Qt::ToolTipRole: {
        QString text = c.service + QStringLiteral(" · ") + c.fingerprint + QStringLiteral("\n")
            + tr("%1 incidents in the period, %2 repeats").arg(c.count).arg(c.repeats);
        if (c.medianRecoveryHours)
            text += QStringLiteral("\n")
                + tr("Median recovery %1 (n = %2 resolved)")
                      .arg(hoursText(*c.medianRecoveryHours))
                      .arg(c.resolved);
        if (small)
            text += QStringLiteral("\n")
                + tr("Small sample: fewer than %1 resolved incidents").arg(metrics::kSmallSample);
        if (!c.deployments.isEmpty())
            text += QStringLiteral("\n")
                + tr("Linked deployments: %1").arg(c.deployments.join(QStringLiteral(", ")));
        if (c.aiShare)
            text += QStringLiteral("\n")
                + tr("AI share of their changes: %1 of %2 added lines")
                      .arg(percentText(*c.aiShare))
                      .arg(c.addedLines);
        return QString(text + QStringLiteral("\n\n") + repeatDefinition());
    }
    case Qt::TextAlignmentRole:
        return index.column() >= Count && index.column() != Deployments && index.column() != Files
            ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
            : QVariant();
    case SortRole:
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const bool sort = role == SortRole;
    switch (Column(index.column())) {
    case Cluster:
        return c.fingerprint;
    case Service:
        return c.service;
    case Count:
        return c.count;
    case Repeats:
        return c.repeats;
    case FirstSeen:
        return sort ? QVariant(qlonglong(c.firstMs)) : QVariant(dateText(c.firstMs).left(10));
    case LastSeen:
        return sort ? QVariant(qlonglong(c.lastMs)) : QVariant(dateText(c.lastMs).left(10));
    case MedianInterval:
        if (sort)
            return c.medianIntervalHours.value_or(-1.0);
        return c.medianIntervalHours ? hoursText(*c.medianIntervalHours) : tr("—");
    case MedianRecovery:
        if (sort)
            return c.medianRecoveryHours.value_or(-1.0);
        if (!c.medianRecoveryHours)
            return tr("—");
        return small ? tr("%1 (n=%2)").arg(hoursText(*c.medianRecoveryHours)).arg(c.resolved)
                     : hoursText(*c.medianRecoveryHours);
    case Deployments:
        return sort ? QVariant(int(c.deployments.size()))
                    : QVariant(c.deployments.join(QStringLiteral(", ")));
    case Files:
        return sort ? QVariant(int(c.files.size())) : QVariant(c.files.join(QStringLiteral(", ")));
    case AiShare:
        if (sort)
            return c.aiShare.value_or(-1.0);
        return c.aiShare ? percentText(*c.aiShare) : tr("—");
    case RecoveryHours:
        return c.medianRecoveryHours.value_or(0.0);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RepeatClustersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case MedianRecovery:
        case RecoveryHours:
            return tr("Median recovery: median of resolved − created over the cluster's resolved incidents "
                      "of the period.");
        case MedianInterval:
            return tr("Median time between consecutive incidents of the cluster.");
        case Deployments:
            return tr(
                "Deployments linked to the cluster's incidents (METRICS.md incident ↔ deployment link).");
        case Files:
            return tr("Files changed by the linked deployments' changeset commits.");
        case AiShare:
            return tr("AI-assisted added lines ÷ added lines over the linked deployments' commits.");
        default:
            return repeatDefinition();
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Cluster:
        return tr("Cluster");
    case Service:
        return tr("Service");
    case Count:
        return tr("Incidents");
    case Repeats:
        return tr("Repeats");
    case FirstSeen:
        return tr("First seen");
    case LastSeen:
        return tr("Last seen");
    case MedianInterval:
        return tr("Interval");
    case MedianRecovery:
        return tr("Recovery");
    case Deployments:
        return tr("Deployments");
    case Files:
        return tr("Files");
    case AiShare:
        return tr("AI share");
    case RecoveryHours:
        return tr("Median recovery (h)");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace faultline::models
