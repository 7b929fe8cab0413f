// The parts every CI importer shares: the JSON document reader and its error positions, format
// detection by content, stage rules, failure fingerprints, the log scanner, several sources in one
// import batch, and the `import ci` command's exit codes.
#include "ci/ci_format.h"
#include "ci/log_scanner.h"
#include "ci/stage_rules.h"
#include "ci_test_support.h"
#include "common/fingerprint.h"
#include "common/json_documents.h"
#include "store/ci_writer.h"
#include "store/import_batch.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace faultline;
using namespace faultline::importers;
using faultline::test::fileSha256;
using faultline::test::importErrorOf;
using faultline::test::rowCount;
using faultline::test::runFaultline;
using faultline::test::texts;
using faultline::test::writeFile;

namespace {

// The ImportError message of reading `content` from a file called `name`; messages start with the
// file name, so each test picks the name its expectations use.
QString errorReading(const QString& name, const QByteArray& content,
                     const std::function<void(const QString& path)>& read)
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, name, content);
    return importErrorOf([&] { read(path); });
}

void readEveryDocument(const QString& path)
{
    json::JsonDocumentReader reader(path);
    while (reader.next()) { }
}

} // namespace

class TstCiCommon : public QObject
{
    Q_OBJECT

private slots:
    void documentLayouts_data();
    void documentLayouts();
    void documentErrors_data();
    void documentErrors();
    void hugeSingleLine();
    void nodeErrorsNamePath_data();
    void nodeErrorsNamePath();
    void detectionByContent_data();
    void detectionByContent();
    void detectionRefuses_data();
    void detectionRefuses();
    void jobsOnlyFilesComeAfterRuns();
    void stageRules_data();
    void stageRules();
    void userStageRulesComeFirst();
    void badStageRules_data();
    void badStageRules();
    void fingerprint_data();
    void fingerprint();
    void logScanner_data();
    void logScanner();
    void severalSourcesInOneBatch();
    void ciWriterKeepsNewestState();
    void cliExitCodes_data();
    void cliExitCodes();
    void cliFailureRemovesCreatedWorkspace();
};

void TstCiCommon::documentLayouts_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("layout");
    QTest::addColumn<QList<qint64>>("ids");
    QTest::addColumn<QList<qint64>>("lines");

    using L = json::JsonDocumentReader::Layout;
    QTest::addRow("single pretty document") << QByteArray("{\n  \"id\": 7,\n  \"x\": [1, 2]\n}\n") << int(L::Single)
                                            << QList<qint64> { 7 } << QList<qint64> { 0 };
    QTest::addRow("single line document") << QByteArray("{\"id\": 8}") << int(L::Single) << QList<qint64> { 8 }
                                          << QList<qint64> { 0 };
    QTest::addRow("BOM before a document") << QByteArray("\xEF\xBB\xBF{\"id\": 9}\n") << int(L::Single) << QList<qint64> { 9 }
                                           << QList<qint64> { 0 };
    QTest::addRow("JSON Lines") << QByteArray("{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n") << int(L::Lines)
                                << QList<qint64> { 1, 2, 3 } << QList<qint64> { 1, 2, 3 };
    QTest::addRow("JSON Lines, CRLF, blank lines, no final newline")
        << QByteArray("{\"id\":1}\r\n\r\n{\"id\":2}\r\n{\"id\":3}") << int(L::Lines) << QList<qint64> { 1, 2, 3 }
        << QList<qint64> { 1, 3, 4 };
    QTest::addRow("JSON Lines with a BOM") << QByteArray("\xEF\xBB\xBF{\"id\":1}\n{\"id\":2}\n") << int(L::Lines)
                                           << QList<qint64> { 1, 2 } << QList<qint64> { 1, 2 };
    QTest::addRow("concatenated pretty pages (gh api --paginate)")
        << QByteArray("{\n \"id\": 1\n}\n{\n \"id\": 2\n}\n") << int(L::Concatenated) << QList<qint64> { 1, 2 }
        << QList<qint64> { 1, 4 };
}

void TstCiCommon::documentLayouts()
{
    QFETCH(QByteArray, content);
    QFETCH(int, layout);
    QFETCH(QList<qint64>, ids);
    QFETCH(QList<qint64>, lines);
    QTemporaryDir dir;
    json::JsonDocumentReader reader(writeFile(dir, QStringLiteral("in.json"), content));
    QCOMPARE(int(reader.layout()), layout);
    QList<qint64> seen;
    QList<qint64> seenLines;
    while (auto root = reader.next()) {
        seen << root->operator[]("id").requireInteger();
        seenLines << root->origin()->line;
    }
    QCOMPARE(seen, ids);
    QCOMPARE(seenLines, lines);
    QCOMPARE(reader.bytesRead(), reader.size());
}

void TstCiCommon::documentErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");

    QTest::addRow("empty file") << QByteArray("") << QStringLiteral("in.json: the file is empty");
    QTest::addRow("only whitespace") << QByteArray(" \n\n ") << QStringLiteral("in.json: the file is empty");
    QTest::addRow("binary garbage") << QByteArray("\x00\x01\x02\xff\xfe garbage", 14) << QStringLiteral("in.json:1: not JSON");
    QTest::addRow("truncated document, line and column")
        << QByteArray("{\n  \"jobs\": [\n    {\"id\": 1},\n    {\"id\": 2\n") << QStringLiteral("in.json:5:1: invalid JSON");
    QTest::addRow("bad line in JSON Lines") << QByteArray("{\"id\":1}\n{\"id\":2}\n{\"id\":3,,}\n{\"id\":4}\n")
                                            << QStringLiteral("in.json:3:");
    QTest::addRow("truncated last JSON line") << QByteArray("{\"id\":1}\n{\"id\":2}\n{\"id\":3, \"na")
                                              << QStringLiteral("in.json:3:");
    QTest::addRow("invalid UTF-8 in a string") << QByteArray("{\"id\": 1,\n \"name\": \"caf\xC3\x28\"}\n")
                                               << QStringLiteral("in.json:2: invalid UTF-8");
    QTest::addRow("invalid UTF-8 on a JSON line") << QByteArray("{\"id\":1}\n{\"id\":2}\n{\"name\":\"\xff\"}\n")
                                                  << QStringLiteral("in.json:3: invalid UTF-8");
    QTest::addRow("NaN is not JSON") << QByteArray("{\"duration\": NaN}") << QStringLiteral("in.json:1:");
}

void TstCiCommon::documentErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString message = errorReading(QStringLiteral("in.json"), content, readEveryDocument);
    QVERIFY2(message.contains(expected), qPrintable(message));
}

void TstCiCommon::hugeSingleLine()
{
    // 50 MB on one line that never closes its string: an error with a position, not a crash.
    QByteArray content = "{\"jobs\": [{\"name\": \"";
    content += QByteArray(50 * 1024 * 1024, 'x');
    const QString message = errorReading(QStringLiteral("huge.json"), content, readEveryDocument);
    QVERIFY2(message.contains(QStringLiteral("huge.json:1:")) && message.contains(QStringLiteral("invalid JSON")), qPrintable(message));
}

void TstCiCommon::nodeErrorsNamePath_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::addRow("string where an integer belongs")
        << QByteArray(R"({"jobs":[{"id":1,"steps":[]},{"id":2,"steps":[{"number":"two"}]}]})")
        << QStringLiteral("in.json: $.jobs[1].steps[0].number: expected an integer, found the string \"two\"");
    QTest::addRow("object where an array belongs") << QByteArray(R"({"jobs":[{"id":1,"steps":{"number":1}}]})")
                                                   << QStringLiteral("in.json: $.jobs[0].steps: expected an array, found an object");
    QTest::addRow("unparseable timestamp") << QByteArray(R"({"jobs":[{"id":1,"started_at":"yesterday","steps":[]}]})")
                                           << QStringLiteral("$.jobs[0].started_at: expected an ISO-8601 timestamp, found the string \"yesterday\"");
    QTest::addRow("number where a timestamp belongs") << QByteArray(R"({"jobs":[{"id":1,"started_at":17,"steps":[]}]})")
                                                      << QStringLiteral("$.jobs[0].started_at: expected a string, found the number 17");
    QTest::addRow("missing id") << QByteArray(R"({"jobs":[{"steps":[]}]})") << QStringLiteral("$.jobs[0].id: expected an id, found nothing");
    QTest::addRow("huge number") << QByteArray(R"({"jobs":[{"id":1e400,"steps":[]}]})") << QStringLiteral("in.json:1:");
}

void TstCiCommon::nodeErrorsNamePath()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const TimestampParser time;
    const QString message = errorReading(QStringLiteral("in.json"), content, [&](const QString& path) {
        json::JsonDocumentReader reader(path);
        while (auto root = reader.next()) {
            (*root)["jobs"].forEach([&](const json::Node& job) {
                job["id"].requireId();
                (void)job["started_at"].timestamp(time);
                job["steps"].forEach([](const json::Node& step) { (void)step["number"].integer(); });
            });
        }
    });
    QVERIFY2(message.contains(expected), qPrintable(message));
}

void TstCiCommon::detectionByContent_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("format");

    // Names chosen to mislead: detection must read the content.
    QTest::addRow("GitHub runs list") << "gitlab.xml"
                                      << QByteArray(R"({"total_count":1,"workflow_runs":[{"id":5,"run_attempt":1,"head_sha":"ab"}]})")
                                      << "github";
    QTest::addRow("GitHub jobs list") << "x.txt"
                                      << QByteArray(R"({"total_count":1,"jobs":[{"id":9,"run_id":5,"steps":[]}]})") << "github";
    QTest::addRow("GitHub run JSON Lines") << "runs.log"
                                           << QByteArray("{\"id\":5,\"workflow_id\":2,\"run_attempt\":1}\n{\"id\":6,\"workflow_id\":2,\"run_attempt\":1}\n")
                                           << "github";
    QTest::addRow("gh run list") << "a.json"
                                 << QByteArray(R"([{"databaseId":5,"workflowName":"CI","headSha":"ab","attempt":1}])") << "github";
    QTest::addRow("GitLab pipelines") << "github.json"
                                      << QByteArray(R"([{"id":1,"iid":2,"project_id":3,"sha":"ab","ref":"main","status":"success"}])")
                                      << "gitlab";
    QTest::addRow("GitLab jobs") << "j.json"
                                 << QByteArray(R"([{"id":1,"name":"rspec","stage":"test","status":"failed","pipeline":{"id":4}}])")
                                 << "gitlab";
    QTest::addRow("GitLab webhook") << "hook.json" << QByteArray(R"({"object_kind":"pipeline","object_attributes":{"id":1},"builds":[]})")
                                    << "gitlab";
    QTest::addRow("Jenkins wfapi describe") << "d.json"
                                            << QByteArray(R"({"id":"16","name":"#16","status":"SUCCESS","startTimeMillis":1413461275770,"stages":[]})")
                                            << "jenkins";
    QTest::addRow("Jenkins classic builds") << "b.json"
                                            << QByteArray(R"({"_class":"hudson.model.FreeStyleProject","allBuilds":[{"number":1}]})")
                                            << "jenkins";
    QTest::addRow("Blue Ocean nodes") << "n.json"
                                      << QByteArray(R"([{"displayName":"Build","durationInMillis":10,"id":"5","edges":[]}])")
                                      << "jenkins";
    QTest::addRow("CircleCI workflows") << "w.json"
                                        << QByteArray(R"({"items":[{"id":"w1","pipeline_id":"p1","pipeline_number":5,"name":"build"}],"next_page_token":null})")
                                        << "circleci";
    QTest::addRow("CircleCI jobs array") << "cj.json"
                                         << QByteArray(R"([{"job_number":2,"dependencies":[],"name":"say-hello","project_slug":"gh/a/b"}])")
                                         << "circleci";
    QTest::addRow("JUnit testsuites") << "report.json" << QByteArray("<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"a\"/></testsuites>")
                                      << "junit";
    QTest::addRow("JUnit bare testsuite with BOM") << "r.txt" << QByteArray("\xEF\xBB\xBF<testsuite name=\"a\" tests=\"0\"></testsuite>")
                                                   << "junit";
    QTest::addRow("GitHub job log with BOM and 7-digit fractions")
        << "job.json" << QByteArray("\xEF\xBB\xBF" "2024-12-11T18:19:11.2593209Z Current runner version: '2.321.0'\n")
        << "github-log";
    QTest::addRow("gh run view --log") << "log.txt" << QByteArray("build\tSet up job\t2024-12-11T18:19:11.2593209Z Runner\n")
                                       << "github-log";
    QTest::addRow("GitLab trace with sections")
        << "trace.txt" << QByteArray("\x1b[0KRunning with gitlab-runner 16.3.0\x1b[0;m\nsection_start:1699355739:prepare_executor\r\x1b[0K")
        << "gitlab-trace";
    QTest::addRow("GitLab trace with FF_TIMESTAMPS")
        << "t.log" << QByteArray("2024-01-01T00:01:00.000000Z 00O Running on runner\n2024-01-01T00:01:01.000000Z 00O+more\n")
        << "gitlab-trace";
    QTest::addRow("zip archive") << "logs.json" << QByteArray("PK\x03\x04rest-of-a-zip", 18) << "github-log-zip";
}

void TstCiCommon::detectionByContent()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QString, format);
    QTemporaryDir dir;
    QCOMPARE(ci::formatName(ci::detectCiFormat(writeFile(dir, fileName, content))), format);
}

void TstCiCommon::detectionRefuses_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::addRow("empty") << QByteArray() << QStringLiteral("in.dat: the file is empty");
    QTest::addRow("binary garbage") << QByteArray("\x7f" "ELF\x02\x01\x01\x00garbage", 16) << QStringLiteral("in.dat:1: not a CI export");
    QTest::addRow("UTF-16 with BOM") << QByteArray("\xFF\xFE{\x00}\x00", 6) << QStringLiteral("in.dat:1: the file is UTF-16 encoded");
    QTest::addRow("unrelated JSON") << QByteArray(R"({"name":"left-pad","version":"1.0.0"})")
                                    << QStringLiteral("in.dat:1: JSON that is not a CI export");
    QTest::addRow("deployments are not CI") << QByteArray(R"([{"id":1,"iid":1,"ref":"main","sha":"ab","status":"success","environment":{"name":"prod"},"deployable":{}}])")
                                            << QStringLiteral("not a CI export");
    QTest::addRow("XML that is not JUnit") << QByteArray("<?xml version=\"1.0\"?><project><modelVersion/></project>")
                                           << QStringLiteral("expected a JUnit XML report");
    QTest::addRow("plain text") << QByteArray("hello\nworld\n") << QStringLiteral("in.dat:1: not a CI export");
}

void TstCiCommon::detectionRefuses()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString message = errorReading(QStringLiteral("in.dat"), content,
                                         [](const QString& path) { ci::detectCiFormat(path); });
    QVERIFY2(message.contains(expected), qPrintable(message));
}

void TstCiCommon::jobsOnlyFilesComeAfterRuns()
{
    QTemporaryDir dir;
    bool jobsOnly = true;
    ci::detectCiFormat(writeFile(dir, QStringLiteral("runs.json"), R"({"total_count":1,"workflow_runs":[{"id":5,"run_attempt":1}]})"),
        &jobsOnly);
    QVERIFY(!jobsOnly);
    ci::detectCiFormat(writeFile(dir, QStringLiteral("jobs.json"), R"({"total_count":1,"jobs":[{"id":9,"run_id":5,"steps":[]}]})"),
        &jobsOnly);
    QVERIFY(jobsOnly);
    ci::detectCiFormat(writeFile(dir, QStringLiteral("jobs.jsonl"), "{\"id\":9,\"run_id\":5,\"run_attempt\":1,\"steps\":[]}\n{\"id\":10,\"run_id\":5,\"run_attempt\":1,\"steps\":[]}\n"),
        &jobsOnly);
    QVERIFY(jobsOnly);
    // gh run view --json …,jobs carries its run.
    ci::detectCiFormat(writeFile(dir, QStringLiteral("view.json"), R"({"databaseId":5,"workflowName":"CI","jobs":[{"databaseId":9,"steps":[]}]})"),
        &jobsOnly);
    QVERIFY(!jobsOnly);
    QVERIFY(ci::importPhase(ci::CiFormat::GitHubJson, false) < ci::importPhase(ci::CiFormat::GitHubJson, true));
    QVERIFY(ci::importPhase(ci::CiFormat::GitHubJson, true) < ci::importPhase(ci::CiFormat::GitHubJobLog));
    QVERIFY(ci::importPhase(ci::CiFormat::GitLabTrace) < ci::importPhase(ci::CiFormat::JUnitXml));
}

void TstCiCommon::stageRules_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("ciStage");
    QTest::addColumn<QString>("jobStage");
    QTest::addColumn<QString>("expected");

    // Job names, with and without GitLab's own stage.
    QTest::addRow("matrix test job") << "test (Python 3.7)" << "" << "" << "test";
    QTest::addRow("lint job") << "lint" << "" << "" << "lint";
    QTest::addRow("build job") << "build" << "" << "" << "build";
    QTest::addRow("deploy job") << "Deploy to production" << "" << "" << "deploy";
    QTest::addRow("docker image") << "docker-image" << "" << "" << "package";
    QTest::addRow("unknown job") << "say-hello" << "" << "" << "other";
    QTest::addRow("GitLab stage wins over name") << "rspec 1/3" << "test" << "" << "test";
    QTest::addRow("GitLab custom stage falls back to name") << "eslint" << "quality" << "" << "lint";
    QTest::addRow("GitLab .pre stage") << "prepare env" << ".pre" << "" << "setup";
    // Steps: own rule, else the job's stage.
    QTest::addRow("Set up job step") << "Set up job" << "" << "test" << "setup";
    QTest::addRow("checkout step") << "Run actions/checkout@v4" << "" << "test" << "checkout";
    QTest::addRow("setup-python step") << "Run actions/setup-python@v5" << "" << "test" << "setup";
    QTest::addRow("cache step") << "Run actions/cache@v4" << "" << "build" << "setup";
    QTest::addRow("install dependencies") << "Install dependencies" << "" << "test" << "setup";
    QTest::addRow("unmatched step takes job stage") << "Run ./run-me.sh" << "" << "test" << "test";
    QTest::addRow("GitLab get_sources section") << "get_sources" << "" << "build" << "checkout";
    QTest::addRow("GitLab restore_cache section") << "restore_cache" << "" << "test" << "setup";
}

void TstCiCommon::stageRules()
{
    QFETCH(QString, name);
    QFETCH(QString, ciStage);
    QFETCH(QString, jobStage);
    QFETCH(QString, expected);
    const ci::StageRules rules = ci::StageRules::load();
    const QString stage = jobStage.isEmpty() ? rules.jobStage(name, ciStage) : rules.stepStage(name, jobStage);
    QCOMPARE(stage, expected);
    QVERIFY(ci::StageRules::canonicalStages().contains(stage));
}

void TstCiCommon::userStageRulesComeFirst()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("rules.json"),
        R"j({"rules":[{"stage":"deploy","match":"^say-"},{"stage":"lint","match":"\\btest \\(lint\\)"}]})j");
    const ci::StageRules rules = ci::StageRules::load(path);
    QCOMPARE(rules.jobStage(QStringLiteral("say-hello")), QStringLiteral("deploy"));
    QCOMPARE(rules.jobStage(QStringLiteral("test (lint)")), QStringLiteral("lint"));
    QCOMPARE(rules.jobStage(QStringLiteral("test (3.12)")), QStringLiteral("test")); // defaults still apply
}

void TstCiCommon::badStageRules_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::addRow("not JSON") << QByteArray("{rules") << QStringLiteral("rules.json: offset");
    QTest::addRow("no rules array") << QByteArray(R"({"stages":[]})") << QStringLiteral("rules.json: $.rules: expected an array");
    QTest::addRow("unknown stage") << QByteArray(R"({"rules":[{"stage":"qa","match":"x"}]})")
                                   << QStringLiteral("rules.json: $.rules[0].stage: expected one of checkout");
    QTest::addRow("bad regex") << QByteArray(R"({"rules":[{"stage":"test","match":"x"},{"stage":"test","match":"(unclosed"}]})")
                               << QStringLiteral("rules.json: $.rules[1].match: expected a regular expression");
}

void TstCiCommon::badStageRules()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString message = errorReading(QStringLiteral("rules.json"), content,
                                         [](const QString& path) { ci::StageRules::load(path); });
    QVERIFY2(message.contains(expected), qPrintable(message));
}

void TstCiCommon::fingerprint_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("numbers and case") << "Process completed with exit code 137." << "process completed with exit code <n>.";
    QTest::addRow("url") << "GET https://api.example.com/v1/orders/8812 failed: 503"
                         << "get <url> failed: <n>";
    QTest::addRow("quoted values") << "Cannot find module 'left-pad' from \"src/index.js\"" << "cannot find module <q> from <q>";
    QTest::addRow("timestamp") << "timeout at 2024-05-01T10:22:03.123Z after 30s" << "timeout at <time> after <n>s";
    QTest::addRow("uuid") << "request 3f2a9c1e-7b4d-4e8a-9f00-1a2b3c4d5e6f rejected" << "request <uuid> rejected";
    QTest::addRow("path") << "No such file: /home/runner/work/shop/shop/build/app.o" << "no such file: <path>";
    QTest::addRow("hex id") << "object deadbeef42 missing in pack" << "object <hex> missing in pack";
    QTest::addRow("whitespace collapsed") << "  test:   FAILED \t tests/test_api.py::test_login  " << "test: failed <path>::test_login";
    QTest::addRow("same failure, other details")
        << "Test (3.12): AssertionError: expected 200, got 500 at tests/test_api.py:88"
        << "test (<n>): assertionerror: expected <n>, got <n> at <path>:<n>";
}

void TstCiCommon::fingerprint()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(normalizeForFingerprint(text), expected);
}

void TstCiCommon::logScanner_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("errorLine");
    QTest::addColumn<QString>("cache");

    QTest::addRow("GitHub error line") << texts({ "Run make test", "##[error]tests/test_api.py:88: AssertionError",
        "##[error]Process completed with exit code 1." }) << "tests/test_api.py:88: AssertionError" << "";
    QTest::addRow("only the generic exit code") << texts({ "npm test", "##[error]Process completed with exit code 1." })
                                                << "Process completed with exit code 1." << "";
    QTest::addRow("specific line after the generic one")
        << texts({ "ERROR: Job failed: exit code 1", "FAILED tests/test_x.py::test_y - assert 1 == 2" })
        << "FAILED tests/test_x.py::test_y - assert 1 == 2" << "";
    QTest::addRow("GitLab ERROR with colours") << texts({ "\x1b[31;1mERROR: Job failed: exit code 2\x1b[0;m" })
                                               << "Job failed: exit code 2" << "";
    QTest::addRow("compiler error") << texts({ "[ 50%] Building CXX object", "src/main.cpp:12:5: error: 'foo' was not declared in this scope" })
                                    << "src/main.cpp:12:5: error: 'foo' was not declared in this scope" << "";
    QTest::addRow("go test failure") << texts({ "=== RUN   TestLogin", "--- FAIL: TestLogin (0.01s)" }) << "--- FAIL: TestLogin (0.01s)" << "";
    QTest::addRow("maven error") << texts({ "[INFO] Building", "[ERROR] Tests run: 4, Failures: 1" }) << "Tests run: 4, Failures: 1" << "";
    QTest::addRow("no error") << texts({ "all good", "0 errors, 0 warnings" }) << "" << "";
    QTest::addRow("actions/cache hit") << texts({ "Cache restored from key: Linux-pip-3f2a" }) << "" << "hit";
    QTest::addRow("actions/cache miss") << texts({ "Cache not found for input keys: Linux-pip-3f2a" }) << "" << "miss";
    QTest::addRow("GitLab cache hit") << texts({ "Checking cache for main-1...", "Successfully extracted cache" }) << "" << "hit";
    QTest::addRow("GitLab cache miss") << texts({ "WARNING: file does not exist", "Failed to extract cache" }) << "" << "miss";
    QTest::addRow("BuildKit layers cached") << texts({ "#5 [2/4] RUN apt-get update", "#5 CACHED" }) << "" << "hit";
    QTest::addRow("BuildKit layers rebuilt") << texts({ "#5 [2/4] RUN apt-get update", "#5 0.812 Get:1 http://deb.debian.org" })
                                             << "" << "miss";
}

void TstCiCommon::logScanner()
{
    QFETCH(QStringList, lines);
    QFETCH(QString, errorLine);
    QFETCH(QString, cache);
    ci::LogScanner scanner;
    for (const QString& line : lines)
        scanner.addLine(line);
    const auto findings = scanner.findings();
    QCOMPARE(findings.errorLine, errorLine);
    QCOMPARE(findings.cache, cache);
    QCOMPARE(scanner.hasError(), !errorLine.isEmpty());
}

void TstCiCommon::severalSourcesInOneBatch()
{
    QTemporaryDir dir;
    store::Workspace ws = store::Workspace::create(dir.filePath(QStringLiteral("w.faultline")));
    {
        store::ImportBatch batch(ws, { QStringLiteral("/a.json"), QStringLiteral("ci:github"), "aa" });
        store::CiWriter writer(batch);
        store::CiRun run;
        run.provider = QStringLiteral("github");
        run.externalId = QStringLiteral("1");
        const auto runId = writer.upsertRun(run);
        batch.addWarning({ QStringLiteral("unknown-value"), QStringLiteral("/a.json"), 0, QStringLiteral("$.x"), QStringLiteral("d") });
        batch.beginSource({ QStringLiteral("/b.json"), QStringLiteral("ci:github"), "bb" });
        store::CiJob job;
        job.externalId = QStringLiteral("10");
        job.name = QStringLiteral("build");
        writer.upsertJob(runId, job);
        writer.upsertJob(runId, job);
        batch.commit();
        QCOMPARE(batch.sourceSummaries().size(), size_t(2));
        QCOMPARE(batch.sourceSummaries()[0].rowCounts.value(QStringLiteral("pipeline_runs")), 1);
        QCOMPARE(batch.sourceSummaries()[0].warnings, 1);
        QCOMPARE(batch.sourceSummaries()[1].rowCounts.value(QStringLiteral("jobs")), 2);
        QCOMPARE(batch.sourceSummaries()[1].warnings, 0);
    }
    QCOMPARE(rowCount(ws.db(), QStringLiteral("imports")), 2);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("import_warnings")), 1);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("jobs")), 1);
}

void TstCiCommon::ciWriterKeepsNewestState()
{
    QTemporaryDir dir;
    store::Workspace ws = store::Workspace::create(dir.filePath(QStringLiteral("w.faultline")));
    store::ImportBatch batch(ws, { QStringLiteral("/a.json"), QStringLiteral("ci:github"), "aa" });
    store::CiWriter writer(batch);
    store::CiRun newer;
    newer.provider = QStringLiteral("github");
    newer.project = QStringLiteral("acme/shop");
    newer.externalId = QStringLiteral("77");
    newer.status = QStringLiteral("completed");
    newer.conclusion = QStringLiteral("failure");
    newer.prNumber = 12;
    newer.updatedAt = 2000;
    const auto id = writer.upsertRun(newer);

    store::CiRun older = newer;
    older.status = QStringLiteral("in_progress");
    older.conclusion.clear();
    older.prNumber.reset();
    older.updatedAt = 1000;
    QCOMPARE(writer.upsertRun(older), id); // older: ignored

    store::CiRun sparse; // a newer export that lacks fields: keeps what the other said
    sparse.provider = newer.provider;
    sparse.project = newer.project;
    sparse.externalId = newer.externalId;
    sparse.conclusion = QStringLiteral("success");
    sparse.updatedAt = 3000;
    QCOMPARE(writer.upsertRun(sparse), id);

    auto s = batch.db().prepare("SELECT status, conclusion, pr_number, updated_at FROM pipeline_runs");
    QVERIFY(s.step());
    QCOMPARE(s.text(0), QStringLiteral("completed"));
    QCOMPARE(s.text(1), QStringLiteral("success"));
    QCOMPARE(s.int64(2), 12);
    QCOMPARE(s.int64(3), 3000);
    QVERIFY(!s.step());
}

void TstCiCommon::cliExitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::addRow("no inputs") << texts({ "import", "ci" }) << QByteArray() << 2 << "expected at least one file";
    QTest::addRow("unknown format") << texts({ "import", "ci", "--format", "travis", "IN" }) << QByteArray("{}") << 2
                                    << "unknown --format 'travis'";
    QTest::addRow("missing file") << texts({ "import", "ci", "/nonexistent/runs.json" }) << QByteArray() << 1
                                  << "/nonexistent/runs.json: no such file or folder";
    QTest::addRow("empty file") << texts({ "import", "ci", "IN" }) << QByteArray() << 1 << "in.json: the file is empty";
    QTest::addRow("binary garbage") << texts({ "import", "ci", "IN" }) << QByteArray("\x89PNG\r\n\x1a\n\x00\x00", 10) << 1
                                    << "in.json:1: not a CI export";
    QTest::addRow("truncated JSON") << texts({ "import", "ci", "IN" })
                                    << QByteArray("{\"total_count\": 2, \"workflow_runs\": [{\"id\": 1, \"run_attempt\": 1}, {\"id\"") << 1
                                    << "in.json:1:";
    QTest::addRow("UTF-16") << texts({ "import", "ci", "IN" }) << QByteArray("\xFF\xFE[\x00]\x00", 6) << 1 << "UTF-16";
    // Fails inside the import, after progress has started: still one line on stderr.
    QTest::addRow("jobs without their runs")
        << texts({ "import", "ci", "IN" })
        << QByteArray(R"({"total_count":1,"jobs":[{"id":9,"run_id":5,"run_attempt":1,"name":"build","steps":[]}]})") << 1
        << "$.jobs[0].run_id: run 5 attempt 1 is not in the workspace";
}

void TstCiCommon::cliExitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const test::ScratchWorkspace scratch;
    const QByteArray before = fileSha256(scratch.workspace);
    const QString in = scratch.write(QStringLiteral("in.json"), input);
    args.replaceInStrings(QStringLiteral("IN"), in);
    args << QStringLiteral("--workspace") << scratch.workspace;
    const auto result = runFaultline(args);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QCOMPARE(result.err.count(QLatin1Char('\n')), 1); // one message, not a cascade
    QCOMPARE(fileSha256(scratch.workspace), before);
}

void TstCiCommon::cliFailureRemovesCreatedWorkspace()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("new.faultline"));
    const QString in = writeFile(dir, QStringLiteral("bad.json"), "{\"workflow_runs\": [");
    const auto result = runFaultline({ QStringLiteral("import"), QStringLiteral("ci"), in, QStringLiteral("--workspace"), workspace });
    QCOMPARE(result.exitCode, 1);
    QVERIFY(!QFile::exists(workspace));
    const auto help = runFaultline({ QStringLiteral("import"), QStringLiteral("--help") });
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QStringLiteral("ci ")));
}

QTEST_GUILESS_MAIN(TstCiCommon)
#include "tst_ci_common.moc"
