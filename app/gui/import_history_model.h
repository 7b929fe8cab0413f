#pragma once

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::gui {

// One row of the workspace's imports table, as the GUI shows it.
struct ImportRecord
{
    qint64 id = 0;
    QString path;
    QString format;
    qint64 firstImportedAtMs = 0; // UTC epoch ms, when the rows were added
    qint64 lastImportedAtMs = 0; // UTC epoch ms, the latest (re-)import of the same content
    qint64 durationMs = 0;
    qint64 rowsAdded = 0;
    qint64 warningCount = 0;
    qint64 timesImported = 1;
};

// Past imports, most recent first. Throws store::StoreError when the query fails.
// (The store will own this query once it grows a read API for imports; until then it lives here so
// that no widget holds SQL.)
std::vector<ImportRecord> queryImportHistory(const store::SqliteDatabase& db);

// Read-only adapter over ImportRecord values: setRecords() replaces the whole content.
class ImportHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ImportedAt,
        Format,
        File,
        RowsAdded,
        Warnings,
        TimesImported,
        ColumnCount
    };
    // Raw values for sorting proxies (epoch ms, full path, plain numbers), unlike the formatted display.
    enum Role
    {
        SortRole = Qt::UserRole + 1
    };

    explicit ImportHistoryModel(QObject* parent = nullptr);

    void setRecords(std::vector<ImportRecord> records);
    const std::vector<ImportRecord>& records() const { return m_records; }

    // The display format of the "Imported at" column, local time.
    static QString formatTimestamp(qint64 epochMs);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ImportRecord> m_records;
};

} // namespace faultline::gui
