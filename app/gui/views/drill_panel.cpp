#include "drill_panel.h"

#include "gui/views/view_style.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace faultline::gui {

DrillPanel::DrillPanel(const QString& objectName, QAbstractItemModel* model, int stretchColumn,
                       QWidget* parent)
    : QFrame(parent)
{
    setObjectName(objectName);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    auto* header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("drillDownTitle"));
    m_title->setWordWrap(true);
    m_close = new QToolButton(this);
    m_close->setObjectName(QStringLiteral("drillDownClose"));
    m_close->setText(tr("Close"));
    m_close->setToolTip(tr("Hide the rows"));
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    header->addWidget(m_title, 1);
    header->addWidget(m_close);
    layout->addLayout(header);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("drillDownTable"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    hide();
}

void DrillPanel::showRows(const QString& title)
{
    m_title->setText(title);
    for (int c = 0; c < m_table->model()->columnCount(); ++c)
        if (m_table->horizontalHeader()->sectionResizeMode(c) != QHeaderView::Stretch)
            m_table->resizeColumnToContents(c);
    show();
}

QString DrillPanel::titleText() const
{
    return m_title->text();
}

void DrillPanel::setTheme(const Theme& theme)
{
    styleCard(this, theme);
    m_title->setFont(scaledFont(QWidget::font(), theme.scale, true));
    QPalette p = m_title->palette();
    p.setColor(QPalette::WindowText, theme.text);
    m_title->setPalette(p);
    styleTable(m_table, theme, QWidget::font());
}

} // namespace faultline::gui
