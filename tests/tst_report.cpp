#include "cli/report_command.h"
#include "demo/demo_builder.h"
#include "export/report_document.h"
#include "export/report_writer.h"
#include "gui/views/view_data.h"
#include "metrics/lead_time_histogram.h"
#include "metrics/metric_math.h"
#include "models/dora_tiles_model.h"
#include "models/metric_table_model.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace faultline;
using namespace faultline::test;

namespace {

// A poppler-utils tool's standard output; empty with a test failure message when it cannot run.
QString poppler(const QString& tool, const QStringList& args)
{
    QProcess process;
    process.start(tool, args);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning() << tool << args << "failed:" << process.readAllStandardError();
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

QString pdfText(const QString& pdf, int page = 0, bool layout = false)
{
    QStringList args;
    if (layout)
        args << S("-layout");
    if (page > 0)
        args << S("-f") << QString::number(page) << S("-l") << QString::number(page);
    // The PDF keeps the font's ligatures ("ﬁ"); compatibility normalisation reads them as letters.
    return poppler(S("pdftotext"), args << pdf << S("-")).normalized(QString::NormalizationForm_KC);
}

int pdfPages(const QString& pdf)
{
    const auto match = QRegularExpression(S("Pages:\\s+(\\d+)")).match(poppler(S("pdfinfo"), { pdf }));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

// `pdfimages -list` prints two header lines, then one line per embedded image.
int rasterImages(const QString& pdf)
{
    const QStringList lines
        = poppler(S("pdfimages"), { S("-list"), pdf }).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return int(lines.size()) - 2;
}

QString day(const QString& iso)
{
    return iso.left(10);
}

} // namespace

// The PDF retro report: the page layout engine on its own (a long table), then `faultline report` on
// the demo workspace through the binary, read back with poppler's pdftotext / pdfinfo / pdfimages.
class TestReport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_ws;
    QString m_pdf;
    QString m_from;
    QString m_to;
    QJsonObject m_metrics;
    demo::DemoResult m_demo;

private slots:
    void initTestCase();
    void longTableContinuesWithHeader();
    void everyPageHasItsFooter();
    void sectionsAndMetricValues();
    void chartsAreVectors();
    void darkTheme();
    void errors();
    void cancelLeavesNoFile();
};

void TestReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_demo = demo::buildDemo(m_dir.filePath(S("demo")), 7);
    m_ws = m_demo.workspace;
    // The metrics' default period, then both commands for that period given explicitly.
    const ProcessResult window
        = runFaultline({ S("metrics"), S("--workspace"), m_ws, S("--format"), S("json") });
    QCOMPARE(window.exitCode, 0);
    const QJsonObject w = QJsonDocument::fromJson(window.out.toUtf8()).object().value(S("window")).toObject();
    m_from = day(w.value(S("from")).toString());
    // The window ends at midnight after the last day; --to names the last day itself.
    m_to = QDateTime::fromString(w.value(S("to")).toString(), Qt::ISODateWithMs)
               .addMSecs(-1)
               .toString(S("yyyy-MM-dd"));
    const ProcessResult metrics = runFaultline({ S("metrics"), S("--workspace"), m_ws, S("--from"), m_from,
                                                 S("--to"), m_to, S("--format"), S("json") });
    QCOMPARE(metrics.exitCode, 0);
    m_metrics = QJsonDocument::fromJson(metrics.out.toUtf8()).object();
    QCOMPARE(m_metrics.value(S("window")).toObject(), w);

    m_pdf = m_dir.filePath(S("report.pdf"));
    const ProcessResult report = runFaultline(
        { S("report"), S("--workspace"), m_ws, S("--out"), m_pdf, S("--from"), m_from, S("--to"), m_to },
        300000);
    QVERIFY2(report.exitCode == 0, qPrintable(report.err));
    QVERIFY(QFileInfo(m_pdf).size() > 10000);
}

void TestReport::longTableContinuesWithHeader()
{
    exporting::ReportDocument doc(exporting::ReportStyle::light());
    doc.setFooterText(S("footer line"));
    doc.addHeading(S("Long table"));
    exporting::ReportTable table;
    table.caption = S("Two hundred rows");
    table.headers = QStringList { S("Row id"), S("Description"), S("Count") };
    table.rightAligned = { false, false, true };
    for (int i = 0; i < 200; ++i) {
        // Every tenth row has a cell far wider than its column: it must wrap, not be cut.
        const QString description
            = i % 10 == 0 ? S("long-").repeated(40) + S("end%1").arg(i) : S("short %1").arg(i);
        table.rows << QStringList { S("row-%1").arg(i, 3, 10, QLatin1Char('0')), description,
                                    QString::number(i * 7) };
    }
    doc.addTable(table);
    const QString path = m_dir.filePath(S("long_table.pdf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QString error;
    QVERIFY2(doc.write(&file, S("long table"), &error), qPrintable(error));
    file.close();

    const int pages = pdfPages(path);
    QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
    QCOMPARE(doc.pageCount(), pages);
    const QString all = pdfText(path);
    for (int i = 0; i < 200; ++i) {
        const QString id = S("row-%1").arg(i, 3, 10, QLatin1Char('0'));
        QVERIFY2(all.count(id) == 1, qPrintable(id));
        if (i % 10 == 0)
            QVERIFY2(all.contains(S("end%1").arg(i)), qPrintable(id)); // the end of a wrapped cell
    }
    for (int page = 1; page <= pages; ++page) {
        const QString text = pdfText(path, page);
        QVERIFY2(text.contains(S("Row id")) && text.contains(S("Description")),
                 qPrintable(QString::number(page)));
        QVERIFY(text.contains(S("Page %1 of %2").arg(page).arg(pages)));
        if (page > 1)
            QVERIFY(text.contains(S("Two hundred rows (continued)")));
    }
}

void TestReport::everyPageHasItsFooter()
{
    const int pages = pdfPages(m_pdf);
    QVERIFY2(pages >= 8, qPrintable(QString::number(pages)));
    for (int page = 1; page <= pages; ++page) {
        const QString text = pdfText(m_pdf, page);
        QVERIFY2(text.contains(S("Page %1 of %2").arg(page).arg(pages)), qPrintable(QString::number(page)));
        QVERIFY2(text.contains(S("Generated ")), qPrintable(QString::number(page)));
    }
}

void TestReport::sectionsAndMetricValues()
{
    const QString text = pdfText(m_pdf);
    for (const QString& title : exporting::reportSectionTitles())
        QVERIFY2(text.contains(title), qPrintable(title));
    for (const QString& view :
         { S("Overview"), S("Pipeline"), S("Lead time"), S("Rework"), S("Incidents"), S("Changes") })
        QVERIFY2(text.contains(view), qPrintable(view));
    QVERIFY(text.contains(S("Period: %1 – %2").arg(m_from, m_to)));

    // The cover's data sources: each kind with the rows the demo imported.
    const QString cover = pdfText(m_pdf, 1, true);
    const std::pair<const char*, int> sources[] = { { "Commits", m_demo.commits },
                                                    { "Pull requests", m_demo.pulls },
                                                    { "CI runs", m_demo.runs },
                                                    { "Deployments", m_demo.deployments },
                                                    { "Incidents", m_demo.incidents } };
    for (const auto& [kind, rows] : sources) {
        QVERIFY2(rows > 0, kind);
        const QRegularExpression line(
            S("%1\\s+%2\\s+\\d{4}-\\d\\d-\\d\\d\\s+\\d{4}-\\d\\d-\\d\\d")
                .arg(S(kind), QRegularExpression::escape(QLocale().toString(rows))));
        QVERIFY2(line.match(cover).hasMatch(), qPrintable(line.pattern()));
    }

    using M = models::DoraTilesModel;
    const auto value
        = [](const QJsonValue& v) { return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble()); };
    const QJsonObject segments = m_metrics.value(S("segments")).toObject();
    int checked = 0;
    for (const QString& key : { S("all"), S("ai"), S("not_ai") }) {
        const QJsonObject s = segments.value(key).toObject();
        const QJsonObject cfr = s.value(S("change_failure_rate")).toObject();
        const QJsonObject rework = s.value(S("rework_rate")).toObject();
        const QStringList expected {
            M::formatValue(M::DeploymentFrequency, value(s.value(S("deployment_frequency_per_day")))),
            M::formatValue(M::LeadTime, value(s.value(S("lead_time_hours")).toObject().value(S("median")))),
            M::formatValue(M::ChangeFailureRate, value(cfr.value(S("value")))),
            M::formatValue(M::RecoveryTime,
                           value(s.value(S("recovery_time_hours")).toObject().value(S("median")))),
            M::formatValue(M::ReworkRate, value(rework.value(S("value")))),
            S("n = %1").arg(s.value(S("lead_time_hours")).toObject().value(S("n")).toInteger()),
            S("n = %1").arg(cfr.value(S("n")).toInteger()),
            S("n = %1").arg(s.value(S("recovery_time_hours")).toObject().value(S("n")).toInteger()),
            S("95 % CI %1 – %2")
                .arg(
                    models::MetricTableModel::formatPercent(cfr.value(S("ci95")).toArray().at(0).toDouble()),
                    models::MetricTableModel::formatPercent(cfr.value(S("ci95")).toArray().at(1).toDouble())),
        };
        for (const QString& shown : expected) {
            QVERIFY2(shown != S("—"), qPrintable(key)); // the demo has a value for every metric
            QVERIFY2(text.contains(shown), qPrintable(key + S(": ") + shown));
            ++checked;
        }
    }
    QCOMPARE(checked, 27);
}

void TestReport::chartsAreVectors()
{
    QCOMPARE(rasterImages(m_pdf), 0);
    // The charts' own text (axis titles, legends) is in the PDF as text, not pixels.
    const QString text = pdfText(m_pdf);
    QVERIFY(text.contains(S("AI-assisted")));
    QVERIFY(text.contains(S("Deployments per week")) || text.contains(S("deployments")));
}

void TestReport::darkTheme()
{
    const QString dark = m_dir.filePath(S("dark.pdf"));
    const ProcessResult r = runFaultline(
        { S("report"), S("--workspace"), m_ws, S("--out"), dark, S("--theme"), S("dark") }, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(pdfPages(dark), pdfPages(m_pdf));
    QCOMPARE(rasterImages(dark), 0);
    // A dark page: the first page rendered small is mostly dark.
    const QString prefix = m_dir.filePath(S("dark-page"));
    QProcess render;
    render.start(S("pdftoppm"),
                 { S("-png"), S("-r"), S("20"), S("-f"), S("1"), S("-l"), S("1"), dark, prefix });
    QVERIFY(render.waitForFinished(60000));
    const QStringList pngs = QDir(m_dir.path()).entryList({ S("dark-page*.png") });
    QCOMPARE(pngs.size(), 1);
    const QImage page(m_dir.filePath(pngs.front()));
    QVERIFY(!page.isNull());
    QVERIFY(qGray(page.pixel(5, 5)) < 80);
    QVERIFY(qGray(page.pixel(page.width() / 2, page.height() - 5)) < 80);
}

void TestReport::errors()
{
    const ProcessResult badTheme = runFaultline({ S("report"), S("--workspace"), m_ws, S("--out"),
                                                  m_dir.filePath(S("x.pdf")), S("--theme"), S("sepia") });
    QCOMPARE(badTheme.exitCode, 2);
    QVERIFY(badTheme.err.contains(S("--theme")));
    QVERIFY(!QFile::exists(m_dir.filePath(S("x.pdf"))));

    const ProcessResult noOut = runFaultline({ S("report"), S("--workspace"), m_ws });
    QCOMPARE(noOut.exitCode, 2);

    const QString unwritable = m_dir.filePath(S("missing-dir/report.pdf"));
    const ProcessResult cannotWrite
        = runFaultline({ S("report"), S("--workspace"), m_ws, S("--out"), unwritable });
    QCOMPARE(cannotWrite.exitCode, 1);
    QVERIFY2(cannotWrite.err.contains(unwritable), qPrintable(cannotWrite.err));
    QVERIFY(!QFile::exists(unwritable));
    QVERIFY(!QDir(m_dir.filePath(S("missing-dir"))).exists());

    const QString missing = m_dir.filePath(S("nope.faultline"));
    const ProcessResult noWorkspace
        = runFaultline({ S("report"), S("--workspace"), missing, S("--out"), m_dir.filePath(S("y.pdf")) });
    QCOMPARE(noWorkspace.exitCode, 1);
    QVERIFY(noWorkspace.err.contains(missing));
    QVERIFY(!QFile::exists(m_dir.filePath(S("y.pdf"))));

    // In-process too, as the GUI's command table calls it.
    QString outText;
    QString errText;
    QTextStream out(&outText);
    QTextStream err(&errText);
    QCOMPARE(cli::runReport(
                 { S("--workspace"), m_ws, S("--out"), m_dir.filePath(S("z.pdf")), S("--theme"), S("x") },
                 out, err),
             2);
    QCOMPARE(cli::runReport({ S("--workspace"), m_ws, S("--out"), m_dir.filePath(S("z.pdf")),
                              S("--ai-threshold"), S("any") },
                            out, err),
             2);
}

void TestReport::cancelLeavesNoFile()
{
    gui::ViewData data;
    exporting::ReportOptions options;
    {
        const auto ws = store::Workspace::openReadOnly(m_ws);
        data = gui::loadViewData(ws.db(), gui::FilterState {});
        options.facts = exporting::loadReportFacts(ws.db());
    }
    options.workspacePath = m_ws;
    const QString path = m_dir.filePath(S("cancelled.pdf"));
    QString error;
    int calls = 0;
    // Cancelled while painting the pages (after the views): nothing may be left behind.
    QVERIFY(!exporting::writeReport(path, data, options, &error, [&calls](int done, int total) {
        ++calls;
        return done < total * 6 / 10;
    }));
    QCOMPARE(error, S("cancelled"));
    QVERIFY(calls > 1);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(m_dir.path()).entryList({ S("cancelled*") }).size(), 0);

    // The same call without cancelling writes it, with monotonic progress ending at total.
    int last = -1;
    bool monotonic = true;
    QVERIFY2(exporting::writeReport(path, data, options, &error,
                                    [&](int done, int total) {
                                        monotonic = monotonic && done >= last && done <= total;
                                        last = done == total ? -2 : done;
                                        return true;
                                    }),
             qPrintable(error));
    QVERIFY(monotonic);
    QCOMPARE(last, -2);
    QVERIFY(QFileInfo(path).size() > 10000);

    // The lead-time medians carry their order-statistic interval, from the commits behind them.
    const QString text = pdfText(path);
    for (const metrics::Segment segment : metrics::kSegments) {
        const metrics::LeadTime& lead = data.report.dora.segment(segment).leadTime;
        std::vector<double> hours;
        for (const metrics::Contribution& row : lead.rows)
            if (const auto h = metrics::leadTimeHoursOf(row))
                hours.push_back(*h);
        QCOMPARE(std::int64_t(hours.size()), lead.n);
        const auto ci = metrics::medianInterval95(hours);
        QVERIFY(ci);
        using M = models::DoraTilesModel;
        const QString shown
            = S("95 % CI %1 – %2")
                  .arg(M::formatValue(M::LeadTime, ci->first), M::formatValue(M::LeadTime, ci->second));
        QVERIFY2(text.contains(shown), qPrintable(shown));
    }
}

QTEST_MAIN(TestReport)
#include "tst_report.moc"
