#pragma once

#include "store/change_queries.h"

#include <QAbstractTableModel>

#include <vector>

namespace faultline::models {

// The details of one commit: the files it changed, the deployments that carried it (the first
// successful production one marked as the one that shipped it), the CI runs on it and the incidents
// linked to it, each row with the reason it belongs to the commit.
class ChangeDetailsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Kind,
        Item,
        When,
        Reason,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        KindRole = Qt::UserRole + 1, // int(store::ChangeDetailRow::Kind)
        IdRole, // qlonglong
    };

    explicit ChangeDetailsModel(QObject* parent = nullptr);

    void setResult(std::vector<store::ChangeDetailRow> rows);
    const std::vector<store::ChangeDetailRow>& result() const { return m_rows; }
    int count(store::ChangeDetailRow::Kind kind) const;
    static QString kindName(store::ChangeDetailRow::Kind kind);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<store::ChangeDetailRow> m_rows;
};

} // namespace faultline::models
