#include "metric_view_base.h"

#include <QAbstractAxis>
#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QFontMetrics>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace faultline::gui {

MetricViewBase::MetricViewBase(QWidget* parent)
    : View(parent)
{ }

QFont MetricViewBase::scaledFont(const QFont& base, double factor, bool bold)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * factor);
    else
        font.setPixelSize(qRound(base.pixelSize() * factor));
    font.setBold(bold);
    return font;
}

void MetricViewBase::setUpFrame(const QString& objectName)
{
    setObjectName(objectName);
    setAutoFillBackground(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(8);
    m_title = new QLabel(title(), this);
    m_title->setObjectName(QStringLiteral("viewTitle"));
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("viewSubtitle"));
    m_subtitle->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);

    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);
    m_content = new QWidget(m_stack);
    m_contentLayout = new QVBoxLayout(m_content);
    m_contentLayout->setContentsMargins(0, 0, 0, 0);
    m_contentLayout->setSpacing(8);
    m_empty = new QLabel(m_stack);
    m_empty->setObjectName(objectName + QStringLiteral("Empty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setMargin(40);
    m_stack->addWidget(m_content);
    m_stack->addWidget(m_empty);

    m_drillPanel = card(QStringLiteral("drillDownPanel"), m_content);
    auto* drillLayout = new QVBoxLayout(m_drillPanel);
    drillLayout->setContentsMargins(12, 8, 12, 8);
    auto* header = new QHBoxLayout;
    m_drillTitle = new QLabel(m_drillPanel);
    m_drillTitle->setObjectName(QStringLiteral("drillDownTitle"));
    m_drillTitle->setWordWrap(true);
    m_drillClose = new QToolButton(m_drillPanel);
    m_drillClose->setObjectName(QStringLiteral("drillDownClose"));
    m_drillClose->setText(tr("Close"));
    m_drillClose->setToolTip(tr("Hide the rows"));
    connect(m_drillClose, &QToolButton::clicked, this, &MetricViewBase::hideDrillDown);
    header->addWidget(m_drillTitle, 1);
    header->addWidget(m_drillClose);
    drillLayout->addLayout(header);
    m_drillTable = table(nullptr, QStringLiteral("drillDownTable"), m_drillPanel);
    drillLayout->addWidget(m_drillTable, 1);
    m_drillPanel->hide();

    setEmpty(true, tr("No workspace data yet"));
}

QFrame* MetricViewBase::card(const QString& objectName, QWidget* parent)
{
    auto* frame = new QFrame(parent ? parent : this);
    frame->setObjectName(objectName);
    frame->setProperty("card", true);
    m_cards.push_back(frame);
    return frame;
}

QLabel* MetricViewBase::heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    m_headings.push_back(label);
    return label;
}

QLabel* MetricViewBase::note(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    m_notes.push_back(label);
    return label;
}

QChartView* MetricViewBase::chartView(QChart* chart, const QString& objectName, QWidget* parent)
{
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->legend()->setAlignment(Qt::AlignTop);
    auto* view = new QChartView(chart, parent);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setFrameShape(QFrame::NoFrame);
    view->setMinimumHeight(140);
    m_charts.push_back(view);
    // The plot's width is known once the chart has laid itself out; queued so that the label font
    // change does not re-enter that layout.
    connect(chart, &QChart::plotAreaChanged, this, &MetricViewBase::updateCategoryLabels,
            Qt::QueuedConnection);
    return view;
}

QTableView* MetricViewBase::table(QAbstractItemModel* model, const QString& objectName, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    if (model)
        view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    m_tables.push_back(view);
    return view;
}

void MetricViewBase::registerAxis(QAbstractAxis* axis)
{
    m_axes.push_back(axis);
}

void MetricViewBase::registerCategoryAxis(QBarCategoryAxis* axis, QChartView* view)
{
    m_axes.push_back(axis);
    m_categoryAxes.emplace_back(axis, view);
}

bool MetricViewBase::isEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

void MetricViewBase::setEmpty(bool empty, const QString& subtitle)
{
    m_subtitle->setText(subtitle);
    m_empty->setText(emptyStateText());
    m_stack->setCurrentWidget(empty ? m_empty : m_content);
}

bool MetricViewBase::isDrillDownVisible() const
{
    return !m_drillPanel->isHidden();
}

QString MetricViewBase::drillDownTitle() const
{
    return m_drillTitle->text();
}

void MetricViewBase::hideDrillDown()
{
    m_drillPanel->hide();
    onDrillDownShown(false);
}

void MetricViewBase::onDrillDownShown(bool)
{ }

void MetricViewBase::showDrillDownModel(QAbstractItemModel* model, const QString& title, int stretchColumn)
{
    if (m_drillTable->model() != model)
        m_drillTable->setModel(model);
    m_drillTitle->setText(title);
    m_drillTable->horizontalHeader()->setStretchLastSection(false);
    m_drillTable->resizeColumnsToContents();
    m_drillTable->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    // The drill-down sits where the secondary tables were, so it is as large as they were.
    if (m_contentLayout->indexOf(m_drillPanel) < 0)
        m_contentLayout->addWidget(m_drillPanel, 4);
    m_drillPanel->show();
    onDrillDownShown(true);
}

void MetricViewBase::resizeEvent(QResizeEvent* event)
{
    View::resizeEvent(event);
    updateCategoryLabels();
}

void MetricViewBase::updateCategoryLabels()
{
    // Labels that do not fit side by side would be elided: smaller type first, slanted when even
    // that does not fit.
    for (const auto& [axis, view] : m_categoryAxes) {
        const QStringList labels = axis->categories();
        if (labels.isEmpty())
            continue;
        const double plotWidth = view->chart()->plotArea().width();
        const double perCategory = (plotWidth > 0 ? plotWidth : view->width() * 0.85) / double(labels.size());
        const auto fits = [&](const QFont& font) {
            const QFontMetrics metrics(font);
            int widest = 0;
            for (const QString& label : labels)
                widest = std::max(widest, metrics.horizontalAdvance(label));
            return widest <= 0.65 * perCategory;
        };
        double factor = 0.9 * m_theme.scale;
        QFont font = scaledFont(QWidget::font(), factor);
        while (!fits(font) && factor > 0.7) {
            factor -= 0.05;
            font = scaledFont(QWidget::font(), factor);
        }
        axis->setLabelsFont(font);
        axis->setLabelsAngle(fits(font) ? 0 : -90);
    }
}

void MetricViewBase::setTheme(const Theme& theme)
{
    m_theme = theme;
    const Theme& t = m_theme;
    QPalette p = palette();
    p.setColor(QPalette::Window, t.window);
    p.setColor(QPalette::WindowText, t.text);
    setPalette(p);
    const QFont base = QWidget::font();
    m_title->setFont(scaledFont(base, 1.7 * t.scale, true));
    m_subtitle->setFont(scaledFont(base, t.scale));
    m_subtitle->setStyleSheet(QStringLiteral("color: %1;").arg(t.mutedText.name()));
    m_empty->setFont(scaledFont(base, 1.2 * t.scale));
    m_empty->setStyleSheet(QStringLiteral("color: %1;").arg(t.mutedText.name()));
    for (QFrame* frame : m_cards)
        frame->setStyleSheet(
            QStringLiteral("#%1 { background: %2; border: %4px solid %3; border-radius: 6px; }")
                .arg(frame->objectName(), t.base.name(), t.border.name())
                .arg(t.kind == ThemeKind::HighContrast ? 2 : 1));
    for (QLabel* label : m_headings)
        label->setFont(scaledFont(base, 1.05 * t.scale, true));
    for (QLabel* label : m_notes) {
        label->setFont(scaledFont(base, 0.95 * t.scale));
        label->setStyleSheet(QStringLiteral("color: %1;").arg(t.mutedText.name()));
    }
    m_drillTitle->setFont(scaledFont(base, t.scale));
    for (QTableView* view : m_tables) {
        view->setFont(scaledFont(base, 0.95 * t.scale));
        view->horizontalHeader()->setFont(scaledFont(base, 0.95 * t.scale, true));
        view->verticalHeader()->setFont(scaledFont(base, 0.95 * t.scale));
        // Rows as tall as their (scaled) text, not the platform default.
        view->verticalHeader()->setDefaultSectionSize(QFontMetrics(view->font()).height() + 6);
        // A style sheet, not a palette: inside a card (itself styled by a sheet) the palette is not
        // honoured and the table would stay white in the dark themes.
        view->setStyleSheet(
            QStringLiteral("QTableView { background: %1; alternate-background-color: %2; color: %3; "
                           "gridline-color: %4; selection-background-color: %5; }"
                           "QHeaderView::section { background: %2; color: %3; border: 0px; "
                           "border-right: 1px solid %4; border-bottom: 1px solid %4; padding: 2px 4px; }"
                           "QTableCornerButton::section { background: %2; border: 0px; }")
                .arg(t.base.name(), t.window.name(), t.text.name(), t.border.name(), t.highlight.name()));
    }
    for (QChartView* view : m_charts) {
        view->setBackgroundBrush(t.base);
        view->chart()->legend()->setLabelColor(t.text);
        view->chart()->legend()->setFont(scaledFont(base, 0.85 * t.scale));
    }
    for (QAbstractAxis* axis : m_axes) {
        axis->setLabelsColor(t.text);
        axis->setLabelsFont(scaledFont(base, 0.9 * t.scale));
        axis->setTitleBrush(t.mutedText);
        axis->setTitleFont(scaledFont(base, 0.9 * t.scale));
        axis->setGridLineColor(t.grid);
        axis->setLinePenColor(t.border);
    }
    restyleContent();
    updateCategoryLabels();
}

} // namespace faultline::gui
