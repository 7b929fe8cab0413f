#include "metrics/archetype.h"
#include "test_support.h"

#include <QTest>

using namespace faultline::metrics;
using faultline::test::S;

// METRICS.md "Archetype": each profile's trigger, the order they are tried in, and no label when none fits.
class TestMetricsArchetype : public QObject
{
    Q_OBJECT

private slots:
    void legacyBottleneckByFailures()
    {
        ArchetypeInputs in;
        in.deploymentsPerDay = 0.4;
        in.ciFailureRate = 0.25;
        in.coding = 3;
        in.ciWait = 1;
        const Archetype a = classifyArchetype(in);
        QCOMPARE(a.label, S("Legacy bottleneck"));
        QCOMPARE(a.because,
                 (QStringList { S("25 % of CI jobs fail"),
                                S("0.40 production deployments per day (less than daily)") }));
    }

    void legacyBottleneckByCiWait()
    {
        ArchetypeInputs in;
        in.deploymentsPerDay = 0.5;
        in.ciFailureRate = 0.05;
        in.coding = 2;
        in.pickup = 1;
        in.review = 1;
        in.ciWait = 5;
        in.deploy = 4;
        const Archetype a = classifyArchetype(in);
        QCOMPARE(a.label, S("Legacy bottleneck"));
        QCOMPARE(a.because.front(), S("CI wait is the largest lead-time stage (median 5.0 h)"));
        // Daily deploys: the same CI wait is no legacy bottleneck.
        in.deploymentsPerDay = 1.0;
        QCOMPARE(classifyArchetype(in).label, QString());
    }

    void constrainedByTesting()
    {
        ArchetypeInputs in;
        in.deploymentsPerDay = 2;
        in.ciFailureRate = 0.3; // failing CI, but deploys are daily: not legacy
        in.largestCiStage = S("test");
        in.testShareOfCiMinutes = 0.62;
        in.prVolumeGrowth = 1.8;
        in.deploymentGrowth = 1.1;
        const Archetype a = classifyArchetype(in);
        QCOMPARE(a.label, S("Constrained by testing"));
        QCOMPARE(a.because,
                 (QStringList { S("the test stage takes 62 % of CI minutes, more than any other"),
                                S("merged PRs per week grew ×1.80 while deployments grew ×1.10") }));
        in.deploymentGrowth = 1.8; // deployments keep up: not constrained
        QVERIFY(classifyArchetype(in).label != S("Constrained by testing"));
    }

    void pragmaticPerformer()
    {
        ArchetypeInputs in;
        in.deploymentsPerDay = 3;
        in.coding = 4;
        in.pickup = 3;
        in.review = 2; // review 5 h > coding 4 h
        in.ciWait = 0.5;
        in.deploy = 1;
        const Archetype a = classifyArchetype(in);
        QCOMPARE(a.label, S("Pragmatic performer"));
        QCOMPARE(a.because.back(),
                 S("review (pickup + review) is the largest lead-time stage (median 5.0 h)"));
        in.coding = 6; // coding dominates: no profile
        QCOMPARE(classifyArchetype(in).label, QString());
        QVERIFY(classifyArchetype(in).because.isEmpty());
    }

    void nothingKnown()
    {
        const Archetype a = classifyArchetype({});
        QVERIFY(a.label.isEmpty());
        QVERIFY(a.because.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMetricsArchetype)
#include "tst_metrics_archetype.moc"
