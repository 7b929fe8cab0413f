#pragma once

#include <QSortFilterProxyModel>

namespace faultline::models {

// Keeps the rows whose `column` holds a value. A sparkline of weekly medians maps through it, so a
// week without deployments leaves a gap in the line instead of a drop to zero.
class PresentRowsProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit PresentRowsProxy(int column, QObject* parent = nullptr);
    int column() const { return m_column; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int m_column;
};

} // namespace faultline::models
