#include "present_rows_proxy.h"

namespace faultline::models {

PresentRowsProxy::PresentRowsProxy(int column, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_column(column)
{ }

bool PresentRowsProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    return sourceModel()->index(sourceRow, m_column, sourceParent).data().isValid();
}

} // namespace faultline::models
