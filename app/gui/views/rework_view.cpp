#include "rework_view.h"

#include "gui/views/drill_panel.h"
#include "gui/views/treemap_widget.h"
#include "gui/views/view_style.h"
#include "models/churn_rows_model.h"
#include "models/hotspots_model.h"
#include "models/present_rows_proxy.h"
#include "models/rework_text.h"
#include "models/rework_weeks_model.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QLineSeries>
#include <QStackedWidget>
#include <QTableView>
#include <QTimeZone>
#include <QVBarModelMapper>
#include <QVBoxLayout>
#include <QVXYModelMapper>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace faultline::gui {

using models::HotspotsModel;
using models::ReworkWeeksModel;

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

QString segmentSummary(const QString& name, const metrics::ReworkSegment& s)
{
    QString text = name + QStringLiteral(" ");
    text += s.churnRate ? models::percentText(*s.churnRate) : QObject::tr("—");
    text += QObject::tr(" (%1 of %2 lines, n = %3 commits)")
                .arg(s.churnedLines)
                .arg(s.addedLines)
                .arg(s.commits);
    if (s.tooFewToCompare)
        text += QObject::tr(" — too few to compare");
    return text;
}

} // namespace

ReworkView::ReworkView(QWidget* parent)
    : View(parent)
{
    setObjectName(QStringLiteral("reworkView"));
    setAutoFillBackground(true);
    m_hotspots = new HotspotsModel(this);
    m_proxy = new models::HotspotFilterProxy(this);
    m_proxy->setSourceModel(m_hotspots);
    m_weeks = new ReworkWeeksModel(this);
    m_drillRows = new models::ChurnRowsModel(this);

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
    m_empty->setObjectName(QStringLiteral("reworkEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setMargin(40);
    m_stack->addWidget(content);
    m_stack->addWidget(m_empty);

    m_summary = new QLabel(content);
    m_summary->setObjectName(QStringLiteral("reworkSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    contentLayout->addWidget(m_summary);

    auto* charts = new QHBoxLayout;
    charts->setSpacing(8);
    contentLayout->addLayout(charts, 5);

    // Top files: the first kTopFiles hotspot rows, churned lines split by the origin commit's segment.
    QFrame* top = m_cards.card(this, QStringLiteral("topFilesCard"));
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(10, 8, 10, 6);
    topLayout->addWidget(m_cards.heading(tr("Top files by churned lines"), top));
    auto* topChart = new QChart;
    m_topSeries = new QHorizontalStackedBarSeries(topChart);
    topChart->addSeries(m_topSeries);
    m_topFilesAxis = new QBarCategoryAxis(topChart);
    m_topLinesAxis = new QValueAxis(topChart);
    m_topLinesAxis->setLabelFormat(QStringLiteral("%d"));
    topChart->addAxis(m_topFilesAxis, Qt::AlignLeft);
    topChart->addAxis(m_topLinesAxis, Qt::AlignBottom);
    m_topSeries->attachAxis(m_topFilesAxis);
    m_topSeries->attachAxis(m_topLinesAxis);
    m_topMapper = new QVBarModelMapper(this);
    m_topMapper->setFirstBarSetColumn(HotspotsModel::AiChurnedLines);
    m_topMapper->setLastBarSetColumn(HotspotsModel::NotAiChurnedLines);
    m_topRows = new models::ReversedTopRowsProxy(kTopFiles, this);
    m_topRows->setSourceModel(m_hotspots);
    m_topMapper->setSeries(m_topSeries);
    m_topMapper->setModel(m_topRows);
    m_topView = chartView(topChart, QStringLiteral("topFilesChart"), top);
    m_topView->setToolTip(models::churnDefinition(14));
    topLayout->addWidget(m_topView, 1);
    charts->addWidget(top, 1);

    // Churn rate per week, AI-assisted vs not: two lines over the weeks model, each through a proxy
    // that drops the weeks without a rate (a gap, not a drop to zero).
    QFrame* weekly = m_cards.card(this, QStringLiteral("weeklyChurnCard"));
    auto* weeklyLayout = new QVBoxLayout(weekly);
    weeklyLayout->setContentsMargins(10, 8, 10, 6);
    weeklyLayout->addWidget(m_cards.heading(tr("Churn rate per week (%)"), weekly));
    auto* weeklyChart = new QChart;
    m_weeksAxis = new QDateTimeAxis(weeklyChart);
    m_weeksAxis->setFormat(QStringLiteral("MMM d"));
    m_rateAxis = new QValueAxis(weeklyChart);
    m_rateAxis->setLabelFormat(QStringLiteral("%d"));
    weeklyChart->addAxis(m_weeksAxis, Qt::AlignBottom);
    weeklyChart->addAxis(m_rateAxis, Qt::AlignLeft);
    const auto addLine = [&](ReworkWeeksModel::Column column, const QString& name,
                             models::PresentRowsProxy*& proxy, QVXYModelMapper*& mapper) {
        auto* series = new QLineSeries(weeklyChart);
        series->setName(name);
        series->setPointsVisible(true);
        weeklyChart->addSeries(series);
        series->attachAxis(m_weeksAxis);
        series->attachAxis(m_rateAxis);
        proxy = new models::PresentRowsProxy(column, this);
        proxy->setSourceModel(m_weeks);
        mapper = new QVXYModelMapper(this);
        mapper->setXColumn(ReworkWeeksModel::WeekStart);
        mapper->setYColumn(column);
        mapper->setSeries(series);
        mapper->setModel(proxy);
        connect(series, &QLineSeries::doubleClicked, this, [this, column](const QPointF& point) {
            for (int row = 0; row < m_weeks->rowCount(); ++row)
                if (std::abs(m_weeks->index(row, ReworkWeeksModel::WeekStart).data().toDouble() - point.x())
                    < 3.5 * 86400000.0) {
                    showWeekRows(row, column == ReworkWeeksModel::AiChurnRate);
                    return;
                }
        });
        return series;
    };
    m_aiWeekly = addLine(ReworkWeeksModel::AiChurnRate, tr("AI-assisted"), m_aiWeeks, m_aiWeeklyMapper);
    m_notAiWeekly
        = addLine(ReworkWeeksModel::NotAiChurnRate, tr("Not AI-assisted"), m_notAiWeeks, m_notAiWeeklyMapper);
    m_weeklyView = chartView(weeklyChart, QStringLiteral("weeklyChurnChart"), weekly);
    weeklyLayout->addWidget(m_weeklyView, 1);
    charts->addWidget(weekly, 1);

    auto* lower = new QHBoxLayout;
    lower->setSpacing(8);
    contentLayout->addLayout(lower, 6);

    QFrame* treemapCard = m_cards.card(this, QStringLiteral("treemapCard"));
    auto* treemapLayout = new QVBoxLayout(treemapCard);
    treemapLayout->setContentsMargins(10, 8, 10, 8);
    m_treemapHeading
        = m_cards.heading(tr("Directories: size = lines at head, colour = churn rate"), treemapCard);
    treemapLayout->addWidget(m_treemapHeading);
    m_treemapNote = new QLabel(treemapCard);
    m_treemapNote->setObjectName(QStringLiteral("treemapNote"));
    m_treemapNote->setWordWrap(true);
    treemapLayout->addWidget(m_treemapNote);
    m_treemap = new TreemapWidget(treemapCard);
    treemapLayout->addWidget(m_treemap, 1);
    lower->addWidget(treemapCard, 2);

    QFrame* tableCard = m_cards.card(this, QStringLiteral("hotspotsCard"));
    auto* tableLayout = new QVBoxLayout(tableCard);
    tableLayout->setContentsMargins(10, 8, 10, 8);
    auto* tableHeader = new QHBoxLayout;
    tableHeader->addWidget(m_cards.heading(tr("Rework hotspots"), tableCard), 1);
    m_filter = new QLineEdit(tableCard);
    m_filter->setObjectName(QStringLiteral("hotspotFilter"));
    m_filter->setPlaceholderText(tr("Filter by path"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Shows the files whose path contains the text"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &models::HotspotFilterProxy::setPathFilter);
    tableHeader->addWidget(m_filter, 1);
    tableLayout->addLayout(tableHeader);
    m_table = new QTableView(tableCard);
    m_table->setObjectName(QStringLiteral("hotspotTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(HotspotsModel::ChurnedLines, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->setColumnHidden(HotspotsModel::AiChurnedLines, true);
    m_table->setColumnHidden(HotspotsModel::NotAiChurnedLines, true);
    m_table->setColumnHidden(HotspotsModel::Repository, true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(HotspotsModel::Path, QHeaderView::Stretch);
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { showFileRows(m_proxy->mapToSource(index).row()); });
    tableLayout->addWidget(m_table, 1);
    lower->addWidget(tableCard, 3);

    m_drill = new DrillPanel(QStringLiteral("drillDownPanel"), m_drillRows, models::ChurnRowsModel::Reason,
                             content);
    m_cards.add(m_drill);
    contentLayout->addWidget(m_drill, 5);

    connect(m_treemap, &TreemapWidget::directoryActivated, this, &ReworkView::showDirectoryRows);
    // The mappers recreate their bar sets on every reset: colour and connect them as they arrive.
    connect(m_topSeries, &QAbstractBarSeries::barsetsAdded, this, [this] {
        restyle();
        const QList<QBarSet*> sets = m_topSeries->barSets();
        for (QBarSet* set : sets)
            connect(set, &QBarSet::doubleClicked, this, [this](int index) {
                showFileRows(m_topRows->mapToSource(m_topRows->index(index, 0)).row());
            });
    });
    connect(m_hotspots, &QAbstractItemModel::modelReset, this, &ReworkView::updateAxes);
    connect(m_weeks, &QAbstractItemModel::modelReset, this, &ReworkView::updateAxes);

    setTheme(m_theme);
    m_subtitle->setText(tr("No workspace data yet"));
    m_empty->setText(emptyStateText());
    m_stack->setCurrentWidget(m_empty);
}

bool ReworkView::isEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QList<ViewChart> ReworkView::charts() const
{
    if (isEmptyState())
        return {};
    return { { tr("Churn rate per week (%)"), m_weeklyView },
             { tr("Top files by churned lines"), m_topView },
             { m_treemapHeading->text(), m_treemap } };
}

QString ReworkView::emptyStateText() const
{
    if (viewData().workspaceEmpty)
        return tr("This workspace holds no data yet.\n\nImport git history to fill Rework: "
                  "faultline import git <repository>");
    return tr("No commits of an imported git history fall in this period.\n\nWiden the period, or import "
              "git history: faultline import git <repository>");
}

void ReworkView::showReport(const ViewData& data)
{
    m_subtitle->setText(data.filters.describe(data.anchorMs));
    const metrics::CodeRework& rework = data.report.rework;
    const bool empty = data.workspaceEmpty || rework.all.commits == 0;
    m_empty->setText(emptyStateText());
    m_stack->setCurrentWidget(empty ? static_cast<QWidget*>(m_empty) : m_stack->widget(0));
    m_hotspots->setResult(rework);
    m_weeks->setResult(rework, data.report.options.fromMs, data.report.options.toMs);
    m_treemap->setTiles(data.reworkViews.directories, data.reworkViews.sizedByHeadLines,
                        rework.churnWindowDays);
    m_topView->setToolTip(models::churnDefinition(rework.churnWindowDays));
    m_weeklyView->setToolTip(models::churnDefinition(rework.churnWindowDays));
    updateSummary();
    m_drill->hide();
}

void ReworkView::updateSummary()
{
    const metrics::CodeRework& r = viewData().report.rework;
    const QString warn = m_theme.warning.name();
    const auto line
        = [&](const QString& name, const metrics::ReworkSegment& s, const QColor& colour) -> QString {
        const QString text = segmentSummary(name, s).toHtmlEscaped();
        return QStringLiteral("<span style=\"color:%1\">■</span> ").arg(colour.name())
            + (s.tooFewToCompare ? QStringLiteral("<span style=\"color:%1\">%2</span>").arg(warn, text)
                                 : text);
    };
    m_summary->setText(tr("Churn rate within %1 days:").arg(r.churnWindowDays) + QStringLiteral(" ")
                       + line(tr("AI-assisted"), r.ai, Theme::aiColour()) + QStringLiteral(" &nbsp; ")
                       + line(tr("not AI-assisted"), r.notAi, Theme::notAiColour())
                       + QStringLiteral(" &nbsp; ") + tr("%1 files with churn").arg(r.hotspotFiles));
    m_summary->setToolTip(models::churnDefinition(r.churnWindowDays));
    const bool noChurn = r.all.churnedLines == 0;
    QString note;
    m_treemapHeading->setText(viewData().reworkViews.sizedByHeadLines
                                  ? tr("Directories: size = lines at head, colour = churn rate")
                                  : tr("Directories: size = lines added, colour = churn rate"));
    if (!viewData().reworkViews.sizedByHeadLines)
        note = tr(
            "No file contents at head were imported: directories are sized by lines added in the period.");
    if (noChurn)
        note += (note.isEmpty() ? QString() : QStringLiteral(" "))
            + tr("No churn in this period: no line was rewritten within %1 days.").arg(r.churnWindowDays);
    m_treemapNote->setText(note);
    m_treemapNote->setVisible(!note.isEmpty());
}

void ReworkView::updateAxes()
{
    QStringList files;
    double widest = 0;
    for (int row = 0; row < m_topRows->rowCount(); ++row) {
        // The file name only: the folder is in the table and the tooltip, and long labels get elided.
        QString name = m_topRows->index(row, HotspotsModel::Path).data(HotspotsModel::PathRole).toString();
        name = name.section(QLatin1Char('/'), -1);
        if (name.size() > 24)
            name = QStringLiteral("…") + name.right(23);
        while (files.contains(name)) // categories must be unique
            name += QLatin1Char(' ');
        files << name;
        widest = std::max(widest, m_topRows->index(row, HotspotsModel::ChurnedLines).data().toDouble());
    }
    m_topFilesAxis->setCategories(files);
    m_topLinesAxis->setRange(0, std::max(1.0, widest));
    m_topLinesAxis->applyNiceNumbers();

    double highest = 0;
    for (int row = 0; row < m_weeks->rowCount(); ++row)
        for (int column : { int(ReworkWeeksModel::AiChurnRate), int(ReworkWeeksModel::NotAiChurnRate) })
            highest = std::max(highest, m_weeks->index(row, column).data().toDouble());
    m_rateAxis->setRange(0, std::max(5.0, highest));
    m_rateAxis->applyNiceNumbers();
    const std::int64_t from = viewData().report.options.fromMs;
    const std::int64_t to = viewData().report.options.toMs;
    if (to > from)
        m_weeksAxis->setRange(QDateTime::fromMSecsSinceEpoch(from, QTimeZone::utc()),
                              QDateTime::fromMSecsSinceEpoch(to, QTimeZone::utc()));
    m_weeksAxis->setTickCount(m_theme.scale > 1.2 ? 4 : 6);
}

void ReworkView::showFileRows(int hotspotRow)
{
    if (hotspotRow < 0 || hotspotRow >= m_hotspots->rowCount())
        return;
    const metrics::ReworkHotspot& h = m_hotspots->hotspots()[size_t(hotspotRow)];
    const auto rows = models::ChurnRowsModel::inFile(viewData().report.rework.contributing, h.repoId, h.path);
    m_drillRows->setResult(rows, viewData().report.rework.churnWindowDays);
    m_drill->showRows(tr("Churn rows of %1 (%2)")
                          .arg(h.path, rows.size() == 1 ? tr("1 row") : tr("%1 rows").arg(rows.size())));
}

void ReworkView::showDirectoryRows(const QString& directory)
{
    const auto rows = models::ChurnRowsModel::inDirectory(viewData().report.rework.contributing, directory);
    m_drillRows->setResult(rows, viewData().report.rework.churnWindowDays);
    m_drill->showRows(tr("Churn rows in %1 (%2)")
                          .arg(directory.isEmpty() ? tr("the repository root") : directory + QLatin1Char('/'),
                               rows.size() == 1 ? tr("1 row") : tr("%1 rows").arg(rows.size())));
}

void ReworkView::showWeekRows(int week, bool ai)
{
    if (week < 0 || week >= m_weeks->rowCount())
        return;
    const QString monday = m_weeks->weeks()[week];
    const auto rows = models::ChurnRowsModel::inWeek(viewData().report.rework.contributing, monday, ai);
    m_drillRows->setResult(rows, viewData().report.rework.churnWindowDays);
    m_drill->showRows(tr("Churn rows of %1 commits authored in the week of %2 (%3)")
                          .arg(ai ? tr("AI-assisted") : tr("not AI-assisted"), monday,
                               rows.size() == 1 ? tr("1 row") : tr("%1 rows").arg(rows.size())));
}

bool ReworkView::isDrillDownVisible() const
{
    return !m_drill->isHidden();
}

void ReworkView::setTheme(const Theme& theme)
{
    m_theme = theme;
    restyle();
    updateSummary();
}

void ReworkView::restyle()
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
    m_empty->setFont(scaledFont(base, 1.2 * t.scale));
    m_empty->setStyleSheet(QStringLiteral("color: %1;").arg(t.mutedText.name()));
    m_cards.restyle(t, base);
    m_treemapNote->setFont(scaledFont(base, 0.9 * t.scale));
    m_treemapNote->setStyleSheet(QStringLiteral("color: %1;").arg(t.warning.name()));
    m_filter->setFont(scaledFont(base, t.scale));
    styleTable(m_table, t, base);
    m_drill->setTheme(t);
    m_treemap->setTheme(t);
    styleChart(m_topView, t, base);
    styleChart(m_weeklyView, t, base);
    // At presentation size eight file names need the legend's height; the summary line above the
    // charts carries the two colours with their names.
    m_topView->chart()->legend()->setVisible(t.scale <= 1.2);
    // Fewer, larger rows at presentation size: eight file names do not fit the chart's height.
    m_topRows->setCount(t.scale > 1.2 ? kTopFiles / 2 + 1 : kTopFiles);
    for (int column : { int(HotspotsModel::Commits), int(HotspotsModel::AddedLines) })
        m_table->setColumnHidden(column, t.scale > 1.2);
    m_topFilesAxis->setLabelsFont(scaledFont(base, 0.8 * std::min(t.scale, 1.25)));
    const auto colour = [](const QList<QBarSet*>& sets) {
        for (int i = 0; i < sets.size(); ++i) {
            const QColor c = i == 0 ? Theme::aiColour() : Theme::notAiColour();
            sets[i]->setColor(c);
            sets[i]->setBorderColor(c);
        }
    };
    colour(m_topSeries->barSets());
    for (QLineSeries* series : { m_aiWeekly, m_notAiWeekly }) {
        QPen pen(series == m_aiWeekly ? Theme::aiColour() : Theme::notAiColour());
        pen.setWidthF(t.lineWidth());
        series->setPen(pen);
    }
    updateAxes();
}

} // namespace faultline::gui
