#include "common/timestamp_parser.h"

#include <QDateTime>
#include <QTest>

using faultline::importers::TimestampParser;
using faultline::importers::ValueError;

namespace {
// Expected values are written as independent UTC ISO strings and converted by Qt, so the test does
// not share arithmetic with the parser.
qint64 utc(const char* iso)
{
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
    Q_ASSERT(t.isValid());
    return t.toMSecsSinceEpoch();
}
} // namespace

class TestTimestampParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryFormat_data();
    void parsesEveryFormat();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void naiveValuesTakeTheConfiguredZone();
    void errorNamesTheField();
    void durations_data();
    void durations();
    void formatsUtc();
};

void TestTimestampParser::parsesEveryFormat_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<qint64>("expected");

    // One row per line of FORMATS.md §0, with the example seen in real data.
    QTest::addRow("github runs/jobs, Z, no fraction") << "2023-01-10T08:24:21Z" << utc("2023-01-10T08:24:21Z");
    QTest::addRow("github steps, .000Z") << "2023-01-10T08:24:27.000Z" << utc("2023-01-10T08:24:27Z");
    QTest::addRow("github steps, older +08:00 offset")
        << "2021-02-18T14:59:16.000+08:00" << utc("2021-02-18T06:59:16Z");
    QTest::addRow("github log prefix, 7 fraction digits")
        << "2024-12-11T18:19:11.2593209Z" << utc("2024-12-11T18:19:11.259Z");
    QTest::addRow("github log prefix after a BOM")
        << "\xEF\xBB\xBF" "2024-12-11T18:19:11.2593209Z" << utc("2024-12-11T18:19:11.259Z");
    QTest::addRow("gitlab.com, 3 fraction digits") << "2023-11-20T07:17:08.753Z" << utc("2023-11-20T07:17:08.753Z");
    QTest::addRow("gitlab self-managed, +02:00")
        << "2023-09-04T19:10:52.976+02:00" << utc("2023-09-04T17:10:52.976Z");
    QTest::addRow("gitlab webhook, space and UTC") << "2016-08-12 15:23:28 UTC" << utc("2016-08-12T15:23:28Z");
    QTest::addRow("gitlab trace section, epoch seconds") << "1699355739" << qint64(1699355739) * 1000;
    QTest::addRow("gitlab FF_TIMESTAMPS, 6 fraction digits")
        << "2024-01-01T00:01:00.000000Z" << utc("2024-01-01T00:01:00Z");
    QTest::addRow("jenkins wfapi, epoch milliseconds") << "1662651634424" << qint64(1662651634424);
    QTest::addRow("jenkins blue ocean, +0200 without colon")
        << "2016-09-15T12:17:21.422+0200" << utc("2016-09-15T10:17:21.422Z");
    QTest::addRow("circleci, no fraction") << "2023-03-25T17:12:20Z" << utc("2023-03-25T17:12:20Z");
    QTest::addRow("circleci, 3 fraction digits") << "2023-03-25T18:13:43.446Z" << utc("2023-03-25T18:13:43.446Z");
    QTest::addRow("buildkite") << "2015-05-09T21:05:59.874Z" << utc("2015-05-09T21:05:59.874Z");
    QTest::addRow("junit pytest, no zone, 6 digits")
        << "2020-09-04T16:18:04.966371" << utc("2020-09-04T16:18:04.966Z");
    QTest::addRow("junit jest, no zone, no fraction") << "2022-12-29T15:34:28" << utc("2022-12-29T15:34:28Z");
    QTest::addRow("junit go-junit-report, Z") << "2022-01-01T00:00:00Z" << utc("2022-01-01T00:00:00Z");
    QTest::addRow("helm json golden") << "1977-09-02T22:04:05Z" << utc("1977-09-02T22:04:05Z");
    QTest::addRow("helm json real, nanoseconds and offset")
        << "2024-03-01T10:15:30.123456789+01:00" << utc("2024-03-01T09:15:30.123Z");
    QTest::addRow("helm table, ANSIC, padded day") << "Fri Sep  2 22:04:05 1977" << utc("1977-09-02T22:04:05Z");
    QTest::addRow("argocd status.history") << "2022-04-19T18:19:52Z" << utc("2022-04-19T18:19:52Z");
    QTest::addRow("argocd table, Go time.String")
        << "2022-04-19 18:19:52 +0000 UTC" << utc("2022-04-19T18:19:52Z");
    QTest::addRow("Go time.String with zone name and monotonic clock")
        << "2022-04-19 20:19:52.5 +0200 CEST m=+0.000123" << utc("2022-04-19T18:19:52.500Z");
    QTest::addRow("pagerduty") << "2015-10-06T21:30:42Z" << utc("2015-10-06T21:30:42Z");
    QTest::addRow("pagerduty devlake capture, 6 digits")
        << "2022-11-03T06:23:06.000000Z" << utc("2022-11-03T06:23:06Z");
    QTest::addRow("opsgenie, 2 fraction digits") << "2023-09-05T18:21:21.49Z" << utc("2023-09-05T18:21:21.490Z");
    QTest::addRow("opsgenie, 1 fraction digit") << "2023-09-05T18:21:21.4Z" << utc("2023-09-05T18:21:21.400Z");
    QTest::addRow("jira rest, +1300 without colon")
        << "2011-12-15T15:35:06.000+1300" << utc("2011-12-15T02:35:06Z");
    QTest::addRow("jira csv, locale style PM") << "15/Dec/11 3:35 PM" << utc("2011-12-15T15:35:00Z");
    QTest::addRow("jira csv, 12 AM is midnight") << "01/Jan/24 12:05 AM" << utc("2024-01-01T00:05:00Z");
    QTest::addRow("devlake csv, +00:00 with space") << "2022-07-17 07:15:55.959+00:00" << utc("2022-07-17T07:15:55.959Z");
    QTest::addRow("negative offset -05:00") << "2024-02-29T23:30:00-05:00" << utc("2024-03-01T04:30:00Z");
    QTest::addRow("offset hours only +05") << "2024-02-29T10:00:00+05" << utc("2024-02-29T05:00:00Z");
    QTest::addRow("lower-case t and z") << "2024-02-29t10:00:00z" << utc("2024-02-29T10:00:00Z");
    QTest::addRow("no seconds") << "2024-02-29T10:00Z" << utc("2024-02-29T10:00:00Z");
    QTest::addRow("date only") << "2024-02-29" << utc("2024-02-29T00:00:00Z");
    QTest::addRow("comma fraction") << "2024-02-29T10:00:00,25Z" << utc("2024-02-29T10:00:00.250Z");
    QTest::addRow("epoch seconds with fraction") << "1699355739.5" << qint64(1699355739500);
    QTest::addRow("quoted value from CSV") << "\"2023-01-10T08:24:21Z\"" << utc("2023-01-10T08:24:21Z");
    QTest::addRow("surrounding whitespace") << "  2023-01-10T08:24:21Z\r\n" << utc("2023-01-10T08:24:21Z");
    QTest::addRow("24:00 is the end of the day") << "2023-01-10T24:00:00Z" << utc("2023-01-11T00:00:00Z");
}

void TestTimestampParser::parsesEveryFormat()
{
    QFETCH(QString, input);
    QFETCH(qint64, expected);
    const TimestampParser parser;
    const auto parsed = parser.parse(input);
    QVERIFY2(parsed.has_value(), qPrintable(input));
    QCOMPARE(*parsed, expected);
    // The std::string_view overload (what the JSON importers call) must agree.
    const QByteArray utf8 = input.toUtf8();
    QCOMPARE(parser.parse(std::string_view(utf8.constData(), size_t(utf8.size()))), parsed);
}

void TestTimestampParser::rejectsMalformed_data()
{
    QTest::addColumn<QString>("input");
    QTest::addRow("empty") << "";
    QTest::addRow("spaces") << "   ";
    QTest::addRow("words") << "yesterday";
    QTest::addRow("month 13") << "2023-13-01T00:00:00Z";
    QTest::addRow("31 April") << "2023-04-31T00:00:00Z";
    QTest::addRow("29 Feb in a common year") << "2023-02-29T00:00:00Z";
    QTest::addRow("hour 25") << "2023-01-01T25:00:00Z";
    QTest::addRow("minute 60") << "2023-01-01T10:60:00Z";
    QTest::addRow("24:00:01") << "2023-01-10T24:00:01Z";
    QTest::addRow("year 0") << "0000-01-01T00:00:00Z";
    QTest::addRow("year 9999") << "9999-12-31T23:59:59Z";
    QTest::addRow("before 1970") << "1969-12-31T23:59:59Z";
    QTest::addRow("offset +25:00") << "2023-01-01T00:00:00+25:00";
    QTest::addRow("offset minutes 75") << "2023-01-01T00:00:00+01:75";
    QTest::addRow("ten fraction digits") << "2023-01-01T00:00:00.1234567890Z";
    QTest::addRow("dot without digits") << "2023-01-01T00:00:00.Z";
    QTest::addRow("trailing garbage") << "2023-01-01T00:00:00Z junk";
    QTest::addRow("two-digit year ISO") << "23-01-01T00:00:00Z";
    QTest::addRow("slashes") << "2023/01/01 00:00:00";
    QTest::addRow("negative epoch") << "-1699355739";
    QTest::addRow("epoch too many digits") << "12345678901234567";
    QTest::addRow("epoch ms past 2199") << "9999999999999";
    QTest::addRow("fractional epoch ms") << "1662651634424.5";
    QTest::addRow("ANSIC without year") << "Fri Sep  2 22:04:05";
    QTest::addRow("jira csv hour 13 PM") << "15/Dec/11 13:35 PM";
    QTest::addRow("NUL byte") << QString::fromUtf8("2023-01-01\0T00:00:00Z", 21);
    QTest::addRow("very long") << QString(5000, QLatin1Char('9'));
}

void TestTimestampParser::rejectsMalformed()
{
    QFETCH(QString, input);
    QVERIFY2(!TimestampParser().parse(input).has_value(), qPrintable(input));
}

void TestTimestampParser::naiveValuesTakeTheConfiguredZone()
{
    // Zone-less JUnit timestamps are the test host's local time: the user picks that zone.
    const TimestampParser berlin(QTimeZone("Europe/Berlin"));
    QCOMPARE(*berlin.parse("2020-09-04T16:18:04.966371"), utc("2020-09-04T14:18:04.966Z")); // CEST, +2
    QCOMPARE(*berlin.parse("2022-12-29T15:34:28"), utc("2022-12-29T14:34:28Z")); // CET, +1
    QCOMPARE(*berlin.parse("Fri Sep  2 22:04:05 1977"), utc("1977-09-02T21:04:05Z"));
    // A value with a zone ignores the configured one.
    QCOMPARE(*berlin.parse("2023-01-10T08:24:21Z"), utc("2023-01-10T08:24:21Z"));
    const TimestampParser fixed(QTimeZone(-5 * 3600));
    QCOMPARE(*fixed.parse("2022-12-29 15:34:28"), utc("2022-12-29T20:34:28Z"));
}

void TestTimestampParser::errorNamesTheField()
{
    try {
        TimestampParser().parseOrThrow(std::string_view("2023-02-30T00:00:00Z"), "jobs[3].started_at");
        QFAIL("expected a ValueError");
    } catch (const ValueError& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.contains(QLatin1String("jobs[3].started_at")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("2023-02-30T00:00:00Z")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("expected a timestamp")), qPrintable(message));
    }
    QCOMPARE(TimestampParser().parseOrThrow(QStringLiteral("1662651634424"), "startTimeMillis"), qint64(1662651634424));
}

void TestTimestampParser::durations_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<qint64>("expectedMs"); // -1: rejected
    QTest::addRow("junit 3 decimals") << "6.435" << qint64(6435);
    QTest::addRow("junit zero") << "0.000" << qint64(0);
    QTest::addRow("integer seconds") << "12" << qint64(12000);
    QTest::addRow("locale comma") << "6,435" << qint64(6435);
    QTest::addRow("sub-millisecond rounds") << "0.0006" << qint64(1);
    QTest::addRow("exponent") << "1e-3" << qint64(1);
    QTest::addRow("negative") << "-1.5" << qint64(-1);
    QTest::addRow("NaN") << "NaN" << qint64(-1);
    QTest::addRow("infinity") << "inf" << qint64(-1);
    QTest::addRow("text") << "fast" << qint64(-1);
    QTest::addRow("empty") << "" << qint64(-1);
    QTest::addRow("thousands separator") << "1,234.5" << qint64(-1);
}

void TestTimestampParser::durations()
{
    QFETCH(QString, input);
    QFETCH(qint64, expectedMs);
    const QByteArray utf8 = input.toUtf8();
    const auto ms = faultline::importers::parseSecondsToMs(std::string_view(utf8.constData(), size_t(utf8.size())));
    if (expectedMs < 0)
        QVERIFY2(!ms.has_value(), qPrintable(input));
    else
        QCOMPARE(ms, std::optional<std::int64_t>(expectedMs));
}

void TestTimestampParser::formatsUtc()
{
    using faultline::importers::formatUtc;
    QCOMPARE(formatUtc(utc("2023-01-10T08:24:21Z")), QStringLiteral("2023-01-10T08:24:21Z"));
    QCOMPARE(formatUtc(utc("2023-01-10T08:24:21.007Z")), QStringLiteral("2023-01-10T08:24:21.007Z"));
}

QTEST_GUILESS_MAIN(TestTimestampParser)
#include "tst_timestamp_parser.moc"
