// GitLab CI importers (importers/ci/gitlab_ci_json.cpp, gitlab_trace.cpp), end to end through
// CiImporter::run: pipeline lists and details, jobs lists with retries, a single job, the pipeline
// webhook, self-managed offsets, job traces in every layout the runner and tools produce, how a
// trace finds its job, malformed input, and the real samples in ../shared/samples/gitlab-ci.
//
// Fixtures are in tests/data/gitlab-ci (written for these tests, field for field like the samples).
// Epoch values in the expectations were worked out by hand; the arithmetic is in the comments, with
// 2024-03-05T10:00:00Z = 1709632800 and 2024-03-05T12:00:00Z = 1709640000 as anchors.
#include "ci_test_support.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

using namespace faultline;
using faultline::test::dataPath;
using faultline::test::importCi;
using faultline::test::importErrorOf;
using faultline::test::ScratchWorkspace;
using faultline::test::sharedSamplesDir;
// Checks are "<SQL> => <expected rows>", rows joined by "; ", columns by "|", NULL as NULL.
using faultline::test::verifyChecks;
using faultline::test::workspaceCount;
using faultline::test::workspaceRows;

namespace {

// Short names for the literals the data rows are made of.
QString S(const char* text)
{
    return QString::fromUtf8(text);
}

constexpr auto L = test::texts;

QString fixture(const QString& name)
{
    return dataPath(QStringLiteral("gitlab-ci/") + name);
}

QStringList fixtures(const QStringList& names)
{
    return test::dataPaths(names, QStringLiteral("gitlab-ci"));
}

// Steps of one job: number|name|stage|duration|cache|error line|fingerprint text.
QString stepsOf(const QString& workspace, const QString& jobId)
{
    return workspaceRows(workspace,
        QStringLiteral("SELECT s.number, s.name, s.stage, s.duration_ms, s.cache, s.error_line, f.normalized FROM steps s "
                       "JOIN jobs j ON j.id = s.job_id LEFT JOIN fingerprints f ON f.id = s.fingerprint_id "
                       "WHERE j.external_id = '%1' ORDER BY s.number")
            .arg(jobId))
        .join(QStringLiteral("; "));
}

// Findings of one job: error line|error step|cache|fingerprint text|fingerprint service.
QString findingsOf(const QString& workspace, const QString& jobId)
{
    return workspaceRows(workspace,
        QStringLiteral("SELECT j.error_line, j.error_step, j.cache, f.normalized, f.service FROM jobs j "
                       "LEFT JOIN fingerprints f ON f.id = j.fingerprint_id WHERE j.external_id = '%1'")
            .arg(jobId))
        .join(QStringLiteral("; "));
}

// Peak resident memory of this process so far, in MiB; 0 where unknown.
qint64 peakRssMiB()
{
#ifdef Q_OS_LINUX
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
#else
    return 0;
#endif
}

QByteArray readFixture(const QString& name)
{
    QFile file(fixture(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(name));
    return file.readAll();
}

} // namespace

class TstCiGitlab : public QObject
{
    Q_OBJECT

private slots:
    void jsonShapes_data();
    void jsonShapes();
    void streamedLayouts_data();
    void streamedLayouts();
    void projectKnownLaterOrEarlier_data();
    void projectKnownLaterOrEarlier();
    void reimportKeepsNewestState();
    void emptyArray();
    void traces_data();
    void traces();
    void traceReimportAddsNothing();
    void traceSectionOddities();
    void hugeTraceLineStreams();
    void unknownStatusKept();
    void traceWithoutJob_data();
    void traceWithoutJob();
    void malformed_data();
    void malformed();
    void negativeWithinToleranceWarns();
    void realSamples();
};

void TstCiGitlab::jsonShapes_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<int>("runs");
    QTest::addColumn<int>("jobs");
    QTest::addColumn<QStringList>("checks");

    // 09:58:12.204Z = 1709632800 − 107.796 s → 1709632692204; 10:12:40.531Z = 1709632800 + 760.531 s.
    QTest::addRow("pipelines list") << L({ "pipelines_list.json" }) << 3 << 0
                                    << L({ "SELECT project, external_id, attempt, run_number, event, status, conclusion, head_branch, "
                                           "pr_number, name FROM pipeline_runs ORDER BY external_id => "
                                           "4242|1150021|1|311|push|success|success|main|NULL|NULL; "
                                           "4242|1150107|1|312|merge_request_event|failed|failed|refs/merge-requests/87/head|87|"
                                           "MR pipeline: cart totals; "
                                           "4242|1150230|1|313|web|running|NULL|feature/cart-totals|NULL|NULL",
                                           "SELECT created_at, updated_at, started_at, duration_ms, queued_ms, head_sha, url FROM pipeline_runs "
                                           "WHERE external_id = '1150021' => 1709632692204|1709633560531|NULL|NULL|NULL|"
                                           "3f1c6e8a2b4d0f9e7c5a3b1d8e6f4a2c0b9d7e5f|"
                                           "https://gitlab.example.com/acme/shop-api/-/pipelines/1150021" });
    // duration 861 s → 861000 ms; queued_duration 3.676 s → 3676 ms;
    // started 09:58:15.880Z = 1709632800 − 104.120 → 1709632695880; finished 10:12:40.470Z → 1709633560470.
    QTest::addRow("pipeline detail") << L({ "pipeline_detail.json" }) << 1 << 0
                                     << L({ "SELECT project, external_id, run_number, status, conclusion, started_at, finished_at, "
                                            "duration_ms, queued_ms, updated_at FROM pipeline_runs => "
                                            "4242|1150021|311|success|success|1709632695880|1709633560470|861000|3676|1709633560531" });
    QTest::addRow("pipelines list then detail") << L({ "pipelines_list.json", "pipeline_detail.json" }) << 3 << 0
                                                << L({ "SELECT external_id, duration_ms, queued_ms, run_number FROM pipeline_runs "
                                                       "WHERE duration_ms IS NOT NULL => 1150021|861000|3676|311" });
    // unit-tests ran twice in pipeline 1150107: 8800391 (attempt 1, retried), 8800415 (attempt 2).
    // compile ran once in each of two pipelines: attempt 1 in both, not a retry.
    // 8800415: duration 216.533 s → 216533 ms, queued 2.902 s → 2902 ms; 8800391: queued 107.829 s.
    QTest::addRow("jobs list with retries")
        << L({ "jobs_retried.json" }) << 2 << 6
        << L({ "SELECT r.external_id, j.external_id, j.name, j.stage_raw, j.stage, j.attempt, j.is_retried, j.status, j.conclusion "
               "FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id ORDER BY CAST(j.external_id AS INTEGER) => "
               "1150107|8800389|lint|lint|lint|1|0|success|success; "
               "1150107|8800390|compile|build|build|1|0|success|success; "
               "1150107|8800391|unit-tests|test|test|1|1|failed|failed; "
               "1150107|8800392|deploy-review|review|deploy|1|0|manual|manual; "
               "1150107|8800415|unit-tests|test|test|2|0|success|success; "
               "1150230|8800501|compile|build|build|1|0|running|NULL",
            "SELECT external_id, duration_ms, queued_ms, runner, runner_labels, allow_failure, failure_reason FROM jobs "
            "WHERE external_id IN ('8800415', '8800391', '8800389', '8800392') ORDER BY external_id => "
            "8800389|24622|3135|shared-runner-docker-05|[\"docker\"]|1|NULL; "
            "8800391|173487|107829|shared-runner-docker-05|[\"docker\",\"linux\"]|0|script_failure; "
            "8800392|NULL|NULL|NULL|NULL|0|NULL; "
            "8800415|216533|2902|shared-runner-docker-03|[\"docker\",\"linux\"]|0|NULL",
            // The embedded pipeline says what it was when the jobs were listed: success after the retry.
            "SELECT project, external_id, status, pr_number, event, updated_at FROM pipeline_runs ORDER BY external_id => "
            "4242|1150107|success|87|merge_request_event|1709634221690; 4242|1150230|running|NULL|web|1709635272611" });
    // 12.804 s → 12804 ms; 0.010 s → 10 ms. The project comes from the job's project{id}.
    QTest::addRow("single job") << L({ "job_single.json" }) << 1 << 1
                                << L({ "SELECT project, external_id, status, conclusion, head_sha, updated_at FROM pipeline_runs => "
                                       "318|2290|failed|failed|c0ffee4b1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60|NULL",
                                       "SELECT external_id, name, stage_raw, stage, duration_ms, queued_ms, runner, runner_labels, "
                                       "failure_reason, attempt, is_retried FROM jobs => "
                                       "7781|windows-smoke|verify|test|12804|10|NULL|[\"docker runner\",\"windows-2022\"]|"
                                       "runner_system_failure|1|0" });
    // 11:02:10 UTC = 1709632800 + 3730 s → 1709636530000; 11:07:55 UTC = +4075 s → 1709636875000;
    // compile started 11:02:24 = +3744 s; 64.07 s → 64070 ms; 13.9 s → 13900 ms.
    QTest::addRow("webhook payload")
        << L({ "pipeline_webhook.json" }) << 1 << 3
        << L({ "SELECT project, external_id, run_number, event, status, conclusion, pr_number, created_at, finished_at, "
               "duration_ms, queued_ms, updated_at, url FROM pipeline_runs => "
               "4242|1150412|315|merge_request_event|failed|failed|91|1709636530000|1709636875000|331000|14000|1709636875000|"
               "https://gitlab.example.com/acme/shop-api/-/pipelines/1150412",
            "SELECT external_id, name, stage, status, started_at, finished_at, duration_ms, queued_ms, runner, runner_labels, "
            "failure_reason FROM jobs ORDER BY external_id => "
            "8801001|compile|build|success|1709636544000|1709636608000|64070|13900|shared-runner-docker-05|NULL|NULL; "
            "8801002|unit-tests|test|failed|1709636610000|1709636874000|264200|1600|shared-runner-docker-03|"
            "[\"docker\",\"linux\"]|script_failure; "
            "8801004|deploy-staging|deploy|created|NULL|NULL|NULL|NULL|NULL|NULL|NULL" });
    // +02:00: 2023-09-04T19:08:44.530+02:00 = 17:08:44.530Z = 1693785600 (2023-09-04T00:00Z) + 61200 + 524.530
    // → 1693847324530; the others likewise (…40.005 → 1693847320005, 19:10:52.976 → 1693847452976,
    // 19:08:44.398 → 1693847324398, 19:10:52.960 → 1693847452960, 19:08:40.112 → 1693847320112,
    // 19:10:52.871 → 1693847452871).
    QTest::addRow("self-managed +02:00")
        << L({ "pipeline_selfmanaged.json", "jobs_selfmanaged.json" }) << 1 << 1
        << L({ "SELECT project, external_id, event, created_at, started_at, finished_at, updated_at, duration_ms, queued_ms "
               "FROM pipeline_runs => 17|2210|schedule|1693847320005|1693847324398|1693847452960|1693847452976|128000|4000",
            "SELECT created_at, started_at, finished_at, duration_ms, queued_ms, runner, runner_labels FROM jobs => "
            "1693847320112|1693847324530|1693847452871|128341|4418|lab-shell-runner-1|[\"shell\"]" });
}

void TstCiGitlab::jsonShapes()
{
    QFETCH(QStringList, files);
    QFETCH(int, runs);
    QFETCH(int, jobs);
    QFETCH(QStringList, checks);
    ScratchWorkspace s;
    const auto report = importCi(s.workspace, fixtures(files));
    QCOMPARE(report.warnings, 0);
    QCOMPARE(workspaceCount(s.workspace, "pipeline_runs"), runs);
    QCOMPARE(workspaceCount(s.workspace, "jobs"), jobs);
    verifyChecks(s.workspace, checks);
}

void TstCiGitlab::streamedLayouts_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("runs");
    QTest::addColumn<int>("jobs");

    // `glab api --paginate … | jq -c '.[]'`: one pipeline per line.
    QByteArray lines;
    {
        const QByteArray list = readFixture(QStringLiteral("pipelines_list.json"));
        static const QRegularExpression item(QStringLiteral(R"(\{[^{}]*\})"));
        auto it = item.globalMatch(QString::fromUtf8(list));
        while (it.hasNext())
            lines += it.next().captured().simplified().toUtf8() + '\n';
    }
    QTest::addRow("JSON Lines of pipelines") << lines << 3 << 0;
    // `glab api --paginate` without --jq: pages back to back; the unit-tests retry pair is split
    // across the two pages and still numbered 1, 2.
    const QByteArray jobs = readFixture(QStringLiteral("jobs_retried.json"));
    const qsizetype cut = jobs.indexOf("\n  {\n    \"id\": 8800391");
    QVERIFY(cut > 0);
    QByteArray pages = jobs.left(cut);
    pages.chop(1); // the comma between two jobs
    pages += "\n]\n[" + jobs.mid(cut);
    QTest::addRow("concatenated pages of jobs") << pages << 2 << 6;
}

void TstCiGitlab::streamedLayouts()
{
    QFETCH(QByteArray, content);
    QFETCH(int, runs);
    QFETCH(int, jobs);
    ScratchWorkspace s;
    const QString file = s.write(QStringLiteral("export.json"), content);
    importCi(s.workspace, { file });
    QCOMPARE(workspaceCount(s.workspace, "pipeline_runs"), runs);
    QCOMPARE(workspaceCount(s.workspace, "jobs"), jobs);
    if (jobs > 0)
        verifyChecks(s.workspace,
            L({ "SELECT external_id, attempt, is_retried FROM jobs WHERE name = 'unit-tests' ORDER BY external_id => "
                "8800391|1|1; 8800415|2|0" }));
}

void TstCiGitlab::projectKnownLaterOrEarlier_data()
{
    QTest::addColumn<bool>("detailFirst");
    QTest::addRow("jobs without project_id, then the pipeline") << false;
    QTest::addRow("the pipeline, then jobs without project_id") << true;
}

void TstCiGitlab::projectKnownLaterOrEarlier()
{
    // A jobs list whose embedded pipeline lacks project_id (the DevLake sample) and the pipeline detail
    // that names it meet in one run, whatever the order.
    QFETCH(bool, detailFirst);
    ScratchWorkspace s;
    QByteArray jobs = readFixture(QStringLiteral("jobs_selfmanaged.json"));
    jobs.replace("\"project_id\": 17,", "");
    const QString jobsFile = s.write(QStringLiteral("jobs.json"), jobs);
    const QString detail = fixture(QStringLiteral("pipeline_selfmanaged.json"));
    importCi(s.workspace, detailFirst ? QStringList { detail, jobsFile } : QStringList { jobsFile, detail });
    verifyChecks(s.workspace,
        L({ "SELECT r.project, r.external_id, r.duration_ms, j.external_id FROM pipeline_runs r JOIN jobs j ON j.run_id = r.id "
            "=> 17|2210|128000|90412" }));
    QCOMPARE(workspaceCount(s.workspace, "pipeline_runs"), 1);
}

void TstCiGitlab::reimportKeepsNewestState()
{
    ScratchWorkspace s;
    // The list says 1150107 failed (updated 10:19:33.718); the jobs list, later, says success
    // (updated 10:23:41.690). Imported in either order and again, the newer state stays.
    importCi(s.workspace, fixtures(L({ "jobs_retried.json", "pipelines_list.json" })));
    importCi(s.workspace, fixtures(L({ "pipelines_list.json" })));
    importCi(s.workspace, fixtures(L({ "jobs_retried.json", "pipeline_webhook.json" })));
    QCOMPARE(workspaceCount(s.workspace, "pipeline_runs"), 4);
    QCOMPARE(workspaceCount(s.workspace, "jobs"), 9);
    verifyChecks(s.workspace,
        L({ "SELECT status, updated_at FROM pipeline_runs WHERE external_id = '1150107' => success|1709634221690",
            "SELECT external_id, attempt, is_retried FROM jobs WHERE name = 'unit-tests' ORDER BY external_id => "
            "8800391|1|1; 8800415|2|0; 8801002|1|0" }));
}

void TstCiGitlab::emptyArray()
{
    // Decision: `[]` is a valid export of a quiet period. Content detection cannot name its family,
    // so it needs --format gitlab; then it imports nothing and leaves one warning.
    ScratchWorkspace s;
    const QString file = s.write(QStringLiteral("none.json"), "[]\n");
    const auto report = importCi(s.workspace, { file }, { .format = QStringLiteral("gitlab") });
    QCOMPARE(report.rowsWritten, 0);
    QCOMPARE(report.warnings, 1);
    QCOMPARE(workspaceCount(s.workspace, "pipeline_runs"), 0);
    const QString error = importErrorOf([&] { importCi(s.workspace, { file }); });
    QVERIFY2(error.contains(QStringLiteral("none.json")) && error.contains(QStringLiteral("--format")), qPrintable(error));
}

void TstCiGitlab::traces_data()
{
    QTest::addColumn<QString>("trace");
    QTest::addColumn<QString>("copyAs"); // imported under this file name when set
    QTest::addColumn<QString>("jobOption");
    QTest::addColumn<QString>("job");
    QTest::addColumn<QString>("steps");
    QTest::addColumn<QString>("findings");

    // Sections 1709640002…1709640071 = 12:00:02…12:01:11; job 8802001 ran 12:00:01.250–12:01:12.840.
    // Durations from the markers: 2, 1, 3, 3, 57, 2, 1, 0 s. The user section npm_ci inside
    // step_script is no step of its own.
    QTest::addRow("plain sections, restore_cache hit, by time window")
        << S("trace_sections.log") << QString() << QString() << S("8802001")
        << S("1|prepare_executor|setup|2000|NULL|NULL|NULL; 2|prepare_script|setup|1000|NULL|NULL|NULL; "
             "3|get_sources|checkout|3000|NULL|NULL|NULL; 4|restore_cache|setup|3000|hit|NULL|NULL; "
             "5|step_script|build|57000|NULL|NULL|NULL; 6|archive_cache|package|2000|NULL|NULL|NULL; "
             "7|upload_artifacts_on_success|package|1000|NULL|NULL|NULL; 8|cleanup_file_variables|other|0|NULL|NULL|NULL")
        << S("NULL|NULL|hit|NULL|NULL");
    // Markers glued to each other as the runner writes them; 1709640076…1709640184 = 12:01:16…12:03:04.
    // The jest "FAIL <file>" line is the specific error; "ERROR: Job failed: exit code 1" after the
    // last section is only the generic one. Fingerprints by hand: lower case, the path → <path>.
    QTest::addRow("glued markers, restore_cache miss, failing job, by file name")
        << S("job_8802002.log") << QString() << QString() << S("8802002")
        << S("1|prepare_executor|setup|3000|NULL|NULL|NULL; 2|prepare_script|setup|1000|NULL|NULL|NULL; "
             "3|get_sources|checkout|3000|NULL|NULL|NULL; 4|restore_cache|setup|1000|miss|NULL|NULL; "
             "5|step_script|test|94000|NULL|FAIL src/cart/totals.test.ts|step_script: fail <path>; "
             "6|after_script|test|2000|NULL|NULL|NULL; 7|upload_artifacts_on_failure|package|3000|NULL|NULL|NULL; "
             "8|cleanup_file_variables|other|1000|NULL|NULL|NULL")
        << S("FAIL src/cart/totals.test.ts|step_script|miss|unit-tests: fail <path>|4242");
    // \r normalised to \n: every marker ends its line. 1709640371…1709640399 = 12:06:11…12:06:39.
    const QString lfSteps = S("1|prepare_executor|setup|0|NULL|NULL|NULL; 2|prepare_script|setup|1000|NULL|NULL|NULL; "
                              "3|get_sources|checkout|2000|NULL|NULL|NULL; 4|step_script|build|23000|NULL|NULL|NULL; "
                              "5|after_script|build|2000|NULL|NULL|NULL");
    QTest::addRow("\\r normalised to \\n, by time window") << S("trace_lf.log") << QString() << QString() << S("8802006")
                                                         << lfSteps << S("NULL|NULL|NULL|NULL|NULL");
    // Two parallel jobs ran 12:03:08–12:04:31; by time alone the trace is ambiguous (traceWithoutJob).
    const QString parallelSteps = S("1|prepare_executor|setup|2000|NULL|NULL|NULL; 2|step_script|test|78000|NULL|NULL|NULL; "
                                    "3|cleanup_file_variables|other|1000|NULL|NULL|NULL");
    QTest::addRow("parallel jobs told apart by --job") << S("trace_parallel.log") << QString() << S("8802003") << S("8802003")
                                                       << parallelSteps << S("NULL|NULL|NULL|NULL|NULL");
    QTest::addRow("parallel jobs told apart by the file name") << S("trace_parallel.log") << S("job_8802004.log") << QString()
                                                               << S("8802004") << parallelSteps << S("NULL|NULL|NULL|NULL|NULL");
    // FF_TIMESTAMPS on every line; the docker error is split over a '+' continuation line and only
    // joined it ends in "exit code: 100" (quoted command → <q>, 100 → <n>). BuildKit's "#5 CACHED"
    // makes step_script a cache hit. Sections 1709640301…1709640359 = 12:05:01…12:05:59.
    QTest::addRow("FF_TIMESTAMPS with + continuation, by time window")
        << S("trace_timestamps.log") << QString() << QString() << S("8802005")
        << S("1|prepare_executor|setup|2000|NULL|NULL|NULL; 2|get_sources|checkout|2000|NULL|NULL|NULL; "
             "3|step_script|package|52000|hit|failed to solve: process \"/bin/sh -c apt-get update && apt-get install -y "
             "libvips-dev\" did not complete successfully: exit code: 100|step_script: failed to solve: process <q> did not "
             "complete successfully: exit code: <n>; "
             "4|upload_artifacts_on_failure|package|1000|NULL|NULL|NULL; 5|cleanup_file_variables|other|1000|NULL|NULL|NULL")
        << S("failed to solve: process \"/bin/sh -c apt-get update && apt-get install -y libvips-dev\" did not complete "
             "successfully: exit code: 100|step_script|hit|package-image: failed to solve: process <q> did not complete "
             "successfully: exit code: <n>|4242");
    // No sections: the line times (12:07:01.200…12:07:19.800) find job 8802007 (12:07:00.500–12:07:20.500).
    QTest::addRow("FF_TIMESTAMPS without sections, by line times")
        << S("trace_timestamps_nosections.log") << QString() << QString() << S("8802007") << QString()
        << S("GET /healthz returned 503|NULL|NULL|smoke: get <path> returned <n>|4242");
}

void TstCiGitlab::traces()
{
    QFETCH(QString, trace);
    QFETCH(QString, copyAs);
    QFETCH(QString, jobOption);
    QFETCH(QString, job);
    QFETCH(QString, steps);
    QFETCH(QString, findings);
    ScratchWorkspace s;
    const QString input = copyAs.isEmpty() ? fixture(trace) : s.write(copyAs, readFixture(trace));
    importCi(s.workspace, { fixture(QStringLiteral("jobs_for_traces.json")), input }, { .job = jobOption });
    QCOMPARE(stepsOf(s.workspace, job), steps);
    QCOMPARE(findingsOf(s.workspace, job), findings);
    // Nothing went to another job.
    QCOMPARE(workspaceCount(s.workspace, "steps"), steps.isEmpty() ? 0 : steps.count(QStringLiteral("; ")) + 1);
    QCOMPARE(workspaceRows(s.workspace, "SELECT count(*) FROM jobs WHERE error_line IS NOT NULL OR cache IS NOT NULL")
                 .join(QStringLiteral("; ")),
        findings == QLatin1String("NULL|NULL|NULL|NULL|NULL") ? S("0") : S("1"));
}

void TstCiGitlab::traceReimportAddsNothing()
{
    ScratchWorkspace s;
    const QStringList inputs = fixtures(L({ "jobs_for_traces.json", "job_8802002.log", "trace_timestamps.log" }));
    importCi(s.workspace, inputs);
    const QString before = stepsOf(s.workspace, S("8802002")) + findingsOf(s.workspace, S("8802002"));
    importCi(s.workspace, inputs);
    QCOMPARE(workspaceCount(s.workspace, "steps"), 8 + 5);
    QCOMPARE(workspaceCount(s.workspace, "fingerprints"), 4); // two jobs, one failing step each
    QCOMPARE(stepsOf(s.workspace, S("8802002")) + findingsOf(s.workspace, S("8802002")), before);
}

void TstCiGitlab::traceSectionOddities()
{
    // Nested user sections closed by their parent's end, a section_end nothing opened, text that
    // only looks like a marker, '\r' progress output, and a last section the trace never closes.
    ScratchWorkspace s;
    importCi(s.workspace, { fixture(QStringLiteral("jobs_for_traces.json")) });
    const QString trace = s.write(QStringLiteral("odd.log"),
        "section_start:1709640002:prepare_executor\r\x1b[0K\x1b[0K\x1b[36;1mPreparing the \"docker\" executor\x1b[0;m\n"
        "section_end:1709640003:prepare_executor\r\x1b[0K\n"
        "section_start:1709640003:step_script\r\x1b[0K\x1b[0K\x1b[36;1mExecuting \"step_script\" stage\x1b[0;m\n"
        "\x1b[32;1m$ echo -e \"section_start:`date +%s`:build_deps[collapsed=true]\\r\\e[0KDeps\"\x1b[0;m\n"
        "section_start:1709640004:build_deps[collapsed=true]\r\x1b[0KDeps\n"
        "section_start:1709640005:inner\r\x1b[0K\n"
        "Downloading 10%\rDownloading 55%\rDownloading 100%\n"
        "section_end:1709640009:build_deps\r\x1b[0K\n"
        "section_end:1709640010:never_opened\r\x1b[0K\n"
        "grep -c section_end:1709640011:foo.log done\n"
        "section_end:1709640020:step_script\r\x1b[0Ksection_start:1709640020:after_script\r\x1b[0K\n"
        "error: cannot open foo.log\n");
    const auto report = importCi(s.workspace, { trace }, { .job = S("8802001") });
    QCOMPARE(report.warnings, 2); // never_opened; after_script not closed
    // step_script: 1709640003 → 1709640020 = 17 s (neither the nested ends nor the grep line end it).
    QCOMPARE(stepsOf(s.workspace, S("8802001")),
        S("1|prepare_executor|setup|1000|NULL|NULL|NULL; 2|step_script|build|17000|NULL|NULL|NULL; "
          "3|after_script|build|NULL|NULL|cannot open foo.log|after_script: cannot open foo.log"));
    QCOMPARE(findingsOf(s.workspace, S("8802001")), S("cannot open foo.log|after_script|NULL|compile: cannot open foo.log|4242"));
}

void TstCiGitlab::hugeTraceLineStreams()
{
    // A 50 MB line without a newline inside a section: read in bounded pieces, never whole.
    ScratchWorkspace s;
    importCi(s.workspace, { fixture(QStringLiteral("jobs_for_traces.json")) });
    const QString path = s.dir.filePath(QStringLiteral("huge.log"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("section_start:1709640002:step_script\r\x1b[0K\n");
        const QByteArray block(1024 * 1024, 'x');
        for (int i = 0; i < 50; ++i)
            file.write(block);
        file.write("\nERROR: disk quota exceeded\nsection_end:1709640070:step_script\r\x1b[0K\n");
    }
    const qint64 before = peakRssMiB();
    importCi(s.workspace, { path }, { .job = S("8802001") });
#ifndef __SANITIZE_ADDRESS__ // ASan's quarantine keeps freed blocks resident
    if (before > 0)
        QVERIFY2(peakRssMiB() - before < 40, qPrintable(QStringLiteral("peak RSS grew by %1 MiB").arg(peakRssMiB() - before)));
#else
    Q_UNUSED(before)
#endif
    QCOMPARE(stepsOf(s.workspace, S("8802001")),
        S("1|step_script|build|68000|NULL|disk quota exceeded|step_script: disk quota exceeded"));
}

void TstCiGitlab::unknownStatusKept()
{
    ScratchWorkspace s;
    QByteArray jobs = readFixture(QStringLiteral("jobs_selfmanaged.json"));
    jobs.replace("\"status\": \"success\",\n    \"stage\"", "\"status\": \"waiting_for_callback\",\n    \"stage\"");
    const auto report = importCi(s.workspace, { s.write(QStringLiteral("jobs.json"), jobs) });
    QCOMPARE(report.warnings, 1);
    verifyChecks(s.workspace, L({ "SELECT status, conclusion FROM jobs => waiting_for_callback|NULL" }));
}

void TstCiGitlab::traceWithoutJob_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content"); // empty: the fixture of that name
    QTest::addColumn<bool>("withJobs");
    QTest::addColumn<QString>("jobOption");
    QTest::addColumn<QStringList>("message");

    QTest::addRow("ambiguous: two parallel jobs") << S("trace_parallel.log") << QByteArray() << true << QString()
                                                  << L({ "trace_parallel.log", "matches 2 GitLab jobs by time",
                                                         "8802003 (integration 1/2)", "8802004 (integration 2/2)", "--job" });
    QTest::addRow("jobs JSON not imported") << S("trace_sections.log") << QByteArray() << false << QString()
                                            << L({ "trace_sections.log", "no GitLab job in the workspace",
                                                   "2024-03-05T12:00:02Z", "--job", "jobs JSON first" });
    const QByteArray nextDay = "section_start:1709726402:prepare_executor\r\x1b[0K\x1b[0K\x1b[36;1mPreparing\x1b[0;m\n"
                               "section_end:1709726404:prepare_executor\r\x1b[0K\n";
    QTest::addRow("no job at these times") << S("next_day.log") << nextDay << true << QString()
                                           << L({ "next_day.log", "no GitLab job in the workspace", "2024-03-06T12:00:02Z" });
    // 8802001 ran on 2024-03-05; a trace of the next day named after it is not its trace.
    QTest::addRow("file name names a job far from the trace's times")
        << S("job_8802001.log") << nextDay << true << QString() << L({ "job_8802001.log", "no GitLab job in the workspace" });
    QTest::addRow("no times and no id in the name") << S("plain.log")
                                                    << QByteArray("Running with gitlab-runner 16.9.1 (782c6ecb)\n$ make\n") << true
                                                    << QString() << L({ "plain.log", "cannot tell which GitLab job", "--job" });
    QTest::addRow("--job not in the workspace") << S("trace_sections.log") << QByteArray() << true << S("999")
                                                << L({ "trace_sections.log", "--job 999: no GitLab job with this id" });
}

void TstCiGitlab::traceWithoutJob()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(bool, withJobs);
    QFETCH(QString, jobOption);
    QFETCH(QStringList, message);
    ScratchWorkspace s;
    if (withJobs)
        importCi(s.workspace, { fixture(QStringLiteral("jobs_for_traces.json")) });
    const QString trace = content.isEmpty() ? fixture(name) : s.write(name, content);
    test::verifyImportFails(s.workspace, { trace }, { .job = jobOption, .format = S("gitlab-trace") }, message);
    QCOMPARE(workspaceCount(s.workspace, "steps"), 0);
}

void TstCiGitlab::malformed_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("message");

    const QByteArray jobs = readFixture(QStringLiteral("jobs_selfmanaged.json"));
    auto edited = [&jobs](const char* from, const char* to) {
        QByteArray copy = jobs;
        if (!copy.contains(from))
            qFatal("fixture lacks %s", from);
        return copy.replace(from, to);
    };
    QTest::addRow("truncated") << S("bad.json") << jobs.left(jobs.indexOf("\"pipeline\"")) << S("gitlab")
                               << L({ "bad.json:", "invalid JSON" });
    QTest::addRow("duration as a string") << S("bad.json") << edited("\"duration\": 128.341", "\"duration\": \"abc\"") << S("gitlab")
                                          << L({ "bad.json", "$[0].duration: expected a number, found the string \"abc\"" });
    QTest::addRow("stage as an object") << S("bad.json") << edited("\"stage\": \"build\"", "\"stage\": {\"name\": \"build\"}")
                                        << S("gitlab") << L({ "bad.json", "$[0].stage: expected a string, found an object" });
    QTest::addRow("invalid UTF-8") << S("bad.json") << edited("Describe the on-call rota", "Describe the \xC3\x28 rota") << S("gitlab")
                                   << L({ "bad.json:", "invalid UTF-8" });
    QTest::addRow("timestamp garbage") << S("bad.json")
                                       << edited("\"started_at\": \"2023-09-04T19:08:44.530+02:00\"", "\"started_at\": \"yesterday\"")
                                       << S("gitlab") << L({ "bad.json", "$[0].started_at: expected an ISO-8601 timestamp" });
    QTest::addRow("tag_list not an array") << S("bad.json") << edited("\"tag_list\": [\"shell\"]", "\"tag_list\": \"shell\"")
                                           << S("gitlab") << L({ "bad.json", "$[0].tag_list: expected an array" });
    QTest::addRow("job without its pipeline") << S("bad.json") << edited("\"pipeline\": {", "\"pipeline_info\": {") << S("gitlab")
                                              << L({ "bad.json", "$[0].pipeline: expected an object (the job's pipeline), found nothing" });
    QTest::addRow("pipeline without id") << S("bad.json") << edited("\"id\": 2210,", "") << S("gitlab")
                                         << L({ "bad.json", "$[0].pipeline.id: expected an id" });
    QTest::addRow("records of no GitLab shape") << S("bad.json") << QByteArray("[{\"kind\": \"pipeline\", \"number\": 4}]") << S("gitlab")
                                                << L({ "bad.json", "$[0]: expected a GitLab pipeline", "found an object" });
    QTest::addRow("array of numbers") << S("bad.json") << QByteArray("[1, 2]") << S("gitlab")
                                      << L({ "bad.json", "$[0]: expected a GitLab pipeline or job object, found the number 1" });
    QTest::addRow("webhook of another kind")
        << S("hook.json") << QByteArray("{\"object_kind\": \"build\", \"build_id\": 1, \"build_status\": \"failed\"}") << QString()
        << L({ "hook.json", "$.object_kind: expected \"pipeline\"", "found the string \"build\"" });
    QByteArray hook = readFixture(QStringLiteral("pipeline_webhook.json"));
    hook.replace("\"created_at\": \"2024-03-05 11:02:10 UTC\",\n    \"finished_at\"", "\"created_at\": \"2024-13-45 11:02:10 UTC\",\n    \"finished_at\"");
    QTest::addRow("webhook with a bad date") << S("hook.json") << hook << QString()
                                             << L({ "hook.json", "$.object_attributes.created_at: expected an ISO-8601 timestamp" });
    // More than the clock-skew tolerance (24 h) backwards (importers/common/time_order.h).
    QTest::addRow("duration of minus 25 h") << S("bad.json") << edited("\"duration\": 128.341", "\"duration\": -90000") << S("gitlab")
                                            << L({ "bad.json", "$[0].duration: duration -90000 is negative (1 day 1 h backwards); "
                                                               "expected a duration of at least -24 h (clock skew)" });
    QTest::addRow("finished 2 days before started")
        << S("bad.json") << edited("\"finished_at\": \"2023-09-04T19:10:52.871+02:00\"", "\"finished_at\": \"2023-09-02T19:08:44.530+02:00\"")
        << S("gitlab")
        << L({ "bad.json", "$[0].finished_at: finished_at 2023-09-02T17:08:44.530Z is 2 days before started_at 2023-09-04T17:08:44.530Z" });
    QTest::addRow("trace section ending 2 days before its start")
        << S("job.log") << readFixture(QStringLiteral("trace_sections.log")).replace("section_end:1709640005:prepare_script", "section_end:1709467204:prepare_script")
        << S("gitlab-trace")
        << L({ "job.log:9: section_end:prepare_script 2024-03-03T12:00:04Z is 2 days before section_start:prepare_script 2024-03-05T12:00:04Z; "
               "expected a time at most 24 h before it (clock skew)" });
    QTest::addRow("empty trace") << S("job.log") << QByteArray("\n\n") << S("gitlab-trace") << L({ "job.log", "the file is empty" });
    QTest::addRow("binary trace") << S("job.log") << QByteArray("PK\x03\x04\x14\x00\x00\x00\x08\x00", 10) << S("gitlab-trace")
                                  << L({ "job.log:1:", "binary data" });
}

void TstCiGitlab::malformed()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, format);
    QFETCH(QStringList, message);
    ScratchWorkspace s;
    importCi(s.workspace, fixtures(L({ "pipelines_list.json" })));
    const QString file = s.write(name, content);
    test::verifyImportFails(s.workspace, { file }, { .format = format }, message);
    QCOMPARE(workspaceCount(s.workspace, "pipeline_runs"), 3);
    QCOMPARE(workspaceCount(s.workspace, "jobs"), 0);
}

void TstCiGitlab::negativeWithinToleranceWarns()
{
    // Up to 24 h backwards is clock skew: no duration (rather than a negative one) and a warning.
    ScratchWorkspace s;
    const QString jobs = s.write(S("jobs.json"), readFixture(QStringLiteral("jobs_selfmanaged.json")).replace("\"duration\": 128.341", "\"duration\": -1.5"));
    // The runner's clock stepped back 30 s while prepare_script ran (it started at …004).
    const QString trace = s.write(S("job.log"), readFixture(QStringLiteral("trace_sections.log")).replace("section_end:1709640005:prepare_script", "section_end:1709639974:prepare_script"));
    importCi(s.workspace, { jobs, fixture(QStringLiteral("jobs_for_traces.json")) });
    const auto report = importCi(s.workspace, { trace }, { .job = S("8802002"), .format = S("gitlab-trace") });
    QCOMPARE(report.warnings, 1);
    verifyChecks(s.workspace,
        L({ "SELECT duration_ms, finished_at - started_at FROM jobs WHERE external_id = '90412' => NULL|128341",
            "SELECT name, duration_ms, finished_at - started_at FROM steps WHERE name = 'prepare_script' => prepare_script|NULL|-30000",
            "SELECT kind, location, detail FROM import_warnings ORDER BY id => "
            "inconsistent|$[0].duration|duration -1.5 is negative (1.5 s backwards); no duration recorded; "
            "inconsistent|prepare_script|section_end:prepare_script 2024-03-05T11:59:34Z is 30 s before "
            "section_start:prepare_script 2024-03-05T12:00:04Z; no duration recorded" }));
}

void TstCiGitlab::realSamples()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    const QDir dir(samples + QStringLiteral("/gitlab-ci"));
    auto sample = [&dir](const char* name) { return dir.filePath(S(name)); };

    {
        // 75 jobs in 58 pipelines; five job names repeat within a pipeline: 41, 21, 17 (2 each),
        // 18 (3) and 16 (10), so 1 + 1 + 1 + 2 + 9 = 14 jobs are retried. The jobs carry no project.
        ScratchWorkspace s;
        const auto report = importCi(s.workspace, { sample("jobs_list_devlake.json") }, { .project = S("merico/pip_test") });
        QCOMPARE(report.warnings, 0); // every status value is a known one
        QCOMPARE(workspaceCount(s.workspace, "jobs"), 75);
        QCOMPARE(workspaceCount(s.workspace, "pipeline_runs"), 58);
        verifyChecks(s.workspace,
            L({ "SELECT count(*) FROM jobs WHERE is_retried = 1 => 14",
                "SELECT DISTINCT project FROM pipeline_runs => merico/pip_test",
                // Pipeline 16: jobs 60…67, 86, 87; the last (87) is attempt 10, 60 attempt 1.
                "SELECT j.external_id, j.attempt, j.is_retried, j.status FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id "
                "WHERE r.external_id = '16' AND j.external_id IN ('60', '87') ORDER BY j.attempt => 60|1|1|created; 87|10|0|failed",
                // 56.799878 s → 56800 ms.
                "SELECT duration_ms, runner, stage FROM jobs WHERE external_id = '120' => 56800|merico  chinese runner|test" }));
    }
    {
        // 16 pipelines; 1078343570: duration 1512 s, queued 1 s, MR 5394.
        ScratchWorkspace s;
        importCi(s.workspace, { sample("pipeline_details_devlake.json"), sample("job_gitlab4j.json") });
        QCOMPARE(workspaceCount(s.workspace, "pipeline_runs"), 16 + 1);
        verifyChecks(s.workspace,
            L({ "SELECT project, duration_ms, queued_ms, pr_number, event FROM pipeline_runs WHERE external_id = '1078343570' "
                "=> 12345678|1512000|1000|5394|merge_request_event",
                // gitlab4j: 0.465 s → 465 ms, 0.010 s → 10 ms; project from project{id: 3}.
                "SELECT r.project, j.duration_ms, j.queued_ms, j.runner_labels, j.failure_reason FROM jobs j "
                "JOIN pipeline_runs r ON r.id = j.run_id => 3|465|10|[\"docker runner\",\"win10-2004\"]|script_failure" }));
    }
    {
        // Webhook: 2016-08-12 15:23:28 UTC = 1471015408 s; finished 15:26:29 = +181 s.
        ScratchWorkspace s;
        importCi(s.workspace, { sample("pipeline_webhook_go-gitlab.json") });
        QCOMPARE(workspaceCount(s.workspace, "jobs"), 5);
        verifyChecks(s.workspace,
            L({ "SELECT project, external_id, pr_number, created_at, finished_at, duration_ms, queued_ms FROM pipeline_runs "
                "=> 1|31|1|1471015408000|1471015589000|63000|12000",
                "SELECT external_id, stage, status, duration_ms, queued_ms, runner_labels, allow_failure FROM jobs "
                "WHERE external_id = '380' => 380|deploy|skipped|17100|3500|[\"docker\",\"gce\"]|1" }));
    }
    {
        // The antmicro traces, with jobs made up to match their times: log1 1699355739…1699355756
        // (2023-11-07T11:15:39Z…11:15:56Z), log2 1695299370…1695300447 (2023-09-21T12:29:30Z…12:47:27Z).
        ScratchWorkspace s;
        const QString jobs = s.write(QStringLiteral("jobs.json"), R"([
 {"id": 5501, "name": "timeline", "stage": "test", "status": "success", "created_at": "2023-11-07T11:15:36.000Z",
  "started_at": "2023-11-07T11:15:38.600Z", "finished_at": "2023-11-07T11:15:56.900Z", "duration": 18.3,
  "queued_duration": 2.6, "pipeline": {"id": 900, "project_id": 77, "sha": "1823d878", "ref": "main", "status": "failed",
  "updated_at": "2023-11-07T11:15:57.000Z"}},
 {"id": 5502, "name": "verilator-build", "stage": "build", "status": "failed", "created_at": "2023-09-21T12:29:25.000Z",
  "started_at": "2023-09-21T12:29:29.500Z", "finished_at": "2023-09-21T12:47:28.000Z", "duration": 1078.5,
  "queued_duration": 4.5, "pipeline": {"id": 901, "project_id": 77, "sha": "9f0c2a71", "ref": "main", "status": "failed",
  "updated_at": "2023-09-21T12:47:29.000Z"}}
])");
        importCi(s.workspace, { jobs, sample("job_trace_full_antmicro_log1.txt"), sample("job_trace_sections_antmicro_log2.txt") });
        // log1 (\r normalised): 0, 0, 1, 10 and 6 s.
        QCOMPARE(stepsOf(s.workspace, S("5501")),
            S("1|prepare_executor|setup|0|NULL|NULL|NULL; 2|prepare_script|setup|0|NULL|NULL|NULL; "
              "3|get_sources|checkout|1000|NULL|NULL|NULL; 4|step_script|test|10000|NULL|NULL|NULL; "
              "5|after_script|test|6000|NULL|NULL|NULL"));
        QCOMPARE(findingsOf(s.workspace, S("5501")), S("NULL|NULL|NULL|NULL|NULL"));
        // log2 (glued markers): 18, 1, 1, 0, 2, 1052, 1 and 2 s; the job's error stands after the last
        // section, so no step holds it.
        QCOMPARE(stepsOf(s.workspace, S("5502")),
            S("1|prepare_executor|setup|18000|NULL|NULL|NULL; 2|prepare_script|setup|1000|NULL|NULL|NULL; "
              "3|get_sources|checkout|1000|NULL|NULL|NULL; 4|restore_cache|setup|0|NULL|NULL|NULL; "
              "5|download_artifacts|setup|2000|NULL|NULL|NULL; 6|build_script|build|1052000|NULL|NULL|NULL; "
              "7|after_script|build|1000|NULL|NULL|NULL; 8|upload_artifacts_on_failure|package|2000|NULL|NULL|NULL"));
        QCOMPARE(findingsOf(s.workspace, S("5502")),
            S("Job failed: exit status 1|NULL|NULL|verilator-build: job failed: exit status <n>|77"));
    }
}

QTEST_GUILESS_MAIN(TstCiGitlab)
#include "tst_ci_gitlab.moc"
