// Names from imported data never reach SQL text: a workspace whose services, environments, people,
// paths, titles and branches are SQL (and LIKE wildcards) is imported through the real importers,
// then filtered by those names through every command that takes a filter. Every table survives,
// every name comes back byte for byte, and a filter matches exactly the rows that carry the name.
#include "common/csv_reader.h"
#include "git_scratch.h"
#include "store/sqlite_database.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace faultline;
using test::S;

namespace {

const QString kService = S("shop'); DROP TABLE deployments; --");
const QString kOtherService = S("shop");
const QString kEnvironment = S("prod\" OR 1=1 --");
const QString kAuthor = S("Robert'); DROP TABLE commits; --");
const QString kPath = S("src/'; DELETE FROM churn; --.c");
const QString kSubject = S("%_\\' OR '1'='1");
const QString kTitle = S("x'); UPDATE incidents SET title = 'pwned'; --");

QString csvField(const QString& text)
{
    return QLatin1Char('"') + QString(text).replace(QLatin1Char('"'), QStringLiteral("\"\""))
        + QLatin1Char('"');
}

struct Csv
{
    QStringList header;
    std::vector<QStringList> rows;
    QString column(size_t row, const QString& name) const { return rows.at(row).at(header.indexOf(name)); }
};

Csv readCsv(const QString& path)
{
    Csv csv;
    importers::CsvReader reader(path);
    csv.header = reader.header();
    while (auto row = reader.next())
        csv.rows.push_back(*row);
    return csv;
}

} // namespace

class TestHostileNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void namesRoundTrip();
    void filtersMatchTheNameExactly();
    void everyTableSurvives();

private:
    QString file(const QString& name) const { return m_dir.filePath(name); }
    test::ProcessResult run(QStringList args) const
    {
        args << QStringLiteral("--workspace") << m_workspace;
        return test::runFaultline(args);
    }

    QTemporaryDir m_dir;
    QString m_workspace;
    std::map<QString, std::int64_t> m_counts;
};

void TestHostileNames::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_workspace = file(QStringLiteral("w.faultline"));

    // A repository by a hostile author, with a hostile path and subject.
    test::Scratch repo = test::Scratch::create(file(QStringLiteral("repo")));
    // A later -c wins over the scratch repository's own user.name.
    const auto commitAs = [&repo](const QString& subject) {
        repo.git({ QStringLiteral("add"), QStringLiteral("-A") });
        repo.git({ QStringLiteral("-c"), QStringLiteral("user.name=") + kAuthor, QStringLiteral("commit"),
                   QStringLiteral("-q"), QStringLiteral("-m"), subject });
        repo.clock += test::kHour;
        return repo.rev(QStringLiteral("HEAD"));
    };
    repo.write(kPath, test::numbered("line", 1, 10));
    const QString first = commitAs(kSubject);
    repo.write(kPath, test::numbered("line", 1, 14));
    const QString second = commitAs(QStringLiteral("more"));
    auto r = run({ QStringLiteral("import"), QStringLiteral("git"), repo.dir() });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    // Deployments of a hostile service to a hostile environment, and of a plain one.
    QFile deployments(file(QStringLiteral("deployments.csv")));
    QVERIFY(deployments.open(QIODevice::WriteOnly));
    QString csv
        = QStringLiteral("status,deployment_id,environment,service,finished_at,started_at,commit_sha,ref\n");
    csv += QStringLiteral("success,d1,%1,%2,2023-11-15T10:00:00Z,2023-11-15T09:50:00Z,%3,main\n")
               .arg(csvField(kEnvironment), csvField(kService), first);
    csv += QStringLiteral("success,d2,%1,%2,2023-11-15T12:00:00Z,2023-11-15T11:50:00Z,%3,main\n")
               .arg(csvField(kEnvironment), csvField(kOtherService), second);
    deployments.write(csv.toUtf8());
    deployments.close();
    r = run({ QStringLiteral("import"), QStringLiteral("deploys"), deployments.fileName() });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    QFile incidents(file(QStringLiteral("incidents.csv")));
    QVERIFY(incidents.open(QIODevice::WriteOnly));
    incidents.write(QStringLiteral("incident_id,title,created_at,resolved_at,service,environment\n"
                                   "INC-1,%1,2023-11-15T10:30:00Z,2023-11-15T11:00:00Z,%2,%3\n")
                        .arg(csvField(kTitle), csvField(kService), csvField(kEnvironment))
                        .toUtf8());
    incidents.close();
    r = run({ QStringLiteral("import"), QStringLiteral("incidents"), incidents.fileName() });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    // A link setting that is itself SQL-looking JSON.
    r = run({ QStringLiteral("link"), QStringLiteral("--set"),
              QStringLiteral("link.service_paths={\"%1\": \"src/\"}")
                  .arg(QString(kService).replace(QLatin1Char('"'), QStringLiteral("\\\""))) });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    const auto ws = store::Workspace::openReadOnly(m_workspace);
    for (const char* table : { "commits", "commit_files", "churn", "line_spans", "deployments", "incidents",
                               "links", "repos", "imports" })
        m_counts[QLatin1String(table)] = test::rowCount(ws.db(), QLatin1String(table));
    QVERIFY(m_counts[S("commits")] == 2 && m_counts[S("deployments")] == 2 && m_counts[S("incidents")] == 1);
}

void TestHostileNames::namesRoundTrip()
{
    const QString out = file(QStringLiteral("commits.csv"));
    auto r
        = run({ QStringLiteral("export"), QStringLiteral("commits"), QStringLiteral("--out"), out,
                QStringLiteral("--no-anonymise"), QStringLiteral("--from"), QStringLiteral("2023-01-01") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const Csv commits = readCsv(out);
    QCOMPARE(commits.rows.size(), size_t(2));
    QStringList authors;
    QStringList subjects;
    for (size_t i = 0; i < commits.rows.size(); ++i) {
        authors << commits.column(i, QStringLiteral("author_name"));
        subjects << commits.column(i, QStringLiteral("subject"));
    }
    QCOMPARE(authors, QStringList({ kAuthor, kAuthor }));
    // The subject starts with '%', no injection prefix: it comes back as it was written.
    QVERIFY2(subjects.contains(kSubject), qPrintable(subjects.join(QLatin1Char('|'))));

    const QString deploymentsOut = file(QStringLiteral("deployments-out.csv"));
    r = run({ QStringLiteral("export"), QStringLiteral("deployments"), QStringLiteral("--out"),
              deploymentsOut, QStringLiteral("--from"), QStringLiteral("2023-01-01") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const Csv deployments = readCsv(deploymentsOut);
    QCOMPARE(deployments.rows.size(), size_t(2));
    QStringList services;
    for (size_t i = 0; i < deployments.rows.size(); ++i) {
        services << deployments.column(i, QStringLiteral("service"));
        QCOMPARE(deployments.column(i, QStringLiteral("environment")), kEnvironment);
    }
    services.sort();
    QCOMPARE(services, QStringList({ kOtherService, kService }));

    const auto ws = store::Workspace::openReadOnly(m_workspace);
    auto q = ws.db().prepare("SELECT title FROM incidents");
    QVERIFY(q.step());
    QCOMPARE(q.text(0), kTitle);
    auto paths = ws.db().prepare("SELECT DISTINCT path FROM commit_files");
    QVERIFY(paths.step());
    QCOMPARE(paths.text(0), kPath);
}

void TestHostileNames::filtersMatchTheNameExactly()
{
    // --service with the hostile name selects its one deployment and incident, nothing else.
    const QString out = file(QStringLiteral("filtered.csv"));
    auto r = run({ QStringLiteral("export"), QStringLiteral("deployments"), QStringLiteral("--out"), out,
                   QStringLiteral("--from"), QStringLiteral("2023-01-01"), QStringLiteral("--service"),
                   kService });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const Csv deployments = readCsv(out);
    QCOMPARE(deployments.rows.size(), size_t(1));
    QCOMPARE(deployments.column(0, QStringLiteral("service")), kService);

    r = run({ QStringLiteral("export"), QStringLiteral("incidents"), QStringLiteral("--out"), out,
              QStringLiteral("--from"), QStringLiteral("2023-01-01"), QStringLiteral("--service"),
              kService });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(readCsv(out).rows.size(), size_t(1));

    // A service name that is a SQL tautology matches nothing.
    r = run({ QStringLiteral("export"), QStringLiteral("deployments"), QStringLiteral("--out"), out,
              QStringLiteral("--from"), QStringLiteral("2023-01-01"), QStringLiteral("--service"),
              QStringLiteral("x' OR '1'='1") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(readCsv(out).rows.size(), size_t(0));

    // The metrics with the hostile service and an environment rule that is the hostile name (escaped).
    r = run({ QStringLiteral("metrics"), QStringLiteral("--format"), QStringLiteral("json"),
              QStringLiteral("--from"), QStringLiteral("2023-11-01"), QStringLiteral("--to"),
              QStringLiteral("2023-11-30"), QStringLiteral("--service"), kService,
              QStringLiteral("--environment-rule"), QRegularExpression::escape(kEnvironment) });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("\"deployments\": 1")), qPrintable(r.out.left(2000)));
}

void TestHostileNames::everyTableSurvives()
{
    const auto ws = store::Workspace::openReadOnly(m_workspace);
    for (const auto& [table, count] : m_counts)
        QCOMPARE(test::rowCount(ws.db(), table), count);
    auto q = ws.db().prepare("PRAGMA integrity_check");
    QVERIFY(q.step());
    QCOMPARE(q.text(0), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestHostileNames)
#include "tst_hostile_names.moc"
