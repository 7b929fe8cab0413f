// Issue 9: the demo's CI writer. A small hand-made plan is written out as GitHub Actions exports,
// detected and imported through the real importers, and read back from the workspace.
#include "auto/auto_import.h"
#include "ci/ci_format.h"
#include "ci_test_support.h"
#include "demo/demo_ci_writer.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace faultline;
using faultline::test::S;

namespace {

// 2026-05-04T09:00:00Z
std::int64_t t0()
{
    return QDateTime(QDate(2026, 5, 4), QTime(9, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

constexpr std::int64_t kS = 1000;
constexpr std::int64_t kMin = demo::kMinuteMs;

QString fakeSha(int index)
{
    QString sha;
    for (int i = 0; i < 40; ++i)
        sha += QLatin1Char("0123456789abcdef"[(index * 7 + i * 3 + (i * i) % 5) % 16]);
    return sha;
}

// Steps laid out from `start`, each `seconds` long; every step passes except `failing` (the steps
// after it are skipped, but the Post steps and "Complete job" run).
std::vector<demo::Step> stepsFrom(std::int64_t start, const QStringList& names, const QList<int>& seconds,
                                  int failing = -1)
{
    std::vector<demo::Step> steps;
    std::int64_t at = start;
    bool failed = false;
    for (qsizetype i = 0; i < names.size(); ++i) {
        demo::Step step;
        step.name = names[i];
        const bool runner
            = step.name == QLatin1String("Complete job") || step.name.startsWith(QLatin1String("Post "));
        if (failed && !runner) {
            step.startedMs = step.completedMs = at;
            step.conclusion = QStringLiteral("skipped");
        } else {
            step.startedMs = at;
            step.completedMs = at + seconds[i] * kS + 250; // milliseconds as the REST steps carry them
            at = step.completedMs;
            step.conclusion = i == failing ? QStringLiteral("failure") : QStringLiteral("success");
            failed = failed || i == failing;
        }
        steps.push_back(step);
    }
    return steps;
}

demo::Job buildJob(std::int64_t id, std::int64_t queued, bool cacheHit, int failing = -1,
                   const QString& error = {})
{
    demo::Job job;
    job.id = id;
    job.name = QStringLiteral("build");
    job.runnerLabel = QStringLiteral("ubuntu-latest");
    job.queuedMs = queued;
    job.startedMs = queued + 7 * kS;
    job.usesCache = true;
    job.cacheHit = cacheHit;
    job.steps = stepsFrom(job.startedMs,
                          test::texts({ "Set up job", "Checkout", "Restore cache", "Build", "Upload binary",
                                        "Post Restore cache", "Post Checkout", "Complete job" }),
                          { 2, 3, cacheHit ? 4 : 1, 95, 4, 6, 1, 0 }, failing);
    job.completedMs = job.steps.back().completedMs;
    job.conclusion = failing >= 0 ? QStringLiteral("failure") : QStringLiteral("success");
    job.errorLine = error;
    return job;
}

demo::Job unitTestsJob(std::int64_t id, std::int64_t queued, bool retryFails)
{
    demo::Job job;
    job.id = id;
    job.name = QStringLiteral("unit-tests");
    job.runnerLabel = QStringLiteral("ubuntu-latest-8-cores");
    job.queuedMs = queued;
    job.startedMs = queued + 41 * kS;
    job.steps = stepsFrom(
        job.startedMs,
        test::texts({ "Set up job", "Checkout", "Set up Go", "Run tests", "Post Checkout", "Complete job" }),
        { 2, 3, 5, 140, 1, 0 }, retryFails ? 3 : -1);
    job.completedMs = job.steps.back().completedMs;
    job.conclusion = retryFails ? QStringLiteral("failure") : QStringLiteral("success");
    if (retryFails)
        job.errorLine = QStringLiteral("FAIL: TestCheckoutRetry (0.51s)");
    const QString cart = QStringLiteral("acme/shop/services/cart");
    const QString checkout = QStringLiteral("acme/shop/services/checkout");
    job.tests = {
        { cart, QStringLiteral("TestCartTotal"), 0.021, false, {} },
        { cart, QStringLiteral("TestCartEmpty"), 0.001, false, {} },
        { checkout, QStringLiteral("TestCheckoutRetry"), 0.512, retryFails,
          retryFails ? QStringLiteral("checkout_test.go:88: payment gateway timed out after 500ms")
                     : QString() },
        { checkout, QStringLiteral("TestCheckout<Coupon>&\"VAT\""), 0.034, false, {} },
    };
    return job;
}

demo::Job lintJob(std::int64_t id, std::int64_t queued)
{
    demo::Job job;
    job.id = id;
    job.name = QStringLiteral("lint");
    job.runnerLabel = QStringLiteral("ubuntu-latest");
    job.queuedMs = queued;
    job.startedMs = queued + 3 * kS;
    job.steps = stepsFrom(job.startedMs,
                          test::texts({ "Set up job", "Checkout", "Lint", "Post Checkout", "Complete job" }),
                          { 1, 2, 30, 1, 0 });
    job.completedMs = job.steps.back().completedMs;
    job.conclusion = QStringLiteral("success");
    return job;
}

// Three people, four commits, one pull request; run 9001 fails on the flaky test and passes on its
// re-run (attempt 2), run 9002 (a push to main) fails to build.
demo::Plan smallPlan()
{
    demo::Plan plan;
    plan.seed = 7;
    plan.startMs = t0() - demo::kDayMs;
    plan.endMs = t0() + demo::kDayMs;
    plan.repository = QStringLiteral("acme/shop");
    plan.people
        = { { QStringLiteral("Priya Raman"), QStringLiteral("priya@acme.test"), QStringLiteral("priya") },
            { QStringLiteral("Bob Okafor"), QStringLiteral("bob@acme.test"), QStringLiteral("bokafor") },
            { QStringLiteral("Carla Díaz"), QStringLiteral("carla@acme.test"), QStringLiteral("carla-d") } };
    plan.services = test::texts({ "cart", "checkout" });
    for (int i = 0; i < 4; ++i) {
        demo::Commit commit;
        commit.author = i % 3;
        commit.marker = i == 2 ? demo::AiMarker::Aider : demo::AiMarker::None;
        commit.subject = QStringLiteral("checkout: retry the payment call %1").arg(i);
        commit.body = i == 1 ? QStringLiteral("Body with \"quotes\"\tand a tab.") : QString();
        commit.authoredMs = t0() - 3 * demo::kHourMs + i * kMin;
        commit.committedMs = commit.authoredMs + 30 * kS;
        commit.service = QStringLiteral("checkout");
        commit.pullRequest = i == 1 || i == 2 ? 0 : -1;
        plan.commits.push_back(commit);
    }
    demo::PullRequest pull;
    pull.number = 12;
    pull.author = 1;
    pull.title = QStringLiteral("Retry the payment call");
    pull.branch = QStringLiteral("bokafor/checkout-retry");
    pull.commits = { 1, 2 };
    pull.createdMs = t0() - demo::kHourMs;
    pull.mergedMs = t0() + 2 * demo::kHourMs;
    pull.service = QStringLiteral("checkout");
    plan.pulls.push_back(pull);

    demo::Run first;
    first.id = 9001;
    first.attempt = 1;
    first.workflow = QStringLiteral("CI");
    first.event = QStringLiteral("pull_request");
    first.branch = pull.branch;
    first.headCommit = 2;
    first.pullRequest = 0;
    first.createdMs = t0();
    first.jobs = { buildJob(50001, t0() + 2 * kS, false), unitTestsJob(50002, t0() + 2 * kS, true) };
    first.updatedMs = std::max(first.jobs[0].completedMs, first.jobs[1].completedMs) + 3 * kS;
    first.conclusion = QStringLiteral("failure");
    plan.runs.push_back(first);

    demo::Run rerun = first;
    rerun.attempt = 2;
    rerun.createdMs = t0() + 20 * kMin;
    rerun.jobs = { buildJob(50003, rerun.createdMs + 2 * kS, true),
                   unitTestsJob(50004, rerun.createdMs + 2 * kS, false) };
    rerun.updatedMs = std::max(rerun.jobs[0].completedMs, rerun.jobs[1].completedMs) + 2 * kS;
    rerun.conclusion = QStringLiteral("success");
    plan.runs.push_back(rerun);

    demo::Run push;
    push.id = 9002;
    push.workflow = QStringLiteral("CI");
    push.event = QStringLiteral("push");
    push.branch = QStringLiteral("main");
    push.headCommit = 3;
    push.createdMs = t0() + 3 * demo::kHourMs;
    push.jobs = { buildJob(50005, push.createdMs + kS, true, 3,
                           QStringLiteral("services/cart/cart.go:42:7: undefined: applyVat")),
                  lintJob(50006, push.createdMs + kS) };
    push.updatedMs = push.jobs[0].completedMs + kS;
    push.conclusion = QStringLiteral("failure");
    plan.runs.push_back(push);
    return plan;
}

std::vector<QString> shasOf(const demo::Plan& plan)
{
    std::vector<QString> shas;
    for (size_t i = 0; i < plan.commits.size(); ++i)
        shas.push_back(fakeSha(int(i)));
    return shas;
}

QStringList relativeTo(const QString& dir, const QStringList& files)
{
    QStringList names;
    for (const QString& file : files)
        names << QDir(dir).relativeFilePath(file);
    return names;
}

QByteArray bytesOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

std::int64_t totalSteps(const demo::Plan& plan)
{
    std::int64_t steps = 0;
    for (const auto& run : plan.runs)
        for (const auto& job : run.jobs)
            steps += std::int64_t(job.steps.size());
    return steps;
}

} // namespace

class TestDemoCi : public QObject
{
    Q_OBJECT

private slots:
    void sameBytesTwice();
    void everyFileIsDetected();
    void importGivesThePlan();
    void emptyPlanWritesNothing();
    void manyRuns();
};

void TestDemoCi::sameBytesTwice()
{
    const demo::Plan plan = smallPlan();
    QTemporaryDir a;
    QTemporaryDir b;
    const QStringList first = demo::writeCiExports(plan, shasOf(plan), a.path());
    const QStringList second = demo::writeCiExports(plan, shasOf(plan), b.path());
    // runs, jobs, a log per job (6), a report per unit-tests job (2)
    QCOMPARE(first.size(), 10);
    QCOMPARE(relativeTo(a.path(), first), relativeTo(b.path(), second));
    for (qsizetype i = 0; i < first.size(); ++i)
        QVERIFY2(bytesOf(first[i]) == bytesOf(second[i]), qPrintable(first[i]));
    // Writing again into the same folder replaces the files with the same bytes.
    const QByteArray runs = bytesOf(first.front());
    demo::writeCiExports(plan, shasOf(plan), a.path());
    QCOMPARE(bytesOf(first.front()), runs);

    // Fixed formats: REST times to the second, step times to the millisecond, log lines with seven
    // fraction digits after a BOM.
    QVERIFY(runs.contains("\"created_at\":\"2026-05-04T09:20:00Z\""));
    QVERIFY(runs.contains("\"run_attempt\":2"));
    QVERIFY(runs.contains(
        "\"jobs_url\":\"https://api.github.com/repos/acme/shop/actions/runs/9001/attempts/2/jobs\""));
    const QByteArray jobs = bytesOf(first[1]);
    QVERIFY(jobs.contains(
        "\"started_at\":\"2026-05-04T09:00:09.000Z\",\"completed_at\":\"2026-05-04T09:00:11.250Z\""));
    const QByteArray log = bytesOf(first[2]);
    QVERIFY(log.startsWith("\xEF\xBB\xBF"
                           "2026-05-04T09:00:02.000"));
    QVERIFY(log.contains("Cache not found for input keys: Linux-go-"));
}

void TestDemoCi::everyFileIsDetected()
{
    const demo::Plan plan = smallPlan();
    QTemporaryDir dir;
    const QStringList files = demo::writeCiExports(plan, shasOf(plan), dir.path());
    const importers::Detection detection = importers::detectInputs(files);
    QVERIFY2(detection.unrecognised.isEmpty(), qPrintable(detection.unrecognised.join(u'\n')));
    QCOMPARE(qsizetype(detection.inputs.size()), files.size());
    for (const auto& input : detection.inputs)
        QVERIFY2(input.kind == importers::InputKind::Ci, qPrintable(input.path));

    // And within CI, each as its own format: runs first, then jobs, then logs and reports.
    using importers::ci::CiFormat;
    for (const QString& file : files) {
        bool jobsOnly = false;
        const CiFormat format = importers::ci::detectCiFormat(file, &jobsOnly);
        const QString name = QFileInfo(file).fileName();
        if (name == QLatin1String("runs.jsonl")) {
            QCOMPARE(format, CiFormat::GitHubJson);
            QVERIFY(!jobsOnly);
        } else if (name == QLatin1String("jobs.jsonl")) {
            QCOMPARE(format, CiFormat::GitHubJson);
            QVERIFY(jobsOnly);
        } else if (name.endsWith(QLatin1String(".txt"))) {
            QCOMPARE(format, CiFormat::GitHubJobLog);
        } else {
            QVERIFY2(name.endsWith(QLatin1String(".xml")), qPrintable(name));
            QCOMPARE(format, CiFormat::JUnitXml);
        }
    }
}

void TestDemoCi::importGivesThePlan()
{
    const demo::Plan plan = smallPlan();
    QTemporaryDir dir;
    const QStringList files = demo::writeCiExports(plan, shasOf(plan), dir.path());
    test::ScratchWorkspace scratch;
    importers::AutoImportReport report;
    QElapsedTimer timer;
    timer.start();
    {
        auto ws = store::Workspace::open(scratch.workspace);
        importers::runAutoImport(ws, importers::detectInputs(files), {}, report);
    }
    qInfo("import of %lld CI files: %lld ms", static_cast<long long>(files.size()),
          static_cast<long long>(timer.elapsed()));
    QCOMPARE(report.steps.size(), size_t(1));
    QCOMPARE(report.steps.front().kind, importers::InputKind::Ci);
    QCOMPARE(report.steps.front().notices, QStringList());
    int warnings = 0;
    for (const auto& summary : report.steps.front().summaries)
        warnings += summary.warnings;
    QCOMPARE(warnings, 0);

    const QString& ws = scratch.workspace;
    QCOMPARE(test::workspaceCount(ws, u"pipeline_runs"), std::int64_t(3));
    QCOMPARE(test::workspaceCount(ws, u"jobs"), std::int64_t(6));
    QCOMPARE(test::workspaceCount(ws, u"steps"), totalSteps(plan));
    QCOMPARE(test::workspaceCount(ws, u"test_cases"), std::int64_t(8));

    const demo::Run& rerun = plan.runs[1];
    QCOMPARE(test::workspaceRows(
                 ws,
                 u"SELECT external_id, attempt, project, event, conclusion, head_sha, head_branch, "
                 u"pr_number, created_at, started_at, finished_at FROM pipeline_runs ORDER BY id"),
             QStringList({
                 S("9001|1|acme/shop|pull_request|failure|%1|bokafor/checkout-retry|12|%2|%2|%3")
                     .arg(fakeSha(2))
                     .arg(plan.runs[0].createdMs)
                     .arg(plan.runs[0].updatedMs / kS * kS),
                 S("9001|2|acme/shop|pull_request|success|%1|bokafor/checkout-retry|12|%2|%2|%3")
                     .arg(fakeSha(2))
                     .arg(rerun.createdMs)
                     .arg(rerun.updatedMs / kS * kS),
                 S("9002|1|acme/shop|push|failure|%1|main|NULL|%2|%2|%3")
                     .arg(fakeSha(3))
                     .arg(plan.runs[2].createdMs)
                     .arg(plan.runs[2].updatedMs / kS * kS),
             }));

    // Jobs: attempt, times (to the second), queue, runner label, conclusion and the planned error line.
    const demo::Job& failedTests = plan.runs[0].jobs[1];
    QCOMPARE(
        test::workspaceRows(ws,
                            u"SELECT j.attempt, j.conclusion, j.created_at, j.started_at, j.queued_ms, "
                            u"j.runner_labels, j.error_line FROM jobs j WHERE j.external_id = '50002'"),
        QStringList({ S("1|failure|%1|%2|41000|[\"ubuntu-latest-8-cores\"]|FAIL: TestCheckoutRetry (0.51s)")
                          .arg(failedTests.queuedMs)
                          .arg(failedTests.startedMs) }));
    QCOMPARE(test::workspaceRows(ws, u"SELECT conclusion, error_line FROM jobs WHERE external_id = '50005'"),
             QStringList({ S("failure|services/cart/cart.go:42:7: undefined: applyVat") }));
    QCOMPARE(test::workspaceRows(ws, u"SELECT count(*) FROM jobs WHERE error_line IS NOT NULL"),
             QStringList({ S("2") }));

    // Steps: millisecond times, conclusions, the error on the failed step, cache hits and misses on
    // the "Restore cache" steps only.
    const demo::Step& runTests = failedTests.steps[3];
    QCOMPARE(test::workspaceRows(ws,
                                 u"SELECT s.number, s.conclusion, s.started_at, s.finished_at, s.error_line "
                                 u"FROM steps s JOIN jobs j ON j.id = s.job_id "
                                 u"WHERE j.external_id = '50002' AND s.name = 'Run tests'"),
             QStringList({ S("4|failure|%1|%2|FAIL: TestCheckoutRetry (0.51s)")
                               .arg(runTests.startedMs)
                               .arg(runTests.completedMs) }));
    QCOMPARE(test::workspaceRows(
                 ws,
                 u"SELECT j.external_id, s.name, s.cache FROM steps s JOIN jobs j ON j.id = s.job_id "
                 u"WHERE s.cache IS NOT NULL ORDER BY j.external_id"),
             QStringList({ S("50001|Restore cache|miss"), S("50003|Restore cache|hit"),
                           S("50005|Restore cache|hit") }));
    std::int64_t skipped = 0;
    for (const auto& run : plan.runs)
        for (const auto& job : run.jobs)
            for (const auto& step : job.steps)
                skipped += step.conclusion == QLatin1String("skipped") ? 1 : 0;
    QVERIFY(skipped > 0);
    QCOMPARE(test::workspaceRows(ws, u"SELECT count(*) FROM steps WHERE conclusion = 'skipped'"),
             QStringList({ QString::number(skipped) }));

    // Test results: each report's outcomes, the flaky test failed in attempt 1 and passed in attempt 2.
    QCOMPARE(test::workspaceRows(
                 ws, u"SELECT outcome, count(*) FROM test_cases GROUP BY outcome ORDER BY outcome"),
             QStringList({ S("failed|1"), S("passed|7") }));
    QCOMPARE(
        test::workspaceRows(
            ws,
            u"SELECT suite, classname, name, duration_ms, started_at, message FROM test_cases "
            u"WHERE outcome = 'failed'"),
        QStringList(
            { S("acme/shop/services/checkout|acme/shop/services/checkout|TestCheckoutRetry|512|%1|Failed")
                  .arg(runTests.startedMs / kS * kS) }));
    QCOMPARE(test::workspaceRows(
                 ws, u"SELECT count(*) FROM test_cases WHERE name = 'TestCheckout<Coupon>&\"VAT\"'"),
             QStringList({ S("2") }));
}

void TestDemoCi::emptyPlanWritesNothing()
{
    demo::Plan plan = smallPlan();
    plan.runs.clear();
    QTemporaryDir dir;
    QCOMPARE(demo::writeCiExports(plan, shasOf(plan), dir.path()), QStringList());
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

// 150 runs (450 jobs, 450 logs, 150 reports): counts, and the time the import takes, which grows
// with the number of files (about 2,000 runs of 4 jobs in the demo).
void TestDemoCi::manyRuns()
{
    demo::Plan plan = smallPlan();
    plan.runs.clear();
    constexpr int kRuns = 150;
    for (int i = 0; i < kRuns; ++i) {
        demo::Run run;
        run.id = 20000 + i;
        run.workflow = QStringLiteral("CI");
        run.event = QStringLiteral("push");
        run.branch = QStringLiteral("main");
        run.headCommit = i % 4;
        run.createdMs = t0() + i * 30 * kMin;
        const std::int64_t queued = run.createdMs + 2 * kS;
        run.jobs = { buildJob(100000 + 3 * i, queued, i % 3 != 0),
                     unitTestsJob(100001 + 3 * i, queued, i % 10 == 0), lintJob(100002 + 3 * i, queued) };
        run.updatedMs = run.jobs[1].completedMs + kS;
        run.conclusion = i % 10 == 0 ? QStringLiteral("failure") : QStringLiteral("success");
        plan.runs.push_back(run);
    }
    QTemporaryDir dir;
    QElapsedTimer timer;
    timer.start();
    const QStringList files = demo::writeCiExports(plan, shasOf(plan), dir.path());
    const qint64 writeMs = timer.restart();
    QCOMPARE(files.size(), qsizetype(2 + 3 * kRuns + kRuns));
    test::ScratchWorkspace scratch;
    importers::AutoImportReport report;
    {
        auto ws = store::Workspace::open(scratch.workspace);
        importers::runAutoImport(ws, importers::detectInputs(files), {}, report);
    }
    qInfo("%d runs: wrote %lld files in %lld ms, imported them in %lld ms", kRuns,
          static_cast<long long>(files.size()), static_cast<long long>(writeMs),
          static_cast<long long>(timer.elapsed()));
    int warnings = 0;
    for (const auto& summary : report.steps.front().summaries)
        warnings += summary.warnings;
    QCOMPARE(warnings, 0);
    const QString& ws = scratch.workspace;
    QCOMPARE(test::workspaceCount(ws, u"pipeline_runs"), std::int64_t(kRuns));
    QCOMPARE(test::workspaceCount(ws, u"jobs"), std::int64_t(3 * kRuns));
    QCOMPARE(test::workspaceCount(ws, u"steps"), totalSteps(plan));
    QCOMPARE(test::workspaceCount(ws, u"test_cases"), std::int64_t(4 * kRuns));
    QCOMPARE(
        test::workspaceRows(
            ws, u"SELECT cache, count(*) FROM steps WHERE cache IS NOT NULL GROUP BY cache ORDER BY cache"),
        QStringList({ S("hit|100"), S("miss|50") }));
    QCOMPARE(test::workspaceRows(
                 ws, u"SELECT count(*) FROM jobs WHERE error_line = 'FAIL: TestCheckoutRetry (0.51s)'"),
             QStringList({ S("15") }));
}

QTEST_GUILESS_MAIN(TestDemoCi)
#include "tst_demo_ci.moc"
