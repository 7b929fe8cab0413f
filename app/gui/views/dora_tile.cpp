#include "dora_tile.h"

#include "models/present_rows_proxy.h"
#include "models/weekly_trend_model.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QVBoxLayout>
#include <QVXYModelMapper>
#include <QValueAxis>

#include <algorithm>

namespace faultline::gui {

using models::DoraTilesModel;
using models::WeeklyTrendModel;

namespace {

int trendColumn(DoraTilesModel::Metric metric)
{
    switch (metric) {
    case DoraTilesModel::DeploymentFrequency:
        return WeeklyTrendModel::DeploymentsPerDay;
    case DoraTilesModel::LeadTime:
        return WeeklyTrendModel::LeadTimeHours;
    case DoraTilesModel::ChangeFailureRate:
        return WeeklyTrendModel::ChangeFailureRate;
    case DoraTilesModel::RecoveryTime:
        return WeeklyTrendModel::RecoveryHours;
    case DoraTilesModel::ReworkRate:
    case DoraTilesModel::MetricCount:
        break;
    }
    return WeeklyTrendModel::ReworkRate;
}

QFont scaled(QFont font, double factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(qRound(font.pixelSize() * factor));
    return font;
}

} // namespace

DoraTile::DoraTile(DoraTilesModel::Metric metric, DoraTilesModel* tiles, WeeklyTrendModel* weekly,
                   QWidget* parent)
    : QFrame(parent)
    , m_metric(metric)
    , m_tiles(tiles)
{
    setObjectName(QStringLiteral("doraTile"));
    setProperty("metric", int(metric));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(2);

    m_name = new QLabel(DoraTilesModel::metricName(metric), this);
    m_name->setObjectName(QStringLiteral("tileName"));
    m_name->setWordWrap(true);
    m_value = new QLabel(this);
    m_value->setObjectName(QStringLiteral("tileValue"));
    m_sample = new QLabel(this);
    m_sample->setObjectName(QStringLiteral("tileSample"));
    m_ai = new QLabel(this);
    m_ai->setObjectName(QStringLiteral("tileAi"));
    m_notAi = new QLabel(this);
    m_notAi->setObjectName(QStringLiteral("tileNotAi"));
    for (QLabel* label : { m_ai, m_notAi })
        label->setTextFormat(Qt::RichText);
    // Five tiles share a 1280 px wide shared screen in presentation mode: every line may wrap, and the
    // headline never dictates the tile's minimum width.
    for (QLabel* label : { m_sample, m_ai, m_notAi })
        label->setWordWrap(true);
    m_value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    // The sparkline is a view of the weekly model: weeks without a value are filtered out by the
    // proxy, so the line skips them instead of dropping to zero.
    m_proxy = new models::PresentRowsProxy(trendColumn(metric), this);
    m_proxy->setSourceModel(weekly);
    auto* chart = new QChart;
    chart->legend()->hide();
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_series = new QLineSeries(chart);
    m_series->setPointsVisible(true);
    chart->addSeries(m_series);
    m_axisX = new QValueAxis(chart);
    m_axisY = new QValueAxis(chart);
    for (QValueAxis* axis : { m_axisX, m_axisY }) {
        axis->setVisible(false);
        chart->addAxis(axis, axis == m_axisX ? Qt::AlignBottom : Qt::AlignLeft);
        m_series->attachAxis(axis);
    }
    m_mapper = new QVXYModelMapper(this);
    m_mapper->setXColumn(WeeklyTrendModel::WeekIndex);
    m_mapper->setYColumn(trendColumn(metric));
    m_mapper->setSeries(m_series);
    m_mapper->setModel(m_proxy);
    m_chartView = new QChartView(chart, this);
    m_chartView->setObjectName(QStringLiteral("tileSparkline"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setFrameShape(QFrame::NoFrame);
    m_chartView->setMinimumHeight(48);
    m_chartView->viewport()->installEventFilter(this);

    layout->addWidget(m_name);
    layout->addWidget(m_value);
    layout->addWidget(m_sample);
    layout->addWidget(m_chartView, 1);
    layout->addWidget(m_ai);
    layout->addWidget(m_notAi);

    // After the mapper's own connection: the series holds the new points by then.
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DoraTile::updateSparklineRange);
    connect(m_tiles, &QAbstractItemModel::modelReset, this, &DoraTile::refresh);
    setTheme(m_theme);
}

void DoraTile::setHeadlineColumn(DoraTilesModel::Column column)
{
    m_headline = column;
    refresh();
}

QString DoraTile::valueText() const
{
    return m_value->text();
}

void DoraTile::setTheme(const Theme& theme)
{
    m_theme = theme;
    setStyleSheet(QStringLiteral("#doraTile { background: %1; border: %3px solid %2; border-radius: 6px; }")
                      .arg(theme.base.name(), theme.border.name())
                      .arg(theme.kind == ThemeKind::HighContrast ? 2 : 1));
    const QFont base = font();
    m_name->setFont(scaled(base, theme.scale));
    QFont value = scaled(base, 1.9 * theme.scale);
    value.setBold(true);
    m_value->setFont(value);
    for (QLabel* label : { m_sample, m_ai, m_notAi })
        label->setFont(scaled(base, 0.95 * theme.scale));
    m_chartView->setMinimumHeight(int(48 * theme.scale));
    m_chartView->setBackgroundBrush(theme.base);
    QPen pen(theme.trend);
    pen.setWidthF(theme.lineWidth());
    m_series->setPen(pen);
    m_series->setBrush(theme.trend);
    m_series->setMarkerSize(3.0 * theme.scale + 2);
    refresh();
}

QString DoraTile::segmentLine(DoraTilesModel::Column value, DoraTilesModel::Column n, const QColor& colour,
                              const QString& name) const
{
    const int row = int(m_metric);
    const QModelIndex valueIndex = m_tiles->index(row, value);
    const QModelIndex nIndex = m_tiles->index(row, n);
    QString line = QStringLiteral("<span style=\"color:%1\">&#9632;</span> %2 <b>%3</b> "
                                  "<span style=\"color:%4\">n&nbsp;=&nbsp;%5</span>")
                       .arg(colour.name(), name.toHtmlEscaped(), valueIndex.data().toString().toHtmlEscaped(),
                            m_theme.mutedText.name(), nIndex.data().toString());
    if (valueIndex.data(DoraTilesModel::SmallSampleRole).toBool())
        line += QStringLiteral(" <span style=\"color:%1\">&#9888;</span>").arg(m_theme.warning.name());
    return line;
}

void DoraTile::refresh()
{
    const int row = int(m_metric);
    if (m_tiles->rowCount() <= row) {
        m_value->setText(QStringLiteral("—"));
        m_sample->clear();
        m_ai->clear();
        m_notAi->clear();
        return;
    }
    const QModelIndex headline = m_tiles->index(row, m_headline);
    const DoraTilesModel::Column nColumn = m_headline == DoraTilesModel::AiValue ? DoraTilesModel::AiN
        : m_headline == DoraTilesModel::NotAiValue                               ? DoraTilesModel::NotAiN
                                                                                 : DoraTilesModel::N;
    m_value->setText(headline.data().toString());
    const bool small = headline.data(DoraTilesModel::SmallSampleRole).toBool();
    const QString n = m_tiles->index(row, nColumn).data().toString();
    // The marker is words, not only a colour: it must survive a grey-scale projector.
    m_sample->setText(small ? tr("n = %1 · ⚠ too few to compare").arg(n) : tr("n = %1").arg(n));
    m_sample->setStyleSheet(
        QStringLiteral("color: %1;").arg((small ? m_theme.warning : m_theme.mutedText).name()));
    m_value->setStyleSheet(
        QStringLiteral("color: %1;").arg((small ? m_theme.mutedText : m_theme.text).name()));
    m_ai->setText(segmentLine(DoraTilesModel::AiValue, DoraTilesModel::AiN, Theme::aiColour(), tr("AI")));
    m_notAi->setText(
        segmentLine(DoraTilesModel::NotAiValue, DoraTilesModel::NotAiN, Theme::notAiColour(), tr("Not AI")));
    const QString tip = headline.data(Qt::ToolTipRole).toString();
    setToolTip(tip);
    m_value->setToolTip(tip);
    m_ai->setToolTip(m_tiles->index(row, DoraTilesModel::AiValue).data(Qt::ToolTipRole).toString());
    m_notAi->setToolTip(m_tiles->index(row, DoraTilesModel::NotAiValue).data(Qt::ToolTipRole).toString());
}

void DoraTile::updateSparklineRange()
{
    const QList<QPointF> points = m_series->points();
    if (points.isEmpty()) {
        m_axisX->setRange(0, 1);
        m_axisY->setRange(0, 1);
        return;
    }
    const auto [minX, maxX] = std::minmax_element(
        points.cbegin(), points.cend(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
    const auto [minY, maxY] = std::minmax_element(
        points.cbegin(), points.cend(), [](const QPointF& a, const QPointF& b) { return a.y() < b.y(); });
    // Rates and counts start at zero, so a flat line reads as "steady", not "at the bottom".
    const double low = std::min(0.0, minY->y());
    const double high = maxY->y() > low ? maxY->y() : low + 1;
    const double padX = std::max(0.5, (maxX->x() - minX->x()) * 0.03);
    m_axisX->setRange(minX->x() - padX, maxX->x() + padX);
    m_axisY->setRange(low - (high - low) * 0.08, high + (high - low) * 0.12);
}

void DoraTile::mouseDoubleClickEvent(QMouseEvent* event)
{
    QFrame::mouseDoubleClickEvent(event);
    Q_EMIT activated(m_metric);
}

bool DoraTile::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_chartView->viewport() && event->type() == QEvent::MouseButtonDblClick) {
        Q_EMIT activated(m_metric);
        return true;
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace faultline::gui
