#include "rework_weeks_model.h"

#include "metrics/metric_math.h"
#include "metrics/metrics_options.h"
#include "models/rework_text.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace faultline::models {

ReworkWeeksModel::ReworkWeeksModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ReworkWeeksModel::setResult(const metrics::CodeRework& rework, std::int64_t fromMs, std::int64_t toMs)
{
    beginResetModel();
    m_weeks.clear();
    m_buckets.clear();
    m_windowDays = rework.churnWindowDays;
    if (toMs > fromMs) {
        for (std::int64_t day = metrics::mondayOf(fromMs); day <= metrics::mondayOf(toMs - 1); day += 7) {
            const QString key = metrics::isoDateOfDay(day);
            const auto it = rework.byWeek.find(key);
            m_weeks << key;
            m_buckets.push_back(it == rework.byWeek.end() ? metrics::ReworkBucket {} : it->second);
        }
    }
    endResetModel();
}

QStringList ReworkWeeksModel::weekLabels() const
{
    QStringList labels;
    for (int row = 0; row < rowCount(); ++row)
        labels << index(row, Week).data(WeekLabelRole).toString();
    return labels;
}

int ReworkWeeksModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_weeks.size());
}

int ReworkWeeksModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReworkWeeksModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const metrics::ReworkBucket& b = m_buckets[size_t(index.row())];
    const std::int64_t notAiAdded = b.addedLines - b.aiAddedLines;
    const std::int64_t notAiChurned = b.churnedLines - b.aiChurnedLines;
    const bool ai = index.column() == AiChurnRate;
    const std::int64_t added = ai ? b.aiAddedLines : notAiAdded;
    const std::int64_t churned = ai ? b.aiChurnedLines : notAiChurned;
    const std::optional<double> rate = ai ? b.aiChurnRate : b.notAiChurnRate;
    const bool rateColumn = index.column() == AiChurnRate || index.column() == NotAiChurnRate;
    if (role == WeekLabelRole)
        return QLocale::c().toString(QDate::fromString(m_weeks[index.row()], Qt::ISODate),
                                     QStringLiteral("MMM d"));
    if (role == SmallSampleRole)
        return rateColumn && added < metrics::kSmallSample;
    if (role == Qt::ToolTipRole) {
        if (!rateColumn)
            return {};
        QString text = tr("Week of %1, %2: ")
                           .arg(m_weeks[index.row()], ai ? tr("AI-assisted") : tr("not AI-assisted"));
        text += rate ? tr("churn rate %1 (%2 of %3 added lines churned)")
                           .arg(percentText(*rate))
                           .arg(churned)
                           .arg(added)
                     : tr("no lines added");
        if (added < metrics::kSmallSample)
            text += QStringLiteral("\n") + tr("Small sample: n = %1 added lines").arg(added);
        return QString(text + QStringLiteral("\n\n") + churnDefinition(m_windowDays));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Week:
        return m_weeks[index.row()];
    case AiChurnRate:
    case NotAiChurnRate:
        return rate ? QVariant(*rate * 100.0) : QVariant();
    case AiAddedLines:
        return qlonglong(b.aiAddedLines);
    case AiChurnedLines:
        return qlonglong(b.aiChurnedLines);
    case NotAiAddedLines:
        return qlonglong(notAiAdded);
    case NotAiChurnedLines:
        return qlonglong(notAiChurned);
    case WeekStart:
        return double(QDate::fromString(m_weeks[index.row()], Qt::ISODate)
                          .startOfDay(QTimeZone::utc())
                          .toMSecsSinceEpoch());
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ReworkWeeksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (role == Qt::ToolTipRole)
        return churnDefinition(m_windowDays);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Week:
        return tr("Week");
    case AiChurnRate:
        return tr("AI-assisted");
    case NotAiChurnRate:
        return tr("Not AI-assisted");
    case AiAddedLines:
        return tr("AI added");
    case AiChurnedLines:
        return tr("AI churned");
    case NotAiAddedLines:
        return tr("Not AI added");
    case NotAiChurnedLines:
        return tr("Not AI churned");
    case WeekStart:
        return tr("Week start");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace faultline::models
