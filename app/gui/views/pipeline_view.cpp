#include "pipeline_view.h"

#include "models/flaky_results_model.h"
#include "models/pipeline_models.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTableView>
#include <QToolTip>
#include <QVBarModelMapper>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace faultline::gui {

using models::StageWeeksModel;

QColor stageColour(int index, const Theme& theme)
{
    // Teal, purple, green, crimson, brown, grey, olive, magenta: none near the AI orange or the
    // not-AI blue, all readable on light, dark and high-contrast backgrounds.
    static const QColor colours[]
        = { QColor(0x2a, 0x9d, 0x8f), QColor(0x8e, 0x6c, 0xc9), QColor(0x5a, 0xa4, 0x3f),
            QColor(0xc8, 0x3e, 0x62), QColor(0x9b, 0x76, 0x5a), QColor(0x8a, 0x8a, 0x8a),
            QColor(0xa8, 0xa8, 0x32), QColor(0xc0, 0x5c, 0xc0) };
    QColor colour = colours[size_t(index) % std::size(colours)];
    if (theme.kind == ThemeKind::Dark || theme.kind == ThemeKind::HighContrast)
        colour = colour.lighter(115);
    return colour;
}

PipelineView::PipelineView(QWidget* parent)
    : MetricViewBase(parent)
{
    m_stages = new models::StageTimingModel(this);
    m_weeks = new StageWeeksModel(this);
    m_cache = new models::CacheSavingsModel(this);
    m_slowJobs = new models::SlowJobsModel(this);
    m_slowSteps = new models::SlowJobsModel(this);
    m_slowSteps->setKind(models::SlowJobsModel::Kind::Steps);
    m_clusters = new models::CiClustersModel(this);
    m_flaky = new models::FlakyTestsModel(this);
    m_flakyRows = new models::FlakyResultsModel(this);
    m_drill = new models::JobRowsModel(this);
    setUpFrame(QStringLiteral("pipelineView"));

    auto* top = new QHBoxLayout;
    top->setSpacing(8);
    contentLayout()->addLayout(top, 5);

    // Stage timing per week: a view of the weeks model through a bar mapper, one bar set per stage.
    QFrame* chartCard = card(QStringLiteral("stageWeeksCard"), content());
    auto* chartLayout = new QVBoxLayout(chartCard);
    chartLayout->setContentsMargins(12, 8, 12, 6);
    auto* chartHeader = new QHBoxLayout;
    chartHeader->addWidget(heading(tr("Stages per week"), chartCard), 1);
    m_measure = new QComboBox(chartCard);
    m_measure->setObjectName(QStringLiteral("measureBox"));
    for (const auto measure : { StageWeeksModel::P50Minutes, StageWeeksModel::P90Minutes,
                                StageWeeksModel::CiMinutes, StageWeeksModel::EstimatedCost })
        m_measure->addItem(StageWeeksModel::measureName(measure), int(measure));
    m_measure->setToolTip(tr("Stage p50/p90 duration within a run attempt, CI minutes (job durations "
                             "summed) or estimated cost (minutes × runner rate), stacked per stage"));
    chartHeader->addWidget(m_measure);
    chartLayout->addLayout(chartHeader);
    m_chartNote = note(chartCard);
    m_chartNote->setObjectName(QStringLiteral("stageWeeksNote"));
    chartLayout->addWidget(m_chartNote);
    auto* chart = new QChart;
    m_series = new QStackedBarSeries(chart);
    chart->addSeries(m_series);
    m_weeksAxis = new QBarCategoryAxis(chart);
    m_valueAxis = new QValueAxis(chart);
    chart->addAxis(m_weeksAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_series->attachAxis(m_weeksAxis);
    m_series->attachAxis(m_valueAxis);
    m_mapper = new QVBarModelMapper(this);
    m_mapper->setFirstBarSetColumn(0);
    m_mapper->setLastBarSetColumn(-1);
    m_mapper->setSeries(m_series);
    m_mapper->setModel(m_weeks);
    QChartView* chartView = m_chartView
        = this->chartView(chart, QStringLiteral("stageWeeksChart"), chartCard);
    // Eight stage names side by side would be elided in a card this wide: list them beside the plot.
    chart->legend()->setAlignment(Qt::AlignRight);
    registerCategoryAxis(m_weeksAxis, chartView);
    registerAxis(m_valueAxis);
    chartLayout->addWidget(chartView, 1);
    top->addWidget(chartCard, 4);
    connect(m_weeks, &QAbstractItemModel::modelReset, this, &PipelineView::updateChart);
    connect(m_series, &QAbstractBarSeries::barsetsAdded, this, [this] { restyleContent(); });
    connect(m_measure, &QComboBox::currentIndexChanged, this,
            [this] { m_weeks->setMeasure(StageWeeksModel::Measure(m_measure->currentData().toInt())); });
    connect(m_series, &QAbstractBarSeries::hovered, this, [this](bool on, int index, QBarSet* set) {
        const int column = int(m_series->barSets().indexOf(set));
        if (on && column >= 0 && index < m_weeks->rowCount())
            QToolTip::showText(QCursor::pos(),
                               m_weeks->index(index, column).data(Qt::ToolTipRole).toString()
                                   + QLatin1Char('\n') + tr("Double-click for the jobs."));
        else
            QToolTip::hideText();
    });
    connect(m_series, &QAbstractBarSeries::doubleClicked, this, [this](int index, QBarSet* set) {
        showWeekStageJobs(index, int(m_series->barSets().indexOf(set)));
    });

    QFrame* stageCard = card(QStringLiteral("stageTableCard"), content());
    auto* stageLayout = new QVBoxLayout(stageCard);
    stageLayout->setContentsMargins(12, 8, 12, 8);
    stageLayout->addWidget(heading(tr("Stage timing, queue, failures and retries"), stageCard));
    m_summary = note(stageCard);
    m_summary->setObjectName(QStringLiteral("ciMinutesSummary"));
    stageLayout->addWidget(m_summary);
    m_stageTable = table(m_stages, QStringLiteral("stageTable"), stageCard);
    m_stageTable->horizontalHeader()->setStretchLastSection(false);
    stageLayout->addWidget(m_stageTable, 1);
    top->addWidget(stageCard, 7);
    connect(m_stageTable, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { showStageJobs(index.row()); });

    m_tabs = new QTabWidget(content());
    m_tabs->setObjectName(QStringLiteral("pipelineTabs"));
    QTableView* slow = table(m_slowJobs, QStringLiteral("slowJobsTable"), m_tabs);
    QTableView* slowSteps = table(m_slowSteps, QStringLiteral("slowStepsTable"), m_tabs);
    QTableView* cache = table(m_cache, QStringLiteral("cacheTable"), m_tabs);
    QTableView* clusters = table(m_clusters, QStringLiteral("ciClustersTable"), m_tabs);
    QTableView* flaky = table(m_flaky, QStringLiteral("flakyTable"), m_tabs);
    clusters->horizontalHeader()->setStretchLastSection(false);
    clusters->horizontalHeader()->setSectionResizeMode(models::CiClustersModel::ErrorLine,
                                                       QHeaderView::Stretch);
    slow->horizontalHeader()->setStretchLastSection(false);
    slow->horizontalHeader()->setSectionResizeMode(models::SlowJobsModel::Job, QHeaderView::Stretch);
    slowSteps->horizontalHeader()->setStretchLastSection(false);
    slowSteps->horizontalHeader()->setSectionResizeMode(models::SlowJobsModel::Job, QHeaderView::Stretch);
    cache->horizontalHeader()->setStretchLastSection(false);
    cache->horizontalHeader()->setSectionResizeMode(models::CacheSavingsModel::Step, QHeaderView::Stretch);
    flaky->horizontalHeader()->setStretchLastSection(false);
    flaky->horizontalHeader()->setSectionResizeMode(models::FlakyTestsModel::Test, QHeaderView::Stretch);
    m_tabs->addTab(slowSteps, tr("Slowest steps"));
    m_tabs->addTab(slow, tr("Slowest jobs"));
    m_tabs->addTab(cache, tr("Cache hits and misses"));
    m_tabs->addTab(clusters, tr("CI failure clusters"));
    m_tabs->addTab(flaky, tr("Flaky tests"));
    contentLayout()->addWidget(m_tabs, 4);
    connect(slow, &QTableView::doubleClicked, this,
            [this](const QModelIndex& i) { showSlowJobRuns(i.row()); });
    connect(flaky, &QTableView::doubleClicked, this,
            [this](const QModelIndex& i) { showFlakyResults(i.row()); });
    connect(slowSteps, &QTableView::doubleClicked, this,
            [this](const QModelIndex& i) { showSlowStepJobs(i.row()); });
    connect(cache, &QTableView::doubleClicked, this,
            [this](const QModelIndex& i) { showCacheJobs(i.row()); });
    connect(clusters, &QTableView::doubleClicked, this,
            [this](const QModelIndex& i) { showClusterJobs(i.row()); });

    setTheme(theme());
}

QList<ViewChart> PipelineView::charts() const
{
    if (isEmptyState())
        return {};
    return { { tr("Stages per week: %1").arg(m_measure->currentText()), m_chartView } };
}

QString PipelineView::emptyStateText() const
{
    if (viewData().workspaceEmpty)
        return tr("This workspace holds no data yet.\n\nImport CI runs to fill the Pipeline view: "
                  "faultline import ci <files> (GitHub Actions, GitLab, Jenkins, CircleCI exports, logs "
                  "and JUnit reports).");
    return tr("No CI jobs in this period.\n\nWiden the period, or import CI runs for it: "
              "faultline import ci <files>.");
}

void PipelineView::showReport(const ViewData& data)
{
    const bool hasJobs = data.pipeline && !data.pipeline->jobsById.empty();
    const bool empty = data.workspaceEmpty
        || (!hasJobs && data.report.pipeline.stages.empty() && data.report.ciFailures.clusters.empty()
            && data.report.ciFailures.flakyTests.empty());
    static const metrics::StageWeeks none;
    const metrics::StageWeeks& weeks = data.pipeline ? data.pipeline->weeks : none;
    m_stages->setResult(data.report.pipeline, weeks);
    m_weeks->setResult(weeks);
    m_cache->setResult(data.report.pipeline.cache);
    m_slowJobs->setResult(weeks.slowest);
    m_slowSteps->setResult(data.pipeline ? data.pipeline->slowSteps : std::vector<metrics::SlowJob> {});
    m_clusters->setResult(data.report.ciFailures);
    m_flaky->setResult(data.report.ciFailures);
    // Without runner rates the cost column would be a column of dashes (the summary says why).
    m_stageTable->setColumnHidden(models::StageTimingModel::Cost,
                                  !data.report.pipeline.ciMinutes.estimatedCost);
    m_stageTable->resizeColumnsToContents();
    m_stageTable->horizontalHeader()->setSectionResizeMode(models::StageTimingModel::Stage,
                                                           QHeaderView::Stretch);
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto* view = qobject_cast<QTableView*>(m_tabs->widget(i)))
            view->resizeColumnsToContents();
    updateSummary();
    hideDrillDown();
    setEmpty(empty, data.filters.describe(data.anchorMs) + tr(" · CI runs of every service"));
}

void PipelineView::updateSummary()
{
    const metrics::CiMinutes& minutes = viewData().report.pipeline.ciMinutes;
    QString text = tr("%1 CI minutes").arg(QString::number(minutes.total, 'f', 0));
    if (minutes.estimatedCost)
        text += tr(" · estimated cost %1").arg(QString::number(*minutes.estimatedCost, 'f', 2));
    else
        text += tr(" · no cost: set runner rates (workspace setting metrics.runner_rates)");
    if (!minutes.unpricedRunners.empty()) {
        QStringList runners;
        for (const QString& runner : minutes.unpricedRunners)
            runners << runner;
        text += tr(" · no rate for %1").arg(runners.join(QStringLiteral(", ")));
    }
    text += tr(" · %1 failed jobs with a fingerprint, %2 flaky results")
                .arg(viewData().report.ciFailures.failedJobs)
                .arg(viewData().report.ciFailures.flakyResults);
    m_summary->setText(text);
    m_summary->setToolTip(tr("CI minutes = job durations summed (billable time where the export has it); "
                             "estimated cost = minutes × a per-runner-label rate from settings."));
}

void PipelineView::updateChart()
{
    m_mapper->setLastBarSetColumn(m_weeks->columnCount() - 1);
    m_weeksAxis->setCategories(m_weeks->weekLabels());
    double highest = 0;
    int thinWeeks = 0;
    for (int row = 0; row < m_weeks->rowCount(); ++row) {
        double sum = 0;
        bool thin = false;
        for (int column = 0; column < m_weeks->columnCount(); ++column) {
            sum += m_weeks->index(row, column).data().toDouble();
            thin = thin
                || (m_weeks->index(row, column).data().toDouble() > 0
                    && m_weeks->index(row, column).data(models::MetricTableModel::SmallSampleRole).toBool());
        }
        highest = std::max(highest, sum);
        thinWeeks += thin ? 1 : 0;
    }
    m_valueAxis->setRange(0, std::max(1.0, highest));
    m_valueAxis->applyNiceNumbers();
    const auto measure = m_weeks->measure();
    m_valueAxis->setLabelFormat(measure == StageWeeksModel::EstimatedCost ? QStringLiteral("%.2f")
                                                                          : QStringLiteral("%.0f"));
    m_valueAxis->setTitleText(measure == StageWeeksModel::EstimatedCost   ? tr("cost")
                                  : measure == StageWeeksModel::CiMinutes ? tr("CI minutes")
                                                                          : tr("minutes"));
    QString noteText;
    if (measure == StageWeeksModel::EstimatedCost
        && (!viewData().pipeline || viewData().pipeline->ratePerMinute.isEmpty()))
        noteText
            = tr("No runner rates set: add metrics.runner_rates to the workspace settings to see costs.");
    else if ((measure == StageWeeksModel::P50Minutes || measure == StageWeeksModel::P90Minutes)
             && thinWeeks > 0)
        noteText = tr("%1 of %2 weeks have a stage with fewer than 20 run attempts: too few to compare (see "
                      "the tooltips for n).")
                       .arg(thinWeeks)
                       .arg(m_weeks->rowCount());
    m_chartNote->setText(noteText);
    m_chartNote->setVisible(!noteText.isEmpty());
    m_chartNote->setStyleSheet(QStringLiteral("color: %1;").arg(theme().warning.name()));
    updateCategoryLabels();
}

void PipelineView::restyleContent()
{
    const Theme& t = theme();
    const QList<QBarSet*> sets = m_series->barSets();
    for (int i = 0; i < sets.size(); ++i) {
        const QColor colour = stageColour(i, t);
        sets[i]->setColor(colour);
        sets[i]->setBorderColor(t.base);
    }
    const QFont base = QWidget::font();
    m_measure->setFont(scaledFont(base, 0.95 * t.scale));
    m_tabs->setFont(scaledFont(base, 0.95 * t.scale));
    m_chartNote->setStyleSheet(QStringLiteral("color: %1;").arg(t.warning.name()));
}

void PipelineView::onDrillDownShown(bool shown)
{
    m_tabs->setVisible(!shown);
}

void PipelineView::showJobs(const std::vector<std::int64_t>& ids, const QString& reason, const QString& title)
{
    const std::shared_ptr<const PipelineViewData> data = viewData().pipeline;
    m_drill->setRows(models::describeJobs(
        ids, [&data](std::int64_t id) { return data ? data->job(id) : nullptr; }, reason));
    showDrillDownModel(
        m_drill, tr("%1 — %2").arg(title, ids.size() == 1 ? tr("1 job") : tr("%1 jobs").arg(ids.size())),
        models::JobRowsModel::Reason);
}

void PipelineView::showStageJobs(int row)
{
    if (row < 0 || row >= m_stages->rowCount())
        return;
    const metrics::StageTiming& stage = m_stages->stage(row);
    showJobs(stage.jobIds, tr("job of stage %1 in the period").arg(stage.stage),
             tr("Jobs behind stage %1").arg(stage.stage));
}

void PipelineView::showWeekStageJobs(int week, int column)
{
    const metrics::StageWeeks& weeks = m_weeks->result();
    if (week < 0 || size_t(week) >= weeks.mondays.size() || column < 0
        || size_t(column) >= weeks.stages.size())
        return;
    const QString stage = weeks.stages[size_t(column)];
    const QString label = m_weeks->index(week, column).data(StageWeeksModel::WeekLabelRole).toString();
    showJobs(weeks.cells[size_t(week)][size_t(column)].jobIds,
             tr("job of stage %1 started in the week of %2").arg(stage, label),
             tr("Jobs behind %1 in the week of %2").arg(stage, label));
}

void PipelineView::showSlowJobRuns(int row)
{
    if (row < 0 || row >= m_slowJobs->rowCount())
        return;
    const metrics::SlowJob& job = m_slowJobs->job(row);
    showJobs(job.jobIds, tr("a run of job \"%1\"").arg(job.name), tr("Runs of job %1").arg(job.name));
}

void PipelineView::showSlowStepJobs(int row)
{
    if (row < 0 || row >= m_slowSteps->rowCount())
        return;
    const metrics::SlowJob& step = m_slowSteps->job(row);
    showJobs(step.jobIds, tr("a job that ran step \"%1\"").arg(step.name),
             tr("Jobs with step %1").arg(step.name));
}

void PipelineView::showFlakyResults(int row)
{
    if (row < 0 || row >= m_flaky->rowCount())
        return;
    const metrics::FlakyTest& test = m_flaky->test(row);
    const std::shared_ptr<const PipelineViewData> data = viewData().pipeline;
    std::vector<store::FlakyResultFact> rows;
    for (const std::int64_t id : test.resultIds)
        if (const store::FlakyResultFact* r = data ? data->flakyResult(id) : nullptr)
            rows.push_back(*r);
    const int n = int(rows.size());
    m_flakyRows->setRows(std::move(rows));
    showDrillDownModel(
        m_flakyRows,
        tr("%1 — %2").arg(test.test, n == 1 ? tr("1 flaky result") : tr("%1 flaky results").arg(n)),
        models::FlakyResultsModel::Reason);
}

void PipelineView::showCacheJobs(int row)
{
    if (row < 0 || row >= m_cache->rowCount())
        return;
    const metrics::CacheSaving& saving = m_cache->saving(row);
    showJobs(saving.jobIds, tr("its step \"%1\" (or log) showed a cache restore").arg(saving.step),
             tr("Jobs behind the cache of %1").arg(saving.step));
}

void PipelineView::showClusterJobs(int row)
{
    if (row < 0 || row >= m_clusters->rowCount())
        return;
    const metrics::CiFailureCluster& cluster = m_clusters->cluster(row);
    showJobs(cluster.jobIds,
             tr("failed with fingerprint cluster %1: %2").arg(cluster.fingerprint, cluster.errorLine),
             tr("Failures of %1").arg(cluster.job));
}

} // namespace faultline::gui
