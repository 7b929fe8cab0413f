#pragma once

#include "gui/theme.h"

#include <QFont>
#include <QString>

#include <vector>

class QAbstractAxis;
class QChartView;
class QFrame;
class QLabel;
class QWidget;
class QTableView;

namespace faultline::gui {

// Shared styling of the Rework and Incidents views, so both follow the Overview's look: cards on the
// window colour, charts on the card colour, type scaled by the theme (presentation mode).
QFont scaledFont(const QFont& base, double factor, bool bold = false);
void styleCard(QFrame* card, const Theme& theme);
void styleChart(QChartView* view, const Theme& theme, const QFont& base);
void styleAxis(QAbstractAxis* axis, const Theme& theme, const QFont& base);
void styleTable(QTableView* table, const Theme& theme, const QFont& base);
// The treemap's churn colour: a ramp from the card colour (no churn) to crimson (rate ≥ 50 %),
// distinct from the AI-assisted / not colours.
QColor churnColour(const Theme& theme, double rate);

// A view's cards and their headings, made in one place and restyled together when the theme changes.
class CardSet
{
public:
    QFrame* card(QWidget* parent, const QString& objectName);
    QLabel* heading(const QString& text, QWidget* parent);
    void add(QFrame* frame) { m_cards.push_back(frame); }
    void restyle(const Theme& theme, const QFont& base) const;

private:
    std::vector<QFrame*> m_cards;
    std::vector<QLabel*> m_headings;
};

} // namespace faultline::gui
