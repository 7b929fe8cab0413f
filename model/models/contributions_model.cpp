#include "contributions_model.h"

#include <QStringList>

namespace faultline::models {

ContributionsModel::ContributionsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ContributionsModel::setResult(const std::vector<metrics::Contribution>& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int ContributionsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ContributionsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContributionsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const metrics::Contribution& row = m_rows[size_t(index.row())];
    if (role == DeploymentIdRole)
        return qlonglong(row.deploymentId);
    if (role == Qt::ToolTipRole && index.column() == Commit)
        return row.sha;
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Deployment:
        return QStringLiteral("#%1").arg(row.deploymentId);
    case Commit:
        return row.sha.left(10);
    case Reason:
        return row.reason;
    case Incidents: {
        QStringList ids;
        for (const std::int64_t id : row.incidentIds)
            ids << QStringLiteral("#%1").arg(id);
        return ids.join(QStringLiteral(", "));
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ContributionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (Column(section)) {
    case Deployment:
        return tr("Deployment");
    case Commit:
        return tr("Commit");
    case Reason:
        return tr("Why it counts");
    case Incidents:
        return tr("Incidents");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace faultline::models
