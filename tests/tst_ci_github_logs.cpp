// GitHub Actions logs (FORMATS.md §1d, §1e): single job logs, `gh run view --log` output and the
// run log zip in both layouts, end to end through CiImporter over the fixtures in
// tests/data/github-actions-logs (zips made by make_zips.py there). The runs, jobs and steps the
// logs belong to are written first through store::CiWriter (what the jobs JSON would give).
#include "ci/github_log_lines.h"
#include "ci/github_log_steps.h"
#include "ci_test_support.h"
#include "common/timestamp_parser.h"
#include "store/ci_writer.h"
#include "store/import_batch.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace faultline;
using namespace faultline::importers;
using namespace faultline::importers::ci;
using faultline::test::dataPath;
using faultline::test::importCi;
using faultline::test::sharedSamplesDir;

namespace {

struct StepDef
{
    int number;
    const char* name;
    const char* started; // null: no time (markers only)
    const char* completed;
};

struct JobDef
{
    const char* id;
    const char* name;
    const char* started;
    const char* completed;
    const char* conclusion;
    std::vector<StepDef> steps;
};

struct RunDef
{
    const char* id;
    const char* project;
    const char* workflow;
    std::vector<JobDef> jobs;
    int attempt = 1;
};

const char* kProject = "octo-org/webapp";

// What the jobs JSON of the fixtures' runs would give: job and step times in whole seconds, the
// logs' lines fall into them.
std::vector<RunDef> fixtureRuns()
{
    const std::vector<StepDef> e2eSteps { { 1, "Set up job", "2024-12-13T14:30:04Z", "2024-12-13T14:30:06Z" },
        { 2, "Run actions/checkout@v4", "2024-12-13T14:30:06Z", "2024-12-13T14:30:07Z" },
        { 3, "Run npm run e2e", "2024-12-13T14:30:07Z", "2024-12-13T14:33:10Z" },
        { 4, "Post Run actions/checkout@v4", "2024-12-13T14:33:10Z", "2024-12-13T14:33:11Z" },
        { 5, "Complete job", "2024-12-13T14:33:11Z", "2024-12-13T14:33:11Z" } };
    auto stagingSteps = [](const char* script) {
        return std::vector<StepDef> { { 1, "Set up job", "2024-12-14T16:00:02Z", "2024-12-14T16:00:04Z" },
            { 2, "Run actions/checkout@v4", "2024-12-14T16:00:04Z", "2024-12-14T16:00:05Z" },
            { 3, script, "2024-12-14T16:00:05Z", "2024-12-14T16:01:17Z" },
            { 4, "Post Run actions/checkout@v4", "2024-12-14T16:01:17Z", "2024-12-14T16:01:18Z" },
            { 5, "Complete job", "2024-12-14T16:01:18Z", "2024-12-14T16:01:18Z" } };
    };
    return {
        { "9001", kProject, "CI",
            { { "31001", "test (ubuntu-latest, 20)", "2024-12-11T18:19:08Z", "2024-12-11T18:19:39Z", "failure",
                  { { 1, "Set up job", "2024-12-11T18:19:08Z", "2024-12-11T18:19:10Z" },
                      { 2, "Run actions/checkout@v4", "2024-12-11T18:19:10Z", "2024-12-11T18:19:11Z" },
                      { 3, "Restore npm cache", "2024-12-11T18:19:11Z", "2024-12-11T18:19:13Z" },
                      { 4, "Run npm ci", "2024-12-11T18:19:13Z", "2024-12-11T18:19:25Z" },
                      { 5, "Run tests", "2024-12-11T18:19:25Z", "2024-12-11T18:19:37Z" },
                      { 6, "Upload coverage", "2024-12-11T18:19:37Z", "2024-12-11T18:19:37Z" },
                      { 10, "Post Run actions/checkout@v4", "2024-12-11T18:19:37Z", "2024-12-11T18:19:38Z" },
                      { 11, "Complete job", "2024-12-11T18:19:38Z", "2024-12-11T18:19:38Z" } } },
                { "31002", "lint", "2024-12-11T18:19:07Z", "2024-12-11T18:19:31Z", "failure",
                    { { 1, "Set up job", "2024-12-11T18:19:07Z", "2024-12-11T18:19:09Z" },
                        { 2, "Run actions/checkout@v4", "2024-12-11T18:19:09Z", "2024-12-11T18:19:10Z" },
                        { 3, "Run npm run lint", "2024-12-11T18:19:10Z", "2024-12-11T18:19:29Z" },
                        { 4, "Post Run actions/checkout@v4", "2024-12-11T18:19:29Z", "2024-12-11T18:19:30Z" },
                        { 5, "Complete job", "2024-12-11T18:19:30Z", "2024-12-11T18:19:30Z" } } } } },
        { "9002", kProject, "Release",
            { { "31003", "build", "2024-12-12T09:02:14Z", "2024-12-12T09:04:02Z", "success",
                  { { 1, "Set up job", "2024-12-12T09:02:13Z", "2024-12-12T09:02:15Z" },
                      { 2, "Run actions/checkout@v4", "2024-12-12T09:02:15Z", "2024-12-12T09:02:16Z" },
                      { 3, "Set up JDK 17", "2024-12-12T09:02:16Z", "2024-12-12T09:02:19Z" },
                      { 4, "Cache Gradle packages", "2024-12-12T09:02:19Z", "2024-12-12T09:02:20Z" },
                      { 5, "Run ./gradlew build", "2024-12-12T09:02:20Z", "2024-12-12T09:03:58Z" },
                      { 6, "Post Cache Gradle packages", "2024-12-12T09:03:58Z", "2024-12-12T09:04:01Z" },
                      { 7, "Post Run actions/checkout@v4", "2024-12-12T09:04:01Z", "2024-12-12T09:04:01Z" },
                      { 8, "Complete job", "2024-12-12T09:04:01Z", "2024-12-12T09:04:01Z" } } },
                { "31004", "docker", "2024-12-12T09:04:10Z", "2024-12-12T09:05:31Z", "success",
                    { { 1, "Set up job", "2024-12-12T09:04:09Z", "2024-12-12T09:04:11Z" },
                        { 2, "Run actions/checkout@v4", "2024-12-12T09:04:11Z", "2024-12-12T09:04:12Z" },
                        { 3, "Set up Docker Buildx", "2024-12-12T09:04:12Z", "2024-12-12T09:04:16Z" },
                        { 4, "Build image", "2024-12-12T09:04:16Z", "2024-12-12T09:05:28Z" },
                        { 5, "Post Set up Docker Buildx", "2024-12-12T09:05:28Z", "2024-12-12T09:05:30Z" },
                        { 6, "Post Run actions/checkout@v4", "2024-12-12T09:05:30Z", "2024-12-12T09:05:30Z" },
                        { 7, "Complete job", "2024-12-12T09:05:30Z", "2024-12-12T09:05:30Z" } } } } },
        { "9003", kProject, "E2E",
            { { "31005", "e2e (chrome)", "2024-12-13T14:30:05Z", "2024-12-13T14:33:12Z", "failure", e2eSteps },
                { "31006", "e2e (firefox)", "2024-12-13T14:30:05Z", "2024-12-13T14:33:12Z", "failure", e2eSteps } } },
        { "9004", kProject, "Deploy",
            { { "31007", "deploy (staging)", "2024-12-14T16:00:03Z", "2024-12-14T16:01:20Z", "failure",
                  stagingSteps("Run ./scripts/deploy.sh staging") },
                { "31008", "smoke (staging)", "2024-12-14T16:00:03Z", "2024-12-14T16:01:20Z", "success",
                    stagingSteps("Run ./scripts/smoke.sh staging") } } },
        // A re-run of 9001 an hour later: the logs of attempt 1 must not land on it.
        { "9001", kProject, "CI",
            { { "31101", "test (ubuntu-latest, 20)", "2024-12-11T19:20:02Z", "2024-12-11T19:20:41Z", "success", {} },
                { "31102", "lint", "2024-12-11T19:20:03Z", "2024-12-11T19:20:30Z", "success", {} } },
            2 },
        { "9006", kProject, "Release",
            { { "31010", "build", "2024-12-15T10:00:02Z", "2024-12-15T10:00:23Z", "failure",
                  { { 1, "Set up job", "2024-12-15T10:00:01Z", "2024-12-15T10:00:03Z" },
                      { 2, "Run actions/checkout@v4", "2024-12-15T10:00:03Z", "2024-12-15T10:00:04Z" },
                      { 3, "Run make", "2024-12-15T10:00:04Z", "2024-12-15T10:00:21Z" },
                      { 4, "Post Run actions/checkout@v4", "2024-12-15T10:00:21Z", "2024-12-15T10:00:22Z" },
                      { 5, "Complete job", "2024-12-15T10:00:22Z", "2024-12-15T10:00:22Z" } } },
                { "31011", "release / publish: npm", "2024-12-15T10:00:03Z", "2024-12-15T10:00:16Z", "success",
                    { { 1, "Set up job", "2024-12-15T10:00:02Z", "2024-12-15T10:00:04Z" },
                        { 2, "Set up Node", "2024-12-15T10:00:04Z", "2024-12-15T10:00:07Z" },
                        { 3, "Run npm publish", "2024-12-15T10:00:07Z", "2024-12-15T10:00:15Z" },
                        { 4, "Complete job", "2024-12-15T10:00:15Z", "2024-12-15T10:00:15Z" } } } } },
    };
}

std::optional<std::int64_t> at(const char* iso)
{
    if (!iso)
        return std::nullopt;
    return TimestampParser().parse(iso);
}

QString str(const char* text)
{
    return QString::fromUtf8(text);
}

std::vector<store::CiWriter::StepRef> stepRefs(const std::vector<StepDef>& steps)
{
    std::vector<store::CiWriter::StepRef> refs;
    std::int64_t id = 1;
    for (const StepDef& s : steps)
        refs.push_back({ id++, s.number, str(s.name), at(s.started), at(s.completed) });
    return refs;
}

void writeRuns(store::Workspace& ws, const std::vector<RunDef>& runs)
{
    store::ImportBatch batch(ws, { QStringLiteral("/setup/jobs.json"), QStringLiteral("ci:github"), "00" });
    store::CiWriter writer(batch);
    for (const RunDef& r : runs) {
        store::CiRun run;
        run.provider = QStringLiteral("github");
        run.project = str(r.project);
        run.externalId = str(r.id);
        run.attempt = r.attempt;
        run.workflow = str(r.workflow);
        run.status = QStringLiteral("completed");
        const std::int64_t runId = writer.upsertRun(run);
        for (const JobDef& j : r.jobs) {
            store::CiJob job;
            job.externalId = str(j.id);
            job.name = str(j.name);
            job.status = QStringLiteral("completed");
            job.conclusion = str(j.conclusion);
            job.startedAt = at(j.started);
            job.finishedAt = at(j.completed);
            const std::int64_t jobId = writer.upsertJob(runId, job);
            for (const StepDef& s : j.steps) {
                store::CiStep step;
                step.number = s.number;
                step.name = str(s.name);
                step.status = QStringLiteral("completed");
                step.startedAt = at(s.started);
                step.finishedAt = at(s.completed);
                writer.upsertStep(jobId, step);
            }
        }
    }
    batch.commit();
}

// "job|error line|error step|fingerprint|cache" for every job with findings, sorted.
QStringList jobFindings(store::Workspace& ws)
{
    return test::sqlRows(ws.db(),
        "SELECT j.external_id, j.error_line, j.error_step, f.normalized, j.cache FROM jobs j "
        "LEFT JOIN fingerprints f ON f.id = j.fingerprint_id "
        "WHERE j.error_line IS NOT NULL OR j.cache IS NOT NULL ORDER BY j.external_id",
        QString());
}

// "job/step number|error line|fingerprint|cache" for every step with findings, sorted.
QStringList stepFindings(store::Workspace& ws)
{
    return test::sqlRows(ws.db(),
        "SELECT j.external_id || '/' || st.number, st.error_line, f.normalized, st.cache FROM steps st "
        "JOIN jobs j ON j.id = st.job_id LEFT JOIN fingerprints f ON f.id = st.fingerprint_id "
        "WHERE st.error_line IS NOT NULL OR st.cache IS NOT NULL ORDER BY j.external_id, st.number",
        QString());
}

QByteArray workspaceState(const QString& path)
{
    return test::fileSha256(path) + test::fileSha256(path + QStringLiteral("-wal"));
}

QStringList logPaths(const QStringList& names)
{
    return test::dataPaths(names, QStringLiteral("github-actions-logs"));
}

// The fixture job_log_failed.txt: what each of its 52 lines is.
//  1–4 queue lines, 5–15 set-up lines (→ Set up job); 16–21 checkout (its marker names the step);
//  22–31 the cache step ("Run actions/cache@v4": the step is named "Restore npm cache", so the next
//  step in order); 32–37 npm ci (named by its marker); 38–47 the tests ("Run npm test" → next
//  step "Run tests"); 48–51 "Post job cleanup." and the post step; 52 "Cleaning up orphan processes".
const QStringList kFailedLogSteps { QStringLiteral("Set up job=15"), QStringLiteral("Run actions/checkout@v4=6"),
    QStringLiteral("Restore npm cache=10"), QStringLiteral("Run npm ci=6"), QStringLiteral("Run tests=10"),
    QStringLiteral("Post Run actions/checkout@v4=4"), QStringLiteral("Complete job=1") };

QStringList mapLog(const QString& path, const std::vector<StepDef>& steps)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    store::CiWriter::JobRef job;
    GitHubJobLogScan scan(job, QString(), stepRefs(steps));
    LogLineReader reader([&](char* buffer, std::int64_t max) { return std::int64_t(file.read(buffer, max)); });
    const TimestampParser time;
    QByteArray line;
    while (reader.next(line)) {
        const GitHubLogLine parsed = parseGitHubLogLine(line, time);
        scan.addLine(parsed.timestamp, parsed.text);
    }
    QStringList counts;
    for (const auto& [name, lines] : scan.linesPerStep())
        counts << name + QLatin1Char('=') + QString::number(lines);
    return counts;
}

const JobDef& fixtureJob(const char* id)
{
    static const std::vector<RunDef> runs = fixtureRuns();
    for (const RunDef& r : runs)
        for (const JobDef& j : r.jobs)
            if (qstrcmp(j.id, id) == 0)
                return j;
    qFatal("no fixture job %s", id);
}

} // namespace

class TstCiGithubLogs : public QObject
{
    Q_OBJECT

private slots:
    void importLogs_data();
    void importLogs();
    void refused_data();
    void refused();
    void stepMapping_data();
    void stepMapping();
    void archiveJobNames_data();
    void archiveJobNames();
    void oddBytesAndLongLines();
    void realSamples();
};

void TstCiGithubLogs::importLogs_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("job");
    QTest::addColumn<QString>("run");
    QTest::addColumn<QStringList>("jobs");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QString>("dropStep"); // "job/number": a step the workspace does not have
    QTest::addColumn<int>("warnings");

    // normalizeForFingerprint by hand: lower case; quoted text → <q>; ./scripts/deploy.sh → <path>;
    // every number (the 20 of the matrix, exit codes, line:column, the 2 of "e2e") → <n>.
    const QStringList test31001 { QStringLiteral("31001|Error: Cannot find module './config/settings.json'|Run tests|"
                                                 "test (ubuntu-latest, <n>): error: cannot find module <q>|hit") };
    const QStringList test31001Steps { QStringLiteral("31001/3|||hit"),
        QStringLiteral("31001/5|Error: Cannot find module './config/settings.json'|run tests: error: cannot find module <q>|") };
    const QStringList lint31002 { QStringLiteral(
        "31002|Process completed with exit code 1.|Run npm run lint|lint: process completed with exit code <n>.|") };
    const QStringList lint31002Steps { QStringLiteral(
        "31002/3|Process completed with exit code 1.|run npm run lint: process completed with exit code <n>.|") };
    const QStringList layoutAJobs { QStringLiteral("31010|main.c:14:5: error: 'config_t' undeclared (first use in this "
                                                   "function)|Run make|build: main.c:<n>:<n>: error: <q> undeclared (first use "
                                                   "in this function)|"),
        QStringLiteral("31011||||hit") };
    const QStringList layoutASteps { QStringLiteral("31010/3|main.c:14:5: error: 'config_t' undeclared (first use in this "
                                                    "function)|run make: main.c:<n>:<n>: error: <q> undeclared (first use in "
                                                    "this function)|"),
        QStringLiteral("31011/2|||hit") };

    QTest::addRow("job log: BOM, 7-digit fractions, ##[error], cache hit; job by time window")
        << QStringList { QStringLiteral("job_log_failed.txt") } << QString() << QString() << QString() << test31001
        << test31001Steps << QString() << 0;
    QTest::addRow("job log: generic exit code only; job by the id in the file name")
        << QStringList { QStringLiteral("job_31002.txt") } << QString() << QString() << QString() << lint31002 << lint31002Steps << QString() << 0;
    QTest::addRow("job log: cache miss") << QStringList { QStringLiteral("job_log_cache_miss.txt") } << QString() << QString()
                                         << QString() << QStringList { QStringLiteral("31003||||miss") }
                                         << QStringList { QStringLiteral("31003/4|||miss") } << QString() << 0;
    QTest::addRow("job log: BuildKit CACHED") << QStringList { QStringLiteral("job_log_buildkit.txt") } << QString()
                                              << QString() << QString() << QStringList { QStringLiteral("31004||||hit") }
                                              << QStringList { QStringLiteral("31004/4|||hit") } << QString() << 0;
    QTest::addRow("job log: --job picks one of two jobs with the same times")
        << QStringList { QStringLiteral("job_log_e2e.txt") } << QString() << QStringLiteral("31006") << QString()
        << QStringList { QStringLiteral("31006|Timed out retrying after 4000ms: Expected to find element: `[data-test=pay]`, "
                                        "but never found it.|Run npm run e2e|e<n>e (firefox): timed out retrying after <n>ms: "
                                        "expected to find element: <q>, but never found it.|") }
        << QStringList { QStringLiteral("31006/3|Timed out retrying after 4000ms: Expected to find element: `[data-test=pay]`, "
                                        "but never found it.|run npm run e<n>e: timed out retrying after <n>ms: expected to "
                                        "find element: <q>, but never found it.|") } << QString() << 0;
    QTest::addRow("job log: same times, told apart by the step its marker names")
        << QStringList { QStringLiteral("job_log_deploy.txt") } << QString() << QString() << QString()
        << QStringList { QStringLiteral("31007|deployment \"web\" exceeded its progress deadline|Run ./scripts/deploy.sh "
                                        "staging|deploy (staging): deployment <q> exceeded its progress deadline|") }
        << QStringList { QStringLiteral("31007/3|deployment \"web\" exceeded its progress deadline|run <path> staging: "
                                        "deployment <q> exceeded its progress deadline|") } << QString() << 0;
    QTest::addRow("gh run view --log: two jobs, step column and UNKNOWN STEP")
        << QStringList { QStringLiteral("run_view_log.txt") } << QString() << QString() << QString() << test31001 + lint31002
        << test31001Steps + lint31002Steps << QString() << 0;
    QTest::addRow("zip layout A: whole-job and step files; run by time window")
        << QStringList { QStringLiteral("run_logs_layout_a.zip") } << QString() << QString() << QString() << layoutAJobs
        << layoutASteps << QString() << 0;
    QTest::addRow("zip layout A: run by --run") << QStringList { QStringLiteral("run_logs_layout_a.zip") } << QString()
                                                << QString() << QStringLiteral("9006") << layoutAJobs << layoutASteps << QString() << 0;
    QTest::addRow("zip layout B: whole-job files only; run by the id in the file name")
        << QStringList { QStringLiteral("logs_9001.zip") } << QString() << QString() << QString() << test31001 + lint31002
        << test31001Steps + lint31002Steps << QString() << 0;
    QTest::addRow("job log with --format github-log")
        << QStringList { QStringLiteral("job_log_cache_miss.txt") } << QStringLiteral("github-log") << QString() << QString()
        << QStringList { QStringLiteral("31003||||miss") } << QStringList { QStringLiteral("31003/4|||miss") } << QString() << 0;
    QTest::addRow("re-import of the same logs: same findings")
        << QStringList { QStringLiteral("job_log_failed.txt"), QStringLiteral("logs_9001.zip") } << QString() << QString()
        << QString() << test31001 + lint31002 << test31001Steps + lint31002Steps << QString() << 0;
    QTest::addRow("zip layout A: a step file the workspace has no step for")
        << QStringList { QStringLiteral("run_logs_layout_a.zip") } << QString() << QString() << QString() << layoutAJobs
        << layoutASteps << QStringLiteral("31010/4") << 1;
}

void TstCiGithubLogs::importLogs()
{
    QFETCH(QStringList, files);
    QFETCH(QString, format);
    QFETCH(QString, job);
    QFETCH(QString, run);
    QFETCH(QStringList, jobs);
    QFETCH(QStringList, steps);
    QFETCH(QString, dropStep);
    QFETCH(int, warnings);

    std::vector<RunDef> runs = fixtureRuns();
    if (!dropStep.isEmpty())
        for (RunDef& r : runs)
            for (JobDef& j : r.jobs)
                std::erase_if(j.steps, [&](const StepDef& step) {
                    return dropStep == str(j.id) + QLatin1Char('/') + QString::number(step.number);
                });
    QTemporaryDir dir;
    store::Workspace ws = store::Workspace::create(dir.filePath(QStringLiteral("w.faultline")));
    writeRuns(ws, runs);
    const CiImportReport report = importCi(ws, logPaths(files), { .job = job, .run = run, .format = format });
    QCOMPARE(report.warnings, warnings);

    QCOMPARE(jobFindings(ws), jobs);
    QCOMPARE(stepFindings(ws), steps);
    // Every fingerprint is a 'ci' one of the run's project.
    QCOMPARE(ws.db().queryInt64("SELECT count(*) FROM fingerprints WHERE kind <> 'ci' OR service <> 'octo-org/webapp'"), 0);
}

void TstCiGithubLogs::refused_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("job");
    QTest::addColumn<QString>("run");
    QTest::addColumn<bool>("noRuns");
    QTest::addColumn<QStringList>("message");

    QTest::addRow("two jobs fit equally") << QStringLiteral("job_log_e2e.txt") << QString() << QString() << QString() << false
                                          << QStringList { QStringLiteral("job_log_e2e.txt: cannot tell which job this log "
                                                                          "belongs to (2 candidates); pass --job ID") };
    QTest::addRow("no job of --run fits") << QStringLiteral("job_log_failed.txt") << QString() << QString()
                                          << QStringLiteral("9003") << false
                                          << QStringList { QStringLiteral("job_log_failed.txt: cannot tell which job"),
                                                 QStringLiteral("(0 candidates)") };
    QTest::addRow("no jobs in the workspace") << QStringLiteral("job_log_failed.txt") << QString() << QString() << QString()
                                              << true
                                              << QStringList { QStringLiteral("(0 candidates); pass --job ID"),
                                                     QStringLiteral("import the run's jobs JSON first") };
    QTest::addRow("--job not in the workspace")
        << QStringLiteral("job_log_failed.txt") << QString() << QStringLiteral("99999") << QString() << false
        << QStringList { QStringLiteral("job_log_failed.txt: job 99999 (--job) is not in the workspace") };
    QTest::addRow("gh run view --log, no jobs in the workspace")
        << QStringLiteral("run_view_log.txt") << QString() << QString() << QString() << true
        << QStringList { QStringLiteral("run_view_log.txt:1: cannot tell which job the rows of \"test (ubuntu-latest, 20)\"") };
    QTest::addRow("zip with a ../evil entry") << QStringLiteral("zip_slip.zip") << QString() << QString() << QString() << false
                                              << QStringList { QStringLiteral("zip_slip.zip: archive entry \"../evil.txt\" has "
                                                                              "an absolute path or a \"..\" component") };
    QTest::addRow("truncated zip") << QStringLiteral("truncated.zip") << QString() << QString() << QString() << false
                                   << QStringList { QStringLiteral("truncated.zip: byte 1387 (the end, where a zip keeps its directory): not a readable zip archive") };
    QTest::addRow("zip, --run not in the workspace")
        << QStringLiteral("run_logs_layout_a.zip") << QString() << QString() << QStringLiteral("424242") << false
        << QStringList { QStringLiteral("run_logs_layout_a.zip: run 424242 (--run) is not in the workspace") };
    QTest::addRow("zip, no runs in the workspace")
        << QStringLiteral("run_logs_layout_a.zip") << QString() << QString() << QString() << true
        << QStringList { QStringLiteral("run_logs_layout_a.zip: cannot tell which run this log archive belongs to "
                                        "(0 candidates); pass --run ID") };
    QTest::addRow("a job log given as a zip") << QStringLiteral("job_log_failed.txt") << QStringLiteral("github-log-zip")
                                              << QString() << QString() << false
                                              << QStringList { QStringLiteral("job_log_failed.txt: byte 3340 (the end, where a zip keeps its directory): not a readable zip archive") };
    QTest::addRow("empty file") << QStringLiteral("empty.txt") << QString() << QString() << QString() << false
                                << QStringList { QStringLiteral("empty.txt: the file is empty") };
    QTest::addRow("empty file, --format github-log")
        << QStringLiteral("empty.txt") << QStringLiteral("github-log") << QString() << QString() << false
        << QStringList { QStringLiteral("empty.txt: the file is empty; expected a GitHub Actions job log") };
    QTest::addRow("not a GitHub log, --format github-log")
        << QStringLiteral("not_a_log.txt") << QStringLiteral("github-log") << QString() << QString() << false
        << QStringList { QStringLiteral("not_a_log.txt:1: not a GitHub Actions job log"),
               QStringLiteral("found \"Build log for webapp\"") };
}

void TstCiGithubLogs::refused()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QString, job);
    QFETCH(QString, run);
    QFETCH(bool, noRuns);
    QFETCH(QStringList, message);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("w.faultline"));
    {
        store::Workspace ws = store::Workspace::create(path);
        if (!noRuns)
            writeRuns(ws, fixtureRuns());
    }
    const QByteArray before = workspaceState(path);
    QString error;
    {
        store::Workspace ws = store::Workspace::open(path);
        error = test::importErrorOf(
            [&] { importCi(ws, logPaths({ file }), { .job = job, .run = run, .format = format }); });
        QCOMPARE(test::rowCount(ws.db(), QStringLiteral("fingerprints")), 0);
        QCOMPARE(ws.db().queryInt64("SELECT count(*) FROM jobs WHERE error_line IS NOT NULL OR cache IS NOT NULL"), 0);
    }
    test::verifyContainsAll(error, message);
    QVERIFY2(error.contains(dataPath(QStringLiteral("github-actions-logs/")) + file), qPrintable(error));
    QCOMPARE(workspaceState(path), before);
}

void TstCiGithubLogs::stepMapping_data()
{
    QTest::addColumn<QString>("log");
    QTest::addColumn<bool>("withTimes");
    QTest::addColumn<QStringList>("counts");

    QTest::addRow("markers and step times") << QStringLiteral("job_log_failed.txt") << true << kFailedLogSteps;
    QTest::addRow("markers only (steps without times)") << QStringLiteral("job_log_failed.txt") << false << kFailedLogSteps;
}

void TstCiGithubLogs::stepMapping()
{
    QFETCH(QString, log);
    QFETCH(bool, withTimes);
    QFETCH(QStringList, counts);
    std::vector<StepDef> steps = fixtureJob("31001").steps;
    if (!withTimes)
        for (StepDef& s : steps)
            s.started = s.completed = nullptr;
    QCOMPARE(mapLog(logPaths({ log }).front(), steps), counts);
}

void TstCiGithubLogs::archiveJobNames_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<QString>("entry");

    QTest::addRow("plain") << QStringLiteral("test (ubuntu-latest, 20)") << QStringLiteral("test (ubuntu-latest, 20)");
    QTest::addRow("reusable workflow: '/' and ':' dropped") << QStringLiteral("release / publish: npm")
                                                            << QStringLiteral("release  publish npm");
    QTest::addRow("over 90 UTF-16 units: cut, then trimmed")
        << QString(QStringLiteral("a").repeated(89) + QStringLiteral(" tail")) << QStringLiteral("a").repeated(89);
    // 11 + 39 × 2 = 89 units, so the 90th is the first half of the 40th emoji: U+FFFD in the name.
    QTest::addRow("surrogate pair cut in two") << QString(QStringLiteral("Emoji Test ") + QString::fromUtf8("😅").repeated(45))
                                               << QString(QStringLiteral("Emoji Test ") + QString::fromUtf8("😅").repeated(39)
                                                      + QChar(QChar::ReplacementCharacter));
}

void TstCiGithubLogs::archiveJobNames()
{
    QFETCH(QString, job);
    QFETCH(QString, entry);
    QCOMPARE(gitHubArchiveJobName(job), entry);
}

void TstCiGithubLogs::oddBytesAndLongLines()
{
    // Invalid UTF-8 is replaced, not refused; a line over 1 MiB keeps its first MiB; lines after
    // it are still read. Job 31001 by --job.
    QTemporaryDir dir;
    QByteArray log("\xEF\xBB\xBF" "2024-12-11T18:19:09.2593209Z Current runner version: '2.321.0'\n");
    log += "2024-12-11T18:19:25.0112310Z ##[group]Run npm test\n";
    log += "2024-12-11T18:19:26.3312870Z " + QByteArray(3 << 20, 'x') + "\n";
    log += "2024-12-11T18:19:26.4401223Z bytes \xC3\x28 and \xFF here\n";
    log += "2024-12-11T18:19:36.1046123Z ##[error]Cannot open \xFF\xFEsettings\n";
    const QString path = test::writeFile(dir, QStringLiteral("odd.txt"), log);

    store::Workspace ws = store::Workspace::create(dir.filePath(QStringLiteral("w.faultline")));
    writeRuns(ws, fixtureRuns());
    importCi(ws, { path }, { .job = QStringLiteral("31001") });
    const QString expected = QStringLiteral("Cannot open ") + QString(2, QChar(QChar::ReplacementCharacter)) + QStringLiteral("settings");
    QCOMPARE(jobFindings(ws).join(QLatin1Char('\n')).section(QLatin1Char('|'), 1, 2), expected + QStringLiteral("|Run tests"));
}

void TstCiGithubLogs::realSamples()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    const QString jobLog = samples + QStringLiteral("/github-actions/job_log_pages-build-deployment_backstage.txt");
    const QString zip = samples + QStringLiteral("/github-actions/run_log_layout_cli-cli.zip");
    if (!QFile::exists(jobLog) || !QFile::exists(zip))
        QSKIP("the GitHub Actions log samples are not there");

    // The pages-build-deployment "build" job, its steps timed by hand from the log: runner set up
    // 17:25:31–33, image pull 33–48, checkout 48–49, Jekyll 49–52, upload 52, post checkout 52–53.
    const JobDef pages { "3001", "build", "2022-12-09T17:25:29Z", "2022-12-09T17:25:53Z", "success",
        { { 1, "Set up job", "2022-12-09T17:25:29Z", "2022-12-09T17:25:33Z" },
            { 2, "Pull ghcr.io/actions/jekyll-build-pages:v1.0.4", "2022-12-09T17:25:33Z", "2022-12-09T17:25:48Z" },
            { 3, "Checkout", "2022-12-09T17:25:48Z", "2022-12-09T17:25:49Z" },
            { 4, "Build with Jekyll", "2022-12-09T17:25:49Z", "2022-12-09T17:25:52Z" },
            { 5, "Upload artifact", "2022-12-09T17:25:52Z", "2022-12-09T17:25:52Z" },
            { 6, "Post Checkout", "2022-12-09T17:25:52Z", "2022-12-09T17:25:53Z" },
            { 7, "Complete job", "2022-12-09T17:25:53Z", "2022-12-09T17:25:53Z" } } };
    // Lines by hand: 1–36 set up (the pull group opens at 33.45, still within Set up job's second
    // 33; its first line after 34 is line 37); 37–88 the pull; 89 "Run actions/checkout@v3" opens
    // Checkout (the named step next in order, the pull step never has a marker) to 173; 174 "Run
    // actions/jekyll-build-pages@v1" to 229; 230 "Run actions/upload-pages-artifact@v1" to 284 —
    // its composite's inner markers ("Run chmod …", "Run actions/upload-artifact@main") stay in
    // it; 285 "Post job cleanup." to 296; 297 "Cleaning up orphan processes".
    QCOMPARE(mapLog(jobLog, pages.steps),
        (QStringList { QStringLiteral("Set up job=36"), QStringLiteral("Pull ghcr.io/actions/jekyll-build-pages:v1.0.4=52"),
            QStringLiteral("Checkout=85"), QStringLiteral("Build with Jekyll=56"), QStringLiteral("Upload artifact=55"),
            QStringLiteral("Post Checkout=12"), QStringLiteral("Complete job=1") }));

    // The cli/cli fixture: layout A without whole-job files, lines without timestamps, macOS noise,
    // and job folders named after sanitised names ("cool job / with slash" → "cool job  with slash",
    // a 100-character name cut to 90, an emoji cut in half).
    const JobDef coolJob { "4001", "cool job", nullptr, nullptr, "success",
        { { 1, "fob the barz", nullptr, nullptr }, { 2, "barz the fob", nullptr, nullptr } } };
    const JobDef sadJob { "4002", "sad job", nullptr, nullptr, "failure",
        { { 1, "barf the quux", nullptr, nullptr }, { 2, "quux the barf", nullptr, nullptr } } };
    const std::string longName = QStringLiteral("thisisnineteenchars_").repeated(5).toStdString();
    const std::string emojiName = QString(QStringLiteral("Emoji Test ") + QString::fromUtf8("😅").repeated(45)).toStdString();
    std::vector<JobDef> cliJobs { coolJob, sadJob,
        { "4003", "ad job", nullptr, nullptr, "success", { { 1, "barf the quux", nullptr, nullptr } } },
        { "4004", "cool job / with slash", nullptr, nullptr, "success", { { 1, "fob the barz", nullptr, nullptr } } },
        { "4005", "cool job : with colon", nullptr, nullptr, "success", { { 1, "fob the barz", nullptr, nullptr } } },
        { "4006", longName.c_str(), nullptr, nullptr, "success", { { 1, "Long Name Job", nullptr, nullptr } } },
        { "4007", emojiName.c_str(), nullptr, nullptr, "success", { { 1, "Emoji Job", nullptr, nullptr } } } };

    struct Case
    {
        const char* label;
        size_t jobs; // the first `jobs` of cliJobs are in the workspace
        int warnings;
    };
    for (const Case& c : { Case { "all seven jobs known", cliJobs.size(), 0 },
             Case { "emoji job unknown: one unmatched folder", cliJobs.size() - 1, 1 } }) {
        QTemporaryDir dir;
        store::Workspace ws = store::Workspace::create(dir.filePath(QStringLiteral("w.faultline")));
        writeRuns(ws, { { "3002", "octo-org/octo-template", "pages-build-deployment", { pages } },
                          { "77", "cli/cli", "CI", std::vector<JobDef>(cliJobs.begin(), cliJobs.begin() + long(c.jobs)) } });
        // The job log has no digits in its name and no --job: its times find job 3001.
        QVERIFY2(importCi(ws, { jobLog }).warnings == 0, c.label);
        // The archive's lines have no times: the run comes from --run.
        QVERIFY2(importCi(ws, { zip }, { .run = QStringLiteral("77") }).warnings == c.warnings, c.label);
        // Synthetic "log line N" text and a job log without errors or caches: nothing to record.
        QVERIFY2(jobFindings(ws).isEmpty(), c.label);
        QVERIFY2(stepFindings(ws).isEmpty(), c.label);
    }
}

QTEST_GUILESS_MAIN(TstCiGithubLogs)
#include "tst_ci_github_logs.moc"
