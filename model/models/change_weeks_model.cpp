#include "change_weeks_model.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace faultline::models {

ChangeWeeksModel::ChangeWeeksModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ChangeWeeksModel::setResult(std::vector<store::ChangeWeekCounts> weeks)
{
    beginResetModel();
    m_weeks = std::move(weeks);
    endResetModel();
}

QStringList ChangeWeeksModel::weekLabels() const
{
    QStringList labels;
    for (int row = 0; row < rowCount(); ++row)
        labels << index(row, WeekStart).data(WeekLabelRole).toString();
    return labels;
}

std::int64_t ChangeWeeksModel::total() const
{
    std::int64_t sum = 0;
    for (const auto& week : m_weeks)
        sum += week.aiAssisted + week.notAiAssisted;
    return sum;
}

int ChangeWeeksModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_weeks.size());
}

int ChangeWeeksModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChangeWeeksModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::ChangeWeekCounts& week = m_weeks[size_t(index.row())];
    if (role == WeekLabelRole)
        return QLocale::c().toString(
            QDateTime::fromMSecsSinceEpoch(week.weekStartMs, QTimeZone::utc()).date(),
            QStringLiteral("MMM d"));
    if (role == Qt::ToolTipRole && index.column() != WeekStart) {
        const std::int64_t n = week.aiAssisted + week.notAiAssisted;
        return tr("Commits authored in the week of %1: %2 AI-assisted, %3 not (n = %4). AI-assisted: a "
                  "commit that any AI-marker rule matches, or that git-ai notes attribute lines to.")
            .arg(index.siblingAtColumn(WeekStart).data(WeekLabelRole).toString())
            .arg(week.aiAssisted)
            .arg(week.notAiAssisted)
            .arg(n);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case WeekStart:
        return qlonglong(week.weekStartMs);
    case AiAssisted:
        return qlonglong(week.aiAssisted);
    case NotAiAssisted:
        return qlonglong(week.notAiAssisted);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ChangeWeeksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case WeekStart:
        return tr("Week");
    case AiAssisted:
        return tr("AI-assisted");
    case NotAiAssisted:
        return tr("Not AI-assisted");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace faultline::models
