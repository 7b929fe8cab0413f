// GitHub Actions JSON exports (FORMATS.md §1a–1c) through `import ci`, end to end. Fixtures in
// tests/data/github-actions/ follow the real samples field for field (repository acme/shop); every
// expected value below is worked out by hand from the fixture, the arithmetic in the comments.
#include "ci_test_support.h"
#include "common/import_error.h"
#include "store/sqlite_database.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace faultline;
using namespace faultline::importers;
using namespace faultline::importers::ci;
using faultline::test::fileSha256;
using faultline::test::importCi;
using faultline::test::rowCount;

namespace {

// One expectation: a query kind, its key, and the rows it must return ("|" between columns, "; "
// between rows, "-" for NULL).
struct Check
{
    QString kind; // run, runInfo, job, steps, sql
    QString key;
    QString expected;
};

using Commands = QList<QStringList>; // each: the files of one `import ci` command, in command-line order
using Checks = QList<Check>;

QString iso(const char* column)
{
    return QStringLiteral("strftime('%Y-%m-%dT%H:%M:%SZ', %1 / 1000, 'unixepoch')").arg(QLatin1String(column));
}

QString query(const store::SqliteDatabase& db, const Check& check)
{
    QString sql;
    if (check.kind == QLatin1String("run")) {
        sql = QStringLiteral("SELECT attempt, status, conclusion, %1, %2, %3, duration_ms, queued_ms FROM pipeline_runs "
                             "WHERE provider = 'github' AND external_id = ?1 ORDER BY attempt")
                  .arg(iso("created_at"), iso("started_at"), iso("finished_at"));
    } else if (check.kind == QLatin1String("runInfo")) {
        sql = QStringLiteral("SELECT project, run_number, workflow, name, event, head_branch, substr(head_sha, 1, 7), "
                             "pr_number, url FROM pipeline_runs WHERE external_id = ?1 ORDER BY attempt");
    } else if (check.kind == QLatin1String("job")) {
        sql = QStringLiteral("SELECT j.name, j.stage, j.status, j.conclusion, j.queued_ms, j.duration_ms, j.attempt, "
                             "r.external_id, r.attempt, j.runner, j.runner_labels FROM jobs j "
                             "JOIN pipeline_runs r ON r.id = j.run_id WHERE j.external_id = ?1");
    } else if (check.kind == QLatin1String("steps")) {
        sql = QStringLiteral("SELECT s.number, s.name, s.stage, s.status, s.conclusion, s.duration_ms FROM steps s "
                             "JOIN jobs j ON j.id = s.job_id WHERE j.external_id = ?1 ORDER BY s.number");
    } else {
        sql = check.key;
    }
    auto s = db.prepare(sql.toStdString());
    if (check.kind != QLatin1String("sql"))
        s.bind(1, check.key);
    return test::sqlRows(s, QStringLiteral("-")).join(QStringLiteral("; "));
}

QStringList fixtures(const QStringList& files)
{
    return test::dataPaths(files, QStringLiteral("github-actions"));
}

// Shorthands for the fixture's repository.
const QString kWeb = QStringLiteral("https://github.com/acme/shop/actions/runs/");

} // namespace

Q_DECLARE_METATYPE(Check)

class TstCiGithubJson : public QObject
{
    Q_OBJECT
private slots:
    void imports_data();
    void imports();
    void malformed_data();
    void malformed();
    void unknownValuesAreKeptWithAWarning();
    void progressAndCancelWithinAFile();
    void realSamples();

private:
    QTemporaryDir m_dir;
    QString freshWorkspace(const char* name)
    {
        const QString path = m_dir.filePath(QString::fromLatin1(name) + QStringLiteral(".faultline"));
        QFile::remove(path);
        store::Workspace::create(path);
        return path;
    }
};

void TstCiGithubJson::imports_data()
{
    QTest::addColumn<Commands>("commands");
    QTest::addColumn<QList<qint64>>("counts"); // pipeline_runs, jobs, steps
    QTest::addColumn<Checks>("checks");

    const QString jobsOfRun = QStringLiteral("SELECT j.external_id, r.attempt FROM jobs j JOIN pipeline_runs r ON r.id = "
                                             "j.run_id ORDER BY j.external_id");

    // Run A: created 09:15:02, started 09:15:09 → queued 7 s; updated 09:21:40 (completed) →
    // duration 09:21:40 − 09:15:09 = 391 s. Run B is running: no finish, no duration; queued
    // 10:00:03 − 10:00:00 = 3 s. Run C is attempt 2 read from a list: created_at is attempt 1's
    // creation, so neither created_at nor a queue time is kept; duration 12:04:05 − 12:00:05 = 240 s.
    QTest::addRow("REST runs list") << Commands { { QStringLiteral("runs_list.json") } } << QList<qint64> { 3, 0, 0 }
                                    << Checks {
                                           { QStringLiteral("run"), QStringLiteral("7301000001"),
                                               QStringLiteral("1|completed|failure|2024-03-04T09:15:02Z|2024-03-04T09:15:09Z|"
                                                              "2024-03-04T09:21:40Z|391000|7000") },
                                           { QStringLiteral("runInfo"), QStringLiteral("7301000001"),
                                               QStringLiteral("acme/shop|41|CI|Fix checkout timeout|pull_request|"
                                                              "fix/checkout-timeout|b7e1c0d|212|")
                                                   + kWeb + QStringLiteral("7301000001") },
                                           { QStringLiteral("run"), QStringLiteral("7301000002"),
                                               QStringLiteral("1|in_progress|-|2024-03-04T10:00:00Z|2024-03-04T10:00:03Z|-|-|3000") },
                                           { QStringLiteral("run"), QStringLiteral("7300999000"),
                                               QStringLiteral("2|completed|success|-|2024-03-02T12:00:05Z|2024-03-02T12:04:05Z|240000|-") },
                                       };

    // Created 03:27:11, started 03:27:20 → queued 9 s; updated 03:31:02 → 222 s.
    QTest::addRow("single run") << Commands { { QStringLiteral("run_single.json") } } << QList<qint64> { 1, 0, 0 }
                                << Checks {
                                       { QStringLiteral("run"), QStringLiteral("7301000003"),
                                           QStringLiteral("1|completed|success|2024-03-05T03:27:11Z|2024-03-05T03:27:20Z|"
                                                          "2024-03-05T03:31:02Z|222000|9000") },
                                       { QStringLiteral("runInfo"), QStringLiteral("7301000003"),
                                           QStringLiteral("acme/shop|9|CodeQL|CodeQL|schedule|main|0d9c8b7|-|") + kWeb
                                               + QStringLiteral("7301000003") },
                                   };

    // Attempt 1: 07:00:00 → 07:00:04 (queued 4 s) → 07:06:04 (360 s). Attempt 2's own view:
    // created 07:30:12 is its own creation (kept), but no queue time for an attempt > 1; started
    // 07:30:10 → updated 07:35:10 = 300 s.
    const QString attempts = QStringLiteral(
        "1|completed|failure|2024-03-05T07:00:00Z|2024-03-05T07:00:04Z|2024-03-05T07:06:04Z|360000|4000; "
        "2|completed|success|2024-03-05T07:30:12Z|2024-03-05T07:30:10Z|2024-03-05T07:35:10Z|300000|-");
    QTest::addRow("attempt views kept apart")
        << Commands { { QStringLiteral("run_attempt2_view.json"), QStringLiteral("run_attempt1_view.json") } }
        << QList<qint64> { 2, 0, 0 } << Checks { { QStringLiteral("run"), QStringLiteral("7301000010"), attempts } };

    // Jobs listed first on the command line: the dispatcher imports the run files first anyway.
    // build #1: created 07:00:05, started 07:00:12 → queued 7 s; completed 07:02:40 → 148 s. Steps:
    // 07:00:11→13 = 2 s, 13→15 = 2 s, 07:00:15→07:02:38 = 143 s, 38→39 = 1 s ("Complete job" matches
    // no rule: the job's stage). lint #1: 07:00:05 → 07:00:09 (4 s) → 07:01:09 (60 s); "Run npm run
    // lint" 07:00:10 → 07:01:08 = 58 s. build #2: 07:30:11 → 07:30:41 (30 s) → 07:33:00 (139 s); its
    // steps carry +08:00: 15:30:40+08 = 07:30:40Z → 42 = 2 s, 42 → 45 = 3 s, 15:30:45 → 15:32:58 = 133 s.
    const Checks filterAll {
        { QStringLiteral("sql"), jobsOfRun,
            QStringLiteral("19500000001|1; 19500000002|1; 19500000101|2; 19500000102|2") },
        { QStringLiteral("job"), QStringLiteral("19500000001"),
            QStringLiteral("build|build|completed|failure|7000|148000|1|7301000010|1|GitHub Actions 12|[\"ubuntu-latest\"]") },
        { QStringLiteral("steps"), QStringLiteral("19500000001"),
            QStringLiteral("1|Set up job|setup|completed|success|2000; 2|Run actions/checkout@v4|checkout|completed|success|2000; "
                           "3|Compile|build|completed|failure|143000; 4|Complete job|build|completed|success|1000") },
        { QStringLiteral("job"), QStringLiteral("19500000002"),
            QStringLiteral("lint|lint|completed|success|4000|60000|1|7301000010|1|GitHub Actions 7|[\"ubuntu-latest\"]") },
        { QStringLiteral("steps"), QStringLiteral("19500000002"),
            QStringLiteral("1|Set up job|setup|completed|success|2000; 2|Run npm run lint|lint|completed|success|58000") },
        { QStringLiteral("job"), QStringLiteral("19500000101"),
            QStringLiteral("build|build|completed|success|30000|139000|2|7301000010|2|GitHub Actions 12|[\"ubuntu-latest\"]") },
        { QStringLiteral("steps"), QStringLiteral("19500000101"),
            QStringLiteral("1|Set up job|setup|completed|success|2000; 2|Run actions/checkout@v4|checkout|completed|success|3000; "
                           "3|Compile|build|completed|success|133000") },
        { QStringLiteral("sql"),
            QStringLiteral("SELECT ") + iso("s.started_at")
                + QStringLiteral(" FROM steps s JOIN jobs j ON j.id = s.job_id WHERE j.external_id = '19500000101' AND s.number = 1"),
            QStringLiteral("2024-03-05T07:30:40Z") },
        { QStringLiteral("run"), QStringLiteral("7301000010"), attempts },
    };
    QTest::addRow("jobs filter=all, two attempts")
        << Commands { { QStringLiteral("jobs_filter_all.json"), QStringLiteral("run_attempt1_view.json"),
               QStringLiteral("run_attempt2_view.json") } }
        << QList<qint64> { 2, 4, 10 } << filterAll;

    // Only attempt 2's run is known: attempt 1's row is made from it and the jobs (number,
    // workflow, commit), without status or times, and says so in a warning.
    QTest::addRow("jobs filter=all, latest attempt's run only")
        << Commands { { QStringLiteral("run_attempt2_view.json"), QStringLiteral("jobs_filter_all.json") } }
        << QList<qint64> { 2, 4, 10 }
        << Checks {
               { QStringLiteral("run"), QStringLiteral("7301000010"),
                   QStringLiteral("1|-|-|-|-|-|-|-; 2|completed|success|2024-03-05T07:30:12Z|2024-03-05T07:30:10Z|"
                                  "2024-03-05T07:35:10Z|300000|-") },
               { QStringLiteral("runInfo"), QStringLiteral("7301000010"),
                   QStringLiteral("acme/shop|43|CI|Cache node_modules|push|main|e3f2a1b|-|") + kWeb
                       + QStringLiteral("7301000010; acme/shop|43|CI|Cache node_modules|push|main|e3f2a1b|-|") + kWeb
                       + QStringLiteral("7301000010") },
               { QStringLiteral("sql"), jobsOfRun, QStringLiteral("19500000001|1; 19500000002|1; 19500000101|2; 19500000102|2") },
               { QStringLiteral("sql"), QStringLiteral("SELECT kind, location FROM import_warnings"),
                   QStringLiteral("partial-run|$.jobs[0]") },
           };

    // 7302000002: running, conclusion "" → none; queued 11:40:02 − 11:40:00 = 2 s. 7302000001:
    // attempt 3 from a list (no own creation time); 10:20:00 → 10:27:30 = 450 s.
    QTest::addRow("gh run list") << Commands { { QStringLiteral("gh_run_list.json") } } << QList<qint64> { 2, 0, 0 }
                                 << Checks {
                                        { QStringLiteral("run"), QStringLiteral("7302000002"),
                                            QStringLiteral("1|in_progress|-|2024-03-06T11:40:00Z|2024-03-06T11:40:02Z|-|-|2000") },
                                        { QStringLiteral("runInfo"), QStringLiteral("7302000002"),
                                            QStringLiteral("acme/shop|45|CI|Bump lodash from 4.17.20 to 4.17.21|pull_request|"
                                                           "dependabot/npm_and_yarn/lodash-4.17.21|5a4b3c2|-|")
                                                + kWeb + QStringLiteral("7302000002") },
                                        { QStringLiteral("run"), QStringLiteral("7302000001"),
                                            QStringLiteral("3|completed|success|-|2024-03-06T10:20:00Z|2024-03-06T10:27:30Z|450000|-") },
                                    };

    // gh run view --attempt 2: the URL ends in /attempts/2, so createdAt is the attempt's own.
    // build 14:21:08 → 14:23:31 = 143 s (gh has no job creation time: no queue); steps 14:21:07 →
    // 10 = 3 s, 14:21:10 → 14:23:30 = 140 s. test: running, its second step's completedAt is Go's
    // zero time (= none). deploy-preview: queued, startedAt is the zero time.
    QTest::addRow("gh run view with jobs")
        << Commands { { QStringLiteral("gh_run_view_jobs.json") } } << QList<qint64> { 1, 3, 4 }
        << Checks {
               { QStringLiteral("run"), QStringLiteral("7303000001"),
                   QStringLiteral("2|in_progress|-|2024-03-07T14:20:58Z|2024-03-07T14:21:00Z|-|-|-") },
               { QStringLiteral("runInfo"), QStringLiteral("7303000001"),
                   QStringLiteral("acme/shop|46|CI|Add payment retries|pull_request|feat/payment-retries|b7e1c0d|-|") + kWeb
                       + QStringLiteral("7303000001/attempts/2") },
               { QStringLiteral("job"), QStringLiteral("19600000001"),
                   QStringLiteral("build|build|completed|success|-|143000|2|7303000001|2|-|-") },
               { QStringLiteral("steps"), QStringLiteral("19600000001"),
                   QStringLiteral("1|Set up job|setup|completed|success|3000; 2|Run make build|build|completed|success|140000") },
               { QStringLiteral("job"), QStringLiteral("19600000002"),
                   QStringLiteral("test (node 20)|test|in_progress|-|-|-|2|7303000001|2|-|-") },
               { QStringLiteral("steps"), QStringLiteral("19600000002"),
                   QStringLiteral("1|Set up job|setup|completed|success|4000; 2|Run npm test|test|in_progress|-|-") },
               { QStringLiteral("sql"),
                   QStringLiteral("SELECT name, stage, status, started_at, finished_at FROM jobs WHERE external_id = '19600000003'"),
                   QStringLiteral("deploy-preview|deploy|queued|-|-") },
           };

    // 20 steps: written 16 rows per statement, then 4. Job 03:27:20 → 03:27:24 (4 s) → 03:28:05
    // (41 s); "analyze" and "Run shard N" match no rule. Steps: 2 s, 18 × 1 s, 1 s = 21 s.
    QTest::addRow("job with 20 steps")
        << Commands { { QStringLiteral("run_single.json"), QStringLiteral("jobs_long.json") } } << QList<qint64> { 1, 1, 20 }
        << Checks {
               { QStringLiteral("job"), QStringLiteral("19500000501"),
                   QStringLiteral("analyze (javascript)|other|completed|success|4000|41000|1|7301000003|1|GitHub Actions 12|"
                                  "[\"ubuntu-latest\"]") },
               { QStringLiteral("sql"), QStringLiteral("SELECT count(*), sum(duration_ms), min(number), max(number) FROM steps"),
                   QStringLiteral("20|21000|1|20") },
               { QStringLiteral("sql"),
                   QStringLiteral("SELECT number, name, stage, duration_ms FROM steps WHERE number BETWEEN 16 AND 20 ORDER BY number"),
                   QStringLiteral("16|Run shard 15|other|1000; 17|Run shard 16|other|1000; 18|Run shard 17|other|1000; "
                                  "19|Run shard 18|other|1000; 20|Complete job|other|1000") },
           };

    // D: 12:00:00 → 12:00:06 (6 s) → 12:03:06 (180 s). E: 02:00:00 → 02:00:30 (30 s) → 03:00:30 (3600 s).
    QTest::addRow("runs JSON Lines") << Commands { { QStringLiteral("runs.jsonl") } } << QList<qint64> { 3, 0, 0 }
                                     << Checks {
                                            { QStringLiteral("run"), QStringLiteral("7301000004"),
                                                QStringLiteral("1|completed|cancelled|2024-03-05T12:00:00Z|2024-03-05T12:00:06Z|"
                                                               "2024-03-05T12:03:06Z|180000|6000") },
                                            { QStringLiteral("run"), QStringLiteral("7301000005"),
                                                QStringLiteral("1|completed|timed_out|2024-03-06T02:00:00Z|2024-03-06T02:00:30Z|"
                                                               "2024-03-06T03:00:30Z|3600000|30000") },
                                        };

    // build: 12:00:07 → 12:00:19 (12 s) → 12:03:05 (166 s); "Upload artifacts" 12:00:20 → 12:03:04 =
    // 164 s, stage package. e2e: 02:00:31 → 02:01:31 (60 s) → 03:00:29 (58 min 58 s = 3538 s);
    // "Run playwright" 02:01:33 → 03:00:28 = 3535 s, no rule: the job's stage (test).
    QTest::addRow("jobs JSON Lines")
        << Commands { { QStringLiteral("jobs.jsonl"), QStringLiteral("runs.jsonl") } } << QList<qint64> { 3, 2, 4 }
        << Checks {
               { QStringLiteral("job"), QStringLiteral("19500000201"),
                   QStringLiteral("build|build|completed|cancelled|12000|166000|1|7301000004|1|GitHub Actions 12|[\"ubuntu-latest\"]") },
               { QStringLiteral("steps"), QStringLiteral("19500000201"),
                   QStringLiteral("1|Set up job|setup|completed|success|2000; 2|Upload artifacts|package|completed|cancelled|164000") },
               { QStringLiteral("job"), QStringLiteral("19500000301"),
                   QStringLiteral("e2e (chromium)|test|completed|failure|60000|3538000|1|7301000005|1|acme-runner-04|"
                                  "[\"self-hosted\",\"linux\",\"x64\"]") },
               { QStringLiteral("steps"), QStringLiteral("19500000301"),
                   QStringLiteral("1|Set up job|setup|completed|success|3000; 2|Run playwright|test|completed|failure|3535000") },
           };

    // gh run list without "url" names no repository: the runs are stored under project '' (with a
    // warning), and the REST jobs, which name acme/shop in run_url, still find them by run id.
    QTest::addRow("gh run list without url, then jobs")
        << Commands { { QStringLiteral("gh_run_list_no_url.json"), QStringLiteral("jobs.jsonl") } } << QList<qint64> { 2, 2, 4 }
        << Checks {
               { QStringLiteral("sql"), jobsOfRun, QStringLiteral("19500000201|1; 19500000301|1") },
               { QStringLiteral("sql"),
                   QStringLiteral("SELECT r.external_id, r.project FROM jobs j JOIN pipeline_runs r ON r.id = j.run_id "
                                  "ORDER BY j.external_id"),
                   QStringLiteral("7301000004|; 7301000005|") },
               { QStringLiteral("sql"), QStringLiteral("SELECT kind FROM import_warnings"), QStringLiteral("missing-project") },
           };

    QTest::addRow("concatenated pages")
        << Commands { { QStringLiteral("runs_pages.json") } } << QList<qint64> { 3, 0, 0 }
        << Checks { { QStringLiteral("sql"),
               QStringLiteral("SELECT external_id, conclusion FROM pipeline_runs ORDER BY external_id"),
               QStringLiteral("7301000003|success; 7301000004|cancelled; 7301000005|timed_out") } };

    // Run A is in both exports, and runs_list.json is imported twice: A, B, C, D, E once each.
    QTest::addRow("re-import and overlapping exports")
        << Commands { { QStringLiteral("runs_list.json") }, { QStringLiteral("runs_list.json"), QStringLiteral("runs.jsonl") },
               { QStringLiteral("jobs.jsonl") }, { QStringLiteral("jobs.jsonl") } }
        << QList<qint64> { 5, 2, 4 }
        << Checks { { QStringLiteral("sql"),
               QStringLiteral("SELECT count(DISTINCT external_id || '/' || attempt) FROM pipeline_runs"), QStringLiteral("5") } };

    // Completed state: run 10:00:04 → 10:06:34 = 390 s, queued 4 s; job 10:00:05 → 10:00:10 (5 s) →
    // 10:06:30 (380 s); "Run pytest" 10:00:11 → 10:06:28 = 377 s. The in-progress export, whichever
    // comes first, never overwrites it (its run updated_at 10:02:00 and its job's latest time
    // 10:00:10 are older), and neither do its steps.
    const Checks newest {
        { QStringLiteral("run"), QStringLiteral("7301000020"),
            QStringLiteral("1|completed|success|2024-03-08T10:00:00Z|2024-03-08T10:00:04Z|2024-03-08T10:06:34Z|390000|4000") },
        { QStringLiteral("job"), QStringLiteral("19500000401"),
            QStringLiteral("unit tests|test|completed|success|5000|380000|1|7301000020|1|GitHub Actions 12|[\"ubuntu-latest\"]") },
        { QStringLiteral("steps"), QStringLiteral("19500000401"),
            QStringLiteral("1|Set up job|setup|completed|success|2000; 2|Run pytest|test|completed|success|377000") },
    };
    QTest::addRow("newest state: running, then completed")
        << Commands { { QStringLiteral("overlap_in_progress.json") }, { QStringLiteral("overlap_completed.json") } }
        << QList<qint64> { 1, 1, 2 } << newest;
    QTest::addRow("newest state: completed, then running")
        << Commands { { QStringLiteral("overlap_completed.json") }, { QStringLiteral("overlap_in_progress.json") } }
        << QList<qint64> { 1, 1, 2 } << newest;
    QTest::addRow("newest state: both in one command")
        << Commands { { QStringLiteral("overlap_completed.json"), QStringLiteral("overlap_in_progress.json") } }
        << QList<qint64> { 1, 1, 2 } << newest;
}

void TstCiGithubJson::imports()
{
    QFETCH(Commands, commands);
    QFETCH(QList<qint64>, counts);
    QFETCH(Checks, checks);

    const QString path = freshWorkspace("imports");
    for (const QStringList& files : commands) {
        try {
            importCi(path, fixtures(files));
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QStringLiteral("import of %1 failed: %2").arg(files.join(QStringLiteral(", ")),
                QString::fromUtf8(e.what()))));
        }
    }
    store::Workspace ws = store::Workspace::open(path);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("pipeline_runs")), counts[0]);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("jobs")), counts[1]);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("steps")), counts[2]);
    for (const Check& check : checks)
        QCOMPARE(query(ws.db(), check), check.expected);
}

void TstCiGithubJson::malformed_data()
{
    QTest::addColumn<QStringList>("before"); // imported first, in its own command
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("expected"); // parts of the message

    const QStringList runs { QStringLiteral("runs_list.json") };
    QTest::addRow("truncated JSON") << runs << QStringList { QStringLiteral("bad_truncated.json") } << QString()
                                    << QStringList { QStringLiteral("bad_truncated.json:59:"), QStringLiteral("invalid JSON") };
    QTest::addRow("wrong type: steps is a string")
        << runs << QStringList { QStringLiteral("bad_steps_string.json") } << QString()
        << QStringList { QStringLiteral("bad_steps_string.json: $.jobs[0].steps: expected an array, found the string \"Set up job, Build\"") };
    QTest::addRow("wrong type: run_started_at is a number")
        << QStringList() << QStringList { QStringLiteral("bad_started_at_number.json") } << QString()
        << QStringList { QStringLiteral("bad_started_at_number.json: $.workflow_runs[0].run_started_at: expected an ISO-8601 "
                                        "timestamp (a string), found the number 1709543709") };
    QTest::addRow("jobs file with no runs")
        << runs << QStringList { QStringLiteral("bad_jobs_without_runs.json") } << QString()
        << QStringList { QStringLiteral("bad_jobs_without_runs.json: $.jobs[0].run_id: run 7309999999 attempt 1 is not in the "
                                        "workspace; import the runs") };
    QTest::addRow("empty object, detected") << runs << QStringList { QStringLiteral("bad_empty_object.json") } << QString()
                                            << QStringList { QStringLiteral("bad_empty_object.json:1: JSON that is not a CI export") };
    QTest::addRow("empty object, --format github")
        << runs << QStringList { QStringLiteral("bad_empty_object.json") } << QStringLiteral("github")
        << QStringList { QStringLiteral("bad_empty_object.json: $: expected a GitHub Actions runs list"),
               QStringLiteral("found an object") };
    // The first line's job is written before line 2 fails: the whole command rolls back.
    QTest::addRow("empty object in jobs JSON Lines")
        << QStringList { QStringLiteral("run_attempt1_view.json") } << QStringList { QStringLiteral("bad_jobs_empty_line.jsonl") }
        << QString() << QStringList { QStringLiteral("bad_jobs_empty_line.jsonl:2: $: expected a GitHub Actions") };
    QTest::addRow("invalid UTF-8 in a string")
        << runs << QStringList { QStringLiteral("bad_utf8.json") } << QString()
        << QStringList { QStringLiteral("bad_utf8.json:8:"), QStringLiteral("invalid UTF-8") };
    QTest::addRow("non-ISO timestamp")
        << runs << QStringList { QStringLiteral("bad_timestamp.json") } << QString()
        << QStringList { QStringLiteral("bad_timestamp.json: $.workflow_runs[0].created_at: expected an ISO-8601 timestamp"),
               QStringLiteral("03/04/2024 09:15:02") };
    // More than the clock-skew tolerance (24 h) backwards; a 2 s skew is clamped (run_attempt2_view.json).
    QTest::addRow("run updated 26 h before it started")
        << QStringList() << QStringList { QStringLiteral("../malformed/backwards-times/gh_run_updated_before_started.json") } << QString()
        << QStringList { QStringLiteral("gh_run_updated_before_started.json: $[1].updatedAt: updatedAt 2024-03-05T08:00:00Z is 1 day 2 h "
                                        "before startedAt 2024-03-06T10:20:00Z; expected a time at most 24 h before it (clock skew)") };
    // A good file before the bad one in the same command: rolled back with it.
    QTest::addRow("good file then bad file in one command")
        << QStringList() << QStringList { QStringLiteral("runs_list.json"), QStringLiteral("bad_steps_string.json") } << QString()
        << QStringList { QStringLiteral("bad_steps_string.json: $.jobs[0].steps: expected an array") };
}

void TstCiGithubJson::malformed()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, files);
    QFETCH(QString, format);
    QFETCH(QStringList, expected);

    const QString path = freshWorkspace("malformed");
    if (!before.isEmpty())
        importCi(path, fixtures(before));
    QVERIFY(!fileSha256(path).isEmpty());
    test::verifyImportFails(path, fixtures(files), { .format = format }, expected);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) || QFileInfo(path + QStringLiteral("-wal")).size() == 0);
}

void TstCiGithubJson::unknownValuesAreKeptWithAWarning()
{
    const QString path = freshWorkspace("unknown");
    const CiImportReport report = importCi(path, fixtures({ QStringLiteral("run_unknown_values.json") }));
    QCOMPARE(report.warnings, 2);
    store::Workspace ws = store::Workspace::open(path);
    QCOMPARE(query(ws.db(), { QStringLiteral("sql"), QStringLiteral("SELECT status, conclusion FROM pipeline_runs"), {} }),
        QStringLiteral("waiting_for_approval|superseded"));
    QCOMPARE(query(ws.db(), { QStringLiteral("sql"), QStringLiteral("SELECT kind, location, detail FROM import_warnings ORDER BY id"), {} }),
        QStringLiteral("unknown-value|$.status|status \"waiting_for_approval\" is not a GitHub Actions value this version "
                       "knows; stored as given; unknown-value|$.conclusion|conclusion \"superseded\" is not a GitHub "
                       "Actions value this version knows; stored as given"));
}

void TstCiGithubJson::progressAndCancelWithinAFile()
{
    // 3000 runs, one per line: progress is reported every 1000 records, from inside the file.
    QTemporaryDir tmp;
    QByteArray lines;
    for (int i = 0; i < 3000; ++i)
        lines += QStringLiteral("{\"id\": %1, \"run_attempt\": 1, \"name\": \"CI\", \"status\": \"completed\", "
                                "\"repository\": {\"full_name\": \"acme/shop\"}}\n")
                     .arg(7400000000LL + i)
                     .toUtf8();
    const QString runs = test::writeFile(tmp, QStringLiteral("runs.jsonl"), lines);
    const qint64 size = QFileInfo(runs).size();
    const QString path = freshWorkspace("progress");
    const QByteArray sha = fileSha256(path);

    QList<qint64> reported;
    bool cancelled = false;
    const auto cancelInsideTheFile = [&](std::int64_t done, std::int64_t total) {
        reported << done;
        return !(done > 0 && done < total); // cancel at the first report from inside the file
    };
    try {
        importCi(path, { runs }, { .progress = cancelInsideTheFile });
    } catch (const ImportCancelled&) {
        cancelled = true;
    }
    QVERIFY(cancelled);
    QVERIFY(reported.last() > 0 && reported.last() < size); // cancelled after 1000 records, inside the file
    QCOMPARE(fileSha256(path), sha);

    reported.clear();
    {
        store::Workspace ws = store::Workspace::open(path);
        importCi(ws, { runs }, { .progress = [&](std::int64_t done, std::int64_t) {
            reported << done;
            return true;
        } });
        QCOMPARE(rowCount(ws.db(), QStringLiteral("pipeline_runs")), 3000);
    }
    // After 1000 and 2000 records, inside the file; after 3000 the last line has been read.
    QCOMPARE(std::count_if(reported.cbegin(), reported.cend(), [size](qint64 done) { return done > 0 && done < size; }), 2);
    QVERIFY(std::is_sorted(reported.cbegin(), reported.cend()));
    QCOMPARE(reported.last(), size);
}

void TstCiGithubJson::realSamples()
{
    const QString samples = faultline::test::sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    const QDir dir(samples + QStringLiteral("/github-actions"));
    const QString attempt2 = dir.filePath(QStringLiteral("workflow_run_attempt2_PyGithub.json"));
    const QString latest = dir.filePath(QStringLiteral("workflow_run_latest_attempt_view_PyGithub.json"));
    const QString jobs = dir.filePath(QStringLiteral("workflow_run_jobs_PyGithub.json"));
    if (!QFile::exists(attempt2) || !QFile::exists(latest) || !QFile::exists(jobs))
        QSKIP("the GitHub Actions samples are not there");

    // The jobs sample's run is not among the samples: a minimal run of our own for it.
    QTemporaryDir tmp;
    const QString run = test::writeFile(tmp, QStringLiteral("run_3881497935.json"),
        R"({"id": 3881497935, "run_attempt": 1, "name": "CI", "head_sha": "c6e5cac67a58a4eb11f1f28567a77a6e2cc8ee98",
  "status": "completed", "conclusion": "success", "repository": {"full_name": "PyGithub/PyGithub"}})");

    const QString path = freshWorkspace("samples");
    importCi(path, { jobs, latest, attempt2, run });
    store::Workspace ws = store::Workspace::open(path);
    // Both views say run_attempt 2: one row. The latest-attempt view's created_at (2026-05-24) is
    // attempt 1's creation, so only the attempt view's own (2026-05-29T15:42:07Z) is kept.
    // Duration 15:43:47 − 15:42:05 = 102 s; no queue time for attempt 2.
    QCOMPARE(query(ws.db(), { QStringLiteral("run"), QStringLiteral("26365060973"), {} }),
        QStringLiteral("2|completed|success|2026-05-29T15:42:07Z|2026-05-29T15:42:05Z|2026-05-29T15:43:47Z|102000|-"));
    QCOMPARE(query(ws.db(), { QStringLiteral("runInfo"), QStringLiteral("26365060973"), {} }),
        QStringLiteral("EnricoMi/PyGithub|174|CodeQL Advanced|CodeQL Advanced|schedule|main|3a17ecf|-|"
                       "https://github.com/EnricoMi/PyGithub/actions/runs/26365060973"));
    // 5 jobs × 9 steps.
    QCOMPARE(rowCount(ws.db(), QStringLiteral("jobs")), 5);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("steps")), 45);
    // test (Python 3.7): created 08:24:21, started 08:24:28 → 7 s; completed 08:25:28 → 60 s.
    QCOMPARE(query(ws.db(), { QStringLiteral("job"), QStringLiteral("10545727758"), {} }),
        QStringLiteral("test (Python 3.7)|test|completed|success|7000|60000|1|3881497935|1|Hosted Agent|[\"ubuntu-latest\"]"));
    // test (Python 3.8): 08:24:21 → 08:24:30 (9 s) → 08:28:18 (228 s); "Run tests" 08:25:33 → 08:28:14 = 161 s.
    QCOMPARE(query(ws.db(), { QStringLiteral("job"), QStringLiteral("10545727888"), {} }),
        QStringLiteral("test (Python 3.8)|test|completed|success|9000|228000|1|3881497935|1|GitHub Actions 5|[\"ubuntu-latest\"]"));
    QCOMPARE(query(ws.db(), { QStringLiteral("steps"), QStringLiteral("10545727888"), {} }),
        QStringLiteral("1|Set up job|setup|completed|success|19000; 2|Run actions/checkout@v2|checkout|completed|success|39000; "
                       "3|Set up Python|setup|completed|success|0; 4|Install tox|setup|completed|success|4000; "
                       "5|Run tests|test|completed|success|161000; 6|Upload coverage to Codecov|test|completed|success|1000; "
                       "11|Post Set up Python|setup|completed|success|0; 12|Post Run actions/checkout@v2|checkout|completed|success|0; "
                       "13|Complete job|test|completed|success|0"));
}

QTEST_GUILESS_MAIN(TstCiGithubJson)
#include "tst_ci_github_json.moc"
