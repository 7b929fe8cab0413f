#include "treemap_widget.h"

#include "gui/views/view_style.h"
#include "metrics/metrics_options.h"
#include "models/rework_text.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace faultline::gui {

TreemapWidget::TreemapWidget(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("reworkTreemap"));
    setMouseTracking(true);
    setMinimumSize(160, 120);
}

void TreemapWidget::setTiles(const std::vector<metrics::DirectoryTile>& tiles, bool sizedByHeadLines,
                             int windowDays)
{
    m_tiles = tiles;
    m_sizedByHead = sizedByHeadLines;
    m_windowDays = windowDays;
    relayout();
    update();
}

void TreemapWidget::setTheme(const Theme& theme)
{
    m_theme = theme;
    update();
}

void TreemapWidget::relayout()
{
    std::vector<double> weights;
    const size_t shown = std::min(m_tiles.size(), size_t(kMaxTiles));
    for (size_t i = 0; i < shown; ++i)
        weights.push_back(double(m_sizedByHead ? m_tiles[i].linesAtHead : m_tiles[i].addedLines));
    m_rects = metrics::squarify(weights, QRectF(rect()).adjusted(1, 1, -1, -1));
}

int TreemapWidget::tileAt(const QPoint& pos) const
{
    for (size_t i = 0; i < m_rects.size(); ++i)
        if (m_rects[i].contains(pos))
            return int(i);
    return -1;
}

QString TreemapWidget::toolTipFor(int i) const
{
    if (i < 0 || size_t(i) >= m_tiles.size())
        return {};
    const metrics::DirectoryTile& t = m_tiles[size_t(i)];
    const QString name = t.directory.isEmpty() ? tr("(repository root)") : t.directory + QLatin1Char('/');
    QString text = name + QLatin1Char('\n');
    text += m_sizedByHead ? tr("%1 lines at head").arg(t.linesAtHead) + QLatin1Char('\n') : QString();
    text += tr("%1 churned of %2 added in the period").arg(t.churnedLines).arg(t.addedLines);
    if (t.churnRate)
        text += QLatin1Char('\n')
            + tr("Churn rate %1 (n = %2 added lines)")
                  .arg(models::percentText(*t.churnRate))
                  .arg(t.addedLines);
    if (t.addedLines < metrics::kSmallSample)
        text += QLatin1Char('\n') + tr("Small sample: fewer than %1 added lines").arg(metrics::kSmallSample);
    if (t.churnedLines > 0)
        text += QLatin1Char('\n')
            + tr("AI-assisted origin: %1 of churned lines")
                  .arg(models::percentText(double(t.aiChurnedLines) / double(t.churnedLines)));
    return text + QStringLiteral("\n\n") + models::churnDefinition(m_windowDays) + QStringLiteral("\n")
        + tr("Double-click for the churn rows.");
}

void TreemapWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), m_theme.base);
    const QFont font = scaledFont(QWidget::font(), 0.85 * m_theme.scale);
    p.setFont(font);
    const QFontMetrics fm(font);
    for (size_t i = 0; i < m_rects.size(); ++i) {
        const QRectF r = m_rects[i];
        if (r.isEmpty())
            continue;
        const metrics::DirectoryTile& t = m_tiles[i];
        const QColor fill = t.churnRate ? churnColour(m_theme, *t.churnRate) : m_theme.window;
        p.fillRect(r, fill);
        QPen pen(m_theme.base);
        pen.setWidthF(m_theme.kind == ThemeKind::HighContrast ? 2.0 : 1.0);
        p.setPen(pen);
        p.drawRect(r);
        if (t.addedLines < metrics::kSmallSample && t.churnRate) {
            // Small samples are hatched so a bright tile from a handful of lines does not read as a finding.
            p.fillRect(r, QBrush(m_theme.mutedText, Qt::BDiagPattern));
        }
        const QRectF inner = r.adjusted(4, 2, -4, -2);
        if (inner.width() < fm.averageCharWidth() * 4 || inner.height() < fm.height())
            continue;
        const QString name = t.directory.isEmpty() ? tr("(root)") : t.directory.section(QLatin1Char('/'), -1);
        QString label = fm.elidedText(name, Qt::ElideMiddle, int(inner.width()));
        if (t.churnRate && inner.height() >= 2 * fm.height())
            label += QLatin1Char('\n') + models::percentText(*t.churnRate);
        const double lightness = fill.lightnessF();
        p.setPen(lightness > 0.55 ? QColor(0x10, 0x10, 0x10) : QColor(Qt::white));
        p.drawText(inner, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, label);
    }
}

void TreemapWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void TreemapWidget::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int i = tileAt(event->position().toPoint());
    if (i >= 0)
        Q_EMIT directoryActivated(m_tiles[size_t(i)].directory);
    QWidget::mouseDoubleClickEvent(event);
}

bool TreemapWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int i = tileAt(help->pos());
        if (i >= 0)
            QToolTip::showText(help->globalPos(), toolTipFor(i), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace faultline::gui
