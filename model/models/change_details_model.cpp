#include "change_details_model.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace faultline::models {

using DetailKind = store::ChangeDetailRow::Kind;

ChangeDetailsModel::ChangeDetailsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ChangeDetailsModel::setResult(std::vector<store::ChangeDetailRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int ChangeDetailsModel::count(DetailKind kind) const
{
    return int(
        std::count_if(m_rows.begin(), m_rows.end(), [kind](const auto& row) { return row.kind == kind; }));
}

QString ChangeDetailsModel::kindName(DetailKind kind)
{
    switch (kind) {
    case DetailKind::File:
        return tr("File");
    case DetailKind::Deployment:
        return tr("Deployment");
    case DetailKind::CiRun:
        return tr("CI run");
    case DetailKind::Incident:
        return tr("Incident");
    }
    return {};
}

int ChangeDetailsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChangeDetailsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChangeDetailsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::ChangeDetailRow& row = m_rows[size_t(index.row())];
    switch (role) {
    case KindRole:
        return int(row.kind);
    case IdRole:
        return qlonglong(row.id);
    case Qt::ToolTipRole:
        if (index.column() == Item || index.column() == Reason)
            return QString(row.item + QLatin1Char('\n') + row.reason);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case Kind:
        return kindName(row.kind);
    case Item:
        return row.item;
    case When:
        return row.atMs > 0 ? QDateTime::fromMSecsSinceEpoch(row.atMs, QTimeZone::utc())
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                            : QString();
    case Reason:
        return row.reason;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ChangeDetailsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Kind:
        return tr("What");
    case Item:
        return tr("Item");
    case When:
        return tr("When (UTC)");
    case Reason:
        return tr("Why it belongs to this commit");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace faultline::models
