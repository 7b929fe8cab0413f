#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace faultline::gui {

// What the user chose in Settings; System follows the desktop's light or dark palette.
enum class ThemeChoice
{
    System,
    Light,
    Dark
};
QString themeChoiceKey(ThemeChoice choice); // "system", "light", "dark"
ThemeChoice themeChoiceFromKey(const QString& key); // System for anything unknown

enum class ThemeKind
{
    Light,
    Dark,
    HighContrast // presentation mode: a shared screen, a projector
};

// One palette for the whole app. AI-assisted and not AI-assisted have the same two colours in every
// theme, chart and table, so a viewer learns them once; the other series colours never reuse them.
struct Theme
{
    ThemeKind kind = ThemeKind::Light;
    QColor window;
    QColor base; // cards, tables
    QColor text;
    QColor mutedText;
    QColor border;
    QColor grid;
    QColor highlight;
    QColor warning; // small samples
    QColor prsMerged; // velocity gap: PRs merged per week
    QColor deployments; // velocity gap: production deployments per week
    QColor trend; // sparklines
    double scale = 1.0; // type and chart lines; presentation mode enlarges both
    qreal lineWidth() const { return 2.0 * scale; }

    static QColor aiColour(); // orange
    static QColor notAiColour(); // blue

    QPalette palette() const;
    static Theme forKind(ThemeKind kind);
};

// Light or dark for a choice; System asks the platform (systemPrefersDark).
ThemeKind resolveTheme(ThemeChoice choice);
// Whether the desktop's own palette is dark. Remembered from the first call, before Faultline
// replaces the application palette.
bool systemPrefersDark();
QString themeKindKey(ThemeKind kind); // "light", "dark", "high-contrast"

// Sets the application palette (and the Fusion style, which honours palettes on every platform).
void applyTheme(const Theme& theme);

} // namespace faultline::gui
