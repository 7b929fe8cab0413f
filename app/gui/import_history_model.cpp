#include "import_history_model.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>

namespace faultline::gui {

ImportHistoryModel::ImportHistoryModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ImportHistoryModel::setRecords(std::vector<ImportRecord> records)
{
    beginResetModel();
    m_records = std::move(records);
    endResetModel();
}

QString ImportHistoryModel::formatTimestamp(qint64 epochMs)
{
    // ISO-like and minute-precise: sorts as text, reads the same in every locale, and fits a column.
    return QDateTime::fromMSecsSinceEpoch(epochMs).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

int ImportHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int ImportHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ImportRecord& r = m_records[size_t(index.row())];
    const QLocale locale;

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ImportedAt:
            return formatTimestamp(r.lastImportedAtMs);
        case Format:
            return r.format;
        case File:
            return QFileInfo(r.path).fileName();
        case RowsAdded:
            return locale.toString(r.rowsAdded);
        case Warnings:
            return locale.toString(r.warningCount);
        case TimesImported:
            return locale.toString(r.timesImported);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case ImportedAt:
            return r.lastImportedAtMs;
        case Format:
            return r.format;
        case File:
            return r.path;
        case RowsAdded:
            return r.rowsAdded;
        case Warnings:
            return r.warningCount;
        case TimesImported:
            return r.timesImported;
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ImportedAt:
            if (r.timesImported > 1) {
                return tr("Rows added on %1; the same content was imported again, last on %2")
                    .arg(formatTimestamp(r.firstImportedAtMs), formatTimestamp(r.lastImportedAtMs));
            }
            return tr("Took %1 s").arg(locale.toString(double(r.durationMs) / 1000.0, 'f', 1));
        case File:
            return r.path;
        case TimesImported:
            return tr("Re-importing the same file adds nothing twice; this counts how often it was seen");
        }
        break;
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case RowsAdded:
        case Warnings:
        case TimesImported:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

QVariant ImportHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ImportedAt:
            return tr("Imported at");
        case Format:
            return tr("Format");
        case File:
            return tr("File");
        case RowsAdded:
            return tr("Rows added");
        case Warnings:
            return tr("Warnings");
        case TimesImported:
            return tr("Times imported");
        }
    }
    if (role == Qt::TextAlignmentRole) {
        switch (section) {
        case RowsAdded:
        case Warnings:
        case TimesImported:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

} // namespace faultline::gui
