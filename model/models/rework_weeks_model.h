#pragma once

#include "metrics/code_rework.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace faultline::models {

// CodeRework::byWeek as a table, one row per week of the period (weeks without commits included, so
// the chart's x axis is even): the Rework view maps AiChurnRate and NotAiChurnRate over WeekStart to
// two lines (through PresentRowsProxy, so a week without lines is a gap).
// The rate columns' DisplayRole is the rate in percent as a number, invalid for a week where the
// segment added nothing.
class ReworkWeeksModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Week, // "YYYY-MM-DD", the Monday
        AiChurnRate,
        NotAiChurnRate,
        AiAddedLines,
        AiChurnedLines,
        NotAiAddedLines,
        NotAiChurnedLines,
        WeekStart, // epoch ms of the Monday as a number (the chart's x)
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        WeekLabelRole = Qt::UserRole + 1, // "Mar 2"
        SmallSampleRole, // bool, on the rate columns: fewer than kSmallSample added lines
    };

    explicit ReworkWeeksModel(QObject* parent = nullptr);

    // Weeks from the Monday of fromMs to the one of toMs − 1 (the period), filled from rework.byWeek.
    void setResult(const metrics::CodeRework& rework, std::int64_t fromMs, std::int64_t toMs);
    QStringList weekLabels() const;
    const QStringList& weeks() const { return m_weeks; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_weeks;
    std::vector<metrics::ReworkBucket> m_buckets;
    int m_windowDays = 14;
};

} // namespace faultline::models
