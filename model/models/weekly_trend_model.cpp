#include "weekly_trend_model.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace faultline::models {

WeeklyTrendModel::WeeklyTrendModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void WeeklyTrendModel::setResult(const metrics::WeeklyTrends& trends)
{
    beginResetModel();
    m_trends = trends;
    endResetModel();
}

int WeeklyTrendModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_trends.weeks.size());
}

int WeeklyTrendModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QStringList WeeklyTrendModel::weekLabels() const
{
    QStringList labels;
    for (int row = 0; row < rowCount(); ++row)
        labels << index(row, WeekStart).data(WeekLabelRole).toString();
    return labels;
}

namespace {

QVariant valueOrNull(const std::optional<double>& value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

QVariant WeeklyTrendModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const metrics::DoraWeek& week = m_trends.weeks[size_t(index.row())];
    if (role == WeekLabelRole) {
        const QDate day = QDateTime::fromMSecsSinceEpoch(week.fromMs, QTimeZone::utc()).date();
        return QLocale().toString(day, QStringLiteral("MMM d"));
    }
    if (role == Qt::ToolTipRole && index.column() == WeekStart)
        return QDateTime::fromMSecsSinceEpoch(week.fromMs, QTimeZone::utc()).date().toString(Qt::ISODate);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (Column(index.column())) {
    case WeekIndex:
        return index.row();
    case WeekStart:
        return qlonglong(week.fromMs);
    case PrsMerged:
        return size_t(index.row()) < m_trends.prsMerged.size()
            ? QVariant(qlonglong(m_trends.prsMerged[size_t(index.row())]))
            : QVariant();
    case ProductionDeployments:
        return qlonglong(week.productionDeployments);
    case DeploymentsPerDay:
        return valueOrNull(week.deploymentsPerDay);
    case LeadTimeHours:
        return valueOrNull(week.leadTimeMedianHours);
    case ChangeFailureRate:
        return valueOrNull(week.changeFailureRate);
    case RecoveryHours:
        return valueOrNull(week.recoveryMedianHours);
    case ReworkRate:
        return valueOrNull(week.reworkRate);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant WeeklyTrendModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (Column(section)) {
    case WeekIndex:
        return tr("Week");
    case WeekStart:
        return tr("Week of");
    case PrsMerged:
        return tr("PRs merged");
    case ProductionDeployments:
        return tr("Production deployments");
    case DeploymentsPerDay:
        return tr("Deployments per day");
    case LeadTimeHours:
        return tr("Lead time (h)");
    case ChangeFailureRate:
        return tr("Change failure rate");
    case RecoveryHours:
        return tr("Recovery time (h)");
    case ReworkRate:
        return tr("Rework rate");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace faultline::models
