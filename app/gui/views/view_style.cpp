#include "view_style.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QTableView>

#include <algorithm>

namespace faultline::gui {

QFont scaledFont(const QFont& base, double factor, bool bold)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * factor);
    else
        font.setPixelSize(qRound(base.pixelSize() * factor));
    font.setBold(bold);
    return font;
}

void styleCard(QFrame* card, const Theme& t)
{
    card->setStyleSheet(QStringLiteral("#%1 { background: %2; border: %4px solid %3; border-radius: 6px; }")
                            .arg(card->objectName(), t.base.name(), t.border.name())
                            .arg(t.kind == ThemeKind::HighContrast ? 2 : 1));
}

void styleChart(QChartView* view, const Theme& t, const QFont& base)
{
    view->setBackgroundBrush(t.base);
    QChart* chart = view->chart();
    chart->setBackgroundVisible(false);
    chart->legend()->setLabelColor(t.text);
    chart->legend()->setFont(scaledFont(base, 0.95 * t.scale));
    const QList<QAbstractAxis*> axes = chart->axes();
    for (QAbstractAxis* axis : axes)
        styleAxis(axis, t, base);
}

void styleAxis(QAbstractAxis* axis, const Theme& t, const QFont& base)
{
    axis->setLabelsColor(t.text);
    axis->setLabelsFont(scaledFont(base, 0.85 * t.scale));
    axis->setTitleBrush(t.mutedText);
    axis->setTitleFont(scaledFont(base, 0.85 * t.scale));
    axis->setGridLineColor(t.grid);
    axis->setLinePenColor(t.border);
}

void styleTable(QTableView* table, const Theme& t, const QFont& base)
{
    table->setFont(scaledFont(base, t.scale));
    table->horizontalHeader()->setFont(scaledFont(base, 0.95 * t.scale, true));
    QPalette p = table->palette();
    p.setColor(QPalette::Base, t.base);
    p.setColor(QPalette::AlternateBase, t.window);
    p.setColor(QPalette::Text, t.text);
    p.setColor(QPalette::Button, t.window);
    p.setColor(QPalette::ButtonText, t.text);
    p.setColor(QPalette::Window, t.window);
    p.setColor(QPalette::WindowText, t.text);
    p.setColor(QPalette::Highlight, t.highlight);
    p.setColor(QPalette::HighlightedText,
               t.kind == ThemeKind::HighContrast ? QColor(Qt::black) : QColor(Qt::white));
    table->setPalette(p);
    table->horizontalHeader()->setPalette(p);
    // A card's style sheet puts its children under the style-sheet style, which paints tables from
    // style sheets rather than palettes: give the table its colours the same way.
    table->setStyleSheet(
        QStringLiteral("QTableView { background: %1; color: %2; gridline-color: %3; "
                       "selection-background-color: %4; selection-color: %5; }"
                       "QHeaderView::section { background: %6; color: %2; border: 0; "
                       "border-right: 1px solid %3; border-bottom: 1px solid %3; padding: 2px 4px; }"
                       "QTableCornerButton::section { background: %6; }")
            .arg(t.base.name(), t.text.name(), t.border.name(), t.highlight.name(),
                 p.color(QPalette::HighlightedText).name(), t.window.name()));
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
}

QColor churnColour(const Theme& t, double rate)
{
    const double f = std::clamp(rate / 0.5, 0.0, 1.0);
    const QColor low = t.kind == ThemeKind::Light ? QColor(0xE8, 0xEC, 0xF0) : QColor(0x2A, 0x30, 0x38);
    const QColor high = t.kind == ThemeKind::Light ? QColor(0xB8, 0x1D, 0x4F) : QColor(0xE0, 0x3E, 0x78);
    return QColor::fromRgbF(float(low.redF() + (high.redF() - low.redF()) * f),
                            float(low.greenF() + (high.greenF() - low.greenF()) * f),
                            float(low.blueF() + (high.blueF() - low.blueF()) * f));
}

QFrame* CardSet::card(QWidget* parent, const QString& objectName)
{
    auto* frame = new QFrame(parent);
    frame->setObjectName(objectName);
    frame->setProperty("card", true);
    m_cards.push_back(frame);
    return frame;
}

QLabel* CardSet::heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    m_headings.push_back(label);
    return label;
}

void CardSet::restyle(const Theme& theme, const QFont& base) const
{
    for (QFrame* frame : m_cards)
        styleCard(frame, theme);
    for (QLabel* label : m_headings)
        label->setFont(scaledFont(base, 1.05 * theme.scale, true));
}

} // namespace faultline::gui
