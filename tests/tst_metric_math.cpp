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

    void medianInterval()
    {
        QVERIFY(!medianInterval95({}));
        // n = 5: even (min, max) covers the median with only 1 − 2/32 = 93.75 %.
        QVERIFY(!medianInterval95({ 1, 2, 3, 4, 5 }));
        // n = 6: (min, max) covers it with 1 − 2/64 = 96.9 %.
        QCOMPARE(*medianInterval95({ 6, 1, 5, 2, 4, 3 }), std::make_pair(1.0, 6.0));
        // n = 100: P(B ≤ 39) = 0.0176 ≤ 2.5 % < P(B ≤ 40) = 0.0284, so j = 40: x(40) and x(61).
        std::vector<double> hundred;
        for (int i = 100; i >= 1; --i)
            hundred.push_back(i);
        QCOMPARE(*medianInterval95(hundred), std::make_pair(40.0, 61.0));
        // Large n stays finite (½^n underflows) and narrows around the median: ± about 1.96·√n / 2 ranks.
        std::vector<double> many;
        for (int i = 0; i < 20000; ++i)
            many.push_back(i);
        const auto [lo, hi] = *medianInterval95(many);
        QVERIFY2(lo > 9800 && lo < 9900 && hi > 10100 && hi < 10200,
                 qPrintable(QStringLiteral("%1 %2").arg(lo).arg(hi)));
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
