#include "ci_test_support.h"
#include "git_scratch.h"
#include "test_support.h"

#include <QTest>

using namespace faultline::test;

namespace {

using faultline::test::S;

QString isoOf(qint64 epochSeconds)
{
    return QDateTime::fromSecsSinceEpoch(epochSeconds, QTimeZone::utc()).toString(Qt::ISODate);
}

} // namespace

// The whole path a tech lead takes on the command line: a repository with two services, then deploy
// history, incidents and pull requests, each `faultline import …` re-linking what the earlier ones
// stored; a malformed file fails with exit 1 and leaves the workspace as it was.
class TestDeliveryCli : public QObject
{
    Q_OBJECT

private slots:
    void importsAndLinksThroughTheCli();
    void warningsAreShownAfterTheSummary();
};

void TestDeliveryCli::importsAndLinksThroughTheCli()
{
    QTemporaryDir dir;
    Scratch r = Scratch::create(dir.path() + S("/shop-repo"));
    r.write(S("shop/a.txt"), "a\n");
    r.write(S("cart/c.txt"), "c\n");
    const QString s1 = r.commit(S("init"));
    const qint64 t1 = r.clock;
    r.write(S("shop/a.txt"), "a\nb\n");
    const QString s2 = r.commit(S("Add b (#12)"), kDay);
    const qint64 t2 = r.clock;
    r.write(S("cart/c.txt"), "c\nc2\n");
    const QString s3 = r.commit(S("Fix cart crash"), kDay);
    const qint64 t3 = r.clock;
    const QString ws = dir.path() + S("/team.faultline");

    auto run = [&](const QStringList& args) {
        const auto result = runFaultline(args);
        [&] { QVERIFY2(result.exitCode == 0, qPrintable(result.err)); }();
        return result;
    };
    run({ S("import"), S("git"), r.dir(), S("--workspace"), ws });

    // Deploys one hour after each commit; d4 ships the cart fix from a hotfix branch; d5 an sha no
    // imported repository holds.
    const QString deploys = writeFile(
        dir, S("deploys.csv"),
        QStringLiteral("url,deployment_id,environment,service,status,started_at,finished_at,commit_sha,ref\n"
                       ",d1,production,shop,success,%1,%1,%2,main\n"
                       ",d2,production,shop,success,%3,%3,%4,main\n"
                       ",d3,production,cart,success,%1,%1,%2,main\n"
                       ",d4,production,cart,success,%5,%5,%6,hotfix/crash\n"
                       ",d5,production,shop,failed,%7,%7,deadbeefdeadbeefdeadbeefdeadbeefdeadbeef,main\n")
            .arg(isoOf(t1 + 3600), s1, isoOf(t2 + 3600), s2, isoOf(t3 + 3600), s3, isoOf(t3 + kDay))
            .toUtf8());
    const auto deployed = run({ S("import"), S("deploys"), deploys, S("--workspace"), ws });
    QVERIFY2(
        deployed.out.contains(S("5 deployments (2 changeset commits, 1 with commits unknown, 0 rollbacks, "
                                "1 unplanned)")),
        qPrintable(deployed.out));

    // I1 opens 5 h after d2 (the time window), I2 names the cart fix's commit.
    const QString incidents = writeFile(
        dir, S("incidents.csv"),
        QStringLiteral("incident_id,title,created_at,resolved_at,service,caused_by_commit_sha\n"
                       "I1,\"Checkout 500s, again\",%1,%2,shop,\n"
                       "I2,Cart crash,%3,%4,cart,%5\n")
            .arg(isoOf(t2 + 6 * 3600), isoOf(t2 + 7 * 3600), isoOf(t3 + 2 * 3600), isoOf(t3 + 3 * 3600), s3)
            .toUtf8());
    run({ S("import"), S("incidents"), incidents, S("--workspace"), ws });
    verifyChecks(ws,
                 { S("SELECT i.external_id, d.external_id, l.reason FROM links l "
                     "JOIN incidents i ON i.id = l.from_id JOIN deployments d ON d.id = l.to_id "
                     "WHERE l.kind = 'incident_deployment' ORDER BY i.external_id => "
                     "I1|d2|time-window; I2|d4|explicit-sha") });

    // PR #12 was squash-merged as s2: its own commits (in no history) replace s2 in d2's changeset.
    const QString prs = writeFile(
        dir, S("prs.json"),
        QStringLiteral(
            R"([{"number": 12, "title": "Add b", "url": "https://github.com/acme/shop-repo/pull/12",
  "state": "MERGED", "createdAt": "%1", "mergedAt": "%2", "mergeCommit": {"oid": "%3"},
  "author": {"login": "dependabot[bot]", "is_bot": true}, "headRefName": "dependabot/npm/b",
  "commits": [
    {"oid": "1111111111111111111111111111111111111111", "authoredDate": "%4", "committedDate": "%4", "messageHeadline": "b, part one",
     "authors": [{"name": "B", "email": "b@example.com", "login": "b"}]},
    {"oid": "2222222222222222222222222222222222222222", "authoredDate": "%5", "committedDate": "%5", "messageHeadline": "b, part two",
     "authors": [{"name": "B", "email": "b@example.com", "login": "b"}]}]}])")
            .arg(isoOf(t2 - 7200), isoOf(t2), s2, isoOf(t2 - 9000), isoOf(t2 - 8000))
            .toUtf8());
    const auto prImport = run({ S("import"), S("prs"), prs, S("--workspace"), ws });
    QVERIFY2(prImport.out.contains(S("1 bot PRs")), qPrintable(prImport.out));
    verifyChecks(ws,
                 { S("SELECT x.sha, x.reason, x.stands_for = '") + s2
                       + S("' FROM deployment_changes x JOIN deployments d ON d.id = x.deployment_id "
                           "WHERE d.external_id = 'd2' ORDER BY x.sha => "
                           "1111111111111111111111111111111111111111|pr-commit|1; "
                           "2222222222222222222222222222222222222222|pr-commit|1"),
                   S("SELECT is_bot FROM pull_requests WHERE number = 12 => 1") });

    // Re-importing the same files adds nothing and changes no link.
    const QStringList linksBefore = workspaceRows(ws, "SELECT * FROM links ORDER BY id");
    const QStringList changesBefore = workspaceRows(ws, "SELECT * FROM deployment_changes ORDER BY 1, 2");
    run({ S("import"), S("deploys"), deploys, S("--workspace"), ws });
    run({ S("import"), S("incidents"), incidents, S("--workspace"), ws });
    QCOMPARE(workspaceRows(ws, "SELECT * FROM links ORDER BY id"), linksBefore);
    QCOMPARE(workspaceRows(ws, "SELECT * FROM deployment_changes ORDER BY 1, 2"), changesBefore);
    QCOMPARE(workspaceCount(ws, "deployments"), 5);

    // `faultline link` changes a setting and relinks: with a 1 h window I1 (5 h after d2) has no link;
    // a value the linker cannot use fails and changes nothing; --unset restores the default.
    const QString links
        = S("SELECT i.external_id || '>' || d.external_id FROM links l JOIN incidents i ON i.id = "
            "l.from_id JOIN deployments d ON d.id = l.to_id WHERE l.kind = 'incident_deployment' "
            "ORDER BY 1");
    run({ S("link"), S("--workspace"), ws, S("--set"), S("link.incident_window_hours=1") });
    QCOMPARE(workspaceRows(ws, links), QStringList { S("I2>d4") });
    const QByteArray beforeBadSetting = fileSha256(ws);
    const auto badSetting
        = runFaultline({ S("link"), S("--workspace"), ws, S("--set"), S("link.production_environment=(") });
    QCOMPARE(badSetting.exitCode, 1);
    QVERIFY2(badSetting.err.contains(S("link.production_environment")), qPrintable(badSetting.err));
    QCOMPARE(fileSha256(ws), beforeBadSetting);
    const auto restored
        = run({ S("link"), S("--workspace"), ws, S("--unset"), S("link.incident_window_hours") });
    QVERIFY2(restored.out.contains(S("link.incident_window_hours = (default)")), qPrintable(restored.out));
    QCOMPARE(workspaceRows(ws, links), (QStringList { S("I1>d2"), S("I2>d4") }));
    // Metrics settings go through the same command and are checked before anything is stored.
    const auto badRates = runFaultline(
        { S("link"), S("--workspace"), ws, S("--set"), S("metrics.runner_rates={\"x\": -1}") });
    QCOMPARE(badRates.exitCode, 1);
    QVERIFY2(badRates.err.contains(S("metrics.runner_rates")), qPrintable(badRates.err));
    const auto rates = run({ S("link"), S("--workspace"), ws, S("--set"),
                             S("metrics.runner_rates={\"ubuntu-latest\": 0.008}") });
    QVERIFY2(rates.out.contains(S("metrics.runner_rates = {\"ubuntu-latest\": 0.008}")),
             qPrintable(rates.out));

    // A CSV without its status column: exit 1, the file and line named, the workspace unchanged.
    const QString bad
        = writeFile(dir, S("bad.csv"), "deployment_id,service,environment\nd9,shop,production\n");
    const QByteArray before = fileSha256(ws);
    const auto failed = runFaultline({ S("import"), S("deploys"), deploys, bad, S("--workspace"), ws });
    QCOMPARE(failed.exitCode, 1);
    QVERIFY2(failed.err.contains(bad + S(":1: missing required column status")), qPrintable(failed.err));
    QCOMPARE(fileSha256(ws), before);
}

// A count of warnings tells the user nothing to act on: the first five are printed with their file
// and line, then how many more the import log holds.
void TestDeliveryCli::warningsAreShownAfterTheSummary()
{
    QTemporaryDir dir;
    QByteArray csv("incident_id,title,created_at,resolved_at\n");
    for (int i = 1; i <= 7; ++i) // resolved 30 s before created: clock skew, kept with a warning
        csv += QByteArray("INC-") + QByteArray::number(i) + ",Checkout down,2024-09-0" + QByteArray::number(i)
            + "T10:00:30Z,2024-09-0" + QByteArray::number(i) + "T10:00:00Z\n";
    const QString incidents = writeFile(dir, S("incidents.csv"), csv);
    const auto r = runFaultline(
        { S("import"), S("incidents"), incidents, S("--workspace"), dir.path() + S("/w.faultline") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(S("7 incidents; 7 warnings")), qPrintable(r.out));
    QCOMPARE(r.err.count(S("warning: ")), 5);
    for (int line = 2; line <= 6; ++line)
        QVERIFY2(r.err.contains(S("warning: %1:%2: resolved_at: ").arg(incidents).arg(line)),
                 qPrintable(r.err));
    QVERIFY2(!r.err.contains(S(":7: resolved_at")), qPrintable(r.err));
    QVERIFY2(r.err.contains(S("… and 2 more warnings")), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestDeliveryCli)
#include "tst_delivery_cli.moc"
