#include "metrics/metric_math.h"

#include <QDateTime>
#include <QTest>

namespace {
QString S(const char* text)
{
    return QString::fromUtf8(text);
}
} // namespace

using namespace faultline::metrics;

// Medians, percentiles and Wilson intervals, checked against values worked out by hand.
class TestMetricMath : public QObject
{
    Q_OBJECT

private slots:
    void medianAndPercentile()
    {
        QVERIFY(!median({}));
        QCOMPARE(*median({ 5 }), 5.0);
        QCOMPARE(*median({ 3, 1, 2 }), 2.0);
        QCOMPARE(*median({ 4, 1, 3, 2 }), 2.5);
        // p90 of 1..10: rank 0.9 × 9 = 8.1 → 9 + 0.1 × (10 − 9) = 9.1.
        QCOMPARE(*percentile({ 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 90), 9.1);
        QCOMPARE(*percentile({ 1, 2 }, 0), 1.0);
        QCOMPARE(*percentile({ 1, 2 }, 100), 2.0);
    }

    void wilson()
    {
        // 3 of 10: p̂ = 0.3, z = 1.96: centre 0.3 + 0.19208 = 0.49208, margin
        // 1.96 × sqrt(0.021 + 0.0096040) = 0.342940, denominator 1.384146 → [0.1078, 0.6032].
        const auto [lo, hi] = wilson95(3, 10);
        QVERIFY(qAbs(lo - 0.10779) < 1e-4);
        QVERIFY(qAbs(hi - 0.60322) < 1e-4);
        const auto [zeroLo, zeroHi] = wilson95(0, 20);
        QCOMPARE(zeroLo, 0.0);
        QVERIFY(qAbs(zeroHi - 0.16113) < 1e-4);
        const auto [noneLo, noneHi] = wilson95(0, 0);
        QCOMPARE(noneLo, 0.0);
        QCOMPARE(noneHi, 1.0);
    }

    void weekBuckets_data()
    {
        QTest::addColumn<QString>("instant");
        QTest::addColumn<QString>("monday");
        QTest::addRow("epoch, a Thursday") << S("1970-01-01T00:00:00Z") << S("1969-12-29");
        QTest::addRow("a Monday at midnight") << S("2024-10-14T00:00:00Z") << S("2024-10-14");
        QTest::addRow("the Sunday before, last ms") << S("2024-10-13T23:59:59.999Z") << S("2024-10-07");
        QTest::addRow("before the epoch") << S("1969-12-28T12:00:00Z") << S("1969-12-22");
        QTest::addRow("leap day") << S("2024-02-29T08:00:00Z") << S("2024-02-26");
    }

    void weekBuckets()
    {
        QFETCH(QString, instant);
        QFETCH(QString, monday);
        const QDateTime t = QDateTime::fromString(instant, Qt::ISODateWithMs);
        QVERIFY(t.isValid());
        QCOMPARE(isoDateOfDay(mondayOf(t.toMSecsSinceEpoch())), monday);
    }
};

QTEST_GUILESS_MAIN(TestMetricMath)
#include "tst_metric_math.moc"
