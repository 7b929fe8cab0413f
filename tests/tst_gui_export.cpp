// Export from the window: Export ▸ CSV on every table, Export ▸ PNG / SVG on every chart, and
// File ▸ Export report…, on the demo team (every view filled).
#include "common/csv_reader.h"
#include "demo/demo_builder.h"
#include "export/report_writer.h"
#include "gui/export_menus.h"
#include "gui/main_window.h"
#include "gui/report_page.h"
#include "gui/settings.h"
#include "gui/views/view.h"
#include "gui/views/view_factory.h"
#include "models/metric_table_model.h"

#include <QAction>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QKeySequence>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <memory>

using namespace faultline;

namespace {

struct CsvTable
{
    QStringList header;
    std::vector<QStringList> rows;
};

CsvTable readCsv(const QString& path)
{
    CsvTable table;
    importers::CsvReader reader(path);
    table.header = reader.header();
    while (auto row = reader.next())
        table.rows.push_back(*row);
    return table;
}

QAction* menuAction(gui::ExportMenus* menus, QWidget* target, const char* name)
{
    QMenu* menu = menus->menuFor(target, nullptr);
    menu->deleteLater();
    return menu->findChild<QAction*>(QLatin1String(name));
}

bool isIsoTimestamp(const QString& cell)
{
    static const QRegularExpression iso(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z$"));
    return iso.match(cell).hasMatch();
}

// Visible columns of a table, left to right as the header shows them.
QList<int> visibleColumns(const QTableView* table)
{
    QList<int> columns;
    const QHeaderView* header = table->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!table->isColumnHidden(logical))
            columns << logical;
    }
    return columns;
}

} // namespace

class TestGuiExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyTableExportsWhatItShows();
    void sortedTableExportsInItsSortOrder();
    void tablesOutsideTheViewsExport();
    void anonymisedTablesExportAliases();
    void everyChartExportsPngAndValidSvg();
    void fileMenuExportsTheReport();

private:
    gui::ReportPage* page() const { return m_window->reportPage(); }
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    std::unique_ptr<gui::Settings> m_settings;
    std::unique_ptr<gui::MainWindow> m_window;
    QString m_answer; // what the save dialog answers
    QStringList m_asked; // suggested names the dialog was opened with
};

void TestGuiExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // To look at what was exported: FAULTLINE_KEEP_EXPORTS=1 keeps the folder.
    if (qEnvironmentVariableIsSet("FAULTLINE_KEEP_EXPORTS")) {
        m_dir.setAutoRemove(false);
        qInfo("exports kept in %s", qPrintable(m_dir.path()));
    }
    const demo::DemoResult demo = demo::buildDemo(path(QStringLiteral("demo")), 1);
    m_settings = std::make_unique<gui::Settings>(path(QStringLiteral("settings.ini")));
    m_window = std::make_unique<gui::MainWindow>(m_settings.get());
    m_window->resize(1500, 1000);
    m_window->show();
    QSignalSpy ready(page(), &gui::ReportPage::reportReady);
    QVERIFY(m_window->openWorkspace(demo.workspace));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 60000);
    page()->exportMenus()->setPathPrompt([this](const QString& suggested, const QString&) {
        m_asked << suggested;
        return m_answer;
    });
}

void TestGuiExport::cleanupTestCase()
{
    m_window.reset();
    m_settings.reset();
}

void TestGuiExport::everyTableExportsWhatItShows()
{
    int tables = 0;
    qint64 rows = 0;
    for (int index = 0; index < int(page()->views().size()); ++index) {
        page()->showView(index);
        gui::View* view = page()->currentView();
        for (QTableView* table : view->findChildren<QTableView*>()) {
            const QString what = view->key() + QLatin1Char('/') + table->objectName();
            QVERIFY2(table->contextMenuPolicy() == Qt::CustomContextMenu, qPrintable(what));
            const QAbstractItemModel* model = table->model();
            if (!model)
                continue;
            ++tables;
            m_answer = path(QStringLiteral("table-%1.csv").arg(tables));
            QAction* csv = menuAction(page()->exportMenus(), table, "exportCsvAction");
            QVERIFY2(csv, qPrintable(what));
            QSignalSpy exported(page(), &gui::ReportPage::exported);
            csv->trigger();
            QCOMPARE(exported.count(), 1);
            QVERIFY(m_asked.last().startsWith(view->key()) && m_asked.last().endsWith(QLatin1String(".csv")));

            // Read back through libcsv: the visible columns and every row the table shows, in order.
            const CsvTable csvTable = readCsv(m_answer);
            const QList<int> columns = visibleColumns(table);
            QCOMPARE(csvTable.header.size(), columns.size());
            for (const QString& name : csvTable.header)
                QVERIFY2(QRegularExpression(QStringLiteral("^[a-z0-9_]+$")).match(name).hasMatch(),
                         qPrintable(what + QStringLiteral(": ") + name));
            QCOMPARE(qsizetype(csvTable.rows.size()), qsizetype(model->rowCount()));
            rows += model->rowCount();
            for (int row = 0; row < model->rowCount(); ++row) {
                QCOMPARE(csvTable.rows[size_t(row)].size(), columns.size());
                for (int i = 0; i < columns.size(); ++i) {
                    const QModelIndex cell = model->index(row, columns[i]);
                    const QString shown = cell.data(Qt::DisplayRole).toString();
                    const QString written = csvTable.rows[size_t(row)][i];
                    const QVariant raw = cell.data(models::MetricTableModel::RawValueRole);
                    bool isNumber = false;
                    written.toDouble(&isNumber);
                    if (isNumber || written.isEmpty() || isIsoTimestamp(written))
                        continue; // a number or time (raw value, in the column's unit) or no value
                    // Text is what the table shows; an injection prefix is neutralised with a quote.
                    const QString expected
                        = QRegularExpression(QStringLiteral("^[=+\\-@\\t\\r]")).match(shown).hasMatch()
                        ? QLatin1Char('\'') + shown
                        : shown;
                    QVERIFY2(written == expected,
                             qPrintable(QStringLiteral("%1 row %2 column %3: '%4' vs '%5'")
                                            .arg(what)
                                            .arg(row)
                                            .arg(columns[i])
                                            .arg(written, shown)));
                }
            }
        }
    }
    QVERIFY(tables >= 10);
    QVERIFY(rows >= 50);
}

void TestGuiExport::sortedTableExportsInItsSortOrder()
{
    page()->showView(gui::availableViewKeys().indexOf(QStringLiteral("rework")));
    auto* table = page()->currentView()->findChild<QTableView*>(QStringLiteral("hotspotTable"));
    QVERIFY(table);
    auto* filter = page()->currentView()->findChild<QLineEdit*>(QStringLiteral("hotspotFilter"));
    QVERIFY(filter);
    const int all = table->model()->rowCount();
    filter->setText(QStringLiteral("services/"));
    table->sortByColumn(0, Qt::AscendingOrder);
    const int shown = table->model()->rowCount();
    QVERIFY(shown > 1 && shown <= all);

    QStringList expected;
    for (int row = 0; row < shown; ++row)
        expected << table->model()->index(row, 0).data().toString();
    m_answer = path(QStringLiteral("hotspots-sorted.csv"));
    QString error;
    QVERIFY2(page()->exportMenus()->exportTable(table, m_answer, &error), qPrintable(error));
    const CsvTable csvTable = readCsv(m_answer);
    QStringList written;
    for (const QStringList& row : csvTable.rows)
        written << row.front();
    QCOMPARE(written, expected);
    // Hidden columns (AI / not-AI split, repository) stay out.
    QCOMPARE(csvTable.header.size(), visibleColumns(table).size());
    QVERIFY(csvTable.header.size() < table->model()->columnCount());

    table->sortByColumn(0, Qt::DescendingOrder);
    QVERIFY(page()->exportMenus()->exportTable(table, m_answer, &error));
    QStringList descending;
    for (const QStringList& row : readCsv(m_answer).rows)
        descending << row.front();
    std::reverse(descending.begin(), descending.end());
    QCOMPARE(descending, expected);
    filter->clear();
}

void TestGuiExport::tablesOutsideTheViewsExport()
{
    // The Workspace page's import history (the demo's imports) and the import log dock.
    auto* history = m_window->findChild<QTableView*>(QStringLiteral("importHistoryTable"));
    QVERIFY(history);
    QVERIFY(history->model()->rowCount() > 0);
    m_answer = path(QStringLiteral("imports.csv"));
    QAction* csv = menuAction(page()->exportMenus(), history, "exportCsvAction");
    QVERIFY(csv);
    csv->trigger();
    QCOMPARE(m_asked.last(), QStringLiteral("imports-import-history.csv"));
    const CsvTable table = readCsv(m_answer);
    QCOMPARE(qsizetype(table.rows.size()), qsizetype(history->model()->rowCount()));
    QCOMPARE(table.header.size(), visibleColumns(history).size());

    auto* log = m_window->findChild<QTableView*>(QStringLiteral("importLogTable"));
    QVERIFY(log);
    QVERIFY(menuAction(page()->exportMenus(), log, "exportCsvAction"));
}

void TestGuiExport::anonymisedTablesExportAliases()
{
    page()->showView(gui::availableViewKeys().indexOf(QStringLiteral("changes")));
    auto* table = page()->currentView()->findChild<QTableView*>(QStringLiteral("changesTable"));
    QVERIFY(table);
    const QStringList names = page()->currentData()->changes.authorNames;
    QVERIFY(names.size() >= 3);
    auto* anonymise = m_window->findChild<QAction*>(QStringLiteral("anonymiseAction"));
    QVERIFY(anonymise);

    const auto exportAuthors = [&] {
        m_answer = path(QStringLiteral("changes.csv"));
        QString error;
        [&] { QVERIFY2(page()->exportMenus()->exportTable(table, m_answer, &error), qPrintable(error)); }();
        const CsvTable csv = readCsv(m_answer);
        const qsizetype column = csv.header.indexOf(QStringLiteral("author"));
        QStringList authors;
        for (const QStringList& row : csv.rows)
            authors << (column >= 0 ? row.at(column) : QString());
        return authors;
    };
    const QStringList named = exportAuthors();
    QVERIFY(!named.isEmpty());
    for (const QString& author : named)
        QVERIFY2(names.contains(author), qPrintable(author));
    anonymise->setChecked(true);
    const QStringList anonymous = exportAuthors();
    anonymise->setChecked(false);
    QCOMPARE(anonymous.size(), named.size());
    static const QRegularExpression alias(QStringLiteral("^Person \\d+$"));
    for (const QString& author : anonymous)
        QVERIFY2(alias.match(author).hasMatch(), qPrintable(author));
}

void TestGuiExport::everyChartExportsPngAndValidSvg()
{
    int charts = 0;
    for (int index = 0; index < int(page()->views().size()); ++index) {
        page()->showView(index);
        gui::View* view = page()->currentView();
        QTRY_VERIFY(view->isVisible());
        const QList<gui::ViewChart> list = view->charts();
        QVERIFY2(!list.isEmpty(), qPrintable(view->key())); // the demo fills every view
        for (const gui::ViewChart& chart : list) {
            ++charts;
            const QString what = view->key() + QLatin1Char('/') + chart.title;
            QVERIFY2(chart.widget && chart.widget->isVisible(), qPrintable(what));

            m_answer = path(QStringLiteral("chart-%1.svg").arg(charts));
            QSignalSpy exported(page(), &gui::ReportPage::exported);
            QAction* svg = menuAction(page()->exportMenus(), chart.widget, "exportSvgAction");
            QVERIFY2(svg, qPrintable(what));
            svg->trigger();
            QCOMPARE(exported.count(), 1);
            QVERIFY(m_asked.last().startsWith(view->key()) && m_asked.last().endsWith(QLatin1String(".svg")));

            // Valid XML, an <svg> root, vectors (paths) and no embedded bitmap; the title is the caption.
            QFile file(m_answer);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QXmlStreamReader xml(&file);
            int paths = 0;
            int images = 0;
            QString root;
            QString title;
            while (!xml.atEnd()) {
                if (xml.readNext() != QXmlStreamReader::StartElement)
                    continue;
                if (root.isEmpty())
                    root = xml.name().toString();
                if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("rect")
                    || xml.name() == QLatin1String("polyline"))
                    ++paths;
                if (xml.name() == QLatin1String("image"))
                    ++images;
                if (xml.name() == QLatin1String("title") && title.isEmpty())
                    title = xml.readElementText();
            }
            QVERIFY2(!xml.hasError(), qPrintable(what + QStringLiteral(": ") + xml.errorString()));
            QCOMPARE(root, QStringLiteral("svg"));
            QVERIFY2(paths > 3, qPrintable(what));
            QCOMPARE(images, 0);
            QCOMPARE(title, chart.title);

            m_answer = path(QStringLiteral("chart-%1.png").arg(charts));
            QAction* png = menuAction(page()->exportMenus(), chart.widget, "exportPngAction");
            QVERIFY2(png, qPrintable(what));
            png->trigger();
            const QImage image(m_answer);
            QVERIFY2(!image.isNull(), qPrintable(what));
            // Twice the widget's size (sharp on a projector), with a title line above the chart.
            QCOMPARE(image.width(), chart.widget->width() * 2);
            QVERIFY(image.height() > chart.widget->height() * 2);
        }
    }
    QVERIFY(charts >= 9);
}

void TestGuiExport::fileMenuExportsTheReport()
{
    auto* action = m_window->findChild<QAction*>(QStringLiteral("exportReportAction"));
    QVERIFY(action);
    QVERIFY(action->isEnabled());
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_P));
    QSignalSpy finished(m_window.get(), &gui::MainWindow::reportExportFinished);

    // Cancel while the workspace is read (off the GUI thread): no file.
    m_answer = path(QStringLiteral("cancelled.pdf"));
    action->trigger();
    auto* reading = m_window->findChild<QProgressDialog*>(QStringLiteral("reportFactsProgress"));
    QVERIFY(reading);
    auto* cancel = reading->findChild<QPushButton*>();
    QVERIFY(cancel);
    cancel->click();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.last().first().toBool(), false);
    QTest::qWait(300); // a result the job still delivers must be dropped
    QVERIFY(!QFile::exists(m_answer));
    QCOMPARE(finished.count(), 1);

    m_answer = path(QStringLiteral("retro.pdf"));
    action->trigger();
    QVERIFY(m_asked.last().startsWith(QLatin1String("demo-report-")));
    // The trigger returns at once; the PDF is written when the counts arrive.
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
    QCOMPARE(finished.last().first().toBool(), true);
    QFile pdf(m_answer);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
    QVERIFY(pdf.size() > 20000);

    // The report shows what the views show: the Overview's period line is in its text.
    QProcess text;
    text.start(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), m_answer, QStringLiteral("-") });
    if (!text.waitForStarted())
        QSKIP("pdftotext (poppler-utils) is not installed");
    QVERIFY(text.waitForFinished(60000));
    // pdftotext keeps the font's ligatures ("ﬁ"); compatibility normalisation spells them out.
    const QString content
        = QString::fromUtf8(text.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
    for (const QString& title : exporting::reportSectionTitles())
        QVERIFY2(content.contains(title), qPrintable(title));

    // Cancelling the save dialog writes nothing.
    const int before = int(QDir(m_dir.path()).entryList(QDir::Files).size());
    m_answer.clear();
    action->trigger();
    QCOMPARE(int(QDir(m_dir.path()).entryList(QDir::Files).size()), before);
}

QTEST_MAIN(TestGuiExport)
#include "tst_gui_export.moc"
