#pragma once

#include <QIdentityProxyModel>

namespace faultline::models {

// A chart model's DisplayRole is the raw number its bar mapper reads; a table of the same model shows
// MetricTableModel::FormattedRole ("1.5 h (n = 12)") through this proxy instead.
class FormattedTextProxy : public QIdentityProxyModel
{
    Q_OBJECT

public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
};

} // namespace faultline::models
