#include "incidents_view.h"

#include "gui/views/drill_panel.h"
#include "gui/views/view_style.h"
#include "models/hotspots_model.h"
#include "models/incident_timeline_model.h"
#include "models/repeat_clusters_model.h"
#include "models/rework_text.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLegend>
#include <QScatterSeries>
#include <QStackedWidget>
#include <QTableView>
#include <QTimeZone>
#include <QVBarModelMapper>
#include <QVBoxLayout>
#include <QVXYModelMapper>
#include <QValueAxis>

#include <algorithm>

namespace faultline::gui {

using models::IncidentTimelineModel;
using models::RepeatClustersModel;

namespace {

QChartView* chartView(QChart* chart, const QString& objectName, QWidget* parent)
{
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->legend()->setAlignment(Qt::AlignTop);
    auto* view = new QChartView(chart, parent);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setFrameShape(QFrame::NoFrame);
    view->setMinimumHeight(120);
    return view;
}

} // namespace

IncidentsView::IncidentsView(QWidget* parent)
    : View(parent)
{
    setObjectName(QStringLiteral("incidentsView"));
    setAutoFillBackground(true);
    m_clusters = new RepeatClustersModel(this);
    m_timeline = new IncidentTimelineModel(this);
    m_repeatRows = new models::TimelineRowsProxy(true, kChartClusters, this);
    m_repeatRows->setSourceModel(m_timeline);
    m_otherRows = new models::TimelineRowsProxy(false, kChartClusters, this);
    m_otherRows->setSourceModel(m_timeline);
    m_drillRows = new IncidentTimelineModel(this);

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
    auto* content = new QWidget(m_stack);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(8);
    m_empty = new QLabel(m_stack);
    m_empty->setObjectName(QStringLiteral("incidentsEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setMargin(40);
    m_stack->addWidget(content);
    m_stack->addWidget(m_empty);

    m_summary = new QLabel(content);
    m_summary->setObjectName(QStringLiteral("incidentsSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setToolTip(models::repeatDefinition());
    contentLayout->addWidget(m_summary);

    auto* charts = new QHBoxLayout;
    charts->setSpacing(8);
    contentLayout->addLayout(charts, 5);

    // Timeline: x = started, y = cluster row; repeats and the others are two scatter series, each a
    // view of the timeline model through its proxy.
    QFrame* timeline = m_cards.card(this, QStringLiteral("timelineCard"));
    auto* timelineLayout = new QVBoxLayout(timeline);
    timelineLayout->setContentsMargins(10, 8, 10, 6);
    timelineLayout->addWidget(
        m_cards.heading(tr("Timeline of the largest clusters (#: row in the table)"), timeline));
    auto* timelineChart = new QChart;
    m_otherSeries = new QScatterSeries(timelineChart);
    m_otherSeries->setName(tr("Incident"));
    m_repeatSeries = new QScatterSeries(timelineChart);
    m_repeatSeries->setName(tr("Repeat"));
    timelineChart->addSeries(m_otherSeries);
    timelineChart->addSeries(m_repeatSeries);
    m_timeAxis = new QDateTimeAxis(timelineChart);
    m_timeAxis->setFormat(QStringLiteral("MMM d"));
    m_timeAxis->setTickCount(5);
    m_clusterAxis = new QCategoryAxis(timelineChart);
    m_clusterAxis->setReverse(true); // the largest cluster on top, as in the table
    // Labels on the cluster's own value: centred labels of the first and last range get dropped.
    m_clusterAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    timelineChart->addAxis(m_timeAxis, Qt::AlignBottom);
    timelineChart->addAxis(m_clusterAxis, Qt::AlignLeft);
    for (QScatterSeries* s : { m_otherSeries, m_repeatSeries }) {
        s->attachAxis(m_timeAxis);
        s->attachAxis(m_clusterAxis);
    }
    m_otherMapper = new QVXYModelMapper(this);
    m_otherMapper->setXColumn(IncidentTimelineModel::Time);
    m_otherMapper->setYColumn(IncidentTimelineModel::ClusterIndex);
    m_otherMapper->setSeries(m_otherSeries);
    m_otherMapper->setModel(m_otherRows);
    m_repeatMapper = new QVXYModelMapper(this);
    m_repeatMapper->setXColumn(IncidentTimelineModel::Time);
    m_repeatMapper->setYColumn(IncidentTimelineModel::ClusterIndex);
    m_repeatMapper->setSeries(m_repeatSeries);
    m_repeatMapper->setModel(m_repeatRows);
    m_timelineView = chartView(timelineChart, QStringLiteral("timelineChart"), timeline);
    m_timelineView->setToolTip(models::repeatDefinition());
    timelineLayout->addWidget(m_timelineView, 1);
    charts->addWidget(timeline, 3);

    QFrame* recovery = m_cards.card(this, QStringLiteral("recoveryCard"));
    auto* recoveryLayout = new QVBoxLayout(recovery);
    recoveryLayout->setContentsMargins(10, 8, 10, 6);
    recoveryLayout->addWidget(m_cards.heading(tr("Median recovery per cluster (hours)"), recovery));
    auto* recoveryChart = new QChart;
    m_recoverySeries = new QHorizontalBarSeries(recoveryChart);
    recoveryChart->addSeries(m_recoverySeries);
    m_recoveryClusters = new QBarCategoryAxis(recoveryChart);
    m_recoveryHours = new QValueAxis(recoveryChart);
    m_recoveryHours->setLabelFormat(QStringLiteral("%.0f"));
    recoveryChart->addAxis(m_recoveryClusters, Qt::AlignLeft);
    recoveryChart->addAxis(m_recoveryHours, Qt::AlignBottom);
    m_recoverySeries->attachAxis(m_recoveryClusters);
    m_recoverySeries->attachAxis(m_recoveryHours);
    recoveryChart->legend()->setVisible(false);
    m_recoveryMapper = new QVBarModelMapper(this);
    m_recoveryMapper->setFirstBarSetColumn(RepeatClustersModel::RecoveryHours);
    m_recoveryMapper->setLastBarSetColumn(RepeatClustersModel::RecoveryHours);
    // Reversed: a horizontal bar chart draws its first category at the bottom; the largest cluster goes on
    // top.
    m_recoveryRows = new models::ReversedTopRowsProxy(kChartClusters, this);
    m_recoveryRows->setSourceModel(m_clusters);
    m_recoveryMapper->setSeries(m_recoverySeries);
    m_recoveryMapper->setModel(m_recoveryRows);
    m_recoveryView = chartView(recoveryChart, QStringLiteral("recoveryChart"), recovery);
    m_recoveryView->setToolTip(
        tr("Median of resolved − created over each cluster's resolved incidents of the period."));
    recoveryLayout->addWidget(m_recoveryView, 1);
    charts->addWidget(recovery, 2);

    auto* lower = new QHBoxLayout;
    lower->setSpacing(8);
    contentLayout->addLayout(lower, 5);
    QFrame* tableCard = m_cards.card(this, QStringLiteral("clustersCard"));
    auto* tableLayout = new QVBoxLayout(tableCard);
    tableLayout->setContentsMargins(10, 8, 10, 8);
    tableLayout->addWidget(m_cards.heading(tr("Repeat-incident clusters"), tableCard));
    m_table = new QTableView(tableCard);
    m_table->setObjectName(QStringLiteral("clustersTable"));
    m_table->setModel(m_clusters);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    // Row numbers are the cluster numbers on the charts' axes.
    for (int c : { int(RepeatClustersModel::RecoveryHours), int(RepeatClustersModel::Deployments),
                   int(RepeatClustersModel::Files), int(RepeatClustersModel::FirstSeen),
                   int(RepeatClustersModel::MedianInterval) })
        m_table->setColumnHidden(c, true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RepeatClustersModel::Cluster, QHeaderView::Stretch);
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { showClusterRows(index.row()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    showClusterDetails(current.row());
            });
    tableLayout->addWidget(m_table, 1);
    lower->addWidget(tableCard, 3);

    QFrame* detailsCard = m_cards.card(this, QStringLiteral("clusterDetailsCard"));
    auto* detailsLayout = new QVBoxLayout(detailsCard);
    detailsLayout->setContentsMargins(10, 8, 10, 8);
    detailsLayout->addWidget(
        m_cards.heading(tr("Linked deployments and the files they changed"), detailsCard));
    m_details = new QLabel(detailsCard);
    m_details->setObjectName(QStringLiteral("clusterDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_details->setToolTip(tr("AI share = AI-assisted added lines ÷ added lines over the linked deployments' "
                             "changeset commits, each commit counted once."));
    detailsLayout->addWidget(m_details, 1);
    lower->addWidget(detailsCard, 2);

    m_drill = new DrillPanel(QStringLiteral("drillDownPanel"), m_drillRows, IncidentTimelineModel::Reason,
                             content);
    m_cards.add(m_drill);
    for (int c : { int(IncidentTimelineModel::Time), int(IncidentTimelineModel::ClusterIndex) })
        m_drill->table()->setColumnHidden(c, true);
    contentLayout->addWidget(m_drill, 5);

    for (QScatterSeries* s : { m_otherSeries, m_repeatSeries })
        connect(s, &QScatterSeries::doubleClicked, this,
                [this](const QPointF& point) { showClusterRows(qRound(point.y())); });
    connect(m_recoverySeries, &QAbstractBarSeries::barsetsAdded, this, [this] {
        restyle();
        const QList<QBarSet*> sets = m_recoverySeries->barSets();
        for (QBarSet* set : sets)
            connect(set, &QBarSet::doubleClicked, this, [this](int index) {
                showClusterRows(m_recoveryRows->mapToSource(m_recoveryRows->index(index, 0)).row());
            });
    });
    connect(m_clusters, &QAbstractItemModel::modelReset, this, &IncidentsView::updateAxes);
    connect(m_timeline, &QAbstractItemModel::modelReset, this, &IncidentsView::updateAxes);

    setTheme(m_theme);
    m_subtitle->setText(tr("No workspace data yet"));
    m_empty->setText(emptyStateText());
    m_stack->setCurrentWidget(m_empty);
}

bool IncidentsView::isEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QList<ViewChart> IncidentsView::charts() const
{
    if (isEmptyState())
        return {};
    return { { tr("Timeline of the largest repeat-incident clusters"), m_timelineView },
             { tr("Median recovery per cluster (hours)"), m_recoveryView } };
}

QString IncidentsView::emptyStateText() const
{
    if (viewData().workspaceEmpty)
        return tr("This workspace holds no data yet.\n\nImport incidents to fill Incidents: "
                  "faultline import incidents <files>");
    return tr("No incidents started in this period for these services.\n\nWiden the period or the services, "
              "or import incidents: faultline import incidents <files>");
}

void IncidentsView::showReport(const ViewData& data)
{
    m_subtitle->setText(data.filters.describe(data.anchorMs));
    const metrics::RepeatIncidents& repeats = data.report.repeats;
    const bool empty = data.workspaceEmpty || repeats.incidents == 0;
    m_empty->setText(emptyStateText());
    m_stack->setCurrentWidget(empty ? static_cast<QWidget*>(m_empty) : m_stack->widget(0));
    m_clusters->setResult(repeats);
    // One point per cluster and kTimelineBuckets-th of the period: the chart's resolution.
    const std::int64_t period = data.report.options.toMs - data.report.options.fromMs;
    m_timeline->setResult(data.reworkViews.incidents, std::max<std::int64_t>(1, period / kTimelineBuckets));
    updateSummary();
    showClusterDetails(0);
    m_drill->hide();
}

void IncidentsView::updateSummary()
{
    const metrics::RepeatIncidents& r = viewData().report.repeats;
    QString text = tr("Repeat rate %1: %2 repeats of %3 incidents in %4 clusters")
                       .arg(r.repeatRate ? models::percentText(*r.repeatRate) : tr("—"))
                       .arg(r.repeats)
                       .arg(r.incidents)
                       .arg(r.clusters.size())
                       .toHtmlEscaped();
    if (r.repeatRate)
        text += tr(" (95 % interval %1–%2)")
                    .arg(models::percentText(r.ci95.first), models::percentText(r.ci95.second))
                    .toHtmlEscaped();
    if (r.smallSample)
        text += QStringLiteral(" <span style=\"color:%1\">").arg(m_theme.warning.name())
            + tr("— small sample (fewer than %1 incidents)").arg(metrics::kSmallSample).toHtmlEscaped()
            + QStringLiteral("</span>");
    m_summary->setText(text);
}

void IncidentsView::updateAxes()
{
    const QStringList old = m_clusterAxis->categoriesLabels();
    for (const QString& label : old)
        m_clusterAxis->remove(label);
    const int shown = std::min(m_clusters->rowCount(), kChartClusters);
    QStringList labels;
    double longest = 0;
    for (int row = 0; row < shown; ++row) {
        // The cluster's number in the table: names do not fit beside a chart at presentation size.
        const QString label = QStringLiteral("#%1").arg(row + 1);
        labels << label;
        m_clusterAxis->append(label, row);
        longest
            = std::max(longest, m_clusters->index(row, RepeatClustersModel::RecoveryHours).data().toDouble());
    }
    m_clusterAxis->setStartValue(-0.5);
    m_clusterAxis->setRange(-0.5, std::max(0.5, shown - 0.5));
    std::reverse(labels.begin(), labels.end());
    m_recoveryClusters->setCategories(labels);
    m_recoveryHours->setRange(0, std::max(1.0, longest));
    m_recoveryHours->setTickCount(m_theme.scale > 1.2 ? 3 : 5);
    m_recoveryHours->applyNiceNumbers();
    m_recoveryHours->setLabelFormat(m_recoveryHours->max() < 10 ? QStringLiteral("%.1f")
                                                                : QStringLiteral("%.0f"));
    m_timeAxis->setTickCount(m_theme.scale > 1.2 ? 4 : 6);

    const auto& rows = m_timeline->result();
    std::int64_t from = viewData().report.options.fromMs;
    std::int64_t to = viewData().report.options.toMs;
    if (to <= from && !rows.empty()) {
        from = rows.front().createdAt;
        to = rows.back().createdAt + 1;
    }
    if (to > from)
        m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(from, QTimeZone::utc()),
                             QDateTime::fromMSecsSinceEpoch(to, QTimeZone::utc()));
}

void IncidentsView::showClusterRows(int cluster)
{
    if (cluster < 0 || cluster >= m_clusters->rowCount())
        return;
    const metrics::RepeatIncidentCluster& c = m_clusters->clusters()[size_t(cluster)];
    const auto rows = IncidentTimelineModel::inCluster(m_timeline->result(), cluster);
    m_drillRows->setResult(rows);
    m_drill->showRows(tr("Incidents of cluster \"%1\" (%2, %3)")
                          .arg(c.fingerprint, c.service.isEmpty() ? tr("no service") : c.service,
                               rows.size() == 1 ? tr("1 row") : tr("%1 rows").arg(rows.size())));
    showClusterDetails(cluster);
}

void IncidentsView::showClusterDetails(int cluster)
{
    m_detailsCluster = cluster;
    if (cluster < 0 || cluster >= m_clusters->rowCount()) {
        m_details->setText(tr("No cluster."));
        return;
    }
    const metrics::RepeatIncidentCluster& c = m_clusters->clusters()[size_t(cluster)];
    QString html = QStringLiteral("<b>%1</b> · %2<br/>")
                       .arg(c.fingerprint.toHtmlEscaped(),
                            (c.service.isEmpty() ? tr("no service") : c.service).toHtmlEscaped());
    if (c.deployments.isEmpty()) {
        html += tr("No linked deployments: link incidents to deployments (faultline link) or import "
                   "deployments (faultline import deploys <files>).")
                    .toHtmlEscaped();
    } else {
        const int shownDeployments = 6;
        html += tr("Deployments (%1): %2")
                    .arg(c.deployments.size())
                    .arg(c.deployments.mid(0, shownDeployments).join(QStringLiteral(", ")))
                    .toHtmlEscaped();
        if (c.deployments.size() > shownDeployments)
            html += tr(", … %1 more").arg(c.deployments.size() - shownDeployments).toHtmlEscaped();
        html += QStringLiteral("<br/>");
        html += (c.aiShare ? tr("AI share of their changes: %1 of %2 added lines")
                                 .arg(models::percentText(*c.aiShare))
                                 .arg(c.addedLines)
                           : tr("No added lines in their changesets"))
                    .toHtmlEscaped()
            + QStringLiteral("<br/>");
        const int shownFiles = 8;
        QStringList files = c.files.mid(0, shownFiles);
        html
            += tr("Files (%1): %2").arg(c.files.size()).arg(files.join(QStringLiteral(", "))).toHtmlEscaped();
        if (c.files.size() > shownFiles)
            html += tr(", … %1 more").arg(c.files.size() - shownFiles).toHtmlEscaped();
    }
    m_details->setText(html);
}

QString IncidentsView::detailsText() const
{
    return m_details->text();
}

bool IncidentsView::isDrillDownVisible() const
{
    return !m_drill->isHidden();
}

void IncidentsView::setTheme(const Theme& theme)
{
    m_theme = theme;
    restyle();
    updateSummary();
    updateAxes();
}

void IncidentsView::restyle()
{
    const Theme& t = m_theme;
    QPalette p = palette();
    p.setColor(QPalette::Window, t.window);
    p.setColor(QPalette::WindowText, t.text);
    p.setColor(QPalette::Base, t.base);
    p.setColor(QPalette::Text, t.text);
    setPalette(p);
    const QFont base = QWidget::font();
    m_title->setFont(scaledFont(base, 1.7 * t.scale, true));
    m_subtitle->setFont(scaledFont(base, t.scale));
    m_subtitle->setStyleSheet(QStringLiteral("color: %1;").arg(t.mutedText.name()));
    m_summary->setFont(scaledFont(base, t.scale));
    m_details->setFont(scaledFont(base, t.scale));
    m_empty->setFont(scaledFont(base, 1.2 * t.scale));
    m_empty->setStyleSheet(QStringLiteral("color: %1;").arg(t.mutedText.name()));
    m_cards.restyle(t, base);
    styleTable(m_table, t, base);
    m_drill->setTheme(t);
    styleChart(m_timelineView, t, base);
    styleChart(m_recoveryView, t, base);
    m_otherSeries->setColor(t.mutedText);
    m_otherSeries->setBorderColor(t.mutedText);
    m_otherSeries->setMarkerSize(8.0 * t.scale);
    // Not the warning colour: in the light theme it is an orange close to the AI-assisted one.
    m_repeatSeries->setColor(t.kind == ThemeKind::HighContrast ? t.warning : t.prsMerged);
    m_repeatSeries->setBorderColor(t.text);
    m_repeatSeries->setMarkerSize(12.0 * t.scale);
    const QList<QBarSet*> sets = m_recoverySeries->barSets();
    for (QBarSet* set : sets) {
        set->setColor(t.trend);
        set->setBorderColor(t.trend);
    }
}

} // namespace faultline::gui
