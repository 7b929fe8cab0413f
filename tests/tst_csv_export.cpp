#include "ci_test_support.h"
#include "common/csv_reader.h"
#include "export/csv_writer.h"
#include "export/table_csv.h"
#include "models/pipeline_models.h"
#include "test_support.h"

#include <QBuffer>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

#include <cmath>
#include <functional>
#include <limits>

using namespace faultline;
using exporting::CsvWriter;
using test::S;

namespace {

// The bytes a writer produces for one row made by `fill`.
QByteArray rowBytes(const std::function<void(CsvWriter&)>& fill)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(buffer);
    fill(writer);
    writer.endRow();
    writer.finish();
    return buffer.data();
}

// Every row of a CSV file as libcsv (our importers' reader) parses it, header first.
QList<QStringList> parse(const QString& path)
{
    importers::CsvReader reader(path);
    QList<QStringList> rows { reader.header() };
    while (auto row = reader.next())
        rows << *row;
    return rows;
}

QList<QStringList> parseBytes(const QTemporaryDir& dir, const QByteArray& bytes)
{
    return parse(test::writeFile(dir, S("table.csv"), bytes));
}

// The texts people type that a CSV must carry unchanged, and those a spreadsheet would evaluate.
const QStringList kTrickyTexts {
    S("Smith, Jane"),
    S("say \"hi\""),
    S("two\nlines"),
    S("crlf\r\ninside"),
    S("=HYPERLINK(\"http://evil.example\",\"click\")"),
    S("+1 555 0100"),
    S("-2+3"),
    S("@SUM(A1:A3)"),
    S("\tindented"),
    S("\rreturn"),
    S(" padded "),
    S("naïve — ünïcödé ✓"),
    S("plain"),
};

} // namespace

using FillRow = std::function<void(CsvWriter&)>;
Q_DECLARE_METATYPE(FillRow)

// CsvWriter (RFC 4180, typed cells, OWASP CSV-injection guard, write errors) and writeTableCsv (what a
// table shows), each read back through libcsv.
class TestCsvExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void cells_data();
    void cells();
    void rowsUseCrlfAndHeaderFirst();
    void timestampsMatchQDateTime();
    void roundTripThroughLibcsv();
    void injectionNeverStartsWithRawPrefix();
    void writeErrorsSurface();
    void tableFollowsSortAndVisibleColumns();
    void tableUsesHeaderViewOrder();
    void tableRawValuesAndUnits();
    void metricTableModelRawValuesNamedWithUnit();
    void snakeCaseNames_data();
    void snakeCaseNames();
};

void TestCsvExport::cells_data()
{
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<FillRow>("fill");
    using F = FillRow;
    QTest::addRow("integer") << QByteArray("42") << F([](CsvWriter& w) { w.integer(42); });
    QTest::addRow("negative integer stays a number")
        << QByteArray("-3") << F([](CsvWriter& w) { w.integer(-3); });
    QTest::addRow("negative double stays a number")
        << QByteArray("-2.5") << F([](CsvWriter& w) { w.number(-2.5); });
    QTest::addRow("int64 max") << QByteArray("9223372036854775807") << F([](CsvWriter& w) {
        w.integer(std::numeric_limits<std::int64_t>::max());
    });
    QTest::addRow("double rounded to 6 decimals")
        << QByteArray("0.123457") << F([](CsvWriter& w) { w.number(0.1234567); });
    QTest::addRow("tiny double is 0, not 1e-07")
        << QByteArray("0") << F([](CsvWriter& w) { w.number(1e-7); });
    QTest::addRow("negative tiny double is 0, not -0")
        << QByteArray("0") << F([](CsvWriter& w) { w.number(-1e-9); });
    QTest::addRow("huge double without exponent")
        << QByteArray("100000000000000000000") << F([](CsvWriter& w) { w.number(1e20); });
    QTest::addRow("whole double without decimals")
        << QByteArray("3") << F([](CsvWriter& w) { w.number(3.0); });
    QTest::addRow("NaN is empty") << QByteArray("") << F([](CsvWriter& w) { w.number(std::nan("")); });
    QTest::addRow("infinity is empty")
        << QByteArray("") << F([](CsvWriter& w) { w.number(std::numeric_limits<double>::infinity()); });
    QTest::addRow("null optional is empty")
        << QByteArray("") << F([](CsvWriter& w) { w.number(std::optional<double>()); });
    QTest::addRow("timestamp ISO UTC")
        << QByteArray("2026-05-04T09:12:33Z") << F([](CsvWriter& w) { w.timestamp(1777885953000LL); });
    QTest::addRow("timestamp with ms")
        << QByteArray("2026-05-04T09:12:33.120Z") << F([](CsvWriter& w) { w.timestamp(1777885953120LL); });
    QTest::addRow("timestamp before 1970")
        << QByteArray("1969-12-31T23:59:59Z") << F([](CsvWriter& w) { w.timestamp(-1000); });
    QTest::addRow("duration in seconds")
        << QByteArray("90.5") << F([](CsvWriter& w) { w.durationMs(90500); });
    QTest::addRow("negative duration stays a number")
        << QByteArray("-60") << F([](CsvWriter& w) { w.durationMs(-60000); });
    QTest::addRow("plain text") << QByteArray("checkout") << F([](CsvWriter& w) { w.text(S("checkout")); });
    QTest::addRow("empty text") << QByteArray("") << F([](CsvWriter& w) { w.text(QString()); });
    QTest::addRow("comma") << QByteArray("\"Smith, Jane\"")
                           << F([](CsvWriter& w) { w.text(S("Smith, Jane")); });
    QTest::addRow("quotes doubled") << QByteArray("\"say \"\"hi\"\"\"")
                                    << F([](CsvWriter& w) { w.text(S("say \"hi\"")); });
    QTest::addRow("newline") << QByteArray("\"a\nb\"") << F([](CsvWriter& w) { w.text(S("a\nb")); });
    QTest::addRow("carriage return inside")
        << QByteArray("\"a\rb\"") << F([](CsvWriter& w) { w.text(S("a\rb")); });
    QTest::addRow("leading space quoted") << QByteArray("\" a\"") << F([](CsvWriter& w) { w.text(S(" a")); });
    QTest::addRow("utf-8") << QByteArray("na\xc3\xafve") << F([](CsvWriter& w) { w.text(S("naïve")); });
    QTest::addRow("formula =") << QByteArray("\"'=1+1\"") << F([](CsvWriter& w) { w.text(S("=1+1")); });
    QTest::addRow("formula +") << QByteArray("\"'+1\"") << F([](CsvWriter& w) { w.text(S("+1")); });
    QTest::addRow("formula - as text") << QByteArray("\"'-3\"") << F([](CsvWriter& w) { w.text(S("-3")); });
    QTest::addRow("formula @") << QByteArray("\"'@SUM(A1)\"")
                               << F([](CsvWriter& w) { w.text(S("@SUM(A1)")); });
    QTest::addRow("formula tab") << QByteArray("\"'\tx\"") << F([](CsvWriter& w) { w.text(S("\tx")); });
    QTest::addRow("formula CR") << QByteArray("\"'\rx\"") << F([](CsvWriter& w) { w.text(S("\rx")); });
    QTest::addRow("formula with quotes") << QByteArray("\"'=HYPERLINK(\"\"x\"\")\"")
                                         << F([](CsvWriter& w) { w.text(S("=HYPERLINK(\"x\")")); });
    QTest::addRow("prefix later in the text is harmless")
        << QByteArray("a=b") << F([](CsvWriter& w) { w.text(S("a=b")); });
    QTest::addRow("several cells") << QByteArray("1,,x,\"'=y\"")
                                   << F([](CsvWriter& w) { w.integer(1).null().text(S("x")).text(S("=y")); });
}

void TestCsvExport::cells()
{
    QFETCH(QByteArray, expected);
    QFETCH(FillRow, fill);
    QCOMPARE(rowBytes(fill), expected + "\r\n");
}

void TestCsvExport::rowsUseCrlfAndHeaderFirst()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(buffer);
    writer.writeHeader({ S("sha"), S("added_lines") });
    writer.text(S("abc")).integer(3);
    writer.endRow();
    writer.text(S("def")).integer(-1);
    writer.finish(); // ends the open row
    QCOMPARE(buffer.data(), QByteArray("sha,added_lines\r\nabc,3\r\ndef,-1\r\n"));
    QCOMPARE(writer.rowsWritten(), 3);
    QVERIFY(!buffer.data().startsWith("\xef\xbb\xbf")); // no BOM
}

void TestCsvExport::timestampsMatchQDateTime()
{
    // The writer formats dates by hand: check it against Qt over 1600..2400, leap days included.
    QList<qint64> times { 0, -1, 1, 951782400000LL, 951868799999LL, 4107542399000LL, -11644473600000LL };
    quint64 state = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 20000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        times << qint64(state % 25250000000000ULL) - 11650000000000LL;
    }
    for (const qint64 ms : std::as_const(times)) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
        const QString expected
            = t.toString(ms % 1000 ? S("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'") : S("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        QCOMPARE(CsvWriter::timestampText(ms), expected);
    }
}

void TestCsvExport::roundTripThroughLibcsv()
{
    // Many rows, so the writer's blocks split the file: every value must survive every split.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(buffer);
    writer.writeHeader({ S("i"), S("text"), S("n"), S("at") });
    constexpr int kRows = 3000;
    for (int i = 0; i < kRows; ++i) {
        writer.integer(i)
            .text(kTrickyTexts.at(i % kTrickyTexts.size()))
            .number(-0.5 * i)
            .timestamp(i * 1000LL);
        writer.endRow();
    }
    writer.finish();
    QVERIFY(buffer.data().size() > 64 * 1024);
    const QList<QStringList> rows = parseBytes(m_dir, buffer.data());
    QCOMPARE(rows.size(), kRows + 1);
    QCOMPARE(rows.front(), test::texts({ "i", "text", "n", "at" }));
    for (int i = 0; i < kRows; ++i) {
        const QStringList& row = rows.at(i + 1);
        QCOMPARE(row.size(), 4);
        QCOMPARE(row.at(0), QString::number(i));
        const QString original = kTrickyTexts.at(i % kTrickyTexts.size());
        const QString expected
            = CsvWriter::isInjectionRisk(original) ? QLatin1Char('\'') + original : original;
        QCOMPARE(row.at(1), expected);
        QCOMPARE(row.at(2).toDouble(), -0.5 * i);
        QCOMPARE(QDateTime::fromString(row.at(3), Qt::ISODate).toMSecsSinceEpoch(), i * 1000LL);
        QVERIFY(row.at(3).endsWith(QLatin1Char('Z')));
    }
}

void TestCsvExport::injectionNeverStartsWithRawPrefix()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(buffer);
    writer.writeHeader({ S("value") });
    const QStringList prefixes { S("="), S("+"), S("-"), S("@"), S("\t"), S("\r") };
    for (const QString& prefix : prefixes) {
        writer.text(prefix + S("cmd|' /C calc'!A0"));
        writer.endRow();
    }
    writer.finish();
    const QList<QStringList> rows = parseBytes(m_dir, buffer.data());
    QCOMPARE(rows.size(), prefixes.size() + 1);
    for (int i = 0; i < prefixes.size(); ++i) {
        const QString cell = rows.at(i + 1).at(0);
        QCOMPARE(cell, S("'") + prefixes.at(i) + S("cmd|' /C calc'!A0"));
        for (const QString& prefix : prefixes)
            QVERIFY2(!cell.startsWith(prefix), qPrintable(cell));
    }
}

void TestCsvExport::writeErrorsSurface()
{
    // A full disk: /dev/full fails every write with ENOSPC; QFile buffers, so it shows at finish().
    QFile full(S("/dev/full"));
    if (!full.open(QIODevice::WriteOnly))
        QSKIP("no /dev/full");
    CsvWriter writer(full);
    writer.writeHeader({ S("a") });
    bool thrown = false;
    try {
        writer.finish();
    } catch (const exporting::CsvWriteError& e) {
        thrown = true;
        QVERIFY(!QString::fromUtf8(e.what()).isEmpty());
    }
    QVERIFY(thrown);

    // A closed device (stdout closed under us) fails on the first block written.
    QBuffer closed;
    CsvWriter second(closed);
    second.text(S("x"));
    QVERIFY_THROWS_EXCEPTION(exporting::CsvWriteError, second.finish());
}

void TestCsvExport::tableFollowsSortAndVisibleColumns()
{
    QStandardItemModel model(0, 4);
    model.setHorizontalHeaderLabels({ S("Name"), S("p90 duration"), S("Internal id"), S("Note") });
    const QList<std::tuple<QString, double, int, QString>> rows {
        { S("Smith, Jane"), 12.5, 7, S("=cmd()") },
        { S("beta"), -3, 8, S("—") },
        { S("alpha"), 100, 9, S("two\nlines") },
    };
    for (const auto& [name, p90, id, note] : rows) {
        QList<QStandardItem*> items { new QStandardItem(name), new QStandardItem, new QStandardItem,
                                      new QStandardItem(note) };
        items[1]->setData(p90, Qt::DisplayRole);
        items[2]->setData(id, Qt::DisplayRole);
        model.appendRow(items);
    }
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(1, Qt::DescendingOrder); // what the view shows: 100, 12.5, -3

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    exporting::TableCsvOptions options;
    options.hiddenColumns = { 2 };
    QCOMPARE(exporting::writeTableCsv(proxy, buffer, options), 3);
    const QList<QStringList> parsed = parseBytes(m_dir, buffer.data());
    QCOMPARE(parsed.size(), 4);
    QCOMPARE(parsed.at(0), test::texts({ "name", "p90_duration", "note" }));
    QCOMPARE(parsed.at(1), test::texts({ "alpha", "100", "two\nlines" }));
    QCOMPARE(parsed.at(2), test::texts({ "Smith, Jane", "12.5", "'=cmd()" }));
    QCOMPARE(parsed.at(3), test::texts({ "beta", "-3", "" })); // "—" is no value
    // The number is written as a number, never quoted or prefixed.
    QVERIFY(buffer.data().contains("\r\nbeta,-3,\r\n"));
}

void TestCsvExport::tableUsesHeaderViewOrder()
{
    QStandardItemModel model(2, 3);
    model.setHorizontalHeaderLabels({ S("A"), S("B"), S("C") });
    for (int row = 0; row < 2; ++row) {
        for (int column = 0; column < 3; ++column)
            model.setData(model.index(row, column),
                          QStringLiteral("%1%2").arg(QChar(u'a' + column)).arg(row));
    }
    QTableView view;
    view.setModel(&model);
    QHeaderView* header = view.horizontalHeader();
    header->moveSection(2, 0); // shown: C, A, B
    header->setSectionHidden(1, true); // shown: C, A

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    exporting::TableCsvOptions options;
    options.header = header;
    exporting::writeTableCsv(model, buffer, options);
    QCOMPARE(buffer.data(), QByteArray("c,a\r\nc0,a0\r\nc1,a1\r\n"));
}

void TestCsvExport::tableRawValuesAndUnits()
{
    constexpr int kRaw = Qt::UserRole + 1;
    QStandardItemModel model(1, 4);
    model.setHorizontalHeaderLabels({ S("Median"), S("Last seen"), S("Stage"), S("Median") });
    model.setData(model.index(0, 0), S("4m 12s"));
    model.setData(model.index(0, 0), 252.0, kRaw);
    model.setData(model.index(0, 1), S("May 4"));
    model.setData(model.index(0, 1), qlonglong(1777885953000LL), kRaw);
    model.setData(model.index(0, 2), S("build"));
    model.setData(model.index(0, 3), S("1.5 h"));
    model.setData(model.index(0, 3), 1.5, kRaw);
    model.setHeaderData(3, Qt::Horizontal, S("median_lead_time_h"), exporting::kCsvColumnNameRole);

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    exporting::TableCsvOptions options;
    options.rawValueRole = kRaw;
    options.columns.insert(0, { QString(), exporting::TableCellKind::Seconds });
    options.columns.insert(1, { S("last_seen_at"), exporting::TableCellKind::TimestampMs });
    exporting::writeTableCsv(model, buffer, options);
    QCOMPARE(buffer.data(),
             QByteArray("median_s,last_seen_at,stage,median_lead_time_h\r\n"
                        "252,2026-05-04T09:12:33Z,build,1.5\r\n"));

    // Without the raw role, what the table shows.
    QBuffer shown;
    shown.open(QIODevice::WriteOnly);
    exporting::writeTableCsv(model, shown);
    QCOMPARE(shown.data(),
             QByteArray("median,last_seen,stage,median_lead_time_h\r\n4m 12s,May 4,build,1.5 h\r\n"));
}

void TestCsvExport::metricTableModelRawValuesNamedWithUnit()
{
    metrics::PipelineMetrics pipeline;
    metrics::StageTiming build;
    build.stage = S("build");
    build.p50s = 95.25;
    build.p90s = 300;
    build.runs = 4;
    pipeline.stages.push_back(build);
    models::StageTimingModel model;
    model.setResult(pipeline, metrics::StageWeeks());
    QSortFilterProxyModel proxy; // the model found under its proxy
    proxy.setSourceModel(&model);

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    exporting::TableCsvOptions options;
    for (int column = models::StageTimingModel::Share; column < models::StageTimingModel::ColumnCount;
         ++column)
        options.hiddenColumns << column;
    exporting::writeTableCsv(proxy, buffer, options);
    QCOMPARE(buffer.data(), QByteArray("stage,p50_s,p90_s\r\nbuild,95.25,300\r\n"));
}

void TestCsvExport::snakeCaseNames_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("expected");
    QTest::addRow("spaces") << S("p90 duration") << S("p90_duration");
    QTest::addRow("punctuation") << S("Est. cost") << S("est_cost");
    QTest::addRow("arrow") << S("Job › step") << S("job_step");
    QTest::addRow("dash") << S("Not AI-assisted") << S("not_ai_assisted");
    QTest::addRow("trailing symbols") << S("Share (%)") << S("share");
}

void TestCsvExport::snakeCaseNames()
{
    QFETCH(QString, header);
    QFETCH(QString, expected);
    QCOMPARE(exporting::snakeCase(header), expected);
}

QTEST_MAIN(TestCsvExport)
#include "tst_csv_export.moc"
