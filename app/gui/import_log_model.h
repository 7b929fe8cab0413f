#pragma once

#include "store/import_batch.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace faultline::gui {

// One input of a GUI import (or the import as a whole when it was cancelled or failed) and the
// warnings the importer recorded for it.
struct ImportLogEntry
{
    qint64 atMs = 0; // when the import finished, UTC epoch ms
    QString path;
    QString format; // "ci/github", "deploys/csv", …; empty for the whole import
    QString outcome; // "12 rows added", "already imported", "cancelled; the workspace is unchanged", …
    bool failed = false; // cancelled or failed
    std::vector<store::ImportWarning> warnings;
};

// The import log panel: each entry of the session's imports followed by one row per warning (file,
// line, detail), newest import first.
class ImportLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        When,
        File,
        Line,
        Detail,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        IsWarningRole = Qt::UserRole + 1, // bool: a warning row (else an import row)
        FailedRole, // bool: the import row of a cancelled or failed import
    };

    explicit ImportLogModel(QObject* parent = nullptr);

    // Adds the entries of one import at the top.
    void addImport(const std::vector<ImportLogEntry>& entries);
    void clear();
    const std::vector<ImportLogEntry>& entries() const { return m_entries; }
    int warningCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int entry = 0;
        int warning = -1; // -1: the entry's own row
    };
    void rebuildRows();

    std::vector<ImportLogEntry> m_entries;
    std::vector<Row> m_rows;
};

} // namespace faultline::gui
