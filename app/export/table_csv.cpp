#include "table_csv.h"

#include "csv_writer.h"
#include "models/flaky_results_model.h"
#include "models/lead_time_models.h"
#include "models/metric_table_model.h"
#include "models/pipeline_models.h"

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

// The units of the app's metric tables, whose raw values are bare numbers: durations in seconds
// (pipeline) or hours (lead time), times in epoch ms.
QHash<int, Kind> builtInKinds(const QAbstractItemModel* source)
{
    using namespace models;
    if (qobject_cast<const StageTimingModel*>(source))
        return { { StageTimingModel::P50, Kind::Seconds },
                 { StageTimingModel::P90, Kind::Seconds },
                 { StageTimingModel::QueueP50, Kind::Seconds } };
    if (qobject_cast<const CacheSavingsModel*>(source))
        return { { CacheSavingsModel::MedianHit, Kind::Seconds },
                 { CacheSavingsModel::MedianMiss, Kind::Seconds },
                 { CacheSavingsModel::Saving, Kind::Seconds } };
    if (qobject_cast<const SlowJobsModel*>(source))
        return { { SlowJobsModel::P50, Kind::Seconds }, { SlowJobsModel::P90, Kind::Seconds } };
    if (qobject_cast<const JobRowsModel*>(source))
        return { { JobRowsModel::Duration, Kind::Seconds }, { JobRowsModel::Queue, Kind::Seconds } };
    if (qobject_cast<const CiClustersModel*>(source))
        return { { CiClustersModel::Last, Kind::TimestampMs } };
    if (qobject_cast<const FlakyTestsModel*>(source))
        return { { FlakyTestsModel::Last, Kind::TimestampMs } };
    if (qobject_cast<const FlakyResultsModel*>(source))
        return { { FlakyResultsModel::When, Kind::TimestampMs } };
    if (qobject_cast<const LeadStagesModel*>(source)) {
        QHash<int, Kind> kinds;
        for (int column = 0; column < LeadStagesModel::ColumnCount; ++column)
            kinds.insert(column, Kind::Hours);
        return kinds;
    }
    if (qobject_cast<const LeadRowsModel*>(source))
        return { { LeadRowsModel::Coding, Kind::Hours },
                 { LeadRowsModel::Pickup, Kind::Hours },
                 { LeadRowsModel::Review, Kind::Hours },
                 { LeadRowsModel::CiWait, Kind::Hours },
                 { LeadRowsModel::Deploy, Kind::Hours } };
    return {};
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
    const QHash<int, Kind> builtIn = raw ? builtInKinds(sourceOf(model)) : QHash<int, Kind>();
    QList<Column> out;
    QSet<QString> taken;
    for (const int logical : visibleColumns(model, options)) {
        Column c { logical, {}, builtIn.value(logical, Kind::Auto) };
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
