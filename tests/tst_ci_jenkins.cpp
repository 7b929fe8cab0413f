// The Jenkins importer (importers/ci/jenkins_json.cpp) end to end through CiImporter::run: wfapi
// runs/describe/stages, classic builds, Blue Ocean nodes, malformed input, and the real samples.
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

const QString kJobs = QStringLiteral(
    "SELECT group_concat(v, ',') FROM (SELECT j.name || ':' || j.stage || ':' || coalesce(j.status, '-') || "
    "':' "
    "|| coalesce(j.conclusion, '-') || ':' || coalesce(j.started_at, '-') || ':' || coalesce(j.duration_ms, "
    "'-') "
    "|| ':' || coalesce(j.finished_at, '-') AS v FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id "
    "ORDER BY r.external_id, CAST(j.external_id AS INTEGER))");

} // namespace

class TstCiJenkins : public QObject
{
    Q_OBJECT
private slots:
    void imports_data();
    void imports();
    void malformed_data();
    void malformed();
    void reimportKeepsNewestState();
    void negativeDurationWithinToleranceWarns();
    void realSamples();
};

void TstCiJenkins::imports_data()
{
    QTest::addColumn<QStringList>("inputs");
    QTest::addColumn<QString>("run");
    QTest::addColumn<QString>("project");
    QTest::addColumn<int>("runs");
    QTest::addColumn<int>("jobs");
    QTest::addColumn<int>("steps");
    QTest::addColumn<int>("warnings");
    QTest::addColumn<QStringList>("checks");

    // Run: queue 1500 → created 1700000000000 − 1500 = 1699999998500. Stages: finish = start + duration:
    // 1700000000000 + 4000 = 1700000004000; 1700000004000 + 60000 = 1700000064000;
    // 1700000064000 + 30000 = 1700000094000. Deploy never ran (start 0 → none).
    QTest::addRow("wfapi describe, folder job with %%20")
        << QStringList { QStringLiteral("jenkins/wfapi_describe.json") } << QString() << QString() << 1 << 4
        << 0 << 0
        << QStringList {
               QStringLiteral("SELECT provider || '|' || project || '|' || external_id || '|' || attempt || "
                              "'|' || run_number "
                              "|| '|' || name FROM pipeline_runs => jenkins|platform/api server|42|1|42|#42"),
               QStringLiteral("SELECT status || '|' || conclusion || '|' || started_at || '|' || finished_at "
                              "|| '|' || duration_ms "
                              "|| '|' || queued_ms || '|' || created_at FROM pipeline_runs "
                              "=> FAILED|FAILED|1700000000000|1700000095000|95000|1500|1699999998500"),
               kJobs
                   + QStringLiteral(" => Checkout:checkout:SUCCESS:SUCCESS:1700000000000:4000:1700000004000,"
                                    "Build:build:SUCCESS:SUCCESS:1700000004000:60000:1700000064000,"
                                    "Unit tests:test:FAILED:FAILED:1700000064000:30000:1700000094000,"
                                    "Deploy:deploy:NOT_EXECUTED:NOT_EXECUTED:-:0:-"),
               QStringLiteral(
                   "SELECT group_concat(coalesce(runner, '-'), ',') FROM (SELECT runner FROM jobs ORDER BY "
                   "CAST(external_id AS INTEGER)) => agent-1,agent-1,agent-2,-"),
               QStringLiteral("SELECT j.error_line || '|' || f.kind || '|' || f.service || '|' || "
                              "f.normalized FROM jobs j "
                              "JOIN fingerprints f ON f.id = j.fingerprint_id "
                              "=> script returned exit code 2|ci|platform/api server|unit tests: script "
                              "returned exit code <n>"),
               QStringLiteral("SELECT count(*) FROM jobs WHERE error_line IS NOT NULL => 1"),
           };

    // Run 8 is running: no conclusion, no finish; created 1700003600000 − 250 = 1700003599750.
    // Run 7: the number comes from the link, not from the old-style id "2023-11-14_22-13-20".
    // Its Test stage has "FAILURE", not a wfapi value: kept, counted as outcome, one warning.
    // Test finish 1700000121000 + 79000 = 1700000200000.
    QTest::addRow("wfapi runs list")
        << QStringList { QStringLiteral("jenkins/wfapi_runs.json") } << QString() << QString() << 2 << 3 << 0
        << 1
        << QStringList {
               QStringLiteral("SELECT group_concat(project || '/' || external_id || ':' || status || ':' || "
                              "coalesce(conclusion, '-') "
                              "|| ':' || coalesce(finished_at, '-') || ':' || duration_ms || ':' || "
                              "queued_ms || ':' || created_at, ',') "
                              "FROM (SELECT * FROM pipeline_runs ORDER BY external_id) "
                              "=> shop/7:UNSTABLE:UNSTABLE:1700000200000:200000:0:1700000000000,"
                              "shop/8:IN_PROGRESS:-:-:45000:250:1700003599750"),
               kJobs
                   + QStringLiteral(" => Build:build:SUCCESS:SUCCESS:1700000001000:120000:1700000121000,"
                                    "Test:test:FAILURE:FAILURE:1700000121000:79000:1700000200000,"
                                    "Build:build:IN_PROGRESS:-:1700003600300:44700:-"),
               QStringLiteral("SELECT kind || '|' || location || '|' || detail FROM import_warnings "
                              "=> unknown-value|$[1].stages[1].status|unknown Jenkins wfapi status "
                              "\"FAILURE\", kept as given"),
           };

    // No links: numbers from "#3"/"#4", the job from --project. Queue 5 → created 1454320799995.
    // The aborted stage's error has a null message: its exception type is the error line.
    QTest::addRow("wfapi runs as JSON Lines, old ids, --project")
        << QStringList { QStringLiteral("jenkins/wfapi_runs.jsonl") } << QString()
        << QStringLiteral("shop-legacy") << 2 << 2 << 0 << 0
        << QStringList {
               QStringLiteral("SELECT group_concat(project || '/' || external_id || ':' || run_number || ':' "
                              "|| status, ',') FROM "
                              "(SELECT * FROM pipeline_runs ORDER BY external_id) => "
                              "shop-legacy/3:3:SUCCESS,shop-legacy/4:4:ABORTED"),
               QStringLiteral(
                   "SELECT created_at FROM pipeline_runs WHERE external_id = '3' => 1454320799995"),
               QStringLiteral("SELECT j.error_line || '|' || f.normalized FROM jobs j JOIN pipeline_runs r "
                              "ON r.id = j.run_id "
                              "JOIN fingerprints f ON f.id = j.fingerprint_id WHERE r.external_id = '4' "
                              "=> org.jenkinsci.plugins.workflow.steps.FlowInterruptedException|"
                              "compile: org.jenkinsci.plugins.workflow.steps.flowinterruptedexception"),
           };

    // Build 3: queue 8000 (Metrics plugin) → created 1700001000000 − 8000 = 1700000992000;
    // finish 1700001000000 + 125000 = 1700001125000. Build 4 is building: IN_PROGRESS, no duration.
    QTest::addRow("classic allBuilds")
        << QStringList { QStringLiteral("jenkins/job_all_builds.json") } << QString() << QString() << 2 << 0
        << 0 << 0
        << QStringList {
               QStringLiteral("SELECT project || '|' || status || '|' || conclusion || '|' || event || '|' "
                              "|| head_sha || '|' "
                              "|| head_branch || '|' || queued_ms || '|' || created_at || '|' || started_at "
                              "|| '|' || finished_at "
                              "|| '|' || duration_ms FROM pipeline_runs WHERE external_id = '3' "
                              "=> "
                              "legacy|SUCCESS|SUCCESS|schedule|3f1c0a9e5b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e|"
                              "release/2.x|8000|"
                              "1700000992000|1700001000000|1700001125000|125000"),
               QStringLiteral("SELECT status || '|' || coalesce(conclusion, '-') || '|' || "
                              "coalesce(duration_ms, '-') || '|' || "
                              "coalesce(finished_at, '-') || '|' || event || '|' || started_at FROM "
                              "pipeline_runs WHERE external_id = '4' "
                              "=> IN_PROGRESS|-|-|-|push|1700002000000"),
           };

    // Cause without _class but with a user → manual. Finish 1700005000000 + 42500 = 1700005042500.
    QTest::addRow("classic single build")
        << QStringList { QStringLiteral("jenkins/build.json") } << QString() << QString() << 1 << 0 << 0 << 0
        << QStringList {
               QStringLiteral(
                   "SELECT project || '|' || external_id || '|' || name || '|' || status || '|' || event || "
                   "'|' || url "
                   "|| '|' || started_at || '|' || finished_at || '|' || duration_ms FROM pipeline_runs "
                   "=> "
                   "tools/linter|57|#57|UNSTABLE|manual|http://jenkins.example.org/job/tools/job/linter/57/|"
                   "1700005000000|1700005042500|42500"),
           };

    // No url: the job path from "Team » backend » PR-12 #5"; a PR-<n> job names its pull request.
    // "NOT_BUILD" is not a classic result: kept, one warning.
    QTest::addRow("classic builds array, fullDisplayName, unknown result")
        << QStringList { QStringLiteral("jenkins/builds_array.json") } << QString() << QString() << 2 << 0
        << 0 << 1
        << QStringList {
               QStringLiteral("SELECT group_concat(project || '/' || external_id || ':' || pr_number || ':' "
                              "|| status || ':' || "
                              "conclusion || ':' || coalesce(head_branch, '-') || ':' || event, ',') FROM "
                              "(SELECT * FROM pipeline_runs ORDER BY external_id) "
                              "=> "
                              "Team/backend/PR-12/5:12:FAILURE:FAILURE:PR-12:manual,Team/backend/PR-12/"
                              "6:12:NOT_BUILD:NOT_BUILD:-:manual"),
               QStringLiteral(
                   "SELECT kind || '|' || location FROM import_warnings => unknown-value|$[1].result"),
           };

    // Bare stages of build 3 after the build itself. "Approve release" waited 45000 ms for input:
    // its duration is kept as given (50000, pause included): finish 1700001072000 + 50000 = 1700001122000.
    const QStringList stageChecks {
        kJobs
            + QStringLiteral(" => Package:package:SUCCESS:SUCCESS:1700001002000:70000:1700001072000,"
                             "Approve release:package:SUCCESS:SUCCESS:1700001072000:50000:1700001122000"),
        QStringLiteral("SELECT count(DISTINCT r.id) || '|' || min(r.external_id) FROM jobs j JOIN "
                       "pipeline_runs r ON r.id = j.run_id "
                       "=> 1|3"),
    };
    QTest::addRow("bare stages with --run and --project")
        << QStringList { QStringLiteral("jenkins/job_all_builds.json"),
                         QStringLiteral("jenkins/wfapi_stages.json") }
        << QStringLiteral("3") << QStringLiteral("legacy") << 2 << 2 << 0 << 0 << stageChecks;
    QTest::addRow("bare stages placed by their links")
        << QStringList { QStringLiteral("jenkins/job_all_builds.json"),
                         QStringLiteral("jenkins/wfapi_stages.json") }
        << QString() << QString() << 2 << 2 << 0 << 0 << stageChecks;

    // A stage's describe after the runs list: stage 15 of run 7 updated (same update time
    // 1700000200000, so applied), with its two flow nodes as steps. Step finish:
    // 1700000121500 + 75000 = 1700000196500; 1700000196500 + 3000 = 1700000199500.
    QTest::addRow("stage describe with flow nodes")
        << QStringList { QStringLiteral("jenkins/wfapi_runs.json"),
                         QStringLiteral("jenkins/wfapi_stage_describe.json") }
        << QString() << QString() << 2 << 3 << 2 << 1
        << QStringList {
               QStringLiteral("SELECT status || '|' || error_line FROM jobs WHERE external_id = '15' => "
                              "FAILED|script returned exit code 1"),
               QStringLiteral("SELECT group_concat(v, ',') FROM (SELECT s.number || ':' || s.name || ':' || "
                              "s.stage || ':' || s.status "
                              "|| ':' || s.duration_ms || ':' || s.finished_at || ':' || "
                              "coalesce(s.error_line, '-') AS v FROM steps s "
                              "ORDER BY s.number) => 1:Shell Script: make "
                              "test:test:FAILED:75000:1700000196500:script returned exit code 1,"
                              "2:Shell Script: ./gradlew check:test:SUCCESS:3000:1700000199500:-"),
               QStringLiteral(
                   "SELECT f.normalized FROM steps s JOIN fingerprints f ON f.id = s.fingerprint_id "
                   "=> shell script: make test: script returned exit code <n>"),
           };

    // Offsets without colon: 10:15:30.250+0100 = 09:15:30.250Z = 1709284530250; 10:17:05.300+0100 =
    // 1709284625300; 10:17:05.350+0100 = 1709284625350. Build finish 1709284530250 + 95000 = 1709284625250;
    // unit finish 1709284625350 + 60000 = 1709284685350. Tests and integration run (UNKNOWN result: no
    // conclusion, no finish). unit and integration are the two edges of Tests: its branches.
    QTest::addRow("Blue Ocean nodes, multibranch link, parallel branches")
        << QStringList { QStringLiteral("jenkins/blueocean_nodes.json") } << QString() << QString() << 1 << 5
        << 0 << 0
        << QStringList {
               QStringLiteral("SELECT project || '|' || external_id || '|' || run_number || '|' || "
                              "coalesce(status, '-') FROM pipeline_runs "
                              "=> webshop/main|9|9|-"),
               kJobs
                   + QStringLiteral(" => Build:build:FINISHED:SUCCESS:1709284530250:95000:1709284625250,"
                                    "Tests:test:RUNNING:-:1709284625300:120000:-,"
                                    "unit:test:FINISHED:FAILURE:1709284625350:60000:1709284685350,"
                                    "integration:test:RUNNING:-:1709284625350:119950:-,"
                                    "Deploy:deploy:-:-:-:-:-"),
               QStringLiteral(
                   "SELECT group_concat(name || '=' || coalesce(stage_raw, '-'), ',') FROM (SELECT * FROM "
                   "jobs ORDER BY "
                   "CAST(external_id AS INTEGER)) => Build=-,Tests=-,unit=Tests,integration=Tests,Deploy=-"),
           };

    // Typed nodes (type/firstParent) without links: the run from --run/--project. "linux" matches
    // no stage rule, so it takes its enclosing stage's ("Checks" → test); "lint" its own.
    QTest::addRow("Blue Ocean typed nodes with --run")
        << QStringList { QStringLiteral("jenkins/blueocean_nodes_typed.json") } << QStringLiteral("12")
        << QStringLiteral("webshop/develop") << 1 << 4 << 0 << 0
        << QStringList {
               QStringLiteral(
                   "SELECT project || '|' || external_id FROM pipeline_runs => webshop/develop|12"),
               QStringLiteral("SELECT group_concat(name || '=' || stage || '=' || coalesce(stage_raw, '-'), "
                              "',') FROM (SELECT * FROM jobs "
                              "ORDER BY CAST(external_id AS INTEGER)) => "
                              "Checks=test=-,lint=lint=Checks,linux=test=Checks,Package=package=-"),
               QStringLiteral("SELECT finished_at FROM jobs WHERE name = 'linux' => 1712044830000"),
           };
}

void TstCiJenkins::imports()
{
    QFETCH(QStringList, inputs);
    QFETCH(QString, run);
    QFETCH(QString, project);
    QFETCH(int, runs);
    QFETCH(int, jobs);
    QFETCH(int, steps);
    QFETCH(int, warnings);
    QFETCH(QStringList, checks);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.faultline")));
    const CiImportReport report = importCi(ws, dataPaths(inputs), { .run = run, .project = project });
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("pipeline_runs")), runs);
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("jobs")), jobs);
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("steps")), steps);
    QCOMPARE(report.warnings, warnings);
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("import_warnings")), warnings);
    test::verifyChecks(ws.db(), checks, CheckAnswer::FirstValue);

    // The same files again: no new rows, the same state.
    importCi(ws, dataPaths(inputs), { .run = run, .project = project });
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("pipeline_runs")), runs);
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("jobs")), jobs);
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("steps")), steps);
    test::verifyChecks(ws.db(), checks, CheckAnswer::FirstValue);
}

void TstCiJenkins::malformed_data()
{
    QTest::addColumn<QStringList>("inputs");
    QTest::addColumn<QString>("run");
    QTest::addColumn<QString>("project");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("truncated JSON") << QStringList { QStringLiteral("jenkins/malformed_truncated.json") }
                                    << QString() << QString() << QString()
                                    << QStringList { QStringLiteral(
                                           "malformed_truncated.json:1:129: invalid JSON") };
    QTest::addRow("startTimeMillis as a string")
        << QStringList { QStringLiteral("jenkins/malformed_start_string.json") } << QString() << QString()
        << QString()
        << QStringList { QStringLiteral("malformed_start_string.json"),
                         QStringLiteral("$.startTimeMillis: expected an integer"),
                         QStringLiteral("\"1700000000000\"") };
    QTest::addRow("stages as an object")
        << QStringList { QStringLiteral("jenkins/malformed_stages_object.json") } << QString() << QString()
        << QString()
        << QStringList { QStringLiteral("malformed_stages_object.json"),
                         QStringLiteral("$.stages: expected an array") };
    QTest::addRow("stages array without its run")
        << QStringList { QStringLiteral("jenkins/wfapi_stages.json") } << QString() << QString() << QString()
        << QStringList { QStringLiteral("wfapi_stages.json"),
                         QStringLiteral("$[0]: a wfapi stage without its run"),
                         QStringLiteral("wfapi/describe"), QStringLiteral("--run") };
    QTest::addRow("stages with --run of a build not imported")
        << QStringList { QStringLiteral("jenkins/wfapi_stages.json") } << QStringLiteral("3")
        << QStringLiteral("legacy") << QString()
        << QStringList { QStringLiteral("wfapi_stages.json"),
                         QStringLiteral("$[0]: --run 3: no Jenkins build 3 of job \"legacy\"") };
    QTest::addRow("stages of another build than --run")
        << QStringList { QStringLiteral("jenkins/job_all_builds.json"),
                         QStringLiteral("jenkins/wfapi_stages.json") }
        << QStringLiteral("4") << QString() << QString()
        << QStringList { QStringLiteral("wfapi_stages.json"),
                         QStringLiteral("$[0]._links.self.href: expected a stage of build 4") };
    QTest::addRow("Blue Ocean nodes without their run")
        << QStringList { QStringLiteral("jenkins/blueocean_nodes_typed.json") } << QString() << QString()
        << QString()
        << QStringList { QStringLiteral("blueocean_nodes_typed.json"),
                         QStringLiteral("$[0]: a Blue Ocean node without its run") };
    QTest::addRow("a Blue Ocean run, not its nodes")
        << QStringList { QStringLiteral("jenkins/blueocean_run.json") } << QString() << QString() << QString()
        << QStringList { QStringLiteral("blueocean_run.json: $: expected Blue Ocean nodes"),
                         QStringLiteral("wfapi/runs") };
    QTest::addRow("invalid UTF-8") << QStringList { QStringLiteral("jenkins/malformed_utf8.json") }
                                   << QString() << QString() << QString()
                                   << QStringList { QStringLiteral("malformed_utf8.json:32: invalid UTF-8") };
    QTest::addRow("empty file") << QStringList { QStringLiteral("jenkins/empty.json") } << QString()
                                << QString() << QString()
                                << QStringList { QStringLiteral("empty.json"), QStringLiteral("empty") };
    QTest::addRow("unknown record with --format jenkins")
        << QStringList { QStringLiteral("jenkins/malformed_unknown_shape.json") } << QString() << QString()
        << QStringLiteral("jenkins")
        << QStringList { QStringLiteral("malformed_unknown_shape.json"),
                         QStringLiteral("$[0]: expected a Jenkins wfapi run") };
    // More than the clock-skew tolerance (24 h) backwards (importers/common/time_order.h).
    QTest::addRow("durationMillis of minus 25 h")
        << QStringList { QStringLiteral("malformed/backwards-times/jenkins_wfapi_duration_negative.json") }
        << QString() << QString() << QString()
        << QStringList { QStringLiteral(
               "jenkins_wfapi_duration_negative.json: $[0].durationMillis: durationMillis "
               "-90000000 is negative (1 day 1 h backwards); expected a duration of at "
               "least -24 h (clock skew)") };
    QTest::addRow("endTimeMillis 2 days before startTimeMillis")
        << QStringList { QStringLiteral("malformed/backwards-times/jenkins_wfapi_end_before_start.json") }
        << QString() << QString() << QString()
        << QStringList { QStringLiteral(
               "jenkins_wfapi_end_before_start.json: $[1].endTimeMillis: endTimeMillis "
               "2023-11-12T14:40:00Z is 2 days 7 h before startTimeMillis "
               "2023-11-14T22:13:20Z") };
    // A good file before the bad one: its rows are rolled back too.
    QTest::addRow("good file then bad file")
        << QStringList { QStringLiteral("jenkins/wfapi_describe.json"),
                         QStringLiteral("jenkins/malformed_stages_object.json") }
        << QString() << QString() << QString()
        << QStringList { QStringLiteral("malformed_stages_object.json"), QStringLiteral("$.stages") };
}

void TstCiJenkins::malformed()
{
    QFETCH(QStringList, inputs);
    QFETCH(QString, run);
    QFETCH(QString, project);
    QFETCH(QString, format);
    QFETCH(QStringList, expected);

    const test::ScratchWorkspace scratch;
    QVERIFY(scratch.dir.isValid());
    test::verifyImportFails(scratch.workspace, dataPaths(inputs),
                            { .run = run, .project = project, .format = format }, expected);
    QCOMPARE(test::workspaceCount(scratch.workspace, "pipeline_runs"), 0);
    QCOMPARE(test::workspaceCount(scratch.workspace, "jobs"), 0);
}

void TstCiJenkins::negativeDurationWithinToleranceWarns()
{
    // A classic build whose duration is -42.5 s (the controller's clock set back): no duration and
    // no finish time rather than negative ones, and a warning.
    const test::ScratchWorkspace scratch;
    QVERIFY(scratch.dir.isValid());
    const auto report
        = importCi(scratch.workspace,
                   { test::dataPath(QStringLiteral(
                       "malformed/backwards-times/jenkins_build_duration_small_negative.json")) });
    QCOMPARE(report.warnings, 1);
    QCOMPARE(test::workspaceRows(scratch.workspace, "SELECT duration_ms, finished_at FROM pipeline_runs"),
             QStringList { QStringLiteral("NULL|NULL") });
    QCOMPARE(test::workspaceRows(scratch.workspace, "SELECT kind, location, detail FROM import_warnings"),
             QStringList { QStringLiteral("inconsistent|$.duration|duration -42500 is negative (42.5 s "
                                          "backwards); no duration recorded") });
}

void TstCiJenkins::reimportKeepsNewestState()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.faultline")));
    // The finished build first, then an older export that still shows it building: the finished
    // state (update time 1700002000000 + 300000) wins over the building one (1700002000000).
    importCi(ws, { test::dataPath(QStringLiteral("jenkins/build_legacy_4_finished.json")) });
    importCi(ws, { test::dataPath(QStringLiteral("jenkins/job_all_builds.json")) });
    QCOMPARE(test::rowCount(ws.db(), QStringLiteral("pipeline_runs")), 2);
    QCOMPARE(scalar(ws.db(),
                    QStringLiteral("SELECT status || '|' || conclusion || '|' || duration_ms || '|' || "
                                   "finished_at || '|' || url "
                                   "FROM pipeline_runs WHERE external_id = '4'")),
             QStringLiteral("FAILURE|FAILURE|300000|1700002300000|http://ci.example.com/job/legacy/4/"));
}

void TstCiJenkins::realSamples()
{
    const QString samples = test::sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    const QString jenkins = samples + QStringLiteral("/jenkins/");
    if (!QFileInfo::exists(jenkins + QStringLiteral("wfapi_describe_cdancy.json")))
        QSKIP("no Jenkins samples");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.faultline")));

    // cdancy describe: run #16 of "Test Workflow" (from /jenkins/job/Test%20Workflow/16/…), paused
    // for input: no conclusion, no finish; three stages, Deploy paused (7 ms, no finish).
    // Build finish 1413461275770 + 5228 = 1413461280998; Test 1413461280998 + 4994 = 1413461285992.
    const CiImportReport report
        = importCi(ws,
                   { jenkins + QStringLiteral("wfapi_describe_cdancy.json"),
                     jenkins + QStringLiteral("build_api_json_cdancy.json"),
                     jenkins + QStringLiteral("builds_tree_api_devlake.json"),
                     jenkins + QStringLiteral("blueocean_run_nodes_parallelRunning.json") });
    QCOMPARE(scalar(ws.db(),
                    QStringLiteral("SELECT status || '|' || coalesce(conclusion, '-') || '|' || "
                                   "coalesce(finished_at, '-') || '|' "
                                   "|| duration_ms || '|' || (SELECT count(*) FROM jobs WHERE run_id = r.id) "
                                   "FROM pipeline_runs r "
                                   "WHERE project = 'Test Workflow' AND external_id = '16'")),
             QStringLiteral("PAUSED_PENDING_INPUT|-|-|10229|3"));
    QCOMPARE(
        scalar(ws.db(),
               QStringLiteral(
                   "SELECT group_concat(name || ':' || duration_ms || ':' || coalesce(finished_at, '-'), "
                   "',') FROM (SELECT j.* "
                   "FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id WHERE r.project = 'Test Workflow' "
                   "ORDER BY CAST(j.external_id AS INTEGER))")),
        QStringLiteral("Build:5228:1413461280998,Test:4994:1413461285992,Deploy:7:-"));
    // cdancy build: fish #10, started by a user, 60750 ms.
    QCOMPARE(
        scalar(
            ws.db(),
            QStringLiteral(
                "SELECT status || '|' || event || '|' || duration_ms || '|' || started_at FROM pipeline_runs "
                "WHERE project = 'fish' AND external_id = '10'")),
        QStringLiteral("SUCCESS|manual|60750|1461091892486"));
    // DevLake builds: 14 builds, 13 of the devlake job in three folders, one of pipeline-test2;
    // "NOT_BUILD" (a test edit) is kept with a warning.
    QCOMPARE(scalar(ws.db(),
                    QStringLiteral("SELECT count(*) FROM pipeline_runs WHERE project = "
                                   "'Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake'")),
             QStringLiteral("13"));
    QCOMPARE(scalar(ws.db(),
                    QStringLiteral(
                        "SELECT head_sha || '|' || head_branch FROM pipeline_runs WHERE external_id = '31'")),
             QStringLiteral("0f886c74949c3ee7e489188911c7dc0c1d547418|main"));
    QCOMPARE(scalar(ws.db(), QStringLiteral("SELECT status FROM pipeline_runs WHERE external_id = '10004'")),
             QStringLiteral("NOT_BUILD"));
    QCOMPARE(scalar(ws.db(),
                    QStringLiteral("SELECT count(*) FROM pipeline_runs WHERE project = 'pipeline-test2'")),
             QStringLiteral("1"));
    // Blue Ocean: run 23 of JENKINS-37962-ATStyle, five nodes; left and right are branches of par.
    QCOMPARE(
        scalar(
            ws.db(),
            QStringLiteral(
                "SELECT group_concat(name || '=' || coalesce(stage_raw, '-') || '=' || coalesce(status, "
                "'-'), ',') FROM "
                "(SELECT j.* FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id WHERE r.project = "
                "'JENKINS-37962-ATStyle' AND r.external_id = '23' ORDER BY CAST(j.external_id AS INTEGER))")),
        QStringLiteral("hey=-=FINISHED,par=-=RUNNING,left=par=RUNNING,right=par=RUNNING,ho=-=-"));
    QCOMPARE(report.warnings, 1);

    // The DevLake stages have no run of their own (their links name builds not in the workspace).
    const QString message = test::importErrorOf(
        [&] { importCi(ws, { jenkins + QStringLiteral("wfapi_stages_devlake.json") }); });
    QVERIFY2(
        message.contains(QStringLiteral("wfapi_stages_devlake.json: $[0]: a wfapi stage without its run")),
        qPrintable(message));
}

QTEST_GUILESS_MAIN(TstCiJenkins)
#include "tst_ci_jenkins.moc"
