#pragma once

#include "gui/theme.h"
#include "metrics/treemap_layout.h"

#include <QWidget>

#include <vector>

namespace faultline::gui {

// The Rework view's directory treemap: one rectangle per directory, its area the directory's lines at
// head (squarified, metrics::squarify), its colour the period's churn rate. Tooltips give the figures
// and the definition; double-click asks for the directory's churn rows.
class TreemapWidget : public QWidget
{
    Q_OBJECT

public:
    explicit TreemapWidget(QWidget* parent = nullptr);

    // At most kMaxTiles directories are drawn (the largest); the rest are too small to read.
    static constexpr int kMaxTiles = 40;

    void setTiles(const std::vector<metrics::DirectoryTile>& tiles, bool sizedByHeadLines, int windowDays);
    void setTheme(const Theme& theme);
    const std::vector<metrics::DirectoryTile>& tiles() const { return m_tiles; }
    // The drawn rectangles, one per tile up to kMaxTiles, for the current size.
    const std::vector<QRectF>& rects() const { return m_rects; }
    int tileAt(const QPoint& pos) const; // -1 outside every tile
    QString toolTipFor(int tile) const;

Q_SIGNALS:
    void directoryActivated(const QString& directory);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    void relayout();

    std::vector<metrics::DirectoryTile> m_tiles;
    std::vector<QRectF> m_rects;
    bool m_sizedByHead = true;
    int m_windowDays = 14;
    Theme m_theme = Theme::forKind(ThemeKind::Light);
};

} // namespace faultline::gui
