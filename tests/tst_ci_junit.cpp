// JUnit XML importer (importers/ci/junit_xml.cpp, junit_text_splitter.cpp), end to end through
// CiImporter::run: Maven Surefire with re-runs, pytest, jest-junit, go-junit-report, nested suites,
// a bare <testsuite> root, locale commas, zone-less timestamps, duplicates within a report, flaky
// tests across reports of one commit, re-imports, the run a report belongs to, bad input, the text
// splitter that keeps memory bounded, and the real samples in ../shared/samples/junit-xml.
//
// Fixtures are in tests/data/junit (written for these tests, field for field like the samples).
// Epoch values were worked out by hand from days since 1970-01-01 (365 per year plus one per leap
// year; 1972–2020 hold 13 leap days, 1972–2016 hold 12); the arithmetic is next to each value.
#include "ci/junit_text_splitter.h"
#include "ci_test_support.h"
#include "common/import_error.h"
#include "store/ci_writer.h"
#include "store/import_batch.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>

using namespace faultline;
using namespace faultline::importers;
using faultline::test::dataPath;
using faultline::test::fileSha256;
using faultline::test::importCi;
using faultline::test::ScratchWorkspace;
using faultline::test::sharedSamplesDir;
using faultline::test::workspaceCount;
using faultline::test::workspaceRows;

namespace {

// Short names for the literals the data rows are made of.
QString S(const char* text)
{
    return QString::fromUtf8(text);
}

constexpr auto L = test::texts;

QString fixture(const QString& name)
{
    return dataPath(QStringLiteral("junit/") + name);
}

constexpr const char* kTestRows
    = "SELECT suite, classname, name, file, outcome, duration_ms, started_at, message, flaky "
      "FROM test_cases ORDER BY id";

// Reads a document and lists what the reader reports: text per element (CDATA and comments
// merged into it), attributes, and the line of every element start.
QStringList readerView(QIODevice& device)
{
    QXmlStreamReader xml(&device);
    QStringList view;
    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        switch (xml.tokenType()) {
        case QXmlStreamReader::StartElement: {
            if (!text.isEmpty())
                view << QStringLiteral("text:") + text;
            text.clear();
            QStringList attrs;
            for (const auto& a : xml.attributes())
                attrs << a.qualifiedName().toString() + QLatin1Char('=') + a.value().toString();
            view << QStringLiteral("<%1 %2> line %3")
                        .arg(xml.name().toString(), attrs.join(QLatin1Char(' ')),
                             QString::number(xml.lineNumber()));
            break;
        }
        case QXmlStreamReader::EndElement:
            if (!text.isEmpty())
                view << QStringLiteral("text:") + text;
            text.clear();
            view << QStringLiteral("</%1> line %2")
                        .arg(xml.name().toString(), QString::number(xml.lineNumber()));
            break;
        case QXmlStreamReader::Characters:
            text += xml.text();
            break;
        default:
            break;
        }
    }
    if (xml.hasError())
        view << QStringLiteral("error: %1 at %2:%3")
                    .arg(xml.errorString(), QString::number(xml.lineNumber()),
                         QString::number(xml.columnNumber()));
    return view;
}

// Linux: writing 5 to clear_refs resets the peak to the current resident size.
void resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

qint64 peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

class TstCiJunit : public QObject
{
    Q_OBJECT
private slots:
    void variants_data();
    void variants();
    void zonelessTimestamps_data();
    void zonelessTimestamps();
    void flakyAcrossReports();
    void reimportAddsNoDuplicates();
    void runOfTheReport();
    void reportNamedByItsJob();
    void malformed_data();
    void malformed();
    void negativeTestTime();
    void invalidUtf8Anywhere_data();
    void invalidUtf8Anywhere();
    void splitterKeepsTheDocument_data();
    void splitterKeepsTheDocument();
    void largeTextNodesInBoundedMemory();
    void progressAndCancel();
    void realSamples();
};

void TstCiJunit::variants_data()
{
    QTest::addColumn<QString>("file");
    // suite|classname|name|file|outcome|duration_ms|started_at|message|flaky, in file order
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<int>("warnings");

    // No timestamp in Surefire reports. roundsHalfUp: two flakyFailure = runs 1 and 2 failed, run 3
    // passed. sendsReminder: one flakyError without a message: first non-blank line of its
    // stackTrace. rejectsNegativeAmount: failure + 2 rerunFailure = 3 failed runs; loadsCustomer:
    // error + 1 rerunError = 2.
    QTest::addRow("surefire with flakyFailure, flakyError, rerunFailure, rerunError")
        << QStringLiteral("surefire_reruns.xml")
        << L({
               "com.example.billing.InvoiceServiceTest|com.example.billing.InvoiceServiceTest|"
               "totalsIncludeTax|NULL|passed|4|NULL|NULL|0",
               "com.example.billing.InvoiceServiceTest|com.example.billing.InvoiceServiceTest|"
               "roundsHalfUp|NULL|flaky|21|NULL|"
               "expected:<10.05> but was:<10.04> (passed on run 3 after 2 failed runs)|1",
               "com.example.billing.InvoiceServiceTest|com.example.billing.InvoiceServiceTest|"
               "sendsReminder|NULL|flaky|105|NULL|"
               "java.net.SocketTimeoutException: Read timed out (passed on run 2 after 1 failed run)|1",
               "com.example.billing.InvoiceServiceTest|com.example.billing.InvoiceServiceTest|"
               "rejectsNegativeAmount|NULL|failed|12|NULL|"
               "Expected IllegalArgumentException to be thrown (failed all 3 runs)|0",
               "com.example.billing.InvoiceServiceTest|com.example.billing.InvoiceServiceTest|"
               "loadsCustomer|NULL|error|171|NULL|"
               "Connection refused (failed all 2 runs)|0",
               "com.example.billing.InvoiceServiceTest|com.example.billing.InvoiceServiceTest|"
               "exportsPdf|NULL|skipped|0|NULL|"
               "PDF renderer not installed|0",
           })
        << 0;

    // 2023-05-11T09:41:27.123456 (UTC): 2023-01-01 = 53×365 + 13 = 19358 days; + 120 (Jan–Apr) + 10
    // = 19488 days = 1683763200 s; + 9:41:27 = 34887 s → 1683798087 s; .123456 → 123 ms.
    // The failure message attribute spans two lines: XML attribute normalisation turns the line
    // end into a space.
    QTest::addRow("pytest with skipped, failure and error")
        << QStringLiteral("pytest.xml")
        << L({
               "pytest|tests.test_orders.OrderTests|test_create_order|tests/test_orders.py|"
               "passed|1250|1683798087123|NULL|0",
               "pytest|tests.test_orders.OrderTests|test_refund_in_eur|tests/test_orders.py|"
               "skipped|1|1683798087123|refunds need the payments sandbox|0",
               "pytest|tests.test_orders.OrderTests|test_order_total|tests/test_orders.py|"
               "failed|2504|1683798087123|AssertionError: assert 41 == 42  +  where 41 = total(order)|0",
               "pytest|tests.test_orders.OrderTests|test_cancel_order|tests/test_orders.py|"
               "error|452|1683798087123|failed on setup with \"ConnectionError: db unavailable\"|0",
               "pytest|tests.test_payments|test_charge[visa]|tests/test_payments.py|"
               "passed|5000|1683798087123|NULL|0",
           })
        << 0;

    // 2022-12-29T15:34:28 (UTC): 2022-01-01 = 52×365 + 13 = 18993 days; + 334 (Jan–Nov) + 28 = 19355
    // days = 1672272000 s; + 15:34:28 = 56068 s → 1672328068 s. The second file's suite is 2 s later.
    // jest-junit failures carry no message attribute: the first line of the text.
    QTest::addRow("jest-junit with › classnames")
        << QStringLiteral("jest.xml")
        << L({
               "__tests__\\cart.test.js|Cart › adding items adds one item|Cart › adding items adds one item|"
               "NULL|passed|4|1672328068000|NULL|0",
               "__tests__\\cart.test.js|Cart › adding items merges equal items|"
               "Cart › adding items merges equal items|NULL|failed|11|1672328068000|"
               "Error: expect(received).toBe(expected) // Object.is equality|0",
               "__tests__\\cart.test.js|Cart › checkout applies coupon|Cart › checkout applies coupon|"
               "NULL|skipped|0|1672328068000|NULL|0",
               "__tests__\\cart.test.js|Cart › checkout totals|Cart › checkout totals|"
               "NULL|passed|1200|1672328068000|NULL|0",
               "__tests__\\price.test.js|formatPrice › formats euros|formatPrice › formats euros|"
               "NULL|passed|2|1672328070000|NULL|0",
           })
        << 0;

    // "1,5" s = 1500 ms, "0,250" = 250, "0.2536" = 253.6 → 254, "" = not measured.
    // 2019-03-04T08:15:00: 2019-01-01 = 49×365 + 12 = 17897 days; + 31 + 28 + 3 = 17959 days =
    // 1551657600 s; + 29700 s → 1551687300 s.
    QTest::addRow("locale comma durations")
        << QStringLiteral("locale_comma.xml")
        << L({
               "LegacyReportTest|de.example.legacy.ReportTest|rendersHeader|NULL|"
               "passed|1500|1551687300000|NULL|0",
               "LegacyReportTest|de.example.legacy.ReportTest|rendersFooter|NULL|"
               "passed|250|1551687300000|NULL|0",
               "LegacyReportTest|de.example.legacy.ReportTest|rendersBody|NULL|"
               "passed|254|1551687300000|NULL|0",
               "LegacyReportTest|de.example.legacy.ReportTest|notMeasured|NULL|"
               "passed|NULL|1551687300000|NULL|0",
           })
        << 0;

    // A report declared ISO-8859-1 (old Ant/Surefire on a German host) is read in its encoding.
    // Same timestamp as above; "0,003" = 3 ms.
    QTest::addRow("ISO-8859-1 declared encoding")
        << QStringLiteral("latin1.xml")
        << L({
               "de.example.UmlautTest|de.example.UmlautTest|größe|NULL|failed|3|1551687300000|"
               "erwartet <Größe> aber war <Grusse>|0",
           })
        << 0;

    // 2024-02-29T23:59:58Z: 2024-01-01 = 54×365 + 13 = 19723 days; + 31 + 28 = 19782 days =
    // 1709164800 s; + 86398 s → 1709251198 s. Subtests stay flattened in the name.
    QTest::addRow("go-junit-report subtests")
        << QStringLiteral("go_subtests.xml")
        << L({
               "example.com/shop/cart|example.com/shop/cart|TestTotals|NULL|"
               "failed|120|1709251198000|Failed|0",
               "example.com/shop/cart|example.com/shop/cart|TestTotals/empty|NULL|"
               "passed|0|1709251198000|NULL|0",
               "example.com/shop/cart|example.com/shop/cart|TestTotals/with_vat#01|NULL|"
               "failed|63|1709251198000|Failed|0",
               "example.com/shop/cart|example.com/shop/cart|TestTotals/with_vat#01/rounding|NULL|"
               "passed|1|1709251198000|NULL|0",
               "example.com/shop/cart|example.com/shop/cart|TestCoupons|NULL|"
               "skipped|0|1709251198000|Skipped|0",
               "example.com/shop/cart|example.com/shop/cart|TestParse|NULL|"
               "passed|0|1709251198000|NULL|0",
           })
        << 0;

    // Suite = nested names joined with "/". Timestamps are inherited from the nearest suite that has
    // one: 2024-06-01T10:00:00+02:00 = 08:00:00Z: 19723 + 152 (Jan–May 2024) = 19875 days =
    // 1717200000 s; + 28800 s → 1717228800 s. "subtract" has its own (+5 s). The two "edge cases"
    // suites would collide on their innermost name.
    QTest::addRow("nested testsuites (PHPUnit data sets, bun describe blocks)")
        << QStringLiteral("nested.xml")
        << L({
               "Unit/App\\Tests\\MoneyTest|App.Tests.MoneyTest|testAdd|/src/tests/MoneyTest.php|"
               "passed|1|1717228800000|NULL|0",
               "Unit/App\\Tests\\MoneyTest/App\\Tests\\MoneyTest::testParse|App.Tests.MoneyTest|"
               "testParse with data set #0|/src/tests/MoneyTest.php|passed|1|1717228800000|NULL|0",
               "Unit/App\\Tests\\MoneyTest/App\\Tests\\MoneyTest::testParse|App.Tests.MoneyTest|"
               "testParse with data set #1|/src/tests/MoneyTest.php|failed|2|1717228800000|"
               "App\\Tests\\MoneyTest::testParse with data set #1 ('1,5 EUR')|0",
               "Unit/math.test.ts/add/edge cases|edge cases|handles zero|math.test.ts|"
               "passed|0|1717228800000|NULL|0",
               "Unit/math.test.ts/subtract/edge cases|edge cases|handles zero|math.test.ts|"
               "passed|8|1717228805000|NULL|0",
           })
        << 0;

    // 0.1116 s → 111.6 → 112 ms.
    QTest::addRow("bare testsuite root with child suites")
        << QStringLiteral("bare_root.xml")
        << L({
               "Project Test Suite/Checkout|CheckoutTest|testPay|/app/tests/CheckoutTest.php|"
               "passed|1200|NULL|NULL|0",
               "Project Test Suite/Checkout|CheckoutTest|testRefund|/app/tests/CheckoutTest.php|"
               "passed|1100|NULL|NULL|0",
               "Project Test Suite/Shipping|ShippingTest|testLabel|/app/tests/ShippingTest.php|"
               "passed|1000|NULL|NULL|0",
               "Project Test Suite|KernelTest|testBoot|/app/tests/KernelTest.php|passed|112|NULL|NULL|0",
           })
        << 0;

    // test_upload: failed, then error (pytest's teardown entry) → failed kept. test_preview:
    // skipped, then passed → passed. Two warnings. 2024-03-10T13:00:00: 19723 + 31 + 29 + 9 = 19792
    // days = 1710028800 s; + 46800 s → 1710075600 s.
    QTest::addRow("duplicate test identities keep the worst outcome")
        << QStringLiteral("duplicates.xml")
        << L({
               "pytest|tests.test_files|test_upload|NULL|failed|1100|1710075600000|"
               "AssertionError: checksum mismatch|0",
               "pytest|tests.test_files|test_preview|NULL|passed|900|1710075600000|NULL|0",
               "pytest|tests.test_files|test_delete|NULL|passed|200|1710075600000|NULL|0",
           })
        << 2;
}

void TstCiJunit::variants()
{
    QFETCH(QString, file);
    QFETCH(QStringList, rows);
    QFETCH(int, warnings);

    ScratchWorkspace scratch;
    const auto report = importCi(scratch.workspace, { fixture(file) });
    QCOMPARE(workspaceRows(scratch.workspace, kTestRows), rows);
    QCOMPARE(report.warnings, warnings);
    QCOMPARE(report.files.size(), size_t(1));
    QCOMPARE(report.files.front().format, ci::CiFormat::JUnitXml);
    // Every row carries the report's sha256 and no commit or run (none given).
    const QString sha = QString::fromLatin1(fileSha256(fixture(file)));
    QCOMPARE(
        workspaceRows(scratch.workspace, "SELECT DISTINCT report_key, commit_sha, run_id FROM test_cases"),
        QStringList { sha + QStringLiteral("|NULL|NULL") });
}

void TstCiJunit::zonelessTimestamps_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QStringList>("startedAt"); // distinct values, in file order

    // UTC values as in variants(). Europe/Berlin is CET (UTC+1) in December and CEST (UTC+2) in May.
    QTest::addRow("jest-junit in UTC")
        << QStringLiteral("jest.xml") << QStringLiteral("UTC") << L({ "1672328068000", "1672328070000" });
    // 1672328068000 − 3600000 = 1672324468000.
    QTest::addRow("jest-junit in Europe/Berlin (CET)")
        << QStringLiteral("jest.xml") << QStringLiteral("Europe/Berlin")
        << L({ "1672324468000", "1672324470000" });
    // 1683798087123 − 7200000 = 1683790887123.
    QTest::addRow("pytest in Europe/Berlin (CEST)")
        << QStringLiteral("pytest.xml") << QStringLiteral("Europe/Berlin") << L({ "1683790887123" });
    // Values that carry a zone ignore --zone.
    QTest::addRow("go-junit-report Z in Europe/Berlin")
        << QStringLiteral("go_subtests.xml") << QStringLiteral("Europe/Berlin") << L({ "1709251198000" });
    QTest::addRow("+02:00 offsets in America/New_York")
        << QStringLiteral("nested.xml") << QStringLiteral("America/New_York")
        << L({ "1717228800000", "1717228805000" });
}

void TstCiJunit::zonelessTimestamps()
{
    QFETCH(QString, file);
    QFETCH(QString, zone);
    QFETCH(QStringList, startedAt);

    ScratchWorkspace scratch;
    importCi(scratch.workspace, { fixture(file) }, { .zone = zone });
    QCOMPARE(workspaceRows(scratch.workspace,
                           "SELECT started_at FROM test_cases GROUP BY started_at ORDER BY min(id)"),
             startedAt);
}

void TstCiJunit::flakyAcrossReports()
{
    const QStringList shards { fixture(QStringLiteral("flaky_shard_a.xml")),
                               fixture(QStringLiteral("flaky_shard_b.xml")) };
    const char* sql = "SELECT name, outcome, flaky, commit_sha FROM test_cases ORDER BY id";
    {
        // test_login failed in a, passed in b; test_signup passed in a, error in b; test_logout
        // passed in both. 2 tests × 2 reports = 4 results marked.
        ScratchWorkspace scratch;
        test::CiImportArgs options;
        options.commit = QStringLiteral("3f2c9d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d");
        const auto report = importCi(scratch.workspace, shards, options);
        QCOMPARE(report.flakyMarked, 4);
        QCOMPARE(workspaceRows(scratch.workspace, sql),
                 L({
                     "test_login|failed|1|3f2c9d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d",
                     "test_logout|passed|0|3f2c9d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d",
                     "test_signup|passed|1|3f2c9d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d",
                     "test_login|passed|1|3f2c9d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d",
                     "test_logout|passed|0|3f2c9d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d",
                     "test_signup|error|1|3f2c9d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d",
                 }));
        // 2024-03-10T12:00:00.000001 and 12:05:00.000001: 19792 days = 1710028800 s; + 43200 s.
        QCOMPARE(workspaceRows(scratch.workspace, "SELECT DISTINCT started_at FROM test_cases ORDER BY 1"),
                 L({ "1710072000000", "1710072300000" }));
    }
    {
        // Reports imported one command each: the second command marks across both.
        ScratchWorkspace scratch;
        test::CiImportArgs options;
        options.commit = QStringLiteral("3f2c9d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d");
        QCOMPARE(importCi(scratch.workspace, { shards[0] }, options).flakyMarked, 0);
        QCOMPARE(importCi(scratch.workspace, { shards[1] }, options).flakyMarked, 4);
    }
    {
        // Without a commit nothing ties the reports together.
        ScratchWorkspace scratch;
        const auto report = importCi(scratch.workspace, shards);
        QCOMPARE(report.flakyMarked, 0);
        QCOMPARE(workspaceRows(scratch.workspace, "SELECT count(*) FROM test_cases WHERE flaky = 1"),
                 L({ "0" }));
    }
}

void TstCiJunit::reimportAddsNoDuplicates()
{
    ScratchWorkspace scratch;
    const QString surefire = fixture(QStringLiteral("surefire_reruns.xml"));
    const QString duplicates = fixture(QStringLiteral("duplicates.xml"));
    importCi(scratch.workspace, { surefire, duplicates });
    const QStringList first = workspaceRows(scratch.workspace, kTestRows);
    QCOMPARE(first.size(), 6 + 3);

    // Again, and the same file twice in one command: same rows, same outcomes (the duplicates
    // report keeps failed and passed however often it is read).
    importCi(scratch.workspace, { duplicates, surefire, duplicates });
    QCOMPARE(workspaceRows(scratch.workspace, kTestRows), first);

    // A later import that names the commit fills it in.
    test::CiImportArgs options;
    options.commit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    importCi(scratch.workspace, { surefire }, options);
    QCOMPARE(workspaceCount(scratch.workspace, "test_cases"), 9);
    QCOMPARE(
        workspaceRows(
            scratch.workspace,
            "SELECT count(*) FROM test_cases WHERE commit_sha = '0123456789abcdef0123456789abcdef01234567'"),
        L({ "6" }));
}

void TstCiJunit::runOfTheReport()
{
    ScratchWorkspace scratch;
    std::int64_t runId = 0;
    {
        auto ws = store::Workspace::open(scratch.workspace);
        store::ImportBatch batch(ws, { QStringLiteral("seed"), QStringLiteral("test"), QByteArray("00") });
        store::CiWriter writer(batch);
        for (int attempt : { 1, 2 }) {
            store::CiRun run;
            run.provider = QStringLiteral("gitlab");
            run.project = QStringLiteral("shop/cart");
            run.externalId = QStringLiteral("1187");
            run.attempt = attempt;
            runId = writer.upsertRun(run);
        }
        batch.commit();
    }
    test::CiImportArgs options;
    options.run = QStringLiteral("1187");
    auto report = importCi(scratch.workspace, { fixture(QStringLiteral("go_subtests.xml")) }, options);
    QCOMPARE(report.warnings, 0);
    // The highest attempt of the run.
    QCOMPARE(workspaceRows(scratch.workspace, "SELECT DISTINCT run_id FROM test_cases"),
             QStringList { QString::number(runId) });

    options.run = QStringLiteral("9999");
    report = importCi(scratch.workspace, { fixture(QStringLiteral("pytest.xml")) }, options);
    QCOMPARE(report.warnings, 1);
    QCOMPARE(workspaceRows(scratch.workspace, "SELECT count(*) FROM test_cases WHERE run_id IS NULL"),
             L({ "5" }));
}

void TstCiJunit::reportNamedByItsJob()
{
    // Attempt 1 and the re-run (attempt 2) of one run on one commit, each with a job whose report was
    // saved as job_<id>.xml: the reports take that job's run and head commit, so the test that failed
    // in the first and passed in the second is flaky without --run or --commit.
    ScratchWorkspace scratch;
    const QString sha = QStringLiteral("3f2c9d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d");
    std::int64_t runIds[2] = {};
    {
        auto ws = store::Workspace::open(scratch.workspace);
        store::ImportBatch batch(ws, { QStringLiteral("seed"), QStringLiteral("test"), QByteArray("00") });
        store::CiWriter writer(batch);
        for (int attempt : { 1, 2 }) {
            store::CiRun run;
            run.provider = QStringLiteral("github");
            run.project = QStringLiteral("acme/shop");
            run.externalId = QStringLiteral("17000000000");
            run.attempt = attempt;
            run.headSha = sha;
            runIds[attempt - 1] = writer.upsertRun(run);
            store::CiJob job;
            job.externalId = QString::number(48000000000LL + attempt);
            job.name = QStringLiteral("unit-tests");
            writer.upsertJob(runIds[attempt - 1], job);
        }
        batch.commit();
    }
    QTemporaryDir dir;
    QVERIFY(QFile::copy(fixture(QStringLiteral("flaky_shard_a.xml")),
                        dir.filePath(QStringLiteral("job_48000000001.xml"))));
    QVERIFY(QFile::copy(fixture(QStringLiteral("flaky_shard_b.xml")),
                        dir.filePath(QStringLiteral("job_48000000002.xml"))));
    const auto report = importCi(scratch.workspace,
                                 { dir.filePath(QStringLiteral("job_48000000001.xml")),
                                   dir.filePath(QStringLiteral("job_48000000002.xml")) },
                                 {});
    QCOMPARE(report.warnings, 0);
    QCOMPARE(report.flakyMarked, 4);
    QCOMPARE(workspaceRows(scratch.workspace,
                           "SELECT DISTINCT run_id, commit_sha FROM test_cases ORDER BY run_id"),
             L({ qPrintable(QStringLiteral("%1|%2").arg(runIds[0]).arg(sha)),
                 qPrintable(QStringLiteral("%1|%2").arg(runIds[1]).arg(sha)) }));
    // A number that names no job ties nothing.
    QVERIFY(QFile::copy(fixture(QStringLiteral("pytest.xml")), dir.filePath(QStringLiteral("job_1.xml"))));
    importCi(scratch.workspace, { dir.filePath(QStringLiteral("job_1.xml")) }, {});
    QCOMPARE(workspaceCount(scratch.workspace, "test_cases"), 11); // 3 + 3 tests of the shards, 5 of pytest
    QCOMPARE(workspaceRows(scratch.workspace, "SELECT count(*) FROM test_cases WHERE run_id IS NULL"),
             L({ "5" }));
}

void TstCiJunit::malformed_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("forceFormat");
    QTest::addColumn<QString>("expected");

    QTest::addRow("truncated XML")
        << QStringLiteral("truncated.xml") << false
        << S("truncated.xml:7:0: Premature end of document; expected a JUnit XML report");
    QTest::addRow("billion laughs") << QStringLiteral("billion_laughs.xml") << false
                                    << S("billion_laughs.xml:4: DTD entity declarations are not accepted");
    QTest::addRow("wrong root element")
        << QStringLiteral("wrong_root.xml") << false
        << S("wrong_root.xml:3: the root element is <report>; expected <testsuites> or <testsuite>");
    QTest::addRow("testcase without name")
        << QStringLiteral("testcase_without_name.xml") << false
        << S("testcase_without_name.xml:4: <testcase> without a name attribute");
    QTest::addRow("testcase with an empty name")
        << QStringLiteral("testcase_empty_name.xml") << false
        << S("testcase_empty_name.xml:3: <testcase> with an empty name");
    QTest::addRow("bad time")
        << QStringLiteral("bad_time.xml") << false
        << S("bad_time.xml:5: <testcase name=\"TestRound\"> time=\"4ms\": expected seconds such as 1.5");
    QTest::addRow("bad timestamp") << QStringLiteral("bad_timestamp.xml") << false
                                   << S("bad_timestamp.xml:3: <testsuite name=\"__tests__\\date.test.js\"> "
                                        "timestamp=\"29/12/2022 15:34\": "
                                        "expected an ISO 8601 date and time");
    // Latin-1 "é" in a file declared UTF-8: line 4, after 4 spaces and `<failure message="expected caf`.
    QTest::addRow("invalid UTF-8")
        << QStringLiteral("invalid_utf8.xml") << false
        << S("invalid_utf8.xml:4:35: invalid UTF-8 (byte 0xe9); expected a UTF-8 encoded JUnit XML report");
    QTest::addRow("UTF-16 file (detector)")
        << QStringLiteral("utf16.xml") << false << S("utf16.xml:1: the file is UTF-16 encoded");
    QTest::addRow("UTF-16 file (--format junit)")
        << QStringLiteral("utf16.xml") << true
        << S("utf16.xml:1: the file is UTF-16 or UTF-32 encoded; expected UTF-8");
    QTest::addRow("empty file (detector)")
        << QStringLiteral("empty.xml") << false << S("empty.xml: the file is empty");
    QTest::addRow("empty file (--format junit)")
        << QStringLiteral("empty.xml") << true
        << S("empty.xml: the file is empty; expected a JUnit XML report");
}

void TstCiJunit::malformed()
{
    QFETCH(QString, file);
    QFETCH(bool, forceFormat);
    QFETCH(QString, expected);

    ScratchWorkspace scratch;
    importCi(scratch.workspace, { fixture(QStringLiteral("go_subtests.xml")) });

    // A good report first in the same command: its rows go with the rollback.
    const QString error = test::verifyImportFails(
        scratch.workspace, { fixture(QStringLiteral("pytest.xml")), fixture(file) },
        { .format = forceFormat ? QStringLiteral("junit") : QString() }, { expected });
    QVERIFY2(error.startsWith(fixture(file)), qPrintable(error));
    QCOMPARE(workspaceCount(scratch.workspace, "test_cases"), 6);
}

void TstCiJunit::negativeTestTime()
{
    // A negative time="…": up to 24 h is clock skew (no duration, a warning), beyond it the report is
    // refused (importers/common/time_order.h).
    ScratchWorkspace scratch;
    const auto corpus = [](const char* name) {
        return test::dataPath(QStringLiteral("malformed/backwards-times/") + QLatin1String(name));
    };
    test::verifyImportFails(
        scratch.workspace, { corpus("junit_time_negative.xml") }, {},
        { S("junit_time_negative.xml:6: <testcase name=\"Cart › adding items merges equal items\"> "
            "time -90000 is negative (1 day 1 h backwards); expected a duration of at least -24 h "
            "(clock skew)") });
    QCOMPARE(workspaceCount(scratch.workspace, "test_cases"), 0);

    const auto report = importCi(scratch.workspace, { corpus("junit_time_small_negative.xml") });
    QCOMPARE(report.warnings, 1);
    QCOMPARE(test::workspaceRows(
                 scratch.workspace,
                 "SELECT duration_ms FROM test_cases WHERE name = 'Cart › adding items merges equal items'"),
             QStringList { S("NULL") });
    QCOMPARE(
        test::workspaceRows(scratch.workspace, "SELECT kind, line, detail FROM import_warnings"),
        QStringList { S("inconsistent|6|time -0.5 is negative (0.5 s backwards); no duration recorded") });
}

void TstCiJunit::invalidUtf8Anywhere_data()
{
    QTest::addColumn<QByteArray>("tail"); // bytes after 3000 good test case lines (lines 3–3002)
    QTest::addColumn<QString>("expected");

    // Line 3003 is `  <testcase name="…` with the bad byte as its 22nd character.
    QTest::addRow("bad byte past several read blocks")
        << QByteArray("  <testcase name=\"bad\xC3(\" classname=\"tests.test_bulk\"/>\n</testsuite>\n")
        << S("bulk.xml:3003:22: invalid UTF-8 (byte 0xc3)");
    // An overlong encoding of '/' and a UTF-16 surrogate encoded in UTF-8 are both invalid.
    QTest::addRow("overlong form") << QByteArray("  <testcase name=\"\xC0\xAF\"/>\n</testsuite>\n")
                                   << S("bulk.xml:3003:19: invalid UTF-8 (byte 0xc0)");
    QTest::addRow("encoded surrogate") << QByteArray("  <testcase name=\"x\xED\xA0\x80\"/>\n</testsuite>\n")
                                       << S("bulk.xml:3003:20: invalid UTF-8 (byte 0xed)");
    // After the root element the reader is done; the splitter still saw the byte.
    QTest::addRow("bad byte after the root element")
        << QByteArray("</testsuite>\n<!-- caf\xE9 -->\n") << S("bulk.xml:3004:9: invalid UTF-8 (byte 0xe9)");
    QTest::addRow("sequence cut by the end of the file")
        << QByteArray("</testsuite>\n<!-- x -->\xE2\x82") << S("bulk.xml:3004:11: invalid UTF-8 (byte 0xe2)");
}

void TstCiJunit::invalidUtf8Anywhere()
{
    QFETCH(QByteArray, tail);
    QFETCH(QString, expected);

    ScratchWorkspace scratch;
    QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"bulk\">\n";
    for (int i = 0; i < 3000; ++i)
        xml += "  <testcase classname=\"tests.test_bulk\" name=\"test_\xC3\xA9" + QByteArray::number(i)
            + "\" time=\"0.001\"/>\n";
    const QString path = scratch.write(QStringLiteral("bulk.xml"), xml + tail);
    test::verifyImportFails(scratch.workspace, { path }, {}, { expected });
}

void TstCiJunit::splitterKeepsTheDocument_data()
{
    QTest::addColumn<QByteArray>("document");

    const QByteArray text
        = QByteArray("alpha &amp; beta &#x263A; &lt;tag&gt; caf\xC3\xA9 \xF0\x9F\x98\x80 ] ]] >\n")
              .repeated(40);
    QTest::addRow("character references and multi-byte characters") << QByteArray(
        "<?xml version=\"1.0\"?>\n<a><b>" + text + "</b><c x=\"1\">" + text.left(50) + "</c></a>\n");
    QTest::addRow("CRLF line ends") << QByteArray(
        "<a>\r\n<b>" + QByteArray("line one\r\nline two\r\n").repeated(50) + "</b>\r\n<c/>\r\n</a>");
    QTest::addRow("CDATA with brackets")
        << QByteArray("<a><b><![CDATA[" + QByteArray("x]] ]]]y] ]\n<not a tag> &notref;\n").repeated(40)
                      + "]]></b><c/></a>");
    QTest::addRow("a long line without line ends")
        << QByteArray("<a><b>" + QByteArray("0123456789\xC3\xA9&amp;").repeated(60) + "</b><![CDATA["
                      + QByteArray("ab]c\xE2\x82\xAC").repeated(60) + "]]></a>");
    QTest::addRow("prolog, comments and processing instructions") << QByteArray(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE a [ <!ELEMENT a ANY> ]>\n<!-- "
        + QByteArray("long > comment ").repeated(40) + " -->\n<?pi " + QByteArray("data > ").repeated(40)
        + "?>\n<a><!-- c --><b>" + QByteArray("t\n").repeated(200) + "</b><?pi x?></a>\n");
    QTest::addRow("attribute values with > and quotes") << QByteArray(
        "<a><b m='say \"a > b\"' n=\"it's > 1\">" + QByteArray("text > more\n").repeated(40) + "</b></a>");
}

// With tiny run limits every long run is split many times; the reader must still see the same
// elements, attributes, text and line numbers.
void TstCiJunit::splitterKeepsTheDocument()
{
    QFETCH(QByteArray, document);

    QBuffer plain(&document);
    plain.open(QIODevice::ReadOnly);
    const QStringList expected = readerView(plain);
    QVERIFY(!expected.isEmpty());
    QVERIFY2(!expected.last().startsWith(QStringLiteral("error")), qPrintable(expected.last()));

    for (const auto& [soft, hard] : { std::pair { 1, 1 }, std::pair { 7, 13 }, std::pair { 64, 200 } }) {
        QBuffer source(&document);
        source.open(QIODevice::ReadOnly);
        ci::XmlTextSplitter splitter(source, true, soft, hard);
        QCOMPARE(readerView(splitter), expected);
        QVERIFY(!splitter.encodingError());
        QCOMPARE(splitter.sourcePos(), qint64(document.size()));
    }
}

// A Surefire report whose test prints 64 MB: QXmlStreamReader alone would hold the text node (128 MB
// as UTF-16); through the splitter the import's peak memory grows by far less.
void TstCiJunit::largeTextNodesInBoundedMemory()
{
    ScratchWorkspace scratch;
    const QString path = scratch.dir.filePath(QStringLiteral("TEST-com.example.LoggingTest.xml"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"com.example.LoggingTest\" "
                   "time=\"12.5\" tests=\"2\" "
                   "errors=\"0\" skipped=\"0\" failures=\"1\">\n  <testcase name=\"logsALot\" "
                   "classname=\"com.example.LoggingTest\" "
                   "time=\"12.4\">\n    <failure message=\"too much output\" "
                   "type=\"java.lang.AssertionError\"/>\n    <system-out><![CDATA[");
        const QByteArray line = QByteArray("2024-03-10 12:00:00.000 DEBUG c.e.Logging - payload=")
                                    .append(QByteArray(60, 'x'))
                                    .append('\n');
        for (int i = 0; i < 64 * 1024 * 1024 / line.size(); ++i)
            file.write(line);
        file.write("]]></system-out>\n  </testcase>\n  <testcase name=\"quiet\" "
                   "classname=\"com.example.LoggingTest\" time=\"0.1\">\n"
                   "    <system-err>");
        for (int i = 0; i < 16 * 1024 * 1024 / line.size(); ++i)
            file.write(line);
        file.write("</system-err>\n  </testcase>\n</testsuite>\n");
    }
    resetPeakRss();
    const qint64 before = peakRssKb();
    importCi(scratch.workspace, { path });
    const qint64 growth = peakRssKb() - before;
    qInfo("peak RSS grew by %lld KB for a %lld MB report", growth, QFileInfo(path).size() >> 20);
#ifndef __SANITIZE_ADDRESS__ // ASan's quarantine keeps freed blocks resident
    QVERIFY2(growth < 48 * 1024, qPrintable(QString::number(growth)));
#endif
    QCOMPARE(workspaceRows(scratch.workspace,
                           "SELECT name, outcome, duration_ms, message FROM test_cases ORDER BY id"),
             L({ "logsALot|failed|12400|too much output", "quiet|passed|100|NULL" }));
}

void TstCiJunit::progressAndCancel()
{
    ScratchWorkspace scratch;
    QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"pytest\" "
                     "timestamp=\"2024-03-10T12:00:00\">\n";
    for (int i = 0; i < 5000; ++i)
        xml += "  <testcase classname=\"tests.test_bulk\" name=\"test_" + QByteArray::number(i)
            + "\" time=\"0.001\"/>\n";
    xml += "</testsuite>\n</testsuites>\n";
    const QString path = scratch.write(QStringLiteral("bulk.xml"), xml);

    QList<std::int64_t> seen;
    test::CiImportArgs options;
    options.progress = [&seen](std::int64_t done, std::int64_t) {
        seen << done;
        return true;
    };
    importCi(scratch.workspace, { path }, options);
    QCOMPARE(workspaceCount(scratch.workspace, "test_cases"), 5000);
    QVERIFY2(seen.size() >= 4, qPrintable(QString::number(seen.size())));
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QCOMPARE(seen.last(), std::int64_t(xml.size()));

    // Cancelling part-way leaves the workspace as it was.
    ScratchWorkspace other;
    const QByteArray before = fileSha256(other.workspace);
    int calls = 0;
    options.progress = [&calls](std::int64_t, std::int64_t) { return ++calls < 3; };
    QVERIFY_THROWS_EXCEPTION(ImportCancelled, importCi(other.workspace, { path }, options));
    QCOMPARE(fileSha256(other.workspace), before);
    QCOMPARE(workspaceCount(other.workspace, "test_cases"), 0);
}

// Counted in the files with grep: go 11 <testcase>, 4 with <failure>, 1 with <skipped>; pytest 5,
// 1 <failure>, 1 <skipped>; Surefire 1 <testcase> with 2 <flakyFailure>.
void TstCiJunit::realSamples()
{
    const QString samples = sharedSamplesDir();
    if (samples.isEmpty())
        QSKIP("../shared/samples is not there");
    const QString dir = samples + QStringLiteral("/junit-xml");
    ScratchWorkspace scratch;
    const auto report = importCi(scratch.workspace, { dir });
    QCOMPARE(report.files.size(), size_t(3));
    QCOMPARE(report.warnings, 0);
    QCOMPARE(workspaceRows(
                 scratch.workspace,
                 "SELECT suite, outcome, count(*) FROM test_cases GROUP BY suite, outcome ORDER BY suite, "
                 "outcome"),
             L({
                 "io.olamy.FlakyTest|flaky|1",
                 "package/subtests|failed|4",
                 "package/subtests|passed|6",
                 "package/subtests|skipped|1",
                 "pytest|failed|1",
                 "pytest|passed|3",
                 "pytest|skipped|1",
             }));
    QCOMPARE(
        workspaceRows(scratch.workspace,
                      "SELECT name, duration_ms, started_at, message, flaky FROM test_cases WHERE suite = "
                      "'io.olamy.FlakyTest'"),
        L({ "testApp|1|NULL|obvious fail (passed on run 3 after 2 failed runs)|1" }));
    // 2020-09-04T16:18:04.966371: 2020-01-01 = 50×365 + 12 = 18262 days; + 244 (Jan–Aug, leap) + 3 =
    // 18509 days = 1599177600 s; + 58684 s → 1599236284 s; .966371 → 966 ms.
    QCOMPARE(
        workspaceRows(scratch.workspace,
                      "SELECT name, file, duration_ms, started_at, outcome FROM test_cases WHERE suite = "
                      "'pytest' ORDER BY id"),
        L({
            "test_check_shape_compatibility|test/test_spark.py|6435|1599236284966|passed",
            "test_get_available_devices|test/test_spark.py|1|1599236284966|skipped",
            "test_get_col_info|test/test_spark.py|6417|1599236284966|passed",
            "test_rsh_events|test/test_spark.py|7541|1599236284966|failed",
            "test_rsh_with_non_zero_exit_code|test/test_spark.py|1514|1599236284966|passed",
        }));
    QCOMPARE(workspaceRows(scratch.workspace,
                           "SELECT message FROM test_cases WHERE name = 'test_get_available_devices'"),
             L({ "get_available_devices only supported in Spark 3.0 and above" }));
    QVERIFY(workspaceRows(scratch.workspace, "SELECT message FROM test_cases WHERE name = 'test_rsh_events'")
                .value(0)
                .startsWith(S("self = <test_spark.SparkTests testMethod=test_rsh_events>")));
    // 2022-01-01T00:00:00Z: 52×365 + 13 = 18993 days = 1640995200 s.
    QCOMPARE(workspaceRows(scratch.workspace,
                           "SELECT DISTINCT started_at FROM test_cases WHERE suite = 'package/subtests'"),
             L({ "1640995200000" }));
    QCOMPARE(
        workspaceRows(scratch.workspace,
                      "SELECT name, message FROM test_cases WHERE suite = 'package/subtests' AND outcome = "
                      "'failed' ORDER BY id"),
        L({
            "TestSubtests|Failed",
            "TestSubtests/Subtest#01|Failed",
            "TestFailingSubtestWithNestedSubtest|Failed",
            "TestFailingSubtestWithNestedSubtest/Subtest|Failed",
        }));
}

QTEST_GUILESS_MAIN(TstCiJunit)
#include "tst_ci_junit.moc"
