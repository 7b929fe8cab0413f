#include "ci_test_support.h"
#include "cli/export_command.h"
#include "common/csv_reader.h"
#include "git_scratch.h"
#include "gui/settings.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <functional>
#include <sys/stat.h>

using namespace faultline;
using namespace faultline::test;

namespace {

const QString kFrom = QStringLiteral("2000-01-01");
const QString kTo = QStringLiteral("2030-12-31");

QString isoOf(qint64 epochSeconds)
{
    return QDateTime::fromSecsSinceEpoch(epochSeconds, QTimeZone::utc()).toString(Qt::ISODate);
}

// ISO-8601 UTC as an independent formatter writes it (whole seconds; ms only when present).
QString expectedTime(qint64 ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    return t.toString(ms % 1000 ? QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")
                                : QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

// What a text cell must read back as: the text, with a "'" in front when a spreadsheet would run it.
QString expectedText(const QString& text)
{
    static const QString prefixes = QStringLiteral("=+-@\t\r");
    return !text.isEmpty() && prefixes.contains(text.front()) ? QLatin1Char('\'') + text : text;
}

// A parsed CSV: the header and the rows, cells looked up by column name.
struct Csv
{
    QStringList header;
    QList<QStringList> rows;

    QString cell(int row, const QString& column) const
    {
        if (row < 0 || row >= rows.size())
            return QStringLiteral("<no row>");
        const qsizetype i = header.indexOf(column);
        return i < 0 || i >= rows.at(row).size() ? QStringLiteral("<no column %1>").arg(column)
                                                 : rows.at(row).at(i);
    }
    int find(const QString& column, const QString& value) const
    {
        for (int r = 0; r < rows.size(); ++r) {
            if (cell(r, column) == value)
                return r;
        }
        return -1;
    }
};

Csv parseFile(const QString& path)
{
    importers::CsvReader reader(path);
    Csv csv { reader.header(), {} };
    while (auto row = reader.next())
        csv.rows << *row;
    return csv;
}

bool isNumber(const QString& cell)
{
    bool ok = false;
    cell.toDouble(&ok);
    return ok;
}

} // namespace

// `faultline export` through the built binary on a workspace whose names, titles and subjects hold
// commas, quotes, newlines and every spreadsheet-formula prefix, put there by the real importers; every
// dataset read back with libcsv and compared with what the workspace holds.
class TestExportCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_ws;
    QStringList m_shas; // by commit order

    QStringList exportArgs(const QString& dataset, const QString& out, const QStringList& extra = {}) const
    {
        return QStringList { S("export"), dataset, S("--workspace"), m_ws, S("--out"), out,
                             S("--from"), kFrom,   S("--to"),        kTo }
        + extra;
    }
    // Exports to a file and parses it; fails the test (empty Csv) when the command fails.
    Csv exportCsv(const QString& dataset, const QStringList& extra = {}, ProcessResult* result = nullptr)
    {
        const QString path = m_dir.filePath(dataset + S(".csv"));
        QFile::remove(path);
        const ProcessResult r = runFaultline(exportArgs(dataset, path, extra));
        if (result)
            *result = r;
        if (r.exitCode != 0) {
            qWarning("export %s failed (%d): %s", qPrintable(dataset), r.exitCode, qPrintable(r.err));
            return {};
        }
        return parseFile(path);
    }
    void buildRepository();
    void importDelivery();
    void importCi();

private slots:
    void initTestCase();
    void everyDatasetRoundTrips_data();
    void everyDatasetRoundTrips();
    void commitsEqualWorkspace();
    void deploymentsAndIncidentsEqualWorkspace();
    void testsAndPullRequestsEqualWorkspace();
    void metricsEqualMetricsCommand();
    void segmentsSplitCommits();
    void serviceFilter();
    void standardOutput();
    void directCall();
    void anonymised();
    void anonymiseSettingIsTheDefault();
    void usageAndRuntimeErrors_data();
    void usageAndRuntimeErrors();
    void unwritableOutLeavesNoFile();
    void pipesAreWrittenInPlace();
};

void TestExportCli::buildRepository()
{
    Scratch r = Scratch::create(m_dir.filePath(S("shop")));
    // Authors, committers and subjects as git stores them verbatim (no message cleanup).
    const auto commitAs = [&](const QString& author, const QString& email, const QString& message) {
        r.clock += kDay / 2;
        r.git({ S("add"), S("-A") });
        r.git({ S("-c"), S("user.name=Committer \"Q\", Name"), S("-c"), S("user.email=committer@example.com"),
                S("commit"), S("-q"), S("--allow-empty"), S("--cleanup=verbatim"),
                S("--author=%1 <%2>").arg(author, email), S("-m"), message });
        m_shas << r.rev(S("HEAD"));
    };
    r.write(S("shop/a.txt"), numbered("line", 1, 6));
    commitAs(S("=HYPERLINK(\"http://evil.example\",\"x\")"), S("eq@example.com"),
             S("Fix checkout, \"quoted\" bug"));
    r.write(S("shop/a.txt"), replaceLine(replaceLine(numbered("line", 1, 6), 2, "two"), 3, "three"));
    commitAs(S("Smith, Jane"), S("jane.smith@example.com"),
             S("\tTabbed subject\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"));
    r.write(S("shop/b.txt"), "b\n");
    r.write(S("shop/a.txt"), replaceLine(replaceLine(numbered("line", 1, 6), 2, "two"), 4, "four"));
    commitAs(S("+Plus Person"), S("plus@example.com"), S("\rCR subject"));
    r.write(S("shop/b.txt"), "b2\n");
    commitAs(S("-Minus Person"), S("minus@example.com"), S("=1+1 formula subject"));
    r.write(S("shop/a.txt"), "first\n");
    commitAs(S("@At Person"), S("at@example.com"), S("-5 negative subject (review: jane.smith@example.com)"));
    const auto imported = runFaultline({ S("import"), S("git"), r.dir(), S("--workspace"), m_ws });
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
}

void TestExportCli::importDelivery()
{
    const qint64 t3 = kEpoch + 3 * kDay / 2;
    const qint64 t5 = kEpoch + 5 * kDay / 2;
    const QString deploys = writeFile(
        m_dir, S("deploys.csv"),
        QStringLiteral("deployment_id,service,environment,status,started_at,finished_at,commit_sha,creator\n"
                       "d1,shop,production,success,%1,%2,%3,\"Smith, Jane\"\n"
                       "=d2,shop,production,failure,%4,%5,%6,@deployer\n"
                       "d3,web,staging,success,%7,%8,%6,\n")
            .arg(isoOf(t3 + 3600), isoOf(t3 + 3720), m_shas.at(2), isoOf(t5 + 3600), isoOf(t5 + 3540),
                 m_shas.at(4), isoOf(t5 + 7200), isoOf(t5 + 7300))
            .toUtf8());
    const auto d = runFaultline({ S("import"), S("deploys"), deploys, S("--workspace"), m_ws });
    QVERIFY2(d.exitCode == 0, qPrintable(d.err));
    const QString incidents
        = writeFile(m_dir, S("incidents.csv"),
                    QStringLiteral("incident_id,title,created_at,resolved_at,service\n"
                                   "I1,\"Checkout down, \"\"again\"\"\nsecond line\",%1,%2,shop\n"
                                   "-I2,-5 errors on =cart,%3,%4,shop\n"
                                   "I3,@here web is slow,%3,,web\n")
                        .arg(isoOf(t5 + 4000), isoOf(t5 + 5000), isoOf(t5 + 8000), isoOf(t5 + 9000))
                        .toUtf8());
    const auto i = runFaultline({ S("import"), S("incidents"), incidents, S("--workspace"), m_ws });
    QVERIFY2(i.exitCode == 0, qPrintable(i.err));
    const auto p = runFaultline(
        { S("import"), S("prs"), dataPath(S("pull-requests/gh_pr_list_full.json")), S("--workspace"), m_ws });
    QVERIFY2(p.exitCode == 0, qPrintable(p.err));
}

void TestExportCli::importCi()
{
    const QString junit = writeFile(
        m_dir, S("junit.xml"),
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<testsuites><testsuite name=\"suite, one\" tests=\"3\" timestamp=\"2023-11-16T00:00:00\">\n"
        "<testcase classname=\"=cls.Evil\" name=\"-negative test\" time=\"1.5\">"
        "<failure message=\"boom, &quot;quoted&quot;\">trace\nline 2</failure></testcase>\n"
        "<testcase classname=\"pkg.Ok\" name=\"@at test, with comma\" time=\"0.25\"/>\n"
        "<testcase classname=\"pkg.Ok\" name=\"plain\" time=\"2\"/>\n"
        "</testsuite></testsuites>\n");
    const auto j
        = runFaultline({ S("import"), S("ci"), junit, S("--commit"), m_shas.at(4), S("--workspace"), m_ws });
    QVERIFY2(j.exitCode == 0, qPrintable(j.err));
    const auto g = runFaultline({ S("import"), S("ci"), dataPath(S("github-actions/gh_run_view_jobs.json")),
                                  S("--workspace"), m_ws });
    QVERIFY2(g.exitCode == 0, qPrintable(g.err));
}

void TestExportCli::initTestCase()
{
    // The binary's settings (the remembered anonymise choice) in a folder of this test's own.
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(S("config")).toUtf8());
    gui::Settings().setAnonymisePeople(false);
    m_ws = m_dir.filePath(S("team.faultline"));
    guarded([this] { buildRepository(); });
    QVERIFY(!QTest::currentTestFailed());
    importDelivery();
    importCi();
}

void TestExportCli::everyDatasetRoundTrips_data()
{
    QTest::addColumn<QString>("dataset");
    for (const char* name : { "deployments", "commits", "incidents", "clusters", "hotspots", "stages", "runs",
                              "jobs", "tests", "pull-requests", "metrics" })
        QTest::addRow("%s", name) << S(name);
}

void TestExportCli::everyDatasetRoundTrips()
{
    QFETCH(QString, dataset);
    ProcessResult result;
    const Csv csv = exportCsv(dataset, {}, &result);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    // The header is the documented column list.
    const auto columns = runFaultline({ S("export"), dataset, S("--columns") });
    QCOMPARE(columns.exitCode, 0);
    QCOMPARE(columns.out.trimmed(), dataset + S(": ") + csv.header.join(QLatin1Char(',')));
    QVERIFY2(!csv.rows.isEmpty(), "every dataset has rows in this workspace");
    // --columns needs no workspace and ignores the other options; without a dataset it lists them all.
    const auto all = runFaultline({ S("export"), S("--columns"), S("--out"), S("-") });
    QCOMPARE(all.exitCode, 0);
    QVERIFY(all.out.split(QLatin1Char('\n')).contains(columns.out.trimmed()));
    QCOMPARE(all.out.trimmed().split(QLatin1Char('\n')).size(), 11);
    static const QRegularExpression iso(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z$"));
    for (const QStringList& row : csv.rows) {
        QCOMPARE(row.size(), csv.header.size());
        for (int c = 0; c < row.size(); ++c) {
            const QString& cell = row.at(c);
            const QString& column = csv.header.at(c);
            // No cell a spreadsheet would evaluate: risky text starts with the quote prefix.
            if (!cell.isEmpty() && !isNumber(cell))
                QVERIFY2(!QStringLiteral("=+-@\t\r").contains(cell.front()),
                         qPrintable(column + S(": ") + cell));
            if (column.endsWith(S("_at")) && !cell.isEmpty())
                QVERIFY2(iso.match(cell).hasMatch(), qPrintable(column + S(": ") + cell));
            if ((column.endsWith(S("_s")) || column == S("ai_share") || column.endsWith(S("_lines")))
                && !cell.isEmpty())
                QVERIFY2(isNumber(cell), qPrintable(column + S(": ") + cell));
        }
    }
}

void TestExportCli::commitsEqualWorkspace()
{
    const Csv csv = exportCsv(S("commits"));
    const auto ws = store::Workspace::openReadOnly(m_ws);
    auto q = ws.db().prepare(
        "SELECT sha, author_name, author_email, authored_at, committer_name, committer_email, committed_at, "
        "subject, ai_tool, ai_share, added_lines, deleted_lines, "
        "(SELECT group_concat(parent_sha, ' ') FROM (SELECT parent_sha FROM commit_parents p "
        "WHERE p.commit_id = commits.id ORDER BY position)) FROM commits");
    int compared = 0;
    while (q.step()) {
        const int r = csv.find(S("sha"), q.text(0));
        QVERIFY2(r >= 0, qPrintable(q.text(0)));
        QCOMPARE(csv.cell(r, S("author_name")), expectedText(q.text(1)));
        QCOMPARE(csv.cell(r, S("author_email")), expectedText(q.text(2)));
        QCOMPARE(csv.cell(r, S("authored_at")), expectedTime(q.int64(3)));
        QCOMPARE(csv.cell(r, S("committer_name")), expectedText(q.text(4)));
        QCOMPARE(csv.cell(r, S("committer_email")), expectedText(q.text(5)));
        QCOMPARE(csv.cell(r, S("committed_at")), expectedTime(q.int64(6)));
        QCOMPARE(csv.cell(r, S("subject")), expectedText(q.text(7)));
        QCOMPARE(csv.cell(r, S("ai_tool")), q.text(8)); // empty when not AI-assisted
        QCOMPARE(csv.cell(r, S("ai_share")).toDouble(), q.real(9));
        QCOMPARE(csv.cell(r, S("added_lines")), QString::number(q.int64(10)));
        QCOMPARE(csv.cell(r, S("deleted_lines")), QString::number(q.int64(11)));
        QCOMPARE(csv.cell(r, S("parents")), q.text(12));
        ++compared;
    }
    QCOMPARE(compared, m_shas.size());
    QCOMPARE(csv.rows.size(), m_shas.size());
    // The cells as a spreadsheet user will see them.
    const int evil = csv.find(S("sha"), m_shas.at(0));
    QCOMPARE(csv.cell(evil, S("author_name")), S("'=HYPERLINK(\"http://evil.example\",\"x\")"));
    QCOMPARE(csv.cell(evil, S("committer_name")), S("Committer \"Q\", Name"));
    QCOMPARE(csv.cell(evil, S("subject")), S("Fix checkout, \"quoted\" bug"));
    QCOMPARE(csv.cell(evil, S("parents")), QString());
    const int jane = csv.find(S("sha"), m_shas.at(1));
    QCOMPARE(csv.cell(jane, S("author_name")), S("Smith, Jane"));
    QCOMPARE(csv.cell(jane, S("subject")), S("'\tTabbed subject"));
    QCOMPARE(csv.cell(jane, S("parents")), m_shas.at(0));
    QVERIFY(!csv.cell(jane, S("ai_tool")).isEmpty());
    QCOMPARE(csv.cell(csv.find(S("sha"), m_shas.at(2)), S("subject")), S("'\rCR subject"));
    QCOMPARE(csv.cell(csv.find(S("sha"), m_shas.at(3)), S("author_name")), S("'-Minus Person"));
    QCOMPARE(csv.cell(csv.find(S("sha"), m_shas.at(4)), S("subject")),
             S("'-5 negative subject (review: jane.smith@example.com)"));
    QCOMPARE(csv.cell(csv.find(S("sha"), m_shas.at(4)), S("author_name")), S("'@At Person"));
}

void TestExportCli::deploymentsAndIncidentsEqualWorkspace()
{
    const Csv deployments = exportCsv(S("deployments"));
    QCOMPARE(deployments.rows.size(), 3);
    const auto ws = store::Workspace::openReadOnly(m_ws);
    auto q = ws.db().prepare("SELECT external_id, service, environment, status, started_at, finished_at, "
                             "commit_sha, creator FROM deployments");
    while (q.step()) {
        const int r = deployments.find(S("deployment_id"), expectedText(q.text(0)));
        QVERIFY2(r >= 0, qPrintable(q.text(0)));
        QCOMPARE(deployments.cell(r, S("service")), q.text(1));
        QCOMPARE(deployments.cell(r, S("environment")), q.text(2));
        QCOMPARE(deployments.cell(r, S("status")), q.text(3));
        QCOMPARE(deployments.cell(r, S("started_at")), expectedTime(q.int64(4)));
        QCOMPARE(deployments.cell(r, S("finished_at")), expectedTime(q.int64(5)));
        QCOMPARE(deployments.cell(r, S("duration_s")).toDouble(), double(q.int64(5) - q.int64(4)) / 1000.0);
        QCOMPARE(deployments.cell(r, S("commit_sha")), q.text(6));
        QCOMPARE(deployments.cell(r, S("creator")), expectedText(q.text(7)));
    }
    const int d2 = deployments.find(S("deployment_id"), S("'=d2"));
    QVERIFY(d2 >= 0);
    QCOMPARE(deployments.cell(d2, S("duration_s")), S("-60")); // a negative number stays a number
    QCOMPARE(deployments.cell(d2, S("creator")), S("'@deployer"));
    QCOMPARE(deployments.cell(deployments.find(S("deployment_id"), S("d1")), S("creator")), S("Smith, Jane"));

    const Csv incidents = exportCsv(S("incidents"));
    QCOMPARE(incidents.rows.size(), 3);
    auto i = ws.db().prepare("SELECT external_id, title, service, created_at, resolved_at FROM incidents");
    while (i.step()) {
        const int r = incidents.find(S("incident_id"), expectedText(i.text(0)));
        QVERIFY2(r >= 0, qPrintable(i.text(0)));
        QCOMPARE(incidents.cell(r, S("title")), expectedText(i.text(1)));
        QCOMPARE(incidents.cell(r, S("service")), i.text(2));
        QCOMPARE(incidents.cell(r, S("created_at")), expectedTime(i.int64(3)));
        if (i.isNull(4)) {
            QCOMPARE(incidents.cell(r, S("resolved_at")), QString());
            QCOMPARE(incidents.cell(r, S("recovery_s")), QString());
        } else {
            QCOMPARE(incidents.cell(r, S("recovery_s")).toDouble(), double(i.int64(4) - i.int64(3)) / 1000.0);
        }
    }
    QCOMPARE(incidents.cell(incidents.find(S("incident_id"), S("I1")), S("title")),
             S("Checkout down, \"again\"\nsecond line"));
    const int i2 = incidents.find(S("incident_id"), S("'-I2"));
    QVERIFY(i2 >= 0);
    QCOMPARE(incidents.cell(i2, S("title")), S("'-5 errors on =cart"));
    QCOMPARE(incidents.cell(i2, S("recovery_s")), S("1000"));
}

void TestExportCli::testsAndPullRequestsEqualWorkspace()
{
    const Csv tests = exportCsv(S("tests"));
    const auto ws = store::Workspace::openReadOnly(m_ws);
    QCOMPARE(tests.rows.size(), int(ws.db().queryInt64("SELECT count(*) FROM test_cases")));
    const int evil = tests.find(S("name"), S("'-negative test"));
    QVERIFY(evil >= 0);
    QCOMPARE(tests.cell(evil, S("classname")), S("'=cls.Evil"));
    QCOMPARE(tests.cell(evil, S("suite")), S("suite, one"));
    QCOMPARE(tests.cell(evil, S("outcome")), S("failed"));
    QCOMPARE(tests.cell(evil, S("duration_s")), S("1.5"));
    QCOMPARE(tests.cell(evil, S("commit_sha")), m_shas.at(4));
    QCOMPARE(tests.cell(tests.find(S("name"), S("'@at test, with comma")), S("duration_s")), S("0.25"));

    const Csv prs = exportCsv(S("pull-requests"));
    QCOMPARE(prs.rows.size(), int(ws.db().queryInt64("SELECT count(*) FROM pull_requests")));
    auto q = ws.db().prepare("SELECT number, title, author, created_at, merged_at FROM pull_requests");
    while (q.step()) {
        const int r = prs.find(S("number"), QString::number(q.int64(0)));
        QVERIFY(r >= 0);
        QCOMPARE(prs.cell(r, S("title")), expectedText(q.text(1)));
        QCOMPARE(prs.cell(r, S("author")), expectedText(q.text(2)));
        QCOMPARE(prs.cell(r, S("created_at")), q.isNull(3) ? QString() : expectedTime(q.int64(3)));
        QCOMPARE(prs.cell(r, S("merged_at")), q.isNull(4) ? QString() : expectedTime(q.int64(4)));
    }
    // One row per run attempt.
    const Csv runs = exportCsv(S("runs"));
    QCOMPARE(runs.rows.size(), int(ws.db().queryInt64("SELECT count(*) FROM pipeline_runs")));
    const Csv jobs = exportCsv(S("jobs"));
    QCOMPARE(jobs.rows.size(), int(ws.db().queryInt64("SELECT count(*) FROM jobs")));
}

void TestExportCli::metricsEqualMetricsCommand()
{
    const Csv exported = exportCsv(S("metrics"));
    const auto metrics = runFaultline({ S("metrics"), S("--workspace"), m_ws, S("--from"), kFrom, S("--to"),
                                        kTo, S("--format"), S("csv") });
    QCOMPARE(metrics.exitCode, 0);
    const QString path = writeFile(m_dir, S("metrics_command.csv"), metrics.out.toUtf8());
    const Csv expected = parseFile(path);
    QCOMPARE(exported.header, expected.header);
    QCOMPARE(exported.rows.size(), expected.rows.size());
    for (int r = 0; r < expected.rows.size(); ++r) {
        const QStringList& want = expected.rows.at(r);
        const QStringList& got = exported.rows.at(r);
        QCOMPARE(got.at(0), want.at(0));
        QCOMPARE(got.at(1), want.at(1));
        QCOMPARE(got.at(2).isEmpty(), want.at(2).isEmpty());
        QCOMPARE(got.at(2).toDouble(), want.at(2).toDouble());
        QCOMPARE(got.at(3), want.at(3));
    }
}

void TestExportCli::segmentsSplitCommits()
{
    const Csv ai = exportCsv(S("commits"), { S("--segment"), S("ai") });
    const Csv notAi = exportCsv(S("commits"), { S("--segment"), S("not-ai") });
    QCOMPARE(ai.rows.size(), 1);
    QCOMPARE(ai.cell(0, S("sha")), m_shas.at(1));
    QCOMPARE(notAi.rows.size(), m_shas.size() - 1);
    QCOMPARE(notAi.find(S("sha"), m_shas.at(1)), -1);
}

void TestExportCli::serviceFilter()
{
    const Csv web = exportCsv(S("deployments"), { S("--service"), S("web") });
    QCOMPARE(web.rows.size(), 1);
    QCOMPARE(web.cell(0, S("deployment_id")), S("d3"));
    const Csv shop = exportCsv(S("incidents"), { S("--service"), S("shop") });
    QCOMPARE(shop.rows.size(), 2);
    ProcessResult result;
    const Csv commits = exportCsv(S("commits"), { S("--service"), S("web") }, &result);
    QCOMPARE(commits.rows.size(), m_shas.size());
    QVERIFY2(result.err.contains(S("--service does not filter")), qPrintable(result.err));
}

void TestExportCli::standardOutput()
{
    const Csv file = exportCsv(S("incidents"));
    for (const char* out : { "-", "/dev/stdout" }) {
        const auto r = runFaultline(exportArgs(S("incidents"), S(out)));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(S("incident_id,")));
        const Csv parsed = parseFile(writeFile(m_dir, S("stdout.csv"), r.out.toUtf8()));
        QCOMPARE(parsed.header, file.header);
        QCOMPARE(parsed.rows, file.rows);
    }
}

void TestExportCli::directCall()
{
    // The command's entry point, as cli.cpp calls it.
    QString outText;
    QString errText;
    QTextStream out(&outText);
    QTextStream err(&errText);
    const int code = cli::runExport({ S("deployments"), S("--workspace"), m_ws, S("--out"), S("-"),
                                      S("--from"), kFrom, S("--to"), kTo, S("--no-anonymise") },
                                    out, err);
    out.flush();
    err.flush();
    QVERIFY2(code == 0, qPrintable(errText));
    const Csv parsed = parseFile(writeFile(m_dir, S("direct.csv"), outText.toUtf8()));
    QCOMPARE(parsed.rows.size(), 3);
    QVERIFY(parsed.find(S("deployment_id"), S("'=d2")) >= 0);
}

void TestExportCli::anonymised()
{
    const auto ws = store::Workspace::openReadOnly(m_ws);
    const QStringList secrets
        = sqlRows(ws.db(),
                  "SELECT author_name FROM commits UNION SELECT author_email FROM commits "
                  "UNION SELECT committer_name FROM commits UNION SELECT committer_email "
                  "FROM commits UNION SELECT author FROM pull_requests WHERE author IS NOT "
                  "NULL UNION SELECT creator FROM deployments WHERE creator IS NOT NULL");
    QVERIFY(secrets.contains(S("Smith, Jane")));
    QHash<QString, QString> aliasOfJane;
    for (const char* dataset : { "commits", "deployments", "pull-requests" }) {
        const auto r = runFaultline(exportArgs(S(dataset), S("-"), { S("--anonymise") }));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.err.count(S("anonymised")), 1);
        const Csv csv = parseFile(writeFile(m_dir, S("anon.csv"), r.out.toUtf8()));
        for (const QStringList& row : csv.rows) {
            for (const QString& cell : row) {
                for (const QString& secret : secrets)
                    QVERIFY2(secret.isEmpty() || !cell.contains(secret),
                             qPrintable(S(dataset) + S(" shows ") + secret));
            }
        }
        if (QLatin1String(dataset) == QLatin1String("commits")) {
            const int jane = csv.find(S("sha"), m_shas.at(1));
            aliasOfJane.insert(S(dataset), csv.cell(jane, S("author_name")));
            QCOMPARE(csv.cell(jane, S("author_email")), csv.cell(jane, S("author_name")));
            // An address in free text becomes its person's alias too.
            QCOMPARE(csv.cell(csv.find(S("sha"), m_shas.at(4)), S("subject")),
                     S("'-5 negative subject (review: %1)").arg(csv.cell(jane, S("author_name"))));
        } else if (QLatin1String(dataset) == QLatin1String("deployments")) {
            aliasOfJane.insert(S(dataset), csv.cell(csv.find(S("deployment_id"), S("d1")), S("creator")));
        }
    }
    // One person, one alias, in every dataset.
    QVERIFY(aliasOfJane.value(S("commits")).startsWith(S("Person ")));
    QCOMPARE(aliasOfJane.value(S("deployments")), aliasOfJane.value(S("commits")));
}

void TestExportCli::anonymiseSettingIsTheDefault()
{
    gui::Settings settings;
    settings.setAnonymisePeople(true);
    settings.sync();
    const auto byDefault = runFaultline(exportArgs(S("commits"), S("-")));
    const auto overridden = runFaultline(exportArgs(S("commits"), S("-"), { S("--no-anonymise") }));
    settings.setAnonymisePeople(false);
    settings.sync();
    const auto off = runFaultline(exportArgs(S("commits"), S("-")));
    QCOMPARE(byDefault.exitCode, 0);
    QVERIFY(!byDefault.out.contains(S("Smith, Jane")));
    QVERIFY(byDefault.err.contains(S("anonymised")));
    QVERIFY(overridden.out.contains(S("Smith, Jane")));
    QVERIFY(off.out.contains(S("Smith, Jane")));
    QVERIFY(!off.err.contains(S("anonymised")));
}

void TestExportCli::usageAndRuntimeErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("message");
    const QString ws = S("<ws>");
    QTest::addRow("unknown dataset") << QStringList {
        S("export"), S("people"), S("--workspace"), ws, S("--out"), S("-")
    } << 2 << QStringList { S("people"),   S("deployments"), S("commits"),       S("incidents"),
                            S("clusters"), S("hotspots"),    S("stages"),        S("runs"),
                            S("jobs"),     S("tests"),       S("pull-requests"), S("metrics") };
    QTest::addRow("no dataset") << QStringList { S("export"), S("--workspace"), ws, S("--out"), S("-") } << 2
                                << QStringList { S("expected a dataset"), S("pull-requests") };
    QTest::addRow("no --workspace") << QStringList { S("export"), S("commits"), S("--out"), S("-") } << 2
                                    << QStringList { S("--workspace is required") };
    QTest::addRow("no --out") << QStringList { S("export"), S("commits"), S("--workspace"), ws } << 2
                              << QStringList { S("--out") };
    QTest::addRow("segment of deployments")
        << QStringList { S("export"), S("deployments"), S("--workspace"), ws,
                         S("--out"),  S("-"),           S("--segment"),   S("ai") }
        << 2 << QStringList { S("--segment") };
    QTest::addRow("bad segment") << QStringList { S("export"), S("commits"), S("--workspace"), ws,
                                                  S("--out"),  S("-"),       S("--segment"),   S("x") }
                                 << 2 << QStringList { S("not-ai") };
    QTest::addRow("both anonymise flags")
        << QStringList { S("export"), S("commits"), S("--workspace"), ws,
                         S("--out"),  S("-"),       S("--anonymise"), S("--no-anonymise") }
        << 2 << QStringList { S("--no-anonymise") };
    QTest::addRow("bad date") << QStringList { S("export"), S("commits"), S("--workspace"), ws,
                                               S("--out"),  S("-"),       S("--from"),      S("soon") }
                              << 2 << QStringList { S("--from") };
    QTest::addRow("missing workspace")
        << QStringList { S("export"), S("commits"), S("--workspace"), S("<dir>/nowhere.faultline"),
                         S("--out"),  S("-") }
        << 1 << QStringList { S("nowhere.faultline") };
}

void TestExportCli::usageAndRuntimeErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QStringList, message);
    args.replaceInStrings(S("<ws>"), m_ws);
    args.replaceInStrings(S("<dir>"), m_dir.path());
    const auto r = runFaultline(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(r.out.isEmpty());
    for (const QString& part : message)
        QVERIFY2(r.err.contains(part), qPrintable(r.err));
}

void TestExportCli::unwritableOutLeavesNoFile()
{
    const QDir dir(m_dir.path());
    QVERIFY(dir.mkpath(S("folder.csv")));
    const QStringList before = dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    // A folder that does not exist, and a path that is a folder.
    const QString missing = m_dir.filePath(S("no/such/folder/out.csv"));
    const auto r = runFaultline(exportArgs(S("commits"), missing));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(missing), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(missing));
    const QString folder = m_dir.filePath(S("folder.csv"));
    const auto f = runFaultline(exportArgs(S("commits"), folder));
    QCOMPARE(f.exitCode, 1);
    QVERIFY2(f.err.contains(folder), qPrintable(f.err));
    QVERIFY(QFileInfo(folder).isDir());
    // Nothing left behind: no temporary file next to the target.
    QCOMPARE(dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), before);
}

void TestExportCli::pipesAreWrittenInPlace()
{
    // A FIFO stands for /dev/null, /dev/fd/N and the like: renaming a finished temporary file over it
    // would replace the device by a regular file.
    const QString fifo = m_dir.filePath(S("pipe.csv"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QProcess reader;
    reader.start(S("cat"), { fifo });
    QVERIFY(reader.waitForStarted());
    const auto r = runFaultline(exportArgs(S("incidents"), fifo));
    QVERIFY(reader.waitForFinished(30000));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QFileInfo info(fifo);
    QVERIFY(info.exists() && !info.isFile());
    QVERIFY(reader.readAllStandardOutput().startsWith("incident_id,"));
}

QTEST_GUILESS_MAIN(TestExportCli)
#include "tst_export_cli.moc"
