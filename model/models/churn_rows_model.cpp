#include "churn_rows_model.h"

#include "metrics/metric_math.h"
#include "metrics/treemap_layout.h"
#include "models/rework_text.h"

namespace faultline::models {

ChurnRowsModel::ChurnRowsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ChurnRowsModel::setResult(const std::vector<metrics::ChurnContribution>& rows, int windowDays)
{
    beginResetModel();
    m_rows = rows;
    m_windowDays = windowDays;
    endResetModel();
}

std::vector<metrics::ChurnContribution>
ChurnRowsModel::inFile(const std::vector<metrics::ChurnContribution>& all, std::int64_t repoId,
                       const QString& path)
{
    std::vector<metrics::ChurnContribution> out;
    for (const metrics::ChurnContribution& row : all)
        if (row.repoId == repoId && row.path == path)
            out.push_back(row);
    return out;
}

std::vector<metrics::ChurnContribution>
ChurnRowsModel::inDirectory(const std::vector<metrics::ChurnContribution>& all, const QString& directory)
{
    std::vector<metrics::ChurnContribution> out;
    for (const metrics::ChurnContribution& row : all)
        if (metrics::parentDirectory(row.path) == directory)
            out.push_back(row);
    return out;
}

std::vector<metrics::ChurnContribution>
ChurnRowsModel::inWeek(const std::vector<metrics::ChurnContribution>& all, const QString& monday, bool ai)
{
    std::vector<metrics::ChurnContribution> out;
    for (const metrics::ChurnContribution& row : all)
        if (row.originAi == ai && metrics::isoDateOfDay(metrics::mondayOf(row.originAuthoredAt)) == monday)
            out.push_back(row);
    return out;
}

int ChurnRowsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChurnRowsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChurnRowsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const metrics::ChurnContribution& row = m_rows[size_t(index.row())];
    if (role == Qt::ToolTipRole) {
        if (index.column() == Origin)
            return row.originSha;
        if (index.column() == Removing)
            return row.removingSha;
        return churnReason(row, m_windowDays);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Path:
        return row.path;
    case Origin:
        return row.originSha.left(10);
    case Segment:
        return row.originAi ? tr("AI-assisted") : tr("not AI-assisted");
    case Removing:
        return row.removingSha.left(10);
    case Lines:
        return qlonglong(row.lines);
    case AgeDays:
        return QString::number(double(row.ageMs) / (86400.0 * 1000.0), 'f', 1);
    case Reason:
        return churnReason(row, m_windowDays);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ChurnRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (role == Qt::ToolTipRole)
        return churnDefinition(m_windowDays);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Path:
        return tr("File");
    case Origin:
        return tr("Origin commit");
    case Segment:
        return tr("Segment");
    case Removing:
        return tr("Churned by");
    case Lines:
        return tr("Lines");
    case AgeDays:
        return tr("Age (days)");
    case Reason:
        return tr("Why it counts");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace faultline::models
