#include "theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace faultline::gui {

QString themeChoiceKey(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::System:
        break;
    }
    return QStringLiteral("system");
}

ThemeChoice themeChoiceFromKey(const QString& key)
{
    if (key == QLatin1String("light"))
        return ThemeChoice::Light;
    if (key == QLatin1String("dark"))
        return ThemeChoice::Dark;
    return ThemeChoice::System;
}

QString themeKindKey(ThemeKind kind)
{
    switch (kind) {
    case ThemeKind::Dark:
        return QStringLiteral("dark");
    case ThemeKind::HighContrast:
        return QStringLiteral("high-contrast");
    case ThemeKind::Light:
        break;
    }
    return QStringLiteral("light");
}

// Chosen to read on white, on near-black and when printed in grey (different lightness), and to be
// told apart by the common colour-vision deficiencies (orange vs blue).
QColor Theme::aiColour()
{
    return QColor(0xF2, 0x8E, 0x2B);
}

QColor Theme::notAiColour()
{
    return QColor(0x3B, 0x82, 0xF6);
}

Theme Theme::forKind(ThemeKind kind)
{
    Theme t;
    t.kind = kind;
    switch (kind) {
    case ThemeKind::Light:
        t.window = QColor(0xF5, 0xF6, 0xF8);
        t.base = Qt::white;
        t.text = QColor(0x1F, 0x23, 0x28);
        t.mutedText = QColor(0x59, 0x63, 0x6E);
        t.border = QColor(0xD0, 0xD7, 0xDE);
        t.grid = QColor(0xE4, 0xE8, 0xEC);
        t.highlight = QColor(0x0B, 0x5C, 0xAD);
        t.warning = QColor(0xA1, 0x4E, 0x00);
        t.prsMerged = QColor(0x7C, 0x4D, 0xBC);
        t.deployments = QColor(0x1A, 0x9E, 0x77);
        t.trend = QColor(0x44, 0x4C, 0x56);
        break;
    case ThemeKind::Dark:
        t.window = QColor(0x16, 0x1B, 0x22);
        t.base = QColor(0x0D, 0x11, 0x17);
        t.text = QColor(0xE6, 0xED, 0xF3);
        t.mutedText = QColor(0x9D, 0xA7, 0xB3);
        t.border = QColor(0x30, 0x36, 0x3D);
        t.grid = QColor(0x26, 0x2C, 0x34);
        t.highlight = QColor(0x38, 0x8B, 0xFD);
        t.warning = QColor(0xF0, 0xB7, 0x2F);
        t.prsMerged = QColor(0xB3, 0x92, 0xF0);
        t.deployments = QColor(0x3F, 0xC9, 0x9B);
        t.trend = QColor(0xC9, 0xD1, 0xD9);
        break;
    case ThemeKind::HighContrast:
        t.window = Qt::black;
        t.base = Qt::black;
        t.text = Qt::white;
        t.mutedText = QColor(0xE0, 0xE0, 0xE0);
        t.border = Qt::white;
        t.grid = QColor(0x55, 0x55, 0x55);
        t.highlight = QColor(0xFF, 0xE0, 0x3D);
        t.warning = QColor(0xFF, 0xE0, 0x3D);
        t.prsMerged = QColor(0xD0, 0xB0, 0xFF);
        t.deployments = QColor(0x5C, 0xF2, 0xB8);
        t.trend = Qt::white;
        t.scale = 1.5;
        break;
    }
    return t;
}

QPalette Theme::palette() const
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::PlaceholderText, mutedText);
    p.setColor(QPalette::Button, kind == ThemeKind::Light ? QColor(0xEB, 0xEE, 0xF1) : base);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText,
               kind == ThemeKind::HighContrast ? QColor(Qt::black) : QColor(Qt::white));
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Link, highlight);
    p.setColor(QPalette::Mid, border);
    p.setColor(QPalette::Dark, border);
    // Sunken frames and dividers draw with Light and Shadow; left at their defaults they glare white
    // on a dark window.
    p.setColor(QPalette::Light, kind == ThemeKind::Light ? QColor(Qt::white) : border);
    p.setColor(QPalette::Midlight, border);
    p.setColor(QPalette::Shadow, kind == ThemeKind::Light ? border.darker(130) : QColor(Qt::black));
    p.setColor(QPalette::Disabled, QPalette::Text, mutedText);
    p.setColor(QPalette::Disabled, QPalette::WindowText, mutedText);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, mutedText);
    return p;
}

bool systemPrefersDark()
{
    // Qt 6.4 has no colour-scheme hint yet; the platform theme's own palette says it.
    static const bool dark = QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
    return dark;
}

ThemeKind resolveTheme(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        return ThemeKind::Light;
    case ThemeChoice::Dark:
        return ThemeKind::Dark;
    case ThemeChoice::System:
        break;
    }
    return systemPrefersDark() ? ThemeKind::Dark : ThemeKind::Light;
}

void applyTheme(const Theme& theme)
{
    systemPrefersDark(); // remember the desktop's palette before replacing it
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme.palette());
}

} // namespace faultline::gui
