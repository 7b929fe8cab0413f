// Hostile input for every importer, through the binary a user runs: each valid fixture is mutated
// (truncated, wrong JSON types at every level, invalid UTF-8, UTF-16, a BOM, NUL bytes, huge numbers,
// NaN, absurd timestamps, CSV column and quoting damage) and generated monsters are added (100,000
// levels of JSON nesting, a 50 MB single line). Every run must end in exit 0 (the input was still
// usable) or exit 1 with a message naming the file and a position, the workspace byte-for-byte as it
// was; never a crash, a hang or a usage error. The hand-written corpus under tests/data/malformed/
// (each folder's cases.tsv, which also lists hostile fixtures kept beside their importer's tests) is
// run the same way, with the exit and message each case expects.
#include "test_support.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringConverter>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <set>
#include <vector>

using namespace faultline;
using test::S;

namespace {

struct Fixture
{
    const char* kind; // import subcommand
    const char* path; // under tests/data
    std::vector<const char*> args; // what the fixture needs besides the file
    // False for a file that only imports next to its run's jobs (a log archive): its mutants are
    // still read, and must still fail cleanly.
    bool importsAlone = true;
};

// One or more valid exports of every importer's formats.
const std::vector<Fixture>& fixtures()
{
    static const std::vector<Fixture> list {
        { "ci", "github-actions/gh_run_list.json", {} },
        { "ci", "github-actions/runs.jsonl", {} },
        { "ci", "github-actions/gh_run_view_jobs.json", {} },
        { "ci", "github-actions/jobs.jsonl", {} },
        { "ci", "gitlab-ci/pipelines_list.json", {} },
        { "ci", "gitlab-ci/jobs_retried.json", {} },
        { "ci", "gitlab-ci/trace_sections.log", { "--job", "8802002", "--format", "gitlab-trace" } },
        { "ci", "jenkins/wfapi_runs.json", {} },
        { "ci", "jenkins/build.json", {} },
        { "ci", "circleci/pipelines.json", {} },
        { "ci", "circleci/workflows.json", {} },
        { "ci", "junit/pytest.xml", {} },
        { "ci", "junit/jest.xml", {} },
        { "ci", "github-actions-logs/logs_9001.zip", {}, false },
        { "deploys", "deployments/deployments.csv", { "--environment", "production", "--service", "shop" } },
        { "deploys", "deployments/argocd_app.yaml", {} },
        { "deploys", "deployments/github_deployments.json", {} },
        { "deploys", "deployments/gitlab_deployments.json", {} },
        { "deploys", "deployments/helm_history.json", { "--service", "shop" } },
        { "incidents", "incidents/pagerduty_incidents_page.json", {} },
        { "incidents", "incidents/opsgenie_incidents.json", {} },
        { "incidents", "incidents/incidents_template.csv", {} },
        { "incidents", "incidents/jira_search.json", {} },
        { "prs", "pull-requests/gh_pr_list_full.json", {} },
        { "prs", "pull-requests/gitlab_merge_requests.json", {} },
        { "prs", "pull-requests/github_rest_pulls.json", {} },
    };
    return list;
}

struct Mutant
{
    QString what; // "truncated at 50 %"
    QByteArray bytes;
};

bool isJson(const QString& path)
{
    return path.endsWith(QLatin1String(".json"));
}

bool isLineFormat(const QString& path)
{
    return path.endsWith(QLatin1String(".jsonl")) || path.endsWith(QLatin1String(".csv"))
        || path.endsWith(QLatin1String(".log")) || path.endsWith(QLatin1String(".yaml"));
}

// Every value of the document at depth ≤ maxDepth, as a path of keys and indexes (first array element
// only: the others have the same shape).
void collectPaths(const QJsonValue& value, QVariantList path, int maxDepth, std::vector<QVariantList>& out)
{
    out.push_back(path);
    if (int(path.size()) >= maxDepth)
        return;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            QVariantList child = path;
            child << it.key();
            collectPaths(it.value(), child, maxDepth, out);
        }
    } else if (value.isArray() && !value.toArray().isEmpty()) {
        QVariantList child = path;
        child << 0;
        collectPaths(value.toArray().first(), child, maxDepth, out);
    }
}

// A value of another type than `value`.
QJsonValue wrongType(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return 12345;
    case QJsonValue::Double:
        return QStringLiteral("twelve");
    case QJsonValue::Bool:
        return QStringLiteral("yes");
    case QJsonValue::Object:
        return QJsonArray { 1, 2 };
    case QJsonValue::Array:
        return QJsonObject { { QStringLiteral("x"), 1 } };
    default:
        return QJsonObject {};
    }
}

QJsonValue replaced(const QJsonValue& value, const QVariantList& path, qsizetype depth)
{
    if (depth == path.size())
        return wrongType(value);
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        const QString key = path.at(depth).toString();
        object[key] = replaced(object.value(key), path, depth + 1);
        return object;
    }
    QJsonArray array = value.toArray();
    array[0] = replaced(array.at(0), path, depth + 1);
    return array;
}

QString describe(const QVariantList& path)
{
    QString text = QStringLiteral("$");
    for (const QVariant& step : path)
        text += step.typeId() == QMetaType::Int ? QStringLiteral("[%1]").arg(step.toInt())
                                                : QLatin1Char('.') + step.toString();
    return text;
}

QByteArray insertAt(QByteArray bytes, qsizetype at, const QByteArray& what)
{
    return bytes.insert(std::clamp<qsizetype>(at, 0, bytes.size()), what);
}

// The middle of the file, moved to just after a letter so the damage lands inside a name or value.
qsizetype middleOfText(const QByteArray& bytes)
{
    for (qsizetype i = bytes.size() / 2; i < bytes.size(); ++i) {
        if (std::isalpha(static_cast<unsigned char>(bytes.at(i))))
            return i + 1;
    }
    return bytes.size() / 2;
}

std::vector<Mutant> mutants(const QString& path, const QByteArray& bytes)
{
    std::vector<Mutant> out;
    for (const int percent : { 1, 33, 50, 90 })
        out.push_back(
            { QStringLiteral("truncated at %1 %").arg(percent), bytes.left(bytes.size() * percent / 100) });
    if (path.endsWith(QLatin1String(".zip")))
        return out; // a zip's entries are themselves the formats above
    out.push_back({ QStringLiteral("invalid UTF-8"),
                    insertAt(bytes, middleOfText(bytes), QByteArray("\xC3\x28\xFF\xFE", 4)) });
    out.push_back(
        { QStringLiteral("NUL bytes"), insertAt(bytes, middleOfText(bytes), QByteArray("\0\0\0", 3)) });
    out.push_back({ QStringLiteral("UTF-8 BOM"), QByteArray("\xEF\xBB\xBF") + bytes });
    {
        auto toUtf16 = QStringEncoder(QStringEncoder::Utf16LE, QStringConverter::Flag::WriteBom);
        out.push_back({ QStringLiteral("UTF-16"), toUtf16(QString::fromUtf8(bytes)) });
    }
    {
        QByteArray text = bytes;
        static const QRegularExpression iso(QStringLiteral("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));
        const QString asText = QString::fromUtf8(bytes);
        for (const char* absurd : { "0000-01-01T00:00:00", "9999-12-31T23:59:59" }) {
            QString changed = asText;
            changed.replace(iso, QLatin1String(absurd));
            if (changed != asText)
                out.push_back(
                    { QStringLiteral("every timestamp %1").arg(QLatin1String(absurd)), changed.toUtf8() });
        }
    }
    if (path.endsWith(QLatin1String(".csv"))) {
        const qsizetype headerEnd = bytes.indexOf('\n');
        const QByteArray header = bytes.left(headerEnd).trimmed();
        const QByteArray rest = bytes.mid(headerEnd);
        const QList<QByteArray> names = header.split(',');
        for (qsizetype drop = 0; drop < names.size(); ++drop) {
            QList<QByteArray> fewer = names;
            fewer.removeAt(drop);
            out.push_back({ QStringLiteral("header without column %1").arg(QString::fromUtf8(names.at(drop))),
                            fewer.join(',') + rest });
        }
        out.push_back({ QStringLiteral("duplicated column"), header + ',' + names.first() + rest });
        out.push_back({ QStringLiteral("extra column in the header"), header + ",extra" + rest });
        out.push_back({ QStringLiteral("unbalanced quote"), insertAt(bytes, middleOfText(bytes), "\"") });
    }
    if (isJson(path)) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
        const QJsonValue root
            = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
        std::vector<QVariantList> paths;
        collectPaths(root, {}, 4, paths);
        for (const QVariantList& p : paths) {
            const QJsonValue changed = replaced(root, p, 0);
            const QByteArray json = changed.isArray() ? QJsonDocument(changed.toArray()).toJson()
                : changed.isObject()                  ? QJsonDocument(changed.toObject()).toJson()
                                                      : QByteArray("12345");
            out.push_back({ QStringLiteral("wrong type at %1").arg(describe(p)), json });
        }
        static const QRegularExpression number(QStringLiteral(":\\s*(-?\\d+(\\.\\d+)?)\\s*([,}\\]])"));
        const QString asText = QString::fromUtf8(bytes);
        for (const char* value :
             { "1e400", "123456789012345678901234567890", "NaN", "Infinity", "-Infinity" }) {
            QString changed = asText;
            changed.replace(number, QStringLiteral(": %1\\3").arg(QLatin1String(value)));
            if (changed != asText)
                out.push_back(
                    { QStringLiteral("every number %1").arg(QLatin1String(value)), changed.toUtf8() });
        }
    }
    return out;
}

} // namespace

class TestMalformed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyImporterSurvivesMutations_data();
    void everyImporterSurvivesMutations();
    void monstersAreRefused_data();
    void monstersAreRefused();
    void handWrittenCorpus_data();
    void handWrittenCorpus();
    void handWrittenCorpusCoversEveryKind();

private:
    // Imports `file` into a fresh copy of the base workspace and checks the outcome; `result`
    // receives the command's exit and output.
    void importAndCheck(const QString& kind, const QString& file, const QStringList& args, bool mustFail,
                        const QString& what, test::ProcessResult* result = nullptr);

    QTemporaryDir m_dir;
    QString m_base;
    int m_runs = 0;
};

void TestMalformed::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Earlier data that must survive every failed import: CI runs (with the GitLab jobs the trace
    // belongs to) and incidents.
    m_base = m_dir.filePath(QStringLiteral("base.faultline"));
    for (const auto& [kind, file] :
         { std::pair { "ci", "github-actions/run_single.json" },
           std::pair { "ci", "github-actions/runs.jsonl" },
           std::pair { "ci", "gitlab-ci/jobs_for_traces.json" },
           std::pair { "incidents", "incidents/pagerduty_incident_single.json" } }) {
        const auto r = test::runFaultline({ QStringLiteral("import"), QLatin1String(kind),
                                            test::dataPath(QLatin1String(file)),
                                            QStringLiteral("--workspace"), m_base });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
}

void TestMalformed::importAndCheck(const QString& kind, const QString& file, const QStringList& args,
                                   bool mustFail, const QString& what, test::ProcessResult* result)
{
    const QString workspace = m_dir.filePath(QStringLiteral("w.faultline"));
    QFile::remove(workspace);
    QVERIFY(QFile::copy(m_base, workspace));
    const QByteArray before = test::fileSha256(workspace);
    QStringList command { QStringLiteral("import"), kind, file, QStringLiteral("--workspace"), workspace };
    command << args;
    const auto r = test::runFaultline(command, 120000);
    ++m_runs;
    if (result)
        *result = r;
    const QString context
        = what + QStringLiteral(": exit ") + QString::number(r.exitCode) + QLatin1Char('\n') + r.err;
    QVERIFY2(r.exitCode == 0 || r.exitCode == 1, qPrintable(context)); // -1: crashed or hung
    if (mustFail)
        QVERIFY2(r.exitCode == 1, qPrintable(context));
    if (r.exitCode == 1) {
        // "<file>:<line>[:<col>]: …", "<file>: $.path: …", "<file>: byte N …" or a zip's
        // "<file>: archive entry "name" …"
        const QString name = QFileInfo(file).fileName();
        static const QRegularExpression position(QStringLiteral("(:\\d+|\\$|line \\d+|byte \\d+|entry \")"));
        const qsizetype at = r.err.indexOf(name);
        QVERIFY2(at >= 0, qPrintable(QStringLiteral("the message does not name the file: ") + context));
        if (qEnvironmentVariableIsSet("MALFORMED_EXPLORE")) {
            if (!position.match(r.err, at + name.size()).hasMatch())
                qWarning("NOPOS %s", qPrintable(context));
        } else {
            QVERIFY2(position.match(r.err, at + name.size()).hasMatch(),
                     qPrintable(QStringLiteral("the message names no position: ") + context));
        }
        QVERIFY2(test::fileSha256(workspace) == before,
                 qPrintable(QStringLiteral("the failed import changed the workspace: ") + context));
        QVERIFY2(!QFile::exists(workspace + QStringLiteral("-wal"))
                     || QFileInfo(workspace + QStringLiteral("-wal")).size() == 0,
                 qPrintable(context));
    }
}

void TestMalformed::everyImporterSurvivesMutations_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("importsAlone");
    for (const Fixture& f : fixtures()) {
        QStringList args;
        for (const char* arg : f.args)
            args << QLatin1String(arg);
        QTest::newRow(f.path) << QString::fromLatin1(f.kind) << QString::fromLatin1(f.path) << args
                              << f.importsAlone;
    }
}

void TestMalformed::everyImporterSurvivesMutations()
{
    QFETCH(QString, kind);
    QFETCH(QString, path);
    QFETCH(QStringList, args);
    QFETCH(bool, importsAlone);
    const QString original = test::dataPath(path);
    // The unmutated fixture imports: the mutants damage a file the importer accepts.
    {
        const QString workspace = m_dir.filePath(QStringLiteral("w.faultline"));
        QFile::remove(workspace);
        QVERIFY(QFile::copy(m_base, workspace));
        const auto r = test::runFaultline(
            QStringList { QStringLiteral("import"), kind, original, QStringLiteral("--workspace"), workspace }
            + args);
        QVERIFY2(r.exitCode == (importsAlone ? 0 : 1), qPrintable(r.err));
    }
    const QString file = m_dir.filePath(QFileInfo(path).fileName());
    int count = 0;
    for (const Mutant& m : mutants(path, test::readData(path))) {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(m.bytes);
        out.close();
        // Damage a parser must notice: cut-off JSON or XML, NaN / Infinity tokens, NUL bytes and
        // invalid UTF-8 in structured text, absurd years. Line formats may end on a whole line, wrong types
        // may sit in fields an importer ignores, and a BOM or UTF-16 XML is legitimate.
        const bool structured = !isLineFormat(path) && !path.endsWith(QLatin1String(".zip"));
        const bool mustFail = (structured && m.what.startsWith(QLatin1String("truncated")))
            || m.what.contains(QLatin1String("NaN")) || m.what.contains(QLatin1String("Infinity"))
            || (m.what == QLatin1String("invalid UTF-8") && !path.endsWith(QLatin1String(".log")))
            || (m.what == QLatin1String("NUL bytes") && !path.endsWith(QLatin1String(".log")))
            // Years outside 1970–2199 are refused wherever a time is read (a CircleCI pipelines list
            // only gives ids: its times are never read).
            || (m.what.startsWith(QLatin1String("every timestamp"))
                && path != QLatin1String("circleci/pipelines.json"));
        importAndCheck(kind, file, args, mustFail, path + QStringLiteral(" — ") + m.what);
        if (QTest::currentTestFailed())
            return;
        ++count;
    }
    qInfo("%s: %d mutants", qPrintable(path), count);
}

void TestMalformed::monstersAreRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("fragment"); // the message must contain it; empty for any refusal
    const QByteArray nested = QByteArray(100000, '[') + QByteArray(100000, ']');
    QTest::newRow("100k levels of JSON arrays") << S("ci") << S("runs.json") << nested << QString();
    QTest::newRow("100k levels of JSON objects")
        << S("incidents") << S("incidents.json")
        << QByteArray("{\"a\":").repeated(100000) + "1" + QByteArray(100000, '}') << QString();
    // libyaml's scanner is quadratic in flow nesting (100k levels took over a minute) and yaml-cpp
    // recurses per level: both must stop at the limit, which the fragment proves.
    const QByteArray argo("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: deep\n"
                          "spec:\n  source:\n");
    QTest::newRow("100k levels of YAML flow sequences")
        << S("deploys") << S("application.yaml") << argo + "    path: " + nested + '\n'
        << S("application.yaml:7:208: invalid YAML (nested more than 200 levels deep)");
    QTest::newRow("100k levels of YAML block sequences")
        << S("deploys") << S("application.yaml")
        << argo + "    path:\n      " + QByteArray("- ").repeated(100000) + "x\n"
        << S("application.yaml:8:401: invalid YAML (nested more than 200 levels deep)");
    const QByteArray line(50 * 1024 * 1024, 'a');
    QTest::newRow("50 MB single line: JSON string")
        << S("prs") << S("prs.json") << QByteArray("[{\"number\": 1, \"title\": \"") + line + "\"}"
        << QString();
    QTest::newRow("50 MB single line: CSV")
        << S("deploys") << S("deployments.csv")
        << QByteArray("service,environment,status,finished_at,commit\n") + line << QString();
    QTest::newRow("50 MB single line: log") << S("ci") << S("job_1.txt") << line << QString();
}

void TestMalformed::monstersAreRefused()
{
    QFETCH(QString, kind);
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, fragment);
    const QString file = m_dir.filePath(name);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(bytes);
    out.close();
    test::ProcessResult r;
    importAndCheck(kind, file, {}, true, name, &r);
    QFile::remove(file);
    if (!fragment.isEmpty())
        QVERIFY2(r.err.contains(fragment), qPrintable(r.err));
}

namespace {

struct CorpusCase
{
    QString kind; // import subcommand
    QString file; // absolute
    QStringList args;
    int exitCode = 1;
    QString fragment; // stderr must contain it; empty for none
    QString problem; // a malformed cases.tsv line
};

// Every line of every tests/data/malformed/**/cases.tsv:
// kind <TAB> file (relative to the tsv) <TAB> extra args or - <TAB> exit <TAB> stderr fragment or -
std::vector<std::pair<QString, CorpusCase>> corpusCases()
{
    std::vector<std::pair<QString, CorpusCase>> out;
    const QString root = test::dataPath(QStringLiteral("malformed"));
    QDirIterator it(root, { QStringLiteral("cases.tsv") }, QDir::Files, QDirIterator::Subdirectories);
    QStringList tsvs;
    while (it.hasNext())
        tsvs << it.next();
    tsvs.sort();
    for (const QString& tsv : std::as_const(tsvs)) {
        QFile in(tsv);
        const bool opened = in.open(QIODevice::ReadOnly | QIODevice::Text);
        const QDir folder = QFileInfo(tsv).dir();
        const QString label = QDir(root).relativeFilePath(tsv);
        int lineNumber = 0;
        while (opened && !in.atEnd()) {
            const QString line = QString::fromUtf8(in.readLine()).trimmed();
            ++lineNumber;
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            const QStringList fields = line.split(QLatin1Char('\t'));
            CorpusCase c;
            const QString name = label + QLatin1Char(':') + QString::number(lineNumber);
            if (fields.size() != 5
                || (fields.at(3) != QLatin1String("0") && fields.at(3) != QLatin1String("1"))) {
                c.problem = QStringLiteral("expected 5 TAB-separated fields with exit 0 or 1: ") + line;
                out.emplace_back(name, c);
                continue;
            }
            c.kind = fields.at(0);
            c.file = QDir::cleanPath(folder.filePath(fields.at(1)));
            if (fields.at(2) != QLatin1String("-"))
                c.args = fields.at(2).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            c.exitCode = fields.at(3).toInt();
            if (fields.at(4) != QLatin1String("-"))
                c.fragment = fields.at(4);
            out.emplace_back(name + QLatin1Char(' ') + fields.at(1), c);
        }
        if (!opened)
            out.emplace_back(label, CorpusCase { {}, {}, {}, 1, {}, in.errorString() });
    }
    return out;
}

} // namespace

void TestMalformed::handWrittenCorpus_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("fragment");
    QTest::addColumn<QString>("problem");
    for (const auto& [name, c] : corpusCases())
        QTest::newRow(qPrintable(name))
            << c.kind << c.file << c.args << c.exitCode << c.fragment << c.problem;
}

void TestMalformed::handWrittenCorpus()
{
    QFETCH(QString, kind);
    QFETCH(QString, file);
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, fragment);
    QFETCH(QString, problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(QFileInfo(file).isFile(), qPrintable(file + QStringLiteral(" does not exist")));
    test::ProcessResult r;
    importAndCheck(kind, file, args, exitCode == 1, file, &r);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(r.exitCode == exitCode, qPrintable(r.err));
    // A refusal is on standard error; an import's summary and warnings are on standard output.
    const QString output = exitCode == 1 ? r.err : r.out + r.err;
    QVERIFY2(fragment.isEmpty() || output.contains(fragment, Qt::CaseInsensitive),
             qPrintable(QStringLiteral("expected \"%1\" in:\n%2").arg(fragment, output)));
}

// The corpus has a refused file of every import kind.
void TestMalformed::handWrittenCorpusCoversEveryKind()
{
    std::set<QString> refused;
    for (const auto& [name, c] : corpusCases())
        if (c.exitCode == 1)
            refused.insert(c.kind);
    for (const char* kind : { "ci", "deploys", "incidents", "prs" })
        QVERIFY2(refused.count(QLatin1String(kind)), kind);
}

QTEST_GUILESS_MAIN(TestMalformed)
#include "tst_malformed.moc"
