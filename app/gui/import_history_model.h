#pragma once

#include "store/import_queries.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace faultline::gui {

using store::ImportRecord;

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
