#pragma once

#include "store/change_queries.h"

#include <QAbstractTableModel>

#include <vector>

namespace faultline::models {

// Commits per week, AI-assisted and not: one row per week of the period, one column per series, for
// the Changes view's stacked bars (DisplayRole of the count columns is the raw number for the mapper).
class ChangeWeeksModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        WeekStart, // epoch ms of the week's first day (UTC)
        AiAssisted,
        NotAiAssisted,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        WeekLabelRole = Qt::UserRole + 1, // "Mar 2"
    };

    explicit ChangeWeeksModel(QObject* parent = nullptr);

    void setResult(std::vector<store::ChangeWeekCounts> weeks);
    const std::vector<store::ChangeWeekCounts>& result() const { return m_weeks; }
    QStringList weekLabels() const;
    std::int64_t total() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<store::ChangeWeekCounts> m_weeks;
};

} // namespace faultline::models
