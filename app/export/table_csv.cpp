#include "table_csv.h"

#include "csv_writer.h"
#include "models/metric_table_model.h"

#include <QAbstractProxyModel>
#include <QDateTime>
#include <QHeaderView>
#include <QSet>

#include <cmath>

namespace faultline::exporting {

namespace {

using Kind = TableCellKind;

const QAbstractItemModel* sourceOf(const QAbstractItemModel& model)
{
    const QAbstractItemModel* current = &model;
    while (const auto* proxy = qobject_cast<const QAbstractProxyModel*>(current)) {
        if (!proxy->sourceModel())
            break;
        current = proxy->sourceModel();
    }
    return current;
}

// The unit a metric table declares for a column's raw numbers (MetricTableModel::ValueUnitRole);
// proxies pass header roles through to their source.
Kind kindOf(const QAbstractItemModel& model, int column)
{
    using Unit = models::MetricTableModel::ValueUnit;
    const QVariant unit = model.headerData(column, Qt::Horizontal, models::MetricTableModel::ValueUnitRole);
    if (!unit.isValid())
        return Kind::Auto;
    switch (Unit(unit.toInt())) {
    case Unit::Seconds:
        return Kind::Seconds;
    case Unit::Hours:
        return Kind::Hours;
    case Unit::EpochMs:
        return Kind::TimestampMs;
    case Unit::None:
        break;
    }
    return Kind::Auto;
}

struct Column
{
    int logical = 0;
    QString name;
    Kind kind = Kind::Auto;
};

QList<int> visibleColumns(const QAbstractItemModel& model, const TableCsvOptions& options)
{
    QList<int> logical;
    const int count = model.columnCount();
    for (int i = 0; i < count; ++i) {
        const int column = options.header ? options.header->logicalIndex(i) : i;
        if (column < 0 || column >= count || options.hiddenColumns.contains(column))
            continue;
        if (options.header && options.header->isSectionHidden(column))
            continue;
        logical << column;
    }
    return logical;
}

QString suffixed(const QString& name, Kind kind)
{
    const QString suffix = kind == Kind::Seconds ? QStringLiteral("_s")
        : kind == Kind::Hours                    ? QStringLiteral("_h")
                                                 : QString();
    return suffix.isEmpty() || name.endsWith(suffix) ? name : name + suffix;
}

QList<Column> describeColumns(const QAbstractItemModel& model, const TableCsvOptions& options, bool raw)
{
    QList<Column> out;
    QSet<QString> taken;
    for (const int logical : visibleColumns(model, options)) {
        Column c { logical, {}, raw ? kindOf(model, logical) : Kind::Auto };
        const TableCsvColumn given = options.columns.value(logical);
        if (given.kind != Kind::Auto)
            c.kind = given.kind;
        const QVariant named = model.headerData(logical, Qt::Horizontal, kCsvColumnNameRole);
        if (!given.name.isEmpty())
            c.name = given.name;
        else if (named.isValid() && !named.toString().isEmpty())
            c.name = named.toString();
        else
            c.name = suffixed(snakeCase(model.headerData(logical, Qt::Horizontal).toString()), c.kind);
        if (c.name.isEmpty())
            c.name = QStringLiteral("column_%1").arg(logical + 1);
        // Two headers may fold to one name; a CSV header must still name each column once.
        const QString base = c.name;
        for (int n = 2; taken.contains(c.name); ++n)
            c.name = QStringLiteral("%1_%2").arg(base).arg(n);
        taken.insert(c.name);
        out << c;
    }
    return out;
}

bool isNumber(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return true;
    case QMetaType::Double:
    case QMetaType::Float:
        return std::isfinite(value.toDouble());
    default:
        return false;
    }
}

bool isInteger(const QVariant& value)
{
    return value.typeId() != QMetaType::Double && value.typeId() != QMetaType::Float;
}

void writeValue(CsvWriter& writer, const QVariant& value, Kind kind)
{
    if (isNumber(value)) {
        if (kind == Kind::TimestampMs)
            writer.timestamp(value.toLongLong());
        else if (isInteger(value))
            writer.integer(value.toLongLong());
        else
            writer.number(value.toDouble());
        return;
    }
    if (value.typeId() == QMetaType::QDateTime) {
        writer.timestamp(value.toDateTime().toMSecsSinceEpoch());
        return;
    }
    const QString text = value.toString();
    // The tables' "no value" mark is no text a spreadsheet should see.
    if (text.isEmpty() || text == QStringLiteral("—"))
        writer.null();
    else
        writer.text(text);
}

void writeCell(CsvWriter& writer, const QModelIndex& index, const Column& column, std::optional<int> rawRole)
{
    if (rawRole) {
        const QVariant raw = index.data(*rawRole);
        if (isNumber(raw) || (raw.typeId() == QMetaType::QString && !raw.toString().isEmpty())) {
            writeValue(writer, raw, column.kind);
            return;
        }
    }
    writeValue(writer, index.data(Qt::DisplayRole), column.kind);
}

} // namespace

QString snakeCase(const QString& header)
{
    QString out;
    out.reserve(header.size());
    bool gap = false;
    for (const QChar c : header) {
        if (c.isLetterOrNumber()) {
            if (gap && !out.isEmpty())
                out += QLatin1Char('_');
            out += c.toLower();
            gap = false;
        } else {
            gap = true;
        }
    }
    return out;
}

std::int64_t writeTableCsv(const QAbstractItemModel& model, QIODevice& device, const TableCsvOptions& options)
{
    std::optional<int> rawRole = options.rawValueRole;
    if (!rawRole && qobject_cast<const models::MetricTableModel*>(sourceOf(model)))
        rawRole = models::MetricTableModel::RawValueRole;
    const QList<Column> columns = describeColumns(model, options, rawRole.has_value());

    CsvWriter writer(device);
    QStringList header;
    for (const Column& c : columns)
        header << c.name;
    writer.writeHeader(header);
    const int rows = model.rowCount();
    for (int row = 0; row < rows; ++row) {
        for (const Column& c : columns)
            writeCell(writer, model.index(row, c.logical), c, rawRole);
        writer.endRow();
    }
    writer.finish();
    return rows;
}

} // namespace faultline::exporting
