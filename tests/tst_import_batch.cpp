#include "store/import_batch.h"
#include "store/store_error.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <stdexcept>

using namespace faultline::store;
using faultline::test::fileSha256;
using faultline::test::rowCount;

namespace {

const BulkWriter::Spec kRuns { "pipeline_runs", { "provider", "external_id", "attempt", "name", "started_at" } };

// Writes `runs` pipeline runs (ids first..first+runs-1) the way an importer does.
void writeRuns(ImportBatch& batch, int first, int runs)
{
    BulkWriter& w = batch.writer(kRuns);
    for (int i = first; i < first + runs; ++i) {
        w.value("github").value(std::to_string(i)).value(1).value("CI").value(std::int64_t(1700000000000LL + i));
        w.endRow();
    }
}

ImportSource source(const QString& path, const char* sha)
{
    return { path, QStringLiteral("test-runs"), QByteArray(sha) };
}

struct Cancelled : std::runtime_error
{
    Cancelled()
        : std::runtime_error("cancelled")
    {
    }
};

} // namespace

class TestImportBatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void commitRecordsTheImport();
    void failureLeavesFileByteForByteUnchanged_data();
    void failureLeavesFileByteForByteUnchanged();
    void reimportAddsNoRows();
    void overlappingImportAddsOnlyNewRows();
    void warningsAreStored();
    void bulkWriterWritesFullAndPartialStatements_data();
    void bulkWriterWritesFullAndPartialStatements();
    void bulkWriterRejectsMalformedRows();
    void bulkWriterStoresValidUtf8Only_data();
    void bulkWriterStoresValidUtf8Only();
    void deferredIndexesComeBackOnCommitAndRollback();
    void fileHash();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestImportBatch::init()
{
    m_path = m_dir.filePath(QStringLiteral("%1.faultline").arg(QString::fromLatin1(QTest::currentTestFunction())));
    QFile::remove(m_path);
    Workspace::create(m_path);
}

void TestImportBatch::commitRecordsTheImport()
{
    auto ws = Workspace::open(m_path);
    ImportBatch batch(ws, source(QStringLiteral("/exports/runs.json"), "c0ffee"));
    writeRuns(batch, 1, 100);
    batch.countRows(QStringLiteral("jobs"), 0);
    const ImportSummary summary = batch.commit();
    QVERIFY(!batch.isActive());
    QCOMPARE(summary.rowsInserted, 100);
    QCOMPARE(summary.rowCounts.value(QStringLiteral("pipeline_runs")), 100);
    QVERIFY(!summary.seenBefore);

    auto row = ws.db().prepare("SELECT path, format, sha256, rows_inserted, row_counts, import_count, duration_ms, "
                               "started_at FROM imports");
    QVERIFY(row.step());
    QCOMPARE(row.text(0), QStringLiteral("/exports/runs.json"));
    QCOMPARE(row.text(1), QStringLiteral("test-runs"));
    QCOMPARE(row.text(2), QStringLiteral("c0ffee"));
    QCOMPARE(row.int64(3), 100);
    QCOMPARE(row.text(4), QStringLiteral("{\"jobs\":0,\"pipeline_runs\":100}"));
    QCOMPARE(row.int64(5), 1);
    QVERIFY(row.int64(6) >= 0);
    QVERIFY(row.int64(7) > 1700000000000LL);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("pipeline_runs")), 100);
}

void TestImportBatch::failureLeavesFileByteForByteUnchanged_data()
{
    QTest::addColumn<int>("rowsBeforeFailure");
    QTest::addColumn<bool>("viaCancel");
    QTest::addColumn<bool>("explicitRollback");
    // 1000 rows: most were already flushed to SQLite by full multi-row statements before the failure.
    QTest::addRow("error after flushed rows") << 1000 << false << false;
    QTest::addRow("error before anything flushed") << 3 << false << false;
    QTest::addRow("cancel after flushed rows") << 1000 << true << false;
    QTest::addRow("explicit rollback") << 1000 << false << true;
}

void TestImportBatch::failureLeavesFileByteForByteUnchanged()
{
    QFETCH(int, rowsBeforeFailure);
    QFETCH(bool, viaCancel);
    QFETCH(bool, explicitRollback);
    {
        auto ws = Workspace::open(m_path);
        ImportBatch first(ws, source(QStringLiteral("a.json"), "aaaa"));
        writeRuns(first, 1, 10);
        first.commit();
    }
    const QByteArray before = fileSha256(m_path);
    QVERIFY(!before.isEmpty());
    {
        auto ws = Workspace::open(m_path);
        try {
            ImportBatch batch(ws, source(QStringLiteral("b.json"), "bbbb"));
            writeRuns(batch, 100, rowsBeforeFailure);
            batch.statement("INSERT INTO repos (name, location) VALUES ('r', '/r')").exec();
            if (explicitRollback) {
                batch.rollback();
                QVERIFY(!batch.isActive());
            } else if (viaCancel) {
                throw Cancelled();
            } else {
                // A constraint failure in the middle of the import, as a malformed file would cause.
                batch.statement("INSERT INTO commit_files (commit_id, path, change) VALUES (1, 'x', '?')").exec();
                QFAIL("the bad row must throw");
            }
        } catch (const StoreError&) {
            QVERIFY(!viaCancel);
        } catch (const Cancelled&) {
            QVERIFY(viaCancel);
        }
        QCOMPARE(rowCount(ws.db(), QStringLiteral("pipeline_runs")), 10);
        QCOMPARE(rowCount(ws.db(), QStringLiteral("repos")), 0);
        QCOMPARE(rowCount(ws.db(), QStringLiteral("imports")), 1);
    }
    // Closing the last connection checkpoints the WAL into the file: any leaked row would change it.
    QCOMPARE(fileSha256(m_path), before);
}

void TestImportBatch::reimportAddsNoRows()
{
    auto ws = Workspace::open(m_path);
    {
        ImportBatch batch(ws, source(QStringLiteral("runs.json"), "1111"));
        writeRuns(batch, 1, 250);
        QCOMPARE(batch.commit().rowsInserted, 250);
    }
    const auto changesBefore = ws.db().queryInt64("SELECT sum(rows_inserted) FROM imports");
    ImportBatch again(ws, source(QStringLiteral("copy-of-runs.json"), "1111"));
    writeRuns(again, 1, 250);
    const ImportSummary summary = again.commit();
    QCOMPARE(summary.rowsInserted, 0);
    QVERIFY(summary.seenBefore);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("pipeline_runs")), 250);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("imports")), 1);
    QCOMPARE(ws.db().queryInt64("SELECT import_count FROM imports"), 2);
    QCOMPARE(ws.db().queryInt64("SELECT sum(rows_inserted) FROM imports"), changesBefore);
}

void TestImportBatch::overlappingImportAddsOnlyNewRows()
{
    auto ws = Workspace::open(m_path);
    {
        ImportBatch batch(ws, source(QStringLiteral("week1.json"), "w1"));
        writeRuns(batch, 1, 100);
        batch.commit();
    }
    ImportBatch batch(ws, source(QStringLiteral("week1-2.json"), "w12"));
    writeRuns(batch, 51, 100); // runs 51..150: 50 known, 50 new
    QCOMPARE(batch.commit().rowsInserted, 50);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("pipeline_runs")), 150);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("imports")), 2);
}

void TestImportBatch::warningsAreStored()
{
    auto ws = Workspace::open(m_path);
    ImportBatch batch(ws, source(QStringLiteral("stages.json"), "5555"));
    batch.addWarning({ QStringLiteral("unknown-status"), QStringLiteral("stages.json"), 0,
        QStringLiteral("$[2].status"), QStringLiteral("kept 'NOT_BUILD' as is") });
    batch.addWarning({ QStringLiteral("skipped-line"), QStringLiteral("job.log"), 17, QString(), QStringLiteral("x") });
    QCOMPARE(batch.commit().warnings, 2);
    auto w = ws.db().prepare("SELECT kind, file, line, location, detail FROM import_warnings ORDER BY id");
    QVERIFY(w.step());
    QCOMPARE(w.text(0), QStringLiteral("unknown-status"));
    QVERIFY(w.isNull(2));
    QCOMPARE(w.text(3), QStringLiteral("$[2].status"));
    QVERIFY(w.step());
    QCOMPARE(w.int64(2), 17);
    QVERIFY(w.isNull(3));
    QVERIFY(!w.step());
    QCOMPARE(ws.db().queryInt64("SELECT warning_count FROM imports"), 2);
}

void TestImportBatch::bulkWriterWritesFullAndPartialStatements_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("perStatement");
    QTest::addRow("one row") << 1 << 64;
    QTest::addRow("exactly one statement") << 64 << 64;
    QTest::addRow("two statements and a remainder") << 130 << 64;
    QTest::addRow("single-row statements") << 17 << 1;
}

void TestImportBatch::bulkWriterWritesFullAndPartialStatements()
{
    QFETCH(int, rows);
    QFETCH(int, perStatement);
    auto ws = Workspace::open(m_path);
    SqliteTransaction tx(ws.db());
    BulkWriter w(ws.db(), { "repos", { "name", "location", "imported_at" } }, perStatement);
    QCOMPARE(w.rowsPerStatement(), perStatement);
    for (int i = 0; i < rows; ++i) {
        // Text with quotes and a NUL-free multi-byte string: bound, never spliced into SQL.
        w.value("r'; DROP TABLE repos; --").value(QStringLiteral("/src/ü%1").arg(i)).value(std::int64_t(i));
        w.endRow();
    }
    w.flush();
    tx.commit();
    QCOMPARE(w.rowsWritten(), rows);
    QCOMPARE(rowCount(ws.db(), QStringLiteral("repos")), rows);
    QCOMPARE(ws.db().queryInt64("SELECT sum(imported_at) FROM repos"), std::int64_t(rows) * (rows - 1) / 2);
    auto s = ws.db().prepare("SELECT name, location FROM repos WHERE imported_at = 0");
    QVERIFY(s.step());
    QCOMPARE(s.text(0), QStringLiteral("r'; DROP TABLE repos; --"));
    QCOMPARE(s.text(1), QStringLiteral("/src/ü0"));
}

void TestImportBatch::bulkWriterRejectsMalformedRows()
{
    auto ws = Workspace::open(m_path);
    BulkWriter w(ws.db(), { "repos", { "name", "location" } });
    w.value("only one");
    QVERIFY_THROWS_EXCEPTION(StoreError, w.endRow());
    QVERIFY_THROWS_EXCEPTION(StoreError, w.flush());
    BulkWriter w2(ws.db(), { "repos", { "name", "location" } });
    w2.value("a").value("b");
    QVERIFY_THROWS_EXCEPTION(StoreError, w2.value("c"));
    QVERIFY_THROWS_EXCEPTION(StoreError, BulkWriter(ws.db(), { "no_such_table", { "x" } }));
}

void TestImportBatch::bulkWriterStoresValidUtf8Only_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("stored");
    QTest::addRow("ascii") << QByteArray("plain") << QStringLiteral("plain");
    QTest::addRow("valid multi-byte") << QByteArray("Jos\xc3\xa9 \xe2\x82\xac \xf0\x9f\xa4\x96") << QStringLiteral("José € 🤖");
    QTest::addRow("latin-1 byte") << QByteArray("Jos\xe9") << QStringLiteral("Jos\uFFFD");
    // Qt (and so the store) replaces each byte of a broken sequence.
    QTest::addRow("truncated sequence at end") << QByteArray("abc\xe2\x82") << QStringLiteral("abc\uFFFD\uFFFD");
    QTest::addRow("overlong slash") << QByteArray("a\xc0\xaf" "b") << QStringLiteral("a\uFFFD\uFFFD" "b");
    QTest::addRow("surrogate") << QByteArray("\xed\xa0\x80") << QStringLiteral("\uFFFD\uFFFD\uFFFD");
}

void TestImportBatch::bulkWriterStoresValidUtf8Only()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, stored);
    auto ws = Workspace::open(m_path);
    BulkWriter w(ws.db(), { "repos", { "name", "location" } });
    w.value(std::string_view(input.constData(), size_t(input.size()))).value("/r");
    w.endRow();
    w.flush();
    auto q = ws.db().prepare("SELECT name, name = CAST(name AS BLOB) FROM repos");
    QVERIFY(q.step());
    const QByteArray bytes = q.utf8(0);
    QCOMPARE(QString::fromUtf8(bytes), stored);
    // What is stored decodes without loss: re-encoding gives the same bytes.
    QCOMPARE(QString::fromUtf8(bytes).toUtf8(), bytes);
    QVERIFY(!stored.contains(QChar(0xFFFD)) || bytes.contains("\xef\xbf\xbd"));
}

void TestImportBatch::deferredIndexesComeBackOnCommitAndRollback()
{
    auto ws = Workspace::open(m_path);
    auto indexSql = [&ws](const char* name) {
        auto q = ws.db().prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1");
        q.bind(1, std::string_view(name));
        return q.step() ? q.text(0) : QString();
    };
    const QString before = indexSql("pipeline_runs_started");
    QVERIFY(!before.isEmpty());
    {
        ImportBatch batch(ws, source(QStringLiteral("a.json"), "d1"));
        batch.deferIndexes({ "pipeline_runs_started", "no_such_index" });
        QVERIFY(indexSql("pipeline_runs_started").isEmpty()); // dropped for the load
        writeRuns(batch, 1, 200);
        batch.commit();
    }
    QCOMPARE(indexSql("pipeline_runs_started"), before);
    // The rebuilt index is used and complete.
    QCOMPARE(ws.db().queryInt64("SELECT count(*) FROM pipeline_runs INDEXED BY pipeline_runs_started WHERE started_at > 0"),
        std::int64_t(200));
    {
        ImportBatch batch(ws, source(QStringLiteral("b.json"), "d2"));
        batch.deferIndexes({ "pipeline_runs_started" });
        writeRuns(batch, 500, 10);
    } // rolled back: the DROP is undone with everything else
    QCOMPARE(indexSql("pipeline_runs_started"), before);
}

void TestImportBatch::fileHash()
{
    const QString p = m_dir.filePath(QStringLiteral("hello.txt"));
    QFile f(p);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("hello\n");
    f.close();
    // sha256sum of "hello\n"
    QCOMPARE(ImportBatch::sha256OfFile(p), QByteArray("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"));
    QVERIFY_THROWS_EXCEPTION(StoreError, ImportBatch::sha256OfFile(m_dir.filePath(QStringLiteral("missing"))));
}

QTEST_GUILESS_MAIN(TestImportBatch)
#include "tst_import_batch.moc"
