#include "metric_table_model.h"

#include "metrics/metrics_options.h"

#include <cmath>

namespace faultline::models {

int MetricTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : rows();
}

int MetricTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : columns();
}

QVariant MetricTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return text(index.row(), index.column());
    case Qt::EditRole:
    case RawValueRole:
        return raw(index.row(), index.column());
    case Qt::ToolTipRole: {
        const QString tip = toolTip(index.row(), index.column());
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case SmallSampleRole:
        return smallSample(index.row(), index.column());
    case FormattedRole:
        return formatted(index.row(), index.column());
    case Qt::TextAlignmentRole: {
        const QVariant value = raw(index.row(), index.column());
        const bool number = value.typeId() == QMetaType::Double || value.typeId() == QMetaType::LongLong
            || value.typeId() == QMetaType::Int;
        return QVariant::fromValue(
            Qt::Alignment(number ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter));
    }
    default:
        return {};
    }
}

QVariant MetricTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (section < 0 || section >= columns())
        return {};
    if (role == Qt::DisplayRole)
        return header(section);
    if (role == Qt::ToolTipRole) {
        const QString tip = headerToolTip(section);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    if (role == ValueUnitRole)
        return int(unit(section));
    return {};
}

MetricTableModel::ValueUnit MetricTableModel::unit(int) const
{
    return ValueUnit::None;
}

QString MetricTableModel::headerToolTip(int) const
{
    return {};
}

QVariant MetricTableModel::raw(int row, int column) const
{
    return text(row, column);
}

QString MetricTableModel::formatted(int row, int column) const
{
    return text(row, column).toString();
}

QString MetricTableModel::toolTip(int, int) const
{
    return {};
}

bool MetricTableModel::smallSample(int, int) const
{
    return false;
}

QString MetricTableModel::formatSeconds(std::optional<double> seconds)
{
    if (!seconds)
        return QStringLiteral("—");
    const double s = *seconds;
    if (s < 60)
        return QStringLiteral("%1s").arg(qRound(s));
    if (s < 3600) {
        const int whole = qRound(s);
        return QStringLiteral("%1m %2s").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1 h").arg(s / 3600.0, 0, 'f', 1);
}

QString MetricTableModel::formatHours(std::optional<double> hours)
{
    if (!hours)
        return QStringLiteral("—");
    if (*hours < 48)
        return QStringLiteral("%1 h").arg(*hours, 0, 'f', 1);
    return QStringLiteral("%1 d").arg(*hours / 24.0, 0, 'f', 1);
}

QString MetricTableModel::formatPercent(std::optional<double> fraction)
{
    if (!fraction)
        return QStringLiteral("—");
    return QStringLiteral("%1 %").arg(*fraction * 100.0, 0, 'f', 1);
}

QString MetricTableModel::formatN(long long n)
{
    if (n < metrics::kSmallSample)
        return tr("n = %1 · too few to compare").arg(n);
    return tr("n = %1").arg(n);
}

} // namespace faultline::models
