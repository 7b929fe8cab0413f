#include "gui/import_history_model.h"
#include "gui/main_window.h"
#include "gui/message_bar.h"
#include "gui/settings.h"
#include "gui/start_page.h"
#include "gui/workspace_page.h"
#include "store/import_batch.h"
#include "store/schema.h"
#include "store/sqlite_database.h"
#include "store/workspace.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

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
    QCOMPARE(sidebar->item(1)->toolTip(), QStringLiteral("Arrives with its issue; import data first"));

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
    QVERIFY(!(sidebar->item(1)->flags() & Qt::ItemIsEnabled));
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
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
