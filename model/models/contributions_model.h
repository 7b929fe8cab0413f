#pragma once

#include "metrics/dora_metrics.h"

#include <QAbstractTableModel>

#include <vector>

namespace faultline::models {

// The rows behind one number (drill-down): each contributing deployment / commit with the reason it
// counts, exactly as the metric recorded them.
class ContributionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Deployment,
        Commit,
        Reason,
        Incidents,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        DeploymentIdRole = Qt::UserRole + 1, // qlonglong
    };

    explicit ContributionsModel(QObject* parent = nullptr);

    void setResult(const std::vector<metrics::Contribution>& rows);
    const std::vector<metrics::Contribution>& result() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<metrics::Contribution> m_rows;
};

} // namespace faultline::models
