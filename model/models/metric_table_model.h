#pragma once

#include <QAbstractTableModel>

#include <optional>

namespace faultline::models {

// The shape the Pipeline and Lead time tables share: a flat table over a metric result whose cells
// have a display text, a raw value (what charts map and proxies sort by), a tooltip with the METRICS.md
// definition and n, and a small-sample flag. Subclasses describe cells; this class keeps the
// QAbstractItemModel contract in one place.
class MetricTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role
    {
        RawValueRole = Qt::UserRole + 1, // number (double / qlonglong); invalid when there is none
        SmallSampleRole, // bool: fewer than metrics::kSmallSample items behind the cell
        // The text a table shows where DisplayRole is the number a chart maps (FormattedTextProxy).
        FormattedRole,
        // A header role: the ValueUnit of the column's raw numbers, for exports that write numbers
        // rather than display text.
        ValueUnitRole,
    };
    enum class ValueUnit
    {
        None, // a count, a rate, text
        Seconds,
        Hours,
        EpochMs, // a time: UTC epoch milliseconds
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "4m 12s", "1.3 h", "—"
    static QString formatSeconds(std::optional<double> seconds);
    static QString formatHours(std::optional<double> hours);
    static QString formatPercent(std::optional<double> fraction);
    // "n = 12 · too few to compare" below metrics::kSmallSample, else "n = 412".
    static QString formatN(long long n);

protected:
    virtual int rows() const = 0;
    virtual int columns() const = 0;
    virtual QString header(int column) const = 0;
    virtual QString headerToolTip(int column) const;
    virtual ValueUnit unit(int column) const;
    virtual QVariant text(int row, int column) const = 0;
    virtual QVariant raw(int row, int column) const;
    virtual QString formatted(int row, int column) const; // default: text()
    virtual QString toolTip(int row, int column) const;
    virtual bool smallSample(int row, int column) const;
    // Resets around `change` (the result replaced).
    template <typename F> void reset(F&& change)
    {
        beginResetModel();
        change();
        endResetModel();
    }
};

} // namespace faultline::models
