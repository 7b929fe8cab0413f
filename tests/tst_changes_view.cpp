#include "changes_fixture.h"
#include "git_scratch.h"
#include "gui/import_controller.h"
#include "gui/import_log_model.h"
#include "gui/import_progress_widget.h"
#include "gui/main_window.h"
#include "gui/message_bar.h"
#include "gui/settings.h"
#include "gui/views/changes_view.h"
#include "gui/views/view_data.h"
#include "models/change_details_model.h"
#include "models/change_weeks_model.h"
#include "models/changes_model.h"
#include "overview_fixture.h"
#include "store/change_queries.h"
#include "store/import_batch.h"
#include "store/import_queries.h"
#include "store/synthetic_history.h"
#include "store/workspace.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <set>

using namespace faultline;
using gui::ChangesView;
using gui::ImportOutcome;
using models::ChangesModel;
using models::ChangeWeeksModel;
using store::ChangeDetailRow;

namespace {

constexpr std::int64_t kDay = 86400000LL;

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

gui::ViewData loadData(const QString& path, const gui::FilterState& filters = {})
{
    const auto ws = store::Workspace::openReadOnly(path);
    return gui::loadViewData(ws.db(), filters);
}

// Waits for the view's list job to deliver (a model reset after the job finished).
bool waitForList(ChangesView& view)
{
    QSignalSpy reset(view.changesModel(), &QAbstractItemModel::modelReset);
    return reset.wait(10000);
}

} // namespace

class TestChangesView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void firstPageAndWeeks();
    void pagingFetchesEveryRowOnce();
    void pagesArriveLaterAndStaleOnesAreDropped();
    void filters_data();
    void filters();
    void detailsGiveReasons();
    void viewFiltersDrillAndAliases();
    void viewLoadsLaterPagesFromAJob();
    void emptyWorkspaceNamesTheImport();
    void rendersInEveryTheme();
    void importLogModel();
    void etaText();
    void guiImportAddsRowsAndLogsWarnings();
    void guiImportOfUnknownFileFails();
    void cancelledGuiImportLeavesWorkspaceUnchanged();
    void droppedRepositoryImportsHistoryWithEvidence();

private:
    QString path(const QString& name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<gui::Settings> m_settings;
    QString m_workspace;
};

void TestChangesView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestChangesView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<gui::Settings>(path(QStringLiteral("settings.ini")));
    m_workspace = path(QStringLiteral("changes.faultline"));
    test::writeChangesWorkspace(m_workspace);
}

void TestChangesView::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

void TestChangesView::firstPageAndWeeks()
{
    const gui::ViewData data = loadData(m_workspace);
    const gui::ChangesData& changes = data.changes;
    // All 24 commits (days 0–23) fall in the default 90 days ending at midnight after day 23.
    QCOMPARE(changes.total, 24);
    QCOMPARE(int(changes.firstPage.size()), 24);
    QCOMPARE(changes.firstPage.front().sha, test::fixtureSha(23)); // newest first
    QCOMPARE(changes.firstPage.back().sha, test::fixtureSha(0));
    QCOMPARE(changes.aiTools, QStringList({ QStringLiteral("claude-code"), QStringLiteral("copilot") }));

    // Weeks count from the period's start, 66 days before day 0: day d is in week (66 + d) / 7, so
    // days 0–3 in week 9, 4–10 in 10, 11–17 in 11, 18–23 in 12; AI-assisted are the days d % 3 == 0.
    ChangeWeeksModel weeks;
    QAbstractItemModelTester tester(&weeks, QAbstractItemModelTester::FailureReportingMode::QtTest);
    weeks.setResult(changes.weeks);
    QCOMPARE(weeks.rowCount(), 13);
    const std::vector<std::pair<int, int>> expected { { 2, 2 }, { 2, 5 }, { 2, 5 }, { 2, 4 } };
    for (int row = 0; row < 13; ++row) {
        const int ai = row >= 9 ? expected[size_t(row - 9)].first : 0;
        const int notAi = row >= 9 ? expected[size_t(row - 9)].second : 0;
        QCOMPARE(weeks.index(row, ChangeWeeksModel::AiAssisted).data().toInt(), ai);
        QCOMPARE(weeks.index(row, ChangeWeeksModel::NotAiAssisted).data().toInt(), notAi);
    }
    QCOMPARE(weeks.total(), 24);
    QCOMPARE(weeks.index(9, ChangeWeeksModel::WeekStart).data().toLongLong(),
             test::kOverviewBase - 66 * kDay + 9 * 7 * kDay);
    QVERIFY(weeks.index(9, ChangeWeeksModel::AiAssisted)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("n = 4")));
}

void TestChangesView::pagingFetchesEveryRowOnce()
{
    const gui::ViewData data = loadData(m_workspace);
    const auto ws = store::Workspace::openReadOnly(m_workspace);
    const store::ChangeFilter filter = data.changes.filter;
    int pagesRead = 0;
    ChangesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(5);
    model.setFirstPage(store::loadChangesPage(ws.db(), filter, std::nullopt, 5),
                       store::countChanges(ws.db(), filter),
                       [&](const std::optional<store::ChangeCursor>& after, int limit,
                           const ChangesModel::Deliver& deliver) {
                           ++pagesRead;
                           deliver(store::loadChangesPage(ws.db(), filter, after, limit));
                       });
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.totalCount(), 24);
    QVERIFY(model.canFetchMore({}));
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(pagesRead, 4); // 5 + 4 × 5 = 25 > 24: the fourth page is short and ends the list
    QCOMPARE(model.rowCount(), 24);
    std::set<QString> seen;
    for (int row = 0; row < model.rowCount(); ++row) {
        // Newest first without gaps or repeats across page boundaries.
        QCOMPARE(model.index(row, ChangesModel::Commit).data(ChangesModel::ShaRole).toString(),
                 test::fixtureSha(23 - row));
        seen.insert(model.row(row).sha);
    }
    QCOMPARE(int(seen.size()), 24);
    // Evidence: the matched rule, where it matched and the matched text.
    const int claudeRow = 23 - 18;
    QCOMPARE(model.index(claudeRow, ChangesModel::AiTool).data().toString(), QStringLiteral("claude-code"));
    QCOMPARE(
        model.index(claudeRow, ChangesModel::Evidence).data().toString(),
        QStringLiteral("rule claude-trailer in trailer: “Co-Authored-By: Claude <noreply@anthropic.com>”"));
    QVERIFY(model.index(claudeRow, ChangesModel::Commit).data(ChangesModel::IsAiRole).toBool());
    QCOMPARE(model.index(0, ChangesModel::Evidence).data().toString(), QString()); // day 23: not AI
}

void TestChangesView::pagesArriveLaterAndStaleOnesAreDropped()
{
    const gui::ViewData data = loadData(m_workspace);
    const auto ws = store::Workspace::openReadOnly(m_workspace);
    const store::ChangeFilter filter = data.changes.filter;
    std::vector<std::pair<std::optional<store::ChangeCursor>, ChangesModel::Deliver>> pending;
    const auto source = [&](const std::optional<store::ChangeCursor>& after, int,
                            const ChangesModel::Deliver& deliver) { pending.emplace_back(after, deliver); };
    ChangesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(10);
    model.setFirstPage(store::loadChangesPage(ws.db(), filter, std::nullopt, 10), 24, source);
    model.fetchMore({});
    QCOMPARE(int(pending.size()), 1);
    // While the page is on its way, no second request for the same rows.
    QVERIFY(model.isFetching());
    QVERIFY(!model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(int(pending.size()), 1);
    QCOMPARE(pending.front().first->id, model.row(9).id); // keyset: after the last row held
    pending.front().second(store::loadChangesPage(ws.db(), filter, pending.front().first, 10));
    QCOMPARE(model.rowCount(), 20);
    QVERIFY(model.canFetchMore({}));

    // A page requested for a list that has been replaced since (filter change) is dropped.
    model.fetchMore({});
    QCOMPARE(int(pending.size()), 2);
    store::ChangeFilter aiOnly = filter;
    aiOnly.aiOnly = true;
    model.setFirstPage(store::loadChangesPage(ws.db(), aiOnly, std::nullopt, 10), 8, source);
    QCOMPARE(model.rowCount(), 8);
    pending.back().second(store::loadChangesPage(ws.db(), filter, pending.back().first, 10));
    QCOMPARE(model.rowCount(), 8);
    QVERIFY(!model.canFetchMore({})); // 8 of 8: complete
}

void TestChangesView::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<bool>("aiOnly");
    QTest::addColumn<bool>("notAiOnly");
    QTest::addColumn<int>("expected");
    QTest::addRow("everything") << QString() << QString() << false << false << 24;
    QTest::addRow("AI-assisted only") << QString() << QString() << true << false << 8;
    QTest::addRow("not AI-assisted") << QString() << QString() << false << true << 16;
    QTest::addRow("one tool") << QString() << QStringLiteral("copilot") << false << false << 4;
    // "Change 1", "Change 10" … "Change 19"
    QTest::addRow("subject text") << QStringLiteral("change 1") << QString() << false << false << 11;
    QTest::addRow("author text") << QStringLiteral("alice") << QString() << false << false << 4;
    QTest::addRow("sha text") << test::fixtureSha(9).right(12) << QString() << false << false << 1;
    QTest::addRow("LIKE wildcards are literal") << QStringLiteral("%") << QString() << false << false << 0;
    // "Change N" is the commit of day N − 1; AI-assisted days are multiples of 3: N = 1, 10, 13, 16, 19.
    QTest::addRow("text and AI") << QStringLiteral("change 1") << QString() << true << false << 5;
}

void TestChangesView::filters()
{
    QFETCH(QString, text);
    QFETCH(QString, tool);
    QFETCH(bool, aiOnly);
    QFETCH(bool, notAiOnly);
    QFETCH(int, expected);
    const gui::ViewData data = loadData(m_workspace);
    store::ChangeFilter filter = data.changes.filter;
    filter.text = text;
    filter.aiTool = tool;
    filter.aiOnly = aiOnly;
    filter.notAiOnly = notAiOnly;
    const auto ws = store::Workspace::openReadOnly(m_workspace);
    QCOMPARE(store::countChanges(ws.db(), filter), expected);
    const auto rows = store::loadChangesPage(ws.db(), filter, std::nullopt, 100);
    QCOMPARE(int(rows.size()), expected);
    std::int64_t weekly = 0;
    for (const auto& week : store::loadChangeWeeks(ws.db(), filter))
        weekly += week.aiAssisted + week.notAiAssisted;
    QCOMPARE(weekly, expected);
}

void TestChangesView::detailsGiveReasons()
{
    const auto ws = store::Workspace::openReadOnly(m_workspace);
    store::ChangeFilter filter = loadData(m_workspace).changes.filter;
    filter.text = test::fixtureSha(3);
    const auto rows = store::loadChangesPage(ws.db(), filter, std::nullopt, 1);
    QCOMPARE(int(rows.size()), 1);
    models::ChangeDetailsModel details;
    QAbstractItemModelTester tester(&details, QAbstractItemModelTester::FailureReportingMode::QtTest);
    details.setResult(store::loadChangeDetails(ws.db(), rows.front().id));
    QCOMPARE(details.count(ChangeDetailRow::Kind::File), 1);
    QCOMPARE(details.index(0, models::ChangeDetailsModel::Item).data().toString(),
             QStringLiteral("src/file3.c"));
    // The shop deployment of day 3 carries the commit of day 3 and is the first successful production one.
    QVERIFY(details.count(ChangeDetailRow::Kind::Deployment) >= 1);
    int deployment = -1;
    for (int row = 0; row < details.rowCount(); ++row) {
        if (details.index(row, 0).data(models::ChangeDetailsModel::KindRole).toInt()
            == int(ChangeDetailRow::Kind::Deployment)) {
            deployment = row;
            break;
        }
    }
    QVERIFY(deployment >= 0);
    QVERIFY2(details.index(deployment, models::ChangeDetailsModel::Item)
                 .data()
                 .toString()
                 .startsWith(QStringLiteral("shop production success")),
             qPrintable(details.index(deployment, models::ChangeDetailsModel::Item).data().toString()));
    QVERIFY(details.index(deployment, models::ChangeDetailsModel::Reason)
                .data()
                .toString()
                .startsWith(QStringLiteral("shipped it to production")));
    QCOMPARE(details.index(deployment, models::ChangeDetailsModel::When).data().toString(),
             QStringLiteral("2026-03-05 12:00"));
    QCOMPARE(details.count(ChangeDetailRow::Kind::CiRun), 1);
    QCOMPARE(details.count(ChangeDetailRow::Kind::Incident), 1);
    const int last = details.rowCount() - 1;
    QCOMPARE(details.index(last, models::ChangeDetailsModel::Item).data().toString(),
             QStringLiteral("INC-7 Checkout errors after release"));
    QCOMPARE(details.index(last, models::ChangeDetailsModel::Reason).data().toString(),
             QStringLiteral("names this commit as its cause"));
    QCOMPARE(details.index(last - 1, models::ChangeDetailsModel::Item).data().toString(),
             QStringLiteral("github build #41 failure"));
}

void TestChangesView::viewFiltersDrillAndAliases()
{
    ChangesView view;
    view.setReport(loadData(m_workspace));
    QVERIFY(!view.isEmptyState());
    QCOMPARE(view.changesModel()->rowCount(), 24);
    QCOMPARE(view.weeksModel()->rowCount(), 13);
    QCOMPARE(view.toolFilter()->count(), 3); // any + two tools

    view.textFilter()->setText(QStringLiteral("change 1"));
    QVERIFY(waitForList(view));
    QCOMPARE(view.changesModel()->rowCount(), 11);
    view.aiOnlyFilter()->setChecked(true);
    QVERIFY(waitForList(view));
    QCOMPARE(view.changesModel()->rowCount(), 5);
    view.textFilter()->clear();
    QVERIFY(waitForList(view));
    QCOMPARE(view.changesModel()->rowCount(), 8);
    view.aiOnlyFilter()->setChecked(false);
    QVERIFY(waitForList(view));
    QCOMPARE(view.changesModel()->rowCount(), 24);

    // The bar of week 10 (days 4–10), not AI-assisted: days 4, 5, 7, 8, 10.
    view.drillIntoWeek(10, false);
    QVERIFY(waitForList(view));
    QCOMPARE(view.changesModel()->rowCount(), 5);
    QStringList shas;
    for (int row = 0; row < 5; ++row)
        shas << view.changesModel()->row(row).sha;
    QCOMPARE(shas,
             QStringList({ test::fixtureSha(10), test::fixtureSha(8), test::fixtureSha(7),
                           test::fixtureSha(5), test::fixtureSha(4) }));
    QCOMPARE(view.weeksModel()->total(), 24); // the chart keeps every week
    view.clearDrill();
    QVERIFY(waitForList(view));
    QCOMPARE(view.changesModel()->rowCount(), 24);

    // Details arrive from a job for the selected commit.
    QSignalSpy details(view.detailsModel(), &QAbstractItemModel::modelReset);
    view.showDetails(23 - 3);
    QVERIFY(details.wait(10000));
    QCOMPARE(view.detailsModel()->count(ChangeDetailRow::Kind::Incident), 1);

    const int aliceRow = 23 - 18;
    QCOMPARE(view.changesModel()->index(aliceRow, ChangesModel::Author).data().toString(),
             QStringLiteral("Alice Example"));
    view.setAnonymise(true);
    const QString alias = view.changesModel()->index(aliceRow, ChangesModel::Author).data().toString();
    QVERIFY2(alias.startsWith(QStringLiteral("Person ")), qPrintable(alias));
    view.setAnonymise(false);
    QCOMPARE(view.changesModel()->index(aliceRow, ChangesModel::Author).data().toString(),
             QStringLiteral("Alice Example"));
}

void TestChangesView::viewLoadsLaterPagesFromAJob()
{
    // 450 commits, one an hour: more than two pages of the view (200 rows each).
    const QString big = path(QStringLiteral("many.faultline"));
    {
        store::Workspace ws = store::Workspace::create(big);
        store::ImportBatch batch(ws, { big, QStringLiteral("test"), QByteArray("many") });
        store::SyntheticHistory history(batch);
        const std::int64_t repo = history.addRepository(QStringLiteral("many"), path(QStringLiteral("many")));
        for (int i = 0; i < 450; ++i) {
            store::SyntheticHistory::Commit c;
            c.sha = QStringLiteral("%1").arg(i + 1, 40, 16, QLatin1Char('0'));
            c.subject = QStringLiteral("Commit %1").arg(i);
            c.authoredAt = test::kOverviewBase + i * 3600000LL;
            c.files = QStringList { QStringLiteral("f.c") };
            c.addedLines = 1;
            history.addCommit(repo, c);
        }
        history.flush();
        batch.commit();
    }
    ChangesView view;
    view.setReport(loadData(big));
    ChangesModel* model = view.changesModel();
    QCOMPARE(model->totalCount(), 450);
    QCOMPARE(model->rowCount(), gui::kChangesPageSize);
    for (const int expected : { 400, 450 }) {
        QVERIFY(model->canFetchMore({}));
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        model->fetchMore({});
        QVERIFY(model->isFetching()); // the page comes from a background job
        QVERIFY(inserted.wait(10000));
        QCOMPARE(model->rowCount(), expected);
    }
    QVERIFY(!model->canFetchMore({}));
    QCOMPARE(model->row(449).subject, QStringLiteral("Commit 0"));
    std::set<std::int64_t> ids;
    for (int row = 0; row < model->rowCount(); ++row)
        ids.insert(model->row(row).id);
    QCOMPARE(int(ids.size()), 450);
}

void TestChangesView::emptyWorkspaceNamesTheImport()
{
    const QString empty = path(QStringLiteral("empty.faultline"));
    store::Workspace::create(empty);
    ChangesView view;
    view.setReport(loadData(empty));
    QVERIFY(view.isEmptyState());
    QVERIFY(view.emptyStateText().contains(QStringLiteral("faultline import git <repository>")));
    QCOMPARE(view.changesModel()->rowCount(), 0);
}

void TestChangesView::rendersInEveryTheme()
{
    const gui::ViewData data = loadData(m_workspace);
    for (const auto kind : { gui::ThemeKind::Light, gui::ThemeKind::Dark, gui::ThemeKind::HighContrast }) {
        ChangesView view;
        view.setTheme(gui::Theme::forKind(kind));
        view.setReport(data);
        const QSize size = kind == gui::ThemeKind::HighContrast ? QSize(1280, 720) : QSize(1600, 900);
        const QImage image = view.renderToImage(size);
        QCOMPARE(image.size(), size);
        // The bars are painted in the two segment colours.
        bool ai = false;
        bool notAi = false;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2) {
                const QRgb pixel = image.pixel(x, y);
                ai = ai || pixel == gui::Theme::aiColour().rgb();
                notAi = notAi || pixel == gui::Theme::notAiColour().rgb();
            }
        }
        QVERIFY(ai);
        QVERIFY(notAi);
    }
}

void TestChangesView::importLogModel()
{
    gui::ImportLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    gui::ImportLogEntry first;
    first.path = QStringLiteral("/x/a.csv");
    first.format = QStringLiteral("deploys/csv");
    first.outcome = QStringLiteral("3 rows added, 2 warnings");
    first.warnings
        = { { QStringLiteral("status"), QStringLiteral("/x/a.csv"), 4, {}, QStringLiteral("unknown") },
            { QStringLiteral("time"), QStringLiteral("/x/a.csv"), 0, QStringLiteral("$[2]"),
              QStringLiteral("bad") } };
    model.addImport({ first });
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1, gui::ImportLogModel::Line).data().toLongLong(), 4);
    QCOMPARE(model.index(2, gui::ImportLogModel::Line).data().toString(), QStringLiteral("$[2]"));
    QCOMPARE(model.index(1, gui::ImportLogModel::Detail).data().toString(),
             QStringLiteral("status: unknown"));
    gui::ImportLogEntry cancelled;
    cancelled.outcome = QStringLiteral("cancelled");
    cancelled.failed = true;
    model.addImport({ cancelled });
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(model.index(0, 0).data(gui::ImportLogModel::FailedRole).toBool()); // newest first
    QCOMPARE(model.warningCount(), 2);
}

void TestChangesView::etaText()
{
    QCOMPARE(gui::ImportProgressWidget::etaText(10000, 0.5), QStringLiteral("about 10 s left"));
    QCOMPARE(gui::ImportProgressWidget::etaText(60000, 0.25), QStringLiteral("about 3 min left"));
    QCOMPARE(gui::ImportProgressWidget::etaText(500, 0.5), QString()); // too early to tell
    QCOMPARE(gui::ImportProgressWidget::etaText(10000, 0.0), QString());
}

void TestChangesView::guiImportAddsRowsAndLogsWarnings()
{
    gui::MainWindow window(m_settings.get());
    QVERIFY(window.openWorkspace(m_workspace));
    const auto before = store::importHistory(store::Workspace::openReadOnly(m_workspace).db()).size();
    QSignalSpy finished(window.importController(), &gui::ImportController::finished);
    // A GitHub Actions run with status values the importer does not know: imported, with two warnings.
    const QString runs = QStringLiteral(FAULTLINE_TEST_DATA "/github-actions/run_unknown_values.json");
    QVERIFY(window.importPaths({ runs }));
    QVERIFY(finished.wait(30000));
    const auto outcome = finished.takeFirst().at(0).value<ImportOutcome>();
    QVERIFY2(outcome.status == ImportOutcome::Status::Succeeded, qPrintable(outcome.message));
    QVERIFY(outcome.rowsAdded > 0);
    QCOMPARE(outcome.entries.front().path, runs);
    QCOMPARE(outcome.entries.front().format, QStringLiteral("ci/github"));
    const auto after = store::importHistory(store::Workspace::openReadOnly(m_workspace).db());
    QCOMPARE(after.size(), before + 1);
    // The log panel lists the import with the warnings the importer recorded for it.
    QCOMPARE(after.front().warningCount, 2);
    QCOMPARE(outcome.rowsAdded, after.front().rowsAdded);
    QCOMPARE(window.importLog()->warningCount(), 2);
    QCOMPARE(window.importLog()->rowCount(), 3); // the import and its two warnings
    QVERIFY(window.importLog()->index(1, 0).data(gui::ImportLogModel::IsWarningRole).toBool());
    QCOMPARE(window.importLog()->index(1, gui::ImportLogModel::File).data().toString(),
             QStringLiteral("run_unknown_values.json"));
    QVERIFY(!window.importController()->isRunning());
}

void TestChangesView::guiImportOfUnknownFileFails()
{
    gui::MainWindow window(m_settings.get());
    QVERIFY(window.openWorkspace(m_workspace));
    const QString junk = path(QStringLiteral("notes.txt"));
    QFile file(junk);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("just some notes\n");
    file.close();
    QSignalSpy finished(window.importController(), &gui::ImportController::finished);
    QVERIFY(window.importPaths({ junk }));
    QVERIFY(finished.wait(30000));
    const auto outcome = finished.takeFirst().at(0).value<ImportOutcome>();
    QCOMPARE(int(outcome.status), int(ImportOutcome::Status::Failed));
    QVERIFY(outcome.message.contains(QStringLiteral("notes.txt")));
    const auto* bar = window.findChild<gui::MessageBar*>();
    QVERIFY(bar);
    QVERIFY(bar->text().contains(QStringLiteral("Nothing to import")));
}

void TestChangesView::cancelledGuiImportLeavesWorkspaceUnchanged()
{
    // A deployment CSV big enough that the importer reports progress many times before it commits.
    const QString csv = path(QStringLiteral("big_deployments.csv"));
    {
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("deployment_id,service,environment,status,started_at,finished_at,commit_sha\n");
        for (int i = 0; i < 200000; ++i)
            file.write(QStringLiteral(
                           "big-%1,svc%2,production,success,2026-03-%3T10:00:00Z,2026-03-%3T10:05:00Z,%4\n")
                           .arg(i)
                           .arg(i % 7)
                           .arg(1 + i % 28, 2, 10, QLatin1Char('0'))
                           .arg(test::fixtureSha(i % 24))
                           .toUtf8());
    }
    const QByteArray before = fileHash(m_workspace);
    QVERIFY(!before.isEmpty());
    {
        gui::MainWindow window(m_settings.get());
        QVERIFY(window.openWorkspace(m_workspace));
        QSignalSpy progress(window.importController(), &gui::ImportController::progressChanged);
        QSignalSpy finished(window.importController(), &gui::ImportController::finished);
        QVERIFY(window.importPaths({ csv }));
        QVERIFY(window.importProgress()->isVisibleTo(&window));
        QVERIFY(!window.importPaths({ csv })); // one import at a time
        QVERIFY(progress.wait(30000));
        // Cancel through the status bar's button, as the user would, while the import is running.
        QVERIFY(finished.isEmpty());
        window.importProgress()->cancelButton()->click();
        QVERIFY(finished.wait(60000));
        const auto outcome = finished.takeFirst().at(0).value<ImportOutcome>();
        QCOMPARE(int(outcome.status), int(ImportOutcome::Status::Cancelled));
        QCOMPARE(outcome.rowsAdded, 0);
        QVERIFY(outcome.message.contains(QStringLiteral("unchanged")));
        QVERIFY(!window.importProgress()->isVisibleTo(&window));
        QVERIFY(window.importLog()->index(0, 0).data(gui::ImportLogModel::FailedRole).toBool());
        window.closeWorkspace();
    }
    QCOMPARE(fileHash(m_workspace), before);
    QVERIFY(!QFile::exists(m_workspace + QStringLiteral("-wal"))
            || QFileInfo(m_workspace + QStringLiteral("-wal")).size() == 0);
    const auto ws = store::Workspace::openReadOnly(m_workspace);
    QCOMPARE(store::importHistory(ws.db()).size(), size_t(2)); // the two fixture batches only
}

void TestChangesView::droppedRepositoryImportsHistoryWithEvidence()
{
    test::Scratch repo = test::Scratch::create(path(QStringLiteral("repo")));
    repo.write(QStringLiteral("a.txt"), "one\n");
    repo.commit(QStringLiteral("Add a"));
    repo.write(QStringLiteral("a.txt"), "one\ntwo\n");
    const QString aiSha
        = repo.commit(QStringLiteral("Extend a\n\nCo-authored-by: Claude <noreply@anthropic.com>"));

    const QString empty = path(QStringLiteral("fresh.faultline"));
    store::Workspace::create(empty);
    gui::MainWindow window(m_settings.get());
    QVERIFY(window.openWorkspace(empty));
    QSignalSpy finished(window.importController(), &gui::ImportController::finished);
    // Dropping the repository folder on the window, as from a file manager.
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(repo.dir()) });
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(finished.wait(60000));
    const auto outcome = finished.takeFirst().at(0).value<ImportOutcome>();
    QVERIFY2(outcome.status == ImportOutcome::Status::Succeeded, qPrintable(outcome.message));
    QCOMPARE(outcome.entries.front().format, QStringLiteral("git/git"));

    const auto ws = store::Workspace::openReadOnly(empty);
    store::ChangeFilter filter;
    filter.toMs = std::numeric_limits<std::int64_t>::max();
    QCOMPARE(store::countChanges(ws.db(), filter), 2);
    filter.aiOnly = true;
    const auto rows = store::loadChangesPage(ws.db(), filter, std::nullopt, 10);
    QCOMPARE(int(rows.size()), 1);
    QCOMPARE(rows.front().sha, aiSha);
    QCOMPARE(rows.front().aiTool, QStringLiteral("claude-code"));
    QVERIFY2(ChangesModel::evidenceText(rows.front()).contains(QStringLiteral("noreply@anthropic.com")),
             qPrintable(ChangesModel::evidenceText(rows.front())));
}

QTEST_MAIN(TestChangesView)
#include "tst_changes_view.moc"
