#pragma once

#include "gui/theme.h"

#include <QFrame>

class QAbstractItemModel;
class QLabel;
class QTableView;
class QToolButton;

namespace faultline::gui {

// The "rows behind this number" card of the Rework and Incidents views: a title naming what was
// drilled into and how many rows, a table of the metric's contributing rows, and Close.
class DrillPanel : public QFrame
{
    Q_OBJECT

public:
    DrillPanel(const QString& objectName, QAbstractItemModel* model, int stretchColumn,
               QWidget* parent = nullptr);

    void showRows(const QString& title);
    QString titleText() const;
    QTableView* table() const { return m_table; }
    void setTheme(const Theme& theme);

private:
    QLabel* m_title = nullptr;
    QTableView* m_table = nullptr;
    QToolButton* m_close = nullptr;
};

} // namespace faultline::gui
