#include "gui/background_job.h"
#include "gui/filter_bar.h"
#include "gui/import_history_model.h"
#include "gui/main_window.h"
#include "gui/message_bar.h"
#include "gui/report_page.h"
#include "gui/settings.h"
#include "gui/start_page.h"
#include "gui/views/changes_view.h"
#include "gui/views/dora_tile.h"
#include "gui/views/overview_view.h"
#include "gui/views/shared_result.h"
#include "gui/views/view_factory.h"
#include "gui/workspace_page.h"
#include "metrics/metrics_report.h"
#include "models/changes_model.h"
#include "models/contributions_model.h"
#include "models/dora_tiles_model.h"
#include "models/weekly_trend_model.h"
#include "overview_fixture.h"
#include "rework_fixture.h"
#include "store/import_batch.h"
#include "store/schema.h"
#include "store/sqlite_database.h"
#include "store/workspace.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <map>

using namespace faultline;
using faultline::gui::ImportHistoryModel;
using faultline::gui::MainWindow;
using faultline::gui::Settings;

namespace {

QString currentPageName(const MainWindow& window)
{
    const auto* stack = window.findChild<QStackedWidget*>(QStringLiteral("pages"));
    return stack && stack->currentWidget() ? stack->currentWidget()->objectName() : QString();
}

QString labelText(const QWidget& parent, const char* objectName)
{
    const auto* label = parent.findChild<QLabel*>(QLatin1String(objectName));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(objectName));
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(file.errorString()));
    QCOMPARE(file.write(bytes), bytes.size());
}

void createEmptyWorkspace(const QString& path)
{
    store::Workspace::create(path); // closed again at once: the window opens its own connection
}

// Records an import the way importers do, through ImportBatch: rows and warnings are counted, and a
// second batch with the same content only bumps import_count.
void recordImport(store::Workspace& ws, const QString& path, const QString& format, const QByteArray& sha,
                  qint64 rows, int warnings)
{
    store::ImportBatch batch(ws, { path, format, sha });
    batch.countRows(QStringLiteral("commits"), rows);
    for (int i = 0; i < warnings; ++i)
        batch.addWarning({ QStringLiteral("test"), path, i + 1, {}, QStringLiteral("warning %1").arg(i) });
    batch.commit();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void startsOnStartPage();
    void opensWorkspace();
    void createsAndClosesWorkspace();
    void badFileShowsMessageBar_data();
    void badFileShowsMessageBar();
    void badFileKeepsOpenWorkspace();
    void recentWorkspacesAreDeduplicatedAndCapped();
    void recentWorkspacesDropMissingFiles();
    void windowUpdatesRecentWorkspaces();
    void settingsPersistAndCarryVersion();
    void importHistoryModel();
    void workspacePageShowsImports();
    void settingsThemeFiltersAndAnonymise();
    void backgroundJobDropsSupersededResults();
    void backgroundJobReportsFailure();
    void overviewFollowsFilters();
    void overviewEmptyState();
    void resultsReachViewsProgressively();
    void everyViewFollowsFilters();
    void sharedResultIsFreedOffTheGuiThread();
    void presentationMode();
    void screenshots();

private:
    QString settingsFile() const { return m_dir->filePath(QStringLiteral("settings.ini")); }
    QString path(const QString& name) const { return m_dir->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(settingsFile());
}

void TestMainWindow::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

void TestMainWindow::startsOnStartPage()
{
    MainWindow window(m_settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QCOMPARE(currentPageName(window), QStringLiteral("startPage"));
    QCOMPARE(window.windowTitle(), QStringLiteral("Faultline"));
    QVERIFY(!window.hasWorkspace());

    const auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebar"));
    QVERIFY(sidebar);
    QVERIFY(sidebar->isVisible());
    QStringList labels;
    for (int i = 0; i < sidebar->count(); ++i) {
        labels << sidebar->item(i)->text();
        // Nothing can be chosen before a workspace is open.
        QVERIFY2(!(sidebar->item(i)->flags() & Qt::ItemIsEnabled), qPrintable(sidebar->item(i)->text()));
    }
    QCOMPARE(labels,
             QStringList({ QStringLiteral("Workspace"), QStringLiteral("Overview"),
                           QStringLiteral("Pipeline"), QStringLiteral("Lead time"), QStringLiteral("Rework"),
                           QStringLiteral("Incidents"), QStringLiteral("Changes") }));
    QCOMPARE(sidebar->item(1)->toolTip(), QStringLiteral("Open or create a workspace first (Ctrl+1)"));
    QCOMPARE(sidebar->item(2)->toolTip(), QStringLiteral("Open or create a workspace first (Ctrl+2)"));

    const auto* start = window.findChild<gui::StartPage*>(QStringLiteral("startPage"));
    QVERIFY(start);
    QVERIFY(start->findChild<QPushButton*>(QStringLiteral("newWorkspaceButton")));
    QVERIFY(start->findChild<QPushButton*>(QStringLiteral("openWorkspaceButton")));
    QVERIFY(start->findChild<QListWidget*>(QStringLiteral("recentList")));
    QCOMPARE(labelText(*start, "startTitle"), QStringLiteral("Faultline"));
    QCOMPARE(labelText(*start, "callToAction"), QStringLiteral("Import or open a workspace"));
    QVERIFY(labelText(*start, "cliHint").contains(QStringLiteral("faultline --help")));

    QVERIFY(window.findChild<QWidget*>(QStringLiteral("messageBar"))->isHidden());
    QCOMPARE(labelText(window, "statusPath"), QStringLiteral("No workspace open"));
    QVERIFY(!window.findChild<QAction*>(QStringLiteral("closeWorkspaceAction"))->isEnabled());
}

void TestMainWindow::opensWorkspace()
{
    const QString file = path(QStringLiteral("team.faultline"));
    createEmptyWorkspace(file);

    MainWindow window(m_settings.get());
    window.show();
    QSignalSpy opened(&window, &MainWindow::workspaceOpened);
    QVERIFY(window.openWorkspace(file));

    QCOMPARE(opened.count(), 1);
    QCOMPARE(currentPageName(window), QStringLiteral("workspacePage"));
    QCOMPARE(window.windowTitle(), QStringLiteral("team.faultline — Faultline"));
    QVERIFY(labelText(window, "statusPath").contains(QStringLiteral("team.faultline")));
    QCOMPARE(labelText(window, "statusSchema"),
             QStringLiteral("Schema v%1").arg(store::latestSchemaVersion()));
    QVERIFY(window.findChild<QWidget*>(QStringLiteral("messageBar"))->isHidden());

    const auto* page = window.findChild<gui::WorkspacePage*>(QStringLiteral("workspacePage"));
    QCOMPARE(labelText(*page, "workspaceTitle"), QStringLiteral("team.faultline"));
    QVERIFY(labelText(*page, "workspaceSchema").contains(QString::number(store::latestSchemaVersion())));
    // An empty workspace says so instead of showing an empty table.
    QVERIFY(page->findChild<QWidget*>(QStringLiteral("importHistoryEmpty"))->isVisible());
    QVERIFY(!page->findChild<QWidget*>(QStringLiteral("importHistoryTable"))->isVisible());

    const auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebar"));
    QVERIFY(sidebar->item(0)->flags() & Qt::ItemIsEnabled);
    QCOMPARE(sidebar->currentRow(), 0);
    QVERIFY(sidebar->item(1)->flags() & Qt::ItemIsEnabled); // Overview
    QVERIFY(sidebar->item(2)->flags() & Qt::ItemIsEnabled); // Pipeline
    QVERIFY(window.findChild<QAction*>(QStringLiteral("closeWorkspaceAction"))->isEnabled());
}

void TestMainWindow::createsAndClosesWorkspace()
{
    const QString file = path(QStringLiteral("new.faultline"));
    MainWindow window(m_settings.get());
    window.show();
    QVERIFY(window.createWorkspace(file));
    QVERIFY(QFileInfo::exists(file));
    QCOMPARE(currentPageName(window), QStringLiteral("workspacePage"));
    QCOMPARE(store::Workspace::peekSchemaVersion(file), store::latestSchemaVersion());

    QSignalSpy closed(&window, &MainWindow::workspaceClosed);
    window.findChild<QAction*>(QStringLiteral("closeWorkspaceAction"))->trigger();
    QCOMPARE(closed.count(), 1);
    QVERIFY(!window.hasWorkspace());
    QCOMPARE(currentPageName(window), QStringLiteral("startPage"));
    QCOMPARE(window.windowTitle(), QStringLiteral("Faultline"));
    QCOMPARE(labelText(window, "statusPath"), QStringLiteral("No workspace open"));
    const auto* recent = window.findChild<QListWidget*>(QStringLiteral("recentList"));
    QCOMPARE(recent->count(), 1);
    QCOMPARE(recent->item(0)->data(Qt::UserRole).toString(), QFileInfo(file).canonicalFilePath());

    // Creating over an existing file never overwrites it; the reason is shown, not a dialog.
    QVERIFY(!window.createWorkspace(file));
    const auto* bar = window.findChild<gui::MessageBar*>(QStringLiteral("messageBar"));
    QVERIFY(bar->isVisible());
    QVERIFY(bar->text().contains(QStringLiteral("already exists")));
    QVERIFY(!QApplication::activeModalWidget());
}

void TestMainWindow::badFileShowsMessageBar_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("asSqlite");

    QTest::addRow("garbage bytes") << QStringLiteral("garbage.faultline")
                                   << QByteArray("\x01\x02not a database at all\xff\xfe", 25) << false;
    QTest::addRow("other sqlite database") << QStringLiteral("other.faultline") << QByteArray() << true;
    QTest::addRow("missing file") << QStringLiteral("missing.faultline") << QByteArray() << false;
}

void TestMainWindow::badFileShowsMessageBar()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(bool, asSqlite);

    const QString file = path(name);
    if (!bytes.isEmpty())
        writeFile(file, bytes);
    if (asSqlite) {
        store::SqliteDatabase db(file, store::SqliteDatabase::OpenMode::ReadWriteCreate);
        db.exec("CREATE TABLE notes (text TEXT)");
    }

    MainWindow window(m_settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy opened(&window, &MainWindow::workspaceOpened);
    QVERIFY(!window.openWorkspace(file));

    QCOMPARE(opened.count(), 0);
    QCOMPARE(currentPageName(window), QStringLiteral("startPage"));
    QCOMPARE(window.windowTitle(), QStringLiteral("Faultline"));
    const auto* bar = window.findChild<gui::MessageBar*>(QStringLiteral("messageBar"));
    QVERIFY(bar);
    QVERIFY(bar->isVisible());
    QVERIFY2(bar->text().contains(name), qPrintable(bar->text()));
    QVERIFY(!QApplication::activeModalWidget());
    QVERIFY(m_settings->recentWorkspaces().isEmpty());

    // The close button dismisses it.
    QTest::mouseClick(bar->findChild<QWidget*>(QStringLiteral("messageCloseButton")), Qt::LeftButton);
    QVERIFY(bar->isHidden());
}

void TestMainWindow::badFileKeepsOpenWorkspace()
{
    const QString good = path(QStringLiteral("good.faultline"));
    const QString bad = path(QStringLiteral("bad.faultline"));
    createEmptyWorkspace(good);
    writeFile(bad, QByteArray(4096, 'x'));

    MainWindow window(m_settings.get());
    window.show();
    QVERIFY(window.openWorkspace(good));
    QVERIFY(!window.openWorkspace(bad));
    QCOMPARE(window.workspacePath(), QFileInfo(good).absoluteFilePath());
    QCOMPARE(currentPageName(window), QStringLiteral("workspacePage"));
    QCOMPARE(window.windowTitle(), QStringLiteral("good.faultline — Faultline"));
    QVERIFY(window.findChild<gui::MessageBar*>(QStringLiteral("messageBar"))
                ->text()
                .contains(QStringLiteral("bad.faultline")));

    // A later success clears the stale error.
    QVERIFY(window.openWorkspace(good));
    QVERIFY(window.findChild<QWidget*>(QStringLiteral("messageBar"))->isHidden());
}

void TestMainWindow::recentWorkspacesAreDeduplicatedAndCapped()
{
    QSignalSpy changed(m_settings.get(), &Settings::recentWorkspacesChanged);
    QStringList files;
    for (int i = 0; i < Settings::kMaxRecentWorkspaces + 3; ++i) {
        files << path(QStringLiteral("ws%1.faultline").arg(i));
        writeFile(files.last(), "x");
        m_settings->addRecentWorkspace(files.last());
    }
    QCOMPARE(changed.count(), files.size());

    QStringList recent = m_settings->recentWorkspaces();
    QCOMPARE(recent.size(), Settings::kMaxRecentWorkspaces);
    // Most recent first; the three oldest fell off the end.
    QCOMPARE(recent.first(), QFileInfo(files.last()).canonicalFilePath());
    QCOMPARE(recent.last(), QFileInfo(files.at(3)).canonicalFilePath());

    // Re-adding an entry (spelt differently) moves it to the front instead of listing it twice.
    const QString again = m_dir->path() + QStringLiteral("/./") + QFileInfo(files.at(5)).fileName();
    m_settings->addRecentWorkspace(again);
    recent = m_settings->recentWorkspaces();
    QCOMPARE(recent.size(), Settings::kMaxRecentWorkspaces);
    QCOMPARE(recent.first(), QFileInfo(files.at(5)).canonicalFilePath());
    QCOMPARE(recent.count(QFileInfo(files.at(5)).canonicalFilePath()), 1);
    QCOMPARE(QSet<QString>(recent.cbegin(), recent.cend()).size(), recent.size());

    // Adding what is already first changes nothing and says nothing.
    changed.clear();
    m_settings->addRecentWorkspace(files.at(5));
    QCOMPARE(changed.count(), 0);

    m_settings->setRecentWorkspaces({ files.at(1), files.at(1), files.at(2) });
    QCOMPARE(m_settings->recentWorkspaces(),
             QStringList(
                 { QFileInfo(files.at(1)).canonicalFilePath(), QFileInfo(files.at(2)).canonicalFilePath() }));

    m_settings->clearRecentWorkspaces();
    QVERIFY(m_settings->recentWorkspaces().isEmpty());
    QCOMPARE(changed.count(), 2);
}

void TestMainWindow::recentWorkspacesDropMissingFiles()
{
    const QString kept = path(QStringLiteral("kept.faultline"));
    const QString gone = path(QStringLiteral("gone.faultline"));
    writeFile(kept, "x");
    writeFile(gone, "x");
    m_settings->addRecentWorkspace(kept);
    m_settings->addRecentWorkspace(gone);
    QCOMPARE(m_settings->recentWorkspaces().size(), 2);

    QVERIFY(QFile::remove(gone));
    QCOMPARE(m_settings->recentWorkspaces(), QStringList { QFileInfo(kept).canonicalFilePath() });
}

void TestMainWindow::windowUpdatesRecentWorkspaces()
{
    const QString a = path(QStringLiteral("a.faultline"));
    const QString b = path(QStringLiteral("b.faultline"));
    createEmptyWorkspace(a);
    createEmptyWorkspace(b);

    MainWindow window(m_settings.get());
    window.show();
    QVERIFY(window.openWorkspace(a));
    QVERIFY(window.openWorkspace(b));
    QVERIFY(window.openWorkspace(a));
    const QStringList expected { QFileInfo(a).canonicalFilePath(), QFileInfo(b).canonicalFilePath() };
    QCOMPARE(m_settings->recentWorkspaces(), expected);
    QCOMPARE(m_settings->lastDirectory(), QFileInfo(a).absolutePath());

    const auto* list = window.findChild<QListWidget*>(QStringLiteral("recentList"));
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->data(Qt::UserRole).toString(), expected.at(0));

    // Open Recent menu: one entry per workspace plus "Clear list", which empties both lists.
    auto* menu = window.findChild<QMenu*>(QStringLiteral("recentMenu"));
    QVERIFY(menu);
    QStringList openable;
    QAction* clear = nullptr;
    const auto actions = menu->actions();
    for (QAction* action : actions) {
        if (!action->data().toString().isEmpty())
            openable << action->data().toString();
        if (action->objectName() == QLatin1String("clearRecentAction"))
            clear = action;
    }
    QCOMPARE(openable, expected);
    QVERIFY(clear && clear->isEnabled());
    clear->trigger();
    QVERIFY(m_settings->recentWorkspaces().isEmpty());
    QCOMPARE(list->count(), 0);

    // Double-click / Enter on a recent entry opens it.
    window.closeWorkspace();
    m_settings->addRecentWorkspace(b);
    QCOMPARE(list->count(), 1);
    QSignalSpy opened(&window, &MainWindow::workspaceOpened);
    Q_EMIT const_cast<QListWidget*>(list)->itemActivated(list->item(0));
    QTRY_COMPARE(opened.count(), 1);
    QCOMPARE(window.workspacePath(), QFileInfo(b).canonicalFilePath());
}

void TestMainWindow::settingsPersistAndCarryVersion()
{
    QCOMPARE(m_settings->schemaVersion(), Settings::kSchemaVersion);
    const QString file = path(QStringLiteral("x.faultline"));
    writeFile(file, "x");
    {
        MainWindow window(m_settings.get());
        window.resize(900, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        m_settings->addRecentWorkspace(file);
        m_settings->setLastDirectory(m_dir->path());
        window.close(); // saves geometry and state
    }
    QVERIFY(!m_settings->mainWindowGeometry().isEmpty());
    QVERIFY(!m_settings->mainWindowState().isEmpty());
    m_settings.reset();

    const Settings reread(settingsFile());
    QCOMPARE(reread.schemaVersion(), Settings::kSchemaVersion);
    QCOMPARE(reread.recentWorkspaces(), QStringList { QFileInfo(file).canonicalFilePath() });
    QCOMPARE(reread.lastDirectory(), m_dir->path());
    QVERIFY(!reread.mainWindowGeometry().isEmpty());

    // Defaults come from one place and need no file.
    const Settings fresh(path(QStringLiteral("fresh.ini")));
    QCOMPARE(fresh.lastDirectory(), QDir::homePath());
    QVERIFY(fresh.recentWorkspaces().isEmpty());
    QVERIFY(fresh.mainWindowGeometry().isEmpty());
}

void TestMainWindow::importHistoryModel()
{
    const QString file = path(QStringLiteral("history.faultline"));
    auto ws = store::Workspace::create(file);
    recordImport(ws, QStringLiteral("/exports/runs.json"), QStringLiteral("github-actions"), "aaaa", 120, 2);
    recordImport(ws, QStringLiteral("/exports/deploys.csv"), QStringLiteral("deployments-csv"), "bbbb", 7, 0);
    // Same content again: adds nothing, counts the import.
    recordImport(ws, QStringLiteral("/exports/deploys.csv"), QStringLiteral("deployments-csv"), "bbbb", 0, 0);

    ImportHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(ImportHistoryModel::ColumnCount));

    const auto records = store::importHistory(ws.db());
    QCOMPARE(records.size(), size_t(2));
    model.setRecords(records);
    QCOMPARE(model.rowCount(), 2);

    const QStringList headers { QStringLiteral("Imported at"), QStringLiteral("Format"),
                                QStringLiteral("File"),        QStringLiteral("Rows added"),
                                QStringLiteral("Warnings"),    QStringLiteral("Times imported") };
    for (int c = 0; c < model.columnCount(); ++c)
        QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), headers.at(c));

    // Most recently imported first: the re-imported deployments file.
    const auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
    const QLocale locale;
    QCOMPARE(cell(0, ImportHistoryModel::Format), QStringLiteral("deployments-csv"));
    QCOMPARE(cell(0, ImportHistoryModel::File), QStringLiteral("deploys.csv"));
    QCOMPARE(cell(0, ImportHistoryModel::RowsAdded), locale.toString(7));
    QCOMPARE(cell(0, ImportHistoryModel::Warnings), locale.toString(0));
    QCOMPARE(cell(0, ImportHistoryModel::TimesImported), locale.toString(2));
    QCOMPARE(cell(0, ImportHistoryModel::ImportedAt),
             ImportHistoryModel::formatTimestamp(records.at(0).lastImportedAtMs));
    QCOMPARE(cell(1, ImportHistoryModel::Format), QStringLiteral("github-actions"));
    QCOMPARE(cell(1, ImportHistoryModel::File), QStringLiteral("runs.json"));
    QCOMPARE(cell(1, ImportHistoryModel::RowsAdded), locale.toString(120));
    QCOMPARE(cell(1, ImportHistoryModel::Warnings), locale.toString(2));
    QCOMPARE(cell(1, ImportHistoryModel::TimesImported), locale.toString(1));
    QCOMPARE(model.index(1, ImportHistoryModel::File).data(Qt::ToolTipRole).toString(),
             QStringLiteral("/exports/runs.json"));
    QCOMPARE(model.index(1, ImportHistoryModel::RowsAdded).data(ImportHistoryModel::SortRole).toLongLong(),
             120);

    // The displayed time is local time of the stored UTC epoch ms.
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(records.at(1).lastImportedAtMs).toLocalTime();
    QCOMPARE(cell(1, ImportHistoryModel::ImportedAt), local.toString(QStringLiteral("yyyy-MM-dd HH:mm")));

    model.setRecords({});
    QCOMPARE(model.rowCount(), 0);
}

void TestMainWindow::workspacePageShowsImports()
{
    const QString file = path(QStringLiteral("filled.faultline"));
    {
        auto ws = store::Workspace::create(file);
        recordImport(ws, QStringLiteral("/exports/incidents.json"), QStringLiteral("pagerduty"), "cccc", 3,
                     1);
    }
    MainWindow window(m_settings.get());
    window.show();
    QVERIFY(window.openWorkspace(file));
    // A workspace with imports opens on its Overview; the sidebar's first entry is the import history.
    QCOMPARE(currentPageName(window), QStringLiteral("reportPage"));
    QCOMPARE(window.reportPage()->currentView()->key(), QStringLiteral("overview"));
    window.findChild<QListWidget*>(QStringLiteral("sidebar"))->setCurrentRow(0);
    QCOMPARE(currentPageName(window), QStringLiteral("workspacePage"));
    const auto* page = window.findChild<gui::WorkspacePage*>(QStringLiteral("workspacePage"));
    QVERIFY(page->findChild<QWidget*>(QStringLiteral("importHistoryTable"))->isVisible());
    QVERIFY(!page->findChild<QWidget*>(QStringLiteral("importHistoryEmpty"))->isVisible());
    QCOMPARE(page->importHistoryModel()->rowCount(), 1);

    // An import from the command line shows up after Reload.
    {
        auto ws = store::Workspace::open(file);
        recordImport(ws, QStringLiteral("/exports/more.json"), QStringLiteral("pagerduty"), "dddd", 4, 0);
    }
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("reloadButton")), Qt::LeftButton);
    QCOMPARE(page->importHistoryModel()->rowCount(), 2);
}

void TestMainWindow::settingsThemeFiltersAndAnonymise()
{
    const QString a = path(QStringLiteral("a.faultline"));
    const QString b = path(QStringLiteral("b.faultline"));
    writeFile(a, "x");
    writeFile(b, "x");
    // Defaults from one place.
    QCOMPARE(m_settings->themeChoice(), gui::ThemeChoice::System);
    QVERIFY(!m_settings->anonymisePeople());
    QCOMPARE(m_settings->workspaceFilters(a), gui::FilterState {});

    QSignalSpy themeChanged(m_settings.get(), &Settings::themeChoiceChanged);
    QSignalSpy filtersChanged(m_settings.get(), &Settings::workspaceFiltersChanged);
    m_settings->setThemeChoice(gui::ThemeChoice::Dark);
    m_settings->setThemeChoice(gui::ThemeChoice::Dark); // unchanged: no signal
    QCOMPARE(themeChanged.count(), 1);

    gui::FilterState filters;
    filters.range = gui::FilterState::Range::Days30;
    filters.services = QStringList { QStringLiteral("checkout") };
    filters.segment = gui::FilterState::AiSegment::NotAi;
    // Keyed by the canonical path: another spelling of the same file finds the same filters.
    m_settings->setWorkspaceFilters(m_dir->path() + QStringLiteral("/./a.faultline"), filters);
    QCOMPARE(filtersChanged.count(), 1);
    QCOMPARE(m_settings->workspaceFilters(a), filters);
    QCOMPARE(m_settings->workspaceFilters(b), gui::FilterState {});

    {
        MainWindow window(m_settings.get());
        auto* anonymise = window.findChild<QAction*>(QStringLiteral("anonymiseAction"));
        QVERIFY(anonymise && !anonymise->isChecked());
        anonymise->trigger();
        QVERIFY(m_settings->anonymisePeople());
        // The theme menu shows the stored choice and changes it.
        QVERIFY(window.findChild<QAction*>(QStringLiteral("themeAction_dark"))->isChecked());
        window.findChild<QAction*>(QStringLiteral("themeAction_light"))->trigger();
        QCOMPARE(m_settings->themeChoice(), gui::ThemeChoice::Light);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
        m_settings->setThemeChoice(gui::ThemeChoice::Dark);
    }
    m_settings.reset();
    const Settings reread(settingsFile());
    QCOMPARE(reread.themeChoice(), gui::ThemeChoice::Dark);
    QVERIFY(reread.anonymisePeople());
    QCOMPARE(reread.workspaceFilters(a), filters);
    m_settings = std::make_unique<Settings>(settingsFile());
    m_settings->setThemeChoice(gui::ThemeChoice::Light); // leave the palette light for later tests
}

void TestMainWindow::backgroundJobDropsSupersededResults()
{
    const QString file = path(QStringLiteral("jobs.faultline"));
    createEmptyWorkspace(file);
    gui::BackgroundJob job;
    QList<int> delivered;
    QSignalSpy finished(&job, &gui::BackgroundJob::finished);
    // The first job waits until it is superseded (cancelled), then returns anyway: its result must
    // never arrive.
    const quint64 first = job.start<int>(
        file,
        [](const store::SqliteDatabase&, const gui::JobContext& context) {
            while (!context.isCanceled())
                QThread::msleep(5);
            return 1;
        },
        [&](int value) { delivered << value; });
    QVERIFY(job.isRunning());
    const quint64 second = job.start<int>(
        file,
        [](const store::SqliteDatabase& db, const gui::JobContext& context) {
            context.setProgress(1, 1, QStringLiteral("counted"));
            return int(db.queryInt64("SELECT count(*) FROM deployments")) + 2;
        },
        [&](int value) { delivered << value; });
    QVERIFY(second > first);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toULongLong(), second);
    QTest::qWait(50); // the superseded job has ended by now; nothing else may arrive
    QCOMPARE(delivered, QList<int> { 2 });
    QVERIFY(!job.isRunning());
}

void TestMainWindow::backgroundJobReportsFailure()
{
    gui::BackgroundJob job;
    QSignalSpy failed(&job, &gui::BackgroundJob::failed);
    bool delivered = false;
    job.start<int>(
        path(QStringLiteral("missing.faultline")),
        [](const store::SqliteDatabase&, const gui::JobContext&) { return 1; },
        [&](int) { delivered = true; });
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(1).toString().contains(QStringLiteral("missing.faultline")),
             qPrintable(failed.at(0).at(1).toString()));
    QVERIFY(!delivered);
}

namespace {

// The report the Overview must show for these filters, computed here without the GUI.
metrics::MetricsReport expectedReport(const QString& file, const gui::FilterState& filters)
{
    const auto ws = store::Workspace::openReadOnly(file);
    const auto window = metrics::defaultWindow(ws.db());
    return metrics::buildMetricsReport(ws.db(), filters.options(window->second));
}

} // namespace

void TestMainWindow::overviewFollowsFilters()
{
    const QString file = path(QStringLiteral("overview.faultline"));
    test::writeOverviewWorkspace(file);

    MainWindow window(m_settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    gui::ReportPage* page = window.reportPage();
    QSignalSpy ready(page, &gui::ReportPage::reportReady);
    QVERIFY(window.openWorkspace(file));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);

    // Ctrl+1 shows the Overview.
    window.findChild<QAction*>(QStringLiteral("viewAction1"))->trigger();
    QCOMPARE(currentPageName(window), QStringLiteral("reportPage"));
    auto* overview = window.findChild<gui::OverviewView*>(QStringLiteral("overviewView"));
    QVERIFY(overview);
    QVERIFY(overview->isVisible());
    QVERIFY(!overview->isEmptyState());
    QCOMPARE(window.findChild<QListWidget*>(QStringLiteral("sidebar"))->currentRow(), 1);
    // Ctrl+2 is the Pipeline; back to the Overview for the filters.
    QVERIFY(window.selectView(2));
    QCOMPARE(window.reportPage()->currentView()->key(), QStringLiteral("pipeline"));
    QVERIFY(window.selectView(1));
    QCOMPARE(window.reportPage()->currentView(), static_cast<gui::View*>(overview));

    using models::DoraTilesModel;
    const DoraTilesModel* tiles = overview->tilesModel();
    const auto n = [&](DoraTilesModel::Column c) {
        return tiles->index(DoraTilesModel::DeploymentFrequency, c)
            .data(DoraTilesModel::RawValueRole)
            .toLongLong();
    };
    // 11 successful shop deployments (one of 12 failed) + 4 api ones.
    QCOMPARE(n(DoraTilesModel::N),
             qlonglong(test::kShopProductionDeployments - 1 + test::kApiProductionDeployments));
    const metrics::MetricsReport all = expectedReport(file, gui::FilterState {});
    QCOMPARE(n(DoraTilesModel::AiN), qlonglong(all.dora.ai.frequency.deployments));
    QCOMPARE(n(DoraTilesModel::NotAiN), qlonglong(all.dora.notAi.frequency.deployments));
    QCOMPARE(tiles->index(DoraTilesModel::ChangeFailureRate, DoraTilesModel::N)
                 .data(DoraTilesModel::RawValueRole)
                 .toLongLong(),
             qlonglong(all.dora.all.changeFailureRate.n));
    // The weekly model sums to the headline count, and PR merges (8) are bucketed.
    const models::WeeklyTrendModel* weekly = overview->weeklyModel();
    QCOMPARE(weekly->rowCount(), 13); // 90 days
    qlonglong deployments = 0;
    qlonglong merges = 0;
    for (int row = 0; row < weekly->rowCount(); ++row) {
        deployments
            += weekly->index(row, models::WeeklyTrendModel::ProductionDeployments).data().toLongLong();
        merges += weekly->index(row, models::WeeklyTrendModel::PrsMerged).data().toLongLong();
    }
    QCOMPARE(deployments, n(DoraTilesModel::N));
    QCOMPARE(merges, 8LL);
    // The sparkline maps the weekly model: one point per week with deployments-per-day.
    const auto& tileWidgets = overview->tiles();
    QCOMPARE(int(tileWidgets.size()), int(DoraTilesModel::MetricCount));
    QCOMPARE(tileWidgets.front()->sparkline()->count(), 13);

    // Drill-down: double-clicking the change-failure tile lists exactly that metric's rows.
    gui::DoraTile* cfrTile = tileWidgets.at(DoraTilesModel::ChangeFailureRate);
    QTest::mouseDClick(cfrTile, Qt::LeftButton, {}, QPoint(10, 10));
    QVERIFY(overview->isDrillDownVisible());
    const models::ContributionsModel* drill = overview->drillDownModel();
    const auto& expectedRows = all.dora.all.changeFailureRate.rows;
    QVERIFY(!expectedRows.empty());
    QCOMPARE(drill->rowCount(), int(expectedRows.size()));
    for (int row = 0; row < drill->rowCount(); ++row) {
        QCOMPARE(drill->result()[size_t(row)].deploymentId, expectedRows[size_t(row)].deploymentId);
        QCOMPARE(drill->index(row, models::ContributionsModel::Reason).data().toString(),
                 expectedRows[size_t(row)].reason);
    }
    QTest::mouseDClick(tileWidgets.at(DoraTilesModel::LeadTime), Qt::LeftButton, {}, QPoint(10, 10));
    QCOMPARE(drill->rowCount(), int(all.dora.all.leadTime.rows.size()));

    // Filter: only the api service. The models follow, the drill-down follows, and the choice is
    // stored for this workspace.
    auto* bar = page->filterBar();
    QAction* api = nullptr;
    const auto actions = bar->findChild<QMenu*>(QStringLiteral("serviceMenu"))->actions();
    for (QAction* action : actions)
        if (action->data().toString() == QLatin1String("api"))
            api = action;
    QVERIFY(api);
    ready.clear();
    api->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    QCOMPARE(n(DoraTilesModel::N), qlonglong(test::kApiProductionDeployments));
    gui::FilterState apiOnly;
    apiOnly.services = QStringList { QStringLiteral("api") };
    QCOMPARE(m_settings->workspaceFilters(file).services, apiOnly.services);
    QCOMPARE(drill->rowCount(), int(expectedReport(file, apiOnly).dora.all.leadTime.rows.size()));

    // Segment: AI-assisted only makes the AI value the headline.
    ready.clear();
    auto* segment = bar->findChild<QComboBox*>(QStringLiteral("segmentCombo"));
    const int aiIndex = segment->findData(int(gui::FilterState::AiSegment::Ai));
    segment->setCurrentIndex(aiIndex);
    Q_EMIT segment->activated(aiIndex);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    QCOMPARE(tileWidgets.front()->valueText(),
             tiles->index(DoraTilesModel::DeploymentFrequency, DoraTilesModel::AiValue).data().toString());

    // Reopening the workspace restores its filters.
    window.closeWorkspace();
    ready.clear();
    QVERIFY(window.openWorkspace(file));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    QCOMPARE(page->filters().services, apiOnly.services);
    QCOMPARE(page->filters().segment, gui::FilterState::AiSegment::Ai);
    QCOMPARE(n(DoraTilesModel::N), qlonglong(test::kApiProductionDeployments));

    // Period presets and a custom range: the weekly series follow (30 days = 5 weeks, the last one
    // short; two more weeks back = 7).
    auto* range = bar->findChild<QComboBox*>(QStringLiteral("rangeCombo"));
    const auto choose = [&](gui::FilterState::Range value) {
        ready.clear();
        const int index = range->findData(int(value));
        range->setCurrentIndex(index);
        Q_EMIT range->activated(index);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    };
    choose(gui::FilterState::Range::Days30);
    QCOMPARE(weekly->rowCount(), 5);
    choose(gui::FilterState::Range::Custom);
    QCOMPARE(page->filters().range, gui::FilterState::Range::Custom);
    QCOMPARE(weekly->rowCount(), 5); // a new custom range starts as the period shown before
    auto* from = bar->findChild<QDateEdit*>(QStringLiteral("customFrom"));
    QVERIFY(from->isVisibleTo(bar));
    ready.clear();
    from->setDate(from->date().addDays(-14));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    QCOMPARE(weekly->rowCount(), 7);
    QCOMPARE(m_settings->workspaceFilters(file).customFrom, from->date());
}

void TestMainWindow::overviewEmptyState()
{
    const QString file = path(QStringLiteral("nothing.faultline"));
    createEmptyWorkspace(file);
    MainWindow window(m_settings.get());
    window.show();
    QSignalSpy ready(window.reportPage(), &gui::ReportPage::reportReady);
    QVERIFY(window.openWorkspace(file));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    QVERIFY(window.selectView(1));
    auto* overview = window.findChild<gui::OverviewView*>(QStringLiteral("overviewView"));
    QVERIFY(overview->isEmptyState());
    QVERIFY(overview->emptyStateText().contains(QStringLiteral("faultline import deploys")));
    QVERIFY(labelText(*overview, "overviewEmpty").contains(QStringLiteral("faultline import deploys")));
}

void TestMainWindow::resultsReachViewsProgressively()
{
    const QString file = path(QStringLiteral("progressive.faultline"));
    test::writeOverviewWorkspace(file);
    MainWindow window(m_settings.get());
    window.show();
    gui::ReportPage* page = window.reportPage();
    QSignalSpy ready(page, &gui::ReportPage::reportReady);
    QVERIFY(window.openWorkspace(file));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    QVERIFY(window.selectView(3)); // Lead time
    const gui::FilterState before = page->filters();
    for (const gui::View* view : page->views())
        QCOMPARE(view->viewData().filters, before);

    // A new segment: the visible view gets it first, each other view one event-loop turn later (the
    // whole set at once held the GUI thread for up to a second on a large workspace).
    auto* segment = window.findChild<QComboBox*>(QStringLiteral("segmentCombo"));
    QVERIFY(segment);
    const int next = (segment->currentIndex() + 1) % segment->count();
    gui::View* visible = page->currentView();
    gui::View* hidden = page->views().front(); // the Overview
    gui::View* shownEarly = page->views().back(); // the Changes view
    int staleWhenVisibleShown = -1;
    bool visibleHadIt = false;
    bool shownEarlyHadIt = false;
    connect(page, &gui::ReportPage::currentViewReady, this, [&] {
        const gui::FilterState now = page->filters();
        visibleHadIt = visible->viewData().filters == now;
        staleWhenVisibleShown
            = int(std::count_if(page->views().begin(), page->views().end(),
                                [&](const gui::View* v) { return !(v->viewData().filters == now); }));
        // Showing a view that has not been updated yet updates it first: no flash of the old result.
        page->showView(int(page->views().size()) - 1);
        shownEarlyHadIt = shownEarly->viewData().filters == now;
        page->showView(2);
    });
    ready.clear();
    segment->setCurrentIndex(next);
    Q_EMIT segment->activated(next);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    const gui::FilterState after = page->filters();
    QVERIFY(!(after == before));
    QVERIFY(visibleHadIt);
    QVERIFY(shownEarlyHadIt);
    QCOMPARE(staleWhenVisibleShown, int(page->views().size()) - 1);
    QCOMPARE(hidden->viewData().filters, after);
    for (const gui::View* view : page->views())
        QCOMPARE(view->viewData().filters, after);
    QCOMPARE(page->currentView(), visible);
}

namespace {

// What a view's models hold: every cell's text of every model the view owns, in creation order.
QStringList modelContents(const QWidget& view)
{
    QStringList cells;
    const auto models = view.findChildren<QAbstractItemModel*>();
    for (const QAbstractItemModel* model : models) {
        cells << QString::fromLatin1(model->metaObject()->className());
        for (int row = 0; row < model->rowCount(); ++row)
            for (int column = 0; column < model->columnCount(); ++column)
                cells << model->index(row, column).data().toString();
    }
    return cells;
}

// What the view of `key` shows for `filters` when built afresh from its own load.
QStringList expectedContents(const QString& workspace, const QString& key, const gui::FilterState& filters)
{
    const auto ws = store::Workspace::openReadOnly(workspace);
    const auto view = gui::createView(key);
    view->setReport(gui::loadViewData(ws.db(), filters));
    return modelContents(*view);
}

} // namespace

void TestMainWindow::everyViewFollowsFilters()
{
    test::ReworkFixture fixture;
    if (!test::writeReworkWorkspace(m_dir->path(), fixture))
        return;
    MainWindow window(m_settings.get());
    window.show();
    gui::ReportPage* page = window.reportPage();
    QSignalSpy ready(page, &gui::ReportPage::reportReady);
    QVERIFY(window.openWorkspace(fixture.workspace));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);

    // Ctrl+1…6 reach every view, each showing what its own load for these filters shows.
    const QStringList keys = gui::availableViewKeys();
    QCOMPARE(keys.size(), 6);
    std::map<QString, QStringList> before;
    for (int number = 1; number <= 6; ++number) {
        QTest::keyClick(&window, Qt::Key(Qt::Key_0 + number), Qt::ControlModifier);
        const gui::View* view = page->currentView();
        QCOMPARE(view->key(), keys.at(number - 1));
        QVERIFY(view->isVisible());
        before[view->key()] = modelContents(*view);
        QCOMPARE(before[view->key()], expectedContents(fixture.workspace, view->key(), page->filters()));
    }
    // The fixture fills every view but the Pipeline (no CI runs).
    for (const QString& key : keys) {
        const gui::View* view = page->views().at(size_t(keys.indexOf(key)));
        QCOMPARE(view->isEmptyState(), key == QLatin1String("pipeline"));
    }

    // AI-assisted changes only: every view follows, and the ones split by AI show less.
    auto* segment = page->filterBar()->findChild<QComboBox*>(QStringLiteral("segmentCombo"));
    const int aiIndex = segment->findData(int(gui::FilterState::AiSegment::Ai));
    ready.clear();
    segment->setCurrentIndex(aiIndex);
    Q_EMIT segment->activated(aiIndex);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    QCOMPARE(page->filters().segment, gui::FilterState::AiSegment::Ai);
    for (int number = 1; number <= 6; ++number) {
        QTest::keyClick(&window, Qt::Key(Qt::Key_0 + number), Qt::ControlModifier);
        const gui::View* view = page->currentView();
        QCOMPARE(modelContents(*view), expectedContents(fixture.workspace, view->key(), page->filters()));
    }
    const auto* changes = window.findChild<gui::ChangesView*>();
    QVERIFY(changes);
    QCOMPARE(changes->changesModel()->rowCount(), 2); // C1 and C3 of the four commits
    QVERIFY(modelContents(*changes) != before[QStringLiteral("changes")]);
    QVERIFY(modelContents(*page->views().front()) != before[QStringLiteral("overview")]);

    // A period with nothing in it: every view says so.
    auto* range = page->filterBar()->findChild<QComboBox*>(QStringLiteral("rangeCombo"));
    const int customIndex = range->findData(int(gui::FilterState::Range::Custom));
    ready.clear();
    range->setCurrentIndex(customIndex);
    Q_EMIT range->activated(customIndex);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    auto* from = page->filterBar()->findChild<QDateEdit*>(QStringLiteral("customFrom"));
    auto* to = page->filterBar()->findChild<QDateEdit*>(QStringLiteral("customTo"));
    QVERIFY(from && to);
    ready.clear();
    from->setDate(QDate(1990, 1, 1));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    ready.clear();
    to->setDate(QDate(1990, 2, 1));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    for (const gui::View* view : page->views())
        QVERIFY2(view->isEmptyState(), qPrintable(view->key()));
}

void TestMainWindow::sharedResultIsFreedOffTheGuiThread()
{
    struct Probe
    {
        std::shared_ptr<std::atomic<QThread*>> freedOn = std::make_shared<std::atomic<QThread*>>(nullptr);
        Probe() = default;
        Probe(Probe&& other) noexcept = default;
        ~Probe()
        {
            if (freedOn)
                freedOn->store(QThread::currentThread());
        }
    };
    Probe probe;
    const auto freedOn = probe.freedOn;
    std::shared_ptr<const Probe> shared = gui::shareResult(std::move(probe));
    QVERIFY(!freedOn->load());
    shared.reset(); // the last owner, on the GUI thread
    QTRY_VERIFY_WITH_TIMEOUT(freedOn->load() != nullptr, 5000);
    QVERIFY(freedOn->load() != QThread::currentThread());
}

void TestMainWindow::presentationMode()
{
    const QString file = path(QStringLiteral("present.faultline"));
    test::writeOverviewWorkspace(file);
    MainWindow window(m_settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QSignalSpy ready(window.reportPage(), &gui::ReportPage::reportReady);
    QVERIFY(window.openWorkspace(file));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    const QColor normalWindow = QApplication::palette().color(QPalette::Window);
    QCOMPARE(currentPageName(window), QStringLiteral("reportPage")); // opened on the Overview
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(currentPageName(window), QStringLiteral("reportPage"));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier); // Pipeline
    QCOMPARE(currentPageName(window), QStringLiteral("reportPage"));
    window.findChild<QListWidget*>(QStringLiteral("sidebar"))->setCurrentRow(0);
    QCOMPARE(currentPageName(window), QStringLiteral("workspacePage"));

    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(window.isPresenting());
    QVERIFY(window.windowState() & Qt::WindowFullScreen);
    QVERIFY(window.menuBar()->isHidden());
    QVERIFY(window.statusBar()->isHidden());
    QVERIFY(window.findChild<QListWidget*>(QStringLiteral("sidebar"))->isHidden());
    QVERIFY(window.reportPage()->filterBar()->isHidden());
    QCOMPARE(currentPageName(window), QStringLiteral("reportPage")); // the first slide: Overview
    QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(Qt::black));
    auto* overview = window.findChild<gui::OverviewView*>(QStringLiteral("overviewView"));
    // Type is scaled up for a shared screen.
    const QLabel* title = overview->findChild<QLabel*>(QStringLiteral("viewTitle"));
    QVERIFY(title->font().pointSizeF() > 1.5 * QApplication::font().pointSizeF() * 1.5);
    // Arrows move between available views: Overview → Pipeline and back.
    QTest::keyClick(&window, Qt::Key_Right);
    QCOMPARE(window.reportPage()->currentView()->key(), QStringLiteral("pipeline"));
    QTest::keyClick(&window, Qt::Key_Left);
    QCOMPARE(window.reportPage()->currentView(), static_cast<gui::View*>(overview));
    QCOMPARE(window.findChild<QListWidget*>(QStringLiteral("sidebar"))->currentRow(), 1);

    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(!window.isPresenting());
    QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
    QVERIFY(!window.menuBar()->isHidden());
    QVERIFY(!window.findChild<QListWidget*>(QStringLiteral("sidebar"))->isHidden());
    QVERIFY(!window.reportPage()->filterBar()->isHidden());
    QCOMPARE(QApplication::palette().color(QPalette::Window), normalWindow);
    // Outside presentation mode Esc and the arrows are the widgets' again.
    QVERIFY(!window.findChild<QAction*>(QStringLiteral("leavePresentationAction"))->isEnabled());

    // The theme override applies at once.
    m_settings->setThemeChoice(gui::ThemeChoice::Dark);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    m_settings->setThemeChoice(gui::ThemeChoice::Light);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
}

// Not a check: renders both states to PNG for a human to look at. Runs only when asked:
// FAULTLINE_SCREENSHOT_DIR=/tmp/shots QT_QPA_PLATFORM=offscreen tst_main_window screenshots
void TestMainWindow::screenshots()
{
    const QString dir = qEnvironmentVariable("FAULTLINE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set FAULTLINE_SCREENSHOT_DIR to write screenshots");
    QVERIFY(QDir().mkpath(dir));

    const QString recentA = path(QStringLiteral("checkout-service.faultline"));
    const QString recentB = path(QStringLiteral("platform-q3-retro.faultline"));
    createEmptyWorkspace(recentA);
    createEmptyWorkspace(recentB);
    m_settings->addRecentWorkspace(recentA);
    m_settings->addRecentWorkspace(recentB);

    MainWindow window(m_settings.get());
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto shot = [&](const char* name) {
        QTest::qWait(20); // let posted layout requests settle, as they would before a real repaint
        return window.grab().save(dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png"));
    };
    QVERIFY(shot("start_page"));

    QVERIFY(!window.openWorkspace(path(QStringLiteral("nope.faultline"))));
    QVERIFY(shot("start_page_error"));

    QVERIFY(window.openWorkspace(recentB));
    QVERIFY(shot("workspace_empty"));

    window.closeWorkspace();
    {
        auto ws = store::Workspace::open(recentA);
        recordImport(ws, QStringLiteral("/home/alex/exports/actions-runs-2024.json"),
                     QStringLiteral("github-actions"), "s1", 18234, 3);
        recordImport(ws, QStringLiteral("/home/alex/exports/deploys.csv"), QStringLiteral("deployments-csv"),
                     "s2", 412, 0);
        recordImport(ws, QStringLiteral("/home/alex/exports/deploys.csv"), QStringLiteral("deployments-csv"),
                     "s2", 0, 0);
    }
    QVERIFY(window.openWorkspace(recentA));
    QVERIFY(shot("workspace_imports"));

    // Small window, long error: nothing may be cut off or overlap.
    window.closeWorkspace();
    window.resize(820, 560);
    window.showError(
        QStringLiteral("/home/alex/some/rather/deeply/nested/directory/of/exports/for/the/quarterly/"
                       "retrospective/platform-team.faultline was written by a newer Faultline "
                       "(workspace schema v9; this build knows up to v1). Update Faultline to "
                       "open it; the file was not changed."));
    QVERIFY(shot("start_page_small"));

    // The Overview of a small linked workspace, in the window and as a slide.
    const QString overview = path(QStringLiteral("overview.faultline"));
    test::writeOverviewWorkspace(overview);
    window.resize(1440, 900);
    QSignalSpy ready(window.reportPage(), &gui::ReportPage::reportReady);
    QVERIFY(window.openWorkspace(overview));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1, 20000);
    QVERIFY(window.selectView(1));
    QVERIFY(shot("overview_window"));
    m_settings->setThemeChoice(gui::ThemeChoice::Dark);
    QVERIFY(shot("overview_window_dark"));
    m_settings->setThemeChoice(gui::ThemeChoice::Light);
    auto* view = window.findChild<gui::OverviewView*>(QStringLiteral("overviewView"));
    view->showDrillDown(models::DoraTilesModel::ChangeFailureRate);
    QVERIFY(shot("overview_drilldown"));
    view->hideDrillDown();
    window.setPresentationMode(true);
    window.resize(1280, 720);
    QVERIFY(shot("overview_presentation"));
    window.setPresentationMode(false);
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
