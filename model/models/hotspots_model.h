#pragma once

#include "metrics/code_rework.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <vector>

namespace faultline::models {

// METRICS.md "Rework hotspot" rows, most churned first: the Rework view's table, and (through a bar
// mapper over the first rows) its "top files by churned lines" chart. DisplayRole is text for the
// table columns and a plain number for the chart columns; SortRole is always the raw value.
class HotspotsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Path,
        Repository,
        ChurnedLines,
        AiShare,
        Commits,
        LinesAtHead,
        AddedLines,
        ChurnRate,
        AiChurnedLines, // chart columns: the churned lines split by the origin commit's segment
        NotAiChurnedLines,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        SortRole = Qt::UserRole + 1,
        SmallSampleRole, // bool: the churn rate rests on fewer than kSmallSample added lines
        PathRole, // QString: the file's path (the filter and the drill-down key)
        RepoIdRole, // qlonglong
    };

    explicit HotspotsModel(QObject* parent = nullptr);

    void setResult(const metrics::CodeRework& rework);
    const std::vector<metrics::ReworkHotspot>& hotspots() const { return m_rows; }
    std::int64_t filesWithChurn() const { return m_files; }
    int windowDays() const { return m_windowDays; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<metrics::ReworkHotspot> m_rows;
    std::int64_t m_files = 0;
    int m_windowDays = 14;
};

// The hotspot table's proxy: sorts by the raw values and keeps the files whose path contains the
// filter text (case-insensitive; empty keeps all).
class HotspotFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit HotspotFilterProxy(QObject* parent = nullptr);
    void setPathFilter(const QString& text);
    QString pathFilter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_filter;
};

// The first `count` rows of a table in reverse order: a horizontal bar chart draws its first category
// at the bottom, so the top-files chart maps this to show the most churned file on top.
class ReversedTopRowsProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ReversedTopRowsProxy(int count, QObject* parent = nullptr);
    void setCount(int count);
    int count() const { return m_count; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    int m_count;
};

} // namespace faultline::models
