#include "import_log_model.h"

#include <QDateTime>
#include <QFileInfo>

namespace faultline::gui {

ImportLogModel::ImportLogModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ImportLogModel::addImport(const std::vector<ImportLogEntry>& entries)
{
    if (entries.empty())
        return;
    beginResetModel();
    m_entries.insert(m_entries.begin(), entries.begin(), entries.end());
    rebuildRows();
    endResetModel();
}

void ImportLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_rows.clear();
    endResetModel();
}

int ImportLogModel::warningCount() const
{
    int count = 0;
    for (const auto& entry : m_entries)
        count += int(entry.warnings.size());
    return count;
}

void ImportLogModel::rebuildRows()
{
    m_rows.clear();
    for (int e = 0; e < int(m_entries.size()); ++e) {
        m_rows.push_back({ e, -1 });
        for (int w = 0; w < int(m_entries[size_t(e)].warnings.size()); ++w)
            m_rows.push_back({ e, w });
    }
}

int ImportLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImportLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    const ImportLogEntry& entry = m_entries[size_t(row.entry)];
    const bool isWarning = row.warning >= 0;
    if (role == IsWarningRole)
        return isWarning;
    if (role == FailedRole)
        return !isWarning && entry.failed;
    if (isWarning) {
        const store::ImportWarning& w = entry.warnings[size_t(row.warning)];
        if (role == Qt::ToolTipRole)
            return QString(w.file + QLatin1Char('\n') + w.detail);
        if (role != Qt::DisplayRole)
            return {};
        switch (Column(index.column())) {
        case When:
            return tr("  warning");
        case File:
            return QFileInfo(w.file).fileName();
        case Line:
            return w.line > 0 ? QVariant(w.line) : QVariant(w.location);
        case Detail:
            return QString(w.kind + QStringLiteral(": ") + w.detail);
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole)
        return QString(entry.path + QLatin1Char('\n') + entry.outcome);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case When:
        return QDateTime::fromMSecsSinceEpoch(entry.atMs).toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    case File:
        return entry.path.isEmpty() ? QString() : QFileInfo(entry.path).fileName();
    case Line:
        return {};
    case Detail:
        return entry.format.isEmpty() ? entry.outcome
                                      : QString(entry.format + QStringLiteral(" · ") + entry.outcome);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ImportLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case When:
        return tr("When");
    case File:
        return tr("File");
    case Line:
        return tr("Line");
    case Detail:
        return tr("Detail");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace faultline::gui
