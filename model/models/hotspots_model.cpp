#include "hotspots_model.h"

#include "metrics/metrics_options.h"
#include "models/rework_text.h"

namespace faultline::models {

HotspotsModel::HotspotsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void HotspotsModel::setResult(const metrics::CodeRework& rework)
{
    beginResetModel();
    m_rows = rework.hotspots;
    m_files = rework.hotspotFiles;
    m_windowDays = rework.churnWindowDays;
    endResetModel();
}

int HotspotsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HotspotsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HotspotsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const metrics::ReworkHotspot& h = m_rows[size_t(index.row())];
    const std::int64_t aiChurned = h.aiShare ? qRound64(*h.aiShare * double(h.churnedLines)) : 0;
    const bool small = h.addedLines < metrics::kSmallSample;
    switch (role) {
    case PathRole:
        return h.path;
    case RepoIdRole:
        return qlonglong(h.repoId);
    case SmallSampleRole:
        return small;
    case Qt::TextAlignmentRole:
        return index.column() <= Repository ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        return hotspotToolTip(h, m_windowDays);
    case SortRole:
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const bool sort = role == SortRole;
    switch (Column(index.column())) {
    case Path:
        return h.path;
    case Repository:
        return h.repo;
    case ChurnedLines:
        return qlonglong(h.churnedLines);
    case AiShare:
        if (sort)
            return h.aiShare.value_or(-1.0);
        return h.aiShare ? percentText(*h.aiShare) : QString();
    case Commits:
        return qlonglong(h.commits);
    case LinesAtHead:
        if (sort)
            return qlonglong(h.linesAtHead.value_or(-1));
        return h.linesAtHead ? QVariant(qlonglong(*h.linesAtHead)) : QVariant(tr("—"));
    case AddedLines:
        return qlonglong(h.addedLines);
    case ChurnRate:
        if (sort)
            return h.churnRate.value_or(-1.0);
        if (!h.churnRate)
            return tr("—");
        return small ? tr("%1 (few lines)").arg(percentText(*h.churnRate)) : percentText(*h.churnRate);
    case AiChurnedLines:
        return qlonglong(aiChurned);
    case NotAiChurnedLines:
        return qlonglong(h.churnedLines - aiChurned);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant HotspotsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (role == Qt::ToolTipRole)
        return hotspotColumnToolTip(section, m_windowDays);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Path:
        return tr("File");
    case Repository:
        return tr("Repository");
    case ChurnedLines:
        return tr("Churned");
    case AiShare:
        return tr("AI share");
    case Commits:
        return tr("Commits");
    case LinesAtHead:
        return tr("At head");
    case AddedLines:
        return tr("Added");
    case ChurnRate:
        return tr("Churn rate");
    case AiChurnedLines:
        return tr("AI-assisted");
    case NotAiChurnedLines:
        return tr("Not AI-assisted");
    case ColumnCount:
        break;
    }
    return {};
}

HotspotFilterProxy::HotspotFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(HotspotsModel::SortRole);
}

void HotspotFilterProxy::setPathFilter(const QString& text)
{
    if (text == m_filter)
        return;
    m_filter = text;
    invalidateRowsFilter();
}

bool HotspotFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_filter.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, HotspotsModel::Path, sourceParent);
    return index.data(HotspotsModel::PathRole).toString().contains(m_filter, Qt::CaseInsensitive);
}

ReversedTopRowsProxy::ReversedTopRowsProxy(int count, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_count(count)
{
    sort(0, Qt::AscendingOrder);
}

void ReversedTopRowsProxy::setCount(int count)
{
    if (count == m_count)
        return;
    m_count = count;
    invalidateRowsFilter();
}

bool ReversedTopRowsProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    return sourceRow < m_count;
}

bool ReversedTopRowsProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    return left.row() > right.row();
}

} // namespace faultline::models
