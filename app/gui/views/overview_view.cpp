#include "overview_view.h"

#include "gui/views/dora_tile.h"
#include "models/contributions_model.h"
#include "models/overview_summary.h"
#include "models/weekly_trend_model.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBarModelMapper>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace faultline::gui {

using models::DoraTilesModel;
using models::WeeklyTrendModel;

namespace {

QFont scaledFont(const QFont& base, double factor, bool bold = false)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * factor);
    else
        font.setPixelSize(qRound(base.pixelSize() * factor));
    font.setBold(bold);
    return font;
}

DoraTilesModel::Column headlineColumn(const FilterState& filters)
{
    switch (filters.headlineSegment()) {
    case metrics::Segment::Ai:
        return DoraTilesModel::AiValue;
    case metrics::Segment::NotAi:
        return DoraTilesModel::NotAiValue;
    case metrics::Segment::All:
        break;
    }
    return DoraTilesModel::Value;
}

QString segmentName(metrics::Segment segment)
{
    switch (segment) {
    case metrics::Segment::Ai:
        return QObject::tr("AI-assisted deployments");
    case metrics::Segment::NotAi:
        return QObject::tr("not AI-assisted deployments");
    case metrics::Segment::All:
        break;
    }
    return QObject::tr("all deployments");
}

} // namespace

OverviewView::OverviewView(QWidget* parent)
    : View(parent)
{
    setObjectName(QStringLiteral("overviewView"));
    setAutoFillBackground(true);
    m_tiles = new DoraTilesModel(this);
    m_weekly = new WeeklyTrendModel(this);
    m_drillDown = new models::ContributionsModel(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);
    m_title = new QLabel(title(), this);
    m_title->setObjectName(QStringLiteral("viewTitle"));
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("viewSubtitle"));
    m_subtitle->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);

    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);
    auto* content = new QWidget(m_stack);
    content->setObjectName(QStringLiteral("overviewContent"));
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(10);
    m_empty = new QLabel(m_stack);
    m_empty->setObjectName(QStringLiteral("overviewEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setMargin(40);
    m_stack->addWidget(content);
    m_stack->addWidget(m_empty);

    auto* tileRow = new QHBoxLayout;
    tileRow->setSpacing(10);
    for (int m = 0; m < DoraTilesModel::MetricCount; ++m) {
        auto* tile = new DoraTile(DoraTilesModel::Metric(m), m_tiles, m_weekly, content);
        connect(tile, &DoraTile::activated, this, &OverviewView::showDrillDown);
        m_tileWidgets.push_back(tile);
        tileRow->addWidget(tile, 1);
    }
    contentLayout->addLayout(tileRow, 3);

    auto* middle = new QHBoxLayout;
    middle->setSpacing(10);
    contentLayout->addLayout(middle, 4);

    // Velocity gap: a view of the weekly model through a bar mapper (PRs merged, production deployments).
    QFrame* velocity = card(QStringLiteral("velocityCard"));
    auto* velocityLayout = new QVBoxLayout(velocity);
    velocityLayout->setContentsMargins(12, 10, 12, 8);
    m_velocityTitle = new QLabel(tr("Velocity gap: PRs merged vs production deployments per week"), velocity);
    m_velocityTitle->setWordWrap(true);
    m_velocityNote = new QLabel(velocity);
    m_velocityNote->setObjectName(QStringLiteral("velocityNote"));
    m_velocityNote->setWordWrap(true);
    auto* chart = new QChart;
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->legend()->setAlignment(Qt::AlignTop);
    m_velocitySeries = new QBarSeries(chart);
    chart->addSeries(m_velocitySeries);
    m_weeksAxis = new QBarCategoryAxis(chart);
    m_countAxis = new QValueAxis(chart);
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(m_weeksAxis, Qt::AlignBottom);
    chart->addAxis(m_countAxis, Qt::AlignLeft);
    m_velocitySeries->attachAxis(m_weeksAxis);
    m_velocitySeries->attachAxis(m_countAxis);
    m_velocityMapper = new QVBarModelMapper(this);
    m_velocityMapper->setFirstBarSetColumn(WeeklyTrendModel::PrsMerged);
    m_velocityMapper->setLastBarSetColumn(WeeklyTrendModel::ProductionDeployments);
    m_velocityMapper->setSeries(m_velocitySeries);
    m_velocityMapper->setModel(m_weekly);
    m_velocityView = new QChartView(chart, velocity);
    m_velocityView->setObjectName(QStringLiteral("velocityChart"));
    m_velocityView->setRenderHint(QPainter::Antialiasing);
    m_velocityView->setFrameShape(QFrame::NoFrame);
    m_velocityView->setMinimumHeight(160);
    velocityLayout->addWidget(m_velocityTitle);
    velocityLayout->addWidget(m_velocityNote);
    velocityLayout->addWidget(m_velocityView, 1);
    middle->addWidget(velocity, 3);
    // The mapper recreates the bar sets on every reset; colour them as they arrive.
    connect(m_velocitySeries, &QBarSeries::barsetsAdded, this, [this] { restyle(); });
    connect(m_weekly, &QAbstractItemModel::modelReset, this, &OverviewView::updateVelocityAxes);
    // The plot's width is known once the chart has laid itself out; queued so that the label font
    // change does not re-enter that layout.
    connect(chart, &QChart::plotAreaChanged, this, &OverviewView::updateWeekLabelAngle, Qt::QueuedConnection);

    auto* side = new QVBoxLayout;
    side->setSpacing(10);
    middle->addLayout(side, 2);
    QFrame* archetype = card(QStringLiteral("archetypeCard"));
    auto* archetypeLayout = new QVBoxLayout(archetype);
    archetypeLayout->setContentsMargins(12, 10, 12, 10);
    m_archetypeHeading = new QLabel(tr("Team profile (heuristic, not a verdict)"), archetype);
    m_archetypeHeading->setWordWrap(true);
    m_archetypeTitle = new QLabel(archetype);
    m_archetypeTitle->setWordWrap(true);
    m_archetypeTitle->setObjectName(QStringLiteral("archetypeTitle"));
    m_archetypeBody = new QLabel(archetype);
    m_archetypeBody->setObjectName(QStringLiteral("archetypeBody"));
    m_archetypeBody->setWordWrap(true);
    m_archetypeBody->setTextFormat(Qt::RichText);
    archetypeLayout->addWidget(m_archetypeHeading);
    archetypeLayout->addWidget(m_archetypeTitle);
    archetypeLayout->addWidget(m_archetypeBody, 1, Qt::AlignTop);
    side->addWidget(archetype, 3);
    QFrame* bottleneck = card(QStringLiteral("bottleneckCard"));
    auto* bottleneckLayout = new QVBoxLayout(bottleneck);
    bottleneckLayout->setContentsMargins(12, 10, 12, 10);
    m_bottleneckHeading = new QLabel(tr("Biggest bottleneck"), bottleneck);
    m_bottleneckHeading->setWordWrap(true);
    m_bottleneck = new QLabel(bottleneck);
    m_bottleneck->setObjectName(QStringLiteral("bottleneckText"));
    m_bottleneck->setWordWrap(true);
    bottleneckLayout->addWidget(m_bottleneckHeading);
    bottleneckLayout->addWidget(m_bottleneck, 1, Qt::AlignTop);
    side->addWidget(bottleneck, 2);

    m_drillPanel = card(QStringLiteral("drillDownPanel"));
    auto* drillLayout = new QVBoxLayout(m_drillPanel);
    drillLayout->setContentsMargins(12, 8, 12, 8);
    auto* drillHeader = new QHBoxLayout;
    m_drillTitle = new QLabel(m_drillPanel);
    m_drillTitle->setObjectName(QStringLiteral("drillDownTitle"));
    m_drillTitle->setWordWrap(true);
    m_drillClose = new QToolButton(m_drillPanel);
    m_drillClose->setObjectName(QStringLiteral("drillDownClose"));
    m_drillClose->setText(tr("Close"));
    m_drillClose->setToolTip(tr("Hide the rows"));
    connect(m_drillClose, &QToolButton::clicked, this, &OverviewView::hideDrillDown);
    drillHeader->addWidget(m_drillTitle, 1);
    drillHeader->addWidget(m_drillClose);
    drillLayout->addLayout(drillHeader);
    m_drillTable = new QTableView(m_drillPanel);
    m_drillTable->setObjectName(QStringLiteral("drillDownTable"));
    m_drillTable->setModel(m_drillDown);
    m_drillTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_drillTable->setWordWrap(false);
    m_drillTable->verticalHeader()->hide();
    m_drillTable->horizontalHeader()->setStretchLastSection(false);
    m_drillTable->horizontalHeader()->setSectionResizeMode(models::ContributionsModel::Reason,
                                                           QHeaderView::Stretch);
    drillLayout->addWidget(m_drillTable, 1);
    m_drillPanel->hide();
    contentLayout->addWidget(m_drillPanel, 4);

    setTheme(m_theme);
    m_subtitle->setText(tr("No workspace data yet"));
    m_empty->setText(emptyStateText());
    m_stack->setCurrentWidget(m_empty);
}

QFrame* OverviewView::card(const QString& objectName)
{
    auto* frame = new QFrame(this);
    frame->setObjectName(objectName);
    frame->setProperty("card", true);
    m_cards.push_back(frame);
    return frame;
}

bool OverviewView::isEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QList<ViewChart> OverviewView::charts() const
{
    if (isEmptyState())
        return {};
    return { { m_velocityTitle->text(), m_velocityView } };
}

QString OverviewView::emptyStateText() const
{
    if (viewData().workspaceEmpty)
        return tr("This workspace holds no data yet.\n\nImport deployments (faultline import deploys <file>) "
                  "to fill the Overview; add git history (faultline import git <repo>), pull requests "
                  "(faultline import prs <file>) and incidents (faultline import incidents <file>) for "
                  "lead time, the velocity gap and failures.");
    return tr("No production deployments match these filters.\n\nWiden the period or the services, or "
              "import deployments for it (faultline import deploys <file>).");
}

void OverviewView::showReport(const ViewData& data)
{
    m_subtitle->setText(data.filters.describe(data.anchorMs));
    const metrics::DoraResult& dora = data.report.dora;
    const bool empty
        = data.workspaceEmpty || (dora.all.frequency.deployments == 0 && dora.all.changeFailureRate.n == 0);
    m_empty->setText(emptyStateText());
    m_stack->setCurrentWidget(empty ? static_cast<QWidget*>(m_empty) : m_stack->widget(0));
    for (DoraTile* tile : m_tileWidgets)
        tile->setHeadlineColumn(headlineColumn(data.filters));
    m_tiles->setResult(dora);
    m_weekly->setResult(data.weekly);
    updateCards();
    if (isDrillDownVisible()) {
        // Keep showing the same metric, now with the rows of the new result.
        showDrillDown(DoraTilesModel::Metric(m_drillPanel->property("metric").toInt()));
    }
}

void OverviewView::showDrillDown(DoraTilesModel::Metric metric)
{
    const metrics::Segment segment = viewData().filters.headlineSegment();
    const auto& rows = DoraTilesModel::contributions(viewData().report.dora.segment(segment), metric);
    m_drillDown->setResult(rows);
    m_drillPanel->setProperty("metric", int(metric));
    m_drillTitle->setText(tr("Rows behind %1 — %2 (%3)")
                              .arg(DoraTilesModel::metricName(metric), segmentName(segment),
                                   rows.size() == 1 ? tr("1 row") : tr("%1 rows").arg(rows.size())));
    m_drillTable->resizeColumnToContents(models::ContributionsModel::Deployment);
    m_drillTable->resizeColumnToContents(models::ContributionsModel::Commit);
    m_drillPanel->show();
}

void OverviewView::hideDrillDown()
{
    m_drillPanel->hide();
}

bool OverviewView::isDrillDownVisible() const
{
    return !m_drillPanel->isHidden();
}

void OverviewView::updateCards()
{
    const models::ArchetypeCard card
        = models::archetypeCard(viewData().report.archetype, viewData().report.archetypeInputs);
    m_archetypeTitle->setText(card.title);
    QString body;
    if (!card.because.isEmpty()) {
        body += tr("Because:") + QStringLiteral("<ul style=\"margin-left:-20px\">");
        for (const QString& reason : card.because)
            body += QStringLiteral("<li>") + reason.toHtmlEscaped() + QStringLiteral("</li>");
        body += QStringLiteral("</ul>");
    }
    if (!card.inputs.isEmpty())
        body += QStringLiteral("<span style=\"color:%1\">").arg(m_theme.mutedText.name()) + tr("Looked at: ")
            + card.inputs.join(QStringLiteral(" · ")).toHtmlEscaped() + QStringLiteral("</span>");
    m_archetypeBody->setText(body);
    m_bottleneck->setText(models::describeBottleneck(models::biggestBottleneck(viewData().report.leadTime)));
}

void OverviewView::updateVelocityAxes()
{
    const QStringList labels = m_weekly->weekLabels();
    m_weeksAxis->setCategories(labels);
    updateWeekLabelAngle();
    double highest = 0;
    std::int64_t merged = 0;
    for (int row = 0; row < m_weekly->rowCount(); ++row) {
        for (int column : { int(WeeklyTrendModel::PrsMerged), int(WeeklyTrendModel::ProductionDeployments) })
            highest = std::max(highest, m_weekly->index(row, column).data().toDouble());
        merged += m_weekly->index(row, WeeklyTrendModel::PrsMerged).data().toLongLong();
    }
    m_countAxis->setRange(0, std::max(1.0, highest));
    m_countAxis->applyNiceNumbers();
    m_velocityNote->setText(merged == 0 ? tr("No merged pull requests in this period: import pull requests "
                                             "(faultline import prs <file>) to see the gap.")
                                        : QString());
    m_velocityNote->setVisible(merged == 0);
}

void OverviewView::updateWeekLabelAngle()
{
    // Week labels that do not fit side by side (many weeks, large type) would be elided to "De…":
    // use smaller type first, and slant them only when even that does not fit.
    const QStringList labels = m_weeksAxis->categories();
    if (labels.isEmpty())
        return;
    const double plotWidth = m_velocityView->chart()->plotArea().width();
    const double perCategory
        = (plotWidth > 0 ? plotWidth : m_velocityView->width() * 0.85) / double(labels.size());
    const auto fits = [&](const QFont& font) {
        const QFontMetrics metrics(font);
        int widest = 0;
        for (const QString& label : labels)
            widest = std::max(widest, metrics.horizontalAdvance(label));
        // Qt Charts elides a category label well before it touches the next one (measured: about
        // two thirds of the category's width is usable).
        return widest <= 0.65 * perCategory;
    };
    double factor = 0.9 * m_theme.scale;
    QFont font = scaledFont(QWidget::font(), factor);
    while (!fits(font) && factor > 0.7) {
        factor -= 0.05;
        font = scaledFont(QWidget::font(), factor);
    }
    m_weeksAxis->setLabelsFont(font);
    m_weeksAxis->setLabelsAngle(fits(font) ? 0 : -90);
}

void OverviewView::resizeEvent(QResizeEvent* event)
{
    View::resizeEvent(event);
    updateWeekLabelAngle();
}

void OverviewView::setTheme(const Theme& theme)
{
    m_theme = theme;
    restyle();
    for (DoraTile* tile : m_tileWidgets)
        tile->setTheme(theme);
    updateCards();
}

void OverviewView::restyle()
{
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
    for (QLabel* heading : { m_velocityTitle, m_archetypeHeading, m_bottleneckHeading })
        heading->setFont(scaledFont(base, 1.05 * t.scale, true));
    m_archetypeTitle->setFont(scaledFont(base, 1.5 * t.scale, true));
    for (QLabel* body : { m_archetypeBody, m_bottleneck, m_drillTitle })
        body->setFont(scaledFont(base, t.scale));
    m_velocityNote->setFont(scaledFont(base, 0.95 * t.scale));
    m_velocityNote->setStyleSheet(QStringLiteral("color: %1;").arg(t.warning.name()));
    m_drillTable->setFont(scaledFont(base, t.scale));

    QChart* chart = m_velocityView->chart();
    m_velocityView->setBackgroundBrush(t.base);
    chart->legend()->setLabelColor(t.text);
    chart->legend()->setFont(scaledFont(base, t.scale));
    for (QAbstractAxis* axis :
         { static_cast<QAbstractAxis*>(m_weeksAxis), static_cast<QAbstractAxis*>(m_countAxis) }) {
        axis->setLabelsColor(t.text);
        axis->setLabelsFont(scaledFont(base, 0.9 * t.scale));
        axis->setGridLineColor(t.grid);
        axis->setLinePenColor(t.border);
    }
    updateWeekLabelAngle();
    const QList<QBarSet*> sets = m_velocitySeries->barSets();
    for (int i = 0; i < sets.size(); ++i) {
        const QColor colour = i == 0 ? t.prsMerged : t.deployments;
        sets[i]->setColor(colour);
        sets[i]->setBorderColor(colour);
    }
}

} // namespace faultline::gui
