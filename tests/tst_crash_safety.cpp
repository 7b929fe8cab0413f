// Issue 10, crash safety: an import killed with SIGKILL at any moment (while it parses, while it
// commits, while SQLite copies the WAL into the main file) leaves a workspace that opens, passes
// `PRAGMA integrity_check` and holds exactly the data from before the import or exactly the data of
// the completed import, never anything in between; `faultline metrics` still runs on it.
//
// The input is the demo team's CI exports (the plan and the real export writers, without the git
// repository: the CI import needs no commits), imported through the binary a user runs, into a
// workspace that already holds the demo's deployments, incidents and pull requests.
#include "demo_exports.h"
#include "store/sqlite_database.h"
#include "store/workspace.h"
#include "store_snapshot.h"
#include "test_support.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <map>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

using namespace faultline;
using test::S;

namespace {

constexpr int kKilledRuns = 20; // the issue asks for at least 20
constexpr int kMaxRandomRuns = 40; // a cap, counting the runs that ended before their moment
constexpr int kCheckpointRuns = 10;

using test::Snapshot;
using test::snapshot;

using test::integrityCheck;
using test::rowCounts;

// "commits=12 deployments=3 …"
QString describeCounts(const Snapshot& s)
{
    return test::describe(rowCounts(s));
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

using test::removeWorkspace;

// Size and modification time of a file: a checkpoint is the only thing that writes a WAL-mode main
// file, so a change here means one has begun.
struct FileStamp
{
    std::int64_t size = -1;
    std::int64_t mtimeNs = -1;
    bool operator==(const FileStamp&) const = default;
};

FileStamp stamp(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    return { std::int64_t(st.st_size), std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec };
}

// How far the checkpoint had got when the process died, page by page: pages of the main file that
// differ from the file before (written) and from the file a finished checkpoint leaves (not yet).
struct CopyProgress
{
    int written = 0;
    int remaining = 0;
    // From the wal-index (-shm) the process left, before anything opened the workspace again
    // (sqlite.org/walformat.html): the frames the WAL holds, those a checkpoint set out to copy
    // (nBackfillAttempted, written before it copies) and those it recorded as copied (nBackfill,
    // written after the copy and its fsync).
    quint32 walFrames = 0;
    quint32 backfillAttempted = 0;
    quint32 backfilled = 0;
    // A checkpoint had begun and had not finished: SQLite must redo it from the WAL.
    bool insideCheckpoint() const { return written > 0 && backfilled < backfillAttempted; }
};

quint32 nativeU32(const QByteArray& bytes, qsizetype at)
{
    quint32 value = 0;
    std::memcpy(&value, bytes.constData() + at, sizeof value); // the wal-index is in native byte order
    return value;
}

int pageSize(const QByteArray& file)
{
    if (file.size() < 100)
        return 4096;
    const int size = (static_cast<unsigned char>(file.at(16)) << 8) | static_cast<unsigned char>(file.at(17));
    return size == 1 ? 65536 : size;
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedImportLeavesBeforeOrAfter();
    void killedCheckpointLosesNothing();

private:
    QStringList bigImport(const QString& workspace) const;
    QStringList smallImport(const QString& workspace) const;
    void runToEnd(const QStringList& args);
    // Opens `workspace` as the app does after a crash and checks it holds `before` or `after`
    // (sets `committed`), then runs `faultline metrics` on it.
    void checkRecovered(const QString& workspace, const Snapshot& before, const Snapshot& after,
                        bool& committed);
    void copyProgress(const QString& workspace, const QByteArray& mainBefore, CopyProgress& progress);
    void killAt(QProcess& child, qint64 delayMs, bool& killed);

    QTemporaryDir m_dir;
    QString m_exports;
    QString m_base; // deployments, incidents and pull requests
    Snapshot m_before; // of m_base
    Snapshot m_completed; // m_base + the CI import
    qint64 m_importMs = 0;
    std::uint32_t m_seed = 0;
};

QStringList TestCrashSafety::bigImport(const QString& workspace) const
{
    const QDir e(m_exports);
    return { S("import"),
             S("ci"),
             e.filePath(S("runs.jsonl")),
             e.filePath(S("jobs.jsonl")),
             e.filePath(S("junit")),
             S("--workspace"),
             workspace };
}

QStringList TestCrashSafety::smallImport(const QString& workspace) const
{
    return { S("import"), S("incidents"), test::dataPath(S("incidents/pagerduty_incident_single.json")),
             S("--workspace"), workspace };
}

void TestCrashSafety::runToEnd(const QStringList& args)
{
    const auto r = test::runFaultline(args);
    QVERIFY2(r.exitCode == 0, qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char('\n') + r.err));
}

void TestCrashSafety::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(!qEnvironmentVariableIsEmpty("FAULTLINE_BINARY"), "run through ctest");
    m_seed = qEnvironmentVariableIsSet("FAULTLINE_CRASH_SEED")
        ? std::uint32_t(qEnvironmentVariable("FAULTLINE_CRASH_SEED").toULong())
        : std::random_device {}();
    qInfo("seed %u (FAULTLINE_CRASH_SEED=%u replays the kill moments)", m_seed, m_seed);
    QElapsedTimer setUp;
    setUp.start();
    m_exports = m_dir.filePath(S("exports"));
    QVERIFY(QDir().mkpath(m_exports));
    test::writeDemoExports(m_exports);

    m_base = m_dir.filePath(S("base.faultline"));
    for (const auto& [kind, folder] :
         { std::pair { "deploys", "deployments" }, std::pair { "incidents", "incidents" },
           std::pair { "prs", "pull-requests" } }) {
        runToEnd({ S("import"), QLatin1String(kind), QDir(m_exports).filePath(QLatin1String(folder)),
                   S("--workspace"), m_base });
        if (QTest::currentTestFailed())
            return;
    }
    m_before = snapshot(store::Workspace::openReadOnly(m_base).db());

    // The completed import, once: its duration spreads the kills, its rows are the "after" state.
    const QString reference = m_dir.filePath(S("reference.faultline"));
    QVERIFY(QFile::copy(m_base, reference));
    QElapsedTimer timer;
    timer.start();
    runToEnd(bigImport(reference));
    m_importMs = timer.elapsed();
    m_completed = snapshot(store::Workspace::openReadOnly(reference).db());
    QVERIFY(m_completed.at(S("pipeline_runs")).rows > 0);
    QVERIFY(m_completed.at(S("jobs")).rows > 0);
    qInfo("set-up %lld ms; the CI import takes %lld ms; before: %s", qint64(setUp.elapsed()), m_importMs,
          qPrintable(describeCounts(m_before)));
    qInfo("after: %s", qPrintable(describeCounts(m_completed)));
}

void TestCrashSafety::killAt(QProcess& child, qint64 delayMs, bool& killed)
{
    killed = false;
    if (child.waitForFinished(int(delayMs)))
        return; // the import ended before its moment came
    QVERIFY(::kill(pid_t(child.processId()), SIGKILL) == 0);
    QVERIFY(child.waitForFinished(30000));
    // The child may have exited on its own between the wait and the signal.
    killed = child.exitStatus() == QProcess::CrashExit;
}

void TestCrashSafety::checkRecovered(const QString& workspace, const Snapshot& before, const Snapshot& after,
                                     bool& committed)
{
    Snapshot now;
    try {
        // The way the GUI, metrics and exports open a workspace.
        const store::Workspace ws = store::Workspace::openReadOnly(workspace);
        const QString check = integrityCheck(ws.db());
        QVERIFY2(check == QLatin1String("ok"), qPrintable(check));
        now = snapshot(ws.db());
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
    if (now == before) {
        committed = false;
    } else {
        // The completed import's own bookkeeping (start time, duration) differs run to run: after
        // the commit every table holds the completed import's number of rows.
        QVERIFY2(rowCounts(now) == rowCounts(after),
                 qPrintable(S("neither before nor after the import:\nnow    ") + describeCounts(now)
                            + S("\nbefore ") + describeCounts(before) + S("\nafter  ")
                            + describeCounts(after)));
        committed = true;
    }
    const auto metrics
        = test::runFaultline({ S("metrics"), S("--workspace"), workspace, S("--format"), S("json") });
    QVERIFY2(metrics.exitCode == 0, qPrintable(metrics.err));
    QVERIFY(metrics.out.startsWith(QLatin1Char('{')));
}

void TestCrashSafety::copyProgress(const QString& workspace, const QByteArray& mainBefore,
                                   CopyProgress& progress)
{
    // What a finished checkpoint leaves: a copy of the main file and WAL as the process left them,
    // checkpointed to the end (the WAL's committed frames are the truth SQLite recovers).
    const QString finished = m_dir.filePath(S("finished.faultline"));
    removeWorkspace(finished);
    progress = {};
    if (const QByteArray shm = readAll(workspace + S("-shm")).left(136); shm.size() == 136) {
        progress.walFrames = nativeU32(shm, 16); // WalIndexHdr.mxFrame
        progress.backfilled = nativeU32(shm, 96); // WalCkptInfo.nBackfill
        progress.backfillAttempted = nativeU32(shm, 128); // WalCkptInfo.nBackfillAttempted
    }
    QVERIFY(QFile::copy(workspace, finished));
    if (QFile::exists(workspace + S("-wal")))
        QVERIFY(QFile::copy(workspace + S("-wal"), finished + S("-wal")));
    {
        store::SqliteDatabase db(finished, store::SqliteDatabase::OpenMode::ReadWrite);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    const QByteArray now = readAll(workspace);
    const QByteArray done = readAll(finished);
    removeWorkspace(finished);
    const int page = pageSize(done);
    const qsizetype pages = (std::max({ now.size(), done.size(), mainBefore.size() }) + page - 1) / page;
    for (qsizetype i = 0; i < pages; ++i) {
        const QByteArray mine = now.mid(i * page, page);
        if (mine != mainBefore.mid(i * page, page))
            ++progress.written;
        if (mine != done.mid(i * page, page))
            ++progress.remaining;
    }
}

// SIGKILL at a random moment of the import (seeded; FAULTLINE_CRASH_SEED replays the moments). The same
// workspace takes kill after kill, as a user's would; it is reset only when an import got through.
void TestCrashSafety::killedImportLeavesBeforeOrAfter()
{
    std::mt19937 random(m_seed);
    // Over the whole import, from the start of the process to its exit; a run that ends before its
    // moment (the machine got faster) shortens the span for the next ones.
    qint64 span = m_importMs;

    const QString workspace = m_dir.filePath(S("killed.faultline"));
    removeWorkspace(workspace);
    QVERIFY(QFile::copy(m_base, workspace));
    const QByteArray baseBytes = readAll(m_base);
    int killed = 0, beforeCommit = 0, afterCommit = 0, completed = 0, checkpointHit = 0;
    qint64 longestRunMs = 0;
    QElapsedTimer total;
    total.start();
    for (int run = 0; killed < kKilledRuns && run < kMaxRandomRuns; ++run) {
        const qint64 delay = std::uniform_int_distribution<qint64>(0, span)(random);
        QElapsedTimer timer;
        timer.start();
        QProcess child;
        child.start(qEnvironmentVariable("FAULTLINE_BINARY"), bigImport(workspace));
        QVERIFY(child.waitForStarted());
        bool wasKilled = false;
        killAt(child, delay, wasKilled);
        if (QTest::currentTestFailed())
            return;
        if (!wasKilled) {
            QVERIFY2(child.exitCode() == 0, child.readAllStandardError().constData());
            span = std::min(span, qint64(timer.elapsed()));
        }
        CopyProgress progress;
        copyProgress(workspace, baseBytes, progress);
        if (QTest::currentTestFailed())
            return;
        bool committed = false;
        checkRecovered(workspace, m_before, m_completed, committed);
        if (QTest::currentTestFailed()) {
            qWarning("run %d: killed at %lld ms", run, delay);
            return;
        }
        // Before its commit an import writes only to the WAL: the main file is untouched.
        if (!committed)
            QVERIFY2(progress.written == 0, qPrintable(QStringLiteral("%1 pages").arg(progress.written)));
        killed += wasKilled;
        beforeCommit += wasKilled && !committed;
        afterCommit += wasKilled && committed;
        completed += !wasKilled;
        checkpointHit += wasKilled && progress.insideCheckpoint();
        longestRunMs = std::max(longestRunMs, qint64(timer.elapsed()));
        qInfo("run %2d: %s at %5lld ms: %s (main file: %d pages written, %d to go; WAL %u frames, "
              "checkpoint %u of %u)",
              run, wasKilled ? "killed" : "ended ", delay, committed ? "after commit " : "before commit",
              progress.written, progress.remaining, progress.walFrames, progress.backfilled,
              progress.backfillAttempted);
        if (committed) {
            removeWorkspace(workspace);
            QVERIFY(QFile::copy(m_base, workspace));
        }
    }
    QCOMPARE(killed, kKilledRuns);
    qInfo("%d kills: %d before the commit, %d after it (%d inside a checkpoint); %d imports ended "
          "before their moment; %lld ms in all, longest run %lld ms",
          killed, beforeCommit, afterCommit, checkpointHit, completed, qint64(total.elapsed()), longestRunMs);

    // The workspace that took the kills still takes an import.
    runToEnd(bigImport(workspace));
    const store::Workspace ws = store::Workspace::openReadOnly(workspace);
    QCOMPARE(integrityCheck(ws.db()), S("ok"));
    QVERIFY(rowCounts(snapshot(ws.db())) == rowCounts(m_completed));
}

// Power cut during a checkpoint. A reader's open snapshot holds every checkpoint back while the CI
// import commits (as the GUI's reads do), so its pages stay in the WAL; the next import, a small
// one, then checkpoints them at its commit or close. SIGKILL lands while that copy runs: the moment
// the main file starts to change (nothing else writes a WAL-mode main file) plus a random part of
// the copy's measured length. How we know a kill landed inside the checkpoint: the main file had
// changed (pages written) and the wal-index the process left says a checkpoint set out to copy the
// WAL's frames (nBackfillAttempted) but never recorded them copied (nBackfill); comparing the main
// file page by page with the file a finished checkpoint leaves shows how far the copy had got.
void TestCrashSafety::killedCheckpointLosesNothing()
{
    const QString workspace = m_dir.filePath(S("checkpoint.faultline"));
    removeWorkspace(workspace);
    QVERIFY(QFile::copy(m_base, workspace));
    {
        store::Workspace reader = store::Workspace::openReadOnly(workspace);
        // This connection must not checkpoint the WAL itself when it closes.
        QCOMPARE(sqlite3_db_config(reader.db().handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr),
                 SQLITE_OK);
        reader.db().exec("BEGIN");
        QCOMPARE(reader.db().queryInt64("SELECT count(*) FROM pipeline_runs"), std::int64_t(0));
        runToEnd(bigImport(workspace));
        // Still the reader's snapshot.
        QCOMPARE(reader.db().queryInt64("SELECT count(*) FROM pipeline_runs"), std::int64_t(0));
        reader.db().exec("COMMIT");
    }
    const QByteArray pendingMain = readAll(workspace);
    const QByteArray pendingWal = readAll(workspace + S("-wal"));
    QVERIFY2(pendingMain == readAll(m_base), "the import's pages must still be in the WAL only");
    const qsizetype walFrames = pendingWal.size() / (pageSize(pendingMain) + 24);
    QVERIFY(walFrames > 0);
    const auto restore = [&] {
        removeWorkspace(workspace);
        QVERIFY(writeAll(workspace, pendingMain));
        QVERIFY(writeAll(workspace + S("-wal"), pendingWal));
    };
    // The data as the WAL holds it: the whole CI import.
    restore();
    Snapshot pending;
    {
        const store::Workspace ws = store::Workspace::openReadOnly(workspace);
        QCOMPARE(sqlite3_db_config(ws.db().handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr),
                 SQLITE_OK);
        pending = snapshot(ws.db());
    }
    QVERIFY(rowCounts(pending) == rowCounts(m_completed));

    // The small import to its end: the "after" state, and how long its checkpoint copies.
    restore();
    const FileStamp untouched = stamp(workspace);
    QProcess reference;
    QElapsedTimer timer;
    reference.start(qEnvironmentVariable("FAULTLINE_BINARY"), smallImport(workspace));
    QVERIFY(reference.waitForStarted());
    timer.start();
    qint64 firstWrite = -1, lastWrite = -1;
    FileStamp seen = untouched;
    while (!reference.waitForFinished(0)) {
        if (const FileStamp now = stamp(workspace); !(now == seen)) {
            seen = now;
            lastWrite = timer.elapsed();
            if (firstWrite < 0)
                firstWrite = lastWrite;
        }
        ::usleep(100);
    }
    QVERIFY2(reference.exitCode() == 0, reference.readAllStandardError().constData());
    const qint64 exitedAt = timer.elapsed();
    QVERIFY2(firstWrite >= 0, "the small import did not checkpoint");
    const Snapshot afterSmall = snapshot(store::Workspace::openReadOnly(workspace).db());
    const qint64 copyMs = std::max<qint64>(1, lastWrite - firstWrite);
    qInfo(
        "%lld WAL frames; the small import's checkpoint began at %lld ms, wrote for %lld ms, exit at %lld ms",
        qint64(walFrames), firstWrite, copyMs, exitedAt);

    std::mt19937 random(m_seed + 1);
    std::uniform_int_distribution<qint64> moment(0, copyMs * 1000);
    int inside = 0, midCopy = 0, committed = 0;
    for (int run = 0; run < kCheckpointRuns; ++run) {
        restore();
        const FileStamp restored = stamp(workspace);
        QProcess child;
        child.start(qEnvironmentVariable("FAULTLINE_BINARY"), smallImport(workspace));
        QVERIFY(child.waitForStarted());
        bool ended = false;
        while (!(ended = child.waitForFinished(0)) && stamp(workspace) == restored)
            ::usleep(50);
        QVERIFY2(!ended, "the import ended before its checkpoint was seen");
        ::usleep(useconds_t(moment(random)));
        QVERIFY(::kill(pid_t(child.processId()), SIGKILL) == 0);
        QVERIFY(child.waitForFinished(30000));
        CopyProgress progress;
        copyProgress(workspace, pendingMain, progress);
        if (QTest::currentTestFailed())
            return;
        bool afterCommit = false;
        // The CI import was committed before: the small one may or may not be.
        checkRecovered(workspace, pending, afterSmall, afterCommit);
        if (QTest::currentTestFailed())
            return;
        inside += progress.insideCheckpoint();
        midCopy += progress.insideCheckpoint() && progress.remaining > 0;
        committed += afterCommit;
        qInfo("checkpoint run %d: main file %d pages written, %d to go; checkpoint recorded %u of %u "
              "frames (WAL %u); small import %s",
              run, progress.written, progress.remaining, progress.backfilled, progress.backfillAttempted,
              progress.walFrames, afterCommit ? "committed" : "not committed");
    }
    qInfo("%d checkpoint kills: %d inside the checkpoint (%d of them before every page was copied); "
          "the small import had committed in %d",
          kCheckpointRuns, inside, midCopy, committed);
    QVERIFY2(inside > 0, "no kill landed inside the checkpoint");
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crash_safety.moc"
