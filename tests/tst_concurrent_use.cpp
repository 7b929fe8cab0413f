// Issue 10, concurrent use of one workspace (WAL):
//  - readers (the GUI's loadViewData on its own read-only connection, a light reader that opens a
//    connection per query as the GUI's background jobs do, and `faultline metrics`) run while CLI
//    imports write: no read fails, none sees half an import, and the first read after an import
//    has exited sees all of it;
//  - two imports at once: both end, the second having waited for the first, and the workspace holds
//    exactly the data of both;
//  - an import that cannot get the workspace within the busy timeout says that another import is
//    writing it, naming the workspace, instead of SQLite's "database is locked", and changes nothing.
// Inputs are the demo team's exports (the plan and the real export writers, without the git
// repository), imported through the binary a user runs.
#include "demo_exports.h"
#include "gui/filter_state.h"
#include "gui/views/view_data.h"
#include "metrics/metrics_json.h"
#include "store/sqlite_database.h"
#include "store/workspace.h"
#include "store_snapshot.h"
#include "test_support.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

using namespace faultline;
using test::S;

namespace {

using test::Snapshot;
using test::snapshot;

using Counts = test::RowCounts;
using test::describe;
using test::removeWorkspace;

Counts counts(const QString& workspace)
{
    return test::rowCounts(snapshot(store::Workspace::openReadOnly(workspace).db()));
}

QString integrity(const QString& workspace)
{
    return test::integrityCheck(store::Workspace::openReadOnly(workspace).db());
}

// What a message shown to the user must never be: SQLite's own words for a busy database.
bool rawBusy(const QString& err)
{
    return err.contains(QLatin1String("database is locked"), Qt::CaseInsensitive)
        || err.contains(QLatin1String("SQLITE_BUSY"));
}

// What the GUI shows for the default filters: the metrics report as JSON and the Pipeline view's jobs.
QByteArray guiView(const store::SqliteDatabase& db)
{
    const gui::ViewData data = gui::loadViewData(db, gui::FilterState {});
    const auto jobs = data.pipeline ? data.pipeline->jobsById.size() : 0;
    return metrics::toJsonText(data.report) + "\njobs " + QByteArray::number(qulonglong(jobs));
}

QByteArray lightView(const store::SqliteDatabase& db)
{
    return QByteArray::number(db.queryInt64("SELECT count(*) FROM pipeline_runs")) + ' '
        + QByteArray::number(db.queryInt64("SELECT count(*) FROM jobs")) + ' '
        + QByteArray::number(db.queryInt64("SELECT count(*) FROM test_cases"));
}

// A reader thread: opens its own read-only connection for every read, as the GUI's background jobs
// do, and records when each read ran, what it saw and any error.
class Reader
{
public:
    struct Read
    {
        qint64 startedMs = 0;
        qint64 endedMs = 0;
        QByteArray view;
        QString error;
    };

    Reader(QString workspace, std::function<QByteArray(const store::SqliteDatabase&)> view, int pauseMs,
           const QElapsedTimer& clock)
        : m_workspace(std::move(workspace))
        , m_view(std::move(view))
        , m_pauseMs(pauseMs)
        , m_clock(clock)
        , m_thread([this] { loop(); })
    { }
    ~Reader() { stop(); }

    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    std::vector<Read> reads() const
    {
        const std::lock_guard lock(m_mutex);
        return m_reads;
    }

private:
    void loop()
    {
        while (!m_stop) {
            Read read;
            read.startedMs = m_clock.elapsed();
            try {
                const store::Workspace ws = store::Workspace::openReadOnly(m_workspace);
                read.view = m_view(ws.db());
            } catch (const std::exception& e) {
                read.error = QString::fromUtf8(e.what());
            }
            read.endedMs = m_clock.elapsed();
            {
                const std::lock_guard lock(m_mutex);
                m_reads.push_back(read);
            }
            QThread::msleep(m_pauseMs);
        }
    }

    const QString m_workspace;
    const std::function<QByteArray(const store::SqliteDatabase&)> m_view;
    const int m_pauseMs;
    const QElapsedTimer& m_clock;
    std::atomic<bool> m_stop { false };
    mutable std::mutex m_mutex;
    std::vector<Read> m_reads;
    std::thread m_thread; // last: starts once the members above exist
};

} // namespace

class TestConcurrentUse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readersNeverFailWhileImportsWrite();
    void twoImportsAtOnce_data();
    void twoImportsAtOnce();
    void busyWorkspaceIsReportedClearly();

private:
    QStringList importArgs(const QStringList& what, const QString& workspace) const;
    QStringList importA(const QString& workspace) const; // the CI import, the longer one
    QStringList importB(const QString& workspace) const; // pull requests
    void runToEnd(const QStringList& args);
    // Imports `stages` one after the other into a copy of the base; the counts after each.
    void reference(const std::vector<QStringList>& stages, const QString& name, std::vector<Counts>& after,
                   std::vector<qint64>& ms);
    // Checks every read of `reader`: no error, only whole-import states, the first read after each
    // stage ended sees that stage.
    void checkReads(const char* name, const std::vector<Reader::Read>& reads,
                    const std::vector<QByteArray>& views, const std::vector<qint64>& endedAt);

    QTemporaryDir m_dir;
    QString m_exports;
    QString m_base; // deployments and incidents
    Counts m_baseCounts;
    Counts m_afterA, m_afterB, m_afterAB, m_afterBA;
    qint64 m_aMs = 0, m_bMs = 0;
};

QStringList TestConcurrentUse::importArgs(const QStringList& what, const QString& workspace) const
{
    QStringList args { S("import") };
    args << what.front();
    for (qsizetype i = 1; i < what.size(); ++i)
        args << QDir(m_exports).filePath(what.at(i));
    return args << S("--workspace") << workspace;
}

QStringList TestConcurrentUse::importA(const QString& workspace) const
{
    return importArgs({ S("ci"), S("runs.jsonl"), S("jobs.jsonl"), S("junit") }, workspace);
}

QStringList TestConcurrentUse::importB(const QString& workspace) const
{
    return importArgs({ S("prs"), S("pull-requests") }, workspace);
}

void TestConcurrentUse::runToEnd(const QStringList& args)
{
    const auto r = test::runFaultline(args);
    QVERIFY2(r.exitCode == 0, qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char('\n') + r.err));
}

void TestConcurrentUse::reference(const std::vector<QStringList>& stages, const QString& name,
                                  std::vector<Counts>& after, std::vector<qint64>& ms)
{
    const QString workspace = m_dir.filePath(name + S(".faultline"));
    removeWorkspace(workspace);
    QVERIFY(QFile::copy(m_base, workspace));
    for (const QStringList& stage : stages) {
        QElapsedTimer timer;
        timer.start();
        runToEnd(importArgs(stage, workspace));
        if (QTest::currentTestFailed())
            return;
        ms.push_back(timer.elapsed());
        after.push_back(counts(workspace));
    }
}

void TestConcurrentUse::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(!qEnvironmentVariableIsEmpty("FAULTLINE_BINARY"), "run through ctest");
    m_exports = m_dir.filePath(S("exports"));
    QVERIFY(QDir().mkpath(m_exports));
    test::writeDemoExports(m_exports);
    m_base = m_dir.filePath(S("base.faultline"));
    runToEnd(importArgs({ S("deploys"), S("deployments") }, m_base));
    runToEnd(importArgs({ S("incidents"), S("incidents") }, m_base));
    if (QTest::currentTestFailed())
        return;
    m_baseCounts = counts(m_base);

    const QStringList a { S("ci"), S("runs.jsonl"), S("jobs.jsonl"), S("junit") };
    const QStringList b { S("prs"), S("pull-requests") };
    std::vector<Counts> ab, ba;
    std::vector<qint64> abMs, baMs;
    reference({ a, b }, S("ab"), ab, abMs);
    reference({ b, a }, S("ba"), ba, baMs);
    if (QTest::currentTestFailed())
        return;
    m_afterA = ab.at(0);
    m_afterAB = ab.at(1);
    m_afterB = ba.at(0);
    m_afterBA = ba.at(1);
    m_aMs = abMs.at(0);
    m_bMs = baMs.at(0);
    qInfo("alone: the CI import (A) takes %lld ms, the pull-request import (B) %lld ms", m_aMs, m_bMs);
}

void TestConcurrentUse::checkReads(const char* name, const std::vector<Reader::Read>& reads,
                                   const std::vector<QByteArray>& views, const std::vector<qint64>& endedAt)
{
    qint64 longest = 0;
    qsizetype stage = 0; // the latest state this reader has seen: reads never go back in time
    for (const Reader::Read& read : reads) {
        QVERIFY2(read.error.isEmpty(),
                 qPrintable(QStringLiteral("%1 read at %2 ms failed: %3")
                                .arg(QLatin1String(name))
                                .arg(read.startedMs)
                                .arg(read.error)));
        // Two states may look alike to a reader (runs without jobs leave the GUI's report as it
        // was): take the latest one that matches.
        const auto seen = std::find(views.rbegin(), views.rend() - stage, read.view);
        QVERIFY2(seen != views.rend() - stage,
                 qPrintable(QStringLiteral("%1 read at %2 ms saw a state no whole import leaves: %3")
                                .arg(QLatin1String(name))
                                .arg(read.startedMs)
                                .arg(QString::fromUtf8(read.view.right(200)))));
        stage = views.rend() - seen - 1;
        // A read that began after stage k's import had exited sees stage k (or a later one).
        for (qsizetype k = 0; k < qsizetype(endedAt.size()); ++k) {
            if (read.startedMs > endedAt[k])
                QVERIFY2(stage >= k + 1,
                         qPrintable(QStringLiteral("%1 read at %2 ms missed import %3")
                                        .arg(QLatin1String(name))
                                        .arg(read.startedMs)
                                        .arg(k + 1)));
        }
        longest = std::max(longest, read.endedMs - read.startedMs);
    }
    qInfo("%s: %d reads, none failed, longest %lld ms", name, int(reads.size()), longest);
}

void TestConcurrentUse::readersNeverFailWhileImportsWrite()
{
    // Three imports, one after the other, each its own commit.
    const std::vector<QStringList> stages { { S("ci"), S("runs.jsonl") },
                                            { S("ci"), S("jobs.jsonl") },
                                            { S("ci"), S("junit") } };
    // What each reader must see before the first import and after each one.
    std::vector<QByteArray> guiViews, lightViews;
    {
        const QString workspace = m_dir.filePath(S("stages.faultline"));
        removeWorkspace(workspace);
        QVERIFY(QFile::copy(m_base, workspace));
        for (qsizetype i = 0; i <= qsizetype(stages.size()); ++i) {
            if (i > 0)
                runToEnd(importArgs(stages[i - 1], workspace));
            const store::Workspace ws = store::Workspace::openReadOnly(workspace);
            guiViews.push_back(guiView(ws.db()));
            lightViews.push_back(lightView(ws.db()));
        }
    }
    for (qsizetype i = 1; i < qsizetype(lightViews.size()); ++i)
        QVERIFY(lightViews[i] != lightViews[i - 1]); // every import brings rows a reader can see

    const QString workspace = m_dir.filePath(S("read.faultline"));
    removeWorkspace(workspace);
    QVERIFY(QFile::copy(m_base, workspace));
    QElapsedTimer clock;
    clock.start();
    Reader gui(workspace, guiView, 1, clock);
    // Short idle gaps between connections: an import that closes then finds no reader, so it
    // checkpoints and removes the WAL while the next read opens.
    Reader light(workspace, lightView, 3, clock);
    std::vector<qint64> endedAt;
    int metricsRuns = 0;
    for (const QStringList& stage : stages) {
        QProcess import;
        import.start(qEnvironmentVariable("FAULTLINE_BINARY"), importArgs(stage, workspace));
        QVERIFY(import.waitForStarted());
        while (!import.waitForFinished(0)) {
            const auto metrics = test::runFaultline({ S("metrics"), S("--workspace"), workspace });
            ++metricsRuns;
            QVERIFY2(metrics.exitCode == 0 && !rawBusy(metrics.err), qPrintable(metrics.err));
        }
        QVERIFY2(import.exitCode() == 0, import.readAllStandardError().constData());
        endedAt.push_back(clock.elapsed());
        // Let both readers read at least once after the commit.
        const auto readSince = [&](const Reader& r) {
            const auto reads = r.reads();
            return std::any_of(reads.begin(), reads.end(),
                               [&](const Reader::Read& read) { return read.startedMs > endedAt.back(); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(readSince(gui) && readSince(light), 60000);
    }
    gui.stop();
    light.stop();
    checkReads("GUI view", gui.reads(), guiViews, endedAt);
    checkReads("light reader", light.reads(), lightViews, endedAt);
    qInfo("faultline metrics ran %d times during the imports, none failed", metricsRuns);
    QCOMPARE(integrity(workspace), S("ok"));
}

void TestConcurrentUse::twoImportsAtOnce_data()
{
    QTest::addColumn<int>("percent"); // B starts at this share of A's measured duration
    for (const int percent : { 0, 30, 70, 95 })
        QTest::addRow("B starts at %d %% of A", percent) << percent;
}

void TestConcurrentUse::twoImportsAtOnce()
{
    QFETCH(int, percent);
    const QString workspace = m_dir.filePath(S("both.faultline"));
    removeWorkspace(workspace);
    QVERIFY(QFile::copy(m_base, workspace));
    QProcess a, b;
    QElapsedTimer aTimer, bTimer;
    a.start(qEnvironmentVariable("FAULTLINE_BINARY"), importA(workspace));
    aTimer.start();
    QVERIFY(a.waitForStarted());
    QThread::msleep(static_cast<unsigned long>(m_aMs * percent / 100));
    b.start(qEnvironmentVariable("FAULTLINE_BINARY"), importB(workspace));
    bTimer.start();
    QVERIFY(b.waitForStarted());
    QVERIFY(a.waitForFinished(120000));
    const qint64 aMs = aTimer.elapsed();
    QVERIFY(b.waitForFinished(120000));
    const qint64 bMs = bTimer.elapsed();
    QCOMPARE(a.exitStatus(), QProcess::NormalExit);
    QCOMPARE(b.exitStatus(), QProcess::NormalExit);
    const QString aErr = QString::fromUtf8(a.readAllStandardError());
    const QString bErr = QString::fromUtf8(b.readAllStandardError());
    for (const auto& [code, err] : { std::pair { a.exitCode(), aErr }, std::pair { b.exitCode(), bErr } }) {
        QVERIFY2(code == 0 || code == 1, qPrintable(err));
        QVERIFY2(!rawBusy(err), qPrintable(err));
        if (code == 1) // a clear message naming the workspace
            QVERIFY2(err.contains(workspace) && err.contains(QLatin1String("another")), qPrintable(err));
    }
    QCOMPARE(integrity(workspace), S("ok"));
    const Counts now = counts(workspace);
    const bool aOk = a.exitCode() == 0, bOk = b.exitCode() == 0;
    if (aOk && bOk) {
        QVERIFY2(now == m_afterAB || now == m_afterBA,
                 qPrintable(describe(now) + S("\nA then B: ") + describe(m_afterAB)));
    } else if (aOk) {
        QVERIFY(now == m_afterA);
    } else if (bOk) {
        QVERIFY(now == m_afterB);
    } else {
        QVERIFY(now == m_baseCounts);
    }
    qInfo("A %s in %lld ms (alone %lld); B, started %lld ms later, %s in %lld ms (alone %lld): "
          "it waited about %lld ms",
          aOk ? "imported" : "failed", aMs, m_aMs, aMs - bMs, bOk ? "imported" : "failed", bMs, m_bMs,
          std::max<qint64>(0, bMs - m_bMs));
}

// An import that holds the workspace longer than the busy timeout (here: this test's own write
// transaction). Readers go on reading; the second import gives up with a message that names the
// workspace and says why, and leaves it as it was.
void TestConcurrentUse::busyWorkspaceIsReportedClearly()
{
    const QString workspace = m_dir.filePath(S("busy.faultline"));
    removeWorkspace(workspace);
    QVERIFY(QFile::copy(m_base, workspace));
    const Snapshot before = snapshot(store::Workspace::openReadOnly(workspace).db());
    QElapsedTimer timer;
    test::ProcessResult r;
    {
        store::Workspace writer = store::Workspace::open(workspace);
        store::SqliteTransaction holding(writer.db());
        const auto metrics = test::runFaultline({ S("metrics"), S("--workspace"), workspace });
        QVERIFY2(metrics.exitCode == 0, qPrintable(metrics.err));
        timer.start();
        r = test::runFaultline(importB(workspace));
    }
    const qint64 waited = timer.elapsed();
    qInfo("the blocked import gave up after %lld ms: %s", waited, qPrintable(r.err.trimmed()));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(!rawBusy(r.err), qPrintable(r.err));
    QVERIFY2(r.err.contains(workspace), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("another import")), qPrintable(r.err));
    QVERIFY(waited >= store::Workspace::kBusyTimeoutMs - 1000); // it did wait before giving up
    QCOMPARE(integrity(workspace), S("ok"));
    QVERIFY(snapshot(store::Workspace::openReadOnly(workspace).db()) == before);
}

QTEST_GUILESS_MAIN(TestConcurrentUse)
#include "tst_concurrent_use.moc"
