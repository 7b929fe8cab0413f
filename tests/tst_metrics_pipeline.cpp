#include "ci_test_support.h"
#include "metrics/pipeline_metrics.h"
#include "store/ci_writer.h"
#include "store/import_batch.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QTest>

using namespace faultline;
using faultline::test::S;

namespace {

// 2024-05-08T00:00:00Z, a Wednesday: the week starts on Monday 2024-05-06.
constexpr std::int64_t kBase = 1715126400000LL;

std::int64_t at(int seconds)
{
    return kBase + std::int64_t(seconds) * 1000;
}

struct JobSpec
{
    const char* id;
    const char* stage;
    int start;
    int finish;
    int queued;
    const char* conclusion;
    const char* label;
    int attempt;
};

} // namespace

// METRICS.md "Pipeline stage timing" on a hand-built workspace; every expected number is worked out in
// the comments from the runs below.
class TestMetricsPipeline : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;
    QHash<QString, std::int64_t> m_jobIds;

private slots:
    void initTestCase();
    void stageTiming();
    void ciMinutesAndCost();
    void cacheSavings();
    void failedOutcomes();
    void emptyPeriodIsNull();
};

void TestMetricsPipeline::initTestCase()
{
    m_workspace = m_dir.filePath(S("pipeline.faultline"));
    store::Workspace ws = store::Workspace::create(m_workspace);
    store::ImportBatch batch(ws, { m_workspace, S("test"), QByteArray("pipeline-fixture") });
    store::CiWriter w(batch);
    auto run = [&](const char* id, int attempt, int start, int finish) {
        store::CiRun r;
        r.provider = S("github");
        r.project = S("acme/shop");
        r.externalId = S(id);
        r.attempt = attempt;
        r.startedAt = at(start);
        r.createdAt = at(start);
        r.finishedAt = at(finish);
        return w.upsertRun(r);
    };
    auto job = [&](std::int64_t runId, const JobSpec& spec) {
        store::CiJob j;
        j.externalId = S(spec.id);
        j.name = S(spec.stage) + S(" job ") + S(spec.id);
        j.stage = S(spec.stage);
        j.conclusion = S(spec.conclusion);
        j.startedAt = at(spec.start);
        j.finishedAt = at(spec.finish);
        j.durationMs = std::int64_t(spec.finish - spec.start) * 1000;
        j.queuedMs = std::int64_t(spec.queued) * 1000;
        j.runnerLabels = QStringLiteral("[\"%1\"]").arg(S(spec.label));
        j.attempt = spec.attempt;
        const std::int64_t id = w.upsertJob(runId, j);
        m_jobIds.insert(S(spec.id), id);
        return id;
    };
    auto cacheStep = [&](std::int64_t jobId, int seconds, const char* cache) {
        store::CiStep s;
        s.number = 1;
        s.name = S("Cache deps");
        s.durationMs = std::int64_t(seconds) * 1000;
        const std::int64_t stepId = w.upsertStep(jobId, s);
        w.setStepFindings(stepId, { QString(), S(cache) }, QString(), QString());
    };
    // R1 attempt 1: wall 0 → 600 s. R1 attempt 2: wall 1000 → 1400 s.
    const std::int64_t r1 = run("101", 1, 0, 600);
    job(r1, { "J1", "checkout", 10, 40, 10, "success", "ubuntu-latest", 1 });
    const std::int64_t build1 = job(r1, { "J2", "build", 40, 240, 5, "success", "ubuntu-latest", 1 });
    const std::int64_t test1 = job(r1, { "J3", "test", 240, 540, 20, "failure", "self-hosted", 1 });
    const std::int64_t test2 = job(r1, { "J4", "test", 250, 450, 30, "success", "self-hosted", 1 });
    const std::int64_t r2 = run("101", 2, 1000, 1400);
    const std::int64_t build2 = job(r2, { "J5", "build", 1010, 1110, 10, "success", "ubuntu-latest", 2 });
    const std::int64_t test3 = job(r2, { "J6", "test", 1110, 1390, 40, "success", "self-hosted", 2 });
    cacheStep(build1, 5, "hit");
    cacheStep(test1, 7, "hit");
    cacheStep(test2, 55, "miss");
    cacheStep(build2, 65, "miss");
    // A job-level finding (a trace without steps): counts under the job's name.
    w.setJobFindings(test3, { QString(), S("miss") }, QString(), QString(), QString());
    // A run before the period: left out everywhere.
    const std::int64_t old = run("99", 1, -100000, -99000);
    job(old, { "J0", "build", -99990, -99100, 1, "failure", "ubuntu-latest", 1 });
    batch.commit();
}

void TestMetricsPipeline::stageTiming()
{
    const auto ws = store::Workspace::openReadOnly(m_workspace);
    const auto m = metrics::computePipelineMetrics(store::loadPipelineFacts(ws.db(), at(0), at(86400)));
    QCOMPARE(m.stages.size(), size_t(3));
    // checkout: one run, 30 s of R1's 600 s wall; queue 10 s.
    const auto& checkout = m.stages[0];
    QCOMPARE(checkout.stage, S("checkout"));
    QCOMPARE(*checkout.p50s, 30.0);
    QCOMPARE(*checkout.share, 0.05);
    QCOMPARE(*checkout.queueP50s, 10.0);
    QCOMPARE(*checkout.failureRate, 0.0);
    QCOMPARE(checkout.runs, 1);
    // build: 200 s in R1, 100 s in R2 → p50 150, p90 100 + 0.9 × 100 = 190; share 300 / 1000 wall
    // = 0.3; queue median of 5 and 10 = 7.5; J5 is attempt 2 → retry rate 1 / 2.
    const auto& build = m.stages[1];
    QCOMPARE(build.stage, S("build"));
    QCOMPARE(*build.p50s, 150.0);
    QCOMPARE(*build.p90s, 190.0);
    QCOMPARE(*build.share, 0.3);
    QCOMPARE(*build.queueP50s, 7.5);
    QCOMPARE(*build.retryRate, 0.5);
    QCOMPARE(build.runs, 2);
    // test: R1 spans 240 → 540 = 300 s (two parallel jobs), R2 280 s → p50 290, p90 298; share
    // 580 / 1000 = 0.58; queue median of 20, 30, 40 = 30; one of three failed; one of three retried.
    const auto& test = m.stages[2];
    QCOMPARE(test.stage, S("test"));
    QCOMPARE(*test.p50s, 290.0);
    QCOMPARE(*test.p90s, 298.0);
    QCOMPARE(*test.share, 0.58);
    QCOMPARE(*test.queueP50s, 30.0);
    QVERIFY(qAbs(*test.failureRate - 1.0 / 3.0) < 1e-12);
    QVERIFY(qAbs(*test.retryRate - 1.0 / 3.0) < 1e-12);
    QCOMPARE(test.jobs, 3);
    QCOMPARE(test.jobIds,
             (std::vector<std::int64_t> { m_jobIds[S("J3")], m_jobIds[S("J4")], m_jobIds[S("J6")] }));
}

void TestMetricsPipeline::ciMinutesAndCost()
{
    const auto ws = store::Workspace::openReadOnly(m_workspace);
    const auto facts = store::loadPipelineFacts(ws.db(), at(0), at(86400));
    // 30 + 200 + 300 + 200 + 100 + 280 = 1110 s = 18.5 min; ubuntu-latest 330 s = 5.5 min,
    // self-hosted 780 s = 13 min; at 0.008 per ubuntu minute: 0.044, self-hosted unpriced.
    const auto m = metrics::computePipelineMetrics(facts, { { S("ubuntu-latest"), 0.008 } });
    QCOMPARE(m.ciMinutes.total, 18.5);
    QCOMPARE(m.ciMinutes.byStage.at(S("checkout")), 0.5);
    QCOMPARE(m.ciMinutes.byStage.at(S("build")), 5.0);
    QCOMPARE(m.ciMinutes.byStage.at(S("test")), 13.0);
    QCOMPARE(m.ciMinutes.byRunner.at(S("ubuntu-latest")), 5.5);
    QCOMPARE(m.ciMinutes.byRunner.at(S("self-hosted")), 13.0);
    QCOMPARE(m.ciMinutes.byWeek.size(), size_t(1));
    QCOMPARE(m.ciMinutes.byWeek.at(S("2024-05-06")), 18.5);
    QVERIFY(qAbs(*m.ciMinutes.estimatedCost - 0.044) < 1e-12);
    QCOMPARE(m.ciMinutes.unpricedRunners, std::vector<QString> { S("self-hosted") });
    // Without rates there is no cost, not a cost of 0.
    QVERIFY(!metrics::computePipelineMetrics(facts).ciMinutes.estimatedCost);
}

void TestMetricsPipeline::cacheSavings()
{
    const auto ws = store::Workspace::openReadOnly(m_workspace);
    const auto m = metrics::computePipelineMetrics(store::loadPipelineFacts(ws.db(), at(0), at(86400)));
    QCOMPARE(m.cache.size(), size_t(2));
    // "Cache deps": hits 5 and 7 s (median 6), misses 55 and 65 s (median 60): (60 − 6) × 2 = 108 s.
    QCOMPARE(m.cache[0].step, S("Cache deps"));
    QCOMPARE(m.cache[0].hits, 2);
    QCOMPARE(m.cache[0].misses, 2);
    QCOMPARE(*m.cache[0].medianHitS, 6.0);
    QCOMPARE(*m.cache[0].medianMissS, 60.0);
    QCOMPARE(*m.cache[0].estimatedSavingS, 108.0);
    // The job-level miss has no hit to compare with: no saving estimate.
    QCOMPARE(m.cache[1].step, S("test job J6"));
    QCOMPARE(m.cache[1].misses, 1);
    QVERIFY(!m.cache[1].medianHitS);
    QVERIFY(!m.cache[1].estimatedSavingS);
}

void TestMetricsPipeline::failedOutcomes()
{
    for (const char* failed : { "failure", "failed", "FAILURE", "error", "timed_out" })
        QVERIFY2(metrics::isFailedJob(QString(), S(failed)), failed);
    QVERIFY(metrics::isFailedJob(S("failed"), QString())); // GitLab: the status is the outcome
    for (const char* ok : { "success", "SUCCESS", "skipped", "cancelled", "neutral" })
        QVERIFY2(!metrics::isFailedJob(QString(), S(ok)), ok);
}

void TestMetricsPipeline::emptyPeriodIsNull()
{
    const auto ws = store::Workspace::openReadOnly(m_workspace);
    const auto m = metrics::computePipelineMetrics(store::loadPipelineFacts(ws.db(), at(90000), at(99000)));
    QVERIFY(m.stages.empty());
    QVERIFY(m.cache.empty());
    QCOMPARE(m.ciMinutes.total, 0.0);
}

QTEST_GUILESS_MAIN(TestMetricsPipeline)
#include "tst_metrics_pipeline.moc"
