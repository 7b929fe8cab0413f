#pragma once

#include "models/metric_table_model.h"
#include "store/ci_failure_queries.h"

#include <vector>

namespace faultline::models {

// The test results behind a flaky test (the Pipeline view's drill-down): each result that counted as
// flaky, with its commit and when it ran.
class FlakyResultsModel : public MetricTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Test,
        Commit,
        When,
        Reason,
        ColumnCount
    };
    Q_ENUM(Column)

    using MetricTableModel::MetricTableModel;
    void setRows(std::vector<store::FlakyResultFact> rows);
    const std::vector<store::FlakyResultFact>& results() const { return m_rows; }

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    ValueUnit unit(int column) const override
    {
        return column == When ? ValueUnit::EpochMs : ValueUnit::None;
    }
    QVariant text(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QString toolTip(int row, int column) const override;

private:
    std::vector<store::FlakyResultFact> m_rows;
};

} // namespace faultline::models
