#include "gui/filter_state.h"
#include "gui/theme.h"
#include "gui/views/leadtime_view.h"
#include "gui/views/pipeline_data.h"
#include "gui/views/pipeline_view.h"
#include "gui/views/view_factory.h"
#include "metrics/lead_time_histogram.h"
#include "metrics/metrics_report.h"
#include "metrics/pipeline_metrics.h"
#include "metrics/stage_weeks.h"
#include "models/contributions_model.h"
#include "models/flaky_results_model.h"
#include "models/formatted_text_proxy.h"
#include "models/lead_time_models.h"
#include "models/pipeline_models.h"
#include "overview_fixture.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBarSet>
#include <QComboBox>
#include <QDateTime>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <stdexcept>

using namespace faultline;
using faultline::models::MetricTableModel;
using faultline::test::S;

namespace {

constexpr std::int64_t kMinute = 60LL * 1000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
// 2026-03-02T00:00:00Z, a Monday.
const std::int64_t kMonday = QDateTime(QDate(2026, 3, 2), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();

store::PipelineJob job(std::int64_t id, std::int64_t run, const char* name, const char* stage,
                       std::optional<std::int64_t> start, std::optional<std::int64_t> finish,
                       const char* labels, const char* runner, const char* conclusion = "success")
{
    store::PipelineJob j;
    j.id = id;
    j.runId = run;
    j.name = S(name);
    j.stage = S(stage);
    j.status = S("completed");
    j.conclusion = S(conclusion);
    j.startedAt = start;
    j.finishedAt = finish;
    j.runnerLabels = S(labels);
    j.runner = S(runner);
    return j;
}

// Three run attempts: two in the week of kMonday, one the week after.
//   run 1: build = compile 11 (600 s) + assets 12 (420 s) spanning 720 s; test = unit 13 (1080 s, failed,
//   mac-1) run 2: build = compile 21 (300 s); test = unit 22 (600 s by duration only, no runner) run 3: build
//   = compile 31 (1200 s, attempt 2)
store::PipelineFacts handFacts()
{
    store::PipelineFacts facts;
    const std::int64_t r1 = kMonday + kHour;
    auto j11 = job(11, 1, "compile", "build", r1, r1 + 10 * kMinute, "[\"linux\"]", "");
    j11.queuedMs = 30 * 1000;
    auto j12 = job(12, 1, "assets", "build", r1 + 5 * kMinute, r1 + 12 * kMinute, "[\"linux\"]", "");
    auto j13 = job(13, 1, "unit", "test", r1 + 12 * kMinute, r1 + 30 * kMinute, "", "mac-1", "failure");
    for (auto* j : { &j11, &j12, &j13 }) {
        j->runStartedAt = r1;
        j->runFinishedAt = r1 + 30 * kMinute;
    }
    const std::int64_t r2 = kMonday + 2 * kDay;
    auto j21 = job(21, 2, "compile", "build", r2, r2 + 5 * kMinute, "[\"linux\"]", "");
    auto j22 = job(22, 2, "unit", "test", std::nullopt, std::nullopt, "", "");
    j22.durationMs = 10 * kMinute;
    for (auto* j : { &j21, &j22 })
        j->runStartedAt = r2;
    const std::int64_t r3 = kMonday + 8 * kDay;
    auto j31 = job(31, 3, "compile", "build", r3, r3 + 20 * kMinute, "[\"linux\"]", "");
    j31.attempt = 2;
    j31.runStartedAt = r3;
    // Out of order on purpose: the computation must not depend on the store's order.
    facts.jobs = { j31, j22, j11, j13, j12, j21 };
    facts.cacheSteps = { { 101, 11, S("restore deps"), S("hit"), 20 * 1000 },
                         { 102, 21, S("restore deps"), S("miss"), 140 * 1000 },
                         { 103, 31, S("restore deps"), S("miss"), 100 * 1000 } };
    return facts;
}

// Steps of jobs 11, 21, 31 (compile) and 13 (unit), out of job order.
std::vector<store::PipelineStep> handSteps()
{
    return { { 31, S("compile"), S("build"), S("make"), 15 * 60 * 1000 },
             { 11, S("compile"), S("build"), S("make"), 8 * 60 * 1000 },
             { 11, S("compile"), S("build"), S("restore deps"), 20 * 1000 },
             { 13, S("unit"), S("test"), S("ctest"), 17 * 60 * 1000 },
             { 21, S("compile"), S("build"), S("make"), 2 * 60 * 1000 },
             { 21, S("compile"), S("build"), S("restore deps"), 140 * 1000 } };
}

QHash<QString, double> handRates()
{
    return { { S("linux"), 0.5 }, { S("mac-1"), 1.0 } };
}

metrics::CiFailures handFailures()
{
    metrics::CiFailures f;
    f.failedJobs = 1;
    metrics::CiFailureCluster c;
    c.fingerprint = S("abc123");
    c.service = S("shop");
    c.job = S("unit");
    c.errorLine = S("AssertionError: expected 2");
    c.count = 1;
    c.runs = 1;
    c.commits = 1;
    c.firstMs = c.lastMs = kMonday + kHour;
    c.jobIds = { 13 };
    f.clusters.push_back(c);
    f.flakyResults = 3;
    f.flakyTests.push_back({ S("CartTest.total"), 3, 2, kMonday + 2 * kDay, { 7, 8, 9 } });
    return f;
}

std::vector<std::int64_t> jobIdsOf(const models::JobRowsModel& model)
{
    std::vector<std::int64_t> ids;
    for (const models::JobRow& row : model.jobRows())
        ids.push_back(row.jobId);
    return ids;
}

gui::ViewData pipelineData()
{
    gui::ViewData data;
    data.workspaceEmpty = false;
    data.anchorMs = kMonday + 14 * kDay;
    const store::PipelineFacts facts = handFacts();
    data.report.pipeline = metrics::computePipelineMetrics(facts, handRates());
    data.report.ciFailures = handFailures();
    // The results behind the flaky test of handFailures() (7, 8, 9), out of id order.
    std::vector<store::FlakyResultFact> flaky
        = { { 9, S("cart"), S("CartTest"), S("total"), S("c2"), kMonday + 2 * kDay },
            { 7, S("cart"), S("CartTest"), S("total"), S("c1"), kMonday + kDay },
            { 8, S("cart"), S("CartTest"), S("total"), S("c1"), kMonday + kDay } };
    data.pipeline = gui::makePipelineViewData(facts, handRates(), handSteps(), std::move(flaky));
    return data;
}

metrics::Contribution contribution(std::int64_t deployment, const char* sha, const char* reason)
{
    return { deployment, S(sha), S(reason), {} };
}

} // namespace

class TestPipelineViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stageWeeksPerWeek();
    void stageWeeksEmpty();
    void runnerRates();
    void leadTimeHistogramBuckets();
    void stageTimingModel();
    void stageWeeksModel();
    void cacheAndSlowJobsModels();
    void slowestSteps();
    void failureModels();
    void jobRowsModel();
    void leadStagesModel();
    void leadRowsAndHistogramModels();
    void pipelineViewDrillsIntoJobs();
    void pipelineViewEmptyState();
    void leadTimeViewOnWorkspace();
    void viewsAreRegistered();
    void rendersInEveryTheme_data();
    void rendersInEveryTheme();
};

void TestPipelineViews::stageWeeksPerWeek()
{
    const metrics::StageWeeks w = metrics::computeStageWeeks(handFacts(), handRates());
    QCOMPARE(w.stages, (std::vector<QString> { S("build"), S("test") }));
    const std::int64_t monday = kMonday / kDay;
    QCOMPARE(w.mondays, (std::vector<std::int64_t> { monday, monday + 7 }));
    // Week 1, build: run 1 spans 720 s, run 2 300 s → p50 510, p90 300 + 0.9 × 420 = 678.
    const metrics::StageWeekCell& build1 = w.cells[0][0];
    QCOMPARE(build1.runs, 2);
    QCOMPARE(*build1.p50s, 510.0);
    QCOMPARE(*build1.p90s, 678.0);
    QCOMPARE(build1.minutes, 22.0); // 600 + 420 + 300 s
    QCOMPARE(*build1.cost, 11.0); // linux at 0.5
    QCOMPARE(build1.jobIds, (std::vector<std::int64_t> { 11, 12, 21 }));
    // Week 1, test: 1080 s and 600 s (by duration) → p50 840, p90 600 + 0.9 × 480 = 1032.
    const metrics::StageWeekCell& test1 = w.cells[0][1];
    QCOMPARE(test1.runs, 2);
    QCOMPARE(*test1.p50s, 840.0);
    QCOMPARE(*test1.p90s, 1032.0);
    QCOMPARE(test1.minutes, 28.0);
    QCOMPARE(*test1.cost, 18.0); // mac-1's 18 minutes; the runner-less job has no rate
    QCOMPARE(test1.jobIds, (std::vector<std::int64_t> { 13, 22 }));
    // Week 2: only build.
    QCOMPARE(*w.cells[1][0].p50s, 1200.0);
    QCOMPARE(w.cells[1][0].minutes, 20.0);
    QCOMPARE(w.cells[1][1].runs, 0);
    QVERIFY(!w.cells[1][1].p50s);
    QVERIFY(w.cells[1][1].jobIds.empty());
    QCOMPARE(w.totals.size(), size_t(2));
    QCOMPARE(w.totals[0].minutes, 42.0);
    QCOMPARE(*w.totals[0].cost, 21.0);
    QCOMPARE(w.totals[1].minutes, 28.0);
    QCOMPARE(w.unpricedRunners, (std::vector<QString> { S("unknown") }));
    // Slowest by p90: compile (600, 300, 1200 → p90 1080), unit (1080, 600 → 1032), assets (420).
    QCOMPARE(w.slowest.size(), size_t(3));
    QCOMPARE(w.slowest[0].name, S("compile"));
    QCOMPARE(*w.slowest[0].p50s, 600.0);
    QCOMPARE(*w.slowest[0].p90s, 1080.0);
    QCOMPARE(w.slowest[0].jobIds, (std::vector<std::int64_t> { 11, 21, 31 }));
    QCOMPARE(w.slowest[1].name, S("unit"));
    QCOMPARE(w.slowest[2].name, S("assets"));
    // Costs agree with the pipeline metrics' own estimate.
    const metrics::PipelineMetrics p = metrics::computePipelineMetrics(handFacts(), handRates());
    QCOMPARE(*p.ciMinutes.estimatedCost, *w.totals[0].cost + *w.totals[1].cost);
    // The slowest list is capped.
    QCOMPARE(metrics::computeStageWeeks(handFacts(), {}, 1).slowest.size(), size_t(1));
    QVERIFY(!metrics::computeStageWeeks(handFacts()).cells[0][0].cost);
}

void TestPipelineViews::stageWeeksEmpty()
{
    const metrics::StageWeeks w = metrics::computeStageWeeks({});
    QVERIFY(w.mondays.empty());
    QVERIFY(w.stages.empty());
    QVERIFY(w.slowest.empty());
}

void TestPipelineViews::runnerRates()
{
    QVERIFY(metrics::parseRunnerRates(QString()).isEmpty());
    const auto rates = metrics::parseRunnerRates(S(R"({"linux": 0.008, "mac": 0.08})"));
    QCOMPARE(rates.size(), 2);
    QCOMPARE(rates.value(S("mac")), 0.08);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, metrics::parseRunnerRates(S("[1, 2]")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, metrics::parseRunnerRates(S(R"({"linux": -1})")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, metrics::parseRunnerRates(S(R"({"linux": "cheap"})")));
}

void TestPipelineViews::leadTimeHistogramBuckets()
{
    metrics::LeadTime lt;
    lt.rows = {
        contribution(1, "a", "lead time 0.50 h"),    contribution(1, "b", "lead time 1.00 h"),
        contribution(2, "c", "lead time 30.00 h"),   contribution(2, "d", "dropped: non-positive lead time"),
        contribution(3, "e", "lead time 1000.00 h"), contribution(4, "", "no changeset (commits unknown)")
    };
    const metrics::LeadTimeHistogram h = metrics::leadTimeHistogram(lt);
    QCOMPARE(h.n, 4);
    QCOMPARE(h.buckets[0].rows.size(), size_t(1));
    QCOMPARE(h.buckets[0].rows[0].sha, S("a"));
    QCOMPARE(h.buckets[1].rows[0].sha, S("b")); // a bucket's lower edge is inclusive
    QCOMPARE(h.buckets[3].label, S("1–3 d"));
    QCOMPARE(h.buckets[3].rows[0].sha, S("c"));
    QCOMPARE(h.buckets[metrics::kLeadTimeBuckets - 1].rows[0].sha, S("e"));
    QVERIFY(!h.buckets[metrics::kLeadTimeBuckets - 1].toHours);
    QCOMPARE(*metrics::leadTimeHoursOf(lt.rows[2]), 30.0);
    QVERIFY(!metrics::leadTimeHoursOf(lt.rows[3]));
}

void TestPipelineViews::stageTimingModel()
{
    models::StageTimingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    const store::PipelineFacts facts = handFacts();
    model.setResult(metrics::computePipelineMetrics(facts, handRates()),
                    metrics::computeStageWeeks(facts, handRates()));
    QCOMPARE(model.rowCount(), 2);
    using M = models::StageTimingModel;
    QCOMPARE(model.index(0, M::Stage).data().toString(), S("build"));
    // Build spans 720, 300, 1200 s → p50 720 s, p90 720 + 0.8 × 480 = 1104 s.
    QCOMPARE(model.index(0, M::P50).data().toString(), S("12m 00s"));
    QCOMPARE(model.index(0, M::P50).data(MetricTableModel::RawValueRole).toDouble(), 720.0);
    QCOMPARE(model.index(0, M::P90).data(MetricTableModel::RawValueRole).toDouble(), 1104.0);
    QCOMPARE(model.index(0, M::Runs).data().toString(), S("3 (too few)"));
    QVERIFY(model.index(0, M::P50).data(MetricTableModel::SmallSampleRole).toBool());
    QCOMPARE(model.index(1, M::FailureRate).data().toString(), S("50.0 %"));
    // Build jobs 11, 12, 21, 31; only 31 is a second attempt.
    QCOMPARE(model.index(0, M::RetryRate).data(MetricTableModel::RawValueRole).toDouble(), 0.25);
    QCOMPARE(model.index(0, M::QueueP50).data().toString(), S("30s"));
    QCOMPARE(model.index(0, M::Minutes).data().toString(), S("42"));
    QCOMPARE(model.index(0, M::Cost).data().toString(), S("21.00"));
    QCOMPARE(model.index(1, M::Cost).data(MetricTableModel::RawValueRole).toDouble(), 18.0);
    const QString tip = model.index(1, M::FailureRate).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(S("failed jobs ÷ finished jobs")) && tip.contains(S("n = 2")), qPrintable(tip));
    QVERIFY(tip.contains(S("too few to compare")));
    QVERIFY(!model.headerData(M::P90, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
}

void TestPipelineViews::stageWeeksModel()
{
    models::StageWeeksModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(metrics::computeStageWeeks(handFacts(), handRates()));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), S("test"));
    QCOMPARE(model.index(0, 0).data().toDouble(), 510.0 / 60.0);
    QCOMPARE(model.index(1, 1).data().toDouble(), 0.0); // no test run that week: an empty piece of the stack
    QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(S("2026-03-02")));
    QCOMPARE(model.weekLabels().size(), 2);
    model.setMeasure(models::StageWeeksModel::P90Minutes);
    QCOMPARE(model.index(0, 1).data().toDouble(), 1032.0 / 60.0);
    model.setMeasure(models::StageWeeksModel::CiMinutes);
    QCOMPARE(model.index(0, 1).data().toDouble(), 28.0);
    model.setMeasure(models::StageWeeksModel::EstimatedCost);
    QCOMPARE(model.index(1, 0).data().toDouble(), 10.0);
    model.setResult({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 0);
}

void TestPipelineViews::cacheAndSlowJobsModels()
{
    const store::PipelineFacts facts = handFacts();
    models::CacheSavingsModel cache;
    QAbstractItemModelTester cacheTester(&cache, QAbstractItemModelTester::FailureReportingMode::QtTest);
    cache.setResult(metrics::computePipelineMetrics(facts).cache);
    QCOMPARE(cache.rowCount(), 1);
    using C = models::CacheSavingsModel;
    QCOMPARE(cache.index(0, C::Hits).data().toString(), S("1"));
    QCOMPARE(cache.index(0, C::Misses).data().toString(), S("2"));
    // (median miss 120 s − median hit 20 s) × 2 misses = 200 s.
    QCOMPARE(cache.index(0, C::Saving).data(MetricTableModel::RawValueRole).toDouble(), 200.0);
    QCOMPARE(cache.index(0, C::Saving).data().toString(), S("3m 20s"));
    QCOMPARE(cache.index(0, C::HitRate).data().toString(), S("33.3 %"));
    QVERIFY(cache.index(0, C::Step).data(MetricTableModel::SmallSampleRole).toBool());

    models::SlowJobsModel slow;
    QAbstractItemModelTester slowTester(&slow, QAbstractItemModelTester::FailureReportingMode::QtTest);
    slow.setResult(metrics::computeStageWeeks(facts).slowest);
    QCOMPARE(slow.rowCount(), 3);
    QCOMPARE(slow.index(0, models::SlowJobsModel::Job).data().toString(), S("compile"));
    QCOMPARE(slow.index(0, models::SlowJobsModel::P90).data().toString(), S("18m 00s"));
    QCOMPARE(slow.index(2, models::SlowJobsModel::Stage).data().toString(), S("build"));
}

void TestPipelineViews::slowestSteps()
{
    // Per job and step name, ranked by p90 of the step's own duration: make (2, 8, 15 min) → p90 13.6
    // min; ctest 17 min; restore deps (20 s, 140 s) → 128 s.
    const std::vector<metrics::SlowJob> steps = metrics::slowestSteps(handSteps());
    QCOMPARE(steps.size(), size_t(3));
    QCOMPARE(steps[0].name, S("unit › ctest"));
    QCOMPARE(steps[1].name, S("compile › make"));
    QCOMPARE(*steps[1].p50s, 8.0 * 60);
    QCOMPARE(steps[1].jobs, 3);
    QCOMPARE(steps[1].jobIds, (std::vector<std::int64_t> { 11, 21, 31 }));
    QCOMPARE(steps[2].name, S("compile › restore deps"));
    QCOMPARE(steps[2].stage, S("build"));
    QVERIFY(*steps[2].p90s < *steps[1].p90s);
    QCOMPARE(metrics::slowestSteps(handSteps(), 1).size(), size_t(1));
    QVERIFY(metrics::slowestSteps({}).empty());

    models::SlowJobsModel model;
    model.setKind(models::SlowJobsModel::Kind::Steps);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(steps);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.headerData(models::SlowJobsModel::Job, Qt::Horizontal).toString(), S("Job › step"));
    QCOMPARE(model.index(0, models::SlowJobsModel::P50).data().toString(), S("17m 00s"));
    QVERIFY(model.index(1, 0).data(Qt::ToolTipRole).toString().contains(S("step \"compile › make\"")));

    // The view's tab and its drill-down: the jobs that ran the step.
    gui::PipelineView view;
    const gui::ViewData data = pipelineData();
    view.setReport(data);
    QCOMPARE(view.slowStepsModel()->rowCount(), 3);
    view.showSlowStepJobs(1);
    QVERIFY(view.isDrillDownVisible());
    QCOMPARE(jobIdsOf(*view.drillDownModel()), (std::vector<std::int64_t> { 11, 21, 31 }));
}

void TestPipelineViews::failureModels()
{
    models::CiClustersModel clusters;
    QAbstractItemModelTester clusterTester(&clusters, QAbstractItemModelTester::FailureReportingMode::QtTest);
    models::FlakyTestsModel flaky;
    QAbstractItemModelTester flakyTester(&flaky, QAbstractItemModelTester::FailureReportingMode::QtTest);
    clusters.setResult(handFailures());
    flaky.setResult(handFailures());
    QCOMPARE(clusters.rowCount(), 1);
    QCOMPARE(clusters.index(0, models::CiClustersModel::ErrorLine).data().toString(),
             S("AssertionError: expected 2"));
    QCOMPARE(clusters.index(0, models::CiClustersModel::Last).data().toString(), S("2026-03-02"));
    QVERIFY(clusters.index(0, 0).data(Qt::ToolTipRole).toString().contains(S("abc123")));
    QCOMPARE(flaky.rowCount(), 1);
    QCOMPARE(
        flaky.index(0, models::FlakyTestsModel::Results).data(MetricTableModel::RawValueRole).toLongLong(),
        3);
    QVERIFY(flaky.index(0, 0).data(Qt::ToolTipRole).toString().contains(S("#7, #8, #9")));
}

void TestPipelineViews::jobRowsModel()
{
    const store::PipelineFacts facts = handFacts();
    const auto lookup = [&facts](std::int64_t id) -> const store::PipelineJob* {
        for (const auto& j : facts.jobs)
            if (j.id == id)
                return &j;
        return nullptr;
    };
    models::JobRowsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(models::describeJobs({ 13, 22, 999 }, lookup, S("because")));
    QCOMPARE(model.rowCount(), 3);
    using J = models::JobRowsModel;
    QCOMPARE(model.index(0, J::Name).data().toString(), S("unit"));
    QCOMPARE(model.index(0, J::Outcome).data().toString(), S("failure"));
    QCOMPARE(model.index(0, J::Duration).data().toString(), S("18m 00s"));
    QCOMPARE(model.index(1, J::Duration).data(MetricTableModel::RawValueRole).toDouble(), 600.0);
    QCOMPARE(model.index(1, J::Run).data().toString(), S("#2"));
    // A job the facts do not hold keeps its id and reason.
    QCOMPARE(model.index(2, J::JobId).data().toString(), S("#999"));
    QCOMPARE(model.index(2, J::Reason).data().toString(), S("because"));
    QVERIFY(model.index(2, J::Name).data().toString().isEmpty());
}

void TestPipelineViews::leadStagesModel()
{
    metrics::LeadTimeBreakdown b;
    b.stages[size_t(metrics::Segment::Ai)][size_t(metrics::LeadStage::Coding)] = { 2.0, 25 };
    b.stages[size_t(metrics::Segment::Ai)][size_t(metrics::LeadStage::Review)] = { 5.5, 25 };
    b.stages[size_t(metrics::Segment::NotAi)][size_t(metrics::LeadStage::Coding)] = { 4.0, 3 };
    b.stages[size_t(metrics::Segment::NotAi)][size_t(metrics::LeadStage::Deploy)] = { 30.0, 3 };
    models::LeadStagesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setResult(b);
    using L = models::LeadStagesModel;
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.headerData(L::AiRow, Qt::Vertical).toString(), S("AI-assisted"));
    QCOMPARE(model.index(L::AiRow, L::Coding).data().toDouble(), 2.0);
    QCOMPARE(model.index(L::AiRow, L::Review).data().toDouble(), 5.5);
    QCOMPARE(model.index(L::AiRow, L::Pickup).data().toDouble(), 0.0);
    QVERIFY(!model.index(L::AiRow, L::Pickup).data(MetricTableModel::RawValueRole).isValid());
    QCOMPARE(model.index(L::NotAiRow, L::Deploy).data().toDouble(), 30.0);
    QVERIFY(!model.index(L::AiRow, L::Coding).data(MetricTableModel::SmallSampleRole).toBool());
    QVERIFY(model.index(L::NotAiRow, L::Coding).data(MetricTableModel::SmallSampleRole).toBool());
    QVERIFY(!model.index(L::AiRow, L::Pickup).data(MetricTableModel::SmallSampleRole).toBool()); // no data
    // A table shows the formatted text through the proxy, the chart the number.
    models::FormattedTextProxy proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    QCOMPARE(proxy.index(L::AiRow, L::Review).data().toString(), S("5.5 h (n=25)"));
    QCOMPARE(proxy.index(L::NotAiRow, L::Coding).data().toString(), S("4.0 h (n=3, too few)"));
    QCOMPARE(proxy.index(L::AiRow, L::Pickup).data().toString(), S("no data"));
    QCOMPARE(proxy.index(L::AiRow, L::Review).data(Qt::ToolTipRole),
             model.index(L::AiRow, L::Review).data(Qt::ToolTipRole));
    const QString tip = model.index(L::NotAiRow, L::Coding).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(S("first commit authored → PR created")) && tip.contains(S("n = 3")),
             qPrintable(tip));
}

void TestPipelineViews::leadRowsAndHistogramModels()
{
    metrics::LeadTimeBreakdown b;
    metrics::LeadTimeRow ai;
    ai.prId = 1;
    ai.prNumber = 41;
    ai.aiAssisted = true;
    ai.hours[size_t(metrics::LeadStage::Coding)] = 2.0;
    ai.hours[size_t(metrics::LeadStage::CiWait)] = 1.0;
    metrics::LeadTimeRow human;
    human.prId = 2;
    human.prNumber = 42;
    human.hours[size_t(metrics::LeadStage::Coding)] = 0.0; // no positive coding time: not in the ratio
    human.hours[size_t(metrics::LeadStage::CiWait)] = 3.0;
    metrics::LeadTimeRow commit;
    commit.commitId = 7;
    commit.hours[size_t(metrics::LeadStage::Deploy)] = 12.0;
    b.rows = { ai, human, commit };

    const auto coding = models::leadRowsForStage(b, metrics::Segment::NotAi, metrics::LeadStage::Coding);
    QCOMPARE(coding.size(), size_t(1));
    QCOMPARE(coding[0].row.prNumber, 42);
    QCOMPARE(models::leadRowsForStage(b, metrics::Segment::All, metrics::LeadStage::Coding).size(),
             size_t(2));
    const auto overhead = models::leadRowsForCiOverhead(b);
    QCOMPARE(overhead.size(), size_t(1));
    QCOMPARE(overhead[0].row.prNumber, 41);

    models::LeadRowsModel rows;
    QAbstractItemModelTester rowsTester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    rows.setRows(models::leadRowsForStage(b, metrics::Segment::NotAi, metrics::LeadStage::Deploy));
    QCOMPARE(rows.rowCount(), 1);
    QCOMPARE(rows.index(0, models::LeadRowsModel::Change).data().toString(), S("commit 7"));
    QCOMPARE(rows.index(0, models::LeadRowsModel::Deploy).data().toString(), S("12.0 h"));
    QVERIFY(rows.index(0, models::LeadRowsModel::Reason).data().toString().startsWith(S("deploy 12.0 h")));

    metrics::DoraResult dora;
    dora.ai.leadTime.rows
        = { contribution(1, "a", "lead time 0.25 h"), contribution(1, "b", "lead time 50.00 h") };
    dora.notAi.leadTime.rows
        = { contribution(2, "c", "lead time 50.00 h"), contribution(2, "d", "dropped: no commit time") };
    models::LeadHistogramModel histogram;
    QAbstractItemModelTester histogramTester(&histogram,
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
    histogram.setResult(dora);
    using H = models::LeadHistogramModel;
    QCOMPARE(histogram.rowCount(), metrics::kLeadTimeBuckets);
    QCOMPARE(histogram.index(0, H::AiCount).data().toLongLong(), 1);
    QCOMPARE(histogram.index(0, H::NotAiCount).data().toLongLong(), 0);
    QCOMPARE(histogram.index(3, H::AiCount).data().toLongLong(), 1);
    QCOMPARE(histogram.index(3, H::NotAiCount).data().toLongLong(), 1);
    QCOMPARE(histogram.histogram(metrics::Segment::NotAi).n, 1);
    QVERIFY(histogram.index(3, H::NotAiCount).data(MetricTableModel::SmallSampleRole).toBool());
}

void TestPipelineViews::pipelineViewDrillsIntoJobs()
{
    gui::PipelineView view;
    const gui::ViewData data = pipelineData();
    view.setReport(data);
    QVERIFY(!view.isEmptyState());
    // The chart is the weeks model through the mapper: one bar set per stage, one bar per week.
    const QList<QBarSet*> sets = view.weeksSeries()->barSets();
    QCOMPARE(sets.size(), 2);
    QCOMPARE(sets[0]->count(), 2);
    QCOMPARE(sets[0]->at(0), 510.0 / 60.0);
    view.measureBox()->setCurrentIndex(view.measureBox()->findData(int(models::StageWeeksModel::CiMinutes)));
    QCOMPARE(view.weeksSeries()->barSets()[1]->at(0), 28.0);
    QCOMPARE(view.stageModel()->rowCount(), 2);
    QCOMPARE(view.slowJobsModel()->rowCount(), 3);
    QCOMPARE(view.cacheModel()->rowCount(), 1);
    QCOMPARE(view.clustersModel()->rowCount(), 1);
    QCOMPARE(view.flakyModel()->rowCount(), 1);

    // Drill-down rows are the metric's own rows.
    view.showWeekStageJobs(0, 0);
    QVERIFY(view.isDrillDownVisible());
    QCOMPARE(jobIdsOf(*view.drillDownModel()), data.pipeline->weeks.cells[0][0].jobIds);
    QVERIFY(
        view.drillDownModel()->index(0, models::JobRowsModel::Reason).data().toString().contains(S("build")));
    view.showStageJobs(1);
    QCOMPARE(jobIdsOf(*view.drillDownModel()), data.report.pipeline.stages[1].jobIds);
    view.showSlowJobRuns(0);
    QCOMPARE(jobIdsOf(*view.drillDownModel()), data.pipeline->weeks.slowest[0].jobIds);
    view.showCacheJobs(0);
    QCOMPARE(jobIdsOf(*view.drillDownModel()), data.report.pipeline.cache[0].jobIds);
    // Double-clicking a flaky test lists the results behind it, with their commits.
    view.showFlakyResults(0);
    QVERIFY(view.isDrillDownVisible());
    QAbstractItemModelTester flakyTester(view.flakyRowsModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(view.flakyRowsModel()->rowCount(), 3);
    QCOMPARE(view.flakyRowsModel()->results()[0].id, 7);
    QCOMPARE(view.flakyRowsModel()->results()[2].commitSha, S("c2"));
    QCOMPARE(view.flakyRowsModel()->index(0, models::FlakyResultsModel::Test).data().toString(),
             S("CartTest.total"));
    QVERIFY(view.drillDownTitle().contains(S("3 flaky results")));
    view.showClusterJobs(0);
    QCOMPARE(jobIdsOf(*view.drillDownModel()), (std::vector<std::int64_t> { 13 }));
    QCOMPARE(view.drillDownModel()->index(0, models::JobRowsModel::Name).data().toString(), S("unit"));
    QVERIFY(view.drillDownTitle().contains(S("1 job")));
    view.hideDrillDown();
    QVERIFY(!view.isDrillDownVisible());
    // A new result replaces the old one.
    gui::ViewData fewer = data;
    fewer.report.ciFailures = {};
    view.setReport(fewer);
    QCOMPARE(view.clustersModel()->rowCount(), 0);
}

void TestPipelineViews::pipelineViewEmptyState()
{
    gui::PipelineView view;
    QVERIFY(view.isEmptyState());
    gui::ViewData data;
    data.workspaceEmpty = false;
    view.setReport(data);
    QVERIFY(view.isEmptyState());
    QVERIFY2(view.emptyStateText().contains(S("faultline import ci")), qPrintable(view.emptyStateText()));
    gui::LeadTimeView lead;
    lead.setReport(data);
    QVERIFY(lead.isEmptyState());
    QVERIFY(lead.emptyStateText().contains(S("faultline import prs")));
}

void TestPipelineViews::leadTimeViewOnWorkspace()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(S("lead.faultline"));
    test::writeOverviewWorkspace(path);
    store::Workspace ws = store::Workspace::openReadOnly(path);
    const gui::ViewData data = gui::loadViewData(ws.db(), gui::FilterState {});
    QVERIFY(data.pipeline);
    gui::LeadTimeView view;
    view.setReport(data);
    QVERIFY(!view.isEmptyState());
    const metrics::LeadTimeBreakdown& b = data.report.leadTime;
    QCOMPARE(view.stagesSeries()->barSets().size(), int(models::LeadStagesModel::ColumnCount));

    // Every stage bar drills into exactly the n rows behind its median.
    for (int row = 0; row < 2; ++row) {
        for (int column = 0; column < models::LeadStagesModel::ColumnCount; ++column) {
            view.showStageRows(row, column);
            const auto segment = models::LeadStagesModel::segmentOf(row);
            const auto stage = models::LeadStagesModel::stageOf(models::LeadStagesModel::Column(column));
            QCOMPARE(view.leadRowsModel()->rowCount(), b.stages[size_t(segment)][size_t(stage)].n);
        }
    }
    // The stage table shows stages as rows and segments as columns, as formatted text.
    const QAbstractItemModel* table = view.findChild<QTableView*>(S("leadStagesTable"))->model();
    QCOMPARE(table->rowCount(), int(models::LeadStagesModel::ColumnCount));
    QCOMPARE(table->columnCount(), 2);
    QCOMPARE(table->headerData(1, Qt::Horizontal).toString(), S("Not AI-assisted"));
    QCOMPARE(table->headerData(0, Qt::Vertical).toString(), S("Coding"));
    QCOMPARE(table->index(models::LeadStagesModel::Coding, models::LeadStagesModel::NotAiRow).data(),
             view.stagesModel()
                 ->index(models::LeadStagesModel::NotAiRow, models::LeadStagesModel::Coding)
                 .data(MetricTableModel::FormattedRole));
    QCOMPARE(view.overheadText(),
             b.ciOverhead.medianHours
                 ? QStringLiteral("%1 %").arg(*b.ciOverhead.medianHours * 100.0, 0, 'f', 0)
                 : S("no data"));
    view.showOverheadRows();
    QCOMPARE(view.leadRowsModel()->rowCount(), b.ciOverhead.n);

    // The histogram holds every counted DORA lead-time row once, and drills into them.
    std::int64_t counted = 0;
    for (const auto segment : { metrics::Segment::Ai, metrics::Segment::NotAi })
        counted += view.histogramModel()->histogram(segment).n;
    QCOMPARE(counted, data.report.dora.ai.leadTime.n + data.report.dora.notAi.leadTime.n);
    QVERIFY(counted > 0);
    bool drilled = false;
    for (int bucket = 0; bucket < metrics::kLeadTimeBuckets && !drilled; ++bucket) {
        const auto& rows
            = view.histogramModel()->histogram(metrics::Segment::NotAi).buckets[size_t(bucket)].rows;
        if (rows.empty())
            continue;
        view.showBucketRows(bucket, models::LeadHistogramModel::NotAiCount);
        const auto& shown = view.contributionsModel()->result();
        QCOMPARE(shown.size(), rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(shown[i].sha, rows[i].sha);
            QCOMPARE(shown[i].reason, rows[i].reason);
        }
        QCOMPARE(view.drillDownTable()->model(), view.contributionsModel());
        // At 1280×720 the rows replace the stage chart, not the histogram they came from.
        QVERIFY(!view.findChild<QWidget*>(S("leadStagesCard"))->isVisibleTo(&view));
        QVERIFY(view.findChild<QWidget*>(S("leadHistogramCard"))->isVisibleTo(&view));
        view.hideDrillDown();
        QVERIFY(view.findChild<QWidget*>(S("leadStagesCard"))->isVisibleTo(&view));
        drilled = true;
    }
    QVERIFY(drilled);
}

void TestPipelineViews::viewsAreRegistered()
{
    const QStringList keys = gui::availableViewKeys();
    QVERIFY(keys.indexOf(S("pipeline")) == keys.indexOf(S("overview")) + 1);
    QVERIFY(keys.indexOf(S("leadtime")) == keys.indexOf(S("pipeline")) + 1);
    for (const auto& [key, number] : { std::pair(S("pipeline"), 2), std::pair(S("leadtime"), 3) }) {
        const auto view = gui::createView(key);
        QVERIFY(view);
        QCOMPARE(view->key(), key);
        QCOMPARE(view->shortcutNumber(), number);
    }
}

void TestPipelineViews::rendersInEveryTheme_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("kind");
    for (const char* key : { "pipeline", "leadtime" })
        for (const auto& [name, kind] :
             { std::pair("light", gui::ThemeKind::Light), std::pair("dark", gui::ThemeKind::Dark),
               std::pair("presentation", gui::ThemeKind::HighContrast) })
            QTest::addRow("%s %s", key, name) << S(key) << int(kind);
}

void TestPipelineViews::rendersInEveryTheme()
{
    QFETCH(QString, key);
    QFETCH(int, kind);
    const gui::Theme theme = gui::Theme::forKind(gui::ThemeKind(kind));
    const auto view = gui::createView(key);
    view->setTheme(theme);
    gui::ViewData data = pipelineData();
    if (key == QLatin1String("leadtime")) {
        data.report.dora.ai.leadTime.rows = { contribution(1, "a", "lead time 3.00 h") };
        metrics::LeadTimeRow row;
        row.prId = 1;
        row.hours[size_t(metrics::LeadStage::Coding)] = 3.0;
        data.report.leadTime.rows = { row };
        data.report.leadTime.stages[size_t(metrics::Segment::NotAi)][size_t(metrics::LeadStage::Coding)]
            = { 3.0, 1 };
    }
    view->setReport(data);
    QVERIFY(!view->isEmptyState());
    const QImage image = view->renderToImage(QSize(1280, 720));
    QCOMPARE(image.size(), QSize(1280, 720));
    // The background is the theme's window colour.
    QCOMPARE(QColor(image.pixel(2, 2)), theme.window);
}

QTEST_MAIN(TestPipelineViews)
#include "tst_pipeline_views.moc"
