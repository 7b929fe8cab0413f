#include "ci_test_support.h"
#include "git_scratch.h"
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace faultline::test;

namespace {

QString isoOf(qint64 epochSeconds)
{
    return QDateTime::fromSecsSinceEpoch(epochSeconds, QTimeZone::utc()).toString(Qt::ISODate);
}

// Checks that `object` has exactly the keys of `keys` (the documented schema, no more, no fewer).
void verifyKeys(const QJsonObject& object, const QStringList& keys, const char* where)
{
    QStringList actual = object.keys();
    QStringList expected = keys;
    actual.sort();
    expected.sort();
    QVERIFY2(actual == expected,
             qPrintable(QStringLiteral("%1: keys %2, expected %3")
                            .arg(QLatin1String(where), actual.join(QLatin1Char(',')),
                                 expected.join(QLatin1Char(',')))));
}

bool isNumberOrNull(const QJsonValue& v)
{
    return v.isDouble() || v.isNull();
}

} // namespace

// `faultline metrics` through the binary on a small workspace: the JSON schema of the README, byte-for-byte
// determinism, the CSV rows, the table, and usage errors.
class TestMetricsCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_ws;

private slots:
    void initTestCase();
    void jsonSchema();
    void deterministic();
    void csvAndTable();
    void usageErrors_data();
    void usageErrors();
};

void TestMetricsCli::initTestCase()
{
    Scratch r = Scratch::create(m_dir.path() + S("/shop"));
    r.write(S("shop/a.txt"), "a\n");
    const QString s1 = r.commit(S("init"));
    const qint64 t1 = r.clock;
    r.write(S("shop/a.txt"), "a\nb\n");
    const QString s2 = r.commit(S("Add b\n\nCo-authored-by: Claude <noreply@anthropic.com>"), kDay);
    const qint64 t2 = r.clock;
    m_ws = m_dir.path() + S("/team.faultline");
    QCOMPARE(runFaultline({ S("import"), S("git"), r.dir(), S("--workspace"), m_ws }).exitCode, 0);
    const QString deploys = writeFile(
        m_dir, S("deploys.csv"),
        QStringLiteral("deployment_id,service,environment,status,started_at,finished_at,commit_sha\n"
                       "d1,shop,production,success,%1,%1,%2\n"
                       "d2,shop,production,success,%3,%3,%4\n")
            .arg(isoOf(t1 + 3600), s1, isoOf(t2 + 3600), s2)
            .toUtf8());
    QCOMPARE(runFaultline({ S("import"), S("deploys"), deploys, S("--workspace"), m_ws }).exitCode, 0);
    const QString incidents = writeFile(m_dir, S("incidents.csv"),
                                        QStringLiteral("incident_id,title,created_at,resolved_at,service\n"
                                                       "I1,Checkout down,%1,%2,shop\n")
                                            .arg(isoOf(t2 + 7200), isoOf(t2 + 9000))
                                            .toUtf8());
    QCOMPARE(runFaultline({ S("import"), S("incidents"), incidents, S("--workspace"), m_ws }).exitCode, 0);
}

void TestMetricsCli::jsonSchema()
{
    const auto r = runFaultline({ S("metrics"), S("--workspace"), m_ws, S("--format"), S("json") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    verifyKeys(root,
               { S("window"), S("segments"), S("lead_time_breakdown_hours"), S("ci_overhead"), S("stages"),
                 S("ci_minutes"), S("cache"), S("ci_failures"), S("flaky_tests"), S("code_rework"),
                 S("hotspots"), S("repeat_incidents"), S("archetype") },
               "root");
    verifyKeys(root[S("window")].toObject(), { S("from"), S("to") }, "window");
    for (const char* segment : { "all", "ai", "not_ai" }) {
        const QJsonObject s = root[S("segments")][QLatin1String(segment)].toObject();
        verifyKeys(s,
                   { S("deployments"), S("deployment_frequency_per_day"), S("deploy_days_per_week_median"),
                     S("lead_time_hours"), S("change_failure_rate"), S("recovery_time_hours"),
                     S("rework_rate"), S("small_sample") },
                   segment);
        verifyKeys(s[S("lead_time_hours")].toObject(), { S("median"), S("p90"), S("n") }, "lead_time_hours");
        verifyKeys(s[S("change_failure_rate")].toObject(), { S("value"), S("ci95"), S("failed"), S("n") },
                   "cfr");
        verifyKeys(s[S("recovery_time_hours")].toObject(), { S("median"), S("n") }, "recovery");
        verifyKeys(s[S("rework_rate")].toObject(), { S("value"), S("ci95"), S("unplanned"), S("n") },
                   "rework");
        QVERIFY(s[S("small_sample")].isBool());
        QVERIFY(isNumberOrNull(s[S("lead_time_hours")][S("median")]));
        // Rates are fractions in [0, 1] or null.
        const QJsonValue cfr = s[S("change_failure_rate")][S("value")];
        QVERIFY(cfr.isNull() || (cfr.toDouble() >= 0 && cfr.toDouble() <= 1));
        QVERIFY(root[S("code_rework")][QLatin1String(segment)].isObject());
        QVERIFY(root[S("lead_time_breakdown_hours")][QLatin1String(segment)].isObject());
    }
    // d2 ships the AI-assisted commit (Claude trailer): one AI deployment with a 1 h lead time; the
    // incident opened 1 h after d2 links to it, so d2 failed and recovered 0.5 h after it opened.
    const QJsonObject ai = root[S("segments")][S("ai")].toObject();
    QCOMPARE(ai[S("deployments")].toInt(), 1);
    QCOMPARE(ai[S("lead_time_hours")][S("median")].toDouble(), 1.0);
    QCOMPARE(ai[S("change_failure_rate")][S("failed")].toInt(), 1);
    QCOMPARE(root[S("segments")][S("not_ai")][S("deployments")].toInt(), 1);
    QVERIFY(root[S("segments")][S("all")][S("small_sample")].toBool());
    verifyKeys(root[S("ci_overhead")].toObject(), { S("median"), S("n") }, "ci_overhead");
    verifyKeys(root[S("ci_minutes")].toObject(),
               { S("total"), S("by_stage"), S("by_runner"), S("by_week"), S("estimated_cost") },
               "ci_minutes");
    QVERIFY(root[S("ci_minutes")][S("estimated_cost")].isNull()); // absent data is null, never 0
    const QJsonObject repeats = root[S("repeat_incidents")].toObject();
    verifyKeys(repeats, { S("incidents"), S("repeats"), S("repeat_rate"), S("clusters") },
               "repeat_incidents");
    QCOMPARE(repeats[S("incidents")].toInt(), 1);
    QCOMPARE(repeats[S("clusters")].toArray().size(), 1);
    // The cluster names the deployment its incident is linked to (d2) and the files d2's changeset
    // changed.
    const QJsonObject cluster = repeats[S("clusters")].toArray().at(0).toObject();
    verifyKeys(cluster,
               { S("fingerprint"), S("service"), S("count"), S("repeats"), S("first"), S("last"),
                 S("median_interval_hours"), S("median_recovery_hours"), S("ai_share"), S("deployments"),
                 S("files") },
               "cluster");
    QCOMPARE(cluster[S("deployments")].toArray().size(), 1);
    QVERIFY(!cluster[S("files")].toArray().isEmpty());
    verifyKeys(root[S("ci_failures")].toObject(), { S("failed_jobs"), S("cluster_count"), S("clusters") },
               "ci_failures");
    verifyKeys(root[S("flaky_tests")].toObject(), { S("tests"), S("results"), S("top") }, "flaky_tests");
    verifyKeys(root[S("archetype")].toObject(), { S("label"), S("because") }, "archetype");
    QVERIFY(root[S("stages")].isArray());
    QVERIFY(root[S("cache")].isArray());
    QVERIFY(root[S("hotspots")].isArray());
}

void TestMetricsCli::deterministic()
{
    const QStringList args { S("metrics"), S("--workspace"),    m_ws,    S("--format"),
                             S("json"),    S("--ai-threshold"), S("any") };
    const auto first = runFaultline(args);
    const auto second = runFaultline(args);
    QCOMPARE(first.exitCode, 0);
    QCOMPARE(first.out, second.out);
}

void TestMetricsCli::csvAndTable()
{
    const auto csv = runFaultline({ S("metrics"), S("--workspace"), m_ws, S("--format"), S("csv") });
    QCOMPARE(csv.exitCode, 0);
    const QStringList lines = csv.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.front(), S("metric,segment,value,n"));
    QVERIFY(lines.contains(S("lead_time_hours_median,ai,1,1")));
    for (const QString& line : lines)
        QCOMPARE(line.count(QLatin1Char(',')), 3);
    const auto table = runFaultline({ S("metrics"), S("--workspace"), m_ws });
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains(S("Change failure rate")), qPrintable(table.out));
    QVERIFY(table.out.contains(S("too few to compare")));
}

void TestMetricsCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::addRow("threshold out of range") << QStringList { S("--ai-threshold"), S("1.5") } << 2;
    QTest::addRow("unknown format") << QStringList { S("--format"), S("xml") } << 2;
    QTest::addRow("bad date") << QStringList { S("--from"), S("yesterday") } << 2;
    QTest::addRow("empty period") << QStringList { S("--from"), S("2024-02-01"), S("--to"), S("2024-01-01") }
                                  << 2;
    QTest::addRow("bad churn window") << QStringList { S("--churn-window"), S("0") } << 2;
    QTest::addRow("bad environment rule") << QStringList { S("--environment-rule"), S("(") } << 2;
}

void TestMetricsCli::usageErrors()
{
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    const auto r = runFaultline(QStringList { S("metrics"), S("--workspace"), m_ws } + extra);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(!r.err.isEmpty());
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestMetricsCli)
#include "tst_metrics_cli.moc"
