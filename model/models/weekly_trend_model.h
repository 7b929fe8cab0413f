#pragma once

#include "metrics/weekly_trends.h"

#include <QAbstractTableModel>

namespace faultline::models {

// One row per week of the period, one column per series: what the Overview's sparklines and its
// velocity-gap chart map (Qt Charts' model mappers read DisplayRole as a number, so DisplayRole is the
// raw value; a week without a value returns an invalid QVariant — PresentRowsProxy drops it).
class WeeklyTrendModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        WeekIndex, // 0, 1, …: the x of the sparklines
        WeekStart, // epoch ms of the week's first day (UTC)
        PrsMerged,
        ProductionDeployments,
        DeploymentsPerDay,
        LeadTimeHours,
        ChangeFailureRate,
        RecoveryHours,
        ReworkRate,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        WeekLabelRole = Qt::UserRole + 1, // "May 6" for WeekStart (axis categories)
    };

    explicit WeeklyTrendModel(QObject* parent = nullptr);

    void setResult(const metrics::WeeklyTrends& trends);
    const metrics::WeeklyTrends& result() const { return m_trends; }
    // The category labels of the weeks, in row order.
    QStringList weekLabels() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    metrics::WeeklyTrends m_trends;
};

} // namespace faultline::models
