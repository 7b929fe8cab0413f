// CI failure clusters and flaky tests (METRICS.md "Repeat incidents": CI failures get fingerprints the
// same way; "Pipeline": flaky test). Hand-built facts check each clause; a small workspace checks the
// store query (the period, the fingerprint join, flaky results found through their partial index).
// Every expectation is worked out by hand in the comments.
#include "metrics/ci_failures.h"
#include "metrics/metrics_json.h"
#include "metrics/metrics_report.h"
#include "store/ci_failure_queries.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace faultline;
using faultline::test::S;
using metrics::CiFailures;
using metrics::computeCiFailures;
using metrics::MetricsOptions;

namespace {

constexpr std::int64_t kHourMs = 3600 * 1000;

MetricsOptions period(std::int64_t fromHours, std::int64_t toHours)
{
    MetricsOptions o;
    o.fromMs = fromHours * kHourMs;
    o.toMs = toHours * kHourMs;
    return o;
}

store::CiFailureFact failure(std::int64_t job, std::int64_t run, const char* name, const char* fingerprint,
                             double hours, const char* sha = "", const char* conclusion = "failure",
                             const char* service = "shop")
{
    return { job,
             run,
             S(name),
             S("completed"),
             S(conclusion),
             S(service),
             S(fingerprint),
             S("Error: ") + S(fingerprint),
             std::int64_t(hours * double(kHourMs)),
             S(sha) };
}

store::FlakyResultFact flaky(std::int64_t id, const char* classname, const char* name, const char* sha,
                             double hours)
{
    return { id, S("suite"), S(classname), S(name), S(sha), std::int64_t(hours * double(kHourMs)) };
}

} // namespace

class TestMetricsCiFailures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onlyFailedJobsInThePeriod();
    void clustersByFingerprintAndSimilarity();
    void otherServicesDoNotMerge();
    void flakyTests();
    void loadedFromTheStore();
};

void TestMetricsCiFailures::onlyFailedJobsInThePeriod()
{
    // J1 failed at 1 h; J2 printed an error but succeeded (allowed failure); J3 timed out at 5 h; J4 failed
    // at 10 h, the end of the half-open period [0, 10): 2 failed jobs (J1, J3) of one fingerprint.
    store::CiFailureFacts f;
    f.failures = { failure(1, 1, "test", "test: assertion failed at <path>", 1),
                   failure(2, 2, "test", "test: assertion failed at <path>", 2, "", "success"),
                   failure(3, 3, "test", "test: assertion failed at <path>", 5, "", "timed_out"),
                   failure(4, 4, "test", "test: assertion failed at <path>", 10) };
    const CiFailures r = computeCiFailures(f, period(0, 10));
    QCOMPARE(r.failedJobs, 2);
    QCOMPARE(r.clusters.size(), size_t(1));
    QCOMPARE(r.clusters[0].count, 2);
    QCOMPARE(r.clusters[0].jobIds, (std::vector<std::int64_t> { 1, 3 }));
    QCOMPARE(r.clusters[0].firstMs, 1 * kHourMs);
    QCOMPARE(r.clusters[0].lastMs, 5 * kHourMs);
}

void TestMetricsCiFailures::clustersByFingerprintAndSimilarity()
{
    // "build: cannot find module <q> in <path>" (tokens build cannot find module q in path: 7) and
    // "build: cannot find module <q>" (5 tokens, all shared): Jaccard 5/7 = 0.71 >= 0.6: one cluster.
    // "lint: line too long" shares nothing: its own cluster.
    // Build cluster: J1 (run 1, sha a, 1 h), J2 (run 1 again: a second job of the same run, sha a, 2 h),
    // J3 (run 2, sha b, 3 h) → 3 failures, 2 runs, 2 commits; named after its earliest failure J1.
    // Lint: J4 (run 3, no sha, 4 h) → 1 failure, 1 run, 0 commits. Most failures first.
    store::CiFailureFacts f;
    f.failures = { failure(1, 1, "build", "build: cannot find module <q> in <path>", 1, "a"),
                   failure(2, 1, "build-arm", "build: cannot find module <q>", 2, "a"),
                   failure(3, 2, "build", "build: cannot find module <q> in <path>", 3, "b"),
                   failure(4, 3, "lint", "lint: line too long", 4) };
    const CiFailures r = computeCiFailures(f, period(0, 24));
    QCOMPARE(r.clusters.size(), size_t(2));
    const auto& build = r.clusters[0];
    QCOMPARE(build.fingerprint, S("build: cannot find module <q> in <path>"));
    QCOMPARE(build.job, S("build"));
    QCOMPARE(build.count, 3);
    QCOMPARE(build.runs, 2);
    QCOMPARE(build.commits, 2);
    QCOMPARE(r.clusters[1].job, S("lint"));
    QCOMPARE(r.clusters[1].commits, 0);
    // Above the similarity 0.71 the two build fingerprints stay apart: 3 clusters, the 2-failure one first.
    const CiFailures strict = computeCiFailures(f, period(0, 24), 0.75);
    QCOMPARE(strict.clusters.size(), size_t(3));
    QCOMPARE(strict.clusters[0].count, 2);
}

void TestMetricsCiFailures::otherServicesDoNotMerge()
{
    // The same fingerprint text in two CI projects: two clusters of one failure each, the later first.
    store::CiFailureFacts f;
    f.failures = { failure(1, 1, "test", "test: boom", 1, "", "failure", "shop"),
                   failure(2, 2, "test", "test: boom", 2, "", "failure", "cart") };
    const CiFailures r = computeCiFailures(f, period(0, 24));
    QCOMPARE(r.clusters.size(), size_t(2));
    QCOMPARE(r.clusters[0].service, S("cart"));
    QCOMPARE(r.clusters[1].service, S("shop"));
}

void TestMetricsCiFailures::flakyTests()
{
    // T.a flaky on commits x (1 h, 2 h) and y (3 h); T.b once on x (4 h); T.c at 30 h, outside [0, 24).
    // Tests: T.a (3 results, 2 commits) before T.b (1 result); 4 flaky results in the period.
    store::CiFailureFacts f;
    f.flaky = { flaky(1, "T", "a", "x", 1), flaky(2, "T", "a", "x", 2), flaky(3, "T", "a", "y", 3),
                flaky(4, "T", "b", "x", 4), flaky(5, "T", "c", "x", 30) };
    const CiFailures r = computeCiFailures(f, period(0, 24));
    QCOMPARE(r.flakyResults, 4);
    QCOMPARE(r.flakyTests.size(), size_t(2));
    QCOMPARE(r.flakyTests[0].test, S("T.a"));
    QCOMPARE(r.flakyTests[0].results, 3);
    QCOMPARE(r.flakyTests[0].commits, 2);
    QCOMPARE(r.flakyTests[0].resultIds, (std::vector<std::int64_t> { 1, 2, 3 }));
    QCOMPARE(r.flakyTests[1].test, S("T.b"));
}

void TestMetricsCiFailures::loadedFromTheStore()
{
    // Run R1 starts at 1 h (sha aaa) with a failed job J1 that has a fingerprint and a passed job J2
    // without one; run R2 has no start, created at 50 h (outside [0, 24)), with a failed fingerprinted job.
    // Test results on R1: one flaky (flaky = 1), one outcome 'flaky', one plain pass.
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(S("w.faultline")));
    ws.db().exec(R"sql(
INSERT INTO fingerprints (id, kind, service, normalized) VALUES (7, 'ci', 'shop', 'test: boom at <path>');
INSERT INTO pipeline_runs (id, provider, external_id, created_at, started_at, head_sha)
    VALUES (1, 'github', '100', 3600000, 3600000, 'aaa'), (2, 'github', '200', 180000000, NULL, 'bbb');
INSERT INTO jobs (id, run_id, external_id, name, status, conclusion, started_at, error_line, fingerprint_id)
    VALUES (1, 1, 'j1', 'test', 'completed', 'failure', 3700000, 'Error: boom at /src/a.c', 7),
           (2, 1, 'j2', 'lint', 'completed', 'success', 3700000, NULL, NULL),
           (3, 2, 'j3', 'test', 'completed', 'failure', NULL, 'Error: boom at /src/b.c', 7);
INSERT INTO test_cases (id, report_key, run_id, commit_sha, classname, name, outcome, flaky)
    VALUES (1, 'r', 1, 'aaa', 'T', 'a', 'passed', 1), (2, 'r', 1, NULL, 'T', 'b', 'flaky', 0),
           (3, 'r', 1, 'aaa', 'T', 'c', 'passed', 0);
)sql");
    const store::CiFailureFacts facts = store::loadCiFailureFacts(ws.db(), 0, 24 * kHourMs);
    QCOMPARE(facts.failures.size(), size_t(1));
    QCOMPARE(facts.failures[0].jobId, 1);
    QCOMPARE(facts.failures[0].fingerprint, S("test: boom at <path>"));
    QCOMPARE(facts.failures[0].errorLine, S("Error: boom at /src/a.c"));
    QCOMPARE(facts.failures[0].at, 3700000);
    QCOMPARE(facts.failures[0].headSha, S("aaa"));
    QCOMPARE(facts.flaky.size(), size_t(2));
    QCOMPARE(facts.flaky[1].commitSha, S("aaa")); // no commit on the result: the run's head
    // The partial index serves the flaky lookup.
    auto plan = ws.db().prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM test_cases t WHERE (t.flaky = 1 OR t.outcome = 'flaky')");
    QString details;
    while (plan.step())
        details += plan.text(3);
    QVERIFY2(details.contains(S("test_cases_flaky")), qPrintable(details));

    // Through the report and its JSON.
    MetricsOptions o = period(0, 24);
    o.contributingRows = false;
    const QJsonObject json = metrics::toJson(metrics::buildMetricsReport(ws.db(), o));
    const QJsonObject ci = json.value(S("ci_failures")).toObject();
    QCOMPARE(ci.value(S("failed_jobs")).toInteger(), 1);
    const QJsonObject cluster = ci.value(S("clusters")).toArray().at(0).toObject();
    QCOMPARE(cluster.value(S("job")).toString(), S("test"));
    QCOMPARE(cluster.value(S("commits")).toInteger(), 1);
    QCOMPARE(cluster.value(S("first")).toString(), S("1970-01-01T01:01:40.000+00:00"));
    const QJsonObject flakyJson = json.value(S("flaky_tests")).toObject();
    QCOMPARE(flakyJson.value(S("tests")).toInteger(), 2);
    QCOMPARE(flakyJson.value(S("results")).toInteger(), 2);
}

QTEST_GUILESS_MAIN(TestMetricsCiFailures)
#include "tst_metrics_ci_failures.moc"
