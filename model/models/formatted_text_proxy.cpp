#include "formatted_text_proxy.h"

#include "models/metric_table_model.h"

namespace faultline::models {

QVariant FormattedTextProxy::data(const QModelIndex& index, int role) const
{
    if (role == Qt::DisplayRole && index.isValid())
        return QIdentityProxyModel::data(index, MetricTableModel::FormattedRole);
    return QIdentityProxyModel::data(index, role);
}

} // namespace faultline::models
