#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QtCore/qnamespace.h>

#include <cstdint>
#include <optional>

class QAbstractItemModel;
class QHeaderView;
class QIODevice;

namespace faultline::exporting {

// A header role (headerData(section, Qt::Horizontal, role)) a model may answer with the column's
// CSV name, unit included ("p50_s"); without it the name is the header text in snake_case.
inline constexpr int kCsvColumnNameRole = Qt::UserRole + 0x4353; // far from the models' own roles

// How a column's raw number is written.
enum class TableCellKind
{
    Auto, // as the model gives it: a number, else text
    Seconds, // a duration in seconds: name gets "_s"
    Hours, // a duration in hours: name gets "_h"
    TimestampMs, // UTC epoch ms: written ISO-8601
};

struct TableCsvColumn
{
    QString name; // empty: from the header
    TableCellKind kind = TableCellKind::Auto;
};

struct TableCsvOptions
{
    // The view's horizontal header: columns in the order shown, hidden sections left out.
    const QHeaderView* header = nullptr;
    QList<int> hiddenColumns; // logical columns to leave out as well
    // The role that holds a cell's number. Default: models::MetricTableModel::RawValueRole when the
    // model (under its proxies) is a MetricTableModel, else none (DisplayRole only): other models use
    // Qt::UserRole + 1 for ids and sort keys.
    std::optional<int> rawValueRole;
    // Per logical column: name and kind, over the built-in ones of the app's metric tables.
    QHash<int, TableCsvColumn> columns;
};

// Writes what a table shows as CSV (CsvWriter: RFC 4180, injection-safe): the rows in the model's
// order (a sort proxy's order is the sort shown), the visible columns, a header of snake_case
// names, and per cell the raw number when the model gives one, else the DisplayRole text ("—", the
// tables' "no value", is an empty field). Columns are assumed to be the source model's (sort,
// filter and identity proxies). Returns the number of data rows; throws CsvWriteError.
std::int64_t writeTableCsv(const QAbstractItemModel& model, QIODevice& device,
                           const TableCsvOptions& options = {});

// "p90 duration" → "p90_duration", "Est. cost" → "est_cost", "Job › step" → "job_step".
QString snakeCase(const QString& header);

} // namespace faultline::exporting
