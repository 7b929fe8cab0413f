#pragma once

#include "metrics/code_rework.h"

#include <QAbstractTableModel>

#include <vector>

namespace faultline::models {

// The churn rows behind a rework number (drill-down): CodeRework::contributing rows, as the metric
// recorded them, with the reason each counts.
class ChurnRowsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Path,
        Origin,
        Segment,
        Removing,
        Lines,
        AgeDays,
        Reason,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ChurnRowsModel(QObject* parent = nullptr);

    void setResult(const std::vector<metrics::ChurnContribution>& rows, int windowDays);
    const std::vector<metrics::ChurnContribution>& result() const { return m_rows; }

    // The rows of `all` in one file, or in one directory (the file's parent folder, "" = root), in
    // the metric's order.
    static std::vector<metrics::ChurnContribution> inFile(const std::vector<metrics::ChurnContribution>& all,
                                                          std::int64_t repoId, const QString& path);
    static std::vector<metrics::ChurnContribution>
    inDirectory(const std::vector<metrics::ChurnContribution>& all, const QString& directory);

    // The rows whose origin commit was authored in the week starting `monday` ("YYYY-MM-DD", the key
    // of CodeRework::byWeek) and is (or is not) AI-assisted.
    static std::vector<metrics::ChurnContribution> inWeek(const std::vector<metrics::ChurnContribution>& all,
                                                          const QString& monday, bool ai);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<metrics::ChurnContribution> m_rows;
    int m_windowDays = 14;
};

} // namespace faultline::models
