// The CircleCI importer (importers/ci/circleci_json.cpp) end to end through CiImporter::run:
// pipelines, workflows (attempts of re-runs), jobs lists with --run, job details, malformed input,
// and the real samples.
#include "ci_test_support.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace faultline;
using importers::ci::CiImportReport;
using test::CheckAnswer;
using test::dataPaths;
using test::importCi;
using test::scalar;

namespace {

const QString kRunA1 = QStringLiteral("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"); // build-and-test, first run
const QString kRunA2 = QStringLiteral("f2e1d0c9-b8a7-4f6e-8d5c-4b3a2f1e0d9c"); // build-and-test, re-run
const QString kDeploy = QStringLiteral("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");

// One line per run: workflow:attempt:status:conclusion:created:finished:duration, by creation.
const QString kRuns
    = QStringLiteral("SELECT group_concat(v, ',') FROM (SELECT workflow || ':' || run_number || ':' || "
                     "attempt || ':' || status || ':' "
                     "|| coalesce(conclusion, '-') || ':' || coalesce(created_at, '-') || ':' || "
                     "coalesce(finished_at, '-') || ':' || "
                     "coalesce(duration_ms, '-') AS v FROM pipeline_runs ORDER BY created_at)");

const QString kJobs = QStringLiteral(
    "SELECT group_concat(v, ',') FROM (SELECT external_id || ':' || name || ':' || stage || ':' || "
    "coalesce(stage_raw, '-') "
    "|| ':' || status || ':' || coalesce(conclusion, '-') || ':' || coalesce(created_at, '-') || ':' || "
    "coalesce(started_at, '-') || ':' || coalesce(queued_ms, '-') || ':' || coalesce(duration_ms, '-') || "
    "':' || "
    "coalesce(runner_labels, '-') AS v FROM jobs ORDER BY name)");

// Workflows: created/stopped in ms (UTC):
//   A1 09:00:00 = 1714640400000 → 09:06:30 = 1714640790000: 390000 ms, failed, attempt 1
//   A2 09:10:00 = 1714641000000 → 09:15:00.500 = 1714641300500: 300500 ms, the re-run: attempt 2
//      (listed first in the file: attempts follow created_at, not file order)
//   deploy 09:15:01 = 1714641301000, on_hold: no conclusion, no finish
//   B 11:00:03 = 1714647603000 → 11:04:03.250 = 1714647843250: 240250 ms
//   nightly 23:00:00 = 1714604400000 → 23:20:00 = 1714605600000: 1200000 ms, "paused" (unknown)
const QString kAllRuns
    = QStringLiteral("nightly:99:1:paused:paused:1714604400000:1714605600000:1200000,"
                     "build-and-test:101:1:failed:failed:1714640400000:1714640790000:390000,"
                     "build-and-test:101:2:success:success:1714641000000:1714641300500:300500,"
                     "deploy:101:1:on_hold:-:1714641301000:-:-,"
                     "build-and-test:102:1:success:success:1714647603000:1714647843250:240250");

} // namespace

class TstCiCircleci : public QObject
{
    Q_OBJECT
private slots:
    void imports_data();
    void imports();
    void pipelinesInALaterCommand();
    void malformed_data();
    void malformed();
    void realSamples();
};

void TstCiCircleci::imports_data()
{
    QTest::addColumn<QStringList>("inputs");
    QTest::addColumn<QString>("run");
    QTest::addColumn<int>("runs");
    QTest::addColumn<int>("jobs");
    QTest::addColumn<int>("warnings");
    QTest::addColumn<QStringList>("checks");

    QTest::addRow("workflows, a re-run is attempt 2")
        << QStringList { QStringLiteral("circleci/workflows.json") } << QString() << 5 << 0 << 1
        << QStringList {
               kRuns + QStringLiteral(" => ") + kAllRuns,
               QStringLiteral("SELECT provider || '|' || project || '|' || attempt_group FROM pipeline_runs "
                              "WHERE external_id = '")
                   + kRunA2
                   + QStringLiteral(
                       "' => "
                       "circleci|gh/acme/storefront|0d6a2b4e-1f3c-4a5b-9c7d-8e9f0a1b2c3d/build-and-test"),
               QStringLiteral(
                   "SELECT kind || '|' || location FROM import_warnings => unknown-value|$[4].status"),
               QStringLiteral("SELECT count(*) FROM pipeline_runs WHERE head_sha IS NOT NULL => 0"),
           };

    // `circleci api --paginate`-style JSON Lines: one workflow per line, the re-run first.
    QTest::addRow("workflows as JSON Lines")
        << QStringList { QStringLiteral("circleci/workflows.jsonl") } << QString() << 2 << 0 << 0
        << QStringList {
               kRuns
                   + QStringLiteral(
                       " => build-and-test:101:1:failed:failed:1714640400000:1714640790000:390000,"
                       "build-and-test:101:2:success:success:1714641000000:1714641300500:300500"),
           };

    // Pipelines are named first but imported after the workflows: 101 gives its commit, branch and
    // trigger to its three workflows, 102 to its one (branch pull/77 → PR 77). 103 errored
    // (skipped warning), 104 has no workflow (pending warning), nightly is "paused" (unknown).
    QTest::addRow("pipelines before workflows on the command line")
        << QStringList { QStringLiteral("circleci/pipelines.json"),
                         QStringLiteral("circleci/workflows.json") }
        << QString() << 5 << 0 << 3
        << QStringList {
               kRuns + QStringLiteral(" => ") + kAllRuns,
               QStringLiteral("SELECT group_concat(v, ',') FROM (SELECT run_number || ':' || "
                              "coalesce(head_sha, '-') || ':' || "
                              "coalesce(head_branch, '-') || ':' || coalesce(event, '-') || ':' || "
                              "coalesce(pr_number, '-') AS v "
                              "FROM pipeline_runs ORDER BY created_at) "
                              "=> 99:-:-:-:-,"
                              "101:9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d:main:webhook:-,"
                              "101:9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d:main:webhook:-,"
                              "101:9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d:main:webhook:-,"
                              "102:1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d:pull/77:api:77"),
               QStringLiteral("SELECT group_concat(kind || '@' || location, ',') FROM (SELECT * FROM "
                              "import_warnings ORDER BY id) "
                              "=> unknown-value@$[4].status,skipped@$.items[2],pending@$.items[3]"),
               QStringLiteral("SELECT detail FROM import_warnings WHERE kind = 'skipped' => pipeline 103 "
                              "(a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d) errored before any workflow ran "
                              "(config: Config does not "
                              "conform to schema); a pipeline is not a run, so nothing is imported for it"),
           };

    QTest::addRow("pipelines alone")
        << QStringList { QStringLiteral("circleci/pipelines.json") } << QString() << 0 << 0 << 4
        << QStringList {
               QStringLiteral(
                   "SELECT group_concat(kind || '@' || location, ',') FROM (SELECT * FROM import_warnings "
                   "ORDER BY id) "
                   "=> skipped@$.items[2],pending@$.items[0],pending@$.items[1],pending@$.items[3]"),
           };

    // Jobs of the re-run (--run). install-deps: created 09:10:02 = 1714641002000, started 09:10:05
    // = 1714641005000 → queue 3000; stopped 09:11:05 → 60000. unit-tests: created 1714641065000,
    // started 09:11:07 = 1714641067000 → queue 2000; stopped 09:14:59.750 = 1714641299750 → 232750.
    QTest::addRow("jobs list with --run")
        << QStringList { QStringLiteral("circleci/workflows.json"), QStringLiteral("circleci/jobs.json") }
        << kRunA2 << 5 << 2 << 1
        << QStringList {
               kJobs
                   + QStringLiteral(
                       " => "
                       "311:install-deps:setup:-:success:success:1714641002000:1714641005000:3000:60000:-,"
                       "312:unit-tests:test:-:success:success:1714641065000:1714641067000:2000:232750:-"),
               QStringLiteral("SELECT count(*) FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id WHERE "
                              "r.external_id = '")
                   + kRunA2 + QStringLiteral("' AND r.attempt = 2 => 2"),
           };

    // The approval job has no number: its id is its key; stage other, stage_raw approval, status
    // as CircleCI gives it (on_hold, still running: no conclusion).
    QTest::addRow("jobs page with an approval job")
        << QStringList { QStringLiteral("circleci/workflows.json"),
                         QStringLiteral("circleci/jobs_page.json") }
        << kDeploy << 5 << 2 << 1
        << QStringList {
               kJobs
                   + QStringLiteral(
                       " => "
                       "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a:approve-release:other:approval:on_hold:-:-:-:-:-"
                       ":-,"
                       "6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e:deploy-production:deploy:-:blocked:-:-:-:-:-:-"),
           };

    // Job details name their workflow. queued_at 09:10:03 = 1714641003000 → queue 2000; duration
    // 60000 as given; the executor's type and resource class as runner labels.
    QTest::addRow("job details without --run")
        << QStringList { QStringLiteral("circleci/workflows.json"),
                         QStringLiteral("circleci/job_details.json") }
        << QString() << 5 << 1 << 1
        << QStringList {
               kJobs
                   + QStringLiteral(
                       " => 311:install-deps:setup:-:success:success:1714641003000:1714641005000:2000:60000:"
                       "[\"docker\",\"medium\"]"),
           };

    // The list and the details of job 311 meet in one row (job number as key); the details' queue wins.
    QTest::addRow("jobs list then job details")
        << QStringList { QStringLiteral("circleci/workflows.json"), QStringLiteral("circleci/jobs.json"),
                         QStringLiteral("circleci/job_details.json") }
        << kRunA2 << 5 << 2 << 1
        << QStringList {
               kJobs
                   + QStringLiteral(
                       " => 311:install-deps:setup:-:success:success:1714641003000:1714641005000:2000:60000:"
                       "[\"docker\",\"medium\"],"
                       "312:unit-tests:test:-:success:success:1714641065000:1714641067000:2000:232750:-"),
           };
}

void TstCiCircleci::imports()
{
    QFETCH(QStringList, inputs);
    QFETCH(QString, run);
    QFETCH(int, runs);
    QFETCH(int, jobs);
    QFETCH(int, warnings);
    QFETCH(QStringList, checks);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.faultline")));
    const CiImportReport report = importCi(ws, dataPaths(inputs), { .run = run });
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("pipeline_runs")), runs);
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("jobs")), jobs);
    QCOMPARE(report.warnings, warnings);
    test::verifyChecks(ws.db(), checks, CheckAnswer::FirstValue);

    // The same files again: no duplicates, attempts unchanged.
    importCi(ws, dataPaths(inputs), { .run = run });
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("pipeline_runs")), runs);
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("jobs")), jobs);
    QStringList stable; // warnings are recorded per import, so they add up
    for (const QString& check : checks) {
        if (!check.contains(QStringLiteral("import_warnings")))
            stable << check;
    }
    test::verifyChecks(ws.db(), stable, CheckAnswer::FirstValue);
}

void TstCiCircleci::pipelinesInALaterCommand()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.faultline")));
    importCi(ws, { test::dataPath(QStringLiteral("circleci/workflows.json")) });
    const CiImportReport report = importCi(ws, { test::dataPath(QStringLiteral("circleci/pipelines.json")) });
    QCOMPARE(report.warnings, 2); // 103 skipped, 104 pending
    QCOMPARE(scalar(ws.db(),
                    QStringLiteral(
                        "SELECT count(*) || '|' || min(head_sha) FROM pipeline_runs WHERE run_number = 101 "
                        "AND head_branch = 'main' AND event = 'webhook'")),
             QStringLiteral("3|9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d"));
    // A later re-import of the workflows keeps what the pipelines added and the attempts.
    importCi(ws, { test::dataPath(QStringLiteral("circleci/workflows.json")) });
    QCOMPARE(
        scalar(ws.db(),
               QStringLiteral("SELECT head_sha || '|' || attempt FROM pipeline_runs WHERE external_id = '")
                   + kRunA2 + QLatin1Char('\'')),
        QStringLiteral("9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d|2"));
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("pipeline_runs")), 5);
}

void TstCiCircleci::malformed_data()
{
    QTest::addColumn<QStringList>("inputs");
    QTest::addColumn<QString>("run");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("jobs without a workflow")
        << QStringList { QStringLiteral("circleci/workflows.json"), QStringLiteral("circleci/jobs.json") }
        << QString() << QString()
        << QStringList { QStringLiteral("jobs.json: $[0]: a CircleCI job without its workflow"),
                         QStringLiteral("--run WORKFLOW_ID") };
    QTest::addRow("jobs page without a workflow")
        << QStringList { QStringLiteral("circleci/jobs_page.json") } << QString() << QString()
        << QStringList { QStringLiteral("jobs_page.json: $.items[0]: a CircleCI job without its workflow") };
    QTest::addRow("jobs with --run of a workflow not imported")
        << QStringList { QStringLiteral("circleci/jobs.json") } << kRunA2 << QString()
        << QStringList { QStringLiteral("jobs.json: $[0]: --run ") + kRunA2
                         + QStringLiteral(": no CircleCI workflow") };
    QTest::addRow("job details of another workflow than --run")
        << QStringList { QStringLiteral("circleci/workflows.json"),
                         QStringLiteral("circleci/job_details.json") }
        << kRunA1 << QString()
        << QStringList { QStringLiteral("job_details.json: $.latest_workflow.id: expected workflow ")
                         + kRunA1 };
    QTest::addRow("truncated JSON") << QStringList { QStringLiteral("circleci/malformed_truncated.json") }
                                    << QString() << QString()
                                    << QStringList { QStringLiteral(
                                           "malformed_truncated.json:6:20: invalid JSON") };
    QTest::addRow("created_at as a number")
        << QStringList { QStringLiteral("circleci/malformed_created_number.json") } << QString() << QString()
        << QStringList { QStringLiteral("malformed_created_number.json: $[0].created_at: expected a string, "
                                        "found the number 1714641000") };
    QTest::addRow("items as an object, --format circleci")
        << QStringList { QStringLiteral("circleci/malformed_items_object.json") } << QString()
        << QStringLiteral("circleci")
        << QStringList { QStringLiteral("malformed_items_object.json"),
                         QStringLiteral("$.items: expected an array") };
    QTest::addRow("invalid UTF-8") << QStringList { QStringLiteral("circleci/malformed_utf8.json") }
                                   << QString() << QString()
                                   << QStringList { QStringLiteral("malformed_utf8.json:5: invalid UTF-8") };
    // More than the clock-skew tolerance (24 h) backwards; 45 s is a warning (realSamples).
    QTest::addRow("workflow stopped 2 days before it was created")
        << QStringList { QStringLiteral(
               "malformed/backwards-times/circleci_workflow_stopped_before_created.json") }
        << QString() << QString()
        << QStringList { QStringLiteral(
               "circleci_workflow_stopped_before_created.json: $[0].stopped_at: stopped_at "
               "2024-04-30T09:10:00Z is 2 days before created_at 2024-05-02T09:10:00Z; "
               "expected a time at most 24 h before it (clock skew)") };
    QTest::addRow("empty file") << QStringList { QStringLiteral("circleci/empty.json") } << QString()
                                << QString()
                                << QStringList { QStringLiteral("empty.json"), QStringLiteral("empty") };
}

void TstCiCircleci::malformed()
{
    QFETCH(QStringList, inputs);
    QFETCH(QString, run);
    QFETCH(QString, format);
    QFETCH(QStringList, expected);

    const test::ScratchWorkspace scratch;
    QVERIFY(scratch.dir.isValid());
    test::verifyImportFails(scratch.workspace, dataPaths(inputs), { .run = run, .format = format }, expected);
    QCOMPARE(test::workspaceCount(scratch.workspace, "pipeline_runs"), 0);
}

void TstCiCircleci::realSamples()
{
    const QString samples = test::sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    const QString folder = samples + QStringLiteral("/circleci-buildkite/");
    if (!QFileInfo::exists(folder + QStringLiteral("circleci_workflows_devlake.json")))
        QSKIP("no CircleCI samples");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.faultline")));

    // Ten workflows, each of its own pipeline: all attempt 1. Pipeline 8's workflow stopped before
    // it was created (a test edit: 18:05:28 < 18:06:13): no duration, one warning. Pipeline 16's
    // has empty times. Nine pipelines name the workflows' commits; pipeline 10 errored (config
    // fetch) and has no workflow: skipped warning.
    const CiImportReport report = importCi(ws,
                                           { folder + QStringLiteral("circleci_pipelines_devlake.json"),
                                             folder + QStringLiteral("circleci_workflows_devlake.json") });
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("pipeline_runs")), 10);
    QCOMPARE(scalar(ws.db(),
                    QStringLiteral(
                        "SELECT max(attempt) || '|' || count(DISTINCT attempt_group) FROM pipeline_runs")),
             QStringLiteral("1|10"));
    QCOMPARE(scalar(ws.db(), QStringLiteral("SELECT count(*) FROM pipeline_runs WHERE head_sha IS NOT NULL")),
             QStringLiteral("9"));
    // Pipeline 9 (7fcc1623…): workflow 18:13:21 → 18:13:38 = 17000 ms on master, commit 49874a6….
    QCOMPARE(scalar(ws.db(),
                    QStringLiteral("SELECT status || '|' || duration_ms || '|' || head_branch || '|' || "
                                   "head_sha || '|' || event FROM "
                                   "pipeline_runs WHERE run_number = 9")),
             QStringLiteral("success|17000|master|49874a6ac988e2b3434501d4a4554c54583e6820|webhook"));
    QCOMPARE(scalar(ws.db(),
                    QStringLiteral("SELECT coalesce(duration_ms, '-') || '|' || finished_at FROM "
                                   "pipeline_runs WHERE run_number = 8")),
             QStringLiteral("-|1679767528000"));
    QCOMPARE(scalar(ws.db(),
                    QStringLiteral("SELECT coalesce(created_at, '-') || '|' || status FROM pipeline_runs "
                                   "WHERE run_number = 16")),
             QStringLiteral("-|failed"));
    QCOMPARE(
        scalar(ws.db(),
               QStringLiteral(
                   "SELECT group_concat(kind, ',') FROM (SELECT kind FROM import_warnings ORDER BY kind)")),
        QStringLiteral("inconsistent,skipped"));
    QCOMPARE(report.warnings, 2);

    // The jobs capture names no workflow.
    const QString message = test::importErrorOf(
        [&] { importCi(ws, { folder + QStringLiteral("circleci_jobs_devlake.json") }); });
    QVERIFY2(message.contains(
                 QStringLiteral("circleci_jobs_devlake.json: $[0]: a CircleCI job without its workflow")),
             qPrintable(message));
    // With --run: job 9 (build, 18:13:25 → 18:13:38 = 13000 ms) … all nine go to that workflow,
    // which is what --run says; the capture mixes the jobs of several workflows.
    importCi(ws, { folder + QStringLiteral("circleci_jobs_devlake.json") },
             { .run = QStringLiteral("fd0bd4f5-264f-4e3c-a151-06153c018f78") });
    QCOMPARE(scalar(ws.db(),
                    QStringLiteral("SELECT count(*) || '|' || (SELECT duration_ms FROM jobs WHERE "
                                   "external_id = '9') FROM jobs")),
             QStringLiteral("9|13000"));
}

QTEST_GUILESS_MAIN(TstCiCircleci)
#include "tst_ci_circleci.moc"
